"""records to schema v2 (event claims)

Revision 0006 of the store's schema (forward only).

Stored records of schema v1 rewritten as v2 (events with claims, :func:`quellenlage.record.upgrade`). The
content hash and the analysis version stay: the text is unchanged, and re-analysing (``ingest`` with a newer
analysis) gives the real claims; the upgrade rebuilds them as far as v1 allows. Revisions are read and written
in batches by key, so a large store does not sit in memory.
"""

from __future__ import annotations

import json

from alembic import op
from sqlalchemy import select

from quellenlage.record import SCHEMA_V1
from quellenlage.record import upgrade as upgrade_record
from quellenlage.store import tables

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    revisions = tables.revisions
    last: tuple[str, int] = ("", 0)
    while True:
        rows = conn.execute(
            select(revisions.c.article_id, revisions.c.revision, revisions.c.record)
            .where((revisions.c.article_id > last[0]) | ((revisions.c.article_id == last[0]) & (revisions.c.revision > last[1])))
            .order_by(revisions.c.article_id, revisions.c.revision)
            .limit(500)
        ).all()
        if not rows:
            return
        for row in rows:
            if f'"{SCHEMA_V1}"' in row.record[:200]:
                data = upgrade_record(json.loads(row.record))
                conn.execute(
                    revisions.update()
                    .where(revisions.c.article_id == row.article_id, revisions.c.revision == row.revision)
                    .values(record=json.dumps(data, ensure_ascii=False))
                )
        last = (rows[-1].article_id, rows[-1].revision)


def downgrade() -> None:
    raise NotImplementedError("the store's schema migrates forward only")
