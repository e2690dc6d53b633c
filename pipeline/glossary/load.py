"""Read glossary files (TSV, CSV, TBX) into one merged `Glossary`.

Every problem is reported as `InputError` with file and line, because glossaries are edited by hand
in spreadsheets by press officers, and "row 214 has a bad type" is what they can act on.
Row reading (`readers`, one module per format) and term building are separate so that `lint` can report every problem in a
file instead of stopping at the first one.

Merging is in two layers. The shipped glossaries (`sources.is_shipped`) are the base; every other
file is the user's. Within a layer, a Russian form (entry or variant) belongs to one entry only:
a duplicate or a conflict is an error naming both places. Across layers the user's entry wins: a
shipped entry sharing a form with it is dropped, so "-g ours.csv" can correct a shipped target,
and `overridden` says which shipped entries gave way to which lines of the user's files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import get_args

from pipeline.errors import InputError
from pipeline.glossary.load_cache import cached_glossary
from pipeline.glossary.model import Glossary, Term, TermType
from pipeline.glossary.readers import LANGUAGE_COLUMNS, Row, columns, rows, table
from pipeline.glossary.readers.base import control_character
from pipeline.glossary.sources import is_shipped
from pipeline.languages import LANGUAGES

__all__ = ["Row", "columns", "file_terms", "find_conflicts", "load_glossaries", "load_glossary",
           "notices", "overridden", "refuse_proposed", "replacement_note", "term_from_row", "term_key"]

TERM_TYPES: tuple[str, ...] = get_args(TermType)
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0", ""}
#: Row statuses: empty or "approved" is an active entry, "proposed" a draft row (`glossary suggest`)
#: that no editor has approved, which loading for enforcement refuses.
STATUSES = ("", "approved", "proposed")


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
    status = get("status").lower()
    if status not in STATUSES:
        raise InputError(row.path, f"bad status {status!r}; use approved, proposed or leave it empty",
                         row.line)
    valid_from, valid_to = _date(row, "valid_from"), _date(row, "valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        raise InputError(row.path, f"valid_to {valid_to} is before valid_from {valid_from}", row.line)
    codes = _language_codes(tuple(row.cells), tuple(LANGUAGES))
    _, avoid, accept = LANGUAGE_COLUMNS
    return Term(ru=ru, targets={code: get(code) for code in codes}, type=kind,  # type: ignore[arg-type]
                ru_variants=_split(row.cells.get("ru_variants") or ""),
                avoids={code: _split(row.cells.get(code + avoid) or "") for code in codes},
                accepts={code: _split(row.cells.get(code + accept) or "") for code in codes},
                case_sensitive=flag in _TRUE, note=get("note"), origin=row.origin,
                valid_from=valid_from, valid_to=valid_to, source=get("source"), status=status,
                ru_context=_split(row.cells.get("ru_context") or ""))


@lru_cache(maxsize=64)
def _language_codes(columns: tuple[str, ...], registered: tuple[str, ...]) -> tuple[str, ...]:
    """The registered languages a file's columns give forms for (the same for every row of it)."""
    return tuple(code for code in registered if any(code + suffix in columns for suffix in LANGUAGE_COLUMNS))


def term_key(ru: str) -> str:
    """Identity of a Russian entry: case-, ё- and whitespace-insensitive."""
    return " ".join(ru.casefold().replace("ё", "е").split())


def _forms(term: Term) -> list[str]:
    """The keys of a term's Russian forms, entry first."""
    return list(dict.fromkeys(term_key(form) for form in (term.ru, *term.ru_variants)))


@lru_cache(maxsize=256)
def _shipped_file(path: str) -> bool:
    return is_shipped(path)


def _shipped(term: Term) -> bool:
    return _shipped_file(_split_origin(term.origin)[0])


def find_conflicts(terms: Iterable[Term]) -> list[tuple[Term, str]]:
    """Every duplicate or conflicting entry within a layer (the shipped files, or the user's), with
    a message pointing at the first definition.

    A Russian form (entry or variant) may belong to one entry only; otherwise the matcher could not
    tell which target to enforce. A user's entry sharing a form with a shipped one is no conflict:
    it replaces it (`overridden`).
    """
    layers: dict[bool, list[Term]] = {True: [], False: []}
    for term in terms:
        layers[_shipped(term)].append(term)
    return [problem for layer in layers.values() for problem in _layer_conflicts(layer)]


def _layer_conflicts(terms: list[Term]) -> list[tuple[Term, str]]:
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
            if same_entry and first.targets == term.targets:
                problems.append((term, f"duplicate entry {term.ru!r} (first at {first.origin})"))
            elif same_entry:
                here, there = targets_text(term, first)
                problems.append((term, f"conflicting targets for {term.ru!r}: "
                                       f"{here} here, {there} at {first.origin}"))
            else:
                problems.append((term, f"{form!r} is already a form of {first.ru!r} "
                                       f"(at {first.origin})"))
    return problems


