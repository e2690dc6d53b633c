"""TMX 1.4 export of the translation memory, so a press office's corrections seed its CAT tool.

One <tu> per stored pair with a Russian (or, for a pivot's later step, English) source <tuv> and a
target <tuv>; an editor's pair carries `<prop type="x-origin">human</prop>`. Built with lxml.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from pipeline import __version__
from pipeline.outputs import write_atomic
from pipeline.tm import MemoryPair
from pipeline.writers.base import Writer, register

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tmx_bytes(pairs: list[MemoryPair]) -> bytes:
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "pressmt", "creationtoolversion": __version__, "segtype": "sentence",
        "o-tmf": "pressmt-sqlite", "adminlang": "en", "srclang": "ru", "datatype": "plaintext"})
    body = etree.SubElement(root, "body")
    for pair in pairs:
        tu = etree.SubElement(body, "tu", srclang=pair.source_lang)
        etree.SubElement(tu, "prop", type="x-origin").text = pair.origin
        for lang, text in ((pair.source_lang, pair.source), (pair.target_lang, pair.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = text
    doctype = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=doctype)


@register
class TmxWriter(Writer[list[MemoryPair]]):
    """Translation-memory pairs → one TMX 1.4 file at `target`."""

    name = "tmx"

    def write(self, data: list[MemoryPair], target: Path) -> list[Path]:
        write_atomic(target, tmx_bytes(data))
        return [target]
