"""Glossaries: load (TSV/CSV/TBX), match Russian terms, inflect Kazakh targets, enforce in outputs."""
