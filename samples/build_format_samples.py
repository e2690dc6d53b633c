"""Build the Word and HTML sample releases from samples/<name>/ru.txt.

    python samples/build_format_samples.py --docx akorda-shymkent-akim-2020 gov-abai-new-akim-2025 \
        --html ekibastuz-monotowns --md akorda-turkestan-akim-2026

writes samples/<name>/ru.docx, ru.html or ru.md next to ru.txt. Each keeps one translatable paragraph per
line of ru.txt, in order, so the sample's en.txt/kk.txt references score it as they score ru.txt
(`pressmt evaluate` pairs the document's paragraphs with the reference lines).

DOCX: line 1 is a Heading 1; the middle lines are body paragraphs; the last three lines but one
fill the right-hand cells of a numbered two-column table; the last line is the page footer. The
first glossary person named in the body is bold and the first glossary body or place a hyperlink.
HTML (windows-1251, as older regional sites still are): line 1 is the <title>, the rest
paragraphs of an <article> with the same bold name and link, the last line a <figcaption>;
the page also has a style sheet, a script and a comment, which translation must leave alone.
Markdown: line 1 is a level-1 heading, the middle lines paragraphs with the same bold name and link
(`**...**`, `[...](...)`), the last line a block quote, after an HTML comment that translation must
leave alone; `pressmt evaluate` pairs each paragraph's text without its markup with the reference line.

Rerun it after replacing a sample's ru.txt.
"""

from __future__ import annotations

import argparse
import sys
from html import escape
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import api  # noqa: E402
from pipeline.glossary.match import Matcher  # noqa: E402
from pipeline.textfiles import read_text, split_lines  # noqa: E402

SAMPLES = ROOT / "samples"
WIKI = "https://ru.wikipedia.org/wiki/Special:Search?search="


def _highlights(lines: list[str], matcher: Matcher) -> dict[int, list[tuple[int, int, str]]]:
    """{line: [(start, end, "bold" | url)]}: the first glossary person in the body lines bold,
    the first glossary body or place (else any other term) a link (to a Wikipedia search for it)."""
    hits = [(i, hit) for i, line in enumerate(lines[1:-1], 1) for hit in matcher.find(line)]
    bold = next(((i, h) for i, h in hits if h.term.type == "person"), hits[0] if hits else None)
    marks: dict[int, list[tuple[int, int, str]]] = {}
    if bold:
        marks.setdefault(bold[0], []).append((bold[1].start, bold[1].end, "bold"))
    others = [(i, h) for i, h in hits if bold is None or h.term is not bold[1].term]
    link = next(((i, h) for i, h in others if h.term.type in ("org", "place")), others[0] if others else None)
    if link:
        spans = marks.setdefault(link[0], [])
        if all(link[1].end <= s or link[1].start >= e for s, e, _ in spans):
            spans.append((link[1].start, link[1].end, WIKI + link[1].term.ru.replace(" ", "+")))
    return {i: sorted(spans) for i, spans in marks.items()}


