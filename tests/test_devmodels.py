"""The offline Marian builder: real checkpoints that load like OPUS-MT ones, deterministic and trainable."""

from __future__ import annotations

import json

import sacrebleu
import torch
from safetensors.torch import load_file
from transformers import MarianMTModel, MarianTokenizer

from pipeline.devmodels import SMALL_KK_TARGET_TOKENS, build_marian, main, small_corpus

RU = ["Аким области посетил Экибастуз.", "Нет.", "У меня есть две кошки.", "Завод открылся в 2023 году."] * 3
EN = ["The akim of the region visited Ekibastuz.", "No.", "I have two cats.", "The plant opened in 2023."] * 3


def test_small_models_load_like_opus_mt(small_models):
    for lang, path in small_models.items():
        assert (path / "model.safetensors").is_file()
        assert not (path / "pytorch_model.bin").exists()
        assert {"source.spm", "target.spm", "vocab.json"} <= {p.name for p in path.iterdir()}
        tok = MarianTokenizer.from_pretrained(path)
        model = MarianMTModel.from_pretrained(path, use_safetensors=True)
        vocab = tok.get_vocab()
        assert vocab["</s>"] == 0 and vocab["<pad>"] == len(vocab) - 1 == model.config.pad_token_id
        assert model.config.decoder_start_token_id == model.generation_config.decoder_start_token_id == vocab["<pad>"]
        assert model.config.vocab_size == len(vocab)
    kk_vocab = MarianTokenizer.from_pretrained(small_models["kk"]).get_vocab()
    assert set(SMALL_KK_TARGET_TOKENS) <= set(kk_vocab)
    assert not any(t.startswith(">>") for t in MarianTokenizer.from_pretrained(small_models["en"]).get_vocab())


def test_training_makes_small_en_model_reproduce_its_corpus(small_models, tmp_path):
    """Evidence that the build's brief training is worth its seconds: chrF on seen sentences jumps."""
    rows = small_corpus()[0][:24]
    src, ref = [r[0] for r in rows], [r[1] for r in rows]

    def chrf(path) -> float:
        tok, model = MarianTokenizer.from_pretrained(path), MarianMTModel.from_pretrained(path)
        with torch.inference_mode():
            out = model.generate(**tok(src, return_tensors="pt", padding=True), num_beams=1, max_length=64)
        return sacrebleu.corpus_chrf(tok.batch_decode(out, skip_special_tokens=True), [ref]).score

    untrained = build_marian(tmp_path / "untrained", src_corpus=src * 4, tgt_corpus=ref * 4)
    assert chrf(small_models["en"]) > chrf(untrained) + 20


def test_build_is_deterministic_and_pads_vocabulary(tmp_path):
    a = build_marian(tmp_path / "a", src_corpus=RU, tgt_corpus=EN, vocab_size=60, pad_vocab_to=300,
                     target_tokens=(">>eng<<",), train_steps=3, seed=7)
    b = build_marian(tmp_path / "b", src_corpus=RU, tgt_corpus=EN, vocab_size=60, pad_vocab_to=300,
                     target_tokens=(">>eng<<",), train_steps=3, seed=7)
    wa, wb = load_file(a / "model.safetensors"), load_file(b / "model.safetensors")
    assert wa.keys() == wb.keys() and all(torch.equal(wa[k], wb[k]) for k in wa)
    vocab = json.loads((a / "vocab.json").read_text(encoding="utf-8"))
    assert len(vocab) == 300 and vocab["<pad>"] == 299 and vocab[">>eng<<"] == 2
    model = MarianMTModel.from_pretrained(a)
    assert model.config.vocab_size == 300 and model.get_input_embeddings().weight.shape[0] == 300
    # The target token is read as a prefix, not split into pieces by SentencePiece.
    ids = MarianTokenizer.from_pretrained(a)(">>eng<< Нет.")["input_ids"]
    assert ids[0] == vocab[">>eng<<"]


def test_command_line_usage_error(capsys):
    assert main([]) == 2
    assert "usage: python -m pipeline.devmodels OUT_DIR" in capsys.readouterr().err
