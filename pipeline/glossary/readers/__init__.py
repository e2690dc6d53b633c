"""Glossary readers, one module per format, chosen by file suffix.

Each format module exposes `SUFFIXES` and `rows(path) -> Iterator[Row]`; adding a format means
adding a module and one line to `_FORMATS`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import InputError
from pipeline.glossary.readers import table, tbx
from pipeline.glossary.readers.base import COLUMNS, Reader, Row

__all__ = ["COLUMNS", "READERS", "Reader", "Row", "rows"]

_FORMATS = (table, tbx)
READERS: dict[str, Reader] = {suffix: m.rows for m in _FORMATS for suffix in m.SUFFIXES}


def rows(path: Path) -> Iterator[Row]:
    """The rows of a glossary file in any registered format; InputError for an unknown suffix."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(str(path), "unsupported glossary format; use one of "
                         + ", ".join(READERS))
    return reader(path)
