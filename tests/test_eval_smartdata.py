"""``quellenlage eval smartdata``: the reader on a hand-made Avro-shaped document, values, offsets, the pairing on
hand-made cases, and a short run on the real train file."""

from __future__ import annotations

import gzip
import json

from conftest import shared

from quellenlage.evaluate.smartdata import (
    Offsets,
    SmartDataDocument,
    SmartDataScore,
    agrees,
    align,
    documents,
    gold_value,
    our_value,
    publication_date,
    read_document,
    score_document,
    unwrap,
)
from quellenlage.record import Entity, Event, EventTime, Mention, Meta, Record, TimeExpression

TEXT = (
    "Verdi: Streik bei der Lufthansa\n"
    "Am Mittwoch, 23.03.2016, um 11.30 Uhr streikten die Piloten der Lufthansa. "
    "Klaus Euler ist Chef der Ethikbank."
)


def _at(needle: str, occurrence: int = 1) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence):
        pos = TEXT.index(needle, pos + 1)
    return pos, pos + len(needle)


def _concept(needle: str, type_: str, occurrence: int = 1) -> dict:
    """A concept mention as the upstream Avro JSON writes it: optional values wrapped in their type."""
    start, end = _at(needle, occurrence)
    return {
        "id": f"c/{start}",
        "span": {"start": start, "end": end, "attributes": None},
        "type": type_,
        "normalizedValue": {"string": needle},
        "refids": None,
        "attributes": {"map": {"annotatorId": "A"}},
        "provenance": {"array": [{"annotator": "A", "license": {"string": "Research use only"}, "score": {"float": 1.0}}]},
    }


def _relation(name: str, span: str, args: list[tuple[str, dict]]) -> dict:
    start, end = _at(span)
    return {
        "id": f"r/{start}",
        "span": {"start": start, "end": end, "attributes": None},
        "name": name,
        "args": {"array": [{"role": role, "conceptMention": c} for role, c in args]},
        "provenance": None,
    }


def _raw() -> dict:
    trigger = _concept("streikten", "trigger")
    date, clock = _concept("23.03.2016", "date"), _concept("11.30 Uhr", "time")
    lufthansa = _concept("Lufthansa", "organization-company", 2)
    return {
        "id": "doc-1",
        "text": {"string": TEXT},
        "uri": None,
        "langCode": {"string": "de"},
        "date": {"string": "2016-03-23T23:30:00.000Z"},
        "conceptMentions": {
            "array": [
                _concept("Mittwoch", "date"),
                date,
                clock,
                trigger,
                lufthansa,
                _concept("Klaus Euler", "person"),
                _concept("Ethikbank", "organization-company"),
            ]
        },
        "relationMentions": {
            "array": [
                _relation(
                    "Strike",
                    "streikten die Piloten der Lufthansa",
                    [("date", date), ("start_date", clock), ("company", lufthansa), ("trigger", trigger)],
                ),
                _relation(
                    "OrganizationLeadership",
                    "Klaus Euler ist Chef der Ethikbank",
                    [
                        ("person", _concept("Klaus Euler", "person")),
                        ("organization", _concept("Ethikbank", "organization-company")),
                    ],
                ),
                _relation("TrafficJam", "Streik", [("trigger", _concept("Streik", "trigger"))]),
            ]
        },
    }


def test_unwrap_removes_avro_union_wrappers():
    assert unwrap({"string": "x"}) == "x"
    assert unwrap({"array": [{"string": "a"}, {"int": 3}]}) == ["a", 3]
    assert unwrap({"span": {"start": 1, "end": 2}, "v": {"float": 1.0}}) == {"span": {"start": 1, "end": 2}, "v": 1.0}
    assert unwrap(None) is None


def test_read_document_on_a_hand_made_avro_document():
    doc = read_document(_raw())
    assert doc.id == "doc-1" and doc.text == TEXT
    assert doc.published == "2016-03-24"  # 23:30 UTC is the next day in Berlin
    assert [c.text for c in doc.times] == ["Mittwoch", "23.03.2016", "11.30 Uhr"]
    strike, leadership, jam = doc.relations
    assert strike.name == "Strike" and strike.spans == [_at("streikten")]
    assert [c.text for c in strike.times] == ["23.03.2016", "11.30 Uhr"]
    assert strike.participants == ["Lufthansa"]
    assert leadership.spans == [_at("Klaus Euler ist Chef der Ethikbank")]  # no trigger: the relation's span
    assert leadership.participants == ["Klaus Euler", "Ethikbank"]
    assert jam.name == "TrafficJam"


def test_documents_reads_gzip_json_lines(tmp_path):
    path = tmp_path / "mini.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(3):
            fh.write(json.dumps({**_raw(), "id": f"doc-{i}"}) + "\n")
    assert [d.id for d in documents(path)] == ["doc-0", "doc-1", "doc-2"]
    assert [d.id for d in documents(path, limit=2)] == ["doc-0", "doc-1"]


