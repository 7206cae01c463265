"""Who speaks: the speaker rules and the link rules (analyse/speakers.py), named by German example."""

from __future__ import annotations

import pytest
from conftest import attributed_with_entities

import quellenlage
from quellenlage.analyse import attribution, speakers


def _record(text: str):
    return quellenlage.analyze(text, outlet="ntv.de")




def _statement(record, fragment: str, kind: str | None = None):
    hits = [s for s in record.statements if fragment in s.text and (kind is None or s.kind == kind)]
    assert hits, f"no {kind or ''} statement with {fragment!r}: {[(s.kind, s.text) for s in record.statements]}"
    return hits[0]


def _rule(statement, decided: str) -> str | None:
    return next((t.rule for t in statement.trace if t.decided == decided), None)


# --- appositions and titles: the person, not the place or club beside it -------------------------------

def test_sagte_der_landrat_des_kreises_vulkaneifel_heinz_mueller_is_the_person():
    text = "„Die Brücke bleibt gesperrt“, sagte der Landrat des Kreises Vulkaneifel, Heinz Müller."
    r = attributed_with_entities(text, {"Kreises Vulkaneifel": "LOC", "Heinz Müller": "PER"})
    s = _statement(r, "Die Brücke bleibt gesperrt", "direct_quote")
    assert s.speaker.text == "der Landrat des Kreises Vulkaneifel, Heinz Müller"
    assert s.speaker.entity == "e2"
    assert s.sources[-1].name == "Heinz Müller"
    assert _rule(s, "entity") == "person_in_phrase"


def test_sagte_bayerns_vorstandschef_jan_christian_dreesen_is_not_the_club():
    text = "„Wir greifen wieder an“, sagte Bayerns Vorstandschef Jan-Christian Dreesen."
    r = attributed_with_entities(text, {"Bayerns": "LOC", "Jan-Christian Dreesen": "PER"})
    s = _statement(r, "Wir greifen wieder an", "direct_quote")
    assert s.speaker.entity == "e2"


def test_die_praesidentin_der_stiftung_ruth_weiss_sagte_before_the_cue_is_the_person():
    text = "Die Präsidentin der Stiftung Warentest, Ruth Weiß, sagte, die Preise seien gestiegen."
    r = attributed_with_entities(text, {"Stiftung Warentest": "ORG", "Ruth Weiß": "PER"})
    s = _statement(r, "die Preise seien gestiegen", "indirect_speech")
    assert "Ruth Weiß" in s.speaker.text and s.speaker.entity == "e2"


def test_ein_sprecher_von_kanzler_merz_is_not_merz():
    text = "Ein Sprecher von Kanzler Merz sagte, der Termin stehe."
    r = attributed_with_entities(text, {"Merz": "PER"})
    s = _statement(r, "der Termin stehe", "indirect_speech")
    assert s.speaker.entity != "e1"


# --- the interview and round-up format -----------------------------------------------------------

def test_lena_oberdorf_wolfsburg_colon_quotation_is_lena_oberdorfs():
    r = _record("Lena Oberdorf (Wolfsburg): „Wir haben verdient gewonnen.“")
    s = _statement(r, "Wir haben verdient gewonnen", "direct_quote")
    assert s.speaker.text == "Lena Oberdorf"
    assert _rule(s, "kind") == "name_colon_quote"


def test_trainer_christian_streich_colon_quotation_is_his():
    r = _record("Trainer Christian Streich: „Das war ein verdienter Sieg.“")
    assert _statement(r, "verdienter Sieg", "direct_quote").speaker.text == "Trainer Christian Streich"


def test_europapolitik_colon_is_no_speaker():
    r = _record("Europapolitik: Die Koalition will mehr Geld für Brüssel. „Das ist überfällig.“")
    assert all(s.speaker is None or s.speaker.text != "Europapolitik" for s in r.statements)


def test_im_gespraech_mit_dem_spiegel_hatte_die_ministerin_kritisiert_is_the_minister():
    r = _record("Im Gespräch mit dem „Spiegel“ hatte die Ministerin kritisiert, dass die Mittel fehlten.")
    s = _statement(r, "dass die Mittel fehlten", "indirect_speech")
    assert s.speaker.text == "die Ministerin"


