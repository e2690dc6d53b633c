"""The order in which chunks translated at once consult the translation memory.

A runner keeps two chunks (or, with Ray, more) in flight so the model never waits at a chunk's
end. With a memory, a chunk run alone would find every sentence of the chunks before it already
stored; run at once, those may still be in a batch. So each chunk takes its turn, per engine, in
the order the runner began them: it looks the memory up only after every earlier chunk has looked
up (and claimed the sentences it will translate), and waits for the sentences an earlier chunk
claimed instead of translating them again. Which sentences each chunk sends to the model, and so
every batch, is then exactly that of chunks run one after another.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager


class ChunkOrder:
    """Turns per key (an engine) among the chunks begun and not yet ended, lowest number first."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._next = 0
        self._open: dict[int, set[Hashable]] = {}  # begun, not ended: number → keys it has had its turn at

    def begin(self) -> int:
        """A number for the next chunk; call in the order the chunks are made."""
        with self._changed:
            number = self._next
            self._next += 1
            self._open[number] = set()
            return number

    def end(self, number: int) -> None:
        """The chunk is done (or failed): it holds no later chunk's turn any more."""
        with self._changed:
            self._open.pop(number, None)
            self._changed.notify_all()

    @contextmanager
    def turn(self, number: int | None, key: Hashable) -> Iterator[None]:
        """Wait until every earlier open chunk has had its turn at `key` (None: no order kept)."""
        if number is None:
            yield
            return
        with self._changed:
            self._changed.wait_for(lambda: all(key in done for n, done in self._open.items() if n < number))
        try:
            yield
        finally:
            with self._changed:
                if number in self._open:
                    self._open[number].add(key)
                self._changed.notify_all()
