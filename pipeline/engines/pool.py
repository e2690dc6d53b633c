"""Running routes: each model loaded once per run, each (model, sentence) translated once per chunk.

The English route ru→en and the Kazakh pivot ru→en→kk start with the same step; a memo of step
outputs per source sentence, shared by the routes of one chunk (`StepMemo`), means the pivot's first
step costs nothing after the English route, and a sentence repeated within the chunk is translated
once. The memo lives for one chunk only, so what a chunk sends to the model, and so which sentences
share a batch and every number the model gives, depends on that chunk's sentences and the memory
alone: never on which chunks came before, ran at the same time, or were already done before a
`--resume`. A translation memory, when given, carries translations across chunks and runs: a step
whose sentences are all in it never even loads its model. Chunks translated at once consult it in
turn (`chunk_order.py`), so they send the model exactly what they would one after another. Engines run wherever the pool's executor
puts them (`pipeline.executors`: this process, or Ray actors); the memo and the memory stay here,
in the driver.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from dataclasses import dataclass

from pipeline.config import Options, Route, Step, step_fingerprint
from pipeline.engines.base import Translation
from pipeline.engines.chunk_order import ChunkOrder
from pipeline.executors.base import Executor
from pipeline.executors.loaders import EngineKey, check_backend, engine_key
from pipeline.executors.local import LocalExecutor
from pipeline.tm import HUMAN, TranslationMemory, memory_key

#: Per step, each sentence's output and whether it came from the machine cache (no model ran).
StepMemo = dict[EngineKey, dict[str, tuple[Translation, bool]]]

__all__ = ["EnginePool", "RouteResult", "StepMemo", "combine_confidence"]


@dataclass
class RouteResult:
    """A route's output for one source sentence; `pivot` is the intermediate text fed to the last step."""

    translation: Translation
    pivot: str | None = None
    confidence: float | None = None
    split: bool = False  # some step got the sentence (or its pivot) too long for the model, in pieces
    origin: str = "machine"  # or "human": an editor's approved target from the translation memory
    cached: bool = False  # every step's output came from the machine cache (no model ran for it)


def combine_confidence(step_confidences: list[float | None]) -> float | None:
    """Route confidence: the mean over steps of each step's mean token log-prob.

    Each step's mean is already length-normalised, so averaging steps keeps a pivot's score on the
    same per-token scale as a direct route's, and a weak step (e.g. a garbled English pivot) still
    pulls it down. Summing would penalise every pivot merely for having two steps; multiplying
    probabilities over a whole sentence would penalise long sentences. Empty outputs are skipped.
    """
    known = [c for c in step_confidences if c is not None]
    return sum(known) / len(known) if known else None


