"""Who speaks, attribution VERSION 16: focus adverbs before the subject, verbs of saying and speaker nouns the
tables lacked (analyse/speakers.py, lang/de/speaker_classes.tsv, speech_verbs.tsv, speaker_nouns.tsv)."""

from __future__ import annotations

import quellenlage


def _record(text: str):
    return quellenlage.analyze(text, outlet="ntv.de")


def _statement(record, fragment: str, kind: str | None = None):
    hits = [s for s in record.statements if fragment in s.text and (kind is None or s.kind == kind)]
    assert hits, f"no {kind or ''} statement with {fragment!r}: {[(s.kind, s.text) for s in record.statements]}"
    return hits[0]


def _rule(statement, decided: str) -> str | None:
    return next((t.rule for t in statement.trace if t.decided == decided), None)


# --- a focus adverb before the subject is not part of it ---------------------------------------------


def test_einzig_siemens_gab_bekannt_is_siemens():
    s = _statement(_record("Einzig Siemens gab bekannt, ein neues Werk in Erlangen bauen zu wollen."), "Werk")
    assert s.speaker is not None and s.speaker.text == "Siemens"
    assert _rule(s, "speaker") == "subject_before_cue"


def test_nur_die_stadtwerke_erklaerten_is_the_utility():
    s = _statement(_record("Nur die Stadtwerke erklärten, an der Aktion nicht teilnehmen zu wollen."), "Aktion")
    assert s.speaker is not None and s.speaker.text == "die Stadtwerke"


def test_selbst_der_vorstand_hatte_kritisiert_is_the_board():
    text = "Selbst der Vorstand hatte im Herbst kritisiert, dass die Zahlen geschönt seien."
    s = _statement(_record(text), "Zahlen", "indirect_speech")
    assert s.speaker is not None and s.speaker.text == "der Vorstand"


def test_sogar_der_landrat_sprach_eine_warnung_aus_is_reported_speech_of_the_landrat():
    s = _statement(_record("Sogar der Landrat sprach eine Warnung vor dem Hochwasser aus."), "Warnung")
    assert s.kind == "reported"
    assert s.speaker is not None and s.speaker.text == "der Landrat"


def test_nur_so_koenne_man_sagen_names_nobody():
    """After the focus adverb stands no noun phrase ("so"): nothing is skipped, nobody speaks."""
    s = _statement(_record("Nur so könne man sagen, dass es besser wird."), "besser")
    assert s.speaker is None


# --- verbs of saying the table lacked -----------------------------------------------------------------


def test_verlautbarte_der_verband_is_the_association():
    s = _statement(_record("Die Gespräche seien gescheitert, verlautbarte der Verband am Abend."), "Gespräche")
    assert s.kind == "indirect_speech"
    assert s.speaker is not None and s.speaker.text == "der Verband"


def test_die_verlautbarten_beschluesse_are_no_speech():
    """The attributive participle "verlautbarten" is no verb of saying (the row lists no "-ten" form)."""
    text = "Von größerer Reichweite sind die vom Beirat verlautbarten Beschlüsse: Drei Bilder werden zurückgegeben."
    r = _record(text)
    assert all(s.speaker is None or s.speaker.text != "Beschlüsse" for s in r.statements)


def test_die_forscherin_strich_heraus_is_the_researcher():
    s = _statement(_record("Die Forscherin strich heraus, dass die Daten noch vorläufig seien."), "Daten")
    assert s.speaker is not None and s.speaker.text == "Die Forscherin"


def test_die_veranstalter_gestanden_ein_is_the_organisers():
    text = "Die Veranstalter gestanden ein, dass die Bühne zu klein gewesen sei."
    s = _statement(_record(text), "Bühne")
    assert s.speaker is not None and s.speaker.text == "Die Veranstalter"


# --- speaker nouns the table lacked -----------------------------------------------------------------


def test_eine_polizeistreife_stellte_fest_is_the_patrol():
    text = "Am Morgen stellte eine Polizeistreife fest, dass die Tür des Kiosks aufgebrochen war."
    s = _statement(_record(text), "Kiosks")
    assert s.speaker is not None and s.speaker.text == "eine Polizeistreife"
    assert s.speaker.anonymous


def test_sagte_ein_teilnehmer_is_an_unnamed_participant():
    s = _statement(_record("„Das ist erst der Anfang“, sagte ein Teilnehmer der Kundgebung."), "Anfang", "direct_quote")
    assert s.speaker is not None and s.speaker.text.startswith("ein Teilnehmer")
    assert s.speaker.anonymous
