"""Check glossary files and report every problem at once, with file and line.

Loading stops at the first error; an editor fixing a 300-row spreadsheet wants the whole list,
including problems that load silently tolerates (stray spaces) or that would make enforcement
quietly fail (a Latin "i" in "Жетiсу" never matches what the model writes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from pipeline.errors import InputError
from pipeline.glossary.load import find_conflicts, term_from_row
from pipeline.glossary.readers import rows
from pipeline.lookalikes import CYRILLIC, to_cyrillic
from pipeline.glossary.model import Term
from pipeline.glossary.readers import LANGUAGE_COLUMNS
from pipeline.languages import LANGUAGES

Severity = Literal["error", "warning"]

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class LintIssue:
    file: str
    line: int | None
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.severity}: {self.message}"


def _issue(origin: str, severity: Severity, message: str) -> LintIssue:
    path, _, line = origin.rpartition(":")
    return (LintIssue(path, int(line), severity, message) if line.isdigit()
            else LintIssue(origin, None, severity, message))


def _whitespace(cells: dict[str, str]) -> list[str]:
    problems = []
    for column, value in cells.items():
        if value != value.strip():
            problems.append(f"leading or trailing whitespace in {column} {value!r}")
        if "  " in value.strip():
            problems.append(f"double space in {column} {value!r}")
    return problems


def _scripts(term: Term) -> list[str]:
    """Mixed Latin/Cyrillic words in the Cyrillic columns and Cyrillic letters in Latin-script ones."""
    problems = []
    forms = {lang: (term.target(lang) or "", *term.avoid(lang), *term.accept(lang)) for lang in LANGUAGES}
    cyrillic_columns = {"ru": (term.ru, *term.ru_variants, *term.ru_context),
                        **{lang: forms[lang] for lang, language in LANGUAGES.items() if language.script == "Cyrl"}}
    for column, values in cyrillic_columns.items():
        for value in values:
            for word in _WORD.findall(value):
                if _LATIN.search(word) and CYRILLIC.search(word):
                    fixed = to_cyrillic(word)
                    hint = (f"; write {fixed!r}" if not _LATIN.search(fixed)
                            else "; retype it in one script")
                    problems.append(f"{column} word {word!r} mixes Latin and Cyrillic letters{hint}")
    for lang, language in LANGUAGES.items():
        if language.script != "Cyrl":
            problems += [f"{lang} {value!r} contains Cyrillic letters" for value in forms[lang] if CYRILLIC.search(value)]
    return problems


def _validity(term: Term, day: date) -> str | None:
    """A warning when the entry does not hold on the release date `day`, else None."""
    if term.valid_on(day):
        return None
    period = f"{term.valid_from or '…'} to {term.valid_to or '…'}"
    return (f"{term.ru!r} is out of date for a release of {day}: the entry holds from {period}"
            f"{'; ' + term.note if term.note else ''}")


def _term_issues(term: Term, day: date | None) -> list[LintIssue]:
    issues = [_issue(term.origin, "error", m) for m in _scripts(term)]
    if term.proposed:
        issues.append(_issue(term.origin, "error", f"{term.ru!r} is status=proposed: an editor has not "
                             "approved it; set status to approved (or empty) to enforce it"))
    if day is not None and (stale := _validity(term, day)):
        issues.append(_issue(term.origin, "warning", stale))
    _, avoid_column, accept_column = LANGUAGE_COLUMNS
    for lang, language in sorted(LANGUAGES.items()):
        target = term.target(lang) or ""
        avoided = {a.casefold() for a in term.avoid(lang)}
        for accepted in term.accept(lang):
            if accepted.casefold() in avoided:
                issues.append(_issue(term.origin, "error", f"{lang}{accept_column} {accepted!r} is also an "
                                     f"{lang}{avoid_column} form: enforcement cannot both keep and replace it"))
        for avoid in term.avoid(lang):
            if avoid.casefold() in target.casefold():
                issues.append(_issue(term.origin, "error", f"{lang}{avoid_column} {avoid!r} is part of the "
                                     f"target {target!r}; enforcement would flag correct output"))
        if not target and language.derived_from is None:  # a derived language falls back on its source
            issues.append(_issue(term.origin, "warning",
                                 f"no {lang} target for {term.ru!r}: not enforced in that language"))
    return issues


def _file_terms(path: Path, issues: list[LintIssue]) -> list[Term]:
    terms = []
    try:
        for row in rows(path):
            issues.extend(_issue(row.origin, "warning", m) for m in _whitespace(row.cells))
            try:
                terms.append(term_from_row(row))
            except InputError as exc:
                issues.append(LintIssue(exc.path, exc.line, "error", exc.reason))
    except InputError as exc:
        issues.append(LintIssue(exc.path, exc.line, "error", exc.reason))
    return terms


def lint_glossaries(paths: list[Path], day: date | None = None,
                    used: set[str] | None = None) -> list[LintIssue]:
    """All problems in these files, as if they were loaded together (conflicts across files too).

    With `day` (a release date), entries whose `valid_from`/`valid_to` exclude it are warned about;
    with `used` (origins of the entries a release uses), only those.
    """
    issues: list[LintIssue] = []
    terms: list[Term] = []
    for path in map(Path, paths):
        terms.extend(_file_terms(path, issues))
    for term in terms:
        issues.extend(_term_issues(term, day if used is None or term.origin in used else None))
    issues.extend(_issue(term.origin, "error", message) for term, message in find_conflicts(terms))
    return sorted(issues, key=lambda i: (i.file, i.line or 0))
