"""fetching

Revision 0011 of the store's schema (forward only).

What fetching from the web keeps (:data:`quellenlage.store.tables.FETCH_TABLES`): the raw pages by
revision, the URLs fetched, the feeds followed with their errors, robots.txt by host. New tables only.
"""

from __future__ import annotations

from alembic import op

from quellenlage.store import tables

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables.metadata.create_all(op.get_bind(), tables=tables.FETCH_TABLES)


def downgrade() -> None:
    raise NotImplementedError("the store's schema migrates forward only")
