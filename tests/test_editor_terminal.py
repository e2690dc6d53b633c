"""What an editor reads on the terminal: enforce names each line to look at, and the glossary
tables never cut a location or a form at 80 columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import run_cli

REPO = Path(__file__).resolve().parents[1]
SHIPPED = sorted((REPO / "glossaries").glob("*.tsv"))
GLOSSARY_ARGS = [a for p in SHIPPED for a in ("--glossary", str(p))]


def test_enforce_lists_each_repaired_and_missing_term_by_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "release.ru.txt"
    hyp = tmp_path / "release.en.txt"
    src.write_text("Аким Экибастуза Аян Бейсекин провёл совещание.\n"
                   "Глава государства посетил Карагандинскую область.\n"
                   "Премьер-министр Олжас Бектенов провёл заседание.\n", encoding="utf-8")
    hyp.write_text("Ekibastus akim Ayan Beisekin held a meeting.\n"
                   "The Head of State visited the Karagandy oblast.\n"
                   "The Prime Minister held a meeting.\n", encoding="utf-8")
    assert run_cli(["enforce", *GLOSSARY_ARGS, "--lang", "en", "--source", str(src),
                    "--translation", str(hyp), "--out", str(tmp_path / "fixed.txt")]) == 0
    report = capsys.readouterr().out.splitlines()  # with --out, stdout is free for the term report
    assert "line 1: repaired Экибастуз: expected 'Ekibastuz', found 'Ekibastus'" in report
    assert ("line 2: repaired Карагандинская область: expected 'Karaganda region', "
            "found 'Karagandy oblast'") in report
    assert any(line.startswith("line 3: missing Олжас Бектенов: expected 'Olzhas Bektenov'") for line in report)
    assert not any(line.startswith("line 2: ok") for line in report)


def test_hits_table_keeps_every_location_and_form_whole_at_80_columns(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    folder = tmp_path / "press-service-of-the-akimat-of-karaganda-region" / "2025"
    folder.mkdir(parents=True)
    src = folder / "akim-meets-residents-of-temirtau.txt"
    src.write_text("Аким Карагандинской области Ермаганбет Булекпаев встретился с жителями Темиртау.\n",
                   encoding="utf-8")
    assert run_cli(["glossary", "hits", str(src), *GLOSSARY_ARGS]) == 0
    out = capsys.readouterr().out
    assert "…" not in out
    assert f"{src}:1" in out
    for whole in ("Карагандинской области", "Ермаганбет Булекпаев", "Yermaganbet Bulekpayev", "Қарағанды облысы"):
        assert whole in out


def test_forms_table_keeps_every_form_whole_at_80_columns(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert run_cli(["glossary", "forms", "--glossary", str(REPO / "glossaries" / "places.tsv")]) == 0
    out = capsys.readouterr().out
    assert "…" not in out
    for form in ("Шығыс Қазақстан облысының", "Қазақстан Республикасында", "Екібастұзға"):
        assert form in out
