"""article tags

Revision 0009 of the store's schema (forward only).

The records' tags as a table (:data:`quellenlage.store.tables.article_tags`), so the stories by tag need no
JSON functions; filled from the current revisions (revision 0001 builds it empty on a new store).
"""

from __future__ import annotations

import json

from alembic import op
from sqlalchemy import select

from quellenlage.store import tables

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    tables.metadata.create_all(conn, tables=(tables.article_tags,))
    revisions, articles, tags = tables.revisions, tables.articles, tables.article_tags
    current = (
        select(revisions.c.article_id, revisions.c.record)
        .join(articles, (articles.c.id == revisions.c.article_id) & (articles.c.current_revision == revisions.c.revision))
        .where(~select(tags.c.article_id).where(tags.c.article_id == articles.c.id).exists())
        .order_by(revisions.c.article_id)
    )
    last = ""
    while True:
        rows = conn.execute(current.where(revisions.c.article_id > last).limit(500)).all()
        if not rows:
            return
        tagged = [
            {"article_id": row.article_id, "tag": tag}
            for row in rows
            for tag in dict.fromkeys((json.loads(row.record).get("meta") or {}).get("tags") or [])
        ]
        if tagged:
            conn.execute(tags.insert(), tagged)
        last = rows[-1].article_id


def downgrade() -> None:
    raise NotImplementedError("the store's schema migrates forward only")
