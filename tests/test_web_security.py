"""The server locked down: hostile text stays text, hostile parameters stay parameters, writes are bounded.

Stored XSS is tried in a real browser (Debian's chromium) on every page, SQL injection on every search and
filter parameter of every GET endpoint; request bodies are refused above the limit before they are read
(a real uvicorn on 127.0.0.1, spoken to over a raw socket); export streams in bounded pages; uploads are
analysed in the app's analysis process, not in the process that answers.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest
from conftest import store_url
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_web_support import SEED, annotated_record, filled_store_copy, served

from quellenlage.link.run import link
from quellenlage.store import open_store
from quellenlage.store.fetching import add_feed, feed_error, feed_fetched
from quellenlage.store.queries import entity_key

with __import__("warnings").catch_warnings():
    __import__("warnings").simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from quellenlage.serve import create_app

TOKEN = "sicherheits-token"
#: The fields of a JSON article (read/json.py), for generated records with wrong types.
FIELDS = ["text", "headline", "published", "outlet", "url", "tags", "authors", "lead", "images", "maintext", "title"]
CHROMIUM = Path("/usr/bin/chromium")

#: Markup that runs script if it is ever put into a page unescaped; the browser test sees either a dialog,
#: window.__xss set, or an injected element.
XSS = [
    '<script>window.__xss=1;alert("xss")</script>',
    '<img src=x id=xss-img onerror="window.__xss=2">',
    '"><svg id=xss-svg onload="window.__xss=3">',
    "javascript:window.__xss=4",
]
HOSTILE = " ".join(XSS)

#: Strings that would change a query built by pasting them into SQL, or into an FTS5 match expression.
INJECTIONS = [
    "' OR 1=1 --",
    "'; DROP TABLE articles; --",
    '" OR ""="',
    "%' UNION SELECT sql FROM sqlite_master --",
    "1; SELECT pg_sleep(5)",
    "NEAR(Witkoff Miami",
    'Witkoff" OR "1',
    "* OR *",
    "\\",
    "%_%",
]


# --- stored XSS, in a browser -------------------------------------------------------------------------------


def _hostile_record():
    """The annotated test record with markup in its headline, text, tags, outlet, entity names and a speaker."""
    record = annotated_record().model_copy(deep=True)
    record.meta.headline = f"Gipfel {HOSTILE}"
    record.meta.tags = [XSS[0], XSS[1]]
    record.meta.outlet = "zeitung.example"
    record.meta.kicker = XSS[2]
    merz = record.entities[0]
    merz.name = f"Friedrich Merz {XSS[1]}"
    record.entities[2].name = f"Paris {XSS[2]}"
    record.statements[0].speaker.text = f"Merz {XSS[0]}"
    record.id = "0badc0de0badc0de"
    return record


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """The real app under uvicorn over a store holding the hostile record, linked, and a hostile feed."""
    db = filled_store_copy(tmp_path_factory.mktemp("xss"))
    store = open_store(db)
    store.put(_hostile_record())
    link(store)
    added = add_feed(store, "http://127.0.0.1:9/feed.xml?x=<script>alert(1)</script>", name=f"Feed {XSS[1]}")
    feed_fetched(store, added["id"], last_outcome="failed", last_error=f"kaputt {XSS[0]}")
    feed_error(store, added["id"], f"http://127.0.0.1:9/{XSS[2]}", f"kaputt {XSS[1]}")
    with served(create_app(store=store, token=TOKEN)) as base:
        yield base, store
    store.close()


def test_stored_markup_in_text_headline_tags_entities_and_feeds_is_shown_as_text_on_every_page(hostile_server):
    pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (test extra)")
    if not CHROMIUM.exists():
        pytest.skip(f"no browser: {CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    base, _store = hostile_server
    merz = entity_key("Friedrich Merz " + XSS[1])
    pages = [
        "/",
        "/articles/0badc0de0badc0de",
        "/entities",
        f"/entities?q={XSS[1][:10]}",
        f"/entities/{merz}",
        "/search?q=Gipfel",
        "/search?q=Merz&in=statements",
        "/stories",
        "/claims",
        "/contradictions",
        "/timeline",
        "/feeds",
        "/ingest",
        "/search?q=" + XSS[0],
    ]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        shown_as_text = 0
        for path in pages:
            answer = page.goto(base + path)
            assert answer is not None and answer.status < 500, path
            assert page.evaluate("window.__xss") is None, path
            assert page.locator("#xss-img, #xss-svg").count() == 0, path
            assert page.locator("script:not([src])").count() == 0, path  # the pages have no inline script at all
            text = page.locator("body").inner_text()
            shown_as_text += sum(payload in text for payload in XSS[:3])
        browser.close()
    assert dialogs == []
    assert shown_as_text >= 10  # the markup is there, as text: on the article, entity, feed pages …


# --- SQL and FTS injection ------------------------------------------------------------------------------------


def _string_parameters(app) -> list[tuple[str, str]]:
    """Every GET route without path parameters, and each of its query parameters a user can type a string into
    (read off the app's routes, so a new filter is covered as soon as it exists)."""
    from fastapi.routing import APIRoute

    def walk(routes):
        for route in routes:
            inner = getattr(route, "original_router", None)  # an included router (FastAPI includes them lazily)
            yield from walk(inner.routes) if inner is not None else [route]

    found = []
    for route in walk(app.routes):
        if not isinstance(route, APIRoute) or "GET" not in route.methods or "{" in route.path:
            continue
        for param in route.dependant.query_params:
            if param.field_info.annotation in (str, str | None) or "Literal" in str(param.field_info.annotation):
                found.append((route.path, param.alias or param.name))
    return found


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = filled_store_copy(tmp_path_factory.mktemp("sqli"))
    store = open_store(db)
    with TestClient(create_app(store=store, token=TOKEN)) as c:
        c.store = store
        yield c
    store.close()


def test_every_search_and_filter_parameter_is_found(client):
    found = _string_parameters(client.app)
    for expected in [("/api/search", "q"), ("/api/statements", "speaker"), ("/api/statements", "date_from"), ("/search", "q")]:
        assert expected in found
    assert len(found) >= 25


@pytest.mark.parametrize("injection", INJECTIONS)
def test_sql_and_fts_syntax_in_every_search_and_filter_parameter_is_only_a_string(client, injection):
    before = client.store.count()
    for path, name in _string_parameters(client.app):
        r = client.get(path, params={name: injection})
        assert r.status_code in (200, 400, 404, 422), (path, name, r.status_code, r.text[:200])
        if r.status_code == 200 and path.startswith("/api/") and isinstance(r.json(), dict) and "total" in r.json():
            everything = client.get(path).json().get("total", 0)
            # an always-true condition answers everything: a string found in no article narrows the list
            assert everything <= 1 or r.json()["total"] < everything, (path, name, r.json()["total"], everything)
    assert client.store.count() == before  # nothing dropped
    for path in ("/api/articles/" + injection, "/entities/" + injection, "/stories/" + injection):
        assert client.get(path).status_code in (400, 404, 307, 308, 422), path


def test_a_nul_or_line_break_in_a_parameter_is_a_400_before_any_query(client):
    for query in ("q=Witkoff%00", "q=Witkoff%0D%0ASet-Cookie:x", "speaker=%00"):
        for path in ("/api/search", "/api/statements", "/search", "/entities"):
            r = client.get(f"{path}?{query}")
            assert r.status_code == 400 and "control characters" in r.json()["error"], (path, query)
    assert client.get("/entities/Merz%00").status_code == 400


def test_numbers_too_large_for_the_database_are_refused_not_a_500(client):
    for path, name in [
        ("/api/stories", "min_articles"),
        ("/api/articles/x", "revision"),
        ("/", "offset"),
        ("/entities", "offset"),
    ]:
        assert client.get(path, params={name: 10**30}).status_code == 422, (path, name)


def test_a_date_filter_that_is_no_date_is_refused(client):
    for bad in ("' OR 1=1 --", "2025-13", "gestern", "2025-05-03T10:00"):
        assert client.get("/api/statements", params={"date_from": bad}).status_code == 422, bad
        assert client.get("/search", params={"q": "Merz", "date_to": bad}).status_code == 422, bad
    for good in ("2025", "2025-05", "2025-05-03"):
        assert client.get("/api/statements", params={"date_from": good}).status_code == 200, good


def test_like_wildcards_in_a_name_match_only_themselves(client):
    assert client.get("/entities/%25_%25", follow_redirects=False).status_code == 404
    assert client.get("/api/timeline", params={"entity": "%"}).json().get("events", []) == []


def test_an_article_id_that_is_sql_answers_404(client):
    assert client.get("/api/articles/' OR '1'='1").status_code == 404
    assert client.get("/api/articles/1 OR 1=1.jsonl").status_code == 404


# --- writing: token, size, formats ----------------------------------------------------------------------------


@pytest.fixture
def fresh(tmp_path):
    store = open_store(store_url(tmp_path, "schreiben"))
    with TestClient(create_app(store=store, token=TOKEN)) as c:
        c.store = store
        yield c
    store.close()


def test_a_multipart_form_sent_to_the_api_is_refused_and_nothing_stored(fresh):
    files = {"file": ("seed.txt", SEED.read_bytes(), "text/plain")}
    r = fresh.post("/api/articles", files=files, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 415 and "/ingest" in r.json()["error"]
    r = fresh.post("/api/articles", data={"text": "Waffenruhe"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 415
    r = fresh.post(
        "/api/articles", content=b"\x89PNG\r\n", headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "image/png"}
    )
    assert r.status_code == 415
    assert fresh.store.count() == 0


def test_a_wrong_token_of_any_length_is_refused(fresh):
    for wrong in ("", "s", TOKEN[:-1], TOKEN + "x", TOKEN.upper(), "ä" * 40):
        r = fresh.post("/api/articles", content=b"Text", headers={"Authorization": f"Bearer {wrong}".encode()})
        assert r.status_code == 401, wrong
    assert fresh.store.count() == 0


def test_the_token_is_compared_in_constant_time(fresh, monkeypatch):
    from quellenlage.serve import auth

    compared = []
    real = auth.secrets.compare_digest

    def spy(a, b):
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth.secrets, "compare_digest", spy)
    assert fresh.post("/api/articles", content=b"Text", headers={"Authorization": "Bearer falsch"}).status_code == 401
    assert compared == [(b"falsch", TOKEN.encode())]  # the comparison that decided was the constant-time one


@pytest.fixture
def live(tmp_path):
    """The real app under uvicorn with a 1000-byte upload limit; yields (host, port, store)."""
    from quellenlage.settings import Settings

    store = open_store(store_url(tmp_path, "groesse"))
    with served(create_app(store=store, token=TOKEN, settings=Settings(max_upload_bytes=1000))) as base:
        yield "127.0.0.1", int(base.rsplit(":", 1)[1]), store
    store.close()


def _raw(host: str, port: int, head: str, body: bytes = b"", read_after: float = 5.0) -> bytes:
    with socket.create_connection((host, port), timeout=read_after) as s:
        s.sendall(head.encode("latin-1") + body)
        answer = b""
        try:
            while b"\r\n\r\n" not in answer or len(answer) < answer.index(b"\r\n\r\n") + 20:
                chunk = s.recv(65536)
                if not chunk:
                    break
                answer += chunk
        except TimeoutError:
            pass
        return answer


def test_a_body_declared_too_large_is_refused_before_a_byte_of_it_is_sent(live):
    host, port, store = live
    head = (
        f"POST /api/articles HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {TOKEN}\r\n"
        "Content-Type: text/plain\r\nContent-Length: 1000000000\r\n\r\n"
    )
    answer = _raw(host, port, head)  # no body sent at all: the answer comes anyway
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"larger than" in answer
    assert store.count() == 0


def test_a_chunked_body_past_the_limit_is_cut_off_with_413(live):
    host, port, store = live
    head = (
        f"POST /api/articles HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {TOKEN}\r\n"
        "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    piece = ("Die Waffenruhe hält. " * 40).encode()
    chunks = b"".join(f"{len(piece):x}\r\n".encode() + piece + b"\r\n" for _ in range(5)) + b"0\r\n\r\n"
    answer = _raw(host, port, head, chunks)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert store.count() == 0


def test_an_ingest_form_past_the_limit_is_refused_before_it_is_parsed(live):
    import httpx

    host, port, store = live
    big = ("Die Waffenruhe hält. " * 5000).encode()
    r = httpx.post(
        f"http://{host}:{port}/ingest", data={"token": TOKEN}, files={"files": ("gross.txt", big, "text/plain")}, timeout=10
    )
    assert r.status_code == 413
    assert store.count() == 0


# --- export ---------------------------------------------------------------------------------------------------


def test_export_is_paged_with_a_total_and_a_next_link(client):
    total = client.store.count()
    first = client.get("/api/export", params={"format": "jsonl", "limit": 2})
    assert first.headers["x-total-count"] == str(total)
    ids = [json.loads(line)["id"] for line in first.text.splitlines()]
    assert len(ids) == 2 and "offset=2" in first.headers["link"] and 'rel="next"' in first.headers["link"]
    everything = []
    url = "/api/export?format=jsonl&limit=3"
    while url:
        page = client.get(url)
        everything += [json.loads(line)["id"] for line in page.text.splitlines()]
        url = page.headers.get("link", "").split(">")[0].lstrip("<").replace("http://testserver", "") or None
    assert everything[:2] == ids and len(everything) == total == len(set(everything))
    assert client.get("/api/export", params={"limit": 10_001}).status_code == 422
    as_json = client.get("/api/export", params={"format": "json", "limit": 2, "offset": 1}).json()
    assert [r["id"] for r in as_json] == [
        json.loads(x)["id"] for x in client.get("/api/export?limit=2&offset=1").text.splitlines()
    ]
    empty = client.get("/api/export", params={"format": "csv", "offset": 100_000})
    assert empty.status_code == 200 and empty.text.startswith("id,") and len(empty.text.splitlines()) == 1


def test_export_streams_without_a_content_length(live):
    host, port, store = live
    store.put(annotated_record())
    answer = _raw(host, port, f"GET /api/export?format=jsonl HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
    head = answer.split(b"\r\n\r\n")[0].lower()
    assert head.startswith(b"http/1.1 200") and b"transfer-encoding: chunked" in head and b"content-length" not in head


# --- analysis off the request worker ----------------------------------------------------------------------------


def test_an_upload_is_analysed_in_the_apps_analysis_process_not_in_the_server(fresh):
    workers = fresh.app.state.workers
    assert workers._client is None  # a server that is only read starts no analysis process
    r = fresh.post("/api/articles", content=SEED.read_bytes(), headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201
    client = workers.client()
    pids = client.run(os.getpid)
    assert pids and os.getpid() not in pids.values()
    done = client.run(lambda dask_worker: sum(1 for _ in dask_worker.state.log), wait=True)
    assert any(done.values())  # the worker ran the analysis task


def test_the_server_listens_on_loopback_unless_told_otherwise():
    from quellenlage.cli.serve import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


# --- the write endpoint fuzzed -----------------------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=6),
    max_leaves=20,
)


@given(
    body=st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=3000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        _JSON.map(lambda v: json.dumps(v).encode()),
    ),
    media=st.sampled_from(
        ["", "text/plain", "text/html", "application/json", "application/x-ndjson", "application/gzip", "image/png"]
    ),
    name=st.sampled_from([None, "a.json", "b.jsonl", "c.html", "d.txt.gz", "../../etc/passwd", "x" * 300]),
)
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_body_posted_with_the_token_is_stored_or_refused_never_a_server_error(fresh, body, media, name):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    if media:
        headers["Content-Type"] = media
    r = fresh.post("/api/articles", content=body, headers=headers, params={"name": name} if name else {})
    assert r.status_code in (200, 201, 400, 413, 415, 422), (r.status_code, r.text[:300])
    answer = r.json()
    if r.status_code in (200, 201, 400) and "failures" in answer:
        assert all("\n" not in f["reason"] for f in answer["failures"])  # each failure one line
