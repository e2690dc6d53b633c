"""Find glossary terms in Russian text in every inflected form.

Russian press releases decline names and titles ("в Экибастузе", "Карагандинской области",
"Олжасом Бектеновым"), so a term is matched as a token sequence where each word matches by lemma
(pymorphy3) and declinable words must agree in case and number. The case of the head word is kept
on the Hit because the Kazakh output needs the matching case suffix.

Rules editors asked for, in one place:
- Words before the head noun (adjectives) agree with it; words after it (genitive complements:
  "энергетики", "государства", "Абай") must appear exactly as written in the glossary.
- Kazakh names pymorphy3 does not know (Бектенов, Экибастуз, Бейсекин) are matched by a small
  declension table on their stem, which also yields the right case; pymorphy3's guesser gives
  wrong lemmas and cases for them ("бектеновым" → plural dative).
- A person entry "Имя Фамилия" also matches "Фамилия Имя" (decree order, with an optional
  patronymic) and the surname alone. `expected_target` gives the target an editor then expects:
  the full name, or only the surname for a surname-alone hit.
- All-caps abbreviations (ВКО, МНЭ, РК) match exactly and case-sensitively.
- A full name with its surname misspelt by one letter ("Кумара Акскалова") is the person: the
  first name, matched exactly, vouches for it; a surname alone must be exact.
- Case comes from government: one table of prepositions (`_PREPOSITIONS`), the verb before the
  term, a noun governing a genitive; an item of a list ("принял акима X, акима Y и акима Z") has
  the case of the list's head, a name in apposition that of its head ("акима … Берика Уали",
  "города Курчатов").
- A title after "заместитель" is another office ("Заместитель председателя Мажилиса"), and so is
  the title of a single office heading another body's name ("президент Ассоциации …").
- Overlaps: the longest match wins; shorter terms keep the words it does not use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from typing import Literal

import pymorphy3
from pymorphy3.analyzer import Parse

from pipeline.glossary.model import Glossary, Hit, Term
from pipeline.languages.base import is_all_caps, target_of, unify_hyphens
from pipeline.lookalikes import CYRILLIC, to_cyrillic

#: A hyphen joins words ("Нур-Султан"), not a year or number ("Послания Президента-2025").
_WORD = re.compile(r"₸|\w+(?:-(?!\d)\w+)*")
#: "Т178 млрд": press releases write the tenge sign as a Cyrillic Т glued to the amount.
_TENGE_T = re.compile(r"Т(?=\d)")
TENGE_SIGN = "₸"
#: What may stand between two words of one phrase: space, and quotes ("проекта «Комфортная школа»",
#: "отдано «за» Нуралхана Кушерова").
_GAP = re.compile(r"\s+|\s*[«»\"“”„]\s*")
_PYMORPHY_CASES = {"nomn": "nom", "voct": "nom", "gent": "gen", "gen2": "gen", "datv": "dat",
                   "accs": "acc", "acc2": "acc", "ablt": "ins", "loct": "loc", "loc2": "loc"}
#: The government table: the cases each preposition allows for the noun phrase right after it
#: (the one place this is decided). "в"/"на" take a place in the locative or, after a verb or
#: noun of direction, the accusative; "за"/"под" the instrumental or the accusative, whose
#: animate form is the genitive's ("голосовать за Нуралхана Кушерова" is accusative: the
#: candidates' readings and this table decide together, see `_agreement`).
_PREPOSITIONS = {
    **dict.fromkeys(("в", "во", "на"), {"acc", "loc"}),
    **dict.fromkeys(("о", "об", "обо", "при"), {"loc"}),
    **dict.fromkeys(("к", "ко", "по", "благодаря", "согласно", "вопреки", "навстречу", "подобно",
                     "соответственно"), {"dat"}),
    **dict.fromkeys(("с", "со"), {"ins", "gen"}),
    **dict.fromkeys(("над", "надо", "перед", "передо", "между", "меж"), {"ins"}),
    **dict.fromkeys(("за", "под", "подо"), {"ins", "acc"}),
    **dict.fromkeys(("через", "сквозь", "про", "спустя", "включая", "исключая"), {"acc"}),
    **dict.fromkeys(("из", "изо", "от", "ото", "до", "для", "у", "без", "безо", "после", "около",
                     "возле", "среди", "кроме", "из-за", "из-под", "вокруг", "против", "вне",
                     "ради", "вместо", "вдоль", "внутри", "мимо", "напротив", "помимо",
                     "посредством", "накануне", "ввиду", "вследствие", "сверх", "близ",
                     "позади", "впереди", "вроде", "насчет", "насчёт", "относительно",
                     "касательно", "свыше"), {"gen"}),
}
#: Verbs of arriving, after which "в"/"на" + place says whither, also fronted: "прибыл в Актау",
#: "в Алматы прибудет рейс".
_ARRIVED = frozenset({"прибыть", "прибывать", "приехать", "приезжать", "прилететь", "вернуться", "переехать"})
#: Words after which "в"/"на" + place means direction (accusative), not location: "прибыл в Актау".
_DIRECTION = _ARRIVED | {
    "отправиться", "направиться", "вылететь", "поехать", "съездить", "направить", "отправить",
    "перевести", "поступить", "доставить", "визит", "поездка", "командировка", "переезд", "въезд",
    "рабочий", "вылет", "путь", "дорога", "из", "ссылка",  # "со ссылкой на Минэнерго": accusative
}
#: Prepositions whose accusative says whither and whose other case says where: "прибыл в Актау" and
#: "в Актау прошло", "под Алматы" (near) after no verb of direction.
_WHERE_OR_WHITHER = frozenset({"в", "во", "на", "под", "подо"})
#: Verbs that govern a case other than the accusative for their object (a small table of what
#: press releases use): "поручил Министерству" (dat), "руководит Правительством" (ins); a place or
#: body after a verb of giving is its recipient ("подарят области Абай", "выделить акимату").
_VERB_CASES = {
    **dict.fromkeys(("поручить", "поручать", "доложить", "докладывать", "сообщить", "помочь",
                     "способствовать", "пожелать", "позвонить", "звонить", "подарить", "дарить", "выделить",
                     "выделять"), "dat"),
    **dict.fromkeys(("руководить", "стать", "являться", "управлять", "работать"), "ins"),
}
#: Prepositional phrases whose noun governs the genitive of what follows: "по словам акима", also
#: after a verb that would take the name as its object ("Судя по докладу акима").
_GENITIVE_PHRASES = frozenset({("по", "слово"), ("по", "данные"), ("по", "информация"), ("по", "поручение"),
                               ("по", "доклад"), ("по", "инициатива"), ("по", "приглашение"), ("по", "мнение"),
                               ("со", "слово"), ("под", "председательство"), ("под", "руководство")})
#: Verbs that credit a source after the fact, subject after them: ", — сообщает Министерство".
_REPORTING = frozenset({"сообщать", "сообщить", "передавать", "писать", "информировать", "отмечать",
                        "заявлять", "говориться"})
#: What opens an attribution before its reporting verb: "Об этом сообщает МИД", "Как сообщает МВД".
_ATTRIBUTION_OPENERS = (("об", "этом"), ("как",))
#: The stem endings of a Russian-formed surname, before any case ending: "Ашимбаев", "Карин", "Сапаровой".
SURNAME_STEM_ENDINGS = "ов|ев|ёв|ин|ын"
#: A capitalised surname in any case: after a word that matched a surname alone, it makes that word
#: a first name ("Сатыбалды Буршаков").
_SURNAME_AFTER = re.compile(rf"^[А-ЯЁӘҒҚҢӨҰҮІҺ]\w+(?:{SURNAME_STEM_ENDINGS}|улы|ұлы|кызы|қызы)"
                            r"(?:а|у|ым|ом|е|ой|ою)?$")
#: Initials before a surname: "М.Ашимбаев", "Н.А. Назарбаева".
_INITIAL = re.compile(r"(?<![\w.])(?:[А-ЯЁӘҒҚҢӨҰҮІҺ]\.\s?){1,2}$")
#: Power plants named by a place before them: "Риддер ТЭЦ".
PLANTS = frozenset({"тэц", "грэс", "гэс", "аэс", "тэс"})
#: A figure in brackets after a word, an aside the sentence reads past: "Акмолинская (15,7%)".
_FIGURE_ASIDE = re.compile(r"\(\s*\d[\d\s.,%+–-]*\)")
_WORD_BEFORE = re.compile(r"(\w+)\s*$")
#: Inside the quoted name of a company, a plant or a reserve, up to a place: "компании «АрселорМиттал "
#: before "Темиртау»", 'резервата "' before 'Семей орманы"'.
_IN_COMPANY_NAME = re.compile(r"(?:\b[Кк]омпани\w*|\bАО|\bТОО|\bАҚ|\bЖШС|[Кк]орпораци\w*|[Хх]олдинг\w*|"
                              r"\b(?:резерват|заповедник|нацпарк|парк|лесничеств|завод|комбинат|санатори)\w*)"
                              r"\s*[«\"][^«»\"]*$")
#: A programme's, concept's, campaign's or contest's quoted name open right before a place, which is
#: a word of that name ("концепцию «Дети Казахстана»", "акции «Алматы – город-сад»"), as the glossary's
#: own programmes hold theirs ("Цифровой Казахстан"); a project's names a thing built ("проект
#: «Обводная г. Алматы»"), whose places are the release's.
#: The quote opens after a space: in 'Форум "Цифровая стратегия" в Астане' the quote after the word closes.
_IN_PROGRAMME_NAME = re.compile(r"(?:концепци|программ|акци|кампани|конкурс|стратеги|инициатив)\w*"
                                r"\s+[«\"“„][^«»\"“”]*$", re.IGNORECASE)
#: An outlet a release is credited to, named by a capitalised adjective before a place: ", передает Деловой
#: Казахстан" is the newspaper.
OUTLET_NAME = re.compile(r"\b(?:передает|передаёт|сообщает|пишет|информирует)\s+[А-ЯЁ][а-яё]+(?:ой|ый|ий|ая|ое)\s+$")
#: "имени" and a person's initials before a name: "Канал им. К. Сатпаева", "школа имени Абая" (the
#: matcher's places and `suggest`'s persons alike: the namesake, not a mention).
NAMED_AFTER = re.compile(r"(?<![\w-])(?:им\.|имени)\s*(?:[^\W\d_]\.\s*){0,3}$", re.IGNORECASE)
#: A quoted name opening with a company's word, capitals inside it or in Latin letters: "в «АрселорМиттал Темиртау»".
_QUOTED_COMPANY = re.compile(r"[«\"](?:[А-ЯЁ][а-яё]+[А-ЯЁ]\w*|[A-Z]\w*)\s[^«»\"]*$")
#: Possessives that may stand inside a title ("Главы наших государств").
_POSSESSIVES = frozenset({"наш", "ваш", "свой"})
#: How many states a title's holders lead: "глав двух государств".
_STATE_COUNTS = frozenset({"два", "оба", "три", "четыре"})
_PATRONYMIC = re.compile(r"(?:ович|евич|ич)(?:а|у|ем|е)?$|(?:овн|евн|ичн)(?:а|ы|е|у|ой|ою)$")
_CASE_ORDER = ("nom", "gen", "acc", "dat", "ins", "loc")

Number = Literal["sing", "plur"]
PatternKind = Literal["full", "reversed", "surname", "adjective", "plural"]


@dataclass(frozen=True)
class Reading:
    """One morphological reading of a word: lemma, Kazakh-style case, number and probability."""

    lemma: str
    case: str | None
    number: Number | None
    score: float
    animate: bool = False


# Endings for names pymorphy3 does not know: (ending, case, number, score), singular only;
# press releases do not pluralise names. Scores order the usual reading first.
_SURNAME = (("", "nom", 1.0), ("а", "gen", 0.6), ("а", "acc", 0.4), ("у", "dat", 1.0),
            ("ым", "ins", 1.0), ("е", "loc", 1.0))
_HARD = (("", "nom", 0.6), ("", "acc", 0.4), ("а", "gen", 1.0), ("у", "dat", 1.0),
         ("ом", "ins", 1.0), ("ем", "ins", 1.0), ("е", "loc", 1.0))
_HARD_ANIMATE = (("", "nom", 1.0), ("а", "gen", 0.6), ("а", "acc", 0.4), ("у", "dat", 1.0),
                 ("ом", "ins", 1.0), ("ем", "ins", 1.0), ("е", "loc", 1.0))
_FEM_A = (("а", "nom", 1.0), ("я", "nom", 1.0), ("ы", "gen", 1.0), ("и", "gen", 1.0),
          ("е", "dat", 0.4), ("е", "loc", 0.6), ("у", "acc", 1.0), ("ю", "acc", 1.0),
          ("ой", "ins", 1.0), ("ей", "ins", 1.0))
_FEM_SOFT = (("ь", "nom", 0.6), ("ь", "acc", 0.4), ("и", "gen", 0.5), ("и", "dat", 0.2),
             ("и", "loc", 0.3), ("ью", "ins", 1.0))
#: A woman's -ова/-ева/-ина surname (stem without the -а): "Назарбаевой" is genitive, dative,
#: instrumental or locative, never a form of "Назарбаев".
_SURNAME_FEMININE = (("а", "nom", 1.0), ("ой", "gen", 0.4), ("ой", "dat", 0.2), ("ой", "ins", 0.2),
                     ("ой", "loc", 0.2), ("у", "acc", 1.0), ("ою", "ins", 1.0))
_SURNAME_SUFFIXES = ("ов", "ев", "ин", "ын")
#: A name ending in these vowels does not decline in Russian ("Берика Уали", "Дархана Сатыбалды").
_INDECLINABLE_FINALS = ("ы", "и", "у", "ю", "е", "о", "э", "і", "ү", "ұ")
# Adjective endings after -ск- ("Экибастузская ТЭЦ"): (ending, case, score); the number is that of
# the noun the adjective goes with, so singular readings are enough for a place named by it.
_ADJECTIVE = (("ий", "nom", 0.6), ("ий", "acc", 0.4), ("ая", "nom", 1.0), ("ое", "nom", 0.6),
              ("ое", "acc", 0.4), ("ие", "nom", 0.6), ("ие", "acc", 0.4), ("ого", "gen", 1.0),
              ("ой", "gen", 0.4), ("ой", "dat", 0.2), ("ой", "ins", 0.2), ("ой", "loc", 0.2),
              ("ому", "dat", 1.0), ("ую", "acc", 1.0), ("им", "ins", 1.0), ("ом", "loc", 1.0),
              ("их", "gen", 0.6), ("их", "loc", 0.4), ("им", "dat", 0.3), ("ими", "ins", 1.0))
#: Russian and Kazakh vowels.
VOWELS = frozenset("аеёиоуыэюяіүұөә")


@lru_cache(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    """The shared analyzer (loading its dictionaries takes a noticeable fraction of a second)."""
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def readings(word: str) -> tuple[Reading, ...]:
    """All pymorphy3 readings of a lower-case word, cases mapped to nom/gen/dat/acc/loc/ins."""
    out = []
    for parse in morph().parse(word):
        case = _PYMORPHY_CASES.get(parse.tag.case or "")
        number = parse.tag.number if parse.tag.number in ("sing", "plur") else None
        # an adjective marks animacy only in the accusative: its other cases fit an animate head
        # ("Государственного советника": genitive, not only the accusative)
        animate = "anim" in parse.tag or (parse.tag.POS in ("ADJF", "PRTF") and "inan" not in parse.tag)
        out.append(Reading(parse.normal_form.replace("ё", "е"), case, number, parse.score, animate))
    return tuple(out)


#: A relational adjective in the nominative singular, its stem captured: "Жарминский", "Карагандинская".
_RELATIONAL_STEM = re.compile(r"(.+)(?:ский|ская|цкий|цкая)")


def relational_stem(adjective: str) -> str:
    """The stem of a place's relational adjective in the nominative singular ("Жарминский" →
    "Жармин", "Карагандинская" → "Карагандин"), or "" for another word."""
    m = _RELATIONAL_STEM.fullmatch(adjective)
    return m.group(1) if m else ""


#: A relational adjective's ending, which pymorphy3 may not know on a rare stem ("аксуский" as a noun).
_RELATIONAL_ADJECTIVE = re.compile(r"(?:ск|цк)(?:ий|ая|ое|ие)$")
#: Such an adjective in any case: "Жарминского", "Аягозском".
RELATIONAL_ADJECTIVE_FORM = re.compile(
    rf"(?:ск|цк)(?:{'|'.join(sorted({e for e, _, _ in _ADJECTIVE}, key=len, reverse=True))})$")


@lru_cache(maxsize=200_000)
def _is_adjective(word: str) -> bool:
    if _RELATIONAL_ADJECTIVE.search(word):
        return True
    nominative = [p for p in morph().parse(word) if p.tag.case == "nomn"]
    return bool(nominative) and nominative[0].tag.POS in ("ADJF", "PRTF")


def is_patronymic(word: str) -> bool:
    """A Russian patronymic in any case: "Кемелевич", "Нурсултановне", "Васильевича"."""
    return bool(_PATRONYMIC.search(fold(word).lower()))


def fold(word: str) -> str:
    """Fold ё→е, Latin look-alike letters inside Cyrillic words and the Kazakh letters a Russian text
    may write a Kazakh name with ("Қонаев" for "Конаев"); keeps the length."""
    return to_cyrillic(word).translate(_RUSSIAN_LETTERS)


#: Letters folded for matching: ё, and the Kazakh letters that Russian spells with its own.
_RUSSIAN_LETTERS = str.maketrans("ёЁқҚғҒңҢөӨұҰүҮһҺіІәӘ", "еЕкКгГнНоОуУуУхХиИаА")


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    folded: str  # original letter case, ё and look-alikes folded

    @property
    def lower(self) -> str:
        return self.folded.lower()


#: A road's name opening right here, quoted or not: "автодороги «", "дороги " (its places may be
#: joined by bare hyphens).
_ROAD_NAME_OPENS = re.compile(r"(?:авто)?(?:дорог|трасс|магистрал)\w*\s*[«\"“„]?$", re.IGNORECASE)


def tokenize(text: str) -> list[_Token]:
    """Words with their character offsets; hyphenated words stay one token; a tenge sign (₸, or
    Т before digits) is a token of its own, folded to ₸."""
    tokens = []
    for m in _WORD.finditer(text):
        if _TENGE_T.match(m.group()):
            tokens.append(_Token(m.start(), m.start() + 1, TENGE_SIGN))
            tokens.append(_Token(m.start() + 1, m.end(), fold(m.group()[1:])))
        else:
            tokens.append(_Token(m.start(), m.end(), fold(m.group())))
    return tokens


#: What stands between a compound's hanging first part and the next item of its list: its hyphen
#: (which a writer may drop: "Западно, Восточно- и Северо-Казахстанская"), a comma or "и"/"или".
_HANGING_GAP = re.compile(r"(-?)\s*(?:,|и|или)\s*")


def completed_compounds(text: str, tokens: list[_Token]) -> list[_Token]:
    """`tokens` with each hanging first part of a compound completed by the second part of the
    compound that closes its list: "Западно-, Восточно- и Северо-Казахстанская области" lists three
    regions, read as "Западно-Казахстанская, Восточно-Казахстанская и Северо-Казахстанская" (each
    part's span taking its hyphen, so the mention is what the release wrote)."""
    out = list(tokens)
    for k, token in enumerate(tokens):
        first, _, rest = token.folded.partition("-")
        if not rest or not first.endswith("о") or "-" in rest:
            continue
        item = k
        while True:
            j = item - 1 - (item > 1 and tokens[item - 1].lower in ("и", "или"))
            gap = _HANGING_GAP.fullmatch(text, tokens[j].end, tokens[item].start) if j >= 0 else None
            part = tokens[j].folded if j >= 0 else ""
            if gap is None or not part[:1].isupper() or not part.endswith("о") or "-" in part \
                    or not (gap.group(1) or morph().parse(tokens[j].lower)[0].tag.POS == "ADJS"):
                break  # without its hyphen only a short adjective's form ("Западно,"), never a name ("Медео")
            out[j] = _Token(tokens[j].start, tokens[j].end + len(gap.group(1)), f"{tokens[j].folded}-{rest}")
            item = j
    return out


def road_name_places(text: str, tokens: list[_Token]) -> list[_Token] | None:
    """`tokens` with each hyphenated word of a road's name split into its places ("автодороги
    «Актобе-Карабутак-Улгайсын»"), or None when the text has no such word."""
    out, split = [], False
    for token in tokens:
        parts = token.folded.split("-")
        if len(parts) > 1 and all(part[:1].isupper() for part in parts) \
                and _ROAD_NAME_OPENS.search(text, max(0, token.start - 30), token.start):
            at = token.start
            for part in parts:
                out.append(_Token(at, at + len(part), fold(text[at:at + len(part)])))
                at += len(part) + 1
            split = True
        else:
            out.append(token)
    return out if split else None


def _keys(word: str) -> set[str]:
    """Index keys under which a pattern starting with `word` (lower case) may be filed."""
    return {word, *(word[:-n] for n in (1, 2, 3) if len(word) > n), *(r.lemma for r in readings(word))}


def _is_abbreviation(word: str) -> bool:
    return word.replace("-", "").isalpha() and is_all_caps(word)


@dataclass(frozen=True)
class _Slot:
    """One word of a pattern and how a text word may match it."""

    folded: str
    agrees: bool  # declines with the head; otherwise must appear exactly as written
    exact_case: bool
    lemmas: frozenset[str]
    animate: bool = False  # people and titles: prefer "глава" (head) over "глава" (chapter)
    stem: str = ""
    endings: tuple[tuple[str, str, float], ...] = ()

    @property
    def lower(self) -> str:
        return self.folded.lower()

    def keys(self) -> set[str]:
        """Index keys under which a text word could match this slot."""
        keys = {self.lower}
        if self.agrees:
            keys |= self.lemmas
            if self.endings:
                keys.add(self.stem)
        return keys

    def match(self, token: _Token) -> tuple[Reading, ...] | None:
        """The readings under which `token` matches, () for an exact indeclinable match, else None."""
        if self.exact_case and not self._same_case(token.folded):
            return None
        word = token.lower
        if not self.agrees or (word == self.lower and not CYRILLIC.search(word)):
            # a word in Latin letters does not decline in Russian ("Telegram-канал Aqorda"): its
            # context decides its case, not pymorphy's guess
            return () if word == self.lower else None
        if self.endings and word.startswith(self.stem):
            ending = word[len(self.stem):]
            found = tuple(Reading(self.lower, c, "sing", s, self.animate)
                          for e, c, s in self.endings if e == ending)
            if found:
                return found
            if self.endings in (_SURNAME, _SURNAME_FEMININE):
                return None  # a form the table lacks is the other sex's: "Назарбаевой" is no form of Назарбаев
        if self.animate and word == self.lower and word[-1:] in _INDECLINABLE_FINALS:
            # a name that does not decline is in every case ("Уали", "Сатыбалды"): its neighbours
            # and the context decide, not pymorphy's guess ("сатыбалды" as a plural)
            return tuple(Reading(self.lower, case, "sing", 1.0, True) for case in _CASE_ORDER)
        found = tuple(r for r in readings(word) if r.lemma in self.lemmas)
        if self.animate:
            found = tuple(r for r in found if r.animate) or found
            if word == self.lower:  # animate accusative = genitive, never the dictionary form
                found = tuple(r for r in found if r.case != "acc") or found
            elif not any(r.case == "acc" for r in found):
                # a name pymorphy knows only as a thing ("Дархан", a town): a man's genitive is
                # his accusative too ("принял … Дархана Сатыбалды")
                found += tuple(replace(r, case="acc", score=r.score * 0.7, animate=True) for r in found
                               if r.case == "gen" and r.number == "sing" and r.lemma[-1:] not in VOWELS)
        elif any(r.case == "nom" and r.number == "plur" for r in found) and \
                not any(r.case == "acc" and r.number == "plur" for r in found):
            # a thing's plural accusative is its nominative, though pymorphy, guessing a word it
            # does not know, reads a person ("маслихаты" as a name's plural): "выборы в … маслихаты"
            found += tuple(replace(r, case="acc", score=r.score * 0.7, animate=False) for r in found
                           if r.case == "nom" and r.number == "plur")
        if found:
            return found
        return () if word == self.lower else None

    def match_misspelt(self, token: _Token) -> tuple[Reading, ...] | None:
        """The readings of a surname written with one letter left out, added, changed or two
        swapped ("Акскалова" for "Аксакалова"), by its endings, or undeclined ("Стыбалды" for
        "Сатыбалды": every case); None for any other word. Only for a name whose first name
        matched exactly: alone, one letter makes another surname."""
        word = token.lower
        if not token.folded[:1].isupper():
            return None
        if not self.endings and len(self.lower) >= 6 and self.lower[-1:] in _INDECLINABLE_FINALS \
                and _one_edit(word, self.lower):
            return tuple(Reading(self.lower, case, "sing", 1.0, self.animate) for case in _CASE_ORDER)
        if not self.endings or len(self.stem) < 5:
            return None
        found = tuple(Reading(self.lower, c, "sing", s, self.animate) for e, c, s in self.endings
                      if word.endswith(e) and _one_edit(word[:len(word) - len(e)], self.stem))
        return found or None

    def _same_case(self, word: str) -> bool:
        if not self.agrees:
            return word == self.folded
        if self.folded.isupper():
            return word.isupper()
        return word[:1] == self.folded[:1]


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by exactly one deletion, insertion, substitution or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    k = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[k:] == long[k + 1:]


@dataclass(frozen=True)
class _Pattern:
    term: Term
    slots: tuple[_Slot, ...]
    kind: PatternKind


def _endings_for(word: str, surname: bool, animate: bool) -> tuple[str, tuple[tuple[str, str, float], ...]]:
    """Stem and declension table for a name pymorphy3 does not know (a relational adjective's
    included), or any -ов/-ев/-ин surname.

    ("", ()) for words ending in other vowels (Уали, Алматы, Жетісу): Russian does not decline them.
    """
    if surname and word.endswith(_SURNAME_SUFFIXES):
        return word, _SURNAME
    if surname and word[:-1].endswith(_SURNAME_SUFFIXES) and word.endswith("а"):
        return word[:-1], _SURNAME_FEMININE
    if not surname and _RELATIONAL_ADJECTIVE.search(word):
        return word[:-2], _ADJECTIVE  # "Казалинский": pymorphy3 knows "казалинском" only as the town's
    last = word[-1:]
    if last in ("а", "я"):
        return word[:-1], _FEM_A
    if last == "ь":
        return word[:-1], _FEM_SOFT
    if last and last not in VOWELS and last != "й":
        return word, _HARD_ANIMATE if animate else _HARD
    return "", ()


def _slot(word: str, agrees: bool, term: Term, surname: bool) -> _Slot:
    return _word_slot(word, agrees, term.case_sensitive, term.type in ("person", "title"), surname)


@lru_cache(maxsize=100_000)
def _word_slot(word: str, agrees: bool, case_sensitive: bool, animate: bool, surname: bool) -> _Slot:
    """Memoised: a termbase repeats its words (first names, "район", "отдел") thousands of times,
    and each new one costs pymorphy3 look-ups."""
    folded = fold(word)
    lower = folded.lower()
    if _is_abbreviation(folded):
        return _Slot(folded, False, True, frozenset())
    if not agrees:
        return _Slot(folded, False, case_sensitive, frozenset())
    nominative = [r for r in readings(lower) if r.case == "nom"]
    if any(r.lemma == lower and r.number == "sing" for r in nominative):
        nominative = [r for r in nominative if r.number != "plur"]  # "Алматы" is no plural of the name "Алмат"
    lemmas = frozenset({lower} | {r.lemma for r in nominative})
    stem, endings = ("", ())
    if (surname and lower.removesuffix("а").endswith(_SURNAME_SUFFIXES)) or not morph().word_is_known(lower):
        stem, endings = _endings_for(lower, surname, animate)
    return _Slot(folded, True, case_sensitive, lemmas, animate, stem, endings)


def _ministry_of(word: str) -> bool:
    """Whether a word is a ministry's short form made of "мин" and its field in the genitive, which
    does not decline ("в Минтранспорта", "Минпросвещения"; "Минфин", "Минздрав" do)."""
    field = word.removeprefix("мин")
    if field == word or len(field) <= 3:
        return False
    singular = [p.tag for p in morph().parse(field) if p.tag.number == "sing"]
    return any(t.POS == "NOUN" and t.case == "gent" for t in singular) and not any(t.case == "nomn" for t in singular)


def _patterns(term: Term) -> list[_Pattern]:
    """Every word sequence that counts as this term, from the entry and its variants."""
    out = []
    surnames: set[str] = set()
    for form in dict.fromkeys((term.ru, *term.ru_variants)):
        words = [m.group() for m in _WORD.finditer(form)]
        if not words:
            continue
        if term.type == "person":
            slots = [_slot(w, True, term, surname=j == len(words) - 1) for j, w in enumerate(words)]
            out.append(_Pattern(term, tuple(slots), "full"))
            # Each spelling of the surname ("Уразалин", "Оразалин") also stands alone and first;
            # a name and patronymic ("Роман Васильевич", as a speaker addresses him) has none.
            if len(words) >= 2 and fold(words[-1]).lower() not in surnames \
                    and not _PATRONYMIC.search(fold(words[-1]).lower()):
                surnames.add(fold(words[-1]).lower())
                out.append(_Pattern(term, (slots[-1], *slots[:-1]), "reversed"))
                out.append(_Pattern(term, (slots[-1],), "surname"))
            continue
        adjectives = [_is_adjective(fold(w).lower()) for w in words]
        if len(words) >= 2 and _lemma(fold(words[-1]).lower()) in _GENERIC_NOUNS:
            # "Улкен Нарынский район", "Биржан сал район": a name in the Kazakh order before its generic
            # noun, which heads it; its adjectives decline with it, its other words do not
            head = len(words) - 1
            declines = [j == head or adjective for j, adjective in enumerate(adjectives)]
        else:
            head = next((j for j, adjective in enumerate(adjectives) if not adjective), len(words) - 1)
            declines = [j <= head for j in range(len(words))]
        slots = [_slot(w, d, term, surname=False) for w, d in zip(words, declines)]
        out.append(_Pattern(term, tuple(slots), "full"))
        if head + 1 < len(words) and (plural := _plural_complement(words[head + 1])):
            # "заместители акимов", "Главы государств": a plural head's complement is plural too
            slots[head + 1] = _slot(plural, False, term, surname=False)
            out.append(_Pattern(term, tuple(slots), "plural"))
    return out


def _plural_complement(word: str) -> str | None:
    """The genitive plural of a lower-case genitive singular noun ("акима" → "акимов"), else None."""
    if not word.islower():
        return None
    parse = next((p for p in morph().parse(word) if p.tag.POS == "NOUN" and p.tag.case == "gent"
                  and p.tag.number == "sing"), None)
    plural = parse.inflect({"gent", "plur"}) if parse else None
    return plural.word if plural and plural.word != word else None


def _adjective_stems(word: str) -> tuple[str, ...]:
    """Stems of the relational adjective of a one-word place name: Экибастуз → экибастузск-,
    Караганда → карагандинск-, Алматы → алматинск-. None for names that are adjectives already
    (Рудный, Уральск) or end in a soft sign (Сарань: "саранский" is Saransk's)."""
    lower = fold(word).lower()
    if "-" in lower or lower.endswith("стан") or lower.endswith(("ск", "ь", "ый", "ий", "ой")) or _is_adjective(lower):
        return ()
    if lower[-1] in ("а", "я", "ы", "и"):
        return (lower[:-1] + "инск",)
    if lower[-1] in VOWELS:
        return (lower + "нск", lower + "ск") if lower.endswith("е") else (lower + "ск",)
    return (lower + "ск",)


def _adjective_patterns(term: Term) -> list[_Pattern]:
    """A place named by its adjective in a proper name ("на Экибастузской ТЭЦ" mentions
    Ekibastuz, "Карагандинского университета" Karaganda): capitalised only, since lower-case
    "экибастузский" may be generic, and never a country's ("казахстанского" is "Kazakhstani")."""
    if term.type != "place":
        return []
    forms = [f for f in dict.fromkeys((term.ru, *term.ru_variants)) if len(_WORD.findall(f)) == 1]
    return [_Pattern(term, (_Slot(stem.capitalize(), True, True, frozenset(), False, stem, _ADJECTIVE),),
                     "adjective")
            for form in forms for stem in _adjective_stems(form)]


def _signature(pattern: _Pattern) -> tuple:
    return tuple((s.lower, s.agrees) for s in pattern.slots)


@dataclass(frozen=True)
class _Candidate:
    first: int  # token index
    last: int  # token index, inclusive
    pattern: _Pattern
    case: str | None
    number: Number | None
    possible: frozenset[str]  # cases the words allow; empty for indeclinable words

    def rank(self) -> tuple:
        kind = ("full", "reversed", "surname", "adjective", "plural").index(self.pattern.kind)
        return (-(self.last - self.first), kind, self.first)


def _reading_order(key: tuple[str, Number | None]) -> tuple[int, int]:
    """(case, number) in a fixed order, nominative and singular first, so that equal scores never
    depend on the order a set gives (hash seeds differ between processes)."""
    case, number = key
    return (_CASE_ORDER.index(case) if case in _CASE_ORDER else len(_CASE_ORDER), ("sing", "plur", None).index(number))


def _agreement(per_slot: list[tuple[Reading, ...]], person: bool,
               preferences: list[set[str]]) -> tuple[str | None, Number | None, frozenset[str]] | None:
    """Best (case, number) shared by all declinable words, and every case still possible.

    None when the words cannot agree (adjective and noun in different cases).
    """
    keys = {(r.case, r.number) for rs in per_slot for r in rs if r.case}
    scored = []
    for case, number in sorted(keys, key=_reading_order):  # a tie goes to the singular, run after run
        total = 0.0
        for rs in per_slot:
            fits = [r.score for r in rs if r.case in (None, case) and r.number in (None, number)]
            if rs and not fits:
                break
            total += max(fits, default=0.0)
        else:
            scored.append((case, number, total))
    if not scored and person and per_slot[-1]:
        scored = [(r.case, r.number, r.score) for r in per_slot[-1] if r.case]
    if not scored:
        return (None, None, frozenset()) if not keys else None
    scored = [s for s in scored if s[0] in preferences[0]] or scored
    possible = frozenset(s[0] for s in scored)
    for preferred in preferences[1:]:
        scored = [s for s in scored if s[0] in preferred] or scored
    case, number, _ = max(scored, key=lambda s: (s[2], -_CASE_ORDER.index(s[0])))
    return case, number, possible


class Matcher:
    """Finds every occurrence of a glossary's terms; build once per glossary, reuse per text.

    The compiled patterns live in an index file under the pressmt cache (`glossary.index`),
    compiled on the first use of a glossary and read back on later runs.
    """

    def __init__(self, glossary: Glossary) -> None:
        from pipeline.glossary.index import PatternIndex  # it compiles with this module's rules

        self.glossary = glossary
        self._index = PatternIndex(glossary)
        self._by_word: dict[str, list[_Pattern]] = {}
        self._after_head: dict[tuple[str, str], list[_Pattern]] = {}

    @cached_property
    def _bodies(self) -> frozenset[str]:
        """One-word bodies written with a capital ("сенат"), whose own name no other state's body
        shares; read from the glossary once, when a sentence first needs them."""
        return frozenset(_lemma(t.ru.lower()) for t in self.glossary.terms
                         if t.type == "org" and " " not in t.ru and t.ru[:1].isupper())

    def _lookup(self, token: _Token) -> list[_Pattern]:
        """Patterns that may start at `token`, in glossary order (the earlier entry wins a tie)."""
        word = token.lower
        found = self._by_word.get(word)
        if found is None:
            found = self._index.patterns(_keys(word))
            if len(self._by_word) >= 50_000:
                self._by_word.clear()
            self._by_word[word] = found
        return found

    def find(self, text: str) -> list[Hit]:
        """Non-overlapping hits in text order; offsets are into `text`. A road's name written with
        bare hyphens is read whole ("«Нур-Султан»") and, where that finds nothing in it, place by
        place ("«Актобе-Карабутак-Улгайсын»"). A figure in brackets after a name is read past, as if
        it were not there ("Акмолинская (15,7%), Костанайская (15,4%) и Северо-Казахстанская (10,5%)
        области"), a mention keeping it as written; after a common noun it ends the phrase ("По объёму
        инвестиций (22,4%) Алматы вышел"). Any hyphen joins a word, Word's non-breaking one too
        ("Касым‑Жомарт", "Астана‑1")."""
        read = _FIGURE_ASIDE.sub(lambda m: " " * len(m.group()) if _after_name(text, m.start()) else m.group(),
                                 unify_hyphens(text))
        tokens = completed_compounds(read, tokenize(read))
        hits = self._find(read, tokens)
        split = road_name_places(read, tokens)
        if split is not None:
            split = self._rejoined(read, split)
            whole = {(t.start, t.end) for t in tokens} - {(t.start, t.end) for t in split}
            empty = [(a, b) for a, b in whole if not any(h.start < b and a < h.end for h in hits)]
            more = [h for h in self._find(read, split) if any(a <= h.start and h.end <= b for a, b in empty)]
            hits = sorted(hits + more, key=lambda h: h.start)
        return [replace(h, surface=text[h.start:h.end]) for h in hits] if read != text else hits

    def _rejoined(self, text: str, parts: list[_Token]) -> list[_Token]:
        """`parts` with the pieces of a road's name rejoined where together they are one place of the
        glossary, its own hyphen inside ("Нур-Султан-Щучинск": Нур-Султан, Щучинск)."""
        out: list[_Token] = []
        for part in parts:
            if out and text[out[-1].end:part.start] == "-":
                joined = text[out[-1].start:part.end]
                if any(h.start == 0 and h.end == len(joined) for h in self._find(joined, tokenize(joined))):
                    out[-1] = _Token(out[-1].start, part.end, fold(joined))
                    continue
            out.append(part)
        return out

    def _find(self, text: str, tokens: list[_Token]) -> list[Hit]:
        adjacent = [bool(_GAP.fullmatch(text[a.end:b.start])) for a, b in zip(tokens, tokens[1:])]
        candidates = []
        for i, token in enumerate(tokens):
            coordinated = _coordinated_before(tokens, adjacent, text, i) is not None
            for pattern in self._lookup(token):
                cand = self._try(tokens, adjacent, text, i, pattern, coordinated)
                if cand is not None:
                    candidates.append(cand)
        candidates += [c for cand in candidates for c in self._shared_head(cand, tokens, adjacent, text)]
        candidates += self._listed_before_head(tokens, adjacent, text)
        candidates += self._listed_after_head(tokens, adjacent, text)
        candidates = [c for c in candidates if not _deputy_of(c, tokens, adjacent)]
        candidates = _governed(candidates, tokens, adjacent, text)
        taken: set[int] = set()
        chosen = []
        for cand in sorted(candidates, key=_Candidate.rank):
            span = set(range(cand.first, cand.last + 1))
            if not span & taken:
                taken |= span
                chosen.append(cand)
        elliptic = self._elliptic(chosen, taken, tokens, adjacent, text)
        replaced = {c.first for c in elliptic}  # a place's adjective with no noun of its own: the region's
        chosen = [c for c in chosen if not (c.pattern.kind == "adjective" and c.first in replaced)] + elliptic
        chosen = _share_cases(sorted(chosen, key=lambda c: c.first), tokens, adjacent, text)
        named = {k for c in chosen if c.pattern.term.type in ("place", "person")
                 for k in range(c.first, c.last + 1)}
        claimed = {k for c in chosen for k in range(c.first, c.last + 1)}
        chosen = [c for c in chosen if not _of_another_body(c, tokens, adjacent, named)
                  and not _a_thing_of_the_same_spelling(c, tokens, adjacent, text)
                  and not _named_by_its_adjective(c, tokens, adjacent, text)
                  and not _of_another_state(c, tokens, adjacent, claimed, self._bodies)
                  and not _bodies_in_general(c, tokens, adjacent, claimed)
                  and not _in_a_name(c, tokens, text)
                  and not _a_council_s_members(c, tokens, adjacent)]
        hits = []
        for k, c in enumerate(chosen):
            start, end = tokens[c.first].start, tokens[c.last].end
            if c.pattern.kind == "surname" and c.last + 1 < len(tokens) and adjacent[c.last] \
                    and _SURNAME_AFTER.search(tokens[c.last + 1].folded):
                continue  # "посол Сатыбалды Буршаков": a first name, another man's
            if c.pattern.kind == "surname" and _another_first_name(c, tokens, adjacent, claimed):
                continue  # "Тлектес Досаев" is not Ерболат Досаев
            initial = _INITIAL.search(text, max(0, start - 8), start)
            if initial and c.pattern.kind == "surname":
                if fold(initial.group()[:1]) != fold(c.pattern.term.ru[:1]):
                    continue  # "А. Назарбаева" is not Нурсултан Назарбаев
                start = initial.start()  # "М.Ашимбаев": the initial is part of the mention
            elif initial and _initial_of(c.pattern.term, initial.group()):
                start = initial.start()  # "в Т.Рыскулова и Меркенский районы": the district's name with its initial
            if (text.count("«", start, end) > text.count("»", start, end) and text.startswith("»", end)) \
                    or (text.count('"', start, end) % 2 == 1 and text.startswith('"', end)):
                end += 1  # "партии «AMANAT»", 'районе "Нура"': a quote opened inside the mention closes in it
            following = chosen[k + 1] if k + 1 < len(chosen) else None
            case = c.case
            if case is None and (dateline := DATELINE.match(text)) and dateline.span(1) == (start, end) \
                    and dateline.group(1).isupper():
                case = "nom"  # "АЛМАТЫ. КАЗИНФОРМ -": an agency's dateline names its city alone
            hits.append(Hit(c.pattern.term, start, end, text[start:end], case, c.number,
                            _bare(c, following, tokens, adjacent, text)))
        return hits

    def _shared_head(self, cand: _Candidate, tokens: list[_Token], adjacent: list[bool],
                     text: str) -> list[_Candidate]:
        """Coordinated adjectives sharing the head of `cand`: "Актюбинской, Северо-Казахстанской
        и Мангистауской областей" names three regions; each adjective alone is a hit, in the
        head's case."""
        slots = cand.pattern.slots
        if cand.pattern.kind != "full" or len(slots) != 2 or not (slots[0].agrees and slots[1].agrees):
            return []
        out = []
        k = cand.first
        while (j := _coordinated_before(tokens, adjacent, text, k)) is not None:
            token = tokens[j]
            pattern = next((p for p in self._lookup(token)
                            if p.kind == "full" and len(p.slots) == 2 and p.term is not cand.pattern.term
                            and p.slots[1].lemmas & slots[1].lemmas and p.slots[0].match(token)), None)
            if pattern is None:
                break
            cases = {r.case for r in pattern.slots[0].match(token) or ()}
            if cand.case and cand.case not in cases:
                break
            out.append(_Candidate(j, j, pattern, cand.case, "sing", frozenset(cases)))
            k = j
        return out

    def _listed_before_head(self, tokens: list[_Token], adjacent: list[bool], text: str) -> list[_Candidate]:
        """Names listed before one plural head, adjectives and undeclined names mixed: in
        "акимам Акмолинской, Западно-Казахстанской, Абай и Улытау областей" each is a region
        (entries "Акмолинская область", "область Абай"), in the head's case; the item next to
        the head takes the head into its mention. A list may end in "и другие" before its head."""
        out = []
        for h, head in enumerate(tokens):
            plural = [r for r in readings(head.lower) if r.number == "plur" and r.lemma in _LIST_HEADS]
            if h == 0 or not plural or not adjacent[h - 1]:
                continue
            j, first = h - 1, True
            if h >= 3 and _lemma(tokens[h - 1].lower) == "другой" and tokens[h - 2].lower in ("и", "или") \
                    and adjacent[h - 2] and adjacent[h - 3]:
                j, first = h - 3, False  # "Атырауская, Мангистауская и другие области": the head is the others'
            elif _coordinated_before(tokens, adjacent, text, h - 1) is None:
                continue
            lemma = plural[0].lemma
            while j is not None:
                pattern = next((p for p in [*self._lookup(tokens[j]), *self._lookup(head)]
                                if p.kind == "full" and len(p.slots) == 2
                                and ((lemma in p.slots[1].lemmas and p.slots[0].match(tokens[j]))
                                     or (lemma in p.slots[0].lemmas and not p.slots[1].agrees
                                         and p.slots[1].match(tokens[j]) is not None))), None)
                if pattern is None:
                    if not tokens[j].folded[:1].isupper():
                        break
                    # an item no entry knows ("Рыскулова" among districts' adjectives) is passed over,
                    # the list going on before it
                    j, first = _coordinated_before(tokens, adjacent, text, j), False
                    continue
                # the head's case that the adjective's own form allows: "Атырауская … области" is
                # nominative, "Атыраускую … области" accusative
                allowed = {r.case for r in pattern.slots[0].match(tokens[j]) or ()} \
                    if lemma in pattern.slots[1].lemmas else set()
                case = next((r.case for r in plural if r.case in allowed), plural[0].case)
                out.append(_Candidate(j, h if first else j, pattern, case, "sing", frozenset({case})))
                j, first = _coordinated_before(tokens, adjacent, text, j), False
        return out

    def _elliptic(self, chosen: list[_Candidate], taken: set[int], tokens: list[_Token], adjacent: list[bool],
                  text: str) -> list[_Candidate]:
        """Adjectives whose head the sentence leaves out, having named it with an earlier adjective:
        "в Туркестанской области и 27 тысяч — в Жамбылской", "Нуринского, Осакаровского районов и
        северной части Актогайского". The adjective must agree with the head in gender and stand
        before no noun of its own ("Карагандинской ТЭЦ" is the plant's); read so, a city's adjective is
        the region ("тогда как сети в Карагандинской, Павлодарской и Улытау …": each a region, the name
        after the adjectives too)."""
        out: list[_Candidate] = []
        adjectives = {c.first for c in chosen if c.pattern.kind == "adjective" and c.first == c.last}
        for i, token in enumerate(tokens):
            if (i in taken and i not in adjectives) or not token.folded[:1].isupper():
                continue
            earlier = [c for c in chosen if c.last < i and c.pattern.kind == "full" and len(c.pattern.slots) == 2
                       and c.pattern.slots[1].lemmas & _LIST_HEADS
                       and not _SENTENCE_END.search(text, tokens[c.last].end, token.start)]
            if not earlier or (i + 1 < len(tokens) and adjacent[i]
                               and _own_noun_after(token.lower, tokens[i + 1].lower)):
                continue
            head = sorted(earlier[-1].pattern.slots[1].lemmas & _LIST_HEADS)[0]
            gender = _HEAD_GENDERS[head]
            pattern = next((q for q in self._lookup(token) if q.kind == "full" and len(q.slots) == 2
                            and head in q.slots[1].lemmas and q.slots[0].match(token)), None)
            before = _coordinated_before(tokens, adjacent, text, i)
            if pattern is None and out and before is not None and out[-1].first == before:
                item = self._list_item(tokens, adjacent, i, head)
                if item is not None:  # "… Павлодарской и Улытау": the name of "область Ұлытау", undeclined,
                    out.append(_Candidate(i, item[1], item[0], out[-1].case, "sing", frozenset()))  # the list's case
                continue
            if pattern is None:
                continue
            agreeing = {p.tag.case for p in morph().parse(token.lower)
                        if p.tag.POS == "ADJF" and p.tag.gender == gender and p.tag.number == "sing"}
            cases = {r.case for r in pattern.slots[0].match(token) or ()
                     if any(_PYMORPHY_CASES.get(c) == r.case for c in agreeing)}
            if not cases:
                continue
            preferred = _context(tokens, adjacent, i)[0] & cases
            case = next(c for c in _CASE_ORDER if c in (preferred or cases))
            out.append(_Candidate(i, i, pattern, case, "sing", frozenset(cases)))
        return out

    def _listed_after_head(self, tokens: list[_Token], adjacent: list[bool], text: str) -> list[_Candidate]:
        """Names listed after one plural head: in "по районам Кызылжар, Есиль, Шал акына" each is a
        district, matched as the name of an entry "район Шал акына" or as the stem of an entry
        "Кызылжарский район" (name + "ский"), in the head's case; the name alone is the mention. A
        list of adjectives may end past its head: "Актюбинская, Туркестанская области и Улытау".
        Ministries share their plural head as well, each named by its complement: "руководство
        министерств по чрезвычайным ситуациям, внутренних дел, здравоохранения …"."""
        out = []
        for h, head in enumerate(tokens[:-1]):
            plural = [r for r in readings(head.lower)
                      if r.number == "plur" and r.lemma in _LIST_HEADS | _BODY_LIST_HEADS]
            if not plural or not (adjacent[h] or _ROUTE_DASH.fullmatch(text, head.end, tokens[h + 1].start)):
                continue  # "в пяти районах — Илийском, Талгарском …": a dash may open the list
            named_by_complement = plural[0].lemma in _BODY_LIST_HEADS
            j: int | None = h + 1
            if tokens[h + 1].lower == "и" and h + 2 < len(tokens) and adjacent[h + 1] and h > 0 \
                    and _coordinated_before(tokens, adjacent, text, h - 1) is not None:
                j = h + 2  # "Актюбинская, Туркестанская области и Улытау": a list goes on past its head
            if not (tokens[j].folded[:1].isupper() or named_by_complement):
                continue
            allowed = _context(tokens, adjacent, h)[0]
            if j == h + 2:  # the adjective before the head says its case: "Туркестанская области" nominative
                allowed = allowed & {r.case for r in readings(tokens[h - 1].lower)} or allowed
            case = next((r.case for r in plural if r.case in allowed), plural[0].case)
            while j is not None and j < len(tokens):
                found = self._list_item(tokens, adjacent, j, plural[0].lemma)
                if found is None:
                    if not tokens[j].folded[:1].isupper():
                        break
                    last = j  # a name no entry knows ("в районах Жана Талап и Туран"): the list goes on
                    while last + 1 < len(tokens) and adjacent[last] and tokens[last + 1].folded[:1].isupper():
                        last += 1
                    j = _coordinated_after(tokens, adjacent, text, last)
                    continue
                pattern, last = found
                out.append(_Candidate(j, last, pattern, case, "sing", frozenset({case})))
                j = _coordinated_after(tokens, adjacent, text, last)
        return out

    def _list_item(self, tokens: list[_Token], adjacent: list[bool], j: int,
                   head: str) -> tuple[_Pattern, int] | None:
        """The entry a name at token j names after the plural head `head` ("район"), and the
        name's last token; the earlier entry wins, as in `_lookup`."""
        adjective = tokens[j].lower + "ский"
        key = (head, adjective)
        if key not in self._after_head:
            if len(self._after_head) >= 50_000:
                self._after_head.clear()
            self._after_head[key] = [p for p in self._index.patterns({head, *_keys(adjective)})
                                     if p.kind == "full" and len(p.slots) >= 2]
        for pattern in self._after_head[key]:
            first, rest = pattern.slots[0], pattern.slots[1:]
            if len(rest) == 1 and head in rest[0].lemmas and first.lower == adjective:
                return pattern, j  # "Кызылжар": the entry "Кызылжарский район"
            if (head in first.lemmas and not any(s.agrees for s in rest) and j + len(rest) <= len(tokens)
                    and all(adjacent[j:j + len(rest) - 1])
                    and all(s.match(t) is not None for s, t in zip(rest, tokens[j:j + len(rest)]))):
                return pattern, j + len(rest) - 1  # "Шал акына": the entry "район Шал акына"
        for pattern in self._lookup(tokens[j]):  # "Илийском": the entry "Илийский район", its adjective agreeing
            if pattern.kind == "full" and len(pattern.slots) == 2 and head in pattern.slots[1].lemmas \
                    and any(r.number == "sing" for r in pattern.slots[0].match(tokens[j]) or ()):
                return pattern, j
        return None

    @staticmethod
    def _try(tokens: list[_Token], adjacent: list[bool], text: str, i: int,
             pattern: _Pattern, coordinated: bool = False) -> _Candidate | None:
        n = len(pattern.slots)
        if i + n > len(tokens):
            return None
        at = _positions(tokens, i, pattern)
        if not all(adjacent[j] or _after_initial(tokens, text, j) for j in range(at[0], at[-1])):
            return None
        per_slot = []
        for k, (slot, token) in enumerate(zip(pattern.slots, (tokens[j] for j in at))):
            found = slot.match(token)
            if found is None and pattern.kind == "full" and k == n - 1 > 0 and pattern.term.type == "person":
                found = slot.match_misspelt(token)  # "Кумара Акскалова": the first name vouches
            if found is None:
                return None
            if slot.agrees:
                per_slot.append(found)
        if pattern.kind == "plural":  # the head agrees with its plural complement
            per_slot = [tuple(r for r in rs if r.number == "plur") for rs in per_slot]
            if not all(per_slot):
                return None
        if n == 1 and per_slot and tokens[i].lower == pattern.slots[0].lower \
                and (tokens[i].lower[-1:] in _INDECLINABLE_FINALS or _ministry_of(tokens[i].lower)) \
                and (pattern.term.type == "place" or (pattern.term.type == "org"
                                                       and not morph().word_is_known(tokens[i].lower))):
            per_slot = [()]  # "для Косшы": a Kazakh name that does not decline, "Минводы", "Минтранспорта"
            # short forms; pymorphy's guess ("косшы", "минводы" as plurals) says nothing, the context decides
        preferences = _context(tokens, adjacent, i)
        person = pattern.term.type == "person"
        agreed = _agreement(per_slot, person, preferences) if per_slot else (None, None, frozenset())
        if agreed is None and coordinated and len(per_slot) > 1:
            # "Мангистауской областей": after a coordination the head is plural, each adjective not
            per_slot = [tuple(replace(r, number=None) for r in rs) for rs in per_slot]
            agreed = _agreement(per_slot, person, preferences)
            agreed = agreed and (agreed[0], "sing", agreed[2])
        if agreed is None:
            return None
        case, number, possible = agreed
        if n == 1 and possible and not possible & preferences[0] and _adjective_cases(tokens[i].lower) & preferences[0]:
            return None  # "в Аральском": the adjective of a district or sea left without its noun, not
            # the town's instrumental, which "в" cannot take
        if tokens[i].folded == TENGE_SIGN and n == 1:
            case, number = "gen", None  # "Т178 млрд" reads "178 млрд тенге"
        if case is None and _counted(text, tokens[i].start):
            case = "gen"  # "45,2 млрд. тенге", "5 тенге": an indeclinable noun counted is genitive
        if case is None and (_instructed(text, tokens[i].start, tokens[at[-1]].end)
                             or _addressed_by_passive(text, tokens[i].start, tokens[at[-1]].end)):
            case = "dat"
        if case is None and (_beside_copula_dash(text, tokens[i].start, tokens[at[-1]].end)
                             or _after_colon(text, tokens[i].start)):
            case = "nom"  # "по направлениям: г.Атырау, …": a list's item after a colon
        if case is None and preferences[0] != set(_PYMORPHY_CASES.values()):
            # indeclinable after a preposition: "к", "из", "о"...; "в"/"на" by direction
            allowed = [c for c in _CASE_ORDER if c in preferences[0]]
            case = next((c for c in allowed if any(c in p for p in preferences[1:])), allowed[0])
        elif case is None:
            case = _decided(preferences)  # indeclinable object or genitive: "городов Алматы"
        if case is None and pattern.term.type != "person":
            case = _case_of_adjective_before(tokens, adjacent, i)
        if _opens_quoted_sentence(text, tokens[i].start, tokens[at[-1]].end):
            case = "nom"  # "года «Актау — культурная столица тюркского мира»": that sentence's subject
        elif _a_name_in_apposition(pattern.term, tokens, text, i, at[-1], case):
            case = _apposition_case(tokens, adjacent, text, i) or case
        last = at[-1]
        if (pattern.kind == "reversed" and last + 1 < len(tokens) and adjacent[last]
                and _PATRONYMIC.search(tokens[last + 1].lower)):
            last += 1
        return _Candidate(i, last, pattern, case, number, possible)


def _governed(candidates: list[_Candidate], tokens: list[_Token], adjacent: list[bool],
              text: str) -> list[_Candidate]:
    """Where two candidates start at one word, those whose words allow no case its preposition (or
    its list's first item's) governs go when another's do: "в Аральском и Казалинском районах" names the
    districts (locative), not the towns Аральск and Казалинск (each also reads as the town's
    instrumental)."""
    starts: dict[int, list[_Candidate]] = {}
    for cand in candidates:
        starts.setdefault(cand.first, []).append(cand)
    wrong: set[int] = set()
    for first, group in starts.items():
        if len(group) > 1:
            head = first
            while (k := _coordinated_before(tokens, adjacent, text, head)) is not None and k < head:
                head = k
            hard = _context(tokens, adjacent, head)[0]
            if any(c.possible & hard for c in group):
                wrong |= {id(c) for c in group if c.possible and not c.possible & hard}
    return [c for c in candidates if id(c) not in wrong]


def _after_name(text: str, start: int) -> bool:
    """Whether the word right before `start` is capitalised: a name a figure in brackets qualifies."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return bool(m) and m.group(1)[:1].isupper()


def _after_initial(tokens: list[_Token], text: str, j: int) -> bool:
    """Whether token j is an initial whose full stop joins it to the next word: "Т.Рыскулова",
    "Т. Рыскулова" (an entry written "район Т.Рыскулова" matches either)."""
    return len(tokens[j].folded) == 1 and tokens[j].folded.isupper() \
        and re.fullmatch(r"\.\s?", text[tokens[j].end:tokens[j + 1].start]) is not None


def _another_first_name(cand: _Candidate, tokens: list[_Token], adjacent: list[bool], claimed: set[int]) -> bool:
    """Whether the word right before a surname is a first name, not the person's: capitalised, no
    other term's, a first name to the dictionary or unknown to it, and of another initial, as
    "А. Назарбаева" is not Нурсултан Назарбаев; of the same initial, one the dictionary knows and
    too unlike the person's to be it misspelt or declined ("Айгерим Сапарова" is not Айдарбек Сапаров;
    "Айдарбека Сапарова" is)."""
    k = cand.first - 1
    if k < 0 or not adjacent[k] or k in claimed or not tokens[k].folded[:1].isupper():
        return False
    parses = morph().parse(tokens[k].lower)
    if fold(tokens[k].folded[:1]) == fold(cand.pattern.term.ru[:1]):
        own = fold(cand.pattern.term.ru.split()[0]).lower()
        return len(cand.pattern.term.ru.split()) > 1 and any(p.is_known and "Name" in p.tag for p in parses) \
            and SequenceMatcher(None, fold(tokens[k].lower), own).ratio() < 0.7
    return bool(CYRILLIC.search(tokens[k].lower)) and (
        any("Name" in p.tag for p in parses) or not any(p.is_known for p in parses))


def _initial_of(term: Term, initial: str) -> bool:
    """Whether one of the term's own forms writes `initial` ("Т." of "район Т.Рыскулова")."""
    letter = re.escape(fold(initial[:1]))
    return any(re.search(rf"(?<!\w){letter}\.", fold(form)) for form in (term.ru, *term.ru_variants))


