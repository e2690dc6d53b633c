"""Term accuracy: how many glossary term occurrences of the source made it into the translation.

This is the exact-match accuracy of the WMT21 terminology task (Alam et al., 2021): every
occurrence of a glossary term in the Russian source expects its target form in the hypothesis;
an occurrence counts as correct when that form appears, and each appearance in the hypothesis
satisfies at most one occurrence (per segment and term: min(expected, found)). A press office's
names, places and titles must be exact, which BLEU and chrF barely notice.

English forms match case-insensitively as whole words, plurals included ("Tokayev's" counts as
"Tokayev", "akims" and "deputies" as "akim" and "deputy"); Kazakh forms match as the glossary form
with any valid suffix chain ("Тоқаевқа", "облысының"). Accepted alternatives (`en_accept`,
`kk_accept`), decree order and a person's surname alone count as the term, as enforcement leaves
them alone: one occurrence rule for both (`enforce.occurrences`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pipeline.glossary.enforce import occurrences
from pipeline.glossary.match import Matcher, expected_target
from pipeline.glossary.model import Glossary, Hit, Term


@dataclass
class TermCount:
    """Occurrences of one glossary term: how many the sources expect, how many the output has."""

    correct: int = 0
    total: int = 0


@dataclass
class TermAccuracy:
    """Corpus term accuracy; `accuracy` is None when the sources contain no glossary term."""

    correct: int
    total: int
    accuracy: float | None
    per_term: dict[str, TermCount] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy,
                "per_term": {ru: {"correct": c.correct, "total": c.total} for ru, c in self.per_term.items()}}


def count_target(text: str, target: str, lang: str, term: Term | None = None) -> int:
    """How many times `target` occurs in `text` (in `lang`, "en" or "kk") by the occurrence rule
    enforcement uses (`enforce.occurrences`): with `term`, its accepted forms and, for a person,
    decree order and the surname alone count too."""
    term = term or Term(ru=target, en=target, kk=target)
    return len(occurrences(text, target, term, lang))


def term_accuracy_from_hits(hits: list[list[Hit]], hyps: list[str], lang: str) -> TermAccuracy:
    """Term accuracy from source hits already found (`hits[i]` are segment i's): enforcement has
    them anyway, and tests can construct them. Terms without a target in `lang` are not counted.
    A person named by surname alone expects the target surname alone (`expected_target`)."""
    if len(hits) != len(hyps):
        raise ValueError(f"{len(hits)} segments of hits for {len(hyps)} hypotheses")
    per_term: dict[str, TermCount] = {}
    for segment_hits, hyp in zip(hits, hyps):
        expected: Counter[tuple[Term, str]] = Counter()
        for hit in segment_hits:
            target = expected_target(hit, lang)
            if target:
                expected[(hit.term, target)] += 1
        for (term, target), wanted in expected.items():
            count = per_term.setdefault(term.ru, TermCount())
            count.total += wanted
            count.correct += min(wanted, count_target(hyp, target, lang, term))
    correct = sum(c.correct for c in per_term.values())
    total = sum(c.total for c in per_term.values())
    return TermAccuracy(correct, total, correct / total if total else None, per_term)


def term_accuracy(sources: list[str], hyps: list[str], glossary: Glossary, lang: str) -> TermAccuracy:
    """WMT21 exact-match term accuracy of `hyps` (in `lang`) against the Russian `sources`."""
    if len(sources) != len(hyps):
        raise ValueError(f"{len(sources)} sources for {len(hyps)} hypotheses")
    matcher = Matcher(glossary)
    return term_accuracy_from_hits([matcher.find(s) for s in sources], hyps, lang)
