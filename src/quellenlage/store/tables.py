"""The store's tables (SQLAlchemy Core), in portable column types only.

``articles`` has one row per article id and points at its current revision;
``revisions`` keeps every revision's full record JSON. The *normalised* tables
(``sentences``, ``statements``, ``entities``, ``mentions``, ``times``,
``events``) hold the current revision of each article only: they are deleted
and re-inserted whenever that changes, never updated in place. Every offset
(``start``/``end``) is a character offset into the record's ``text``.

Timestamps are ISO 8601 strings in UTC; list-valued fields are JSON columns
(TEXT on SQLite, JSON on PostgreSQL). Full-text indexes are dialect-specific
and live in :mod:`quellenlage.store.fulltext`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()


def now() -> str:
    """The current time as stored in ``created_at``/``updated_at`` columns."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _article_fk() -> Column:
    return Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)


def _pk() -> Column:
    return Column("pk", Integer, primary_key=True, autoincrement=True)


articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    Column("url", Text),
    Column("outlet", Text),
    Column("headline", Text),
    Column("published", Text),
    Column("current_revision", Integer, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
)

revisions = Table(
    "revisions",
    metadata,
    _article_fk(),
    Column("revision", Integer, nullable=False),
    Column("content_hash", Text, nullable=False),
    Column("analysis_version", Text),
    Column("record", Text, nullable=False),
    Column("source_name", Text),
    Column("created_at", Text, nullable=False),
    PrimaryKeyConstraint("article_id", "revision"),
    UniqueConstraint("article_id", "content_hash"),
)

sentences = Table(
    "sentences",
    metadata,
    _pk(),
    _article_fk(),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("paragraph", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

statements = Table(
    "statements",
    metadata,
    _pk(),
    _article_fk(),
    Column("sid", Text, nullable=False),
    Column("idx", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker_text", Text, index=True),
    Column("speaker_entity", Text),
    Column("speaker_anonymous", Boolean),
    Column("speaker_anonymous_kind", Text),
    Column("cue_text", Text),
    Column("sources", JSON, nullable=False),
    Column("hedged", Boolean, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    _pk(),
    _article_fk(),
    Column("eid", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("name", Text, nullable=False, index=True),
    Column("roles", JSON, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    _pk(),
    _article_fk(),
    Column("eid", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("sentence", Integer),
)

times = Table(
    "times",
    metadata,
    _pk(),
    _article_fk(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", Text),
    Column("mod", Text),
    Column("type", Text),
)

events = Table(
    "events",
    metadata,
    _pk(),
    _article_fk(),
    Column("evid", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("time_value", Text),
    Column("time_mod", Text),
    Column("place", Text),
    Column("participants", JSON, nullable=False),
    Column("evidence", JSON, nullable=False),
    # migration 3
    Column("modality", Text),
    Column("groups", JSON),
    Column("sources", JSON),
    Column("status_changes", JSON),
)

failures = Table(
    "failures",
    metadata,
    _pk(),
    Column("name", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", Text, nullable=False),
)

#: The tables holding the current revision of each article, in insert order.
NORMALISED = (sentences, statements, entities, mentions, times, events)

#: Everything migration 1 creates (``schema_migrations`` is made by the runner).
TABLES = (articles, revisions, *NORMALISED, failures)
