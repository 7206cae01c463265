"""Shared test fixtures: the seed article, the shared data folder, a CLI runner, the stories development store,
and new stores on the backend under test.

The store, link, web and CLI tests run on SQLite (``make test``'s first run) and again on PostgreSQL
(``QUELLENLAGE_TEST_BACKEND=postgresql``, the second run): every store they open comes from
:func:`store_url`, an SQLite file or a fresh schema in the PostgreSQL database ``$QUELLENLAGE_TEST_PG``
(default: the local server, user postgres, database test). Without a reachable server those tests skip,
saying why. Tests of what only SQLite has (its files, PRAGMAs, FTS5 syntax, old schema shapes) are marked
``sqlite_only`` (or ``postgresql_only``).
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import time
import uuid
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SEED_TXT = FIXTURES / "ntv-2025-11-19-geheimgespraeche.txt"
SEED_HTML = FIXTURES / "ntv-2025-11-19-geheimgespraeche.html"
SEED_NEWS_PLEASE = FIXTURES / "ntv-2025-11-19-geheimgespraeche.news-please.jsonl"
STORIES_DEV = FIXTURES / "stories_dev" / "articles.jsonl"
REPO = HERE.parent
SHARED_DATA = Path(os.environ.get("QUELLENLAGE_SHARED_DATA", REPO.parent / "shared" / "data"))


#: The Hypothesis profile for long fuzzing runs (``--hypothesis-profile=fuzz`` or ``HYPOTHESIS_PROFILE=fuzz``):
#: tests/test_fuzz.py runs each property 50 times as many examples as by default (its max_examples / 100).
hypothesis_settings.register_profile(
    "fuzz", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
if os.environ.get("HYPOTHESIS_PROFILE"):
    hypothesis_settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])

TEST_BACKEND = os.environ.get("QUELLENLAGE_TEST_BACKEND", "sqlite")
TEST_PG = os.environ.get("QUELLENLAGE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


@cache
def _pg_unreachable() -> str | None:
    """Why no PostgreSQL can be used for tests (None: it can)."""
    import psycopg

    try:
        with psycopg.connect(TEST_PG, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # any reason at all: the tests skip with it
        return f"no PostgreSQL reachable at {TEST_PG}: {str(exc).strip().splitlines()[0]}"
    return None


def _drop_schemas(schemas: list[str]) -> None:
    """Drop the test run's schemas; one still locked by a connection a test left open is skipped after a few
    seconds (never a hang at exit) and swept by a later run (:func:`_sweep_stale_schemas`)."""
    import psycopg

    try:
        with psycopg.connect(TEST_PG, autocommit=True, connect_timeout=5) as conn:
            conn.execute("SET lock_timeout = '5s'")
            for schema in schemas:
                try:
                    conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
                except psycopg.Error:
                    continue
    except psycopg.Error:
        return  # the server went away: a later run sweeps what is left


#: A test schema's name ends in its creation time (epoch seconds) and a random part: qt_NAME_EPOCH_HEX.
_STALE_AFTER = 6 * 3600


def _sweep_stale_schemas() -> None:
    """Drop test schemas more than six hours old that an earlier run left behind (a worker ended before its drop
    ran, or a test kept a connection open): the shared test database never fills up, and a run going on beside
    this one keeps its own (unless it has run for six hours). Only names that carry their time are swept."""
    import psycopg

    try:
        with psycopg.connect(TEST_PG, autocommit=True, connect_timeout=5) as conn:
            names = [r[0] for r in conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'qt\\_%'")]
            now = time.time()
            old = [n for n in names if (p := n.rsplit("_", 2))[-2].isdigit() and now - int(p[-2]) > _STALE_AFTER]
    except psycopg.Error:
        return
    _drop_schemas(old)


def pytest_sessionstart(session) -> None:
    """On PostgreSQL, the controlling process (not each xdist worker) sweeps stale test schemas first."""
    if TEST_BACKEND == "postgresql" and not hasattr(session.config, "workerinput") and _pg_unreachable() is None:
        _sweep_stale_schemas()


_SCHEMAS: list[str] = []


def store_url(folder: Path, name: str = "test") -> str:
    """A new, empty store for a test on the backend under test: the SQLite file ``folder/name.db``, or the URL
    of a fresh PostgreSQL schema (dropped when the test run ends). Skips the test when PostgreSQL is asked
    for and none is reachable."""
    if TEST_BACKEND == "sqlite":
        return str(folder / f"{name}.db")
    if TEST_BACKEND != "postgresql":
        raise ValueError(f"QUELLENLAGE_TEST_BACKEND={TEST_BACKEND!r}: sqlite or postgresql")
    reason = _pg_unreachable()
    if reason:
        pytest.skip(reason)
    import psycopg

    schema = f"qt_{name.lower()}_{int(time.time())}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(TEST_PG, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    if not _SCHEMAS:
        atexit.register(_drop_schemas, _SCHEMAS)
    _SCHEMAS.append(schema)
    return f"{TEST_PG}{'&' if '?' in TEST_PG else '?'}options=-csearch_path%3D{schema}"


def scalar(db: str, sql: str):
    """One value read from a store (a path or URL), for checks of what a command left behind."""
    from sqlalchemy import text

    from quellenlage.store import open_store

    with open_store(db) as store, store.engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


#: The tests that run again on PostgreSQL: every module that opens a store (the rest never touches one), but
#: the 10kGNAD ingest (3 minutes; bench/postgresql.py ingests it into PostgreSQL and compares the export).
PG_MODULES = {
    "test_api",
    "test_feeds",
    "test_bad_input",
    "test_check",
    "test_crash",
    "test_cli",
    "test_link_claims",
    "test_link_copies",
    "test_link_descriptions",
    "test_link_entities",
    "test_link_events",
    "test_link_origins",
    "test_stories_dev",
    "test_parallel_ingest",
    "test_store",
    "test_store_backends",
    "test_store_concurrency",
    "test_store_records_v2",
    "test_store_parsed",
    "test_web_api",
    "test_web_browser",
    "test_web_highlight",
    "test_web_openapi",
    "test_web_entities",
    "test_web_schemathesis",
    "test_web_security",
    "test_web_threads",
    "test_web_stories",
    "test_web_timeline",
    "test_web_search_entities",
    "test_web_titles",
}


def before_revision(conn, version: int) -> None:
    """Make a store look like one from before Alembic on which revision ``version`` and the later ones never
    ran (its schema shape is the test's to set back): the next open stamps it at ``version - 1`` and runs them."""
    from sqlalchemy import text

    conn.execute(text("DROP TABLE alembic_version"))
    conn.execute(text("DELETE FROM schema_migrations WHERE version >= :version"), {"version": version})


def pytest_collection_modifyitems(config, items) -> None:
    """On PostgreSQL only the modules of :data:`PG_MODULES` run; tests of what only one backend has skip on
    the other."""
    if TEST_BACKEND == "postgresql":
        kept = [item for item in items if item.module.__name__ in PG_MODULES]
        config.hook.pytest_deselected(items=[item for item in items if item.module.__name__ not in PG_MODULES])
        items[:] = kept
    for item in items:
        for backend in ("sqlite", "postgresql"):
            if f"{backend}_only" in item.keywords and TEST_BACKEND != backend:
                item.add_marker(pytest.mark.skip(reason=f"{backend} only (this run: {TEST_BACKEND})"))


def shared(rel: str) -> Path:
    """A file of ../shared/data, or skip the test when the data is not beside the repo."""
    path = SHARED_DATA / rel
    if not path.exists():
        pytest.skip(f"shared data not found: {path}")
    return path


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory):
    """A store with the stories development collection ingested and linked; one per test module."""
    from quellenlage.batch import ingest_into
    from quellenlage.store import open_store

    with open_store(store_url(tmp_path_factory.mktemp("stories_dev"), "dev")) as s:
        summary = ingest_into(s, [str(STORIES_DEV)], show_progress=False)
        assert summary.failed == 0 and summary.linked
        yield s


