"""Stories across outlets as the pages and the API show them: the link tables of :mod:`quellenlage.link`,
read through :mod:`quellenlage.link.queries`, with names, headlines and outlets filled in.

Every page about linked stories, entities, events, claims and contradictions has a JSON twin built by the
same function here (as :mod:`.data` does for the article-level pages), so the two never disagree. A page
never shows a bare id where a reader expects a name: participants, places and the sides of a place
contradiction come with the story entity's name, reports with their outlet and headline.

Lists are paged in SQL (stories, story entities, flagged events, claims), so a page reads only its own rows;
claims from the linker's ``claim_rows`` (:func:`~quellenlage.link.queries.claims_view`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import Connection, func, or_, select

from ..errors import NotFound
from ..link import queries as lq
from ..link.entity_stats import fold
from ..store.queries import heads_in
from ..store.tables import entity_links, event_links, stories, story_entities, story_events
from .article_view import statement_dom_id
from .timeline import Entry, Evidence, Undated, date_range

#: How many key actors a story shows.
ACTORS = 5


def paged(total: int, limit: int, offset: int, items: list) -> dict:
    """One page of a listing, as every paged API answer has it."""
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _by_date(rows: Iterable[dict]) -> list[dict]:
    return sorted(rows, key=lambda h: (h["published"] is None, h["published"] or "", h["id"]))


# --- stories -------------------------------------------------------------------------------------------


def _story_summary(s: dict, names: dict[str, str]) -> dict:
    return {
        "id": s["id"],
        "title": s["title"],
        "start": s["start"],
        "end": s["end"],
        "articles": len(s["articles"]),
        "events": len(s["events"]),
        "actors": [{"id": e, "name": names.get(e, e)} for e in s["entities"][:ACTORS]],
    }


def story_page(conn: Connection, limit: int, offset: int, min_articles: int = 2) -> dict:
    """Stories with at least ``min_articles`` articles, largest first: title, span, size, key actors."""
    where = stories.c.articles >= min_articles
    total = conn.execute(select(func.count()).select_from(stories).where(where)).scalar_one()
    ids: list[str] = list(
        conn.execute(
            select(stories.c.id).where(where).order_by(stories.c.articles.desc(), stories.c.id).limit(limit).offset(offset)
        ).scalars()
    )
    found = {s["id"]: s for s in lq.stories_view(conn, ids=ids)} if ids else {}
    names = lq.names_of(conn, [e for s in found.values() for e in s["entities"][:ACTORS]])
    return paged(total, limit, offset, [_story_summary(found[i], names) for i in ids if i in found])


def story_counts(conn: Connection) -> tuple[int, int]:
    """The number of stories, and of those with a single article."""
    total = conn.execute(select(func.count()).select_from(stories)).scalar_one()
    single = conn.execute(select(func.count()).select_from(stories).where(stories.c.articles < 2)).scalar_one()
    return total, single


def story_exists(conn: Connection, story_id: str) -> str | None:
    """The title of the linked story ``story_id``, or None."""
    return conn.execute(select(stories.c.title).where(stories.c.id == story_id)).scalar_one_or_none()


def story_detail(conn: Connection, story_id: str) -> dict:
    """A story with its articles by date and its events by time (undated last), each event in full."""
    found = list(lq.stories_view(conn, ids=[story_id]))
    if not found:
        raise NotFound(f"{story_id}: no such story")
    s = found[0]
    names = lq.names_of(conn, s["entities"][:ACTORS])
    listed = heads_in(conn, s["articles"])
    return {
        **_story_summary(s, names),
        "articles_list": _by_date(listed[a] for a in s["articles"] if a in listed),
        "events_list": events_of(conn, lq.story_events_view(conn, story=story_id)),
    }


# --- story events --------------------------------------------------------------------------------------


def _label(type_: str, who: list[str], place: str | None) -> str:
    where = f" in {place}" if place else ""
    return f"{type_}: {', '.join(who)}{where}" if who else f"{type_}{where}"


def _claim(article: str, claim: dict, drift: dict[str, dict]) -> dict:
    cid = f"{article}:{claim['id']}"
    statement = claim.get("statement")
    flag = drift.get(cid)
    return {
        "id": cid,
        "status": claim.get("status"),
        "confidence": claim.get("confidence"),
        "kind": claim.get("kind"),
        "hedged": bool(claim.get("hedged")),
        "statement": statement,
        "anchor": statement_dom_id(statement) if statement else None,
        "start": claim.get("start"),
        "end": claim.get("end"),
        "text": claim.get("sentence_text") or claim.get("text") or "",
        "sources": [s.get("name") or "" for s in claim.get("sources") or []],
        "drift": flag["kind"] if flag else None,
    }


def events_of(conn: Connection, views: Iterable[lq.StoryEventView]) -> list[dict]:
    """Story events as the pages show them: names for ids, each report with its outlet, headline and claims
    (drift marked on the claim), the status history with the outlet behind each step, the origin tree."""
    found = list(views)
    if not found:
        return []
    rows: dict[str, list] = {}
    query = (
        select(event_links)
        .where(event_links.c.story_event.in_([v.id for v in found]))
        .order_by(event_links.c.published.is_(None), event_links.c.published, event_links.c.article_id, event_links.c.evid)
    )
    for row in conn.execute(query):
        rows.setdefault(row.story_event, []).append(row)
    places = [s["value"] for v in found for c in v.contradictions if c["field"] == "place" for s in c["sides"] if s["value"]]
    names = lq.names_of(conn, [p for v in found for p in v.participants] + [v.place for v in found if v.place] + places)
    titles = heads_in(conn, {r.article_id for group in rows.values() for r in group})
    return [_event(v, rows.get(v.id, []), names, titles) for v in found]


def _event(v: lq.StoryEventView, rows: list, names: dict[str, str], titles: dict[str, dict]) -> dict:
    span = date_range(v.time["value"], v.time.get("mod")) if v.time else None
    outlet_of = {r.article_id: r.outlet for r in rows}
    who = [names.get(p, p) for p in v.participants]
    place = names.get(v.place, v.place) if v.place else None
    reports = [
        {
            "article": r.article_id,
            "event": r.evid,
            "outlet": r.outlet,
            "published": r.published,
            "headline": titles.get(r.article_id, {}).get("headline"),
            "status": r.status,
            "claims": [_claim(r.article_id, c, v.drift) for c in r.claims or []],
        }
        for r in rows
    ]
    claim_outlet = {c["id"]: r["outlet"] for r in reports for c in r["claims"]}
    return {
        "id": v.id,
        "type": v.type,
        "label": _label(v.type, who, place),
        "status": v.status,
        "time": v.time,
        "first": span[0].isoformat() if span else None,
        "last": span[1].isoformat() if span else None,
        "participants": [{"id": p, "name": n} for p, n in zip(v.participants, who, strict=True)],
        "place": {"id": v.place, "name": place} if v.place and place else None,
        "counts": v.counts,
        "outlets": v.outlets,
        "origins": v.origins,
        "origin_tree": v.origin_tree,
        "status_history": [{**step, "outlet": outlet_of.get(step["article"])} for step in v.status_history],
        "contradictions": [
            {
                "field": c["field"],
                "sides": [
                    {**side, "label": names.get(side["value"], side["value"]) if c["field"] == "place" else side["value"]}
                    for side in c["sides"]
                ],
            }
            for c in v.contradictions
        ],
        "drift": [
            {
                "claim": cid,
                "kind": flag["kind"],
                "status": flag.get("status"),
                "outlet": claim_outlet.get(cid),
                "other": list(flag.get("other") or []),
                "other_outlets": sorted({o for x in flag.get("other") or [] if (o := claim_outlet.get(x))}),
            }
            for cid, flag in v.drift.items()
        ],
        "reports": reports,
        "story": v.story,
    }


def story_event(conn: Connection, event_id: str) -> dict:
    found = events_of(conn, lq.story_events_view(conn, ids=[event_id]))
    if not found:
        raise NotFound(f"{event_id}: no such story event")
    return found[0]


def contradiction_page(conn: Connection, limit: int, offset: int) -> dict:
    """Story events with a contradiction or drift, by time (the order of :func:`~.queries.story_events_view`)."""
    flagged = or_(story_events.c.contradicted.is_(True), story_events.c.drift.is_(True))
    total = conn.execute(select(func.count()).select_from(story_events).where(flagged)).scalar_one()
    ids: list[str] = list(
        conn.execute(
            select(story_events.c.id)
            .where(flagged)
            .order_by(story_events.c.time_value.is_(None), story_events.c.time_value, story_events.c.start, story_events.c.id)
            .limit(limit)
            .offset(offset)
        ).scalars()
    )
    items = events_of(conn, lq.story_events_view(conn, ids=ids)) if ids else []
    return paged(total, limit, offset, items)


def timeline_entries(events: list[dict], show: str = "stated") -> tuple[list[Entry], list[Undated]]:
    """Story events as timeline entries (the picture and the list of ``/timeline``): one entry per dated story
    event, with its reports and independent origins, by time; and the events without a calendar time, listed
    apart ("ohne Datum"), in the order of ``events``. An event is stated when one of its claims states its
    status in so many words; ``show="stated"`` keeps only those."""
    entries: list[Entry] = []
    undated: list[Undated] = []
    for e in events:
        told = any(c["confidence"] == "stated" for r in e["reports"] for c in r["claims"])
        if show == "stated" and not told:
            continue
        common = {
            "confidence": "stated" if told else "inferred",
            "reports": e["counts"]["reports"],
            "origins": {o["name"] for o in e["origins"]},
            "evidence": _first_claims(e),
        }
        if e["first"] and e["time"]:
            first, last = date.fromisoformat(e["first"]), date.fromisoformat(e["last"])
            entries.append(Entry(e["label"], e["time"]["value"], first, last, e["status"], **common))
        else:
            undated.append(Undated(e["label"], e["status"], **common))
    return sorted(entries, key=lambda x: (x.first, x.last, x.label)), undated


def _first_claims(event: dict) -> list[Evidence]:
    """The evidence of a story event on a timeline: each report's first claim."""
    return [
        Evidence(r["article"], c["start"] or 0, c["end"] or 0, c["text"], r["headline"], c["anchor"])
        for r in event["reports"]
        for c in r["claims"][:1]
    ]


