"""Reading a run's report: the one place writers and `import xliff` get a run's results from.

Today that is `OUT/report.json` (schema `pressmt.report/1`, docs/report-schema.md). When the
report is streamed per document, only `read_report` and `documents` change.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import PressMTError

SCHEMA_PREFIX = "pressmt.report/"
REPORT_NAME = "report.json"


def read_report(out_dir: Path) -> dict:
    """The report of the run that wrote `out_dir`; a missing, unreadable or foreign report is a
    PressMTError naming the file."""
    path = out_dir / REPORT_NAME
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PressMTError(f"{path}: no report here; run `pressmt translate ... --out {out_dir}` first") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise PressMTError(f"{path}: cannot read the report ({exc})") from None
    if not isinstance(report, dict) or not str(report.get("schema", "")).startswith(SCHEMA_PREFIX):
        raise PressMTError(f"{path}: not a pressmt report (schema {report.get('schema') if isinstance(report, dict) else None!r})")
    return report


def documents(report: dict) -> Iterator[dict]:
    """The report's document entries in run order."""
    yield from report.get("documents", [])
