"""The linking pass over the store: incremental after every ingest batch, or ``--rebuild`` from the records.

:func:`link` takes the articles that ``Store.put`` queued (``link_queue``: stored, revised or
re-analysed since they were last linked) and links each in its own
transaction: its old links are taken back (:func:`.entities.unlink_article`), then every article-level
entity is linked (:func:`.entities.link_member`) and the user's corrections applied. Work per article
depends on the article and the keys it meets, not on the number of stored articles.

A new linker :data:`VERSION` (any part's version) makes the next run a rebuild: the link tables are emptied and
every article is linked again, oldest first (ids of story entities come from their first member, so the
same store gives the same ids). Corrections are kept and re-applied.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, delete, func, select

from ..errors import StoreError
from ..record import Record
from ..store import Store
from ..store.store import record_json
from ..store.tables import (
    LINKS,
    article_copies,
    articles,
    chunks,
    copy_bands,
    entities,
    entity_corrections,
    entity_links,
    link_articles,
    link_queue,
    now,
    revisions,
)
from ..titles import article_title
from . import claims as claim_rows
from . import copies, descriptions, origins
from . import entities as entity_linker
from . import events as event_linker
from . import stories as story_linker
from .corrections import Corrections

#: The linker's version: its parts' versions. A store linked by another is linked again from scratch.
VERSION = f"entities.{entity_linker.VERSION}+events.{event_linker.VERSION}+stories.{story_linker.VERSION}"


@dataclass
class LinkSummary:
    """What a linking pass did."""

    articles: int = 0
    members: int = 0
    rules: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)
    rebuilt: bool = False
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    """(article id, reason) of articles that could not be linked (they stay queued for the next pass)."""

    def line(self) -> str:
        rules = ", ".join(f"{n} {rule}" for rule, n in sorted(self.rules.items(), key=lambda x: (-x[1], x[0])))
        what = "rebuilt" if self.rebuilt else "linked"
        reports = sum(self.events.values())
        joined = reports - self.events.get("new", 0)
        failed = "".join(f"\n  not linked: {a}: {why}" for a, why in self.failures)
        return (
            f"{what} {self.articles} article{'s' if self.articles != 1 else ''} "
            f"({self.members} entities{': ' + rules if rules else ''}; "
            f"{reports} events, {joined} joined a story event already known) in {self.seconds:.1f} s"
            + (f", {len(self.failures)} not linked" if self.failures else "")
            + failed
        )


def version_in_store(conn: Connection) -> set[str]:
    """The linker versions that made the stored links (empty for a store never linked): the lowest and
    the highest, read from the index on ``link_articles.version`` — one query each, so that each is a
    single index look-up (SQLite scans the whole index for min() and max() in one query)."""
    low = conn.execute(select(func.min(link_articles.c.version))).scalar()
    high = conn.execute(select(func.max(link_articles.c.version))).scalar()
    return {str(v) for v in (low, high) if v is not None}


def pending(conn: Connection) -> list[str]:
    """Articles queued since they were last linked (``link_queue``, written by ``Store.put``), oldest first.
    Read from the queue, then the queued articles' publication times 500 at a time: the work follows the
    queue, not the store (a join ordered by the articles' columns made SQLite scan every article)."""
    queued: list[str] = list(conn.execute(select(link_queue.c.article_id)).scalars())
    when: dict[str, str | None] = {}
    for part in chunks(queued):
        rows = conn.execute(select(articles.c.id, articles.c.published).where(articles.c.id.in_(part)))
        when.update((row.id, row.published) for row in rows)
    return sorted(when, key=lambda a: (when[a] is None, when[a] or "", a))


def members_of(conn: Connection, article_id: str) -> list[entity_linker.Member]:
    """The article's entities as members, each with the persons and organisations beside it as context."""
    rows = conn.execute(
        select(entities.c.eid, entities.c.type, entities.c.name, entities.c.roles)
        .where(entities.c.article_id == article_id)
        .order_by(entities.c.pk)
    ).all()
    context = {entity_linker.context_key(r.type, r.name) for r in rows if r.type in ("PER", "ORG")}
    found = []
    for r in rows:
        own = entity_linker.context_key(r.type, r.name) if r.type in ("PER", "ORG") else None
        found.append(
            entity_linker.Member(
                article=article_id,
                eid=r.eid,
                type=r.type,
                name=r.name,
                roles=list(r.roles or []),
                context={c for c in context if c != own},
            )
        )
    return found


def link_article(conn: Connection, article_id: str, corrections: Corrections, summary: LinkSummary) -> None:
    """Link one article (inside the caller's transaction)."""
    entity_linker.unlink_article(conn, article_id)
    # in passes: what its name alone links ("same name") first; then, as long as that links more, the rest
    # with the story entities of the article's members linked so far as context ("Vladimir Zelensky" beside
    # a "Whitkoff" already linked to Steve Witkoff); what is left founds new story entities
    members = sorted(members_of(conn, article_id), key=entity_linker.surname_only)
    pending = entity_linker.Pending(conn)
    linked: list[tuple[entity_linker.Member, str]] = []
    waiting: list[entity_linker.Member] = []
    for member in members:
        alone = corrections.is_split(member.key)
        done = entity_linker.link_member(pending, member, alone=alone, by_name_only=True, found=alone)
        if done is None:
            waiting.append(member)
        else:
            linked.append((member, _count(done, summary)))
    progress = True
    while waiting and progress:
        progress, still = False, []
        for member in waiting:
            member.context |= {f"S:{sid}" for _, sid in linked}
            done = entity_linker.link_member(pending, member, found=False)
            if done is None:
                still.append(member)
            else:
                linked.append((member, _count(done, summary)))
                progress = True
        waiting = still
    for member in waiting:
        done = entity_linker.link_member(pending, member)
        assert done is not None
        linked.append((member, _count(done, summary)))
    everyone = {f"S:{sid}" for _, sid in linked}
    for member, sid in linked:
        entity_linker.add_context(pending, member, sid, everyone - {f"S:{sid}"})
    pending.flush()
    # the user's merges that involve these members, now that they are written
    for member, _ in linked:
        for partner in corrections.partners(member.key):
            corrections.join(conn, member.key, partner)
    story_entity = {
        r.eid: r.story_entity
        for r in conn.execute(
            select(entity_links.c.eid, entity_links.c.story_entity).where(entity_links.c.article_id == article_id)
        )
    }
    record = _record(conn, article_id)
    # who heads which organisation, and role-only descriptions ("der Leiter des …"), linked when read
    descriptions.link_article(conn, record)
    event_linker.unlink_article(conn, article_id)
    reports = event_linker.reports_of(record, story_entity)
    for report in reports:
        _, rule = event_linker.link_report(conn, report)
        summary.events[rule] = summary.events.get(rule, 0) + 1
    # the claims listing: the article's attributed statements that none of its events' claims rests on
    claim_rows.add_statements(conn, record, reports)
    _link_copy(conn, record)
    # a story is titled by its first article: its headline, or its first words (never a bare id)
    story_linker.link_article(conn, article_id, record.meta.published, article_title(record.meta.headline, record.text))
    revision, analysis_version = conn.execute(
        select(articles.c.current_revision, revisions.c.analysis_version)
        .join(revisions, and_(revisions.c.article_id == articles.c.id, revisions.c.revision == articles.c.current_revision))
        .where(articles.c.id == article_id)
    ).one()
    conn.execute(delete(link_articles).where(link_articles.c.article_id == article_id))
    conn.execute(delete(link_queue).where(link_queue.c.article_id == article_id))
    conn.execute(
        link_articles.insert().values(
            article_id=article_id,
            revision=revision,
            analysis_version=analysis_version,
            version=VERSION,
            linked_at=now(),
        )
    )


def _count(done: tuple[str, str], summary: LinkSummary) -> str:
    """Count a member's rule; returns its story entity."""
    sid, rule = done
    summary.members += 1
    summary.rules[rule] = summary.rules.get(rule, 0) + 1
    return sid


def _link_copy(conn: Connection, record: Record) -> None:
    """Note whether the article is a near-copy of an earlier one (agency copy printed by another outlet):
    its band keys meet the earlier articles that share one (indexed), the earliest similar enough is the
    original (:mod:`.copies`). Its agency credits are kept beside it (:func:`.origins.agency_credits`)."""
    conn.execute(delete(copy_bands).where(copy_bands.c.article_id == record.id))
    conn.execute(delete(article_copies).where(article_copies.c.article_id == record.id))
    sig = copies.signature(record.text)
    bands = copies.band_keys(sig)
    met: list[str] = sorted(set(conn.execute(select(copy_bands.c.article_id).where(copy_bands.c.band.in_(bands))).scalars()))
    copy_of = None
    if met:
        rows = conn.execute(
            select(article_copies.c.article_id, article_copies.c.signature, article_copies.c.copy_of, articles.c.published)
            .join(articles, articles.c.id == article_copies.c.article_id)
            .where(article_copies.c.article_id.in_(met))
        ).all()
        earlier = [r for r in rows if (r.published or "") <= (record.meta.published or "~") and r.article_id != record.id]
        for r in sorted(earlier, key=lambda r: (r.published is None, r.published or "", r.article_id)):
            if copies.is_copy(copies.similarity(sig, r.signature)):
                copy_of = r.copy_of or r.article_id
                break
    conn.execute(
        article_copies.insert().values(
            article_id=record.id, signature=sig, copy_of=copy_of, agencies=origins.agency_credits(record)
        )
    )
    if bands:  # a text without words has none (an empty executemany warns)
        conn.execute(copy_bands.insert(), [{"band": b, "article_id": record.id} for b in sorted(set(bands))])


def _record(conn: Connection, article_id: str) -> Record:
    data = record_json(conn, article_id)
    if data is None:
        raise StoreError(f"{article_id}: no stored record")
    return Record.from_json(data)


def link(
    store: Store,
    *,
    rebuild: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> LinkSummary:
    """Link what is new or changed (everything with ``rebuild``, or when the linker version changed).

    ``progress(done, total)`` is called after each article.
    """
    started = time.perf_counter()
    summary = LinkSummary()
    with store.write() as conn:
        versions = version_in_store(conn)
        if rebuild or (versions and versions != {VERSION}):
            for table in reversed(LINKS):
                conn.execute(delete(table))
            conn.execute(delete(link_queue))
            conn.execute(
                link_queue.insert().from_select(["article_id", "queued_at"], select(articles.c.id, articles.c.updated_at))
            )
            summary.rebuilt = True
        todo = pending(conn)
        corrections = Corrections.load(conn)
    for k, article_id in enumerate(todo, start=1):
        try:
            with store.write() as conn:
                link_article(conn, article_id, corrections, summary)
            summary.articles += 1
        except Exception as exc:  # one article's bug must not stop the pass; its transaction is rolled back
            reason = f"linking failed: {type(exc).__name__}: {exc}"
            summary.failures.append((article_id, reason))
            try:
                store.log_failure(article_id, reason)
            except StoreError:
                pass  # still in the summary
        if progress:
            progress(k, len(todo))
    summary.seconds = time.perf_counter() - started
    return summary


def waiting(store: Store) -> bool:
    """Whether articles wait in the link queue (an ingest killed before its linking pass left them there)."""
    with store.read() as conn:
        return conn.execute(select(link_queue.c.article_id).limit(1)).first() is not None


def link_after_ingest(store: Store, say: Callable[[str], None] | None = None) -> LinkSummary | None:
    """Link after an ingest batch; a failure is reported in one line and leaves the stored articles as
    they are (the next ``quellenlage link`` takes them up)."""
    try:
        return link(store)
    except StoreError as exc:
        (say or (lambda m: print(m, file=sys.stderr)))(f"warning: linking failed, run `quellenlage link`: {exc}")
        return None


def corrections_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(entity_corrections)).scalar_one()
