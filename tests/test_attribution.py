"""The attribution stage: who said what, on whose authority (named by German example)."""

from __future__ import annotations

import json

import pytest
from conftest import SEED_TXT, attributed_with_entities, shared, store_url

import quellenlage
from quellenlage.analyse.konjunktiv import mood


def _record(text: str, outlet: str = "ntv.de"):
    return quellenlage.analyze(text, outlet=outlet)


def _statement(record, fragment: str, kind: str | None = None):
    """The statement whose text contains ``fragment`` (of ``kind``, if given)."""
    hits = [s for s in record.statements if fragment in s.text and (kind is None or s.kind == kind)]
    assert hits, f"no {kind or ''} statement with {fragment!r}: {[(s.kind, s.text) for s in record.statements]}"
    return hits[0]


def _speaker(statement) -> str:
    assert statement.speaker is not None, f"no speaker for {statement.text!r}"
    return statement.speaker.text


@pytest.fixture(scope="module")
def seed():
    return quellenlage.analyze(SEED_TXT)


# --- direct quotations --------------------------------------------------------------------------


def test_so_dmitriew_names_the_speaker_of_the_quotation_before_it():
    r = _record('Die Lage ist ernst. "Wir werden das nicht hinnehmen", so Dmitriew.')
    s = _statement(r, "Wir werden das nicht hinnehmen", "direct_quote")
    assert s.text == '"Wir werden das nicht hinnehmen"'
    assert _speaker(s) == "Dmitriew"
    assert s.cue is not None and s.cue.text == "so"


def test_sagte_er_after_a_quotation_resolves_to_the_previous_speaker():
    r = _record("Der Minister sagte, die Lage sei ernst. „Wir handeln jetzt“, sagte er.")
    s = _statement(r, "Wir handeln jetzt", "direct_quote")
    assert _speaker(s) == "er"
    assert [src.name for src in s.sources] == ["ntv.de", "Der Minister"]


def test_fuegte_er_hinzu_takes_the_separated_particle():
    r = _record("Die Ministerin sprach in Berlin. „Das ist erst der Anfang“, fügte sie hinzu.")
    s = _statement(r, "erst der Anfang", "direct_quote")
    assert s.cue.text == "fügte" and _speaker(s) == "sie"


def test_und_weiter_continues_the_previous_speaker():
    r = _record('Der Kanzler sagte, man sei zufrieden. Und weiter: "Wir bleiben auf Kurs."')
    s = _statement(r, "Wir bleiben auf Kurs", "direct_quote")
    assert _speaker(s) == "Der Kanzler"


def test_teilten_mit_colon_introduces_a_quotation():
    r = _record("Sonia und Willy Bogner teilten daraufhin mit: „Das erschüttert uns als Eltern sehr.“")
    s = _statement(r, "erschüttert uns", "direct_quote")
    assert _speaker(s) == "Sonia und Willy Bogner"


def test_quotation_across_two_sentences_is_one_statement():
    r = _record("„Wir sind bereit. Wir warten nur auf das Signal“, erklärte der Sprecher.")
    s = _statement(r, "Wir sind bereit", "direct_quote")
    assert "Signal" in s.text and len(s.sentences) == 2
    assert _speaker(s) == "der Sprecher"


@pytest.mark.parametrize(
    "quoted",
    [
        "»Wir kommen wieder«",
        "«Wir kommen wieder»",
        "„Wir kommen wieder“",
        '"Wir kommen wieder"',
        "‚Wir kommen wieder‘",
        "“Wir kommen wieder”",
    ],
)
def test_every_german_quotation_style_is_a_quotation(quoted):
    r = _record(f"{quoted}, sagte die Trainerin.")
    s = _statement(r, "Wir kommen wieder", "direct_quote")
    assert s.text == quoted and _speaker(s) == "die Trainerin"


def test_die_vorteile_in_quotation_marks_inside_indirect_speech_is_a_partial_quote():
    r = _record('Der Gesandte sagte, die US-Seite sei dabei, den Europäern die "Vorteile" ihres Ansatzes zu erläutern.')
    outer = _statement(r, "die US-Seite sei dabei", "indirect_speech")
    partial = _statement(r, '"Vorteile"', "direct_quote")
    assert partial.text == '"Vorteile"'
    assert _speaker(outer) == _speaker(partial) == "Der Gesandte"


def test_buchtitel_in_quotation_marks_is_not_a_quote():
    r = _record("Die Zeitschrift „Tobacco Control“ veröffentlichte die Studie am Montag.")
    assert all(s.kind == "asserted" for s in r.statements)


# --- indirect speech ---------------------------------------------------------------------------


def test_sagte_die_lage_sei_ernst_is_indirect_speech_of_the_subject():
    r = _record("Der Polizeisprecher sagte, die Lage sei unter Kontrolle.")
    s = _statement(r, "die Lage sei unter Kontrolle", "indirect_speech")
    assert s.text == "die Lage sei unter Kontrolle"
    assert _speaker(s) == "Der Polizeisprecher" and s.cue.text == "sagte"


def test_der_us_beamte_bestaetigte_dass_is_an_anonymous_official():
    r = _record("Der US-Beamte bestätigte, dass das Weiße Haus begonnen habe, die Ukraine zu informieren.")
    s = _statement(r, "dass das Weiße Haus", "indirect_speech")
    assert s.speaker.text == "Der US-Beamte" and s.speaker.anonymous


def test_von_ukrainischer_seite_hiess_es_is_an_anonymous_source():
    r = _record("Auch von ukrainischer Seite hieß es, dass Witkoff den Plan bereits diskutiert habe.")
    s = _statement(r, "dass Witkoff", "indirect_speech")
    assert s.speaker.text == "von ukrainischer Seite" and s.speaker.anonymous


def test_moskaus_einfluss_nehme_zu_continues_the_last_speaker():
    r = _record('Er habe das Gefühl, "dass man gehört wird", so Dmitriew. Moskaus Einfluss nehme zu.')
    s = _statement(r, "Moskaus Einfluss nehme zu", "indirect_speech")
    assert _speaker(s) == "Dmitriew" and s.cue is None


def test_hat_angekuendigt_with_a_zu_infinitive_is_indirect_speech():
    r = _record("Die Bundeskanzlerin hat auf einer Pressekonferenz angekündigt, kurzfristig zurückzutreten.")
    s = _statement(r, "kurzfristig zurückzutreten", "indirect_speech")
    assert _speaker(s) == "Die Bundeskanzlerin"


@pytest.mark.parametrize("form", ["nehme", "habe", "sei", "seien", "könne", "gebe", "ändere", "geschehe", "werde"])
def test_nehme_habe_sei_are_konjunktiv_i(form):
    assert mood(form) == "KI"


@pytest.mark.parametrize(
    ("form", "previous", "following"),
    [
        ("nehme", "ich", ""),  # "ich nehme": indicative
        ("lange", "28", "Route"),  # "eine 28 Kilometer lange Route": an adjective
        ("eine", "", ""),
        ("sagte", "", ""),
        ("nimmt", "", ""),
    ],
)
def test_ich_nehme_and_eine_lange_route_are_not_konjunktiv_i(form, previous, following):
    assert mood(form, previous, following) is None


def test_wuerden_is_a_konjunktiv_ii_stand_in():
    assert mood("würden") == "KII"


# --- reported claims, sources and hedges ----------------------------------------------------------


