#!/usr/bin/env python3
"""Benchmark: link time per new article with 1k, 10k and 100k articles in the store (issue 15).

    python bench/link.py                         # 1,000 / 10,000 / 100,000
    python bench/link.py --sizes 1000 10000 --base 200

The linking pass must not slow down as the store grows: its work per article starts from indexed key
lookups (docs/stories.md). To show it, a store is grown to each size and then ``--probe`` new articles
are linked one by one, timed.

The store is synthetic (as issue 15 allows): ``--base`` articles of 10kGNAD's test set (derStandard,
CC BY-NC-SA 4.0: benchmark data only) plus the stories development collection are analysed once; the
store is filled with variants of them — a new id and URL, a publication time 40 minutes after the last,
event times moved by the same amount, and the text's longer words scrambled (same lengths, so offsets
hold) so that variants are not near-copies of each other. Entity names stay: the same people recur, as
in real news, so the story entities grow in members, not in number. Each variant is stored (``put``)
and linked, like an ingest.

Writes ``bench/results/link.json``; the README's table comes from it.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CSV = REPO.parent / "shared" / "data" / "news" / "10kgnad-test.csv"
DEV = REPO / "tests" / "fixtures" / "stories_dev" / "articles.jsonl"
START = datetime(2020, 1, 1, 6, 0)
STEP = timedelta(minutes=40)  # about 36 articles a day
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{5,}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}(?!-)")


def base_records(n: int) -> list:
    """Analyse the base articles once: ``n`` from 10kGNAD test, and the stories dev collection."""
    import quellenlage

    texts: list[dict] = []
    with CSV.open(encoding="utf-8") as f:
        for k, row in enumerate(csv.reader(f, delimiter=";", quotechar="'")):
            if k >= n:
                break
            texts.append(
                {
                    "text": row[1],
                    "url": f"https://bench.example/{k}",
                    "outlet": f"outlet{k % 12}.example",
                    # a publication time, so that the events' times are dates that the variants can move
                    "published": (START - timedelta(days=400) + k * STEP).isoformat() + "+01:00",
                }
            )
    with DEV.open(encoding="utf-8") as f:
        texts += [json.loads(line) for line in f if line.strip()]
    records = []
    t0 = time.perf_counter()
    for k, item in enumerate(texts, 1):
        records.append(quellenlage.analyze(item["text"], **{f: v for f, v in item.items() if f != "text"}))
        if k % 50 == 0:
            rate = k / (time.perf_counter() - t0)
            print(f"  analysed {k}/{len(texts)} ({rate:.1f}/s, ETA {(len(texts) - k) / rate:.0f} s)", file=sys.stderr)
    return records


def _scramble(text: str, k: int) -> str:
    rng = random.Random(k)

    def swap(m: re.Match[str]) -> str:
        w = list(m.group(0))
        rng.shuffle(w)
        return "".join(w)

    return _WORD.sub(swap, text)


def _shift(value: str | None, delta: timedelta) -> str | None:
    if not value:
        return value

    def move(m: re.Match[str]) -> str:
        s = m.group(0)
        if len(s) == 10:
            return (datetime.fromisoformat(s) + delta).strftime("%Y-%m-%d")
        return (datetime.fromisoformat(s + "-15") + delta).strftime("%Y-%m")

    try:
        return _DATE.sub(move, value)
    except ValueError:
        return None


def variant(record, k: int, when: datetime):
    """The k-th variant of an analysed record, published at ``when``."""
    data = record.to_dict()
    data["id"] = f"{record.id[:12]}-{k:06d}"
    data["content_hash"] = f"{record.content_hash[:40]}{k:024d}"
    data["text"] = _scramble(record.text, k)
    old = datetime.fromisoformat(record.meta.published[:19]).replace(tzinfo=None) if record.meta.published else when
    delta = when - old
    data["meta"] = {**data["meta"], "url": f"{record.meta.url or 'https://bench.example/x'}?v={k}", "published": when.isoformat()}
    for ev in data["events"]:
        for holder in [ev, *ev.get("claims", []), *ev.get("status_changes", [])]:
            t = holder.get("time")
            if t:
                t["value"] = _shift(t.get("value"), delta)
    from quellenlage.record import Record

    return Record.model_validate(data)


def _write(results: list[dict], base: int, out_path: Path = HERE / "results" / "link.json") -> None:
    from quellenlage.link.run import VERSION

    data = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "linker": VERSION,
        "base_articles": base,
        "results": results,
        "note": "link time per new article (store.put not included), one article per link() call, SQLite",
    }
    out_path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--base", type=int, default=300, help="10kGNAD articles analysed as the base (plus the dev collection).")
    parser.add_argument("--probe", type=int, default=60, help="New articles linked and timed at each size.")
    parser.add_argument("--db", help="Keep the store here (default: a temporary directory).")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "link.json", help="Where the results go.")
    parser.add_argument(
        "--resume",
        action="store_true",
        help="Go on with the store in --db (its variants are numbered on from its article count).",
    )
    args = parser.parse_args()

    from quellenlage.link.run import link
    from quellenlage.store import open_store

    print(f"analysing {args.base} base articles and the dev collection …", file=sys.stderr)
    base = base_records(args.base)
    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "bench.db")
    results: list[dict] = []
    with open_store(db) as store:
        k = store.count() if args.resume else 0
        if args.resume:
            link(store)  # what an interrupted run left queued

        def add(count: int, label: str) -> list[float]:
            nonlocal k
            times = []
            t0 = time.perf_counter()
            for j in range(count):
                record = variant(base[k % len(base)], k, START + k * STEP)
                k += 1
                store.put(record)
                a = time.perf_counter()
                link(store)
                times.append(time.perf_counter() - a)
                if (j + 1) % 1000 == 0:
                    rate = (j + 1) / (time.perf_counter() - t0)
                    print(
                        f"  {label}: {j + 1}/{count} ({rate:.0f}/s, ETA {(count - j - 1) / rate / 60:.1f} min; "
                        f"store {k}, last link {times[-1] * 1000:.1f} ms)",
                        file=sys.stderr,
                    )
            return times

        for size in args.sizes:
            if k < size:
                add(size - k, f"filling to {size}")
            probe = add(args.probe, f"probe at {size}")
            row = {
                "stored": size,
                "probe": args.probe,
                "link_ms_median": round(statistics.median(probe) * 1000, 1),
                "link_ms_p90": round(sorted(probe)[int(0.9 * len(probe))] * 1000, 1),
                "link_ms_mean": round(statistics.fmean(probe) * 1000, 1),
                "db_mb": round(Path(db).stat().st_size / 2**20, 1),
                "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
            results.append(row)
            print(json.dumps(row), file=sys.stderr)
            _write(results, len(base), args.out)  # after each size: a long run stopped early keeps what it measured
    print(f"{'stored':>8} {'median ms':>10} {'p90 ms':>8} {'mean ms':>8} {'db MB':>7}")
    for r in results:
        print(f"{r['stored']:>8} {r['link_ms_median']:>10} {r['link_ms_p90']:>8} {r['link_ms_mean']:>8} {r['db_mb']:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
