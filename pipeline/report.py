"""The report: the versioned record of a run (schema `pressmt.report/2`, docs/report-schema.md).

Per document and language it lists every segment with source, output, timing, model confidence,
glossary term statuses and quality flags, so editors and CI read one record. Documents are
streamed to report.jsonl as they finish and the run's summary is counted as they go, so memory
does not grow with the number of documents; report.json (options, routes, summary, index) is
written when the run ends. Reading it back: `pipeline.writers.reader`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from pipeline import __version__
from pipeline.outputs import write_json_atomic
from pipeline.quality.qe import SegmentQE, rank_for_review, summarize_document
from pipeline.writers.reader import DOCUMENTS_NAME, REPORT_NAME, SCHEMA, RunReport


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


def term_counts(segments: Iterable[dict]) -> dict:
    """Term occurrences by status, and the share present after enforcement (ok + repaired)."""
    return _with_accuracy(_count_terms({"ok": 0, "repaired": 0, "missing": 0}, segments))


def _count_terms(counts: dict[str, int], segments: Iterable[dict]) -> dict[str, int]:
    """Add the segments' term occurrences to `counts` by status."""
    for seg in segments:
        for term in seg["terms"]:
            counts[term["status"]] += 1
    return counts


def _with_accuracy(counts: dict[str, int]) -> dict:
    total = sum(counts.values())
    present = counts["ok"] + counts["repaired"]
    return {**counts, "total": total, "accuracy": round(present / total, 4) if total else None}


def language_summary(segments: list[dict], qes: list[SegmentQE]) -> dict:
    """A document's counts in one language, from its segment entries and their QE: term statuses,
    quality, and the segment indices an editor should read first (flagged, worst first)."""
    return {"terms": term_counts(segments), "quality": summarize_document(qes),
            "review": [seg["index"] for seg, qe in rank_for_review(zip(segments, qes)) if qe.flags]}


class RunSummary:
    """Counts for the end-of-run table, kept one document at a time: documents by status; per
    language segments, flagged segments and term statuses."""

    def __init__(self, langs: list[str]) -> None:
        self.by_status: dict[str, int] = {}
        self.langs = {lang: {"segments": 0, "flagged": 0, "terms": {"ok": 0, "repaired": 0, "missing": 0}}
                      for lang in langs}

    def add(self, doc: dict) -> None:
        self.by_status[doc["status"]] = self.by_status.get(doc["status"], 0) + 1
        for lang, row in self.langs.items():
            segments = doc.get("languages", {}).get(lang, {}).get("segments", [])
            row["segments"] += len(segments)
            row["flagged"] += sum(bool(seg["quality"] and seg["quality"].get("flags")) for seg in segments)
            _count_terms(row["terms"], segments)

    def to_json(self) -> dict:
        return {"documents": sum(self.by_status.values()), "by_status": dict(self.by_status),
                "languages": {lang: {**row, "terms": _with_accuracy(row["terms"])} for lang, row in self.langs.items()}}


def summarize_run(documents: Iterable[dict], langs: list[str]) -> dict:
    """The summary of a whole run's documents (see `RunSummary`)."""
    summary = RunSummary(langs)
    for doc in documents:
        summary.add(doc)
    return summary.to_json()


def index_entry(doc: dict) -> dict:
    """A document's line in report.json's index: where it came from, what became of it, its outputs."""
    return {key: doc.get(key) for key in ("path", "input", "status", "reason", "outputs")}


class ReportStream:
    """Writes a run's report as it goes: each document entry is one line of report.jsonl the moment
    it is known, and `finish` writes report.json. Holds only the summary counts and the index."""

    def __init__(self, out_dir: Path, langs: list[str]) -> None:
        self.out_dir = out_dir
        self.summary = RunSummary(langs)
        self.index: list[dict] = []
        self._fh = (out_dir / DOCUMENTS_NAME).open("w", encoding="utf-8")

    def add(self, doc: dict) -> None:
        self._fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
        self._fh.flush()  # a reader following the file sees whole lines
        self.summary.add(doc)
        self.index.append(index_entry(doc))

    def finish(self, meta: dict) -> RunReport:
        """Close report.jsonl and write report.json from `meta` (see `report_meta`) and the counts."""
        os.fsync(self._fh.fileno())
        self._fh.close()
        report = {**meta, "summary": self.summary.to_json(), "documents_file": DOCUMENTS_NAME, "index": self.index}
        write_json_atomic(self.out_dir / REPORT_NAME, report)
        return RunReport(report, self.out_dir / DOCUMENTS_NAME)

    def abandon(self) -> None:
        """Close the stream without a report.json (the run stopped on an error)."""
        self._fh.close()


def report_meta(*, options: dict, routes: dict, glossaries: list[str], glossary_fingerprint: str | None,
                interrupted: str | None = None) -> dict:
    """report.json's fields besides the summary and index; `interrupted` names the signal (SIGINT,
    SIGTERM) that stopped the run, in which case documents not reached are `pending` and
    `--resume` continues."""
    return {
        "schema": SCHEMA,
        "tool": {"name": "pressmt", "version": __version__},
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "interrupted": interrupted,
        "options": options,
        "routes": routes,
        "glossaries": glossaries,
        "glossary_fingerprint": glossary_fingerprint,
    }
