"""Checks on the shipped sample set in `samples/`: layout, encoding, alignment and scripts.

Every `samples/<name>/` holds `ru.txt` (the Russian release) and its line-aligned references
`en.txt` and `kk.txt`. These tests only read files; they need no models and run in well under a second.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT / ".." / "shared"
SEED = SHARED / "data" / "seed" / "ekibastuz-monotowns.ru.txt"
FLORES_DEV = SHARED / "data" / "flores200"

LANGS = ("ru", "en", "kk")
CYRILLIC = re.compile(r"[\u0400-\u04FF\u0500-\u052F]")
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
RUSSIAN_ONLY = re.compile(r"[ёЁъЪщЩ]")  # letters that standard Kazakh writes only in Russian loans

GLOSSARIES = ROOT / "glossaries"
REAL_DATA = ROOT / "tests" / "data" / "real"

# Real releases: sample -> (release in tests/data/real/, its lines kept, 1-based). Every line is copied
# verbatim from that release's ru/en/kk.txt; the kept lines are those with all three languages.
REAL = {
    "akorda-shymkent-akim-2020": ("akorda-shymkent-akim-aitenov-2020-10-06", (1, 2, 3, 4, 5)),
    "akorda-shymkent-akim-2023": ("akorda-shymkent-akim-aitenov-2023-02-23", (1, 3, 4, 5, 6, 7, 8)),
    "akorda-shymkent-akim-2024": ("akorda-shymkent-akim-syzdykbekov-2024-01-16", (1, 3, 4, 5, 6, 7)),
    "akorda-turkestan-akim-2026": ("akorda-turkestan-akim-kusherov-2026-03-10", (3, 4, 5, 6, 7, 8)),
    "gov-abai-new-akim-2025": ("gov-abai-new-akim-uali-2025-02-24", (1, 2, 3, 4, 5)),
    "gov-social-support-2025": ("gov-session-address-social-support-2025-09-09", (1, 3, 5, 6)),
    "mfa-senate-vatican-2025": ("mfa-senate-chairman-vatican-visit-2025-12-09", (2, 3, 4, 5, 6)),
}

SAMPLE_DIRS = sorted(p for p in SAMPLES.iterdir()
                     if p.is_dir() and not p.name.startswith(("_", "."))) if SAMPLES.is_dir() else []
RELEASE_DIRS = [p for p in SAMPLE_DIRS if p.name != "flores-dev-slice"]
# Releases whose references were translated in this project (the seed's): held to the glossaries' spellings.
# The real releases' references are the published translations, kept verbatim (checked against their source).
WRITTEN_DIRS = [p for p in RELEASE_DIRS if p.name not in REAL]


def _raw(path: Path) -> bytes:
    return path.read_bytes()


def _lines(path: Path) -> list[str]:
    """The file's lines; a single final newline is optional (the seed is copied verbatim without one)."""
    text = _raw(path).decode("utf-8")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n")


def test_sample_set_present():
    assert SAMPLES.is_dir()
    assert (SAMPLES / "README.md").is_file()
    names = {p.name for p in SAMPLE_DIRS}
    assert {"ekibastuz-monotowns", "flores-dev-slice"} <= names
    assert len(RELEASE_DIRS) >= 8, f"expected at least 8 press releases, found {len(RELEASE_DIRS)}"


@pytest.mark.parametrize("sample", SAMPLE_DIRS, ids=lambda p: p.name)
def test_layout_and_encoding(sample: Path):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", sample.name), "sample names are lower-case slugs"
    for lang in LANGS:
        path = sample / f"{lang}.txt"
        assert path.is_file(), f"{path} missing"
        raw = _raw(path)
        assert raw, f"{path} is empty"
        assert not raw.startswith(b"\xef\xbb\xbf"), f"{path} starts with a BOM"
        assert b"\r" not in raw, f"{path} has CR line endings"
        text = raw.decode("utf-8")  # raises on invalid UTF-8
        assert "\ufeff" not in text
        assert not text.endswith("\n\n"), f"{path} ends with a blank line"
        for i, line in enumerate(_lines(path), 1):
            assert line.strip(), f"{path}:{i} is blank"
            if sample.name != "flores-dev-slice":  # FLORES is copied verbatim, stray spaces included
                assert line == line.strip(), f"{path}:{i} has leading/trailing whitespace"
            assert "\t" not in line, f"{path}:{i} has a tab"


