"""The store: SQLite set-up, migrations, revisions, id prefixes, full-text search, rollback."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from conftest import before_revision, store_url
from sqlalchemy import func, select, text

from quellenlage.errors import NotFound, StoreError
from quellenlage.record import (
    AnalysisInfo,
    Entity,
    Event,
    EventTime,
    Mention,
    Meta,
    Record,
    Sentence,
    Source,
    Speaker,
    Statement,
    TimeExpression,
)
from quellenlage.store import match_expression, open_store
from quellenlage.store.migrations import HEAD, history, migrate, schema_migrations
from quellenlage.store.rows import prepare
from quellenlage.store.tables import articles, entities, events, mentions, revisions, sentences, statements, times

ARTICLE_ID = "3f9a1c7e5b2d4a6f"


def make_record(
    sentence_texts: list[str],
    *,
    article_id: str = ARTICLE_ID,
    outlet: str = "ntv.de",
    published: str | None = "2025-11-19T10:15:00+01:00",
    statements_by_speaker: dict[str, str] | None = None,
    version: str = "0.1.0",
) -> Record:
    """A record whose sentences are ``sentence_texts`` joined by spaces.

    ``statements_by_speaker`` maps a speaker to an indirect-speech statement
    that must occur in one of the sentences.
    """
    text_ = " ".join(sentence_texts)
    spans, pos = [], 0
    for sentence in sentence_texts:
        spans.append(Sentence(start=pos, end=pos + len(sentence), paragraph=0))
        pos += len(sentence) + 1
    found = []
    for i, (speaker, quote) in enumerate((statements_by_speaker or {}).items()):
        start = text_.index(quote)
        found.append(
            Statement(
                id=f"s{i + 1}",
                start=start,
                end=start + len(quote),
                text=quote,
                kind="indirect_speech",
                speaker=Speaker(text=speaker),
                sentences=[i],
            )
        )
    return Record(
        id=article_id,
        content_hash=hashlib.sha256(text_.encode()).hexdigest(),
        meta=Meta(outlet=outlet, headline=sentence_texts[0], published=published),
        text=text_,
        sentences=spans,
        statements=found,
        analysis=AnalysisInfo(version=version, stages=["segment"]),
    )


def full_record() -> Record:
    """A record with every normalised part filled by hand."""
    text_ = "Am Mittwoch traf Witkoff in Moskau den Kremlchef Putin. Der Kreml bestätigte das Treffen."
    #        0         1         2         3         4         5         6         7         8
    return Record(
        id="ntv-witkoff-moskau",
        content_hash="c0ffee",
        meta=Meta(outlet="ntv.de", headline="Witkoff in Moskau", published="2025-11-19"),
        text=text_,
        sentences=[Sentence(start=0, end=55, paragraph=0), Sentence(start=56, end=len(text_), paragraph=0)],
        entities=[
            Entity(
                id="e1",
                type="PER",
                name="Steve Witkoff",
                roles=["US-Sondergesandter"],
                mentions=[Mention(start=17, end=24, text="Witkoff", sentence=0)],
            ),
            Entity(
                id="e2",
                type="ORG",
                name="Kreml",
                mentions=[Mention(start=60, end=65, text="Kreml", sentence=1)],
            ),
        ],
        statements=[
            Statement(
                id="s1",
                start=56,
                end=len(text_),
                text="Der Kreml bestätigte das Treffen.",
                kind="reported",
                speaker=Speaker(text="Der Kreml", entity="e2"),
                sources=[Source(name="Kreml", entity="e2")],
                sentences=[1],
            )
        ],
        times=[TimeExpression(start=3, end=11, text="Mittwoch", value="2025-11-19", type="DATE", sentence=0)],
        events=[
            Event(
                id="ev1",
                type="meeting",
                participants=["e1"],
                place=None,
                status="happened",
                time=EventTime(value="2025-11-19"),
                evidence=["s1"],
            )
        ],
        analysis=AnalysisInfo(version="0.1.0"),
    )


@pytest.fixture
def store(tmp_path):
    with open_store(store_url(tmp_path, "quellenlage")) as opened:
        yield opened


def rows(store, table, article_id=ARTICLE_ID) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(table.c.article_id == article_id)).scalar_one()


# --- opening and migrating ---------------------------------------------------


@pytest.mark.sqlite_only
def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(store, tmp_path):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
    # WAL is a property of the file: any other client sees it too.
    other = sqlite3.connect(tmp_path / "quellenlage.db")
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        other.close()


@pytest.mark.sqlite_only
def test_open_store_takes_path_then_env_var_then_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QUELLENLAGE_DB", str(tmp_path / "from-env.db"))
    with open_store() as store:
        assert store.url.endswith("from-env.db")
    monkeypatch.delenv("QUELLENLAGE_DB")
    with open_store():
        pass
    assert (tmp_path / "from-env.db").exists()
    assert (tmp_path / "quellenlage.db").exists()


@pytest.mark.sqlite_only
def test_open_store_accepts_a_sqlalchemy_url(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'url.db'}") as store:
        assert store.put(make_record(["Die Gespräche laufen."])).status == "stored"
    assert (tmp_path / "url.db").exists()


def test_unknown_database_url_is_a_store_error():
    with pytest.raises(StoreError, match="nosuchdb"):
        open_store("nosuchdb://somewhere/db")


@pytest.mark.sqlite_only
@pytest.mark.parametrize("problem", ["not a database", "missing directory"])
def test_a_file_that_cannot_be_a_store_is_a_store_error(tmp_path, problem):
    path = tmp_path / "quellenlage.db"
    if problem == "not a database":
        path.write_text("Dies ist keine Datenbank, sondern ein Text über Geheimgespräche.\n" * 100)
    else:
        path = tmp_path / "fehlt" / "quellenlage.db"
    with pytest.raises(StoreError, match=str(path)):
        open_store(str(path))


def test_migrations_are_versioned_and_running_them_again_changes_nothing(tmp_path):
    revisions = history()
    assert [m.version for m in revisions] == list(range(1, len(revisions) + 1)) and revisions[-1].version == int(HEAD)
    assert (revisions[0].name, revisions[1].name) == ("tables", "full-text indexes")
    path = store_url(tmp_path, "quellenlage")
    with open_store(path) as store:
        assert store.schema_version() == int(HEAD)
        with store.engine.connect() as conn:
            applied = conn.execute(select(schema_migrations).order_by(schema_migrations.c.version)).all()
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD
        assert [(row.version, row.name) for row in applied] == [(m.version, m.name) for m in revisions]
        assert migrate(store.engine) == int(HEAD)
    with open_store(path) as store, store.engine.connect() as conn:
        assert conn.execute(select(schema_migrations).order_by(schema_migrations.c.version)).all() == applied


def test_a_store_from_before_alembic_is_stamped_at_its_version_and_upgraded(tmp_path):
    path = store_url(tmp_path, "quellenlage")
    with open_store(path) as store:
        store.put(make_record(["Die Gespräche laufen."], published="2025-11-19T10:15:00+01:00"))
        with store.engine.begin() as conn:  # as the runner before Alembic left it: history to 9, no alembic_version
            conn.execute(text("DROP INDEX ix_articles_published_at"))
            conn.execute(text("ALTER TABLE articles DROP COLUMN published_at"))
            before_revision(conn, 10)
            kept = conn.execute(select(schema_migrations).order_by(schema_migrations.c.version)).all()
    with open_store(path) as store, store.engine.connect() as conn:
        assert store.schema_version() == int(HEAD)
        history_now = conn.execute(select(schema_migrations).order_by(schema_migrations.c.version)).all()
        assert history_now[:9] == kept and history_now[9].version == 10  # earlier history kept as it was
        assert [hit.text for hit in store.search("Gespräche")] == ["Die Gespräche laufen."]
        assert [r.id for r in store.iter_records()] == [ARTICLE_ID]


def test_migration_3_adds_the_event_columns_to_a_database_made_before_it(tmp_path):
    from sqlalchemy import inspect, text

    event_columns = ("modality", "groups", "sources", "status_changes")
    path = store_url(tmp_path, "quellenlage")
    with open_store(path) as store, store.engine.begin() as conn:  # back to the shape of version 2
        for name in event_columns:
            conn.execute(text(f"ALTER TABLE events DROP COLUMN {name}"))
        before_revision(conn, 3)
    with open_store(path) as store:
        assert store.schema_version() == int(HEAD)
        with store.engine.connect() as conn:
            assert set(event_columns) <= {c["name"] for c in inspect(conn).get_columns("events")}
        assert store.put(quellenlage_record()).status == "stored"


def quellenlage_record():
    import quellenlage

    return quellenlage.analyze("Merz und Macron trafen sich am Montag in Paris.", published="2025-11-19")


# --- put: stored, unchanged, revised, reanalysed -----------------------------


def test_put_stores_a_new_article_and_the_same_again_is_unchanged(store):
    record = make_record(["Die Gespräche laufen.", "Der Kreml schweigt."])
    first = store.put(record, source_name="ntv.txt")
    assert (first.status, first.id, first.revision) == ("stored", ARTICLE_ID, 1)
    again = store.put(record, source_name="ntv.txt")
    assert (again.status, again.revision) == ("unchanged", 1)
    assert store.count() == 1
    assert store.get(ARTICLE_ID) == record
    assert [r["source_name"] for r in store.revisions(ARTICLE_ID)] == ["ntv.txt"]


def test_changed_text_under_the_same_id_is_revision_2_and_revision_1_stays_retrievable(store):
    old = make_record(["Die Geheimgespräche laufen seit Wochen."])
    new = make_record(["Die Geheimgespräche laufen seit Monaten.", "Das bestätigte Kiew."])
    store.put(old)
    result = store.put(new)
    assert (result.status, result.revision) == ("revised", 2)
    assert store.get(ARTICLE_ID) == new
    assert store.get(ARTICLE_ID, revision=1) == old
    assert [(r["revision"], r["content_hash"]) for r in store.revisions(ARTICLE_ID)] == [
        (1, old.content_hash),
        (2, new.content_hash),
    ]
    with store.engine.connect() as conn:
        assert conn.execute(select(articles.c.current_revision)).scalar_one() == 2
    # The old text again is a known revision, not a third one.
    assert store.put(old).status == "unchanged"


def test_a_revision_replaces_the_normalised_rows_and_the_search_index(store):
    store.put(make_record(["Die Geheimgespräche laufen seit Wochen.", "Moskau schweigt.", "Kiew auch."]))
    store.put(make_record(["Die Geheimgespräche laufen seit Monaten."]))
    assert rows(store, sentences) == 1
    assert store.search("Wochen") == []
    assert store.search("Moskau") == []
    assert [hit.text for hit in store.search("Monaten")] == ["Die Geheimgespräche laufen seit Monaten."]


def test_a_new_analysis_version_of_the_current_revision_is_reanalysed_in_place(store):
    sentence_texts = ["Peskow sagte, die Gespräche seien konstruktiv."]
    store.put(make_record(sentence_texts, version="0.1.0"))
    newer = make_record(sentence_texts, version="0.2.0", statements_by_speaker={"Peskow": "die Gespräche seien konstruktiv"})
    result = store.put(newer)
    assert (result.status, result.revision) == ("reanalysed", 1)
    assert store.get(ARTICLE_ID) == newer
    assert [r["analysis_version"] for r in store.revisions(ARTICLE_ID)] == ["0.2.0"]
    assert rows(store, statements) == 1
    assert rows(store, sentences) == 1
    assert store.put(newer).status == "unchanged"


def test_is_unchanged_answers_as_put_would_so_a_batch_can_skip_analysis(store):
    record = make_record(["Die Gespräche laufen."], version="0.1.0")
    assert not store.is_unchanged(ARTICLE_ID, record.content_hash, "0.1.0")  # not stored yet
    store.put(record)
    assert store.is_unchanged(ARTICLE_ID, record.content_hash, "0.1.0")
    assert not store.is_unchanged(ARTICLE_ID, record.content_hash, "0.2.0")  # would be reanalysed
    assert not store.is_unchanged(ARTICLE_ID, "sha256:other", "0.1.0")  # would be revised


def test_unchanged_answers_for_many_records_with_one_look_up(store):
    """The parallel ingest asks once for the articles of a task: Genf stored, its old text, Wien new."""
    genf_old = make_record(["Die Gespräche in Genf beginnen."], article_id="genf-1")
    genf = make_record(["Die Gespräche in Genf laufen."], article_id="genf-1")
    wien = make_record(["Die Gespräche in Wien laufen."], article_id="wien-1")
    store.put(genf_old)
    store.put(genf)
    keys = [(r.id, r.content_hash) for r in (genf, genf_old, wien)]
    assert store.unchanged(keys, "0.1.0") == {keys[0], keys[1]}  # the old text again is "unchanged" too, as put says
    assert store.unchanged(keys, "0.2.0") == {keys[1]}  # the current one would be reanalysed
    assert store.unchanged([], "0.1.0") == set()


def test_a_new_analysis_of_an_old_revision_is_unchanged(store):
    old = make_record(["Die Gespräche laufen."], version="0.1.0")
    store.put(old)
    store.put(make_record(["Die Gespräche sind beendet."], version="0.1.0"))
    result = store.put(make_record(["Die Gespräche laufen."], version="0.2.0"))
    assert (result.status, result.revision) == ("unchanged", 1)
    assert store.get(ARTICLE_ID, revision=1) == old


def test_every_part_of_the_record_lands_in_its_normalised_table(store):
    record = full_record()
    store.put(record)
    with store.engine.connect() as conn:
        assert conn.execute(select(sentences.c.idx, sentences.c.text).order_by(sentences.c.idx)).all() == [
            (0, "Am Mittwoch traf Witkoff in Moskau den Kremlchef Putin."),
            (1, "Der Kreml bestätigte das Treffen."),
        ]
        statement = conn.execute(select(statements)).one()
        assert statement.speaker_text == "Der Kreml"
        assert statement.speaker_entity == "e2"
        assert statement.speaker_anonymous is False
        assert statement.speaker_anonymous_kind is None
        assert statement.sources == [{"name": "Kreml", "entity": "e2", "anonymous": False, "anonymous_kind": None, "known": None}]
        assert statement.hedged is False
        assert conn.execute(select(entities.c.eid, entities.c.name, entities.c.roles)).all() == [
            ("e1", "Steve Witkoff", ["US-Sondergesandter"]),
            ("e2", "Kreml", []),
        ]
        assert conn.execute(select(mentions.c.eid, mentions.c.text, mentions.c.sentence)).all() == [
            ("e1", "Witkoff", 0),
            ("e2", "Kreml", 1),
        ]
        assert conn.execute(select(times.c.text, times.c.value, times.c.type)).all() == [("Mittwoch", "2025-11-19", "DATE")]
        event = conn.execute(select(events)).one()
        assert (event.evid, event.status, event.time_value, event.participants, event.evidence) == (
            "ev1",
            "happened",
            "2025-11-19",
            ["e1"],
            ["s1"],
        )
        raw_json = conn.exec_driver_sql("SELECT CAST(roles AS TEXT) FROM entities WHERE eid = 'e1'").scalar()
    assert raw_json == '["US-Sondergesandter"]'
    assert store.get("ntv-witkoff-moskau") == record


# --- all or nothing ----------------------------------------------------------


def add_boom_trigger(store) -> None:
    with store.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql(
                "CREATE TRIGGER boom BEFORE INSERT ON sentences WHEN NEW.text LIKE '%BOOM%' BEGIN SELECT RAISE(ABORT, 'boom'); END"
            )
        else:
            conn.exec_driver_sql(
                "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN IF NEW.text LIKE '%%BOOM%%' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$"
            )
            conn.exec_driver_sql("CREATE TRIGGER boom BEFORE INSERT ON sentences FOR EACH ROW EXECUTE FUNCTION boom()")


def test_a_failing_put_leaves_nothing_of_the_article_and_the_next_one_stores(store):
    add_boom_trigger(store)
    with pytest.raises(StoreError, match=f"^{ARTICLE_ID}: boom"):
        store.put(make_record(["Alles ruhig in Berlin.", "Dann BOOM."]))
    with store.engine.connect() as conn:
        for table in (revisions, sentences):
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(articles)).scalar_one() == 0
    assert store.search("ruhig") == []
    with pytest.raises(NotFound):
        store.get(ARTICLE_ID)

    result = store.put(make_record(["Alles ruhig in Berlin."], article_id="other-article"))
    assert result.status == "stored"
    assert [hit.article_id for hit in store.search("ruhig")] == ["other-article"]


def test_a_failing_revision_keeps_the_previous_revision_current(store):
    old = make_record(["Die Gespräche laufen."])
    store.put(old)
    add_boom_trigger(store)
    with pytest.raises(StoreError, match="boom"):
        store.put(make_record(["Die Gespräche laufen.", "BOOM."]))
    assert store.get(ARTICLE_ID) == old
    assert len(store.revisions(ARTICLE_ID)) == 1
    assert [hit.text for hit in store.search("Gespräche")] == ["Die Gespräche laufen."]


# --- several records in one transaction (the parallel ingest's writer) -------------------------


def table_rows(store) -> dict[str, list[tuple]]:
    """Every row of the record tables, timestamps left out, in a stable order."""
    out = {}
    with store.engine.connect() as conn:
        for table in (articles, revisions, sentences, statements, entities, mentions, times, events):
            columns = [c for c in table.c if c.name not in ("created_at", "updated_at", "pk")]
            out[table.name] = sorted(tuple(map(str, row)) for row in conn.execute(select(*columns)))
    return out


def test_put_many_stores_what_put_stores_one_by_one(tmp_path):
    records = [
        full_record(),
        make_record(["Die Gespräche in Genf laufen."], article_id="genf-1"),
        make_record(["Witkoff traf Dmitrijew in Miami."], article_id="miami-1", statements_by_speaker={"Witkoff": "traf"}),
    ]
    with open_store(store_url(tmp_path, "one_by_one")) as one, open_store(store_url(tmp_path, "together")) as together:
        assert [one.put(r).status for r in records] == ["stored"] * 3
        results = together.put_many([prepare(r) for r in records])
        assert [(r.status, r.id, r.revision) for r in results] == [("stored", r.id, 1) for r in records]
        assert table_rows(together) == table_rows(one)
        assert together.get("genf-1") == records[1]
        assert [hit.article_id for hit in together.search("Genf")] == ["genf-1"]


def test_put_many_takes_an_article_twice_in_one_group_as_put_would(store):
    """The second text of "genf-1" in the same group is its revision 2; the same text again is unchanged."""
    first = make_record(["Die Gespräche in Genf laufen."], article_id="genf-1")
    second = make_record(["Die Gespräche in Genf sind beendet."], article_id="genf-1")
    results = store.put_many(
        [prepare(first), prepare(make_record(["Ein Satz."], article_id="x-1")), prepare(second), prepare(second)]
    )
    assert [(r.status, r.revision) for r in results] == [("stored", 1), ("stored", 1), ("revised", 2), ("unchanged", 2)]
    assert store.get("genf-1") == second and store.get("genf-1", revision=1) == first
    assert [hit.text for hit in store.search("Genf")] == ["Die Gespräche in Genf sind beendet."]


def test_put_many_lets_only_the_refused_record_fail_and_stores_the_others(store):
    add_boom_trigger(store)
    records = [
        make_record(["Alles ruhig in Berlin."], article_id="berlin-1"),
        make_record(["Alles ruhig in Wien.", "Dann BOOM."], article_id="wien-1"),
        make_record(["Alles ruhig in Bern."], article_id="bern-1"),
    ]
    results = store.put_many([prepare(r) for r in records])
    assert [getattr(r, "status", None) for r in results] == ["stored", None, "stored"]
    assert isinstance(results[1], StoreError) and str(results[1]).startswith("wien-1: boom")
    assert store.ids() == ["berlin-1", "bern-1"]
    assert sorted(hit.article_id for hit in store.search("ruhig")) == ["berlin-1", "bern-1"]
    with store.engine.connect() as conn:
        assert (
            conn.execute(select(func.count()).select_from(sentences).where(sentences.c.article_id == "wien-1")).scalar_one() == 0
        )


# --- ids ---------------------------------------------------------------------


def test_get_accepts_a_unique_id_prefix_of_four_characters(store):
    store.put(make_record(["Die Gespräche laufen."]))
    store.put(make_record(["Der Kreml schweigt."], article_id="7c2e0d"))
    assert store.resolve_id("3f9a") == ARTICLE_ID
    assert store.get("3f9a1").id == ARTICLE_ID
    assert store.revisions("7c2e")[0]["revision"] == 1


@pytest.mark.parametrize(
    "prefix, message",
    [
        ("3f9", "at least 4 characters"),
        ("abcd", "no such article"),
        ("3f9a", "ambiguous id prefix, matches 3f9a1c7e5b2d4a6f, 3f9a20"),
    ],
)
def test_short_unknown_or_ambiguous_ids_are_not_found(store, prefix, message):
    store.put(make_record(["Die Gespräche laufen."]))
    store.put(make_record(["Der Kreml schweigt."], article_id="3f9a20"))
    with pytest.raises(NotFound, match=message):
        store.get(prefix)


def test_an_id_prefix_is_matched_literally_not_as_a_pattern(store):
    store.put(make_record(["Die Gespräche laufen."], article_id="ABCDEF"))
    with pytest.raises(NotFound):
        store.resolve_id("abcd")
    with pytest.raises(NotFound):
        store.resolve_id("AB_D")


def test_an_unknown_revision_is_not_found(store):
    store.put(make_record(["Die Gespräche laufen."]))
    with pytest.raises(NotFound, match="no revision 2"):
        store.get(ARTICLE_ID, revision=2)


def test_count_and_ids(store):
    assert store.count() == 0
    store.put(make_record(["Die Gespräche laufen."], article_id="bbbb"))
    store.put(make_record(["Der Kreml schweigt."], article_id="aaaa"))
    assert store.count() == 2
    assert store.ids() == ["aaaa", "bbbb"]


def test_iter_records_runs_by_publication_date_then_id_with_undated_last(store):
    for article_id, published in [
        ("c", "2025-11-20"),
        ("undated", None),
        ("b", "2025-11-19T10:15:00+01:00"),
        ("a", "2025-11-19T10:15:00+01:00"),
        ("d", "2025-11-18"),
    ]:
        store.put(make_record([f"Meldung {article_id}."], article_id=article_id, published=published))
    store.put(make_record(["Meldung d, korrigiert."], article_id="d", published="2025-11-18"))
    records = list(store.iter_records())
    assert [r.id for r in records] == ["d", "a", "b", "c", "undated"]
    assert records[0].text == "Meldung d, korrigiert."


def test_the_publication_time_orders_across_offsets_not_as_text(store):
    from quellenlage.store.queries import list_articles

    # 23:30 in Berlin (+01:00) is 22:30 UTC: earlier than 23:00 UTC, although "…T23:30+01:00" sorts after
    # "…T23:00:00Z" as text; a bare date is its first moment in Berlin, before both
    for article_id, published in [
        ("berlin", "2025-11-19T23:30:00+01:00"),
        ("utc", "2025-11-19T23:00:00Z"),
        ("tag", "2025-11-19"),
    ]:
        store.put(make_record([f"Meldung {article_id}."], article_id=article_id, published=published))
    assert [r.id for r in store.iter_records()] == ["tag", "berlin", "utc"]
    assert [row["id"] for row in list_articles(store)[1]] == ["utc", "berlin", "tag"]  # newest first
    assert store.get("berlin").meta.published == "2025-11-19T23:30:00+01:00"  # shown as the outlet wrote it


@pytest.mark.parametrize(
    ("published", "utc"),
    [
        ("2025-11-19T10:15:00+01:00", "2025-11-19T09:15:00+00:00"),
        ("2025-07-01T08:00:00+02:00", "2025-07-01T06:00:00+00:00"),
        ("2025-11-19T10:15:00", "2025-11-19T09:15:00+00:00"),  # no offset: Berlin
        ("2025-11-19", "2025-11-18T23:00:00+00:00"),
        ("19.11.2025", None),
        ("", None),
        (None, None),
    ],
)
def test_instant_of_a_publication_value(published, utc):
    from quellenlage.store.tables import instant

    moment = instant(published)
    assert (moment.isoformat() if moment else None) == utc


def test_migration_10_gives_the_articles_of_an_older_store_their_publication_time(tmp_path):
    from sqlalchemy import inspect

    path = store_url(tmp_path, "quellenlage")
    with open_store(path) as store:
        store.put(make_record(["Meldung."], published="2025-11-19T10:15:00+01:00"))
        with store.engine.begin() as conn:  # back to the shape of version 9
            conn.execute(text("DROP INDEX ix_articles_published_at"))
            conn.execute(text("ALTER TABLE articles DROP COLUMN published_at"))
            before_revision(conn, 10)
    with open_store(path) as store:
        assert store.schema_version() == int(HEAD)
        with store.engine.connect() as conn:
            assert "ix_articles_published_at" in {i["name"] for i in inspect(conn).get_indexes("articles")}
            moment = conn.execute(select(articles.c.published_at)).scalar_one()
        assert (moment.year, moment.month, moment.day, moment.hour, moment.minute) == (2025, 11, 19, 9, 15)


def test_a_put_while_records_are_being_read_does_not_block(store):
    for article_id in ("a", "b"):
        store.put(make_record([f"Meldung {article_id}."], article_id=article_id, published=None))
    reading = store.iter_records()
    assert next(reading).id == "a"
    assert store.put(make_record(["Meldung c."], article_id="c", published=None)).status == "stored"
    assert [r.id for r in reading] == ["b"]  # the reader keeps its snapshot
    assert store.count() == 3


# --- search ------------------------------------------------------------------


@pytest.fixture
def news(store):
    store.put(
        make_record(
            [
                "US-Beamte führten in Moskau Geheimgespräche über einen Friedensplan.",
                "Kremlsprecher Peskow sagte, es gebe keine Gespräche.",
                "Die Straße zum Flughafen war gesperrt.",
            ],
            statements_by_speaker={"Peskow": "es gebe keine Gespräche"},
        )
    )
    store.put(
        make_record(
            ["Selenskyj sagte, die Gespräche in Genf seien konstruktiv gewesen."],
            article_id="tagesschau-genf",
            outlet="tagesschau.de",
            statements_by_speaker={"Selenskyj": "die Gespräche in Genf seien konstruktiv gewesen"},
        )
    )
    return store


@pytest.mark.sqlite_only
def test_search_finds_gespraeche_with_and_without_umlaut_but_not_transliterated(news):
    with_umlaut = news.search("Gespräche")
    assert {hit.article_id for hit in with_umlaut} == {ARTICLE_ID, "tagesschau-genf"}
    assert news.search("gesprache") == with_umlaut  # remove_diacritics folds ä to a
    assert news.search("GESPRÄCHE") == with_umlaut
    assert news.search("Gespraeche") == []  # "ae" is not folded to "ä"
    assert news.search("Strasse") == []  # nor "ß" to "ss"
    assert [hit.text for hit in news.search("Straße")] == ["Die Straße zum Flughafen war gesperrt."]


def test_search_hit_carries_article_offsets_and_a_marked_snippet(news):
    (hit,) = news.search("Peskow Gespräche")
    assert hit.article_id == ARTICLE_ID
    assert (hit.headline, hit.outlet, hit.published) == (
        "US-Beamte führten in Moskau Geheimgespräche über einen Friedensplan.",
        "ntv.de",
        "2025-11-19T10:15:00+01:00",
    )
    assert news.get(ARTICLE_ID).text[hit.start : hit.end] == hit.text
    assert hit.snippet == "Kremlsprecher «Peskow» sagte, es gebe keine «Gespräche»."
    assert isinstance(hit.rank, float)
    assert (hit.kind, hit.speaker) == (None, None)


def test_search_words_are_anded_and_a_trailing_star_searches_a_prefix(news):
    assert news.search("Gespräche Genf")[0].article_id == "tagesschau-genf"
    assert len(news.search("Gespräche Genf")) == 1
    assert news.search("Geheimgespr") == []
    (hit,) = news.search("Geheimgespr*")
    assert "«Geheimgespräche»" in hit.snippet


def test_search_for_us_beamte_matches_the_hyphenated_phrase(news):
    (hit,) = news.search("US-Beamte")
    assert hit.snippet.startswith("«US-Beamte»")


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "AND (",
        "US-Beamte",
        "*",
        "**",
        "OR",
        "NOT Moskau",
        "NEAR(Moskau",
        "text:",
        "speaker_text:",
        "Moskau)",
        "^Moskau",
        "'",
        "-",
        'Peskow"s',
        "{text}: x",
        "",
        "   ",
    ],
)
def test_search_with_hostile_input_never_raises(news, query):
    for target in ("sentences", "statements"):
        assert isinstance(news.search(query, target=target), list)


def test_search_treats_operators_as_words(news):
    assert news.search("Moskau AND") == []  # "and" does not occur
    assert len(news.search("NOT Moskau")) == 0
    assert match_expression('US-Beamte AND ( "Kreml* *') == '"US-Beamte" AND "AND" AND """Kreml"*'
    assert len(news.search('"Peskow"')) == 1  # quotes are doubled inside the term, then ignored as punctuation
    assert match_expression('" ( *') is None


