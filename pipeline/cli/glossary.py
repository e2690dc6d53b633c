"""`pressmt glossary check|hits|forms|suggest`: let editors test a glossary before a run.

`hits` shows what the matcher finds in Russian sources without translating anything, and `forms`
shows the Kazakh case forms enforcement will accept, so a wrong entry is caught before it rewrites
a release. `suggest` lists what releases name that the glossary does not know, and drafts rows
for an editor to approve.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.common import GlossaryOpt, NoShippedOpt, check_output_file, require_glossary, writing
from pipeline.cli.tables import print_table
from pipeline.config import default_languages
from pipeline.errors import PressMTError, UsageError
from pipeline.glossary.context import DocumentMatcher
from pipeline.glossary.dates import release_date
from pipeline.languages.kk import CASES, Kazakh, forms, target_case
from pipeline.glossary.lint import lint_glossaries
from pipeline.glossary.load import load_glossaries, notices, overridden, replacement_note
from pipeline.glossary.match import Matcher
from pipeline.glossary.sources import glossary_paths
from pipeline.glossary.suggest import KINDS, Candidate, check_inputs, draft_tsv, suggest
from pipeline.textfiles import read_russian_text, split_lines

app = typer.Typer(no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PressMTError(f"--date must be YYYY-MM-DD, not {value!r}") from None


def _release(release: Path, paths: list[Path], day: date | None) -> tuple[date, set[str]]:
    """The release's date (`day` if given, else read from the text) and the origins of the
    entries it uses."""
    text = read_russian_text(release)
    day = day or release_date(text)
    if day is None:
        raise PressMTError(f"{release}: no date found in the text; pass --date YYYY-MM-DD")
    matcher = Matcher(load_glossaries(paths))
    return day, {hit.term.origin for line in split_lines(text) for hit in matcher.find(line)}


@app.command("check")
def check_command(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="[PATH]...", help="Glossary files or folders to check, with the shipped glossaries they add to "
                                  "(default: the shipped glossaries themselves).")] = None,
    glossary: GlossaryOpt = None,
    no_shipped_glossary: NoShippedOpt = False,
    on: Annotated[str | None, typer.Option(
        "--date", metavar="YYYY-MM-DD", help="Release date (YYYY-MM-DD): warn about entries out of date on that day.")] = None,
    release: Annotated[Path | None, typer.Option(
        "--release", metavar="FILE", help="A Russian release: warn about the entries it uses that are out of date "
                          "on its date (read from the text unless --date is given).")] = None,
) -> None:
    """Report duplicates, conflicts, mixed scripts, stray spaces, empty targets, accept forms that
    are also avoid forms, entries out of date for the release, and shipped entries your files
    replace with other targets; exit 1 on errors. Issues are shown for the files you name (all of
    the shipped ones when you name none)."""
    added = [*(paths or []), *(glossary or [])]
    files = glossary_paths(added, shipped=not no_shipped_glossary)
    if not files:
        raise UsageError("no glossary to check: name files or folders (the shipped ones are off)")
    day, used = _parse_date(on) if on else None, None
    if release is not None:
        day, used = _release(release, files, day)
    shown = {str(f) for f in glossary_paths(added, shipped=False)} if added else {str(f) for f in files}
    issues = [i for i in lint_glossaries(files, day, used) if i.file in shown]
    lines = [str(issue) for issue in issues] + _replacements(files)
    for line in lines:
        typer.echo(line)
    errors = sum(i.severity == "error" for i in issues)
    typer.echo(f"{len(shown)} file(s): {errors} error(s), {len(lines) - errors} warning(s)", err=True)
    if errors:
        raise typer.Exit(1)


def _replacements(files: list[Path]) -> list[str]:
    """A warning for each shipped entry the user's files replace with other targets (none while
    the files have errors: those come first)."""
    try:
        merged = load_glossaries(files)
    except PressMTError:
        return []
    return [f"{u.origin}: warning: {replacement_note(b, u)}"
            for b, u in overridden(merged) if b.targets != u.targets]


@app.command("hits")
def hits_command(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE...", help="Russian source files (UTF-8, or windows-1251/KOI8-R detected).")],
    glossary: GlossaryOpt = None,
    no_shipped_glossary: NoShippedOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """List glossary terms found in Russian files, in every inflected form, without translating.
    Each file is one document: a short form ("председатель палаты") is the entry the file names."""
    document = DocumentMatcher(Matcher(require_glossary(glossary or [], no_shipped_glossary)))
    codes = default_languages()  # the languages a model makes; a derived one's forms follow theirs
    rows = []
    for path in files:
        lines = split_lines(read_russian_text(path))
        for number, line_hits in enumerate(document.find(lines), start=1):
            for hit in line_hits:
                t = hit.term
                rows.append({"file": str(path), "line": number, "start": hit.start, "end": hit.end,
                             "surface": hit.surface, "ru": t.ru, **{code: t.target(code) for code in codes},
                             "type": t.type, "case": hit.case, "number": hit.number,
                             "target_case": target_case(hit), "bare": hit.bare, "context": hit.context})
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    print_table(["file:line", "span", "surface", "entry", "type", "case", *codes],
                [[f"{r['file']}:{r['line']}", f"{r['start']}-{r['end']}", r["surface"],
                  r["ru"] + (f" (by {r['context']})" if r["context"] else ""),
                  r["type"], r["case"] or "?", *(r[code] or "" for code in codes)] for r in rows])
    typer.echo(f"{len(rows)} hit(s)", err=True)


@app.command("forms")
def forms_command(glossary: GlossaryOpt = None, no_shipped_glossary: NoShippedOpt = False,
                  as_json: JsonOpt = False) -> None:
    """Every Kazakh target in the seven cases (nom gen dat acc loc abl ins)."""
    table_forms = {t.ru: forms(kk) for t in require_glossary(glossary or [], no_shipped_glossary).terms
                   if (kk := t.target(Kazakh.name))}
    if as_json:
        typer.echo(json.dumps(table_forms, ensure_ascii=False, indent=2))
        return
    print_table(["entry", *CASES], [[ru, *(by_case[c] for c in CASES)]
                                       for ru, by_case in table_forms.items()])


def _snippet(cand: Candidate, context: int = 30) -> str:
    """The example sentence around the mention (the whole one is at its file:line)."""
    m = cand.example
    start = m.sentence.find(" ", max(0, m.start - context), m.start) + 1 if m.start > context else 0
    end = m.sentence.rfind(" ", m.end, m.end + context) if m.end + context < len(m.sentence) else -1
    end = len(m.sentence) if end < 0 else end
    return ("…" if start else "") + m.sentence[start:end].strip() + ("…" if end < len(m.sentence) else "")


@app.command("suggest")
def suggest_command(
    inputs: Annotated[list[Path], typer.Argument(
        metavar="FILE_OR_DIR...", help="Russian releases: files or folders, in any format translate reads.")],
    glossary: GlossaryOpt = None,
    no_shipped_glossary: NoShippedOpt = False,
    out: Annotated[Path | None, typer.Option(
        "--out", metavar="FILE", help="Write a draft glossary (TSV, every row status=proposed) for an editor "
                                      "to approve.")] = None,
) -> None:
    """List the people, places, bodies and titles the releases mention that no glossary entry matches,
    grouped by dictionary form with counts, a proposed English form and an example."""
    check_inputs(inputs)
    if out is not None:
        check_output_file(out, "--out")
    files = glossary_paths(glossary or [], shipped=not no_shipped_glossary)
    if not files:
        raise UsageError("no glossary: give one with --glossary (the shipped ones are off)")
    loaded = load_glossaries(files, proposed=True)  # rows a draft proposed already are known
    for line in notices(loaded):
        typer.echo(line, err=True)
    read: list[str] = []
    candidates = suggest(inputs, loaded, warn=lambda line: typer.echo(line, err=True), read=read)
    if not read:
        raise UsageError("no Russian release found in " + ", ".join(map(str, inputs)))
    for kind in KINDS:
        rows = [[c.lemma, str(c.count), c.en() or "-", f"{c.example.where}: {_snippet(c)}"]
                for c in candidates if c.kind == kind]
        if rows:
            typer.echo(f"{kind}:")
            print_table(["entry", "count", "en", "example"], rows)
    if out is not None:
        with writing(out, "--out"):
            out.write_text(draft_tsv(candidates), encoding="utf-8")
    typer.echo(f"{len(candidates)} candidate(s) in {len(read)} document(s)"
               + (f"; draft written to {out}" if out is not None else ""), err=True)
