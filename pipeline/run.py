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
import fcntl
import hashlib
import json
import os
import signal
import stat
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.config import SUPPORTED_LANGS, RunConfig, route_fingerprint
from pipeline.engines.loading import resolve_model
from pipeline.engines.pool import EnginePool
from pipeline.errors import InputError, Interrupted, NotRussian, UsageError
from pipeline.formats import Document, read_document, registered_suffixes
from pipeline.glossary.enforce import check_terms, enforce_segment
from pipeline.glossary.match import Matcher
from pipeline.glossary.model import Glossary
from pipeline.journal import Journal, Record
from pipeline.outputs import probe_write, safe_join, sweep_temp_files, write_atomic
from pipeline.quality.qe import assess_segment
from pipeline.report import ReportStream, language_summary, report_meta, segment_entry
from pipeline.tm import HUMAN
from pipeline.writers.reader import REPORT_NAME, RunReport
from pipeline.writers.review_html import review_pages, write_review

STATE_DIR = ".pressmt"
CHUNK_SEGMENTS = 64


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


#: One item of the run, in document order: a document to translate (with its input's hash), or an
#: outcome already known (current, skipped, unreadable).
Item = tuple[Document, str] | DocumentOutcome


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


def is_translation_name(path: Path) -> bool:
    """`x.en.txt`, `x.kk.md` (our own outputs) and `en.txt`/`kk.txt` (sample references) are
    translations, not Russian sources, so folder runs skip them."""
    stem = path.stem
    return any(stem == lang or stem.endswith(f".{lang}") for lang in SUPPORTED_LANGS)


