"""Sentence splitting (razdel) and the paragraph templates that join translations back.

A paragraph becomes a template: a sequence of inline spans, each a list of literal strings
(markup, whitespace between sentences) and segment slots, with the marks the span carries (bold,
link...). Rendering fills the slots with translations, so whatever is not a sentence (markup,
URLs, spacing) comes out byte for byte as it went in, and a format can put each span's text back
where the span came from (a DOCX run, an HTML text node) with its formatting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from razdel import sentenize

_HAS_LETTER = re.compile(r"[^\W\d_]")
# Punctuation that ends the previous sentence, left at the start of a piece of text that follows
# inline markup ("<b>Караганде</b>. Подробности"): literal, not part of the next segment.
_CLOSING = re.compile(r"[.,;:!?…)\]»”]+\s*")


@dataclass(frozen=True)
class Segment:
    """One sentence to translate and where it sits in its document."""

    index: int  # position in the document's segment list
    paragraph: int  # 0-based paragraph number
    sentence: int  # 0-based sentence number within the paragraph
    source: str
    marks: tuple[str, ...] = ()  # inline formatting around it ("strong", "em", "link"...)


@dataclass
class Span:
    """An inline run of a paragraph: literals (str) and segment indices (int) sharing one format.

    `anchor` is the format's own handle on where the run lives (a DOCX run, an lxml node);
    the text and Markdown formats leave it None.
    """

    parts: list[str | int] = field(default_factory=list)
    marks: tuple[str, ...] = ()
    anchor: object = None

    def render(self, outputs: list[str]) -> str:
        """The span's text with each segment slot replaced by `outputs[index]`."""
        return "".join(outputs[p] if isinstance(p, int) else p for p in self.parts)


@dataclass
class Paragraph:
    """A translatable paragraph: its inline spans, in order.

    `anchor` is the format's handle on the paragraph itself (a DOCX paragraph, an HTML element).
    """

    spans: list[Span] = field(default_factory=list)
    anchor: object = None

    @property
    def parts(self) -> list[str | int]:
        """All spans' parts, flattened: literals and segment indices in reading order."""
        return [p for span in self.spans for p in span.parts]

    def render(self, outputs: list[str]) -> str:
        """The whole paragraph's text with every segment replaced by its translation."""
        return "".join(span.render(outputs) for span in self.spans)


#: A microdistrict's abbreviation, after which razdel ends a sentence though the name follows ("в мкр.
#: Аккент"): no sentence ends there.
_BEFORE_A_NAME = re.compile(r"\b(?:мкр|мкрн|мкр-н)\.$", re.IGNORECASE)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in `text`, found by razdel (Russian-aware), joined again
    where razdel ends one at an abbreviation before a name."""
    spans: list[tuple[int, int]] = []
    for s in sentenize(text):
        if spans and _BEFORE_A_NAME.search(text, spans[-1][0], spans[-1][1]):
            spans[-1] = (spans[-1][0], s.stop)
        else:
            spans.append((s.start, s.stop))
    return spans


class TemplateBuilder:
    """Accumulates segments for one document while its paragraphs are parsed.

    A format calls `new_paragraph` per translatable block, then `add_text` for each piece of
    translatable text and `add_literal` for markup, in reading order within each paragraph
    (a paragraph may be started while another is still being filled, e.g. an HTML attribute).
    """

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.paragraphs: list[Paragraph] = []
        self._numbers: dict[int, int] = {}  # id(paragraph) -> its number, so paragraphs may interleave

    def new_paragraph(self, anchor: object = None) -> Paragraph:
        """Start the next paragraph (its number is its position in `paragraphs`)."""
        para = Paragraph(anchor=anchor)
        self._numbers[id(para)] = len(self.paragraphs)
        self.paragraphs.append(para)
        return para

    def add_text(self, para: Paragraph, text: str, marks: tuple[str, ...] = (),
                 anchor: object = None) -> Span:
        """Add a span of translatable text, split into sentences; whitespace around and between
        sentences and text with no letters (numbers, dashes) stay literal."""
        span = Span(marks=marks, anchor=anchor)
        para.spans.append(span)
        if not _HAS_LETTER.search(text):
            span.parts.append(text)
            return span
        number = self._numbers[id(para)]
        sentence = sum(1 for p in para.parts if isinstance(p, int))
        pos = 0
        for start, end in split_sentences(text):
            chunk = text[start:end].strip()
            if pos == 0 and (closing := _CLOSING.match(chunk)):
                chunk = chunk[closing.end():]
            if not chunk:
                continue
            start = text.index(chunk, start)
            end = start + len(chunk)
            if start > pos:
                span.parts.append(text[pos:start])
            if _HAS_LETTER.search(chunk):
                seg = Segment(len(self.segments), number, sentence, chunk, marks)
                self.segments.append(seg)
                span.parts.append(seg.index)
                sentence += 1
            else:
                span.parts.append(chunk)
            pos = end
        if pos < len(text):
            span.parts.append(text[pos:])
        return span

    def add_literal(self, para: Paragraph, text: str, anchor: object = None) -> Span:
        """Add a span copied to the output unchanged (markup, a URL, an image)."""
        span = Span([text], anchor=anchor)
        para.spans.append(span)
        return span
