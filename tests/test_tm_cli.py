"""A memory the user can see (issue 16, item 4): editors' approved translations live only in a
memory the user names (--tm or $PRESSMT_TM), never in the hidden machine cache; every run says
how many segments came from the cache and from editors, and from which file; `pressmt tm stats`,
`tm list` and `tm delete` show and remove entries, including those an older pressmt left in the
cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_report
from lxml import etree

from pipeline.cli import run_cli
from pipeline.engines.base import Translation
from pipeline.tm import Provenance, TranslationMemory, human_key
from pipeline.writers.xliff import NS

SENTENCE = "Аким Павлодарской области Асаин Байханов провёл рабочую встречу с жителями Экибастуза."
RELEASE_A = SENTENCE + "\nНа встрече обсуждались вопросы ремонта дорог и строительства новых школ.\n"
RELEASE_B = "Премьер-министр Олжас Бектенов посетил Павлодар.\n" + SENTENCE + "\n"
EDIT = "Pavlodar region akim Asain Baikhanov met residents of Ekibastuz at a working meeting."


@pytest.fixture
def env(tmp_path, monkeypatch):
    """A private hidden cache and no memory named in the environment."""
    monkeypatch.setenv("PRESSMT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PRESSMT_TM", raising=False)
    return tmp_path / "cache" / "tm.sqlite"


def _release(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _translate(small_models, src: Path, out: Path, *extra: str) -> dict:
    assert run_cli(["translate", str(src), "--out", str(out), "--to", "en", "--model", f"en={small_models['en']}",
                    "--beams", "1", "--no-glossary", *extra]) == 0
    return run_report(out)


def _edit_and_import(out: Path, xlf: Path, *extra: str) -> None:
    assert run_cli(["export", "xliff", str(out), "--dir", str(xlf), "--lang", "en"]) == 0
    (path,) = xlf.glob("*.xlf")
    tree = etree.parse(str(path))
    (target,) = tree.xpath("//x:trans-unit[@id='s0']/x:target", namespaces={"x": NS})
    target.text = EDIT
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    assert run_cli(["import", "xliff", str(path), "--out", str(out), *extra]) == 0


def _outputs(report: dict) -> dict[str, tuple[str, str | None]]:
    return {s["source"]: (s["output"], s.get("origin")) for d in report["documents"]
            for s in d["languages"]["en"]["segments"]}


def test_an_earlier_import_never_changes_another_folders_translation_unless_that_memory_is_named(
        env, tmp_path, small_models, capsys):
    """The shared-machine scenario: someone translated folder A, imported an editor's XLIFF without
    naming a memory, and an older pressmt also left an editor's entry in the hidden cache; a run of
    folder B holding the same sentence keeps the model's English. Naming that memory uses it."""
    a = _release(tmp_path / "a", "pavlodar.txt", RELEASE_A)
    _translate(small_models, a, tmp_path / "out-a")
    capsys.readouterr()
    _edit_and_import(tmp_path / "out-a", tmp_path / "xlf")
    assert "not stored in any translation memory" in capsys.readouterr().out
    assert _outputs(run_report(tmp_path / "out-a"))[SENTENCE] == (EDIT, "human")  # the edit itself is applied
    with TranslationMemory(env) as cache:
        assert list(cache.pairs(human_only=True)) == []  # the import stored nothing in the hidden cache
        cache.put_human("en", {SENTENCE: EDIT})  # what an older pressmt's import left there

    b = _release(tmp_path / "b", "visit.txt", RELEASE_B)
    capsys.readouterr()
    report = _translate(small_models, b, tmp_path / "out-b")
    err = " ".join(capsys.readouterr().err.split())
    assert f"note: {env} holds 1 editors' translations stored by an earlier pressmt; they are not used" in err
    output, origin = _outputs(report)[SENTENCE]
    assert output != EDIT and origin is None
    assert EDIT not in (tmp_path / "out-b" / "visit.en.txt").read_text(encoding="utf-8")
    assert report["memory"] == {"cache": str(env), "editors": None}
    assert report["summary"]["languages"]["en"]["from_editors"] == 0
    assert report["summary"]["languages"]["en"]["from_cache"] == 1  # folder A's machine English of SENTENCE

    named = _translate(small_models, b, tmp_path / "out-named", "--tm", str(env))
    assert _outputs(named)[SENTENCE] == (EDIT, "human")
    assert named["memory"] == {"cache": str(env), "editors": str(env)}


def test_every_run_says_where_its_segments_came_from(env, tmp_path, small_models, capsys, monkeypatch):
    memory = tmp_path / "press-office.sqlite"
    src = _release(tmp_path / "rel", "pavlodar.txt", RELEASE_A)
    first = _translate(small_models, src, tmp_path / "out1", "--tm", str(memory))
    assert first["summary"]["languages"]["en"]["from_cache"] == 0
    _edit_and_import(tmp_path / "out1", tmp_path / "xlf", "--tm", str(memory))
    capsys.readouterr()
    second = _translate(small_models, src, tmp_path / "out2", "--tm", str(memory))
    out = capsys.readouterr().out  # the summary is a result: stdout
    row = second["summary"]["languages"]["en"]
    assert (row["segments"], row["from_cache"], row["from_editors"]) == (2, 1, 1)
    assert second["memory"] == {"cache": str(memory), "editors": str(memory)}
    assert (f"memory: 1 segments from the machine cache ({memory}); 1 from editors' approved translations "
            f"({memory})") in " ".join(out.split())
    on_disk = json.loads((tmp_path / "out2" / "report.json").read_text(encoding="utf-8"))
    assert on_disk["memory"]["editors"] == str(memory)

    # $PRESSMT_TM names the same memory as --tm does; --no-cache keeps editors' translations
    monkeypatch.setenv("PRESSMT_TM", str(memory))
    third = _translate(small_models, src, tmp_path / "out3", "--no-cache")
    assert _outputs(third)[SENTENCE] == (EDIT, "human")
    assert third["memory"] == {"cache": None, "editors": str(memory)}
    assert third["summary"]["languages"]["en"]["from_cache"] == 0


