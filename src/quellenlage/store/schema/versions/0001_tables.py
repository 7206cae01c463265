"""tables

Revision 0001 of the store's schema (forward only).

Builds the tables as :mod:`quellenlage.store.tables` defines them *now*, so every later revision that
changes a table must also change :mod:`.tables` and be a no-op on a store this one built in the new shape.
"""

from __future__ import annotations

from alembic import op

from quellenlage.store import tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables.metadata.create_all(op.get_bind(), tables=tables.TABLES)


def downgrade() -> None:
    raise NotImplementedError("the store's schema migrates forward only")
