"""The glossary data types every stage shares: entries, source hits and per-occurrence results.

Kept free of pymorphy3 and torch so that any stage can import it cheaply.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

TermType = Literal["person", "place", "title", "org", "other"]
TermStatus = Literal["ok", "repaired", "missing"]

#: Kazakh cases in the order editors expect them (nominative first).
KK_CASES: tuple[str, ...] = ("nom", "gen", "dat", "acc", "loc", "abl", "ins")


@dataclass(frozen=True)
class Term:
    """One glossary entry: a Russian dictionary form and its enforced English and Kazakh forms."""

    ru: str
    en: str | None = None
    kk: str | None = None
    type: TermType = "other"
    ru_variants: tuple[str, ...] = ()
    en_avoid: tuple[str, ...] = ()
    kk_avoid: tuple[str, ...] = ()
    case_sensitive: bool = False
    note: str = ""
    origin: str = ""  # "file:line" where the entry was defined, for error messages

    def target(self, lang: str) -> str | None:
        """The enforced target form for `lang` ("en" or "kk"), or None when not enforced."""
        return {"en": self.en, "kk": self.kk}.get(lang)

    def avoid(self, lang: str) -> tuple[str, ...]:
        return {"en": self.en_avoid, "kk": self.kk_avoid}.get(lang, ())


@dataclass(frozen=True)
class Glossary:
    """Merged entries from one or more files; the fingerprint keys caches and resume manifests."""

    terms: tuple[Term, ...] = ()
    sources: tuple[str, ...] = ()

    def fingerprint(self) -> str:
        h = hashlib.sha256()
        for t in self.terms:
            h.update(repr((t.ru, t.en, t.kk, t.type, t.ru_variants, t.en_avoid, t.kk_avoid,
                           t.case_sensitive)).encode("utf-8"))
        return h.hexdigest()[:16]

    def __len__(self) -> int:
        return len(self.terms)


@dataclass(frozen=True)
class Hit:
    """One occurrence of a glossary term in Russian source text.

    `start`/`end` are character offsets into the text that was matched (end exclusive).
    `case` is the Kazakh-style case name mapped from pymorphy3's Russian case
    (nomn→nom, gent→gen, datv→dat, accs→acc, ablt→ins, loct→loc), None when unknown.
    """

    term: Term
    start: int
    end: int
    surface: str
    case: str | None = None
    number: Literal["sing", "plur"] | None = None


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

    def to_json(self) -> dict:
        return {"ru": self.ru, "expected": self.expected, "found": self.found, "status": self.status,
                "source_span": [self.source_start, self.source_end], "type": self.type}
