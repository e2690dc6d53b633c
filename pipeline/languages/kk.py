"""Kazakh case inflection for glossary targets, and finding inflected targets in Kazakh text.

No available tool inflects whole glossary terms: qazaq-inflector gets single names right but
inflects every word of "Қарағанды облысы" and knows nothing of possessive heads. Press offices
write "Қарағанды облысының", "Қасым-Жомарт Тоқаевқа", "ЖЭО-да", so we build suffixes ourselves
from the two choices the grammar makes (../shared/notes/kazakh-case-suffixes.md):

* harmony (back/front) from the last vowel of the stem; Russian-style surnames in -ов/-ев/-ёв take
  it from the stem before the ending (Тоқаев → back, Бектенов → front). Words in -ин are NOT
  special-cased: real text has "Парижде", "тарифте", "скополаминді", "саммитке" (Tatoeba, FLORES
  dev), so и (and ю) count as front vowels in these Russian loans; Arabic loans such as тарих,
  мұхит (back) are not modelled; у is neutral; a final к after a consonant is front and stays
  voiceless, whatever the vowel ("банкі", "банкінің", "паркіне" in FLORES and Tatoeba, "ҚР Ұлттық
  Банкі");
* the final sound (vowel; м н ң; л р й у и; ж з; voiceless, with final б в г д devoiced).

Possessive heads (izafet). A term is treated as ending in the 3rd-person possessive when it has
more than one space-separated word and its last word ends in ы/і (which covers -сы/-сі), unless
that word is an agent noun in -шы/-ші with no possessive of its own ("Мемлекеттік хатшы";
"Мемлекет басшысы" is possessive). We do not look at the word before: "Арқалық қаласы" is an
izafet although Арқалық looks like an adjective in -лық. Such heads take the pronominal-n cases: облысының, облысына, облысын, облысында,
облысынан, облысымен. A single word in -ы/-і (Алматы) is never possessive.

Only the last word of a multi-word term inflects, and only the last part of a hyphenated word.
Abbreviations written in capitals take a hyphen before the suffix ("ЖЭО-да", "АҚШ-тың",
"ЮНЕСКО-ның", "МАГАТЭ-ге" in terms_observed/Tatoeba/FLORES); they inflect like an ordinary word
spelled that way, and are found with the suffix of their last letter's name too ("ОКҚ-дағы": о-ка-қа);
repairs write the first reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import product

from pipeline.glossary.enforce import (
    FUZZY_MIN, SHORT_SPAN, Span, at_sentence_start, cyrillic_repairs, letter_case, ratio, tokens, windows,
    with_capitals, word_after,
)
from pipeline.glossary.model import Hit
from pipeline.languages.base import (LANGUAGES, NAME_GAP, WORD_END, WORD_START, TargetLanguage, is_all_caps,
                                     route_ends)
from pipeline.lookalikes import unmix

#: Kazakh cases in the order editors expect them (nominative first).
CASES: tuple[str, ...] = ("nom", "gen", "dat", "acc", "loc", "abl", "ins")

BACK_VOWELS = frozenset("аоұыяё")
FRONT_VOWELS = frozenset("әөүіеэию")
VOWELS = frozenset("аәеэоөұүыіяюё")  # final и and у sound like й/у and attach like л р й
NASALS = frozenset("мнң")
SIBILANTS = frozenset("жз")
VOICELESS = frozenset("кқпстфхцчшщбвгд")
SURNAME_ENDINGS = ("ов", "ев", "ёв")
VOICING = {"п": "б", "к": "г", "қ": "ғ"}
DEVOICING = {v: k for k, v in VOICING.items()}

# Case suffixes by final-sound class: (back, front).
_CASE_SUFFIXES: dict[str, dict[str, tuple[str, str]]] = {
    "gen": {"vowel": ("ның", "нің"), "nasal": ("ның", "нің"), "sonorant": ("дың", "дің"),
            "sibilant": ("дың", "дің"), "voiceless": ("тың", "тің")},
    "dat": {"vowel": ("ға", "ге"), "nasal": ("ға", "ге"), "sonorant": ("ға", "ге"),
            "sibilant": ("ға", "ге"), "voiceless": ("қа", "ке")},
    "acc": {"vowel": ("ны", "ні"), "nasal": ("ды", "ді"), "sonorant": ("ды", "ді"),
            "sibilant": ("ды", "ді"), "voiceless": ("ты", "ті")},
    "loc": {"vowel": ("да", "де"), "nasal": ("да", "де"), "sonorant": ("да", "де"),
            "sibilant": ("да", "де"), "voiceless": ("та", "те")},
    "abl": {"vowel": ("дан", "ден"), "nasal": ("нан", "нен"), "sonorant": ("дан", "ден"),
            "sibilant": ("дан", "ден"), "voiceless": ("тан", "тен")},
    "ins": {"vowel": ("мен", "мен"), "nasal": ("мен", "мен"), "sonorant": ("мен", "мен"),
            "sibilant": ("бен", "бен"), "voiceless": ("пен", "пен")},
}
# After the 3rd-person possessive the cases go through a pronominal -н-.
_PRONOMINAL_SUFFIXES: dict[str, tuple[str, str]] = {
    "gen": ("ның", "нің"), "dat": ("на", "не"), "acc": ("н", "н"),
    "loc": ("нда", "нде"), "abl": ("нан", "нен"), "ins": ("мен", "мен"),
}
# Plural: -лар after vowels and р й у; -дар after л м н ң ж з; -тар after voiceless.
_PLURAL = ("лар", "лер")
_PLURAL_BY_LAST = {**{c: ("дар", "дер") for c in "лмнңжз"}, **{c: ("тар", "тер") for c in VOICELESS}}
# The 3rd-person possessive after a vowel and after a consonant; the attributive after -да/-де.
_POSSESSIVE_AFTER_VOWEL = ("сы", "сі")
_POSSESSIVE = ("ы", "і")
# The 1st-person plural possessive, after a vowel and after a consonant: "Президентіміз", "еліміздегі"
# (our President, in our country), as official speeches write them; the cases follow it plainly.
_OURS_AFTER_VOWEL = ("мыз", "міз")
_OURS = ("ымыз", "іміз")
_ATTRIBUTIVE = ("ғы", "гі")


@dataclass(frozen=True)
class Morph:
    """The suffix chain on a word: plural, 3rd-person possessive, case, attributive -ғы/-гі, or
    instead of the 3rd-person possessive the 1st-person plural one (`ours`)."""

    plural: bool = False
    poss: bool = False
    case: str = "nom"
    attr: bool = False
    ours: bool = False

    @property
    def label(self) -> str:
        parts = [p for p, on in (("plur", self.plural), ("poss", self.poss), ("ours", self.ours)) if on]
        return ".".join([*parts, self.case] + (["attr"] if self.attr else []))


@dataclass(frozen=True)
class KkMatch:
    """One occurrence of a Kazakh glossary form in text, with the case when it is one of the seven.

    `case` is None for forms outside the seven cases of the bare term (plural, possessive + case on
    a title, -дағы); `chain` is the full suffix chain, to write another term in it, and `morph` its
    name, e.g. "plur.dat" or "poss.gen".
    """

    start: int
    end: int
    surface: str
    case: str | None
    chain: Morph

    @property
    def morph(self) -> str:
        return self.chain.label


def _is_abbreviation(word: str) -> bool:
    return word.isalpha() and is_all_caps(word)


def is_back(word: str) -> bool:
    """True when `word` takes back-vowel suffixes (harmony from the last vowel of the stem)."""
    lower = word.lower()
    if _consonant_k(lower):
        return False
    for ending in SURNAME_ENDINGS:
        stem = lower[: -len(ending)]
        if lower.endswith(ending) and any(ch in BACK_VOWELS or ch in FRONT_VOWELS for ch in stem):
            lower = stem
            break
    for ch in reversed(lower):  # у is neutral: it is a glide (Атырау) or either vowel ұу/үу
        if ch in BACK_VOWELS:
            return True
        if ch in FRONT_VOWELS:
            return False
    return True


def _consonant_k(word: str) -> bool:
    """Whether `word` ends in к after a consonant (банк, парк): a front, unvoiced final."""
    return word[-1:].lower() == "к" and len(word) > 1 and word[-2].lower() not in VOWELS


def final_class(word: str) -> str:
    """The final-sound class that picks the suffix consonant: vowel, nasal, sonorant, sibilant, voiceless."""
    last = word.rstrip("ьъЬЪ")[-1:].lower()
    if last in VOWELS:
        return "vowel"
    if last in NASALS:
        return "nasal"
    if last in SIBILANTS:
        return "sibilant"
    if last in VOICELESS:
        return "voiceless"
    return "sonorant"


def _attach(form: str, suffix: str, hyphen: bool) -> str:
    return f"{form}-{suffix}" if hyphen else form + suffix


def _possessive(word: str, back: bool, after_vowel: tuple[str, str] = _POSSESSIVE_AFTER_VOWEL,
                after_consonant: tuple[str, str] = _POSSESSIVE) -> str:
    """Add the 3rd-person possessive (or, given its suffixes, the 1st-person plural one): -сы/-сі
    after a vowel, else -ы/-і with п к қ voiced (әкімдігі, министрлігіміз), not к after a consonant (банкі)."""
    if final_class(word) == "vowel":
        return word + after_vowel[0 if back else 1]
    last = word[-1]
    voiced = None if _consonant_k(word) else VOICING.get(last.lower())
    if voiced is not None:
        word = word[:-1] + (voiced.upper() if last.isupper() else voiced)
    return word + after_consonant[0 if back else 1]


def possessive_root(word: str) -> str:
    """Strip a 3rd-person possessive: облысы → облыс, басшысы → басшы, министрлігі → министрлік.

    -сы/-сі is the suffix itself only after a vowel other than ы/і (қаласы, төрағасы) or after an
    agent noun in -шы/-ші (басшысы, кеңесшісі); otherwise the word is a consonant stem + ы/і
    (облыс+ы), and a voiced final г/ғ/б goes back to к/қ/п.
    """
    lower = word.lower()
    rest = word[:-2]
    if lower[-2:] in ("сы", "сі") and rest:
        before = rest[-1].lower()
        if (before in VOWELS and before not in "ыі") or rest.lower()[-2:] in ("шы", "ші"):
            return rest
    root = word[:-1]
    last = root[-1:]
    devoiced = DEVOICING.get(last.lower())
    if devoiced is not None:
        root = root[:-1] + (devoiced.upper() if last.isupper() else devoiced)
    return root


def is_possessive_head(kk: str) -> bool:
    """Whether a term ends in an izafet head that already carries the 3rd-person possessive."""
    words = kk.split()
    if len(words) < 2:
        return False
    last = words[-1].lower()
    return last[-1:] in ("ы", "і") and not last.endswith(("шы", "ші"))


def inflect_word(word: str, morph: Morph, head_possessive: bool = False) -> str:
    """Inflect one word by `morph`; `head_possessive` says the word already ends in -ы/-і possessive."""
    prefix, _, last = word.rpartition("-")
    prefix = prefix + "-" if prefix else ""
    abbreviation = _is_abbreviation(last)
    back = is_back(last)
    pick = 0 if back else 1
    form = last
    possessed = head_possessive
    if head_possessive:
        if morph.plural:
            root = possessive_root(last)
            form = _possessive(root + _PLURAL_BY_LAST.get(root[-1].lower(), _PLURAL)[pick], back)
    else:
        if morph.plural:
            plural = _PLURAL_BY_LAST.get(form.rstrip("ьъ")[-1].lower(), _PLURAL)[pick]
            form = _attach(form, plural, abbreviation and form == last)
        if morph.poss:
            if abbreviation and form == last:
                form = _attach(form, _POSSESSIVE_AFTER_VOWEL[pick], True)
            else:
                form = _possessive(form, back)
            possessed = True
        if morph.ours:
            form = _possessive(form, back, _OURS_AFTER_VOWEL, _OURS)
    if morph.case != "nom":
        table = _PRONOMINAL_SUFFIXES[morph.case] if possessed else \
            _CASE_SUFFIXES[morph.case][final_class(form)]
        form = _attach(form, table[pick], abbreviation and form == last)
    if morph.attr:
        form += _ATTRIBUTIVE[pick]
    return prefix + form


def inflect_morph(kk: str, morph: Morph) -> str:
    """Inflect a whole term: only its last word changes; possessive heads take pronominal cases."""
    head, sep, last = kk.rpartition(" ")
    return head + sep + inflect_word(last, morph, head_possessive=is_possessive_head(kk))


def inflect(kk: str, case: str, number: str = "sing") -> str:
    """The Kazakh glossary form `kk` in `case` (one of CASES) and `number` ("sing" or "plur")."""
    if case not in CASES:
        raise ValueError(f"unknown Kazakh case {case!r}; expected one of {', '.join(CASES)}")
    if number not in ("sing", "plur"):
        raise ValueError(f"unknown number {number!r}; expected 'sing' or 'plur'")
    return inflect_morph(kk, Morph(plural=number == "plur", case=case))


def forms(kk: str) -> dict[str, str]:
    """All seven singular case forms of `kk`, keyed by CASES."""
    return {case: inflect(kk, case) for case in CASES}


def suffix_chains(possessive_head: bool) -> list[Morph]:
    """Every suffix chain we accept, bare cases first (they win when two chains coincide).

    A possessive head already carries its possessive, so it takes no second one.
    """
    poss_options = (False,) if possessive_head else (False, True)
    morphs = [Morph(case=c) for c in CASES]
    for plural, poss, case in product((False, True), poss_options, CASES):
        if plural or poss:
            morphs.append(Morph(plural, poss, case))
    morphs += [Morph(plural, poss, "loc", attr=True) for plural, poss in product((False, True), poss_options)]
    if not possessive_head:
        morphs += [Morph(plural, case=case, ours=True) for plural, case in product((False, True), CASES)]
        morphs += [Morph(plural, case="loc", attr=True, ours=True) for plural in (False, True)]
    return morphs


_GENITIVES = ("ның", "нің", "дың", "дің", "тың", "тің")


def chain_alternatives(word: str) -> tuple[str, ...]:
    """Forms a non-final word of a term may take in a longer possessive chain (izafet).

    A genitive modifier may carry the possessor's own possessive ("Президенттің кеңесшісі" inside
    "Қазақстан Республикасы Президентінің кеңесшісі"), and a possessive in the genitive may stand
    bare ("Қарағанды облысы әкімінің" for "Қарағанды облысының әкімі"): both are the term. A
    modifier may also stand bare ("әкім орынбасары"), and of several possessors it is plural
    ("әкімдердің орынбасарлары", "әкімдерінің орынбасарлары").
    """
    lower = word.lower()
    if not lower.endswith(_GENITIVES) or len(word) < 5:
        return (word,)
    stem = word[:-3]
    if lower[-3] == "н" and stem[-1:].lower() in ("ы", "і"):  # "облысының": a possessive already
        return (word, stem)
    return tuple(dict.fromkeys([word, stem, inflect_word(stem, Morph(poss=True, case="gen")),
                                inflect_word(stem, Morph(plural=True, case="gen")),
                                inflect_word(stem, Morph(plural=True, poss=True, case="gen"))]))


def _modifier_forms(word: str, possessive: bool) -> tuple[str, ...]:
    """`chain_alternatives`, and for a bare modifier of a possessive term, its possessive genitive
    where the chain names its own possessor first: "Парламент Сенатының Төрағасы" holds "Сенат
    Төрағасы" (the Senate of Parliament's Chairman); and its genitive, singular or plural, the
    izafet that names a definite possessor: "екі мемлекеттің басшылары", "мемлекеттерінің
    басшылары" hold "Мемлекет басшысы" as "Қазақстанның Президенті" holds "Қазақстан Президенті"."""
    forms = chain_alternatives(word)
    if possessive and forms == (word,) and len(word) >= 3 and word[-1:].isalpha():
        forms += tuple(dict.fromkeys(inflect_word(word, morph) for morph in (
            Morph(poss=True, case="gen"), Morph(case="gen"), Morph(plural=True, case="gen"),
            Morph(plural=True, poss=True, case="gen"))))
    return forms


