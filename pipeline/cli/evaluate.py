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
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from pipeline.cli.common import (BACKEND_METAVAR, DEVICE_METAVAR, LANG_METAVAR, LANGS_HELP, EncodingOpt, GlossaryOpt,
                                 ModelOpt, NoShippedOpt, RoutesOpt, build_run_config, check_encoding_option,
                                 check_output_file, load_run_glossary, require_glossary, writing)
from pipeline.config import SUPPORTED_LANGS, RunConfig
from pipeline.errors import InputError, PressMTError
from pipeline.formats import Document, read_document, registered_suffixes
from pipeline.glossary.model import Glossary
from pipeline.quality.gate import DocScore, GateResult, Thresholds, gate
from pipeline.writers.base import writer
from pipeline.writers.junit import write_junit
from pipeline.quality.metrics import corpus_scores
from pipeline.quality.terms import term_accuracy
from pipeline.run import Runner
from pipeline.textfiles import ENCODING_HINT, read_russian_text, split_lines
from pipeline.writers.reader import RunReport, documents


@dataclass
class Sample:
    """One sample document: `samples/<name>/ru.txt` and its line-aligned references by language."""

    name: str
    source_path: Path
    sources: list[str]
    refs: dict[str, list[str]]


def read_lines(path: Path, encoding: str | None = None) -> list[str]:
    """The lines of a text file (a final newline is optional), decoded as a .txt document is
    (`encoding` if given, else UTF-8 or a detected windows-1251/KOI8-R); errors name the file."""
    return split_lines(read_russian_text(path, encoding, nonempty=True, hint=ENCODING_HINT))


def _check_aligned(reference: tuple[Path, list[str]], *others: tuple[Path, list[str]]) -> None:
    path, lines = reference
    for other, other_lines in others:
        if len(other_lines) != len(lines):
            raise PressMTError(f"line counts differ: {other} has {len(other_lines)} lines, {path} has {len(lines)}")


def read_samples(samples_dir: Path, langs: list[str], encoding: str | None = None) -> list[Sample]:
    """Every `<name>/ru.txt` under `samples_dir` (or `samples_dir/ru.txt` itself) with its
    `<lang>.txt` references, and each `ru.docx`/`ru.html` beside it as a sample of its own with the
    same references; a missing reference or a line-count mismatch is an error."""
    if not samples_dir.is_dir():
        raise InputError(str(samples_dir), "not a folder of samples (<name>/ru.txt, en.txt, kk.txt)")
    dirs = [samples_dir] if (samples_dir / "ru.txt").is_file() else sorted(
        d for d in samples_dir.iterdir() if (d / "ru.txt").is_file())
    if not dirs:
        raise InputError(str(samples_dir), "no sample found (expected <name>/ru.txt)")
    samples = []
    for folder in dirs:
        source_path = folder / "ru.txt"
        sources = read_lines(source_path, encoding)
        refs = {}
        for lang in langs:
            ref_path = folder / f"{lang}.txt"
            if not ref_path.is_file():
                raise InputError(str(ref_path), f"reference missing (needed for --to {lang})")
            refs[lang] = read_lines(ref_path, encoding)
            _check_aligned((source_path, sources), (ref_path, refs[lang]))
        samples.append(Sample(folder.name, source_path, sources, refs))
        for other in sorted(folder.glob("ru.*")):  # the same release as .docx, .html...: same references
            if other.suffix.lower() in registered_suffixes() and other.suffix.lower() != ".txt":
                doc = read_document(other)
                paragraphs = paragraph_texts(doc, [s.source for s in doc.segments])
                for lang in langs:
                    _check_aligned((other, paragraphs), (folder / f"{lang}.txt", refs[lang]))
                samples.append(Sample(f"{folder.name}/{other.name}", other, paragraphs, refs))
    return samples


def paragraph_texts(doc: Document, outputs: list[str]) -> list[str]:
    """The text of each paragraph of `doc` that has something to translate, with segment i
    replaced by `outputs[i]`: the lines a reference pairs with a .docx or .html sample."""
    return [p.render(outputs).strip() for p in doc.paragraphs if any(isinstance(x, int) for x in p.parts)]


def _translate_samples(samples: list[Sample], config: RunConfig, glossary: Glossary | None,
                       glossary_paths: list[str]) -> list[DocScore]:
    """Translate every sample's ru.txt exactly as `pressmt translate` does (same Runner, routes,
    glossary enforcement), into a temporary folder, and pair the outputs with the references.

    Returns one DocScore per sample and language in `config.langs`, in sample order then language
    order, with `hyps` line-aligned to `sources` (the document reader keeps one paragraph per line).
    """
    with tempfile.TemporaryDirectory(prefix="pressmt-evaluate-") as tmp:
        out_dir = Path(tmp)
        result = Runner(config, out_dir, glossary=glossary, glossary_paths=glossary_paths).run(
            [s.source_path for s in samples])
        if result.failed:
            first = result.failed[0]
            raise PressMTError(f"translation failed for {first.source}: {first.reason}")
        outputs = {Path(o.source).resolve(): o.outputs for o in result.outcomes}
        segments = _report_segments(result.report, {s.source_path.resolve() for s in samples}, config.langs)
        docs = []
        for sample in samples:
            for lang in config.langs:
                out_path = out_dir / outputs[sample.source_path.resolve()][lang]
                seg_outputs, seconds = segments[sample.source_path.resolve()][lang]
                if sample.source_path.suffix == ".txt":
                    hyps = read_lines(out_path, config.options.encoding)
                else:
                    hyps = paragraph_texts(read_document(sample.source_path), seg_outputs)
                _check_aligned((sample.source_path, sample.sources), (out_path, hyps))
                docs.append(DocScore(sample.name, lang, sample.sources, hyps, sample.refs[lang], glossary,
                                     translate_seconds=seconds))
    return docs


