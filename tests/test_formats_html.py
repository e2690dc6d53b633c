"""HTML releases: what is translated, what is copied byte for byte, encodings, bad files (issue 10).

The tag trees are compared with lxml, a parser independent of the standard-library tokenizer the
format uses, so a change in markup cannot hide behind the format's own reading of it.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from conftest import run_report
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import run_cli
from pipeline.errors import InputError
from pipeline.formats import format_for

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "ekibastuz-monotowns" / "ru.html"
HTML = format_for(Path("x.html"))

PAGE = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8">
<title>Глава государства принял акима Карагандинской области</title>
<style>p { color: #333; } /* Текст не переводится */</style>
<script>var ru = "Привет <b>мир</b>"; if (a < b && c) { go(); }</script>
</head>
<body><!-- Шапка сайта: не переводится -->
<div class="nav">Главная · Новости</div>
<h1>Глава государства принял акима Карагандинской области</h1>
<p>Президент <b>Касым-Жомарт Токаев</b> принял акима &laquo;региона&raquo;&nbsp;в Акорде. Обсуждены
   вопросы <a href="https://akorda.kz/ru" title="Сайт Акорды" class=link>развития</a>.</p>
<ul><li>Темиртау: модернизация комбината<li>Сарань: три новых производства</ul>
<figure><img src="photo.jpg" alt="Аким области на встрече"><figcaption>Фото: akorda.kz</figcaption></figure>
<table><tr><th>Город<th>Проект<tr><td>Балхаш<td>Завод по выпуску медной катанки.</table>
<p>Команда <code>pressmt translate</code> не переводится.</p>
</body></html>
"""


def _translate(doc) -> list[str]:
    """Outputs that change every segment and carry characters markup must escape."""
    return [f"Segment {s.index} <b>&amp; «done»</b>" for s in doc.segments]


def _tree(data: bytes, encoding: str = "utf-8") -> list[tuple]:
    """Every element in order: tag, attributes (less `lang` on <html> and the translated alt/title),
    and the text of scripts and styles; comments as ("comment", text)."""
    root = lxml.html.document_fromstring(data, parser=lxml.html.HTMLParser(encoding=encoding))
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            out.append(("comment", el.text))
            continue
        attrs = sorted((k, v) for k, v in el.attrib.items()
                       if k not in ("alt", "title") and not (el.tag == "html" and k == "lang"))
        out.append((el.tag, attrs, el.text if el.tag in ("script", "style") else None))
    return out


def test_translated_elements_and_attributes_in_order():
    doc = HTML.parse(PAGE.encode(), Path("page.html"))
    assert [s.source for s in doc.segments] == [
        "Глава государства принял акима Карагандинской области",
        "Глава государства принял акима Карагандинской области",
        "Президент", "Касым-Жомарт Токаев", "принял акима «региона»\xa0в Акорде.", "Обсуждены вопросы",
        "развития", "Сайт Акорды",
        "Темиртау: модернизация комбината", "Сарань: три новых производства",
        "Аким области на встрече", "Фото: akorda.kz",
        "Город", "Проект", "Балхаш", "Завод по выпуску медной катанки.",
        "Команда", "не переводится.",
    ]
    marks = {s.source: s.marks for s in doc.segments}
    assert marks["Касым-Жомарт Токаев"] == ("strong",) and marks["развития"] == ("link",)


def test_identity_is_byte_identical_but_for_lang():
    doc = HTML.parse(PAGE.encode(), Path("page.html"))
    out = doc.render([s.source for s in doc.segments], "kk")
    assert out == PAGE.replace('<html lang="ru">', '<html lang="kk">').encode()


def test_translation_keeps_tag_tree_scripts_styles_and_comments():
    data = PAGE.encode()
    doc = HTML.parse(data, Path("page.html"))
    out = doc.render(_translate(doc), "en")
    assert _tree(out) == _tree(data)
    text = out.decode()
    for kept in ('<script>var ru = "Привет <b>мир</b>"; if (a < b && c) { go(); }</script>',
                 "<style>p { color: #333; } /* Текст не переводится */</style>",
                 "<!-- Шапка сайта: не переводится -->", '<div class="nav">Главная · Новости</div>',
                 "<code>pressmt translate</code>", '<meta charset="utf-8">'):
        assert kept in text
    root = lxml.html.document_fromstring(out)
    assert root.get("lang") == "en"
    assert root.findtext(".//title") == "Segment 0 <b>&amp; «done»</b>"
    assert root.find(".//img").get("alt") == "Segment 10 <b>&amp; «done»</b>"
    assert root.find(".//a").get("title") == "Segment 7 <b>&amp; «done»</b>"
    assert root.find(".//a").get("href") == "https://akorda.kz/ru"
    assert root.find(".//p/b").text == "Segment 3 <b>&amp; «done»</b>"
    assert not any("\u0400" <= ch <= "\u04ff" for el in root.iter("h1", "li", "td", "th", "figcaption")
                   for ch in el.text_content())


def test_windows_1251_page_stays_windows_1251():
    page = PAGE.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">')
    data = page.encode("cp1251")
    doc = HTML.parse(data, Path("old.html"))
    assert doc.segments[3].source == "Касым-Жомарт Токаев"
    kazakh = ["Қасым-Жомарт Тоқаев" if s.index == 3 else s.source for s in doc.segments]
    out = doc.render(kazakh, "kk")
    assert b"&#1178;" in out  # Қ is not in windows-1251: a character reference, declared charset kept
    out.decode("cp1251")  # every other byte is still windows-1251
    assert b"charset=windows-1251" in out
    root = lxml.html.document_fromstring(out)
    assert root.find(".//p/b").text == "Қасым-Жомарт Тоқаев"


