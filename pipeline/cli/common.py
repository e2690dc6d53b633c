"""Options and set-up shared by `translate` and `evaluate`, so both build a run the same way."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from pipeline.config import Options, RunConfig, apply_overrides, cache_dir, load_routes, parse_langs
from pipeline.engines.device import resolve_device
from pipeline.errors import PressMTError, UsageError
from pipeline.glossary.load import load_glossaries
from pipeline.glossary.model import Glossary
from pipeline.outputs import probe_write
from pipeline.tm import TranslationMemory

#: Glossaries shipped with the project, used when no --glossary is given: the checkout's glossaries/
#: folder, which an installed wheel carries as pipeline/shipped_glossaries (pyproject package-dir).
_INSTALLED_GLOSSARIES = resources.files("pipeline") / "shipped_glossaries"
SHIPPED_GLOSSARIES = Path(str(_INSTALLED_GLOSSARIES)) if _INSTALLED_GLOSSARIES.is_dir() \
    else Path(__file__).resolve().parents[2] / "glossaries"

GlossaryOpt = Annotated[list[Path] | None, typer.Option(
    "--glossary", help="Glossary file (TSV/CSV/TBX); repeatable. Default: the shipped glossaries/.")]
ModelOpt = Annotated[list[str] | None, typer.Option(
    "--model", help="LANG=ID_OR_PATH: use this hub id or local folder for LANG; repeatable.")]
RoutesOpt = Annotated[Path | None, typer.Option(
    "--routes", help="Routes TOML (default: $PRESSMT_ROUTES or the built-in routes).")]


def build_run_config(*, to: str, model: list[str], routes: Path | None, batch_size: int = 16, beams: int = 4,
                     device: str = "auto", threads: int | None = None, backend: str = "hf") -> RunConfig:
    if backend not in ("hf", "ct2"):
        raise PressMTError(f"--backend must be hf or ct2, not '{backend}'")
    resolve_device(device, backend)  # --device cuda without a GPU: one line now, not a traceback mid-run
    langs = parse_langs(to)
    all_routes = apply_overrides(load_routes(routes), model)
    missing = [lang for lang in langs if lang not in all_routes]
    if missing:
        raise PressMTError(f"no route configured for {', '.join(missing)}: add it to the routes file or pass --model")
    options = Options(beams=beams, batch_size=batch_size, device=device, threads=threads, backend=backend)
    return RunConfig(routes=all_routes, langs=langs, options=options)


def check_output_file(path: Path, option: str) -> None:
    """Refuse, before any work, an output file that cannot be written: a folder, or a place where
    no file can be created (read-only, under a file). Probed by creating a temp file there."""
    if path.is_dir():
        raise UsageError(f"{option} {path} is a folder; give a file name")
    if path.parent.exists() and not path.parent.is_dir():
        raise UsageError(f"{option} {path}: {path.parent} is a file, not a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        probe_write(path.parent)
    except OSError as exc:
        raise UsageError(f"{option} {path}: cannot write there: {exc.strerror or exc}") from None


@contextmanager
def writing(path: Path, option: str) -> Iterator[None]:
    """Around the write of the output file named by `option`: a failure (disk full) is one line, exit 2."""
    try:
        yield
    except OSError as exc:
        raise UsageError(f"{option} {path}: cannot write: {exc.strerror or exc}") from None


def load_run_glossary(paths: list[Path], disabled: bool) -> tuple[Glossary | None, list[str]]:
    """The glossary a run enforces: the given files, else the shipped ones, else none."""
    if disabled:
        return None, []
    if not paths and SHIPPED_GLOSSARIES.is_dir():
        paths = sorted(SHIPPED_GLOSSARIES.glob("*.tsv"))
    if not paths:
        return None, []
    return load_glossaries(paths), [str(p) for p in paths]


def open_tm(path: Path | None, disabled: bool) -> TranslationMemory:
    return TranslationMemory.disabled() if disabled else TranslationMemory(path or cache_dir() / "tm.sqlite")
