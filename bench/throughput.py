"""Throughput of the translation paths on an OPUS-MT-ru-en-shaped model: naive, torch, ct2, raw ct2.

    python bench/throughput.py [--sentences N] [--json PATH] [--repeats 3] [--threads T] [--paths torch,ct2]

Builds (once, cached under .cache/bench/) a Marian model with the exact shape of
Helsinki-NLP/opus-mt-ru-en (d_model 512, 6+6 layers, 8 heads, FFN 2048, vocabulary 62,518) and
random weights, converts it to CTranslate2 int8, and translates the first N sentences of FLORES-200
dev.ru four ways, each in its own subprocess so peak RSS is per path:

  naive    one `model.generate` per sentence, beam 4 (what a first script does)
  torch    HFEngine through the pipeline stages (TM lookup, glossary matching, batching, enforcement, QE)
  ct2      CT2Engine int8 through the same stages
  ct2_raw  ctranslate2.Translator.translate_batch on pre-tokenised input, nothing else

Random weights stop at random lengths, so every path generates exactly the same number of target
tokens per sentence (min = max; default: the mean reference length in target pieces). Times exclude
model loading and one warm-up pass; each figure is the median of --repeats timed passes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared" / "data"
CACHE = REPO / ".cache" / "bench"
PATHS = ("naive", "torch", "ct2", "ct2_raw")
BEAMS = 4
BATCH_SIZE = 16  # Options() defaults, as a real run uses them
MAX_BATCH_TOKENS = 4096

#: Helsinki-NLP/opus-mt-ru-en's config.json, as build_marian arguments.
OPUS_MT_RU_EN_SHAPE = {"d_model": 512, "encoder_layers": 6, "decoder_layers": 6, "heads": 8, "ffn_dim": 2048,
                       "pad_vocab_to": 62518}
SPM_VOCAB = 16000  # per side, before padding; the shared text supports about 13k pieces each
SPM_CORPORA = ("flores200/dev", "flores200/devtest", "newstest/newstest2019-ruen", "newstest/newstest2020-ruen")


def _lines(path: Path, limit: int | None = None) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        out = [line.strip() for line in fh if line.strip()]
    return out[:limit] if limit else out


def model_dirs() -> tuple[Path, Path]:
    """(transformers folder, CTranslate2 int8 folder), built once per devmodels/convert version."""
    import pipeline.devmodels as devmodels
    import pipeline.engines.convert as convert

    key = hashlib.sha256(json.dumps([OPUS_MT_RU_EN_SHAPE, SPM_VOCAB, SPM_CORPORA]).encode()
                         + Path(devmodels.__file__).read_bytes() + Path(convert.__file__).read_bytes())
    root = CACHE / f"opus-mt-ru-en-shape-{key.hexdigest()[:12]}"
    hf_dir, ct2_dir = root / "hf", root / "ct2-int8"
    if not (ct2_dir / "model.bin").is_file():
        print(f"building the benchmark model in {root} ...", file=sys.stderr)
        ru = [x for c in SPM_CORPORA for x in _lines(SHARED / f"{c}.ru")]
        en = [x for c in SPM_CORPORA for x in _lines(SHARED / f"{c}.en")]
        devmodels.build_marian(hf_dir, src_corpus=ru, tgt_corpus=en, vocab_size=SPM_VOCAB, **OPUS_MT_RU_EN_SHAPE)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # random weights: the <pad>-row fidelity warning is moot for speed
            convert.convert_marian(str(hf_dir), ct2_dir, "int8", force=True)
    return hf_dir, ct2_dir


def write_json(path: Path | None, result: dict) -> None:
    """The figures as JSON at `path` (--json), when one was given; every bench writes them so."""
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss over
    exec, so a worker would report its parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB; non-Linux fallback


# -- the four paths: each loads its model and returns run(sentences) -> generated target tokens ---------------

def _naive(hf_dir: Path, ct2_dir: Path, out_tokens: int, threads: int, sentences: list[str]):
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    torch.set_num_threads(threads)
    tok = MarianTokenizer.from_pretrained(hf_dir, trust_remote_code=False)
    model = MarianMTModel.from_pretrained(hf_dir, use_safetensors=True, trust_remote_code=False).eval()

    def run(sentences: list[str]) -> int:
        tokens = 0
        for s in sentences:
            out = model.generate(**tok(s, return_tensors="pt"), num_beams=BEAMS, min_new_tokens=out_tokens,
                                 max_new_tokens=out_tokens)
            tok.decode(out[0], skip_special_tokens=True)
            tokens += out.shape[1] - 1  # minus the decoder start token
        return tokens
    return run


def _pipeline(backend: str, load):
    """HFEngine or CT2Engine behind the stages a real run puts around the model (minus file I/O)."""
    from pipeline.config import Options, Route, Step
    from pipeline.engines import BACKENDS, Backend, Engine
    from pipeline.engines.pool import EnginePool
    from pipeline.glossary.enforce import enforce_segment
    from pipeline.glossary.load import load_glossaries
    from pipeline.glossary.match import Matcher
    from pipeline.quality.qe import assess_segment
    from pipeline.tm import TranslationMemory, memory_key

    engine = load()

    class Loaded(Backend):
        """The engine loaded once above, behind its own backend name: a fresh pool per pass."""

        name = f"{backend}-loaded"

        def load(self, step: Step, options: Options) -> Engine:
            return engine

    BACKENDS.register(Loaded)
    options = Options(beams=BEAMS, batch_size=BATCH_SIZE, max_batch_tokens=MAX_BATCH_TOKENS, backend=Loaded.name)
    route = Route(lang="en", steps=(Step(model=engine.model_id, target="en"),))
    glossary = load_glossaries(sorted((REPO / "glossaries").glob("*.tsv")))
    matcher = Matcher(glossary)
    key = memory_key(model=engine.model_id, revision=None, route=route.describe(),
                     options=options.fingerprint_fields(), glossary_fingerprint=glossary.fingerprint())
    tm_dir = Path(tempfile.mkdtemp(prefix="pressmt-bench-tm-"))

    def run(sentences: list[str]) -> int:
        with TranslationMemory(tm_dir / f"{time.monotonic_ns()}.sqlite") as tm:  # cold, as a first run is
            cached = tm.get_many(key, sentences)
            hits = [matcher.find(s) for s in sentences]
            todo = [s for s in sentences if s not in cached]
            results = dict(zip(todo, EnginePool(options).translate_route(route, todo)))
            tm.put_many(key, {s: r.translation for s, r in results.items()})
        tokens = 0
        for s, seg_hits in zip(sentences, hits):
            r = results[s]
            text, terms = enforce_segment(r.translation.text, seg_hits, "en") if seg_hits else (r.translation.text, [])
            assess_segment(s, text, "en", r.confidence, terms)
            tokens += len(r.translation.token_logprobs)
        return tokens
    return run


def _torch(hf_dir: Path, ct2_dir: Path, out_tokens: int, threads: int, sentences: list[str]):
    def load():
        from pipeline.engines import hf

        # HFEngine has no generation-override hook yet. Smallest workaround: its per-batch length rule
        # returns the fixed length, and the model's generation config (copied for every batch) forbids
        # stopping earlier. Batching, inference_mode and the rest of the engine run unchanged.
        hf.max_new_tokens_for = lambda source_len, cap=0: out_tokens
        engine = hf.HFEngine(str(hf_dir), beams=BEAMS, batch_size=BATCH_SIZE, max_batch_tokens=MAX_BATCH_TOKENS,
                             threads=threads, device="cpu")
        engine.model.generation_config.min_new_tokens = out_tokens
        return engine
    return _pipeline("bench-torch", load)


def _ct2(hf_dir: Path, ct2_dir: Path, out_tokens: int, threads: int, sentences: list[str]):
    def load():
        from pipeline.engines.ct2 import CT2Engine

        return CT2Engine(str(ct2_dir), beams=BEAMS, batch_size=BATCH_SIZE, max_batch_tokens=MAX_BATCH_TOKENS,
                         threads=threads, device="cpu", compute_type="int8",
                         decode_options={"min_decoding_length": out_tokens, "max_decoding_length": out_tokens})
    return _pipeline("bench-ct2", load)


def _ct2_raw(hf_dir: Path, ct2_dir: Path, out_tokens: int, threads: int, sentences: list[str]):
    import ctranslate2
    from transformers import MarianTokenizer

    tok = MarianTokenizer.from_pretrained(ct2_dir, trust_remote_code=False)
    translator = ctranslate2.Translator(str(ct2_dir), device="cpu", compute_type="int8", intra_threads=threads)
    # Tokenised before timing: the baseline is translate_batch alone, nothing a pipeline could add.
    pieces = {s: tok.convert_ids_to_tokens(tok(s).input_ids) for s in sentences}

    def run(batch: list[str]) -> int:
        results = translator.translate_batch([pieces[s] for s in batch], beam_size=BEAMS, max_batch_size=BATCH_SIZE,
                                             min_decoding_length=out_tokens, max_decoding_length=out_tokens)
        return sum(len(r.hypotheses[0]) for r in results)
    return run


WORKERS = {"naive": _naive, "torch": _torch, "ct2": _ct2, "ct2_raw": _ct2_raw}


def worker(path: str, sentences: list[str], out_tokens: int, threads: int, repeats: int) -> dict:
    hf_dir, ct2_dir = model_dirs()
    run = WORKERS[path](hf_dir, ct2_dir, out_tokens, threads, sentences)
    run(sentences[:8])  # warm-up: lazy initialisation, allocator, pymorphy3 dictionaries
    times, tokens = [], set()
    for _ in range(repeats):
        started = time.perf_counter()
        tokens.add(run(sentences))
        times.append(time.perf_counter() - started)
    if len(tokens) != 1:
        raise RuntimeError(f"{path}: generated token counts differ between passes: {tokens}")
    return {"seconds": times, "target_tokens": tokens.pop(), "peak_rss_mb": round(peak_rss_mb(), 1)}


# -- driver --------------------------------------------------------------------------------------------------

RATIOS = {"torch_vs_naive": ("torch", "naive"), "ct2_vs_torch": ("ct2", "torch"), "ct2_vs_raw": ("ct2", "ct2_raw")}


def measure(n: int, repeats: int, threads: int, out_tokens: int | None, paths: tuple[str, ...] = PATHS) -> dict:
    """Run each of `paths` in its own subprocess; the ratios are those whose two paths both ran.
    Importable: `measure(100, 1, 2, None, ("torch", "ct2"))["torch"]["peak_rss_mb"]`."""
    hf_dir, ct2_dir = model_dirs()
    if out_tokens is None:
        from transformers import MarianTokenizer

        tok = MarianTokenizer.from_pretrained(hf_dir, trust_remote_code=False)
        refs = _lines(SHARED / "flores200" / "dev.en", n)
        out_tokens = round(statistics.mean(len(tok(text_target=r).input_ids) for r in refs))
    result: dict = {}
    for path in paths:
        load_before = os.getloadavg()[0]
        cmd = [sys.executable, __file__, "--worker", path, "--sentences", str(n), "--repeats", str(repeats),
               "--threads", str(threads), "--out-tokens", str(out_tokens)]
        proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
        if proc.returncode != 0:
            raise SystemExit(f"{path} failed:\n{proc.stderr[-3000:]}")
        raw = json.loads(proc.stdout.strip().splitlines()[-1])
        median = statistics.median(raw["seconds"])
        if raw["target_tokens"] != n * out_tokens:
            raise SystemExit(f"{path}: generated {raw['target_tokens']} tokens, expected {n} x {out_tokens}")
        result[path] = {"sentences_per_s": round(n / median, 3), "tokens_per_s": round(raw["target_tokens"] / median, 1),
                        "peak_rss_mb": raw["peak_rss_mb"], "seconds": [round(s, 3) for s in raw["seconds"]],
                        "load_avg_1m": round(load_before, 2)}
        print(f"{path:8s} {result[path]['sentences_per_s']:8.2f} sent/s  (load {load_before:.1f})", file=sys.stderr)
    result["ratios"] = {name: round(result[a]["sentences_per_s"] / result[b]["sentences_per_s"], 3)
                        for name, (a, b) in RATIOS.items() if a in result and b in result}
    result["setup"] = {"sentences": n, "out_tokens": out_tokens, "beams": BEAMS, "threads": threads,
                       "repeats": repeats, "batch_size": BATCH_SIZE, "cpus": os.cpu_count(),
                       "model_shape": OPUS_MT_RU_EN_SHAPE}
    return result


def table(result: dict) -> str:
    rows = [f"{'path':8s} {'sent/s':>8s} {'tok/s':>8s} {'peak RSS MB':>12s}"]
    for path in (p for p in PATHS if p in result):
        r = result[path]
        rows.append(f"{path:8s} {r['sentences_per_s']:8.2f} {r['tokens_per_s']:8.1f} {r['peak_rss_mb']:12.0f}")
    rows += [f"{k}: {v:.2f}" for k, v in result["ratios"].items()]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=100, help="first N sentences of FLORES-200 dev.ru")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--repeats", type=int, default=3, help="timed passes per path (median reported)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="compute threads for every path")
    parser.add_argument("--out-tokens", type=int, help="target tokens per sentence (default: mean reference length)")
    parser.add_argument("--paths", default=",".join(PATHS), help=f"comma-separated subset of {','.join(PATHS)}")
    parser.add_argument("--worker", choices=PATHS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    paths = tuple(p for p in PATHS if p in args.paths.split(","))
    if unknown := set(args.paths.split(",")) - set(PATHS):
        parser.error(f"unknown path(s) {', '.join(sorted(unknown))}; choose from {', '.join(PATHS)}")
    sys.path.insert(0, str(REPO))
    if args.worker:
        sentences = _lines(SHARED / "flores200" / "dev.ru", args.sentences)
        print(json.dumps(worker(args.worker, sentences, args.out_tokens, args.threads, args.repeats)))
        return 0
    result = measure(args.sentences, args.repeats, args.threads, args.out_tokens, paths)
    print(table(result))
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
