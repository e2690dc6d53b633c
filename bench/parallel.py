"""Every core busy by default: whole-process `pressmt translate` against raw CTranslate2.

    python bench/parallel.py [--json FILE] [--documents 120] [--per-document 8] [--repeats 3]

On the OPUS-MT-ru-en-shaped model of `throughput.py` (CTranslate2 int8), with the translation
memory off, each of these runs in its own process and is timed from spawn to exit (Python start,
imports, model loading included), median of --repeats:

  default   pressmt translate DOCS --to en --backend ct2 --no-cache      (what a user types)
  single    the same with --threads 1
  raw       ctranslate2.Translator.translate_batch on the same sentences, already tokenised (so
            tokenising is not even counted), beam 4, max_batch_size 16, in each setting
            (inter_threads, intra_threads) of {(1, N), (N, 1), (N/2, 2)} for N cores; the best counts

The documents are --documents text files of --per-document consecutive FLORES-200 dev lines; the
raw runs get exactly the segments pressmt translates (read through pressmt's own format reader).
Random weights never emit </s>, so every sentence is decoded to the same L target tokens on every
path: raw with min/max_decoding_length = L, pressmt with its per-sentence length budget set to L (the
only thing the `--pressmt` wrapper below changes; everything else is the real command line). L is
the mean length of the reference translations in target pieces.

JSON keys: default_s, single_s, best_raw_s, best_raw_setting, default_vs_single (single_s /
default_s), default_vs_best_raw (best_raw_s / default_s), cores, plus every run's seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO))

from throughput import BATCH_SIZE, BEAMS, SHARED, _lines, model_dirs, write_json  # noqa: E402


def write_documents(folder: Path, documents: int, per_document: int) -> list[Path]:
    lines = _lines(SHARED / "flores200" / "dev.ru")
    if documents * per_document > len(lines):
        raise SystemExit(f"FLORES dev has {len(lines)} lines: fewer than {documents} x {per_document}")
    paths = []
    for d in range(documents):
        path = folder / f"release-{d:03d}.txt"
        path.write_text("\n\n".join(lines[d * per_document:(d + 1) * per_document]) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def segments_of(paths: list[Path]) -> list[str]:
    """The distinct sentences pressmt sends to the model, in its own reading of the documents."""
    from pipeline.formats import read_document

    return list(dict.fromkeys(s.source for p in paths for s in read_document(p, Path(p.name), p.read_bytes()).segments))


def out_tokens(ct2_dir: Path, first: int, count: int) -> int:
    from transformers import MarianTokenizer

    tok = MarianTokenizer.from_pretrained(ct2_dir, trust_remote_code=False)
    refs = _lines(SHARED / "flores200" / "dev.en")[first:first + count]
    return round(statistics.mean(len(tok(text_target=r).input_ids) for r in refs))


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])}… failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return wall


def pressmt_main(length: int, argv: list[str]) -> int:
    """`pressmt` with the per-sentence length budget fixed at `length` (see the module docstring)."""
    import pipeline.engines.ct2 as ct2
    from pipeline.cli import run_cli

    ct2.max_new_tokens_for = lambda source_len, cap=0: length
    return run_cli(argv)


def raw_main(ct2_dir: str, pieces_file: str, inter: int, intra: int, length: int) -> int:
    import ctranslate2

    pieces = json.loads(Path(pieces_file).read_text(encoding="utf-8"))
    translator = ctranslate2.Translator(ct2_dir, device="cpu", compute_type="int8", inter_threads=inter,
                                        intra_threads=intra)
    results = translator.translate_batch(pieces, beam_size=BEAMS, max_batch_size=BATCH_SIZE,
                                         min_decoding_length=length, max_decoding_length=length)
    generated = sum(len(r.hypotheses[0]) for r in results)
    if generated != len(pieces) * length:
        raise SystemExit(f"raw: generated {generated} tokens, expected {len(pieces)} x {length}")
    return 0


def measure(documents: int, per_document: int, repeats: int) -> dict:
    from transformers import MarianTokenizer

    _, ct2_dir = model_dirs()
    cores = len(os.sched_getaffinity(0))
    work = Path(tempfile.mkdtemp(prefix="pressmt-bench-parallel-"))
    docs = work / "docs"
    docs.mkdir()
    paths = write_documents(docs, documents, per_document)
    sentences = segments_of(paths)
    length = out_tokens(ct2_dir, 0, documents * per_document)
    tok = MarianTokenizer.from_pretrained(ct2_dir, trust_remote_code=False)
    pieces_file = work / "pieces.json"
    pieces_file.write_text(json.dumps([tok.convert_ids_to_tokens(tok(s).input_ids) for s in sentences]),
                           encoding="utf-8")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PRESSMT_CACHE_DIR": str(work / "cache")}
    me = [sys.executable, __file__]

    def pressmt(extra: list[str], run: int) -> list[str]:
        return [*me, "--pressmt", str(length), "--", "translate", str(docs), "--out", str(work / f"out-{run}"),
                "--to", "en", "--backend", "ct2", "--model", f"en={ct2_dir}", "--no-cache", *extra]

    timed(pressmt([], 0), env)  # untimed: builds the glossary index cache, as any first run does
    settings = sorted({(1, cores), (cores, 1), (max(1, cores // 2), 2)})
    runs: dict[str, list[float]] = {"default": [], "single": [], **{f"raw_{i}x{j}": [] for i, j in settings}}
    counter = 0
    for _ in range(repeats):  # interleaved, so a noisy minute hurts every figure alike
        for name in runs:
            counter += 1
            if name.startswith("raw_"):
                inter, intra = name.removeprefix("raw_").split("x")
                cmd = [*me, "--raw", str(ct2_dir), str(pieces_file), inter, intra, str(length)]
            else:
                cmd = pressmt(["--threads", "1"] if name == "single" else [], counter)
            runs[name].append(round(timed(cmd, env), 3))
            print(f"{name:10s} {runs[name][-1]:7.2f} s  (load {os.getloadavg()[0]:.1f})", file=sys.stderr)
    medians = {name: statistics.median(times) for name, times in runs.items()}
    best = min((n for n in runs if n.startswith("raw_")), key=medians.__getitem__)
    return {
        "default_s": medians["default"],
        "single_s": medians["single"],
        "best_raw_s": medians[best],
        "best_raw_setting": {"inter_threads": int(best[4:].split("x")[0]), "intra_threads": int(best.split("x")[1])},
        "default_vs_single": round(medians["single"] / medians["default"], 3),
        "default_vs_best_raw": round(medians[best] / medians["default"], 3),
        "cores": cores,
        "runs": runs,
        "setup": {"documents": documents, "per_document": per_document, "sentences": len(sentences),
                  "out_tokens": length, "beams": BEAMS, "max_batch_size": BATCH_SIZE, "repeats": repeats},
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--pressmt"]:
        return pressmt_main(int(argv[1]), argv[3:])
    if argv[:1] == ["--raw"]:
        return raw_main(argv[1], argv[2], int(argv[3]), int(argv[4]), int(argv[5]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--documents", type=int, default=120)
    parser.add_argument("--per-document", type=int, default=8,
                        help="FLORES dev lines per document (8: all of dev, a short release)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    result = measure(args.documents, args.per_document, args.repeats)
    print(json.dumps({k: v for k, v in result.items() if k not in ("runs", "setup")}, indent=2))
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
