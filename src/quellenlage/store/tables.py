"""The store's tables (SQLAlchemy Core), in portable column types only.

``articles`` has one row per article id and points at its current revision;
``revisions`` keeps every revision's full record JSON. The *normalised* tables
(``sentences``, ``statements``, ``entities``, ``mentions``, ``times``,
``events``) hold the current revision of each article only: they are deleted
and re-inserted whenever that changes, never updated in place. Every offset
(``start``/``end``) is a character offset into the record's ``text``.

Timestamps are ISO 8601 strings in UTC; list-valued fields are JSON columns
(TEXT on SQLite, JSON on PostgreSQL, which keeps the text as written). Text
compares byte-wise on both (SQLite's BINARY, PostgreSQL's ``COLLATE "C"``),
so every ORDER BY gives the same order whatever the server's locale.
Full-text indexes are backend-specific and live in :mod:`.backends`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    UniqueConstraint,
)
from sqlalchemy import Text as _Text
from sqlalchemy.dialects.postgresql import TEXT as _PG_TEXT

metadata = MetaData()

#: Text that sorts byte-wise on every backend.
Text = _Text().with_variant(_PG_TEXT(collation="C"), "postgresql")


#: Ids per ``IN (…)`` list of one query: SQLite allows a few thousand bound values, and shorter lists plan better.
IN_LIST = 500

T = TypeVar("T")


def chunks(ids: Sequence[T], size: int = IN_LIST) -> Iterator[Sequence[T]]:
    """``ids`` in runs of at most ``size``, for queries that look them up with ``IN (…)``."""
    for k in range(0, len(ids), size):
        yield ids[k : k + size]


def now() -> str:
    """The current time as stored in ``created_at``/``updated_at`` columns."""
    return datetime.now(UTC).isoformat(timespec="seconds")


#: Where a publication time without an offset is (German news: Europe/Berlin).
LOCAL = ZoneInfo("Europe/Berlin")


def instant(published: str | None) -> datetime | None:
    """The moment an ISO 8601 publication value stands for, in UTC, for ``articles.published_at``: a date-time
    with an offset as it says, one without in Europe/Berlin, a date at its first moment there
    ("2025-11-19" → 2025-11-18 23:00 UTC); None for nothing or anything else."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        try:
            day = date.fromisoformat(published)
        except ValueError:
            return None
        moment = datetime(day.year, day.month, day.day)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # "9999-12-31T23:59:59-05:00" is after the last moment a datetime holds
        return None


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
    Column("published", Text),  # as the record has it: a date, or a date-time with its offset
    # migration 10: the same as a real timestamp (UTC), so "newest first" is right across offsets and backends
    Column("published_at", DateTime(timezone=True), index=True),
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

article_tags = Table(
    "article_tags",
    metadata,
    # the record's meta.tags (a feed's categories, a user's labels): the stories by tag of the reading room
    _article_fk(),
    Column("tag", Text, nullable=False, index=True),
    PrimaryKeyConstraint("article_id", "tag"),
)

