"""What fetching keeps in the store: the feeds followed, the URLs fetched, robots.txt by origin.

The raw page of a record is written with the record itself (:meth:`Store.put`, from the record's
:class:`~quellenlage.store.rows.Prepared`); the rows here are bookkeeping around it, each written in a
short transaction of its own: losing one to a crash costs at most one more request on the next run.
"""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, desc, func, select, update

from ..errors import NotFound, QuellenlageError
from .tables import articles, chunks, feed_errors, feeds, fetched_urls, now, pages, revisions, robots

if TYPE_CHECKING:
    from .store import Store

#: Errors kept per feed (the oldest go).
ERRORS_KEPT = 200


class FeedExists(QuellenlageError):
    """The feed is followed already."""


def add_feed(store: Store, url: str, name: str | None = None, allow_private: bool = False) -> dict:
    """Follow the feed at ``url``; :class:`FeedExists` when it is followed already or ``name`` is taken (or is
    all digits: a feed is named by its id, URL or name)."""
    if name is not None and (not name.strip() or name.strip().isdigit()):
        raise FeedExists(f"{name!r}: a feed's name needs a letter (digits alone are read as its id)")
    with store.write() as conn:
        if conn.execute(select(feeds.c.id).where(feeds.c.url == url)).first() is not None:
            raise FeedExists(f"{url}: followed already")
        if name is not None and conn.execute(select(feeds.c.id).where(feeds.c.name == name)).first() is not None:
            raise FeedExists(f"{name}: another feed has that name")
        conn.execute(feeds.insert().values(url=url, name=name, allow_private=allow_private, added_at=now(), articles=0, errors=0))
    return feed(store, url)


def list_feeds(store: Store) -> list[dict]:
    """Every feed followed, in the order added."""
    with store.read() as conn:
        return [dict(row._mapping) for row in conn.execute(select(feeds).order_by(feeds.c.id))]


def feed(store: Store, which: str | int) -> dict:
    """One feed by id, URL or name; :class:`NotFound` when none (or more than one) matches."""
    with store.read() as conn:
        query = select(feeds)
        if isinstance(which, int) or str(which).isdigit():
            rows = conn.execute(query.where(feeds.c.id == int(which))).all()
        else:
            rows = conn.execute(query.where(feeds.c.url == which)).all() or conn.execute(query.where(feeds.c.name == which)).all()
    if len(rows) != 1:
        raise NotFound(f"{which}: {'no such feed' if not rows else 'more than one feed has that name; give its id or URL'}")
    return dict(rows[0]._mapping)


def remove_feed(store: Store, which: str | int) -> dict:
    """Stop following a feed (its articles stay); the feed as it was."""
    found = feed(store, which)
    with store.write() as conn:
        conn.execute(delete(feed_errors).where(feed_errors.c.feed_id == found["id"]))
        conn.execute(update(fetched_urls).where(fetched_urls.c.feed_id == found["id"]).values(feed_id=None))
        conn.execute(delete(feeds).where(feeds.c.id == found["id"]))
    return found


def feed_fetched(store: Store, feed_id: int, **values: object) -> None:
    """Note a fetch of the feed: ``last_outcome``, ``last_error``, ``etag``, ``last_modified``, ``kind``,
    ``last_items``, ``last_new`` as given; ``errors`` is added to its total (the feed's own failures; its
    items' errors and articles are counted as they happen: :func:`note_fetch`, ``Store.put``)."""
    errors = int(values.pop("errors", 0) or 0)  # type: ignore[call-overload]  # an int
    with store.write() as conn:
        conn.execute(
            update(feeds).where(feeds.c.id == feed_id).values(**values, last_fetched_at=now(), errors=feeds.c.errors + errors)
        )


def feed_error(store: Store, feed_id: int, url: str, reason: str) -> None:
    """Record one error of a feed (the feed itself or one of its sitemaps)."""
    with store.write() as conn:
        _add_error(conn, feed_id, url, reason, now())


def _add_error(conn: Connection, feed_id: int, url: str, reason: str, at: str) -> None:
    """One error row of a feed, in the caller's transaction; the oldest beyond :data:`ERRORS_KEPT` go."""
    conn.execute(feed_errors.insert().values(feed_id=feed_id, url=url, reason=reason, at=at))
    kept = select(feed_errors.c.pk).where(feed_errors.c.feed_id == feed_id).order_by(desc(feed_errors.c.pk)).limit(ERRORS_KEPT)
    conn.execute(delete(feed_errors).where(feed_errors.c.feed_id == feed_id, feed_errors.c.pk.not_in(kept.scalar_subquery())))


def errors_of(store: Store, feed_id: int, limit: int = 20) -> list[dict]:
    """The feed's latest errors, newest first."""
    with store.read() as conn:
        rows = conn.execute(
            select(feed_errors.c.url, feed_errors.c.reason, feed_errors.c.at)
            .where(feed_errors.c.feed_id == feed_id)
            .order_by(desc(feed_errors.c.pk))
            .limit(limit)
        )
        return [dict(row._mapping) for row in rows]


def fetched(store: Store, keys: list[str]) -> dict[str, dict]:
    """The ``fetched_urls`` rows of those canonical URLs that have one."""
    found: dict[str, dict] = {}
    with store.read() as conn:
        for part in chunks(keys):
            rows = conn.execute(select(fetched_urls).where(fetched_urls.c.key.in_(part)))
            found.update({row.key: dict(row._mapping) for row in rows})
    return found


