"""`pressmt review OUT [--open]`: rebuild OUT/review.html from OUT/report.json (and open it)."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import Annotated

import typer

from pipeline.writers.reader import read_report
from pipeline.writers.review_html import write_review


def review_command(
    out: Annotated[Path, typer.Argument(help="Output folder of a `pressmt translate` run.")],
    open_page: Annotated[bool, typer.Option("--open", help="Open the page in the default browser.")] = False,
) -> None:
    """Write OUT/review.html: every segment in Russian, English and Kazakh with its glossary terms and QE flags."""
    path = write_review(read_report(out), out)
    typer.echo(f"review: {path}")
    if open_page:
        webbrowser.open(path.resolve().as_uri())
