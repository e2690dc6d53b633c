"""The translated .docx opens in a real word processor: LibreOffice converts it to PDF (issue 10).

The first page is rendered to PNG with pdftoppm and its path printed (`pytest -s`), so a person
can look at the layout. Skipped only where LibreOffice is not installed (`.ci/run` installs
libreoffice-writer-nogui and poppler-utils).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from pipeline.cli import run_cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "akorda-shymkent-akim-2020" / "ru.docx"


@pytest.mark.slow
def test_translated_docx_converts_to_pdf_and_renders(tmp_path, small_models, capsys):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    src = tmp_path / "in"
    src.mkdir()
    (src / "release.docx").write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out"
    assert run_cli(["translate", str(src), "--out", str(out), "--to", "en", "--model", f"en={small_models['en']}",
                    "--beams", "1", "--no-cache"]) == 0, capsys.readouterr().err
    translated = out / "release.en.docx"
    pdf_dir = tmp_path / "pdf"
    profile = tmp_path / "lo-profile"  # a private profile: parallel runs never share a lock
    done = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(pdf_dir), str(translated)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    pdf = pdf_dir / "release.en.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), done.stdout + done.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        # Compared without white space: a long word of the small model's output wraps on the page.
        heading = "".join(docx.Document(str(translated)).paragraphs[0].text.split())
        assert heading[:30] in "".join(text.split()) and "Касым" not in text
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(tmp_path / "page1")], check=True, timeout=120)
        png = tmp_path / "page1.png"
        assert png.read_bytes().startswith(b"\x89PNG")
        with capsys.disabled():
            print(f"\nfirst page of the translated sample: {png}")