def test_search_in_statements_by_speaker(news):
    (hit,) = news.search("Peskow", target="statements")
    assert (hit.speaker, hit.kind, hit.text) == ("Peskow", "indirect_speech", "es gebe keine Gespräche")
    assert news.get(ARTICLE_ID).text[hit.start : hit.end] == hit.text
    (hit,) = news.search("Selenskyj", target="statements")
    assert hit.article_id == "tagesschau-genf"
    assert "«Gespräche»" in news.search("Gespräche konstruktiv", target="statements")[0].snippet


@pytest.mark.sqlite_only
def test_raw_search_in_statements_takes_fts5_column_filters(news):
    (hit,) = news.search("speaker_text: Selenskyj", target="statements", raw=True)
    assert hit.article_id == "tagesschau-genf"


def test_raw_search_takes_the_databases_own_syntax_and_reports_its_errors(news):
    either = "Moskau OR Genf" if news.engine.dialect.name == "sqlite" else "Moskau | Genf"
    assert {hit.article_id for hit in news.search(either, raw=True)} == {ARTICLE_ID, "tagesschau-genf"}
    assert news.search(either) == []
    with pytest.raises(StoreError, match="syntax error") as caught:
        news.search("AND (", raw=True)
    assert "\n" not in str(caught.value)  # one line


