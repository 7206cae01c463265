"""The claims listing as an indexed, paged read of ``claim_rows`` (quellenlage.link.claims writes it,
quellenlage.link.queries.claims_view reads it), on the German articles of tests/fixtures/stories_dev:
the same claims as the records hold, pages that are slices of one list, and rows that follow the article
through revision and unlinking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import before_revision, store_url
from sqlalchemy import func, select, text, update

from quellenlage.batch import ingest_into
from quellenlage.cli import main
from quellenlage.link import events as event_linker
from quellenlage.link.queries import claims_count, claims_view, story_events_view
from quellenlage.link.run import link
from quellenlage.serve.linked import claim_page
from quellenlage.store import open_store
from quellenlage.store.tables import articles, claim_rows, event_links, link_articles

DEV = Path(__file__).parent / "fixtures" / "stories_dev" / "articles.jsonl"
LINES = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def _line(outlet: str, headline_start: str) -> dict:
    return next(a for a in LINES if a["outlet"] == outlet and a["headline"].startswith(headline_start))


#: spiegel.de ("Wie das US-Nachrichtenportal Axios unter Berufung auf US-Beamte berichtet"), n-tv.de (laut Axios)
SPIEGEL = _line("spiegel.de", "Geheimverhandlungen über die Ukraine")
NTV = next(a for a in LINES if a["outlet"] == "n-tv.de" and "Axios" in a["text"])


def _ingest(store, tmp_path: Path, *lines: dict) -> None:
    path = tmp_path / f"batch{len(list(tmp_path.iterdir()))}.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in lines), encoding="utf-8")
    summary = ingest_into(store, [str(path)], show_progress=False)
    assert summary.failed == 0, summary.failures


@pytest.fixture
def small(tmp_path):
    with open_store(store_url(tmp_path, "small")) as s:
        _ingest(s, tmp_path, SPIEGEL, NTV)
        yield s


def _expected(store, source: str = "") -> list[dict]:
    """The claims as the listing gave them before ``claim_rows``, computed from the stored records: every
    event claim whose chain names ``source`` (part of a name, any case; "anonymous": an unnamed source),
    with its story event and drift, then every other attributed statement."""
    wanted = source.lower()

    def keep(chain: list[dict]) -> bool:
        if not wanted:
            return True
        if wanted in ("anonymous", "anonym"):
            return any(s.get("anonymous") for s in chain)
        return any(wanted in (s.get("name") or "").lower() for s in chain)

    with store.read() as conn:
        story_of = {(r.article_id, r.evid): r.story_event for r in conn.execute(select(event_links))}
        drift: dict[str, dict] = {}
        for view in story_events_view(conn):
            drift.update(view.drift)
    claims, statements = [], []
    for record in store.iter_records():
        used = {c.statement for ev in record.events for c in ev.claims if c.statement}
        for ev in record.events:
            for c in ev.claims:
                chain = [s.model_dump(mode="json") for s in c.sources]
                if not keep(chain):
                    continue
                cid = f"{record.id}:{c.id}"
                sentence = record.sentences[c.sentence] if c.sentence is not None else None
                claims.append(
                    {
                        "id": cid,
                        "event": story_of[(record.id, ev.id)],
                        "article": record.id,
                        "outlet": record.meta.outlet,
                        "published": record.meta.published,
                        "statement": c.statement,
                        "kind": c.kind,
                        "hedged": c.hedged,
                        "sources": [s["name"] for s in chain],
                        "text": (record.text[sentence.start : sentence.end] if sentence else None) or c.text,
                        "status": c.status,
                        "drift": drift.get(cid),
                    }
                )
        for st in record.statements:
            chain = [s.model_dump(mode="json") for s in st.sources]
            if st.kind == "asserted" or st.id in used or not keep(chain):
                continue
            statements.append(
                {
                    "id": f"{record.id}:{st.id}",
                    "event": None,
                    "article": record.id,
                    "outlet": record.meta.outlet,
                    "published": record.meta.published,
                    "statement": st.id,
                    "kind": st.kind,
                    "hedged": st.hedged,
                    "sources": [s["name"] for s in chain],
                    "text": st.text,
                    "status": None,
                    "drift": None,
                }
            )
    return claims + statements


def _key(row: dict) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def _listed(store, source: str | None = None) -> list[dict]:
    with store.read() as conn:
        return list(claims_view(conn, source=source))


def test_claims_von_axios_sind_dieselben_wie_in_den_artikeln(dev_store):
    """`quellenlage claims --source Axios`: spiegel.de's "laut Axios", ntv.de's "laut Axios" … — the rows the
    records give, no more, no fewer, each field as before (drift included)."""
    db = dev_store.url.removeprefix("sqlite:///")
    result = CliRunner().invoke(main, ["--db", db, "claims", "--source", "Axios", "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    expected = _expected(dev_store, "Axios")
    assert len(expected) >= 5 and {r["outlet"] for r in expected} >= {"spiegel.de", "ntv.de"}
    for row in shown:  # the CLI shows the drift's kind and the date to the minute
        assert row.pop("when") == (row["published"] or "")[:16]
    assert sorted(map(_key, shown)) == sorted(_key({**r, "drift": r["drift"]["kind"] if r["drift"] else ""}) for r in expected)
    assert any(r["drift"] for r in expected)  # "sollen sich laut Axios … getroffen": hearsay beside a fact


@pytest.mark.parametrize("source", ["", "axios", "AXIOS", "anonymous", "Beamte", "Kreml", "Nirgendwo"])
def test_jede_quelle_gibt_dieselben_claims_wie_die_artikel(dev_store, source):
    listed = _listed(dev_store, source or None)
    assert sorted(map(_key, listed)) == sorted(map(_key, _expected(dev_store, source)))
    with dev_store.read() as conn:
        assert claims_count(conn, source or None) == len(listed)


def test_event_claims_zuerst_dann_aussagen_nach_erscheinen(dev_store):
    listed = _listed(dev_store)
    sections = [r["event"] is None for r in listed]
    assert sections == sorted(sections) and any(sections) and not all(sections)  # event claims, then statements
    for part in (False, True):
        when = [r["published"] for r in listed if (r["event"] is None) == part]
        assert when == sorted(when)


def test_ein_teil_eines_namens_ist_kein_muster(dev_store):
    """ "a_ios" or "%" are letters to look for, not LIKE wildcards; "s|a" never spans two names
    ("spiegel.de|axios")."""
    assert _listed(dev_store, "axios") and not _listed(dev_store, "a_ios") and not _listed(dev_store, "%")
    assert not _listed(dev_store, "de|axios")
    assert _listed(dev_store, "US-Beamt") == [r for r in _listed(dev_store) if any("us-beamt" in s.lower() for s in r["sources"])]


@pytest.mark.parametrize("source", ["", "Axios", "anonymous"])
def test_seiten_sind_aufeinanderfolgende_ausschnitte_der_liste(dev_store, source):
    everything = _listed(dev_store, source or None)
    assert everything
    with dev_store.read() as conn:
        for limit in (1, 7, 20):
            pages = [
                list(claims_view(conn, source=source or None, limit=limit, offset=o)) for o in range(0, len(everything), limit)
            ]
            assert all(len(p) == limit for p in pages[:-1]) and 0 < len(pages[-1]) <= limit
            assert [r for p in pages for r in p] == everything
            assert list(claims_view(conn, source=source or None, limit=limit, offset=len(everything))) == []
        page = claim_page(conn, source, 5, 3)
        assert claim_page(conn, "Nirgendwo", 5, 0) == {"source": "Nirgendwo", "total": 0, "limit": 5, "offset": 0, "items": []}
    assert page["total"] == len(everything) and page["offset"] == 3 and page["limit"] == 5
    assert [c["id"] for c in page["items"]] == [c["id"] for c in everything[3:8]]


def test_die_cli_zeigt_eine_seite_und_sagt_wo_die_naechste_beginnt(dev_store):
    db = dev_store.url.removeprefix("sqlite:///")
    everything = _listed(dev_store)
    result = CliRunner().invoke(main, ["--db", db, "claims", "--limit", "10", "--offset", "10", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in json.loads(result.stdout)] == [r["id"] for r in everything[10:20]]
    assert f"claims 11–20 of {len(everything)}; --offset 20 for the next" in result.stderr


def test_der_export_schreibt_alle_claims(dev_store, tmp_path):
    db = dev_store.url.removeprefix("sqlite:///")
    out = tmp_path / "claims.jsonl"
    result = CliRunner().invoke(main, ["--db", db, "export", "claims", "-o", str(out)])
    assert result.exit_code == 0, result.output
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert exported == _listed(dev_store) and len(exported) > 100


def _rows_of(store, article_id: str) -> list[tuple[str, str | None]]:
    with store.read() as conn:
        rows = conn.execute(select(claim_rows.c.claim, claim_rows.c.evid).where(claim_rows.c.article_id == article_id))
        return sorted((r.claim, r.evid) for r in rows)


def _id_of(store, url: str) -> str:
    with store.read() as conn:
        return conn.execute(select(articles.c.id).where(articles.c.url == url)).scalar_one()


def test_eine_neue_fassung_ersetzt_ihre_claims_statt_sie_zu_verdoppeln(small, tmp_path):
    """spiegel.de revises its article: the sentence "Außerdem soll Kiew dauerhaft auf einen Beitritt zur Nato
    verzichten." (laut Axios) is gone; its claims are those of the new revision, once each."""
    spiegel = _id_of(small, SPIEGEL["url"])
    before = _rows_of(small, spiegel)
    assert any("Nato" in (r["text"] or "") for r in _listed(small, "Axios") if r["article"] == spiegel)
    revised = {
        **SPIEGEL,
        "text": SPIEGEL["text"].replace("Außerdem soll Kiew dauerhaft auf einen Beitritt zur Nato verzichten.", ""),
    }
    assert revised["text"] != SPIEGEL["text"]
    _ingest(small, tmp_path, revised)
    after = _rows_of(small, spiegel)
    assert len(after) == len(set(after)) and 0 < len(after) < len(before)
    assert not any("Nato" in (r["text"] or "") for r in _listed(small) if r["article"] == spiegel)
    assert sorted(map(_key, _listed(small))) == sorted(map(_key, _expected(small)))
    # linking again (nothing changed) adds nothing
    assert link(small).articles == 0 and _rows_of(small, spiegel) == after


