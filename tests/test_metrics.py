"""sacrebleu scores through our API and `pressmt evaluate --hyp/--ref` agree with the sacrebleu CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import run_cli
from pipeline.quality.metrics import corpus_scores, document_scores

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
FLORES_DEV_EN = SHARED / "data" / "flores200" / "dev.en"


def _edit(line: str, i: int) -> str:
    """A deterministic 'system output': the kind of damage MT does, varied by line number."""
    words = line.split()
    kind = i % 6
    if kind == 0 and len(words) > 3:
        del words[len(words) // 2]  # a dropped word
    elif kind == 1:
        words = [{"the": "a", "The": "A", "a": "the"}.get(w, w) for w in words]  # article confusion
    elif kind == 2 and len(words) > 4:
        words[1], words[2] = words[2], words[1]  # swapped word order
    elif kind == 3 and len(words) > 6:
        words = words[:-3]  # truncated ending
    elif kind == 4:
        words = [w.lower() if j % 3 == 0 else w for j, w in enumerate(words)]  # casing
    return " ".join(words)


def _refs() -> list[str]:
    return FLORES_DEV_EN.read_text(encoding="utf-8").splitlines()


def _sacrebleu_cli(refs: list[Path], hyp: Path, *extra: str) -> list[dict]:
    """sacrebleu's own command line, as `python -m sacrebleu` of the running interpreter: a venv's
    `sacrebleu` script is on PATH only while the venv is activated."""
    out = subprocess.run([sys.executable, "-m", "sacrebleu", *map(str, refs), "-i", str(hyp), "-w", "4", *extra],
                         check=True, capture_output=True, text=True).stdout
    parsed = json.loads(out)
    return parsed if isinstance(parsed, list) else [parsed]


def test_scores_equal_sacrebleu_cli_on_flores_dev(tmp_path: Path) -> None:
    refs = _refs()
    hyps = [_edit(line, i) for i, line in enumerate(refs)]
    (tmp_path / "ref.en").write_text("\n".join(refs) + "\n", encoding="utf-8")
    (tmp_path / "hyp.en").write_text("\n".join(hyps) + "\n", encoding="utf-8")

    ours = corpus_scores(hyps, [refs])
    cli = {d["name"]: d for d in _sacrebleu_cli([tmp_path / "ref.en"], tmp_path / "hyp.en",
                                               "-m", "bleu", "chrf", "ter")}
    cli_pp = _sacrebleu_cli([tmp_path / "ref.en"], tmp_path / "hyp.en", "-m", "chrf", "--chrf-word-order", "2")[0]

    assert 40 < ours["bleu"] < 95  # the edits hurt, but the hypothesis is still close
    assert ours["bleu"] == pytest.approx(cli["BLEU"]["score"], abs=0.01)
    assert ours["chrf"] == pytest.approx(cli["chrF2"]["score"], abs=0.01)
    assert ours["chrf++"] == pytest.approx(cli_pp["score"], abs=0.01)
    assert ours["ter"] == pytest.approx(cli["TER"]["score"], abs=0.01)
    assert ours["signatures"]["bleu"] == cli["BLEU"]["signature"]
    assert ours["signatures"]["chrf"] == cli["chrF2"]["signature"]
    assert ours["signatures"]["chrf++"] == cli_pp["signature"]
    assert ours["signatures"]["ter"] == cli["TER"]["signature"]


def test_two_references_equal_sacrebleu_cli(tmp_path: Path) -> None:
    refs = _refs()[:300]
    second = [_edit(line, i + 3) for i, line in enumerate(refs)]  # a second, differently worded reference
    hyps = [_edit(line, i) for i, line in enumerate(refs)]
    for name, lines in (("ref1", refs), ("ref2", second), ("hyp", hyps)):
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")

    ours = corpus_scores(hyps, [refs, second])
    single = corpus_scores(hyps, [refs])
    cli = {d["name"]: d for d in _sacrebleu_cli([tmp_path / "ref1", tmp_path / "ref2"], tmp_path / "hyp",
                                               "-m", "bleu", "chrf", "ter")}

    assert ours["bleu"] == pytest.approx(cli["BLEU"]["score"], abs=0.01)
    assert ours["chrf"] == pytest.approx(cli["chrF2"]["score"], abs=0.01)
    assert ours["ter"] == pytest.approx(cli["TER"]["score"], abs=0.01)
    assert ours["signatures"]["bleu"].startswith("nrefs:2|")
    assert ours["bleu"] > single["bleu"]  # a second reference can only add matching n-grams


def test_identical_hypothesis_is_perfect() -> None:
    refs = _refs()[:100]
    scores = corpus_scores(list(refs), [refs])
    assert scores["bleu"] == pytest.approx(100)
    assert scores["chrf"] == pytest.approx(100)
    assert scores["chrf++"] == pytest.approx(100)
    assert scores["ter"] == pytest.approx(0)


def test_document_scores_group_segments_by_document() -> None:
    refs = _refs()[:40]
    hyps = refs[:20] + [_edit(line, i) for i, line in enumerate(refs[20:])]
    doc_ids = ["clean"] * 20 + ["edited"] * 20

    per_doc = document_scores(hyps, [refs], doc_ids)

    assert list(per_doc) == ["clean", "edited"]
    assert per_doc["clean"]["chrf"] == pytest.approx(100)
    assert per_doc["edited"] == corpus_scores(hyps[20:], [refs[20:]])
    assert per_doc["edited"]["chrf"] < 100


def test_misaligned_references_are_rejected() -> None:
    with pytest.raises(ValueError, match="reference stream 1 has 2 segments"):
        corpus_scores(["a b c"], [["a b c", "d e f"]])


# -- pressmt evaluate --hyp/--ref -------------------------------------------------------------------

def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_evaluate_json_matches_api(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    refs = _refs()[:200]
    hyp = _write(tmp_path / "hyp.en", [_edit(line, i) for i, line in enumerate(refs)])
    ref = _write(tmp_path / "ref.en", refs)

    code = run_cli(["evaluate", "--hyp", str(hyp), "--ref", str(ref), "--json"])

    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"bleu", "chrf", "chrf++", "ter", "term_accuracy", "term_accuracy_reference",
                           "segments", "signatures"}
    expected = corpus_scores([_edit(line, i) for i, line in enumerate(refs)], [refs])
    for key in ("bleu", "chrf", "chrf++", "ter"):
        assert result[key] == pytest.approx(expected[key], abs=1e-3)
    assert result["segments"] == 200
    assert result["term_accuracy"] is None and result["term_accuracy_reference"] is None
    assert set(result["signatures"]) == {"bleu", "chrf", "chrf++", "ter"}


def test_evaluate_table_shows_scores_and_signatures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    refs = _refs()[:30]
    ref = _write(tmp_path / "ref.en", refs)

    assert run_cli(["evaluate", "--hyp", str(ref), "--ref", str(ref)]) == 0

    out = capsys.readouterr().out
    assert "100.00" in out and "chrf++" in out and "tok:13a" in out


def test_evaluate_line_count_mismatch_names_both_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    refs = _refs()[:10]
    hyp = _write(tmp_path / "hyp.en", refs[:9])
    ref = _write(tmp_path / "ref.en", refs)

    assert run_cli(["evaluate", "--hyp", str(hyp), "--ref", str(ref)]) == 2

    err = capsys.readouterr().err
    assert "ref.en" in err and "hyp.en" in err and "9" in err and "10" in err


def test_evaluate_term_accuracy_of_hypothesis_and_reference(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    glossary = tmp_path / "persons.tsv"
    glossary.write_text("ru\ten\tkk\ttype\n"
                        "Касым-Жомарт Токаев\tKassym-Jomart Tokayev\tҚасым-Жомарт Тоқаев\tperson\n"
                        "Карагандинская область\tKaraganda region\tҚарағанды облысы\tplace\n", encoding="utf-8")
    src = _write(tmp_path / "src.ru", [
        "Глава государства Касым-Жомарт Токаев принял акима Карагандинской области.",
        "Касым-Жомарт Токаев поручил акиму Карагандинской области ускорить модернизацию ТЭЦ.",
    ])
    ref = _write(tmp_path / "ref.en", [
        "Head of State Kassym-Jomart Tokayev received the akim of Karaganda region.",
        "Kassym-Jomart Tokayev instructed the akim of Karaganda region to speed up the modernisation of the CHP.",
    ])
    hyp = _write(tmp_path / "hyp.en", [
        "Head of State Kassym-Zhomart Tokaev received the governor of the Karaganda oblast.",
        "Kassym-Jomart Tokayev instructed the akim of Karaganda region to speed up the modernisation of the CHP.",
    ])

    code = run_cli(["evaluate", "--hyp", str(hyp), "--ref", str(ref), "--src", str(src),
                    "--glossary", str(glossary), "--no-shipped-glossary", "--lang", "en", "--json"])

    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["term_accuracy"] == pytest.approx(0.5)  # 2 of 4 occurrences right (this glossary alone)
    assert result["term_accuracy_reference"] == pytest.approx(1.0)


def test_evaluate_term_accuracy_needs_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ref = _write(tmp_path / "ref.en", ["Astana hosted the forum."])
    code = run_cli(["evaluate", "--hyp", str(ref), "--ref", str(ref), "--src", str(ref),
                    "--glossary", str(ref)])
    assert code == 2
    assert "--lang" in capsys.readouterr().err


def test_evaluate_without_inputs_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["evaluate"]) == 2
    assert "--hyp" in capsys.readouterr().err