def failed_items(store: Store, feed_id: int) -> list[str]:
    """URLs of the feed's items that failed and were never stored, and are not given up (:func:`given_up`)."""
    with store.read() as conn:
        rows = conn.execute(
            select(fetched_urls)
            .where(fetched_urls.c.feed_id == feed_id, fetched_urls.c.outcome == "failed", fetched_urls.c.article_id.is_(None))
            .order_by(fetched_urls.c.key)
        )
        return [row.url for row in rows if not given_up(dict(row._mapping))]


def note_fetch(
    store: Store,
    key: str,
    url: str,
    outcome: str,
    *,
    reason: str | None = None,
    feed_id: int | None = None,
    item_updated: str | None = None,
    passing: bool = False,
) -> None:
    """Note a fetch that made no record: "not modified" (the copy stored is current) or "failed" (with its
    reason). A failure that may pass (``passing``: the host was down or busy) opens or continues a run of
    failures (``first_failed_at``); any other counts in ``attempts`` (see :func:`given_up`). A failed item of
    a feed is one more error of the feed, with its reason, in the same transaction."""
    at = now()
    with store.write() as conn:
        known = conn.execute(select(fetched_urls).where(fetched_urls.c.key == key)).first()
        failed = outcome == "failed"
        if known is None:
            conn.execute(
                fetched_urls.insert().values(
                    key=key,
                    url=url,
                    feed_id=feed_id,
                    item_updated=item_updated,
                    outcome=outcome,
                    reason=reason,
                    attempts=1 if failed and not passing else 0,
                    first_failed_at=at if failed else None,
                    fetched_at=at,
                )
            )
        else:
            values: dict[str, object] = {"fetched_at": at, "reason": reason, "item_updated": item_updated or known.item_updated}
            if failed:
                values["attempts"] = known.attempts + (0 if passing else 1)
                values["first_failed_at"] = known.first_failed_at or at
                if known.article_id is None:
                    values["outcome"] = outcome  # a stored page that failed once stays stored
            else:
                values.update(outcome=outcome, attempts=0, first_failed_at=None)
            conn.execute(update(fetched_urls).where(fetched_urls.c.key == key).values(**values))
        if failed and feed_id is not None:
            _add_error(conn, feed_id, url, reason or "failed", at)
            conn.execute(update(feeds).where(feeds.c.id == feed_id).values(errors=feeds.c.errors + 1))


#: A feed's item is given up after this many failures that do not pass (HTTP 404, not an article …).
MAX_ATTEMPTS = 3
#: … and after failing this long in a row with failures that may pass (the host down, busy, rate-limiting).
GIVE_UP_AFTER = timedelta(days=2)


def given_up(row: dict) -> bool:
    """Whether a ``fetched_urls`` row's item is no longer tried: three failures that do not pass, or two days
    of failures that may."""
    if row["attempts"] >= MAX_ATTEMPTS:
        return True
    first = row.get("first_failed_at")
    return first is not None and datetime.fromisoformat(str(first)) < datetime.now(UTC) - GIVE_UP_AFTER


def raw_pages(store: Store, article_id: str) -> list[dict]:
    """The raw pages kept for an article, by revision (the bytes decompressed, under ``"body"``)."""
    with store.read() as conn:
        rows = conn.execute(select(pages).where(pages.c.article_id == article_id).order_by(pages.c.revision)).all()
    out = []
    for row in rows:
        page = {k: v for k, v in row._mapping.items() if k != "raw"}
        page["body"] = gzip.decompress(row.raw)
        out.append(page)
    return out


def current_page(store: Store, article_id: str) -> tuple[dict, str | None] | None:
    """The raw page kept with the article's current revision (decompressed, under ``"body"``) and that
    revision's analysis version; None when the current revision has no page."""
    with store.read() as conn:
        row = conn.execute(
            select(pages, revisions.c.analysis_version)
            .join(articles, (articles.c.id == pages.c.article_id) & (articles.c.current_revision == pages.c.revision))
            .join(revisions, (revisions.c.article_id == pages.c.article_id) & (revisions.c.revision == pages.c.revision))
            .where(pages.c.article_id == article_id)
        ).first()
    if row is None:
        return None
    page = {k: v for k, v in row._mapping.items() if k not in ("raw", "analysis_version")}
    page["body"] = gzip.decompress(row.raw)
    return page, row.analysis_version


def page_counts(store: Store) -> dict[str, int]:
    """How many raw pages and URLs the store keeps (for summaries)."""
    with store.read() as conn:
        return {
            "pages": conn.execute(select(func.count()).select_from(pages)).scalar_one(),
            "urls": conn.execute(select(func.count()).select_from(fetched_urls)).scalar_one(),
        }


class RobotsInStore:
    """robots.txt files kept in the store between runs (:class:`~quellenlage.fetch.http.RobotsMemory`)."""

    def __init__(self, store: Store):
        self.store = store

    def robots_txt(self, origin: str) -> tuple[str, int, str] | None:
        with self.store.read() as conn:
            row = conn.execute(select(robots).where(robots.c.origin == origin)).first()
        return (row.body, row.status, row.fetched_at) if row is not None else None

    def keep_robots_txt(self, origin: str, body: str, status: int) -> None:
        with self.store.write() as conn:
            conn.execute(delete(robots).where(robots.c.origin == origin))
            conn.execute(robots.insert().values(origin=origin, body=body, status=status, fetched_at=now()))
