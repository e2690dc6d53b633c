"""The review pages' cost per document, and that it stays flat as a run grows.

Usage: python bench/review_pages.py [--documents 200 2000] [--segments 5] [--json PATH]
Translates the seed samples once with the small offline Marian models and the shipped glossaries
(real report entries: terms, QE flags, tooltips), then, for each N, streams N documents of
`--segments` segments each (the samples' entries, cut and repeated) into a report with
ReportStream, as a run writes it, and times what the end of a run does with it: the review pages
(`write_review`) and the five worst segments (`review_first`). Prints ms per document, pages,
page size per document, and the peak Python heap while writing the pages (tracemalloc, a
separate pass), which must not grow with N.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from pipeline import api  # noqa: E402
from pipeline.devmodels import build_small_models  # noqa: E402
from pipeline.report import ReportStream, report_meta  # noqa: E402
from pipeline.writers.reader import RunReport, read_report  # noqa: E402
from pipeline.writers.review_html import review_first, write_review  # noqa: E402

MODELS = ROOT / ".cache" / "bench-small-models"


def sample_entries(tmp: Path) -> tuple[list[dict], RunReport]:
    """Report entries of the seed samples, translated with the small models and shipped glossaries."""
    models = {lang: MODELS / name for lang, name in (("en", "ru-en"), ("kk", "mul-mul"))}
    if not all((path / "config.json").is_file() for path in models.values()):
        models = build_small_models(MODELS)
    releases = tmp / "releases"
    releases.mkdir()
    for sample in sorted((ROOT / "samples").glob("*/ru.txt")):
        (releases / f"{sample.parent.name}.txt").write_bytes(sample.read_bytes())
    config = api.run_config(to="en,kk", models=[f"en={models['en']}", f"kk={models['kk']}"])
    with api.open_memory(cache=False) as memory:  # every segment through the models
        result = api.translate([releases], tmp / "out", config, memory=memory)
    return list(result.report.documents()), result.report


def cut(doc: dict, segments: int, copy: int) -> dict:
    """`doc` with its first `segments` segments per language, under a path of its own."""
    languages = {lang: {**entry, "segments": entry["segments"][:segments],
                        "review": [i for i in entry["review"] if i < segments]}
                 for lang, entry in doc["languages"].items()}
    return {**doc, "path": f"copy-{copy:05d}/{doc['path']}", "languages": languages}


def stream_report(out: Path, entries: list[dict], source: RunReport, n: int, segments: int) -> RunReport:
    stream = ReportStream(out, list(source["routes"]))
    for i in range(n):
        stream.add(cut(entries[i % len(entries)], segments, i // len(entries)))
    stream.finish(report_meta(options=source["options"], routes=source["routes"], glossaries=source["glossaries"],
                              glossary_fingerprint=source["glossary_fingerprint"]))
    return read_report(out)


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def measure(n: int, segments: int, entries: list[dict], source: RunReport) -> dict:
    with tempfile.TemporaryDirectory(prefix="pressmt-review-bench-") as tmp:
        out = Path(tmp)
        report = stream_report(out, entries, source, n, segments)
        pages_s = timed(lambda: write_review(report, out))
        first_s = timed(lambda: review_first(report))
        pages = sorted(out.glob("review*.html"))
        size = sum(p.stat().st_size for p in pages)
        tracemalloc.start()
        write_review(report, out)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return {"documents": n, "segments_per_document": segments, "pages": len(pages),
            "write_review_ms_per_doc": round(pages_s * 1000 / n, 3),
            "review_first_ms_per_doc": round(first_s * 1000 / n, 3),
            "page_kib_per_doc": round(size / 1024 / n, 1), "peak_heap_mb": round(peak / 2**20, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--segments", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pressmt-review-bench-") as tmp:
        entries, source = sample_entries(Path(tmp))
        write_review(source, Path(tmp) / "out")  # the template compiles once per process, as in a run
        results = [measure(n, args.segments, entries, source) for n in args.documents]
    for r in results:
        print(f"{r['documents']} documents x {r['segments_per_document']} segments: review pages "
              f"{r['write_review_ms_per_doc']:.2f} ms/doc ({r['pages']} pages, {r['page_kib_per_doc']} KiB/doc), "
              f"review_first {r['review_first_ms_per_doc']:.2f} ms/doc, peak heap {r['peak_heap_mb']} MB")
    if args.json:
        args.json.write_text(json.dumps({"runs": results}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
