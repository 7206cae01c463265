"""What ``quellenlage check`` finds wrong in the store proper: the engine, the schema, the articles with
their revisions and rows, the full-text index, the fetch tables. (The link tables: :mod:`quellenlage.link.check`;
mending: :mod:`.repair`.)

Each finding is a :class:`Problem`: one line saying what and where, how many rows, and which repair (if any)
mends it without losing a record. The checks read only (the FTS5 ``integrity-check`` is written as an INSERT
and rolled back); they work on both backends through the same tables, the backend adding its own engine and
full-text checks (:mod:`.backends`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, and_, func, inspect, select

from ..record import Record
from .backends import backend
from .migrations import HEAD, applied_version
from .rows import prepare
from .tables import NORMALISED, articles, feed_errors, feeds, fetched_urls, metadata, pages, revisions

#: Article ids shown in a problem's line (the count says how many there are).
SHOWN = 3


@dataclass(frozen=True)
class Problem:
    """One thing found wrong: ``area`` (engine, schema, records, fulltext, fetch, links), one line of what and
    where, the rows it concerns, and the repair that mends it (None: none can without losing data)."""

    area: str
    what: str
    count: int = 1
    mend: str | None = None
    articles: tuple[str, ...] = ()
    """The articles concerned, for the repairs that work article by article."""
    table: str | None = None
    """The table (and, after a dot, the column) concerned, for the repairs that work on one."""

    def line(self) -> str:
        return f"{self.area}: {self.what}"


def listed(ids: Sequence[str]) -> str:
    """Ids as a problem line shows them: the first :data:`SHOWN`, then "…"."""
    return ", ".join(ids[:SHOWN]) + (", …" if len(ids) > SHOWN else "")


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


# --- the engine and the schema ----------------------------------------------------------------------


def engine_problems(conn: Connection) -> list[Problem]:
    """The database's own check (SQLite: ``PRAGMA integrity_check``; PostgreSQL: invalid indexes)."""
    lines = backend(conn.dialect.name).engine_problems(conn)
    return [Problem("engine", " ".join(line.split()), mend="reindex") for line in lines]  # one line each


def schema_problems(conn: Connection) -> list[Problem]:
    """The store at the newest migration, with every table the code expects."""
    found = []
    version = applied_version(conn)
    if version != int(HEAD):
        found.append(Problem("schema", f"migration {version:04d}, this Quellenlage expects {HEAD}"))
    have = set(inspect(conn).get_table_names())
    for name in sorted(set(metadata.tables) - have):
        found.append(Problem("schema", f"table {name} is missing"))
    return found


# --- articles, revisions and the rows of the current revision ----------------------------------------

#: What identifies a row of each normalised table within its article (a row's content beyond these is the
#: record's and is not compared).
_KEYS: dict[str, tuple[str, ...]] = {
    "sentences": ("idx", "start", "end"),
    "statements": ("sid", "start", "end"),
    "entities": ("eid", "name"),
    "mentions": ("eid", "start", "end"),
    "times": ("start", "end", "value"),
    "events": ("evid", "type", "status"),
    "article_tags": ("tag",),
}


def orphan_problems(conn: Connection) -> list[Problem]:
    """Rows that name an article (or a feed) that does not exist, for every foreign key of the schema: what
    SQLite's ``PRAGMA foreign_key_check`` reports, asked the same way of both backends. Revisions without
    their article are mended by giving them one again (their records are kept); other rows are removed."""
    found = []
    for table in metadata.sorted_tables:
        for fk in table.foreign_keys:
            column, parent = fk.parent, fk.column
            query = (
                select(column, func.count())
                .where(column.is_not(None), ~select(parent).where(parent == column).exists())
                .group_by(column)
                .order_by(column)
            )
            rows = conn.execute(query).all()
            if not rows:
                continue
            ids = [str(r[0]) for r in rows]
            n = sum(r[1] for r in rows)
            if table is revisions:
                what = f"{plural(n, 'revision')} of {plural(len(ids), 'article')} that has no articles row: {listed(ids)}"
                found.append(Problem("records", what, n, mend="adopt revisions", articles=tuple(ids)))
            else:
                what = (
                    f"{table.name}: {plural(n, 'row')} naming {plural(len(ids), parent.table.name[:-1])} that does not exist: "
                    f"{listed(ids)}"
                )
                area = "fetch" if table in (pages, feed_errors) else "links" if table.name not in _KEYS else "records"
                found.append(Problem(area, what, n, mend="remove orphans", table=f"{table.name}.{column.name}"))
    return found