class EnginePool:
    """Shares engine work between the routes of a chunk: memoises step outputs per sentence
    (`StepMemo`), consults and fills the translation memory, and sends the rest to its executor
    (in-process by default).

    Thread-safe, so a runner may translate several chunks at once (`chunks_in_flight`), each with
    its own memo: the memory and the counters are used under one lock, engine work runs outside it.
    """

    def __init__(self, options: Options, tm: TranslationMemory | None = None,
                 executor: Executor | None = None, editors: TranslationMemory | None = None) -> None:
        check_backend(options)
        self.options = options
        self.tm = tm or TranslationMemory.disabled()  # machine outputs
        self.editors = editors or TranslationMemory.disabled()  # editors' approved targets: a named memory only
        self.executor = executor or LocalExecutor(options)
        self._tm_keys: dict[EngineKey, str] = {}
        self._lock = threading.Lock()  # guards the memories (one SQLite connection each) and the counters
        self._order = ChunkOrder()
        #: (memory key, sentence) → its translation, claimed by a chunk still translating it.
        self._claimed: dict[tuple[str, str], Future[Translation]] = {}
        #: How many sentences each engine actually translated.
        self.translated: dict[EngineKey, int] = {}

    @property
    def loads(self) -> dict[EngineKey, int]:
        """How often each engine was loaded (once per process holding it)."""
        return self.executor.loads

    @property
    def chunks_in_flight(self) -> int:
        return self.executor.chunks_in_flight

    def close(self) -> None:
        self.executor.close()

    def begin_chunk(self) -> int:
        """A chunk's number, for `translate_route`; call in chunk order, and `end_chunk` when it is done."""
        return self._order.begin()

    def end_chunk(self, number: int) -> None:
        self._order.end(number)

    def __enter__(self) -> EnginePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _key(self, step: Step) -> EngineKey:
        return engine_key(step, self.options)

    def _tm_key(self, step: Step) -> str:
        key = self._key(step)
        if key not in self._tm_keys:
            self._tm_keys[key] = memory_key(model=step_fingerprint(step), revision=step.revision,
                                            route=f"{step.target}:{step.target_token}:{step.src_lang}:{step.tgt_lang}",
                                            options=self.options.fingerprint_fields(), glossary_fingerprint=None)
        return self._tm_keys[key]

    def translate_step(self, step: Step, sentences: list[str], source_lang: str | None = None,
                       memo: StepMemo | None = None, chunk: int | None = None) -> list[tuple[Translation, bool]]:
        """Each sentence's output through one step and whether it came from the machine cache,
        sending the executor only the distinct sentences neither in `memo` (this chunk) nor, with a
        translation memory, in it or claimed by an earlier `chunk` still translating them (those
        count as from the cache, as they would be once that chunk is done)."""
        seen = (memo if memo is not None else {}).setdefault(self._key(step), {})
        todo = [s for s in dict.fromkeys(sentences) if s not in seen]
        claimed: dict[str, Future[Translation]] = {}
        if todo and self.tm.enabled:
            tm_key = self._tm_key(step)
            with self._order.turn(chunk, self._key(step)), self._lock:
                hits = self.tm.get_many(tm_key, todo)
                todo = [s for s in todo if s not in hits]
                claimed = {s: self._claimed[(tm_key, s)] for s in todo if (tm_key, s) in self._claimed}
                todo = [s for s in todo if s not in claimed]
                self._claimed.update(((tm_key, s), Future()) for s in todo)
            seen.update((s, (t, True)) for s, t in hits.items())
        if todo:
            seen.update((s, (t, False)) for s, t in zip(todo, self._run(step, todo, source_lang)))
        seen.update((s, (future.result(), True)) for s, future in claimed.items())
        return [seen[s] for s in sentences]

    def _run(self, step: Step, todo: list[str], source_lang: str | None) -> list[Translation]:
        key = self._key(step)
        langs = (source_lang, step.target) if source_lang and step.target else None
        tm_key = self._tm_key(step) if self.tm.enabled else ""

        def keep(done: dict[int, Translation]) -> None:
            """Store each finished part at once, so a killed run keeps everything translated so far,
            and hand it to the chunks waiting for it."""
            with self._lock:
                self.tm.put_many(tm_key, {todo[i]: t for i, t in done.items()}, langs=langs)
                for i, t in done.items():
                    if (future := self._claimed.pop((tm_key, todo[i]), None)) is not None:
                        future.set_result(t)

        try:
            done = self.executor.translate(step, todo, on_done=keep if self.tm.enabled else None)
        except BaseException:
            with self._lock:
                for s in todo:
                    if (future := self._claimed.pop((tm_key, s), None)) is not None:
                        future.set_exception(RuntimeError(f"the chunk translating {s[:40]!r} failed"))
            raise
        with self._lock:
            for s, t in zip(todo, done):  # an executor that reported some only at the end
                if (future := self._claimed.pop((tm_key, s), None)) is not None:
                    future.set_result(t)
            self.translated[key] = self.translated.get(key, 0) + len(todo)
        return done

    def translate_route(self, route: Route, sentences: list[str], memo: StepMemo | None = None,
                        chunk: int | None = None) -> list[RouteResult]:
        """Run `sentences` through every step of `route`, in input order; a sentence with an
        editor's approved target in the named memory (`editors`) takes that instead of any model's.
        The routes of one chunk share `memo` (default: one for this call alone) and its number
        (`begin_chunk`), when chunks are translated at once."""
        human = self.editors_targets(route.lang, sentences)
        if human:
            rest = [s for s in sentences if s not in human]
            machine = dict(zip(rest, self.translate_route(route, rest, memo, chunk))) if rest else {}
            return [RouteResult(Translation(human[s]), origin=HUMAN) if s in human else machine[s] for s in sentences]
        memo = memo if memo is not None else {}
        current = list(sentences)
        per_step: list[list[Translation]] = []
        cached = [True] * len(sentences)
        for i, step in enumerate(route.steps):
            outputs = self.translate_step(step, current, "ru" if i == 0 else route.steps[i - 1].target, memo, chunk)
            per_step.append([t for t, _ in outputs])
            cached = [a and b for a, (_, b) in zip(cached, outputs)]
            current = [t.text for t, _ in outputs]
        results = []
        for i, final in enumerate(per_step[-1]):
            pivot = per_step[-2][i].text if route.is_pivot else None
            results.append(RouteResult(final, pivot, combine_confidence([out[i].confidence for out in per_step]),
                                       split=any(out[i].split for out in per_step), cached=cached[i]))
        return results

    def editors_targets(self, lang: str, sentences: list[str]) -> dict[str, str]:
        """The editors' approved targets in `lang` for `sentences`, from the named memory: a language
        no model makes (kk-Latn) reads its corrections here."""
        with self._lock:
            return self.editors.get_human(lang, sentences)

    def memory_files(self) -> dict[str, str | None]:
        """For report.json: the file machine outputs were cached in and the file of editors'
        approved translations (None: not used)."""
        return {"cache": str(self.tm.path) if self.tm.enabled else None,
                "editors": str(self.editors.path) if self.editors.enabled else None}

    def describe(self, route: Route) -> list[dict]:
        """Per step: model id, revision, local path and target token, for report.json; the same
        whichever executor ran the step."""
        out = []
        for step in route.steps:
            engine = self.executor.describe(step)
            out.append({"model": step.model, "revision": step.revision, "path": engine["path"],
                        "target": step.target, "target_token": engine["target_token"],
                        "backend": self.options.backend})
        return out
