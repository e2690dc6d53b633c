"""The date of a Russian press release, read from its text, so entries can be checked against it.

Releases carry their date in a dateline or first lines: "12 марта 2025 года", "12.03.2025",
"2025-03-12". The first date found wins; None when there is none.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
           "ноябр", "декабр")
_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+(январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[йя]|июн[яь]|"
                    r"июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь])\s+(\d{4})",
                    re.IGNORECASE)
_DOTTED = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{2})\.(\d{4})(?![\d.])")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _month(word: str) -> int:
    lower = word.lower()
    return next(i for i, stem in enumerate(_MONTHS, 1)
                if lower.startswith(stem) and (stem != "ма" or lower in ("май", "мая")))


def release_date(text: str) -> date | None:
    """The first calendar date written in `text`, or None."""
    found: list[tuple[int, int, int, int]] = []  # (offset, year, month, day)
    for m in _WORDS.finditer(text):
        found.append((m.start(), int(m.group(3)), _month(m.group(2)), int(m.group(1))))
    for m in _DOTTED.finditer(text):
        found.append((m.start(), int(m.group(3)), int(m.group(2)), int(m.group(1))))
    for m in _ISO.finditer(text):
        found.append((m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for _, year, month, day in sorted(found):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None
