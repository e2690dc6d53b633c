"""Only real edits become editors' translations (issue 16, item 3), through the real CLI with the
small models: an XLIFF carries its run's id and each unit's exported target, so a file from
another run is refused, an unedited unit is no edit even after another import, conflicting edits
and duplicate units are refused naming both, a line break cannot add paragraphs to a .txt or .md
output, a DTD is refused, and inline codes never land as text in a plain-text output."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from conftest import run_report
from lxml import etree

from pipeline.cli import run_cli
from pipeline.tm import TranslationMemory
from pipeline.writers.xliff import NS, PMT

X = f"{{{NS}}}"
RUN_ID = f"{{{PMT}}}run-id"
# Two paragraphs separated by a blank line: the structure an edit must not change.
RELEASE = (
    "Аким Павлодарской области Асаин Байханов провёл рабочую встречу с жителями Экибастуза.\n"
    "На встрече обсуждались вопросы ремонта дорог и строительства новых школ.\n"
    "\n"
    "Всего в этом году в регионе планируется построить 12 школ на 14,5 тысячи мест.\n"
)
MARKDOWN = "# Аким Астаны провёл приём граждан\n\nАким города принял 40 жителей столицы.\n"
EDIT_0 = "Pavlodar region akim Asain Baikhanov held a working meeting with residents of Ekibastuz."
EDIT_0_OTHER = "Akim of Pavlodar region Asain Baikhanov met residents of Ekibastuz."


def _translate(small_models, src: Path, out: Path, *extra: str) -> None:
    assert run_cli(["translate", str(src), "--out", str(out), "--to", "en", "--model", f"en={small_models['en']}",
                    "--no-glossary", "--no-cache", *extra]) == 0


def _export(out: Path, xlf: Path) -> None:
    assert run_cli(["export", "xliff", str(out), "--dir", str(xlf), "--lang", "en"]) == 0


def _tree(path: Path) -> etree._ElementTree:
    return etree.parse(str(path))


def _edit(path: Path, unit: str, text: str | None = None, *, markup: str | None = None) -> None:
    """What a CAT tool does: parse, set one target (plain text, or XLIFF inline markup), write back."""
    tree = _tree(path)
    (target,) = tree.xpath(f"//x:trans-unit[@id='{unit}']/x:target", namespaces={"x": NS})
    for child in list(target):
        target.remove(child)
    if markup is not None:
        fragment = etree.fromstring(f'<target xmlns="{NS}">{markup}</target>')
        target.text = fragment.text
        target.extend(list(fragment))
    else:
        target.text = text
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def run(tmp_path, small_models):
    """A finished run of a .txt release in two paragraphs and a Markdown one, and its XLIFF files."""
    src = tmp_path / "releases"
    src.mkdir()
    (src / "pavlodar.txt").write_text(RELEASE, encoding="utf-8")
    (src / "astana.md").write_text(MARKDOWN, encoding="utf-8")
    out, xlf = tmp_path / "out", tmp_path / "xlf"
    _translate(small_models, src, out)
    _export(out, xlf)
    return src, out, xlf


def _import(out: Path, *files: Path, extra: tuple[str, ...] = ("--no-cache",)) -> int:
    return run_cli(["import", "xliff", *map(str, files), "--out", str(out), *extra])


def test_export_carries_the_run_id_and_each_exported_target(run):
    _, out, xlf = run
    report = run_report(out)
    tree = _tree(xlf / "pavlodar.txt.en.xlf")
    (file_el,) = tree.getroot().iter(f"{X}file")
    assert report["run_id"] and file_el.get(RUN_ID) == report["run_id"]
    units = list(tree.iter(f"{X}trans-unit"))
    assert len(units) == 3 and all(len(u.get(f"{{{PMT}}}target-sha256")) == 64 for u in units)


def test_an_xliff_from_another_run_is_refused_naming_both_runs(run, tmp_path, small_models, capsys):
    """An unedited XLIFF of another run (other options, so other machine targets) must not turn
    the differing machine targets into editors' translations."""
    src, out, xlf = run
    other_out, other_xlf = tmp_path / "other", tmp_path / "other-xlf"
    _translate(small_models, src, other_out, "--beams", "1")
    _export(other_out, other_xlf)
    theirs, ours = run_report(other_out)["run_id"], run_report(out)["run_id"]
    before = _snapshot(out)
    capsys.readouterr()
    assert _import(out, other_xlf / "pavlodar.txt.en.xlf", extra=("--tm", str(tmp_path / "tm.sqlite"))) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert str(other_xlf / "pavlodar.txt.en.xlf") in err and theirs in err and ours in err
    assert "nothing was changed" in err
    assert _snapshot(out) == before
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        assert list(memory.pairs(human_only=True)) == []


