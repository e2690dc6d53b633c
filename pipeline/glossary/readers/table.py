"""TSV and CSV glossaries: a header row of known columns, then one entry per row.

A spreadsheet saves what its locale says: Excel in a Russian Windows writes a "CSV" separated by
`;` in windows-1251, its "Unicode text" is tab-separated UTF-16. So the encoding is detected
(UTF-8 with or without BOM, UTF-16 with a BOM, else windows-1251 if charset-normalizer recognises
it) and the separator too (csv.Sniffer among tab, `;` and `,`, checked against the header, whose
cells must be known column names). Quoting follows the suffix: none in .tsv, CSV quoting in .csv.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputError
from pipeline.glossary.readers.base import GlossaryReader, Row, column_name, columns, register
from pipeline.textfiles import TextEncoding, decode_detected, read_bytes, split_lines

SUFFIXES = (".tsv", ".csv")
_DELIMITERS = "\t;,"
_NAMES = {"\t": "tab", ";": "';'", ",": "','"}
_SNIFF_CHARS = 4096


@dataclass(frozen=True)
class TableFormat:
    """How one table file is written: its encoding and separator."""

    encoding: TextEncoding
    delimiter: str

    def notice(self, path: Path) -> str | None:
        """One line for the user when this is not what the suffix implies (UTF-8, tab for .tsv,
        comma for .csv), None otherwise."""
        if self.encoding.is_default and self.delimiter == _default(path):
            return None
        return f"glossary {path}: {self.encoding.label}, {_NAMES[self.delimiter]}-separated"


def _default(path: Path) -> str:
    return "\t" if path.suffix.lower() == ".tsv" else ","


def _header_ok(line: str, delimiter: str) -> bool:
    cells = [column_name(c.strip().strip('"')) for c in line.split(delimiter)]
    return "ru" in cells and None not in cells


def _delimiter(text: str, path: Path) -> str:
    """The separator: csv.Sniffer's guess on the first lines when the header splits into known
    columns with it; else the suffix's or another candidate's that does; else the guess."""
    sample = text[:_SNIFF_CHARS]
    header = next((line for line in split_lines(sample) if line.strip()), "")
    try:
        guess = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        guess = _default(path)
    for candidate in (guess, _default(path), *_DELIMITERS):
        if _header_ok(header, candidate):
            return candidate
    return guess


def _decode(path: Path) -> tuple[str, TableFormat]:
    # a NUL is a character of its cell (a UTF-16 export is full of zero bytes), reported as a
    # control character at its row and column when the row is built (`load.term_from_row`)
    text, encoding = decode_detected(read_bytes(path), path, legacy=("cp1251",), nul_ok=True)
    return text, TableFormat(encoding, _delimiter(text, path))


def table_format(path: Path) -> TableFormat:
    """The detected encoding and separator of a table file (as `rows` reads it)."""
    return _decode(path)[1]


def rows(path: Path) -> Iterator[Row]:
    """Yield the data rows; raise InputError for file-level problems (header, quoting, encoding)."""
    text, fmt = _decode(path)
    tsv = path.suffix.lower() == ".tsv"
    # lines end at \n, \r\n or \r only: a vertical tab or U+2028 inside a cell is a character
    # of that cell (rejected as a control character), not a row break
    reader = csv.reader(split_lines(text, keepends=True), delimiter=fmt.delimiter,
                        quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL, strict=True)
    header: list[str] | None = None
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                named = [column_name(c) for c in cells]
                if None in named:
                    raise InputError(str(path), f"unknown column {cells[named.index(None)].strip().lower()!r}; "
                                     f"expected some of {', '.join(columns())}", line)
                header = [name for name in named if name is not None]
                if "ru" not in header:
                    raise InputError(str(path), "header has no 'ru' column", line)
                dupes = {c for c in header if header.count(c) > 1}
                if dupes:
                    raise InputError(str(path), f"column {sorted(dupes)[0]!r} appears twice", line)
                continue
            if len(cells) > len(header):
                raise InputError(str(path), f"{len(cells)} fields but the header has {len(header)}",
                                 line)
            yield Row(str(path), line, dict(zip(header, cells, strict=False)))
    except csv.Error as exc:
        raise InputError(str(path), f"malformed row: {exc}", reader.line_num) from exc
    if header is None:
        raise InputError(str(path), "empty file: expected a header with a 'ru' column", 1)


@register
class TableReader(GlossaryReader):
    """Tables: TSV and CSV, encoding and separator detected (spreadsheet exports too)."""

    name = "table"
    suffixes = SUFFIXES
    rows = staticmethod(rows)
