"""The HF engine on an M2M-100-style checkpoint: source language code, forced BOS target code.

A tiny real M2M100 model is built here (sentencepiece on FLORES dev, random weights), so the
language-code path runs for real; the Marian paths are covered in test_engine.py.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import torch
from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

from pipeline.devmodels import _train_spm
from pipeline.engines.hf import HFEngine
from pipeline.errors import PressMTError

SOURCES = ["Аким Экибастуза представил доклад.", "Сегодня в Казахстане 20 моногородов."]


@pytest.fixture(scope="module")
def m2m_dir(tmp_path_factory, shared_dir) -> Path:
    out = tmp_path_factory.mktemp("m2m")
    lines = []
    for lang in ("ru", "en", "kk"):
        lines += (shared_dir / "data" / "flores200" / f"dev.{lang}").read_text(encoding="utf-8").splitlines()[:150]
    pieces = _train_spm(lines, 800, out / "sentencepiece.bpe.model")
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece in pieces:
        vocab.setdefault(piece, len(vocab))
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tok = M2M100Tokenizer(vocab_file=str(out / "vocab.json"), spm_file=str(out / "sentencepiece.bpe.model"),
                          src_lang="ru", tgt_lang="en")
    torch.manual_seed(0)
    # the language codes (__ru__ … __zu__) get ids after the sentencepiece vocabulary
    config = M2M100Config(vocab_size=max(tok.lang_token_to_id.values()) + 1, d_model=32, encoder_layers=1, decoder_layers=1,
                          encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64,
                          decoder_ffn_dim=64, max_position_embeddings=256, pad_token_id=1, bos_token_id=0,
                          eos_token_id=2, decoder_start_token_id=2)
    model = M2M100ForConditionalGeneration(config).eval()
    model.generation_config.max_length = 40
    model.save_pretrained(out, safe_serialization=True)
    tok.save_pretrained(out)
    return out


def test_m2m_forces_the_target_language_code(m2m_dir):
    engine = HFEngine(str(m2m_dir), target_lang="kk", beams=2, threads=1)
    assert engine.target_token is None
    kk_id = engine.tokenizer.convert_tokens_to_ids("__kk__")
    assert engine.forced_bos_token_id == kk_id
    assert engine.tokenizer.src_lang == "ru"
    out = engine.translate(SOURCES + [""])
    assert out[-1].text == "" and len(out) == 3
    for t in out[:2]:
        assert t.token_logprobs and all(math.isfinite(x) and x <= 0 for x in t.token_logprobs)
        assert "__kk__" not in t.text  # the forced code is a special token, not output text
    en = HFEngine(str(m2m_dir), target_lang="en", beams=1, threads=1)
    assert en.forced_bos_token_id == en.tokenizer.convert_tokens_to_ids("__en__") != kk_id


def test_m2m_unknown_target_code_fails_clearly(m2m_dir):
    with pytest.raises(PressMTError, match="no language code __xx__"):
        HFEngine(str(m2m_dir), target_lang="kk", tgt_lang="xx")
