"""Role-only descriptions of a person linked to the person's story entity (quellenlage.link.descriptions):
"der Leiter des Russischen Direktinvestitionsfonds" is Kirill Dmitrijew where another article says that he heads
it. Every store here is built from German texts run through the whole analysis."""

from __future__ import annotations

import hashlib
import json
from functools import cache

import pytest
from conftest import store_url
from sqlalchemy import func, select

from quellenlage.analyse.pipeline import analyse
from quellenlage.article import Article
from quellenlage.link import descriptions
from quellenlage.link.queries import find_entity, story_entities_view
from quellenlage.link.run import link
from quellenlage.record import Meta, Record
from quellenlage.store import open_store
from quellenlage.store.tables import LINKS, entity_descriptions, entity_heads

LEITET = (
    "spiegel.de",
    "2026-03-09T18:20:00+01:00",
    "Der US-Sondergesandte Steve Witkoff und der russische Unterhändler Kirill Dmitrijew wollen sich am Freitag in "
    "Istanbul treffen. Dmitrijew leitet den Russischen Direktinvestitionsfonds und gilt als Vertrauter von Kremlchef "
    "Wladimir Putin.",
)
BESCHREIBUNG = (
    "rnd.de",
    "2026-03-18T18:00:00+01:00",
    "Am Dienstag hatte der US-Sondergesandte Steve Witkoff in Istanbul mehr als fünf Stunden lang mit der russischen "
    "Delegation verhandelt. Auf russischer Seite führte der Leiter des Russischen Direktinvestitionsfonds die Gespräche.",
)
LEITERIN = (
    "taz.de",
    "2026-03-18T19:00:00+01:00",
    "Auf russischer Seite führte die Leiterin des Russischen Direktinvestitionsfonds die Gespräche.",
)
ZWEITER_CHEF = (
    "handelsblatt.com",
    "2026-03-12T08:00:00+01:00",
    "Der Banker Michael Brandt ist Chef des Russischen Direktinvestitionsfonds, teilte der Fonds am Montag mit.",
)
MIT_NAMEN = (
    "nzz.ch",
    "2026-03-17T09:00:00+01:00",
    "Der Leiter des Russischen Direktinvestitionsfonds, Kirill Dmitrijew, sagte am Dienstag, die Gespräche seien "
    "konstruktiv gewesen.",
)
DESCRIPTION = "der Leiter des Russischen Direktinvestitionsfonds"


@cache
def _record(outlet: str, published: str, text: str) -> Record:
    url = f"https://www.{outlet}/{hashlib.sha1(text.encode()).hexdigest()[:12]}"
    return analyse(Article(meta=Meta(outlet=outlet, url=url, published=published, headline="Gespräche in Istanbul"), body=[text]))


def _put(store, *articles: tuple[str, str, str]) -> list[Record]:
    records = [_record(*a) for a in articles]
    for record in records:
        store.put(record)
    return records


@pytest.fixture
def store(tmp_path):
    with open_store(store_url(tmp_path, "descriptions")) as s:
        yield s


def _described(store) -> dict[str, set[tuple[str, str]]]:
    """Story entity name → the descriptions linked to it (article, text), as the entity export shows them."""
    with store.read() as conn:
        views = list(story_entities_view(conn))
        spans = {(d.article_id, d.start, d.end) for d in conn.execute(select(entity_descriptions))}
    return {
        v.name: {(m["article"], m["text"]) for m in v.mentions if (m["article"], m["start"], m["end"]) in spans}
        for v in views
        if any((m["article"], m["start"], m["end"]) in spans for m in v.mentions)
    }


def _stored(store) -> tuple[int, int]:
    """How many heads and descriptions the store holds."""
    with store.read() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one() for t in (entity_heads, entity_descriptions))


def _dmitrijew(store):
    with store.read() as conn:
        return next(story_entities_view(conn, ids=find_entity(conn, "Kirill Dmitrijew")[:1]))


def test_der_leiter_des_russischen_direktinvestitionsfonds_ist_dmitrijew(store):
    _, beschreibung = _put(store, LEITET, BESCHREIBUNG)
    link(store)
    dmitrijew = _dmitrijew(store)
    mention = next(m for m in dmitrijew.mentions if m["article"] == beschreibung.id)
    assert mention["text"] == DESCRIPTION
    assert beschreibung.text[mention["start"] : mention["end"]] == DESCRIPTION
    assert DESCRIPTION in dmitrijew.aliases and dmitrijew.articles == 2
    assert _described(store) == {"Kirill Dmitrijew": {(beschreibung.id, DESCRIPTION)}}
    with store.read() as conn:  # the whole export shows it as the entity's own lookup does
        assert [(x.article_id, x.text) for x in descriptions.links(conn)] == [(beschreibung.id, DESCRIPTION)]
        assert descriptions.links(conn, [dmitrijew.id]) == descriptions.links(conn)


