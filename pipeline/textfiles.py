"""Reading text inputs (documents, glossaries, line-aligned files) with one set of errors, and the
one line splitter of the project.

Every reader in the pipeline goes through `read_text`/`decode_text`, so a bad file is reported the
same way everywhere: the file, the line of the first bad byte, and the reason. Every tool that
pairs lines (enforce, evaluate, the document formats) splits them with `split_lines`, so they agree
on what a line is: text ended by CRLF, LF or CR (as CommonMark says), never U+2028 or a form feed.

Files from Windows offices are often not UTF-8: Excel saves a CSV in windows-1251, older tools
write releases in windows-1251 or KOI8-R. A reader that accepts them names the candidates
(`legacy`), and `decode_detected` picks one with charset-normalizer only when the bytes are not
UTF-8, so a UTF-8 file is never second-guessed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

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


#: The 8-bit encodings of Russian text a reader may accept besides UTF-8 (codec name: label).
LEGACY_LABELS = {"cp1251": "windows-1251", "koi8_r": "KOI8-R"}
#: Bytes charset-normalizer looks at: plenty for a verdict, and bounded for a large glossary.
_SAMPLE = 65536


@dataclass(frozen=True)
class TextEncoding:
    """How a text file is encoded: the codec to decode and encode it with, its byte order mark,
    and whether it was detected among legacy encodings or forced by the user (else "")."""

    codec: str
    bom: bytes = b""
    how: str = ""

    @property
    def label(self) -> str:
        """The name users know: "UTF-8", "UTF-16-LE", "windows-1251", "KOI8-R"."""
        return LEGACY_LABELS.get(self.codec) or self.codec.upper()

    @property
    def is_default(self) -> bool:
        """UTF-8, the encoding nobody needs to be told about."""
        return self.codec == "utf-8"


def check_encoding(name: str) -> str:
    """The codec `name` stands for ("windows-1251" -> "cp1251", "KOI8-R" -> "koi8_r"); ValueError
    for an unknown encoding or one that is not of text ("hex")."""
    try:
        codec = codecs.lookup(name).name.replace("-", "_")
        "".encode(codec)  # LookupError for a codec that is not of text
    except LookupError:
        raise ValueError(f"unknown encoding '{name}'") from None
    return "utf-8" if codec == "utf_8" else codec


def _detect_legacy(data: bytes, legacy: tuple[str, ...]) -> str | None:
    """The legacy codec charset-normalizer finds `data` (not UTF-8) is in, if any of `legacy`."""
    best = charset_normalizer.from_bytes(data[:_SAMPLE], cp_isolation=["utf_8", *legacy]).best()
    return best.encoding if best is not None and best.encoding in legacy else None


def _decode(body: bytes, codec: str, path: Path, label: str) -> str:
    try:
        return body.decode(codec)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].decode(codec, errors="replace").count("\n") + 1
        raise InputError(str(path), f"invalid {label} (byte 0x{body[exc.start]:02x})", line) from None


def decode_detected(data: bytes, path: Path, *, legacy: tuple[str, ...] = (), forced: str | None = None,
                    nonempty: bool = False, nul_ok: bool = False, hint: str = "") -> tuple[str, TextEncoding]:
    """`data` as text, and its encoding: the one its byte order mark names (UTF-8, UTF-16, UTF-32);
    else `forced` if given; else UTF-8 when the bytes are valid UTF-8; else the one of `legacy` (codec
    names, see LEGACY_LABELS) charset-normalizer recognises. InputError for binary data or
    invalid bytes (naming the line, followed by `hint`), and for blank text when `nonempty`. With
    `nul_ok` NUL characters are the caller's to report (a glossary names their line)."""
    codec, bom = detect_bom(data)
    encoding = TextEncoding(forced, b"", "forced") if forced and not bom else TextEncoding(codec, bom)
    body = data[len(encoding.bom):]
    if not nul_ok and encoding.codec == "utf-8" and b"\x00" in body[:8192]:
        raise InputError(str(path), "binary file (NUL bytes), not a text document")
    try:
        text = _decode(body, encoding.codec, path, encoding.label)
    except InputError as exc:
        found = None if forced or encoding.bom else _detect_legacy(body, legacy)
        if found is None:
            names = " or ".join(LEGACY_LABELS.get(c, c) for c in legacy)
            reason = f"{exc.reason}, and not recognisably {names}" \
                if names and not (forced or encoding.bom) else exc.reason
            raise InputError(exc.path, reason + hint, exc.line) from None
        encoding = TextEncoding(found, b"", "detected")
        text = _decode(body, found, path, encoding.label)
    if not nul_ok and encoding.codec != "utf-8" and "\x00" in text:
        raise InputError(str(path), "binary file (NUL characters), not a text document")
    if nonempty and not text.strip():
        raise InputError(str(path), "empty document")
    return text, encoding


def decode_text(data: bytes, path: Path, *, nonempty: bool = False, nul_ok: bool = False) -> str:
    """`data` as text: UTF-8 (BOM optional), or UTF-16/UTF-32 when a BOM says so (see
    `decode_detected`, which also accepts legacy encodings)."""
    return decode_detected(data, path, nonempty=nonempty, nul_ok=nul_ok)[0]


def read_bytes(path: Path) -> bytes:
    """The file's bytes; InputError naming it when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def read_text(path: Path, *, nonempty: bool = False, nul_ok: bool = False) -> str:
    """The file's text (see `decode_text`); InputError also for an unreadable file."""
    return decode_text(read_bytes(path), path, nonempty=nonempty, nul_ok=nul_ok)


#: Said after "not UTF-8, nor recognisably windows-1251 or KOI8-R" by commands that take --encoding.
ENCODING_HINT = "; name its encoding with --encoding"


def read_russian_text(path: Path, encoding: str | None = None, *, nonempty: bool = False, hint: str = "") -> str:
    """A Russian text file's text, decoded as .txt documents are: `encoding` if given (a byte
    order mark still wins), else UTF-8, else windows-1251 or KOI8-R when recognised."""
    return decode_detected(read_bytes(path), path, legacy=tuple(LEGACY_LABELS), forced=encoding,
                           nonempty=nonempty, hint=hint)[0]
