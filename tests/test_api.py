"""The Python API: ``quellenlage.analyze`` and the typed record."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import SEED_TXT

import quellenlage
from quellenlage.errors import ReadError
from quellenlage.record import Record, json_schema


def test_analyze_plain_text_with_metadata_keywords():
    record = quellenlage.analyze(
        "Der Kreml bestätigte das Treffen. Es soll am Mittwoch stattfinden.",
        outlet="ntv.de",
        headline="Treffen bestätigt",
        published="2025-11-19 09:47",
        authors=["ghö"],
    )
    assert isinstance(record, Record)
    assert record.meta.outlet == "ntv.de" and record.meta.published == "2025-11-19T09:47+01:00"
    assert [record.text[s.start : s.end] for s in record.sentences] == [
        "Treffen bestätigt",
        "Der Kreml bestätigte das Treffen.",
        "Es soll am Mittwoch stattfinden.",
    ]


def test_analyze_a_path_and_a_pathlike_give_the_same_record():
    assert quellenlage.analyze(str(SEED_TXT)).to_json() == quellenlage.analyze(SEED_TXT).to_json()


def test_unknown_metadata_keyword_is_refused():
    with pytest.raises(TypeError, match="unknown metadata"):
        quellenlage.analyze("Ein Satz.", autor="falsch")


def test_record_round_trips_through_json_and_validates():
    record = quellenlage.analyze(SEED_TXT)
    data = json.loads(record.to_json())
    jsonschema.validate(data, json_schema())
    assert Record.from_json(record.to_json()).to_dict() == record.to_dict()
    assert record.to_dict()["schema"] == "quellenlage/article/v2"


def test_every_offset_in_the_record_points_into_the_text():
    record = quellenlage.analyze(SEED_TXT)
    for p in record.paragraphs:
        assert record.text[p.start : p.end] == record.text[p.start : p.end].strip() != ""
    for i, s in enumerate(record.sentences):
        para = record.paragraphs[s.paragraph]
        assert para.start <= s.start < s.end <= para.end
        assert record.sentence_at(s.start) == i


def test_id_is_stable_and_content_hash_follows_the_content():
    a = quellenlage.analyze("Ein Satz.", url="https://www.example.org/a?utm_source=feed#top")
    b = quellenlage.analyze("Ein anderer Satz.", url="https://example.org/a/")
    assert a.id == b.id  # same article (normalised URL), new revision
    assert a.content_hash != b.content_hash
    c = quellenlage.analyze("Ein Satz.")
    assert c.id == quellenlage.analyze("Ein Satz.").id != a.id


def test_analyze_all_yields_errors_instead_of_stopping(tmp_path):
    (tmp_path / "a.txt").write_text("Ein Satz.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    got = list(quellenlage.analyze_all(tmp_path))
    assert isinstance(got[0], Record) and isinstance(got[1], ReadError)


def test_the_tokenised_doc_is_available_to_later_stages():
    record = quellenlage.analyze("Witkoff traf Dmitriew in St. Petersburg.")
    assert [t.text for t in record.doc][-3:] == ["St.", "Petersburg", "."]
    assert sum(1 for t in record.doc if t.is_sent_start) == 1


def test_one_agency_story_printed_by_two_outlets_without_urls_is_two_articles():
    text = "Berlin (dpa) - Die Bundesregierung hat entschieden."
    assert quellenlage.analyze(text, outlet="taz.de").id != quellenlage.analyze(text, outlet="ntv.de").id


def test_tokens_are_left_out_unless_asked_for_and_then_match_the_text():
    record = quellenlage.analyze("Das gilt z.B. für St. Petersburg.")
    assert "tokens" not in record.to_dict()
    data = record.with_tokens().to_dict()
    assert [record.text[t["start"] : t["end"]] for t in data["tokens"]] == [
        "Das",
        "gilt",
        "z.B.",
        "für",
        "St.",
        "Petersburg",
        ".",
    ]
    jsonschema.validate(data, json_schema())


def test_a_record_that_breaks_its_evidence_rules_is_caught():
    from quellenlage.record import Cue, Entity, Event, Mention, Speaker, Statement, TimeExpression

    record = quellenlage.analyze("Der Kreml bestätigte das Treffen.")
    assert record.offset_problems() == []
    record.entities.append(
        Entity(id="e1", type="ORG", name="Kreml", mentions=[Mention(start=4, end=9, text="Kreml", sentence=0)])
    )
    record.statements.append(
        Statement(
            id="s1",
            start=0,
            end=33,
            text=record.text,
            kind="asserted",
            speaker=Speaker(entity="e1", text="Kreml"),
            cue=Cue(start=10, end=20, text="bestätigte"),
            sentences=[0],
        )
    )
    assert record.offset_problems() == []
    record.times.append(TimeExpression(start=30, end=40, text="Treffen.", sentence=0))
    record.entities[0].mentions.append(Mention(start=0, end=3, text="Die", sentence=3))
    record.events.append(Event(id="v1", type="meeting", participants=["e9"], evidence=["s7"]))
    problems = record.offset_problems()
    assert any(p.startswith("time 0: offsets 30–40 outside") for p in problems)
    assert "entity e1 mention: text 'Die' is not the text at 0–3" in problems
    assert "entity e1 mention: no sentence 3" in problems
    assert "event v1: no entity e9" in problems and "event v1: no statement s7" in problems


def test_the_pipeline_refuses_to_finish_an_inconsistent_record(monkeypatch):
    from quellenlage.analyse import pipeline
    from quellenlage.errors import AnalysisError
    from quellenlage.record import TimeExpression

    def broken_stage(record):
        record.times.append(TimeExpression(start=0, end=999, text="x"))

    monkeypatch.setattr(pipeline, "STAGES", [*pipeline.STAGES, ("broken", broken_stage, 1)])
    with pytest.raises(AnalysisError, match="inconsistent record: time 0: offsets 0–999 outside the text"):
        quellenlage.analyze("Ein Satz.")


def test_a_long_one_line_text_is_text_not_a_file_name():
    text = "Die Verhandlungen in Genf dauerten bis in die Nacht. " * 10  # longer than a file name may be
    record = quellenlage.analyze(text.strip())
    assert record.text.startswith("Die Verhandlungen in Genf")


# --- a string that names no file: text, or a missing file (quellenlage.read.paths) -----------------------------


@pytest.mark.parametrize(
    "path",
    ["no/such/file.txt", "artikel.txt", "Meldungen/kreml-treffen.html", "export.jsonl.gz", "./Waffenruhe", "~/nachrichten/a.md"],
)
def test_a_string_that_looks_like_a_path_and_names_no_file_is_refused_in_one_line(path):
    with pytest.raises(ReadError) as caught:
        quellenlage.analyze(path)
    assert str(caught.value) == f"{path}: no such file or directory"


@pytest.mark.parametrize(
    "text",
    ["Waffenruhe", "Waffenruhe!", "und/oder", "24/7", "ntv.de", "EU/USA-Gipfel", "Die Datei artikel.txt fehlt noch."],
)
def test_a_string_that_is_text_is_analysed_even_with_a_slash_or_a_dot(text):
    record = quellenlage.analyze(text)
    assert record.text == text and record.source.reader == "text"


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/politik/artikel-100.html", "https://127.0.0.1:9/a/b.json"])
def test_a_url_ending_in_a_reader_suffix_is_fetched_not_looked_for_on_disk(url):
    with pytest.raises(ReadError) as caught:
        quellenlage.analyze(url)  # fetched: refused as a private address, not "no such file"
    assert "private or local address" in str(caught.value) and "no such file" not in str(caught.value)


def test_a_string_naming_a_directory_is_refused_with_a_pointer_to_analyze_all(tmp_path):
    with pytest.raises(ReadError, match=r"is a directory .*analyze_all"):
        quellenlage.analyze(str(tmp_path))


def test_a_string_naming_an_existing_file_is_still_that_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Waffenruhe").write_text("Die Waffenruhe hält, sagte ein Sprecher.", encoding="utf-8")
    assert quellenlage.analyze("Waffenruhe").text == "Die Waffenruhe hält, sagte ein Sprecher."
