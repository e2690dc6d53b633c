"""TSV and CSV glossaries: a header row of known columns, then one entry per row."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import InputError
from pipeline.glossary.readers.base import COLUMNS, Row
from pipeline.textfiles import read_text, split_lines

SUFFIXES = (".tsv", ".csv")


def rows(path: Path) -> Iterator[Row]:
    """Yield the data rows; raise InputError for file-level problems (header, quoting, encoding)."""
    # a NUL is a character of its cell (a UTF-16 export is full of zero bytes), reported as a
    # control character at its row and column when the row is built (`load.term_from_row`)
    text = read_text(path, nul_ok=True)
    tsv = path.suffix.lower() == ".tsv"
    # lines end at \n, \r\n or \r only: a vertical tab or U+2028 inside a cell is a character
    # of that cell (rejected as a control character), not a row break
    reader = csv.reader(split_lines(text, keepends=True), delimiter="\t" if tsv else ",",
                        quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL, strict=True)
    header: list[str] | None = None
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = [c.strip().lower() for c in cells]
                unknown = [c for c in header if c not in COLUMNS]
                if unknown:
                    raise InputError(str(path), f"unknown column {unknown[0]!r}; expected some of "
                                     f"{', '.join(COLUMNS)}", line)
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
