"""`glossary suggest`: the people, places, bodies and titles of releases that no glossary entry knows.

Editors keep a glossary current by reading releases; this lists for them what a release names that
the glossary does not match, grouped by dictionary form (nominative, the glossary's convention:
"Имя Фамилия", "Уланский район", "Щучинск"), with counts, an example, and a draft row for each.

Precision comes first: a wrong candidate costs an editor more than a missed one costs the next
release. So a candidate needs a reason beyond a capital letter: a head noun ("… района", "города
…", "Министерство …"), a person's shape (a first name and a surname, decree order with a
patronymic, initials and a surname), or a place the dictionary knows. A capitalised common word
(a sentence's first word, "Послом", "Дом") is never one, nor is a lone surname without initials
unless the same releases give the full name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Literal

from pymorphy3.analyzer import Parse

from pipeline.errors import InputError, NotRussian, UsageError
from pipeline.formats import read_document
from pipeline.glossary.load import term_key
from pipeline.glossary.match import Matcher, morph
from pipeline.glossary.model import Glossary
from pipeline.glossary.readers import columns
from pipeline.glossary.sources import SHIPPED_GLOSSARIES
from pipeline.glossary.translit import official_spelling
from pipeline.run import discover
from pipeline.textfiles import read_russian_text

Kind = Literal["person", "place", "body", "title"]
KINDS: tuple[Kind, ...] = ("person", "place", "body", "title")
#: The glossary `type` of each kind of candidate.
GLOSSARY_TYPES: dict[Kind, str] = {"person": "person", "place": "place", "body": "org", "title": "title"}

_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+(?:[.,:]\d+)*|\S")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})
_SURNAME_FORM = re.compile(r"(?:ов|ев|ёв|ин|ын)(?:а|у|ым|е|ой|ою)?$")
_PATRONYMIC = re.compile(r"(?:ович|евич|овна|евна|ична)(?:а|у|ем|е|ом|ы|ой|ою)?$|(?:улы|кызы|ұлы|қызы)$")
_INITIALS = re.compile(r"(?:[А-ЯЁӘҒҚҢӨҰҮІҺ]\.\s?-?){1,2}$")
#: A Kazakh surname formed from the father's name in one word: "Абдыгалиулы", "Кенжебайкызы".
_KAZAKH_SURNAME = re.compile(r"\w{3,}(?:улы|ұлы|кызы|қызы)$")
#: Capitalised words that are never a name on their own, whatever the dictionary guesses.
_NEVER = frozenset("""январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
понедельник вторник среда четверг пятница суббота воскресенье республика государство глава""".split())
_PLACE_HEADS = {"район": "district", "область": "region", "регион": "region", "округ": "okrug",
                "водохранилище": "landmark", "море": "landmark",
                "озеро": "landmark", "река": "landmark", "месторождение": "landmark"}
_GENDERS = {"область": "femn", "река": "femn", "водохранилище": "neut", "озеро": "neut", "месторождение": "neut",
            "море": "neut"}
#: Heads of a water body named by an undeclined noun after them: the river is filed by its name
#: ("реки Жайык": Жайык), a lake with its head, since lakes share names with towns ("озеро Алаколь").
_WATER_HEADS = {"река": False, "озеро": True}
#: What a road is called before its quoted name: "автодороги «Актобе-Карабутак-Улгайсын»".
_ROAD_HEADS = frozenset({"автодорога", "дорога", "трасса", "автомагистраль"})
#: Between the places of a road's name: "Актобе-Карабутак", "Кызылорда – Жезказган".
_ROUTE_SEPARATOR = re.compile(r"\s*[-–—]\s*")
_SETTLEMENT_HEADS = frozenset({"город", "село", "посёлок", "поселок", "аул", "порт", "зона"})
_BODY_HEADS = frozenset("""министерство комитет агентство служба фонд палата совет ассамблея академия
университет банк суд прокуратура управление департамент центр институт партия корпорация холдинг
канцелярия инспекция комиссия союз конгресс орден курия дикастерия гвардия штаб коалиция сила
ассоциация конфедерация отряд клуб""".split())
#: A quoted name of up to four words, capitalised, in any script: «Қайсар», «Respublica», "Самрук-Казына".
_QUOTED_NAME = re.compile(r"[«\"]([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]*(?:\s[\w-]+){0,3})[»\"]")
#: What names a company, party or club right before its quoted name: "АО «НК", "фонда", "партии",
#: "футбольного клуба"; group 1 is a party's word, which the glossary keeps in the name ("партия AMANAT").
_COMPANY_BEFORE = re.compile(r"(?:\b(?:АО|НК|ТОО|АҚ|ЖШС)|компани\w*|холдинг\w*|фонд\w*|корпораци\w*|"
                             r"(парти\w*)|банк\w*|объединени\w*|клуб\w*)\s*[«\"]?\s*$")
#: A word with a capital inside it after lower-case letters: "КазМунайГаза".
_CAMEL_CASE = re.compile(r"[А-ЯЁӘҒҚҢӨҰҮІҺ][а-яёәғқңөұүіһ]+(?:[А-ЯЁӘҒҚҢӨҰҮІҺ][а-яёәғқңөұүіһ]+)+")
#: A word whose capitals run on after lower-case letters: "КазНИИСА".
_CAPITALS_INSIDE = re.compile(r"[А-ЯЁӘҒҚҢӨҰҮІҺ][а-яёәғқңөұүіһ]+[А-ЯЁӘҒҚҢӨҰҮІҺ]{2,}")
#: What precedes a news agency's name in a dateline, where a dash follows the name: "Нур-Султан. 27
#: октября. КазТАГ –", or nothing once the place and date are split off as sentences of their own.
_DATELINE = re.compile(r"^(?:[\w-]+\.\s+\d{1,2}\s+[а-я]+\.\s+)?$")
#: Adjectives naming the level a body works at, which make a lower-case body a name.
_LEVEL_ADJECTIVES = frozenset({"республиканский", "территориальный", "областной", "окружной", "городской",
                               "районный"})
#: Body heads named in the plural: "Вооруженных сил" is "Вооруженные силы".
_PLURAL_BODY_HEADS = frozenset({"сила"})
_TITLE_HEADS = frozenset({"посол", "консул", "омбудсмен", "уполномоченный"})
_PLACE_PREPOSITIONS = {"в": "loct", "во": "loct", "из": "gent", "до": "gent", "около": "gent",
                       "близ": "gent", "к": "datv"}
#: Endings of a Russian noun in each case, to undo on a name the dictionary does not know
#: ("Щучинска" → "Щучинск", "Маулена" → "Маулен"): hard-stem masculine, the usual case.
_MASCULINE_ENDINGS = {"gent": ("а",), "accs": ("а",), "datv": ("у",), "ablt": ("ом", "ем", "ым"),
                      "loct": ("е",), "nomn": ()}
_CASE_ORDER = ("nomn", "gent", "accs", "datv", "ablt", "loct")
#: Spellings Kazakh and Russian names hardly have: "дж", "э" after a letter, vowel pairs of
#: transcribed names, a regnal number.
_FOREIGN = re.compile(r"дж|\Bэ|аэ|ио\b|оу|\b[ivx]+\b")
#: Endings a surname in the nominative hardly has: "Данлопом" is instrumental.
_OBLIQUE = re.compile(r"(?:ом|ем|ым|ому|ого|ой)$")


@dataclass(frozen=True)
class Mention:
    """One occurrence in a release: where, the words as written and the sentence."""

    path: str
    line: int | None  # 1-based line of a text file; None for formats without lines
    paragraph: int  # 1-based paragraph of the document
    surface: str
    sentence: str
    start: int  # offsets into `sentence`
    end: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else f"{self.path} ¶{self.paragraph}"


@dataclass
class Candidate:
    """A name no glossary entry matches, with every mention and the draft row proposed for it."""

    kind: Kind
    lemma: str
    form: str  # what kind of name: person, district, region, okrug, settlement, known-place, body, title
    mentions: list[Mention] = field(default_factory=list)
    stem: str = ""  # a district's or region's name without its adjective ending ("Улан")
    surname: str = ""  # a person's surname alone, nominative
    short_of: str = ""  # the entry this may be a short form of ("Министерство труда")

    @property
    def count(self) -> int:
        return len(self.mentions)

    @property
    def example(self) -> Mention:
        return self.mentions[0]

    @property
    def foreign(self) -> bool:
        """A person whose name is not spelt like a Kazakh or Russian one ("Джо Байден", "Рольф
        Мафаэль", "Лев XIV"): the official romanisation would be wrong for it."""
        return self.form == "person" and bool(_FOREIGN.search(self.lemma.lower()))

    def en(self) -> str:
        """A proposed English form, romanised as Kazakhstan's official English writes names."""
        if self.form in ("person", "settlement") and not self.foreign:
            spelled = official_spelling(self.lemma)
        elif self.form in ("district", "region", "okrug") and self.stem:
            suffix = {"district": "district", "region": "region", "okrug": "rural district"}[self.form]
            spelled = f"{official_spelling(self.stem)} {suffix}"
        else:
            return ""
        return "" if _CYRILLIC.search(spelled) else spelled

    def kk(self) -> str:
        """A proposed Kazakh form where a rule gives one; names of people are left to an editor."""
        if self.form in ("district", "region", "okrug") and self.stem:
            return f"{self.stem} " + {"district": "ауданы", "region": "облысы", "okrug": "ауылдық округі"}[self.form]
        return ""

    def note(self) -> str:
        mentions = f"{self.count} mention(s)"
        if self.short_of:
            return f"{mentions}; a short form of the entry {self.short_of!r}? then add it to that entry's ru_variants"
        return {
            "person": f"{mentions}; "
                      + ("a foreign name: give its own spelling" if self.foreign else
                         "Kazakh spelling not guessed: take it from an official Kazakh page")
                      + ("; first name not found in the releases" if not self.lemma.count(" ") else ""),
            "district": f"{mentions}; Kazakh letters not restored in kk: check the official spelling",
            "region": f"{mentions}; Kazakh letters not restored in kk: check the official spelling",
            "okrug": f"{mentions}; Kazakh letters not restored in kk: check the official spelling",
            "settlement": f"{mentions}; Kazakh name not guessed (it may differ: Уральск, Орал)",
            "known-place": f"{mentions}; a place the dictionary knows: give its English and Kazakh names",
            "landmark": f"{mentions}; give its English and Kazakh names",
            "title": f"{mentions}; give the English and Kazakh titles from official pages",
        }.get(self.form, f"{mentions}; give the English and Kazakh names from the body's own pages")

    def row(self) -> dict[str, str]:
        """The draft glossary row (`status=proposed`)."""
        return {"ru": self.lemma, "en": self.en(), "kk": self.kk(), "type": GLOSSARY_TYPES[self.kind],
                "note": self.note(), "source": self.example.where, "status": "proposed"}


# ---------------------------------------------------------------------------------------------
# Morphology helpers


@lru_cache(maxsize=100_000)
def _parses(word: str) -> tuple:
    return tuple(morph().parse(word.lower()))


def _known_proper(word: str) -> bool:
    return any(p.is_known and _PROPER & p.tag.grammemes for p in _parses(word))


def _known_common(word: str) -> bool:
    """A dictionary word with no proper-name reading ("Послом", "Дом", "Кроме"), or a compound
    ending in one ("Вице-министр")."""
    if any(p.is_known for p in _parses(word)) and not _known_proper(word):
        return True
    head = word.rsplit("-", 1)[-1]
    return head != word and any(p.is_known for p in _parses(head)) and not _known_proper(head)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not (len(word) > 1 and word.replace("-", "").isupper())


def _surname_shaped(word: str) -> bool:
    return len(word) >= 5 and bool(_SURNAME_FORM.search(word.lower()))


def _surname_like(word: str) -> bool:
    """Shaped like a surname and not a first name the dictionary knows ("Кэтрин")."""
    return _surname_shaped(word) and not any(p.is_known and "Name" in p.tag for p in _parses(word))


def _place_word(word: str) -> bool:
    """A place the dictionary knows (its most probable reading), or a compound starting with one."""
    top = _parses(word.split("-")[0])
    return bool(top) and top[0].is_known and "Geox" in top[0].tag


def _patronymic(word: str) -> bool:
    return bool(_PATRONYMIC.search(word.lower())) or any(
        p.is_known and "Patr" in p.tag for p in _parses(word))


def _namelike(word: str) -> bool:
    """A capitalised word that may be part of a person's name."""
    if not _is_capitalised(word) or word.lower().replace("ё", "е") in _NEVER or _known_common(word):
        return _surname_shaped(word) and _is_capitalised(word) and "-" not in word  # "Аксакалов"
    return _known_proper(word) or not any(p.is_known for p in _parses(word)) or \
        _surname_shaped(word) or _patronymic(word)


def _restore_case(original: str, lemma: str) -> str:
    """`lemma` (lower case) with each hyphen-separated part capitalised where `original`'s is."""
    parts, orig = lemma.split("-"), original.split("-")
    return "-".join(p.capitalize() if i < len(orig) and orig[i][:1].isupper() else p
                    for i, p in enumerate(parts))


def _head_case(word: str) -> tuple[str | None, str | None]:
    """(case, number) of a head noun's most probable reading."""
    parses = _parses(word)
    return (parses[0].tag.case, parses[0].tag.number) if parses else (None, None)


def _head_cases(word: str) -> set[str]:
    """Every case a head noun may be in ("водохранилище": nomn, accs, loct)."""
    return {p.tag.case for p in _parses(word) if p.tag.POS == "NOUN" and p.tag.case}


def _adjective_lemma(word: str, case: str | set[str] | None, number: str | None, gender: str,
                     plural_name: bool = False) -> str | None:
    """An adjective agreeing with its head (in `case`, or one of a set), in the nominative singular
    of the head's gender, or plural where the name itself is plural ("Вооруженные силы")."""
    cases = {case} if isinstance(case, str) else case
    for p in _parses(word):
        if p.tag.POS == "ADJF" and (not cases or p.tag.case in cases) and \
                (number is None or p.tag.number == number or number == "plur"):
            form = p.inflect({"nomn", "plur"} if plural_name else {"nomn", "sing", gender})
            if form is not None:
                return _restore_case(word, form.word)
    return None


def _strip_case(word: str, case: str | None) -> str:
    """Undo a hard-stem masculine case ending on a name the dictionary does not know."""
    low = word.lower()
    for ending in _MASCULINE_ENDINGS.get(case or "nomn", ()):
        stem = low[: -len(ending)]
        if low.endswith(ending) and len(stem) >= 3 and stem[-1] not in "аеёиоуыэюяіүұөә":
            return word[: -len(ending)]
    return word


def _guess(word: str, normal_form: str, case: str | None) -> str:
    """A nominative guessed for a word the dictionary does not know: the guesser's when it only
    adds a soft sign or й to the stem ("Мафаэлем" → "Мафаэль"), else the case ending undone
    ("Даниала" → "Даниал", where the guesser says "Даниалаа")."""
    stripped = _strip_case(word, case)
    if normal_form in (stripped.lower() + "ь", stripped.lower() + "й", word.lower()[:-2] + "ь",
                       word.lower()[:-2] + "й", word.lower()[:-1] + "ь", word.lower()[:-1] + "й"):
        return _restore_case(word, normal_form)
    return stripped


def _noun_lemma(word: str, case: str | None, prefer: str = "") -> str:
    """A name's nominative: the dictionary's for a known word (a reading in `case`, `prefer`'s
    grammeme first), else a careful guess (`_guess`)."""
    parses = [p for p in _parses(word) if p.tag.POS == "NOUN" and (case is None or p.tag.case == case)]
    known = [p for p in parses if p.is_known]
    preferred = [p for p in known if prefer in p.tag] if prefer else []
    pick = (preferred or known or [])
    if pick:
        return _restore_case(word, pick[0].normal_form)
    return _guess(word, parses[0].normal_form, case) if parses else _strip_case(word, case)


# ---------------------------------------------------------------------------------------------
# Persons


#: An -ов/-ев/-ин/-ын surname's stem ending (group 1) and its case ending (group 2).
_STEM_ENDINGS = "ов|ев|ёв|ин|ын"
_SURNAME_ENDING = re.compile(rf"({_STEM_ENDINGS})(а|у|ым|е|ой|ою)?$")
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
    m = _SURNAME_ENDING.search(low) if len(word) >= 5 else None
    if m:
        stem = word[: m.end(1)]
        for ending, readings in _SURNAME_CASES:
            if (m.group(2) or "") == ending:
                return [(case, gender, stem + ("а" if gender == "femn" else "")) for case, gender in readings]
    if low[-1:] in tuple("иыоэіұүө"):  # Уали, Сатыбалды: not declined
        return [(case, gender, word) for case in _CASE_ORDER for gender in ("masc", "femn")]
    out = [(case, "masc", _noun_lemma(word, case) if case != "nomn" else word) for case in _CASE_ORDER
           if case == "nomn" or any(low.endswith(e) for e in _MASCULINE_ENDINGS[case])]
    if low.endswith("я") and len(low) > 3 and low[-2] in "аеиоуыэюя":  # Дадебая → Дадебай
        out += [(case, "masc", word[:-1] + "й") for case in ("gent", "accs")]
    return out or [("nomn", "masc", word)]


def _name_lemma(word: str, case: str, gender: str, known: bool) -> str | None:
    """A first name in `case` (and gender), as its nominative; None when no reading fits. With
    `known`, only the dictionary's first names count."""
    parses = [p for p in _parses(word) if p.tag.POS == "NOUN" and p.tag.case == case and p.tag.number != "plur"]
    fitting = [p for p in parses if p.tag.gender is None or p.tag.gender == gender or "ms-f" in p.tag]
    groups = [[p for p in fitting if p.is_known and "Name" in p.tag]]
    if not known and gender == "femn" and (guess := _feminine_name(word, case)):
        return guess  # "Гульшары", "Гульшару" → "Гульшара": the dictionary does not know the name
    if not known:
        groups += [[p for p in fitting if "Name" in p.tag], [p for p in fitting if p.is_known], fitting]
    for group in groups:
        if group:
            return _restore_case(word, group[0].normal_form) if group[0].is_known \
                else _guess(word, group[0].normal_form, case)
    if not known and word.lower()[-1:] in tuple("иоэеуі"):  # Гидо, Энтони: not declined
        return word
    if known or _parses(word):
        return None
    return word if case == "nomn" else None


#: A feminine first name in -а/-я, its case endings: (case, ending, nominative ending).
_FEMININE_NAME_ENDINGS = (("gent", "ы", "а"), ("gent", "и", "я"), ("datv", "е", "а"), ("loct", "е", "а"),
                          ("accs", "у", "а"), ("accs", "ю", "я"), ("ablt", "ой", "а"), ("ablt", "ей", "я"))


def _feminine_name(word: str, case: str) -> str | None:
    """The nominative of a feminine first name the dictionary does not know, by its ending."""
    if any(p.is_known for p in _parses(word)):
        return None
    for c, ending, nominative in _FEMININE_NAME_ENDINGS:
        if c == case and word.lower().endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + nominative
    return None


def _person_lemma(name: str, surname: str, middle: tuple[str, ...] = (),
                  gender_hint: str = "") -> tuple[str, str]:
    """("Имя [Второе имя] Фамилия", "Фамилия") in the nominative, from the words as written.

    Every (case, gender) in which both the first name and the surname have a reading is scored:
    a first name the dictionary knows, and a case ending seen on either word ("Херцем",
    "Блинкена"), count for it; the verb's gender (`gender_hint`, "встретилась") decides between
    "Дарига Назарбаева" (feminine) and "Болата Абдралиева" (masculine genitive). Ties go to the
    masculine and the nominative, the usual in press releases.
    """
    best: tuple[float, str, str] | None = None
    for gender in ("masc", "femn"):
        for n_case, case in enumerate(_CASE_ORDER):
            for r_case, r_gender, nominative in _surname_readings(surname):
                if (r_case, r_gender) != (case, gender):
                    continue
                known = _name_lemma(name, case, gender, True) if name else name
                first = known if known is not None else (_name_lemma(name, case, gender, False) if name else name)
                undeclined = first is None and any(p.is_known and "Name" in p.tag and p.tag.case == "nomn"
                                                   and p.tag.number == "sing" for p in _parses(name))
                if undeclined:  # "Джон Данлопом": a foreign first name the release left undeclined
                    first = name
                if first is None:
                    continue
                rest = [_name_lemma(w, case, gender, False) or w for w in middle]
                score = (known is not None and bool(name)) * 2.0 + (nominative.lower() != surname.lower()) \
                    + (bool(name) and first.lower() != name.lower() and len(first) <= len(name)) \
                    + (gender == gender_hint) * 3.0 \
                    - n_case * 0.01 - (gender == "femn") * 0.1 - undeclined * 0.5 \
                    - (case == "nomn" and bool(_OBLIQUE.search(surname.lower()))) * 2.5
                if best is None or score > best[0]:
                    best = (score, " ".join([first, *rest, nominative]).strip(), nominative)
    if best is None:  # "Терезы Мэй": an undeclined surname; the first name's own nominative
        nominative = _surname_readings(surname)[0][2]
        first = next((_restore_case(name, p.normal_form) for p in _parses(name)
                      if p.is_known and "Name" in p.tag), name) if name else name
        return " ".join([first, *middle, nominative]).strip(), nominative
    return best[1], best[2]


# ---------------------------------------------------------------------------------------------
# Finding mentions in one sentence


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def word(self) -> bool:
        return self.text[:1].isalpha()

    @property
    def lower(self) -> str:
        return self.text.lower().replace("ё", "е")


@dataclass
class _Found:
    kind: Kind
    lemma: str
    form: str
    start: int
    end: int
    stem: str = ""
    surname: str = ""
    initial: str = ""


def _camel_nominative(word: str) -> str:
    """"КазМунайГаза" → "КазМунайГаз": a case ending undone on the last part only."""
    head, last = re.fullmatch(r"(.*)([А-ЯЁӘҒҚҢӨҰҮІҺ].*)", word).groups()
    return head + _restore_case(last, _lemma_of(last)) if len(last) > 3 else word


def _lemma_of(word: str) -> str:
    parses = _parses(word)
    return parses[0].normal_form.replace("ё", "е") if parses else word.lower()


class _Sentence:
    """One sentence's tokens, what the glossary already matches in it, and the tokens claimed by a
    candidate so far."""

    def __init__(self, text: str, matcher: Matcher, title_keys: frozenset[str],
                 feminine: frozenset[tuple[str, str]] = frozenset()) -> None:
        self.text = text
        self.feminine = feminine  # the women the release names in a feminine-only form (`_woman` keys)
        self.toks = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        self.covered = [False] * len(self.toks)
        self.covered_type = [""] * len(self.toks)  # the glossary type of the entry covering a token
        for hit in matcher.find(text):
            for i, t in enumerate(self.toks):
                if t.start < hit.end and hit.start < t.end:
                    self.covered[i], self.covered_type[i] = True, hit.term.type
        self.claimed = [False] * len(self.toks)
        self.matcher = matcher
        self.first = next((i for i, t in enumerate(self.toks) if t.word), -1)
        self.title_keys = title_keys
        self.found: list[_Found] = []

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.toks) and not self.covered[i] and not self.claimed[i]

    def word(self, i: int) -> _Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) and self.toks[i].word else None

    def add(self, kind: Kind, lemma: str, form: str, first: int, last: int, **extra: str) -> None:
        for i in range(first, last + 1):
            self.claimed[i] = True
        self.found.append(_Found(kind, lemma, form, self.toks[first].start, self.toks[last].end, **extra))

    # -- places with a head noun: "Уланского района", "Уланского и Созакского районов" --
    def places(self) -> None:
        for h, tok in enumerate(self.toks):
            lemma = _lemma_of(tok.text) if tok.word and tok.text.islower() else ""
            if lemma in _PLACE_HEADS:  # covered too: "Известного и Нового районов" may hold one entry
                self._adjective_places(h, lemma)
                if lemma == "область" and not self.covered[h]:
                    self._named_region(h)
                elif lemma in _WATER_HEADS and not self.covered[h]:
                    self._named_water(h, lemma)
            elif lemma in _ROAD_HEADS:
                self._route(h)
            elif (lemma in _SETTLEMENT_HEADS and tok.word) or (tok.text == "г" and h + 1 < len(self.toks)
                                                             and self.toks[h + 1].text == ".") \
                    or (lemma == "пункт" and self.word(h - 1) and self.toks[h - 1].lower.startswith(("населенн", "населённ"))):
                self._settlement(h)  # "населенных пунктов Женис, Жанатурмыс и Достык" too

    def _adjective_places(self, h: int, head: str) -> None:
        number = _head_case(self.toks[h].text)[1]
        case = _head_cases(self.toks[h].text)
        gender = _GENDERS.get(head, "masc")
        k = h - 1
        between = ""
        if self.word(k) and self.toks[k].lower in ("сельского", "сельский", "сельском", "сельскому",
                                                    "сельским", "сельских", "сельские"):
            between, k = " сельский", k - 1
        adjectives: list[int] = []  # nearest the head first; more only before a plural head
        while self.word(k) and _is_capitalised(self.toks[k].text) and self.free(k):
            adjectives.append(k)
            j = k - 1
            if self.free(j) and self.toks[j].text == ",":
                j -= 1
            if self.word(j) and self.toks[j].lower == "и":
                j -= 1
                if self.free(j) and self.toks[j].text == ",":
                    j -= 1
            if number != "plur" or j == k - 1 or not (self.word(j) and _is_capitalised(self.toks[j].text)):
                break
            k = j
        for k in adjectives:
            word = self.toks[k].text
            lemma = _adjective_lemma(word, case, number, gender)
            if lemma is None or not lemma.lower().endswith(("ий", "ый", "ой", "ая", "ое", "ее")):
                continue
            stem = re.sub(r"(?:ский|ская|цкий|цкая)$", "", lemma) if re.search(r"(?:ск|цк)(?:ий|ая)$", lemma) else ""
            name = f"{lemma}{between} {'округ' if head == 'округ' else head}"
            last = h if k == adjectives[0] else k
            self.add("place", name, _PLACE_HEADS[head], k, last, stem=stem)

    def _named_region(self, h: int) -> None:
        """"области Абай": a region named by a noun after the head, which stays undeclined."""
        n, after = self.word(h + 1), self.word(h + 2)
        if n and _is_capitalised(n.text) and self.free(h + 1) and not _known_common(n.text) \
                and _CYRILLIC.search(n.text) and any(p.tag.case == "nomn" for p in _parses(n.text)) \
                and not (after and _is_capitalised(after.text)):
            self.add("place", f"область {n.text}", "region", h, h + 1, stem=n.text)

    def _named_water(self, h: int, head: str) -> None:
        """"реки Жайык", "озера Алаколь": a water body named by the capitalised noun after its head."""
        n = self.word(h + 1)
        if n and self.free(h + 1) and _is_capitalised(n.text) and not _known_common(n.text) \
                and _CYRILLIC.search(n.text):
            if _WATER_HEADS[head]:
                self.add("place", f"{head} {n.text}", "landmark", h, h + 1, stem=n.text)
            else:
                self.add("place", n.text, "landmark", h + 1, h + 1, stem=n.text)

    def _route(self, h: int) -> None:
        """"автодороги «Актобе-Карабутак-Улгайсын»": each place a quoted road name joins, as written
        (road names keep their places in the nominative); places the glossary knows are left out."""
        if not (h + 2 < len(self.toks) and self.toks[h + 1].text == "«"):
            return
        close = next((k for k in range(h + 2, min(h + 12, len(self.toks))) if self.toks[k].text == "»"), None)
        if close is None:
            return
        start, end = self.toks[h + 2].start, self.toks[close].start
        offset, parts = start, []
        for part in _ROUTE_SEPARATOR.split(self.text[start:end]):
            at = self.text.index(part, offset)
            parts.append((part, at))
            offset = at + len(part)
        if len(parts) < 2:
            return
        for part, at in parts:
            if not (_is_capitalised(part) and _CYRILLIC.search(part) and part.isalpha()):
                continue  # "М-32", "Граница РФ" are no settlements
            inside = [k for k in range(h + 2, close) if self.toks[k].start < at + len(part) and at < self.toks[k].end]
            if any(self.covered[k] and self.toks[k].start == at and self.toks[k].end == at + len(part)
                   for k in inside) or self.matched(part):
                continue
            for k in inside:
                self.claimed[k] = True
            self.found.append(_Found("place", part, "settlement", at, at + len(part), stem=part))

    def matched(self, name: str) -> bool:
        """Whether the glossary has `name` on its own (a part of a hyphenated word is never matched
        inside it)."""
        return bool(self.matcher.find(name))

    def _settlement(self, h: int) -> None:
        """"города Щучинска", "в городе Щучинске", "г. Щучинск": the name in the head's case."""
        if self.toks[h].text == "г":
            n_at = h + 2
            prep = self.word(h - 1)
            case = _PLACE_PREPOSITIONS.get(prep.lower) if prep else "nomn"
        else:
            n_at = h + 1
            case, number = _head_case(self.toks[h].text)
            if number == "plur":  # "городов Усть-Каменогорск и Урджар": each name as written
                case = "nomn"
            if self.toks[h].lower.startswith("порт") and n_at < len(self.toks) \
                    and self.toks[n_at].text in "«\"“„":  # "сухой порт «Хоргос»" (a zone's quoted name is its own)
                n_at, case = n_at + 1, "nomn"
        while True:
            n = self.word(n_at)
            if not n or not _is_capitalised(n.text) or _known_common(n.text):
                return
            if self.free(n_at):
                lemma = _noun_lemma(n.text, case, prefer="Geox") if _known_proper(n.text) \
                    else _strip_case(n.text, case)
                self.add("place", lemma, "settlement", n_at, n_at)
            nxt = n_at + 1
            if nxt < len(self.toks) and self.toks[nxt].text == ",":
                nxt += 1
            if not (self.word(nxt) and self.toks[nxt].lower == "и") and nxt == n_at + 1:
                return
            n_at = nxt + 1 if self.word(nxt) and self.toks[nxt].lower == "и" else nxt

    def republics(self) -> None:
        """"Федеративной Республики Германия": an official country name, with its adjectives;
        "Российской Федерации", "Китайской Народной Республики": a state named by its adjectives."""
        for h, tok in enumerate(self.toks):
            if tok.word and self.free(h) and _lemma_of(tok.text) == "федерация" and _is_capitalised(tok.text):
                self._state_by_adjectives(h, "Федерация")
                continue
            if not (tok.word and self.free(h) and _lemma_of(tok.text) == "республика"
                    and _is_capitalised(tok.text)):
                continue
            n = self.word(h + 1)
            if not (n and self.free(h + 1) and _is_capitalised(n.text) and _known_proper(n.text)):
                self._state_by_adjectives(h, "Республика")
                continue
            first, words = self._adjectives_before(h)
            self.add("place", " ".join([*words, "Республика", n.text]), "known-place", first, h + 1)

    def _state_by_adjectives(self, h: int, head: str) -> None:
        """The capitalised adjectives before the head at `h`, with it, in the nominative."""
        first, words = self._adjectives_before(h)
        if words:
            self.add("place", " ".join([*words, head]), "known-place", first, h)

    def _adjectives_before(self, h: int) -> tuple[int, list[str]]:
        """The first token of the capitalised adjectives agreeing with a feminine head at `h`
        ("Федеративной Республики", "Китайской Народной Республики"), and their nominatives."""
        case, number = _head_case(self.toks[h].text)
        first, words = h, []
        while self.word(first - 1) and self.free(first - 1) and _is_capitalised(self.toks[first - 1].text):
            lemma = _adjective_lemma(self.toks[first - 1].text, case, number, "femn")
            if lemma is None:
                break
            words.insert(0, lemma)
            first -= 1
        return first, words

    # -- bodies: "Министерство цифрового развития", "Центральной службы коммуникаций" --
    def companies(self) -> None:
        """"КазМунайГаз", "КазНИИСА": a company named by a word with capitals inside it."""
        for i, tok in enumerate(self.toks):
            if tok.word and self.free(i) and not self._attribution(i) and \
                    (_CAMEL_CASE.fullmatch(tok.text) or _CAPITALS_INSIDE.fullmatch(tok.text)):
                self.add("body", _camel_nominative(tok.text), "body", i, i)  # not "передает КазТАГ"

    def abbreviations(self) -> None:
        """"УЕФА", "ЮНЕСКО": an organisation's abbreviation on its own (not inside "Совет Безопасности
        ООН"), as the dictionary knows it: one body, so not "АО" or "ГРЭС", a kind of company or plant."""
        for i, tok in enumerate(self.toks):
            if tok.word and self.free(i) and tok.text.isupper() and len(tok.text) > 2 and \
                    any(p.is_known and {"Abbr", "Orgn", "Sgtm"} <= p.tag.grammemes for p in _parses(tok.text)):
                self.add("body", tok.text, "body", i, i)

    def quoted_names(self) -> None:
        """АО «НК «Қазақстан темір жолы», АО "Самрук-Казына", партии «Ауыл», клуба «Қайсар»: a quoted
        name after a company's, party's or club's word is that body, as written (a quoted name does
        not decline); a park's, plant's or programme's quoted name is not one."""
        for m in _QUOTED_NAME.finditer(self.text):
            before = _COMPANY_BEFORE.search(self.text, max(0, m.start() - 40), m.start())
            if not before:
                continue
            inside = [k for k, t in enumerate(self.toks) if m.start(1) <= t.start and t.end <= m.end(1)]
            if inside and all(self.free(k) for k in inside):
                self.add("body", f"партия {m.group(1)}" if before.group(1) else m.group(1), "body",
                         inside[0], inside[-1])

    def bodies(self) -> None:
        for h, tok in enumerate(self.toks):
            if not tok.word or self.covered[h] or self.claimed[h]:
                continue
            parses = _parses(tok.text)
            head = next((p for p in parses if p.normal_form.replace("ё", "е") in _BODY_HEADS
                         and p.tag.POS == "NOUN"), None)
            if head is None:
                continue
            latin = h + 1
            while self.word(latin) and self.free(latin) and not _CYRILLIC.search(self.toks[latin].text) \
                    and self.toks[latin].text[:1].isupper():
                latin += 1
            if latin > h + 1 and not self._attribution(h):  # "партии AMANAT": a body named in Latin
                head_form = head.inflect({"nomn", "sing"})
                name = self.text[self.toks[h + 1].start:self.toks[latin - 1].end]
                self.add("body", f"{head_form.word if head_form else tok.text.lower()} {name}", "body", h, latin - 1)
                continue
            adjectives = []
            k = h - 1
            while self.word(k) and self.free(k) and any(p.tag.POS == "ADJF" and p.tag.case == head.tag.case
                                                        and "Apro" not in p.tag for p in _parses(self.toks[k].text)):
                adjectives.insert(0, k)
                k -= 1
            proper_adjective = any(_is_capitalised(self.toks[a].text) and a != self.first for a in adjectives)
            proper_head = _is_capitalised(tok.text) and h != self.first
            levelled = not proper_adjective and self._levelled(adjectives, head)
            end = h if levelled else self._complement(h)
            if not (proper_head or proper_adjective or levelled or (h == self.first and _is_capitalised(tok.text)
                                                                    and end > h)):
                continue
            first = adjectives[0] if adjectives else h
            if adjectives and not (proper_adjective or levelled):
                first = h  # "новый Центр …": only the capitalised name
            plural = head.normal_form in _PLURAL_BODY_HEADS
            words = []
            for a in range(first, h):
                lemma = _adjective_lemma(self.toks[a].text, head.tag.case, None, head.tag.gender or "masc", plural)
                words.append(lemma or self.toks[a].text)
            head_form = head.inflect({"nomn", "plur" if plural else "sing"})
            words.append(_restore_case(tok.text, head_form.word) if head_form else tok.text)
            lemma = " ".join(words) + self.text[tok.end:self.toks[end].end] if end > h else " ".join(words)
            lemma = lemma[0].upper() + lemma[1:]
            self.add("body", " ".join(lemma.split()), "body", first, end)

    def _levelled(self, adjectives: list[int], head: Parse) -> bool:
        """"территориальной избирательной комиссии", "республиканский штаб": a single body named
        in lower case by the level it works at (not "областного центра", a city, nor the plural
        "участковых избирательных комиссий", a kind of body)."""
        return head.tag.number == "sing" and head.normal_form != "центр" and any(
            _lemma_of(self.toks[a].text) in _LEVEL_ADJECTIVES for a in adjectives)

    def _attribution(self, h: int) -> bool:
        """Whether the words around `h` credit a news source ("передает агентство Kazinform", a
        dateline): the agency is no body the release is about."""
        before = [t for t in self.toks[max(0, h - 4):h] if t.word]
        if any(_lemma_of(t.text) in ("передавать", "сообщать", "писать", "корреспондент") for t in before):
            return True
        return bool(_DATELINE.match(self.text[:self.toks[h].start])) and h + 1 < len(self.toks) \
            and self.toks[h + 1].text in "–—-"  # "Нур-Султан. 27 октября. КазТАГ – …"

    def _complement(self, h: int) -> int:
        """The last token of a body's genitive complement ("цифрового развития, инноваций и …",
        "по международным делам, обороне и безопасности"); `h` when it has none."""
        last, k, after_po = h, h + 1, False
        while k < len(self.toks) and k - h <= 12:
            t = self.toks[k]
            if t.text in (",",) or (t.word and t.lower == "и"):
                k += 1
                continue
            if t.word and t.lower == "по" and not after_po:
                after_po, k = True, k + 1
                continue
            if t.word and self.covered[k] and self.covered_type[k] == "title" and not after_po \
                    and any(p.tag.case == "gent" for p in _parses(t.text)):
                last = k  # "Канцелярии премьер-министра": the office is named for its head
                break
            if not t.word or self.covered[k] and self.covered_type[k] != "org":
                break  # "… Республики Казахстан", "… Маулена Ашимбаева": not part of the name
            if len(t.text) > 1 and t.text.isupper() and not self.covered[k]:  # "ООН", "США"
                last, k = k, k + 1
                continue
            wanted = {"datv", "gent", "loct", "ablt"} if after_po else {"gent"}
            parses = _parses(t.text)
            if not parses or parses[0].tag.POS not in ("NOUN", "ADJF", "PRTF") or \
                    not any(p.tag.case in wanted for p in parses):
                break
            if _is_capitalised(t.text) and not self.covered[k] and not (
                    _known_common(t.text) and len(t.text) > 3 and parses[0].tag.POS == "NOUN"):
                break  # a name ("… Ивана Петрова"), not a word of the body's ("Совет Безопасности")
            if _is_capitalised(t.text) and parses[0].normal_form in _BODY_HEADS and self.toks[k - 1].lower == "и":
                break  # the next body of a list ("Вооруженных сил и Комитета …"), not a complement
            last = k
            k += 1
        return last

    # -- titles: "Чрезвычайным и Полномочным Послом", "экс-аким" --
    def titles(self) -> None:
        for h, tok in enumerate(self.toks):
            if not tok.word or not self.free(h):
                continue
            low = tok.lower
            if low.startswith("экс-") and term_key(_lemma_of(low[4:]) or low[4:]) in self.title_keys:
                self.add("title", "экс-" + _lemma_of(low[4:]), "title", h, h)
                continue
            if _lemma_of(tok.text) not in _TITLE_HEADS or not _is_capitalised(tok.text) or h == self.first:
                continue
            case = _head_case(tok.text)[0]
            first, k, words = h, h - 1, []
            while self.word(k) and self.free(k) and _is_capitalised(self.toks[k].text):
                lemma = _adjective_lemma(self.toks[k].text, case, None, "masc")
                if lemma is None:
                    break
                words.insert(0, lemma.lower())
                first, k = k, k - 1
                if self.word(k) and self.toks[k].lower == "и":
                    words.insert(0, "и")
                    k -= 1
            if words and words[0] == "и":
                words.pop(0)
                first += 1
            if words:  # "Чрезвычайный и Полномочный Посол"; a capitalised "Послом" alone is no title
                self.add("title", " ".join([*words, _lemma_of(tok.text)]), "title", first, h)

    # -- persons --
    def persons(self) -> None:
        i = 0
        while i < len(self.toks):
            if not (self.word(i) and self.free(i) and _namelike(self.toks[i].text)):
                i += 1
                continue
            j = i
            while self.word(j + 1) and self.free(j + 1) and _namelike(self.toks[j + 1].text):
                j += 1
            self._person_run(i, j)
            i = j + 1

    def _initial_before(self, i: int) -> str:
        m = _INITIALS.search(self.text, 0, self.toks[i].start)
        return m.group().strip() if m else ""

    def _gender_hint(self, j: int) -> str:
        """The gender of a past-tense verb right after a name ("Дарига Назарбаева встретилась")."""
        for k in range(j + 1, min(j + 4, len(self.toks))):
            t = self.toks[k]
            if not t.word:
                continue
            top = _parses(t.text)[0]
            if top.tag.POS == "VERB" and top.tag.tense == "past":
                return top.tag.gender or ""
        return ""

    def _feminine(self, name: str, surname: str) -> str:
        """"femn" when the release writes this person elsewhere in a form only a woman's name has."""
        ending = _SURNAME_ENDING.search(surname.lower())
        return "femn" if name and ending and _woman(name, surname[:ending.end(1)]) in self.feminine else ""

    def _named_after(self, i: int) -> bool:
        """Whether the name at `i` follows "им."/"имени" (with initials between): the school or
        street is named after the person, whom the release does not mention."""
        k = i - 1
        while k >= 1 and (self.toks[k].text == "." or (self.word(k) and len(self.toks[k].text) == 1)):
            k -= 1
        return bool(self.word(k)) and self.toks[k].lower in ("им", "имени")

    def _quoted(self, i: int, j: int) -> bool:
        """Whether tokens `i`…`j` are all a quoted name: a building's or club's («Халық Арена»), not a person."""
        return i > 0 and j + 1 < len(self.toks) and self.toks[i - 1].text in "«\"“" and self.toks[j + 1].text in "»\"”"

    def _person_run(self, i: int, j: int) -> None:
        if self._named_after(i) or self._quoted(i, j):
            return
        while i < j and _place_word(self.toks[i].text):
            i += 1  # "Польши Томашем Гродзким", "Казахстана-Елбасы …": the place is not the name
        words = [self.toks[k].text for k in range(i, j + 1)]
        if any(not _CYRILLIC.search(w) for w in words) or _place_word(words[0]) or _place_word(words[-1]):
            return  # "Новой Зеландии", "Штатов Америки": a place, not a person
        roman = self.toks[j + 1].text if j + 1 < len(self.toks) and re.fullmatch(r"[IVX]+", self.toks[j + 1].text) else ""
        if roman and any(p.is_known and "Name" in p.tag for p in _parses(words[-1])):
            case = next((p.tag.case for p in _parses(words[-1]) if "Name" in p.tag), None)
            self.add("person", f"{_noun_lemma(words[-1], case, prefer='Name')} {roman}", "person", j, j + 1)
            return  # "Королевы Елизаветы II": a monarch
        hint = self._gender_hint(j)
        if len(words) == 1:
            initial = self._initial_before(i)
            if initial or (_surname_shaped(words[0]) and i != self.first):
                nominative = _person_lemma("", words[0], gender_hint=hint)[1]
                start = self.text.rfind(initial, 0, self.toks[i].start) if initial else self.toks[i].start
                self.claimed[i] = True
                self.found.append(_Found("person", nominative, "person", start, self.toks[i].end,
                                         surname=nominative, initial=initial[:1]))
            return
        strong = any(_patronymic(w) or _surname_shaped(w) for w in words) or \
            any(p.is_known and "Name" in p.tag for w in words for p in _parses(w)) or \
            any(not any(p.is_known for p in _parses(w)) for w in words)
        if not strong:
            return
        known_name = [any(p.is_known and "Name" in p.tag for p in _parses(w)) for w in words]
        if len(words) >= 3 and not known_name[0] and known_name[1] and not _patronymic(words[2]):
            self._person_run(i + 1, j)  # "Балтфлоту Роман Мартов": the name starts at "Роман"
            return
        if len(words) == 2 and _patronymic(words[1]) and not _KAZAKH_SURNAME.search(words[1].lower()):
            return  # "Герман Михайлович": no surname to file the person under ("Берик Абдыгалиулы" has one)
        middle: tuple[str, ...] = ()
        if len(words) >= 3 and _patronymic(words[2]):  # decree order: Фамилия Имя Отчество
            name, surname, last = words[1], words[0], i + 2
        elif len(words) >= 3 and _patronymic(words[1]):  # Имя Отчество Фамилия
            name, surname, last = words[0], words[2], i + 2
        elif _surname_like(words[0]) and not _surname_like(words[1]) and \
                any(p.is_known and "Name" in p.tag for p in _parses(words[1])) and \
                not any(p.is_known and "Name" in p.tag for p in _parses(words[0])):
            name, surname, last = words[1], words[0], i + 1  # Фамилия Имя
        elif len(words) == 3 and not any(_surname_like(w) for w in words[:2]):
            name, middle, surname, last = words[0], (words[1],), words[2], i + 2  # Кэтрин Джейн Лич
        else:
            name, surname, last = words[0], words[1], i + 1
        lemma, nominative = _person_lemma(name, surname, middle, hint or self._feminine(name, surname))
        self.add("person", lemma, "person", i, last, surname=nominative)
        if j > last + 1:
            self._person_run(last + 1, j)

    # -- places the dictionary knows, alone: "Германии", "в Щучинске" --
    def known_places(self) -> None:
        for i, tok in enumerate(self.toks):
            if tok.word and self.free(i) and len(tok.text) > 1 and tok.text.isupper() and \
                    _parses(tok.text) and _parses(tok.text)[0].is_known and "Geox" in _parses(tok.text)[0].tag:
                self.add("place", tok.text, "known-place", i, i)  # "США", "ФРГ"
                continue
            if not (tok.word and self.free(i) and _is_capitalised(tok.text)) or tok.lower in _NEVER:
                continue
            parses = _parses(tok.text)
            top = parses[0] if parses else None
            prep = self.word(i - 1)  # a preposition, or an adjective of the name
            if top is None or "Geox" not in top.tag:
                self._unknown_place(i, prep)
                continue
            if top.is_known and (i != self.first or all("Geox" in p.tag for p in parses if p.is_known)):
                name, first = _restore_case(tok.text, top.normal_form), i
                if prep and self.free(i - 1) and _is_capitalised(prep.text) and i - 1 != self.first \
                        and (adjective := _adjective_lemma(prep.text, top.tag.case, top.tag.number,
                                                           top.tag.gender or "masc")):
                    name, first = f"{adjective} {name}", i - 1  # "Центральной Азии", "Южной Кореи"
                self.add("place", name, "known-place", first, i)
            elif not top.is_known and prep and prep.lower in _PLACE_PREPOSITIONS and top.score >= 0.5:
                self.add("place", _restore_case(tok.text, top.normal_form), "settlement", i, i)

    def _unknown_place(self, i: int, prep: _Tok | None) -> None:
        """"в Бурабае": a word the dictionary does not know, whose guessed readings include a place
        in the case its preposition governs, is that place, though a first name is guessed likelier."""
        parses = _parses(self.toks[i].text)
        if not prep or prep.lower not in _PLACE_PREPOSITIONS or any(p.is_known for p in parses):
            return
        place = next((p for p in parses if "Geox" in p.tag and p.tag.case == _PLACE_PREPOSITIONS[prep.lower]), None)
        if place is not None:
            self.add("place", _restore_case(self.toks[i].text, place.normal_form), "settlement", i, i)


