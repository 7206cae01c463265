"""``quellenlage check [--repair]``: a real store damaged on purpose, each damage found in one line, mended by
``--repair``, and the store clean again.

One store of six articles (the stories development collection) serves the module: each test damages it the
way a crash, a bug or a hand in the database could, checks, repairs and checks again, so it leaves the store
clean for the next. Runs on SQLite and (second test run) on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import SEED_TXT, STORIES_DEV, TEST_BACKEND, store_url
from sqlalchemy import text

from quellenlage.integrity import check, repair
from quellenlage.store import open_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from quellenlage.batch import ingest_into

    folder = tmp_path_factory.mktemp("check")
    six = folder / "sechs.jsonl"
    six.write_text("".join(STORIES_DEV.read_text(encoding="utf-8").splitlines(keepends=True)[:6]), encoding="utf-8")
    with open_store(store_url(folder, "check")) as s:
        summary = ingest_into(s, [str(six)], show_progress=False)
        assert summary.counts["stored"] == 6 and summary.linked
        yield s


def damage(store, *statements: str) -> None:
    """Run SQL on the store as a hand or a bug would: foreign keys not enforced (nothing stops an orphan)."""
    raw = store.engine.raw_connection()
    cur = raw.cursor()
    sqlite = store.engine.dialect.name == "sqlite"
    try:
        cur.execute("PRAGMA foreign_keys=OFF" if sqlite else "SET session_replication_role = replica")
        for statement in statements:
            cur.execute(statement)
        raw.commit()
    finally:
        cur.execute("PRAGMA foreign_keys=ON" if sqlite else "RESET session_replication_role")
        raw.commit()
        cur.close()
        raw.close()


def value(store, sql: str):
    with store.engine.connect() as conn:
        return conn.execute(text(sql)).scalar()


def first_id(store, offset: int = 0) -> str:
    return value(store, f"SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET {offset}")


def found_mended_clean(store, *expected: str) -> list[str]:
    """Check: each expected piece in some problem's line; repair: all mended; check again: clean. Returns the
    problem lines."""
    found = check(store)
    lines = [p.line() for p in found.problems]
    for piece in expected:
        assert any(piece in line for line in lines), (piece, lines)
    assert all("\n" not in line for line in lines)
    mended, after = repair(store, found)
    assert after.clean, [p.line() for p in after.problems]
    assert len(mended) >= len(found.problems)
    assert all(line.endswith(")") and "mended (" in line for line in mended), mended
    assert check(store).clean and check(store).notes == []
    return lines


def test_ein_frisch_gespeicherter_und_verknuepfter_speicher_ist_sauber(store):
    report = check(store)
    assert report.clean and report.notes == [], [p.line() for p in report.problems]
    assert report.summary().startswith("clean: no problems found")


def test_ein_doppelter_aussagen_eintrag_wird_gefunden_und_aus_dem_record_neu_abgeleitet(store):
    article = first_id(store)
    statements = value(store, f"SELECT count(*) FROM statements WHERE article_id = '{article}'")
    cols = 'article_id, sid, idx, kind, start, "end", text, sources, hedged'
    damage(store, f"INSERT INTO statements ({cols}) SELECT {cols} FROM statements WHERE article_id = '{article}' AND idx = 0")
    lines = found_mended_clean(store, f"duplicate statements rows: {article}")
    assert lines == [f"records: 1 article: duplicate statements rows: {article}"]
    assert value(store, f"SELECT count(*) FROM statements WHERE article_id = '{article}'") == statements


def test_fehlende_erwähnungen_eines_artikels_werden_gefunden_und_ergänzt(store):
    article = first_id(store, 1)
    mentions = value(store, f"SELECT count(*) FROM mentions WHERE article_id = '{article}'")
    damage(store, f"DELETE FROM mentions WHERE pk = (SELECT min(pk) FROM mentions WHERE article_id = '{article}')")
    found_mended_clean(store, f"mentions rows missing: {article}")
    assert value(store, f"SELECT count(*) FROM mentions WHERE article_id = '{article}'") == mentions


def test_zeilen_eines_nicht_vorhandenen_artikels_werden_entfernt(store):
    damage(
        store,
        "INSERT INTO entities (article_id, eid, type, name, roles) VALUES ('gibtsnicht', 'e1', 'PER', 'Niemand', '[]')",
        "INSERT INTO link_queue (article_id, queued_at) VALUES ('gibtsnicht', '2025-11-19T10:00:00+00:00')",
    )
    found_mended_clean(store, "entities: 1 row naming 1 article that does not exist: gibtsnicht", "link_queue: 1 row")
    assert value(store, "SELECT count(*) FROM entities WHERE article_id = 'gibtsnicht'") == 0


def test_eine_revision_ohne_ihren_artikel_bekommt_ihn_wieder_kein_record_geht_verloren(store):
    article = first_id(store, 2)
    before = value(store, "SELECT count(*) FROM articles")
    sentences = value(store, f"SELECT count(*) FROM sentences WHERE article_id = '{article}'")
    damage(store, f"DELETE FROM articles WHERE id = '{article}'")
    lines = found_mended_clean(store, f"1 revision of 1 article that has no articles row: {article}")
    assert any("sentences: " in line and article in line for line in lines)  # its rows were orphans meanwhile
    assert value(store, "SELECT count(*) FROM articles") == before
    assert value(store, f"SELECT count(*) FROM sentences WHERE article_id = '{article}'") == sentences
    assert store.get(article).id == article


def test_ein_artikel_ohne_seine_aktuelle_revision_zeigt_wieder_auf_die_letzte(store):
    article = first_id(store, 3)
    damage(store, f"UPDATE articles SET current_revision = 7 WHERE id = '{article}'")
    found_mended_clean(store, f"1 article without its current revision: {article}")
    assert value(store, f"SELECT current_revision FROM articles WHERE id = '{article}'") == 1


def test_ein_unlesbarer_record_wird_gemeldet_und_nichts_wird_geloescht(store, tmp_path):
    article = first_id(store, 4)
    saved = value(store, f"SELECT record FROM revisions WHERE article_id = '{article}'")
    before = value(store, "SELECT count(*) FROM articles")
    damage(store, f"UPDATE revisions SET record = '{{\"kaputt\": true}}' WHERE article_id = '{article}'")
    found = check(store)
    assert [p.line() for p in found.problems][:1] == [
        f"records: article {article}: the current revision's record cannot be read: "
        + next(p.what.split("read: ", 1)[1] for p in found.problems)
    ]
    assert found.problems[0].mend is None and "1 cannot" in found.summary()
    _, after = repair(store, found)
    assert not after.clean and value(store, "SELECT count(*) FROM articles") == before  # nothing removed
    with store.write() as conn:  # the record put back by hand: clean again
        conn.execute(text("UPDATE revisions SET record = :r WHERE article_id = :a"), {"r": saved, "a": article})
    assert check(store).clean


def test_ein_fehlender_eintrag_im_volltextindex_wird_gefunden_und_der_index_neu_gebaut(store):
    word = "Gespräch*"
    hits = len(store.search(word, limit=1000))
    if TEST_BACKEND == "sqlite":
        damage(
            store,
            "INSERT INTO sentences_fts(sentences_fts, rowid, text) SELECT 'delete', pk, text FROM sentences "
            "WHERE pk = (SELECT min(pk) FROM sentences)",
        )
        found_mended_clean(store, "fulltext: sentences_fts: 1 sentences rows missing from the index")
    else:
        damage(store, "DROP INDEX ix_sentences_tsv")
        found_mended_clean(store, "fulltext: sentences: ix_sentences_tsv (the full-text index) is missing")
    assert len(store.search(word, limit=1000)) == hits


@pytest.mark.sqlite_only
def test_veraltete_und_verwaiste_eintraege_im_fts5_index_und_ein_fehlender_trigger(store):
    damage(
        store,
        "INSERT INTO statements_fts(rowid, text, speaker_text) VALUES (999999, 'Geisterzitat', 'Niemand')",
        "INSERT INTO sentences_fts(sentences_fts, rowid, text) SELECT 'delete', pk, text FROM sentences "
        "WHERE pk = (SELECT max(pk) FROM sentences)",
        "INSERT INTO sentences_fts(rowid, text) SELECT pk, 'ganz anderer Text' FROM sentences WHERE pk = (SELECT max(pk) FROM sentences)",
        "DROP TRIGGER sentences_fts_update",
    )
    lines = found_mended_clean(store, "1 index entries of statements rows that are gone", "trigger missing: sentences_fts_update")
    assert len(lines) == 2  # the stale entry of a table with a trigger missing: one line for that index
    damage(
        store,
        "INSERT INTO sentences_fts(sentences_fts, rowid, text) SELECT 'delete', pk, text FROM sentences "
        "WHERE pk = (SELECT max(pk) FROM sentences)",
        "INSERT INTO sentences_fts(rowid, text) SELECT pk, 'ganz anderer Text' FROM sentences WHERE pk = (SELECT max(pk) FROM sentences)",
    )
    found_mended_clean(store, "sentences_fts: index does not match its rows (FTS5 integrity-check")
    assert store.search("ganz anderer Text") == []


def test_eine_geloeschte_entitaetsverknuepfung_wird_gefunden_und_die_verknuepfung_neu_gebaut(store):
    article = first_id(store, 5)
    links = value(store, "SELECT count(*) FROM entity_links")
    damage(store, f"DELETE FROM entity_links WHERE article_id = '{article}' AND eid = 'e1'")
    found_mended_clean(
        store, f"entities without an entity link: {article}", "story_entities: 1 row whose members count is not the rows that are"
    )
    assert value(store, "SELECT count(*) FROM entity_links") == links


def test_ein_weder_verknuepfter_noch_wartender_artikel_wird_verknuepft(store):
    article = first_id(store)
    damage(store, f"DELETE FROM link_articles WHERE article_id = '{article}'")
    found_mended_clean(store, f"1 article neither linked nor waiting to be: {article}")


def test_wartende_artikel_sind_kein_problem_nur_ein_hinweis(store):
    damage(store, f"INSERT INTO link_queue (article_id, queued_at) VALUES ('{first_id(store)}', '2025-11-19T10:00:00+00:00')")
    report = check(store)
    assert report.clean and report.notes == [
        "1 article waiting to be linked (the next ingest, watch round or `quellenlage link` links them)"
    ]
    mended, after = repair(store, report)
    assert mended == ["links: 1 article waiting to be linked: mended (linked)"] and after.clean and after.notes == []


def test_abrufzeilen_ohne_artikel_oder_revision_werden_bereinigt(store):
    article = first_id(store)
    damage(
        store,
        "INSERT INTO fetched_urls (key, url, article_id, outcome, attempts, fetched_at) "
        "VALUES ('http://127.0.0.1/weg', 'http://127.0.0.1/weg', 'gibtsnicht', 'stored', 0, '2025-11-19T10:00:00+00:00')",
        "INSERT INTO pages (article_id, revision, url, final_url, fetched_at, status, sha256, size, raw) "
        f"VALUES ('{article}', 9, 'http://127.0.0.1/a', 'http://127.0.0.1/a', '2025-11-19T10:00:00+00:00', 200, 'x', 0, "
        + ("X'00')" if TEST_BACKEND == "sqlite" else "decode('00', 'hex'))"),
    )
    found_mended_clean(
        store,
        "fetched_urls: 1 URL naming an article that does not exist: http://127.0.0.1/weg",
        f"1 raw page of a revision that does not exist: {article} revision 9",
    )


# --- the command ---------------------------------------------------------------------------------


def _cli(db: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quellenlage", "--db", db, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "120"},
    )


def test_check_auf_der_kommandozeile_exit_status_eine_zeile_je_problem_und_reparatur(tmp_path):
    db = store_url(tmp_path, "befehl")
    assert _cli(db, "ingest", "--no-progress", str(SEED_TXT)).returncode == 0
    clean = _cli(db, "check")
    assert clean.returncode == 0 and clean.stdout.startswith("clean: no problems found"), clean.stdout + clean.stderr
    with open_store(db) as s:
        article = s.ids()[0]
        damage(s, f"DELETE FROM times WHERE pk = (SELECT min(pk) FROM times WHERE article_id = '{article}')")
    found = _cli(db, "check")
    assert found.returncode == 1 and found.stderr == ""
    assert found.stdout.splitlines() == [
        f"problem: records: 1 article: times rows missing: {article} [1]",
        found.stdout.splitlines()[-1],
    ]
    assert found.stdout.splitlines()[-1].startswith("1 problem (1 row) found in ")
    mended = _cli(db, "check", "--repair")
    assert mended.returncode == 0, mended.stdout + mended.stderr
    assert (
        f"mended: records: 1 article: times rows missing: {article}: mended (rows of 1 article made again from its record)"
        in (mended.stdout)
    )
    assert mended.stdout.splitlines()[-1].startswith("after repair: clean")
    assert _cli(db, "check").returncode == 0
    assert json.loads(_cli(db, "show", "--format", "json", article).stdout)["id"] == article


@pytest.mark.sqlite_only
def test_check_eines_fehlenden_speichers_ist_ein_bedienfehler_in_einer_zeile(tmp_path):
    missing = _cli(str(tmp_path / "gibtsnicht.db"), "check")
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.startswith(f"Error: {tmp_path / 'gibtsnicht.db'}: no store here")
    assert len(missing.stderr.splitlines()) == 1
    assert not (tmp_path / "gibtsnicht.db").exists()


@pytest.mark.sqlite_only
def test_ein_kaputter_index_der_revisionen_loescht_bei_der_reparatur_keinen_artikel(tmp_path):
    """An index of ``revisions`` pointing at an empty b-tree makes every article look as if it had no revision;
    the repair rebuilds the indexes first and checks again before it mends anything else: no article is removed
    (what REINDEX cannot mend of such damage — a page used twice — stays reported, as the engine's problem)."""
    import shutil
    import sqlite3

    from quellenlage.batch import ingest_into

    db = tmp_path / "index.db"
    with open_store(str(db)) as s:
        assert ingest_into(s, [str(SEED_TXT)], show_progress=False).counts["stored"] == 1
    shutil.copy(db, tmp_path / "vorher.db")
    raw = sqlite3.connect(db)
    raw.execute("CREATE TABLE leer (article_id TEXT)")
    raw.execute("CREATE INDEX ix_leer ON leer (article_id)")
    root = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_leer'").fetchone()[0]
    raw.execute("PRAGMA writable_schema = ON")
    raw.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = 'ix_revisions_article_id'", (root,))
    raw.commit()
    raw.close()
    with open_store(str(db)) as s:
        found = check(s)
        assert found.problems and any(p.area == "engine" for p in found.problems)
        assert all("\n" not in p.line() for p in found.problems)
        assert {p.area for p in found.problems} == {"engine"}  # nothing read through the broken index
        mended, after = repair(s, found)
        assert not any("removed" in line for line in mended), mended
        assert value(s, "SELECT count(*) FROM articles") == 1
        assert value(s, "SELECT count(*) FROM revisions NOT INDEXED") == 1
        assert {p.area for p in after.problems} <= {"engine"}, [p.line() for p in after.problems]
