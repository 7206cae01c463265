"""The German temporal tagger: table-driven cases, the seed article, the stage in the pipeline, WikiWarsDE."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from conftest import FIXTURES, SEED_TXT, shared

from quellenlage import api
from quellenlage.analyse.time import document_date, tag


def _cases() -> list:
    rows = []
    with open(FIXTURES / "time_cases.tsv", encoding="utf-8") as fh:
        for row in csv.reader((line for line in fh if line.strip() and not line.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE):
            sentence, reference, mode, span, value, mod, typ = row
            rows.append(pytest.param(sentence, reference, mode, span, value, mod, typ, id=sentence))
    return rows


def _null(cell: str):
    return None if cell == "-" else cell


@pytest.mark.parametrize("sentence,reference,mode,span,value,mod,typ", _cases())
def test_time_case(sentence, reference, mode, span, value, mod, typ):
    found = tag(sentence, document_date(_null(reference)), narrative=mode == "narrative")
    if span == "-":
        assert [t.text for t in found] == [], "expected no time expression"
        return
    matches = [t for t in found if t.text == span]
    assert matches, f"{span!r} not found; found {[(t.text, t.value) for t in found]}"
    t = matches[0]
    assert sentence[t.start : t.end] == t.text
    assert (t.value, t.mod, t.type) == (_null(value), _null(mod), _null(typ))


def test_the_case_table_has_150_cases_with_tense_and_no_false_hits():
    cases = _cases()
    assert len(cases) >= 150
    sentences = [c.values[0] for c in cases]
    assert "Am Mittwoch traf er den Kanzler." in sentences and "Am Mittwoch will er den Kanzler treffen." in sentences
    assert sum(1 for c in cases if c.values[3] == "-") >= 15


@pytest.fixture(scope="module")
def seed_record():
    return api.analyze(SEED_TXT)


def _times(record) -> dict[str, tuple]:
    return {t.text: (t.value, t.mod, t.type) for t in record.times}


def test_ende_oktober_in_the_seed_is_october_2025_end(seed_record):
    assert _times(seed_record)["Ende Oktober"] == ("2025-10", "END", "DATE")


def test_vom_24_bis_zum_26_oktober_in_the_seed_is_a_range(seed_record):
    assert _times(seed_record)["vom 24. bis zum 26. Oktober"] == ("2025-10-24/2025-10-26", None, "DATE")


def test_am_25_oktober_in_the_seed_is_the_past_25th(seed_record):
    assert _times(seed_record)["25. Oktober"] == ("2025-10-25", None, "DATE")


def test_diesen_mittwoch_is_the_publication_day(seed_record):
    assert seed_record.meta.published.startswith("2025-11-19")
    assert _times(seed_record)["diesen Mittwoch"] == ("2025-11-19", None, "DATE")


def test_seed_date_line_is_outside_the_text_but_tags_as_a_time(seed_record):
    # the page dump's "19.11.2025, 09:47 Uhr" line is metadata, not part of record.text
    assert "19.11.2025" not in seed_record.text
    (t,) = tag("19.11.2025, 09:47 Uhr", date(2025, 11, 19))
    assert (t.text, t.value, t.type) == ("19.11.2025, 09:47 Uhr", "2025-11-19T09:47", "TIME")


def test_references_in_the_seed_stay_out_of_the_timeline(seed_record):
    refs = {t.text: t.value for t in seed_record.times if t.value and t.value.endswith("_REF")}
    assert refs == {"früher": "PAST_REF", "bislang": "PAST_REF", "derzeit": "PRESENT_REF"}


def test_every_time_span_is_the_text_at_its_offsets_and_in_a_sentence(seed_record):
    assert seed_record.offset_problems() == []
    assert "time" in seed_record.analysis.stages
    assert all(t.sentence is not None for t in seed_record.times)


def test_wikinews_sample_gestern_is_the_day_before_publication():
    records = [r for r in api.analyze_all(FIXTURES.parent.parent / "samples" / "wikinews-dev-sample.jsonl")]
    first = records[0]
    assert first.meta.published == "2005-08-20"
    gestern = [t for t in first.times if t.text == "Gestern"]
    assert gestern and gestern[0].value == "2005-08-19"


def test_without_publication_date_am_24_oktober_keeps_value_null():
    record = api.analyze("Am 24. Oktober traf er ihn. Am 24. Oktober 2025 traf er sie.")
    assert record.meta.published is None
    assert [(t.text, t.value) for t in record.times] == [("24. Oktober", None), ("24. Oktober 2025", "2025-10-24")]


def test_wikiwarsde_reaches_heideltimes_published_figures():
    folder = shared("time/wikiwarsde")
    from quellenlage.evaluate.time import evaluate_dir

    scores = evaluate_dir(folder).total.scores()
    assert scores["lenient_f1"] >= 0.933
    assert scores["value_f1"] >= 0.885


def test_wikiwarsde_reader_keeps_gold_offsets_exact():
    from quellenlage.evaluate.time import read_document

    doc = read_document(shared("time/wikiwarsde/03_AmCivWar.key.xml"))
    assert "&" in doc.text
    assert all(doc.text[g.start : g.end].strip() == doc.text[g.start : g.end] for g in doc.gold)
    assert doc.dct == date(2011, 2, 16)


def test_eval_time_cli_prints_json(cli):
    folder = shared("time/wikiwarsde")
    proc = cli("eval", "time", str(folder), "--format", "json", check=True)
    import json

    data = json.loads(proc.stdout_text)
    assert data["total"]["gold"] > 2000 and len(data["documents"]) == 22
