"""Glossary scale: cold build, warm load, peak RSS and matching speed of 1k, 20k and 200k entries.

    python bench/glossary_scale.py [--sizes 1000,20000,200000] [--sentences 100] [--json PATH]

A ministry's full termbase has hundreds of thousands of entries. For each size the script writes
a glossary of plausible generated entries (below) in the project's TSV format into a temp folder,
then, with a PRESSMT_CACHE_DIR of its own, runs each step in a fresh subprocess (so peak RSS,
VmHWM, is that step's alone):

1. cold: `load_glossaries` + `Matcher(glossary)` with an empty cache: the file is parsed and
   checked and its terms stored in `cache_dir()/glossary-terms/`, the index compiled into
   `cache_dir()/glossary-index/`;
2. warm: the same in a fresh process, the glossary and its index now read from the cache.

Both then match the first N FLORES-200 dev sentences (../shared/data/flores200/dev.ru; ms per
sentence) and N sentences that mention a seeded sample of the entries ("На совещании выступил
Ерлан Рустемович Омаров, ..."); the script stops if the warm hits differ from the cold ones.

Finally `pressmt translate` of one release (the seed release, ct2 small models, en and kk) with
`--glossary` the largest glossary, and with the shipped glossaries for comparison: a first run
fills the glossary caches, the converted models and the translation memory, then whole-process
wall seconds of a warm run and of one with `--no-cache` (both models load and translate).

The entries are combinatorial but shaped like real ones: people as "Имя [Отчество] Фамилия" from
Kazakh and Russian first names and surnames built from common roots (Ахметов, Жумабаев,
Сарсенбаева...), rural districts, villages and districts ("Каратальский сельский округ", "село
Коктал"), their akims ("аким Каратальского района") and departments ("отдел образования
Каратальского района"). Every Russian form is distinct, as `load_glossaries` requires, and none
is a form of the shipped glossaries; English is the transliteration.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from throughput import write_json  # noqa: E402

FLORES_DEV_RU = ROOT / ".." / "shared" / "data" / "flores200" / "dev.ru"
SEED_RELEASE = ROOT / ".." / "shared" / "data" / "seed" / "ekibastuz-monotowns.ru.txt"
SIZES = (1000, 20000, 200000)
COLUMNS = ("ru", "en", "kk", "type", "ru_variants", "note")

_FIRST_M = ("Асхат Бауыржан Ерлан Нурлан Серик Данияр Марат Кайрат Ербол Жандос Айдос Руслан Тимур "
            "Арман Берик Галым Даурен Ержан Жанболат Канат Мурат Нуржан Олжас Рустем Самат Талгат "
            "Улан Ахмет Бахыт Габит Досжан Ермек Жасулан Искандер Куаныш Максат Нурсултан Азамат "
            "Болат Дархан Ильяс Алибек Мейрам Аслан Бекзат Адиль Алексей Андрей Виктор Сергей "
            "Александр Владимир Дмитрий Евгений Игорь Михаил Николай Павел Роман Юрий").split()
_FIRST_F = ("Айгуль Асель Гульнара Динара Жанар Камила Лаура Мадина Назгуль Салтанат Томирис Акмарал "
            "Айжан Гаухар Дана Жулдыз Меруерт Сауле Алия Анна Елена Ирина Наталья Ольга Светлана "
            "Татьяна").split()
_ROOTS = ("Ахмет Жумаб Сарсенб Нурлан Ермек Абдрахман Бекмурат Тулеген Есим Кенж Омар Султан Байжан "
          "Муса Исаб Касым Абдулл Жаксыб Кудайберген Рахим Садык Турсын Уразб Шаймерден Ибрай Кали "
          "Мукан Бекет Темир Аман Жолдас Айтк Мырзах Бектен Каирб Оспан Дюсенб Сейтк Ахмедж Нургали "
          "Куан Смаил Токт Есенб Жакып Серик Ильяс Карим Мухамедж Алимж Ергали Калиакпар Байсеит "
          "Орынб Тасм Утеб Шайх Иманб Боранб Сагынт Бакыт Дауле Ерж Жанузак Кошк Айдарх Абиш Балт "
          "Иван Петр Сидор Кузнец Смирн Поп Волк Лебед Козл Новик Морозк Павл Семен Голуб").split()
_SURNAME_ENDINGS = ("ов", "ев", "ин", "аев", "баев", "беков", "улы")
_PLACE_HEADS = ("Ак Кара Кок Сары Жана Кызыл Ескі Жаңа Талды Шал Алты Бес Жети Тогыз Кос Бай Улы "
                "Ортал Кен Тас Тал Сай Жар Кум Шу Иле Есиль Нура Тобол Ор Сырдар Ащы Балк Мойын Айыр "
                "Коян Карабас Бурыл Косколь").split()
_PLACE_TAILS = ("тал су кол булак агаш тобе коль жар кум тау озек арал шокы сай бел кудук бастау "
                "тоғай жол мола кала бас").split()
_DEPARTMENTS = ("отдел образования", "отдел культуры", "отдел строительства", "отдел финансов",
                "отдел сельского хозяйства", "отдел занятости", "отдел физической культуры и спорта",
                "отдел архитектуры", "отдел земельных отношений", "отдел экономики и бюджетного планирования")


def _translit(text: str) -> str:
    from pipeline.glossary.translit import transliterate

    return transliterate(text)


def _surnames() -> list[tuple[str, str]]:
    """(male, female) surnames: Ахметов/Ахметова, Жумабаев/Жумабаева; "улы" does not change."""
    out = []
    for root, ending in itertools.product(_ROOTS, _SURNAME_ENDINGS):
        male = root + ending if ending != "улы" else root + "ұлы"
        out.append((male, male if ending == "улы" else male + "а"))
    return out


def _place_names() -> list[str]:
    return list(dict.fromkeys(head + tail for head, tail in itertools.product(_PLACE_HEADS, _PLACE_TAILS)))


def _adjective(name: str) -> str:
    """The relational adjective, masculine nominative: Коктал → Коктальский, Аксу → Акский."""
    stem = name[:-1] if name[-1] in "аеиоуыяью" else name + "ь" if name[-1] == "л" else name
    return stem + "ский"


def generated_entries(count: int, exclude: set[str], seed: int = 19) -> list[tuple[str, str, str, str, str]]:
    """`count` distinct entries (ru, en, kk, type, ru_variants), a seeded mix of people, places,
    titles and bodies (a third of them places, titles and bodies while there are enough); none
    whose `term_key` is in `exclude`."""
    places = []
    for name in _place_names():
        adj = _adjective(name)
        gen = adj[:-2] + "ого"
        places += [(f"{adj[:-2]}ий район", "place"), (f"{adj[:-2]}ий сельский округ", "place"),
                   (f"село {name}", "place"), (f"аким {gen} района", "title"),
                   (f"аким {gen} сельского округа", "title"), (f"аппарат акима {gen} района", "org")]
        places += [(f"{dept} {gen} района", "org") for dept in _DEPARTMENTS]
    rng = random.Random(seed)
    rng.shuffle(places)
    places = [p for p in places if _key(p[0]) not in exclude][:count // 3]
    # people: distinct (surname, first name, patronymic or none) drawn from the product by index
    surnames, firsts = _surnames(), _FIRST_M + _FIRST_F
    patronymics = [None, *(m[:-1] + "евич" if m[-1] in "йь" else m + "ович" for m in _FIRST_M)]
    space = len(surnames) * len(firsts) * len(patronymics)
    if count - len(places) > space:
        raise SystemExit(f"at most {space + len(places)} distinct entries can be generated, not {count}")
    people = []
    for k in rng.sample(range(space), count - len(places)):
        k, p = divmod(k, len(patronymics))
        s, f = divmod(k, len(firsts))
        first, (male, female) = firsts[f], surnames[s]
        female_name = first in _FIRST_F
        middle = patronymics[p] and (patronymics[p][:-3] + "вна" if female_name else patronymics[p])
        name = " ".join(w for w in (first, middle, female if female_name else male) if w)
        if _key(name) not in exclude:
            people.append((name, "person"))
    # about one place, title or body for two people, as in a regional termbase
    mixed = [e for pair in itertools.zip_longest(people[0::2], people[1::2], places) for e in pair if e]
    out = []
    for ru, kind in mixed[:count]:
        en = _translit(ru)
        en = en.title() if kind == "person" else en[:1].upper() + en[1:]
        out.append((ru, en, ru, kind, ""))
    return out


def _key(ru: str) -> str:
    from pipeline.glossary.load import term_key

    return term_key(ru)


def write_glossary(path: Path, count: int, exclude: set[str]) -> Path:
    """A TSV glossary of about `count` generated entries (header as in glossaries/*.tsv)."""
    with path.open("w", encoding="utf-8") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for ru, en, kk, kind, variants in generated_entries(count, exclude):
            f.write("\t".join((ru, en, kk, kind, variants, "generated by bench/glossary_scale.py")) + "\n")
    return path


def shipped_forms() -> set[str]:
    """Russian forms of the shipped glossaries: generated entries never repeat one, so the large
    glossary can be used together with them."""
    from pipeline.glossary.load import load_glossaries, term_key

    shipped = load_glossaries(sorted((ROOT / "glossaries").glob("*.tsv")))
    return {term_key(form) for t in shipped.terms for form in (t.ru, *t.ru_variants)}


def flores_dev(n: int) -> list[str]:
    lines = FLORES_DEV_RU.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()][:n]


# -- one measurement per process ----------------------------------------------------------------------------------

def glossary_worker(glossary: Path, sentences: int) -> dict:
    """`load_glossaries` + `Matcher` as a run does them, then matching; in its own process."""
    from throughput import peak_rss_mb

    started = time.perf_counter()
    from pipeline.glossary.load import load_glossaries
    from pipeline.glossary.match import Matcher

    imported = time.perf_counter()
    loaded = load_glossaries([glossary])
    matcher = Matcher(loaded)
    ready = time.perf_counter()
    lines = flores_dev(sentences)
    hits = [[(h.term.ru, h.start, h.end, h.case) for h in matcher.find(s)] for s in lines]
    matched = time.perf_counter()
    # FLORES hardly mentions the generated names: these do, so that cold and warm hits are compared
    mentions = [f"На совещании выступил {t.ru}, сообщает пресс-служба."
                for t in random.Random(7).sample(loaded.terms, min(sentences, len(loaded.terms)))]
    mention_hits = [[(h.term.ru, h.start, h.end, h.case) for h in matcher.find(s)] for s in mentions]
    digest = hashlib.sha256(json.dumps([hits, mention_hits], ensure_ascii=False).encode()).hexdigest()[:16]
    return {"seconds": round(ready - imported, 2), "import_s": round(imported - started, 2),
            "peak_rss_mb": round(peak_rss_mb(), 1), "ms_per_sentence": round((matched - ready) * 1000 / len(lines), 2),
            "sentences": len(lines), "hits": sum(map(len, hits)), "mention_sentences": len(mentions),
            "mention_hits": sum(map(len, mention_hits)), "hits_digest": digest}


def _subprocess(args: list[str], cache: Path) -> dict:
    env = {**os.environ, "PRESSMT_CACHE_DIR": str(cache)}
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure_size(count: int, base: Path, sentences: int, exclude: set[str]) -> dict:
    """Cold build then warm load of a generated glossary of `count` entries, each in a fresh process."""
    glossary = write_glossary(base / f"generated-{count}.tsv", count, exclude)
    cache = base / f"cache-{count}"
    runs = {}
    for label in ("cold", "warm"):
        load = os.getloadavg()[0]
        runs[label] = _subprocess(["--worker", str(glossary), "--sentences", str(sentences)], cache)
        runs[label]["load_avg_1m"] = round(load, 2)
        print(f"{count:>7} entries {label}: {runs[label]['seconds']} s, {runs[label]['peak_rss_mb']} MB, "
              f"{runs[label]['ms_per_sentence']} ms/sentence (load {load:.1f})", file=sys.stderr)
    if runs["cold"]["hits_digest"] != runs["warm"]["hits_digest"]:
        raise SystemExit(f"{count} entries: warm hits differ from cold hits")
    cache_mb = sum(p.stat().st_size for p in cache.rglob("*.sqlite")) / 2**20
    return {"entries": count, "cold": runs["cold"], "warm": runs["warm"], "cache_mb": round(cache_mb, 1),
            "identical_hits": True}


def measure_translate(glossary: Path | None, base: Path, label: str) -> dict:
    """`pressmt translate` of the seed release (en and kk, ct2 small models) with `glossary`: a first
    run fills the glossary caches, the converted models and the translation memory; then the timed
    runs, whole process: with the memory warm, and with the memory off (--no-cache: both models
    load and translate)."""
    from scale import small_models

    models = small_models()
    cache = base / f"cache-translate-{label}"
    env = {**os.environ, "PRESSMT_CACHE_DIR": str(cache)}
    args = [sys.executable, "-m", "pipeline", "translate", str(SEED_RELEASE), "--to", "en,kk",
            "--model", f"en={models['en']}", "--model", f"kk={models['kk']}", "--backend", "ct2",
            "--tm", str(base / f"tm-{label}.sqlite")]
    args += ["--glossary", str(glossary)] if glossary else []
    out = {}
    for run, extra in (("first", []), ("warm_s", []), ("no_memory_s", ["--no-cache"])):
        started = time.perf_counter()
        proc = subprocess.run([*args, "--out", str(base / f"out-{label}-{run}"), *extra], capture_output=True,
                              text=True, env=env, cwd=ROOT)
        wall = time.perf_counter() - started
        if proc.returncode != 0:
            raise SystemExit(f"translate ({label}, {run}) failed:\n{proc.stderr[-3000:]}")
        out[run] = round(wall, 2)
    out["load_avg_1m"] = round(os.getloadavg()[0], 2)
    print(f"translate, {label}: {out}", file=sys.stderr)
    return {k: v for k, v in out.items() if k != "first"}


# -- driver ------------------------------------------------------------------------------------------------------

def measure(sizes: list[int], sentences: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="glossary-scale-") as tmp:
        base = Path(tmp)
        os.environ["PRESSMT_CACHE_DIR"] = str(base / "cache-driver")  # never the user's cache
        exclude = shipped_forms()
        result = {"sizes": [measure_size(n, base, sentences, exclude) for n in sizes]}
        largest = base / f"generated-{max(sizes)}.tsv"
        result["translate"] = {"entries": max(sizes), "with_glossary": measure_translate(largest, base, "large"),
                               "shipped_only": measure_translate(None, base, "shipped")}
    result["setup"] = {"cores": os.cpu_count(), "sentences": sentences, "release": SEED_RELEASE.name}
    return result


def table(result: dict) -> str:
    lines = ["| entries | cold build s | cold peak RSS MB | warm load s | warm peak RSS MB | match ms/sentence "
             "| cache MB |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in result["sizes"]:
        cold, warm = r["cold"], r["warm"]
        lines.append(f"| {r['entries']:,} | {cold['seconds']} | {cold['peak_rss_mb']} | {warm['seconds']} | "
                     f"{warm['peak_rss_mb']} | {warm['ms_per_sentence']} | {r['cache_mb']} |")
    t = result["translate"]
    lines.append("")
    lines.append(f"pressmt translate of one release, {t['entries']:,}-entry glossary: "
                 f"{t['with_glossary']['warm_s']} s warm, {t['with_glossary']['no_memory_s']} s with --no-cache "
                 f"(shipped glossaries only: {t['shipped_only']['warm_s']} s / {t['shipped_only']['no_memory_s']} s)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated glossary sizes")
    parser.add_argument("--sentences", type=int, default=100, help="FLORES dev sentences matched per size")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(glossary_worker(args.worker, args.sentences)))
        return 0
    result = measure([int(n) for n in args.sizes.split(",")], args.sentences)
    print(table(result))
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
