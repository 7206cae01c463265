"""The attribution stage: who said what, on whose authority (named by German example)."""

from __future__ import annotations

import json

import pytest
from conftest import SEED_TXT, attributed_with_entities, shared

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


@pytest.mark.parametrize("quoted", ["»Wir kommen wieder«", "«Wir kommen wieder»", "„Wir kommen wieder“", '"Wir kommen wieder"',
                                    "‚Wir kommen wieder‘", "“Wir kommen wieder”"])
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


@pytest.mark.parametrize(("form", "previous", "following"), [
    ("nehme", "ich", ""),  # "ich nehme": indicative
    ("lange", "28", "Route"),  # "eine 28 Kilometer lange Route": an adjective
    ("eine", "", ""),
    ("sagte", "", ""),
    ("nimmt", "", ""),
])
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
    r = _record("Schon Ende Oktober trafen sich einem Bericht zufolge die beiden Gesandten. "
                "Dies berichtet das Nachrichtenportal Axios unter Berufung auf US-Beamte.")
    s = _statement(r, "trafen sich", "reported")
    assert s.speaker.anonymous and s.speaker.text == "einem Bericht"
    assert [src.name for src in s.sources] == ["ntv.de", "Axios", "US-Beamte"]


def test_einem_bericht_zufolge_with_two_outlets_stays_an_unnamed_report():
    r = _record("Schon Ende Oktober trafen sich einem Bericht zufolge die beiden Gesandten. "
                "Dies berichtet das Nachrichtenportal Axios. Wie Reuters schreibt, soll der Plan fertig sein.")
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
    r = _record("Die USA und Russland sollen heimlich Pläne schmieden. "
                "Dies berichtet das Nachrichtenportal Axios unter Berufung auf US-amerikanische und russische Beamte.")
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
    r = _record("Russland hat bislang stets auf Maximalforderungen beharrt: So solle die Ukraine ihre "
                "NATO-Bestrebungen aufgeben.")
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
    text = ("Kirill Dmitriew sagte, die Gespräche seien gut verlaufen. Der Kreml erklärte, man sei zufrieden. "
            "„Wir sind bereit“, sagte er.")
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
    for fragment in ["Er habe das Gefühl", "Moskaus Einfluss nehme zu.", "habe man nun das Gefühl",
                     "die US-Seite sei derzeit dabei", "Moskaus Einfluss nehme zu"]:
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
    for fragment in ["USA und Russland sollen Geheimgespräche führen", "sollen heimlich Pläne",
                     "sollen sich demnach", "soll aber weiterhin nicht zur Debatte", "soll der Plan vom Gaza-Deal",
                     "soll das für diesen Mittwoch"]:
        s = _statement(seed, fragment, "reported")
        assert s.hedged, fragment
        assert "Axios" in [src.name for src in s.sources], fragment
    chain = _statement(seed, "sollen heimlich Pläne", "reported").sources
    assert [src.name for src in chain] == ["ntv.de", "Axios", "US-amerikanische und russische Beamte"]


def test_seed_assertions_stay_assertions(seed):
    assert _statement(seed, "Russland hat bislang in Friedensgesprächen stets auf Maximalforderungen beharrt",
                      "asserted")
    assert _statement(seed, "Das geplante Treffen war am 25. Oktober von Trump abgesagt worden", "asserted")


# --- evaluation -------------------------------------------------------------------------------

def test_eval_quotes_reports_json_figures_on_wikinews_dev(cli):
    path = shared("quotes-wikinews/dev.jsonl.gz")
    proc = cli("eval", "quotes", path, "--limit", "20", "--format", "json", check=True)
    data = json.loads(proc.stdout_text)
    assert data["documents"] == 20
    assert data["quote_overlap"]["f1"] > 0.5
    assert {"Direct", "Indirect", "Reported"} <= set(data["per_type"])


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
        block = out[out.index(f"  {s.id} direct_quote"):]
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

    store = open_store(str(tmp_path / "cards.db"))
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
