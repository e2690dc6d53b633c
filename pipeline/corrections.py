"""Editors' corrections flowing back: apply edited XLIFF targets to a finished run.

An edited target is an editor's decision, so it is kept verbatim: the glossary is checked on it
(never repaired) and QE re-scored, the document is rendered again through its own format and
written atomically, the report (report.jsonl, report.json) and the review pages are updated with
the segment marked `human`, the run journal records the new outputs (so `translate --resume` keeps
the edited documents as current), and the pair goes, with human origin and the XLIFF file and run
it came from, into the memory the user named (`--tm`/`$PRESSMT_TM`; never the hidden machine
cache), which later runs naming it prefer over any model. Only real edits count: the XLIFF must
come from this very run (its run id), and a target equal to the one exported is no edit.
Everything is validated before anything is written: a stale or foreign XLIFF (another run, a
document, unit or source that no longer matches the run), conflicting edits of one unit, or a
line break that would change a line-based document's paragraphs changes no file. The report is streamed: only the edited documents are held in memory.

An import holds OUT's lock (`pipeline.outlock`) and is applied as one unit: its validated edits are
recorded first (OUT/.pressmt/import-intent.json), then every write is made, each idempotent, then
the record is removed; a kill part-way is finished by the next command on OUT (`complete_pending`).
Segments are finished and documents committed by `pipeline.commit`, as `translate` does.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.commit import commit_document, derive_from, finish_segment
from pipeline.errors import PressMTError, UsageError
from pipeline.formats import format_for, read_document
from pipeline.glossary.load import load_glossaries
from pipeline.glossary.match import Matcher
from pipeline.journal import Journal
from pipeline.languages import LANGUAGES
from pipeline.outlock import STATE_DIR, out_lock
from pipeline.outputs import open_atomic, safe_join, write_json_atomic
from pipeline.report import (DOCUMENTS_NAME, REPORT_NAME, DocumentEntry, LanguageResult, RunSummary, entry_line,
                             meta_of, write_report)
from pipeline.tm import HUMAN, Provenance, TranslationMemory
from pipeline.writers.reader import RunReport, read_report
from pipeline.writers.review_html import write_review
from pipeline.writers.xliff import Unit, XliffFile, text_sha256, unit_id
from pipeline.xmltext import xml_text


class StaleCorrection(PressMTError):
    """An XLIFF that no longer matches the run (exit 1 at the CLI: the input, not the usage, is wrong)."""


@dataclass
class Applied:
    """What an import changed: edited segments per (document, language) and the files rewritten."""

    edits: dict[tuple[str, str], list[int]]
    written: list[Path]


#: Formats whose paragraphs are lines (`pipeline.formats.text`, `.markdown`): a line break in a
#: segment would add paragraphs (or Markdown blocks) to the output.
LINE_BASED_FORMATS = frozenset({"text", "markdown"})
_LINE_BREAK = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")  # what str.splitlines() splits on


@dataclass(frozen=True)
class _Edit:
    """An edited target and where it was read: the file and the unit."""

    text: str
    xliff: XliffFile
    unit: Unit

    @property
    def where(self) -> str:
        return f"{self.xliff.path}:{self.unit.line}"


def _check_run(xliff: XliffFile, run_id: str | None) -> None:
    """Only an XLIFF exported from this very run is imported: its unedited targets are this run's
    outputs, so what differs is an editor's edit and nothing else (see writers/xliff.py)."""
    if run_id is None:
        raise StaleCorrection(f"{xliff.path}: the run in this OUT has no run id (translated by an earlier "
                              f"pressmt): translate it again with --resume, export XLIFF again and edit that")
    if xliff.run_id is None:
        raise StaleCorrection(f"{xliff.path}: exported by an earlier pressmt, without a run id, so its machine "
                              f"targets cannot be told from edits: export XLIFF again from run {run_id} and edit that")
    if xliff.run_id != run_id:
        raise StaleCorrection(f"{xliff.path}: exported from run {xliff.run_id}, but OUT holds run {run_id}: "
                              f"export XLIFF again from this run and edit that")


