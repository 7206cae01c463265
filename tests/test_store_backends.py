"""SQLite and PostgreSQL give the same results: the exports of the same inputs are byte-equal.

Runs in the PostgreSQL test run (it needs both)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import REPO, SEED_TXT, store_url

from quellenlage.cli import main

SAMPLES = REPO / "samples"
EXPORTS = [
    ["export", "articles"],
    ["export", "entities"],
    ["export", "events"],
    ["export", "claims"],
    ["export", "stories"],
    *(
        ["export", "--format", "csv", "--table", table]
        for table in ("articles", "sentences", "statements", "entities", "times", "events")
    ),
]


def _run(db: str, *args: str) -> bytes:
    result = CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.mark.postgresql_only
def test_die_exporte_derselben_artikel_sind_auf_sqlite_und_postgresql_bytegleich(tmp_path):
    sqlite_db, postgresql_db = str(tmp_path / "gleich.db"), store_url(tmp_path, "gleich")
    for db in (sqlite_db, postgresql_db):
        _run(db, "ingest", "--no-progress", str(SAMPLES), str(SEED_TXT))
    for args in EXPORTS:
        on_sqlite = _run(sqlite_db, *args)
        assert on_sqlite.count(b"\n") > 20, args
        assert _run(postgresql_db, *args) == on_sqlite, args


@pytest.mark.postgresql_only
def test_vier_neue_stores_zugleich_in_einer_neuen_datenbank_legen_unaccent_einmal_an(tmp_path):
    """A new database has no ``unaccent``: four stores made in it at the same moment by four processes (as the
    workers of a test run or of a first deployment do) all open; before, the losers of the race failed with a
    duplicate key."""
    import subprocess
    import sys
    import time
    import uuid

    import psycopg
    from conftest import TEST_PG, _pg_unreachable

    reason = _pg_unreachable()
    if reason:
        pytest.skip(reason)
    database = f"qt_unaccent_{int(time.time())}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(TEST_PG, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
    url = TEST_PG.rsplit("/", 1)[0] + f"/{database}"
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            assert conn.execute("SELECT count(*) FROM pg_extension WHERE extname = 'unaccent'").fetchone() == (0,)
            for k in range(4):
                conn.execute(f"CREATE SCHEMA s{k}")
        at = time.time() + 3  # every process waits for the same moment, its imports done
        make = (
            "import sys, time\n"
            "from quellenlage.store import open_store\n"
            "time.sleep(max(0.0, float(sys.argv[2]) - time.time()))\n"
            "with open_store(sys.argv[1]) as store:\n"
            "    assert store.count() == 0\n"
        )
        procs = [
            subprocess.Popen([sys.executable, "-c", make, f"{url}?options=-csearch_path%3Ds{k}", str(at)], stderr=subprocess.PIPE)
            for k in range(4)
        ]
        failures = [p.communicate(timeout=60)[1].decode()[-300:] for p in procs if p.wait(timeout=60) != 0]
        assert failures == []
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT count(*) FROM pg_extension WHERE extname = 'unaccent'").fetchone() == (1,)
    finally:
        with psycopg.connect(TEST_PG, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
