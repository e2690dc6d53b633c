"""Which files a run translates, and where their outputs go."""

from pathlib import Path

from pipeline.run import discover


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
    assert problems == []


def test_named_files_keep_paths_below_their_common_folder(tmp_path):
    a = _touch(tmp_path / "samples" / "a" / "ru.txt")
    b = _touch(tmp_path / "samples" / "b" / "ru.txt")
    found, problems = discover([a, b, tmp_path / "missing.txt"], tmp_path / "out")
    assert [str(rel) for _, rel in found] == ["a/ru.txt", "b/ru.txt"]
    assert [(p.rel, p.reason) for p in problems] == [(str(tmp_path / "missing.txt"), "no such file or folder")]


def test_two_inputs_with_one_output_name_fail_the_second(tmp_path):
    one = _touch(tmp_path / "x" / "release.txt")
    two = _touch(tmp_path / "y" / "release.txt")
    found, problems = discover([tmp_path / "x", tmp_path / "y"], tmp_path / "out")
    assert [p for p, _ in found] == [one]
    assert problems[0].source == str(two) and "same output name" in problems[0].reason
