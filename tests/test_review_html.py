"""review.html in headless Chromium (Debian's package, driven by Playwright): term highlights match
report.json, filters, worst-first order and keyboard navigation work, nothing is fetched, no console
error, and XSS payloads in a release, its file name, a glossary and its file name never run."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import run_report

from pipeline.cli import run_cli
from pipeline.tm import TranslationMemory

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / ".cache" / "screenshots"

XSS_RELEASE = (
    "Аким Павлодарской области провёл встречу в медиацентре "
    "<script>window.__xss='source-script';document.title='pwned'</script> с журналистами областных газет.\n"
    "Участники обсудили проект <img src=x onerror=\"window.__xss='source-img'\"> и план работы "
    "медиацентра на 2026 год.\n"
    "Пресс-служба акимата сообщила, что материалы \"onmouseover=\"window.__xss='source-attr'\" и ссылку "
    "javascript:window.__xss='source-js' опубликуют на сайте медиацентра завтра.\n"
)
XSS_GLOSSARY = (
    "ru\ten\tkk\ttype\ten_avoid\tnote\n"
    "медиацентр\t<img src=x onerror=\"window.__xss='glossary-en'\">\t"
    "\"onmouseover=\"window.__xss='glossary-kk'\"\tother\tjavascript:window.__xss='avoid'\t"
    "<script>window.__xss='note'</script>\n"
)

playwright_api = pytest.importorskip("playwright.sync_api")
needs_chromium = pytest.mark.skipif(not CHROMIUM.is_file(), reason="apt-get install chromium")


@contextmanager
def open_review(path: Path):
    """The page at `path` in headless Chromium; yields (page, problems), where problems collects
    console errors, page errors, failed requests and any request for another URL than the page."""
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            problems: list[str] = []
            url = path.resolve().as_uri()
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
                    if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
            page.on("request", lambda r: problems.append(f"request: {r.url}") if r.url != url else None)
            page.goto(url)
            yield page, problems
        finally:
            browser.close()


def term_counts_on_page(page, lang: str) -> dict[str, int]:
    return {status: page.locator(f"mark.term[data-lang='{lang}'][data-status='{status}']").count()
            for status in ("ok", "repaired", "missing")}


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path), full_page=False)
    print(f"screenshot: {path}")
    return path


#: An editor's approved translations of one sentence of the Shymkent release: the small models'
#: output is nonsense that every check flags, so this row is what the "flagged" filter must hide.
EDITED_SOURCE = ("Также в городе проведен ряд мероприятий по подготовке к возможной второй волне "
                 "пандемии коронавируса.")
EDITED = {
    "en": "The city also held a number of events to prepare for a possible second wave of the "
          "coronavirus pandemic.",
    "kk": "Сондай-ақ қалада коронавирус пандемиясының ықтимал екінші толқынына дайындық бойынша "
          "бірқатар іс-шаралар өткізілді.",
}


@pytest.fixture(scope="module")
def translated(tmp_path_factory, small_models) -> Path:
    """Two sample releases and a hostile one (payloads in its text and file name), translated with
    the small models, the shipped glossaries, a hostile glossary (payloads in fields and name) and a
    memory holding an editor's translations of one sentence."""
    root = tmp_path_factory.mktemp("review")
    memory = root / "tm.sqlite"
    with TranslationMemory(memory) as tm:
        for lang, text in EDITED.items():
            tm.put_human(lang, {EDITED_SOURCE: text})
    releases = root / "releases"
    releases.mkdir()
    for name in ("ekibastuz-monotowns", "akorda-shymkent-akim-2020"):
        shutil.copy(ROOT / "samples" / name / "ru.txt", releases / f"{name}.txt")
    (releases / "pavlodar<img src=x onerror=window.__xss=9>.txt").write_text(XSS_RELEASE, encoding="utf-8")
    hostile = root / "g<svg onload=window.__xss=8>.tsv"
    hostile.write_text(XSS_GLOSSARY, encoding="utf-8")
    glossaries = [a for g in sorted((ROOT / "glossaries").glob("*.tsv")) for a in ("--glossary", str(g))]
    out = root / "out"
    code = run_cli(["translate", str(releases), "--out", str(out), "--model", f"en={small_models['en']}",
                    "--model", f"kk={small_models['kk']}", "--beams", "1", "--no-cache",
                    "--tm", str(memory), *glossaries, "--glossary", str(hostile)])
    assert code == 0
    return out


