"""`pressmt export xliff` and `pressmt import xliff`: a run's segments out to a CAT tool and back."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.common import open_tm
from pipeline.config import parse_langs
from pipeline.corrections import StaleCorrection, apply_corrections
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
    out: Annotated[Path, typer.Argument(help="Output folder of a `pressmt translate` run.")],
    directory: Annotated[Path, typer.Option("--dir", help="Folder for the XLIFF files.")],
    lang: Annotated[str, typer.Option("--lang", help="Target languages, comma-separated.")] = "en,kk",
) -> None:
    """Write one XLIFF 1.2 file per document and language: <document>.<lang>.xlf under --dir."""
    written = XliffWriter().write(XliffExport(read_report(out), parse_langs(lang)), directory)
    for path in written:
        typer.echo(str(path))
    typer.echo(f"{len(written)} XLIFF files in {directory}", err=True)


@import_app.command("xliff")
def import_xliff(
    files: Annotated[list[Path], typer.Argument(help="Edited XLIFF files exported from this run.")],
    out: Annotated[Path, typer.Option("--out", help="Output folder of the run the files came from.")],
    tm: Annotated[Path | None, typer.Option("--tm", help="Translation memory file (default: user cache).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not store the approved pairs.")] = False,
) -> None:
    """Apply edited targets: rewrite the documents, re-check terms and QE, update report.json and
    review.html, store the pairs as human translations. A stale XLIFF changes nothing (exit 1)."""
    parsed = [f for path in files for f in read_xliff(path)]
    with open_tm(tm, no_cache) as memory:
        try:
            applied = apply_corrections(out, parsed, memory)
        except StaleCorrection as exc:
            print(f"error: {exc}; nothing was changed", file=sys.stderr)
            raise typer.Exit(1) from None
    for (path, lang), indices in applied.edits.items():
        typer.echo(f"{path} ({lang}): {len(indices)} segments edited: {', '.join(str(i + 1) for i in indices)}")
    for path in applied.written:
        typer.echo(f"rewrote {path}")
    if not applied.edits:
        typer.echo("no edited targets: nothing changed")
