"""Routes TOML and per-run overrides: what a press office pins, and the errors it sees."""

import pytest

from pipeline.config import apply_overrides, load_routes, parse_langs, route_fingerprint
from pipeline.errors import PressMTError


def test_default_routes_pivot_kazakh_through_english():
    routes = load_routes()
    assert [s.model for s in routes["en"].steps] == ["Helsinki-NLP/opus-mt-ru-en"]
    kk = routes["kk"]
    assert kk.is_pivot and [s.target for s in kk.steps] == ["en", "kk"]
    assert kk.steps[0] == routes["en"].steps[0]  # the shared first step is translated once per run
    assert kk.steps[1].target_token == ">>kaz<<"


def test_route_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "routes.toml"
    bad.write_text("[routes.en\nsteps = []\n", encoding="utf-8")
    with pytest.raises(PressMTError, match=f"{bad}: invalid TOML"):
        load_routes(bad)
    bad.write_text('[routes.en]\nsteps = [{ model = "x", beam = 5 }]\n', encoding="utf-8")
    with pytest.raises(PressMTError, match=r"unknown keys \['beam'\]"):
        load_routes(bad)
    with pytest.raises(PressMTError, match="routes file not found"):
        load_routes(tmp_path / "missing.toml")


def test_model_override_replaces_a_route_with_one_direct_step(tmp_path):
    model = tmp_path / "ru-kk"
    model.mkdir()
    routes = apply_overrides(load_routes(), [f"kk={model}"])
    assert [s.model for s in routes["kk"].steps] == [str(model)] and routes["kk"].steps[0].target == "kk"
    before = route_fingerprint(routes["kk"])
    (model / "model.safetensors").write_bytes(b"rebuilt")
    assert route_fingerprint(routes["kk"]) != before  # a rebuilt local model invalidates resume/TM
    for bad in ("kk", "de=x", "=x"):
        with pytest.raises(PressMTError):
            apply_overrides(routes, [bad])


def test_target_languages():
    assert parse_langs("en, kk") == ["en", "kk"]
    with pytest.raises(PressMTError, match="unsupported"):
        parse_langs("en,de")