@needs_chromium
def test_translate_writes_a_page_whose_highlights_match_the_report(translated):
    report = run_report(translated)
    assert len(report["documents"]) == 3
    html = (translated / "review.html").read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html and "src=" not in html.replace("src=x", "")
    with open_review(translated / "review.html") as (page, problems):
        for lang in ("en", "kk"):
            expected = {s: report["summary"]["languages"][lang]["terms"][s] for s in ("ok", "repaired", "missing")}
            assert sum(expected.values()) > 20
            assert term_counts_on_page(page, lang) == expected
        # every Russian hit is highlighted once in the source column
        hits = {(d["path"], s["index"], tuple(t["source_span"])) for d in report["documents"]
                for lang in ("en", "kk") for s in d["languages"][lang]["segments"] for t in s["terms"]}
        assert page.locator("mark.term[data-lang='ru']").count() == len(hits)
        page.locator("mark.term[data-lang='en']").first.focus()
        assert page.locator("mark.term[data-lang='en']:focus .tip").is_visible()
        # the Russian case of the occurrence, as report.json records it, is on the hover card
        first = next(t for d in report["documents"] for s in d["languages"]["en"]["segments"] for t in s["terms"])
        assert first["case"]
        page.locator("mark.term[data-lang='ru']").first.focus()
        assert f"Russian case {first['case']}" in page.locator("mark.term[data-lang='ru']:focus .tip").inner_text()
        page.locator("mark.term[data-lang='en']").first.focus()
        screenshot(page, "review-translated.png")
        assert problems == []


@needs_chromium
def test_payloads_in_releases_and_glossaries_never_run(translated):
    report = run_report(translated)
    doc = next(d for d in report["documents"] if d["path"].startswith("pavlodar"))
    assert any(t["expected"].startswith("<img") for s in doc["languages"]["en"]["segments"] for t in s["terms"])
    with open_review(translated / "review.html") as (page, problems):
        for mark in page.locator("mark.term").all()[:60]:  # hover runs any injected handler
            mark.hover()
        assert page.evaluate("window.__xss") is None
        assert page.title().startswith("pressmt review")
        assert page.locator("main img, main svg, main script, header img, header svg").count() == 0
        text = page.locator("body").inner_text()
        assert "<script>window.__xss='source-script'" in text           # shown as text, not run
        assert "pavlodar<img src=x onerror=window.__xss=9>.txt" in text
        assert "g<svg onload=window.__xss=8>.tsv" in text
        page.locator("h2", has_text="pavlodar<img").scroll_into_view_if_needed()
        screenshot(page, "review-payloads.png")
        page.locator("mark.term[data-lang='en']", has_text="<img src=x").first.focus()
        assert "window.__xss='glossary-en'" in page.locator("mark.term[data-lang='en']:focus .tip").inner_text()
        assert problems == []


