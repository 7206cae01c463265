#!/usr/bin/env python3
"""Benchmark harness: speed and memory of reading, analysis, ingest and search.

    make bench                      # 10kGNAD test set (1,028 articles) from ../shared/data
    python bench/run.py --corpus samples/ --repeat 3

Each measurement runs in a fresh child process so that peak memory (max RSS)
belongs to that step alone. Results are printed as a table and written to
``bench/results/latest.json``. Numbers in the README come from here, never
from timed unit tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CSV = REPO.parent / "shared" / "data" / "news" / "10kgnad-test.csv"

CHILD = r"""
import json, resource, sys, time
mode, corpus, db = sys.argv[1], sys.argv[2], sys.argv[3]
t0 = time.perf_counter()
import quellenlage
from quellenlage.analyse.pipeline import analyse
from quellenlage.analyse.segment import tokenizer
from quellenlage.read import read_inputs
tokenizer()
quellenlage.analyze("Aufwärmen: Er sagte am Mittwoch in Berlin, alles sei gut.")  # loads every stage's model and tables
t_load = time.perf_counter() - t0
out = {"load_s": t_load}
if mode in ("read", "analyse", "ingest"):
    store = None
    if mode == "ingest":
        from quellenlage.store import open_store
        store = open_store(db)
    n = chars = tokens = sentences = 0
    t_read = t_analyse = t_store = 0.0
    stage_s = {}
    t = time.perf_counter()
    items = read_inputs([corpus])
    while True:
        a = time.perf_counter()
        item = next(items, None)
        t_read += time.perf_counter() - a
        if item is None:
            break
        if mode == "read" or isinstance(item, Exception):
            n += 1
            continue
        a = time.perf_counter()
        record = analyse(item, stage_s)
        t_analyse += time.perf_counter() - a
        if store is not None:
            a = time.perf_counter()
            store.put(record)
            t_store += time.perf_counter() - a
        n += 1
        chars += len(record.text)
        tokens += len(record.doc)
        sentences += len(record.sentences)
    out.update(articles=n, chars=chars, tokens=tokens, sentences=sentences, total_s=time.perf_counter() - t,
               read_s=t_read, analyse_s=t_analyse, store_s=t_store, stage_s=stage_s)
elif mode == "reingest":  # the same corpus again into the store the ingest step filled
    from quellenlage.batch import ingest_into
    from quellenlage.store import open_store
    t = time.perf_counter()
    summary = ingest_into(open_store(db), [corpus], show_progress=False)
    out.update(articles=summary.total, unchanged=summary.counts["unchanged"], total_s=time.perf_counter() - t)
