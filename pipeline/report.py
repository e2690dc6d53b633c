"""The report: the versioned record of a run (schema `pressmt.report/3`, docs/report-schema.md).

Per document and language it lists every segment with source, output, timing, model confidence,
glossary term statuses and quality flags, so editors and CI read one record. The record is typed
here, once: `SegmentResult`, `LanguageResult`, `DocumentEntry` and `RunSummary`, each with the one
`to_json`/`from_json` pair that every writer (`translate`, `import xliff`) and every reader
(`pipeline.writers.reader`: review, XLIFF export, evaluate) goes through, so no second place builds
a report field by hand. Documents are streamed to report.jsonl as they finish and the run's summary
is counted as they go, so memory does not grow with the number of documents; report.json
(options, routes, summary, index) is written when the run ends.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__
from pipeline.outputs import write_json_atomic
from pipeline.quality.qe import SegmentQE, rank_for_review, summarize_document
from pipeline.tm import HUMAN

if TYPE_CHECKING:
    from pipeline.writers.reader import RunReport

SCHEMA = "pressmt.report/3"
#: Reports this version reads: /3 only adds to /2 (docs/report-schema.md), so a /2 run stays readable.
READABLE_SCHEMAS = ("pressmt.report/2", SCHEMA)
REPORT_NAME = "report.json"
DOCUMENTS_NAME = "report.jsonl"


def _extra(data: dict, known: Iterable[str]) -> dict:
    """Fields this version does not know, kept as they are so a rewrite (import) never drops them."""
    known = set(known)
    return {key: value for key, value in data.items() if key not in known}


@dataclass
class SegmentResult:
    """One segment in one language; `raw_output` is the engine's text before glossary enforcement,
    `origin` is HUMAN when `output` is an editor's text, `cached` when the machine cache gave it."""

    index: int
    paragraph: int
    sentence: int
    source: str
    output: str
    raw_output: str
    pivot: str | None = None
    confidence: float | None = None
    time_ms: float = 0.0
    terms: list[dict] = field(default_factory=list)
    quality: dict | None = None
    origin: str | None = None
    cached: bool = False
    extra: dict = field(default_factory=dict)

    _KEYS = ("index", "paragraph", "sentence", "source", "output", "raw_output", "pivot", "confidence",
             "time_ms", "terms", "quality", "origin", "cached")

    @property
    def flagged(self) -> bool:
        return bool(self.quality and self.quality.get("flags"))

    def qe(self) -> SegmentQE:
        """The segment's quality as the scorer's record (for the language summary)."""
        q = self.quality or {}
        return SegmentQE(q.get("score", 0.0), q.get("flags", []), q.get("details", {}), q.get("confidence"))

    def to_json(self) -> dict:
        out = {"index": self.index, "paragraph": self.paragraph, "sentence": self.sentence, "source": self.source,
               "output": self.output, "raw_output": self.raw_output, "pivot": self.pivot,
               "confidence": self.confidence, "time_ms": self.time_ms, "terms": self.terms, "quality": self.quality}
        if self.origin is not None:
            out["origin"] = self.origin
        if self.cached:
            out["cached"] = True
        return out | self.extra

    @classmethod
    def from_json(cls, data: dict) -> SegmentResult:
        return cls(**{key: data[key] for key in cls._KEYS if key in data}, extra=_extra(data, cls._KEYS))


def _count_terms(counts: dict[str, int], term_lists: Iterable[list[dict]]) -> dict[str, int]:
    """Add the term occurrences of each segment's term list to `counts` by status."""
    for terms in term_lists:
        for term in terms:
            counts[term["status"]] += 1
    return counts


def _with_accuracy(counts: dict[str, int]) -> dict:
    total = sum(counts.values())
    present = counts["ok"] + counts["repaired"]
    return {**counts, "total": total, "accuracy": round(present / total, 4) if total else None}


def term_counts(segments: Iterable[dict]) -> dict:
    """Term occurrences by status of segment entries (JSON), and the share present after
    enforcement (ok + repaired)."""
    return _with_accuracy(_count_terms({"ok": 0, "repaired": 0, "missing": 0}, (s["terms"] for s in segments)))


