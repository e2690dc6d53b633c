"""Translation engines: one protocol, a Hugging Face backend and a CTranslate2 backend, in a registry."""

from pipeline.engines.base import BACKENDS, Backend, Engine, Translation

__all__ = ["BACKENDS", "Backend", "Engine", "Translation"]
