"""`pressmt export xliff` and `pressmt import xliff`: a run's segments out to a CAT tool and back."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.common import LANGS_HELP, TmOpt, open_memories
from pipeline.config import parse_langs
from pipeline.corrections import StaleCorrection, apply_corrections, complete_pending
from pipeline.errors import UsageError
from pipeline.outlock import out_lock
from pipeline.tm import TranslationMemory
from pipeline.writers.reader import read_report
from pipeline.writers.xliff import XliffExport, XliffWriter, read_xliff

export_app = typer.Typer(no_args_is_help=True)
import_app = typer.Typer(no_args_is_help=True)


@export_app.callback()
def export_group() -> None:
    """Export a run's results for other tools."""


@import_app.callback()
def import_group() -> None:
    """Bring editors' work back into a run."""


@export_app.command("xliff")
def export_xliff(
    out: Annotated[Path, typer.Argument(metavar="OUT", help="Output folder of a `pressmt translate` run.")],
    directory: Annotated[Path, typer.Option("--dir", metavar="DIR", help="Folder for the XLIFF files.")],
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="LANGS", help=f"Target languages, {LANGS_HELP} (default: every language of the run).")] = None,
) -> None:
    """Write one XLIFF 1.2 file per document and language: <document>.<lang>.xlf under --dir."""
    langs = parse_langs(lang, "--lang") if lang is not None else None  # a typo is refused before OUT is read
    with out_lock(out, read_only_ok=True):  # a report half-rewritten by an import is never exported
        complete_pending(out)
        report = read_report(out)
        export = XliffExport(report, langs or list(report["summary"]["languages"]))
        try:
            written = XliffWriter().write(export, directory)
        except ValueError as exc:  # a symlinked folder under --dir leading elsewhere
            raise UsageError(f"--dir {directory}: {exc}") from None
        except OSError as exc:  # a full disk, a read-only folder
            raise UsageError(f"--dir {directory}: cannot write {exc.filename or 'there'}: {exc.strerror or exc}") from None
    for path in written:
        typer.echo(str(path))
    for warning in export.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"{len(written)} XLIFF files in {directory}", err=True)


@import_app.command("xliff")
def import_xliff(
    files: Annotated[list[Path], typer.Argument(metavar="XLIFF...", help="Edited XLIFF files exported from this run.")],
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Output folder of the run the files came from.")],
    tm: TmOpt = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not store the approved pairs in any memory.")] = False,
) -> None:
    """Apply edited targets: rewrite the documents, re-check terms and QE, update report.json and
    review.html, store the pairs as editors' translations in the memory named by --tm or $PRESSMT_TM
    (never the hidden cache). An XLIFF from another run, a stale one or conflicting edits change
    nothing (exit 1)."""
    parsed = [f for path in files for f in read_xliff(path)]
    for xliff in parsed:
        for unit in xliff.units:
            if unit.dropped_codes:
                print(f"warning: {xliff.path}:{unit.line}: unit {unit.id!r}: {unit.dropped_codes} inline code(s) "
                      f"dropped (segments are plain text; the document keeps its own markup)", file=sys.stderr)
    # only editors' memory is opened: an import neither reads nor writes machine outputs
    with TranslationMemory.disabled() if no_cache else open_memories(tm, True).editors as memory:
        stored_in = memory.path if memory.enabled else None
        try:
            applied = apply_corrections(out, parsed, memory)
        except OSError as exc:  # a full disk: what was begun is finished by the next command on OUT
            raise UsageError(f"--out {out}: cannot write {exc.filename or 'there'}: {exc.strerror or exc}; "
                             "free space and import again") from None
        except StaleCorrection as exc:
            print(f"error: {exc}; nothing was changed", file=sys.stderr)
            raise typer.Exit(1) from None
    for (path, lang), indices in applied.edits.items():
        typer.echo(f"{path} ({lang}): {len(indices)} segments edited: {', '.join(str(i + 1) for i in indices)}")
    for path in applied.written:
        typer.echo(f"rewrote {path}")
    if not applied.edits:
        typer.echo("no edited targets: nothing changed")
    elif stored_in:
        typer.echo(f"stored {sum(map(len, applied.edits.values()))} editors' translations in {stored_in}")
    else:
        typer.echo("the edits were not stored in any translation memory, so later runs will not reuse them: "
                   "import again with --tm FILE (or set $PRESSMT_TM) to store them")