def _cyrillic(text: str) -> str:
    return text


#: A patronymic a person's name may hold before the surname: "Роман Васильевич Склярға".
_PATRONYMIC_GAP = r"(?:\s+[^\W\d_]+(?:вич|вна|ұлы|қызы|улы|кызы|vich|vna|ulı|uly|qyzy|kyzy))?"


#: The Kazakh names of consonant letters, which an abbreviation's suffix may follow: "ОКҚ-дағы"
#: (о-ка-қа), beside the suffix of the abbreviation read as a word ("АҚШ-тың").
_LETTER_NAMES = {"Б": "бэ", "В": "вэ", "Г": "гэ", "Ғ": "ғы", "Д": "дэ", "Ж": "жэ", "З": "зэ", "К": "ка",
                 "Қ": "қа", "Л": "эл", "М": "эм", "Н": "эн", "Ң": "ың", "П": "пэ", "Р": "эр", "С": "эс",
                 "Т": "тэ", "Ф": "эф", "Х": "ха", "Һ": "һа", "Ц": "цэ", "Ч": "чэ", "Ш": "ша", "Щ": "ща"}


def _letter_name_form(word: str, morph: Morph) -> str | None:
    """An abbreviation in `morph` with the suffix its last letter's name takes ("ОКҚ-дағы"); None
    for a word that is no abbreviation or ends in a vowel letter, whose one reading is the word's."""
    name = _LETTER_NAMES.get(word[-1:]) if _is_abbreviation(word) else None
    if name is None:
        return None
    read = inflect_word(name, morph)
    return f"{word}-{read[len(name):]}" if read.startswith(name) and read != name else None


