"""Fetching politely: one :class:`Fetcher` per run, every request through :meth:`Fetcher.get`.

What every request gets, whoever asks (``ingest URL``, ``watch``, robots.txt itself):

- **only http(s)**, and no loopback, private, link-local or reserved address unless the run allows it
  (``--allow-private``, ``QUELLENLAGE_ALLOW_PRIVATE=1``), checked again at every redirect;
- **robots.txt** of the origin, read by protego (RFC 9309: the longest rule wins, wildcards; a 4xx robots.txt
  allows everything, a 5xx or an unreachable one allows nothing for now), read once a day (kept in the store
  when there is one), its Crawl-delay obeyed;
- **one request at a time per host**, the next ``host_interval`` seconds after the last answer ended;
- **a User-Agent naming the product** (``Settings.user_agent``);
- **a time limit for the whole response** (``fetch_timeout``: connecting, waiting, headers and body keep to
  one deadline, :mod:`.connect`, so a server that drips a byte a second cannot hold a run), and **a size
  cap** (``max_bytes``, counted after decompression, :mod:`.body`: a declared Content-Length above it is
  refused before reading, a body is cut off as soon as it passes it);
- **retries with backoff** after a timeout, a lost connection, 429 or 5xx (``fetch_retries``, the wait
  ``retry_backoff`` doubled each time, or the server's Retry-After up to a minute); a host asking for longer,
  or still refusing after the retries, is left alone for the rest of the run;
- **redirects followed** up to ``max_redirects``, each hop checked like the first;
- **conditional requests** when the caller knows the ETag or Last-Modified of its last copy: 304 comes back
  as :class:`NotModified`, nothing is read.

Failures are :class:`FetchError` with the URL and a one-line reason ("HTTP 404", "timed out after 30 s",
"disallowed by robots.txt", "larger than the 5.0 MB limit" …).
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Protocol
from urllib.parse import urljoin

import httpx
from protego import Protego

from ..errors import QuellenlageError, ReadError
from ..settings import Settings
from .body import Body, TooLarge, Undecodable
from .connect import DEADLINE, GuardedTransport, Refused
from .urls import UrlError, check_url, origin, refuse_private

#: Statuses after which a request is tried again.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: How long a robots.txt is trusted before it is fetched again.
ROBOTS_TTL = timedelta(days=1)
#: Longest Crawl-delay or Retry-After obeyed (seconds); a robots.txt asking more gets this.
MAX_DELAY = 60.0
#: Largest robots.txt read (RFC 9309 asks crawlers to read at least 500 KiB); a longer one is read that far.
ROBOTS_MAX_BYTES = 512 * 1024
#: Seconds a host that still answered 429 or 503 after the retries is left alone for the rest of the run.
PAUSE_AFTER_REFUSALS = 600.0
#: The product token robots.txt groups are matched against.
ROBOTS_AGENT = "Quellenlage"

ACCEPT_PAGE = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5"
ACCEPT_FEED = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1"


class FetchError(ReadError):
    """A URL could not be fetched: ``name`` is the URL, ``reason`` one line. ``passing``: the failure may pass
    (the host timed out, was unreachable, overloaded or rate-limiting, its robots.txt could not be read):
    a feed's item is then tried again for days, not given up after three tries."""

    def __init__(self, name: str, reason: str, passing: bool = False):
        super().__init__(name, reason)
        self.passing = passing


@dataclass(frozen=True)
class Page:
    """A response with a body (2xx)."""

    url: str
    """As asked for."""
    final_url: str
    """After redirects."""
    status: int
    content_type: str | None
    """The media type without parameters, lower-case ("text/html")."""
    charset: str | None
    etag: str | None
    last_modified: str | None
    body: bytes
    fetched_at: str
    """When the response came, ISO 8601 in UTC."""
    key: str | None = None
    """The canonical URL it is known by (:func:`~quellenlage.fetch.urls.url_key`), set by whoever asked for it."""
    feed_id: int | None = None
    """The feed whose item it is, when it is one."""
    item_updated: str | None = None
    """The feed's date of that item."""

    @property
    def sha256(self) -> str:
        return "sha256:" + hashlib.sha256(self.body).hexdigest()

    def url_row(self, article_id: str) -> dict[str, object]:
        """The ``fetched_urls`` columns after this page made (or matched) a record of ``article_id``."""
        return {
            "key": self.key or self.url,
            "url": self.url,
            "article_id": article_id,
            "feed_id": self.feed_id,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "item_updated": self.item_updated,
            "reason": None,
            "attempts": 0,
            "fetched_at": self.fetched_at,
        }

    def row(self) -> dict[str, object]:
        """The ``pages`` columns of this response, its body gzip-compressed (no article id and revision yet)."""
        return {
            "url": self.url,
            "final_url": self.final_url,
            "fetched_at": self.fetched_at,
            "status": self.status,
            "content_type": self.content_type,
            "charset": self.charset,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "sha256": self.sha256,
            "size": len(self.body),
            "raw": gzip.compress(self.body, compresslevel=6, mtime=0),
        }


