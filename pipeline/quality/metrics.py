"""Reference-based scores with sacrebleu: BLEU, chrF, chrF++ and TER, with their signatures.

We call sacrebleu's Python API with its default settings so that every figure equals what the
`sacrebleu` command line prints for the same files, and we always report the signature string:
a BLEU without its tokenizer and version is not comparable to anyone else's.

chrF is the headline metric for Kazakh. Kazakh is agglutinative: "облысы", "облысының",
"облысында" are one word in three cases, and BLEU's whole-word n-grams count each as a miss while
character n-grams give credit for the shared stem. BLEU stays in the report for English and for
comparison with published results.
"""

from __future__ import annotations

from collections.abc import Callable

from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric

#: Report keys and the sacrebleu metric each one is computed with (default settings throughout).
METRICS: dict[str, Callable[[], Metric]] = {
    "bleu": BLEU,
    "chrf": CHRF,
    "chrf++": lambda: CHRF(word_order=2),
    "ter": TER,
}


def _check_shapes(hyps: list[str], refs: list[list[str]]) -> None:
    if not hyps:
        raise ValueError("no segments to score")
    if not refs:
        raise ValueError("at least one reference stream is needed")
    for i, stream in enumerate(refs):
        if len(stream) != len(hyps):
            raise ValueError(f"reference stream {i + 1} has {len(stream)} segments, hypotheses have {len(hyps)}")


def corpus_scores(hyps: list[str], refs: list[list[str]]) -> dict:
    """Corpus-level BLEU, chrF, chrF++ and TER of `hyps`.

    `refs` is a list of reference *streams* as in sacrebleu: `refs[k][i]` is the k-th reference of
    segment i, so one reference translation per segment is `[ref_lines]`. Returns
    {"bleu", "chrf", "chrf++", "ter": float, "signatures": {same keys: sacrebleu signature}}.
    """
    _check_shapes(hyps, refs)
    scores: dict = {}
    signatures: dict[str, str] = {}
    for name, make in METRICS.items():
        metric = make()
        scores[name] = metric.corpus_score(hyps, refs).score
        signatures[name] = str(metric.get_signature())
    scores["signatures"] = signatures
    return scores


def document_scores(hyps: list[str], refs: list[list[str]], doc_ids: list[str]) -> dict[str, dict]:
    """`corpus_scores` per document: segments are grouped by `doc_ids[i]` (first-seen order), so a
    press office sees which release pulled the corpus figure down."""
    _check_shapes(hyps, refs)
    if len(doc_ids) != len(hyps):
        raise ValueError(f"{len(doc_ids)} document ids for {len(hyps)} segments")
    positions: dict[str, list[int]] = {}
    for i, doc in enumerate(doc_ids):
        positions.setdefault(doc, []).append(i)
    return {
        doc: corpus_scores([hyps[i] for i in idx], [[stream[i] for i in idx] for stream in refs])
        for doc, idx in positions.items()
    }
