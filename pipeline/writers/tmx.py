"""TMX 1.4 export of the translation memory, so a press office's corrections seed its CAT tool.

One <tu> per stored pair with a Russian (or, for a pivot's later step, English) source <tuv> and a
target <tuv>; an editor's pair carries `<prop type="x-origin">human</prop>`. Built with lxml;
characters XML 1.0 cannot carry are removed (`pipeline.xmltext`), with one warning naming the
translation units (<tu>, counted from 1), so an export never fails on a control character that a
release brought into the memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline import __version__
from pipeline.outputs import write_atomic
from pipeline.tm import MemoryPair
from pipeline.writers.base import Writer, register
from pipeline.xmltext import XmlScrubber

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass
class TmxExport:
    """What `tm export --tmx` writes: memory pairs; the writer adds a warning when it had to remove
    characters XML cannot carry."""

    pairs: list[MemoryPair]
    warnings: list[str] = field(default_factory=list)


def tmx_bytes(pairs: list[MemoryPair], scrub: XmlScrubber | None = None) -> bytes:
    """The TMX 1.4 file of `pairs`; `scrub` removes what XML cannot carry and remembers the <tu>s."""
    scrub = scrub or XmlScrubber()
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "pressmt", "creationtoolversion": __version__, "segtype": "sentence",
        "o-tmf": "pressmt-sqlite", "adminlang": "en", "srclang": "ru", "datatype": "plaintext"})
    body = etree.SubElement(root, "body")
    for number, pair in enumerate(pairs, 1):
        tu = etree.SubElement(body, "tu", srclang=pair.source_lang)
        etree.SubElement(tu, "prop", type="x-origin").text = pair.origin
        for lang, text in ((pair.source_lang, pair.source), (pair.target_lang, pair.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = scrub(text, str(number))
    doctype = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=doctype)


@register
class TmxWriter(Writer[TmxExport]):
    """Translation-memory pairs → one TMX 1.4 file at `target`."""

    name = "tmx"

    def write(self, data: TmxExport, target: Path) -> list[Path]:
        scrub = XmlScrubber()
        write_atomic(target, tmx_bytes(data.pairs, scrub))
        if warning := scrub.warning(target, kind="translation unit"):
            data.warnings.append(warning)
        return [target]
