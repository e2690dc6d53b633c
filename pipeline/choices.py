"""One check for every option with a fixed set of values (`--to`, `--lang`, `--device`, `--backend`,
`--executor`): a typo is answered with the nearest allowed value, so `--to kz` says "did you mean kk?"
rather than listing every choice and leaving the user to spot their mistake."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from pipeline.errors import UsageError

#: Names people type for a choice that spelling cannot find: Kazakhstan's country code, the ISO 639-2
#: language codes (Marian's `>>kaz<<`), and "gpu", nearer to "cpu" by its letters than to "cuda".
#: Two-letter codes are too short for spelling alone: "kz" is as near to "kk" as "de" is to "en".
ALIASES = {"kz": "kk", "kaz": "kk", "eng": "en", "gpu": "cuda"}


def _suggestion(value: str, choices: Iterable[str], aliases: Mapping[str, str] = ALIASES) -> str:
    """"did you mean X?" for the nearest choice (case ignored), else "use one of A, B"."""
    choices = list(choices)
    key = value.strip().lower()
    close = [aliases[key]] if aliases.get(key) in choices else difflib.get_close_matches(key, choices, n=1)
    return f"did you mean {close[0]}?" if close else f"use one of {', '.join(choices)}"


def check_choice(option: str, value: str, choices: Iterable[str], what: str) -> str:
    """`value` when it is one of `choices`; else one usage error naming the option and the nearest choice."""
    choices = list(choices)
    if value not in choices:
        raise UsageError(f"{option}: unsupported {what} '{value}' ({_suggestion(value, choices)})")
    return value
