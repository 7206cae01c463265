"""Stories across outlets in the reading room and the API: the real app (FastAPI TestClient) on a store
where the 33 German articles of tests/fixtures/stories_dev (the Ukraine negotiations and a public-sector
strike, told by many outlets) were ingested and linked through the real pipeline."""

from __future__ import annotations

import re
import warnings

import pytest

with warnings.catch_warnings():  # starlette's notice about httpx versions, not about this code
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from test_web_support import stories_store_path

from quellenlage.serve import create_app
from quellenlage.store import open_store
from quellenlage.store.queries import entity_key

TRIPLE = re.compile(r"(\d+) reports? / (\d+) outlets? / (\d+) independent origins?")


@pytest.fixture(scope="module")
def client():
    store = open_store(stories_store_path())
    with TestClient(create_app(store=store)) as c:
        yield c
    store.close()


@pytest.fixture(scope="module")
def ukraine(client) -> dict:
    """The Ukraine story as /api/stories/{id} gives it."""
    listed = client.get("/api/stories", params={"limit": 100}).json()["items"]
    found = [s for s in listed if "Ukraine" in s["title"]]
    assert len(found) == 1, [s["title"] for s in listed]
    return client.get(f"/api/stories/{found[0]['id']}").json()


@pytest.fixture(scope="module")
def dmitrijew(client) -> dict:
    found = client.get("/api/story-entities", params={"q": "Dmitrijew"}).json()["items"]
    person = next(e for e in found if e["type"] == "PER")
    return client.get(f"/api/story-entities/{person['id']}").json()


def _all(client, url: str, **params) -> list[dict]:
    """Every item of a paged list."""
    items: list[dict] = []
    while True:
        page = client.get(url, params={**params, "limit": 100, "offset": len(items)}).json()
        items += page["items"]
        if len(items) >= page["total"]:
            return items


def test_die_stories_sind_die_zwei_geschichten_mit_spanne_groesse_und_akteuren(client):
    body = client.get("/api/stories").json()
    titles = [s["title"] for s in body["items"]]
    assert any("Ukraine" in t for t in titles) and any("Warnstreik" in t for t in titles)
    assert [s["articles"] for s in body["items"]] == sorted((s["articles"] for s in body["items"]), reverse=True)
    page = client.get("/stories").text
    for s in body["items"]:
        assert f'href="/stories/{s["id"]}"' in page and s["start"][:10] in page
        assert all(a["name"] in page for a in s["actors"])
    everything = client.get("/api/stories", params={"min_articles": 1}).json()
    assert everything["total"] >= body["total"]


def test_die_ukraine_story_zeigt_witkoff_und_reports_outlets_origins(client, ukraine):
    assert "Steve Witkoff" in [a["name"] for a in ukraine["actors"]]
    assert len(ukraine["articles_list"]) == ukraine["articles"] >= 10
    assert len(ukraine["events_list"]) == ukraine["events"]
    page = client.get(f"/stories/{ukraine['id']}").text
    assert "Witkoff" in page and ukraine["title"] in page
    shown = {tuple(map(int, m)) for m in TRIPLE.findall(page)}
    told = {(e["counts"]["reports"], e["counts"]["outlets"], e["counts"]["origins"]) for e in ukraine["events_list"]}
    assert shown == told  # the page shows each event's reports / outlets / independent origins
    widest = max(ukraine["events_list"], key=lambda e: e["counts"]["reports"])
    assert widest["counts"]["outlets"] >= 3 and widest["counts"]["origins"] < widest["counts"]["reports"]
    assert 'src="/timeline.svg?story=' in page


def test_jedes_ereignis_hat_seine_outlets_als_wurzeln_des_ursprungsbaums(ukraine):
    for e in ukraine["events_list"]:
        assert {root["name"] for root in e["origin_tree"]} == set(e["outlets"]), e["id"]
        assert e["counts"]["reports"] == len({r["article"] for r in e["reports"]})
        assert e["counts"]["outlets"] == len(e["outlets"])
        assert e["counts"]["origins"] == len(e["origins"])
    cited = [e for e in ukraine["events_list"] if any(ch["name"] == "Axios" for r in e["origin_tree"] for ch in r["children"])]
    assert cited, "no event cites Axios below an outlet"


