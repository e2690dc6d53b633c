"""Archive scale: per-document overhead and peak memory at 1,000 and N documents, torch/ct2 peak RSS, Ray vs local.

    python bench/scale.py [--documents 20000] [--json PATH]

1. Overhead per document with the translation memory warm, so the engines cost nothing: N small
   Russian documents (4-6 FLORES-200 dev sentences each, a seeded draw, every document distinct),
   a SQLite memory warmed once with every dev sentence, then `Runner.run` through the Python API on
   the first 1,000 and on all N documents, each in its own subprocess so its peak RSS (VmHWM) is
   its own. overhead = wall time of `Runner.run` / documents.
2. Peak RSS of the torch and ct2 paths on the opus-mt-ru-en-shaped model: bench/throughput.py's
   torch and ct2 paths (`--paths torch,ct2`), 48 sentences of 32 target tokens, one pass.
3. Ray vs local on 200 documents (6-8 sentences, en and kk, ct2, translation memory off): the local
   executor with 2 threads against the Ray executor with 2 single-thread actors, timed from before
   the executor starts to after `Runner.run` (actor start and model loading included, `ray.init`
   not: a cluster is long-lived). Outputs of the two runs must be byte-identical.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from throughput import peak_rss_mb, write_json  # noqa: E402

FLORES_DEV_RU = ROOT / ".." / "shared" / "data" / "flores200" / "dev.ru"
SMALL_MODELS = ROOT / ".cache" / "bench-small-models"
SMALL = 1000  # the small run's size; the acceptance compares N against it


def flores_dev() -> list[str]:
    return [line.strip() for line in FLORES_DEV_RU.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_documents(folders: list[tuple[Path, int]], sizes: tuple[int, int], seed: int) -> int:
    """Distinct documents of `sizes` FLORES dev sentences each (one per paragraph): `count` into
    each (folder, count), in subfolders of 1,000 as an archive is kept by year or month. Returns
    the number of segments written."""
    pool = flores_dev()
    rng = random.Random(seed)
    seen: set[tuple[int, ...]] = set()
    segments = i = 0
    for folder, count in folders:
        for _ in range(count):
            while (picked := tuple(rng.sample(range(len(pool)), rng.randint(*sizes)))) in seen:
                pass
            seen.add(picked)
            path = folder / f"{i // 1000:03d}" / f"release-{i:05d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n\n".join(pool[j] for j in picked) + "\n", encoding="utf-8")
            segments += len(picked)
            i += 1
    return segments


def small_models() -> dict[str, Path]:
    """The small offline en and kk models, built once (the driver does it before any worker runs:
    importing devmodels pulls in torch, which a warm run must not pay for in its RSS)."""
    models = {"en": SMALL_MODELS / "ru-en", "kk": SMALL_MODELS / "mul-mul"}
    if not all((path / "config.json").is_file() for path in models.values()):
        from pipeline.devmodels import build_small_models

        models = build_small_models(SMALL_MODELS)
    return models


def run_config(backend: str, threads: int | None = None):
    """Config (en and kk, each a direct route to its small model), glossary and glossary paths of a
    run with the shipped glossaries, as `pressmt translate` builds them."""
    from pipeline import api

    models = small_models()
    config = api.run_config(to="en,kk", models=[f"en={models['en']}", f"kk={models['kk']}"], backend=backend,
                            threads=threads)
    glossary = api.load_glossaries()
    return config, glossary, list(glossary.sources) if glossary else []


# -- 1. overhead per document, translation memory warm ---------------------------------------------------------

OVERHEAD_BACKEND = "ct2"  # only the warm-up translates; ct2 makes it seconds, not minutes


def warm_memory(tm_path: Path, base: Path) -> dict:
    """Translate every FLORES dev sentence once into the memory at `tm_path`: one run over documents
    of 5 consecutive lines, so the memory holds the segments exactly as documents split them."""
    from pipeline.engines.pool import EnginePool
    from pipeline.run import Runner
    from pipeline.tm import TranslationMemory

    config, glossary, paths = run_config(OVERHEAD_BACKEND)
    lines = flores_dev()
    for i in range(0, len(lines), 5):
        path = base / "warm-docs" / f"pool-{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n\n".join(lines[i:i + 5]) + "\n", encoding="utf-8")
    started = time.perf_counter()
    with TranslationMemory(tm_path) as tm:
        Runner(config, base / "warm-out", glossary=glossary, glossary_paths=paths,
               pool=EnginePool(config.options, tm=tm)).run([base / "warm-docs"])
    return {"sentences": len(lines), "seconds": round(time.perf_counter() - started, 1)}


def overhead_worker(docs: list[Path], out: Path, tm_path: Path) -> dict:
    """One timed warm run (in its own process, so VmHWM is this run's)."""
    from pipeline.engines.pool import EnginePool
    from pipeline.run import Runner
    from pipeline.tm import TranslationMemory

    config, glossary, paths = run_config(OVERHEAD_BACKEND)
    with TranslationMemory(tm_path) as tm:
        pool = EnginePool(config.options, tm=tm)
        started = time.perf_counter()
        result = Runner(config, out, glossary=glossary, glossary_paths=paths, pool=pool).run(docs)
        wall = time.perf_counter() - started
    if result.exit_code != 0:
        raise SystemExit(f"warm run failed: {[o.reason for o in result.failed][:3]}")
    if pool.loads or any(pool.translated.values()):
        raise SystemExit(f"the memory was not warm: engines loaded {pool.loads}, translated {pool.translated}")
    translated = sum(1 for o in result.outcomes if o.status == "translated")
    return {"documents": translated, "wall_s": round(wall, 2), "peak_rss_mb": round(peak_rss_mb(), 1)}


def _subprocess(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure_overhead(n_docs: int, base: Path) -> dict:
    """Warm the memory, then time a run over the first 1,000 documents and one over all N."""
    small, rest = base / "docs-small", base / "docs-rest"
    segments = write_documents([(small, SMALL), (rest, n_docs - SMALL)], sizes=(4, 6), seed=11)
    warm = warm_memory(base / "tm.sqlite", base)
    print(f"memory warmed with {warm['sentences']} sentences in {warm['seconds']} s", file=sys.stderr)
    runs = {}
    for label, docs in ((str(SMALL), [small]), (str(n_docs), [small, rest])):
        load = os.getloadavg()[0]
        runs[label] = _subprocess(["--worker", "overhead", *map(str, docs), "--out", str(base / f"out-{label}"),
                                   "--tm", str(base / "tm.sqlite")])
        runs[label]["load_avg_1m"] = round(load, 2)
        runs[label]["ms_per_doc"] = round(runs[label]["wall_s"] * 1000 / runs[label]["documents"], 2)
        print(f"{label} documents: {runs[label]['wall_s']} s, {runs[label]['ms_per_doc']} ms/doc, "
              f"peak RSS {runs[label]['peak_rss_mb']} MB (load {load:.1f})", file=sys.stderr)
    return {"runs": runs, "segments_per_document": round(segments / n_docs, 2), "warm_up": warm}


# -- 2. torch and ct2 peak RSS on the opus-mt-ru-en-shaped model --------------------------------------------------

RSS_SENTENCES = 48  # three full batches of 16 at beam 4: the batch shape that sets the peak, reached 3 times
RSS_OUT_TOKENS = 32  # throughput.py's default length (the mean over its 100 sentences): comparable peaks


def measure_engine_rss(base: Path) -> dict:
    """bench/throughput.py's torch and ct2 paths, one pass each in its own subprocess: their VmHWM."""
    out = base / "throughput.json"
    cmd = [sys.executable, str(ROOT / "bench" / "throughput.py"), "--paths", "torch,ct2", "--sentences",
           str(RSS_SENTENCES), "--repeats", "1", "--out-tokens", str(RSS_OUT_TOKENS), "--json", str(out)]
    load = os.getloadavg()[0]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"bench/throughput.py failed:\n{proc.stderr[-3000:]}")
    result = json.loads(out.read_text(encoding="utf-8"))
    print(f"peak RSS torch {result['torch']['peak_rss_mb']} MB, ct2 {result['ct2']['peak_rss_mb']} MB "
          f"(load {load:.1f})", file=sys.stderr)
    return {"torch_rss_mb": result["torch"]["peak_rss_mb"], "ct2_rss_mb": result["ct2"]["peak_rss_mb"],
            "sentences": RSS_SENTENCES, "out_tokens": result["setup"]["out_tokens"], "load_avg_1m": round(load, 2),
            "sentences_per_s": {path: result[path]["sentences_per_s"] for path in ("torch", "ct2")}}


# -- 3. Ray executor against the local one ------------------------------------------------------------------------

RAY_DOCUMENTS = 200
RAY_WORKERS = 2  # single-thread actors, against the local executor with as many threads


def executor_worker(name: str, docs: Path, out: Path) -> dict:
    """One run with the translation memory off, timed from before the executor starts (Ray: actor
    start and model loading included; the Ray cluster is started before the clock, as a long-lived
    cluster would be) to after `Runner.run`."""
    from pipeline.engines.pool import EnginePool
    from pipeline.executors import make_executor
    from pipeline.run import Runner

    config, glossary, paths = run_config("ct2", threads=1 if name == "ray" else RAY_WORKERS)
    if name == "ray":
        config.options = replace(config.options, workers=RAY_WORKERS)
    if name == "ray":
        import ray

        from pipeline.executors.ray import LOCAL_OBJECT_STORE_BYTES

        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        ray.init(address="local", num_cpus=RAY_WORKERS, include_dashboard=False, logging_level="WARNING",
                 log_to_driver=False, object_store_memory=LOCAL_OBJECT_STORE_BYTES)
    started = time.perf_counter()
    executor = make_executor(name, config.options)
    pool = EnginePool(config.options, executor=executor)
    result = Runner(config, out, glossary=glossary, glossary_paths=paths, pool=pool).run([docs])
    wall = time.perf_counter() - started
    pool.close()
    if result.exit_code != 0:
        raise SystemExit(f"{name} run failed: {[o.reason for o in result.failed][:3]}")
    return {"documents": sum(1 for o in result.outcomes if o.status == "translated"), "wall_s": round(wall, 2),
            "sentences_translated": sum(pool.translated.values())}


def prime_ct2_models() -> None:
    """Convert the small models to CTranslate2 (cached) and read them once, before either timed run:
    neither executor should pay the one-off conversion, nor a cold page cache."""
    from pipeline.executors.loaders import load_engine

    config, _, _ = run_config("ct2")
    for lang in config.langs:
        for step in config.routes[lang].steps:
            load_engine(step, config.options)


def output_digest(out: Path) -> str:
    """One hash over every translated file under `out` (names and bytes), to compare two runs."""
    digest = hashlib.sha256()
    for path in sorted(p for p in out.rglob("*") if p.is_file() and not p.relative_to(out).parts[0].startswith(".")
                       and p.suffix == ".txt"):
        digest.update(str(path.relative_to(out)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def measure_ray_vs_local(base: Path) -> dict:
    """The same 200 documents (6-8 sentences, en and kk) through the local executor, then Ray."""
    docs = base / "ray-docs"
    segments = write_documents([(docs, RAY_DOCUMENTS)], sizes=(6, 8), seed=12)
    prime_ct2_models()
    runs = {}
    for name in ("local", "ray"):
        load = os.getloadavg()[0]
        runs[name] = _subprocess(["--worker", name, str(docs), "--out", str(base / f"out-{name}")])
        runs[name]["load_avg_1m"] = round(load, 2)
        print(f"{name}: {runs[name]['wall_s']} s (load {load:.1f})", file=sys.stderr)
    identical = output_digest(base / "out-local") == output_digest(base / "out-ray")
    return {"ratio": round(runs["local"]["wall_s"] / runs["ray"]["wall_s"], 3), "runs": runs,
            "documents": RAY_DOCUMENTS, "segments_per_document": round(segments / RAY_DOCUMENTS, 2),
            "identical_outputs": identical}


# -- driver ------------------------------------------------------------------------------------------------------

PARTS = ("overhead", "rss", "ray")


def measure(n_docs: int, parts: list[str]) -> dict:
    """The parts asked for, into the JSON layout of issue 11 (plus `setup` and per-part details)."""
    started = time.perf_counter()
    small_models()
    result: dict = {}
    details: dict = {}
    with tempfile.TemporaryDirectory(prefix="pressmt-scale-") as tmp:
        base = Path(tmp)
        if "overhead" in parts:
            details["overhead"] = overhead = measure_overhead(n_docs, base)
            runs = overhead["runs"]
            small, large = runs[str(SMALL)], runs[str(n_docs)]
            result["overhead_ms_per_doc"] = {str(SMALL): small["ms_per_doc"], str(n_docs): large["ms_per_doc"],
                                             "ratio": round(large["ms_per_doc"] / small["ms_per_doc"], 3)}
            result["rss_mb"] = {str(SMALL): small["peak_rss_mb"], str(n_docs): large["peak_rss_mb"]}
        if "rss" in parts:
            details["engine_rss"] = rss = measure_engine_rss(base)
            result["torch_rss_mb"], result["ct2_rss_mb"] = rss["torch_rss_mb"], rss["ct2_rss_mb"]
        if "ray" in parts:
            details["ray"] = ray = measure_ray_vs_local(base)
            result["ray_vs_local"] = ray["ratio"]
    result["details"] = details
    result["setup"] = {"documents": n_docs, "cpus": os.cpu_count(), "load_avg_1m_end": round(os.getloadavg()[0], 2),
                       "seconds": round(time.perf_counter() - started, 1),
                       "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    return result


def table(result: dict, n_docs: int) -> str:
    """The figures against the targets of issue 11."""
    rows = [f"{'figure':34s} {'value':>10s}  target"]
    if "overhead_ms_per_doc" in result:
        over, rss = result["overhead_ms_per_doc"], result["rss_mb"]
        rows += [f"{f'overhead ms/doc at {SMALL}':34s} {over[str(SMALL)]:10.2f}",
                 f"{f'overhead ms/doc at {n_docs}':34s} {over[str(n_docs)]:10.2f}",
                 f"{'overhead ratio':34s} {over['ratio']:10.2f}  <= 1.3",
                 f"{f'peak RSS MB at {SMALL}':34s} {rss[str(SMALL)]:10.0f}",
                 f"{f'peak RSS MB at {n_docs}':34s} {rss[str(n_docs)]:10.0f}  <= {rss[str(SMALL)] + 150:.0f}"]
    if "torch_rss_mb" in result:
        rows += [f"{'torch path peak RSS MB':34s} {result['torch_rss_mb']:10.0f}  <= 1200",
                 f"{'ct2 path peak RSS MB':34s} {result['ct2_rss_mb']:10.0f}"]
    if "ray_vs_local" in result:
        rows.append(f"{'Ray / local throughput':34s} {result['ray_vs_local']:10.2f}  >= 0.85")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=20000, help=f"the large run's size (more than {SMALL})")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated subset of {','.join(PARTS)}")
    parser.add_argument("--worker", choices=("overhead", "local", "ray"), help=argparse.SUPPRESS)
    parser.add_argument("inputs", nargs="*", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--tm", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker == "overhead":
        print(json.dumps(overhead_worker(args.inputs, args.out, args.tm)))
        return 0
    if args.worker:
        print(json.dumps(executor_worker(args.worker, args.inputs[0], args.out)))
        return 0
    if args.documents <= SMALL:
        print(f"scale.py: --documents must be more than {SMALL}, not {args.documents}", file=sys.stderr)
        return 2
    if unknown := set(args.parts.split(",")) - set(PARTS):
        print(f"scale.py: unknown part(s) {', '.join(sorted(unknown))}; choose from {','.join(PARTS)}",
              file=sys.stderr)
        return 2
    result = measure(args.documents, args.parts.split(","))
    print(table(result, args.documents))
    print(json.dumps(result, indent=2))
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
