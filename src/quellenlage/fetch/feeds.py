"""Feeds: what a followed URL lists — RSS and Atom (feedparser), news sitemaps and sitemap indexes (lxml).

:func:`parse_feed` turns a fetched feed into :class:`FeedItem` objects (the article's link, the feed's date
for it, its title), newest information as the feed gives it, without fetching anything. A sitemap index
lists sitemaps, not articles: its :attr:`Feed.sitemaps` are fetched by the watcher.
"""

from __future__ import annotations

import calendar
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import feedparser  # type: ignore[import-untyped]  # feedparser ships no type information
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

from ..read.published import read_published
from .http import Page

#: A parser that never fetches a DTD, never expands an external or nested entity and refuses huge trees.
_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False)


#: The namespace of Google's news sitemaps (<news:news>, <news:publication_date>, <news:title>).
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


class FeedError(ValueError):
    """Not a feed or sitemap this reads; ``str()`` is the reason in one line."""


@dataclass(frozen=True)
class FeedItem:
    url: str
    updated: str | None = None
    """The feed's date of the item (updated, else published), ISO 8601 in UTC; a later one on a later run
    fetches the page again."""
    title: str | None = None


@dataclass
class Feed:
    kind: str
    """rss, atom, sitemap or sitemapindex."""
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    sitemaps: list[FeedItem] = field(default_factory=list)
    """For a sitemap index: the sitemaps it lists."""


def parse_feed(page: Page) -> Feed:
    """The items of a fetched feed or sitemap; :class:`FeedError` when it is neither (or when reading it fails
    in any way: a feed is what any server sends)."""
    try:
        return _parse(page)
    except FeedError:
        raise
    except Exception as exc:  # a backstop: a hostile feed costs its round, never the run
        raise FeedError(f"not a readable feed ({type(exc).__name__}: {exc})") from None


def _parse(page: Page) -> Feed:
    head = page.body[:4096].lstrip()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return _sitemap(page.body)
    parsed = feedparser.parse(
        page.body,
        response_headers={"content-type": page.content_type or "application/xml", "content-location": page.final_url},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception")
        raise FeedError(f"not an RSS or Atom feed or a sitemap{f' ({reason})' if reason else ''}")
    kind = "atom" if str(parsed.version).startswith("atom") else "rss"
    items: list[FeedItem] = []
    for entry in parsed.entries:
        link = entry.get("feedburner_origlink") or entry.get("link") or _alternate(entry)
        if not link:
            continue
        # plain dict look-ups: feedparser's own maps a missing updated_parsed to published_parsed with a warning
        stamp = dict.get(entry, "updated_parsed") or dict.get(entry, "published_parsed")
        items.append(FeedItem(url=_link(str(link)), updated=_iso(stamp), title=entry.get("title")))
    return Feed(kind=kind, title=parsed.feed.get("title"), items=_unique(items))


def _link(text: str) -> str:
    """A link as a browser takes it: white space around it and tabs and line breaks inside it removed."""
    return re.sub(r"[\t\n\r]", "", text.strip())


def _alternate(entry) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def _iso(stamp: time.struct_time | None) -> str | None:
    if not stamp:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(stamp), UTC).isoformat(timespec="seconds")
    except (OverflowError, ValueError, OSError):
        return None


def _sitemap(body: bytes) -> Feed:
    try:
        root = etree.fromstring(body, parser=_XML)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not a readable sitemap ({exc})") from None
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise FeedError(f"not a sitemap (root element {kind})")
    entries: list[FeedItem] = []
    for node in root:
        if not isinstance(node.tag, str) or etree.QName(node).localname not in ("url", "sitemap"):
            continue
        # the page's own loc and lastmod are children of <url>; an <image:loc> or <video:…> deeper down is not it
        own = {etree.QName(el).localname: (el.text or "").strip() for el in node if isinstance(el.tag, str)}
        news = {
            etree.QName(el).localname: (el.text or "").strip()
            for el in node.iterfind("{*}news/*")
            if isinstance(el.tag, str) and etree.QName(el).namespace == NEWS_NS
        }
        if not own.get("loc"):
            continue
        updated = own.get("lastmod") or news.get("publication_date")
        entries.append(FeedItem(url=_link(own["loc"]), updated=_normal_date(updated), title=news.get("title") or None))
    if kind == "sitemapindex":
        return Feed(kind="sitemapindex", sitemaps=_unique(entries))
    return Feed(kind="sitemap", items=_unique(entries))


def _normal_date(value: str | None) -> str | None:
    """A sitemap's W3C date as ISO 8601 in UTC (a day as its first moment), None when unreadable."""
    if not value:
        return None
    reading = read_published(value)
    if not reading.value:
        return None
    try:
        moment = datetime.fromisoformat(reading.value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).isoformat(timespec="seconds")
    except OverflowError:  # a year 9999 date with an offset
        return None


def _unique(items: list[FeedItem]) -> list[FeedItem]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.url not in seen:
            seen.add(item.url)
            out.append(item)
    return out
