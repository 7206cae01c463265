"""story entity list figures

Revision 0012 of the store's schema (forward only).

``story_entities.articles``, ``mentions``, ``latest`` and ``search``: what the entities list filters and sorts
by (:mod:`quellenlage.link.entity_stats`), with their indexes, filled from the link tables of a store linked
before (revision 0001 builds them on a new store).
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import inspect

from quellenlage.link import entity_stats
from quellenlage.store import tables

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

COLUMNS = ("articles", "mentions", "latest", "search")


def upgrade() -> None:
    conn = op.get_bind()
    table = tables.story_entities
    have = {c["name"] for c in inspect(conn).get_columns("story_entities")}
    for name in COLUMNS:
        if name not in have:
            column = table.c[name]
            op.add_column("story_entities", column._copy())
    for index in table.indexes:
        index.create(conn, checkfirst=True)
    entity_stats.fill_all(conn)


def downgrade() -> None:
    raise NotImplementedError("the store's schema migrates forward only")
