#!/usr/bin/env python3
"""Load test of ``quellenlage serve``: many concurrent readers on every page and GET endpoint while an ingest
writes into the same store (issue 18).

    python bench/load.py                                   # a new SQLite store of 1,000 articles, 50 readers, 60 s
    python bench/load.py --db /tmp/load.db                 # reuse (or first build) that store
    python bench/load.py --backend postgresql --readers 50 --seconds 60

The store: ``--articles`` real German texts from ../shared/data (10kGNAD test, then the Wikinews quotation
set and SmartData; benchmark data only, see bench/memory.py), each with its own URL and a publication time
40 minutes after the last, ingested by ``quellenlage ingest`` (which links them, so stories, story entities
and claims have content). A reused store (``--db`` naming a store with articles) is taken as it is.

Then, at once and each in its own process:

- ``quellenlage serve`` on 127.0.0.1 (a free port), over the store;
- ``quellenlage ingest`` of ``--ingest`` other articles (new URLs, later dates) into the same store;
- the readers: ``--readers`` asyncio clients (httpx) in one process, each requesting, for ``--seconds``,
  one endpoint after another in a shuffled round of every page and GET endpoint of the reading room and
  the API, with ids, entity keys, speakers and search words taken from the store.

Per endpoint: requests, requests/s, p50 and p99 latency, errors (an answer other than 2xx/3xx, or no answer
within ``--timeout`` seconds). Redirects are not followed (a 3xx is an answer). The server, the readers and
the ingest share the machine's cores: figures are of the whole machine under that load.

Writes ``bench/results/load-<backend>.json`` and prints the table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlencode

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PG_URL = "postgresql://postgres@127.0.0.1:5432/test"

sys.path.insert(0, str(HERE))
from memory import count as stored  # articles in a store (0 when it is not made yet)
from memory import texts  # the bench's corpus of real German texts

# --- the store ---------------------------------------------------------------------------------------------


def write_corpus(path: Path, first: int, n: int, host: str) -> int:
    """Articles ``first`` … ``first + n - 1`` of the corpus (cycled), as JSON Lines; returns how many."""
    base = texts()
    random.Random(18).shuffle(base)  # the outlets mixed: derStandard, Wikinews, SmartData's
    start = datetime(2024, 1, 1, 6, 0)
    with path.open("w", encoding="utf-8") as out:
        for k in range(first, first + n):
            item = dict(base[k % len(base)])
            item["url"] = f"https://{host}/{k}"
            item["published"] = (start + k * timedelta(minutes=40)).isoformat() + "+01:00"
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    return n


def cli(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "quellenlage", "--db", db, *args]


def env() -> dict:
    path = os.pathsep.join(p for p in [str(REPO / "src"), os.environ.get("PYTHONPATH", "")] if p)
    return {**os.environ, "PYTHONPATH": path, "COLUMNS": "400"}


def build(db: str, articles: int, work: Path) -> float:
    """Ingest (and link) ``articles`` articles into ``db``; returns the seconds it took."""
    corpus = work / "base.jsonl"
    write_corpus(corpus, 0, articles, "load.example")
    print(f"building the store: {articles} articles into {db} …", file=sys.stderr)
    started = time.perf_counter()
    subprocess.run(cli(db, "ingest", "--no-progress", str(corpus)), check=True, env=env(), stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


# --- what the readers ask ----------------------------------------------------------------------------------


def targets(db: str, export_limit: int = 100) -> list[tuple[str, str]]:
    """(endpoint, path) for every page and GET endpoint, with parameters taken from the store.

    ``/api/export`` is asked as a client pages through it: ``export_limit`` records from an offset in the
    store (the API's default page is 1,000 records, 10 MB of JSON Lines: a bulk download, not a reader's
    request; ``--export-limit 1000`` measures it so)."""
    from sqlalchemy import func, select

    from quellenlage.store import open_store
    from quellenlage.store.queries import entity_key
    from quellenlage.store.tables import articles, entities, statements, stories, story_entities, story_events

    with open_store(db) as store, store.engine.connect() as conn:
        ids = list(conn.execute(select(articles.c.id).order_by(articles.c.id).limit(200)).scalars())
        total = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        names = list(
            conn.execute(
                select(entities.c.name).group_by(entities.c.name).order_by(func.count().desc(), entities.c.name).limit(50)
            ).scalars()
        )
        speakers = list(
            conn.execute(
                select(statements.c.speaker_text)
                .where(statements.c.speaker_text.is_not(None))
                .group_by(statements.c.speaker_text)
                .order_by(func.count().desc())
                .limit(20)
            ).scalars()
        )
        people = list(conn.execute(select(story_entities.c.id).order_by(story_entities.c.members.desc()).limit(50)).scalars())
        story_ids = list(conn.execute(select(stories.c.id).order_by(stories.c.articles.desc()).limit(50)).scalars())
        event_ids = list(conn.execute(select(story_events.c.id).order_by(story_events.c.reports.desc()).limit(50)).scalars())
    if not (ids and names and people and story_ids and event_ids):
        raise SystemExit(f"{db}: the store has no linked articles (stories, entities, events): nothing to load test")
    rnd = random.Random(18)
    words = ["Regierung", "Polizei", "Wien", "Euro", "Präsident", "Bank", "Streik", "Berlin"]
    some = lambda xs: rnd.choice(xs)  # noqa: E731
    q = lambda **kw: "?" + urlencode(kw)  # noqa: E731
    found: list[tuple[str, str]] = []
    for _ in range(20):  # 20 variants of each endpoint, cycled by the readers
        aid, name, person, story, event = some(ids), some(names), some(people), some(story_ids), some(event_ids)
        word, speaker = some(words), some(speakers) if speakers else "Sprecher"
        key = entity_key(name)
        found += [
            ("/", "/" + q(offset=rnd.choice([0, 20, 100]))),
            ("/articles/{id}", f"/articles/{quote(aid, safe='')}"),
            ("/entities", "/entities" + rnd.choice(["", q(offset=200), q(q=name.split()[-1])])),
            (
                "/entities?type&sort",
                "/entities" + q(type=rnd.choice(["PER", "ORG", "LOC", "MISC"]), sort=rnd.choice(["name", "articles", "latest"])),
            ),
            ("/entities/{id}", f"/entities/{quote(person, safe='')}"),
            ("/entities/{name key}", f"/entities/{quote(key, safe='')}"),
            ("/stories", "/stories" + rnd.choice(["", q(all="true"), q(offset=20)])),
            ("/stories/{id}", f"/stories/{quote(story, safe='')}"),
            ("/story-events/{id}", f"/story-events/{quote(event, safe='')}"),
            ("/claims", "/claims" + rnd.choice(["", q(source="anonymous"), q(source="dpa")])),
            ("/contradictions", "/contradictions" + rnd.choice(["", q(offset=20)])),
            ("/feeds", "/feeds"),
            ("/timeline", "/timeline" + rnd.choice(["", q(story=story), q(entity=person), q(q=word)])),
            ("/timeline.svg", "/timeline.svg" + q(story=story)),
            ("/timeline.png", "/timeline.png" + q(entity=person)),
            ("/search", "/search" + rnd.choice([q(q=word), q(speaker=speaker), q(q=word, **{"in": "sentences"})])),
            ("/ingest (form)", "/ingest"),
            ("/docs", "/docs"),
            ("/openapi.json", "/openapi.json"),
            ("/static/style.css", "/static/style.css"),
            ("/api/articles", "/api/articles" + q(limit=20, offset=rnd.choice([0, 100, 500]))),
            ("/api/articles/{id}", f"/api/articles/{quote(aid, safe='')}"),
            (
                "/api/articles/{id}.csv",
                f"/api/articles/{quote(aid, safe='')}.csv" + q(table=rnd.choice(["statements", "entities"])),
            ),
            ("/api/articles/{id}.jsonl", f"/api/articles/{quote(aid, safe='')}.jsonl"),
            (
                "/api/entities",
                "/api/entities" + rnd.choice(["", q(offset=100), q(q=name.split()[-1]), q(type="ORG", sort="name")]),
            ),
            ("/api/entities/{key}", f"/api/entities/{quote(key, safe='')}"),
            ("/api/story-entities", "/api/story-entities" + rnd.choice(["", q(q=name.split()[-1]), q(offset=100)])),
            ("/api/story-entities/{id}", f"/api/story-entities/{quote(person, safe='')}"),
            ("/api/statements", "/api/statements" + rnd.choice(["", q(speaker=speaker), q(kind="direct_quote"), q(article=aid)])),
            ("/api/events", "/api/events" + rnd.choice(["", q(article=aid), q(offset=100)])),
            ("/api/stories", "/api/stories" + rnd.choice(["", q(min_articles=1, offset=20)])),
            ("/api/stories/{id}", f"/api/stories/{quote(story, safe='')}"),
            ("/api/story-events/{id}", f"/api/story-events/{quote(event, safe='')}"),
            ("/api/claims", "/api/claims" + rnd.choice(["", q(source="anonymous"), q(offset=40)])),
            ("/api/contradictions", "/api/contradictions"),
            ("/api/feeds", "/api/feeds"),
            ("/api/timeline", "/api/timeline" + rnd.choice([q(story=story), q(entity=person), q(q=word)])),
            ("/api/search", "/api/search" + rnd.choice([q(q=word), q(q=word, **{"in": "sentences"}), q(speaker=speaker)])),
            (
                "/api/export",
                "/api/export"
                + q(
                    **rnd.choice([{"format": "jsonl"}, {"format": "csv", "table": "statements"}]),
                    limit=export_limit,
                    offset=rnd.randrange(0, max(total, 1), export_limit),
                ),
            ),
        ]
    return found


# --- the readers (a process of their own) ------------------------------------------------------------------


async def _reader(client, plan: list[tuple[str, str]], until: float, timeout: float, seed: int, out: dict) -> None:
    import httpx

    order = plan[:]
    random.Random(seed).shuffle(order)
    k = 0
    while time.perf_counter() < until:
        endpoint, path = order[k % len(order)]
        k += 1
        started = time.perf_counter()
        try:
            response = await client.get(path, timeout=timeout)
            ok = response.status_code < 400
            status = str(response.status_code)
        except httpx.TimeoutException:
            ok, status = False, "timeout"
        except httpx.HTTPError as exc:
            ok, status = False, type(exc).__name__
        took = time.perf_counter() - started
        row = out.setdefault(endpoint, {"ms": [], "errors": {}})
        row["ms"].append(round(took * 1000, 1))
        if not ok:
            row["errors"][status] = row["errors"].get(status, 0) + 1
            row.setdefault("failed", []).append(path) if len(row.get("failed", [])) < 5 else None


async def drive(base: str, plan: list[tuple[str, str]], readers: int, seconds: float, timeout: float) -> dict:
    import httpx

    out: dict = {}
    limits = httpx.Limits(max_connections=readers, max_keepalive_connections=readers)
    async with httpx.AsyncClient(base_url=base, limits=limits, follow_redirects=False) as client:
        until = time.perf_counter() + seconds
        await asyncio.gather(*(_reader(client, plan, until, timeout, n, out) for n in range(readers)))
    return out


def readers_main(args: argparse.Namespace) -> None:
    """``--drive``: the readers' process; reads the plan from a file, writes the raw timings to another."""
    plan = [tuple(x) for x in json.loads(Path(args.plan).read_text(encoding="utf-8"))]
    started = time.perf_counter()
    raw = asyncio.run(drive(args.drive, plan, args.readers, args.seconds, args.timeout))
    Path(args.raw).write_text(json.dumps({"seconds": time.perf_counter() - started, "endpoints": raw}), encoding="utf-8")


