"""The glossary load cache and the compiled matcher index on disk: same hits, rebuilt when stale or
damaged, plain SQLite (never pickle), safe under concurrent runs."""

from __future__ import annotations

import json
import marshal
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.glossary import index, load
from pipeline.glossary.load import load_glossaries
from pipeline.glossary.match import Matcher
from pipeline.glossary.model import Hit

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SQLITE_MAGIC = b"SQLite format 3\x00"

SENTENCES = [
    "Аким Абайской области Берик Уали принял жителей Семея, а затем провел совещание в Экибастузе.",
    "Глава государства Касым-Жомарт Токаев принял в Акорде акима Павлодарской области Асаина Байханова.",
    "Премьер-министр Олжас Бектенов провел заседание Правительства, посвященное развитию моногородов.",
    "Аким Экибастуза Аян Бейсекин доложил Премьер-министру о ходе реализации комплексного плана.",
    "На Экибастузской ТЭЦ завершен ремонт, сообщили в акимате Карагандинской области.",
    "В Сарани, Темиртау и Шахтинске построят новые школы за счет Национального фонда.",
    "Бектенов поручил Министерству национальной экономики подготовить предложения до 1 марта.",
    "Объем инвестиций составил Т178 млрд, в том числе 5 млрд тенге из местного бюджета.",
]


def _sentences() -> list[str]:
    """The sentences above and every sentence of tests/data/match_sentences.txt."""
    lines = (DATA / "match_sentences.txt").read_text(encoding="utf-8").splitlines()
    return SENTENCES + [line for line in lines if line.strip() and not line.startswith(("#", " "))]


def _glossary_files(folder: Path) -> list[Path]:
    """A private copy of the shipped glossaries plus the test extra, so a test may edit them."""
    folder.mkdir()
    for path in [*sorted((ROOT / "glossaries").glob("*.tsv")), DATA / "glossary_match_extra.tsv"]:
        shutil.copy(path, folder / path.name)
    return sorted(folder.glob("*.tsv"))


def _hits(paths: list[Path]) -> list[list[Hit]]:
    matcher = Matcher(load_glossaries(paths))
    return [matcher.find(s) for s in _sentences()]


def _cache_files(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file())


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PRESSMT_CACHE_DIR", str(folder))
    return folder


def _refuse(name: str):
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"{name} was called: the warm path must read the cache")
    return refuse


def test_warm_hits_equal_cold_hits_and_uncached_hits(cache: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _glossary_files(tmp_path / "glossaries")
    cold = _hits(paths)
    assert sum(map(len, cold)) > 200
    assert {"Абайской области", "Экибастузе", "Асаина Байханова"} <= {h.surface for hits in cold for h in hits}
    files = _cache_files(cache)
    assert {p.parent.name for p in files} == {"glossary-terms", "glossary-index"}

    # warm: neither parsing nor compiling may run, and nothing is unpickled
    monkeypatch.setattr(load, "_parse_glossaries", _refuse("parsing"))
    monkeypatch.setattr(index, "_build", _refuse("compiling"))
    for name, module in (("loads", pickle), ("load", pickle), ("loads", marshal), ("load", marshal)):
        monkeypatch.setattr(module, name, _refuse(f"{module.__name__}.{name}"))
    warm = _hits(paths)
    assert warm == cold  # same Hits: terms (every field), offsets, case, number, bare, order
    assert _cache_files(cache) == files
    monkeypatch.undo()

    # without any cache: the cache folder cannot be created, everything is built in memory
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("PRESSMT_CACHE_DIR", str(blocker))
    assert _hits(paths) == cold


def test_every_cache_file_is_sqlite(cache: Path, tmp_path: Path) -> None:
    _hits(_glossary_files(tmp_path / "glossaries"))
    files = _cache_files(cache)
    assert files
    for path in files:
        assert path.suffix == ".sqlite"
        assert path.read_bytes()[:16] == SQLITE_MAGIC  # plain tables; no pickle stream (b"\x80")


def test_edited_glossary_is_reloaded_and_recompiled(cache: Path, tmp_path: Path) -> None:
    paths = _glossary_files(tmp_path / "glossaries")
    sentence = "Аким Тоганского района провел прием граждан в селе Коктал."  # an invented district
    assert {h.term.ru for h in Matcher(load_glossaries(paths)).find(sentence)} == {"аким"}
    places = next(p for p in paths if p.name == "places.tsv")
    with places.open("a", encoding="utf-8") as f:
        f.write("село Коктал\tKoktal village\tКөктал ауылы\tplace\t\t\t\t\t\t\t\t\t\t\n")
    hits = Matcher(load_glossaries(paths)).find(sentence)
    assert [(h.term.ru, h.surface, h.case) for h in hits] == [
        ("аким", "Аким", "nom"), ("село Коктал", "селе Коктал", "loc")]
    assert hits[1].term.origin.endswith(f"places.tsv:{len(places.read_text(encoding='utf-8').splitlines())}")
    # an edited target changes the loaded glossary (and its fingerprint) too
    text = places.read_text(encoding="utf-8").replace("Koktal village", "Koktal")
    places.write_text(text, encoding="utf-8")
    assert Matcher(load_glossaries(paths)).find(sentence)[1].term.target("en") == "Koktal"


@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip"])
def test_damaged_cache_file_is_rebuilt_silently(cache: Path, tmp_path: Path, damage: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    paths = _glossary_files(tmp_path / "glossaries")
    cold = _hits(paths)
    for path in _cache_files(cache):
        data = path.read_bytes()
        if damage == "truncate":
            path.write_bytes(data[:len(data) // 2])
        elif damage == "garbage":
            path.write_bytes(b"not a database at all\n" * 100)
        else:  # one byte of a row changed: still a readable SQLite file, but not the one written
            middle = len(data) // 2
            path.write_bytes(data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1:])
    assert _hits(paths) == cold
    assert capsys.readouterr().err == ""
    rebuilt = _cache_files(cache)
    assert len(rebuilt) == 2
    for path in rebuilt:
        assert path.read_bytes()[:16] == SQLITE_MAGIC
    assert _hits(paths) == cold  # and the rebuilt files are read back


_WORKER = """
import json, sys
from pathlib import Path
from pipeline.glossary.load import load_glossaries
from pipeline.glossary.match import Matcher
matcher = Matcher(load_glossaries([Path(p) for p in sys.argv[2:]]))
print(json.dumps([[h.term.ru, h.start, h.end, h.case] for h in matcher.find(sys.argv[1])]))
"""


def test_concurrent_runs_share_one_cache(cache: Path, tmp_path: Path) -> None:
    paths = _glossary_files(tmp_path / "glossaries")
    env = {**os.environ, "PRESSMT_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", _WORKER, SENTENCES[0], *map(str, paths)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(3)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err for _, err in results]
    outputs = {out for out, _ in results}
    assert len(outputs) == 1
    assert [ru for ru, *_ in json.loads(outputs.pop())] == [
        "аким", "область Абай", "Берик Уали", "Семей", "Экибастуз"]
    files = _cache_files(cache)
    assert sorted(p.parent.name for p in files) == ["glossary-index", "glossary-terms"]  # no temp left
