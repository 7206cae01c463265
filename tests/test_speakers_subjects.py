"""Who speaks: the subject after a fronted phrase or a focus word ("Einzig Siemens gab bekannt"), a noun of
saying that gives way to the verb after it, verbs of saying and speaker nouns the tables lacked (analyse/speakers.py, lang/de/speaker_classes.tsv, speech_verbs.tsv, speaker_nouns.tsv)."""

from __future__ import annotations

from test_speakers import _record, _rule, _statement

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


# --- the subject after the finite verb before a colon and a quotation ---------------------------------


def test_im_radio_zeigte_sich_der_trainer_zufrieden_colon_quotation_is_the_coach():
    text = "Im Radio zeigte sich der Trainer zufrieden: „Wir haben heute gut verteidigt.“"
    s = _statement(_record(text), "gut verteidigt", "direct_quote")
    assert s.speaker is not None and s.speaker.text == "der Trainer"
    assert _rule(s, "speaker") == "subject_after_verb_before_colon"


def test_in_einer_nachricht_wuerdigte_er_colon_quotation_is_er():
    text = "Karl Huber ist gestorben. In einer Nachricht würdigte er den Verstorbenen: „Er war ein Vorbild für uns alle.“"
    s = _statement(_record(text), "Vorbild", "direct_quote")
    assert s.speaker is not None and s.speaker.text == "er"


def test_die_reform_stellte_der_parteichef_in_frage_colon_quotation_is_the_party_leader():
    text = "Die Reform stellte der Parteichef Karl Huber offen in Frage: „Das Gesetz ist nicht zu Ende gedacht.“"
    s = _statement(_record(text), "zu Ende gedacht", "direct_quote")
    assert s.speaker is not None and s.speaker.text == "der Parteichef Karl Huber"


def test_eine_mail_erreichte_karl_huber_colon_quotation_names_nobody():
    """A name after the verb may be its object: only "er" or "der" and a male person noun count."""
    s = _statement(_record("Eine Mail erreichte Karl Huber: „Wir kommen morgen.“"), "kommen morgen", "direct_quote")
    assert s.speaker is None


def test_dabei_widersprach_der_ministerin_colon_is_not_the_minister_by_this_rule():
    """ "der Ministerin" is a dative: the rule takes no feminine form after "der"."""
    text = "Die Ministerin lobte das Gesetz. Im Ausschuss gefiel der Ministerin die Kritik nicht: „Das ist unfair.“"
    s = _statement(_record(text), "unfair", "direct_quote")
    assert _rule(s, "speaker") != "subject_after_verb_before_colon"


# --- a noun of saying in the phrase before the verb -------------------------------------------------


def test_zur_begruendung_sagte_der_minister_is_the_minister():
    s = _statement(_record("Zur Begründung sagte der Minister, die Kassen der Stadt seien leer."), "Kassen")
    assert s.speaker is not None and s.speaker.text == "der Minister"
    assert s.cue is not None and s.cue.text == "sagte"
    assert any(t.rule == "noun_in_phrase_before_verb" for t in s.trace)


def test_in_einer_erklaerung_teilte_die_firma_mit_is_the_company():
    s = _statement(_record("In einer Erklärung teilte die Firma Bosch mit, das Werk bleibe offen."), "Werk")
    assert s.speaker is not None and "Bosch" in s.speaker.text


def test_mit_der_begruendung_komma_keeps_the_noun_as_cue():
    text = "Mit der Begründung, die Kassen seien leer, lehnte der Minister den Antrag ab."
    s = _statement(_record(text), "Kassen", "indirect_speech")
    assert s.cue is not None and s.cue.text == "Begründung"


# --- the source the sentence opens with before "heißt es" ---------------------------------------------


def test_in_dem_bericht_der_am_montag_erschien_heisst_es_is_the_report():
    text = "In dem Bericht, der am Montag erschien, heißt es, die Schulden der Stadt seien gestiegen."
    s = _statement(_record(text), "Schulden")
    assert s.speaker is not None and s.speaker.text == "dem Bericht"
    assert _rule(s, "speaker") == "source_opening_impersonal_frame"


def test_in_einer_erklaerung_hatte_es_geheissen_is_the_statement():
    text = "In einer Erklärung des Vereins hatte es geheißen: „Wir stehen zu unserem Trainer.“"
    s = _statement(_record(text), "Trainer", "direct_quote")
    assert s.speaker is not None and s.speaker.text == "einer Erklärung des Vereins"


def test_bei_der_feuerwehr_hiess_es_is_the_fire_brigade():
    s = _statement(_record("Bei der Feuerwehr hieß es, der Brand sei gelöscht."), "Brand")
    assert s.speaker is not None and s.speaker.text == "der Feuerwehr"


def test_beim_finale_hiess_es_names_nobody():
    r = _record("Beim Finale in Bern hieß es, das Stadion sei ausverkauft.")
    s = _statement(r, "Stadion")
    assert s.speaker is None or "Finale" not in s.speaker.text


