"""Running routes: each model loaded once per run, each (model, sentence) translated once.

The English route ru→en and the Kazakh pivot ru→en→kk start with the same step; memoising step
outputs per source sentence means the pivot's first step costs nothing after the English route
(and repeated boilerplate sentences across press releases are translated once). A translation
memory, when given, extends that across runs: a step whose sentences are all in it never even
loads its model.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import Options, Route, Step, cache_dir, step_fingerprint
from pipeline.engines.base import Engine, Translation
from pipeline.engines.loading import resolve_model
from pipeline.errors import PressMTError
from pipeline.tm import HUMAN, TranslationMemory, memory_key

EngineKey = tuple[str, str, str | None, str | None, str, str | None, str | None, str]


@dataclass
class RouteResult:
    """A route's output for one source sentence; `pivot` is the intermediate text fed to the last step."""

    translation: Translation
    pivot: str | None = None
    confidence: float | None = None
    split: bool = False  # some step got the sentence (or its pivot) too long for the model, in pieces
    origin: str = "machine"  # or "human": an editor's approved target from the translation memory


def _load_hf(step: Step, options: Options) -> Engine:
    from pipeline.engines.hf import HFEngine

    return HFEngine(step.model, revision=step.revision, target_lang=step.target, target_token=step.target_token,
                    src_lang=step.src_lang, tgt_lang=step.tgt_lang, device=options.device, beams=options.beams,
                    batch_size=options.batch_size, max_batch_tokens=options.max_batch_tokens,
                    threads=options.threads)


def _ct2_model_dir(step: Step) -> str:
    """A CTranslate2 folder for `step`: the step's own folder when it already is one, else an int8
    conversion of its Marian checkpoint, made once and kept under the pressmt cache."""
    if (Path(step.model) / "model.bin").is_file():
        return step.model
    from pipeline.engines.convert import convert_marian

    target = cache_dir() / "ct2" / f"{step_fingerprint(step)}-int8"
    if not (target / "model.bin").is_file():
        convert_marian(step.model, target, quantization="int8", revision=step.revision, force=True)
    return str(target)


def _load_ct2(step: Step, options: Options) -> Engine:
    try:
        ct2 = importlib.import_module("pipeline.engines.ct2")
    except ModuleNotFoundError as exc:
        if exc.name != "pipeline.engines.ct2":
            raise
        raise PressMTError("backend 'ct2' is not available in this installation; use --backend hf") from None
    return ct2.CT2Engine(_ct2_model_dir(step), target_lang=step.target, target_token=step.target_token, beams=options.beams,
                         batch_size=options.batch_size, max_batch_tokens=options.max_batch_tokens,
                         threads=options.threads, device=options.device)


#: Backend name → loader. A new backend is one function and one entry here.
BACKENDS = {"hf": _load_hf, "ct2": _load_ct2}


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
    """Loads engines lazily, shares them between routes and memoises their outputs per sentence."""

    def __init__(self, options: Options, tm: TranslationMemory | None = None) -> None:
        if options.backend not in BACKENDS:
            raise PressMTError(f"unknown backend '{options.backend}' (use one of {', '.join(BACKENDS)})")
        self.options = options
        self.tm = tm or TranslationMemory.disabled()
        self._tm_keys: dict[EngineKey, str] = {}
        self._paths: dict[EngineKey, str] = {}
        self._engines: dict[EngineKey, Engine] = {}
        self._memo: dict[EngineKey, dict[str, Translation]] = {}
        #: How often each engine was loaded and how many sentences it actually translated.
        self.loads: dict[EngineKey, int] = {}
        self.translated: dict[EngineKey, int] = {}

    def _key(self, step: Step) -> EngineKey:
        o = self.options
        return (o.backend, step.model, step.revision, step.target_token, step.target, step.src_lang,
                step.tgt_lang, o.device)

    def engine(self, step: Step) -> Engine:
        """The loaded engine for `step`, loading it on first use."""
        key = self._key(step)
        if key not in self._engines:
            self._engines[key] = BACKENDS[self.options.backend](step, self.options)
            self.loads[key] = self.loads.get(key, 0) + 1
        return self._engines[key]

    def _tm_key(self, step: Step) -> str:
        key = self._key(step)
        if key not in self._tm_keys:
            self._tm_keys[key] = memory_key(model=step_fingerprint(step), revision=step.revision,
                                            route=f"{step.target}:{step.target_token}:{step.src_lang}:{step.tgt_lang}",
                                            options=self.options.fingerprint_fields(), glossary_fingerprint=None)
        return self._tm_keys[key]

    def translate_step(self, step: Step, sentences: list[str], source_lang: str | None = None) -> list[Translation]:
        """Translate through one step, sending the model only sentences it has seen neither this run
        nor (with a translation memory) in an earlier one."""
        key = self._key(step)
        memo = self._memo.setdefault(key, {})
        todo = list(dict.fromkeys(s for s in sentences if s not in memo))
        if todo and self.tm.enabled:
            memo.update(self.tm.get_many(self._tm_key(step), todo))
            todo = [s for s in todo if s not in memo]
        if todo:
            def keep(done: dict[int, Translation]) -> None:
                """Store each finished batch at once, so a killed run keeps everything translated so far."""
                fresh = {todo[i]: t for i, t in done.items()}
                memo.update(fresh)
                self.tm.put_many(self._tm_key(step), fresh,
                                 langs=(source_lang, step.target) if source_lang and step.target else None)

            self.engine(step).translate(todo, on_done=keep)
            self.translated[key] = self.translated.get(key, 0) + len(todo)
        return [memo[s] for s in sentences]

    def translate_route(self, route: Route, sentences: list[str]) -> list[RouteResult]:
        """Run `sentences` through every step of `route`, in input order; a sentence with an
        editor's approved target in the translation memory takes that instead of any model's."""
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
        """Per step: model id, revision, local path and target token, for report.json."""
        out = []
        for step in route.steps:
            key = self._key(step)
            engine = self._engines.get(key)
            if engine is None and key not in self._paths:  # a step answered from the memory: resolve once
                self._paths[key] = resolve_model(step.model, step.revision)
            out.append({
                "model": step.model,
                "revision": step.revision,
                "path": getattr(engine, "path", None) or self._paths[key],
                "target": step.target,
                "target_token": getattr(engine, "target_token", step.target_token),
                "backend": self.options.backend,
            })
        return out
