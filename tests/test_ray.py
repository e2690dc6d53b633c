"""The Ray executor (`--executor ray`) and the thread-safe engine pool, on a local Ray of 2 CPUs.

Ray starts once for the module (seconds); every run uses CTranslate2 and greedy decoding on the
small real models, and compares with the same documents through the local executor: outputs and
report segments must be byte-identical whichever executor ran, whatever happens to an actor or to
the driver.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import run_report

from pipeline.cli import run_cli
from pipeline.cli.common import build_run_config
from pipeline.engines.pool import EnginePool
from pipeline.executors import make_executor
from pipeline.run import DocumentOutcome, Runner
from pipeline.tm import TranslationMemory

ROOT = Path(__file__).resolve().parents[1]
FLORES_DEV_RU = ROOT / ".." / "shared" / "data" / "flores200" / "dev.ru"
DOCUMENTS = 40
OPTIONS = ["--beams", "1", "--backend", "ct2", "--threads", "1", "--no-glossary", "--no-cache"]
CONFIDENCE_TOLERANCE = 1e-3


def _models(small_models) -> list[str]:
    return [f"en={small_models['en']}", f"kk={small_models['kk']}"]


def _config(small_models):
    return build_run_config(to="en,kk", model=_models(small_models), routes=None, beams=1, threads=1,
                            backend="ct2")


def _cli_args(small_models) -> list[str]:
    return [arg for model in _models(small_models) for arg in ("--model", model)] + OPTIONS


@pytest.fixture(scope="module")
def releases(tmp_path_factory) -> Path:
    """40 releases of 3-5 FLORES dev sentences each (one paragraph per sentence), a few sharing one."""
    sentences = [s.strip() for s in FLORES_DEV_RU.read_text(encoding="utf-8").splitlines() if s.strip()]
    rng = random.Random(11)
    folder = tmp_path_factory.mktemp("releases")
    for i in range(DOCUMENTS):
        picked = rng.sample(sentences[:150], rng.randint(3, 5))
        (folder / f"release-{i:02d}.txt").write_text("\n\n".join(picked) + "\n", encoding="utf-8")
    return folder


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.glob("*.*.txt")}


def _assert_same_report(out: Path, reference: Path) -> None:
    """Same documents, models and segment outputs; confidences equal up to batch composition, which
    chunks in flight make depend on timing (measured: under 2e-4 on ct2 int8, 1e-6 on hf)."""
    got, expected = ({doc["path"]: doc["languages"] for doc in run_report(d)["documents"]} for d in (out, reference))
    assert got.keys() == expected.keys()
    for path, langs in expected.items():
        assert got[path].keys() == langs.keys()
        for lang, entry in langs.items():
            mine = got[path][lang]
            assert mine["models"] == entry["models"]
            assert [(s["output"], s["raw_output"]) for s in mine["segments"]] == \
                [(s["output"], s["raw_output"]) for s in entry["segments"]]
            assert [s["confidence"] for s in mine["segments"]] == \
                pytest.approx([s["confidence"] for s in entry["segments"]], abs=CONFIDENCE_TOLERANCE)


def _texts(results: list) -> list:
    return [(r.translation.text, r.pivot, r.split, r.origin) for r in results]


@pytest.fixture(scope="module")
def local_run(releases, small_models, tmp_path_factory) -> Path:
    """The reference: the same releases through the local executor (this also converts the models)."""
    out = tmp_path_factory.mktemp("local") / "out"
    result = Runner(_config(small_models), out).run([releases])
    assert result.exit_code == 0 and len(_outputs(out)) == 2 * DOCUMENTS
    return out


@pytest.fixture(scope="module")
def ray_session(local_run):
    """One local Ray of 2 CPUs for the module; executors made meanwhile use it and leave it running."""
    ray = pytest.importorskip("ray")
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,
             object_store_memory=256 * 1024**2, logging_level="ERROR")
    yield ray
    ray.shutdown()


def _ray_pool(config) -> EnginePool:
    options = replace(config.options, workers=2)
    return EnginePool(options, executor=make_executor("ray", options))


@pytest.mark.slow
def test_ray_run_is_byte_identical_to_local(ray_session, releases, local_run, small_models, tmp_path):
    config = _config(small_models)
    with _ray_pool(config) as pool:
        assert pool.chunks_in_flight == 3
        result = Runner(config, tmp_path / "out", pool=pool).run([releases])
        assert result.exit_code == 0
        assert pool.loads and all(n <= 2 for n in pool.loads.values())  # each actor loads a model once
    assert _outputs(tmp_path / "out") == _outputs(local_run)
    _assert_same_report(tmp_path / "out", local_run)


@pytest.mark.slow
def test_killed_actor_loses_nothing(ray_session, releases, local_run, small_models, tmp_path, monkeypatch):
    """An actor killed after the first document, while later chunks are in flight: its chunk goes to
    a replacement, and every document is translated once, identical to the local run."""
    monkeypatch.setattr("pipeline.run.CHUNK_SEGMENTS", 12)  # about 14 chunks: most still to come at the kill
    config = _config(small_models)
    done: list[DocumentOutcome] = []
    with _ray_pool(config) as pool:
        victim = pool.executor.actors[0]

        def on_document(outcome: DocumentOutcome) -> None:
            done.append(outcome)
            if len(done) == 1:
                ray_session.kill(victim)

        result = Runner(config, tmp_path / "out", pool=pool, on_document=on_document).run([releases])
        assert victim not in pool.executor.actors  # its next chunk failed there and went to a new actor
    assert result.exit_code == 0
    assert sorted(o.rel for o in done) == sorted(p.name for p in releases.iterdir())  # each once
    assert _outputs(tmp_path / "out") == _outputs(local_run)
    _assert_same_report(tmp_path / "out", local_run)


@pytest.mark.slow
@pytest.mark.parametrize("executor", ["local", "ray"])
def test_concurrent_chunks_translate_as_each_alone(executor, ray_session, small_models, tmp_path):
    """Chunks translated from several threads at once (as the runner does when the executor takes
    more than one), sharing sentences: each gets what it gets alone (a sentence another chunk
    already put in the memory comes from there), and the memory (opened in this thread) takes
    every new translation."""
    sentences = [s.strip() for s in FLORES_DEV_RU.read_text(encoding="utf-8").splitlines()[150:210]]
    chunks = [sentences[i:i + 24] for i in range(0, 48, 12)]  # each overlaps the next by half; 60 in all
    config = _config(small_models)
    routes = [config.routes["en"], config.routes["kk"]]
    reference = EnginePool(config.options)
    expected = [[reference.translate_route(route, chunk) for route in routes] for chunk in chunks]

    tm = TranslationMemory(tmp_path / "tm.sqlite")
    options = replace(config.options, workers=2) if executor == "ray" else config.options
    pool = EnginePool(options, tm=tm, executor=make_executor(executor, options))
    start = threading.Barrier(len(chunks))
    got: dict[int, list] = {}

    def translate(i: int) -> None:
        start.wait()
        got[i] = [pool.translate_route(route, chunks[i]) for route in routes]

    threads = [threading.Thread(target=translate, args=(i,)) for i in range(len(chunks))]
    with pool:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    for i, per_route in enumerate(expected):
        for mine, theirs in zip(got[i], per_route):
            assert _texts(mine) == _texts(theirs)
            assert [r.confidence for r in mine] == pytest.approx([r.confidence for r in theirs],
                                                                 abs=CONFIDENCE_TOLERANCE)
    distinct = len(set(sentences))
    for translated in pool.translated.values():  # each chunk's own sentences, less what the memory had
        assert distinct <= translated <= sum(len(chunk) for chunk in chunks)
    stored = tm.get_many(pool._tm_key(routes[0].steps[0]), sentences)
    assert len(stored) == distinct and all(t.text for t in stored.values())
    tm.close()


@pytest.mark.slow
def test_sigkill_of_the_driver_then_resume_with_ray(ray_session, releases, local_run, small_models, tmp_path):
    """A `--executor ray` run killed with its whole process group (driver and its Ray), then resumed
    with Ray (here the module's): the outputs are those of an uninterrupted run."""
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "translate", str(releases), "--out", str(out),
               "--executor", "ray", "--workers", "2", *_cli_args(small_models)]
    proc = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    try:
        while proc.poll() is None and not _outputs(out) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        stderr = proc.communicate(timeout=60)[1].decode()
    partial = _outputs(out)
    assert 0 < len(partial) < 2 * DOCUMENTS, stderr
    assert all(data == _outputs(local_run)[name] for name, data in partial.items())  # never a torn file

    assert run_cli(["translate", str(releases), "--out", str(out), "--resume", "--executor", "ray",
                    "--workers", "2", *_cli_args(small_models)]) == 0
    assert _outputs(out) == _outputs(local_run)
    _assert_same_report(out, local_run)