def test_laut_polizei_is_reported_with_the_police_as_source():
    r = _record("Laut Polizei wurden drei Menschen verletzt.")
    s = _statement(r, "drei Menschen verletzt", "reported")
    assert _speaker(s) == "Polizei" and s.cue.text == "Laut"
    assert "Laut" not in s.text


def test_einem_bericht_zufolge_is_hedged_and_anonymous():
    r = _record("Schon Ende Oktober trafen sich einem Bericht zufolge die beiden Gesandten.")
    s = _statement(r, "trafen sich", "reported")
    assert s.hedged and s.speaker.anonymous


def test_einem_bericht_zufolge_is_the_report_of_the_one_outlet_the_article_cites():
    r = _record(
        "Schon Ende Oktober trafen sich einem Bericht zufolge die beiden Gesandten. "
        "Dies berichtet das Nachrichtenportal Axios unter Berufung auf US-Beamte."
    )
    s = _statement(r, "trafen sich", "reported")
    assert s.speaker.anonymous and s.speaker.text == "einem Bericht"
    assert [src.name for src in s.sources] == ["ntv.de", "Axios", "US-Beamte"]


def test_einem_bericht_zufolge_with_two_outlets_stays_an_unnamed_report():
    r = _record(
        "Schon Ende Oktober trafen sich einem Bericht zufolge die beiden Gesandten. "
        "Dies berichtet das Nachrichtenportal Axios. Wie Reuters schreibt, soll der Plan fertig sein."
    )
    s = _statement(r, "trafen sich", "reported")
    assert [src.name for src in s.sources] == ["ntv.de", "einem Bericht"]


def test_seed_einem_bericht_zufolge_in_the_lead_rests_on_axios(seed):
    s = _statement(seed, "Schon Ende Oktober trafen sich", "reported")
    # Axios cites two sets of officials in the article, so the chain stops at Axios
    assert [src.name for src in s.sources] == ["ntv.de", "Axios"]


def test_nach_angaben_von_n24_names_the_source():
    r = _record("Nach Angaben von n24 sind die Gruppen sehr mobil.")
    s = _statement(r, "sind die Gruppen sehr mobil", "reported")
    assert "n24" in _speaker(s)


def test_dies_berichtet_axios_unter_berufung_auf_beamte_is_the_source_of_the_sentence_before():
    r = _record(
        "Die USA und Russland sollen heimlich Pläne schmieden. "
        "Dies berichtet das Nachrichtenportal Axios unter Berufung auf US-amerikanische und russische Beamte."
    )
    s = _statement(r, "sollen heimlich Pläne schmieden", "reported")
    assert s.hedged
    assert [src.name for src in s.sources] == ["ntv.de", "Axios", "US-amerikanische und russische Beamte"]
    assert s.sources[-1].anonymous


def test_sollen_sich_demnach_getroffen_haben_carries_the_chain():
    r = _record("Dies berichtet das Portal Axios. Die Gesandten sollen sich demnach in Miami getroffen haben.")
    s = _statement(r, "getroffen haben", "reported")
    assert s.hedged and "Axios" in [src.name for src in s.sources]


def test_wie_axios_weiter_schreibt_soll_is_reported_via_axios():
    r = _record("Wie Axios weiter schreibt, soll der Plan vom Gaza-Deal inspiriert worden sein.")
    s = _statement(r, "soll der Plan", "reported")
    assert s.hedged and _speaker(s) == "Axios"
    assert [src.name for src in s.sources] == ["ntv.de", "Axios"]


def test_er_soll_morgen_kommen_is_a_plan_not_a_report():
    r = _record("Er soll morgen kommen.")
    assert r.statements[0].kind == "asserted"


def test_soll_veroeffentlicht_werden_is_a_plan_not_a_report():
    r = _record("Die Ergebnisse sollen in einer Fachzeitschrift veröffentlicht werden.")
    assert r.statements[0].kind == "asserted"


def test_die_ukraine_solle_aufgeben_is_russias_demand():
    r = _record(
        "Russland hat bislang stets auf Maximalforderungen beharrt: So solle die Ukraine ihre NATO-Bestrebungen aufgeben."
    )
    assert _statement(r, "Russland hat bislang", "asserted").text.endswith("beharrt")
    demand = _statement(r, "So solle die Ukraine", "indirect_speech")
    assert _speaker(demand) == "Russland"


def test_das_treffen_war_abgesagt_worden_is_asserted_on_the_outlets_authority():
    r = _record("Das geplante Treffen war am 25. Oktober von Trump abgesagt worden.")
    s = r.statements[0]
    assert s.kind == "asserted" and s.speaker is None and [src.name for src in s.sources] == ["ntv.de"]


# --- entities ---------------------------------------------------------------------------------


def test_speaker_overlapping_a_mention_is_linked_to_its_entity():
    r = attributed_with_entities("Kirill Dmitriew sagte, die Gespräche seien gut verlaufen.", {"Kirill Dmitriew": "PER"})
    s = _statement(r, "die Gespräche seien", "indirect_speech")
    assert s.speaker.entity == "e1" and s.speaker.text == "Kirill Dmitriew"
    assert r.offset_problems() == []


def test_er_skips_an_organisation_and_finds_the_previous_person():
    text = (
        "Kirill Dmitriew sagte, die Gespräche seien gut verlaufen. Der Kreml erklärte, man sei zufrieden. "
        "„Wir sind bereit“, sagte er."
    )
    r = attributed_with_entities(text, {"Kirill Dmitriew": "PER", "Kreml": "ORG"})
    s = _statement(r, "Wir sind bereit", "direct_quote")
    assert s.speaker.entity == "e1"


def test_er_is_resolved_to_the_previous_speakers_entity():
    text = "Kirill Dmitriew sagte, die Gespräche seien gut verlaufen. „Wir sind zufrieden“, sagte er."
    r = attributed_with_entities(text, {"Kirill Dmitriew": "PER"})
    s = _statement(r, "Wir sind zufrieden", "direct_quote")
    assert s.speaker.text == "er" and s.speaker.entity == "e1"


def test_without_entities_the_speaker_is_its_text_span():
    r = _record("Kirill Dmitriew sagte, die Gespräche seien gut verlaufen.")
    s = _statement(r, "die Gespräche", "indirect_speech")
    assert s.speaker.entity is None or any(e.id == s.speaker.entity for e in r.entities)


# --- the seed article ---------------------------------------------------------------------------


def test_seed_every_sentence_is_in_a_statement_and_offsets_hold(seed):
    covered = {k for s in seed.statements for k in s.sentences}
    assert covered == set(range(len(seed.sentences)))
    assert seed.offset_problems() == []
    assert [s.id for s in seed.statements] == [f"s{n}" for n in range(1, len(seed.statements) + 1)]


_DMITRIEV = ("Dmitrijew", "Dmitriew", "er", "Der russische Gesandte", "der russische Gesandte")


def _dmitriev_entity(seed):
    return next((e.id for e in seed.entities if "Dmitri" in e.name), None)


def test_seed_all_five_direct_quotations_are_dmitrievs(seed):
    quotes = [s for s in seed.statements if s.kind == "direct_quote"]
    assert len({s.text for s in quotes}) >= 4  # the same quotation appears twice in the article
    assert len(quotes) == 5
    entity = _dmitriev_entity(seed)
    for s in quotes:
        assert s.speaker is not None and any(name in s.speaker.text for name in _DMITRIEV), s.text
        if entity is not None:
            assert s.speaker.entity == entity


