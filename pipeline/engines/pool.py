"""Running routes: each model loaded once per run, each (model, sentence) translated once.

The English route ru→en and the Kazakh pivot ru→en→kk start with the same step; memoising step
outputs per source sentence means the pivot's first step costs nothing after the English route
(and repeated boilerplate sentences across press releases are translated once). A translation
memory, when given, extends that across runs: a step whose sentences are all in it never even
loads its model. Engines run wherever the pool's executor puts them (`pipeline.executors`: this
process, or Ray actors); the memo and the memory stay here, in the driver.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from itertools import islice

from pipeline.config import Options, Route, Step, step_fingerprint
from pipeline.engines.base import Translation
from pipeline.executors.base import Executor
from pipeline.executors.loaders import BACKENDS, EngineKey, check_backend, engine_key
from pipeline.executors.local import LocalExecutor
from pipeline.tm import HUMAN, TranslationMemory, memory_key

#: Sentences remembered per step within a run, beyond the translation memory: enough for every
#: chunk in flight and a day's repeated boilerplate; older ones are forgotten, so a long run's
#: memory stays flat.
MEMO_SENTENCES = 20_000

__all__ = ["BACKENDS", "EnginePool", "RouteResult", "combine_confidence"]  # BACKENDS: bench/throughput.py


@dataclass
class RouteResult:
    """A route's output for one source sentence; `pivot` is the intermediate text fed to the last step."""

    translation: Translation
    pivot: str | None = None
    confidence: float | None = None
    split: bool = False  # some step got the sentence (or its pivot) too long for the model, in pieces
    origin: str = "machine"  # or "human": an editor's approved target from the translation memory


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
    """Shares engine work between routes and chunks: memoises step outputs per sentence, consults and
    fills the translation memory, and sends the rest to its executor (in-process by default).

    Thread-safe, so a runner may translate several chunks at once (`chunks_in_flight`): memo and
    memory are used under one lock, engine work runs outside it, and a sentence another chunk is
    already translating for the same step is awaited rather than translated twice.
    """

    def __init__(self, options: Options, tm: TranslationMemory | None = None,
                 executor: Executor | None = None) -> None:
        check_backend(options)
        self.options = options
        self.tm = tm or TranslationMemory.disabled()
        self.executor = executor or LocalExecutor(options)
        self._tm_keys: dict[EngineKey, str] = {}
        self._memo: dict[EngineKey, dict[str, Translation]] = {}
        self._in_flight: dict[EngineKey, set[str]] = {}
        self._changed = threading.Condition()  # guards the memo, the memory and the counters
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

    def translate_step(self, step: Step, sentences: list[str], source_lang: str | None = None) -> list[Translation]:
        """Translate through one step, sending the executor only sentences seen neither this run
        (by any chunk) nor, with a translation memory, in an earlier one."""
        key = self._key(step)
        with self._changed:
            memo = self._memo.setdefault(key, {})
            in_flight = self._in_flight.setdefault(key, set())
            for old in list(islice(memo, max(0, len(memo) - MEMO_SENTENCES))):
                del memo[old]
        while True:
            with self._changed:
                todo = [s for s in dict.fromkeys(sentences) if s not in memo and s not in in_flight]
                if todo and self.tm.enabled:
                    memo.update(self.tm.get_many(self._tm_key(step), todo))
                    todo = [s for s in todo if s not in memo]
                in_flight.update(todo)
            if todo:
                self._run(step, todo, source_lang, memo, in_flight)
            with self._changed:
                self._changed.wait_for(lambda: all(s in memo or s not in in_flight for s in sentences))
                if all(s in memo for s in sentences):
                    return [memo[s] for s in sentences]
            # another chunk failed on some of these sentences: claim them on the next pass

    def _run(self, step: Step, todo: list[str], source_lang: str | None, memo: dict[str, Translation],
             in_flight: set[str]) -> None:
        key = self._key(step)
        langs = (source_lang, step.target) if source_lang and step.target else None

        def keep(done: dict[int, Translation]) -> None:
            """Store each finished part at once, so a killed run keeps everything translated so far."""
            fresh = {todo[i]: t for i, t in done.items()}
            with self._changed:
                memo.update(fresh)
                self.tm.put_many(self._tm_key(step), fresh, langs=langs)
                self._changed.notify_all()

        try:
            done = self.executor.translate(step, todo, on_done=keep)
            with self._changed:  # what `on_done` did not report, or waiting chunks would wait for ever
                missed = {i: t for i, t in enumerate(done) if todo[i] not in memo}
            if missed:
                keep(missed)
        finally:
            with self._changed:
                in_flight.difference_update(todo)
                self._changed.notify_all()
        with self._changed:
            self.translated[key] = self.translated.get(key, 0) + len(todo)

    def translate_route(self, route: Route, sentences: list[str]) -> list[RouteResult]:
        """Run `sentences` through every step of `route`, in input order; a sentence with an
        editor's approved target in the translation memory takes that instead of any model's."""
        with self._changed:
            human = self.tm.get_human(route.lang, sentences)
        if human:
            rest = [s for s in sentences if s not in human]
            machine = dict(zip(rest, self.translate_route(route, rest))) if rest else {}
            return [RouteResult(Translation(human[s]), origin=HUMAN) if s in human else machine[s] for s in sentences]
        current = list(sentences)
        per_step: list[list[Translation]] = []
        for i, step in enumerate(route.steps):
            outputs = self.translate_step(step, current, "ru" if i == 0 else route.steps[i - 1].target)
            per_step.append(outputs)
            current = [t.text for t in outputs]
        results = []
        for i, final in enumerate(per_step[-1]):
            pivot = per_step[-2][i].text if route.is_pivot else None
            results.append(RouteResult(final, pivot, combine_confidence([out[i].confidence for out in per_step]),
                                       split=any(out[i].split for out in per_step)))
        return results

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
