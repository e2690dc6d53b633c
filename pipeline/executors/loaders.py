"""Loading one engine for one route step, in whatever process runs it (this one, or a Ray actor).

Every executor loads engines through `load_engine`, so a step gives the same engine, and so the same
text, whichever executor runs it. The built-in backends are registered here; a new backend is a
`Backend` plug-in (`pipeline.engines.base`) registered in `BACKENDS`.
"""

from __future__ import annotations

import fcntl
import importlib
from pathlib import Path

from pipeline.config import Options, Step, cache_dir, step_fingerprint
from pipeline.engines.base import BACKENDS, Backend, Engine
from pipeline.engines.loading import resolve_model
from pipeline.errors import PressMTError

#: Everything that makes two steps need different engines (backend, model, target, device).
EngineKey = tuple[str, str, str | None, str | None, str, str | None, str | None, str]


def engine_key(step: Step, options: Options) -> EngineKey:
    return (options.backend, step.model, step.revision, step.target_token, step.target, step.src_lang,
            step.tgt_lang, options.device)


@BACKENDS.register
class HFBackend(Backend):
    """Marian (and NLLB/M2M) checkpoints run by transformers on PyTorch."""

    name = "hf"

    def describe(self) -> str:
        return "transformers"

    def load(self, step: Step, options: Options) -> Engine:
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


@BACKENDS.register
class CT2Backend(Backend):
    """Marian checkpoints converted to CTranslate2 (int8 on CPU): the fast backend."""

    name = "ct2"

    def describe(self) -> str:
        return "CTranslate2; models from `pressmt models convert`"

    def load(self, step: Step, options: Options) -> Engine:
        try:
            ct2 = importlib.import_module("pipeline.engines.ct2")
        except ModuleNotFoundError as exc:
            if exc.name != "pipeline.engines.ct2":
                raise
            raise PressMTError("backend 'ct2' is not available in this installation; use --backend hf") from None
        return ct2.CT2Engine(_ct2_model_dir(step), target_lang=step.target, target_token=step.target_token,
                             beams=options.beams, batch_size=options.batch_size,
                             max_batch_tokens=options.max_batch_tokens, threads=options.threads,
                             workers=options.workers, device=options.device)


def check_backend(options: Options) -> None:
    BACKENDS.lookup(options.backend)


def load_engine(step: Step, options: Options) -> Engine:
    return BACKENDS.lookup(options.backend).load(step, options)


def describe_engine(engine: Engine | None, step: Step) -> dict:
    """What report.json records of the engine behind `step`: its local folder and the target token
    it uses. Without an engine (every sentence came from the translation memory) the model is
    resolved here and the step's configured token stands."""
    if engine is None:
        return {"path": resolve_model(step.model, step.revision), "target_token": step.target_token}
    return {"path": getattr(engine, "path", None) or resolve_model(step.model, step.revision),
            "target_token": getattr(engine, "target_token", step.target_token)}