#: A first name and the feminine-only form of an -ов/-ин surname (-овой, -овою), its stem captured.
_FEMININE_SURNAME = re.compile(rf"\b([А-ЯЁ]\w+)\s+([А-ЯЁ]\w+(?:{_STEM_ENDINGS}))(?:ой|ою)\b")


def _woman(name: str, stem: str) -> tuple[str, str]:
    """The key of a woman named in a release: her first name's first four letters and her surname's stem."""
    return name[:4].lower(), stem.lower()


def feminine_surnames(sentences: Iterable[str]) -> frozenset[tuple[str, str]]:
    """The women a release names in a form only a woman's surname has ("Гульшары Абдыкаликовой"), as
    `_woman` keys, so her other mentions ("Гульшару Абдыкаликову": a man's dative or a woman's
    accusative) read feminine, and a man of the same family ("Ержана Сейткалиева") does not."""
    return frozenset(_woman(m.group(1), m.group(2)) for text in sentences for m in _FEMININE_SURNAME.finditer(text))


def find_mentions(sentence: str, matcher: Matcher, title_keys: frozenset[str] = frozenset(),
                  feminine: frozenset[tuple[str, str]] = frozenset()) -> list[_Found]:
    """Every candidate mention in one sentence, in text order; `feminine` as `feminine_surnames` gives
    for the sentence's release."""
    s = _Sentence(sentence, matcher, title_keys, feminine)
    s.places()
    s.republics()
    s.quoted_names()
    s.companies()
    s.bodies()
    s.abbreviations()
    s.titles()
    s.persons()
    s.known_places()
    return sorted(s.found, key=lambda f: f.start)


