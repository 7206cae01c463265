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


def _installed_unaccent(conn: Connection) -> str | None:
    return conn.execute(
        text("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'")
    ).scalar_one_or_none()


def _unaccent_schema(conn: Connection) -> str:
    """The schema of the ``unaccent`` extension, installing it (in ``public``) if the database lacks it.

    Extensions are per database, stores per schema: two stores made at once in a new database both find no
    extension. A transaction-level advisory lock lets one create it while the other waits and then finds it;
    a creator outside this lock (another program) is met by looking again after the failed attempt."""
    found = _installed_unaccent(conn)
    if found is not None:
        return found
    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext('quellenlage:create extension unaccent'))")
    found = _installed_unaccent(conn)
    if found is not None:
        return found
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION unaccent SCHEMA public")
    except DBAPIError as exc:
        found = _installed_unaccent(conn)
        if found is not None:
            return found
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


# --- checking and mending (quellenlage check) --------------------------------------------------------


_INVALID = (
    "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
    "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT i.indisvalid"
)


def engine_problems(conn: Connection) -> list[str]:
    """Indexes of the store's schema that PostgreSQL marks invalid (a CREATE INDEX that failed part-way), one
    line each. (The server checks its pages itself; foreign keys are always enforced.)"""
    names: list[str] = list(conn.exec_driver_sql(_INVALID).scalars())
    return [f"index {name} is invalid" for name in names]


def repair_engine(conn: Connection) -> None:
    """Rebuild the store's invalid indexes."""
    names: list[str] = list(conn.exec_driver_sql(_INVALID).scalars())
    for name in names:
        conn.exec_driver_sql(f'REINDEX INDEX "{name}"')


def _has_column(conn: Connection, table: str) -> bool:
    return bool(
        conn.exec_driver_sql(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %(table)s AND column_name = 'tsv'",
            {"table": table},
        ).scalar()
    )


def _has_index(conn: Connection, table: str) -> bool:
    return bool(
        conn.exec_driver_sql(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relname = %(name)s AND c.relkind = 'i'",
            {"name": f"ix_{table}_tsv"},
        ).scalar()
    )


def fulltext_problems(conn: Connection) -> list[tuple[str, int, str]]:
    """How each full-text column differs from what it should be: (table, rows concerned, what), [] when
    all is well: the generated ``tsv`` column or its GIN index missing, or vectors that are not what the
    text gives now (a text search configuration changed under them)."""
    found: list[tuple[str, int, str]] = []
    for table, expression in _INDEXED.items():
        if not _has_column(conn, table):
            found.append((table, 1, f"{table}.tsv (the full-text column) is missing"))
            continue
        if not _has_index(conn, table):
            found.append((table, 1, f"ix_{table}_tsv (the full-text index) is missing"))
        vector = expression.format(config=CONFIG)
        stale = conn.exec_driver_sql(f"SELECT count(*) FROM {table} WHERE tsv IS DISTINCT FROM {vector}").scalar()
        if stale:
            found.append((table, stale, f"{stale} {table} rows whose full-text vector is stale"))
    return found


def rebuild_fulltext(conn: Connection) -> None:
    """The ``tsv`` columns and their indexes put back where missing, every vector computed anew."""
    for table, expression in _INDEXED.items():
        vector = expression.format(config=CONFIG)
        if not _has_column(conn, table):
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN tsv tsvector GENERATED ALWAYS AS ({vector}) STORED")
        else:
            conn.exec_driver_sql(f"UPDATE {table} SET text = text WHERE tsv IS DISTINCT FROM {vector}")
        if not _has_index(conn, table):
            conn.exec_driver_sql(f"CREATE INDEX ix_{table}_tsv ON {table} USING gin (tsv)")
        else:
            conn.exec_driver_sql(f"REINDEX INDEX ix_{table}_tsv")


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