def _pieces(line: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """The line cut into (text, None | "bold" | url) pieces."""
    pieces, pos = [], 0
    for start, end, kind in spans:
        pieces += [(line[pos:start], None), (line[start:end], kind)]
        pos = end
    pieces.append((line[pos:], None))
    return [(text, kind) for text, kind in pieces if text]


def _add_hyperlink(paragraph, text: str, url: str) -> None:
    """A real w:hyperlink with an external relationship (python-docx has no API for it)."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = paragraph.add_run(text)
    run.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    run.font.underline = True
    link.append(run._r)
    paragraph._p.append(link)


def _fill(paragraph, line: str, spans: list[tuple[int, int, str]]) -> None:
    for text, kind in _pieces(line, spans):
        if kind is None:
            paragraph.add_run(text)
        elif kind == "bold":
            paragraph.add_run(text).bold = True
        else:
            _add_hyperlink(paragraph, text, kind)


def build_docx(lines: list[str], marks: dict, out: Path) -> None:
    document = docx.Document()
    document.styles["Normal"].font.name = "Liberation Serif"
    document.styles["Normal"].font.size = Pt(12)
    document.core_properties.author = "pressmt samples"
    table_lines = (len(lines) - 3, len(lines) - 2)
    _fill(document.add_heading(level=1), lines[0], marks.get(0, []))
    for i in range(1, table_lines[0]):
        _fill(document.add_paragraph(), lines[i], marks.get(i, []))
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    table.columns[0].width, table.columns[1].width = Cm(1), Cm(15)
    for row, i in enumerate(table_lines):
        table.cell(row, 0).text = str(row + 1)
        table.cell(row, 0).width, table.cell(row, 1).width = Cm(1), Cm(15)
        _fill(table.cell(row, 1).paragraphs[0], lines[i], marks.get(i, []))
    footer = document.sections[0].footer.paragraphs[0]
    _fill(footer, lines[-1], marks.get(len(lines) - 1, []))
    document.save(out)


def _html_line(line: str, spans: list[tuple[int, int, str]]) -> str:
    out = []
    for text, kind in _pieces(line, spans):
        if kind is None:
            out.append(escape(text, quote=False))
        elif kind == "bold":
            out.append(f"<b>{escape(text, quote=False)}</b>")
        else:
            out.append(f'<a href="{escape(kind)}">{escape(text, quote=False)}</a>')
    return "".join(out)


def build_html(lines: list[str], marks: dict, out: Path) -> None:
    body = "\n".join(f"    <p>{_html_line(line, marks.get(i, []))}</p>" for i, line in enumerate(lines[1:-1], 1))
    page = f"""<!DOCTYPE html>
<html lang="ru">
<head>
  <meta charset="windows-1251">
  <title>{escape(lines[0], quote=False)}</title>
  <style>
    article {{ max-width: 40em; font-family: "Liberation Serif", serif; }}
    figcaption::before {{ content: "\\2014\\00a0"; }}
  </style>
  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"раздел": "новости"}});</script>
</head>
<body>
  <!-- шапка сайта: не переводится -->
  <article>
{body}
    <figure><img src="photo.jpg" alt="" width="640"><figcaption>{_html_line(lines[-1], marks.get(len(lines) - 1, []))}</figcaption></figure>
  </article>
</body>
</html>
"""
    out.write_bytes(page.encode("windows-1251"))


_MD_SPECIAL = "\\`*_{}[]<>#|~"


def _md_escape(text: str) -> str:
    """Text as literal Markdown: ASCII punctuation that could start markup is backslash-escaped."""
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in text)


def _md_line(line: str, spans: list[tuple[int, int, str]]) -> str:
    out = []
    for text, kind in _pieces(line, spans):
        if kind is None:
            out.append(_md_escape(text))
        elif kind == "bold":
            out.append(f"**{_md_escape(text)}**")
        else:
            out.append(f"[{_md_escape(text)}](<{kind}>)")
    return "".join(out)


def build_md(lines: list[str], marks: dict, out: Path) -> None:
    body = "\n\n".join(_md_line(line, marks.get(i, [])) for i, line in enumerate(lines[1:-1], 1))
    page = f"<!-- pressmt sample: {out.parent.name} -->\n\n# {_md_escape(lines[0])}\n\n{body}\n\n> {_md_escape(lines[-1])}\n"
    out.write_bytes(page.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docx", nargs="*", default=[], metavar="NAME", help="samples to write as ru.docx")
    parser.add_argument("--html", nargs="*", default=[], metavar="NAME", help="samples to write as ru.html")
    parser.add_argument("--md", nargs="*", default=[], metavar="NAME", help="samples to write as ru.md")
    args = parser.parse_args(argv)
    glossary = api.load_glossaries()
    matcher = Matcher(glossary)
    for names, suffix, build in ((args.docx, ".docx", build_docx), (args.html, ".html", build_html),
                                 (args.md, ".md", build_md)):
        for name in names:
            lines = split_lines(read_text(SAMPLES / name / "ru.txt", nonempty=True))
            if len(lines) < 4:
                parser.error(f"{name}: needs at least 4 lines (heading, body, table/figure, footer)")
            out = SAMPLES / name / f"ru{suffix}"
            build(lines, _highlights(lines, matcher), out)
            print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
