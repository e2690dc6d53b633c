"""Convert a MarianMT checkpoint to a CTranslate2 model folder that `CT2Engine` can load on its own.

CTranslate2 int8 is the fast CPU path (several times faster than PyTorch for OPUS-MT models at a
fraction of the memory). The converted folder also gets the Marian tokenizer files, because
CTranslate2 works on SentencePiece pieces and the engine must tokenise exactly as the original model.
Hub ids are found exactly as the HF engine finds them (the cache; offline, a clear ModelNotAvailable).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from pathlib import Path

from pipeline.registry import check_choice
from pipeline.engines.loading import MODEL_FILE_PATTERNS, resolve_model
from pipeline.errors import PressMTError

QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16", "float32")

#: Files MarianTokenizer.from_pretrained needs (and the generation defaults), copied beside model.bin.
TOKENIZER_FILES = (
    "source.spm",
    "target.spm",
    "vocab.json",
    "target_vocab.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "generation_config.json",
)


def _model_type(folder: Path) -> str | None:
    try:
        return json.loads((folder / "config.json").read_text(encoding="utf-8")).get("model_type")
    except (OSError, ValueError, AttributeError):
        return None


def start_embedding_norm(folder: Path) -> float | None:
    """L1 norm of the decoder-start (<pad>) embedding row, read without loading the other weights.

    CTranslate2 starts Marian decoders from a zero vector, which is what OPUS-MT checkpoints hold in
    that row; a checkpoint with a non-zero row converts, but translates differently from transformers.
    None when the checkpoint is sharded or laid out unexpectedly (nothing to check cheaply).
    """
    from safetensors import safe_open

    weights = folder / "model.safetensors"
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        with safe_open(str(weights), "pt") as fh:
            names = set(fh.keys())
            name = next(n for n in ("model.decoder.embed_tokens.weight", "model.shared.weight") if n in names)
            start = config["decoder_start_token_id"]
            return float(fh.get_slice(name)[start : start + 1].abs().sum())
    except (OSError, ValueError, KeyError, StopIteration):
        return None


def _refuse_overlap(src: Path, out_dir: Path) -> None:
    """OUT is replaced wholesale, so it must be neither the source, nor inside it, nor above it."""
    a, b = src.resolve(), out_dir.resolve()
    if a == b or a in b.parents or b in a.parents:
        raise PressMTError(f"{out_dir}: the output folder must not be, contain or lie inside the source model "
                           f"folder {src} (it would destroy the source weights)")


def _safe_view(src: Path, into: Path) -> Path:
    """`into` filled with links to the checkpoint's safetensors, config and tokenizer files only, so
    the converter cannot fall back on pickled weights lying beside them."""
    for pattern in MODEL_FILE_PATTERNS:
        for path in src.glob(pattern):
            if path.is_file() and not (into / path.name).exists():
                (into / path.name).symlink_to(path.resolve())
    return into


def convert_marian(model: str, out_dir: Path, quantization: str = "int8", revision: str | None = None,
                   *, force: bool = False) -> Path:
    """Convert `model` (local folder or hub id, resolved like the HF engine does) into `out_dir`.

    The conversion is written to a temporary sibling folder and renamed into place, so an interrupted
    run never leaves a half-written model that later loads and fails obscurely.
    """
    check_choice("--quantization", quantization, QUANTIZATIONS, "quantization")
    out_dir = Path(out_dir)
    src = Path(resolve_model(model, revision))
    _refuse_overlap(src, out_dir)
    if out_dir.exists() and any(out_dir.iterdir()) and not force:
        raise PressMTError(f"{out_dir}: already exists and is not empty (use --force to replace it)")
    model_type = _model_type(src)
    if model_type != "marian" or not (src / "source.spm").is_file():
        raise PressMTError(f"{src}: not a MarianMT checkpoint (model_type {model_type!r}); only Marian models convert")

    if start_embedding_norm(src):
        warnings.warn(f"{src}: the decoder-start (<pad>) embedding is not zero; CTranslate2 starts from a zero "
                      "vector, so the converted model will not translate exactly like transformers", stacklevel=2)

    from ctranslate2.converters import TransformersConverter

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        try:
            with tempfile.TemporaryDirectory(prefix=".pressmt-safe-src-") as safe:
                TransformersConverter(str(_safe_view(src, Path(safe))), trust_remote_code=False).convert(
                    str(tmp), quantization=quantization, force=True)
        except (ValueError, OSError, RuntimeError) as exc:
            raise PressMTError(f"{model}: CTranslate2 conversion failed: {exc}") from None
        for name in TOKENIZER_FILES:
            if (src / name).is_file():
                shutil.copy2(src / name, tmp / name)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return out_dir
