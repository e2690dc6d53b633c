"""Reading a run's report: the one place writers, `evaluate` and `import xliff` get a run's results from.

A run writes two files (schema `pressmt.report/2`, docs/report-schema.md): `report.jsonl`, one
document entry per line, streamed as documents finish, and, when the run ends, `report.json` with
the run's options, routes, summary and an index of its documents. Reading streams the lines too,
so an archive of tens of thousands of releases is never held in memory at once. `report.json` is
written last: without it the run did not finish and its `report.jsonl` is incomplete.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pipeline.errors import PressMTError

SCHEMA = "pressmt.report/2"
REPORT_NAME = "report.json"
DOCUMENTS_NAME = "report.jsonl"


class RunReport(Mapping[str, Any]):
    """report.json's fields (`report["summary"]`, `report["routes"]`...) with the documents
    streamed from report.jsonl by `documents()`, or held in a list for a report built in memory."""

    def __init__(self, meta: dict, documents: Path | list[dict]) -> None:
        self.meta = meta
        self._documents = documents

    def __getitem__(self, key: str) -> Any:
        return self.meta[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.meta)

    def __len__(self) -> int:
        return len(self.meta)

    def documents(self) -> Iterator[dict]:
        """The document entries in run order. A report.jsonl that does not hold exactly the
        documents report.json lists (a file cut short, another run's) is a PressMTError."""
        if isinstance(self._documents, list):
            yield from self._documents
            return
        path = self._documents
        index = self.meta.get("index", [])
        count = 0
        try:
            with path.open(encoding="utf-8") as fh:
                for number, line in enumerate(fh, 1):
                    try:
                        doc = json.loads(line)
                    except ValueError as exc:
                        raise PressMTError(f"{path}:{number}: not a report line ({exc})") from None
                    if count >= len(index) or doc.get("path") != index[count]["path"]:
                        raise PressMTError(f"{path}:{number}: document {doc.get('path')!r} is not the one "
                                           f"{path.with_name(REPORT_NAME)} lists there; the files are from different runs")
                    count += 1
                    yield doc
        except OSError as exc:
            raise PressMTError(f"{path}: cannot read the report's documents ({exc.strerror or exc})") from None
        if count != len(index):
            raise PressMTError(f"{path}: {count} documents, but {path.with_name(REPORT_NAME)} lists {len(index)}")


def read_report(out_dir: Path) -> RunReport:
    """The report of the run that wrote `out_dir`; a missing, unreadable or foreign report is a
    PressMTError naming the file."""
    path = out_dir / REPORT_NAME
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PressMTError(f"{path}: no finished run here; run `pressmt translate ... --out {out_dir}` "
                           "(with --resume to finish an interrupted one)") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise PressMTError(f"{path}: cannot read the report ({exc})") from None
    if not isinstance(meta, dict) or meta.get("schema") != SCHEMA:
        found = meta.get("schema") if isinstance(meta, dict) else None
        raise PressMTError(f"{path}: not a {SCHEMA} report (schema {found!r}); translate again with this version")
    return RunReport(meta, out_dir / meta.get("documents_file", DOCUMENTS_NAME))


def documents(report: RunReport) -> Iterator[dict]:
    """The report's document entries in run order."""
    yield from report.documents()

