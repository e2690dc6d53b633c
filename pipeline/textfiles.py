"""Reading text inputs (documents, glossaries, line-aligned files) with one set of errors, and the
one line splitter of the project.

Every reader in the pipeline goes through `read_text`/`decode_text`, so a bad file is reported the
same way everywhere: the file, the line of the first bad byte, and the reason. Every tool that
pairs lines (enforce, evaluate, the document formats) splits them with `split_lines`, so they agree
on what a line is: text ended by CRLF, LF or CR (as CommonMark says), never U+2028 or a form feed.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from pipeline.errors import InputError

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_ENDING = re.compile(r"(?:\r\n|\r|\n)\Z")
# Longest BOM first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
         (codecs.BOM_UTF8, "utf-8"))


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """The lines of `text`; with `keepends` each keeps its own ending, so joining them gives
    `text` back. A final line ending does not start an empty line."""
    lines = _LINE.findall(text)
    return lines if keepends else [_ENDING.sub("", line) for line in lines]


def line_ending(line: str) -> str:
    """The ending of a line from `split_lines(..., keepends=True)` ("" for a last line without one)."""
    match = _ENDING.search(line)
    return match.group(0) if match else ""


def detect_bom(data: bytes) -> tuple[str, bytes]:
    """The encoding `data`'s byte order mark declares and the mark itself; UTF-8 and b"" without one."""
    for mark, name in _BOMS:
        if data.startswith(mark):
            return name, mark
    return "utf-8", b""


def decode_text(data: bytes, path: Path, *, nonempty: bool = False, nul_ok: bool = False) -> str:
    """`data` as text: UTF-8 (BOM optional), or UTF-16/UTF-32 when a BOM says so. InputError for
    binary data or invalid bytes (naming the line), and for blank text when `nonempty`. With
    `nul_ok` NUL characters are the caller's to report (a glossary names their line)."""
    encoding, bom = detect_bom(data)
    body = data[len(bom):]
    if not nul_ok and encoding == "utf-8" and b"\x00" in body[:8192]:
        raise InputError(str(path), "binary file (NUL bytes), not a text document")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].decode(encoding, errors="replace").count("\n") + 1
        label = "UTF-8" if encoding == "utf-8" else encoding.upper()
        raise InputError(str(path), f"invalid {label} (byte 0x{body[exc.start]:02x})", line) from None
    if not nul_ok and encoding != "utf-8" and "\x00" in text:
        raise InputError(str(path), "binary file (NUL characters), not a text document")
    if nonempty and not text.strip():
        raise InputError(str(path), "empty document")
    return text


def read_text(path: Path, *, nonempty: bool = False, nul_ok: bool = False) -> str:
    """The file's text (see `decode_text`); InputError also for an unreadable file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return decode_text(data, path, nonempty=nonempty, nul_ok=nul_ok)
