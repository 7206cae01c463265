"""Fetching politely (quellenlage.fetch.http, .urls), against a web server on 127.0.0.1 started here."""

from __future__ import annotations

import dataclasses
import gzip
import itertools
import time

import pytest
from local_web import LocalWeb

from quellenlage.fetch.http import Fetcher, FetchError, NotModified, Page
from quellenlage.fetch.urls import UrlError, check_url, origin, refuse_private, url_key
from quellenlage.settings import Settings

#: Tests run against 127.0.0.1: private addresses allowed, no pause between requests unless a test asks for one.
LOCAL = Settings(allow_private=True, host_interval=0.0, retry_backoff=0.01, fetch_timeout=5.0)


@pytest.fixture
def web():
    with LocalWeb() as server:
        yield server


def fetcher(**changes) -> Fetcher:
    return Fetcher(dataclasses.replace(LOCAL, **changes))


# --- URLs ----------------------------------------------------------------------------


def test_tagesschau_link_with_tracking_amp_and_mobile_host_is_one_page():
    plain = url_key("https://www.tagesschau.de/inland/streik-bahn-100.html")
    assert url_key("https://www.tagesschau.de/inland/streik-bahn-100.html?utm_source=rss&utm_medium=feed#kommentare") == plain
    assert url_key("https://m.tagesschau.de/inland/streik-bahn-100.html") == plain
    assert url_key("https://www.tagesschau.de/amp/inland/streik-bahn-100.html") == plain
    assert url_key("https://www.tagesschau.de/inland/streik-bahn-100.amp.html") == plain
    assert url_key("https://www.tagesschau.de/inland/streik-bahn-100.html?outputType=amp") == plain
    # a query that picks another page is kept
    assert url_key("https://www.zeit.de/politik/2025-11/ukraine-plan?seite=2") != url_key(
        "https://www.zeit.de/politik/2025-11/ukraine-plan"
    )
    # a site whose name merely starts with "m" keeps its host
    assert url_key("https://mdr.de/nachrichten/a-1.html") == "https://mdr.de/nachrichten/a-1.html"


