"""Length-sorted dynamic batching and the length rule every backend shares.

Kept free of torch so the CTranslate2 backend and tests can use it without loading PyTorch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline.engines.base import Translation

#: No translation is allowed more new tokens than this, whatever the source length.
MAX_NEW_TOKENS_CAP = 512


def max_new_tokens_for(source_len: int, cap: int = MAX_NEW_TOKENS_CAP) -> int:
    """Room for a translation twice the source length (Kazakh agglutination runs long), capped."""
    return min(2 * source_len + 10, cap)


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


def translate_in_batches(tokenizer: Any, sentences: list[str], target_token: str | None, *,
                         max_batch_tokens: int, batch_size: int,
                         decode: Callable[[list[list[int]]], list[Translation]]) -> list[Translation]:
    """Tokenise once (with the target-token prefix), batch by length, `decode` each batch of ids,
    and return translations in input order; blank sentences come back blank without a model call."""
    results = [Translation("") for _ in sentences]
    todo = [i for i, s in enumerate(sentences) if s.strip()]
    if not todo:
        return results
    prefix = f"{target_token} " if target_token else ""
    limit = min(tokenizer.model_max_length, MAX_NEW_TOKENS_CAP)
    ids = tokenizer([prefix + sentences[i].strip() for i in todo], truncation=True, max_length=limit)["input_ids"]
    for batch in plan_batches([len(x) for x in ids], max_batch_tokens=max_batch_tokens, batch_size=batch_size):
        for j, translation in zip(batch, decode([ids[j] for j in batch])):
            results[todo[j]] = translation
    return results
