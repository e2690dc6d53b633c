"""Hostile and unlucky inputs to a run: every per-document problem is a reported failure and the run
goes on; a full disk, a kill or a signal never leaves a report that describes other outputs; resume
never takes outputs of other options for current. Real small Marian models, real files, real signals."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import run_report, tmpfs

from pipeline import api
from pipeline.cli import run_cli
from pipeline.errors import Interrupted

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
SEED = SHARED / "data" / "seed" / "ekibastuz-monotowns.ru.txt"
RELEASE = ("Аким Павлодарской области Асаин Байханов провел совещание по подготовке к отопительному сезону.\n\n"
           "В Экибастузе завершен ремонт двух котельных и сорока километров тепловых сетей.\n")


def _args(small_models, *extra: str) -> list[str]:
    return ["--model", f"en={small_models['en']}", "--model", f"kk={small_models['kk']}", "--beams", "1",
            "--no-cache", "--no-glossary", *extra]


def _report(out: Path) -> dict:
    return run_report(out)


def _reasons(out: Path) -> dict[str, str]:
    return {d["path"]: d["reason"] for d in _report(out)["documents"] if d["status"] == "failed"}


def _error_lines(err: str) -> list[str]:
    """stderr without transformers' "Loading weights" progress bars (not ours to silence here)."""
    return [line for line in err.splitlines() if line.strip() and "Loading weights" not in line]