def test_publication_dates():
    assert publication_date("2016-02-15T16:41:42.000+01:00") == "2016-02-15"
    assert publication_date("2016-03-10T23:05:12.894Z") == "2016-03-11"
    assert publication_date("2016-03-10") == "2016-03-10"
    assert publication_date("610137661295214592") == "2015-06-14"  # a tweet id: its time in the upper bits
    assert publication_date("") is None and publication_date(None) is None


def test_gold_values_are_what_an_absolute_surface_states():
    assert gold_value("23.02.16") == {"year": 2016, "month": 2, "day": 23}
    assert gold_value("Donnerstag, 24. März") == {"month": 3, "day": 24}
    assert gold_value("Dienstag (09.02.)") == {"month": 2, "day": 9}
    assert gold_value("11.30 Uhr") == {"hour": 11, "minute": 30}
    assert gold_value("14.16") == {"hour": 14, "minute": 16}  # typed date upstream, a clock time
    assert gold_value("15 Uhr am Dienstag") == {"hour": 15, "minute": 0}
    assert gold_value("12. Februar 2016 - 13:51 Uhr") == {"year": 2016, "month": 2, "day": 12, "hour": 13, "minute": 51}
    assert gold_value("Ende 2014") == {"year": 2014}
    assert gold_value("January 24, 2016") == {"year": 2016, "month": 1, "day": 24}
    for relative in ("Mittwoch", "heute", "Vorjahr", "vor 25 Jahren", "Sommer 2015", "Saison 2015/16", "9/11", None):
        assert gold_value(relative) is None, relative


def test_our_value_agrees_at_the_gold_granularity():
    assert our_value("2016-03-15/2016-03-17") == [{"year": 2016, "month": 3, "day": 15}, {"year": 2016, "month": 3, "day": 17}]
    assert our_value("XXXX-XX-XXT07:30") == [{"hour": 7, "minute": 30}]
    assert our_value("PRESENT_REF") == [] and our_value(None) == []
    assert agrees({"year": 2016, "month": 4, "day": 12}, "2016-04-12T15:47")  # finer is fine
    assert agrees({"month": 3, "day": 24}, "2017-03-24")  # no year in gold: not compared
    assert agrees({"hour": 11, "minute": 30}, "2016-03-23T11:30")
    assert agrees({"day": 17}, "2016-03-15/2016-03-17")  # either end of a range
    assert not agrees({"year": 2016, "month": 2, "day": 12}, "2016-02")  # coarser is not
    assert not agrees({"hour": 11, "minute": 30}, "2016-03-23TMO")


def test_align_maps_the_composed_text_back():
    gold = "Titel\nDAUN, 12.04.2016\u00a0 -  15:47 Uhr\nBundes-\nregierung"
    ours = "Titel DAUN, 12.04.2016 - 15:47 Uhr Bundesregierung"
    mapping = align(gold, ours)
    assert all(gold[mapping[j]] == ch or (ch == " " and gold[mapping[j]].isspace()) for j, ch in enumerate(ours))
    spans = Offsets(gold, ours)
    s = ours.index("15:47")
    assert gold[slice(*spans(s, s + 5))] == "15:47"
    s = ours.index("Bundesregierung")
    assert gold[slice(*spans(s, s + len("Bundesregierung")))] == "Bundes-\nregierung"


def _record(events: list[Event], times: list[TimeExpression] = ()) -> Record:
    entities = [
        Entity(
            id="e1",
            type="ORG",
            name="Lufthansa",
            mentions=[Mention(start=s, end=e, text="Lufthansa") for s, e in (_at("Lufthansa"), _at("Lufthansa", 2))],
        ),
        Entity(
            id="e2",
            type="PER",
            name="Klaus Euler",
            mentions=[Mention(start=_at("Klaus Euler")[0], end=_at("Klaus Euler")[1], text="Klaus Euler")],
        ),
    ]
    return Record(
        id="t",
        content_hash="-",
        meta=Meta(published="2016-03-24"),
        text=TEXT,
        entities=entities,
        events=events,
        times=list(times),
    )


def _mention(needle: str, occurrence: int = 1) -> Mention:
    s, e = _at(needle, occurrence)
    return Mention(start=s, end=e, text=needle)


