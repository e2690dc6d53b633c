"""Parallel batches (engines/threads.py): every worker count gives the outputs of one worker, and
the CPU budget is shared out as `--threads` and `--workers` say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import run_cli
from pipeline.engines.ct2 import CT2Engine
from pipeline.engines.hf import HFEngine
from pipeline.engines.threads import ThreadPlan, available_cores, plan_threads
from pipeline.errors import UsageError


@pytest.fixture(scope="module")
def sentences(shared_dir: Path) -> list[str]:
    """FLORES dev lines of every length, with a blank and one over-long sentence split in pieces."""
    lines = [s.strip() for s in (shared_dir / "data" / "flores200" / "dev.ru").read_text(encoding="utf-8").splitlines()]
    return lines[300:340] + ["   "] + [" ".join(lines[340:352])] + lines[352:360]


@pytest.fixture(scope="module")
def ct2_folder(small_models: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pipeline.engines.convert import convert_marian

    out = tmp_path_factory.mktemp("ct2") / "ru-en-int8"
    convert_marian(str(small_models["en"]), out, quantization="int8")
    return out


def _as_tuples(translations) -> list[tuple]:
    return [(t.text, t.token_logprobs, t.split) for t in translations]


def test_ct2_workers_translate_exactly_like_one(ct2_folder: Path, sentences: list[str]) -> None:
    one = CT2Engine(str(ct2_folder), beams=4, batch_size=4, threads=1, workers=1, device="cpu")
    two = CT2Engine(str(ct2_folder), beams=4, batch_size=4, threads=2, workers=2, device="cpu")
    assert (one.plan, two.plan) == (ThreadPlan(1, 1), ThreadPlan(2, 1))
    reported: dict[int, object] = {}
    got = two.translate(sentences, on_done=reported.update)
    assert _as_tuples(got) == _as_tuples(one.translate(sentences))
    assert any(t.split for t in got) and got[40].text == ""
    assert sorted(reported) == list(range(len(sentences)))  # every sentence reported once done
    assert _as_tuples(reported[i] for i in range(len(sentences))) == _as_tuples(got)


def test_hf_workers_translate_exactly_like_one(small_models: dict[str, Path], sentences: list[str]) -> None:
    one = HFEngine(str(small_models["kk"]), target_lang="kk", beams=2, batch_size=4, threads=1, device="cpu")
    two = HFEngine(str(small_models["kk"]), target_lang="kk", beams=2, batch_size=4, threads=2, workers=2,
                   device="cpu")
    assert two.plan == ThreadPlan(2, 1)
    expected, got = one.translate(sentences[:24]), two.translate(sentences[:24])
    assert [t.text for t in got] == [t.text for t in expected]
    assert [len(t.token_logprobs) for t in got] == [len(t.token_logprobs) for t in expected]
    assert [lp for t in got for lp in t.token_logprobs] == \
        pytest.approx([lp for t in expected for lp in t.token_logprobs], abs=1e-5)


def test_budget_is_shared_out() -> None:
    assert plan_threads(threads=None, workers=None, device="cpu") == ThreadPlan(available_cores(), 1)
    assert plan_threads(threads=8, workers=None, device="cpu") == ThreadPlan(8, 1)
    assert plan_threads(threads=8, workers=3, device="cpu") == ThreadPlan(3, 2)
    assert plan_threads(threads=8, workers=8, device="cpu") == ThreadPlan(8, 1)
    assert plan_threads(threads=None, workers=None, device="cuda") == ThreadPlan(1, None)
    with pytest.raises(UsageError, match="--workers 9 is more than the 8 CPU threads"):
        plan_threads(threads=8, workers=9, device="cpu")


def test_too_many_workers_is_one_line_before_any_output(small_models: dict[str, Path], tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    release = tmp_path / "in" / "release.txt"
    release.parent.mkdir()
    release.write_text("Аким Павлодарской области провёл совещание в Экибастузе.\n", encoding="utf-8")
    code = run_cli(["translate", str(release.parent), "--out", str(tmp_path / "out"), "--to", "en",
                    "--model", f"en={small_models['en']}", "--backend", "ct2", "--threads", "2", "--workers", "3"])
    assert code == 2
    assert capsys.readouterr().err == ("error: --workers 3 is more than the 2 CPU threads of the budget "
                                       "(--threads); give at most 2\n")
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def releases(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """12 releases of 4 FLORES dev sentences, two of them repeating a sentence of another."""
    lines = [s.strip() for s in (shared_dir / "data" / "flores200" / "dev.ru").read_text(encoding="utf-8").splitlines()]
    folder = tmp_path_factory.mktemp("releases")
    for d in range(12):
        picked = lines[400 + 4 * d:404 + 4 * d] + ([lines[400]] if d in (5, 9) else [])
        (folder / f"release-{d:02d}.txt").write_text("\n\n".join(picked) + "\n", encoding="utf-8")
    return folder


def _run(folder: Path, out: Path, small_models: dict[str, Path], backend: str, extra: list[str]) -> dict:
    code = run_cli(["translate", str(folder), "--out", str(out), "--no-cache", "--backend", backend, "--beams", "2",
                    "--model", f"en={small_models['en']}", "--model", f"kk={small_models['kk']}", *extra])
    assert code == 0
    outputs = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.glob("*.*.txt"))}
    assert len(outputs) == 24
    segments = [(doc["path"], lang, s["index"], s["output"], s["raw_output"], s["confidence"], s["terms"],
                 s["quality"]["flags"])
                for line in (out / "report.jsonl").read_text(encoding="utf-8").splitlines()
                for doc in [json.loads(line)] for lang, entry in doc["languages"].items() for s in entry["segments"]]
    return {"outputs": outputs, "segments": segments}


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["ct2", "hf"])
def test_default_run_equals_one_worker_run(backend: str, releases: Path, small_models: dict[str, Path],
                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole run, two batches at once against one: the same files and report, byte for byte."""
    monkeypatch.setenv("PRESSMT_CACHE_DIR", str(tmp_path / "cache"))
    single = _run(releases, tmp_path / "single", small_models, backend, ["--threads", "1"])
    parallel = _run(releases, tmp_path / "parallel", small_models, backend, ["--threads", "2", "--workers", "2"])
    assert parallel == single