# ---------------------------------------------------------------------------------------------
# Releases


Warn = Callable[[str], None]


def release_sentences(inputs: Iterable[Path], warn: Warn | None = None,
                      read: list[str] | None = None) -> Iterator[tuple[str, int | None, int, str]]:
    """(path, line or None, paragraph, sentence) for every sentence of every Russian document in
    `inputs` (files and folders, discovered as `translate` discovers them: translations such as
    en.txt are not sources). Unreadable documents are reported to `warn` and skipped; the paths
    of those read are appended to `read`."""
    found: list[Path] = []
    for item in inputs:  # one at a time: output names, which may clash across inputs, do not matter here
        pairs, problems = discover([item], Path(os.devnull))
        found += [path for path, _rel in pairs if path not in found]
        for problem in problems:
            if problem.status == "failed" and warn:
                warn(f"{problem.source}: {problem.reason}")
    for path in found:
        try:
            doc = read_document(path)
        except NotRussian:
            continue
        except InputError as exc:
            if warn:
                warn(str(exc))
            continue
        if read is not None:
            read.append(str(path))
        text = read_russian_text(path) if doc.format.text_encoding else ""
        cursor = 0
        for seg in doc.segments:
            line = None
            if text:
                at = text.find(seg.source, cursor)
                if at < 0:
                    at = text.find(seg.source[:24], cursor)
                if at >= 0:
                    cursor = at
                    line = text.count("\n", 0, at) + 1
            yield str(path), line, seg.paragraph + 1, seg.source


