"""Article pages from URLs: fetched, checked, read by the readers like any file.

:class:`UrlSource` is what :func:`quellenlage.read.read_inputs` asks for a URL among its paths. It
fetches the page (conditionally, when the store has a copy: a 304 is counted "not modified" and nothing
is read), refuses what is not an article page (a feed, an image, a PDF) with a one-line reason, and hands
the bytes to the reader as an :class:`~quellenlage.read.sources.Input`. The article it gives carries the
page (``provenance.page``), so the record notes where and when it was fetched and the store keeps the raw
bytes with the revision it makes.
"""

from __future__ import annotations

import codecs
import dataclasses
import io
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..article import Article
from ..errors import ReadError
from ..settings import Settings
from .http import Fetcher, FetchError, NotModified, Page
from .urls import UrlError, check_url, printable, same_site, url_key

if TYPE_CHECKING:
    from ..read.sources import Input, Skipped
    from ..store import Store

#: Media types read as article pages (a page without a Content-Type is sniffed).
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
#: Media types of feeds and sitemaps: `feeds add`, not `ingest`.
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"})
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF|urlset|sitemapindex)\b", re.DOTALL)


class UrlSource:
    """Pages fetched for one run: ``fetcher`` sends the requests; with a ``store``, a URL stored before is
    asked for conditionally and every fetch is noted there (:mod:`quellenlage.store.fetching`).
    ``feed_id`` and ``item_updated`` (canonical URL → the feed's date of the item) mark a feed's items;
    ``allow_private`` overrides the run's setting (a feed added with ``--allow-private``)."""

    def __init__(
        self,
        fetcher: Fetcher,
        store: Store | None = None,
        *,
        feed_id: int | None = None,
        item_updated: dict[str, str] | None = None,
        allow_private: bool | None = None,
    ):
        self.fetcher = fetcher
        self.store = store
        self.feed_id = feed_id
        self.item_updated = item_updated or {}
        self.allow_private = allow_private
        self.noted: set[str] = set()
        """The URLs whose failure this source noted in the store itself (fetching or reading them)."""

    def articles(
        self, url: str, read: Callable[[Input], Iterator[Article | ReadError]], settings: Settings
    ) -> Iterator[Article | ReadError | Skipped]:
        """The article of the page at ``url`` (read by ``read``), a :class:`ReadError` with the reason it has
        none, or :class:`Skipped` "not modified"."""
        from ..read.sources import Input, Skipped

        try:
            key = url_key(check_url(url))
        except UrlError as exc:
            shown = printable(url)  # one line, and text any column takes
            self._failed(shown, shown, str(exc))
            yield ReadError(shown, str(exc))
            return
        known = self._known(key)
        try:
            got = self.fetcher.get(
                url,
                etag=known.get("etag") if known else None,
                last_modified=known.get("last_modified") if known else None,
                allow_private=self.allow_private,
            )
        except FetchError as exc:
            self._failed(key, url, exc.reason, exc.passing)
            yield ReadError(url, exc.reason)
            return
        if isinstance(got, NotModified):
            self._note(key, url, "not modified")
            kept = self._outdated_copy(known, url) if known else None
            if kept is None:
                yield Skipped(url, "not modified")
                return
            got = kept  # the page as stored, analysed again by this version
        page = dataclasses.replace(got, key=key, feed_id=self.feed_id, item_updated=self.item_updated.get(key))
        reason = not_an_article(page) or _front_page(url, page)
        if reason:
            self._failed(key, url, reason)
            yield ReadError(url, reason)
            return
        body = as_utf8(page)
        inp = Input(
            name=url,
            suffix=".txt" if page.content_type == "text/plain" else ".html",
            _open=lambda: io.BytesIO(body),
            size=len(body),
            settings=settings,
            crawled=page.fetched_at,
        )
        for item in _guarded(read(inp), url):
            if isinstance(item, ReadError):
                self._failed(key, url, item.reason)
                yield item
                continue
            item.provenance.page = page
            if item.meta.url and not same_site(item.meta.url, page.final_url):
                # the id comes from the URL: a page may not claim an article of another site as its own
                item.provenance.warnings.append(
                    f"the page names {item.meta.url} as its URL, on another site than {page.final_url}; its own URL is used"
                )
                item = item.with_meta(url=page.final_url)
            elif not item.meta.url:
                item = item.with_meta(url=page.final_url)
            yield item

    def _known(self, key: str) -> dict | None:
        """The store's row of a URL stored before (its ETag and Last-Modified), else None."""
        if self.store is None:
            return None
        from ..store.fetching import fetched

        row = fetched(self.store, [key]).get(key)
        return row if row is not None and row.get("article_id") else None

    def _outdated_copy(self, known: dict, url: str) -> Page | None:
        """For a page not modified since it was stored: the stored page, when the record it made comes from
        another analysis version (the page is then analysed again from its raw bytes, with no new request);
        None when the record is current."""
        from ..analyse.pipeline import ANALYSIS_VERSION
        from ..store.fetching import current_page

        assert self.store is not None
        found = current_page(self.store, known["article_id"])
        if found is None:
            return None
        row, version = found
        if version is not None and version.split("+cut", 1)[0] == ANALYSIS_VERSION:
            return None
        return Page(
            url=url,
            final_url=str(row["final_url"]),
            status=int(row["status"]),
            content_type=row["content_type"],
            charset=row.get("charset"),
            etag=row["etag"],
            last_modified=row["last_modified"],
            body=row["body"],
            fetched_at=str(row["fetched_at"]),
        )

    def _note(self, key: str, url: str, outcome: str, reason: str | None = None, passing: bool = False) -> None:
        if self.store is None:
            return
        from ..store.fetching import note_fetch

        note_fetch(
            self.store,
            key,
            url,
            outcome,
            reason=reason,
            feed_id=self.feed_id,
            item_updated=self.item_updated.get(key),
            passing=passing,
        )

    def _failed(self, key: str, url: str, reason: str, passing: bool = False) -> None:
        self.noted.add(url)
        self._note(key, url, "failed", reason, passing)


