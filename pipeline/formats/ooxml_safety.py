"""Checks an Office Open XML file (.docx) before any library opens it.

python-docx trusts its input: it would expand a zip bomb in memory, and it reads whatever the
content types say. A press office's folder may hold a password-protected release (an OLE compound
file, not a zip), a macro document renamed to .docx, or a hostile file; each must be reported with
its reason while the run goes on. The checks read the zip directory, then stream every XML part
through lxml's parser (libxml2, the parser python-docx uses) with a parser target instead of a
tree: a DTD stops the scan at its first line (so no entity is ever declared, let alone expanded,
and nothing is fetched), and no element is ever kept, so a 140 KB file holding 100 MiB of XML
costs as little memory as a small one (bench/ooxml_memory.py). Nothing is extracted to disk.

A part is XML when its name ends in .xml or .rels in any letter case, or when [Content_Types].xml
gives it an XML content type (…/xml or …+xml, by override or by extension): python-docx loads parts
by content type, and OPC part names are case-insensitive, so `word/document.XML` is a document.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from pathlib import Path
from lxml import etree

from pipeline.errors import InputError

# A real release is a few MB uncompressed; Word itself refuses far smaller bombs than this.
MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_ENTRIES = 10_000
# python-docx parses a part into an lxml tree of about 20 times its size; a 500-page book's
# document.xml is a few MiB, so a bigger XML part is not a release but a memory bomb.
MAX_XML_PART = 16 * 1024 * 1024
# Word nests a few dozen levels (tables in tables); the parser's stack grows with the depth, so the
# depth is what keeps a scan in constant memory.
MAX_DEPTH = 256
_CHUNK = 64 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream an encrypted OOXML package keeps inside its OLE container (directory names are UTF-16-LE).
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_CONTENT_TYPES = "[Content_Types].xml"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_MACRO_TYPES = ("application/vnd.ms-word.document.macroEnabled.main+xml",
                "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
_WORD_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
               "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")


class _ContentTypes:
    """[Content_Types].xml: content type by part name (case-insensitive, as OPC says)."""

    def __init__(self) -> None:
        self.defaults: dict[str, str] = {}  # lower-case extension -> content type
        self.overrides: dict[str, str] = {}  # lower-case part name ("/word/document.xml") -> type

    def of(self, name: str) -> str | None:
        """The content type of the zip entry `name` ("word/document.xml")."""
        part = "/" + name.lstrip("/")
        found = self.overrides.get(part.lower())
        if found is None and "." in posixpath.basename(part):
            found = self.defaults.get(part.rsplit(".", 1)[1].lower())
        return found


class _Refused(Exception):
    """Why a scan stopped (a DTD, too deep); the caller names the file and the part."""


class _Collector:
    """An lxml parser target: refuses a DTD, counts the nesting depth, and keeps what the checks
    need of the two package parts: content types, and the main part's name from the package
    relationships. Nothing else of a part is kept."""

    def __init__(self, types: _ContentTypes | None = None) -> None:
        self.depth = 0
        self.types = types
        self.main_part: str | None = None

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _Refused("declares a DTD or entities (an entity expansion attack?): not read")

    def start(self, tag: str, attrib: dict) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(f"nests elements deeper than {MAX_DEPTH} levels: not read")
        if self.types is not None and tag in (_CT_NS + "Default", _CT_NS + "Override"):
            table, key = ((self.types.defaults, "Extension") if tag == _CT_NS + "Default"
                          else (self.types.overrides, "PartName"))
            if len(table) >= MAX_ENTRIES:
                raise _Refused(f"lists more than {MAX_ENTRIES} content types: not read")
            table[attrib.get(key, "").lower()] = attrib.get("ContentType", "")
        elif tag == _REL_NS + "Relationship" and attrib.get("Type") == _OFFICE_DOCUMENT:
            self.main_part = "/" + posixpath.normpath(attrib.get("Target", "").lstrip("/"))

    def end(self, tag: str) -> None:
        self.depth -= 1

    def close(self) -> None:
        return None


def check_docx(data: bytes, path: Path) -> None:
    """Raise InputError with the reason when `data` is not a safe, readable Word document."""
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTION_INFO in data:
            raise InputError(str(path), "encrypted (password-protected) Word document: save it "
                                        "without a password to translate it")
        raise InputError(str(path), "an OLE compound file (legacy binary .doc), not a .docx: save it "
                                    "as a Word document (.docx)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise InputError(str(path), "not a .docx: not a zip archive") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise InputError(str(path), f"zip holds {len(infos)} entries (limit {MAX_ENTRIES}): "
                                        "not a Word document (zip bomb?)")
        total = sum(info.file_size for info in infos)
        if total > MAX_UNCOMPRESSED:
            raise InputError(str(path), f"uncompressed size {total / 2**20:.0f} MiB exceeds the "
                                        f"{MAX_UNCOMPRESSED // 2**20} MiB limit (zip bomb?): not read")
        types_info = archive.NameToInfo.get(_CONTENT_TYPES)
        if types_info is None:
            raise InputError(str(path), f"not a .docx: a zip without {_CONTENT_TYPES}")
        types = _ContentTypes()
        _scan_part(archive, types_info, path, _Collector(types))
        main_part = None
        for info in infos:
            if info is types_info or info.is_dir() or not _is_xml(info.filename, types):
                continue
            collector = _scan_part(archive, info, path, _Collector())
            if info.filename == "_rels/.rels":
                main_part = collector.main_part
        if "_rels/.rels" not in archive.NameToInfo:
            raise InputError(str(path), "not a .docx: a zip without _rels/.rels")
        names = {info.filename for info in infos}
    main_type = types.of(main_part) if main_part else None
    if main_type in _MACRO_TYPES or "word/vbaProject.bin" in names:
        raise InputError(str(path), "a macro-enabled Word document (.docm) renamed to .docx: not read "
                                    "(macros are never opened)")
    if main_type not in _WORD_TYPES:
        raise InputError(str(path), f"not a Word document (main part is {main_type or 'missing'})")


def _is_xml(name: str, types: _ContentTypes) -> bool:
    """Whether python-docx (or Word) would read the part as XML: see the module docstring."""
    if name.lower().endswith((".xml", ".rels")):
        return True
    content_type = (types.of(name) or "").lower().split(";")[0].strip()
    return content_type.endswith(("/xml", "+xml"))


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, collector: _Collector) -> _Collector:
    """Stream the part through libxml2 into `collector`, a parser target (no tree is built), with
    entities never resolved and the network never used."""
    part = info.filename
    if info.file_size > MAX_XML_PART:
        raise InputError(str(path), f"XML part {part} is {info.file_size / 2**20:.0f} MiB uncompressed "
                                    f"(limit {MAX_XML_PART // 2**20} MiB per part): not a release "
                                    "(XML bomb?): not read")
    parser = etree.XMLParser(target=collector, resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                parser.feed(chunk)
        parser.close()
    except _Refused as exc:
        raise InputError(str(path), f"XML part {part} {exc}") from None
    except etree.ParseError as exc:
        raise InputError(str(path), f"malformed XML in part {part} (line {exc.lineno}: {exc.msg})") from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise InputError(str(path), f"damaged zip entry {part}: {exc}") from None
    return collector
