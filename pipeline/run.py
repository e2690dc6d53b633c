"""Orchestrates a batch run: discover documents, translate in chunks, enforce, score, write, resume.

Documents are processed in chunks so identical sentences across documents share one translation
and batches stay full, while a killed run loses at most the chunk in flight: each finished
document's outputs and report fragment are written atomically and recorded in a manifest, and
`resume` skips documents whose outputs are complete and current.
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
from collections.abc import Callable, Iterable, Iterator
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
from pipeline.outputs import probe_write, safe_join, sweep_temp_files, write_json_atomic, write_atomic
from pipeline.quality.qe import assess_segment
from pipeline.report import build_report, language_summary, segment_entry, term_counts
from pipeline.tm import HUMAN
from pipeline.writers.review_html import REVIEW_NAME, write_review

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


@dataclass
class RunResult:
    outcomes: list[DocumentOutcome]
    report_path: Path
    report: dict

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
        self.manifest_path = self.state_dir / "manifest.json"
        self.fingerprint = self._fingerprint()

    # -- fingerprints and manifest ------------------------------------------------------------
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

    def _load_manifest(self) -> dict:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) and data.get("version") == 1 else {"version": 1, "documents": {}}
        except (OSError, ValueError):
            return {"version": 1, "documents": {}}

    def _fragment_path(self, rel: str) -> Path:
        return self.state_dir / "documents" / (hashlib.sha256(rel.encode()).hexdigest()[:24] + ".json")

    def _is_current(self, entry: dict | None, input_hash: str) -> bool:
        """A document is current when its input, fingerprint and every output file still match."""
        if not entry or entry.get("input_sha256") != input_hash or entry.get("fingerprint") != self.fingerprint:
            return False
        try:
            for out in entry.get("outputs", {}).values():
                path = self.out_dir / out["path"]
                if not path.is_file() or _sha256(path.read_bytes()) != out["sha256"]:
                    return False
        except OSError:  # an output made unreadable since: translate again
            return False
        return self._fragment_path(entry["rel"]).is_file()

    # -- the run ----------------------------------------------------------------------------
    def run(self, inputs: list[Path]) -> RunResult:
        """Translate `inputs` into OUT. Usage errors (`UsageError`: a missing input, an unusable or
        busy OUT, an absent model) come before anything is written; a full disk stops the run with
        a `UsageError` too. SIGINT/SIGTERM abandon the chunk in flight, write report.json with what
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
        temp files or interleaves its manifest. An flock dies with its process, so a killed run
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
        # one is killed; they are written anew at the end, or when a signal stops the run.
        for name in ("report.json", REVIEW_NAME):
            (self.out_dir / name).unlink(missing_ok=True)
        sweep_temp_files(self.out_dir)
        found, outcomes = discover(inputs, self.out_dir)
        self.on_start(len(found) + len(outcomes))
        for outcome in outcomes:
            self.on_document(outcome)
        manifest = self._load_manifest() if self.resume else {"version": 1, "documents": {}}
        order = [str(rel) for _, rel in found]
        try:
            self._translate_all(found, outcomes, manifest)
            return self._finish(order, outcomes)
        except Interrupted as exc:
            name = signal.Signals(exc.signum).name
            reached = {o.rel for o in outcomes}
            outcomes += [DocumentOutcome(str(rel), str(path), "pending", f"run interrupted by {name}")
                         for path, rel in found if str(rel) not in reached]
            result = self._finish(order, outcomes, interrupted=name)
            done = sum(1 for o in outcomes if o.status in ("translated", "current"))
            raise Interrupted(exc.signum, f"interrupted by {name}: {done} of {len(order)} documents done, "
                                          f"report {result.report_path}; rerun with --resume to go on") from None

    def _translate_all(self, found: list[tuple[Path, Path]], outcomes: list[DocumentOutcome],
                       manifest: dict) -> None:
        """Read, translate and commit every document, appending each outcome as it is known."""
        chunk: list[tuple[Document, str]] = []
        chunk_segments = 0
        for path, rel in found:
            try:
                data = path.read_bytes()
                input_hash = _sha256(data)
                if self.resume and self._is_current(manifest["documents"].get(str(rel)), input_hash):
                    outcome = DocumentOutcome(str(rel), str(path), "current",
                                              outputs=self._output_names(manifest["documents"][str(rel)]))
                    outcomes.append(outcome)
                    self.on_document(outcome)
                    continue
                doc = read_document(path, rel, data)
            except InputError as exc:
                outcome = DocumentOutcome(str(rel), str(path), "skipped" if isinstance(exc, NotRussian) else "failed",
                                          exc.reason if exc.line is None else f"line {exc.line}: {exc.reason}")
                outcomes.append(outcome)
                self.on_document(outcome)
                continue
            except OSError as exc:  # unreadable, /proc, EIO: this document fails, the run goes on
                outcome = DocumentOutcome(str(rel), str(path), "failed", f"cannot read: {exc.strerror or exc}")
                outcomes.append(outcome)
                self.on_document(outcome)
                continue
            chunk.append((doc, input_hash))
            chunk_segments += len(doc.segments)
            if chunk_segments >= CHUNK_SEGMENTS:
                self._process_chunk(chunk, manifest, outcomes)
                chunk, chunk_segments = [], 0
        if chunk:
            self._process_chunk(chunk, manifest, outcomes)

    @staticmethod
    def _output_names(entry: dict) -> dict[str, str]:
        return {lang: out["path"] for lang, out in entry.get("outputs", {}).items()}

    def _process_chunk(self, chunk: list[tuple[Document, str]], manifest: dict,
                       outcomes: list[DocumentOutcome]) -> None:
        docs = [doc for doc, _ in chunk]
        hits = {id(doc): [self.matcher.find(s.source) if self.matcher else [] for s in doc.segments]
                for doc in docs}
        per_doc: dict[int, dict] = {id(doc): {} for doc in docs}
        for lang in self.config.langs:
            route = self.config.routes[lang]
            sources = list(dict.fromkeys(s.source for doc in docs for s in doc.segments))
            started = time.perf_counter()
            results = self.pool.translate_route(route, sources)
            elapsed_ms = (time.perf_counter() - started) * 1000
            total_chars = sum(len(s) for s in sources) or 1
            by_source = dict(zip(sources, results))
            for doc in docs:
                per_doc[id(doc)][lang] = self._finish_language(
                    doc, lang, by_source, hits[id(doc)], elapsed_ms / total_chars)
        for doc, input_hash in chunk:
            try:
                outcome = self._commit_document(doc, input_hash, per_doc[id(doc)], manifest)
            except OSError as exc:
                if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                    raise  # the disk, not this document: the run stops (see `run`)
                outcome = DocumentOutcome(str(doc.rel), str(doc.path), "failed",
                                          f"cannot write its output: {exc.strerror or exc}")
            write_json_atomic(self.manifest_path, manifest)  # per document: a kill loses at most one
            outcomes.append(outcome)
            self.on_document(outcome)

    def _finish_language(self, doc: Document, lang: str, by_source: dict, doc_hits: list,
                         ms_per_char: float) -> dict:
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
        rendered = doc.render(outputs, lang)
        return {
            "text": rendered,
            "report": {
                "models": self.pool.describe(self.config.routes[lang]),
                "segments": segments,
                **language_summary(segments, qes),
            },
        }

    def _commit_document(self, doc: Document, input_hash: str, langs: dict, manifest: dict) -> DocumentOutcome:
        try:  # e.g. a symlinked folder inside OUT leading elsewhere: that document fails
            targets = {lang: safe_join(self.out_dir, doc.output_path(Path("."), lang)) for lang in langs}
        except ValueError as exc:
            return DocumentOutcome(str(doc.rel), str(doc.path), "failed", str(exc))
        outputs = {}
        for lang, done in langs.items():
            path = targets[lang]
            write_atomic(path, done["text"])
            outputs[lang] = {"path": str(path.relative_to(self.out_dir.resolve())),
                             "sha256": _sha256(done["text"])}
        fragment = {
            "path": str(doc.rel),
            "input": str(doc.path),
            "status": "translated",
            "reason": None,
            "input_sha256": input_hash,
            "paragraphs": doc.paragraph_count,
            "warnings": doc.warnings,
            "outputs": {lang: out["path"] for lang, out in outputs.items()},
            "languages": {lang: done["report"] for lang, done in langs.items()},
        }
        write_json_atomic(self._fragment_path(str(doc.rel)), fragment)
        manifest["documents"][str(doc.rel)] = {"rel": str(doc.rel), "input_sha256": input_hash,
                                               "fingerprint": self.fingerprint, "outputs": outputs}
        return DocumentOutcome(str(doc.rel), str(doc.path), "translated",
                               outputs={lang: out["path"] for lang, out in outputs.items()}, warnings=doc.warnings)

    def _finish(self, order: list[str], outcomes: list[DocumentOutcome], interrupted: str | None = None) -> RunResult:
        """Assemble report.json from the fragments of translated and current documents; after an
        interruption, the documents not reached are listed as `pending`."""
        rank = {rel: i for i, rel in enumerate(order)}
        outcomes.sort(key=lambda o: rank.get(o.rel, -1))
        documents = []
        for o in outcomes:
            if o.status in ("failed", "skipped", "pending"):
                documents.append({"path": o.rel, "input": o.source, "status": o.status, "reason": o.reason,
                                  "outputs": {}, "languages": {}})
                continue
            fragment = json.loads(self._fragment_path(o.rel).read_text(encoding="utf-8"))
            fragment["status"] = o.status
            documents.append(fragment)
        report = build_report(
            documents=documents,
            options=asdict(self.config.options),
            routes={lang: self.pool.describe(self.config.routes[lang]) for lang in self.config.langs},
            glossaries=self.glossary_paths,
            glossary_fingerprint=self.glossary.fingerprint() if self.glossary else None,
            summary=summarize_run(documents, self.config.langs),
            interrupted=interrupted,
        )
        report_path = self.out_dir / "report.json"
        write_json_atomic(report_path, report)
        write_review(report, self.out_dir)
        return RunResult(outcomes=outcomes, report_path=report_path, report=report)


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


def summarize_run(documents: list[dict], langs: list[str]) -> dict:
    """Counts for the end-of-run table: documents by status; per language segments, flags, terms."""
    by_status: dict[str, int] = {}
    for doc in documents:
        by_status[doc["status"]] = by_status.get(doc["status"], 0) + 1
    per_lang = {}
    for lang in langs:
        segments = [s for d in documents for s in d.get("languages", {}).get(lang, {}).get("segments", [])]
        flagged = sum(1 for s in segments if s["quality"] and s["quality"].get("flags"))
        per_lang[lang] = {"segments": len(segments), "flagged": flagged, "terms": term_counts(segments)}
    return {"documents": len(documents), "by_status": by_status, "languages": per_lang}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
