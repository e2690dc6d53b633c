"""Markdown through a CommonMark parser: what is translated, what is kept byte for byte (issue 8,
"Formats"). Each case below was wrong with the line-regex reader this replaces."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_report

from pipeline.cli import run_cli
from pipeline.formats.markdown import MarkdownFormat


def _parse(text: str):
    return MarkdownFormat().parse(text.encode("utf-8"), Path("release.md"))


def _upper(doc) -> str:
    return doc.render([s.source.upper() for s in doc.segments], "en").decode("utf-8")


def _sources(doc) -> list[str]:
    return [s.source for s in doc.segments]


def test_block_markup_survives_and_text_is_translated():
    text = ("## Правительство обсудило развитие моногородов\n\n"
            "Премьер-министр **Олжас Бектенов** провел совещание в Караганде. "
            "Подробности на [сайте Правительства](https://primeminister.kz/ru).\n\n"
            "- Экибастуз: ферросплавный завод стоимостью 138 млрд тенге;\n"
            "1. Сарань: *индустриальная зона*.\n\n"
            "> Нужно привлекать инвесторов, — сказал Олжас Бектенов.\n\n"
            "Итоги совещания\n"
            "===============\n\n"
            "```\nкод не переводится\n```\n")
    doc = _parse(text)
    out = _upper(doc)
    assert out.startswith("## ПРАВИТЕЛЬСТВО ОБСУДИЛО")
    assert "**ОЛЖАС БЕКТЕНОВ**" in out
    assert "[САЙТЕ ПРАВИТЕЛЬСТВА](https://primeminister.kz/ru)" in out
    assert "\n- ЭКИБАСТУЗ" in out and "\n1. САРАНЬ: *ИНДУСТРИАЛЬНАЯ ЗОНА*." in out
    assert "\n> НУЖНО ПРИВЛЕКАТЬ" in out
    assert "\nИТОГИ СОВЕЩАНИЯ\n===============\n" in out
    assert "```\nкод не переводится\n```" in out
    assert out.count("\n") == text.count("\n")
    assert all("https://" not in s for s in _sources(doc))
    marks = {s.source: s.marks for s in doc.segments}
    assert marks["Олжас Бектенов"] == ("strong",) and marks["сайте Правительства"] == ("link",)
    assert marks["индустриальная зона"] == ("em",)


def test_table_cells_are_translated_and_pipes_kept():
    """Issue 8: table rows were literal lines, so tables stayed Russian."""
    text = ("| Город | Население | Аким |\n"
            "| :--- | ---: | --- |\n"
            "| Экибастуз | 150 тыс. | Нурлан Уранхаев |\n"
            "| Сарань |  | Руслан Шайхутдинов |\n")
    doc = _parse(text)
    assert _sources(doc) == ["Город", "Население", "Аким", "Экибастуз", "150 тыс.", "Нурлан Уранхаев",
                             "Сарань", "Руслан Шайхутдинов"]
    assert doc.paragraph_count == 8  # one per non-empty cell
    assert _upper(doc) == text.upper()
    assert _upper(doc).split("\n")[1] == "| :--- | ---: | --- |"


def test_escaped_pipe_in_a_cell_stays_out_of_the_text():
    text = "| Показатель \\| единица | Значение |\n| --- | --- |\n| Рост ВВП \\| % | 5,1 |\n"
    doc = _parse(text)
    assert all("|" not in s for s in _sources(doc))
    assert _upper(doc) == text.upper()


def test_reference_links_keep_their_labels():
    """A shortcut or collapsed reference link's text is its label: translating it would unlink it."""
    text = ('[акимат]: https://gov.kz/memleket/entities/pavlodar "Акимат"\n\n'
            "Подробности на [сайте акимата][акимат], на [Акимат][] и на [акимат]. "
            "Скобки [не ссылка] переводятся.\n")
    doc = _parse(text)
    assert _upper(doc).endswith("ПОДРОБНОСТИ НА [САЙТЕ АКИМАТА][акимат], НА [Акимат][] И НА [акимат]. "
                                "СКОБКИ [НЕ ССЫЛКА] ПЕРЕВОДЯТСЯ.\n")
    assert _upper(doc).startswith('[акимат]: https://gov.kz/memleket/entities/pavlodar "Акимат"\n')


