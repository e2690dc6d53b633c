"""`pressmt enforce` on human references (FLORES-200 dev) changes nothing that was right."""

from pathlib import Path

import pytest

from pipeline.cli import run_cli
from pipeline.glossary.load import load_glossaries
from pipeline.glossary.match import Matcher
from pipeline.quality.terms import term_accuracy_from_hits

ROOT = Path(__file__).resolve().parents[1]
FLORES = ROOT / ".." / "shared" / "data" / "flores200"
GLOSSARIES = sorted((ROOT / "glossaries").glob("*.tsv"))


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_enforce_leaves_correct_reference_lines_unchanged(tmp_path, lang, capsys):
    out = tmp_path / f"dev.{lang}"
    args = ["enforce", "--lang", lang, "--source", str(FLORES / "dev.ru"), "--translation",
            str(FLORES / f"dev.{lang}"), "--out", str(out)]
    for g in GLOSSARIES:
        args += ["--glossary", str(g)]
    assert run_cli(args) == 0, capsys.readouterr().err
    sources = (FLORES / "dev.ru").read_text(encoding="utf-8").splitlines()
    refs = (FLORES / f"dev.{lang}").read_text(encoding="utf-8").splitlines()
    enforced = out.read_text(encoding="utf-8").splitlines()
    matcher = Matcher(load_glossaries(GLOSSARIES))
    hits = [matcher.find(s) for s in sources]
    with_terms = [i for i, h in enumerate(hits) if h]
    assert len(with_terms) >= 15  # the glossary does occur in FLORES dev
    right = [i for i in with_terms if (a := term_accuracy_from_hits([hits[i]], [refs[i]], lang)).correct == a.total]
    assert len(right) >= 10
    assert all(enforced[i] == refs[i] for i in right)
    # lines without glossary terms are never touched either
    assert all(enforced[i] == refs[i] for i, h in enumerate(hits) if not h)
