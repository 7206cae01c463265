"""The store: article records in a database, by revision, searchable.

Everything goes through SQLAlchemy Core, so the :class:`Store` methods are the
whole interface the rest of Quellenlage sees. What depends on the database
(connection set-up, how writers are serialised, the full-text index, JSON
functions) lives in :mod:`.backends`: SQLite, the embedded default, and
PostgreSQL for a shared server (``postgresql://…``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import Connection, Engine, Table, create_engine, delete, func, select, tuple_, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from ..errors import NotFound, StoreError
from ..record import Record
from . import fulltext
from .backends import backend
from .migrations import applied_version, migrate
from .parsed import Key, ParsedRecords
from .rows import Prepared, page_rows, prepare
from .tables import (
    NORMALISED,
    articles,
    chunks,
    failures,
    feeds,
    fetched_urls,
    link_queue,
    now,
    pages,
    revisions,
)

ENV_VAR = "QUELLENLAGE_DB"
DEFAULT_PATH = "quellenlage.db"
MIN_PREFIX = 4
"""Shortest id prefix :meth:`Store.resolve_id` accepts (like git's abbreviated hashes)."""

# Execution option marking transactions that will write (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock).
_WRITE = "quellenlage_write"

PutStatus = Literal["stored", "revised", "unchanged", "reanalysed"]


@dataclass(frozen=True)
class PutResult:
    """What :meth:`Store.put` did with a record."""

    status: PutStatus
    id: str
    revision: int


@dataclass(frozen=True)
class SearchHit:
    """A sentence or statement that matches a search, with its article."""

    article_id: str
    headline: str | None
    outlet: str | None
    published: str | None
    start: int
    end: int
    text: str
    snippet: str
    """The text (for long statements: an excerpt) with matched terms marked «like this»."""
    rank: float
    """bm25 score; lower is better."""
    kind: str | None = None
    """Statement kind (statements only)."""
    speaker: str | None = None
    """The speaker as written (statements only)."""


def database_url(url_or_path: str | None = None) -> URL:
    """The database URL for a URL, a path, ``$QUELLENLAGE_DB`` or ``./quellenlage.db``.

    A value containing ``://`` is a SQLAlchemy URL; anything else is the path
    of an SQLite file.
    """
    value = url_or_path or os.environ.get(ENV_VAR) or DEFAULT_PATH
    if "://" in value:
        try:
            url = make_url(value.replace("postgres://", "postgresql://", 1) if value.startswith("postgres://") else value)
        except ArgumentError as exc:
            raise StoreError(f"{value}: not a database URL ({exc})") from exc
        # PostgreSQL through psycopg (version 3) unless the URL names another driver
        return url.set(drivername="postgresql+psycopg") if url.drivername == "postgresql" else url
    return URL.create("sqlite", database=str(Path(value).expanduser().resolve()))


def open_store(url_or_path: str | None = None, *, create: bool = True) -> Store:
    """Open (migrating as needed) the store at a URL or SQLite path.

    ``create``: make a new SQLite file when there is none. Commands that only read pass False, so that a
    mistyped ``--db`` is an error ("no store at …") instead of a new, empty store."""
    url = database_url(url_or_path)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database)
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a store (give the path of an SQLite file)")
        if not create and not path.exists():
            raise StoreError(f"{path}: no store here (`quellenlage ingest` makes one; check --db or QUELLENLAGE_DB)")
    return Store(url)


def _reason(exc: SQLAlchemyError) -> str:
    """The database's own words, on one line (PostgreSQL adds CONTEXT and HINT lines)."""
    reason = str(exc.orig) if isinstance(exc, DBAPIError) else str(exc)
    return reason.strip().splitlines()[0] if reason.strip() else type(exc).__name__


