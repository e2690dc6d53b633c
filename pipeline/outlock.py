"""One writer per output folder: the lock every command that reads or writes OUT's state holds.

`translate`, `import xliff`, `review` and `export xliff` each hold OUT/.pressmt/lock (an exclusive
flock) for their whole work, so an import never rewrites a document that a run is committing, two
imports never interleave their report rewrites, and an export never reads a report half-rewritten.
A second command is refused at once with one line (exit 2) rather than waiting. An flock dies with
its process, so a killed command never leaves OUT locked.
"""

from __future__ import annotations

import errno
import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.outputs import probe_write

STATE_DIR = ".pressmt"
LOCK_NAME = "lock"


@contextmanager
def out_lock(out_dir: Path, *, create: bool = False, read_only_ok: bool = False) -> Iterator[None]:
    """Hold OUT's lock for the block. `create`: make OUT when it does not exist (translate); else
    a missing OUT is a usage error. OUT must be writable (the lock lives in it), except with
    `read_only_ok` (a command that only reads OUT, such as `export xliff`): a read-only OUT is read
    without the lock, since no pressmt command can write there either."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out {out_dir} is a file, not a folder")
    if not create and not out_dir.is_dir():
        raise UsageError(f"--out {out_dir}: no such folder; run `pressmt translate ... --out {out_dir}` first")
    state = out_dir / STATE_DIR
    lock_path = state / LOCK_NAME
    if state.is_symlink():
        raise UsageError(f"--out {out_dir}: {state} is a symlink; pressmt keeps its state only in OUT itself")
    try:
        state.mkdir(parents=True, exist_ok=True)
        lock = open(lock_path, "a")  # noqa: SIM115 (held open for the block)
    except OSError as exc:
        if read_only_ok and exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
            yield
            return
        raise UsageError(f"--out {out_dir}: cannot create or write it: {exc.strerror or exc}") from None
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"--out {out_dir} is in use by another pressmt command (lock {lock_path}); "
                             "wait for it to finish or choose another folder") from None
        if not read_only_ok:
            try:
                probe_write(out_dir)
            except OSError as exc:
                raise UsageError(f"--out {out_dir} is not writable: {exc.strerror or exc}") from None
        yield