@needs_chromium
def test_filters_order_and_keyboard_navigation(translated):
    report = run_report(translated)
    docs = report["documents"]
    assert all(d["languages"] for d in docs)  # section ids doc-1.. follow the report's documents
    rows = [[{lang: d["languages"][lang]["segments"][i] for lang in ("en", "kk")}
             for i in range(len(d["languages"]["en"]["segments"]))] for d in docs]
    flat = [r for doc_rows in rows for r in doc_rows]
    expected = {
        "all": len(flat),
        "flagged": sum(1 for r in flat if any(s["quality"]["flags"] for s in r.values())),
        "missing": sum(1 for r in flat if any(t["status"] == "missing" for s in r.values() for t in s["terms"])),
        "repaired": sum(1 for r in flat if any(t["status"] == "repaired" for s in r.values() for t in s["terms"])),
    }
    assert 0 < expected["flagged"] < expected["all"]
    with open_review(translated / "review.html") as (page, problems):
        visible = page.locator(".seg[data-index]:visible")
        for name in ("flagged", "missing", "repaired", "all"):
            page.click(f"button[data-filter='{name}']")
            assert visible.count() == expected[name], name
            assert page.locator("#shown").inner_text() == f"{expected[name]} of {len(flat)} segments"

        page.click("button[data-order='worst']")
        for i, d in enumerate(docs, start=1):
            first = int(page.locator(f"#doc-{i} .seg[data-index]").first.get_attribute("data-index"))
            assert first in {d["languages"][lang]["review"][0] for lang in ("en", "kk") if d["languages"][lang]["review"]}
        page.click("button[data-order='input']")
        assert page.locator("#doc-1 .seg[data-index]").first.get_attribute("data-index") == "0"

        flagged = [(i, s["en"]["index"]) for i, doc_rows in enumerate(rows, start=1) for s in doc_rows
                   if s["en"]["quality"]["flags"] or s["kk"]["quality"]["flags"]]

        def current() -> tuple[str, str]:
            return tuple(page.evaluate(
                "[document.activeElement.closest('section').id, document.activeElement.dataset.index]"))

        page.keyboard.press("j")
        assert current() == (f"doc-{flagged[0][0]}", str(flagged[0][1]))
        page.keyboard.press("n")
        assert current() == (f"doc-{flagged[1][0]}", str(flagged[1][1]))
        page.keyboard.press("k")
        assert current() == (f"doc-{flagged[0][0]}", str(flagged[0][1]))
        assert page.locator(".seg.current").count() == 1
        screenshot(page, "review-keyboard.png")
        page.emulate_media(media="print")  # printed: no controls, no tooltips, every row as filtered
        assert not page.locator("nav.controls").is_visible()
        assert page.locator(".seg[data-index]:visible").count() == len(flat)
        assert problems == []


def test_review_command_rebuilds_the_page_and_refuses_a_folder_without_report(translated, tmp_path, capsys):
    page = translated / "review.html"
    page.unlink()
    assert run_cli(["review", str(translated)]) == 0
    assert page.is_file() and "ekibastuz-monotowns.txt" in page.read_text(encoding="utf-8")
    assert run_cli(["review", str(tmp_path)]) == 2
    assert "report.json: no finished run here" in capsys.readouterr().err


def test_every_output_format_is_a_registered_writer():
    from pipeline.writers.base import writer

    names = ("review", "xliff", "tmx", "junit", "summary-md")
    assert {name: type(writer(name)).__name__ for name in names} == {
        "review": "ReviewWriter", "xliff": "XliffWriter", "tmx": "TmxWriter", "junit": "JUnitWriter",
        "summary-md": "SummaryMarkdownWriter"}
    with pytest.raises(KeyError, match="registered: junit, review, summary-md, tmx, xliff"):
        writer("pdf")


def test_a_single_language_run_gets_two_columns(translated, tmp_path):
    from pipeline.writers.review_html import Page, render_page

    report = run_report(translated)
    report["routes"] = {"en": report["routes"]["en"]}
    html = render_page(report, report["documents"], Page(1, 1, 1, len(report["documents"])))
    assert 'lang="kk"' not in html and html.count('role="columnheader">English<') == 3


def test_review_first_names_the_worst_flagged_segments(translated):
    from pipeline.writers.review_html import review_first

    from pipeline.writers.reader import read_report

    report = run_report(translated)
    lines = review_first(read_report(translated), limit=3)
    scores = sorted((min(d["languages"][lang]["segments"][i]["quality"]["score"] for lang in ("en", "kk")
                         if i in d["languages"][lang]["review"]), d["path"], i)
                    for d in report["documents"] for i in set(d["languages"]["en"]["review"]) | set(d["languages"]["kk"]["review"]))
    assert len(lines) == 3
    worst, path, index = scores[0]
    assert lines[0].startswith(f"{path} segment {index + 1} (paragraph ")


