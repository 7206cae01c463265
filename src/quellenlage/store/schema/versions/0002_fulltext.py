"""full-text indexes

Revision 0002 of the store's schema (forward only).

The backend's own (:mod:`quellenlage.store.backends`): FTS5 tables on SQLite, ``tsvector`` columns on PostgreSQL.
"""

from __future__ import annotations

from alembic import op

from quellenlage.store.backends import backend

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    backend(conn.dialect.name).create_fulltext(conn)


def downgrade() -> None:
    raise NotImplementedError("the store's schema migrates forward only")