def _positions(tokens: list[_Token], i: int, pattern: _Pattern) -> list[int]:
    """The tokens the slots of `pattern` take from `i`: one after another, but past one word the
    entry leaves out before its last slot, a patronymic ("Касым-Жомарт Кемелевич Токаев"), a
    possessive ("Главами наших государств") or a count ("глав двух государств")."""
    n = len(pattern.slots)
    at = list(range(i, i + n))
    if n < 2 or i + n >= len(tokens) or pattern.slots[-1].match(tokens[i + n - 1]) is not None:
        return at
    inside = tokens[i + n - 1]
    if (pattern.kind == "full" and pattern.term.type == "person" and _PATRONYMIC.search(inside.lower)) or \
            (pattern.kind in ("full", "plural") and pattern.term.type == "title" and n == 2
             and _lemma(inside.lower) in _POSSESSIVES | _STATE_COUNTS):
        at[-1] = i + n
    return at


#: What counts the noun right after it: a number ("1 500", "45,2") or a multiplier ("млрд.", "миллионов").
_COUNT_BEFORE = re.compile(r"(?:(?<![\w.,])(\d[\d\s]*(?:[.,]\d+)?)|\b(?:млрд|млн|тыс|трлн)\.?"
                           r"|\b(?:миллиард|миллион|тысяч|триллион)\w*)\s*$", re.IGNORECASE)


