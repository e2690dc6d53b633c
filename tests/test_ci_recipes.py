"""docs/ci.md's GitHub Actions workflow and GitLab CI job: YAML that the published schemas accept
(check-jsonschema's bundled copies, no network), that caches the models and the pressmt cache, and
that runs `pressmt evaluate` on the sample set with options the command really has, publishing the
JUnit report and the Markdown summary even when the gate fails."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import yaml

from pipeline.cli import app
from pipeline.executors.loaders import BACKENDS

ROOT = Path(__file__).resolve().parents[1]
CI_MD = ROOT / "docs" / "ci.md"


def _blocks() -> dict[str, str]:
    blocks = re.findall(r"^```yaml\n(.*?)^```$", CI_MD.read_text(encoding="utf-8"), re.S | re.M)
    assert len(blocks) == 2, "docs/ci.md holds two YAML blocks: the GitHub workflow, then the GitLab job"
    return {"github": blocks[0], "gitlab": blocks[1]}


def _evaluate_options() -> set[str]:
    command = typer.main.get_command(app).commands["evaluate"]
    return {opt for param in command.params for opt in param.opts if opt.startswith("--")}


def _evaluate_call(scripts: list[str]) -> dict[str, str]:
    """The one `pressmt evaluate` command among `scripts`, checked: SAMPLES_DIR is the repository's
    samples/, every option is one evaluate has; returns its options and their values."""
    (line,) = [s for s in scripts if "pressmt evaluate" in s]
    words = shlex.split(line)
    assert words[:3] == ["pressmt", "evaluate", "samples/"] and (ROOT / "samples").is_dir()
    options = dict(zip(words[3::2], words[4::2]))
    assert len(words[3:]) == 2 * len(options), f"every option takes a value here: {line}"
    assert set(options) <= _evaluate_options(), set(options) - _evaluate_options()
    assert options.get("--backend", "hf") in BACKENDS
    assert {"--junit", "--summary-md"} <= set(options)
    return options


def test_github_workflow_caches_models_gates_and_publishes() -> None:
    workflow = yaml.safe_load(_blocks()["github"])
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    options = _evaluate_call([s.get("run", "") for s in steps])
    gate_at = next(i for i, s in enumerate(steps) if "pressmt evaluate" in s.get("run", ""))

    (cache,) = [s for s in steps if s.get("uses", "").startswith("actions/cache@")]
    assert steps.index(cache) < gate_at
    cached = cache["with"]["path"].split()
    for variable in ("HF_HOME", "PRESSMT_CACHE_DIR"):
        assert any(job["env"][variable] == "${{ github.workspace }}/" + path for path in cached), variable
    assert all((ROOT / f).is_file() for f in re.findall(r"hashFiles\('([^']+)'\)", cache["with"]["key"]))

    after = steps[gate_at + 1:]
    assert all("cancelled()" in s["if"] or "always()" in s["if"] for s in after), "published when the gate fails"
    (summary,) = [s for s in after if "GITHUB_STEP_SUMMARY" in s.get("run", "")]
    assert re.search(rf'cat {re.escape(options["--summary-md"])} >> "\$GITHUB_STEP_SUMMARY"', summary["run"])
    (upload,) = [s for s in after if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert {options["--junit"], options["--summary-md"]} <= set(upload["with"]["path"].split())


def test_gitlab_job_caches_models_gates_and_publishes() -> None:
    (job,) = yaml.safe_load(_blocks()["gitlab"]).values()
    options = _evaluate_call(job["script"])

    cached = [path for cache in job["cache"] for path in cache["paths"]]
    for variable in ("HF_HOME", "PRESSMT_CACHE_DIR"):
        assert any(job["variables"][variable] == "$CI_PROJECT_DIR/" + path for path in cached), variable
    keyed = [f for cache in job["cache"] if isinstance(cache["key"], dict) for f in cache["key"]["files"]]
    assert keyed and all((ROOT / f).is_file() for f in keyed)

    artifacts = job["artifacts"]
    assert artifacts["when"] == "always"
    assert artifacts["reports"]["junit"] == options["--junit"]
    assert {options["--junit"], options["--summary-md"]} <= set(artifacts["paths"])


@pytest.mark.parametrize(("recipe", "schema", "breakage"), [
    ("github", "vendor.github-workflows", ("    runs-on:", "    runs_on:")),
    ("gitlab", "vendor.gitlab-ci", ("    when: always", "    when: sometimes")),
])
def test_recipes_match_the_published_schemas(tmp_path: Path, recipe: str, schema: str,
                                             breakage: tuple[str, str]) -> None:
    """Valid as written; and the same check refuses a broken copy, so it really validates."""
    text = _blocks()[recipe]
    assert breakage[0] in text
    for name, content, valid in (("ok.yml", text, True), ("broken.yml", text.replace(*breakage), False)):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        check = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                               capture_output=True, text=True, timeout=120)
        assert (check.returncode == 0) is valid, check.stdout + check.stderr
