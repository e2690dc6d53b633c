"""Checks on the real official releases in `tests/data/real/`: provenance, layout and gold consistency.

The terminology figures (bench/real_terms.py, bench/suggest_real.py) are scored against these files, so
a release of unknown origin, a misaligned translation or a gold row that no longer points at its text
would silently skew them. These tests only read files and run in well under a second.
"""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import bench_module

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "real"

#: The state bodies' own sites, and the state media whose reprints the data rule admits.
OFFICIAL = ("akorda.kz", "primeminister.kz", "gov.kz", "parlam.kz", "adilet.zan.kz")
STATE_MEDIA = ("inform.kz", "qazinform.com", "kazpravda.kz", "egemen.kz", "khabar.kz")
CASES = {"nomn", "gent", "datv", "accs", "ablt", "loct"}
KINDS = {"person", "place", "body", "title", "other"}
LANGS = ("ru", "en", "kk")
HALVES = bench_module("real_terms").HALVES

RELEASES = sorted(p for p in REAL.iterdir() if p.is_dir()) if REAL.is_dir() else []


def _host_in(url: str, domains: tuple[str, ...]) -> bool:
    host = urlparse(url).hostname or ""
    return any(host == d or host.endswith("." + d) for d in domains)


def _meta(release: Path) -> dict:
    return tomllib.loads((release / "source.toml").read_text(encoding="utf-8"))


def _lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8")
    return text[:-1].split("\n") if text.endswith("\n") else text.split("\n")


def test_the_set_is_as_large_as_issue_17_asks() -> None:
    """At least 25 releases with their published English and 12 with their published Kazakh, in both halves.

    Further halves ("fresh" to "fresh85") hold releases collected later and blind to the tool (README: "Halves")."""
    metas = [_meta(r) for r in RELEASES]
    assert sum("en" in m["languages"] for m in metas) >= 25
    assert sum("kk" in m["languages"] for m in metas) >= 12
    halves = {m["half"] for m in metas}
    assert {"dev", "heldout"} <= halves <= set(HALVES)


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.name)
def test_release_names_its_sources_and_is_aligned(release: Path) -> None:
    meta = _meta(release)
    assert meta.get("date") and meta.get("body"), f"{release.name}: source.toml needs body and date"
    assert meta.get("half") in HALVES, f"{release.name}: half {meta.get('half')!r}"
    langs = meta.get("languages", [])
    assert "ru" in langs and set(langs) <= set(LANGS), f"{release.name}: languages {langs}"
    ru_count = len(_lines(release / "ru.txt"))
    for lang in LANGS:
        path = release / f"{lang}.txt"
        assert path.is_file() == (lang in langs), f"{release.name}: {lang}.txt vs languages {langs}"
        if not path.is_file():
            continue
        url = meta[lang]["url"]
        # A copy from any other site is named in the note, which says why it is kept (README: "Sources").
        site = (urlparse(url).hostname or "").split(".")[-2]
        assert _host_in(url, OFFICIAL + STATE_MEDIA) or site in meta.get("note", "").lower(), \
            f"{release.name}: {lang} url {url} is neither a state body's site nor state media, and the note " \
            f"does not name {site!r}"
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw, f"{path}: BOM or CR"
        lines = _lines(path)
        assert len(lines) == ru_count, f"{path}: {len(lines)} lines, ru.txt has {ru_count}"
        for i, line in enumerate(lines, 1):
            assert line == line.strip() and "\t" not in line, f"{path}:{i} stray whitespace"
            assert line or lang != "ru", f"{path}:{i} blank Russian line"


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.name)
def test_gold_points_at_its_text(release: Path) -> None:
    lines = _lines(release / "ru.txt")
    with open(release / "gold.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows, f"{release.name}: gold.tsv is empty"
    problems = []
    for n, row in enumerate(rows, 2):
        number = int(row["line"])
        line = lines[number - 1] if 0 < number <= len(lines) else ""
        if row["surface"] not in line:
            problems.append(f"gold.tsv:{n} {row['surface']!r} not in ru.txt:{number}")
        if row["case"] not in CASES or row["kind"] not in KINDS or not row["entity"].strip():
            problems.append(f"gold.tsv:{n} case {row['case']!r}, kind {row['kind']!r}, entity {row['entity']!r}")
    assert not problems, f"{release.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.name)
def test_expected_changes_name_whole_published_lines(release: Path) -> None:
    """An expectations.tsv row records either a true `missing` (`after` "(missing)", `before` the
    entry) or a change to a whole published line (`before` exactly that line), as bench/real_terms.py
    compares them: a row naming a fragment ("governor" → "akim") would count the right change as
    unexpected."""
    path = release / "expectations.tsv"
    if not path.is_file():
        return
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    problems = []
    for n, row in enumerate(rows, 2):
        if row["after"] == "(missing)":
            continue
        lines = _lines(release / f"{row['lang']}.txt") if (release / f"{row['lang']}.txt").is_file() else []
        number = int(row["line"])
        if not (0 < number <= len(lines) and lines[number - 1] == row["before"]):
            problems.append(f"expectations.tsv:{n}: before is not {row['lang']}.txt:{number} as published")
    assert not problems, f"{release.name}:\n" + "\n".join(problems)
