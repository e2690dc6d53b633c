"""`pressmt translate`: batch-translate files and folders of Russian releases into English and Kazakh."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline import api
from pipeline.cli.common import (DEFAULT_LANGS, DEVICE_METAVAR, LANGS_HELP, EncodingOpt, GlossaryOpt, ModelOpt, NoCacheOpt,
                                 NoShippedOpt, RoutesOpt, TmOpt, build_run_config, from_registry, load_run_glossary,
                                 open_memories)
from pipeline.engines.base import BACKENDS
from pipeline.executors import EXECUTORS
from pipeline.formats import registered_suffixes
from pipeline.run import DocumentOutcome
from pipeline.writers.review_html import REVIEW_NAME, review_first


def translate_command(
    inputs: Annotated[list[Path], from_registry(typer.Argument(metavar="PATH..."), help=lambda: (
        f"Files or folders (recursive) of releases: {', '.join(registered_suffixes())}; "
        "other files in a folder are listed as skipped."))],
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Output folder; outputs never escape it.")],
    to: Annotated[str, typer.Option("--to", metavar="LANGS", help=f"Target languages, {LANGS_HELP}.")] = DEFAULT_LANGS,
    glossary: GlossaryOpt = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Do not enforce any glossary.")] = False,
    no_shipped_glossary: NoShippedOpt = False,
    encoding: EncodingOpt = None,
    model: ModelOpt = None,
    routes: RoutesOpt = None,
    batch_size: Annotated[int, typer.Option("--batch-size", metavar="N", help="Sentences per batch at most (1-1024).")] = 16,
    beams: Annotated[int, typer.Option("--beams", metavar="N", help="Beam size, 1-16 (1 = greedy).")] = 4,
    device: Annotated[str, typer.Option(
        "--device", metavar=DEVICE_METAVAR, help="Where the models run; auto takes a GPU when there is one.")] = "auto",
    threads: Annotated[int | None, typer.Option(
        "--threads", metavar="N", help="CPU threads in all (default: every core); with ray, per actor.")] = None,
    backend: Annotated[str, from_registry(typer.Option("--backend"), metavar=BACKENDS.metavar,
                                          help=lambda: f"{BACKENDS.choices_help()}.")] = "hf",
    resume: Annotated[bool, typer.Option("--resume", help="Skip documents whose outputs are complete and current.")] = False,
    no_cache: NoCacheOpt = False,
    tm: TmOpt = None,
    executor: Annotated[str, from_registry(typer.Option("--executor"), metavar=EXECUTORS.metavar,
                                           help=lambda: f"Where the models run: {EXECUTORS.choices_help()}.")] = "local",
    ray_address: Annotated[str | None, typer.Option(
        "--ray-address", metavar="ADDRESS", help="auto or HOST:PORT of a running Ray cluster (default: start Ray here).")] = None,
    allow_empty: Annotated[bool, typer.Option(
        "--allow-empty", help="Exit 0 when the inputs hold no document to translate (default: exit 1, "
                              "as for a job pointed at the wrong folder).")] = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", metavar="N", help="Batches translated at once (default: one per thread), or Ray actors "
                                       "(default: as many as the cluster's CPUs hold).")] = None,
) -> None:
    """Translate documents; exit 0 when all were translated, 1 when some failed or there was none to
    translate, 2 on usage errors."""
    config = build_run_config(to=to, model=model or [], routes=routes, batch_size=batch_size, beams=beams,
                              device=device, threads=threads, backend=backend, workers=workers, encoding=encoding)
    gloss, _ = load_run_glossary(glossary or [], no_glossary, no_shipped_glossary)
    memories = open_memories(tm, no_cache)
    unused, cache_path = memories.unused_human_entries(), memories.machine.path
    console, results = Console(stderr=True), Console()  # progress and diagnostics; the results
    with memories, _progress(console) as progress:
        task = progress.add_task("translating", total=None)

        def on_document(outcome: DocumentOutcome) -> None:
            progress.advance(task)
            # one line each, whole (a path is copied out of it), and a `[` in a file name is no markup
            if outcome.status == "failed":
                progress.console.print(f"[red]failed[/red] {escape(f'{outcome.source}: {outcome.reason}')}",
                                       soft_wrap=True, highlight=False)
            for warning in outcome.warnings:
                progress.console.print(f"[yellow]warning[/yellow] {escape(warning)}", soft_wrap=True, highlight=False)

        result = api.translate(inputs, out, config, glossary=gloss, memory=memories, resume=resume,
                               executor=executor, ray_address=ray_address,
                               on_start=lambda total: progress.update(task, total=total), on_document=on_document)
    if result.nothing_to_translate and not allow_empty:  # a mis-pointed job: say so, and fail it
        _print_skipped(results, result.report)
        skipped = len(result.outcomes)
        console.print(f"error: no document to translate in {', '.join(map(str, inputs))}"
                      + (f" ({skipped} file{'s' * (skipped != 1)} skipped, listed above)" if skipped else "")
                      + "; pass --allow-empty when a run may have none", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    print_summary(results, result.report)
    if unused:
        console.print(f"note: {cache_path} holds {unused} editors' translations stored by an earlier pressmt; "
                      f"they are not used unless you name that file with --tm (pressmt tm list --human --tm "
                      f"{cache_path})", markup=False, highlight=False, soft_wrap=True)
    if first := review_first(result.report):  # the segments an editor should read first
        results.print("review first:", *first, sep="\n  ", markup=False, highlight=False, soft_wrap=True)
    results.print(f"report: {result.report_path}", soft_wrap=True)
    results.print(f"review page: {result.report_path.parent / REVIEW_NAME}", soft_wrap=True)
    raise typer.Exit(result.exit_code)


def _progress(console: Console) -> Progress:
    """A progress bar on a terminal; none in a log or a pipe, where it would only add blank lines."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True, disable=not console.is_terminal)


