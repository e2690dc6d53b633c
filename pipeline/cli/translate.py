"""`pressmt translate`: batch-translate files and folders of Russian releases into English and Kazakh."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.cli.common import GlossaryOpt, ModelOpt, RoutesOpt, build_run_config, load_run_glossary, open_tm
from pipeline.engines.pool import EnginePool
from pipeline.executors import make_executor
from pipeline.run import DocumentOutcome, Runner
from pipeline.writers.review_html import REVIEW_NAME, review_first


def translate_command(
    inputs: Annotated[list[Path], typer.Argument(
        help="Files or folders (recursive) of releases: .txt, .md, .docx, .html (docs/formats.md).")],
    out: Annotated[Path, typer.Option("--out", help="Output folder; outputs never escape it.")],
    to: Annotated[str, typer.Option("--to", help="Target languages, comma-separated.")] = "en,kk",
    glossary: GlossaryOpt = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Do not enforce any glossary.")] = False,
    model: ModelOpt = None,
    routes: RoutesOpt = None,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Sentences per batch at most (1-1024).")] = 16,
    beams: Annotated[int, typer.Option("--beams", help="Beam size, 1-16 (1 = greedy).")] = 4,
    device: Annotated[str, typer.Option("--device", help="auto, cpu or cuda.")] = "auto",
    threads: Annotated[int | None, typer.Option("--threads", help="CPU threads for the engine.")] = None,
    backend: Annotated[str, typer.Option("--backend", help="hf (transformers) or ct2 (CTranslate2).")] = "hf",
    resume: Annotated[bool, typer.Option("--resume", help="Skip documents whose outputs are complete and current.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Bypass the translation memory.")] = False,
    tm: Annotated[Path | None, typer.Option("--tm", help="Translation memory file (default: user cache).")] = None,
    executor: Annotated[str, typer.Option(
        "--executor", help="Where the models run: local (this process) or ray (Ray actors; docs/scale-out.md).")] = "local",
    ray_address: Annotated[str | None, typer.Option(
        "--ray-address", help="auto or HOST:PORT of a running Ray cluster (default: start Ray here).")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", help="Ray actors, each with --threads CPU threads (default: the cluster's CPUs).")] = None,
) -> None:
    """Translate documents; exit 0 when all were translated, 1 when some failed, 2 on usage errors."""
    config = build_run_config(to=to, model=model or [], routes=routes, batch_size=batch_size, beams=beams,
                              device=device, threads=threads, backend=backend)
    gloss, gloss_paths = load_run_glossary(glossary or [], no_glossary)
    pool = EnginePool(config.options, tm=open_tm(tm, no_cache),
                      executor=make_executor(executor, config.options, address=ray_address, workers=workers))
    console = Console(stderr=True)
    with pool, _progress(console) as progress:
        task = progress.add_task("translating", total=None)

        def on_document(outcome: DocumentOutcome) -> None:
            progress.advance(task)
            if outcome.status == "failed":
                progress.console.print(f"[red]failed[/red] {outcome.source}: {outcome.reason}")
            elif outcome.status == "skipped":
                progress.console.print(f"[yellow]skipped[/yellow] {outcome.source}: {outcome.reason}")
            for warning in outcome.warnings:
                progress.console.print(f"[yellow]warning[/yellow] {warning}")

        runner = Runner(config, out, glossary=gloss, glossary_paths=gloss_paths, resume=resume,
                        pool=pool,
                        on_start=lambda total: progress.update(task, total=total), on_document=on_document)
        result = runner.run(list(inputs))
    print_summary(console, result.report)
    if first := review_first(result.report):  # the segments an editor should read first
        console.print("review first:", *first, sep="\n  ", markup=False, highlight=False, soft_wrap=True)
    console.print(f"report: {result.report_path}")
    console.print(f"review page: {result.report_path.parent / REVIEW_NAME}", soft_wrap=True)
    raise typer.Exit(result.exit_code)


def _progress(console: Console) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True)


def print_summary(console: Console, report: dict) -> None:
    """The end-of-run table: documents, segments, flagged segments and term accuracy per language."""
    summary = report["summary"]
    status = ", ".join(f"{n} {s}" for s, n in sorted(summary["by_status"].items())) or "none"
    console.print(f"documents: {summary['documents']} ({status})")
    table = Table("language", "segments", "flagged", "terms ok", "repaired", "missing", "term accuracy")
    for lang, row in summary["languages"].items():
        terms = row["terms"]
        acc = "–" if terms["accuracy"] is None else f"{terms['accuracy']:.1%}"
        table.add_row(lang, str(row["segments"]), str(row["flagged"]), str(terms["ok"]),
                      str(terms["repaired"]), str(terms["missing"]), acc)
    console.print(table)