def discover(inputs: Iterable[Path], out_dir: Path) -> tuple[list[tuple[Path, Path]], list[DocumentOutcome]]:
    """Expand files and folders (recursively) into (path, relative output path) pairs.

    Files in a folder keep their path relative to it; files named directly keep their path relative
    to the deepest folder they share (so `samples/*/ru.txt` stay apart). Files under `out_dir`
    and translations (see `is_translation_name`) are not inputs. Failures, each with its reason:
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
                if not is_folder and (path.suffix.lower() not in registered_suffixes() or is_translation_name(path)):
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
    """Every entry below `folder`, sorted, except hidden ones and the folder `skip` (the output
    folder); symlinked folders are listed, never entered."""
    entries = []
    for dirpath, dirnames, filenames in os.walk(folder):  # followlinks=False
        base = Path(dirpath)
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and (base / d).resolve() != skip]
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
        self.fingerprint = self._fingerprint()

    def _fingerprint(self) -> str:
        """Everything besides the input that changes output text: routes, options, glossary, version."""
        parts = {
            "version": __version__,
            "langs": self.config.langs,
            "routes": {lang: route_fingerprint(self.config.routes[lang]) for lang in self.config.langs},
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
        for lang in self.config.langs:  # fail fast, before any output, when a model is absent
            for step in self.config.routes[lang].steps:
                resolve_model(step.model, step.revision)
        with self._locked_out_dir(), _interruptible():
            try:
                return self._run_locked(inputs)
            except OSError as exc:  # per-document errors are reported in place; this is OUT itself
                where = exc.filename or f"--out {self.out_dir}"
                raise UsageError(f"{where}: {exc.strerror or exc}; fix it and rerun with --resume") from None

    @contextmanager
    def _locked_out_dir(self) -> Iterator[None]:
        """Create OUT and hold its lock for the whole run: one run per OUT, so no run sweeps another's
        temp files or interleaves its journal. An flock dies with its process, so a killed run
        never leaves OUT locked."""
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise UsageError(f"--out {self.out_dir} is a file, not a folder")
        lock_path = self.state_dir / "lock"
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            lock = open(lock_path, "a")  # noqa: SIM115 (held open for the run)
        except OSError as exc:
            raise UsageError(f"--out {self.out_dir}: cannot create or write it: {exc.strerror or exc}") from None
        with lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise UsageError(f"--out {self.out_dir} is in use by another pressmt run (lock {lock_path}); "
                                 "wait for it to finish or choose another folder") from None
            try:
                probe_write(self.out_dir)
            except OSError as exc:
                raise UsageError(f"--out {self.out_dir} is not writable: {exc.strerror or exc}") from None
            yield

    def _run_locked(self, inputs: list[Path]) -> RunResult:
        # A report (and its review page) left by an earlier run would describe old outputs if this
        # one is killed; report.json is written anew at the end, or when a signal stops the run.
        for page in [self.out_dir / REPORT_NAME, *review_pages(self.out_dir)]:
            page.unlink(missing_ok=True)
        sweep_temp_files(self.out_dir)
        found, problems = discover(inputs, self.out_dir)
        self.on_start(len(found) + len(problems))
        with Journal(self.state_dir) as journal:
            if not self.resume:
                journal.clear()
            stream = ReportStream(self.out_dir, self.config.langs)
            try:
                for outcome in problems:
                    self._report_outcome(stream, outcome)
                done = 0  # documents of `found` reported so far, which go in order
                try:
                    for item in self._translate_all(self._read_all(found, journal)):
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
                    yield DocumentOutcome(str(rel), str(path), "current", outputs=self._output_names(record))
                    continue
                yield read_document(path, rel, data), input_hash
            except InputError as exc:
                yield DocumentOutcome(str(rel), str(path), "skipped" if isinstance(exc, NotRussian) else "failed",
                                      exc.reason if exc.line is None else f"line {exc.line}: {exc.reason}")
            except OSError as exc:  # unreadable, /proc, EIO: this document fails, the run goes on
                yield DocumentOutcome(str(rel), str(path), "failed", f"cannot read: {exc.strerror or exc}")

    def _translate_all(self, items: Iterator[Item]) -> Iterator[tuple[Item, dict]]:
        """Each item in order with its chunk's translations (see `_translate_chunk`). Items are grouped in
        chunks of about CHUNK_SEGMENTS segments; the pool's executor may take several chunks at once,
        and then that many are in flight while earlier ones are committed."""
        window = self.pool.chunks_in_flight
        if window <= 1:
            for chunk in _chunks(items):
                translated = self._translate_chunk(chunk)
                yield from ((item, translated) for item in chunk)
            return
        workers = ThreadPoolExecutor(window, thread_name_prefix="pressmt-chunk")
        in_flight: deque[tuple[list[Item], Future]] = deque()
        try:
            for chunk in _chunks(items):
                in_flight.append((chunk, workers.submit(self._translate_chunk, chunk)))
                if len(in_flight) > window:
                    yield from _oldest_done(in_flight)
            while in_flight:
                yield from _oldest_done(in_flight)
        finally:  # interrupted: chunks not yet started are dropped; the ones running end on their own
            workers.shutdown(wait=False, cancel_futures=True)

    def _translate_chunk(self, chunk: list[Item]) -> dict:
        """Per language: the route's result for every distinct source sentence of the chunk's
        documents, and the engine time per source character (for the report's `time_ms`)."""
        docs = [item[0] for item in chunk if isinstance(item, tuple)]
        sources = list(dict.fromkeys(s.source for doc in docs for s in doc.segments))
        translated = {}
        for lang in self.config.langs if sources else []:
            started = time.perf_counter()
            results = self.pool.translate_route(self.config.routes[lang], sources)
            elapsed_ms = (time.perf_counter() - started) * 1000
            translated[lang] = (dict(zip(sources, results)), elapsed_ms / (sum(len(s) for s in sources) or 1))
        return translated

    @staticmethod
    def _output_names(record: Record) -> dict[str, str]:
        return {lang: out["path"] for lang, out in record.outputs.items()}

    def _commit_item(self, item: tuple[Item, dict], journal: Journal, stream: ReportStream) -> None:
        """Enforce, score, write and commit one document (or report its known outcome)."""
        what, translated = item
        if isinstance(what, DocumentOutcome):
            self._report_outcome(stream, what, journal)
            return
        doc, input_hash = what
        try:
            hits = [self.matcher.find(s.source) if self.matcher else [] for s in doc.segments]
            langs = {lang: self._finish_language(doc, lang, *translated[lang], hits) for lang in self.config.langs}
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

    def _report_outcome(self, stream: ReportStream, outcome: DocumentOutcome, journal: Journal | None = None) -> None:
        """Stream a document that was not translated now: a current one's entry comes from the journal."""
        if outcome.status == "current" and journal is not None:
            stream.add(journal.entry(outcome.rel) | {"status": "current"})
        else:
            stream.add({"path": outcome.rel, "input": outcome.source, "status": outcome.status,
                        "reason": outcome.reason, "outputs": {}, "languages": {}})
        self.on_document(outcome)

    def _finish_language(self, doc: Document, lang: str, by_source: dict, ms_per_char: float,
                         doc_hits: list) -> dict:
        """Enforce the glossary and score each segment of one document in one language."""
        outputs: list[str] = []
        segments: list[dict] = []
        qes = []
        for seg, seg_hits in zip(doc.segments, doc_hits):
            result = by_source[seg.source]
            raw = result.translation.text
            if result.origin == HUMAN:  # an editor's approved target (translation memory): checked, not rewritten
                text, term_results = raw, check_terms(raw, seg_hits, lang)
            else:
                text, term_results = enforce_segment(raw, seg_hits, lang) if seg_hits else (raw, [])
            qe = assess_segment(seg.source, text, lang, result.confidence, term_results, split=result.split)
            qes.append(qe)
            outputs.append(text)
            segments.append(segment_entry(
                segment=seg, output=text, raw_output=raw, pivot=result.pivot,
                confidence=result.confidence, time_ms=ms_per_char * len(seg.source),
                terms=[t.to_json() for t in term_results],
                quality=qe.to_json()) | ({"origin": HUMAN} if result.origin == HUMAN else {}))
        return {
            "text": doc.render(outputs, lang),
            "report": {
                "models": self.pool.describe(self.config.routes[lang]),
                "segments": segments,
                **language_summary(segments, qes),
            },
        }

    def _commit_document(self, doc: Document, input_hash: str, langs: dict,
                         journal: Journal) -> tuple[DocumentOutcome, dict | None]:
        """Write the document's outputs, then commit it to the journal; its report entry, or None
        when it failed."""
        try:  # e.g. a symlinked folder inside OUT leading elsewhere: that document fails
            targets = {lang: safe_join(self.out_dir, doc.output_path(Path("."), lang)) for lang in langs}
        except ValueError as exc:
            return DocumentOutcome(str(doc.rel), str(doc.path), "failed", str(exc)), None
        outputs = {}
        for lang, done in langs.items():
            path = targets[lang]
            write_atomic(path, done["text"])
            outputs[lang] = {"path": str(path.relative_to(self.out_dir.resolve())),
                             "sha256": _sha256(done["text"])}
        names = {lang: out["path"] for lang, out in outputs.items()}
        entry = {
            "path": str(doc.rel),
            "input": str(doc.path),
            "status": "translated",
            "reason": None,
            "input_sha256": input_hash,
            "paragraphs": doc.paragraph_count,
            "warnings": doc.warnings,
            "outputs": names,
            "languages": {lang: done["report"] for lang, done in langs.items()},
        }
        journal.record(Record(str(doc.rel), input_hash, self.fingerprint, outputs), entry)
        return DocumentOutcome(str(doc.rel), str(doc.path), "translated", outputs=names, warnings=doc.warnings), entry

    def _finish(self, stream: ReportStream, interrupted: str | None = None) -> RunResult:
        """Write report.json (the documents are already in report.jsonl) and the review page."""
        report = stream.finish(report_meta(
            options=asdict(self.config.options),
            routes={lang: self.pool.describe(self.config.routes[lang]) for lang in self.config.langs},
            glossaries=self.glossary_paths,
            glossary_fingerprint=self.glossary.fingerprint() if self.glossary else None,
            interrupted=interrupted,
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


@contextmanager
def _interruptible() -> Iterator[None]:
    """While a run works, SIGINT and SIGTERM raise `Interrupted` once, wherever the run is (a chunk in
    flight is abandoned; every file write is atomic); a repeat is ignored while the report is
    written. Only the main thread may set handlers; elsewhere the defaults stay."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired: list[int] = []

    def handler(signum: int, frame: object) -> None:
        if not fired:
            fired.append(signum)
            raise Interrupted(signum, signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
