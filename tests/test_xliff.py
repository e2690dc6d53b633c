"""XLIFF round trip through the real CLI with the small models: export, edit two targets as a CAT
tool would (parse and rewrite the file), import; the edits reach the documents, the report, the
review page and the translation memory (a second run reuses them); a stale XLIFF changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import run_report
from lxml import etree

from pipeline.cli import run_cli
from pipeline.tm import TranslationMemory
from pipeline.writers.xliff import NS

ROOT = Path(__file__).resolve().parents[1]
X = f"{{{NS}}}"
EDIT_EN = ("As Prime Minister of Kazakhstan Olzhas Bektenov noted, Ekibastuz, with its diverse economic structure, "
           "is turning into a multi-profile city, Pavlodar-online reports.")
EDIT_KK = "Премьер-министр Екібастұз экономикасының тұрақты өсуі мен әртараптандырылуын атап өтті."


def _translate(releases: Path, out: Path, tm: Path, small_models, *extra: str) -> int:
    return run_cli(["translate", str(releases), "--out", str(out), "--model", f"en={small_models['en']}",
                    "--model", f"kk={small_models['kk']}", "--beams", "1", "--tm", str(tm), *extra])


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _human_pairs(tm: Path) -> list:
    with TranslationMemory(tm) as memory:
        return list(memory.pairs(human_only=True))


def _edit(path: Path, unit: str, text: str) -> None:
    """What a CAT tool does: parse the file, set a target and its state, write the whole file back."""
    tree = etree.parse(str(path))
    (target,) = tree.xpath(f"//x:trans-unit[@id='{unit}']/x:target", namespaces={"x": NS})
    target.text = text
    target.set("state", "translated")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


@pytest.fixture(scope="module")
def run(tmp_path_factory, small_models):
    root = tmp_path_factory.mktemp("xliff")
    releases = root / "releases"
    releases.mkdir()
    for name in ("ekibastuz-monotowns", "gov-abai-new-akim-2025"):
        shutil.copy(ROOT / "samples" / name / "ru.txt", releases / f"{name}.txt")
    out, tm = root / "out", root / "tm.sqlite"
    assert _translate(releases, out, tm, small_models) == 0
    return root, releases, out, tm


def test_export_writes_one_xliff_12_file_per_document_and_language(run, tmp_path, capsys):
    root, _, out, _ = run
    assert run_cli(["export", "xliff", str(out), "--dir", str(tmp_path / "xlf")]) == 0
    files = sorted(p.name for p in (tmp_path / "xlf").iterdir())
    assert files == ["ekibastuz-monotowns.txt.en.xlf", "ekibastuz-monotowns.txt.kk.xlf",
                     "gov-abai-new-akim-2025.txt.en.xlf", "gov-abai-new-akim-2025.txt.kk.xlf"]
    from translate.storage.xliff import xlifffile  # a CAT-side reader: translate-toolkit

    report = run_report(out)
    doc = report["documents"][0]
    store = xlifffile.parsefile(str(tmp_path / "xlf" / "ekibastuz-monotowns.txt.kk.xlf"))
    units = [u for u in store.units if u.getid()]
    segments = doc["languages"]["kk"]["segments"]
    assert [u.source for u in units] == [s["source"] for s in segments]
    assert [u.target for u in units] == [s["output"] for s in segments]
    tree = etree.parse(str(tmp_path / "xlf" / "ekibastuz-monotowns.txt.kk.xlf"))
    assert len(tree.findall(f".//{X}group")) == doc["paragraphs"]
    states = [t.get("state") for t in tree.iter(f"{X}target")]
    assert states == ["needs-review-translation" if s["quality"]["flags"] else "translated" for s in segments]
    notes = [n.text for n in tree.iter(f"{X}note")]
    assert any(n.startswith("Олжас Бектенов → Олжас Бектенов") for n in notes)


def test_round_trip_applies_two_edits_and_a_second_run_reuses_them(run, small_models, tmp_path, capsys):
    root, releases, out, tm = run
    xlf = tmp_path / "xlf"
    assert run_cli(["export", "xliff", str(out), "--dir", str(xlf)]) == 0
    before = _snapshot(out)
    en_file, kk_file = xlf / "ekibastuz-monotowns.txt.en.xlf", xlf / "ekibastuz-monotowns.txt.kk.xlf"
    _edit(en_file, "s0", EDIT_EN)
    _edit(kk_file, "s3", EDIT_KK)
    kk_source = run_report(out)["documents"][0]["languages"]["kk"]["segments"][3]["source"]
    capsys.readouterr()
    assert run_cli(["import", "xliff", str(en_file), str(kk_file), str(xlf / "gov-abai-new-akim-2025.txt.en.xlf"),
                    "--out", str(out), "--tm", str(tm)]) == 0
    assert "ekibastuz-monotowns.txt (en): 1 segments edited: 1" in capsys.readouterr().out

    after = _snapshot(out)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {"ekibastuz-monotowns.en.txt", "ekibastuz-monotowns.kk.txt", "report.json", "report.jsonl",
                       "review.html", ".pressmt/journal.sqlite"}
    for lang, line, text in (("en", 0, EDIT_EN), ("kk", 2, EDIT_KK)):
        old = before[f"ekibastuz-monotowns.{lang}.txt"].decode().split("\n")
        new = after[f"ekibastuz-monotowns.{lang}.txt"].decode().split("\n")
        differing = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
        assert len(old) == len(new) and differing == [line]  # one line changed, the rest byte-identical
        assert text in new[line]

    report = run_report(out)
    doc = report["documents"][0]
    en0 = doc["languages"]["en"]["segments"][0]
    assert en0["output"] == EDIT_EN and en0["origin"] == "human" and en0["raw_output"] != EDIT_EN
    statuses = {t["ru"]: t["status"] for t in en0["terms"]}
    assert statuses["Олжас Бектенов"] == "ok" and statuses["Экибастуз"] == "ok"
    kk3 = doc["languages"]["kk"]["segments"][3]
    assert kk3["origin"] == "human" and kk3["source"] == kk_source
    assert sum(1 for d in report["documents"] for lang in ("en", "kk")
               for s in d["languages"][lang]["segments"] if s.get("origin") == "human") == 2
    from pipeline.report import term_counts
    for lang in ("en", "kk"):
        assert report["summary"]["languages"][lang]["terms"] == term_counts(
            [s for d in report["documents"] for s in d["languages"][lang]["segments"]])
    assert report["summary"]["languages"]["en"]["terms"]["ok"] >= 2

    page = (out / "review.html").read_text(encoding="utf-8")
    assert page.count('data-human="true"') == 2

    out2 = tmp_path / "out2"
    capsys.readouterr()
    assert _translate(releases, out2, tm, small_models) == 0
    results = capsys.readouterr().out  # the summary is a result: stdout
    assert f"review page: {out2 / 'review.html'}" in results
    assert results.split("review first:\n")[1].startswith("  ")  # worst segments named after the table
    rerun = run_report(out2)["documents"][0]
    assert rerun["languages"]["en"]["segments"][0]["output"] == EDIT_EN
    assert rerun["languages"]["en"]["segments"][0]["origin"] == "human"
    assert rerun["languages"]["kk"]["segments"][3]["origin"] == "human"
    assert (out2 / "ekibastuz-monotowns.en.txt").read_bytes() == after["ekibastuz-monotowns.en.txt"]
    assert {(p.source, p.target_lang) for p in _human_pairs(tm)} >= {(en0["source"], "en"), (kk_source, "kk")}


def test_review_page_after_import_matches_the_report_in_a_browser(run, tmp_path):
    from test_review_html import CHROMIUM, open_review, screenshot, term_counts_on_page

    if not CHROMIUM.is_file():
        pytest.skip("apt-get install chromium")
    root, _, out, tm = run
    xlf = tmp_path / "xlf"
    assert run_cli(["export", "xliff", str(out), "--dir", str(xlf), "--lang", "en"]) == 0
    _edit(xlf / "gov-abai-new-akim-2025.txt.en.xlf", "s0", "On behalf of the Head of State, Prime Minister "
          "Olzhas Bektenov and Head of the Presidential Administration Aibek Dadebay took part in the meeting.")
    assert run_cli(["import", "xliff", str(xlf / "gov-abai-new-akim-2025.txt.en.xlf"), "--out", str(out),
                    "--no-cache"]) == 0
    report = run_report(out)
    with open_review(out / "review.html") as (page, problems):
        for lang in ("en", "kk"):
            expected = {s: report["summary"]["languages"][lang]["terms"][s] for s in ("ok", "repaired", "missing")}
            assert term_counts_on_page(page, lang) == expected
        assert page.locator(".seg[data-human='true'] .badge.human").count() >= 1
        page.locator(".seg[data-human='true']").first.scroll_into_view_if_needed()
        screenshot(page, "review-after-import.png")
        assert problems == []


def test_resume_after_an_import_keeps_the_edited_document_current(tmp_path, small_models, capsys):
    """The import records the rewritten outputs in the run journal: `--resume` finds the document
    current (not translated again) and the editor's line stays, with no translation memory to
    bring it back."""
    releases = tmp_path / "rel"
    releases.mkdir()
    shutil.copy(ROOT / "samples" / "gov-abai-new-akim-2025" / "ru.txt", releases / "gov-abai-new-akim-2025.txt")
    out, tm = tmp_path / "out", tmp_path / "tm.sqlite"
    assert _translate(releases, out, tm, small_models, "--no-cache") == 0
    assert run_cli(["export", "xliff", str(out), "--dir", str(tmp_path / "xlf"), "--lang", "en"]) == 0
    edit = ("Prime Minister Olzhas Bektenov and Head of the Presidential Administration Aibek Dadebay attended "
            "it on behalf of the Head of State.")
    _edit(tmp_path / "xlf" / "gov-abai-new-akim-2025.txt.en.xlf", "s0", edit)
    assert run_cli(["import", "xliff", str(tmp_path / "xlf" / "gov-abai-new-akim-2025.txt.en.xlf"), "--out", str(out),
                    "--no-cache"]) == 0
    edited = (out / "gov-abai-new-akim-2025.en.txt").read_bytes()
    assert edit in edited.decode("utf-8")

    assert _translate(releases, out, tm, small_models, "--no-cache", "--resume") == 0
    (doc,) = run_report(out)["documents"]
    assert doc["status"] == "current"
    assert (out / "gov-abai-new-akim-2025.en.txt").read_bytes() == edited
    seg = doc["languages"]["en"]["segments"][0]
    assert seg["output"] == edit and seg["origin"] == "human"
    assert run_report(out)["summary"]["by_status"] == {"current": 1}


@pytest.mark.parametrize("change, unit", [("source", "s2"), ("id", "s999")])
def test_stale_or_foreign_xliff_is_refused_and_nothing_changes(run, tmp_path, capsys, change, unit):
    root, _, out, tm = run
    xlf = tmp_path / "xlf"
    assert run_cli(["export", "xliff", str(out), "--dir", str(xlf), "--lang", "en"]) == 0
    path = xlf / "ekibastuz-monotowns.txt.en.xlf"
    _edit(path, "s0", EDIT_EN)  # a good edit in the same file must not be applied either
    tree = etree.parse(str(path))
    (node,) = tree.xpath("//x:trans-unit[@id='s2']", namespaces={"x": NS})
    if change == "source":
        node.find(f"{X}source").text += " Дополнено позже."
    else:
        node.set("id", unit)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    before, human_before = _snapshot(out), _human_pairs(tm)
    capsys.readouterr()
    assert run_cli(["import", "xliff", str(path), "--out", str(out), "--tm", str(tm)]) == 1
    err = capsys.readouterr().err
    assert f"unit '{unit}'" in err and "nothing was changed" in err
    assert _snapshot(out) == before and _human_pairs(tm) == human_before


def test_an_xliff_of_a_document_the_run_does_not_have_is_refused(run, tmp_path, capsys):
    root, _, out, tm = run
    xlf = tmp_path / "xlf"
    assert run_cli(["export", "xliff", str(out), "--dir", str(xlf), "--lang", "en"]) == 0
    good, foreign = xlf / "gov-abai-new-akim-2025.txt.en.xlf", xlf / "ekibastuz-monotowns.txt.en.xlf"
    _edit(good, "s0", EDIT_EN)  # valid, but must not be applied beside a foreign file
    tree = etree.parse(str(foreign))
    tree.getroot().find(f"{X}file").set("original", "pavlodar-flood.txt")
    tree.write(str(foreign), xml_declaration=True, encoding="UTF-8")
    before, human_before = _snapshot(out), _human_pairs(tm)
    capsys.readouterr()
    assert run_cli(["import", "xliff", str(good), str(foreign), "--out", str(out), "--tm", str(tm)]) == 1
    err = capsys.readouterr().err
    assert "document 'pavlodar-flood.txt' (en) is not in this run's report" in err and "nothing was changed" in err
    assert _snapshot(out) == before and _human_pairs(tm) == human_before


def test_an_edited_markdown_release_is_rendered_back_through_its_format(tmp_path, small_models, capsys):
    releases = tmp_path / "rel"
    releases.mkdir()
    (releases / "astana.md").write_text(
        "# Аким Астаны провёл приём граждан\n\n"
        "Аким города **Женис Касымбек** принял 40 жителей столицы.\n\n"
        "- Вопросы жилья\n- Ремонт дорог в **Астане**\n", encoding="utf-8")
    out = tmp_path / "out"
    glossary = tmp_path / "places.tsv"
    shutil.copy(ROOT / "glossaries" / "places.tsv", glossary)
    assert _translate(releases, out, tmp_path / "tm.sqlite", small_models, "--glossary", str(glossary)) == 0
    before = (out / "astana.en.md").read_text(encoding="utf-8")
    assert run_cli(["export", "xliff", str(out), "--dir", str(tmp_path / "xlf"), "--lang", "en"]) == 0
    _edit(tmp_path / "xlf" / "astana.md.en.xlf", "s0", "Astana akim held a reception of citizens")
    assert run_cli(["import", "xliff", str(tmp_path / "xlf" / "astana.md.en.xlf"), "--out", str(out),
                    "--no-cache"]) == 0
    after = (out / "astana.en.md").read_text(encoding="utf-8")
    assert after.split("\n")[0] == "# Astana akim held a reception of citizens"
    assert after.split("\n")[1:] == before.split("\n")[1:]
    assert "**" in after and "\n- " in after

    with glossary.open("a", encoding="utf-8") as fh:  # the run's glossary changes: imports are refused
        fh.write("Тоганский район\tTogan district\tТоған ауданы\tplace\n")  # an invented district
    _edit(tmp_path / "xlf" / "astana.md.en.xlf", "s0", "The akim of Astana received citizens")
    assert run_cli(["import", "xliff", str(tmp_path / "xlf" / "astana.md.en.xlf"), "--out", str(out),
                    "--no-cache"]) == 1
    assert "changed since it" in capsys.readouterr().err
    assert (out / "astana.en.md").read_text(encoding="utf-8") == after
