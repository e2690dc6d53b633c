"""XLIFF 1.2 out of a run's report, and edited XLIFF read back, for editors working in a CAT tool.

XLIFF 1.2 is the version memoQ, Trados Studio, Smartcat and OmegaT all import. One file per
document and target language; one `trans-unit` per segment, id `s<index>` (stable: the segment's
position in the document), grouped per paragraph (`group id="p<n>"`) so the paragraph structure
is recoverable. A flagged segment is `needs-review-translation`, an editor's earlier correction
`final`, any other `translated`; glossary terms and QE flags travel as notes. Documents are read
from the streamed report one at a time, so exporting an archive holds one document in memory.
Built and parsed with lxml; parsing never resolves entities nor touches the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline import __version__
from pipeline.errors import PressMTError
from pipeline.outputs import safe_join, write_atomic
from pipeline.writers.base import Writer, register
from pipeline.writers.reader import RunReport, documents

NS = "urn:oasis:names:tc:xliff:document:1.2"
PMT = "urn:pressmt:xliff:1"  # our own attributes (the input's SHA-256), allowed by XLIFF 1.2
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_Q = f"{{{NS}}}"


@dataclass
class XliffExport:
    """What `export xliff` writes: a run's report, restricted to some target languages."""

    report: RunReport
    langs: list[str] = field(default_factory=lambda: ["en", "kk"])


@dataclass(frozen=True)
class Unit:
    """One trans-unit read back: id, source and (possibly edited) target text, and its line."""

    id: str
    source: str
    target: str | None
    line: int


@dataclass
class XliffFile:
    """One XLIFF file read back: the document it claims (`original`), languages, input hash, units."""

    path: Path
    original: str
    source_lang: str
    target_lang: str
    input_sha256: str | None
    units: list[Unit]


def unit_id(index: int) -> str:
    return f"s{index}"


def xliff_name(rel: str, lang: str) -> Path:
    """XLF/<document's relative path>.<lang>.xlf."""
    return Path(f"{rel}.{lang}.xlf")


def _state(segment: dict) -> str:
    if segment.get("origin") == "human":
        return "final"
    return "needs-review-translation" if (segment.get("quality") or {}).get("flags") else "translated"


def _notes(unit: etree._Element, segment: dict) -> None:
    quality = segment.get("quality") or {}
    if quality:
        flags = ", ".join(quality.get("flags") or []) or "none"
        etree.SubElement(unit, _Q + "note", {"from": "pressmt-qe", "priority": "1" if quality.get("flags") else "5"}
                         ).text = f"QE {quality['score']:.2f}; flags: {flags}"
    for term in segment.get("terms", []):
        found = f", found «{term['found']}»" if term.get("found") else ""
        etree.SubElement(unit, _Q + "note", {"from": "pressmt-glossary"}).text = \
            f"{term['ru']} → {term['expected']} ({term['status']}{found})"


def document_xliff(doc: dict, lang: str) -> bytes:
    """The XLIFF 1.2 file of one translated document in one language."""
    root = etree.Element(_Q + "xliff", {"version": "1.2"}, nsmap={None: NS, "pmt": PMT})
    datatype = "plaintext" if doc["path"].endswith(".txt") else "x-" + Path(doc["path"]).suffix.lstrip(".")
    file_el = etree.SubElement(root, _Q + "file", {
        "original": doc["path"], "source-language": "ru", "target-language": lang, "datatype": datatype,
        f"{{{PMT}}}input-sha256": doc.get("input_sha256") or ""})
    header = etree.SubElement(file_el, _Q + "header")
    etree.SubElement(header, _Q + "tool", {"tool-id": "pressmt", "tool-name": "pressmt", "tool-version": __version__})
    body = etree.SubElement(file_el, _Q + "body")
    groups: dict[int, etree._Element] = {}
    for seg in doc["languages"][lang]["segments"]:
        para = seg["paragraph"]
        if para not in groups:
            groups[para] = etree.SubElement(body, _Q + "group", {"id": f"p{para}", "restype": "x-paragraph"})
        unit = etree.SubElement(groups[para], _Q + "trans-unit", {"id": unit_id(seg["index"]), XML_SPACE: "preserve"})
        etree.SubElement(unit, _Q + "source", {XML_LANG: "ru"}).text = seg["source"]
        etree.SubElement(unit, _Q + "target", {XML_LANG: lang, "state": _state(seg)}).text = seg["output"]
        _notes(unit, seg)
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
                    write_atomic(path, document_xliff(doc, lang))
                    written.append(path)
        return written


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_blank_text=False)


def _text(element: etree._Element | None) -> str | None:
    """An element's text with any inline CAT-tool markup (<g>, <mrk>) flattened to its text."""
    return None if element is None else "".join(element.itertext())


def read_xliff(path: Path) -> list[XliffFile]:
    """Every <file> of an XLIFF 1.2 document; malformed XML or another version is a PressMTError."""
    try:
        tree = etree.parse(str(path), _parser())
    except (OSError, etree.XMLSyntaxError) as exc:
        raise PressMTError(f"{path}: not readable XLIFF ({exc})") from None
    root = tree.getroot()
    if root.tag != _Q + "xliff" or root.get("version") != "1.2":
        raise PressMTError(f"{path}:{root.sourceline}: not an XLIFF 1.2 file (root <{etree.QName(root).localname}> "
                           f"version {root.get('version')!r})")
    files = []
    for file_el in root.iter(_Q + "file"):
        units = [Unit(u.get("id", ""), _text(u.find(_Q + "source")) or "", _text(u.find(_Q + "target")), u.sourceline)
                 for u in file_el.iter(_Q + "trans-unit")]
        files.append(XliffFile(path, file_el.get("original", ""), file_el.get("source-language", ""),
                               file_el.get("target-language", ""), file_el.get(f"{{{PMT}}}input-sha256"), units))
    return files
