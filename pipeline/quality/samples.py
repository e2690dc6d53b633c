"""The sample set a press office's CI gates on, and scoring translations against references.

A sample is `samples/<name>/ru.txt` with line-aligned references `<lang>.txt` (and the same release
as `ru.docx`/`ru.html`/`ru.md` beside it, paired with the same references paragraph by paragraph). The set
is translated exactly as `pressmt translate` translates (same Runner, routes, glossary
enforcement), then `gate.gate` scores it; `score_files` scores translations made elsewhere. Here
rather than in the CLI so that `pipeline.api` (and through it the CLI, benches, a notebook) run the
same gate.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import RunConfig
from pipeline.errors import InputError, PressMTError
from pipeline.formats import Document, read_document, registered_suffixes
from pipeline.glossary.model import Glossary
from pipeline.quality.gate import DocScore
from pipeline.quality.metrics import corpus_scores
from pipeline.quality.terms import term_accuracy
from pipeline.run import Runner
from pipeline.textfiles import ENCODING_HINT, read_russian_text, split_lines
from pipeline.writers.reader import RunReport, documents


@dataclass
class Sample:
    """One sample document: `samples/<name>/ru.txt` and its line-aligned references by language."""

    name: str
    source_path: Path
    sources: list[str]
    refs: dict[str, list[str]]


def read_lines(path: Path, encoding: str | None = None) -> list[str]:
    """The lines of a text file (a final newline is optional), decoded as a .txt document is
    (`encoding` if given, else UTF-8 or a detected windows-1251/KOI8-R); errors name the file."""
    return split_lines(read_russian_text(path, encoding, nonempty=True, hint=ENCODING_HINT))


def check_aligned(reference: tuple[Path, list[str]], *others: tuple[Path, list[str]]) -> None:
    """PressMTError naming both files when a stream's line count differs from the reference's."""
    path, lines = reference
    for other, other_lines in others:
        if len(other_lines) != len(lines):
            raise PressMTError(f"line counts differ: {other} has {len(other_lines)} lines, {path} has {len(lines)}")


def read_samples(samples_dir: Path, langs: list[str], encoding: str | None = None) -> list[Sample]:
    """Every `<name>/ru.txt` under `samples_dir` (or `samples_dir/ru.txt` itself) with its
    `<lang>.txt` references, and each `ru.docx`/`ru.html`/`ru.md` beside it as a sample of its own with the
    same references; a missing reference or a line-count mismatch is an error."""
    if not samples_dir.is_dir():
        raise InputError(str(samples_dir), "not a folder of samples (<name>/ru.txt, en.txt, kk.txt)")
    dirs = [samples_dir] if (samples_dir / "ru.txt").is_file() else sorted(
        d for d in samples_dir.iterdir() if (d / "ru.txt").is_file())
    if not dirs:
        raise InputError(str(samples_dir), "no sample found (expected <name>/ru.txt)")
    samples = []
    for folder in dirs:
        source_path = folder / "ru.txt"
        sources = read_lines(source_path, encoding)
        refs = {}
        for lang in langs:
            ref_path = folder / f"{lang}.txt"
            if not ref_path.is_file():
                raise InputError(str(ref_path), f"reference missing (needed for --to {lang})")
            refs[lang] = read_lines(ref_path, encoding)
            check_aligned((source_path, sources), (ref_path, refs[lang]))
        samples.append(Sample(folder.name, source_path, sources, refs))
        for other in sorted(folder.glob("ru.*")):  # the same release as .docx, .html...: same references
            if other.suffix.lower() in registered_suffixes() and other.suffix.lower() != ".txt":
                doc = read_document(other)
                paragraphs = paragraph_texts(doc, [s.source for s in doc.segments])
                for lang in langs:
                    check_aligned((other, paragraphs), (folder / f"{lang}.txt", refs[lang]))
                samples.append(Sample(f"{folder.name}/{other.name}", other, paragraphs, refs))
    return samples


def paragraph_texts(doc: Document, outputs: list[str]) -> list[str]:
    """The text of each paragraph of `doc` that has something to translate, with segment i
    replaced by `outputs[i]` and the format's markup removed: the lines a reference pairs with a
    .docx, .html or .md sample."""
    return [doc.format.plain_text(doc, p.render(outputs)).strip()
            for p in doc.paragraphs if any(isinstance(x, int) for x in p.parts)]


def translate_samples(samples: list[Sample], config: RunConfig, glossary: Glossary | None) -> list[DocScore]:
    """Translate every sample's ru.txt exactly as `pressmt translate` does (same Runner, routes,
    glossary enforcement), into a temporary folder, and pair the outputs with the references.

    Returns one DocScore per sample and language in `config.langs`, in sample order then language
    order, with `hyps` line-aligned to `sources` (the document reader keeps one paragraph per line).
    """
    with tempfile.TemporaryDirectory(prefix="pressmt-evaluate-") as tmp:
        out_dir = Path(tmp)
        glossary_paths = list(glossary.sources) if glossary else []
        result = Runner(config, out_dir, glossary=glossary, glossary_paths=glossary_paths).run(
            [s.source_path for s in samples])
        if result.failed:
            first = result.failed[0]
            raise PressMTError(f"translation failed for {first.source}: {first.reason}")
        outputs = {Path(o.source).resolve(): o.outputs for o in result.outcomes}
        segments = _report_segments(result.report, {s.source_path.resolve() for s in samples}, config.langs)
        docs = []
        for sample in samples:
            for lang in config.langs:
                out_path = out_dir / outputs[sample.source_path.resolve()][lang]
                seg_outputs, seconds = segments[sample.source_path.resolve()][lang]
                if sample.source_path.suffix == ".txt":
                    hyps = read_lines(out_path, config.options.encoding)
                else:
                    hyps = paragraph_texts(read_document(sample.source_path), seg_outputs)
                check_aligned((sample.source_path, sample.sources), (out_path, hyps))
                docs.append(DocScore(sample.name, lang, sample.sources, hyps, sample.refs[lang], glossary,
                                     translate_seconds=seconds))
    return docs


def _report_segments(report: RunReport, inputs: set[Path],
                     langs: list[str]) -> dict[Path, dict[str, tuple[list[str], float]]]:
    """Per input in `inputs` and language, the run's segment outputs and the seconds spent
    translating them (the segments' `time_ms`, summed), read from the streamed report."""
    found = {}
    for doc in documents(report):
        if (source := Path(doc["input"]).resolve()) in inputs:
            found[source] = {lang: ([s["output"] for s in segs], sum(s.get("time_ms") or 0.0 for s in segs) / 1000)
                             for lang in langs for segs in [doc["languages"][lang]["segments"]]}
    return found


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def score_files(hyp: Path, refs: list[Path], terms: tuple[Path, Glossary, str] | None,
                encoding: str | None = None) -> dict:
    """Scores of `hyp` against `refs`; `terms` = (source file, glossary, language) adds term
    accuracy of the hypothesis and of the first reference (the ceiling a system can reach)."""
    hyps = read_lines(hyp, encoding)
    ref_streams = [read_lines(r, encoding) for r in refs]
    check_aligned((hyp, hyps), *zip(refs, ref_streams))
    scores = corpus_scores(hyps, ref_streams)
    result = {key: _round(scores[key]) for key in ("bleu", "chrf", "chrf++", "ter")}
    result |= {"term_accuracy": None, "term_accuracy_reference": None, "segments": len(hyps),
               "signatures": scores["signatures"]}
    if terms is not None:
        src, gloss, lang = terms
        sources = read_lines(src, encoding)
        check_aligned((hyp, hyps), (src, sources))
        result["term_accuracy"] = _round(term_accuracy(sources, hyps, gloss, lang).accuracy)
        result["term_accuracy_reference"] = _round(term_accuracy(sources, ref_streams[0], gloss, lang).accuracy)
    return result
