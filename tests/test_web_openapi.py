"""The API's response models: every /api operation declares what it answers in /openapi.json,
every real answer fits the declared schema, and serialising through the models changes no byte."""

from __future__ import annotations

import json
import warnings
from typing import Any

import jsonschema
import pytest
from conftest import store_url

with warnings.catch_warnings():  # starlette's notice about httpx versions, not about this code
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from test_web_support import SEED, annotated_record, filled_store_path, stories_store_path

from quellenlage.link.queries import find_entity
from quellenlage.serve import create_app, linked
from quellenlage.serve.data import dossier, timeline_view
from quellenlage.store import open_store
from quellenlage.store.queries import (
    StatementFilter,
    entity_groups,
    entity_key,
    find_sentences,
    find_statements,
    list_articles,
    list_events,
)

TOKEN = "geheim-123"
SEED_ID = "5e24f88cd2d60ae4"
ANNOTATED_ID = annotated_record().id
MERZ = entity_key("Friedrich Merz")


@pytest.fixture(scope="module")
def client():
    store = open_store(filled_store_path())
    with TestClient(create_app(store=store, token=TOKEN)) as c:
        c.store = store
        yield c
    store.close()


@pytest.fixture(scope="module")
def stories_client():
    """A client on the linked stories_dev store (stories across outlets, contradictions, drift)."""
    store = open_store(stories_store_path())
    with TestClient(create_app(store=store, token=TOKEN)) as c:
        c.store = store
        with store.read() as conn:
            c.ids = {  # the ids the linked reads ask for
                "story": linked.story_page(conn, 1, 0)["items"][0]["id"],
                "entity": find_entity(conn, "Kirill Dmitrijew")[0],
                "event": linked.contradiction_page(conn, 1, 0)["items"][0]["id"],
            }
        yield c
    store.close()


@pytest.fixture(scope="module")
def spec(client) -> dict:
    return client.get("/openapi.json").json()


def _operations(spec: dict) -> list[tuple[str, str, dict]]:
    return [(path, method, op) for path, ops in spec["paths"].items() if path.startswith("/api/") for method, op in ops.items()]


def test_every_api_operation_declares_a_schema_for_each_of_its_answers(spec):
    operations = _operations(spec)
    assert len(operations) == 20
    for path, method, op in operations:
        where = f"{method.upper()} {path}"
        success = [code for code in op["responses"] if code.startswith("2")]
        assert success, where
        for code, response in op["responses"].items():
            content = response.get("content")
            assert content, f"{where} {code}: no content declared"
            for media_type, body in content.items():
                assert body.get("schema") not in (None, {}), f"{where} {code} {media_type}: empty schema"
        assert op["responses"]["422"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ValidationErrorBody"
        }, where


