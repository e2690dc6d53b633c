"""What counts as an English occurrence of a glossary form: the one rule that enforcement, term
accuracy and the report share, so that they never disagree about a line.

An occurrence is the form's words, word-bounded (a hyphenated word is one word; a digit may
follow: "KZT178bn"), any whitespace
between them, in any letter case,
with an English plural on the head noun: the last word, or a word followed by "of" ("Ministers of
Foreign Affairs"). Plurals are regular (-s, -es after s/x/z/ch/sh, consonant + y → -ies) or
irregular (a small table). A name listed with others before one plural head ("Karaganda, Aktobe
and Mangistau regions") is an occurrence of each "<name> region" form, the name alone. Whether the letter case found is right is a separate question
(enforce's `_letter_case`): official English writes "ASTANA" in datelines and "First Deputy Akim"
in titles, so capitals beyond the glossary's are the writer's choice, never an error.
"""

from __future__ import annotations

import re
from functools import lru_cache

IRREGULAR_PLURALS = {"man": "men", "woman": "women", "person": "people", "child": "children",
                     "chairman": "chairmen", "chairwoman": "chairwomen", "spokesman": "spokesmen"}
_VOWELS = set("aeiou")
#: Words that join a title phrase without breaking it ("Head of State", "Akim of Astana").
JOINERS = frozenset({"of", "and", "for", "the", "on"})
# Words that English writes before another title as part of it ("Deputy Akim", "Vice Minister").
_TITLE_MODIFIERS = {"deputy", "vice", "first", "acting", "senior", "chief", "executive", "assistant"}
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


#: One capitalised item of a list of names ("Aktobe", "North Kazakhstan").
_ITEM = r"(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,2}"
_LIST_SEPARATOR = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"


@lru_cache(maxsize=8192)
def coordinated_pattern(form: str, case_sensitive: bool = False) -> re.Pattern[str] | None:
    """The pattern of `form`'s name words as one item of a list sharing its plural head noun:
    "Karaganda" in "Karaganda, Aktobe, North Kazakhstan, Mangistau regions" is Karaganda region.
    Only for forms ending in a lower-case head ("region", "district"); the match is the name alone.
    """
    words = form.split()
    if len(words) < 2 or not words[-1].islower() or not words[-1].isalpha():
        return None
    name = r"\s+".join(re.escape(w) for w in words[:-1])
    tail = rf"(?:{_LIST_SEPARATOR}{_ITEM})+\s+{re.escape(plural(words[-1]))}(?![^\W\d_]|-)"
    return re.compile(rf"(?<![^\W_]|-){name}(?={tail})", 0 if case_sensitive else re.IGNORECASE)


def occurrences(text: str, form: str, case_sensitive: bool = False, listed: bool = True) -> list[re.Match[str]]:
    """Every occurrence of `form` in `text`, left to right, a name sharing a plural head with the
    names listed after it included (`coordinated_pattern`) unless not `listed`."""
    if not form.strip():
        return []
    found = list(occurrence_pattern(form.strip(), case_sensitive).finditer(text))
    pattern = coordinated_pattern(form.strip(), case_sensitive) if listed else None
    if pattern is not None and (more := list(pattern.finditer(text))):
        found = sorted(found + more, key=lambda m: m.start())
    return found


def is_all_caps(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def word_after(text: str, end: int) -> str:
    """The word right after `end` (whitespace only in between), or ""."""
    m = _WORD_AFTER.match(text[end:])
    return m.group(1) if m else ""


def is_title_modifier(text: str, start: int, end: int, form: str) -> bool:
    """A lower-case form that English also uses as a title modifier ("Deputy"), written capitalised
    before another capitalised word ("Deputy Akim", from заместитель акима), is a word of that
    title, not an occurrence of the form (депутат). A form that modifies no title ("Akim") is
    always itself."""
    surface = text[start:end]
    after = word_after(text, end)
    return (form[:1].islower() and surface.lower() in _TITLE_MODIFIERS
            and _capitalised(surface) and not is_all_caps(surface)
            and bool(after) and _capitalised(after) and after.lower() not in JOINERS)


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


#: Words after a region's name that make it another form of the term, to repair, not its name
#: alone: "Karaganda Oblast", "Pavlodar oblast governor".
OBLAST_WORDS = frozenset({"oblast", "oblasts", "oblys", "province", "provinces"})
#: A country in -stan and its adjective: Kazakhstan → Kazakh, Uzbekistan → Uzbek.
_STAN = re.compile(r"^([A-Z][a-z]{4,}?)i?stan$")
_OF_TITLE = re.compile(r"^(\S+) of (?:the )?(.+)$")
#: Adjectives official English derives from a one-word title or body, by its ending:
#: "Presidential Addresses", "Parliamentary hearings", "Governmental".
_ADJECTIVE_ENDINGS = (("ment", ("ary", "al")), ("ent", ("ial",)))


def other_forms(form: str, kind: str) -> list[str]:
    """Other ways official English writes a glossary form, each an acceptable rendering:
    a title or body inverted ("Chairman of the Senate" → "Senate Chairman", "Ministry of Foreign
    Affairs" → "Foreign Affairs Ministry"), the adjective of a one-word one ("President" →
    "Presidential", "Parliament" → "Parliamentary"), a region's name without "region" ("Governor
    of East Kazakhstan", "Atyrau, Kostanay and West Kazakhstan"), the adjective of a country in
    -stan ("Kazakh" for Kazakhstan and the Republic of Kazakhstan)."""
    words = form.split()
    out = []
    if kind in ("title", "org"):
        if (m := _OF_TITLE.match(form)) and m.group(2)[:1].isupper():
            out.append(f"{m.group(2)} {m.group(1)}")
        if len(words) == 1 and words[0][:1].isupper():
            out += next(([words[0] + e for e in endings] for tail, endings in _ADJECTIVE_ENDINGS
                         if words[0].endswith(tail)), [])
    if kind == "place" and len(words) >= 2 and words[-1] == "region":
        out.append(" ".join(words[:-1]))
    if kind == "place" and (m := _STAN.match(words[-1])) and (len(words) == 1 or form.startswith("Republic of")):
        out.append(m.group(1))  # "Kazakh-US cooperation", "the Kazakh upper chamber"
    return out
