"""report.json: the versioned record of a run (schema in docs/report-schema.md).

Per document and language it lists every segment with source, output, timing, model confidence,
glossary term statuses and quality flags, so editors and CI read one file.
"""

from __future__ import annotations

from datetime import datetime, timezone

from pipeline import __version__
from pipeline.quality.qe import SegmentQE, rank_for_review, summarize_document

SCHEMA = "pressmt.report/1"


def segment_entry(*, segment, output: str, raw_output: str, pivot: str | None, confidence: float | None,
                  time_ms: float, terms: list[dict], quality: dict | None) -> dict:
    """One translated segment; `raw_output` is the engine's text before glossary enforcement."""
    return {
        "index": segment.index,
        "paragraph": segment.paragraph,
        "sentence": segment.sentence,
        "source": segment.source,
        "output": output,
        "raw_output": raw_output,
        "pivot": pivot,
        "confidence": None if confidence is None else round(confidence, 4),
        "time_ms": round(time_ms, 2),
        "terms": terms,
        "quality": quality,
    }


def term_counts(segments: list[dict]) -> dict:
    """Term occurrences by status, and the share present after enforcement (ok + repaired)."""
    counts = {"ok": 0, "repaired": 0, "missing": 0}
    for seg in segments:
        for term in seg["terms"]:
            counts[term["status"]] += 1
    total = sum(counts.values())
    present = counts["ok"] + counts["repaired"]
    return {**counts, "total": total, "accuracy": round(present / total, 4) if total else None}


def language_summary(segments: list[dict], qes: list[SegmentQE]) -> dict:
    """A document's counts in one language, from its segment entries and their QE: term statuses,
    quality, and the segment indices an editor should read first (flagged, worst first)."""
    return {"terms": term_counts(segments), "quality": summarize_document(qes),
            "review": [seg["index"] for seg, qe in rank_for_review(zip(segments, qes)) if qe.flags]}


def build_report(*, documents: list[dict], options: dict, routes: dict, glossaries: list[str],
                 glossary_fingerprint: str | None, summary: dict, interrupted: str | None = None) -> dict:
    """The whole report; `interrupted` names the signal (SIGINT, SIGTERM) that stopped the run, in
    which case documents not reached are `pending` and `--resume` continues."""
    return {
        "schema": SCHEMA,
        "tool": {"name": "pressmt", "version": __version__},
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "interrupted": interrupted,
        "options": options,
        "routes": routes,
        "glossaries": glossaries,
        "glossary_fingerprint": glossary_fingerprint,
        "summary": summary,
        "documents": documents,
    }