@dataclass
class LanguageResult:
    """A document in one language: the models that made it, its segments, and their counts (term
    statuses, quality, and `review`: flagged segment indices, worst first)."""

    models: list[dict]
    segments: list[SegmentResult]
    terms: dict = field(default_factory=dict)
    quality: dict = field(default_factory=dict)
    review: list[int] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    _KEYS = ("models", "segments", "terms", "quality", "review")

    @classmethod
    def counted(cls, models: list[dict], segments: list[SegmentResult], qes: list[SegmentQE]) -> LanguageResult:
        result = cls(models, segments)
        result.recount(qes)
        return result

    def recount(self, qes: list[SegmentQE] | None = None) -> None:
        """Count the summary fields again from the segments (after an editor's edit); `qes` are the
        segments' scores when at hand, else read back from each segment's quality."""
        qes = qes if qes is not None else [seg.qe() for seg in self.segments]
        self.terms = _with_accuracy(_count_terms({"ok": 0, "repaired": 0, "missing": 0},
                                                 (s.terms for s in self.segments)))
        self.quality = summarize_document(qes)
        self.review = [seg.index for seg, qe in rank_for_review(zip(self.segments, qes)) if qe.flags]

    def to_json(self) -> dict:
        return {"models": self.models, "segments": [s.to_json() for s in self.segments], "terms": self.terms,
                "quality": self.quality, "review": self.review} | self.extra

    @classmethod
    def from_json(cls, data: dict) -> LanguageResult:
        return cls(data.get("models", []), [SegmentResult.from_json(s) for s in data.get("segments", [])],
                   data.get("terms", {}), data.get("quality", {}), data.get("review", []),
                   extra=_extra(data, cls._KEYS))


@dataclass
class DocumentEntry:
    """One line of report.jsonl: an input and what became of it. `status`: translated | current
    (resume) | skipped (not Russian) | failed | pending (not reached). A document with outputs
    carries its input's hash, paragraph count and warnings; one without has empty `outputs` and
    `languages`."""

    path: str
    input: str
    status: str
    reason: str | None = None
    input_sha256: str | None = None
    paragraphs: int | None = None
    warnings: list[str] | None = None
    outputs: dict[str, str] = field(default_factory=dict)
    languages: dict[str, LanguageResult] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    _KEYS = ("path", "input", "status", "reason", "input_sha256", "paragraphs", "warnings", "outputs", "languages")

    def to_json(self) -> dict:
        out: dict[str, Any] = {"path": self.path, "input": self.input, "status": self.status, "reason": self.reason}
        if self.input_sha256 is not None:
            out |= {"input_sha256": self.input_sha256, "paragraphs": self.paragraphs, "warnings": self.warnings}
        out |= {"outputs": dict(self.outputs), "languages": {lang: r.to_json() for lang, r in self.languages.items()}}
        return out | self.extra

    def index_json(self) -> dict:
        """The document's line in report.json's index: where it came from, what became of it, its outputs."""
        return {"path": self.path, "input": self.input, "status": self.status, "reason": self.reason,
                "outputs": dict(self.outputs)}

    @classmethod
    def from_json(cls, data: dict) -> DocumentEntry:
        return cls(data["path"], data["input"], data["status"], data.get("reason"), data.get("input_sha256"),
                   data.get("paragraphs"), data.get("warnings"), dict(data.get("outputs") or {}),
                   {lang: LanguageResult.from_json(r) for lang, r in (data.get("languages") or {}).items()},
                   extra=_extra(data, cls._KEYS))


