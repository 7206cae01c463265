"""SQLite, the embedded default store: connection set-up, FTS5 full-text search, JSON.

Full text: FTS5 *external-content* tables index the normalised rows without
copying them, kept in sync by triggers:

- ``sentences_fts(text)`` over ``sentences`` (rowid = ``sentences.pk``),
- ``statements_fts(text, speaker_text)`` over ``statements`` (rowid = ``statements.pk``),

both with the tokenizer ``unicode61 remove_diacritics 2``: case and
diacritics are folded, so ``gesprache`` finds "Gespräche" (but ``gespraeche``
does not, and ``ß`` stays ``ß``); hyphens and other punctuation separate
tokens, so ``US-Beamte`` is the phrase "us beamte". No stemming: "Gespräch"
does not find "Gespräche" (``Gespräch*`` does).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError

from ...errors import StoreError
from . import MARK_END, MARK_START, Target

TOKENIZER = "unicode61 remove_diacritics 2"

#: Connection settings (every connection).
PRAGMAS = (
    # first: wait up to 10 s for another process's lock, also for the switch to WAL below (on a new file two
    # processes opening it at once would otherwise fail with "database is locked")
    "PRAGMA busy_timeout=10000",
    "PRAGMA journal_mode=WAL",  # readers never block the writer, nor it them
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",  # safe with WAL; durable up to the last checkpoint
)

# (fts table, content table, indexed columns)
_INDEXES = (
    ("sentences_fts", "sentences", ("text",)),
    ("statements_fts", "statements", ("text", "speaker_text")),
)

#: "contains" on text, case-insensitive (SQLite's LIKE folds ASCII case).
LIKE = "LIKE"


def configure(engine: Engine, write_option: str) -> None:
    """Set the PRAGMAs on every connection and let SQLAlchemy, not ``sqlite3``, emit BEGIN.

    ``sqlite3``'s own transaction handling does not begin a transaction for
    DDL, so migrations would not be atomic; with ``isolation_level = None``
    and an explicit BEGIN every transaction covers all its statements.
    Writing transactions (execution option ``write_option``) begin IMMEDIATE:
    they take the write lock up front and wait for it (``busy_timeout``)
    instead of failing when another process wrote between their read and
    their write.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _connection_record) -> None:
        dbapi_connection.isolation_level = None
        # lower() as Python and PostgreSQL have it ("ÖVP" → "övp"); SQLite's own folds ASCII only
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        try:
            for pragma in PRAGMAS:
                cursor.execute(pragma).fetchall()
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(write_option) else "BEGIN")


@contextmanager
def only_one(engine: Engine, name: str) -> Iterator[bool]:
    """Whether this process is the only one holding the store's lock ``name``: an exclusive ``flock`` on a
    file beside the database ("news.db-watch.lock"), False when another holds it. The kernel releases it
    when the holder ends, however it ended. An in-memory database has no neighbours: always True."""
    database = engine.url.database
    if not database or database == ":memory:":
        yield True
        return
    import fcntl

    with open(f"{database}-{name}.lock", "a+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def check_available(conn: Connection) -> None:
    """Raise :class:`StoreError` unless this SQLite can do full-text search (FTS5)."""
    try:
        conn.exec_driver_sql("CREATE VIRTUAL TABLE temp.quellenlage_fts5_probe USING fts5(x)")
        conn.exec_driver_sql("DROP TABLE temp.quellenlage_fts5_probe")
    except DBAPIError as exc:
        raise StoreError(
            "the SQLite library has no FTS5 full-text search "
            f"(SQLite {conn.dialect.server_version_info}: {exc.orig}); "
            "use a Python built against an SQLite with FTS5 enabled"
        ) from exc


def create_fulltext(conn: Connection) -> None:
    """Create the full-text indexes and the triggers that keep them in sync (migration 2)."""
    for fts, content, columns in _INDEXES:
        cols = ", ".join(columns)
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{content}', content_rowid='pk', tokenize='{TOKENIZER}')"
        )
        for trigger in _triggers(fts, content, columns).values():
            conn.exec_driver_sql(trigger)
        # Index rows that predate the triggers (none on a fresh database).
        conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _triggers(fts: str, content: str, columns: tuple[str, ...]) -> dict[str, str]:
    """The triggers that keep ``fts`` in step with its ``content`` table, by name."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return {
        f"{content}_fts_insert": f"CREATE TRIGGER {content}_fts_insert AFTER INSERT ON {content} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.pk, {new}); END",
        f"{content}_fts_delete": f"CREATE TRIGGER {content}_fts_delete AFTER DELETE ON {content} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.pk, {old}); END",
        f"{content}_fts_update": f"CREATE TRIGGER {content}_fts_update AFTER UPDATE ON {content} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.pk, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.pk, {new}); END",
    }


# --- checking and mending (quellenlage check) --------------------------------------------------------


def engine_problems(conn: Connection) -> list[str]:
    """What SQLite's own ``PRAGMA integrity_check`` finds (pages, b-trees, indexes), one line each; [] when ok."""
    try:
        found = [str(row[0]) for row in conn.exec_driver_sql("PRAGMA integrity_check")]
    except DBAPIError as exc:  # a b-tree so damaged that the check itself stops ("disk image is malformed")
        conn.rollback()
        return [f"PRAGMA integrity_check stopped: {str(exc.orig).strip().splitlines()[0]}"]
    return [] if found == ["ok"] else found