@pytest.mark.parametrize("sample", SAMPLE_DIRS, ids=lambda p: p.name)
def test_references_line_aligned(sample: Path):
    counts = {lang: len(_lines(sample / f"{lang}.txt")) for lang in LANGS}
    assert len(set(counts.values())) == 1, f"{sample.name}: line counts differ {counts}"


@pytest.mark.parametrize("sample", RELEASE_DIRS, ids=lambda p: p.name)
def test_release_length(sample: Path):
    # 4-8 paragraphs of text; the seed adds a one-line photo credit.
    n = len(_lines(sample / "ru.txt"))
    assert 4 <= n <= 8, f"{sample.name}: {n} paragraphs"


@pytest.mark.parametrize("sample", SAMPLE_DIRS, ids=lambda p: p.name)
def test_scripts(sample: Path):
    for i, line in enumerate(_lines(sample / "ru.txt"), 1):
        assert CYRILLIC.search(line), f"{sample.name}/ru.txt:{i} has no Cyrillic"
    for i, line in enumerate(_lines(sample / "en.txt"), 1):
        assert not CYRILLIC.search(line), f"{sample.name}/en.txt:{i} contains Cyrillic"
        assert re.search(r"[A-Za-z]", line), f"{sample.name}/en.txt:{i} has no Latin letters"
    kk_lines = _lines(sample / "kk.txt")
    kk_text = "\n".join(kk_lines)
    assert KAZAKH_LETTERS & set(kk_text), f"{sample.name}/kk.txt has no Kazakh-specific letters"
    for i, line in enumerate(kk_lines, 1):
        assert CYRILLIC.search(line), f"{sample.name}/kk.txt:{i} has no Cyrillic"


@pytest.mark.parametrize("sample", RELEASE_DIRS, ids=lambda p: p.name)
def test_written_kazakh_is_kazakh(sample: Path):
    """Every line of text has a Kazakh letter and none is a Russian line left in (our own references:
    no ё/ъ/щ either)."""
    kk = _lines(sample / "kk.txt")
    ru = _lines(sample / "ru.txt")
    for i, (k, r) in enumerate(zip(kk, ru), 1):
        assert k != r, f"{sample.name}/kk.txt:{i} equals the Russian source"
        if len(k) > 40:
            assert KAZAKH_LETTERS & set(k), f"{sample.name}/kk.txt:{i} has no Kazakh-specific letters"
            if sample.name not in REAL:  # published Kazakh keeps its loans (субъект), verbatim
                assert not RUSSIAN_ONLY.search(k), f"{sample.name}/kk.txt:{i} has ё/ъ/щ (Russian spelling?)"


@pytest.mark.parametrize("sample", SAMPLE_DIRS, ids=lambda p: p.name)
def test_no_line_reads_as_a_hard_wrap(sample: Path):
    """The reader joins a line into the previous one when that has no sentence end and this one starts
    in lower case; no sample line may look like that, or paragraphs would stop matching the references."""
    sentence_end = re.compile(r"[.!?…:;»\"”)\]]\s*$")
    lines = _lines(sample / "ru.txt")
    for i, (prev, line) in enumerate(zip(lines, lines[1:]), 2):
        assert sentence_end.search(prev) or not line.lstrip()[:1].islower(), f"{sample.name}/ru.txt:{i}"


