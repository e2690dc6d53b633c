"""The target-language interface, its registry, and the text rules every language shares.

Everything that differs between target languages lives in the language's module: how a glossary
form is found in a translation (English plurals, Kazakh suffix chains), how a repair is inflected,
whether lower case is a writer's style, how numbers are written, how output in the wrong language
shows, the model's target token and the name shown to people. The enforcement algorithm, quality
estimation and the writers ask the language object and never test a language code, so a new
target language is one new module (or one class registered from anywhere, as a test does).

Word boundaries and the all-capitals test are defined here once, for every language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar

from pipeline.registry import Plugin, Registry, UnknownName

if TYPE_CHECKING:  # the enforcement types, imported there lazily to keep this module light
    from pipeline.glossary.enforce import Span
    from pipeline.glossary.model import Hit, Term

#: A glossary form starts where no letter, digit or word's hyphen precedes it: a hyphenated word is
#: one word, so "Премьер" is not found inside "Премьер-министрге" (nor inside "Премьер‑министр" with
#: the non-breaking hyphen U+2011, or U+2010); a hyphen after a space or opening a line is a
#: quotation's dash ("-Жамбыл облысының ахуалы").
_OTHER_HYPHENS = "\u2010\u2011"
_HYPHEN = rf"[-{_OTHER_HYPHENS}]"
WORD_START = rf"(?<![^\W_])(?<![^\W_]{_HYPHEN})"
#: ... and ends where none follows.
WORD_END = rf"(?![^\W_]|{_HYPHEN})"
#: ... or a digit may follow: "KZT178bn" is the tenge.
#: Between the words of a term: white space, with the quotes of a quoted name ("«AMANAT» партиясы",
#: "the \"AMANAT\" party"): the writer's quotes are no error.
NAME_GAP = r"[»”\"]?\s+[«“\"]?"
WORD_END_BEFORE_DIGIT = rf"(?![^\W\d_]|{_HYPHEN})"


_HYPHENS = str.maketrans(dict.fromkeys(_OTHER_HYPHENS, "-"))


def unify_hyphens(text: str) -> str:
    """`text` with the hyphen U+2010 and the non-breaking hyphen U+2011 (Word's, and some sites')
    written as "-", every offset kept: a name is one word whichever hyphen joins it
    ("Kassym‑Jomart", "Касым‑Жомарт"), so it is found as written, never "repaired" in half."""
    return text.translate(_HYPHENS)


def is_all_caps(surface: str) -> bool:
    """Whether `surface` is written in capitals ("ASTANA", "ЖЭО", "ГРЭС-1"): two letters or more,
    every letter a capital. The one test for capitals and abbreviations."""
    letters = [c for c in surface if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=8192)
def _route_pattern(form: str) -> re.Pattern[str]:
    """`form` before a hyphen and another word, or after a hyphen (both checked by `route_ends`)."""
    name = r"\s+".join(re.escape(w) for w in form.split())
    return re.compile(rf"(?<![^\W_]|-)(?P<first>{name})(?=-[^\W\d_])|(?<=-)(?P<last>{name})(?![^\W_]|-)",
                      re.IGNORECASE)


def route_ends(text: str, form: str) -> list[tuple[int, int]]:
    """`form` as one end of a hyphenated pair of names, "Kyzylorda" and "Zhezkazgan" in "the
    Kyzylorda-Zhezkazgan Road", "Талдықорған" in "«Талдықорған-Үшарал» газ құбыры": the other
    end must be a capitalised word."""
    spans = []
    for m in _route_pattern(form).finditer(text):
        if m.group("last") is not None:
            other = re.search(r"([^\W\d_][\w'’]*)-$", text[max(0, m.start() - 40):m.start()])
            other_word = other.group(1) if other else ""
        else:
            other_word = re.match(r"-([^\W\d_][\w'’]*)", text[m.end():]).group(1)
        if other_word[:1].isupper():
            spans.append(m.span())
    return spans


class TargetLanguage(Plugin):
    """A language the pipeline translates into. Subclass it, set the class attributes and override
    the occurrence rule; register the class with `@LANGUAGES.register`."""

    name: ClassVar[str]
    """The language code: the `--to` value, the glossary column and the output file's infix."""

    display_name: ClassVar[str]
    """The name shown to people (review page, reports)."""

    script: ClassVar[str] = "Latn"
    """The ISO 15924 script of the output ("Latn", "Cyrl"): glossary checks refuse Cyrillic
    letters in a Latin-script language's forms and mixed-script words in a Cyrillic one's."""

    model_tokens: ClassVar[tuple[str, ...]] = ()
    """Target-language tokens a multi-target model may know for this language, in order of
    preference (OPUS-MT uses ISO 639-3 codes, sometimes with a script suffix; older models two
    letters); none: ">>code<<"."""

    derived_from: ClassVar[str | None] = None
    """The language this one is made from by `derive` instead of a model of its own (kk-Latn from
    kk): its output is the enforced output of that language, derived, so terms stay enforced."""

    lower_case_is_style: ClassVar[bool] = False
    """Whether a name written all in lower case is the writer's style, left alone but for a
    sentence start (English: "the government's bill"); else the glossary's capitals are binding."""

    decimal_comma: ClassVar[bool] = True
    """Whether "1,500" is one and a half (a decimal comma), else fifteen hundred."""

    number_words: ClassVar[Mapping[int, str]] = MappingProxyType({})
    """Spelled-out numbers: a full-word pattern per value ("twelve|twelfth|dozen"), so that QE
    does not miss a number the output writes in words."""

    nllb_code: ClassVar[str | None] = None
    """The FLORES-200 code NLLB models know the language by ("eng_Latn"); M2M uses `name`."""

    length_band: ClassVar[tuple[float, float]] = (0.45, 1.65)
    """Allowed output/source length ratio in characters (quality estimation): for en and kk the
    0.5th and 99.5th percentiles of FLORES-200 dev (en 0.56..1.42, kk 0.55..1.44), widened by
    about 15-20% (bench/qe_flores_dev.py)."""

    langid_code: ClassVar[str | None] = None
    """What language identification answers for good output in this language; None: not checked."""

    # --- the occurrence rule -------------------------------------------------------------------

    def find(self, text: str, form: str) -> list[tuple[int, int]]:
        """(start, end) of every occurrence of glossary form `form` in `text`."""
        raise NotImplementedError

    def exact(self, text: str, target: str, hit: Hit) -> list[Span]:
        """Acceptable occurrences of the term (the glossary form as this language writes it, each
        with the letter case it should have); `enforce.alternatives` adds the other accepted ones."""
        raise NotImplementedError

    def variants(self, text: str, target: str, hit: Hit) -> list[Span]:
        """Certain variants of the term (listed avoid forms), where a longer term may sit."""
        return []

    def avoided(self, text: str, target: str, hit: Hit) -> list[Span]:
        """Every listed avoid form of the term in `text`, each with its repair."""
        return []

    def repairs(self, text: str, target: str, hit: Hit) -> list[Span]:
        """What the model may have written instead of the term, each with its repair."""
        return []

    def other_occurrences(self, text: str, target: str, hit: Hit) -> list[tuple[int, int]]:
        """(start, end) of the other ways this language writes the term, each acceptable."""
        return []

    def is_title_modifier(self, text: str, start: int, end: int, target: str) -> bool:
        """Whether the occurrence of a form at start:end is a word of another title ("Deputy Akim")."""
        return False

    def in_context(self, target: str, hit: Hit) -> str:
        """The glossary form as this occurrence needs it (inflected for the Russian's case and
        number where the language inflects): what a missing term is reported as."""
        return target

    # --- quality estimation --------------------------------------------------------------------

    def untranslated(self, source: str, output: str) -> dict | None:
        """What of the Russian `source` the output left untranslated, or None."""
        from pipeline.quality.qe import cyrillic_words

        cyrillic = cyrillic_words(output)
        return {"cyrillic_words": cyrillic} if cyrillic else None

    # --- derived languages ---------------------------------------------------------------------

    def derive(self, text: str) -> str:
        """`text`, written in `derived_from`, in this language (a derived language only)."""
        raise NotImplementedError(f"{self.name} is not derived from another language")

    def derive_segment(self, text: str, terms: list[tuple[int, int, str, str]]) -> tuple[str, list[tuple[int, int]]]:
        """`derive(text)`, where `text` holds glossary terms at (start, end), each written as its
        source-language form (third item, perhaps with an ending, or "" when none): this language's
        own glossary form (fourth, "" when none) is written instead, with the ending derived. Also
        each term's (start, end) in the derived text, in the order given."""
        out, at, spans = "", 0, {}
        for n, (start, end, source_form, own) in sorted(enumerate(terms), key=lambda item: item[1][:2]):
            if start < at:
                continue
            out += self.derive(text[at:start])
            surface = text[start:end]
            begin = len(out)
            if own and source_form and surface.lower().startswith(source_form.lower()):
                out += own + self.derive(surface[len(source_form):])
            else:
                out += self.derive(surface)
            spans[n] = (begin, len(out))
            at = end
        out += self.derive(text[at:])
        return out, [spans.get(n, (0, 0)) for n in range(len(terms))]


