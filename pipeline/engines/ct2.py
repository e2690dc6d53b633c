"""The CTranslate2 backend: a converted MarianMT model (see `convert.py`), int8 on CPU by default.

It behaves like the HF engine where outputs are concerned (the same tokenisation, done by
`marian_vocab.py` without importing transformers, which cost a second of start-up; same target-token
detection, same splitting of over-long sentences and output-length rule, same length-sorted batching), so switching
`backend = "ct2"` changes speed and memory, not what the pipeline does with the text.

Confidence. CTranslate2 4.x beam search does not return per-token log-probs; with `return_scores`
it returns the hypothesis' cumulative log-prob divided by its length (EOS included, length_penalty 1),
which is exactly the mean token log-prob that `Translation.confidence` computes for the HF engine.
By default that mean is stored once per generated token, so `confidence` (the only consumer) is the
model's real value while the per-token entries are flat; the rare output cut at its length budget is
re-scored, since its sequence score covers tokens it no longer has. `exact_logprobs=True` re-scores
every output with `Translator.score_batch` for true per-token values, at the cost of a second
forward pass (a quarter to a third of the decoding time of a Transformer-base model on CPU).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import ctranslate2

from pipeline.engines.base import Translation
from pipeline.engines.batching import MAX_NEW_TOKENS_CAP, max_new_tokens_for, output_cap, translate_in_batches
from pipeline.engines.allocator import keep_freed_memory
from pipeline.engines.device import resolve_device
from pipeline.engines.loading import check_model_folder, choose_target_token
from pipeline.engines.marian_vocab import load_tokenizer
from pipeline.engines.threads import batch_workers, plan_threads
from pipeline.errors import ModelNotAvailable, PressMTError

_EOS = "</s>"


class CT2Engine:
    """One converted Marian model translating into one target language with ctranslate2.Translator."""

    def __init__(self, model_dir: str, *, target_lang: str = "en", target_token: str | None = None,
                 beams: int = 4, batch_size: int = 16, max_batch_tokens: int = 4096, threads: int | None = None,
                 workers: int | None = None, device: str = "auto", compute_type: str = "int8",
                 exact_logprobs: bool = False, decode_options: Mapping[str, Any] | None = None) -> None:
        """`threads` is the CPU budget and `workers` the batches decoded at once (`threads.plan_threads`):
        one CTranslate2 replica per worker (`inter_threads`), so batches run side by side.
        `decode_options` are extra `translate_batch` arguments that override ours (benchmarks set
        min/max_decoding_length to fix the output length; a max_decoding_length also replaces the
        per-sentence length budget)."""
        self.device = resolve_device(device, "ct2")
        self.plan = plan_threads(threads=threads, workers=workers, device=self.device)
        self.batches = batch_workers(self.plan)
        if self.device == "cpu":
            keep_freed_memory()
        path = Path(model_dir).expanduser()
        if not path.is_dir():
            raise ModelNotAvailable(f"model folder not found: {model_dir}")
        check_model_folder(path, str(model_dir))
        if not (path / "model.bin").is_file():
            hint = " (a transformers checkpoint: convert it with `pressmt models convert`)" \
                if (path / "config.json").is_file() else ""
            raise ModelNotAvailable(f"{model_dir}: not a CTranslate2 model folder, no model.bin{hint}")
        if not (path / "source.spm").is_file():
            raise PressMTError(f"{model_dir}: tokenizer files missing beside model.bin "
                               "(convert with `pressmt models convert`, which copies them)")
        self.model_id = str(model_dir)
        self.revision: str | None = None
        self.path = str(path)
        self.target_lang = target_lang
        self.beams = beams
        self.batch_size = batch_size
        self.max_batch_tokens = max_batch_tokens
        self.exact_logprobs = exact_logprobs
        self.decode_options = dict(decode_options or {})
        self.tokenizer = load_tokenizer(path)
        # A converted folder keeps the tokenizer's limit (the Marian checkpoint's positions, 512).
        self.max_positions = min(self.tokenizer.model_max_length, MAX_NEW_TOKENS_CAP)
        self.out_cap = output_cap(self.max_positions)
        try:
            self.translator = ctranslate2.Translator(str(path), device=self.device, compute_type=compute_type,
                                                     inter_threads=self.plan.workers,
                                                     intra_threads=self.plan.threads or 0)
        except (RuntimeError, ValueError) as exc:
            raise PressMTError(f"{model_dir}: CTranslate2 cannot load it on {self.device} "
                               f"as {compute_type}: {exc}") from None
        self.target_token = choose_target_token(self.tokenizer.get_vocab(), target_token, target_lang, self.model_id)

    def translate(self, sentences: list[str],
                  on_done: Callable[[dict[int, Translation]], None] | None = None) -> list[Translation]:
        """Translate in input order; blank sentences come back blank without reaching the model."""
        return translate_in_batches(self.tokenizer, sentences, self.target_token, max_positions=self.max_positions,
                                    max_batch_tokens=self.max_batch_tokens, batch_size=self.batch_size,
                                    decode=self._decode_ids, on_done=on_done, pool=self.batches)

    def _decode_ids(self, ids: list[list[int]]) -> list[Translation]:
        return self._decode([self.tokenizer.convert_ids_to_tokens(x) for x in ids])

    def _decode(self, source: list[list[str]]) -> list[Translation]:
        # The HF engine's rule: each sentence keeps at most max_new_tokens_for(its own length) tokens,
        # cut from a search run to the batch's longest budget, so an output never depends on which
        # longer sentences share its batch. CTranslate2's max_decoding_length counts tokens before EOS.
        fixed = self.decode_options.get("max_decoding_length")  # an override takes the rule over too
        budgets = [fixed or max_new_tokens_for(len(s), self.out_cap) for s in source]
        options: dict[str, Any] = {
            "beam_size": self.beams,
            "max_decoding_length": max(budgets),
            "max_input_length": 0,  # pieces already fit the model (batching.split_to_fit)
            "return_scores": True,
            "return_end_token": True,
        }
        options.update(self.decode_options)
        results = self.translator.translate_batch(source, **options)
        hyps = [r.hypotheses[0][:b] for r, b in zip(results, budgets)]
        bodies = [h[:-1] if h and h[-1] == _EOS else h for h in hyps]
        texts = [self.tokenizer.decode(self.tokenizer.convert_tokens_to_ids(b), skip_special_tokens=True).strip()
                 for b in bodies]
        if self.exact_logprobs:
            logprobs = self._score(source, hyps, bodies)
        else:
            logprobs = [[r.scores[0]] * len(h) for r, h in zip(results, hyps)]
            # A cut hypothesis' sequence score covers tokens it no longer has: re-score just those (rare:
            # only runaway outputs of sentences shorter than their batch's longest).
            cut = [i for i, (r, b) in enumerate(zip(results, budgets)) if len(r.hypotheses[0]) > b]
            if cut:
                exact = self._score([source[i] for i in cut], [hyps[i] for i in cut], [bodies[i] for i in cut])
                for i, lp in zip(cut, exact):
                    logprobs[i] = lp
        return [Translation(t, lp) for t, lp in zip(texts, logprobs)]

    def _score(self, source: list[list[str]], hyps: list[list[str]], bodies: list[list[str]]) -> list[list[float]]:
        """True per-token log-probs of each hypothesis; score_batch always scores an EOS after the body,
        so it is dropped again where the hypothesis has none (stopped or cut at its length budget)."""
        scored = self.translator.score_batch(source, bodies, max_input_length=0)
        return [s.log_probs if len(h) > len(b) else s.log_probs[:-1]
                for s, h, b in zip(scored, hyps, bodies)]
