"""Every candidate mention in one sentence: the finders run in an order that lets the more specific
claim their words first (a district before a person, a quoted company before a name)."""

from __future__ import annotations

from pipeline.glossary.match import STREET_BEFORE, Matcher
from pipeline.glossary.suggest.bodies import BodyFinder
from pipeline.glossary.suggest.persons import PersonFinder
from pipeline.glossary.suggest.places import PlaceFinder
from pipeline.glossary.suggest.sentence import Found


class _Finders(PlaceFinder, BodyFinder, PersonFinder):
    """A sentence with every finder."""


def find_mentions(sentence: str, matcher: Matcher, title_keys: frozenset[str] = frozenset(),
                  feminine: frozenset[tuple[str, str]] = frozenset()) -> list[Found]:
    """Every candidate mention in one sentence, in text order; `feminine` as `feminine_surnames` gives
    for the sentence's release."""
    s = _Finders(sentence, matcher, title_keys, feminine)
    s.places()
    s.republics()
    s.quoted_names()
    s.party_lists()
    s.latin_bodies()
    s.companies()
    s.bodies()
    s.abbreviations()
    s.titles()
    s.khans()
    s.titled_persons()
    s.families()
    s.persons()
    s.known_places()
    s.leftover_places()
    # "по ул. Ы. Алтынсарина", "проспект Абылай хана": a street named after someone or something,
    # which the release does not mention
    kept = [f for f in s.found if not (f.kind in ("person", "place")
                                       and STREET_BEFORE.search(sentence, max(0, f.start - 20), f.start))]
    return sorted(kept, key=lambda f: f.start)
