"""The Python API (issue 20, item 4): free of the CLI, and doing what the CLI does — the same
outputs from the same releases, the same enforcement, the same verdict on a sample set."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pipeline import api
from pipeline.cli import run_cli
from pipeline.errors import PressMTError
from pipeline.quality.gate import Thresholds

ROOT = Path(__file__).resolve().parents[1]

# Written for these tests (no real person's words): two releases, one as Markdown.
RELEASE_TXT = ("Аким области провёл совещание по подготовке к отопительному сезону.\n\n"
               "В областном центре открылась новая школа на 1200 мест.\n")
RELEASE_MD = ("# Заседание маслихата\n\n"
              "Депутаты маслихата утвердили бюджет области на 2026 год.\n\n"
              "- Расходы на образование выросли на 12 процентов.\n")


def _models(small_models: dict[str, Path]) -> list[str]:
    return [f"en={small_models['en']}", f"kk={small_models['kk']}"]


def test_importing_and_using_the_api_loads_no_cli_module():
    code = ("import sys\n"
            "from pipeline import api\n"
            "api.load_glossaries()\n"
            "api.enforce(['Аким провёл совещание.'], ['The mayor held a meeting.'], 'en')\n"
            "print(sorted(m for m in sys.modules if m == 'pipeline.cli' or m.startswith('pipeline.cli.')))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n", done.stdout + done.stderr


def _outputs(out: Path) -> dict[str, bytes]:
    """Every translated file under `out` by relative path (the report and review page carry times)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and (".en." in p.name or ".kk." in p.name)}


def test_translate_writes_what_the_cli_writes(tmp_path, small_models, capsys):
    releases = tmp_path / "releases"
    (releases / "news").mkdir(parents=True)
    (releases / "heating.txt").write_text(RELEASE_TXT, encoding="utf-8")
    (releases / "news" / "budget.md").write_text(RELEASE_MD, encoding="utf-8")

    code = run_cli(["translate", str(releases), "--out", str(tmp_path / "cli"), "--beams", "1", "--no-cache",
                    *(arg for model in _models(small_models) for arg in ("--model", model))])
    assert code == 0, capsys.readouterr()
    config = api.run_config(to="en,kk", models=_models(small_models), beams=1)
    with api.open_memory(cache=False) as memory:
        result = api.translate([releases], tmp_path / "api", config, memory=memory)

    assert result.exit_code == 0
    cli, ours = _outputs(tmp_path / "cli"), _outputs(tmp_path / "api")
    assert sorted(ours) == ["heating.en.txt", "heating.kk.txt", "news/budget.en.md", "news/budget.kk.md"]
    assert ours == cli
    assert result.report["summary"]["documents"] == 2
    assert (tmp_path / "api" / "review.html").is_file() and (tmp_path / "api" / "report.json").is_file()


def test_enforce_is_the_cli_enforce(tmp_path, capsys):
    sources = ["Аким провёл совещание.\n", "Школа открылась.\r\n", "Аким Астаны выступил.\n"]
    translations = ["The mayor held a meeting.\n", "The school opened.\r\n", "The akim of Astana spoke.\n"]
    (tmp_path / "src.txt").write_text("".join(sources), encoding="utf-8", newline="")
    (tmp_path / "hyp.txt").write_text("".join(translations), encoding="utf-8", newline="")
    assert run_cli(["enforce", "--lang", "en", "--source", str(tmp_path / "src.txt"), "--translation",
                    str(tmp_path / "hyp.txt"), "--out", str(tmp_path / "cli.txt")]) == 0
    capsys.readouterr()

    lines = api.enforce(sources, translations, "en")

    assert "".join(line.text for line in lines).encode("utf-8") == (tmp_path / "cli.txt").read_bytes()
    assert lines[0].text == "The akim held a meeting.\n" and [t.status for t in lines[0].terms] == ["repaired"]
    assert lines[1].text == translations[1] and lines[1].terms == []  # untouched, ending and all
    assert lines[2].text == translations[2]


def _samples(root: Path) -> Path:
    samples = root / "samples"
    for name in ("akorda-turkestan-akim-2026", "gov-abai-new-akim-2025"):
        (samples / name).mkdir(parents=True)
        for lang in ("ru", "en", "kk"):
            lines = (ROOT / "samples" / name / f"{lang}.txt").read_text(encoding="utf-8").splitlines()[:2]
            (samples / name / f"{lang}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return samples


def test_evaluate_samples_gives_the_cli_verdict(tmp_path, small_models, capsys):
    samples = _samples(tmp_path)
    junit = tmp_path / "junit.xml"
    code = run_cli(["evaluate", str(samples), "--beams", "1", "--min-chrf", "99", "--junit", str(junit),
                    *(arg for model in _models(small_models) for arg in ("--model", model))])
    cli_verdict = capsys.readouterr().out.splitlines()[-1]
    config = api.run_config(to="en,kk", models=_models(small_models), beams=1)

    result = api.evaluate_samples(samples, config, thresholds=Thresholds(min_chrf=99))

    assert (result.exit_code, result.verdict()) == (code, cli_verdict) == (1, cli_verdict)
    assert cli_verdict.startswith("FAIL: 4 of 4 document/language results miss")
    cases = {(c.get("classname"), c.get("name")): (c.find("failure").get("message"),
                                                    {p.get("name"): p.get("value") for p in c.iter("property")})
             for c in ET.parse(junit).getroot().iter("testcase")}
    ours = {(f"pressmt.{d.lang}", d.name): (d.failures[0].message, {"segments": str(d.segments), **{
        k: "" if v is None else f"{v:.4f}" for k, v in d.values().items()}}) for d in result.docs}
    assert ours == cases  # the same translations, so the same scores


def test_a_threshold_off_its_scale_is_refused_before_any_work(tmp_path):
    with pytest.raises(PressMTError) as caught:
        api.evaluate_samples(tmp_path / "missing", thresholds=Thresholds(min_bleu=300))
    assert str(caught.value) == "--min-bleu 300 is out of range: it is on sacrebleu's 0-100 scale"
