"""OUT/review.html: the editors' pages, self-contained files rendered with Jinja2 (autoescape on).

For each document, segments in three aligned columns (Russian, English, Kazakh), every glossary
hit highlighted by status with its entry, expected and found form on hover or focus, QE flags as
badges, filters, worst-first order and keyboard navigation. A page holds at most PAGE_DOCUMENTS
documents (review.html, then review-2.html, review-3.html...), rendered one page at a time from the
streamed report, so an archive of tens of thousands of releases never sits in memory and no page
is too big for a browser. Every page carries the run summary and links to the others. A page loads
nothing: its style and script are inlined and a Content-Security-Policy allows only those two
blocks (by hash), so even a text that escaped escaping could not run. Every text from the report
is escaped by the template.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from markupsafe import Markup

from pipeline.outputs import write_atomic
from pipeline.writers.base import Writer, register
from pipeline.writers.reader import RunReport, documents

REVIEW_NAME = "review.html"
PAGE_DOCUMENTS = 50
LANG_NAMES = {"ru": "Russian", "en": "English", "kk": "Kazakh"}
_TEMPLATES = Path(str(resources.files("pipeline.writers") / "templates"))


@dataclass
class Piece:
    """A run of text; `term` set when the run is a highlighted glossary hit."""

    text: str
    term: dict | None = None
    shown: str = ""  # the status the colour shows: ok, accepted, repaired or missing
    chip: bool = False  # a missing term, shown after the text: it has no place in it


@dataclass
class Cell:
    """One segment in one target language."""

    lang: str
    pieces: list[Piece]
    missing: list[Piece]  # missing terms: shown as chips after the text, they have no place in it
    segment: dict
    flags: list[str] = field(default_factory=list)


@dataclass
class Row:
    """One source segment with its translations, and what the filters and the order need."""

    index: int
    paragraph: int
    source: list[Piece]
    cells: list[Cell]
    worst: int  # position in worst-first order
    flagged: bool
    missing: bool
    repaired: bool
    human: bool


def shown_status(term: dict) -> str:
    """ok terms found as an accepted alternative (or surname, decree order...) show as `accepted`."""
    if term["status"] == "ok" and term.get("found_as") not in (None, "expected"):
        return "accepted"
    return term["status"]


def _split(text: str, spans: list[tuple[int, int, dict, str]]) -> list[Piece]:
    """`text` cut into plain and highlighted pieces at non-overlapping (start, end) spans."""
    pieces: list[Piece] = []
    pos = 0
    for start, end, term, shown in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos:
            continue
        if start > pos:
            pieces.append(Piece(text[pos:start]))
        pieces.append(Piece(text[start:end], term, shown))
        pos = end
    if pos < len(text):
        pieces.append(Piece(text[pos:]))
    return pieces


def output_pieces(output: str, terms: list[dict]) -> tuple[list[Piece], list[Piece]]:
    """Highlight each present term in the output where it stands (the repaired form for a repair,
    the found form otherwise), left to right; missing terms, and any form not found in the text,
    become chips."""
    spans: list[tuple[int, int, dict, str]] = []
    chips: list[Piece] = []
    taken: list[tuple[int, int]] = []
    for term in terms:
        form = term["expected"] if term["status"] == "repaired" else term.get("found")
        start = _free_occurrence(output, form, taken) if form and term["status"] != "missing" else -1
        if start < 0:
            chips.append(Piece(term["expected"] or term["ru"], term, shown_status(term), chip=True))
            continue
        taken.append((start, start + len(form)))
        spans.append((start, start + len(form), term, shown_status(term)))
    return _split(output, spans), chips


def _free_occurrence(text: str, form: str, taken: list[tuple[int, int]]) -> int:
    start = text.find(form)
    while start >= 0 and any(start < e and s < start + len(form) for s, e in taken):
        start = text.find(form, start + 1)
    return start


def source_pieces(source: str, per_lang: dict[str, list[dict]]) -> list[Piece]:
    """Highlight each Russian hit once; its tooltip carries the status in every language."""
    by_span: dict[tuple[int, int], dict] = {}
    for lang, terms in per_lang.items():
        for term in terms:
            start, end = term.get("source_span") or (None, None)
            if start is None:
                continue
            entry = by_span.setdefault((start, end), {"ru": term["ru"], "type": term.get("type"),
                                                      "case": term.get("case"), "langs": {}})
            entry["langs"][lang] = {"status": term["status"], "shown": shown_status(term),
                                    "expected": term["expected"], "found": term.get("found")}
    spans = [(s, e, t, _worst(t["langs"].values())) for (s, e), t in by_span.items()]
    return _split(source, spans)


def _worst(statuses) -> str:
    order = ["missing", "repaired", "accepted", "ok"]
    return min((s["shown"] for s in statuses), key=order.index, default="ok")


def document_rows(doc: dict, langs: list[str]) -> list[Row]:
    """The document's segments aligned across languages, with their worst-first positions from
    the report's per-language review lists (a segment ranks by its worst language)."""
    per_lang = {lang: doc["languages"][lang]["segments"] for lang in langs if lang in doc["languages"]}
    if not per_lang:
        return []
    first = next(iter(per_lang.values()))
    reviews = [doc["languages"][lang].get("review", []) for lang in per_lang]
    rank = {}
    for review in reviews:
        for pos, index in enumerate(review):
            rank[index] = min(rank.get(index, pos), pos)
    order = sorted(range(len(first)), key=lambda i: (rank.get(first[i]["index"], len(first)), i))
    worst_pos = {i: pos for pos, i in enumerate(order)}
    rows = []
    for i, base in enumerate(first):
        cells = []
        for lang, segs in per_lang.items():
            seg = segs[i]
            pieces, chips = output_pieces(seg["output"], seg["terms"])
            cells.append(Cell(lang, pieces, chips, seg, (seg.get("quality") or {}).get("flags", [])))
        statuses = {t["status"] for c in cells for t in c.segment["terms"]}
        rows.append(Row(
            index=base["index"], paragraph=base["paragraph"],
            source=source_pieces(base["source"], {c.lang: c.segment["terms"] for c in cells}),
            cells=cells, worst=worst_pos[i], flagged=any(c.flags for c in cells),
            missing="missing" in statuses, repaired="repaired" in statuses,
            human=any(c.segment.get("origin") == "human" for c in cells)))
    return rows


