"""How an engine spends the CPU: how many batches it decodes at once, and threads per batch.

Measured on 2 cores (bench/parallel.py, bench/README.md): batches decoded side by side, one thread
each, beat one batch on every thread, by 1.6x on an OPUS-MT-shaped model and by far more on the
small models, whose matrices are too small for intra-op threads to pay (they spend their time
waiting on each other in the kernel). So on a CPU the default is one single-threaded worker per
core. `--threads` stays the whole budget and `--workers` the number of parallel batches; the
threads are shared out between the workers. A GPU runs one batch at a time: its parallelism is
inside the batch, and one model per device keeps its memory.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from pipeline.errors import UsageError


@dataclass(frozen=True)
class ThreadPlan:
    """`workers` batches decoded at once, each with `threads` intra-op threads (None: the library's
    default, used on a GPU)."""

    workers: int
    threads: int | None


def available_cores() -> int:
    """The cores this process may run on (its affinity mask: a container's or taskset's limit)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def plan_threads(*, threads: int | None, workers: int | None, device: str) -> ThreadPlan:
    """The plan for `--threads` (total budget; default: every available core) and `--workers`
    (parallel batches; default: one per thread of the budget). A GPU decodes one batch at a time."""
    if device == "cuda":
        return ThreadPlan(1, threads)
    budget = threads or available_cores()
    if workers is None:
        return ThreadPlan(budget, 1)
    if workers > budget:
        raise UsageError(f"--workers {workers} is more than the {budget} CPU threads of the budget "
                         f"({'--threads' if threads else 'the cores available'}); give at most {budget}")
    return ThreadPlan(workers, budget // workers)


def batch_workers(plan: ThreadPlan) -> ThreadPoolExecutor:
    """The engine's batch workers, one thread per planned worker, shared by all its calls: a runner
    translating two chunks at once queues the second's batches behind the first's, so the model is
    never left idle at a chunk's end nor given more batches at once than the plan allows."""
    return ThreadPoolExecutor(plan.workers, thread_name_prefix="pressmt-batch")
