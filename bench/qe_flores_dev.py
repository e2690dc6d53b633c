"""How often reference-free QE flags clean human translations: FLORES-200 dev, per flag and language.

The references dev.en and dev.kk are treated as system output for dev.ru. They are good
translations, so every flag they raise is a false alarm an editor would waste time on; the
thresholds in `pipeline/quality/qe.py` were calibrated here to keep that under 5% per language.
Also prints the length-ratio percentiles the languages' `length_band`s were derived from, the timing, and a
control: the Russian source copied as output, which every segment should flag.
Dev only: devtest stays untouched for final numbers.

Usage: python bench/qe_flores_dev.py [--show N]   (N flagged examples per language, default 0)
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from pipeline.languages.base import language
from pipeline.quality.qe import FLAG_WEIGHTS, assess_segment, summarize_document

FLORES = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "flores200"


def _lines(name: str) -> list[str]:
    return (FLORES / name).read_text(encoding="utf-8").splitlines()


def _percentiles(values: list[float], points: tuple[float, ...]) -> list[float]:
    ordered = sorted(values)
    return [ordered[round(p * (len(ordered) - 1))] for p in points]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print this many flagged segments per language")
    args = parser.parse_args()
    sources = _lines("dev.ru")
    points = (0.005, 0.5, 0.995)
    print(f"FLORES-200 dev, {len(sources)} segments; references scored as output against dev.ru\n")
    print(f"{'lang':<5}{'flagged':>9}{'share':>8}  " + "  ".join(f"{f:>15}" for f in FLAG_WEIGHTS) + f"{'seconds':>9}")
    for lang in ("en", "kk"):
        outputs = _lines(f"dev.{lang}")
        start = time.perf_counter()
        estimates = [assess_segment(s, o, lang) for s, o in zip(sources, outputs)]
        elapsed = time.perf_counter() - start
        summary = summarize_document(estimates)
        counts = "  ".join(f"{summary['flag_counts'].get(f, 0):>15}" for f in FLAG_WEIGHTS)
        print(f"{lang:<5}{summary['flagged']:>9}{summary['flagged'] / len(sources):>8.1%}  {counts}{elapsed:>9.2f}")
        ratios = [len(o) / len(s) for s, o in zip(sources, outputs)]
        low, mid, high = _percentiles(ratios, points)
        print(f"     length ratio p0.5={low:.3f} median={mid:.3f} p99.5={high:.3f} "
              f"(mean {statistics.mean(ratios):.3f}); band in use {language(lang).length_band}")
        copies = summarize_document([assess_segment(s, s, lang) for s in sources])
        print(f"     control, the Russian source copied as output: {copies['flagged'] / len(sources):.1%} flagged "
              f"{copies['flag_counts']}")
        shown = [(s, o, e) for s, o, e in zip(sources, outputs, estimates) if e.flags][:args.show]
        for source, output, estimate in shown:
            print(f"       {estimate.flags} {estimate.details}\n         ru: {source[:120]}\n         {lang}: {output[:120]}")


if __name__ == "__main__":
    main()