def test_in_einem_interview_mit_der_bild_hat_klingbeil_bemaengelt_is_klingbeil():
    r = _record("In einem Interview mit der Zeitung „Bild“ hat Lars Klingbeil bemängelt, dass die Reform zu spät komme.")
    s = _statement(r, "dass die Reform zu spät komme", "indirect_speech")
    assert s.speaker.text == "Lars Klingbeil"


# --- a speaker denotes a person, a group, a body or a text ---------------------------------------

def test_nun_drohen_neue_streiks_has_no_speaker():
    r = _record("Nun drohen neue Streiks. Ersatzbusse seien bestellt.")
    assert all(s.speaker is None for s in r.statements)


def test_headline_ruecktritt_bestaetigt_has_no_speaker():
    r = _record("Rücktritt bestätigt")
    assert all(s.speaker is None for s in r.statements)


def test_headline_merkel_dementiert_is_merkels():
    r = attributed_with_entities("Merkel dementiert", {"Merkel": "PER"})
    assert r.statements[0].speaker is not None and r.statements[0].speaker.text == "Merkel"


def test_nach_vorlaeufigen_ermittlungen_hiess_es_is_not_the_findings():
    r = _record("Nach vorläufigen Ermittlungen sei der Fahrer zu schnell gewesen, hieß es.")
    s = _statement(r, "zu schnell gewesen")
    assert s.kind == "indirect_speech" and s.cue.text == "hieß"
    assert s.speaker is None or "Ermittlungen" not in s.speaker.text


def test_die_aeusserungen_hassemers_bezeichnete_wiefelspuetz_is_wiefelspuetz():
    text = "Die Äußerungen Hassemers bezeichnete Wiefelspütz als „Knaller aus Karlsruhe“."
    r = attributed_with_entities(text, {"Hassemers": "PER", "Wiefelspütz": "PER"})
    assert any(s.speaker is not None and s.speaker.text == "Wiefelspütz" for s in r.statements)


def test_naehere_einzelheiten_gab_er_nicht_bekannt_is_er():
    r = _record("Der Minister sprach in Berlin. Nähere Einzelheiten gab er nicht bekannt.")
    s = _statement(r, "Nähere Einzelheiten")
    assert s.speaker is not None and s.speaker.text == "er"


@pytest.mark.parametrize(("phrase", "kind"), [
    ("Regierungssprecherin", "person"), ("US-Beamte", "person"), ("Landespolizei", "body"),
    ("Innenministerium", "body"), ("Medienberichten", "source"), ("Anwohner", "person"), ("Sperrungen", None),
    ("Treffen", None), ("Vorrat", None),
])
def test_speaker_nouns_regierungssprecherin_landespolizei_but_not_sperrungen(phrase, kind):
    assert speakers.noun_class(phrase) == kind


# --- pronoun continuity: the last speaker, not the most prominent person -----------------------------

def test_fuegte_er_hinzu_after_a_fire_brigade_spokesman_is_the_spokesman():
    text = ("Landrätin Julia Gieseking sagte, die Lage sei ernst. Ein Feuerwehrsprecher ergänzte, der Brand sei "
            "unter Kontrolle. „Wir bleiben vor Ort“, fügte er hinzu.")
    r = attributed_with_entities(text, {"Julia Gieseking": "PER"})
    s = _statement(r, "Wir bleiben vor Ort", "direct_quote")
    assert s.speaker.text == "er" and s.speaker.entity is None
    assert s.sources[-1].name == "Ein Feuerwehrsprecher"
    assert _rule(s, "entity") == "pronoun_to_last_speaker"


def test_sagte_sie_after_the_city_spokeswoman_is_not_the_minister():
    text = ("Der Minister sagte, man prüfe den Fall. Die Sprecherin der Stadt sagte, die Schule bleibe geschlossen. "
            "„Wir informieren die Eltern“, sagte sie.")
    r = _record(text)
    s = _statement(r, "Wir informieren die Eltern", "direct_quote")
    assert s.sources[-1].name == "Die Sprecherin der Stadt"


def test_sagte_er_after_a_spokeswoman_goes_back_to_the_minister():
    text = "Der Minister sagte, man prüfe den Fall. Die Sprecherin sagte, es gebe keinen Termin. „Wir warten“, sagte er."
    r = _record(text)
    assert _statement(r, "Wir warten", "direct_quote").sources[-1].name == "Der Minister"


# --- more speaker rules ------------------------------------------------------------------------------