@dataclass(frozen=True)
class NotModified:
    """A 304 to a conditional request: the copy the caller has is current."""

    url: str
    fetched_at: str


class RobotsMemory(Protocol):
    """Where robots.txt files are kept between runs (the store: :meth:`Store.robots_txt`)."""

    def robots_txt(self, origin: str) -> tuple[str, int, str] | None:
        """(body, status, fetched_at) of the origin's robots.txt as last fetched, or None."""

    def keep_robots_txt(self, origin: str, body: str, status: int) -> None:
        """Keep the origin's robots.txt as fetched now."""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Fetcher:
    """Polite HTTP for one run (see the module). ``memory`` keeps robots.txt between runs; ``sleep`` and
    ``clock`` are the waiting and timing functions (real ones by default)."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        memory: RobotsMemory | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.settings = settings or Settings.from_env()
        self.memory = memory
        self._sleep = sleep
        self._clock = clock
        self._next: dict[str, float] = {}  # origin -> earliest time of its next request
        # origin -> (rules, or None when nothing may be fetched; Crawl-delay; why nothing may be)
        self._robots: dict[str, tuple[Protego | None, float, str]] = {}
        self._lock = threading.Lock()
        self.requests: list[tuple[str, str, float]] = []
        """(method, URL, clock time) of every request sent, in order (the rate the run kept)."""
        self._clients: dict[bool, httpx.Client] = {}  # by whether private addresses are allowed
        self._paused: dict[str, tuple[float, str]] = {}  # origin -> (clock time it may be asked again, why)

    def _client(self, private: bool) -> httpx.Client:
        if private not in self._clients:
            s = self.settings
            self._clients[private] = httpx.Client(
                headers={"User-Agent": s.user_agent, "Accept-Language": "de,en;q=0.5"},
                timeout=httpx.Timeout(s.fetch_timeout, connect=min(10.0, s.fetch_timeout)),
                follow_redirects=False,
                trust_env=False,  # no proxy or netrc from the environment: the run fetches what it is asked, directly
                transport=GuardedTransport(public_only=not private),
            )
        return self._clients[private]

    def close(self) -> None:
        for client in self._clients.values():
            client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the one way out ---------------------------------------------------

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = ACCEPT_PAGE,
        allow_private: bool | None = None,
    ) -> Page | NotModified:
        """Fetch ``url`` (see the module); ``etag`` / ``last_modified`` make the request conditional.
        Raises :class:`FetchError`."""
        asked = url
        try:
            url = check_url(url)
        except UrlError as exc:
            raise FetchError(asked, str(exc)) from None
        private = self.settings.allow_private if allow_private is None else allow_private
        headers = {"Accept": accept, "Accept-Encoding": "gzip, deflate"}
        if etag and _sendable(etag):
            headers["If-None-Match"] = etag
        if last_modified and _sendable(last_modified):
            headers["If-Modified-Since"] = last_modified
        for _ in range(self.settings.max_redirects + 1):
            self._check(asked, url, private)
            self._not_paused(asked, url)
            response_or_target = self._request(asked, url, headers, private)
            if isinstance(response_or_target, str):
                url = response_or_target
                continue
            return response_or_target
        raise FetchError(asked, f"more than {self.settings.max_redirects} redirects")

    def _check(self, asked: str, url: str, private: bool) -> None:
        try:
            check_url(url)
            if not private:
                refuse_private(url)
        except UrlError as exc:
            raise FetchError(asked, str(exc) if url == asked else f"redirected to {url}: {exc}") from None
        why = self._robots_verdict(url, private)
        if why:
            passing = why != "disallowed by robots.txt"  # robots.txt unreachable or failing: may pass
            raise FetchError(asked, why if url == asked else f"redirected to {url}, {why}", passing)

    def _pause(self, url: str, seconds: float, reason: str) -> None:
        """Ask the URL's host nothing more for ``seconds`` (it refused with 429 or 503, or asked for that)."""
        self._paused[origin(url)] = (self._clock() + seconds, reason)

    def _not_paused(self, asked: str, url: str) -> None:
        until, reason = self._paused.get(origin(url), (0.0, ""))
        left = until - self._clock()
        if left > 0:
            raise FetchError(asked, f"the host answered {reason}; not asked again in this run", passing=True)

    def _request(self, asked: str, url: str, headers: dict[str, str], private: bool) -> Page | NotModified | str:
        """One request with its retries: the page, a 304, or the URL a redirect points to."""
        s = self.settings
        attempt = 0
        while True:
            wait: float | None = None
            try:
                result = self._once(url, headers, s.max_bytes, private)
            except FetchError as exc:
                raise FetchError(
                    asked, exc.reason if url == asked else f"{exc.reason} (after redirects, at {url})", exc.passing
                ) from None
            except _Retry as retry:
                if retry.after is not None and retry.after > MAX_DELAY:
                    # the host asks for a longer pause than we wait: it gets it, for every URL of this run
                    self._pause(url, retry.after, retry.reason)
                    raise FetchError(
                        asked, f"{retry.reason}, asking for a pause of {retry.after:.0f} s: not asked again before", passing=True
                    ) from None
                if attempt >= s.fetch_retries:
                    if retry.status in (429, 503):  # overloaded or rate-limiting us: leave it alone for a while
                        self._pause(url, PAUSE_AFTER_REFUSALS, retry.reason)
                    raise FetchError(asked, retry.reason, passing=True) from None
                wait = retry.after
            else:
                status, response_headers, body = result
                if 300 <= status < 400 and status != 304:
                    location = response_headers.get("location")
                    if not location:
                        raise FetchError(asked, f"HTTP {status} without a Location")
                    return _redirect_target(asked, url, location)
                if status == 304:
                    if "If-None-Match" not in headers and "If-Modified-Since" not in headers:
                        raise FetchError(asked, "HTTP 304 to a request that was not conditional")
                    return NotModified(asked, now_iso())
                if status >= 400:
                    raise FetchError(asked, f"HTTP {status}" + (f" (after redirects, at {url})" if url != asked else ""))
                media, charset = _content_type(response_headers.get("content-type"))
                if not 200 <= status < 300:
                    raise FetchError(asked, f"HTTP {status}")
                return Page(
                    url=asked,
                    final_url=url,
                    status=status,
                    content_type=media,
                    charset=charset,
                    etag=_validator(response_headers.get("etag")),
                    last_modified=_validator(response_headers.get("last-modified")),
                    body=body,
                    fetched_at=now_iso(),
                )
            backoff = s.retry_backoff * (2**attempt)
            self._sleep(min(MAX_DELAY, max(backoff, wait or 0.0)))
            attempt += 1

    def _once(
        self, url: str, headers: dict[str, str], limit: int, private: bool, cut: bool = False
    ) -> tuple[int, httpx.Headers, bytes]:
        """Send one request (waiting for the host's turn) and read the body within the time and size limits
        (``cut``: a longer body is read up to the limit, not refused). Raises :class:`_Retry` for what may
        pass, :class:`FetchError` for what will not."""
        self._wait_turn(url)
        DEADLINE.at = time.monotonic() + self.settings.fetch_timeout  # every socket read of this request keeps to it
        try:
            return self._read(url, headers, limit, private, cut)
        finally:
            DEADLINE.at = None
            self._rest(url)

    def _read(self, url: str, headers: dict[str, str], limit: int, private: bool, cut: bool) -> tuple[int, httpx.Headers, bytes]:
        s = self.settings
        body: Body | None = None
        try:
            with self._client(private).stream("GET", url, headers=headers) as response:
                if response.status_code in RETRY_STATUSES:
                    raise _Retry(
                        f"HTTP {response.status_code}", _retry_after(response.headers.get("retry-after")), response.status_code
                    )
                if 300 <= response.status_code < 400 or response.status_code >= 400:
                    return response.status_code, response.headers, b""
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit and not cut:
                    raise FetchError(url, f"larger than the {_mb(limit)} limit ({_mb(int(declared))} declared)")
                body = Body(response.headers.get("content-encoding"), limit)
                for chunk in response.iter_raw():
                    body.add(chunk)
                return response.status_code, response.headers, body.done()
        except TooLarge:
            if cut and body is not None:
                return 200, httpx.Headers(), b"".join(body.chunks)[:limit]
            raise FetchError(url, f"larger than the {_mb(limit)} limit") from None
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"not a valid URL ({exc})") from None
        except Undecodable as exc:
            raise FetchError(url, f"undecodable response ({exc})") from None
        except httpx.TimeoutException:
            raise _Retry(f"timed out after {s.fetch_timeout:g} s") from None
        except httpx.ConnectError as exc:
            if isinstance(exc.__cause__, Refused):  # resolved to a private address when connecting
                raise FetchError(url, str(exc.__cause__)) from None
            raise _Retry(f"connection failed ({type(exc).__name__}: {exc or 'no reason given'})") from None
        except httpx.TransportError as exc:
            raise _Retry(f"connection failed ({type(exc).__name__}: {exc or 'no reason given'})") from None
        except (httpx.HTTPError, ValueError, UnicodeError) as exc:  # a header we cannot send, a broken answer
            raise FetchError(url, f"cannot fetch ({type(exc).__name__}: {exc})") from None

    def _wait_turn(self, url: str) -> None:
        """Wait until the host may be asked again, then note the request."""
        key = origin(url)
        with self._lock:
            now = self._clock()
            ready = self._next.get(key, now)
            if ready > now:
                self._sleep(ready - now)
            self._next[key] = self._clock() + self.settings.host_interval  # until _rest, when the answer is read
            self.requests.append(("GET", url, self._clock()))

    def _rest(self, url: str) -> None:
        """The host's next turn: ``host_interval`` (or its robots.txt's Crawl-delay) after this answer ended,
        so the pause the host sees between two requests is never shorter, however long connecting took."""
        key = origin(url)
        delay = self._robots[key][1] if key in self._robots else 0.0
        with self._lock:
            self._next[key] = self._clock() + max(self.settings.host_interval, delay)

    # --- robots.txt --------------------------------------------------------

    def allowed(self, url: str, private: bool | None = None) -> bool:
        """Whether the origin's robots.txt lets the product fetch ``url`` (read once per run and origin)."""
        return self._robots_verdict(url, self.settings.allow_private if private is None else private) is None

    def _robots_verdict(self, url: str, private: bool) -> str | None:
        """Why robots.txt keeps ``url`` from being fetched, or None when it may be."""
        key = origin(url)
        if key not in self._robots:
            self._robots[key] = self._read_robots(key, private)
        rules, _, why = self._robots[key]
        if rules is None:
            return why
        return None if rules.can_fetch(url, ROBOTS_AGENT) else "disallowed by robots.txt"

    def _read_robots(self, key: str, private: bool) -> tuple[Protego | None, float, str]:
        try:
            kept = self.memory.robots_txt(key) if self.memory else None
        except QuellenlageError:
            kept = None
        if kept is not None and datetime.fromisoformat(kept[2]) > datetime.now(UTC) - ROBOTS_TTL:
            body, status, problem = kept[0], kept[1], ""
        else:
            body, status, problem = self._fetch_robots(key, private)
            body = body.replace("\x00", "")  # no text column takes a NUL (PostgreSQL), no rule needs one
            if status and status < 500 and self.memory:
                try:
                    self.memory.keep_robots_txt(key, body, status)
                except QuellenlageError:
                    pass  # not kept: read again next run
        if not status:  # RFC 9309 2.3.1.4: unreachable, nothing is fetched from the host for now
            return None, 0.0, f"robots.txt could not be fetched ({problem}); the host is not asked for pages"
        if status >= 500:
            return None, 0.0, f"robots.txt answers HTTP {status}; the host is not asked for pages"
        rules = Protego.parse(body if 200 <= status < 300 else "")
        delay = rules.crawl_delay(ROBOTS_AGENT)
        return rules, (min(MAX_DELAY, float(delay)) if delay else 0.0), ""

    def _fetch_robots(self, key: str, private: bool) -> tuple[str, int, str]:
        """(body, status, problem) of ``key``/robots.txt, following redirects; status 0 when it could not be
        fetched, and then the problem says why."""
        url = key + "/robots.txt"
        for _ in range(self.settings.max_redirects + 1):
            try:
                check_url(url)
                if not private:
                    refuse_private(url)
                status, headers, body = self._once(url, {"Accept": "text/plain"}, ROBOTS_MAX_BYTES, private, cut=True)
            except _Retry as exc:
                return "", 0, exc.reason
            except (FetchError, UrlError) as exc:
                return "", 0, getattr(exc, "reason", None) or str(exc)
            if 300 <= status < 400 and headers.get("location"):
                try:
                    url = _redirect_target(url, url, headers["location"])
                except FetchError as exc:
                    return "", 0, exc.reason
                continue
            return (body.decode("utf-8", errors="replace") if 200 <= status < 300 else ""), status, ""
        return "", 0, "too many redirects"


def _sendable(value: str) -> bool:
    """Whether a header value can be sent back as it came (printable ASCII)."""
    return value.isascii() and value.isprintable()


def _validator(value: str | None) -> str | None:
    """An ETag or Last-Modified worth keeping for a conditional request: printable ASCII, not too long."""
    return value if value and _sendable(value) and len(value) <= 512 else None


def _redirect_target(asked: str, url: str, location: str) -> str:
    """Where a redirect from ``url`` points; :class:`FetchError` for a Location that is no URL."""
    try:
        return check_url(urljoin(url, location.strip()))
    except (ValueError, UrlError) as exc:
        raise FetchError(asked, f"redirected to an unusable location {location[:200]!r} ({exc})") from None


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None = None, status: int | None = None):
        self.reason = reason
        self.after = after
        self.status = status


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), None when it asks nothing readable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, val = param.strip().partition("=")
        if name.lower() == "charset" and val:
            charset = val.strip("\"' ").lower()
    return media.strip().lower() or None, charset


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"