@lru_cache(maxsize=4096)
def _matcher(kk: str, write: Callable[[str], str] = _cyrillic,
             person: bool = False) -> tuple[re.Pattern[str], dict[str, Morph]]:
    """The pattern of `kk` with every suffix chain, each surface as `write` writes it (Kazakh in
    another script inflects as the Cyrillic does: its forms are the Cyrillic forms, written so); a
    `person`'s name may hold a patronymic before the surname."""
    words = kk.split()
    by_last: dict[str, Morph] = {}
    possessive = is_possessive_head(kk)
    for morph in suffix_chains(possessive):
        by_last.setdefault(write(inflect_morph(kk, morph).split()[-1]).lower(), morph)
        if (read := _letter_name_form(words[-1], morph)) is not None:
            by_last.setdefault(write(read).lower(), morph)
    alternatives = sorted(by_last, key=len, reverse=True)
    prefix = NAME_GAP.join("(?:" + "|".join(re.escape(write(a)) for a in _modifier_forms(w, possessive)) + ")"
                            for w in words[:-1])
    last_alt = "(?P<last>" + "|".join(map(re.escape, alternatives)) + ")"
    body = prefix + (_PATRONYMIC_GAP if person else "") + NAME_GAP + last_alt if prefix else last_alt
    return re.compile(rf"{WORD_START}{body}{WORD_END}", re.IGNORECASE), by_last


