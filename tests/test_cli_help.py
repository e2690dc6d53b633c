"""Help and errors a new user meets first (issue 18, item 5): every `--help` names its values as
people write them (`--out DIR`, `--model LANG=MODEL`, `PATH...`) and lists the allowed ones from
the registries; `--version`; a typo in a fixed choice gets "did you mean"; a missing model folder
is named as such; results go to stdout, progress and diagnostics to stderr."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from pipeline import __version__
from pipeline.cli import app, run_cli
from pipeline.config import target_languages
from pipeline.engines.device import DEVICES
from pipeline.executors.base import EXECUTORS
from pipeline.executors.loaders import BACKENDS

RELEASE = "Аким Экибастуза Аян Бейсекин провел совещание по подготовке к отопительному сезону.\n"


def _command_paths() -> list[list[str]]:
    """Every command and group of `pressmt`, as the words that reach it (the root is [])."""
    paths = []

    def walk(command, path: list[str]) -> None:
        paths.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return paths


COMMANDS = _command_paths()


def _help(capsys, monkeypatch, path: list[str]) -> str:
    monkeypatch.setenv("COLUMNS", "200")  # one row per option, so each row can be read whole
    assert run_cli([*path, "--help"]) == 0
    return capsys.readouterr().out


def _rows(text: str) -> dict[str, str]:
    """Option name → the rest of its help row (metavar and help text), from the rich help panel."""
    rows = {}
    for line in text.splitlines():
        if m := re.match(r"│ [* ]*(--[a-z-]+)(?:\s+-[a-z])?\s+(.*?)\s*│$", line):
            rows[m.group(1)] = m.group(2)
    return rows


def test_every_command_is_reached_by_the_walk():
    assert {"translate", "enforce", "evaluate", "review"} <= {p[0] for p in COMMANDS if p}
    assert ["export", "xliff"] in COMMANDS and ["import", "xliff"] in COMMANDS
    assert ["tm", "list"] in COMMANDS and ["models", "convert"] in COMMANDS and ["glossary", "hits"] in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "pressmt")
def test_help_shows_no_python_types_and_no_docs_files(path, capsys, monkeypatch):
    """Typer's `<bool>` after each flag, `<list[Path]>`, `{inputs}...` were in every help; `docs/`
    files are not in the wheel, so help never sends a user to one."""
    text = _help(capsys, monkeypatch, path)
    assert not re.search(r"<(bool|str|int|float|path|list\[\w+\])>", text), text
    assert not re.search(r"\{\w+\}", text), text
    assert "docs/" not in text, text
    assert _rows(text)["--help"].startswith("Show this message")  # a flag shows no value after it


def test_options_name_their_values_as_people_write_them(capsys, monkeypatch):
    text = _help(capsys, monkeypatch, ["translate"])
    rows = _rows(text)
    assert "Usage: pressmt translate [OPTIONS] PATH..." in text
    expected = {"--out": "DIR", "--to": "LANGS", "--glossary": "PATH", "--model": "LANG=MODEL",
                "--routes": "FILE", "--batch-size": "N", "--beams": "N", "--threads": "N", "--tm": "FILE",
                "--workers": "N"}
    assert {option: rows[option].split()[0] for option in expected} == expected
    for flag in ("--no-glossary", "--resume", "--no-cache"):
        assert not rows[flag].split()[0].isupper(), rows[flag]  # help text follows the flag directly

    assert _rows(_help(capsys, monkeypatch, ["evaluate"]))["--ref"].split()[0] == "FILE"
    assert "Usage: pressmt evaluate [OPTIONS] [SAMPLES_DIR]" in _help(capsys, monkeypatch, ["evaluate"])
    assert "Usage: pressmt import xliff [OPTIONS] XLIFF..." in _help(capsys, monkeypatch, ["import", "xliff"])
    assert _rows(_help(capsys, monkeypatch, ["export", "xliff"]))["--dir"].split()[0] == "DIR"


def test_help_lists_the_allowed_values_from_the_registries(capsys, monkeypatch):
    rows = _rows(_help(capsys, monkeypatch, ["translate"]))
    assert rows["--device"].split()[0] == "|".join(DEVICES) == "auto|cpu|cuda"
    assert rows["--backend"].split()[0] == "|".join(BACKENDS) == "hf|ct2"
    assert rows["--executor"].split()[0] == "|".join(EXECUTORS) == "local|ray"
    assert f"from {', '.join(target_languages())}" in rows["--to"]
    assert _rows(_help(capsys, monkeypatch, ["enforce"]))["--lang"].split()[0] == "en|kk|kk-Latn"


def test_version(capsys):
    assert run_cli(["--version"]) == 0
    assert capsys.readouterr().out == f"pressmt {__version__}\n"


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--to", "kz", "--to: unsupported language 'kz' (did you mean kk?)"),
    ("--to", "en,kk-Lat", "--to: unsupported language 'kk-Lat' (did you mean kk-Latn?)"),
    ("--to", "de", "--to: unsupported language 'de' (use one of en, kk, kk-Latn)"),  # German is no typo of English
    ("--backend", "hff", "--backend: unsupported backend 'hff' (did you mean hf?)"),
    ("--backend", "ct", "--backend: unsupported backend 'ct' (did you mean ct2?)"),
    ("--executor", "rya", "--executor: unsupported executor 'rya' (did you mean ray?)"),
    ("--device", "cdua", "--device: unsupported device 'cdua' (did you mean cuda?)"),
    ("--device", "gpu", "--device: unsupported device 'gpu' (did you mean cuda?)"),  # not "cpu"
])
def test_a_typo_in_a_choice_gets_the_nearest_value(option, value, message, tmp_path, capsys):
    (tmp_path / "release.txt").write_text(RELEASE, encoding="utf-8")
    code = run_cli(["translate", str(tmp_path / "release.txt"), "--out", str(tmp_path / "out"), "--no-cache",
                    option, value])
    assert (code, capsys.readouterr().err) == (2, f"error: {message}\n")
    assert not (tmp_path / "out").exists()


def test_a_typo_in_a_model_language_an_export_language_or_a_quantization_names_its_option(tmp_path, capsys):
    code = run_cli(["translate", str(tmp_path), "--out", str(tmp_path / "out"), "--model", "kaz=models/kk"])
    assert (code, capsys.readouterr().err) == (2, "error: --model kaz=models/kk: unsupported language 'kaz' "
                                                  "(did you mean kk?)\n")
    code = run_cli(["export", "xliff", str(tmp_path), "--dir", str(tmp_path / "xlf"), "--lang", "en,kz"])
    assert (code, capsys.readouterr().err) == (2, "error: --lang: unsupported language 'kz' (did you mean kk?)\n")
    code = run_cli(["models", "convert", str(tmp_path / "model"), str(tmp_path / "ct2"), "--quantization", "int9"])
    assert (code, capsys.readouterr().err) == (2, "error: --quantization: unsupported quantization 'int9' "
                                                  "(did you mean int8?)\n")


def test_a_missing_model_folder_is_named_as_such(tmp_path, small_models, capsys, monkeypatch):
    """`--model en=models/nope` beside a `models/` folder was "not in the Hugging Face cache"."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "models").mkdir()
    (tmp_path / "release.txt").write_text(RELEASE, encoding="utf-8")
    code = run_cli(["translate", "release.txt", "--out", "out", "--to", "en", "--model", "en=models/nope",
                    "--no-cache", "--no-glossary"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: model folder not found: models/nope"), err
    assert "Hugging Face" not in err
    code = run_cli(["translate", "release.txt", "--out", "out", "--to", "en", "--model", "en=modls/nope",
                    "--no-cache", "--no-glossary"])
    err = capsys.readouterr().err  # no such folder either: it could be a hub id, and the line says both
    assert code == 2 and "'modls/nope' is neither a folder here nor in the Hugging Face cache" in err, err


def test_translate_prints_results_on_stdout_and_progress_on_stderr(tmp_path, small_models, capsys):
    src = tmp_path / "releases"
    src.mkdir()
    (src / "ekibastuz.txt").write_text(RELEASE, encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    code = run_cli(["translate", str(src), "--out", str(out), "--model", f"en={small_models['en']}",
                    "--model", f"kk={small_models['kk']}", "--no-cache", "--beams", "1"])
    captured = capsys.readouterr()
    assert code == 1
    results, diagnostics = captured.out, " ".join(captured.err.split())
    assert "documents: 2 (1 failed, 1 translated)" in results
    assert f"report: {out / 'report.json'}" in results and f"review page: {out / 'review.html'}" in results
    assert "review first:" in results
    assert f"failed {src / 'empty.txt'}: empty document" in diagnostics
    assert "documents:" not in captured.err and "report:" not in captured.err
    assert "empty document" not in results
