"""Reading a run's report: the one place writers, `evaluate` and `import xliff` get a run's results from.

A run writes two files (schema `pressmt.report/3`, docs/report-schema.md): `report.jsonl`, one
document entry per line, streamed as documents finish, and, when the run ends, `report.json` with
the run's options, routes, summary and an index of its documents. Reading streams the lines too,
so an archive of tens of thousands of releases is never held in memory at once. `report.json` is
written last: without it the run did not finish and its `report.jsonl` is incomplete. Each line is
parsed into the typed record (`pipeline.report.DocumentEntry`), so readers see the fields exactly
as the writers serialise them. Every path report.json names stays inside OUT.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pipeline.errors import PressMTError
from pipeline.outputs import safe_join
from pipeline.report import DOCUMENTS_NAME, READABLE_SCHEMAS, REPORT_NAME, SCHEMA, DocumentEntry

__all__ = ["DOCUMENTS_NAME", "REPORT_NAME", "SCHEMA", "RunReport", "documents", "read_report"]


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
        """The document entries in run order, as JSON (see `entries`)."""
        for entry in self.entries():
            yield entry.to_json()

    def entries(self) -> Iterator[DocumentEntry]:
        """The document entries in run order. A report.jsonl that does not hold exactly the
        documents report.json lists (a file cut short, another run's) is a PressMTError."""
        if isinstance(self._documents, list):
            yield from (d if isinstance(d, DocumentEntry) else DocumentEntry.from_json(d) for d in self._documents)
            return
        path = self._documents
        index = self.meta.get("index", [])
        count = 0
        try:
            with path.open(encoding="utf-8") as fh:
                for number, line in enumerate(fh, 1):
                    try:
                        doc = DocumentEntry.from_json(json.loads(line))
                    except (ValueError, TypeError, KeyError, AttributeError) as exc:
                        raise PressMTError(f"{path}:{number}: not a report line ({exc!r})") from None
                    if count >= len(index) or doc.path != index[count]["path"]:
                        raise PressMTError(f"{path}:{number}: document {doc.path!r} is not the one "
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
    if not isinstance(meta, dict) or meta.get("schema") not in READABLE_SCHEMAS:
        found = meta.get("schema") if isinstance(meta, dict) else None
        raise PressMTError(f"{path}: not a {SCHEMA} report (schema {found!r}); translate again with this version")
    name = meta.get("documents_file", DOCUMENTS_NAME)
    try:  # a tampered report must not make an import rewrite a file outside OUT
        lines = safe_join(out_dir, Path(name)) if isinstance(name, str) and name else None
    except ValueError:
        lines = None
    if lines is None or lines.parent != out_dir.resolve():
        raise PressMTError(f"{path}: documents_file {name!r} is not a file in {out_dir}; the report was altered")
    return RunReport(meta, lines)


def documents(report: RunReport) -> Iterator[dict]:
    """The report's document entries in run order."""
    yield from report.documents()

