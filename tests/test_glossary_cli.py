"""`pressmt glossary check|hits|forms` run in-process through run_cli."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import run_cli

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
    bad = tmp_path / "cp1251.txt"
    bad.write_bytes("В Сарани открыли завод.\n".encode("cp1251"))
    assert run_cli(["glossary", "hits", str(bad), "--glossary", places]) == 2
    assert f"{bad}:1: invalid UTF-8" in capsys.readouterr().err


def test_forms_json_has_seven_cases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.tsv"
    path.write_text(HEADER + "Павлодарская область\tPavlodar region\tПавлодар облысы\tplace\t\t\n"
                    + "Экибастуз\tEkibastuz\tЕкібастұз\tplace\t\t\n"
                    + "Сарань\tSaran\t\tplace\t\t\n", encoding="utf-8")
    assert run_cli(["glossary", "forms", "--glossary", str(path), "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert list(table) == ["Павлодарская область", "Экибастуз"]  # no Kazakh target, no forms
    assert list(table["Экибастуз"]) == ["nom", "gen", "dat", "acc", "loc", "abl", "ins"]
    assert table["Павлодарская область"]["gen"] == "Павлодар облысының"
    assert table["Экибастуз"]["loc"] == "Екібастұзда"