@pytest.mark.postgresql_only
def test_postgresql_search_stems_german_and_folds_umlauts_and_sharp_s(news):
    with_umlaut = news.search("Gespräche")
    assert {hit.article_id for hit in with_umlaut} == {ARTICLE_ID, "tagesschau-genf"}
    assert news.search("gesprache") == news.search("GESPRÄCHE") == with_umlaut
    assert {hit.article_id for hit in news.search("Gespräch")} == {ARTICLE_ID, "tagesschau-genf"}  # stemmed
    assert [hit.text for hit in news.search("Strasse")] == ["Die Straße zum Flughafen war gesperrt."]
    assert news.search("die") == []  # a stop word is not searched for


def test_search_filters_by_outlet_and_pages(news):
    assert [hit.article_id for hit in news.search("Gespräche", outlet="tagesschau.de")] == ["tagesschau-genf"]
    assert [hit.article_id for hit in news.search("Gespräche", outlet="TAGESSCHAU.DE")] == ["tagesschau-genf"]
    everything = news.search("Gespräche")
    assert len(everything) == 2
    assert [hit.rank for hit in everything] == sorted(hit.rank for hit in everything)
    assert news.search("Gespräche", limit=1) == everything[:1]
    assert news.search("Gespräche", limit=1, offset=1) == everything[1:]


