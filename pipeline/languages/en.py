"""What counts as an English occurrence of a glossary form: the one rule that enforcement, term
accuracy and the report share, so that they never disagree about a line.

An occurrence is the form's words, word-bounded (a hyphenated word is one word; a digit may
follow: "KZT178bn"), any whitespace
between them, in any letter case,
with an English plural on the head noun: the last word, or a word followed by "of" ("Ministers of
Foreign Affairs"). Plurals are regular (-s, -es after s/x/z/ch/sh, consonant + y → -ies) or
irregular (a small table). A name listed with others before one plural head ("Karaganda, Aktobe
and Mangistau regions") or after it and "of" ("the districts of Kyzylzhar, Yesil and Shal Akyn") is an
occurrence of each "<name> region" form, the name alone. Whether the letter case found is right is a separate question
(enforce's `_letter_case`): official English writes "ASTANA" in datelines and "First Deputy Akim"
in titles, so capitals beyond the glossary's are the writer's choice, never an error.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from pipeline.glossary.enforce import (
    FUZZY_MIN, JOINERS, SHORT_SPAN, WORD_FUZZY_MIN, Span, cyrillic_repairs, letter_case, ratio, tokens,
    windows, with_capitals, word_after,
)
from pipeline.glossary.match import relational_stem
from pipeline.glossary.model import Hit
from pipeline.glossary.translit import transliterate
from pipeline.languages.base import (LANGUAGES, NAME_GAP, WORD_END_BEFORE_DIGIT, WORD_START, TargetLanguage,
                                     is_all_caps, route_ends, target_of)
from pipeline.lookalikes import unmix

IRREGULAR_PLURALS = {"man": "men", "woman": "women", "person": "people", "child": "children",
                     "chairman": "chairmen", "chairwoman": "chairwomen", "spokesman": "spokesmen"}
_VOWELS = set("aeiou")
# Words that English writes before another title as part of it ("Deputy Akim", "Vice Minister").
_TITLE_MODIFIERS = {"deputy", "vice", "first", "acting", "senior", "chief", "executive", "assistant"}


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


#: A possessive after "of" inside a term: "the heads of our states" (Russian "Главами наших государств").
_POSSESSIVE = r"(?:\s+(?:our|their|your))?"


@lru_cache(maxsize=8192)
def occurrence_pattern(form: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """The pattern of every occurrence of `form` (see the module docstring)."""
    words = form.split()
    parts = [_word_pattern(w, i == len(words) - 1 or words[i + 1].lower() == "of")
             + (_POSSESSIVE if w.lower() == "of" else "") for i, w in enumerate(words)]
    body = NAME_GAP.join(parts)
    # a letter or hyphen may not touch it ("Premier" is not in "Premier-Minister"); a digit may
    # follow: "KZT178bn" is the tenge
    return re.compile(rf"{WORD_START}{body}{WORD_END_BEFORE_DIGIT}", 0 if case_sensitive else re.IGNORECASE)


#: One capitalised item of a list of names ("Aktobe", "North Kazakhstan", "T. Ryskulov").
_ITEM = r"(?:(?-i:[A-Z])\.\s?)?(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,2}"
_LIST_SEPARATOR = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"


#: Heads official English writes with a capital that a list of names may share: "… Ministries".
_TITLED_HEADS = frozenset({"Ministry", "Agency", "Committee"})


@lru_cache(maxsize=8192)
def coordinated_pattern(form: str, case_sensitive: bool = False) -> re.Pattern[str] | None:
    """The pattern of `form`'s name words as one item of a list sharing its plural head noun:
    "Karaganda" in "Karaganda, Aktobe, North Kazakhstan, Mangistau regions" is Karaganda region,
    "Interior" in "the Emergencies, Interior, Healthcare … Ministries" the Interior Ministry, and "West"
    in "West and East Kazakhstan regions", which shares the name's last word too, West Kazakhstan
    region. Only for forms ending in a head noun ("region", "Ministry"); the match is the name alone.
    """
    words = form.split()
    if len(words) < 2 or not words[-1].isalpha() or not (words[-1].islower() or words[-1] in _TITLED_HEADS):
        return None
    name = r"\s+".join(re.escape(w) for w in words[:-1])
    head = rf"\s+{re.escape(plural(words[-1]))}{WORD_END_BEFORE_DIGIT}"
    tail = rf"(?:{_LIST_SEPARATOR}{_ITEM})+{head}"
    pattern = rf"{WORD_START}{name}(?={tail})"
    if len(words) > 2:  # "West" in "West and East Kazakhstan regions": the name's last words shared too
        shared = r"\s+".join(re.escape(w) for w in words[1:-1])
        first = rf"(?-i:{re.escape(words[0])}|{re.escape(words[0].upper())})"  # its capital, or all capitals
        pattern += rf"|{WORD_START}{first}(?=-?(?:{_LIST_SEPARATOR}{_ITEM})*{_LIST_SEPARATOR}" \
                   rf"(?-i:[A-Z])[\w'’]*[\s-]+{shared}{head})"  # "West-, East- and North-Kazakhstan regions" too
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


@lru_cache(maxsize=8192)
def head_first_patterns(form: str, case_sensitive: bool = False) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """For a form ending in a lower-case head ("Kyzylzhar district"): the pattern of a list of names
    after the head's plural and "of" ("the districts of Kyzylzhar, Yesil and Shal Akyn"), and the
    pattern of the form's name words, which count as the form where they are one item of such a list."""
    words = form.split()
    if len(words) < 2 or not words[-1].islower() or not words[-1].isalpha():
        return None
    flags = 0 if case_sensitive else re.IGNORECASE
    items = rf"{_ITEM}(?:{_LIST_SEPARATOR}{_ITEM})+"
    listing = re.compile(rf"{WORD_START}{re.escape(plural(words[-1]))}\s+of\s+(?:the\s+)?({items})", flags)
    name_words = r"\s+".join(re.escape(w) for w in words[:-1])
    name = re.compile(rf"{WORD_START}{name_words}(?=\s*(?:,|\band\b|$|[.;:]))", flags)
    return listing, name


