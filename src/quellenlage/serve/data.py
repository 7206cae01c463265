"""What a page shows, as plain data: the pages render it, the API returns it as JSON.

Every page of the reading room has a JSON twin built by the same function
here, so the two never disagree.
"""

from __future__ import annotations

from sqlalchemy import select

from ..errors import NotFound
from ..link.queries import find_entity, names_of, story_events_view
from ..record import Record
from ..store import Store
from ..store.queries import (
    article_heads,
    entity_key,
    entity_variants,
    list_events,
    search_article_ids,
    statements_of,
    stories,
    story_article_ids,
)
from ..store.tables import chunks, story_articles
from . import groups, linked
from .timeline import Entry, Undated, split_events, time_entries


def dossier(store: Store, key: str) -> dict:
    """Everything about the entities grouped under ``key``: names, variants, roles,
    what they said, what was said about them, the events they took part in."""
    group = groups.group_of(store, key)
    if group is None:
        raise NotFound(f"{key}: no such entity")
    said, about = statements_of(store, group.members)
    members = set(group.members)
    article_ids = sorted({a for a, _ in group.members})
    heads = article_heads(store, article_ids)
    took_part = []
    for part in chunks(article_ids, 500):  # one query for many articles (the IN list kept in bounds)
        _, rows = list_events(store, limit=100_000, among=part)
        for ev in rows:
            aid = ev["article_id"]
            if any(p and (aid, p) in members for p in [*(ev["participants"] or []), ev["place"]]):
                took_part.append(ev)
    took_part.sort(key=lambda ev: (ev["article_id"], ev["time_value"] is None, ev["time_value"] or "", ev["evid"]))
    return {
        **group.summary(),
        "variants": [{"text": t, "count": n} for t, n in group_variants(store, group.members)],
        "articles_list": sorted(heads.values(), key=lambda h: (h["published"] is None, h["published"] or "", h["id"])),
        "said": said,
        "said_about": about,
        "events": took_part,
    }


def group_variants(store: Store, members: list[tuple[str, str]]) -> list[tuple[str, int]]:
    return entity_variants(store, members).most_common()


def tag_story(store: Store, story_id: str) -> dict:
    """The articles sharing a tag, by the tag's slug: what ``?story=`` named before stories were linked
    (``/timeline?story=russland`` keeps working)."""
    found = [s for s in stories(store) if s.id == story_id]
    if not found:
        raise NotFound(f"{story_id}: no such story")
    return found[0].summary()


def linked_timeline(
    store: Store, story_id: str | None = None, entity: str | None = None, show: str = "stated"
) -> tuple[str, str, list[Entry], list[Undated]] | None:
    """The timeline of a linked story or a story entity from its story events (title, basis, entries), or
    None when ``story_id``/``entity`` is neither. A linked story without dated events falls back to the
    dated time expressions of its articles, as a tag story does."""
    with store.read() as conn:
        if story_id and (title := linked.story_exists(conn, story_id)) is not None:
            label = f"Story: {title}"
            events = linked.events_of(conn, story_events_view(conn, story=story_id))
            article_ids: list[str] = list(
                conn.execute(select(story_articles.c.article_id).where(story_articles.c.story == story_id)).scalars()
            )
        elif entity and linked.entity_exists(conn, entity):
            label = f"Entity: {names_of(conn, [entity]).get(entity, entity)}"
            events = linked.events_of(conn, story_events_view(conn, entity=entity))
            article_ids = []
        else:
            return None
    entries, undated = linked.timeline_entries(events, show)
    if entries or not article_ids:
        return label, "events", entries, undated
    return label, "times", time_entries(store.records(article_ids), show), undated


def timeline_records(
    store: Store, story_id: str | None = None, q: str | None = None, entity: str | None = None
) -> tuple[str, list[Record]]:
    """The title and the records of the timeline asked for (a tag story, a saved search or a name-key entity)."""
    if story_id:
        ids, title = story_article_ids(store, story_id), f"Story: {tag_story(store, story_id)['tag']}"
    elif q:
        ids, title = search_article_ids(store, q), f"Search: {q}"
    elif entity:
        group = groups.group_of(store, entity)
        if group is None:
            raise NotFound(f"{entity}: no such entity")
        ids, title = sorted({a for a, _ in group.members}), f"Entity: {group.name}"
    else:
        raise ValueError("give a story, a search (q) or an entity")
    return title, store.records(ids)


def timeline_data(
    store: Store, story_id: str | None = None, q: str | None = None, entity: str | None = None, show: str = "stated"
) -> tuple[str, str, list[Entry]]:
    """Title, basis ("events" or "times") and entries of a timeline (``show``: "stated" or "all").

    ``story_id`` is a linked story's id (its story events) or, failing that, a tag's slug; ``entity`` a story
    entity's id (its story events) or a name key; ``q`` a saved search."""
    title, basis, entries, _ = timeline_view(store, story_id, q, entity, show)
    return title, basis, entries


def timeline_view(
    store: Store, story_id: str | None = None, q: str | None = None, entity: str | None = None, show: str = "stated"
) -> tuple[str, str, list[Entry], list[Undated]]:
    """What :func:`timeline_data` gives, and the events without a calendar time, listed apart ("ohne Datum")."""
    if not q and (found := linked_timeline(store, story_id, entity, show)) is not None:
        return found
    title, records = timeline_records(store, story_id, q, entity)
    dated, undated = split_events(records, entity=entity if entity else None, show=show)
    if dated:
        return title, "events", dated, undated
    return title, "times", time_entries(records, show), undated


def entity_links(store: Store, record: Record) -> dict[str, str]:
    """Entity id → dossier id, for one record: its story entity when linked, else its name key (which
    ``/entities/{key}`` redirects to the story entity, or shows as a name group when nothing is linked)."""
    with store.read() as conn:
        linked_to = linked.member_links(conn, record.id)
    return {e.id: linked_to.get(e.id) or entity_key(e.name) for e in record.entities}


def entity_redirect(store: Store, key: str) -> str | None:
    """The story entity an old dossier URL means: ``key`` a name key (the story entity most of that group's
    members are linked to) or a name as typed (:func:`~quellenlage.link.queries.find_entity`)."""
    group = groups.group_of(store, key)
    with store.read() as conn:
        if group is not None:
            return linked.entity_for_members(conn, group.members)
        found = find_entity(conn, key)
    return found[0] if found else None


def feeds_page(store: Store, errors: int = 5) -> dict:
    """The feeds followed (``quellenlage feeds``), each with its latest ``errors`` errors: last fetched, its
    outcome, items and new articles of the last round, articles and errors in all."""
    from ..store.fetching import errors_of, list_feeds

    items = []
    for row in list_feeds(store):
        items.append(
            {
                "id": row["id"],
                "url": row["url"],
                "name": row["name"],
                "kind": row["kind"],
                "added_at": row["added_at"],
                "last_fetched_at": row["last_fetched_at"],
                "last_outcome": row["last_outcome"],
                "last_error": row["last_error"],
                "last_items": row["last_items"],
                "last_new": row["last_new"],
                "articles": row["articles"],
                "errors": row["errors"],
                "recent_errors": errors_of(store, row["id"], errors) if errors else [],
            }
        )
    return {"total": len(items), "items": items}
