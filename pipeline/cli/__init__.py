"""The `pressmt` command line: a thin Typer layer over the Python API.

Every command raises `PressMTError` for problems the user can fix; `run_cli` turns those into one
line on stderr and exit code 2, so no traceback ever reaches a press office.
"""

from __future__ import annotations

import os
import sys

# Set before torch loads OpenMP: busy-waiting threads make PyTorch collapse when a server's
# other jobs hold the cores (bench/README.md); passive waiting costs nothing when they don't.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from typing import Annotated

import typer

from pipeline import __version__
from pipeline.cli import enforce, evaluate, glossary, models, review, tm, translate, xliff
from pipeline.cli.helpformat import HelpGroup
from pipeline.errors import Interrupted, PressMTError

app = typer.Typer(
    name="pressmt",
    help="Translate Russian press releases into English and Kazakh with enforced glossaries.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    cls=HelpGroup,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"pressmt {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_print_version, help="Print the version and exit.")] = False) -> None:
    """Translate Russian press releases into English and Kazakh with enforced glossaries."""

app.command("translate")(translate.translate_command)
app.command("enforce")(enforce.enforce_command)
app.command("evaluate")(evaluate.evaluate_command)
app.command("review")(review.review_command)
app.add_typer(xliff.export_app, name="export", help="Export a run's segments (XLIFF) for CAT tools.")
app.add_typer(xliff.import_app, name="import", help="Import editors' corrections (XLIFF) into a run.")
app.add_typer(tm.app, name="tm", help="See, clean and export a translation memory (stats, list, delete, TMX).")
app.add_typer(models.app, name="models", help="List, download, convert and build translation models.")
app.add_typer(glossary.app, name="glossary", help="Check glossaries and inspect term hits and Kazakh forms.")


def run_cli(argv: list[str]) -> int:
    """Run the CLI on `argv` and return its exit code (tests call this directly).

    Typer's standalone mode prints usage errors and exits 2 itself; `PressMTError` from a
    command becomes one line on stderr and exit code 2.
    """
    try:
        app(args=argv, prog_name="pressmt")
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        print(exc.code, file=sys.stderr)
        return 1
    except PressMTError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Interrupted as exc:  # the run wrote its report first
        print(exc, file=sys.stderr)
        return 128 + exc.signum
    return 0


def main() -> None:
    sys.exit(run_cli(sys.argv[1:]))
