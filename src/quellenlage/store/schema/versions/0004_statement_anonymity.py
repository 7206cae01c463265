"""statement speaker anonymity kind

Revision 0004 of the store's schema (forward only).

The kind of a statement's anonymous speaker ("official", "spokesperson" …), for ``/api/statements``.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Column, inspect

from quellenlage.store import tables

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "speaker_anonymous_kind" not in {c["name"] for c in inspect(op.get_bind()).get_columns("statements")}:
        op.add_column("statements", Column("speaker_anonymous_kind", tables.statements.c.speaker_anonymous_kind.type))


def downgrade() -> None:
    raise NotImplementedError("the store's schema migrates forward only")
