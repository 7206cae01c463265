#!/usr/bin/env python3
"""Benchmark: following a feed (``quellenlage watch --once``) against a web server on 127.0.0.1.

    python bench/fetch.py                      # 50 Wikinews pages in one RSS feed; default politeness and none
    python bench/fetch.py --interval 1 --interval 0

For each host interval (seconds between two requests to one host; 1 is the default), a fresh SQLite store
follows one feed of the 50 article pages of ``tests/fixtures/web/wikinews-dev-50.jsonl.gz`` (Wikinews,
CC BY-NC-SA 4.0: benchmark data only) served by ``tests/local_web.py``, and runs two rounds:

- round 1: robots.txt, the feed, 50 pages fetched, analysed and stored (the linking pass is timed apart);
- round 2: the feed asked for conditionally, nothing else.

Reported: seconds per round, requests sent, requests per second to the host (measured at the server: the
first to the last request), the smallest gap between two requests, and articles stored per second. Writes
``bench/results/fetch.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import sys
import tempfile
import time
from email.utils import formatdate
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from local_web import LocalWeb, article_html, rss, wikinews_articles

from quellenlage.fetch.watch import watch_once
from quellenlage.settings import Settings
from quellenlage.store import fetching as kept
from quellenlage.store import open_store


def one_run(interval: float) -> dict:
    articles = wikinews_articles()
    settings = Settings(allow_private=True, host_interval=interval)
    with LocalWeb() as web, tempfile.TemporaryDirectory() as tmp, open_store(os.path.join(tmp, "bench.db")) as store:
        items = []
        for k, article in enumerate(articles):
            path = f"/nachrichten/artikel-{k}.html"
            web.page(path, article_html(article, web.url(path)))
            items.append((web.url(path), article["headline"], formatdate(1_700_000_000 + k * 60, usegmt=True)))
        web.route("/feed.xml", rss(items), content_type="application/rss+xml")
        kept.add_feed(store, web.url("/feed.xml"), allow_private=True)
        out: dict = {"interval": interval, "articles": len(articles)}
        for name in ("round1", "round2"):
            before = len(web.requests)
            started = time.perf_counter()
            result = watch_once(store, settings, show_progress=False, say=lambda _: None)
            seconds = time.perf_counter() - started
            times = [r.at for r in web.requests[before:]]
            gaps = [b - a for a, b in itertools.pairwise(times)]
            out[name] = {
                "seconds": round(seconds, 2),
                "requests": len(times),
                "stored": result.count("stored"),
                "failed": result.failed,
                "requests_per_s": round((len(times) - 1) / (times[-1] - times[0]), 2) if len(times) > 1 else None,
                "min_gap_s": round(min(gaps), 3) if gaps else None,
                "stored_per_s": round(result.count("stored") / seconds, 2),
            }
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interval", type=float, action="append", help="Host interval(s) to run (default: 1 and 0).")
    args = parser.parse_args()
    runs = [one_run(interval) for interval in (args.interval or [1.0, 0.0])]
    result = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "load": os.getloadavg()}, "runs": runs}
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "fetch.json").write_text(json.dumps(result, indent=2) + "\n")
    print("interval | round | seconds | requests | req/s to the host | smallest gap | stored | stored/s")
    for run in runs:
        for name in ("round1", "round2"):
            r = run[name]
            print(
                f"{run['interval']:g} s | {name[-1]} | {r['seconds']} | {r['requests']} | {r['requests_per_s']} | "
                f"{r['min_gap_s']} | {r['stored']} | {r['stored_per_s']}"
            )


if __name__ == "__main__":
    main()
