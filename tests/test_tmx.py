"""TMX 1.4 export of the translation memory: every pair with known languages, editors' pairs marked,
read back by translate-toolkit; memories written before the origin column still open and serve."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lxml import etree

from pipeline.cli import run_cli
from pipeline.engines.base import Translation
from pipeline.tm import TranslationMemory

RELEASE = (
    "Глава государства Касым-Жомарт Токаев провел совещание по вопросам развития Карагандинской области.\n"
    "Аким области доложил о ходе подготовки к отопительному сезону.\n"
    "Будет построено 12 новых школ на 14,5 тысячи мест.\n"
)
HUMAN_EN = {
    "Аким области доложил о ходе подготовки к отопительному сезону.":
        "The akim of the region reported on preparations for the heating season.",
    "Будет построено 12 новых школ на 14,5 тысячи мест.": "Twelve new schools for 14,500 pupils will be built.",
}


def _read_tmx(path: Path):
    from translate.storage.tmx import tmxfile

    with path.open("rb") as fh:
        return tmxfile(fh, sourcelanguage="ru")


def test_tm_export_writes_every_pair_and_marks_human_ones(tmp_path, small_models, capsys):
    (tmp_path / "rel").mkdir()
    (tmp_path / "rel" / "karaganda.txt").write_text(RELEASE, encoding="utf-8")
    tm = tmp_path / "tm.sqlite"
    assert run_cli(["translate", str(tmp_path / "rel"), "--out", str(tmp_path / "out"), "--beams", "1",
                    "--model", f"en={small_models['en']}", "--model", f"kk={small_models['kk']}",
                    "--tm", str(tm)]) == 0
    with TranslationMemory(tm) as memory:
        memory.put_human("en", HUMAN_EN)
        pairs = list(memory.pairs())
    machine = [p for p in pairs if p.origin == "machine"]
    assert {(p.source_lang, p.target_lang) for p in machine} == {("ru", "en"), ("ru", "kk")}
    assert len(machine) == 6 and len(pairs) == 8

    assert run_cli(["tm", "export", "--tmx", str(tmp_path / "all.tmx"), "--tm", str(tm)]) == 0
    store = _read_tmx(tmp_path / "all.tmx")
    units = [(u.source, u.target) for u in store.units]
    assert sorted(units) == sorted((p.source, p.target) for p in pairs)
    root = etree.parse(str(tmp_path / "all.tmx")).getroot()
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "ru"
    langs = [tuple(t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in tu.findall("tuv"))
             for tu in root.iter("tu")]
    assert sorted(langs) == sorted((p.source_lang, p.target_lang) for p in pairs)

    assert run_cli(["tm", "export", "--tmx", str(tmp_path / "human.tmx"), "--tm", str(tm), "--human-only"]) == 0
    human = _read_tmx(tmp_path / "human.tmx")
    assert {u.source: u.target for u in human.units} == HUMAN_EN
    origins = [p.text for p in etree.parse(str(tmp_path / "human.tmx")).iter("prop") if p.get("type") == "x-origin"]
    assert origins == ["human", "human"]


def test_a_memory_from_before_the_origin_column_opens_serves_and_gains_it(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE segments (key TEXT NOT NULL, source TEXT NOT NULL, text TEXT NOT NULL, "
                 "logprobs TEXT NOT NULL, PRIMARY KEY (key, source)) WITHOUT ROWID")
    conn.execute("INSERT INTO segments VALUES ('k', 'Астана', 'Astana', '[-0.1]')")
    conn.commit()
    conn.close()
    with TranslationMemory(path) as memory:
        assert memory.get_many("k", ["Астана"])["Астана"].text == "Astana"
        assert list(memory.pairs()) == []  # languages unknown: not exported, still served
        memory.put_human("kk", {"Астана": "Астана қаласы"})
        memory.put_many("k2", {"Алматы": Translation("Almaty")}, langs=("ru", "en"))
        assert memory.get_human("kk", ["Астана", "Алматы"]) == {"Астана": "Астана қаласы"}
        assert [(p.source, p.origin) for p in memory.pairs()] == [("Астана", "human"), ("Алматы", "machine")]
    columns = {row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(segments)")}
    assert {"origin", "source_lang", "target_lang", "split"} <= columns
