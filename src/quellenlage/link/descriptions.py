"""Role-only descriptions of a person, linked to the person's story entity.

An article may name a person by role alone: "Auf russischer Seite führte der Leiter des Russischen
Direktinvestitionsfonds die Gespräche" (no name, so the analysis has no person there). Other articles say who
heads that organisation: "Dmitrijew leitet den Russischen Direktinvestitionsfonds", "Dmitriew ist Chef des
Russischen Direktinvestitionsfonds", "Dmitrijev, der den Russischen Direktinvestitionsfonds leitet". This module
reads both off an article's text and its entities (the words: ``lang/de/heads.tsv``), when the article is linked
(:func:`link_article`, one article's rows at a time, taken back by :func:`unlink_article`):

- a **head** (``entity_heads``): one of the article's persons heads one of its organisations. The person's and the
  organisation's mentions stand in one sentence, joined by exactly these words: "PER leitet/führt (den|die|das)
  ORG" (present tense; the clause must end after the organisation, or go on with "seit …", "und", a comma: "Trump
  führt die Nato in den Abgrund" is none), "PER steht an der Spitze des ORG", "PER, der (den|die|das) ORG leitet",
  "PER ist (der) Chef des ORG", "PER, (der) Chef des ORG", "ORG-Chef PER", "(der) Leiter des ORG(,) PER" (after a
  comma the name closes the apposition: "der Chef des Fonds, Witkoff und Dmitrijew" is a list). A noun that
  introduces a name may stand before the organisation ("die Gewerkschaft Verdi"). The person of "leitet", "steht
  an der Spitze" and "ist" is their subject: no preposition or article right before the name ("der Sohn von
  Dmitrijew leitet …"). A head noun is a word of the table, never a compound ("Finanzchef" heads no bank) but
  after the organisation's name and a hyphen ("Verdi-Chef"); a word of a former or deputy head right before it
  ("der ehemalige Verdi-Chef Frank Bsirske", "Ex-Verdi-Chef") makes it none;
- a **description** (``entity_descriptions``): "der/die <head noun> des/der/von ORG" or "der ORG-Chef", the
  determiner right before the noun ("der frühere Leiter" is none), with no person's name after it or in
  apposition ("der Leiter des Fonds, Kirill Dmitrijew": the analysis has the person, and the words are a head)
  and none before it as its subject ("Dmitrijew, der Leiter des Fonds", "Dmitrijew ist der Leiter …"), nor one
  that the analysis made a person's mention already (its coreference of "die Leiterin"). "der
  Leiter" after a noun ("Treffen der Leiter der Geheimdienste") may be a genitive plural: none.

An organisation is an ORG entity, or a LOC entity that is no place of the gazetteer: the analysis types "den
Russischen Direktinvestitionsfonds" LOC and "des Russischen Direktinvestitionsfonds" ORG. Heads and descriptions
are filed under the organisation's folded name (:func:`org_key`: words folded as for names, adjective endings
and a genitive -s off, the type left out), so one organisation's rows meet by an indexed equality lookup,
whatever type and case the analysis gave each mention — the key that files an organisation's story entity
(:func:`.entities.keys`), made blind to those two slips. (So a user's merge of two organisations of different
names does not pool their heads: each name keeps its own, and a description may then link where the other name's
heads would have made two.)

**Linking** is done when read (:func:`links`), so a description waiting for a head is linked as soon as one is
stored, in whatever order the articles come, and merges and splits of story entities count at once: a
description is a mention of a person's story entity when, among the heads of its organisation (same key) and
its role ("Gründer" is no "Chef") stated within :data:`WINDOW_DAYS` of it, **exactly one story entity** heads
it (a head's person is looked up in ``entity_links``). Two candidates — co-chairs, a change at the top — link
nothing; nor does a head whose statements give the other gender only ("die Chefin des …" is not a man known
only as "Chef"), or a head named in the description's own sentence ("Dmitrijew traf den Leiter des Fonds").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import Connection, and_, delete, select

from ..lang.de import entity_tables, function_words
from ..patterns import alternation
from ..record import Record
from ..store.tables import chunks, entity_descriptions, entity_heads, entity_links
from . import names as name_rules
from .entities import members_map

#: A description meets the heads stated this many days before or after it (either without a date: always).
#: Heads change; a store that spans years must not give the one named years ago a description of today.
WINDOW_DAYS = 180

#: How far apart (characters) a head's person and organisation may stand: the words between are few.
_GAP = 80

_DETERMINERS = ("der", "die", "den", "dem", "des")
_GENITIVE = r"(?:des|der|von|vom)"
_END = r"(?:\s*(?:[,.;:!?)\u2013\u2014\"“”]|$)|\s+(?:und|sowie)\b)"  # the clause ends (or goes on with "und")
_NOT_COMPOUND = re.compile(r"^(?![-\w])")  # the organisation's name is not the start of a compound ("-Delegation")


@dataclass(frozen=True)
class Head:
    """An article's statement that a person heads an organisation (both article entities)."""

    per_eid: str
    org_eid: str
    org_key: str
    role: str
    gender: str | None