@pytest.fixture
def seed_text() -> str:
    return SEED_TXT.read_text(encoding="utf-8")


@pytest.fixture
def cli(tmp_path):
    """Run the installed ``quellenlage`` command (as a user would) against a fresh store."""
    db = store_url(tmp_path)

    def run(*args, input: bytes | None = None, check: bool = False) -> subprocess.CompletedProcess:
        env = {**os.environ, "QUELLENLAGE_DB": str(db), "COLUMNS": "120"}
        proc = subprocess.run(
            [sys.executable, "-m", "quellenlage", *map(str, args)],
            input=input,
            capture_output=True,
            env=env,
            cwd=tmp_path,
        )
        proc.stdout_text = proc.stdout.decode("utf-8")  # type: ignore[attr-defined]
        proc.stderr_text = proc.stderr.decode("utf-8")  # type: ignore[attr-defined]
        if check and proc.returncode != 0:
            raise AssertionError(f"quellenlage {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr_text}")
        return proc

    run.db = db  # type: ignore[attr-defined]
    return run


def attributed_with_entities(text: str, names: dict[str, str]):
    """The stages before attribution, then exactly the entities ``names`` (surface → type), then attribution:
    the speaker rules tested apart from what the NER model finds."""
    from quellenlage.analyse.attribution import attribution
    from quellenlage.analyse.pipeline import STAGES, new_record
    from quellenlage.read import read_text
    from quellenlage.record import Entity, Mention

    record = new_record(read_text(text))
    for name, stage, _ in STAGES:
        if name == "attribution":
            break
        stage(record)
    record.entities = []
    for n, (surface, type_) in enumerate(names.items(), 1):
        start = text.index(surface)
        record.entities.append(
            Entity(
                id=f"e{n}",
                type=type_,
                name=surface,
                mentions=[Mention(start=start, end=start + len(surface), text=surface, sentence=record.sentence_at(start))],
            )
        )
    attribution(record)
    return record