def test_die_aussage_nach_der_beschreibung_verlinkt_sie_noch(store):
    (beschreibung,) = _put(store, BESCHREIBUNG)
    link(store)
    assert _stored(store) == (0, 1) and _described(store) == {}  # waiting: nobody is known to head the fund
    _put(store, LEITET)
    assert link(store).articles == 1  # only the new article is linked
    assert _described(store) == {"Kirill Dmitrijew": {(beschreibung.id, DESCRIPTION)}}


def test_zwei_bekannte_chefs_verlinken_nichts(store):
    _put(store, LEITET, ZWEITER_CHEF, BESCHREIBUNG)
    link(store)
    assert _stored(store) == (2, 1)
    assert _described(store) == {}


def test_der_leiter_des_fonds_kirill_dmitrijew_ist_keine_beschreibung():
    record = _record(*MIT_NAMEN)
    assert descriptions.descriptions_in(record) == []  # the name is there: the analysis has the person
    names = {e.id: e.name for e in record.entities}
    assert [(names[h.per_eid], names[h.org_eid]) for h in descriptions.heads_in(record)] == [
        ("Kirill Dmitrijew", "Russische Direktinvestitionsfond")
    ]


def test_die_leiterin_ist_nicht_der_als_chef_bekannte_mann(store):
    # Dmitrijew is known as "Chef" (masculine) only: "die Leiterin" is somebody else
    _put(store, ("ntv.de", "2026-03-09T20:05:00+01:00", MIT_NAMEN[2]), LEITERIN)
    link(store)
    assert _stored(store) == (1, 1)
    assert _described(store) == {}


def test_ein_chef_von_vor_zwei_jahren_beschreibt_nicht_den_von_heute(store):
    _put(store, ("spiegel.de", "2024-01-09T18:20:00+01:00", LEITET[2]), BESCHREIBUNG)
    link(store)
    assert _stored(store) == (1, 1)
    assert _described(store) == {}


def test_der_ehemalige_verdi_chef_leitet_verdi_nicht():
    record = _record("zeit.de", "2026-03-10T10:00:00+01:00", "Der ehemalige Verdi-Chef Frank Bsirske kritisierte das Angebot.")
    assert descriptions.heads_in(record) == [] and descriptions.descriptions_in(record) == []
    record = _record("zeit.de", "2026-03-10T10:00:00+01:00", "Verdi-Chef Frank Werneke begrüßte die Entscheidung.")
    names = {e.id: e.name for e in record.entities}
    assert [(names[h.per_eid], names[h.org_eid]) for h in descriptions.heads_in(record)] == [("Frank Werneke", "Ver.di")]


def test_rebuild_und_erneutes_einlesen_geben_dasselbe(store):
    leitet, beschreibung = _put(store, LEITET, BESCHREIBUNG)
    link(store)

    def snapshot() -> tuple:
        with store.read() as conn:
            counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in LINKS}
            views = [v.to_dict() for v in story_entities_view(conn)]
        return counts, views

    before = snapshot()
    assert before[0]["entity_heads"] == 1 and before[0]["entity_descriptions"] == 1
    assert link(store, rebuild=True).rebuilt
    assert snapshot() == before
    for record in (leitet, beschreibung):
        assert store.put(record).status == "unchanged"
    assert link(store).articles == 0
    assert snapshot() == before


def test_eine_neue_fassung_ohne_die_aussage_nimmt_die_verlinkung_zurueck(store):
    leitet, beschreibung = _put(store, LEITET, BESCHREIBUNG)
    link(store)
    assert _described(store) == {"Kirill Dmitrijew": {(beschreibung.id, DESCRIPTION)}}
    revised = analyse(
        Article(
            meta=leitet.meta,
            body=["Der US-Sondergesandte Steve Witkoff und Kirill Dmitrijew wollen sich am Freitag in Istanbul treffen."],
        )
    )
    assert store.put(revised).status == "revised"
    assert link(store).articles == 1
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(entity_heads)).scalar_one() == 0
    assert _described(store) == {}


def test_die_auswertung_findet_die_beschreibung_als_erwaehnung(tmp_path):
    from quellenlage.evaluate.stories import evaluate_dir

    rows = [
        {"url": f"https://www.{o}/{k}", "outlet": o, "published": p, "headline": "Gespräche in Istanbul", "text": t}
        for k, (o, p, t) in enumerate((LEITET, BESCHREIBUNG))
    ]
    (tmp_path / "articles.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    gold = {
        "articles": [{"url": r["url"], "story": "S1"} for r in rows],
        "entities": [
            {
                "id": "E1",
                "type": "PER",
                "name": "Kirill Dmitrijew",
                "mentions": [
                    {"article": rows[0]["url"], "texts": ["Kirill Dmitrijew", "Dmitrijew"]},
                    {"article": rows[1]["url"], "texts": [DESCRIPTION]},
                ],
            },
            {
                "id": "E2",
                "type": "PER",
                "name": "Steve Witkoff",
                "mentions": [{"article": r["url"], "texts": ["Steve Witkoff"]} for r in rows],
            },
        ],
        "events": [],
    }
    (tmp_path / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    result = evaluate_dir(str(tmp_path))
    assert result.entities.found == result.entities.items == 5
    assert result.entities.precision == 1.0 and result.entities.recall == 1.0