def test_seed_every_konjunktiv_paraphrase_is_dmitrievs(seed):
    for fragment in [
        "Er habe das Gefühl",
        "Moskaus Einfluss nehme zu.",
        "habe man nun das Gefühl",
        "die US-Seite sei derzeit dabei",
        "Moskaus Einfluss nehme zu",
    ]:
        s = [x for x in seed.statements if fragment in x.text and x.kind == "indirect_speech"]
        assert s, fragment
        assert any(name in _speaker(s[-1]) for name in _DMITRIEV), (fragment, s[-1].speaker)


def test_seed_us_beamter_and_ukrainische_seite_are_anonymous_via_axios(seed):
    official = _statement(seed, "dass das Weiße Haus begonnen habe", "indirect_speech")
    assert official.speaker.anonymous and "US-Beamte" in official.speaker.text
    ukraine = _statement(seed, "dass Witkoff den Plan", "indirect_speech")
    assert ukraine.speaker.anonymous and "ukrainischer Seite" in ukraine.speaker.text
    assert [src.name for src in ukraine.sources][:2] == ["ntv.de", "Axios"]


def test_seed_sollen_sentences_are_reported_hedged_via_axios(seed):
    for fragment in [
        "USA und Russland sollen Geheimgespräche führen",
        "sollen heimlich Pläne",
        "sollen sich demnach",
        "soll aber weiterhin nicht zur Debatte",
        "soll der Plan vom Gaza-Deal",
        "soll das für diesen Mittwoch",
    ]:
        s = _statement(seed, fragment, "reported")
        assert s.hedged, fragment
        assert "Axios" in [src.name for src in s.sources], fragment
    chain = _statement(seed, "sollen heimlich Pläne", "reported").sources
    assert [src.name for src in chain] == ["ntv.de", "Axios", "US-amerikanische und russische Beamte"]


def test_seed_assertions_stay_assertions(seed):
    assert _statement(seed, "Russland hat bislang in Friedensgesprächen stets auf Maximalforderungen beharrt", "asserted")
    assert _statement(seed, "Das geplante Treffen war am 25. Oktober von Trump abgesagt worden", "asserted")


# --- evaluation -------------------------------------------------------------------------------


def test_eval_quotes_reports_json_figures_on_wikinews_dev(cli):
    path = shared("quotes-wikinews/dev.jsonl.gz")
    proc = cli("eval", "quotes", path, "--limit", "20", "--format", "json", check=True)
    data = json.loads(proc.stdout_text)
    assert data["documents"] == 20
    assert data["quote_overlap"]["f1"] > 0.5
    assert {"Direct", "Indirect", "Reported"} <= set(data["per_type"])


def test_eval_quotes_errors_lists_missed_quotes_wrong_speakers_and_spurious_statements(cli):
    path = shared("quotes-wikinews/dev.jsonl.gz")
    proc = cli("eval", "quotes", path, "--limit", "20", "--format", "json", "--errors", check=True)
    errors = json.loads(proc.stdout_text)["errors"]
    assert {e["error"] for e in errors} <= {"missed", "speaker", "spurious"} and errors
    missed = [e for e in errors if e["error"] == "missed"]
    assert all(e["type"] and e["quote"] and e["context"] for e in missed)
    assert all(e["ours"]["kind_rule"] for e in errors if e["error"] != "missed")


# --- the trace and `quellenlage explain` -------------------------------------------------------------


def test_seed_every_statement_has_a_trace_of_its_kind_and_sources(seed):
    from quellenlage.analyse import attribution as stage
    from quellenlage.analyse import speakers

    rules = {f.__name__ for f in (*stage.UNIT_RULES, *stage.CONTENT_RULES, *speakers.SPEAKER_RULES, *speakers.LINK_RULES)}
    for s in seed.statements:
        decided = [t.decided for t in s.trace]
        assert decided[0] == "kind" and s.trace[0].value == s.kind, s.id
        assert "sources" in decided, s.id
        if s.speaker is not None:
            step = next(t for t in s.trace if t.decided == "speaker")
            assert step.value == s.speaker.text and step.start is not None, s.id
    named = {t.rule for s in seed.statements for t in s.trace}
    assert {"reportive_soll", "free_indirect_speech", "so_subject", "quote_before_inverted_cue"} <= named
    assert named & rules


def test_seed_explain_shows_the_rule_that_chose_dmitriev_for_each_of_his_quotes(cli, seed):
    entity = _dmitriev_entity(seed)
    quotes = [s for s in seed.statements if s.kind == "direct_quote"]
    assert quotes
    for s in quotes:
        proc = cli("explain", SEED_TXT, s.sentences[0], check=True)
        out = proc.stdout_text
        block = out[out.index(f"  {s.id} direct_quote") :]
        block = block[: block.find("\n  s", 1) if "\n  s" in block[1:] else len(block)]
        speaker_line = next(line for line in block.splitlines() if line.strip().startswith("speaker"))
        rule = next(t.rule for t in s.trace if t.decided == "speaker")
        assert f"← {rule}" in speaker_line, block
        assert s.speaker.text in speaker_line
        if entity is not None:
            entity_line = next(line for line in block.splitlines() if line.strip().startswith("entity"))
            assert entity in entity_line and "Dmitri" in entity_line


def test_explain_json_and_a_sentence_out_of_range(cli):
    import json as _json

    proc = cli("explain", SEED_TXT, "4", "--format", "json", check=True)
    data = _json.loads(proc.stdout_text)
    (sentence,) = data["sentences"]
    assert sentence["sentence"] == 4 and all(st["trace"] for st in sentence["statements"])
    bad = cli("explain", SEED_TXT, "999")
    assert bad.returncode != 0 and "no sentence 999" in bad.stderr_text


def test_explain_reads_a_stored_article_by_id(cli, seed):
    cli("ingest", "--no-progress", SEED_TXT, check=True)
    proc = cli("explain", seed.id[:8], "5", check=True)
    assert "free_indirect_speech" in proc.stdout_text and "continues_last_speaker" in proc.stdout_text


def test_seed_reading_room_card_shows_the_rules_that_decided(tmp_path, seed):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from quellenlage.serve import create_app
    from quellenlage.store import open_store

    store = open_store(store_url(tmp_path, "cards"))
    try:
        store.put(seed)
        with TestClient(create_app(store=store)) as client:
            page = client.get(f"/articles/{seed.id}").text
    finally:
        store.close()
    quote = next(s for s in seed.statements if s.kind == "direct_quote")
    card = page[page.index(f'id="card-st-{quote.id}"') :]
    card = card[: card.index("</div>")]
    assert "Decided by" in card
    for step in quote.trace:
        assert step.rule in card


# --- speech whose quotation marks were stripped ----------------------------------------------------


def _rules(statement) -> list[str]:
    return [t.rule for t in statement.trace]


def test_wir_sind_sehr_zufrieden_sagte_bosch_is_a_direct_quote_by_the_first_person():
    r = _record("Wir sind sehr zufrieden, sagte auch Hans Bosch, der den Betrieb leitet.")
    s = _statement(r, "Wir sind sehr zufrieden", "direct_quote")
    assert s.text == "Wir sind sehr zufrieden" and "Bosch" in _speaker(s)
    assert "first_person_is_direct" in _rules(s)


