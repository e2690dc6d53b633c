"""Peak memory of the .docx safety check on a 210 KB file holding a 100 MiB XML part (issue 19).

    python bench/ooxml_memory.py [--part-mib 100] [--json PATH] [--tree-baseline]

Builds, in a temporary folder, the sample Word release with its word/document.xml replaced by
--part-mib MiB of XML, a Russian sentence and empty paragraphs (17 million elements, a 210 KB
file for 100 MiB), then runs each of these in its own process under `/usr/bin/time -v` and prints
its peak RSS ("Maximum resident set size") and wall time:

- `check`: `ooxml_safety.check_docx` as shipped (the part is over the per-part limit: refused);
- `check_streamed`: the same with the per-part limit lifted, so the streamed scan reads all 100 MiB
  (what constant memory means: this must stay near `check`);
- `translate`: `pressmt translate FILE --to en` with the small offline model (built once under
  .cache/bench-small-models, as bench/scale.py does), the memory in the temporary folder;
- `translate_sample`: the same command on the 38 KB sample release itself, for scale (a document
  to translate loads torch and the model; the refused file above never needs them);
- `tree` (with --tree-baseline): what the check did before, `defusedxml.ElementTree.fromstring`
  of the part (1.6 GB for 100 MiB; off by default on a shared machine).

The acceptance (issue 19) is `translate` (the file refused or translated) within 300 MB.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from throughput import write_json  # noqa: E402

SAMPLE = ROOT / "samples" / "akorda-shymkent-akim-2020" / "ru.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TIME = "/usr/bin/time"

_CHECK = """
import sys
from pathlib import Path
from pipeline.errors import InputError
from pipeline.formats import ooxml_safety
if sys.argv[2] == "lifted":
    ooxml_safety.MAX_XML_PART = ooxml_safety.MAX_UNCOMPRESSED
path = Path(sys.argv[1])
try:
    ooxml_safety.check_docx(path.read_bytes(), path)
    print("accepted")
except InputError as exc:
    print("refused:", exc.reason)
"""

_TREE = """
import sys, zipfile
from defusedxml.ElementTree import fromstring
root = fromstring(zipfile.ZipFile(sys.argv[1]).read("word/document.xml"), forbid_dtd=True)
print("parsed:", sum(1 for _ in root.iter()), "elements")
"""


def build_docx(folder: Path, part_mib: int) -> Path:
    """The sample release with a `part_mib` MiB word/document.xml, written part by part so the
    builder itself never holds the part."""
    # A sentence and 1,300 empty paragraphs: 17 million elements in 100 MiB, which a tree holds
    # as objects and deflate shrinks about 600:1, as a bomb would be made.
    para = ("<w:p><w:r><w:t>Аким области доложил о ходе подготовки к отопительному сезону.</w:t></w:r></w:p>"
            + "<w:p/>" * 1300).encode()
    src = zipfile.ZipFile(SAMPLE)
    path = folder / "huge-part.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info.filename, src.read(info))
                continue
            with out.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                           f'<w:document xmlns:w="{W}"><w:body>'.encode())
                block = para * (2**20 // len(para))
                for _ in range(part_mib):
                    part.write(block)
                part.write(b"</w:body></w:document>")
    return path


def measured(argv: list[str], env: dict[str, str], about: str = "") -> dict:
    """Run `argv` under /usr/bin/time -v: peak RSS in MB, wall seconds, exit code, and its last line
    of output that mentions `about`."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        done = subprocess.run([TIME, "-v", "-o", report.name, *argv], capture_output=True, text=True,
                              env=env, cwd=ROOT)
        timed = report.read()
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", timed).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", timed)
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    lines = [line.strip() for line in (done.stdout + done.stderr).splitlines() if line.strip() and about in line]
    return {"peak_rss_mb": round(rss_kb / 1024, 1), "seconds": round(seconds, 2), "exit": done.returncode,
            "said": lines[-1][:200] if lines else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part-mib", type=int, default=100)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--tree-baseline", action="store_true")
    args = parser.parse_args()
    if not Path(TIME).is_file():
        sys.exit(f"{TIME} is missing: install the Debian package `time`")
    from scale import small_models

    models = small_models()
    tmp = Path(tempfile.mkdtemp(prefix="pressmt-ooxml-"))
    try:
        docx = build_docx(tmp, args.part_mib)
        env = dict(os.environ, PRESSMT_CACHE_DIR=str(tmp / "cache"), PYTHONPATH=str(ROOT), COLUMNS="400")
        py = sys.executable
        results = {
            "docx_kb": round(docx.stat().st_size / 1024, 1),
            "part_mib": args.part_mib,
            "check": measured([py, "-c", _CHECK, str(docx), "shipped"], env),
            "check_streamed": measured([py, "-c", _CHECK, str(docx), "lifted"], env),
            "translate": measured([py, "-m", "pipeline", "translate", str(docx), "--out", str(tmp / "out"),
                                   "--to", "en", "--model", f"en={models['en']}"], env, docx.name),
            "translate_sample": measured([py, "-m", "pipeline", "translate", str(SAMPLE), "--out", str(tmp / "out2"),
                                          "--to", "en", "--model", f"en={models['en']}"], env, "documents:"),
        }
        if args.tree_baseline:
            results["tree"] = measured([py, "-c", _TREE, str(docx)], env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{results['docx_kb']} KB .docx holding a {args.part_mib} MiB word/document.xml")
    print(f"{'run':<16} {'peak RSS MB':>12} {'seconds':>8}  exit  outcome")
    for name in ("check", "check_streamed", "translate", "translate_sample", "tree"):
        if name in results:
            r = results[name]
            print(f"{name:<16} {r['peak_rss_mb']:>12} {r['seconds']:>8}  {r['exit']:>4}  {r['said']}")
    write_json(args.json, results)


if __name__ == "__main__":
    main()
