"""Story-level entities: one entity per real person across articles (quellenlage.link.entities, .run, .corrections)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

import pytest
from click.testing import CliRunner
from conftest import store_url
from sqlalchemy import func, select

from quellenlage.cli import main
from quellenlage.link import corrections
from quellenlage.link.entities import Member, StoryEntity, decide, keys, lookup_keys
from quellenlage.link.queries import story_entities_view
from quellenlage.link.run import link
from quellenlage.record import Entity, Meta, Record
from quellenlage.store import open_store
from quellenlage.store.tables import entity_links, story_entities


def _member(name: str, type_: str = "PER", context: set[str] | None = None, roles: list[str] | None = None) -> Member:
    return Member("a1", "e1", type_, name, roles or [], context or set())


def _entity(*names: str, type_: str = "PER", context: set[str] | None = None, roles: list[str] | None = None) -> StoryEntity:
    return StoryEntity("E1", type_, Counter(names), Counter(roles or []), Counter(context or set()), len(names))


# --- the decision ----------------------------------------------------------------------------------------


def test_kirill_dmitrijev_und_kirill_dmitriev_sind_eine_person():
    assert decide(_member("Kirill Dmitrijev"), _entity("Kirill Dmitriev")) == "same name"
    assert decide(_member("Wolodymyr Selenskyj"), _entity("Volodymyr Zelensky")) == "same name"


def test_vladimir_zelensky_ist_nicht_wladimir_putin():
    assert decide(_member("Vladimir Zelensky"), _entity("Wladimir Putin")) is None
    assert not lookup_keys("PER", "Vladimir Zelensky") & keys("PER", "Wladimir Putin")


def test_anna_schmidt_ist_nicht_markus_schmidt():
    shared = {"O:verdi"}
    assert decide(_member("Anna Schmidt", context=shared), _entity("Markus Schmidt", context=shared)) is None


def test_schmidt_allein_braucht_kontext():
    minister = _entity("Anna Schmidt", context={"O:verdi", "P:verneke"}, roles=["Arbeitsministerin"])
    assert decide(_member("Schmidt"), minister) is None
    assert decide(_member("Schmidt", context={"O:verdi"}), minister) == "surname + context"
    assert decide(_member("Schmidt", roles=["Ministerin"]), minister) is None  # a role word must be shared as written
    assert decide(_member("Schmidt", roles=["Arbeitsministerin"]), minister) == "surname + context"


def test_whitkoff_und_witkoff_mit_kontext():
    witkoff = _entity("Steve Witkoff", context={"P:dmitriov"})
    assert lookup_keys("PER", "Steve Whitkoff") & keys("PER", "Steve Witkoff")
    assert decide(_member("Steve Whitkoff"), witkoff) is None
    assert decide(_member("Steve Whitkoff", context={"P:dmitriov"}), witkoff) == "similar name + context"


def test_orte_nach_name_und_typ():
    assert decide(_member("Russlands", "LOC"), _entity("Russland", type_="LOC")) == "same name"
    assert decide(_member("Russland", "ORG"), _entity("Russland", type_="LOC")) is None


# --- the store --------------------------------------------------------------------------------------------


def _record(aid: str, published: str, *entities: tuple[str, str, str], roles: dict[str, list[str]] | None = None) -> Record:
    """A record holding only what the linker reads: its entities (name, type, the text of one mention)."""
    text = " ".join(f"{mention}." for _, _, mention in entities)
    ents, at = [], 0
    for k, (name, type_, mention) in enumerate(entities, start=1):
        ents.append(
            Entity(
                id=f"e{k}",
                type=type_,
                name=name,
                mentions=[{"start": at, "end": at + len(mention), "text": mention}],
                roles=(roles or {}).get(name, []),
            )
        )
        at += len(mention) + 2
    digest = hashlib.sha256((aid + text).encode()).hexdigest()
    return Record(id=aid, content_hash=digest, meta=Meta(outlet=aid.split("-")[0], published=published), text=text, entities=ents)


STORY = [
    _record("ntv-1", "2025-11-19", ("Kirill Dmitriew", "PER", "Kirill Dmitriew"), ("Steve Witkoff", "PER", "Witkoff")),
    _record("spiegel-1", "2025-11-19", ("Kirill Dmitriev", "PER", "Dmitriev"), ("Witkoff", "PER", "Witkoff")),
    _record(
        "mt-1",
        "2025-11-20",
        ("Vladimir Zelensky", "PER", "Vladimir Zelensky"),
        ("Steve Whitkoff", "PER", "Whitkoff"),
        ("Dmitriev", "PER", "Dmitriev"),
    ),
    _record(
        "faz-1",
        "2025-11-20",
        ("Wladimir Putin", "PER", "Putin"),
        ("Wolodymyr Selenskyj", "PER", "Selenskyj"),
        ("Steve Witkoff", "PER", "Witkoff"),
    ),
    _record("kicker-1", "2025-11-21", ("Markus Schmidt", "PER", "Markus Schmidt"), ("FC Augsburg", "ORG", "FC Augsburg")),
    _record("zeit-1", "2025-11-21", ("Anna Schmidt", "PER", "Anna Schmidt"), ("Verdi", "ORG", "Verdi")),
    _record("taz-1", "2025-11-22", ("Schmidt", "PER", "Schmidt"), ("Verdi", "ORG", "Verdi")),
]


def _groups(store) -> dict[str, set[tuple[str, str]]]:
    with store.read() as conn:
        rows = conn.execute(select(entity_links.c.story_entity, entity_links.c.article_id, entity_links.c.name)).all()
    groups: dict[str, set[tuple[str, str]]] = {}
    for r in rows:
        groups.setdefault(r.story_entity, set()).add((r.article_id, r.name))
    return groups


def _group_of(store, article: str, name: str) -> set[tuple[str, str]]:
    return next(g for g in _groups(store).values() if (article, name) in g)


@pytest.fixture
def store(tmp_path):
    with open_store(store_url(tmp_path, "link")) as s:
        for record in STORY:
            s.put(record)
        yield s


def test_dmitrijew_in_drei_schreibweisen_ist_eine_story_entity(store):
    summary = link(store)
    assert summary.articles == len(STORY)
    assert _group_of(store, "ntv-1", "Kirill Dmitriew") == {
        ("ntv-1", "Kirill Dmitriew"),
        ("spiegel-1", "Kirill Dmitriev"),
        ("mt-1", "Dmitriev"),
    }
    assert _group_of(store, "ntv-1", "Steve Witkoff") == {
        ("ntv-1", "Steve Witkoff"),
        ("spiegel-1", "Witkoff"),
        ("mt-1", "Steve Whitkoff"),
        ("faz-1", "Steve Witkoff"),
    }
    # "Vladimir" for Selenskyj on a machine-translated site: one person with context (Witkoff in both), never Putin
    assert _group_of(store, "mt-1", "Vladimir Zelensky") == {("mt-1", "Vladimir Zelensky"), ("faz-1", "Wolodymyr Selenskyj")}
    assert _group_of(store, "faz-1", "Wladimir Putin") == {("faz-1", "Wladimir Putin")}


def test_zwei_schmidts_bleiben_getrennt(store):
    link(store)
    assert _group_of(store, "kicker-1", "Markus Schmidt") == {("kicker-1", "Markus Schmidt")}
    assert _group_of(store, "zeit-1", "Anna Schmidt") == {("zeit-1", "Anna Schmidt"), ("taz-1", "Schmidt")}


def test_erneutes_linken_aendert_nichts_und_rebuild_gibt_dieselben_ids(store):
    link(store)
    before = _groups(store)
    assert link(store).articles == 0
    assert _groups(store) == before
    summary = link(store, rebuild=True)
    assert summary.rebuilt and summary.articles == len(STORY)
    assert _groups(store) == before


def test_ein_neuer_artikel_wird_inkrementell_verlinkt(store):
    link(store)
    store.put(_record("bild-1", "2025-11-23", ("Dmitrijew", "PER", "Dmitrijew"), ("Witkoff", "PER", "Witkoff")))
    summary = link(store)
    assert summary.articles == 1
    assert ("bild-1", "Dmitrijew") in _group_of(store, "ntv-1", "Kirill Dmitriew")


def test_eine_neue_revision_nimmt_die_alten_links_zurueck(store):
    link(store)
    revised = _record("taz-1", "2025-11-22", ("Klaus Meier", "PER", "Klaus Meier"))
    assert store.put(revised).status == "revised"
    assert link(store).articles == 1
    assert ("taz-1", "Schmidt") not in _group_of(store, "zeit-1", "Anna Schmidt")
    with store.read() as conn:
        members = conn.execute(select(story_entities.c.members).where(story_entities.c.name == "Anna Schmidt")).scalar_one()
        total = conn.execute(select(func.sum(story_entities.c.members))).scalar_one()
        links = conn.execute(select(func.count()).select_from(entity_links)).scalar_one()
    assert members == 1 and total == links


def test_korrekturen_ueberleben_rebuild(store):
    link(store)
    with store.read() as conn:
        putin = conn.execute(select(entity_links.c.story_entity).where(entity_links.c.name == "Wladimir Putin")).scalar_one()
        kicker = conn.execute(select(entity_links.c.story_entity).where(entity_links.c.name == "Markus Schmidt")).scalar_one()
        anna = conn.execute(select(entity_links.c.story_entity).where(entity_links.c.name == "Anna Schmidt")).scalar_one()
    with store.write() as conn:
        corrections.merge(conn, putin, kicker)  # a (wrong, but the user's) merge
        corrections.split(conn, anna, "taz-1", "Schmidt")
    expected_merge = {("faz-1", "Wladimir Putin"), ("kicker-1", "Markus Schmidt")}
    assert _group_of(store, "faz-1", "Wladimir Putin") == expected_merge
    assert _group_of(store, "taz-1", "Schmidt") == {("taz-1", "Schmidt")}
    link(store, rebuild=True)
    assert _group_of(store, "faz-1", "Wladimir Putin") == expected_merge
    assert _group_of(store, "taz-1", "Schmidt") == {("taz-1", "Schmidt")}


def test_export_entities_mit_aliasen_und_erwaehnungen(store, tmp_path):
    link(store)
    with store.read() as conn:
        views = {v.name: v for v in story_entities_view(conn)}
    dmitriev = views["Kirill Dmitriew"] if "Kirill Dmitriew" in views else views["Kirill Dmitriev"]
    assert {"Dmitriev"} <= set(dmitriev.aliases)
    assert {m["article"] for m in dmitriev.mentions} == {"ntv-1", "spiegel-1", "mt-1"}
    for m in dmitriev.mentions:
        record = next(r for r in STORY if r.id == m["article"])
        assert record.text[m["start"] : m["end"]] == m["text"]
    result = CliRunner().invoke(main, ["--db", store.url.removeprefix("sqlite:///"), "export", "entities"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"id", "name", "type", "aliases", "roles", "mentions"} == set(lines[0])


def test_cli_merge_und_split(store):
    link(store)
    db = store.url.removeprefix("sqlite:///")
    with store.read() as conn:
        anna = conn.execute(select(entity_links.c.story_entity).where(entity_links.c.name == "Anna Schmidt")).scalar_one()
    runner = CliRunner()
    result = runner.invoke(main, ["--db", db, "entities", "split", anna, "--mention", "taz-1:Schmidt"])
    assert result.exit_code == 0, result.output
    assert "stands alone" in result.output
    bad = runner.invoke(main, ["--db", db, "entities", "merge", anna, "E-nonesuch"])
    assert bad.exit_code == 1 and "no such story entity" in bad.output and "Traceback" not in bad.output


def test_ein_neuer_linker_verlinkt_alles_neu(store, monkeypatch):
    from quellenlage.link import run

    link(store)
    assert not link(store).rebuilt
    monkeypatch.setattr(run, "VERSION", run.VERSION + "-next")
    again = link(store)
    assert again.rebuilt and again.articles == len(STORY)
