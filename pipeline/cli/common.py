"""Options and set-up shared by `translate` and `evaluate`, so both build a run the same way."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from pipeline.choices import check_choice
from pipeline.config import (SUPPORTED_LANGS, Options, RunConfig, apply_overrides, cache_dir, load_routes,
                             parse_langs)
from pipeline.engines.device import DEVICES, resolve_device
from pipeline.executors.base import EXECUTORS
from pipeline.executors.loaders import BACKENDS
from pipeline.errors import PressMTError, UsageError
from pipeline.glossary.load import load_glossaries, notices
from pipeline.glossary.model import Glossary
from pipeline.glossary.sources import glossary_paths
from pipeline.outputs import probe_write
from pipeline.textfiles import check_encoding
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
LANGS_HELP = f"comma-separated, from {', '.join(SUPPORTED_LANGS)}"
LANG_METAVAR = "|".join(SUPPORTED_LANGS)
DEVICE_METAVAR = "|".join(DEVICES)
BACKEND_METAVAR = "|".join(BACKENDS)
EXECUTOR_METAVAR = "|".join(EXECUTORS)


def build_run_config(*, to: str, model: list[str], routes: Path | None, batch_size: int = 16, beams: int = 4,
                     device: str = "auto", threads: int | None = None, backend: str = "hf",
                     workers: int | None = None, encoding: str | None = None) -> RunConfig:
    check_choice("--backend", backend, BACKENDS, "backend")
    resolve_device(device, backend)  # --device cuda without a GPU: one line now, not a traceback mid-run
    langs = parse_langs(to)
    all_routes = apply_overrides(load_routes(routes), model)
    missing = [lang for lang in langs if lang not in all_routes]
    if missing:
        raise PressMTError(f"no route configured for {', '.join(missing)}: add it to the routes file or pass --model")
    options = Options(beams=beams, batch_size=batch_size, device=device, threads=threads, backend=backend,
                      workers=workers, encoding=check_encoding_option(encoding))
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


def load_run_glossary(paths: list[Path], disabled: bool = False,
                      no_shipped: bool = False) -> tuple[Glossary | None, list[str]]:
    """The glossary a command uses, the same for every command: the shipped set (unless
    `no_shipped`) plus the files and folders of --glossary; None when `disabled` or no file is
    left. How unusual files were read and which shipped entries were replaced go to stderr."""
    if disabled:
        return None, []
    files = glossary_paths(paths, shipped=not no_shipped)
    if not files:
        return None, []
    glossary = load_glossaries(files)
    for line in notices(glossary):
        typer.echo(line, err=True)
    return glossary, [str(p) for p in files]


def require_glossary(paths: list[Path], no_shipped: bool) -> Glossary:
    """`load_run_glossary` for a command that needs a glossary: none is a usage error."""
    glossary, _ = load_run_glossary(paths, no_shipped=no_shipped)
    if glossary is None:
        raise UsageError("no glossary: give one with --glossary (the shipped ones are off)")
    return glossary


def check_encoding_option(encoding: str | None) -> str | None:
    """--encoding as a codec name; an unknown one is a usage error."""
    try:
        return None if encoding is None else check_encoding(encoding)
    except ValueError as exc:
        raise UsageError(f"--encoding: {exc}") from None


#: The environment variable naming the memory of editors' approved translations, as `--tm` does.
TM_ENV = "PRESSMT_TM"

TmOpt = Annotated[Path | None, typer.Option(
    "--tm", metavar="FILE",
    help="Translation memory you name (SQLite): editors' approved translations are read from and stored in it "
         "only, and machine outputs are cached in it. Default: $PRESSMT_TM; without one, machine outputs go to "
         "the hidden cache ($PRESSMT_CACHE_DIR or ~/.cache/pressmt/tm.sqlite) and editors' translations are "
         "neither used nor stored.")]
NoCacheOpt = Annotated[bool, typer.Option(
    "--no-cache", help="Bypass machine outputs cached in a memory (every segment goes through the models); "
                       "editors' translations in the memory named by --tm/$PRESSMT_TM still apply.")]


def machine_cache_path() -> Path:
    """The hidden per-user cache of machine outputs."""
    return cache_dir() / "tm.sqlite"


def named_memory(path: Path | None) -> Path | None:
    """The memory the user named: `--tm`, else $PRESSMT_TM, else None."""
    env = os.environ.get(TM_ENV)
    return path or (Path(env) if env else None)


@dataclass
class Memories:
    """The two memories of a command (possibly one file): `machine` caches engine outputs (the named
    memory, else the hidden cache; disabled by --no-cache), `editors` holds editors' approved
    translations and is only ever the named memory, so an entry imported by someone else into the
    hidden cache never overrides a model (issue 16)."""

    machine: TranslationMemory
    editors: TranslationMemory

    def unused_human_entries(self) -> int:
        """Editors' entries an older pressmt left in the hidden cache, which are no longer used."""
        return self.machine.human_count() if self.machine.enabled and not self.editors.enabled else 0

    def close(self) -> None:
        self.machine.close()
        self.editors.close()

    def __enter__(self) -> Memories:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_memories(path: Path | None, no_cache: bool) -> Memories:
    """The memories of a command that writes them (translate, import xliff), each checked writable."""
    named = named_memory(path)
    editors = TranslationMemory(named) if named else TranslationMemory.disabled()
    machine = TranslationMemory.disabled() if no_cache else editors if named else TranslationMemory(machine_cache_path())
    for memory in (editors, machine):
        memory.check_writable()
    return Memories(machine, editors)


def open_tm(path: Path | None, disabled: bool = False, *, must_exist: bool = False) -> TranslationMemory:
    """One memory to inspect or export (`tm` commands): the named one, else the hidden cache.
    `must_exist`: a missing file is a usage error rather than a new empty memory."""
    if disabled:
        return TranslationMemory.disabled()
    target = named_memory(path) or machine_cache_path()
    if must_exist and not target.is_file():
        raise UsageError(f"--tm {target}: no translation memory there")
    return TranslationMemory(target)