def _report_segments(report: RunReport, inputs: set[Path],
                     langs: list[str]) -> dict[Path, dict[str, tuple[list[str], float]]]:
    """Per input in `inputs` and language, the run's segment outputs and the seconds spent
    translating them (the segments' `time_ms`, summed), read from the streamed report."""
    found = {}
    for doc in documents(report):
        if (source := Path(doc["input"]).resolve()) in inputs:
            found[source] = {lang: ([s["output"] for s in segs], sum(s.get("time_ms") or 0.0 for s in segs) / 1000)
                             for lang in langs for segs in [doc["languages"][lang]["segments"]]}
    return found


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _score_files(hyp: Path, refs: list[Path], terms: tuple[Path, Glossary, str] | None,
                 encoding: str | None = None) -> dict:
    """Scores of `hyp` against `refs`; `terms` = (source file, glossary, language) adds term
    accuracy of the hypothesis and of the first reference (the ceiling a system can reach)."""
    hyps = read_lines(hyp, encoding)
    ref_streams = [read_lines(r, encoding) for r in refs]
    _check_aligned((hyp, hyps), *zip(refs, ref_streams))
    scores = corpus_scores(hyps, ref_streams)
    result = {key: _round(scores[key]) for key in ("bleu", "chrf", "chrf++", "ter")}
    result |= {"term_accuracy": None, "term_accuracy_reference": None, "segments": len(hyps),
               "signatures": scores["signatures"]}
    if terms is not None:
        src, gloss, lang = terms
        sources = read_lines(src, encoding)
        _check_aligned((hyp, hyps), (src, sources))
        result["term_accuracy"] = _round(term_accuracy(sources, hyps, gloss, lang).accuracy)
        result["term_accuracy_reference"] = _round(term_accuracy(sources, ref_streams[0], gloss, lang).accuracy)
    return result


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


def _check_range(option: str, value: float | None, top: float) -> None:
    if value is not None and not 0 <= value <= top:
        scale = "a fraction (0-1)" if top == 1 else "on sacrebleu's 0-100 scale"
        raise PressMTError(f"{option} {value:g} is out of range: it is {scale}")


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
        "--to", metavar="LANGS", help=f"SAMPLES_DIR mode: target languages, {LANGS_HELP} (default en,kk).")] = None,
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
    backend: Annotated[str | None, typer.Option(
        "--backend", metavar=BACKEND_METAVAR, help="SAMPLES_DIR mode: as in translate (default hf).")] = None,
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
        terms = None
        if src is not None or glossary:  # term accuracy, with the glossaries every command uses
            if src is None:
                raise PressMTError("term accuracy needs --src (the Russian source of --hyp)")
            if lang not in SUPPORTED_LANGS:
                raise PressMTError(f"--lang must be one of {', '.join(SUPPORTED_LANGS)} with --src (the language of --hyp)")
            terms = (src, require_glossary(glossary or [], no_shipped_glossary), lang)
        result = _score_files(hyp, ref, terms, check_encoding_option(encoding))
        if json_output:
            print(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            _print_scores(result)
        return

    if hyp is not None or ref or src is not None or lang is not None or json_output:
        raise PressMTError("--hyp, --ref, --src, --lang and --json score files; do not combine them with SAMPLES_DIR")
    thresholds = Thresholds(min_bleu=min_bleu, min_chrf=min_chrf, min_term_accuracy=min_term_accuracy)
    _check_range("--min-bleu", min_bleu, 100)
    _check_range("--min-chrf", min_chrf, 100)
    _check_range("--min-term-accuracy", min_term_accuracy, 1)
    for option, path in (("--junit", junit), ("--summary-md", summary_md)):
        if path is not None:
            check_output_file(path, option)  # now, not after translating every sample
    config = build_run_config(to=to or "en,kk", model=model or [], routes=routes,
                              beams=4 if beams is None else beams, device=device or "auto",
                              backend=backend or "hf", encoding=encoding)
    samples = read_samples(samples_dir, config.langs, config.options.encoding)
    gloss, gloss_paths = load_run_glossary(glossary or [], no_shipped=no_shipped_glossary)
    if min_term_accuracy is not None and gloss is None:
        raise PressMTError("--min-term-accuracy needs a glossary (--glossary, or the shipped glossaries/)")
    outcome = gate(_translate_samples(samples, config, gloss, gloss_paths), thresholds)
    _print_gate(outcome)
    if junit is not None:
        with writing(junit, "--junit"):
            write_junit(outcome, junit)
        print(f"junit: {junit}")
    if summary_md is not None:
        with writing(summary_md, "--summary-md"):
            writer("summary-md").write(outcome, summary_md)
        print(f"summary: {summary_md}")
    print(outcome.verdict())  # the last line: what a CI log is read for
    raise typer.Exit(outcome.exit_code)
