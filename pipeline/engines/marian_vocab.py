"""A converted Marian model's tokenizer without transformers: sentencepiece and the vocabulary file.

The CTranslate2 backend needs only what `MarianTokenizer` does with a model folder's `source.spm`,
`target.spm` and `vocab.json`: pieces in, ids out, pieces back to text. Importing transformers (and
the sacremoses normaliser the tokenizer loads but never applies) took about a second of a run's
single-threaded start, with every core but one idle (bench/README.md, `parallel.py`). This class
does the same steps in the same order (special tokens split out first, a `>>xx<<` target code kept
whole, sentencepiece on the rest, unknown pieces as `<unk>`, `</s>` appended; decoding skips the
special tokens and joins the pieces with the source model, as transformers does for a shared
vocabulary), and tests/test_marian_vocab.py holds it to MarianTokenizer's output on real text.
Models with separate source and target vocabularies use MarianTokenizer itself (`load_tokenizer`).
"""

from __future__ import annotations

import json
import re
from functools import cached_property
from pathlib import Path
from typing import Any

import sentencepiece

_SPIECE_UNDERLINE = "\u2581"


class MarianVocab:
    """The subset of MarianTokenizer's interface that `batching.translate_in_batches` and the
    CTranslate2 engine use, for a model folder with one shared vocabulary."""

    def __init__(self, folder: Path, config: dict[str, Any]) -> None:
        self.encoder: dict[str, int] = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        self.unk_token = config.get("unk_token") or "<unk>"
        if self.unk_token not in self.encoder:
            raise KeyError("<unk> token must be in the vocab")  # MarianTokenizer's own check
        specials = [config.get(k) or d for k, d in (("eos_token", "</s>"), ("unk_token", "<unk>"),
                                                    ("pad_token", "<pad>"))]
        added = {t["content"]: int(i) for i, t in config.get("added_tokens_decoder", {}).items()}
        self.added = {t: added.get(t, self.encoder.get(t, self.encoder[self.unk_token])) for t in specials}
        self.added.update(added)
        self.eos_id = self.added[specials[0]]
        self.unk_id = self.added[self.unk_token]
        self.special_ids = {self.added[t] for t in specials}
        self.special_tokens = set(specials)
        # The longest special token first, as transformers' trie matches it.
        self._split = re.compile("(" + "|".join(map(re.escape, sorted(self.added, key=len, reverse=True))) + ")")
        self.model_max_length = int(config.get("model_max_length", 10**30))
        self.source = sentencepiece.SentencePieceProcessor(model_file=str(folder / "source.spm"))

    def get_vocab(self) -> dict[str, int]:
        return {**self.encoder, **self.added}

    def _tokenize(self, text: str) -> list[str]:
        code = []
        if text.startswith(">>") and (end := text.find("<<")) != -1:
            code, text = [text[:end + 2]], text[end + 2:]
        return code + self.source.encode(text, out_type=str)

    def tokenize(self, text: str) -> list[str]:
        """Pieces of `text`, special tokens kept whole."""
        tokens: list[str] = []
        for chunk in self._split.split(text):
            if chunk in self.added:
                tokens.append(chunk)
            elif chunk:
                tokens += self._tokenize(chunk)
        return tokens

    def convert_tokens_to_ids(self, tokens: list[str]) -> list[int]:
        return [self.added[t] if t in self.added else self.encoder.get(t, self.unk_id) for t in tokens]

    def convert_ids_to_tokens(self, ids: list[int]) -> list[str]:
        return [self._decoder[i] if i in self._decoder else self.source.id_to_piece(i) or self.unk_token
                for i in ids]

    @cached_property
    def _decoder(self) -> dict[int, str]:
        return {v: k for k, v in self.encoder.items()} | {v: k for k, v in self.added.items()}

    def __call__(self, text: str | list[str], verbose: bool = False) -> dict[str, Any]:
        """{"input_ids": ids ending with </s>} for one text or a list, as a tokenizer call gives."""
        if isinstance(text, str):
            return {"input_ids": self.convert_tokens_to_ids(self.tokenize(text)) + [self.eos_id]}
        return {"input_ids": [self(t)["input_ids"] for t in text]}

    def decode(self, ids: list[int], skip_special_tokens: bool = False) -> str:
        """Text of `ids`; a special token kept is written as itself, followed by a space."""
        tokens = self.convert_ids_to_tokens([i for i in ids if not (skip_special_tokens and i in self.special_ids)])
        text, run = "", []
        for token in tokens:
            if token in self.special_tokens:
                text += self.source.decode_pieces(run) + token + " "
                run = []
            else:
                run.append(token)
        text += self.source.decode_pieces(run)
        return text.replace(_SPIECE_UNDERLINE, " ").strip()


def load_tokenizer(folder: Path) -> Any:
    """A `MarianVocab` for the usual shared-vocabulary folder; MarianTokenizer for anything else
    (separate vocabularies, clean-up of tokenisation spaces, extra or whitespace-stripping special
    tokens), whose behaviour this class does not copy."""
    config_file = folder / "tokenizer_config.json"
    config = json.loads(config_file.read_text(encoding="utf-8")) if config_file.is_file() else {}
    stripping = any(t.get(k) for t in config.get("added_tokens_decoder", {}).values()
                    for k in ("lstrip", "rstrip", "single_word"))
    plain = (not config.get("separate_vocabs") and not config.get("clean_up_tokenization_spaces")
             and not config.get("additional_special_tokens") and not stripping
             and (folder / "vocab.json").is_file()
             and config.get("tokenizer_class", "MarianTokenizer") == "MarianTokenizer")
    if plain:
        return MarianVocab(folder, config)
    from transformers import MarianTokenizer

    return MarianTokenizer.from_pretrained(str(folder), trust_remote_code=False)