@dataclass(frozen=True)
class Description:
    """A role-only description of a person in an article: "der Leiter des Russischen Direktinvestitionsfonds"."""

    start: int
    end: int
    text: str
    org_eid: str
    org_key: str
    role: str
    gender: str | None
    beside: tuple[str, ...]  # the article's persons (entity ids) in the same sentence


@dataclass(frozen=True)
class Link:
    """A description as a mention of a story entity."""

    story_entity: str
    article_id: str
    start: int
    end: int
    text: str


# --- the words --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Words:
    phrases: dict[tuple[str, str], entity_tables.HeadWord]  # ("der", "Leiter"): a description's determiner and noun
    nominative: dict[tuple[str, str], entity_tables.HeadWord]  # ("der", "Chef"): "PER ist der Chef des ORG"
    bare: dict[str, entity_tables.HeadWord]  # "Vorsitzender": "PER ist Vorsitzender der SPD"
    compound: dict[str, entity_tables.HeadWord]  # "Chef", "Chefs", "Chefin": "Verdi-Chef" (gender None: both)
    verbs: dict[str, entity_tables.HeadWord]
    genitive_verbs: dict[str, entity_tables.HeadWord]
    former: tuple[str, ...]
    desc: re.Pattern[str]  # before the organisation: "der Leiter des "
    named: re.Pattern[str]  # before the organisation: "(der) Leiter des " (a name after it)
    desc_compound: re.Pattern[str]  # after the organisation: "-Chef"
    fact_compound: re.Pattern[str]  # between organisation and person: "-Chef "
    verb: re.Pattern[str]  # between person and organisation: " leitet den "
    verb_gen: re.Pattern[str]  # " steht an der Spitze des "
    relative: re.Pattern[str]  # ", der den "
    relative_verb: re.Pattern[str]  # after the organisation: " leitet"
    predicate: re.Pattern[str]  # " ist (der) Chef des "
    apposition: re.Pattern[str]  # ", (der) Chef des "
    after_verb: re.Pattern[str]  # after the organisation: the clause ends ("seit 2011" may come first)


def _alt(words: Iterable[str]) -> str:
    return alternation(words, spaces=True)


def _dets() -> str:
    return "|".join(d for det in _DETERMINERS for d in (det, det.capitalize()))


