"""Issue 16's acceptance script: 20 seeded rounds of the editor's round trip under contention and kills.

Each round translates three small Russian releases (.txt, .md, .html) with the small models
(CTranslate2, greedy), exports XLIFF, edits three units as an editor would (a real English or
Kazakh translation of the sentence), starts `pressmt import xliff` in its own process, and while
it holds OUT's lock tries a second import or a `translate --resume` on the same OUT (refused: exit
2, one line, nothing changed), then SIGKILLs the import at a random moment. Then `translate
--resume` (in some rounds, first) and the import again finish the work; after each round every
edit is in the outputs, report.jsonl, report.json, the review page and the translation memory.
"""

from __future__ import annotations

import html
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_report
from lxml import etree

from pipeline.cli import run_cli
from pipeline.tm import TranslationMemory
from pipeline.writers.xliff import NS

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 20
SEED = 16

#: Russian sentences with an English and a Kazakh translation an editor would write.
SENTENCES = {
    "Аким Павлодарской области провел совещание по подготовке к отопительному сезону.": (
        "The akim of Pavlodar region held a meeting on preparations for the heating season.",
        "Павлодар облысының әкімі жылу беру маусымына дайындық бойынша кеңес өткізді."),
    "В Экибастузе завершен ремонт двух котельных.": (
        "Repairs of two boiler houses have been completed in Ekibastuz.",
        "Екібастұзда екі қазандықты жөндеу аяқталды."),
    "Мажилис одобрил законопроект о республиканском бюджете.": (
        "The Mazhilis approved the draft law on the republican budget.",
        "Мәжіліс республикалық бюджет туралы заң жобасын мақұлдады."),
    "Депутаты направили документ в Сенат.": (
        "The deputies sent the document to the Senate.",
        "Депутаттар құжатты Сенатқа жолдады."),
    "В Астане открылись три новые школы.": (
        "Three new schools have opened in Astana.",
        "Астанада үш жаңа мектеп ашылды."),
    "Министр просвещения посетил одну из них.": (
        "The Minister of Education visited one of them.",
        "Оқу-ағарту министрі солардың біріне барды."),
    "В Карагандинской области отремонтируют сто километров дорог.": (
        "One hundred kilometres of roads will be repaired in Karaganda region.",
        "Қарағанды облысында жүз шақырым жол жөнделеді."),
    "Работы завершатся до конца года.": (
        "The work will be completed by the end of the year.",
        "Жұмыстар жыл соңына дейін аяқталады."),
    "Правительство утвердило план развития туризма.": (
        "The Government approved a tourism development plan.",
        "Үкімет туризмді дамыту жоспарын бекітті."),
    "Особое внимание уделено Алаколю и Бурабаю.": (
        "Particular attention is paid to Alakol and Burabay.",
        "Алакөл мен Бурабайға ерекше назар аударылды."),
}
_S = list(SENTENCES)
DOCUMENTS = {
    "pavlodar.txt": f"{_S[0]}\n\n{_S[1]}\n",
    "budget.md": f"{_S[2]}\n\n- {_S[3]}\n",
    "schools.html": (f'<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"></head>\n'
                     f"<body>\n<p>{_S[4]}</p>\n<p>{_S[5]}</p>\n</body></html>\n"),
    "roads.txt": f"{_S[6]}\n\n{_S[7]}\n",
    "tourism.md": f"{_S[8]}\n\n{_S[9]}\n",
}
LANGS = {"en": 0, "kk": 1}


def _args(small_models, tm: Path) -> list[str]:
    return ["--model", f"en={small_models['en']}", "--model", f"kk={small_models['kk']}", "--backend", "ct2",
            "--beams", "1", "--no-cache", "--no-glossary", "--tm", str(tm)]


def _units(path: Path) -> list[tuple[str, str]]:
    tree = etree.parse(str(path))
    return [(u.get("id"), "".join(u.find(f"{{{NS}}}source").itertext()))
            for u in tree.iter(f"{{{NS}}}trans-unit")]


def _edit(path: Path, unit: str, text: str) -> None:
    tree = etree.parse(str(path))
    (target,) = tree.xpath(f"//x:trans-unit[@id='{unit}']/x:target", namespaces={"x": NS})
    target.text = text
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def _holds_lock(pid: int, lock: Path) -> bool:
    """Whether process `pid` holds an flock on `lock` (/proc/locks: "… FLOCK ADVISORY WRITE pid maj:min:inode …")."""
    try:
        inode = lock.stat().st_ino
        rows = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return False
    for row in rows:
        fields = row.split()
        if "FLOCK" in fields and str(pid) in fields and any(f.endswith(f":{inode}") for f in fields):
            return True
    return False


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != "lock"}