@contextmanager
def _db_errors(what: str) -> Iterator[None]:
    """Report database errors as :class:`StoreError` ``"<what>: <reason>"``."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(f"{what}: {_reason(exc)}") from exc


#: How :meth:`Record.to_json` of a record of the current schema begins (what :meth:`Store.put` stores).
_CURRENT_JSON = '{"schema":"quellenlage/article/v2",'


def record_json(conn: Connection, article_id: str, revision: int | None = None) -> str | None:
    """The stored JSON of an article's record (its full id), the current revision by default, read in the
    caller's transaction (:meth:`Store.get` and the linking pass); None when there is none."""
    query = select(revisions.c.record).where(revisions.c.article_id == article_id)
    if revision is None:
        query = query.join(articles, articles.c.id == revisions.c.article_id).where(
            revisions.c.revision == articles.c.current_revision
        )
    else:
        query = query.where(revisions.c.revision == revision)
    return conn.execute(query).scalar_one_or_none()


class Store:
    """Article records by id and revision, with full-text search.

    Use :func:`open_store`; close with :meth:`close` or a ``with`` block.
    """

    def __init__(self, url: URL):
        self.url = url.render_as_string(hide_password=True)
        try:
            self._engine = create_engine(url, json_serializer=_json_dumps)
        except (ArgumentError, ImportError) as exc:
            raise StoreError(f"{self.url}: cannot open ({exc})") from exc
        try:
            self._backend = backend(self._engine.dialect.name)
        except StoreError as exc:
            self._engine.dispose()
            raise StoreError(f"{self.url}: {exc}") from exc
        self._backend.configure(self._engine, _WRITE)
        self._parsed = ParsedRecords()
        self._writer = self._engine.execution_options(**{_WRITE: True})
        try:
            with _db_errors(self.url):
                with self._engine.connect() as conn:
                    self._backend.check_available(conn)
                migrate(self._writer)
        except StoreError:
            self._engine.dispose()
            raise

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for tooling and tests; analysis code uses the methods)."""
        return self._engine

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        """Release all connections."""
        self._engine.dispose()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One writing transaction (all or nothing), for the linker's tables; database errors become
        :class:`StoreError`."""
        with _db_errors(self.url), self._writer.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A reading connection (queries over the link tables); database errors become :class:`StoreError`."""
        with _db_errors(self.url), self._engine.connect() as conn:
            yield conn

    @contextmanager
    def only_one(self, name: str) -> Iterator[bool]:
        """Whether no other process holds the store's lock ``name`` now (then this one does, for the block):
        ``quellenlage watch`` runs once per store at a time. Released when the block ends or the process dies."""
        with _db_errors(self.url), self._backend.only_one(self._engine, name) as got:
            yield got

    def schema_version(self) -> int:
        with _db_errors(self.url), self._engine.connect() as conn:
            return applied_version(conn)

    # --- writing ---------------------------------------------------------

    def put(self, record: Record, source_name: str | None = None) -> PutResult:
        """Store a record in one all-or-nothing transaction.

        - new id: ``"stored"`` as revision 1;
        - known id, new ``content_hash``: ``"revised"``, the next revision
          becomes current (earlier revisions stay retrievable);
        - known id and ``content_hash``: ``"unchanged"``, unless that is the
          current revision and the record comes from another analysis version
          (``record.analysis.version``): then the revision's record and the
          normalised rows are replaced in place, ``"reanalysed"``.

        ``source_name`` defaults to ``record.source.name``. Raises
        :class:`StoreError` ``"<id>: <reason>"``; nothing of the record is
        stored then.
        """
        return self._put_together([prepare(record, source_name=source_name)])[0]

    def put_many(self, items: Sequence[Prepared]) -> list[PutResult | StoreError]:
        """Store records prepared elsewhere (:func:`~quellenlage.store.rows.prepare`, in the worker that
        analysed them), in order, each as :meth:`put` would; the result for each, or the
        :class:`StoreError` that kept it out.

        One transaction for all, the new articles inserted with one statement per table. When the
        database refuses the group, each record is tried again in a transaction of its own, so only the
        one at fault fails, with its reason, and nothing of it is stored.
        """
        if not items:
            return []
        try:
            return list(self._put_together(items))
        except StoreError as exc:
            if len(items) == 1:
                return [exc]
        results: list[PutResult | StoreError] = []
        for item in items:
            try:
                results.append(self._put_together([item])[0])
            except StoreError as exc:
                results.append(exc)
        return results

    def _put_together(self, items: Sequence[Prepared]) -> list[PutResult]:
        """``items`` in one writing transaction (:func:`_put_group`); raises :class:`StoreError` ``"<first id>:
        <reason>"``, and then nothing of them is stored."""
        with _db_errors(items[0].id), self._writer.begin() as conn:
            return _put_group(conn, items)

    def is_unchanged(self, article_id: str, content_hash: str, analysis_version: str | None) -> bool:
        """Whether :meth:`put` would answer "unchanged" for a record with these
        values: lets a batch skip analysing an article that is stored already."""
        return (article_id, content_hash) in self.unchanged([(article_id, content_hash)], analysis_version)

    def unchanged(self, keys: Sequence[tuple[str, str]], analysis_version: str | None) -> set[tuple[str, str]]:
        """The ``(article id, content hash)`` pairs of ``keys`` for which :meth:`put` would answer "unchanged"
        (records of ``analysis_version``): :meth:`is_unchanged` for many, one query for each 500."""
        found: set[tuple[str, str]] = set()
        query = select(
            revisions.c.article_id,
            revisions.c.content_hash,
            revisions.c.revision,
            revisions.c.analysis_version,
            articles.c.current_revision,
        ).join(articles, articles.c.id == revisions.c.article_id)
        with _db_errors(keys[0][0] if keys else self.url), self._engine.connect() as conn:
            for part in chunks(list(dict.fromkeys(keys))):
                rows = conn.execute(query.where(tuple_(revisions.c.article_id, revisions.c.content_hash).in_(part)))
                found.update(
                    (row.article_id, row.content_hash)
                    for row in rows
                    if _is_unchanged(row, row.current_revision, analysis_version)
                )
        return found

    def keep_page(self, record: Record) -> None:
        """For a record from a fetched page that a batch found unchanged before analysing it: keep the raw
        page with the revision it matches (when that has none yet) and the URL's row (its ETag for the next
        conditional request), as :meth:`put` does for a record it stores."""
        rows = page_rows(record)
        if rows is None:
            return
        with _db_errors(record.id), self._writer.begin() as conn:
            revision = conn.execute(
                select(revisions.c.revision).where(
                    revisions.c.article_id == record.id, revisions.c.content_hash == record.content_hash
                )
            ).scalar()
            if revision is not None:
                _keep_page(conn, rows, PutResult("unchanged", record.id, revision))

    def log_failure(self, name: str, reason: str) -> None:
        """Note that an input could not be ingested (see :meth:`failures`)."""
        with _db_errors(self.url), self._writer.begin() as conn:
            conn.execute(failures.insert().values(name=name, reason=reason, created_at=now()))

    # --- reading ---------------------------------------------------------

    def resolve_id(self, prefix: str) -> str:
        """The full id of the article whose id is, or starts with, ``prefix``.

        Raises :class:`NotFound` for an unknown id, an ambiguous prefix or a
        prefix shorter than :data:`MIN_PREFIX` characters.
        """
        with _db_errors(self.url), self._engine.connect() as conn:
            return _resolve(conn, prefix)

    def get(self, article_id: str, revision: int | None = None) -> Record:
        """The record of an article (id or unique prefix); the current revision by default."""
        with _db_errors(self.url), self._engine.connect() as conn:
            full_id = _resolve(conn, article_id)
            data = record_json(conn, full_id, revision)
        if data is None:
            raise NotFound(f"{full_id}: no revision {revision}")
        return Record.from_json(data)

    def records(self, article_ids: Sequence[str]) -> list[Record]:
        """The current records of ``article_ids`` (full ids), in that order, an id without an article left out:
        the revisions in one query, the records not parsed lately in another (:mod:`.parsed`).

        The records are shared with other readers (the cache of parsed records): read them, never change them."""
        ids = list(dict.fromkeys(article_ids))
        current = (articles.c.id == revisions.c.article_id) & (articles.c.current_revision == revisions.c.revision)
        keys: dict[str, Key] = {}
        with _db_errors(self.url), self._engine.connect() as conn:
            for part in chunks(ids, 500):
                query = select(articles.c.id, revisions.c.revision, revisions.c.analysis_version).join(revisions, current)
                for row in conn.execute(query.where(articles.c.id.in_(part))):
                    keys[row.id] = (row.id, row.revision, row.analysis_version)

            def read(missing: list[Key]) -> dict[Key, str]:
                wanted = {(i, r): key for key in missing for i, r, _ in [key]}
                out: dict[Key, str] = {}
                for part in chunks(list(wanted), 500):
                    query = select(revisions.c.article_id, revisions.c.revision, revisions.c.record)
                    where = tuple_(revisions.c.article_id, revisions.c.revision).in_(part)
                    # (a reanalysis between the two queries gives the newer record: it is the current one)
                    out.update((wanted[(row.article_id, row.revision)], row.record) for row in conn.execute(query.where(where)))
                return out

            parsed = self._parsed.get_many(keys.values(), read)
        return [parsed[key] for i in ids if (key := keys.get(i)) is not None and key in parsed]

    def revisions(self, article_id: str) -> list[dict]:
        """The revisions of an article, oldest first: ``revision, content_hash, created_at, source_name, analysis_version``."""
        query = select(
            revisions.c.revision,
            revisions.c.content_hash,
            revisions.c.created_at,
            revisions.c.source_name,
            revisions.c.analysis_version,
        )
        with _db_errors(self.url), self._engine.connect() as conn:
            full_id = _resolve(conn, article_id)
            rows = conn.execute(query.where(revisions.c.article_id == full_id).order_by(revisions.c.revision))
            return [dict(row) for row in rows.mappings()]

    def count(self) -> int:
        """Number of articles."""
        with _db_errors(self.url), self._engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar_one()

    def ids(self) -> list[str]:
        """All article ids, sorted."""
        with _db_errors(self.url), self._engine.connect() as conn:
            return list(conn.execute(select(articles.c.id).order_by(articles.c.id)).scalars())

    def iter_records(self, *, limit: int | None = None, offset: int = 0) -> Iterator[Record]:
        """The current revision of every article, by publication date (undated last), then id; ``limit``
        of them from ``offset``.

        Streams: records are read in batches while iterating (see :meth:`record_json_batches`).
        """
        for batch in self.record_json_batches(limit=limit, offset=offset):
            for data in batch:
                yield Record.from_json(data)

    def record_json_batches(self, size: int = 100, *, limit: int | None = None, offset: int = 0) -> Iterator[list[str]]:
        """:meth:`iter_records` as each record's :meth:`Record.to_json`, ``size`` at a time, without parsing a
        record stored in that form (one written by this schema's :meth:`put`): an export streams the stored text.

        The ids are read first, then each batch in a short transaction of its own, so a slow consumer (a long
        download) holds no connection between batches. An article deleted meanwhile is left out; one stored
        again meanwhile comes in its newer revision."""
        order = (articles.c.published_at.is_(None), articles.c.published_at, articles.c.id)
        with _db_errors(self.url), self._engine.connect() as conn:
            ids: list[str] = list(conn.execute(select(articles.c.id).order_by(*order).offset(offset).limit(limit)).scalars())
        current = (articles.c.id == revisions.c.article_id) & (articles.c.current_revision == revisions.c.revision)
        for part in chunks(ids, size):
            with _db_errors(self.url), self._engine.connect() as conn:
                query = select(revisions.c.article_id, revisions.c.record).join(articles, current).where(articles.c.id.in_(part))
                found: dict[str, str] = {r.article_id: r.record for r in conn.execute(query)}
            yield [
                data if data.startswith(_CURRENT_JSON) else Record.from_json(data).to_json()
                for i in part
                if (data := found.get(i)) is not None
            ]

    def search(
        self,
        query: str,
        *,
        target: fulltext.Target = "sentences",
        limit: int = 20,
        offset: int = 0,
        raw: bool = False,
        outlet: str | None = None,
    ) -> list[SearchHit]:
        """Full-text search in the sentences or statements of current revisions, best first.

        Every word of ``query`` must occur (``Gespräch*`` for a prefix); case
        and diacritics do not matter. Statements match on their text and on
        the speaker. ``raw=True`` takes the database's own query syntax (FTS5)
        and reports its errors as :class:`StoreError`. ``outlet`` restricts
        the search to one outlet.
        """
        with _db_errors(f"search {query!r}"), self._engine.connect() as conn:
            rows = fulltext.search(conn, query, target=target, limit=limit, offset=offset, raw=raw, outlet=outlet)
        return [SearchHit(**row) for row in rows]

    def failures(self) -> list[dict]:
        """Logged ingest failures, oldest first: ``name, reason, created_at``."""
        query = select(failures.c.name, failures.c.reason, failures.c.created_at).order_by(failures.c.pk)
        with _db_errors(self.url), self._engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]


