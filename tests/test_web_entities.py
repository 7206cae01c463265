"""The entities list (``/entities``, ``/api/story-entities``, ``/api/entities``): filters by type and name, sorts,
paging that keeps them, and figures the linker keeps on each story entity; the real app (FastAPI TestClient) on
the store where the 33 German articles of tests/fixtures/stories_dev were ingested and linked."""

from __future__ import annotations

import re
import warnings
from html import unescape

import pytest
from sqlalchemy import event, func, select, text

with warnings.catch_warnings():  # starlette's notice about httpx versions, not about this code
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from test_web_support import stories_store_path

from quellenlage.link import entity_stats
from quellenlage.store import open_store
from quellenlage.store.tables import entity_links, story_entities


@pytest.fixture(scope="module")
def store():
    with open_store(stories_store_path()) as s:
        yield s


@pytest.fixture(scope="module")
def client(store):
    from quellenlage.serve import create_app

    with TestClient(create_app(store=store)) as c:
        yield c


def _all(client, url: str, **params) -> list[dict]:
    items: list[dict] = []
    while True:
        page = client.get(url, params={**params, "limit": 100, "offset": len(items)}).json()
        items += page["items"]
        if len(items) >= page["total"]:
            return items


def test_type_filter_keeps_only_that_type(client):
    every = _all(client, "/api/story-entities")
    for kind in ("PER", "ORG", "LOC"):
        found = _all(client, "/api/story-entities", type=kind)
        assert found and {e["type"] for e in found} == {kind}
        assert len(found) == sum(e["type"] == kind for e in every)
    assert "Steve Witkoff" in [e["name"] for e in _all(client, "/api/story-entities", type="PER")]
    assert "Steve Witkoff" not in [e["name"] for e in _all(client, "/api/story-entities", type="LOC")]
    assert client.get("/api/story-entities", params={"type": "STADT"}).status_code == 422


def test_name_filter_finds_every_spelling_in_any_case(client):
    dmitrijew = client.get("/api/story-entities", params={"q": "dmitriev"}).json()["items"]
    assert [e["name"] for e in dmitrijew] == ["Kirill Dmitrijew"]  # found by another outlet's spelling
    assert [e["name"] for e in client.get("/api/story-entities", params={"q": "BRÜSSEL"}).json()["items"]] == ["Brüssel"]
    assert client.get("/api/story-entities", params={"q": "%"}).json()["total"] == 0  # no LIKE wildcards
    assert client.get("/api/story-entities", params={"q": "|"}).json()["total"] == len(_all(client, "/api/story-entities"))


def test_each_sort_orders_the_whole_list(client):
    def listed(sort: str, **params) -> list[dict]:
        return _all(client, "/api/story-entities", sort=sort, **params)

    by_articles = listed("articles")
    assert [(-e["articles"], e["name"]) for e in by_articles] == sorted((-e["articles"], e["name"]) for e in by_articles)
    by_mentions = listed("mentions")
    assert [-e["mentions"] for e in by_mentions] == sorted(-e["mentions"] for e in by_mentions)
    by_name = listed("name", type="LOC")
    assert [e["name"] for e in by_name] == sorted(e["name"] for e in by_name)
    by_latest = [e["latest"] for e in listed("latest")]
    assert all(by_latest) and by_latest == sorted(by_latest, reverse=True)
    assert client.get("/api/story-entities", params={"sort": "alter"}).status_code == 422


def test_figures_are_what_the_links_count(store, client):
    with store.read() as conn:
        articles = dict(
            conn.execute(
                select(entity_links.c.story_entity, func.count(func.distinct(entity_links.c.article_id))).group_by(
                    entity_links.c.story_entity
                )
            ).all()
        )
    listed = _all(client, "/api/story-entities")
    assert {e["id"]: e["articles"] for e in listed} == articles
    witkoff = next(e for e in listed if e["name"] == "Steve Witkoff")
    assert witkoff["mentions"] >= witkoff["articles"] >= 10 and witkoff["latest"].startswith("2026-03-")


def test_a_store_linked_before_gets_its_figures_filled():
    """What migration 0012 runs on a store linked before the columns existed: the same figures as the linker's
    (in a transaction rolled back at the end, so the shared store stays as it was; on either backend)."""
    with open_store(stories_store_path()) as s, s.engine.connect() as conn:
        transaction = conn.begin()
        try:
            kept = conn.execute(select(story_entities).order_by(story_entities.c.id)).all()
            conn.execute(story_entities.update().values(articles=0, mentions=0, latest=None, search=""))
            entity_stats.fill_all(conn)
            assert conn.execute(select(story_entities).order_by(story_entities.c.id)).all() == kept
        finally:
            transaction.rollback()


