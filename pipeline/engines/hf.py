"""The Hugging Face transformers backend: any seq2seq checkpoint (Marian, NLLB, M2M-100) on CPU or GPU.

Sentences are tokenised once, batched by length so padding stays small, and decoded with beam
search; the log-probability of every generated token is kept because quality estimation ranks
segments by the model's own confidence.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
from transformers.utils import logging as hf_logging

from pipeline.engines.base import Translation
from pipeline.engines.batching import max_new_tokens_for, output_cap, translate_in_batches
from pipeline.engines.device import resolve_device
from pipeline.engines.loading import choose_target_token, resolve_model
from pipeline.errors import ModelNotAvailable, PressMTError

# transformers draws a "Loading weights" bar on stderr; an error or interrupt must stay one line there.
hf_logging.disable_progress_bar()

#: FLORES-200 codes used by NLLB; M2M-100 uses the two-letter codes.
NLLB_CODES = {"ru": "rus_Cyrl", "en": "eng_Latn", "kk": "kaz_Cyrl"}
_MULTILINGUAL_TYPES = {"m2m_100", "nllb_moe", "nllb-moe"}


class HFEngine:
    """One loaded transformers seq2seq model translating into one target language."""

    def __init__(self, model: str, *, revision: str | None = None, target_lang: str = "en",
                 target_token: str | None = None, src_lang: str | None = None, tgt_lang: str | None = None,
                 device: str = "auto", beams: int = 4, batch_size: int = 16, max_batch_tokens: int = 4096,
                 threads: int | None = None) -> None:
        if threads:
            torch.set_num_threads(threads)
        self.model_id = model
        self.revision = revision
        self.target_lang = target_lang
        self.beams = beams
        self.batch_size = batch_size
        self.max_batch_tokens = max_batch_tokens
        self.device = resolve_device(device, "hf")
        self.path = resolve_model(model, revision)
        if not any(Path(self.path).glob("*.safetensors")):
            raise ModelNotAvailable(f"model '{model}' is a CTranslate2 folder without transformers weights: "
                                    "use --backend ct2")
        # Never trust_remote_code: resolve_model already refused folders asking for it; this makes
        # transformers refuse too, instead of prompting to run the folder's Python.
        self.tokenizer = AutoTokenizer.from_pretrained(self.path, trust_remote_code=False)
        self.model = AutoModelForSeq2SeqLM.from_pretrained(self.path, use_safetensors=True,
                                                           trust_remote_code=False).to(self.device).eval()
        self.max_positions = min(getattr(self.model.config, "max_position_embeddings", None) or 512,
                                 self.tokenizer.model_max_length)
        self.out_cap = output_cap(self.max_positions)
        self.target_token: str | None = None
        self.forced_bos_token_id: int | None = None
        if self.model.config.model_type in _MULTILINGUAL_TYPES:
            self._setup_language_codes(src_lang, tgt_lang)
        else:
            self._setup_target_token(target_token)

    def _setup_target_token(self, target_token: str | None) -> None:
        self.target_token = choose_target_token(self.tokenizer.get_vocab(), target_token, self.target_lang,
                                                self.model_id)

    def _setup_language_codes(self, src_lang: str | None, tgt_lang: str | None) -> None:
        """NLLB/M2M: the source language is a tokenizer setting, the target a forced first token."""
        nllb = self._token_id("rus_Cyrl") is not None
        src = src_lang or (NLLB_CODES["ru"] if nllb else "ru")
        tgt = tgt_lang or (NLLB_CODES.get(self.target_lang, self.target_lang) if nllb else self.target_lang)
        tgt_token = tgt if nllb else f"__{tgt}__"
        tgt_id = self._token_id(tgt_token)
        if tgt_id is None:
            raise PressMTError(f"model '{self.model_id}' has no language code {tgt_token}; set tgt_lang in the routes file")
        self.tokenizer.src_lang = src
        self.forced_bos_token_id = tgt_id

    def _token_id(self, token: str) -> int | None:
        """The id of `token`, or None: M2M-100 keeps its language codes outside `get_vocab()`."""
        token_id = self.tokenizer.convert_tokens_to_ids(token)
        return None if token_id is None or token_id == self.tokenizer.unk_token_id else token_id

    def translate(self, sentences: list[str],
                  on_done: Callable[[dict[int, Translation]], None] | None = None) -> list[Translation]:
        """Translate in input order; blank sentences come back blank without reaching the model."""
        return translate_in_batches(self.tokenizer, sentences, self.target_token, max_positions=self.max_positions,
                                    max_batch_tokens=self.max_batch_tokens, batch_size=self.batch_size,
                                    decode=self._generate, on_done=on_done)

    def _generate(self, ids: list[list[int]]) -> list[Translation]:
        padded = self.tokenizer.pad({"input_ids": ids}, return_tensors="pt").to(self.device)
        config = copy.deepcopy(self.model.generation_config)
        # Decoder length counts the start token; setting it here (not max_new_tokens) replaces the
        # checkpoint's fixed max_length instead of clashing with it. One step more than the budget,
        # so a forced </s> at max_length falls beyond every sentence's own cut below.
        config.max_length = 2 + max_new_tokens_for(max(map(len, ids)), self.out_cap)
        config.num_beams = self.beams
        config.num_return_sequences = 1
        config.output_scores = True
        config.return_dict_in_generate = True
        config.renormalize_logits = True  # scores come out as log-probs: no second softmax below
        if self.forced_bos_token_id is not None:
            config.forced_bos_token_id = self.forced_bos_token_id
        with torch.inference_mode():
            out = self.model.generate(**padded, generation_config=config)
            scores = self.model.compute_transition_scores(
                out.sequences, out.scores, getattr(out, "beam_indices", None), normalize_logits=False)
        generated = out.sequences[:, -scores.shape[1]:].cpu()
        keep = generated != self.model.config.pad_token_id
        if self.forced_bos_token_id is not None:
            keep[:, 0] = False  # forced, so its log-prob (0) says nothing about the model's confidence
        scores = scores.float().cpu()
        results = []
        for j, source in enumerate(ids):
            # Each sentence gets its own length budget, so its output does not depend on which
            # longer sentences it happened to be batched with.
            budget = max_new_tokens_for(len(source), self.out_cap)
            tokens, mask = generated[j, :budget], keep[j, :budget]
            text = self.tokenizer.decode(tokens[mask].tolist(), skip_special_tokens=True)
            results.append(Translation(text.strip(), scores[j, :budget][mask].tolist()))
        return results
