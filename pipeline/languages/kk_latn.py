"""Kazakh in Latin script: the enforced Kazakh output transliterated, so terms stay enforced.

No model translates into Latin Kazakh, and none is needed: the state media's Latin editions are
letter-for-letter transliterations of the Cyrillic ones (`kazakh_latin`). A glossary's `kk-Latn`
form takes precedence over the transliteration where the Kazakh output holds the term (a name
spelt otherwise in Latin); the Kazakh suffix the output gave it is transliterated and kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.glossary.enforce import Span, with_capitals
from pipeline.glossary.model import Hit
from pipeline.languages.base import LANGUAGES, WORD_END, WORD_START, TargetLanguage, is_all_caps, route_ends
from pipeline.languages.kazakh_latin import DEFAULT_SCHEME, transliterate
from pipeline.languages.kk import (avoided_forms, coordinated, find_inflected, kazakh_letter_case, place_adjective,
                                   region_word, spelling_variants)


@lru_cache(maxsize=4096)
def _pattern(form: str) -> re.Pattern[str]:
    """`form` with any ending on its last word: Latin Kazakh inflects as Cyrillic Kazakh does
    ("Toqaevqa", "Qaraǵandy oblysynyń"), and the ending is the output's, already checked in kk."""
    body = r"\s+".join(re.escape(w) for w in form.split())
    return re.compile(rf"{WORD_START}{body}(?:-?[^\W\d_]+)?{WORD_END}", re.IGNORECASE)


@LANGUAGES.register
class KazakhLatin(TargetLanguage):
    """Kazakh in Latin script (2018 alphabet), transliterated from the enforced Kazakh output."""

    name = "kk-Latn"
    display_name = "Kazakh (Latin)"
    derived_from = "kk"
    length_band = (0.45, 1.75)  # a Latin digraph (sh, ch, ıa) stands for one Cyrillic letter
    scheme = DEFAULT_SCHEME

    def derive(self, text: str) -> str:
        return transliterate(text, self.scheme)

    def find(self, text: str, form: str) -> list[tuple[int, int]]:
        return [m.span() for m in _pattern(form.strip()).finditer(text)] if form.strip() else []

    def _kazakh(self, target: str, hit: Hit) -> str | None:
        """The Kazakh form `target` is derived from, which the Kazakh rules (suffix chains, lists,
        avoid forms) apply to once transliterated; None for a glossary form of its own ("UNESCO")."""
        kazakh = hit.term.target(self.derived_from)
        return kazakh if kazakh and target == self.derive(kazakh) else None

    def _occurrences(self, text: str, target: str, hit: Hit) -> list[tuple[int, int]]:
        """Where `text` holds the term: a derived target with exactly the Kazakh suffix chains,
        transliterated ("ákimdigi", not "ákimdik" + any letters); a form of its own, any ending."""
        if kazakh := self._kazakh(target, hit):
            return [(m.start, m.end) for m in find_inflected(text, kazakh, self.derive)]
        return self.find(text, target)

    def exact(self, text: str, target: str, hit: Hit) -> list[Span]:
        """The form with any suffix chain, its letter case judged by Kazakh's rule: derived output
        already has it ("Prezıdentke"); an editor's Latin text gets the capital Kazakh would. And, as
        in Cyrillic, a place listed with others before one plural head ("Abaı" in "Aqmola, Abaı jáne
        Ulytaý oblystarynyń")."""
        spans = [Span(a, b, text[a:b], kazakh_letter_case(text[a:b], target, hit, text, a, b, self.derive), "case",
                      found_as="all_caps" if is_all_caps(text[a:b]) and not is_all_caps(target) else "expected")
                 for a, b in self._occurrences(text, target, hit)]
        kazakh = self._kazakh(target, hit)
        return spans + (coordinated(text, kazakh, self.derive) if kazakh else [])

    def avoided(self, text: str, target: str, hit: Hit) -> list[Span]:
        """The Kazakh avoid forms, transliterated and inflected, repaired to the Kazakh target in the
        same suffix chain; and this language's own avoid forms (`kk-Latn_avoid`), repaired to the
        target with the ending kept."""
        kazakh = self._kazakh(target, hit)
        spans = avoided_forms(text, kazakh, hit, self.derive) if kazakh else []
        for avoid in hit.term.avoid(self.name):
            for a, b in self.find(text, avoid):
                fixed = with_capitals(target + text[a + len(avoid):b], text, a)
                spans.append(Span(a, b, text[a:b], fixed, "avoid", 2.0))
        return spans

    def repairs(self, text: str, target: str, hit: Hit) -> list[Span]:
        """Only the listed avoid forms: Latin output comes from enforced Kazakh, so a Latin text to
        repair is an editor's or another tool's, and a guess there is not ours to make."""
        return self.avoided(text, target, hit)

    def other_occurrences(self, text: str, target: str, hit: Hit) -> list[tuple[int, int]]:
        """The Kazakh accepted forms ("Мемлекет басшысы" for Президент), transliterated and inflected;
        the other spellings Kazakh has (`spelling_variants`)."""
        kazakh = self._kazakh(target, hit)
        places = route_ends(text, target) if hit.term.type == "place" else []  # "«Taldyqorǵan-Úsharal»"
        if hit.term.type == "place" and kazakh:
            # "Shyǵys Qazaqstan oblystyq", "Aqtóbe óńirin"
            places += place_adjective(text, kazakh, self.derive) + region_word(text, kazakh, self.derive)
        variants = spelling_variants(text, kazakh, self.derive) if kazakh else []
        accepted = [(m.start, m.end) for form in hit.term.accept(self.derived_from)
                    for m in find_inflected(text, form, self.derive)]
        return places + variants + accepted
