"""Routes TOML and per-run overrides: what a press office pins, and the errors it sees."""

import pytest

from pipeline.config import Options, apply_overrides, load_routes, parse_langs, route_fingerprint
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
    with pytest.raises(PressMTError, match="missing.toml: cannot read: No such file"):
        load_routes(tmp_path / "missing.toml")


@pytest.mark.parametrize(("toml", "message"), [
    ("routes = 5\n", "'routes' must be a table"),
    ("[routes.en]\nsteps = 5\n", "'steps' must be a list"),
    ("[routes.en]\nsteps = [{ model = 5 }]\n", "step 1: model must be non-empty text"),
    ('[routes.en]\nsteps = [{ model = "" }]\n', "step 1: model must be non-empty text"),
    ('[routes.kk]\nsteps = [{ model = "Helsinki-NLP/opus-mt-ru-en", revision = 3 }]\n', "revision must be"),
])
def test_wrongly_typed_routes_are_one_clear_error(tmp_path, toml, message):
    """Each of these was a traceback (AttributeError, TypeError) or, for model = "", a route that
    loaded the current folder as a model."""
    bad = tmp_path / "routes.toml"
    bad.write_text(toml, encoding="utf-8")
    with pytest.raises(PressMTError, match=message):
        load_routes(bad)


def test_non_utf8_routes_and_a_folder_are_one_clear_error(tmp_path):
    bad = tmp_path / "routes.toml"
    bad.write_bytes('# маршруты пресс-службы\n[routes.en]\nsteps = [{ model = "x" }]\n'.encode("cp1251"))
    with pytest.raises(PressMTError, match=r"routes.toml:1: invalid UTF-8"):
        load_routes(bad)
    with pytest.raises(PressMTError, match="cannot read: Is a directory"):
        load_routes(tmp_path)


@pytest.mark.parametrize(("field", "value", "option"), [
    ("beams", 17, "--beams"), ("beams", 0, "--beams"), ("batch_size", 0, "--batch-size"),
    ("batch_size", 100_000, "--batch-size"), ("threads", 0, "--threads")])
def test_options_out_of_bounds_are_refused(field, value, option):
    with pytest.raises(PressMTError, match=f"{option} must be between"):
        Options(**{field: value})


def test_every_output_changing_option_is_in_the_fingerprint():
    """--batch-size changes outputs (padding), so resume and the translation memory must tell
    runs with different batch sizes apart; device and threads do not change text."""
    base = Options().fingerprint_fields()
    assert Options(batch_size=1).fingerprint_fields() != base
    assert Options(max_batch_tokens=1024).fingerprint_fields() != base
    assert Options(beams=2).fingerprint_fields() != base
    assert Options(threads=2, device="cpu").fingerprint_fields() == base


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
    assert parse_langs("EN,kk-latn") == ["en", "kk-Latn"]  # language tags ignore letter case
    with pytest.raises(PressMTError, match="unsupported"):
        parse_langs("en,de")
