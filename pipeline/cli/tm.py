"""`pressmt tm`: see, clean and export a translation memory (`stats`, `list`, `delete`, `export`).

Every command works on the memory named by `--tm` (or $PRESSMT_TM), else on the hidden machine
cache, so entries left there by an older pressmt (editors' translations it no longer uses) can be
seen and removed too. Inspecting a memory that does not exist is a usage error, never a new file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.common import TmOpt, open_tm
from pipeline.errors import UsageError
from pipeline.tm import HUMAN
from pipeline.writers.tmx import TmxExport, TmxWriter

app = typer.Typer(no_args_is_help=True)


@app.callback()
def tm_group() -> None:
    """See, clean and export a translation memory."""


@app.command("export")
def export_tm(
    tmx: Annotated[Path, typer.Option("--tmx", metavar="FILE", help="TMX 1.4 file to write.")],
    human_only: Annotated[bool, typer.Option("--human-only", help="Only editors' approved pairs.")] = False,
    tm: TmOpt = None,
) -> None:
    """Write the memory's pairs whose languages are known (editors' first) as TMX 1.4."""
    with open_tm(tm, False) as memory:
        export = TmxExport(list(memory.pairs(human_only)))
        (path,) = TmxWriter().write(export, tmx)
    for warning in export.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"tmx: {path}")


@app.command("stats")
def stats_tm(tm: TmOpt = None) -> None:
    """The memory's file and size, and its entries by origin (machine, human) and target language."""
    with open_tm(tm, must_exist=True) as memory:
        counts = memory.counts()
        size = sum(os.path.getsize(f) for f in (memory.path, Path(f"{memory.path}-wal")) if f.is_file())
        typer.echo(f"memory: {memory.path} ({size:,} bytes)")
        typer.echo(f"entries: {sum(counts.values())}")
        for (origin, lang), n in sorted(counts.items(), key=lambda item: (item[0][0] != HUMAN, item[0])):
            typer.echo(f"  {origin}\t{lang}\t{n}")


@app.command("list")
def list_tm(
    human: Annotated[bool, typer.Option("--human", help="Only editors' approved translations.")] = False,
    grep: Annotated[str | None, typer.Option("--grep", help="Only entries whose source or target contains TEXT "
                                                            "(case-insensitive).", metavar="TEXT")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most N entries.", metavar="N")] = None,
    tm: TmOpt = None,
) -> None:
    """Entries, editors' first, as tab-separated lines: id, language, origin, source, target, and for
    editors' entries where they came from (XLIFF file, run id, import time)."""
    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be 1 or more, not {limit}")
    with open_tm(tm, must_exist=True) as memory:
        entries = memory.entries(human_only=human, grep=grep, limit=limit)
        for e in entries:
            where = "" if e.origin != HUMAN else \
                f"from {e.from_file} (run {e.from_run}, {e.created})" if e.from_file else "imported before pressmt recorded where from"
            typer.echo("\t".join([e.id, e.target_lang or "?", e.origin, _one_line(e.source), _one_line(e.target),
                                  where]).rstrip("\t"))
        typer.echo(f"{len(entries)} entries in {memory.path}", err=True)


@app.command("delete")
def delete_tm(
    ids: Annotated[list[str] | None, typer.Argument(help="Entry ids, as `tm list` prints them.", metavar="ID...")] = None,
    from_file: Annotated[Path | None, typer.Option(
        "--from-file", help="Every editors' entry imported from this XLIFF file.", metavar="X.xlf")] = None,
    all_human: Annotated[bool, typer.Option("--all-human", help="Every editors' entry.")] = False,
    tm: TmOpt = None,
) -> None:
    """Delete entries by id, by the XLIFF file they were imported from, or every editors' entry."""
    chosen = sum([bool(ids), from_file is not None, all_human])
    if chosen != 1:
        raise UsageError("tm delete: give entry ids, --from-file X.xlf or --all-human (exactly one of them)")
    with open_tm(tm, must_exist=True) as memory:
        source = None if from_file is None else os.path.abspath(from_file)
        deleted = memory.delete(ids=ids or (), from_file=source, all_human=all_human)
        typer.echo(f"deleted {deleted} entries from {memory.path}")


def _one_line(text: str) -> str:
    """A column value on one line, so every entry is one line of `tm list`."""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")
