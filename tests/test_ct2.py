"""CTranslate2 conversion and engine on the small real Marian models: same text as the HF engine."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest
from safetensors.torch import load_file, save_file

from pipeline.engines.convert import convert_marian, start_embedding_norm
from pipeline.engines.ct2 import CT2Engine
from pipeline.engines.hf import HFEngine
from pipeline.errors import ModelNotAvailable, PressMTError


def _with_start_row(src: Path, dst: Path, value: float) -> Path:
    """Copy a Marian checkpoint, setting its decoder-start (<pad>) embedding row to `value`."""
    shutil.copytree(src, dst)
    weights = load_file(dst / "model.safetensors")
    start = json.loads((dst / "config.json").read_text())["decoder_start_token_id"]
    for name in ("model.shared.weight", "model.decoder.embed_tokens.weight"):
        if name in weights:
            weights[name][start] = value
    save_file(weights, dst / "model.safetensors", metadata={"format": "pt"})
    return dst


@pytest.fixture(scope="module")
def opus_like_en(small_models: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small ru→en model with a zero <pad> row, as in every OPUS-MT checkpoint (CTranslate2 relies on it)."""
    return _with_start_row(small_models["en"], tmp_path_factory.mktemp("opus-like") / "ru-en", 0.0)


@pytest.fixture(scope="module")
def converted(small_models: dict[str, Path], opus_like_en: Path,
              tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("ct2")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the dev models' non-zero <pad> row: see test_warns_on_non_zero_start_row
        return {
            "en-int8": convert_marian(str(opus_like_en), out / "en-int8"),
            "en-float32": convert_marian(str(opus_like_en), out / "en-float32", quantization="float32"),
            "kk-int8": convert_marian(str(small_models["kk"]), out / "kk-int8"),
        }


@pytest.fixture(scope="module")
def sentences(shared_dir: Path) -> list[str]:
    with (shared_dir / "data" / "flores200" / "dev.ru").open(encoding="utf-8") as fh:
        return [next(fh).strip() for _ in range(24)]


def test_conversion_writes_model_and_tokenizer(converted: dict[str, Path]) -> None:
    for folder in converted.values():
        names = {p.name for p in folder.iterdir()}
        assert {"model.bin", "config.json", "source.spm", "target.spm", "vocab.json", "tokenizer_config.json"} <= names
        assert "decoder_start_token" in json.loads((folder / "config.json").read_text())  # CTranslate2's config
    assert not [p for p in converted["en-int8"].parent.iterdir() if p.name.startswith(".")]  # no temp left
    # int8 stores weights in a quarter of the float32 size (embeddings dominate these small models)
    assert (converted["en-int8"] / "model.bin").stat().st_size < 0.5 * (converted["en-float32"] / "model.bin").stat().st_size


def test_conversion_errors_are_clear(small_models: dict[str, Path], converted: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(PressMTError, match="already exists"):
        convert_marian(str(small_models["en"]), converted["en-int8"])  # nothing written before this check
    with pytest.raises(PressMTError, match="quantization"):
        convert_marian(str(small_models["en"]), tmp_path / "x", quantization="int3")
    with pytest.raises(PressMTError, match="not a MarianMT checkpoint"):
        convert_marian(str(converted["en-int8"]), tmp_path / "y")  # already converted: no weights to read
    with pytest.raises(ModelNotAvailable):
        convert_marian("Helsinki-NLP/opus-mt-xx-yy", tmp_path / "z")  # offline, not cached
    with pytest.raises(ModelNotAvailable, match="pressmt models convert"):
        CT2Engine(str(small_models["en"]))  # a transformers folder, not converted


def test_warns_on_non_zero_start_row(opus_like_en: Path, tmp_path: Path) -> None:
    assert start_embedding_norm(opus_like_en) == 0.0
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*decoder-start")
        convert_marian(str(opus_like_en), tmp_path / "clean", quantization="float32")
    odd = _with_start_row(opus_like_en, tmp_path / "odd", 0.5)
    assert start_embedding_norm(odd) == pytest.approx(0.5 * json.loads((odd / "config.json").read_text())["d_model"])
    with pytest.warns(UserWarning, match="not translate exactly like transformers"):
        convert_marian(str(odd), tmp_path / "odd-ct2", quantization="float32")


@pytest.mark.parametrize("variant", ["en-int8", "en-float32"])
def test_translates_in_order_with_blanks_kept(converted: dict[str, Path], sentences: list[str], variant: str) -> None:
    compute_type = variant.split("-")[1]
    engine = CT2Engine(str(converted[variant]), compute_type=compute_type, beams=4, batch_size=5, threads=1)
    assert engine.target_token is None  # direct model: no prefix
    inputs = sentences[:10] + ["  "] + sentences[10:16]
    out = engine.translate(inputs)
    assert len(out) == len(inputs)
    assert out[10].text == "" and out[10].confidence is None
    kept = [t for i, t in enumerate(out) if i != 10]
    assert all(t.text.strip() for t in kept)
    assert all(t.confidence is not None and t.confidence < 0 for t in kept)
    assert len({t.text for t in kept}) > len(kept) // 2  # outputs depend on the input
    # order: each sentence translated on its own gives the output found at its index
    alone = [engine.translate([s])[0].text for s in inputs[:6]]
    assert sum(a == b.text for a, b in zip(alone, out[:6])) >= 5


def test_multi_target_prefix_is_detected_and_applied(converted: dict[str, Path], sentences: list[str]) -> None:
    kk = CT2Engine(str(converted["kk-int8"]), target_lang="kk", beams=2)
    assert kk.target_token == ">>kaz<<"
    to_en = CT2Engine(str(converted["kk-int8"]), target_lang="en", beams=2)
    assert to_en.target_token == ">>eng<<"
    kk_out = [t.text for t in kk.translate(sentences[:12])]
    en_out = [t.text for t in to_en.translate(sentences[:12])]
    assert all(kk_out) and all(en_out)
    assert sum(a != b for a, b in zip(kk_out, en_out)) >= 6  # the prefix reaches the model
    with pytest.raises(PressMTError, match="no target token for 'de'"):
        CT2Engine(str(converted["kk-int8"]), target_lang="de")


def test_greedy_float32_matches_hf(opus_like_en: Path, converted: dict[str, Path], sentences: list[str]) -> None:
    hf = HFEngine(str(opus_like_en), beams=1, device="cpu").translate(sentences)
    ct2 = CT2Engine(str(converted["en-float32"]), beams=1, compute_type="float32", device="cpu").translate(sentences)
    pairs = [(a, b) for a, b in zip(hf, ct2) if a.text == b.text]
    # Float rounding differs between the two runtimes, so a near-tie may flip a token now and then.
    assert len(pairs) >= 0.8 * len(sentences), \
        f"only {len(pairs)}/{len(sentences)} identical; first difference: {next((a.text, b.text) for a, b in zip(hf, ct2) if a.text != b.text)}"
    # and the confidence QE ranks by is on the same scale: CT2's sequence score is HF's mean log-prob
    assert all(abs(a.confidence - b.confidence) < 0.01 for a, b in pairs)


def test_sequence_confidence_equals_exact_token_scores(converted: dict[str, Path], sentences: list[str]) -> None:
    path = str(converted["en-float32"])
    fast = CT2Engine(path, compute_type="float32").translate(sentences[:8])
    exact = CT2Engine(path, compute_type="float32", exact_logprobs=True).translate(sentences[:8])
    for f, e in zip(fast, exact):
        assert f.text == e.text
        assert len(f.token_logprobs) == len(e.token_logprobs)  # one entry per generated token, EOS included
        assert f.confidence == pytest.approx(e.confidence, abs=0.02)
    assert any(len(set(e.token_logprobs)) > 1 for e in exact)  # exact values really are per token


def test_decode_options_fix_output_length(converted: dict[str, Path], sentences: list[str]) -> None:
    engine = CT2Engine(str(converted["en-int8"]), decode_options={"min_decoding_length": 7, "max_decoding_length": 7})
    assert all(len(t.token_logprobs) == 7 for t in engine.translate(sentences[:6]))


def test_outputs_are_cut_to_their_own_budget_and_rescored(converted: dict[str, Path], sentences: list[str]) -> None:
    from pipeline.engines.batching import max_new_tokens_for

    path = str(converted["en-float32"])
    short, long = "Привет.", sentences[0]
    budgets = [max_new_tokens_for(len(CT2Engine(path).tokenizer(s)["input_ids"])) for s in (short, long)]
    assert budgets[0] < budgets[1]
    # both decode up to the long sentence's budget (the batch's), then the short one is cut to its own
    engine = CT2Engine(path, compute_type="float32", decode_options={"min_decoding_length": budgets[1]})
    out = engine.translate([short, long])
    assert [len(t.token_logprobs) for t in out] == budgets
    assert len(set(out[0].token_logprobs)) > 1  # its sequence score covered the uncut run: re-scored per token
    assert len(set(out[1].token_logprobs)) == 1  # uncut: the sequence mean, no second pass