class RunSummary:
    """Counts for the end-of-run table, kept one document at a time: documents by status; per
    language segments, flagged segments, segments from the machine cache and from editors, and
    term statuses."""

    def __init__(self, langs: list[str]) -> None:
        self.by_status: dict[str, int] = {}
        self.langs = {lang: {"segments": 0, "flagged": 0, "from_cache": 0, "from_editors": 0,
                             "terms": {"ok": 0, "repaired": 0, "missing": 0}}
                      for lang in langs}

    def add(self, doc: DocumentEntry) -> None:
        self.by_status[doc.status] = self.by_status.get(doc.status, 0) + 1
        for lang, row in self.langs.items():
            segments = doc.languages[lang].segments if lang in doc.languages else []
            row["segments"] += len(segments)
            row["flagged"] += sum(seg.flagged for seg in segments)
            row["from_editors"] += sum(seg.origin == HUMAN for seg in segments)
            row["from_cache"] += sum(seg.cached and seg.origin != HUMAN for seg in segments)
            _count_terms(row["terms"], (seg.terms for seg in segments))

    def to_json(self) -> dict:
        return {"documents": sum(self.by_status.values()), "by_status": dict(self.by_status),
                "languages": {lang: {**row, "terms": _with_accuracy(row["terms"])} for lang, row in self.langs.items()}}


def summarize_run(documents: Iterable[DocumentEntry], langs: list[str]) -> dict:
    """The summary of a whole run's documents (see `RunSummary`)."""
    summary = RunSummary(langs)
    for doc in documents:
        summary.add(doc)
    return summary.to_json()


def entry_line(doc: DocumentEntry) -> str:
    """A document's line of report.jsonl (with its newline)."""
    return json.dumps(doc.to_json(), ensure_ascii=False) + "\n"


class ReportStream:
    """Writes a run's report as it goes: each document entry is one line of report.jsonl the moment
    it is known, and `finish` writes report.json. Holds only the summary counts and the index."""

    def __init__(self, out_dir: Path, langs: list[str]) -> None:
        self.out_dir = out_dir
        self.summary = RunSummary(langs)
        self.index: list[dict] = []
        self._fh = (out_dir / DOCUMENTS_NAME).open("w", encoding="utf-8")

    def add(self, doc: DocumentEntry | dict) -> None:
        doc = doc if isinstance(doc, DocumentEntry) else DocumentEntry.from_json(doc)
        self._fh.write(entry_line(doc))
        self._fh.flush()  # a reader following the file sees whole lines
        self.summary.add(doc)
        self.index.append(doc.index_json())

    def finish(self, meta: dict) -> RunReport:
        """Close report.jsonl and write report.json from `meta` (see `report_meta`) and the counts."""
        os.fsync(self._fh.fileno())
        self._fh.close()
        return write_report(self.out_dir, meta, self.summary, self.index)

    def abandon(self) -> None:
        """Close the stream without a report.json (the run stopped on an error)."""
        self._fh.close()


def write_report(out_dir: Path, meta: dict, summary: RunSummary, index: list[dict]) -> RunReport:
    """Write report.json: `meta` (see `report_meta`) with the summary, the documents file and the
    index; report.jsonl must already hold the documents."""
    from pipeline.writers.reader import RunReport

    report = {**meta, "summary": summary.to_json(), "documents_file": DOCUMENTS_NAME, "index": index}
    write_json_atomic(out_dir / REPORT_NAME, report)
    return RunReport(report, out_dir / DOCUMENTS_NAME)


def report_meta(*, options: dict, routes: dict, glossaries: list[str], glossary_fingerprint: str | None,
                interrupted: str | None = None, memory: dict | None = None, run_id: str | None = None) -> dict:
    """report.json's fields besides the summary and index; `interrupted` names the signal (SIGINT,
    SIGTERM) that stopped the run, in which case documents not reached are `pending` and
    `--resume` continues; `memory` the files of the machine cache and of editors' translations;
    `run_id` the run's id (kept by --resume and imports; an XLIFF carries it back)."""
    return {
        "schema": SCHEMA,
        "run_id": run_id,
        "tool": {"name": "pressmt", "version": __version__},
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "interrupted": interrupted,
        "options": options,
        "routes": routes,
        "glossaries": glossaries,
        "glossary_fingerprint": glossary_fingerprint,
        "memory": memory or {"cache": None, "editors": None},
    }


def meta_of(report: RunReport) -> dict:
    """report.json's own fields of a read report, without the parts `write_report` counts again."""
    return {key: value for key, value in report.meta.items() if key not in ("summary", "documents_file", "index")}
