#!/usr/bin/env python3
"""Benchmark: ingest (analysis + store) in one process and with Dask workers (``ingest --workers N``).

    python bench/ingest.py                        # the 1,028 articles of 10kGNAD test: in-process, 1 and 2 workers
    python bench/ingest.py --articles 300 --modes 1,2 --repeat 3
    python bench/ingest.py --db 'postgresql+psycopg://user@host/bench_{run}'
    python bench/ingest.py --db postgresql://postgres@127.0.0.1:5432/test   # a fresh schema per run

Each run is a fresh child process with an empty store: ``in-process`` is ``quellenlage ingest`` as it
always ran; ``N`` starts a local cluster of N worker processes (one thread each) and ingests through it,
this process reading, checking "unchanged" and storing. The workers load their models before the clock
starts (``client.run(warm_up)``), as the in-process run does; cluster start and model load are reported
apart. Timed: the batch itself (read, analyse, store: :attr:`Summary.seconds`); the linking pass after it
is reported apart. Peak memory: VmHWM of each worker process (read inside it) and the main process's
max RSS.

The sample is ``--articles`` of 10kGNAD's test split (derStandard, CC BY-NC-SA 4.0: benchmark data
only), taken evenly through the file, as JSON Lines (``scripts/gnad_to_jsonl.py``'s fields). Tokens are
spaCy's tokens of each record's text (white space included), as ``bench/run.py`` counts them.

``--db``: the store; by default an SQLite file in a temporary folder per run. A URL is used as given,
``{run}`` in it replaced by the run's name (``inprocess-1``, ``w2-1`` …) so each run gets its own database;
every run needs an empty store.

Writes ``bench/results/ingest.json`` and prints a table. The machine's load average before and after is
recorded: on a shared machine other processes take cores too, and the figures show it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CSV = REPO.parent / "shared" / "data" / "news" / "10kgnad-test.csv"


# --- one run (child process) ----------------------------------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM) in MB; run in each worker with ``client.run``."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_s() -> float:
    """CPU time (user + system) this process has used, in seconds; run in each worker with ``client.run``."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def one_run(mode: str, corpus: str, db: str) -> dict:
    """Ingest ``corpus`` into the empty store ``db``: in this process (``in-process``) or with ``mode`` workers."""
    from contextlib import nullcontext

    from quellenlage.batch import ingest_into
    from quellenlage.parallel import dask_client, warm_up
    from quellenlage.store import open_store

    out: dict = {"mode": mode, "load_average_at_start": round(os.getloadavg()[0], 2)}
    with open_store(db) as store:
        if store.count():
            sys.exit(f"{store.url}: the store is not empty (every run needs an empty one; see --db)")
        t0 = time.perf_counter()
        workers = None if mode == "in-process" else int(mode)
        with nullcontext(None) if workers is None else dask_client(workers=workers) as client:
            out["cluster_start_s"] = time.perf_counter() - t0
            t1 = time.perf_counter()
            if client is None:
                warm_up()
            else:
                client.run(warm_up)
            out["model_load_s"] = time.perf_counter() - t1
            workers_cpu = sum(client.run(cpu_s).values()) if client is not None else 0.0
            main_cpu = cpu_s()
            t2 = time.perf_counter()
            summary = ingest_into(store, [corpus], show_progress=False, client=client)
            wall = time.perf_counter() - t2
            out["main_cpu_s"] = cpu_s() - main_cpu  # with the linking pass
            out["workers_cpu_s"] = sum(client.run(cpu_s).values()) - workers_cpu if client is not None else 0.0
            out["worker_peak_rss_mb"] = sorted(client.run(peak_rss_mb).values()) if client is not None else []
        out.update(
            articles=summary.total,
            stored=summary.counts.get("stored", 0),
            failed=summary.failed,
            batch_s=summary.seconds,
            link_s=wall - summary.seconds,
            main_peak_rss_mb=peak_rss_mb(),
            load_average_at_end=round(os.getloadavg()[0], 2),
        )
    return out


# --- the harness ------------------------------------------------------------------------------------


