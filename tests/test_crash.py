"""SIGKILL at random moments: ``quellenlage ingest`` and ``quellenlage watch --once`` killed, the store checked
after each kill (no partial article, no duplicate row, full-text index and link tables consistent), then run
to the end: the same articles as an uninterrupted run. A few kills per scenario, so the module stays well
under a minute a backend; bench/crash.py plays many rounds (tests/crash_harness.py: the harness).

Runs on SQLite and (second test run) on PostgreSQL; the watch scenario on SQLite only, bench/crash.py --backend
postgresql plays it there.
"""

from __future__ import annotations

import random

import pytest
from conftest import STORIES_DEV, store_url
from crash_harness import articles_file, feed_server, fingerprint, follow, play_round, run_to_end


def _stores(folder):
    count = iter(range(1000))
    return lambda: store_url(folder, f"crash{next(count)}")


def test_ein_mehrfach_abgeschossener_ingest_hinterlaesst_nie_halbe_artikel_und_endet_wie_ein_ungestoerter(tmp_path):
    source = articles_file(tmp_path, STORIES_DEV, 8)
    new_db = _stores(tmp_path)
    args = ["ingest", "--no-progress", str(source)]
    reference_db = new_db()
    window = run_to_end(reference_db, args)
    reference = fingerprint(reference_db)
    assert len(reference) == 8
    played = play_round(new_db, args, reference, window, kills=2, rng=random.Random(18))
    for kill in played.kills:
        assert kill.problems == [], (kill.delay, kill.phase, kill.problems)
    assert played.final_problems == []
    assert (played.lost, played.duplicated, played.extra) == (0, 0, 0)


@pytest.mark.sqlite_only  # on PostgreSQL: bench/crash.py --backend postgresql plays it (README, Reliability); the suite's time
def test_ein_mehrfach_abgeschossenes_watch_once_holt_danach_jeden_artikel_genau_einmal(tmp_path):
    new_db = _stores(tmp_path)
    args = ["watch", "--once", "--no-progress"]
    with feed_server(12) as web:
        prepare = follow(web.url("/feed.xml"))
        reference_db = new_db()
        prepare(reference_db)
        window = run_to_end(reference_db, args)
        reference = fingerprint(reference_db)
        assert len(reference) == 12
        played = play_round(new_db, args, reference, window, kills=2, rng=random.Random(18), prepare=prepare)
    for kill in played.kills:
        assert kill.problems == [], (kill.delay, kill.phase, kill.problems)
    assert played.final_problems == []
    assert (played.lost, played.duplicated, played.extra) == (0, 0, 0)
