"""How `pressmt … --help` names values: `--out DIR`, `--model LANG=MODEL`, `PATH...`, nothing after a flag.

Typer 0.29 prints the Python type of every parameter (`<bool>` after each flag, `<list[Path]>`,
`{inputs}...` in the usage line), which reads as noise to a press office. The root group applies
one rule to every command below it, so a new option needs only its `metavar=` (without one it
shows its own name in capitals) and no command can bring the Python types back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

if TYPE_CHECKING:
    from typer import _click


class _Option(TyperOption):
    """An option that shows its metavar, and nothing at all when it is a flag."""

    def display_type_rich(self, ctx: _click.Context) -> str | None:
        if self.is_flag or self.count:
            return None
        return self.metavar or self.name.upper()


class _Argument(TyperArgument):
    """An argument shown by its metavar alone (`PATH...`, `[SAMPLES_DIR]`), as in the usage line."""

    def display_type_rich(self, ctx: _click.Context) -> str | None:
        return None

    def get_usage_pieces(self, ctx: _click.Context) -> list[str]:
        return [self.metavar if self.required else f"[{self.metavar}]"]


def _plain(param: _click.Parameter) -> None:
    """Give `param` the rendering above (idempotent); an argument without a metavar gets its name.
    Typer builds its parameters itself (no class can be passed in), so the built object takes the
    subclass: same fields, only the two rendering methods differ."""
    if type(param) is TyperOption:
        param.__class__ = _Option
    elif type(param) is TyperArgument:
        param.__class__ = _Argument
        metavar = param.metavar or param.name.upper()
        param.metavar = metavar + ("..." if param.nargs != 1 and not metavar.endswith("...") else "")


def _plain_all(params: list[_click.Parameter]) -> list[_click.Parameter]:
    for param in params:
        _plain(param)
    return params


class _Command(TyperCommand):
    """A command whose every parameter, `--help` included, is rendered by `_plain`."""

    def get_params(self, ctx: _click.Context) -> list[_click.Parameter]:
        return _plain_all(super().get_params(ctx))


class HelpGroup(TyperGroup):
    """The root group (`typer.Typer(cls=HelpGroup)`): `_plain` for its parameters and, by adopting
    them, for every command and group under it."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        _adopt(self)

    def get_params(self, ctx: _click.Context) -> list[_click.Parameter]:
        return _plain_all(super().get_params(ctx))


def _adopt(group: TyperGroup) -> None:
    """Every command and group Typer built under `group` takes the classes above (as in `_plain`)."""
    for command in group.commands.values():
        if type(command) is TyperGroup:
            command.__class__ = HelpGroup
            _adopt(command)
        elif type(command) is TyperCommand:
            command.__class__ = _Command
