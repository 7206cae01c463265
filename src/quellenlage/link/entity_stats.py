"""The figures the entities list filters and sorts by, kept on each ``story_entities`` row.

``articles`` (distinct articles of its members), ``mentions`` (their mentions in the texts), ``latest`` (the
latest publication time of those articles) and ``search`` (its names case-folded, ``|name|other name|``) are
what ``/entities`` and ``/api/story-entities`` filter and sort by. Counting them per request would read every
link row of the store; the linker calls :func:`refresh` for the story entities it changed instead (one
statement per 500), so the list is an indexed, paged read.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, and_, func, select, update

from ..store.tables import articles, chunks, entity_links, mentions, story_entities


def fold(text: str) -> str:
    """A name or a part of one as the ``search`` column holds it (Python's case folding: "Ö" → "ö", "ß" → "ss")."""
    return " ".join(text.casefold().split())


def search_text(names: Iterable[str]) -> str:
    """The ``search`` column of a story entity with these names: ``|kirill dmitrijew|kirill dmitriev|``."""
    return "|" + "|".join(sorted({fold(n) for n in names})) + "|"


def _figures() -> dict:
    se, link = story_entities, entity_links
    mine = link.c.story_entity == se.c.id
    return {
        "articles": select(func.count(func.distinct(link.c.article_id))).where(mine).scalar_subquery(),
        "mentions": select(func.count())
        .select_from(link.join(mentions, and_(mentions.c.article_id == link.c.article_id, mentions.c.eid == link.c.eid)))
        .where(mine)
        .scalar_subquery(),
        "latest": select(func.max(articles.c.published_at))
        .select_from(link.join(articles, articles.c.id == link.c.article_id))
        .where(mine)
        .scalar_subquery(),
    }


def refresh(conn: Connection, ids: Iterable[str]) -> None:
    """Count ``articles``, ``mentions`` and ``latest`` again for these story entities (after their links changed)."""
    for part in chunks(sorted(set(ids))):
        conn.execute(update(story_entities).where(story_entities.c.id.in_(part)).values(**_figures()))


def fill_all(conn: Connection) -> None:
    """Every story entity's figures and search text (a store linked before revision 0012)."""
    conn.execute(update(story_entities).values(**_figures()))
    last = ""
    while True:
        rows = conn.execute(
            select(story_entities.c.id, story_entities.c.names)
            .where(story_entities.c.id > last)
            .order_by(story_entities.c.id)
            .limit(500)
        ).all()
        if not rows:
            return
        for row in rows:
            conn.execute(update(story_entities).where(story_entities.c.id == row.id).values(search=search_text(row.names or {})))
        last = rows[-1].id