def _counted(text: str, start: int) -> bool:
    """Whether a number or multiplier right before `start` makes the noun there genitive: after a
    whole number ending in 1 (not 11) it is nominative or accusative ("21 тенге"), so not decided."""
    found = _COUNT_BEFORE.search(text, max(0, start - 40), start)
    if found is None:
        return False
    number = re.sub(r"\s", "", found.group(1) or "")
    return not number or "," in number or "." in number or not (number.endswith("1") and not number.endswith("11"))


#: A dash with spaces: between a verbless sentence's subject and its predicate, or before an
#: apposition ("председателя Конституционной комиссии – председателя …").
_SPACED_DASH = re.compile(r"\s+[—–]\s+")
_DASH_BEFORE = re.compile(r"\w\s+[—–]\s+$")
#: What may stand before a sentence's subject: nothing, a sentence end, a list's bullet.
_OPENING = r"[«\"“„•·*\s]*"  # quotes, a list's bullet, spaces
_OPENERS = _OPENING + "$"
_SENTENCE_OPENS = re.compile(rf"(?:^|[.!?]\s+){_OPENERS}")


def _beside_copula_dash(text: str, start: int, end: int) -> bool:
    """Whether an undeclined name or counted noun is nominative beside a verbless sentence's dash:
    the subject opening the sentence ("Алматы — колыбель Независимости страны") or a figure's noun
    after it, the numeral ending in 1 agreeing with it ("базовая пенсионная выплата — 50 851 тенге")."""
    if _SPACED_DASH.match(text, end) and _SENTENCE_OPENS.search(text, max(0, start - 40), start):
        return True
    figure = _COUNT_BEFORE.search(text, max(0, start - 40), start)
    return figure is not None and figure.group(1) is not None \
        and bool(_DASH_BEFORE.search(text, max(0, figure.start() - 40), figure.start()))


