"""Atomic file writes: a reader (or a crash) never sees a truncated output file.

Each write goes to a hidden temp file in the target's folder, is fsynced, then renamed over the
target, which POSIX makes atomic. Leftover temp files from a killed run are swept on the next run.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

TMP_PREFIX = ".pressmt-tmp-"


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` so that `path` is either the old content or the whole new content."""
    with open_atomic(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary file that replaces `path` when the block ends without an exception (and is removed
    if it raises): for content written piece by piece, such as a copy streamed line by line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get what open() would give
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_json_atomic(path: Path, obj: object) -> None:
    write_atomic(path, json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def sweep_temp_files(root: Path) -> int:
    """Remove temp files a killed run left under `root`; returns how many were removed."""
    removed = 0
    if root.is_dir():
        for tmp in root.rglob(f"{TMP_PREFIX}*"):
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed


def safe_join(root: Path, rel: Path) -> Path:
    """`root / rel`, refusing any path that would land outside `root` (.., absolute, symlinks)."""
    target = (root / rel).resolve()
    base = root.resolve()
    if base != target and base not in target.parents:
        raise ValueError(f"output path {rel} escapes the output folder {root}")
    return target


def probe_write(folder: Path) -> None:
    """Create and remove a temp file in `folder`: proof that it is writable, where os.access only
    reads mode bits (which do not bind root); OSError when it is not."""
    fd, name = tempfile.mkstemp(prefix=TMP_PREFIX, dir=folder)
    os.close(fd)
    os.unlink(name)
