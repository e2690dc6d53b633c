"""TBX term bases (ISO 30042, v2 `martif` and v3 `tbx`): one row per termEntry/conceptEntry.

Within a language the first preferred (or untagged) term is the target; admitted terms are
accepted alternatives (`*_accept`), deprecated and superseded terms, and further untagged ones,
are forms to replace (`*_avoid`). Entity and external declarations are refused (defusedxml).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import defusedxml
import defusedxml.ElementTree as DET

from pipeline.errors import InputError
from pipeline.glossary.model import TermType
from pipeline.glossary.readers.base import GlossaryReader, Row, register
from pipeline.languages import LANGUAGES

SUFFIXES = (".tbx",)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DEPRECATED = {"deprecatedterm-admn-sts", "supersededterm-admn-sts"}
_ADMITTED = {"admittedterm-admn-sts"}
_TYPES = set(get_args(TermType))  # other subject fields ("energy") leave the type "other"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _clean(value: str) -> str:
    return " ".join(value.split())


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


def _parse(path: Path) -> tuple[ET.Element, dict[int, int]]:
    builder = _LineTreeBuilder()
    parser = DET.DefusedXMLParser(target=builder)
    builder.parser = parser
    try:
        return DET.parse(str(path), parser=parser).getroot(), builder.lines
    except defusedxml.DefusedXmlException as exc:
        raise InputError(str(path), f"entity or external declarations are not allowed in TBX ({exc})",
                         parser.parser.CurrentLineNumber) from exc
    except ET.ParseError as exc:
        raise InputError(str(path), f"invalid XML: {exc.msg}", exc.position[0]) from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read file: {exc.strerror or exc}") from exc


def _language(tag: str, codes: dict[str, str]) -> str:
    """The glossary column of an xml:lang tag: the longest registered code it starts with
    ("kk-Latn", "en" for "en-US"), else its primary subtag ("ru")."""
    parts = tag.lower().split("-")
    for size in range(len(parts), 0, -1):
        if (code := codes.get("-".join(parts[:size]))) is not None:
            return code
    return parts[0]


def _entry_row(entry: ET.Element, path: Path, line: int) -> Row | None:
    buckets: dict[str, dict[str, list[str]]] = {"target": {}, "accept": {}, "avoid": {}}
    codes = {code.lower(): code for code in LANGUAGES}
    cells: dict[str, str] = {}
    notes = []
    for child in entry.iter():
        name, text = _local(child.tag), _clean(child.text or "")
        if name == "descrip" and child.get("type") == "subjectField" and text.lower() in _TYPES:
            cells["type"] = text.lower()
        elif name == "note" and text:
            notes.append(text)
    for lang_set in entry:
        if _local(lang_set.tag) not in ("langSet", "langSec"):
            continue
        lang = _language(lang_set.get(_XML_LANG) or lang_set.get("lang") or "", codes)
        for group in lang_set.iter():
            if _local(group.tag) not in ("tig", "termSec", "ntig"):
                continue
            term_el = next((e for e in group.iter() if _local(e.tag) == "term"), None)
            term = (term_el.text or "") if term_el is not None else ""  # raw: checked, then cleaned
            if not term.strip():
                continue
            status = {_clean(n.text or "").lower() for n in group.iter()
                      if _local(n.tag) == "termNote" and n.get("type") == "administrativeStatus"}
            kind = "avoid" if status & _DEPRECATED else "accept" if status & _ADMITTED else "target"
            buckets[kind].setdefault(lang, []).append(term)
    ru_forms = buckets["target"].get("ru", []) + buckets["accept"].get("ru", []) + \
        buckets["avoid"].get("ru", [])
    if not ru_forms:
        return None
    cells |= {"ru": ru_forms[0], "ru_variants": "|".join(ru_forms[1:]), "note": "; ".join(notes)}
    for lang in codes.values():
        targets = buckets["target"].get(lang, [])
        cells[lang] = targets[0] if targets else ""
        cells[f"{lang}_accept"] = "|".join(buckets["accept"].get(lang, []))
        cells[f"{lang}_avoid"] = "|".join(targets[1:] + buckets["avoid"].get(lang, []))
    return Row(str(path), line, cells)


def rows(path: Path) -> Iterator[Row]:
    """One row per entry that has a Russian term, in file order."""
    root, lines = _parse(path)
    for entry in root.iter():
        if _local(entry.tag) in ("termEntry", "conceptEntry"):
            row = _entry_row(entry, path, lines.get(id(entry), 0))
            if row is not None:
                yield row


@register
class TbxReader(GlossaryReader):
    """TBX term bases (ISO 30042, v2 and v3)."""

    name = "tbx"
    suffixes = SUFFIXES
    rows = staticmethod(rows)