def test_only_http_and_https_urls_with_a_host_are_fetched():
    assert check_url(" https://www.spiegel.de/politik/ ") == "https://www.spiegel.de/politik/"
    for bad, words in [
        ("ftp://ftp.example.de/artikel.txt", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("https:///ohne-host", "no host"),
        ("http://example.de:99999/", "not a valid URL"),
    ]:
        with pytest.raises(UrlError, match=words):
            check_url(bad)


def test_loopback_and_private_addresses_are_refused_unless_allowed(web):
    for url in (
        "http://127.0.0.1/",
        "http://localhost:8080/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/",
    ):
        with pytest.raises(UrlError, match="private or local address"):
            refuse_private(url)
    web.page("/a.html", "<html><body><p>Hallo</p></body></html>")
    with pytest.raises(FetchError, match="--allow-private"):
        fetcher(allow_private=False).get(web.url("/a.html"))
    assert web.requests == []  # refused before any request, robots.txt included
    assert isinstance(fetcher().get(web.url("/a.html")), Page)


def test_origin_of_ipv6_and_default_ports():
    assert origin("https://www.ndr.de/nachrichten/") == "https://www.ndr.de:443"
    assert origin("http://[::1]:8080/x") == "http://[::1]:8080"


# --- robots.txt, user agent, rate --------------------------------------------------------


def test_robots_txt_disallow_is_obeyed_and_read_once(web):
    web.route(
        "/robots.txt",
        "User-agent: *\nDisallow: /intern/\n\nUser-agent: Quellenlage\nDisallow: /archiv/\n",
        content_type="text/plain",
    )
    web.page("/politik/a.html", "<html><body><p>Der Bundestag hat beschlossen.</p></body></html>")
    web.page("/archiv/b.html", "<html><body><p>Alt.</p></body></html>")
    with fetcher() as f:
        assert isinstance(f.get(web.url("/politik/a.html")), Page)
        with pytest.raises(FetchError, match=r"disallowed by robots\.txt"):
            f.get(web.url("/archiv/b.html"))
        assert f.allowed(web.url("/intern/c.html")) is True  # our group replaces the * group (RFC 9309)
    assert web.paths() == ["/robots.txt", "/politik/a.html"]  # the disallowed page is never asked for


def test_a_redirect_into_a_disallowed_path_is_not_followed(web):
    web.route("/robots.txt", "User-agent: *\nDisallow: /privat/\n", content_type="text/plain")
    web.route("/kurz", status=302, headers={"Location": "/privat/x.html"})
    with pytest.raises(FetchError, match=r"redirected to .*/privat/x\.html, disallowed by robots\.txt"):
        fetcher().get(web.url("/kurz"))
    assert "/privat/x.html" not in web.paths()


def test_robots_txt_that_fails_with_5xx_allows_nothing_and_404_allows_everything(web):
    web.route("/robots.txt", "kaputt", status=500, content_type="text/plain")
    web.page("/a.html", "<html><body><p>Text.</p></body></html>")
    with pytest.raises(FetchError, match=r"robots.txt could not be fetched \(HTTP 500\); the host is not asked for pages"):
        fetcher(fetch_retries=0).get(web.url("/a.html"))
    del web.routes["/robots.txt"]  # now a 404
    assert isinstance(fetcher().get(web.url("/a.html")), Page)


def test_the_user_agent_names_the_product(web):
    web.page("/a.html", "<html><body><p>Text.</p></body></html>")
    fetcher().get(web.url("/a.html"))
    agent = web.requests[-1].headers["user-agent"]
    assert agent.startswith("Quellenlage/") and "robots.txt" in agent
    fetcher(user_agent="Redaktionsarchiv-Bot/1.0 (+mailto:archiv@example.de)").get(web.url("/a.html"))
    assert web.requests[-1].headers["user-agent"] == "Redaktionsarchiv-Bot/1.0 (+mailto:archiv@example.de)"


def test_rate_limit_keeps_requests_to_one_host_apart(web):
    """Measured: 8 pages with host_interval 0.25 s take at least 7 gaps of 0.25 s; at most 4 requests a second."""
    for k in range(8):
        web.page(f"/seite-{k}.html", f"<html><body><p>Seite {k}.</p></body></html>")
    with fetcher(host_interval=0.25) as f:
        for k in range(8):
            f.get(web.url(f"/seite-{k}.html"))
    times = [r.at for r in web.requests]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(times) == 9  # robots.txt and 8 pages
    assert min(gaps) >= 0.24, gaps
    rate = (len(times) - 1) / (times[-1] - times[0])
    assert rate <= 4.1, rate


def test_crawl_delay_of_robots_txt_is_obeyed(web):
    web.route("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    web.page("/a.html", "<html><body><p>A.</p></body></html>")
    web.page("/b.html", "<html><body><p>B.</p></body></html>")
    with fetcher() as f:
        f.get(web.url("/a.html"))
        f.get(web.url("/b.html"))
    assert web.requests[2].at - web.requests[1].at >= 0.99  # whole seconds (urllib.robotparser reads no fractions)


# --- timeouts, sizes, retries, redirects ---------------------------------------------------


def test_a_server_that_never_answers_times_out(web):
    web.page("/langsam.html", "<html><body><p>Zu spät.</p></body></html>", delay=3.0)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 1 s"):
        fetcher(fetch_timeout=1.0, fetch_retries=0).get(web.url("/langsam.html"))
    assert time.monotonic() - started < 2.5


def test_a_server_that_drips_its_body_is_cut_off_at_the_time_limit(web):
    """Each piece comes within the read timeout; the whole response does not come within the limit."""
    web.page("/tropf.html", "<html><body><p>" + "Wort " * 400 + "</p></body></html>", drip=0.1)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 1 s"):
        fetcher(fetch_timeout=1.0, fetch_retries=0).get(web.url("/tropf.html"))
    assert time.monotonic() - started < 2.5


def test_a_declared_huge_body_is_refused_before_reading(web):
    web.route("/riesig.html", size=50 * 1024 * 1024)
    with pytest.raises(FetchError, match=r"larger than the 1.0 MB limit \(50.0 MB declared\)"):
        fetcher(max_bytes=1024 * 1024).get(web.url("/riesig.html"))


def test_an_undeclared_huge_body_is_cut_off_at_the_limit(web):
    web.route("/endlos.html", size=50 * 1024 * 1024, declare_length=False)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"larger than the 1.0 MB limit$"):
        fetcher(max_bytes=1024 * 1024).get(web.url("/endlos.html"))
    assert time.monotonic() - started < 5


def test_a_busy_server_is_tried_again_with_backoff(web):
    web.page("/wieder.html", "<html><body><p>Jetzt.</p></body></html>", fail_times=2)
    waits: list[float] = []
    f = Fetcher(dataclasses.replace(LOCAL, retry_backoff=0.05), sleep=waits.append)
    assert isinstance(f.get(web.url("/wieder.html")), Page)
    assert waits == [0.05, 0.1]  # doubled each time (the server's Retry-After: 0 asks for less)
    web.page("/immer.html", "x", fail_times=10)
    with pytest.raises(FetchError, match="HTTP 503"):
        f.get(web.url("/immer.html"))


def test_errors_are_one_line_with_the_status(web):
    web.page("/weg.html", "weg", status=404)
    web.page("/kaputt.html", "kaputt", status=500)
    with fetcher(fetch_retries=0) as f:
        with pytest.raises(FetchError) as e404:
            f.get(web.url("/weg.html"))
        with pytest.raises(FetchError) as e500:
            f.get(web.url("/kaputt.html"))
    assert e404.value.reason == "HTTP 404" and e404.value.name == web.url("/weg.html")
    assert e500.value.reason == "HTTP 500"
    with pytest.raises(FetchError, match=r"robots.txt could not be fetched \(connection failed .*\); the host is not asked"):
        fetcher(fetch_retries=0).get("http://127.0.0.1:9/nichts.html")  # the discard port: nobody listens


def test_redirects_are_followed_within_limits(web):
    web.page("/ziel.html", "<html><body><p>Angekommen.</p></body></html>")
    web.route("/alt.html", status=301, headers={"Location": "/ziel.html"})
    page = fetcher().get(web.url("/alt.html"))
    assert isinstance(page, Page)
    assert page.url == web.url("/alt.html") and page.final_url == web.url("/ziel.html")
    for k in range(7):
        web.route(f"/kreis-{k}", status=302, headers={"Location": f"/kreis-{k + 1}"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher().get(web.url("/kreis-0"))
    web.route("/nach-ftp", status=302, headers={"Location": "ftp://example.de/x"})
    with pytest.raises(
        FetchError,
        match=r"redirected to an unusable location 'ftp://example\.de/x' \(only http and https URLs are fetched, not ftp\)",
    ):
        fetcher().get(web.url("/nach-ftp"))


def test_a_redirect_to_a_private_address_is_refused_when_private_addresses_are_not_allowed(web):
    """Every hop is checked like the first (here the check itself, as the first hop would have to be public)."""
    f = fetcher(allow_private=False)
    with pytest.raises(
        FetchError, match=r"redirected to http://127\.0\.0\.1:1/admin: 127\.0\.0\.1 is a private or local address"
    ):
        f._check("https://www.example.de/weiter", "http://127.0.0.1:1/admin", False)


def test_a_name_that_resolves_to_a_private_address_when_connecting_gets_no_connection(web):
    """DNS rebinding: the check before the request passed, the connection is made to what the name resolves to
    then. The fetcher connects only to addresses it checked itself, at connection time."""
    web.page("/intern.html", "<html><body><p>Intern.</p></body></html>")
    f = fetcher(allow_private=False)
    with pytest.raises(FetchError, match=r"127\.0\.0\.1 is a private or local address"):
        f._once(web.url("/intern.html"), {}, 1024, False)  # straight to the connection, past the first check
    assert web.requests == []
    assert f._once(web.url("/intern.html"), {}, 1024, True)[0] == 200  # allowed: connected


# --- conditional requests -------------------------------------------------------------------


def test_a_conditional_request_for_an_unchanged_page_gets_not_modified(web):
    web.page("/a.html", "<html><body><p>Unverändert.</p></body></html>")
    with fetcher() as f:
        first = f.get(web.url("/a.html"))
        assert isinstance(first, Page) and first.etag and first.last_modified
        again = f.get(web.url("/a.html"), etag=first.etag, last_modified=first.last_modified)
    assert isinstance(again, NotModified)
    assert web.requests[-1].headers["if-none-match"] == first.etag
    assert web.requests[-1].headers["if-modified-since"] == first.last_modified


# --- what a hostile or broken server sends (found in review) ----------------------------------------


def test_a_server_that_stalls_its_headers_is_cut_off_at_the_time_limit(web):
    """Each header byte comes within the read timeout; the whole response does not come within the limit."""
    web.page("/stockend.html", "", drip_headers=0.2)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 1 s"):
        fetcher(fetch_timeout=1.0, fetch_retries=0).get(web.url("/stockend.html"))
    assert time.monotonic() - started < 2.5


def test_a_gzip_bomb_is_cut_off_at_the_size_limit_without_inflating_it_whole(web):
    bomb = gzip.compress(b"\0" * (200 * 1024 * 1024), compresslevel=9)  # 200 MB in about 200 KB
    web.route("/bombe.html", bomb, headers={"Content-Encoding": "gzip"}, validators=False)
    with pytest.raises(FetchError, match=r"larger than the 1\.0 MB limit$"):
        fetcher(max_bytes=1024 * 1024).get(web.url("/bombe.html"))
    twice = gzip.compress(gzip.compress(b"<p>Hallo</p>"))
    web.route("/doppelt.html", twice, headers={"Content-Encoding": "gzip, gzip"}, validators=False)
    with pytest.raises(FetchError, match=r"undecodable response \(content encoding 'gzip, gzip' is not read\)"):
        fetcher().get(web.url("/doppelt.html"))


def test_a_gzip_and_a_deflate_page_are_read(web):
    import zlib

    page = b"<html><body><p>Die Gewerkschaft rief zum Warnstreik auf.</p></body></html>"
    web.route("/gzip.html", gzip.compress(page), headers={"Content-Encoding": "gzip"}, validators=False)
    web.route("/deflate.html", zlib.compress(page), headers={"Content-Encoding": "deflate"}, validators=False)
    raw = zlib.compressobj(wbits=-15)
    web.route("/roh.html", raw.compress(page) + raw.flush(), headers={"Content-Encoding": "deflate"}, validators=False)
    with fetcher() as f:
        for path in ("/gzip.html", "/deflate.html", "/roh.html"):
            got = f.get(web.url(path))
            assert isinstance(got, Page) and got.body == page, path


def test_a_validator_with_umlauts_is_not_kept_and_the_next_request_still_works(web):
    web.page("/a.html", "<html><body><p>Text.</p></body></html>", headers={"ETag": '"Fassung-ä"'}, validators=False)
    with fetcher() as f:
        first = f.get(web.url("/a.html"))
        assert isinstance(first, Page) and first.etag is None
        assert isinstance(f.get(web.url("/a.html"), etag='"Fassung-ä"'), Page)  # not sent, no crash
    assert "if-none-match" not in web.requests[-1].headers


def test_a_user_agent_with_umlauts_from_the_environment_is_ignored():
    assert Settings.from_env({"QUELLENLAGE_USER_AGENT": "Archiv-Bot (Jörg)"}).user_agent == Settings().user_agent
    assert Settings.from_env({"QUELLENLAGE_USER_AGENT": "Archiv-Bot/2"}).user_agent == "Archiv-Bot/2"


def test_a_redirect_to_a_location_that_is_no_url_is_one_line(web):
    web.route("/kaputt", status=302, headers={"Location": "http://[kaputt/x"})
    with pytest.raises(FetchError, match=r"redirected to an unusable location 'http://\[kaputt/x'"):
        fetcher().get(web.url("/kaputt"))
    web.route("/robots.txt", status=302, headers={"Location": "http://[kaputt/robots.txt"})
    with pytest.raises(FetchError, match=r"robots\.txt could not be fetched \(redirected to an unusable location"):
        fetcher().get(web.url("/a.html"))


def test_robots_txt_longest_match_and_wildcards_as_rfc_9309_reads_them(web):
    web.route(
        "/robots.txt",
        "User-agent: *\nAllow: /\nDisallow: /intern/\nDisallow: /*?druck=\nAllow: /intern/presse/\n",
        content_type="text/plain",
    )
    with fetcher() as f:
        assert not f.allowed(web.url("/intern/geheim.html"))  # the longer rule wins, whatever the order
        assert f.allowed(web.url("/intern/presse/mitteilung.html"))
        assert not f.allowed(web.url("/politik/a.html?druck=1"))
        assert f.allowed(web.url("/politik/a.html"))


def test_ipv6_addresses_that_carry_a_private_ipv4_address_are_not_public():
    from ipaddress import ip_address

    from quellenlage.fetch.urls import is_public

    for private in ("64:ff9b::a00:1", "2002:a00:1::1", "::ffff:10.0.0.1", "::127.0.0.1", "fec0::1", "fe80::1", "fd00::1"):
        assert not is_public(ip_address(private)), private
    for public in ("2a00:1450:4001:80b::200e", "64:ff9b::808:808", "8.8.8.8", "193.99.144.80"):
        assert is_public(ip_address(public)), public


def test_gzip_members_one_after_the_other_are_read_and_a_cut_stream_is_refused(web):
    page = ("<p>" + "Die Tarifparteien verhandeln weiter. " * 200 + "</p>").encode()
    two = gzip.compress(page[:3000]) + gzip.compress(page[3000:])
    web.route("/zwei.html", two, headers={"Content-Encoding": "gzip"}, validators=False)
    web.route("/halb.html", gzip.compress(page)[:60], headers={"Content-Encoding": "gzip"}, validators=False)
    with fetcher(fetch_retries=0) as f:
        got = f.get(web.url("/zwei.html"))
        assert isinstance(got, Page) and got.body == page
        with pytest.raises(FetchError, match=r"undecodable response \(the compressed body is cut short\)"):
            f.get(web.url("/halb.html"))


def test_a_304_to_a_request_that_was_not_conditional_is_an_error(web):
    web.route("/komisch.html", status=304, validators=False)
    with pytest.raises(FetchError, match="HTTP 304 to a request that was not conditional"):
        fetcher().get(web.url("/komisch.html"))


def test_a_host_that_asks_for_an_hour_is_not_asked_again_this_run(web):
    web.route("/a.html", "zu viel", status=429, headers={"Retry-After": "3600"}, validators=False)
    web.page("/b.html", "<html><body><p>B.</p></body></html>")
    waits: list[float] = []
    f = Fetcher(LOCAL, sleep=waits.append)
    with pytest.raises(FetchError, match=r"HTTP 429, asking for a pause of 3600 s"):
        f.get(web.url("/a.html"))
    with pytest.raises(FetchError, match=r"the host answered HTTP 429; not asked again in this run"):
        f.get(web.url("/b.html"))
    assert web.paths() == ["/robots.txt", "/a.html"] and waits == []


def test_urls_with_control_characters_or_undecodable_bytes_are_refused():
    for bad in ("http://example.de/a\x00b", "http://example.de/\u200bversteckt", "http://example.de/\udcfc"):
        with pytest.raises(UrlError, match="not a valid URL"):
            check_url(bad)
