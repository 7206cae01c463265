"""Read-only queries over the normalised tables, for the web reading room and the HTTP API.

The :class:`~quellenlage.store.Store` methods fetch whole records; these
functions answer the questions the pages ask across articles: which articles
(paged), which entities under one name, who said what (filtered), which
events, which tags (stories). They read through ``store.engine`` and never
write. What only one database speaks (full-text matching, JSON functions)
comes from its module in :mod:`.backends`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import BindParameter, Connection, bindparam, func, select, text

from . import fulltext
from .backends import backend
from .store import Store
from .tables import article_tags, articles, entities, events, mentions, sentences, statements

_name_key: Callable[[str], str] | None
try:  # cross-article name keys ("Dmitrijew" = "Dmitriew"), when the linking module is there
    from ..link.names import name_key as _name_key
except ImportError:  # pragma: no cover - the fallback is exact canonical names
    _name_key = None


# --- articles ------------------------------------------------------------------


def list_articles(store: Store, limit: int = 20, offset: int = 0) -> tuple[int, list[dict]]:
    """Total number of articles and one page of them (newest first, undated last)."""
    query = (
        select(articles.c.id, articles.c.headline, articles.c.outlet, articles.c.published)
        .order_by(articles.c.published_at.is_(None), articles.c.published_at.desc(), articles.c.id)
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        return total, _with_titles(conn, [dict(r) for r in conn.execute(query).mappings()])


def _with_titles(conn: Connection, heads: list[dict]) -> list[dict]:
    """Each head with its ``title`` after its headline (:func:`titles_of`): what the pages name it by."""
    titles = titles_of(conn, {h["id"]: h["headline"] for h in heads})
    out = []
    for head in heads:
        with_title = {}
        for key, value in head.items():
            with_title[key] = value
            if key == "headline":
                with_title["title"] = titles[head["id"]]
        out.append(with_title)
    return out


def article_heads(store: Store, ids: list[str]) -> dict[str, dict]:
    """Headline, outlet and date of the given articles, by id."""
    with store.engine.connect() as conn:
        return heads_in(conn, ids)


def heads_in(conn: Connection, ids: Iterable[str]) -> dict[str, dict]:
    """Id, headline, outlet and publication time of these articles, by id (read on the caller's connection)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = select(articles.c.id, articles.c.headline, articles.c.outlet, articles.c.published).where(articles.c.id.in_(wanted))
    return {h["id"]: h for h in _with_titles(conn, [dict(r) for r in conn.execute(query).mappings()])}


def titles_of(conn: Connection, heads: dict[str, str | None]) -> dict[str, str]:
    """What lists show for these articles (article id → headline): the headline, or for an article without
    one the first words of its first sentences (:func:`quellenlage.titles.article_title`)."""
    from ..titles import WORDS, article_title

    bare = sorted(a for a, h in heads.items() if not (h or "").strip())
    opening: dict[str, list[str]] = {a: [] for a in bare}
    if bare:
        query = (
            select(sentences.c.article_id, sentences.c.text)
            .where(sentences.c.article_id.in_(bare), sentences.c.idx < WORDS)
            .order_by(sentences.c.article_id, sentences.c.idx)
        )
        for row in conn.execute(query):
            opening[row.article_id].append(row.text)
    return {a: article_title(h, " ".join(opening.get(a, []))) for a, h in heads.items()}


# --- entities ------------------------------------------------------------------


def slug(value: str) -> str:
    """A URL-safe lower-case key: "Angriff auf die Ukraine" → "angriff-auf-die-ukraine"."""
    value = unicodedata.normalize("NFKC", value).casefold()
    return re.sub(r"[^\w]+", "-", value).strip("-") or "-"


@lru_cache(maxsize=50_000)
def entity_key(name: str) -> str:
    """The key that groups entities across articles: the spelling-independent
    name key of :mod:`quellenlage.link.names` when available (so "Kirill
    Dmitrijew" and "Kirill Dmitriev" meet), else the exact canonical name."""
    basis = _name_key(name) if _name_key is not None else name
    return slug(basis or name)


@dataclass
class EntityGroup:
    """All entities, in any article, whose canonical names share one key."""

    key: str
    names: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    members: list[tuple[str, str]] = field(default_factory=list)
    """(article id, entity id) pairs."""
    mentions: int = 0

    @property
    def name(self) -> str:
        return self.names.most_common(1)[0][0]

    @property
    def type(self) -> str:
        return self.types.most_common(1)[0][0]

    @property
    def articles(self) -> int:
        return len({a for a, _ in self.members})

    def summary(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "type": self.type,
            "names": sorted(self.names),
            "roles": [r for r, _ in self.roles.most_common()],
            "articles": self.articles,
            "mentions": self.mentions,
        }


def entity_groups(store: Store, key: str | None = None) -> list[EntityGroup]:
    """Entities grouped by :func:`entity_key`, most-mentioned first (only ``key``'s group if given)."""
    ent_q = select(entities.c.article_id, entities.c.eid, entities.c.type, entities.c.name, entities.c.roles)
    count_q = select(mentions.c.article_id, mentions.c.eid, func.count().label("n")).group_by(
        mentions.c.article_id, mentions.c.eid
    )
    groups: dict[str, EntityGroup] = {}
    with store.engine.connect() as conn:
        counts: dict[tuple[str, str], int] = {(r["article_id"], r["eid"]): r["n"] for r in conn.execute(count_q).mappings()}
        for row in conn.execute(ent_q).mappings():
            k = entity_key(row["name"])
            if key is not None and k != key:
                continue
            group = groups.setdefault(k, EntityGroup(k))
            group.names[row["name"]] += 1
            group.types[row["type"]] += 1
            group.roles.update(row["roles"] or [])
            group.members.append((row["article_id"], row["eid"]))
            group.mentions += counts.get((row["article_id"], row["eid"]), 0)
    return sorted(groups.values(), key=lambda g: (-g.mentions, g.name))


def entity_variants(store: Store, members: list[tuple[str, str]]) -> Counter:
    """How the entities were written in the text, with counts."""
    wanted = set(members)
    variants: Counter = Counter()
    article_ids = sorted({a for a, _ in members})
    query = select(mentions.c.article_id, mentions.c.eid, mentions.c.text).where(mentions.c.article_id.in_(article_ids))
    with store.engine.connect() as conn:
        for a, e, t in conn.execute(query):
            if (a, e) in wanted:
                variants[t] += 1
    return variants


# --- statements ----------------------------------------------------------------


@dataclass(frozen=True)
class StatementFilter:
    """What the statement list and search narrow by; empty fields do not filter."""

    q: str = ""
    speaker: str = ""
    source: str = ""
    kind: str = ""
    outlet: str = ""
    date_from: str = ""
    date_to: str = ""
    article: str = ""


def _statement_row(row) -> dict:
    d = dict(row)
    d["sources"] = d["sources"] if isinstance(d["sources"], list) else json.loads(d["sources"] or "[]")
    d["hedged"] = bool(d["hedged"])
    d["speaker_anonymous"] = bool(d["speaker_anonymous"]) if d["speaker_anonymous"] is not None else None
    return d


def _where(f: StatementFilter, params: dict, alias: str) -> list[str]:
    """SQL conditions (on ``articles AS a`` and the row alias) for the filters in ``f``."""
    conds = []
    if f.outlet:
        conds.append(fulltext.OUTLET_CONDITION)
        params["outlet"] = f.outlet
    if f.date_from:
        conds.append("substr(a.published, 1, 10) >= :date_from")
        params["date_from"] = f.date_from[:10]
    if f.date_to:
        conds.append("substr(a.published, 1, 10) <= :date_to")
        params["date_to"] = f.date_to[:10]
    if f.article:
        conds.append(f"{alias}.article_id = :article")
        params["article"] = f.article
    return conds


def _contains(value: str) -> str:
    """A LIKE pattern for "contains ``value``" (its own % and _ taken literally)."""
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def find_statements(store: Store, f: StatementFilter, limit: int = 20, offset: int = 0) -> tuple[int, list[dict]]:
    """Statements matching the filter (full-text ``q`` over text and speaker), with
    their articles; best match first when searching, else newest first. ``speaker`` and
    ``source`` match the words as written or the entity they resolve to (:func:`_named`).

    Returns the number of matches and one page of rows (``article_id, headline,
    outlet, published, sid, kind, start, end, text, snippet, speaker_text,
    speaker_entity, speaker_anonymous, speaker_anonymous_kind, cue_text, sources, hedged``).
    """
    dialect_name = store.engine.dialect.name
    db = backend(dialect_name)
    params: dict = {}
    conds = _where(f, params, "s")
    if f.kind:
        conds.append("s.kind = :kind")
        params["kind"] = f.kind
    expanding: list[str] = []
    if f.speaker:  # as written, or the entity it resolves to ("er", "der US-Sondergesandte" → Steve Witkoff)
        named = _named("s.speaker_entity", "speaker", f.speaker, store, db, params, expanding)
        conds.append(f"(s.speaker_text {db.LIKE} :speaker ESCAPE '\\' OR {named})")
        params["speaker"] = _contains(f.speaker)
    if f.source:  # a source's name (not the JSON around it: "anonymous_kind" holds no source "_"), or its entity
        conds.append(db.source_named("s", _named("{entity}", "source", f.source, store, db, params, expanding)))
        params["source"] = _contains(f.source)
    match = fulltext.match_expression(f.q, dialect_name=dialect_name) if f.q else None
    if f.q and match is None:
        return 0, []
    fts_join, snippet, order = "", "NULL AS snippet", "a.published_at IS NULL, a.published_at DESC, s.article_id, s.start"
    if match is not None:
        fts_join = db.match_join("statements")
        conds.append(db.match_condition("statements"))
        params["match"] = match
        snippet = f"{db.snippet('statements')} AS snippet"
        order = f"{db.rank('statements')}, s.article_id, s.start"
    where = ("WHERE " + " AND ".join(conds)) if conds else ""
    base = f"FROM statements AS s {fts_join} JOIN articles AS a ON a.id = s.article_id {where}"
    sql = f"""SELECT s.article_id, a.headline, a.outlet, a.published, s.sid, s.kind, s.start, s."end", s.text,
                     {snippet}, s.speaker_text, s.speaker_entity, s.speaker_anonymous, s.speaker_anonymous_kind, s.cue_text,
                     s.sources, s.hedged
              {base} ORDER BY {order} LIMIT :limit OFFSET :offset"""
    expand: list[BindParameter] = [bindparam(name, expanding=True) for name in expanding]
    with store.engine.connect() as conn:
        total: int = conn.execute(text(f"SELECT count(*) {base}").bindparams(*expand), params).scalar_one()
        rows = conn.execute(text(sql).bindparams(*expand), {**params, "limit": limit, "offset": offset}).mappings()
        return total, [_statement_row(r) for r in rows]


def _named(entity: str, param: str, value: str, store: Store, db, params: dict, expanding: list[str]) -> str:
    """SQL: the entity id ``entity`` (in the article of statement ``s``) is an entity called ``value``: its
    canonical name in the article contains it (``:param``), or it is linked to a story entity so called
    (:func:`~quellenlage.link.queries.entities_called`: any member's name, or ``value``'s spelling key)."""
    own = (
        f"{entity} IN (SELECT e.eid FROM entities AS e WHERE e.article_id = s.article_id"
        f" AND e.name {db.LIKE} :{param} ESCAPE '\\')"
    )
    from ..link.queries import entities_called

    with store.engine.connect() as conn:
        called = entities_called(conn, value)
    if not called:
        return own
    ids = f"{param}_entities"
    params[ids] = called
    expanding.append(ids)
    linked = f"{entity} IN (SELECT l.eid FROM entity_links AS l WHERE l.article_id = s.article_id AND l.story_entity IN :{ids})"
    return f"{own} OR {linked}"


def find_sentences(store: Store, f: StatementFilter, limit: int = 20, offset: int = 0) -> tuple[int, list[dict]]:
    """Sentences matching ``f.q`` (full text), narrowed by outlet, date and article; best first."""
    dialect_name = store.engine.dialect.name
    db = backend(dialect_name)
    match = fulltext.match_expression(f.q, dialect_name=dialect_name) if f.q else None
    if match is None:
        return 0, []
    params: dict = {"match": match}
    base = fulltext.match_from(dialect_name, "sentences", _where(f, params, "s"))
    sql = f"""SELECT s.article_id, a.headline, a.outlet, a.published, s.idx, s.start, s."end", s.text,
                     {db.snippet("sentences")} AS snippet
              {base} ORDER BY {db.rank("sentences")}, s.article_id, s.start LIMIT :limit OFFSET :offset"""
    with store.engine.connect() as conn:
        total: int = conn.execute(text(f"SELECT count(*) {base}"), params).scalar_one()
        return total, [dict(r) for r in conn.execute(text(sql), {**params, "limit": limit, "offset": offset}).mappings()]


def statements_of(store: Store, members: list[tuple[str, str]]) -> tuple[list[dict], list[dict]]:
    """For entities given as (article id, entity id): what they said (they are the
    speaker) and what was said about them (a statement containing one of their
    mentions, by someone else), each with its article, by date."""
    wanted = set(members)
    article_ids = sorted({a for a, _ in members})
    st_q = (
        select(
            statements.c.article_id,
            articles.c.headline,
            articles.c.outlet,
            articles.c.published,
            statements.c.sid,
            statements.c.kind,
            statements.c.start,
            statements.c.end,
            statements.c.text,
            statements.c.speaker_text,
            statements.c.speaker_entity,
            statements.c.speaker_anonymous,
            statements.c.speaker_anonymous_kind,
            statements.c.cue_text,
            statements.c.sources,
            statements.c.hedged,
        )
        .join(articles, articles.c.id == statements.c.article_id)
        .where(statements.c.article_id.in_(article_ids))
        .order_by(articles.c.published_at.is_(None), articles.c.published_at, statements.c.article_id, statements.c.start)
    )
    m_q = select(mentions.c.article_id, mentions.c.eid, mentions.c.start, mentions.c.end).where(
        mentions.c.article_id.in_(article_ids)
    )
    with store.engine.connect() as conn:
        spans = defaultdict(list)
        for a, e, s, t in conn.execute(m_q):
            if (a, e) in wanted:
                spans[a].append((s, t))
        said, about = [], []
        for row in conn.execute(st_q).mappings():
            d = _statement_row(row)
            d["snippet"] = None
            if (d["article_id"], d["speaker_entity"]) in wanted:
                said.append(d)
            elif any(d["start"] <= s and t <= d["end"] for s, t in spans[d["article_id"]]):
                about.append(d)
    return said, about


# --- events --------------------------------------------------------------------


def list_events(
    store: Store, limit: int = 100, offset: int = 0, article: str | None = None, *, among: Sequence[str] | None = None
) -> tuple[int, list[dict]]:
    """Events of current revisions with their articles, by time value (unknown last); of one ``article``, or of
    the articles ``among`` (one query for an entity's many articles)."""
    query = select(
        events.c.article_id,
        articles.c.headline,
        articles.c.outlet,
        articles.c.published,
        events.c.evid,
        events.c.type,
        events.c.status,
        events.c.time_value,
        events.c.time_mod,
        events.c.place,
        events.c.participants,
        events.c.evidence,
        events.c.modality,
        events.c.groups,
        events.c.sources,
        events.c.status_changes,
    ).join(articles, articles.c.id == events.c.article_id)
    count = select(func.count()).select_from(events)
    if article:
        query = query.where(events.c.article_id == article)
        count = count.where(events.c.article_id == article)
    if among is not None:
        query = query.where(events.c.article_id.in_(list(among)))
        count = count.where(events.c.article_id.in_(list(among)))
    query = query.order_by(events.c.time_value.is_(None), events.c.time_value, events.c.article_id, events.c.evid)
    with store.engine.connect() as conn:
        total = conn.execute(count).scalar_one()
        return total, [dict(r) for r in conn.execute(query.limit(limit).offset(offset)).mappings()]


# --- stories -------------------------------------------------------------------


@dataclass(frozen=True)
class Story:
    """A story until cross-article linking lands: the articles sharing one tag."""

    id: str
    tag: str
    articles: int
    first: str | None
    last: str | None

    def summary(self) -> dict:
        return {"id": self.id, "tag": self.tag, "articles": self.articles, "first": self.first, "last": self.last}


def stories(store: Store, min_articles: int = 1) -> list[Story]:
    """Every tag as a story, the most articles first."""
    query = select(
        article_tags.c.tag,
        func.count(func.distinct(articles.c.id)).label("n"),
        func.min(articles.c.published).label("first"),
        func.max(articles.c.published).label("last"),
    ).join(articles, articles.c.id == article_tags.c.article_id)
    with store.engine.connect() as conn:
        rows = conn.execute(query.group_by(article_tags.c.tag).order_by(article_tags.c.tag)).mappings().all()
    merged: dict[str, Story] = {}
    for r in rows:
        sid = slug(r["tag"])
        old = merged.get(sid)
        if old is None or r["n"] > old.articles:
            merged[sid] = Story(sid, r["tag"], r["n"], r["first"], r["last"])
    found = [s for s in merged.values() if s.articles >= min_articles]
    return sorted(found, key=lambda s: (-s.articles, s.tag.casefold()))


def story_article_ids(store: Store, story_id: str) -> list[str]:
    """The ids of the articles tagged with the story's tag (by :func:`slug`), by date."""
    query = (
        select(articles.c.id, article_tags.c.tag)
        .join(articles, articles.c.id == article_tags.c.article_id)
        .order_by(articles.c.published_at.is_(None), articles.c.published_at, articles.c.id)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return list(dict.fromkeys(r["id"] for r in rows if slug(r["tag"]) == story_id))


def search_article_ids(store: Store, q: str, limit: int = 200) -> list[str]:
    """The articles matching a search (a "saved search" story), best first."""
    _total, rows = find_sentences(store, StatementFilter(q=q), limit=limit)
    return list(dict.fromkeys(r["article_id"] for r in rows))
