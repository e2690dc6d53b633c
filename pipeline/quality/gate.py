"""The CI gate: score translated sample documents, compare with thresholds, write JUnit XML.

A press office's CI wants one thing from `pressmt evaluate SAMPLES_DIR`: a build that fails when
translation quality or glossary adherence drops, with a report its CI server already displays.
JUnit XML is that report (GitLab, Jenkins and GitHub test reporters all read it): one test case
per document and language, failing with the metric, its value and the threshold it missed.
Kept free of models so the thresholds and the XML can be tested on constructed hypotheses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.glossary.model import Glossary
from pipeline.quality.metrics import corpus_scores
from pipeline.quality.terms import TermAccuracy, term_accuracy


@dataclass
class DocScore:
    """One sample document translated into one language, aligned segment by segment
    (`sources[i]` is the Russian of `hyps[i]`, `refs[i]` its reference translation)."""

    name: str
    lang: str
    sources: list[str]
    hyps: list[str]
    refs: list[str]
    glossary: Glossary | None = None


@dataclass(frozen=True)
class Thresholds:
    """Minimum scores a document must reach; None disables a check. BLEU and chrF are on
    sacrebleu's 0–100 scale, term accuracy is a fraction (0–1)."""

    min_bleu: float | None = None
    min_chrf: float | None = None
    min_term_accuracy: float | None = None


@dataclass(frozen=True)
class Failure:
    """One missed threshold."""

    metric: str
    value: float
    threshold: float

    @property
    def message(self) -> str:
        if self.metric == "term_accuracy":
            return f"term_accuracy {self.value:.3f} < {self.threshold:.3f}"
        return f"{self.metric} {self.value:.2f} < {self.threshold:.2f}"


@dataclass
class DocResult:
    """Scores of one document in one language and the thresholds it missed."""

    name: str
    lang: str
    segments: int
    scores: dict
    terms: TermAccuracy | None
    failures: list[Failure] = field(default_factory=list)

    @property
    def term_accuracy(self) -> float | None:
        return self.terms.accuracy if self.terms else None


@dataclass
class GateResult:
    """All documents' results; the build passes when none missed a threshold."""

    docs: list[DocResult]
    thresholds: Thresholds

    @property
    def passed(self) -> bool:
        return all(not d.failures for d in self.docs)

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1


def _check(metric: str, value: float | None, threshold: float | None) -> Failure | None:
    if threshold is None or value is None or value >= threshold:
        return None
    return Failure(metric, value, threshold)


def score_document(doc: DocScore, thresholds: Thresholds) -> DocResult:
    """Corpus scores and term accuracy of one document, and the thresholds it missed. A document
    without glossary terms (accuracy None) cannot miss the term threshold."""
    if not (len(doc.sources) == len(doc.hyps) == len(doc.refs)):
        raise ValueError(f"{doc.name} ({doc.lang}): {len(doc.sources)} sources, {len(doc.hyps)} "
                         f"hypotheses and {len(doc.refs)} references are not aligned")
    scores = corpus_scores(doc.hyps, [doc.refs])
    terms = term_accuracy(doc.sources, doc.hyps, doc.glossary, doc.lang) if doc.glossary else None
    checks = (("bleu", scores["bleu"], thresholds.min_bleu), ("chrf", scores["chrf"], thresholds.min_chrf),
              ("term_accuracy", terms.accuracy if terms else None, thresholds.min_term_accuracy))
    failures = [f for f in (_check(*c) for c in checks) if f]
    return DocResult(doc.name, doc.lang, len(doc.hyps), scores, terms, failures)


def gate(results: list[DocScore], thresholds: Thresholds) -> GateResult:
    """Score every document and language against `thresholds`."""
    return GateResult([score_document(d, thresholds) for d in results], thresholds)

