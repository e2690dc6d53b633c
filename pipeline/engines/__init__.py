"""Translation engines: one protocol, a Hugging Face backend and a CTranslate2 backend."""

from pipeline.engines.base import Engine, Translation

__all__ = ["Engine", "Translation"]