def _split_origin(origin: str) -> tuple[str, int | None]:
    path, _, line = origin.rpartition(":")
    return (path, int(line)) if line.isdigit() else (origin, None)


def _replaced(terms: Sequence[Term]) -> list[tuple[Term, Term]]:
    """(shipped entry, user's entry) for every shipped entry sharing a Russian form with a user's."""
    shipped = {key: term for term in terms if _shipped(term) for key in _forms(term)}
    if not shipped:
        return []
    pairs: dict[int, tuple[Term, Term]] = {}
    for term in terms:
        if not _shipped(term):
            for key in _forms(term):
                if (base := shipped.get(key)) is not None:
                    pairs.setdefault(id(base), (base, term))
    return list(pairs.values())


def overridden(glossary: Glossary) -> list[tuple[Term, Term]]:
    """(shipped entry, the user's entry that replaced it) for each shipped entry `load_glossaries`
    dropped from `glossary`, found again from the shipped files (a small, cached load) so that a
    glossary read back from the cache tells it too."""
    base = [Path(p) for p in glossary.sources if is_shipped(p)]
    if not base or len(base) == len(glossary.sources):
        return []
    base_terms = load_glossaries(base).terms
    origins = {t.origin for t in base_terms}
    kept = {t.origin for t in glossary.terms if t.origin in origins}
    dropped = [t for t in base_terms if t.origin not in kept]
    if not dropped:
        return []
    return _replaced([*dropped, *(t for t in glossary.terms if t.origin not in origins)])


def file_terms(path: Path) -> list[Term]:
    """All terms of one file (any registered format), in file order, without merge checks."""
    return [term_from_row(row) for row in rows(Path(path))]


def replacement_note(base: Term, user: Term) -> str:
    """What a user's entry (at `user.origin`) did to a shipped one, which is named with its file:line."""
    mine, shipped = targets_text(user, base)
    return f"{user.ru!r} ({mine}) replaces the shipped entry {base.ru!r} ({shipped}) at {base.origin}"


def targets_text(*terms: Term) -> list[str]:
    """Each term's targets as "en='akim' kk='әкім'", over the languages any of them has, so that
    two entries read side by side."""
    codes = sorted({code for term in terms for code in term.targets})
    return [" ".join(f"{code}={term.target(code)!r}" for code in codes) for term in terms]


#: Replacement lines shown at most; the rest are counted.
_SHOWN = 5


def notices(glossary: Glossary) -> list[str]:
    """What a user should be told each time the glossary is loaded (computed from the files and
    the merged result, not while parsing, so a load from the cache says it too): how each of the
    user's table files was read when it is not UTF-8 or not separated as its suffix says, and
    which shipped entries the user's replaced with different targets."""
    lines = []
    for source in glossary.sources:
        path = Path(source)
        if path.suffix.lower() in table.SUFFIXES and not is_shipped(source):
            note = table.table_format(path).notice(path)
            lines += [note] if note else []
    changed = [(b, u) for b, u in overridden(glossary) if b.targets != u.targets]
    lines += [f"glossary {u.origin}: {replacement_note(b, u)}" for b, u in changed[:_SHOWN]]
    if len(changed) > _SHOWN:
        lines.append(f"glossary: {len(changed) - _SHOWN} more shipped entries replaced by yours")
    return lines


def load_glossaries(paths: list[Path], proposed: bool = False) -> Glossary:
    """Load and merge several glossary files; duplicates and conflicts within the shipped files or
    within the user's are InputErrors, a user's entry replaces the shipped one it shares a form with.
    A row with status "proposed" is an InputError (an unapproved draft must not rewrite releases)
    unless `proposed` (`glossary suggest` reads drafts to know what it proposed already).

    Files loaded before, unchanged, are read back from the pressmt cache (`load_cache`).
    """
    glossary = cached_glossary([Path(p) for p in paths], _parse_glossaries)
    if not proposed:
        refuse_proposed(glossary.terms)
    return glossary


def refuse_proposed(terms: Sequence[Term]) -> None:
    """InputError at the first row still marked `status=proposed`, counting the others."""
    drafts = [t for t in terms if t.proposed]
    if drafts:
        path, line = _split_origin(drafts[0].origin)
        more = f" (and {len(drafts) - 1} more row(s))" if len(drafts) > 1 else ""
        raise InputError(path, f"{drafts[0].ru!r} is status=proposed{more}: approve the row (status "
                         "approved or empty) or remove it before enforcing; `pressmt glossary check` "
                         "lists every one", line)


def _parse_glossaries(paths: Sequence[Path]) -> Glossary:
    terms = [t for p in paths for t in file_terms(Path(p))]
    for term, message in find_conflicts(terms):
        path, line = _split_origin(term.origin)
        raise InputError(path, message, line)
    dropped = {id(base) for base, _ in _replaced(terms)}
    return Glossary(terms=tuple(t for t in terms if id(t) not in dropped), sources=tuple(str(p) for p in paths))


def load_glossary(path: Path) -> Glossary:
    """Load one glossary file (TSV, CSV or TBX)."""
    return load_glossaries([path])
