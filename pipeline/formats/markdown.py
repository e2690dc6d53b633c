"""Markdown releases (.md): a CommonMark parser (markdown-it-py, with tables and footnotes) finds
the text to translate; everything else is copied byte for byte.

Translated: paragraphs, headings, list items, block quotes, table cells and footnote texts. Kept
exactly: block markup (markers, indentation, table pipes, footnote labels), code (fenced or
indented, never translated), HTML blocks, link reference definitions, and inside text the inline
code, inline HTML, footnote references, link targets, images, autolinks and bare URLs. Emphasis
and link text are translated as their own pieces, between their literal markers, with the marks
recorded on their segments. A paragraph hard-wrapped over several lines is translated as one text
and written on one line (a hard break, two spaces or a backslash, stays a line break). Every line
keeps its own ending. An unclosed code fence is a warning: CommonMark makes the rest of the
document code, so it stays untranslated.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from pipeline.formats.base import Document, DocumentFormat, Paragraph, TemplateBuilder, register
from pipeline.formats.text import TextState, decode, render_text
from pipeline.textfiles import split_lines

# A link destination in parentheses: <...>, or a URL with one level of balanced parentheses
# (https://ru.wikipedia.org/wiki/Экибастуз_(город)), and an optional title.
_DEST = (r"\(\s*(?:<[^<>\n]*>|(?:[^()\s\\]|\\.|\((?:[^()\s\\]|\\.)*\))*)"
         r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)")
_INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+)(?:(?!(?P=ticks)).)+?(?P=ticks)(?!`))"
    r"|(?P<image>!\[(?:[^\[\]\\]|\\.)*\](?:" + _DEST + r"|\[[^\[\]]*\])?)"
    r"|(?P<footref>\[\^[^\[\]\s]+\])"
    r"|(?P<autolink><(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>)"
    r"|(?P<html></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->)"
    r"|(?P<url>(?:https?|ftp)://(?:[^\s<>()]|\([^\s<>()]*\))*(?:[^\s<>().,;:!?\"'»]|\([^\s<>()]*\)))"
    r"|\[(?P<ltext>(?:[^\[\]\\]|\\.)+)\](?P<ldest>" + _DEST + r"|\[[^\[\]]+\])"
    r"|(?P<shortcut>\[(?P<label>(?:[^\[\]\\]|\\.)+)\](?:\[\])?)"
    r"|(?P<pipe>\\\|)"
    r"|(?<!\\)(?P<smark>\*\*|\*|~~)(?=\S)(?P<stext>.+?)(?<=[^\s\\])(?P=smark)"
    r"|(?<![\w\\])(?P<umark>__|_)(?=\S)(?P<utext>.+?)(?<=\S)(?P=umark)(?!\w)"
)
_EMPHASIS = {"**": "strong", "__": "strong", "*": "em", "_": "em", "~~": "strike"}
_TRAILING = re.compile(r"[^\r\n]*")
_FENCE_LINE = re.compile(r"^[ \t>]*(?P<marker>`{3,}|~{3,})[ \t]*$")

_PARSER = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
#: The inline tokens a reader sees, and the text each shows (`MarkdownFormat.plain_text`).
_VISIBLE = {"text": lambda t: t.content, "code_inline": lambda t: t.content,
            "softbreak": lambda t: " ", "hardbreak": lambda t: " "}


def add_inline(builder: TemplateBuilder, para: Paragraph, text: str, refs: frozenset[str],
               marks: tuple[str, ...] = ()) -> None:
    """Add one line of Markdown inline text: markup and targets literal, the text between
    translatable, emphasis and link text recursively with their marks. `refs` are the document's
    link reference labels: a shortcut link `[label]` is kept whole, since its text is its target."""
    pos = 0
    for m in _INLINE.finditer(text):
        if m.group("label") is not None and normalizeReference(m.group("label")) not in refs:
            continue  # brackets around plain text, not a link: part of the text around them
        if m.start() > pos:
            builder.add_text(para, text[pos:m.start()], marks)
        if m.group("ltext") is not None:
            builder.add_literal(para, "[")
            add_inline(builder, para, m.group("ltext"), refs, (*marks, "link"))
            builder.add_literal(para, "]" + m.group("ldest"))
        elif m.group("stext") is not None or m.group("utext") is not None:
            mark = m.group("smark") or m.group("umark")
            builder.add_literal(para, mark)
            add_inline(builder, para, m.group("stext") or m.group("utext"), refs, (*marks, _EMPHASIS[mark]))
            builder.add_literal(para, mark)
        else:
            builder.add_literal(para, m.group(0))
        pos = m.end()
    if pos < len(text):
        builder.add_text(para, text[pos:], marks)


class _Layout:
    """The source's lines with their absolute offsets, and a cursor per line so that several
    inline blocks on one line (table cells) are found left to right."""

    def __init__(self, text: str) -> None:
        self.lines = split_lines(text, keepends=True)
        self.offsets = [0]
        for line in self.lines:
            self.offsets.append(self.offsets[-1] + len(line))
        self.cursor = [0] * len(self.lines)

    def locate(self, number: int, content: str) -> tuple[int, int] | None:
        """Absolute [start, end) of `content` (stripped) on line `number`, after the cursor."""
        if number >= len(self.lines):
            return None
        source = self.lines[number]
        wanted = content.strip()
        for candidate in (wanted, wanted.replace("|", "\\|")):
            at = source.find(candidate, self.cursor[number])
            if at >= 0:
                self.cursor[number] = at + len(candidate)
                start = self.offsets[number] + at
                return start, start + len(candidate)
        return None


@dataclass
class MarkdownState(TextState):
    """A text document's state plus the parser's environment: the document's link reference
    definitions and footnotes, without which a `[label]` in a paragraph cannot be read alone."""

    env: dict


@register
class MarkdownFormat(DocumentFormat):
    """CommonMark with GitHub tables and footnotes."""

    name = "markdown"
    suffixes = (".md", ".markdown")
    text_encoding = True

    def parse(self, data: bytes, path: Path, encoding: str | None = None) -> Document:
        text, found, warnings = decode(data, path, encoding)
        layout = _Layout(text)
        env: dict = {}
        tokens = _PARSER.parse(text, env)
        refs = frozenset(env.get("references", {}))
        warnings += [w for t in tokens if t.type == "fence" and (w := _unclosed_fence(t, layout, path))]
        regions = []  # per translatable block: the absolute span of each of its content lines
        for token in tokens:
            if token.type != "inline" or not token.map or not token.content.strip():
                continue
            located = _locate_inline(token, layout)
            if located is None:
                warnings.append(f"{path}:{token.map[0] + 1}: Markdown text not found in the source "
                                "line (tabs or escapes); left untranslated")
                continue
            regions.append(located)
        regions.sort(key=lambda r: r[0][0])
        builder = TemplateBuilder()
        pieces: list[str | Paragraph] = []
        pos = 0
        for spans in regions:
            if spans[0][0] < pos:  # overlapping regions: never expected; keep the first
                continue
            pieces.append(text[pos:spans[0][0]])
            pieces.append(_paragraph(builder, text, spans, refs))
            pos = spans[-1][1]
        pieces.append(text[pos:])
        return Document(path=path, format=self, paragraphs=builder.paragraphs, segments=builder.segments,
                        warnings=warnings, state=MarkdownState([p for p in pieces if p != ""], found, env))

    def render(self, doc: Document, outputs: list[str], lang: str) -> bytes:
        return render_text(doc, outputs)

    def plain_text(self, doc: Document, text: str) -> str:
        """The inline text as CommonMark shows it: emphasis markers, link targets, images, inline
        HTML and footnote references dropped, escapes resolved, code spans kept as their text.
        Parsed with a copy of the document's references and footnotes, which decide what a `[...]` is."""
        env = copy.deepcopy(doc.state.env)  # type: ignore[union-attr]  (parsing records footnote uses in it)
        inline = _PARSER.parseInline(text, env)[0]  # then the footnote plugin's tail, when it saw one
        return "".join(_VISIBLE[t.type](t) for t in inline.children or () if t.type in _VISIBLE)


