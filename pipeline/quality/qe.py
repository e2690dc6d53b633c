"""Reference-free quality estimation: named flags per translated segment, and a review order.

Press offices publish without reference translations, so an editor needs to know which segments
to read first. Each check below looks for one failure MarianMT models really produce (copying the
Russian, looping, dropping a figure, dropping a glossary name) and raises a named flag; the score
is the product of (1 - weight) over the raised flags, so it is explainable: a segment with no flag
scores 1.0, a segment in the wrong language at most 0.2. The model's own confidence (mean token
log-prob) breaks ties in the review order.

Thresholds were calibrated on FLORES-200 dev (never devtest): the human references, scored as if
they were system output against the Russian, raise a flag on under 5% of segments per language
(`bench/qe_flores_dev.py` prints the figures).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from pipeline.glossary.model import TermResult
from pipeline.languages.base import language
from pipeline.quality.langid import detect_language, russian_words
from pipeline.quality.numbers import compare_numbers

#: How much each flag lowers the score (score = product of 1 - weight over the raised flags).
FLAG_WEIGHTS: dict[str, float] = {
    "wrong_language": 0.8,
    "untranslated": 0.6,
    "repetition": 0.6,
    "number_mismatch": 0.4,
    "term_missing": 0.4,
    "length_ratio": 0.3,
    "low_confidence": 0.3,
    "term_repaired": 0.1,
    "split": 0.1,
}

#: Mean token log-prob below which a segment is `low_confidence`: the model gave its own tokens on
#: average less than e^-1 ≈ 37% probability, i.e. it was guessing. Beam-search output of a model
#: that knows the text sits around -0.1 to -0.6.
LOW_CONFIDENCE = -1.0

#: Sources shorter than this (characters) skip the length check: "Астана." → "Astana." says nothing.
MIN_LENGTH_CHARS = 20

#: Russian words tolerated in Kazakh output before `untranslated` (one may be a quoted title).
MAX_RUSSIAN_WORDS_IN_KK = 1

_WORD = re.compile(r"[^\W\d_]+")
_SUBWORD_LOOP = re.compile(r"([^\W\d_]{1,3})\1{4,}")
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
_LOWER_RUSSIAN_WORD = re.compile(r"[а-яё]+")

T = TypeVar("T")


@dataclass
class SegmentQE:
    """Quality estimate of one output segment: `score` in 0..1 (higher is better) and named flags,
    with `details` saying why each flag was raised."""

    score: float
    flags: list[str] = field(default_factory=list)
    details: dict[str, object] = field(default_factory=dict)
    confidence: float | None = None

    def to_json(self) -> dict:
        return {"score": round(self.score, 4), "flags": list(self.flags),
                "confidence": None if self.confidence is None else round(self.confidence, 4),
                "details": self.details}


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _repetition(output: str) -> dict | None:
    """A phrase of 1–4 words repeated 3+ times in a row, a 4-word phrase 4+ times anywhere, or a
    1–3 letter piece 5+ times inside a word: the decoding loops of MarianMT ("the region of the
    region of the region", "түсісісісісіру"). Three scattered repeats are normal in long sentences
    ("square kilometres (… sq mi)" in FLORES dev)."""
    if stutter := _SUBWORD_LOOP.search(output):
        return {"phrase": stutter.group(1), "times": len(stutter.group()) // len(stutter.group(1))}
    words = _words(output)
    for n in range(1, 5):
        for i in range(len(words) - 3 * n + 1):
            gram = words[i:i + n]
            if words[i + n:i + 2 * n] == gram and words[i + 2 * n:i + 3 * n] == gram:
                times = 3
                while words[i + times * n:i + (times + 1) * n] == gram:
                    times += 1
                return {"phrase": " ".join(gram), "times": times}
    fourgrams = Counter(tuple(words[i:i + 4]) for i in range(len(words) - 3))
    if fourgrams:
        gram, times = fourgrams.most_common(1)[0]
        if times >= 4:
            return {"phrase": " ".join(gram), "times": times}
    return None


def _copied_spans(source: str, output: str, n: int = 3) -> list[str]:
    """Runs of `n` lower-case Russian words copied from the source (capitalised words are names,
    which Kazakh legitimately shares with Russian)."""
    def tokens(text: str) -> list[str]:
        return [t.strip(".,;:!?«»\"'()[]—–…") for t in text.split()]

    src = tokens(source)
    src_grams = {tuple(src[i:i + n]) for i in range(len(src) - n + 1)}
    out = tokens(output)
    return [" ".join(out[i:i + n]) for i in range(len(out) - n + 1)
            if tuple(out[i:i + n]) in src_grams and all(_LOWER_RUSSIAN_WORD.fullmatch(w) for w in out[i:i + n])]


def cyrillic_words(output: str) -> list[str]:
    """Words of `output` with a Cyrillic letter: untranslated Russian in a Latin-script language."""
    return [w for w in output.split() if _CYRILLIC.search(w)]


def russian_left(source: str, output: str) -> dict | None:
    """Untranslated Russian in a Cyrillic-script output, which shares names with Russian: more
    Russian-only words than a name may hold, or Russian phrases copied from the source."""
    russian = russian_words(output)
    copied = _copied_spans(source, output)
    if len(russian) > MAX_RUSSIAN_WORDS_IN_KK or copied:
        return {"russian_words": russian, "copied": copied}
    return None


def assess_segment(source: str, output: str, lang: str, confidence: float | None = None,
                   term_results: list[TermResult] | None = None, split: bool = False) -> SegmentQE:
    """Run every check on one Russian `source` segment and its `output` in target language `lang`
    (its plug-in says how its numbers, script and length look); `confidence` is the engine's mean
    token log-prob, `term_results` what enforcement did."""
    target = language(lang)
    details: dict[str, object] = {}
    if confidence is not None and confidence < LOW_CONFIDENCE:
        details["low_confidence"] = {"confidence": round(confidence, 4), "threshold": LOW_CONFIDENCE}
    for status in ("missing", "repaired"):
        terms = [r.ru for r in term_results or () if r.status == status]
        if terms:
            details[f"term_{status}"] = terms
    if source.strip():
        numbers = compare_numbers(source, output, "ru", lang)
        if not numbers.ok:
            details["number_mismatch"] = numbers.to_json()
        detected = detect_language(output)
        if detected is not None and target.langid_code is not None and detected != target.langid_code:
            details["wrong_language"] = {"detected": detected}
        if untranslated := target.untranslated(source, output):
            details["untranslated"] = untranslated
        if len(source.strip()) >= MIN_LENGTH_CHARS:
            low, high = target.length_band
            ratio = len(output.strip()) / len(source.strip())
            if not low <= ratio <= high:
                details["length_ratio"] = {"ratio": round(ratio, 3), "band": [low, high]}
    if repetition := _repetition(output):
        details["repetition"] = repetition
    if split:  # too long for the model: translated in pieces, so read the joins
        details["split"] = {"reason": "longer than the model's input limit"}
    flags = [name for name in FLAG_WEIGHTS if name in details]
    score = 1.0
    for name in flags:
        score *= 1.0 - FLAG_WEIGHTS[name]
    return SegmentQE(score=score, flags=flags, details=details, confidence=confidence)


def summarize_document(segments: list[SegmentQE]) -> dict:
    """Mean score, how many segments carry any flag, and how often each flag was raised."""
    counts = Counter(flag for s in segments for flag in s.flags)
    return {
        "segments": len(segments),
        "mean_score": round(sum(s.score for s in segments) / len(segments), 4) if segments else None,
        "flagged": sum(1 for s in segments if s.flags),
        "flag_counts": {name: counts[name] for name in FLAG_WEIGHTS if counts[name]},
    }


def rank_for_review(items: Iterable[tuple[T, SegmentQE]]) -> list[tuple[T, SegmentQE]]:
    """Order (segment id, estimate) pairs worst first: lowest score, then lowest model confidence
    (segments without a confidence after those with one), then input order."""
    return sorted(items, key=lambda item: (item[1].score,
                                           item[1].confidence if item[1].confidence is not None else float("inf")))
