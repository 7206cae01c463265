"""The speaker and source filters of search mean the entity, not the words: filtering by "Witkoff" finds what
Steve Witkoff said wherever an article calls him "der US-Sondergesandte", "er" or "Whitkoff"; by "Dmitrijew"
what Kirill Dmitriew said as "Der russische Gesandte" in the seed article (ntv.de, 19.11.2025)."""

from __future__ import annotations

import warnings

import pytest
from conftest import SEED_TXT, store_url

with warnings.catch_warnings():  # starlette's notice about httpx versions, not about this code
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from quellenlage.batch import ingest_into
from quellenlage.link.run import link
from quellenlage.serve import create_app
from quellenlage.store import open_store
from quellenlage.store.queries import StatementFilter, find_statements

WELT = """Witkoff verteidigt den 28-Punkte-Plan

20.11.2025, 18:10 Uhr

Der US-Sondergesandte Steve Witkoff hat den umstrittenen Friedensplan für die Ukraine verteidigt. "Wir arbeiten an einem fairen Abkommen für beide Seiten", sagte der US-Sondergesandte am Donnerstag in Washington. Er betonte, die Ukraine werde in alle Gespräche einbezogen. "Niemand wird übergangen", sagte er.

Quelle: welt.de
"""

ZEIT = """Whitkoff: Treffen mit Selenskyj bleibt geplant

21.11.2025, 08:30 Uhr

Ein Treffen mit dem ukrainischen Präsidenten Wolodymyr Selenskyj sei weiterhin geplant, sagte der US-Gesandte Steve Whitkoff am Freitag. Der Kreml-Unterhändler Kirill Dmitriew äußerte sich zurückhaltend.

Quelle: zeit.de
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("witkoff")
    (folder / "welt.txt").write_text(WELT, encoding="utf-8")
    (folder / "zeit.txt").write_text(ZEIT, encoding="utf-8")
    path = store_url(folder, "witkoff")
    with open_store(path) as store:
        summary = ingest_into(store, [str(SEED_TXT), str(folder / "welt.txt"), str(folder / "zeit.txt")], show_progress=False)
        assert summary.failed == 0, summary.failures
        link(store)
    return path


def _speakers(db: str, **filters) -> list[str]:
    with open_store(db) as store:
        total, rows = find_statements(store, StatementFilter(**filters), limit=100)
    assert total == len(rows)
    return sorted({r["speaker_text"] or "" for r in rows})


def test_a_speaker_filter_by_surname_finds_him_under_his_title_his_pronoun_and_a_misspelling(db):
    assert _speakers(db, speaker="Witkoff") == ["Er", "der US-Gesandte Steve Whitkoff", "der US-Sondergesandte", "er"]


def test_a_speaker_filter_in_another_spelling_finds_the_seed_articles_russian_envoy(db):
    found = _speakers(db, speaker="Dmitrijew")
    assert {"Dmitriew", "Der russische Gesandte", "er", "Der Kreml-Unterhändler Kirill Dmitriew"} <= set(found)
    assert "der US-Sondergesandte" not in found


def test_a_speaker_filter_still_matches_the_words_as_written(db):
    assert "einem Bericht" in _speakers(db, speaker="Bericht")


def test_a_source_filter_by_surname_finds_statements_resting_on_him_in_every_spelling(db):
    with open_store(db) as store:
        _, rows = find_statements(store, StatementFilter(source="Witkoff"), limit=100)
    assert {r["outlet"] for r in rows} == {"welt.de", "zeit.de"}
    assert any(s["name"] == "Steve Whitkoff" for r in rows for s in r["sources"])


def test_a_source_filter_in_another_spelling_finds_the_statements_on_dmitriews_word(db):
    with open_store(db) as store:
        _, rows = find_statements(store, StatementFilter(source="Dmitrijew"), limit=100)
    assert len(rows) >= 10
    assert all(any("Dmitriew" in s["name"] for s in r["sources"]) for r in rows)


def test_the_api_and_the_search_page_filter_by_the_entity(db):
    with open_store(db) as store:
        client = TestClient(create_app(store=store))
        statements = client.get("/api/statements", params={"speaker": "Witkoff", "limit": 100}).json()
        searched = client.get("/api/search", params={"speaker": "Witkoff", "limit": 100}).json()
        page = client.get("/search", params={"speaker": "Witkoff", "in": "statements"}).text
    assert statements["total"] == searched["total"] == 4
    assert {i["speaker_text"] for i in statements["items"]} == {
        "Er",
        "er",
        "der US-Sondergesandte",
        "der US-Gesandte Steve Whitkoff",
    }
    assert "Niemand wird übergangen" in page
    assert "Treffen mit dem ukrainischen Präsidenten" in page


def test_a_filter_part_in_very_many_names_stands_for_the_most_reported_entities_only():
    from test_web_support import stories_store_path

    from quellenlage.link.queries import entities_called
    from quellenlage.store import open_store
    from quellenlage.store.tables import story_entities

    with open_store(stories_store_path()) as store, store.read() as conn:
        every = entities_called(conn, "e", most=100_000)
        top = entities_called(conn, "e", most=3)
        members = dict(
            conn.execute(story_entities.select().with_only_columns(story_entities.c.id, story_entities.c.members)).all()
        )
    assert len(every) > 3 and len(top) == 3 and set(top) <= set(every)
    assert min(members[i] for i in top) >= max(members[i] for i in set(every) - set(top))
