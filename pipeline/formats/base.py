"""The document-format extension point: one interface, one registry keyed by file suffix.

A format turns a file's bytes into a `Document` (paragraphs of inline spans whose sentences are
`Segment`s to translate, plus whatever private state it needs to write the file back) and renders
that document with translated segments back into bytes of the same format. Everything that is
not a translated sentence (markup, layout, images, code) must come out exactly as it went in.

Adding a format (ODT, say) is one new module in `pipeline/formats/` holding a `DocumentFormat`
subclass decorated with `@register`: `FORMATS` (a `pipeline.registry.Registry`, as for every
other axis) imports every module of the package on first use.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from pipeline.errors import InputError, NotRussian
from pipeline.lookalikes import CYRILLIC
from pipeline.registry import Plugin, Registry
from pipeline.segments import Paragraph, Segment, Span, TemplateBuilder

__all__ = ["FORMATS", "Document", "DocumentFormat", "Paragraph", "Segment", "Span", "TemplateBuilder",
           "UnsupportedFormat", "check_russian", "format_for", "register", "registered_suffixes"]

_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class Document:
    """A parsed source document, whatever its format.

    Built by `DocumentFormat.parse`; the run loop reads `segments`, calls `render` per language
    and writes the bytes to `output_path`.
    """

    path: Path
    format: DocumentFormat
    paragraphs: list[Paragraph]
    segments: list[Segment]
    # path relative to the input root, used to place outputs under --out (read_document sets it)
    rel: Path = Path()
    # problems that do not stop translation (an unclosed code fence); shown to the user and
    # recorded in the document's report entry
    warnings: list[str] = field(default_factory=list)
    # the format's private parsed state that `render` needs (lines, an XML tree...)
    state: object = None

    def __post_init__(self) -> None:
        if self.rel == Path():
            self.rel = Path(self.path.name)

    @property
    def paragraph_count(self) -> int:
        return len(self.paragraphs)

    def render(self, outputs: list[str], lang: str) -> bytes:
        """The document in its own format with segment i replaced by `outputs[i]`."""
        return self.format.render(self, outputs, lang)

    def output_path(self, out_dir: Path, lang: str) -> Path:
        """OUT/<relative path without extension>.<lang>.<ext>."""
        return out_dir / self.rel.with_name(f"{self.rel.stem}.{lang}{self.rel.suffix}")


class DocumentFormat(Plugin, ABC):
    """One document format. A subclass provides `name`, `suffixes`, `parse` and `render`."""

    name: ClassVar[str]
    """Short name shown in messages and docs ("text", "markdown", "docx", "html")."""

    suffixes: ClassVar[tuple[str, ...]]
    """Lower-case file suffixes with the dot (".md", ".markdown") this format reads and writes."""

    text_encoding: ClassVar[bool] = False
    """True for a format of plain text in any encoding (text, Markdown): its `parse` takes
    `encoding=` (the user's `--encoding`). Formats that declare their encoding (HTML's meta
    charset, DOCX's XML) do not."""

    @property
    def options(self) -> tuple[str, ...]:  # type: ignore[override]
        return ("--encoding",) if self.text_encoding else ()

    @abstractmethod
    def parse(self, data: bytes, path: Path) -> Document:
        """The file's bytes as a Document: build paragraphs and segments with a `TemplateBuilder`
        (text to translate via `add_text`, with marks for inline formatting; markup via
        `add_literal`), keep in `state` what `render` needs to rebuild the file.

        Raise `InputError(str(path), reason, line)` for a file this format cannot read (not a zip,
        not UTF-8, encrypted...); it is reported and the run goes on. Never raise anything else
        on bad input. Do not check the language: `read_document` does, for every format.
        """

    def plain_text(self, doc: Document, text: str) -> str:
        """A paragraph of `doc` rendered (`Paragraph.render`) as a reader sees it, markup removed:
        what `pressmt evaluate` pairs with a plain reference line. Formats whose paragraphs hold
        markup as text (Markdown's `**`, link targets) override it; for the others it is the text."""
        return text

    @abstractmethod
    def render(self, doc: Document, outputs: list[str], lang: str) -> bytes:
        """The document's bytes with segment i replaced by `outputs[i]` (`lang`, a registered code, is
        the target language, for formats that declare it, as HTML's `lang` attribute).

        Must not change `doc` (it is rendered once per language). With `outputs` equal to the
        segments' sources the result should be the input, byte for byte where the format allows.
        """


class UnsupportedFormat(InputError):
    """A file whose suffix no registered format reads."""


#: Every format, by name; `format_for` chooses one by suffix.
FORMATS: Registry[DocumentFormat] = Registry("format", package="pipeline.formats")

#: Class decorator: make a format available for its suffixes.
register = FORMATS.register


def registered_suffixes() -> tuple[str, ...]:
    """Every suffix some format reads, sorted (".docx", ".htm", ".html", ".md", ".txt"...)."""
    return tuple(sorted(FORMATS.by_suffix))


#: What to do with the office formats people drop into a releases folder that no format reads.
CONVERT_HINTS = {".doc": "save it as .docx", ".odt": "save it as .docx", ".rtf": "save it as .docx",
                 ".pdf": "export the text as .txt, or save it as .docx"}


def unsupported_reason(path: Path) -> str:
    """Why `path` is not read, the same words whether it was named (failed) or found in a folder
    (skipped): its suffix, what to do with it where we know, and the suffixes that are read."""
    suffix = path.suffix.lower()
    hint = CONVERT_HINTS.get(suffix)
    return (f"unsupported format ({path.suffix or 'no suffix'})" + (f": {hint}" if hint else "")
            + f"; pressmt reads {', '.join(registered_suffixes())}")


def format_for(path: Path) -> DocumentFormat:
    """The format registered for `path`'s suffix (any case: `.DOCX` is Word's); UnsupportedFormat
    says why not, as `unsupported_reason`."""
    fmt = FORMATS.for_path(path)
    if fmt is None:
        raise UnsupportedFormat(str(path), unsupported_reason(path))
    return fmt


def check_russian(doc: Document) -> None:
    """One rule for every format: the text to translate must be mostly Cyrillic, else NotRussian
    (an English README in a releases folder is skipped, not failed)."""
    text = " ".join(s.source for s in doc.segments)
    if len(CYRILLIC.findall(text)) < 0.5 * len(_LETTER.findall(text)):
        raise NotRussian(str(doc.path), "not Russian text (mostly non-Cyrillic letters)")
