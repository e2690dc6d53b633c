"""One sentence as the finders of `glossary suggest` read it: its tokens, what the glossary already
matches, the tokens claimed by a candidate so far and the mentions found."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.glossary.match import Matcher
from pipeline.glossary.suggest.candidate import Kind

_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+(?:[.,:]\d+)*|\S")


@dataclass(frozen=True)
class Tok:
    text: str
    start: int
    end: int

    @property
    def word(self) -> bool:
        return self.text[:1].isalpha()

    @property
    def lower(self) -> str:
        return self.text.lower().replace("ё", "е")


@dataclass
class Found:
    kind: Kind
    lemma: str
    form: str
    start: int
    end: int
    stem: str = ""
    surname: str = ""
    initial: str = ""
    abbreviation: str = ""  # the letters a body was named by ("ОБСЕ"), its lemma the full name


class Sentence:
    """One sentence's tokens, what the glossary already matches in it, and the tokens claimed by a
    candidate so far."""

    def __init__(self, text: str, matcher: Matcher, title_keys: frozenset[str],
                 feminine: frozenset[tuple[str, str]] = frozenset()) -> None:
        self.text = text
        self.feminine = feminine  # the women the release names in a feminine-only form (`woman_key` keys)
        self.toks = [Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        self.covered = [False] * len(self.toks)
        self.covered_type = [""] * len(self.toks)  # the glossary type of the entry covering a token
        for hit in matcher.find(text):
            for i, t in enumerate(self.toks):
                if t.start < hit.end and hit.start < t.end:
                    self.covered[i], self.covered_type[i] = True, hit.term.type
        self.claimed = [False] * len(self.toks)
        self.matcher = matcher
        self.first = next((i for i, t in enumerate(self.toks) if t.word), -1)
        self.title_keys = title_keys
        self.found: list[Found] = []

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.toks) and not self.covered[i] and not self.claimed[i]

    def word(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) and self.toks[i].word else None

    def add(self, kind: Kind, lemma: str, form: str, first: int, last: int, **extra: str) -> None:
        for i in range(first, last + 1):
            self.claimed[i] = True
        self.found.append(Found(kind, lemma, form, self.toks[first].start, self.toks[last].end, **extra))
