"""Loaded glossaries kept on disk, so a large termbase is parsed and checked once, not every run.

Parsing, validating and conflict-checking 200,000 rows takes seconds; reading the resulting terms
back from a SQLite table takes a fraction of that. The file (`diskcache`, kind "glossary-terms")
is keyed by each file's path as given (it is part of every entry's origin) and content hash, the
pressmt version and the source of the loading code; it holds every term, field by field, and the
glossary's fingerprint. Only a glossary that loaded without errors is stored: a bad file is reported every
time, as before.
"""

from __future__ import annotations

import gc
import hashlib
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import fields
from datetime import date
from functools import lru_cache
from pathlib import Path

import pipeline
from pipeline.glossary import model, readers
from pipeline.glossary.diskcache import cached_database, file_sha256
from pipeline.glossary.model import ByLanguage, Glossary, Term

KIND = "glossary-terms"
FORMAT = "2"  # 2: targets, avoid and accept forms by language code
#: Terms are stored column by column, each column one text of values joined by RS (list items by
#: US, None as FS): splitting a string in C and `map(Term, *columns)` are several times faster
#: than fetching and converting 15 cells per row. Control characters are refused in glossary
#: cells, so no separator occurs in a stored value. Values by language are items (by US) of a code
#: and its value or list items, joined by GS.
_RS, _US, _NONE, _GS = "\x1e", "\x1f", "\x1c", "\x1d"
_SEPARATOR = re.compile(f"[{_RS}{_US}{_NONE}{_GS}]")
_FIELDS = tuple(f.name for f in fields(Term))
_TYPES = tuple(str(f.type) for f in fields(Term))
_NO_FORMS: ByLanguage = ByLanguage()
#: A Term field of any other type disables the cache rather than being stored wrongly.
_PLAIN = ("str", "TermType")


class _Unstorable(Exception):
    """A term value this cache has no encoding for."""


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The loading code's source, read once per process (like `index._environment`)."""
    h = hashlib.sha256()
    for module in (__file__, Path(__file__).with_name("load.py"), model.__file__,
                   *sorted(str(p) for p in Path(readers.__file__).parent.glob("*.py"))):
        h.update(Path(module).read_bytes())
    return h.hexdigest()


def _key(paths: Sequence[Path]) -> str:
    h = hashlib.sha256(f"{FORMAT}\0{pipeline.__version__}\0{_code_digest()}".encode())
    for path in paths:
        h.update(f"\0{path}\0{file_sha256(path)}".encode())
    return h.hexdigest()[:24]


def _text(value: object) -> str:
    if not isinstance(value, str) or _SEPARATOR.search(value):
        raise _Unstorable(repr(value))
    return value


def _encode(values: tuple, kind: str) -> str:
    """One column: every term's value of a field of type `kind`."""
    if kind == "tuple[str, ...]" and all(isinstance(v, tuple) and "" not in v for v in values):
        return _RS.join(_US.join(_text(item) for item in v) for v in values)
    if kind == "ByLanguage[str]":
        return _RS.join(_US.join(_text(code) + _GS + _text(form) for code, form in v.items()) for v in values)
    if kind == "ByLanguage[tuple[str, ...]]":
        return _RS.join(_US.join(_GS.join(map(_text, (code, *forms))) for code, forms in v.items())
                        for v in values)
    if kind == "bool" and all(isinstance(v, bool) for v in values):
        return _RS.join("1" if v else "" for v in values)
    if kind == "date | None" and all(v is None or isinstance(v, date) for v in values):
        return _RS.join(v.isoformat() if v else _NONE for v in values)
    if kind == "str | None":
        return _RS.join(_NONE if v is None else _text(v) for v in values)
    if kind in _PLAIN:
        return _RS.join(_text(v) for v in values)
    raise _Unstorable(kind)


def _decode(data: str, kind: str) -> list:
    values = data.split(_RS)
    if kind == "tuple[str, ...]":
        return [tuple(v.split(_US)) if v else () for v in values]
    if kind == "ByLanguage[str]":
        return [ByLanguage.of_sorted(tuple(tuple(item.split(_GS)) for item in v.split(_US))) if v else _NO_FORMS
                for v in values]
    if kind == "ByLanguage[tuple[str, ...]]":
        return [ByLanguage.of_sorted(tuple((code, tuple(forms)) for code, *forms in
                                           (item.split(_GS) for item in v.split(_US))))
                if v else _NO_FORMS for v in values]
    if kind == "bool":
        return [v == "1" for v in values]
    if kind == "date | None":
        return [None if v == _NONE else date.fromisoformat(v) for v in values]
    if kind == "str | None" and _NONE in data:
        return [None if v == _NONE else v for v in values]
    return values


def _store(conn: sqlite3.Connection, glossary: Glossary) -> None:
    conn.execute("CREATE TABLE columns (name TEXT PRIMARY KEY, data TEXT)")
    conn.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
    terms = glossary.terms
    for name, kind in zip(_FIELDS, _TYPES):
        conn.execute("INSERT INTO columns VALUES (?, ?)",
                     (name, _encode(tuple(getattr(t, name) for t in terms), kind)))
    conn.executemany("INSERT INTO meta VALUES (?, ?)",
                     [("fingerprint", glossary.fingerprint()), ("count", str(len(terms)))])


def _read(conn: sqlite3.Connection, sources: tuple[str, ...]) -> Glossary | None:
    meta = dict(conn.execute("SELECT name, value FROM meta"))
    count = int(meta["count"])
    stored = dict(conn.execute("SELECT name, data FROM columns"))
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of new objects, no cycles: collections would only rescan
    try:
        columns = [_decode(stored[name], kind) for name, kind in zip(_FIELDS, _TYPES)]
        terms = tuple(map(Term, *columns)) if count else ()
    finally:
        if enabled:
            gc.enable()
    if len(terms) != count or any(len(c) != max(count, 1) for c in columns):  # "".split: [""]
        return None
    glossary = Glossary(terms=terms, sources=sources)
    object.__setattr__(glossary, "_fingerprint", meta["fingerprint"])  # see Glossary.fingerprint
    return glossary


def cached_glossary(paths: Sequence[Path], parse: Callable[[Sequence[Path]], Glossary]) -> Glossary:
    """`parse(paths)`, or the glossary it returned for these same files before."""
    try:
        key = _key(paths)
    except OSError:
        return parse(paths)  # a missing or unreadable file: let the parser name it
    parsed: list[Glossary] = []

    def build(conn: sqlite3.Connection) -> None:
        parsed.append(parse(paths))  # InputError propagates: nothing is stored
        _store(conn, parsed[0])

    try:
        conn = cached_database(KIND, key, build)
    except _Unstorable:
        return parsed[0]
    if parsed:
        conn.close()
        return parsed[0]
    try:
        glossary = _read(conn, tuple(str(p) for p in paths))
    except (sqlite3.Error, KeyError, ValueError, TypeError):
        glossary = None
    finally:
        conn.close()
    return glossary if glossary is not None else parse(paths)