# --- rows --------------------------------------------------------------------


def _is_unchanged(known, current: int, version: str | None) -> bool:
    """A stored revision with the same content needs nothing done unless it is the
    current one and was made by another analysis version."""
    return known.revision != current or version is None or version == known.analysis_version


def _json_dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _put_group(conn: Connection, items: Sequence[Prepared]) -> list[PutResult]:
    """Store ``items`` in the caller's transaction, in order (:meth:`Store.put` for each). New articles
    are gathered and inserted together, one statement per table; before a record of a known article,
    what is gathered goes in, so that record sees the ones before it."""
    timestamp = now()
    ids = list(dict.fromkeys(item.id for item in items))
    query = select(articles.c.id, articles.c.current_revision).where(articles.c.id.in_(ids))
    current: dict[str, int] = {row.id: row.current_revision for row in conn.execute(query)}
    new = _NewArticles(timestamp)
    results: list[PutResult] = []
    for item in items:
        if item.id in current:
            new.insert(conn)
            result = _put_known(conn, item, current[item.id], timestamp)
        else:
            new.add(item)
            result = PutResult("stored", item.id, 1)
        if result.status != "unchanged":
            current[item.id] = result.revision
        results.append(result)
    new.insert(conn)
    for item, result in zip(items, results, strict=True):
        if item.page is not None:
            _keep_page(conn, item.page, result)
    return results