@cache
def _words() -> _Words:
    table = entity_tables.heads()
    phrases: dict[tuple[str, str], entity_tables.HeadWord] = {}
    bare: dict[str, entity_tables.HeadWord] = {}
    for words, word in table.nouns.items():
        parts = words.split()
        if len(parts) == 2 and parts[0] in _DETERMINERS:
            phrases[(parts[0], parts[1])] = word
        else:
            bare[words] = word
    nominative = {k: w for k, w in phrases.items() if (k[0], w.gender) in (("der", "m"), ("die", "f"))}
    by_form: dict[str, set[entity_tables.HeadWord]] = {}
    for (_, form), word in phrases.items():
        by_form.setdefault(form, set()).add(word)
    for form, word in bare.items():
        by_form.setdefault(form, set()).add(word)
    compound = {}
    for form, found in by_form.items():
        roles = {w.role for w in found}
        genders = {w.gender for w in found}
        if len(roles) == 1:  # a form of two roles would tell neither
            compound[form] = entity_tables.HeadWord(genders.pop() if len(genders) == 1 else None, roles.pop())
    dets = _dets()
    forms = _alt(f for _, f in phrases)
    nominative_forms = _alt([f for _, f in nominative] + list(bare))
    verbs = _alt(table.verbs)
    seit = r"(?:\s+seit\s+[^\s,.;:!?]+(?:\s+[^\s,.;:!?]+)?)?"
    # a noun that introduces the organisation's name may stand before it: "die Gewerkschaft Verdi", "des Konzerns"
    kind = rf"(?:(?:{_alt(n.capitalize() for n in entity_tables.org_nouns())})(?:e?s)?\s+)?"
    return _Words(
        phrases=phrases,
        nominative=nominative,
        bare=bare,
        compound=compound,
        verbs=dict(table.verbs),
        genitive_verbs=dict(table.genitive_verbs),
        former=table.former,
        desc=re.compile(rf"(?:^|(?<=[^\w-]))(?P<det>{dets})\s+(?P<form>{forms})\s+{_GENITIVE}\s+{kind}$"),
        named=re.compile(rf"(?:^|(?<=[^\w-]))(?:(?P<det>{dets})\s+)?(?P<form>{_alt(by_form)})\s+{_GENITIVE}\s+{kind}$"),
        desc_compound=re.compile(rf"^-(?P<form>{forms})(?![\w-])"),
        fact_compound=re.compile(rf"^-(?P<form>{_alt(compound)})\s+$"),
        verb=re.compile(rf"^\s+(?P<verb>{verbs})\s+(?:(?:den|die|das)\s+{kind})?$"),
        verb_gen=re.compile(rf"^\s+(?P<verb>{_alt(table.genitive_verbs)})\s+{_GENITIVE}\s+{kind}$"),
        relative=re.compile(rf"^\s*,\s+(?P<pron>der|die)\s+(?:(?:den|die|das)\s+{kind})?$"),
        relative_verb=re.compile(rf"^\s+(?P<verb>{verbs}){_END}"),
        predicate=re.compile(rf"^\s+ist\s+(?:(?P<det>der|die)\s+)?(?P<form>{nominative_forms})\s+{_GENITIVE}\s+{kind}$"),
        apposition=re.compile(rf"^\s*,\s+(?:(?P<det>der|die)\s+)?(?P<form>{nominative_forms})\s+{_GENITIVE}\s+{kind}$"),
        after_verb=re.compile(rf"^{seit}{_END}"),
    )


# --- reading an article -------------------------------------------------------------------------------------------


def org_key(name: str) -> str:
    """An organisation's folded name: "Russischer Direktinvestitionsfonds", "Russische Direktinvestitionsfond" →
    one key (the words folded as names are, :func:`.names.word_key`; the endings of the words before the last and a
    genitive -s of the last taken off)."""
    words = [w for w in re.split(r"[\s\u00a0]+", name.strip()) if w]
    if not words:
        return ""
    folded = [re.sub(r"(?:e|er|en|es|em)$", "", w) if len(w) > 4 else w for w in words[:-1]]
    folded.append(name_rules._strip_genitive(words[-1]))
    return " ".join(name_rules.word_key(w) for w in folded)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    eid: str
    type: str  # "PER", "ORG" (an organisation, also a LOC that is no place)
    name: str
    sentence: tuple[int, int]


@cache
def _place_names() -> frozenset[str]:
    return frozenset(entity_tables.places()) | {p.canonical for p in entity_tables.places_extra().values()}


