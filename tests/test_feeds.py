"""Following the news: ingest URL, feeds and watch, against a web server on 127.0.0.1 started here.

The must-shows of the feeds issue: a feed of 50 items, first round stores 50, the second makes one conditional
request and stores nothing; a changed page becomes a new revision with both raw pages kept; one bad item never
stops a round and is recorded on its feed.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
from email.utils import formatdate

import pytest
from conftest import SEED_TXT, store_url
from local_web import LocalWeb, article_html, rss, wikinews_articles

from quellenlage.fetch.watch import watch_once
from quellenlage.settings import Settings
from quellenlage.store import fetching as kept
from quellenlage.store import open_store

LOCAL = Settings(allow_private=True, host_interval=0.0, retry_backoff=0.01, fetch_timeout=3.0, fetch_retries=1)
ARTICLES = wikinews_articles()


@pytest.fixture
def web():
    with LocalWeb() as server:
        yield server


@pytest.fixture
def store(tmp_path):
    with open_store(store_url(tmp_path, "feeds")) as s:
        yield s


def serve_articles(web: LocalWeb, n: int) -> list[str]:
    """``n`` article pages and an RSS feed of them at /feed.xml (links with tracking parameters, as feeds have)."""
    urls = []
    items = []
    for k, article in enumerate(ARTICLES[:n]):
        path = f"/nachrichten/artikel-{k}.html"
        web.page(path, article_html(article, web.url(path)))
        urls.append(web.url(path))
        items.append(
            (
                web.url(path) + "?utm_source=rss&utm_medium=feed",
                article["headline"],
                formatdate(1_700_000_000 + k * 60, usegmt=True),
            )
        )
    web.route("/feed.xml", rss(items), content_type="application/rss+xml; charset=utf-8")
    return urls


def rounds_requests(web: LocalWeb, since: int) -> list[str]:
    return [r.path for r in web.requests[since:]]


def test_fifty_items_first_round_stores_fifty_second_round_asks_only_for_the_feed_conditionally(web, store):
    urls = serve_articles(web, 50)
    kept.add_feed(store, web.url("/feed.xml"), name="wikinews-lokal", allow_private=True)

    first = watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    assert first.count("stored") == 50 and first.failed == 0
    assert store.count() == 50
    assert rounds_requests(web, 0)[:2] == ["/robots.txt", "/feed.xml"] and len(web.requests) == 52

    # every record says where and when it was fetched; its raw page is kept with the revision
    record = store.get(next(iter(store.ids())))
    assert record.meta.url in urls  # the page's canonical link
    assert record.source is not None and record.source.url == record.meta.url + "?utm_source=rss&utm_medium=feed"
    assert record.source.fetched_at
    pages = kept.raw_pages(store, record.id)
    assert [p["revision"] for p in pages] == [1]
    assert pages[0]["body"] == web.routes[record.meta.url.split(str(web.port), 1)[1]].body
    assert pages[0]["url"] == pages[0]["final_url"] == record.source.url
    assert kept.page_counts(store) == {"pages": 50, "urls": 50}

    before = len(web.requests)
    second = watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    assert second.count("stored") == 0 and second.failed == 0
    assert rounds_requests(web, before) == ["/feed.xml"]  # robots.txt from the store, no page asked for
    asked = web.requests[before].headers
    assert asked.get("if-none-match") and asked.get("if-modified-since")
    feed = kept.feed(store, "wikinews-lokal")
    assert feed["last_outcome"] == "not modified" and feed["articles"] == 50 and feed["last_items"] == 50


def test_a_changed_page_becomes_a_new_revision_with_both_raw_pages_kept(web, store):
    serve_articles(web, 5)
    kept.add_feed(store, web.url("/feed.xml"), allow_private=True)
    watch_once(store, LOCAL, show_progress=False, say=lambda _: None)

    # the outlet corrects article 3 and dates it anew in its feed
    changed = dict(ARTICLES[3], text=ARTICLES[3]["text"] + "\n\nKorrektur: In einer früheren Fassung stand ein falsches Datum.")
    path = "/nachrichten/artikel-3.html"
    old_body = web.routes[path].body
    web.page(path, article_html(changed, web.url(path)))
    items = [
        (
            web.url(f"/nachrichten/artikel-{k}.html"),
            ARTICLES[k]["headline"],
            formatdate(1_700_000_000 + k * 60 + (86_400 if k == 3 else 0), usegmt=True),
        )
        for k in range(5)
    ]
    web.route("/feed.xml", rss(items), content_type="application/rss+xml")

    before = len(web.requests)
    again = watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    assert again.count("revised") == 1 and again.count("stored") == 0
    assert rounds_requests(web, before) == ["/feed.xml", path]  # only the item dated later is fetched again
    assert web.requests[-1].headers.get("if-none-match")  # conditionally: its ETag from the first round

    article_id = next(i for i in store.ids() if store.get(i).meta.url == web.url(path))
    assert [r["revision"] for r in store.revisions(article_id)] == [1, 2]
    pages = kept.raw_pages(store, article_id)
    assert [p["revision"] for p in pages] == [1, 2]
    assert pages[0]["body"] == old_body and pages[1]["body"] == web.routes[path].body
    assert "Korrektur" in store.get(article_id).text and "Korrektur" not in store.get(article_id, revision=1).text


def test_one_bad_item_never_stops_a_round_and_each_error_is_recorded_on_the_feed(web, store):
    serve_articles(web, 2)
    web.page("/weg.html", "nicht gefunden", status=404)
    web.page("/kaputt.html", "Serverfehler", status=500)
    web.page("/langsam.html", article_html(ARTICLES[2], web.url("/langsam.html")), delay=5.0)
    web.route("/bild.png", b"\x89PNG\r\n\x1a\n" + bytes(100), content_type="image/png")
    web.route("/binaer.html", bytes(range(256)) * 20, content_type="text/html")
    web.page("/leer.html", "<html><head><title>Start</title></head><body><nav><a href='/'>Start</a></nav></body></html>")
    good = [(web.url(f"/nachrichten/artikel-{k}.html"), "gut", formatdate(1_700_000_000, usegmt=True)) for k in range(2)]
    bad = [
        (web.url(p), "schlecht", formatdate(1_700_000_000, usegmt=True))
        for p in ("/weg.html", "/kaputt.html", "/langsam.html", "/bild.png", "/binaer.html", "/leer.html")
    ]
    bad.append(("javascript:alert(1)", "kein Link", formatdate(1_700_000_000, usegmt=True)))
    web.route("/feed.xml", rss([good[0], *bad, good[1]]), content_type="application/rss+xml")
    kept.add_feed(store, web.url("/feed.xml"), allow_private=True)

    lines: list[str] = []
    result = watch_once(store, dataclasses.replace(LOCAL, fetch_timeout=1.0), show_progress=False, say=lines.append)
    assert result.count("stored") == 2 and result.failed == 7
    errors = {e["url"].rsplit("/", 1)[-1]: e["reason"] for e in kept.errors_of(store, kept.list_feeds(store)[0]["id"])}
    assert errors["javascript:alert(1)"] == "only http and https URLs are fetched, not javascript"
    assert errors["weg.html"] == "HTTP 404"
    assert errors["kaputt.html"] == "HTTP 500"
    assert errors["langsam.html"] == "timed out after 1 s"
    assert errors["bild.png"] == "not an article page (content type image/png)"
    assert "binary data" in errors["binaer.html"]
    assert errors["leer.html"] == "no article text found in HTML"
    assert all("\n" not in reason for reason in errors.values())
    feed = kept.list_feeds(store)[0]
    assert feed["errors"] == 7 and feed["last_new"] == 2 and feed["last_outcome"] == "ok"
    assert len(store.failures()) == 7  # the store's failure log has them too

    # failed items are tried again on the next rounds (three times in all), even when the feed is not modified;
    # stored ones are not
    for attempt in (2, 3, 4):
        before = len(web.requests)
        watch_once(store, dataclasses.replace(LOCAL, fetch_timeout=1.0, fetch_retries=0), show_progress=False, say=lines.append)
        again = rounds_requests(web, before)
        assert again[0] == "/feed.xml" and web.requests[before].headers.get("if-none-match")
        if attempt < 4:
            assert {"/weg.html", "/bild.png", "/leer.html", "/binaer.html"} <= set(again)
            assert sum(r.get("url") == "javascript:alert(1)" for r in kept.fetched(store, ["javascript:alert(1)"]).values()) == 1
            assert not any(path.startswith("/nachrichten/") for path in again)
        else:  # given up after three failures that do not pass; a 500 and a timeout may pass: tried for two days
            assert again == ["/feed.xml", "/kaputt.html", "/langsam.html"]


def test_a_feed_that_fails_is_recorded_and_the_next_feed_is_still_read(web, store):
    serve_articles(web, 1)
    web.page("/kein-feed.xml", "<html><body><p>Keine Nachrichten hier.</p></body></html>")
    kept.add_feed(store, web.url("/fehlt.xml"), name="fehlt", allow_private=True)
    kept.add_feed(store, web.url("/kein-feed.xml"), name="html", allow_private=True)
    kept.add_feed(store, web.url("/feed.xml"), name="gut", allow_private=True)
    lines: list[str] = []
    result = watch_once(store, LOCAL, show_progress=False, say=lines.append)
    assert result.count("stored") == 1 and result.failed == 2
    by_name = {f["name"]: f for f in kept.list_feeds(store)}
    assert by_name["fehlt"]["last_outcome"] == "failed" and by_name["fehlt"]["last_error"] == "HTTP 404"
    assert by_name["html"]["last_error"].startswith("not an RSS or Atom feed or a sitemap")
    assert by_name["gut"]["last_outcome"] == "ok"
    assert any(line.startswith("1 fehlt: failed: HTTP 404") for line in lines)


def test_news_sitemap_index_and_atom_feed_give_their_items(web, store):
    serve_articles(web, 4)
    news_ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
    urlset = "".join(
        f"<url><loc>{web.url(f'/nachrichten/artikel-{k}.html')}</loc><news:news><news:publication><news:name>Lokal</news:name>"
        f"<news:language>de</news:language></news:publication><news:publication_date>2025-11-19T10:0{k}:00+01:00</news:publication_date>"
        f"<news:title>{ARTICLES[k]['headline']}</news:title></news:news></url>"
        for k in range(2)
    )
    urlset += f"<url><loc>{SEED_TXT}</loc></url>"  # a file of this machine, named by a hostile sitemap: never read
    web.route(
        "/sitemap-news.xml",
        f'<?xml version="1.0" encoding="UTF-8"?><urlset {news_ns}>{urlset}</urlset>',
        content_type="application/xml",
    )
    web.route(
        "/sitemap.xml",
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{web.url('/sitemap-news.xml')}</loc><lastmod>2025-11-19</lastmod></sitemap></sitemapindex>",
        content_type="application/xml",
    )
    entries = "".join(
        f"<entry><title>{ARTICLES[k]['headline']}</title><link rel='alternate' href='{web.url(f'/nachrichten/artikel-{k}.html')}'/>"
        f"<id>urn:{k}</id><updated>2025-11-19T12:00:00Z</updated></entry>"
        for k in (1, 2, 3)
    )
    web.route(
        "/atom.xml",
        f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>{entries}</feed>',
        content_type="application/atom+xml",
    )
    kept.add_feed(store, web.url("/sitemap.xml"), name="sitemap", allow_private=True)
    kept.add_feed(store, web.url("/atom.xml"), name="atom", allow_private=True)
    result = watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    by_name = {f["name"]: f for f in kept.list_feeds(store)}
    assert (
        by_name["sitemap"]["kind"] == "sitemapindex" and by_name["sitemap"]["last_new"] == 2 and by_name["sitemap"]["errors"] == 1
    )
    assert by_name["atom"]["kind"] == "atom" and by_name["atom"]["last_items"] == 3
    assert by_name["atom"]["last_new"] == 2  # artikel-1 came with the sitemap already
    assert result.count("stored") == 4 and store.count() == 4
    sitemap_errors = kept.errors_of(store, by_name["sitemap"]["id"])
    assert [(e["url"], e["reason"]) for e in sitemap_errors] == [
        (str(SEED_TXT), "only http and https URLs are fetched, not a URL without a scheme")
    ]


def test_one_page_linked_three_ways_in_a_feed_is_one_article(web, store):
    serve_articles(web, 1)
    base = web.url("/nachrichten/artikel-0.html")
    web.route(
        "/feed.xml",
        rss([(base, "a", ""), (base + "?utm_campaign=x", "b", ""), (base + "#kommentare", "c", "")]),
        content_type="application/rss+xml",
    )
    kept.add_feed(store, web.url("/feed.xml"), allow_private=True)
    result = watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    assert result.feeds[0].items == 3 and result.feeds[0].new == 1 and store.count() == 1
    assert web.paths().count("/nachrichten/artikel-0.html") == 1


def test_a_feed_with_an_entity_bomb_is_refused_without_expanding_it(web, store):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol3;</loc></url></urlset>'
    )
    web.route("/bombe.xml", bomb, content_type="application/xml")
    kept.add_feed(store, web.url("/bombe.xml"), allow_private=True)
    result = watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    feed = kept.list_feeds(store)[0]
    assert store.count() == 0
    assert feed["last_outcome"] in ("ok", "failed")  # read without its entities, or refused: never expanded
    assert result.feeds[0].new <= 1
    assert all("lollol" not in path for path in web.paths())


# --- the command line ----------------------------------------------------------------------


def test_ingest_url_then_again_is_not_modified_and_without_allow_private_is_one_line_refusal(web, cli, monkeypatch):
    monkeypatch.setenv("QUELLENLAGE_HOST_INTERVAL", "0")
    serve_articles(web, 1)
    url = web.url("/nachrichten/artikel-0.html")
    refused = cli("ingest", "--no-progress", url)
    assert refused.returncode == 1
    assert f"error: {url}: 127.0.0.1 is a private or local address" in refused.stderr_text
    assert "Traceback" not in refused.stderr_text and web.requests == []

    first = cli("ingest", "--no-progress", "--allow-private", url, check=True)
    assert "1 stored" in first.stderr_text
    again = cli("ingest", "--no-progress", "--allow-private", url, check=True)
    assert "1 not modified" in again.stderr_text
    assert web.requests[-1].headers.get("if-none-match")
    shown = json.loads(
        cli(
            "show",
            "--format",
            "json",
            cli("search", "--ids-only", ARTICLES[0]["headline"].split()[0], check=True).stdout_text.split()[0],
            check=True,
        ).stdout_text
    )
    assert shown["source"]["url"] == url and shown["source"]["fetched_at"]


def test_following_an_outlet_in_three_commands(web, cli, monkeypatch):
    """The README's three commands: feeds add, watch --once, feeds list."""
    monkeypatch.setenv("QUELLENLAGE_HOST_INTERVAL", "0")
    serve_articles(web, 3)
    feed_url = web.url("/feed.xml")
    refused = cli("feeds", "add", feed_url)
    assert (
        refused.returncode == 1 and "private or local address" in refused.stderr_text and "Traceback" not in refused.stderr_text
    )

    added = cli("feeds", "add", feed_url, "--name", "lokal", "--allow-private", check=True)
    assert added.stdout_text.startswith("following feed 1:")
    twice = cli("feeds", "add", feed_url, "--allow-private")
    assert twice.returncode == 1 and "followed already" in twice.stderr_text

    watched = cli("watch", "--once", check=True)  # progress on, but standard error is no terminal (cron): no bar
    assert "1 lokal: 3 items, 3 to fetch: 3 stored, 0 failed" in watched.stderr_text
    assert "1 feed in" in watched.stderr_text and "3 stored" in watched.stderr_text
    assert "━" not in watched.stderr_text and "art/s" not in watched.stderr_text
    listed = cli("feeds", "list", check=True).stdout_text
    assert "lokal" in listed and "3 articles, 0 errors in all" in listed
    as_json = json.loads(cli("feeds", "list", "--format", "json", check=True).stdout_text)
    assert as_json[0]["articles"] == 3 and as_json[0]["kind"] == "rss"

    assert "1 lokal: not modified" in cli("watch", "--once", "--no-progress", check=True).stderr_text
    named = cli("feeds", "add", web.url("/anderer.xml"), "--name", "lokal", "--allow-private")
    assert named.returncode == 1 and "lokal: another feed has that name" in named.stderr_text
    digits = cli("feeds", "add", web.url("/anderer.xml"), "--name", "2025", "--allow-private")
    assert digits.returncode == 1 and "digits alone are read as its id" in digits.stderr_text
    assert "no longer following feed 1" in cli("feeds", "remove", "lokal", check=True).stdout_text
    assert "no feeds followed" in cli("feeds", "list", check=True).stdout_text
    gone = cli("feeds", "remove", "lokal")
    assert gone.returncode == 1 and "lokal: no such feed" in gone.stderr_text