def test_von_den_behoerden_wird_angenommen_is_the_authorities():
    r = _record("Von den Behörden wird angenommen, dass Schmuggler den Brand gelegt hätten.")
    s = _statement(r, "dass Schmuggler", "indirect_speech")
    assert s.speaker.text == "den Behörden" and _rule(s, "speaker") == "passive_agent"


def test_wie_ein_sprecher_der_bahn_in_berlin_mitteilte_crosses_the_apposition():
    r = _record("Wie Jana Kluge, Sprecherin der Bahn, in Berlin mitteilte, fallen alle Züge aus.")
    s = _statement(r, "fallen alle Züge aus", "reported")
    assert s.speaker.text.startswith("Jana Kluge")


def test_zumal_die_verteidigerin_immer_wieder_betont_hatte_is_the_defender():
    r = _record("Das Gericht blieb hart, zumal die Verteidigerin immer wieder betont hatte, der Angeklagte sei krank.")
    assert _statement(r, "der Angeklagte sei krank", "indirect_speech").speaker.text == "die Verteidigerin"


def test_der_gemeinderat_der_vorschlug_is_the_relative_pronoun_linked_to_its_antecedent():
    text = "Der Antrag kam von der Linken, die vorschlug, die Gebühren zu senken."
    r = attributed_with_entities(text, {"Linken": "ORG"})
    s = _statement(r, "die Gebühren zu senken", "indirect_speech")
    assert s.speaker.text == "die" and s.speaker.entity == "e1"


# --- every rule says what it does -----------------------------------------------------------------------

@pytest.mark.parametrize("rule", [*speakers.SPEAKER_RULES, *speakers.LINK_RULES, *attribution.UNIT_RULES,
                                  *attribution.CONTENT_RULES], ids=lambda f: f.__name__)
def test_every_rule_has_a_german_example_in_its_docstring(rule):
    doc = rule.__doc__ or ""
    assert doc.strip(), rule.__name__
    assert any(ch in doc for ch in "„“…") or any(w[:1].isupper() for w in doc.split()[:3]), rule.__name__


# --- descriptions and surnames: the person named before (LINK_RULES) ------------------------------------

def test_der_volvo_chef_is_the_person_introduced_as_volvo_chef():
    text = ("Volvo-Chef Håkan Samuelsson stellte am Montag die Pläne vor. "
            "„Wir sind offener für ein elektrisches Fahrzeug“, sagte der Volvo-Chef.")
    r = attributed_with_entities(text, {"Håkan Samuelsson": "PER"})
    s = _statement(r, "Wir sind offener", "direct_quote")
    assert s.speaker.text == "der Volvo-Chef" and s.speaker.entity == "e1"
    assert _rule(s, "entity") == "role_description_to_person"


def test_der_regisseur_is_the_one_introduced_as_us_kultregisseur():
    text = ("US-Kultregisseur Quentin Tarantino sammelt Kassetten. "
            "„Ich will etwas Festes in der Hand“, sagt der Regisseur.")
    r = attributed_with_entities(text, {"Quentin Tarantino": "PER"})
    s = _statement(r, "Ich will etwas Festes", "direct_quote")
    assert s.speaker.entity == "e1"


def test_das_stadtoberhaupt_is_the_one_named_with_stadtoberhaupt_in_apposition():
    text = ("Ignazio Marino, Stadtoberhaupt von Rom, steht unter Druck. "
            "„Ich bleibe im Amt“, erklärte das Stadtoberhaupt.")
    r = attributed_with_entities(text, {"Ignazio Marino": "PER"})
    s = _statement(r, "Ich bleibe im Amt", "direct_quote")
    assert s.speaker.entity == "e1"


def test_der_chef_stays_unlinked_when_two_chefs_were_introduced():
    text = ("Volvo-Chef Håkan Samuelsson traf BMW-Chef Oliver Zipse. "
            "„Wir reden über Batterien“, sagte der Chef.")
    r = attributed_with_entities(text, {"Håkan Samuelsson": "PER", "Oliver Zipse": "PER"})
    s = _statement(r, "Wir reden über Batterien", "direct_quote")
    assert s.speaker.entity is None


def test_die_psychotherapeutin_is_not_the_psychotherapeut():
    text = ("Psychotherapeut Max Berger leitet das Institut. "
            "„Kinder brauchen Zeit“, sagt die Psychotherapeutin.")
    r = attributed_with_entities(text, {"Max Berger": "PER"})
    s = _statement(r, "Kinder brauchen Zeit", "direct_quote")
    assert s.speaker.entity is None


