"""Archive scale: per-document overhead and peak memory at 1,000 and N documents, torch/ct2 peak RSS, Ray vs local.

    python bench/scale.py [--documents 20000] [--json PATH]

1. Overhead per document with the translation memory warm, so the engines cost nothing: N small
   Russian documents (4-6 FLORES-200 dev sentences each, a seeded draw, every document distinct),
   a SQLite memory warmed once with every dev sentence, then `Runner.run` through the Python API on
   the first 1,000 and on all N documents, each in its own subprocess so its peak RSS (VmHWM) is
   its own. overhead = wall time of `Runner.run` / documents.
2. Peak RSS of the torch and ct2 paths on the opus-mt-ru-en-shaped model: bench/throughput.py's
   own worker subprocess on 48 sentences, one pass.
3. Ray vs local on 200 documents (6-8 sentences, en and kk, ct2, translation memory off): the local
   executor with 2 threads against the Ray executor with 2 single-thread actors, timed from before
   `Runner.run` to after it (actor start and model loading included, `ray.init` not).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from throughput import peak_rss_mb  # noqa: E402

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


def run_config(backend: str, threads: int | None = None):
    from pipeline.cli.common import build_run_config, load_run_glossary
    from pipeline.devmodels import build_small_models

    models = build_small_models(SMALL_MODELS) if not (SMALL_MODELS / "mul-mul").is_dir() else \
        {"en": SMALL_MODELS / "ru-en", "kk": SMALL_MODELS / "mul-mul"}
    config = build_run_config(to="en,kk", model=[f"en={models['en']}", f"kk={models['kk']}"], routes=None,
                              backend=backend, threads=threads)
    glossary, paths = load_run_glossary([], disabled=False)
    return config, glossary, paths


# -- 1. overhead per document, translation memory warm ---------------------------------------------------------

OVERHEAD_BACKEND = "ct2"  # only the warm-up translates; ct2 makes it seconds, not minutes


def warm_memory(tm_path: Path) -> dict:
    """Translate every FLORES dev sentence once through both routes into the memory at `tm_path`."""
    from pipeline.engines.pool import EnginePool
    from pipeline.tm import TranslationMemory

    config, _, _ = run_config(OVERHEAD_BACKEND)
    sentences = flores_dev()
    started = time.perf_counter()
    with TranslationMemory(tm_path) as tm:
        pool = EnginePool(config.options, tm=tm)
        for lang in config.langs:
            pool.translate_route(config.routes[lang], sentences)
    return {"sentences": len(sentences), "seconds": round(time.perf_counter() - started, 1)}


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
    warm = warm_memory(base / "tm.sqlite")
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


# -- driver ------------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=20000, help=f"the large run's size (at least {SMALL})")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--worker", choices=("overhead",), help=argparse.SUPPRESS)
    parser.add_argument("inputs", nargs="*", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--tm", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker == "overhead":
        print(json.dumps(overhead_worker(args.inputs, args.out, args.tm)))
        return 0
    if args.documents < SMALL:
        print(f"scale.py: --documents must be at least {SMALL}, not {args.documents}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="pressmt-scale-") as tmp:
        result = measure_overhead(args.documents, Path(tmp))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
