"""What ``quellenlage check`` finds wrong in the link tables, and how they are mended: by the linking pass.

The link tables are derived from the articles (:mod:`.run`), so every problem here is mended the same way,
without losing anything: articles that only wait or are stale are queued and linked; anything else (rows
pointing at story entities, events or stories that are gone, counts that do not add up) rebuilds them all
from the records (``quellenlage link --rebuild``; the user's corrections are kept and applied again).

Articles waiting in ``link_queue`` are no problem: an ingest killed before its linking pass leaves them
there, and the next ingest, ``watch`` round or ``quellenlage link`` links them (:func:`waiting_note`).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, Table, and_, delete, func, or_, select

from ..store import Store
from ..store.check import Problem, listed, plural
from ..store.tables import (
    article_copies,
    articles,
    claim_rows,
    entities,
    entity_keys,
    entity_links,
    event_keys,
    event_links,
    events,
    link_articles,
    link_queue,
    now,
    revisions,
    stories,
    story_articles,
    story_entities,
    story_events,
    story_keys,
)
from .run import VERSION, LinkSummary, link

#: The mends of this module: queue the articles and link them; rebuild every link table.
RELINK, REBUILD = "link articles", "rebuild links"


def _ids(conn: Connection, query) -> list[str]:
    return [str(row[0]) for row in conn.execute(query).all()]


def _linked_settled():
    """Articles linked and not waiting to be linked again: their link rows must be complete."""
    return and_(
        select(link_articles.c.article_id).where(link_articles.c.article_id == articles.c.id).exists(),
        ~select(link_queue.c.article_id).where(link_queue.c.article_id == articles.c.id).exists(),
    )


def link_problems(conn: Connection) -> list[Problem]:
    """Every check of the link tables (see the module's docstring)."""
    found: list[Problem] = []
    queued = ~select(link_queue.c.article_id).where(link_queue.c.article_id == articles.c.id).exists()
    # articles never linked and not waiting, or linked at another revision, analysis or linker version
    never = _ids(
        conn,
        select(articles.c.id)
        .where(~select(link_articles.c.article_id).where(link_articles.c.article_id == articles.c.id).exists(), queued)
        .order_by(articles.c.id),
    )
    if never:
        what = f"{plural(len(never), 'article')} neither linked nor waiting to be: {listed(never)}"
        found.append(Problem("links", what, len(never), mend=RELINK, articles=tuple(never)))
    stale = _ids(
        conn,
        select(articles.c.id)
        .join(link_articles, link_articles.c.article_id == articles.c.id)
        .join(revisions, and_(revisions.c.article_id == articles.c.id, revisions.c.revision == articles.c.current_revision))
        .where(
            queued,
            or_(
                link_articles.c.revision != articles.c.current_revision,
                link_articles.c.analysis_version.is_distinct_from(revisions.c.analysis_version),
            ),
        )
        .order_by(articles.c.id),
    )
    if stale:
        what = (
            f"{plural(len(stale), 'article')} linked at another revision or analysis and not waiting to be again: {listed(stale)}"
        )
        found.append(Problem("links", what, len(stale), mend=RELINK, articles=tuple(stale)))
    other = conn.execute(
        select(link_articles.c.version, func.count()).where(link_articles.c.version != VERSION).group_by(link_articles.c.version)
    ).all()
    for row in other:
        version, n = row[0], int(str(row[1]))
        what = f"{plural(n, 'article')} linked by linker {version}, this is {VERSION}"
        found.append(Problem("links", what, n, mend=REBUILD))
    found += _incomplete(conn) + _dangling(conn) + _counts(conn)
    return found


def _incomplete(conn: Connection) -> list[Problem]:
    """Linked articles without what linking gives every one: an entity link for each entity, an event link
    for each event, a copy signature, a story; and link rows of entities or events the article no longer has."""
    settled = _linked_settled()
    found = []
    # rows of one table without their match in the other, per linked article: entities and events the linker
    # did not link, link rows of entities and events the article no longer has
    for rows, matches, word in (
        (entities, entity_links, "entities without an entity link"),
        (events, event_links, "events without an event link"),
        (entity_links, entities, "entity links of entities the article does not have"),
        (event_links, events, "event links of events the article does not have"),
    ):
        key = rows.c.eid if "eid" in rows.c else rows.c.evid
        match = matches.c.eid if "eid" in matches.c else matches.c.evid
        query = (
            select(rows.c.article_id)
            .join(articles, articles.c.id == rows.c.article_id)
            .where(settled, ~select(match).where(matches.c.article_id == rows.c.article_id, match == key).exists())
        )
        found += _per_article(conn, query, word)
    for table, word in ((article_copies, "no copy signature"), (story_articles, "no story")):
        query = select(articles.c.id).where(
            settled, ~select(table.c.article_id).where(table.c.article_id == articles.c.id).exists()
        )
        found += _per_article(conn, query, word)
    dupes = (
        select(claim_rows.c.article_id)
        .group_by(claim_rows.c.article_id, claim_rows.c.section, claim_rows.c.claim, claim_rows.c.evid)
        .having(func.count() > 1)
    )
    found += _per_article(conn, dupes, "duplicate claim rows")
    return found


def _per_article(conn: Connection, query, word: str) -> list[Problem]:
    ids = sorted(set(_ids(conn, query)))
    if not ids:
        return []
    rows = len(_ids(conn, query))
    what = f"{plural(rows, 'row')} of {plural(len(ids), 'article')}: {word}: {listed(ids)}"
    return [Problem("links", what, rows, mend=REBUILD, articles=tuple(ids))]


def _dangling(conn: Connection) -> list[Problem]:
    """Rows naming a story entity, story event or story that does not exist."""
    found = []
    refs: tuple[tuple[Table, ColumnElement, ColumnElement], ...] = (
        (entity_links, entity_links.c.story_entity, story_entities.c.id),
        (entity_keys, entity_keys.c.story_entity, story_entities.c.id),
        (event_links, event_links.c.story_event, story_events.c.id),
        (event_keys, event_keys.c.story_event, story_events.c.id),
        (story_articles, story_articles.c.story, stories.c.id),
        (story_keys, story_keys.c.story, stories.c.id),
        (story_events, story_events.c.story, stories.c.id),
        (article_copies, article_copies.c.copy_of, articles.c.id),
    )
    for table, column, parent in refs:
        ids = _ids(conn, select(column).where(column.is_not(None), ~select(parent).where(parent == column).exists()))
        if ids:
            named = sorted(set(ids))
            what = f"{table.name}: {plural(len(ids), 'row')} naming {parent.table.name} that do not exist: {listed(named)}"
            found.append(Problem("links", what, len(ids), mend=REBUILD))
    return found


def _counts(conn: Connection) -> list[Problem]:
    """Story entities, events and stories whose member counts are not the rows that are their members."""
    found = []
    for table, count_column, members, member_column, word in (
        (story_entities, story_entities.c.members, entity_links, entity_links.c.story_entity, "members"),
        (story_events, story_events.c.reports, event_links, event_links.c.story_event, "reports"),
        (stories, stories.c.articles, story_articles, story_articles.c.story, "articles"),
    ):
        counted = select(func.count()).select_from(members).where(member_column == table.c.id).scalar_subquery()
        ids = _ids(conn, select(table.c.id).where(count_column != counted).order_by(table.c.id))
        if ids:
            what = f"{table.name}: {plural(len(ids), 'row')} whose {word} count is not the rows that are: {listed(ids)}"
            found.append(Problem("links", what, len(ids), mend=REBUILD))
    return found


def waiting_note(conn: Connection) -> str | None:
    """A line on the articles waiting to be linked, or None when none is."""
    n = conn.execute(select(func.count()).select_from(link_queue)).scalar_one()
    if not n:
        return None
    return f"{plural(n, 'article')} waiting to be linked (the next ingest, watch round or `quellenlage link` links them)"


def mend(store: Store, problems: list[Problem]) -> tuple[list[str], LinkSummary | None]:
    """Mend the link problems (and link what waits): a rebuild when any needs one, else the articles queued
    and linked. Returns a line for each mended problem and what the linking pass did."""
    mine = [p for p in problems if p.mend in (RELINK, REBUILD)]
    with store.read() as conn:
        waiting = conn.execute(select(func.count()).select_from(link_queue)).scalar_one()
    if not mine and not waiting:
        return [], None
    rebuild = any(p.mend == REBUILD for p in mine)
    if not rebuild:
        ids = sorted({a for p in mine for a in p.articles})
        with store.write() as conn:
            if ids:
                conn.execute(delete(link_queue).where(link_queue.c.article_id.in_(ids)))
                conn.execute(link_queue.insert(), [{"article_id": a, "queued_at": now()} for a in ids])
    summary = link(store, rebuild=rebuild)
    how = f"{'rebuilt the link tables' if rebuild else 'linked'}: {summary.line()}"
    lines = [f"{p.line()}: mended ({how.split(':')[0]})" for p in mine]
    if waiting and not mine:
        lines.append(f"links: {plural(waiting, 'article')} waiting to be linked: mended (linked)")
    return lines, summary
