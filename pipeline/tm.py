"""Translation memory: a persistent SQLite cache of segment translations.

Press releases repeat boilerplate (titles, contacts, standard closing paragraphs) day after day, so a
segment translated once should never go through the model again. Entries are keyed by the source text
and a *context key* that changes whenever the output could change (model and revision, route, decoding
options, glossary), so a stale translation is never served after a configuration change.

Two kinds of entries live in a memory: machine outputs (per engine step, under the context key)
and editors' approved targets (origin `human`, whole-route, imported from XLIFF, each recording the
XLIFF file, run and time it came from). The hidden per-user cache (`cache_dir()/tm.sqlite`) holds
machine outputs only; editors' entries are written to and read from a memory the user names
(`--tm FILE` or `$PRESSMT_TM`), so nobody's approved sentence silently overrides another user's
or folder's run (`pipeline.api.open_memory`).

Several runs may share one file (cron jobs overlapping, two press offices on one server): the store uses
WAL mode, a busy timeout, short `BEGIN IMMEDIATE` transactions and `INSERT OR REPLACE`, so concurrent
writers wait for each other instead of failing or losing rows.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pipeline.engines.base import Translation
from pipeline.errors import PressMTError

# SQLite allows 32766 bound parameters; smaller chunks keep every transaction (and lock hold) short.
_CHUNK = 500
_BUSY_TIMEOUT_MS = 30_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS segments (
    key TEXT NOT NULL,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    logprobs TEXT NOT NULL,
    split INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL DEFAULT 'machine',
    source_lang TEXT,
    target_lang TEXT,
    PRIMARY KEY (key, source)
) WITHOUT ROWID
"""

#: Part of every key; bumped when engine output for the same model and options changes (2: sentences
#: beyond the model's positions are split instead of truncated), so older entries are never served.
ENGINE_RULES = 2


def memory_key(
    *,
    model: str,
    revision: str | None,
    route: str,
    options: Mapping[str, object],
    glossary_fingerprint: str | None,
) -> str:
    """Context key for one engine step: a hash of everything that can change its output.

    `options` should be only the output-changing fields (e.g. `Options.fingerprint_fields()`), so that
    changing threads or device keeps the cache warm.
    """
    payload = json.dumps(
        {
            "model": model,
            "revision": revision,
            "route": route,
            "options": dict(options),
            "glossary": glossary_fingerprint,
            "rules": ENGINE_RULES,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def _chunks(items: list, size: int = _CHUNK) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, retrying while another process does the same: on a new file SQLite answers
    that pragma with an immediate "database is locked" instead of calling the busy handler."""
    deadline = time.monotonic() + _BUSY_TIMEOUT_MS / 1000
    delay = 0.01
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.5)


#: Columns added after the first release: `split`; `origin` (machine, or human: an editor's approved
#: target, imported from XLIFF) and the pair's languages, which TMX export needs; where a human entry
#: came from (the XLIFF file, the run id it was exported from, the import time), which `tm list`
#: shows and `tm delete --from-file` selects on (NULL on entries imported before they existed).
_ADDED_COLUMNS = {"split": "INTEGER NOT NULL DEFAULT 0", "origin": "TEXT NOT NULL DEFAULT 'machine'",
                  "source_lang": "TEXT", "target_lang": "TEXT", "from_file": "TEXT", "from_run": "TEXT",
                  "created": "TEXT"}

HUMAN = "human"


def human_key(lang: str) -> str:
    """The key of editors' approved Russian→`lang` targets: whole-route outputs, independent of
    models and options, so they take precedence on every later run whatever the configuration."""
    return f"{HUMAN}:ru:{lang}"


def entry_id(key: str, source: str) -> str:
    """A short stable id of one entry (its primary key hashed), for `tm list` and `tm delete`."""
    return hashlib.sha256(f"{key}\0{source}".encode()).hexdigest()[:12]


def _fold(text: str | None) -> str | None:
    return None if text is None else text.casefold()


@dataclass(frozen=True)
class Provenance:
    """Where an editor's approved target came from: the XLIFF file, the run it was exported from."""

    file: str
    run_id: str | None


@dataclass(frozen=True)
class MemoryEntry:
    """One stored entry as `tm list` shows it."""

    id: str
    source: str
    target: str
    target_lang: str | None
    origin: str
    from_file: str | None
    from_run: str | None
    created: str | None


@dataclass(frozen=True)
class MemoryPair:
    """One stored pair with its languages and origin, as TMX export lists them."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    origin: str


def _add_split_column(conn: sqlite3.Connection) -> None:
    """A memory written by an older version lacks the later columns; a concurrent run may add them first."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(segments)")}
    for name, declaration in _ADDED_COLUMNS.items():
        if name in columns:
            continue
        try:
            conn.execute(f"ALTER TABLE segments ADD COLUMN {name} {declaration}")
        except sqlite3.OperationalError as exc:
            if "duplicate column" not in str(exc):
                raise


