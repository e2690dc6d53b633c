"""Loading TSV/CSV/TBX glossaries: merged entries, and clear file:line errors for bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.glossary.load import load_glossaries, load_glossary
from pipeline.glossary.match import Matcher
from pipeline.glossary.readers import READERS

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parents[1]
HEADER = "ru\ten\tkk\ttype\tru_variants\ten_avoid\tkk_avoid\tcase_sensitive\tnote\n"
AKIM = "аким\takim\tәкім\ttitle\t\tgovernor|mayor\t\t\tnot 'governor'\n"


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_tsv_row_becomes_term_with_origin(tmp_path: Path) -> None:
    path = write(tmp_path, "t.tsv", HEADER + AKIM
                 + "Восточно-Казахстанская область\tEast Kazakhstan region\t\tplace\tВКО\t\t\tFALSE\t\n")
    akim, vko = load_glossary(path).terms
    assert (akim.ru, akim.target("en"), akim.target("kk"), akim.type) == ("аким", "akim", "әкім", "title")
    assert akim.avoid("en") == ("governor", "mayor") and akim.origin == f"{path}:2"
    assert vko.target("kk") is None and vko.ru_variants == ("ВКО",) and vko.case_sensitive is False
    assert vko.origin == f"{path}:3"


def test_csv_with_bom_and_quoted_commas_merges_with_tsv(tmp_path: Path) -> None:
    tsv = write(tmp_path, "a.tsv", HEADER + AKIM)
    csv_path = write(tmp_path, "b.csv", "\ufeffru,en,kk,type,case_sensitive\n"
                     '"Министерство промышленности и строительства","Ministry of Industry and Construction",'
                     '"Өнеркәсіп және құрылыс министрлігі",org,true\n')
    glossary = load_glossaries([tsv, csv_path])
    assert [t.ru for t in glossary.terms] == ["аким", "Министерство промышленности и строительства"]
    assert glossary.terms[1].case_sensitive and glossary.sources == (str(tsv), str(csv_path))


@pytest.mark.parametrize(("body", "line", "reason"), [
    ("ru\ten\tcolour\n", 1, "unknown column 'colour'"),
    ("en\tkk\nakim\tәкім\n", 1, "no 'ru' column"),
    (HEADER + AKIM + "\tregion\t\tplace\n", 3, "empty 'ru'"),
    (HEADER + "Экибастуз\tEkibastuz\tЕкібастұз\tcity\n", 2, "bad type 'city'"),
    (HEADER + "Рудный\tRudny\tРудный\tplace\t\t\t\tsometimes\n", 2, "bad boolean 'sometimes'"),
    (HEADER + AKIM + "Сарань\tSaran\tСаран\tplace\t\t\t\t\tnote\textra\n", 3, "10 fields but the header has 9"),
    (HEADER + AKIM + AKIM, 3, "duplicate entry 'аким' (first at"),
    (HEADER + AKIM + "Аким\tgovernor\tәкім\ttitle\n", 3, "conflicting targets for 'Аким'"),
    (HEADER + "Восточно-Казахстанская область\t\t\tplace\tВКО\n"
     + "Восточно-Казахская область\t\t\tplace\tВКО\n", 3, "'ВКО' is already a form of"),
])
def test_bad_rows_name_file_and_line(tmp_path: Path, body: str, line: int, reason: str) -> None:
    path = write(tmp_path, "bad.tsv", body)
    with pytest.raises(InputError) as exc:
        load_glossary(path)
    assert exc.value.line == line and exc.value.path == str(path)
    assert reason in exc.value.reason
    assert str(exc.value).startswith(f"{path}:{line}: ")


def test_conflict_across_files_names_the_second_file(tmp_path: Path) -> None:
    first = write(tmp_path, "a.tsv", HEADER + AKIM)
    second = write(tmp_path, "b.tsv", "ru\ten\nаким\tmayor\n")
    with pytest.raises(InputError, match=r"b\.tsv:2: conflicting targets .* at .*a\.tsv:2"):
        load_glossaries([first, second])


def test_invalid_utf8_reports_line(tmp_path: Path) -> None:
    # UTF-8 with one broken character is a damaged file, not windows-1251 (which is read: see
    # test_glossary_layers.py)
    path = tmp_path / "broken.tsv"
    path.write_bytes((HEADER + "Экибастуз\tEkibastuz\n").encode() + "Павлодар".encode()[:5] + b"\xff\tPavlodar\n")
    with pytest.raises(InputError, match=r"broken\.tsv:3: invalid UTF-8 \(byte 0x..\), and not recognisably windows-1251"):
        load_glossary(path)


def test_tbx_deprecated_terms_become_avoid_and_extra_ru_variants() -> None:
    path = DATA / "glossary_sample.tbx"
    ekibastuz, vko = load_glossary(path).terms
    assert (ekibastuz.ru, ekibastuz.target("en"), ekibastuz.target("kk"), ekibastuz.type) == (
        "Экибастуз", "Ekibastuz", "Екібастұз", "place")
    assert ekibastuz.avoid("en") == ("Ekibastus",) and ekibastuz.origin == f"{path}:5"
    assert vko.ru_variants == ("ВКО",) and vko.avoid("kk") == ("Шығыс Қазақстан облыс",)
    hits = Matcher(load_glossary(path)).find("Аким ВКО посетил Экибастуз.")
    assert [(h.term.ru, h.surface) for h in hits] == [("Восточно-Казахстанская область", "ВКО"),
                                                      ("Экибастуз", "Экибастуз")]


def test_tbx_entity_declaration_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "bomb.tbx", '<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY a "aaaa">]>\n'
                 "<martif><text><body>&a;</body></text></martif>\n")
    with pytest.raises(InputError, match=r"bomb\.tbx:2: entity"):
        load_glossary(path)


def test_tbx_malformed_xml_reports_line(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.tbx", "<martif>\n<text>\n<body></text></martif>\n")
    with pytest.raises(InputError, match=r"broken\.tbx:3: invalid XML"):
        load_glossary(path)


def test_shipped_glossaries_load_and_cover_all_regions() -> None:
    glossary = load_glossaries(sorted((ROOT / "glossaries").glob("*.tsv")))
    places = {t.ru for t in glossary.terms if t.type == "place"}
    regions = {p for p in places if "область" in p}
    assert len(regions) == 17
    assert {"Астана", "Алматы", "Шымкент", "Экибастуз", "Сарань", "Жанаозен"} <= places
    assert all(t.target("en") and t.origin for t in glossary.terms)


@pytest.mark.parametrize(("body", "line", "reason"), [
    (HEADER + AKIM + "Сарань\tSaran\tСаран\tplace\t\t\t\t\tmoved\x1b[31m\n", 3, "control character U+001B in note"),
    (HEADER + AKIM + "Сарань\tSa\x00ran\tСаран\tplace\n", 3, "control character U+0000 (NUL)"),
    ("ru\ten\tvalid_from\nНур-Султан\tNur-Sultan\t2019-23-03\n", 2, "bad date '2019-23-03' in valid_from"),
    ("ru\ten\tvalid_from\tvalid_to\nНур-Султан\tNur-Sultan\t2022-09-17\t2019-03-23\n", 2,
     "valid_to 2019-03-23 is before valid_from 2022-09-17"),
])
def test_control_characters_and_bad_dates_name_file_and_line(tmp_path: Path, body: str, line: int,
                                                             reason: str) -> None:
    """A NUL or an escape typed into a spreadsheet would be written into every translation."""
    path = write(tmp_path, "bad.tsv", body)
    with pytest.raises(InputError) as exc:
        load_glossary(path)
    assert (exc.value.path, exc.value.line) == (str(path), line) and reason in exc.value.reason


def test_accept_columns_and_validity_dates_load(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "ru\ten\tkk\ten_accept\tkk_accept\tvalid_from\tvalid_to\tsource\n"
                 "Республика Казахстан\tRepublic of Kazakhstan\tҚазақстан Республикасы\tKazakhstan\tҚР\t\t\t"
                 "akorda.kz\n"
                 "Нур-Султан\tNur-Sultan\tНұр-Сұлтан\t\t\t2019-03-23\t2022-09-16\t\n")
    rk, nur = load_glossary(path).terms
    assert (rk.accept("en"), rk.accept("kk"), rk.source) == (("Kazakhstan",), ("ҚР",), "akorda.kz")
    assert nur.valid_on(date(2020, 1, 1)) and not nur.valid_on(date(2025, 3, 12))
    assert rk.valid_on(date(1990, 1, 1))


def test_tbx_admitted_terms_are_accepted_forms(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tbx", """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX"><text><body>
  <termEntry>
    <descrip type="subjectField">title</descrip>
    <langSet xml:lang="ru"><tig><term>Президент</term></tig></langSet>
    <langSet xml:lang="en">
      <tig><term>President</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      <tig><term>Head of State</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
      <tig><term>Presidant</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    </langSet>
  </termEntry>
