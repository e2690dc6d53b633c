"""HTML releases (.html, .htm): a saved release page or an article fragment.

Translated: the text of `title`, `p`, `h1`-`h6`, `li`, `td`, `th`, `dt`, `dd`, `caption` and
`figcaption` (inline elements inside them, such as `b`, `em` or `a`, split the text into spans
that carry their marks), and every `alt` and `title` attribute. Everything else is copied from the
source byte for byte: markup, scripts, styles, comments, other attributes, text outside those
elements, and `code`/`kbd`/`samp`/`var`/`pre` text. The output's `<html>` gets `lang`.

The tokenizer is the standard library's HTML parser (the one BeautifulSoup's "html.parser" builder
uses), chosen over a tree parser because it reports where every token starts, so a text node is
replaced in place and nothing the tree would normalise (attribute quoting, entity spelling,
void-tag slashes) changes. Translated text is escaped; an unchanged span keeps its bytes.

Encoding: a byte order mark, else the `<meta charset>` or `http-equiv` declaration in the first
4 KB (windows-1251 pages are common), else UTF-8. The output is written in the same encoding;
characters it cannot hold (Kazakh letters in windows-1251) become numeric character references.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from pipeline.errors import InputError
from pipeline.formats.base import Document, DocumentFormat, Paragraph, TemplateBuilder, register
from pipeline.formats.markup_text import clean_text
from pipeline.textfiles import decode_text, detect_bom

CONTAINERS = frozenset({"title", "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
                        "caption", "figcaption"})
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font",
                     "i", "img", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub",
                     "sup", "time", "u", "var", "wbr"})
_MARKS = {"b": "strong", "strong": "strong", "i": "em", "em": "em", "u": "underline", "a": "link"}
# Elements whose content is never translated (raw text, code, embedded vocabularies).
_KEEP = frozenset({"script", "style", "code", "kbd", "samp", "var", "pre", "textarea", "svg", "math",
                   "template", "noscript"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})
ATTRIBUTES = ("alt", "title")
_TABLE = frozenset({"table", "tbody", "thead", "tfoot"})
# Start tags that close an open element implicitly (HTML's optional end tags): (these start tags,
# close the innermost of these, unless one of these is nearer).
_IMPLIED = (
    (frozenset({"p", "div", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt",
                "dd", "blockquote", "figure", "figcaption", "section", "article", "header", "footer",
                "aside", "nav", "form", "hr", "pre", "address", "main"}),
     frozenset({"p"}), frozenset({"td", "th", "li", "dd", "dt", "div", "body", "button", "table"})),
    (frozenset({"li"}), frozenset({"li"}), frozenset({"ul", "ol", "menu"})),
    (frozenset({"dt", "dd"}), frozenset({"dt", "dd"}), frozenset({"dl"})),
    (frozenset({"td", "th", "tr"}), frozenset({"td", "th"}), _TABLE | {"tr"}),
    (frozenset({"tr"}) | _TABLE, frozenset({"tr"}), _TABLE),
)
_WHITESPACE = " \t\n\r\f"  # HTML's whitespace, which it collapses (not U+00A0)
_SPACE = re.compile(f"[{_WHITESPACE}]+")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([-\w.:]+)", re.IGNORECASE)
_FOREIGN = ((b"%PDF", "a PDF file"), (b"PK\x03\x04", "a zip archive (a .docx?)"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE compound file (a .doc?)"),
            (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"))


@dataclass(frozen=True)
class _TextAnchor:
    start: int
    end: int


@dataclass(frozen=True)
class _AttrAnchor:
    start: int
    end: int
    attr: int  # position of the attribute in the tag's attribute list


@dataclass
class _Tag:
    """A start tag the output may rewrite (translated attributes, `lang` on `<html>`)."""

    name: str
    start: int
    end: int
    attrs: list[tuple[str, str | None]]
    self_closing: bool


@dataclass
class HtmlState:
    text: str
    encoding: str
    bom: bytes
    tags: dict[int, _Tag]  # by start offset
    html_tag: int | None  # start offset of <html>


class _Scanner(HTMLParser):
    """Walks the tokens with a stack of open elements (closing `p`, `li`, `td`... implicitly as
    HTML does), building paragraphs and recording token offsets so text is replaced in place."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.builder = TemplateBuilder()
        self.open: list[str] = []
        self.para: Paragraph | None = None
        self.pending: list[tuple[_Tag, int, str]] = []  # attribute paragraphs to open later
        self.tags: dict[int, _Tag] = {}
        self.html_tag: int | None = None
        self.saw_tag = False
        self.last_data: tuple[int, str] | None = None  # text seen, placed when the next token starts
        self.stray = False  # a "<" the tokenizer took for text: the text up to the next tag is kept

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _inside(self, names: frozenset[str]) -> bool:
        return any(tag in names for tag in self.open)

    # -- text -----------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        self._place_data(self._pos(), token=False)
        self.last_data = (self._pos(), data)

    def _place_data(self, end: int, token: bool = True) -> None:
        """Add the pending text node, now that its end (the start of the next token, or of the
        next text node when `token` is false) is known."""
        if self.last_data is None:
            self.stray = self.stray and not token
            return
        start, data = self.last_data
        self.last_data = None
        self._add_text(start, end, data)
        self.stray = self.stray and not token

    def _add_text(self, start: int, end: int, data: str) -> None:
        # Text the tokenizer kept from something that began like markup ("</А", "<?x" at the end of
        # the file), up to the next tag, is what browsers read as a comment: never translated.
        self.stray = self.stray or self.text.startswith("<", start)
        if not self._inside(CONTAINERS):
            return
        if self._inside(_KEEP) or self.stray:
            if self.para is not None:
                self.builder.add_literal(self.para, data)
            return
        if self.para is None:
            if not _HAS_LETTER.search(data):
                return
            self.para = self.builder.new_paragraph()
        marks = tuple(dict.fromkeys(_MARKS[tag] for tag in self.open if tag in _MARKS))
        self.builder.add_text(self.para, _SPACE.sub(" ", data), marks, anchor=_TextAnchor(start, end))

    def _close_paragraph(self) -> None:
        self.para = None
        for tag, index, value in self.pending:
            para = self.builder.new_paragraph()
            self.builder.add_text(para, value, anchor=_AttrAnchor(tag.start, tag.end, index))
        self.pending.clear()

    # -- tags -----------------------------------------------------------------------------
    def _pop_to(self, names: frozenset[str], stop: frozenset[str]) -> None:
        """Close the innermost open element named in `names`, unless an element in `stop` is
        nearer (a `li` of an outer list stays open inside a nested `ul`)."""
        for k in range(len(self.open) - 1, -1, -1):
            if self.open[k] in stop:
                return
            if self.open[k] in names:
                del self.open[k:]
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]], void: bool = False) -> None:
        start = self._pos()
        self._place_data(start)
        self.saw_tag = True
        raw = self.get_starttag_text() or ""
        record = _Tag(tag, start, start + len(raw), attrs, raw.rstrip().endswith("/>"))
        if tag == "html" and self.html_tag is None:
            self.tags[start] = record
            self.html_tag = start
        if tag not in _INLINE:
            self._close_paragraph()
        for closes, names, stop in _IMPLIED:
            if tag in closes:
                self._pop_to(names, stop)
        keep = self._inside(_KEEP) or tag in _KEEP
        if not void and tag not in _VOID:
            self.open.append(tag)
        if keep:
            return
        for index, (name, value) in enumerate(attrs):
            if name in ATTRIBUTES and value and _HAS_LETTER.search(value):
                self.tags[start] = record
                self.pending.append((record, index, value))
        if self.para is None:
            self._close_paragraph()  # no text paragraph open: the attribute paragraphs start now

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs, void=True)

    def handle_endtag(self, tag: str) -> None:
        self._place_data(self._pos())
        if tag not in _INLINE:
            self._close_paragraph()
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag):]

    # -- everything else only ends a text node ----------------------------------------------
    def handle_comment(self, data: str) -> None:
        self._place_data(self._pos())

    def handle_decl(self, decl: str) -> None:
        self._place_data(self._pos())

    def handle_pi(self, data: str) -> None:
        self._place_data(self._pos())

    def unknown_decl(self, data: str) -> None:
        self._place_data(self._pos())

    def finish(self) -> None:
        self.close()
        self._place_data(len(self.text))
        self._close_paragraph()


