"""A target language added from outside the package (issue 20, acceptance): one class registered
here, one glossary column, and `translate`, `enforce`, `evaluate` and the review page handle it
with no file of `pipeline/` knowing it.

The toy is English as a wire service sends it: every letter a capital ("en-x-upper", a private-use
subtag). It needs no model: it derives from the enforced English output, as kk-Latn derives from
Kazakh, and its glossary column gives a term's own form ("AKIM" where English writes "akim").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from pipeline import api
from pipeline.glossary.enforce import Span
from pipeline.glossary.model import Hit
from pipeline.languages import LANGUAGES, TargetLanguage

CODE = "en-x-upper"
RELEASE = ("Аким области провёл совещание по подготовке к отопительному сезону.\n\n"
           "В областном центре открылась новая школа на 1200 мест.\n")
GLOSSARY = (f"ru\ten\t{CODE.upper()}\ttype\n"  # a header cell in any letter case names the column
            "аким\takim\tAKIM\ttitle\n"
            "отопительный сезон\theating season\t\tother\n")


class WireEnglish(TargetLanguage):
    """English in capitals, as a wire service sends it."""

    name: ClassVar[str] = CODE
    display_name: ClassVar[str] = "English (wire capitals)"
    derived_from: ClassVar[str | None] = "en"
    decimal_comma: ClassVar[bool] = False
    langid_code: ClassVar[str | None] = None  # language identification is not made for capitals

    def derive(self, text: str) -> str:
        return text.upper()

    def find(self, text: str, form: str) -> list[tuple[int, int]]:
        body = r"\s+".join(re.escape(w) for w in form.upper().split())
        return [m.span() for m in re.finditer(rf"(?<![^\W_]){body}S?(?![^\W_])", text)]

    def exact(self, text: str, target: str, hit: Hit) -> list[Span]:
        return [Span(a, b, text[a:b], text[a:b], "case") for a, b in self.find(text, target)]


@pytest.fixture
def wire() -> Iterator[str]:
    LANGUAGES.register(WireEnglish)
    yield CODE
    LANGUAGES.unregister(CODE)


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "wire.tsv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def test_the_glossary_column_of_a_registered_language_loads(wire, glossary):
    akim, season = api.load_glossaries([glossary], shipped=False).terms
    assert (akim.target("en"), akim.target(wire)) == ("akim", "AKIM")
    assert season.target(wire) is None  # no form of its own: derived from English when checked


def test_translate_enforce_evaluate_and_review_with_a_toy_language(wire, glossary, tmp_path, small_models):
    releases = tmp_path / "releases"
    releases.mkdir()
    (releases / "heating.txt").write_text(RELEASE, encoding="utf-8")
    gloss = api.load_glossaries([glossary], shipped=False)
    config = api.run_config(to=f"en,{wire}", models=[f"en={small_models['en']}"], beams=1)
    with api.open_memory(cache=False) as memory:
        result = api.translate([releases], tmp_path / "out", config, glossary=gloss, memory=memory)

    # translate: the toy's file is the enforced English, derived
    assert result.exit_code == 0
    english = (tmp_path / "out" / "heating.en.txt").read_text(encoding="utf-8")
    wire_text = (tmp_path / "out" / f"heating.{wire}.txt").read_text(encoding="utf-8")
    assert wire_text == english.upper() and wire_text != english
    summary = result.report["summary"]["languages"]
    assert set(summary) == {"en", wire} and summary[wire]["segments"] == summary["en"]["segments"]
    # a term the English output holds (as found or repaired) the derived output holds too
    assert sum(summary["en"]["terms"][status] for status in ("ok", "repaired", "missing")) == 2
    assert summary[wire]["terms"]["missing"] == summary["en"]["terms"]["missing"]
    assert summary[wire]["terms"]["ok"] == summary["en"]["terms"]["ok"] + summary["en"]["terms"]["repaired"]

    # the review page has a column for it, under its display name
    page = (tmp_path / "out" / "review.html").read_text(encoding="utf-8")
    assert f"<th>{WireEnglish.display_name}</th>" in page

    # enforce: its occurrence rule finds the glossary's own form; nothing is repaired in it
    sources = ["Аким провёл совещание.\n", "Аким выступил.\n"]
    lines = api.enforce(sources, ["THE AKIM HELD A MEETING.\n", "THE MAYOR SPOKE.\n"], wire, glossary=gloss)
    assert [line.text for line in lines] == ["THE AKIM HELD A MEETING.\n", "THE MAYOR SPOKE.\n"]
    assert [[t.status for t in line.terms] for line in lines] == [["ok"], ["missing"]]

    # evaluate: term accuracy by the same rule
    (tmp_path / "src.txt").write_text("".join(sources), encoding="utf-8")
    (tmp_path / "hyp.txt").write_text("THE AKIM HELD A MEETING.\nTHE MAYOR SPOKE.\n", encoding="utf-8")
    (tmp_path / "ref.txt").write_text("THE AKIM HELD A MEETING.\nTHE AKIM SPOKE.\n", encoding="utf-8")
    scores = api.evaluate_files(tmp_path / "hyp.txt", [tmp_path / "ref.txt"], src=tmp_path / "src.txt",
                                lang=wire, glossary=gloss)
    assert (scores["term_accuracy"], scores["term_accuracy_reference"]) == (0.5, 1.0)


def test_a_toy_language_leaves_the_registry_as_it_found_it(wire):
    assert wire in LANGUAGES
    assert sorted(LANGUAGES) == sorted(["en", "kk", "kk-Latn", wire])