#: What may stand before an instruction's addressee: its sentence's or its clause's opening.
_CLAUSE_OPENS = re.compile(rf"(?:^|[.!?;,:]){_OPENERS}")
#: Words other than adverbs that may stand between an instruction's dash and its infinitive: "МЧС –
#: не допустить", "– незамедлительно и оперативно организовать", "– также проверить".
_BEFORE_AN_INSTRUCTION = frozenset({"не", "и", "также", "еще", "ещё"})
#: The state an addressee may name after itself: "МИД РК – …", "МИД Казахстана поручено".
_ITS_STATE = r"(?:\s+(?:Казахстана|РК|Республики\s+Казахстан))?"
#: The words after a dash, or after a hyphen with spaces, as akimats' sites type the dash.
_WORDS_AFTER_DASH = re.compile(rf"{_ITS_STATE}\s+[—–-]\s+([а-яё\d]+(?:\s+[А-ЯЁа-яё\d-]+){{0,11}})")
#: What a prepositional phrase before an instruction's infinitive holds after its preposition:
#: "МИД – в кратчайшие сроки проработать", "– до 1 декабря обеспечить".
_IN_A_PHRASE = frozenset({"NOUN", "ADJF", "NUMR", "PRTF", "NPRO"})


def _instructed(text: str, start: int, end: int) -> bool:
    """Whether an undeclined name opening its clause is an instruction's addressee, in the dative:
    a dash stands for the verb of ordering before an infinitive ("МЧС – организовать выезды", as
    "акимам – держать ситуацию на контроле"), where a subject's dash stands before its predicate.
    Adverbs and prepositional phrases may stand between the dash and the verb ("МЧС – оперативно
    организовать", "– не допустить", "МИД – в кратчайшие сроки проработать", "– совместно с
    госорганами в установленном порядке проработать"), not a relative adverb ("Алматы – где приятно
    жить"); a phrase with no infinitive after it ("Алматы – в числе лидеров") or one of membership
    ("Алматы – в числе первых внедрить …": among the first to) is no instruction."""
    after = _WORDS_AFTER_DASH.match(text, end)
    if after is None or not _CLAUSE_OPENS.search(text, max(0, start - 40), start):
        return False
    words = after.group(1).split()
    if words[:2] == ["в", "числе"]:
        return False
    in_phrase = False
    for word in words:
        tag = morph().parse(word.lower())[0].tag
        if word in _PREPOSITIONS:
            in_phrase = True
        elif not (in_phrase and (tag.POS in _IN_A_PHRASE or word.isdigit())) and \
                ((tag.POS != "ADVB" and word not in _BEFORE_AN_INSTRUCTION) or "Ques" in tag):
            return tag.POS == "INFN"  # "Алматы – где приятно жить": a relative clause, no instruction
    return False


def _a_name_in_apposition(term: Term, tokens: list[_Token], text: str, i: int, last: int, case: str | None) -> bool:
    """Whether the words from `i` to `last` are a name in apposition, taking its head's case: a place
    or body as its entry writes it ("в городе Семей"), a quoted title as a name ("раздела
    «Президент»"), or a quoted name in the nominative after a head that names it, whichever number
    its entry has ("проекта «Школа будущего»"; not "села «Школа будущего» стала": the village is no
    head of the school, which is the subject)."""
    quoted = _quoted_alone(text, tokens[i].start, tokens[last].end)
    if (term.type in ("place", "org", "other") or quoted) and _as_written(term, tokens[i:last + 1]):
        return True
    return case == "nom" and quoted and i > 0 and _lemma(tokens[i - 1].lower) in _NAMING_HEADS


#: Nouns a quoted name stands in apposition to: "проекта «Школа будущего»", "программы «Ауыл аманаты»".
_NAMING_HEADS = frozenset({"проект", "нацпроект", "программа", "госпрограмма", "акция", "конкурс", "инициатива",
                           "раздел", "премия", "орден", "медаль", "форум", "фонд", "центр"})


#: Impersonal passives that name their addressee in the dative: "Минтранспорта поручено …",
#: "МИД рекомендовано …", "Алматы выделено 5 млрд тенге".
_TO_WHOM = frozenset({"поручено", "предложено", "рекомендовано", "предписано", "вменено", "выделено"})
#: What may stand between the addressee and the passive: its state ("МИД Казахстана"), partners
#: named after it ("МЧС и МВД", "МВД, МЧС и Минтранспорта") and adverbs ("также", "было").
_TO_THE_PASSIVE = re.compile(rf"{_ITS_STATE}"
                             r"(?:(?:\s*,\s*|\s+и\s+)[А-ЯЁ][\w-]*)*"
                             r"(?:\s+(?:также|дополнительно|было|еще|ещё|вновь))*\s+([а-яё]+)")