def test_pairing_on_hand_made_cases():
    doc = read_document(_raw())
    t0, t1 = _at("23.03.2016")
    strike = Event(
        id="v1",
        type="strike",
        status="happened",
        participants=["e1"],
        time=EventTime(value="2016-03-23", text="23.03.2016", start=t0, end=t1),
        mentions=[_mention("Streik"), _mention("streikten")],
    )
    appointment = Event(id="v2", type="appointment", status="hypothetical", participants=["e2"], mentions=[_mention("Chef")])
    layoffs = Event(id="v3", type="layoffs", status="unknown", mentions=[_mention("Piloten")])  # no gold: spurious
    meeting = Event(id="v4", type="meeting", status="happened", mentions=[_mention("Lufthansa")])  # outside the mapping
    score = SmartDataScore()
    score_document(doc, score, _record([strike, appointment, layoffs, meeting]))
    d = score.as_dict()["events"]
    assert d["per_type"]["strike"]["detection"]["matched"] == 1
    assert d["per_type"]["strike"]["time_value"] == {"scored": 1, "right": 1}  # 23.03.2016 (11.30 Uhr is the other)
    assert d["per_type"]["strike"]["time_anchor"] == {"scored": 1, "right": 1}
    assert d["per_type"]["strike"]["participants"] == {"gold": 1, "found": 1, "ours": 1}
    # OrganizationLeadership: appointment or resignation, paired on the relation's span
    assert d["per_type"]["appointment/resignation"]["detection"]["matched"] == 1
    assert d["per_type"]["appointment/resignation"]["participants"] == {"gold": 2, "found": 1, "ours": 1}
    assert d["per_type"]["layoffs"]["detection"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "matched": 0,
        "predicted": 1,
        "gold": 0,
    }
    assert d["overall"]["detection"]["matched"] == 2 and d["overall"]["detection"]["predicted"] == 3
    assert d["overall"]["detection"]["gold"] == 2  # TrafficJam is not scored
    assert d["outside_mapping"] == 1
    assert d["uncertain_status"] == {"hypothetical paired": 1, "unknown unpaired": 1}
    assert d["detection_without_unpaired_uncertain"]["predicted"] == 2
    report = score.report()
    assert "overall (micro)" in report and "extraction, lenient" in report and "TrafficJam 1" in report


def test_types_must_match_and_one_event_pairs_once():
    doc = read_document(_raw())
    accident = Event(id="v1", type="accident", status="happened", mentions=[_mention("streikten")])
    score = SmartDataScore()
    score_document(doc, score, _record([accident]))
    d = score.as_dict()["events"]
    assert d["per_type"]["strike"]["detection"]["gold"] == 1 and d["per_type"]["strike"]["detection"]["matched"] == 0
    assert d["missed_but_overlapped_by_other_type"] == {"strike ← accident": 1}
    # an unpaired event of ours on the trigger of an unscored relation is counted as such
    score = SmartDataScore()
    score_document(doc, score, _record([Event(id="v1", type="accident", mentions=[_mention("Streik")])]))
    assert score.as_dict()["events"]["unpaired_on_unscored_relation_trigger"] == {"accident on TrafficJam trigger": 1}
    # two gold strikes, one event of ours over both: one pair, but both covered
    raw = _raw()
    first = raw["relationMentions"]["array"][0]
    second = _relation("Strike", "Streik", [("trigger", _concept("Streik", "trigger"))])
    raw["relationMentions"]["array"] = [first, second]
    strike = Event(id="v1", type="strike", status="happened", mentions=[_mention("Streik"), _mention("streikten")])
    score = SmartDataScore()
    score_document(read_document(raw), score, _record([strike]))
    s = score.as_dict()["events"]["per_type"]["strike"]
    assert (s["detection"]["matched"], s["detection"]["gold"], s["covered"]) == (1, 2, 2)


def test_times_lenient_and_values():
    doc = read_document(_raw())
    times = [
        TimeExpression(start=_at("Mittwoch")[0], end=_at("Mittwoch")[1], text="Mittwoch", value="2016-03-23", type="DATE"),
        TimeExpression(start=_at("23.03.2016")[0], end=_at("23.03.2016")[1], text="23.03.2016", value="2016-03-22", type="DATE"),
        TimeExpression(start=_at("11.30")[0], end=_at("11.30")[1], text="11.30", value="2016-03-23T11:30", type="TIME"),
        TimeExpression(start=_at("Lufthansa")[0], end=_at("Lufthansa")[1], text="Lufthansa", value="P1D", type="DURATION"),
    ]
    score = SmartDataScore()
    score_document(doc, score, _record([], times))
    t = score.as_dict()["times"]
    assert t["extraction_lenient"]["matched"] == 3 and t["extraction_lenient"]["predicted"] == 3
    assert t["our_durations_not_scored"] == 1
    assert (t["value_right"], t["value_scored"]) == (1, 2)  # "Mittwoch" states no value: not scored
    assert [e["kind"] for e in score.errors if e["kind"].startswith("time")] == ["time value"]


def test_cli_on_three_train_documents(cli):
    path = shared("smartdata/train.jsonl.gz")
    proc = cli("eval", "smartdata", path, "--limit", "3", "--json", check=True)
    data = json.loads(proc.stdout_text)
    assert data["documents"] == 3 and data["failed"] == []
    assert set(data["events"]["per_type"]) == {
        "strike",
        "accident",
        "disaster",
        "insolvency",
        "layoffs",
        "acquisition",
        "appointment/resignation",
    }
    assert data["times"]["extraction_lenient"]["gold"] > 0
    assert "3 documents in" in proc.stderr_text


def test_a_document_without_annotations_scores_nothing():
    doc = SmartDataDocument("empty", "Nichts passiert.", None)
    score = SmartDataScore()
    score_document(doc, score, Record(id="t", content_hash="-", meta=Meta(), text=doc.text))
    assert score.documents == 1 and score.overall.detection.tp + score.overall.detection.fn == 0
