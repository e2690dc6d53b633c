"""Terminology on real official releases (tests/data/real/): Russian hits against hand-marked gold,
and enforcement on the published English and Kazakh translations.

For each half of split.tsv (dev, heldout) separately it prints:
- Russian hits: precision and recall against gold_hits.tsv (a hit is right when its line, surface
  and entry match a gold row), and the case-tag accuracy on the hits found;
- per language (en, kk): how many published lines `enforce` changes, each change listed, marked
  `expected` when enforce_expectations.tsv lists it as a true glossary error;
- false `missing`: terms reported missing on the published translations, as a share of terms.

    python bench/real_terms.py [--json]

Tune on dev only; the heldout figures are the ones to report.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.glossary.enforce import enforce_segment  # noqa: E402
from pipeline.glossary.load import load_glossaries  # noqa: E402
from pipeline.glossary.match import Matcher  # noqa: E402

REAL = ROOT / "tests" / "data" / "real"
#: pymorphy3 case names (as the gold writes them) → the Kazakh-style names hits carry.
GOLD_CASES = {"nomn": "nom", "gent": "gen", "gen2": "gen", "datv": "dat", "accs": "acc",
              "acc2": "acc", "ablt": "ins", "loct": "loc", "loc2": "loc", "voct": "nom"}


@dataclass
class Half:
    """Figures for one half of the split."""

    name: str
    releases: int = 0
    gold: int = 0
    found: int = 0
    correct: int = 0
    case_checked: int = 0
    case_right: int = 0
    errors: list[str] = field(default_factory=list)
    lines: Counter = field(default_factory=Counter)  # per language: published lines checked
    changed: dict[str, list[dict]] = field(default_factory=dict)
    terms: Counter = field(default_factory=Counter)  # per language: term occurrences checked
    missing: dict[str, list[dict]] = field(default_factory=dict)
    published: set[tuple[str, str]] = field(default_factory=set)  # (slug, lang) checked

    def to_json(self) -> dict:
        ratio = lambda a, b: round(a / b, 4) if b else None  # noqa: E731
        return {
            "half": self.name, "releases": self.releases,
            "hits": {"gold": self.gold, "found": self.found, "correct": self.correct,
                     "precision": ratio(self.correct, self.found), "recall": ratio(self.correct, self.gold),
                     "case_accuracy": ratio(self.case_right, self.case_checked),
                     "case_checked": self.case_checked, "errors": self.errors},
            "enforce": {lang: {"lines": self.lines[lang], "changed": self.changed.get(lang, []),
                               "unexpected": [c for c in self.changed.get(lang, []) if not c["expected"]],
                               "terms": self.terms[lang], "missing": self.missing.get(lang, []),
                               "false_missing_share": ratio(len(self.missing.get(lang, [])), self.terms[lang])}
                        for lang in ("en", "kk")},
        }


def _tsv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if any(r.values())]


def _lines(path: Path) -> list[str] | None:
    return path.read_text(encoding="utf-8").split("\n")[:-1] if path.is_file() else None


def expectations() -> set[tuple[str, str, int]]:
    """(slug, lang, line) of published lines enforce may change: true glossary errors."""
    return {(r["slug"], r["lang"], int(r["line"])) for r in _tsv(REAL / "enforce_expectations.tsv")}


def evaluate(matcher: Matcher) -> list[Half]:
    """Figures for each half of the split, in split.tsv order (dev first when both exist)."""
    split = {r["slug"]: r["half"] for r in _tsv(REAL / "split.tsv")}
    gold = Counter((r["slug"], int(r["line"]), r["surface"], r["entry"]) for r in _tsv(REAL / "gold_hits.tsv"))
    gold_case = {(r["slug"], int(r["line"]), r["surface"], r["entry"]): GOLD_CASES.get(r["case"], r["case"])
                 for r in _tsv(REAL / "gold_hits.tsv") if r.get("case")}
    allowed = expectations()
    halves: dict[str, Half] = {}
    for slug, half_name in split.items():
        half = halves.setdefault(half_name, Half(half_name))
        ru = _lines(REAL / slug / "ru.txt")
        if ru is None:
            continue
        half.releases += 1
        hits = [matcher.find(line) for line in ru]
        found = Counter((slug, n, h.surface, h.term.ru) for n, line_hits in enumerate(hits, 1) for h in line_hits)
        wanted = Counter({k: v for k, v in gold.items() if k[0] == slug})
        half.gold += sum(wanted.values())
        half.found += sum(found.values())
        half.correct += sum((found & wanted).values())
        half.errors += [f"spurious {k[1]}: {k[2]!r} as {k[3]!r}" for k in found - wanted]
        half.errors += [f"not found {k[1]}: {k[2]!r} ({k[3]!r})" for k in wanted - found]
        for n, line_hits in enumerate(hits, 1):
            for h in line_hits:
                key = (slug, n, h.surface, h.term.ru)
                if key in wanted and key in gold_case:
                    half.case_checked += 1
                    half.case_right += h.case == gold_case[key]
                    if h.case != gold_case[key]:
                        half.errors.append(f"case {n}: {h.surface!r} {h.case} != {gold_case[key]}")
        for lang in ("en", "kk"):
            published = _lines(REAL / slug / f"{lang}.txt")
            if published is None:
                continue
            half.published.add((slug, lang))
            for n, (line_hits, text) in enumerate(zip(hits, published), 1):
                if not text.strip():
                    continue
                fixed, results = enforce_segment(text, line_hits, lang)
                half.lines[lang] += 1
                half.terms[lang] += len(results)
                if fixed != text:
                    half.changed.setdefault(lang, []).append(
                        {"slug": slug, "line": n, "before": text, "after": fixed,
                         "expected": (slug, lang, n) in allowed})
                half.missing.setdefault(lang, []).extend(
                    {"slug": slug, "line": n, "ru": r.ru, "expected": r.expected}
                    for r in results if r.status == "missing")
    return sorted(halves.values(), key=lambda h: (h.name != "dev", h.name))


def _print(half: Half) -> None:
    data = half.to_json()
    hits = data["hits"]
    fmt = lambda v: "n/a" if v is None else f"{v:.3f}"  # noqa: E731
    print(f"== {half.name}: {half.releases} release(s)")
    print(f"Russian hits: gold {hits['gold']}, found {hits['found']}, correct {hits['correct']}; "
          f"precision {fmt(hits['precision'])}, recall {fmt(hits['recall'])}; "
          f"case {fmt(hits['case_accuracy'])} ({half.case_right}/{half.case_checked})")
    for error in hits["errors"]:
        print(f"  {error}")
    for lang, item in data["enforce"].items():
        if not item["lines"]:
            print(f"enforce {lang}: no published {lang} translation in this half")
            continue
        print(f"enforce {lang}: {len(item['changed'])} of {item['lines']} published lines changed "
              f"({len(item['unexpected'])} not in enforce_expectations.tsv); false missing "
              f"{len(item['missing'])}/{item['terms']} = {fmt(item['false_missing_share'])}")
        for change in item["changed"]:
            mark = "expected" if change["expected"] else "UNEXPECTED"
            print(f"  {mark} {change['slug']}:{change['line']}\n    - {change['before']}\n    + {change['after']}")
        for miss in item["missing"]:
            print(f"  missing {miss['slug']}:{miss['line']} {miss['ru']} (expected {miss['expected']!r})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args()
    matcher = Matcher(load_glossaries(sorted((ROOT / "glossaries").glob("*.tsv"))))
    halves = evaluate(matcher)
    if args.json:
        print(json.dumps([h.to_json() for h in halves], ensure_ascii=False, indent=2))
        return
    for half in halves:
        _print(half)


if __name__ == "__main__":
    main()
