"""JUnit XML for the CI gate (`pressmt evaluate SAMPLES_DIR --junit FILE`): the report a press
office's CI server (GitLab, Jenkins, GitHub test reporters) already displays.

A <testsuite> per language, a <testcase> per document whose <failure> elements carry the metric,
value and threshold it missed, and <properties> with all scores. Times are real: a test case's
`time` is its document's translation time in that language (the run report's segment times) plus
its scoring time, and suites add theirs up, so a CI server's slowest-tests view means something.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.outputs import write_atomic
from pipeline.writers.base import Writer, register

if TYPE_CHECKING:
    from pipeline.quality.gate import GateResult


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _seconds(value: float) -> str:
    return f"{value:.3f}"


def junit_bytes(result: GateResult) -> bytes:
    root = ET.Element("testsuites", name="pressmt evaluate", tests=str(len(result.docs)),
                      failures=str(sum(1 for d in result.docs if d.failures)),
                      time=_seconds(sum(d.seconds for d in result.docs)))
    langs = list(dict.fromkeys(d.lang for d in result.docs))
    for lang in langs:
        docs = [d for d in result.docs if d.lang == lang]
        suite = ET.SubElement(root, "testsuite", name=f"pressmt.{lang}", tests=str(len(docs)),
                              failures=str(sum(1 for d in docs if d.failures)), errors="0", skipped="0",
                              time=_seconds(sum(d.seconds for d in docs)))
        for doc in docs:
            case = ET.SubElement(suite, "testcase", classname=f"pressmt.{lang}", name=doc.name,
                                 time=_seconds(doc.seconds))
            props = ET.SubElement(case, "properties")
            values = {"segments": str(doc.segments), **{k: _fmt(v) for k, v in doc.values().items()}}
            for key, value in values.items():
                ET.SubElement(props, "property", name=key, value=value)
            for failure in doc.failures:
                elem = ET.SubElement(case, "failure", type="threshold", message=failure.message)
                elem.set("metric", failure.metric)
                elem.set("value", _fmt(failure.value))
                elem.set("threshold", _fmt(failure.threshold))
                elem.text = f"{doc.name} ({lang}): {failure.message}"
            ET.SubElement(case, "system-out").text = "\n".join(
                f"{k}: {v}" for k, v in doc.scores["signatures"].items())
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


@register
class JUnitWriter(Writer["GateResult"]):
    """A CI gate result → one JUnit XML file at `target`."""

    name = "junit"

    def write(self, data: GateResult, target: Path) -> list[Path]:
        write_atomic(target, junit_bytes(data))
        return [target]


def write_junit(result: GateResult, path: Path) -> None:
    """Write the gate's JUnit XML to `path`."""
    JUnitWriter().write(result, path)