def _declared_encoding(data: bytes) -> str | None:
    """The charset a `<meta>` in the first 4 KB declares, if any (the HTML prescan's job)."""
    found: list[str] = []

    class Meta(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag != "meta" or found:
                return
            values = {k: v or "" for k, v in attrs}
            if values.get("charset"):
                found.append(values["charset"].strip())
            elif values.get("http-equiv", "").lower() == "content-type":
                match = _CHARSET.search(values.get("content", ""))
                if match:
                    found.append(match.group(1))

    scanner = Meta()
    scanner.feed(data[:4096].decode("latin-1"))
    return found[0] if found else None


def _decode(data: bytes, path: Path) -> tuple[str, str, bytes]:
    """The page's text, the encoding to write it back in, and its byte order mark."""
    for magic, what in _FOREIGN:
        if data.startswith(magic):
            raise InputError(str(path), f"not HTML: {what}")
    encoding, bom = detect_bom(data)
    declared = None if bom else _declared_encoding(data)
    if declared:
        try:
            encoding = codecs.lookup(declared).name
        except LookupError:
            raise InputError(str(path), f"unknown charset '{declared}' declared in <meta>") from None
        if encoding.startswith(("utf-16", "utf-32")):  # a page without a BOM is ASCII-compatible
            encoding = "utf-8"
    if encoding == "utf-8" or bom:
        return decode_text(data, path, nonempty=True), encoding, bom
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(str(path), f"invalid {declared} (byte 0x{data[exc.start]:02x})", line) from None
    if "\x00" in text:
        raise InputError(str(path), "binary file (NUL bytes), not a text document")
    if not text.strip():
        raise InputError(str(path), "empty document")
    return text, encoding, bom


def _encoding_warnings(data: bytes, encoding: str, bom: bytes, path: Path) -> list[str]:
    """A page that declares a legacy charset but whose bytes are UTF-8 (a CMS that changed its
    encoding and not its template) is read as declared, as browsers do, and flagged."""
    if bom or encoding == "utf-8" or data.isascii():
        return []
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return []
    return [f"{path}: declares {encoding} but its bytes are valid UTF-8; read as {encoding}, "
            "as browsers do: check the translation, and the page's <meta charset>"]


def _start_tag(tag: _Tag, text: str, attrs: list[tuple[str, str | None]]) -> str:
    """A start tag rebuilt with new attribute values, keeping its name's spelling and its slash."""
    name = text[tag.start + 1: tag.start + 1 + len(tag.name)]
    rendered = "".join(f" {k}" if v is None else f' {k}="{escape(v, quote=True)}"' for k, v in attrs)
    return f"<{name}{rendered}{' /' if tag.self_closing else ''}>"


@register
class HtmlFormat(DocumentFormat):
    """HTML5 or older HTML pages and fragments."""

    name = "html"
    suffixes = (".html", ".htm")

    def parse(self, data: bytes, path: Path) -> Document:
        text, encoding, bom = _decode(data, path)
        scanner = _Scanner(text)
        scanner.feed(text)
        scanner.finish()
        if not scanner.saw_tag:
            raise InputError(str(path), "not HTML: no HTML tags found (plain text saved as .html?)")
        builder = scanner.builder
        return Document(path=path, format=self, paragraphs=builder.paragraphs, segments=builder.segments,
                        warnings=_encoding_warnings(data, encoding, bom, path),
                        state=HtmlState(text, encoding, bom, scanner.tags, scanner.html_tag))

    def render(self, doc: Document, outputs: list[str], lang: str) -> bytes:
        state: HtmlState = doc.state  # type: ignore[assignment]
        sources = [s.source for s in doc.segments]
        edits: dict[int, tuple[int, str]] = {}  # start -> (end, replacement)
        new_attrs = {start: list(tag.attrs) for start, tag in state.tags.items()}
        changed = set()
        for para in doc.paragraphs:
            for span in para.spans:
                anchor = span.anchor
                if anchor is None:
                    continue
                translated = clean_text(span.render(outputs))
                if translated == span.render(sources):
                    continue
                if isinstance(anchor, _TextAnchor):  # the source's own spacing around the text
                    raw = state.text[anchor.start:anchor.end]
                    lead = raw[:len(raw) - len(raw.lstrip(_WHITESPACE))]
                    trail = raw[len(raw.rstrip(_WHITESPACE)):] if raw.strip(_WHITESPACE) else ""
                    edits[anchor.start] = (anchor.end, lead + escape(translated.strip(" "), quote=False) + trail)
                else:
                    name = new_attrs[anchor.start][anchor.attr][0]
                    new_attrs[anchor.start][anchor.attr] = (name, translated)
                    changed.add(anchor.start)
        if state.html_tag is not None:
            attrs = new_attrs[state.html_tag]
            names = [k for k, _ in attrs]
            if "lang" in names:
                attrs[names.index("lang")] = ("lang", lang)
            else:
                attrs.append(("lang", lang))
            changed.add(state.html_tag)
        for start in changed:
            tag = state.tags[start]
            edits[start] = (tag.end, _start_tag(tag, state.text, new_attrs[start]))
        pieces, pos = [], 0
        for start in sorted(edits):
            end, replacement = edits[start]
            pieces += [state.text[pos:start], replacement]
            pos = end
        pieces.append(state.text[pos:])
        return state.bom + "".join(pieces).encode(state.encoding, errors="xmlcharrefreplace")
