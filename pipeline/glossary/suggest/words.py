"""Russian word helpers for `glossary suggest`: pymorphy3 readings, capitals, and the nominative of a
word the dictionary may not know."""

from __future__ import annotations

import os
import re
from functools import lru_cache

from pipeline.glossary.match import SURNAME_STEM_ENDINGS, VOWELS, morph

_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})
#: An -ов/-ев/-ин/-ын surname's stem ending (group 1) and its case ending (group 2).
SURNAME_ENDING = re.compile(rf"({SURNAME_STEM_ENDINGS})(а|у|ым|е|ой|ою)?$")
_PATRONYMIC = re.compile(r"(?:ович|евич|овна|евна|ична)(?:а|у|ем|е|ом|ы|ой|ою)?$|(?:улы|кызы|ұлы|қызы)$")
#: Capitalised words that are never a name on their own, whatever the dictionary guesses.
NEVER = frozenset("""январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
понедельник вторник среда четверг пятница суббота воскресенье республика государство глава
гкал мвт гвт квт восток запад север юг наурыз""".split())  # units ("1100 Гкал/ч"); the cardinal points ("соединение
# Востока и Запада"); the spring holiday ("к празднованию Наурыз мейрамы")
#: Endings of a Russian noun in each case, to undo on a name the dictionary does not know
#: ("Щучинска" → "Щучинск", "Маулена" → "Маулен"): hard-stem masculine, the usual case.
MASCULINE_ENDINGS = {"gent": ("а",), "accs": ("а",), "datv": ("у",), "ablt": ("ом", "ем", "ым"),
                      "loct": ("е",), "nomn": ()}
CASE_ORDER = ("nomn", "gent", "accs", "datv", "ablt", "loct")


@lru_cache(maxsize=100_000)
def parses_of(word: str) -> tuple:
    return tuple(morph().parse(word.lower()))


def known_proper(word: str) -> bool:
    return any(p.is_known and _PROPER & p.tag.grammemes for p in parses_of(word))


def known_common(word: str) -> bool:
    """A dictionary word with no proper-name reading ("Послом", "Дом", "Кроме"), or a compound
    ending in one ("Вице-министр")."""
    if any(p.is_known for p in parses_of(word)) and not known_proper(word):
        return True
    head = word.rsplit("-", 1)[-1]
    return head != word and any(p.is_known for p in parses_of(head)) and not known_proper(head)


def is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not (len(word) > 1 and word.replace("-", "").isupper())


def surname_shaped(word: str) -> bool:
    return len(word) >= 5 and bool(SURNAME_ENDING.search(word.lower()))


def surname_like(word: str) -> bool:
    """Shaped like a surname and not a first name the dictionary knows ("Кэтрин")."""
    return surname_shaped(word) and not any(p.is_known and "Name" in p.tag for p in parses_of(word))


def place_word(word: str) -> bool:
    """A place the dictionary knows (its most probable reading), or a compound starting with one."""
    top = parses_of(word.split("-")[0])
    return bool(top) and top[0].is_known and "Geox" in top[0].tag


def is_patronymic(word: str) -> bool:
    return bool(_PATRONYMIC.search(word.lower())) or any(
        p.is_known and "Patr" in p.tag for p in parses_of(word))


#: A man's -ович/-евич form in an oblique case (group 1: the stem).
_SON_OF = re.compile(r"^(\w+?)(?:ов|ев)ич(?:а|у|ем|е)$")


def surname_in_ovich(word: str) -> bool:
    """Whether an -ович/-евич word is a surname ("Дворковича", "Мицкевича"), not a patronymic: its
    stem ends in two consonants, as no first name does (a Kazakh one the dictionary does not know
    neither: "Оралбековича", "Сакеновичу"), and the dictionary knows it as no patronymic. Only in an
    oblique case: a name and patronymic alone are an address ("Уважаемый Ерлан Кемелевич"), in the
    nominative."""
    m = _SON_OF.match(word.lower())
    if m is None or any(p.is_known and "Patr" in p.tag for p in parses_of(word)):
        return False
    stem = m.group(1)
    return len(stem) > 2 and not (set(stem[-2:]) & VOWELS) and not any(
        p.is_known and "Name" in p.tag for form in (stem, stem + "й", stem + "ь") for p in parses_of(form.capitalize()))


