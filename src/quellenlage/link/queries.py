"""Reading the link tables: what the CLI, the web, the API and the exports show of story-level results.

Only reads; the linker (:mod:`.run`) is the only writer.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, func, or_, select, true

from ..record import Source
from ..store.tables import (
    article_copies,
    articles,
    claim_rows,
    entity_keys,
    entity_links,
    event_keys,
    event_links,
    mentions,
    statements,
    stories,
    story_articles,
    story_entities,
    story_events,
)
from . import claims as claim_linker
from . import descriptions, origins
from . import events as event_linker
from .entities import members_map


@dataclass
class StoryEntityView:
    """A story entity with its aliases, roles and every mention (``export entities``)."""

    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    mentions: list[dict] = field(default_factory=list)
    """``{"article", "start", "end", "text"}``, by article and offset."""
    articles: int = 0

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": self.aliases,
            "roles": self.roles,
            "mentions": self.mentions,
        }


def story_entities_view(conn: Connection, ids: list[str] | None = None) -> Iterator[StoryEntityView]:
    """Story entities by id, each with its mentions (one pass over links joined with mentions), role-only
    descriptions linked to it among them (:func:`.descriptions.links`)."""
    entity_q = select(story_entities).order_by(story_entities.c.id)
    mention_q = (
        select(
            entity_links.c.story_entity,
            entity_links.c.name,
            mentions.c.article_id,
            mentions.c.start,
            mentions.c.end,
            mentions.c.text,
        )
        .join(mentions, and_(mentions.c.article_id == entity_links.c.article_id, mentions.c.eid == entity_links.c.eid))
        .order_by(entity_links.c.story_entity, mentions.c.article_id, mentions.c.start)
    )
    if ids is not None:
        entity_q = entity_q.where(story_entities.c.id.in_(ids))
        mention_q = mention_q.where(entity_links.c.story_entity.in_(ids))
    found: dict[str, list] = {}
    for row in conn.execute(mention_q):
        found.setdefault(row.story_entity, []).append(row)
    # role-only descriptions that are mentions of the entity ("der Leiter des Russischen Direktinvestitionsfonds")
    for link in descriptions.links(conn, ids):
        found.setdefault(link.story_entity, []).append(link)
    for row in conn.execute(entity_q):
        rows = sorted(found.get(row.id, []), key=lambda r: (r.article_id, r.start))
        names = sorted(row.names or {}, key=lambda n: (-(row.names or {})[n], n))
        texts = sorted({r.text for r in rows}, key=lambda t: (t.lower(), t))  # ties by the text: not by hash order
        aliases = [a for a in dict.fromkeys([*names, *texts]) if a != row.name]
        roles = sorted(row.roles or {}, key=lambda r: (-(row.roles or {})[r], r))
        yield StoryEntityView(
            id=row.id,
            name=row.name,
            type=row.type,
            aliases=aliases,
            roles=roles,
            mentions=[{"article": r.article_id, "start": r.start, "end": r.end, "text": r.text} for r in rows],
            articles=len({r.article_id for r in rows}),
        )


def entity_of_member(conn: Connection, article_id: str, eid: str) -> str | None:
    """The story entity of an article's entity ("e3" of an article), if linked."""
    return conn.execute(
        select(entity_links.c.story_entity).where(entity_links.c.article_id == article_id, entity_links.c.eid == eid)
    ).scalar_one_or_none()


# --- story events, claims, stories ------------------------------------------------------------------------