def test_page_declaring_windows_1251_with_utf8_bytes_is_read_as_declared_and_warned():
    page = '<meta charset="windows-1251"><p>Аким Сарани провёл совещание.</p>'.encode()
    doc = HTML.parse(page, Path("mislabelled.html"))
    assert doc.segments[0].source == "Аким Сарани провёл совещание.".encode().decode("cp1251")  # as a browser shows
    assert len(doc.warnings) == 1 and "declares cp1251 but its bytes are valid UTF-8" in doc.warnings[0]
    assert HTML.parse(PAGE.replace("utf-8", "windows-1251").encode("cp1251"), Path("ok.html")).warnings == []


def test_fragment_and_utf8_bom():
    fragment = "\ufeff<p>Аким <em>Экибастуза</em> провёл совещание.</p>\n".encode("utf-8-sig")
    doc = HTML.parse(fragment, Path("fragment.html"))
    assert [s.marks for s in doc.segments] == [(), ("em",), ()]
    assert doc.render([s.source for s in doc.segments], "en") == fragment
    out = doc.render(["The akim of", "Ekibastuz", "held a meeting."], "en")
    assert out == "\ufeff<p>The akim of <em>Ekibastuz</em> held a meeting.</p>\n".encode("utf-8-sig")


@pytest.mark.parametrize(("data", "reason"), [
    ("Аким Экибастуза провел совещание.\n".encode(), "no HTML tags found"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file"),
    (b"PK\x03\x04\x14\x00\x06\x00", "a zip archive"),
    ('<meta charset="koi8-x"><p>Текст</p>'.encode(), "unknown charset 'koi8-x'"),
    ("<p>Аким</p>\n<p>Сарань</p>".encode("cp1251"), "invalid UTF-8"),
    (b"   \n", "empty document"),
])
def test_not_html_is_refused_with_its_reason(data, reason):
    with pytest.raises(InputError) as err:
        HTML.parse(data, Path("bad.html"))
    assert reason in err.value.reason


def test_sample_paragraphs_match_its_text_lines():
    doc = HTML.parse(SAMPLE.read_bytes(), SAMPLE)
    sources = [s.source for s in doc.segments]
    texts = [p.render(sources) for p in doc.paragraphs if any(isinstance(x, int) for x in p.parts)]
    assert texts == (SAMPLE.parent / "ru.txt").read_text(encoding="utf-8").splitlines()


# -- property: the tokenizer never fails, and output keeps the markup -----------------------------
_TAGS = ["p", "b", "i", "a", "span", "li", "ul", "td", "tr", "table", "div", "h2", "title", "figcaption",
         "script", "style", "code", "em", "strong", "br", "img", "pre", "dd", "dt"]
_words = st.text(alphabet=st.sampled_from(list("Аким Сарани провёл,.;«»—\n\r\t 0123 abcXYZ&<>\"'=/!-әқ")), max_size=30)
_piece = st.one_of(
    _words,
    st.builds(lambda t, a: f'<{t} title="{a}">' if a else f"<{t}>", st.sampled_from(_TAGS),
              st.sampled_from(["", "Заголовок", "x&amp;y", "Фото «Акорда»"])),
    st.builds(lambda t: f"</{t}>", st.sampled_from(_TAGS)),
    st.sampled_from(["<!-- Комментарий -->", "&laquo;", "&nbsp;", "&#1178;", "&amp", "<img alt=Аким>",
                     "<!DOCTYPE html>", "<br/>", "<p/>", "<?php echo 1 ?>", "<![CDATA[x]]>", "</", "<", "&"]),
)
_pages = st.lists(_piece, max_size=25).map("".join)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pages)
def test_property_parse_never_raises_and_outputs_keep_the_markup(page):
    data = page.encode()
    try:
        doc = HTML.parse(data, Path("fuzz.html"))
    except InputError:
        return
    assert doc.render([s.source for s in doc.segments], "en") == data  # no <html> tag in these pages
    translated = doc.render([f"{s.source[::-1]} <&>" for s in doc.segments], "en")
    assert HTML.parse(translated, Path("again.html")).paragraph_count == doc.paragraph_count
    if page.strip():
        assert _tree(translated) == _tree(data)


@pytest.mark.slow
def test_sample_page_translates_end_to_end(tmp_path, small_models, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "release.html").write_bytes(SAMPLE.read_bytes())
    (src / "notes.html").write_text("Просто текст, а не страница.\n", encoding="utf-8")
    out = tmp_path / "out"
    code = run_cli(["translate", str(src), "--out", str(out), "--model", f"en={small_models['en']}",
                    "--model", f"kk={small_models['kk']}", "--beams", "1", "--no-cache"])
    assert code == 1, capsys.readouterr().err
    report = run_report(out)
    docs = {d["path"]: d for d in report["documents"]}
    assert docs["notes.html"]["status"] == "failed" and "no HTML tags" in docs["notes.html"]["reason"]
    source = SAMPLE.read_bytes()
    for lang in ("en", "kk"):
        written = (out / f"release.{lang}.html").read_bytes()
        assert _tree(written, "cp1251") == _tree(source, "cp1251")
        assert lxml.html.document_fromstring(written).get("lang") == lang
        segments = docs["release.html"]["languages"][lang]["segments"]
        assert any(t["type"] == "person" for s in segments for t in s["terms"])  # glossary applies
        assert all(s["quality"] is not None for s in segments)  # and QE