# --- story entities ------------------------------------------------------------------------------------


def _ranked(counts: dict | None) -> list[str]:
    found = counts or {}
    return sorted(found, key=lambda k: (-found[k], k))


#: How the entities list can be sorted (the first is the default): the columns of
#: :mod:`quellenlage.link.entity_stats`, each with its ties broken by name and id.
ENTITY_SORTS = {
    "articles": "in the most articles first",
    "mentions": "the most mentions first",
    "latest": "the latest mentioned first",
    "name": "by name",
}


def _entity_order(sort: str) -> list:
    se = story_entities
    first: dict[str, list] = {
        "articles": [se.c.articles.desc()],
        "mentions": [se.c.mentions.desc()],
        "latest": [se.c.latest.is_(None), se.c.latest.desc()],
        "name": [],
    }
    return [*first[sort], se.c.name, se.c.id]


def _instant(value) -> str | None:
    """A stored timestamp as ISO 8601 in UTC (SQLite gives it back without its zone, which is UTC)."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)).isoformat()


def entity_page(conn: Connection, limit: int, offset: int, q: str = "", type_: str = "", sort: str = "articles") -> dict:
    """Story entities, sorted by ``sort`` (a key of :data:`ENTITY_SORTS`); ``q`` keeps those with a name or a
    member's name containing it (any case), ``type_`` those of that type (PER, ORG, LOC, MISC). Reads the page's
    rows only: the figures are kept on each row by the linker (:mod:`quellenlage.link.entity_stats`)."""
    se = story_entities
    where = []
    part = fold(q.replace("|", " "))
    if part:
        where.append(se.c.search.contains(part, autoescape=True))
    if type_:
        where.append(se.c.type == type_)
    total = conn.execute(select(func.count()).select_from(se).where(*where)).scalar_one()
    query = (
        select(se.c.id, se.c.name, se.c.type, se.c.names, se.c.roles, se.c.articles, se.c.mentions, se.c.latest)
        .where(*where)
        .order_by(*_entity_order(sort))
        .limit(limit)
        .offset(offset)
    )
    items = [
        {
            "id": r.id,
            "name": r.name,
            "type": r.type,
            "names": _ranked(r.names),
            "roles": _ranked(r.roles),
            "articles": r.articles,
            "mentions": r.mentions,
            "latest": _instant(r.latest),
        }
        for r in conn.execute(query)
    ]
    return paged(total, limit, offset, items)


def entity_exists(conn: Connection, entity_id: str) -> bool:
    return conn.execute(select(story_entities.c.id).where(story_entities.c.id == entity_id)).first() is not None


def entity_dossier(conn: Connection, entity_id: str) -> dict:
    """A story entity across outlets: aliases, roles, its mentions per article, what it said, its events."""
    found = list(lq.story_entities_view(conn, ids=[entity_id]))
    if not found:
        raise NotFound(f"{entity_id}: no such entity")
    v = found[0]
    listed = heads_in(conn, {m["article"] for m in v.mentions})
    per_article: dict[str, list[dict]] = {}
    for m in v.mentions:
        per_article.setdefault(m["article"], []).append({"start": m["start"], "end": m["end"], "text": m["text"]})
    said = [
        {**s, "headline": listed.get(s["article"], {}).get("headline"), "anchor": statement_dom_id(s["statement"])}
        for s in lq.said_by(conn, entity_id)
    ]
    return {
        "id": v.id,
        "name": v.name,
        "type": v.type,
        "aliases": v.aliases,
        "roles": v.roles,
        "articles": v.articles,
        "mentions": len(v.mentions),
        "articles_list": [{**h, "mentions": per_article[h["id"]]} for h in _by_date(listed.values())],
        "said": said,
        "events": events_of(conn, lq.story_events_view(conn, entity=entity_id)),
    }


def entity_for_members(conn: Connection, members: list[tuple[str, str]]) -> str | None:
    """The story entity most of these article entities (article id, entity id) are linked to, if any."""
    if not members:
        return None
    article_ids = sorted({a for a, _ in members})
    links = lq.members_map(conn, article_ids)
    votes = Counter(links[m] for m in members if m in links)
    return min(votes, key=lambda e: (-votes[e], e)) if votes else None


def member_links(conn: Connection, article_id: str) -> dict[str, str]:
    """Entity id of the article → its story entity id."""
    rows = conn.execute(
        select(entity_links.c.eid, entity_links.c.story_entity).where(entity_links.c.article_id == article_id)
    ).all()
    return {r.eid: r.story_entity for r in rows}


# --- claims ----------------------------------------------------------------------------------------------


def claim_page(conn: Connection, source: str, limit: int, offset: int) -> dict:
    """Claims whose source chain names ``source`` (part of a name, any case; "anonymous": an unnamed source),
    or all claims; each with its article's headline and the drift it takes part in."""
    page = list(lq.claims_view(conn, source=source or None, limit=limit, offset=offset))
    listed = heads_in(conn, {c["article"] for c in page})
    items = [
        {
            **c,
            "headline": listed.get(c["article"], {}).get("headline"),
            "anchor": statement_dom_id(c["statement"]) if c["statement"] else None,
            "drift": _drift_of_claim(c["drift"]),
        }
        for c in page
    ]
    return {"source": source, **paged(lq.claims_count(conn, source or None), limit, offset, items)}


def _drift_of_claim(flag: dict | None) -> dict | None:
    if not flag:
        return None
    return {"kind": flag["kind"], "status": flag.get("status"), "other": list(flag.get("other") or [])}


def linked_any(conn: Connection) -> bool:
    """Whether any article entity is linked (False: the store was never linked)."""
    return conn.execute(select(entity_links.c.article_id).limit(1)).first() is not None


def drift_lines(event: dict) -> list[str]:
    """An event's drift in words, once per outlet and status (one outlet's several claims say it once):
    "welt.de: happened, stated as fact; as hearsay in zeit.de, faz.net", "ntv.de: only unnamed media reports"."""
    lines: list[str] = []
    for d in event["drift"]:
        if d["kind"] == "stated as fact":
            line = f"{d['outlet'] or '?'}: {d['status']}, stated as fact; as hearsay in {', '.join(d['other_outlets']) or '?'}"
        elif d["kind"] == "unnamed media reports":
            line = f"{d['outlet'] or '?'}: {d['status']}, only on unnamed media reports"
        else:
            continue
        if line not in lines:
            lines.append(line)
    return lines
