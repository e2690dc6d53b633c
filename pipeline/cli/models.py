"""`pressmt models list|download|build-small|convert`: the models behind the routes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pipeline.cli.common import ModelOpt, RoutesOpt
from pipeline.config import apply_overrides, load_routes
from pipeline.engines.convert import QUANTIZATIONS

app = typer.Typer(no_args_is_help=True)


def _steps(routes: Path | None, model: list[str] | None) -> list[tuple[str, int, object]]:
    configured = apply_overrides(load_routes(routes), model or [])
    return [(lang, i, step) for lang, route in configured.items() for i, step in enumerate(route.steps)]


@app.command("list")
def list_command(routes: RoutesOpt = None, model: ModelOpt = None) -> None:
    """Show each configured model, its route and whether it is available offline."""
    from pipeline.engines.loading import is_model_available

    table = Table("route", "step", "revision", "target token", "available")
    table.add_column("model", overflow="fold")
    for lang, i, step in _steps(routes, model):
        ok = is_model_available(step.model, step.revision)
        table.add_row(lang, str(i + 1), step.revision or "–", step.target_token or "auto",
                      "yes" if ok else "[red]no[/red]", step.model)
    Console().print(table)


@app.command("download")
def download_command(routes: RoutesOpt = None, model: ModelOpt = None) -> None:
    """Fetch every configured hub model into the Hugging Face cache (run on a connected machine)."""
    from pipeline.engines.loading import download_model

    done: set[tuple[str, str | None]] = set()
    for _, _, step in _steps(routes, model):
        if (step.model, step.revision) in done or Path(step.model).is_dir():
            continue
        path = download_model(step.model, step.revision)
        typer.echo(f"{step.model}: {path}")
        done.add((step.model, step.revision))


@app.command("build-small")
def build_small_command(out: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to build the two models in.")]) -> None:
    """Build small offline Marian models (ru→en direct, ru→multi with >>kaz<<) for trying the CLI."""
    from pipeline.devmodels import build_small_models

    for lang, path in build_small_models(out).items():
        typer.echo(f"{lang}={path}")


@app.command("convert")
def convert_command(
    source: Annotated[str, typer.Argument(metavar="MODEL", help="Marian checkpoint: hub id or local folder.")],
    out: Annotated[Path, typer.Argument(metavar="OUT", help="Folder for the CTranslate2 model.")],
    quantization: Annotated[str, typer.Option(
        "--quantization", metavar="TYPE", help=f"Weight type: {', '.join(QUANTIZATIONS)}.")] = "int8",
    revision: Annotated[str | None, typer.Option("--revision", metavar="REV", help="Hub revision to convert.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing OUT folder.")] = False,
) -> None:
    """Convert a Marian checkpoint to CTranslate2 (offline) for `--backend ct2`."""
    from pipeline.engines.convert import convert_marian

    typer.echo(str(convert_marian(source, out, quantization=quantization, revision=revision, force=force)))
