"""Full-text search over sentences and statements, the same on every backend.

The user's words become a query of the backend's own syntax
(:func:`match_expression`); the index, its ranking and the marking of matched
words are the backend's (:mod:`.backends.sqlite`: FTS5 and bm25,
:mod:`.backends.postgresql`: ``tsvector`` and ``ts_rank_cd``). This module
only puts the pieces together, so callers never see the difference.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import Connection, RowMapping, text

from ..errors import StoreError
from .backends import MARK_END, MARK_START, Target, backend

__all__ = ["MARK_END", "MARK_START", "OUTLET_CONDITION", "Target", "match_expression", "match_from", "search"]

# A word yields a search term only if it has a letter or digit
# (both backends treat everything else, underscore included, as a separator).
_TOKEN_CHAR = re.compile(r"[^\W_]")

#: The condition for "in this outlet" (case-insensitive), on ``articles AS a``.
OUTLET_CONDITION = "lower(a.outlet) = lower(:outlet)"


def terms(query: str) -> list[tuple[str, bool]]:
    """The search terms of a user's query (NFC): (word, prefix?) for every
    whitespace-separated word with a letter or digit; a trailing ``*`` asks
    for a prefix (``Gespräch*``)."""
    found = []
    for word in query.split():
        stem = word.rstrip("*")
        if _TOKEN_CHAR.search(stem):
            found.append((stem, stem != word))
    return found


def match_expression(query: str, raw: bool = False, dialect_name: str = "sqlite") -> str | None:
    """Turn a user's query into the backend's query syntax; ``None`` if it has nothing to search for.

    By default every word becomes a quoted term and the terms are ANDed, so no
    input is a syntax error: ``US-Beamte`` is a phrase, ``AND``/``OR``/``NEAR``,
    quotes, brackets and colons are plain text; a trailing ``*`` keeps prefix
    search (``Gespräch*``). With ``raw=True`` the query is the backend's own
    syntax (FTS5 on SQLite, ``to_tsquery`` on PostgreSQL), passed through.
    """
    query = unicodedata.normalize("NFC", query)
    if raw:
        return query if query.strip() else None
    found = terms(query)
    return backend(dialect_name).match_text(found) if found else None


def match_from(dialect_name: str, target: Target, conditions: list[str] | tuple[str, ...] = ()) -> str:
    """``FROM … WHERE``: the target's rows (``s``) matching ``:match``, with their articles
    (``a``), narrowed by further SQL ``conditions``."""
    db = backend(dialect_name)
    where = " AND ".join([db.match_condition(target), *conditions])
    return f"FROM {target} AS s {db.match_join(target)} JOIN articles AS a ON a.id = s.article_id WHERE {where}"


# The extra columns of each target in :func:`search`.
_EXTRA = {"sentences": "NULL AS kind, NULL AS speaker", "statements": "s.kind, s.speaker_text AS speaker"}


def search(
    conn: Connection,
    query: str,
    *,
    target: Target = "sentences",
    limit: int = 20,
    offset: int = 0,
    raw: bool = False,
    outlet: str | None = None,
) -> list[RowMapping]:
    """Matching sentences or statements of current revisions, best first.

    Each row has ``article_id, headline, outlet, published, start, end, text,
    snippet, rank, kind, speaker`` (``kind``/``speaker`` are ``None`` for
    sentences). ``snippet`` marks the matched terms with «…»; ``rank`` is lower
    for a better match; ``outlet`` filters case-insensitively.
    """
    if target not in _EXTRA:
        raise StoreError(f"unknown search target {target!r} (sentences or statements)")
    dialect_name = conn.dialect.name
    db = backend(dialect_name)
    match = match_expression(query, raw=raw, dialect_name=dialect_name)
    if match is None:
        return []
    params = {"match": match, "limit": limit, "offset": offset}
    if outlet:
        params["outlet"] = outlet
    sql = f"""
        SELECT s.article_id, a.headline, a.outlet, a.published, s.start, s."end", s.text,
               {db.snippet(target)} AS snippet, {db.rank(target)} AS rank, {_EXTRA[target]}
        {match_from(dialect_name, target, [OUTLET_CONDITION] if outlet else [])}
        ORDER BY rank, s.article_id, s.start
        LIMIT :limit OFFSET :offset
    """
    return list(conn.execute(text(sql), params).mappings())  # database errors: Store.search words them