LANGUAGES: Registry[TargetLanguage] = Registry("language", option="--to", package="pipeline.languages")


class UnknownLanguage(UnknownName, ValueError):
    """A language code no plug-in has: a usage error at the CLI, a ValueError for code passing it."""


def target_of(term: Term, code: str) -> str | None:
    """The term's target in language `code`: its own glossary form, else for a derived language
    the form derived from its source language's target; None when not enforced."""
    own = term.target(code)
    derived_from = language(code).derived_from
    if own or derived_from is None:
        return own
    source = target_of(term, derived_from)
    return language(code).derive(source) if source else None


def _forms(lang: TargetLanguage, term: Term | None, expected: str | None) -> tuple[str, str]:
    """The source-language form an occurrence expects and the derived language's own glossary form
    for it ("" when none): the whole forms, or the last words for a person named by surname alone
    ("Тоқаевқа" takes the own "Toqayev" of "Qasym-Jomart Toqayev")."""
    if term is None:
        return expected or "", ""
    source, own = target_of(term, lang.derived_from) or "", term.target(lang.name) or ""
    said = (expected or "").lower()
    if own and source and not said.startswith(source.lower()) and said.startswith(source.split()[-1].lower()):
        return source.split()[-1], own.split()[-1]
    return source, own


def derive_output(lang: TargetLanguage, output: str, terms: list[dict], hits: list[Hit]) -> tuple[str, list[dict]]:
    """A derived language's segment from `output`, the enforced segment in its source language,
    and its term results. `terms` are that segment's term results (JSON, with their output spans)
    for the source `hits`; where the output holds a term that has a glossary form of its own in
    `lang`, that form is written (`derive_segment`). The results are the source's, moved to the
    derived text with the expected and found forms derived: the derived text says what the source
    text says, so it is checked once, in the source language, by that language's rules."""
    by_ru = {hit.term.ru: hit.term for hit in hits}
    forms = [_forms(lang, by_ru.get(r["ru"]), r.get("expected")) for r in terms]
    placed = [(n, r) for n, r in enumerate(terms) if r.get("output_span")]
    text, moved = lang.derive_segment(output, [(*r["output_span"], *forms[n]) for n, r in placed])
    where = {n: span for (n, _), span in zip(placed, moved)}
    results = []
    for n, r in enumerate(terms):
        source, own = forms[n]
        expected = r.get("expected")
        if expected and own and expected.lower().startswith(source.lower()):  # the own form, ending derived
            expected = own + lang.derive(expected[len(source):])
        elif expected:
            expected = lang.derive(expected)
        derived = dict(r, expected=expected)
        if n in where:
            derived["output_span"] = list(where[n])
            derived["found"] = text[slice(*where[n])]
        elif r.get("found"):
            derived["found"] = lang.derive(r["found"])
        results.append(derived)
    return text, results


def model_languages(codes: list[str]) -> list[str]:
    """The languages a model must translate into for output in `codes`: each code, or for a
    derived language the language it derives from (`--to kk-Latn` translates kk first)."""
    out: list[str] = []
    for code in codes:
        while (source := language(code).derived_from) is not None:
            code = source
        if code not in out:
            out.append(code)
    return out


def in_derivation_order(codes: list[str]) -> list[str]:
    """`codes` with every language a derived one needs, each after the one it derives from."""
    out: list[str] = []

    def add(code: str) -> None:
        if code not in out:
            if (source := language(code).derived_from) is not None:
                add(source)
            out.append(code)

    for code in codes:
        add(code)
    return out


def language(code: str) -> TargetLanguage:
    """The registered target language `code`; an unknown code is one usage line naming the nearest."""
    try:
        return LANGUAGES.lookup(code)
    except UnknownName as error:
        raise UnknownLanguage(str(error)) from None