def names_of(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    """Story entity id → display name."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return dict(conn.execute(select(story_entities.c.id, story_entities.c.name).where(story_entities.c.id.in_(wanted))).all())


def _origin_reports(conn: Connection, reports: list[event_linker.Report]) -> list[origins.Report]:
    """A story event's reports as :class:`~.origins.Report`, each with the chain it rests on."""
    article_ids = sorted({r.article for r in reports})
    copies_of = {
        row.article_id: row for row in conn.execute(select(article_copies).where(article_copies.c.article_id.in_(article_ids)))
    }
    chains = {}
    for r in reports:
        # one chain per report: the first claim that says what the report says (its status), else the first
        # claim; the other voices an article quotes on the event are its claims, not what it rests on
        backing = [c for c in r.claims if c.get("status") == r.status] or r.claims
        chains[(r.article, r.evid)] = (backing[0].get("sources") or []) if backing else [{"name": r.outlet or r.article}]
    voices = _voices(conn, {(a, s["entity"]) for (a, _), chain in chains.items() for s in chain if s.get("entity")})
    found = []
    for r in reports:
        copy = copies_of.get(r.article)
        agencies = tuple(copy.agencies or []) if copy else ()
        chain = chains[(r.article, r.evid)]
        found.append(
            origins.Report(
                article=r.article,
                outlet=r.outlet or r.article,
                published=r.published,
                chain=tuple(Source.model_validate(s) for s in chain),
                agencies=agencies,
                copy_of=copy.copy_of if copy else None,
                voices=tuple(
                    (s["name"], voices[(r.article, s["entity"])]) for s in chain if (r.article, s.get("entity")) in voices
                ),
            )
        )
    return found


def _voices(conn: Connection, members: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(article id, entity id) → the institution that source speaks for, by its story entity's roles
    (:func:`.origins.voice_of`: "Kremlberater" in any article makes Uschakow the Kreml's voice in all)."""
    if not members:
        return {}
    articles_ = sorted({a for a, _ in members})
    story = {k: v for k, v in members_map(conn, articles_).items() if k in members}
    rows = conn.execute(
        select(story_entities.c.id, story_entities.c.roles).where(story_entities.c.id.in_(sorted(set(story.values()))))
    )
    roles: dict[str, dict] = {row.id: row.roles for row in rows}
    found = {}
    for member, sid in story.items():
        institution = origins.voice_of(roles.get(sid) or {})
        if institution:
            found[member] = institution
    return found


@dataclass
class StoryEventView:
    """A story event as exports and pages show it."""

    id: str
    type: str
    participants: list[str]
    place: str | None
    time: dict | None
    status: str
    status_history: list[dict]
    reports: list[dict]
    outlets: list[str]
    origins: list[dict]
    counts: dict
    contradictions: list[dict]
    drift: dict
    story: str | None
    origin_tree: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "type": self.type,
            "participants": self.participants,
            "place": self.place,
            "time": self.time,
            "status": self.status,
            "status_history": self.status_history,
            "reports": self.reports,
            "outlets": self.outlets,
            "origins": self.origins,
            "counts": self.counts,
            "contradictions": self.contradictions,
            "drift": self.drift,
            "story": self.story,
            "origin_tree": self.origin_tree,
        }


def story_event_view(conn: Connection, row) -> StoryEventView:
    reports = event_linker.reports_in(conn, row.id, limit=None)
    told = event_linker.history(reports)
    counted = origins.count(_origin_reports(conn, reports))
    participants = row.participants or {}
    return StoryEventView(
        id=row.id,
        type=row.type,
        participants=sorted(participants, key=lambda p: (-participants[p], p)),
        place=row.place,
        time={"value": row.time_value, "mod": row.time_mod} if row.time_value else None,
        status=row.status,
        status_history=[{k: s[k] for k in ("status", "published", "article", "claim")} for s in told.steps],
        reports=[{"article": r.article, "event": r.evid} for r in reports],
        outlets=sorted({r.outlet for r in reports if r.outlet}),
        origins=[{"name": o.name, "chain": list(o.chain)} for o in counted.origin_list],
        counts={"reports": counted.reports, "outlets": counted.outlets, "origins": counted.origins},
        contradictions=told.contradictions,
        drift=event_linker.drift(reports),
        story=row.story,
        origin_tree=counted.tree,
    )


def story_events_view(
    conn: Connection, *, story: str | None = None, entity: str | None = None, flagged: bool = False, ids: list[str] | None = None
) -> Iterator[StoryEventView]:
    """Story events (of a story, with an entity as participant, only contradicted or drifting ones), by time."""
    query = select(story_events)
    if story is not None:
        query = query.where(story_events.c.story == story)
    if ids is not None:
        query = query.where(story_events.c.id.in_(ids))
    if flagged:
        query = query.where(or_(story_events.c.contradicted.is_(True), story_events.c.drift.is_(True)))
    if entity is not None:
        filed = select(event_keys.c.story_event).where(event_keys.c.key.contains(f":P:{entity}:", autoescape=True))
        query = query.where(story_events.c.id.in_(filed))
    query = query.order_by(
        story_events.c.time_value.is_(None), story_events.c.time_value, story_events.c.start, story_events.c.id
    )
    for row in conn.execute(query).all():
        if entity is not None and entity not in (row.participants or {}):
            continue
        yield story_event_view(conn, row)


#: What ``source`` is to list the claims resting on an unnamed source.
ANONYMOUS = ("anonymous", "anonym")


def _claims_filter(source: str | None):
    """The ``source`` filter of the claims listing as SQL, or None for all claims."""
    wanted = (source or "").lower()
    if not wanted:
        return None
    if wanted in ANONYMOUS:
        return claim_rows.c.anonymous == true()
    # part of one name, any case: the names are stored folded between bars, and a folded part has no bar
    return claim_rows.c.source_names.contains(claim_linker.fold(wanted), autoescape=True)


def claims_count(conn: Connection, source: str | None = None) -> int:
    """How many claims :func:`claims_view` lists for ``source``."""
    query = select(func.count()).select_from(claim_rows)
    where = _claims_filter(source)
    if where is not None:
        query = query.where(where)
    return conn.execute(query).scalar_one()


#: A source named by at most this many claims is paged from its rows found by name, not in the listing's order.
FEW = 1000

#: The story events whose drift a streamed listing (``limit=None``) keeps at hand.
DRIFT_CACHE = 1000


def claims_view(conn: Connection, *, source: str | None = None, limit: int | None = None, offset: int = 0) -> Iterator[dict]:
    """Claims: what each report says of a story event, then every other attributed statement (reported,
    quoted, hedged: not asserted by the outlet itself); each part by publication time, article and position.

    ``source`` keeps the claims whose chain names it (case-insensitive, part of a name: "Axios"), or, for
    "anonymous", those resting on an unnamed source. ``limit``/``offset`` page the listing in SQL (an indexed
    read of ``claim_rows``); without ``limit`` every claim is streamed (``export claims``). Each event claim's
    drift comes from its story event's reports (:func:`.events.drift`), read only for the story events listed.
    """
    query = (
        select(claim_rows, event_links.c.story_event)
        .outerjoin(
            event_links, and_(event_links.c.article_id == claim_rows.c.article_id, event_links.c.evid == claim_rows.c.evid)
        )
        .order_by(
            claim_rows.c.section,
            claim_rows.c.published,
            claim_rows.c.article_id,
            claim_rows.c.evid,
            claim_rows.c.position,
        )
    )
    where = _claims_filter(source)
    if where is not None:
        query = query.where(where)
    if limit is not None and where is not None and (source or "").lower() not in ANONYMOUS:
        # a rarely named source: walking the listing's order until a page is full would read most rows, so
        # its few rows are found by the narrow index on the names first (a source named nowhere: none read)
        few: list[int] = list(conn.execute(select(claim_rows.c.pk).where(where).limit(FEW + 1)).scalars())
        if len(few) <= FEW:
            query = query.where(claim_rows.c.pk.in_(few))
    if limit is not None:
        query = query.limit(limit).offset(offset)
    elif offset:
        query = query.offset(offset)
    flags: OrderedDict[str, dict[str, dict]] = OrderedDict()

    def drift_of(sid: str) -> dict[str, dict]:
        if sid in flags:
            flags.move_to_end(sid)
        else:
            flags[sid] = event_linker.drift(event_linker.reports_in(conn, sid, limit=None))
            if len(flags) > DRIFT_CACHE:
                flags.popitem(last=False)
        return flags[sid]

    result = conn.execute(query)
    chunks = [result.all()] if limit is not None else result.partitions(500)
    for rows in chunks:
        for row in rows:
            cid = f"{row.article_id}:{row.claim}"
            yield {
                "id": cid,
                "event": row.story_event,
                "article": row.article_id,
                "outlet": row.outlet,
                "published": row.published,
                "statement": row.statement,
                "kind": row.kind,
                "hedged": bool(row.hedged),
                "sources": [s.get("name") for s in row.sources or []],
                "text": row.text,
                "status": row.status,
                "drift": drift_of(row.story_event).get(cid) if row.story_event else None,
            }


def stories_view(conn: Connection, *, min_articles: int = 2, ids: list[str] | None = None) -> Iterator[dict]:
    """Stories with at least ``min_articles`` articles, largest first: id, title, start, end, articles,
    events (ids), entities (key actors: story entity ids, most reported first)."""
    query = select(stories).where(stories.c.articles >= min_articles).order_by(stories.c.articles.desc(), stories.c.id)
    if ids is not None:
        query = select(stories).where(stories.c.id.in_(ids))
    for row in conn.execute(query).all():
        article_ids: list[str] = list(
            conn.execute(
                select(story_articles.c.article_id)
                .where(story_articles.c.story == row.id)
                .order_by(story_articles.c.published.is_(None), story_articles.c.published, story_articles.c.article_id)
            ).scalars()
        )
        events: list[str] = list(
            conn.execute(
                select(story_events.c.id)
                .where(story_events.c.story == row.id)
                .order_by(story_events.c.time_value.is_(None), story_events.c.time_value, story_events.c.id)
            ).scalars()
        )
        actors = conn.execute(
            select(entity_links.c.story_entity, func.count(func.distinct(entity_links.c.article_id)).label("n"))
            .where(entity_links.c.article_id.in_(article_ids), entity_links.c.type.in_(("PER", "ORG")))
            .group_by(entity_links.c.story_entity)
            .order_by(func.count(func.distinct(entity_links.c.article_id)).desc(), entity_links.c.story_entity)
            .limit(10)
        ).all()
        yield {
            "id": row.id,
            "title": row.title,
            "start": row.start,
            "end": row.end,
            "articles": article_ids,
            "events": events,
            "entities": [a.story_entity for a in actors if a.n > 1 or len(article_ids) == 1],
        }


def find_entity(conn: Connection, name: str) -> list[str]:
    """Story entity ids for an id or a name (exact first, then by alias, then part of the name)."""
    exact: list[str] = list(conn.execute(select(story_entities.c.id).where(story_entities.c.id == name)).scalars())
    if exact:
        return exact
    by_name: list[str] = list(
        conn.execute(
            select(story_entities.c.id)
            .where(func.lower(story_entities.c.name) == name.lower())
            .order_by(story_entities.c.members.desc(), story_entities.c.id)
        ).scalars()
    )
    if by_name:
        return by_name
    by_member: list[str] = list(
        conn.execute(
            select(entity_links.c.story_entity)
            .where(func.lower(entity_links.c.name) == name.lower())
            .group_by(entity_links.c.story_entity)
            .order_by(func.count().desc(), entity_links.c.story_entity)
        ).scalars()
    )
    if by_member:
        return by_member
    # a spelling no member has: by the folded keys the linker files names under ("Dmitriev" → dmitriov)
    from .entities import keys as name_keys

    filed = sorted(set().union(*(name_keys(t, name) for t in ("PER", "ORG", "LOC", "MISC"))))
    by_key: list[str] = list(
        conn.execute(
            select(story_entities.c.id)
            .where(story_entities.c.id.in_(select(entity_keys.c.story_entity).where(entity_keys.c.key.in_(filed))))
            .order_by(story_entities.c.members.desc(), story_entities.c.id)
        ).scalars()
    )
    if by_key:
        return by_key
    return list(
        conn.execute(
            select(story_entities.c.id)
            .where(func.lower(story_entities.c.name).contains(name.lower(), autoescape=True))  # % and _ as typed
            .order_by(story_entities.c.members.desc(), story_entities.c.id)
            .limit(5)
        ).scalars()
    )


#: Most story entities a name filter stands for: a part so short that it is in more names ("e") is no name;
#: the most reported ones are kept (and every query's list of ids stays far below the drivers' limits).
CALLED_MAX = 500


def entities_called(conn: Connection, part: str, most: int = CALLED_MAX) -> list[str]:
    """The story entities a filter by name means (the speaker and source filters of search): those whose name
    or a member's name contains ``part`` (any case: "Witkoff" → Steve Witkoff, also where an article wrote
    "Whitkoff"), and those filed under ``part`` read as a name ("Dmitrijew" → Kirill Dmitriew); at most
    ``most``, those with the most members first."""
    part = part.strip()
    if not part:
        return []
    lower = part.lower()
    by_name = select(story_entities.c.id).where(func.lower(story_entities.c.name).contains(lower, autoescape=True))
    by_member = select(entity_links.c.story_entity).where(func.lower(entity_links.c.name).contains(lower, autoescape=True))
    from .entities import keys as name_keys

    filed = sorted({k for t in ("PER", "ORG", "LOC", "MISC") for k in name_keys(t, part) if k.startswith(f"{t}:")})
    by_key = select(entity_keys.c.story_entity).where(entity_keys.c.key.in_(filed))
    called = by_name.union(by_member, by_key).subquery()
    query = (
        select(story_entities.c.id)
        .where(story_entities.c.id.in_(select(called.c[0])))
        .order_by(story_entities.c.members.desc(), story_entities.c.id)
        .limit(most)
    )
    return sorted(conn.execute(query).scalars())


def said_by(conn: Connection, entity: str) -> list[dict]:
    """Everything said by a story entity: statements whose speaker is one of its members, by publication time."""
    members = conn.execute(
        select(entity_links.c.article_id, entity_links.c.eid).where(entity_links.c.story_entity == entity)
    ).all()
    if not members:
        return []
    by_article: dict[str, set[str]] = {}
    for m in members:
        by_article.setdefault(m.article_id, set()).add(m.eid)
    rows = conn.execute(
        select(statements, articles.c.outlet, articles.c.published, articles.c.headline)
        .join(articles, articles.c.id == statements.c.article_id)
        .where(statements.c.article_id.in_(sorted(by_article)), statements.c.speaker_entity.is_not(None))
        .order_by(articles.c.published, statements.c.article_id, statements.c.idx)
    ).all()
    return [
        {
            "article": r.article_id,
            "outlet": r.outlet,
            "published": r.published,
            "statement": r.sid,
            "kind": r.kind,
            "speaker": r.speaker_text,
            "text": r.text,
            "start": r.start,
            "end": r.end,
            "sources": [s.get("name") for s in r.sources or []],
        }
        for r in rows
        if r.speaker_entity in by_article.get(r.article_id, set())
    ]