def find_inflected(text: str, kk: str, write: Callable[[str], str] = _cyrillic,
                   person: bool = False) -> list[KkMatch]:
    """Occurrences of `kk` in `text` with any valid suffix chain, word-bounded, in any letter case;
    with `write`, of those forms as `write` writes them (transliterated into Latin script).

    Accepts the seven cases, plural before case, -дағы/-дегі, and possessive + case on a noun
    (әкімі, әкімінің). Clitics such as "пен"/"мен" are separate words and need no handling. A word
    mixing the scripts is read in one (`unmix`); a `person`'s name may hold a patronymic.
    """
    if not kk.strip():
        return []
    pattern, by_last = _matcher(kk.strip(), write, person)
    matches = []
    for m in pattern.finditer(unmix(text)):  # «АМАNАТ» with a Latin N is AMANAT; the surface as written
        last = m.group("last")
        # the pattern's IGNORECASE also pairs letters .lower() keeps apart (Latin "ı" with "I", "i")
        morph = by_last.get(last.lower()) or next(v for k, v in by_last.items()
                                                  if re.fullmatch(re.escape(k), last, re.IGNORECASE))
        bare = not (morph.plural or morph.poss or morph.attr or morph.ours)
        matches.append(KkMatch(m.start(), m.end(), text[m.start():m.end()], morph.case if bare else None, morph))
    return matches


#: The words for "and" between listed names: "Ақмола және Ұлытау", "Ақтөбе мен Жамбыл облыстарының".
_AND = ("және", "мен", "бен", "пен")


@lru_cache(maxsize=4)
def _and_words(write: Callable[[str], str]) -> str:
    """`_AND` as an alternation, as `write` writes it."""
    return "|".join(re.escape(write(w)) for w in _AND)


@lru_cache(maxsize=4)
def _after_a_listed_name(write: Callable[[str], str]) -> re.Pattern[str]:
    """A comma or an "and" right before a position: what a list's last name follows."""
    return re.compile(rf"(?:,|\s(?:{_and_words(write)}))\s*$", re.IGNORECASE)

_ITEM = r"(?:[^\W\d_]\.\s?)?[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*){0,2}"  # a name of up to three words, "Т.Рысқұлов" too
#: Between quoted names sharing one head, in one sentence: "«AMANAT», ендібіреуі — «Ауыл»".
_QUOTED_GAP = r"[^«».!?]{1,30}"


@lru_cache(maxsize=4096)
def _coordinated_pattern(kk: str, write: Callable[[str], str] = _cyrillic) -> re.Pattern[str] | None:
    words = kk.split()
    if len(words) < 2 or not is_possessive_head(kk) or not words[-1].islower():
        return None
    plural = write(inflect_morph(kk, Morph(plural=True)).split()[-1][:-1])  # облыстары → облыстар-
    name = r"\s+".join(re.escape(write(w)) for w in words[:-1])
    conjunction = _and_words(write)
    separator = rf"(?:\s*,\s*(?:(?:{conjunction})\s+)?|\s+(?:{conjunction})\s+)"
    tail = rf"(?:{separator}{_ITEM})+\s+{re.escape(plural)}\w*"
    quoted_tail = rf"»(?:{_QUOTED_GAP}«[^«»]{{1,40}}»)+\s+{re.escape(write(words[-1]))}\w*"
    pattern = rf"{WORD_START}{name}(?={tail})|(?<=«){name}(?={quoted_tail})"
    if len(words) > 2:  # "Батыс" in "Батыс және Шығыс Қазақстан облыстары": the name's last words shared too
        shared = r"\s+".join(re.escape(write(w)) for w in words[1:-1])
        first = write(words[0])  # with its capital, or in capitals: not "батыс" (western)
        pattern += rf"|{WORD_START}(?-i:{re.escape(first)}|{re.escape(first.upper())})(?=(?:{separator}{_ITEM})*" \
                   rf"{separator}[^\W\d_][\w-]*\s+{shared}\s+{re.escape(plural)}\w*)"
    return re.compile(pattern, re.IGNORECASE)


