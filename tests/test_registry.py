"""One registry mechanism for every axis (issue 20, item 3): a plug-in registered from outside
`pipeline/` (here, this file) is listed by the CLI and used by it, and an unknown name is one line
that names the known ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_report

from pipeline.cli import run_cli
from pipeline.engines.base import BACKENDS
from pipeline.errors import InputError
from pipeline.executors.base import EXECUTORS, ExecutorPlugin
from pipeline.executors.local import LocalExecutor
from pipeline.formats import FORMATS, registered_suffixes, unsupported_reason
from pipeline.formats.text import TextFormat
from pipeline.glossary.load import load_glossary
from pipeline.glossary.readers import GLOSSARY_READERS
from pipeline.registry import Plugin, Registry, UnknownName
from pipeline.writers.base import WRITERS, Writer, writer

RELEASE = ("Аким области провёл совещание по подготовке к отопительному сезону.\n"
           "В областном центре открылась новая школа на 1200 мест.\n")


@pytest.fixture
def scratch(monkeypatch: pytest.MonkeyPatch):
    """Registries whose plug-ins this test adds are restored afterwards (the session's other tests
    see only the built-in ones)."""
    for registry in (FORMATS, WRITERS, EXECUTORS):
        list(registry)  # discovered first, so the copy holds the built-in plug-ins
        monkeypatch.setattr(registry, "_plugins", dict(registry._plugins))


class RuLinesFormat(TextFormat):
    """Russian plain text under the suffix `.rulines` (a toy format defined only in this test)."""

    name = "rulines"
    suffixes = (".rulines",)


class LinesWriter(Writer[list]):
    """Lines, one per item (a toy writer defined only in this test)."""

    name = "lines"

    def write(self, data: list, target: Path) -> list[Path]:
        target.write_text("".join(f"{item}\n" for item in data), encoding="utf-8")
        return [target]


class CountingExecutor(ExecutorPlugin):
    """The local executor, counting the sentences it was given (a toy executor of this test)."""

    name = "counting"
    options = ("--workers", "--threads")
    sentences = 0

    def describe(self) -> str:
        return "this process, counting"

    def make(self, options, given):  # type: ignore[no-untyped-def]
        plugin = self
        local = LocalExecutor(options)
        translate = local.translate

        def counted(step, sentences, on_done=None):  # type: ignore[no-untyped-def]
            plugin.sentences += sum(1 for s in sentences if s.strip())
            return translate(step, sentences, on_done)

        local.translate = counted  # type: ignore[method-assign]
        return local


def _help(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", "250")
    assert run_cli([*args, "--help"]) == 0
    return capsys.readouterr().out


def test_every_axis_is_one_registry_of_plugins_that_describe_themselves():
    axes = {"format": FORMATS, "writer": WRITERS, "glossary reader": GLOSSARY_READERS, "backend": BACKENDS,
            "executor": EXECUTORS}
    for what, registry in axes.items():
        assert isinstance(registry, Registry) and registry.what == what
        assert registry.names() and set(registry.names()) == set(registry)
        for name, plugin in registry.items():
            assert isinstance(plugin, Plugin) and plugin.name == name
            assert isinstance(plugin.options, tuple) and plugin.describe().strip(), (what, name)
    assert BACKENDS.names() == ("hf", "ct2") and EXECUTORS.names() == ("local", "ray")
    assert FORMATS["text"].options == ("--encoding",) and FORMATS["docx"].options == ()
    assert list(GLOSSARY_READERS.by_suffix) == [".tsv", ".csv", ".tbx"]


def test_a_format_registered_here_is_listed_by_the_cli_and_translated(scratch, tmp_path, small_models, capsys,
                                                                      monkeypatch):
    assert ".rulines" not in _help(capsys, monkeypatch, "translate")
    FORMATS.register(RuLinesFormat)

    assert ".rulines" in registered_suffixes() and ".rulines" in unsupported_reason(Path("x.pdf"))
    assert ".rulines" in _help(capsys, monkeypatch, "translate")  # the PATH help is read from the registry
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "release.rulines").write_text(RELEASE, encoding="utf-8")
    out = tmp_path / "out"
    code = run_cli(["translate", str(tmp_path / "in"), "--out", str(out), "--to", "en", "--model",
                    f"en={small_models['en']}", "--beams", "1", "--no-cache", "--no-glossary"])
    assert code == 0, capsys.readouterr()
    translated = (out / "release.en.rulines").read_text(encoding="utf-8").splitlines()
    assert len(translated) == 2 and not any("провёл" in line for line in translated)
    (entry,) = run_report(out)["documents"]
    assert entry["path"] == "release.rulines" and entry["status"] == "translated"


def test_an_executor_registered_here_is_a_choice_of_the_cli_and_runs(scratch, tmp_path, small_models, capsys,
                                                                     monkeypatch):
    EXECUTORS.register(CountingExecutor)
    row = next(line for line in _help(capsys, monkeypatch, "translate").splitlines() if "--executor" in line)
    assert "local|ray|counting" in row and "counting (this process, counting)" in row
    (tmp_path / "release.txt").write_text(RELEASE, encoding="utf-8")
    code = run_cli(["translate", str(tmp_path / "release.txt"), "--out", str(tmp_path / "out"), "--to", "en",
                    "--model", f"en={small_models['en']}", "--beams", "1", "--no-cache", "--no-glossary",
                    "--executor", "counting"])
    assert code == 0, capsys.readouterr()
    assert EXECUTORS["counting"].sentences == 2
    # an option only another executor reads is refused with this one, as with local
    code = run_cli(["translate", str(tmp_path / "release.txt"), "--out", str(tmp_path / "out2"),
                    "--executor", "counting", "--ray-address", "auto"])
    assert (code, capsys.readouterr().err) == (2, "error: --ray-address needs --executor ray\n")


def test_a_writer_registered_here_is_found_by_name(scratch, tmp_path):
    WRITERS.register(LinesWriter)
    assert "lines" in WRITERS.names()
    assert writer("lines").write(["Акимат", "Мәслихат"], tmp_path / "x.txt") == [tmp_path / "x.txt"]
    assert (tmp_path / "x.txt").read_text(encoding="utf-8") == "Акимат\nМәслихат\n"


def test_an_unknown_name_is_one_line_naming_the_registered_ones(tmp_path, capsys):
    with pytest.raises(UnknownName) as caught:
        writer("pdf")
    assert str(caught.value) == "no writer named 'pdf' (registered: junit, review, summary-md, tmx, xliff)"
    assert isinstance(caught.value, KeyError)  # code that looked writers up as in a dict still catches it
    (tmp_path / "release.txt").write_text(RELEASE, encoding="utf-8")
    code = run_cli(["translate", str(tmp_path / "release.txt"), "--out", str(tmp_path / "out"), "--no-cache",
                    "--executor", "kubernetes"])
    assert (code, capsys.readouterr().err) == (2, "error: --executor: unsupported executor 'kubernetes' "
                                                  "(use one of local, ray)\n")
    (tmp_path / "terms.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError) as bad:
        load_glossary(tmp_path / "terms.xlsx")
    assert str(bad.value) == f"{tmp_path / 'terms.xlsx'}: unsupported glossary format; use one of .tsv, .csv, .tbx"


def test_a_name_or_suffix_claimed_twice_is_refused(scratch):
    class Other(RuLinesFormat):
        """Another format under the name of the text format."""

        name = "text"
        suffixes = (".other",)

    class Clash(RuLinesFormat):
        """A second claim on .md."""

        name = "clash"
        suffixes = (".md",)

    with pytest.raises(ValueError, match="format name text is claimed twice"):
        FORMATS.register(Other)
    with pytest.raises(ValueError, match=r"suffix \.md is claimed by both markdown and clash"):
        FORMATS.register(Clash)
    assert "clash" not in FORMATS and FORMATS.for_path(Path("a.MD")).name == "markdown"
