"""read_document: one entry point for every format — registry by suffix, decoding errors with the
file and line, one Russian-language rule, output naming."""

from pathlib import Path

import pytest

from pipeline.errors import InputError, NotRussian
from pipeline.formats import UnsupportedFormat, format_for, read_document, registered_suffixes
from pipeline.formats.base import Document, DocumentFormat

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "seed" / "ekibastuz-monotowns.ru.txt"


def _identity(doc: Document) -> bytes:
    return doc.render([s.source for s in doc.segments], "en")


def test_seed_release_one_paragraph_per_line_round_trips():
    doc = read_document(SEED)
    data = SEED.read_bytes()
    lines = data.decode("utf-8").split("\n")
    assert doc.paragraph_count == len([line for line in lines if line.strip()])
    assert _identity(doc) == data
    # razdel splits the long quote paragraph into several sentences, each a segment
    fourth = [s for s in doc.segments if s.paragraph == 3]
    assert len(fourth) >= 5
    assert fourth[0].source.startswith("- Мы должны рассматривать моногорода")


def test_registry_finds_formats_by_suffix_case_insensitively():
    assert {".txt", ".md"} <= set(registered_suffixes())
    assert format_for(Path("R.TXT")).name == "text"
    assert format_for(Path("release.Md")).name == "markdown"
    assert all(isinstance(format_for(Path("x" + s)), DocumentFormat) for s in registered_suffixes())


def test_unknown_suffix_lists_what_is_registered(tmp_path):
    path = tmp_path / "release.rtf"
    path.write_text("Аким области провел совещание.", encoding="utf-8")
    with pytest.raises(UnsupportedFormat) as err:
        read_document(path)
    message = str(err.value)
    assert str(path) in message and "unsupported format (.rtf): save it as .docx" in message
    assert all(suffix in message for suffix in registered_suffixes())


def test_outputs_are_named_by_language_beside_the_relative_path(tmp_path):
    path = tmp_path / "release.md"
    path.write_text("# Аким Экибастуза провел прием граждан\n", encoding="utf-8")
    doc = read_document(path, Path("akimat/release.md"))
    assert doc.output_path(Path("out"), "kk") == Path("out/akimat/release.kk.md")
    assert doc.output_path(Path("out"), "en") == Path("out/akimat/release.en.md")


@pytest.mark.parametrize("data, reason", [
    (b"", "empty document"),
    (b"  \n\n", "empty document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
])
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_bad_documents_are_rejected_with_reason(tmp_path, data, reason, suffix):
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(data)
    with pytest.raises(InputError, match=reason) as err:
        read_document(path)
    assert str(path) in str(err.value)


def test_invalid_utf8_names_line(tmp_path):
    path = tmp_path / "cp1251.txt"
    path.write_bytes("Первая строка в порядке.\n".encode() + "Аким Экибастуза".encode("cp1251"))
    with pytest.raises(InputError) as err:
        read_document(path)
    assert err.value.line == 2
    assert f"{path}:2" in str(err.value) and "invalid UTF-8" in str(err.value)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_bom_are_read_and_written_back_in_their_encoding(tmp_path, encoding):
    """Issue 8: a UTF-16 release was reported as "binary". Now it is decoded by its BOM, and the
    translation is written in the same encoding with the same BOM."""
    text = ("Аким Павлодарской области Асаин Байханов провел совещание.\r\n"
            "Отопительный сезон в Экибастузе начнется 1 октября.\r\n")
    bom = {"utf-16": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32": b"\xff\xfe\x00\x00",
           "utf-32-be": b"\x00\x00\xfe\xff"}[encoding]
    codec = {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(encoding, encoding)
    path = tmp_path / "release.txt"
    path.write_bytes(bom + text.encode(codec))
    doc = read_document(path)
    assert [s.source for s in doc.segments] == [
        "Аким Павлодарской области Асаин Байханов провел совещание.",
        "Отопительный сезон в Экибастузе начнется 1 октября."]
    assert _identity(doc) == path.read_bytes()
    upper = doc.render([s.source.upper() for s in doc.segments], "kk")
    assert upper == bom + text.upper().encode(codec)


def test_invalid_utf16_names_line(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\xff\xfe" + "Первая строка.\nВторая".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    with pytest.raises(InputError, match="invalid UTF-16-LE") as err:
        read_document(path)
    assert err.value.line == 2


def test_english_document_is_not_russian(tmp_path):
    path = tmp_path / "README.md"
    path.write_text("# Samples\n\nEach folder holds a Russian release (ru.txt) and references.\n", encoding="utf-8")
    with pytest.raises(NotRussian, match="not Russian"):
        read_document(path)


def test_language_rule_looks_at_text_to_translate_not_at_code(tmp_path):
    """One rule for all formats, on the segments: a Russian release with a long English code
    block is Russian, an English page with a Russian code sample is not."""
    code = "```\n" + "def translate(text): return text  # English words in code\n" * 20 + "```\n"
    russian = tmp_path / "ru.md"
    russian.write_text("Аким Экибастуза провел совещание.\n\n" + code, encoding="utf-8")
    assert len(read_document(russian).segments) == 1
    english = tmp_path / "en.md"
    english.write_text("The akim held a meeting.\n\n```\n" + "Аким провел совещание.\n" * 20 + "```\n",
                       encoding="utf-8")
    with pytest.raises(NotRussian):
        read_document(english)


def test_segments_know_their_paragraph_when_paragraphs_interleave():
    """A format may start a paragraph (an HTML alt text) while another is still being filled."""
    from pipeline.formats.base import TemplateBuilder

    builder = TemplateBuilder()
    body = builder.new_paragraph()
    builder.add_text(body, "Аким провел совещание.")
    alt = builder.new_paragraph()
    builder.add_text(alt, "Фото акимата.")
    builder.add_text(body, "Решения приняты.", marks=("strong",))
    assert [(s.paragraph, s.sentence, s.marks) for s in builder.segments] == [(0, 0, ()), (1, 0, ()),
                                                                            (0, 1, ("strong",))]
    assert body.render([s.source.upper() for s in builder.segments]) == "АКИМ ПРОВЕЛ СОВЕЩАНИЕ.РЕШЕНИЯ ПРИНЯТЫ."
