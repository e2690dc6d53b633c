"""Executors: where the engine work of a run happens (this process, or a pool of Ray actors)."""

from pipeline.executors.base import EXECUTORS, Executor, make_executor

__all__ = ["EXECUTORS", "Executor", "make_executor"]
