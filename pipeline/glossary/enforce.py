"""Verify glossary terms in a finished translation and repair what the model changed.

Works after any engine: for every Russian source hit whose term has a target in the output
language we look for that target in the output, first as an acceptable occurrence (`occurrences`:
the glossary form, plural or in capitals, an accepted form, decree order, a surname; ok, or a
capitalisation fix), then as something the model made of it (an avoid variant, a near-miss
spelling, a transliteration of the Russian, Cyrillic left in, in Kazakh a variant stem or a suffix
of the wrong harmony). A term we cannot find is reported missing and never inserted: guessing where
it belongs would damage the sentence. Precision first: only the matched span is rewritten, an
acceptable rendering is never touched, and a term whose avoid forms outnumber its source
occurrences is left alone and reported, so a correct line comes back byte-identical. A repair
takes the letter case of the words it replaces ("THE GOVERNOR OF" → "THE AKIM OF"); a gloss in
parentheses after the term ("akims (governors)") and an accepted form are never rewritten.

This module is the language-neutral algorithm: which span each occurrence takes, consistency,
letter case, the fixed point. What an occurrence and a repair are in a given language is the
target language's (`pipeline/languages/`: `find`, `exact`, `avoided`, `repairs`, `in_context`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from pipeline.glossary.match import DATELINE, expected_target, is_patronymic
from pipeline.glossary.model import Hit, Term, TermResult
from pipeline.languages.base import WORD_END, WORD_START, TargetLanguage, is_all_caps, language, unify_hyphens

#: Similarity (difflib ratio) a span must reach to count as a near miss of a glossary form.
FUZZY_MIN = 0.8
#: Forms shorter than this are only recognised exactly: "aim" is not a misspelt "akim", nor
#: "akimat" an inflected "akima".
SHORT_SPAN = 6
#: Each word of a near miss must still resemble its counterpart ("oblast" vs "region" does not).
WORD_FUZZY_MIN = 0.6

#: Rank of a surname-alone span: only taken when no repair of the full name is found.
SURNAME_RANK = 3
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_SENTENCE_END = re.compile(r"(?:^|[.!?…]|\n)[\s«»\"'“”„(\[—–-]*$")
_OPENERS = re.compile(r"[\s«»\"'“”„(\[—–-]*")
#: Abbreviations of figures written with a full stop before a noun: "360 млн. теңге", "5 mln. tenge".
_ABBREVIATION_BEFORE = re.compile(r"\d\s*(?:млн|млрд|трлн|тыс|mln|bln|bn|thous)$", re.IGNORECASE)
#: How far back a sentence end is first looked for (further only when all of it is openers).
_LOOK_BACK = 200
#: Words that join a title phrase without breaking it ("Head of State", "Akim of Astana").
JOINERS = frozenset({"of", "and", "for", "the", "on"})
#: A parenthesis right after a term: what it holds is a gloss of the term ("akims (governors)").
_WORD_AFTER = re.compile(r"\s+([^\W\d_][\w'’-]*)")
_GLOSS = re.compile(r"\s*\(([^()]*)\)")
#: A web address or an outlet named by one: "Orda.kz", "inform.kz", "Akorda.kz".
_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:kz|com|ru|org|net|info|news|media|tv|uz|kg|gov)\b",
                     re.IGNORECASE)


def _not_translated(text: str) -> list[tuple[int, int]]:
    """What the output holds as its author wrote it, not as a translation of the source, so never
    repaired: the place of a dateline opening it ("NUR-SULTAN" in 2022 is no rendering of a later
    "Астана") and web addresses ("Orda.kz reports" is no misspelt "Akorda")."""
    spans = [m.span() for m in _DOMAIN.finditer(text)]
    m = DATELINE.match(text)
    if m and m.group(1).isupper() and len(m.group(1)) > 2:
        spans.append(m.span(1))
    return spans


@dataclass(frozen=True)
class Span:
    """A place in the output that holds (a form of) the expected term, and what it should read."""

    start: int
    end: int
    surface: str
    fixed: str
    how: str
    score: float = 1.0
    found_as: str = "expected"  # for an ok span: why it counts (model.FoundAs)
    rank: int = 0  # among ok spans: the glossary form first, then accepted, decree order, surname


def at_sentence_start(text: str, start: int) -> bool:
    """Whether `start` opens a sentence: nothing but openers (quotes, dashes, brackets) since the
    text's start or a sentence end."""
    lo = max(0, start - _LOOK_BACK)  # not the whole prefix: a long segment would be quadratic
    if lo and _OPENERS.fullmatch(text, lo, start):
        lo = 0
    end = _SENTENCE_END.search(text, lo, start)
    # "360 млн. теңге": an abbreviation's full stop ends no sentence
    return end is not None and not (text.startswith(".", end.start())
                                    and _ABBREVIATION_BEFORE.search(text, max(0, end.start() - 8), end.start()))


