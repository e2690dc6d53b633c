"""Kazakh in Latin script as a target (issue 20, item 2): the enforced Kazakh output transliterated,
a glossary's kk-Latn form first; and glossaries written before languages were plug-ins still load."""

from __future__ import annotations

from pathlib import Path

from pipeline import api
from pipeline.cli import run_cli
from pipeline.glossary.enforce import enforce_segment
from pipeline.glossary.match import Matcher
from pipeline.glossary.model import Glossary, Hit, Term
from pipeline.languages import LANGUAGES
from pipeline.languages.base import derive_output, model_languages
from pipeline.languages.kazakh_latin import transliterate
from pipeline.run import is_translation_name

from conftest import run_report

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
    return derive_output(LANGUAGES["kk-Latn"], enforced, [r.to_json() for r in results], hits)[0], hits


def test_the_derived_segment_carries_the_kazakh_checks():
    """One check, in Kazakh: a wrong Kazakh form reported missing stays missing in Latin (the Latin
    rule alone would accept "Ákimdik" for akim), and a found term's span moves onto the Latin text."""
    glossary = Glossary((Term("аким", targets={"kk": "әкім"}, type="title"),
                         Term("ЮНЕСКО", targets={"kk": "ЮНЕСКО", "kk-Latn": "UNESCO"}, type="org")))
    hits = Matcher(glossary).find("Аким направил письмо в ЮНЕСКО.")
    enforced, results = enforce_segment("Әкімдік ЮНЕСКО-ға хат жолдады.", hits, "kk")
    assert [r.status for r in results] == ["missing", "ok"]
    latin, terms = derive_output(LANGUAGES["kk-Latn"], enforced, [r.to_json() for r in results], hits)
    assert latin == "Ákimdik UNESCO-ǵa hat joldady."
    assert [(t["status"], t["expected"], t["found"]) for t in terms] == [
        ("missing", "ákim", None), ("ok", "UNESCO-ǵa", "UNESCO-ǵa")]
    assert latin[slice(*terms[1]["output_span"])] == "UNESCO-ǵa"


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
    # one check, in Kazakh: every term status and every flag of a Latin segment is its Kazakh segment's
    [doc] = [d for d in run_report(tmp_path / "both")["documents"] if d.get("languages")]
    kk, latn = (doc["languages"][lang]["segments"] for lang in ("kk", "kk-Latn"))
    assert [[t["status"] for t in s["terms"]] for s in latn] == [[t["status"] for t in s["terms"]] for s in kk]
    assert [s["quality"]["flags"] for s in latn] == [s["quality"]["flags"] for s in kk]
    assert any(s["terms"] for s in kk)

    # XLIFF: a file of its own, its target language named as the output is
    assert run_cli(["export", "xliff", str(tmp_path / "both"), "--dir", str(tmp_path / "xlf"), "--lang", "kk-Latn"]) == 0
    xliff = (tmp_path / "xlf" / "heating.txt.kk-Latn.xlf").read_text(encoding="utf-8")
    assert 'target-language="kk-Latn"' in xliff
    # without --lang, every language of the run: a kk-Latn-only run exports its kk-Latn file
    assert run_cli(["export", "xliff", str(tmp_path / "alone"), "--dir", str(tmp_path / "xlf-alone")]) == 0
    assert [p.name for p in (tmp_path / "xlf-alone").iterdir()] == ["heating.txt.kk-Latn.xlf"]


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