def test_the_declared_media_types_of_the_exports(spec):
    def media(path: str) -> set[str]:
        return set(spec["paths"][path]["get"]["responses"]["200"]["content"])

    assert media("/api/articles/{article_id}.csv") == {"text/csv"}
    assert media("/api/articles/{article_id}.jsonl") == {"application/x-ndjson"}
    assert media("/api/export") == {"application/json", "application/x-ndjson", "text/csv"}
    exported = spec["paths"]["/api/export"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert exported["type"] == "array" and exported["items"] == {"$ref": "#/components/schemas/Record"}
    assert spec["paths"]["/api/articles/{article_id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Record"
    }


def _check(spec: dict, path: str, method: str, response) -> None:
    """Validate a real answer against the schema /openapi.json declares for its status and media type."""
    declared = spec["paths"][path][method]["responses"]
    status = str(response.status_code)
    assert status in declared, f"{method.upper()} {path}: status {status} not declared"
    media_type = response.headers["content-type"].split(";")[0].strip()
    content = declared[status]["content"]
    assert media_type in content, f"{method.upper()} {path} {status}: {media_type} not declared"
    schema = {**content[media_type]["schema"], "components": spec["components"]}
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    if media_type == "application/json":
        validator.validate(response.json())
    else:
        validator.validate(response.text)
        if media_type == "application/x-ndjson":
            record = {"$ref": "#/components/schemas/Record", "components": spec["components"]}
            for line in response.text.splitlines():
                jsonschema.validate(json.loads(line), record)


# (path template, path parameters, query parameters, expected status)
READS: list[tuple[str, dict[str, str], dict[str, Any], int]] = [
    ("/api/articles", {}, {}, 200),
    ("/api/articles", {}, {"limit": 100, "offset": 3}, 200),
    ("/api/articles", {}, {"limit": 0}, 422),
    ("/api/articles/{article_id}", {"article_id": SEED_ID}, {}, 200),
    ("/api/articles/{article_id}", {"article_id": ANNOTATED_ID}, {}, 200),
    ("/api/articles/{article_id}", {"article_id": SEED_ID[:8]}, {"revision": 1}, 200),
    ("/api/articles/{article_id}", {"article_id": SEED_ID}, {"revision": 99}, 404),
    ("/api/articles/{article_id}", {"article_id": "ffffffffffff"}, {}, 404),
    ("/api/articles/{article_id}", {"article_id": SEED_ID}, {"revision": 0}, 422),
    ("/api/articles/{article_id}.csv", {"article_id": SEED_ID}, {"table": "statements"}, 200),
    ("/api/articles/{article_id}.csv", {"article_id": "ffffffffffff"}, {}, 404),
    ("/api/articles/{article_id}.csv", {"article_id": SEED_ID}, {"table": "xml"}, 422),
    ("/api/articles/{article_id}.jsonl", {"article_id": SEED_ID}, {}, 200),
    ("/api/articles/{article_id}.jsonl", {"article_id": "ffffffffffff"}, {}, 404),
    ("/api/entities", {}, {"limit": 100}, 200),
    ("/api/entities", {}, {"offset": -1}, 422),
    ("/api/entities/{key}", {"key": MERZ}, {}, 200),
    ("/api/entities/{key}", {"key": entity_key("Reuters")}, {}, 200),
    ("/api/entities/{key}", {"key": "niemand-bekannt"}, {}, 404),
    ("/api/statements", {}, {"limit": 100}, 200),
    ("/api/statements", {}, {"q": "Treffen", "source": "Reuters"}, 200),
    ("/api/statements", {}, {"article": ANNOTATED_ID, "kind": "reported"}, 200),
    ("/api/statements", {}, {"kind": "gerücht"}, 422),
    ("/api/events", {}, {"limit": 100}, 200),
    ("/api/events", {}, {"article": SEED_ID}, 200),
    ("/api/events", {}, {"limit": "viele"}, 422),
    ("/api/stories", {}, {"limit": 100, "min_articles": 1}, 200),
    ("/api/stories", {}, {"limit": 101}, 422),
    ("/api/stories/{story_id}", {"story_id": "kein-tag"}, {}, 404),
    ("/api/timeline", {}, {"story": "kanzlerreise"}, 200),
    ("/api/timeline", {}, {"story": "russland", "show": "all"}, 200),
    ("/api/timeline", {}, {"q": "Merz"}, 200),
    ("/api/timeline", {}, {"entity": entity_key("Emmanuel Macron")}, 200),
    ("/api/timeline", {}, {"q": "zzzzqqq"}, 200),
    ("/api/timeline", {}, {}, 400),
    ("/api/timeline", {}, {"story": "kein-tag"}, 404),
    ("/api/timeline", {}, {"story": "russland", "show": "some"}, 422),
    ("/api/search", {}, {"q": "Witkoff Miami", "in": "sentences"}, 200),
    ("/api/search", {}, {"q": "Treffen", "in": "statements", "source": "Reuters"}, 200),
    ("/api/search", {}, {"q": "Gespräch*", "limit": 100}, 200),
    ("/api/search", {}, {"in": "sentences"}, 200),
    ("/api/search", {}, {"in": "everywhere"}, 422),
    ("/api/export", {}, {"format": "json"}, 200),
    ("/api/export", {}, {"format": "jsonl"}, 200),
    ("/api/export", {}, {"format": "csv", "table": "events"}, 200),
    ("/api/export", {}, {"format": "xml"}, 422),
    ("/api/feeds", {}, {}, 200),
    ("/api/feeds", {}, {"errors": 0}, 200),
    ("/api/feeds", {}, {"errors": 500}, 422),
]


# The linked reads, on the stories_dev store; a path parameter names one of ``stories_client.ids``.
LINKED_READS: list[tuple[str, dict[str, str], dict[str, Any], int]] = [
    ("/api/stories", {}, {}, 200),
    ("/api/stories", {}, {"min_articles": 0}, 422),
    ("/api/stories/{story_id}", {"story_id": "story"}, {}, 200),
    ("/api/story-events/{event_id}", {"event_id": "event"}, {}, 200),
    ("/api/story-events/{event_id}", {"event_id": "kein-ereignis"}, {}, 404),
    ("/api/story-entities", {}, {"limit": 100}, 200),
    ("/api/story-entities", {}, {"q": "Dmitri"}, 200),
    ("/api/story-entities", {}, {"offset": -1}, 422),
    ("/api/story-entities/{entity_id}", {"entity_id": "entity"}, {}, 200),
    ("/api/story-entities/{entity_id}", {"entity_id": "niemand"}, {}, 404),
    ("/api/claims", {}, {"limit": 100}, 200),
    ("/api/claims", {}, {"source": "Axios"}, 200),
    ("/api/claims", {}, {"source": "anonymous", "limit": 100}, 200),
    ("/api/claims", {}, {"limit": 0}, 422),
    ("/api/contradictions", {}, {"limit": 100}, 200),
    ("/api/contradictions", {}, {"limit": "viele"}, 422),
    ("/api/timeline", {}, {"story": "story", "show": "all"}, 200),
]


def test_the_reads_cover_every_get_operation(spec):
    gets = {path for path, method, _ in _operations(spec) if method == "get"}
    assert {path for path, *_ in READS + LINKED_READS} == gets


@pytest.mark.parametrize(("path", "path_params", "params", "status"), READS)
def test_a_real_answer_fits_its_declared_schema(client, spec, path, path_params, params, status):
    r = client.get(path.format(**path_params), params=params)
    assert r.status_code == status, r.text[:300]
    _check(spec, path, "get", r)


@pytest.mark.parametrize(("path", "path_params", "params", "status"), LINKED_READS)
def test_a_real_linked_answer_fits_its_declared_schema(stories_client, spec, path, path_params, params, status):
    ids = stories_client.ids
    resolved = {k: ids.get(v, v) for k, v in path_params.items()}
    query = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in params.items()}
    r = stories_client.get(path.format(**resolved), params=query)
    assert r.status_code == status, r.text[:300]
    _check(spec, path, "get", r)


