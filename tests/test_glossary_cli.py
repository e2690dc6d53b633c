"""`pressmt glossary check|hits|forms` run in-process through run_cli."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pipeline.cli import run_cli
from pipeline.glossary.dates import release_date

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted((ROOT / "glossaries").glob("*.tsv"))
HEADER = "ru\ten\tkk\ttype\tru_variants\tnote\n"


def test_check_passes_on_shipped_glossaries(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["glossary", "check", *map(str, SHIPPED)]) == 0
    out = capsys.readouterr().out
    assert ": error:" not in out


def test_check_reports_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("ru\ten\tkk\ttype\ten_avoid\n"
                    "Жетiсу\tZhetysu\tЖетісу\tplace\t\n"             # Latin i in Cyrillic
                    "аким \takim\tәкім\ttitle\tgovernor\n"            # trailing space
                    "Сарань\tSaran\t\tplace\t\n"                      # no Kazakh target
                    "Экибастуз\tEkibastuz\tЕкібастұз\ttown\t\n"      # unknown type
                    "аким\tmayor\tәкім\ttitle\t\n"                    # conflicts with line 3
                    "Правительство\tGovernment\tҮкімет\torg\tgovern\n",  # avoid inside target
                    encoding="utf-8")
    assert run_cli(["glossary", "check", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert f"{path}:2: error: ru word 'Жетiсу' mixes Latin and Cyrillic letters; write 'Жетісу'" in lines
    assert f"{path}:3: warning: leading or trailing whitespace in ru 'аким '" in lines
    assert f"{path}:4: warning: no kk target for 'Сарань': not enforced in that language" in lines
    assert any(line.startswith(f"{path}:5: error: bad type 'town'") for line in lines)
    assert any(line.startswith(f"{path}:6: error: conflicting targets for 'аким'") for line in lines)
    assert (f"{path}:7: error: en_avoid 'govern' is part of the target 'Government'; enforcement "
            "would flag correct output") in lines


def test_hits_json_gives_line_offsets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "release.ru.txt"
    src.write_text("Сегодня состоялось совещание.\nАким Экибастуза Аян Бейсекин доложил Олжасу Бектенову.\n",
                   encoding="utf-8")
    assert run_cli(["glossary", "hits", str(src), *[a for p in SHIPPED for a in ("--glossary", str(p))],
                    "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    line = src.read_text(encoding="utf-8").splitlines()[1]
    assert [(r["line"], r["surface"], r["ru"], r["case"]) for r in rows] == [
        (2, "Аким", "аким", "nom"), (2, "Экибастуза", "Экибастуз", "gen"),
        (2, "Аян Бейсекин", "Аян Бейсекин", "nom"), (2, "Олжасу Бектенову", "Олжас Бектенов", "dat")]
    assert all(line[r["start"]:r["end"]] == r["surface"] for r in rows)
    assert rows[1] | {"file": str(src)} == rows[1] and rows[1]["en"] == "Ekibastuz"
    assert rows[1]["kk"] == "Екібастұз" and rows[1]["type"] == "place"


def test_hits_table_and_bad_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    places = str(ROOT / "glossaries" / "places.tsv")
    good = tmp_path / "ok.txt"
    good.write_text("В Сарани открыли завод.\n", encoding="utf-8")
    assert run_cli(["glossary", "hits", str(good), "--glossary", places]) == 0
    assert "Сарани" in capsys.readouterr().out
    legacy = tmp_path / "cp1251.txt"  # a Windows office's release: read as documents are
    legacy.write_bytes("В Сарани открыли завод.\n".encode("cp1251"))
    assert run_cli(["glossary", "hits", str(legacy), "--glossary", places]) == 0
    assert "Сарани" in capsys.readouterr().out
    bad = tmp_path / "binary.txt"
    bad.write_bytes(bytes(range(0x80, 0x100)))
    assert run_cli(["glossary", "hits", str(bad), "--glossary", places]) == 2
    assert f"{bad}:1: invalid UTF-8 (byte 0x80), and not recognisably windows-1251 or KOI8-R" in capsys.readouterr().err


def test_forms_json_has_seven_cases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.tsv"
    path.write_text(HEADER + "Павлодарская область\tPavlodar region\tПавлодар облысы\tplace\t\t\n"
                    + "Экибастуз\tEkibastuz\tЕкібастұз\tplace\t\t\n"
                    + "Сарань\tSaran\t\tplace\t\t\n", encoding="utf-8")
    assert run_cli(["glossary", "forms", "--glossary", str(path), "--no-shipped-glossary", "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert list(table) == ["Павлодарская область", "Экибастуз"]  # no Kazakh target, no forms
    assert list(table["Экибастуз"]) == ["nom", "gen", "dat", "acc", "loc", "abl", "ins"]
    assert table["Павлодарская область"]["gen"] == "Павлодар облысының"
    assert table["Экибастуз"]["loc"] == "Екібастұзда"


def test_check_reports_an_accept_form_that_is_also_avoided(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("ru\ten\tkk\ttype\ten_accept\ten_avoid\n"
                    "тенге\ttenge\tтеңге\tother\tKZT\tkzt|tenges\n", encoding="utf-8")
    assert run_cli(["glossary", "check", str(path)]) == 1
    assert (f"{path}:2: error: en_accept 'KZT' is also an en_avoid form: enforcement cannot both keep "
            "and replace it") in capsys.readouterr().out.splitlines()


DATED = ("ru\ten\tkk\ttype\tvalid_from\tvalid_to\n"
         "Нур-Султан\tNur-Sultan\tНұр-Сұлтан\tplace\t2019-03-23\t2022-09-16\n"
         "Алихан Смаилов\tAlikhan Smailov\tӘлихан Смайылов\tperson\t2022-01-11\t2024-02-05\n"
         "Астана\tAstana\tАстана\tplace\t\t\n")


def test_check_warns_about_entries_out_of_date_for_the_release(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.tsv"
    path.write_text(DATED, encoding="utf-8")
    assert run_cli(["glossary", "check", str(path), "--date", "2025-03-12"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"{path}:2: warning: 'Нур-Султан' is out of date for a release of "
                               "2025-03-12: the entry holds from 2019-03-23 to 2022-09-16") for line in out)
    assert any(line.startswith(f"{path}:3: warning: 'Алихан Смаилов' is out of date") for line in out)
    # with a release, only the entries it uses, at the date written in it
    release = tmp_path / "release.ru.txt"
    release.write_text("Астана, 12 марта 2025 года\nВ Нур-Султане прошел форум.\n", encoding="utf-8")
    assert run_cli(["glossary", "check", str(path), "--release", str(release)]) == 0
    out = capsys.readouterr().out
    assert "'Нур-Султан' is out of date for a release of 2025-03-12" in out and "Смаилов" not in out
    release.write_text("Астана, 12 марта 2021 года\nВ Нур-Султане прошел форум.\n", encoding="utf-8")
    assert run_cli(["glossary", "check", str(path), "--release", str(release)]) == 0
    assert "out of date" not in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "12.03.2025"], "--date must be YYYY-MM-DD, not '12.03.2025'"),
    (["--release", "{undated}"], "no date found in the text; pass --date YYYY-MM-DD"),
])
def test_check_date_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                        message: str) -> None:
    path = tmp_path / "g.tsv"
    path.write_text(DATED, encoding="utf-8")
    undated = tmp_path / "undated.ru.txt"
    undated.write_text("В Нур-Султане прошел форум.\n", encoding="utf-8")
    code = run_cli(["glossary", "check", str(path), *(a.format(undated=undated) for a in args)])
    assert code == 2 and message in capsys.readouterr().err


@pytest.mark.parametrize(("text", "expected"), [
    ("Астана, 22 сентября 2017 года, Дом Мажилиса.", date(2017, 9, 22)),
    ("1 мая 2024 г. Глава государства провел совещание.", date(2024, 5, 1)),
    ("Опубликовано 05.11.2025 в 10:00", date(2025, 11, 5)),
    ("Дата: 2024-02-30, исправлено 2024-03-01", date(2024, 3, 1)),
    ("В мае 2024 года прошел форум.", None),
])
def test_release_date_is_read_from_the_text(text: str, expected: date | None) -> None:
    assert release_date(text) == expected