def test_footnotes_are_translated_and_references_kept_exactly():
    """Issue 8: footnote texts stayed Russian and `[^1]` went to the engine (and vanished)."""
    text = ("В 2024 году в Экибастузе построят ферросплавный завод[^1] и новую ТЭЦ[^tec].\n\n"
            "[^1]: По данным акимата Павлодарской области.\n"
            "[^tec]: Мощность станции составит 636 МВт.\n")
    doc = _parse(text)
    assert _sources(doc) == ["В 2024 году в Экибастузе построят ферросплавный завод", "и новую ТЭЦ",
                             "По данным акимата Павлодарской области.", "Мощность станции составит 636 МВт."]
    out = _upper(doc)
    assert "ЗАВОД[^1] И НОВУЮ ТЭЦ[^tec]." in out
    assert "\n[^1]: ПО ДАННЫМ АКИМАТА" in out and "\n[^tec]: МОЩНОСТЬ СТАНЦИИ" in out


def test_inline_html_is_kept_and_its_text_translated():
    """Issue 8: inline HTML went to the engine with the text and vanished from the output."""
    text = 'Аким <span class="person">Асаин Байханов</span> провел совещание<br/> в Павлодаре.\n'
    doc = _parse(text)
    assert all("<" not in s and ">" not in s for s in _sources(doc))
    assert _upper(doc) == 'АКИМ <span class="person">АСАИН БАЙХАНОВ</span> ПРОВЕЛ СОВЕЩАНИЕ<br/> В ПАВЛОДАРЕ.\n'


@pytest.mark.parametrize("url", ["https://ru.wikipedia.org/wiki/Экибастуз_(город)",
                                 "https://example.kz/a_(b)_(c)"])
def test_link_target_ending_in_a_parenthesis_is_kept(url):
    """Issue 8: the old pattern ended the target at the first `)`, so the rest went to the engine."""
    text = f"Подробнее о городе [в энциклопедии]({url}) и на сайте акимата.\nСм. также {url}.\n"
    doc = _parse(text)
    assert all(")" not in s and "(" not in s for s in _sources(doc))
    assert f"[В ЭНЦИКЛОПЕДИИ]({url}) И НА САЙТЕ АКИМАТА." in _upper(doc)
    assert f"{url}." in _upper(doc)


def test_images_inline_code_and_autolinks_are_kept_exactly():
    text = ("Схема ![карта Экибастуза](img/карта.png \"Карта\") и команда `pressmt translate` "
            "описаны на <https://primeminister.kz/ru>.\n")
    doc = _parse(text)
    out = _upper(doc)
    assert '![карта Экибастуза](img/карта.png "Карта")' in out
    assert "`pressmt translate`" in out and "<https://primeminister.kz/ru>" in out
    assert _sources(doc) == ["Схема", "и команда", "описаны на"]


def test_indented_code_is_never_translated():
    """Issue 8: a four-space-indented code block was translated like a paragraph."""
    text = ("Пример запуска переводчика:\n\n"
            "    перевести --вход релиз.txt\n"
            "    проверить глоссарий\n\n"
            "Конец примера.\n")
    doc = _parse(text)
    assert _sources(doc) == ["Пример запуска переводчика:", "Конец примера."]
    assert "\n    перевести --вход релиз.txt\n    проверить глоссарий\n" in _upper(doc)


def test_unclosed_fence_is_a_warning_naming_the_line():
    """Issue 8: an unclosed fence left the rest untranslated with no word to the user."""
    text = "Аким провел совещание.\n\n```python\nкод\n\nОстаток релиза.\n"
    doc = _parse(text)
    assert _sources(doc) == ["Аким провел совещание."]
    assert len(doc.warnings) == 1
    assert doc.warnings[0].startswith("release.md:3: code fence ``` is never closed")
    assert _parse("Текст.\n\n```\nкод\n```\n").warnings == []
    assert _parse("Текст.\n\n~~~~\nкод\n~~~~~\n").warnings == []


