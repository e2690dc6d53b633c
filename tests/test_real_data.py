"""Checks on the real official releases in `tests/data/real/`: provenance, layout and gold consistency.

The terminology tests score the pipeline against these files, so a release from a non-official site, a
misaligned translation or a gold hit that no longer points at its text would silently skew the figures.
These tests only read files and run in well under a second.
"""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "real"
GLOSSARIES = ROOT / "glossaries"

OFFICIAL_DOMAINS = ("akorda.kz", "primeminister.kz", "gov.kz", "parlam.kz")
CASES = {"nomn", "gent", "datv", "accs", "ablt", "loct"}
LANGS = ("ru", "en", "kk")

RELEASES = sorted(p for p in REAL.iterdir() if p.is_dir()) if REAL.is_dir() else []


def _official(url: str) -> bool:
    host = urlparse(url).hostname or ""
    return any(host == d or host.endswith("." + d) for d in OFFICIAL_DOMAINS)


def _tsv(name: str) -> list[dict[str, str]]:
    with open(REAL / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8")
    return text[:-1].split("\n") if text.endswith("\n") else text.split("\n")


def test_real_set_present():
    assert (REAL / "README.md").is_file()
    assert RELEASES, "no release folders in tests/data/real/"


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.name)
def test_release_is_official_and_clean(release: Path):
    meta = tomllib.loads((release / "source.toml").read_text(encoding="utf-8"))
    assert meta.get("date") and meta.get("body"), f"{release.name}: source.toml needs body and date"
    langs = meta.get("languages", [])
    assert "ru" in langs and set(langs) <= set(LANGS), f"{release.name}: languages {langs}"
    ru_count = len(_lines(release / "ru.txt"))
    for lang in LANGS:
        path = release / f"{lang}.txt"
        assert path.is_file() == (lang in langs), f"{release.name}: {lang}.txt vs languages {langs}"
        if not path.is_file():
            continue
        url = meta[lang]["url"]
        assert _official(url), f"{release.name}: {lang} url {url} is not a state body's site"
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw, f"{path}: BOM or CR"
        lines = _lines(path)
        assert len(lines) == ru_count, f"{path}: {len(lines)} lines, ru.txt has {ru_count}"
        for i, line in enumerate(lines, 1):
            assert line == line.strip() and "\t" not in line, f"{path}:{i} stray whitespace"
            assert line or lang != "ru", f"{path}:{i} blank Russian line"


def test_split_covers_every_release_once():
    rows = _tsv("split.tsv")
    slugs = [r["slug"] for r in rows]
    assert sorted(slugs) == [p.name for p in RELEASES]
    assert {r["half"] for r in rows} <= {"dev", "heldout"}


def _glossary_ru() -> set[str]:
    entries = set()
    for path in sorted(GLOSSARIES.glob("*.tsv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            entries |= {(r.get("ru") or "").strip() for r in csv.DictReader(fh, delimiter="\t")}
    return entries


def test_gold_hits_point_at_their_text_and_entry():
    entries = _glossary_ru()
    problems = []
    for n, row in enumerate(_tsv("gold_hits.tsv"), 2):
        lines = _lines(REAL / row["slug"] / "ru.txt")
        line = lines[int(row["line"]) - 1] if 0 < int(row["line"]) <= len(lines) else ""
        if row["surface"] not in line:
            problems.append(f"gold_hits.tsv:{n} {row['surface']!r} not in {row['slug']}:{row['line']}")
        if row["entry"] not in entries:
            problems.append(f"gold_hits.tsv:{n} entry {row['entry']!r} not in glossaries/*.tsv")
        if row["case"] not in CASES:
            problems.append(f"gold_hits.tsv:{n} case {row['case']!r}")
    assert not problems, "\n".join(problems)


def test_missing_entries_cite_official_pages():
    for n, row in enumerate(_tsv("missing_entries.tsv"), 2):
        assert row["ru"].strip(), f"missing_entries.tsv:{n} has no ru"
        assert _official(row["url"]), f"missing_entries.tsv:{n} url {row['url']}"
