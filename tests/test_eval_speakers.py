"""The real-news speaker scorer (evaluate/speakers.py) on hand-made gold paragraphs."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, shared

from quellenlage.evaluate.events import analyse_paragraph
from quellenlage.evaluate.speakers import SpeakerScore, evaluate_file, is_speaker_gold, score_paragraph

TEXT = "„Wir stehen zusammen“, sagte Bundeskanzler Friedrich Merz am Montag in Berlin."


def _doc(**quote) -> dict:
    q = {
        "kind": "direct_quote",
        "quote": "Wir stehen zusammen",
        "speaker": "Bundeskanzler Friedrich Merz",
        "speaker_name": "Friedrich Merz",
        "anonymous": False,
        "anonymous_kind": None,
        "cue": "sagte",
    }
    q.update(quote)
    return {"id": "x1", "published": "2025-11-17", "text": TEXT, "quotes": [q]}


def test_der_kanzler_sagte_a_right_linked_speaker():
    score = SpeakerScore()
    score_paragraph(_doc(), score)
    d = score.as_dict()
    assert d["quotes"]["f1"] == 1.0 and d["speaker"]["recall"] == 1.0
    assert d["direct_quotes_right_linked_speaker"] == {"value": 1.0, "right": 1, "total": 1}
    assert d["anonymous_recognised"]["total"] == 0


def test_a_wrong_gold_speaker_counts_as_wrong_and_is_listed():
    score = SpeakerScore()
    score_paragraph(_doc(speaker="Emmanuel Macron", speaker_name="Emmanuel Macron"), score)
    d = score.as_dict()
    assert d["speaker"]["recall"] == 0.0 and d["direct_quotes_right_linked_speaker"]["right"] == 0
    assert score.errors and score.errors[0]["gold"]["speaker_name"] == "Emmanuel Macron"


def test_an_anonymous_gold_source_needs_our_anonymity():
    text = "Die Gespräche seien gescheitert, sagte ein Regierungsvertreter."
    doc = {
        "id": "x2",
        "published": None,
        "text": text,
        "quotes": [
            {
                "kind": "indirect_speech",
                "quote": "Die Gespräche seien gescheitert",
                "speaker": "ein Regierungsvertreter",
                "speaker_name": "Regierungsvertreter",
                "anonymous": True,
                "anonymous_kind": "official",
                "cue": "sagte",
            }
        ],
    }
    score = SpeakerScore()
    record = analyse_paragraph(text, None)
    score_paragraph(doc, score, record)
    d = score.as_dict()
    assert d["anonymous_recognised"]["total"] == 1
    assert d["quotes"]["f1"] == 1.0


def test_the_file_format_is_recognised(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(_doc(), ensure_ascii=False) + "\n", encoding="utf-8")
    assert is_speaker_gold(path)
    assert evaluate_file(path).paragraphs == 1


# --- the figures on the gold sets do not fall (README, issue 14) --------------------------------------

#: Measured on the committed rules (README "Quotes and speakers"); a change may not lose more than 0.02.
#: The real-news test part is never tuned on: it is scored here only in aggregate, to catch a fall.
#: Attribution VERSION 13 lowered two figures on purpose, one quote each (docs/attribution.md, VERSION 13: a
#: quotation inside an assertion is its subject's only when the subject can speak): round 1 tune's linked
#: direct quotes 53 → 52 of 65 (0.815 → 0.800) and round 3 test's 14 → 13 of 30 (0.467 → 0.433; speaker
#: recall 0.569 → 0.559), against three wrong speakers fewer on the test parts.
REALNEWS_MEASURED = {
    "quotes_realnews_tune.jsonl": {
        "quotes_f1": 0.843,
        "speaker": (0.806, 0.806),
        "direct_linked": 0.800,
        "anonymous_kind": 0.735,
    },
    "quotes_realnews_test.jsonl": {
        "quotes_f1": 0.776,
        "speaker": (0.662, 0.605),
        "direct_linked": 0.423,
        "anonymous_kind": 0.276,
    },
    # second blind round (scripts/quotes_sample.py --round 2), first scored before any rule looked at it
    "quotes_realnews2_tune.jsonl": {
        "quotes_f1": 0.824,
        "speaker": (0.734, 0.742),
        "direct_linked": 0.720,
        "anonymous_kind": 0.437,
    },
    "quotes_realnews2_test.jsonl": {
        "quotes_f1": 0.778,
        "speaker": (0.634, 0.657),
        "direct_linked": 0.543,
        "anonymous_kind": 0.400,
    },
    # third blind round (scripts/quotes_sample.py --round 3), first scored before any rule looked at it
    "quotes_realnews3_tune.jsonl": {
        "quotes_f1": 0.715,
        "speaker": (0.603, 0.551),
        "direct_linked": 0.458,
        "anonymous_kind": 0.133,
    },
    "quotes_realnews3_test.jsonl": {
        "quotes_f1": 0.772,
        "speaker": (0.722, 0.559),
        "direct_linked": 0.433,
        "anonymous_kind": 0.583,
    },
}


@pytest.mark.parametrize("name", sorted(REALNEWS_MEASURED))
def test_realnews_speaker_figures_do_not_fall(name):
    measured = REALNEWS_MEASURED[name]
    d = evaluate_file(FIXTURES / name).as_dict()
    assert d["quotes"]["f1"] >= measured["quotes_f1"] - 0.02
    assert d["speaker"]["precision"] >= measured["speaker"][0] - 0.02
    assert d["speaker"]["recall"] >= measured["speaker"][1] - 0.02
    assert d["direct_quotes_right_linked_speaker"]["value"] >= measured["direct_linked"] - 0.02
    assert d["anonymous_with_kind"]["value"] >= measured["anonymous_kind"] - 0.02


def test_wikinews_dev_speaker_figures_do_not_fall():
    from quellenlage.evaluate.quotes import evaluate_file as evaluate_wikinews

    d = evaluate_wikinews(str(shared("quotes-wikinews/dev.jsonl.gz"))).as_dict()
    assert d["quote_overlap"]["f1"] >= 0.799 - 0.02
    assert d["speaker"]["precision"] >= 0.881 - 0.02
    assert d["speaker"]["recall"] >= 0.702 - 0.02