def occurrences(text: str, form: str, case_sensitive: bool = False, listed: bool = True) -> list[re.Match[str]]:
    """Every occurrence of `form` in `text`, left to right, a name sharing a plural head with the
    names listed after it (`coordinated_pattern`) or before it (`head_first_patterns`) included
    unless not `listed`."""
    if not form.strip():
        return []
    found = list(occurrence_pattern(form.strip(), case_sensitive).finditer(text))
    if not listed:
        return found
    pattern = coordinated_pattern(form.strip(), case_sensitive)
    more = list(pattern.finditer(text)) if pattern is not None else []
    if (head_first := head_first_patterns(form.strip(), case_sensitive)) is not None:
        listing, name = head_first
        more += [m for lst in listing.finditer(text) for m in name.finditer(text, lst.start(1), lst.end(1))]
    return sorted(found + more, key=lambda m: m.start()) if more else found


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


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
_OF_TITLE = re.compile(r"^(\S+(?: \S+)?) of (?:the )?(.+)$")
#: Adjectives official English derives from a one-word title or body, by its ending:
#: "Presidential Addresses", "Parliamentary hearings", "Governmental".
_ADJECTIVE_ENDINGS = (("ment", ("ary", "al")), ("ent", ("ial",)))


def other_forms(form: str, kind: str) -> list[str]:
    """Other ways official English writes a glossary form, each an acceptable rendering:
    a title or body inverted ("Chairman of the Senate" → "Senate Chairman", "Ministry of Foreign
    Affairs" → "Foreign Affairs Ministry"), also possessive ("the President’s Press Secretary"), the adjective of a one-word one ("President" →
    "Presidential", "Parliament" → "Parliamentary"), a region's name without "region" ("Governor
    of East Kazakhstan", "Atyrau, Kostanay and West Kazakhstan"), the adjective of a country in
    -stan ("Kazakh" for Kazakhstan and the Republic of Kazakhstan)."""
    words = form.split()
    out = []
    if kind in ("title", "org"):
        if (m := _OF_TITLE.match(form)) and m.group(2)[:1].isupper():
            out.append(f"{m.group(2)} {m.group(1)}")
            if kind == "title" and " " not in m.group(2):  # a person's office, its holder's: "the President’s Press Secretary"
                out += [f"{m.group(2)}'s {m.group(1)}", f"{m.group(2)}’s {m.group(1)}",
                        f"{m.group(1)} of the Kazakh {m.group(2)}"]  # "the press secretary of the Kazakh President"
        if len(words) == 1 and words[0][:1].isupper():
            out += next(([words[0] + e for e in endings] for tail, endings in _ADJECTIVE_ENDINGS
                         if words[0].endswith(tail)), [])
    if kind == "place" and len(words) >= 2 and words[-1] == "region":
        out.append(" ".join(words[:-1]))
    if kind == "place" and (m := _STAN.match(words[-1])) and (len(words) == 1 or form.startswith("Republic of")):
        out.append(m.group(1))  # "Kazakh-US cooperation", "the Kazakh upper chamber"
    return out


