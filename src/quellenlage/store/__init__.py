"""The article store: records by id and revision, normalised and full-text searchable.

    >>> from quellenlage.store import open_store
    >>> with open_store("quellenlage.db") as store:          # doctest: +SKIP
    ...     store.put(record).status                          # "stored"
    ...     [hit.snippet for hit in store.search("Gespräche")]

SQLite now (:mod:`.store` SQLite section, :mod:`.fulltext`); PostgreSQL can be
added in those two places without touching the callers.
"""

from __future__ import annotations

from .fulltext import match_expression
from .store import ENV_VAR, MIN_PREFIX, PutResult, SearchHit, Store, database_url, open_store

__all__ = [
    "ENV_VAR",
    "MIN_PREFIX",
    "PutResult",
    "SearchHit",
    "Store",
    "database_url",
    "match_expression",
    "open_store",
]
