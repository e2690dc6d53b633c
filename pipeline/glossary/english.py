"""What counts as an English occurrence of a glossary form: the one rule that enforcement, term
accuracy and the report share, so that they never disagree about a line.

An occurrence is the form's words, word-bounded (a hyphenated word is one word; a digit may
follow: "KZT178bn"), any whitespace
between them, in any letter case,
with an English plural on the head noun: the last word, or a word followed by "of" ("Ministers of
Foreign Affairs"). Plurals are regular (-s, -es after s/x/z/ch/sh, consonant + y → -ies) or
irregular (a small table). Whether the letter case found is right is a separate question
(`case_fits`): official English writes "ASTANA" in datelines and "First Deputy Akim" in titles.
"""

from __future__ import annotations

import re
from functools import lru_cache

IRREGULAR_PLURALS = {"man": "men", "woman": "women", "person": "people", "child": "children",
                     "chairman": "chairmen", "chairwoman": "chairwomen", "spokesman": "spokesmen"}
_VOWELS = set("aeiou")
#: Words that join a title phrase without breaking it ("Head of State", "Akim of Astana").
_JOINERS = {"of", "and", "for", "the", "on"}
# Words that English writes before another title as part of it ("Deputy Akim", "Vice Minister").
_TITLE_MODIFIERS = {"deputy", "vice", "first", "acting", "senior", "chief", "executive", "assistant"}
#: Lower-case words inside a title's place name ("Akim of Zhetysu region Beibit Issabayev").
_PLACE_WORDS = {"region", "city", "district", "oblast"}
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)\s+$")
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|[^\w\s]")
_RUN_BEFORE = re.compile(r"[\w'’-]*\s+")
#: How far back the word before is first looked for (further only when all of it is one word).
_LOOK_BACK = 200
_WORD_AFTER = re.compile(r"^\s+([^\W\d_][\w'’-]*)")


def plural(word: str) -> str:
    """The English plural of one word, keeping its letter case: akim → akims, deputy → deputies."""
    lower = word.lower()
    if lower in IRREGULAR_PLURALS:
        out = IRREGULAR_PLURALS[lower]
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        out = lower[:-1] + "ies"
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        out = lower + "es"
    else:
        out = lower + "s"
    if word.isupper():
        return out.upper()
    return word[:1] + out[1:] if word[:1].isupper() else out


def _word_pattern(word: str, plural_ok: bool) -> str:
    if not plural_ok or not word[-1:].isalpha():
        return re.escape(word)
    return "(?:" + re.escape(word) + "|" + re.escape(plural(word.lower())) + ")"


@lru_cache(maxsize=8192)
def occurrence_pattern(form: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """The pattern of every occurrence of `form` (see the module docstring)."""
    words = form.split()
    parts = [_word_pattern(w, i == len(words) - 1 or words[i + 1].lower() == "of")
             for i, w in enumerate(words)]
    body = r"\s+".join(parts)
    # a letter or hyphen may not touch it ("Premier" is not in "Premier-Minister"); a digit may
    # follow: "KZT178bn" is the tenge
    return re.compile(rf"(?<![^\W_]|-){body}(?![^\W\d_]|-)", 0 if case_sensitive else re.IGNORECASE)


def occurrences(text: str, form: str, case_sensitive: bool = False) -> list[re.Match[str]]:
    """Every occurrence of `form` in `text`, left to right."""
    if not form.strip():
        return []
    return list(occurrence_pattern(form.strip(), case_sensitive).finditer(text))


def is_all_caps(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def word_before(text: str, start: int) -> str:
    """The word right before `start` (whitespace only in between), or ""."""
    lo = max(0, start - _LOOK_BACK)  # not the whole prefix: a long segment would be quadratic
    if lo and _RUN_BEFORE.fullmatch(text, lo, start):
        lo = 0
    m = _WORD_BEFORE.search(text, lo, start)
    return m.group(1) if m else ""


def word_after(text: str, end: int) -> str:
    """The word right after `end` (whitespace only in between), or ""."""
    m = _WORD_AFTER.match(text[end:])
    return m.group(1) if m else ""


def in_title_phrase(text: str, start: int) -> bool:
    """Whether the occurrence at `start` continues a capitalised title: "First Deputy Akim",
    "Akim of Karaganda Region" (over "of")."""
    before = word_before(text, start)
    while before.lower() == "of":  # not over "the"/"and": "the Akim the Akimat" is no title
        start = text.rindex(before, 0, start)
        before = word_before(text, start)
    return bool(before) and _capitalised(before)


def heads_title_phrase(text: str, end: int) -> bool:
    """Whether the occurrence ending at `end` heads a formal title before a name or a title-cased
    heading: "Akim of Zhetysu region Beibit Issabayev", "Akim of Karaganda Region Zhenis Kasymbek"
    (the title's own words, then two capitalised words in a row), unlike "appointed Akim of
    Karaganda region." where only the place is capitalised."""
    run = 0
    for match in _TOKEN.finditer(text, end):  # lazily: the first few words decide
        word = match.group()
        if _capitalised(word) and word[:1].isalpha():
            run += 1
            if run >= 2:
                return True
        elif word.lower() in _JOINERS or word.lower() in _PLACE_WORDS:
            run = 0
        else:
            return False
    return False


def is_title_modifier(text: str, start: int, end: int, form: str) -> bool:
    """A lower-case form that English also uses as a title modifier ("Deputy"), written capitalised
    before another capitalised word ("Deputy Akim", from заместитель акима), is a word of that
    title, not an occurrence of the form (депутат). A form that modifies no title ("Akim") is
    always itself."""
    surface = text[start:end]
    after = word_after(text, end)
    return (form[:1].islower() and surface.lower() in _TITLE_MODIFIERS
            and _capitalised(surface) and not is_all_caps(surface)
            and bool(after) and _capitalised(after) and after.lower() not in _JOINERS)


def only_more_capitals(surface: str, wanted: str) -> bool:
    """Whether `surface` is `wanted` with some lower-case letters written as capitals
    ("Премьер-Министр" for "Премьер-министр", "Akim" for "akim"), and no other change."""
    return len(surface) == len(wanted) and all(
        a == b or (a.isupper() and a.lower() == b) for a, b in zip(surface, wanted))


def found_as(surface: str, form: str) -> str:
    """How an ok occurrence matched: "all_caps", "plural" or "expected"."""
    if is_all_caps(surface) and not is_all_caps(form):
        return "all_caps"
    if surface.lower().split()[-1:] != form.lower().split()[-1:]:
        return "plural"
    return "expected"
