"""Glossary data derived once and kept on disk as verified SQLite files.

Why: reading and compiling a 200,000-entry termbase takes tens of seconds; a run should pay that
once per glossary, not every time. The files are plain SQLite tables (never pickle: nothing in them
is executed or unpickled on load) under `cache_dir()/<kind>/`, named `<key>-<digest>.sqlite`, where
the key says what the file was built from and the digest is the SHA-256 of the file's own bytes.
A truncated or damaged file fails its digest and is rebuilt without a word; a writer builds into a
private temp file and publishes it with one atomic rename, so concurrent runs never read half a
file and the last rename simply wins. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from pipeline.config import cache_dir

_MAGIC = b"SQLite format 3\x00"
#: Files kept per kind; the least recently used beyond this are removed when a new one is written.
KEEP = 16


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex (read in chunks, never whole into memory)."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _digest(path: Path) -> str:
    return file_sha256(path)[:16]


def _open_read_only(path: Path) -> sqlite3.Connection:
    # immutable: no locks and no journal look-ups; the file is never written after its rename
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True,
                           check_same_thread=False)


def _open_verified(folder: Path, key: str) -> sqlite3.Connection | None:
    """The published file for `key` whose bytes still match its name; damaged ones are removed."""
    try:
        candidates = sorted(folder.glob(f"{key}-*.sqlite"))
    except OSError:
        return None
    for path in candidates:
        try:
            with path.open("rb") as f:
                good = f.read(len(_MAGIC)) == _MAGIC and _digest(path) == path.stem.rpartition("-")[2]
            if good:
                conn = _open_read_only(path)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                try:
                    os.utime(path)  # most recently used: kept by `_prune`
                except OSError:
                    pass
                return conn
        except (OSError, sqlite3.Error):
            pass
        try:
            path.unlink()
        except OSError:
            pass
    return None


def _prune(folder: Path) -> None:
    try:
        files = sorted(folder.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
        for path in files[KEEP:]:
            path.unlink()
    except OSError:
        pass  # another run pruned first, or the folder is read-only: nothing to tidy


def _build_in_memory(build: Callable[[sqlite3.Connection], None]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    build(conn)
    conn.commit()
    return conn


def cached_database(kind: str, key: str, build: Callable[[sqlite3.Connection], None]) -> sqlite3.Connection:
    """A read-only connection to the database `build` fills for `key`, built only when no intact
    file for `key` exists. Where the cache cannot be written (read-only home, full disk) the
    database is built in memory for this process and the run goes on."""
    folder = cache_dir() / kind
    conn = _open_verified(folder, key)
    if conn is not None:
        return conn
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{key}-", suffix=".tmp", dir=folder)
        os.close(fd)
    except OSError:
        return _build_in_memory(build)
    tmp = Path(name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode=OFF")  # a private file: the rename is the commit
            conn.execute("PRAGMA synchronous=OFF")
            build(conn)
            conn.commit()
        finally:
            conn.close()
        final = folder / f"{key}-{_digest(tmp)}.sqlite"
        os.replace(tmp, final)
    except (OSError, sqlite3.OperationalError):
        return _build_in_memory(build)  # disk full or folder gone while writing
    finally:
        tmp.unlink(missing_ok=True)
    _prune(folder)
    try:
        return _open_read_only(final)
    except sqlite3.Error:
        return _build_in_memory(build)
