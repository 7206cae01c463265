"""An article without a headline is named by its first words, never by its hex id: in the reading room's lists,
search hits, story, entity and timeline pages, story titles, and the command line's search and stories."""

from __future__ import annotations

import json
import re
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
from quellenlage.titles import article_title, opening_words

TEXT = (
    "Bundeskanzler Friedrich Merz ist am Mittwoch in Paris mit Präsident Emmanuel Macron zusammengekommen. "
    '"Wir stehen zusammen", sagte Merz am 3. Mai 2025 nach dem Treffen im Élysée-Palast.'
)
OPENING = "Bundeskanzler Friedrich Merz ist am Mittwoch in Paris …"


def test_the_opening_words_stand_for_a_missing_headline():
    assert opening_words(TEXT) == OPENING
    assert opening_words("Merz reist nach Paris.") == "Merz reist nach Paris."
    assert article_title(None, TEXT) == article_title("  ", TEXT) == OPENING
    assert article_title("Merz trifft Macron", TEXT) == "Merz trifft Macron"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("titles")
    (folder / "ohne-titel.jsonl").write_text(
        json.dumps({"text": TEXT, "outlet": "zeitung.example", "published": "2025-05-03"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    path = store_url(folder, "titles")
    with open_store(path) as store:
        summary = ingest_into(store, [str(SEED_TXT), str(folder / "ohne-titel.jsonl")], show_progress=False)
        assert summary.failed == 0, summary.failures
        link(store)
    return path


@pytest.fixture(scope="module")
def untitled(db) -> str:
    with open_store(db) as store, store.read() as conn:
        from sqlalchemy import select

        from quellenlage.store.tables import articles

        return conn.execute(select(articles.c.id).where(articles.c.headline.is_(None))).scalar_one()


def _link_texts(html: str, article_id: str) -> list[str]:
    return re.findall(rf'<a href="/articles/{article_id}[^"]*">([^<]*)</a>', html)


def test_the_reading_room_names_it_by_its_first_words(db, untitled):
    with open_store(db) as store:
        client = TestClient(create_app(store=store))
        pages = {
            "/": client.get("/").text,
            "/search": client.get("/search", params={"q": "Macron"}).text,
            "/search speaker": client.get("/search", params={"speaker": "Merz"}).text,
        }
        story = client.get("/api/stories", params={"min_articles": 1}).json()["items"]
        ours = [s for s in story if s["title"] == OPENING]
        assert ours, [s["title"] for s in story]
        pages["/stories/…"] = client.get(f"/stories/{ours[0]['id']}").text
        pages["/stories"] = client.get("/stories", params={"all": "true"}).text
        pages["/timeline"] = client.get("/timeline", params={"story": ours[0]["id"], "show": "all"}).text
        entity = client.get("/api/story-entities", params={"q": "Macron"}).json()["items"][0]["id"]
        pages["/entities/…"] = client.get(f"/entities/{entity}").text
    for name, html in pages.items():
        assert OPENING in html, name
        assert untitled not in [t.strip() for t in _link_texts(html, untitled)], name


def test_the_command_line_names_it_by_its_first_words(db, untitled, cli):
    import os
    import subprocess
    import sys

    def run(*args: str) -> str:
        env = {**os.environ, "QUELLENLAGE_DB": db, "COLUMNS": "200"}
        out = subprocess.run([sys.executable, "-m", "quellenlage", *args], capture_output=True, env=env, check=True)
        return out.stdout.decode("utf-8")

    assert OPENING in run("search", "Macron")
    assert "Bundeskanzler Friedrich Merz ist am" in run("stories", "--all")


def test_the_api_gives_its_first_words_as_title_beside_the_missing_headline(db, untitled):
    with open_store(db) as store:
        client = TestClient(create_app(store=store))
        items = {a["id"]: a for a in client.get("/api/articles").json()["items"]}
        story = next(s for s in client.get("/api/stories", params={"min_articles": 1}).json()["items"] if s["title"] == OPENING)
        listed = client.get(f"/api/stories/{story['id']}").json()["articles_list"]
    assert items[untitled]["headline"] is None and items[untitled]["title"] == OPENING
    assert all(a["title"] == a["headline"] for i, a in items.items() if i != untitled)
    assert [a["title"] for a in listed if a["id"] == untitled] == [OPENING]
