"""The run journal: OUT/.pressmt/journal.sqlite, what `--resume` trusts.

One row per finished document: its input's hash, the run fingerprint, each output's path and hash,
and its report entry (zlib-compressed JSON). A document is committed in one transaction after its
outputs are written, so a killed run loses at most the documents in flight, and committing costs
the same for the 20,000th document as for the first (an earlier JSON manifest was rewritten whole
after every document). WAL mode with synchronous=NORMAL: a commit survives the process being
killed; only a power cut may lose the last few, which `--resume` then translates again.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import zlib
from dataclasses import dataclass
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


class Journal:
    """The journal of one output folder (see the module docstring)."""

    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / JOURNAL_NAME
        state_dir.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, isolation_level=None)
        try:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            self._raise_if_disk_full(exc)
            raise PressMTError(f"{self.path}: not a usable run journal ({exc}); delete it and translate "
                               "again without --resume") from None

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
        self._conn.execute("DELETE FROM documents")

    def get(self, rel: str) -> Record | None:
        row = self._conn.execute("SELECT rel, input_sha256, fingerprint, outputs FROM documents WHERE rel = ?",
                                 (rel,)).fetchone()
        return None if row is None else Record(row[0], row[1], row[2], json.loads(row[3]))

    def entry(self, rel: str) -> dict:
        """The report entry recorded with the document."""
        row = self._conn.execute("SELECT entry FROM documents WHERE rel = ?", (rel,)).fetchone()
        if row is None:
            raise KeyError(rel)
        return json.loads(zlib.decompress(row[0]))

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