def _rerun_report(translated: Path, out: Path, copies: int):
    """A report in `out` holding the translated run's documents `copies` times over (each copy under
    its own folder), streamed through ReportStream as a run writes it."""
    from pipeline.report import ReportStream, report_meta
    from pipeline.writers.reader import read_report

    source = read_report(translated)
    stream = ReportStream(out, list(source["routes"]))
    for copy in range(copies):
        for doc in source.documents():
            stream.add({**doc, "path": f"batch-{copy + 1}/{doc['path']}"})
    return stream.finish(report_meta(options=source["options"], routes=source["routes"],
                                     glossaries=source["glossaries"], glossary_fingerprint=source["glossary_fingerprint"]))


def test_a_large_run_is_paged_and_a_smaller_rerun_removes_the_extra_pages(translated, tmp_path, monkeypatch):
    from pipeline.writers import review_html

    monkeypatch.setattr(review_html, "PAGE_DOCUMENTS", 4)
    out = tmp_path / "out"
    out.mkdir()
    report = _rerun_report(translated, out, 3)  # 9 documents: pages of 4, 4 and 1
    assert review_html.write_review(report, out) == out / "review.html"
    paths = [d["path"] for d in report.documents()]
    pages = {name: (out / name).read_text(encoding="utf-8") for name in ("review.html", "review-2.html", "review-3.html")}
    for number, (name, html) in enumerate(pages.items()):
        on_page = paths[number * 4:number * 4 + 4]
        assert [p for p in paths if f'<span class="path">{p}</span>' in html.replace("&lt;", "<").replace("&gt;", ">")] == on_page
        assert f'id="doc-{number * 4 + 1}"' in html  # section ids count across the run
        assert "9 documents:" in html and f"Page {number + 1} of 3" in html  # the run summary on every page
    assert '<a href="review.html" rel="prev">previous</a>' in pages["review-2.html"]
    assert '<a href="review-3.html" rel="next">next</a>' in pages["review-2.html"]
    assert 'rel="next"' not in pages["review-3.html"] and 'rel="prev"' not in pages["review.html"]
    (out / "review-notes.html").write_text("an editor's own file", encoding="utf-8")

    smaller = _rerun_report(translated, out, 2)  # 6 documents: pages of 4 and 2
    assert review_html.write_review(smaller, out) == out / "review.html"
    assert sorted(p.name for p in out.glob("review*.html")) == ["review-2.html", "review-notes.html", "review.html"]
    assert "Page 2 of 2" in (out / "review-2.html").read_text(encoding="utf-8")


def test_a_one_page_run_has_no_page_navigation(translated):
    html = (translated / "review.html").read_text(encoding="utf-8")
    assert 'class="pages"' not in html and not list(translated.glob("review-*.html"))


def test_page_links_keep_the_first_the_last_and_the_neighbours():
    from pipeline.writers.review_html import Page

    assert Page(1, 1, 1, 3).links() == [1]
    assert Page(7, 400, 301, 20_000).links() == [1, None, 5, 6, 7, 8, 9, None, 400]
    assert Page(2, 4, 51, 180).links() == [1, 2, 3, 4]


@needs_chromium
def test_a_later_page_navigates_by_links_and_keys_in_a_browser(translated, tmp_path, monkeypatch):
    from pipeline.writers import review_html

    monkeypatch.setattr(review_html, "PAGE_DOCUMENTS", 2)
    out = tmp_path / "out"
    out.mkdir()
    report = _rerun_report(translated, out, 2)  # 6 documents: 3 pages of 2
    review_html.write_review(report, out)
    docs = list(report.documents())[2:4]
    flagged = [i for i, seg in enumerate(docs[0]["languages"]["en"]["segments"])
               if seg["quality"]["flags"] or docs[0]["languages"]["kk"]["segments"][i]["quality"]["flags"]]
    with open_review(out / "review-2.html") as (page, problems):
        assert page.locator("section.doc").count() == 2
        page.keyboard.press("j")  # the first flagged segment of this page, in its first document (doc-3)
        assert page.evaluate("[document.activeElement.closest('section').id, document.activeElement.dataset.index]") \
            == ["doc-3", str(flagged[0])]
        page.locator("header nav.pages a[rel='next']").click()
        page.wait_for_url("**/review-3.html")
        assert page.locator("section.doc").first.get_attribute("id") == "doc-5"
        page.locator("header nav.pages a", has_text="1").click()
        page.wait_for_url("**/review.html")
        assert problems == [f"request: {(out / name).resolve().as_uri()}" for name in ("review-3.html", "review.html")]