def repair_engine(conn: Connection) -> None:
    """Rebuild every index from its table (what mends an index that ``integrity_check`` finds wrong)."""
    conn.exec_driver_sql("REINDEX")


def fulltext_problems(conn: Connection) -> list[tuple[str, int, str]]:
    """How each full-text index differs from its rows: (index, rows concerned, what), [] when they match.

    Rows missing from the index and index entries of rows that are gone are counted from the index's
    ``_docsize`` table (one entry per indexed row); a trigger missing means the index falls behind on every
    write; FTS5's own ``integrity-check`` (with rank 1: against the content table) finds entries whose
    text is stale. It runs only when nothing else is wrong with that index, which it would only repeat.
    """
    found: list[tuple[str, int, str]] = []
    have: set[str] = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
    for fts, content, columns in _INDEXES:
        before = len(found)
        missing = sorted(set(_triggers(fts, content, columns)) - have)
        if missing:
            found.append((fts, len(missing), f"trigger{'s' if len(missing) > 1 else ''} missing: {', '.join(missing)}"))
        unindexed = conn.exec_driver_sql(
            f"SELECT count(*) FROM {content} WHERE pk NOT IN (SELECT id FROM {fts}_docsize)"
        ).scalar()
        if unindexed:
            found.append((fts, unindexed, f"{unindexed} {content} rows missing from the index"))
        orphaned = conn.exec_driver_sql(f"SELECT count(*) FROM {fts}_docsize WHERE id NOT IN (SELECT pk FROM {content})").scalar()
        if orphaned:
            found.append((fts, orphaned, f"{orphaned} index entries of {content} rows that are gone"))
        if len(found) == before:
            try:
                with conn.begin_nested():
                    conn.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
            except DBAPIError as exc:
                found.append((fts, 1, f"index does not match its rows (FTS5 integrity-check: {exc.orig})"))
    return found


def rebuild_fulltext(conn: Connection) -> None:
    """Every full-text index built anew from its rows, and the triggers that keep it in step put back."""
    have: set[str] = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
    for fts, content, columns in _INDEXES:
        for name, trigger in _triggers(fts, content, columns).items():
            if name not in have:
                conn.exec_driver_sql(trigger)
        conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def match_text(terms: list[tuple[str, bool]]) -> str:
    """An FTS5 MATCH expression for (word, prefix?) terms, all required:
    each word a quoted phrase, so no input is a syntax error."""
    quoted = ['"' + word.replace('"', '""') + '"' + ("*" if prefix else "") for word, prefix in terms]
    return " AND ".join(quoted)


def match_join(target: Target) -> str:
    """What joins the target's rows (``s``) to its index; the query is ``:match``."""
    return f"JOIN {target}_fts ON {target}_fts.rowid = s.pk"


def match_condition(target: Target) -> str:
    return f"{target}_fts MATCH :match"


def rank(target: Target) -> str:
    """The relevance of a match, lower is better (bm25)."""
    return f"bm25({target}_fts)"


def snippet(target: Target) -> str:
    """A match with its words marked: a sentence whole, a statement as an excerpt around the matches."""
    if target == "sentences":
        return f"highlight(sentences_fts, 0, '{MARK_START}', '{MARK_END}')"
    return f"snippet(statements_fts, 0, '{MARK_START}', '{MARK_END}', '…', 40)"


#: The entity id of a source (``src``, an element of a statement's sources).
_SOURCE_ENTITY = "json_extract(src.value, '$.entity')"


def source_named(alias: str, entity_in: str = "") -> str:
    """A statement (``alias``) with a source whose name is LIKE ``:source`` or, given ``entity_in`` (SQL on
    ``{entity}``, the source's entity id in its article), whose entity meets that."""
    entity = f" OR ({entity_in.format(entity=_SOURCE_ENTITY)})" if entity_in else ""
    return f"EXISTS (SELECT 1 FROM json_each({alias}.sources) AS src WHERE json_extract(src.value, '$.name') LIKE :source ESCAPE '\\'{entity})"
