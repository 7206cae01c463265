"""Mending what :mod:`.check` finds, without losing a record: ``quellenlage check --repair``.

What is derived is derived again: the rows of a current revision from its record, the full-text index from
the rows, the database's indexes from their tables. A revision whose ``articles`` row is gone gets one again
(its record is the article); an article pointing at a revision that is gone points at its latest one left.
Rows naming an article, revision or feed that does not exist are removed (nothing reads them). The only
article ever removed is one without any revision left: it has no record to lose. Every mend runs in one
writing transaction, so a repair stopped part-way leaves the store as the last mend left it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, and_, delete, func, select, update

from ..record import Record
from . import Store
from .backends import backend
from .check import Problem, plural
from .rows import prepare
from .tables import NORMALISED, articles, fetched_urls, link_queue, metadata, now, pages, revisions

#: The mend of the database engine's own problems (run first, and the store checked again: see
#: :func:`quellenlage.integrity.repair`).
REINDEX = "reindex"

#: The mends in the order they run: a record's rows before the full-text index that is built from them.
ORDER = (
    "adopt revisions",
    "repoint articles",
    "rederive rows",
    "remove orphans",
    "remove stray pages",
    "forget in fetched urls",
    REINDEX,
    "rebuild fulltext",
)


def mend(store: Store, problems: list[Problem]) -> list[str]:
    """Mend ``problems`` (those whose mend is one of :data:`ORDER`); a line for each saying what was done."""
    lines = []
    for name in ORDER:
        todo = [p for p in problems if p.mend == name]
        if not todo:
            continue
        with store.write() as conn:
            done = _MENDS[name](conn, todo)
        lines += [f"{p.line()}: mended ({done})" for p in todo]
    return lines


def _rows_from_record(conn: Connection, article_id: str, revision: int) -> None:
    """The article's row and normalised rows made again from the record of ``revision``, now current; the
    article queued for linking."""
    data: str = conn.execute(
        select(revisions.c.record).where(revisions.c.article_id == article_id, revisions.c.revision == revision)
    ).scalar_one()
    prepared = prepare(Record.from_json(data), record_json=data)
    conn.execute(
        update(articles)
        .where(articles.c.id == article_id)
        .values(**prepared.article, current_revision=revision, updated_at=now())
    )
    for table in reversed(NORMALISED):
        conn.execute(delete(table).where(table.c.article_id == article_id))
    for table in NORMALISED:
        if prepared.normalised.get(table.name):
            conn.execute(table.insert(), prepared.normalised[table.name])
    conn.execute(delete(link_queue).where(link_queue.c.article_id == article_id))
    conn.execute(link_queue.insert().values(article_id=article_id, queued_at=now()))


def _adopt(conn: Connection, problems: list[Problem]) -> str:
    ids = []
    for article_id in sorted({a for p in problems for a in p.articles}):
        row = conn.execute(
            select(func.max(revisions.c.revision), func.min(revisions.c.created_at)).where(revisions.c.article_id == article_id)
        ).one()
        latest: int = row[0]
        first: str | None = row[1]
        data: str = conn.execute(
            select(revisions.c.record).where(revisions.c.article_id == article_id, revisions.c.revision == latest)
        ).scalar_one()
        try:
            if Record.from_json(data).id != article_id:
                continue  # a record of another article: not this one's to be made from
        except ValueError:
            continue  # unreadable: nothing to make an article from
        ids.append(article_id)
        at = now()
        conn.execute(articles.insert().values(id=article_id, current_revision=latest, created_at=first or at, updated_at=at))
        _rows_from_record(conn, article_id, latest)
    return f"{plural(len(ids), 'article')} made again from {'its' if len(ids) == 1 else 'their'} latest revision"


def _repoint(conn: Connection, problems: list[Problem]) -> str:
    repointed = removed = kept = 0
    for article_id in sorted({a for p in problems for a in p.articles}):
        latest = conn.execute(select(func.max(revisions.c.revision)).where(revisions.c.article_id == article_id)).scalar()
        if latest is None:
            # no record at all: nothing of it can be read, nothing is lost. Unless the page it was made from
            # is kept, or the table says otherwise when read without its indexes (a damaged index): then it
            # is left for a person to look at
            if _has_page(conn, article_id) or _revisions_unindexed(conn, article_id):
                kept += 1
                continue
            conn.execute(delete(articles).where(articles.c.id == article_id))
            removed += 1
        else:
            _rows_from_record(conn, article_id, latest)
            repointed += 1
    parts = [f"{plural(repointed, 'article')} now at its latest revision"] if repointed else []
    parts += [f"{plural(removed, 'article')} without any revision removed"] if removed else []
    parts += [f"{plural(kept, 'article')} left as it is (a raw page or a revision is still there)"] if kept else []
    return ", ".join(parts)


def _has_page(conn: Connection, article_id: str) -> bool:
    return conn.execute(select(pages.c.article_id).where(pages.c.article_id == article_id).limit(1)).first() is not None


def _revisions_unindexed(conn: Connection, article_id: str) -> bool:
    """Whether the revisions table holds a row of the article when read without its indexes (SQLite)."""
    if conn.dialect.name != "sqlite":
        return False
    found = conn.exec_driver_sql("SELECT 1 FROM revisions NOT INDEXED WHERE article_id = ? LIMIT 1", (article_id,))
    return found.first() is not None


def _rederive(conn: Connection, problems: list[Problem]) -> str:
    ids = sorted({a for p in problems for a in p.articles})
    for article_id in ids:
        current: int = conn.execute(select(articles.c.current_revision).where(articles.c.id == article_id)).scalar_one()
        _rows_from_record(conn, article_id, current)
    return f"rows of {plural(len(ids), 'article')} made again from {'its' if len(ids) == 1 else 'their'} record"


def _remove_orphans(conn: Connection, problems: list[Problem]) -> str:
    removed = 0
    for p in problems:
        assert p.table is not None
        table_name, column_name = p.table.split(".")
        table = metadata.tables[table_name]
        column = table.c[column_name]
        fk = next(iter(column.foreign_keys)).column
        orphan = and_(column.is_not(None), ~select(fk).where(fk == column).exists())
        if table is pages:  # a raw page whose revision is still there is what its record can be made from again
            orphan = and_(orphan, ~_revision_of_page())
        removed += conn.execute(delete(table).where(orphan)).rowcount
    return f"{plural(removed, 'row')} removed"


def _revision_of_page():
    """ "The page's revision exists", as a condition on ``pages``."""
    return (
        select(revisions.c.revision)
        .where(and_(revisions.c.article_id == pages.c.article_id, revisions.c.revision == pages.c.revision))
        .exists()
    )


def _remove_stray_pages(conn: Connection, problems: list[Problem]) -> str:
    return f"{plural(conn.execute(delete(pages).where(~_revision_of_page())).rowcount, 'page')} removed"


def _forget(conn: Connection, problems: list[Problem]) -> str:
    """A URL whose article is gone is forgotten (the next watch fetches it again); one whose feed is gone
    keeps its article, as ``feeds remove`` leaves it."""
    from .tables import feeds

    done = []
    for p in problems:
        if p.table == "fetched_urls.article_id":
            gone = ~select(articles.c.id).where(articles.c.id == fetched_urls.c.article_id).exists()
            n = conn.execute(delete(fetched_urls).where(fetched_urls.c.article_id.is_not(None), gone)).rowcount
            done.append(f"{plural(n, 'URL')} forgotten, to be fetched again")
        else:
            gone = ~select(feeds.c.id).where(feeds.c.id == fetched_urls.c.feed_id).exists()
            n = conn.execute(update(fetched_urls).where(fetched_urls.c.feed_id.is_not(None), gone).values(feed_id=None)).rowcount
            done.append(f"{plural(n, 'URL')} no longer of a feed")
    return ", ".join(done)


def _reindex(conn: Connection, problems: list[Problem]) -> str:
    backend(conn.dialect.name).repair_engine(conn)
    return "indexes rebuilt"


def _rebuild_fulltext(conn: Connection, problems: list[Problem]) -> str:
    backend(conn.dialect.name).rebuild_fulltext(conn)
    return "full-text index rebuilt"


_MENDS: dict[str, Callable[[Connection, list[Problem]], str]] = {
    "adopt revisions": _adopt,
    "repoint articles": _repoint,
    "rederive rows": _rederive,
    "remove orphans": _remove_orphans,
    "remove stray pages": _remove_stray_pages,
    "forget in fetched urls": _forget,
    REINDEX: _reindex,
    "rebuild fulltext": _rebuild_fulltext,
}
