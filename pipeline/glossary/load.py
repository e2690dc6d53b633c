"""Read glossary files (TSV, CSV, TBX) into one merged `Glossary`.

Every problem is reported as `InputError` with file and line, because glossaries are edited by hand
in spreadsheets by press officers, and "row 214 has a bad type" is what they can act on.
Row reading (`readers`, one module per format) and term building are separate so that `lint` can report every problem in a
file instead of stopping at the first one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import get_args

from pipeline.errors import InputError
from pipeline.glossary.model import Glossary, Term, TermType
from pipeline.glossary.readers import COLUMNS, Row, rows
from pipeline.glossary.readers.base import control_character

__all__ = ["COLUMNS", "Row", "file_terms", "find_conflicts", "load_glossaries", "load_glossary",
           "term_from_row", "term_key"]

TERM_TYPES: tuple[str, ...] = get_args(TermType)
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0", ""}


def _clean(value: str) -> str:
    """Trim and collapse inner whitespace (lint reports it; loading should not fail on it)."""
    return " ".join(value.split())


def _split(value: str) -> tuple[str, ...]:
    return tuple(v for v in (_clean(p) for p in value.split("|")) if v)


def _date(row: Row, column: str) -> date | None:
    value = _clean(row.cells.get(column) or "")
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(row.path, f"bad date {value!r} in {column}; use YYYY-MM-DD", row.line) from None


def term_from_row(row: Row) -> Term:
    """Build a Term from one row; raise InputError naming file:line for bad values."""
    for column, value in row.cells.items():
        bad = control_character(value or "")
        if bad is not None:
            raise InputError(row.path, f"control character {bad} in {column}", row.line)
    get = lambda name: _clean(row.cells.get(name) or "")  # noqa: E731
    ru = get("ru")
    if not ru:
        raise InputError(row.path, "empty 'ru' (the Russian dictionary form is required)", row.line)
    kind = get("type").lower() or "other"
    if kind not in TERM_TYPES:
        raise InputError(row.path, f"bad type {kind!r}; expected one of {', '.join(TERM_TYPES)}",
                         row.line)
    flag = get("case_sensitive").lower()
    if flag not in _TRUE | _FALSE:
        raise InputError(row.path, f"bad boolean {flag!r} in case_sensitive; use true or false",
                         row.line)
    valid_from, valid_to = _date(row, "valid_from"), _date(row, "valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        raise InputError(row.path, f"valid_to {valid_to} is before valid_from {valid_from}", row.line)
    lists = {name: _split(row.cells.get(name) or "")
             for name in ("ru_variants", "en_avoid", "kk_avoid", "en_accept", "kk_accept")}
    return Term(ru=ru, en=get("en") or None, kk=get("kk") or None, type=kind,  # type: ignore[arg-type]
                case_sensitive=flag in _TRUE, note=get("note"), origin=row.origin,
                valid_from=valid_from, valid_to=valid_to, source=get("source"), **lists)


def term_key(ru: str) -> str:
    """Identity of a Russian entry: case-, ё- and whitespace-insensitive."""
    return " ".join(ru.casefold().replace("ё", "е").split())


def find_conflicts(terms: Iterable[Term]) -> list[tuple[Term, str]]:
    """Every duplicate or conflicting entry, with a message pointing at the first definition.

    A Russian form (entry or variant) may belong to one entry only; otherwise the matcher could not
    tell which target to enforce.
    """
    seen: dict[str, Term] = {}
    problems: list[tuple[Term, str]] = []
    for term in terms:
        for form in dict.fromkeys((term.ru, *term.ru_variants)):
            key = term_key(form)
            first = seen.get(key)
            if first is None:
                seen[key] = term
                continue
            if first is term:
                continue
            same_entry = key == term_key(term.ru) == term_key(first.ru)
            if same_entry and (first.en, first.kk) == (term.en, term.kk):
                problems.append((term, f"duplicate entry {term.ru!r} (first at {first.origin})"))
            elif same_entry:
                problems.append((term, f"conflicting targets for {term.ru!r}: "
                                       f"en={term.en!r} kk={term.kk!r} here, en={first.en!r} "
                                       f"kk={first.kk!r} at {first.origin}"))
            else:
                problems.append((term, f"{form!r} is already a form of {first.ru!r} "
                                       f"(at {first.origin})"))
    return problems


def _split_origin(origin: str) -> tuple[str, int | None]:
    path, _, line = origin.rpartition(":")
    return (path, int(line)) if line.isdigit() else (origin, None)


def file_terms(path: Path) -> list[Term]:
    """All terms of one file (any registered format), in file order, without merge checks."""
    return [term_from_row(row) for row in rows(Path(path))]


def load_glossaries(paths: list[Path]) -> Glossary:
    """Load and merge several glossary files; duplicates and conflicts are InputErrors."""
    terms = [t for p in paths for t in file_terms(Path(p))]
    for term, message in find_conflicts(terms):
        path, line = _split_origin(term.origin)
        raise InputError(path, message, line)
    return Glossary(terms=tuple(terms), sources=tuple(str(p) for p in paths))


def load_glossary(path: Path) -> Glossary:
    """Load one glossary file (TSV, CSV or TBX)."""
    return load_glossaries([path])
