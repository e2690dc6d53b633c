"""The CI gate: score translated sample documents, compare with thresholds, write JUnit XML.

A press office's CI wants one thing from `pressmt evaluate SAMPLES_DIR`: a build that fails when
translation quality or glossary adherence drops, with a report its CI server already displays.
JUnit XML is that report (GitLab, Jenkins and GitHub test reporters all read it): one test case
per document and language, failing with the metric, its value and the threshold it missed.
Kept free of models so the thresholds and the XML can be tested on constructed hypotheses; the
sample set and its translation are `quality.samples`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from pipeline.errors import PressMTError
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
    translate_seconds: float = 0.0
    """What the run spent translating it (the report's segment `time_ms`, summed): with the
    scoring time, the test case's time in JUnit, so a slow document shows in the CI server."""


@dataclass(frozen=True)
class Thresholds:
    """Minimum scores a document must reach; None disables a check. BLEU and chrF are on
    sacrebleu's 0–100 scale, term accuracy is a fraction (0–1)."""

    min_bleu: float | None = None
    min_chrf: float | None = None
    min_term_accuracy: float | None = None

    def check(self) -> None:
        """PressMTError for a threshold off its scale (a BLEU of 0.3 meant as 30 would pass anything)."""
        for option, value, top in (("--min-bleu", self.min_bleu, 100), ("--min-chrf", self.min_chrf, 100),
                                   ("--min-term-accuracy", self.min_term_accuracy, 1)):
            if value is not None and not 0 <= value <= top:
                scale = "a fraction (0-1)" if top == 1 else "on sacrebleu's 0-100 scale"
                raise PressMTError(f"{option} {value:g} is out of range: it is {scale}")

    def describe(self) -> str:
        """The thresholds as the options that set them, `off` for a disabled check."""
        def show(value: float | None, digits: int) -> str:
            return "off" if value is None else f"{value:.{digits}f}"
        return (f"--min-bleu {show(self.min_bleu, 2)}, --min-chrf {show(self.min_chrf, 2)}, "
                f"--min-term-accuracy {show(self.min_term_accuracy, 3)}")


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
    seconds: float = 0.0
    """Translation plus scoring time."""

    @property
    def term_accuracy(self) -> float | None:
        return self.terms.accuracy if self.terms else None

    def values(self) -> dict[str, float | None]:
        """The scores a report shows, in its order: BLEU, chrF, chrF++, TER, term accuracy."""
        return {**{k: self.scores[k] for k in ("bleu", "chrf", "chrf++", "ter")},
                "term_accuracy": self.term_accuracy}


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

    def verdict(self) -> str:
        """One line a CI log ends with: PASS or FAIL, how many results missed, the thresholds."""
        total = len(self.docs)
        if self.passed:
            return f"PASS: all {total} document/language results meet {self.thresholds.describe()}"
        failed = sum(1 for d in self.docs if d.failures)
        return f"FAIL: {failed} of {total} document/language results miss {self.thresholds.describe()}"


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
    start = time.perf_counter()
    scores = corpus_scores(doc.hyps, [doc.refs])
    terms = term_accuracy(doc.sources, doc.hyps, doc.glossary, doc.lang) if doc.glossary else None
    checks = (("bleu", scores["bleu"], thresholds.min_bleu), ("chrf", scores["chrf"], thresholds.min_chrf),
              ("term_accuracy", terms.accuracy if terms else None, thresholds.min_term_accuracy))
    failures = [f for f in (_check(*c) for c in checks) if f]
    seconds = doc.translate_seconds + time.perf_counter() - start
    return DocResult(doc.name, doc.lang, len(doc.hyps), scores, terms, failures, seconds)


def gate(results: list[DocScore], thresholds: Thresholds) -> GateResult:
    """Score every document and language against `thresholds`."""
    return GateResult([score_document(d, thresholds) for d in results], thresholds)

