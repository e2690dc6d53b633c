"""Word releases (.docx) read and written with python-docx, formatting kept.

Translated: every paragraph of the body (headings, lists, table cells at any depth, text boxes),
of every header and footer, of footnotes and endnotes, and the document title (core properties).
Inside a paragraph, consecutive pieces of text with the same run properties in the same hyperlink
form one span with its marks (strong, em, underline, link), translated as its own piece as the
Markdown format does, so a bold name comes out bold and a glossary term in a bold run keeps the
bold. The translation of a span goes into its first `w:t`; the span's other `w:t` elements are
emptied, never removed, so runs, their properties, hyperlinks, paragraph and character styles,
images, fields, tabs, breaks, section settings and every part not named above stay as they were.

The file is checked before python-docx sees it (`ooxml_safety.check_docx`): not a zip, encrypted,
a renamed macro document, a zip bomb or an XML entity attack is reported with its reason.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import PartFactory, XmlPart
from docx.oxml.ns import qn
from lxml import etree

from pipeline.errors import InputError
from pipeline.formats.base import Document, DocumentFormat, TemplateBuilder, register
from pipeline.formats.markup_text import clean_text
from pipeline.formats.ooxml_safety import check_docx

# python-docx keeps footnotes and endnotes as opaque bytes; as XmlParts their XML is parsed
# (with its own entity-free parser) and written back from the tree we edit.
PartFactory.part_type_for.setdefault(CT.WML_FOOTNOTES, XmlPart)
PartFactory.part_type_for.setdefault(CT.WML_ENDNOTES, XmlPart)

_STORY_TYPES = (CT.WML_HEADER, CT.WML_FOOTER, CT.WML_FOOTNOTES, CT.WML_ENDNOTES)
_P, _R, _T, _RPR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:rPr")
_HYPERLINK = qn("w:hyperlink")
# Word's non-breaking hyphen is an element, not a character: "Касым<w:noBreakHyphen/>Жомарт".
_NB_HYPHEN, _HYPHEN_CHAR = qn("w:noBreakHyphen"), "\u2011"
# Never translated: deleted text (tracked changes), field codes, properties of the paragraph mark.
_SKIPPED = {qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:instrText"), qn("w:delText")}
# Run children that carry no text and do not interrupt it.
_NEUTRAL = {_RPR, qn("w:lastRenderedPageBreak"), qn("w:proofErr")}
_BREAKS = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}
_OFF = {"0", "false", "off", "none"}
_CORE_TITLE = "core-title"


@dataclass
class _Piece:
    """Consecutive `w:t` (and non-breaking hyphen) elements sharing run properties and hyperlink:
    one span of text."""

    texts: list  # the elements, in order
    marks: tuple[str, ...]

    @property
    def text(self) -> str:
        return "".join(_HYPHEN_CHAR if t.tag == _NB_HYPHEN else t.text or "" for t in self.texts)

    def replace(self, text: str) -> None:
        """Put `text` in the first `w:t`; empty the other `w:t`s and drop the hyphen elements
        (their character is in the translation's source, not necessarily in the translation)."""
        first = next(t for t in self.texts if t.tag == _T)
        for t in self.texts:
            if t.tag == _NB_HYPHEN:
                t.getparent().remove(t)
            else:
                t.text = text if t is first else ""
                if t is first and (text != text.strip() or "  " in text):
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _marks(run, link: bool) -> tuple[str, ...]:
    """The inline formatting of a run, as the Markdown format names it."""
    marks = []
    rpr = run.find(_RPR)
    if rpr is not None:
        def on(tag: str) -> bool:
            el = rpr.find(qn(tag))
            return el is not None and el.get(qn("w:val"), "true").lower() not in _OFF
        style = rpr.find(qn("w:rStyle"))
        style_name = (style.get(qn("w:val"), "") if style is not None else "").lower()
        if on("w:b") or style_name == "strong":
            marks.append("strong")
        if on("w:i") or style_name == "emphasis":
            marks.append("em")
        if on("w:u"):
            marks.append("underline")
    if link:
        marks.append("link")
    return tuple(marks)


def _pieces(paragraph) -> list[_Piece | str]:
    """A paragraph's content in order: text pieces, and tabs/breaks as literal strings. Nested
    paragraphs (text boxes) are not included: they are paragraphs of their own."""
    items: list[_Piece | str] = []
    open_key: list[object] = [None]  # the key of the piece that can still grow; None after a boundary

    def boundary(literal: str = "") -> None:
        open_key[0] = None
        if literal:
            items.append(literal)

    def walk(el, link) -> None:
        for child in el:
            tag = child.tag
            if tag in _SKIPPED or tag == _P or not isinstance(tag, str):
                continue
            if tag == _R:
                rpr = child.find(_RPR)
                key = (id(link) if link is not None else None,
                       rpr is not None and etree.tostring(rpr))
                for part in child:
                    if part.tag in (_T, _NB_HYPHEN):
                        if open_key[0] == key:
                            items[-1].texts.append(part)  # type: ignore[union-attr]
                        else:
                            items.append(_Piece([part], _marks(child, link is not None)))
                            open_key[0] = key
                    elif part.tag not in _NEUTRAL:
                        boundary(_BREAKS.get(part.tag, ""))
            else:
                entering = tag == _HYPERLINK
                if entering:
                    boundary()
                walk(child, child if entering else link)
                if entering:
                    boundary()

    walk(paragraph, None)
    return items


def _units(document) -> Iterator[list[_Piece | str] | str]:
    """Every translatable unit in a fixed order: the pieces of each paragraph with text (body,
    then headers, footers, footnotes, endnotes), then the core title (a str) when set."""
    parts = [document.part] + [p for p in document.part.package.iter_parts()
                               if p.content_type in _STORY_TYPES and isinstance(p, XmlPart)]
    for part in parts:
        for paragraph in part.element.iter(_P):
            pieces = _pieces(paragraph)
            if any(isinstance(p, _Piece) and p.text for p in pieces):
                yield pieces
    if _has_core_properties(document) and document.core_properties.title:
        yield _CORE_TITLE


def _has_core_properties(document) -> bool:
    """Whether the package has a core-properties part (python-docx would invent one, titled
    "Word Document", on first access)."""
    return any(rel.reltype == RT.CORE_PROPERTIES for rel in document.part.package.rels.values())


def _load(data: bytes, path: Path):
    check_docx(data, path)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 python-docx raises many types on damaged files; all are "unreadable"
        raise InputError(str(path), f"python-docx cannot read it: {exc}") from None


@register
class DocxFormat(DocumentFormat):
    """Office Open XML word-processing documents."""

    name = "docx"
    suffixes = (".docx",)

    def parse(self, data: bytes, path: Path) -> Document:
        document = _load(data, path)
        builder = TemplateBuilder()
        for number, unit in enumerate(_units(document)):
            para = builder.new_paragraph(anchor=number)
            if unit == _CORE_TITLE:
                builder.add_text(para, document.core_properties.title, anchor=0)
                continue
            for k, item in enumerate(unit):
                if isinstance(item, str):
                    builder.add_literal(para, item)
                elif item.text:
                    builder.add_text(para, item.text, item.marks, anchor=k)
        if not builder.segments:
            raise InputError(str(path), "empty document (no text to translate)")
        return Document(path=path, format=self, paragraphs=builder.paragraphs,
                        segments=builder.segments, state=data)

    def render(self, doc: Document, outputs: list[str], lang: str) -> bytes:
        # Reload the original so that rendering one language never sees another's edits.
        document = docx.Document(io.BytesIO(doc.state))  # type: ignore[arg-type]
        units = list(_units(document))
        sources = [s.source for s in doc.segments]
        for para in doc.paragraphs:
            unit = units[para.anchor]  # type: ignore[index]
            for span in para.spans:
                if span.anchor is None:
                    continue
                text = clean_text(span.render(outputs))
                if text == span.render(sources):
                    continue
                if unit == _CORE_TITLE:
                    document.core_properties.title = text
                    continue
                unit[span.anchor].replace(text)  # type: ignore[index, union-attr]
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