def test_an_editors_kk_latn_target_in_the_named_memory_is_used_and_checked(tmp_path: Path, small_models):
    """A kk-Latn correction imported from XLIFF lives in the named memory under kk-Latn: the next run
    writes it instead of the transliteration, marks it an editor's and checks its terms."""
    from pipeline.tm import TranslationMemory

    releases = tmp_path / "releases"
    releases.mkdir()
    (releases / "heating.txt").write_text(RELEASE, encoding="utf-8")
    corrected = "Oblys ákimi jylytý maýsymyna daıyndyq boıynsha keńes ótkizdi."
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.put_human("kk-Latn", {RELEASE.strip(): corrected})
    config = api.run_config(to="kk,kk-Latn", models=[f"kk={small_models['kk']}"], beams=1)
    with api.open_memory(tmp_path / "tm.sqlite") as memory:
        result = api.translate([releases], tmp_path / "out", config, memory=memory)
    assert result.exit_code == 0
    assert (tmp_path / "out" / "heating.kk-Latn.txt").read_text(encoding="utf-8").strip() == corrected
    assert (tmp_path / "out" / "heating.kk.txt").read_text(encoding="utf-8").strip() != transliterate(corrected)
    [doc] = [d for d in run_report(tmp_path / "out")["documents"] if d.get("languages")]
    [seg] = doc["languages"]["kk-Latn"]["segments"]
    assert seg["origin"] == "human" and [t["status"] for t in seg["terms"]] == ["ok"]  # ákimi: аким found


def test_a_kazakh_correction_is_carried_into_kk_latn(tmp_path: Path, small_models):
    """An editor corrects the Kazakh in XLIFF: the import rewrites the Latin file from it too, so the
    two never disagree, and the Latin segment takes the corrected Kazakh's term results."""
    from lxml import etree

    releases = tmp_path / "releases"
    releases.mkdir()
    (releases / "heating.txt").write_text(RELEASE, encoding="utf-8")
    out, tm = tmp_path / "out", tmp_path / "tm.sqlite"
    assert run_cli(["translate", str(releases), "--out", str(out), "--to", "kk,kk-Latn", "--model",
                    f"kk={small_models['kk']}", "--beams", "1", "--tm", str(tm)]) == 0
    assert run_cli(["export", "xliff", str(out), "--dir", str(tmp_path / "xlf"), "--lang", "kk"]) == 0
    path = tmp_path / "xlf" / "heating.txt.kk.xlf"
    tree = etree.parse(str(path))
    [target] = tree.xpath("//x:trans-unit/x:target", namespaces={"x": "urn:oasis:names:tc:xliff:document:1.2"})
    corrected = "Облыс әкімі жылыту маусымына дайындық бойынша кеңес өткізді."
    target.text = corrected
    target.set("state", "translated")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    assert run_cli(["import", "xliff", str(path), "--out", str(out), "--tm", str(tm)]) == 0
    assert (out / "heating.kk.txt").read_text(encoding="utf-8").strip() == corrected
    assert (out / "heating.kk-Latn.txt").read_text(encoding="utf-8").strip() == transliterate(corrected)
    [doc] = [d for d in run_report(out)["documents"] if d.get("languages")]
    kk, latn = (doc["languages"][lang]["segments"][0] for lang in ("kk", "kk-Latn"))
    assert [t["status"] for t in latn["terms"]] == [t["status"] for t in kk["terms"]] == ["ok"]


def test_latin_kazakh_is_checked_by_the_kazakh_rules(shared_dir):
    """`enforce --lang kk-Latn` on a Latin text judges each term as `kk` judges its Cyrillic: the
    Kazakh suffix chains transliterated ("ákimdigi" is акимат's, "Ákimdik" is not аким's) and the
    Kazakh accepted forms ("Memleket basshysy")."""
    glossary = api.load_glossaries()
    cases = [("Аким провел совещание. Президент встретился с Премьер-министром. В Шымкенте открыли школу.",
              "Әкімдік кеңес өткізді. Президентура Премьер-министрлікпен кездесті. Шымкенттік мектеп ашылды."),
             ("Акимат города сообщил. Данные акимата области.", "Қала әкімдігі хабарлады. Облыс әкімдігінің деректері."),
             ("Президент принял акима.", "Мемлекет басшысы әкімді қабылдады.")]
    for russian, kazakh in cases:
        hits = Matcher(glossary).find(russian)
        statuses = {lang: [r.status for r in enforce_segment(text, hits, lang)[1]]
                    for lang, text in (("kk", kazakh), ("kk-Latn", transliterate(kazakh)))}
        assert statuses["kk"] == statuses["kk-Latn"], (russian, statuses)
    hits = Matcher(glossary).find(cases[0][0])
    assert {r.status for r in enforce_segment(transliterate(cases[0][1]), hits, "kk-Latn")[1]} == {"missing"}