def _guarded(items: Iterator[Article | ReadError], url: str) -> Iterator[Article | ReadError]:
    """The reader's articles; a reader that fails on a hostile page (a bug of ours, found by the web) fails
    that page, with its reason, never the run."""
    try:
        yield from items
    except Exception as exc:
        yield ReadError(url, f"reading failed ({type(exc).__name__}: {exc})")


def as_utf8(page: Page) -> bytes:
    """The body for the readers: as served, unless it is not UTF-8 and the response's Content-Type names its
    charset ("text/html; charset=iso-8859-15"), which then decodes it (HTTP's word beats the page's own
    ``<meta charset>``; without either, the reader tries UTF-8, then cp1252, with a warning). The raw page
    is kept as served either way."""
    charset = page.charset
    if not charset:
        return page.body
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        return page.body
    if codec == "utf-8":
        return page.body
    try:
        page.body.decode("utf-8")
        return page.body  # already UTF-8 whatever the header says
    except UnicodeDecodeError:
        pass
    try:
        return page.body.decode(codec).encode("utf-8")
    except (UnicodeError, LookupError):  # "charset=undefined" names a codec that decodes nothing
        return page.body


def _front_page(url: str, page: Page) -> str | None:
    """Why a page is no article when a deeper URL was redirected to the site's front page (a removed article,
    "https://www.example.de/politik/a-1.html" → "https://www.example.de/"), else None."""
    asked, final = urlsplit(url).path.rstrip("/"), urlsplit(page.final_url).path.rstrip("/")
    return "redirected to the front page, not an article" if asked and not final else None


def not_an_article(page: Page) -> str | None:
    """Why the response is not an article page to read, or None when it may be one."""
    media = page.content_type
    if media in FEED_TYPES or (media in (None, "text/plain") and _FEED_START.match(page.body[:2048])):
        return "a feed or sitemap, not an article page: follow it with `quellenlage feeds add URL`"
    if media is not None and media not in PAGE_TYPES:
        return f"not an article page (content type {media})"
    if not page.body.strip():
        return "the page is empty"
    return None
