"""Kazakh Latin transliteration: published state-media sentences, letter case, schemes, and the
agreement floor on tests/data/kk_latn (figures from bench/kk_latn.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import bench_module

from pipeline.languages.kazakh_latin import DEFAULT_SCHEME, SCHEMES, transliterate

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "kk_latn"

# Measured with `python bench/kk_latn.py` on the committed data; the floor leaves a small margin.
AGREEMENT_FLOOR = 0.98


def _bench():
    return bench_module("kk_latn")


def _line(slug: str, name: str, number: int) -> str:
    return (DATA / slug / name).read_text(encoding="utf-8").splitlines()[number - 1]


# Every committed published line: the default scheme reproduces each byte for byte. Together they
# cover ә ғ ң ө ұ ү і ы у, и/й → ı, ц → ts, я → ıa, capitals (И, Я, Ә, Қ), guillemets, dashes,
# digits and Latin passing through ("Ashyq", "KAZINFORM").
PUBLISHED = [
    *(("egemen-vaccine-entertainment-centres-2021-11-10", n) for n in range(1, 6)),
    *(("kazinform-lockdown-health-minister-2021", n) for n in range(1, 5)),
    *(("kazinform-astana-second-airport-2025-12-22", n) for n in range(1, 9)),
    ("kazinform-president-greenline-boulevard-2025-10-11", 1),
]


@pytest.mark.parametrize(("slug", "number"), PUBLISHED)
def test_published_sentence_reproduced(slug: str, number: int) -> None:
    assert transliterate(_line(slug, "kk.txt", number)) == _line(slug, "kk-Latn.txt", number)


def test_default_is_the_decree_alphabet_state_media_use() -> None:
    assert DEFAULT_SCHEME == "2018"
    assert transliterate("Қазақстан Республикасының Президенті") == "Qazaqstan Respýblıkasynyń Prezıdenti"


def test_russian_only_letters_follow_the_publishers() -> None:
    assert transliterate("Конституцияның, бюджет, Витальевич, объект, экономика") == (
        "Konstıtýtsııanyń, bıýdjet, Vıtalevıch, obekt, ekonomıka")
    # Egemen Qazaqstan's converter writes ц as s ("Federasııasynyń"); Kazinform writes ts.
    assert transliterate("Федерациясының", "2018-egemen") == "Federasııasynyń"
    assert transliterate("Федерациясының") == "Federatsııasynyń"


def test_letter_case_title_upper_and_digraphs() -> None:
    assert transliterate("Шымкент") == "Shymkent"
    assert transliterate("ШЫМКЕНТ") == "ShYMKENT"
    # As the publishers print digraphs inside words in capitals (Kazinform 11.09.2023 "ShQO-da";
    # Egemen Qazaqstan 30.04.2024 "Qonysbaı ShEJIMBAI").
    assert transliterate("ШҚО-да") == "ShQO-da"
    assert transliterate("Қонысбай ШЕЖІМБАЙ") == "Qonysbaı ShEJIMBAI"
    assert transliterate("Чехия, ЧЕХИЯ") == "Chehııa, ChEHIIa"
    assert transliterate("Яғни, ЮНЕСКО-ның") == "Iaǵnı, IýNESKO-nyń"
    assert transliterate("ҚР ДСМ жауабы") == "QR DSM jaýaby"
    assert transliterate("Ирак пен Іле, ІШКІ") == "Irak pen Ile, IShKI"
    assert transliterate("ӘЛЕМ, Өскемен, ҰЛТ, Үкімет") == "ÁLEM, Óskemen, ULT, Úkimet"


def test_non_cyrillic_passes_through() -> None:
    text = "«Ashyq» 2021-ci il, 12:55 — A.Baitursynuly (ЖШС) № 637; e-mail: info@gov.kz"
    out = transliterate(text)
    assert out == "«Ashyq» 2021-ci il, 12:55 — A.Baitursynuly (JShS) № 637; e-mail: info@gov.kz"


def test_decomposed_letters_and_other_text_byte_identical() -> None:
    assert transliterate("Тоқаи\u0306") == transliterate("Тоқай") == "Toqaı"
    latin = "Cafe\u0301 «Ashyq» QR-kod 12:55"  # decomposed é stays decomposed
    assert transliterate(latin) == latin


def test_scheme_2021() -> None:
    assert "2021" in SCHEMES
    assert transliterate("Қазақстан Республикасының Президенті", "2021") == (
        "Qazaqstan Respublikasynyñ Prezidentı")
    assert transliterate("Шұғыл көмек, үй, Ирак, Іле, ШЫМКЕНТ", "2021") == (
        "Şūğyl kömek, üi, İrak, Ile, ŞYMKENT")


def test_unknown_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown Kazakh Latin scheme '1940'"):
        transliterate("ел", "1940")


def test_default_scheme_agreement_floor() -> None:
    bench = _bench()
    releases = bench.releases()
    total, right, _ = bench.compare(releases, DEFAULT_SCHEME)
    assert sum(len(r.cyrillic) for r in releases) >= len(PUBLISHED)
    assert right / total >= AGREEMENT_FLOOR


def test_bench_classifies_differences() -> None:
    bench = _bench()
    release = bench.Release(
        "quirks",
        ["Өткен аптада Федерациясы мен Жеңіс Қасымбек жиналды"],
        ["О\u0301tken aptada Federasııasy men Jenis Qasymbek jinaldy"],
    )
    total, right, diffs = bench.compare([release], DEFAULT_SCHEME)
    assert (total, right) == (7, 3)
    causes = {d.cyrillic: d.cause for d in diffs}
    assert causes == {"Өткен": "publisher", "Федерациясы": "loanword", "Жеңіс": "name", "жиналды": "bug"}
