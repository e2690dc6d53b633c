"""Editors' corrections flowing back: apply edited XLIFF targets to a finished run.

An edited target is an editor's decision, so it is kept verbatim: the glossary is checked on it
(never repaired) and QE re-scored, the document is rendered again through its own format and
written atomically, the report (report.jsonl, report.json) and the review pages are updated with
the segment marked `human`, the run journal records the new outputs (so `translate --resume` keeps
the edited documents as current), and the pair goes into the translation memory with human
origin, which every later run prefers over any model. Everything is validated before anything is
written: a stale or foreign XLIFF (a document, unit or source that no longer matches the run)
changes no file. The report is streamed: only the edited documents are held in memory.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PressMTError
from pipeline.formats import read_document
from pipeline.glossary.enforce import check_terms
from pipeline.glossary.load import load_glossaries
from pipeline.glossary.match import Matcher
from pipeline.journal import Journal, Record
from pipeline.outputs import open_atomic, safe_join, write_atomic, write_json_atomic
from pipeline.quality.qe import SegmentQE, assess_segment
from pipeline.report import RunSummary, language_summary
from pipeline.run import STATE_DIR
from pipeline.tm import HUMAN, TranslationMemory
from pipeline.writers.reader import REPORT_NAME, RunReport, documents, read_report
from pipeline.writers.review_html import write_review
from pipeline.writers.xliff import XliffFile, unit_id


class StaleCorrection(PressMTError):
    """An XLIFF that no longer matches the run (exit 1 at the CLI: the input, not the usage, is wrong)."""


@dataclass
class Applied:
    """What an import changed: edited segments per (document, language) and the files rewritten."""

    edits: dict[tuple[str, str], list[int]]
    written: list[Path]


def _validate(xliff: XliffFile, doc: dict | None) -> dict[int, str]:
    """The file's edited targets (segment index → text), `doc` being the run's entry of the document
    it claims (None: not in the run); StaleCorrection names the first unit (or document) that does
    not match the run."""
    where = f"{xliff.path}: document {xliff.original!r}"
    if doc is None or xliff.target_lang not in doc.get("languages", {}):
        raise StaleCorrection(f"{where} ({xliff.target_lang or 'no language'}) is not in this run's report")
    if xliff.input_sha256 and xliff.input_sha256 != doc.get("input_sha256"):
        raise StaleCorrection(f"{where}: the source document changed since this XLIFF was exported")
    segments = {unit_id(s["index"]): s for s in doc["languages"][xliff.target_lang]["segments"]}
    edits = {}
    for unit in xliff.units:
        seg = segments.get(unit.id)
        if seg is None:
            raise StaleCorrection(f"{xliff.path}:{unit.line}: unit {unit.id!r} of {xliff.original!r} is not in this run")
        if unit.source != seg["source"]:
            raise StaleCorrection(f"{xliff.path}:{unit.line}: unit {unit.id!r} of {xliff.original!r}: "
                                  f"its source no longer matches the run's")
        if unit.target is not None and unit.target != seg["output"]:
            if not unit.target.strip():
                raise StaleCorrection(f"{xliff.path}:{unit.line}: unit {unit.id!r} of {xliff.original!r}: empty target")
            edits[seg["index"]] = unit.target
    return edits


def _requalify(entry: dict, lang: str, edits: dict[int, str], matcher: Matcher | None) -> None:
    """Apply `edits` to one document-language entry of the report, re-checking terms and QE."""
    segments = entry["segments"]
    for seg in segments:
        if seg["index"] in edits:
            text = edits[seg["index"]]
            results = check_terms(text, matcher.find(seg["source"]), lang) if matcher else []
            qe = assess_segment(seg["source"], text, lang, None, results)
            seg.update(output=text, terms=[r.to_json() for r in results], quality=qe.to_json(), origin=HUMAN)
    qes = [SegmentQE(s["quality"]["score"], s["quality"]["flags"], s["quality"]["details"], s["quality"]["confidence"])
           for s in segments]
    entry.update(language_summary(segments, qes))


def _render(doc: dict, lang: str) -> bytes:
    """The document rendered again through its own format with the report's outputs."""
    source = Path(doc["input"])
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise StaleCorrection(f"{source}: the run's input cannot be read ({exc.strerror or exc})") from None
    if hashlib.sha256(data).hexdigest() != doc["input_sha256"]:
        raise StaleCorrection(f"{source}: the input changed since the run; translate it again first")
    parsed = read_document(source, Path(doc["path"]), data)
    segments = doc["languages"][lang]["segments"]
    if [s.source for s in parsed.segments] != [s["source"] for s in segments]:
        raise StaleCorrection(f"{source}: its segments no longer match the run's")
    return parsed.render([s["output"] for s in segments], lang)


