"""The compiled matcher index of a glossary, built once and read from disk on later runs.

Compiling a pattern needs pymorphy3 for every word of every entry; for a 200,000-entry termbase
that is most of a minute and, held as Python objects, over a gigabyte. So the index is compiled
term by term straight into SQLite (`diskcache`): one row per distinct slot (a word and how text
may match it), one per pattern (term, kind, slot ids) and one per index key (the words under which
a text token may start the pattern). A run opens the file in milliseconds and reads only the
patterns its text's words can start, keeping each one it has read.

The file is keyed by everything its contents depend on: the glossary's fingerprint (which covers
every field matching reads, in order), the pressmt version, pymorphy3 and its dictionary, and the
source of the compiling code. Hits are identical whether the index was just built or read back:
both go through the same file.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pymorphy3

import pipeline
from pipeline.glossary import match
from pipeline.glossary.diskcache import cached_database
from pipeline.glossary.model import Glossary, Term

KIND = "glossary-index"
#: Bumped when the layout of the tables changes.
FORMAT = "2"  # 2: terms carry their targets by language code
#: The declension tables a slot may use, stored by name.
_ENDINGS = {"surname": match._SURNAME, "surname_feminine": match._SURNAME_FEMININE, "hard": match._HARD,
            "hard_animate": match._HARD_ANIMATE,
            "fem_a": match._FEM_A, "fem_soft": match._FEM_SOFT, "adjective": match._ADJECTIVE}
_ENDING_NAMES = {id(table): name for name, table in _ENDINGS.items()}
_CHUNK = 500  # ids per `IN (...)` query, well under SQLite's parameter limit
_SCHEMA = """
CREATE TABLE slots (id INTEGER PRIMARY KEY, folded TEXT, agrees INTEGER, exact_case INTEGER,
                    lemmas TEXT, animate INTEGER, stem TEXT, endings TEXT);
CREATE TABLE patterns (id INTEGER PRIMARY KEY, term INTEGER, kind TEXT, slots TEXT);
CREATE TABLE keys (key TEXT, pattern INTEGER, PRIMARY KEY (key, pattern)) WITHOUT ROWID;
CREATE TEMP TABLE pending (key TEXT, pattern INTEGER);
"""


@lru_cache(maxsize=1)
def _environment() -> str:
    """Versions and code the compiled patterns depend on, beyond the glossary itself."""
    code = hashlib.sha256()
    for module in (match.__file__, __file__):
        code.update(Path(module).read_bytes())
    meta = Path(match.morph().dictionary.path, "meta.json")
    dictionary = hashlib.sha256(meta.read_bytes()).hexdigest() if meta.is_file() else "?"
    return json.dumps([FORMAT, pipeline.__version__, pymorphy3.__version__, dictionary,
                       code.hexdigest()])


def index_key(glossary: Glossary) -> str:
    """The cache key of the glossary's index file."""
    h = hashlib.sha256(_environment().encode())
    h.update(f"{glossary.fingerprint()}:{len(glossary.terms)}".encode())
    return h.hexdigest()[:24]


