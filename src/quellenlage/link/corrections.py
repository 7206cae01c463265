"""A user's corrections of story entities: ``quellenlage entities merge`` and ``entities split``.

Kept in ``entity_corrections`` by *member* (article id, canonical name), not by story entity id, because
ids can change when the store is linked again: a merge says "this member and that member are one", a
split says "this member stands alone". The linker applies them every time it links one of these members
(:func:`quellenlage.link.run.link_article`), so they survive re-ingest and ``quellenlage link --rebuild``.
A later split of a member cancels the earlier merges that involve it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, delete, or_, select

from ..errors import NotFound
from ..store.tables import entity_corrections, entity_links, now, story_entities
from . import entities as entity_linker
from .entities import Member, Member_key


@dataclass
class Corrections:
    """The corrections in memory (a user makes few): who stands alone, who is merged with whom."""

    splits: set[Member_key] = field(default_factory=set)
    merges: dict[Member_key, set[Member_key]] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: Connection) -> Corrections:
        found = cls()
        for row in conn.execute(select(entity_corrections).order_by(entity_corrections.c.pk)):
            a, b = (row.a_article, row.a_name), (row.b_article, row.b_name)
            if row.action == "split":
                found.splits.add(a)
            else:
                found.merges.setdefault(a, set()).add(b)
                found.merges.setdefault(b, set()).add(a)
        return found

    def is_split(self, member: Member_key) -> bool:
        return member in self.splits

    def partners(self, member: Member_key) -> list[Member_key]:
        return sorted(self.merges.get(member, ()))

    def join(self, conn: Connection, a: Member_key, b: Member_key) -> str | None:
        """Merge the story entities of two members, when both are linked already."""
        ea, eb = entity_linker.story_entity_of(conn, a), entity_linker.story_entity_of(conn, b)
        if ea is None or eb is None or ea == eb:
            return ea
        return entity_linker.merge(conn, ea, eb, how="merged by user")


def _entity(conn: Connection, entity_id: str) -> str:
    found = conn.execute(select(story_entities.c.id).where(story_entities.c.id == entity_id)).scalar_one_or_none()
    if found is None:
        raise NotFound(f"{entity_id}: no such story entity (see `quellenlage export entities`)")
    return found


def _representative(conn: Connection, entity_id: str) -> Member_key:
    row = conn.execute(
        select(entity_links.c.article_id, entity_links.c.name)
        .where(entity_links.c.story_entity == entity_id)
        .order_by(entity_links.c.article_id, entity_links.c.name)
        .limit(1)
    ).one()
    return (row.article_id, row.name)


def merge(conn: Connection, a: str, b: str) -> str:
    """Record that story entities ``a`` and ``b`` are one, and merge them; returns the surviving id."""
    a, b = _entity(conn, a), _entity(conn, b)
    if a == b:
        return a
    ma, mb = _representative(conn, a), _representative(conn, b)
    conn.execute(
        entity_corrections.insert().values(
            action="merge", a_article=ma[0], a_name=ma[1], b_article=mb[0], b_name=mb[1], created_at=now()
        )
    )
    return entity_linker.merge(conn, a, b, how="merged by user")


def split(conn: Connection, entity_id: str, article_id: str, mention: str) -> str:
    """Record that a member (``mention``: its canonical name or article entity id in ``article_id``) of
    story entity ``entity_id`` stands alone, and take it out; returns the id of its own new story entity."""
    entity_id = _entity(conn, entity_id)
    row = conn.execute(
        select(entity_links).where(
            entity_links.c.story_entity == entity_id,
            entity_links.c.article_id == article_id,
            or_(entity_links.c.name == mention, entity_links.c.eid == mention),
        )
    ).first()
    if row is None:
        raise NotFound(f"{entity_id}: no member {mention!r} in article {article_id}")
    key = (row.article_id, row.name)
    conn.execute(
        delete(entity_corrections).where(
            entity_corrections.c.action == "merge",
            or_(
                and_(entity_corrections.c.a_article == key[0], entity_corrections.c.a_name == key[1]),
                and_(entity_corrections.c.b_article == key[0], entity_corrections.c.b_name == key[1]),
            ),
        )
    )
    conn.execute(
        entity_corrections.insert().values(
            action="split", a_article=key[0], a_name=key[1], b_article=key[0], b_name=key[1], created_at=now()
        )
    )
    entity_linker.unlink_members(conn, [(row.article_id, row.eid)])
    member = Member(row.article_id, row.eid, row.type, row.name, list(row.roles or []), set(row.context or []))
    pending = entity_linker.Pending(conn)
    done = entity_linker.link_member(pending, member, alone=True)
    assert done is not None
    pending.flush()
    return done[0]
