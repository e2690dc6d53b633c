"""The Python API: what the `pressmt` commands do, callable from a script, a bench or a notebook.

The CLI (`pipeline.cli`) only parses options, calls these functions and prints; so a script gets
the same checks, defaults, glossaries and memories as a command line, and this module imports
nothing of the CLI (tests/test_api.py checks it).

    from pathlib import Path
    from pipeline import api

    config = api.run_config(to="en,kk", models=["en=models/ru-en", "kk=models/mul-mul"])
    result = api.translate([Path("releases")], Path("out"), config)   # shipped glossaries, memory
    print(result.exit_code, result.report["summary"])

Errors are `pipeline.errors.PressMTError` with one line to show (the CLI exits 2 with it).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pipeline.config import (
    Options, RunConfig, apply_overrides, cache_dir, default_languages, load_routes, parse_langs, target_languages,
)
from pipeline.languages.base import model_languages
from pipeline.engines.base import BACKENDS
from pipeline.engines.device import resolve_device
from pipeline.errors import PressMTError
from pipeline.glossary.load import load_glossaries as _load_files
from pipeline.glossary.model import Glossary
from pipeline.glossary.sources import glossary_paths
from pipeline.quality.gate import GateResult, Thresholds, gate
from pipeline.registry import check_choice
from pipeline.textfiles import check_encoding
from pipeline.tm import TranslationMemory

if TYPE_CHECKING:
    from pipeline.run import DocumentOutcome, RunResult

__all__ = ["SHIPPED", "EnforcedLine", "Memories", "Thresholds", "enforce", "evaluate_files", "evaluate_samples",
           "load_glossaries", "open_memory", "run_config", "translate"]

#: A `glossary=` argument: a loaded Glossary, None for none, or SHIPPED for the shipped glossaries/
#: (the default of every function, as of every command).
SHIPPED: Literal["shipped"] = "shipped"
GlossaryArg = Glossary | None | Literal["shipped"]

#: The environment variable naming the memory of editors' approved translations, as `--tm` does.
TM_ENV = "PRESSMT_TM"


def run_config(*, to: str | None = None, models: Iterable[str] = (), routes: Path | None = None,
               batch_size: int = 16, beams: int = 4, device: str = "auto", threads: int | None = None,
               backend: str = "hf", workers: int | None = None, encoding: str | None = None) -> RunConfig:
    """Languages, routes and engine options of a run, checked now (a wrong backend, a CUDA device
    that is not there, a language without a route, an unknown encoding), not mid-run. `models`
    are "LANG=MODEL" overrides of the routes (`--model`); `to` defaults to every language a
    model translates into, and a derived language ("kk-Latn") needs the route of its source."""
    BACKENDS.lookup(backend)
    resolve_device(device, backend)  # --device cuda without a GPU: one line now, not a traceback mid-run
    langs = parse_langs(",".join(default_languages()) if to is None else to)
    all_routes = apply_overrides(load_routes(routes), list(models))
    missing = [lang for lang in model_languages(langs) if lang not in all_routes]
    if missing:
        raise PressMTError(f"no route configured for {', '.join(missing)}: add it to the routes file or pass --model")
    options = Options(beams=beams, batch_size=batch_size, device=device, threads=threads, backend=backend,
                      workers=workers, encoding=_encoding(encoding))
    return RunConfig(routes=all_routes, langs=langs, options=options)


def _encoding(encoding: str | None) -> str | None:
    try:
        return None if encoding is None else check_encoding(encoding)
    except ValueError as exc:
        raise PressMTError(f"--encoding: {exc}") from None


def load_glossaries(paths: Iterable[Path | str] = (), *, shipped: bool = True) -> Glossary | None:
    """The glossary every command uses: the shipped glossaries/ (unless `shipped` is False) plus
    each file or folder of `paths` (TSV/CSV/TBX), a user's entry replacing the shipped one for the
    same Russian term; None when no file is left. What a user should be told about it (how an
    unusual file was read, which shipped entries were replaced) is `glossary.load.notices`."""
    files = glossary_paths([Path(p) for p in paths], shipped=shipped)
    return _load_files(files) if files else None


def _glossary(glossary: GlossaryArg) -> Glossary | None:
    return load_glossaries() if glossary == SHIPPED else glossary  # type: ignore[return-value]


def machine_cache_path() -> Path:
    """The hidden per-user cache of machine outputs."""
    return cache_dir() / "tm.sqlite"


def named_memory(path: Path | None) -> Path | None:
    """The memory the user named: `path` (`--tm`), else $PRESSMT_TM, else None."""
    env = os.environ.get(TM_ENV)
    return path or (Path(env) if env else None)


@dataclass
class Memories:
    """The two memories of a run (possibly one file): `machine` caches engine outputs (the named
    memory, else the hidden cache; disabled without a cache), `editors` holds editors' approved
    translations and is only ever the named memory, so an entry imported by someone else into the
    hidden cache never overrides a model (issue 16)."""

    machine: TranslationMemory
    editors: TranslationMemory

    def unused_human_entries(self) -> int:
        """Editors' entries an older pressmt left in the hidden cache, which are no longer used."""
        return self.machine.human_count() if self.machine.enabled and not self.editors.enabled else 0

    def close(self) -> None:
        self.machine.close()
        self.editors.close()

    def __enter__(self) -> Memories:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_memory(path: Path | None = None, *, cache: bool = True) -> Memories:
    """The memories of a run that writes them (translate, import xliff), each checked writable:
    the memory named by `path` or $PRESSMT_TM, else the hidden cache for machine outputs only;
    `cache=False` bypasses cached machine outputs (editors' translations still apply)."""
    named = named_memory(path)
    editors = TranslationMemory(named) if named else TranslationMemory.disabled()
    machine = (TranslationMemory.disabled() if not cache else editors if named
               else TranslationMemory(machine_cache_path()))
    for memory in (editors, machine):
        memory.check_writable()
    return Memories(machine, editors)


