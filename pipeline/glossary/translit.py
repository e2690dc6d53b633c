"""Russian (and Kazakh Cyrillic) → Latin transliteration in the style of Kazakhstan's English press.

Enforcement uses it to recognise names the model transliterated from the Russian instead of using
the glossary ("Karagandinskaya oblast", "Bektenova") and Cyrillic it left untranslated;
`glossary suggest` proposes English forms of new names with `official_spelling`. Е is "ye"
at the start of a word and after a vowel, as in "Yermaganbet" and "Tokayev".
"""

from __future__ import annotations

_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "і": "i", "һ": "h",
}
_VOWELS = frozenset("аеёиоуыэюяәөұүі")


def transliterate(text: str) -> str:
    """Latin spelling of `text`; non-Cyrillic characters pass through unchanged."""
    out: list[str] = []
    previous = ""
    for ch in text:
        lower = ch.lower()
        latin = _LETTERS.get(lower)
        if latin is None:
            out.append(ch)
        else:
            if lower == "е" and (not previous.isalpha() or previous in _VOWELS or previous in "ьъ"):
                latin = "ye"
            out.append(latin.capitalize() if ch != lower else latin)
        previous = lower
    return "".join(out)


def official_spelling(text: str) -> str:
    """A proposed English spelling of a Kazakhstani name, as the state bodies' English pages write
    names ("Айтенов" → "Aitenov", "Исабаев" → "Issabayev", "Дадебай" → "Dadebay").

    On top of `transliterate`: й is "i" after a vowel inside a word (Aibek, Yersaiyn) and "y"
    elsewhere (Dadebay; official usage varies at the end of a word: Serikbai), and
    a single с between vowels in a word's first syllable is "ss" (Kassym, Issabayev, Dossayev; but
    Almasadam, Sayasat: official usage varies, this is the more frequent). It is a proposal for an editor
    to approve (`glossary suggest`), not a rule enforcement applies.
    """
    out: list[str] = []
    lower = text.lower()
    word_start = 0
    for i, ch in enumerate(text):
        low = lower[i]
        if not low.isalpha():
            word_start = i + 1
        previous = lower[i - 1] if i else ""
        following = lower[i + 1] if i + 1 < len(lower) else ""
        latin = _LETTERS.get(low)
        if latin is None:
            out.append(ch)
            continue
        if low == "е" and (not previous.isalpha() or previous in _VOWELS or previous in "ьъй"):
            latin = "ye"
        elif low == "й":
            latin = "i" if previous in _VOWELS and following.isalpha() else "y"
        elif low == "с" and i - word_start <= 2 and previous in _VOWELS and following in _VOWELS:
            latin = "ss"
        out.append(latin.capitalize() if ch != low else latin)
    return "".join(out)
