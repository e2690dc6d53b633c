"""The output-writer extension point: a name, a `write(data, target) -> paths` method, a registry.

Writers take different inputs (a run's report, a CI gate result, a translation memory), so the
interface is generic in what `write` reads; what they share is that each names its format, writes
atomically under `target` and returns the paths it wrote. A new format is one module with a
`Writer` subclass decorated with `@register`.
"""

from __future__ import annotations

import importlib
import pkgutil
from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

T = TypeVar("T")
W = TypeVar("W", bound=type["Writer"])

_REGISTRY: dict[str, Writer] = {}


class Writer(ABC, Generic[T]):
    """One output format."""

    name: ClassVar[str]
    """Short name used on the command line and in messages ("review", "xliff", "tmx", "junit")."""

    @abstractmethod
    def write(self, data: T, target: Path) -> list[Path]:
        """Write `data` in this format to `target` (a file or a folder, per format) and return the
        files written. Every file is written atomically (`pipeline.outputs.write_atomic`)."""


def register(cls: W) -> W:
    """Class decorator: make a writer available by its name."""
    if cls.name in _REGISTRY and type(_REGISTRY[cls.name]) is not cls:
        raise ValueError(f"writer name {cls.name} is claimed twice")
    _REGISTRY[cls.name] = cls()
    return cls


def writer(name: str) -> Writer:
    """The registered writer called `name`; an unknown name lists the registered ones."""
    package = importlib.import_module("pipeline.writers")
    for module in pkgutil.iter_modules(package.__path__):  # each module registers its writer on import
        importlib.import_module(f"pipeline.writers.{module.name}")
    if name not in _REGISTRY:
        raise KeyError(f"no writer named {name!r} (registered: {', '.join(sorted(_REGISTRY))})")
    return _REGISTRY[name]