def _validate(xliff: XliffFile, doc: dict | None) -> dict[int, _Edit]:
    """The file's edited targets (segment index → edit), `doc` being the run's entry of the document
    it claims (None: not in the run); StaleCorrection names the first unit (or document) that does
    not match the run. A target equal to the one exported is no edit, whatever the run's output is
    now; one that differs is, even when already applied (so importing a file again finishes or
    stores what an earlier import did); a unit without the exported target's hash (a CAT tool
    dropped it) is compared with the run's output instead. A unit id twice in the file, or a line break in a line-based document, is refused."""
    where = f"{xliff.path}: document {xliff.original!r}"
    if doc is None or xliff.target_lang not in doc.get("languages", {}):
        raise StaleCorrection(f"{where} ({xliff.target_lang or 'no language'}) is not in this run's report")
    if xliff.input_sha256 and xliff.input_sha256 != doc.get("input_sha256"):
        raise StaleCorrection(f"{where}: the source document changed since this XLIFF was exported")
    line_based = format_for(Path(xliff.original)).name in LINE_BASED_FORMATS
    segments = {unit_id(s["index"]): s for s in doc["languages"][xliff.target_lang]["segments"]}
    edits: dict[int, _Edit] = {}
    lines: dict[str, int] = {}
    for unit in xliff.units:
        if unit.id in lines:
            raise StaleCorrection(f"{xliff.path}:{unit.line}: unit {unit.id!r} of {xliff.original!r} appears twice "
                                  f"(also {xliff.path}:{lines[unit.id]}): keep one of them")
        lines[unit.id] = unit.line
        seg = segments.get(unit.id)
        if seg is None:
            raise StaleCorrection(f"{xliff.path}:{unit.line}: unit {unit.id!r} of {xliff.original!r} is not in this run")
        if unit.source != xml_text(seg["source"])[0]:  # as exported: without what XML 1.0 cannot carry
            raise StaleCorrection(f"{xliff.path}:{unit.line}: unit {unit.id!r} of {xliff.original!r}: "
                                  f"its source no longer matches the run's")
        if unit.target is None:
            continue
        if unit.exported_sha256 is not None:
            if text_sha256(unit.target) == unit.exported_sha256:
                continue  # as exported: not an edit, even where another import changed the run's output since
        elif unit.target == seg["output"]:
            continue
        if not unit.target.strip():
            raise StaleCorrection(f"{xliff.path}:{unit.line}: unit {unit.id!r} of {xliff.original!r}: empty target")
        if line_based and _LINE_BREAK.search(unit.target):
            raise StaleCorrection(f"{xliff.path}:{unit.line}: unit {unit.id!r} of {xliff.original!r}: its target "
                                  f"has a line break, which would change the document's paragraphs; "
                                  f"put it on one line")
        edits[seg["index"]] = _Edit(unit.target, xliff, unit)
    return edits


def _requalify(entry: LanguageResult, lang: str, edits: dict[int, str], hits: dict[int, list]) -> None:
    """Apply `edits` to one document-language entry of the report: each edited segment becomes the
    editor's text (`finish_segment`: terms checked, QE scored), and the counts are taken again.
    Applying the same edits twice gives the same entry (an interrupted import is finished so)."""
    for seg in entry.segments:
        if seg.index in edits:
            seg.output, seg.origin = edits[seg.index], HUMAN
            finish_segment(seg, hits[seg.index], lang, confidence=None)
    entry.recount()


def _render(doc: DocumentEntry, lang: str) -> bytes:
    """The document rendered again through its own format with the report's outputs."""
    source = Path(doc.input)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise StaleCorrection(f"{source}: the run's input cannot be read ({exc.strerror or exc})") from None
    if hashlib.sha256(data).hexdigest() != doc.input_sha256:
        raise StaleCorrection(f"{source}: the input changed since the run; translate it again first")
    parsed = read_document(source, Path(doc.path), data)
    segments = doc.languages[lang].segments
    if [s.source for s in parsed.segments] != [s.source for s in segments]:
        raise StaleCorrection(f"{source}: its segments no longer match the run's")
    return parsed.render([s.output for s in segments], lang)


def _matcher(report: dict) -> Matcher | None:
    """The run's glossary, which must be unchanged, so an edit is checked against the same terms."""
    if not report.get("glossaries"):
        return None
    glossary = load_glossaries([Path(p) for p in report["glossaries"]])
    if glossary.fingerprint() != report.get("glossary_fingerprint"):
        raise StaleCorrection(f"the glossaries of this run ({', '.join(report['glossaries'])}) changed since it; "
                              f"translate again before importing")
    return Matcher(glossary)


def _edited_documents(report: RunReport, files: list[XliffFile]) -> tuple[
        dict[str, DocumentEntry], dict[tuple[str, str], dict[int, str]], dict[tuple[str, str], dict[int, Path]]]:
    """Validate every file against the run, streaming its documents: the entries of the documents
    with edits (the only ones kept), the edits per (document, language) and the file each edit
    came from. Two files (or <file> elements) giving one unit different targets are refused."""
    for xliff in files:
        _check_run(xliff, report.get("run_id"))
    claimed: dict[str, list[XliffFile]] = {}
    for xliff in files:
        claimed.setdefault(xliff.original, []).append(xliff)
    docs: dict[str, DocumentEntry] = {}
    found: dict[tuple[str, str], dict[int, _Edit]] = {}
    for entry in report.entries():
        doc = entry.to_json()
        for xliff in claimed.pop(doc["path"], []):
            edited = found.setdefault((doc["path"], xliff.target_lang), {})
            for index, edit in _validate(xliff, doc).items():
                other = edited.setdefault(index, edit)
                if other.text != edit.text:
                    raise StaleCorrection(f"{edit.where}: unit {edit.unit.id!r} of {xliff.original!r} "
                                          f"({xliff.target_lang}) is edited differently in {other.where}: "
                                          f"keep one of the two edits")
            if edited:
                docs[doc["path"]] = entry
    for xliffs in claimed.values():  # documents this run does not have
        _validate(xliffs[0], None)
    edits = {key: {i: e.text for i, e in units.items()} for key, units in found.items() if units}
    origins = {key: {i: e.xliff.path for i, e in units.items()} for key, units in found.items() if units}
    return docs, edits, origins


