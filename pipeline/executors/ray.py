"""The Ray executor: a pool of Ray actors, each holding its engines for the whole run.

The driver keeps everything that reads or writes state (documents, the translation memory, the
journal, outputs); actors only turn a step's sentences into text and token log-probs, loaded
through the same loaders as the local executor, so greedy output is byte-identical. A chunk whose
actor dies is sent again to another (a replacement is started); its results reach the driver, and
so the memory and outputs, only once.
"""

from __future__ import annotations

import logging
import os
import queue
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from pipeline.config import Options, Step
from pipeline.engines.base import Translation
from pipeline.errors import PressMTError, UsageError
from pipeline.engines.threads import available_cores
from pipeline.executors.loaders import EngineKey, check_backend, describe_engine, engine_key
from pipeline.executors.local import LocalExecutor

#: Tries of one chunk on successive actors before the run stops: one dead actor is an incident,
#: a chunk that kills every actor it meets (out of memory, a crashing model) is not worth more.
MAX_TRIES = 3
#: The object store only carries sentences and results: a small one spares a laptop's /dev/shm.
LOCAL_OBJECT_STORE_BYTES = 256 * 1024**2
PROBE_SECONDS = 5

Row = tuple[str, list[float], bool]  # what crosses the wire per sentence: text, token log-probs, split


class EngineActor:
    """Lives in a Ray worker process; answers in plain lists, so no pressmt object crosses the wire."""

    def __init__(self, options: Options) -> None:
        self.local = LocalExecutor(options)

    def translate(self, step: Step, sentences: list[str]) -> tuple[list[Row], dict]:
        done = self.local.translate(step, sentences)
        return [(t.text, t.token_logprobs, t.split) for t in done], self.local.describe(step)


@dataclass(eq=False)
class _Worker:
    actor: Any
    engines: set[EngineKey] = field(default_factory=set)  # steps this actor has loaded


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise UsageError('--executor ray needs Ray: pip install "pressmt[ray]"') from None
    return ray


#: An HTTP/2 client's opening (RFC 9113 §3.4): the connection preface and an empty SETTINGS frame.
_HTTP2_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + bytes([0, 0, 0, 4, 0, 0, 0, 0, 0])
_HTTP2_SETTINGS = 4


def _probe(address: str) -> None:
    """Fail in seconds with one line unless a gRPC server (as Ray's GCS and Ray Client are) answers
    at HOST:PORT: Ray itself retries for minutes, logging from C++ meanwhile, both when nothing
    listens and when another service does."""
    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if not sep or not port.isdigit():
        raise UsageError(f"--ray-address {address}: expected auto or HOST:PORT")
    try:
        with socket.create_connection((host, int(port)), timeout=PROBE_SECONDS) as conn:
            conn.sendall(_HTTP2_PREFACE)
            answer = conn.recv(9)  # a gRPC server's first frame is its SETTINGS
    except TimeoutError:
        answer = b""
    except OSError as exc:
        raise UsageError(f"--ray-address {address}: no Ray cluster answers there ({exc.strerror or exc})") from None
    if len(answer) < 4 or answer[3] != _HTTP2_SETTINGS:
        raise UsageError(f"--ray-address {address}: the service there is not a Ray cluster "
                         f"(no gRPC answer within {PROBE_SECONDS} s)")


