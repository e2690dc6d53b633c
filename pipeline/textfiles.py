"""Reading UTF-8 text inputs (documents, glossaries, line-aligned files) with one set of errors.

Every reader in the pipeline goes through `read_text`, so a bad file is reported the same way
everywhere: the file, the line of the first bad byte, and the reason.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import InputError


def read_text(path: Path, *, nonempty: bool = False) -> str:
    """The file's text (UTF-8, BOM optional); InputError for unreadable, binary or invalid UTF-8
    files, and for blank ones when `nonempty`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in data[:8192]:
        raise InputError(str(path), "binary file (NUL bytes), not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(str(path), f"invalid UTF-8 (byte 0x{data[exc.start]:02x})", line) from None
    if nonempty and not text.strip():
        raise InputError(str(path), "empty document")
    return text