# --- marks where enforcement placed them, badges that say why, the run's "fix first" list (issue 18) ---

#: Russian sentences with machine outputs (English, Kazakh) as MarianMT gets them wrong, and an
#: editor's English that keeps a wrong form; enforcement, QE and the report records are the real ones.
ABAI = [
    ("Аким области Абай Берик Уали провёл совещание с руководителями районов.",
     "Governor of Abai region Berik Uali held a meeting with the heads of districts.",
     "Абай облысының губернаторы Берік Уәли аудан басшыларымен кеңес өткізді."),
    ("Аким Экибастуза Аян Бейсекин провел прием граждан в здании администрации.",
     "In the Akimat building, Akim of Ekibastuz Ayan Beisekin received citizens.",
     "Екібастұз әкімі Аян Бейсекин әкімдік ғимаратында азаматтарды қабылдады."),
    ("В 2025 году в области построят 12 новых школ.",
     "In 2025, 21 new schools will be built in the region.",
     "2025 жылы облыста 12 жаңа мектеп салынады."),
    ("В 2026 году в области откроют четыре поликлиники.",
     "Four clinics will open in the region next year.",
     "2026 жылы облыста төрт емхана ашылады."),
    ("Участники совещания обсудили подготовку объектов жилищно-коммунального хозяйства к отопительному сезону.",
     "Participants discussed the heating.",
     "Кеңес қатысушылары тұрғын үй-коммуналдық шаруашылық объектілерін жылу беру маусымына дайындауды талқылады."),
]
PAVLODAR_EDITED = [
    ("Аким Павлодарской области Асаин Байханов провел совещание в 2025 году.",
     "The governor of Pavlodar region Assain Baikhanov held a meeting in 2025.",
     "Павлодар облысының әкімі Асайын Байханов 2025 жылы кеңес өткізді."),
]


def _records_report(out: Path, documents: dict[str, list[tuple[str, str, str]]], human: set[str] = frozenset()):
    """A run's report for `documents` (path → segments of source, English, Kazakh), written by the
    run's own record types, `finish_segment` (enforcement or, for the documents in `human`, an
    editor's text only checked) and QE, with its review pages."""
    from pipeline.commit import finish_segment
    from pipeline.glossary.load import load_glossaries
    from pipeline.glossary.match import Matcher
    from pipeline.report import DocumentEntry, LanguageResult, ReportStream, SegmentResult, report_meta
    from pipeline.writers.review_html import write_review

    glossaries = sorted((ROOT / "glossaries").glob("*.tsv"))
    matcher = Matcher(load_glossaries(glossaries))
    routes = {lang: [{"model": f"MT outputs of tests/test_review_html.py ({lang})", "revision": None,
                      "target_token": None}] for lang in ("en", "kk")}
    stream = ReportStream(out, ["en", "kk"])
    for path, segments in documents.items():
        languages = {}
        for column, lang in ((1, "en"), (2, "kk")):
            segs, qes = [], []
            for i, row in enumerate(segments):
                edited = path in human and lang == "en"
                seg = SegmentResult(index=i, paragraph=i, sentence=0, source=row[0], output=row[column],
                                    raw_output=row[column], origin="human" if edited else None)
                qes.append(finish_segment(seg, matcher.find(row[0]), lang, confidence=None if edited else -0.4))
                segs.append(seg)
            languages[lang] = LanguageResult.counted(routes[lang], segs, qes)
        stream.add(DocumentEntry(path, f"releases/{path}", "translated", input_sha256="0" * 64,
                                 paragraphs=len(segments), warnings=[],
                                 outputs={lang: path.replace(".txt", f".{lang}.txt") for lang in ("en", "kk")},
                                 languages=languages))
    report = stream.finish(report_meta(options={}, routes=routes, glossaries=[str(g) for g in glossaries],
                                       glossary_fingerprint=None))
    write_review(report, out)
    return report


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    out = tmp_path_factory.mktemp("marked")
    return out, _records_report(out, {"abai-akim-meeting.txt": ABAI, "pavlodar-edited.txt": PAVLODAR_EDITED},
                                human={"pavlodar-edited.txt"})


