"""`pressmt enforce`: apply a glossary to a translation made elsewhere (any engine, any editor).

The source and translation files are line-aligned; each translated line is checked against the
terms found in its Russian line and repaired where the model changed them. Lines are written back
with their own line endings, so an untouched line stays byte-identical.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from pipeline import api
from pipeline.cli.common import (LANG_METAVAR, GlossaryOpt, NoShippedOpt, check_output_file, require_glossary,
                                 writing)
from pipeline.config import target_languages
from pipeline.errors import PressMTError
from pipeline.outputs import write_atomic, write_json_atomic
from pipeline.registry import check_choice
from pipeline.textfiles import read_text, split_lines


def enforce_command(
    lang: Annotated[str, typer.Option("--lang", metavar=LANG_METAVAR, help="Language of the translation.")],
    source: Annotated[Path, typer.Option("--source", metavar="FILE", help="Russian source, one segment per line.")],
    translation: Annotated[Path, typer.Option("--translation", metavar="FILE",
                                              help="Translation, line-aligned with --source.")],
    out: Annotated[Path | None, typer.Option(
        "--out", metavar="FILE", help="Write the enforced translation here, and the term report to stdout "
                                      "(default: the translation to stdout, the report to stderr).")] = None,
    json_report: Annotated[Path | None, typer.Option(
        "--json", metavar="FILE", help="Write a per-line JSON report of every term.")] = None,
    glossary: GlossaryOpt = None,
    no_shipped_glossary: NoShippedOpt = False,
) -> None:
    """Check and repair glossary terms in an existing translation."""
    check_choice("--lang", lang, target_languages(), "language")
    for option, path in (("--out", out), ("--json", json_report)):
        if path is not None:
            check_output_file(path, option)
    src_lines = split_lines(read_text(source), keepends=True)
    tgt_lines = split_lines(read_text(translation), keepends=True)
    if len(src_lines) != len(tgt_lines):
        raise PressMTError(f"{source} has {len(src_lines)} lines but {translation} has {len(tgt_lines)}; "
                           "the files must be line-aligned")
    enforced = api.enforce(src_lines, tgt_lines, lang, require_glossary(glossary or [], no_shipped_glossary))
    report = [{"line": number, "terms": [{"ru": r.ru, "expected": r.expected, "found": r.found,
                                          "status": r.status} | r.to_json() for r in line.terms]}
              for number, line in enumerate(enforced, start=1)]
    text = "".join(line.text for line in enforced)
    if out is None:
        sys.stdout.write(text)
    else:
        with writing(out, "--out"):
            write_atomic(out, text)
    if json_report is not None:
        with writing(json_report, "--json"):
            write_json_atomic(json_report, report)
    results = sys.stderr if out is None else sys.stdout  # stdout carries the translation when no --out
    for item in report:  # what an editor must look at: every repaired or missing term, by line
        for t in item["terms"]:
            if t["status"] != "ok":
                print(f"line {item['line']}: {t['status']} {t['ru']}: expected {t['expected']!r}, "
                      f"found {t['found']!r}", file=results)
    counts = [sum(t["status"] == status for item in report for t in item["terms"])
              for status in ("ok", "repaired", "missing")]
    print("terms: {} ok, {} repaired, {} missing".format(*counts), file=results)
