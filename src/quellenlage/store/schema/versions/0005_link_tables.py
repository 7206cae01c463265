"""link tables

Revision 0005 of the store's schema (forward only).

The linker's tables (story-level entities, their members and keys, the user's corrections), and every
article stored so far queued for linking.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import select

from quellenlage.store import tables

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    tables.metadata.create_all(conn, tables=tables.LINK_TABLES)
    queued = select(tables.link_queue.c.article_id).where(tables.link_queue.c.article_id == tables.articles.c.id)
    conn.execute(
        tables.link_queue.insert().from_select(
            ["article_id", "queued_at"], select(tables.articles.c.id, tables.articles.c.updated_at).where(~queued.exists())
        )
    )


def downgrade() -> None:
    raise NotImplementedError("the store's schema migrates forward only")
