"""publication time as a timestamp

Revision 0010 of the store's schema (forward only).

``articles.published_at``: the publication time as a real timestamp (:func:`quellenlage.store.tables.instant`),
filled from ``published``, and its index (revision 0001 builds both on a new store).
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Column, inspect, select

from quellenlage.store import tables

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    articles = tables.articles
    if "published_at" not in {c["name"] for c in inspect(conn).get_columns("articles")}:
        op.add_column("articles", Column("published_at", articles.c.published_at.type))
    for index in articles.indexes:
        index.create(conn, checkfirst=True)
    last = ""
    while True:
        rows = conn.execute(
            select(articles.c.id, articles.c.published)
            .where(articles.c.id > last, articles.c.published.is_not(None), articles.c.published_at.is_(None))
            .order_by(articles.c.id)
            .limit(500)
        ).all()
        if not rows:
            return
        for row in rows:
            moment = tables.instant(row.published)
            if moment is not None:
                conn.execute(articles.update().where(articles.c.id == row.id).values(published_at=moment))
        last = rows[-1].id


def downgrade() -> None:
    raise NotImplementedError("the store's schema migrates forward only")
