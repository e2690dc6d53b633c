"""Options shared by the commands, and the few steps between parsing them and calling `pipeline.api`
(echoing glossary notices, checking output files, naming the option in a write error)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from typer.models import ArgumentInfo, OptionInfo

from pipeline import api
from pipeline.api import Memories, machine_cache_path, named_memory
from pipeline.config import RunConfig, default_languages, target_languages
from pipeline.engines.device import DEVICES
from pipeline.errors import UsageError
from pipeline.glossary.load import notices
from pipeline.glossary.model import Glossary
from pipeline.outputs import probe_write
from pipeline.tm import TranslationMemory

GlossaryOpt = Annotated[list[Path] | None, typer.Option(
    "--glossary", "-g", metavar="PATH",
    help="Glossary file (TSV/CSV/TBX, separator and encoding detected) or folder of them, added to the "
         "shipped glossaries; its entries replace shipped ones for the same Russian term. Repeatable.")]
NoShippedOpt = Annotated[bool, typer.Option(
    "--no-shipped-glossary", help="Do not use the shipped glossaries: only those given with --glossary.")]
EncodingOpt = Annotated[str | None, typer.Option(
    "--encoding", metavar="NAME",
    help="Encoding of .txt/.md inputs (windows-1251, koi8-r, utf-8...). Default: UTF-8, else detected "
         "among windows-1251 and KOI8-R.")]
ModelOpt = Annotated[list[str] | None, typer.Option(
    "--model", metavar="LANG=MODEL",
    help="Translate into LANG with MODEL, a hub id or a local model folder; repeatable.")]
RoutesOpt = Annotated[Path | None, typer.Option(
    "--routes", metavar="FILE", help="Routes TOML (default: $PRESSMT_ROUTES or the built-in routes).")]

# The values of the options below are listed by the help itself, from the registries the checks use.
LANGS_HELP = f"comma-separated, from {', '.join(target_languages())}"
LANG_METAVAR = "|".join(target_languages())
#: `--to`'s default: every language a model translates into.
DEFAULT_LANGS = ",".join(default_languages())
DEVICE_METAVAR = "|".join(DEVICES)


def _computed(field: str) -> property:
    def get(self: OptionInfo | ArgumentInfo) -> str | None:
        make = self.computed.get(field)  # type: ignore[union-attr]
        return make() if make else self.__dict__.get(field)
    return property(get)


class _ComputedOption(OptionInfo):
    help = _computed("help")
    metavar = _computed("metavar")


class _ComputedArgument(ArgumentInfo):
    help = _computed("help")
    metavar = _computed("metavar")


Info = TypeVar("Info", OptionInfo, ArgumentInfo)


def from_registry(info: Info, *, help: Callable[[], str] | None = None,
                  metavar: Callable[[], str] | None = None) -> Info:
    """`info` (a `typer.Option` or `typer.Argument`) whose help and metavar are computed each time
    the command is built (every run, every `--help`) rather than when this module is imported, so
    a plug-in registered later (an add-on, a test) is listed like the built-in ones."""
    info.__class__ = _ComputedOption if isinstance(info, OptionInfo) else _ComputedArgument
    info.computed = {k: v for k, v in (("help", help), ("metavar", metavar)) if v}  # type: ignore[attr-defined]
    return info


def build_run_config(*, to: str, model: list[str], routes: Path | None, batch_size: int = 16, beams: int = 4,
                     device: str = "auto", threads: int | None = None, backend: str = "hf",
                     workers: int | None = None, encoding: str | None = None) -> RunConfig:
    """`api.run_config` from the commands' option names (`--model` is repeatable: `model`)."""
    return api.run_config(to=to, models=model, routes=routes, batch_size=batch_size, beams=beams, device=device,
                          threads=threads, backend=backend, workers=workers, encoding=encoding)


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


def load_run_glossary(paths: list[Path], disabled: bool = False,
                      no_shipped: bool = False) -> tuple[Glossary | None, list[str]]:
    """`api.load_glossaries` for a command: None when `disabled`; how unusual files were read and
    which shipped entries were replaced go to stderr. Returns the glossary and its files."""
    if disabled:
        return None, []
    glossary = api.load_glossaries(paths, shipped=not no_shipped)
    if glossary is None:
        return None, []
    for line in notices(glossary):
        typer.echo(line, err=True)
    return glossary, list(glossary.sources)


def require_glossary(paths: list[Path], no_shipped: bool) -> Glossary:
    """`load_run_glossary` for a command that needs a glossary: none is a usage error."""
    glossary, _ = load_run_glossary(paths, no_shipped=no_shipped)
    if glossary is None:
        raise UsageError("no glossary: give one with --glossary (the shipped ones are off)")
    return glossary


TmOpt = Annotated[Path | None, typer.Option(
    "--tm", metavar="FILE",
    help="Translation memory you name (SQLite): editors' approved translations are read from and stored in it "
         "only, and machine outputs are cached in it. Default: $PRESSMT_TM; without one, machine outputs go to "
         "the hidden cache ($PRESSMT_CACHE_DIR or ~/.cache/pressmt/tm.sqlite) and editors' translations are "
         "neither used nor stored.")]
NoCacheOpt = Annotated[bool, typer.Option(
    "--no-cache", help="Bypass machine outputs cached in a memory (every segment goes through the models); "
                       "editors' translations in the memory named by --tm/$PRESSMT_TM still apply.")]


def open_memories(path: Path | None, no_cache: bool) -> Memories:
    """`api.open_memory` from `--tm` and `--no-cache`."""
    return api.open_memory(path, cache=not no_cache)


def open_tm(path: Path | None, disabled: bool = False, *, must_exist: bool = False) -> TranslationMemory:
    """One memory to inspect or export (`tm` commands): the named one, else the hidden cache.
    `must_exist`: a missing file is a usage error rather than a new empty memory."""
    if disabled:
        return TranslationMemory.disabled()
    target = named_memory(path) or machine_cache_path()
    if must_exist and not target.is_file():
        raise UsageError(f"--tm {target}: no translation memory there")
    return TranslationMemory(target)
