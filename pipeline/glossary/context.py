"""Short forms that name an entry through the document: "председатель палаты" is the Chairman of
the Mazhilis in a release about the Mazhilis and of the Senate in one about the Senate.

A sentence alone cannot say which chamber "палата" is; the release does, by naming one. An entry
lists such forms in `ru_context`. A form is a hit of the entry whose anchor the document names
in the nearest segment before it (else after): the anchors of an entry are the entry itself and
the entries its own name holds ("Мажилис" in "Председатель Мажилиса"). Where no anchor decides,
or that segment names two entries' anchors ("заседание Сената и Мажилиса"), there is no hit:
precision first.

A person addressed by first name and patronymic ("Дариге Нурсултановне", "Касым-Жомарт Кемелевич",
as speeches do) is resolved the same way: the one person of the glossary with that first name whom
the document names in full elsewhere.

The hits carry `Hit.context` (the anchor's entry), so an editor sees why. Enforcement does not
use them: a translation may rightly say "the Speaker" where the Russian says "председатель палаты".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.glossary.load import term_key
from pipeline.glossary.match import Matcher, is_patronymic
from pipeline.glossary.model import Glossary, Hit, Term

#: (segment, offset) of a mention in a document.
Place = tuple[int, int]
#: What may follow a lower-case short form that nothing qualifies: the clause's end ("— подчеркнул спикер.").
_UNQUALIFIED = re.compile(r"\s*(?:[.,;!?»\"”)]|[—–-]\s|$)")
#: The word right after a first name, which may be a patronymic: " Нурсултановне".
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")


class DocumentMatcher:
    """`Matcher.find` over a document's segments, with the short forms the document resolves."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        owners: dict[str, list[Term]] = {}
        forms: dict[str, str] = {}
        for term in matcher.glossary.terms:
            for form in term.ru_context:
                owners.setdefault(term_key(form), []).append(term)
                forms.setdefault(term_key(form), form)
        self._owners = owners
        # a short form written with a capital ("Спикер") names the office so written, or in lower case
        # where nothing qualifies it ("— подчеркнул спикер."; not "спикера форума"): `_UNQUALIFIED`
        self._capitalised = {key for key, form in forms.items() if form[:1].isupper()}
        shorts = tuple(Term(forms[key], type=terms[0].type) for key, terms in owners.items())
        self._short = Matcher(Glossary(shorts)) if shorts else None
        self._anchors = {term: self._anchors_of(term) for terms in owners.values() for term in terms}
        named: dict[str, list[Term]] = {}  # a first name → the people of the glossary who bear it
        for term in matcher.glossary.terms:
            if term.type == "person" and len(term.ru.split()) >= 2:
                named.setdefault(term_key(term.ru.split()[0]), []).append(term)
        self._people = named
        first_names = tuple(Term(people[0].ru.split()[0], type="person") for people in named.values())
        self._first_names = Matcher(Glossary(first_names)) if first_names else None

    def _anchors_of(self, term: Term) -> frozenset[Term]:
        """The entry and those its name holds after the first word ("Мажилиса" in "Председатель Мажилиса")."""
        tail = " ".join(term.ru.split()[1:])
        return frozenset({term, *(hit.term for hit in self.matcher.find(tail))}) if tail else frozenset({term})

    def find(self, segments: Sequence[str]) -> list[list[Hit]]:
        """Each segment's hits, in text order, the resolved short forms included."""
        found = [self.matcher.find(text) for text in segments]
        mentions = [((i, hit.start), hit.term) for i, hits in enumerate(found) for hit in hits]
        named = {term for _, term in mentions}
        for i, text in enumerate(segments):
            for hit in self._short.find(text) if self._short is not None else ():
                if any(h.start < hit.end and hit.start < h.end for h in found[i]):
                    continue  # "Спикер Мажилиса": the entry itself, matched whole
                if hit.number == "plur":
                    continue  # "с председателями палат": both chairmen, no one entry
                if term_key(hit.term.ru) in self._capitalised and hit.surface[:1].islower() \
                        and not _UNQUALIFIED.match(text, hit.end):
                    continue
                resolved = self._resolve(self._owners[term_key(hit.term.ru)], (i, hit.start), mentions)
                if resolved is not None:
                    owner, anchor = resolved
                    found[i].append(replace(hit, term=owner, context=anchor.ru))
            found[i] += self._by_name_and_patronymic(text, found[i], named)
            found[i].sort(key=lambda h: h.start)
        return found

    def _by_name_and_patronymic(self, text: str, hits: list[Hit], named: set[Term]) -> list[Hit]:
        """"Дариге Нурсултановне": the one person with that first name the document names in full."""
        out = []
        for hit in self._first_names.find(text) if self._first_names is not None else ():
            after = _NEXT_WORD.match(text, hit.end)
            if after is None or not after.group(1)[:1].isupper() or not is_patronymic(after.group(1)) \
                    or any(h.start < after.end() and hit.start < h.end for h in hits):
                continue
            people = [p for p in self._people[term_key(hit.term.ru)] if p in named]
            if len(people) == 1:
                out.append(replace(hit, term=people[0], end=after.end(), surface=text[hit.start:after.end()],
                                   context=people[0].ru))
        return out

    def _resolve(self, owners: list[Term], at: Place,
                 mentions: list[tuple[Place, Term]]) -> tuple[Term, Term] | None:
        """The owner whose anchor is named in the nearest segment before `at` (else after), with
        that anchor; None when that segment names anchors of two owners ("Сената и Мажилиса")."""
        before = [(place, owner, term) for place, term in mentions for owner in owners
                  if term in self._anchors[owner] and place < at]
        after = [(place, owner, term) for place, term in mentions for owner in owners
                 if term in self._anchors[owner] and place > at]
        for group, nearest in ((before, max), (after, min)):
            if group:
                segment = nearest(p[0] for p, _, _ in group)
                closest = sorted(((p, owner, term) for p, owner, term in group if p[0] == segment),
                                 key=lambda m: m[0], reverse=nearest is max)
                if len({owner for _, owner, _ in closest}) > 1:
                    return None
                return closest[0][1], closest[0][2]
        return None