def with_capitals(form: str, text: str, start: int) -> str:
    """`form` as the glossary writes it, with an upper-case first letter at a sentence start."""
    if at_sentence_start(text, start) and form[:1].islower():
        return form[:1].upper() + form[1:]
    return form


def _recase(surface: str, target: str, text: str, start: int, whole: bool = False) -> str:
    """`surface` with the glossary's letter case: first letters of words, or every letter if `whole`.

    Whitespace and (when not `whole`) the inflected endings stay as the model wrote them.
    """
    parts = re.split(r"(\s+)", surface)
    wanted = target.split()
    for i in range(0, len(parts), 2):
        ref = wanted[i // 2] if i // 2 < len(wanted) else parts[i]
        word = parts[i]
        if whole and word.lower() == ref.lower():
            parts[i] = ref
        elif ref[:1].isupper() or ref[:1].islower():
            parts[i] = (ref[:1] if word[:1].lower() == ref[:1].lower() else word[:1]) + word[1:]
    return with_capitals("".join(parts), text, start)


def _in_case_of(replaced: str, form: str, title: bool = False, at_start: bool = False) -> str:
    """`form` (the glossary's, as the repair would write it) in the letter case of the words it
    replaces: "THE GOVERNOR OF" → "THE AKIM OF", "Shymkent Mayor Murat" → "Shymkent Akim Murat",
    "First Deputy Governor" → "First Deputy Akim", "Акимін" → "Әкімін".

    All capitals make the repair all capitals. Otherwise a lower-case word of the form takes a
    capital where the word it replaces has one (word by word when both have as many words, else
    the first word from the first, the others only from a phrase all in title case: "Абай" →
    "Абай облысының", not "Абай Облысының"); a capital the form has of its own (a proper name,
    "Kassym-Jomart", or a sentence start) is kept, but a `title`'s capital, which is style, not a
    name's, follows a lower-case word it replaces word for word ("Deputy governors" → "Deputy akims"),
    except the first word `at_start` of a sentence (English only: Kazakh binds a title's first capital).
    """
    if is_all_caps(replaced):
        return form.upper()
    old, new = replaced.split(), re.split(r"(\s+)", form)
    words = new[::2]
    title_phrase = len(old) > 1 and all(w[:1].isupper() for w in old if w.lower() not in JOINERS)
    for i, word in enumerate(words):
        if len(old) == len(words):
            ref = old[i]
        elif word.lower() in JOINERS:
            continue
        else:
            ref = old[0] if i == 0 or title_phrase else old[-1].lower()
        if ref[:1].isupper() and word[:1].islower():
            new[2 * i] = word[:1].upper() + word[1:]
        elif title and len(old) == len(words) and ref[:1].islower() and word[:1].isupper() \
                and not (i == 0 and at_start):
            new[2 * i] = word[:1].lower() + word[1:]
    return "".join(new)


def _case_enforced(hit: Hit, target: str) -> bool:
    """Whether the glossary's letter case applies to this occurrence.

    A lower-case target ("akim") always does. A capitalised one only where the Russian source
    marks the term as a proper name: "Правительство" (the Government), but not "правительство
    Ирландии" or "премьер-министр", which English and Kazakh capitalise by context (before a
    name, generic use), so FLORES references stay as written; nor in the plural, several offices
    of the kind ("Главы двух государств": "Екі мемлекет басшысы").
    """
    return target[:1].islower() or (hit.term.ru[:1].isupper() and hit.surface[:1].isupper()
                                    and hit.number != "plur")


def _model_case(surface: str, text: str, start: int) -> str:
    """The model's own letter case, but a capital at a sentence start."""
    return with_capitals(surface, text, start)


def tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def windows(tokens: list[re.Match[str]], size: int) -> Iterator[tuple[int, int, list[str]]]:
    """Runs of `size` words with only white space between them: a repair writes its words with
    spaces, so a run across a quote or a comma ("«AMANAT» партиясы") would lose it."""
    for i in range(len(tokens) - size + 1):
        group = tokens[i:i + size]
        if all(not a.string[a.end():b.start()].strip() for a, b in zip(group, group[1:])):
            yield group[0].start(), group[-1].end(), [t.group() for t in group]


def ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def bounded(text: str, phrase: str) -> Iterator[re.Match[str]]:
    """Case-insensitive, word-bounded occurrences of `phrase` (any whitespace between words); a
    hyphenated word is one word, so "Премьер" is not found inside "Премьер-министрге"."""
    body = r"\s+".join(re.escape(w) for w in phrase.split())
    yield from re.finditer(rf"{WORD_START}{body}{WORD_END}", text, flags=re.IGNORECASE)


def cyrillic_repairs(text: str, hit: Hit, fixed: str) -> list[Span]:
    """The Russian term left in the output (any of its spellings), each to be replaced by `fixed`;
    not a spelling the target itself has ("Жетісу" of "Жетісу облысы": the name without its head,
    no Russian left over), nor a name with its patronymic, which Kazakh writes as Russian does
    ("Роман Васильевич Склярға")."""
    own = fixed.lower().split()
    return [Span(m.start(), m.end(), m.group(), with_capitals(fixed, text, m.start()), "cyrillic", 2.0)
            for ru in sorted({hit.surface, hit.term.ru, *hit.term.ru_variants}, key=len, reverse=True)
            if not _words_within(ru.lower().split(), own) and not any(map(is_patronymic, ru.split()))
            for m in bounded(text, ru)]


def _words_within(words: list[str], other: list[str]) -> bool:
    """Whether `words` stand together, in order, among `other`."""
    return any(other[i:i + len(words)] == words for i in range(len(other) - len(words) + 1))


def word_after(text: str, end: int) -> str:
    """The word right after `end` (whitespace only in between), or ""."""
    m = _WORD_AFTER.match(text, end)
    return m.group(1) if m else ""


def only_more_capitals(surface: str, wanted: str) -> bool:
    """Whether `surface` is `wanted` with some lower-case letters written as capitals
    ("Премьер-Министр" for "Премьер-министр", "Akim" for "akim"), and no other change."""
    return len(surface) == len(wanted) and all(
        a == b or (a.isupper() and a.lower() == b) for a, b in zip(surface, wanted))


def letter_case(surface: str, target: str, hit: Hit, text: str, start: int, end: int,
                 lower_is_style: bool = False) -> str:
    """What an exact occurrence should read: as written when its letter case is acceptable (all
    capitals, the glossary's capitals, or more: "Akim of Abai region", "Pavlodar Region",
    "Премьер-Министр" as official English and Kazakh write titles, and what a repair writes in
    the case of the word it replaced), else recased where the source makes the glossary's case
    binding (`_case_enforced`) and the writer meant the name: it starts with a capital ("Ministry
    of national economy") or is a title before a name ("prime minister Olzhas Bektenov"). Where
    `lower_is_style` (English), a name written all in lower case otherwise is the writer's style
    ("the government's bill", "upper chamber of parliament", "government agencies"): only a
    sentence start is capitalised. Kazakh spelling capitalises the first word of a body's name
    ("ұлттық экономика министрлігі" → "Ұлттық …"); the case of later words varies in official
    texts and is left as written ("парламент мәжілісінің төрағасы" → "… Мәжілісінің төрағасы")."""
    if is_all_caps(surface):
        return surface
    fixed = _recase(surface, target, text, start, whole=True)
    if fixed == surface or only_more_capitals(surface, fixed):
        return surface
    if not lower_is_style:
        if surface[:1] == fixed[:1]:
            return surface  # Kazakh: "Сенат төрағасы" as media write the title, "Сенат Төрағасы" officially
        fixed = fixed[:1] + surface[1:]
    # in lower case but for a sentence start's capital ("Presidential administration." at the start)
    lower = surface.islower() or (surface[1:].islower() and at_sentence_start(text, start))
    meant = not (lower_is_style and lower) or word_after(text, end)[:1].isupper()
    return fixed if _case_enforced(hit, target) and meant else _model_case(surface, text, start)


def alternatives(text: str, target: str, hit: Hit, lang: TargetLanguage) -> list[Span]:
    """Acceptable renderings other than the glossary form, kept as written: the term's accepted
    forms, the forms the language also writes ("Senate Chairman" in English), and
    for a person named in full, decree order with an optional patronymic ("Bektenov Olzhas
    Abayevich") or the surname alone ("Bektenov noted"), an accepted form's too ("Smadiyarov")."""
    spans = [Span(a, b, text[a:b], text[a:b], "", found_as="accepted", rank=1)
             for form in hit.term.accept(lang.name) for a, b in lang.find(text, form)]
    spans += [Span(a, b, text[a:b], text[a:b], "", found_as="accepted", rank=2)
              for a, b in lang.other_occurrences(text, target, hit)]
    words = target.split()
    if hit.term.type == "person" and len(words) >= 2:
        for a, b in lang.find(text, " ".join([words[-1], *words[:-1]])):
            patronymic = word_after(text, b)
            if patronymic[:1].isupper():
                b = text.index(patronymic, b) + len(patronymic)
            spans.append(Span(a, b, text[a:b], text[a:b], "", found_as="decree_order", rank=2))
        surnames = dict.fromkeys([words[-1], *(form.split()[-1] for form in hit.term.accept(lang.name)
                                               if len(form.split()) >= 2)])
        spans += [Span(a, b, text[a:b], text[a:b], "", found_as="surname", rank=SURNAME_RANK)
                  for surname in surnames for a, b in lang.find(text, surname)]
    return spans


def _found(text: str, target: str, hit: Hit, lang: TargetLanguage) -> list[Span]:
    """Every acceptable occurrence of the term: as the language writes it, or an alternative."""
    return lang.exact(text, target, hit) + alternatives(text, target, hit, lang)


def occurrences(text: str, target: str, term: Term, lang: str) -> list[Span]:
    """Non-overlapping places where `text` holds the term as enforcement accepts it (the glossary
    form in any suffix chain, plural or capitals, an accepted form, decree order, a surname):
    the one occurrence rule that term accuracy counts with."""
    taken: list[tuple[int, int]] = []
    spans = []
    for span in sorted(_found(text, target, Hit(term, 0, 0, term.ru), language(lang)),
                       key=lambda s: (s.rank, s.start)):
        if not _overlaps(span, taken):
            taken.append((span.start, span.end))
            spans.append(span)
    return spans


def _overlaps(span: Span, taken: list[tuple[int, int]]) -> bool:
    return any(span.start < end and start < span.end for start, end in taken)


def enforce_segment(translation: str, hits: list[Hit], lang: str) -> tuple[str, list[TermResult]]:
    """Check each expected term occurrence in `translation` and repair those the model changed.

    `hits` are the Russian source hits; those whose term has no target in `lang` are skipped, and so
    are short forms resolved through the document (`Hit.context`: "председатель палаты" may be "the
    Speaker"). Returns the (possibly) repaired line and one TermResult per expected occurrence, in
    source order: ok (found acceptably written; `extra["found_as"]` says how), repaired (changed
    here; `extra["how"]`) or missing (not found, or `extra["reason"]` why it was left alone). Two
    hits of one term need two occurrences in the output. An avoid form left over for a plural term
    ("the Mayor of Astana and the Governor of ...", one "акимы") is repaired with a result of its
    own, after the per-occurrence ones: every change made is reported.

    Letter case depends on neighbouring words ("the Akim of Akimat": a title only while "Akim"
    is capitalised), so a repair can change another term's context: the result is taken to its
    fixed point, a second pass's case repairs reported as repairs of the original words, and
    enforcing the output again changes nothing.
    """
    return _enforce(translation, hits, lang)[:2]


def _enforce(translation: str, hits: list[Hit],
             lang: str) -> tuple[str, list[TermResult], list[tuple[int, int] | None]]:
    """`enforce_segment`, and where each result's form stood in `translation` before any repair
    (what `check_terms` reports for a text it never rewrites). Each result's output span is where
    it stands in the returned line: the term as found, or its repair."""
    hits = [h for h in hits if not h.context]
    text, results, edits = _enforce_once(translation, hits, lang)
    places = [r.output_span for r in results]
    if text == translation:
        return text, results, places
    _move(results, edits)
    again, later, later_edits = _enforce_once(text, hits, lang)
    if again == text or len(later) > len(results) or any(b.status == "repaired" and a.status == "missing"
                            for a, b in zip(results, later)):
        return text, results, places
    _move(results, later_edits)
    _move(later, later_edits)
    merged = [TermResult(a.ru, b.expected, a.found, "repaired", a.source_start, a.source_end, a.type,
                         {"how": (a.extra if a.status == "repaired" else b.extra).get("how", "")},
                         a.case, b.output_start, b.output_end)
              if a.status in ("ok", "repaired") and b.status == "repaired" else a
              for a, b in zip(results, later)]
    return again, merged + results[len(merged):], places


def _moved(pos: int, edits: list[Span], end: bool) -> int:
    """Where offset `pos` of a line is once `edits` are applied; an offset inside an edit goes to
    the start (or, for an `end`, the end) of its replacement."""
    moved = pos
    for edit in edits:
        if edit.end <= pos:
            moved += len(edit.fixed) - (edit.end - edit.start)
        elif edit.start < pos:
            moved += edit.start - pos + (len(edit.fixed) if end else 0)
    return moved


def _move(results: list[TermResult], edits: list[Span]) -> None:
    """Carry the results' output spans through `edits`, made to the line they were found in."""
    for result in results:
        if result.output_start is not None and result.output_end is not None:
            result.output_start, result.output_end = (_moved(result.output_start, edits, False),
                                                      _moved(result.output_end, edits, True))


def _enforce_once(translation: str, hits: list[Hit], lang: str) -> tuple[str, list[TermResult], list[Span]]:
    """One pass of `enforce_segment`: the line, its results with output spans still in
    `translation` (before the repairs), and the repairs made. Terms are sought with hyphens
    unified; the repairs are made to the line as written."""
    written, translation = translation, unify_hyphens(translation)
    target_language = language(lang)
    expected = [(hit, target) for hit in sorted(hits, key=lambda h: (h.start, h.end))
                if (target := expected_target(hit, lang))]
    found = [sorted(_found(translation, target, hit, target_language), key=lambda s: (s.rank, s.start))
             for hit, target in expected]
    # where each term (or a listed variant of it) sits, so that "Ekibastuz" is not taken from
    # inside "Ekibastuz CHP" while the Ekibastuz TPP hit still needs that span
    # (hits of one term share their spans: a set, sorted, so a long segment is not quadratic)
    shadows = sorted({(s.start, s.end, hit.term.ru) for (hit, target), spans in zip(expected, found)
                      for s in [*spans, *target_language.variants(translation, target, hit)]})
    shadow_starts = [start for start, _, _ in shadows]
    longest = max((end - start for start, end, _ in shadows), default=0)

    def containing(span: Span) -> list[tuple[int, int, str]]:
        """The shadows that may contain `span`: those starting at most `longest` before it."""
        return shadows[bisect_left(shadow_starts, span.start - longest):
                       bisect_right(shadow_starts, span.start)]

    def inside_other(span: Span, ru: str) -> bool:
        return any(span.end <= end and end - start > span.end - span.start and other != ru
                   for start, end, other in containing(span))

    def within_other(span: Span, ru: str) -> bool:
        return any(span.end <= end and other != ru for _, end, other in containing(span))

    def modifier(span: Span, ru: str, target: str) -> bool:
        """Whether `span` is a word of another term's title: "Deputy" before the "Akim" of
        заместитель акима is not депутат; before a body's name it is ("Deputy MASLIKHAT": a
        body has no deputy of its own)."""
        after = span.end + len(translation[span.end:]) - len(translation[span.end:].lstrip())
        return (target_language.is_title_modifier(translation, span.start, span.end, target)
                and (inside_other(span, ru)
                     or any(other != ru and kinds[other] == "title" for _, _, other in
                            shadows[bisect_left(shadow_starts, after):bisect_right(shadow_starts, after)])))

    kinds = {hit.term.ru: hit.term.type for hit, _ in expected}

    # a short form official English writes ("Turkestan" for the region) is never where another
    # term stands (the city)
    found = [[s for s in spans if not modifier(s, hit.term.ru, target)
              and not (s.rank == 2 and s.found_as == "accepted" and within_other(s, hit.term.ru))]
             for (hit, target), spans in zip(expected, found)]

    # never rewritten: an accepted form, whichever term's near miss it looks like ("Turkistan"
    # stays), and a gloss in parentheses right after the term as written ("akims (governors)")
    accepted = [(s.start, s.end) for spans in found for s in spans if s.found_as == "accepted"]
    glosses: dict[str, list[tuple[int, int]]] = {}
    for (hit, _), spans in zip(expected, found):
        for s in spans:
            if s.rank < SURNAME_RANK and (m := _GLOSS.match(translation, s.end)):
                glosses.setdefault(hit.term.ru, []).append(m.span(1))
    not_translated = _not_translated(translation)
    protected = {hit.term.ru: accepted + glosses.get(hit.term.ru, []) + not_translated for hit, _ in expected}

    chosen: list[Span | None] = [None] * len(expected)
    taken_by_term: dict[str, list[tuple[int, int]]] = {}
    taken: list[tuple[int, int]] = []

    def claim(i: int, span: Span) -> None:
        chosen[i] = span
        taken_by_term.setdefault(expected[i][0].term.ru, []).append((span.start, span.end))
        taken.append((span.start, span.end))

    # 1. the term as the glossary writes it (or an accepted form), outside longer terms; 2. repairs
    # of what the model wrote instead ("Kasym-Zhomart Tokayev"); 3. only then the term inside a
    # longer one ("Ekibastuz" in "Ekibastuz TPP") or a person's surname alone
    for i, (hit, target) in enumerate(expected):
        mine = taken_by_term.get(hit.term.ru, [])
        span = next((s for s in found[i] if s.rank < SURNAME_RANK and not inside_other(s, hit.term.ru)
                     and not _overlaps(s, mine)), None)
        if span is not None:
            claim(i, span)
    for i, (hit, target) in enumerate(expected):
        if chosen[i] is None:
            # letter case alone is the exact stage's decision (titles, datelines), never a repair's
            # never inside another term as written: "akim" is no misspelt "akimat"
            ranked = sorted((s for s in target_language.repairs(translation, target, hit)
                             if s.fixed.lower() != s.surface.lower() and not within_other(s, hit.term.ru)
                             and not _overlaps(s, protected[hit.term.ru])),
                            key=lambda s: (-s.score, s.start))
            span = next((s for s in ranked if not _overlaps(s, taken)), None)
            if span is not None:
                claim(i, span)
    for i, (hit, target) in enumerate(expected):
        if chosen[i] is None:
            # an accepted short form, never where another term stands: "Қазақстан" (for Республика
            # Казахстан) is no part of "Батыс Қазақстан облысы"
            mine = taken_by_term.get(hit.term.ru, [])
            span = next((s for s in found[i] if not _overlaps(s, taken if s.found_as == "accepted" else mine)), None)
            if span is not None:
                claim(i, span)
    unresolved, extra_edits, reassigned = _consistency(translation, expected, chosen, found, target_language,
                                                       protected)
    for i, span in reassigned.items():
        chosen[i] = span
    results: list[TermResult] = []
    edits: list[Span] = [span for _, span in extra_edits]
    for i, ((hit, target), span) in enumerate(zip(expected, chosen)):
        if i in unresolved:
            results.append(TermResult(ru=hit.term.ru, expected=target_language.in_context(target, hit),
                                      found=None, status="missing", source_start=hit.start,
                                      source_end=hit.end, type=hit.term.type,
                                      extra={"reason": unresolved[i]}, case=hit.case))
            continue
        if span is None:
            status, surface, form, how = "missing", None, target_language.in_context(target, hit), ""
        else:
            if span.how != "case":  # a repair writes the glossary's word in the replaced one's case
                span = replace(span, fixed=_in_case_of(
                    span.surface, span.fixed, hit.term.type == "title" and target_language.lower_case_is_style,
                    at_sentence_start(translation, span.start)))
            status = "ok" if span.fixed == span.surface else "repaired"
            surface, form, how = span.surface, span.fixed, span.how
            if status == "repaired":
                edits.append(span)
        extra = {"how": how} if status == "repaired" else {"found_as": span.found_as} if span else {}
        results.append(TermResult(ru=hit.term.ru, expected=form, found=surface, status=status,
                                  source_start=hit.start, source_end=hit.end, type=hit.term.type,
                                  extra=extra, case=hit.case,
                                  output_start=None if span is None else span.start,
                                  output_end=None if span is None else span.end))
    # each left-over avoid form of a plural term is a repair of its own, reported as such
    results += [TermResult(ru=hit.term.ru, expected=span.fixed, found=span.surface, status="repaired",
                           source_start=hit.start, source_end=hit.end, type=hit.term.type,
                           extra={"how": span.how}, case=hit.case, output_start=span.start, output_end=span.end)
                for hit, span in ((expected[i][0], span) for i, span in extra_edits)]
    return _apply(written, edits), results, edits


def _consistency(text: str, expected: list[tuple[Hit, str]], chosen: list[Span | None],
                 found: list[list[Span]], lang: TargetLanguage, protected: dict[str, list[tuple[int, int]]]
                 ) -> tuple[dict[int, str], list[tuple[int, Span]]]:
    """Every occurrence of a term's avoid forms in the line is handled, or none is touched.

    An avoid form left over after each source hit took its span ("the Mayor of Astana and the
    Governor of Karaganda region" for one plural "акимы") is repaired too when the Russian term is
    plural; for a single one the term next to it in the source may tell which rendering is its
    (`_by_its_neighbour`), the others left as written; otherwise which one is the term is a guess,
    so the term's repairs are withdrawn and its hits reported missing (reason "unresolved"). An
    avoid form in a `protected` place (a gloss: "akims (governors)") is no rendering of the term.
    Returns {hit index: reason}, the extra edits, each with the index of the hit it is reported
    under, and {hit index: the rendering its neighbour picked}.
    """
    claimed = [(s.start, s.end) for s in chosen if s is not None]
    correct = [(s.start, s.end) for spans in found for s in spans]
    unresolved: dict[int, str] = {}
    extra: list[tuple[int, Span]] = []
    reassigned: dict[int, Span] = {}
    by_term: dict[str, list[int]] = {}
    for i, (hit, _) in enumerate(expected):
        by_term.setdefault(hit.term.ru, []).append(i)
    for indices in by_term.values():
        hit, target = expected[indices[0]]
        leftovers: list[Span] = []
        for span in sorted(lang.avoided(text, target, hit), key=lambda s: (s.start, -s.end)):
            if not _overlaps(span, claimed + correct + protected[hit.term.ru]
                             + [(s.start, s.end) for s in leftovers]):
                leftovers.append(span)
        if not leftovers:
            continue
        if any(expected[i][0].number == "plur" for i in indices):
            extra += [(indices[0], replace(span, fixed=_in_case_of(span.surface, span.fixed)))
                      for span in leftovers]
            claimed += [(s.start, s.end) for s in leftovers]
            continue
        if len(indices) == 1 and chosen[indices[0]] is not None \
                and (span := _by_its_neighbour(expected, chosen, found, indices[0], leftovers)) is not None:
            reassigned[indices[0]] = span
            continue
        for i in indices:
            span = chosen[i]
            if span is not None and span.fixed != span.surface:
                unresolved[i] = (f"{len(leftovers) + 1} renderings of the term to replace for "
                                 f"{len(indices)} in the source; left as written")
    return unresolved, extra, reassigned


#: How far (characters) a rendering may stand from its neighbour's: "the mayor of Uralsk city".
_NEIGHBOUR_GAP = 12


def _by_its_neighbour(expected: list[tuple[Hit, str]], chosen: list[Span | None], found: list[list[Span]],
                      i: int, leftovers: list[Span]) -> Span | None:
    """Which of several renderings of one source term is it, told by the term next to it in the
    source: "пост акима города Уральска" is "the post of the mayor of Uralsk city", not "my last
    post as the mayor of the city" ("главы города"). The one rendering next to where the output
    has that neighbour, else None (a guess is no repair)."""
    hit = expected[i][0]
    neighbours = [j for j, (other, _) in enumerate(expected) if other.term.ru != hit.term.ru and _next_to(hit, other)]
    places = [s for j in neighbours for s in [*found[j], *([chosen[j]] if chosen[j] is not None else [])]]
    near = [span for span in [chosen[i], *leftovers] if span is not None and any(_next_to(span, p) for p in places)]
    return near[0] if len(near) == 1 else None


def _next_to(a: Hit | Span, b: Hit | Span) -> bool:
    """Whether `b` starts or ends within `_NEIGHBOUR_GAP` characters of `a`, on either side."""
    return 0 <= b.start - a.end <= _NEIGHBOUR_GAP or 0 <= a.start - b.end <= _NEIGHBOUR_GAP


def _apply(text: str, edits: list[Span]) -> str:
    for span in sorted(edits, key=lambda s: s.start, reverse=True):
        text = text[:span.start] + span.fixed + text[span.end:]
    return text


def check_terms(text: str, hits: list[Hit], lang: str) -> list[TermResult]:
    """Glossary statuses of a person's text, which is never rewritten (an editor's correction):
    a term that `enforce_segment` would have repaired is reported missing, with both forms."""
    if not hits:
        return []
    _, results, places = _enforce(text, hits, lang)
    for result, place in zip(results, places):  # the text stays as written: spans where it holds each form
        result.output_start, result.output_end = place or (None, None)
        if result.status == "repaired":
            result.extra = {"reason": f"the editor wrote «{result.found}»; the glossary has «{result.expected}»"}
            result.status, result.found = "missing", None
    return results