def test_an_xliff_without_a_run_id_is_refused_with_a_hint_to_export_again(run, capsys):
    _, out, xlf = run
    path = xlf / "pavlodar.txt.en.xlf"
    _edit(path, "s0", EDIT_0)
    tree = _tree(path)
    for file_el in tree.getroot().iter(f"{X}file"):
        del file_el.attrib[RUN_ID]
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    before = _snapshot(out)
    capsys.readouterr()
    assert _import(out, path) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "export XLIFF again" in err and "nothing was changed" in err
    assert _snapshot(out) == before


def test_an_unedited_unit_is_no_edit_even_after_another_import(run, tmp_path, capsys):
    """Two editors export the same run; the first imports an edit of s0; the second's file still
    holds the machine target of s0, which differs from the run's output now, and must not undo it."""
    _, out, xlf = run
    second = tmp_path / "second"
    _export(out, second)
    _edit(xlf / "pavlodar.txt.en.xlf", "s0", EDIT_0)
    assert _import(out, xlf / "pavlodar.txt.en.xlf") == 0
    capsys.readouterr()
    assert _import(out, second / "pavlodar.txt.en.xlf") == 0
    assert "no edited targets: nothing changed" in capsys.readouterr().out
    doc = next(d for d in run_report(out)["documents"] if d["path"] == "pavlodar.txt")
    seg0 = doc["languages"]["en"]["segments"][0]
    assert seg0["output"] == EDIT_0 and seg0["origin"] == "human"
    assert EDIT_0 in (out / "pavlodar.en.txt").read_text(encoding="utf-8")


def test_importing_the_same_edit_again_with_a_memory_stores_it(run, tmp_path, capsys):
    """Imported without a memory (the summary says so), then again with --tm: the edit is stored,
    with the file and run it came from."""
    _, out, xlf = run
    path = xlf / "pavlodar.txt.en.xlf"
    _edit(path, "s0", EDIT_0)
    capsys.readouterr()
    assert _import(out, path, extra=()) == 0
    assert "not stored in any translation memory" in capsys.readouterr().out
    tm = tmp_path / "editors.sqlite"
    assert _import(out, path, extra=("--tm", str(tm))) == 0
    assert f"stored 1 editors' translations in {tm}" in capsys.readouterr().out
    with TranslationMemory(tm) as memory:
        (entry,) = memory.entries(human_only=True)
    assert entry.target == EDIT_0 and entry.from_file == str(path) and entry.from_run == run_report(out)["run_id"]
    assert entry.created


def test_a_unit_twice_in_one_file_is_refused_naming_both_lines(run, capsys):
    _, out, xlf = run
    path = xlf / "pavlodar.txt.en.xlf"
    _edit(path, "s0", EDIT_0)
    tree = _tree(path)
    (unit,) = tree.xpath("//x:trans-unit[@id='s0']", namespaces={"x": NS})
    copy = etree.fromstring(etree.tostring(unit))
    copy.find(f"{X}target").text = EDIT_0_OTHER
    unit.addnext(copy)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    lines = [u.sourceline for u in _tree(path).xpath("//x:trans-unit[@id='s0']", namespaces={"x": NS})]
    before = _snapshot(out)
    capsys.readouterr()
    assert _import(out, path) == 1
    err = capsys.readouterr().err
    assert "'s0'" in err and "appears twice" in err
    assert all(f"{path}:{line}" in err for line in lines)
    assert _snapshot(out) == before