def translate(inputs: Iterable[Path | str], out: Path | str, config: RunConfig | None = None, *,
              glossary: GlossaryArg = SHIPPED, memory: Memories | None = None, resume: bool = False,
              executor: str = "local", ray_address: str | None = None,
              on_start: Callable[[int], None] | None = None,
              on_document: Callable[[DocumentOutcome], None] | None = None) -> RunResult:
    """Translate files and folders of releases into `out`, as `pressmt translate` does: outputs,
    report.json/report.jsonl, review page. `config` defaults to `run_config()`; `memory` to
    `open_memory()` (opened and closed here; one you pass stays open). `on_start(total)` and
    `on_document(outcome)` follow progress."""
    from pipeline.engines.pool import EnginePool
    from pipeline.executors import make_executor
    from pipeline.run import Runner

    config = config or run_config()
    gloss = _glossary(glossary)
    own = memory is None
    memories = open_memory() if memory is None else memory
    try:
        pool = EnginePool(config.options, tm=memories.machine, editors=memories.editors,
                          executor=make_executor(executor, config.options, address=ray_address))
        with pool:
            runner = Runner(config, Path(out), glossary=gloss, glossary_paths=list(gloss.sources) if gloss else [],
                            resume=resume, pool=pool, on_start=on_start, on_document=on_document)
            return runner.run([Path(p) for p in inputs])
    finally:
        if own:
            memories.close()


@dataclass
class EnforcedLine:
    """One line of a translation after enforcement: its text (with the line's own ending, so an
    untouched line is byte-identical) and the result of every glossary term of its source."""

    text: str
    terms: list


def _split_ending(line: str) -> tuple[str, str]:
    body = line.rstrip("\r\n")
    return body, line[len(body):]


def enforce(sources: Sequence[str], translations: Sequence[str], lang: str,
            glossary: Glossary | Literal["shipped"] = SHIPPED) -> list[EnforcedLine]:
    """Check and repair glossary terms in a translation made elsewhere, as `pressmt enforce`:
    `translations[i]` (in `lang`) is the translation of the Russian `sources[i]`; lines may keep
    their line endings."""
    from pipeline.glossary.enforce import enforce_segment
    from pipeline.glossary.match import Matcher

    check_choice("--lang", lang, target_languages(), "language")
    if len(sources) != len(translations):
        raise PressMTError(f"{len(sources)} source lines but {len(translations)} translated lines; "
                           "they must be line-aligned")
    gloss = _glossary(glossary)
    if gloss is None:
        raise PressMTError("no glossary: the shipped glossaries/ folder is missing; pass one")
    matcher = Matcher(gloss)
    enforced = []
    for src_line, tgt_line in zip(sources, translations):
        tgt_text, ending = _split_ending(tgt_line)
        fixed, results = enforce_segment(tgt_text, matcher.find(_split_ending(src_line)[0]), lang)
        enforced.append(EnforcedLine(fixed + ending, results))
    return enforced


def evaluate_samples(samples_dir: Path | str, config: RunConfig | None = None, *, glossary: GlossaryArg = SHIPPED,
                     thresholds: Thresholds = Thresholds()) -> GateResult:
    """Translate a sample set (`<name>/ru.txt` with `<lang>.txt` references) as `pressmt translate`
    does and score every document and language against `thresholds`, as `pressmt evaluate
    SAMPLES_DIR`: the result's `passed`, `verdict()` and `exit_code` are the CLI's."""
    from pipeline.quality.samples import read_samples, translate_samples

    thresholds.check()
    config = config or run_config()
    samples = read_samples(Path(samples_dir), config.langs, config.options.encoding)
    gloss = _glossary(glossary)
    if thresholds.min_term_accuracy is not None and gloss is None:
        raise PressMTError("--min-term-accuracy needs a glossary (--glossary, or the shipped glossaries/)")
    return gate(translate_samples(samples, config, gloss), thresholds)


def check_term_lang(lang: str | None) -> str:
    """The language of a hypothesis scored for term accuracy (`--lang`), checked before any file is read."""
    if lang not in target_languages():
        raise PressMTError(f"--lang must be one of {', '.join(target_languages())} with --src (the language of --hyp)")
    return lang


def evaluate_files(hyp: Path, refs: Sequence[Path], *, src: Path | None = None, lang: str | None = None,
                   glossary: Glossary | None = None, encoding: str | None = None) -> dict:
    """BLEU, chrF, chrF++ and TER (with sacrebleu signatures) of `hyp` against `refs`, as `pressmt
    evaluate --hyp --ref`; with `src`, `lang` and `glossary`, the term accuracy of the hypothesis
    and of the first reference."""
    from pipeline.quality.samples import score_files

    terms = None
    if src is not None and glossary is not None:
        terms = (src, glossary, check_term_lang(lang))
    return score_files(hyp, list(refs), terms, _encoding(encoding))
