"""The full names of organisations and states releases name by their letters ("ОБСЕ", "КНБ", "РФ"),
so that `glossary suggest` files each under the name a glossary entry takes, its letters a variant.

The table (abbreviations.tsv, each row with its kind and source) holds bodies and states Kazakhstan's
releases name often; an abbreviation outside it is proposed as written where the dictionary knows it
as a body or a place ("США", as the releases' readers know it)."""

from __future__ import annotations

import csv
from pathlib import Path

_TABLE = Path(__file__).with_name("abbreviations.tsv")


def _load() -> dict[str, tuple[str, str]]:
    with _TABLE.open(encoding="utf-8", newline="") as f:
        return {row["abbreviation"]: (row["ru"], row["kind"]) for row in csv.DictReader(f, delimiter="\t")}


#: Letters → the full Russian name and its kind ("body" or "place").
ABBREVIATIONS: dict[str, tuple[str, str]] = _load()
