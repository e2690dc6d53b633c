"""Finding a model on disk (local folder or Hugging Face cache) and choosing its target token.

Shared by every backend: offline press offices must get one actionable line, not a hub traceback,
when a model is missing, and multi-target models must pick the same token whatever the backend.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from pipeline.errors import ModelNotAvailable, PressMTError
from pipeline.languages import LANGUAGES

#: Files a translation model needs; everything else in a hub repo (PyTorch .bin, TF, Flax) is skipped.
MODEL_FILE_PATTERNS = ["*.safetensors", "*.safetensors.index.json", "config.json", "generation_config.json",
                       "tokenizer*", "special_tokens_map.json", "vocab*", "*.spm", "sentencepiece*", "*.model",
                       "source*", "target*", "added_tokens.json", "merges.txt", "*vocabulary*.json"]



def _offline() -> bool:
    from huggingface_hub import constants

    env = any(os.environ.get(v, "").strip().upper() in {"1", "ON", "YES", "TRUE"}
              for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))
    return env or constants.HF_HUB_OFFLINE


def _cache_dir() -> str:
    from huggingface_hub import constants

    home = str(Path.home())
    path = constants.HF_HUB_CACHE
    return "~" + path[len(home):] if path.startswith(home) else path


def is_path_like(model: str) -> bool:
    """A hub id is `org/name`; anything else with a path shape is meant as a local folder, and so is
    an `org/name` whose `org` is a folder here (`models/nope` beside a `models/` folder)."""
    return (model.startswith(("/", ".", "~")) or model.count("/") > 1 or (os.sep != "/" and os.sep in model)
            or ("/" in model and Path(model.split("/", 1)[0]).is_dir()))


def _missing(model: str, why: str) -> ModelNotAvailable:
    return ModelNotAvailable(
        f"model '{model}' {why}: run `pressmt models download` on a connected machine, "
        f"or pass --model LANG=/path/to/model")


def _cached_snapshot(model: str, revision: str | None) -> str | None:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        path = snapshot_download(model, revision=revision, local_files_only=True,
                                 allow_patterns=MODEL_FILE_PATTERNS)
    except (LocalEntryNotFoundError, FileNotFoundError, ValueError):
        return None
    return path if (Path(path) / "config.json").is_file() else None


#: Keys by which a checkpoint asks transformers to import Python code shipped with it.
REMOTE_CODE_KEYS = ("auto_map", "custom_pipelines")
#: JSON files transformers reads those keys from.
REMOTE_CODE_FILES = ("config.json", "tokenizer_config.json", "preprocessor_config.json", "processor_config.json")
#: Pickled PyTorch/TF weights: loading them can run code, so they are never loaded.
PICKLED_WEIGHTS = ("pytorch_model.bin", "pytorch_model.bin.index.json", "*.pt", "*.pth", "*.ckpt", "tf_model.h5")
#: How to turn pickled weights into safetensors, on a machine that trusts the checkpoint.
CONVERT_HINT = ("on a trusted machine, load it with transformers and save it with "
                "`model.save_pretrained(DIR, safe_serialization=True)`")


def _json_object(path: Path, label: str) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ModelNotAvailable(f"{label}: unreadable {path.name} ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise ModelNotAvailable(f"{label}: {path.name} is not a JSON object")
    return data


def is_ct2_folder(folder: Path) -> bool:
    """A CTranslate2 model: its own `model.bin` format, read by CTranslate2 without unpickling."""
    return (folder / "model.bin").is_file()


def check_model_folder(folder: Path, model: str) -> None:
    """Refuse a folder that is not a model we can load without running foreign code.

    It must hold a config.json and safetensors weights (or be a CTranslate2 folder); a config
    asking for remote code (`auto_map`) is refused here, before transformers could offer to run it,
    and pickled weights are refused rather than unpickled.
    """
    label = f"model folder {model}" if str(folder) == model else f"model '{model}' ({folder})"
    try:
        empty = not any(folder.iterdir())
    except OSError as exc:
        raise ModelNotAvailable(f"{label} cannot be read ({exc.strerror or type(exc).__name__})") from None
    if empty:
        raise ModelNotAvailable(f"{label} is empty")
    if not (folder / "config.json").is_file():
        raise ModelNotAvailable(f"{label} has no config.json: not a transformers or CTranslate2 model folder")
    for name in REMOTE_CODE_FILES:
        if (folder / name).is_file():
            markers = [k for k in REMOTE_CODE_KEYS if k in _json_object(folder / name, label)]
            if markers:
                raise ModelNotAvailable(f"{label}: {name} asks to run the model's own Python code "
                                        f"({', '.join(markers)}); pressmt never runs code shipped with a model")
    if is_ct2_folder(folder) or any(folder.glob("*.safetensors")):
        return
    if any(next(folder.glob(pattern), None) for pattern in PICKLED_WEIGHTS):
        raise ModelNotAvailable(f"{label} has only pickled weights (.bin), which pressmt never loads; "
                                f"convert them to safetensors: {CONVERT_HINT}")
    raise ModelNotAvailable(f"{label} has no weights (model.safetensors)")


def resolve_model(model: str, revision: str | None) -> str:
    """Return a checked local folder holding `model`: the folder itself, or its Hugging Face cache snapshot.

    Online, a hub model missing from the cache is downloaded; offline (HF_HUB_OFFLINE /
    TRANSFORMERS_OFFLINE) or when the hub is unreachable, ModelNotAvailable says how to get it.
    Every folder passes `check_model_folder` before any library reads it.
    """
    folder = Path(_locate(model, revision))
    check_model_folder(folder, model)
    return str(folder)


def _locate(model: str, revision: str | None) -> str:
    if not model.strip():
        raise ModelNotAvailable("empty model name (check the routes file or --model)")
    local = Path(model).expanduser()
    if local.is_dir():
        return str(local)
    if is_path_like(model):
        raise ModelNotAvailable(f"model folder not found: {model} (check the path given in routes or --model)")
    cached = _cached_snapshot(model, revision)
    if cached:
        return cached
    label = model + (f"@{revision}" if revision else "")
    if _offline():
        raise _missing(label, f"is neither a folder here nor in the Hugging Face cache ({_cache_dir()}), "
                              "and HF_HUB_OFFLINE=1")
    try:
        return _download(model, revision)
    except ModelNotAvailable:
        raise
    except Exception as exc:  # any hub/network failure becomes one actionable line
        raise _missing(label, f"is not in the Hugging Face cache ({_cache_dir()}) and the hub is unreachable "
                              f"({type(exc).__name__})") from None


def is_model_available(model: str, revision: str | None) -> bool:
    """True when `model` can be loaded without the network (for `pressmt models list`)."""
    if Path(model).expanduser().is_dir():
        return True
    return not is_path_like(model) and _cached_snapshot(model, revision) is not None


def download_model(model: str, revision: str | None) -> str:
    """Fetch a hub model for `pressmt models download`; any failure (offline, network, unknown repo or
    revision) is one ModelNotAvailable line, not a hub traceback."""
    label = model + (f"@{revision}" if revision else "")
    if _offline():
        raise ModelNotAvailable(f"cannot download '{label}': HF_HUB_OFFLINE/TRANSFORMERS_OFFLINE is set "
                                "(unset it on a connected machine)")
    try:
        return _download(model, revision)
    except ModelNotAvailable:
        raise
    except Exception as exc:
        reason = str(exc).strip().splitlines()[:1]
        raise ModelNotAvailable(f"cannot download '{label}' from the Hugging Face hub "
                                f"({': '.join([type(exc).__name__, *reason])})") from None


def _download(model: str, revision: str | None) -> str:
    """Fetch only safetensors weights, config and tokenizer files into the HF cache; return the folder."""
    from huggingface_hub import snapshot_download

    path = snapshot_download(model, revision=revision, allow_patterns=MODEL_FILE_PATTERNS)
    if not any(Path(path).glob("*.safetensors")):
        raise ModelNotAvailable(
            f"model '{model}' has no safetensors weights at revision {revision or 'main'}: pick a revision "
            f"that has them (the hub's 'refs/pr/N' conversion branches often do)")
    return path


def language_tokens(vocab: Iterable[str]) -> list[str]:
    """The `>>xxx<<` target tokens of a multi-target Marian vocabulary (empty for direct models)."""
    return sorted(t for t in vocab if t.startswith(">>") and t.endswith("<<"))


def detect_target_token(vocab: Iterable[str], target_lang: str, model: str) -> str | None:
    """The source prefix selecting `target_lang` in a multi-target model, or None for a direct model.

    Raises PressMTError when the model is multi-target but knows no token for the language, since
    translating without one silently produces whichever language the model defaults to.
    """
    codes = set(language_tokens(vocab))
    if not codes:
        return None
    candidates = LANGUAGES[target_lang].model_tokens if target_lang in LANGUAGES else ()
    for token in candidates or (f">>{target_lang}<<",):
        if token in codes:
            return token
    sample = ", ".join(sorted(codes)[:8])
    raise PressMTError(f"model '{model}' is multi-target but has no target token for '{target_lang}' "
                       f"(it has {len(codes)}, e.g. {sample}); set target_token in the routes file")


def choose_target_token(vocab: Iterable[str], target_token: str | None, target_lang: str, model: str) -> str | None:
    """The routes file's target token, checked against the vocabulary, or the detected one."""
    if target_token is None:
        return detect_target_token(vocab, target_lang, model)
    if target_token not in set(vocab):
        raise PressMTError(f"model '{model}' has no target token {target_token} in its vocabulary")
    return target_token