def test_das_ist_ein_toller_tag_sagte_die_direktorin_is_direct_by_the_indicative():
    r = _record("Das ist ein toller Tag, sagte die wissenschaftliche Direktorin Sibylle Günter.")
    s = _statement(r, "Das ist ein toller Tag", "direct_quote")
    assert "indicative_is_direct" in _rules(s)


def test_die_lage_sei_ernst_sagte_er_stays_indirect_by_the_konjunktiv():
    r = _record("Die Lage sei ernst, sagte der Minister.")
    assert _statement(r, "Die Lage sei ernst").kind == "indirect_speech"


def test_die_summen_sollen_geflossen_sein_sagte_der_ausschuss_stays_indirect():
    r = _record("Die Summen sollen an Wassilew zurückgeflossen sein, sagte ein Untersuchungsausschuss.")
    assert _statement(r, "Die Summen sollen").kind == "indirect_speech"


def test_die_fusstapfen_sind_nicht_zu_gross_so_die_meinung_stays_indirect():
    r = _record("Die Fußstapfen sind nicht zu groß für Vettel, so der Teamchef.")
    assert _statement(r, "Die Fußstapfen sind").kind == "indirect_speech"


def test_das_aus_kommt_das_berichtet_der_guardian_is_reported_by_the_guardian():
    r = _record("Für die Zeitung kommt nach 30 Jahren das Aus, das berichtet der Guardian am Freitag.")
    s = _statement(r, "Für die Zeitung kommt", "reported")
    assert _speaker(s) == "der Guardian" and "indicative_report_is_reported" in _rules(s)


def test_das_medium_werde_online_erscheinen_heisst_es_after_the_guardian_is_the_guardians():
    r = _record(
        "Für die Zeitung kommt das Aus, das berichtet der Guardian am Freitag. "
        "Das Medium werde nur noch online erscheinen, heißt es."
    )
    s = _statement(r, "Das Medium werde", "indirect_speech")
    assert _speaker(s) == "der Guardian" and "impersonal_cue_continues_outlet" in _rules(s)


def test_wir_haben_alles_richtig_gemacht_after_sagte_bosch_is_boschs_direct_quote():
    r = _record("Wir sind sehr zufrieden, sagte Hans Bosch. Wir haben alles richtig gemacht. Der Betrieb läuft weiter.")
    s = _statement(r, "Wir haben alles richtig gemacht", "direct_quote")
    assert _speaker(s) == "Hans Bosch" and "first_person_continues_speaker" in _rules(s)
    assert _statement(r, "Der Betrieb läuft weiter").kind == "asserted"


def test_dennoch_muessen_wir_positiv_bleiben_and_the_next_first_person_sentence_are_one_quote():
    r = _record(
        "Das sind gemischte Gefühle, sagte Julian Draxler im ZDF. Dennoch müssen wir positiv bleiben. "
        "Wir haben alles in der eigenen Hand."
    )
    s = _statement(r, "Dennoch müssen wir positiv bleiben", "direct_quote")
    assert s.text == "Dennoch müssen wir positiv bleiben. Wir haben alles in der eigenen Hand"
    assert _speaker(s) == "Julian Draxler"


def test_wir_haben_den_faden_verloren_before_sagte_er_is_the_start_of_his_quote():
    r = _record(
        "Julian Draxler ärgerte sich. Wir haben den Faden verloren. Wir haben uns ein besseres Ergebnis "
        "versaut. Das sind gemischte Gefühle, sagte er im ZDF."
    )
    s = _statement(r, "Wir haben den Faden verloren", "direct_quote")
    assert s.text.endswith("Das sind gemischte Gefühle") and _speaker(s) == "er"
    assert "first_person_precedes_speaker" in _rules(s)
    assert _statement(r, "Julian Draxler ärgerte sich").kind == "asserted"


def test_first_person_after_a_speaker_stays_asserted_as_a_question_or_the_outlets_redaktion():
    r = _record("Wir sind zufrieden, sagte die Trainerin. Was wollen wir mehr?")
    assert _statement(r, "Was wollen wir mehr").kind == "asserted"
    r = _record("Wir sind zufrieden, sagte die Trainerin. Unsere Redaktion hat das Spiel besucht.")
    assert _statement(r, "Unsere Redaktion").kind == "asserted"


def test_wir_in_the_next_paragraph_does_not_continue_the_speaker():
    r = _record("Wir sind zufrieden, sagte die Trainerin.\n\nWir haben das Spiel im Stadion gesehen.")
    assert _statement(r, "Wir haben das Spiel").kind == "asserted"


def test_meiner_koalition_after_an_insert_about_marino_is_marinos():
    r = _record(
        "Ich bleibe bis Ende der Amtszeit, erklärte Bürgermeister Ignazio Marino. Marino, Arzt und Senator, "
        "steht unter großem Druck. Die Parteien meiner Koalition unterstützen mich nach wie vor."
    )
    s = _statement(r, "Die Parteien meiner Koalition", "direct_quote")
    assert "Marino" in _speaker(s) and "speaker_across_insert" in _rules(s)


def test_sagen_wir_inside_words_framed_by_so_wolff_is_wolffs():
    r = _record("Sollte die Regierung das planen, sagen wir schon jetzt ein klares Nein, so Wolff.")
    s = _statement(r, "Sollte die Regierung das planen", "direct_quote")
    assert "sagen wir" in s.text and _speaker(s) == "Wolff"


def test_wie_wir_berichteten_is_the_outlets_own():
    r = _record("Wie wir berichteten, ist der Minister zurückgetreten.")
    assert all(s.kind == "asserted" for s in r.statements)


def test_meier_tanos_bleibt_unbestimmt_colon_wir_schauen_is_his_direct_quote():
    r = _record("Aber auch Ralph Meier-Tanos bleibt eher unbestimmt: Natürlich schauen wir uns jede Möglichkeit an.")
    s = _statement(r, "Natürlich schauen wir uns", "direct_quote")
    assert "Meier-Tanos" in _speaker(s) and "colon_after_speaking_subject" in _rules(s)


def test_buergermeisterin_reagierte_gelassen_colon_quotation_is_hers_not_the_last_speakers():
    r = _record(
        "„Wir werden die Straße sperren“, sagte Landrat Klaus Weber. "
        "Bürgermeisterin Petra Lang reagierte gelassen: „Wir haben mit dem Protest gerechnet.“"
    )
    s = _statement(r, "Wir haben mit dem Protest gerechnet", "direct_quote")
    assert "Petra Lang" in _speaker(s) and "quotation_after_speaking_subject" in _rules(s)


def test_der_geschaeftsfuehrer_der_firma_zur_kritik_colon_quotation_is_his():
    r = _record("Der Geschäftsführer der Firma zur Kritik: „Was spricht dagegen, die Ware zurückzuschicken?“")
    s = _statement(r, "Was spricht dagegen", "direct_quote")
    assert _speaker(s) == "Der Geschäftsführer der Firma" and "quotation_after_speaking_subject" in _rules(s)


def test_im_radio_zeigt_sich_der_trainer_zufrieden_colon_quotation_is_the_coachs_not_the_last_speakers():
    """Since VERSION 16 the subject after the finite verb speaks ("der" and a male person noun is nominative)."""
    r = _record("„Das war knapp“, sagte Kapitän Max Roth. Im Radio zeigt sich der Trainer zufrieden: „Wir haben gekämpft.“")
    s = _statement(r, "Wir haben gekämpft", "direct_quote")
    assert _speaker(s) == "der Trainer" and "subject_after_verb_before_colon" in _rules(s)