def test_der_47_jaehrige_is_the_one_introduced_with_his_age():
    text = ("Trainer Peter Berg (47) und Sportdirektor Max Eberl trafen sich. "
            "„Wir bleiben ruhig“, sagte der 47-Jährige.")
    r = attributed_with_entities(text, {"Peter Berg": "PER", "Max Eberl": "PER"})
    s = _statement(r, "Wir bleiben ruhig", "direct_quote")
    assert s.speaker.entity == "e1"
    assert _rule(s, "entity") == "age_description_to_person"


def test_der_47_jaehrige_is_allison_who_opens_the_sentence_before():
    text = ("Allison, der mit Schumacher zusammenarbeitete, sieht Parallelen. "
            "„Beide geben nie auf“, sagt der 47-Jährige.")
    r = attributed_with_entities(text, {"Allison": "PER", "Schumacher": "PER"})
    s = _statement(r, "Beide geben nie auf", "direct_quote")
    assert s.speaker.entity == "e1"


def test_der_81_jaehrige_stays_unlinked_when_no_named_person_opens_the_sentence():
    text = ("Der Hausbesitzer machte widersprüchliche Aussagen über Feuerwehrchef Juan Chavez. "
            "Am Montag sagte der 81-Jährige, die Maus sei sofort tot gewesen.")
    r = attributed_with_entities(text, {"Juan Chavez": "PER"})
    s = _statement(r, "die Maus sei sofort tot gewesen", "indirect_speech")
    assert s.speaker.entity is None


def test_sagt_huth_is_peter_huth_named_before():
    text = "B.Z.-Chefredakteur Peter Huth hatte die Idee. „Orientierung ist der erste Schritt“, sagt Huth."
    r = attributed_with_entities(text, {"Peter Huth": "PER"})
    s = _statement(r, "Orientierung ist der erste Schritt", "direct_quote")
    assert s.speaker.text == "Huth" and s.speaker.entity == "e1"
    assert _rule(s, "entity") == "surname_to_person"


def test_sagt_huth_stays_unlinked_when_two_huths_were_named():
    text = "Peter Huth und Anna Huth hatten die Idee. „Orientierung ist der erste Schritt“, sagt Huth."
    r = attributed_with_entities(text, {"Peter Huth": "PER", "Anna Huth": "PER"})
    s = _statement(r, "Orientierung ist der erste Schritt", "direct_quote")
    assert s.speaker.entity is None


def test_margot_rest_christandls_rechtsanwaeltin_is_margot_rest_not_christandl():
    text = "„Die Klage lautet auf Unterlassung“, sagt Margot Rest, Christandls Rechtsanwältin."
    r = attributed_with_entities(text, {"Margot Rest": "PER", "Christandls": "PER"})
    s = _statement(r, "Die Klage lautet auf Unterlassung", "direct_quote")
    assert s.speaker.entity == "e1"


def test_er_after_a_quotation_is_not_the_person_named_inside_it():
    text = ("Teamchef Jean Todt lobt seinen Fahrer: „Schumacher ist immer noch der Meister.“ "
            "Er glaubt, dass das Team gestärkt sei.")
    r = attributed_with_entities(text, {"Jean Todt": "PER", "Schumacher": "PER"})
    s = _statement(r, "das Team gestärkt sei", "indirect_speech")
    assert s.speaker.text == "Er" and s.speaker.entity == "e1"


def test_der_us_kultregisseur_in_brackets_is_not_the_film():
    text = "„Ich kann mit Streaming nichts anfangen“, schreibt der US-Kultregisseur (Inglourious Basterds)."
    r = attributed_with_entities(text, {"Inglourious Basterds": "MISC"})
    s = _statement(r, "Ich kann mit Streaming nichts anfangen", "direct_quote")
    assert s.speaker.entity is None


def test_laut_einer_meldung_der_dpa_is_the_dpa_not_anonymous():
    r = _record("Laut einer Meldung der dpa könnten auch Altersheime den Drucker nutzen.")
    s = _statement(r, "Altersheime den Drucker nutzen")
    assert s.speaker.text == "einer Meldung der dpa"
    assert not s.speaker.anonymous
    assert _rule(s, "entity") == "outlet_name"