def test_raw_page_is_stored_compressed(web, store):
    serve_articles(web, 1)
    from quellenlage.batch import ingest_into

    summary = ingest_into(store, [web.url("/nachrichten/artikel-0.html")], show_progress=False, settings=LOCAL)
    assert summary.counts["stored"] == 1
    from sqlalchemy import select

    from quellenlage.store.tables import pages

    with store.read() as conn:
        row = conn.execute(select(pages)).one()
    assert gzip.decompress(row.raw) == web.routes["/nachrichten/artikel-0.html"].body
    assert len(row.raw) < row.size and row.sha256.startswith("sha256:") and row.status == 200


# --- the reading room ------------------------------------------------------------------------


def test_feeds_page_and_its_api_twin_show_last_fetch_new_items_and_errors(web, store):
    import warnings

    with warnings.catch_warnings():  # starlette's notice about httpx versions, not about this code
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from quellenlage.serve import create_app

    serve_articles(web, 2)
    web.page("/weg.html", "weg", status=404)
    items = [
        (web.url("/nachrichten/artikel-0.html"), "a", ""),
        (web.url("/weg.html"), "b", ""),
        (web.url("/nachrichten/artikel-1.html"), "c", ""),
    ]
    web.route("/feed.xml", rss(items), content_type="application/rss+xml")
    kept.add_feed(store, web.url("/feed.xml"), name="<script>alert('Lokalblatt')</script>", allow_private=True)
    watch_once(store, LOCAL, show_progress=False, say=lambda _: None)

    with TestClient(create_app(store=store)) as client:
        api = client.get("/api/feeds").json()
        page = client.get("/feeds")
    feed = api["items"][0]
    assert api["total"] == 1
    assert feed["last_outcome"] == "ok" and feed["last_items"] == 3 and feed["last_new"] == 2 and feed["articles"] == 2
    assert feed["errors"] == 1 and feed["recent_errors"][0]["reason"] == "HTTP 404"
    assert feed["recent_errors"][0]["url"] == web.url("/weg.html")
    assert page.status_code == 200
    assert "HTTP 404" in page.text and web.url("/weg.html") in page.text and feed["last_fetched_at"] in page.text
    assert "<script>alert" not in page.text and "&lt;script&gt;alert(" in page.text  # a feed's name is shown as text