def review_first(report: RunReport, limit: int = 5) -> list[str]:
    """The run's worst flagged segments, one line each (document, segment, paragraph, flags per
    language), lowest QE score in any language first: what `translate` tells an editor to read.
    Streams the documents and keeps only the `limit` worst."""
    return [line for *_, line in heapq.nsmallest(limit, _flagged(report))]


def _flagged(report: RunReport) -> Iterator[tuple[float, str, int, str]]:
    """(worst QE score, document, segment index, line) for every flagged segment of the run."""
    for doc in documents(report):
        per_index: dict[int, dict[str, dict]] = {}
        for lang, entry in doc.get("languages", {}).items():
            for index in entry.get("review", []):
                per_index.setdefault(index, {})[lang] = entry["segments"][index]
        for index, segs in per_index.items():
            worst = min(s["quality"]["score"] for s in segs.values())
            flags = "; ".join(f"{lang}: {', '.join(s['quality']['flags'])}" for lang, s in segs.items())
            paragraph = next(iter(segs.values()))["paragraph"] + 1
            yield worst, doc["path"], index, f"{doc['path']} segment {index + 1} (paragraph {paragraph}): {flags}"


@dataclass(frozen=True)
class Page:
    """Where a page sits among the run's pages: `number` of `count`, its first document's number
    (1-based, across the run: section ids stay unique) and the run's document total."""

    number: int
    count: int
    first: int
    total: int

    def name(self, number: int | None = None) -> str:
        return page_name(self.number if number is None else number)

    def links(self) -> list[int | None]:
        """Page numbers to link: the first, the last and two either side of this one; None is a gap."""
        shown = sorted({1, self.count, *range(max(1, self.number - 2), min(self.count, self.number + 2) + 1)})
        links: list[int | None] = []
        for n in shown:
            if links and n - links[-1] > 1:
                links.append(None)
            links.append(n)
        return links