@pytest.mark.parametrize(("extra", "message"), [
    (["--executor", "dask"], "--executor: unsupported executor 'dask' (use one of local, ray)"),
    (["--executor", "ray", "--workers", "0"], "--workers must be between 1 and 1024, not 0"),
    (["--ray-address", "auto"], "--ray-address needs --executor ray"),
    (["--executor", "ray", "--workers", "3", "--threads", "1"],
     "--workers 3 with --threads 1 needs 3 CPUs; the Ray cluster has 2: give --workers 2 at most"),
    (["--executor", "ray", "--ray-address", "127.0.0.1:1"],
     "--ray-address 127.0.0.1:1: no Ray cluster answers there (Connection refused)"),
])
def test_executor_usage_errors_are_one_line(extra, message, releases, small_models, tmp_path, capsys):
    code = run_cli(["translate", str(releases), "--out", str(tmp_path / "out"), *_cli_args(small_models), *extra])
    err = capsys.readouterr().err
    assert code == 2 and err == f"error: {message}\n"
    assert not (tmp_path / "out").exists()


def test_missing_ray_names_the_extra(releases, small_models, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # as if the extra were not installed
    code = run_cli(["translate", str(releases), "--out", str(tmp_path / "out"), "--executor", "ray",
                    *_cli_args(small_models)])
    assert code == 2
    assert capsys.readouterr().err == 'error: --executor ray needs Ray: pip install "pressmt[ray]"\n'


@pytest.mark.parametrize("reply", [b"HTTP/1.0 400 Bad request\r\n\r\n", None])
def test_ray_address_of_another_service_gives_up_in_seconds(reply, releases, small_models, tmp_path, capsys):
    """A port where a web server answers, or where something accepts and stays silent: one line
    within the probe's seconds, where Ray itself retried for minutes."""
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.recv(64)
            if reply:
                conn.sendall(reply)
            time.sleep(7)

    threading.Thread(target=serve, daemon=True).start()
    started = time.monotonic()
    code = run_cli(["translate", str(releases), "--out", str(tmp_path / "out"), *_cli_args(small_models),
                    "--executor", "ray", "--ray-address", f"127.0.0.1:{port}"])
    assert code == 2 and time.monotonic() - started < 30
    assert capsys.readouterr().err == (f"error: --ray-address 127.0.0.1:{port}: the service there is not a Ray "
                                       "cluster (no gRPC answer within 5 s)\n")
    assert not (tmp_path / "out").exists()
    server.close()