def print_summary(console: Console, report: dict) -> None:
    """The end-of-run table: documents, segments, flagged segments and term accuracy per language."""
    summary = report["summary"]
    status = ", ".join(f"{n} {s}" for s, n in sorted(summary["by_status"].items())) or "none"
    console.print(f"documents: {summary['documents']} ({status})")
    _print_skipped(console, report)
    table = Table("language", "segments", "flagged", "terms ok", "repaired", "missing", "term accuracy")
    for lang, row in summary["languages"].items():
        terms = row["terms"]
        acc = "–" if terms["accuracy"] is None else f"{terms['accuracy']:.1%}"
        table.add_row(lang, str(row["segments"]), str(row["flagged"]), str(terms["ok"]),
                      str(terms["repaired"]), str(terms["missing"]), acc)
    console.print(table)
    console.print(memory_line(report), markup=False, highlight=False, soft_wrap=True)


def _print_skipped(console: Console, report: dict) -> None:
    """Each input that was not translated and not failed (a format we do not read, not Russian),
    once, with its reason, so nothing a folder holds is passed over in silence."""
    skipped = [e for e in report["index"] if e["status"] == "skipped"]
    if skipped:
        console.print("skipped:", *(f"{e['path']}: {e['reason']}" for e in skipped), sep="\n  ",
                      markup=False, highlight=False, soft_wrap=True)


def memory_line(report: dict) -> str:
    """Where the run's outputs came from besides the models: the machine cache and editors' memory."""
    memory = report.get("memory") or {}
    rows = report["summary"]["languages"].values()
    cached, human = sum(r.get("from_cache", 0) for r in rows), sum(r.get("from_editors", 0) for r in rows)
    cache = f"{cached} segments from the machine cache ({memory['cache']})" if memory.get("cache") \
        else "machine cache off"
    editors = f"{human} from editors' approved translations ({memory['editors']})" if memory.get("editors") \
        else f"{human} from editors' approved translations (no memory named: --tm FILE or $PRESSMT_TM)"
    return f"memory: {cache}; {editors}"
