"""The German temporal tagger: table-driven cases, the seed article, the stage in the pipeline, WikiWarsDE."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from conftest import FIXTURES, SEED_TXT, shared

from quellenlage import api
from quellenlage.analyse.time import document_date, tag


def _cases() -> list:
    """The rows of ``time_cases.tsv``; the eighth column (confidence) is optional."""
    rows = []
    with open(FIXTURES / "time_cases.tsv", encoding="utf-8") as fh:
        for row in csv.reader(
            (line for line in fh if line.strip() and not line.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE
        ):
            sentence, reference, mode, span, value, mod, typ, *rest = row
            confidence = rest[0] if rest else "-"
            rows.append(pytest.param(sentence, reference, mode, span, value, mod, typ, confidence, id=sentence))
    return rows


def _null(cell: str):
    return None if cell == "-" else cell


@pytest.mark.parametrize("sentence,reference,mode,span,value,mod,typ,confidence", _cases())
def test_time_case(sentence, reference, mode, span, value, mod, typ, confidence):
    found = tag(sentence, document_date(_null(reference)), narrative=mode == "narrative")
    if span == "-":
        assert [t.text for t in found] == [], "expected no time expression"
        return
    matches = [t for t in found if t.text == span]
    assert matches, f"{span!r} not found; found {[(t.text, t.value) for t in found]}"
    t = matches[0]
    assert sentence[t.start : t.end] == t.text
    assert (t.value, t.mod, t.type) == (_null(value), _null(mod), _null(typ))
    if confidence != "-":
        assert t.confidence == confidence
    assert all((x.confidence == "unknown") == (x.value is None) for x in found)
    assert all(x.confidence in ("stated", "inferred", "unknown") for x in found)


def test_the_case_table_has_150_cases_with_tense_and_no_false_hits():
    cases = _cases()
    assert len(cases) >= 150
    sentences = [c.values[0] for c in cases]
    assert "Am Mittwoch traf er den Kanzler." in sentences and "Am Mittwoch will er den Kanzler treffen." in sentences
    assert sum(1 for c in cases if c.values[3] == "-") >= 15


def _tagged(text: str, published: str | None) -> list[tuple]:
    return [(t.text, t.value, t.confidence) for t in tag(text, document_date(published))]


def test_am_montag_gestreikt_am_abend_in_der_nacht_are_that_monday():
    text = "Am Montag wurde in Halle gestreikt. Am Abend kam es zu Krawallen. In der Nacht brannte ein Auto."
    assert _tagged(text, "2025-11-19") == [
        ("Montag", "2025-11-17", "stated"),
        ("Am Abend", "2025-11-17TEV", "inferred"),
        ("Nacht", "2025-11-17TNI", "inferred"),
    ]


def test_am_selben_tag_counts_from_the_stated_17_november_not_from_the_guessed_freitag():
    # "Am Freitag entscheidet" has no tense marker: the nearest Friday is a guess and moves no anchor
    text = (
        "Am 17. November 2025 wurde der Minister entlassen. Am Freitag entscheidet das Kabinett über "
        "den Nachfolger. Am selben Tag hatte er noch eine Rede gehalten."
    )
    assert _tagged(text, "2025-11-19") == [
        ("17. November 2025", "2025-11-17", "stated"),
        ("Freitag", "2025-11-21", "inferred"),
        ("selben Tag", "2025-11-17", "inferred"),
    ]


def test_am_abend_after_am_samstag_findet_statt_is_the_publication_day_not_the_guessed_saturday():
    text = "Am Samstag findet das Derby statt. Am Abend spricht der Trainer."
    assert _tagged(text, "2025-11-19") == [("Samstag", "2025-11-22", "inferred"), ("Am Abend", "2025-11-19TEV", "inferred")]


def test_am_24_oktober_kam_er_an_then_zwei_tage_spaeter_keeps_the_stated_year_nearby():
    # a year written out nearby makes a year-less date stated, so it anchors what follows
    text = "Am 22. Oktober 2025 reiste er ab. Am 24. Oktober kam er an. Zwei Tage später reiste er weiter."
    assert _tagged(text, "2025-11-19")[1:] == [
        ("24. Oktober", "2025-10-24", "stated"),
        ("Zwei Tage später", "2025-10-26", "inferred"),
    ]


def test_in_a_narrative_every_date_moves_the_reference_time():
    # no publication day to fall back to: "am selben Tag" follows the story's (inferred) 3 September
    text = (
        "Im Jahr 1939 begann der Krieg. Vieles geschah. "
        + "x " * 200
        + "Am 3. September erklärte Frankreich den Krieg. Am selben Tag fiel Warschau nicht."
    )
    found = [(t.text, t.value, t.confidence) for t in tag(text, date(2011, 2, 16), narrative=True)]
    assert found[-2:] == [("3. September", "1939-09-03", "inferred"), ("selben Tag", "1939-09-03", "inferred")]


def test_nahm_fest_bekam_verlief_festnahm_are_past_forms_entschieden_and_gelangen_are_not():
    from quellenlage.analyse.timex_tense import strong_preterite

    assert all(strong_preterite(w) for w in ["nahm", "nahmen", "bekam", "verlief", "festnahm", "fanden", "gingen", "brachte"])
    # participles that look like plural past forms ("wird entschieden"), adjectives, infinitives
    assert not any(strong_preterite(w) for w in ["entschieden", "vertrieben", "bekannte", "genannten", "nehmen", "Nahm"])


def test_festgenommen_entgleist_angezuendet_explodiert_are_participles_gestern_is_not():
    from quellenlage.analyse.timex_tense import participle

    assert all(
        participle(w) for w in ["festgenommen", "verstorben", "begonnen", "entgleist", "angezündet", "explodiert", "gesagt"]
    )
    assert not any(participle(w) for w in ["gestern", "gegen", "genau", "ungefähr", "vergangenen", "Gesagt"])


def test_ist_geschlossen_is_a_state_hat_geschlossen_a_perfect():
    from quellenlage.analyse.timex_tense import words_tense

    assert words_tense("Am Samstag ist der Laden geschlossen".split()) is None
    assert words_tense("Am Samstag hat er den Laden geschlossen".split()) == "PAST"
    assert words_tense("Am Samstag ist der Zug entgleist".split()) == "PAST"
    assert words_tense("Am Samstag hat der Bundestag eine Sitzung".split()) is None


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


def test_seed_diesen_mittwoch_is_stated_am_25_oktober_without_a_year_inferred(seed_record):
    confidence = {t.text: t.confidence for t in seed_record.times}
    assert confidence["diesen Mittwoch"] == "stated" and confidence["25. Oktober"] == "inferred"
    assert all(t.confidence == ("unknown" if t.value is None else t.confidence) for t in seed_record.times)


def test_every_time_span_is_the_text_at_its_offsets_and_in_a_sentence(seed_record):
    assert seed_record.offset_problems() == []
    assert "time" in seed_record.analysis.stages
    assert all(t.sentence is not None for t in seed_record.times)


def test_wikinews_sample_gestern_is_the_day_before_publication():
    records = list(api.analyze_all(FIXTURES.parent.parent / "samples" / "wikinews-dev-sample.jsonl"))
    first = records[0]
    assert first.meta.published == "2005-08-20"
    gestern = [t for t in first.times if t.text == "Gestern"]
    assert gestern and gestern[0].value == "2005-08-19"


def test_without_publication_date_am_24_oktober_keeps_value_null():
    record = api.analyze("Am 24. Oktober traf er ihn. Am 24. Oktober 2025 traf er sie.")
    assert record.meta.published is None
    assert [(t.text, t.value, t.confidence) for t in record.times] == [
        ("24. Oktober", None, "unknown"),
        ("24. Oktober 2025", "2025-10-24", "stated"),
    ]


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


def test_in_der_nacht_auf_sonntag_erschossen_is_the_last_sunday_not_an_appointment_ahead():
    # "auf Sonntag" after "Nacht" names a night, not an appointment ("auf Januar verschoben"): the clause decides
    assert ("Sonntag", "2025-11-16") in [
        t[:2] for t in _tagged("Der Mann wurde in der Nacht auf Sonntag erschossen.", "2025-11-19")
    ]
    assert ("Sonntag", "2025-11-23") in [t[:2] for t in _tagged("In der Nacht zum Sonntag soll es schneien.", "2025-11-19")]


def test_zu_3_5_jahren_haft_verurteilt_a_decimal_comma_is_no_clause_break():
    from quellenlage.analyse.timex_tense import clause_tense

    text = "Ein Chemiker wurde am Montag wegen Betruges zu 3,5 Jahren Haft verurteilt."
    at = text.index("verurteilt")
    assert clause_tense(text, at, at + len("verurteilt"), 0, len(text)) == "PAST"