@pytest.mark.parametrize(
    "text",
    [
        "„Wir sind dankbar“, sagte Premierministerin Anna Bligh. Queensland sei Neuseeland zu Dank verpflichtet: "
        "„Sie haben uns Helfer geschickt.“",
        "Sie sind hier: Startseite » Nachrichten » Politik » Streik in Griechenland",
        "Parlament stimmt für Referendum am 5. Juli – Tsipras: „Das Referendum wird stattfinden.“",
    ],
    ids=["Queensland sei verpflichtet", "Sie sind hier", "Parlament stimmt – Tsipras"],
)
def test_a_konjunktiv_frame_or_a_pronoun_gives_no_quotation_after_speaking_subject(text):
    r = _record(text)
    assert not any("quotation_after_speaking_subject" in _rules(s) for s in r.statements)


def test_die_lage_ist_klar_colon_wir_muessen_handeln_stays_the_outlets():
    r = _record("Die Lage ist klar: Wir müssen handeln.")
    assert all(s.kind == "asserted" for s in r.statements)


def test_dann_lobte_er_draxler_colon_without_marks_is_a_direct_quote():
    r = _record("Klaus Allofs sprach bei Sky. Dann lobte er Draxler: Julian ist so ungefähr das Beste, was es gibt.")
    s = _statement(r, "Julian ist so ungefähr das Beste", "direct_quote")
    assert _speaker(s) == "er" and "indicative_is_direct" in _rules(s)


def test_oft_seien_fragen_belastend_before_sagt_preitler_is_preitlers_indirect_speech():
    r = _record(
        "Oft seien Fragen nach dem Heimatort belastend. Wenn Fragen notwendig seien, müssten die Lehrer "
        "sie erklären, sagt Preitler."
    )
    s = _statement(r, "Oft seien Fragen", "indirect_speech")
    assert "müssten die Lehrer" in s.text and _speaker(s) == "Preitler"
    assert "indirect_speech_before_speaker" in _rules(s)


def test_das_teilte_die_polizei_mit_names_the_sentence_before():
    r = _record("Bei einer Explosion sind drei Menschen verletzt worden. Das teilte die Polizei am Samstagabend mit.")
    s = _statement(r, "Bei einer Explosion", "reported")
    assert _speaker(s) == "die Polizei" and s.cue.text == "teilte"
    assert _statement(r, "Das teilte die Polizei").kind == "asserted"


def test_so_konnte_er_nach_eigenen_angaben_rests_on_er():
    r = _record("Matt Jakubowski hat das System gehackt. So konnte er nach eigenen Angaben auf Daten zugreifen.")
    s = _statement(r, "So konnte er", "reported")
    assert _speaker(s) == "er" and "subject_of_own_statement" in _rules(s)


def test_nach_bekunden_seines_arztes_names_the_arzt():
    r = _record("Donald Trump ist nach Bekunden seines Arztes bei exzellenter Gesundheit.")
    assert _speaker(_statement(r, "bei exzellenter Gesundheit", "reported")) == "seines Arztes"


def test_der_69_jaehrige_verfuege_bescheinigte_bornstein_is_bornsteins_indirect_speech():
    r = _record("Der 69-Jährige verfüge über außergewöhnliche Stärke, bescheinigte Harold Bornstein.")
    s = _statement(r, "Der 69-Jährige verfüge", "indirect_speech")
    assert _speaker(s) == "Harold Bornstein"


@pytest.mark.parametrize(
    ("form", "previous", "following", "expected"),
    [
        ("habe", "also", "ich", None),  # "also habe ich gekauft": indicative
        ("verfüge", "69-Jährige", "über", "KI"),  # after a noun with a number, not an adjective
    ],
)
def test_also_habe_ich_is_indicative_and_der_69_jaehrige_verfuege_is_konjunktiv(form, previous, following, expected):
    assert mood(form, previous, following) == expected


def test_tu_kennzeichen_a_mark_glued_to_a_word_closes_the_quotation():
    r = _record('Die Autohalter sollen "TU"-Kennzeichen erhalten. Die Alternative wäre ein Aufstieg.')
    assert _statement(r, "Die Alternative wäre").kind == "asserted"
    assert not any(s.kind == "direct_quote" and "Alternative" in s.text for s in r.statements)


def test_programm_ebay_plus_is_no_speaker_of_a_headline_quote():
    r = _record(
        'Programm "Ebay Plus" soll Ende September starten – "Rückgabemöglichkeit entscheidender Faktor für Onlinekäufer".'
    )
    s = _statement(r, "Rückgabemöglichkeit", "direct_quote")
    assert s.speaker is None


def test_werde_bis_2023_im_amt_bleiben_after_a_dash_is_the_headline_subjects_quote():
    r = _record('Stadtoberhaupt Marino will nicht das Handtuch werfen – "Werde bis 2023 im Amt bleiben".')
    s = _statement(r, "Werde bis 2023", "direct_quote")
    assert _speaker(s) == "Stadtoberhaupt Marino"


# --- VERSION 4: speech acts told without a clause, frames after an auxiliary, opinions (issue 14) -------------


def _rules(statement) -> list[str]:
    return [t.rule for t in statement.trace]


def test_laut_innenminister_werden_die_fluglotsen_unterstellt_rests_on_the_minister():
    r = _record("Laut Innenminister Rubalcaba werden die Fluglotsen dem Militärrecht unterstellt.")
    s = _statement(r, "werden die Fluglotsen", "reported")
    assert _speaker(s) == "Innenminister Rubalcaba"
    assert "laut_beside_participle" in _rules(s)


def test_der_aussenminister_hat_den_abzug_angekuendigt_is_his_reported_speech():
    r = _record("Der italienische Außenminister hat heute in Bagdad den Abzug der Truppen angekündigt.")
    s = _statement(r, "den Abzug der Truppen", "reported")
    assert _speaker(s) == "Der italienische Außenminister"
    assert "perfect_of_saying" in _rules(s)


def test_den_vorschlag_hat_die_gewerkschaft_abgelehnt_the_subject_follows_the_auxiliary():
    r = _record("Den Vorschlag des Ministers hat die Gewerkschaft der Polizei abgelehnt.")
    s = _statement(r, "abgelehnt", "reported")
    assert _speaker(s) == "die Gewerkschaft der Polizei"


def test_der_bgh_hat_die_saengerin_kritisiert_the_object_after_hat_is_no_speaker():
    r = _record("Der Bundesgerichtshof hat die Sängerin in seinem Urteil scharf kritisiert.")
    assert not any(s.speaker is not None and s.speaker.text == "die Sängerin" for s in r.statements)


def test_er_will_den_abzug_ankuendigen_is_a_plan_not_a_report():
    r = _record("Der Minister will morgen den Abzug der Truppen ankündigen.")
    assert _statement(r, "den Abzug").kind == "asserted"


def test_von_der_bewegung_wurden_proteste_angekuendigt_is_the_movements_reported_speech():
    r = _record("Von der Bewegung Occupy Central wurden neue Proteste angekündigt.")
    s = _statement(r, "Proteste", "reported")
    assert "Bewegung" in _speaker(s)
    assert "passive_with_agent" in _rules(s)


def test_der_ruecktritt_wurde_bestaetigt_without_an_agent_stays_asserted():
    r = _record("Der Rücktritt des Trainers wurde am Abend bestätigt.")
    assert _statement(r, "Rücktritt").kind == "asserted"


