"""The learned status reading (issue 13, analyse/event_status_model.py): where the rules leave an event's status
open, the model may read it — as ``inferred``, never where a rule decided, never making an event of a mention."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import quellenlage
from quellenlage.analyse import event_status_model, events
from quellenlage.train import status as training

MONDAY = "2026-03-02T10:00+01:00"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def _events(text: str, published: str = MONDAY):
    return quellenlage.analyze(text, outlet="example.de", published=published).events


def _without_model(monkeypatch) -> None:
    monkeypatch.setattr(event_status_model, "model", lambda: None)


def test_the_shipped_model_loads_with_its_card():
    m = event_status_model.model()
    assert m is not None
    assert set(m.speaks) == {"happened", "planned", "hypothetical"}
    assert 0.5 <= m.threshold < 1.0
    assert {"happened", "planned", "hypothetical", "unknown"} <= set(m.labels)
    card = (event_status_model.MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in card and "NC" in card  # the training data's licence, and that no NC text is in it


def test_verkehrsmeldung_unfall_stau_is_happened_inferred(monkeypatch):
    """A traffic message without a verb: the rules leave it open, the model reads a past (or present) accident."""
    text = "B 27 Tübingen Richtung Stuttgart zwischen Dußlingen und Nehren Unfall, 2 km Stau"
    (event,) = _events(text)
    assert (event.type, event.status, event.confidence) == ("accident", "happened", "inferred")
    _without_model(monkeypatch)
    (event,) = _events(text)
    assert (event.status, event.confidence) == ("unknown", "unknown")


def test_polizei_nimmt_einbrecher_fest_is_happened_inferred():
    (event,) = _events("Polizei nimmt Einbrecher in Bochum fest.")
    assert (event.type, event.status, event.confidence) == ("arrest", "happened", "inferred")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Falls es zu einem Streik bei der Rheinbahn kommt, fallen Busse aus.", "hypothetical"),
        ("Die Gewerkschaft droht mit einem Streik bei der Rheinbahn.", "hypothetical"),
        ("Die Fusion von Rheinbahn und Bogestra ist geplatzt.", "cancelled"),
        ("Der Warnstreik bei der Rheinbahn ist für Donnerstag geplant.", "planned"),
    ],
)
def test_a_rule_that_decides_is_never_overruled(text, status):
    """The model is asked only where the rules say unknown with confidence unknown."""
    (event,) = [e for e in _events(text) if e.type in ("strike", "acquisition")]
    assert (event.status, event.confidence) == (status, "stated")


def test_the_model_makes_no_event_of_a_mention_the_rules_drop(monkeypatch):
    """An open status with no party, place or time is no event; the model's reading of it does not make one."""
    text = "Vor großen Streiks rufen Arbeitgeber oft ein Gericht an."
    assert _events(text) == []
    monkeypatch.setattr(
        event_status_model, "model", lambda: event_status_model.StatusModel(["happened"], {}, [0.0], 0.5, frozenset({"happened"}))
    )
    assert _events(text) == []


def test_a_learned_hypothetical_has_no_time_like_any_other(monkeypatch):
    """ "falls eine Einigung vorliege": an event that is no fact has no time, whoever read its status."""
    text = "B 27 Tübingen Richtung Stuttgart: Unfall im März 2019, 2 km Stau"
    (event,) = quellenlage.analyze(text, outlet="example.de").events
    assert event.time is not None and event.time.value == "2019-03"
    hypothetical = event_status_model.StatusModel(["hypothetical"], {}, [0.0], 0.5, frozenset({"hypothetical"}))
    monkeypatch.setattr(event_status_model, "model", lambda: hypothetical)
    (event,) = quellenlage.analyze(text, outlet="example.de").events
    assert (event.status, event.confidence, event.time) == ("hypothetical", "inferred", None)


def test_decide_speaks_only_above_its_threshold_and_never_unknown():
    m = event_status_model.StatusModel(
        ["happened", "planned", "unknown"],
        {"tense=PAST": [2.0, 0.0, 0.0], "cmark=FUTURE": [0.0, 3.0, 0.0]},
        [0.0, 0.0, 1.0],
        0.7,
        frozenset({"happened", "planned"}),
    )
    assert m.decide(["tense=PAST"]) is None  # happened e^2 against 1 + e: 0.66, below 0.7
    assert m.decide(["tense=PAST", "w=gestern"]) is None
    assert m.decide(["cmark=FUTURE"]) == "planned"  # e^3 / (1 + e^3 + e) = 0.85
    assert m.decide([]) is None  # unknown is the top label: it says nothing
    assert abs(sum(m.probabilities(["tense=PAST"]).values()) - 1) < 1e-9


