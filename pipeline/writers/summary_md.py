"""The CI gate's Markdown summary (`pressmt evaluate SAMPLES_DIR --summary-md FILE`): what a CI
page shows above the log. GitHub renders it when the file is appended to `$GITHUB_STEP_SUMMARY`;
GitLab and others attach it as an artifact. One table row per document and language with its
scores, time and verdict, the thresholds, and the verdict line the terminal ends with.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.outputs import write_atomic
from pipeline.writers.base import Writer, register

if TYPE_CHECKING:
    from pipeline.quality.gate import DocResult, GateResult


def _cell(text: str) -> str:
    """A table cell: a `|` or a line break in a document's name would end the cell or the row."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _row(doc: DocResult) -> str:
    terms = "–" if doc.term_accuracy is None else f"{doc.term_accuracy:.1%}"
    verdict = "**FAIL**: " + "; ".join(f.message for f in doc.failures) if doc.failures else "pass"
    cells = [_cell(doc.name), doc.lang, str(doc.segments), *(f"{doc.scores[k]:.2f}" for k in ("bleu", "chrf", "ter")),
             terms, f"{doc.seconds:.2f}", verdict]
    return "| " + " | ".join(cells) + " |"


def summary_markdown(result: GateResult) -> str:
    """The summary as Markdown text."""
    lines = [f"## pressmt evaluate: {'PASS' if result.passed else 'FAIL'}", "",
             f"Thresholds: {result.thresholds.describe()}", "",
             "| document | lang | segments | BLEU | chrF | TER | term accuracy | time (s) | result |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
             *(_row(doc) for doc in result.docs), "", result.verdict(), ""]
    return "\n".join(lines)


@register
class SummaryMarkdownWriter(Writer["GateResult"]):
    """A CI gate result → one Markdown file at `target`."""

    name = "summary-md"

    def write(self, data: GateResult, target: Path) -> list[Path]:
        write_atomic(target, summary_markdown(data))
        return [target]