</body></text></martif>
""")
    (president,) = load_glossary(path).terms
    assert (president.target("en"), president.accept("en"), president.avoid("en")) == ("President", ("Head of State",), ("Presidant",))
    assert president.type == "title" and president.origin == f"{path}:3"


def test_readers_are_one_registry_by_suffix(tmp_path: Path) -> None:
    assert set(READERS) == {".tsv", ".csv", ".tbx"}
    path = write(tmp_path, "g.xlsx", "ru\n")
    with pytest.raises(InputError, match=r"g\.xlsx: unsupported glossary format; use one of \.tsv, \.csv, \.tbx"):
        load_glossary(path)
    rows = list(READERS[".tsv"](write(tmp_path, "g.tsv", HEADER + AKIM)))
    assert [(r.line, r.cells["ru"], r.origin) for r in rows] == [(2, "аким", f"{tmp_path / 'g.tsv'}:2")]


def test_shipped_glossaries_cover_the_country_with_sources() -> None:
    """Issue 9 item 5: regions, cities, the akims, the heads of the chambers and of the
    Presidential Administration; every entry says where its spelling comes from."""
    glossary = load_glossaries(sorted((ROOT / "glossaries").glob("*.tsv")))
    by_ru = {t.ru: t for t in glossary.terms}
    cities = {"Кокшетау", "Степногорск", "Косшы", "Актобе", "Конаев", "Алатау", "Атырау",
              "Усть-Каменогорск", "Риддер", "Тараз", "Талдыкорган", "Текели", "Уральск", "Караганда",
              "Балхаш", "Приозерск", "Сарань", "Темиртау", "Шахтинск", "Костанай", "Аркалык",
              "Лисаковск", "Рудный", "Кызылорда", "Байконур", "Актау", "Жанаозен", "Павлодар", "Аксу",
              "Экибастуз", "Петропавловск", "Туркестан", "Арыс", "Кентау", "Жезказган", "Каражал",
              "Сатпаев", "Семей", "Курчатов"}
    assert cities <= set(by_ru)
    akims = [t for t in glossary.terms if t.type == "person" and t.note.startswith("Akim of")
             and t.valid_to is None and "Ekibastuz" not in t.note]  # 17 regions + 3 cities
    assert len(akims) == 20, sorted(t.ru for t in akims)
    assert {"Ерлан Кошанов", "Маулен Ашимбаев", "Айбек Дадебай", "Олжас Бектенов"} <= set(by_ru)
    assert all(t.source for t in glossary.terms), [t.ru for t in glossary.terms if not t.source]
    former = {ru: by_ru[ru] for ru in ("Нур-Султан", "Целиноград", "Алма-Ата", "Капшагай")}
    assert all(t.valid_to is not None for t in former.values())
    assert "Nur-Sultan" not in by_ru["Астана"].accept("en")
