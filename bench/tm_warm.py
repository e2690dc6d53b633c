"""Translation memory: a second run over the same documents with the memory warm, against a cold run.

Usage: python bench/tm_warm.py [--docs 50] [--json PATH]
Builds (or reuses) the small offline Marian models, writes N Russian documents made of FLORES
dev sentences, then runs the full pipeline (glossary matching and enforcement, QE, outputs,
report) twice through the Python API, each time with a fresh engine pool into a fresh output
folder, sharing one SQLite translation memory: cold (empty memory), then warm. Prints both
wall times, the speed-up and whether every output file is byte-identical.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from pipeline import api  # noqa: E402
from pipeline.devmodels import build_small_models  # noqa: E402

FLORES_DEV_RU = ROOT / ".." / "shared" / "data" / "flores200" / "dev.ru"


def write_documents(folder: Path, n_docs: int, paragraphs: int = 4) -> None:
    lines = FLORES_DEV_RU.read_text(encoding="utf-8").splitlines()
    folder.mkdir(parents=True)
    for i in range(n_docs):
        chunk = lines[i * paragraphs:(i + 1) * paragraphs]
        (folder / f"release-{i:03d}.txt").write_text("\n".join(chunk) + "\n", encoding="utf-8")


def timed_run(models: dict[str, Path], docs: Path, out: Path, tm_path: Path) -> float:
    config = api.run_config(to="en,kk", models=[f"en={models['en']}", f"kk={models['kk']}"])
    glossary = api.load_glossaries()
    started = time.perf_counter()
    with api.open_memory(tm_path) as memory:
        result = api.translate([docs], out, config, glossary=glossary, memory=memory)
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    models = build_small_models(ROOT / ".cache" / "bench-small-models")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        write_documents(base / "docs", args.docs)
        cold = timed_run(models, base / "docs", base / "cold", base / "tm.sqlite")
        warm = timed_run(models, base / "docs", base / "warm", base / "tm.sqlite")
        outputs = sorted(p.relative_to(base / "cold") for p in (base / "cold").rglob("*.txt"))
        identical = all((base / "cold" / p).read_bytes() == (base / "warm" / p).read_bytes() for p in outputs)
    result = {"documents": args.docs, "output_files": len(outputs), "cold_s": round(cold, 2),
              "warm_s": round(warm, 2), "speedup": round(cold / warm, 1), "identical_outputs": identical}
    print(f"{args.docs} documents, {len(outputs)} output files: cold {cold:.2f} s, warm {warm:.2f} s, "
          f"speed-up {cold / warm:.1f}x, outputs identical: {identical}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if identical else 1


if __name__ == "__main__":
    raise SystemExit(main())
