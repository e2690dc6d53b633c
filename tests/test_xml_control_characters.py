"""Control characters a release brings in (issue 16): a U+0001 in a text release, a NUL after the
first 8 KB of an HTML page. Both translate; `export xliff` and `tm export --tmx` then write every
file as valid XML 1.0, without the characters, with one warning per file naming the units."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_report
from lxml import etree

from pipeline.cli import run_cli
from pipeline.writers.xliff import NS
from pipeline.xmltext import XmlScrubber, xml_text

ROOT = Path(__file__).resolve().parents[1]
X = f"{{{NS}}}"
BAD = "Аким области доложил о ходе подготовки\x01 к отопительному сезону."
CLEAN = "Будет построено 12 новых школ на 14,5 тысячи мест."


def _translate(releases: Path, out: Path, tm: Path, small_models) -> int:
    return run_cli(["translate", str(releases), "--out", str(out), "--model", f"en={small_models['en']}",
                    "--to", "en", "--beams", "1", "--tm", str(tm)])


def _html_with_late_nul() -> bytes:
    """A page whose first 8 KB hold no NUL (so it is not taken for a binary file) and a NUL later."""
    filler = "".join(f"<p>{CLEAN}</p>\n" for _ in range(120))
    page = f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Пресс-релиз</title></head><body>\n{filler}"
    assert len(page.encode()) > 8192
    return (page + "<p>Глава государства\x00 провел совещание.</p>\n</body></html>\n").encode()


def _units_with(report: dict, char: str) -> dict[str, str]:
    """{document path: "s<index>"} of the segments whose source holds `char`."""
    return {doc["path"]: f"s{seg['index']}" for doc in report["documents"]
            for seg in doc["languages"]["en"]["segments"] if char in seg["source"]}


@pytest.fixture(scope="module")
def translated(tmp_path_factory, small_models) -> tuple[Path, Path, dict]:
    """A run over a text release with a U+0001, an HTML page with a late NUL and a clean release."""
    root = tmp_path_factory.mktemp("control")
    releases = root / "releases"
    releases.mkdir()
    (releases / "heating.txt").write_text(f"{CLEAN}\n{BAD}\n", encoding="utf-8")
    (releases / "page.html").write_bytes(_html_with_late_nul())
    (releases / "clean.txt").write_text(f"{CLEAN}\n", encoding="utf-8")
    out, tm = root / "out", root / "tm.sqlite"
    assert _translate(releases, out, tm, small_models) == 0
    report = run_report(out)
    assert _units_with(report, "\x01") == {"heating.txt": "s1"}
    assert list(_units_with(report, "\x00")) == ["page.html"]
    return out, tm, report


def test_xliff_export_removes_control_characters_with_a_warning_per_file(translated, tmp_path, capsys):
    out, _, report = translated
    nul_unit = _units_with(report, "\x00")["page.html"]
    capsys.readouterr()
    xlf = tmp_path / "xlf"
    assert run_cli(["export", "xliff", str(out), "--dir", str(xlf), "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert sorted(p.name for p in xlf.iterdir()) == ["clean.txt.en.xlf", "heating.txt.en.xlf", "page.html.en.xlf"]
    warnings = [line for line in captured.err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2 and "Traceback" not in captured.err
    assert re.search(r"heating\.txt\.en\.xlf: removed \d+ control characters? that XML 1\.0 cannot carry from "
                     r"unit s1$", warnings[0] if "heating" in warnings[0] else warnings[1])
    assert any("page.html.en.xlf" in w and w.endswith(f"from unit {nul_unit}") for w in warnings)
    from translate.storage.xliff import xlifffile  # a CAT-side reader: translate-toolkit

    store = xlifffile.parsefile(str(xlf / "heating.txt.en.xlf"))
    assert [u.source for u in store.units if u.getid()] == [CLEAN, BAD.replace("\x01", "")]
    tree = etree.parse(str(xlf / "page.html.en.xlf"))
    sources = [s.text for s in tree.iter(f"{X}source")]
    assert "Глава государства провел совещание." in sources


def test_tmx_export_removes_control_characters_with_a_warning_every_time(translated, tmp_path, capsys):
    _, tm, _ = translated
    capsys.readouterr()
    for name in ("first.tmx", "second.tmx"):  # the memory keeps the segment: every export must work
        assert run_cli(["tm", "export", "--tmx", str(tmp_path / name), "--tm", str(tm)]) == 0
        captured = capsys.readouterr()
        (warning,) = [line for line in captured.err.splitlines() if line.startswith("warning:")]
        assert re.search(rf"{name}: removed [2-9]\d* control characters that XML 1\.0 cannot carry from "
                         r"translation units \d+, \d+$", warning)
        root = etree.parse(str(tmp_path / name)).getroot()
        segs = [seg.text for seg in root.iter("seg")]
        assert BAD.replace("\x01", "") in segs and "Глава государства провел совещание." in segs
        assert not any(xml_text(s or "")[1] for s in segs)


@pytest.mark.parametrize("text, clean", [
    ("a\x00b\x01c\x08d\x0be\x0cf\x1fg", "abcdefg"),
    ("tab\tnewline\nreturn\r kept", "tab\tnewline\nreturn\r kept"),
    ("\ufffe\uffff\ud800 gone, \ufffd \U0001f600 \u00a0 kept", " gone, \ufffd \U0001f600 \u00a0 kept"),
])
def test_only_what_xml_1_0_forbids_is_removed(text, clean):
    scrub = XmlScrubber()
    assert scrub(text, "s3") == clean
    seg = etree.Element("seg")
    seg.text = clean  # lxml accepts the result
    removed = len(text) - len(clean)
    assert scrub.warning("x.xlf") == (None if not removed else
                                      f"x.xlf: removed {removed} control character{'s' if removed > 1 else ''} "
                                      "that XML 1.0 cannot carry from unit s3")
