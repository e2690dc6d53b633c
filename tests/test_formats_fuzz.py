"""Property-based tests of the text and Markdown parsers (issue 8, part 8): on any input they
return a document or a clean InputError, never a traceback; rendering the untranslated segments
gives the input back byte for byte where no paragraph is wrapped, and a document with the same
segments otherwise."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from pipeline.errors import InputError
from pipeline.formats.base import Document, DocumentFormat
from pipeline.formats.markdown import MarkdownFormat
from pipeline.formats.text import TextFormat
from pipeline.textfiles import split_lines

FUZZ = settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TEXT, MARKDOWN = TextFormat(), MarkdownFormat()
COMMONMARK = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
WORDS = ["Аким", "Экибастуза", "провел", "совещание", "в", "Астане", "Олжас", "Бектенов", "тенге",
         "138", "млрд", "—", "«Казатомпром»", "Ақмола", "2024", "e-Gov"]
# Characters that drive Markdown and line handling, plus Russian and Kazakh letters and odd spaces.
MARKUP = "#>-*+_`~|[]()!<>^:.\\=\"' \t\r\n\u2028\u00a0\x0c\u0085"
ALPHABET = st.sampled_from(list(MARKUP) + list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЭЮЯәғқңөұүһі") + ["1", "2"])
# Lines that open Markdown blocks (and break them), with random content and endings.
LINES = st.lists(st.one_of(st.sampled_from(["\n", "\r\n", "| --- | --- |\n"]), st.tuples(
    st.sampled_from(["", "", "# ", "> ", "- ", "1. ", "    ", "| ", "```", "~~~", "[^1]: ", "===", "---", "<div>"]),
    st.text(ALPHABET.filter(lambda c: c not in "\r\n"), max_size=40) | st.lists(st.sampled_from(WORDS)).map(" ".join),
    st.sampled_from(["\n", "\r\n", "\r", "  \n", "\\\n", ""])).map("".join)), max_size=15).map("".join)
MARKDOWNISH = st.one_of(LINES, st.text(ALPHABET, max_size=200), st.text(max_size=80))


def _parse(fmt: DocumentFormat, data: bytes, name: str) -> Document | None:
    try:
        return fmt.parse(data, Path(name))
    except InputError as exc:
        assert exc.path == name and exc.reason
        return None


def _identity(doc: Document) -> bytes:
    return doc.render([s.source for s in doc.segments], "en")


def _check_stable(fmt: DocumentFormat, doc: Document, name: str) -> None:
    """Rendering the untranslated document and parsing that again finds the same segments, and
    renders to the same bytes: structure is kept, nothing is lost or duplicated."""
    once = _identity(doc)
    again = fmt.parse(once, Path(name))
    assert [s.source for s in again.segments] == [s.source for s in doc.segments]
    assert _identity(again) == once


@FUZZ
@given(st.binary(max_size=300))
def test_text_parser_takes_any_bytes(data):
    doc = _parse(TEXT, data, "r.txt")
    if doc is not None:
        assert isinstance(_identity(doc), bytes)


@FUZZ
@given(MARKDOWNISH)
def test_text_parser_round_trips_any_text(text):
    doc = _parse(TEXT, text.encode("utf-8"), "r.txt")
    if doc is None:
        return
    if all(line.strip() for line in text.splitlines()):  # no blank line: one paragraph per line
        assert _identity(doc) == text.encode("utf-8")
    else:
        _check_stable(TEXT, doc, "r.txt")


@FUZZ
@given(MARKDOWNISH)
def test_markdown_parser_never_raises_and_keeps_structure(text):
    doc = _parse(MARKDOWN, text.encode("utf-8"), "r.md")
    if doc is None:
        return
    once = _identity(doc).decode("utf-8")
    if not any(t.type == "inline" and "\n" in t.content for t in COMMONMARK.parse(text)):
        assert once == text  # no wrapped paragraph: byte for byte
        return
    # wrapped paragraphs are written on one line (hard breaks stay): no new line, every segment there, in order
    assert len(split_lines(once)) <= len(split_lines(text))
    pos = 0
    for segment in doc.segments:
        pos = once.index(segment.source, pos) + len(segment.source)


def _inline() -> st.SearchStrategy[str]:
    word = st.sampled_from(WORDS)
    piece = st.one_of(
        word,
        word.map(lambda w: f"**{w}**"), word.map(lambda w: f"*{w}*"),
        word.map(lambda w: f"[{w}](https://gov.kz/{w}_(город))"),
        st.just("[^1]"), st.just("`код`"), st.just("<b>"), st.just("</b>"),
        st.just("![фото](img/a.png)"), st.just("<https://akorda.kz>"), st.just("."), st.just(","),
    )
    return st.lists(piece, min_size=1, max_size=8).map(" ".join)


def _block() -> st.SearchStrategy[str]:
    line = _inline()
    ending = st.sampled_from(["\n", "\r\n"])
    return st.one_of(
        st.tuples(st.sampled_from(["", "# ", "### ", "> ", "- ", "1. ", "[^1]: "]), line, ending).map("".join),
        st.tuples(line, line, ending).map(lambda t: f"| {t[0]} | {t[1]} |{t[2]}| --- | --- |{t[2]}| {t[1]} |  |{t[2]}"),
        st.tuples(line, ending).map(lambda t: f"```{t[1]}{t[0]}{t[1]}```{t[1]}"),
        st.tuples(line, ending).map(lambda t: f"    {t[0]}{t[1]}"),
    )


@FUZZ
@given(st.lists(st.tuples(_block(), st.sampled_from(["\n", "\r\n", "  \n"])), min_size=1, max_size=6))
def test_markdown_without_wrapped_paragraphs_round_trips_byte_for_byte(blocks):
    text = "".join(block + blank for block, blank in blocks)
    data = text.encode("utf-8")
    doc = MARKDOWN.parse(data, Path("r.md"))
    assert _identity(doc) == data and doc.warnings == []
    assert all(not (s.source.startswith(("[^", "`", "<", "](")) or s.source.endswith(("](", "`")))
               for s in doc.segments)
    upper = doc.render([s.source.upper() for s in doc.segments], "kk").decode("utf-8")
    assert upper.count("\n") == text.count("\n") and upper.count("\r\n") == text.count("\r\n")
    assert upper.count("https://gov.kz/") == text.count("https://gov.kz/")
