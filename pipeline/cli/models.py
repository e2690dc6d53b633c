"""`pressmt models list|download|build-small|convert` (being written)."""

import typer

app = typer.Typer(no_args_is_help=True)