def _segment(report, path: str, lang: str, index: int) -> dict:
    doc = next(d for d in report.documents() if d["path"] == path)
    return doc["languages"][lang]["segments"][index]


def _term(seg: dict, ru: str) -> dict:
    return next(t for t in seg["terms"] if t["ru"] == ru)


def test_each_term_carries_where_enforcement_found_or_changed_it(marked):
    _, report = marked
    repaired = _segment(report, "abai-akim-meeting.txt", "en", 0)
    akim = _term(repaired, "аким")
    assert (akim["status"], akim["found"], akim["how"]) == ("repaired", "Governor", "avoid")
    start, end = akim["output_span"]
    assert repaired["output"][start:end] == "Akim" == akim["expected"] and start == 0
    region = _term(repaired, "область Абай")
    assert repaired["output"][slice(*region["output_span"])] == "Abai region"

    akimat = _segment(report, "abai-akim-meeting.txt", "en", 1)  # "Akim" stands after "Akimat", not in it
    start, end = _term(akimat, "аким")["output_span"]
    assert akimat["output"][start:end] == "Akim" and start == akimat["output"].index("Akim of")

    edited = _segment(report, "pavlodar-edited.txt", "en", 0)  # an editor's text is kept: the wrong form is placed
    akim = _term(edited, "аким")
    assert (akim["status"], akim["found"], akim["expected"]) == ("missing", None, "akim")
    assert edited["output"] == PAVLODAR_EDITED[0][1]
    assert edited["output"][slice(*akim["output_span"])] == "governor"

    no_place = _term(_segment(report, "abai-akim-meeting.txt", "kk", 0), "аким")  # "губернаторы": no avoid form
    assert (no_place["status"], no_place["output_span"]) == ("missing", None)


def test_term_spans_are_the_text_they_name_in_every_enforcement_case():
    """Over the enforcement test cases: an ok span holds the found form and a repaired one the
    repair, in the repaired line; an editor's kept wrong form sits at its span in the editor's text."""
    import csv

    from pipeline.glossary.enforce import check_terms, enforce_segment
    from pipeline.glossary.load import load_glossaries
    from pipeline.glossary.match import Matcher

    data = ROOT / "tests" / "data"
    matcher = Matcher(load_glossaries([data / "enforce_glossary.tsv"]))
    placed = kept = 0
    for lang in ("en", "kk"):
        with open(data / f"enforce_{lang}.tsv", encoding="utf-8", newline="") as f:
            for case in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                hits = matcher.find(case["source"])
                line, results = enforce_segment(case["translation"], hits, lang)
                for r in results:
                    want = {"ok": r.found, "repaired": r.expected}.get(r.status)
                    assert (None if r.output_span is None else line[slice(*r.output_span)]) == want, (case, r)
                    placed += want is not None
                for r in check_terms(case["translation"], hits, lang):
                    if r.status == "missing" and r.output_span:
                        assert f"«{case['translation'][slice(*r.output_span)]}»" in r.extra["reason"]
                        kept += 1
    assert placed > 200 and kept > 40


