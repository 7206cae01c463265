"""Versioned schema migrations.

``schema_migrations(version, name, applied_at)`` records what a database has;
:data:`MIGRATIONS` is the ordered list of steps. :func:`migrate` applies the
missing ones, each together with its ``schema_migrations`` row in one
transaction, so a failed step leaves the database at the previous version
and running it again is a no-op.

A step is ``function(conn, dialect_name)``; dialect-specific DDL belongs in
the module that owns it (full text: :mod:`.fulltext`). Step 1 builds the
tables as :mod:`.tables` defines them *now*, so a later step that changes a
table must also change :mod:`.tables` and be a no-op on a database step 1
already built in the new shape (check with ``sqlalchemy.inspect`` first).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Column, Connection, Engine, Integer, MetaData, Table, Text, func, inspect, select, text

from . import fulltext, tables

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


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "tables", _create_tables),
    Migration(2, "full-text indexes", fulltext.create),
    Migration(3, "event modality, groups, sources and status changes", _event_columns),
    Migration(4, "statement speaker anonymity kind", _statement_anonymity),
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