def _import_argv(files: list[Path], out: Path, tm: Path) -> list[str]:
    return ["import", "xliff", *map(str, files), "--out", str(out), "--tm", str(tm)]


def _check_edits(out: Path, tm: Path, edits: list[tuple[str, str, str, str]]) -> None:
    """Every edit (document, language, source, text) in the output, the report, the review page, the memory."""
    report = run_report(out)
    docs = {d["path"]: d for d in report["documents"]}
    page = (out / "review.html").read_text(encoding="utf-8")
    with TranslationMemory(tm) as memory:
        human = {(p.target_lang, p.source): p.target for p in memory.pairs(human_only=True)}
    for path, lang, source, text in edits:
        (seg,) = [s for s in docs[path]["languages"][lang]["segments"] if s["source"] == source]
        assert seg["output"] == text and seg["origin"] == "human", (path, lang, seg)
        output = out / docs[path]["outputs"][lang]
        assert text in output.read_text(encoding="utf-8"), (path, lang)
        assert html.escape(text, quote=False) in page, (path, lang)
        assert human.get((lang, source)) == text, (path, lang)
    for lang in LANGS:
        edited = sum(1 for _, e_lang, _, _ in edits if e_lang == lang)
        assert report["summary"]["languages"][lang]["from_editors"] == edited


@pytest.mark.slow
def test_twenty_rounds_of_edits_under_contention_and_kills(tmp_path, small_models, capsys):
    rng = random.Random(SEED)
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    passed = 0
    for number in range(ROUNDS):
        root = tmp_path / f"round-{number:02d}"
        releases, out, xlf, tm = root / "releases", root / "out", root / "xlf", root / "tm.sqlite"
        releases.mkdir(parents=True)
        for name in rng.sample(sorted(DOCUMENTS), 3):
            (releases / name).write_text(DOCUMENTS[name], encoding="utf-8")
        assert run_cli(["translate", str(releases), "--out", str(out), *_args(small_models, tm)]) == 0
        assert run_cli(["export", "xliff", str(out), "--dir", str(xlf)]) == 0

        candidates = [(path, lang, unit, source) for path in sorted(xlf.glob("*.xlf"))
                      for lang in LANGS if path.name.endswith(f".{lang}.xlf")
                      for unit, source in _units(path) if source in SENTENCES]
        edits, files = [], set()
        for path, lang, unit, source in rng.sample(candidates, 3):
            text = SENTENCES[source][LANGS[lang]]
            _edit(path, unit, text)
            edits.append((path.name.removesuffix(f".{lang}.xlf"), lang, source, text))
            files.add(path)
        argv = _import_argv(sorted(files), out, tm)
        capsys.readouterr()

        proc = subprocess.Popen([sys.executable, "-m", "pipeline", *argv], env=env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            lock = out / ".pressmt" / "lock"
            deadline = time.monotonic() + 60
            while not _holds_lock(proc.pid, lock) and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.0005)
            assert proc.poll() is None, f"round {number}: the import ended before it was seen holding OUT"
            os.kill(proc.pid, signal.SIGSTOP)  # hold it there while a second command tries OUT
            before = _snapshot(out)
            second = rng.choice(["import", "translate"])
            second_argv = argv if second == "import" else \
                ["translate", str(releases), "--out", str(out), "--resume", *_args(small_models, tm)]
            assert run_cli(second_argv) == 2, f"round {number}: a second {second} was let in"
            err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
            assert len(err) == 1 and "is in use by another pressmt command" in err[0], err
            assert _snapshot(out) == before, f"round {number}: the refused {second} changed OUT"
            os.kill(proc.pid, signal.SIGCONT)
            if rng.random() < 0.7:  # most kills aimed at the writes: once the import recorded its intent
                intent = out / ".pressmt" / "import-intent.json"
                while not intent.exists() and proc.poll() is None:
                    time.sleep(0.0002)
                time.sleep(rng.uniform(0, 0.12))
            else:  # anywhere in the import, or after it
                time.sleep(rng.uniform(0, 0.4))
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.kill()
            proc.communicate(timeout=60)

        if rng.random() < 0.5:  # --resume first: a half-done import is finished, never dropped
            began = (out / ".pressmt" / "import-intent.json").exists() or proc.returncode == 0
            assert run_cli(["translate", str(releases), "--out", str(out), "--resume", *_args(small_models, tm)]) == 0
            if began:
                _check_edits(out, tm, edits)
        assert run_cli(argv) == 0, f"round {number}: importing again failed"
        _check_edits(out, tm, edits)
        assert run_cli(["translate", str(releases), "--out", str(out), "--resume", *_args(small_models, tm)]) == 0
        assert {d["status"] for d in run_report(out)["documents"]} == {"current"}
        _check_edits(out, tm, edits)
        passed += 1
    assert passed == ROUNDS
