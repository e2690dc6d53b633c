"""Kazakh in Latin script as a target (issue 20, item 2): the enforced Kazakh output transliterated,
a glossary's kk-Latn form first; and glossaries written before languages were plug-ins still load."""

from __future__ import annotations

from pathlib import Path

from pipeline import api
from pipeline.cli import run_cli
from pipeline.glossary.enforce import enforce_segment
from pipeline.glossary.match import Matcher
from pipeline.glossary.model import Glossary, Term
from pipeline.languages import LANGUAGES
from pipeline.languages.base import derive_output, model_languages
from pipeline.languages.kazakh_latin import transliterate
from pipeline.run import is_translation_name

RELEASE = "Аким области провёл совещание по подготовке к отопительному сезону.\n"
GLOSSARY = Glossary((
    Term("ЮНЕСКО", targets={"en": "UNESCO", "kk": "ЮНЕСКО", "kk-Latn": "UNESCO"}, type="org"),
    Term("Касым-Жомарт Токаев", targets={"kk": "Қасым-Жомарт Тоқаев"}, type="person"),
    Term("Карагандинская область", targets={"kk": "Қарағанды облысы"}, type="place"),
))


def _latin(kazakh: str, russian: str) -> tuple[str, list]:
    """The kk-Latn segment derived from the enforced `kazakh` translation of `russian`."""
    hits = Matcher(GLOSSARY).find(russian)
    enforced, results = enforce_segment(kazakh, hits, "kk")
    return derive_output(LANGUAGES["kk-Latn"], enforced, [r.to_json() for r in results], hits), hits


def test_an_enforced_kazakh_line_is_transliterated_with_its_terms_still_enforced():
    latin, hits = _latin("Қасым-Жомарт Токаев Қарағанды облысында болды.",
                         "Касым-Жомарт Токаев побывал в Карагандинской области.")
    assert latin == "Qasym-Jomart Toqaev Qaraǵandy oblysynda boldy."  # Токаев repaired in kk first
    _, results = enforce_segment(latin, hits, "kk-Latn")
    assert [(r.status, r.found) for r in results] == [("ok", "Qasym-Jomart Toqaev"), ("ok", "Qaraǵandy oblysynda")]


def test_a_glossary_kk_latn_form_takes_precedence_and_keeps_the_kazakh_ending():
    latin, hits = _latin("ЮНЕСКО-ға хат жолданды.", "Письмо направлено в ЮНЕСКО.")
    assert latin == "UNESCO-ǵa hat joldandy."  # not the letter-by-letter "IýNESKO-ǵa"
    assert transliterate("ЮНЕСКО-ға") == "IýNESKO-ǵa"
    _, results = enforce_segment(latin, hits, "kk-Latn")
    assert [(r.status, r.found) for r in results] == [("ok", "UNESCO-ǵa")]


def test_kk_latn_needs_no_model_of_its_own():
    assert LANGUAGES["kk-Latn"].derived_from == "kk"
    assert model_languages(["kk-Latn"]) == ["kk"] and model_languages(["en", "kk", "kk-Latn"]) == ["en", "kk"]


def test_translate_to_kk_latn_writes_the_transliterated_kazakh(tmp_path, small_models):
    releases = tmp_path / "releases"
    releases.mkdir()
    (releases / "heating.txt").write_text(RELEASE, encoding="utf-8")
    config = api.run_config(to="kk,kk-Latn", models=[f"kk={small_models['kk']}"], beams=1)
    only = api.run_config(to="kk-Latn", models=[f"kk={small_models['kk']}"], beams=1)
    with api.open_memory(cache=False) as memory:
        both = api.translate([releases], tmp_path / "both", config, memory=memory)
        alone = api.translate([releases], tmp_path / "alone", only, memory=memory)

    assert both.exit_code == alone.exit_code == 0
    kazakh = (tmp_path / "both" / "heating.kk.txt").read_text(encoding="utf-8")
    latin = (tmp_path / "both" / "heating.kk-Latn.txt").read_text(encoding="utf-8")
    assert latin == transliterate(kazakh)  # the shipped glossary has no kk-Latn column
    assert sorted(p.name for p in (tmp_path / "alone").glob("heating.*")) == ["heating.kk-Latn.txt"]
    assert (tmp_path / "alone" / "heating.kk-Latn.txt").read_text(encoding="utf-8") == latin
    assert set(both.report["summary"]["languages"]) == {"kk", "kk-Latn"}
    assert both.report["routes"]["kk-Latn"][-1]["derived_from"] == "kk"
    assert "Kazakh (Latin)" in (tmp_path / "both" / "review.html").read_text(encoding="utf-8")
    assert is_translation_name(Path("heating.kk-Latn.txt")) and is_translation_name(Path("x.KK-LATN.md"))

    # XLIFF: a file of its own, its target language named as the output is
    assert run_cli(["export", "xliff", str(tmp_path / "both"), "--dir", str(tmp_path / "xlf"), "--lang", "kk-Latn"]) == 0
    xliff = (tmp_path / "xlf" / "heating.txt.kk-Latn.xlf").read_text(encoding="utf-8")
    assert 'target-language="kk-Latn"' in xliff


def test_glossary_columns_written_before_languages_were_plug_ins_still_load(tmp_path: Path):
    path = tmp_path / "old.tsv"
    path.write_text("ru\ten\tkk\ttype\ten_avoid\tkk_avoid\ten_accept\tkk_accept\n"
                    "аким\takim\tәкім\ttitle\tgovernor|mayor\tаким\tAkim\tӘкім\n", encoding="utf-8")
    (term,) = api.load_glossaries([path], shipped=False).terms
    assert (term.target("en"), term.target("kk")) == ("akim", "әкім")
    assert (term.avoid("en"), term.avoid("kk")) == (("governor", "mayor"), ("аким",))
    assert (term.accept("en"), term.accept("kk")) == (("Akim",), ("Әкім",))


def test_a_kk_latn_column_loads_in_any_letter_case(tmp_path: Path):
    path = tmp_path / "latin.tsv"
    path.write_text("ru\tkk\tKK-LATN\tkk-latn_avoid\ttype\nЮНЕСКО\tЮНЕСКО\tUNESCO\tIýNESKO\torg\n", encoding="utf-8")
    (term,) = api.load_glossaries([path], shipped=False).terms
    assert (term.target("kk-Latn"), term.avoid("kk-Latn")) == ("UNESCO", ("IýNESKO",))
