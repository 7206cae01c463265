"""Entities grouped by name across articles (``/api/entities``, the name-key dossiers), kept between requests.

Grouping reads every entity row of the store (:func:`~quellenlage.store.queries.entity_groups`), too much to do
per request under load. The groups are built once and kept while the store's entities are unchanged: the
stamp (:func:`_stamp`) is the number of entity rows and the highest row key, the number of revisions and the
latest time an article was written: a few indexed queries. One build at a time: while one runs (an ingest is changing
the store), other requests take the groups built before it, at most one build old; the first request on a store
waits for the first build.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from ..link.entity_stats import fold
from ..store import Store
from ..store.queries import EntityGroup, entity_groups
from ..store.tables import articles, entities, revisions

#: How ``/api/entities`` can be sorted (the first is the default).
GROUP_SORTS = ("mentions", "articles", "name")


@dataclass
class _Kept:
    stamp: tuple | None = None
    started: float = -1.0
    groups: list[EntityGroup] = field(default_factory=list)
    by_key: dict[str, EntityGroup] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


_kept: weakref.WeakKeyDictionary[Store, _Kept] = weakref.WeakKeyDictionary()
_kept_lock = threading.Lock()


def _stamp(store: Store) -> tuple:
    """What changes whenever the entity rows may have: their number and highest key, the number of revisions
    (a new revision) and the latest ``updated_at`` of an article (a revision or a re-analysis in place, which
    on SQLite may re-insert its rows under the same keys)."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(func.count(), func.max(entities.c.pk))).one()
        revised = conn.execute(select(func.count()).select_from(revisions)).scalar_one()
        latest: str | None = conn.execute(select(func.max(articles.c.updated_at))).scalar_one()
        return (*rows, revised, latest)


def _current(store: Store, build: Callable[[Store], list[EntityGroup]] = entity_groups) -> _Kept:
    asked = time.monotonic()
    with _kept_lock:
        kept = _kept.setdefault(store, _Kept())
    if kept.stamp is not None and kept.stamp == _stamp(store):
        return kept
    if not kept.lock.acquire(blocking=kept.stamp is None):
        return kept  # another request is building them: the groups before it, at most one build old
    try:
        if kept.started >= asked:  # built while this request waited: as new as the store it asked
            return kept
        started, stamp = time.monotonic(), _stamp(store)
        if stamp != kept.stamp:
            groups = build(store)
            kept.groups, kept.by_key = groups, {g.key: g for g in groups}
            kept.stamp = stamp
        kept.started = started
        return kept
    finally:
        kept.lock.release()


def all_groups(store: Store) -> list[EntityGroup]:
    """Every name group, most mentioned first (as :func:`~quellenlage.store.queries.entity_groups`)."""
    return _current(store).groups


def group_of(store: Store, key: str) -> EntityGroup | None:
    """The name group with this key, if any."""
    return _current(store).by_key.get(key)


def find_groups(store: Store, q: str = "", type_: str = "", sort: str = "mentions") -> list[EntityGroup]:
    """Name groups with a name containing ``q`` (any case), of type ``type_``, sorted by ``sort`` (see
    :data:`GROUP_SORTS`; ties by name, then key)."""
    part = fold(q)
    found = [
        g for g in all_groups(store) if (not type_ or g.type == type_) and (not part or any(part in fold(n) for n in g.names))
    ]
    if sort == "articles":
        return sorted(found, key=lambda g: (-g.articles, g.name, g.key))
    if sort == "name":
        return sorted(found, key=lambda g: (g.name, g.key))
    return sorted(found, key=lambda g: (-g.mentions, g.name, g.key))
