"""The CTranslate2 backend's tokenizer (`engines/marian_vocab.py`) against MarianTokenizer itself.

It exists so a ct2 run need not import transformers; it is only right if every id and every text
it gives equals MarianTokenizer's on the same model folder, which is what these tests hold it to,
on real Russian, Kazakh and English lines and on the inputs that take the unusual paths (special
tokens in the text, a target code, unknown pieces).
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from transformers import MarianTokenizer

from pipeline.engines.marian_vocab import MarianVocab, load_tokenizer

ODD = ["", "   ", "Аким <unk> области</s> принял", "<pad><pad>", ">>kaz<< Президент принял акима",
       "Президент >>kaz<< принял", ">>kaz<<", "Ақорда: «Қазақстан» — 2 млн ₸ 😀 и\tтаб\u200bуляция",
       "Токаев</s>", "  пробелы  в  начале и конце  ", "Ekibastuz, Екібастұз, Экибастуз"]


def _lines(shared_dir: Path, lang: str, count: int) -> list[str]:
    return (shared_dir / "data" / "flores200" / f"dev.{lang}").read_text(encoding="utf-8").splitlines()[:count]


@pytest.fixture(scope="module", params=["en", "kk"])
def pair(request, small_models: dict[str, Path]) -> tuple[MarianVocab, MarianTokenizer]:
    folder = small_models[request.param]
    ours = load_tokenizer(folder)
    assert isinstance(ours, MarianVocab), "a plain shared-vocabulary folder must not need transformers"
    return ours, MarianTokenizer.from_pretrained(str(folder))


def test_ids_equal_marian_tokenizers_on_real_and_odd_text(pair, shared_dir: Path) -> None:
    ours, theirs = pair
    texts = [*_lines(shared_dir, "ru", 300), *_lines(shared_dir, "kk", 100), *_lines(shared_dir, "en", 100), *ODD]
    texts += [f">>kaz<< {t}" for t in texts[:50]]
    assert ours(texts)["input_ids"] == theirs(texts, verbose=False)["input_ids"]
    assert [ours(t)["input_ids"] for t in ODD] == [theirs(t, verbose=False)["input_ids"] for t in ODD]


def test_text_of_ids_equals_marian_tokenizers(pair, shared_dir: Path) -> None:
    ours, theirs = pair
    sequences = theirs(_lines(shared_dir, "ru", 200) + ODD, verbose=False)["input_ids"]
    rng = random.Random(17)
    vocab_ids = sorted(set(theirs.get_vocab().values()))
    sequences += [[rng.choice(vocab_ids) for _ in range(rng.randint(0, 40))] for _ in range(300)]
    for ids in sequences:
        for skip in (True, False):
            assert ours.decode(ids, skip_special_tokens=skip) == theirs.decode(ids, skip_special_tokens=skip), ids
        tokens = theirs.convert_ids_to_tokens(ids)
        assert ours.convert_ids_to_tokens(ids) == tokens
        assert ours.convert_tokens_to_ids(tokens) == theirs.convert_tokens_to_ids(tokens)


def test_vocabulary_and_limits_equal(pair) -> None:
    ours, theirs = pair
    assert ours.get_vocab() == theirs.get_vocab()
    assert ours.model_max_length == theirs.model_max_length


def test_a_ct2_run_does_not_import_transformers() -> None:
    """The point of the class: the CTranslate2 engine's module loads without transformers."""
    code = "import sys, pipeline.engines.ct2; print('transformers' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