def _matcher(report: dict) -> Matcher | None:
    """The run's glossary, which must be unchanged, so an edit is checked against the same terms."""
    if not report.get("glossaries"):
        return None
    glossary = load_glossaries([Path(p) for p in report["glossaries"]])
    if glossary.fingerprint() != report.get("glossary_fingerprint"):
        raise StaleCorrection(f"the glossaries of this run ({', '.join(report['glossaries'])}) changed since it; "
                              f"translate again before importing")
    return Matcher(glossary)


def _edited_documents(report: RunReport, files: list[XliffFile]) -> tuple[dict[str, dict], dict[tuple[str, str], dict[int, str]]]:
    """Validate every file against the run, streaming its documents: the entries of the documents
    with edits (the only ones kept) and the edits per (document, language)."""
    claimed: dict[str, list[XliffFile]] = {}
    for xliff in files:
        claimed.setdefault(xliff.original, []).append(xliff)
    docs: dict[str, dict] = {}
    edits: dict[tuple[str, str], dict[int, str]] = {}
    for doc in documents(report):
        for xliff in claimed.pop(doc["path"], []):
            found = _validate(xliff, doc)
            if found:
                edits.setdefault((doc["path"], xliff.target_lang), {}).update(found)
                docs[doc["path"]] = doc
    for xliffs in claimed.values():  # documents this run does not have
        _validate(xliffs[0], None)
    return docs, edits


def _rewrite_report(out_dir: Path, report: RunReport, edited: dict[str, dict]) -> RunReport:
    """report.jsonl copied line by line with the edited entries in place (replaced atomically), then
    report.json with the summary counted again on the way; the index (statuses, outputs) is unchanged.
    Returns the rewritten report."""
    lines = out_dir / report["documents_file"]
    summary = RunSummary(list(report["summary"]["languages"]))
    with open_atomic(lines) as fh:
        for doc in documents(report):
            doc = edited.get(doc["path"], doc)
            fh.write((json.dumps(doc, ensure_ascii=False) + "\n").encode("utf-8"))
            summary.add(doc)
    meta = {**report, "summary": summary.to_json()}
    write_json_atomic(out_dir / REPORT_NAME, meta)
    return RunReport(meta, lines)


def _record_outputs(out_dir: Path, edited: dict[str, dict], hashes: dict[tuple[str, str], str]) -> None:
    """Record the rewritten outputs' hashes and entries in the run journal, so that `--resume`
    finds the edited documents current rather than translating them again. A document the journal
    does not hold (a run killed before recording it) is left to `--resume` to translate."""
    with Journal(out_dir / STATE_DIR) as journal:
        for path, doc in edited.items():
            record = journal.get(path)
            if record is None:
                continue
            outputs = {lang: {**out, "sha256": hashes.get((path, lang), out["sha256"])}
                       for lang, out in record.outputs.items()}
            journal.record(Record(path, record.input_sha256, record.fingerprint, outputs), doc)


def apply_corrections(out_dir: Path, files: list[XliffFile], tm: TranslationMemory) -> Applied:
    """Apply edited targets from `files` to the run in `out_dir` (see the module docstring)."""
    report = read_report(out_dir)
    docs, edits = _edited_documents(report, files)  # validate every file before touching anything
    if not edits:
        return Applied({}, [])
    matcher = _matcher(report)
    rendered: dict[tuple[str, str], tuple[Path, bytes]] = {}
    human: dict[str, dict[str, str]] = {}
    for (path, lang), changed in edits.items():
        doc = docs[path]
        _requalify(doc["languages"][lang], lang, changed, matcher)
        rendered[path, lang] = safe_join(out_dir, Path(doc["outputs"][lang])), _render(doc, lang)
        by_index = {s["index"]: s["source"] for s in doc["languages"][lang]["segments"]}
        human.setdefault(lang, {}).update({by_index[i]: text for i, text in changed.items()})
    for target, data in rendered.values():
        write_atomic(target, data)
    written = [target for target, _ in rendered.values()]
    rewritten = _rewrite_report(out_dir, report, docs)
    written += [out_dir / rewritten["documents_file"], out_dir / REPORT_NAME]
    _record_outputs(out_dir, docs, {key: hashlib.sha256(data).hexdigest() for key, (_, data) in rendered.items()})
    written.append(write_review(rewritten, out_dir))
    for lang, pairs in human.items():
        tm.put_human(lang, pairs)
    return Applied({key: sorted(v) for key, v in edits.items()}, written)