def test_a_page_not_modified_is_analysed_again_from_its_raw_bytes_after_an_analysis_upgrade(web, store):
    from sqlalchemy import update

    from quellenlage.batch import ingest_into
    from quellenlage.store.tables import revisions

    serve_articles(web, 1)
    url = web.url("/nachrichten/artikel-0.html")
    assert ingest_into(store, [url], show_progress=False, settings=LOCAL).counts["stored"] == 1
    assert ingest_into(store, [url], show_progress=False, settings=LOCAL).counts["not modified"] == 1
    with store.write() as conn:  # as if stored by an older Quellenlage
        conn.execute(update(revisions).values(analysis_version="0.0.1+old"))
    before = len(web.requests)
    again = ingest_into(store, [url], show_progress=False, settings=LOCAL)
    assert again.counts["reanalysed"] == 1
    assert rounds_requests(web, before) == ["/nachrichten/artikel-0.html"] and web.requests[-1].headers.get("if-none-match")
    (article_id,) = store.ids()
    assert store.revisions(article_id)[0]["analysis_version"] != "0.0.1+old"
    assert [p["revision"] for p in kept.raw_pages(store, article_id)] == [1]  # the same page, kept once


def test_show_raw_page_prints_the_page_as_served(web, cli, monkeypatch):
    monkeypatch.setenv("QUELLENLAGE_HOST_INTERVAL", "0")
    serve_articles(web, 1)
    cli("ingest", "--no-progress", "--allow-private", web.url("/nachrichten/artikel-0.html"), str(SEED_TXT), check=True)
    records = [json.loads(line) for line in cli("export", "--format", "jsonl", check=True).stdout_text.splitlines()]
    article_id, seed_id = (
        next(r["id"] for r in records if (r["meta"]["outlet"] == "ntv.de") == from_file) for from_file in (False, True)
    )
    shown = cli("show", article_id, "--raw-page", check=True)
    assert shown.stdout == web.routes["/nachrichten/artikel-0.html"].body
    refused = cli("show", seed_id, "--raw-page")
    assert refused.returncode == 1 and "was not fetched from the web (no raw page kept)" in refused.stderr_text