#: The partners named before the addressee at its clause's opening ("МЧС и " before "МВД поручено"),
#: or one word there ("Также МИД поручено").
_ADDRESSEES_BEFORE = re.compile(rf"(?:^|[.!?;,:]){_OPENING}(?:[А-ЯЁ][\w-]*(?:\s*,\s*|\s+и\s+))+$")
_ONE_WORD_BEFORE = re.compile(rf"(?:^|[.!?;,:]){_OPENING}([А-ЯЁа-яё]+)\s+$")


def _addressed_by_passive(text: str, start: int, end: int) -> bool:
    """Whether an undeclined name opening its clause comes before an impersonal passive that takes a
    dative ("Минтранспорта поручено проработать", "МЧС и МВД поручено", "Также МИД поручено"):
    that passive's addressee."""
    after = _TO_THE_PASSIVE.match(text, end)
    if after is None or after.group(1) not in _TO_WHOM:
        return False
    window = max(0, start - 60), start  # "^" matches only at the text's real start
    if _CLAUSE_OPENS.search(text, *window) or _ADDRESSEES_BEFORE.search(text, *window):
        return True
    word = _ONE_WORD_BEFORE.search(text, *window)
    return word is not None and morph().parse(word.group(1).lower())[0].tag.POS in ("ADVB", "CONJ", "PRCL")


#: A dash and a word in lower case after a name: a verbless sentence's predicate ("Актау — культурная
#: столица"), where a route goes on with a capital ("Кызылорда – Жезказган").
_QUOTED_PREDICATE = re.compile(r"\s+[—–]\s+[а-яё]")


def _opens_quoted_sentence(text: str, start: int, end: int) -> bool:
    """Whether a name opens a quoted verbless sentence, its subject before a dash and a predicate in
    lower case: a year's or a project's name ("«Актау — культурная столица тюркского мира»"), not a
    route ("«Кызылорда – Жезказган»")."""
    return text[max(0, start - 2):start].rstrip()[-1:] in QUOTES and bool(_QUOTED_PREDICATE.match(text, end))


#: Generic nouns a name stands in apposition to, the name undeclined: "акима города Курчатов",
#: "в рамках национального проекта «Комфортная школа»", "на площади Астана", "на участке Кызылорда —
#: Жезказган", "на Международном форуме Астана".
_GENERIC_NOUNS = frozenset({"город", "столица", "область", "регион", "район", "село", "поселок", "аул", "станция",
                            "маршрут",
                            "проект", "нацпроект", "программа",
                            "дорога", "автодорога", "трасса", "автотрасса", "магистраль", "автомагистраль",
                            "газопровод", "нефтепровод", "трубопровод", "порт", "пункт",
                            "площадь", "улица", "проспект", "бульвар", "зона",
                            "водохранилище", "река", "озеро", "канал", "участок", "линия", "форум",
                            "резиденция",  # "В резиденции Акорда": the palace by its name
                            "раздел"})  # a law's section: "раздела «Президент»"
#: Generic nouns whose names stand in apposition only after the plural: "в курортных зонах Зайсан,
#: Катон-Карагай и Кендирли", but "в пригородной зоне Алматы" is the city's genitive.
_NAMED_IN_THE_PLURAL = frozenset({"зона"})
#: "г." for "город" before a name: "тепловой станции г. Сатпаев".
_TOWN_ABBREVIATIONS = frozenset({"г", "гор"})
_ABBREVIATION_DOT = re.compile(r"\.\s?")
_OPEN_QUOTE = re.compile(r"\s*:?\s*[«\"“„]?\s*")  # "проектов: «Караганда – Алматы»" too
_CLOSE_QUOTE = re.compile(r"[»\"”]\s*")
#: Opening quotation marks and the mark that closes each: «…», "…", “…”, „…“.
QUOTES = {"«": "»", '"': '"', "“": "”", "„": "“"}
#: Between two quoted names of a list: "«Караганда – Алматы», «Актобе – Кандыагаш»".
_QUOTED_ITEMS = re.compile(r"[»\"”]\s*,\s*[«\"“„]")
#: Between the names of a route: "автодороги «Кызылорда – Жезказган»".
_ROUTE_DASH = re.compile(r"\s*[–—-]\s*")
#: A colon right before a term, a bullet's dash or "г." between: the items of a list it opens are
#: named in the nominative ("эвакуация по трем направлениям: г.Атырау, Бейнеуский район").
_COLON_BEFORE = re.compile(r":\s*(?:[-–—•]\s*)?(?:г\.\s*)?$")
#: An agency's dateline opening a line, its place captured: "АЛМАТЫ. КАЗИНФОРМ -", "NUR-SULTAN. KAZINFORM".
DATELINE = re.compile(r"\s*([^\W\d_]+(?:[- ][^\W\d_]+)*)\.\s+[^\W\d_]")
#: A road's number: "А-27", "М-32", "Р-7".
ROAD_NUMBER = re.compile(r"[А-ЯA-Z]{1,2}-\d{1,3}")


def _quoted_alone(text: str, start: int, end: int) -> bool:
    """Whether the words from `start` to `end` are all a quoted name ("«Президент»")."""
    before, after = text[max(0, start - 3):start].rstrip()[-1:], text[end:end + 3].lstrip()[:1]
    return before in QUOTES and after == QUOTES[before]


def _ends_a_name(tokens: list[_Token], text: str, k: int) -> bool:
    """Whether the word at `k` can end a name: it is capitalised, or the number of a numbered one
    ("«Реконструкция ТЭЦ-3 г. Караганда»", "ГРЭС-1")."""
    return tokens[k].folded[:1].isupper() or (k > 0 and tokens[k].folded.isdigit()
                                              and tokens[k - 1].folded[:1].isupper()
                                              and text[tokens[k - 1].end:tokens[k].start] == "-")


def _apposition_case(tokens: list[_Token], adjacent: list[bool], text: str, i: int) -> str | None:
    """The case of a generic noun right before a name in apposition: the name keeps its
    dictionary form but is in that noun's case ("акима города Курчатов": genitive, "в городе
    Семей": locative, "аэропортах городов Усть-Каменогорск и Урджар": genitive), the noun's
    reading chosen by its own context. Every name of a route takes it: "трассы «Кызылорда –
    Павлодар – Успенка»" (genitive), and every quoted name of a list after it ("проектов: «Караганда
    – Алматы», … и «Талдыкорган – Усть-Каменогорск»"); a name in quotes also past the noun's own
    genitive phrase: "дороги республиканского значения «Кызылорда – Жезказган»"; every name of a
    list after it, the glossary's or not ("в городах Кендерли и Форт-Шевченко"). Only a name stands
    in apposition: a common noun after the generic one starts a phrase of its own ("В … районах
    Жамбылской области акимат объявил": the subject), and so does a name after a colon, unquoted
    ("три проекта: Айтекебийский район — …", a list's heading)."""
    quote = _OPEN_QUOTE.fullmatch(text, tokens[i - 1].end, tokens[i].start) if i else None
    if not (text[tokens[i].start].isupper() or (quote and quote.group().strip())):
        return None
    if i and tokens[i - 1].lower in _TOWN_ABBREVIATIONS and _ABBREVIATION_DOT.fullmatch(text, tokens[i - 1].end,
                                                                                         tokens[i].start):
        # "станции г. Сатпаев": the case "город" would take there, as its context sets it; where it
        # sets none, after a word of a name the town's genitive ("«Обводная г. Алматы»")
        hard, *preferred = _context(tokens, adjacent, i - 1)
        ordered = [c for c in _CASE_ORDER if c in hard]
        decided = next((c for want in reversed(preferred) if len(want) == 1 for c in ordered if c in want),
                       ordered[0] if len(ordered) < len(_CASE_ORDER) else None)
        if decided is None and i > 1 and adjacent[i - 2] and tokens[i - 2].lower not in _PREPOSITIONS \
                and _ends_a_name(tokens, text, i - 2):
            return "gen"
        return decided
    while True:
        while i > 1 and tokens[i - 1].folded[:1].isupper() \
                and _ROUTE_DASH.fullmatch(text, tokens[i - 1].end, tokens[i].start):
            i -= 1
        if i > 1 and _QUOTED_ITEMS.fullmatch(text, tokens[i - 1].end, tokens[i].start):
            i -= 1  # "проектов: «Караганда – Алматы», «Актобе – Кандыагаш»": the list's first item decides
        elif i > 2 and tokens[i - 1].lower == "и" \
                and _CLOSE_QUOTE.fullmatch(text, tokens[i - 2].end, tokens[i - 1].start) \
                and _OPEN_QUOTE.fullmatch(text, tokens[i - 1].end, tokens[i].start):
            i -= 2
        elif (k := _coordinated_before(tokens, adjacent, text, i)) is not None and k > 0 \
                and tokens[k].folded[:1].isupper() and (k == i - 1 or adjacent[k]):
            i = k  # "в городах Кендерли и Форт-Шевченко": an earlier name of the list, known or not
        else:
            break
    if i == 0 or not (gap := _OPEN_QUOTE.fullmatch(text, tokens[i - 1].end, tokens[i].start)):
        return None
    quoted = bool(gap.group().strip(" :"))
    if ":" in gap.group() and not quoted:
        return None  # "три проекта: Айтекебийский район — Актасты …": a heading after a colon, in the nominative
    reach = 3 if quoted else 1
    before = i - 1  # the word right before the name, where the search for its noun starts
    if quoted and i > 2 and ROAD_NUMBER.fullmatch(text, tokens[i - 2].start, tokens[i - 1].end):
        before = i - 3  # "трассы А-27 «Атырау – Доссор»": the road's number stands between its noun and its name
    # two names after the noun make it plural: "города Алматы и Нур-Султан вышли" (nominative); an
    # adjective after the name begins another list ("города Семей, Жарминского … районов": genitive)
    following = _coordinated_after(tokens, adjacent, text, i)
    listed = following is not None and tokens[following].folded[:1].isupper() \
        and not RELATIONAL_ADJECTIVE_FORM.search(tokens[following].lower)
    for noun in range(before, max(-1, before - reach), -1):
        generic = [p for p in morph().parse(tokens[noun].lower) if p.normal_form.replace("ё", "е") in _GENERIC_NOUNS
                   and (p.normal_form not in _NAMED_IN_THE_PLURAL or p.tag.number == "plur")]
        if listed:
            generic = [p for p in generic if p.tag.number == "plur"] or generic
        cases = [_PYMORPHY_CASES.get(p.tag.case or "") for p in generic]
        if cases:
            return _reading_in_context(tokens, adjacent, noun, cases)
        if noun == 0 or not adjacent[noun - 1]:
            break
    return None


#: Plural heads a list of names may share ("Акмолинской, Абай и Улытау областей").
_LIST_HEADS = frozenset({"область", "район", "город"})
#: Plural heads of bodies a list of their complements may share ("министерств внутренних дел, здравоохранения").
_BODY_LIST_HEADS = frozenset({"министерство"})
#: The gender of each such head, which an adjective left without it shows: "в Жамбылской" (область).
_HEAD_GENDERS = {"область": "femn", "район": "masc", "город": "masc"}
#: Where a sentence ends, past which an elided head is not understood.
_SENTENCE_END = re.compile(r"[.!?;]")

_QUANTITIES = frozenset({"тыс", "млн", "млрд", "трлн", "тысяча", "миллион", "миллиард", "триллион"})


def _bare(cand: _Candidate, following: _Candidate | None, tokens: list[_Token], adjacent: list[bool],
          text: str) -> str:
    """Why the Kazakh target of `cand` takes no case ending (see `Hit.bare`), or ""."""
    i = cand.first
    prev = tokens[i - 1].lower if i > 0 else ""
    if (tokens[i].folded == TENGE_SIGN or prev.isdigit() or prev in _QUANTITIES or
            (prev and _lemma(prev) in _QUANTITIES)) and cand.pattern.kind != "adjective":
        return "counted"  # not an adjective after a number: "энергоблок №1 Экибастузской ГРЭС-1"
    if (cand.pattern.term.type == "title" and following is not None
            and following.pattern.term.type == "person" and following.first == cand.last + 1
            and not text[tokens[cand.last].end:tokens[following.first].start].strip()):
        return "apposition"
    if cand.pattern.term.type in ("place", "org", "other") and _as_written(cand.pattern.term, tokens[i:cand.last + 1]) \
            and _apposition_case(tokens, adjacent, text, i):
        return "apposition"  # "в городе Семей" → "Семей қаласында", "газопровода «Талдыкорган–Ушарал»"
    if cand.pattern.kind == "adjective" or (cand.pattern.term.type == "place" and cand.last + 1 < len(tokens)
                                            and adjacent[cand.last] and tokens[cand.last + 1].lower in PLANTS):
        return "attributive"  # "Экибастузской ГРЭС", "на Риддер ТЭЦ" → "Риддер ЖЭО": the plant takes the case
    return ""


def _deputy_of(cand: _Candidate, tokens: list[_Token], adjacent: list[bool]) -> bool:
    """Whether a title is the complement of "заместитель": "Заместитель председателя Мажилиса" is
    another office than the Chairman's (an entry "заместитель акима" matches as a whole)."""
    i = cand.first
    return (cand.pattern.term.type == "title" and i > 0 and adjacent[i - 1]
            and _lemma(tokens[i - 1].lower) == "заместитель")


#: What names a state after its adjective: "Президентом Азербайджанской Республики" holds the
#: title, as "Президента Казахстана" does (a state the dictionary knows is a place already).
_STATES = frozenset({"республика", "федерация", "королевство", "эмират", "султанат"})


#: What a company or another organisation is called before its name: "президент компании …", "президента
#: совета ИКАО".
_COMPANY_WORDS = frozenset({"компания", "корпорация", "холдинг", "концерн", "банк", "фонд", "ассоциация",
                            "федерация", "клуб", "университет", "совет"})


#: What a premiere is of: "премьера спектакля", "премьеру оперы".
_STAGED = frozenset({"спектакль", "опера", "балет", "фильм", "пьеса", "концерт", "сериал", "постановка",
                     "мюзикл", "шоу", "картина", "книга", "песня", "клип"})


def _a_thing_of_the_same_spelling(cand: _Candidate, tokens: list[_Token], adjacent: list[bool], text: str) -> bool:
    """Whether a one-word title is written as a thing of another lemma, a play's or a film's: "Премьера
    спектакля", "увидели премьеру оперы" (a premiere, not the Premier), with no capital of its own to
    say otherwise ("доложил Премьеру", capitalised inside the sentence, is the Prime Minister; so is
    "премьеру доложили", no play after it)."""
    i = cand.first
    if cand.pattern.term.type != "title" or len(cand.pattern.slots) != 1 or i + 1 >= len(tokens) \
            or not adjacent[i] or _lemma(tokens[i + 1].lower) not in _STAGED:
        return False
    if tokens[i].folded[:1].isupper() and not _SENTENCE_OPENS.search(text, max(0, tokens[i].start - 40),
                                                                      tokens[i].start):
        return False
    slot = cand.pattern.slots[0]
    return any(p.tag.POS == "NOUN" and "inan" in p.tag and p.tag.number == "sing"
               and p.normal_form not in slot.lemmas | {slot.lower} for p in morph().parse(tokens[i].lower))


def _of_another_body(cand: _Candidate, tokens: list[_Token], adjacent: list[bool], named: set[int]) -> bool:
    """Whether the one-word title of a single office (capitalised in the glossary: "Президент", not
    "депутат Мажилиса") heads a body's name in the genitive that is no place or person of the
    glossary, a company's or a council's word, or, written in lower case, a name in Latin letters:
    "президент Ассоциации национальных видов спорта", "президент компании TAV Airports Holding",
    "президента совета ИКАО" and "президенту KIA Corporation" are other offices; "Президента
    Республики Казахстан", "Президента Токаева", "Президентом Азербайджанской Республики", "Президентом
    Emmanuel Macron" the entry's."""
    k = cand.last + 1
    term = cand.pattern.term
    if term.type != "title" or not term.ru[:1].isupper() or len(cand.pattern.slots) != 1 or k >= len(tokens) \
            or not adjacent[cand.last] or k in named:
        return False
    if tokens[k].folded[:1].islower() and any(p.normal_form in _COMPANY_WORDS and p.tag.case == "gent"
                                               for p in morph().parse(tokens[k].lower)):
        return True  # "президент компании TAV Airports Holding": the company's ("Президента советы …" no)
    if not CYRILLIC.search(tokens[k].folded) and tokens[k].folded[:1].isalpha() \
            and tokens[cand.first].folded[:1].islower():
        return True  # "президенту KIA Corporation": a company's, whose president is written in lower case
    if not tokens[k].folded[:1].isupper():
        return False
    noun = k  # "Всемирной конфедерации", "Национального олимпийского комитета": the adjectives' noun
    while noun < k + 3 and noun + 1 < len(tokens) and adjacent[noun] \
            and morph().parse(tokens[noun].lower)[0].tag.POS == "ADJF":
        noun += 1
    if not all(_agrees(tokens[a].lower, tokens[noun].lower, frozenset({"gen"})) for a in range(k, noun)):
        noun = k
    parse = morph().parse(tokens[noun].lower)[0]
    following = morph().parse(tokens[noun + 1].lower)[0] if noun + 1 < len(tokens) else None
    complement = following is not None and adjacent[noun] and tokens[noun + 1].folded[:1].islower() \
        and following.tag.POS in ("NOUN", "ADJF") and following.tag.case == "gent"  # not "с Днем России"
    # "Азербайджанской Республики" is a state; "Международной федерации шахмат", its field in lower
    # case after it, a sports body
    return parse.tag.POS == "NOUN" and parse.tag.case in ("gent", "gen2") \
        and not {"Name", "Surn", "Patr", "Geox"} & parse.tag.grammemes \
        and not (noun > k and parse.normal_form in _STATES and not complement)


