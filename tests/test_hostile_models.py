"""Hostile and unlucky models: no foreign code ever runs, nothing is cut silently, every model
problem is one line and exit code 2.

Models are the small real Marian checkpoints of the `small_models` fixture, copied and altered the
way a hostile or broken download would be.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_report

from pipeline.cli import run_cli
from pipeline.engines.batching import split_to_fit

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / ".." / "shared" / "data" / "seed" / "ekibastuz-monotowns.ru.txt"
RELEASE = "Премьер-министр Казахстана Олжас Бектенов провёл совещание по развитию моногородов в Экибастузе.\n"


def _cli(args: list[str], tmp_path: Path, stdin: str = "") -> subprocess.CompletedProcess:
    """`pressmt ARGS` in a fresh interpreter, offline, with a private cache, answering `stdin`."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "PRESSMT_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], input=stdin, capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=180)


def _one_line(stderr: str) -> str:
    lines = [x for x in stderr.splitlines() if x.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def _copy_model(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def _release(tmp_path: Path) -> Path:
    doc = tmp_path / "in" / "release.txt"
    doc.parent.mkdir(parents=True)
    doc.write_text(RELEASE, encoding="utf-8")
    return doc


# -- foreign code -----------------------------------------------------------------------------------

def _remote_code_model(small_models, tmp_path: Path, marker: Path, config_file: str) -> Path:
    """The small model with a Python file that creates `marker` on import, and a config pointing
    transformers at it (the `auto_map` of hub models that ship custom code)."""
    folder = _copy_model(small_models["en"], tmp_path / "remote-code-model")
    (folder / "evil.py").write_text(
        "import pathlib\n"
        f"pathlib.Path({str(marker)!r}).touch()\n"
        "from transformers import MarianConfig as EvilConfig, MarianMTModel as EvilModel, "
        "MarianTokenizer as EvilTokenizer\n", encoding="utf-8")
    config = json.loads((folder / config_file).read_text(encoding="utf-8"))
    config["auto_map"] = {"AutoConfig": "evil.EvilConfig", "AutoModelForSeq2SeqLM": "evil.EvilModel",
                          "AutoTokenizer": ["evil.EvilTokenizer", None]}
    (folder / config_file).write_text(json.dumps(config), encoding="utf-8")
    return folder


@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_remote_code_model_is_refused_even_when_stdin_says_yes(small_models, tmp_path, backend):
    marker = tmp_path / "code-ran"
    model = _remote_code_model(small_models, tmp_path, marker, "config.json")
    out = tmp_path / "out"
    result = _cli(["translate", str(_release(tmp_path)), "--out", str(out), "--to", "en",
                   "--model", f"en={model}", "--backend", backend], tmp_path, stdin="y\ny\ny\n")
    assert result.returncode == 2, result.stderr
    line = _one_line(result.stderr)
    assert "auto_map" in line and str(model) in line
    assert not marker.exists()
    assert not out.exists()  # refused before anything was written


def test_remote_code_tokenizer_is_refused_by_convert(small_models, tmp_path, capsys):
    marker = tmp_path / "code-ran"
    model = _remote_code_model(small_models, tmp_path, marker, "tokenizer_config.json")
    assert run_cli(["models", "convert", str(model), str(tmp_path / "ct2")]) == 2
    assert "tokenizer_config.json" in _one_line(capsys.readouterr().err)
    assert not marker.exists() and not (tmp_path / "ct2").exists()


class _TouchOnUnpickle:
    """A pickle that creates a file when loaded: what a malicious pytorch_model.bin does."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _pickle_only_model(small_models, tmp_path: Path, marker: Path) -> Path:
    folder = _copy_model(small_models["en"], tmp_path / "bin-only-model")
    (folder / "model.safetensors").unlink()
    (folder / "pytorch_model.bin").write_bytes(pickle.dumps(_TouchOnUnpickle(marker)))
    return folder


@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_pickled_weights_are_refused_with_how_to_convert(small_models, tmp_path, backend):
    marker = tmp_path / "unpickled"
    model = _pickle_only_model(small_models, tmp_path, marker)
    result = _cli(["translate", str(_release(tmp_path)), "--out", str(tmp_path / "out"), "--to", "en",
                   "--model", f"en={model}", "--backend", backend], tmp_path)
    assert result.returncode == 2, result.stderr
    line = _one_line(result.stderr)
    assert ".bin" in line and "safe_serialization=True" in line
    assert not marker.exists()


def test_convert_refuses_pickled_weights(small_models, tmp_path, capsys):
    marker = tmp_path / "unpickled"
    model = _pickle_only_model(small_models, tmp_path, marker)
    assert run_cli(["models", "convert", str(model), str(tmp_path / "ct2")]) == 2
    assert "safetensors" in _one_line(capsys.readouterr().err)
    assert not marker.exists() and not (tmp_path / "ct2").exists()


def test_convert_ignores_pickled_weights_beside_safetensors(small_models, tmp_path, capsys):
    """A folder with both kinds converts from the safetensors; the pickle is never opened."""
    marker = tmp_path / "unpickled"
    model = _copy_model(small_models["en"], tmp_path / "both")
    (model / "pytorch_model.bin").write_bytes(pickle.dumps(_TouchOnUnpickle(marker)))
    assert run_cli(["models", "convert", str(model), str(tmp_path / "ct2")]) == 0, capsys.readouterr().err
    assert (tmp_path / "ct2" / "model.bin").is_file() and not marker.exists()


@pytest.mark.parametrize("where", ["same", "inside", "above"])
def test_convert_never_writes_over_its_source(small_models, tmp_path, capsys, where):
    src = _copy_model(small_models["en"], tmp_path / "models" / "ru-en")
    out = {"same": src, "inside": src / "ct2", "above": src.parent}[where]
    weights = (src / "model.safetensors").read_bytes()
    assert run_cli(["models", "convert", str(src), str(out), "--force"]) == 2
    assert "source model" in _one_line(capsys.readouterr().err)
    assert (src / "model.safetensors").read_bytes() == weights
    assert not (src / "ct2").exists()


# -- broken or missing models and devices: one line, exit 2, nothing written ------------------------

@pytest.mark.parametrize("case", ["empty folder", "no config", "empty name"])
def test_broken_model_folder_is_one_line(small_models, tmp_path, capsys, case):
    folder = tmp_path / "model"
    folder.mkdir()
    args = ["--model", f"en={folder}"]
    if case == "no config":
        for name in ("model.safetensors", "source.spm", "target.spm", "vocab.json"):
            shutil.copy2(small_models["en"] / name, folder / name)
    if case == "empty name":  # would load the current directory as a model
        routes = tmp_path / "routes.toml"
        routes.write_text('[routes.en]\nsteps = [{ model = "" }]\n', encoding="utf-8")
        args = ["--routes", str(routes)]
    out = tmp_path / "out"
    assert run_cli(["translate", str(_release(tmp_path)), "--out", str(out), "--to", "en", *args]) == 2
    line = _one_line(capsys.readouterr().err)
    assert {"empty folder": "is empty", "no config": "no config.json", "empty name": "model"}[case] in line
    assert not out.exists()


@pytest.mark.skipif(__import__("torch").cuda.is_available(), reason="needs a machine without CUDA")
@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_cuda_without_a_gpu_is_one_line(small_models, tmp_path, capsys, backend):
    out = tmp_path / "out"
    assert run_cli(["translate", str(_release(tmp_path)), "--out", str(out), "--to", "en",
                    "--model", f"en={small_models['en']}", "--device", "cuda", "--backend", backend]) == 2
    assert "--device cuda" in _one_line(capsys.readouterr().err)
    assert not out.exists()


def test_download_offline_is_one_line(capsys):
    assert run_cli(["models", "download"]) == 2  # conftest sets HF_HUB_OFFLINE=1
    assert "HF_HUB_OFFLINE" in _one_line(capsys.readouterr().err)


# -- nothing silently lost ----------------------------------------------------------------------------

def _long_sentence(chars: int = 18_000) -> str:
    """Clauses of the seed release joined by commas and semicolons into one sentence of `chars`
    characters: no sentence break anywhere, as in a badly extracted table or a run-on list."""
    clauses = [c.strip(" -–«»") for c in re.split(r"[.!?\n]+", SEED.read_text(encoding="utf-8")) if len(c) > 20]
    parts, i = [clauses[0]], 1
    while sum(len(p) + 2 for p in parts) < chars:
        parts.append(clauses[i % len(clauses)].lower())
        i += 1
    text = parts[0]
    for n, part in enumerate(parts[1:]):
        text += ("; " if n % 5 == 4 else ", ") + part
    return text[:chars - 1].rstrip(",; ") + "."


def test_split_keeps_every_word_and_cuts_at_clauses_first():
    text = _long_sentence(3000)
    words = lambda t: len(t.split())  # noqa: E731 - the measure a tokenizer would give, in words
    pieces = split_to_fit(text, words, 40)
    assert " ".join(pieces).split() == text.split()
    assert all(words(p) <= 40 for p in pieces) and len(pieces) > 1
    assert all(p.endswith((",", ";", ":")) or n.startswith(("—", "–", "-")) for p, n in zip(pieces, pieces[1:]))
    # a clause longer than the limit falls back to spaces, a word longer than it to characters
    assert split_to_fit("один два три четыре пять", words, 2) == ["один два", "три четыре", "пять"]
    assert "".join(split_to_fit("Экибастуз" * 10, len, 7)) == "Экибастуз" * 10


@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_18000_character_sentence_is_translated_whole_and_flagged_split(small_models, tmp_path, capsys, backend):
    sentence = _long_sentence()
    assert len(sentence) == 18_000
    doc = tmp_path / "in" / "long.txt"
    doc.parent.mkdir()
    doc.write_text(sentence + "\n", encoding="utf-8")
    out = tmp_path / "out"
    # --no-glossary: enforcement is not under test (and is slow on a segment this long)
    code = run_cli(["translate", str(doc), "--out", str(out), "--to", "en", "--model", f"en={small_models['en']}",
                    "--beams", "1", "--no-cache", "--no-glossary", "--backend", backend])
    err = capsys.readouterr().err
    assert code == 0 and "Traceback" not in err, err
    output = (out / "long.en.txt").read_text(encoding="utf-8")
    assert len(output) > len(sentence) / 2
    report = run_report(out)
    (segment,) = report["documents"][0]["languages"]["en"]["segments"]
    assert "split" in segment["quality"]["flags"]


def test_translation_memory_keeps_finished_batches_of_a_killed_run(small_models, tmp_path, shared_dir, capsys):
    """One document of many sentences, killed mid-translation: the memory already holds what was
    translated, so `--resume` continues from there instead of starting the document again."""
    sentences = (shared_dir / "data" / "flores200" / "dev.ru").read_text(encoding="utf-8").splitlines()[100:150]
    doc = tmp_path / "in" / "big.txt"
    doc.parent.mkdir()
    doc.write_text("\n".join(sentences) + "\n", encoding="utf-8")
    tm = tmp_path / "tm.sqlite"
    args = ["translate", str(doc), "--out", str(tmp_path / "out"), "--to", "en", "--model", f"en={small_models['en']}",
            "--batch-size", "1", "--beams", "1", "--no-glossary", "--tm", str(tm)]

    def rows() -> int:
        if not tm.exists():
            return 0
        conn = sqlite3.connect(tm)
        try:
            return conn.execute("SELECT count(*) FROM segments").fetchone()[0]
        except sqlite3.OperationalError:  # created, schema not yet there
            return 0
        finally:
            conn.close()

    proc = subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, "PRESSMT_CACHE_DIR": str(tmp_path / "cache")})
    try:
        deadline = time.monotonic() + 120
        while rows() == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    kept = rows()
    assert kept > 0 and not (tmp_path / "out" / "big.en.txt").exists()
    assert run_cli([*args, "--resume"]) == 0, capsys.readouterr().err
    assert (tmp_path / "out" / "big.en.txt").is_file()
    assert kept < rows()  # killed mid-document, not after it: the memory grew batch by batch