def test_paging_keeps_filters_and_sort(client):
    page = client.get("/entities", params={"type": "LOC", "sort": "name"}).text
    assert 'option value="LOC" selected' in page and 'option value="name" selected' in page
    names = re.findall(r'<td><a href="/entities/E[^"]+">([^<]+)</a></td><td>(\w+)</td>', page)
    assert names and {t for _, t in names} == {"LOC"}
    assert [unescape(n) for n, _ in names] == sorted(unescape(n) for n, _ in names)
    first = client.get("/api/story-entities", params={"type": "LOC", "sort": "name", "limit": 5}).json()["items"]
    second = client.get("/api/story-entities", params={"type": "LOC", "sort": "name", "limit": 5, "offset": 5}).json()
    assert second["total"] > 10 and [e["name"] for e in first + second["items"]] == [unescape(n) for n, _ in names[:10]]


def test_next_page_link_carries_the_filters(client, monkeypatch):
    from quellenlage.serve import views

    monkeypatch.setattr(views, "ENTITY_PAGE", 10)  # a page of 10, so the 64 places need several
    page = client.get("/entities", params={"type": "LOC", "sort": "mentions", "q": "e"}).text
    link = re.search(r'<a href="\?([^"]+)">next', page)
    assert link is not None
    params = dict(p.split("=", 1) for p in unescape(link.group(1)).split("&"))
    assert params == {"type": "LOC", "sort": "mentions", "q": "e", "offset": "10"}
    assert client.get("/entities", params={"type": "ORT"}).status_code == 422


def test_name_groups_filter_and_sort_too(client):
    orgs = _all(client, "/api/entities", type="ORG", sort="name")
    assert orgs and {g["type"] for g in orgs} == {"ORG"}
    assert [g["name"] for g in orgs] == sorted(g["name"] for g in orgs)
    found = client.get("/api/entities", params={"q": "WITKOFF"}).json()["items"]
    assert any(g["name"] == "Steve Witkoff" for g in found)
    by_articles = _all(client, "/api/entities", sort="articles")
    assert [-g["articles"] for g in by_articles] == sorted(-g["articles"] for g in by_articles)
    assert client.get("/api/entities", params={"sort": "latest"}).status_code == 422


def test_the_list_reads_a_bounded_number_of_statements(store, client):
    """The entities page does not query per entity: a few statements whatever the number of entities."""
    with store.read() as conn:
        entities = conn.execute(select(func.count()).select_from(story_entities)).scalar_one()
    assert entities > 100
    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        for params in ({}, {"type": "PER", "sort": "latest"}, {"q": "witkoff", "sort": "name"}):
            seen.clear()
            assert client.get("/entities", params=params).status_code == 200
            assert len(seen) <= 4, seen
    finally:
        event.remove(store.engine, "before_cursor_execute", count)


def test_api_entities_builds_its_groups_once_while_the_store_is_unchanged(store, client):
    from quellenlage.serve import groups

    client.get("/api/entities")
    kept = groups._current(store)
    client.get("/api/entities", params={"type": "PER"})
    assert groups._current(store) is kept and groups.all_groups(store) is kept.groups
    with store.read() as conn:
        assert conn.execute(text("select count(*) from entities")).scalar_one() == kept.stamp[0]


def test_name_groups_follow_a_revision_that_keeps_the_number_of_entities(tmp_path):
    """A revised article whose entities are re-inserted under the same row keys (SQLite reuses the highest)
    still changes the groups: Scholz in Paris becomes Merz in Madrid."""
    from conftest import store_url

    from quellenlage import analyze
    from quellenlage.serve import groups
    from quellenlage.store import open_store

    url = "https://zeitung.example/politik/besuch"
    with open_store(store_url(tmp_path, "gruppen")) as store:
        store.put(analyze("Gipfel in Rom\n\nGiorgia Meloni empfing am Montag Gäste in Rom.", url="https://zeitung.example/rom"))
        store.put(analyze("Besuch\n\nBundeskanzler Olaf Scholz reiste am Montag nach Paris.", url=url))
        before = {g.name for g in groups.all_groups(store)}
        assert "Olaf Scholz" in before
        revised = analyze("Besuch\n\nBundeskanzler Friedrich Merz reiste am Montag nach Madrid.", url=url)
        assert store.put(revised).status == "revised"
        after = {g.name for g in groups.all_groups(store)}
        assert "Friedrich Merz" in after and "Olaf Scholz" not in after
