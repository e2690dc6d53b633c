"""Usage and environment errors: one line on stderr, exit 2, before any work (no model loaded,
nothing written). Each case was a traceback, or an empty success, before."""

from __future__ import annotations

import fcntl
from pathlib import Path

import pytest

from pipeline.cli import run_cli

ROOT = Path(__file__).resolve().parents[1]
RELEASE = "Аким Экибастуза Аян Бейсекин провел совещание по подготовке к отопительному сезону.\n"


def _models(small_models) -> list[str]:
    return ["--model", f"en={small_models['en']}", "--model", f"kk={small_models['kk']}", "--no-cache",
            "--no-glossary", "--beams", "1"]


def _one_line_exit_2(capsys, argv: list[str], expected: str) -> str:
    """Run the CLI; assert exit 2 with exactly one stderr line containing `expected`, and that no
    model was loaded (transformers prints "Loading weights" when one is)."""
    code = run_cli(argv)
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert code == 2, captured
    assert len(err.splitlines()) == 1 and expected in err, err
    assert "Traceback" not in err
    return captured.out


@pytest.fixture
def releases(tmp_path) -> Path:
    src = tmp_path / "releases"
    src.mkdir()
    (src / "ekibastuz.txt").write_text(RELEASE, encoding="utf-8")
    return src


def test_out_that_is_a_file_or_cannot_be_created(tmp_path, releases, small_models, capsys):
    a_file = tmp_path / "report.pdf"
    a_file.write_bytes(b"%PDF-1.7\n")
    _one_line_exit_2(capsys, ["translate", str(releases), "--out", str(a_file), *_models(small_models)],
                     "is a file, not a folder")
    _one_line_exit_2(capsys, ["translate", str(releases), "--out", str(a_file / "out"), *_models(small_models)],
                     "cannot create or write it: Not a directory")
    assert a_file.read_bytes() == b"%PDF-1.7\n"


@pytest.mark.parametrize("where", ["input", "parent", "named-file-folder"])
def test_out_holding_the_inputs_is_refused_not_an_empty_success(tmp_path, releases, small_models, capsys, where):
    """Every input under --out is taken for an output: the run was "documents: 0" and exit 0."""
    out = {"input": releases, "parent": tmp_path, "named-file-folder": releases}[where]
    inputs = [str(releases / "ekibastuz.txt")] if where == "named-file-folder" else [str(releases)]
    _one_line_exit_2(capsys, ["translate", *inputs, "--out", str(out), *_models(small_models)], "holds the input")
    assert sorted(p.name for p in releases.iterdir()) == ["ekibastuz.txt"]


def test_a_missing_input_is_refused_before_anything_is_written(tmp_path, releases, small_models, capsys):
    out = tmp_path / "out"
    _one_line_exit_2(capsys, ["translate", str(releases), str(tmp_path / "releases-2026"), "--out", str(out),
                              *_models(small_models)], "input not found")
    assert not out.exists()


@pytest.mark.parametrize(("option", "value"), [("--beams", "17"), ("--beams", "0"), ("--batch-size", "0"),
                                                ("--batch-size", "1000000"), ("--threads", "0")])
def test_option_bounds(tmp_path, releases, small_models, capsys, option, value):
    _one_line_exit_2(capsys, ["translate", str(releases), "--out", str(tmp_path / "out"), *_models(small_models),
                              option, value], f"{option} must be between")
    assert not (tmp_path / "out").exists()


def test_wrongly_typed_routes_file(tmp_path, releases, capsys):
    routes = tmp_path / "routes.toml"
    routes.write_text("[routes.en]\nsteps = 5\n", encoding="utf-8")
    _one_line_exit_2(capsys, ["translate", str(releases), "--out", str(tmp_path / "out"), "--to", "en",
                              "--routes", str(routes), "--no-cache"], "'steps' must be a list")
    _one_line_exit_2(capsys, ["translate", str(releases), "--out", str(tmp_path / "out"), "--to", "en",
                              "--routes", str(tmp_path), "--no-cache"], "Is a directory")


def test_a_second_run_into_a_locked_out_is_refused(tmp_path, releases, small_models, capsys):
    """The lock is an flock on OUT/.pressmt/lock, held here as another pressmt process would hold it."""
    out = tmp_path / "out"
    (out / ".pressmt").mkdir(parents=True)
    (out / ".pressmt-tmp-x1y2z3").write_bytes(b"half a translation")  # the other run's temp file
    with open(out / ".pressmt" / "lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        _one_line_exit_2(capsys, ["translate", str(releases), "--out", str(out), *_models(small_models)],
                         "in use by another pressmt command")
    assert (out / ".pressmt-tmp-x1y2z3").exists()  # not swept from under the other run
    assert not (out / "ekibastuz.en.txt").exists()


def test_enforce_outputs_to_a_folder_are_refused_before_work(tmp_path, capsys):
    src = tmp_path / "ru.txt"
    src.write_text("Премьер-министр Олжас Бектенов посетил Экибастуз.\n", encoding="utf-8")
    hyp = tmp_path / "en.txt"
    hyp.write_text("Prime Minister Olzhas Bektenov visited Ekibastuz.\n", encoding="utf-8")
    base = ["enforce", "--glossary", str(ROOT / "tests" / "data" / "enforce_en.tsv"), "--lang", "en",
            "--source", str(src), "--translation", str(hyp)]
    for option in ("--out", "--json"):
        stdout = _one_line_exit_2(capsys, [*base, option, str(tmp_path)], f"{option} {tmp_path} is a folder")
        assert stdout == ""  # nothing was enforced and printed first


def _sample(tmp_path: Path) -> Path:
    sample = tmp_path / "samples" / "ekibastuz"
    sample.mkdir(parents=True)
    (sample / "ru.txt").write_text(RELEASE, encoding="utf-8")
    (sample / "en.txt").write_text("Ekibastuz akim Ayan Beisekin held a meeting on preparations for the "
                                   "heating season.\n", encoding="utf-8")
    (sample / "kk.txt").write_text("Екібастұз әкімі Аян Бейсекин жылу маусымына дайындық бойынша кеңес "
                                   "өткізді.\n", encoding="utf-8")
    return sample.parent


def test_evaluate_junit_that_cannot_be_written_is_refused_before_translating(tmp_path, small_models, capsys):
    samples = _sample(tmp_path)
    a_file = tmp_path / "ci.log"
    a_file.write_text("build 1\n", encoding="utf-8")
    base = ["evaluate", str(samples), "--model", f"en={small_models['en']}", "--model", f"kk={small_models['kk']}"]
    _one_line_exit_2(capsys, [*base, "--junit", str(tmp_path)], "is a folder")
    _one_line_exit_2(capsys, [*base, "--junit", str(a_file / "junit.xml")], "ci.log is a file, not a folder")
    _one_line_exit_2(capsys, [*base, "--beams", "40"], "--beams must be between 1 and 16")