def test_a_person_named_by_surname_alone_takes_the_own_latin_surname():
    """"Тоқаевқа" (surname alone) takes the glossary's own Latin surname, with the Kazakh ending."""
    glossary = Glossary((Term("Касым-Жомарт Токаев", targets={"kk": "Қасым-Жомарт Тоқаев",
                                                              "kk-Latn": "Qasym-Jomart Toqayev"}, type="person"),))
    hits = Matcher(glossary).find("Токаеву доложили о росте.")
    enforced, results = enforce_segment("Тоқаевқа өсім туралы баяндалды.", hits, "kk")
    latin, terms = derive_output(LANGUAGES["kk-Latn"], enforced, [r.to_json() for r in results], hits)
    assert latin == "Toqayevqa ósim týraly baıandaldy."
    assert [(t["status"], t["expected"], t["found"]) for t in terms] == [("ok", "Toqayevqa", "Toqayevqa")]


def test_avoid_forms_are_repaired_in_latin_kazakh_too():
    """`kk_avoid` forms, transliterated and inflected, and the `kk-Latn_avoid` column's own forms."""
    glossary = Glossary((Term("аким", targets={"kk": "әкім"}, avoids={"kk": ("аким",)}, type="title"),
                         Term("ЮНЕСКО", targets={"kk": "ЮНЕСКО", "kk-Latn": "UNESCO"},
                              avoids={"kk-Latn": ("IýNESKO",)}, type="org")))
    hits = Matcher(glossary).find("Аким направил письмо в ЮНЕСКО.")
    fixed, results = enforce_segment("Akımi IýNESKO-ǵa hat joldady.", hits, "kk-Latn")
    assert fixed == "Ákimi UNESCO-ǵa hat joldady."
    assert [r.status for r in results] == ["repaired", "repaired"]


#: Lines where Cyrillic and Latin differ for a known, open reason (issue 17's note): the Cyrillic check
#: lets the President's accepted "Мемлекет басшысы" be the same words as Глава государства's own form,
#: counting one mention twice; Latin reports the President missing, which is right.
OPEN_DIFFERENCES = {("akorda-pavlodar-trip-ekibastuz-tpp-2023-08-09", 1, "Президент"),
                    # the same the other way: Глава государства's accepted "Президент" is the one
                    # word, which the Turkish President's entry counts too (fresh9, 2023)
                    ("akorda-erdogan-phone-call-earthquake-2023-02-06", 2, "Глава государства"),
                    # both ways in one release, "ПРЕЗИДЕНТКЕ" and "Мемлекет басшысы" each counted for
                    # Глава государства and for Президент in Cyrillic (fresh17, 2023)
                    ("akorda-ecology-minister-suleimenova-floods-2023-02-13", 1, "Глава государства"),
                    ("akorda-ecology-minister-suleimenova-floods-2023-02-13", 5, "Президент"),
                    # "Мемлекет басшысы" once, for Глава государства and for "пресс-службу Президента РК"
                    # (fresh26, 2023), which the collector marks missing
                    ("akorda-academy-zhumadildayev-2023-08-18", 1, "Президент"),
                    # "президент" once, for Iran's president and for "По поручению Главы государства"
                    # (fresh23, 2024), which the collector marks missing
                    ("mazhilis-koshanov-iran-raisi-farewell-2024-05-22", 1, "Глава государства"),
                    # "Мемлекет басшысына" once, for "Глава государства был проинформирован" and for the
                    # line's first "Президент Казахстана" (fresh32, 2026), which the collector marks missing
                    ("akorda-constitutional-commission-proposals-2026-02-06", 1, "Президент"),
                    # "Қазақстан ТЖМ" once, for "МЧС Казахстана" as written and for "МЧС РК" by the
                    # Republic's accepted short form (fresh64, 2026), which the collector marks missing
                    ("kazinform-emergencies-ministry-new-year-210-calls-2026-01-01", 2, "Республика Казахстан"),
                    # "Президент" at the line's start, for Глава государства (accepted) and for the Iranian
                    # "Президента Ибрахима Раиси", whose Kazakh "президенті" Cyrillic counts (fresh73, 2024)
                    ("akorda-iran-embassy-raisi-condolences-2024-05-21", 1, "Глава государства"),
                    # "Президент" once, for the subject Президент and for "пресс-служба главы государства"
                    # (fresh75, 2022), which the collector marks missing
                    ("akorda-senate-ashimbayev-referendum-trips-2022-05", 3, "Глава государства"),
                    # "Солтүстік Қазақстан облысының" twice for a region the Russian names once: Cyrillic
                    # counts the second's "Қазақстан" for "президента РК" by the Republic's accepted short
                    # form (fresh82, 2023), which the collector marks missing
                    ("akorda-sko-akim-nurmukhambetov-2023-12", 1, "Республика Казахстан")}