def coordinated(text: str, kk: str, write: Callable[[str], str] = _cyrillic) -> list[Span]:
    """The name words of `kk` listed with other names before one plural head, kept as written
    (`found_as` "plural"): "Абай" in "Ақмола, Батыс Қазақстан, Абай және Ұлытау облыстарының" is Абай
    облысы; a quoted name, before a head in either number: "AMANAT" in "«AMANAT», … «Respublica»
    партиясынан". Only for terms ending in a possessive head ("облысы", "ауданы"); the match is the
    name alone. With `write`, in the script `write` writes (Latin: "Abaı" in "Aqmola, … Abaı jáne
    Ulytaý oblystarynyń"), so both scripts count a listed name alike."""
    pattern = _coordinated_pattern(kk.strip(), write) if kk.strip() else None
    return [Span(m.start(), m.end(), m.group(), m.group(), "case", found_as="plural")
            for m in pattern.finditer(text)] if pattern else []


def target_case(hit: Hit) -> str:
    """The case of the Kazakh target for this occurrence: the Russian's, nominative when unknown
    or when the target stands bare (`Hit.bare`: "5 млрд теңге")."""
    return hit.case if hit.case in CASES and not hit.bare else "nom"


def in_context(target: str, hit: Hit) -> str:
    """`target` in this occurrence's case and number."""
    return inflect(target, target_case(hit), "plur" if hit.number == "plur" else "sing")


# --- enforcement ---------------------------------------------------------------------------

_SKELETON = str.maketrans("қғңәөұүіһэёый", "кгнаоууихееии")


def _skeleton(word: str) -> str:
    """Spelling with Kazakh-only and Russian-only letters merged: Экибастуз ~ Екібастұз, аким ~ әкім."""
    return word.lower().translate(_SKELETON)


#: Letters a suffix of the wrong harmony has instead (back ↔ front), so that it still parses.
_HARMONY_SWAP = {"а": "е", "е": "а", "ы": "і", "і": "ы", "ғ": "г", "г": "ғ", "қ": "к", "к": "қ"}


def _any_harmony(suffixes: tuple[str, ...] | list[str]) -> str:
    """One pattern matching each of `suffixes` with any letter in either harmony: the suffix
    tables above, read once more harmony-blind, so that the grammar exists once."""
    by_length: dict[int, list[set[str]]] = {}
    for suffix in suffixes:
        slots = by_length.setdefault(len(suffix), [set() for _ in suffix])
        for slot, letter in zip(slots, suffix):
            slot.update({letter, _HARMONY_SWAP.get(letter, letter)})
    parts = ["".join(f"[{''.join(sorted(slot))}]" if len(slot) > 1 else next(iter(slot)) for slot in slots)
             for _, slots in sorted(by_length.items(), reverse=True)]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


@lru_cache(maxsize=2)
def _suffix_grammar(possessed_stem: bool) -> tuple[tuple[Morph, re.Pattern[str]], ...]:
    """Harmony-blind patterns for each suffix chain, so that a wrong-harmony suffix still parses."""
    plural = _any_harmony([_PLURAL[0], *(p for pair in _PLURAL_BY_LAST.values() for p in pair)])
    possessive = _any_harmony([*_POSSESSIVE_AFTER_VOWEL, *_POSSESSIVE])
    ours = _any_harmony([*_OURS_AFTER_VOWEL, *_OURS])
    plain = {case: _any_harmony([s for pair in table.values() for s in pair]) for case, table in _CASE_SUFFIXES.items()}
    pronominal = {case: _any_harmony(pair) for case, pair in _PRONOMINAL_SUFFIXES.items()}
    grammar = []
    for morph in suffix_chains(possessed_stem):
        if possessed_stem:  # облысы → облыстары: the plural goes before the possessive
            head = plural + _any_harmony(_POSSESSIVE) if morph.plural else ""
        else:
            head = (plural if morph.plural else "") + (possessive if morph.poss else "") + (ours if morph.ours else "")
        cases = pronominal if possessed_stem or morph.poss else plain
        pattern = head + cases.get(morph.case, "") + (_any_harmony(_ATTRIBUTIVE) if morph.attr else "")
        grammar.append((morph, re.compile(pattern)))
    return tuple(grammar)


def _parse_suffix(suffix: str, possessed_stem: bool) -> Morph | None:
    lowered = suffix.lower()
    for morph, pattern in _suffix_grammar(possessed_stem):
        if pattern.fullmatch(lowered):
            return morph
    return None


def _kazakh_exact(text: str, target: str, hit: Hit) -> list[Span]:
    """The target with any suffix chain, in a longer izafet chain too (`find_inflected`), or its
    name listed before a shared plural head (`coordinated`: "Абай және Ұлытау облыстарының"); more
    capitals than the glossary writes are kept ("Премьер-Министр" as decrees write it, "АСТАНА")."""
    spans = []
    for m in find_inflected(text, target, person=hit.term.type == "person"):
        fixed = kazakh_letter_case(m.surface, target, hit, text, m.start, m.end)
        spans.append(Span(m.start, m.end, m.surface, fixed, "case",
                          found_as="all_caps" if is_all_caps(m.surface) else "expected"))
    return spans + coordinated(text, target)


#: The word before a title, when it names a state: "Украина президенті".
_STATE_BEFORE = re.compile(r"([^\W\d_][\w-]*)\s+$")