def article_problems(conn: Connection) -> list[Problem]:
    """Every article: its current revision there, its record parseable and its own (id, content hash), its
    row and the rows of every normalised table as its record gives them (none missing, none too many, none
    left from another revision)."""
    no_revision: list[str] = []
    unreadable: list[tuple[str, str]] = []
    differing: dict[str, list[str]] = {}
    query = (
        select(articles, revisions.c.record, revisions.c.content_hash.label("stored_hash"))
        .outerjoin(revisions, and_(revisions.c.article_id == articles.c.id, revisions.c.revision == articles.c.current_revision))
        .order_by(articles.c.id)
    )
    batch: list[tuple[str, Record, dict]] = []

    def compare() -> None:
        for article_id, what in _compare_rows(conn, batch):
            differing.setdefault(what, []).append(article_id)
        batch.clear()

    for row in conn.execution_options(yield_per=200).execute(query).mappings():
        if row["record"] is None:
            no_revision.append(row["id"])
            continue
        try:
            record = Record.from_json(row["record"])
        except ValueError as exc:
            unreadable.append((row["id"], str(exc).splitlines()[0]))
            continue
        if record.id != row["id"] or record.content_hash != row["stored_hash"]:
            unreadable.append((row["id"], f"its record is of {record.id}, content hash {record.content_hash[:12]}"))
            continue
        batch.append((row["id"], record, dict(row)))
        if len(batch) >= 200:
            compare()
    compare()
    found = []
    if no_revision:
        n = len(no_revision)
        what = f"{plural(n, 'article')} without {'its' if n == 1 else 'their'} current revision: {listed(no_revision)}"
        found.append(Problem("records", what, n, mend="repoint articles", articles=tuple(no_revision)))
    for article_id, reason in unreadable:
        found.append(Problem("records", f"article {article_id}: the current revision's record cannot be read: {reason}"))
    for what, ids in sorted(differing.items()):
        what_line = f"{plural(len(ids), 'article')}: {what}: {listed(ids)}"
        found.append(Problem("records", what_line, len(ids), mend="rederive rows", articles=tuple(ids)))
    return found


def _compare_rows(conn: Connection, batch: list[tuple[str, Record, dict]]) -> Iterable[tuple[str, str]]:
    """(article id, what differs) for the articles of ``batch`` whose rows are not what their records give."""
    if not batch:
        return
    ids = [article_id for article_id, _, _ in batch]
    stored: dict[str, dict[str, Counter[tuple]]] = {}
    for table in NORMALISED:
        keys = _KEYS[table.name]
        for row in conn.execute(select(table.c.article_id, *(table.c[k] for k in keys)).where(table.c.article_id.in_(ids))):
            stored.setdefault(table.name, {}).setdefault(row[0], Counter())[tuple(row[1:])] += 1
    for article_id, record, columns in batch:
        prepared = prepare(record, record_json="")
        if any(_differs(columns[k], v) for k, v in prepared.article.items()):
            yield article_id, "articles row differs from the record"
        for table in NORMALISED:
            keys = _KEYS[table.name]
            want = Counter(tuple(r[k] for k in keys) for r in prepared.normalised.get(table.name, []))
            have = stored.get(table.name, {}).get(article_id, Counter())
            if have == want:
                continue
            extra, missing = sum((have - want).values()), sum((want - have).values())
            dupes = sum(n - 1 for key, n in have.items() if n > 1)
            if dupes and dupes == extra and not missing:
                yield article_id, f"duplicate {table.name} rows"
            elif missing and not extra:
                yield article_id, f"{table.name} rows missing"
            else:
                yield article_id, f"{table.name} rows not those of the current record"


def _differs(stored: object, wanted: object) -> bool:
    if isinstance(stored, datetime) and isinstance(wanted, datetime):  # published_at: the same instant?
        # (SQLite keeps the UTC time without its offset)
        return (stored if stored.tzinfo else stored.replace(tzinfo=UTC)) != wanted
    return stored != wanted


def fulltext_problems(conn: Connection) -> list[Problem]:
    """The full-text index against the current rows (the backend's own comparison)."""
    return [
        Problem("fulltext", f"{index}: {what}", count, mend="rebuild fulltext")
        for index, count, what in backend(conn.dialect.name).fulltext_problems(conn)
    ]


def fetch_problems(conn: Connection) -> list[Problem]:
    """The fetch tables against the articles: a raw page of a revision that does not exist, a fetched URL
    naming an article or a feed that does not exist. (Pages and feed errors without their article or feed
    are found with the other orphans.)"""
    found = []
    stray = conn.execute(
        select(pages.c.article_id, pages.c.revision).where(
            ~select(revisions.c.revision)
            .where(revisions.c.article_id == pages.c.article_id, revisions.c.revision == pages.c.revision)
            .exists(),
            select(articles.c.id).where(articles.c.id == pages.c.article_id).exists(),
        )
    ).all()
    if stray:
        shown = [f"{r.article_id} revision {r.revision}" for r in stray]
        what = f"{plural(len(stray), 'raw page')} of a revision that does not exist: {listed(shown)}"
        found.append(Problem("fetch", what, len(stray), mend="remove stray pages"))
    for column, parent, word in (
        (fetched_urls.c.article_id, articles.c.id, "article"),
        (fetched_urls.c.feed_id, feeds.c.id, "feed"),
    ):
        rows: list[str] = list(
            conn.execute(select(fetched_urls.c.key).where(column.is_not(None), ~select(parent).where(parent == column).exists()))
            .scalars()
            .all()
        )
        if rows:
            what = f"fetched_urls: {plural(len(rows), 'URL')} naming a{'n' if word == 'article' else ''} {word} that does not exist: {listed(rows)}"
            found.append(Problem("fetch", what, len(rows), mend="forget in fetched urls", table=f"fetched_urls.{column.name}"))
    return found


def store_problems(conn: Connection) -> list[Problem]:
    """Everything this module checks, in order. The database's own problems end the check there (the other
    checks would read through a damaged index and report what it makes up: an article "without its revision"
    that is there); so does a schema that is not the expected one (they would read tables not as they expect).
    ``--repair`` rebuilds the indexes, then checks again."""
    found = engine_problems(conn)
    if found:
        return found
    found = schema_problems(conn)
    if found:
        return found
    return found + orphan_problems(conn) + article_problems(conn) + fulltext_problems(conn) + fetch_problems(conn)
