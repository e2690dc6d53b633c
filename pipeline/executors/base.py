"""Where engine work runs: one small interface, and a registry (`--executor`) of the executors that implement it.

The engine pool (memo, translation memory, pivots) stays in the driver whatever the executor; an
executor only turns one route step's sentences into translations, here or on other machines.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import Protocol

from pipeline.config import Options, Step
from pipeline.engines.base import Translation
from pipeline.executors.loaders import EngineKey
from pipeline.registry import Plugin, Registry


class Executor(Protocol):
    """Runs the engine of one route step on a list of sentences."""

    #: How many chunks the runner may translate at once: 2 in-process (the engine's batch workers take
    #: the next chunk's batches as the last ones of a chunk finish), one per actor (plus one being
    #: prepared) on Ray, so no actor waits for the driver.
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


class ExecutorPlugin(Plugin, ABC):
    """An executor as `--executor` names it. Its module must be light to import (the CLI lists
    executors in its help): import the executor itself, and any extra it needs, inside `make`."""

    @abstractmethod
    def make(self, options: Options, given: Mapping[str, object]) -> Executor:
        """The executor of one run; `given` holds the values of this plug-in's own `options`
        (option name → value, None when not given)."""


#: Every executor, by name.
EXECUTORS: Registry[ExecutorPlugin] = Registry("executor", option="--executor")

#: Class decorator: make an executor available to `--executor`.
register = EXECUTORS.register


@register
class LocalPlugin(ExecutorPlugin):
    """Engines in this process, their batches in parallel (`--workers`, `--threads`)."""

    name = "local"
    options = ("--workers", "--threads")

    def describe(self) -> str:
        return "this process"

    def make(self, options: Options, given: Mapping[str, object]) -> Executor:
        from pipeline.executors.local import LocalExecutor

        return LocalExecutor(options)


@register
class RayPlugin(ExecutorPlugin):
    """A pool of Ray actors, each loading its models once, on this machine or a cluster. Imported
    only here: `ray` is an extra."""

    name = "ray"
    options = ("--workers", "--threads", "--ray-address")

    def describe(self) -> str:
        return "Ray actors, here or on a cluster; needs pressmt installed with its ray extra"

    def make(self, options: Options, given: Mapping[str, object]) -> Executor:
        from pipeline.executors.ray import RayExecutor

        return RayExecutor(options, address=given.get("--ray-address"))  # type: ignore[arg-type]


def make_executor(name: str, options: Options, *, address: str | None = None) -> Executor:
    """The executor `--executor NAME` asks for; a wrong name, or an option it does not read
    (`--ray-address` with `local`), is one line (exit 2)."""
    given = {"--ray-address": address}
    EXECUTORS.check_options(name, given)
    return EXECUTORS.lookup(name).make(options, given)
