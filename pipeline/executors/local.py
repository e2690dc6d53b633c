"""The in-process executor: each step's engine loaded once in this process and run here."""

from __future__ import annotations

import threading
from collections.abc import Callable

from pipeline.config import Options, Step
from pipeline.engines.base import Engine, Translation
from pipeline.engines.device import resolve_device
from pipeline.engines.threads import plan_threads
from pipeline.executors.loaders import EngineKey, check_backend, describe_engine, engine_key, load_engine


class LocalExecutor:
    """Loads engines lazily and keeps them for the run; a Ray actor holds one of these too."""

    #: Two chunks at once: the engines' batch workers take the second's batches while the first's last
    #: ones finish, so no core waits at a chunk's end (and the runner commits the first meanwhile).
    chunks_in_flight = 2

    def __init__(self, options: Options) -> None:
        check_backend(options)
        # --workers beyond the --threads budget is one line now, not when the first model loads.
        plan_threads(threads=options.threads, workers=options.workers,
                     device=resolve_device(options.device, options.backend))
        self.options = options
        self.loads: dict[EngineKey, int] = {}
        self._engines: dict[EngineKey, Engine] = {}
        self._described: dict[EngineKey, dict] = {}
        self._loading = threading.Lock()  # two threads asking for one model load it once

    def engine(self, step: Step) -> Engine:
        """The loaded engine for `step`, loading it on first use."""
        key = engine_key(step, self.options)
        with self._loading:
            if key not in self._engines:
                self._engines[key] = load_engine(step, self.options)
                self.loads[key] = self.loads.get(key, 0) + 1
            return self._engines[key]

    def translate(self, step: Step, sentences: list[str],
                  on_done: Callable[[dict[int, Translation]], None] | None = None) -> list[Translation]:
        return self.engine(step).translate(sentences, on_done=on_done)

    def describe(self, step: Step) -> dict:
        key = engine_key(step, self.options)
        engine = self._engines.get(key)
        if engine is not None:
            return describe_engine(engine, step)
        if key not in self._described:  # a step answered from the memory: resolve its model once
            self._described[key] = describe_engine(None, step)
        return self._described[key]

    def close(self) -> None:
        """Nothing to release: the engines go with this object (and `describe` keeps answering)."""
