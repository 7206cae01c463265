"""The HTTP API and the pages, through the real app (FastAPI TestClient) on a store
filled by the real pipeline (samples/, the seed) plus one annotated record."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import warnings

import pytest
from conftest import store_url

with warnings.catch_warnings():  # starlette's notice about httpx versions, not about this code
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from test_web_support import SEED, annotated_record, filled_store_path

from quellenlage.serve import create_app
from quellenlage.store import open_store
from quellenlage.store.queries import entity_key

TOKEN = "geheim-123"
SEED_ID = "5e24f88cd2d60ae4"


@pytest.fixture(scope="module")
def client():
    store = open_store(filled_store_path())
    with TestClient(create_app(store=store, token=TOKEN)) as c:
        yield c
    store.close()


@pytest.fixture
def fresh(tmp_path):
    """A client on an empty store, for writes."""
    store = open_store(store_url(tmp_path, "fresh"))
    with TestClient(create_app(store=store, token=TOKEN)) as c:
        c.store = store
        yield c
    store.close()


ANNOTATED = annotated_record()


def test_articles_are_paginated_newest_first(client):
    body = client.get("/api/articles").json()
    assert body["limit"] == 20 and body["offset"] == 0 and body["total"] >= 27
    assert len(body["items"]) == 20
    dates = [a["published"] for a in body["items"] if a["published"]]
    assert dates == sorted(dates, reverse=True)
    page2 = client.get("/api/articles", params={"limit": 5, "offset": 5}).json()
    page1 = client.get("/api/articles", params={"limit": 10}).json()
    assert page2["items"] == page1["items"][5:10]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "viele"}])
def test_pagination_beyond_limits_is_422(client, params):
    r = client.get("/api/articles", params=params)
    assert r.status_code == 422 and r.json()["error"] == "invalid request"
    assert client.get("/api/entities", params=params).status_code == 422


def test_limit_100_is_allowed(client):
    assert client.get("/api/articles", params={"limit": 100}).status_code == 200


def test_article_json_is_the_show_json_record(client, tmp_path):
    r = client.get(f"/api/articles/{SEED_ID}")
    assert r.status_code == 200
    shown = subprocess.run(
        [sys.executable, "-m", "quellenlage", "--db", filled_store_path(), "show", SEED_ID, "--format", "json"],
        capture_output=True,
        check=True,
    ).stdout
    assert r.json() == json.loads(shown)
    assert client.get(f"/api/articles/{SEED_ID[:8]}").json()["id"] == SEED_ID  # unique prefixes work as in the CLI


def test_unknown_article_is_a_json_404(client):
    for url in (
        "/api/articles/ffffffffffff",
        "/api/articles/ffffffffffff.csv",
        "/api/articles/ffffffffffff.jsonl",
        "/api/entities/niemand-bekannt",
        "/api/stories/kein-tag",
    ):
        r = client.get(url)
        assert r.status_code == 404, url
        assert "error" in r.json()
    assert client.get("/articles/ffffffffffff").status_code == 404  # the page too, as HTML
    assert "text/html" in client.get("/articles/ffffffffffff").headers["content-type"]


def test_article_csv_and_jsonl(client):
    r = client.get(f"/api/articles/{SEED_ID}.csv", params={"table": "sentences"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert r.headers["content-type"].startswith("text/csv") and len(rows) == 24
    assert rows[0]["text"] == "Kremlgesandter zufrieden"
    line = client.get(f"/api/articles/{SEED_ID}.jsonl").text
    assert line.endswith("\n") and json.loads(line)["id"] == SEED_ID


def test_export_reuses_the_cli_export(client):
    jsonl = client.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    assert len(jsonl) == client.get("/api/articles").json()["total"]
    as_json = client.get("/api/export", params={"format": "json"}).json()
    assert {r["id"] for r in as_json} == {json.loads(x)["id"] for x in jsonl}
    statements = list(
        csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "csv", "table": "statements"}).text))
    )
    assert any(r["sources"] == "Reuters ← Diplomaten" for r in statements)
    assert client.get("/api/export", params={"format": "xml"}).status_code == 422


def test_entities_group_by_name_and_the_dossier_has_what_merz_said(client):
    listed = client.get("/api/entities", params={"limit": 100}).json()
    keys = {e["key"] for e in listed["items"]}
    merz = entity_key("Friedrich Merz")
    assert merz in keys
    d = client.get(f"/api/entities/{merz}").json()
    assert d["name"] == "Friedrich Merz" and d["roles"] == ["Bundeskanzler"]
    assert {v["text"] for v in d["variants"]} == {"Friedrich Merz", "Merz"}
    assert [s["text"] for s in d["said"]] == ['"Wir stehen zusammen"']
    assert [e["evid"] for e in d["events"]] == ["ev1", "ev2"]
    macron = client.get(f"/api/entities/{entity_key('Emmanuel Macron')}").json()
    assert macron["said"] == [] and macron["said_about"] == []
    reuters = client.get(f"/api/entities/{entity_key('Reuters')}").json()
    assert [s["sid"] for s in reuters["said_about"]] == ["s2"]  # the statement mentions Reuters


def test_statements_filter_by_speaker_source_kind_outlet_and_date(client):
    def ids(**params):
        return [s["sid"] for s in client.get("/api/statements", params={**params, "article": ANNOTATED.id}).json()["items"]]

    assert ids() == ["s1", "s2"]
    assert ids(kind="direct_quote") == ["s1"]
    assert ids(speaker="Diplomat") == ["s2"]
    assert ids(source="Reuters") == ["s2"]
    assert ids(outlet="zeitung.example") == ["s1", "s2"] and ids(outlet="ntv.de") == []
    assert ids(date_from="2025-05-04", date_to="2025-05-04") == ["s1", "s2"]
    assert ids(date_from="2025-05-05") == []
    assert ids(q="zusammen") == ["s1"]
    assert ids(speaker="%") == [] and ids(source="_") == []  # LIKE wildcards are plain characters
    assert client.get("/api/statements", params={"kind": "gerücht"}).status_code == 422


def test_search_finds_sentences_and_statements(client):
    r = client.get("/api/search", params={"q": "Witkoff Miami", "in": "sentences"}).json()
    assert r["total"] >= 1 and r["items"][0]["article_id"] == SEED_ID and "«Miami»" in r["items"][0]["snippet"]
    st = client.get("/api/search", params={"q": "Treffen", "in": "statements", "source": "Reuters"}).json()
    assert [i["sid"] for i in st["items"]] == ["s2"]
    assert client.get("/api/search", params={"q": "Gespräch*", "in": "sentences", "outlet": "ntv.de"}).json()["total"] >= 1


def test_events_list(client):
    body = client.get("/api/events").json()
    assert body["total"] >= 2
    ours = [e for e in body["items"] if e["article_id"] == ANNOTATED.id]
    assert [(e["evid"], e["status"], e["time_value"]) for e in ours] == [
        ("ev1", "happened", "2025-05-03"),
        ("ev2", "planned", "2025-06"),
    ]
    assert client.get("/api/events", params={"article": ANNOTATED.id, "limit": 1}).json()["items"][0]["evid"] == "ev1"
    seed = client.get("/api/events", params={"article": SEED_ID}).json()["items"]
    budapest = next(e for e in seed if e["status"] == "cancelled")
    assert budapest["modality"] == "asserted"
    assert [(c["status"], c["time"]["value"]) for c in budapest["status_changes"]] == [("cancelled", "2025-10-25")]
    miami = next(e for e in seed if e["time_value"] == "2025-10-24/2025-10-26")
    assert ["ntv.de", "Axios", "US-amerikanische und russische Beamte"] in miami["sources"]
    assert miami["groups"] == ["hochrangige Mitglieder der Trump-Regierung"]


def test_stories_are_linked_clusters_and_a_tag_url_leads_to_its_timeline(client):
    every = client.get("/api/stories", params={"limit": 100, "min_articles": 1}).json()
    assert every["total"] >= 1 and all(s["articles"] >= 1 for s in every["items"])
    seed = next(s for s in every["items"] if s["title"] == "USA und Russland sollen Geheimgespräche führen")
    story = client.get(f"/api/stories/{seed['id']}").json()
    assert SEED_ID in [a["id"] for a in story["articles_list"]] and len(story["events_list"]) == seed["events"] > 0
    for actor in seed["actors"]:  # key actors: persons and organisations of its articles
        dossier = client.get(f"/api/story-entities/{actor['id']}").json()
        assert dossier["type"] in ("PER", "ORG") and SEED_ID in [a["id"] for a in dossier["articles_list"]]
    assert client.get("/api/stories", params={"min_articles": 0}).status_code == 422
    r = client.get("/stories/russland", follow_redirects=False)  # a tag's slug: what a story was before linking
    assert r.status_code == 307 and r.headers["location"] == "/timeline?story=russland"


def test_timeline_of_a_story_with_events_and_of_one_without(client):
    with_events = client.get("/api/timeline", params={"story": "kanzlerreise"}).json()
    assert with_events["basis"] == "events"
    assert [(e["status"], e["reports"], e["origins"]) for e in with_events["entries"]] == [("happened", 1, 1), ("planned", 1, 1)]
    seed_story = client.get("/api/timeline", params={"story": "russland"}).json()
    assert seed_story["basis"] == "events"
    labels = [e["label"] for e in seed_story["entries"]]
    assert any(label.startswith("meeting: Kirill Dmitriew, Steve Witkoff") and "Miami" in label for label in labels)
    by_search = client.get("/api/timeline", params={"q": "Merz"}).json()
    assert by_search["title"] == "Search: Merz" and by_search["basis"] == "events"
    by_entity = client.get("/api/timeline", params={"entity": entity_key("Emmanuel Macron")}).json()
    assert len(by_entity["entries"]) == 2
    assert client.get("/api/timeline").status_code == 400
    assert client.get("/api/timeline", params={"story": "kein-tag"}).status_code == 404


def test_timeline_svg_and_png(client):
    svg = client.get("/timeline.svg", params={"story": "kanzlerreise"})
    assert svg.headers["content-type"].startswith("image/svg+xml") and "<circle" in svg.text
    png = client.get("/timeline.png", params={"story": "kanzlerreise"})
    assert png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"
    assert client.get("/timeline.svg").status_code == 400
    assert client.get("/timeline.png", params={"story": "kein-tag"}).status_code == 404


def test_openapi_lists_every_api_operation_and_docs_work_offline(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/articles/{article_id}.csv",
        "/api/articles/{article_id}.jsonl",
        "/api/entities",
        "/api/entities/{key}",
        "/api/statements",
        "/api/events",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/story-events/{event_id}",
        "/api/story-entities",
        "/api/story-entities/{entity_id}",
        "/api/claims",
        "/api/contradictions",
        "/api/timeline",
        "/api/search",
        "/api/export",
    ):
        assert path in paths, path
    assert "post" in spec["paths"]["/api/articles"]
    docs = client.get("/docs").text
    assert "/static/docs.js" in docs and "cdn" not in docs.lower() and "https://" not in docs
    assert client.get("/static/docs.js").status_code == 200


def test_pages_render(client):
    merz = entity_key("Friedrich Merz")
    for url in (
        "/",
        "/entities",
        f"/entities/{merz}",
        "/stories",
        "/stories/russland",
        "/timeline",
        "/timeline?story=kanzlerreise",
        "/search",
        "/search?q=Witkoff",
        "/search?speaker=Merz",
        "/ingest",
        f"/articles/{SEED_ID}",
    ):
        r = client.get(url)
        assert r.status_code == 200, url
        assert "text/html" in r.headers["content-type"]


def test_article_page_escapes_the_script_in_the_article(client):
    page = client.get(f"/articles/{ANNOTATED.id}").text
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert 'class="st st-direct_quote"' in page and 'tabindex="0"' in page
    assert "zeitung.example → Reuters → Diplomaten" in page


def test_pages_allow_scripts_from_the_server_only(client):
    headers = client.get(f"/articles/{SEED_ID}").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_a_javascript_url_in_the_metadata_is_not_a_link(fresh):
    record = annotated_record().model_copy(deep=True)
    record.meta.url = "javascript:alert(1)"
    fresh.store.put(record)
    page = fresh.get(f"/articles/{record.id}").text
    assert "javascript:alert(1)" in page and 'href="javascript:' not in page


def test_post_article_needs_the_token(fresh):
    body = SEED.read_bytes()
    r = fresh.post("/api/articles", content=body, headers={"Content-Type": "text/plain"})
    assert r.status_code == 401 and "token" in r.json()["error"]
    r = fresh.post("/api/articles", content=body, headers={"Authorization": "Bearer falsch"})
    assert r.status_code == 401
    assert fresh.store.count() == 0
    r = fresh.post("/api/articles", content=body, headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"})
    assert r.status_code == 201 and r.json()["ids"] == [SEED_ID]
    again = fresh.post("/api/articles", content=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.status_code == 200 and again.json()["counts"]["unchanged"] == 1


def test_jsonl_upload_reports_bad_lines_one_by_one(fresh):
    good = json.dumps(
        {"headline": "Treffen in Genf", "text": "Die Delegationen trafen sich am Montag in Genf.", "outlet": "zeitung.example"},
        ensure_ascii=False,
    )
    body = f"{good}\n{{kaputt\n".encode()
    r = fresh.post("/api/articles?name=zwei.jsonl", content=body, headers={"Authorization": f"Bearer {TOKEN}"})
    report = r.json()
    assert r.status_code == 201 and report["counts"]["stored"] == 1 and report["counts"]["failed"] == 1
    assert report["failures"][0]["name"] == "zwei.jsonl:2"
    assert fresh.store.count() == 1


def test_writes_are_disabled_without_a_server_token(tmp_path, monkeypatch):
    monkeypatch.delenv("QUELLENLAGE_TOKEN", raising=False)
    store = open_store(store_url(tmp_path, "ro"))
    with TestClient(create_app(store=store)) as c:
        r = c.post("/api/articles", content=b"Text", headers={"Authorization": "Bearer irgendwas"})
        assert r.status_code == 403 and "disabled" in r.json()["error"]
        page = c.post("/ingest", data={"token": "irgendwas", "text": "Ein Text."})
        assert page.status_code == 403 and "disabled" in page.text
    monkeypatch.setenv("QUELLENLAGE_TOKEN", "aus-der-umgebung")
    with TestClient(create_app(store=store)) as c:
        r = c.post("/api/articles", content=SEED.read_bytes(), headers={"Authorization": "Bearer aus-der-umgebung"})
        assert r.status_code == 201
    store.close()


def test_ingest_form_with_file_and_token(fresh):
    files = {"files": ("seed.txt", SEED.read_bytes(), "text/plain")}
    refused = fresh.post("/ingest", data={"token": ""}, files=files)
    assert refused.status_code == 401 and fresh.store.count() == 0
    ok = fresh.post("/ingest", data={"token": TOKEN}, files=files)
    assert ok.status_code == 200 and f"/articles/{SEED_ID}" in ok.text
    assert fresh.store.count() == 1
    pasted = fresh.post("/ingest", data={"token": TOKEN, "text": "Gipfel in Genf\n\nDie Minister trafen sich am Montag in Genf."})
    assert pasted.status_code == 200 and "1 stored" in pasted.text and fresh.store.count() == 2
    empty = fresh.post("/ingest", data={"token": TOKEN, "text": "  "})
    assert empty.status_code == 400 and "nothing to ingest" in empty.text


def test_an_unknown_revision_is_404(client):
    assert client.get(f"/api/articles/{SEED_ID}", params={"revision": 1}).json()["id"] == SEED_ID
    r = client.get(f"/api/articles/{SEED_ID}", params={"revision": 99})
    assert r.status_code == 404 and "no revision 99" in r.json()["error"]


def test_the_timeline_answer_lists_undated_events_apart(client):
    answer = client.get("/api/timeline", params={"story": "kanzlerreise", "show": "all"}).json()
    assert answer["undated"] == []  # both of its events have a date
    stories = client.get("/api/stories", params={"min_articles": 1, "limit": 100}).json()["items"]
    undated = [
        u for s in stories for u in client.get("/api/timeline", params={"story": s["id"], "show": "all"}).json()["undated"]
    ]
    assert undated, "the Wikinews samples report events without a calendar time"
    assert all(u["label"] and u["reports"] >= 1 and u["evidence"] for u in undated)
