"""Documents keep their paragraph structure and Markdown markup through segmentation and rendering."""

from pathlib import Path

import pytest

from pipeline.documents import parse_document, read_document
from pipeline.errors import InputError, NotRussian

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "seed" / "ekibastuz-monotowns.ru.txt"


def _identity(doc):
    return doc.render([s.source for s in doc.segments])


def _upper(doc):
    return doc.render([s.source.upper() for s in doc.segments])


def test_seed_release_one_paragraph_per_line_round_trips():
    doc = read_document(SEED)
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert doc.paragraph_count == len([line for line in lines if line.strip()])
    assert _identity(doc) == SEED.read_text(encoding="utf-8")
    # razdel splits the long quote paragraph into several sentences, each a segment
    fourth = [s for s in doc.segments if s.paragraph == 3]
    assert len(fourth) >= 5
    assert fourth[0].source.startswith("- Мы должны рассматривать моногорода")


def test_blank_line_paragraphs_crlf_and_bom(tmp_path):
    text = ("Акимат Павлодарской области сообщил о начале отопительного сезона.\r\n\r\n"
            "Аким области Асаин Байханов поручил проверить готовность\r\n"
            "котельных и тепловых сетей Экибастуза.\r\n")
    path = tmp_path / "release.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    doc = read_document(path)
    assert doc.newline == "\r\n"
    assert doc.paragraph_count == 2
    # the hard-wrapped second paragraph is one sentence, joined for the engine
    assert doc.segments[1].source == ("Аким области Асаин Байханов поручил проверить готовность "
                                      "котельных и тепловых сетей Экибастуза.")
    rendered = _upper(doc)
    assert rendered.count("\r\n\r\n") == 1 and rendered.endswith("\r\n")
    assert rendered.split("\r\n")[0] == "АКИМАТ ПАВЛОДАРСКОЙ ОБЛАСТИ СООБЩИЛ О НАЧАЛЕ ОТОПИТЕЛЬНОГО СЕЗОНА."


def test_markdown_markup_survives(tmp_path):
    text = ("## Правительство обсудило развитие моногородов\n\n"
            "Премьер-министр **Олжас Бектенов** провел совещание в Караганде. "
            "Подробности на [сайте Правительства](https://primeminister.kz/ru).\n\n"
            "- Экибастуз: ферросплавный завод стоимостью 138 млрд тенге;\n"
            "1. Сарань: *индустриальная зона*.\n\n"
            "> Нужно привлекать инвесторов, — сказал Олжас Бектенов.\n\n"
            "```\nкод не переводится\n```\n")
    doc = parse_document(text, path=Path("r.md"), rel=Path("r.md"))
    out = _upper(doc)
    assert out.startswith("## ПРАВИТЕЛЬСТВО ОБСУДИЛО")
    assert "**ОЛЖАС БЕКТЕНОВ**" in out
    assert "[САЙТЕ ПРАВИТЕЛЬСТВА](https://primeminister.kz/ru)" in out
    assert "\n- ЭКИБАСТУЗ" in out and "\n1. САРАНЬ: *ИНДУСТРИАЛЬНАЯ ЗОНА*." in out
    assert "\n> НУЖНО ПРИВЛЕКАТЬ" in out
    assert "```\nкод не переводится\n```" in out
    assert out.count("\n") == text.count("\n")
    assert all("https://" not in s.source for s in doc.segments)


@pytest.mark.parametrize("data, reason", [
    (b"", "empty document"),
    (b"  \n\n", "empty document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
])
def test_bad_documents_are_rejected_with_reason(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
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


def test_english_document_is_not_russian(tmp_path):
    path = tmp_path / "README.md"
    path.write_text("# Samples\n\nEach folder holds a Russian release (ru.txt) and references.\n", encoding="utf-8")
    with pytest.raises(NotRussian, match="not Russian"):
        read_document(path)
