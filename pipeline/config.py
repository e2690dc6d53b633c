"""Routes (which model translates into which language, direct or via a pivot) and run options.

Reads a small TOML file so a press office can pin model ids and revisions; never imports torch.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

from pipeline.languages import LANGUAGES
from pipeline.registry import check_choice
from pipeline.errors import InputError, PressMTError, UsageError
from pipeline.textfiles import read_text


def target_languages() -> list[str]:
    """Every registered target language code, sorted: the choices of `--to` and `--lang`."""
    return sorted(LANGUAGES)


def default_languages() -> list[str]:
    """What `--to` defaults to: every language a model translates into (none derived)."""
    return [code for code in target_languages() if LANGUAGES[code].derived_from is None]


@dataclass(frozen=True)
class Step:
    """One model in a route. `target_token` is prepended to the source for multi-target Marian models;
    `src_lang`/`tgt_lang` are NLLB/M2M language codes. None means "detect from the model"."""

    model: str
    revision: str | None = None
    target_token: str | None = None
    src_lang: str | None = None
    tgt_lang: str | None = None
    target: str = ""  # ISO code this step translates into ("en", "kk"); filled in by the route


@dataclass(frozen=True)
class Route:
    """How Russian reaches `lang`: one step (direct) or several (pivot, e.g. ru→en→kk)."""

    lang: str
    steps: tuple[Step, ...]

    @property
    def is_pivot(self) -> bool:
        return len(self.steps) > 1

    def describe(self) -> str:
        return " → ".join(s.model + (f"@{s.revision}" if s.revision else "") for s in self.steps)


#: Sane bounds of the numeric options (option name, field, lowest, highest): a beam of 1,000 or a
#: batch of a million sentences is a typo that would exhaust memory, not a setting.
OPTION_BOUNDS = (("--beams", "beams", 1, 16), ("--batch-size", "batch_size", 1, 1024),
                 ("--max-batch-tokens", "max_batch_tokens", 64, 1_000_000), ("--threads", "threads", 1, 1024),
                 ("--workers", "workers", 1, 1024))


@dataclass(frozen=True)
class Options:
    """Decoding and batching options that change outputs, and so belong in the resume fingerprint."""

    beams: int = 4
    batch_size: int = 16
    max_batch_tokens: int = 4096
    device: str = "auto"
    threads: int | None = None  # the whole CPU budget (default: every available core)
    backend: str = "hf"
    workers: int | None = None  # batches decoded at once, or Ray actors (default: one per thread)
    encoding: str | None = None  # --encoding: the codec text inputs are read in (default: detected)

    def __post_init__(self) -> None:
        for option, name, low, high in OPTION_BOUNDS:
            value = getattr(self, name)
            if value is not None and not low <= value <= high:
                raise PressMTError(f"{option} must be between {low} and {high}, not {value}")

    def fingerprint_fields(self) -> dict:
        """Only fields that change the text produced (not device, threads or workers). Batching is one of them:
        padding a sentence to its batch-mates' length changes the numbers, and so greedy and beam
        choices (9 of 12 test documents differ between --batch-size 1 and 16)."""
        return {"beams": self.beams, "backend": self.backend, "batch_size": self.batch_size,
                "max_batch_tokens": self.max_batch_tokens,
                **({"encoding": self.encoding} if self.encoding else {})}  # the text read: only when forced


def default_routes_path() -> Path:
    env = os.environ.get("PRESSMT_ROUTES")
    if env:
        return Path(env)
    return Path(str(resources.files("pipeline").joinpath("routes.toml")))


def load_routes(path: Path | None = None) -> dict[str, Route]:
    """Parse a routes TOML file into {lang: Route}; configuration errors name the file."""
    path = path or default_routes_path()
    try:
        data = tomllib.loads(read_text(Path(path)))
    except InputError as exc:
        raise PressMTError(f"routes file {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PressMTError(f"{path}: invalid TOML: {exc}") from None
    table = data.get("routes", {})
    if not isinstance(table, dict):
        raise PressMTError(f"{path}: 'routes' must be a table of [routes.LANG] sections")
    routes: dict[str, Route] = {}
    for lang, spec in table.items():
        steps = spec.get("steps") if isinstance(spec, dict) else None
        if not steps:
            raise PressMTError(f"{path}: route '{lang}' has no steps")
        if not isinstance(steps, list):
            raise PressMTError(f"{path}: route '{lang}': 'steps' must be a list of {{ model = \"…\" }} tables")
        parsed = []
        for i, raw in enumerate(steps):
            if not isinstance(raw, dict) or "model" not in raw:
                raise PressMTError(f"{path}: route '{lang}' step {i + 1} needs a 'model'")
            unknown = set(raw) - {"model", "revision", "target_token", "src_lang", "tgt_lang"}
            if unknown:
                raise PressMTError(f"{path}: route '{lang}' step {i + 1}: unknown keys {sorted(unknown)}")
            wrong = sorted(k for k, v in raw.items() if not isinstance(v, str) or not v.strip())
            if wrong:
                raise PressMTError(f"{path}: route '{lang}' step {i + 1}: {', '.join(wrong)} must be non-empty text")
            target = lang if i == len(steps) - 1 else "en"  # a pivot goes through English
            parsed.append(Step(target=target, **raw))
        routes[lang] = Route(lang=lang, steps=tuple(parsed))
    return routes


def apply_overrides(routes: dict[str, Route], overrides: list[str]) -> dict[str, Route]:
    """Apply `--model LANG=ID_OR_PATH` overrides: each replaces that language's route with one
    direct step (a target token, if the model needs one, is detected from its vocabulary)."""
    out = dict(routes)
    for item in overrides:
        lang, sep, model = item.partition("=")
        lang, model = lang.strip(), model.strip()
        if not sep or not lang or not model:
            raise PressMTError(f"--model expects LANG=ID_OR_PATH, got '{item}'")
        check_choice(f"--model {item}", lang, default_languages(), "language")
        out[lang] = Route(lang=lang, steps=(Step(model=model, target=lang),))
    return out


def parse_langs(value: str, option: str = "--to") -> list[str]:
    """The comma-separated languages of `option` (`--to en,kk`), in any letter case as language tags
    are (`kk-latn` is kk-Latn); a typo names its nearest language."""
    known = {code.lower(): code for code in target_languages()}
    langs = [known.get(x.strip().lower(), x.strip()) for x in value.split(",") if x.strip()]
    if not langs:
        raise UsageError(f"{option}: no language given (use one of {', '.join(target_languages())})")
    return [check_choice(option, lang, target_languages(), "language") for lang in langs]


def step_fingerprint(step: Step) -> str:
    """Stable hash of one step; a local model folder contributes its files' sizes and mtimes, so a
    rebuilt model never reuses a stale resume manifest or translation memory entry."""
    h = hashlib.sha256(json.dumps(asdict(step), sort_keys=True).encode())
    local = Path(step.model)
    if local.is_dir():
        for f in sorted(local.iterdir()):
            if f.is_file():
                st = f.stat()
                h.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def route_fingerprint(route: Route) -> str:
    return hashlib.sha256("|".join(step_fingerprint(s) for s in route.steps).encode()).hexdigest()[:16]


def cache_dir() -> Path:
    """Where pressmt keeps its translation memory and converted models:
    $PRESSMT_CACHE_DIR, else $XDG_CACHE_HOME/pressmt, else ~/.cache/pressmt."""
    base = os.environ.get("PRESSMT_CACHE_DIR")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pressmt"


@dataclass
class RunConfig:
    """Everything a translation run needs besides its inputs."""

    routes: dict[str, Route]
    langs: list[str] = field(default_factory=default_languages)
    options: Options = field(default_factory=Options)