def test_hatte_vw_chef_winterkorn_erklaert_names_the_speaker_of_the_quotation_before():
    r = _record(
        "Der Konzern wächst. „Wir wollen unsere Produktion enger verzahnen“, hatte VW-Chef Winterkorn in einem Interview erklärt."
    )
    s = _statement(r, "enger verzahnen", "direct_quote")
    assert _speaker(s) == "VW-Chef Winterkorn"
    assert s.trace[0].rule == "quote_before_auxiliary_frame"


def test_es_drohe_ein_wettruesten_hatte_obama_gesagt_is_obamas_indirect_speech():
    r = _record("Es drohe ein Wettrüsten, hatte Obama bei seinem Treffen in Moskau gesagt.")
    s = _statement(r, "Es drohe ein Wettrüsten", "indirect_speech")
    assert _speaker(s) == "Obama"
    assert not any(st.speaker is not None and "Wettrüsten" in st.speaker.text for st in r.statements)


def test_liess_ein_sprecher_verlauten_names_the_speaker_of_the_quotation_before():
    r = _record(
        "Der Fonds schweigt. „Wir unterstützen Griechenland dabei, die Schwierigkeiten zu überwinden“, ließ "
        "ein Sprecher aus Washington verlauten."
    )
    s = _statement(r, "Wir unterstützen", "direct_quote")
    assert _speaker(s) == "ein Sprecher aus Washington"


def test_wird_der_franzose_im_fachblatt_zitiert_is_the_one_quoted():
    r = _record(
        "Todt stellt sich vor seinen Piloten: „Schumacher ist immer noch der Meister. Die Schuld liegt bei "
        "uns“ wird der Franzose im Fachblatt „La Gazzetta dello Sport“ zitiert."
    )
    s = _statement(r, "Schumacher ist immer noch", "direct_quote")
    assert _speaker(s) == "der Franzose"


def test_schutzklauseln_wie_sie_das_gesetz_enthaelt_hat_das_gericht_erklaert_is_no_speech():
    r = _record("Schutzklauseln, wie sie das Gesetz enthält, hat das Gericht nur selten für zulässig erklärt.")
    assert not any(s.kind == "direct_quote" for s in r.statements)


def test_ging_celebi_die_anwaeltin_der_frau_davon_aus_passes_over_the_apposition():
    r = _record("Zu dieser Zeit ging Celebi, die Anwältin der Frau, noch davon aus, dass der Haftbefehl vollstreckt würde.")
    s = _statement(r, "dass der Haftbefehl", "indirect_speech")
    assert _speaker(s) == "Celebi"


def test_nach_angaben_der_veranstalter_die_polizei_spricht_von_are_two_claims():
    r = _record("Nach Angaben der Veranstalter demonstrierten 7.000 Menschen, die Polizei spricht von 4.000 Teilnehmern.")
    first = _statement(r, "demonstrierten 7.000 Menschen", "reported")
    second = _statement(r, "die Polizei spricht", "reported")
    assert _speaker(first) == "der Veranstalter" and "Polizei" not in first.text
    assert _speaker(second) == "die Polizei"
    assert "report_before_other_speaker" in _rules(first) and "article_not_relative" in _rules(second)


def test_nach_zeugenaussagen_hatten_sich_die_vorwuerfe_nicht_bestaetigt_rests_on_the_witnesses():
    r = _record("Nach Zeugenaussagen hatten sich die Vorwürfe gegen den Spieler nicht bestätigt.")
    s = _statement(r, "die Vorwürfe", "reported")
    assert _speaker(s) == "Zeugenaussagen"


def test_ihrer_meinung_nach_is_the_view_of_the_last_speaker():
    r = _record("Wieland kritisierte das Gesetz. Die Verhältnismäßigkeit der Mittel sei ihrer Meinung nach nicht mehr gewahrt.")
    s = _statement(r, "Verhältnismäßigkeit", "reported")
    assert _speaker(s) == "ihrer Meinung"
    assert [src.name for src in s.sources][-1] == "Wieland"
    assert "opinion_postposition" in _rules(s) and "possessive_opinion_of_last_speaker" in _rules(s)


def test_dem_vernehmen_nach_is_an_anonymous_report_without_its_frame():
    r = _record("Dem Vernehmen nach soll Gerhardt sein Amt noch bis zum Frühjahr ausüben.")
    s = _statement(r, "Gerhardt", "reported")
    assert s.text.startswith("soll Gerhardt")
    assert _speaker(s) == "Dem Vernehmen" and s.speaker.anonymous


def test_dass_sie_grosse_angst_hatte_is_indirect_speech_with_a_quotation():
    r = _record("Die Anwältin Gülsen Celebi gab an, dass sie „große Angst hatte“.")
    s = _statement(r, "dass sie", "indirect_speech")
    q = _statement(r, "„große Angst hatte“", "direct_quote")
    assert _speaker(s) == _speaker(q) == "Die Anwältin Gülsen Celebi"
    assert "quotation_with_own_words" in _rules(s)


def test_ganz_besonders_sorgfaeltig_in_lower_case_is_a_quotation_not_a_name():
    r = _record("Der Fall wird nach Angaben der Staatsanwaltschaft „ganz besonders sorgfältig“ geprüft.")
    s = _statement(r, "„ganz besonders sorgfältig“", "direct_quote")
    assert _speaker(s) == "der Staatsanwaltschaft"


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ("Die Polizei geht von Suizid aus.", "Suizid", "Die Polizei"),
        ("Der Verfassungsschutz hält die Liste für unbedenklich.", "unbedenklich", "Der Verfassungsschutz"),
        ("Experten sehen darin den ersten Schritt zur Unabhängigkeit.", "ersten Schritt", "Experten"),
        ("Die Behörden werfen dem Mann Menschenhandel vor.", "Menschenhandel", "Die Behörden"),
    ],
)
def test_die_polizei_geht_von_suizid_aus_is_reported_with_the_word_the_verb_needs(text, fragment, speaker):
    s = _statement(_record(text), fragment, "reported")
    assert _speaker(s) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Shelby hält seit 2007 den Weltrekord.",
        "Er sprach am Abend mit den Eltern.",
        "Die Innenministerin hält daran fest, die Eingriffe im Ministerium kontrollieren zu lassen.",
        "Die Regierungen ergriffen Maßnahmen, um den Obdachlosen Möglichkeiten zum Wärmen zu geben.",
    ],
)
def test_shelby_haelt_den_weltrekord_without_its_word_is_no_speech(text):
    assert all(s.kind == "asserted" for s in _record(text).statements)


def test_die_regierung_bat_um_hilfe_um_zu_versorgen_a_purpose_is_not_what_was_said():
    r = _record("Die Regierung bat die Nachbarländer um Hilfe, um die Flüchtlinge zu versorgen.")
    assert not any(s.kind == "indirect_speech" and s.text.startswith("um ") for s in r.statements)


def test_der_beschluss_sieht_vor_dass_is_what_the_decision_says():
    r = _record("Der Beschluss sieht vor, dass eine Versammlung über die Kandidaten entscheidet.")
    s = _statement(r, "dass eine Versammlung", "indirect_speech")
    assert _speaker(s) == "Der Beschluss"


