"""HFEngine's per-token log-probs come from a teacher-forced scoring pass instead of
`generate(output_scores=True)` (which keeps every step's full-vocabulary scores). These tests hold
it to what transformers' own API gives: the same texts and every token's log-prob within 1e-4.
"""

from __future__ import annotations

import copy

import pytest
import torch
from test_engine_m2m import m2m_dir  # noqa: F401  (the tiny real M2M-100 checkpoint fixture)

from pipeline.engines import hf
from pipeline.engines.base import Translation
from pipeline.engines.batching import max_new_tokens_for, translate_in_batches
from pipeline.engines.hf import HFEngine

LONGEST_DEV_RU = 73  # the longest FLORES dev.ru sentence (158 pieces): cut into pieces by the engine


@pytest.fixture(scope="module")
def flores_ru(shared_dir) -> list[str]:
    lines = (shared_dir / "data" / "flores200" / "dev.ru").read_text(encoding="utf-8").splitlines()
    return lines[:29] + [lines[LONGEST_DEV_RU]]


def reference_decode(engine: HFEngine, ids: list[list[int]]) -> list[Translation]:
    """The engine's batch decoding as it was: `generate` keeps every step's scores and
    `compute_transition_scores` picks each chosen token's; the same budget cut and pad mask follow."""
    padded = engine.tokenizer.pad({"input_ids": ids}, return_tensors="pt")
    config = copy.deepcopy(engine.model.generation_config)
    config.max_length = 2 + max_new_tokens_for(max(map(len, ids)), engine.out_cap)
    config.num_beams, config.num_return_sequences = engine.beams, 1
    if engine.forced_bos_token_id is not None:
        config.forced_bos_token_id = engine.forced_bos_token_id
    with torch.inference_mode():
        out = engine.model.generate(**padded, generation_config=config, output_scores=True,
                                    renormalize_logits=True, return_dict_in_generate=True)
        scores = engine.model.compute_transition_scores(out.sequences, out.scores, getattr(out, "beam_indices", None))
    assert scores.shape[1] == out.sequences.shape[1] - 1  # one score per token after the start token
    return engine._translations(ids, out.sequences, scores)


def assert_same_as_generate_scores(engine: HFEngine, sentences: list[str]) -> None:
    ours = engine.translate(sentences)
    theirs = translate_in_batches(engine.tokenizer, sentences, engine.target_token, max_positions=engine.max_positions,
                                  max_batch_tokens=engine.max_batch_tokens, batch_size=engine.batch_size,
                                  decode=lambda ids: reference_decode(engine, ids))
    assert sum(len(t.token_logprobs) for t in theirs) > 20 * len(sentences)
    for source, a, b in zip(sentences, ours, theirs):
        assert a.text == b.text, source
        assert a.split == b.split
        assert len(a.token_logprobs) == len(b.token_logprobs), source
        assert a.token_logprobs == pytest.approx(b.token_logprobs, abs=1e-4, rel=0), source


@pytest.mark.parametrize("beams, positions_per_pass, min_new_tokens", [(1, None, 12), (4, 40, None)])
def test_marian_logprobs_match_generate_scores(small_models, flores_ru, monkeypatch, beams, positions_per_pass,
                                              min_new_tokens):
    """Greedy scored in one forward pass (the default budget holds these batches whole) under a
    checkpoint's minimum length, which bans </s> early on and so changes every early log-prob; beam 4
    in chunks of a few positions, the decoder cache carrying the earlier ones."""
    engine = HFEngine(str(small_models["en"]), beams=beams, threads=1)
    engine.model.generation_config.min_new_tokens = min_new_tokens
    if positions_per_pass:
        monkeypatch.setattr(hf, "SCORING_LOGITS_BUDGET", positions_per_pass * engine.model.config.vocab_size)
    assert_same_as_generate_scores(engine, flores_ru)


def test_multi_target_kazakh_logprobs_match_generate_scores(small_models, flores_ru, monkeypatch):
    engine = HFEngine(str(small_models["kk"]), target_lang="kk", beams=4, threads=1)
    monkeypatch.setattr(hf, "SCORING_LOGITS_BUDGET", 40 * engine.model.config.vocab_size)
    assert engine.target_token == ">>kaz<<"
    assert_same_as_generate_scores(engine, flores_ru)


@pytest.mark.parametrize("beams", [2, 1])
def test_m2m_forced_language_code_logprobs_match_generate_scores(m2m_dir, flores_ru, beams):  # noqa: F811
    engine = HFEngine(str(m2m_dir), target_lang="kk", beams=beams, threads=1)
    assert engine.forced_bos_token_id is not None
    assert_same_as_generate_scores(engine, flores_ru[:12])