#: Bodies every state has under one name, the entry's also where another state's: the set gives "парламента
#: Молдовы", "Парламента Малайзии" and "правительств двух стран" to Парламент and Правительство.
EVERY_STATES = frozenset({"парламент", "правительство"})


def _of_another_state(cand: _Candidate, tokens: list[_Token], adjacent: list[bool], claimed: set[int],
                      bodies: frozenset[str]) -> bool:
    """Whether a one-word body of the glossary (`bodies`: "сенат"), or a title ending in one
    ("Председатель Сената"), written with its capital, is followed by a capitalised genitive that no
    entry matches, no person holds and no common word is: another state or its parliament
    ("Председателем Сената Олий Мажлиса Республики Узбекистан", "Маршалом Сената Польши", "Сената
    Парламента Малайзии"; a parliament or government itself stays the entry: `EVERY_STATES`).
    Kazakhstan's own are followed by an entry ("Сената Парламента РК") or a person ("Председатель
    Сената Маулен Ашимбаев", "… Сената Нарбаевой"). A title ending in another office keeps its lemma,
    as the gold gives it: "руководитель Администрации Президента Кыргызстана" is the entry's title."""
    term, k = cand.pattern.term, cand.last + 1
    body = _lemma(tokens[cand.last].lower)
    if term.type not in ("org", "title") or body not in bodies or body in EVERY_STATES \
            or not tokens[cand.last].folded[:1].isupper() or k >= len(tokens) or not adjacent[cand.last]:
        return False
    if k in claimed and _lemma(tokens[k].lower) in EVERY_STATES and k + 1 < len(tokens) and adjacent[k]:
        k += 1  # "Сената Парламента Малайзии": the state after the parliament the chamber is part of
    if k in claimed:
        return False
    word = tokens[k]
    if len(word.folded) < 2 or not word.folded[:1].isupper() or not CYRILLIC.search(word.folded) \
            or _SURNAME_AFTER.search(word.folded):
        return False
    parses = morph().parse(word.lower)
    # a state or a name in its own language ("Польши", "Олий Мажлиса"), not a common word ("Сенатом Закона «О …»")
    named = any(p.is_known and {"Geox", "Name", "Orgn", "Abbr"} & p.tag.grammemes for p in parses) \
        or not any(p.is_known for p in parses)
    return named and any(p.tag.POS in ("NOUN", "ADJF") and p.tag.case == "gent" for p in parses) and not any(
        p.is_known and p.tag.number == "sing" and {"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses)


def _a_council_s_members(cand: _Candidate, tokens: list[_Token], adjacent: list[bool]) -> bool:
    """Whether a title in the genitive plural after "Совет", capitalised, names the council's members, a
    word of the council's name ("Совета министров иностранных дел ОТГ", "Совете глав государств СНГ"), no
    mention of the office ("заседания Совета министры ответили", "дал совет акимам" are)."""
    i = cand.first
    return cand.pattern.term.type == "title" and i > 0 and adjacent[i - 1] and tokens[i - 1].folded[:1].isupper() \
        and _lemma(tokens[i - 1].lower) == "совет" and any(
            p.tag.number == "plur" and p.tag.case == "gent" for p in morph().parse(tokens[i].lower))


def _in_a_name(cand: _Candidate, tokens: list[_Token], text: str) -> bool:
    """Whether a place or a person names a street ("проспекта Назарбаева"), or a place is a word of
    the quoted name of a company, a plant, a nature reserve or a brand, or of an outlet's name, which
    the release does not mention as the place: "АО «АрселорМиттал Темиртау»", "в «АрселорМиттал
    Темиртау»", "резервата «Семей орманы»", "«Кызылорда Арена»", "концепцию «Дети Казахстана»", ", передает
    Деловой Казахстан"; and
    after "имени", where a town's name is its namesake's ("Канал им. К. Сатпаева", the geologist), or
    before a hyphen and a number ("вокзала Астана-1"). A road's or a port's quoted name holds its places
    ("автодороги «Кызылорда – Жезказган»")."""
    start, end = tokens[cand.first].start, tokens[cand.last].end
    if cand.pattern.term.type in ("place", "person") and STREET_BEFORE.search(text, max(0, start - 20), start):
        return True
    if cand.pattern.term.type == "place" and _NUMBERED.match(text, end):
        return True  # "вокзала Астана-1", "станцию Алматы-2": a station's or a district's own name
    return cand.pattern.term.type == "place" and (any(
        pattern.search(text, max(0, start - 60), start)
        for pattern in (_IN_COMPANY_NAME, _QUOTED_COMPANY, _IN_PROGRAMME_NAME, OUTLET_NAME, NAMED_AFTER))
        or _brand_opening(text, start, end))


#: A hyphen and one digit right after a place's name, which make another thing's name of it: "Астана-1".
_NUMBERED = re.compile(r"-\d(?!\d)(?![.,]\d)(?!\s*%)")  # not a figure after a dash: "Алматы-12,4%", "Астана-120"


#: A street's word right before a name, the namesake's initials between: "проспекта Назарбаева", "по ул.
#: Мухамедханова", "по ул. Ы. Алтынсарина" name the street after its namesake, who is no mention of the
#: release; "улицах Жанатаса", streets in the plural, are a town's.
STREET_BEFORE = re.compile(r"(?<![\w-])(?:улиц(?:а|ы|е|у|ей)|проспект\w*|бульвар\w*|переул\w*|шоссе|набережн\w*|"
                           r"ул\.|пр\.|пр-т\w*)(?:\s*[А-ЯЁӘҒҚҢӨҰҮІҺ]\.){0,2}\s*$", re.IGNORECASE)


#: One capitalised word closing a quoted name (group 1): "Арена»" in "«Кызылорда Арена»".
_BRAND_WORD = re.compile(r"\s+([A-ZА-ЯЁ][\w-]*)\s*[»\"”]")


def _brand_opening(text: str, start: int, end: int) -> bool:
    """Whether a place opens a two-word quoted name whose other word is a common noun or a Latin
    one, capitalised: a venue's or a company's brand in the English word order ("«Кызылорда Арена»",
    "«Алатау Литий»"), no mention of the place. A phrase ("«Казахстан в фотографиях»", "«Туркестан
    Новый»", the Kazakh "«Алматы Жастары»"), a route ("«Алматы – Талдыкорган»", "«Астана Актау»")
    keeps it."""
    word = _BRAND_WORD.match(text, end)
    if text[max(0, start - 1):start] not in QUOTES or word is None:
        return False
    if not CYRILLIC.search(word.group(1)):
        return True
    top = morph().parse(word.group(1).lower())[0]
    return top.is_known and top.tag.POS == "NOUN" and "inan" in top.tag \
        and not {"Geox", "Name", "Surn", "Orgn"} & top.tag.grammemes


def _bodies_in_general(cand: _Candidate, tokens: list[_Token], adjacent: list[bool], claimed: set[int]) -> bool:
    """Whether a one-word body the glossary capitalises ("Парламент") stands in the plural with nothing
    that says whose: no word before it that agrees with it ("наших правительств") and no genitive
    after it ("правительства двух стран", "парламентов Казахстана и Узбекистана"): parliaments in
    general, "Парламенты перестают быть только залом заседаний"."""
    term, i, k = cand.pattern.term, cand.first, cand.last + 1
    if term.type != "org" or not term.ru[:1].isupper() or len(cand.pattern.slots) != 1 or cand.number != "plur" \
            or _abbreviation(tokens[i].folded):  # "силы акиматов, МЧС, Минобороны": one body, undeclined
        return False
    if i > 0 and adjacent[i - 1] and _agrees(tokens[i - 1].lower, tokens[i].lower):
        return False
    return not (k < len(tokens) and adjacent[cand.last] and (k in claimed or any(
        p.tag.case in ("gent", "gen2") for p in morph().parse(tokens[k].lower)
        if p.tag.POS in ("NOUN", "NUMR", "ADJF", "NPRO"))))


#: Adjectives that make a body's word a kind of service, not the body: "электронного правительства".
_KINDS_OF_BODY = frozenset({"электронный", "цифровой"})


def _named_by_its_adjective(cand: _Candidate, tokens: list[_Token], adjacent: list[bool], text: str) -> bool:
    """Whether a one-word body the glossary capitalises ("Правительство", "Парламент") is written
    in lower case after an agreeing adjective that makes it another body or a kind of body: an
    adjective written with a capital mid-sentence names another ("председателя Народного
    правительства Синьцзян-Уйгурского автономного района", «Электронное правительство»); a lower-case
    one before the plural sorts them ("в глобальном опыте электронных парламентов"), and one of
    `_KINDS_OF_BODY` names a service ("электронного правительства"). Official Russian
    writes the entry with its own capital; "наших правительств" (a pronoun) stays the entry."""
    term, i = cand.pattern.term, cand.first
    if term.type != "org" or not term.ru[:1].isupper() or len(cand.pattern.slots) != 1 \
            or not tokens[i].folded[:1].islower() or i == 0 or not adjacent[i - 1] \
            or not _agrees(tokens[i - 1].lower, tokens[i].lower):
        return False
    adjective = tokens[i - 1]
    if adjective.folded[:1].isupper():
        return i > 1 and not _SENTENCE_END.search(text, tokens[i - 2].end, adjective.start)
    if _lemma(adjective.lower) in _KINDS_OF_BODY:
        return True  # "платформу электронного правительства QazTech": e-government, no government
    return cand.number == "plur" and "Apro" not in morph().parse(adjective.lower)[0].tag


def _coordinated_before(tokens: list[_Token], adjacent: list[bool], text: str, k: int) -> int | None:
    """The index of the word coordinated with token k by "и"/"или" or a comma, else None."""
    if k >= 2 and tokens[k - 1].lower in ("и", "или") and adjacent[k - 1] and adjacent[k - 2]:
        return k - 2
    if k >= 1 and text[tokens[k - 1].end:tokens[k].start].strip() == ",":
        return k - 1
    return None


def _coordinated_after(tokens: list[_Token], adjacent: list[bool], text: str, k: int) -> int | None:
    """The index of the word coordinated with token k by a comma or "и"/"или" after it, else None."""
    if k + 2 < len(tokens) and tokens[k + 1].lower in ("и", "или") and adjacent[k] and adjacent[k + 1]:
        return k + 2
    if k + 1 < len(tokens) and text[tokens[k].end:tokens[k + 1].start].strip() == ",":
        return k + 1
    return None


def _share_cases(chosen: list[_Candidate], tokens: list[_Token], adjacent: list[bool],
                 text: str) -> list[_Candidate]:
    """Give coordinated and appositive terms the case of the term they go with.

    "в Сарани, Темиртау и Шахтинске": Темиртау is indeclinable but locative like its neighbours;
    "принял акима Павлодарской области Асаина Байханова": the name is accusative like "акима",
    skipping the genitive place in between. An item of a list takes the case of the list's head,
    the earlier item of its kind, not of the word right before it: in "принял акима Карагандинской
    области, акима Павлодарской области и акима Астаны" every "акима" is accusative, though a
    genitive place stands before each.
    """
    gap = lambda a, b: text[tokens[a.last].end:tokens[b.first].start].strip()  # noqa: E731
    out: list[_Candidate] = []
    for cand in chosen:
        source = None
        # a list item: right after a comma or "и" (and a generic noun: "Махамбетский район и город
        # Кульсары"), though a name the glossary lacks may end the item before ("акима Костанайской
        # области Архимеда Мухамбетова, акима …")
        if cand.pattern.term.type == "title" and (case := _appositive_title_case(tokens, adjacent, text, cand.first)) \
                and (not cand.possible or case in cand.possible):
            out.append(replace(cand, case=case))  # "… – Государственного советника": an apposition
            continue
        if out and gap(out[-1], cand) == "(" and out[-1].pattern.term == cand.pattern.term:
            source = out[-1]  # "Высшая аудиторская палата (ВАП)": the abbreviation in the name's case
        elif out and gap(out[-1], cand) in QUOTES and out[-1].pattern.term.type in ("org", "place"):
            source = out[-1]  # "назвать новый парламент «Курултай»": the quoted name in apposition
        elif out and (_is_list_gap(gap(out[-1], cand))
                      or _coordinated_before(tokens, adjacent, text, cand.first) is not None):
            source = _list_head(out, cand, tokens, text)
            first = out.index(source) if source is not None else -1
            while first > 0 and _is_list_gap(gap(out[first - 1], out[first])):
                first -= 1
            if source is not None and cand.possible and source.case not in cand.possible \
                    and not out[first].possible and _after_colon(text, tokens[out[first].first].start):
                # the colon gave the undeclined first item its nominative for want of a form; an item's
                # form decides the list: "в города: Алматы, Шымкенту и Актобе" are all dative
                if len(cand.possible) == 1:
                    out[first:] = [replace(c, case=next(iter(cand.possible))) if not c.possible else c
                                   for c in out[first:]]
                source = None
            elif source is out[-1] and _is_list_gap(gap(source, cand)) and len(cand.possible) == 1 \
                    and source.case not in cand.possible and _undeclined(source, tokens) \
                    and not (len(out) > 1 and _is_list_gap(gap(out[-2], source))):
                hard, *preferred = _context(tokens, adjacent, source.first)
                if cand.possible <= hard and _decided([hard, *preferred]) is None:
                    # "рост – Улытау, Акмолинская и Атырауская области": an undeclined first item,
                    # its context deciding nothing, takes the one case the next item's form shows
                    out[-1] = source = replace(source, case=next(iter(cand.possible)))
        elif cand.pattern.term.type == "person":
            following = cand
            for prev in reversed(out):
                kind = prev.pattern.term.type
                between = gap(prev, following)  # a generic noun may stand there: "акима города Шымкента"
                if (between and _lemma(between.lower()) not in _GENERIC_NOUNS) or kind not in ("title", "place", "org"):
                    break
                if kind == "title":
                    source = prev
                    break
                following = prev
            if source is None and following is not cand \
                    and (case := _case_of_untitled_head(following.first - 1, out, tokens, adjacent)) \
                    and (not cand.possible or case in cand.possible):
                out.append(replace(cand, case=case))  # "поблагодарил главу Казахстана Касым-Жомарта Токаева"
                continue
        if (source is not None and source.case and source.case != cand.case
                and (not cand.possible or source.case in cand.possible or source.case not in source.possible
                     or _left_undeclined(cand, tokens, text))):
            # (a case the source's own words do not show came from its head, an apposition:
            # "городов Усть-Каменогорск и Урджар" are both genitive; so does a place the writer
            # left in its dictionary form: "в Актобе, Костанае, Кульсары" are all locative)
            cand = replace(cand, case=source.case, number=cand.number or source.number)
        out.append(cand)
    return out


def _phrase_start(tokens: list[_Token], adjacent: list[bool], k: int) -> int:
    """The first word of the noun phrase ending at token k: nouns, adjectives and names, back to a
    verb, a preposition, "и" or punctuation."""
    while k > 0 and adjacent[k - 1] and tokens[k - 1].lower not in ("и", "или") \
            and morph().parse(tokens[k - 1].lower)[0].tag.POS in ("NOUN", "ADJF", None):
        k -= 1
    return k


def _appositive_title_case(tokens: list[_Token], adjacent: list[bool], text: str, i: int) -> str | None:
    """The case of a title after a spaced dash or a comma, in apposition to the person's noun that
    opens the phrase before it: that noun's case, or its list's first item's, as the verb before
    that governs it: "принял председателя Конституционной комиссии – председателя Конституционного
    суда …, заместителя председателя Конституционной комиссии – Государственного советника … и
    члена Конституционной комиссии – Помощника Президента" (each accusative); "принял действующего
    председателя ОБСЕ, министра иностранных дел …" (accusative, though "ОБСЕ" before the comma
    reads like a genitive's head). None where no person's noun opens the phrase or nothing decides
    its case."""
    if i == 0 or not (_SPACED_DASH.fullmatch(text, tokens[i - 1].end, tokens[i].start)
                      or text[tokens[i - 1].end:tokens[i].start].strip() == ","):
        return None
    start = _phrase_start(tokens, adjacent, i - 1)
    if not any(p.tag.POS == "NOUN" and "anim" in p.tag for p in morph().parse(tokens[start].lower)):
        return None
    while start > 1:
        if tokens[start - 1].lower in ("и", "или") and adjacent[start - 1] and adjacent[start - 2]:
            end = start - 2
        elif text[tokens[start - 1].end:tokens[start].start].strip() in (",", "–", "—"):
            end = start - 1
        else:
            break
        start = _phrase_start(tokens, adjacent, end)
    return _decided(_context(tokens, adjacent, start))


def _decided(preferences: list[set[str]]) -> str | None:
    """The case a context alone decides, beyond its defaults: its last preference, where that names one."""
    return next(iter(preferences[-1])) if len(preferences) > 2 and len(preferences[-1]) == 1 else None


def _case_of_untitled_head(k: int, out: list[_Candidate], tokens: list[_Token], adjacent: list[bool]) -> str | None:
    """The case of a person's noun at `k` that no entry matches ("главу", "лидера"), right before the
    place or body after which a name stands in apposition to it: "поблагодарил главу Казахстана
    Касым-Жомарта Токаева" (accusative, as "главу"), the noun's reading chosen by its own context."""
    if k < 0 or not adjacent[k] or any(c.first <= k <= c.last for c in out):
        return None
    readings = [p for p in morph().parse(tokens[k].lower)
                if p.tag.POS == "NOUN" and "anim" in p.tag and p.tag.number == "sing" and "Name" not in p.tag]
    cases = [c for p in readings if (c := _PYMORPHY_CASES.get(p.tag.case or ""))]
    if not cases or tokens[k].folded[:1].isupper() and k > 0:
        return None
    return _reading_in_context(tokens, adjacent, k, cases)


def _reading_in_context(tokens: list[_Token], adjacent: list[bool], k: int, cases: list[str]) -> str | None:
    """Which of the cases a noun's readings at `k` allow (likeliest first) its context picks: the
    strongest preference one of them meets, else the likeliest the hard constraint allows
    ("посетил морские порты Актау": accusative)."""
    hard, *preferred = _context(tokens, adjacent, k)
    ordered = [c for c in cases if c in hard]
    return next((c for want in reversed(preferred) for c in ordered if c in want), ordered[0] if ordered else None)


_CLAUSE_END = re.compile(r"[.!?;:]")


def _as_written(term: Term, words: list[_Token]) -> bool:
    """Whether `words` are the entry (or a variant) in its dictionary form, the form a name in
    apposition keeps ("в городе Семей"; not "в районах Карагандинской области")."""
    return " ".join(t.lower for t in words) in _dictionary_forms(term)


@lru_cache(maxsize=65_536)
def _dictionary_forms(term: Term) -> frozenset[str]:
    """The entry and its variants as `tokenize` folds them, lower case, words joined by a space."""
    return frozenset(" ".join(fold(w).lower() for w in _WORD.findall(form)) for form in (term.ru, *term.ru_variants))


def _undeclined(cand: _Candidate, tokens: list[_Token]) -> bool:
    """Whether `cand` is a name whose form shows no case: words the dictionary does not decline or
    does not know, as its entry writes them, whole or without the generic noun ("Улытау" of
    "область Улытау"); not "Президент", a nominative."""
    words = tokens[cand.first:cand.last + 1]
    written = f" {' '.join(t.lower for t in words)} "
    return any(written in f" {form} " for form in _dictionary_forms(cand.pattern.term)) and all(
        all(not p.is_known or "Fixd" in p.tag for p in morph().parse(t.lower)) for t in words)


def _left_undeclined(cand: _Candidate, tokens: list[_Token], text: str) -> bool:
    """Whether `cand` is a place written exactly as its entry: Kazakh names are often left
    undeclined ("в Кульсары"), so the form shows no case of its own."""
    return cand.pattern.term.type == "place" and _as_written(cand.pattern.term, tokens[cand.first:cand.last + 1])


def _is_list_gap(between: str) -> bool:
    """Whether what stands between two terms makes the second an item of a list: a comma, "и" or
    "или", optionally with the generic noun the item's name is in apposition to ("и город")."""
    words = between.split()
    if len(words) == 2 and _lemma(words[1].lower()) in _GENERIC_NOUNS:
        between = words[0]
    return between in (",", "и", "или")


def _list_head(out: list[_Candidate], cand: _Candidate, tokens: list[_Token], text: str) -> _Candidate | None:
    """The earlier item of the list that `cand` continues: the nearest earlier term of the same
    term, or of the same type (a place after places), within the sentence; None when the list has
    no such item (a name after a place is no item of a list of places)."""
    start = tokens[cand.first].start
    for prev in reversed(out):
        if _CLAUSE_END.search(text, tokens[prev.last].end, start):
            return None
        if prev.pattern.term is cand.pattern.term or prev.pattern.term.type == cand.pattern.term.type:
            return prev
    return None


def _is_transitive_verb(word: str) -> bool:
    parse = morph().parse(word)[0]
    return parse.tag.POS in ("VERB", "INFN", "GRND") and "tran" in parse.tag


def _clause_words(tokens: list[_Token], adjacent: list[bool], i: int, limit: int = 8) -> list[str]:
    """Lower-case words before token i within its clause (no punctuation in between), nearest first."""
    words = []
    j = i - 1
    while j >= 0 and j >= i - limit and adjacent[j]:
        words.append(tokens[j].lower)
        j -= 1
    return words


#: The verbs of arriving a fronted "в Алматы" comes before: "в Алматы прибудет рейс".
_ARRIVING = _ARRIVED | {"прилетать", "возвращаться", "возвратиться"}
#: What opens another goal of the verb after it: "вернулись к обсуждению" (to a matter, not a place).
_GOAL_PREPOSITIONS = frozenset({"к", "ко"})


def _arrives_after(tokens: list[_Token], adjacent: list[bool], i: int) -> bool:
    """Whether a verb of arriving follows the one-word name at token i, the phrase fronted: "в Алматы
    прибудет рейс", "в Алматы прибыли делегации" (whither), as "прибудет в Алматы" is; not where the
    verb returns to a matter ("в Алматы вернулись к обсуждению": where), nor "прибыли" the noun before
    a genitive ("в Алматы прибыли компаний выросли")."""
    if i + 2 >= len(tokens) or not adjacent[i] or not adjacent[i + 1]:
        return False
    verb, after = tokens[i + 1].lower, tokens[i + 2].lower
    parses = morph().parse(verb)
    if not any(p.tag.POS == "VERB" and p.normal_form.replace("ё", "е") in _ARRIVING for p in parses):
        return False
    noun_too = any(p.tag.POS == "NOUN" for p in parses)
    genitive_only = all(p.tag.case in ("gent", "gen2") for p in morph().parse(after) if p.tag.case)
    return after not in _GOAL_PREPOSITIONS and not (noun_too and genitive_only)


def _lemma(word: str) -> str:
    return morph().parse(word)[0].normal_form.replace("ё", "е")


def _context(tokens: list[_Token], adjacent: list[bool], i: int) -> list[set[str]]:
    """Case constraints from the words before token i: the hard one first, then preferences.

    Government decides, not the form alone: a preposition fixes the possible cases ("в"/"на" +
    an indeclinable place is locative, or accusative after a verb or noun of direction: "прибыл
    в Актау"). Without one, the locative is impossible; a verb before the term (skipping
    adjectives, adverbs and prepositional phrases, within the clause) governs its object's case: from a
    small table ("поручил Министерству": dative), else accusative when transitive ("принял в
    Акорде акима"); then a noun right before the term governs a genitive ("в пресс-службе
    Президента", "кандидатуру Бейбита Исабаева").
    """
    prev = tokens[i - 1].lower if i > 0 and adjacent[i - 1] else ""
    if prev and i > 1 and adjacent[i - 2] and (tokens[i - 2].lower, _lemma(prev)) in _GENITIVE_PHRASES:
        return [{"gen"}]
    # The phrase's preposition may stand before up to two adjectives of its own ("в новообразованной
    # области"): adjectives that agree with the term's first word in a case the preposition takes
    # (not "в подведомственных области Абай организациях", where the adjective is the next noun's).
    p = i - 1
    while prev and p > max(0, i - 3) and adjacent[p - 1] and _agrees(tokens[p].lower, tokens[i].lower):
        p -= 1
    preposition = tokens[p].lower if p < i - 1 else prev
    if p < i - 1 and preposition in _PREPOSITIONS and not any(
            _agrees(tokens[k].lower, tokens[i].lower, frozenset(_PREPOSITIONS[preposition])) for k in range(p + 1, i)):
        preposition = ""
    if preposition in _PREPOSITIONS:
        allowed = _PREPOSITIONS[preposition]
        if preposition in _WHERE_OR_WHITHER:
            directed = (any(_lemma(w) in _DIRECTION for w in _clause_words(tokens, adjacent, p))
                        and not (p > 0 and adjacent[p - 1] and _genitive_noun(tokens[p - 1].lower))) \
                or (preposition != "под" and _arrives_after(tokens, adjacent, i))
            return [allowed, {"acc"} if directed else allowed - {"acc"}]
        return [allowed]
    preferences = [set(_PYMORPHY_CASES.values()), {"nom", "gen", "dat", "acc", "ins"}]
    skipped_phrase = False  # a table verb governs only the word right after it ("доложил о
    j = i - 1               # готовности ТЭЦ": the ТЭЦ belongs to "готовности", not "доложил")
    while j >= 0 and j >= i - 6 and adjacent[j]:
        word = tokens[j].lower
        before = tokens[j - 1].lower if j > 0 and adjacent[j - 1] else ""
        # a capitalised word inside the clause is a name, whatever pymorphy3 guesses («Боралдай»)
        verb = not (tokens[j].folded[:1].isupper() and j > 0 and adjacent[j - 1])
        if j == i - 1 and (j == 0 or not adjacent[j - 1] or _attribution_opens(tokens, adjacent, j)) \
                and _lemma(word) in _REPORTING and morph().parse(word)[0].tag.POS == "VERB":
            # ", сообщает Министерство иностранных дел", "Об этом сообщает МИД": the source, also where
            # the verb governs a dative elsewhere ("– сообщил Роман Скляр")
            preferences.append({"nom"})
            break
        governed = _VERB_CASES.get(_lemma(word)) if verb and _is_verb(word) else None
        if governed:
            if not skipped_phrase:
                preferences.append({governed})
            break
        if verb and _is_transitive_verb(word):
            # past a prepositional phrase, only a person is the verb's object ("принял в Акорде
            # акима"), or a thing that cannot be genitive ("посетить с визитом Казахстан"); a thing
            # is the phrase's noun's genitive ("проинформировали на сайте Правительства")
            parses = morph().parse(tokens[i].lower)
            if _object_before(tokens, adjacent, j):
                # the verb has its object: a name right after it is its subject ("Школу искусств …
                # построит Шымкент"), one past a phrase that phrase's ("Школу открыли при участии акима")
                if j == i - 1:
                    preferences.append({"nom"})
            elif not skipped_phrase or any("anim" in p.tag for p in parses) \
                    or not any(p.tag.case in ("gent", "gen2") for p in parses):
                preferences.append({"acc"})
            break
        if not (word in _PREPOSITIONS or before in _PREPOSITIONS
                or morph().parse(word)[0].tag.POS in ("ADJF", "PRTF", "ADVB")):
            if _after_recipient(tokens, adjacent, j):
                preferences.append({"acc"})  # "представил активу Туркестанской области нового акима"
                break
            # a whole prepositional phrase with adjectives ("Привлечь к дисциплинарной
            # ответственности вице-министров"): the verb before it governs the term
            k = j - 1
            while k >= 0 and adjacent[k] and morph().parse(tokens[k].lower)[0].tag.POS in ("ADJF", "PRTF"):
                k -= 1
            if not (k < j - 1 and k >= 0 and adjacent[k] and tokens[k].lower in _PREPOSITIONS):
                break
            skipped_phrase, j = True, k - 1
            continue
        skipped_phrase = skipped_phrase or word in _PREPOSITIONS
        j -= 1
    place = bool(prev) and _place_after_preposition(tokens, adjacent, i - 1)
    if prev and _subject_after_noun(tokens, adjacent, i):
        preferences.append({"nom"})  # "В морозные дни Темиртау снова столкнулся": "дни" is not the subject
    elif prev and _after_time_phrase(tokens, adjacent, i):
        preferences.append({"nom"})  # "В этом году МЧС отмечает": a time governs no body's genitive
    elif prev and not place and (morph().parse(prev)[0].tag.POS in ("NOUN", "COMP") or _abbreviation(tokens[i - 1].folded)):
        preferences.append({"gen"})  # weaker than the verb: "принял в Акорде акима" stays acc; "ПМ РК";
        # a comparative governs it too: "в 277 км юго-восточнее Алматы"
    elif not prev and (case := _partner_case(tokens, adjacent, i)):
        preferences.append({case})  # "Казахстан и Монголию объединяет": the case its partner shows
    elif not prev and _object_first(tokens, adjacent, i):
        preferences.append({"acc"})
    elif (not prev or place or morph().parse(prev)[0].tag.POS in ("NPRO", "ADVB", "PRCL")) \
            and _fronted_object(tokens, adjacent, i):
        preferences.append({"acc"})  # "Наряду с этим Президента проинформировали …", "В Жезказгане президента встретили"
    elif not prev and i > 0 and i + 1 < len(tokens) and not adjacent[i] and tokens[i + 1].lower.isdigit():
        preferences.append({"nom"})  # "• Алматы — 2 347 924 человека": a list item's subject before its figure
    elif not prev and _opens_before_its_verb(tokens, adjacent, i):
        preferences.append({"nom"})  # "Алматы вышел на первое место", "МИД Казахстана сообщил", "МЧС и МВД провели"
    elif i == 0 and len(tokens) > 1 and not adjacent[0] and tokens[1].lower.isdigit():
        preferences.append({"nom"})  # "Алматы. 5 июня. …": a dateline's place
    elif prev in _CLAUSE_OPENERS and _subject_of_verb_ahead(tokens, adjacent, i):
        preferences.append({"nom"})  # "…, что правительства двух государств продолжат работу"
    elif (not prev or prev in _CLAUSE_OPENERS) and _subject_with_partners(tokens, adjacent, i):
        preferences.append({"nom"})  # "Кроме того, МВД совместно с другими органами выявили …"
    return preferences


def _attribution_opens(tokens: list[_Token], adjacent: list[bool], j: int) -> bool:
    """Whether the reporting verb at `j` follows only "Об этом" or "Как" in its clause: the name after
    it is the source ("Об этом сообщает МИД Казахстана"), not the verb's object."""
    for words in _ATTRIBUTION_OPENERS:
        k = j - len(words)
        if k >= 0 and tuple(t.lower for t in tokens[k:j]) == words and all(adjacent[k:j]) \
                and (k == 0 or not adjacent[k - 1]):
            return True
    return False


def _object_before(tokens: list[_Token], adjacent: list[bool], j: int) -> bool:
    """Whether the clause before the verb at `j` holds a noun that can only be accusative, or a plural
    one only nominative or accusative before a singular verb, after no preposition: the verb's
    object stands first, so the name after the verb is its subject ("Школу искусств за 2 млрд
    тенге построит Шымкент", "проекты … разрабатывает Министерство водных ресурсов"). Singular
    nouns before a plural verb prove nothing: they may be its coordinated subjects ("Жанбыршин,
    Куспан и Заитов посетили Атырау")."""
    verb = morph().parse(tokens[j].lower)[0]
    if verb.tag.POS == "INFN":
        return False  # "поставил задачу за три года превратить Казахстан": the noun before is another verb's
    singular = "indc" in verb.tag and verb.tag.number == "sing"
    k = j - 1
    while k >= 0 and adjacent[k]:
        parses = morph().parse(tokens[k].lower)
        if all(p.tag.POS == "NOUN" and p.tag.case == "accs" for p in parses):
            return True
        governed = k > 0 and adjacent[k - 1] and tokens[k - 1].lower in _PREPOSITIONS
        if singular and not governed and all(p.tag.POS == "NOUN" and p.tag.case in ("nomn", "accs")
                                             and p.tag.number == "plur" for p in parses):
            return True
        k -= 1
    return False


def _after_recipient(tokens: list[_Token], adjacent: list[bool], j: int) -> bool:
    """Whether the words ending at token j are a dative recipient, its genitives after it, right
    after a transitive verb: the verb's object follows them ("представил активу Туркестанской
    области нового акима"). Only a noun that can be nothing but dative is taken for the recipient,
    and only a genitive its adjective makes one ending the phrase: in "предложил коллегам
    кандидатуры Альберта Рау" the bare "кандидатуры" is the object, the name its genitive."""
    if j == 0 or not adjacent[j - 1] or not _agrees(tokens[j - 1].lower, tokens[j].lower, frozenset({"gen"})):
        return False
    k = j
    while k > 0 and adjacent[k - 1] and any(p.tag.POS in ("NOUN", "ADJF") and p.tag.case in ("gent", "gen2")
                                            for p in morph().parse(tokens[k].lower)):
        k -= 1
    parses = [p for p in morph().parse(tokens[k].lower) if p.score >= 0.1]
    if k == 0 or not adjacent[k - 1] or not parses or any(p.tag.POS != "NOUN" or p.tag.case != "datv" for p in parses):
        return False
    return _is_transitive_verb(tokens[k - 1].lower)


#: Words after which a clause begins, its subject first: "…, что правительства … продолжат".
_CLAUSE_OPENERS = frozenset({"что", "чтобы", "где", "когда", "а", "но"})


def _opens_before_its_verb(tokens: list[_Token], adjacent: list[bool], i: int) -> bool:
    """Whether the name opening its clause at `i` comes before a finite verb or a short participle
    ("Алматы признан", not the impersonal "МИД поручено") with nothing but names between (its own
    state's, "МИД Казахстана"; a partner's that may be nominative, "МЧС и МВД"): that verb's subject.
    "Алматы и Астану посетил" has an object's partner, "Алматы и Шымкент посетил Президент" a
    singular verb: objects, no subjects."""
    k, partner = i, False
    while k + 1 < len(tokens) and adjacent[k] and k - i < 4:
        k += 1
        if tokens[k].lower == "и":
            partner = True
        elif tokens[k].folded[:1].isupper():
            if partner and not any(p.tag.case == "nomn" for p in morph().parse(tokens[k].lower)):
                return False
        else:
            verb = morph().parse(tokens[k].lower)[0].tag
            finite = "indc" in verb or (verb.POS == "PRTS" and verb.gender != "neut"
                                        and not _own_subject_after(tokens, adjacent, k))
            return finite and not (partner and verb.number == "sing")  # partners take a plural verb
    return False


def _own_subject_after(tokens: list[_Token], adjacent: list[bool], k: int) -> bool:
    """Whether a nominative or a figure follows the short participle at `k`: the participle's own
    subject ("МЧС проведены учения", "Алматы присвоен статус"), so the name before it is an agent or
    an addressee, not the subject it is in "Алматы признан лучшим городом"."""
    if k + 1 >= len(tokens) or not adjacent[k]:
        return False
    word = tokens[k + 1].lower
    parses = morph().parse(word)
    if parses[0].tag.POS in ("INFN", "PREP", "CONJ", "ADVB", "PRCL"):
        return False  # "уполномочен вести", "приведены в готовность": not a noun, whatever else it may be
    return word[:1].isdigit() or any(p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR") and p.tag.case == "nomn"
                                     for p in parses)


def _subject_of_verb_ahead(tokens: list[_Token], adjacent: list[bool], i: int) -> bool:
    """Whether the noun at `i` has a nominative in the number of the finite verb a few words ahead
    in its clause (past its genitive complement): it is that verb's subject."""
    k = i
    while k + 1 < len(tokens) and adjacent[k] and k - i < 5:
        k += 1
        verb = morph().parse(tokens[k].lower)[0]
        if verb.tag.POS == "VERB" and "indc" in verb.tag:
            return any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number == verb.tag.number
                       for p in morph().parse(tokens[i].lower))
    return False


def _subject_with_partners(tokens: list[_Token], adjacent: list[bool], i: int) -> bool:
    """Whether the term opening its clause is followed by "совместно с"/"вместе с" … and then a
    finite verb in the clause: the subject acting with partners, the verb often plural by sense.
    An infinitive there ("Министерству энергетики совместно с акиматами провести") is an
    instruction to a dative addressee, not this."""
    def partners_after(k: int) -> bool:  # "совместно с" right after token k
        return k + 2 < len(tokens) and adjacent[k] and adjacent[k + 1] \
            and tokens[k + 1].lower in ("совместно", "вместе") and tokens[k + 2].lower in ("с", "со")

    k = i
    while not partners_after(k) and k + 1 < len(tokens) and adjacent[k] and k - i < 4:
        k += 1  # past the term's own words and its genitive ("Министерство внутренних дел совместно с")
    if not partners_after(k):
        return False
    k += 2
    while k + 1 < len(tokens) and adjacent[k] and k - i < 12:
        k += 1
        verb = morph().parse(tokens[k].lower)[0]
        if verb.tag.POS == "VERB" and "indc" in verb.tag:
            return any(p.tag.case == "nomn" for p in morph().parse(tokens[i].lower))
        if verb.tag.POS == "INFN":
            return False
    return False


def _noun_after(word: str) -> bool:
    """Whether `word` may be a noun an adjective before it qualifies ("Карагандинской ТЭЦ")."""
    return any(p.tag.POS == "NOUN" for p in morph().parse(word))


def _own_noun_after(adjective: str, word: str) -> bool:
    """Whether `word` is a noun the adjective before it qualifies: it agrees ("Карагандинской ТЭЦ"),
    or the adjective is one pymorphy cannot read; "в Райымбекском отопление планируют включить" is
    an adjective whose head the sentence left out, before the clause's own subject."""
    return _noun_after(word) and (_agrees(adjective, word)
                                  or not any(p.tag.POS == "ADJF" for p in morph().parse(adjective)))


def _genitive_noun(word: str) -> bool:
    """A noun only genitive: a phrase after it is its own ("направят на реконструкцию … сетей в
    Аксу": the networks in Aksu, locative), not the verb's direction ("направил делегацию в Астану")."""
    nouns = [q for q in morph().parse(word) if q.tag.POS == "NOUN"]
    return bool(nouns) and all(q.tag.case == "gent" for q in nouns)


def _abbreviation(word: str) -> bool:
    """A body's or office's abbreviation ("ПМ", "МИД"), which governs the genitive as its noun would."""
    return len(word) >= 2 and word.isupper() and word.isalpha()


def _partner_case(tokens: list[_Token], adjacent: list[bool], i: int) -> str | None:
    """The one case the capitalised noun coordinated by "и" right after the word at `i` shows, which
    the two share ("Казахстан и Монголию объединяет": accusative), or None."""
    if not (i + 2 < len(tokens) and adjacent[i] and adjacent[i + 1] and tokens[i + 1].lower == "и"
            and tokens[i + 2].folded[:1].isupper()):
        return None
    cases = {p.tag.case for p in morph().parse(tokens[i + 2].lower) if p.tag.POS == "NOUN"}
    return _PYMORPHY_CASES.get(cases.pop()) if len(cases) == 1 else None


def _object_first(tokens: list[_Token], adjacent: list[bool], i: int) -> bool:
    """Whether a thing opening its clause is the object of the past-tense verb right after it: the
    verb agrees with another subject ("Мажилис посетила делегация", the delegation visited), or a
    person in the nominative follows it ("Мажилис посетил исполняющий обязанности председателя")."""
    if i + 1 >= len(tokens) or not adjacent[i]:
        return False
    verb = morph().parse(tokens[i + 1].lower)[0]
    noun = next((p for p in morph().parse(tokens[i].lower) if p.tag.POS == "NOUN" and p.tag.case == "nomn"), None)
    if verb.tag.POS != "VERB" or verb.tag.tense != "past" or "tran" not in verb.tag or noun is None \
            or "inan" not in noun.tag or noun.tag.number != "sing":
        return False
    return verb.tag.number == "plur" or (verb.tag.gender is not None and verb.tag.gender != noun.tag.gender) \
        or (i + 2 < len(tokens) and adjacent[i + 1] and _person_after(tokens, i + 2))


def _person_after(tokens: list[_Token], k: int) -> bool:
    """Whether the word at `k` is a person in the nominative, which no noun's accusative reads: "министр"
    (its accusative is "министра"), "исполняющий" (обязанности; a participle's inanimate accusative is
    no person's), or a first name before a man's surname in the nominative ("Маулен Ашимбаев", whose
    accusative is "Ашимбаева"; pymorphy3 does not know "Маулен")."""
    parses = morph().parse(tokens[k].lower)
    if k + 1 < len(tokens) and tokens[k].folded[:1].isupper() and tokens[k + 1].folded[:1].isupper() \
            and MAN_S_SURNAME.fullmatch(tokens[k + 1].lower):
        return True
    return any(p.tag.POS == "NOUN" and "anim" in p.tag and p.tag.case == "nomn" for p in parses) \
        and not any(p.tag.POS == "NOUN" and p.tag.case == "accs" for p in parses)


#: A man's surname in the nominative, no case ending after it: "Ашимбаев", "Кошанов".
MAN_S_SURNAME = re.compile(rf"\w{{3,}}(?:{SURNAME_STEM_ENDINGS})")


def _subject_after_noun(tokens: list[_Token], adjacent: list[bool], i: int) -> bool:
    """Whether the name at `i`, after a noun, is the subject of the past-tense verb ahead (past
    adverbs) that the noun before it cannot be the subject of, in number or gender: "В морозные
    дни Темиртау снова столкнулся" (the days did not collide); "акимат Темиртау сообщил" is the
    akimat's."""
    noun = morph().parse(tokens[i - 1].lower)
    if not any(p.tag.POS == "NOUN" for p in noun[:1]) or _abbreviation(tokens[i].folded):
        return False
    if not _ends_prepositional_phrase(tokens, adjacent, i - 1, ("ADJF", "PRTF")):  # "В морозные дни"
        return False
    verb = _verb_ahead(tokens, adjacent, i, 3)
    if verb is None or verb.tag.tense != "past" or verb.tag.number != "sing":
        return False
    return not any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number == "sing"
                   and p.tag.gender in (None, verb.tag.gender) for p in noun) \
        and any(p.tag.case == "nomn" and p.tag.number == "sing" for p in morph().parse(tokens[i].lower))


