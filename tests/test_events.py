"""The events stage: triggers, status, participants, clustering and plans (named by German example)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import SEED_TXT

import quellenlage
from quellenlage.analyse import event_sentence, event_status, event_triggers, segment
from quellenlage.analyse.pipeline import STAGES

WEDNESDAY = "2025-11-19T09:47+01:00"


def _record(text: str, published: str = WEDNESDAY):
    return quellenlage.analyze(text, outlet="ntv.de", published=published)


def _event(record, trigger: str):
    """The event with a trigger mention reading ``trigger``."""
    hits = [e for e in record.events if any(m.text == trigger for m in e.mentions)]
    assert hits, f"no event with trigger {trigger!r}: {[(e.type, [m.text for m in e.mentions]) for e in record.events]}"
    return hits[0]


def _status(text: str, trigger: str, published: str = WEDNESDAY) -> str:
    return _event(_record(text, published), trigger).status


def test_the_events_stage_runs_after_attribution():
    names = [name for name, _, _ in STAGES]
    assert names.index("events") == names.index("attribution") + 1


# --- triggers -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "event_type"),
    [
        ("Treffen", "meeting"),
        ("Gipfeltreffen", "meeting"),
        ("Geheimgespräche", "talks"),
        ("Friedensgesprächen", "talks"),
        ("28-Punkte-Friedensplan", "plan"),
        ("20-Punkte-Modell", "plan"),
        ("Staatsbesuch", "visit"),
        ("Gaza-Deal", "agreement"),
    ],
)
def test_nouns_and_compound_heads_are_triggers(word, event_type):
    assert event_triggers.noun_type(word) == event_type


@pytest.mark.parametrize("word", ["Preise", "Anreise", "Geschäftsmodell", "treffen", "Bericht"])
def test_short_first_parts_lower_case_words_and_plain_nouns_are_not_noun_triggers(word):
    assert event_triggers.noun_type(word) is None


def test_verb_forms_are_triggers_with_offsets_and_sentence():
    record = _record("Merz und Macron trafen sich in Paris. Danach telefonierten sie.")
    found = [(t.text, t.type, t.sentence) for t in event_triggers.find(record)]
    assert found == [("trafen", "meeting", 0), ("telefonierten", "call", 1)]
    for ev in record.events:
        for m in ev.mentions:
            assert record.text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "trigger", "event_type"),
    [
        ("Die Fraktionschefs kommen zusammen.", "kommen zusammen", "meeting"),
        ("Die Innenminister sind in Potsdam zusammengekommen.", "zusammengekommen", "meeting"),
        ("Das Kabinett beriet über den Haushalt.", "beriet", "talks"),
        ("Die Tarifparteien einigten sich auf einen Abschluss.", "einigten", "agreement"),
        ("Die Länder haben sich auf einen Kompromiss geeinigt.", "geeinigt", "agreement"),
        ("Der Kanzler empfing den kenianischen Präsidenten.", "empfing", "meeting"),
        ("Die Ministerin reiste nach Warschau.", "reiste", "visit"),
        ("Die Unterzeichnung in Rom verzögert sich.", "Unterzeichnung", "agreement"),
        ("Der König hielt eine Fernsehansprache.", "Fernsehansprache", "statement"),
        ("Die Grundsatzrede des Präsidenten dauerte eine Stunde.", "Grundsatzrede", "statement"),
        ("Der Ort des Gipfeltreffens war geheim.", "Gipfeltreffens", "meeting"),
    ],
)
def test_common_trigger_forms_die_fraktionschefs_kommen_zusammen(text, trigger, event_type):
    found = {t.text: t.type for t in event_triggers.find(_record(text))}
    assert found.get(trigger) == event_type, found


def test_nach_einigen_tagen_the_determiner_is_no_trigger():
    assert event_triggers.find(_record("Nach einigen Tagen kehrte Ruhe ein.")) == []


# --- separable verbs: the particle at the end of the clause -------------------------------------------------------


def test_kamen_am_montag_in_berlin_zusammen_the_verb_is_the_trigger_and_the_particle_closes_the_clause():
    record = _record("Die Außenminister kamen am Montag in Berlin zusammen.")
    [t] = event_triggers.find(record)
    assert (t.text, t.type, t.kind) == ("kamen", "meeting", "phrase")
    assert _event(record, "kamen").status == "happened"  # Monday before a Wednesday publication


def test_kommen_am_freitag_im_kanzleramt_zusammen_is_planned():
    assert _status("Die Fraktionschefs kommen am Freitag im Kanzleramt erneut zusammen.", "kommen") == "planned"


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("Am Sonntag treffen sich die Außenminister beider Länder in Genf.", "treffen"),  # Sunday after a Wednesday paper
        ("Die Gewerkschaft streikt am Montag in allen Werken.", "streikt"),
    ],
)
def test_present_tense_with_a_weekday_am_sonntag_treffen_sich_is_planned_never_a_past_sunday(text, trigger):
    assert _status(text, trigger) == "planned"


def test_kamen_zu_einem_gespraech_zusammen_the_noun_names_the_event():
    found = [
        (t.text, t.type) for t in event_triggers.find(_record("Die Ministerinnen kamen am Abend zu einem Gespräch zusammen."))
    ]
    assert found == [("Gespräch", "talks")]


@pytest.mark.parametrize(
    "text",
    [
        "Die Gäste kamen am Montag an, weil sie zusammen feiern wollten.",  # a comma ends the clause
        "Die Gäste kamen pünktlich und blieben lange zusammen.",  # so does a conjunction
        "Die Gäste kamen am Montag nach einer langen Fahrt mit dem Bus aus Rom zusammen.",  # 9 words between
    ],
)
def test_the_particle_must_close_the_same_clause_within_8_words(text):
    assert [t.text for t in event_triggers.find(_record(text))] == []


def test_sagte_das_fuer_freitag_geplante_treffen_in_genf_kurzfristig_ab_is_cancelled():
    assert _status("Der Kanzler sagte das für Freitag geplante Treffen in Genf kurzfristig ab.", "Treffen") == "cancelled"


def test_sagte_comma_ab_montag_is_no_cancellation():
    text = "Die Ministerin sagte, dass das Treffen in Genf stattfinde und sie ab Montag dort sei."
    assert _status(text, "Treffen") != "cancelled"


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("Trump sagte das Treffen ab .", [1, 4]),
        ("Trump sagte das für Freitag in Genf geplante Treffen kurzfristig ab .", [1, 10]),  # 8 words between
        ("Trump sagte das für Freitag in Genf geplante Treffen recht kurzfristig ab .", None),  # 9
        ("Trump sagte , das Treffen sei ab Montag geplant .", None),
        ("Trump sagte das Treffen zu und reist ab .", None),
    ],
)
def test_match_a_gap_spans_up_to_8_words_of_one_clause(text, hits):
    words = [segment.Word(w, 0, 0) for w in text.split()]
    assert event_status.match(("sagte", "…", "ab"), words, 1) == hits


# --- status from cues ---------------------------------------------------------------------------------------------


def test_trafen_sich_happened():
    assert _status("Merz und Macron trafen sich in Paris.", "trafen") == "happened"


def test_fand_statt_happened():
    assert _status("Das Treffen fand in Genf statt.", "Treffen") == "happened"


def test_bei_frueheren_gespraechen_happened():
    assert _status("Merz lobte die Fortschritte bei früheren Gesprächen in Genf.", "Gesprächen") == "happened"


def test_geplant_is_planned():
    assert _status("Ein Treffen in Genf ist geplant.", "Treffen") == "planned"


def test_soll_stattfinden_is_planned():
    assert _status("Das Treffen soll in Genf stattfinden.", "Treffen") == "planned"


def test_will_treffen_is_planned():
    assert _status("Merz will Macron in Paris treffen.", "treffen") == "planned"


def test_angekuendigt_is_planned():
    assert _status("Ein Besuch in Kiew wurde angekündigt.", "Besuch") == "planned"


def test_vor_dem_naechsten_treffen_is_planned():
    assert _status("Beide hoffen auf Fortschritte vor dem nächsten Treffen in Genf.", "Treffen") == "planned"


def test_abgesagt_is_cancelled():
    assert _status("Das Treffen in Genf wurde abgesagt.", "Treffen") == "cancelled"


def test_verschoben_is_postponed():
    assert _status("Das Treffen in Genf wurde verschoben.", "Treffen") == "postponed"


def test_a_postponement_told_with_the_event_is_a_status_change_without_a_time():
    record = _record("Das für den 21. November 2025 geplante Treffen in Genf wurde verschoben.")
    ev = _event(record, "Treffen")
    assert ev.time.value == "2025-11-21"  # the planned day, not the postponement's
    [change] = ev.status_changes
    assert (change.status, change.time, change.evidence, change.sentences) == ("postponed", None, ev.evidence, ev.sentences)


def test_dementierte_is_denied():
    assert _status("Der Kreml dementierte ein Treffen in Genf.", "Treffen") == "denied"


def test_geplant_and_verschoben_postponed_wins():
    assert _status("Das für Freitag geplante Treffen in Genf wurde verschoben.", "Treffen") == "postponed"


def test_soll_nicht_zur_debatte_stehen_negated_plan_is_unknown():
    assert _status("Ein Gipfeltreffen in Budapest soll aber weiterhin nicht zur Debatte stehen.", "Gipfeltreffen") == "unknown"


def test_will_nicht_treffen_negated_plan_is_unknown():
    assert _status("Merz will Macron nicht treffen.", "treffen") == "unknown"


def test_negation_in_another_clause_does_not_count():
    assert _status("Das ist nicht neu, ein Treffen in Genf ist geplant.", "Treffen") == "planned"


# --- status from the time against the publication date ------------------------------------------------------------


def test_am_freitag_after_a_wednesday_publication_is_planned():
    assert _status("Am Freitag gibt es ein Treffen in Genf.", "Treffen") == "planned"


def test_am_montag_before_a_wednesday_publication_happened():
    assert _status("Am Montag gab es ein Treffen in Genf.", "Treffen") == "happened"


def test_without_publication_date_am_freitag_gibt_es_ein_treffen_is_planned_but_only_inferred():
    # a present verb with a weekday no date can place: news of what is ahead, read from the tense, so inferred
    record = quellenlage.analyze("Am Freitag gibt es ein Treffen in Genf.", outlet="ntv.de")
    event = _event(record, "Treffen")
    assert (event.status, event.confidence) == ("planned", "inferred")


def test_without_publication_date_a_calendar_date_alone_stays_unknown():
    record = quellenlage.analyze("Die Zeitung zitiert aus einer Telefonkonferenz vom 16. Juli.", outlet="ntv.de")
    assert all(e.status != "planned" for e in record.events)


def test_hat_am_montag_verhandlungen_mit_der_partei_pso_aufgenommen_is_past_across_a_bracket():
    record = quellenlage.analyze(
        "Die Linkspartei hat am Montag Verhandlungen mit der Arbeiterpartei (PSOE) über eine Regierungsbildung aufgenommen.",
        outlet="ntv.de",
        published="2016-03-02",
    )
    assert _event(record, "Verhandlungen").status == "happened"


# --- status from the tense of the trigger's clause (no cue, no time) ------------------------------------------------


def test_die_verhandlungsrunde_verlief_ohne_ergebnis_happened():
    assert _status("Die Verhandlungsrunde verlief ohne Ergebnis.", "Verhandlungsrunde") == "happened"


def test_der_kanzler_hatte_ein_gespraech_mit_den_laendern_happened():
    assert _status("Der Kanzler hatte ein Gespräch mit den Ländern.", "Gespräch") == "happened"


def test_die_regierung_wird_einen_plan_vorlegen_is_planned():
    assert _status("Die Regierung wird einen Plan vorlegen.", "Plan") == "planned"


def test_ein_treffen_in_genf_ist_moeglich_present_without_cue_is_unknown():
    assert _status("Ein Treffen in Genf ist möglich.", "Treffen") == "hypothetical"


def test_the_tense_of_another_clause_does_not_count():
    assert _status("Die Lage war ruhig, ein Treffen in Genf ist möglich.", "Treffen") == "hypothetical"


# --- hypothetical, required, questioned and negated events ---------------------------------------------------------


def _types(text: str) -> list[str]:
    return [e.type for e in _record(text).events]


def _statuses(text: str, published: str = WEDNESDAY) -> dict[str, str]:
    return {e.type: e.status for e in _record(text, published).events}


def test_falls_eine_einigung_vorliege_is_a_hypothetical_agreement():
    assert _statuses("Falls eine Einigung vorliege, werde das Parlament abstimmen.").get("agreement") == "hypothetical"


def test_am_ende_muesse_ein_abkommen_stehen_is_hypothetical():
    assert _statuses("Am Ende müsse ein Abkommen stehen.").get("agreement") == "hypothetical"


def test_es_gebe_keine_einigung_is_hypothetical_never_happened():
    assert _statuses("Es gebe keine Einigung.").get("agreement") == "hypothetical"


def test_a_hypothetical_event_has_no_time_and_a_stated_confidence():
    (event,) = [e for e in _record("Falls es am Freitag eine Einigung gibt, endet der Streik.").events if e.type == "agreement"]
    assert (event.status, event.time, event.confidence) == ("hypothetical", None, "stated")


def test_offen_ist_ob_die_ministerin_nach_rom_reist_is_unknown():
    assert _status("Offen ist, ob die Ministerin nach Rom reist.", "reist") == "unknown"


def test_wenn_das_treffen_stattfindet_a_definite_event_is_hypothetical():
    assert _status("Wenn das Treffen in Rom stattfindet, reist der Kanzler an.", "Treffen") == "hypothetical"


def test_the_condition_stays_in_its_clause_wenn_es_regnet_trafen_sie_sich_drinnen():
    assert _status("Wenn es regnete, trafen sie sich im Rathaus.", "trafen") == "happened"


def test_auch_wenn_das_treffen_ohne_ergebnis_blieb_is_concessive_not_conditional():
    assert _status("Auch wenn das Treffen ohne Ergebnis blieb, war die Stimmung gut.", "Treffen") != "hypothetical"
    assert "meeting" in _types("Auch wenn das Treffen ohne Ergebnis blieb, war die Stimmung gut.")


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("2025-11-21", "planned"),
        ("2025-11-17", "happened"),
        ("2025-10", "happened"),
        ("2025-11", None),
        ("2025-10-24/2025-10-26", "happened"),
        ("PAST_REF", "happened"),
        ("FUTURE_REF", "planned"),
        (None, None),
        ("2025-11-19", "today"),
        ("2025-W48", "planned"),
        ("2025-W46", "happened"),
        ("2025-W47", None),
    ],
)
def test_tense_status_compares_the_time_with_the_publication_day(value, status):
    assert event_status.tense_status(value, date(2025, 11, 19)) == status


# --- participants, place, time, modality --------------------------------------------------------------------------


def test_treffen_zwischen_a_und_b_has_both_as_participants_and_the_place_after_in():
    record = _record("Das Treffen zwischen Friedrich Merz und Emmanuel Macron in Paris ist geplant.")
    ev = _event(record, "Treffen")
    names = {e.id: e.name for e in record.entities}
    assert {names[p] for p in ev.participants} == {"Friedrich Merz", "Emmanuel Macron"}
    assert names[ev.place] == "Paris"


def test_an_event_reported_unter_berufung_auf_is_reported_and_its_source_no_participant():
    record = _record(
        "Wie Axios unter Berufung auf Beamte berichtet, soll das Treffen zwischen Merz und Macron verschoben worden sein."
    )
    ev = _event(record, "Treffen")
    names = {e.id: e.name for e in record.entities}
    assert ev.modality == "reported"
    assert "Axios" not in {names[p] for p in ev.participants}
    assert ev.groups == []


def test_the_time_of_the_event_is_the_time_expression_of_its_sentence():
    record = _record("Merz und Macron trafen sich am 3. November in Paris.")
    ev = _event(record, "trafen")
    assert ev.time.value == "2025-11-03"
    assert record.text[ev.time.start : ev.time.end] == ev.time.text


def _parties(record, ev) -> set[str]:
    names = {e.id: e.name for e in record.entities}
    return {names[p] for p in ev.participants} | {g.text for g in ev.groups}


def _place(record, ev) -> str | None:
    return next((e.name for e in record.entities if e.id == ev.place), None)


def test_in_einer_fernsehansprache_kuendigte_er_an_the_act_of_saying_is_asserted():
    record = _record(
        "Emmanuel Macron hat die Nationalversammlung aufgelöst. In einer Fernsehansprache am Sonntagabend kündigte er Neuwahlen an."
    )
    assert _event(record, "Fernsehansprache").modality == "asserted"


def test_sagte_in_einer_erklaerung_er_habe_the_statement_outside_the_indirect_speech_is_asserted():
    record = _record(
        "Alexander Van der Bellen sagte am Sonntag in einer Erklärung, er habe sich die Entscheidung nicht leicht gemacht."
    )
    ev = _event(record, "Erklärung")
    assert ev.modality == "asserted"
    assert _parties(record, ev) == {"Alexander Van der Bellen"}  # the declarant of a statement is its participant


def test_chinas_staatschef_xi_jinping_a_country_in_the_genitive_before_a_title_is_no_participant():
    record = _record("US-Präsident Joe Biden und Chinas Staatschef Xi Jinping haben am Dienstag miteinander telefoniert.")
    assert _parties(record, _event(record, "telefoniert")) == {"Joe Biden", "Xi Jinping"}


def test_erklaerte_juncker_das_scheitern_des_eu_gipfels_a_narrated_speech_act_asserts_the_events_it_names():
    record = _record("Am späten Freitagabend erklärte Ratspräsident Jean-Claude Juncker das Scheitern des EU-Gipfels.")
    assert _event(record, "EU-Gipfels").modality == "asserted"


def test_laut_axios_trafen_sich_a_claim_is_reported():
    record = _record("Laut Axios trafen sich Witkoff und Dmitrijew in Miami.")
    assert _event(record, "trafen").modality == "reported"


def test_berichte_ueber_ein_geheimes_treffen_an_event_named_as_what_reports_are_about_is_reported():
    record = _record(
        "Der Kreml hat Berichte über ein geheimes Treffen russischer und ukrainischer Unterhändler in Katar dementiert."
    )
    ev = _event(record, "Treffen")
    assert (ev.status, ev.modality) == ("denied", "reported")


def test_nach_angaben_des_weissen_hauses_in_a_later_sentence_the_outlets_own_word_makes_it_asserted():
    record = _record(
        "US-Präsident Joe Biden und Chinas Staatschef Xi Jinping haben am Dienstag miteinander telefoniert. "
        "Nach Angaben des Weißen Hauses ging es in dem Gespräch um Taiwan."
    )
    ev = _event(record, "telefoniert")
    assert [m.text for m in ev.mentions] == ["telefoniert", "Gespräch"]
    assert ev.modality == "asserted"


def test_armenien_und_aserbaidschan_wollen_countries_opening_the_sentence_are_actors():
    record = _record("Armenien und Aserbaidschan wollen ihre Friedensgespräche noch in diesem Monat in Almaty fortsetzen.")
    ev = _event(record, "Friedensgespräche")
    assert _parties(record, ev) == {"Armenien", "Aserbaidschan"}
    assert _place(record, ev) == "Almaty"


def test_gipfel_zwischen_der_eu_und_china_the_country_joined_to_an_actor_is_one():
    record = _record("Der geplante Gipfel zwischen der EU und China in Peking wird auf das Frühjahr verschoben.")
    assert _parties(record, _event(record, "Gipfel")) == {"EU", "China"}


def test_sanktionen_gegen_russland_the_target_of_sanctions_is_a_participant():
    record = _record("Die EU-Kommission hat ein neues Sanktionspaket gegen Russland vorgeschlagen.")
    assert "Russland" in _parties(record, _event(record, "Sanktionspaket"))


def test_koalitionsverhandlungen_von_oevp_spoe_und_neos_von_after_the_noun_names_parties_not_an_agent():
    record = _record("Zuvor waren die Koalitionsverhandlungen von ÖVP, SPÖ und Neos am Freitag gescheitert.")
    assert _parties(record, _event(record, "Koalitionsverhandlungen")) == {"ÖVP", "SPÖ", "NEOS"}


def test_ein_plan_fuer_die_ukraine_a_country_after_fuer_die_is_no_actor():
    record = _record("Die beiden trafen sich in Genf. Bei dem Treffen sei ein Plan für die Ukraine ausgearbeitet worden.")
    meetings = [e for e in record.events if e.type == "meeting"]
    assert len(meetings) == 1 and [m.text for m in meetings[0].mentions] == ["trafen", "Treffen"]


def test_die_staats_und_regierungschefs_der_eu_is_one_group_with_its_genitive():
    record = _record("Am Donnerstag beraten die Staats- und Regierungschefs der EU in Brüssel über die Ukraine.")
    ev = _event(record, "beraten")
    assert [g.text for g in ev.groups] == ["Staats- und Regierungschefs der EU"]
    assert _place(record, ev) == "Brüssel"


def test_agrarminister_von_deutschland_frankreich_und_polen_the_list_after_von_belongs_to_the_group():
    record = _record("Das Treffen der Agrarminister von Deutschland, Frankreich und Polen in Warschau ist abgesagt worden.")
    assert [g.text for g in _event(record, "Treffen").groups] == ["Agrarminister von Deutschland, Frankreich und Polen"]


def test_handelsminister_howard_lutnick_a_head_before_a_name_is_a_title_not_a_group():
    record = _record("Šefčovič will in Washington mit Handelsminister Howard Lutnick verhandeln.")
    ev = _event(record, "verhandeln")
    assert ev.groups == []
    assert "Howard Lutnick" in _parties(record, ev)


def test_mit_vertretern_der_vermittler_the_preposition_is_not_part_of_the_group():
    record = _record("Die Hamas hat sich in Kairo mit Vertretern der ägyptischen und katarischen Vermittler getroffen.")
    assert all(not g.text.startswith("mit ") for g in _event(record, "getroffen").groups)
    assert [g.text for g in _event(record, "getroffen").groups] == ["Vertretern der ägyptischen und katarischen Vermittler"]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Ranghohe Vertreter beider Länder haben sich am Dienstag in Ankara getroffen.", "Ranghohe Vertreter beider Länder"),
        ("Der Sprecher sagte: Amerikanische Unterhändler treffen sich am Freitag in Genf.", "Amerikanische Unterhändler"),
        ("Der Sprecher sagte: „Amerikanische Unterhändler treffen sich am Freitag in Genf.“", "Amerikanische Unterhändler"),
    ],
)
def test_ranghohe_vertreter_beider_laender_a_capitalised_adjective_that_opens_the_sentence_begins_the_group(text, group):
    ev = next(e for e in _record(text).events if e.type == "meeting")
    assert [g.text for g in ev.groups] == [group]


def _words(text: str) -> list[segment.Word]:
    return [segment.Word(t.text, t.idx, t.idx + len(t.text)) for t in segment.tokenizer().make_doc(text) if not t.is_space]


@pytest.mark.parametrize(
    ("text", "k", "expected"),
    [
        ("Westliche Diplomaten beraten in Wien.", 0, True),  # the sentence's first word
        ("Er sagte: Westliche Diplomaten beraten.", 3, True),  # after a colon
        ("Er sagte „Westliche Diplomaten beraten“.", 3, True),  # after an opening quotation mark
        ("Er sagte, Westliche Diplomaten beraten.", 3, False),  # inside the sentence: capitalised, so a name
        ("WESTLICHE Diplomaten beraten in Wien.", 0, False),  # capitals throughout
        ("Mit Diplomaten beraten sie in Wien.", 0, False),  # not_adjective, as in lower case
    ],
)
def test_westliche_diplomaten_an_adjective_may_be_capitalised_where_every_word_may(text, k, expected):
    assert event_sentence.adjective_at(_words(text), k) is expected


def test_der_us_beamte_bestaetigte_a_group_that_speaks_is_a_source_not_a_participant():
    record = _record("Der US-Beamte bestätigte, dass das Weiße Haus europäische Beamte über den Plan informiert habe.")
    assert [g.text for g in _event(record, "informiert").groups] == ["europäische Beamte"]


def test_im_kanadischen_charlevoix_an_adjective_may_stand_before_the_place():
    record = _record("Die Außenminister der G7-Staaten sind vom 12. bis zum 14. März im kanadischen Charlevoix zusammengekommen.")
    ev = _event(record, "zusammengekommen")
    assert _place(record, ev) == "Charlevoix"
    assert [g.text for g in ev.groups] == ["Außenminister der G7-Staaten"]


def test_im_kanzleramt_a_building_after_im_is_the_place_not_a_participant():
    record = _record("Scholz, Habeck und Lindner haben sich in der Nacht im Kanzleramt auf einen Haushalt geeinigt.")
    ev = _event(record, "geeinigt")
    assert _place(record, ev) == "Bundeskanzleramt"
    assert ev.place not in ev.participants


def test_luxemburg_und_belgien_besuchen_the_object_of_a_visit_is_its_place():
    record = _record("Papst Franziskus wird vom 26. bis zum 29. September Luxemburg und Belgien besuchen.")
    assert _place(record, _event(record, "besuchen")) == "Luxemburg"


def test_in_kiew_ein_abkommen_unterzeichnet_noun_and_verb_of_one_clause_are_one_event_with_the_place():
    record = _record("Die Ukraine und Deutschland haben in Kiew ein Abkommen über Drohnen unterzeichnet.")
    agreements = [e for e in record.events if e.type == "agreement"]
    assert len(agreements) == 1
    assert [m.text for m in agreements[0].mentions] == ["Abkommen", "unterzeichnet"]
    assert _place(record, agreements[0]) == "Kiew"
    assert _parties(record, agreements[0]) == {"Ukraine", "Deutschland"}


def test_die_unterzeichnung_fand_statt_a_definite_mention_refers_to_the_agreement_before():
    record = _record(
        "Die Ukraine und Deutschland haben in Kiew ein Abkommen unterzeichnet. "
        "Die Unterzeichnung fand am Rande eines Besuchs von Robert Habeck statt."
    )
    agreements = [e for e in record.events if e.type == "agreement"]
    assert len(agreements) == 1 and agreements[0].sentences == [0, 1]


def test_reist_zu_gespraechen_the_purpose_noun_names_the_one_event():
    record = _record("EU-Handelskommissar Maroš Šefčovič reist am Donnerstag zu Gesprächen über die US-Zölle nach Washington.")
    assert [(e.type, [m.text for m in e.mentions]) for e in record.events] == [("talks", ["reist", "Gesprächen"])]


def test_informierte_in_einem_telefonat_a_briefing_by_phone_is_one_call_and_a_later_trip_another_event():
    record = _record(
        "Trump informierte anschließend den ukrainischen Präsidenten Wolodymyr Selenskyj in einem Telefonat über die Ergebnisse. "
        "Am Montag soll Selenskyj nach Washington reisen."
    )
    assert [(e.type, [m.text for m in e.mentions]) for e in record.events] == [
        ("call", ["informierte", "Telefonat"]),
        ("visit", ["reisen"]),
    ]


def test_eines_besuchs_von_habeck_der_gereist_war_the_relative_clause_tells_the_same_visit():
    record = _record(
        "Die Unterzeichnung fand am Rande eines Besuchs von Wirtschaftsminister Robert Habeck statt, "
        "der am Sonntag überraschend in die ukrainische Hauptstadt gereist war."
    )
    visits = [e for e in record.events if e.type == "visit"]
    assert len(visits) == 1 and [m.text for m in visits[0].mentions] == ["Besuchs", "gereist"]


def test_ein_solches_treffen_hat_es_nicht_gegeben_refers_back_and_denies():
    record = _record(
        "Der Kreml hat Berichte über ein geheimes Treffen russischer und ukrainischer Unterhändler in Katar dementiert. "
        "„Ein solches Treffen hat es nicht gegeben“, sagte Kremlsprecher Dmitri Peskow am Donnerstag."
    )
    meetings = [e for e in record.events if e.type == "meeting"]
    assert len(meetings) == 1 and meetings[0].sentences == [0, 1]
    assert meetings[0].status == "denied"


@pytest.mark.parametrize(
    "text",
    [
        "Niclas Füllkrug traf in der Nachspielzeit per Kopf zum Ausgleich.",
        "Die Regierung hat eine Entscheidung getroffen.",
        "Die Leipziger Volkszeitung berief sich auf Parteikreise.",
        "Der Zeitplan für den Ausbau steht.",
        "Der Plan sieht eine sofortige Waffenruhe vor.",
        "Nun ist von Ende Mai die Rede.",
        "Zuerst war von Neuwahlen die Rede, dann nicht mehr.",
    ],
)
def test_traf_zum_ausgleich_parteikreise_zeitplan_waffenruhe_die_rede_are_no_events(text):
    record = _record(text)
    assert [e.type for e in record.events if e.type != "plan"] == []


def test_die_hunde_trafen_mit_leichter_verzoegerung_ein_eintreffen_is_arriving_not_meeting():
    assert _record("Die Hunde trafen mit leichter Verzögerung ein, da die Genehmigung zu spät beantragt worden war.").events == []


def test_dieser_koennte_sanktionen_beschliessen_a_possibility_is_hypothetical():
    assert [e.status for e in _record("Dieser könnte möglicherweise Sanktionen gegen den Iran beschließen.").events] == [
        "hypothetical"
    ]


def test_kuendigte_in_einer_fernsehansprache_an_the_announcing_act_took_place():
    record = _record(
        "Am Mittwochabend kündigte der Ministerpräsident in einer Fernsehansprache für den nächsten Tag eine Kabinettsumbildung an."
    )
    ev = _event(record, "Fernsehansprache")
    assert (ev.status, ev.time.value) == ("happened", "2025-11-19TEV")


def test_am_mittwoch_war_man_sich_dann_einig_einig_with_sich_is_an_agreement():
    record = _record("Am Mittwoch war man sich dann einig und der Vertrag wurde unterschrieben.")
    assert [(e.type, e.status) for e in record.events] == [("agreement", "happened")]
    assert _event(record, "einig").time.value == "2025-11-19"


def test_sie_konnten_sich_darauf_einigen_but_nach_einigen_tagen_is_no_agreement():
    assert _event(_record("Sie konnten sich darauf einigen, neue Verhandlungen aufzunehmen."), "einigen").type == "agreement"
    assert _record("Nach einigen Tagen kehrte Ruhe ein.").events == []


def test_kiel_trifft_am_samstag_auf_flensburg_facing_an_opponent_is_no_meeting():
    assert _record("Der THW Kiel trifft am Samstag auf die SG Flensburg-Handewitt.").events == []


def test_der_veranstalter_beschloss_die_demonstration_abzusagen_is_a_cancelled_protest():
    record = _record("Der Veranstalter beschloss am Montag, die Demonstration abzusagen.")
    assert [(e.type, e.status) for e in record.events] == [("protest", "cancelled")]


def test_die_us_regierung_sanktionierte_is_sanctions():
    assert _event(_record("Die US-Regierung sanktionierte im Juni den General."), "sanktionierte").type == "sanctions"


def test_auf_einer_pressekonferenz_a_press_conference_is_no_event():
    assert _record("Auf einer Pressekonferenz nannte der Minister keine Einzelheiten.").events == []


def test_die_ig_metall_wertet_die_einigung_als_erfolg_a_definite_noun_presupposes_its_event():
    record = _record("Die IG Metall wertet die Einigung der Belegschaft mit der Konzernführung als Erfolg.")
    assert _event(record, "Einigung").status == "happened"
    assert _event(_record("Eine Einigung ist möglich."), "Einigung").status == "hypothetical"


def test_die_regierung_hat_den_kabinettsbeschluss_vertagt_is_a_postponement_of_its_own():
    record = _record("Die Bundesregierung hat den Kabinettsbeschluss zum Rentenpaket erneut vertagt.")
    assert [(e.type, e.status, [m.text for m in e.mentions]) for e in record.events] == [
        ("postponement", "postponed", ["vertagt"])
    ]


def test_die_grossdemonstration_gegen_die_rentenplaene_abgesagt_the_plan_is_not_cancelled():
    record = _record("Der Veranstalter hat die für Samstag in Berlin geplante Großdemonstration gegen die Rentenpläne abgesagt.")
    cancellation = _event(record, "Großdemonstration")  # a demonstration is a protest now (issue 13)
    assert (cancellation.type, cancellation.status) == ("protest", "cancelled")
    assert cancellation.time.value == "2025-11-22"
    assert all(e.status != "cancelled" for e in record.events if e.type == "plan")


def test_das_geplante_treffen_abgesagt_has_no_second_cancellation_event():
    record = _record("Das geplante Treffen in Budapest wurde abgesagt.")
    assert [e.type for e in record.events] == ["meeting"]


def test_zu_einem_dreitaegigen_staatsbesuch_am_montag_a_date_before_a_duration():
    record = _record("Xi Jinping ist am Montag zu einem dreitägigen Staatsbesuch in Moskau eingetroffen.")
    assert _event(record, "Staatsbesuch").time.value == "2025-11-17"


def test_eine_viertaegige_feuerpause_a_duration_is_no_time_of_an_agreement():
    record = _record("Israel und die Hamas haben sich auf eine viertägige Feuerpause geeinigt.")
    assert _event(record, "geeinigt").time is None


def test_binnen_24_stunden_a_duration_is_the_time_of_a_deadline():
    record = _record("Die Armee setzte den Bewohnern eine Frist von 24 Stunden.")
    assert _event(record, "Frist").time.value == "PT24H"


def test_die_bislang_letzte_verhandlungsrunde_anfang_dezember_a_date_before_past_ref():
    record = _record("Die bislang letzte Verhandlungsrunde war Anfang Dezember ergebnislos abgebrochen worden.")
    assert _event(record, "Verhandlungsrunde").time.value == "2024-12"


def test_am_mittwoch_im_bundestag_eine_regierungserklaerung_zum_eu_gipfel_the_time_is_the_nearer_events():
    record = _record("Olaf Scholz wird am Mittwoch im Bundestag eine Regierungserklärung zum bevorstehenden EU-Gipfel abgeben.")
    assert _event(record, "Regierungserklärung").time.value == "2025-11-19"
    assert _event(record, "EU-Gipfel").time is None
    assert _event(record, "EU-Gipfel").place is None


def test_sagte_ein_regierungssprecher_am_mittwoch_a_later_time_outside_the_first_is_not_the_events():
    record = _record(
        "Die Staatskanzlei hat einen Bericht dementiert, wonach sich Kretschmer vergangene Woche mit Urban getroffen habe. "
        "„Ein solches Gespräch hat nicht stattgefunden“, sagte ein Regierungssprecher am Mittwoch."
    )
    ev = _event(record, "getroffen")
    assert ev.sentences == [0, 1]
    assert ev.time.value == "2025-W46"


def test_die_fuer_freitag_geplante_reise_abgesagt_the_weekday_lies_ahead():
    record = _record("Die für Freitag geplante Reise von Außenministerin Baerbock nach Kiew ist abgesagt worden.")
    assert _event(record, "Reise").time.value == "2025-11-21"


def test_auf_januar_verschoben_the_new_date_lies_ahead():
    record = _record("Die EU-Kommission hat die Unterzeichnung des Abkommens auf Januar verschoben.")
    assert [t.value for t in record.times] == ["2026-01"]


def test_die_unterzeichnung_auf_januar_verschoben_the_new_time_is_the_status_changes_to():
    record = _record("Die EU-Kommission hat die Unterzeichnung des Abkommens auf Januar verschoben.")
    ev = _event(record, "Unterzeichnung")
    assert ev.status == "postponed" and ev.time is None
    assert [(c.status, c.to.value, c.to.text) for c in ev.status_changes] == [("postponed", "2026-01", "Januar")]


def test_die_fuer_mittwoch_angesetzte_unterrichtung_auf_kommende_woche_verschoben_keeps_its_old_time():
    record = _record(
        "Die für Mittwoch angesetzte Unterrichtung ist auf kommende Woche verschoben worden.", published="2025-10-14"
    )
    ev = _event(record, "Unterrichtung")
    assert ev.time.value == "2025-10-15"
    assert ev.status_changes[0].to.value == "2025-W43"


def test_dort_will_er_mit_lutnick_verhandeln_er_is_the_person_named_before():
    record = _record(
        "EU-Handelskommissar Maroš Šefčovič reist am Donnerstag nach Washington. "
        "Dort will er mit Handelsminister Howard Lutnick verhandeln."
    )
    assert _parties(record, _event(record, "verhandeln")) == {"Maroš Šefčovič", "Howard Lutnick"}


def test_usa_und_russland_sollen_geheimgespraeche_fuehren_reportive_sollen_is_not_planned():
    record = _record("USA und Russland sollen Geheimgespräche führen.")
    assert _event(record, "Geheimgespräche").status == "unknown"
    scheduled = _record("Witkoff soll Selenskyj am Freitag in der Türkei treffen.")
    assert _event(scheduled, "treffen").status == "planned"


def test_ein_treffen_mit_koenig_philippe_the_other_party_is_the_person_the_text_is_about():
    record = _record(
        "Papst Franziskus wird Luxemburg und Belgien besuchen. In Brüssel ist ein Treffen mit König Philippe geplant."
    )
    assert _parties(record, _event(record, "Treffen")) == {"Franziskus", "Philippe"}


def test_habeck_traf_dort_auch_schmyhal_dort_is_the_place_of_the_event_before():
    record = _record(
        "Die Ukraine und Deutschland haben in Kiew ein Abkommen über Drohnen unterzeichnet. "
        "Wirtschaftsminister Robert Habeck traf dort auch Ministerpräsident Denys Schmyhal."
    )
    assert _place(record, _event(record, "traf")) == "Kiew"


def test_ein_treffen_wird_es_vorerst_nicht_geben_negated_future_is_unknown_not_planned():
    record = _record("Ein Treffen zwischen Selenskyj und Putin wird es nach Worten von Peskow vorerst nicht geben.")
    assert _event(record, "Treffen").status == "unknown"


def test_auf_einen_haushalt_fuer_2024_geeinigt_the_year_is_the_budgets_not_the_agreements():
    record = _record(
        "Scholz, Habeck und Lindner haben sich in der Nacht zum Mittwoch im Kanzleramt auf einen Haushalt für 2024 geeinigt.",
        published="2023-12-13",
    )
    assert _event(record, "geeinigt").time.value == "2023-12-13"


def test_empfaengt_kickl_am_montag_in_mondays_paper_present_tense_on_the_day_is_planned():
    record = _record("Van der Bellen empfängt Herbert Kickl am Montag in der Hofburg.", published="2025-01-06")
    assert _event(record, "empfängt").status == "planned"


def test_reist_kommende_woche_a_week_after_publication_is_planned():
    record = _record("Bundespräsident Steinmeier reist kommende Woche zu einem Staatsbesuch nach Tansania.")
    assert _event(record, "Staatsbesuch").status == "planned"


def test_die_ig_metall_is_an_organisation():
    record = _record("Volkswagen und die IG Metall kommen an diesem Montag zur vierten Verhandlungsrunde zusammen.")
    assert {"Volkswagen", "IG Metall"} <= _parties(record, _event(record, "Verhandlungsrunde"))


# --- the seed article ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    return quellenlage.analyze(SEED_TXT)


def _names(seed, ids):
    names = {e.id: e.name for e in seed.entities}
    return {names[i] for i in ids}


def test_seed_record_keeps_its_evidence_rules(seed):
    assert seed.offset_problems() == []
    assert seed.events


def test_seed_miami_meeting_of_lead_body_and_caption_is_one_event(seed):
    ev = _event(seed, "getroffen")
    assert ev.type == "meeting"
    assert {"Kirill Dmitriew", "Steve Witkoff"} <= _names(seed, ev.participants)
    assert [g.text for g in ev.groups] == ["hochrangige Mitglieder der Trump-Regierung"]
    assert _names(seed, [ev.place]) == {"Miami"}
    assert ev.time.value == "2025-10-24/2025-10-26"
    assert ev.status == "happened"
    assert ev.modality == "reported"
    assert {2, 3, 8} <= set(ev.sentences)  # caption, lead, body
    assert {m.text for m in ev.mentions} >= {"trafen", "getroffen", "zusammengekommen"}
    chains = [[src.name for src in chain] for chain in ev.sources]
    assert ["ntv.de", "Axios", "US-amerikanische und russische Beamte"] in chains  # outermost first
    assert len(chains) == len({tuple(c) for c in chains})  # each chain once


def test_seed_earlier_talks_in_st_petersburg_happened_at_an_unknown_time(seed):
    ev = _event(seed, "Gesprächen")
    assert _names(seed, [ev.place]) == {"St. Petersburg"}
    assert ev.status == "happened"
    assert ev.time is None
    assert ev is not _event(seed, "getroffen")


def test_seed_28_point_plan_with_four_topics_and_the_gaza_deal_inspiration(seed):
    ev = _event(seed, "28-Punkte-Friedensplan")
    assert ev.type == "plan"
    assert ev.plan.points == 28
    assert ev.plan.topics == [
        "Frieden in der Ukraine",
        "Sicherheitsgarantien",
        "Sicherheit in Europa",
        "die zukünftigen Beziehungen der USA zur Russland und der Ukraine",
    ]
    assert ev.plan.inspired_by == "Gaza-Deal"
    assert _names(seed, ev.plan.authors) == {"USA", "Russland"}
    assert {6, 8, 13, 17, 18} <= set(ev.sentences)  # "Pläne", "28-Punkte-Friedensplan", "der Plan", "den neuen Plan"


@pytest.mark.parametrize(
    ("text", "inspiration"),
    [
        ("Der Migrationsplan der Regierung ist eng an das dänische Modell angelehnt.", "Modell"),
        (
            "Die Regierung will einen Entlastungsplan nach dem Vorbild der österreichischen Strompreisbremse vorlegen.",
            "Strompreisbremse",
        ),
        ("Der Friedensplan, an dem seit Wochen gearbeitet wird, ist vom Abkommen von Dayton inspiriert.", "Abkommen"),
        ("Die Regierung hat am Montag einen Klimaplan vorgelegt. Der Plan soll Vorbild der anderen Länder werden.", None),
    ],
)
def test_an_das_daenische_modell_angelehnt_the_cues_own_preposition_places_the_inspiration(text, inspiration):
    ev = next(e for e in _record(text).events if e.type == "plan")
    assert ev.plan.inspired_by == inspiration


def test_seed_white_house_briefs_ukraine_and_european_officials(seed):
    ev = _event(seed, "informieren")
    assert ev.type == "briefing"
    assert _names(seed, ev.participants) == {"Weißes Haus", "Ukraine"}
    assert [g.text for g in ev.groups] == ["europäische Beamte"]
    assert ev.modality == "reported"
    # confirmed by a US official: the anonymous "US-Beamte" is the source, not a participant
    assert [[(src.name, src.anonymous) for src in chain] for chain in ev.sources] == [
        [("ntv.de", False), ("Der US-Beamte", True)]
    ]


def test_seed_witkoff_discussed_the_plan_with_umjerow(seed):
    ev = next(e for e in seed.events if 18 in e.sentences and e.type != "plan")
    assert ev.type == "talks"
    assert _names(seed, ev.participants) == {"Steve Witkoff", "Rustem Umjerow"}
    assert ev.status == "happened"


def test_seed_next_trump_putin_meeting_is_planned(seed):
    ev = next(e for e in seed.events if 19 in e.sentences)
    assert _names(seed, ev.participants) == {"Donald Trump", "Wladimir Putin"}
    assert ev.status == "planned"


def test_seed_budapest_summit_cancelled_on_25_october_by_trump(seed):
    ev = _event(seed, "Gipfeltreffen")
    assert _names(seed, [ev.place]) == {"Budapest"}
    assert ev.sentences == [20, 21]  # "Das geplante Treffen war … abgesagt worden" refers to it
    assert ev.status == "cancelled"
    [change] = ev.status_changes
    assert (change.status, change.time.value, _names(seed, [change.by])) == ("cancelled", "2025-10-25", {"Donald Trump"})


def test_seed_witkoff_selenskyj_meeting_in_turkey_postponed_reported_via_axios(seed):
    ev = next(e for e in seed.events if 22 in e.sentences)
    assert _names(seed, ev.participants) == {"Steve Witkoff", "Wolodymyr Selenskyj"}
    assert _names(seed, [ev.place]) == {"Türkei"}
    assert ev.time.value == "2025-11-19"
    assert ev.status == "postponed"
    [change] = ev.status_changes  # the text gives no date for the postponement itself
    assert (change.status, change.time, change.evidence) == ("postponed", None, ev.evidence)
    assert change.evidence and change.sentences == [22]
    assert ev.modality == "reported"
    assert [[src.name for src in chain] for chain in ev.sources] == [["ntv.de", "Axios", "ukrainische und amerikanische Beamte"]]


def test_seed_selenskyj_visit_to_ankara(seed):
    ev = _event(seed, "Besuch")
    assert ev.type == "visit"
    assert _names(seed, ev.participants) == {"Wolodymyr Selenskyj"}
    assert _names(seed, [ev.place]) == {"Ankara"}


# --- the command --------------------------------------------------------------------------------------------------


def test_events_command_prints_the_seed_events_as_a_table_and_as_json(cli):
    table = cli("events", str(SEED_TXT), check=True).stdout_text
    assert "Miami" in table and "cancelled 2025-10-25" in table
    data = json.loads(cli("events", str(SEED_TXT), "--format", "json", check=True).stdout_text)
    assert any(ev["status"] == "postponed" and ev["time"]["value"] == "2025-11-19" for ev in data["events"])


def test_export_events_csv_gives_names_modality_groups_changes_and_sources():
    import csv
    import io

    from quellenlage.export import write_csv

    out = io.StringIO()
    write_csv([quellenlage.analyze(SEED_TXT)], out, "events")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    miami = next(r for r in rows if r["place"] == "Miami")
    assert miami["participants"] == "Kirill Dmitriew; Steve Witkoff"
    assert miami["groups"] == "hochrangige Mitglieder der Trump-Regierung"
    assert (miami["modality"], miami["time"], miami["time_text"]) == (
        "reported",
        "2025-10-24/2025-10-26",
        "vom 24. bis zum 26. Oktober",
    )
    assert "ntv.de ← Axios ← US-amerikanische und russische Beamte" in miami["sources"]
    assert next(r for r in rows if r["place"] == "Budapest")["status_changes"] == "cancelled 2025-10-25 by Donald Trump"


# --- status read from the trigger's own clause, and across mentions (issue 13, the precision audit) -----------------


@pytest.mark.parametrize(
    "text,trigger",
    [
        # a planned cue in another clause is another verb's when the trigger's clause is past
        ("Zuvor nahmen Polizisten zwei Männer fest, die einen Anschlag geplant haben sollen.", "nahmen"),
        ("Beim Asylgipfel am Montag hatte man vereinbart, ein Gutachten abwarten zu wollen.", "Asylgipfel"),
    ],
)
def test_zuvor_nahmen_polizisten_fest_die_einen_anschlag_geplant_haben_is_a_past_arrest(text, trigger):
    assert _status(text, trigger) == "happened"


def test_sollte_es_zu_einem_streik_kommen_is_a_condition_with_the_verb_first():
    assert (
        _statuses("Sollte es zu einem Streik kommen, wird der Flughafen geschlossen.").get("strike", "hypothetical")
        == "hypothetical"
    )


def test_das_treffen_sollte_am_montag_stattfinden_is_no_condition():
    assert _status("Das Treffen sollte am Montag stattfinden.", "Treffen") != "hypothetical"


def test_hat_fuer_samstag_zu_einer_kundgebung_aufgerufen_is_planned():
    assert _status("Der Betriebsrat hat für Samstag zu einer Kundgebung aufgerufen.", "Kundgebung") == "planned"


def test_hatten_das_gipfeltreffen_angekuendigt_then_wurde_am_montag_eroeffnet_happened():
    # one event: what the text states took place is no longer a plan
    record = _record(
        "Die Regierungschefs hatten das Gipfeltreffen seit Monaten angekündigt. "
        "Das Gipfeltreffen wurde am Montag in Brüssel eröffnet."
    )
    [event] = [e for e in record.events if e.type == "meeting"]
    assert event.status == "happened"


def test_the_wahl_am_kommenden_sonntag_stays_planned_beside_a_past_mention():
    # a mention told as ahead keeps the event planned: a future event is never made a fact
    record = _record("Die Wahl soll am kommenden Sonntag stattfinden. Die Wahl wurde schon einmal abgehalten.")
    assert all(
        e.status != "happened"
        for e in record.events
        if e.type == "election" and any(m.text == "Wahl" and m.sentence == 0 for m in e.mentions)
    )


# --- precision rules from the audit of 270 events on unseen articles (issue 13) -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Im Rahmen der 48 Plenarsitzungen nahmen die Abgeordneten die Berichte an.",  # a statistic
        "Überrascht hat ihn die Zahl der Sitzungen.",
        "Er gewann die bisherigen zwölf Aufeinandertreffen.",
        "Hunderte Anschläge wurden gezählt.",
        "Die Grünen führen ein weiteres Argument gegen den Konzern ins Treffen.",  # an idiom
        "Der Absatz ist dramatisch eingebrochen.",  # a slump, no burglary
        "Der Einbruch der Aktienmärkte im Jänner ist kein Grund zur Sorge.",
        "Das demonstrierte am Abend auch der Präsident selbst.",  # showed, no protest
        "Das sagte Gauland im Gespräch mit der Frankfurter Allgemeinen Sonntagszeitung.",  # an interview, no talks
        "Das sagte Mascolo am Sonntagabend im Gespräch mit der ZiB2 des ORF-Fernsehens.",
        "Das sagte Klitschko am Mittwoch bei einem Pressegespräch in Tirol.",
        "Die Deutsche Bischofskonferenz hatte beschlossen, eine Studie zu erstellen.",  # a body, no meeting
        "Für die Jahressteuererklärung habe sie 2.500 Euro bekommen.",  # a tax return, no statement
    ],
)
def test_statistics_idioms_and_look_alikes_give_no_event(text):
    assert _record(text).events == []


@pytest.mark.parametrize(
    "text,kind",
    [
        ("Bei drei Anschlägen wurden am Montag zwölf Menschen getötet.", "crime"),  # a few are events
        ("Einbrecher erbeuteten bei einem Einbruch in eine Villa Schmuck.", "crime"),
        ("Tausende demonstrierten am Samstag gegen die Reform.", "protest"),
        ("Merz sprach im Gespräch mit Macron über die Ukraine.", "talks"),
        ("Das für den 21. November 2025 geplante Treffen in Genf wurde verschoben.", "meeting"),  # a year is no count
    ],
)
def test_einbrecher_erbeuteten_bei_einem_einbruch_still_is_a_crime(text, kind):
    assert kind in [e.type for e in _record(text).events]


@pytest.mark.parametrize(
    "text",
    [
        "Je eher wir eine Entscheidung treffen, desto besser.",  # a decision, no meeting
        "Der Beschluss ist in Absprache mit den Experten getroffen worden.",
        "Die Weißrussen treffen am Dienstag noch auf Frankreich.",  # an opponent
        "Ebenfalls am Dienstag treffen Mattersburg und der SKN St. Pölten aufeinander.",
    ],
)
def test_eine_entscheidung_treffen_and_treffen_auf_frankreich_are_no_meetings(text):
    assert "meeting" not in [e.type for e in _record(text).events]


def test_die_basis_hat_eine_andere_wahl_getroffen_is_a_choice_no_election():
    assert _record("Die Basis hat eine andere Wahl getroffen.").events == []
    assert "election" in [e.type for e in _record("Die Wahl am Sonntag gewann die SPD.").events]


@pytest.mark.parametrize(
    "text",
    [
        "Die Polizei war über das Ausmaß der Übergriffe informiert.",  # what the police knew
        "Der Politikwissenschafter, der an der Universität unterrichtet, sieht es pragmatisch.",  # teaching
        "Schon vor Jahresfrist brachte die Regierung das Gesetz durch.",  # a year ago
    ],
)
def test_die_polizei_war_informiert_is_a_state_no_briefing(text):
    assert [e.type for e in _record(text).events if e.type in ("briefing", "deadline")] == []


def test_die_ministerin_wurde_ueber_den_plan_informiert_stays_a_briefing():
    assert "briefing" in [e.type for e in _record("Die Ministerin wurde am Montag über den Plan informiert.").events]


@pytest.mark.parametrize(
    "text,kind",
    [
        ("Die ungarische Regierung hat den Krisenzustand über das ganze Land verhängt.", None),
        ("Derzeit kann Schubhaft verhängt werden.", None),
        ("Die EU verhängte am Montag neue Sanktionen gegen Moskau.", "sanctions"),
    ],
)
def test_verhaengte_den_krisenzustand_is_no_sanction_but_verhaengte_sanktionen_is(text, kind):
    kinds = [e.type for e in _record(text).events]
    assert ("sanctions" in kinds) == (kind == "sanctions")


# --- issue 13 (h13): past tense read from more verbs; a "nach" frame under a negated past clause -----------------


@pytest.mark.parametrize(
    "word,past,part",
    [
        ("scheiterte", True, False),  # scheitern: the "-ern" stem stays whole
        ("verhandelten", True, False),  # verhandeln
        ("forderte", True, False),  # fordern
        ("verhandelt", False, True),  # ver- + verhandeln's stem + t
        ("verändert", False, True),  # verändern
        ("weitere", False, False),  # an adjective, no "-te" past
        ("innere", False, False),
    ],
)
def test_die_gespraeche_scheiterten_weak_verbs_in_ern_and_eln_have_past_forms(word, past, part):
    from quellenlage.analyse.timex_tense import participle, weak_preterite

    assert weak_preterite(word) is past
    assert participle(word) is part


@pytest.mark.parametrize(
    "text,trigger,expected",
    [
        # a noun trigger in a past clause whose verb is an "-ern"/"-eln" verb: happened
        ("Mit einem 3:1-Sieg gegen Salzburg verbesserte sich Sturm auf Rang zwei.", "3:1-Sieg", "happened"),
        ("Die Tarifparteien verhandelten die ganze Nacht über den neuen Vertrag.", "verhandelten", "happened"),
        # a verb of the tense table that verbs.txt lacks: "haben … vereinbart" is a perfect
        ("Die Außenminister haben eine engere Zusammenarbeit vereinbart.", "vereinbart", "happened"),
    ],
)
def test_mit_einem_sieg_verbesserte_sich_sturm_a_past_clause_tells_the_event_happened(text, trigger, expected):
    assert _status(text, trigger, published=None) == expected


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("Mit einem Sieg gegen Salzburg könnte sich Sturm auf Rang zwei verbessern.", "Sieg"),  # modal, Konjunktiv II
        ("Die Gewerkschaft will am Freitag mit den Arbeitgebern verhandeln.", "verhandeln"),  # intention: planned
        ("Falls die Gespräche scheiterten, drohe ein Streik.", "Gespräche"),  # conditional (Konjunktiv II form)
        ("Ob die Außenminister eine Zusammenarbeit vereinbart haben, ist offen.", "vereinbart"),  # in question
    ],
)
def test_mit_einem_sieg_koennte_sich_sturm_verbessern_is_never_happened(text, trigger):
    record = _record(text, published=None)
    hits = [e for e in record.events if any(m.text == trigger for m in e.mentions)]
    assert hits and all(e.status != "happened" for e in hits)


def test_nach_dem_krisentreffen_gab_es_keine_einigung_the_meeting_happened():
    # the negation denies the agreement, not the meeting that the "nach" frame presupposes
    assert _status("Nach dem Krisentreffen im Kanzleramt gab es keine Einigung.", "Krisentreffen", published=None) == "happened"


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("Nach keinem der Treffen gab es eine Einigung.", "Treffen"),  # the negation is the noun's own
        ("Nach dem Treffen der Außenminister in Genf wird es keine Einigung geben.", "Treffen"),  # not past
        ("Nach dem Treffen hätte es beinahe keine Einigung gegeben, wenn die Kanzlerin nicht vermittelt hätte.", "Treffen"),
    ],
)
def test_nach_keinem_der_treffen_the_nach_frame_does_not_make_it_happened(text, trigger):
    record = _record(text, published=None)
    hits = [e for e in record.events if any(m.text == trigger for m in e.mentions)]
    assert hits and all(e.status != "happened" for e in hits)


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("Die Gewerkschaft streikte nicht nur in Wien, sondern auch in Graz.", "streikte"),
        ("Der Protest der Bauern richtete sich nicht zuletzt gegen den Minister.", "Protest"),
    ],
)
def test_streikte_nicht_nur_in_wien_a_focus_particle_is_no_negation(text, trigger):
    assert _status(text, trigger, published=None) == "happened"


@pytest.mark.parametrize(
    "text",
    [
        "Die Gewerkschaft streikte nicht in Wien.",  # a negation of the clause: left open
        "Die Gewerkschaft streikte nicht einmal in Wien.",  # "nicht einmal" stays a negation
    ],
)
def test_streikte_nicht_in_wien_stays_open(text):
    assert _status(text, "streikte", published=None) != "happened"


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("Der Verdächtige sitzt seit Montag in Untersuchungshaft.", "Untersuchungshaft"),  # was planned (weekday ahead)
        ("Die Gewerkschaft streikt seit Montag.", "streikt"),
        ("Der Bürgermeister verhandelt seit einem Jahr mit dem Möbelkonzern.", "verhandelt"),
    ],
)
def test_die_gewerkschaft_streikt_seit_montag_is_going_on_happened_never_ahead(text, trigger):
    assert _status(text, trigger, published=None) == "happened"


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("Seit Montag soll gestreikt werden.", "gestreikt"),  # modal: planned
        ("Falls die Gewerkschaft seit Montag streikt, drohen Ausfälle.", "streikt"),  # conditional
        ("Die Gewerkschaft will seit Montag streiken.", "streiken"),  # intention
    ],
)
def test_seit_montag_soll_gestreikt_werden_is_not_happened(text, trigger):
    record = _record(text, published=None)
    hits = [e for e in record.events if any(m.text == trigger for m in e.mentions)]
    assert hits and all(e.status != "happened" for e in hits)


# --- issue 13, status round: results and chronicle lines told in the present -------------------------------------


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("Der LASK gewinnt 2:1 in Altach und springt auf Rang drei.", "gewinnt"),
        ("Nach dem 1:1-Hinspiel reist die Austria nach Sofia.", "1:1-Hinspiel"),
        ("4:0-Heimsieg in Hütteldorf – Rapid spielt sich an die Spitze.", "4:0-Heimsieg"),
    ],
)
def test_der_lask_gewinnt_2_1_in_altach_a_present_result_with_its_score_happened(text, trigger):
    event = _event(_record(text, published=None), trigger)
    assert (event.status, event.confidence) == ("happened", "inferred")


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("Der LASK trifft am Sonntag in Altach auf den Tabellenführer.", "trifft"),  # a preview: no score
        ("Im Rückspiel am Donnerstag verteidigt die Austria ein 1:1 in Sofia.", "Rückspiel"),  # ahead, the score is old
        ("Wer gewinnt das Derby gegen die Austria, 2:1 oder 3:1?", "gewinnt"),  # a question
        ("Der LASK will am Sonntag 2:0 in Altach gewinnen.", "gewinnen"),  # an intention
    ],
)
def test_der_lask_trifft_am_sonntag_auf_a_preview_never_happened(text, trigger):
    record = _record(text, published=None)
    hits = [e for e in record.events if any(m.text == trigger for m in e.mentions)]
    assert all(e.status != "happened" for e in hits)


def test_1934_ein_generalstreik_legt_das_land_lahm_a_chronicle_line_happened():
    record = _record("1934 – Ein Generalstreik legt das Land für drei Tage lahm.", published=None)
    assert _event(record, "Generalstreik").status == "happened"
    record = _record("1871 – Der Kaiser ernennt Otto von Bismarck zum Reichskanzler.", published=None)
    assert _event(record, "ernennt").status == "happened"


def test_1998_der_buergermeister_spricht_sich_fuer_ein_referendum_aus_the_demand_stays_open():
    record = _record(
        "1998 – Der Bürgermeister spricht sich in einem Interview für ein Referendum über die Brücke aus.", published=None
    )
    hits = [e for e in record.events if any(m.text == "Referendum" for m in e.mentions)]
    assert all(e.status != "happened" for e in hits)
    # a year after publication is no chronicle: "2030 – …" in a paper of 2025
    record = _record("2030 – Ein Generalstreik legt das Land lahm.", published="2025-11-19")
    assert all(e.status != "happened" for e in record.events)


def test_demonstrierten_gegen_die_nicht_eingehaltenen_zusagen_nicht_before_an_adjective_negates_only_it():
    text = "Die Bauern demonstrierten in Wien gegen die nicht eingehaltenen Zusagen der Regierung."
    assert _status(text, "demonstrierten", published=None) == "happened"


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("Die Bauern demonstrierten am Montag nicht in Wien gegen die Regierung.", "demonstrierten"),  # the clause's
        ("Die Polizei konnte nicht einen Verdächtigen in Linz festnehmen.", "festnehmen"),  # an article, no adjective
        ("Die Polizei konnte nicht jedem Opfer einer Straftat in Linz helfen.", "Straftat"),  # a determiner
    ],
)
def test_demonstrierten_nicht_in_wien_a_negation_of_the_clause_stays_one(text, trigger):
    record = _record(text, published=None)
    hits = [e for e in record.events if any(m.text == trigger for m in e.mentions)]
    assert all(e.status != "happened" for e in hits)


def test_fand_keine_mehrheit_und_loeste_proteste_aus_the_negation_of_the_other_conjunct_does_not_count():
    text = "Der Vorschlag fand im Landtag keine Mehrheit und löste Proteste der Bauern in Graz aus."
    assert _status(text, "Proteste", published=None) == "happened"
    record = _record("Die IG Metall streikte am Montag und verhandelte nicht mit Siemens.", published=None)
    assert _event(record, "streikte").status == "happened"
    assert _event(record, "verhandelte").status != "happened"  # its own conjunct is negated
    record = _record("Die IG Metall verhandelte nicht mit Siemens und streikte nicht.", published=None)
    assert all(e.status != "happened" for e in record.events)


def test_die_separatisten_bekannten_sich_in_einer_erklaerung_a_preterite_before_sich_is_past():
    from quellenlage.analyse.timex_tense import words_tense

    text = "Die Separatisten bekannten sich in einer Erklärung zu dem Anschlag in Bilbao."
    assert _status(text, "Erklärung", published=None) == "happened"
    assert words_tense(["die", "gruppe", "bekannte", "sich", "zu", "dem", "anschlag"]) == "PAST"
    assert words_tense(["die", "bekannte", "sängerin", "tritt", "am", "freitag", "auf"], present=True) != "PAST"
    assert words_tense(["am", "mittwoch", "wird", "über", "die", "wahl", "entschieden"]) != "PAST"


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("Die Ministerin befindet sich derzeit zu einem Besuch in Kiew.", "Besuch"),
        ("Der Autobauer befindet sich in fortgeschrittenen Verhandlungen mit der Stadt Linz.", "Verhandlungen"),
        ("Die Beamten sind verärgert, heißt es in einer Erklärung der Gewerkschaft GÖD.", "Erklärung"),
    ],
)
def test_die_ministerin_befindet_sich_zu_einem_besuch_in_kiew_going_on_or_told_happened(text, trigger):
    event = _event(_record(text, published=None), trigger)
    assert (event.status, event.confidence) == ("happened", "inferred")


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("Die ÖVP befindet sich in Linz im Wahlkampf.", "Wahlkampf"),  # not a state_type: the election is ahead
        ("Die Ministerin befindet sich nicht zu einem Besuch in Kiew.", "Besuch"),  # negated
        ("Die Ministerin soll sich ab Montag zu einem Besuch in Kiew befinden.", "Besuch"),  # ahead
    ],
)
def test_die_oevp_befindet_sich_im_wahlkampf_no_state_of_what_is_ahead(text, trigger):
    record = _record(text, published=None)
    hits = [e for e in record.events if any(m.text == trigger for m in e.mentions)]
    assert all(e.status != "happened" for e in hits)


def test_die_richterin_verurteilt_den_angeklagten_zu_zwei_jahren_haft_a_penalty_handed_down_happened():
    text = "Die Richterin verurteilt den Angeklagten in Linz zu zwei Jahren Haft."
    event = _event(_record(text, published=None), "verurteilt")
    assert (event.status, event.confidence) == ("happened", "inferred")
    # a condition or an infinitive names no sentence handed down
    record = _record("Sollte der Richter ihn in Linz zu zwei Jahren Haft verurteilen, geht er in Berufung.", published=None)
    assert all(e.status != "happened" for e in record.events if e.type == "ruling")


# --- round 20: recall of the lowest general-news types ------------------------------------------------------------


def test_der_autobauer_will_beim_batteriehersteller_einsteigen_buys_into_a_company():
    event = _event(
        _record("Der Autobauer BMW will mit einer Beteiligung beim Batteriehersteller Northvolt einsteigen."), "einsteigen"
    )
    assert (event.type, event.status) == ("acquisition", "planned")


@pytest.mark.parametrize(
    "text",
    [
        "Der frühere Minister Karl Huber steigt als Berater bei der Firma Adler ein.",  # a job, no stake
        "Die Kanzlerin Anna Berger stieg am Bahnhof in Linz in den Zug ein.",
    ],
)
def test_der_minister_steigt_als_berater_bei_der_firma_ein_no_acquisition(text):
    assert not [e for e in _record(text).events if e.type == "acquisition"]


def test_der_autozulieferer_kuendigte_450_entlassungen_an_a_number_sizes_the_layoffs():
    event = _event(_record("Der Autozulieferer Leoni kündigte am Montag 450 Entlassungen an."), "Entlassungen")
    assert (event.type, event.status) == ("layoffs", "planned")
    # the number of layoffs is no statistic of events; "die Zahl der Entlassungen" still is one
    record = _record("Die Zahl der Entlassungen bei Leoni stieg im Jahr 2024 deutlich.")
    assert not [e for e in record.events if e.type == "layoffs"]


def test_die_schulleiterin_ging_im_juni_in_pension_a_retirement_is_a_resignation():
    event = _event(_record("Die Schulleiterin Maria Berger ging im Juni nach 30 Jahren in Pension."), "ging")
    assert (event.type, event.status) == ("resignation", "happened")
    assert not [
        e for e in _record("Die Wanderer Karl und Eva Huber gingen in eine Pension in Lech.").events if e.type == "resignation"
    ]


def test_die_urabstimmung_der_mitglieder_endete_am_freitag_a_members_ballot_is_an_election():
    event = _event(_record("Die Urabstimmung der SPD-Mitglieder über den Koalitionsvertrag endete am Freitag."), "Urabstimmung")
    assert (event.type, event.status) == ("election", "happened")


def test_der_verkauf_der_tochter_an_den_finanzinvestor_kkr_a_sale_with_a_word_of_a_stake():
    text = "Der Verkauf der Tochtergesellschaft an den Finanzinvestor KKR ist seit Montag abgeschlossen."
    assert _event(_record(text), "Verkauf").type == "acquisition"
    assert not [
        e
        for e in _record("Der Verkauf von Eintrittskarten für das Konzert in Wien beginnt am Montag.").events
        if e.type == "acquisition"
    ]


def test_als_die_firma_die_uebernahme_von_oculus_verkuendete_a_company_object_and_an_announced_deal():
    # a company as the object of "Übernahme" names the deal without a context word; announced, it is planned
    text = "Als der Konzern Meta im März die Übernahme von Oculus VR verkündete, reagierten Analysten skeptisch."
    event = _event(_record(text), "Übernahme")
    assert (event.type, event.status) == ("acquisition", "planned")
    text = "Der Chipkonzern Infineon gab am Montag die Übernahme des Rivalen Cypress bekannt."
    assert _event(_record(text), "Übernahme").status == "planned"
    # an office's presidency is no company: "EU" in "EU-Präsidentschaft" does not count
    text = "Kurz vor der Übernahme der EU-Präsidentschaft durch die Slowakei sorgte Premier Fico für Aufsehen."
    assert not [e for e in _record(text).events if e.type == "acquisition"]
    assert _event(_record("Bayer übernahm im Jahr 2018 den Saatguthersteller Monsanto."), "übernahm").status == "happened"


def test_der_zurueckgetretene_buergermeister_kehrt_zurueck_an_attributive_participle_tells_it_done():
    text = "Die von der Partei geschasste Bezirksvorsteherin Ursula Stenzel wird morgen ihre Pläne bekanntgeben."
    assert _event(_record(text), "geschasste").status == "happened"
    text = "Der vor einer Woche zurückgetretene Bürgermeister Huber kehrt in den Gemeinderat zurück."
    assert (_event(_record(text), "zurückgetretene").type, _status(text, "zurückgetretene")) == ("resignation", "happened")
    # "entlassene" is no trigger: released from prison or hospital as often as dismissed
    for text in (
        "Der aus der Haft entlassene Ex-Präsident Karl Huber wurde am Montag wieder festgenommen.",
        "Der aus der Klinik entlassene Trainer Peter Huber saß am Samstag wieder auf der Bank.",
    ):
        assert not [e for e in _record(text).events if e.type == "resignation"]


def test_sie_uebernimmt_die_geschaeftsfuehrung_des_vereins_an_office_no_company():
    record = _record("Die Juristin Anna Berger übernimmt im Mai die Geschäftsführung des Vereins.")
    assert [e.type for e in record.events] == ["appointment"]


def test_auf_den_sturm_folgte_nach_zwei_tagen_hochwasser_no_successor():
    # "folgte … nach" is no trigger: its "nach" is as often a preposition
    record = _record("Auf den Sturm folgte nach zwei Tagen ein Hochwasser an der Mosel.")
    assert not [e for e in record.events if e.type == "appointment"]


def test_der_abgeordnete_legte_sein_landtagsmandat_nieder_a_mandate_compound_is_an_office():
    event = _event(_record("Der Abgeordnete Günter Lenz legte am Montag sein Landtagsmandat nieder."), "legte")
    assert (event.type, event.status) == ("resignation", "happened")


def test_mit_einem_5_1_gegen_den_rivalen_a_result_named_as_a_game_is_a_match():
    event = _event(_record("Der LASK verabschiedete sich mit einem 5:1 gegen Altach in die Winterpause."), "5:1")
    assert (event.type, event.status) == ("match", "happened")
    # a score by periods may stand between; the result and the win it names in one clause are one match
    record = _record("Der Klub Red Bull Salzburg feierte beim 3:2 (1:0,0:1,2:1) gegen Rapid den fünften Sieg in Folge.")
    assert [[m.text for m in e.mentions] for e in record.events if e.type == "match"] == [["3:2", "Sieg"]]


@pytest.mark.parametrize(
    "text",
    [
        "Stürmer Karl Huber köpfelte in der 80. Minute zum 2:1 ein.",  # a goal, no game named
        "Zur Pause stand es in Graz bereits 3:0.",
        "Das Treffen der Ministerinnen beginnt um 10:30 im Kanzleramt.",
    ],
)
def test_zur_pause_stand_es_3_0_a_bare_score_names_no_game(text):
    assert not [e for e in _record(text).events if e.type == "match" and any(":" in m.text for m in e.mentions)]


def test_das_duo_besiegte_die_gegner_5_7_6_3_11_9_a_result_by_sets_is_a_score():
    event = _event(_record("Das Duo Huber/Berger besiegte die Paarung Maier/Koch 5:7,6:3,11:9."), "besiegte")
    assert (event.type, event.status) == ("match", "happened")


def test_der_klub_praesentierte_huber_als_neuen_cheftrainer_an_appointment():
    event = _event(_record("Der Klub präsentierte am Montag Peter Huber als neuen Cheftrainer."), "als neuen Cheftrainer")
    assert (event.type, event.status) == ("appointment", "happened")
    assert not [e for e in _record("Der Verein Rapid Wien sucht einen neuen Trainer.").events if e.type == "appointment"]


@pytest.mark.parametrize(
    "text,trigger",
    [
        ("Der Konzern Siemens legte am Montag ein Übernahmeangebot für den Rivalen Alstom vor.", "Übernahmeangebot"),
        ("Die Aktionäre von Alstom nahmen die Übernahmeofferte von Siemens an.", "Übernahmeofferte"),
    ],
)
def test_der_konzern_legte_ein_uebernahmeangebot_vor_an_offer_is_no_takeover_done(text, trigger):
    assert _status(text, trigger) == "planned"


@pytest.mark.parametrize(
    "text",
    [
        "Das Beratungsangebot der Arbeiterkammer in Graz ist kostenlos.",  # a service, no talks
        "Vor dem Kauf eines Autos in Linz sollte man Vergleichsangebote von drei Händlern einholen.",  # price quotes
    ],
)
def test_das_beratungsangebot_der_kammer_ist_kostenlos_an_offer_of_a_service_is_no_event(text):
    assert _record(text).events == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Nach dem Hochwasser an der Mosel bot die Bundeswehr sofort Hilfe an.", "Hochwasser"),
        ("Nach dem Erdbeben in Marokko bot die Bundesregierung sofort Hilfe an.", "Erdbeben"),
    ],
)
def test_nach_dem_hochwasser_bot_die_bundeswehr_hilfe_an_the_event_still_happened(text, word):
    # an offer in the clause says nothing of the event it follows (no "bot … an" status row)
    assert _status(text, word) == "happened"


def test_sie_lehnte_nach_dem_ruecktritt_jede_stellungnahme_ab_the_refusal_is_of_something_else():
    text = "Die Ministerin lehnte nach dem Rücktritt des Kollegen Karl Huber jede Stellungnahme ab."
    assert _status(text, "Rücktritt") == "happened"


@pytest.mark.parametrize(
    "text",
    [
        "Das Kartellamt hat die Übernahme des Kranbauers Konecranes durch Terex nicht untersagt.",
        "Die Klage von Aktionären gegen die Übernahme des Kranbauers Konecranes ist gescheitert.",
    ],
)
def test_das_kartellamt_hat_die_uebernahme_nicht_untersagt_no_cancelled_deal(text):
    # a failed or blocked deal is not read: negation and what failed decide, and the rules see neither
    assert _status(text, "Übernahme") != "cancelled"


def test_der_konzern_gab_den_abschluss_der_uebernahme_bekannt_done_not_planned():
    text = "Der Konzern Terex gab am Montag den Abschluss der Übernahme des Kranbauers Konecranes bekannt."
    assert _status(text, "Übernahme") == "happened"


@pytest.mark.parametrize(
    "text",
    [
        "Der Verkauf von Eintrittskarten des FC Bayern beginnt am Montag.",
        "Nach der Übernahme des Vorsitzes der SPD durch Esken änderte sich wenig.",
        "Die Aktie stieg bei hohen Umsätzen um drei Prozent auf ein Rekordhoch.",
    ],
)
def test_der_verkauf_von_eintrittskarten_des_fc_bayern_is_no_deal(text):
    assert not [e for e in _record(text).events if e.type == "acquisition"]


def test_die_arbeitsagentur_zaehlte_30000_entlassungen_a_statistic_no_layoffs():
    # a verb of counting in the clause makes a sized noun's number a statistic (tally_verb rows)
    assert _record("Im vergangenen Jahr zählte die Arbeitsagentur in Sachsen 30.000 Entlassungen.").events == []
    event = _event(_record("Der Autozulieferer kündigte am Montag 900 Entlassungen an."), "Entlassungen")
    assert event.type == "layoffs"
