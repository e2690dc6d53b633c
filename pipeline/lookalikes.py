"""Latin and Cyrillic letters that look alike ("A"/"А", "N" has none), and words that mix them.

Typed or converted text mixes the two scripts inside one word ("Жетiсу" with a Latin i, «АМАNАТ»
with a Latin N among Cyrillic letters). Matching reads such a word in one script; every function
here keeps the length, so offsets into the original text stay valid.
"""

from __future__ import annotations

import re

_LATIN = "aeopcxyiAEOPCXYIKMTHB"
_CYRILLIC_TWINS = "аеорсхуіАЕОРСХУІКМТНВ"
#: Latin look-alikes → Cyrillic, and back.
TO_CYRILLIC = str.maketrans(_LATIN, _CYRILLIC_TWINS)
TO_LATIN = str.maketrans(_CYRILLIC_TWINS, _LATIN)
#: A Cyrillic letter, Kazakh ones included.
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[^\W\d_]+")
#: A Latin letter next to a Cyrillic one: only then does a text hold a word mixing the scripts.
_MIXED = re.compile(r"[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]")


def to_cyrillic(word: str) -> str:
    """Latin look-alike letters inside a Cyrillic word replaced by the Cyrillic ones ("Жетiсу")."""
    return word.translate(TO_CYRILLIC) if CYRILLIC.search(word) else word


def _one_script(word: str) -> str:
    if not (CYRILLIC.search(word) and _LATIN_LETTER.search(word)):
        return word
    latin = word.translate(TO_LATIN)
    return latin if not CYRILLIC.search(latin) else word.translate(TO_CYRILLIC)


def unmix(text: str) -> str:
    """`text` with each word that mixes the scripts written in one: in Latin where every Cyrillic
    letter of it has a Latin twin («АМАNАТ» → «AMANAT»), else in Cyrillic ("Жетiсу" → "Жетісу")."""
    if not _MIXED.search(text):  # the usual text: one pass, no word rebuilt (enforcement calls this per form)
        return text
    return _WORD.sub(lambda m: _one_script(m.group()), text)
