"""People's names for `glossary suggest`: "Имя Фамилия" in the nominative from the words as written,
and the women a release names in a form only a woman's surname has."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.glossary.match import SURNAME_STEM_ENDINGS
from pipeline.glossary.suggest.words import (CASE_ORDER, MASCULINE_ENDINGS, SURNAME_ENDING, guess_nominative,
                                             noun_lemma, parses_of, restore_case, strip_case)

#: Endings a surname in the nominative hardly has: "Данлопом" is instrumental.
_OBLIQUE = re.compile(r"(?:ом|ем|ым|ому|ого|ой)$")


#: A son's and a daughter's word after a father's name, which makes it a Kyrgyz or Kazakh surname
#: ("Нурланбек Тургунбек уулу"), or its ending where written as one word ("Бекжанулы", "Ахметкызы").
_SONS = ("уулу", "улы", "ұлы")
_DAUGHTERS = ("кызы", "қызы")
SON_OR_DAUGHTER = frozenset(_SONS + _DAUGHTERS)
#: Honorifics a Kazakh man's name carries between his first name and his son's surname: "Наурызбай
#: кажы Таганулы" (hajji).
HONORIFICS_BEFORE_SURNAME = frozenset({"кажы", "қажы"})


def son_or_daughter_surname(word: str) -> bool:
    """A capitalised surname made of the father's name and a son's or a daughter's ending in one word:
    "Таганулы", "Абдыгалиулы", "Кенжебайкызы"."""
    return word[:1].isupper() and word.lower().endswith(_SONS + _DAUGHTERS) and len(word) > 5


_SURNAME_CASES = (  # ending after the -ов/-ев/-ин/-ын stem: (case, gender), most usual first
    ("", (("nomn", "masc"),)), ("а", (("gent", "masc"), ("accs", "masc"), ("nomn", "femn"))),
    ("у", (("datv", "masc"), ("accs", "femn"))), ("ым", (("ablt", "masc"),)),
    ("е", (("loct", "masc"),)), ("ой", (("gent", "femn"), ("datv", "femn"), ("ablt", "femn"), ("loct", "femn"))),
    ("ою", (("ablt", "femn"),)),
)


def _surname_readings(word: str) -> list[tuple[str, str, str]]:
    """(case, gender, nominative) readings of a surname; a surname not shaped like -ов/-ин is
    declined like a hard-stem masculine noun (Касымбек, Касымбека) or not at all (Уали)."""
    low = word.lower()
    adjectival = re.search(r"[сцз]к(ий|ого|ому|им|ом|ая|ой|ую)$", low)
    if adjectival:  # Гродзкий, Вишневский: declined as adjectives
        stem = word[: adjectival.start(1)]
        ending = adjectival.group(1)
        masc = {"ий": ("nomn",), "ого": ("gent", "accs"), "ому": ("datv",), "им": ("ablt",), "ом": ("loct",)}
        femn = {"ая": ("nomn",), "ой": ("gent", "datv", "ablt", "loct"), "ую": ("accs",)}
        return [(c, "masc", stem + "ий") for c in masc.get(ending, ())] + \
            [(c, "femn", stem + "ая") for c in femn.get(ending, ())]
    m = SURNAME_ENDING.search(low) if len(word) >= 5 else None
    if m:
        stem = word[: m.end(1)]
        for ending, readings in _SURNAME_CASES:
            if (m.group(2) or "") == ending:
                return [(case, gender, stem + ("а" if gender == "femn" else "")) for case, gender in readings]
    # Уали, Сатыбалды, Тургунбек уулу: not declined; a son's or a daughter's says whose name it is
    if low[-1:] in tuple("иыоэіұүө") or low.split()[-1] in SON_OR_DAUGHTER:
        genders = ("masc",) if low.endswith(_SONS) else ("femn",) if low.endswith(_DAUGHTERS) else ("masc", "femn")
        return [(case, gender, word) for case in CASE_ORDER for gender in genders]
    out = [(case, "masc", noun_lemma(word, case) if case != "nomn" else word) for case in CASE_ORDER
           if case == "nomn" or any(low.endswith(e) for e in MASCULINE_ENDINGS[case])]
    if low.endswith("я") and len(low) > 3 and low[-2] in "аеиоуыэюя":  # Дадебая → Дадебай
        out += [(case, "masc", word[:-1] + "й") for case in ("gent", "accs")]
    if low.endswith("ой") and len(low) > 4 and low[-3] not in "аеиоуыэюя":  # Сибигой → Сибига: a man's -а surname
        out.append(("ablt", "masc", word[:-2] + "а"))
    if low.endswith("е"):  # "Алену Берсе": a foreign surname in -е does not decline
        out += [(case, gender, word) for case in CASE_ORDER for gender in ("masc", "femn")]
    elif low[-1:] not in "аеёиоуыэюяьәіұүө" and not _OBLIQUE.search(low):
        # "Хельгу Шмид": a woman's surname in a consonant does not decline ("Митталом" is a man's)
        out += [(case, "femn", word) for case in CASE_ORDER]
    return out or [("nomn", "masc", word)]


def _name_lemma(word: str, case: str, gender: str, known: bool) -> str | None:
    """A first name in `case` (and gender), as its nominative; None when no reading fits. With
    `known`, only the dictionary's first names count."""
    if gender == "femn" and (soft := _soft_sign_name(word, case)):
        return soft
    parses = [p for p in parses_of(word) if p.tag.POS == "NOUN" and p.tag.case == case and p.tag.number != "plur"]
    fitting = [p for p in parses if p.tag.gender is None or p.tag.gender == gender or "ms-f" in p.tag]
    groups = [[p for p in fitting if p.is_known and "Name" in p.tag]]
    if not known and gender == "femn" and (guess := _feminine_name(word, case)):
        return guess  # "Гульшары", "Гульшару" → "Гульшара": the dictionary does not know the name
    if not known:
        groups += [[p for p in fitting if "Name" in p.tag], [p for p in fitting if p.is_known], fitting]
    for group in groups:
        if group:
            return restore_case(word, group[0].normal_form) if group[0].is_known \
                else guess_nominative(word, group[0].normal_form, case)
    if not known and word.lower()[-1:] in tuple("иоэеуі"):  # Гидо, Энтони: not declined
        return word
    if not known and gender == "masc" and not any(p.is_known for p in parses_of(word)) \
            and (stem := strip_case(word, case)) != word:
        return stem  # "Ухнаагийна" → "Ухнаагийн": a man's name the dictionary does not know, its ending undone
    if known or parses_of(word):
        return None
    return word if case == "nomn" else None


