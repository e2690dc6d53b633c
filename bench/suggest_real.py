"""`glossary suggest` on the real releases (tests/data/real/<slug>/): recall of the names the gold
marks and the glossary lacks, and false candidates per release.

For each half (source.toml's `half`: one of real_terms.HALVES) separately it prints:
- recall: of the gold rows of kind person, place or body whose `entity` is not the `ru` (nor one
  of the `ru_variants`) of any loaded glossary entry (each distinct entity of a release once), the
  share for which `suggest`
  proposes exactly that entity (same dictionary form; `name_key`: case, ё, quotation marks and Kazakh
  letters for Russian ones do not count, as collectors write "партия «Ауыл»" or "партия Ауыл"); `located` also
  counts a candidate with another form whose mention covers the gold span;
- false candidates per release: candidates whose form is no gold entity of the release (any kind)
  and none of whose mentions overlaps a gold mention.

Each release is suggested on alone (ru.txt) against the shipped glossaries.

    python bench/suggest_real.py [--half dev|heldout|fresh|fresh2|…|fresh85] [--json FILE] [-v]

Tune on dev only; the heldout figures are the ones to report, `fresh` to `fresh85` the blind ones.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.glossary.load import load_glossaries  # noqa: E402
from pipeline.glossary.sources import glossary_paths  # noqa: E402
from pipeline.glossary.suggest import Candidate, name_key, suggest  # noqa: E402
from real_terms import HALVES, REAL  # noqa: E402  (bench/ is on sys.path as the script's folder)

COUNTED = ("person", "place", "body")


@dataclass
class Half:
    name: str
    releases: int = 0
    absent: int = 0
    found: int = 0
    located: int = 0
    candidates: int = 0
    false: int = 0
    missed: list[str] = field(default_factory=list)
    false_list: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        ratio = lambda a, b: round(a / b, 4) if b else None  # noqa: E731
        return {"half": self.name, "releases": self.releases, "absent_entities": self.absent,
                "found": self.found, "recall": ratio(self.found, self.absent),
                "located": self.located, "recall_located": ratio(self.located, self.absent),
                "candidates": self.candidates, "false_candidates": self.false,
                "false_per_release": ratio(self.false, self.releases),
                "missed": self.missed, "false": self.false_list}


def _gold(folder: Path) -> list[dict]:
    with (folder / "gold.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _spans(rows: list[dict], lines: list[str]) -> list[tuple[int, int, int, str]]:
    """(line, start, end, entity key) of each gold mention, found in its line."""
    out, taken = [], set()
    for r in rows:
        line = int(r["line"])
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        at = text.find(r["surface"])
        while at >= 0 and (line, at) in taken:
            at = text.find(r["surface"], at + 1)
        if at >= 0:
            taken.add((line, at))
            out.append((line, at, at + len(r["surface"]), name_key(r["entity"])))
    return out


def _overlaps(cand: Candidate, spans: list[tuple[int, int, int, str]], lines: list[str]) -> set[str]:
    """Entity keys of the gold mentions that a mention of `cand` overlaps."""
    hit = set()
    for m in cand.mentions:
        if m.line is None:
            continue
        offset = lines[m.line - 1].find(m.sentence) if 0 < m.line <= len(lines) else -1
        if offset < 0:
            continue
        start, end = offset + m.start, offset + m.end
        hit |= {key for line, a, b, key in spans if line == m.line and a < end and start < b}
    return hit


def run(halves: list[str], verbose: bool) -> dict[str, Half]:
    glossary = load_glossaries(glossary_paths([]))
    entries = {name_key(form) for t in glossary.terms for form in (t.ru, *t.ru_variants)}
    results = {h: Half(h) for h in halves}
    for folder in sorted(p for p in REAL.iterdir() if (p / "gold.tsv").is_file() and (p / "source.toml").is_file()):
        half = tomllib.loads((folder / "source.toml").read_text(encoding="utf-8")).get("half")
        if half not in results:
            continue
        res = results[half]
        res.releases += 1
        rows = _gold(folder)
        lines = (folder / "ru.txt").read_text(encoding="utf-8").split("\n")
        spans = _spans(rows, lines)
        gold_keys = {name_key(r["entity"]) for r in rows}
        absent = {name_key(r["entity"]): r["entity"] for r in rows
                  if r["kind"] in COUNTED and name_key(r["entity"]) not in entries}
        cands = suggest([folder / "ru.txt"], glossary)
        proposed = {name_key(c.lemma) for c in cands}
        located = set().union(*(_overlaps(c, spans, lines) for c in cands)) if cands else set()
        res.absent += len(absent)
        for key, entity in absent.items():
            res.found += key in proposed
            res.located += key in proposed or key in located
            if key not in proposed:
                res.missed.append(f"{folder.name}: {entity}" + (" (located)" if key in located else ""))
        res.candidates += len(cands)
        for c in cands:
            if name_key(c.lemma) not in gold_keys and not _overlaps(c, spans, lines):
                res.false += 1
                res.false_list.append(f"{folder.name}: {c.kind} {c.lemma!r} at {c.example.where}")
        if verbose:
            print(f"{folder.name} [{half}]: " + "; ".join(f"{c.kind} {c.lemma} ×{c.count}" for c in cands))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=HALVES, action="append")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every release's candidates")
    args = parser.parse_args()
    results = {h: r for h, r in run(args.half or list(HALVES), args.verbose).items() if r.releases}
    for res in results.values():
        fig = res.to_json()
        print(f"{res.name}: {res.releases} releases; recall {res.found}/{res.absent} = {fig['recall']} "
              f"(located {res.located}/{res.absent} = {fig['recall_located']}); "
              f"{res.candidates} candidates, false {res.false} = {fig['false_per_release']} per release")
        for line in res.missed:
            print(f"  missed  {line}")
        for line in res.false_list:
            print(f"  false   {line}")
    if args.json:
        args.json.write_text(json.dumps({h: r.to_json() for h, r in results.items()}, ensure_ascii=False,
                                        indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