def page_name(number: int) -> str:
    """review.html for page 1, review-<n>.html after it."""
    return REVIEW_NAME if number == 1 else f"review-{number}.html"


_LATER_PAGE = re.compile(r"review-([1-9][0-9]*)\.html")


def review_pages(out_dir: Path, after: int = 0) -> list[Path]:
    """The review pages in `out_dir` numbered above `after` (review.html is page 1; only names this
    module writes count): what a run removes of an earlier run's."""
    pages = [p for p in out_dir.glob("review-*.html")
             if (m := _LATER_PAGE.fullmatch(p.name)) and int(m[1]) > max(after, 1)]
    first = out_dir / REVIEW_NAME
    return ([first] if after < 1 and first.exists() else []) + pages


def _asset(name: str) -> tuple[Markup, str]:
    """A static style or script file, inlined, and its CSP hash source."""
    text = (_TEMPLATES / name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    return Markup(text), f"'sha256-{digest}'"  # our own file, not report data: safe to mark


@lru_cache(maxsize=1)
def _page_template() -> tuple[Template, dict]:
    """The page template and its inlined assets, loaded and compiled once per process: a run of
    20,000 documents renders hundreds of pages."""
    env = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    style, style_hash = _asset("review.css")
    script, script_hash = _asset("review.js")
    return env.get_template("review.html.j2"), {"style": style, "script": script, "style_hash": style_hash,
                                                 "script_hash": script_hash, "lang_names": LANG_NAMES}


def _langs(report: Mapping) -> list[str]:
    return list(report.get("routes") or report["summary"]["languages"])


def render_page(report: Mapping, docs: list[dict], page: Page) -> str:
    """One review page as HTML text: the run summary, the page navigation and `docs`."""
    template, assets = _page_template()
    langs = _langs(report)
    rows = [{"entry": doc, "rows": document_rows(doc, langs) if doc.get("languages") else []} for doc in docs]
    try:
        return template.render(report=report, docs=rows, langs=langs, page=page, **assets)
    finally:  # the template's macros tie its render context into a reference cycle that only a full
        rows.clear()  # garbage collection frees: release the page's documents now, page after page


def _page_documents(report: RunReport, size: int) -> Iterator[list[dict]]:
    """The report's documents in lists of `size` (at least one list, empty for an empty run)."""
    page: list[dict] = []
    yielded = False
    for doc in documents(report):
        page.append(doc)
        if len(page) == size:
            yield page
            yielded, page = True, []
    if page or not yielded:
        yield page


@register
class ReviewWriter(Writer[RunReport]):
    """A run's report → review.html, review-2.html... in the folder `target` (OUT); pages an
    earlier, larger run left there are removed."""

    name = "review"

    def write(self, data: RunReport, target: Path) -> list[Path]:
        total = data["summary"]["documents"]
        count = max(1, -(-total // PAGE_DOCUMENTS))
        written = []
        for number, docs in enumerate(_page_documents(data, PAGE_DOCUMENTS), 1):
            page = Page(number, count, (number - 1) * PAGE_DOCUMENTS + 1, total)
            path = target / page.name()
            write_atomic(path, render_page(data, docs, page))
            written.append(path)
        for stale in review_pages(target, after=len(written)):
            stale.unlink(missing_ok=True)
        return written


def write_review(report: RunReport, out_dir: Path) -> Path:
    """Write OUT/review.html (and review-2.html... for a run of more than PAGE_DOCUMENTS documents)
    for the run whose report is `report`; returns the first page's path."""
    return ReviewWriter().write(report, out_dir)[0]
