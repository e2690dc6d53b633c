"""What a plain (non-editable) install gets: the shipped glossaries and the small models' training
text inside the package, every package of the source tree, and output files readable by others."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import run_report

from pipeline.outputs import write_atomic, write_json_atomic

ROOT = Path(__file__).resolve().parents[1]
RELEASE = "Аким Экибастуза встретился с жителями города.\n"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the sources (building in the checkout would litter it)."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for name in ("pipeline", "glossaries"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(work / "dist"), str(src)], check=True, capture_output=True, timeout=120)
    (built,) = (work / "dist").glob("pressmt-*.whl")
    return built


def _venv_seeing_running_dependencies(venv: Path) -> Path:
    """A venv whose own site-packages (where the wheel goes) comes first, then the site-packages
    of the interpreter running the tests (venv, base or user site), for torch and friends.
    `--system-site-packages` would not do: run from a venv (as the README's set-up does), it means
    the base Python's, which lacks them. Listed as plain paths, so the running environment's .pth
    files, such as the editable install of this checkout, are not processed and cannot shadow the
    installed wheel."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    (purelib,) = venv.glob("lib/python*/site-packages")
    seen = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]  # venv, base, user site
    (purelib / "running-environment.pth").write_text("\n".join(seen) + "\n", encoding="utf-8")
    return venv


@pytest.mark.slow
def test_wheel_holds_every_package_glossary_and_corpus_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "pipeline").rglob("*.py")
               if "__pycache__" not in p.parts}
    assert sources - names == set(), "add the missing packages to [tool.setuptools] packages in pyproject.toml"
    glossaries = {f"pipeline/shipped_glossaries/{p.name}" for p in (ROOT / "glossaries").glob("*.tsv")}
    assert glossaries and glossaries <= names
    assert {"pipeline/routes.toml", "pipeline/small_corpus/README.md",
            "pipeline/small_corpus/flores200-dev.ru-en-kk.tsv", "pipeline/glossary/suggest/abbreviations.tsv"} <= names


@pytest.mark.slow
def test_installed_package_enforces_the_shipped_glossaries(wheel, small_models, tmp_path):
    """Install the wheel into a fresh venv and translate there, outside the checkout: the run must
    find and apply the shipped glossaries."""
    venv = _venv_seeing_running_dependencies(tmp_path / "venv")
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True, timeout=120)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PRESSMT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("PYTHONPATH", None)
    where = subprocess.run(
        [str(python), "-c", "import pipeline, pipeline.devmodels as d; print(pipeline.__file__); "
                            "print(len(d.small_corpus()[0]))"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    module, corpus_rows = where.stdout.split()
    assert Path(module).is_relative_to(venv) and int(corpus_rows) == 120
    doc = tmp_path / "in" / "release.txt"
    doc.parent.mkdir()
    doc.write_text(RELEASE, encoding="utf-8")
    run = subprocess.run([str(venv / "bin" / "pressmt"), "translate", str(doc), "--out", str(tmp_path / "out"),
                          "--to", "en", "--model", f"en={small_models['en']}", "--beams", "1", "--no-cache"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    report = run_report(tmp_path / "out")
    assert report["glossaries"] and all(Path(p).is_relative_to(venv) for p in report["glossaries"])
    (segment,) = report["documents"][0]["languages"]["en"]["segments"]
    assert any(t["ru"] == "Экибастуз" for t in segment["terms"]), segment["terms"]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_honour_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "out" / "release.en.txt", "The akim of Ekibastuz met residents.\n")
        write_json_atomic(tmp_path / "out" / "report.json", {"documents": []})
    finally:
        os.umask(old)
    for name in ("release.en.txt", "report.json"):
        assert stat.S_IMODE((tmp_path / "out" / name).stat().st_mode) == mode
