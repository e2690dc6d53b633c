"""The one interface every backend implements: a batch of sentences in, text and token log-probs out;
and the registry of backends (`--backend`), one `Backend` plug-in each, which loads an `Engine`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from pipeline.registry import Plugin, Registry

if TYPE_CHECKING:
    from pipeline.config import Options, Step


@dataclass
class Translation:
    """One translated sentence with the log-probability the model gave each generated token;
    `split` when the sentence was too long for the model and was translated in pieces."""

    text: str
    token_logprobs: list[float] = field(default_factory=list)
    split: bool = False

    @property
    def confidence(self) -> float | None:
        """Mean token log-prob: the model's own confidence, used for QE ranking."""
        if not self.token_logprobs:
            return None
        return sum(self.token_logprobs) / len(self.token_logprobs)


class Engine(Protocol):
    """A loaded model that translates into one fixed target language."""

    model_id: str
    revision: str | None

    def translate(self, sentences: list[str],
                  on_done: Callable[[dict[int, Translation]], None] | None = None) -> list[Translation]:
        """Translate in input order; implementations batch and sort by length internally and pass
        each finished batch (index → translation) to `on_done`."""
        ...


class Backend(Plugin, ABC):
    """A way to run a model (`--backend`): loads the engine of one route step. Its module must be
    light to import (the CLI lists backends in its help): import the library inside `load`."""

    options = ("--device", "--beams", "--batch-size", "--threads", "--workers")

    @abstractmethod
    def load(self, step: Step, options: Options) -> Engine:
        """The engine for `step`, built with the run's `options`; PressMTError when it cannot be."""


#: Every backend, by name; `pipeline.executors.loaders` registers the built-in ones.
BACKENDS: Registry[Backend] = Registry("backend", option="--backend", modules=("pipeline.executors.loaders",))