def test_bisher_habe_die_regierung_eine_zentrale_datei_ausgeschlossen_keeps_its_auxiliary():
    r = _record("Bisher habe die Regierung eine „zentrale Referenzdatei“ ausgeschlossen.")
    s = _statement(r, "Bisher habe")
    assert s.kind == "indirect_speech" and s.trace[0].rule == "free_indirect_speech"


def test_die_linkspartei_auf_deren_listen_schloss_jede_koalition_aus_is_the_partys():
    r = _record(
        "Die Linkspartei, auf deren Listen auch Kandidaten der WASG kandidiert hatten, schloss jede "
        "Koalition mit anderen Fraktionen aus."
    )
    s = _statement(r, "Koalition", "reported")
    assert _speaker(s) == "Die Linkspartei"
    assert not any(st.kind == "direct_quote" for st in r.statements)


def test_so_heisst_es_in_der_meldung_von_con_energy_woertlich_frames_the_quotation():
    r = _record(
        "So heißt es in der Meldung auf der Homepage von „con energy“ wörtlich: „Ziel der Strategie ist "
        "eine optimale Vernetzung.“"
    )
    s = _statement(r, "Ziel der Strategie", "direct_quote")
    assert s.trace[0].rule == "colon_frame" and _speaker(s) == "der Meldung"


def test_so_charakterisierte_ihn_der_gewerkschafter_names_the_speaker_after_the_object():
    r = _record(
        "„Er ist die eiserne Hand in einem eisernen Handschuh“, so charakterisierte ihn der "
        "Gewerkschaftsfunktionär Bernard Aubin."
    )
    s = _statement(r, "eiserne Hand", "direct_quote")
    assert _speaker(s) == "der Gewerkschaftsfunktionär Bernard Aubin"


def test_wie_aus_unternehmenskreisen_verlautete_names_the_anonymous_source():
    r = _record("Wie aus Unternehmenskreisen verlautete, will die Volkswagen AG ihr Werk umrüsten.")
    s = _statement(r, "Werk umrüsten", "reported")
    assert _speaker(s) == "aus Unternehmenskreisen" and s.speaker.anonymous
    assert "source_in_wie_clause" in _rules(s)


def test_nach_informationen_vom_spaeten_abend_the_information_is_the_source():
    r = _record("Nach Informationen vom späten Abend wurden 31 Personen verletzt.")
    s = _statement(r, "31 Personen", "reported")
    assert s.text == "wurden 31 Personen verletzt"
    assert _speaker(s) == "Informationen vom späten Abend"


def test_plant_die_bundesregierung_aus_cdu_und_spd_zu_erweitern_and_inside_a_subject():
    r = _record("Trotz der Kritik plant die Bundesregierung aus CDU und SPD, die Befugnisse der Geheimdienste zu erweitern.")
    s = _statement(r, "die Befugnisse", "indirect_speech")
    assert _speaker(s) == "die Bundesregierung aus CDU und SPD"


# --- frames inside a sentence, negated cues, headline round-ups -----------------------------------------


def test_so_die_ministerin_the_main_clause_after_the_frame_is_hers_too():
    r = _record(
        "Das ist kein Zufall, dass wir so viele Lehrer verlieren, so Ministerin Anna Kessler, immer mehr "
        "Absolventen gehen nach Bayern, wo sie besser bezahlt werden."
    )
    s = _statement(r, "immer mehr Absolventen gehen nach Bayern")
    assert s.kind == "direct_quote" and s.speaker is not None and s.speaker.text == "Ministerin Anna Kessler"


def test_so_der_sprecher_am_montag_is_no_continuation():
    r = _record("Die Lage sei ruhig, sagte der Polizeisprecher Jan Berg, am Montag der Lokalzeitung.")
    assert not any("am Montag der Lokalzeitung" == s.text for s in r.statements)


def test_der_grund_so_vermutet_die_zeitung_duerfte_is_one_clause_not_two():
    r = _record("Der Grund für die Absage, so vermutet die Zeitung, dürfte der Streit um das Budget gewesen sein.")
    assert not any(s.text.startswith("dürfte") for s in r.statements)


def test_der_bericht_erklaert_nicht_warum_says_nothing():
    r = _record("Der Abschlussbericht ist lückenhaft und erklärt nicht, warum die Brücke eingestürzt ist.")
    assert not any(s.speaker is not None and "Abschlussbericht" in s.speaker.text for s in r.statements)


def test_headline_dash_buergermeisterin_lang_colon_quotation_is_hers():
    r = _record('Stadt sucht neuen Stadtrat – Bürgermeisterin Lang: "Wir brauchen jetzt Ruhe". Der Stadtrat tagt am Montag.')
    s = _statement(r, "Wir brauchen jetzt Ruhe", "direct_quote")
    assert s.speaker is not None and s.speaker.text == "Bürgermeisterin Lang"


def test_wies_dies_als_frechheit_zurueck_quotes_the_landrat():
    r = _record(
        "Der Bürgermeister hatte dem Landrat Untätigkeit vorgeworfen. Der Landrat Peter Vogt wies dies am Rande "
        "einer Sitzung in Bad Kissingen als „Frechheit“ zurück."
    )
    s = _statement(r, "Frechheit", "direct_quote")
    assert s.speaker is not None and s.speaker.text == "Der Landrat Peter Vogt"
    assert s.trace[0].rule == "label_after_als"


def test_galt_als_eiserne_lady_is_no_quote_of_anyone():
    r = _record("Die Ministerin galt lange als „Eiserne Lady“ der Partei.")
    assert not any(s.kind == "direct_quote" and s.speaker is not None for s in r.statements)


def test_der_als_sonnenwind_bezeichnet_wird_passive_has_no_speaker():
    r = _record("Der Verlust entsteht durch den Teilchenstrom, der von der Sonne ausgeht und als „Sonnenwind“ bezeichnet wird.")
    assert not any(s.kind == "direct_quote" and s.speaker is not None for s in r.statements)


# --- narration that is no statement (VERSION 7) -------------------------------------------------


def _attributed(record, fragment: str) -> list:
    return [s for s in record.statements if fragment in s.text and s.kind != "asserted"]


def test_der_verdacht_bestaetigte_sich_nicht_is_no_statement():
    r = _record(
        "Bei dem Festgenommenen bestätigte sich der Verdacht nicht. Die Elf behauptete sich gegen Schweden. "
        "Das neue System nennt sich Nova."
    )
    assert not _attributed(r, "bestätigte sich")
    assert not _attributed(r, "behauptete sich")
    assert not _attributed(r, "nennt sich")


def test_als_foehn_bezeichnet_man_einen_warmen_fallwind_is_no_statement():
    r = _record("Als Föhn bezeichnet man einen warmen Fallwind. Der Wirt, wie man ihn im Dorf nannte, schwieg.")
    assert not _attributed(r, "Föhn")
    assert not _attributed(r, "Der Wirt")


def test_er_hatte_das_jahr_2020_genannt_stays_reported():
    r = _record("Bei der ersten Ankündigung hatte Präsident Bush das Jahr 2020 genannt.")
    assert _attributed(r, "das Jahr 2020")


def test_die_firma_gab_den_kaufpreis_nicht_bekannt_is_no_statement():
    r = _record("Die Firma gab den Kaufpreis nicht bekannt. Der Trainer äußerte sich dazu noch nicht.")
    assert not _attributed(r, "Kaufpreis")
    assert not _attributed(r, "äußerte sich")


def test_der_minister_aeusserte_sich_nicht_nur_zur_steuer_stays_reported():
    r = _record("Der Minister äußerte sich nicht nur zur Steuer kritisch.")
    assert _attributed(r, "Steuer")