def _is_place(name: str) -> bool:
    """Whether a LOC entity is a place of the gazetteer (else the analysis may have mistyped an organisation)."""
    return name in _place_names()


def _spans(record: Record) -> list[_Span]:
    bounds = [(s.start, s.end) for s in record.sentences]
    found = []
    for entity in record.entities:
        if entity.type == "PER":
            kind = "PER"
        elif entity.type == "ORG" or (entity.type == "LOC" and not _is_place(entity.name)):
            kind = "ORG"
        else:
            continue
        for m in entity.mentions:
            if m.sentence is not None and 0 <= m.sentence < len(bounds):
                sentence = bounds[m.sentence]
            else:
                sentence = next(((s, e) for s, e in bounds if s <= m.start < e), (0, len(record.text)))
            found.append(_Span(m.start, m.end, entity.id, kind, entity.name, sentence))
    return sorted(found, key=lambda s: (s.start, s.end, s.eid))


def _word_before(text: str, sentence_start: int, at: int) -> tuple[str, bool]:
    """The word right before ``at`` in its sentence, and whether it is the sentence's first word."""
    before = text[sentence_start:at]
    match = re.search(r"(\S+)\s*$", before)
    if match is None:
        return "", True
    return match.group(1).strip("„“\"'(«»‚‘"), not re.search(r"\w", before[: match.start()])


@cache
def _not_subject() -> frozenset[str]:
    """Words before a name that make it no subject: prepositions and articles ("von Dmitrijew", "des …")."""
    return function_words("preposition") | function_words("definite_article")


def _is_former(word: str, former: tuple[str, ...]) -> bool:
    w = word.lower()
    return any(w.startswith(stem) for stem in former)


def _genitive_plural(text: str, sentence_start: int, at: int, det: str, gender: str | None) -> bool:
    """ "der Leiter" right after a noun ("Treffen der Leiter der Geheimdienste") may be a genitive plural."""
    if det.lower() != "der" or gender != "m":
        return False
    word, first = _word_before(text, sentence_start, at)
    return bool(word) and word[:1].isupper() and not first


def heads_in(record: Record) -> list[Head]:
    """The article's statements that one of its persons heads one of its organisations."""
    words = _words()
    text = record.text
    spans = _spans(record)
    persons = [s for s in spans if s.type == "PER"]
    found: dict[tuple[str, str, str], Head] = {}

    def add(p: _Span, o: _Span, word: entity_tables.HeadWord, gender: str | None = None) -> None:
        key = org_key(o.name)
        if key and p.eid != o.eid:
            found.setdefault((p.eid, o.eid, word.role), Head(p.eid, o.eid, key, word.role, gender or word.gender))

    for o in (s for s in spans if s.type == "ORG"):
        after = text[o.end : o.sentence[1]]
        for p in persons:
            if p.sentence != o.sentence:
                continue
            if p.end <= o.start and o.start - p.end <= _GAP:
                between = text[p.end : o.start]
                # the person is the subject, not in a phrase of another noun ("der Sohn von Dmitrijew leitet …")
                subject = _word_before(text, p.sentence[0], p.start)[0].lower() not in _not_subject()
                if subject and (m := words.verb.match(between)) and words.after_verb.match(after):
                    add(p, o, words.verbs[" ".join(m["verb"].split())])
                elif subject and (m := words.verb_gen.match(between)) and words.after_verb.match(after):
                    add(p, o, words.genitive_verbs[" ".join(m["verb"].split())])
                elif (m := words.relative.match(between)) and (v := words.relative_verb.match(after)):
                    add(p, o, words.verbs[" ".join(v["verb"].split())], "m" if m["pron"] == "der" else "f")
                elif (
                    m := (words.predicate.match(between) if subject else None) or words.apposition.match(between)
                ) and _NOT_COMPOUND.match(after):
                    word = words.nominative.get((m["det"], m["form"])) if m["det"] else words.bare.get(m["form"])
                    if word is not None:
                        add(p, o, word)
            elif p.start >= o.end and p.start - o.end <= _GAP:
                between = text[o.end : p.start]
                if m := words.fact_compound.match(between):
                    prefix = text[o.start - 1 : o.start] if o.start > 0 else ""
                    word_before, _ = _word_before(text, o.sentence[0], o.start)
                    if not re.match(r"[-\w]", prefix) and not _is_former(word_before, words.former):
                        add(p, o, words.compound[m["form"]])
                elif re.match(r"^\s*,?\s+$", between) and (n := words.named.search(text[o.sentence[0] : o.start])):
                    head_at = o.sentence[0] + n.start()
                    det, form = n["det"], n["form"]
                    word = words.phrases.get((det.lower(), form)) if det else words.bare.get(form)
                    # after a comma the name must close its apposition: "der Chef des Fonds, Witkoff und Dmitrijew" is a list
                    closed = "," not in between or re.match(r"^\s*(?:[,)\u2013\u2014.;:!?]|$)", text[p.end : p.sentence[1]])
                    if (
                        word is not None
                        and closed
                        and not _is_former(_word_before(text, o.sentence[0], head_at)[0], words.former)
                        and not _genitive_plural(text, o.sentence[0], head_at, det or "", word.gender)
                    ):
                        add(p, o, word)
    return list(found.values())


