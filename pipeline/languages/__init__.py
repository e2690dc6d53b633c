"""Target languages as plug-ins: one module per target language (`en`, `kk`, `kk_latn`), each
registering a `TargetLanguage` in `LANGUAGES`; see `base` for what a language declares."""

from pipeline.languages.base import LANGUAGES, TargetLanguage

__all__ = ["LANGUAGES", "TargetLanguage"]
