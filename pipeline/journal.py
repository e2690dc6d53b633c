"""The run journal: OUT/.pressmt/journal.sqlite, what `--resume` trusts.

One row per finished document: its input's hash, the run fingerprint, each output's path and hash,
and its report entry (zlib-compressed JSON). A document is committed in one transaction after its
outputs are written, so a killed run loses at most the documents in flight, and committing costs
the same for the 20,000th document as for the first (an earlier JSON manifest was rewritten whole
after every document). WAL mode with synchronous=NORMAL: a commit survives the process being
killed; only a power cut may lose the last few, which `--resume` then translates again.

A journal that is not an SQLite database stops the run (one line, exit 2) when it is opened, which
the runner does before it touches anything in OUT. A damaged row (an entry that is not zlib, outputs
that are not JSON, a page SQLite cannot read) is no reason to stop: `get` treats the document as
never recorded, so `--resume` translates it again, and keeps a warning for it (`damage`).
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import PressMTError

JOURNAL_NAME = "journal.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    rel TEXT PRIMARY KEY,
    input_sha256 TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    outputs TEXT NOT NULL,
    entry BLOB NOT NULL
) WITHOUT ROWID
"""


@dataclass(frozen=True)
class Record:
    """A finished document: `outputs` maps each language to {"path": relative to OUT, "sha256": ...}."""

    rel: str
    input_sha256: str
    fingerprint: str
    outputs: dict[str, dict[str, str]]
    entry: dict | None = field(default=None, compare=False, repr=False)  # the report entry, as `get` read it


class Journal:
    """The journal of one output folder (see the module docstring)."""

    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / JOURNAL_NAME
        self._damaged: dict[str, str] = {}  # rel -> why its row was not usable (see `damage`)
        state_dir.mkdir(parents=True, exist_ok=True)
        conn = None
        try:
            conn = sqlite3.connect(self.path, isolation_level=None)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(_SCHEMA)
        except sqlite3.DatabaseError as exc:  # not a database, a folder, unreadable
            if conn is not None:
                conn.close()
            self._raise_if_disk_full(exc)
            raise PressMTError(f"{self.path}: not a usable run journal ({exc}); delete it and translate "
                               "again without --resume") from None
        self._conn = conn

    def _raise_if_disk_full(self, exc: sqlite3.Error) -> None:
        """SQLite reports a full disk as "disk I/O error" or "database or disk is full"; the run
        reports it as the OSError it is, so it stops with one line like any other write to OUT."""
        try:
            full = os.statvfs(self.path.parent).f_bavail == 0
        except OSError:
            full = False
        if full or "full" in str(exc):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.path)) from None

    def clear(self) -> None:
        """Forget every document: a run without --resume starts afresh."""
        try:
            self._conn.execute("DELETE FROM documents")
        except sqlite3.DatabaseError as exc:
            self._raise_if_disk_full(exc)
            raise PressMTError(f"{self.path}: not a usable run journal ({exc}); delete it and translate "
                               "again") from None

    def get(self, rel: str) -> Record | None:
        """The document's record; None when it has none or its row is damaged (then `damage(rel)`
        says why, and the document is to be translated again)."""
        try:
            row = self._conn.execute("SELECT rel, input_sha256, fingerprint, outputs, entry FROM documents "
                                     "WHERE rel = ?", (rel,)).fetchone()
            if row is None:
                return None
            outputs = json.loads(row[3])
            entry = _decode_entry(row[4])
        except (sqlite3.DatabaseError, zlib.error, ValueError, TypeError) as exc:
            return self._damage(rel, exc)
        if not (isinstance(outputs, dict) and all(
                isinstance(out, dict) and isinstance(out.get("path"), str) and isinstance(out.get("sha256"), str)
                for out in outputs.values())):
            return self._damage(rel, "its outputs are not a map of paths and hashes")
        return Record(row[0], row[1], row[2], outputs, entry)

    def _damage(self, rel: str, why: object) -> None:
        """Remember why the row of `rel` cannot be used; None, for `get` to return."""
        self._damaged[rel] = (f"{self.path}: the journal's record of {rel} is damaged ({why}); "
                              "translated again")
        return None

    def damage(self, rel: str) -> str | None:
        """Why `get(rel)` found the document's row unusable (a warning for its report entry), or None."""
        return self._damaged.pop(rel, None)

    def record(self, record: Record, entry: dict) -> None:
        """Commit a finished document (replacing an earlier record of it)."""
        blob = zlib.compress(json.dumps(entry, ensure_ascii=False).encode("utf-8"), 1)
        try:
            self._conn.execute("INSERT OR REPLACE INTO documents (rel, input_sha256, fingerprint, outputs, entry) "
                               "VALUES (?, ?, ?, ?, ?)",
                               (record.rel, record.input_sha256, record.fingerprint, json.dumps(record.outputs), blob))
        except sqlite3.OperationalError as exc:
            self._raise_if_disk_full(exc)
            raise PressMTError(f"{self.path}: cannot record {record.rel} in the run journal ({exc})") from None

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _decode_entry(blob: bytes) -> dict:
    """A stored report entry; zlib.error, ValueError or TypeError when it is not one."""
    entry = json.loads(zlib.decompress(blob))
    if not isinstance(entry, dict):
        raise ValueError("the report entry is not a JSON object")
    return entry