def kazakh_letter_case(surface: str, target: str, hit: Hit, text: str, start: int, end: int,
                       write: Callable[[str], str] = _cyrillic) -> str:
    """`letter_case`, but a title after another state's name keeps the writer's letter case
    (`_of_foreign_state`); `write` as `find_inflected` takes it, for Kazakh in Latin script."""
    if hit.term.type == "title" and _of_foreign_state(text, start, write):
        return surface
    return letter_case(surface, target, hit, text, start, end)


def _of_foreign_state(text: str, start: int, write: Callable[[str], str] = _cyrillic) -> bool:
    """Whether the title at `start` follows a capitalised name other than Kazakhstan's, mid-sentence
    ("Украина президенті", "Ресей президенті", "АҚШ президенті"): another state's or body's office,
    which Kazakh need not capitalise as it does Kazakhstan's, so its letter case stays as written. A
    word opening the sentence, after a quotation's dash too ("– Біздің президентіміз"), names nothing."""
    m = _STATE_BEFORE.search(text, 0, start)
    if not m or not m.group(1)[:1].isupper():
        return False
    word = m.group(1)
    if word.isupper():  # "АҚШ президенті"; not "ҚР Президенті"
        return len(word) > 1 and word not in tuple(write(w) for w in _KAZAKHSTAN_LETTERS)
    return (not at_sentence_start(text, m.start(1))
            and not word.startswith(tuple(write(w) for w in _KAZAKHSTAN_NAMES))
            and not word.lower().endswith(tuple(write(e) for e in _SURNAME_ENDINGS)))  # "Төреғалиев Президентке"


#: Kazakhstan's own name (its word opens the name's forms: "Қазақстан Республикасының") and letters,
#: in Kazakh and in Russian, before its own offices.
_KAZAKHSTAN_NAMES = ("Қазақстан", "Республика")
_KAZAKHSTAN_LETTERS = ("ҚР", "РК")
#: Endings of a Kazakh or Russian surname, which a state's name does not have.
_SURNAME_ENDINGS = ("ов", "ев", "ин", "ова", "ева", "ұлы", "улы", "қызы", "кызы")


#: A loanword's last word ending in a consonant and р or л, its possessive vowel after them:
#: "министр", "министрі", "метр".
_FINAL_CLUSTER = re.compile(r"(?<=[бвгғдзкқпстфхцчшщ])(?=[рл][ыі]?$)")


def _epenthetic(text: str, target: str, write: Callable[[str], str] = _cyrillic) -> list[tuple[int, int]]:
    """The target's last word with the vowel Kazakh speech puts into a loanword's final consonants
    ("министерлер деңгейінде" for "министрлер"): a spelling some outlets keep, the same word and no
    misspelling to repair; with `write`, as `write` writes it (Kazakh in Latin script)."""
    *before, last = target.split()
    if not _FINAL_CLUSTER.search(last):
        return []
    forms = {" ".join([*before, _FINAL_CLUSTER.sub(vowel, last)]) for vowel in "еіы"}
    return [(m.start, m.end) for form in sorted(forms) for m in find_inflected(text, form, write)]


#: The postposition that puts a portfolio between a title's owner and its head: "Президенттің
#: құқықтық мәселелер жөніндегі көмекшісі" (the President's assistant on legal matters).
_PORTFOLIO = "жөніндегі"


def _with_portfolio(text: str, target: str, write: Callable[[str], str] = _cyrillic) -> list[tuple[int, int]]:
    """A title of an owner and a possessed head ("Президенттің көмекшісі") with its portfolio between
    them, up to four words ending in "жөніндегі": the same title, as Kazakh names "помощник
    Президента по правовым вопросам"; with `write`, as `write` writes it (Kazakh in Latin script)."""
    words = target.split()
    if len(words) != 2 or not is_possessive_head(target):
        return []
    titled = re.compile(rf"{WORD_START}({re.escape(write(words[0]))})\s+(?:[^\W\d_][\w-]*\s+){{1,4}}?"
                        rf"{re.escape(write(_PORTFOLIO))}\s+([^\W\d_][\w-]*)", re.IGNORECASE)
    spans = []
    for m in titled.finditer(text):
        joined = f"{m.group(1)} {m.group(2)}"  # the title without its portfolio, in its suffix chain
        if any(k.start == 0 and k.end == len(joined) for k in find_inflected(joined, target, write)):
            spans.append(m.span())
    return spans


def spelling_variants(text: str, target: str, write: Callable[[str], str] = _cyrillic) -> list[tuple[int, int]]:
    """Where `text` holds the target as Kazakh also spells it: a loanword with its spoken vowel
    (`_epenthetic`), a title with its portfolio inside (`_with_portfolio`); with `write`, as `write`
    writes it (Kazakh in Latin script), the name whole with a slip in its suffix chain (`_suffix_slip`).
    Counted as the term, never repaired."""
    return _epenthetic(text, target, write) + _with_portfolio(text, target, write) + _suffix_slip(text, target, write)


def _suffix_slip(text: str, target: str, write: Callable[[str], str] = _cyrillic) -> list[tuple[int, int]]:
    """A name ending in a possessed head ("облысы", "ауданы") written whole, the head followed by
    letters that are no suffix chain, not even of the wrong harmony, nor one with a letter doubled: a
    slip in the chain ("Атырау облысыда" for "облысында"), which says no case to repair into. Not a
    person's name, whose letters after the glossary's may make another surname ("Қасымбеков" for
    Қасымбек)."""
    words = target.split()
    if len(words) < 2 or not is_possessive_head(target):
        return []
    body = NAME_GAP.join(re.escape(write(w)) for w in words)
    head = _skeleton(words[-1])
    # letters that split into a chain, a doubled letter's too, are the exact stage's or a repair's ("облысыннда")
    return [m.span() for m in re.finditer(rf"{WORD_START}{body}[^\W\d_]+{WORD_END}", text, re.IGNORECASE)
            if _best_split(m.group().split()[-1], head, True) is None]


