"""Read glossary files (TSV, CSV, TBX) into one merged `Glossary`.

Every problem is reported as `InputError` with file and line, because glossaries are edited by hand
in spreadsheets by press officers, and "row 214 has a bad type" is what they can act on.
Row reading and term building are separate functions so that `lint` can report every problem in a
file instead of stopping at the first one.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import defusedxml
import defusedxml.ElementTree as DET

from pipeline.errors import InputError
from pipeline.glossary.model import Glossary, Term, TermType
from pipeline.textfiles import read_text

COLUMNS: tuple[str, ...] = ("ru", "en", "kk", "type", "ru_variants", "en_avoid", "kk_avoid",
                            "case_sensitive", "note")
TERM_TYPES: tuple[str, ...] = get_args(TermType)
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0", ""}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DEPRECATED = {"deprecatedterm-admn-sts", "supersededterm-admn-sts"}


@dataclass(frozen=True)
class Row:
    """One data row of a TSV/CSV glossary: raw cell values (unstripped) and where it came from."""

    path: str
    line: int
    cells: dict[str, str]

    @property
    def origin(self) -> str:
        return f"{self.path}:{self.line}"


def read_rows(path: Path) -> Iterator[Row]:
    """Yield the data rows of a TSV/CSV glossary; raise InputError for file-level problems."""
    text = read_text(path)
    tsv = path.suffix.lower() == ".tsv"
    reader = csv.reader(text.splitlines(keepends=True), delimiter="\t" if tsv else ",",
                        quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL, strict=True)
    header: list[str] | None = None
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = [c.strip().lower() for c in cells]
                unknown = [c for c in header if c not in COLUMNS]
                if unknown:
                    raise InputError(str(path), f"unknown column {unknown[0]!r}; expected some of "
                                     f"{', '.join(COLUMNS)}", line)
                if "ru" not in header:
                    raise InputError(str(path), "header has no 'ru' column", line)
                dupes = {c for c in header if header.count(c) > 1}
                if dupes:
                    raise InputError(str(path), f"column {sorted(dupes)[0]!r} appears twice", line)
                continue
            if len(cells) > len(header):
                raise InputError(str(path), f"{len(cells)} fields but the header has {len(header)}",
                                 line)
            yield Row(str(path), line, dict(zip(header, cells, strict=False)))
    except csv.Error as exc:
        raise InputError(str(path), f"malformed row: {exc}", reader.line_num) from exc
    if header is None:
        raise InputError(str(path), "empty file: expected a header with a 'ru' column", 1)


def _clean(value: str) -> str:
    """Trim and collapse inner whitespace (lint reports it; loading should not fail on it)."""
    return " ".join(value.split())


def _split(value: str) -> tuple[str, ...]:
    return tuple(v for v in (_clean(p) for p in value.split("|")) if v)


def term_from_row(row: Row) -> Term:
    """Build a Term from one row; raise InputError naming file:line for bad values."""
    get = lambda name: _clean(row.cells.get(name) or "")  # noqa: E731
    ru = get("ru")
    if not ru:
        raise InputError(row.path, "empty 'ru' (the Russian dictionary form is required)", row.line)
    kind = get("type").lower() or "other"
    if kind not in TERM_TYPES:
        raise InputError(row.path, f"bad type {kind!r}; expected one of {', '.join(TERM_TYPES)}",
                         row.line)
    flag = get("case_sensitive").lower()
    if flag not in _TRUE | _FALSE:
        raise InputError(row.path, f"bad boolean {flag!r} in case_sensitive; use true or false",
                         row.line)
    return Term(ru=ru, en=get("en") or None, kk=get("kk") or None, type=kind,  # type: ignore[arg-type]
                ru_variants=_split(row.cells.get("ru_variants") or ""),
                en_avoid=_split(row.cells.get("en_avoid") or ""),
                kk_avoid=_split(row.cells.get("kk_avoid") or ""),
                case_sensitive=flag in _TRUE, note=get("note"), origin=row.origin)


def term_key(ru: str) -> str:
    """Identity of a Russian entry: case-, ё- and whitespace-insensitive."""
    return " ".join(ru.casefold().replace("ё", "е").split())


def find_conflicts(terms: Iterable[Term]) -> list[tuple[Term, str]]:
    """Every duplicate or conflicting entry, with a message pointing at the first definition.

    A Russian form (entry or variant) may belong to one entry only; otherwise the matcher could not
    tell which target to enforce.
    """
    seen: dict[str, Term] = {}
    problems: list[tuple[Term, str]] = []
    for term in terms:
        for form in dict.fromkeys((term.ru, *term.ru_variants)):
            key = term_key(form)
            first = seen.get(key)
            if first is None:
                seen[key] = term
                continue
            if first is term:
                continue
            same_entry = key == term_key(term.ru) == term_key(first.ru)
            if same_entry and (first.en, first.kk) == (term.en, term.kk):
                problems.append((term, f"duplicate entry {term.ru!r} (first at {first.origin})"))
            elif same_entry:
                problems.append((term, f"conflicting targets for {term.ru!r}: "
                                       f"en={term.en!r} kk={term.kk!r} here, en={first.en!r} "
                                       f"kk={first.kk!r} at {first.origin}"))
            else:
                problems.append((term, f"{form!r} is already a form of {first.ru!r} "
                                       f"(at {first.origin})"))
    return problems


def _split_origin(origin: str) -> tuple[str, int | None]:
    path, _, line = origin.rpartition(":")
    return (path, int(line)) if line.isdigit() else (origin, None)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _LineTreeBuilder(ET.TreeBuilder):
    """Remember the source line of every element, so TBX terms get a `file:line` origin too."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.parser: DET.DefusedXMLParser | None = None

    def start(self, tag, attrs):  # type: ignore[no-untyped-def]
        elem = super().start(tag, attrs)
        if self.parser is not None:
            self.lines[id(elem)] = self.parser.parser.CurrentLineNumber
        return elem