def test_die_ereignisse_einer_story_sind_nach_datum_geordnet_und_undatierte_zuletzt(ukraine):
    firsts = [e["first"] for e in ukraine["events_list"]]
    dated = [f for f in firsts if f]
    assert dated and firsts[: len(dated)] == dated  # undated last
    values = [e["time"]["value"] for e in ukraine["events_list"] if e["time"]]
    assert values == sorted(values)


def test_ein_ereignis_ist_dasselbe_in_story_und_einzelabfrage(client, ukraine):
    event = max(ukraine["events_list"], key=lambda e: e["counts"]["reports"])
    assert client.get(f"/api/story-events/{event['id']}").json() == event
    page = client.get(f"/story-events/{event['id']}").text
    assert event["label"] in page.replace("&#39;", "'") and TRIPLE.search(page)
    assert client.get("/api/story-events/Vkeinesdavon").status_code == 404


def test_die_akte_von_dmitrijew_listet_dmitriev_und_dmitrijew(client, dmitrijew):
    names = {dmitrijew["name"], *dmitrijew["aliases"]}
    assert {"Dmitriev", "Dmitrijew"} <= names
    assert "Kirill Dmitriev" in names and dmitrijew["name"] == "Kirill Dmitrijew"
    assert dmitrijew["articles"] == len(dmitrijew["articles_list"]) >= 5
    outlets = {a["outlet"] for a in dmitrijew["articles_list"]}
    assert len(outlets) >= 5  # across outlets
    assert all(m["text"] for a in dmitrijew["articles_list"] for m in a["mentions"])
    assert dmitrijew["said"] and all(s["kind"] for s in dmitrijew["said"])
    assert dmitrijew["events"] and all(dmitrijew["id"] in [p["id"] for p in e["participants"]] for e in dmitrijew["events"])
    page = client.get(f"/entities/{dmitrijew['id']}").text
    aliases = re.search(r'<dd class="aliases">(.*?)</dd>', page)
    assert aliases and "Dmitriev" in aliases[1] and "Dmitrijew" in aliases[1]
    for a in dmitrijew["articles_list"]:
        assert f'href="/articles/{a["id"]}"' in page
    said = dmitrijew["said"][0]
    assert f'href="/articles/{said["article"]}#{said["anchor"]}"' in page


def test_die_alten_adressen_einer_person_fuehren_zur_story_entity(client, dmitrijew):
    for old in (entity_key("Kirill Dmitrijew"), entity_key("Kirill Dmitriev")):
        r = client.get(f"/entities/{old}", follow_redirects=False)
        assert r.status_code == 308 and r.headers["location"] == f"/entities/{dmitrijew['id']}", old
    typed = client.get("/entities/Dmitriev")  # a spelling typed into the URL: his dossier, or the list that finds him
    assert typed.status_code == 200 and len(typed.history) == 1
    assert str(typed.url).endswith(f"/entities/{dmitrijew['id']}") or f'href="/entities/{dmitrijew["id"]}"' in typed.text
    assert f'href="/entities/{dmitrijew["id"]}"' in client.get("/entities", params={"q": "Dmitriev"}).text
    assert client.get("/entities/niemand-bekannt").status_code == 404


def test_der_artikel_verlinkt_seine_personen_auf_die_story_entity(client, dmitrijew):
    article = dmitrijew["articles_list"][0]["id"]
    page = client.get(f"/articles/{article}").text
    assert f'href="/entities/{dmitrijew["id"]}"' in page


def test_die_entities_liste_zeigt_story_entities(client, dmitrijew):
    every = _all(client, "/api/story-entities")
    assert len({e["id"] for e in every}) == len(every)
    assert [e["articles"] for e in every] == sorted((e["articles"] for e in every), reverse=True)
    assert dmitrijew["id"] in [e["id"] for e in every]
    first = client.get("/api/story-entities", params={"limit": 10}).json()["items"]
    second = client.get("/api/story-entities", params={"limit": 5, "offset": 5}).json()["items"]
    assert second == first[5:10]
    assert client.get("/api/story-entities", params={"limit": 101}).status_code == 422
    page = client.get("/entities").text
    assert f'href="/entities/{every[0]["id"]}"' in page


