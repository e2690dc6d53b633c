"""Word releases: what is translated, what is kept, bad files, and the run end to end (issue 10)."""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from conftest import run_report, zip_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from pipeline.cli import run_cli
from pipeline.cli.common import load_run_glossary
from pipeline.errors import InputError
from pipeline.formats import format_for, read_document
from pipeline.glossary.enforce import enforce_segment
from pipeline.glossary.match import Matcher

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "akorda-shymkent-akim-2020" / "ru.docx"
DOCX = format_for(Path("x.docx"))


def _png() -> bytes:
    """A real 2x2 PNG (no imaging library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _release() -> bytes:
    """A release with every story python-docx can write: heading, list, nested table, header,
    footer, an image, a bold name, an italic phrase, a landscape section, and a title."""
    d = docx.Document()
    d.core_properties.title = "Глава государства принял акима Карагандинской области"
    d.add_heading("Глава государства принял акима Карагандинской области", level=1)
    p = d.add_paragraph("Президент ")
    p.add_run("Касым-Жомарт Токаев").bold = True
    p.add_run(" принял акима области. Обсуждены ")
    p.add_run("вопросы развития").italic = True
    p.add_run(" региона.")
    d.add_paragraph("В Темиртау продолжается модернизация комбината.", style="List Bullet")
    d.add_paragraph("В Сарани запущены три новых производства.", style="List Bullet")
    table = d.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "Город"
    table.cell(0, 1).text = "Проект"
    table.cell(1, 0).text = "Балхаш"
    inner = table.cell(1, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Завод по выпуску медной катанки."
    d.add_picture(io.BytesIO(_png()), width=Pt(20))
    section = d.sections[0]
    section.page_width, section.page_height = section.page_height, section.page_width
    section.header.paragraphs[0].text = "Пресс-служба Акорды"
    section.footer.paragraphs[0].text = "Астана, 2025 год"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _with_footnote(data: bytes) -> bytes:
    """`data` with a footnotes part (python-docx cannot write one) referenced from the body."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{w}">'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
                 'По данным акимата Карагандинской области.</w:t></w:r></w:p></w:footnote></w:footnotes>')
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.wordprocessingml.'
                                    b'footnotes+xml"/></Types>')
            elif info.filename == "word/_rels/document.xml.rels":
                body = body.replace(b"</Relationships>", b'<Relationship Id="rIdFn1" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/footnotes" '
                                    b'Target="footnotes.xml"/></Relationships>')
            elif info.filename == "word/document.xml":
                body = body.replace("региона.</w:t></w:r>".encode(), "региона.</w:t></w:r><w:r><w:footnoteReference "
                                    "w:id=\"1\"/></w:r>".encode(), 1)
            dst.writestr(info, body)
        dst.writestr("word/footnotes.xml", footnotes)
    return out.getvalue()


def _shape(data: bytes) -> dict:
    """What translation must not change, counted with python-docx."""
    d = docx.Document(io.BytesIO(data))
    body = d.element.body
    runs = list(body.iter(qn("w:r")))
    return {
        "paragraphs": len(list(body.iter(qn("w:p")))),
        "tables": len(list(body.iter(qn("w:tbl")))),
        "cells": len(list(body.iter(qn("w:tc")))),
        "runs": len(runs),
        "bold_runs": sum(1 for r in runs if r.find(qn("w:rPr")) is not None and r.find(qn("w:rPr")).find(qn("w:b")) is not None),
        "hyperlinks": len(list(body.iter(qn("w:hyperlink")))),
        "paragraph_styles": [p.style.name for p in d.paragraphs],
        "styles_xml": d.styles.element.xml,
        "sections": [s._sectPr.xml for s in d.sections],
        "images": sorted(p.blob for p in d.part.package.iter_parts() if p.content_type.startswith("image/")),
    }


def _fake_outputs(doc) -> list[str]:
    """Distinct English-looking outputs, one per segment, so every change is visible."""
    return [f"Segment {s.index} in English." for s in doc.segments]


