"""XLIFF 1.2 out of a run's report, and edited XLIFF read back, for editors working in a CAT tool.

XLIFF 1.2 is the version memoQ, Trados Studio, Smartcat and OmegaT all import. One file per
document and target language; one `trans-unit` per segment, id `s<index>` (stable: the segment's
position in the document), grouped per paragraph (`group id="p<n>"`) so the paragraph structure
is recoverable. A flagged segment is `needs-review-translation`, an editor's earlier correction
`final`, any other `translated`; glossary terms and QE flags travel as notes. Documents are read
from the streamed report one at a time, so exporting an archive holds one document in memory.
Built and parsed with lxml; parsing never resolves entities nor touches the network, and a file
with a DTD (any <!DOCTYPE>) is refused.

So that only real edits become editors' translations, each <file> carries the run's id
(`pmt:run-id`) and each trans-unit the SHA-256 of the target as exported (`pmt:target-sha256`):
import refuses a file from another run and takes a unit as edited only when its target differs
from what was exported. Both are attributes in our own namespace on <file>/<trans-unit>, which
XLIFF 1.2 allows there and CAT tools write back as they read them (docs/review.md).

Inline codes a CAT tool puts in a target (<bpt>, <ept>, <ph>, <it>, <x>, <bx>, <ex>) hold native
markup of the original; segments here are plain text in every format (each format keeps its own
markup around the segments and escapes their text), so codes are dropped, never inserted as text;
<g> and <mrk> keep their text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline import __version__
from pipeline.config import default_languages
from pipeline.errors import PressMTError
from pipeline.outputs import safe_join, write_atomic
from pipeline.writers.base import Writer, register
from pipeline.writers.reader import RunReport, documents
from pipeline.xmltext import XmlScrubber

NS = "urn:oasis:names:tc:xliff:document:1.2"
PMT = "urn:pressmt:xliff:1"  # our own attributes (the input's SHA-256), allowed by XLIFF 1.2
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
RUN_ID = f"{{{PMT}}}run-id"
TARGET_SHA256 = f"{{{PMT}}}target-sha256"
_Q = f"{{{NS}}}"


@dataclass
class XliffExport:
    """What `export xliff` writes: a run's report, restricted to some target languages."""

    report: RunReport
    langs: list[str] = field(default_factory=default_languages)
    # filled by the writer: one line per file that lost characters XML cannot carry (see xmltext)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Unit:
    """One trans-unit read back: id, source and (possibly edited) target text, its line, the
    SHA-256 of the target as exported (None: not recorded) and the inline codes dropped from it."""

    id: str
    source: str
    target: str | None
    line: int
    exported_sha256: str | None = None
    dropped_codes: int = 0


@dataclass
class XliffFile:
    """One XLIFF file read back: the document it claims (`original`), languages, input hash, units."""

    path: Path
    original: str
    source_lang: str
    target_lang: str
    input_sha256: str | None
    units: list[Unit]
    run_id: str | None = None  # the id of the run it was exported from (None: an older export)


def unit_id(index: int) -> str:
    return f"s{index}"


def xliff_name(rel: str, lang: str) -> Path:
    """XLF/<document's relative path>.<lang>.xlf."""
    return Path(f"{rel}.{lang}.xlf")


def _state(segment: dict) -> str:
    if segment.get("origin") == "human":
        return "final"
    return "needs-review-translation" if (segment.get("quality") or {}).get("flags") else "translated"


def _notes(unit: etree._Element, segment: dict, scrub: XmlScrubber) -> None:
    uid = unit.get("id")
    quality = segment.get("quality") or {}
    if quality:
        flags = ", ".join(quality.get("flags") or []) or "none"
        etree.SubElement(unit, _Q + "note", {"from": "pressmt-qe", "priority": "1" if quality.get("flags") else "5"}
                         ).text = scrub(f"QE {quality['score']:.2f}; flags: {flags}", uid)
    for term in segment.get("terms", []):
        found = f", found «{term['found']}»" if term.get("found") else ""
        etree.SubElement(unit, _Q + "note", {"from": "pressmt-glossary"}).text = \
            scrub(f"{term['ru']} → {term['expected']} ({term['status']}{found})", uid)