def test_unknown_search_target_is_a_store_error(news):
    with pytest.raises(StoreError, match="unknown search target"):
        news.search("Moskau", target="paragraphs")


# --- failures ----------------------------------------------------------------


def test_ingest_failures_are_logged_in_order(store):
    assert store.failures() == []
    store.log_failure("kaputt.html", "no article text found")
    store.log_failure("liste.jsonl:3", "invalid JSON")
    logged = store.failures()
    assert [(f["name"], f["reason"]) for f in logged] == [
        ("kaputt.html", "no article text found"),
        ("liste.jsonl:3", "invalid JSON"),
    ]
    assert all(f["created_at"] for f in logged)


def test_database_errors_while_reading_are_store_errors(store):
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE failures"))
    with pytest.raises(StoreError, match=r"no such table|does not exist"):
        store.failures()


def test_migration_9_fills_the_tags_of_an_older_store_and_stories_read_them(tmp_path):
    from quellenlage.store.queries import stories, story_article_ids
    from quellenlage.store.tables import article_tags

    path = store_url(tmp_path, "quellenlage")
    with open_store(path) as store:
        for article_id, tags in [("a1", ["Ukraine-Krieg", "Diplomatie"]), ("a2", ["ukraine krieg"]), ("a3", [])]:
            record = make_record([f"Meldung {article_id}."], article_id=article_id)
            record.meta.tags = tags
            store.put(record)
        with store.engine.begin() as conn:  # back to a store before migration 9: the tags only in the records
            conn.execute(article_tags.delete())
            before_revision(conn, 9)
    with open_store(path) as store:
        with store.engine.connect() as conn:
            assert sorted(conn.execute(select(article_tags.c.article_id, article_tags.c.tag)).all()) == [
                ("a1", "Diplomatie"),
                ("a1", "Ukraine-Krieg"),
                ("a2", "ukraine krieg"),
            ]
        found = {story.id: story.articles for story in stories(store)}
        assert found == {"ukraine-krieg": 1, "diplomatie": 1}  # one slug: the spelling with the most articles
        assert story_article_ids(store, "ukraine-krieg") == ["a1", "a2"]