# --- enforcement ---------------------------------------------------------------------------

def _english_exact(text: str, target: str, hit: Hit) -> list[Span]:
    """The target as written, any letter case, plural or not (`occurrences`): a plural
    is the term used generically ("national governments", "akims"), never a misspelling. A plural
    listed as an avoid form ("tenges") is not an occurrence."""
    avoided = {a.lower() for a in hit.term.avoid(English.name)}
    spans = []
    # case_sensitive is about the Russian source (Семей, not семей "families"): "SEMEY" is Semey
    for m in occurrences(text, target):
        surface = m.group()
        if surface.lower() != target.lower() and surface.lower() in avoided:
            continue
        first = _misspelt_first_name(text, m.start(), target, hit)
        if first is not None:  # "Archimed Mukhambetov" for "А. Мухамбетов": the whole name repaired
            spans.append(Span(first.start(), m.end(), text[first.start():m.end()],
                              f"{target_of(hit.term, English.name).split()[0]} {surface}", "fuzzy"))
            continue
        spans.append(Span(m.start(), m.end(), surface, letter_case(surface, target, hit, text, m.start(), m.end(),
                                                                 English.lower_case_is_style),
                          "case", found_as=found_as(surface, target)))
    return spans


_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")


def _misspelt_first_name(text: str, start: int, target: str, hit: Hit) -> re.Match[str] | None:
    """The word before a person's surname where the Russian named them by an initial and the
    translation by a first name that misspells the glossary's, of the same initial: "Archimed
    Mukhambetov" for "А. Мухамбетов" (Arkhimed). A first name the glossary writes is no match."""
    full = (target_of(hit.term, English.name) or "").split()
    if hit.term.type != "person" or len(full) != 2 or target != full[-1]:
        return None
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None or before.group(1) == full[0] or before.group(1)[0] != full[0][0]:
        return None
    return before if ratio(before.group(1).lower(), full[0].lower()) >= FUZZY_MIN else None


#: A place's Russian name made of an adjective and its head ("Жарминский район"), the adjective captured.
_RUSSIAN_ADJECTIVE_HEADED = re.compile(r"(\S+) (?:район|область)")
#: How a near miss of a place's name alone is found: it counts only as an item of a list, a comma or
#: "and" after it ("Qaraganda, Pavlodar"), not where the model wrote its own head ("Karagandy oblast").
_LISTED_NAME = "listed-name"
_LIST_GOES_ON = re.compile(r"\s*(?:,|\band\b)")


def _english_references(target: str, hit: Hit) -> list[tuple[str, str]]:
    """Spellings the model may have produced instead of `target`, with how each arose; for a place
    ending in a lower-case head, its name alone too, as lists write it ("Qaraganda, Pavlodar, and
    Ulytau networks" for the three regions: `_LISTED_NAME`)."""
    term = hit.term
    refs = [(target, "fuzzy")]
    words = target.split()
    headed = term.type == "place" and len(words) > 1 and words[-1].islower()
    if headed:
        refs.append((" ".join(words[:-1]), _LISTED_NAME))
    for ru in dict.fromkeys((hit.surface, term.ru, *term.ru_variants)):
        refs.append((transliterate(ru), "translit"))
    adjective = _RUSSIAN_ADJECTIVE_HEADED.fullmatch(term.ru)
    if headed and adjective and (stem := relational_stem(adjective.group(1))):
        # "Zharmin, Urdzhar, Kokpekti districts": the name written from the Russian adjective's stem
        # (Жарминский район), too far from "Zharma" for a misspelling
        refs.append((f"{transliterate(stem)} {words[-1]}", "translit"))
        refs.append((transliterate(stem), _LISTED_NAME))
    return refs


def _avoid_replacement(avoid: str, target: str, hit: Hit) -> str:
    """An avoid form naming part of a person ("Bulekpaev") stands for that part of the name."""
    words = target.split()
    size = len(avoid.split())
    return " ".join(words[-size:]) if hit.term.type == "person" and size < len(words) else target