def test_ingest_answers_fit_their_declared_schemas(tmp_path, spec):
    store = open_store(store_url(tmp_path, "fresh"))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    good = json.dumps({"headline": "Treffen in Genf", "text": "Die Delegationen trafen sich am Montag in Genf."})
    with TestClient(create_app(store=store, token=TOKEN)) as c:
        answers = [
            (c.post("/api/articles", content=SEED.read_bytes(), headers={"Content-Type": "text/plain"}), 401),
            (c.post("/api/articles", content=SEED.read_bytes(), headers=auth), 201),
            (c.post("/api/articles", content=SEED.read_bytes(), headers=auth), 200),
            (c.post("/api/articles?name=zwei.jsonl", content=f"{good}\n{{kaputt\n".encode(), headers=auth), 201),
            (c.post("/api/articles?name=x.jsonl", content=b"{kaputt\n", headers=auth), 400),
            (c.post("/api/articles", content=b"  ", headers=auth), 400),
        ]
    with TestClient(create_app(store=store, token="")) as c:
        answers.append((c.post("/api/articles", content=b"Text", headers=auth), 403))
    store.close()
    for r, status in answers:
        assert r.status_code == status, r.text
        _check(spec, "/api/articles", "post", r)


def _plain_json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def test_the_models_serialise_the_dicts_as_they_are(client):
    """The answers are the bytes of the dicts the queries build: no key reordered, added or dropped."""
    store = client.store

    def paged(total_items: tuple[int, list], limit: int = 20) -> dict:
        total, items = total_items
        return {"total": total, "limit": limit, "offset": 0, "items": items}

    groups = entity_groups(store)
    f = StatementFilter(q="Treffen")
    expected = {
        "/api/articles": paged(list_articles(store, 20, 0)),
        "/api/events?limit=100": paged(list_events(store, 100, 0), 100),
        f"/api/statements?article={ANNOTATED_ID}": paged(find_statements(store, StatementFilter(article=ANNOTATED_ID))),
        "/api/entities": paged((len(groups), [g.summary() for g in groups[:20]])),
        f"/api/entities/{MERZ}": dossier(store, MERZ),
        f"/api/entities/{entity_key('Reuters')}": dossier(store, entity_key("Reuters")),
        "/api/search?q=Treffen": {"query": "Treffen", "in": "statements", **paged(find_statements(store, f))},
        "/api/search?q=Treffen&in=sentences": {"query": "Treffen", "in": "sentences", **paged(find_sentences(store, f))},
        f"/api/articles/{SEED_ID}": store.get(SEED_ID).to_dict(),
    }
    title, basis, entries, undated = timeline_view(store, "kanzlerreise")
    expected["/api/timeline?story=kanzlerreise"] = {
        "title": title,
        "basis": basis,
        "show": "stated",
        "entries": [e.to_dict() for e in entries],
        "undated": [u.to_dict() for u in undated],
    }
    for url, value in expected.items():
        assert client.get(url).content == _plain_json(value), url
    annotated = client.get(f"/api/articles/{ANNOTATED_ID}").json()
    assert "tokens" not in annotated and annotated["meta"]["lead"] is None  # nulls stay, unset tokens stay out


def test_the_linked_answers_are_the_dicts_as_they_are(stories_client):
    """The linked answers are the bytes of the dicts serve/linked.py builds, as for the other reads."""
    ids = stories_client.ids
    with stories_client.store.read() as conn:
        expected = {
            "/api/stories": linked.story_page(conn, 20, 0),
            f"/api/stories/{ids['story']}": linked.story_detail(conn, ids["story"]),
            f"/api/story-events/{ids['event']}": linked.story_event(conn, ids["event"]),
            "/api/story-entities?q=Dmitri": linked.entity_page(conn, 20, 0, "Dmitri"),
            f"/api/story-entities/{ids['entity']}": linked.entity_dossier(conn, ids["entity"]),
            "/api/claims?source=Axios&limit=100": linked.claim_page(conn, "Axios", 100, 0),
            "/api/contradictions": linked.contradiction_page(conn, 20, 0),
        }
    for url, value in expected.items():
        assert client_bytes(stories_client, url) == _plain_json(value), url


def client_bytes(client, url: str) -> bytes:
    r = client.get(url)
    assert r.status_code == 200, url
    return r.content
