"""Versioned schema migrations.

``schema_migrations(version, name, applied_at)`` records what a database has;
:data:`MIGRATIONS` is the ordered list of steps. :func:`migrate` applies the
missing ones, each together with its ``schema_migrations`` row in one
transaction, so a failed step leaves the database at the previous version
and running it again is a no-op.

A step is ``function(conn, dialect_name)``; dialect-specific DDL belongs in
its backend module (:mod:`.backends`). Step 1 builds the
tables as :mod:`.tables` defines them *now*, so a later step that changes a
table must also change :mod:`.tables` and be a no-op on a database step 1
already built in the new shape (check with ``sqlalchemy.inspect`` first).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Column, Connection, Engine, Integer, MetaData, Table, Text, func, inspect, select, text

from . import tables
from .backends import backend

schema_migrations = Table(
    "schema_migrations",
    MetaData(),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("applied_at", Text, nullable=False),
)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection, str], None]


def _create_tables(conn: Connection, dialect_name: str) -> None:
    tables.metadata.create_all(conn, tables=tables.TABLES)


#: Columns migration 3 adds to ``events`` (a database that step 1 built already has them).
EVENT_COLUMNS = ("modality", "groups", "sources", "status_changes")


def _event_columns(conn: Connection, dialect_name: str) -> None:
    """The events' modality, groups, source chains and status changes, for ``/api/events``."""
    have = {c["name"] for c in inspect(conn).get_columns("events")}
    for name in EVENT_COLUMNS:
        if name not in have:
            column = tables.events.c[name]
            conn.execute(text(f"ALTER TABLE events ADD COLUMN {name} {column.type.compile(dialect=conn.dialect)}"))


def _statement_anonymity(conn: Connection, dialect_name: str) -> None:
    """The kind of a statement's anonymous speaker ("official", "spokesperson" …), for ``/api/statements``."""
    if "speaker_anonymous_kind" not in {c["name"] for c in inspect(conn).get_columns("statements")}:
        conn.execute(text("ALTER TABLE statements ADD COLUMN speaker_anonymous_kind TEXT"))


def _link_tables(conn: Connection, dialect_name: str) -> None:
    """The linker's tables (story-level entities, their members and keys, the user's corrections), and
    every article stored so far queued for linking."""
    tables.metadata.create_all(conn, tables=tables.LINK_TABLES)
    conn.execute(
        tables.link_queue.insert().from_select(
            ["article_id", "queued_at"], select(tables.articles.c.id, tables.articles.c.updated_at)
        )
    )


def _records_v2(conn: Connection, dialect_name: str) -> None:
    """Stored records of schema v1 rewritten as v2 (events with claims, :func:`quellenlage.record.upgrade`).

    The content hash and the analysis version stay: the text is unchanged, and re-analysing (``ingest``
    with a newer analysis) gives the real claims; the upgrade rebuilds them as far as v1 allows. Revisions
    are read and written in batches by key, so a large store does not sit in memory.
    """
    import json

    from ..record import SCHEMA_V1, upgrade

    last: tuple[str, int] = ("", 0)
    while True:
        rows = conn.execute(
            select(tables.revisions.c.article_id, tables.revisions.c.revision, tables.revisions.c.record)
            .where(
                (tables.revisions.c.article_id > last[0])
                | ((tables.revisions.c.article_id == last[0]) & (tables.revisions.c.revision > last[1]))
            )
            .order_by(tables.revisions.c.article_id, tables.revisions.c.revision)
            .limit(500)
        ).all()
        if not rows:
            return
        for row in rows:
            if f'"{SCHEMA_V1}"' in row.record[:200]:
                data = upgrade(json.loads(row.record))
                conn.execute(
                    tables.revisions.update()
                    .where(tables.revisions.c.article_id == row.article_id, tables.revisions.c.revision == row.revision)
                    .values(record=json.dumps(data, ensure_ascii=False))
                )
        last = (rows[-1].article_id, rows[-1].revision)


def _descriptions(conn: Connection, dialect_name: str) -> None:
    """Who heads which organisation, and role-only descriptions of persons (:mod:`quellenlage.link.descriptions`).
    Step 5 builds them on a new database (they are link tables); the linker's new version links every article
    again, which fills them."""
    tables.metadata.create_all(conn, tables=(tables.entity_heads, tables.entity_descriptions))


def _fulltext(conn: Connection, dialect_name: str) -> None:
    """The backend's full-text indexes over sentences and statements (:mod:`.backends`)."""
    backend(dialect_name).create_fulltext(conn)


