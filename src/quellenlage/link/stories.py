"""Stories: articles (and their story events) clustered into the stories they tell, incrementally.

An article's *keys* are its story events (``V…``) and the story entities
of its persons and organisations in the month it was published (``E…:2026-03``) — places are left out, so a sports report that mentions "USA"
joins no politics story. A new article meets only the stories filed under one of its keys (``story_keys``,
an indexed lookup) and joins the best one when

- it reports a story event of that story, or
- it shares at least :data:`MIN_SHARED` persons or organisations with it, was published within
  :data:`WINDOW_DAYS` of the story's span, and its events (if it tells any) are of a family the story tells
  too: a flood report that quotes Putin's spokesman does not join the story of Putin's talks.

An article that reports story events of two stories joins them (the larger keeps its id). Anything else
founds a story of its own; listings show stories of two or more articles. A story's title is the headline
of its first article; its key actors are its most reported persons and organisations.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, func, select, update

from ..store.tables import entity_links, event_links, stories, story_articles, story_events, story_keys
from . import keys as link_keys
from .events import family, month_of, neighbours

VERSION = "1"

#: Persons and organisations an article must share with a story to join it without a shared event.
MIN_SHARED = 2
#: How far (days) before or after a story's span an article may join it by shared actors.
WINDOW_DAYS = 10


def article_keys(conn: Connection, article_id: str) -> tuple[set[str], set[str], set[str]]:
    """(its story events, story entities of its persons and organisations, the families of its events)."""
    rows = conn.execute(select(event_links.c.story_event, event_links.c.type).where(event_links.c.article_id == article_id)).all()
    events: set[str] = {r.story_event for r in rows}
    families: set[str] = {family(r.type) for r in rows}
    actors: set[str] = set(
        conn.execute(
            select(entity_links.c.story_entity).where(
                entity_links.c.article_id == article_id, entity_links.c.type.in_(("PER", "ORG"))
            )
        ).scalars()
    )
    return events, actors, families


def _day(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10])
    except ValueError:
        return None


def _families(conn: Connection, ids: list[str]) -> dict[str, set[str]]:
    """The event families each story tells (its ``T:`` keys): a report on a flood that names Putin and
    Peskow does not join the story of the Putin–Trump talks."""
    found: dict[str, set[str]] = {}
    if ids:
        rows = conn.execute(
            select(story_keys.c.story, story_keys.c.key).where(story_keys.c.story.in_(ids), story_keys.c.key.like("T:%"))
        )
        for row in rows:
            found.setdefault(row.story, set()).add(row.key[2:])
    return found


def _month(published: str | None) -> str:
    day = _day(published)
    return month_of(day) if day else "?"


def _within(published: str | None, start: str | None, end: str | None) -> bool:
    when, first, last = _day(published), _day(start), _day(end)
    if when is None or first is None or last is None:
        return True
    return first - timedelta(days=WINDOW_DAYS) <= when <= last + timedelta(days=WINDOW_DAYS)


def link_article(conn: Connection, article_id: str, published: str | None, headline: str | None) -> str:
    """Place an article in a story (after its entities and events are linked); returns the story id."""
    unlink_article(conn, article_id)
    events, actors, families = article_keys(conn, article_id)
    month = _month(published)
    keys = sorted({f"V:{e}" for e in events} | {f"E:{a}:{month}" for a in actors} | {f"T:{f}" for f in families})
    around = sorted({f"V:{e}" for e in events} | {f"E:{a}:{m}" for a in actors for m in neighbours(month)})
    found = conn.execute(select(story_keys.c.key, story_keys.c.story).where(story_keys.c.key.in_(around))).all() if around else []
    by_story: dict[str, Counter[str]] = {}
    seen: set[tuple[str, str]] = set()
    for row in found:
        kind, _, rest = row.key.partition(":")
        what = rest.rsplit(":", 1)[0] if kind == "E" else rest  # an actor counts once, whatever the month
        if (row.story, what) not in seen:
            seen.add((row.story, what))
            by_story.setdefault(row.story, Counter())[kind] += 1
    spans = {r.id: r for r in conn.execute(select(stories).where(stories.c.id.in_(sorted(by_story)))).all()} if by_story else {}
    joined = sorted((s for s, c in by_story.items() if c["V"]), key=lambda s: (-spans[s].articles, s))
    if joined:
        story = joined[0]
        for other in joined[1:]:
            _merge(conn, story, other)
    else:
        told = _families(conn, sorted(by_story))
        fitting = [
            (c["E"], spans[s].articles, s)
            for s, c in by_story.items()
            if c["E"] >= MIN_SHARED
            and s in spans
            and _within(published, spans[s].start, spans[s].end)
            and (not families or families & told.get(s, set()))
        ]
        if fitting:
            story = max(fitting)[2]
        else:
            story = "S" + hashlib.sha1(article_id.encode()).hexdigest()[:10]
            if conn.execute(select(stories.c.id).where(stories.c.id == story)).first() is not None:
                story = f"{story}-x"
            conn.execute(
                stories.insert().values(
                    id=story, title=headline or article_id, start=published, end=published, articles=0, version=VERSION
                )
            )
    conn.execute(
        story_articles.insert().values(article_id=article_id, story=story, published=published, headline=headline, keys=keys)
    )
    link_keys.file(conn, story_keys, story, keys)
    if events:
        conn.execute(update(story_events).where(story_events.c.id.in_(sorted(events))).values(story=story))
    _add(conn, story, article_id, published, headline)
    return story


def _add(conn: Connection, story: str, article_id: str, published: str | None, headline: str | None) -> None:
    """One more article in a story: its size, span and title are updated from the story's row, without
    reading its other articles (the work does not grow with the story)."""
    row = conn.execute(select(stories).where(stories.c.id == story)).one()
    values: dict = {"articles": row.articles + 1}
    if published and (row.start is None or published < row.start or row.articles == 0):
        values["start"] = published
        values["title"] = headline or article_id
    if published and (row.end is None or published > row.end):
        values["end"] = published
    conn.execute(update(stories).where(stories.c.id == story).values(**values))


def unlink_article(conn: Connection, article_id: str) -> None:
    story = conn.execute(select(story_articles.c.story).where(story_articles.c.article_id == article_id)).scalar_one_or_none()
    if story is None:
        return
    conn.execute(delete(story_articles).where(story_articles.c.article_id == article_id))
    _refresh(conn, story)


def _refresh(conn: Connection, story: str) -> None:
    """Span, size and title of a story from its articles (SQL aggregates over an indexed column)."""
    row = conn.execute(
        select(func.count(), func.min(story_articles.c.published), func.max(story_articles.c.published)).where(
            story_articles.c.story == story
        )
    ).one()
    n, start, end = row
    if n == 0:
        conn.execute(delete(story_keys).where(story_keys.c.story == story))
        conn.execute(delete(stories).where(stories.c.id == story))
        return
    first = conn.execute(
        select(story_articles.c.headline, story_articles.c.article_id)
        .where(story_articles.c.story == story)
        .order_by(story_articles.c.published.is_(None), story_articles.c.published, story_articles.c.article_id)
        .limit(1)
    ).one()
    conn.execute(
        update(stories)
        .where(stories.c.id == story)
        .values(articles=n, start=start, end=end, title=first.headline or first.article_id)
    )


def _merge(conn: Connection, keep: str, gone: str) -> None:
    """Join story ``gone`` into ``keep`` (size, span and title from the two rows)."""
    a, b = (conn.execute(select(stories).where(stories.c.id == s)).one() for s in (keep, gone))
    conn.execute(update(story_articles).where(story_articles.c.story == gone).values(story=keep))
    conn.execute(update(story_events).where(story_events.c.story == gone).values(story=keep))
    link_keys.move(conn, story_keys, gone, keep)
    conn.execute(delete(stories).where(stories.c.id == gone))
    first = min((a, b), key=lambda r: (r.start is None, r.start or "", r.id))
    conn.execute(
        update(stories)
        .where(stories.c.id == keep)
        .values(
            articles=a.articles + b.articles,
            start=min((r.start for r in (a, b) if r.start), default=None),
            end=max((r.end for r in (a, b) if r.end), default=None),
            title=first.title,
        )
    )
