"""Translation memory: round-trip, key isolation, concurrent writers, and clear errors on bad files."""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
from pathlib import Path

import pytest

from pipeline.engines.base import Translation
from pipeline.errors import PressMTError
from pipeline.tm import TranslationMemory, memory_key

ROWS_PER_WRITER = 300


def _key(model: str = "m", glossary: str | None = "g1") -> str:
    return memory_key(model=model, revision=None, route="ru→en", options={"beams": 4}, glossary_fingerprint=glossary)


def test_round_trip_keeps_text_and_logprobs(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    items = {
        "Аким области провёл совещание.": Translation("The akim held a meeting.", [-0.1, -0.25, -1e-9]),
        "Без оценок.": Translation("No scores."),
    }
    with TranslationMemory(path) as tm:
        tm.put_many(_key(), items)
    with TranslationMemory(path) as tm:  # persisted, not just in memory
        got = tm.get_many(_key(), [*items, "never stored"])
    assert got == items
    assert got["Аким области провёл совещание."].confidence == pytest.approx((-0.1 - 0.25 - 1e-9) / 3)


def test_put_overwrites_and_duplicate_sources_are_fine(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.put_many(_key(), {"a": Translation("old")})
        tm.put_many(_key(), {"a": Translation("new", [-0.5])})
        assert tm.get_many(_key(), ["a", "a"]) == {"a": Translation("new", [-0.5])}


def test_many_sources_beyond_one_query_chunk(tmp_path: Path) -> None:
    items = {f"предложение {i}": Translation(f"sentence {i}", [-float(i)]) for i in range(1234)}
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.put_many(_key(), items)
        assert tm.get_many(_key(), list(items)) == items


def test_keys_are_isolated(tmp_path: Path) -> None:
    k1, k2 = _key(glossary="g1"), _key(glossary="g2")
    assert k1 != k2
    assert _key(model="other") != k1
    assert memory_key(model="m", revision="abc", route="ru→en", options={"beams": 4}, glossary_fingerprint="g1") != k1
    assert _key() == k1  # deterministic
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.put_many(k1, {"x": Translation("one")})
        tm.put_many(k2, {"x": Translation("two")})
        assert tm.get_many(k1, ["x"]) == {"x": Translation("one")}
        assert tm.get_many(k2, ["x"]) == {"x": Translation("two")}
        assert tm.get_many(_key(model="other"), ["x"]) == {}


def test_disabled_memory_never_hits(tmp_path: Path) -> None:
    tm = TranslationMemory.disabled()
    assert not tm.enabled
    tm.put_many(_key(), {"x": Translation("one")})
    assert tm.get_many(_key(), ["x"]) == {}
    assert list(tmp_path.iterdir()) == []


def _writer(path: str, worker: int, start: mp.Barrier) -> None:
    start.wait()
    tm = TranslationMemory(Path(path))
    for i in range(ROWS_PER_WRITER):  # one row per transaction: the most lock contention
        tm.put_many(_key(), {f"w{worker}-{i}": Translation(f"t{worker}-{i}", [-0.1 * worker])})
        if i % 50 == 0:
            tm.put_many(_key(), {"shared": Translation(f"from {worker}")})
    tm.close()


def test_two_processes_write_concurrently(tmp_path: Path) -> None:
    path = tmp_path / "shared" / "tm.sqlite"
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(2)
    procs = [ctx.Process(target=_writer, args=(str(path), w, start)) for w in (1, 2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0, 0]
    with TranslationMemory(path) as tm:
        sources = [f"w{w}-{i}" for w in (1, 2) for i in range(ROWS_PER_WRITER)]
        got = tm.get_many(_key(), [*sources, "shared"])
    assert len(got) == 2 * ROWS_PER_WRITER + 1
    assert all(got[f"w{w}-{i}"].text == f"t{w}-{i}" for w in (1, 2) for i in range(ROWS_PER_WRITER))
    assert got["shared"].text in {"from 1", "from 2"}


def test_wal_mode_is_on(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    TranslationMemory(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_non_sqlite_file_gives_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    path.write_bytes(b"this is a press release, not a database\n" * 200)
    with pytest.raises(PressMTError) as err:
        TranslationMemory(path)
    assert str(path) in str(err.value)
    assert "translation memory" in str(err.value)


def test_foreign_sqlite_schema_gives_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE segments (id INTEGER)")
    with pytest.raises(PressMTError, match="tm.sqlite"):
        TranslationMemory(path)
