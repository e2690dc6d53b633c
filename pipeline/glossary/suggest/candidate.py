"""What `glossary suggest` reports: each candidate name with its mentions, and the draft glossary
rows (`status=proposed`) an editor approves."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from pipeline.glossary.load import term_key
from pipeline.glossary.readers import columns
from pipeline.glossary.sources import SHIPPED_GLOSSARIES
from pipeline.lookalikes import CYRILLIC
from pipeline.glossary.translit import official_spelling

Kind = Literal["person", "place", "body", "title"]
KINDS: tuple[Kind, ...] = ("person", "place", "body", "title")
#: The glossary `type` of each kind of candidate.
GLOSSARY_TYPES: dict[Kind, str] = {"person": "person", "place": "place", "body": "org", "title": "title"}
#: Spellings Kazakh and Russian names hardly have: "дж", "э" after a letter, vowel pairs of
#: transcribed names, a regnal number.
_FOREIGN = re.compile(r"дж|\Bэ|аэ|ио\b|оу|\b[ivx]+\b")


#: Kazakh letters a Russian text may keep in a name ("Самрук-Қазына" beside "Самрук-Казына"), with
#: the Russian letters the same name is also written with; and quotation marks, which some write
#: around a party's or company's name and some do not ("партия «Ауыл»", "партия Ауыл").
#: The English and the Kazakh word after a place's name, by the place's form: "Uly Dala
#: microdistrict", "Улы Дала шағын ауданы".
_EN_HEADS = {"district": "district", "region": "region", "okrug": "rural district", "microdistrict": "microdistrict"}
_KK_HEADS = {"district": "ауданы", "region": "облысы", "okrug": "ауылдық округі", "microdistrict": "шағын ауданы"}
_SPELLING = str.maketrans("әғқңөұүһі", "агкноуухи", "«»\"“”„")


def name_key(name: str) -> str:
    """Identity of a name across its spellings: `term_key` (case, ё, spaces), Kazakh letters read as
    Russian ones, quotation marks left out."""
    return " ".join(term_key(name).translate(_SPELLING).split())


@dataclass(frozen=True)
class Mention:
    """One occurrence in a release: where, the words as written and the sentence."""

    path: str
    line: int | None  # 1-based line of a text file; None for formats without lines
    paragraph: int  # 1-based paragraph of the document
    surface: str
    sentence: str
    start: int  # offsets into `sentence`
    end: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else f"{self.path} ¶{self.paragraph}"


@dataclass
class Candidate:
    """A name no glossary entry matches, with every mention and the draft row proposed for it."""

    kind: Kind
    lemma: str
    form: str  # what kind of name: person, district, region, okrug, settlement, known-place, body, title
    mentions: list[Mention] = field(default_factory=list)
    stem: str = ""  # a district's or region's name without its adjective ending ("Улан")
    surname: str = ""  # a person's surname alone, nominative
    short_of: str = ""  # the entry this may be a short form of ("Министерство труда")
    variants: list[str] = field(default_factory=list)  # other Russian forms of it: its letters ("ОБСЕ")

    @property
    def count(self) -> int:
        return len(self.mentions)

    @property
    def example(self) -> Mention:
        return self.mentions[0]

    @property
    def foreign(self) -> bool:
        """A person whose name is not spelt like a Kazakh or Russian one ("Джо Байден", "Рольф
        Мафаэль", "Лев XIV"): the official romanisation would be wrong for it."""
        return self.form == "person" and bool(_FOREIGN.search(self.lemma.lower()))

    def en(self) -> str:
        """A proposed English form, romanised as Kazakhstan's official English writes names."""
        if self.form in ("person", "settlement", "leftover") and not self.foreign:
            spelled = official_spelling(self.lemma)
        elif self.form in _EN_HEADS and self.stem:
            spelled = f"{official_spelling(self.stem)} {_EN_HEADS[self.form]}"
        else:
            return ""
        return "" if CYRILLIC.search(spelled) else spelled

    def kk(self) -> str:
        """A proposed Kazakh form where a rule gives one; names of people are left to an editor."""
        if self.form in _KK_HEADS and self.stem:
            return f"{self.stem} {_KK_HEADS[self.form]}"
        return ""

    def note(self) -> str:
        mentions = f"{self.count} mention(s)"
        if self.short_of:
            return f"{mentions}; a short form of the entry {self.short_of!r}? then add it to that entry's ru_variants"
        return {
            "person": f"{mentions}; "
                      + ("a foreign name: give its own spelling" if self.foreign else
                         "Kazakh spelling not guessed: take it from an official Kazakh page")
                      + ("; first name not found in the releases" if not self.lemma.count(" ") else ""),
            "district": f"{mentions}; Kazakh letters not restored in kk: check the official spelling",
            "region": f"{mentions}; Kazakh letters not restored in kk: check the official spelling",
            "okrug": f"{mentions}; Kazakh letters not restored in kk: check the official spelling",
            "microdistrict": f"{mentions}; Kazakh letters not restored in kk: check the official spelling",
            "settlement": f"{mentions}; Kazakh name not guessed (it may differ: Уральск, Орал)",
            "known-place": f"{mentions}; a place the dictionary knows: give its English and Kazakh names",
            "leftover": f"{mentions}; a capitalised word no construction explains: check that it is a place",
            "landmark": f"{mentions}; give its English and Kazakh names",
            "title": f"{mentions}; give the English and Kazakh titles from official pages",
        }.get(self.form, f"{mentions}; give the English and Kazakh names from the body's own pages")

    def row(self) -> dict[str, str]:
        """The draft glossary row (`status=proposed`)."""
        return {"ru": self.lemma, "ru_variants": "|".join(self.variants), "en": self.en(), "kk": self.kk(),
                "type": GLOSSARY_TYPES[self.kind],
                "note": self.note(), "source": self.example.where, "status": "proposed"}


def draft_columns() -> list[str]:
    """The shipped glossaries' header, with `status` last."""
    shipped = sorted(SHIPPED_GLOSSARIES.glob("*.tsv")) if SHIPPED_GLOSSARIES.is_dir() else []
    header = shipped[0].read_text(encoding="utf-8").split("\n", 1)[0].strip().split("\t") if shipped \
        else [c for c in columns() if c != "status"]
    return [*[c for c in header if c != "status"], "status"]


def draft_tsv(candidates: Iterable[Candidate]) -> str:
    """The candidates as a glossary TSV, every row `status=proposed`."""
    columns = draft_columns()
    lines = ["\t".join(columns)]
    for cand in candidates:
        row = cand.row()
        lines.append("\t".join(" ".join(row.get(c, "").split()) for c in columns))
    return "\n".join(lines) + "\n"
