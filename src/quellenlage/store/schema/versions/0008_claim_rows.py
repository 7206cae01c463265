"""claims listing rows

Revision 0008 of the store's schema (forward only).

The claims listing's rows (:data:`quellenlage.store.tables.claim_rows`), so ``claims`` is an indexed, paged
read. Revision 0005 builds it on a new store (a link table); the linker's new version links every article
again, which fills it.
"""

from __future__ import annotations

from alembic import op

from quellenlage.store import tables

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables.metadata.create_all(op.get_bind(), tables=(tables.claim_rows,))


def downgrade() -> None:
    raise NotImplementedError("the store's schema migrates forward only")