# --- a finite auxiliary after an apposition ----------------------------------------------------------


def test_der_fraktionschef_karl_huber_hatte_lenz_aufgefordert_is_huber_not_lenz():
    text = "Der Fraktionschef im Landtag, Karl Huber, hatte Lenz gestern aufgefordert, sein Mandat niederzulegen."
    s = _statement(_record(text), "Fraktionschef")
    assert s.speaker is not None and "Karl Huber" in s.speaker.text and "Lenz" not in s.speaker.text


# --- modals in Konjunktiv II and the past after a verb of saying -------------------------------------


def test_ein_entwurf_der_das_abkommen_ablehnen_sollte_names_no_speaker_der():
    """ "sollte" after the verb closes a relative clause: no speech act of the draft ("der")."""
    text = "Die Opposition verfehlte die Mehrheit für einen Entwurf, der das Abkommen ablehnen sollte."
    r = _record(text)
    assert all(s.speaker is None or s.speaker.text != "der" for s in r.statements)


def test_personen_die_vorfaelle_melden_moechten_sagte_anna_berg_is_anna_berg():
    text = "Wir sind eine Anlaufstelle für Personen, die Vorfälle melden möchten, sagte Anna Berg vom Verein."
    s = _statement(_record(text), "Anlaufstelle", "direct_quote")
    assert s.speaker is not None and "Anna Berg" in s.speaker.text


# --- more subjects after the finite verb ---------------------------------------------------------------


def test_im_januar_legte_er_sein_amt_nieder_und_verkuendete_is_er():
    text = "Karl Huber leitete die Behörde zehn Jahre. Im Januar legte er sein Amt nieder und verkündete, künftig zu beraten."
    s = _statement(_record(text), "künftig zu beraten")
    assert s.speaker is not None and s.speaker.text == "er"
    assert _rule(s, "speaker") == "subject_after_verb_of_first_conjunct"


def test_spoettisch_schrieb_der_verfasser_dazu_colon_quotation_is_the_author():
    text = "Spöttisch, wohl auf die Kritik reagierend, schrieb der Verfasser dazu: „Wer nicht genannt werden will, soll sich melden.“"
    s = _statement(_record(text), "genannt werden", "direct_quote")
    assert s.speaker is not None and s.speaker.text == "der Verfasser"


def test_ein_beamter_der_polizei_colon_quotation_is_the_officer():
    text = "Die Stadt fordert seit Jahren mehr Kontrollen. Ein Beamter der Polizei: „Wir wissen, wo die Händler stehen.“"
    s = _statement(_record(text), "Händler", "direct_quote")
    assert s.speaker is not None and s.speaker.text == "Ein Beamter der Polizei"
    assert _rule(s, "speaker") == "speaker_noun_before_colon"


def test_das_fazit_colon_quotation_is_no_speaker_noun_before_colon():
    s = _statement(_record("Das Fazit: „Wir haben viel gelernt.“"), "viel gelernt", "direct_quote")
    assert _rule(s, "speaker") != "speaker_noun_before_colon"


# --- adverbs are never speakers ---------------------------------------------------------------------------


def test_dort_wuerden_sich_geschaefte_rechnen_besagt_eine_studie_is_not_dort():
    text = "Dort würden sich offene Geschäfte am Sonntag rechnen, besagt eine von der Kammer bestellte Untersuchung."
    r = _record(text)
    assert all(s.speaker is None or s.speaker.text != "Dort" for s in r.statements)


# --- a noun of saying as a heading before a colon ---------------------------------------------------------


def test_weiteres_ergebnis_colon_drei_viertel_gaben_an_is_the_respondents():
    text = "Weiteres Ergebnis: Zwei Drittel der Befragten gaben an, den Test mit der Hand geschrieben zu haben."
    s = _statement(_record(text), "Test mit der Hand")
    assert s.speaker is not None and s.speaker.text == "Zwei Drittel der Befragten"
    assert any(t.rule == "heading_noun_before_verb" for t in s.trace)


def test_die_forderung_des_vereins_colon_without_verb_keeps_the_noun_frame():
    text = "Der Verein meldete sich zu Wort. Die Forderung des Vereins: Die Stadt solle mehr Geld geben."
    s = _statement(_record(text), "mehr Geld", "indirect_speech")
    assert all(t.rule != "heading_noun_before_verb" for t in s.trace)


def test_am_abend_empfing_der_buergermeister_die_demonstranten_colon_is_not_his():
    # only verbs that frame what their subject says (colon_frame rows) give him the quotation after the colon
    text = "Am Abend empfing der Bürgermeister die Demonstranten vor dem Rathaus: „Wir wollen unser Bad zurück!“"
    s = _statement(_record(text), "unser Bad", "direct_quote")
    assert s.speaker is None
