"""`pressmt glossary check|hits|forms` (being written)."""

import typer

app = typer.Typer(no_args_is_help=True)
