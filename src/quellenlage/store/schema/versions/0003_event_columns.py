"""event modality, groups, sources and status changes

Revision 0003 of the store's schema (forward only).

For ``/api/events``.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Column, inspect

from quellenlage.store import tables

#: The columns this revision adds to ``events`` (a store revision 1 built already has them).
EVENT_COLUMNS = ("modality", "groups", "sources", "status_changes")

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    have = {c["name"] for c in inspect(op.get_bind()).get_columns("events")}
    for name in EVENT_COLUMNS:
        if name not in have:
            op.add_column("events", Column(name, tables.events.c[name].type))


def downgrade() -> None:
    raise NotImplementedError("the store's schema migrates forward only")
