"""Sentence splitting (razdel) and the paragraph templates that join translations back.

A paragraph becomes a template: a list of literal strings (markup, whitespace between sentences)
and segment slots. Rendering fills the slots with translations, so whatever is not a sentence
(Markdown markers, URLs, spacing) comes out byte for byte as it went in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from razdel import sentenize

_HAS_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Segment:
    """One sentence to translate and where it sits in its document."""

    index: int  # position in the document's segment list
    paragraph: int  # 0-based paragraph number
    sentence: int  # 0-based sentence number within the paragraph
    source: str


@dataclass
class Paragraph:
    """A translatable paragraph: literals (str) interleaved with segment indices (int)."""

    parts: list[str | int] = field(default_factory=list)

    def render(self, outputs: list[str]) -> str:
        return "".join(outputs[p] if isinstance(p, int) else p for p in self.parts)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in `text`, found by razdel (Russian-aware)."""
    return [(s.start, s.stop) for s in sentenize(text)]


class TemplateBuilder:
    """Accumulates segments for one document while its paragraphs are parsed."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self._paragraph = -1

    def new_paragraph(self) -> Paragraph:
        self._paragraph += 1
        return Paragraph()

    def add_text(self, para: Paragraph, text: str) -> None:
        """Split `text` into sentences; text with no letters (numbers, dashes) stays literal."""
        if not _HAS_LETTER.search(text):
            para.parts.append(text)
            return
        pos = 0
        sentence = sum(1 for p in para.parts if isinstance(p, int))
        for start, end in split_sentences(text):
            if start > pos:
                para.parts.append(text[pos:start])
            chunk = text[start:end]
            if _HAS_LETTER.search(chunk):
                seg = Segment(len(self.segments), self._paragraph, sentence, chunk)
                self.segments.append(seg)
                para.parts.append(seg.index)
                sentence += 1
            else:
                para.parts.append(chunk)
            pos = end
        if pos < len(text):
            para.parts.append(text[pos:])

    def add_literal(self, para: Paragraph, text: str) -> None:
        para.parts.append(text)
