"""Session-wide test setup: offline Hugging Face, the shared reference data, and small real models.

The environment variables are set at import time, before any test module imports transformers,
because huggingface_hub reads HF_HUB_OFFLINE once when it is first imported.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
# The translation memory and converted CTranslate2 models go to a throwaway folder, never ~/.cache.
os.environ["PRESSMT_CACHE_DIR"] = tempfile.mkdtemp(prefix="pressmt-test-cache-")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Property tests search a fixed sequence of examples, so CI on a fresh clone runs exactly what
# passed here; a counterexample found while developing is kept as an @example in its test.
settings.register_profile("pressmt", derandomize=True, database=None)
settings.load_profile("pressmt")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT / ".." / "shared"


def bench_module(name: str):
    """The script bench/<name>.py as a module, loaded once (bench/ is scripts, not a package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO_ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


def run_report(out: Path) -> dict:
    """The report of the run in `out` as one dict: report.json's fields plus "documents", the
    entries of report.jsonl read through `read_report` (which checks them against the index)."""
    from pipeline.writers.reader import read_report

    report = read_report(out)
    return {**report, "documents": list(report.documents())}


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared: FLORES-200, newstest, Tatoeba and the seed release (read-only)."""
    return SHARED_DIR.resolve()


def _models_cache_dir() -> Path:
    """Where the small models for this version of devmodels.py live (the key changes with its source)."""
    import pipeline.devmodels as devmodels

    key = hashlib.sha256(Path(devmodels.__file__).read_bytes()).hexdigest()[:16]
    return REPO_ROOT / ".cache" / "small-models" / key


@pytest.fixture(scope="session")
def small_models() -> dict[str, Path]:
    """{"en": ru→en Marian dir, "kk": multi-target Marian dir (>>kaz<<)}, built once and cached.

    Building trains for ~15 s, so the result is cached under .cache/ keyed by devmodels.py's hash.
    Concurrent test runs each build into a private temp dir and publish it with one os.rename;
    the loser of a race discards its copy and uses the winner's.
    """
    from pipeline.devmodels import build_small_models

    final = _models_cache_dir()
    if not final.is_dir():
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=final.parent))
        try:
            build_small_models(tmp)
            os.rename(tmp, final)
        except OSError:
            if not final.is_dir():
                raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return {"en": final / "ru-en", "kk": final / "mul-mul"}


@contextmanager
def tmpfs(mount: Path, size: str) -> Iterator[Path]:
    """A real tmpfs of `size` at `mount` (made here), unmounted afterwards: a disk that can truly be
    filled. Skips the test where mounting is not allowed (not root, or no mount rights)."""
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    """A zip (an OOXML package) holding `entries` (name → bytes), in that order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in entries.items():
            z.writestr(name, body)
    return out.getvalue()
