"""Document formats (plain text, Markdown, DOCX, HTML...): one module each, found by suffix.

`read_document` is the one entry point the run loop needs; the interface a format implements and
its registry, `FORMATS`, are in `pipeline.formats.base`.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import InputError
from pipeline.formats.base import (FORMATS, Document, DocumentFormat, UnsupportedFormat, check_russian,
                                   format_for, register, registered_suffixes, unsupported_reason)

__all__ = ["FORMATS", "Document", "DocumentFormat", "UnsupportedFormat", "format_for", "read_document",
           "register", "registered_suffixes", "unsupported_reason"]


def read_document(path: Path, rel: Path | None = None, data: bytes | None = None,
                  encoding: str | None = None) -> Document:
    """Read (unless `data` is given), parse and language-check one document. `encoding` (a codec
    name, see `textfiles.check_encoding`) is the one text formats read it in instead of detecting.

    Raises InputError (the file, the line where known, the reason) for anything unreadable,
    malformed or empty, and NotRussian for a readable document in another language.
    """
    fmt = format_for(path)
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    doc = fmt.parse(data, path, encoding=encoding) if encoding and fmt.text_encoding else fmt.parse(data, path)
    doc.rel = rel or Path(path.name)
    check_russian(doc)
    return doc
