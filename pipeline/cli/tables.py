"""Terminal tables that never cut a cell: a grid when it fits the terminal, records when it doesn't.

Editors copy a `file:line` or a Kazakh form out of these tables, so an ellipsis in the middle of
one is worse than no table: a grid too wide for the terminal becomes one block per row instead.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table


def print_table(columns: list[str], rows: list[list[str]], console: Console | None = None) -> None:
    """Print `rows` under `columns` on stdout, whole, at any terminal width."""
    console = console or Console(soft_wrap=True)
    widths = [max([cell_len(c)] + [cell_len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    grid_width = sum(widths) + 3 * len(columns) + 1  # "│ " before each cell, " " after, "│" at the end
    if grid_width <= console.width:
        table = Table(*columns)
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return
    label = max(cell_len(c) for c in columns)
    for row in rows:
        console.print(f"{columns[0]}: {row[0]}", style="bold", markup=False, highlight=False)
        for name, value in zip(columns[1:], row[1:]):
            console.print(f"  {name.ljust(label)}  {value}", markup=False, highlight=False)
