"""Which glossary files a command uses: the shipped set as the base, and the user's files and
folders added to it.

Every command that takes glossaries (translate, evaluate, enforce, glossary check/hits/forms) asks
`glossary_paths`, so "-g mine.csv" means the same everywhere: the shipped entries and mine. Files
in the shipped folder are the base layer wherever they are named; an entry of any other file
replaces the shipped entry it shares a Russian form with (`load.load_glossaries`).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from pipeline.errors import InputError
from pipeline.glossary.readers import READERS

#: Glossaries shipped with the project: the checkout's glossaries/ folder, which an installed wheel
#: carries as pipeline/shipped_glossaries (pyproject package-dir).
_INSTALLED = resources.files("pipeline") / "shipped_glossaries"
SHIPPED_GLOSSARIES = Path(str(_INSTALLED)) if _INSTALLED.is_dir() \
    else Path(__file__).resolve().parents[2] / "glossaries"


def is_shipped(path: str | Path) -> bool:
    """Whether `path` (as given: the test is on the name, so a cached load depends on nothing else)
    is a file of the shipped set."""
    return Path(path).parent == SHIPPED_GLOSSARIES


def _folder_files(folder: Path) -> list[Path]:
    """The glossary files directly in `folder` (suffixes matched case-insensitively), sorted."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in READERS and p.is_file())


def glossary_files(path: Path) -> list[Path]:
    """`path` itself, or the glossary files of a folder; InputError for a missing path or a folder
    without any."""
    if path.is_dir():
        found = _folder_files(path)
        if not found:
            raise InputError(str(path), f"no glossary file ({', '.join(READERS)}) in this folder")
        return found
    if not path.exists():
        raise InputError(str(path), "no such glossary file or folder")
    return [path]


def glossary_paths(added: list[Path], shipped: bool = True) -> list[Path]:
    """The files a command loads: the shipped set (unless `shipped` is False), then every file or
    folder of `added` in the order given, each file once."""
    base = _folder_files(SHIPPED_GLOSSARIES) if shipped and SHIPPED_GLOSSARIES.is_dir() else []
    found = [*base, *(f for p in added for f in glossary_files(Path(p)))]
    return list(dict.fromkeys(found))
