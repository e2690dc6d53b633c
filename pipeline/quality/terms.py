"""Term accuracy: how many glossary term occurrences of the source made it into the translation.

This is the exact-match accuracy of the WMT21 terminology task (Alam et al., 2021): every
occurrence of a glossary term in the Russian source expects its target form in the hypothesis,
and each appearance in the hypothesis satisfies at most one occurrence. A press office's names,
places and titles must be exact, which BLEU and chrF barely notice.

What counts as an appearance is enforcement's own verdict (`enforce_segment` run on the
hypothesis, status `ok`), so that term accuracy, `enforce` and the report never disagree: English
forms as whole words with plurals ("akims", "deputies") and acceptable capitals ("ASTANA", "First
Deputy Akim"), Kazakh forms with any valid suffix chain ("Тоқаевқа", "облысының"), accepted
alternatives (the glossary's `<code>_accept` forms), decree order and a person's surname alone. A term in the
wrong letter case where the glossary's case is binding ("government" for "Правительство") is
not correct: enforcement would repair it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.glossary.enforce import enforce_segment, occurrences
from pipeline.glossary.match import Matcher
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
    """How many times `target` occurs in `text` (in target language `lang`) by the occurrence rule
    enforcement uses (`enforce.occurrences`): with `term`, its accepted forms and, for a person,
    decree order and the surname alone count too."""
    term = term or Term(ru=target, targets={lang: target})
    return len(occurrences(text, target, term, lang))


def term_accuracy_from_hits(hits: list[list[Hit]], hyps: list[str], lang: str) -> TermAccuracy:
    """Term accuracy from source hits already found (`hits[i]` are segment i's): enforcement has
    them anyway, and tests can construct them. Terms without a target in `lang` are not counted.
    An occurrence is correct when enforcement, run on the hypothesis, finds it `ok`: the one
    occurrence rule (plurals, capitals, accepted forms, a surname alone, not "Deputy" of "Deputy
    Akim"), and each place in the hypothesis serves one occurrence."""
    if len(hits) != len(hyps):
        raise ValueError(f"{len(hits)} segments of hits for {len(hyps)} hypotheses")
    per_term: dict[str, TermCount] = {}
    for segment_hits, hyp in zip(hits, hyps):
        for result in enforce_segment(hyp, segment_hits, lang)[1]:
            count = per_term.setdefault(result.ru, TermCount())
            count.total += 1
            count.correct += result.status == "ok"
    correct = sum(c.correct for c in per_term.values())
    total = sum(c.total for c in per_term.values())
    return TermAccuracy(correct, total, correct / total if total else None, per_term)


def term_accuracy(sources: list[str], hyps: list[str], glossary: Glossary, lang: str) -> TermAccuracy:
    """WMT21 exact-match term accuracy of `hyps` (in `lang`) against the Russian `sources`."""
    if len(sources) != len(hyps):
        raise ValueError(f"{len(sources)} sources for {len(hyps)} hypotheses")
    matcher = Matcher(glossary)
    return term_accuracy_from_hits([matcher.find(s) for s in sources], hyps, lang)
