"""Story-level entities: one entity for one real person, organisation or place across all articles.

The analysis gives every article its own entities ("e3" in one article, "e7" in another). This module
links each of them (a *member*: article id + canonical name) to a *story entity* kept in the link tables
(:mod:`quellenlage.store.tables`), one member at a time, so an ingest batch links only what is new.

Blocking: a member only meets the story entities that share a key with it (:func:`keys`), looked up by
equality in ``entity_keys`` — never a scan of all entities, so the work per article does not grow with
the store. A person's key is the transliteration-aware key of the surname (:func:`quellenlage.link.names.word_key`:
"Dmitrijew", "Dmitriev" → ``dmitriov``), plus its one-letter deletions, so one letter more or less
("Whitkoff" / "Witkoff") still meets; an organisation's, place's or other name's key is the key of the
whole name with a genitive -s taken off ("Deutschen Bank" keeps its form, "Russlands" → "Russland").

Decision (:func:`decide`), precision first — a wrong merge puts one person's words in another's mouth:

- two full names of persons are one when :func:`quellenlage.link.names.same_name` says so
  ("Kirill Dmitrijev" ~ "Kirill Dmitriev", "Wolodymyr Selenskyj" ~ "Volodymyr Zelensky"); given names
  must agree, so "Vladimir Zelensky" never meets "Wladimir Putin" (their surnames differ anyway) and
  "Anna Schmidt" never meets "Markus Schmidt";
- a near spelling (surname one letter apart: "Steve Whitkoff" / "Steve Witkoff"; or given names that are
  forms of one name: "Vladimir Zelensky" / "Wolodymyr Selenskyj") needs context;
- a surname alone ("Schmidt", "Witkoff") joins a story entity only with context: a person or organisation
  named in both articles ("Witkoff" beside "Dmitrijew"), or a shared role word ("Ministerin"). Two
  candidates with equal evidence: it stays apart (a football coach "Schmidt" and a minister "Schmidt");
- other types: the same name key and the same type ("Bundesregierung" = "Bundesregierung").

A user's corrections (:mod:`quellenlage.link.corrections`) win: a *split* member always stands alone, a
*merge* joins two members' story entities. Both are kept by member (article, name), so they survive
re-ingest and ``quellenlage link --rebuild``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, select, update

from ..store.tables import chunks, entity_keys, entity_links, story_entities
from . import entity_stats
from . import keys as link_keys
from . import names as name_rules

#: Changing the rules below changes this: every article is linked again (``quellenlage link`` notices).
VERSION = "2"

#: How many co-occurring names a story entity remembers as its context (the most frequent ones).
CONTEXT_SIZE = 64

Member_key = tuple[str, str]
"""(article id, canonical name) of an article-level entity."""


@dataclass
class Member:
    """An article-level entity to be linked."""

    article: str
    eid: str
    type: str
    name: str
    roles: list[str] = field(default_factory=list)
    context: set[str] = field(default_factory=set)
    """Keys of the other persons and organisations of the article (:func:`context_key`)."""

    @property
    def key(self) -> Member_key:
        return (self.article, self.name)


@dataclass
class StoryEntity:
    """A story entity as the linker sees it (a row of ``story_entities``)."""

    id: str
    type: str
    names: Counter[str]
    roles: Counter[str]
    context: Counter[str]
    members: int

    @property
    def name(self) -> str:
        return display_name(self.type, self.names)


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\u00a0]+", name.strip()) if w]


def surname_key(name: str) -> str:
    """ "Kirill Dmitrijews" → ``dmitriov`` (the last word, genitive off, folded)."""
    words = _words(name)
    return name_rules.word_key(name_rules._strip_genitive(words[-1])) if words else ""


def name_key(name: str) -> str:
    """The whole name folded, genitive -s of the last word off: "Russlands" → ``rusland``."""
    words = _words(name)
    if not words:
        return ""
    words[-1] = name_rules._strip_genitive(words[-1])
    return " ".join(name_rules.word_key(w) for w in words)


def context_key(type_: str, name: str) -> str:
    """What a co-occurring entity contributes to context: a person by surname, an organisation by name.
    (Once linked, each also contributes its story entity, ``S:<id>``: "Whitkoff" beside "Dmitriev" is
    the story entity of "Steve Witkoff", whatever the spelling.)"""
    return f"P:{surname_key(name)}" if type_ == "PER" else f"O:{name_key(name)}"


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))} if len(key) >= 5 else set()


def keys(type_: str, name: str) -> set[str]:
    """The blocking keys a story entity is filed under for one of its names."""
    if type_ == "PER":
        k = surname_key(name)
        if not k:
            return set()
        return {f"PER:{k}", f"PER~{k}", *(f"PER~{d}" for d in _deletions(k))}
    k = name_key(name)
    return {f"{type_}:{k}"} if k else set()


def lookup_keys(type_: str, name: str) -> set[str]:
    """The keys under which a member looks for candidates (edit distance 1 for a person's surname)."""
    if type_ == "PER":
        k = surname_key(name)
        if not k:
            return set()
        return {f"PER:{k}", f"PER~{k}", *(f"PER~{d}" for d in _deletions(k))}
    return keys(type_, name)


def display_name(type_: str, names: Counter[str]) -> str:
    """The most frequent name; for a person the most frequent full name if there is one."""
    if not names:
        return ""
    pool = [n for n in names if len(_words(n)) > 1] if type_ == "PER" else []
    pool = pool or list(names)
    return min(pool, key=lambda n: (-names[n], -len(n), n))


def _roles_overlap(a: Iterable[str], b: Iterable[str]) -> bool:
    words_a = {w.lower() for r in a for w in _words(r)}
    words_b = {w.lower() for r in b for w in _words(r)}
    return bool(words_a & words_b)


def evidence(member: Member, candidate: StoryEntity) -> int:
    """How much context the two share: co-occurring names in common, plus one for a shared role word."""
    shared = len(member.context & set(candidate.context))
    return shared + (1 if _roles_overlap(member.roles, candidate.roles) else 0)


def decide(member: Member, candidate: StoryEntity) -> str | None:
    """The rule by which ``member`` is ``candidate``, or None when it is not (or not shown to be)."""
    if member.type != candidate.type:
        return None
    if member.type != "PER":
        k = name_key(member.name)
        return "same name" if any(name_key(n) == k for n in candidate.names) else None
    full = len(_words(member.name)) > 1
    their_full = [n for n in candidate.names if len(_words(n)) > 1]
    context = evidence(member, candidate) > 0
    if full:
        if any(name_rules.same_name(member.name, n) for n in their_full):
            return "same name"
        if context and any(_near(member.name, n) for n in their_full):
            return "similar name + context"
        if not their_full and context and any(name_rules.same_name(member.name, n) for n in candidate.names):
            return "surname + context"
        return None
    if context and any(name_rules.same_name(member.name, n) or _near(member.name, n) for n in candidate.names):
        return "surname + context"
    return None


#: With context, given names this similar may be two forms of one name: the Russian and Ukrainian forms
#: "Vladimir" / "Wolodymyr" (0.82) that machine-translated sites mix up; "Anna" / "Markus" stay apart.
GIVEN_NEAR = 0.75


def _near(a: str, b: str) -> bool:
    """Surnames at most one letter apart after folding ("Whitkoff" / "Witkoff"), given names near
    (:data:`GIVEN_NEAR`) where both are written ("Vladimir Zelensky" / "Wolodymyr Selenskyj")."""
    wa, wb = _words(a), _words(b)
    ka, kb = surname_key(a), surname_key(b)
    if not ka or not kb or min(len(ka), len(kb)) < 5:
        return False
    if not (ka == kb or ka in _deletions(kb) or kb in _deletions(ka) or _deletions(ka) & _deletions(kb)):
        return False
    return name_rules._given_names_agree(wa[:-1], wb[:-1], GIVEN_NEAR)


def story_entity_id(member: Member) -> str:
    """A story entity's id comes from its founding member, so a rebuild in the same order gives the same ids."""
    digest = hashlib.sha1(f"{member.article}\x00{member.name}\x00{member.type}".encode()).hexdigest()
    return f"E{digest[:10]}"


# --- the link tables ------------------------------------------------------------------------------------


def _row_entity(row) -> StoryEntity:
    return StoryEntity(
        id=row.id,
        type=row.type,
        names=Counter(row.names or {}),
        roles=Counter(row.roles or {}),
        context=Counter(row.context or {}),
        members=row.members,
    )


def load(conn: Connection, ids: Iterable[str]) -> dict[str, StoryEntity]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = conn.execute(select(story_entities).where(story_entities.c.id.in_(wanted)))
    return {row.id: _row_entity(row) for row in rows}


class Pending:
    """One article's linking, written at the end (:meth:`flush`): story entities read once and kept here,
    changed in memory, and the link rows gathered — a few statements per article instead of several per
    member. Blocking keys are written at once, so a later member of the article finds a story entity that
    an earlier one founded."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.entities: dict[str, StoryEntity] = {}
        self.new: set[str] = set()
        self.dirty: set[str] = set()
        self.links: list[dict] = []

    def load(self, ids: Iterable[str]) -> dict[str, StoryEntity]:
        wanted = set(ids)
        missing = wanted - set(self.entities)
        self.entities.update(load(self.conn, missing))
        return {i: self.entities[i] for i in sorted(wanted) if i in self.entities}  # sorted: not hash order

    def candidates(self, member: Member) -> dict[str, StoryEntity]:
        wanted = sorted(lookup_keys(member.type, member.name))
        if not wanted:
            return {}
        ids: Iterable[str] = self.conn.execute(select(entity_keys.c.story_entity).where(entity_keys.c.key.in_(wanted))).scalars()
        return {k: v for k, v in self.load(ids).items() if v.type == member.type}

    def taken(self, entity_id: str) -> bool:
        if entity_id in self.entities:
            return True
        return self.conn.execute(select(story_entities.c.id).where(story_entities.c.id == entity_id)).first() is not None

    def flush(self) -> None:
        """Write what changed: new story entities, changed ones, the link rows (with their final context)."""
        for entity_id in sorted(self.new):
            _save(self.conn, self.entities[entity_id], new=True)
        for entity_id in sorted(self.dirty - self.new):
            _save(self.conn, self.entities[entity_id], new=False)
        if self.links:
            self.conn.execute(entity_links.insert(), [{**row, "context": sorted(row["context"])} for row in self.links])
        entity_stats.refresh(self.conn, self.new | self.dirty)
        self.entities.clear()
        self.new.clear()
        self.dirty.clear()
        self.links.clear()


def _save(conn: Connection, entity: StoryEntity, *, new: bool) -> None:
    # the most frequent first, ties by key: Counter.most_common would break them by insertion order, which
    # comes from sets (a member's context) and so from the process's hash seed
    context = dict(sorted(entity.context.items(), key=lambda kv: (-kv[1], kv[0]))[:CONTEXT_SIZE])
    values = {
        "type": entity.type,
        "name": entity.name,
        "names": dict(entity.names),
        "roles": dict(entity.roles),
        "context": context,
        "members": entity.members,
        "search": entity_stats.search_text(entity.names),
        "version": VERSION,
    }
    if new:
        conn.execute(story_entities.insert().values(id=entity.id, **values))
    else:
        conn.execute(update(story_entities).where(story_entities.c.id == entity.id).values(**values))


def _file_keys(conn: Connection, entity_id: str, type_: str, names: Iterable[str]) -> None:
    link_keys.file(conn, entity_keys, entity_id, set().union(*(keys(type_, n) for n in names)))


def _add(entity: StoryEntity, member: Member) -> None:
    entity.names[member.name] += 1
    entity.roles.update(member.roles)
    entity.context.update(member.context)
    entity.members += 1


def _remove(entity: StoryEntity, name: str, roles: list[str], context: Iterable[str]) -> None:
    for counter, items in ((entity.names, [name]), (entity.roles, roles), (entity.context, context)):
        for item in items:
            counter[item] -= 1
            if counter[item] <= 0:
                del counter[item]
    entity.members -= 1


def unlink_article(conn: Connection, article_id: str) -> None:
    """Take an article's members out of their story entities (before it is linked again)."""
    rows = conn.execute(select(entity_links).where(entity_links.c.article_id == article_id)).all()
    _unlink(conn, rows)


def unlink_members(conn: Connection, members: list[tuple[str, str]]) -> None:
    """Take members, by (article id, article entity id), out of their story entities."""
    for article_id, eid in members:
        rows = conn.execute(select(entity_links).where(entity_links.c.article_id == article_id, entity_links.c.eid == eid)).all()
        _unlink(conn, rows)


def _unlink(conn: Connection, rows) -> None:
    """What each member added (name, roles, context, as kept in its link row) is taken back; a story
    entity left without members is deleted with its keys."""
    if not rows:
        return
    entities = load(conn, (r.story_entity for r in rows))
    for r in rows:
        entity = entities.get(r.story_entity)
        if entity is not None:
            _remove(entity, r.name, r.roles or [], r.context or [])
        conn.execute(delete(entity_links).where(entity_links.c.article_id == r.article_id, entity_links.c.eid == r.eid))
    for entity in entities.values():
        if entity.members <= 0:
            conn.execute(delete(entity_keys).where(entity_keys.c.story_entity == entity.id))
            conn.execute(delete(story_entities).where(story_entities.c.id == entity.id))
        else:
            _save(conn, entity, new=False)
    entity_stats.refresh(conn, [e.id for e in entities.values() if e.members > 0])


def link_member(
    pending: Pending, member: Member, *, alone: bool = False, by_name_only: bool = False, found: bool = True
) -> tuple[str, str] | None:
    """Link one member; returns (story entity id, rule). Written when ``pending`` is flushed.

    ``alone``: a split member founds its own entity and is filed under no key, so nothing joins it but an
    explicit merge. ``by_name_only``: link only by a rule that needs no context ("same name").
    ``found=False``: when nothing matches, return None and link nothing, instead of founding a new story
    entity (the passes over an article, see :func:`quellenlage.link.run.link_article`).
    """
    best: tuple[int, int, str, StoryEntity] | None = None
    tied = False
    if not alone:
        strength = {"same name": 3, "similar name + context": 2, "surname + context": 1}
        for entity in pending.candidates(member).values():
            rule = decide(member, entity)
            if rule is None or (by_name_only and rule != "same name"):
                continue
            score = (strength[rule], evidence(member, entity))
            if best is None or score > best[:2]:
                best, tied = (*score, rule, entity), False
            elif score == best[:2]:
                tied = True
    if best is not None and not (tied and best[2] != "same name"):
        _, _, rule, entity = best
        filed = member.name in entity.names  # its keys are there already
        _add(entity, member)
        pending.dirty.add(entity.id)
        if not filed:
            _file_keys(pending.conn, entity.id, entity.type, [member.name])
    elif not found and not alone:
        return None
    else:
        entity = StoryEntity(story_entity_id(member), member.type, Counter(), Counter(), Counter(), 0)
        rule = "split" if alone else ("ambiguous" if best is not None else "new")
        if pending.taken(entity.id):  # the founding member's id is taken (its entity was merged and kept the id)
            entity.id = f"{entity.id}-{member.eid}"
        _add(entity, member)
        pending.entities[entity.id] = entity
        pending.new.add(entity.id)
        if not alone:
            _file_keys(pending.conn, entity.id, entity.type, [member.name])
    pending.links.append(
        {
            "article_id": member.article,
            "eid": member.eid,
            "name": member.name,
            "type": member.type,
            "story_entity": entity.id,
            "how": rule,
            "roles": member.roles,
            "context": member.context,  # the member's own set: context learnt later is in it at flush
        }
    )
    return entity.id, rule


def add_context(pending: Pending, member: Member, entity_id: str, extra: set[str]) -> None:
    """Add context learnt after the member was linked (the story entities of the article's other members)."""
    extra = extra - member.context
    if not extra:
        return
    entity = pending.load([entity_id]).get(entity_id)
    if entity is None:
        return
    member.context |= extra
    entity.context.update(extra)
    pending.dirty.add(entity_id)


def surname_only(member: Member) -> bool:
    return member.type == "PER" and len(_words(member.name)) == 1


def merge(conn: Connection, keep_id: str, gone_id: str, how: str = "merged") -> str:
    """Make ``gone_id`` part of ``keep_id`` (the one with more members keeps its id); returns the survivor."""
    if keep_id == gone_id:
        return keep_id
    both = load(conn, [keep_id, gone_id])
    keep, gone = both[keep_id], both[gone_id]
    if (gone.members, keep.id) > (keep.members, gone.id):
        keep, gone = gone, keep
    keep.names.update(gone.names)
    keep.roles.update(gone.roles)
    keep.context.update(gone.context)
    keep.members += gone.members
    _save(conn, keep, new=False)
    conn.execute(update(entity_links).where(entity_links.c.story_entity == gone.id).values(story_entity=keep.id, how=how))
    entity_stats.refresh(conn, [keep.id])
    link_keys.move(conn, entity_keys, gone.id, keep.id)
    conn.execute(delete(story_entities).where(story_entities.c.id == gone.id))
    return keep.id


def members_map(conn: Connection, article_ids: list[str]) -> dict[tuple[str, str], str]:
    """(article id, entity id) → story entity id, for these articles (read 500 articles at a time)."""
    found = {}
    for part in chunks(article_ids):
        rows = conn.execute(
            select(entity_links.c.article_id, entity_links.c.eid, entity_links.c.story_entity).where(
                entity_links.c.article_id.in_(part)
            )
        )
        found.update({(r.article_id, r.eid): r.story_entity for r in rows})
    return found


def story_entity_of(conn: Connection, member: Member_key) -> str | None:
    """The story entity a member (article id, canonical name) is linked to."""
    article, name = member
    return conn.execute(
        select(entity_links.c.story_entity).where(entity_links.c.article_id == article, entity_links.c.name == name).limit(1)
    ).scalar_one_or_none()
