"""A quotation after the colon of a clause whose subject was refused as a speaker is not carried on to the last
speaker (issue 14, attribution VERSION 15); named by German example."""

from __future__ import annotations

import pytest

import quellenlage


def _quote(text: str, fragment: str):
    record = quellenlage.analyze(text, outlet="ntv.de")
    hits = [s for s in record.statements if fragment in s.text and s.kind == "direct_quote"]
    assert hits, [(s.kind, s.text) for s in record.statements]
    return hits[0]


def _rules(statement) -> list[str]:
    return [t.rule for t in statement.trace]


def test_der_randalierer_rief_gives_the_quote_to_nobody_not_to_the_police_spokesman_before():
    st = _quote(
        "Festnahme in Graz\n\nEin Polizeisprecher sagte, der Mann sei betrunken gewesen. "
        "Der Randalierer rief: „Lasst mich raus!“\n",
        "Lasst mich raus",
    )
    assert st.speaker is None
    assert "own_colon" in _rules(st)


@pytest.mark.parametrize(
    "sentence",
    [
        "Jede Mitschuld weist Karl Huber von sich: „Das geht so nicht.“",
        "Eine Mail erreichte Karl Huber: „Das geht so nicht.“",  # the person after the verb is an object here
    ],
)
def test_a_refused_subject_before_its_colon_names_nobody_not_the_last_speaker(sentence):
    st = _quote(f"Streit in der Partei\n\nDie Abgeordnete Anna Berg sagte, sie sei enttäuscht. {sentence}\n", "Das geht so nicht")
    assert st.speaker is None  # not Anna Berg, and not Karl Huber: nothing tells subject from object here
    assert "own_colon" in _rules(st)


def test_two_people_before_the_colon_name_nobody():
    st = _quote(
        "Koalitionsstreit\n\nDie Ministerin Anna Berg lobte den Kompromiss. "
        "Die Anwendung der Regel stellte Huber nach einem Treffen mit Weber in Frage: „Das geht so nicht.“\n",
        "Das geht so nicht",
    )
    assert st.speaker is None  # not Anna Berg, the last speaker, nor Weber
