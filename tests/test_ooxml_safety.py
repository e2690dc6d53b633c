"""The .docx safety check (issue 16: parts checked whatever the case of their names and by content
type; issue 19: streamed, so a huge XML part costs no memory). Memory itself is measured by
bench/ooxml_memory.py, never here."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import zip_bytes

from pipeline.errors import InputError
from pipeline.formats import format_for
from pipeline.formats import ooxml_safety

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "akorda-shymkent-akim-2020" / "ru.docx"
DOCX = format_for(Path("x.docx"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PASSWD_DOCTYPE = '<!DOCTYPE w:document SYSTEM "file:///etc/passwd">'


def _entries(data: bytes) -> dict[str, bytes]:
    src = zipfile.ZipFile(io.BytesIO(data))
    return {info.filename: src.read(info) for info in src.infolist()}


def _with_doctype(xml: bytes) -> bytes:
    """`xml` with a DTD naming /etc/passwd put after its XML declaration."""
    head, sep, rest = xml.partition(b"?>")
    return head + sep + PASSWD_DOCTYPE.encode() + rest


def _upper_case_main_part(doctype: bool) -> bytes:
    """The sample release with its main part renamed word/document.XML (content type, package and
    document relationships following), optionally with a DTD in it."""
    entries = _entries(SAMPLE.read_bytes())
    body = entries.pop("word/document.xml")
    entries["word/document.XML"] = _with_doctype(body) if doctype else body
    entries["word/_rels/document.XML.rels"] = entries.pop("word/_rels/document.xml.rels")
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b'PartName="/word/document.xml"', b'PartName="/word/document.XML"')
    entries["_rels/.rels"] = entries["_rels/.rels"].replace(b'Target="word/document.xml"',
                                                            b'Target="word/document.XML"')
    assert b"document.XML" in entries["[Content_Types].xml"] and b"document.XML" in entries["_rels/.rels"]
    return zip_bytes(entries)


def test_an_upper_case_main_part_is_still_a_document():
    doc = DOCX.parse(_upper_case_main_part(doctype=False), Path("upper.docx"))
    assert doc.segments[0].source.startswith("Глава Государства принял акима Шымкента")
    out = DOCX.parse(doc.render([f"Segment {s.index}." for s in doc.segments], "en"), Path("upper.en.docx"))
    assert [s.source for s in out.segments][:2] == ["Segment 0.", "Segment 1."]


def test_an_upper_case_main_part_with_a_dtd_is_refused_naming_file_and_part():
    with pytest.raises(InputError) as err:
        DOCX.parse(_upper_case_main_part(doctype=True), Path("press/upper.docx"))
    assert err.value.path == "press/upper.docx"
    assert "XML part word/document.XML declares a DTD" in err.value.reason


@pytest.mark.parametrize("name, content_type", [
    ("customXml/item1.dat", '<Default Extension="dat" ContentType="application/xml"/>'),
    ("customXml/props", '<Override PartName="/customXml/PROPS" ContentType="application/'
                        'vnd.openxmlformats-officedocument.customXmlProperties+xml"/>'),
])
def test_a_part_that_is_xml_by_its_content_type_is_checked(name, content_type):
    entries = _entries(SAMPLE.read_bytes())
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(b"</Types>", content_type.encode() + b"</Types>")
    entries[name] = _with_doctype(b'<?xml version="1.0"?><root>\xd0\x90\xd0\xba\xd0\xb8\xd0\xbc</root>')
    with pytest.raises(InputError) as err:
        DOCX.parse(zip_bytes(entries), Path("custom.docx"))
    assert f"XML part {name} declares a DTD" in err.value.reason


def test_a_binary_part_is_not_parsed_as_xml():
    entries = _entries(SAMPLE.read_bytes())
    entries["word/media/extra.bin"] = b"<!DOCTYPE not xml at all \x00\x01"
    assert DOCX.parse(zip_bytes(entries), Path("bin.docx")).segments


def _paragraphs(size: int) -> bytes:
    """A well-formed document part of about `size` bytes of Russian paragraphs."""
    para = f"<w:p><w:r><w:t>Аким области доложил о ходе подготовки к отопительному сезону.</w:t></w:r></w:p>".encode()
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'.encode()
    return head + para * (size // len(para)) + b"</w:body></w:document>"


def test_an_xml_part_over_the_per_part_limit_is_refused_before_it_is_read():
    entries = _entries(SAMPLE.read_bytes())
    entries["word/document.xml"] = _paragraphs(ooxml_safety.MAX_XML_PART + 2**20)
    with pytest.raises(InputError) as err:
        DOCX.parse(zip_bytes(entries), Path("huge.docx"))
    assert "XML part word/document.xml is 17 MiB uncompressed (limit 16 MiB per part)" in err.value.reason


def test_a_big_part_is_streamed_to_its_end(monkeypatch):
    """With the limit lifted, the check reads the whole part: a DTD after 8 MiB of paragraphs is found."""
    monkeypatch.setattr(ooxml_safety, "MAX_XML_PART", ooxml_safety.MAX_UNCOMPRESSED)
    entries = _entries(SAMPLE.read_bytes())
    body = _paragraphs(8 * 2**20)
    entries["word/document.xml"] = body.replace(b"</w:body>", b"<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body>")
    with pytest.raises(InputError) as err:
        ooxml_safety.check_docx(zip_bytes(entries), Path("late.docx"))
    assert "malformed XML in part word/document.xml" in err.value.reason and "'xxe' not defined" in err.value.reason


def test_elements_nested_too_deep_are_refused():
    entries = _entries(SAMPLE.read_bytes())
    depth = ooxml_safety.MAX_DEPTH + 1
    entries["customXml/item1.xml"] = b"<a>" * depth + b"</a>" * depth
    with pytest.raises(InputError) as err:
        DOCX.parse(zip_bytes(entries), Path("deep.docx"))
    assert f"XML part customXml/item1.xml nests elements deeper than {ooxml_safety.MAX_DEPTH} levels" in err.value.reason
