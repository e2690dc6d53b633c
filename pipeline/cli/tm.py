"""`pressmt tm export --tmx FILE [--human-only]`: the translation memory for a CAT tool."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.common import open_tm
from pipeline.writers.tmx import TmxWriter

app = typer.Typer(no_args_is_help=True)


@app.callback()
def tm_group() -> None:
    """Work with the translation memory."""


@app.command("export")
def export_tm(
    tmx: Annotated[Path, typer.Option("--tmx", help="TMX 1.4 file to write.")],
    human_only: Annotated[bool, typer.Option("--human-only", help="Only editors' approved pairs.")] = False,
    tm: Annotated[Path | None, typer.Option("--tm", help="Translation memory file (default: user cache).")] = None,
) -> None:
    """Write the memory's pairs whose languages are known (editors' first) as TMX 1.4."""
    with open_tm(tm, False) as memory:
        (path,) = TmxWriter().write(list(memory.pairs(human_only)), tmx)
    typer.echo(f"tmx: {path}")
