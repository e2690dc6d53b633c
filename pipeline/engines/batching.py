"""Length-sorted dynamic batching, the length rules every backend shares, and the splitting of
sentences too long for the model.

A model has a fixed number of positions (512 for OPUS-MT): longer input used to be truncated, and
the words beyond the cut silently vanished. Such a sentence is now cut into pieces the model can
take whole, at clause boundaries first, and the pieces' translations are joined and marked `split`.
Kept free of torch so the CTranslate2 backend and tests can use it without loading PyTorch.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Executor, wait
from typing import Any

from pipeline.engines.base import Translation

#: No translation is allowed more new tokens than this, whatever the source length.
MAX_NEW_TOKENS_CAP = 512

#: Where a long sentence may be cut, strongest boundary first: after ; or :, before a spaced dash,
#: after a comma, then at any space. Text with none of them is cut into character windows.
_BREAKS = (re.compile(r"(?<=[;:])\s+"), re.compile(r"\s+(?=[—–-]\s)"), re.compile(r"(?<=,)\s+"),
           re.compile(r"\s+"))


def output_cap(max_positions: int) -> int:
    """The most tokens one translation may have: the decoder's positions also hold its start token
    and the end token, so a budget beyond this would index past the position embeddings."""
    return max(1, min(MAX_NEW_TOKENS_CAP, max_positions - 2))


def max_new_tokens_for(source_len: int, cap: int = MAX_NEW_TOKENS_CAP) -> int:
    """Room for a translation twice the source length (Kazakh agglutination runs long), capped."""
    return min(2 * source_len + 10, cap)


def piece_limit(max_positions: int) -> int:
    """The longest input (ids, target token and </s> included) translated in one piece: one whose
    whole output budget still fits the decoder, so neither its input nor its output is ever cut."""
    return max(8, (output_cap(max_positions) - 10) // 2)


def split_to_fit(text: str, count: Callable[[str], int], limit: int, level: int = 0) -> list[str]:
    """Cut `text` into consecutive pieces of at most `limit` tokens (as `count` measures them) at the
    strongest boundary that works; joining the pieces with spaces gives back every word of `text`."""
    if count(text) <= limit:
        return [text]
    if level == len(_BREAKS):
        return _char_windows(text, count, limit)
    parts = [p for p in _BREAKS[level].split(text) if p]
    if len(parts) == 1:
        return split_to_fit(text, count, limit, level + 1)
    pieces: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current} {part}" if current else part
        if count(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        if count(part) <= limit:
            current = part
        else:
            pieces.extend(split_to_fit(part, count, limit, level + 1))
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _char_windows(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Longest prefixes that fit, found by bisection: for a run of text without any space."""
    pieces = []
    while text:
        lo, hi = 1, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if count(text[:mid]) <= limit else (lo, mid - 1)
        pieces.append(text[:lo])
        text = text[lo:]
    return pieces


def join_pieces(parts: list[Translation]) -> Translation:
    """One sentence's translation from its pieces' translations, in order; `split` when there were several."""
    if len(parts) == 1:
        return parts[0]
    return Translation(" ".join(p.text for p in parts if p.text),
                       [lp for p in parts for lp in p.token_logprobs], split=True)


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
                         max_positions: int, max_batch_tokens: int, batch_size: int,
                         decode: Callable[[list[list[int]]], list[Translation]],
                         on_done: Callable[[dict[int, Translation]], None] | None = None,
                         pool: Executor | None = None) -> list[Translation]:
    """Tokenise once (with the target-token prefix), split sentences longer than the model takes,
    batch by length, `decode` each batch of ids, and return translations in input order.

    Blank sentences come back blank without a model call. `on_done` gets each batch's finished
    sentences (index → translation) as soon as they are complete, so a caller can store them before
    the rest of a long list is translated. With a `pool` (the engine's batch workers, shared by every
    call, so calls made at once queue their batches behind each other and the engine never has more
    batches in flight than workers), the batches are decoded there (`decode` must be thread-safe and
    release the GIL while it computes); without one, in this thread. The batches themselves are
    planned the same either way, so every output is the same whatever the number of workers.
    """
    report = on_done or (lambda done: None)
    results = [Translation("") for _ in sentences]
    todo = [i for i, s in enumerate(sentences) if s.strip()]
    if blank := {i: results[i] for i in range(len(sentences)) if not sentences[i].strip()}:
        report(blank)
    if not todo:
        return results
    prefix = f"{target_token} " if target_token else ""
    limit = piece_limit(max_positions)

    def encode(text: str) -> list[int]:
        return tokenizer(prefix + text, verbose=False)["input_ids"]

    owners: list[tuple[int, int]] = []  # per piece: (sentence index, piece number)
    ids: list[list[int]] = []
    for i, sentence_ids in zip(todo, tokenizer([prefix + sentences[i].strip() for i in todo],
                                               verbose=False)["input_ids"]):
        # A sentence over the limit is cut into clause groups of a third of it: pieces the size of an
        # ordinary long sentence, which models translate far more completely than 250-token inputs.
        pieces = [sentence_ids] if len(sentence_ids) <= limit else \
            [encode(p) for p in split_to_fit(sentences[i].strip(), lambda t: len(encode(t)), limit // 3)]
        owners += [(i, n) for n in range(len(pieces))]
        ids += pieces
    parts: dict[int, list[Translation | None]] = {}
    for i, _ in owners:
        parts.setdefault(i, []).append(None)

    def finish(batch: list[int], translations: list[Translation]) -> None:
        done: dict[int, Translation] = {}
        for j, translation in zip(batch, translations):
            i, n = owners[j]
            parts[i][n] = translation
            if all(p is not None for p in parts[i]):
                results[i] = done[i] = join_pieces(parts[i])  # type: ignore[arg-type]
        if done:
            report(done)

    batches = plan_batches([len(x) for x in ids], max_batch_tokens=max_batch_tokens, batch_size=batch_size)
    if pool is None:
        for batch in batches:
            finish(batch, decode([ids[j] for j in batch]))
        return results
    # Costliest batches first (padded tokens), so no worker is left with a long one at the end.
    by_cost = sorted(batches, key=lambda b: -len(b) * max(len(ids[j]) for j in b))
    pending = {pool.submit(decode, [ids[j] for j in batch]): batch for batch in by_cost}
    try:
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                finish(pending.pop(future), future.result())
    finally:  # an error or interrupt: this call's batches not yet started are dropped
        for future in pending:
            future.cancel()
    return results