def text_sha256(text: str) -> str:
    """The hash a trans-unit records of its exported target (`pmt:target-sha256`)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_xliff(doc: dict, lang: str, run_id: str | None = None,
                   scrub: XmlScrubber | None = None) -> bytes:
    """The XLIFF 1.2 file of one translated document in one language, from the run `run_id`;
    characters XML cannot carry are removed by `scrub`, which remembers the units that lost any."""
    scrub = scrub or XmlScrubber()
    root = etree.Element(_Q + "xliff", {"version": "1.2"}, nsmap={None: NS, "pmt": PMT})
    datatype = "plaintext" if doc["path"].endswith(".txt") else "x-" + Path(doc["path"]).suffix.lstrip(".")
    file_el = etree.SubElement(root, _Q + "file", {
        "original": scrub(doc["path"], "original"), "source-language": "ru", "target-language": lang, "datatype": datatype,
        f"{{{PMT}}}input-sha256": doc.get("input_sha256") or ""})
    if run_id:
        file_el.set(RUN_ID, run_id)
    header = etree.SubElement(file_el, _Q + "header")
    etree.SubElement(header, _Q + "tool", {"tool-id": "pressmt", "tool-name": "pressmt", "tool-version": __version__})
    body = etree.SubElement(file_el, _Q + "body")
    groups: dict[int, etree._Element] = {}
    for seg in doc["languages"][lang]["segments"]:
        para = seg["paragraph"]
        if para not in groups:
            groups[para] = etree.SubElement(body, _Q + "group", {"id": f"p{para}", "restype": "x-paragraph"})
        unit = etree.SubElement(groups[para], _Q + "trans-unit", {"id": unit_id(seg["index"]), XML_SPACE: "preserve"})
        etree.SubElement(unit, _Q + "source", {XML_LANG: "ru"}).text = scrub(seg["source"], unit.get("id"))
        target = etree.SubElement(unit, _Q + "target", {XML_LANG: lang, "state": _state(seg)})
        target.text = scrub(seg["output"], unit.get("id"))
        unit.set(TARGET_SHA256, text_sha256(target.text or ""))  # as written, so import compares like with like
        _notes(unit, seg, scrub)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@register
class XliffWriter(Writer[XliffExport]):
    """A run's report → one XLIFF 1.2 file per translated document and language under `target`."""

    name = "xliff"

    def write(self, data: XliffExport, target: Path) -> list[Path]:
        written = []
        for doc in documents(data.report):
            for lang in data.langs:
                if lang in doc.get("languages", {}):
                    path = safe_join(target, xliff_name(doc["path"], lang))
                    scrub = XmlScrubber()
                    write_atomic(path, document_xliff(doc, lang, data.report.get("run_id"), scrub))
                    written.append(path)
                    if warning := scrub.warning(path):
                        data.warnings.append(warning)
        return written


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_blank_text=False)


#: Inline elements whose text is text of the segment; every other child (<bpt>, <ept>, <ph>,
#: <it>, <x>, <bx>, <ex>, a CAT tool's own) is a code holding native markup, dropped.
_TEXT_ELEMENTS = frozenset({_Q + "g", _Q + "mrk"})


def _text(element: etree._Element | None) -> tuple[str | None, int]:
    """An element's text, <g>/<mrk> flattened to their text and inline codes dropped (see the
    module docstring), and the number of codes dropped."""
    if element is None:
        return None, 0
    parts: list[str] = [element.text or ""]
    dropped = 0
    for child in element:
        if child.tag in _TEXT_ELEMENTS:
            inner, codes = _text(child)
            parts.append(inner or "")
            dropped += codes
        elif isinstance(child.tag, str):  # comments and processing instructions are not text either
            dropped += 1
        parts.append(child.tail or "")
    return "".join(parts), dropped


def read_xliff(path: Path) -> list[XliffFile]:
    """Every <file> of an XLIFF 1.2 document; malformed XML, a DTD or another version is a PressMTError."""
    try:
        tree = etree.parse(str(path), _parser())
    except (OSError, etree.XMLSyntaxError) as exc:
        raise PressMTError(f"{path}: not readable XLIFF ({exc})") from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise PressMTError(f"{path}: an XLIFF with a DTD (<!DOCTYPE>) is refused: its entities could put text "
                           f"in a translation that no editor wrote; export it again without one")
    root = tree.getroot()
    if root.tag != _Q + "xliff" or root.get("version") != "1.2":
        raise PressMTError(f"{path}:{root.sourceline}: not an XLIFF 1.2 file (root <{etree.QName(root).localname}> "
                           f"version {root.get('version')!r})")
    files = []
    for file_el in root.iter(_Q + "file"):
        units = []
        for u in file_el.iter(_Q + "trans-unit"):
            source, _ = _text(u.find(_Q + "source"))
            target, dropped = _text(u.find(_Q + "target"))
            units.append(Unit(u.get("id", ""), source or "", target, u.sourceline, u.get(TARGET_SHA256), dropped))
        files.append(XliffFile(path, file_el.get("original", ""), file_el.get("source-language", ""),
                               file_el.get("target-language", ""), file_el.get(f"{{{PMT}}}input-sha256"), units,
                               file_el.get(RUN_ID)))
    return files