def _children(elem: ET.Element, *names: str) -> Iterator[ET.Element]:
    return (c for c in elem if _local(c.tag) in names)


def _tbx_terms(path: Path) -> list[Term]:
    """TBX (ISO 30042, v2 `martif` and v3 `tbx`): one Term per termEntry/conceptEntry with an ru term."""
    builder = _LineTreeBuilder()
    parser = DET.DefusedXMLParser(target=builder)
    builder.parser = parser
    try:
        root = DET.parse(str(path), parser=parser).getroot()
    except defusedxml.DefusedXmlException as exc:
        raise InputError(str(path), f"entity or external declarations are not allowed in TBX ({exc})",
                         parser.parser.CurrentLineNumber) from exc
    except ET.ParseError as exc:
        raise InputError(str(path), f"invalid XML: {exc.msg}", exc.position[0]) from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    terms = []
    for entry in root.iter():
        if _local(entry.tag) not in ("termEntry", "conceptEntry"):
            continue
        line = builder.lines.get(id(entry))
        forms: dict[str, list[str]] = {}
        avoid: dict[str, list[str]] = {}
        kind = "other"
        notes = []
        for child in entry.iter():
            name, text = _local(child.tag), _clean(child.text or "")
            if name == "descrip" and child.get("type") == "subjectField" and text.lower() in TERM_TYPES:
                kind = text.lower()
            elif name == "note" and text:
                notes.append(text)
        for lang_set in _children(entry, "langSet", "langSec"):
            lang = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").lower().split("-")[0]
            for group in lang_set.iter():
                if _local(group.tag) not in ("tig", "termSec", "ntig"):
                    continue
                term_el = next((e for e in group.iter() if _local(e.tag) == "term"), None)
                if term_el is None or not _clean(term_el.text or ""):
                    continue
                status = {_clean(n.text or "").lower() for n in group.iter()
                          if _local(n.tag) == "termNote" and n.get("type") == "administrativeStatus"}
                bucket = avoid if status & _DEPRECATED else forms
                bucket.setdefault(lang, []).append(_clean(term_el.text or ""))
        ru_forms = forms.get("ru", []) + avoid.get("ru", [])
        if not ru_forms:
            continue
        pick = lambda lang: (forms.get(lang) or [None])[0]  # noqa: E731
        terms.append(Term(ru=ru_forms[0], en=pick("en"), kk=pick("kk"), type=kind,  # type: ignore[arg-type]
                          ru_variants=tuple(ru_forms[1:]),
                          en_avoid=tuple(forms.get("en", [])[1:] + avoid.get("en", [])),
                          kk_avoid=tuple(forms.get("kk", [])[1:] + avoid.get("kk", [])),
                          note="; ".join(notes), origin=f"{path}:{line}"))
    return terms


def file_terms(path: Path) -> list[Term]:
    """All terms of one file, in file order, without merge checks."""
    suffix = path.suffix.lower()
    if suffix == ".tbx":
        return _tbx_terms(path)
    if suffix not in (".tsv", ".csv"):
        raise InputError(str(path), "unsupported glossary format; use .tsv, .csv or .tbx")
    return [term_from_row(row) for row in read_rows(path)]


def load_glossaries(paths: list[Path]) -> Glossary:
    """Load and merge several glossary files; duplicates and conflicts are InputErrors."""
    terms = [t for p in paths for t in file_terms(Path(p))]
    for term, message in find_conflicts(terms):
        path, line = _split_origin(term.origin)
        raise InputError(path, message, line)
    return Glossary(terms=tuple(terms), sources=tuple(str(p) for p in paths))


def load_glossary(path: Path) -> Glossary:
    """Load one glossary file (TSV, CSV or TBX)."""
    return load_glossaries([path])
