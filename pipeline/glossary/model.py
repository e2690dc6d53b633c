"""The glossary data types every stage shares: entries, source hits and per-occurrence results.

Kept free of pymorphy3 and torch so that any stage can import it cheaply.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypeVar

TermType = Literal["person", "place", "title", "org", "other"]
TermStatus = Literal["ok", "repaired", "missing"]
#: Why an `ok` occurrence counts: the glossary form, an accepted alternative, a person's surname
#: alone, decree order ("Bektenov Olzhas Abayevich"), or the form in capitals ("ASTANA").
FoundAs = Literal["expected", "accepted", "surname", "decree_order", "all_caps", "plural"]

V = TypeVar("V")


class ByLanguage(Mapping[str, V]):
    """A term's values by target-language code ("en", "kk", "kk-Latn"): read-only and hashable,
    since a Term keys caches; empty values are left out, so equal entries compare equal however
    many languages their glossary has columns for."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, V] | Iterable[tuple[str, V]] = ()) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        self._items: tuple[tuple[str, V], ...] = tuple(sorted((k, v) for k, v in pairs if v))

    @classmethod
    def of_sorted(cls, items: tuple[tuple[str, V], ...]) -> ByLanguage[V]:
        """From pairs already sorted by code, none empty (as a glossary cache stored them): a
        200,000-entry glossary reads back three of these per term."""
        new = cls.__new__(cls)
        new._items = items
        return new

    def __getitem__(self, code: str) -> V:
        for key, value in self._items:
            if key == code:
                return value
        raise KeyError(code)

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ByLanguage):
            return self._items == other._items
        return isinstance(other, Mapping) and dict(self._items) == dict(other)

    def __repr__(self) -> str:
        return f"ByLanguage({dict(self._items)!r})"

    def __reduce__(self) -> tuple:
        return ByLanguage, (self._items,)


@dataclass(frozen=True)
class Term:
    """One glossary entry: a Russian dictionary form and its enforced form per target language,
    with the forms to replace (`avoids`) and the acceptable alternatives left alone (`accepts`)."""

    ru: str
    targets: ByLanguage[str] = ByLanguage()
    type: TermType = "other"
    ru_variants: tuple[str, ...] = ()
    avoids: ByLanguage[tuple[str, ...]] = ByLanguage()
    case_sensitive: bool = False
    note: str = ""
    origin: str = ""  # "file:line" where the entry was defined, for error messages
    accepts: ByLanguage[tuple[str, ...]] = ByLanguage()  # left alone, reported ok ("accepted")
    valid_from: date | None = None  # people and offices change: the entry holds in this period
    valid_to: date | None = None
    source: str = ""  # where the spelling was observed (URL or reference), for editors
    #: "proposed" for a row `glossary suggest` drafted and no editor has approved yet (refused by
    #: loading and `glossary check`); "" or "approved" for an active entry.
    status: str = ""
    #: Short forms that name this entry only where the same document names it, or what its name
    #: holds, elsewhere ("председатель палаты" after "Мажилис"): see `glossary.context`.
    ru_context: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Plain dicts given for the per-language fields become `ByLanguage`."""
        for name in ("targets", "avoids", "accepts"):
            value = getattr(self, name)
            if not isinstance(value, ByLanguage):
                object.__setattr__(self, name, ByLanguage(value))  # frozen: set once, here

    @property
    def proposed(self) -> bool:
        return self.status == "proposed"

    def target(self, lang: str) -> str | None:
        """The enforced target form for language code `lang`, or None when not enforced."""
        return self.targets.get(lang)

    def avoid(self, lang: str) -> tuple[str, ...]:
        """The forms to replace by the target in `lang`."""
        return self.avoids.get(lang, ())

    def accept(self, lang: str) -> tuple[str, ...]:
        """The acceptable alternatives to the target in `lang`."""
        return self.accepts.get(lang, ())

    def valid_on(self, day: date) -> bool:
        """Whether the entry holds on `day` (no dates: always)."""
        return (self.valid_from is None or self.valid_from <= day) and \
            (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Glossary:
    """Merged entries from one or more files; the fingerprint keys caches and resume manifests."""

    terms: tuple[Term, ...] = ()
    sources: tuple[str, ...] = ()

    def fingerprint(self) -> str:
        """Computed once per glossary (a 200,000-entry one takes a noticeable fraction of a
        second); a glossary read back from the load cache carries the stored one."""
        cached = self.__dict__.get("_fingerprint")
        if cached is None:
            h = hashlib.sha256()
            for t in self.terms:
                h.update(repr((t.ru, t.targets, t.type, t.ru_variants, t.avoids, t.case_sensitive,
                               t.accepts, t.ru_context)).encode("utf-8"))
            cached = h.hexdigest()[:16]
            object.__setattr__(self, "_fingerprint", cached)  # frozen: fields unchanged
        return cached

    def __len__(self) -> int:
        return len(self.terms)


@dataclass(frozen=True)
class Hit:
    """One occurrence of a glossary term in Russian source text.

    `start`/`end` are character offsets into the text that was matched (end exclusive).
    `case` is the case name mapped from pymorphy3's Russian case
    (nomn→nom, gent→gen, datv→dat, accs→acc, ablt→ins, loct→loc), None when unknown.
    """

    term: Term
    start: int
    end: int
    surface: str
    case: str | None = None
    number: Literal["sing", "plur"] | None = None
    #: Why the target takes no case ending here though the Russian is declined (in a language
    #: that inflects terms, Kazakh): "counted" (after a number: "5 млрд тенге" → "5 млрд теңге"),
    #: "apposition" (a title before a name: only the name takes the case, "Премьер-Министр Әлихан
    #: Смайыловтың"; a name after a generic noun: the noun takes it, "в городе Семей" → "Семей
    #: қаласында"), "attributive" (an adjective of a place: "Экибастузской ТЭЦ" → "Екібастұз
    #: ЖЭО"); "" when it follows the Russian.
    bare: str = ""
    #: For a short form (`Term.ru_context`): the entry whose mention elsewhere in the document says
    #: which entry it names ("Мажилис" for "председатель палаты"); "" for an ordinary hit.
    context: str = ""


@dataclass
class TermResult:
    """What enforcement did with one expected term occurrence in one output segment."""

    ru: str
    expected: str
    found: str | None
    status: TermStatus
    source_start: int | None = None
    source_end: int | None = None
    type: str = "other"
    extra: dict = field(default_factory=dict)
    case: str | None = None  # the Russian occurrence's case (Hit.case), shown to editors
    #: Where the output holds the term: the found form (ok), the repair (repaired), or the wrong
    #: form left as written (missing in an editor's text); None for a term with no place in it.
    #: Enforcement's own span, so the review page marks exactly what enforcement saw.
    output_start: int | None = None
    output_end: int | None = None

    @property
    def output_span(self) -> tuple[int, int] | None:
        if self.output_start is None or self.output_end is None:
            return None
        return self.output_start, self.output_end

    def to_json(self) -> dict:
        out = {"ru": self.ru, "expected": self.expected, "found": self.found, "status": self.status,
               "source_span": [self.source_start, self.source_end], "type": self.type,
               "case": self.case, "output_span": None if self.output_span is None else list(self.output_span)}
        return out | {k: v for k, v in self.extra.items() if k in ("found_as", "how", "reason")}