def _keep_page(conn: Connection, page: dict[str, object], result: PutResult) -> None:
    """The raw page of a fetched record, kept with the revision it made (or matched, when that revision has
    none yet), and its URL's row (what the next conditional request sends), in the record's transaction."""
    row = {k: v for k, v in page.items() if k != "fetched_url"}
    has = conn.execute(
        select(pages.c.revision).where(pages.c.article_id == result.id, pages.c.revision == result.revision)
    ).first()
    if has is None:
        conn.execute(pages.insert().values(**row, article_id=result.id, revision=result.revision))
    url_row = dict(page["fetched_url"])  # type: ignore[call-overload]  # a dict of columns
    conn.execute(delete(fetched_urls).where(fetched_urls.c.key == url_row["key"]))
    conn.execute(fetched_urls.insert().values(**url_row, outcome=result.status))
    if url_row.get("feed_id") is not None and result.status in ("stored", "revised"):  # the feed's count, with the record
        conn.execute(update(feeds).where(feeds.c.id == url_row["feed_id"]).values(articles=feeds.c.articles + 1))


def _put_known(conn: Connection, item: Prepared, current: int, timestamp: str) -> PutResult:
    """Store a record of an article the store has, at revision ``current``: unchanged, reanalysed or revised."""
    known = conn.execute(
        select(revisions.c.revision, revisions.c.analysis_version).where(
            revisions.c.article_id == item.id, revisions.c.content_hash == item.content_hash
        )
    ).first()
    if known is not None:
        if _is_unchanged(known, current, item.analysis_version):
            return PutResult("unchanged", item.id, known.revision)
        conn.execute(
            update(revisions)
            .where(revisions.c.article_id == item.id, revisions.c.revision == current)
            .values(record=item.record, analysis_version=item.analysis_version)
        )
        status: PutStatus = "reanalysed"
        revision = current
    else:
        revision = current + 1
        conn.execute(revisions.insert().values(_revision_row(item, revision, timestamp)))
        status = "revised"
    conn.execute(
        update(articles).where(articles.c.id == item.id).values(**item.article, current_revision=revision, updated_at=timestamp)
    )
    for table in reversed(NORMALISED):
        conn.execute(delete(table).where(table.c.article_id == item.id))
    for table in NORMALISED:
        if item.normalised.get(table.name):
            conn.execute(table.insert(), item.normalised[table.name])
    # queued for the linking pass (quellenlage.link) in the record's own transaction
    conn.execute(delete(link_queue).where(link_queue.c.article_id == item.id))
    conn.execute(link_queue.insert().values(article_id=item.id, queued_at=timestamp))
    return PutResult(status, item.id, revision)