#: A feminine first name in -ь, its case endings: "Асели", "Гузелью".
_SOFT_SIGN_ENDINGS = {"gent": "и", "datv": "и", "loct": "и", "ablt": "ью"}


def _soft_sign_name(word: str, case: str) -> str | None:
    """The nominative of a woman's name in -ь that the release declines and the dictionary keeps
    undeclined ("Асели Нурланкызы" is Асель's genitive or dative; pymorphy knows only "Асель")."""
    ending = _SOFT_SIGN_ENDINGS.get(case)
    if ending is None or not word.lower().endswith(ending) or len(word) <= len(ending) + 2:
        return None
    nominative = word[: -len(ending)] + "ь"
    return nominative if any(p.is_known and "Name" in p.tag and p.tag.gender == "femn"
                             for p in parses_of(nominative)) else None


#: A feminine first name in -а/-я, its case endings: (case, ending, nominative ending).
_FEMININE_NAME_ENDINGS = (("gent", "ы", "а"), ("gent", "и", "я"), ("datv", "е", "а"), ("loct", "е", "а"),
                          ("accs", "у", "а"), ("accs", "ю", "я"), ("ablt", "ой", "а"), ("ablt", "ей", "я"))


_SIBILANTS = frozenset("жшчщц")


def _feminine_name(word: str, case: str) -> str | None:
    """The nominative of a feminine first name the dictionary does not know in the singular, by its
    ending ("Джорджей" is known only as the plural of "Джордж"); -ей after a sibilant is -а's
    ("Джорджей" → "Джорджа")."""
    if any(p.is_known and p.tag.number != "plur" for p in parses_of(word)):
        return None
    for c, ending, nominative in _FEMININE_NAME_ENDINGS:
        if c == case and word.lower().endswith(ending) and len(word) > len(ending) + 2:
            if ending == "ей" and word.lower()[-3] in _SIBILANTS:
                nominative = "а"
            return word[: -len(ending)] + nominative
    return None