# --- the run -----------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen, limit: float = 120.0) -> None:
    import httpx

    until = time.perf_counter() + limit
    while time.perf_counter() < until:
        if server.poll() is not None:
            raise SystemExit(f"the server exited ({server.returncode}) before answering")
        try:
            if httpx.get(base + "/api/articles?limit=1", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer within {limit:.0f} s")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summarise(raw: dict, seconds: float) -> tuple[list[dict], dict]:
    rows = []
    for endpoint, r in raw.items():
        errors = sum(r["errors"].values())
        rows.append(
            {
                "endpoint": endpoint,
                "requests": len(r["ms"]),
                "per_s": round(len(r["ms"]) / seconds, 1),
                "p50_ms": percentile(r["ms"], 50),
                "p99_ms": percentile(r["ms"], 99),
                "errors": errors,
                **({"error_kinds": r["errors"], "failed": r.get("failed", [])} if errors else {}),
            }
        )
    rows.sort(key=lambda x: x["endpoint"])
    every = [ms for r in raw.values() for ms in r["ms"]]
    total = {
        "requests": len(every),
        "per_s": round(len(every) / seconds, 1),
        "p50_ms": percentile(every, 50),
        "p99_ms": percentile(every, 99),
        "errors": sum(r["errors"] for r in rows),
    }
    return rows, total


def table(rows: list[dict], total: dict) -> str:
    lines = [f"{'endpoint':28} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}"]
    for r in [*rows, {"endpoint": "total", **total}]:
        lines.append(
            f"{r['endpoint']:28} {r['requests']:8} {r['per_s']:7.1f} {r['p50_ms']:8.0f} {r['p99_ms']:8.0f} {r['errors']:6}"
        )
    return "\n".join(lines)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--db", default=None, help="reuse this store (SQLite path or URL); built first when it has no articles")
    parser.add_argument("--pg-url", default=PG_URL, help="the PostgreSQL server for --backend postgresql (a fresh schema in it)")
    parser.add_argument("--articles", type=int, default=1_000, help="articles in a store built here")
    parser.add_argument("--ingest", type=int, default=300, help="articles ingested into the store during the load (0: none)")
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds a request may take before it counts as an error")
    parser.add_argument("--export-limit", type=int, default=100, help="records per /api/export request (a client paging through)")
    parser.add_argument("--keep", action="store_true", help="keep a store built here (its path or schema is printed)")
    parser.add_argument("--out", type=Path, default=None, help="default bench/results/load-<backend>.json")
    parser.add_argument("--drive", help=argparse.SUPPRESS)  # the readers' process: the server's base URL
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    parser.add_argument("--raw", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        return readers_main(args)

    work = Path(tempfile.mkdtemp(prefix="quellenlage-load-"))
    schema = None
    if args.db and "://" in args.db:
        db = args.db  # a PostgreSQL store is used in place: the ingest during the load adds to it
        args.backend = "postgresql"
    elif args.db:
        db = str(work / "load.db")  # a copy, so that every run starts from the same store
        if Path(args.db).exists() and stored(args.db):
            shutil.copyfile(args.db, db)
        args.backend = "sqlite"
    elif args.backend == "postgresql":
        import psycopg

        schema = f"load_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(args.pg_url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        db = f"{args.pg_url}{'&' if '?' in args.pg_url else '?'}options=-csearch_path%3D{schema}"
    else:
        db = str(work / "load.db")
    server = ingest = None
    try:
        build_s = None
        before = stored(db)
        if before == 0:
            build_s = round(build(db, args.articles, work), 1)
            before = stored(db)
            if args.db and "://" not in args.db:
                shutil.copyfile(db, args.db)  # the base store, for the next run
        plan = targets(db, args.export_limit)
        (work / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            cli(db, "serve", "--host", "127.0.0.1", "--port", str(port)),
            env=env(),
            stdout=subprocess.DEVNULL,
            stderr=(work / "server.log").open("w"),
        )
        wait_until_up(base, server)
        if args.ingest:
            more = work / "more.jsonl"
            write_corpus(more, before + 10_000, args.ingest, "load-more.example")  # other texts, later, new URLs
            ingest = subprocess.Popen(
                cli(db, "ingest", "--no-progress", str(more)),
                env=env(),
                stdout=subprocess.DEVNULL,
                stderr=(work / "ingest.log").open("w"),
            )
        print(
            f"{args.readers} readers for {args.seconds:.0f} s on {base} ({before} articles, ingesting {args.ingest}) …",
            file=sys.stderr,
        )
        raw_path = work / "raw.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--drive", base, "--plan", str(work / "plan.json")]
        command += [
            "--raw",
            str(raw_path),
            "--readers",
            str(args.readers),
            "--seconds",
            str(args.seconds),
            "--timeout",
            str(args.timeout),
        ]
        subprocess.run(command, check=True, env=env(), timeout=args.seconds + args.timeout + 120)
        during = stored(db) - before
        ingest_done = ingest is not None and ingest.poll() is not None
        raw = json.loads(raw_path.read_text(encoding="utf-8"))
        rows, total = summarise(raw["endpoints"], raw["seconds"])
        result = {
            "when": datetime.now().isoformat(timespec="seconds"),
            "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "load_average_after": os.getloadavg()},
            "note": "server (one uvicorn process, request threads: QUELLENLAGE_SERVE_THREADS, default 4), readers and ingest "
            "share the machine's cores",
            "backend": args.backend,
            "articles_before": before,
            "build_s": build_s,
            "readers": args.readers,
            "seconds": round(raw["seconds"], 1),
            "timeout_s": args.timeout,
            "export_limit": args.export_limit,
            "ingest": {"articles": args.ingest, "stored_during_load": during, "finished_during_load": ingest_done},
            "total": total,
            "endpoints": rows,
        }
        out = args.out or HERE / "results" / f"load-{args.backend}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(table(rows, total))
        print(f"{during} articles stored by the ingest during the load; written {out}", file=sys.stderr)
    finally:
        for proc in (ingest, server):
            if proc is not None:
                stop(proc)
        if args.keep:
            print(f"store kept: {db}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
        if schema and not args.keep:
            import psycopg

            with psycopg.connect(args.pg_url, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


if __name__ == "__main__":
    main()