def _kazakh_stems(target: str, hit: Hit) -> list[tuple[list[str], bool, str]]:
    """Word sequences the model may have written for `target`: (words, last word possessed?, how)."""
    head = is_possessive_head(target)
    words = target.split()
    stems = [(words, head, "suffix")]
    if head:  # the possessive dropped: "Қарағанды облыстың"
        stems.append((words[:-1] + [possessive_root(words[-1])], False, "suffix"))
    stems += [(avoid.split(), is_possessive_head(avoid), "avoid") for avoid in hit.term.avoid(Kazakh.name)]
    return stems


#: The suffixes that make a noun of another noun ("министр" → "министрлік", the minister → the ministry).
_NOUN_DERIVATIONS = ("тық", "тік", "дық", "дік", "лық", "лік")
#: A derivational suffix after a word's root: the word is another of its family ("облыстық", the
#: region's adjective; "астаналық"), not a misspelling of it.
_DERIVATIONS = (*_NOUN_DERIVATIONS, "ғы", "гі", "қы", "кі")
_DERIVED = re.compile("|".join(_DERIVATIONS))


def place_adjective(text: str, target: str, write: Callable[[str], str] = _cyrillic) -> list[tuple[int, int]]:
    """A place whose name ends in a possessed head ("Шығыс Қазақстан облысы") written with that head's
    adjective instead ("Шығыс Қазақстан облыстық мәслихатының"): the place is named; with `write`,
    as `write` writes it (Kazakh in Latin script)."""
    words = target.split()
    if len(words) < 2 or not is_possessive_head(target):
        return []
    root = possessive_root(words[-1])
    forms = {write(" ".join([*words[:-1], root + suffix])) for suffix in _DERIVATIONS}
    body = "|".join(NAME_GAP.join(map(re.escape, form.split())) for form in sorted(forms))
    pattern = re.compile(rf"{WORD_START}(?:{body}){WORD_END}", re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text)]


#: The word Kazakh releases also write for a region's head ("облысы"): "Ақтөбе өңірін" names
#: Ақтөбе облысы, and "Ақтөбе, Жамбыл … өңірлерін" each region listed (BAQ.KZ, 2026-02-20).
_REGION_HEAD, _REGION_WORD = "облысы", "өңірі"


def region_word(text: str, target: str, write: Callable[[str], str] = _cyrillic) -> list[tuple[int, int]]:
    """A region (`target` ending in "облысы") named with "өңірі" for its head, in any suffix chain but
    the plural ("Батыс Қазақстан өңірлері" are western Kazakhstan's areas), or listed with others before
    the plural "өңірлері"; with `write`, as `write` writes it."""
    words = target.split()
    if len(words) < 2 or words[-1] != _REGION_HEAD:
        return []
    other = " ".join([*words[:-1], _REGION_WORD])
    # the plural ends a list ("…, Жамбыл және Түркістан өңірлерін"); after one name it is a wider area's
    return [(m.start, m.end) for m in find_inflected(text, other, write)
            if not m.chain.plural or _after_a_listed_name(write).search(text, 0, m.start)] + \
        [(s.start, s.end) for s in coordinated(text, other, write)]


def _of_the_family(word: str, root: str) -> bool:
    """Whether `word` (lower case) is another word of `root`'s family, no misspelling of it: derived
    from it ("облыстық мәслихат", the region's adjective, beside "облысы"), or the noun `root` is
    derived from, in a suffix chain of its own ("министрінің", the minister's, beside "министрлігі",
    the ministry's; "министрлігінің" and "министрлерінің" are the ministry's and the ministers')."""
    if word.startswith(root) and _DERIVED.match(word, len(root)):
        return True
    suffix = next((d for d in _NOUN_DERIVATIONS if root.endswith(d) and len(root) > len(d) + 2), None)
    if suffix is None:
        return False
    base, rest = root[:-len(suffix)], word[len(root) - len(suffix):]
    # the derivation misspelt is still it ("министрлиги", "министрлегінің"): its consonant, any vowel, its к or г
    return word.startswith(base) and not (rest[:1] == suffix[0] and rest[2:3] in "кгқғ")


#: A place's head noun in its possessive, which carries the case after the name, so the name stays in
#: the nominative ("Степногор қаласында", not "Степногорда қаласында"); not a bare or adjectival one
#: ("облыс әкімі", "ауыл шаруашылығы", "қалалық мәслихат").
_PLACE_HEADS = ("қаласы", "ауданы", "ауылы", "облысы", "кенті")


def _kazakh_repairs(text: str, target: str, hit: Hit) -> list[Span]:
    candidates: list[Span] = [
        replace(span, fixed=with_capitals(target, text, span.start))
        if hit.term.type == "place" and word_after(text, span.end).lower().startswith(_PLACE_HEADS) else span
        for span in cyrillic_repairs(text, hit, in_context(target, hit))]
    toks = tokens(text)
    for stem_words, possessed, how in _kazakh_stems(target, hit):
        skeletons = [_skeleton(w) for w in stem_words]
        root = (possessive_root(stem_words[-1]) if possessed else stem_words[-1]).lower()
        for start, end, words in windows(toks, len(stem_words)):
            if any(_stem_score(_skeleton(w), s) == 0 for w, s in zip(words[:-1], skeletons[:-1])) \
                    or _of_the_family(words[-1].lower(), root):
                continue
            best = _best_split(words[-1], skeletons[-1], possessed)
            if best is None:
                continue
            score, morph = best
            fixed = with_capitals(inflect_morph(target, morph), text, start)
            surface = text[start:end]
            if fixed != surface:
                candidates.append(Span(start, end, surface, fixed, how, score))
    return candidates