def person_lemma(name: str, surname: str, middle: tuple[str, ...] = (),
                  gender_hint: str = "", case_hint: str = "") -> tuple[str, str]:
    """("Имя [Второе имя] Фамилия", "Фамилия") in the nominative, from the words as written.

    Every (case, gender) in which both the first name and the surname have a reading is scored:
    a first name the dictionary knows, and a case ending seen on either word ("Херцем",
    "Блинкена"), count for it; the verb's gender (`gender_hint`, "встретилась") decides between
    "Дарига Назарбаева" (feminine) and "Болата Абдралиева" (masculine genitive), and so does the case
    of a title the name stands in apposition to (`case_hint`: "министр просвещения Жулдыз Сулейменова"
    is nominative, so a woman). Ties go to the masculine and the nominative, the usual in press releases.
    """
    best: tuple[float, str, str] | None = None
    for gender in ("masc", "femn"):
        for n_case, case in enumerate(CASE_ORDER):
            for r_case, r_gender, nominative in _surname_readings(surname):
                if (r_case, r_gender) != (case, gender):
                    continue
                known = _name_lemma(name, case, gender, True) if name else name
                first = known if known is not None else (_name_lemma(name, case, gender, False) if name else name)
                undeclined = first is None and any(p.is_known and "Name" in p.tag and p.tag.case == "nomn"
                                                   and p.tag.number == "sing" for p in parses_of(name))
                if undeclined:  # "Джон Данлопом": a foreign first name the release left undeclined
                    first = name
                if first is None and case == "nomn" and gender == "femn" \
                        and (gender_hint == "femn" or (case_hint == "nomn" and gender_hint != "masc")):
                    first = name  # "жительница … Кулкен Мухамеджанова", "министр … Жулдыз Сулейменова": a woman's
                    # name the dictionary takes for a man's, her surname's nominative saying whose
                if first is None:
                    continue
                rest = [_name_lemma(w, case, gender, False) or w for w in middle]
                # a woman's first name the dictionary does not know, its ending undone, counts only
                # where the surname shows the case too: "Махтумкули Фраги" is no "Махтумкуля" in the
                # genitive, while "Бауыржану Бабажанулы" is a man's dative
                score = (known is not None and bool(name)) * 2.0 + (nominative.lower() != surname.lower()) \
                    + (bool(name) and first.lower() != name.lower() and len(first) <= len(name)
                       and (known is not None or gender == "masc" or nominative.lower() != surname.lower())) \
                    + (gender == gender_hint) * 3.0 + (case == case_hint) * 1.5 \
                    - n_case * 0.01 - (gender == "femn") * 0.1 - undeclined * 0.5 \
                    - (case == "nomn" and bool(_OBLIQUE.search(surname.lower()))) * 2.5
                if best is None or score > best[0]:
                    best = (score, " ".join([first, *rest, nominative]).strip(), nominative)
    if best is None:  # "Терезы Мэй": an undeclined surname; the first name's own nominative
        nominative = _surname_readings(surname)[0][2]
        first = next((restore_case(name, p.normal_form) for p in parses_of(name)
                      if p.is_known and "Name" in p.tag), name) if name else name
        return " ".join([first, *middle, nominative]).strip(), nominative
    return best[1], best[2]


#: A first name and the feminine-only form of an -ов/-ин surname (-овой, -овою), its stem captured.
_FEMININE_SURNAME = re.compile(rf"\b([А-ЯЁ]\w+)\s+([А-ЯЁ]\w+(?:{SURNAME_STEM_ENDINGS}))(?:ой|ою)\b")


def woman_key(name: str, stem: str) -> tuple[str, str]:
    """The key of a woman named in a release: her first name's first four letters and her surname's stem."""
    return name[:4].lower(), stem.lower()


def feminine_surnames(sentences: Iterable[str]) -> frozenset[tuple[str, str]]:
    """The women a release names in a form only a woman's surname has ("Гульшары Абдыкаликовой"), as
    `woman_key` keys, so her other mentions ("Гульшару Абдыкаликову": a man's dative or a woman's
    accusative) read feminine, and a man of the same family ("Ержана Сейткалиева") does not."""
    return frozenset(woman_key(m.group(1), m.group(2)) for text in sentences for m in _FEMININE_SURNAME.finditer(text))
