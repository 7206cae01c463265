"""Migration 6: records stored as schema v1 (before event claims) are rewritten as v2."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import before_revision, store_url
from sqlalchemy import select, update

from quellenlage.record import SCHEMA_ID, Record
from quellenlage.store import open_store
from quellenlage.store.tables import revisions

V1 = Path(__file__).parent / "fixtures" / "record_v1_seed.json"


def test_ein_gespeicherter_v1_datensatz_wird_zu_v2_mit_behauptungen(tmp_path):
    v1 = json.loads(V1.read_text(encoding="utf-8"))
    assert v1["schema"] == "quellenlage/article/v1"
    db = store_url(tmp_path, "old")
    with open_store(db) as store:
        store.put(Record.from_json(v1))
        # make the database look like one written before migration 6: the record as v1 JSON
        with store.write() as conn:
            conn.execute(update(revisions).values(record=json.dumps(v1, ensure_ascii=False)))
            before_revision(conn, 6)
    with open_store(db) as store:
        assert store.schema_version() >= 6
        with store.read() as conn:
            stored = json.loads(conn.execute(select(revisions.c.record)).scalar_one())
        assert stored["schema"] == SCHEMA_ID
        assert all("claims" in ev for ev in stored["events"])
        assert any(ev["claims"] for ev in stored["events"])
        record = store.get(v1["id"])
        assert record.offset_problems() == []
        assert [ev.status for ev in record.events] == [ev["status"] for ev in v1["events"]]