def test_features_read_the_clause_of_the_trigger():
    record = quellenlage.analyze(
        "Die Gewerkschaft könnte am Montag streiken, sagte ein Sprecher.", outlet="example.de", published=MONDAY
    )
    sentences, candidates = events.sentence_events(record)
    c = candidates[0]
    s = sentences[c.sentence]
    t = c.triggers[0]
    feats = event_status_model.features(s, t.word - s.first, events.reading(s, t.word - s.first, t, c))
    assert "trigger=streiken" in feats and "kind=verb" in feats and "type=strike" in feats
    assert "w=könnte" in feats  # a word of its own clause
    assert "w=sagte" not in feats  # another clause's word counts only by its marks
    assert "smark=PAST" in feats
    assert feats == sorted(set(feats))


def test_written_weights_load_back(tmp_path):
    pytest.importorskip("sklearn", reason="scikit-learn (the train extra) trains the model")
    items = [
        training.Example("d1", ["tense=PAST", "rule=unknown/unknown"], "happened", "unknown/unknown"),
        training.Example("d2", ["tense=FUTURE", "rule=unknown/unknown"], "planned", "unknown/unknown"),
        training.Example("d3", ["tense=PAST"], "happened", "happened/stated"),
        training.Example("d4", ["cls=condition"], "hypothetical", "hypothetical/stated"),
    ]
    vec, clf = training._fit(items, 1.0)
    training.write(tmp_path / "status-de", vec, clf, 0.6, "card")
    loaded = event_status_model.StatusModel.load(tmp_path / "status-de")
    assert loaded is not None and loaded.threshold == 0.6
    expected = dict(zip(clf.classes_, clf.predict_proba(vec.transform([{"tense=PAST": 1}]))[0], strict=True))
    got = loaded.probabilities(["tense=PAST", "unseen=feature"])
    assert all(abs(got[k] - expected[k]) < 1e-3 for k in expected)
    assert (tmp_path / "status-de" / "MODEL_CARD.md").read_text() == "card"


def test_labels_are_blind_readings_of_cc_by_text():
    rows = [json.loads(line) for line in training.LABELS_FILE.open(encoding="utf-8")]
    assert len(rows) >= 900
    assert {r["real"] for r in rows} <= {"yes", "other", "no"}
    assert all(r["status"] is None for r in rows if r["real"] == "no")
    assert "status" not in {k for r in rows for k in r if k.startswith("ours")}  # no output of the stage is stored
    firsts = training.read_labels()
    assert len(firsts) == len({(r["doc"], r["start"]) for r in rows})
    assert all(not r["second_reading"] for r in firsts)


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "smartdata" / "train.jsonl.gz").is_file(), reason="../shared/data is not beside the project")
def test_retraining_gives_the_shipped_weights(tmp_path):
    """``make train-status`` from the committed labels and ../shared/data reproduces the shipped model."""
    pytest.importorskip("sklearn", reason="scikit-learn (the train extra) trains the model")
    shipped = json.loads((event_status_model.MODEL_DIR / "weights.json").read_text(encoding="utf-8"))
    # the C the recipe chose for the shipped model (its card says it): one C only, to keep the test short
    card = (event_status_model.MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    chosen = re.search(r"\bC=([0-9.]+)", card)
    assert chosen is not None, "the model card names the C of the shipped model"
    assert training.main(["--out", str(tmp_path / "status-de"), "--c", chosen.group(1), "--quiet"]) == 0
    again = json.loads((tmp_path / "status-de" / "weights.json").read_text(encoding="utf-8"))
    assert again["threshold"] == shipped["threshold"] and again["labels"] == shipped["labels"]
    assert again["weights"].keys() == shipped["weights"].keys()
    assert all(
        abs(a - b) < 1e-3 for k in shipped["weights"] for a, b in zip(again["weights"][k], shipped["weights"][k], strict=True)
    )
