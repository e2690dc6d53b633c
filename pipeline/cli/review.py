"""`pressmt review OUT [--open]`: rebuild the review pages (OUT/review.html, review-2.html...) from
the run's report (and open the first)."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import Annotated

import typer

from pipeline.corrections import complete_pending
from pipeline.errors import UsageError
from pipeline.outlock import out_lock
from pipeline.writers.reader import read_report
from pipeline.writers.review_html import ReviewWriter


def review_command(
    out: Annotated[Path, typer.Argument(metavar="OUT", help="Output folder of a `pressmt translate` run.")],
    open_page: Annotated[bool, typer.Option("--open", help="Open the page in the default browser.")] = False,
) -> None:
    """Write OUT/review.html (and review-2.html... for a large run): every segment in Russian, English and Kazakh with its glossary terms and QE flags."""
    with out_lock(out):
        complete_pending(out)  # an import killed half-way is finished first
        try:
            pages = ReviewWriter().write(read_report(out), out)
        except OSError as exc:  # a full disk
            raise UsageError(f"--out {out}: cannot write {exc.filename or 'the review page'}: "
                             f"{exc.strerror or exc}") from None
    typer.echo(f"review: {pages[0]}" + (f" (and {len(pages) - 1} more pages beside it)" if len(pages) > 1 else ""))
    if open_page:
        webbrowser.open(pages[0].resolve().as_uri())
