"""Length-sorted dynamic batching: group sentences so padding and memory stay small.

Kept free of torch so the CTranslate2 backend and tests can use it without a model.
"""

from __future__ import annotations


def plan_batches(lengths: list[int], *, max_batch_tokens: int, batch_size: int) -> list[list[int]]:
    """Group indices of `lengths` (token counts) into batches, shortest sentences first.

    A batch costs `len(batch) * longest` tokens once padded; a batch is closed before that would
    exceed `max_batch_tokens` or before it holds more than `batch_size` sentences. A sentence longer
    than `max_batch_tokens` on its own still gets a batch of one, so nothing is ever dropped.
    Every index appears exactly once; callers restore input order from the index lists.
    """
    if max_batch_tokens < 1 or batch_size < 1:
        raise ValueError("max_batch_tokens and batch_size must be at least 1")
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for i in order:
        longer = max(longest, lengths[i])
        if current and (len(current) >= batch_size or (len(current) + 1) * longer > max_batch_tokens):
            batches.append(current)
            current, longer = [], lengths[i]
        current.append(i)
        longest = longer
    if current:
        batches.append(current)
    return batches