def test_ein_entlinkter_artikel_hat_keine_claims_mehr(small):
    ntv = _id_of(small, NTV["url"])
    assert any(r["article"] == ntv for r in _listed(small, "Axios"))
    with small.read() as conn:
        total = claims_count(conn)
    gone = len(_rows_of(small, ntv))
    with small.write() as conn:
        event_linker.unlink_article(conn, ntv)
    assert _rows_of(small, ntv) == []
    assert not any(r["article"] == ntv for r in _listed(small))
    with small.read() as conn:
        assert claims_count(conn) == total - gone
        assert (
            conn.execute(select(func.count()).select_from(event_links).where(event_links.c.article_id == ntv)).scalar_one() == 0
        )


def test_ein_alter_speicher_bekommt_die_tabelle_und_einen_neuen_linkerlauf(small, tmp_path):
    """A store linked before migration 8 (no claim_rows, linker events.2): opening it creates the table, the
    next `link` relinks every article (a new linker version) and fills it."""
    expected = sorted(map(_key, _listed(small)))
    path = small.url.removeprefix("sqlite:///")
    with small.write() as conn:
        conn.execute(text("DROP TABLE claim_rows"))
        before_revision(conn, 8)
        conn.execute(update(link_articles).values(version="entities.1+events.2+stories.1"))
    small.close()
    with open_store(path) as reopened:
        with reopened.read() as conn:
            assert conn.execute(select(func.count()).select_from(claim_rows)).scalar_one() == 0
        summary = link(reopened)
        assert summary.rebuilt and summary.articles == 2
        assert sorted(map(_key, _listed(reopened))) == expected
