#!/usr/bin/env python3
"""The 1,028 articles of 10kGNAD's test set into PostgreSQL with 2 workers, killed half-way and run again (issue 16).

    python bench/postgresql.py                     # the local server, a fresh schema
    python bench/postgresql.py --pg postgresql://user@host/db --workers 2

1. ``quellenlage ingest --workers N`` into a fresh PostgreSQL schema; once half of the articles are stored
   the whole process group (the ingest and its Dask workers) gets SIGKILL — no chance to clean up.
2. The same command again: it stores what is missing (the rest are "unchanged", not analysed again).
3. Checks: exactly 1,028 articles and 1,028 revisions, no ingest failures, every article with all its rows
   (sentences, statements, entities, mentions, times, events as many as its record has), nothing left in
   the link queue.
4. The same file into a new SQLite store with one process; ``export articles`` of both must be byte-equal
   (the story-level exports are compared too and reported).

10kGNAD (derStandard, CC BY-NC-SA 4.0) is benchmark data only. Writes ``bench/results/postgresql.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CSV = REPO.parent / "shared" / "data" / "news" / "10kgnad-test.csv"
PG = "postgresql://postgres@127.0.0.1:5432/test"
EXPORTS = ("articles", "entities", "events", "claims", "stories")


def _command(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "quellenlage", "--db", db, *args]


def _count(db: str, sql: str) -> int:
    from sqlalchemy import text

    from quellenlage.store import open_store

    with open_store(db) as store, store.engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def _complete(db: str) -> list[str]:
    """Articles whose normalised rows are not exactly what their current record holds."""
    from sqlalchemy import func, select

    from quellenlage.store import open_store
    from quellenlage.store.tables import entities, events, mentions, sentences, statements, times

    wrong = []
    with open_store(db) as store:
        with store.engine.connect() as conn:
            counts = {
                table.name: dict(conn.execute(select(table.c.article_id, func.count()).group_by(table.c.article_id)).all())
                for table in (sentences, statements, entities, mentions, times, events)
            }
        for record in store.iter_records():
            want = {
                "sentences": len(record.sentences),
                "statements": len(record.statements),
                "entities": len(record.entities),
                "mentions": sum(len(e.mentions) for e in record.entities),
                "times": len(record.times),
                "events": len(record.events),
            }
            if any(counts[name].get(record.id, 0) != n for name, n in want.items()):
                wrong.append(record.id)
    return wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", default=PG, help=f"PostgreSQL database (default {PG}); a fresh schema is made in it")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "postgresql.json")
    args = parser.parse_args()

    import psycopg

    work = Path(tempfile.mkdtemp(prefix="quellenlage-pg-bench-"))
    jsonl = work / "10kgnad-test.jsonl"
    subprocess.run([sys.executable, str(REPO / "scripts" / "gnad_to_jsonl.py"), str(CSV), str(jsonl)], check=True)
    total = sum(1 for _ in jsonl.open(encoding="utf-8"))
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(args.pg, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    db = f"{args.pg}{'&' if '?' in args.pg else '?'}options=-csearch_path%3D{schema}"
    result: dict = {"articles": total, "workers": args.workers, "schema": schema}
    try:
        # 1. ingest, killed with SIGKILL (the whole process group) once half is stored
        started = time.perf_counter()
        proc = subprocess.Popen(
            _command(db, "ingest", "--no-progress", "--workers", str(args.workers), str(jsonl)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        stored = 0
        while proc.poll() is None:
            time.sleep(0.5)
            try:
                stored = _count(db, "select count(*) from articles")
            except Exception:  # the store may not be migrated yet
                continue
            if stored >= total // 2:
                os.killpg(proc.pid, signal.SIGKILL)
                break
        proc.wait()
        result["killed_at"] = {
            "stored": _count(db, "select count(*) from articles"),
            "seconds": round(time.perf_counter() - started, 1),
        }
        result["killed"] = proc.returncode == -signal.SIGKILL
        print(f"killed: {result['killed']} with {result['killed_at']['stored']} of {total} stored", file=sys.stderr)

        # 2. run again
        started = time.perf_counter()
        rerun = subprocess.run(
            _command(db, "ingest", "--no-progress", "--workers", str(args.workers), str(jsonl)),
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": "400"},  # the summary lines unwrapped
        )
        result["rerun"] = {
            "exit": rerun.returncode,
            "seconds": round(time.perf_counter() - started, 1),
            "summary": [ln for ln in rerun.stderr.splitlines() if " ingested in " in ln or ln.startswith("linked ")],
        }
        print("\n".join(result["rerun"]["summary"]), file=sys.stderr)

        # 3. checks
        result["stored"] = _count(db, "select count(*) from articles")
        result["revisions"] = _count(db, "select count(*) from revisions")
        result["failures"] = _count(db, "select count(*) from failures")
        result["queued"] = _count(db, "select count(*) from link_queue")
        result["incomplete"] = _complete(db)

        # 4. the same into SQLite with one process; exports compared
        sqlite_db = str(work / "gleich.db")
        started = time.perf_counter()
        subprocess.run(_command(sqlite_db, "ingest", "--no-progress", str(jsonl)), check=True, capture_output=True)
        result["sqlite_seconds"] = round(time.perf_counter() - started, 1)
        result["exports_equal"] = {}
        for what in EXPORTS:
            outputs = [
                subprocess.run(_command(d, "export", what), check=True, capture_output=True).stdout for d in (db, sqlite_db)
            ]
            result["exports_equal"][what] = outputs[0] == outputs[1]
    finally:
        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    ok = (
        result["killed"]
        and result["stored"] == result["revisions"] == total
        and result["failures"] == 0
        and not result["incomplete"]
        and result["exports_equal"]["articles"]
    )
    result["ok"] = bool(ok)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
