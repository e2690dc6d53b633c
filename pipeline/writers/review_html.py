"""OUT/review.html: the editors' pages, self-contained files rendered with Jinja2 (autoescape on).

For each document, segments in three aligned columns (Russian, English, Kazakh), every glossary
hit marked by status where enforcement found it (the term's `output_span`: a wrong form struck with
the expected one beside it, a repair with the form it replaced), with its entry on hover or focus,
QE flags as badges that say which number or ratio, filters, worst-first order and keyboard
navigation; page 1 opens with the run's "fix first" list, the terminal's `review first:` order.
A page holds at most PAGE_DOCUMENTS documents (review.html, then review-2.html, review-3.html...),
rendered one page at a time from the streamed report, so an archive of tens of thousands of
releases never sits in memory and no page is too big for a browser. Every page carries the run
summary and links to the others. A page loads nothing: its style and script are inlined and a
Content-Security-Policy allows only those two blocks (by hash), so even a text that escaped
escaping could not run. Every text from the report is escaped by the template.
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

from pipeline.languages import LANGUAGES
from pipeline.outputs import write_atomic
from pipeline.writers.base import Writer, register
from pipeline.writers.reader import RunReport, documents

REVIEW_NAME = "review.html"
PAGE_DOCUMENTS = 50


def lang_names() -> dict[str, str]:
    """Column headings: the source's name and each registered target language's display name."""
    return {"ru": "Russian", **{code: language.display_name for code, language in LANGUAGES.items()}}


_TEMPLATES = Path(str(resources.files("pipeline.writers") / "templates"))


@dataclass
class Piece:
    """A run of text; `term` set when the run is a highlighted glossary hit."""

    text: str
    term: dict | None = None
    shown: str = ""  # the status the colour shows: ok, accepted, repaired or missing
    chip: bool = False  # a term with no place in the text (missing, no wrong form): shown after it
    inner: list[Piece] = field(default_factory=list)  # the run's own pieces when a mark holds another


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


Span = tuple[int, int, dict, str]  # start, end, the term, the status its colour shows


def _split(text: str, spans: list[Span]) -> tuple[list[Piece], list[Span]]:
    """`text` cut into plain and highlighted pieces at (start, end) spans; a span inside another
    is highlighted inside it. Returns the pieces and the spans that cross another (no place to
    mark them)."""
    pieces: list[Piece] = []
    crossing: list[Span] = []
    ordered = sorted(spans, key=lambda s: (s[0], -s[1]))
    pos = i = 0
    while i < len(ordered):
        start, end, term, shown = ordered[i]
        i += 1
        if start < pos:
            crossing.append((start, end, term, shown))
            continue
        inside: list[Span] = []
        while i < len(ordered) and ordered[i][0] < end:
            inside.append(ordered[i])
            i += 1
        crossing += [s for s in inside if s[1] > end]
        inner, crossed = _split(text[start:end], [(a - start, b - start, t, sh) for a, b, t, sh in inside if b <= end])
        crossing += crossed
        if start > pos:
            pieces.append(Piece(text[pos:start]))
        pieces.append(Piece(text[start:end], term, shown, inner=inner if inside else []))
        pos = end
    if pos < len(text):
        pieces.append(Piece(text[pos:]))
    return pieces, crossing


def output_pieces(output: str, terms: list[dict]) -> tuple[list[Piece], list[Piece]]:
    """Mark each term where enforcement placed it (`output_span`: the form found, the repair, or
    a wrong form an editor's text keeps), never searching the text again; a term without a place
    (missing with no wrong form, or from a report before spans) becomes a chip after the text."""
    spans: list[Span] = []
    unplaced: list[dict] = []
    for term in terms:
        start, end = term.get("output_span") or (-1, -1)
        if 0 <= start < end <= len(output):
            spans.append((start, end, term, shown_status(term)))
        else:
            unplaced.append(term)
    pieces, crossing = _split(output, spans)
    unplaced += [span[2] for span in crossing]
    return pieces, [Piece(term["expected"] or term["ru"], term, shown_status(term), chip=True) for term in unplaced]


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
    return _split(source, spans)[0]


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


def flag_text(flag: str, quality: Mapping) -> str:
    """A QE flag as an editor reads it, from the segment's `quality.details`: which number is
    missing ("number missing: 2025", "number 12 → 21"), which ratio ("length ratio 0.42"), which
    term ("term missing: аким")."""
    detail = (quality.get("details") or {}).get(flag)
    if flag == "number_mismatch" and isinstance(detail, Mapping):
        missing, extra = list(detail.get("missing") or []), list(detail.get("extra") or [])
        if len(missing) == len(extra) == 1:
            return f"number {missing[0]} → {extra[0]}"
        parts = [f"number {name}: {', '.join(map(str, values))}"
                 for name, values in (("missing", missing), ("extra", extra)) if values]
        return "; ".join(parts) or "number mismatch"
    if flag == "length_ratio" and isinstance(detail, Mapping) and isinstance(detail.get("ratio"), (int, float)):
        return f"length ratio {detail['ratio']:.2f}"
    if flag in ("term_missing", "term_repaired") and isinstance(detail, list) and detail:
        return f"{flag.replace('_', ' ')}: {', '.join(dict.fromkeys(map(str, detail)))}"
    return flag.replace("_", " ")


#: How many of the run's worst segments page 1 lists; the terminal's `review first:` shows the top 5.
FIX_FIRST = 20


@dataclass(frozen=True)
class FixFirst:
    """One of the run's worst flagged segments: its document (`number` counts across the run),
    segment and paragraph, its worst QE score and its quality per flagged language."""

    score: float
    path: str
    index: int
    number: int
    paragraph: int
    quality: dict[str, dict]

    @property
    def line(self) -> str:
        """The terminal's words: document, segment, paragraph, flags per language."""
        flags = "; ".join(f"{lang}: {', '.join(q['flags'])}" for lang, q in self.quality.items())
        return f"{self.path} segment {self.index + 1} (paragraph {self.paragraph + 1}): {flags}"

    @property
    def href(self) -> str:
        """The segment's row, on whichever page holds its document."""
        return f"{page_name((self.number - 1) // PAGE_DOCUMENTS + 1)}#{segment_id(self.number, self.index)}"


def segment_id(number: int, index: int) -> str:
    """The id of segment `index`'s row in document `number` (1-based across the run)."""
    return f"doc-{number}-seg-{index}"


def fix_first(report: RunReport, limit: int = 5) -> list[FixFirst]:
    """The run's worst flagged segments, lowest QE score in any language first (then document
    path and segment): the one order of the terminal's `review first:` and of page 1's "fix
    first" list. Streams the documents and keeps only the `limit` worst."""
    return heapq.nsmallest(limit, _flagged(report), key=lambda f: (f.score, f.path, f.index))


def review_first(report: RunReport, limit: int = 5) -> list[str]:
    """`fix_first`, one line each (document, segment, paragraph, flags per language): what
    `translate` tells an editor to read."""
    return [item.line for item in fix_first(report, limit)]


def _flagged(report: RunReport) -> Iterator[FixFirst]:
    """Every flagged segment of the run."""
    for number, doc in enumerate(documents(report), 1):
        per_index: dict[int, dict[str, dict]] = {}
        for lang, entry in doc.get("languages", {}).items():
            for index in entry.get("review", []):
                per_index.setdefault(index, {})[lang] = entry["segments"][index]
        for index, segs in per_index.items():
            yield FixFirst(min(s["quality"]["score"] for s in segs.values()), doc["path"], index, number,
                           next(iter(segs.values()))["paragraph"], {lang: s["quality"] for lang, s in segs.items()})


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
                                                 "script_hash": script_hash,
                                                 "flag_text": flag_text, "segment_id": segment_id}


