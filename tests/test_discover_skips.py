"""Nothing a folder holds is passed over in silence (issue 18, item 3): a file no format reads is a
`skipped` document with its reason (and what to do with a .doc, .pdf, .odt, .rtf), in the report
and once in the summary; suffixes match in any case; hidden files, translations and our own output
folders stay silent; and a run with no document to translate fails (exit 1) unless --allow-empty.
Before, a folder of .pdf, .doc, .odt and .DOCX files reported "documents: 1" and exit 0, and an
empty folder "documents: 0" and exit 0."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from pipeline.cli import run_cli
from pipeline.run import discover, is_translation_name

RELEASE = "Аким Экибастуза Аян Бейсекин провел совещание по подготовке к отопительному сезону.\n"
READS = "pressmt reads .docx, .htm, .html, .markdown, .md, .txt"


def _write(path: Path, data: bytes | str = RELEASE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _word(path: Path, text: str = RELEASE.strip()) -> Path:
    """A real Word document, saved under whatever suffix Windows gave it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def _office_folder(root: Path) -> Path:
    """What a press office's shared folder holds: releases in Word and text (suffixes in capitals
    too), a PDF and legacy office files, a photo, the Mac's and our own leftovers."""
    _word(root / "ekibastuz.DOCX")
    _write(root / "news" / "astana.Txt")
    _write(root / "pavlodar.pdf", b"%PDF-1.7\n")
    _write(root / "karaganda.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    _write(root / "news" / "temirtau.odt", b"PK\x03\x04")
    _write(root / "saran.rtf", "{\\rtf1 }")
    _write(root / "photo.JPG", b"\xff\xd8\xff")
    _write(root / ".DS_Store", b"\x00")
    _write(root / "ekibastuz.EN.txt", "The akim of Ekibastuz held a meeting.\n")  # a translation, any case
    _write(root / "last-week" / ".pressmt" / "run.json", "{}")  # an earlier run's output folder
    _write(root / "last-week" / "report.json", "{}")
    _write(root / "last-week" / "review.html", f"<html><body><p>{RELEASE}</p></body></html>")
    return root


def test_a_folder_names_every_file_no_format_reads(tmp_path):
    root = _office_folder(tmp_path / "shared")
    found, problems = discover([root], tmp_path / "out")
    assert [str(rel) for _, rel in found] == ["ekibastuz.DOCX", "news/astana.Txt"]
    reasons = {p.rel: (p.status, p.reason) for p in problems}
    assert reasons == {
        "pavlodar.pdf": ("skipped", f"unsupported format (.pdf): export the text as .txt, or save it as .docx; {READS}"),
        "karaganda.doc": ("skipped", f"unsupported format (.doc): save it as .docx; {READS}"),
        "news/temirtau.odt": ("skipped", f"unsupported format (.odt): save it as .docx; {READS}"),
        "saran.rtf": ("skipped", f"unsupported format (.rtf): save it as .docx; {READS}"),
        "photo.JPG": ("skipped", f"unsupported format (.JPG); {READS}"),
    }


@pytest.mark.parametrize(("name", "translation"), [
    ("x.en.txt", True), ("Release.EN.docx", True), ("KK.TXT", True), ("en.txt", True),
    ("release.txt", False), ("kenes.txt", False), ("report.Ru.md", False),
])
def test_translation_names_in_any_case(name, translation):
    assert is_translation_name(Path(name)) is translation


def _translate(src: Path, out: Path, small_models, *extra: str) -> int:
    return run_cli(["translate", str(src), "--out", str(out), "--to", "en", "--model", f"en={small_models['en']}",
                    "--no-cache", "--no-glossary", "--beams", "1", *extra])


def test_skipped_files_are_in_the_report_and_once_in_the_summary(tmp_path, small_models, capsys):
    root = _office_folder(tmp_path / "shared")
    out = tmp_path / "out"
    assert _translate(root, out, small_models) == 0  # skipped is not failed
    captured = capsys.readouterr()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    statuses = {d["path"]: d["status"] for d in report["index"]}
    assert statuses == {"ekibastuz.DOCX": "translated", "news/astana.Txt": "translated",
                        "pavlodar.pdf": "skipped", "karaganda.doc": "skipped", "news/temirtau.odt": "skipped",
                        "saran.rtf": "skipped", "photo.JPG": "skipped"}
    reasons = {d["path"]: d["reason"] for d in report["index"]}
    assert reasons["pavlodar.pdf"].startswith("unsupported format (.pdf): export the text")
    assert (out / "ekibastuz.en.DOCX").is_file() or (out / "ekibastuz.en.docx").is_file()

    results = captured.out
    assert "documents: 7 (5 skipped, 2 translated)" in results
    for rel in ("pavlodar.pdf", "karaganda.doc", "news/temirtau.odt", "saran.rtf", "photo.JPG"):
        assert results.count(f"  {rel}: unsupported format (") == 1, results
        assert rel not in captured.err  # listed once, in the summary
    for silent in (".DS_Store", "ekibastuz.EN.txt", "last-week"):
        assert silent not in results and silent not in captured.err


def test_an_empty_folder_is_one_line_and_exit_1(tmp_path, small_models, capsys):
    empty = tmp_path / "releases"
    empty.mkdir()
    assert _translate(empty, tmp_path / "out", small_models) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (f"error: no document to translate in {empty}; pass --allow-empty when a run may "
                            "have none\n")
    assert _translate(empty, tmp_path / "out", small_models, "--allow-empty") == 0
    assert "documents: 0 (none)" in capsys.readouterr().out


def test_a_folder_of_pdfs_only_lists_them_and_fails(tmp_path, small_models, capsys):
    folder = tmp_path / "releases"
    _write(folder / "pavlodar.pdf", b"%PDF-1.7\n")
    _write(folder / "akimat.doc", b"\xd0\xcf\x11\xe0")
    assert _translate(folder, tmp_path / "out", small_models) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "skipped:",
        f"  akimat.doc: unsupported format (.doc): save it as .docx; {READS}",
        f"  pavlodar.pdf: unsupported format (.pdf): export the text as .txt, or save it as .docx; {READS}"]
    assert captured.err == (f"error: no document to translate in {folder} (2 files skipped, listed above); "
                            "pass --allow-empty when a run may have none\n")


def test_a_pdf_named_directly_fails_with_the_same_reason(tmp_path, small_models, capsys):
    pdf = _write(tmp_path / "pavlodar.pdf", b"%PDF-1.7\n")
    release = _write(tmp_path / "ekibastuz.txt")
    out = tmp_path / "out"
    assert _translate(pdf, out, small_models) == 1 and "failed" in capsys.readouterr().err  # named: failed
    assert _translate(pdf, out, small_models, str(release)) == 1
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_path = {d["path"]: d for d in report["index"]}
    assert by_path["pavlodar.pdf"]["status"] == "failed"
    assert by_path["pavlodar.pdf"]["reason"] == f"unsupported format (.pdf): export the text as .txt, or save it as .docx; {READS}"
    assert by_path["ekibastuz.txt"]["status"] == "translated"
