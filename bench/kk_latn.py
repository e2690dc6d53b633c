"""Kazakh Latin transliteration against the state media's published Latin text.

For every release in tests/data/kk_latn/<slug>/ (kk.txt: the Cyrillic sentences, kk-Latn.txt: the
same sentences as the publisher's Latin edition printed them, line for line) it transliterates each
Cyrillic line with pipeline.languages.kazakh_latin in every scheme and counts, per scheme, the
published words our output reproduces exactly (both sides tokenised the same way: split on
white space, punctuation stripped from the ends of each word; words paired with difflib).

    python bench/kk_latn.py [--json FILE]

It prints the agreement per release and per scheme and, for the default scheme, every differing
word grouped by its likely cause:
- publisher: the published word holds a Cyrillic letter or a combining mark, converter slips the
  same publisher does not make elsewhere ("Іshki", "О́tken");
- loanword: the Cyrillic word holds a letter the decree's table leaves out (ё ц щ ъ ь э ю я),
  where publishers differ (Kazinform ц → ts, Egemen Qazaqstan ц → s);
- name: a capitalised word inside the sentence, spelled the bearer's own way; a glossary's
  kk-Latn column would fix these;
- bug: anything else, i.e. our rule is wrong.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pipeline.languages.kazakh_latin import DEFAULT_SCHEME, SCHEMES, transliterate  # noqa: E402
from throughput import write_json  # noqa: E402

DATA = ROOT / "tests" / "data" / "kk_latn"
LOAN_LETTERS = frozenset("ёцщъьэюя")
CAUSES = ("loanword", "name", "publisher", "bug")


@dataclass(frozen=True)
class Release:
    slug: str
    cyrillic: list[str]
    latin: list[str]


@dataclass(frozen=True)
class Difference:
    slug: str
    line: int
    cyrillic: str
    ours: str
    published: str
    cause: str


def releases(root: Path = DATA) -> list[Release]:
    """Every release under `root`; kk.txt and kk-Latn.txt must have the same number of lines."""
    out = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        tomllib.loads((folder / "source.toml").read_text(encoding="utf-8"))  # must parse
        kk = (folder / "kk.txt").read_text(encoding="utf-8").splitlines()
        latn = (folder / "kk-Latn.txt").read_text(encoding="utf-8").splitlines()
        if len(kk) != len(latn):
            raise SystemExit(f"{folder}: kk.txt has {len(kk)} lines, kk-Latn.txt {len(latn)}")
        out.append(Release(folder.name, kk, latn))
    return out


def words(line: str) -> list[str]:
    """The words of `line`: white-space separated, punctuation and symbols stripped from each end."""
    out = []
    for token in line.split():
        start, end = 0, len(token)
        while start < end and unicodedata.category(token[start])[0] in "PS":
            start += 1
        while end > start and unicodedata.category(token[end - 1])[0] in "PS":
            end -= 1
        if start < end:
            out.append(token[start:end])
    return out


def classify(cyrillic: str, ours: str, published: str, first: bool) -> str:
    """The likely cause of one differing word (see the module docstring)."""
    if any(unicodedata.category(ch) == "Mn" or "CYRILLIC" in unicodedata.name(ch, "")
           for ch in published):
        return "publisher"
    if LOAN_LETTERS & set(cyrillic.lower()):
        return "loanword"
    if cyrillic[:1].isupper() and not first:
        return "name"
    return "bug"


def compare(rels: list[Release], scheme: str) -> tuple[int, int, list[Difference]]:
    """(published words, words we reproduce, the differing word pairs) for `scheme`."""
    total = right = 0
    diffs: list[Difference] = []
    for rel in rels:
        for number, (kk, latn) in enumerate(zip(rel.cyrillic, rel.latin), start=1):
            source, ours, published = words(kk), words(transliterate(kk, scheme)), words(latn)
            total += len(published)
            matcher = difflib.SequenceMatcher(a=ours, b=published, autojunk=False)
            for tag, a0, a1, b0, b1 in matcher.get_opcodes():
                if tag == "equal":
                    right += a1 - a0
                    continue
                for k in range(max(a1 - a0, b1 - b0)):
                    o = ours[a0 + k] if a0 + k < a1 else ""
                    p = published[b0 + k] if b0 + k < b1 else ""
                    c = source[a0 + k] if a0 + k < a1 else ""
                    diffs.append(Difference(rel.slug, number, c, o, p, classify(c, o, p, a0 + k == 0)))
    return total, right, diffs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the figures and differences here")
    args = parser.parse_args(argv)
    rels = releases()
    sentences = sum(len(r.cyrillic) for r in rels)
    print(f"{len(rels)} releases, {sentences} aligned sentences")
    result: dict = {"releases": len(rels), "sentences": sentences, "schemes": {}}
    for rel in rels:
        total, right, _ = compare([rel], DEFAULT_SCHEME)
        print(f"  {rel.slug}: {len(rel.cyrillic)} sentences, {right}/{total} words")
    for scheme in SCHEMES:
        total, right, diffs = compare(rels, scheme)
        share = right / total if total else 0.0
        mark = " (default)" if scheme == DEFAULT_SCHEME else ""
        print(f"scheme {scheme}{mark}: {right}/{total} published words reproduced = {share:.2%}")
        result["schemes"][scheme] = {"words": total, "right": right, "agreement": round(share, 4)}
        if scheme == DEFAULT_SCHEME:
            result["differences"] = [d.__dict__ for d in diffs]
            grouped: dict[str, list[Difference]] = defaultdict(list)
            for d in diffs:
                grouped[d.cause].append(d)
    for cause in CAUSES:
        print(f"\n{cause}: {len(grouped[cause])}")
        for d in grouped[cause]:
            print(f"  {d.slug}:{d.line}  {d.cyrillic} -> ours {d.ours!r}, published {d.published!r}")
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