def test_die_mitglieder_sollen_nun_ueber_den_vertrag_abstimmen_is_a_plan():
    r = _record("Die Mitglieder sollen nun über den Vertrag abstimmen. Der Täter soll nun geflohen sein.")
    assert not _attributed(r, "abstimmen")
    assert _attributed(r, "geflohen")


def test_eine_oft_kritisierte_regel_is_no_verb_of_saying():
    r = _record("Mit dem Gesetz fällt eine oft kritisierte Regel im Mietrecht.")
    assert not _attributed(r, "Regel")


# --- speaker-audit rules (VERSION 8) --------------------------------------------------------------


def test_der_vorstand_duerfte_die_zahlen_nicht_korrigieren_is_the_writers_own_hedge():
    r = _record("Der Sprecher sagte, die Bilanz sei solide. Der Vorstand dürfte die Zahlen trotzdem nicht korrigieren.")
    s = _statement(r, "Der Vorstand dürfte")
    assert s.kind == "asserted"


def test_die_preise_haetten_sich_verdoppelt_still_continues_the_speaker():
    r = _record("Der Sprecher sagte, die Bilanz sei solide. Die Preise hätten sich aber verdoppelt.")
    s = _statement(r, "Die Preise hätten")
    assert s.kind == "indirect_speech" and _speaker(s) == "Der Sprecher"


def test_ehrlich_gesagt_names_no_speaker():
    r = _record("Ehrlich gesagt bleibt nur eines: Wir müssen die Steuern senken.")
    s = _statement(r, "Wir müssen die Steuern senken")
    assert s.speaker is None or s.speaker.text != "Ehrlich"


def test_gefordert_wird_von_vielen_seiten_takes_not_the_participle_as_speaker():
    r = _record("Gefordert wird nun von vielen Seiten: Die Schulen müssten länger offen bleiben.")
    s = _statement(r, "Die Schulen müssten")
    assert s.speaker is None or s.speaker.text != "Gefordert"


def test_keinen_hehl_machte_die_ministerin_takes_not_the_object_as_speaker():
    r = _record("Keinen Hehl machte die Ministerin aus ihrem Ärger: Wir sind sehr enttäuscht.")
    s = _statement(r, "Wir sind sehr enttäuscht")
    assert s.speaker is None or "Hehl" not in s.speaker.text


def test_heisst_es_in_einer_aussendung_des_verbands_names_the_release():
    r = _record("Die Preise sollen im Herbst steigen, heißt es in einer Aussendung des Verbands.")
    s = _statement(r, "Die Preise sollen")
    assert _speaker(s) == "einer Aussendung des Verbands"


# --- held report cues, and "laut" with a noun of information ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "cue", "source"),
    [
        (
            "Nach Erhebungen des Statistischen Bundesamts ist die Zahl der Firmenpleiten gestiegen.",
            "ist die Zahl der Firmenpleiten",
            "Nach Erhebungen",
            "Statistisches Bundesamt",
        ),
        (
            "Im Oktober sind nach Zahlen der Bundesagentur für Arbeit weniger Menschen arbeitslos.",
            "weniger Menschen arbeitslos",
            "nach Zahlen",
            "Bundesagentur für Arbeit",
        ),
        (
            "Aus Sicht der Gewerkschaft Verdi ist der Tarifabschluss ein Erfolg.",
            "ist der Tarifabschluss ein Erfolg",
            "Aus Sicht",
            "Ver.di",
        ),
    ],
)
def test_nach_erhebungen_des_statistischen_bundesamts_is_reported_with_the_office_as_source(text, fragment, cue, source):
    s = _statement(_record(text), fragment, "reported")
    assert s.cue is not None and s.cue.text == cue
    assert [src.name for src in s.sources] == ["ntv.de", source]


@pytest.mark.parametrize(
    "text",
    [
        "Nach Zahlen von 2019 ist die Arbeitslosigkeit in der Region gestiegen.",
        "Nach Daten der vergangenen Jahre ist die Zahl der Unfälle gesunken.",
        "Aus Sicht der Technik ist das Projekt machbar.",
        "Die Polizei suchte nach Daten der Bundeswehr.",
        "Die Ermittler haben seit Wochen nach Zahlen der Bundeswehr gefragt.",
        "Die Suche nach Daten des Herstellers dauert an.",
    ],
)
def test_nach_zahlen_von_2019_names_no_source(text):
    r = _record(text)
    assert [s.kind for s in r.statements] == ["asserted"]
    assert [src.name for s in r.statements for src in s.sources] == ["ntv.de"]  # the outlet's own claim


def test_laut_einer_umfrage_des_digitalverbands_bitkom_is_cued_by_the_survey():
    r = _record("Laut einer Umfrage des Digitalverbands Bitkom nutzen zwei Drittel der Senioren das Internet.")
    s = _statement(r, "nutzen zwei Drittel", "reported")
    assert s.cue is not None and s.cue.text == "Laut einer Umfrage"
    assert _speaker(s) == "des Digitalverbands Bitkom"
    assert [src.name for src in s.sources] == ["ntv.de", "Bitkom"]


def test_laut_auskunft_leverkusens_keeps_laut_as_the_cue():
    # no holder after the noun in the genitive: "laut" is the cue and all after it the source, as before
    r = _record("Laut Auskunft Leverkusens ist der Spieler verletzt.")
    s = _statement(r, "ist der Spieler verletzt", "reported")
    assert s.cue is not None and s.cue.text == "Laut"


# --- the statements found so far: which may overlap the unit being read (attribution._Found) ---------------------


def test_found_statements_since_an_offset_are_all_that_end_after_it_in_the_order_found():
    from quellenlage.analyse.attribution import DraftStatement, _Found

    found = _Found()
    a, b, c = DraftStatement(0, 10, "asserted"), DraftStatement(10, 20, "asserted"), DraftStatement(20, 30, "asserted")
    for f in (a, b, c):
        found.append(f)
    found.retire(20)  # a and b end by 20: they overlap nothing from there on
    assert [id(f) for f in found.since(20)] == [id(c)]
    assert [id(f) for f in found.since(5)] == [id(a), id(b), id(c)]  # before the horizon: every one
    a.end = 25  # a statement that grows is asked again ("first_person_continues_speaker" extends the last quote)
    assert [id(f) for f in found.since(20)] == [id(a), id(c)]
    assert [id(f) for f in found.since(20, upto=2)] == [id(a)]  # among the first two
    twin = DraftStatement(20, 30, "asserted")
    found.append(twin)
    found.remove(DraftStatement(20, 30, "asserted"))  # list.remove's choice: the first equal one (c)
    assert [id(f) for f in found] == [id(a), id(b), id(twin)]
    assert [id(f) for f in found.since(20)] == [id(a), id(twin)]
    with pytest.raises(NotImplementedError):
        found.insert(0, c)
    plain = found.release()
    assert type(plain) is list and [id(f) for f in plain] == [id(a), id(b), id(twin)]
    a.start = 0  # released: no longer reported
    assert "_found" not in a.__dict__


def test_an_unclosed_quotation_at_the_end_after_a_reportive_soll_gives_a_record():
    # found by the fuzz test: the quoted-name rules read past the last word of an unclosed quotation
    record = quellenlage.analyze('Er soll…0"\x1b[31m')
    assert record.text.startswith("Er soll")
