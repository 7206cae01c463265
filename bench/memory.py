#!/usr/bin/env python3
"""Memory of an ingest as the store grows: resident memory at 1,000 and at 10,000 stored articles (issue 16).

    python bench/memory.py                       # 10,000 articles into a new SQLite store, one process
    python bench/memory.py --workers 2 --db postgresql://postgres@127.0.0.1:5432/test

The corpus is every real German text in ../shared/data — 10kGNAD test (1,028; CC BY-NC-SA 4.0), the
Wikinews quotation set (850; CC BY-NC-SA 4.0) and SmartData (2,436; CC BY 4.0): benchmark data only —
cycled to ``--articles`` with a new URL per copy and a publication time 40 minutes after the last, so every
article is stored and linked. ``quellenlage ingest`` runs as a subprocess; every second the resident set
(VmRSS) of it and of its Dask workers is read from /proc together with the number of stored articles.
The target: the ingest's resident memory at 10,000 articles within 10% of that at 1,000.

Writes ``bench/results/memory.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = REPO.parent / "shared" / "data"


def texts() -> list[dict]:
    found = []
    for line in (DATA / "news" / "10kgnad-test.csv").read_text(encoding="utf-8").splitlines():
        label, _, text = line.partition(";")
        if text.startswith("'") and text.endswith("'"):
            found.append({"text": text[1:-1], "section": label, "outlet": "derStandard.at"})
    for split in ("train", "dev"):
        with gzip.open(DATA / "quotes-wikinews" / f"{split}.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                found.append({"text": doc["originalText"], "headline": doc.get("title"), "outlet": "de.wikinews.org"})
    for split in ("train", "test"):
        with gzip.open(DATA / "smartdata" / f"{split}.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                found.append({"text": doc["text"]["string"], "outlet": "smartdata.example"})
    return [t for t in found if t["text"].strip()]


def corpus(path: Path, n: int) -> None:
    base = texts()
    start = datetime(2024, 1, 1, 6, 0)
    with path.open("w", encoding="utf-8") as out:
        for k in range(n):
            item = dict(base[k % len(base)])
            item["url"] = f"https://memory.example/{k}"
            item["published"] = (start + k * timedelta(minutes=40)).isoformat() + "+01:00"
            out.write(json.dumps(item, ensure_ascii=False) + "\n")


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found + [g for c in found for g in children(c)]


def count(db: str) -> int:
    from sqlalchemy import text

    from quellenlage.store import open_store

    try:
        with open_store(db) as store, store.engine.connect() as conn:
            return conn.execute(text("select count(*) from articles")).scalar_one()
    except Exception:  # not created yet
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--marks", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--db", default=None, help="a PostgreSQL URL (a fresh schema is made in it); default a new SQLite file")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "memory.json")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="quellenlage-memory-"))
    jsonl = work / "corpus.jsonl"
    corpus(jsonl, args.articles)
    schema = None
    if args.db:
        import psycopg

        schema = f"bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(args.db, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        db = f"{args.db}{'&' if '?' in args.db else '?'}options=-csearch_path%3D{schema}"
    else:
        db = str(work / "memory.db")
    command = [sys.executable, "-m", "quellenlage", "--db", db, "ingest", "--no-progress", str(jsonl)]
    if args.workers:
        command[6:6] = ["--workers", str(args.workers)]
    started = time.perf_counter()
    env = {**os.environ, "COLUMNS": "400"}  # the summary lines unwrapped
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    samples = []
    marks: dict[int, dict] = {}
    while proc.poll() is None:
        time.sleep(1.0)
        stored = count(db)
        main_kb = rss_kb(proc.pid)
        workers_kb = [rss_kb(c) for c in children(proc.pid)]
        sample = {"seconds": round(time.perf_counter() - started, 1), "stored": stored, "ingest_mb": round(main_kb / 1024, 1)}
        sample["workers_mb"] = [round(k / 1024, 1) for k in workers_kb if k]
        samples.append(sample)
        for mark in args.marks:
            if stored >= mark and mark not in marks:
                marks[mark] = sample
                print(f"{stored} stored: ingest {sample['ingest_mb']} MB, workers {sample['workers_mb']}", file=sys.stderr)
    stderr = proc.stderr.read() if proc.stderr else ""
    result = {
        "articles": args.articles,
        "workers": args.workers,
        "backend": "postgresql" if args.db else "sqlite",
        "exit": proc.returncode,
        "summary": [line for line in stderr.splitlines() if " ingested in " in line or line.startswith("linked ")],
        "seconds": round(time.perf_counter() - started, 1),
        "at": {str(k): v for k, v in sorted(marks.items())},
        "peak_ingest_mb": max((s["ingest_mb"] for s in samples), default=0),
        "peak_worker_mb": max((w for s in samples for w in s["workers_mb"]), default=0),
    }
    low, high = min(args.marks), max(args.marks)
    if low in marks and high in marks and marks[low]["ingest_mb"]:
        result["growth"] = round(marks[high]["ingest_mb"] / marks[low]["ingest_mb"] - 1, 3)
    if schema:
        import psycopg

        with psycopg.connect(args.db, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({**result, "samples": samples[::10]}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
