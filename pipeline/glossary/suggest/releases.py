"""`glossary suggest` over releases: read every Russian document, find the mentions of each sentence,
and group them by candidate, leaving out what the glossary knows."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from pathlib import Path

from pipeline.errors import InputError, NotRussian, UsageError
from pipeline.formats import read_document
from pipeline.glossary.load import term_key
from pipeline.glossary.match import Matcher
from pipeline.glossary.model import Glossary
from pipeline.glossary.suggest.candidate import GLOSSARY_TYPES, KINDS, Candidate, Mention, name_key
from pipeline.glossary.suggest.find import find_mentions
from pipeline.glossary.suggest.names import feminine_surnames
from pipeline.glossary.suggest.sentence import Found
from pipeline.run import discover
from pipeline.textfiles import read_russian_text

Warn = Callable[[str], None]


def release_sentences(inputs: Iterable[Path], warn: Warn | None = None,
                      read: list[str] | None = None) -> Iterator[tuple[str, int | None, int, str]]:
    """(path, line or None, paragraph, sentence) for every sentence of every Russian document in
    `inputs` (files and folders, discovered as `translate` discovers them: translations such as
    en.txt are not sources). Unreadable documents are reported to `warn` and skipped; the paths
    of those read are appended to `read`."""
    found: list[Path] = []
    for item in inputs:  # one at a time: output names, which may clash across inputs, do not matter here
        pairs, problems = discover([item], Path(os.devnull))
        found += [path for path, _rel in pairs if path not in found]
        for problem in problems:
            if problem.status == "failed" and warn:
                warn(f"{problem.source}: {problem.reason}")
    for path in found:
        try:
            doc = read_document(path)
        except NotRussian:
            continue
        except InputError as exc:
            if warn:
                warn(str(exc))
            continue
        if read is not None:
            read.append(str(path))
        text = read_russian_text(path) if doc.format.text_encoding else ""
        cursor = 0
        for seg in doc.segments:
            line = None
            if text:
                at = text.find(seg.source, cursor)
                if at < 0:
                    at = text.find(seg.source[:24], cursor)
                if at >= 0:
                    cursor = at
                    line = text.count("\n", 0, at) + 1
            yield str(path), line, seg.paragraph + 1, seg.source


def _known_keys(glossary: Glossary) -> set[str]:
    """The glossary's Russian forms by `name_key`: a name it knows, written with Kazakh letters or in
    quotation marks, is known too (an editor adds a variant, not a second entry)."""
    return {name_key(form) for t in glossary.terms for form in (t.ru, *t.ru_variants)}


def _collect(found: list[Found], path: str, line: int | None, paragraph: int, sentence: str,
             groups: dict[tuple[str, str], Candidate], surnames_only: list[tuple[Found, Mention]]) -> None:
    """File one sentence's mentions under their candidates (a surname alone waits for its owner; a
    one-word name that is no surname, "Букей-хан" or a pope's "Франциск", is a candidate). A
    name written with Kazakh letters and with Russian ones is one candidate, filed under the Russian
    spelling, the glossary's `ru` convention, once a release uses it."""
    for f in found:
        mention = Mention(path, line, paragraph, sentence[f.start:f.end], sentence, f.start, f.end)
        if f.kind == "person" and " " not in f.lemma and f.surname:
            surnames_only.append((f, mention))
            continue
        key = (f.kind, name_key(f.lemma))
        cand = groups.setdefault(key, Candidate(f.kind, f.lemma, f.form, stem=f.stem, surname=f.surname))
        if term_key(f.lemma) == key[1]:
            cand.lemma = f.lemma  # the Russian spelling, once the release uses it
        if f.abbreviation and f.abbreviation not in cand.variants:
            cand.variants.append(f.abbreviation)
        cand.mentions.append(mention)


def suggest(inputs: Iterable[Path], glossary: Glossary, warn: Warn | None = None,
            read: list[str] | None = None) -> list[Candidate]:
    """The candidates of the releases in `inputs` that `glossary` does not know, most mentioned
    first within each kind (kinds in the order of `KINDS`)."""
    matcher = Matcher(glossary)
    titles = frozenset(term_key(t.ru) for t in glossary.terms if t.type == "title")
    known = _known_keys(glossary)
    groups: dict[tuple[str, str], Candidate] = {}
    surnames_only: list[tuple[Found, Mention]] = []
    for _path, rows in groupby(release_sentences(inputs, warn, read), key=lambda row: row[0]):
        rows = list(rows)
        feminine = feminine_surnames(row[3] for row in rows)
        for path, line, paragraph, sentence in rows:
            _collect(find_mentions(sentence, matcher, titles, feminine), path, line, paragraph, sentence,
                     groups, surnames_only)
    people = [c for c in groups.values() if c.kind == "person"]
    for f, mention in surnames_only:
        owner = next((c for c in people if term_key(c.surname) == term_key(f.surname)
                      and (not f.initial or c.lemma[:1] == f.initial)), None)
        if owner is not None:
            owner.mentions.append(mention)
        elif f.initial:  # "М.Ашимбаев" with no full name anywhere: the surname, for an editor
            groups.setdefault(("person", term_key(f.lemma)),
                              Candidate("person", f.lemma, "person", surname=f.surname)).mentions.append(mention)
    kept = [c for c in groups.values() if name_key(c.lemma) not in known]
    shorter: dict[tuple[str, str], str] = {}  # (type, leading words of an entry) → the entry
    for t in glossary.terms:
        words = term_key(t.ru).split()
        for n in range(1, len(words)):
            shorter.setdefault((t.type, " ".join(words[:n])), t.ru)
    for cand in kept:
        cand.short_of = shorter.get((GLOSSARY_TYPES[cand.kind], term_key(cand.lemma)), "")
    order = {k: n for n, k in enumerate(KINDS)}
    return sorted(kept, key=lambda c: (order[c.kind], -c.count, c.lemma))


def check_inputs(inputs: list[Path]) -> None:
    """A missing input is a usage error before any work."""
    for item in inputs:
        if not os.path.lexists(item):
            raise UsageError(f"input not found: {item}")
