"""What a page shows, as plain data: the pages render it, the API returns it as JSON.

Every page of the reading room has a JSON twin built by the same function
here, so the two never disagree.
"""

from __future__ import annotations

from ..errors import NotFound
from ..record import Record
from ..store import Store
from ..store.queries import (
    article_heads,
    entity_groups,
    entity_key,
    entity_variants,
    list_events,
    search_article_ids,
    statements_of,
    stories,
    story_article_ids,
)
from .timeline import Entry, timeline


def dossier(store: Store, key: str) -> dict:
    """Everything about the entities grouped under ``key``: names, variants, roles,
    what they said, what was said about them, the events they took part in."""
    groups = entity_groups(store, key)
    if not groups:
        raise NotFound(f"{key}: no such entity")
    group = groups[0]
    said, about = statements_of(store, group.members)
    members = set(group.members)
    article_ids = sorted({a for a, _ in group.members})
    heads = article_heads(store, article_ids)
    took_part = []
    for aid in article_ids:
        _, rows = list_events(store, limit=10_000, article=aid)
        for ev in rows:
            involved = [p for p in [*(ev["participants"] or []), ev["place"]] if p and (aid, p) in members]
            if involved:
                took_part.append(ev)
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


def story(store: Store, story_id: str) -> dict:
    """A story (tag) with its articles by date."""
    found = [s for s in stories(store) if s.id == story_id]
    if not found:
        raise NotFound(f"{story_id}: no such story")
    ids = story_article_ids(store, story_id)
    heads = article_heads(store, ids)
    return {**found[0].summary(), "articles_list": [heads[i] for i in ids if i in heads]}


def timeline_records(
    store: Store, story_id: str | None = None, q: str | None = None, entity: str | None = None
) -> tuple[str, list[Record]]:
    """The title and the records of the timeline asked for (a story, a saved search or an entity)."""
    if story_id:
        ids, title = story_article_ids(store, story_id), f"Story: {story(store, story_id)['tag']}"
    elif q:
        ids, title = search_article_ids(store, q), f"Search: {q}"
    elif entity:
        groups = entity_groups(store, entity)
        if not groups:
            raise NotFound(f"{entity}: no such entity")
        ids, title = sorted({a for a, _ in groups[0].members}), f"Entity: {groups[0].name}"
    else:
        raise ValueError("give a story, a search (q) or an entity")
    return title, [store.get(i) for i in ids]


def timeline_data(
    store: Store, story_id: str | None = None, q: str | None = None, entity: str | None = None, show: str = "stated"
) -> tuple[str, str, list[Entry]]:
    """Title, basis ("events" or "times") and entries of a timeline (``show``: "stated" or "all")."""
    title, records = timeline_records(store, story_id, q, entity)
    basis, entries = timeline(records, entity=entity if entity else None, show=show)
    return title, basis, entries


def entity_links(record: Record) -> dict[str, str]:
    """Entity id → dossier key, for one record."""
    return {e.id: entity_key(e.name) for e in record.entities}
