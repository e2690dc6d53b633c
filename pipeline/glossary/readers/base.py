"""What every glossary reader yields: raw rows with their `file:line` origin.

One `Row` shape for every format, so that building terms, linting and error messages are written
once (`load.term_from_row`) and a new format is one module with a `GlossaryReader` plug-in.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from pipeline.registry import Plugin, Registry


#: Columns of an entry besides the Russian ones and the per-language ones.
_ENTRY_COLUMNS = ("case_sensitive", "valid_from", "valid_to", "note", "source", "status")
#: Suffixes of a target language's own columns: `<code>` (the target), `<code>_avoid` (forms to
#: replace), `<code>_accept` (acceptable alternatives); for every registered language, so the
#: columns written before languages were plug-ins (English and Kazakh ones) read as they always did.
LANGUAGE_COLUMNS = ("", "_avoid", "_accept")


def columns() -> tuple[str, ...]:
    """Column names a glossary row may carry; TSV/CSV headers use these (any letter case), TBX
    maps onto them."""
    from pipeline.languages import LANGUAGES  # the languages' modules import the glossary

    codes = sorted(LANGUAGES)
    avoid, accept = LANGUAGE_COLUMNS[1:]
    return ("ru", *codes, "type", "ru_variants", "ru_context", *(code + avoid for code in codes),
            *(code + accept for code in codes), *_ENTRY_COLUMNS)


def column_name(cell: str) -> str | None:
    """The column a header cell names, matched without regard to letter case ("KK-LATN"), or None."""
    return {name.lower(): name for name in columns()}.get(cell.strip().lower())


@dataclass(frozen=True)
class Row:
    """One entry's raw cell values (unstripped; lists `|`-separated) and where it came from."""

    path: str
    line: int
    cells: dict[str, str]

    @property
    def origin(self) -> str:
        return f"{self.path}:{self.line}"


#: Unicode category Cc (C0 and C1 controls, DEL) less tab and line breaks, which are whitespace that
#: loading collapses; one regex search instead of a category look-up per character (a 200,000-entry
#: glossary has millions of characters).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class GlossaryReader(Plugin, ABC):
    """A glossary format: a `name`, the `suffixes` it reads, and the data rows of one file."""

    suffixes: ClassVar[tuple[str, ...]]

    @abstractmethod
    def rows(self, path: Path) -> Iterator[Row]:
        """The file's data rows in file order; InputError with file:line for what cannot be read."""

    def __call__(self, path: Path) -> Iterator[Row]:
        return self.rows(path)


#: Every glossary format, by name; `readers.rows` chooses one by suffix. A new format is one module
#: in this package with a `GlossaryReader` subclass decorated with `@register`.
GLOSSARY_READERS: Registry[GlossaryReader] = Registry("glossary reader", package="pipeline.glossary.readers")

#: Class decorator: make a glossary format available for its suffixes.
register = GLOSSARY_READERS.register


def control_character(value: str) -> str | None:
    """The first control character in a cell ("U+0000"), None when clean.

    A NUL or an escape sequence typed into a spreadsheet would be written into every translation.
    Tab and line breaks are whitespace that loading collapses (a TBX term may be pretty-printed).
    """
    found = _CONTROL.search(value)
    if found is None:
        return None
    ch = found.group()
    return f"U+{ord(ch):04X}" + (" (NUL)" if ch == "\x00" else "")
