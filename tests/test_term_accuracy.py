"""WMT21-style term accuracy: each expected occurrence matched once, English and Kazakh forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.glossary.load import load_glossaries
from pipeline.glossary.model import Glossary, Hit, Term
from pipeline.quality.terms import count_target, term_accuracy, term_accuracy_from_hits

ROOT = Path(__file__).resolve().parents[1]

TOKAYEV = Term("Касым-Жомарт Токаев", targets={"en": "Kassym-Jomart Tokayev", "kk": "Қасым-Жомарт Тоқаев"}, type="person")
KARAGANDA = Term("Карагандинская область", targets={"en": "Karaganda region", "kk": "Қарағанды облысы"}, type="place")
BEKTENOV = Term("Олжас Бектенов", targets={"en": "Olzhas Bektenov", "kk": "Олжас Бектенов"}, type="person")
AKIM = Term("аким", targets={"en": "akim", "kk": "әкім"}, type="title")


def _hit(term: Term, text: str, surface: str, case: str = "nom") -> Hit:
    start = text.index(surface)
    return Hit(term, start, start + len(surface), surface, case)


def test_each_occurrence_is_matched_once() -> None:
    src = "Касым-Жомарт Токаев заслушал доклад. Касым-Жомарт Токаев поручил ускорить работу."
    hits = [[_hit(TOKAYEV, src, "Касым-Жомарт Токаев"),
             Hit(TOKAYEV, src.rindex("Касым"), src.rindex("Касым") + 19, "Касым-Жомарт Токаев", "nom")]]

    once = term_accuracy_from_hits(hits, ["Kassym-Jomart Tokayev heard the report and gave instructions."], "en")
    thrice = term_accuracy_from_hits(
        hits, ["Kassym-Jomart Tokayev, Kassym-Jomart Tokayev and again Kassym-Jomart Tokayev."], "en")

    assert (once.correct, once.total, once.accuracy) == (1, 2, 0.5)
    assert (thrice.correct, thrice.total, thrice.accuracy) == (2, 2, 1.0)  # extra mentions earn nothing


def test_english_matching_rules() -> None:
    assert count_target("Kassym-Jomart Tokayev's visit to KARAGANDA REGION", "Karaganda region", "en") == 1
    assert count_target("Kassym-Jomart Tokayev's visit", "Kassym-Jomart Tokayev", "en") == 1
    assert count_target("Kassym-Jomart Tokaev's visit", "Kassym-Jomart Tokayev", "en") == 0
    assert count_target("the akims of the regions and the akimat", "akim", "en") == 1  # plural yes, akimat no
    assert count_target("Karaganda\nregion", "Karaganda region", "en") == 1
    assert count_target("Astanaville", "Astana", "en") == 0


def test_kazakh_forms_with_case_suffixes() -> None:
    src = "Бектенов доложил Касым-Жомарту Токаеву о паводках в Карагандинской области."
    hits = [[_hit(BEKTENOV, src, "Бектенов"), _hit(TOKAYEV, src, "Касым-Жомарту Токаеву", "dat"),
             _hit(KARAGANDA, src, "Карагандинской области", "loc")]]
    right = "Бектенов Қасым-Жомарт Тоқаевқа Қарағанды облысындағы су тасқыны туралы баяндады."
    wrong = "Бектенов Қасым-Жомарт Токаевқа Қарағанды облыста су тасқыны туралы баяндады."

    ok = term_accuracy_from_hits(hits, [right], "kk")
    bad = term_accuracy_from_hits(hits, [wrong], "kk")

    assert (ok.correct, ok.total) == (3, 3)
    assert (bad.correct, bad.total) == (1, 3)
    assert bad.per_term["Касым-Жомарт Токаев"].correct == 0  # "Токаев" is the avoided Russian spelling
    assert bad.per_term["Олжас Бектенов"].correct == 1  # surname alone in the source expects the surname


def test_terms_without_target_are_not_counted() -> None:
    no_kk = Term("Экибастузская ГРЭС-1", targets={"en": "Ekibastuz GRES-1"})
    src = "Экибастузская ГРЭС-1 работает."
    result = term_accuracy_from_hits([[_hit(no_kk, src, "Экибастузская ГРЭС-1")]], ["ГРЭС-1 жұмыс істейді."], "kk")
    assert (result.total, result.accuracy) == (0, None)


def test_no_terms_gives_no_accuracy() -> None:
    result = term_accuracy(["Погода в столице будет солнечной."], ["The weather will be sunny."],
                           Glossary(terms=(TOKAYEV, KARAGANDA)), "en")
    assert (result.correct, result.total, result.accuracy) == (0, 0, None)


def test_matcher_finds_inflected_russian_sources() -> None:
    glossary = Glossary(terms=(TOKAYEV, KARAGANDA, AKIM))
    sources = ["Глава государства Касым-Жомарт Токаев принял акима Карагандинской области.",
               "Касым-Жомарту Токаеву доложили о подготовке к отопительному сезону."]
    hyps_en = ["Head of State Kassym-Jomart Tokayev received the governor of Karaganda region.",
               "Kassym-Jomart Tokayev was briefed on preparations for the heating season."]
    hyps_kk = ["Мемлекет басшысы Қасым-Жомарт Тоқаев Қарағанды облысының әкімін қабылдады.",
               "Қасым-Жомарт Тоқаевқа жылу беру маусымына дайындық туралы баяндалды."]

    en = term_accuracy(sources, hyps_en, glossary, "en")
    kk = term_accuracy(sources, hyps_kk, glossary, "kk")

    assert (en.correct, en.total) == (3, 4)  # "governor" instead of "akim"
    assert en.per_term["аким"].correct == 0
    assert (kk.correct, kk.total, kk.accuracy) == (4, 4, 1.0)


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_sample_references_follow_the_shipped_glossaries(lang: str) -> None:
    """The references are the ceiling: they use the official forms, so nearly every term is right;
    a hypothesis with the avoided spellings loses exactly those occurrences."""
    glossary = load_glossaries(sorted((ROOT / "glossaries").glob("*.tsv")))
    sample = ROOT / "samples" / "gov-abai-new-akim-2025"  # published references (primeminister.kz release)
    sources = (sample / "ru.txt").read_text(encoding="utf-8").splitlines()
    refs = (sample / f"{lang}.txt").read_text(encoding="utf-8").splitlines()

    reference = term_accuracy(sources, refs, glossary, lang)
    assert reference.total >= 10
    assert reference.accuracy == 1.0

    # a person's name in a spelling the glossary avoids (en_avoid "Oljas Bektenov", kk_avoid "Берик Уали")
    person, misspelled = {"en": ("Олжас Бектенов", ("Olzhas", "Oljas")),
                          "kk": ("Берик Уали", ("Берік Уәли", "Берик Уали"))}[lang]
    damaged = [line.replace(*misspelled) for line in refs]
    person_total = reference.per_term[person].total
    assert person_total >= 1
    assert term_accuracy(sources, damaged, glossary, lang).correct == reference.correct - person_total
