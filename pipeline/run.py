"""Orchestrates a batch run: discover documents, translate in chunks, enforce, score, write, resume.

Documents are processed in chunks so identical sentences across documents share one translation
and batches stay full, while a killed run loses at most the chunks in flight: each finished
document's outputs are written atomically, then it is committed to the run journal and its report
entry streamed to report.jsonl, and `resume` skips documents whose outputs are complete and
current. The cost per document is flat and memory does not grow with the number of documents.

Translation of a chunk may run elsewhere (the engine pool's executor: in process, or Ray actors);
with an executor that takes several chunks at once, the next chunks are translated while earlier
ones are committed. Enforcement, scoring and every write stay here, in document order: one writer.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import stat
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import NamedTuple

from pipeline import __version__
from pipeline.config import RunConfig, route_fingerprint, target_languages
from pipeline.engines.loading import resolve_model
from pipeline.engines.pool import EnginePool, StepMemo
from pipeline.errors import InputError, Interrupted, NotRussian, UsageError
from pipeline.formats import Document, read_document, registered_suffixes, unsupported_reason
from pipeline.commit import commit_document, derive_from, finish_segment, output_name
from pipeline.corrections import complete_pending
from pipeline.glossary.match import Matcher
from pipeline.glossary.model import Glossary
from pipeline.journal import Journal, Record
from pipeline.languages.base import in_derivation_order, language, model_languages
from pipeline.outlock import STATE_DIR, out_lock
from pipeline.outputs import sweep_temp_files, write_json_atomic
from pipeline.report import DocumentEntry, LanguageResult, ReportStream, SegmentResult, report_meta
from pipeline.tm import HUMAN
from pipeline.writers.reader import REPORT_NAME, RunReport
from pipeline.writers.review_html import review_pages, write_review

CHUNK_SEGMENTS = 64
RUN_ID_NAME = "run.json"  # under OUT/.pressmt: the id of the run whose outputs OUT holds


@dataclass
class DocumentOutcome:
    """What happened to one input: translated now, skipped as current (resume), or failed."""

    rel: str
    source: str
    # "translated" | "current" (resume: already done) | "skipped" (not Russian) | "failed" |
    # "pending" (the run was interrupted before it)
    status: str
    reason: str | None = None
    outputs: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # problems that did not stop translation


@dataclass
class _Sentences:
    """The source sentences of a current document, as its journal entry lists them."""

    segments: list[SegmentResult]


class Current(NamedTuple):
    """A document that is current (resume), with its sentences: they count towards its chunk's
    size and are translated with the chunk when the chunk holds a document to translate, so every
    chunk's batches are those of an uninterrupted run and `--resume` gives the same bytes with or
    without the memory (issue 16)."""

    document: _Sentences
    input_hash: str
    outcome: DocumentOutcome
    entry: DocumentEntry


#: One item of the run, in document order: a document to translate (with its input's hash), a
#: current one, or an outcome already known (skipped, unreadable).
Item = tuple[Document, str] | Current | DocumentOutcome


@dataclass
class RunResult:
    report_path: Path
    report: RunReport

    @property
    def outcomes(self) -> list[DocumentOutcome]:
        """Every input's outcome in run order, from the report's index."""
        return [DocumentOutcome(e["path"], e["input"], e["status"], e["reason"], e["outputs"] or {})
                for e in self.report["index"]]

    @property
    def failed(self) -> list[DocumentOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def exit_code(self) -> int:
        """0 when every document was translated (or already current), 1 when any failed."""
        return 1 if self.failed else 0

    @property
    def nothing_to_translate(self) -> bool:
        """No input was a Russian document in a format we read (every one skipped, or none at all):
        a mis-pointed job, which the CLI fails unless told a run may be empty (--allow-empty)."""
        return all(o.status == "skipped" for o in self.outcomes)


def is_translation_name(path: Path) -> bool:
    """`x.en.txt`, `x.kk-Latn.md` (our own outputs, in any registered language) and
    `en.txt`/`kk.txt` (sample references), in any case (`Release.EN.docx`), are translations, not
    Russian sources, so folder runs skip them."""
    stem = path.stem.lower()
    return any(stem == lang or stem.endswith(f".{lang}") for lang in map(str.lower, target_languages()))


def discover(inputs: Iterable[Path], out_dir: Path) -> tuple[list[tuple[Path, Path]], list[DocumentOutcome]]:
    """Expand files and folders (recursively) into (path, relative output path) pairs.

    Files in a folder keep their path relative to it; files named directly keep their path relative
    to the deepest folder they share (so `samples/*/ru.txt` stay apart). Files under `out_dir`
    or another run's output folder, hidden files and translations (see `is_translation_name`) are
    not inputs, silently. A folder's file that no format reads is `skipped`, with its reason
    (`unsupported_reason`), so none goes unmentioned. Failures, each with its reason:
    two inputs mapping to one output name, special files (FIFOs, devices: never opened, so they
    cannot block the run), symlinks leading out of their input folder (never followed).
    (`Runner.run` first refuses a missing input and a wrong --out: see `check_inputs`.)
    """
    found: list[tuple[Path, Path]] = []
    problems: list[DocumentOutcome] = []
    seen: dict[Path, Path] = {}
    out_resolved = out_dir.resolve()
    inputs = list(inputs)
    files = [Path(os.path.abspath(p)) for p in inputs if not p.is_dir()]  # as named, symlinks not followed
    file_root = Path(os.path.commonpath([p.parent for p in files])) if files else None

    def add(path: Path, rel: Path) -> None:
        resolved = path.resolve()
        if out_resolved == resolved or out_resolved in resolved.parents:
            return
        if rel in seen:
            if seen[rel] != resolved:
                problems.append(DocumentOutcome(str(rel), str(path), "failed",
                                                f"same output name as {seen[rel]}"))
            return
        seen[rel] = resolved
        found.append((path, rel))

    for item in inputs:
        if item.is_dir():
            root = item.resolve()
            for path in _walk(item, out_resolved):
                rel = path.relative_to(item)
                is_folder = path.is_dir()
                if not is_folder and is_translation_name(path):
                    continue
                if not is_folder and path.suffix.lower() not in registered_suffixes():
                    problems.append(DocumentOutcome(str(rel), str(path), "skipped", unsupported_reason(path)))
                    continue
                problem = _not_a_document(path, root)
                if problem:
                    problems.append(DocumentOutcome(str(rel), str(path), "failed", problem))
                elif not is_folder:
                    add(path, rel)
        else:
            problem = _not_a_document(item, None)
            rel = Path(os.path.abspath(item)).relative_to(file_root)
            if problem:
                problems.append(DocumentOutcome(str(rel), str(item), "failed", problem))
            else:
                add(item, rel)
    return found, problems


def check_inputs(inputs: list[Path], out_dir: Path) -> None:
    """Usage errors in the inputs, raised before any work: a missing input, and an --out that is an
    input folder or a folder above an input (every input would be taken for an output and skipped)."""
    out = out_dir.resolve()
    for item in inputs:
        if not os.path.lexists(item):
            raise UsageError(f"input not found: {item}")
        folder = item.resolve() if item.is_dir() else item.resolve().parent
        if out == folder or out in folder.parents:
            raise UsageError(f"--out {out_dir} holds the input {item}: inputs under --out are taken for "
                             "outputs; give a separate output folder")


def _walk(folder: Path, skip: Path) -> list[Path]:
    """Every entry below `folder`, sorted, except hidden ones, the folder `skip` (the output
    folder) and the output folders of other runs (they hold STATE_DIR: their report.json and review
    pages are ours, not releases); symlinked folders are listed, never entered."""
    entries = []
    for dirpath, dirnames, filenames in os.walk(folder):  # followlinks=False
        base = Path(dirpath)
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and (base / d).resolve() != skip
                       and not (base / d / STATE_DIR).is_dir()]
        entries += [base / name for name in filenames if not name.startswith(".")]
        entries += [base / d for d in dirnames if (base / d).is_symlink()]
    return sorted(entries)


def _not_a_document(path: Path, root: Path | None) -> str | None:
    """Why `path` cannot be read as a document, or None; found by stat, never by opening it.
    A folder is fine here (the caller walks it). `root`, for a path found in a folder, is that
    folder: a symlink leading out of it is not followed."""
    try:
        if root is not None and path.is_symlink():
            target = path.resolve()
            if root != target and root not in target.parents:
                return f"symlink to {target}, outside the input folder: not followed"
        mode = path.stat().st_mode
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        return f"cannot read: {getattr(exc, 'strerror', None) or exc}"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")
    return f"{kind}, not a regular file: not read"


class Runner:
    """One batch run over a set of inputs into `out_dir` (the API behind `pressmt translate`)."""

    def __init__(self, config: RunConfig, out_dir: Path, *, glossary: Glossary | None = None,
                 glossary_paths: list[str] | None = None, resume: bool = False,
                 pool: EnginePool | None = None,
                 on_start: Callable[[int], None] | None = None,
                 on_document: Callable[[DocumentOutcome], None] | None = None) -> None:
        self.config = config
        self.out_dir = out_dir
        self.glossary = glossary if glossary and len(glossary) else None
        self.glossary_paths = glossary_paths or []
        self.resume = resume
        self.pool = pool or EnginePool(config.options)
        self.matcher = Matcher(self.glossary) if self.glossary else None
        self.on_start = on_start or (lambda total: None)
        self.on_document = on_document or (lambda outcome: None)
        self.state_dir = out_dir / STATE_DIR
        self.run_id: str | None = None  # set when the run starts (see `_run_identity`)
        self.fingerprint = self._fingerprint()

    def _fingerprint(self) -> str:
        """Everything besides the input that changes output text: routes, options, glossary, version."""
        parts = {
            "version": __version__,
            "langs": self.config.langs,
            "routes": {lang: route_fingerprint(self.config.routes[lang]) for lang in model_languages(self.config.langs)},
            "options": self.config.options.fingerprint_fields(),
            "glossary": self.glossary.fingerprint() if self.glossary else None,
        }
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]

    def _is_current(self, record: Record | None, input_hash: str) -> bool:
        """A document is current when its input, fingerprint and every output file still match."""
        if record is None or record.input_sha256 != input_hash or record.fingerprint != self.fingerprint:
            return False
        try:
            for out in record.outputs.values():
                path = self.out_dir / out["path"]
                if not path.is_file() or _sha256(path.read_bytes()) != out["sha256"]:
                    return False
        except OSError:  # an output made unreadable since: translate again
            return False
        return True

    # -- the run ----------------------------------------------------------------------------
    def run(self, inputs: list[Path]) -> RunResult:
        """Translate `inputs` into OUT. Usage errors (`UsageError`: a missing input, an unusable or
        busy OUT, an absent model) come before anything is written; a full disk stops the run with
        a `UsageError` too. SIGINT/SIGTERM abandon the chunks in flight, write the report with what
        is done and raise `Interrupted`."""
        check_inputs(inputs, self.out_dir)
        for lang in model_languages(self.config.langs):  # fail fast, before any output, when a model is absent
            for step in self.config.routes[lang].steps:
                resolve_model(step.model, step.revision)
        with out_lock(self.out_dir, create=True), _interruptible() as signals:
            try:
                complete_pending(self.out_dir)  # an import killed half-way is finished before anything else
                self.run_id = self._run_identity()
                return self._run_locked(inputs, signals)
            except OSError as exc:  # per-document errors are reported in place; this is OUT itself
                where = exc.filename or f"--out {self.out_dir}"
                raise UsageError(f"{where}: {exc.strerror or exc}; fix it and rerun with --resume") from None

    def _run_identity(self) -> str:
        """The run's id (report.json `run_id`, carried by its XLIFF): a resumed run continues the id of
        the run it finishes; a fresh run gets a new one."""
        path = self.state_dir / RUN_ID_NAME
        if self.resume:
            try:
                known = json.loads(path.read_text(encoding="utf-8")).get("run_id")
                if isinstance(known, str) and known:
                    return known
            except (OSError, ValueError, AttributeError):
                pass  # none recorded (or unreadable): this run starts a new id
        run_id = uuid.uuid4().hex
        write_json_atomic(path, {"run_id": run_id})
        return run_id

    def _run_locked(self, inputs: list[Path], signals: _Signals) -> RunResult:
        found, problems = discover(inputs, self.out_dir)
        with Journal(self.state_dir) as journal:  # an unusable journal stops the run before anything is touched
            if not self.resume:
                journal.clear()
            # A report (and its review page) left by an earlier run would describe old outputs if this
            # one is killed; report.json is written anew at the end, or when a signal stops the run.
            for page in [self.out_dir / REPORT_NAME, *review_pages(self.out_dir)]:
                page.unlink(missing_ok=True)
            sweep_temp_files(self.out_dir)
            self.on_start(len(found) + len(problems))
            stream = ReportStream(self.out_dir, self.config.langs)
            try:
                for outcome in problems:
                    self._report_outcome(stream, outcome)
                done = 0  # documents of `found` reported so far, which go in order
                try:
                    for item in self._translate_all(self._read_all(found, journal)):
                        with signals.held():  # a document is committed and reported whole, or not at all
                            self._commit_item(item, journal, stream)
                            done += 1
                    return self._finish(stream)
                except Interrupted as exc:
                    name = signal.Signals(exc.signum).name
                    for path, rel in found[done:]:
                        self._report_outcome(stream, DocumentOutcome(str(rel), str(path), "pending",
                                                                     f"run interrupted by {name}"))
                    result = self._finish(stream, interrupted=name)
                    finished = sum(result.report["summary"]["by_status"].get(s, 0) for s in ("translated", "current"))
                    raise Interrupted(exc.signum, f"interrupted by {name}: {finished} of {len(found)} documents "
                                                  f"done, report {result.report_path}; rerun with --resume to go on") from None
            except BaseException:
                stream.abandon()
                raise

    def _read_all(self, found: list[tuple[Path, Path]], journal: Journal) -> Iterator[Item]:
        """Read each input in order: a document to translate, or its outcome when it is current
        (resume), not Russian or unreadable."""
        for path, rel in found:
            try:
                data = path.read_bytes()
                input_hash = _sha256(data)
                record = journal.get(str(rel)) if self.resume else None
                if self._is_current(record, input_hash):
                    entry = DocumentEntry.from_json(record.entry)
                    entry.status = "current"
                    sentences = next(iter(entry.languages.values())).segments if entry.languages else []
                    yield Current(_Sentences(sentences), input_hash,
                                  DocumentOutcome(str(rel), str(path), "current", outputs=self._output_names(record)),
                                  entry)
                    continue
                document = read_document(path, rel, data, self.config.options.encoding)
                if damage := journal.damage(str(rel)):  # its journal row was unreadable: translated again
                    document.warnings.append(damage)
                yield document, input_hash
            except InputError as exc:
                yield DocumentOutcome(str(rel), str(path), "skipped" if isinstance(exc, NotRussian) else "failed",
                                      exc.reason if exc.line is None else f"line {exc.line}: {exc.reason}")
            except OSError as exc:  # unreadable, /proc, EIO: this document fails, the run goes on
                yield DocumentOutcome(str(rel), str(path), "failed", f"cannot read: {exc.strerror or exc}")

    def _translate_all(self, items: Iterator[Item]) -> Iterator[tuple[Item, dict]]:
        """Each item in order with its chunk's translations (see `_translate_chunk`). Items are grouped in
        chunks of about CHUNK_SEGMENTS segments. The executor translates `chunks_in_flight` chunks at
        once and one more waits its turn, so the model goes on with the next chunk while this thread
        commits the last one. Chunks consult the memory in turn (`EnginePool`), so which sentences
        share a batch never depends on timing."""
        window = self.pool.chunks_in_flight
        workers = ThreadPoolExecutor(window, thread_name_prefix="pressmt-chunk")
        in_flight: deque[tuple[list[Item], Future]] = deque()
        try:
            for chunk in _chunks(items):
                in_flight.append((chunk, workers.submit(self._translate_chunk, chunk, self.pool.begin_chunk())))
                if len(in_flight) > window:
                    yield from _oldest_done(in_flight)
            while in_flight:
                yield from _oldest_done(in_flight)
        finally:  # interrupted: chunks not yet started are dropped; the ones running end on their own
            workers.shutdown(wait=False, cancel_futures=True)

    def _translate_chunk(self, chunk: list[Item], number: int) -> dict:
        """Per language: the route's result for every distinct source sentence of the chunk's
        documents, and the engine time per source character (for the report's `time_ms`). A chunk
        of current documents only is not translated; one that holds a document to translate is
        translated whole, current documents included (see `Current`). `number` orders the chunks
        translated at once (`EnginePool.begin_chunk`)."""
        try:
            return self._translate_documents(chunk, number)
        finally:
            self.pool.end_chunk(number)

    def _translate_documents(self, chunk: list[Item], number: int) -> dict:
        if all(isinstance(item, (Current, DocumentOutcome)) for item in chunk):
            return {}
        docs = [item[0] for item in chunk if isinstance(item, tuple)]
        sources = list(dict.fromkeys(s.source for doc in docs for s in doc.segments))
        translated = {}
        memo: StepMemo = {}  # this chunk's alone, shared by its routes (see engines/pool.py)
        for lang in model_languages(self.config.langs) if sources else []:
            started = time.perf_counter()
            results = self.pool.translate_route(self.config.routes[lang], sources, memo, number)
            elapsed_ms = (time.perf_counter() - started) * 1000
            translated[lang] = (dict(zip(sources, results)), elapsed_ms / (sum(len(s) for s in sources) or 1))
        return translated

    @staticmethod
    def _output_names(record: Record) -> dict[str, str]:
        return {lang: out["path"] for lang, out in record.outputs.items()}

    def _commit_item(self, item: tuple[Item, dict], journal: Journal, stream: ReportStream) -> None:
        """Enforce, score, write and commit one document (or report its known outcome)."""
        what, translated = item
        if isinstance(what, Current):
            stream.add(what.entry)
            self.on_document(what.outcome)
            return
        if isinstance(what, DocumentOutcome):
            self._report_outcome(stream, what)
            return
        doc, input_hash = what
        try:
            hits = [self.matcher.find(s.source) if self.matcher else [] for s in doc.segments]
            finished: dict[str, tuple[bytes, LanguageResult]] = {}
            for lang in in_derivation_order(self.config.langs):  # a derived language after its source
                source = language(lang).derived_from
                finished[lang] = self._finish_language(doc, lang, *translated[lang], hits) if source is None \
                    else self._derive_language(doc, lang, finished[source][1], hits)
            langs = {lang: finished[lang] for lang in self.config.langs}
            outcome, entry = self._commit_document(doc, input_hash, langs, journal)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise  # the disk, not this document: the run stops (see `run`)
            outcome, entry = DocumentOutcome(str(doc.rel), str(doc.path), "failed",
                                             f"cannot write its output: {exc.strerror or exc}"), None
        if entry is None:
            self._report_outcome(stream, outcome)
            return
        stream.add(entry)
        self.on_document(outcome)

    def _report_outcome(self, stream: ReportStream, outcome: DocumentOutcome) -> None:
        """Stream a document that was neither translated now nor current (failed, skipped, pending)."""
        stream.add(DocumentEntry(outcome.rel, outcome.source, outcome.status, outcome.reason))
        self.on_document(outcome)

    def _finish_language(self, doc: Document, lang: str, by_source: dict, ms_per_char: float,
                         doc_hits: list) -> tuple[bytes, LanguageResult]:
        """Enforce the glossary and score each segment of one document in one language: the
        rendered output and the language's report."""
        segments: list[SegmentResult] = []
        qes = []
        for seg, seg_hits in zip(doc.segments, doc_hits):
            result = by_source[seg.source]
            raw = result.translation.text
            done = SegmentResult(
                seg.index, seg.paragraph, seg.sentence, seg.source, output=raw, raw_output=raw, pivot=result.pivot,
                confidence=None if result.confidence is None else round(result.confidence, 4),
                time_ms=round(ms_per_char * len(seg.source), 2),
                origin=HUMAN if result.origin == HUMAN else None,  # an editor's approved target: checked only
                cached=result.cached)
            qes.append(finish_segment(done, seg_hits, lang, confidence=result.confidence, split=result.split))
            segments.append(done)
        report = LanguageResult.counted(self._models(lang), segments, qes)
        return doc.render([s.output for s in segments], lang), report

    def _derive_language(self, doc: Document, lang: str, source: LanguageResult,
                         doc_hits: list) -> tuple[bytes, LanguageResult]:
        """One document in a derived language (kk-Latn), each segment made from its source
        language's (`derive_from`); an editor's approved target in this language (the named
        memory) is taken instead, and checked as such."""
        human = self.pool.editors_targets(lang, [seg.source for seg in source.segments])
        segments: list[SegmentResult] = []
        qes = []
        for seg, seg_hits in zip(source.segments, doc_hits):
            common = dict(pivot=seg.pivot, time_ms=seg.time_ms, cached=seg.cached)
            if seg.source in human:
                done = SegmentResult(seg.index, seg.paragraph, seg.sentence, seg.source, output=human[seg.source],
                                     raw_output=human[seg.source], origin=HUMAN, **common)
                qes.append(finish_segment(done, seg_hits, lang, confidence=None))
            else:
                done = SegmentResult(seg.index, seg.paragraph, seg.sentence, seg.source, output="", raw_output="",
                                     confidence=seg.confidence, **common)
                qes.append(derive_from(done, seg, seg_hits, lang))
                done.raw_output = done.output  # no engine wrote it: the derivation is the raw text
            segments.append(done)
        report = LanguageResult.counted(self._models(lang), segments, qes)
        return doc.render([s.output for s in segments], lang), report

    def _models(self, lang: str) -> list[dict]:
        """The models that make `lang`'s output, for the report; a derived language's are its
        source's, then the derivation."""
        source = language(lang).derived_from
        if source is None:
            return self.pool.describe(self.config.routes[lang])
        return [*self._models(source), {"derived_from": source, "method": language(lang).describe()}]

    def _commit_document(self, doc: Document, input_hash: str, langs: dict[str, tuple[bytes, LanguageResult]],
                         journal: Journal) -> tuple[DocumentOutcome, DocumentEntry | None]:
        """Write the document's outputs, then commit it to the journal (`commit_document`); its
        report entry, or None when it failed."""
        try:  # e.g. a symlinked folder inside OUT leading elsewhere: that document fails
            names = {lang: output_name(self.out_dir, doc.output_path(Path("."), lang)) for lang in langs}
        except ValueError as exc:
            return DocumentOutcome(str(doc.rel), str(doc.path), "failed", str(exc)), None
        entry = DocumentEntry(str(doc.rel), str(doc.path), "translated", None, input_hash, doc.paragraph_count,
                              doc.warnings, names, {lang: report for lang, (_, report) in langs.items()})
        commit_document(self.out_dir, entry, {lang: text for lang, (text, _) in langs.items()}, journal,
                        self.fingerprint)
        return DocumentOutcome(str(doc.rel), str(doc.path), "translated", outputs=names, warnings=doc.warnings), entry

    def _finish(self, stream: ReportStream, interrupted: str | None = None) -> RunResult:
        """Write report.json (the documents are already in report.jsonl) and the review page."""
        report = stream.finish(report_meta(
            options=asdict(self.config.options),
            routes={lang: self._models(lang) for lang in self.config.langs},
            glossaries=self.glossary_paths,
            glossary_fingerprint=self.glossary.fingerprint() if self.glossary else None,
            interrupted=interrupted,
            run_id=self.run_id,
            memory=self.pool.memory_files(),
        ))
        write_review(report, self.out_dir)
        return RunResult(report_path=self.out_dir / REPORT_NAME, report=report)


def _oldest_done(in_flight: deque[tuple[list[Item], Future]]) -> Iterator[tuple[Item, dict]]:
    """The oldest chunk in flight, once translated: each of its items with the translations."""
    chunk, future = in_flight.popleft()
    translated = future.result()
    return ((item, translated) for item in chunk)


def _chunks(items: Iterator[Item]) -> Iterator[list[Item]]:
    """Consecutive items holding about CHUNK_SEGMENTS segments to translate (known outcomes ride along)."""
    chunk: list[Item] = []
    segments = 0
    for item in items:
        chunk.append(item)
        if isinstance(item, tuple):
            segments += len(item[0].segments)
            if segments >= CHUNK_SEGMENTS:
                yield chunk
                chunk, segments = [], 0
    if chunk:
        yield chunk


class _Signals:
    """SIGINT and SIGTERM during a run: `Interrupted` is raised once, wherever the run is (a chunk in
    flight is abandoned; every file write is atomic), except while a document is committed and
    reported (`held`), where it waits for the document's end: the journal, report.jsonl and the
    count of documents done must agree, or the report would list a document twice."""

    def __init__(self) -> None:
        self._fired = False
        self._holding = False
        self._waiting: int | None = None

    def handler(self, signum: int, frame: object) -> None:
        if self._fired:
            return  # a repeat is ignored while the report is written
        self._fired = True
        if self._holding:
            self._waiting = signum
        else:
            _interrupt(signum)

    @contextmanager
    def held(self) -> Iterator[None]:
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        if self._waiting is not None:
            _interrupt(self._waiting)


def _interrupt(signum: int) -> None:
    raise Interrupted(signum, signal.Signals(signum).name)


@contextmanager
def _interruptible() -> Iterator[_Signals]:
    """The run's `_Signals`, its handler set for SIGINT and SIGTERM. Only the main thread may set
    handlers; elsewhere the defaults stay."""
    signals = _Signals()
    if threading.current_thread() is not threading.main_thread():
        yield signals
        return
    previous = {sig: signal.signal(sig, signals.handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield signals
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