@pytest.fixture
def memory(tmp_path) -> Path:
    """A memory with machine entries and editors' entries from two XLIFF files (and one from an
    older pressmt, without a record of where it came from)."""
    path = tmp_path / "editors.sqlite"
    with TranslationMemory(path) as tm:
        tm.put_many("k", {SENTENCE: Translation("Akim of Pavlodar region met residents.", [-0.2])},
                    langs=("ru", "en"))
        tm.put_human("en", {SENTENCE: EDIT}, Provenance("/data/xlf/pavlodar.txt.en.xlf", "run-a"))
        tm.put_human("kk", {SENTENCE: "Павлодар облысының әкімі Асайын Байханов Екібастұз тұрғындарымен кездесті."},
                     Provenance("/data/xlf/pavlodar.txt.kk.xlf", "run-a"))
        tm.put_human("en", {"Вопросы ремонта дорог обсуждались отдельно.": "Road repairs were discussed separately."})
    return path


def test_tm_stats_counts_entries_by_origin_and_language(memory, capsys):
    assert run_cli(["tm", "stats", "--tm", str(memory)]) == 0
    out = capsys.readouterr().out
    assert f"memory: {memory} (" in out and "entries: 4" in out
    assert "human\ten\t2" in out and "human\tkk\t1" in out and "machine\ten\t1" in out


def test_tm_list_shows_editors_entries_with_where_they_came_from(memory, capsys):
    assert run_cli(["tm", "list", "--human", "--tm", str(memory)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all("\thuman\t" in line for line in lines)
    (kk,) = [line.split("\t") for line in lines if "\tkk\t" in line]
    assert kk[3] == SENTENCE and kk[4].startswith("Павлодар облысының әкімі")
    assert kk[5].startswith("from /data/xlf/pavlodar.txt.kk.xlf (run run-a, ")
    assert any("imported before pressmt recorded where from" in line for line in lines)

    assert run_cli(["tm", "list", "--grep", "ЭКИБАСТУЗА", "--tm", str(memory)]) == 0  # any case
    assert len(capsys.readouterr().out.splitlines()) == 3  # two editors' entries and the machine one
    assert run_cli(["tm", "list", "--limit", "1", "--tm", str(memory)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_tm_delete_by_id_by_import_file_and_all_human(memory, capsys):
    assert run_cli(["tm", "list", "--tm", str(memory)]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    machine_id = next(r[0] for r in rows if r[2] == "machine")
    assert run_cli(["tm", "delete", machine_id, "--tm", str(memory)]) == 0
    assert "deleted 1 entries" in capsys.readouterr().out
    assert run_cli(["tm", "delete", "--from-file", "/data/xlf/pavlodar.txt.kk.xlf", "--tm", str(memory)]) == 0
    assert "deleted 1 entries" in capsys.readouterr().out
    with TranslationMemory(memory) as tm:
        assert tm.get_human("kk", [SENTENCE]) == {} and tm.get_human("en", [SENTENCE]) == {SENTENCE: EDIT}
        assert tm.get_many("k", [SENTENCE]) == {}
    assert run_cli(["tm", "delete", "--all-human", "--tm", str(memory)]) == 0
    assert "deleted 2 entries" in capsys.readouterr().out
    with TranslationMemory(memory) as tm:
        assert tm.counts() == {}


@pytest.mark.parametrize("argv, message", [
    (["tm", "delete"], "exactly one of them"),
    (["tm", "delete", "abc123", "--all-human"], "exactly one of them"),
    (["tm", "list", "--limit", "0"], "--limit must be 1 or more"),
])
def test_tm_usage_errors_are_one_line_exit_2(memory, capsys, argv, message):
    assert run_cli([*argv, "--tm", str(memory)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err


def test_inspecting_a_memory_that_does_not_exist_creates_nothing(tmp_path, capsys):
    missing = tmp_path / "typo.sqlite"
    for argv in (["tm", "stats"], ["tm", "list"], ["tm", "delete", "--all-human"]):
        assert run_cli([*argv, "--tm", str(missing)]) == 2
        assert f"--tm {missing}: no translation memory there" in capsys.readouterr().err
    assert not missing.exists()


def test_editors_entries_an_older_pressmt_left_in_the_cache_are_seen_and_removed(env, capsys):
    """Migration: the hidden cache of an older pressmt may hold editors' entries; without --tm the
    tm commands look at the cache, so they can be listed and deleted."""
    with TranslationMemory(env) as cache:
        cache.put_many(human_key("en"), {SENTENCE: Translation(EDIT)}, origin="human", langs=("ru", "en"))
    assert run_cli(["tm", "list", "--human"]) == 0
    out = capsys.readouterr()
    assert SENTENCE in out.out and str(env) in out.err
    assert run_cli(["tm", "delete", "--all-human"]) == 0
    assert "deleted 1 entries" in capsys.readouterr().out
