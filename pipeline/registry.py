"""One registry mechanism for every extension axis: document formats, output writers, glossary
readers, engine backends, executors (and target languages when they become plug-ins).

A plug-in is an object that declares its `name`, the command-line options it reads (`options`) and
a one-line `describe()`; formats and glossary readers also declare the file `suffixes` they claim.
A `Registry` holds the plug-ins of one axis by name (it is a read-only mapping, so `name in
REGISTRY` and `"|".join(REGISTRY)` read as for a dict), imports the modules that register them
on first use (so a heavy library loads only when its plug-in is used, and a new plug-in is one new
module), answers an unknown name with one line naming the nearest and the known names, and gives
the CLI its choices and help text, so a new plug-in never edits the CLI.

Also here: the one check for options with a fixed set of values that are not plug-ins (`--to`,
`--device`, `--quantization`): a typo is answered with the nearest allowed value, so `--to kz`
says "did you mean kk?" rather than listing every choice and leaving the user to spot the mistake.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import pkgutil
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

from pipeline.errors import UsageError

#: Names people type for a choice that spelling cannot find: Kazakhstan's country code, the ISO 639-2
#: language codes (Marian's `>>kaz<<`), and "gpu", nearer to "cpu" by its letters than to "cuda".
#: Two-letter codes are too short for spelling alone: "kz" is as near to "kk" as "de" is to "en".
ALIASES = {"kz": "kk", "kaz": "kk", "eng": "en", "gpu": "cuda"}


def _suggestion(value: str, choices: Iterable[str]) -> str:
    """"did you mean X?" for the nearest choice (case ignored), else "use one of A, B"."""
    choices = list(choices)
    key = value.strip().lower()
    close = [ALIASES[key]] if ALIASES.get(key) in choices else difflib.get_close_matches(key, choices, n=1)
    return f"did you mean {close[0]}?" if close else f"use one of {', '.join(choices)}"


class UnknownName(UsageError, KeyError):
    """A name no choice or plug-in has: a usage error (exit 2 at the CLI), and a KeyError for code
    that looks plug-ins up as in a dict."""

    __str__ = Exception.__str__  # the message itself, not KeyError's quoted repr


def check_choice(option: str, value: str, choices: Iterable[str], what: str) -> str:
    """`value` when it is one of `choices`; else one usage error naming the option and the nearest choice."""
    choices = list(choices)
    if value not in choices:
        raise UnknownName(f"{option}: unsupported {what} '{value}' ({_suggestion(value, choices)})")
    return value


def spoken_list(items: list[str]) -> str:
    """"a", "a or b", "a, b or c": choices as a help sentence names them."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


class Plugin:
    """What every plug-in declares. Subclass it (or any class with these attributes) and register an
    instance, or the class itself with `@REGISTRY.register`, which makes the one instance."""

    name: ClassVar[str]
    """The name used on the command line, in messages and in the report ("docx", "ct2", "ray")."""

    options: ClassVar[tuple[str, ...]] = ()
    """The command-line options this plug-in reads besides its own choice ("--encoding",
    "--ray-address"); an option only some plug-ins read is refused with the others."""

    def describe(self) -> str:
        """One line for help and docs: by default the first paragraph of the class docstring."""
        return " ".join((inspect.getdoc(type(self)) or self.name).split("\n\n")[0].split())


P = TypeVar("P")


