"""The CI gate: thresholds per document and language, JUnit XML, and `pressmt evaluate SAMPLES_DIR`."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pipeline.cli import run_cli
from pipeline.glossary.load import load_glossaries
from pipeline.quality.gate import DocScore, Thresholds, gate
from pipeline.writers.junit import write_junit
from pipeline.writers.summary_md import summary_markdown

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def _lines(sample: str, lang: str) -> list[str]:
    return (SAMPLES / sample / f"{lang}.txt").read_text(encoding="utf-8").splitlines()


def _degrade(line: str) -> str:
    """Keep every other word: what a model that drops half its output produces."""
    return " ".join(line.split()[::2])


def _docs() -> list[DocScore]:
    glossary = load_glossaries(sorted((ROOT / "glossaries").glob("*.tsv")))
    docs = []
    for name, damage in (("gov-abai-new-akim-2025", False), ("akorda-shymkent-akim-2020", True)):
        sources = _lines(name, "ru")
        for lang in ("en", "kk"):
            refs = _lines(name, lang)
            hyps = [_degrade(r) for r in refs] if damage else list(refs)
            docs.append(DocScore(name, lang, sources, hyps, refs, glossary))
    return docs


def test_perfect_documents_pass_and_degraded_ones_fail() -> None:
    result = gate(_docs(), Thresholds(min_bleu=30, min_chrf=60, min_term_accuracy=0.9))

    by_key = {(d.name, d.lang): d for d in result.docs}
    assert [(d.name, d.lang) for d in result.docs] == list(by_key)  # documents in order, then languages
    for lang in ("en", "kk"):
        clean = by_key[("gov-abai-new-akim-2025", lang)]
        assert clean.failures == []
        assert clean.scores["chrf"] == pytest.approx(100)
        assert clean.term_accuracy == 1.0
        broken = by_key[("akorda-shymkent-akim-2020", lang)]
        assert {f.metric for f in broken.failures} == {"bleu", "chrf", "term_accuracy"}
        assert broken.term_accuracy is not None and broken.term_accuracy < 0.9
    assert not result.passed
    assert result.exit_code == 1


def test_without_thresholds_everything_passes() -> None:
    result = gate(_docs(), Thresholds())
    assert result.passed and result.exit_code == 0
    assert all(d.failures == [] for d in result.docs)


def test_a_threshold_just_met_passes() -> None:
    docs = [d for d in _docs() if d.name == "akorda-shymkent-akim-2020" and d.lang == "kk"]
    chrf = gate(docs, Thresholds()).docs[0].scores["chrf"]
    assert gate(docs, Thresholds(min_chrf=chrf)).passed
    assert not gate(docs, Thresholds(min_chrf=chrf + 0.01)).passed


def test_documents_without_glossary_terms_cannot_fail_the_term_threshold() -> None:
    doc = DocScore("weather", "en", ["Погода будет солнечной."], ["The weather will be sunny."],
                   ["The weather will be sunny."], load_glossaries(sorted((ROOT / "glossaries").glob("*.tsv"))))
    result = gate([doc], Thresholds(min_term_accuracy=1.0))
    assert result.docs[0].term_accuracy is None
    assert result.passed


def test_misaligned_document_is_rejected() -> None:
    with pytest.raises(ValueError, match="not aligned"):
        gate([DocScore("x", "en", ["а", "б"], ["a"], ["a"])], Thresholds())


def test_junit_xml_reports_each_document_and_language(tmp_path: Path) -> None:
    thresholds = Thresholds(min_chrf=60, min_term_accuracy=0.9)
    result = gate(_docs(), thresholds)
    path = tmp_path / "reports" / "pressmt.xml"

    write_junit(result, path)

    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    assert root.get("tests") == "4" and root.get("failures") == "2"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"pressmt.en", "pressmt.kk"}
    for lang, suite in suites.items():
        cases = {c.get("name"): c for c in suite.iter("testcase")}
        assert set(cases) == {"gov-abai-new-akim-2025", "akorda-shymkent-akim-2020"}
        assert cases["gov-abai-new-akim-2025"].find("failure") is None
        failures = {f.get("metric"): f for f in cases["akorda-shymkent-akim-2020"].iter("failure")}
        assert set(failures) == {"chrf", "term_accuracy"}
        doc = next(d for d in result.docs if d.name == "akorda-shymkent-akim-2020" and d.lang == lang.split(".")[1])
        assert float(failures["chrf"].get("threshold")) == 60
        assert float(failures["chrf"].get("value")) == pytest.approx(doc.scores["chrf"], abs=1e-4)
        assert "< 60.00" in failures["chrf"].get("message")
        assert float(failures["term_accuracy"].get("threshold")) == 0.9
        props = {p.get("name"): p.get("value") for p in cases["gov-abai-new-akim-2025"].iter("property")}
        assert float(props["chrf"]) == pytest.approx(100)
        assert props["segments"] == str(len(_lines("gov-abai-new-akim-2025", "ru")))
        assert "nrefs:1" in cases["gov-abai-new-akim-2025"].findtext("system-out")


def test_verdict_line_says_pass_or_fail_with_the_thresholds() -> None:
    docs = _docs()
    failing = gate(docs, Thresholds(min_chrf=60, min_term_accuracy=0.9)).verdict()
    assert failing == ("FAIL: 2 of 4 document/language results miss --min-bleu off, --min-chrf 60.00, "
                       "--min-term-accuracy 0.900")
    passing = gate([d for d in docs if d.name == "gov-abai-new-akim-2025"], Thresholds(min_bleu=30)).verdict()
    assert passing == ("PASS: all 2 document/language results meet --min-bleu 30.00, --min-chrf off, "
                       "--min-term-accuracy off")


def test_junit_times_are_translation_plus_scoring_time(tmp_path: Path) -> None:
    docs = _docs()
    for i, doc in enumerate(docs):
        doc.translate_seconds = 1.5 * (i + 1)  # what the run report's segment times add up to
    result = gate(docs, Thresholds())
    write_junit(result, tmp_path / "junit.xml")

    root = ET.parse(tmp_path / "junit.xml").getroot()
    cases = {(c.get("classname"), c.get("name")): float(c.get("time")) for c in root.iter("testcase")}
    for i, doc in enumerate(docs):
        spent = cases[(f"pressmt.{doc.lang}", doc.name)]
        assert 1.5 * (i + 1) < spent < 1.5 * (i + 1) + 5  # plus the real scoring time, which is not zero
    for suite in root.iter("testsuite"):
        assert float(suite.get("time")) == pytest.approx(sum(float(c.get("time")) for c in suite.iter("testcase")),
                                                         abs=0.002)
    assert float(root.get("time")) == pytest.approx(sum(cases.values()), abs=0.004)


def test_markdown_summary_has_a_row_per_document_and_language() -> None:
    docs = _docs()
    docs[0].name = "gov-abai | akim"  # a pipe in a folder name must not split the row
    result = gate(docs, Thresholds(min_chrf=60))
    text = summary_markdown(result)

    lines = text.splitlines()
    assert lines[0] == "## pressmt evaluate: FAIL"
    assert "Thresholds: --min-bleu off, --min-chrf 60.00, --min-term-accuracy off" in lines
    rows = [line for line in lines if line.startswith("| ") and not line.startswith(("| document", "| ---"))]
    assert len(rows) == 4 and all(len(re.split(r"(?<!\\)\|", row)) == 11 for row in rows)
    by_key = {tuple(c.strip() for c in re.split(r"(?<!\\)\|", row)[1:3]): row for row in rows}
    assert by_key[("gov-abai \\| akim", "en")].endswith("| 100.00 | 0.00 | 100.0% | " +
                                                       f"{result.docs[0].seconds:.2f} | pass |")
    broken = by_key[("akorda-shymkent-akim-2020", "kk")]
    chrf = next(d for d in result.docs if d.name == "akorda-shymkent-akim-2020" and d.lang == "kk").scores["chrf"]
    assert broken.endswith(f"| **FAIL**: chrf {chrf:.2f} < 60.00 |")
    assert lines[-1] == result.verdict()


# -- pressmt evaluate SAMPLES_DIR: option checks (no model needed) -----------------------------------

def test_threshold_options_need_samples_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ref = SAMPLES / "gov-abai-new-akim-2025" / "en.txt"
    assert run_cli(["evaluate", "--hyp", str(ref), "--ref", str(ref), "--min-chrf", "0"]) == 2
    assert "--min-chrf" in capsys.readouterr().err
    for option, value in (("--backend", "ct2"), ("--summary-md", str(tmp_path / "s.md"))):
        assert run_cli(["evaluate", "--hyp", str(ref), "--ref", str(ref), option, value]) == 2
        assert option in capsys.readouterr().err
    assert run_cli(["evaluate", "--hyp", str(ref), "--ref", str(ref), "--to", "kk"]) == 2
    assert "--to" in capsys.readouterr().err


def test_file_options_do_not_mix_with_samples_dir(capsys: pytest.CaptureFixture[str]) -> None:
    ref = SAMPLES / "gov-abai-new-akim-2025" / "en.txt"
    assert run_cli(["evaluate", str(SAMPLES), "--hyp", str(ref)]) == 2
    assert "SAMPLES_DIR" in capsys.readouterr().err


def test_missing_reference_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = tmp_path / "samples" / "one"
    sample.mkdir(parents=True)
    shutil.copy(SAMPLES / "gov-abai-new-akim-2025" / "ru.txt", sample / "ru.txt")
    shutil.copy(SAMPLES / "gov-abai-new-akim-2025" / "en.txt", sample / "en.txt")

    assert run_cli(["evaluate", str(tmp_path / "samples"), "--model", "kk=/nonexistent", "--model",
                    "en=/nonexistent"]) == 2
    err = capsys.readouterr().err
    assert str(sample / "kk.txt") in err and "reference missing" in err


def test_bad_threshold_and_language_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["evaluate", str(SAMPLES), "--min-term-accuracy", "85"]) == 2
    assert run_cli(["evaluate", str(SAMPLES), "--to", "de"]) == 2
    assert "de" in capsys.readouterr().err


# -- pressmt evaluate SAMPLES_DIR end to end, with the small real models -----------------------------

def _short_samples(tmp_path: Path) -> Path:
    samples = tmp_path / "samples"
    for name in ("akorda-turkestan-akim-2026", "gov-abai-new-akim-2025"):  # two lines of each keep the toy run short
        (samples / name).mkdir(parents=True)
        for lang in ("ru", "en", "kk"):
            (samples / name / f"{lang}.txt").write_text("\n".join(_lines(name, lang)[:2]) + "\n", encoding="utf-8")
    return samples


@pytest.mark.slow
def test_samples_run_writes_junit_and_fails_on_missed_threshold(tmp_path: Path, small_models: dict[str, Path],
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    samples = _short_samples(tmp_path)
    models = ["--model", f"en={small_models['en']}", "--model", f"kk={small_models['kk']}", "--beams", "1"]
    junit = tmp_path / "junit.xml"

    strict = run_cli(["evaluate", str(samples), *models, "--min-chrf", "99", "--junit", str(junit)])
    strict_out = capsys.readouterr().out
    lenient = run_cli(["evaluate", str(samples), *models, "--to", "kk", "--min-chrf", "0"])
    lenient_out = capsys.readouterr().out

    assert strict == 1  # a toy model does not reach chrF 99
    assert lenient == 0
    assert strict_out.splitlines()[-1] == ("FAIL: 4 of 4 document/language results miss --min-bleu off, "
                                           "--min-chrf 99.00, --min-term-accuracy off")
    assert lenient_out.splitlines()[-1] == ("PASS: all 2 document/language results meet --min-bleu off, "
                                            "--min-chrf 0.00, --min-term-accuracy off")
    root = ET.parse(junit).getroot()
    cases = [(c.get("classname"), c.get("name")) for c in root.iter("testcase")]
    assert sorted(cases) == [("pressmt.en", "akorda-turkestan-akim-2026"), ("pressmt.en", "gov-abai-new-akim-2025"),
                             ("pressmt.kk", "akorda-turkestan-akim-2026"), ("pressmt.kk", "gov-abai-new-akim-2025")]
    assert all(c.find("failure").get("metric") == "chrf" for c in root.iter("testcase"))
    assert all(float(c.get("time")) > 0.01 for c in root.iter("testcase"))  # a model ran: real time, not 0
    assert "gov-abai-new-akim-2025" in strict_out


@pytest.mark.slow
def test_samples_run_with_ct2_writes_the_markdown_summary(tmp_path: Path, small_models: dict[str, Path],
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """--backend ct2 really runs CTranslate2 (its int8 conversion lands in the pressmt cache, where
    docs/ci.md caches it), and --summary-md writes the table a CI page shows."""
    monkeypatch.setenv("PRESSMT_CACHE_DIR", str(tmp_path / "cache"))
    summary = tmp_path / "ci" / "summary.md"

    code = run_cli(["evaluate", str(_short_samples(tmp_path)), "--model", f"en={small_models['en']}", "--to", "en",
                    "--beams", "1", "--backend", "ct2", "--min-chrf", "1", "--summary-md", str(summary)])

    out = capsys.readouterr().out
    assert code == 0, out
    assert list((tmp_path / "cache" / "ct2").glob("*-int8/model.bin"))
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## pressmt evaluate: PASS\n")
    rows = [line for line in text.splitlines() if line.startswith(("| akorda-turkestan", "| gov-abai"))]
    assert [row.split(" | ")[:2] for row in rows] == [["| akorda-turkestan-akim-2026", "en"],
                                                      ["| gov-abai-new-akim-2025", "en"]]
    assert all(row.endswith(" | pass |") for row in rows)
    assert out.splitlines()[-1] == text.splitlines()[-1] == (
        "PASS: all 2 document/language results meet --min-bleu off, --min-chrf 1.00, --min-term-accuracy off")