def test_claims_von_axios_haben_axios_in_der_kette(client):
    axios = _all(client, "/api/claims", source="Axios")
    assert axios and all(any("axios" in s.lower() for s in c["sources"]) for c in axios)
    everything = client.get("/api/claims").json()["total"]
    assert len(axios) < everything
    assert {c["outlet"] for c in axios} >= {"spiegel.de", "ntv.de"}  # Axios cited by several outlets
    page = client.get("/claims", params={"source": "Axios"}).text
    rows = re.findall(r'<td class="chain">(.*?)</td>', page, flags=re.S)
    assert rows and all("Axios" in r for r in rows)


def test_anonyme_claims_ruhen_auf_einer_ungenannten_quelle(client):
    anonymous = _all(client, "/api/claims", source="anonymous")
    assert anonymous and len(anonymous) < client.get("/api/claims").json()["total"]
    for c in anonymous[:5]:
        record = client.get(f"/api/articles/{c['article']}").json()
        if c["event"]:
            claim_id = c["id"].split(":", 1)[1]
            chains = [cl["sources"] for ev in record["events"] for cl in ev.get("claims", []) if cl["id"] == claim_id]
        else:
            chains = [st["sources"] for st in record["statements"] if st["id"] == c["statement"]]
        assert chains and any(s["anonymous"] for s in chains[0]), c["id"]


def test_drift_ist_am_claim_und_am_ereignis_markiert(client):
    claims = _all(client, "/api/claims")
    drifting = [c for c in claims if c["drift"]]
    assert drifting
    claim = next(c for c in drifting if c["drift"]["kind"] == "stated as fact")
    event = client.get(f"/api/story-events/{claim['event']}").json()
    flag = next(d for d in event["drift"] if d["claim"] == claim["id"])
    assert flag["kind"] == "stated as fact" and flag["other"] == claim["drift"]["other"]
    assert flag["other_outlets"] and claim["outlet"] not in flag["other_outlets"]
    at = next(k for k, c in enumerate(claims) if c["id"] == claim["id"])
    page = client.get("/claims", params={"offset": at // 20 * 20}).text  # the HTML page that lists it
    assert 'class="flag flag-drift"' in page


def test_widersprueche_listen_mindestens_ein_ereignis_mit_widerspruch(client):
    flagged = _all(client, "/api/contradictions")
    assert flagged and all(e["contradictions"] or e["drift"] for e in flagged)
    contradicted = [e for e in flagged if e["contradictions"]]
    assert contradicted
    for e in contradicted:
        for c in e["contradictions"]:
            values = [side["value"] for side in c["sides"]]
            assert len(values) == len(set(values)) >= 2  # two sides that disagree
            assert all(side["outlets"] for side in c["sides"])
    status = [c for e in contradicted for c in e["contradictions"] if c["field"] == "status"]
    assert status and {"cancelled", "postponed"} <= {side["value"] for c in status for side in c["sides"]}
    page = client.get("/contradictions").text
    assert "Contradiction on the status" in page and page.count('class="flag flag-contradiction"') == len(contradicted)


def test_die_timeline_einer_story_kommt_aus_ihren_ereignissen(client, ukraine):
    timeline = client.get("/api/timeline", params={"story": ukraine["id"], "show": "all"}).json()
    assert timeline["title"] == f"Story: {ukraine['title']}" and timeline["basis"] == "events"
    dated = [e for e in ukraine["events_list"] if e["first"]]
    assert len(timeline["entries"]) == len(dated)
    assert {(x["label"], x["reports"]) for x in timeline["entries"]} == {(e["label"], e["counts"]["reports"]) for e in dated}
    svg = client.get("/timeline.svg", params={"story": ukraine["id"], "show": "all"})
    assert svg.headers["content-type"].startswith("image/svg+xml") and "Witkoff" in svg.text


def test_unbekannte_ids_sind_404(client):
    for url in ("/api/stories/Skeine", "/api/story-entities/Ekeine", "/api/story-events/Vkeines"):
        r = client.get(url)
        assert r.status_code == 404 and "error" in r.json(), url
    assert client.get("/stories/Skeine").status_code == 404
    assert client.get("/story-events/Vkeines").status_code == 404