def test_published_kazakh_in_latin_is_judged_as_the_cyrillic_is():
    """Every published Kazakh line of the real set (tests/data/real), transliterated: each term has the
    status it has in Cyrillic, but for a misspelt name Kazakh repairs by likeness (Latin text is not
    repaired by guesswork: it is reported missing)."""
    matcher = Matcher(api.load_glossaries())
    lines = 0
    for release in sorted((Path(__file__).parent / "data" / "real").glob("*/kk.txt")):
        russian = (release.parent / "ru.txt").read_text(encoding="utf-8").split("\n")
        for number, (ru, kk) in enumerate(zip(russian, release.read_text(encoding="utf-8").split("\n")), 1):
            if not kk.strip():
                continue
            hits = matcher.find(ru)
            cyrillic = enforce_segment(kk, hits, "kk")[1]
            latin = [r.status for r in enforce_segment(transliterate(kk), hits, "kk-Latn")[1]]
            assert len(latin) == len(cyrillic) and all(
                a.status == b or (a.status, b) == ("repaired", "missing")
                or (release.parent.name, number, a.ru) in OPEN_DIFFERENCES
                for a, b in zip(cyrillic, latin)), (release.parent.name, kk)
            lines += 1
    assert lines > 90


def test_an_accepted_kazakh_form_is_reported_in_latin_even_when_the_term_has_a_latin_form():
    """The term has a kk-Latn form of its own, but the Kazakh output holds an accepted form: the
    Latin result names that form transliterated, never the Cyrillic."""
    glossary = Glossary((Term("Президент", targets={"kk": "Президент", "kk-Latn": "Prezıdent"},
                              accepts={"kk": ("Мемлекет басшысы",)}, type="title"),))
    hits = Matcher(glossary).find("Президент принял акима.")
    enforced, results = enforce_segment("Мемлекет басшысы әкімді қабылдады.", hits, "kk")
    _, terms = derive_output(LANGUAGES["kk-Latn"], enforced, [r.to_json() for r in results], hits)
    assert [(t["status"], t["expected"], t["found"]) for t in terms] == [
        ("ok", "Memleket basshysy", "Memleket basshysy")]


def test_a_latin_i_where_the_alphabet_writes_dotless_i_is_read_not_a_crash():
    """Press romanisation writes "Prezident" where the Kazakh Latin alphabet writes "Prezıdent";
    the pattern's IGNORECASE pairs the two letters, and the suffix chain is still found (it once
    raised KeyError on a real Akorda line)."""
    hits = [Hit(Term("Президент", targets={"kk": "Президент"}, type="title"), 0, 9, "Президент", "nom", "sing")]
    fixed, results = enforce_segment("Prezident keldi.", hits, "kk-Latn")
    assert fixed == "Prezident keldi." and len(results) == 1