class TranslationMemory:
    """Segment cache in one SQLite file; `TranslationMemory.disabled()` is a no-op stand-in for `--no-cache`."""

    def __init__(self, path: Path) -> None:
        self.path: Path | None = Path(path)
        self._conn: sqlite3.Connection | None = self._open(self.path)

    @classmethod
    def disabled(cls) -> TranslationMemory:
        """A memory that never hits and stores nothing, so callers need no `if cache:` branches."""
        tm = cls.__new__(cls)
        tm.path = None
        tm._conn = None
        return tm

    @property
    def enabled(self) -> bool:
        return self._conn is not None

    def check_writable(self) -> None:
        """Refuse a memory this process cannot write (a read-only file or folder) before a command
        touches anything: a run would otherwise stop at its first store, its old report gone."""
        if self._conn is None:
            return
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:  # a real write, rolled back: SQLite opens a read-only file without a word
                self._conn.execute("CREATE TABLE pmt_write_probe (x)")
            finally:
                self._conn.execute("ROLLBACK")
        except sqlite3.DatabaseError as exc:
            raise PressMTError(f"{self.path}: cannot write to this translation memory ({exc}); make it "
                               "writable, name another with --tm, or pass --no-cache") from None

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, so a writer takes the write lock
            # up front and waits on busy_timeout rather than failing on a read→write upgrade.
            # check_same_thread=False: the engine pool's chunk threads use it, one at a time under its lock.
            conn = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                   check_same_thread=False)
        except (sqlite3.Error, OSError) as exc:
            raise PressMTError(f"{path}: cannot open translation memory: {exc}") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            _enable_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(_SCHEMA)
            _add_split_column(conn)
            conn.execute("SELECT key, source, text, logprobs, split, origin, source_lang, target_lang, from_file, "
                         "from_run, created FROM segments LIMIT 0")
            conn.create_function("pmt_entry_id", 2, entry_id, deterministic=True)
            conn.create_function("pmt_fold", 1, _fold, deterministic=True)  # SQLite's lower() is ASCII only
        except sqlite3.DatabaseError as exc:
            conn.close()
            if "locked" in str(exc):
                raise PressMTError(f"{path}: translation memory stayed locked by another run ({exc})") from None
            raise PressMTError(
                f"{path}: not a usable translation memory ({exc}); delete it or pass --no-cache"
            ) from None
        return conn

    def get_many(self, key: str, sources: Iterable[str]) -> dict[str, Translation]:
        """Cached translations for those `sources` that have one under `key` (misses are absent)."""
        if self._conn is None:
            return {}
        unique = list(dict.fromkeys(sources))
        found: dict[str, Translation] = {}
        try:
            for chunk in _chunks(unique):
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(
                    f"SELECT source, text, logprobs, split FROM segments WHERE key = ? AND source IN ({marks})",
                    [key, *chunk],
                )
                for source, text, logprobs, split in rows:
                    found[source] = Translation(text=text, token_logprobs=json.loads(logprobs), split=bool(split))
        except sqlite3.DatabaseError as exc:
            raise PressMTError(f"{self.path}: translation memory read failed: {exc}") from None
        return found

    def put_many(self, key: str, items: Mapping[str, Translation], *, origin: str = "machine",
                 langs: tuple[str, str] | None = None, provenance: Provenance | None = None) -> None:
        """Store (or overwrite) translations of `items` (source → Translation) under `key`;
        `langs` (source, target) when known, for TMX export; `provenance` for editors' entries."""
        if self._conn is None or not items:
            return
        source_lang, target_lang = langs or (None, None)
        from_file, from_run = (provenance.file, provenance.run_id) if provenance else (None, None)
        created = datetime.now(timezone.utc).isoformat(timespec="seconds") if provenance else None
        rows = [(key, src, tr.text, json.dumps(tr.token_logprobs), int(tr.split), origin, source_lang, target_lang,
                 from_file, from_run, created)
                for src, tr in items.items()]
        for chunk in _chunks(rows):
            with self._writing() as conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO segments (key, source, text, logprobs, split, origin, source_lang,"
                    " target_lang, from_file, from_run, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    chunk,
                )

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken up front (BEGIN IMMEDIATE), rolled back on any error; a
        database error is one line."""
        assert self._conn is not None
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise PressMTError(f"{self.path}: translation memory write failed: {exc}") from None

    def put_human(self, lang: str, pairs: Mapping[str, str], provenance: Provenance | None = None) -> None:
        """Store editors' approved targets (Russian source → text in `lang`) with human origin and
        where they came from."""
        self.put_many(human_key(lang), {src: Translation(text) for src, text in pairs.items()},
                      origin=HUMAN, langs=("ru", lang), provenance=provenance)

    def get_human(self, lang: str, sources: Iterable[str]) -> dict[str, str]:
        """Editors' approved `lang` targets for those `sources` that have one."""
        return {src: tr.text for src, tr in self.get_many(human_key(lang), sources).items()}

    def pairs(self, human_only: bool = False) -> Iterator[MemoryPair]:
        """Every stored pair whose languages are known (human ones first), for TMX export."""
        if self._conn is None:
            return
        where = "target_lang IS NOT NULL AND source_lang IS NOT NULL"
        if human_only:
            where += f" AND origin = '{HUMAN}'"
        try:
            rows = self._conn.execute(
                f"SELECT source, text, source_lang, target_lang, origin FROM segments WHERE {where} "
                f"ORDER BY origin = '{HUMAN}' DESC, target_lang, source").fetchall()
        except sqlite3.DatabaseError as exc:
            raise PressMTError(f"{self.path}: translation memory read failed: {exc}") from None
        for row in rows:
            yield MemoryPair(*row)

    def _read(self, sql: str, params: Iterable[object] = ()) -> list[tuple]:
        if self._conn is None:
            return []
        try:
            return self._conn.execute(sql, list(params)).fetchall()
        except sqlite3.DatabaseError as exc:
            raise PressMTError(f"{self.path}: translation memory read failed: {exc}") from None

    def human_count(self) -> int:
        """How many editors' entries the memory holds (a key range of the primary key: no scan)."""
        return self._read("SELECT COUNT(*) FROM segments WHERE key >= ? AND key < ?",
                          [f"{HUMAN}:", f"{HUMAN};"])[0][0] if self._conn is not None else 0

    def counts(self) -> dict[tuple[str, str], int]:
        """Entries per (origin, target language or "?"), for `tm stats`."""
        rows = self._read("SELECT origin, COALESCE(target_lang, '?'), COUNT(*) FROM segments GROUP BY 1, 2 "
                          "ORDER BY 1, 2")
        return {(origin, lang): n for origin, lang, n in rows}

    def entries(self, *, human_only: bool = False, grep: str | None = None,
                limit: int | None = None) -> list[MemoryEntry]:
        """Stored entries (editors' first, then by language and source); `grep` matches source or
        target as a case-insensitive substring."""
        where, params = ["1"], []
        if human_only:
            where.append("origin = ?")
            params.append(HUMAN)
        if grep:
            where.append("(instr(pmt_fold(source), ?) > 0 OR instr(pmt_fold(text), ?) > 0)")
            params += [grep.casefold(), grep.casefold()]
        sql = (f"SELECT pmt_entry_id(key, source), source, text, target_lang, origin, from_file, from_run, created "
               f"FROM segments WHERE {' AND '.join(where)} ORDER BY origin = '{HUMAN}' DESC, target_lang, source")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [MemoryEntry(*row) for row in self._read(sql, params)]

    def delete(self, *, ids: Iterable[str] = (), from_file: str | None = None, all_human: bool = False) -> int:
        """Delete entries by id, the human entries imported from `from_file`, or every human entry;
        the number deleted."""
        if self._conn is None:
            return 0
        if all_human:
            clauses = [("origin = ?", [HUMAN])]
        elif from_file is not None:
            clauses = [("origin = ? AND from_file = ?", [HUMAN, from_file])]
        else:
            clauses = [("pmt_entry_id(key, source) = ?", [i]) for i in ids]
        deleted = 0
        with self._writing() as conn:
            for where, params in clauses:
                deleted += conn.execute(f"DELETE FROM segments WHERE {where}", params).rowcount
        return deleted

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