def _rewrite_report(out_dir: Path, report: RunReport, edited: dict[str, DocumentEntry]) -> RunReport:
    """report.jsonl copied line by line with the edited entries in place (replaced atomically), then
    report.json with the summary counted again on the way; the index (statuses, outputs) is unchanged.
    Returns the rewritten report."""
    summary = RunSummary(list(report["summary"]["languages"]))
    with open_atomic(out_dir / DOCUMENTS_NAME) as fh:
        for doc in report.entries():
            doc = edited.get(doc.path, doc)
            fh.write(entry_line(doc).encode("utf-8"))
            summary.add(doc)
    return write_report(out_dir, meta_of(report), summary, report["index"])


def _record_outputs(out_dir: Path, edited: dict[str, DocumentEntry], rendered: dict[tuple[str, str], bytes]) -> None:
    """Write the rewritten outputs and record them in the run journal (`commit_document`), so that
    `--resume` finds the edited documents current rather than translating them again. A document
    the journal does not hold (a run killed before recording it) gets its outputs written and is
    left to `--resume` to translate (the memory then gives the editor's text)."""
    with Journal(out_dir / STATE_DIR) as journal:
        for path, doc in edited.items():
            record = journal.get(path)
            commit_document(out_dir, doc, {lang: data for (p, lang), data in rendered.items() if p == path},
                            journal if record is not None else None, record.fingerprint if record else None, record)


# -- an import as one unit: intent first, then every write, then the intent removed ------------------

INTENT_NAME = "import-intent.json"


def _intent_path(out_dir: Path) -> Path:
    return out_dir / STATE_DIR / INTENT_NAME


@dataclass
class _Plan:
    """An import ready to write: the edited entries, their rendered outputs, the editors' pairs."""

    docs: dict[str, DocumentEntry]
    rendered: dict[tuple[str, str], bytes]
    human: dict[tuple[str, str], dict[str, str]]  # (language, XLIFF file) -> source -> approved target
    edits: dict[tuple[str, str], list[int]]


def _plan(out_dir: Path, report: RunReport, edits: list[dict], docs: dict[str, DocumentEntry] | None = None) -> _Plan:
    """Requalify and render every edited document, writing nothing; StaleCorrection when an edit
    no longer fits the run. `edits`: the intent's items (path, lang, index, source, text, file);
    `docs`: their documents' entries when already read (else read from `report`)."""
    wanted = {edit["path"] for edit in edits}
    if docs is None:
        docs = {doc.path: doc for doc in report.entries() if doc.path in wanted}
    if missing := sorted(wanted - set(docs)):
        raise StaleCorrection(f"document {missing[0]!r} is no longer in this run's report")
    matcher = _matcher(report)
    by_lang: dict[tuple[str, str], dict[int, str]] = {}
    human: dict[tuple[str, str], dict[str, str]] = {}
    for edit in edits:
        doc = docs[edit["path"]]
        segments = {s.index: s for s in doc.languages[edit["lang"]].segments} if edit["lang"] in doc.languages else {}
        seg = segments.get(edit["index"])
        if seg is None or seg.source != edit["source"]:
            raise StaleCorrection(f"segment {edit['index'] + 1} of {edit['path']!r} ({edit['lang']}) no longer "
                                  "matches the run")
        by_lang.setdefault((edit["path"], edit["lang"]), {})[edit["index"]] = edit["text"]
        human.setdefault((edit["lang"], edit["file"]), {})[edit["source"]] = edit["text"]
    rendered = {}
    for (path, lang), changed in by_lang.items():
        doc = docs[path]
        if lang not in doc.outputs:
            raise StaleCorrection(f"{path!r} has no {lang} output in this run")
        try:  # a symlinked folder inside OUT, or a tampered report: nothing outside OUT is rewritten
            safe_join(out_dir, Path(doc.outputs[lang]))
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        hits = {s.index: matcher.find(s.source) if matcher else [] for s in doc.languages[lang].segments
                if s.index in changed}
        _requalify(doc.languages[lang], lang, changed, hits)
        rendered[path, lang] = _render(doc, lang)
        for derived in _rederive(doc, lang, hits, by_lang, path):
            rendered[path, derived] = _render(doc, derived)
    return _Plan(docs, rendered, human, {key: sorted(v) for key, v in by_lang.items()})


