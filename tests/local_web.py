"""A web server on 127.0.0.1 for the fetching tests: pages, feeds, sitemaps, robots.txt, redirects, slow,
failing and huge responses, each request logged. Nothing in the suite fetches from any other address.

    with LocalWeb() as web:
        web.page("/a.html", "<html>…</html>")
        web.url("/a.html")            # http://127.0.0.1:PORT/a.html
        web.requests                  # every request: (path, headers, monotonic time)
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

FIXTURES = Path(__file__).parent / "fixtures" / "web"


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a client that hangs up early (size caps, timeouts) is what the tests do on purpose


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    validators: bool = True  # send ETag and Last-Modified, answer conditional requests with 304
    delay: float = 0.0  # seconds before the headers
    drip: float = 0.0  # seconds between 100-byte pieces of the body
    size: int | None = None  # a generated body of this many bytes (huge responses) instead of ``body``
    declare_length: bool = True
    fail_times: int = 0  # answer 503 this many times first
    drip_headers: float = 0.0  # seconds between the bytes of a long header line (a server stalling its headers)
    modified: str = field(default_factory=lambda: formatdate(time.time() - 3600, usegmt=True))


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


class LocalWeb:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                web._serve(self)

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LocalWeb:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, body: bytes | str = b"", **options) -> Route:
        route = Route(body=body.encode("utf-8") if isinstance(body, str) else body, **options)
        self.routes[path] = route
        return route

    def page(self, path: str, body: str, **options) -> Route:
        return self.route(path, body, **options)

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        path = urlsplit(h.path).path  # routes by path; the query (tracking parameters) is ignored, as sites do
        with self._lock:
            self.requests.append(Request(path, {k.lower(): v for k, v in h.headers.items()}, time.monotonic()))
            route = self.routes.get(path)
            if route is not None and route.fail_times > 0:
                route.fail_times -= 1
                failing = True
            else:
                failing = False
        if route is None:
            return self._send(h, 404, b"not found", "text/plain")
        if failing:
            return self._send(h, 503, b"busy", "text/plain", {"Retry-After": "0"})
        if route.delay:
            time.sleep(route.delay)
        if route.drip_headers:
            return self._send_slow_headers(h, route)
        headers = dict(route.headers)
        if route.status in (301, 302, 303, 307, 308):
            return self._send(h, route.status, b"", "text/plain", headers)
        if route.validators and route.status == 200 and route.size is None:
            etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            headers.setdefault("ETag", etag)
            headers.setdefault("Last-Modified", route.modified)
            if h.headers.get("If-None-Match") == etag or (
                h.headers.get("If-Modified-Since") == route.modified and not h.headers.get("If-None-Match")
            ):
                return self._send(h, 304, b"", None, headers)
        if route.size is not None:
            return self._send_huge(h, route)
        self._send(h, route.status, route.body, route.content_type, headers, route.drip, route.declare_length)

    def _send(self, h, status, body, content_type, headers=None, drip=0.0, declare_length=True) -> None:
        try:
            h.send_response(status)
            if content_type:
                h.send_header("Content-Type", content_type)
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            if declare_length:
                h.send_header("Content-Length", str(len(body)))
            else:
                h.send_header("Connection", "close")
                h.close_connection = True
            h.end_headers()
            if status == 304:
                return
            if drip:
                for k in range(0, len(body), 100):
                    h.wfile.write(body[k : k + 100])
                    h.wfile.flush()
                    time.sleep(drip)
            else:
                h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send_slow_headers(self, h, route: Route) -> None:
        try:
            h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Langsam: ")
            for _ in range(200):
                h.wfile.write(b"a")
                h.wfile.flush()
                time.sleep(route.drip_headers)
            h.wfile.write(b"\r\nContent-Length: 0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send_huge(self, h, route: Route) -> None:
        try:
            h.send_response(200)
            h.send_header("Content-Type", route.content_type)
            if route.declare_length:
                h.send_header("Content-Length", str(route.size))
            else:
                h.send_header("Connection", "close")
                h.close_connection = True
            h.end_headers()
            piece = b"<p>" + b"x" * 65530 + b"</p>"
            sent = 0
            while sent < (route.size or 0):
                h.wfile.write(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass


# --- fixture articles --------------------------------------------------------------


def wikinews_articles() -> list[dict]:
    """50 German Wikinews articles (quotes-wikinews dev split; CC BY-NC-SA 4.0, test data only)."""
    with gzip.open(FIXTURES / "wikinews-dev-50.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def article_html(article: dict, url: str, *, extra: str = "") -> str:
    """An article page in the shape news sites use: JSON-LD NewsArticle, OpenGraph, canonical link."""
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in article["text"].split("\n") if p.strip())
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article["headline"],
        "datePublished": article["published"],
        "publisher": {"@type": "Organization", "name": "Wikinews"},
        "url": url,
    }
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{html.escape(article["headline"])}</title>
<link rel="canonical" href="{html.escape(url)}">
<meta property="og:title" content="{html.escape(article["headline"])}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head><body><nav><a href="/">Start</a></nav>
<article><h1>{html.escape(article["headline"])}</h1>
{paragraphs}
{extra}
</article><footer>Quelle: Wikinews</footer></body></html>"""


def rss(items: list[tuple[str, str, str]], title: str = "Nachrichten") -> str:
    """An RSS 2.0 feed of (link, title, RFC 2822 date) items."""
    body = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link><pubDate>{d}</pubDate></item>"
        for link, t, d in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>{body}</channel></rss>'