def test_seed_is_verbatim():
    if not SEED.is_file():
        pytest.skip(f"shared data not available at {SEED}")
    assert (SAMPLES / "ekibastuz-monotowns" / "ru.txt").read_bytes() == SEED.read_bytes()


def test_flores_slice_is_first_40_dev_lines():
    if not (FLORES_DEV / "dev.ru").is_file():
        pytest.skip(f"shared data not available at {FLORES_DEV}")
    for lang in LANGS:
        with open(FLORES_DEV / f"dev.{lang}", encoding="utf-8", newline="") as fh:
            expected = [next(fh).rstrip("\n") for _ in range(40)]
        assert _lines(SAMPLES / "flores-dev-slice" / f"{lang}.txt") == expected, lang
    attribution = (SAMPLES / "flores-dev-slice" / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for needle in ("FLORES-200", "CC-BY-SA 4.0", "dev.ru", "1-40"):
        assert needle in attribution, needle


def test_seed_references_use_official_forms():
    """Spot-check the official spellings of names and titles in the seed release's references."""
    d = SAMPLES / "ekibastuz-monotowns"
    en = (d / "en.txt").read_text(encoding="utf-8")
    kk = (d / "kk.txt").read_text(encoding="utf-8")
    for form in ("Olzhas Bektenov", "Ekibastuz", "Karaganda region", "Prime Minister", "akim",
                 "single-industry town", "138 billion tenge", "1.5 million", "Ministry of National Economy"):
        assert form in en, form
    for form in ("Олжас Бектенов", "Екібастұз", "Қарағанды облысына", "Премьер-министр", "әкімі",
                 "моноқала", "138 миллиард теңге", "1,5 миллион", "Ұлттық экономика министрлігінің",
                 "Екібастұзда", "Саранда"):
        assert form in kk, form


def _glossary_rows() -> list[dict[str, str]]:
    """Rows of the shipped glossaries/*.tsv, read with csv (independent of pipeline.glossary)."""
    rows = []
    for path in sorted(GLOSSARIES.glob("*.tsv")) if GLOSSARIES.is_dir() else []:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if (row.get("ru") or "").strip() and not row["ru"].lstrip().startswith("#"):
                    rows.append({k: (v or "").strip() for k, v in row.items() if k})
    return rows


def _aligned(sample: Path) -> list[tuple[str, str, str]]:
    return list(zip(*(_lines(sample / f"{lang}.txt") for lang in LANGS)))


def test_references_avoid_glossary_avoid_forms():
    """No reference translated in this project uses a spelling the glossaries list under en_avoid/kk_avoid
    (the real releases' published references are verbatim and may: 'Shymkent Mayor', 'Nur-Sultan')."""
    rows = _glossary_rows()
    if not rows:
        pytest.skip("no glossaries/*.tsv yet")
    problems = []
    for row in rows:
        for lang, col in (("en", "en_avoid"), ("kk", "kk_avoid")):
            for bad in filter(None, (x.strip() for x in row.get(col, "").split("|"))):
                pattern = re.compile(rf"(?<!\w){re.escape(bad)}(?!\w)", re.IGNORECASE)
                for sample in WRITTEN_DIRS:
                    for i, line in enumerate(_lines(sample / f"{lang}.txt"), 1):
                        if pattern.search(line):
                            problems.append(f"{sample.name}/{lang}.txt:{i} uses {bad!r} ({row['ru']})")
    assert not problems, "\n".join(problems)


def test_references_use_glossary_person_names():
    """Where a Russian line names a glossary person (surname in any case: its nominative is a prefix of
    every declined form), the English line has the glossary's English name and the Kazakh line the
    glossary's Kazakh name (Kazakh inflects only the surname, by suffix, so the name stays a prefix).
    References translated in this project only: a published translation may name a person by surname."""
    persons = [r for r in _glossary_rows() if r.get("type") == "person"]
    if not persons:
        pytest.skip("no person entries in glossaries/*.tsv yet")
    problems = []
    for sample in WRITTEN_DIRS:
        for i, (ru, en, kk) in enumerate(_aligned(sample), 1):
            for row in persons:
                surname = row["ru"].split()[-1]
                if not re.search(rf"(?<!\w){re.escape(surname)}", ru):
                    continue
                if row.get("en") and row["en"] not in en:
                    problems.append(f"{sample.name}/en.txt:{i} lacks {row['en']!r}")
                if row.get("kk") and row["kk"] not in kk:
                    problems.append(f"{sample.name}/kk.txt:{i} lacks {row['kk']!r}")
    assert not problems, "\n".join(problems)


def test_every_release_but_the_seed_is_a_real_one():
    """No release written for testing ships under real names: every sample other than the seed and the
    FLORES slice is a real release listed in REAL, and the seed is the only one with references of ours."""
    assert [p.name for p in WRITTEN_DIRS] == ["ekibastuz-monotowns"]
    assert {p.name for p in RELEASE_DIRS} == {"ekibastuz-monotowns", *REAL}


@pytest.mark.parametrize("sample", sorted(REAL), ids=str)
def test_real_release_is_copied_verbatim_from_its_source(sample: str):
    """Each line of ru/en/kk.txt is the same line of the release in tests/data/real/, byte for byte, and
    the lines left out are exactly those missing in one of the three languages there."""
    release, kept = REAL[sample]
    source = REAL_DATA / release
    if not source.is_dir():
        pytest.skip(f"real data not available at {source}")
    published = {lang: (source / f"{lang}.txt").read_text(encoding="utf-8").split("\n") for lang in LANGS}
    complete = tuple(i for i in range(1, len(published["ru"]) + 1)
                     if all(i <= len(published[lang]) and published[lang][i - 1].strip() for lang in LANGS))
    assert kept == complete, f"{sample}: kept {kept}, lines with ru, en and kk in {release}: {complete}"
    for lang in LANGS:
        assert _lines(SAMPLES / sample / f"{lang}.txt") == [published[lang][i - 1] for i in kept], (sample, lang)


@pytest.mark.parametrize("sample", sorted(REAL), ids=str)
def test_readme_gives_each_real_release_its_source(sample: str):
    """samples/README.md names the release, its date and the URL of each language (from source.toml)."""
    import tomllib

    release, _ = REAL[sample]
    toml = REAL_DATA / release / "source.toml"
    if not toml.is_file():
        pytest.skip(f"real data not available at {toml}")
    meta = tomllib.loads(toml.read_text(encoding="utf-8"))
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    row = next((line for line in readme.splitlines() if line.startswith(f"| `{sample}` |")), None)
    assert row is not None, f"README has no contents row for {sample}"
    assert release in row and meta["date"] in row, sample
    for lang in LANGS:
        assert meta[lang]["url"] in readme, (sample, lang)


FORMAT_SAMPLES = sorted(p for d in RELEASE_DIRS for p in d.glob("ru.*") if p.suffix != ".txt")


@pytest.mark.parametrize("document", FORMAT_SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_format_sample_pairs_each_reference_line_with_its_plain_text(document: Path):
    """`pressmt evaluate` reads a .docx/.html/.md sample's paragraphs, markup removed, as the lines of
    ru.txt: the same text is scored against the same references, bold names and links included."""
    from pipeline.formats import read_document
    from pipeline.quality.samples import paragraph_texts

    doc = read_document(document)
    assert paragraph_texts(doc, [s.source for s in doc.segments]) == _lines(document.parent / "ru.txt")


def test_the_markdown_sample_carries_inline_markup():
    """The Markdown sample has a bold name and a link, so the pairing above is tested on markup."""
    (markdown,) = [p for p in FORMAT_SAMPLES if p.suffix == ".md"]
    text = markdown.read_text(encoding="utf-8")
    assert re.search(r"\*\*[^*]+\*\*", text) and re.search(r"\]\(<https://[^>]+>\)", text)
