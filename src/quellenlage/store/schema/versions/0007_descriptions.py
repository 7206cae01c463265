"""entity heads and role-only descriptions

Revision 0007 of the store's schema (forward only).

Who heads which organisation, and role-only descriptions of persons (:mod:`quellenlage.link.descriptions`).
Revision 0005 builds them on a new store (they are link tables); the linker's new version links every article
again, which fills them.
"""

from __future__ import annotations

from alembic import op

from quellenlage.store import tables

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables.metadata.create_all(op.get_bind(), tables=(tables.entity_heads, tables.entity_descriptions))


def downgrade() -> None:
    raise NotImplementedError("the store's schema migrates forward only")
