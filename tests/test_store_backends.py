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
