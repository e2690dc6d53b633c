"""Reading .txt/.md press releases into paragraphs and segments, and rendering translations back.

Paragraph structure is kept exactly: blank lines, line endings and Markdown block markers
(headings, list markers, quotes, code) are literals copied to the output; only sentences are
translated. Inline Markdown (emphasis, links) is split at its markers so the markers survive
translation, at the cost of translating the marked span as its own piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import NotRussian
from pipeline.segments import Paragraph, Segment, TemplateBuilder
from pipeline.textfiles import read_text

SUPPORTED_SUFFIXES = (".txt", ".md")

# Markdown block markers kept verbatim in front of the translated text.
_MD_BLOCK_PREFIX = re.compile(r"^(\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,3}[.)]\s+)+)")
_MD_LITERAL_LINE = re.compile(r"^\s*(?:\||<[^>]+>\s*$|(?:[-*_]\s*){3,}$|\[[^\]]+\]:\s)")
_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
# Inline Markdown: images, inline code, autolinks and bare URLs are literal; links and emphasis
# have literal markers around translatable text.
_MD_INLINE = re.compile(
    r"(?P<image>!\[[^\]]*\]\([^)]*\))"
    r"|(?P<code>`[^`]+`)"
    r"|(?P<autolink><https?://[^>]+>)"
    r"|(?P<url>https?://[^\s)]+)"
    r"|(?P<lopen>\[)(?P<ltext>[^\]]+)(?P<lclose>\]\([^)]*\))"
    r"|(?P<emark>\*\*|__|\*)(?=\S)(?P<etext>.+?)(?<=\S)(?P=emark)"
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"[.!?…:;»\"”)\]]\s*$")


@dataclass
class Document:
    """A parsed source document: blocks are literal lines or translatable paragraphs."""

    path: Path
    rel: Path  # path relative to the input root, used to place outputs under --out
    text: str
    newline: str
    blocks: list[str | Paragraph] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)

    @property
    def paragraph_count(self) -> int:
        return sum(1 for b in self.blocks if isinstance(b, Paragraph))

    def render(self, outputs: list[str]) -> str:
        """The document with each segment replaced by `outputs[segment.index]`."""
        lines = [b.render(outputs) if isinstance(b, Paragraph) else b for b in self.blocks]
        return self.newline.join(lines)

    def output_path(self, out_dir: Path, lang: str) -> Path:
        """OUT/<relative path without extension>.<lang>.<ext>."""
        rel = self.rel.with_name(f"{self.rel.stem}.{lang}{self.rel.suffix}")
        return out_dir / rel


def read_document(path: Path, rel: Path | None = None) -> Document:
    """Read and parse one document; raises InputError for unreadable, binary or empty files."""
    text = read_text(path, nonempty=True)
    letters = len(_LETTER.findall(text))
    if len(_CYRILLIC.findall(text)) < 0.5 * letters:
        raise NotRussian(str(path), "not Russian text (mostly non-Cyrillic letters)")
    return parse_document(text, path=path, rel=rel or Path(path.name))


def parse_document(text: str, *, path: Path, rel: Path) -> Document:
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    doc = Document(path=path, rel=rel, text=text, newline=newline)
    builder = TemplateBuilder()
    markdown = path.suffix.lower() == ".md"
    in_fence = False
    pending: list[str] = []

    def flush() -> None:
        if pending:
            para = builder.new_paragraph()
            joined = " ".join(x.strip() for x in pending)
            lead = pending[0][: len(pending[0]) - len(pending[0].lstrip())]
            builder.add_literal(para, lead)
            _add_inline(builder, para, joined, markdown)
            doc.blocks.append(para)
            pending.clear()

    for line in lines:
        if markdown and _MD_FENCE.match(line):
            flush()
            in_fence = not in_fence
            doc.blocks.append(line)
            continue
        if in_fence or not line.strip() or (markdown and _MD_LITERAL_LINE.match(line)):
            flush()
            doc.blocks.append(line)
            continue
        prefix = _MD_BLOCK_PREFIX.match(line) if markdown else None
        if prefix:
            flush()
            para = builder.new_paragraph()
            builder.add_literal(para, prefix.group(1))
            _add_inline(builder, para, line[prefix.end():], markdown)
            doc.blocks.append(para)
            continue
        if pending and not _continues(pending[-1], line):
            flush()
        pending.append(line)
    flush()
    doc.segments = builder.segments
    return doc


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous line has no sentence end and this one starts in lower case."""
    stripped = line.lstrip()
    return not _SENTENCE_END.search(previous) and stripped[:1].islower()


def _add_inline(builder: TemplateBuilder, para: Paragraph, text: str, markdown: bool) -> None:
    """Add text, keeping inline Markdown markers (and URLs) as literals when `markdown`."""
    if not markdown:
        _add_text_keeping_edges(builder, para, text)
        return
    pos = 0
    for m in _MD_INLINE.finditer(text):
        if m.start() > pos:
            _add_text_keeping_edges(builder, para, text[pos:m.start()])
        if m.group("ltext") is not None:
            builder.add_literal(para, m.group("lopen"))
            _add_text_keeping_edges(builder, para, m.group("ltext"))
            builder.add_literal(para, m.group("lclose"))
        elif m.group("etext") is not None:
            builder.add_literal(para, m.group("emark"))
            _add_text_keeping_edges(builder, para, m.group("etext"))
            builder.add_literal(para, m.group("emark"))
        else:
            builder.add_literal(para, m.group(0))
        pos = m.end()
    if pos < len(text):
        _add_text_keeping_edges(builder, para, text[pos:])


def _add_text_keeping_edges(builder: TemplateBuilder, para: Paragraph, text: str) -> None:
    """Leading/trailing whitespace stays literal so spacing around markup is preserved."""
    core = text.strip()
    if not core:
        builder.add_literal(para, text)
        return
    start = text.index(core)
    if start:
        builder.add_literal(para, text[:start])
    builder.add_text(para, core)
    if start + len(core) < len(text):
        builder.add_literal(para, text[start + len(core):])
