"""Russian (and Kazakh Cyrillic) → Latin transliteration in the style of Kazakhstan's English press.

Enforcement uses it to recognise names the model transliterated from the Russian instead of using
the glossary ("Karagandinskaya oblast", "Bektenova") and Cyrillic it left untranslated. Е is "ye"
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
