"""Where engine work runs: one small interface, and a registry of the executors that implement it.

The engine pool (memo, translation memory, pivots) stays in the driver whatever the executor; an
executor only turns one route step's sentences into translations, here or on other machines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from pipeline.choices import check_choice
from pipeline.config import Options, Step
from pipeline.engines.base import Translation
from pipeline.errors import UsageError
from pipeline.executors.loaders import EngineKey


class Executor(Protocol):
    """Runs the engine of one route step on a list of sentences."""

    #: How many chunks the runner may translate at once: 1 in-process (its batches run in parallel
    #: inside the engine), one per actor (plus one being prepared) on Ray, so no actor waits for the driver.
    chunks_in_flight: int
    #: Engine loads per engine key (one per process that loaded it).
    loads: dict[EngineKey, int]

    def translate(self, step: Step, sentences: list[str],
                  on_done: Callable[[dict[int, Translation]], None] | None = None) -> list[Translation]:
        """`Engine.translate`'s contract: input order, blanks blank, `on_done` per finished part."""
        ...

    def describe(self, step: Step) -> dict:
        """{"path", "target_token"} of the engine behind `step`, identical whichever executor ran it."""
        ...

    def close(self) -> None:
        """Release workers (and a Ray started for this run); the pool calls it once at the end."""
        ...


def _local(options: Options, address: str | None) -> Executor:
    from pipeline.executors.local import LocalExecutor

    if address is not None:
        raise UsageError("--ray-address needs --executor ray")
    return LocalExecutor(options)


def _ray(options: Options, address: str | None) -> Executor:
    from pipeline.executors.ray import RayExecutor

    return RayExecutor(options, address=address)


#: Executor name → maker (options, --ray-address). Imported lazily: `ray` is an extra. Both read
#: `options.workers`: parallel batches in this process, or Ray actors.
EXECUTORS: dict[str, Callable[[Options, str | None], Executor]] = {"local": _local, "ray": _ray}


def make_executor(name: str, options: Options, *, address: str | None = None) -> Executor:
    """The executor `--executor NAME` asks for; a wrong name or option is one line (exit 2)."""
    check_choice("--executor", name, EXECUTORS, "executor")
    return EXECUTORS[name](options, address)