@needs_chromium
def test_the_page_strikes_the_wrong_form_in_place_and_never_marks_inside_a_word(marked):
    out, report = marked
    with open_review(out / "review.html") as (page, problems):
        cell = page.locator("#doc-1-seg-0 .out[lang='en']")
        repaired = cell.locator("mark.term[data-status='repaired']")
        assert repaired.locator("del").inner_text() == "Governor" and repaired.locator("ins").inner_text() == "Akim"
        assert cell.locator("mark.chip").count() == 0
        chip = page.locator("#doc-1-seg-0 .out[lang='kk'] mark.chip[data-status='missing']")
        assert chip.inner_text().startswith("missing: expected «әкім»")

        akimat = page.locator("#doc-1-seg-1 .out[lang='en'] .text")
        marks = akimat.locator("mark.term")
        texts = [m.evaluate("m => m.firstChild.textContent") for m in marks.all()]
        assert sorted(texts) == ["Akim", "Ayan Beisekin", "Ekibastuz"]
        assert akimat.evaluate("p => p.firstChild.textContent") == "In the Akimat building, "

        edited = page.locator("#doc-2-seg-0 .out[lang='en']")
        wrong = edited.locator("mark.term[data-status='missing']")
        assert wrong.count() == 1 and "chip" not in wrong.get_attribute("class")
        assert wrong.locator("del").inner_text() == "governor" and wrong.locator("ins").inner_text() == "akim"
        wrong.focus()
        assert "in its place «governor»" in wrong.locator(".tip").inner_text()
        assert edited.locator("mark.chip").count() == 0

        for lang in ("en", "kk"):
            expected = {s: report["summary"]["languages"][lang]["terms"][s] for s in ("ok", "repaired", "missing")}
            assert term_counts_on_page(page, lang) == expected
        page.locator("#doc-1-seg-0").scroll_into_view_if_needed()
        page.locator("#doc-1-seg-0 .out[lang='en'] mark.term[data-status='repaired']").focus()
        screenshot(page, "review-marks.png")
        assert problems == []


@needs_chromium
def test_badges_say_which_number_and_which_ratio(marked):
    out, report = marked
    ratio = _segment(report, "abai-akim-meeting.txt", "en", 4)["quality"]["details"]["length_ratio"]["ratio"]
    assert ratio < 0.47
    with open_review(out / "review.html") as (page, problems):
        def badges(row: str, lang: str) -> list[str]:
            return page.locator(f"#{row} .out[lang='{lang}'] .badge.flag").all_inner_texts()

        assert "number 12 → 21" in badges("doc-1-seg-2", "en")
        assert "number missing: 2026" in badges("doc-1-seg-3", "en")
        assert f"length ratio {ratio:.2f}" in badges("doc-1-seg-4", "en")
        assert badges("doc-2-seg-0", "en") == ["term missing: аким"]
        assert problems == []


@needs_chromium
def test_page_one_lists_the_run_worst_first_as_the_terminal_does_and_links_across_pages(marked, tmp_path, monkeypatch):
    from pipeline.writers import review_html

    monkeypatch.setattr(review_html, "PAGE_DOCUMENTS", 1)  # each document on its own page
    out = tmp_path / "out"
    out.mkdir()
    report = _records_report(out, {"abai-akim-meeting.txt": ABAI, "pavlodar-edited.txt": PAVLODAR_EDITED},
                             human={"pavlodar-edited.txt"})
    terminal = review_html.review_first(report, limit=review_html.FIX_FIRST)
    assert len(terminal) >= 5 and terminal[:5] == review_html.review_first(report)
    assert any(line.startswith("pavlodar-edited.txt") for line in terminal)
    assert "Fix first" not in (out / "review-2.html").read_text(encoding="utf-8")
    with open_review(out / "review.html") as (page, problems):
        links = page.locator("details.fix-first li a")
        assert [f"{text}: " for text in links.all_inner_texts()] == [line[:line.index(": ") + 2] for line in terminal]
        hrefs = [a.get_attribute("href") for a in links.all()]
        edited = next(i for i, line in enumerate(terminal) if line.startswith("pavlodar-edited.txt"))
        assert hrefs[edited] == "review-2.html#doc-2-seg-0"
        assert all(h.startswith("review.html#doc-1-seg-") for i, h in enumerate(hrefs) if i != edited)
        page.click("button[data-filter='missing']")  # a link to a row the filter hides shows it again
        assert not page.locator("#doc-1-seg-2").is_visible()
        page.locator("details.fix-first a[href='review.html#doc-1-seg-2']").click()
        assert page.locator("#doc-1-seg-2").is_visible() and page.locator("#doc-1-seg-2:target").count() == 1
        links.nth(edited).click()
        page.wait_for_url("**/review-2.html#doc-2-seg-0")
        assert page.locator("#doc-2-seg-0:target").count() == 1
        assert problems == [f"request: {(out / 'review-2.html').resolve().as_uri()}#doc-2-seg-0"] or \
            problems == [f"request: {(out / 'review-2.html').resolve().as_uri()}"]