failures = Table(
    "failures",
    metadata,
    _pk(),
    Column("name", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", Text, nullable=False),
)

# --- fetching (quellenlage.fetch): pages fetched from the web, the feeds followed -------------------
# Migration 11. A page's raw bytes are kept with the revision they made, in that revision's transaction.

pages = Table(
    "pages",
    metadata,
    _article_fk(),
    Column("revision", Integer, nullable=False),
    Column("url", Text, nullable=False),  # as asked for (a feed item's link, a URL on the command line)
    Column("final_url", Text, nullable=False),  # after redirects
    Column("fetched_at", Text, nullable=False),
    Column("status", Integer, nullable=False),
    Column("content_type", Text),
    Column("charset", Text),  # of the Content-Type header: how the raw bytes are read again
    Column("etag", Text),
    Column("last_modified", Text),
    Column("sha256", Text, nullable=False),  # of the raw bytes as served
    Column("size", Integer, nullable=False),  # raw bytes as served
    Column("raw", LargeBinary, nullable=False),  # gzip of the raw bytes
    PrimaryKeyConstraint("article_id", "revision"),
)

#: Every URL fetched as an article: its canonical key, the article it gave, and what a conditional request
#: sends next time. A URL that failed is here too, with its reason, and is tried again on the next run.
fetched_urls = Table(
    "fetched_urls",
    metadata,
    Column("key", Text, primary_key=True),  # the canonical URL (quellenlage.fetch.urls.url_key)
    Column("url", Text, nullable=False),
    Column("article_id", Text),
    Column("feed_id", Integer),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("item_updated", Text),  # the feed's date of the item when it was fetched (a later one: fetch again)
    Column("outcome", Text, nullable=False),  # stored, revised, unchanged, not modified, failed
    Column("reason", Text),
    Column("attempts", Integer, nullable=False, default=1),  # failures in a row that do not pass (given up after 3)
    Column("first_failed_at", Text),  # when the present run of failures began (given up after two days of them)
    Column("fetched_at", Text, nullable=False),
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("name", Text),
    Column("kind", Text),  # rss, atom, sitemap (known after the first fetch)
    Column("allow_private", Boolean, nullable=False, default=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("added_at", Text, nullable=False),
    Column("last_fetched_at", Text),
    Column("last_outcome", Text),  # ok, not modified, failed
    Column("last_error", Text),
    Column("last_items", Integer),  # items in the feed at the last fetch
    Column("last_new", Integer),  # articles stored or revised from it by the last fetch
    Column("articles", Integer, nullable=False, default=0),  # stored or revised from it in all
    Column("errors", Integer, nullable=False, default=0),  # item and feed errors in all
    sqlite_autoincrement=True,  # a removed feed's id is never given to another (PostgreSQL's sequences never do)
)

feed_errors = Table(
    "feed_errors",
    metadata,
    _pk(),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("url", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", Text, nullable=False),
)

#: robots.txt of each host, kept a day, so a run makes no request for it that the last one made.
robots = Table(
    "robots",
    metadata,
    Column("origin", Text, primary_key=True),  # scheme://host:port
    Column("body", Text, nullable=False),  # "" for none (404) — everything allowed
    Column("status", Integer, nullable=False),
    Column("fetched_at", Text, nullable=False),
)

#: Everything revision 0011 creates.
FETCH_TABLES = (pages, fetched_urls, feeds, feed_errors, robots)

# --- link tables (quellenlage.link): results of linking across articles -------------------------
# Written only by the linker (``quellenlage link``, and after every ingest batch); the web, API, CLI
# and exports read them. A row's ``version`` is the linker version that made it: a changed linker
# re-links. Members are keyed by (article_id, name): an article entity's canonical name is stable
# across re-analysis, its id ("e3") is not.

link_queue = Table(
    "link_queue",
    metadata,
    # articles stored, revised or re-analysed since they were last linked: written by Store.put in the
    # article's own transaction, emptied by the linker, so finding what to link never scans the store
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("queued_at", Text, nullable=False),
)

link_articles = Table(
    "link_articles",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("revision", Integer, nullable=False),
    Column("analysis_version", Text),
    Column("version", Text, nullable=False, index=True),
    Column("linked_at", Text, nullable=False),
)

story_entities = Table(
    "story_entities",
    metadata,
    Column("id", Text, primary_key=True),
    Column("type", Text, nullable=False),
    Column("name", Text, nullable=False, index=True),
    Column("names", JSON, nullable=False),  # {canonical name of a member: count}
    Column("roles", JSON, nullable=False),  # {role: count}
    Column("context", JSON, nullable=False),  # {key of a co-occurring person or organisation: count}, capped
    Column("members", Integer, nullable=False),
    Column("version", Text, nullable=False),
    # migration 12: what the entities list filters and sorts by, kept by quellenlage.link.entity_stats whenever
    # the linker changes a story entity, so the list is an indexed, paged read
    Column("articles", Integer, nullable=False, server_default="0"),  # distinct articles of its members
    Column("mentions", Integer, nullable=False, server_default="0"),  # mentions of its members in their texts
    Column("latest", DateTime(timezone=True)),  # the latest publication time of those articles
    Column("search", Text, nullable=False, server_default=""),  # its names case-folded, "|"-separated
    Index("ix_story_entities_articles", "articles"),
    Index("ix_story_entities_mentions", "mentions"),
    Index("ix_story_entities_latest", "latest"),
    Index("ix_story_entities_type", "type"),
)

entity_links = Table(
    "entity_links",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("eid", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("story_entity", Text, nullable=False, index=True),
    Column("how", Text, nullable=False),  # the rule that linked it ("new", "same name", "surname + context" …)
    Column("roles", JSON, nullable=False),  # what the member added to its story entity, taken back on unlinking
    Column("context", JSON, nullable=False),
    PrimaryKeyConstraint("article_id", "eid"),
)

entity_keys = Table(
    "entity_keys",
    metadata,
    Column("key", Text, nullable=False),
    Column("story_entity", Text, nullable=False, index=True),
    PrimaryKeyConstraint("key", "story_entity"),
)

entity_heads = Table(
    "entity_heads",
    metadata,
    # "PER heads ORG" as an article states it ("Dmitrijew leitet den Russischen Direktinvestitionsfonds",
    # "Verdi-Chef Frank Werneke"): the two article entities, read by quellenlage.link.descriptions
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("per_eid", Text, nullable=False),
    Column("org_eid", Text, nullable=False),
    Column("org_key", Text, nullable=False, index=True),  # the organisation's folded name (descriptions.org_key)
    Column("role", Text, nullable=False),  # "head", "founder"
    Column("gender", Text),  # "m", "f" where the words tell it ("Chefin", "die")
    Column("published", Text),
    PrimaryKeyConstraint("article_id", "per_eid", "org_eid", "role"),
)

entity_descriptions = Table(
    "entity_descriptions",
    metadata,
    # a role-only description of a person ("der Leiter des Russischen Direktinvestitionsfonds"), linked when
    # read to the one person the heads above name for its organisation (quellenlage.link.descriptions)
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("org_eid", Text, nullable=False),
    Column("org_key", Text, nullable=False, index=True),
    Column("role", Text, nullable=False),
    Column("gender", Text),
    Column("published", Text),
    Column("beside", JSON, nullable=False),  # the article's persons (entity ids) in the same sentence
    PrimaryKeyConstraint("article_id", "start"),
)

entity_corrections = Table(
    "entity_corrections",
    metadata,
    _pk(),
    Column("action", Text, nullable=False),  # "merge" (a and b are one) or "split" (a is not b)
    Column("a_article", Text, nullable=False),
    Column("a_name", Text, nullable=False),
    Column("b_article", Text, nullable=False),
    Column("b_name", Text, nullable=False),
    Column("created_at", Text, nullable=False),
)

story_events = Table(
    "story_events",
    metadata,
    Column("id", Text, primary_key=True),
    Column("type", Text, nullable=False),
    Column("family", Text, nullable=False),
    Column("time_value", Text),  # of the report that fixes it (the latest "happened" one, else the latest)
    Column("time_mod", Text),
    Column("place", Text),  # story entity id
    Column("participants", JSON, nullable=False),  # {story entity id: reports naming it}
    Column("status", Text, nullable=False),  # from the status history (quellenlage.link.events.history)
    Column("start", Text),  # first and last publication time of its reports
    Column("end", Text),
    Column("reports", Integer, nullable=False),
    Column("contradicted", Boolean, nullable=False),
    Column("drift", Boolean, nullable=False),
    Column("story", Text, index=True),
    Column("version", Text, nullable=False),
)

event_links = Table(
    "event_links",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("evid", Text, nullable=False),
    Column("story_event", Text, nullable=False, index=True),
    Column("how", Text, nullable=False),
    # the report as the story event needs it (status history, contradictions), so reading a story event
    # never opens the records of its reports
    Column("outlet", Text),
    Column("published", Text),
    Column("type", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("time_value", Text),
    Column("time_mod", Text),
    Column("place", Text),
    Column("participants", JSON, nullable=False),  # story entity ids
    Column("update_cue", Boolean, nullable=False),  # "inzwischen", "nun doch": tells a change, not a contradiction
    Column("claims", JSON, nullable=False),  # the article-level claims, with their chains, kinds and sentences
    Column("context", JSON, nullable=False),  # story entities of the article's persons and organisations
    Column("points", Integer),  # a plan's number of points
    PrimaryKeyConstraint("article_id", "evid"),
)

claim_rows = Table(
    "claim_rows",
    metadata,
    # the claims listing (``quellenlage claims``, /claims, ``export claims``), one row per claim: what a report
    # says of a story event (written with its event link), and every other attributed statement of a linked
    # article; so the listing is an indexed, paged read (quellenlage.link.claims writes it, queries.claims_view
    # reads it). The story event of an event claim is its report's in ``event_links`` (article_id, evid), so a
    # merge of two story events needs no update here.
    _pk(),
    _article_fk(),
    Column("claim", Text, nullable=False),  # the claim's id ("v2c1"), or the statement's ("s7")
    Column("evid", Text),  # the article-level event of an event claim; null for a statement
    Column("section", Integer, nullable=False),  # 0: an event claim, 1: a statement (listed after them)
    Column("position", Integer, nullable=False),  # the claim's place in its event, the statement's in its article
    Column("published", Text),
    Column("outlet", Text),
    Column("kind", Text),
    Column("hedged", Boolean, nullable=False),
    Column("statement", Text),  # the statement id the claim rests on
    Column("status", Text),
    Column("text", Text),
    Column("sources", JSON, nullable=False),  # the source chain as stored
    Column("source_names", Text, nullable=False),  # the chain's names lower-cased: "|spiegel.de|axios|us-beamte|"
    Column("anonymous", Boolean, nullable=False),  # some source of the chain is unnamed
    Index("ix_claim_rows_listed", "section", "published", "article_id", "evid", "position"),
    Index("ix_claim_rows_anonymous", "anonymous", "section", "published", "article_id", "evid", "position"),
    Index("ix_claim_rows_source_names", "source_names"),  # a narrow scan to count the claims of a source
)

event_keys = Table(
    "event_keys",
    metadata,
    Column("key", Text, nullable=False),
    Column("story_event", Text, nullable=False, index=True),
    PrimaryKeyConstraint("key", "story_event"),
)

article_copies = Table(
    "article_copies",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("signature", JSON, nullable=False),  # MinHash (quellenlage.link.copies)
    Column("copy_of", Text),  # the earliest article this one is a near-copy of
    Column("agencies", JSON, nullable=False),  # agencies credited (quellenlage.link.origins.agency_credits)
)

copy_bands = Table(
    "copy_bands",
    metadata,
    Column("band", Text, nullable=False, index=True),
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    PrimaryKeyConstraint("band", "article_id"),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Text, primary_key=True),
    Column("title", Text, nullable=False),
    Column("start", Text),
    Column("end", Text),
    Column("articles", Integer, nullable=False),
    Column("version", Text, nullable=False),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("story", Text, nullable=False, index=True),
    Column("published", Text),
    Column("headline", Text),
    Column("keys", JSON, nullable=False),  # the story entities that placed it (persons, organisations)
)

story_keys = Table(
    "story_keys",
    metadata,
    Column("key", Text, nullable=False),
    Column("story", Text, nullable=False, index=True),
    PrimaryKeyConstraint("key", "story"),
)

#: The linker's tables, emptied by ``quellenlage link --rebuild`` (corrections are kept).
LINKS = (
    link_articles,
    story_entities,
    entity_links,
    entity_keys,
    entity_heads,
    entity_descriptions,
    story_events,
    event_links,
    event_keys,
    claim_rows,
    article_copies,
    copy_bands,
    stories,
    story_articles,
    story_keys,
)

#: The tables holding the current revision of each article, in insert order.
NORMALISED = (sentences, statements, entities, mentions, times, events, article_tags)

#: Everything revision 0001 creates (``schema_migrations`` and ``alembic_version`` are made by :mod:`.migrations`).
TABLES = (articles, revisions, *NORMALISED, failures)

#: Everything revision 0005 creates.
LINK_TABLES = (*LINKS, entity_corrections, link_queue)