def _english_avoided(text: str, target: str, hit: Hit) -> list[Span]:
    """Listed avoid variants; a plural of one stays plural ("governors" → "akims", "Deputy governors" →
    "Deputy akims")."""
    spans = []
    for avoid in sorted(hit.term.avoid(English.name), key=len, reverse=True):
        for m in occurrences(text, avoid, listed=False):  # a listed name alone is no repair's
            fixed = with_capitals(_avoid_replacement(avoid, target, hit), text, m.start())
            if m.group().lower() != avoid.lower():
                fixed = " ".join([*fixed.split()[:-1], plural(fixed.split()[-1])])
            spans.append(Span(m.start(), m.end(), m.group(), fixed, "avoid", 2.0))
    return spans


#: The endings of a Russian adjective a district's or region's name may be transliterated with.
_RUSSIAN_ADJECTIVE_ENDINGS = r"(?:sky|skiy|skii|ski|skoy|skoye|skaya)"


def _adjective_renderings(text: str, target: str, hit: Hit) -> list[Span]:
    """"Burlinsky district" for "Burlin district": a place's name written with its Russian
    adjective's ending (Бурлинский район), repaired to the name, the head's number kept."""
    words = target.split()
    if hit.term.type != "place" or len(words) < 2 or not words[-1].islower():
        return []
    name = r"\s+".join(re.escape(w) for w in words[:-1])
    pattern = re.compile(rf"{WORD_START}{name}{_RUSSIAN_ADJECTIVE_ENDINGS}\s+{_word_pattern(words[-1], True)}\b", re.IGNORECASE)
    return [Span(m.start(), m.end(), m.group(), with_capitals(_in_number_of(m.group(), target), text, m.start()),
                 "fuzzy", 1.0) for m in pattern.finditer(text)]


def _english_repairs(text: str, target: str, hit: Hit) -> list[Span]:
    candidates = _english_avoided(text, target, hit)
    candidates += _adjective_renderings(text, target, hit)
    candidates += cyrillic_repairs(text, hit, target)
    candidates += [Span(start, end, text[start:end],
                        with_capitals(_in_number_of(text[start:end], _name_part(text[start:end], target, hit)), text, start),
                        "fuzzy" if how == _LISTED_NAME else how, score)
                   for start, end, score, how in _near_misses(text, tuple(_english_references(target, hit)))
                   if how != _LISTED_NAME or _LIST_GOES_ON.match(text, end)]
    return candidates


def _name_part(surface: str, target: str, hit: Hit) -> str:
    """What a near miss of another length than `target` stands for: where the target is a place
    ending in a lower-case head, the name words alone ("Yesil" in "the districts of Kyzylzhar, Yesil …"
    is the name of Yessil district, the head being the list's); where it is a person's surname (a
    mention by initial, "Е. Маржикпаев"), the surname, the first name written before it kept
    ("Yermek Marzhikpaev" → "Yermek Marzhikpayev")."""
    written, wanted = surface.split(), target.split()
    if hit.term.type == "place" and len(written) < len(wanted) and wanted[-1].islower():
        return " ".join(wanted[:len(written)])
    if hit.term.type == "person" and len(written) > len(wanted):
        return " ".join([*written[:len(written) - len(wanted)], *wanted])
    return target


def _in_number_of(surface: str, target: str) -> str:
    """`target` with its head in the plural where the misspelt words have it: "Talass districts"
    ends a list of districts sharing the head ("Baizak, … and Talass districts"), and is repaired to
    "Talas districts", not to one district."""
    written, wanted = surface.split(), target.split()
    if len(written) == len(wanted) > 1 and written[-1].lower() in (wanted[-1].lower() + "s", wanted[-1].lower() + "es"):
        return " ".join([*wanted[:-1], wanted[-1] + written[-1][len(wanted[-1]):].lower()])
    return target


@lru_cache(maxsize=64)
def _near_misses(text: str, refs: tuple[tuple[str, str], ...]) -> tuple[tuple[int, int, float, str], ...]:
    """(start, end, score, how) of every word window of `text` that is a near miss of a
    reference spelling. Cached: every hit of a term in a long segment asks the same question, and
    a near miss is searched once per segment, not once per hit."""
    toks = tokens(text)
    found = []
    target = refs[0][0].lower().split()  # the glossary form: its derivations are no near misses
    for size in sorted({len(r.split()) for r, _ in refs}):
        wanted = [(ref.lower().split(), how) for ref, how in refs if len(ref.split()) == size]
        for start, end, words in windows(toks, size):
            if any(c.isdigit() for w in words for c in w):
                continue  # "1990", "Astana-1": no glossary name has a figure
            latin = [transliterate(unmix(w)).lower() for w in words]  # "Сhairman" with a Cyrillic С
            if size == len(target) and (_office_family(latin, target, text[end:])
                                        or size == 1 and _derived(latin, target)):
                continue
            best = max(((_near_miss(latin, ref), how) for ref, how in wanted
                        if _same_start(latin[0], ref[0])), default=(0.0, ""))
            if best[0] > 0:
                found.append((start, end, best[0], best[1]))
    return tuple(found)