def _rederive(doc: DocumentEntry, lang: str, hits: dict[int, list], by_lang: dict[tuple[str, str], dict[int, str]],
              path: str) -> list[str]:
    """Derive again, from `lang`'s corrected segments (their indexes and glossary hits in `hits`),
    each language of the document made from `lang` (kk-Latn from kk), so the two outputs never
    disagree; a segment corrected in the derived language itself, in this import or an earlier
    one, keeps its editor's text. Returns the languages changed."""
    source = {s.index: s for s in doc.languages[lang].segments}
    changed = []
    for code, entry in doc.languages.items():
        if code not in LANGUAGES or LANGUAGES[code].derived_from != lang:
            continue
        own = by_lang.get((path, code), {})
        for seg in entry.segments:
            if seg.index in hits and seg.index not in own and seg.origin != HUMAN:
                derive_from(seg, source[seg.index], hits[seg.index], code)
        entry.recount()
        changed.append(code)
    return changed


def _carry_out(out_dir: Path, report: RunReport, plan: _Plan, tm: TranslationMemory) -> list[Path]:
    """Every write of an import, each one idempotent: outputs and journal rows, the report, the
    review pages, the memory. Returns the files rewritten."""
    _record_outputs(out_dir, plan.docs, plan.rendered)  # paths checked by `_plan`
    rewritten = _rewrite_report(out_dir, report, plan.docs)
    written = [safe_join(out_dir, Path(plan.docs[path].outputs[lang])) for path, lang in plan.rendered]
    written += [out_dir / DOCUMENTS_NAME, out_dir / REPORT_NAME, write_review(rewritten, out_dir)]
    for (lang, xliff_path), pairs in plan.human.items():
        tm.put_human(lang, pairs, Provenance(xliff_path, report.get("run_id")))
    return written


def complete_pending(out_dir: Path) -> Applied | None:
    """Finish an import that was stopped (killed, disk full) after it recorded its intent: apply its
    edits again, each write idempotent, into the memory it named, then drop the intent. Call it
    holding OUT's lock, before anything else reads or writes OUT. None when there was nothing to do."""
    path = _intent_path(out_dir)
    try:
        intent = json.loads(path.read_text(encoding="utf-8"))
        edits = intent["edits"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{path}: an interrupted import's record is unreadable ({exc}); remove it to give "
                         "that import up, then import the XLIFF again") from None
    try:
        report = read_report(out_dir)
        plan = _plan(out_dir, report, edits)
        memory = TranslationMemory(Path(intent["memory"])) if intent.get("memory") else TranslationMemory.disabled()
        with memory:
            written = _carry_out(out_dir, report, plan, memory)
    except OSError as exc:  # a disk still full: the intent stays for the next try
        raise UsageError(f"an interrupted import ({path}) cannot be finished: cannot write "
                         f"{exc.filename or 'in OUT'}: {exc.strerror or exc}") from None
    except PressMTError as exc:
        raise UsageError(f"an interrupted import ({path}) cannot be finished: {exc}; remove that file to give "
                         "it up, then import the XLIFF again") from None
    path.unlink()
    return Applied(plan.edits, written)


def apply_corrections(out_dir: Path, files: list[XliffFile], tm: TranslationMemory) -> Applied:
    """Apply edited targets from `files` to the run in `out_dir` (see the module docstring), holding
    OUT's lock. Every file is validated and every edited document rendered before anything is
    written; then the edits are recorded as an intent (OUT/.pressmt/import-intent.json), applied,
    and the intent removed: a kill at any point leaves the import not begun or recorded, and the
    next import, review, export or translate of OUT finishes a recorded one first."""
    with out_lock(out_dir):
        finished = complete_pending(out_dir)
        report = read_report(out_dir)
        docs, edits, origins = _edited_documents(report, files)  # validate every file before touching anything
        if not edits:
            return finished or Applied({}, [])
        items = []
        for (path, lang), changed in edits.items():
            sources = {s.index: s.source for s in docs[path].languages[lang].segments}
            items += [{"path": path, "lang": lang, "index": i, "source": sources[i], "text": text,
                       "file": str(Path(os.path.abspath(origins[path, lang][i])))} for i, text in changed.items()]
        plan = _plan(out_dir, report, items, docs)  # a stale input or glossary is refused before any write
        intent = _intent_path(out_dir)
        write_json_atomic(intent, {"run_id": report.get("run_id"), "memory": str(tm.path) if tm.enabled else None,
                                   "edits": items})
        written = _carry_out(out_dir, report, plan, tm)
        intent.unlink()
        return Applied(plan.edits, written)