def _release(path: Path, text: str = RELEASE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_special_files_and_symlinks_out_of_the_tree_fail_and_the_run_goes_on(tmp_path, small_models, capsys):
    """A FIFO is reported without being opened (the run would block on it forever), a symlink
    out of the input folder is not followed (it would translate, and copy into OUT, a file the
    user never gave), and /proc behind a symlink named directly is an OSError reported in place."""
    src = tmp_path / "releases"
    _release(src / "pavlodar.txt")
    os.mkfifo(src / "incoming.txt")
    _release(tmp_path / "private" / "draft.txt", "Проект постановления акимата, не для публикации.\n")
    (src / "draft.txt").symlink_to(tmp_path / "private" / "draft.txt")
    (src / "archive").symlink_to(tmp_path / "private", target_is_directory=True)
    procs = tmp_path / "named"
    procs.mkdir()
    (procs / "memory.txt").symlink_to("/proc/self/mem")
    out = tmp_path / "out"
    code = run_cli(["translate", str(src), str(procs / "memory.txt"), "--out", str(out), *_args(small_models)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    reasons = _reasons(out)
    assert "named pipe" in reasons["incoming.txt"]
    assert "outside the input folder" in reasons["draft.txt"]
    assert "outside the input folder" in reasons["archive"]
    assert "Input/output error" in reasons["memory.txt"]
    assert (out / "pavlodar.en.txt").is_file() and (out / "pavlodar.kk.txt").is_file()
    assert not list(out.rglob("draft.*")) and not list(out.rglob("memory.*"))


def test_a_name_too_long_for_its_output_fails_only_that_document(tmp_path, small_models, capsys):
    """A 255-byte Cyrillic file name is legal, but `.en` makes its output name too long (ENAMETOOLONG)."""
    src = tmp_path / "releases"
    stem = "пресс-релиз-акимата-"
    while len((stem + "э").encode()) <= 251:
        stem += "э"
    long_name = stem.ljust(251 - len(stem.encode()) + len(stem), "_") + ".txt"
    assert len(long_name.encode()) == 255
    _release(src / long_name)
    _release(src / "ekibastuz.txt")
    out = tmp_path / "out"
    code = run_cli(["translate", str(src), "--out", str(out), *_args(small_models)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err, err
    assert "File name too long" in _reasons(out)[long_name]
    assert (out / "ekibastuz.en.txt").is_file()
    assert not list(out.rglob(".pressmt-tmp-*"))


def test_a_symlinked_folder_inside_out_fails_that_document(tmp_path, small_models, capsys):
    src = tmp_path / "releases"
    _release(src / "news" / "heating.txt")
    _release(src / "ekibastuz.txt")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "news").symlink_to(elsewhere, target_is_directory=True)
    code = run_cli(["translate", str(src), "--out", str(out), *_args(small_models)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err, err
    assert "escapes the output folder" in _reasons(out)["news/heating.txt"]
    assert list(elsewhere.iterdir()) == []
    assert (out / "ekibastuz.en.txt").is_file()


def _without_root_override() -> list[str]:
    """A command prefix under which file permissions bind: as root, drop the capabilities that
    let root read and write anything (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)."""
    if os.geteuid() != 0:
        return []
    caps = "-dac_override,-dac_read_search"
    prefix = ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}"]
    if shutil.which("setpriv") is None or subprocess.run([*prefix, "true"], capture_output=True).returncode != 0:
        pytest.skip("root that cannot drop CAP_DAC_OVERRIDE: file permissions cannot be made to bind")
    return prefix


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "translate", *args]


@pytest.mark.slow
def test_an_unreadable_document_fails_and_a_read_only_out_is_refused(tmp_path, small_models):
    src = tmp_path / "releases"
    _release(src / "ekibastuz.txt")
    locked = _release(src / "embargoed.txt")
    locked.chmod(0)
    out = tmp_path / "out"
    proc = subprocess.run([*_without_root_override(), *_cli(str(src), "--out", str(out), *_args(small_models))],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert _reasons(out) == {"embargoed.txt": "cannot read: Permission denied"}
    assert (out / "ekibastuz.en.txt").is_file()

    read_only = tmp_path / "read-only"
    read_only.mkdir(mode=0o555)
    proc = subprocess.run([*_without_root_override(), *_cli(str(src), "--out", str(read_only), *_args(small_models))],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "Permission denied" in proc.stderr, proc.stderr
    assert list(read_only.iterdir()) == []


@pytest.fixture
def tiny_disk(tmp_path):
    """A 256 KiB tmpfs, filled but for 8 KiB: a real ENOSPC (skipped where mounting is not allowed)."""
    with tmpfs(tmp_path / "disk", "256k") as mount:
        with open(mount / "filler.bin", "wb") as fh:
            fh.write(b"\0" * (256 - 8) * 1024)
        yield mount


def test_a_full_disk_stops_the_run_with_one_line(tmp_path, tiny_disk, small_models, capsys):
    out = tiny_disk / "out"
    code = run_cli(["translate", str(SEED), "--out", str(out), *_args(small_models)])
    err = _error_lines(capsys.readouterr().err)
    assert code == 2
    assert len(err) == 1 and "No space left on device" in err[0], err
    assert not list(out.rglob(".pressmt-tmp-*"))


def test_resume_after_a_batch_size_change_retranslates(tmp_path, small_models, capsys):
    """--batch-size changes outputs (padding), so outputs made with another batch size are not current."""
    src = tmp_path / "releases"
    _release(src / "pavlodar.txt")
    out = tmp_path / "out"
    assert run_cli(["translate", str(src), "--out", str(out), *_args(small_models, "--batch-size", "16")]) == 0
    assert run_cli(["translate", str(src), "--out", str(out), "--resume",
                    *_args(small_models, "--batch-size", "16")]) == 0
    assert [d["status"] for d in _report(out)["documents"]] == ["current"]
    assert run_cli(["translate", str(src), "--out", str(out), "--resume",
                    *_args(small_models, "--batch-size", "1")]) == 0
    assert [d["status"] for d in _report(out)["documents"]] == ["translated"]
    assert _report(out)["options"]["batch_size"] == 1
    capsys.readouterr()


def test_the_translation_memory_keeps_batch_sizes_apart(tmp_path, small_models, capsys):
    """A memory entry made with --batch-size 16 is never served to a run with --batch-size 1."""
    src = tmp_path / "releases"
    _release(src / "pavlodar.txt")
    memory = tmp_path / "tm.sqlite"
    args = ["--model", f"en={small_models['en']}", "--to", "en", "--beams", "1", "--no-glossary", "--tm", str(memory)]

    def keys() -> int:
        with sqlite3.connect(memory) as conn:
            return conn.execute("SELECT COUNT(DISTINCT key) FROM segments").fetchone()[0]

    assert run_cli(["translate", str(src), "--out", str(tmp_path / "a"), *args, "--batch-size", "16"]) == 0
    assert keys() == 1
    assert run_cli(["translate", str(src), "--out", str(tmp_path / "b"), *args, "--batch-size", "1"]) == 0
    assert keys() == 2
    capsys.readouterr()


def _corpus(folder: Path, n_docs: int) -> list[str]:
    """n_docs short Russian documents of two FLORES dev sentences each (the shortest, for speed)."""
    lines = (SHARED / "data" / "flores200" / "dev.ru").read_text(encoding="utf-8").splitlines()
    lines = sorted(lines, key=len)[: n_docs * 2]
    folder.mkdir(parents=True)
    names = []
    for i in range(n_docs):
        names.append(f"release-{i:02d}.txt")
        (folder / names[-1]).write_text("\n".join(lines[i * 2:(i + 1) * 2]) + "\n", encoding="utf-8")
    return names


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _wait_for(proc: subprocess.Popen, ready, timeout: float = 240) -> bool:
    """Poll until `ready()` or the process ends; True when ready while it still runs."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if ready():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.slow
def test_sigterm_writes_the_report_and_resume_completes_it(tmp_path, small_models, capsys):
    src = tmp_path / "releases"
    names = _corpus(src, 40)  # two chunks: the signal comes while the second is translated
    out = tmp_path / "out"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(_cli(str(src), "--out", str(out), *_args(small_models)), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(proc, lambda: _read(out / "report.jsonl").strip()), "finished before the signal"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM, err
    lines = _error_lines(err)
    assert len(lines) == 1 and lines[0].startswith("interrupted by SIGTERM") and "--resume" in lines[0], err
    report = _report(out)
    assert report["interrupted"] == "SIGTERM"
    statuses = {d["path"]: d["status"] for d in report["documents"]}
    assert sorted(statuses) == names
    done = {p for p, s in statuses.items() if s == "translated"}
    assert done and set(statuses.values()) == {"translated", "pending"}
    assert done <= {p for p in names if (out / p.replace(".txt", ".kk.txt")).is_file()}

    assert run_cli(["translate", str(src), "--out", str(out), "--resume", *_args(small_models)]) == 0
    report = _report(out)
    assert report["interrupted"] is None
    statuses = {d["path"]: d["status"] for d in report["documents"]}
    assert done <= {p for p, s in statuses.items() if s == "current"}
    assert set(statuses.values()) == {"current", "translated"}


def test_ctrl_c_writes_the_report_and_exits_130(tmp_path, small_models, capsys):
    """SIGINT, sent to this very process once the first document is committed, as Ctrl-C would."""
    src = tmp_path / "releases"
    names = _corpus(src, 40)
    out = tmp_path / "out"
    documents = out / "report.jsonl"

    def press_ctrl_c() -> None:
        deadline = time.monotonic() + 240
        while not _read(documents).strip() and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(os.getpid(), signal.SIGINT)

    presser = threading.Thread(target=press_ctrl_c)
    presser.start()
    try:
        code = run_cli(["translate", str(src), "--out", str(out), *_args(small_models)])
    finally:
        presser.join()
    err = _error_lines(capsys.readouterr().err)
    assert code == 128 + signal.SIGINT, err
    assert len(err) == 1 and err[0].startswith("interrupted by SIGINT"), err
    report = _report(out)
    assert report["interrupted"] == "SIGINT"
    assert sorted(d["path"] for d in report["documents"]) == names
    assert "pending" in {d["status"] for d in report["documents"]}
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the run gave the handler back


def test_a_signal_while_a_document_is_reported_waits_for_its_end(tmp_path, small_models):
    """Ctrl-C landing while a document is committed and reported (here: in the progress callback,
    after its report line is written) stops the run after that document, which is reported once,
    as translated; a signal there used to list it a second time, pending."""
    src = tmp_path / "releases"
    names = _corpus(src, 6)
    out = tmp_path / "out"
    pressed: list[str] = []

    def ctrl_c_on_the_first(outcome) -> None:
        if outcome.status == "translated" and not pressed:
            pressed.append(outcome.rel)
            os.kill(os.getpid(), signal.SIGINT)

    config = api.run_config(to="en,kk", models=[f"en={small_models['en']}", f"kk={small_models['kk']}"], beams=1)
    with api.open_memory(cache=False) as memory, pytest.raises(Interrupted):
        api.translate([src], out, config, glossary=None, memory=memory, on_document=ctrl_c_on_the_first)
    statuses = [(d["path"], d["status"]) for d in _report(out)["documents"]]
    assert [path for path, _ in statuses] == names
    assert statuses[0][1] == "translated" and {status for _, status in statuses[1:]} == {"pending"}
    assert (out / "release-00.kk.txt").is_file()


@pytest.mark.slow
def test_a_run_killed_over_an_older_out_leaves_no_stale_report(tmp_path, small_models, capsys):
    """report.json describes the last run or nothing: a SIGKILLed run over an older OUT must not
    leave the older run's report behind, and the next --resume writes the whole one."""
    old = tmp_path / "last-week"
    _release(old / "pavlodar.txt")
    out = tmp_path / "out"
    assert run_cli(["translate", str(old), "--out", str(out), *_args(small_models)]) == 0
    capsys.readouterr()
    assert [d["path"] for d in _report(out)["documents"]] == ["pavlodar.txt"]
    assert "pavlodar" in _read(out / "review.html")

    src = tmp_path / "this-week"
    names = _corpus(src, 40)
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(_cli(str(src), "--out", str(out), *_args(small_models)), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _wait_for(proc, lambda: "release-" in _read(out / "report.jsonl")), \
            "finished before the kill"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert not (out / "report.json").exists() or \
        {d["path"] for d in _report(out)["documents"]} == set(names)
    assert "pavlodar" not in _read(out / "review.html")

    # the killed run's lock died with it
    assert run_cli(["translate", str(src), "--out", str(out), "--resume", *_args(small_models)]) == 0
    capsys.readouterr()
    statuses = {d["path"]: d["status"] for d in _report(out)["documents"]}
    assert sorted(statuses) == names and "current" in statuses.values()


@pytest.mark.slow
def test_a_read_only_memory_is_refused_before_the_previous_report_is_touched(tmp_path, small_models):
    """Issue 16: a memory that cannot be written stopped the run at its first store, after the
    previous report.json and review.html were deleted; now it is one line, exit 2, nothing touched."""
    src = tmp_path / "releases"
    _release(src / "ekibastuz.txt")
    out, tm = tmp_path / "out", tmp_path / "memory.sqlite"
    args = ["--model", f"en={small_models['en']}", "--model", f"kk={small_models['kk']}", "--beams", "1",
            "--no-glossary", "--tm", str(tm)]
    subprocess.run(_cli(str(src), "--out", str(out), *args), check=True, capture_output=True, timeout=300)
    before = {p.name: p.read_bytes() for p in (out / "report.json", out / "review.html")}
    tm.chmod(0o444)
    proc = subprocess.run([*_without_root_override(), *_cli(str(src), "--out", str(out), *args)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(f"error: {tm}: cannot write to this translation memory")
    assert {p.name: p.read_bytes() for p in (out / "report.json", out / "review.html")} == before