def _locate_inline(token: Token, layout: _Layout) -> list[tuple[int, int]] | None:
    """The absolute span of each non-blank content line of an inline token, or None when one
    cannot be found in its source lines. Each is searched from the line after the previous one,
    since the parser trims lines of Unicode spaces off the ends of the content."""
    line, stop = token.map
    spans = []
    for content in token.content.split("\n"):
        if not content.strip():
            continue
        for number in range(line, stop):
            span = layout.locate(number, content)
            if span is not None:
                break
        else:
            return None
        spans.append(span)
        line = number + 1
    return spans


def _paragraph(builder: TemplateBuilder, text: str, spans: list[tuple[int, int]], refs: frozenset[str]) -> Paragraph:
    """One paragraph from its content lines: soft-wrapped lines joined by a space, hard breaks
    and whatever sits between lines at a hard break (ending, markers) kept literal."""
    para = builder.new_paragraph()
    group: list[str] = []
    for k, (start, end) in enumerate(spans):
        line = text[start:end]
        last = k == len(spans) - 1
        hard = False
        if not last:
            trailing = _TRAILING.match(text, end).group(0)
            if line.endswith("\\"):
                hard, line, end = True, line[:-1], end - 1
            else:
                hard = trailing.endswith("  ")
        group.append(line)
        if hard:
            add_inline(builder, para, " ".join(group), refs)
            builder.add_literal(para, text[end:spans[k + 1][0]])
            group = []
    add_inline(builder, para, " ".join(group), refs)
    return para


def _unclosed_fence(token: Token, layout: _Layout, path: Path) -> str | None:
    """A warning when a fenced code block has no closing fence."""
    start, end = token.map
    closing = _FENCE_LINE.match(layout.lines[end - 1].rstrip("\r\n")) if end - 1 > start else None
    marker = token.markup
    if closing and closing.group("marker")[0] == marker[0] and len(closing.group("marker")) >= len(marker):
        return None
    return (f"{path}:{start + 1}: code fence {marker} is never closed; everything after it is code "
            "and stays untranslated")
