"""Full-text search: the dialect-specific part of the store.

SQLite (implemented): FTS5 *external-content* tables index the normalised
rows without copying them, kept in sync by triggers:

- ``sentences_fts(text)`` over ``sentences`` (rowid = ``sentences.pk``),
- ``statements_fts(text, speaker_text)`` over ``statements`` (rowid = ``statements.pk``),

both with the tokenizer ``unicode61 remove_diacritics 2``: case and
diacritics are folded, so ``gesprache`` finds "Gespräche" (but ``gespraeche``
does not, and ``ß`` stays ``ß``); hyphens and other punctuation separate
tokens, so ``US-Beamte`` is the phrase "us beamte".

PostgreSQL (to add): give each public function below a branch for
``dialect_name == "postgresql"``: :func:`create` adds ``tsvector`` columns (or
expression GIN indexes) with a ``simple``/``unaccent`` configuration,
:func:`match_expression` maps onto ``websearch_to_tsquery`` input, and
:func:`search` ranks with ``ts_rank`` and marks with ``ts_headline``
(StartSel=«, StopSel=»). Nothing outside this module knows the difference.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from sqlalchemy import Connection, RowMapping, text
from sqlalchemy.exc import DBAPIError

from ..errors import StoreError

Target = Literal["sentences", "statements"]

TOKENIZER = "unicode61 remove_diacritics 2"
MARK_START, MARK_END = "«", "»"

# A word yields a search term only if it has a letter or digit
# (unicode61 treats everything else, underscore included, as a separator).
_TOKEN_CHAR = re.compile(r"[^\W_]")

# (fts table, content table, indexed columns)
_INDEXES = (
    ("sentences_fts", "sentences", ("text",)),
    ("statements_fts", "statements", ("text", "speaker_text")),
)


def _require_sqlite(dialect_name: str) -> None:
    if dialect_name != "sqlite":
        raise StoreError(f"full-text search is not implemented for the {dialect_name} dialect yet")


def check_available(conn: Connection) -> None:
    """Raise :class:`StoreError` unless the database can do full-text search."""
    _require_sqlite(conn.dialect.name)
    try:
        conn.exec_driver_sql("CREATE VIRTUAL TABLE temp.quellenlage_fts5_probe USING fts5(x)")
        conn.exec_driver_sql("DROP TABLE temp.quellenlage_fts5_probe")
    except DBAPIError as exc:
        raise StoreError(
            "the SQLite library has no FTS5 full-text search "
            f"(SQLite {conn.dialect.server_version_info}: {exc.orig}); "
            "use a Python built against an SQLite with FTS5 enabled"
        ) from exc


def create(conn: Connection, dialect_name: str) -> None:
    """Create the full-text indexes and the triggers that keep them in sync (a migration step)."""
    _require_sqlite(dialect_name)
    for fts, content, columns in _INDEXES:
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{content}', content_rowid='pk', tokenize='{TOKENIZER}')"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER {content}_fts_insert AFTER INSERT ON {content} BEGIN "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.pk, {new}); END"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER {content}_fts_delete AFTER DELETE ON {content} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.pk, {old}); END"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER {content}_fts_update AFTER UPDATE ON {content} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.pk, {old}); "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.pk, {new}); END"
        )
        # Index rows that predate the triggers (none on a fresh database).
        conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def match_expression(query: str, raw: bool = False) -> str | None:
    """Turn a user's query into an FTS5 MATCH expression; ``None`` if it has nothing to search for.

    By default every whitespace-separated word becomes a quoted term and the
    terms are ANDed, so no input is a syntax error: ``US-Beamte`` is a phrase,
    ``AND``/``OR``/``NEAR``, quotes, brackets and colons are plain text. A
    trailing ``*`` keeps prefix search (``Gespräch*``). With ``raw=True`` the
    query is FTS5 syntax and passed through unchanged.
    """
    query = unicodedata.normalize("NFC", query)
    if raw:
        return query if query.strip() else None
    terms = []
    for word in query.split():
        stem = word.rstrip("*")
        if not _TOKEN_CHAR.search(stem):
            continue
        quoted = '"' + stem.replace('"', '""') + '"'
        terms.append(quoted + "*" if stem != word else quoted)
    return " AND ".join(terms) or None


#: How a match is shown, per search target (an SQL expression over the target's FTS table).
SNIPPETS = {
    # a sentence is short: show it whole with the matches marked
    "sentences": f"highlight(sentences_fts, 0, '{MARK_START}', '{MARK_END}')",
    # a statement may run over several sentences: show an excerpt around the matches
    "statements": f"snippet(statements_fts, 0, '{MARK_START}', '{MARK_END}', '…', 40)",
}
# The extra columns of each target in :func:`search`.
_EXTRA = {"sentences": "NULL AS kind, NULL AS speaker", "statements": "s.kind, s.speaker_text AS speaker"}
#: The condition for "in this outlet" (case-insensitive), on ``articles AS a``.
OUTLET_CONDITION = "lower(a.outlet) = lower(:outlet)"


def match_from(target: str, conditions: list[str] | tuple[str, ...] = ()) -> str:
    """``FROM … WHERE``: the target's rows (``s``) matching ``:match``, with their articles
    (``a``), narrowed by further SQL ``conditions``. Best first is ``ORDER BY bm25({target}_fts)``."""
    where = " AND ".join([f"{target}_fts MATCH :match", *conditions])
    return (
        f"FROM {target}_fts JOIN {target} AS s ON s.pk = {target}_fts.rowid "
        f"JOIN articles AS a ON a.id = s.article_id WHERE {where}"
    )


def _search_sql(target: str, outlet: bool) -> str:
    return f"""
        SELECT s.article_id, a.headline, a.outlet, a.published, s.start, s."end", s.text,
               {SNIPPETS[target]} AS snippet, bm25({target}_fts) AS rank, {_EXTRA[target]}
        {match_from(target, [OUTLET_CONDITION] if outlet else [])}
        ORDER BY rank, s.article_id, s.start
        LIMIT :limit OFFSET :offset
    """


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
    """Matching sentences or statements of current revisions, best first (bm25).

    Each row has ``article_id, headline, outlet, published, start, end, text,
    snippet, rank, kind, speaker`` (``kind``/``speaker`` are ``None`` for
    sentences). ``snippet`` marks the matched terms with «…»; ``outlet``
    filters case-insensitively.
    """
    _require_sqlite(conn.dialect.name)
    if target not in SNIPPETS:
        raise StoreError(f"unknown search target {target!r} (sentences or statements)")
    match = match_expression(query, raw=raw)
    if match is None:
        return []
    params = {"match": match, "limit": limit, "offset": offset}
    if outlet:
        params["outlet"] = outlet
    sql = _search_sql(target, outlet=bool(outlet))
    try:
        return list(conn.execute(text(sql), params).mappings())
    except DBAPIError as exc:
        raise StoreError(f"search {query!r}: {exc.orig}") from exc
