"""The Hugging Face transformers backend: any seq2seq checkpoint (Marian, NLLB, M2M-100) on CPU or GPU.

Sentences are tokenised once, batched by length so padding stays small, and decoded with beam
search; the log-probability of every generated token is kept because quality estimation ranks
segments by the model's own confidence. Those log-probs come from one teacher-forced pass over the
chosen sequences, not from `generate(output_scores=True)`: that keeps every step's full-vocabulary
scores for every beam (16 sentences x 4 beams x 62,518 floats a step on OPUS-MT), which doubled
the torch path's peak memory.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable
from pathlib import Path

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer, GenerationConfig, LogitsProcessorList
from transformers.modeling_outputs import BaseModelOutput
from transformers.utils import logging as hf_logging

from pipeline.engines.base import Translation
from pipeline.engines.batching import max_new_tokens_for, output_cap, translate_in_batches
from pipeline.engines.allocator import keep_freed_memory
from pipeline.engines.device import resolve_device
from pipeline.engines.loading import choose_target_token, resolve_model
from pipeline.engines.threads import batch_workers, plan_threads
from pipeline.errors import ModelNotAvailable, PressMTError
from pipeline.languages import LANGUAGES

# transformers draws a "Loading weights" bar on stderr; an error or interrupt must stay one line there.
hf_logging.disable_progress_bar()

#: The source language's FLORES-200 code, as NLLB knows it (a target language declares its own);
#: M2M-100 uses the two-letter codes.
NLLB_SOURCE = "rus_Cyrl"
_MULTILINGUAL_TYPES = {"m2m_100", "nllb_moe", "nllb-moe"}
#: The most logits (floats) the scoring pass holds at once: 64 MB, whatever the batch and length.
SCORING_LOGITS_BUDGET = 1 << 24


class HFEngine:
    """One loaded transformers seq2seq model translating into one target language."""

    def __init__(self, model: str, *, revision: str | None = None, target_lang: str = "en",
                 target_token: str | None = None, src_lang: str | None = None, tgt_lang: str | None = None,
                 device: str = "auto", beams: int = 4, batch_size: int = 16, max_batch_tokens: int = 4096,
                 threads: int | None = None, workers: int | None = None) -> None:
        """`threads` is the CPU budget and `workers` the batches decoded at once (`threads.plan_threads`):
        on a CPU each worker is a thread running `generate` with its share of torch's threads."""
        self.device = resolve_device(device, "hf")
        self.plan = plan_threads(threads=threads, workers=workers, device=self.device)
        self.batches = batch_workers(self.plan)
        if self.device == "cpu":
            keep_freed_memory()
        if self.plan.threads:
            torch.set_num_threads(self.plan.threads)
        self.model_id = model
        self.revision = revision
        self.target_lang = target_lang
        self.beams = beams
        self.batch_size = batch_size
        self.max_batch_tokens = max_batch_tokens
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
        nllb = self._token_id(NLLB_SOURCE) is not None
        src = src_lang or (NLLB_SOURCE if nllb else "ru")
        known = LANGUAGES[self.target_lang].nllb_code if self.target_lang in LANGUAGES else None
        tgt = tgt_lang or ((known or self.target_lang) if nllb else self.target_lang)
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
                                    decode=self._generate, on_done=on_done, pool=self.batches)

    def _generate(self, ids: list[list[int]]) -> list[Translation]:
        """Beam-search one batch of source ids (sequences only), then score the chosen tokens."""
        padded = self.tokenizer.pad({"input_ids": ids}, return_tensors="pt").to(self.device)
        config = copy.deepcopy(self.model.generation_config)
        # Decoder length counts the start token; setting it here (not max_new_tokens) replaces the
        # checkpoint's fixed max_length instead of clashing with it. One step more than the budget,
        # so a forced </s> at max_length falls beyond every sentence's own cut below.
        config.max_length = 2 + max_new_tokens_for(max(map(len, ids)), self.out_cap)
        config.num_beams = self.beams
        config.num_return_sequences = 1
        config.renormalize_logits = True  # the processed scores are log-probs, as the scoring pass reads them
        if self.forced_bos_token_id is not None:
            config.forced_bos_token_id = self.forced_bos_token_id
        with torch.inference_mode():
            encoded = self.model.get_encoder()(**padded, return_dict=True).last_hidden_state
            # generate expands the encoder states for its beams in place: it gets its own wrapper.
            sequences = self.model.generate(**padded, encoder_outputs=BaseModelOutput(last_hidden_state=encoded),
                                            generation_config=config)
            scores = self._token_logprobs(sequences, encoded, padded, config)
        return self._translations(ids, sequences, scores)

    def _translations(self, ids: list[list[int]], sequences: torch.Tensor, scores: torch.Tensor) -> list[Translation]:
        """Text and kept log-probs per source in `ids`, from the decoded `sequences` (start token
        first) and `scores`, one per generated token (shape: rows x generated steps)."""
        generated = sequences[:, 1:].cpu()
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

    def _token_logprobs(self, sequences: torch.Tensor, encoded: torch.Tensor, padded: dict[str, torch.Tensor],
                        config: GenerationConfig) -> torch.Tensor:
        """The log-prob `generate` gave each token of `sequences` (start token excluded), found by
        teacher forcing: the decoder reads the chosen tokens a chunk of positions at a time (its cache
        carries the earlier ones), and each position's logits go through the same logits processors
        (pad banned, forced BOS/EOS, min length…) and the final log-softmax, so only one chunk's
        logits are ever held. Positions after a sentence's </s> hold pad and are scored as garbage;
        the caller drops pad tokens."""
        processors = self._logits_processors(config, padded["input_ids"])
        targets = sequences[:, 1:]
        rows, steps = targets.shape
        chunk = max(1, SCORING_LOGITS_BUDGET // (rows * self.model.config.vocab_size))
        scores = torch.empty(rows, steps, device=sequences.device)
        # transformers 5 renamed forward's `past_key_values` to `cache` (and warns on the old name).
        cache_name = "cache" if "cache" in inspect.signature(self.model.forward).parameters else "past_key_values"
        cache: dict = {}
        for start in range(0, steps, chunk):
            out = self.model(encoder_outputs=(encoded,), attention_mask=padded["attention_mask"],
                             decoder_input_ids=sequences[:, start:min(start + chunk, steps)], use_cache=True, **cache)
            cache = {cache_name: out[cache_name]}
            for offset in range(out.logits.shape[1]):
                t = start + offset
                logits = out.logits[:, offset].float()
                # Beam search processes log-probs, greedy search raw logits (transformers' order).
                step = logits.log_softmax(-1) if config.num_beams > 1 else logits
                step = processors(sequences[:, :t + 1], step)
                scores[:, t] = step.gather(1, targets[:, t:t + 1]).squeeze(1)
            del out
        return scores

    def _logits_processors(self, config: GenerationConfig, input_ids: torch.Tensor) -> LogitsProcessorList:
        """The processors `generate` builds from `config`, built by transformers itself (a private
        helper, checked against `generate(output_scores=True)` in tests/test_hf_memory.py), so the
        scoring pass bans, forces and renormalises exactly as decoding did."""
        prepared = copy.deepcopy(config)
        self.model._prepare_special_tokens(prepared, kwargs_has_attention_mask=True, device=self.device)
        return self.model._get_logits_processor(generation_config=prepared, input_ids_seq_length=1,
                                                encoder_input_ids=input_ids, device=self.device)
