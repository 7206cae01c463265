"""PostgreSQL, the shared store: serialised writers, ``tsvector`` full-text search, JSON.

``--db postgresql://user@host/dbname`` (or ``$QUELLENLAGE_DB``); the psycopg
driver is used when the URL names none. A ``?options=-csearch_path%3Dname``
in the URL keeps a store in its own schema.

Writers: every writing transaction first takes a transaction-scoped
advisory lock for the store's schema, so writers run one after another as on
SQLite (``BEGIN IMMEDIATE``) while readers never wait (MVCC). Several ingest
processes into one store therefore never interleave a record's check and its
insert.

Full text: a generated, GIN-indexed ``tsv`` column on ``sentences`` (its
text) and ``statements`` (text and speaker), made with the text search
configuration ``quellenlage_german``: PostgreSQL's ``german`` (Snowball
stemming, German stop words) after ``unaccent``. So case and diacritics are
folded as on SQLite ("gesprache" finds "Gespräche", and here "ß" = "ss"), and
unlike SQLite, inflected forms meet ("Gespräch" finds "Gespräche") and stop
words ("die", "und") are not searched for. Ranked by ``ts_rank_cd``, marked
by ``ts_headline``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import DBAPIError

from ...errors import StoreError
from . import MARK_END, MARK_START, Target

#: The text search configuration the store creates in its schema.
CONFIG = "quellenlage_german"

#: "contains" on text, case-insensitive.
LIKE = "ILIKE"

_INDEXED = {
    "sentences": "to_tsvector('{config}'::regconfig, text)",
    "statements": "to_tsvector('{config}'::regconfig, text) || to_tsvector('{config}'::regconfig, coalesce(speaker_text, ''))",
}


def configure(engine: Engine, write_option: str) -> None:
    """Writing transactions (execution option ``write_option``) take the store's advisory lock first."""

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(write_option):
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext('quellenlage:' || current_schema()))")


@contextmanager
def only_one(engine: Engine, name: str) -> Iterator[bool]:
    """Whether this process is the only one holding the store's lock ``name`` (a session advisory lock on a
    connection kept for the block): False when another holds it. The server releases it when the holder's
    connection ends, however the process ended."""
    with engine.connect() as conn:
        key = f"quellenlage:{name}:"
        got = conn.exec_driver_sql("SELECT pg_try_advisory_lock(hashtext(%(key)s || current_schema()))", {"key": key}).scalar()
        conn.commit()
        try:
            yield bool(got)
        finally:
            if got:
                conn.exec_driver_sql("SELECT pg_advisory_unlock(hashtext(%(key)s || current_schema()))", {"key": key})
                conn.commit()


def check_available(conn: Connection) -> None:
    """Raise :class:`StoreError` unless the server has what the store needs (PostgreSQL 12 or newer)."""
    version = conn.dialect.server_version_info or (0,)
    if version < (12,):
        raise StoreError(f"PostgreSQL {'.'.join(map(str, version))} is too old: the store needs 12 or newer")


def _unaccent_schema(conn: Connection) -> str:
    """The schema of the ``unaccent`` extension, installing it (in ``public``) if the database lacks it."""
    found = conn.execute(
        text("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'")
    ).scalar_one_or_none()
    if found is not None:
        return found
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION unaccent SCHEMA public")
    except DBAPIError as exc:
        raise StoreError(
            f"the database lacks the unaccent extension and this user may not create it ({exc.orig}); "
            "ask its owner for: CREATE EXTENSION unaccent SCHEMA public"
        ) from exc
    return "public"


def create_fulltext(conn: Connection) -> None:
    """The text search configuration, the ``tsv`` columns and their GIN indexes (migration 2)."""
    unaccent = _unaccent_schema(conn)
    conn.exec_driver_sql(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.german)")
    conn.exec_driver_sql(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
        f'ALTER MAPPING FOR hword, hword_part, word WITH "{unaccent}".unaccent, german_stem'
    )
    for table, expression in _INDEXED.items():
        vector = expression.format(config=CONFIG)
        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN tsv tsvector GENERATED ALWAYS AS ({vector}) STORED")
        conn.exec_driver_sql(f"CREATE INDEX ix_{table}_tsv ON {table} USING gin (tsv)")


def match_text(terms: list[tuple[str, bool]]) -> str:
    """A ``to_tsquery`` input for (word, prefix?) terms, all required: each word
    quoted (so no input is a syntax error), ``:*`` for a prefix."""
    quoted = ["'" + word.replace("\\", "\\\\").replace("'", "\\'") + "'" + (":*" if prefix else "") for word, prefix in terms]
    return " & ".join(quoted)


def match_join(target: Target) -> str:
    """What joins the query ``:match`` (as ``q``) to the target's rows (``s``)."""
    return f"CROSS JOIN to_tsquery('{CONFIG}'::regconfig, :match) AS q"


def match_condition(target: Target) -> str:
    return "s.tsv @@ q"


def rank(target: Target) -> str:
    """The relevance of a match, lower is better (``ts_rank_cd`` negated, as bm25 is on SQLite)."""
    return "-ts_rank_cd(s.tsv, q)"


def snippet(target: Target) -> str:
    """A match with its words marked: a sentence whole, a statement as an excerpt around the matches."""
    marks = f"StartSel={MARK_START}, StopSel={MARK_END}"
    options = f"{marks}, HighlightAll=true" if target == "sentences" else f"{marks}, MaxWords=40, MinWords=15"
    # "US-Beamte" is one word to the reader: «US-Beamte», not «US»-«Beamte»
    marked = f"ts_headline('{CONFIG}'::regconfig, s.text, q, '{options}')"
    return f"replace({marked}, '{MARK_END}-{MARK_START}', '-')"


#: The entity id of a source (``src``, an element of a statement's sources).
_SOURCE_ENTITY = "src->>'entity'"


def source_named(alias: str, entity_in: str = "") -> str:
    """A statement (``alias``) with a source whose name is ILIKE ``:source`` or, given ``entity_in`` (SQL on
    ``{entity}``, the source's entity id in its article), whose entity meets that."""
    entity = f" OR ({entity_in.format(entity=_SOURCE_ENTITY)})" if entity_in else ""
    return (
        f"EXISTS (SELECT 1 FROM json_array_elements({alias}.sources) AS src WHERE src->>'name' ILIKE :source ESCAPE '\\'{entity})"
    )
