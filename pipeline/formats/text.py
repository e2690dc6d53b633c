"""Plain-text releases (.txt): paragraphs are lines, or blank-line-separated blocks of lines.

A file with no blank line has one paragraph per line (the seed releases and the line-aligned
samples), so no two lines are ever joined. In a file whose paragraphs are separated by blank
lines, a hard-wrapped line (no sentence end, next line in lower case) is joined to the next for
translation and the paragraph is written back on one line. Every line keeps its own ending, and
the file keeps its encoding and byte order mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.formats.base import Document, DocumentFormat, Paragraph, TemplateBuilder, register
from pipeline.textfiles import decode_text, detect_bom, line_ending, split_lines

_SENTENCE_END = re.compile(r"[.!?…:;»\"”)\]]\s*$")


@dataclass
class TextState:
    """What rendering a line-based document needs: its pieces in order (literal text, including
    line endings, and paragraphs) and the encoding to write back."""

    pieces: list[str | Paragraph]
    encoding: str
    bom: bytes


def decode(data: bytes, path: Path) -> tuple[str, str, bytes]:
    """The text of a non-empty text document, its encoding and its byte order mark."""
    encoding, bom = detect_bom(data)
    return decode_text(data, path, nonempty=True), encoding, bom


def render_text(doc: Document, outputs: list[str]) -> bytes:
    """A line-based document's bytes with each segment replaced by its translation."""
    state: TextState = doc.state  # type: ignore[assignment]
    text = "".join(p.render(outputs) if isinstance(p, Paragraph) else p for p in state.pieces)
    return state.bom + text.encode(state.encoding)


def continues(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous line has no sentence end and this one starts in lower case."""
    return not _SENTENCE_END.search(previous) and line.lstrip()[:1].islower()


def add_joined(builder: TemplateBuilder, para: Paragraph, lines: list[str]) -> None:
    """Add wrapped lines (without endings) as one text: inner line breaks become spaces, the
    first line's indentation and the last line's trailing spaces stay literal."""
    joined = " ".join(line.strip() for line in lines)
    first, last = lines[0], lines[-1]
    lead = first[: len(first) - len(first.lstrip())]
    trail = last[len(last.rstrip()):] if last.strip() else ""
    if lead:
        builder.add_literal(para, lead)
    builder.add_text(para, joined)
    if trail:
        builder.add_literal(para, trail)


@register
class TextFormat(DocumentFormat):
    """UTF-8 (or BOM-marked UTF-16/32) plain text."""

    name = "text"
    suffixes = (".txt",)

    def parse(self, data: bytes, path: Path) -> Document:
        text, encoding, bom = decode(data, path)
        lines = split_lines(text, keepends=True)
        blocks = any(not line.strip() for line in lines)
        builder = TemplateBuilder()
        pieces: list[str | Paragraph] = []
        pending: list[str] = []

        def flush() -> None:
            if pending:
                para = builder.new_paragraph()
                add_joined(builder, para, [line.rstrip("\r\n") for line in pending])
                pieces.extend([para, line_ending(pending[-1])])
                pending.clear()

        for line in lines:
            if not line.strip():
                flush()
                pieces.append(line)
                continue
            if pending and not (blocks and continues(pending[-1], line)):
                flush()
            pending.append(line)
        flush()
        return Document(path=path, format=self, paragraphs=builder.paragraphs,
                        segments=builder.segments, state=TextState(pieces, encoding, bom))

    def render(self, doc: Document, outputs: list[str], lang: str) -> bytes:
        return render_text(doc, outputs)
