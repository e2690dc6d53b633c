"""Glossary ceiling on FLORES-200 dev: how often human references already use the glossary forms,
and proof that `pressmt enforce` on those references changes nothing that was right.

Usage: python bench/glossary_flores_dev.py [--glossary G]... [--json PATH]
Prints, per language, the glossary term occurrences found in dev.ru, the references' term
accuracy (the ceiling any system is measured against), and the lines enforcement changed,
split into lines whose terms were all right before (must be 0) and lines it repaired.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.glossary.enforce import enforce_segment  # noqa: E402
from pipeline.glossary.load import load_glossaries  # noqa: E402
from pipeline.glossary.match import Matcher  # noqa: E402
from pipeline.quality.terms import term_accuracy_from_hits  # noqa: E402

FLORES = ROOT / ".." / "shared" / "data" / "flores200"


def measure(glossary_paths: list[Path]) -> dict:
    glossary = load_glossaries(glossary_paths)
    matcher = Matcher(glossary)
    sources = (FLORES / "dev.ru").read_text(encoding="utf-8").splitlines()
    hits = [matcher.find(line) for line in sources]
    result: dict = {"lines": len(sources), "lines_with_terms": sum(1 for h in hits if h), "languages": {}}
    for lang in ("en", "kk"):
        refs = (FLORES / f"dev.{lang}").read_text(encoding="utf-8").splitlines()
        per_line = [term_accuracy_from_hits([h], [r], lang) for h, r in zip(hits, refs)]
        ceiling = term_accuracy_from_hits(hits, refs, lang)
        changed_right, repaired, examples = 0, 0, []
        for line_hits, ref, acc in zip(hits, refs, per_line):
            if not line_hits:
                continue
            out, _ = enforce_segment(ref, line_hits, lang)
            if out == ref:
                continue
            if acc.total and acc.correct == acc.total:
                changed_right += 1
            else:
                repaired += 1
                if len(examples) < 5:
                    examples.append({"before": ref, "after": out})
        result["languages"][lang] = {
            "term_occurrences": ceiling.total, "reference_correct": ceiling.correct,
            "reference_term_accuracy": ceiling.accuracy,
            "lines_changed_that_were_right": changed_right, "lines_changed_with_term_errors": repaired,
            "examples": examples,
        }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glossary", type=Path, action="append",
                        help="glossary file (default: every glossaries/*.tsv)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    paths = args.glossary or sorted((ROOT / "glossaries").glob("*.tsv"))
    result = measure(paths)
    print(f"FLORES-200 dev: {result['lines']} lines, {result['lines_with_terms']} with glossary terms")
    print(f"{'lang':5} {'occurrences':>11} {'ref correct':>11} {'ceiling':>8} {'changed-right':>13} {'changed-wrong':>13}")
    for lang, r in result["languages"].items():
        acc = "n/a" if r["reference_term_accuracy"] is None else f"{r['reference_term_accuracy']:.3f}"
        print(f"{lang:5} {r['term_occurrences']:>11} {r['reference_correct']:>11} {acc:>8} "
              f"{r['lines_changed_that_were_right']:>13} {r['lines_changed_with_term_errors']:>13}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
