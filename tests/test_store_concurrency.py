"""Several processes on one store: concurrent ingests lose and duplicate nothing, readers never see a lock.

Runs on SQLite and (second test run) on PostgreSQL; the processes are real ``quellenlage`` commands."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from conftest import REPO, SEED_TXT, scalar, store_url

from quellenlage.store import open_store

SAMPLES = REPO / "samples"


def _ingest(db: str, *paths) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "quellenlage", "--db", db, "ingest", "--no-progress", *map(str, paths)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "120"},
    )


def test_zwei_gleichzeitige_erste_ingests_in_einen_neuen_speicher_verlieren_und_verdoppeln_nichts(tmp_path):
    db = store_url(tmp_path, "zwei")
    # both start on a store that does not exist yet: both create and migrate it, then store overlapping inputs
    first, second = _ingest(db, SAMPLES), _ingest(db, SAMPLES, SEED_TXT)
    outputs = [proc.communicate(timeout=300) for proc in (first, second)]
    for proc, (_out, err) in zip((first, second), outputs, strict=True):
        assert proc.returncode == 0, err.decode()
        assert b"locked" not in err, err.decode()
    expected = scalar(db, "select count(*) from articles")
    with open_store(db) as store:
        assert store.failures() == []
        ids = store.ids()
    assert len(ids) == expected == len(set(ids))
    assert scalar(db, "select count(*) from revisions") == expected  # each stored once, by one of the two
    assert scalar(db, "select count(*) from link_queue") == 0  # and linked
    assert scalar(db, "select count(*) from link_articles") == expected


def test_zwanzig_leser_waehrend_eines_ingests_sehen_keine_sperre(tmp_path):
    db = store_url(tmp_path, "leser")
    with open_store(db) as store:  # created and migrated before the readers start
        assert store.count() == 0
    writer = _ingest(db, SAMPLES, SEED_TXT)
    errors: list[str] = []
    reads = [0]
    stop = threading.Event()

    def read() -> None:
        with open_store(db) as store:
            while not stop.is_set():
                try:
                    store.count()
                    store.search("Gespräche")
                    for article_id in store.ids()[:3]:
                        store.get(article_id)
                    reads[0] += 1
                except Exception as exc:  # every error counts, of any kind
                    errors.append(f"{type(exc).__name__}: {exc}")

    readers = [threading.Thread(target=read) for _ in range(20)]
    for thread in readers:
        thread.start()
    try:
        _out, err = writer.communicate(timeout=300)
    finally:
        time.sleep(0.2)
        stop.set()
        for thread in readers:
            thread.join(timeout=60)
    assert writer.returncode == 0, err.decode()
    assert errors == [], errors[:3]
    assert reads[0] >= 20
    assert scalar(db, "select count(*) from articles") > 20