_NAME_AFTER = re.compile(r"^(?:\s*[,(]\s*(?:[^\s,.;:!?()\u2013\u2014]+\s+){0,3}|\s+)$")
_NAME_BEFORE = re.compile(r"^(?:\s*[,(]\s*|\s+(?:ist|war|sei|bleibt|wird|wurde)\s+)$")


def descriptions_in(record: Record) -> list[Description]:
    """The article's role-only descriptions of a person: "der Leiter des ORG", "der ORG-Chef", no name with them."""
    words = _words()
    text = record.text
    spans = _spans(record)
    persons = [s for s in spans if s.type == "PER"]
    found: dict[int, Description] = {}
    for o in (s for s in spans if s.type == "ORG"):
        before = text[o.sentence[0] : o.start]
        if (m := words.desc.search(before)) and _NOT_COMPOUND.match(text[o.end :]):
            start, end, det, form = o.sentence[0] + m.start(), o.end, m["det"], m["form"]
        elif (m := re.search(rf"(?:^|(?<=[^\w-]))(?P<det>{_dets()})\s+$", before)) and (
            c := words.desc_compound.match(text[o.end :])
        ):
            start, end, det, form = o.sentence[0] + m.start(), o.end + c.end(), m["det"], c["form"]
        else:
            continue
        word = words.phrases.get((det.lower(), form))
        if word is None or _genitive_plural(text, o.sentence[0], start, det, word.gender):
            continue
        beside = [p for p in persons if p.sentence == o.sentence]
        if any(p.start < end and start < p.end for p in beside):
            continue  # the analysis made its words a person's mention already ("die Leiterin" of a named person)
        if any(p.start >= end and _NAME_AFTER.match(text[end : p.start]) for p in beside):
            continue  # "der Leiter des Fonds, Kirill Dmitrijew": the person is named
        if any(p.end <= start and _NAME_BEFORE.match(text[p.end : start]) for p in beside):
            continue  # "Dmitrijew, der Leiter des Fonds": the person is named
        key = org_key(o.name)
        if key:
            found.setdefault(
                start,
                Description(
                    start, end, text[start:end], o.eid, key, word.role, word.gender, tuple(sorted({p.eid for p in beside}))
                ),
            )
    return [found[k] for k in sorted(found)]


# --- the link tables ----------------------------------------------------------------------------------------------


def unlink_article(conn: Connection, article_id: str) -> None:
    """Take an article's heads and descriptions back."""
    conn.execute(delete(entity_heads).where(entity_heads.c.article_id == article_id))
    conn.execute(delete(entity_descriptions).where(entity_descriptions.c.article_id == article_id))