def test_each_line_keeps_its_own_ending():
    """Issue 8: LF lines in a file with CRLF lines came out as CRLF."""
    text = "# Заголовок релиза\r\n\nПервый абзац.\n\r\n- пункт один\r\n- пункт два\n"
    doc = _parse(text)
    assert _upper(doc) == text.upper()
    assert doc.render(_sources(doc), "kk") == text.encode("utf-8")


def test_wrapped_paragraph_is_one_text_and_hard_breaks_stay():
    text = ("Аким области поручил проверить\n"
            "готовность котельных.  \n"
            "Работы завершат к октябрю.\\\n"
            "Подробности позже.\n")
    doc = _parse(text)
    assert _sources(doc) == ["Аким области поручил проверить готовность котельных.",
                             "Работы завершат к октябрю.", "Подробности позже."]
    assert _upper(doc) == ("АКИМ ОБЛАСТИ ПОРУЧИЛ ПРОВЕРИТЬ ГОТОВНОСТЬ КОТЕЛЬНЫХ.  \n"
                           "РАБОТЫ ЗАВЕРШАТ К ОКТЯБРЮ.\\\n"
                           "ПОДРОБНОСТИ ПОЗЖЕ.\n")
    assert doc.paragraph_count == 1


def test_nested_lists_and_quotes_keep_their_markers():
    text = ("> Глава государства отметил:\n"
            ">\n"
            "> 1. рост экономики;\n"
            ">    - в промышленности;\n"
            "> 2. снижение инфляции.\n")
    doc = _parse(text)
    assert _upper(doc) == text.upper()
    assert _sources(doc) == ["Глава государства отметил:", "рост экономики;", "в промышленности;",
                             "снижение инфляции."]


@pytest.mark.slow
def test_markdown_release_translates_end_to_end_with_warning_in_report(tmp_path, small_models, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "release.md").write_text(
        "# Аким Экибастуза провел совещание\n\n"
        "| Город | Аким |\n| --- | --- |\n| Экибастуз | Нурлан Уранхаев |\n\n"
        "Решение принято[^1].\n\n[^1]: По данным акимата.\n\n```\nне закрыт\n", encoding="utf-8")
    out = tmp_path / "out"
    code = run_cli(["translate", str(src), "--out", str(out), "--to", "en", "--model", f"en={small_models['en']}",
                    "--beams", "1", "--no-cache"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "warning" in err and "never closed" in err
    written = (out / "release.en.md").read_text(encoding="utf-8")
    lines = written.split("\n")
    assert lines[0].startswith("# ") and lines[3] == "| --- | --- |" and lines[4].startswith("| ")
    assert "[^1]" in written and "\n[^1]: " in written and written.endswith("```\nне закрыт\n")
    (doc,) = run_report(out)["documents"]
    assert len(doc["warnings"]) == 1 and "never closed" in doc["warnings"][0]
    assert doc["paragraphs"] == 7


def test_plain_text_is_what_a_reader_sees():
    """What `pressmt evaluate` pairs with a reference line: emphasis markers, link and image targets,
    inline HTML and footnote references gone; escapes resolved; reference links and code spans keep
    their text. The document's definitions decide what `[акимат]` and `[^1]` are."""
    doc = _parse("**Нуралхан Кушеров** сообщил, что [поступления](https://primeminister.kz/ru \"ПМ\") "
                 "достигли 1 трлн тенге\\*, `1 000 000` <b>₸</b> ![герб](gerb.png), по данным [акимата][a][^1].\n\n"
                 "[a]: https://gov.kz/memleket/entities/turkestan\n\n[^1]: Сноска.\n")
    paragraph = doc.paragraphs[0]
    text = doc.format.plain_text(doc, paragraph.render([s.source for s in doc.segments]))
    assert text == ("Нуралхан Кушеров сообщил, что поступления достигли 1 трлн тенге*, 1 000 000 ₸ , "
                    "по данным акимата.")
