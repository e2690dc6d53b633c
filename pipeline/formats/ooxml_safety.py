"""Checks an Office Open XML file (.docx) before any library opens it.

python-docx trusts its input: it would expand a zip bomb in memory, and it reads whatever the
content types say. A press office's folder may hold a password-protected release (an OLE compound
file, not a zip), a macro document renamed to .docx, or a hostile file; each must be reported with
its reason while the run goes on. The checks read only the zip directory and the small XML parts,
with DTDs and entities forbidden (defusedxml), and never extract anything to disk.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from pipeline.errors import InputError

# A real release is a few MB uncompressed; Word itself refuses far smaller bombs than this.
MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_ENTRIES = 10_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream an encrypted OOXML package keeps inside its OLE container (directory names are UTF-16-LE).
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_MACRO_TYPES = ("application/vnd.ms-word.document.macroEnabled.main+xml",
                "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
_WORD_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
               "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")


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
        names = {info.filename for info in infos}
        if "[Content_Types].xml" not in names:
            raise InputError(str(path), "not a .docx: a zip without [Content_Types].xml")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                _parse_part(archive, info, path)
        main_type = _main_content_type(archive, path)
    if main_type in _MACRO_TYPES or "word/vbaProject.bin" in names:
        raise InputError(str(path), "a macro-enabled Word document (.docm) renamed to .docx: not read "
                                    "(macros are never opened)")
    if main_type not in _WORD_TYPES:
        raise InputError(str(path), f"not a Word document (main part is {main_type or 'missing'})")


def _parse_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path):
    """The part's XML root, parsed with DTDs and entities forbidden (billion laughs, XXE)."""
    try:
        return fromstring(archive.read(info), forbid_dtd=True)
    except DefusedXmlException:
        raise InputError(str(path), f"XML part {info.filename} declares a DTD or entities (an entity "
                                    "expansion attack?): not read") from None
    except ParseError as exc:
        raise InputError(str(path), f"malformed XML in part {info.filename} (line {exc.position[0]})") from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise InputError(str(path), f"damaged zip entry {info.filename}: {exc}") from None


def _main_content_type(archive: zipfile.ZipFile, path: Path) -> str | None:
    """The content type of the package's main part (the officeDocument relationship's target)."""
    rels_info = archive.NameToInfo.get("_rels/.rels")
    if rels_info is None:
        raise InputError(str(path), "not a .docx: a zip without _rels/.rels")
    target = None
    for rel in _parse_part(archive, rels_info, path).iter(f"{_REL_NS}Relationship"):
        if rel.get("Type") == _OFFICE_DOCUMENT:
            target = "/" + posixpath.normpath(rel.get("Target", "").lstrip("/"))
    if target is None:
        return None
    types = _parse_part(archive, archive.NameToInfo["[Content_Types].xml"], path)
    for override in types.iter(f"{_CT_NS}Override"):
        if override.get("PartName", "").lower() == target.lower():
            return override.get("ContentType")
    extension = target.rsplit(".", 1)[-1].lower()
    for default in types.iter(f"{_CT_NS}Default"):
        if default.get("Extension", "").lower() == extension:
            return default.get("ContentType")
    return None
