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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import Connection, Engine, ScalarResult, Table, create_engine, delete, func, select, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from ..errors import NotFound, StoreError
from ..record import Record
from . import fulltext
from .backends import backend
from .migrations import applied_version, migrate
from .tables import (
    NORMALISED,
    article_tags,
    articles,
    entities,
    events,
    failures,
    instant,
    link_queue,
    mentions,
    now,
    revisions,
    sentences,
    statements,
    times,
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


def open_store(url_or_path: str | None = None) -> Store:
    """Open (creating and migrating as needed) the store at a URL or SQLite path."""
    return Store(database_url(url_or_path))


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
        if source_name is None and record.source is not None:
            source_name = record.source.name
        with _db_errors(record.id), self._writer.begin() as conn:
            return self._put(conn, record, source_name)

    def _put(self, conn: Connection, record: Record, source_name: str | None) -> PutResult:
        timestamp = now()
        version = record.analysis.version if record.analysis else None
        current = conn.execute(select(articles.c.current_revision).where(articles.c.id == record.id)).scalar_one_or_none()

        if current is None:
            conn.execute(
                articles.insert().values(
                    id=record.id,
                    **_article_fields(record),
                    current_revision=1,
                    created_at=timestamp,
                    updated_at=timestamp,
                )
            )
            _insert_revision(conn, record, 1, version, source_name, timestamp)
            _insert_normalised(conn, record)
            _queue_for_linking(conn, record.id, timestamp)
            return PutResult("stored", record.id, 1)

        known = conn.execute(
            select(revisions.c.revision, revisions.c.analysis_version).where(
                revisions.c.article_id == record.id, revisions.c.content_hash == record.content_hash
            )
        ).first()
        if known is not None:
            if _is_unchanged(known, current, version):
                return PutResult("unchanged", record.id, known.revision)
            conn.execute(
                update(revisions)
                .where(revisions.c.article_id == record.id, revisions.c.revision == current)
                .values(record=record.to_json(), analysis_version=version)
            )
            status, revision = "reanalysed", current
        else:
            revision = current + 1
            _insert_revision(conn, record, revision, version, source_name, timestamp)
            status = "revised"

        conn.execute(
            update(articles)
            .where(articles.c.id == record.id)
            .values(**_article_fields(record), current_revision=revision, updated_at=timestamp)
        )
        for table in reversed(NORMALISED):
            conn.execute(delete(table).where(table.c.article_id == record.id))
        _insert_normalised(conn, record)
        _queue_for_linking(conn, record.id, timestamp)
        return PutResult(status, record.id, revision)

    def is_unchanged(self, article_id: str, content_hash: str, analysis_version: str | None) -> bool:
        """Whether :meth:`put` would answer "unchanged" for a record with these
        values: lets a batch skip analysing an article that is stored already."""
        with _db_errors(article_id), self._engine.connect() as conn:
            current = conn.execute(select(articles.c.current_revision).where(articles.c.id == article_id)).scalar_one_or_none()
            known = conn.execute(
                select(revisions.c.revision, revisions.c.analysis_version).where(
                    revisions.c.article_id == article_id, revisions.c.content_hash == content_hash
                )
            ).first()
        return current is not None and known is not None and _is_unchanged(known, current, analysis_version)

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

    def iter_records(self) -> Iterator[Record]:
        """The current revision of every article, by publication date (undated last), then id.

        Streams: records are read in batches while iterating.
        """
        query = (
            select(revisions.c.record)
            .join(
                articles,
                (articles.c.id == revisions.c.article_id) & (articles.c.current_revision == revisions.c.revision),
            )
            .order_by(articles.c.published_at.is_(None), articles.c.published_at, articles.c.id)
        )
        with _db_errors(self.url), self._engine.connect() as conn:
            # (the stubs cannot type a select of a plain Table column: they give ScalarResult[Never])
            data: ScalarResult[str] = conn.execution_options(yield_per=100).execute(query).scalars()
            for record_json in data:
                yield Record.from_json(record_json)

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


def _article_fields(record: Record) -> dict:
    meta = record.meta
    return {
        "url": meta.url,
        "outlet": meta.outlet,
        "headline": meta.headline,
        "published": meta.published,
        "published_at": instant(meta.published),
    }


def _insert_revision(
    conn: Connection, record: Record, revision: int, version: str | None, source_name: str | None, timestamp: str
) -> None:
    conn.execute(
        revisions.insert().values(
            article_id=record.id,
            revision=revision,
            content_hash=record.content_hash,
            analysis_version=version,
            record=record.to_json(),
            source_name=source_name,
            created_at=timestamp,
        )
    )


def _insert_normalised(conn: Connection, record: Record) -> None:
    """Insert the record's sentences, statements, entities, mentions, times, events and tags."""
    aid = record.id
    rows: dict[Table, list[dict[str, object]]] = {
        sentences: [
            {
                "article_id": aid,
                "idx": i,
                "start": s.start,
                "end": s.end,
                "paragraph": s.paragraph,
                "text": record.text[s.start : s.end],
            }
            for i, s in enumerate(record.sentences)
        ],
        statements: [
            {
                "article_id": aid,
                "sid": st.id,
                "idx": i,
                "kind": st.kind,
                "start": st.start,
                "end": st.end,
                "text": st.text,
                "speaker_text": st.speaker.text if st.speaker else None,
                "speaker_entity": st.speaker.entity if st.speaker else None,
                "speaker_anonymous": st.speaker.anonymous if st.speaker else None,
                "speaker_anonymous_kind": st.speaker.anonymous_kind if st.speaker else None,
                "cue_text": st.cue.text if st.cue else None,
                "sources": [source.model_dump(mode="json") for source in st.sources],
                "hedged": st.hedged,
            }
            for i, st in enumerate(record.statements)
        ],
        entities: [{"article_id": aid, "eid": e.id, "type": e.type, "name": e.name, "roles": e.roles} for e in record.entities],
        mentions: [
            {"article_id": aid, "eid": e.id, "start": m.start, "end": m.end, "text": m.text, "sentence": m.sentence}
            for e in record.entities
            for m in e.mentions
        ],
        times: [
            {"article_id": aid, "start": t.start, "end": t.end, "text": t.text, "value": t.value, "mod": t.mod, "type": t.type}
            for t in record.times
        ],
        events: [
            {
                "article_id": aid,
                "evid": ev.id,
                "type": ev.type,
                "status": ev.status,
                "time_value": ev.time.value if ev.time else None,
                "time_mod": ev.time.mod if ev.time else None,
                "place": ev.place,
                "participants": ev.participants,
                "evidence": ev.evidence,
                "modality": ev.modality,
                "groups": [g.text for g in ev.groups],
                "sources": [[src.name for src in chain] for chain in ev.sources],
                "status_changes": [c.model_dump(mode="json") for c in ev.status_changes],
            }
            for ev in record.events
        ],
        article_tags: [{"article_id": aid, "tag": tag} for tag in dict.fromkeys(record.meta.tags or [])],
    }
    for table in NORMALISED:
        if rows[table]:
            conn.execute(table.insert(), rows[table])


def _queue_for_linking(conn: Connection, article_id: str, timestamp: str) -> None:
    """Note the article for the linking pass (``quellenlage.link``), in the same transaction as the record."""
    conn.execute(delete(link_queue).where(link_queue.c.article_id == article_id))
    conn.execute(link_queue.insert().values(article_id=article_id, queued_at=timestamp))


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
