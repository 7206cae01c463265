"""Killing ``quellenlage`` with SIGKILL at random moments, for tests/test_crash.py and bench/crash.py.

A *round* starts from an empty store, runs the command and SIGKILLs it (its whole process group: Dask
workers too) after a random delay, ``kills`` times, checking the store after each kill
(:func:`quellenlage.integrity.check`: no partial article, no duplicate row, full-text index and link tables
consistent); then runs it to completion, checks again and compares the articles with those of a clean,
uninterrupted reference run (ids and content hashes, as ``quellenlage export`` writes them, and one
revision each). Scenario ``ingest``: ``quellenlage ingest`` of a JSON Lines file (``--workers N`` too);
scenario ``watch``: ``quellenlage watch --once`` against a feed served on 127.0.0.1 (:mod:`local_web`).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path

from local_web import LocalWeb, article_html, rss, wikinews_articles

from quellenlage.integrity import check
from quellenlage.store import fetching as kept
from quellenlage.store import open_store


@dataclass
class Kill:
    """One SIGKILL and what the store looked like after it."""

    delay: float
    phase: str
    """Where the kill landed: "starting" (no article stored yet), "storing" (some), "linking" (all stored,
    some waiting to be linked), "ending" (all stored and linked, the process not yet ended), "after" (the
    command had ended before the kill)."""
    stored: int
    problems: list[str]


@dataclass
class Round:
    kills: list[Kill] = field(default_factory=list)
    final_problems: list[str] = field(default_factory=list)
    lost: int = 0
    duplicated: int = 0
    extra: int = 0
    final_seconds: float = 0.0

    @property
    def survived(self) -> bool:
        return (
            not self.final_problems
            and not any(k.problems for k in self.kills)
            and not (self.lost or self.duplicated or self.extra)
        )


def fingerprint(db: str) -> dict[str, tuple[str, int]]:
    """Each article's current content hash and number of revisions."""
    from sqlalchemy import func, select

    from quellenlage.store.tables import articles, revisions

    with open_store(db) as store, store.read() as conn:
        current = {
            r.id: r.content_hash
            for r in conn.execute(
                select(articles.c.id, revisions.c.content_hash).join(
                    revisions, (revisions.c.article_id == articles.c.id) & (revisions.c.revision == articles.c.current_revision)
                )
            )
        }
        counts = dict(conn.execute(select(revisions.c.article_id, func.count()).group_by(revisions.c.article_id)).all())
    return {a: (h, counts.get(a, 0)) for a, h in current.items()}


def exported(db: str) -> dict[str, str]:
    """The ids and content hashes ``quellenlage export`` writes."""
    import json

    proc = subprocess.run(command(db, "export"), capture_output=True, text=True, check=True, env=ENV)
    return {(r := json.loads(line))["id"]: r["content_hash"] for line in proc.stdout.splitlines() if line.strip()}


ENV = {**os.environ, "COLUMNS": "120", "QUELLENLAGE_HOST_INTERVAL": "0", "QUELLENLAGE_FETCH_TIMEOUT": "5"}


def command(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "quellenlage", "--db", db, *args]


def run_to_end(db: str, args: list[str], timeout: float = 600) -> float:
    started = time.perf_counter()
    proc = subprocess.run(command(db, *args), capture_output=True, text=True, env=ENV, timeout=timeout)
    if proc.returncode != 0:
        raise AssertionError(f"quellenlage {' '.join(args)} exited {proc.returncode}: {proc.stderr[-2000:]}")
    return time.perf_counter() - started


def run_killed(db: str, args: list[str], delay: float) -> bool:
    """Run the command and SIGKILL its process group after ``delay`` seconds; whether it was still running."""
    proc = subprocess.Popen(
        command(db, *args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, start_new_session=True
    )
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return True


def phase_of(db: str, running: bool, expected: int) -> tuple[str, int]:
    from sqlalchemy import func, select

    from quellenlage.store.tables import articles, link_queue

    with open_store(db) as store, store.read() as conn:
        stored = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        waiting = conn.execute(select(func.count()).select_from(link_queue)).scalar_one()
    if not running:
        return "after", stored
    if stored == 0:
        return "starting", stored
    if stored < expected:
        return "storing", stored
    return ("linking" if waiting else "ending"), stored


def problems_of(db: str) -> list[str]:
    with open_store(db) as store:
        return [p.line() for p in check(store).problems]


def play_round(
    new_db: Callable[[], str],
    args: list[str],
    reference: dict[str, tuple[str, int]],
    window: float,
    kills: int,
    rng: random.Random,
    prepare: Callable[[str], None] | None = None,
) -> Round:
    """One round (see the module's docstring): kills at random delays within ``window`` seconds for the first,
    within the share of it the work left asks for the next ones (so they land while the command runs)."""
    db = new_db()
    if prepare:
        prepare(db)
    result = Round()
    remaining = 1.0  # the share of the articles not stored yet: a run after a kill has less to do
    for _ in range(kills):
        # the first quarter is mostly starting up (loading the models); the rest is the work left, and the
        # linking pass at the end (at least 15 % of the work, even when every article is stored)
        delay = rng.uniform(0.25 * window, 0.25 * window + 0.75 * window * max(remaining, 0.15))
        running = run_killed(db, args, delay)
        phase, stored = phase_of(db, running, len(reference))
        remaining = 1.0 - stored / max(1, len(reference))
        result.kills.append(Kill(round(delay, 2), phase, stored, problems_of(db)))
    result.final_seconds = run_to_end(db, args)
    result.final_problems = problems_of(db)
    got = fingerprint(db)
    result.lost = sum(1 for a in reference if a not in got or got[a][0] != reference[a][0])
    result.duplicated = sum(1 for a, (_, n) in got.items() if n > 1)
    result.extra = sum(1 for a in got if a not in reference)
    if exported(db) != {a: h for a, (h, _) in reference.items()}:
        result.lost = max(result.lost, 1)
    return result


# --- the two scenarios' inputs ---------------------------------------------------------------


def articles_file(folder: Path, source: Path, n: int) -> Path:
    """The first ``n`` lines of a JSON Lines file of articles."""
    path = folder / f"artikel-{n}.jsonl"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)[:n]
    path.write_text("".join(lines), encoding="utf-8")
    return path


@contextmanager
def feed_server(n: int):
    """A LocalWeb serving ``n`` Wikinews article pages and an RSS feed of them at /feed.xml."""
    with LocalWeb() as web:
        items = []
        for k, article in enumerate(wikinews_articles()[:n]):
            path = f"/nachrichten/artikel-{k}.html"
            web.page(path, article_html(article, web.url(path)))
            items.append((web.url(path), article["headline"], formatdate(1_700_000_000 + k * 60, usegmt=True)))
        web.route("/feed.xml", rss(items), content_type="application/rss+xml; charset=utf-8")
        yield web


def follow(feed_url: str) -> Callable[[str], None]:
    """A ``prepare`` for a round: the new store follows the feed."""

    def prepare(db: str) -> None:
        with open_store(db) as store:
            kept.add_feed(store, feed_url, name="wikinews-lokal", allow_private=True)

    return prepare
