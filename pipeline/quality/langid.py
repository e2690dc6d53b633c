"""Which language a translated segment is in (lingua's n-gram models), and Russian words inside Kazakh.

A MarianMT model that falls back to copying its Russian input, or a pivot route that stops at the
English step, still produces fluent-looking text; only a language identifier catches it. The
detector knows the three pipeline languages plus the Cyrillic languages most easily confused with
Kazakh and Russian, and nothing else: fewer candidates make lingua both faster and more accurate.
It is built once, on first use, so importing this module stays free.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pymorphy3
from lingua import Language, LanguageDetector, LanguageDetectorBuilder

#: Candidates: the pipeline's languages, then Cyrillic look-alikes of Russian and Kazakh.
CANDIDATES: tuple[Language, ...] = (
    Language.RUSSIAN, Language.KAZAKH, Language.ENGLISH,
    Language.UKRAINIAN, Language.BELARUSIAN, Language.BULGARIAN, Language.MONGOLIAN,
)

#: Below this many words lingua's guess is unreliable (names, headlines, "Астана, 12 марта").
MIN_WORDS = 4


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    # Models load lazily per language on first detection; preloading all seven would cost time at
    # every CLI start even when the QE step never runs.
    return LanguageDetectorBuilder.from_languages(*CANDIDATES).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`'s language ("ru", "kk", "en", ...), or None when the text is too
    short to tell or lingua cannot decide."""
    if len(text.split()) < MIN_WORDS:
        return None
    language = _detector().detect_language_of(text)
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()


# Russian words that are not Kazakh words. Kazakh Cyrillic has every Russian letter (loanwords keep
# their spelling), so letters prove nothing; these words do. Left out on purpose because they are
# also Kazakh: "он" (ten), "не" (what), "от" (fire), "о", "а", "я", "ал", "ол", "том", "ли".
RUSSIAN_FUNCTION_WORDS = frozenset(
    "в на и что по для это с к из у об за при после между через или но же уже только ещё еще все всё "
    "как также который которая которое которые было был была были будет его её ее их они она мы вы "
    "бы чтобы если когда где этот эта этого этой этих году".split()
)
_KAZAKH_ONLY = frozenset("әғқңөұүһі")
# Russian inflectional endings that Kazakh words do not have; a loanword in Kazakh keeps the Russian
# nominative ("компания", "кальций"), so forms that pymorphy3 can only read as another case are Russian.
_RUSSIAN_ENDING = re.compile(
    r"(?:ого|его|ому|ему|ыми|ими|ами|ями|ях|ый|ий|ой|ые|ие|ых|их|ость|остью|ости|ться|тся|ает|ают|ует"
    r"|уют|яет|яют|ение|ения|ении|ением|ание|ания|ании|анием|ской|ского|ских|ские|ская|ское)$"
)
_CYRILLIC_WORD = re.compile(r"[а-яёәғқңөұүһі]+", re.IGNORECASE)
_EDGE_PUNCT = ".,;:!?«»\"'()[]{}—–-…“”„"


@lru_cache(maxsize=1)
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def _is_russian_form(word: str) -> bool:
    if not word.islower() or len(word) < 4 or _KAZAKH_ONLY & set(word) or not _RUSSIAN_ENDING.search(word):
        return False
    morph = _morph()
    return morph.word_is_known(word) and not any(p.tag.case == "nomn" for p in morph.parse(word))


def russian_words(text: str) -> list[str]:
    """Words of `text` that are Russian and cannot be Kazakh: Russian function words and inflected
    Russian forms. Capitalised words are skipped (names are shared); so are initials like "К."."""
    found = []
    for raw in text.split():
        token = raw.strip(_EDGE_PUNCT)
        if not token or not _CYRILLIC_WORD.fullmatch(token):
            continue
        if token.lower() in RUSSIAN_FUNCTION_WORDS and (len(token) > 1 or token.islower()):
            found.append(token)
        elif _is_russian_form(token):
            found.append(token)
    return found