class RayExecutor:
    """`options.workers` actors of `options.threads` CPUs each (1 when unset; default: as many as
    the cluster's CPUs hold), on the cluster at `address` ("auto", HOST:PORT) or on a Ray started
    in this process over this machine's cores (stopped again by `close`)."""

    def __init__(self, options: Options, *, address: str | None = None) -> None:
        check_backend(options)
        if address and address != "auto":
            _probe(address)
        self._ray = ray = _import_ray()
        threads = options.threads or 1
        # Each actor decodes one batch at a time on its own threads (see engines/threads.py).
        self.options = replace(options, threads=threads, workers=None)
        self._lock = threading.Lock()
        self._workers: list[_Worker] = []
        self._idle: queue.Queue[_Worker | None] = queue.Queue()  # None: closed
        self._closed = False
        self._owns_ray = not ray.is_initialized()
        if self._owns_ray:
            self._start_ray(address)
        cpus = int(ray.cluster_resources().get("CPU", 0))
        workers = options.workers or max(1, cpus // threads)
        if workers * threads > cpus:  # Ray would queue the actors beyond its CPUs for ever
            self.close()
            raise UsageError(f"--workers {workers} with --threads {threads} needs {workers * threads} CPUs; "
                             f"the Ray cluster has {cpus}: give --workers {max(1, cpus // threads)} at most")
        gpus = 1 if options.device == "cuda" else 0
        self._actor_class = ray.remote(num_cpus=threads, num_gpus=gpus, max_restarts=0)(EngineActor)
        self._workers = [_Worker(self._actor_class.remote(self.options)) for _ in range(workers)]
        for worker in self._workers:
            self._idle.put(worker)
        self.chunks_in_flight = workers + 1  # every actor busy, and the next chunk ready for the first free one
        self.loads: dict[EngineKey, int] = {}
        self._described: dict[EngineKey, dict] = {}

    def _start_ray(self, address: str | None) -> None:
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # offline press offices: no phoning home
        quiet = {"logging_level": logging.ERROR, "log_to_driver": False}
        try:
            if address:
                self._ray.init(address=address, **quiet)
            else:
                self._ray.init(address="local", num_cpus=available_cores(),
                               include_dashboard=False, object_store_memory=LOCAL_OBJECT_STORE_BYTES, **quiet)
        except (ConnectionError, ValueError, RuntimeError) as exc:
            where = f"the Ray cluster at {address}" if address else "a local Ray"
            raise UsageError(f"cannot start or reach {where}: {str(exc).strip().splitlines()[0]}") from None

    @property
    def actors(self) -> list[Any]:
        """The live actor handles (tests kill one to check that nothing is lost)."""
        with self._lock:
            return [w.actor for w in self._workers]

    def translate(self, step: Step, sentences: list[str],
                  on_done: Callable[[dict[int, Translation]], None] | None = None) -> list[Translation]:
        """Run the step on the next free actor; a dead actor's chunk goes to another."""
        for _ in range(MAX_TRIES):
            answer = self._try(step, sentences)
            if answer is not None:
                break
        else:
            raise PressMTError(f"a chunk of {len(sentences)} sentences failed on {MAX_TRIES} Ray workers in turn "
                               "(each died while translating it); rerun with --resume")
        done = [Translation(text, logprobs, split) for text, logprobs, split in answer]
        if on_done and done:
            on_done(dict(enumerate(done)))
        return done

    def _try(self, step: Step, sentences: list[str]) -> list[Row] | None:
        """One try on the next free actor: its rows, or None when it died (it is replaced)."""
        errors = self._ray.exceptions
        worker = self._idle.get()
        if worker is None:  # closed (the run was interrupted): pass the word on to the next waiter
            self._idle.put(None)
            raise PressMTError("the Ray executor was closed")
        try:
            rows, described = self._ray.get(worker.actor.translate.remote(step, sentences))
        except errors.RayActorError:
            if self._closed:
                raise PressMTError("the Ray executor was closed") from None
            self._replace(worker)
            return None
        except errors.RayTaskError as exc:  # the engine failed there: a usage error stays one line
            self._idle.put(worker)
            if isinstance(exc.cause, PressMTError):
                raise PressMTError(str(exc.cause)) from None
            raise
        except BaseException:  # interrupted while waiting: the actor finishes its call on its own
            self._idle.put(worker)
            raise
        key = engine_key(step, self.options)
        with self._lock:
            if key not in worker.engines:
                worker.engines.add(key)
                self.loads[key] = self.loads.get(key, 0) + 1
            self._described[key] = described
        self._idle.put(worker)
        return rows

    def _replace(self, dead: _Worker) -> None:
        try:
            self._ray.kill(dead.actor, no_restart=True)
        except Exception:  # noqa: BLE001 (already gone: nothing to release)
            pass
        fresh = _Worker(self._actor_class.remote(self.options))
        with self._lock:
            self._workers = [fresh if w is dead else w for w in self._workers]
        self._idle.put(fresh)

    def describe(self, step: Step) -> dict:
        key = engine_key(step, self.options)
        with self._lock:
            if key not in self._described:  # never reached an actor: every sentence came from the memory
                self._described[key] = describe_engine(None, step)
            return self._described[key]

    def close(self) -> None:
        """Kill the actors, and stop (or disconnect from) the Ray this executor started."""
        with self._lock:
            workers, self._workers = self._workers, []
            self._closed = True
        self._idle.put(None)  # chunk threads still waiting for an actor (an interrupted run) give up
        for worker in workers:
            try:
                self._ray.kill(worker.actor, no_restart=True)
            except Exception:  # noqa: BLE001 (already gone)
                pass
        if self._owns_ray:
            self._ray.shutdown()
            self._owns_ray = False