@pytest.mark.slow
def test_chunks_translated_at_once_send_the_model_what_one_after_another_would(
        shared_dir: Path, small_models: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the memory on, a chunk run alone finds the sentences of the chunks before it stored; two
    chunks at once must too (they wait for an earlier chunk's sentences instead of translating them
    again), so the outputs, the `cached` marks and what each model translated are those of one chunk
    at a time. Boilerplate repeated in every release crosses every chunk boundary."""
    import pipeline.run as run
    from pipeline.executors.local import LocalExecutor

    lines = [s.strip() for s in (shared_dir / "data" / "flores200" / "dev.ru").read_text(encoding="utf-8").splitlines()]
    folder = tmp_path / "releases"
    folder.mkdir()
    for d in range(16):
        picked = [lines[500 + 3 * d], lines[600], lines[501 + 3 * d], lines[601 + d % 3], lines[502 + 3 * d]]
        (folder / f"release-{d:02d}.txt").write_text("\n\n".join(picked) + "\n", encoding="utf-8")
    monkeypatch.setattr(run, "CHUNK_SEGMENTS", 8)  # 10 chunks of two releases

    def translate(name: str, chunks_in_flight: int) -> tuple[dict, list, dict]:
        monkeypatch.setattr(LocalExecutor, "chunks_in_flight", chunks_in_flight)
        out = tmp_path / name
        code = run_cli(["translate", str(folder), "--out", str(out), "--tm", str(tmp_path / f"{name}.sqlite"),
                        "--backend", "ct2", "--beams", "2", "--threads", "2", "--to", "en,kk",
                        "--model", f"en={small_models['en']}", "--model", f"kk={small_models['kk']}"])
        assert code == 0
        outputs = {p.name: p.read_bytes() for p in sorted(out.glob("*.*.txt"))}
        segments = [(doc["path"], lang, s["index"], s["output"], s.get("cached", False))
                    for line in (out / "report.jsonl").read_text(encoding="utf-8").splitlines()
                    for doc in [json.loads(line)] for lang, entry in doc["languages"].items() for s in entry["segments"]]
        summary = json.loads((out / "report.json").read_text(encoding="utf-8"))["summary"]
        return outputs, segments, summary

    monkeypatch.setenv("PRESSMT_CACHE_DIR", str(tmp_path / "cache"))
    one_outputs, one_segments, one_summary = translate("one", 1)
    two_outputs, two_segments, two_summary = translate("two", 2)
    assert len(one_outputs) == 32 and two_outputs == one_outputs
    assert two_segments == one_segments
    assert sum(cached for *_, cached in one_segments) >= 2 * 15  # the boilerplate, after the first chunk
    assert two_summary == one_summary
