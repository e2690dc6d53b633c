"""Glossaries that add up (issue 18, item 2): the shipped set is the base of every command,
`-g FILE|FOLDER` adds to it and replaces shipped entries for the same Russian term,
`--no-shipped-glossary` drops the base, and spreadsheet exports (`;`-separated windows-1251,
UTF-16 text) are read, the detected choice printed on every run, the cached ones too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import run_cli
from pipeline.errors import InputError
from pipeline.glossary.load import load_glossaries, load_glossary, overridden
from pipeline.glossary.readers.table import table_format
from pipeline.glossary.sources import SHIPPED_GLOSSARIES, glossary_paths

SHIPPED = sorted(SHIPPED_GLOSSARIES.glob("*.tsv"))
RELEASE = "Аким Экибастуза провёл совещание в акимате Павлодарской области.\n"
# windows-1251 has no Kazakh letters: a glossary saved in it carries English targets only
EXCEL = "ru;en;type\nаким;governor;title\nЭкибастуз;Ekibastuz;place\n"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSMT_CACHE_DIR", str(tmp_path / "cache"))


def _hits(capsys: pytest.CaptureFixture[str], release: Path, *args: str) -> tuple[list[dict], str]:
    assert run_cli(["glossary", "hits", str(release), *args, "--json"]) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def test_excel_csv_semicolon_windows1251_is_read_and_said_every_run(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's friction: refused with "unknown column 'ru;en;kk'"."""
    excel = tmp_path / "our terms.csv"
    excel.write_bytes(EXCEL.replace("\n", "\r\n").encode("cp1251"))  # as Excel saves it
    fmt = table_format(excel)
    assert (fmt.encoding.label, fmt.delimiter) == ("windows-1251", ";")
    assert [(t.ru, t.target("en"), t.target("kk")) for t in load_glossary(excel).terms] == [
        ("аким", "governor", None), ("Экибастуз", "Ekibastuz", None)]
    release = tmp_path / "release.txt"
    release.write_text(RELEASE, encoding="utf-8")
    for _ in range(2):  # the second load comes from the cache, and says it all the same
        rows, err = _hits(capsys, release, "-g", str(excel))
        assert f"glossary {excel}: windows-1251, ';'-separated" in err.splitlines()
        assert {r["ru"]: r["en"] for r in rows}["аким"] == "governor"  # the user's entry won
        assert f"glossary {excel}:2: 'аким' (en='governor' kk=None) replaces the shipped entry 'аким' " \
               f"(en='akim' kk='әкім') at {SHIPPED_GLOSSARIES / 'titles.tsv'}:2" in err.splitlines()


def test_utf16_tab_text_and_plain_files_say_nothing(tmp_path: Path) -> None:
    unicode_text = tmp_path / "unicode.csv"  # Excel's "Unicode text": UTF-16 with a BOM, tab-separated
    unicode_text.write_bytes("ru\ten\tkk\nаким\tgovernor\tәкім\nЭкибастуз\tEkibastuz\tЕкібастұз\n".encode("utf-16"))
    fmt = table_format(unicode_text)
    assert (fmt.encoding.codec, fmt.delimiter) == ("utf-16-le", "\t")
    assert fmt.notice(unicode_text) == f"glossary {unicode_text}: UTF-16-LE, tab-separated"
    assert len(load_glossary(unicode_text)) == 2
    plain = tmp_path / "plain.csv"
    plain.write_text(EXCEL.replace(";", ","), encoding="utf-8-sig")
    assert table_format(plain).notice(plain) is None and len(load_glossary(plain)) == 2
    tsv = tmp_path / "notes.tsv"  # commas inside cells do not make it comma-separated
    tsv.write_text("ru\ten\tnote\nаким\takim\tглава района, города, области\nакимат\takimat\tаппарат, офис\n",
                   encoding="utf-8")
    assert table_format(tsv).delimiter == "\t" and table_format(tsv).notice(tsv) is None
    assert load_glossary(tsv).terms[0].note == "глава района, города, области"


