"""Which files a run translates, and where their outputs go."""

import os
from pathlib import Path

import pytest

from pipeline.errors import UsageError
from pipeline.run import check_inputs, discover


def _touch(path: Path, text: str = "Аким Экибастуза провел совещание.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folder_recursion_skips_translations_hidden_files_and_out(tmp_path):
    root = tmp_path / "samples"
    _touch(root / "ekibastuz" / "ru.txt")
    _touch(root / "ekibastuz" / "en.txt")
    _touch(root / "ekibastuz" / "kk.txt")
    _touch(root / "news" / "astana.md")
    _touch(root / "news" / "astana.en.md")
    _touch(root / ".git" / "notes.txt")
    _touch(root / "image.png")
    _touch(root / "out" / "ekibastuz" / "ru.en.txt")
    found, problems = discover([root], root / "out")
    assert [str(rel) for _, rel in found] == ["ekibastuz/ru.txt", "news/astana.md"]
    assert [(p.rel, p.status) for p in problems] == [("image.png", "skipped")]  # named, not passed over


def test_named_files_keep_paths_below_their_common_folder(tmp_path):
    a = _touch(tmp_path / "samples" / "a" / "ru.txt")
    b = _touch(tmp_path / "samples" / "b" / "ru.txt")
    found, problems = discover([a, b], tmp_path / "out")
    assert [str(rel) for _, rel in found] == ["a/ru.txt", "b/ru.txt"]
    assert problems == []


def test_a_missing_input_or_an_out_holding_an_input_is_a_usage_error(tmp_path):
    a = _touch(tmp_path / "samples" / "a" / "ru.txt")
    with pytest.raises(UsageError, match="input not found: .*missing.txt"):
        check_inputs([a, tmp_path / "missing.txt"], tmp_path / "out")
    for out in (tmp_path / "samples", tmp_path / "samples" / "a"):
        with pytest.raises(UsageError, match="holds the input"):
            check_inputs([tmp_path / "samples"] if out.name == "samples" else [a], out)
    check_inputs([tmp_path / "samples"], tmp_path / "samples" / "out")  # OUT inside the input folder is fine


def test_special_files_and_symlinks_are_classified_without_opening(tmp_path):
    root = tmp_path / "releases"
    _touch(root / "a.txt")
    os.mkfifo(root / "pipe.txt")
    (root / "same.txt").symlink_to(root / "a.txt")  # inside the tree: followed
    outside = _touch(tmp_path / "private" / "draft.txt")
    (root / "draft.txt").symlink_to(outside)
    (root / "private").symlink_to(outside.parent, target_is_directory=True)
    (root / "loop.txt").symlink_to(root / "loop.txt")
    found, problems = discover([root], tmp_path / "out")
    assert [str(rel) for _, rel in found] == ["a.txt", "same.txt"]
    reasons = {p.rel: p.reason for p in problems}
    assert set(reasons) == {"draft.txt", "loop.txt", "pipe.txt", "private"}
    assert "FIFO" in reasons["pipe.txt"] and "outside the input folder" in reasons["private"]
    assert "outside the input folder" in reasons["draft.txt"]


def test_two_inputs_with_one_output_name_fail_the_second(tmp_path):
    one = _touch(tmp_path / "x" / "release.txt")
    two = _touch(tmp_path / "y" / "release.txt")
    found, problems = discover([tmp_path / "x", tmp_path / "y"], tmp_path / "out")
    assert [p for p, _ in found] == [one]
    assert problems[0].source == str(two) and "same output name" in problems[0].reason