def _langs(report: Mapping) -> list[str]:
    return list(report.get("routes") or report["summary"]["languages"])


def render_page(report: Mapping, docs: list[dict], page: Page, first: list[FixFirst] | None = None) -> str:
    """One review page as HTML text: the run summary, the run's `first` segments to fix (page 1),
    the page navigation and `docs`."""
    template, assets = _page_template()
    langs = _langs(report)
    rows = [{"entry": doc, "rows": document_rows(doc, langs) if doc.get("languages") else []} for doc in docs]
    try:
        return template.render(report=report, docs=rows, langs=langs, page=page, fix_first=first or [],
                               lang_names=lang_names(), **assets)
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
        first = fix_first(data, FIX_FIRST)  # one more pass over the streamed documents, `limit` kept
        written = []
        for number, docs in enumerate(_page_documents(data, PAGE_DOCUMENTS), 1):
            page = Page(number, count, (number - 1) * PAGE_DOCUMENTS + 1, total)
            path = target / page.name()
            write_atomic(path, render_page(data, docs, page, first if number == 1 else None))
            written.append(path)
        for stale in review_pages(target, after=len(written)):
            stale.unlink(missing_ok=True)
        return written


def write_review(report: RunReport, out_dir: Path) -> Path:
    """Write OUT/review.html (and review-2.html... for a run of more than PAGE_DOCUMENTS documents)
    for the run whose report is `report`; returns the first page's path."""
    return ReviewWriter().write(report, out_dir)[0]
