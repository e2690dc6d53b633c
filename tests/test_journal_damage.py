"""A damaged run journal (issue 16): a damaged row is a warning and its document is translated
again by `--resume`; a journal that is not a database is one line and exit 2, found before the
previous report and review page are touched."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import run_report

from pipeline.cli import run_cli

ROOT = Path(__file__).resolve().parents[1]
RELEASES = ("ekibastuz-monotowns", "akorda-shymkent-akim-2023", "gov-social-support-2025")


def _translate(releases: Path, out: Path, small_models, *extra: str) -> int:
    return run_cli(["translate", str(releases), "--out", str(out), "--model", f"en={small_models['en']}",
                    "--to", "en", "--beams", "1", "--tm", str(out.parent / "tm.sqlite"), *extra])


@pytest.fixture
def translated(tmp_path, small_models) -> tuple[Path, Path]:
    releases = tmp_path / "releases"
    releases.mkdir()
    for name in RELEASES:
        shutil.copy(ROOT / "samples" / name / "ru.txt", releases / f"{name}.txt")
    out = tmp_path / "out"
    assert _translate(releases, out, small_models) == 0
    return releases, out


def test_damaged_journal_rows_are_warnings_and_those_documents_are_translated_again(translated, small_models, capsys):
    releases, out = translated
    before = {d["path"]: d for d in run_report(out)["documents"]}
    with sqlite3.connect(out / ".pressmt" / "journal.sqlite") as conn:
        conn.execute("UPDATE documents SET entry = ? WHERE rel = ?", (b"not zlib at all", "ekibastuz-monotowns.txt"))
        conn.execute("UPDATE documents SET outputs = ? WHERE rel = ?", ("{not json", "akorda-shymkent-akim-2023.txt"))
    capsys.readouterr()

    assert _translate(releases, out, small_models, "--resume") == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    report = run_report(out)
    status = {d["path"]: d["status"] for d in report["documents"]}
    assert status == {"ekibastuz-monotowns.txt": "translated", "akorda-shymkent-akim-2023.txt": "translated",
                      "gov-social-support-2025.txt": "current"}
    docs = {d["path"]: d for d in report["documents"]}
    for rel in ("ekibastuz-monotowns.txt", "akorda-shymkent-akim-2023.txt"):
        (warning,) = docs[rel]["warnings"]
        assert f"the journal's record of {rel} is damaged" in warning and warning.endswith("translated again")
        # translated again from the same input with the same options: the same English
        outputs = [[s["output"] for s in d["languages"]["en"]["segments"]] for d in (docs[rel], before[rel])]
        assert outputs[0] == outputs[1] and len(outputs[0]) > 3
    assert docs["gov-social-support-2025.txt"]["warnings"] == []

    # the journal is whole again: a second --resume finds every document current, with no warning
    assert _translate(releases, out, small_models, "--resume") == 0
    assert {d["status"] for d in run_report(out)["documents"]} == {"current"}


@pytest.mark.parametrize("resume", [False, True])
@pytest.mark.parametrize("damage", ["garbage", "folder"])
def test_an_unusable_journal_is_refused_before_the_previous_report_is_touched(translated, small_models, capsys,
                                                                              resume, damage):
    releases, out = translated
    journal = out / ".pressmt" / "journal.sqlite"
    if damage == "garbage":
        journal.write_bytes(b"this is not an SQLite database, whatever its name says\n" * 100)
    else:
        journal.unlink()
        journal.mkdir()
    kept = {p.name: p.read_bytes() for p in (out / "report.json", out / "review.html")}
    capsys.readouterr()

    assert _translate(releases, out, small_models, *(["--resume"] if resume else [])) == 2
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert str(journal) in err and "not a usable run journal" in err
    assert {name: (out / name).read_bytes() for name in kept} == kept