def _claim_rows(conn: Connection, dialect_name: str) -> None:
    """The claims listing's rows (:data:`.tables.claim_rows`), so ``claims`` is an indexed, paged read. Step 5
    builds it on a new database (a link table); the linker's new version links every article again, which
    fills it."""
    tables.metadata.create_all(conn, tables=(tables.claim_rows,))


def _article_tags(conn: Connection, dialect_name: str) -> None:
    """The records' tags as a table (:data:`.tables.article_tags`), so the stories by tag need no JSON
    functions; filled from the current revisions (step 1 builds it empty on a new database)."""
    import json

    tables.metadata.create_all(conn, tables=(tables.article_tags,))
    current = (
        select(tables.revisions.c.article_id, tables.revisions.c.record)
        .join(
            tables.articles,
            (tables.articles.c.id == tables.revisions.c.article_id)
            & (tables.articles.c.current_revision == tables.revisions.c.revision),
        )
        .where(~select(tables.article_tags.c.article_id).where(tables.article_tags.c.article_id == tables.articles.c.id).exists())
        .order_by(tables.revisions.c.article_id)
    )
    last = ""
    while True:
        rows = conn.execute(current.where(tables.revisions.c.article_id > last).limit(500)).all()
        if not rows:
            return
        tagged = [
            {"article_id": row.article_id, "tag": tag}
            for row in rows
            for tag in dict.fromkeys((json.loads(row.record).get("meta") or {}).get("tags") or [])
        ]
        if tagged:
            conn.execute(tables.article_tags.insert(), tagged)
        last = rows[-1].article_id


def _published_at(conn: Connection, dialect_name: str) -> None:
    """``articles.published_at``: the publication time as a real timestamp (:func:`.tables.instant`), filled
    from ``published``, and its index (step 1 builds both on a new database)."""
    if "published_at" not in {c["name"] for c in inspect(conn).get_columns("articles")}:
        column = tables.articles.c.published_at
        conn.execute(text(f"ALTER TABLE articles ADD COLUMN published_at {column.type.compile(dialect=conn.dialect)}"))
    for index in tables.articles.indexes:
        index.create(conn, checkfirst=True)
    last = ""
    while True:
        rows = conn.execute(
            select(tables.articles.c.id, tables.articles.c.published)
            .where(
                tables.articles.c.id > last, tables.articles.c.published.is_not(None), tables.articles.c.published_at.is_(None)
            )
            .order_by(tables.articles.c.id)
            .limit(500)
        ).all()
        if not rows:
            return
        for row in rows:
            moment = tables.instant(row.published)
            if moment is not None:
                conn.execute(tables.articles.update().where(tables.articles.c.id == row.id).values(published_at=moment))
        last = rows[-1].id


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "tables", _create_tables),
    Migration(2, "full-text indexes", _fulltext),
    Migration(3, "event modality, groups, sources and status changes", _event_columns),
    Migration(4, "statement speaker anonymity kind", _statement_anonymity),
    Migration(5, "link tables", _link_tables),
    Migration(6, "records to schema v2 (event claims)", _records_v2),
    Migration(7, "entity heads and role-only descriptions", _descriptions),
    Migration(8, "claims listing rows", _claim_rows),
    Migration(9, "article tags", _article_tags),
    Migration(10, "publication time as a timestamp", _published_at),
)


def applied_version(conn: Connection) -> int:
    """The highest applied migration (0 for a database without any)."""
    return conn.execute(select(func.coalesce(func.max(schema_migrations.c.version), 0))).scalar_one()


def migrate(engine: Engine) -> int:
    """Apply the missing migrations in order; returns the schema version afterwards.

    Several processes may open the same database at once: each step re-checks
    the version inside its transaction. On SQLite, pass an engine whose
    transactions take the write lock at BEGIN (the store's writer does), so
    the check and the step cannot interleave with another process's.
    """
    with engine.begin() as conn:
        schema_migrations.create(conn, checkfirst=True)
    dialect_name = engine.dialect.name
    for step in MIGRATIONS:
        with engine.begin() as conn:
            done = select(schema_migrations.c.version).where(schema_migrations.c.version == step.version)
            if conn.execute(done).first() is not None:
                continue
            step.apply(conn, dialect_name)
            conn.execute(
                schema_migrations.insert().values(
                    version=step.version,
                    name=step.name,
                    applied_at=tables.now(),
                )
            )
    with engine.connect() as conn:
        return applied_version(conn)