elif mode == "search":
    from quellenlage.store import open_store
    store = open_store(db)
    queries = ["Regierung", "Bundeskanzler Kurz", "Gewerkschaft*", "Wien Polizei", "Flüchtlinge Grenze",
               "Fußball", "Euro Milliarden", "Studie zeigt", "Präsident", "Klimawandel"]
    lat = []
    for _ in range(20):
        for q in queries:
            a = time.perf_counter()
            store.search(q, limit=20)
            lat.append((time.perf_counter() - a) * 1000)
    lat.sort()
    out.update(queries=len(lat), p50_ms=lat[len(lat) // 2], p95_ms=lat[int(len(lat) * 0.95)], max_ms=lat[-1])
out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def child(mode: str, corpus: Path, db: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, mode, str(corpus), str(db)], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"benchmark step {mode} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def startup_ms(repeat: int) -> float:
    times = []
    for _ in range(repeat):
        a = time.perf_counter()
        subprocess.run([sys.executable, "-m", "quellenlage", "--version"], capture_output=True, check=True)
        times.append((time.perf_counter() - a) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, help="Articles to run on (default: 10kGNAD test set converted to JSON Lines).")
    ap.add_argument("--repeat", type=int, default=3, help="Runs per measurement; the median is reported.")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    args = ap.parse_args()

    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    console = Console(stderr=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = args.corpus
        if corpus is None:
            if not DEFAULT_CSV.exists():
                sys.exit(f"no corpus: {DEFAULT_CSV} missing; pass --corpus")
            corpus = tmp / "10kgnad-test.jsonl"
            subprocess.run(
                [sys.executable, REPO / "scripts" / "gnad_to_jsonl.py", DEFAULT_CSV, corpus], check=True, capture_output=True
            )
        steps = ["read", "analyse", "ingest", "reingest", "search"]
        runs: dict[str, list[dict]] = {s: [] for s in steps}
        with Progress(console=console) as progress:
            task = progress.add_task("benchmark", total=len(steps) * args.repeat + 1)
            for r in range(args.repeat):
                db = tmp / f"bench-{r}.db"
                for step in steps:
                    progress.update(task, description=f"{step} (run {r + 1}/{args.repeat})")
                    runs[step].append(child(step, corpus, db))
                    progress.advance(task)
            progress.update(task, description="startup")
            start = startup_ms(5)
            progress.advance(task)

    def med(step: str, key: str) -> float:
        return statistics.median(run[key] for run in runs[step])

    a = runs["analyse"][0]
    result = {
        "machine": {
            "python": platform.python_version(),
            "cpu": platform.processor() or platform.machine(),
            "cores": os.cpu_count(),
        },
        "corpus": {
            "path": str(args.corpus or "10kgnad-test (converted)"),
            "articles": a["articles"],
            "chars": a["chars"],
            "tokens": a["tokens"],
            "sentences": a["sentences"],
        },
        "repeat": args.repeat,
        "read_articles_per_s": a["articles"] / med("read", "read_s"),
        "analyse_articles_per_s": a["articles"] / med("analyse", "analyse_s"),
        "analyse_tokens_per_s": a["tokens"] / med("analyse", "analyse_s"),
        "ingest_articles_per_s": a["articles"] / med("ingest", "total_s"),
        "ingest_store_ms_per_article": 1000 * med("ingest", "store_s") / a["articles"],
        "reingest_articles_per_s": a["articles"] / med("reingest", "total_s"),
        "model_load_s": med("analyse", "load_s"),
        "stage_ms_per_article": {
            name: 1000 * statistics.median(run["stage_s"][name] for run in runs["analyse"]) / a["articles"]
            for name in a["stage_s"]
        },
        "peak_rss_mb": {s: med(s, "max_rss_mb") for s in steps},
        "search_p50_ms": med("search", "p50_ms"),
        "search_p95_ms": med("search", "p95_ms"),
        "cli_startup_ms": start,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    table = Table(title=f"Quellenlage benchmark — {a['articles']} articles, {a['tokens']:,} tokens, median of {args.repeat}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    rows = (
        [
            ("read (parse inputs)", f"{result['read_articles_per_s']:,.0f} articles/s"),
            (
                "analyse (one core)",
                f"{result['analyse_articles_per_s']:,.0f} articles/s · {result['analyse_tokens_per_s']:,.0f} tokens/s",
            ),
            ("ingest into SQLite (read+analyse+store)", f"{result['ingest_articles_per_s']:,.0f} articles/s"),
            ("store, per article", f"{result['ingest_store_ms_per_article']:.2f} ms"),
            ("re-ingest, all unchanged (no analysis)", f"{result['reingest_articles_per_s']:,.0f} articles/s"),
            ("load tokenizer, models and tables", f"{result['model_load_s']:.2f} s"),
            ("search latency p50 / p95", f"{result['search_p50_ms']:.2f} / {result['search_p95_ms']:.2f} ms"),
            ("CLI start (--version)", f"{result['cli_startup_ms']:.0f} ms"),
        ]
        + [(f"stage {name}, per article", f"{ms:.2f} ms") for name, ms in result["stage_ms_per_article"].items()]
        + [(f"peak RSS, {s}", f"{v:.0f} MB") for s, v in result["peak_rss_mb"].items()]
    )
    for row in rows:
        table.add_row(*row)
    Console().print(table)
    console.print(f"written to {args.out}")


if __name__ == "__main__":
    main()
