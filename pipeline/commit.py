"""Finishing a segment and committing a document: the one copy of each, used by `translate`
(pipeline.run) and by `import xliff` (pipeline.corrections).

A segment is finished the same way whoever wrote it: a machine output is enforced against the
glossary, an editor's text (origin `human`) only checked, and either is scored by QE. A document is
committed the same way too: its outputs written atomically first, then one journal row vouching
for exactly those bytes, so a kill in between leaves outputs the journal does not vouch for
(`--resume` translates them again), never a row vouching for outputs that were not written.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.glossary.enforce import check_terms, enforce_segment
from pipeline.journal import Journal, Record
from pipeline.languages.base import derive_output, language
from pipeline.outputs import safe_join, write_atomic
from pipeline.quality.qe import SegmentQE, assess_segment
from pipeline.report import DocumentEntry, SegmentResult
from pipeline.tm import HUMAN


def finish_segment(seg: SegmentResult, hits: list, lang: str, *, confidence: float | None,
                   split: bool = False) -> SegmentQE:
    """Set `seg`'s output, terms and quality: an editor's text (`seg.origin == HUMAN`, in
    `seg.output`) is checked, never rewritten; a machine output (`seg.raw_output`) is enforced.
    `confidence` is the model's, unrounded (None for an editor's text)."""
    if seg.origin == HUMAN:
        results = check_terms(seg.output, hits, lang)
    else:
        seg.output, results = enforce_segment(seg.raw_output, hits, lang) if hits else (seg.raw_output, [])
    qe = assess_segment(seg.source, seg.output, lang, confidence, results, split=split)
    seg.terms = [r.to_json() for r in results]
    seg.quality = qe.to_json()
    return qe


def derive_from(seg: SegmentResult, source: SegmentResult, hits: list, lang: str) -> SegmentQE:
    """Make `seg`, in derived language `lang` (kk-Latn), the derivation of `source`, the enforced
    segment of the language it is made from: the text derived, with the source's term results and
    quality moved onto it (the derived text says what the source says: one check, by the source
    language's rules). Returns the quality, as `finish_segment` does."""
    seg.output, seg.terms = derive_output(language(lang), source.output, source.terms, hits)
    seg.quality = dict(source.quality or {})
    return seg.qe()


def output_name(out_dir: Path, rel: Path) -> str:
    """A document's output path as the report and journal name it: relative to OUT, after refusing
    (ValueError) any path that would land outside OUT (.., a symlinked folder inside OUT)."""
    return str(safe_join(out_dir, rel).relative_to(out_dir.resolve()))


def commit_document(out_dir: Path, entry: DocumentEntry, rendered: dict[str, str | bytes],
                    journal: Journal | None, fingerprint: str | None, previous: Record | None = None) -> Record | None:
    """Write `rendered` (language → output, at `entry.outputs[lang]`) atomically, then record the
    document in `journal` with `fingerprint`: the languages written now with their new hashes, the
    others as `previous` recorded them. Returns the record, or None when there is no journal to
    record in. A path outside OUT is a ValueError, raised before anything is written."""
    targets = {lang: safe_join(out_dir, Path(entry.outputs[lang])) for lang in rendered}
    outputs = dict(previous.outputs) if previous is not None else {}
    for lang, data in rendered.items():
        data = data.encode("utf-8") if isinstance(data, str) else data
        write_atomic(targets[lang], data)
        outputs[lang] = {"path": entry.outputs[lang], "sha256": hashlib.sha256(data).hexdigest()}
    if journal is None or fingerprint is None or entry.input_sha256 is None:
        return None
    record = Record(entry.path, entry.input_sha256, fingerprint, outputs)
    journal.record(record, entry.to_json())
    return record