def namelike(word: str) -> bool:
    """A capitalised word that may be part of a person's name."""
    if not is_capitalised(word) or word.lower().replace("ё", "е") in NEVER or known_common(word):
        return surname_shaped(word) and is_capitalised(word) and "-" not in word  # "Аксакалов"
    return known_proper(word) or not any(p.is_known for p in parses_of(word)) or \
        surname_shaped(word) or is_patronymic(word)


def restore_case(original: str, lemma: str) -> str:
    """`lemma` (lower case) with each hyphen-separated part capitalised where `original`'s is."""
    parts, orig = lemma.split("-"), original.split("-")
    return "-".join(p.capitalize() if i < len(orig) and orig[i][:1].isupper() else p
                    for i, p in enumerate(parts))


def head_case(word: str) -> tuple[str | None, str | None]:
    """(case, number) of a head noun's most probable reading."""
    parses = parses_of(word)
    return (parses[0].tag.case, parses[0].tag.number) if parses else (None, None)


def head_cases(word: str) -> set[str]:
    """Every case a head noun may be in ("водохранилище": nomn, accs, loct)."""
    return {p.tag.case for p in parses_of(word) if p.tag.POS == "NOUN" and p.tag.case}


def adjective_lemma(word: str, case: str | set[str] | None, number: str | None, gender: str,
                     plural_name: bool = False) -> str | None:
    """An adjective agreeing with its head (in `case`, or one of a set), in the nominative singular
    of the head's gender, or plural where the name itself is plural ("Вооруженные силы")."""
    cases = {case} if isinstance(case, str) else case
    # a place's adjective the dictionary does not know ends in -ский, the rule, not in the stressed
    # -ской the guesser may rank first ("Кайындинском" is Кайындинский)
    for p in sorted(parses_of(word), key=lambda p: not p.is_known and p.normal_form.endswith(("ской", "цкой"))):
        if p.tag.POS == "ADJF" and (not cases or p.tag.case in cases) and \
                (number is None or p.tag.number == number or number == "plur"):
            wanted = {"nomn", "plur"} if plural_name else {"nomn", "sing", gender}
            # the form nearest the word: a superlative's paradigm holds several ("высшего" →
            # "высший", not "высочайший")
            forms = [f for f in p.lexeme if wanted <= f.tag.grammemes]
            if forms:
                nearest = max(forms, key=lambda f: len(os.path.commonprefix([f.word, word.lower()])))
                return restore_case(word, nearest.word)
    return None


def strip_case(word: str, case: str | None) -> str:
    """Undo a hard-stem masculine case ending on a name the dictionary does not know."""
    low = word.lower()
    for ending in MASCULINE_ENDINGS.get(case or "nomn", ()):
        stem = low[: -len(ending)]
        if low.endswith(ending) and len(stem) >= 3 and stem[-1] not in "аеёиоуыэюяіүұөә":
            return word[: -len(ending)]
    return word


def guess_nominative(word: str, normal_form: str, case: str | None) -> str:
    """A nominative guessed for a word the dictionary does not know: the guesser's when it only
    adds a soft sign or й to the stem ("Мафаэлем" → "Мафаэль"), else the case ending undone
    ("Даниала" → "Даниал", where the guesser says "Даниалаа")."""
    stripped = strip_case(word, case)
    if normal_form in (stripped.lower() + "ь", stripped.lower() + "й", word.lower()[:-2] + "ь",
                       word.lower()[:-2] + "й", word.lower()[:-1] + "ь", word.lower()[:-1] + "й"):
        return restore_case(word, normal_form)
    return stripped


def noun_lemma(word: str, case: str | None, prefer: str = "") -> str:
    """A name's nominative: the dictionary's for a known word (a reading in `case`, `prefer`'s
    grammeme first), else a careful guess (`guess_nominative`)."""
    parses = [p for p in parses_of(word) if p.tag.POS == "NOUN" and (case is None or p.tag.case == case)]
    known = [p for p in parses if p.is_known]
    preferred = [p for p in known if prefer in p.tag] if prefer else []
    pick = (preferred or known or [])
    if pick:
        return restore_case(word, pick[0].normal_form)
    return guess_nominative(word, parses[0].normal_form, case) if parses else strip_case(word, case)


def lemma_of(word: str) -> str:
    parses = parses_of(word)
    return parses[0].normal_form.replace("ё", "е") if parses else word.lower()