#: What English adds to a country's or city's name for its people and adjective: "Kazakhstani".
_DEMONYM_ENDINGS = frozenset({"i", "is", "ian", "ians", "ese", "ite", "ites"})
#: What English puts for a noun's final -e or -y to make its adjective: "infrastructural".
_NOUN_TO_ADJECTIVE = frozenset({"al", "ial", "ic", "ical", "an", "ian"})


#: An office's holder and its body, words that differ by as little as a misspelling ("the Ministry's
#: projects" is no misspelt "Minister"); `_office_family` says when one stands for the other.
_BODY_OF_HOLDER = {"minister": "ministry", "ministers": "ministries", "president": "presidency",
                   "senator": "senate", "senators": "senates"}


def _office_family(words: list[str], ref: list[str], rest: str) -> bool:
    """Whether the words write an office's holder for its body, or its body for its holder, as the name
    they stand in says, not as a misspelling: the holder before a person's name ("Minister of Water
    Resources and Irrigation Nurzhan Nurzhigitov" for the ministry: the minister who reported), the
    body before none ("at the Ministry of Foreign Affairs" where the title is the foreign minister's).
    "Ministry of Foreign Affairs Murat Nurtleu" is the minister misspelt, "The Minister of Energy has
    drafted a bill" the ministry."""
    named = re.match(r"\s+[A-Z]", rest) is not None
    return any(_BODY_OF_HOLDER.get(a) == b if named else _BODY_OF_HOLDER.get(b) == a for a, b in zip(words, ref))


#: The letters a word's start may stand for, by the romanisations of one Kazakh or Russian letter, longest
#: spelling first: "Yeskeldi"/"Eskeldi"/"Irlan"/"Yrgiz", "Qostanay"/"Kostanay"/"Khromtau"/"Hobda",
#: "Jomart"/"Zhomart"/"Dzhambyl" ("Jerbol" writes Yerbol), "Chardara"/"Shardara".
_START_SPELLINGS = (("dzh", {"zh"}), ("dj", {"zh"}), ("zh", {"zh"}), ("ye", {"e"}), ("yi", {"e"}), ("ie", {"e"}),
                    ("yu", {"u"}), ("ya", {"a"}), ("kh", {"k"}), ("gh", {"g"}), ("ch", {"sh", "ch"}),
                    ("sh", {"sh"}), ("j", {"zh", "e"}), ("y", {"e"}), ("i", {"e"}), ("q", {"k"}), ("h", {"k"}))
#: Letters of Kazakh in Latin script and of other romanisations, written plain: "Äiteke" as "Aiteke".
_PLAIN = str.maketrans({"ş": "sh", "ç": "ch", "ı": "i", "ä": "a", "á": "a", "ğ": "g", "ǵ": "g", "ö": "o",
                        "ó": "o", "ü": "u", "ú": "u", "ý": "u", "ń": "n", "ñ": "n"})


def _same_start(word: str, ref: str) -> bool:
    """Whether a word misspelling `ref` starts as it does, its first letter's romanisations aside: a
    misspelt name keeps its start, a common word that nearly holds its letters does not ("residents"
    is no "President"), nor another name sharing its last words ("North-Kazakhstan regions" is no
    West Kazakhstan region)."""
    return bool(_initials(word) & _initials(ref))


def _initials(word: str) -> set[str]:
    """What a word's start may stand for, one romanisation for all: "yeskeldi" and "eskeldin" start
    with "e", "jerbol" with "zh" or "e"."""
    plain = word.lower().translate(_PLAIN)
    return next((letters for spelling, letters in _START_SPELLINGS if plain.startswith(spelling)), {plain[:1]})


