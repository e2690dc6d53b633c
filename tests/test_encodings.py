"""Releases from Windows and Unix offices that are not UTF-8 (issue 18, item 4): windows-1251 and
KOI8-R text and Markdown are detected, translated, written back in their encoding (UTF-8 with a
byte order mark where that encoding has no room for the translation, as Kazakh letters), and the
choice is a warning of the document; `--encoding` forces one."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from conftest import run_report

from pipeline.cli import run_cli
from pipeline.formats.markdown import MarkdownFormat
from pipeline.formats.text import TextFormat
from pipeline.textfiles import check_encoding, decode_detected

RELEASE = ("Аким Павлодарской области Асаин Байханов провёл совещание в Экибастузе.\n"
           "\n"
           "Участники обсудили подготовку котельных и тепловых сетей к отопительному сезону.\n"
           "Работы завершатся до 15 октября, сообщает пресс-служба акимата.\n")
MARKDOWN = ("# Акимат Павлодарской области\n"
            "\n"
            "Мажилис одобрил **законопроект** о местном самоуправлении.\n"
            "\n"
            "- Депутаты обсудили поправки к бюджету.\n"
            "- Следующее заседание состоится в среду.\n")
LEGACY = ("cp1251", "koi8_r")


def _models(small_models) -> list[str]:
    return ["--model", f"en={small_models['en']}", "--model", f"kk={small_models['kk']}", "--beams", "1",
            "--no-cache", "--no-glossary"]


@pytest.mark.parametrize(("codec", "label"), [("cp1251", "windows-1251"), ("koi8_r", "KOI8-R")])
def test_legacy_russian_is_detected_and_renders_back_byte_for_byte(codec: str, label: str) -> None:
    data = RELEASE.encode(codec)
    text, found = decode_detected(data, Path("release.txt"), legacy=LEGACY)
    assert text == RELEASE and found.codec == codec and found.label == label
    doc = TextFormat().parse(data, Path("release.txt"))
    assert [s.source for s in doc.segments][0] == RELEASE.splitlines()[0]
    assert doc.warnings == [f"release.txt: encoding {label} (detected, not UTF-8): outputs are written in "
                            f"{label}, or in UTF-8 with a byte order mark when a translation has characters "
                            f"{label} lacks (as the Kazakh letters ә ғ қ ң ө ұ ү һ і)"]
    assert doc.render([s.source for s in doc.segments], "en") == data  # the same bytes, not re-encoded
    # English fits the legacy encoding; Kazakh does not: UTF-8 with a byte order mark, nothing lost
    english = doc.render(["The akim held a meeting."] * len(doc.segments), "en")
    assert not english.startswith(codecs.BOM_UTF8) and "The akim held a meeting." in english.decode(codec)
    kazakh = doc.render(["Павлодар облысының әкімі кеңес өткізді."] * len(doc.segments), "kk")
    assert kazakh.startswith(codecs.BOM_UTF8)
    assert "Павлодар облысының әкімі кеңес өткізді." in kazakh[3:].decode("utf-8")


def test_utf8_is_never_second_guessed() -> None:
    """Valid UTF-8 is UTF-8, without a warning, even when charset-normalizer is at hand."""
    doc = TextFormat().parse(RELEASE.encode("utf-8"), Path("release.txt"))
    assert doc.warnings == []
    assert doc.render(["Аким провёл совещание."] * len(doc.segments), "en").decode("utf-8")


def test_undetectable_bytes_name_the_line_and_the_option() -> None:
    data = RELEASE.encode("utf-8") + bytes(range(0x80, 0x100))
    with pytest.raises(Exception, match=r"release\.txt:5: invalid UTF-8 \(byte 0x80\), and not recognisably "
                                        r"windows-1251 or KOI8-R; name its encoding with --encoding"):
        TextFormat().parse(data, Path("release.txt"))


@pytest.mark.parametrize(("name", "codec"), [("windows-1251", "cp1251"), ("KOI8-R", "koi8_r"),
                                             ("UTF-8", "utf-8"), ("cp866", "cp866")])
def test_encoding_names(name: str, codec: str) -> None:
    assert check_encoding(name) == codec


def test_windows1251_release_through_the_cli(tmp_path: Path, small_models, capsys) -> None:
    """The issue's friction: a windows-1251 .txt failed with "line 1: invalid UTF-8 (byte 0xc0)"."""
    src = tmp_path / "in" / "release.txt"
    src.parent.mkdir()
    src.write_bytes(RELEASE.encode("cp1251"))
    out = tmp_path / "out"
    assert run_cli(["translate", str(src.parent), "--out", str(out), *_models(small_models)]) == 0
    err = capsys.readouterr().err
    assert "encoding windows-1251 (detected, not UTF-8)" in " ".join(err.split())  # printed
    (doc,) = run_report(out)["documents"]
    assert doc["status"] == "translated"
    assert any("encoding windows-1251 (detected, not UTF-8)" in w for w in doc["warnings"])
    for lang in ("en", "kk"):
        data = (out / f"release.{lang}.txt").read_bytes()
        outputs = [s["output"] for s in doc["languages"][lang]["segments"]]
        if data.startswith(codecs.BOM_UTF8):  # only when windows-1251 cannot hold the translation
            text = data[3:].decode("utf-8")
            with pytest.raises(UnicodeEncodeError):
                text.encode("cp1251")
        else:
            text = data.decode("cp1251")
        assert all(o in text for o in outputs)
        assert text.count("\n") == RELEASE.count("\n")


def test_koi8r_markdown_and_forced_encoding(tmp_path: Path, small_models, capsys) -> None:
    src = tmp_path / "in" / "release.md"
    src.parent.mkdir()
    src.write_bytes(MARKDOWN.encode("koi8_r"))
    doc = MarkdownFormat().parse(src.read_bytes(), src)
    assert [s.source for s in doc.segments][:2] == ["Акимат Павлодарской области", "Мажилис одобрил"]
    assert "encoding KOI8-R (detected, not UTF-8)" in doc.warnings[0]
    out = tmp_path / "out"
    assert run_cli(["translate", str(src.parent), "--out", str(out), "--to", "en",
                    "--encoding", "koi8-r", *_models(small_models)]) == 0
    (entry,) = run_report(out)["documents"]
    assert entry["status"] == "translated"
    assert any("encoding KOI8-R (--encoding)" in w for w in entry["warnings"])
    assert run_report(out)["options"]["encoding"] == "koi8_r"
    data = (out / "release.en.md").read_bytes()
    text = data[3:].decode("utf-8") if data.startswith(codecs.BOM_UTF8) else data.decode("koi8_r")
    assert text.startswith("# ") and text.count("\n- ") == 2  # the Markdown around the translations kept


def test_unknown_encoding_is_one_line_exit_2(tmp_path: Path, small_models, capsys) -> None:
    src = tmp_path / "release.txt"
    src.write_text(RELEASE, encoding="utf-8")
    code = run_cli(["translate", str(src), "--out", str(tmp_path / "out"), "--encoding", "klingon",
                    *_models(small_models)])
    err = capsys.readouterr().err
    assert code == 2 and "--encoding: unknown encoding 'klingon'" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_evaluate_hyp_reads_windows1251_files(tmp_path: Path, capsys) -> None:
    hyp, ref = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    hyp.write_bytes("Аким провёл совещание.\n".encode("cp1251"))
    ref.write_text("Аким провёл совещание.\n", encoding="utf-8")
    assert run_cli(["evaluate", "--hyp", str(hyp), "--ref", str(ref), "--json"]) == 0
    assert '"bleu": 100.0' in capsys.readouterr().out
