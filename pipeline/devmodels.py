"""Small but real MarianMT checkpoints built offline in seconds.

Tests, benchmarks and anyone without access to the Hugging Face hub need models that load through
exactly the same code path as `Helsinki-NLP/opus-mt-*` (MarianTokenizer with source/target
SentencePiece models and a shared vocab.json, MarianMTModel in safetensors). These are those
models, only tiny; a short training run makes their output resemble the target language.

Usage: `python -m pipeline.devmodels OUT_DIR` builds the two models of `build_small_models`.
"""

from __future__ import annotations

import io
import json
import random
import sys
from importlib import resources
from pathlib import Path

import sentencepiece as spm
import torch
from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

#: The training text, shipped in the package so an installed pressmt builds the models without
#: ../shared: slices of FLORES-200 dev and Tatoeba, with their licences in its README.md.
SMALL_CORPUS = resources.files("pipeline") / "small_corpus"

#: Target tokens of the small multi-target model (as in OPUS-MT `mul` models: a source prefix).
SMALL_KK_TARGET_TOKENS = (">>kaz<<", ">>eng<<", ">>tur<<")

_SPECIALS = ("</s>", "<unk>")  # ids 0 and 1, as in OPUS-MT vocabularies; <pad> goes last
_PAD = "<pad>"


def _strip_target_token(line: str) -> str:
    """Drop a leading `>>xxx<<` so SentencePiece never learns target tokens as text."""
    if line.startswith(">>") and (end := line.find("<<")) != -1:
        return line[end + 2:].lstrip()
    return line


def _train_spm(lines: list[str], vocab_size: int, path: Path) -> list[str]:
    """Train a unigram SentencePiece model on `lines`, write it to `path`, return its pieces."""
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([_strip_target_token(x) for x in lines if x.strip()]),
        model_writer=buf,
        vocab_size=vocab_size,
        hard_vocab_limit=False,  # small corpora cannot always fill the requested size
        model_type="unigram",
        character_coverage=1.0,
        bos_id=-1,
        eos_id=-1,
        unk_id=0,
        num_threads=1,  # deterministic piece inventory
        shuffle_input_sentence=False,
        minloglevel=2,
    )
    path.write_bytes(buf.getvalue())
    proc = spm.SentencePieceProcessor(model_proto=buf.getvalue())
    return [proc.id_to_piece(i) for i in range(proc.get_piece_size()) if not proc.is_unknown(i)]


def _build_vocab(src_pieces: list[str], tgt_pieces: list[str], target_tokens: tuple[str, ...],
                 pad_vocab_to: int | None) -> dict[str, int]:
    """One shared vocabulary, laid out like OPUS-MT: </s>=0, <unk>=1, ..., <pad>=last."""
    tokens: list[str] = list(_SPECIALS) + list(target_tokens)
    seen = set(tokens)
    for piece in src_pieces + tgt_pieces:
        if piece not in seen:
            seen.add(piece)
            tokens.append(piece)
    if pad_vocab_to is not None:
        if pad_vocab_to < len(tokens) + 1:
            raise ValueError(f"pad_vocab_to={pad_vocab_to} is smaller than the vocabulary ({len(tokens) + 1})")
        tokens += [f"<filler_{i}>" for i in range(pad_vocab_to - len(tokens) - 1)]
    tokens.append(_PAD)
    return {tok: i for i, tok in enumerate(tokens)}


def _train(model: MarianMTModel, tok: MarianTokenizer, src: list[str], tgt: list[str], steps: int,
           seed: int, batch_size: int = 16) -> None:
    """A few hundred Adam steps over the parallel corpus: enough to learn common words and order."""
    rng = random.Random(seed)
    pairs = [(s, t) for s, t in zip(src, tgt) if s.strip() and t.strip()]
    optim = torch.optim.AdamW(model.parameters(), lr=5e-3, weight_decay=0.0)
    model.train()
    # One thread: a model this small gains nothing from more, and on a shared 2-core machine a
    # second thread made each step ~20x slower through contention. It also keeps runs reproducible.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        for _ in range(steps):
            chunk = rng.sample(pairs, min(batch_size, len(pairs)))
            enc = tok([s for s, _ in chunk], text_target=[t for _, t in chunk], return_tensors="pt",
                      padding=True, truncation=True, max_length=64)
            enc["labels"][enc["labels"] == tok.pad_token_id] = -100
            model(**enc).loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            optim.zero_grad(set_to_none=True)
            with torch.no_grad():  # the tied output projection moves the <pad> row: keep it zero
                model.get_input_embeddings().weight[tok.pad_token_id].zero_()
    finally:
        torch.set_num_threads(threads)
    model.eval()


