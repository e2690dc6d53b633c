"""Numbers and amounts as a multiset of values, so that a source and its translation can be compared.

Press releases live on figures (budgets, percentages, dates); a dropped or mangled number is the
error an editor most needs to see. Writing conventions differ by language, so we compare *values*:
"1,5 млн" (ru), "1.5 million" (en) and "1,5 миллион" (kk) all become 1500000.

Rules, and why:
- Decimal comma and decimal point are both decimals; a comma followed by exactly three digits in
  English is a thousands separator ("1,500"), as it never is in Russian or Kazakh.
- Thousands groups separated by a space, NBSP or narrow NBSP ("1 500 000") are one number.
- A scale word after a number multiplies it (тыс./млн/млрд/трлн, thousand/million/billion/trillion,
  мың/миллион/миллиард/триллион, with any inflection); in a range the scale is shared
  ("от 340 до 500 миллионов" = "340 million to 500 million").
- Month names are words in all three languages ("12 марта 2024" / "12 March 2024" /
  "2024 жылғы 12 наурызда"), so only day and year are numbers; numeric dates ("12.03.2024",
  "2024-03-12", "03/12/2024") therefore contribute their day and year only.
- Roman-numeral centuries ("XV век", "XV ғасыр") count as numbers: translations write "15th century".
- Signs are ignored: "минус 5" and "-5" must compare equal.
- Translators spell small numbers out ("10 минут" → "ten minutes"), so a value found on one side
  only is excused when the other side spells it out. Spelled numbers never count on their own:
  "one of" and the Kazakh article "бір" would otherwise look like added numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from pipeline.languages.base import LANGUAGES

_SPACE = "[ \u00a0\u202f\u2009]"
_LETTER = "a-zа-яёәғқңөұүһі"
_SCALE_PATTERNS: dict[int, str] = {
    3: rf"тыс(?:\.|[{_LETTER}]*)|thousands?|мың[{_LETTER}]*",
    6: rf"млн\.?|миллион[{_LETTER}]*|millions?|mln\.?|mn",
    9: rf"млрд\.?|миллиард[{_LETTER}]*|billions?|bn",
    12: rf"трлн\.?|триллион[{_LETTER}]*|trillions?|tn",
}
_SCALE_RE = re.compile(
    rf"{_SPACE}?(?:{'|'.join(f'(?P<s{exp}>{p})' for exp, p in _SCALE_PATTERNS.items())})(?![{_LETTER}])",
    re.IGNORECASE,
)
# Words that join the two ends of a range whose scale word is written once, after the second end
# (Kazakh marks the first end with the ablative: "340-тан 500 миллионға дейін").
_RANGE_JOIN_RE = re.compile(rf"{_SPACE}*(?:[-–—]|до|to|или|or|and|и|немесе|және|-?[дтн][ае]н){_SPACE}*",
                            re.IGNORECASE)
_DATE_RE = re.compile(
    r"(?<![\d.,/-])(?:"
    r"(?P<d1>\d{1,2})\.(?P<m1>\d{1,2})\.(?P<y1>\d{4})"  # 12.03.2024
    r"|(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})"  # 2024-03-12
    r"|(?P<m3>\d{1,2})/(?P<d3>\d{1,2})/(?P<y3>\d{4})"  # 03/12/2024
    r")(?![\d.,/-]\d)"
)
# Longest alternatives first: comma-grouped thousands, space-grouped thousands, plain digits.
# Digits glued to a preceding letter are names or unit powers ("G20", "A380", "km2"), not amounts.
_NUMBER_RE = re.compile(
    rf"(?<![\d{_LETTER}])(?:"
    rf"(?P<comma_grouped>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?)(?![\d,]\d)"
    rf"|(?P<space_grouped>\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:[.,]\d+)?)(?!\d)"
    rf"|(?P<plain>\d+(?:[.,]\d+)?)"
    rf")",
    re.IGNORECASE,
)
_ROMAN_CENTURY_RE = re.compile(
    r"(?<![\w])(?P<roman>[IVXLХ]+)(?:-?[а-я]{1,2})?" + _SPACE
    + r"(?:век[а-я]*|вв?\.|ғасыр[а-яәғқңөұүһі]*|century|centuries)",
    re.IGNORECASE,
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}

# Spelled-out numbers of the source language: a full-word pattern per value (inflected and ordinal
# forms); each target language declares its own (`TargetLanguage.number_words`).
_SOURCE_WORDS: dict[str, dict[int, str]] = {
    "ru": {
        1: "один|одн(?:а|о|у|ого|ому|ой|ом|им|их)|перв[а-я]*",
        2: "дв(?:а|е|ух|ум|умя|ое|оих)|двух[а-я]+|втор[а-я]*|дважды",
        3: "тр(?:и|[её]х|[её]м|емя|ое|оих)|тр[её]х[а-я]+|трет[а-я]*|трижды",
        4: "четыр(?:е|[её]х|[её]м|ьмя)|четверо|четв[её]рт[а-я]*|четыр[её]х[а-я]+",
        5: "пят(?:ь|и|ью|ый|ого|ому|ом|ая|ой|ую|ое|ые|ых|еро)|пяти[а-я]+",
        6: "шест(?:ь|и|ью|ой|ого|ая|ую|ое|ом|ые|ых|еро)|шести[а-я]+",
        7: "сем(?:ь|и|ью)|седьм[а-я]*|семи[а-я]+",
        8: "вос(?:емь|ьми|емью)|восьм[а-я]*",
        9: "девят(?:ь|и|ью|ый|ого|ая|ое|ой|ом|ую|ые|ых)|девяти[а-я]+",
        10: "десят(?:ь|и|ью|ый|ого|ая|ое|ой|ом|ую|ые|ых)|десяти[а-я]+",
        11: "одиннадцат[а-я]*", 12: "двенадцат[а-я]*|дюжин[а-я]*", 13: "тринадцат[а-я]*",
        14: "четырнадцат[а-я]*", 15: "пятнадцат[а-я]*", 16: "шестнадцат[а-я]*",
        17: "семнадцат[а-я]*", 18: "восемнадцат[а-я]*", 19: "девятнадцат[а-я]*",
        20: "двадцат[а-я]*", 30: "тридцат[а-я]*", 40: "сорок[а-я]*", 50: "пят[ьи]десят[а-я]*",
        60: "шест[ьи]десят[а-я]*", 70: "сем[ьи]десят[а-я]*", 80: "вос(?:емь|ьми)десят[а-я]*",
        90: "девяност[а-я]*", 100: "сто|ста|сотн[а-я]*|сот(?:ый|ого|ая|ую|ом)|сто[а-я]+",
    },
}


@lru_cache(maxsize=None)
def _spelled_patterns(lang: str) -> list[tuple[re.Pattern[str], int]]:
    """The compiled number words of `lang`: a target language's own, or the source's."""
    table = LANGUAGES[lang].number_words if lang in LANGUAGES else _SOURCE_WORDS.get(lang, {})
    return [(re.compile(p, re.IGNORECASE), v) for v, p in table.items()]


_WORD_RE = re.compile(rf"[{_LETTER}]+", re.IGNORECASE)


@dataclass(frozen=True)
class NumberComparison:
    """Values present in one text and not the other (multiset difference, both directions)."""

    missing: tuple[Decimal, ...]
    extra: tuple[Decimal, ...]

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra

    def to_json(self) -> dict:
        return {"missing": [_fmt(v) for v in self.missing], "extra": [_fmt(v) for v in self.extra]}


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _roman_to_int(roman: str) -> int:
    digits = [_ROMAN_VALUES[c] for c in roman.upper().replace("Х", "X")]
    return sum(-d if i + 1 < len(digits) and d < digits[i + 1] else d for i, d in enumerate(digits))


def _decimal_comma(lang: str) -> bool:
    """Whether `lang` writes a decimal comma: as its plug-in declares, and so the Russian source
    (no target language)."""
    return LANGUAGES[lang].decimal_comma if lang in LANGUAGES else True


def _to_decimal(digits: str, lang: str, kind: str) -> Decimal:
    if kind == "comma_grouped" and _decimal_comma(lang):  # "1,500" in Russian or Kazakh is one and a half
        head, _, tail = digits.partition(",")
        return Decimal(f"{head}.{tail.replace(',', '')}")
    compact = re.sub(_SPACE, "", digits)
    compact = compact.replace(",", "") if kind == "comma_grouped" else compact.replace(",", ".")
    return Decimal(compact)


def _scale_after(text: str, pos: int) -> int:
    """Power of ten of the scale word right after `pos`, or 0 when there is none."""
    m = _SCALE_RE.match(text, pos)
    return int(m.lastgroup[1:]) if m and m.lastgroup else 0


def extract_numbers(text: str, lang: str) -> Counter[Decimal]:
    """All numeric values written with digits in `text` (in the source or a target language), as a multiset."""
    values: Counter[Decimal] = Counter()
    for m in _DATE_RE.finditer(text):
        values[Decimal(m["d1"] or m["d2"] or m["d3"]).normalize()] += 1
        values[Decimal(m["y1"] or m["y2"] or m["y3"]).normalize()] += 1
    rest = _DATE_RE.sub(" ", text)
    for m in _ROMAN_CENTURY_RE.finditer(rest):
        values[Decimal(_roman_to_int(m["roman"]))] += 1
    matches = list(_NUMBER_RE.finditer(rest))
    numbers = [_to_decimal(m[m.lastgroup or "plain"], lang, m.lastgroup or "plain") for m in matches]
    for i, (m, number) in enumerate(zip(matches, numbers)):
        exponent = _scale_after(rest, m.end())
        if (not exponent and i + 1 < len(matches) and number <= numbers[i + 1]  # ranges go upwards
                and _RANGE_JOIN_RE.fullmatch(rest, m.end(), matches[i + 1].start())):
            exponent = _scale_after(rest, matches[i + 1].end())
        values[(number * Decimal(10) ** exponent).normalize()] += 1
    return values


def spelled_numbers(text: str, lang: str) -> Counter[Decimal]:
    """Values spelled out in words ("ten", "двадцать пять", "он бес", "three thousand")."""
    table = _spelled_patterns(lang)
    found: Counter[Decimal] = Counter()
    words = [w.lower() for w in _WORD_RE.findall(text)]
    previous: int | None = None
    for word in words:
        value = next((v for pattern, v in table if pattern.fullmatch(word)), None)
        exponent = _scale_after(word, 0) if _SCALE_RE.fullmatch(word) else 0
        if exponent and previous is not None:
            found[Decimal(previous * 10 ** exponent).normalize()] += 1
        if value is not None:
            found[Decimal(value)] += 1
            if previous is not None and previous % 10 == 0 and 20 <= previous <= 90 and value < 10:
                found[Decimal(previous + value)] += 1  # "twenty-five", "жиырма бес"
            if value == 100 and previous is not None and previous < 10:
                found[Decimal(previous * 100)] += 1  # "three hundred"
        previous = value
    return found


def compare_numbers(source: str, output: str, src_lang: str, out_lang: str) -> NumberComparison:
    """Which source values the output lost and which values it added (see the module docstring)."""
    src = extract_numbers(source, src_lang)
    out = extract_numbers(output, out_lang)
    missing = (src - out) - spelled_numbers(output, out_lang)
    extra = (out - src) - spelled_numbers(source, src_lang)
    return NumberComparison(missing=tuple(sorted(missing.elements())), extra=tuple(sorted(extra.elements())))