def _revision_row(item: Prepared, revision: int, timestamp: str) -> dict[str, object]:
    return {
        "article_id": item.id,
        "revision": revision,
        "content_hash": item.content_hash,
        "analysis_version": item.analysis_version,
        "record": item.record,
        "source_name": item.source_name,
        "created_at": timestamp,
    }


class _NewArticles:
    """Rows of new articles gathered in a transaction, inserted with one statement per table: the article,
    its first revision, its normalised rows and its place in the linking queue."""

    def __init__(self, timestamp: str):
        self.timestamp = timestamp
        self.rows: dict[Table, list[dict[str, object]]] = {}

    def add(self, item: Prepared) -> None:
        at = self.timestamp
        self.rows.setdefault(articles, []).append(
            {"id": item.id, **item.article, "current_revision": 1, "created_at": at, "updated_at": at}
        )
        self.rows.setdefault(revisions, []).append(_revision_row(item, 1, at))
        for table in NORMALISED:
            if item.normalised.get(table.name):
                self.rows.setdefault(table, []).extend(item.normalised[table.name])
        self.rows.setdefault(link_queue, []).append({"article_id": item.id, "queued_at": at})

    def insert(self, conn: Connection) -> None:
        for table in (articles, revisions, *NORMALISED, link_queue):
            if self.rows.get(table):
                conn.execute(table.insert(), self.rows[table])
        self.rows.clear()


def _resolve(conn: Connection, prefix: str) -> str:
    if conn.execute(select(articles.c.id).where(articles.c.id == prefix)).first() is not None:
        return prefix
    if len(prefix) < MIN_PREFIX:
        raise NotFound(f"{prefix}: no such article (abbreviated ids need at least {MIN_PREFIX} characters)")
    shown = 5
    matches: list[str] = list(
        conn.execute(
            select(articles.c.id)
            .where(func.substr(articles.c.id, 1, len(prefix)) == prefix)
            .order_by(articles.c.id)
            .limit(shown + 1)
        ).scalars()
    )
    if not matches:
        raise NotFound(f"{prefix}: no such article")
    if len(matches) > 1:
        listed = ", ".join(matches[:shown]) + (", …" if len(matches) > shown else "")
        raise NotFound(f"{prefix}: ambiguous id prefix, matches {listed}; give more characters")
    return matches[0]
