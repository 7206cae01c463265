"""Blocking-key tables: ``(key, owner)`` rows that the linker files and looks up by equality.

``entity_keys`` (story entities), ``event_keys`` (story events) and ``story_keys`` (stories) share one
shape: a key column and an owner column, primary key on both. Filing is insert-if-missing, written in
portable SQL (one read of what the owner has, one insert of the rest) so SQLite and PostgreSQL behave alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Column, Connection, Table, delete, select


def _columns(table: Table) -> tuple[Column, Column]:
    key, owner = (c for c in table.primary_key.columns)
    return key, owner


def file(conn: Connection, table: Table, owner_id: str, wanted: Iterable[str]) -> None:
    """File ``owner_id`` under the ``wanted`` keys it does not have yet."""
    wanted = set(wanted)
    if not wanted:
        return
    key, owner = _columns(table)
    have: set[str] = set(conn.execute(select(key).where(owner == owner_id, key.in_(sorted(wanted)))).scalars())
    rows = [{key.name: k, owner.name: owner_id} for k in sorted(wanted - have)]
    if rows:
        conn.execute(table.insert(), rows)


def move(conn: Connection, table: Table, gone_id: str, keep_id: str) -> None:
    """Give ``keep_id`` every key of ``gone_id`` (two owners merged), and drop ``gone_id``'s rows."""
    key, owner = _columns(table)
    moved: set[str] = set(conn.execute(select(key).where(owner == gone_id)).scalars())
    conn.execute(delete(table).where(owner == gone_id))
    file(conn, table, keep_id, moved)


def rename(conn: Connection, table: Table, gone_key: str, keep_key: str) -> None:
    """File every owner of ``gone_key`` under ``keep_key`` instead (two keyed things merged)."""
    key, owner = _columns(table)
    owners: list[str] = list(conn.execute(select(owner).where(key == gone_key)).scalars())
    conn.execute(delete(table).where(key == gone_key))
    for owner_id in owners:
        file(conn, table, owner_id, [keep_key])