def _ends_prepositional_phrase(tokens: list[_Token], adjacent: list[bool], k: int, modifiers: tuple[str, ...]) -> bool:
    """Whether the noun at `k` ends a prepositional phrase: a preposition before it, past the words
    whose part of speech is among `modifiers` (numbers in figures too where "NUMR" is)."""
    j = k - 1
    while j >= 0 and adjacent[j] and (morph().parse(tokens[j].lower)[0].tag.POS in modifiers
                                      or ("NUMR" in modifiers and tokens[j].lower.isdigit())):
        j -= 1
    return j >= 0 and adjacent[j] and tokens[j].lower in _PREPOSITIONS


#: Nouns of time, whose phrase ("в этом году", "на прошлой неделе") sets when, and governs no name after it.
_TIME_NOUNS = frozenset({"год", "месяц", "неделя", "день", "время", "период", "квартал", "полугодие", "сутки"})


def _after_time_phrase(tokens: list[_Token], adjacent: list[bool], i: int) -> bool:
    """Whether the name at `i` follows a phrase of time and comes before its clause's finite verb:
    it is the verb's subject ("В этом году МЧС отмечает 30-летие"), not the time's genitive."""
    if _lemma(tokens[i - 1].lower) not in _TIME_NOUNS \
            or not _ends_prepositional_phrase(tokens, adjacent, i - 1, ("ADJF", "PRTF", "NUMR", "NPRO")):
        return False  # "в этом году", "в 2024 году"
    verb = _verb_ahead(tokens, adjacent, i, 3)
    return verb is not None and "indc" in verb.tag \
        and any(p.tag.case == "nomn" for p in morph().parse(tokens[i].lower))


