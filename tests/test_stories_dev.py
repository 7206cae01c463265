"""End to end on the stories development collection (tests/fixtures/stories_dev: 33 German texts, two
stories and distractors, 16 outlets): ingest links them; what the link tables then hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from quellenlage.batch import ingest_into
from quellenlage.link.queries import find_entity, story_entities_view, story_events_view
from quellenlage.link.run import link
from quellenlage.store import open_store
from quellenlage.store.tables import LINKS, articles, entity_links, story_articles

DEV = Path(__file__).parent / "fixtures" / "stories_dev" / "articles.jsonl"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with open_store(str(tmp_path_factory.mktemp("stories") / "dev.db")) as s:
        summary = ingest_into(s, [str(DEV)], show_progress=False)
        assert summary.failed == 0 and summary.linked
        yield s


def _id(store, headline_start: str) -> str:
    with store.read() as conn:
        return conn.execute(select(articles.c.id).where(articles.c.headline.like(headline_start + "%"))).scalar_one()


def _entity(store, name: str):
    with store.read() as conn:
        found = find_entity(conn, name)
        return next(story_entities_view(conn, ids=found[:1]))


def test_dmitrijew_in_allen_schreibweisen_ist_eine_person(store):
    dmitrijew = _entity(store, "Kirill Dmitrijew")
    spellings = {m["text"] for m in dmitrijew.mentions}
    assert {"Dmitriev", "Dmitriew", "Dmitrijew"} <= spellings
    assert dmitrijew.articles >= 10


def test_whitkoff_und_witkoff_sind_einer(store):
    witkoff = _entity(store, "Steve Witkoff")
    assert {"Witkoff", "Whitkoff"} <= {m["text"] for m in witkoff.mentions}


def test_ministerin_schmidt_und_trainer_schmidt_bleiben_zwei(store):
    with store.read() as conn:
        rows = conn.execute(
            select(entity_links.c.name, entity_links.c.story_entity).where(entity_links.c.name.like("%Schmidt"))
        ).all()
    by_name = {r.name: r.story_entity for r in rows}
    assert by_name["Ulrike Schmidt"] != by_name["Dirk Schmidt"]


def test_eine_hochwassermeldung_mit_putin_und_peskow_bleibt_ausserhalb_der_geschichte(store):
    flood, talks = _id(store, "Hochwasser im Süden Russlands"), _id(store, "Geheimverhandlungen über die Ukraine")
    with store.read() as conn:
        story = dict(conn.execute(select(story_articles.c.article_id, story_articles.c.story)).all())
    assert story[flood] != story[talks]
    assert story[_id(store, "Istanbul-Treffen zwischen Witkoff")] == story[talks]
    assert story[_id(store, "Tarifeinigung in Potsdam")] != story[talks]


def test_das_istanbul_treffen_hat_eine_statusgeschichte_ueber_mehrere_outlets(store):
    with store.read() as conn:
        witkoff = find_entity(conn, "Steve Witkoff")[0]
        views = list(story_events_view(conn, entity=witkoff))
    meetings = [v for v in views if v.type == "meeting" and v.counts["outlets"] >= 3]
    assert meetings, [(v.type, v.counts) for v in views]
    best = max(meetings, key=lambda v: v.counts["reports"])
    statuses = [s["status"] for s in best.status_history]
    assert len(statuses) >= 2 and statuses[0] == "planned"
    assert best.counts["origins"] <= best.counts["reports"]
    assert all(r["article"] and r["event"] for r in best.reports)


def test_erneutes_einlesen_aendert_nichts(store):
    def snapshot() -> dict:
        with store.read() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in LINKS}

    before = snapshot()
    summary = ingest_into(store, [str(DEV)], show_progress=False)
    assert summary.counts["unchanged"] == 33 and summary.linked is None
    assert link(store).articles == 0
    assert snapshot() == before


def test_ein_weiterer_artikel_aktualisiert_die_geschichte(store, tmp_path):
    extra = {
        "url": "https://www.example-zeitung.de/ukraine-dmitrijew-witkoff-genf",
        "outlet": "example-zeitung.de",
        "published": "2026-03-19T18:00:00+01:00",
        "headline": "Witkoff und Dmitrijew wollen sich erneut treffen",
        "text": "Der US-Sondergesandte Steve Witkoff und der russische Unterhändler Kirill Dmitrijew wollen sich "
        "nach ihrem Treffen in Istanbul erneut treffen. Das sagte Kremlsprecher Dmitri Peskow am Donnerstag in Moskau.",
    }
    path = tmp_path / "extra.jsonl"
    path.write_text(json.dumps(extra, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = ingest_into(store, [str(path)], show_progress=False)
    assert summary.counts["stored"] == 1 and summary.linked and "linked 1 article " in summary.linked
    new, talks = _id(store, "Witkoff und Dmitrijew wollen sich erneut"), _id(store, "Geheimverhandlungen über die Ukraine")
    with store.read() as conn:
        story = dict(conn.execute(select(story_articles.c.article_id, story_articles.c.story)).all())
    assert story[new] == story[talks]
    assert new in {m["article"] for m in _entity(store, "Kirill Dmitrijew").mentions}