def test_items_over_the_round_limit_wait_for_the_next_round(web, store):
    serve_articles(web, 5)
    kept.add_feed(store, web.url("/feed.xml"), allow_private=True)
    first = watch_once(store, LOCAL, max_items=3, show_progress=False, say=lambda _: None)
    assert first.count("stored") == 3 and first.feeds[0].new == 3
    before = len(web.requests)
    second = watch_once(store, LOCAL, max_items=3, show_progress=False, say=lambda _: None)
    assert second.count("stored") == 2
    assert "if-none-match" not in web.requests[before].headers  # the feed read whole again, not a 304
    third = watch_once(store, LOCAL, max_items=3, show_progress=False, say=lambda _: None)
    assert third.feeds[0].outcome == "not modified" and store.count() == 5


def test_pages_analysed_in_workers_keep_their_raw_page(web, store):
    """ingest --workers: the page travels to the worker with its article (pickled, as Dask sends it) and back
    as the record's rows; the raw page is written with the record."""
    import pickle

    from test_parallel_ingest import FakeClient, _Done

    from quellenlage.batch import ingest_into

    class PicklingClient(FakeClient):
        def submit(self, fn, *args, pure=True):
            self.submitted += 1
            self.outstanding += 1
            result = fn(*pickle.loads(pickle.dumps(args)))
            return _Done(self, pickle.loads(pickle.dumps(result)), ready=True)

    urls = serve_articles(web, 3)
    summary = ingest_into(store, urls, show_progress=False, settings=LOCAL, client=PicklingClient())
    assert summary.counts["stored"] == 3
    for article_id in store.ids():
        (page,) = kept.raw_pages(store, article_id)
        assert page["body"] == web.routes[page["url"].split(str(web.port), 1)[1]].body
        assert store.get(article_id).source.fetched_at == page["fetched_at"]
    again = ingest_into(store, urls, show_progress=False, settings=LOCAL, client=PicklingClient())
    assert again.counts["not modified"] == 3