def _verb_ahead(tokens: list[_Token], adjacent: list[bool], i: int, reach: int,
                complements: bool = False) -> Parse | None:
    """The reading of the verb ahead of token `i` in its clause, within `reach` words, past adverbs
    and particles and, with `complements`, a genitive complement ("Акима области освободили"), where
    negation ends the search; None when another word comes first."""
    k = i
    while k + 1 < len(tokens) and adjacent[k] and k - i < reach:
        k += 1
        word = morph().parse(tokens[k].lower)[0]
        if word.tag.POS == "VERB":
            return word
        if not complements:
            if word.tag.POS not in ("ADVB", "PRCL"):
                return None
            continue
        complement = any(p.tag.POS in ("NOUN", "ADJF") and p.tag.case == "gent" for p in morph().parse(tokens[k].lower))
        if not (complement or word.tag.POS in ("ADVB", "PRCL")) or tokens[k].lower == "не":
            return None
    return None


def _after_colon(text: str, start: int) -> bool:
    """Whether a list's item at `start` follows its colon (`_COLON_BEFORE`)."""
    return _COLON_BEFORE.search(text, max(0, start - 12), start) is not None


def _place_after_preposition(tokens: list[_Token], adjacent: list[bool], k: int) -> bool:
    """Whether token k is a place's name after its preposition ("В Жезказгане"): a proper name
    governs no genitive, so the word after it opens the clause's next part."""
    return k > 0 and adjacent[k - 1] and tokens[k - 1].lower in _PREPOSITIONS and tokens[k].folded[:1].isupper() \
        and any("Geox" in p.tag for p in morph().parse(tokens[k].lower))


def _fronted_object(tokens: list[_Token], adjacent: list[bool], i: int) -> bool:
    """Whether a person opening its clause is the object of the transitive verb ahead (past its
    genitive complement, adverbs and particles) because no nominative reading of it agrees with that
    verb: "Президента также проинформировали о …" (they informed the President), "Акима области
    освободили" ("Акима", a woman's name, would take "освободила"); "Уали сообщил" is the subject,
    and so is "Нуртлеу подтвердил" (an indeclinable name's gender is the dictionary's guess).
    Negation is left alone: it may govern the genitive."""
    parses = morph().parse(tokens[i].lower)
    if not any("anim" in p.tag and p.tag.case == "accs" for p in parses):
        return False
    verb = _verb_ahead(tokens, adjacent, i, 4, complements=True)
    return verb is not None and "tran" in verb.tag and "indc" in verb.tag and not any(
        p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number == verb.tag.number
        and (verb.tag.gender is None or p.tag.gender in (None, verb.tag.gender) or "Fixd" in p.tag)
        for p in parses)


def _adjective_cases(word: str) -> set[str]:
    """The cases of `word`'s readings as an adjective the dictionary knows, a thing's: no animate accusative."""
    return {_PYMORPHY_CASES[p.tag.case] for p in morph().parse(word) if p.is_known and p.tag.POS == "ADJF"
            and p.tag.case and not (p.tag.case == "accs" and p.tag.animacy == "anim")}


def _case_of_adjective_before(tokens: list[_Token], adjacent: list[bool], i: int) -> str | None:
    """The one case an adjective right before an undeclined name shows, that name being a thing,
    not a person: "на земле уникального Атырау" (genitive), "в исторически богатом Кокшетау"
    (locative). A capitalised adjective may open the name itself and tells nothing; a participle
    governs its own object."""
    k = i - 1
    if k < 0 or not adjacent[k] or not tokens[k].folded.islower():
        return None
    if morph().parse(tokens[k].lower)[0].tag.POS != "ADJF":
        return None  # a participle governs a case of its own ("команда, представлявшая Кокшетау")
    cases = _adjective_cases(tokens[k].lower)
    return next(iter(cases)) if len(cases) == 1 else None


@lru_cache(maxsize=100_000)
def _agrees(adjective: str, noun: str, cases: frozenset[str] | None = None) -> bool:
    """Whether `adjective` (a full adjective, not a participle, which governs a case of its own)
    can agree with `noun` in case, number and, in the singular, gender; in one of `cases` if given."""
    nouns = [q.tag for q in morph().parse(noun) if q.tag.POS == "NOUN" and q.tag.case]
    return any(a.tag.case == n.case and a.tag.number == n.number
               and (n.number == "plur" or a.tag.gender == n.gender)
               and (a.tag.animacy is None or a.tag.animacy == n.animacy)  # "подведомственных" (acc) is animate
               and (cases is None or _PYMORPHY_CASES.get(n.case) in cases)
               for a in morph().parse(adjective) if a.tag.POS == "ADJF" for n in nouns)


def _is_verb(word: str) -> bool:
    return morph().parse(word)[0].tag.POS in ("VERB", "INFN", "GRND", "PRTF", "PRTS")


def find_hits(text: str, glossary: Glossary) -> list[Hit]:
    """One-off matching; build a `Matcher` instead when matching many texts."""
    return _matcher(glossary).find(text)


@lru_cache(maxsize=8)
def _matcher(glossary: Glossary) -> Matcher:
    return Matcher(glossary)


def expected_target(hit: Hit, lang: str) -> str | None:
    """The target form editors expect for this occurrence.

    A person named by surname alone ("Бектенов заявил") expects only the surname in the output
    ("Bektenov said"), the last word of the target; every other hit expects the full target.
    """
    target = target_of(hit.term, lang)
    words = [w for w in _WORD.findall(hit.surface) if len(w) > 1]  # "М.Ашимбаев": initials aside
    if target and hit.term.type == "person" and len(words) == 1 < len(_WORD.findall(hit.term.ru)):
        return target.split()[-1]
    return target