def build_marian(out_dir: Path, *, src_corpus: list[str], tgt_corpus: list[str], vocab_size: int = 2000,
                 d_model: int = 64, encoder_layers: int = 2, decoder_layers: int = 2, heads: int = 4,
                 ffn_dim: int = 128, target_tokens: tuple[str, ...] = (), pad_vocab_to: int | None = None,
                 seed: int = 0, train_steps: int = 0) -> Path:
    """Build a MarianMT checkpoint in `out_dir` that `from_pretrained(out_dir)` loads.

    `src_corpus[i]` translates to `tgt_corpus[i]` (used when `train_steps` > 0); source lines may
    start with one of `target_tokens`, as input to a multi-target model would.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if train_steps and len(src_corpus) != len(tgt_corpus):
        raise ValueError("training needs a parallel corpus: src_corpus and tgt_corpus differ in length")
    src_pieces = _train_spm(src_corpus, vocab_size, out_dir / "source.spm")
    tgt_pieces = _train_spm(tgt_corpus, vocab_size, out_dir / "target.spm")
    vocab = _build_vocab(src_pieces, tgt_pieces, target_tokens, pad_vocab_to)
    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=0), encoding="utf-8")
    tok = MarianTokenizer(source_spm=str(out_dir / "source.spm"), target_spm=str(out_dir / "target.spm"),
                          vocab=str(out_dir / "vocab.json"), source_lang="ru", target_lang="mul")
    pad_id = vocab[_PAD]
    # No dropout: eval-mode outputs are the same across transformers releases, but dropout draws its
    # masks in an order internal to the library (5.23 changed it), and with dropout the same seed
    # trained a different model whose output tests could not rely on.
    config = MarianConfig(
        vocab_size=len(vocab), d_model=d_model, encoder_layers=encoder_layers, decoder_layers=decoder_layers,
        encoder_attention_heads=heads, decoder_attention_heads=heads, encoder_ffn_dim=ffn_dim,
        decoder_ffn_dim=ffn_dim, max_position_embeddings=512, pad_token_id=pad_id,
        decoder_start_token_id=pad_id, eos_token_id=0, forced_eos_token_id=0, dropout=0.0,
        activation_function="swish", scale_embedding=True,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    with torch.no_grad():  # OPUS-MT checkpoints have a zero <pad> row (the decoder start), and
        model.get_input_embeddings().weight[pad_id].zero_()  # CTranslate2 relies on it
    if train_steps:
        _train(model, tok, src_corpus, tgt_corpus, train_steps, seed)
    model.eval()
    model.generation_config = GenerationConfig(
        max_length=256, num_beams=4, pad_token_id=pad_id, decoder_start_token_id=pad_id, eos_token_id=0,
        forced_eos_token_id=0, bad_words_ids=[[pad_id]], renormalize_logits=True,
    )
    model.save_pretrained(out_dir, safe_serialization=True)
    tok.save_pretrained(out_dir)
    return out_dir


def _read_tsv(name: str) -> list[tuple[str, ...]]:
    return [tuple(line.split("\t")) for line in (SMALL_CORPUS / name).read_text(encoding="utf-8").splitlines() if line]


def small_corpus() -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(FLORES-200 dev ru/en/kk rows, Tatoeba ru/kk rows), each the shortest by Russian length:
    short sentences are what a few hundred steps can learn."""
    return _read_tsv("flores200-dev.ru-en-kk.tsv"), _read_tsv("tatoeba-test.rus-kaz.tsv")


#: Training steps of `build_small_models`: with 120 short pairs per corpus (`small_corpus`), both
#: models build in well under 20 s on 2 shared cores while greedy output reproduces most short
#: training sentences (an untrained model only repeats random pieces, which makes end-to-end tests of
#: glossary enforcement and quality meaningless).
_TRAIN_STEPS = 300


def build_small_models(out_dir: Path, seed: int = 0) -> dict[str, Path]:
    """Build {"en": direct ru→en model, "kk": multi-target model (>>kaz<< / >>eng<< / >>tur<< prefix)}.

    Corpora: the shipped slices of FLORES-200 dev and Tatoeba rus-kaz (`small_corpus`). The kk
    model's source side covers Russian and English, so it serves both a direct ru→kk route and the
    second step of a ru→en→kk pivot, like the multilingual OPUS-MT models it stands in for.
    """
    ru_en_kk, ru_kk = small_corpus()
    out_dir = Path(out_dir)
    en_dir = build_marian(out_dir / "ru-en", src_corpus=[r[0] for r in ru_en_kk], tgt_corpus=[r[1] for r in ru_en_kk],
                          seed=seed, train_steps=_TRAIN_STEPS)
    # The same FLORES sentences appear with >>kaz<< and >>eng<<, so the model must read the token.
    both = ru_en_kk[:len(ru_en_kk) // 3]
    kk_pairs = ([(f">>kaz<< {ru}", kk) for ru, kk in ru_kk]
                + [(f">>kaz<< {ru}", kk) for ru, _, kk in both]
                + [(f">>kaz<< {en}", kk) for _, en, kk in both]
                + [(f">>eng<< {ru}", en) for ru, en, _ in both])
    kk_dir = build_marian(out_dir / "mul-mul", src_corpus=[a for a, _ in kk_pairs],
                          tgt_corpus=[b for _, b in kk_pairs], target_tokens=SMALL_KK_TARGET_TOKENS,
                          seed=seed, train_steps=_TRAIN_STEPS)
    return {"en": en_dir, "kk": kk_dir}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m pipeline.devmodels OUT_DIR", file=sys.stderr)
        return 2
    for lang, path in build_small_models(Path(args[0])).items():
        print(f"{lang}\t{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