def _derived(words: list[str], ref: list[str]) -> bool:
    """Whether a word is another of the name's family, the other plus 3 letters or more
    ("Presidential" for "President", "Kostanay" for "Kostanayskoy"), plus a demonym's ending
    ("Kazakhstani" for "Kazakhstan") or its adjective ("Infrastructural" for "Infrastructure", as the
    Government's English names the ministry); not a misspelling (an office's holder and body:
    `_office_family`)."""
    return any(len(a) - len(b) >= 3 and a.startswith(b) or len(b) - len(a) >= 3 and b.startswith(a)
               or (a.startswith(b) and a[len(b):] in _DEMONYM_ENDINGS)
               or (b[-1:] in "ey" and a.startswith(b[:-1]) and a[len(b) - 1:] in _NOUN_TO_ADJECTIVE)
               for a, b in zip(words, ref))


def _near_miss(words: list[str], ref: list[str]) -> float:
    """Similarity of two word sequences of equal length, 0 when they are not a near miss.

    Cheap upper bounds of the ratio (the lengths alone, then difflib's quick_ratio) rule out
    almost every window before the full comparison, with the same result."""
    joined, wanted = " ".join(words), " ".join(ref)
    if _derived(words, ref):
        return 0.0
    limit = 1.0 if len(wanted) < SHORT_SPAN else FUZZY_MIN
    if 2.0 * min(len(joined), len(wanted)) / (len(joined) + len(wanted)) < limit:
        return 0.0
    matcher = SequenceMatcher(None, joined, wanted, autojunk=False)
    if matcher.quick_ratio() < limit:
        return 0.0
    score = matcher.ratio()
    if score < limit or any(ratio(a, b) < WORD_FUZZY_MIN for a, b in zip(words, ref)):
        return 0.0
    return score


@LANGUAGES.register
class English(TargetLanguage):
    """English, as official Kazakh English writes it (akorda.kz, primeminister.kz)."""

    name = "en"
    display_name = "English"
    model_tokens = (">>eng<<", ">>en<<")
    lower_case_is_style = True
    decimal_comma = False
    length_band = (0.47, 1.65)
    langid_code = "en"
    nllb_code = "eng_Latn"
    number_words = {
        1: "one|first", 2: "two|second|twice", 3: "three|third|thrice", 4: "four|fourth",
        5: "five|fifth", 6: "six|sixth", 7: "seven|seventh", 8: "eight|eighth", 9: "nine|ninth",
        10: "ten|tenth", 11: "eleven|eleventh", 12: "twelve|twelfth|dozen", 13: "thirteen(?:th)?",
        14: "fourteen(?:th)?", 15: "fifteen(?:th)?", 16: "sixteen(?:th)?", 17: "seventeen(?:th)?",
        18: "eighteen(?:th)?", 19: "nineteen(?:th)?", 20: "twent(?:y|ieth)", 30: "thirt(?:y|ieth)",
        40: "fort(?:y|ieth)", 50: "fift(?:y|ieth)", 60: "sixt(?:y|ieth)", 70: "sevent(?:y|ieth)",
        80: "eight(?:y|ieth)", 90: "ninet(?:y|ieth)", 100: "hundred(?:th)?",
    }

    def find(self, text: str, form: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in occurrences(text, form)]

    def exact(self, text: str, target: str, hit: Hit) -> list[Span]:
        return _english_exact(text, target, hit)

    def variants(self, text: str, target: str, hit: Hit) -> list[Span]:
        return _english_avoided(text, target, hit)

    def avoided(self, text: str, target: str, hit: Hit) -> list[Span]:
        return _english_avoided(text, target, hit)

    def repairs(self, text: str, target: str, hit: Hit) -> list[Span]:
        return _english_repairs(text, target, hit)

    def other_occurrences(self, text: str, target: str, hit: Hit) -> list[tuple[int, int]]:
        """"Senate Chairman", "Presidential", "Governor of East Kazakhstan" (`other_forms`), but
        not a region's name before "Oblast", which is another form of the term to repair; and a
        place joined by a hyphen to another name, as routes are written ("the Kyzylorda-Zhezkazgan
        Road"). An accepted form is written in those ways too ("Minister of Tourism and Sport" →
        "Tourism and Sport Minister")."""
        avoided = {a.lower() for a in hit.term.avoid(self.name)}
        forms = [form for written in (target, *hit.term.accept(self.name))
                 for form in other_forms(written, hit.term.type) if form.lower() not in avoided]
        found = [(a, b) for form in forms for a, b in self.find(text, form)
                 if word_after(text, b).lower() not in OBLAST_WORDS]
        if hit.term.type == "place":
            found += [span for form in (target, *forms) for span in route_ends(text, form)]
        return found

    def is_title_modifier(self, text: str, start: int, end: int, target: str) -> bool:
        return is_title_modifier(text, start, end, target)
