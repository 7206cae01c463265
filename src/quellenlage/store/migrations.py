"""Versioned schema migrations, run by Alembic on both backends.

The revisions are Alembic scripts in ``store/schema/versions/`` (``0001_tables.py`` …), numbered, forward
only; ``alembic_version`` holds where a store is. :func:`migrate` runs on every :func:`~quellenlage.store.open_store`:
a store at the newest revision costs one query; otherwise all missing revisions run in **one** writing
transaction (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: the store's advisory lock), so a failed revision leaves
the store as it was, and two processes opening a new store at once run each revision once.

``schema_migrations(version, name, applied_at)`` is the store's history: every applied revision, with when.
It is also how stores from before Alembic are recognised: a store with ``schema_migrations`` but no
``alembic_version`` is stamped at its highest applied version, then upgraded. Dialect-specific DDL belongs in
its backend module (:mod:`.backends`). Revision 0001 builds the tables as :mod:`.tables` defines them *now*,
so a later revision that changes a table must also change :mod:`.tables` and be a no-op on a store 0001
already built in the new shape (check with ``sqlalchemy.inspect`` first).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import Column, Connection, Engine, Integer, MetaData, Table, Text, func, inspect, select, text

from . import tables

#: The Alembic script directory (``env.py`` and ``versions/``).
SCRIPTS = Path(__file__).parent / "schema"
#: The newest revision (a test keeps it equal to the scripts' head).
HEAD = "0012"

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


@cache
def _scripts():
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(SCRIPTS))


def history() -> list[Migration]:
    """Every revision, oldest first: its number and name (the first line of its script's docstring)."""
    return [Migration(int(s.revision), s.doc) for s in reversed(list(_scripts().walk_revisions()))]


def _config(conn: Connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    config.attributes["connection"] = conn
    return config


def _current(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()


def applied_version(conn: Connection) -> int:
    """The store's revision as a number (0 for an empty database)."""
    current = _current(conn)
    if current is not None:
        return int(current)
    if inspect(conn).has_table("schema_migrations"):  # a store from before Alembic
        return conn.execute(select(func.coalesce(func.max(schema_migrations.c.version), 0))).scalar_one()
    return 0


def record_applied(ctx, step, heads, run_args) -> None:
    """Alembic's ``on_version_apply``: note an applied revision in ``schema_migrations``."""
    if step.is_stamp or not step.is_upgrade or step.up_revision_id is None:
        return
    version = int(step.up_revision_id)
    conn = ctx.connection
    conn.execute(schema_migrations.delete().where(schema_migrations.c.version == version))
    conn.execute(schema_migrations.insert().values(version=version, name=step.up_revision.doc, applied_at=tables.now()))


def _adopt(conn: Connection) -> None:
    """A store from before Alembic: stamp it at the last of its applied versions that has all before it."""
    if _current(conn) is not None or not inspect(conn).has_table("schema_migrations"):
        return
    applied: set[int] = set(conn.execute(select(schema_migrations.c.version)).scalars())
    done = 0
    while done + 1 in applied:
        done += 1
    if done:
        from alembic import command

        command.stamp(_config(conn), f"{done:04d}")


def migrate(engine: Engine) -> int:
    """Apply the missing revisions; returns the store's revision afterwards.

    Pass the store's writer (transactions that lock at BEGIN): the check and the upgrade then run with the
    lock held, so concurrent processes cannot interleave.
    """
    with engine.connect() as conn:
        if _current(conn) == HEAD:
            return int(HEAD)
    from alembic import command

    with engine.begin() as conn:
        schema_migrations.create(conn, checkfirst=True)
        _adopt(conn)
        command.upgrade(_config(conn), "head")
    with engine.connect() as conn:
        return applied_version(conn)
