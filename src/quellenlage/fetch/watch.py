"""Following feeds: ``quellenlage watch`` polls every feed and ingests its new items.

One round (:func:`watch_once`), for each feed in the order added:

1. the feed is fetched conditionally (its ETag / Last-Modified from the last round): a 304 ends the feed's
   round with no other request, unless items of it failed last time (they are tried again);
2. its items (:mod:`.feeds`; the sitemaps of a sitemap index, up to :data:`MAX_SITEMAPS`) are taken to their
   canonical URL (:func:`~quellenlage.fetch.urls.url_key`) and the new ones chosen: never fetched, fetched
   with a failure and not given up (:func:`~quellenlage.store.fetching.given_up`: three failures that do
   not pass, or two days of failures that may), or dated later by the feed than when they were
   fetched (a changed article: fetched again, conditionally, and stored as a new revision if its text
   changed) — at most ``max_items`` a round, the rest on the next;
3. those pages are ingested through the batch path (:func:`quellenlage.batch.ingest_into`): fetched
   politely, analysed, stored with their raw page; one bad item is one line and one error on the feed.

After all feeds, one linking pass. ``watch`` repeats rounds every ``--interval`` seconds; ``--once`` runs one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..batch import Summary, ingest_into
from ..errors import QuellenlageError
from ..settings import Settings
from ..store import Store
from ..store import fetching as kept
from .feeds import Feed, FeedError, FeedItem, parse_feed
from .http import ACCEPT_FEED, Fetcher, FetchError, NotModified
from .pages import UrlSource
from .urls import UrlError, check_url, is_url, printable, url_key

#: Sitemaps of a sitemap index read in one round (the most recently changed first).
MAX_SITEMAPS = 10
#: Items fetched from one feed in one round by default.
MAX_ITEMS = 500


@dataclass
class FeedRound:
    """What one round did with one feed."""

    id: int
    url: str
    name: str | None
    outcome: str = "ok"
    """ok, not modified or failed."""
    items: int = 0
    new: int = 0
    """Items chosen to fetch."""
    error: str | None = None
    summary: Summary | None = None

    def line(self) -> str:
        label = f"{self.id} {self.name or self.url}"
        if self.outcome == "failed":
            return f"{label}: failed: {self.error}"
        if self.outcome == "not modified":
            return f"{label}: not modified"
        counts = self.summary.counts if self.summary else {}
        done = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        failed = self.summary.failed if self.summary else 0
        return f"{label}: {self.items} items, {self.new} to fetch" + (f": {done}" if done else "") + f", {failed} failed"


@dataclass
class Round:
    feeds: list[FeedRound] = field(default_factory=list)
    seconds: float = 0.0
    linked: str | None = None
    error: str | None = None
    """Why the round stopped part-way (the store failed), or None."""
    skipped: bool = False
    """Another watch held the store: this round did nothing."""

    def count(self, status: str) -> int:
        return sum(f.summary.counts.get(status, 0) for f in self.feeds if f.summary)

    @property
    def failed(self) -> int:
        return sum((f.summary.failed if f.summary else 0) + (f.outcome == "failed") for f in self.feeds) + bool(self.error)

    def line(self) -> str:
        if self.skipped:
            return "no round: another watch is running on this store"
        n = len(self.feeds)
        return (
            f"{n} feed{'' if n == 1 else 's'} in {self.seconds:.1f} s: {self.count('stored')} stored, {self.count('revised')} revised, "
            f"{self.count('unchanged') + self.count('not modified')} unchanged, {self.failed} failed"
        )


def watch_once(
    store: Store,
    settings: Settings | None = None,
    *,
    which: list[str] | None = None,
    max_items: int = MAX_ITEMS,
    show_progress: bool = True,
    say: Callable[[str], None] = print,
    fetcher: Fetcher | None = None,
) -> Round:
    """One round over the feeds (all, or those named in ``which`` by id, URL or name)."""
    settings = Settings.from_env() if settings is None else settings
    with store.only_one("watch") as alone:
        if not alone:  # cron started the next round before the last ended: that one goes on, this one stops
            say("another watch is running on this store; this round is left to it")
            return Round(skipped=True)
        return _round(store, settings, which, max_items, show_progress, say, fetcher)


def _round(
    store: Store,
    settings: Settings,
    which: list[str] | None,
    max_items: int,
    show_progress: bool,
    say: Callable[[str], None],
    fetcher: Fetcher | None,
) -> Round:
    started = time.perf_counter()
    chosen = [kept.feed(store, w) for w in which] if which else kept.list_feeds(store)
    result = Round()
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings, memory=kept.RobotsInStore(store))
    try:
        for row in chosen:
            try:
                one = _feed_round(store, fetcher, settings, row, max_items, show_progress, say)
            except Exception as exc:  # the store failed, or a bug of ours met a hostile feed: the next feed is read
                one = FeedRound(id=row["id"], url=row["url"], name=row["name"], outcome="failed")
                one.error = f"the feed's round stopped ({type(exc).__name__}: {exc})"
                try:
                    kept.feed_fetched(store, one.id, last_outcome="failed", last_error=one.error, errors=1)
                except QuellenlageError:
                    pass  # still said here, and counted
            result.feeds.append(one)
            say(one.line())
    finally:
        if own:
            fetcher.close()
    from ..link.run import link_after_ingest, waiting

    # what this round stored, and what a round killed before its linking pass left waiting
    if result.count("stored") or result.count("revised") or result.count("reanalysed") or waiting(store):
        linked = link_after_ingest(store)
        result.linked = linked.line() if linked else None
    result.seconds = time.perf_counter() - started
    return result


def _feed_round(
    store: Store,
    fetcher: Fetcher,
    settings: Settings,
    row: dict,
    max_items: int,
    show_progress: bool,
    say: Callable[[str], None],
) -> FeedRound:
    one = FeedRound(id=row["id"], url=row["url"], name=row["name"])
    private = bool(row["allow_private"]) or settings.allow_private
    try:
        got = fetcher.get(
            row["url"], etag=row["etag"], last_modified=row["last_modified"], accept=ACCEPT_FEED, allow_private=private
        )
        if isinstance(got, NotModified):
            sitemap_failures: list[tuple[str, str]] = []
            retry = [FeedItem(url) for url in kept.failed_items(store, one.id)]
            if not retry:
                one.outcome = "not modified"
                kept.feed_fetched(store, one.id, last_outcome="not modified", last_error=None, last_new=0)
                return one
            # the feed is as it was, but some of its items failed last time: they are tried again
            feed = Feed(kind=row["kind"] or "rss", items=retry)
            items = retry
            etag, last_modified = row["etag"], row["last_modified"]
        else:
            feed = parse_feed(got)
            children, sitemap_failures = _sitemap_items(fetcher, feed, private, say)
            items = feed.items + children
            etag, last_modified = got.etag, got.last_modified
            if sitemap_failures:  # read the index whole next round, so the sitemaps that failed are asked again
                etag = last_modified = None
    except (FetchError, FeedError) as exc:
        one.outcome, one.error = "failed", getattr(exc, "reason", None) or str(exc)
        kept.feed_fetched(store, one.id, last_outcome="failed", last_error=one.error, errors=1)
        kept.feed_error(store, one.id, row["url"], one.error)
        return one
    for url, reason in sitemap_failures:
        kept.feed_error(store, one.id, url, reason)
    one.items = len(items) if not isinstance(got, NotModified) else row["last_items"] or 0
    todo = _new_items(store, items)
    if len(todo) > max_items:
        # the rest waits for the next round, which must then read the feed again, not get a 304
        todo, etag, last_modified = todo[:max_items], None, None
    one.new = len(todo)
    summary = Summary()
    for url, reason in sitemap_failures:
        summary.fail(url, reason)
    # only valid http(s) URLs go to the batch, which reads anything else as a file: an item "/etc/passwd" is refused
    why = {key: _not_fetched(item.url) for key, item in todo}
    refused = [(key, item, refusal) for key, item in todo if (refusal := why[key])]
    todo = [(key, item) for key, item in todo if not why[key]]
    if todo:
        source = UrlSource(
            fetcher,
            store,
            feed_id=one.id,
            item_updated={key: item.updated for key, item in todo if item.updated},
            allow_private=private,
        )
        try:
            done = ingest_into(
                store, [item.url for _, item in todo], show_progress=show_progress, settings=settings, urls=source, link=False
            )
        except QuellenlageError as exc:  # the store itself failed: the feed's round ends, the others go on
            one.outcome, one.error = "failed", str(exc)
            etag = last_modified = None  # the items not tried yet are read from the feed next round, not lost behind a 304
        else:
            summary.counts.update(done.counts)
            summary.failures.extend(done.failures)
            summary.seconds = done.seconds
            for url, reason in done.failures:
                if url not in source.noted:  # failed after fetching (analysis, store): noted like a fetch failure
                    kept.note_fetch(store, url_key(url), printable(url), "failed", reason=reason, feed_id=one.id)
    for key, item, refusal in refused:
        shown = printable(item.url)
        kept.note_fetch(store, printable(key), shown, "failed", reason=refusal, feed_id=one.id)
        store.log_failure(shown, refusal)
        summary.fail(shown, refusal)
        say(f"error: {shown}: {refusal}")
    one.summary = summary
    # each item's error and each stored article went onto the feed with it (store.fetching.note_fetch, Store.put)
    kept.feed_fetched(
        store,
        one.id,
        kind=feed.kind,
        etag=etag,
        last_modified=last_modified,
        last_outcome=one.outcome,
        last_error=one.error,
        last_items=one.items,
        last_new=summary.counts.get("stored", 0) + summary.counts.get("revised", 0),
        errors=len(sitemap_failures),
    )
    return one


def _not_fetched(url: str) -> str | None:
    """Why a feed's item is not fetched (what :func:`check_url` says of it), or None when it is."""
    try:
        check_url(url)
    except UrlError as exc:
        return str(exc)
    return None if is_url(url) else "not an http(s) URL"


