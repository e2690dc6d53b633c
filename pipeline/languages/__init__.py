"""Target-language modules live here: one module per target language (Kazakh in Latin script first)."""