def _known_keys(glossary: Glossary) -> set[str]:
    return {term_key(form) for t in glossary.terms for form in (t.ru, *t.ru_variants)}


def _collect(found: list[_Found], path: str, line: int | None, paragraph: int, sentence: str,
             groups: dict[tuple[str, str], Candidate], surnames_only: list[tuple[_Found, Mention]]) -> None:
    """File one sentence's mentions under their candidates (a surname alone waits for its owner)."""
    for f in found:
        mention = Mention(path, line, paragraph, sentence[f.start:f.end], sentence, f.start, f.end)
        if f.kind == "person" and " " not in f.lemma:
            surnames_only.append((f, mention))
            continue
        key = (f.kind, term_key(f.lemma))
        cand = groups.setdefault(key, Candidate(f.kind, f.lemma, f.form, stem=f.stem, surname=f.surname))
        cand.mentions.append(mention)


def suggest(inputs: Iterable[Path], glossary: Glossary, warn: Warn | None = None,
            read: list[str] | None = None) -> list[Candidate]:
    """The candidates of the releases in `inputs` that `glossary` does not know, most mentioned
    first within each kind (kinds in the order of `KINDS`)."""
    matcher = Matcher(glossary)
    titles = frozenset(term_key(t.ru) for t in glossary.terms if t.type == "title")
    known = _known_keys(glossary)
    groups: dict[tuple[str, str], Candidate] = {}
    surnames_only: list[tuple[_Found, Mention]] = []
    for _path, rows in groupby(release_sentences(inputs, warn, read), key=lambda row: row[0]):
        rows = list(rows)
        feminine = feminine_surnames(row[3] for row in rows)
        for path, line, paragraph, sentence in rows:
            _collect(find_mentions(sentence, matcher, titles, feminine), path, line, paragraph, sentence,
                     groups, surnames_only)
    people = [c for c in groups.values() if c.kind == "person"]
    for f, mention in surnames_only:
        owner = next((c for c in people if term_key(c.surname) == term_key(f.surname)
                      and (not f.initial or c.lemma[:1] == f.initial)), None)
        if owner is not None:
            owner.mentions.append(mention)
        elif f.initial:  # "М.Ашимбаев" with no full name anywhere: the surname, for an editor
            groups.setdefault(("person", term_key(f.lemma)),
                              Candidate("person", f.lemma, "person", surname=f.surname)).mentions.append(mention)
    kept = [c for c in groups.values() if term_key(c.lemma) not in known]
    shorter: dict[tuple[str, str], str] = {}  # (type, leading words of an entry) → the entry
    for t in glossary.terms:
        words = term_key(t.ru).split()
        for n in range(1, len(words)):
            shorter.setdefault((t.type, " ".join(words[:n])), t.ru)
    for cand in kept:
        cand.short_of = shorter.get((GLOSSARY_TYPES[cand.kind], term_key(cand.lemma)), "")
    order = {k: n for n, k in enumerate(KINDS)}
    return sorted(kept, key=lambda c: (order[c.kind], -c.count, c.lemma))


def draft_columns() -> list[str]:
    """The shipped glossaries' header, with `status` last."""
    shipped = sorted(SHIPPED_GLOSSARIES.glob("*.tsv")) if SHIPPED_GLOSSARIES.is_dir() else []
    header = shipped[0].read_text(encoding="utf-8").split("\n", 1)[0].strip().split("\t") if shipped \
        else [c for c in columns() if c != "status"]
    return [*[c for c in header if c != "status"], "status"]


def draft_tsv(candidates: Iterable[Candidate]) -> str:
    """The candidates as a glossary TSV, every row `status=proposed`."""
    columns = draft_columns()
    lines = ["\t".join(columns)]
    for cand in candidates:
        row = cand.row()
        lines.append("\t".join(" ".join(row.get(c, "").split()) for c in columns))
    return "\n".join(lines) + "\n"


def check_inputs(inputs: list[Path]) -> None:
    """A missing input is a usage error before any work."""
    for item in inputs:
        if not os.path.lexists(item):
            raise UsageError(f"input not found: {item}")
