"""The output-writer extension point: a name, a `write(data, target) -> paths` method, a registry.

Writers take different inputs (a run's report, a CI gate result, a translation memory), so the
interface is generic in what `write` reads; what they share is that each names its format, writes
atomically under `target` and returns the paths it wrote. A new format is one module with a
`Writer` subclass decorated with `@register`; `WRITERS` (a `pipeline.registry.Registry`, as for
every other axis) imports every module of the package on first use.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

from pipeline.registry import Plugin, Registry

T = TypeVar("T")


class Writer(Plugin, ABC, Generic[T]):
    """One output format."""

    name: ClassVar[str]
    """Short name used on the command line and in messages ("review", "xliff", "tmx", "junit")."""

    @abstractmethod
    def write(self, data: T, target: Path) -> list[Path]:
        """Write `data` in this format to `target` (a file or a folder, per format) and return the
        files written. Every file is written atomically (`pipeline.outputs.write_atomic`)."""


#: Every writer, by name.
WRITERS: Registry[Writer] = Registry("writer", package="pipeline.writers")

#: Class decorator: make a writer available by its name.
register = WRITERS.register


def writer(name: str) -> Writer:
    """The registered writer called `name`; an unknown name is one line naming the registered ones."""
    return WRITERS.lookup(name)