def test_every_story_is_read_in_order_with_marks():
    doc = DOCX.parse(_with_footnote(_release()), Path("release.docx"))
    sources = [s.source for s in doc.segments]
    assert sources == [
        "Глава государства принял акима Карагандинской области",
        "Президент", "Касым-Жомарт Токаев", "принял акима области.", "Обсуждены", "вопросы развития",
        "региона.",
        "В Темиртау продолжается модернизация комбината.", "В Сарани запущены три новых производства.",
        "Город", "Проект", "Балхаш", "Завод по выпуску медной катанки.",
        "Пресс-служба Акорды", "Астана, 2025 год",
        "По данным акимата Карагандинской области.",
        "Глава государства принял акима Карагандинской области",  # the core title, last
    ]
    marks = {s.source: s.marks for s in doc.segments}
    assert marks["Касым-Жомарт Токаев"] == ("strong",) and marks["вопросы развития"] == ("em",)
    assert marks["Президент"] == ()


def test_translation_keeps_structure_styles_images_and_sections():
    data = _with_footnote(_release())
    doc = DOCX.parse(data, Path("release.docx"))
    out = doc.render(_fake_outputs(doc), "en")
    assert _shape(out) == _shape(data)
    d = docx.Document(io.BytesIO(out))
    bold = [r.text for p in d.paragraphs for r in p.runs if r.bold]
    assert bold == ["Segment 2 in English."]
    assert d.paragraphs[0].text == "Segment 0 in English." and d.paragraphs[0].style.name == "Heading 1"
    assert d.tables[0].cell(1, 1).tables[0].cell(0, 0).text == "Segment 12 in English."
    assert d.sections[0].header.paragraphs[0].text == "Segment 13 in English."
    assert d.sections[0].footer.paragraphs[0].text == "Segment 14 in English."
    assert d.core_properties.title == "Segment 16 in English."
    footnotes = zipfile.ZipFile(io.BytesIO(out)).read("word/footnotes.xml").decode()
    assert "Segment 15 in English." in footnotes and "акимата" not in footnotes
    # rendering one language leaves the document untouched for the next
    again = doc.render([s.source for s in doc.segments], "kk")
    assert [p.text for p in docx.Document(io.BytesIO(again)).paragraphs] == \
        [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_runs_split_by_word_are_one_piece_and_control_characters_are_dropped():
    d = docx.Document()
    p = d.add_paragraph()
    for piece in ("Аким ", "Караганды ", "провел совещание."):  # Word splits runs at edits
        p.add_run(piece)
    buf = io.BytesIO()
    d.save(buf)
    doc = DOCX.parse(buf.getvalue(), Path("split.docx"))
    assert [s.source for s in doc.segments] == ["Аким Караганды провел совещание."]
    out = docx.Document(io.BytesIO(doc.render(["The akim\x00 of Karaganda held a meeting.\x0b"], "en")))
    assert out.paragraphs[0].text == "The akim of Karaganda held a meeting."
    assert len(out.paragraphs[0].runs) == 3


@pytest.mark.parametrize(("lang", "engine_output", "expected"), [
    ("en", "Kassym-Zhomart Tokayev", "Kassym-Jomart Tokayev"),
    ("kk", "Қасым-Жомарт Токаевқа", "Қасым-Жомарт Тоқаевқа"),
])
def test_glossary_term_in_a_bold_run_is_enforced_there_and_stays_bold(lang, engine_output, expected):
    """The bold name is its own segment, so enforcement repairs it inside the bold run (an engine
    output with the avoided spelling, as `pressmt enforce --translation` takes it)."""
    glossary, _ = load_run_glossary([], disabled=False)
    doc = read_document(SAMPLE)
    matcher = Matcher(glossary)
    outputs = [enforce_segment(engine_output, matcher.find(seg.source), lang)[0] if "strong" in seg.marks
               else seg.source for seg in doc.segments]
    d = docx.Document(io.BytesIO(doc.render(outputs, lang)))
    assert [r.text for p in d.paragraphs for r in p.runs if r.bold] == [expected]


def test_non_breaking_hyphen_stays_inside_the_name():
    """Word writes a non-breaking hyphen as an element between two w:t; the name stays one piece."""
    d = docx.Document()
    run = d.add_paragraph().add_run("Касым")
    run._r.append(OxmlElement("w:noBreakHyphen"))
    run._r.append(OxmlElement("w:t"))
    run._r[-1].text = "Жомарт Токаев принял акима."
    buf = io.BytesIO()
    d.save(buf)
    doc = DOCX.parse(buf.getvalue(), Path("hyphen.docx"))
    assert [s.source for s in doc.segments] == ["Касым\u2011Жомарт Токаев принял акима."]
    out = docx.Document(io.BytesIO(doc.render(["Kassym-Jomart Tokayev received the akim."], "en")))
    assert out.paragraphs[0].text == "Kassym-Jomart Tokayev received the akim."
    assert not list(out.element.body.iter(qn("w:noBreakHyphen")))


def _replace(data: bytes, name: str, body: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    return zip_bytes({i.filename: (body if i.filename == name else src.read(i)) for i in src.infolist()})


def _bomb() -> bytes:
    """A .docx-looking zip holding 300 MiB of zeros in about 300 KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        with z.open("word/media/image1.png", "w") as f:
            zero = bytes(1 << 20)
            for _ in range(300):
                f.write(zero)
    return out.getvalue()


_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
           '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><w:document xmlns:w="http://schemas.openxmlformats.org/'
           'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>')
_XXE = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w='
        '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t>'
        '</w:r></w:p></w:body></w:document>')


@functools.cache
def _bad_files() -> dict[str, tuple[bytes, str]]:
    good = SAMPLE.read_bytes()
    types = zipfile.ZipFile(io.BytesIO(good)).read("[Content_Types].xml")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return {
        "text.docx": ("Это текстовый файл, а не документ Word.\n".encode(), "not a zip archive"),
        "encrypted.docx": (ole + "EncryptionInfo".encode("utf-16-le") + bytes(512), "encrypted (password-protected)"),
        "legacy.docx": (ole + bytes(512), "legacy binary .doc"),
        "macro.docx": (_replace(good, "[Content_Types].xml", types.replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml")), "macro-enabled"),
        "bomb.docx": (_bomb(), "exceeds the 256 MiB limit (zip bomb?)"),
        "laughs.docx": (_replace(good, "word/document.xml", _LAUGHS.encode()), "entity expansion attack"),
        "xxe.docx": (_replace(good, "word/document.xml", _XXE.encode()), "entity expansion attack"),
        "no-types.docx": (zip_bytes({"word/document.xml": b"<x/>"}), "without [Content_Types].xml"),
        "broken-xml.docx": (_replace(good, "word/document.xml", b"<w:document><w:body>"), "malformed XML in part word/document.xml"),
        "spreadsheet.docx": (_replace(good, "[Content_Types].xml", types.replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")), "not a Word document"),
    }


@pytest.mark.parametrize("name", list(_bad_files()))
def test_bad_file_is_refused_with_its_reason(name):
    data, reason = _bad_files()[name]
    with pytest.raises(InputError) as err:
        DOCX.parse(data, Path(name))
    assert reason in err.value.reason and err.value.path == name


def test_sample_paragraphs_match_its_text_lines():
    doc = read_document(SAMPLE)
    lines = (SAMPLE.parent / "ru.txt").read_text(encoding="utf-8").splitlines()
    sources = [s.source for s in doc.segments]
    texts = [p.render(sources) for p in doc.paragraphs if any(isinstance(x, int) for x in p.parts)]
    assert texts == lines
    d = docx.Document(str(SAMPLE))
    assert d.paragraphs[0].style.name == "Heading 1" and len(d.tables) == 1 and d.sections[0].footer.paragraphs[0].text
    assert any(r.bold for p in d.paragraphs for r in p.runs) and any(p.hyperlinks for p in d.paragraphs)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8))
def test_property_damaged_files_raise_only_input_error(flips):
    """Any byte of a real .docx changed: a document or a clean InputError, never a traceback."""
    data = bytearray(SAMPLE.read_bytes())
    for at, value in flips:
        data[at % len(data)] = value
    try:
        doc = DOCX.parse(bytes(data), Path("damaged.docx"))
    except InputError:
        return
    doc.render([s.source for s in doc.segments], "en")


@pytest.mark.slow
def test_release_translates_end_to_end_and_bad_files_do_not_stop_the_run(tmp_path, small_models, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "release.docx").write_bytes(SAMPLE.read_bytes())
    (src / "release.txt").write_bytes((SAMPLE.parent / "ru.txt").read_bytes())
    bad = _bad_files()
    for name in ("text.docx", "encrypted.docx", "macro.docx", "bomb.docx", "laughs.docx"):
        (src / name).write_bytes(bad[name][0])
    out = tmp_path / "out"
    code = run_cli(["translate", str(src), "--out", str(out), "--model", f"en={small_models['en']}",
                    "--model", f"kk={small_models['kk']}", "--beams", "1", "--no-cache"])
    err = capsys.readouterr().err
    assert code == 1, err
    report = run_report(out)
    reasons = {d["path"]: d["reason"] for d in report["documents"] if d["status"] == "failed"}
    assert {name: bad[name][1] in reasons.get(name, "") for name in reasons} == \
        dict.fromkeys(["text.docx", "encrypted.docx", "macro.docx", "bomb.docx", "laughs.docx"], True)
    source = SAMPLE.read_bytes()
    for lang in ("en", "kk"):
        written = (out / f"release.{lang}.docx").read_bytes()
        assert _shape(written) == _shape(source), lang
        d = docx.Document(io.BytesIO(written))
        assert not any("Касым" in p.text or "Айтенов" in p.text for p in d.paragraphs), lang
        bold = [r.text for p in d.paragraphs for r in p.runs if r.bold]
        assert len(bold) == 1 and "Касым" not in bold[0], (lang, bold)
    docs = {d["path"]: d for d in report["documents"] if d["status"] == "translated"}
    as_docx, as_text = docs["release.docx"], docs["release.txt"]
    for lang in ("en", "kk"):  # glossary and QE apply to Word exactly as to text
        assert as_docx["languages"][lang].keys() == as_text["languages"][lang].keys()
        assert as_docx["languages"][lang]["segments"][0].keys() == as_text["languages"][lang]["segments"][0].keys()
        assert as_docx["languages"][lang]["terms"]["total"] == as_text["languages"][lang]["terms"]["total"] > 0
        statuses = [t["status"] for s in as_docx["languages"][lang]["segments"] for t in s["terms"]]
        assert statuses and set(statuses) <= {"ok", "repaired", "missing"}
        assert all(s["quality"] is not None for s in as_docx["languages"][lang]["segments"])


@pytest.mark.slow
def test_evaluate_scores_the_word_sample_against_the_text_references(tmp_path, small_models, capsys):
    samples = tmp_path / "samples" / "akorda-shymkent-akim-2020"
    samples.mkdir(parents=True)
    for name in ("ru.txt", "ru.docx", "en.txt", "kk.txt"):
        (samples / name).write_bytes((SAMPLE.parent / name).read_bytes())
    junit = tmp_path / "junit.xml"
    code = run_cli(["evaluate", str(samples.parent), "--to", "en", "--model", f"en={small_models['en']}",
                    "--beams", "1", "--junit", str(junit)])
    out = capsys.readouterr().out
    assert code == 0, out
    cases = junit.read_text(encoding="utf-8")
    assert cases.count("<testcase") == 2 and "akorda-shymkent-akim-2020/ru.docx" in cases, cases