def _sitemap_items(
    fetcher: Fetcher, feed: Feed, private: bool, say: Callable[[str], None]
) -> tuple[list[FeedItem], list[tuple[str, str]]]:
    """The items of the sitemaps a sitemap index lists (the most recently changed :data:`MAX_SITEMAPS`), and
    the (URL, reason) of each sitemap that failed."""
    items: list[FeedItem] = []
    failures: list[tuple[str, str]] = []
    listed = sorted(feed.sitemaps, key=lambda s: s.updated or "", reverse=True)[:MAX_SITEMAPS]
    for sitemap in listed:
        try:
            got = fetcher.get(sitemap.url, accept=ACCEPT_FEED, allow_private=private)
            if isinstance(got, NotModified):
                continue
            items.extend(parse_feed(got).items)
        except (FetchError, FeedError) as exc:
            reason = getattr(exc, "reason", None) or str(exc)
            failures.append((sitemap.url, reason))
            say(f"error: {sitemap.url}: {reason}")
    return items, failures


def _new_items(store: Store, items: list[FeedItem]) -> list[tuple[str, FeedItem]]:
    """(canonical URL, item) of the items to fetch this round, in feed order, each canonical URL once."""
    keyed: dict[str, FeedItem] = {}
    for item in items:
        try:
            key = url_key(check_url(item.url))
        except UrlError:
            key = printable(item.url)  # refused, and reported with its reason
        keyed.setdefault(key, item)
    known = kept.fetched(store, list(keyed))
    todo = []
    for key, item in keyed.items():
        row = known.get(key)
        if row is None:
            todo.append((key, item))
        elif kept.given_up(row):
            continue
        elif row["article_id"] is None:
            if row["outcome"] == "failed":
                todo.append((key, item))
        elif item.updated and item.updated > (row["item_updated"] or row["fetched_at"]):
            # dated later by the feed than the date it had, or (none known) than when the page was fetched
            todo.append((key, item))
    return todo


def watch(
    store: Store,
    settings: Settings | None = None,
    *,
    interval: float,
    rounds: int | None = None,
    say: Callable[[str], None] = print,
    **options,
) -> list[Round]:
    """Rounds every ``interval`` seconds (each starts that long after the last one started, or at once when
    it took longer), ``rounds`` of them or until interrupted (Ctrl-C ends the wait, not a round's writes)."""
    done: list[Round] = []
    while rounds is None or len(done) < rounds:
        started = time.monotonic()
        try:
            one = watch_once(store, settings, say=say, **options)
        except QuellenlageError as exc:
            if rounds is not None:  # --once: the one round failed, say so and stop
                raise
            one = Round(error=str(exc))  # the store failed this round (locked, gone away): try again next round
            say(f"error: the round stopped: {exc}")
        else:
            if not one.skipped:  # watch_once said why
                say(one.line())
        done.append(one)
        if rounds is not None and len(done) >= rounds:
            break
        time.sleep(max(0.0, interval - (time.monotonic() - started)))
    return done