def sample(csv_path: Path, n: int, out: Path) -> int:
    """``n`` articles taken evenly through 10kGNAD's CSV, as JSON Lines; returns how many."""
    lines = [line for line in csv_path.read_text(encoding="utf-8").splitlines() if line]
    step = max(1, len(lines) // n)
    chosen = lines[::step][:n]
    with out.open("w", encoding="utf-8") as f:
        for line in chosen:
            label, _, text = line.partition(";")
            if len(text) >= 2 and text[0] == text[-1] == "'":
                text = text[1:-1]
            f.write(json.dumps({"text": text, "section": label, "outlet": "derStandard.at"}, ensure_ascii=False) + "\n")
    return len(chosen)


def count_tokens(corpus: Path) -> tuple[int, int]:
    """Articles and spaCy tokens of their composed texts (as the segment stage makes them)."""
    from quellenlage.analyse.pipeline import new_record
    from quellenlage.analyse.segment import tokenizer
    from quellenlage.read import read_inputs

    nlp = tokenizer()
    n = tokens = 0
    for item in read_inputs([corpus]):
        if not isinstance(item, Exception):
            n += 1
            tokens += len(nlp.make_doc(new_record(item).text))
    return n, tokens


def run_child(mode: str, corpus: Path, db: str) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--corpus", str(corpus), "--db", db], capture_output=True, text=True
    )
    if proc.returncode != 0:
        sys.exit(f"run {mode} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


#: (database, schema) of the PostgreSQL schemas made for the runs, dropped at the end.
SCHEMAS: list[tuple[str, str]] = []


def drop_schemas() -> None:
    import psycopg

    for db, schema in SCHEMAS:
        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    SCHEMAS.clear()


def store_for(db: str | None, name: str, tmp: Path) -> str:
    """The empty store of one run: an SQLite file in ``tmp``; ``db`` with ``{run}`` replaced; or, for a
    PostgreSQL URL without ``{run}``, a fresh schema in that database (``bench_<run>_<random>``)."""
    if not db:
        return str(tmp / f"{name}.db")
    if "{run}" in db or not db.startswith("postgres"):
        return db.replace("{run}", name)
    import uuid

    import psycopg

    schema = f"bench_{name.replace('-', '_')}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    SCHEMAS.append((db, schema))
    return f"{db}{'&' if '?' in db else '?'}options=-csearch_path%3D{schema}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1028, help="Articles of the sample (default 1028: all).")
    ap.add_argument("--modes", default="in-process,1,2", help="Comma-separated: in-process and/or worker counts.")
    ap.add_argument("--repeat", type=int, default=1, help="Runs per mode; the median is reported.")
    ap.add_argument("--db", help="Store URL (or SQLite path); {run} is replaced by the run's name. Default: temporary SQLite.")
    ap.add_argument("--csv", type=Path, default=CSV, help="10kGNAD CSV (default: ../shared/data/news/10kgnad-test.csv).")
    ap.add_argument("--corpus", type=Path, help="Articles to ingest instead of a 10kGNAD sample (any input ingest takes).")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "ingest.json")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        print(json.dumps(one_run(args.child, str(args.corpus), args.db)))
        return

    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        if corpus is None:
            if not args.csv.exists():
                sys.exit(f"no corpus: {args.csv} missing; pass --csv or --corpus")
            corpus = Path(tmp) / "10kgnad-sample.jsonl"
            sample(args.csv, args.articles, corpus)
        n_articles, tokens = count_tokens(corpus)
        runs: dict[str, list[dict]] = {m: [] for m in modes}
        for r in range(1, args.repeat + 1):
            for mode in modes:
                name = f"{'inprocess' if mode == 'in-process' else 'w' + mode}-{r}"
                db = store_for(args.db, name, Path(tmp))
                console.print(f"run {name} …", highlight=False)
                runs[mode].append(run_child(mode, corpus, db))
    load_after = os.getloadavg()
    drop_schemas()

    def med(mode: str, key: str) -> float:
        return statistics.median(run[key] for run in runs[mode])

    results = {}
    for mode in modes:
        batch_s = med(mode, "batch_s")
        results[mode] = {
            "articles_per_s": n_articles / batch_s,
            "tokens_per_s": tokens / batch_s,
            "batch_s": batch_s,
            "link_s": med(mode, "link_s"),
            "main_cpu_s": med(mode, "main_cpu_s"),
            "workers_cpu_s": med(mode, "workers_cpu_s"),
            # articles per CPU-second of the workers: what one idle core would analyse, whatever else ran on the machine
            "articles_per_worker_cpu_s": n_articles / med(mode, "workers_cpu_s") if mode != "in-process" else None,
            "cluster_start_s": med(mode, "cluster_start_s"),
            "model_load_s": med(mode, "model_load_s"),
            "failed": max(run["failed"] for run in runs[mode]),
            "main_peak_rss_mb": med(mode, "main_peak_rss_mb"),
            "worker_peak_rss_mb": max((run["worker_peak_rss_mb"] for run in runs[mode]), key=lambda v: max(v, default=0)),
            "runs": runs[mode],
        }
    rate = {mode: results[mode]["articles_per_s"] for mode in modes}
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {
            "python": platform.python_version(),
            "cpu": platform.processor() or platform.machine(),
            "cores": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after],
        },
        "corpus": {
            "path": str(args.corpus or f"10kgnad-test, {n_articles} articles taken evenly"),
            "articles": n_articles,
            "tokens": tokens,
        },
        "store": "temporary SQLite" if not args.db else args.db.split("@")[-1],
        "repeat": args.repeat,
        "modes": results,
        "speedup_2_over_1": rate["2"] / rate["1"] if "1" in rate and "2" in rate else None,
        "targets": {"speedup_2_over_1": 1.8, "articles_per_s_per_core": 20},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    table = Table(
        title=f"ingest — {n_articles} articles, {tokens:,} tokens, median of {args.repeat}; "
        f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after, {os.cpu_count()} cores"
    )
    columns = (
        "mode",
        "articles/s",
        "tokens/s",
        "batch s",
        "link s",
        "start s",
        "load s",
        "art/worker CPU-s",
        "main RSS MB",
        "worker RSS MB",
    )
    for column in columns:
        table.add_column(column, justify="left" if column == "mode" else "right")
    for mode, res in results.items():
        table.add_row(
            mode if mode == "in-process" else f"{mode} worker{'s' if mode != '1' else ''}",
            f"{res['articles_per_s']:.1f}",
            f"{res['tokens_per_s']:,.0f}",
            f"{res['batch_s']:.1f}",
            f"{res['link_s']:.1f}",
            f"{res['cluster_start_s']:.1f}",
            f"{res['model_load_s']:.1f}",
            "–" if res["articles_per_worker_cpu_s"] is None else f"{res['articles_per_worker_cpu_s']:.1f}",
            f"{res['main_peak_rss_mb']:.0f}",
            " / ".join(f"{x:.0f}" for x in res["worker_peak_rss_mb"]) or "–",
        )
    Console(width=150).print(table)
    if result["speedup_2_over_1"] is not None:
        print(f"2 workers / 1 worker: {result['speedup_2_over_1']:.2f}x (target 1.8x)")


if __name__ == "__main__":
    main()
