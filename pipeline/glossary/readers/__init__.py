"""Glossary readers, one module per format, chosen by file suffix.

Each format module registers a `GlossaryReader` (its name, suffixes and `rows(path)`) in
`GLOSSARY_READERS`, a `pipeline.registry.Registry` like every other axis; adding a format means
adding a module.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import InputError
from pipeline.glossary.readers.base import GLOSSARY_READERS, LANGUAGE_COLUMNS, GlossaryReader, Row, column_name, columns

__all__ = ["GLOSSARY_READERS", "READERS", "GlossaryReader", "LANGUAGE_COLUMNS", "Row", "column_name", "columns", "rows"]

#: Suffix → reader, live from the registry.
READERS = GLOSSARY_READERS.by_suffix


def rows(path: Path) -> Iterator[Row]:
    """The rows of a glossary file in any registered format; InputError for an unknown suffix."""
    reader = GLOSSARY_READERS.for_path(path)
    if reader is None:
        raise InputError(str(path), "unsupported glossary format; use one of " + ", ".join(READERS))
    return reader.rows(path)
