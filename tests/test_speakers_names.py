"""Names in quotation marks are no quotes, a person of an outlet is no outlet, a description points back
(issue 14, attribution VERSION 14); named by German example."""

from __future__ import annotations

import pytest
from conftest import attributed_with_entities

import quellenlage
from quellenlage.analyse import anonymity, attribution


def _record(text: str):
    return quellenlage.analyze(text, outlet="ntv.de")


def _statements(record, fragment: str, kind: str | None = None):
    return [s for s in record.statements if fragment in s.text and s.kind != "asserted" and (kind is None or s.kind == kind)]


def _statement(record, fragment: str, kind: str | None = None):
    hits = _statements(record, fragment, kind)
    assert hits, f"no {kind or ''} statement with {fragment!r}: {[(s.kind, s.text) for s in record.statements]}"
    return hits[0]


def _rules(statement) -> list[str]:
    return [t.rule for t in statement.trace]


def _quotes_of(record, inner: str):
    """Statements whose text is the quotation of ``inner`` alone."""
    return [s for s in record.statements if s.text.strip('„“"»«‚‘()') == inner]


# --- names in quotation marks (attribution.QUOTED_NAME_RULES) ---------------------------------------------


def test_hochrechnungen_von_infratest_dimap_in_quotes_is_a_name_not_a_quote():
    text = "Der Sprecher der Landesregierung sagte, die Hochrechnungen von „Forschungsgruppe Wahlen“ seien zu früh veröffentlicht worden."
    r = attributed_with_entities(text, {"Forschungsgruppe Wahlen": "ORG"})
    assert _quotes_of(r, "Forschungsgruppe Wahlen") == []
    s = _statement(r, "die Hochrechnungen", "indirect_speech")
    assert "entity_in_quotes" in _rules(s)


def test_begriff_in_parentheses_in_another_language_is_a_gloss():
    text = "Die Polizei teilte mit, die Gruppe nenne sich „Nachtwache“ („night watch“) und sei seit Jahren bekannt."
    r = _record(text)
    assert _quotes_of(r, "night watch") == []
    assert "gloss_in_parentheses" in _rules(_statement(r, "die Gruppe nenne sich"))


def test_laut_einem_test_des_magazins_in_lower_case_is_the_magazines_name():
    text = "Laut einem Test des Magazins „gute fahrt“ verbrauchen die neuen Modelle deutlich weniger Benzin."
    r = _record(text)
    assert _quotes_of(r, "gute fahrt") == []
    assert "title_after_outlet_noun" in _rules(_statement(r, "verbrauchen die neuen Modelle"))


def test_web_address_in_quotes_is_the_sites_name():
    text = "Der Verlag teilte mit, der Angriff habe vor allem „heute.at“ getroffen."
    r = _record(text)
    assert _quotes_of(r, "heute.at") == []
    assert "web_address_in_quotes" in _rules(_statement(r, "der Angriff habe"))


def test_ein_leser_des_kuriers_in_quotes_is_part_of_the_speaker():
    r = _record("Ein Leser des „Kuriers“ berichtete von einer gesperrten Brücke in der Altstadt.")
    assert _quotes_of(r, "Kuriers") == []
    s = _statement(r, "berichtete von einer gesperrten Brücke")
    assert "quotation_in_speaker_phrase" in _rules(s) and s.speaker.text == "Ein Leser des „Kuriers“"


def test_a_phrase_of_the_speaker_in_quotes_is_still_a_quote():
    text = "Der Bürgermeister sagte, die Stadt habe „alles Menschenmögliche“ getan."
    r = _record(text)
    quoted = _quotes_of(r, "alles Menschenmögliche")
    assert quoted and quoted[0].kind == "direct_quote" and quoted[0].speaker is not None


@pytest.mark.parametrize("rule", attribution.QUOTED_NAME_RULES, ids=lambda f: f.__name__)
def test_every_quoted_name_rule_has_a_german_example_in_its_docstring(rule):
    doc = rule.__doc__ or ""
    assert "„" in doc and "→" in doc, rule.__name__


# --- a person of an outlet is a person (anonymity.person_of_outlet, speakers.outlet_name) -----------------


def test_ein_sprecher_des_senders_rtl_is_an_anonymous_spokesperson_not_rtl():
    r = _record("Ein Sprecher des Senders RTL sagte, die Show werde nach der Sommerpause abgesetzt.")
    s = _statement(r, "die Show werde")
    assert s.speaker.anonymous and s.speaker.anonymous_kind == "spokesperson" and s.speaker.entity is None
    assert "person_of_outlet" in _rules(s)


def test_ein_zdf_sprecher_is_an_anonymous_spokesperson():
    assert anonymity.decide("ein ZDF-Sprecher").kind == "spokesperson"
    assert anonymity.decide("ZDF-Sprecher Peter Huber") is None
    assert anonymity.decide("das ZDF") is None


# --- a definite description points back (speakers.LINK_RULES) -------------------------------------------


def test_das_nachrichtenmagazin_after_der_spiegel_is_der_spiegel():
    text = (
        "Der Spiegel berichtete am Samstag, der Konzern wolle drei Werke schließen. "
        "Das Nachrichtenmagazin schrieb weiter, die Gewerkschaft sei nicht informiert worden."
    )
    r = _record(text)
    s = _statement(r, "die Gewerkschaft sei nicht informiert")
    assert not s.speaker.anonymous and s.speaker.entity is not None
    assert "outlet_description_to_outlet" in _rules(s)


def test_die_zeitung_opening_a_text_stays_an_unnamed_outlet():
    r = _record("Die Zeitung berichtete, der Konzern wolle drei Werke schließen.")
    s = _statement(r, "der Konzern wolle")
    assert s.speaker.anonymous and s.speaker.anonymous_kind == "unnamed_outlet"


def test_den_angaben_zufolge_after_the_fire_brigade_is_the_fire_brigades():
    text = "Die Feuerwehr teilte mit, der Brand in der Lagerhalle sei gelöscht. Den Angaben zufolge wurde niemand verletzt."
    r = attributed_with_entities(text, {"Feuerwehr": "ORG"})
    s = _statement(r, "wurde niemand verletzt")
    assert not s.speaker.anonymous and s.speaker.entity == "e1"


def test_dem_vernehmen_nach_stays_anonymous():
    text = "Die Feuerwehr teilte mit, der Brand sei gelöscht. Dem Vernehmen nach soll ein Kurzschluss die Ursache sein."
    r = attributed_with_entities(text, {"Feuerwehr": "ORG"})
    s = _statement(r, "ein Kurzschluss")
    assert s.speaker is None or s.speaker.entity is None


# --- documents (anonymous_sources.tsv, anonymity.source_noun) --------------------------------------------


@pytest.mark.parametrize(
    "phrase, kind",
    [
        ("einer Umfrage", "document"),
        ("eine Untersuchung", "document"),
        ("einer US-Studie", "document"),
        ("der BUND-Analyse", None),  # its author in the compound
        ("einer Umfrage des Instituts Allensbach", None),
    ],
)
def test_laut_einer_umfrage_is_a_document_the_bund_analyse_is_named(phrase, kind):
    found = anonymity.decide(phrase)
    assert (found.kind if found else None) == kind