class Registry(Mapping[str, P], Generic[P]):
    """The plug-ins of one axis by name, found lazily.

    `what` names the axis in messages ("backend"), `option` is its command-line option
    ("--backend") where it has one; `package` (every module in it but `base` and private ones is
    imported on first use) and `modules` name where the plug-ins register themselves.
    """

    def __init__(self, what: str, *, option: str | None = None, package: str | None = None,
                 modules: tuple[str, ...] = ()) -> None:
        self.what = what
        self.option = option
        self._package = package
        self._modules = modules
        self._plugins: dict[str, P] = {}
        self._discovered = False

    def register(self, plugin):  # type: ignore[no-untyped-def]  # a class (decorator) or an instance
        """Add a plug-in; a class is instantiated once and returned, so this works as a decorator.
        A name or suffix already claimed by another plug-in is a programming error (ValueError)."""
        instance = plugin() if isinstance(plugin, type) else plugin
        name = instance.name
        if name in self._plugins and type(self._plugins[name]) is not type(instance):
            raise ValueError(f"{self.what} name {name} is claimed twice")
        for suffix in getattr(instance, "suffixes", ()):
            owner = self._suffix_owner(suffix)
            if owner is not None and owner.name != name:  # type: ignore[attr-defined]
                raise ValueError(f"suffix {suffix} is claimed by both {owner.name} and {name}")  # type: ignore[attr-defined]
        self._plugins[name] = instance
        return plugin

    def unregister(self, name: str) -> None:
        """Remove a plug-in, so one registered for a while (a test's) leaves the axis as it was."""
        self._plugins.pop(name, None)

    def _discover(self) -> None:
        """Import the modules that register this axis's plug-ins (once)."""
        if self._discovered:
            return
        self._discovered = True
        names = list(self._modules)
        if self._package is not None:
            package = importlib.import_module(self._package)
            names += [f"{self._package}.{m.name}" for m in pkgutil.iter_modules(package.__path__)
                      if m.name != "base" and not m.name.startswith("_")]
        for module in names:
            importlib.import_module(module)

    # the Mapping interface: plug-ins by name, in registration order
    def __getitem__(self, name: str) -> P:
        self._discover()
        return self._plugins[name]

    def __iter__(self) -> Iterator[str]:
        self._discover()
        return iter(list(self._plugins))

    def __len__(self) -> int:
        self._discover()
        return len(self._plugins)

    def names(self) -> tuple[str, ...]:
        """Every registered name, in registration order."""
        return tuple(self)

    def lookup(self, name: str) -> P:
        """The plug-in called `name`. An unknown name is one line (`UnknownName`): for an axis
        chosen on the command line, the option and the nearest name, as for every choice; for one
        chosen in code, every registered name."""
        if self.option is not None:
            check_choice(self.option, name, self.names(), self.what)
        elif name not in self:
            raise UnknownName(f"no {self.what} named {name!r} (registered: {', '.join(sorted(self))})")
        return self._plugins[name]

    def check_options(self, name: str, given: Mapping[str, object]) -> None:
        """Refuse an option (from `given`, option → value, None when not given) that plug-ins of
        this axis declare but `name` does not read: "--ray-address needs --executor ray"."""
        reads = set(self.lookup(name).options)  # type: ignore[attr-defined]
        for option, value in given.items():
            if value is None or option in reads:
                continue
            readers = [n for n, p in self._plugins.items() if option in p.options]  # type: ignore[attr-defined]
            if readers:
                raise UsageError(f"{option} needs {self.option or self.what} {spoken_list(readers)}")

    # suffixes, for the axes that choose a plug-in by file name (formats, glossary readers)
    def _suffix_owner(self, suffix: str) -> P | None:
        return next((p for p in self._plugins.values() if suffix in getattr(p, "suffixes", ())), None)

    @property
    def by_suffix(self) -> SuffixIndex[P]:
        """The plug-ins by the suffixes they claim, in registration order (".tsv", ".csv", ".tbx")."""
        return SuffixIndex(self)

    def for_path(self, path: Path) -> P | None:
        """The plug-in claiming `path`'s suffix (any case: `.DOCX` is Word's), None when none does."""
        return self.by_suffix.get(path.suffix.lower())

    # what the CLI shows
    def metavar(self) -> str:
        """The choices as an option's value is shown in help: "hf|ct2"."""
        return "|".join(self)

    def choices_help(self) -> str:
        """Each choice with its description, as a help sentence: "local (this process) or ray (...)"."""
        return spoken_list([f"{name} ({plugin.describe()})" for name, plugin in self.items()])  # type: ignore[attr-defined]


class SuffixIndex(Mapping[str, P], Generic[P]):
    """A registry's plug-ins by suffix, read live: a plug-in registered later is in it too."""

    def __init__(self, registry: Registry[P]) -> None:
        self._registry = registry

    def __getitem__(self, suffix: str) -> P:
        self._registry._discover()
        plugin = self._registry._suffix_owner(suffix)
        if plugin is None:
            raise KeyError(suffix)
        return plugin

    def __iter__(self) -> Iterator[str]:
        return iter([s for p in self._registry.values() for s in getattr(p, "suffixes", ())])

    def __len__(self) -> int:
        return sum(1 for _ in self)
