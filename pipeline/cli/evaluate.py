"""`pressmt evaluate`: score translations against references, or gate CI on the sample set.

Two modes, because two people ask:
- an engineer comparing systems has files: `--hyp H --ref R [--ref R2] [--src S --lang L [-g G]]`
  prints BLEU, chrF, chrF++, TER (with sacrebleu signatures) and term accuracy (shipped glossaries
  plus any -g, as every command);
- a press office's CI has the sample set: `pressmt evaluate SAMPLES_DIR [--min-bleu X] [--min-chrf X]
  [--min-term-accuracy X] [--junit FILE] [--summary-md FILE]` translates it as `pressmt translate`
  does, scores every document and language, writes JUnit XML and a Markdown summary, ends with a
  PASS or FAIL line naming the thresholds and exits 1 when one is missed (recipes: docs/ci.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from pipeline import api
from pipeline.cli.common import (DEFAULT_LANGS, DEVICE_METAVAR, LANG_METAVAR, LANGS_HELP, EncodingOpt, GlossaryOpt, ModelOpt,
                                 NoShippedOpt, RoutesOpt, build_run_config, check_output_file, from_registry,
                                 load_run_glossary, require_glossary, writing)
from pipeline.engines.base import BACKENDS
from pipeline.errors import PressMTError
from pipeline.quality.gate import GateResult, Thresholds
from pipeline.writers.base import writer


def _print_scores(result: dict) -> None:
    table = Table(title=f"{result['segments']} segments")
    table.add_column("metric")
    table.add_column("score", justify="right")
    table.add_column("signature", overflow="fold")
    for key in ("bleu", "chrf", "chrf++", "ter"):
        table.add_row(key, f"{result[key]:.2f}", result["signatures"][key])
    for key, label in (("term_accuracy", "term accuracy"), ("term_accuracy_reference", "term accuracy (reference)")):
        if result[key] is not None:
            table.add_row(label, f"{result[key]:.1%}", "WMT21 exact match")
    Console().print(table)


def _print_gate(result: GateResult) -> None:
    """A compact table that fits 80 columns (CI logs), then one line per missed threshold."""
    console = Console()
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("document", overflow="fold")
    for header in ("lang", "BLEU", "chrF", "TER", "terms", "gate"):
        table.add_column(header, justify="right", no_wrap=True)
    for doc in result.docs:
        acc = "–" if doc.term_accuracy is None else f"{doc.term_accuracy:.1%}"
        verdict = "[red]FAIL[/red]" if doc.failures else "[green]pass[/green]"
        table.add_row(doc.name, doc.lang, *(f"{doc.scores[k]:.2f}" for k in ("bleu", "chrf", "ter")), acc, verdict)
    console.print(table)
    for doc in result.docs:
        for failure in doc.failures:
            console.print(f"FAIL {doc.name} ({doc.lang}): {failure.message}", highlight=False)


def evaluate_command(
    samples_dir: Annotated[Path | None, typer.Argument(
        metavar="SAMPLES_DIR", help="Sample set (<name>/ru.txt, en.txt, kk.txt) to translate and gate on; omit with --hyp/--ref.")] = None,
    hyp: Annotated[Path | None, typer.Option("--hyp", metavar="FILE", help="Translations to score, one segment per line.")] = None,
    ref: Annotated[list[Path] | None, typer.Option(
        "--ref", metavar="FILE", help="Reference translations, line-aligned; repeatable.")] = None,
    src: Annotated[Path | None, typer.Option("--src", metavar="FILE", help="Russian source of --hyp, for term accuracy.")] = None,
    glossary: GlossaryOpt = None,
    no_shipped_glossary: NoShippedOpt = False,
    encoding: EncodingOpt = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar=LANG_METAVAR, help="Language of --hyp, for term accuracy.")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    to: Annotated[str | None, typer.Option(
        "--to", metavar="LANGS", help=f"SAMPLES_DIR mode: target languages, {LANGS_HELP} (default {DEFAULT_LANGS}).")] = None,
    model: ModelOpt = None,
    routes: RoutesOpt = None,
    beams: Annotated[int | None, typer.Option(
        "--beams", metavar="N", help="SAMPLES_DIR mode: beam size as in translate (default 4).")] = None,
    device: Annotated[str | None, typer.Option(
        "--device", metavar=DEVICE_METAVAR, help="SAMPLES_DIR mode: where the models run (default auto).")] = None,
    min_bleu: Annotated[float | None, typer.Option("--min-bleu", metavar="SCORE", help="Fail a document below this BLEU.")] = None,
    min_chrf: Annotated[float | None, typer.Option("--min-chrf", metavar="SCORE", help="Fail a document below this chrF.")] = None,
    min_term_accuracy: Annotated[float | None, typer.Option(
        "--min-term-accuracy", metavar="FRACTION", help="Fail a document below this term accuracy (0-1).")] = None,
    junit: Annotated[Path | None, typer.Option(
        "--junit", metavar="FILE", help="Write JUnit XML here (one test case per document and language).")] = None,
    summary_md: Annotated[Path | None, typer.Option(
        "--summary-md", metavar="FILE",
        help="Write a Markdown table of the scores, thresholds and verdict here (GitHub: $GITHUB_STEP_SUMMARY).")] = None,
    backend: Annotated[str | None, from_registry(typer.Option(
        "--backend", help="SAMPLES_DIR mode: as in translate (default hf)."), metavar=BACKENDS.metavar)] = None,
) -> None:
    """Score translations (--hyp/--ref) or gate on a sample set (SAMPLES_DIR): exit 1 on a missed threshold."""
    if samples_dir is None:
        sample_only = {"--min-bleu": min_bleu, "--min-chrf": min_chrf, "--min-term-accuracy": min_term_accuracy,
                       "--junit": junit, "--model": model, "--routes": routes, "--to": to, "--beams": beams,
                       "--device": device, "--summary-md": summary_md, "--backend": backend}
        used = [name for name, value in sample_only.items() if value is not None and value != []]
        if used:
            raise PressMTError(f"{', '.join(used)} need SAMPLES_DIR (they gate a translated sample set)")
        if hyp is None or not ref:
            raise PressMTError("give SAMPLES_DIR, or --hyp and at least one --ref")
        gloss = None
        if src is not None or glossary:  # term accuracy, with the glossaries every command uses
            if src is None:
                raise PressMTError("term accuracy needs --src (the Russian source of --hyp)")
            api.check_term_lang(lang)
            gloss = require_glossary(glossary or [], no_shipped_glossary)
        result = api.evaluate_files(hyp, ref, src=src, lang=lang, glossary=gloss, encoding=encoding)
        if json_output:
            print(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            _print_scores(result)
        return

    if hyp is not None or ref or src is not None or lang is not None or json_output:
        raise PressMTError("--hyp, --ref, --src, --lang and --json score files; do not combine them with SAMPLES_DIR")
    thresholds = Thresholds(min_bleu=min_bleu, min_chrf=min_chrf, min_term_accuracy=min_term_accuracy)
    thresholds.check()
    for option, path in (("--junit", junit), ("--summary-md", summary_md)):
        if path is not None:
            check_output_file(path, option)  # now, not after translating every sample
    config = build_run_config(to=to or DEFAULT_LANGS, model=model or [], routes=routes,
                              beams=4 if beams is None else beams, device=device or "auto",
                              backend=backend or "hf", encoding=encoding)
    gloss, _ = load_run_glossary(glossary or [], no_shipped=no_shipped_glossary)
    outcome = api.evaluate_samples(samples_dir, config, glossary=gloss, thresholds=thresholds)
    _print_gate(outcome)
    if junit is not None:
        with writing(junit, "--junit"):
            writer("junit").write(outcome, junit)
        print(f"junit: {junit}")
    if summary_md is not None:
        with writing(summary_md, "--summary-md"):
            writer("summary-md").write(outcome, summary_md)
        print(f"summary: {summary_md}")
    print(outcome.verdict())  # the last line: what a CI log is read for
    raise typer.Exit(outcome.exit_code)