def test_two_files_editing_one_unit_differently_are_refused_naming_both(run, tmp_path, capsys):
    _, out, xlf = run
    second = tmp_path / "second"
    _export(out, second)
    first_file, second_file = xlf / "pavlodar.txt.en.xlf", second / "pavlodar.txt.en.xlf"
    _edit(first_file, "s0", EDIT_0)
    _edit(second_file, "s0", EDIT_0_OTHER)
    before = _snapshot(out)
    capsys.readouterr()
    assert _import(out, first_file, second_file) == 1
    err = capsys.readouterr().err
    assert str(first_file) in err and str(second_file) in err and "'s0'" in err and "nothing was changed" in err
    assert _snapshot(out) == before
    _edit(second_file, "s0", EDIT_0)  # the same edit in both files is no conflict
    assert _import(out, first_file, second_file) == 0
    assert EDIT_0 in (out / "pavlodar.en.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, unit, text", [
    ("pavlodar.txt", "s1", "Roads were discussed.\n\nNew schools too."),
    ("pavlodar.txt", "s2", "Twelve schools will be built\nthis year."),
    ("astana.md", "s1", "The akim received 40 residents.\n\n# Injected heading"),
])
def test_a_line_break_in_a_line_based_document_is_refused_with_its_unit(run, capsys, name, unit, text):
    _, out, xlf = run
    path = xlf / f"{name}.en.xlf"
    _edit(path, unit, text)
    before = _snapshot(out)
    capsys.readouterr()
    assert _import(out, path) == 1
    err = capsys.readouterr().err
    assert f"unit '{unit}'" in err and "line break" in err and str(path) in err
    assert _snapshot(out) == before
    assert (out / "pavlodar.en.txt").read_text(encoding="utf-8").count("\n\n") == 1


def test_an_xliff_with_a_dtd_is_refused_and_no_entity_reaches_an_output(run, capsys):
    _, out, xlf = run
    path = xlf / "pavlodar.txt.en.xlf"
    _edit(path, "s0", "XXE-MARK")
    data = path.read_text(encoding="utf-8")
    prolog, rest = data.split("\n", 1)
    path.write_text(prolog + '\n<!DOCTYPE xliff [<!ENTITY xxe "INJECTED by a DTD">]>\n'
                    + rest.replace("XXE-MARK", "&xxe;"), encoding="utf-8")
    before = _snapshot(out)
    capsys.readouterr()
    assert _import(out, path) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(path) in err and "DTD" in err
    assert _snapshot(out) == before
    assert "INJECTED" not in (out / "pavlodar.en.txt").read_text(encoding="utf-8")


def test_inline_codes_are_dropped_from_a_plain_text_output(run, capsys):
    """A CAT tool's bold code around a word: the .txt output gets the words, never a literal <b>."""
    _, out, xlf = run
    path = xlf / "pavlodar.txt.en.xlf"
    _edit(path, "s2", markup='A total of <bpt id="1">&lt;b&gt;</bpt>12 schools<ept id="1">&lt;/b&gt;</ept> for '
                             '14,500 pupils will be built in the region this year.<ph id="2">&lt;br/&gt;</ph>')
    capsys.readouterr()
    assert _import(out, path) == 0
    assert "unit 's2': 3 inline code(s) dropped" in capsys.readouterr().err
    text = (out / "pavlodar.en.txt").read_text(encoding="utf-8")
    assert "A total of 12 schools for 14,500 pupils will be built in the region this year." in text
    assert "<b>" not in text and "</b>" not in text and "<br/>" not in text
    doc = next(d for d in run_report(out)["documents"] if d["path"] == "pavlodar.txt")
    assert doc["languages"]["en"]["segments"][2]["output"].startswith("A total of 12 schools")


def test_g_elements_keep_their_text_and_an_unchanged_wrapped_target_is_no_edit(run, capsys):
    _, out, xlf = run
    path = xlf / "pavlodar.txt.en.xlf"
    machine = run_report(out)["documents"][1]["languages"]["en"]["segments"][1]["output"]
    _edit(path, "s1", markup=f'<g id="1">{escape(machine)}</g>')
    capsys.readouterr()
    assert _import(out, path) == 0
    assert "no edited targets: nothing changed" in capsys.readouterr().out