def test_folder_adds_to_the_shipped_set_and_no_shipped_drops_it(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "glossaries"
    folder.mkdir()
    (folder / "a.TSV").write_text("ru\ten\tkk\ttype\nЖелезинка\tZhelezinka\tЖелезин\tplace\n", encoding="utf-8")
    (folder / "b.csv").write_text("ru,en,kk,type\nКачиры,Kachiry,Тереңкөл,place\n", encoding="utf-8")
    (folder / "readme.md").write_text("not a glossary", encoding="utf-8")
    paths = glossary_paths([folder])
    assert paths[:len(SHIPPED)] == SHIPPED and paths[len(SHIPPED):] == [folder / "a.TSV", folder / "b.csv"]
    release = tmp_path / "release.txt"
    release.write_text("Аким Экибастуза посетил Железинку и Качиры.\n", encoding="utf-8")
    rows, _ = _hits(capsys, release, "-g", str(folder))
    assert [r["ru"] for r in rows] == ["аким", "Экибастуз", "Железинка", "Качиры"]  # shipped + added
    rows, _ = _hits(capsys, release, "--glossary", str(folder), "--no-shipped-glossary")
    assert [r["ru"] for r in rows] == ["Железинка", "Качиры"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_cli(["glossary", "hits", str(release), "-g", str(empty)]) == 2
    assert f"{empty}: no glossary file (.tsv, .csv, .tbx) in this folder" in capsys.readouterr().err
    assert run_cli(["glossary", "hits", str(release), "--no-shipped-glossary"]) == 2
    assert "no glossary: give one with --glossary" in capsys.readouterr().err


def test_user_entries_replace_shipped_ones_but_conflict_among_themselves(tmp_path: Path) -> None:
    ours = tmp_path / "ours.tsv"
    ours.write_text("ru\ten\tkk\ttype\tru_variants\nаким\tgovernor\tәкім\ttitle\t\n"
                    "Нурсултан\tNursultan\tНұрсұлтан\tplace\tНур-Султан\n", encoding="utf-8")
    merged = load_glossaries([*SHIPPED, ours])  # was: "conflicting targets for 'аким'"
    by_ru = {t.ru: t for t in merged.terms}
    assert by_ru["аким"].target("en") == "governor" and by_ru["аким"].origin == f"{ours}:2"
    assert "Нур-Султан" not in by_ru  # the shipped entry whose form a user's variant claims is dropped
    replaced = {(base.ru, user.origin) for base, user in overridden(merged)}
    assert replaced == {("аким", f"{ours}:2"), ("Нур-Султан", f"{ours}:3")}
    assert len(merged) == len(load_glossaries(SHIPPED)) - 2 + 2
    again = tmp_path / "again.tsv"
    again.write_text("ru\ten\nаким\tmayor\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"again\.tsv:2: conflicting targets for 'аким'.* at .*ours\.tsv:2"):
        load_glossaries([*SHIPPED, ours, again])


def test_every_command_defaults_to_the_shipped_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, mt = tmp_path / "src.txt", tmp_path / "mt.txt"
    src.write_text(RELEASE, encoding="utf-8")
    mt.write_text("The governor of Ekibastus held a meeting at the Pavlodar region akimat.\n", encoding="utf-8")
    # enforce: was "Missing option '--glossary'"
    assert run_cli(["enforce", "--lang", "en", "--source", str(src), "--translation", str(mt)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "The akim of Ekibastuz held a meeting at the Pavlodar region akimat.\n"
    # evaluate --hyp: was "term accuracy needs both --src and --glossary"
    assert run_cli(["evaluate", "--hyp", str(mt), "--ref", str(mt), "--src", str(src), "--lang", "en",
                    "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["term_accuracy"] < 1
    # glossary forms: was "Missing option '--glossary'"
    assert run_cli(["glossary", "forms", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["Экибастуз"]["loc"] == "Екібастұзда"


def test_check_warns_about_a_replaced_shipped_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ours = tmp_path / "ours.tsv"
    ours.write_text("ru\ten\tkk\ttype\nаким\tgovernor\tәкім\ttitle\n", encoding="utf-8")
    assert run_cli(["glossary", "check", str(ours)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{ours}:2: warning: 'аким' (en='governor' kk='әкім') replaces the shipped entry 'аким' "
                   f"(en='akim' kk='әкім') at {SHIPPED_GLOSSARIES / 'titles.tsv'}:2"]