def test_analyze_a_url_prints_its_record_and_a_missing_page_is_one_line(web, cli, monkeypatch):
    monkeypatch.setenv("QUELLENLAGE_HOST_INTERVAL", "0")
    serve_articles(web, 1)
    url = web.url("/nachrichten/artikel-0.html")
    record = json.loads(cli("analyze", "--allow-private", "--format", "jsonl", url, check=True).stdout_text)
    assert (
        record["meta"]["url"] == url and record["source"]["url"] == url and record["meta"]["headline"] == ARTICLES[0]["headline"]
    )
    missing = cli("events", "--allow-private", web.url("/weg.html"))
    assert missing.returncode == 1 and f"error: {web.url('/weg.html')}: HTTP 404" in missing.stderr_text
    assert "Traceback" not in missing.stderr_text


# --- found in review ---------------------------------------------------------------------------------


def test_a_news_sitemap_with_images_gives_the_pages_not_the_images():
    from quellenlage.fetch.feeds import parse_feed
    from quellenlage.fetch.http import Page

    body = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">'
        b"<url><loc>https://www.example.de/politik/streik-1.html</loc>"
        b"<news:news><news:publication_date>2025-11-19T10:00:00+01:00</news:publication_date><news:title>Streik</news:title></news:news>"
        b"<image:image><image:loc>https://img.example.de/streik.jpg</image:loc><image:title>Bild</image:title></image:image></url></urlset>"
    )
    page = Page("u", "u", 200, "application/xml", None, None, None, body, "2025-11-19T10:00:00+00:00")
    (item,) = parse_feed(page).items
    assert item.url == "https://www.example.de/politik/streik-1.html"
    assert item.title == "Streik" and item.updated == "2025-11-19T09:00:00+00:00"


