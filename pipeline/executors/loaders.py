"""Loading one engine for one route step, in whatever process runs it (this one, or a Ray actor).

Every executor loads engines through `load_engine`, so a step gives the same engine, and so the same
text, whichever executor runs it. A new backend is one function and one entry in `BACKENDS`.
"""

from __future__ import annotations

import fcntl
import importlib
from pathlib import Path

from pipeline.choices import check_choice
from pipeline.config import Options, Step, cache_dir, step_fingerprint
from pipeline.engines.base import Engine
from pipeline.engines.loading import resolve_model
from pipeline.errors import PressMTError

#: Everything that makes two steps need different engines (backend, model, target, device).
EngineKey = tuple[str, str, str | None, str | None, str, str | None, str | None, str]


def engine_key(step: Step, options: Options) -> EngineKey:
    return (options.backend, step.model, step.revision, step.target_token, step.target, step.src_lang,
            step.tgt_lang, options.device)


def _load_hf(step: Step, options: Options) -> Engine:
    from pipeline.engines.hf import HFEngine

    return HFEngine(step.model, revision=step.revision, target_lang=step.target, target_token=step.target_token,
                    src_lang=step.src_lang, tgt_lang=step.tgt_lang, device=options.device, beams=options.beams,
                    batch_size=options.batch_size, max_batch_tokens=options.max_batch_tokens,
                    threads=options.threads, workers=options.workers)


def _ct2_model_dir(step: Step) -> str:
    """A CTranslate2 folder for `step`: the step's own folder when it already is one, else an int8
    conversion of its Marian checkpoint, made once and kept under the pressmt cache. Converting
    holds a file lock, so the actors of one machine (or two runs) never convert into one folder at once."""
    if (Path(step.model) / "model.bin").is_file():
        return step.model
    from pipeline.engines.convert import convert_marian

    target = cache_dir() / "ct2" / f"{step_fingerprint(step)}-int8"
    if not (target / "model.bin").is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target.parent / f".{target.name}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (target / "model.bin").is_file():  # another process may have made it meanwhile
                convert_marian(step.model, target, quantization="int8", revision=step.revision, force=True)
    return str(target)


def _load_ct2(step: Step, options: Options) -> Engine:
    try:
        ct2 = importlib.import_module("pipeline.engines.ct2")
    except ModuleNotFoundError as exc:
        if exc.name != "pipeline.engines.ct2":
            raise
        raise PressMTError("backend 'ct2' is not available in this installation; use --backend hf") from None
    return ct2.CT2Engine(_ct2_model_dir(step), target_lang=step.target, target_token=step.target_token, beams=options.beams,
                         batch_size=options.batch_size, max_batch_tokens=options.max_batch_tokens,
                         threads=options.threads, workers=options.workers, device=options.device)


#: Backend name → loader.
BACKENDS = {"hf": _load_hf, "ct2": _load_ct2}


def check_backend(options: Options) -> None:
    check_choice("--backend", options.backend, BACKENDS, "backend")


def load_engine(step: Step, options: Options) -> Engine:
    return BACKENDS[options.backend](step, options)


def describe_engine(engine: Engine | None, step: Step) -> dict:
    """What report.json records of the engine behind `step`: its local folder and the target token
    it uses. Without an engine (every sentence came from the translation memory) the model is
    resolved here and the step's configured token stands."""
    if engine is None:
        return {"path": resolve_model(step.model, step.revision), "target_token": step.target_token}
    return {"path": getattr(engine, "path", None) or resolve_model(step.model, step.revision),
            "target_token": getattr(engine, "target_token", step.target_token)}
