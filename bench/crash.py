#!/usr/bin/env python3
"""Benchmark: crash safety under SIGKILL, measured (tests/crash_harness.py is the harness).

    python bench/crash.py                                  # 20 rounds a scenario on SQLite
    python bench/crash.py --rounds 5 --backend postgresql  # on the local PostgreSQL (a schema per store, dropped)
    python bench/crash.py --scenario watch --kills 3

Scenarios: ``ingest`` (``quellenlage ingest`` of the 33 articles of tests/fixtures/stories_dev),
``ingest-workers`` (the same with ``--workers 2``), ``watch`` (``quellenlage watch --once`` of a feed of the 50
Wikinews pages of tests/fixtures/web, served on 127.0.0.1). Each round starts from an empty store, SIGKILLs
the command ``--kills`` times at random moments (uniform over the last three quarters of the uninterrupted run), runs
``quellenlage check`` after each kill, then runs the command to the end and compares the store with the
uninterrupted reference run. Reported per scenario: rounds survived, kills and where they landed, problems
found by check after kills and at the end, articles lost, duplicated or extra. Writes
``bench/results/crash-<backend>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from crash_harness import articles_file, feed_server, fingerprint, follow, play_round, run_to_end

STORIES_DEV = HERE.parent / "tests" / "fixtures" / "stories_dev" / "articles.jsonl"
PG = os.environ.get("QUELLENLAGE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")


class Stores:
    """New empty stores: SQLite files in a temporary folder, or PostgreSQL schemas (bench_crash_…, dropped at
    the end)."""

    def __init__(self, backend: str, folder: Path):
        self.backend, self.folder, self.schemas = backend, folder, []

    def __call__(self) -> str:
        n = len(self.schemas) + len(list(self.folder.glob("*.db")))
        if self.backend == "sqlite":
            return str(self.folder / f"crash{n}.db")
        import psycopg

        schema = f"bench_crash_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        self.schemas.append(schema)
        return f"{PG}?options=-csearch_path%3D{schema}"

    def drop(self) -> None:
        if not self.schemas:
            return
        import psycopg

        with psycopg.connect(PG, autocommit=True) as conn:
            for schema in self.schemas:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        self.schemas.clear()


def scenario(name: str, stores: Stores, rounds: int, kills: int, rng: random.Random, folder: Path) -> dict:
    if name == "watch":
        with feed_server(50) as web:
            prepare = follow(web.url("/feed.xml"))
            return _play(name, stores, ["watch", "--once", "--no-progress"], rounds, kills, rng, prepare)
    args = ["ingest", "--no-progress", str(articles_file(folder, STORIES_DEV, 33))]
    if name == "ingest-workers":
        args[1:1] = ["--workers", "2"]
    return _play(name, stores, args, rounds, kills, rng, None)


def _play(name, stores, args, rounds, kills, rng, prepare) -> dict:
    reference_db = stores()
    if prepare:
        prepare(reference_db)
    window = run_to_end(reference_db, args)
    reference = fingerprint(reference_db)
    print(f"{name}: reference run {window:.1f} s, {len(reference)} articles", flush=True)
    played = []
    for k in range(rounds):
        result = play_round(stores, args, reference, window, kills, rng, prepare)
        played.append(result)
        where = ", ".join(
            f"{x.delay:.1f}s {x.phase} ({x.stored})" + (f" {len(x.problems)} problems" if x.problems else "")
            for x in result.kills
        )
        print(
            f"  round {k + 1}: {'survived' if result.survived else 'FAILED'}; kills at {where}; final run {result.final_seconds:.1f} s"
            + (f"; problems {result.final_problems}" if result.final_problems else "")
            + (
                f"; lost {result.lost} duplicated {result.duplicated} extra {result.extra}"
                if result.lost or result.duplicated or result.extra
                else ""
            ),
            flush=True,
        )
        for x in result.kills:
            for line in x.problems:
                print(f"    after kill at {x.delay:.1f}s: {line}", flush=True)
        stores.drop()
    phases = Counter(x.phase for r in played for x in r.kills)
    return {
        "scenario": name,
        "command": "quellenlage " + " ".join(a if not a.endswith(".jsonl") else Path(a).name for a in args),
        "articles": len(reference),
        "reference_seconds": round(window, 2),
        "rounds": rounds,
        "survived": sum(r.survived for r in played),
        "kills": sum(len(r.kills) for r in played),
        "kill_phases": dict(sorted(phases.items())),
        "kill_delays": [x.delay for r in played for x in r.kills],
        "problems_after_kills": sum(len(x.problems) for r in played for x in r.kills),
        "problems_at_end": sum(len(r.final_problems) for r in played),
        "lost": sum(r.lost for r in played),
        "duplicated": sum(r.duplicated for r in played),
        "extra": sum(r.extra for r in played),
        "problem_lines": sorted(
            {line for r in played for x in r.kills for line in x.problems} | {line for r in played for line in r.final_problems}
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--kills", type=int, default=2, help="SIGKILLs per round before the run to the end")
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--scenario", action="append", choices=["ingest", "ingest-workers", "watch"])
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    results = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="quellenlage-crash-") as tmp:
        stores = Stores(args.backend, Path(tmp))
        try:
            for name in args.scenario or ["ingest", "ingest-workers", "watch"]:
                results.append(scenario(name, stores, args.rounds, args.kills, rng, Path(tmp)))
        finally:
            stores.drop()
    print()
    print(
        f"{'scenario':16} {'rounds':>6} {'survived':>8} {'kills':>5}  {'problems after kills':>20} {'at end':>6} {'lost':>4} {'dup':>4}  kill phases"
    )
    for r in results:
        print(
            f"{r['scenario']:16} {r['rounds']:6} {r['survived']:8} {r['kills']:5}  {r['problems_after_kills']:20} {r['problems_at_end']:6} "
            f"{r['lost']:4} {r['duplicated']:4}  {r['kill_phases']}"
        )
    out = HERE / "results" / f"crash-{args.backend}.json"
    out.write_text(
        json.dumps(
            {
                "backend": args.backend,
                "seed": args.seed,
                "kills_per_round": args.kills,
                "seconds": round(time.perf_counter() - started, 1),
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "results": results,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"written {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