def test_a_page_that_claims_another_sites_article_as_canonical_keeps_its_own_url(web, store):
    from quellenlage.batch import ingest_into

    fake = article_html(ARTICLES[1], "https://www.tagesschau.de/inland/echter-artikel-100.html")
    web.page("/nachgemacht.html", fake)
    summary = ingest_into(store, [web.url("/nachgemacht.html")], show_progress=False, settings=LOCAL)
    assert summary.counts["stored"] == 1
    record = store.get(next(iter(store.ids())))
    assert record.meta.url == web.url("/nachgemacht.html")
    assert any("on another site" in w for w in record.warnings)


def test_a_redated_item_that_keeps_failing_is_given_up_after_three_tries(web, store):
    serve_articles(web, 1)
    path = "/nachrichten/artikel-0.html"
    kept.add_feed(store, web.url("/feed.xml"), allow_private=True)
    watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    del web.routes[path]  # the article is gone (404) and the feed keeps dating it anew
    fetched = []
    for k in range(1, 6):
        web.route(
            "/feed.xml",
            rss([(web.url(path), "neu", formatdate(1_800_000_000 + k * 3600, usegmt=True))]),
            content_type="application/rss+xml",
        )
        before = len(web.requests)
        watch_once(store, dataclasses.replace(LOCAL, fetch_retries=0), show_progress=False, say=lambda _: None)
        fetched.append(path in rounds_requests(web, before))
    assert fetched == [True, True, True, False, False]


def test_an_item_whose_analysis_fails_is_tried_three_times(web, store, monkeypatch):
    import quellenlage.batch

    real = quellenlage.batch.run_stages

    def failing(record, *args, **kwargs):
        if "artikel-1" in (record.meta.url or ""):
            raise RuntimeError("kaputt")
        return real(record, *args, **kwargs)

    monkeypatch.setattr(quellenlage.batch, "run_stages", failing)
    serve_articles(web, 2)
    kept.add_feed(store, web.url("/feed.xml"), allow_private=True)
    tried = []
    for _ in range(5):
        before = len(web.requests)
        result = watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
        tried.append("/nachrichten/artikel-1.html" in rounds_requests(web, before))
    assert tried == [True, True, True, False, False]
    assert store.count() == 1 and result.failed == 0
    reasons = {e["reason"] for e in kept.errors_of(store, kept.list_feeds(store)[0]["id"])}
    assert reasons == {"analysis failed: RuntimeError: kaputt"}