def link_article(conn: Connection, record: Record) -> None:
    """Store an article's heads and descriptions (its old ones taken back first). Which story entity a
    description is, is decided when read (:func:`links`)."""
    unlink_article(conn, record.id)
    published = record.meta.published
    heads = heads_in(record)
    if heads:
        conn.execute(
            entity_heads.insert(),
            [
                {
                    "article_id": record.id,
                    "per_eid": h.per_eid,
                    "org_eid": h.org_eid,
                    "org_key": h.org_key,
                    "role": h.role,
                    "gender": h.gender,
                    "published": published,
                }
                for h in heads
            ],
        )
    found = descriptions_in(record)
    if found:
        conn.execute(
            entity_descriptions.insert(),
            [
                {
                    "article_id": record.id,
                    "start": d.start,
                    "end": d.end,
                    "text": d.text,
                    "org_eid": d.org_eid,
                    "org_key": d.org_key,
                    "role": d.role,
                    "gender": d.gender,
                    "published": published,
                    "beside": list(d.beside),
                }
                for d in found
            ],
        )


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _near(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= WINDOW_DAYS


_PERSON = entity_links
_PERSON_OF_HEAD = and_(entity_links.c.article_id == entity_heads.c.article_id, entity_links.c.eid == entity_heads.c.per_eid)
#: A head with the story entity of its person.
_HEAD_ROWS = select(
    entity_heads.c.org_key,
    entity_heads.c.role,
    entity_heads.c.gender,
    entity_heads.c.published,
    entity_links.c.story_entity,
).join(_PERSON, _PERSON_OF_HEAD)


def links(conn: Connection, ids: Iterable[str] | None = None) -> list[Link]:
    """The descriptions that are mentions of a story entity (of one of ``ids``; None: of any), by article and offset.

    A description is one of a story entity when, among the heads of its organisation (its key) and role stated within
    :data:`WINDOW_DAYS`, exactly one story entity heads it, no head of it tells the other gender only, and that
    entity is not named in the description's sentence. Lookups are by the organisations' keys (indexed): those that
    the wanted entities head, and those of the descriptions found.
    """
    wanted = None if ids is None else set(ids)
    if wanted is not None:
        keys: set[str] = set()
        for part in chunks(sorted(wanted)):
            headed = select(entity_heads.c.org_key).join(_PERSON, _PERSON_OF_HEAD).where(entity_links.c.story_entity.in_(part))
            keys.update(conn.execute(headed).scalars())
        descriptions = [
            row
            for part in chunks(sorted(keys))
            for row in conn.execute(select(entity_descriptions).where(entity_descriptions.c.org_key.in_(part)))
        ]
        heads = [row for part in chunks(sorted(keys)) for row in conn.execute(_HEAD_ROWS.where(entity_heads.c.org_key.in_(part)))]
    else:
        descriptions = list(conn.execute(select(entity_descriptions)))
        heads = list(conn.execute(_HEAD_ROWS)) if descriptions else []
    if not descriptions:
        return []
    by_key: dict[str, list] = {}
    for h in heads:
        by_key.setdefault(h.org_key, []).append(h)
    named = members_map(conn, sorted({d.article_id for d in descriptions if d.beside}))
    found = []
    for d in descriptions:
        day = _day(d.published)
        candidates = [h for h in by_key.get(d.org_key, []) if h.role == d.role and _near(_day(h.published), day)]
        entities = {h.story_entity for h in candidates}
        if len(entities) != 1:
            continue
        (entity,) = entities
        genders = {h.gender for h in candidates if h.gender}
        if d.gender and genders and d.gender not in genders:
            continue
        if entity in {named.get((d.article_id, eid)) for eid in d.beside or []}:
            continue
        if wanted is not None and entity not in wanted:
            continue
        found.append(Link(entity, d.article_id, d.start, d.end, d.text))
    return sorted(found, key=lambda link: (link.article_id, link.start))
