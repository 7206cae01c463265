"""Store.records: current records of many articles in one read, parsed ones kept by id, revision and analysis
version (store/parsed.py), so that a revision or a reanalysis is never answered from the cache."""

from __future__ import annotations

import pytest
from conftest import store_url
from test_store import make_record

from quellenlage.store import open_store
from quellenlage.store.parsed import ParsedRecords


@pytest.fixture
def store(tmp_path):
    with open_store(store_url(tmp_path, "parsed")) as opened:
        yield opened


def test_records_are_the_current_ones_in_the_order_asked_without_unknown_ids(store):
    a = make_record(["Die Gespräche laufen."], article_id="aaaa1111")
    b = make_record(["Der Kreml schweigt."], article_id="bbbb2222")
    store.put(a)
    store.put(b)
    assert store.records(["bbbb2222", "nope0000", "aaaa1111", "bbbb2222"]) == [b, a]
    assert store.records([]) == []


def test_a_revision_and_a_reanalysis_are_read_again_not_taken_from_the_cache(store):
    old = make_record(["Die Gespräche laufen seit Wochen."], version="0.1.0")
    store.put(old)
    assert store.records([old.id]) == [old]
    assert store.records([old.id])[0] is store.records([old.id])[0]  # kept, not parsed again
    new = make_record(["Die Gespräche laufen seit Monaten."], version="0.1.0")
    store.put(new)  # revision 2
    assert store.records([old.id]) == [new]
    reanalysed = make_record(
        ["Die Gespräche laufen seit Monaten."],
        version="0.2.0",
        statements_by_speaker={"Die Gespräche": "laufen seit Monaten"},
    )
    assert store.put(reanalysed).status == "reanalysed"  # the same revision, rewritten in place
    assert store.records([old.id]) == [reanalysed]
    assert store.get(old.id) == reanalysed


def test_the_cache_keeps_the_records_used_last_and_no_more():
    parsed = ParsedRecords(size=2)
    records = {(f"id{k}", 1, "v"): make_record([f"Satz {k}."], article_id=f"id{k}").to_json() for k in range(3)}
    reads: list[list] = []

    def read(keys):
        reads.append(keys)
        return {key: records[key] for key in keys if key in records}

    keys = list(records)
    parsed.get_many(keys[:2], read)
    parsed.get_many(keys[:1], read)  # id0 used last
    parsed.get_many(keys[2:], read)  # id1 goes
    assert len(parsed) == 2
    parsed.get_many(keys, read)
    assert reads == [keys[:2], keys[2:], [keys[1]]]
    assert parsed.get_many([("gone", 1, None)], read) == {}  # a key read gives nothing for is left out
