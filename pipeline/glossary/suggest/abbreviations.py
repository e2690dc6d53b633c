"""The full names of organisations releases name by their letters ("ОБСЕ", "ШОС", "КНБ"), so that
`glossary suggest` files each under the name a glossary entry takes, its letters a variant.

The table (abbreviations.tsv, each row with its source) holds bodies Kazakhstan's releases name
often; an abbreviation outside it is proposed as written where the dictionary knows it as a body."""

from __future__ import annotations

import csv
from pathlib import Path

_TABLE = Path(__file__).with_name("abbreviations.tsv")


def _load() -> dict[str, str]:
    with _TABLE.open(encoding="utf-8", newline="") as f:
        return {row["abbreviation"]: row["ru"] for row in csv.DictReader(f, delimiter="\t")}


#: Letters → the organisation's full Russian name.
ABBREVIATIONS: dict[str, str] = _load()
