"""Plain-text releases (.txt): paragraphs are lines, or blank-line-separated blocks of lines.

A file with no blank line has one paragraph per line (the seed releases and the line-aligned
samples), so no two lines are ever joined. In a file whose paragraphs are separated by blank
lines, a hard-wrapped line (no sentence end, next line in lower case) is joined to the next for
translation and the paragraph is written back on one line. Every line keeps its own ending, and
the file keeps its encoding and byte order mark.

Encodings (shared with Markdown): UTF-8, or UTF-16/UTF-32 with a byte order mark; a file that is
not valid UTF-8 is recognised as windows-1251 or KOI8-R (charset-normalizer), or `--encoding`
names its encoding. An output is written in the input's encoding, except that a translation with
characters that encoding lacks (the Kazakh letters ә ғ қ ң ө ұ ү һ і are in neither windows-1251
nor KOI8-R, so a Kazakh output nearly always) is written in UTF-8 with a byte order mark, which
tells any editor what it is: nothing is dropped or replaced. The document's warnings say so.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.formats.base import Document, DocumentFormat, Paragraph, TemplateBuilder, register
from pipeline.textfiles import ENCODING_HINT, LEGACY_LABELS, TextEncoding, decode_detected, line_ending, split_lines

_SENTENCE_END = re.compile(r"[.!?…:;»\"”)\]]\s*$")


@dataclass
class TextState:
    """What rendering a line-based document needs: its pieces in order (literal text, including
    line endings, and paragraphs) and the encoding to write back."""

    pieces: list[str | Paragraph]
    encoding: TextEncoding


def decode(data: bytes, path: Path, encoding: str | None = None) -> tuple[str, TextEncoding, list[str]]:
    """The text of a non-empty text document, its encoding (`encoding` forces one), and the warning
    to record when that encoding is not UTF-8 or UTF-16/32 (detected among LEGACY_LABELS, or forced)."""
    text, found = decode_detected(data, path, legacy=tuple(LEGACY_LABELS), forced=encoding, nonempty=True,
                                  hint=ENCODING_HINT)
    if not found.how or found.is_default:
        return text, found, []
    how = "detected, not UTF-8" if found.how == "detected" else "--encoding"
    return text, found, [f"{path}: encoding {found.label} ({how}): outputs are written in {found.label}, "
                         f"or in UTF-8 with a byte order mark when a translation has characters "
                         f"{found.label} lacks (as the Kazakh letters ә ғ қ ң ө ұ ү һ і)"]


def render_text(doc: Document, outputs: list[str]) -> bytes:
    """A line-based document's bytes with each segment replaced by its translation, in the input's
    encoding, or in UTF-8 with a byte order mark when that encoding cannot hold the text."""
    state: TextState = doc.state  # type: ignore[assignment]
    text = "".join(p.render(outputs) if isinstance(p, Paragraph) else p for p in state.pieces)
    try:
        return state.encoding.bom + text.encode(state.encoding.codec)
    except UnicodeEncodeError:
        return codecs.BOM_UTF8 + text.encode("utf-8")


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
    """Plain text: UTF-8 (or BOM-marked UTF-16/32), windows-1251 or KOI8-R."""

    name = "text"
    suffixes = (".txt",)
    text_encoding = True

    def parse(self, data: bytes, path: Path, encoding: str | None = None) -> Document:
        text, found, warnings = decode(data, path, encoding)
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
                        segments=builder.segments, warnings=warnings, state=TextState(pieces, found))

    def render(self, doc: Document, outputs: list[str], lang: str) -> bytes:
        return render_text(doc, outputs)