def _build(conn: sqlite3.Connection, terms: Sequence[Term]) -> None:
    """Compile term by term into the tables; only slots and surname owners stay in memory.

    A surname alone shared by two entries (or equal to another one-word entry) is dropped: it
    could not say which of them is meant. Patterns are numbered in glossary order.
    """
    conn.executescript(_SCHEMA)
    slot_ids: dict[match._Slot, int] = {}
    owners: dict[tuple, str | None] = {}  # one-word signature -> its only owner, None when shared
    surnames: dict[tuple, list[tuple[int, match._Slot]]] = {}
    pattern_rows: list[tuple] = []
    key_rows: list[tuple[str, int]] = []
    pid = 0
    for index, term in enumerate(terms):
        for pattern in (*match._patterns(term), *match._adjective_patterns(term)):
            pid += 1
            ids = []
            for slot in pattern.slots:
                if (sid := slot_ids.get(slot)) is None:
                    sid = slot_ids[slot] = len(slot_ids) + 1
                    conn.execute("INSERT INTO slots VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                 (sid, slot.folded, slot.agrees, slot.exact_case,
                                  " ".join(sorted(slot.lemmas)), slot.animate, slot.stem,
                                  _ENDING_NAMES[id(slot.endings)] if slot.endings else ""))
                ids.append(str(sid))
            pattern_rows.append((pid, index, pattern.kind, " ".join(ids)))
            if len(pattern.slots) == 1:
                signature = match._signature(pattern)
                owner = owners.setdefault(signature, term.ru)
                if owner is not None and owner != term.ru:
                    owners[signature] = None
            if pattern.kind == "surname":
                surnames.setdefault(match._signature(pattern), []).append((pid, pattern.slots[0]))
            else:
                key_rows += ((key, pid) for key in pattern.slots[0].keys())
        if len(key_rows) > 50_000:
            _flush(conn, pattern_rows, key_rows)
    _flush(conn, pattern_rows, key_rows)
    for signature, kept in surnames.items():
        if owners[signature] is not None:
            key_rows += ((key, pid) for pid, slot in kept for key in slot.keys())
    _flush(conn, pattern_rows, key_rows)
    conn.execute("INSERT INTO keys SELECT DISTINCT key, pattern FROM pending ORDER BY key, pattern")
    conn.execute("DROP TABLE pending")


def _flush(conn: sqlite3.Connection, pattern_rows: list[tuple], key_rows: list[tuple]) -> None:
    conn.executemany("INSERT INTO patterns VALUES (?, ?, ?, ?)", pattern_rows)
    conn.executemany("INSERT INTO pending VALUES (?, ?)", key_rows)
    pattern_rows.clear()
    key_rows.clear()


class PatternIndex:
    """The patterns of a glossary by index key, read from its index file as they are needed."""

    def __init__(self, glossary: Glossary) -> None:
        self._terms = glossary.terms
        self._conn = cached_database(KIND, index_key(glossary),
                                     lambda conn: _build(conn, glossary.terms))
        self._lock = threading.Lock()  # one connection, shared by any threads matching text
        self._slots: dict[int, match._Slot] = {}
        self._patterns: dict[int, match._Pattern] = {}

    def patterns(self, keys: Iterable[str]) -> list[match._Pattern]:
        """Every pattern indexed under any of `keys`, in glossary order, each once."""
        keys = list(keys)
        with self._lock:
            rows = self._conn.execute(
                f"SELECT DISTINCT pattern FROM keys WHERE key IN ({','.join('?' * len(keys))})", keys)
            pids = sorted(pid for (pid,) in rows)
            missing = [pid for pid in pids if pid not in self._patterns]
            if missing:
                self._read_patterns(missing)
        return [self._patterns[pid] for pid in pids]

    def _read_patterns(self, pids: list[int]) -> None:
        rows = [row for chunk in _chunks(pids)
                for row in self._conn.execute(f"SELECT id, term, kind, slots FROM patterns "
                                              f"WHERE id IN ({','.join('?' * len(chunk))})", chunk)]
        slot_ids = {int(s) for row in rows for s in row[3].split()}
        self._read_slots([s for s in slot_ids if s not in self._slots])
        for pid, term, kind, slots in rows:
            self._patterns[pid] = match._Pattern(self._terms[term],
                                                 tuple(self._slots[int(s)] for s in slots.split()), kind)

    def _read_slots(self, sids: list[int]) -> None:
        for chunk in _chunks(sids):
            for sid, folded, agrees, exact, lemmas, animate, stem, endings in self._conn.execute(
                    f"SELECT * FROM slots WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                self._slots[sid] = match._Slot(folded, bool(agrees), bool(exact),
                                               frozenset(lemmas.split()), bool(animate), stem,
                                               _ENDINGS[endings] if endings else ())


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]
