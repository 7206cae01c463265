"""``quellenlage eval events``: the matcher on hand-made cases and the figures on the dev set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quellenlage.evaluate.events import (
    EventScore,
    evaluate_file,
    gold_spans,
    match_participants,
    nth,
    pair,
    place_matches,
    same_name,
    score_paragraph,
)
from quellenlage.record import Entity, Event, EventTime, Mention, Meta, Record

DEV = Path(__file__).parent / "fixtures" / "events_dev.jsonl"

TEXT = "Merz hat Macron in Paris getroffen. Bei dem Treffen ging es um die Ukraine. Ein weiteres Treffen ist geplant."


def test_nth_finds_the_nth_occurrence():
    assert nth(TEXT, "Treffen") == (44, 51)
    assert nth(TEXT, "Treffen", 2) == (TEXT.index("weiteres Treffen") + 9, TEXT.index("weiteres Treffen") + 16)
    assert nth(TEXT, "Treffen", 3) is None
    assert nth(TEXT, "Gipfel") is None
    assert nth(TEXT, "", 1) is None
    assert nth("aaa", "aa", 2) == (1, 3)  # overlapping occurrences count


def test_gold_spans_use_trigger_occurrence_and_also_items():
    event = {"trigger": "Treffen", "trigger_occurrence": 2, "also": ["getroffen", {"text": "Treffen", "occurrence": 1}]}
    second = nth(TEXT, "Treffen", 2)
    assert gold_spans(TEXT, event) == [second, nth(TEXT, "getroffen"), nth(TEXT, "Treffen")]
    assert gold_spans(TEXT, {"trigger": "Gipfel"}) == []


def test_pair_is_one_to_one_and_greedy_by_overlap():
    gold = [[(0, 10)], [(20, 30)]]
    ours = [[(5, 8)], [(2, 10)], [(40, 45)]]
    # our event 1 overlaps gold 0 more (8 chars) than our event 0 (3 chars); our event 0 is left unpaired
    assert pair(gold, ours) == [(0, 1)]
    assert pair([[(0, 10)], [(8, 20)]], [[(5, 12)]]) == [(0, 0)]  # 5 chars vs 4
    assert pair([], ours) == []
    assert pair(gold, []) == []


def test_same_name_contains_or_same_last_word():
    assert same_name("Friedrich Merz", "Merz")
    assert same_name("Bundeskanzler Friedrich Merz", "Kanzler Merz")
    assert same_name("die Obleute des Verteidigungsausschusses", "Obleute")
    assert not same_name("Emmanuel Macron", "Merz")
    assert not same_name("", "Merz")


def test_place_matches_name_or_mention():
    assert place_matches("Türkei", {"Türkei", "der Türkei"})
    assert place_matches("Kiew", {"ukrainische Hauptstadt Kiew"})
    assert not place_matches("Paris", {"Berlin"})


def test_match_participants_uses_each_predicted_once():
    assert match_participants(["Friedrich Merz", "Emmanuel Macron"], [{"Merz", "Friedrich Merz"}, {"Macron"}]) == 2
    assert match_participants(["Friedrich Merz", "Merz"], [{"Merz"}]) == 1
    assert match_participants(["Selenskyj"], [{"Putin"}]) == 0


def _record(events: list[Event]) -> Record:
    entities = [
        Entity(id="e1", type="PER", name="Friedrich Merz", mentions=[Mention(start=0, end=4, text="Merz")]),
        Entity(id="e2", type="PER", name="Emmanuel Macron", mentions=[Mention(start=9, end=15, text="Macron")]),
        Entity(id="e3", type="LOC", name="Paris", mentions=[Mention(start=19, end=24, text="Paris")]),
    ]
    return Record(id="t", content_hash="-", meta=Meta(), text=TEXT, entities=entities, events=events)


def test_score_paragraph_on_a_hand_made_case():
    doc = {
        "id": "x1",
        "published": "2025-05-08",
        "text": TEXT,
        "events": [
            {
                "type": "meeting",
                "trigger": "getroffen",
                "also": [{"text": "Treffen", "occurrence": 1}],
                "participants": ["Friedrich Merz", "Emmanuel Macron"],
                "place": "Paris",
                "time": None,
                "time_text": None,
                "status": "happened",
                "modality": "asserted",
            },
            {
                "type": "meeting",
                "trigger": "Treffen",
                "trigger_occurrence": 2,
                "participants": [],
                "place": None,
                "time": None,
                "time_text": None,
                "status": "planned",
                "modality": "asserted",
            },
        ],
    }
    first = Event(
        id="v1",
        type="meeting",
        participants=["e1", "e2"],
        place="e3",
        status="happened",
        modality="asserted",
        mentions=[Mention(start=44, end=51, text="Treffen")],
    )  # only the "also" mention: still paired
    spurious = Event(
        id="v2",
        type="talks",
        participants=["e1"],
        status="happened",
        modality="reported",
        time=EventTime(value="2025-05-07"),
        mentions=[Mention(start=60, end=67, text="Ukraine")],
    )
    score = EventScore()
    score_paragraph(doc, score, record=_record([first, spurious]))
    d = score.as_dict()
    assert d["detection"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "matched": 1, "predicted": 2, "gold": 2}
    assert d["accuracy"] == {"type": 1.0, "status": 1.0, "modality": 1.0, "time": 1.0, "place": 1.0}
    assert d["participants"]["f1"] == 1.0
    assert d["per_status"]["planned"] == {"gold": 1, "matched": 0, "right": 0, "predicted": 0}
    assert sorted(e["kind"] for e in score.errors) == ["missed", "spurious"]


def test_score_paragraph_counts_wrong_fields():
    doc = {
        "id": "x2",
        "published": "2025-05-08",
        "text": TEXT,
        "events": [
            {
                "type": "visit",
                "trigger": "getroffen",
                "participants": ["Friedrich Merz", "Olaf Scholz"],
                "place": "Berlin",
                "time": "2025-05-07",
                "time_text": "am Mittwoch",
                "status": "planned",
                "modality": "reported",
            }
        ],
    }
    ours = Event(
        id="v1",
        type="meeting",
        participants=["e1", "e2"],
        place="e3",
        status="happened",
        modality="asserted",
        mentions=[Mention(start=25, end=34, text="getroffen")],
    )
    score = EventScore()
    score_paragraph(doc, score, record=_record([ours]))
    d = score.as_dict()
    assert d["detection"]["f1"] == 1.0 and d["type_strict"]["f1"] == 0.0
    assert d["accuracy"] == {"type": 0.0, "status": 0.0, "modality": 0.0, "time": 0.0, "place": 0.0}
    assert d["participants"]["precision"] == 0.5 and d["participants"]["recall"] == 0.5
    wrong = next(e for e in score.errors if e["kind"] == "wrong")
    assert wrong["fields"] == ["type", "status", "modality", "time", "place"]
    # ours happened where the gold event is planned: a false fact, counted and listed
    assert d["false_facts"] == 1 and any(e["kind"] == "false fact" for e in score.errors)


def test_per_field_precision_and_recall_count_unpaired_events():
    doc = {
        "id": "x3",
        "published": "2025-05-08",
        "text": TEXT,
        "events": [
            {
                "type": "meeting",
                "trigger": "getroffen",
                "participants": ["Friedrich Merz", "Emmanuel Macron"],
                "place": "Paris",
                "time": "2025-05-07",
                "time_text": None,
                "status": "happened",
                "modality": "asserted",
            },
            {
                "type": "meeting",
                "trigger": "Treffen",
                "trigger_occurrence": 2,
                "participants": ["Friedrich Merz"],
                "place": None,
                "time": None,
                "time_text": None,
                "status": "planned",
                "modality": "asserted",
            },
        ],
    }
    paired = Event(
        id="v1",
        type="meeting",
        participants=["e1"],
        place="e3",
        status="happened",
        modality="asserted",
        time=EventTime(value="2025-05-06"),
        mentions=[Mention(start=25, end=34, text="getroffen")],
    )
    spurious = Event(
        id="v2",
        type="talks",
        participants=["e2"],
        place="e3",
        status="planned",
        modality="asserted",
        mentions=[Mention(start=60, end=67, text="Ukraine")],
    )
    score = EventScore()
    score_paragraph(doc, score, record=_record([paired, spurious]))
    f = score.as_dict()["fields"]
    assert (f["type"]["matched"], f["type"]["predicted"], f["type"]["gold"]) == (1, 2, 2)
    assert (f["status"]["matched"], f["status"]["predicted"], f["status"]["gold"]) == (1, 2, 2)
    assert (f["time"]["matched"], f["time"]["predicted"], f["time"]["gold"]) == (0, 1, 1)  # wrong day
    assert (f["place"]["matched"], f["place"]["predicted"], f["place"]["gold"]) == (1, 2, 1)  # the spurious one's place
    assert (f["participants"]["matched"], f["participants"]["predicted"], f["participants"]["gold"]) == (1, 2, 3)


def test_a_postponed_events_new_time_is_what_the_gold_time_means():
    from quellenlage.evaluate.events import our_time
    from quellenlage.record import StatusChange

    ev = Event(
        id="v1",
        type="meeting",
        status="postponed",
        time=EventTime(value="2025-10-15"),
        status_changes=[StatusChange(status="postponed", to=EventTime(value="2025-W43"))],
    )
    assert our_time(ev) == "2025-W43"
    assert our_time(ev.model_copy(update={"status_changes": [StatusChange(status="postponed")]})) == "2025-10-15"


#: Figures measured at the end of the tuning, per set: detection P/R/F1, type-strict F1 and per-field P/R.
#: events_dev (written) and events_wikinews_dev (real Wikinews): the rules were tuned on them; events_test
#: (written): held out, never used to choose a rule; events_wikinews (real): measured blind first (detection F1
#: 0.738), then its errors looked at once (four general fixes, each with a unit test), not tuned on since.
#: events_realnews_tune / _test (issue 13, real 10kGNAD + Wikinews, annotated blind, split before any output):
#: rules were chosen on the tune part only; the test part is scored, never read for errors.
#: events_realnews2_tune / _test: a second blind round (scripts/realnews_sample.py --round 2), first scored
#: 2 December 2026 before any rule looked at it.
#: Floors are these figures lowered by 0.03: they guard against regressions, they are not targets.
#: Re-measured after issue 13's breadth rounds and attribution VERSION 5 (2 December 2026): on the Wikinews
#: sets modality, place and participant precision fell (README, Events) and the floors follow them down.
MEASURED = {
    "events_dev.jsonl": {
        "size": (54, 79),
        "detection": (0.897, 0.886, 0.892),
        "type_strict": 0.854,
        "fields": {
            "type": (0.859, 0.848),
            "status": (0.872, 0.861),
            "modality": (0.833, 0.823),
            "time": (0.868, 0.754),
            "place": (0.821, 0.762),
            "participants": (0.85, 0.727),
        },
    },
    "events_test.jsonl": {
        "size": (30, 51),
        "detection": (0.917, 0.863, 0.889),
        "type_strict": 0.808,
        "fields": {
            "type": (0.833, 0.784),
            "status": (0.854, 0.804),
            "modality": (0.917, 0.863),
            "time": (0.857, 0.682),
            "place": (0.727, 0.571),
            # 0.755 before the round-3 triggers (Parteitag, Tagung, …): one more event found, its parties not in gold
            "participants": (0.712, 0.514),
        },
    },
    "events_wikinews_dev.jsonl": {
        "size": (50, 52),
        "detection": (0.78, 0.885, 0.829),
        "type_strict": 0.739,
        "fields": {
            "type": (0.695, 0.788),
            "status": (0.695, 0.788),
            "modality": (0.746, 0.846),
            "time": (0.6, 0.517),
            "place": (0.692, 0.529),
            "participants": (0.521, 0.362),
        },
    },
    "events_wikinews.jsonl": {
        "size": (35, 37),
        "detection": (0.698, 0.811, 0.75),
        "type_strict": 0.725,
        "fields": {
            "type": (0.674, 0.784),
            "status": (0.558, 0.649),
            "modality": (0.628, 0.73),
            "time": (0.696, 0.696),
            "place": (0.692, 0.692),
            "participants": (0.519, 0.435),
        },
    },
    "events_realnews_tune.jsonl": {
        "size": (76, 73),
        "detection": (0.911, 0.739, 0.816),
        "type_strict": 0.816,
        "fields": {
            "type": (0.911, 0.739),
            "status": (0.857, 0.696),
            "modality": (0.786, 0.638),
            "time": (0.875, 0.538),
            "place": (0.7, 0.368),
            "participants": (0.6, 0.283),
        },
    },
    "events_realnews_test.jsonl": {
        "size": (82, 100),
        "detection": (0.789, 0.484, 0.6),
        "type_strict": 0.587,
        "fields": {
            "type": (0.772, 0.473),
            "status": (0.667, 0.409),
            "modality": (0.667, 0.409),
            "time": (0.429, 0.3),
            "place": (0.571, 0.222),
            "participants": (0.286, 0.121),
        },
    },
    "events_realnews2_tune.jsonl": {
        "size": (59, 51),
        "detection": (0.875, 0.512, 0.646),
        "type_strict": 0.646,
        "fields": {
            "type": (0.875, 0.512),
            "status": (0.667, 0.39),
            "modality": (0.542, 0.317),
            "time": (0.5, 0.222),
            "place": (1.0, 0.3),
            "participants": (0.37, 0.204),
        },
    },
    "events_realnews2_test.jsonl": {
        "size": (71, 72),
        "detection": (0.691, 0.576, 0.628),
        "type_strict": 0.595,
        "fields": {
            "type": (0.654, 0.545),
            "status": (0.527, 0.439),
            "modality": (0.582, 0.485),
            "time": (0.333, 0.429),
            "place": (0.556, 0.25),
            "participants": (0.39, 0.267),
        },
    },
    "events_realnews3_tune.jsonl": {
        "size": (62, 55),
        "detection": (0.778, 0.538, 0.636),
        "type_strict": 0.614,
        "fields": {
            "type": (0.75, 0.519),
            "status": (0.694, 0.481),
            "modality": (0.694, 0.481),
            "time": (0.571, 0.333),
            "place": (0.25, 0.125),
            "participants": (0.435, 0.161),
        },
    },
    "events_realnews3_test.jsonl": {
        "size": (67, 78),
        "detection": (0.811, 0.566, 0.667),
        "type_strict": 0.667,
        "fields": {
            "type": (0.811, 0.566),
            "status": (0.509, 0.355),
            "modality": (0.66, 0.461),
            "time": (0.417, 0.455),
            "place": (0.444, 0.21),
            "participants": (0.333, 0.233),
        },
    },
}


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_figures_do_not_fall(name):
    measured = MEASURED[name]
    d = evaluate_file(DEV.parent / name).as_dict()
    # gold events: the scored ones plus the hypothetical ones nothing paired (optional)
    assert (d["paragraphs"], d["detection"]["gold"] + d["optional_unpaired"].get("gold", 0)) == measured["size"]
    for key, figure in zip(("precision", "recall", "f1"), measured["detection"], strict=False):
        assert d["detection"][key] >= figure - 0.03, key
    assert d["type_strict"]["f1"] >= measured["type_strict"] - 0.03
    for field_name, (precision, recall) in measured["fields"].items():
        assert d["fields"][field_name]["precision"] >= precision - 0.03, field_name
        assert d["fields"][field_name]["recall"] >= recall - 0.03, field_name


def test_eval_events_command(cli):
    out = cli("eval", "events", str(DEV), check=True).stdout_text
    assert "events, type-strict" in out and "accuracy over" in out and "per field, all events" in out
    data = json.loads(cli("eval", "events", str(DEV), "--json", check=True).stdout_text)
    assert data["detection"]["gold"] == 79 and "errors" not in data
    assert set(data["per_status"]) >= {"happened", "planned", "cancelled", "postponed", "denied", "unknown"}