def _stem_score(written: str, wanted: str) -> float:
    if written == wanted:
        return 1.0
    if len(wanted) < SHORT_SPAN:
        return 0.0
    score = ratio(written, wanted)
    return score if score >= FUZZY_MIN else 0.0


def _best_split(word: str, stem_skeleton: str, possessed: bool) -> tuple[float, Morph] | None:
    """Split `word` into a stem resembling the glossary word and a suffix chain we can parse."""
    best: tuple[float, Morph] | None = None
    skeleton = _skeleton(word)
    # a possessed head written whole, then letters ("облысыда", a slip for "облысында"): a case was
    # meant, so the word is never the bare head misspelt
    suffixed = possessed and len(skeleton) > len(stem_skeleton) and skeleton.startswith(stem_skeleton)
    # a stem much longer or shorter than the glossary word is another word (Экибастузская)
    for cut in range(min(len(word), len(stem_skeleton) + 2), max(1, len(stem_skeleton) - 2) - 1, -1):
        if suffixed and cut == len(word):
            continue
        score = _stem_score(skeleton[:cut], stem_skeleton)
        if score == 0 or (best is not None and score <= best[0]):
            continue
        morph = _parse_typed_suffix(word[cut:].lstrip("-"), possessed)
        if morph is not None:
            best = (score, morph)
    return best


def _parse_typed_suffix(suffix: str, possessed_stem: bool) -> Morph | None:
    """`_parse_suffix`, the suffix read as typed on a Russian keyboard where only that parses: "и" for
    "і", a final "н" for "ң" ("облысынын", "министрлигинин" are genitives, not "облысын")."""
    russian = suffix.replace("и", "і")
    readings = (suffix, russian, russian[:-1] + "ң" if russian.endswith("н") else russian)
    return next((m for s in dict.fromkeys(readings) if (m := _parse_suffix(s, possessed_stem)) is not None), None)


def avoided_forms(text: str, target: str, hit: Hit, write: Callable[[str], str] = _cyrillic) -> list[Span]:
    """Every listed Kazakh avoid form of the term in `text`, with the Kazakh `target` in the same
    suffix chain; with `write`, both as `write` writes them (Kazakh in Latin script)."""
    spans = []
    for avoid in hit.term.avoid(Kazakh.name):
        for m in find_inflected(text, avoid, write):
            fixed = with_capitals(write(inflect_morph(target, m.chain)), text, m.start)
            spans.append(Span(m.start, m.end, m.surface, fixed, "avoid", 2.0))
    return spans


@LANGUAGES.register
class Kazakh(TargetLanguage):
    """Kazakh in Cyrillic script, with its case suffixes on glossary terms."""

    name = "kk"
    display_name = "Kazakh"
    script = "Cyrl"
    model_tokens = (">>kaz<<", ">>kaz_Cyrl<<", ">>kk<<")
    length_band = (0.45, 1.65)
    langid_code = "kk"
    nllb_code = "kaz_Cyrl"
    number_words = {
        1: "бір|бірінші[а-яәғқңөұүһі]*", 2: "екі|екінші[а-яәғқңөұүһі]*|екеу[а-яәғқңөұүһі]*",
        3: "үш|үшінші[а-яәғқңөұүһі]*|үшеу[а-яәғқңөұүһі]*", 4: "төрт|төртінші[а-яәғқңөұүһі]*",
        5: "бес|бесінші[а-яәғқңөұүһі]*|бесеу[а-яәғқңөұүһі]*", 6: "алты|алтыншы[а-яәғқңөұүһі]*",
        7: "жеті|жетінші[а-яәғқңөұүһі]*", 8: "сегіз|сегізінші[а-яәғқңөұүһі]*",
        9: "тоғыз|тоғызыншы[а-яәғқңөұүһі]*", 10: "он|оныншы[а-яәғқңөұүһі]*",
        20: "жиырма[а-яәғқңөұүһі]*", 30: "отыз[а-яәғқңөұүһі]*", 40: "қырық[а-яәғқңөұүһі]*",
        50: "елу[а-яәғқңөұүһі]*", 60: "алпыс[а-яәғқңөұүһі]*", 70: "жетпіс[а-яәғқңөұүһі]*",
        80: "сексен[а-яәғқңөұүһі]*", 90: "тоқсан[а-яәғқңөұүһі]*", 100: "жүз|жүзінші[а-яәғқңөұүһі]*",
    }

    def find(self, text: str, form: str) -> list[tuple[int, int]]:
        return [(m.start, m.end) for m in find_inflected(text, form)]

    def exact(self, text: str, target: str, hit: Hit) -> list[Span]:
        return _kazakh_exact(text, target, hit)

    def avoided(self, text: str, target: str, hit: Hit) -> list[Span]:
        return avoided_forms(text, target, hit)

    def other_occurrences(self, text: str, target: str, hit: Hit) -> list[tuple[int, int]]:
        """A place as one end of a route's name, undeclined ("«Талдықорған-Үшарал» газ құбыры"),
        named with its head's adjective ("Шығыс Қазақстан облыстық мәслихаты", the regional maslikhat)
        or a region with "өңірі" for its head (`region_word`);
        the spellings `spelling_variants` finds ("министерлер", "Президенттің құқықтық мәселелер
        жөніндегі көмекшісі")."""
        places = route_ends(text, target) + place_adjective(text, target) + region_word(text, target) \
            if hit.term.type == "place" else []
        return places + spelling_variants(text, target)

    def repairs(self, text: str, target: str, hit: Hit) -> list[Span]:
        return _kazakh_repairs(text, target, hit)

    def in_context(self, target: str, hit: Hit) -> str:
        return in_context(target, hit)

    def untranslated(self, source: str, output: str) -> dict | None:
        """Kazakh shares Cyrillic and names with Russian: too many Russian words, or Russian
        phrases copied from the source."""
        from pipeline.quality.qe import russian_left

        return russian_left(source, output)
