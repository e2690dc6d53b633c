"""Plain text: paragraphs, line endings and the one line splitter (issue 8, "Formats")."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import run_cli
from pipeline.quality.samples import read_lines
from pipeline.formats.text import TextFormat
from pipeline.textfiles import split_lines

GLOSSARY = Path(__file__).resolve().parents[1] / "glossaries" / "places.tsv"


def _parse(text: str | bytes) -> object:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return TextFormat().parse(data, Path("release.txt"))


def _upper(doc) -> str:
    return doc.render([s.source.upper() for s in doc.segments], "en").decode("utf-8")


def test_blank_line_paragraphs_crlf_and_bom():
    text = ("Акимат Павлодарской области сообщил о начале отопительного сезона.\r\n\r\n"
            "Аким области Асаин Байханов поручил проверить готовность\r\n"
            "котельных и тепловых сетей Экибастуза.\r\n")
    doc = _parse(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert doc.paragraph_count == 2
    # the hard-wrapped second paragraph is one sentence, joined for the engine
    assert doc.segments[1].source == ("Аким области Асаин Байханов поручил проверить готовность "
                                      "котельных и тепловых сетей Экибастуза.")
    rendered = doc.render([s.source.upper() for s in doc.segments], "en")
    assert rendered.startswith(b"\xef\xbb\xbf")
    rendered_text = rendered[3:].decode("utf-8")
    assert rendered_text.count("\r\n\r\n") == 1 and rendered_text.endswith("\r\n")
    assert rendered_text.split("\r\n")[0] == "АКИМАТ ПАВЛОДАРСКОЙ ОБЛАСТИ СООБЩИЛ О НАЧАЛЕ ОТОПИТЕЛЬНОГО СЕЗОНА."


def test_mixed_line_endings_are_each_kept():
    """Issue 8: in a file mixing LF and CRLF the old reader wrote every LF line back as CRLF."""
    text = ("Мажилис одобрил законопроект о бюджете.\n"
            "Депутаты обсудили поправки.\r\n"
            "Заседание прошло в Астане.\n"
            "\r\n"
            "Следующее заседание состоится в среду.")
    doc = _parse(text)
    assert doc.paragraph_count == 4
    assert _upper(doc) == text.upper()
    assert doc.render([s.source for s in doc.segments], "en") == text.encode("utf-8")


def test_file_without_blank_lines_is_one_paragraph_per_line_and_never_joined():
    """Line-aligned files (the samples, the seed) keep one paragraph per line even when a line has
    no sentence end and the next starts in lower case: joining them broke `evaluate SAMPLES_DIR`."""
    text = ("Аким Экибастуза провел прием граждан\n"
            "жители спрашивали о ремонте дорог.\n"
            "Совещание завершилось в полдень.\n")
    doc = _parse(text)
    assert [s.source for s in doc.segments] == ["Аким Экибастуза провел прием граждан",
                                                "жители спрашивали о ремонте дорог.",
                                                "Совещание завершилось в полдень."]
    assert _upper(doc).split("\n") == text.upper().split("\n")


def test_indentation_and_trailing_spaces_stay_literal():
    text = "    Аким Караганды Ермаганбет Булекбаев провел совещание.  \n\t— Работу нужно ускорить, — сказал он.\n"
    doc = _parse(text)
    assert doc.segments[0].source == "Аким Караганды Ермаганбет Булекбаев провел совещание."
    assert _upper(doc) == text.upper()


def test_split_lines_keeps_endings_and_does_not_split_on_unicode_separators():
    text = "Первая строка\u2028с разделителем.\r\nВторая\x0cстрока.\rТретья\x85строка.\nЧетвертая"
    assert split_lines(text) == ["Первая строка\u2028с разделителем.", "Вторая\x0cстрока.",
                                 "Третья\x85строка.", "Четвертая"]
    assert "".join(split_lines(text, keepends=True)) == text
    assert split_lines("а\n\nб\n") == ["а", "", "б"]
    assert split_lines("") == []


def test_a_line_separator_inside_a_document_line_stays_in_its_paragraph():
    doc = _parse("Аким области провел совещание.\u2028Решения приняты.\nВторая строка документа.\n")
    assert doc.paragraph_count == 2


def test_enforce_and_evaluate_agree_on_lines_with_u2028(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 8: enforce split lines on U+2028 (str.splitlines) while evaluate split on \\n, so a
    source keeping a U+2028 its translation lost was "3 lines against 2" for enforce only."""
    src, tgt = tmp_path / "src.txt", tmp_path / "mt.txt"
    src.write_text("В Астане прошло совещание.\u2028Решения приняты.\nАким Экибастуза выступил.\n", encoding="utf-8")
    tgt.write_text("Астанада кеңес өтті. Шешімдер қабылданды.\nЕкібастұз әкімі сөйледі.\n", encoding="utf-8")
    assert len(read_lines(src)) == len(read_lines(tgt)) == 2
    code = run_cli(["enforce", "--glossary", str(GLOSSARY), "--lang", "kk", "--source", str(src),
                    "--translation", str(tgt)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out == tgt.read_text(encoding="utf-8")


@pytest.mark.slow
def test_evaluate_samples_dir_does_not_rejoin_a_hard_wrapped_line(tmp_path: Path, small_models: dict[str, Path],
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 8: a sample line without a sentence end followed by one in lower case was joined by the
    reader, and `evaluate` then failed with "line counts differ"."""
    sample = tmp_path / "samples" / "ekibastuz"
    sample.mkdir(parents=True)
    (sample / "ru.txt").write_text("Аким Экибастуза провел прием граждан\n"
                                   "жители спрашивали о ремонте дорог.\n", encoding="utf-8")
    (sample / "en.txt").write_text("The akim of Ekibastuz received citizens\n"
                                   "residents asked about road repairs.\n", encoding="utf-8")
    code = run_cli(["evaluate", str(tmp_path / "samples"), "--to", "en", "--model", f"en={small_models['en']}",
                    "--beams", "1", "--min-chrf", "0"])
    captured = capsys.readouterr()
    assert "line counts differ" not in captured.err
    assert code == 0, captured.err


def test_no_sentence_ends_at_a_microdistrict_s_abbreviation():
    """Akorda, 2023: razdel ends a sentence at "мкр." before the name; the sentence goes on, so the
    engine and the glossary see "в мкр. Аккент" whole. A sentence ending at "млрд." stays ended."""
    doc = _parse("Президент привёл в пример пожар в мкр. Аккент и подверг критике состояние безопасности. "
                 "Выделено 5 млрд. В 2024 году работы завершат.\n")
    assert [s.source for s in doc.segments] == [
        "Президент привёл в пример пожар в мкр. Аккент и подверг критике состояние безопасности.",
        "Выделено 5 млрд.", "В 2024 году работы завершат."]