def test_a_round_the_store_stops_keeps_no_etag_so_the_items_left_are_read_next_round(web, store, monkeypatch):
    import quellenlage.fetch.watch as watch_module
    from quellenlage.errors import StoreError

    serve_articles(web, 3)
    kept.add_feed(store, web.url("/feed.xml"), allow_private=True)
    real = watch_module.ingest_into
    calls = []

    def locked_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise StoreError("database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(watch_module, "ingest_into", locked_once)
    first = watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    assert first.feeds[0].outcome == "failed" and store.count() == 0
    assert kept.list_feeds(store)[0]["etag"] is None
    second = watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    assert second.count("stored") == 3


def test_a_sitemap_of_an_index_that_fails_is_an_error_of_the_feed(web, store):
    web.route(
        "/index.xml",
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{web.url('/fehlt.xml')}</loc></sitemap></sitemapindex>",
        content_type="application/xml",
    )
    kept.add_feed(store, web.url("/index.xml"), allow_private=True)
    result = watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    feed = kept.list_feeds(store)[0]
    assert result.failed == 1 and feed["errors"] == 1 and feed["etag"] is None
    assert kept.errors_of(store, feed["id"])[0]["url"] == web.url("/fehlt.xml")


def test_a_removed_feeds_id_and_failures_go_to_no_new_feed(web, store):
    web.page("/weg.html", "weg", status=404)
    web.route("/alt.xml", rss([(web.url("/weg.html"), "weg", "")]), content_type="application/rss+xml")
    old = kept.add_feed(store, web.url("/alt.xml"), allow_private=True)
    watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    kept.remove_feed(store, old["id"])
    serve_articles(web, 1)
    new = kept.add_feed(store, web.url("/feed.xml"), allow_private=True)
    assert new["id"] != old["id"]
    watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    before = len(web.requests)
    watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    assert rounds_requests(web, before) == ["/feed.xml"]  # the old feed's failed item is not the new feed's
    assert kept.errors_of(store, new["id"]) == []


def test_the_charset_of_the_content_type_header_decodes_the_page(web, store):
    from quellenlage.batch import ingest_into

    html = "<html><head><title>Bahn</title></head><body><p>Die Bahn verlangt künftig 49 € für das Ticket, sagte ein Sprecher.</p></body></html>"
    web.route("/latin9.html", html.encode("iso-8859-15"), content_type="text/html; charset=iso-8859-15")
    summary = ingest_into(store, [web.url("/latin9.html")], show_progress=False, settings=LOCAL)
    assert summary.counts["stored"] == 1
    record = store.get(next(iter(store.ids())))
    assert "49 € für das Ticket" in record.text and not record.warnings
    assert kept.raw_pages(store, record.id)[0]["body"] == html.encode("iso-8859-15")  # kept as served


def test_hostile_pages_are_stored_or_refused_on_one_line_and_the_next_item_is_read(web, store):
    """A canonical link that is no URL, JSON-LD nested deeper than Python recurses, a date in the year 9999
    with an offset, a charset that names no codec: each was a traceback that stopped the run."""
    nested = "[" * 5000 + "]" * 5000
    pages = {
        "/kanonisch.html": article_html(ARTICLES[0], "http://[::1/x"),
        "/verschachtelt.html": article_html(ARTICLES[1], web.url("/verschachtelt.html")).replace(
            "</head>", f'<script type="application/ld+json">{nested}</script></head>'
        ),
        "/jahr9999.html": article_html(dict(ARTICLES[2], published="9999-12-31T23:59:59-05:00"), web.url("/jahr9999.html")),
    }
    for path, body in pages.items():
        web.page(path, body)
    web.route(
        "/zeichensatz.html",
        article_html(ARTICLES[3], web.url("/zeichensatz.html")).encode(),
        content_type="text/html; charset=undefined",
    )
    serve_articles(web, 1)
    paths = [*pages, "/zeichensatz.html", "/nachrichten/artikel-0.html"]
    web.route("/feed.xml", rss([(web.url(p), "x", "") for p in paths]), content_type="application/rss+xml")
    kept.add_feed(store, web.url("/feed.xml"), allow_private=True)
    result = watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    assert result.count("stored") + result.failed == 5 and result.count("stored") >= 4
    assert store.count() == result.count("stored")
    assert any(store.get(i).meta.url == web.url("/nachrichten/artikel-0.html") for i in store.ids())


def test_a_sitemap_dated_in_the_year_9999_and_robots_txt_with_a_nul_are_read(web, store):
    serve_articles(web, 1)
    web.route("/robots.txt", "User-agent: *\x00\nDisallow: /intern/\n", content_type="text/plain")
    web.route(
        "/sitemap.xml",
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{web.url('/nachrichten/artikel-0.html')}</loc><lastmod>9999-12-31T23:59:59-05:00</lastmod></url></urlset>",
        content_type="application/xml",
    )
    kept.add_feed(store, web.url("/sitemap.xml"), allow_private=True)
    result = watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    assert result.count("stored") == 1 and result.failed == 0


def test_an_item_link_with_control_characters_is_refused_on_one_line(web, store):
    serve_articles(web, 1)
    web.route(
        "/sitemap.xml",
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{web.url('/a')}&#x200b;&#x202e;</loc></url>"
        f"<url><loc>{web.url('/nachrichten/artikel-0.html')}</loc></url></urlset>",
        content_type="application/xml",
    )
    kept.add_feed(store, web.url("/sitemap.xml"), allow_private=True)
    lines: list[str] = []
    result = watch_once(store, LOCAL, show_progress=False, say=lines.append)
    assert result.count("stored") == 1 and result.failed == 1
    (error,) = kept.errors_of(store, kept.list_feeds(store)[0]["id"])
    assert error["url"] == web.url("/a") + "\\u200b\\u202e" and "control characters" in error["reason"]
    assert not any("\u202e" in line for line in lines)  # no right-to-left override reaches the terminal


# --- found in the third review: following outlets for days -----------------------------------------------


def test_an_outage_of_several_rounds_loses_no_article(web, store):
    """503 for four rounds (retries, a paused host, robots.txt failing too), then the site is back."""
    urls = serve_articles(web, 3)
    for path in [u.split(str(web.port), 1)[1] for u in urls]:
        web.routes[path].fail_times = 10_000
    kept.add_feed(store, web.url("/feed.xml"), allow_private=True)
    for _ in range(4):
        watch_once(store, dataclasses.replace(LOCAL, fetch_retries=0), show_progress=False, say=lambda _: None)
    assert store.count() == 0
    for path in [u.split(str(web.port), 1)[1] for u in urls]:
        web.routes[path].fail_times = 0
    back = watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    assert back.count("stored") == 3 and store.count() == 3


def test_an_article_first_ingested_by_url_is_fetched_again_when_its_feed_dates_it_later(web, store):
    from quellenlage.batch import ingest_into

    urls = serve_articles(web, 1)
    assert ingest_into(store, urls, show_progress=False, settings=LOCAL).counts["stored"] == 1
    later = formatdate(2_000_000_000, usegmt=True)  # 2033: after it was fetched
    web.route("/feed.xml", rss([(urls[0], "neu", later)]), content_type="application/rss+xml")
    kept.add_feed(store, web.url("/feed.xml"), allow_private=True)
    before = len(web.requests)
    watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    assert "/nachrichten/artikel-0.html" in rounds_requests(web, before)


def test_an_article_redirected_to_the_front_page_is_no_article(web, store):
    web.page(
        "/", "<html><head><title>Nachrichten – Startseite</title></head><body><p>Alle Meldungen des Tages.</p></body></html>"
    )
    web.route("/politik/geloescht-100.html", status=301, headers={"Location": "/"})
    web.route("/feed.xml", rss([(web.url("/politik/geloescht-100.html"), "weg", "")]), content_type="application/rss+xml")
    kept.add_feed(store, web.url("/feed.xml"), allow_private=True)
    result = watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    assert store.count() == 0 and result.failed == 1
    assert kept.errors_of(store, 1)[0]["reason"] == "redirected to the front page, not an article"


def test_a_second_watch_on_the_same_store_leaves_the_round_to_the_first(web, store):
    serve_articles(web, 2)
    kept.add_feed(store, web.url("/feed.xml"), allow_private=True)
    lines: list[str] = []
    with store.only_one("watch") as first:
        assert first
        second = watch_once(store, LOCAL, show_progress=False, say=lines.append)
    assert second.skipped and web.requests == [] and lines == ["another watch is running on this store; this round is left to it"]
    assert watch_once(store, LOCAL, show_progress=False, say=lambda _: None).count("stored") == 2  # released


def test_articles_a_killed_round_left_unlinked_are_linked_by_the_next(web, store):
    from sqlalchemy import func, select

    from quellenlage.batch import ingest_into
    from quellenlage.store.tables import link_queue

    urls = serve_articles(web, 2)
    ingest_into(store, urls, show_progress=False, settings=LOCAL, link=False)  # stored, its linking pass never ran
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(link_queue)).scalar_one() == 2
    web.route("/feed.xml", rss([]), content_type="application/rss+xml")
    kept.add_feed(store, web.url("/feed.xml"), allow_private=True)
    result = watch_once(store, LOCAL, show_progress=False, say=lambda _: None)
    assert result.linked
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(link_queue)).scalar_one() == 0


def test_a_feeds_error_list_keeps_the_latest_errors_of_its_items_only(store, monkeypatch):
    monkeypatch.setattr(kept, "ERRORS_KEPT", 3)
    feed_id = kept.add_feed(store, "https://www.example.de/rss.xml")["id"]
    for k in range(5):
        kept.note_fetch(
            store,
            f"https://www.example.de/a-{k}.html",
            f"https://www.example.de/a-{k}.html",
            "failed",
            reason="HTTP 404",
            feed_id=feed_id,
        )
    assert [e["url"][-8:] for e in kept.errors_of(store, feed_id)] == ["a-4.html", "a-3.html", "a-2.html"]
    assert kept.feed(store, feed_id)["errors"] == 5  # the count is of all of them
