"""Entities, one thing one name (issue 14): canonical names in the nominative, aliases of outlets,
agencies, parties, countries and clubs, junk that is no entity, and persons that are no places.

Named by German examples; rule tests give hand-made model spans (``entities(record, spans=…)``) so
they do not depend on what the NER model finds, only the word-class test asks the model's table.
"""

from __future__ import annotations

import pytest

import quellenlage
from quellenlage.analyse.entities import canonical_name, entities, head_gender, nominative


def analysed(text: str, spans: list[tuple[str, str]] | None = None, occurrence: int = 0):
    """The record of ``text`` with entities from hand-made spans (surface, type) at their first occurrence."""
    record = quellenlage.analyze(text)
    found = []
    for surface, kind in spans or []:
        start = text.index(surface)
        found.append((start, start + len(surface), kind))
    entities(record, spans=found)
    assert record.offset_problems() == []
    return record


def named(record) -> dict[str, tuple[str, list[str]]]:
    """Entity name → (type, mention texts)."""
    return {e.name: (e.type, [m.text for m in e.mentions]) for e in record.entities}


# -- canonical names in the nominative -------------------------------------------------------


def test_der_deutschen_bank_is_named_deutsche_bank():
    record = analysed("Der Vorstand der Deutschen Bank trat zurück.", [("Deutschen Bank", "ORG")])
    assert named(record)["Deutsche Bank"] == ("ORG", ["Deutschen Bank"])


def test_deutsche_bank_and_der_deutschen_bank_are_one_entity():
    text = "Die Deutsche Bank zahlt. Der Chef der Deutschen Bank schweigt."
    record = analysed(text, [("Deutsche Bank", "ORG")])
    assert named(record)["Deutsche Bank"] == ("ORG", ["Deutsche Bank", "Deutschen Bank"])


def test_des_kreises_vulkaneifel_is_named_kreis_vulkaneifel():
    record = analysed("Der Landrat des Kreises Vulkaneifel sprach.", [("Kreises Vulkaneifel", "LOC")])
    assert named(record)["Kreis Vulkaneifel"] == ("LOC", ["Kreises Vulkaneifel"])


def test_des_landgerichts_koblenz_is_named_landgericht_koblenz():
    record = analysed("Ein Sprecher des Landgerichts Koblenz bestätigte das.", [("Landgerichts Koblenz", "ORG")])
    assert "Landgericht Koblenz" in named(record)


def test_des_bundesverfassungsgerichts_is_the_bundesverfassungsgericht():
    record = analysed("Das Urteil des Bundesverfassungsgerichts fiel deutlich aus.", [])
    assert named(record)["Bundesverfassungsgericht"] == ("ORG", ["Bundesverfassungsgerichts"])


@pytest.mark.parametrize(
    "name, before, nominative_form",
    [
        ("Deutschen Bundestages", "des", "Deutscher Bundestag"),
        ("Zweiten Weltkriegs", "des", "Zweiter Weltkrieg"),
        ("Deutschen Museums", "des", "Deutsches Museum"),
        ("Europäischen Zentralbank", "der", "Europäische Zentralbank"),
        ("Hinteren Bayerischen Wald", "im", "Hinterer Bayerischer Wald"),
        ("Freien Wähler", "der", "Freie Wähler"),  # head not listed: only -en folds
        ("Instituts für Weltwirtschaft", "des", "Institut für Weltwirtschaft"),
        ("Deutschen Fußball-Bundes", "des", "Deutscher Fußball-Bund"),
        ("Neuen Zürcher Zeitung", "der", "Neue Zürcher Zeitung"),
    ],
)
def test_des_deutschen_bundestages_and_other_names_in_the_nominative(name, before, nominative_form):
    assert nominative(name, before) == nominative_form


@pytest.mark.parametrize("name", ["Paris", "Mavs", "Mercedes", "Los Angeles", "Klaus"])
def test_paris_and_mavs_keep_their_s_after_des(name):
    assert nominative(name, "des") == name


def test_deutsches_museum_and_deutscher_bundestag_keep_their_strong_ending():
    assert nominative("Deutsches Museum", "das") == "Deutsches Museum"
    assert nominative("Deutscher Bundestag", "") == "Deutscher Bundestag"


def test_leipziger_volkszeitung_keeps_the_place_adjective():
    assert nominative("Leipziger Volkszeitung", "der") == "Leipziger Volkszeitung"


def test_head_gender_reads_the_name_heads_table():
    assert [head_gender(w) for w in ("Bundestag", "Zentralbank", "Landgericht", "Emirate", "Vulkaneifel")] == [
        "m",
        "f",
        "n",
        "pl",
        None,
    ]


# -- one thing, one entity: outlets, agencies, countries, parties, clubs ----------------------


def test_dpa_and_deutsche_presse_agentur_are_one_entity():
    text = "Das sagte der Minister der Deutschen Presse-Agentur. Die dpa fragte nach."
    record = analysed(text, [])
    assert named(record)["dpa"] == ("ORG", ["Deutschen Presse-Agentur", "dpa"])


def test_welt_tagged_org_is_the_outlet_die_welt():
    record = analysed("Wie die Welt berichtet, ist der Plan gescheitert.", [("Welt", "ORG")])
    assert named(record)["Die Welt"][0] == "ORG"


def test_us_usa_and_vereinigte_staaten_are_one_country():
    text = "Die US und Russland verhandeln. Die Vereinigten Staaten lehnen ab. Die USA schweigen."
    record = analysed(text, [("US", "ORG")])
    assert named(record)["USA"] == ("LOC", ["US", "Vereinigten Staaten", "USA"])


def test_us_praesident_and_us_beamte_are_no_mentions_of_the_usa():
    record = analysed("US-Präsident Donald Trump und US-Beamte reisten ab.", [("Donald Trump", "PER")])
    assert "USA" not in named(record)


def test_die_union_alone_is_cdu_csu():
    record = analysed("Die Union will das Gesetz nicht mittragen.", [])
    assert named(record)["CDU/CSU"] == ("ORG", ["Union"])


def test_die_union_is_cdu_csu_where_the_csu_is_named():
    record = analysed("Die CSU drängt, doch die Union zögert.", [])
    assert named(record)["CDU/CSU"] == ("ORG", ["Union"])


def test_die_union_is_the_eu_where_only_the_eu_is_named():
    record = analysed("Die EU-Kommission legte den Plan vor. Die Union will bis 2030 klimaneutral sein.", [])
    assert named(record)["EU"][1][-1] == "Union"
    assert "CDU/CSU" not in named(record)


def test_die_union_after_the_afrikanische_union_is_the_afrikanische_union():
    record = analysed("Die Afrikanische Union verhängte Sanktionen. Die Union fordert Wahlen.", [("Afrikanische Union", "ORG")])
    assert named(record)["Afrikanische Union"] == ("ORG", ["Afrikanische Union", "Union"])


def test_unionsparteien_are_cdu_csu():
    assert named(analysed("Die Unionsparteien legten zu.", []))["CDU/CSU"] == ("ORG", ["Unionsparteien"])


@pytest.mark.parametrize("party, canonical", [("Grünen", "Die Grünen"), ("Linken", "Die Linke"), ("Linkspartei", "Die Linke")])
def test_die_gruenen_and_die_linken_are_parties(party, canonical):
    record = analysed(f"Die Koalition mit den {party} hält.", [])
    assert named(record)[canonical] == ("ORG", [party])


def test_bvb_borussia_dortmund_and_dortmund_are_one_club_in_a_sports_article():
    text = "Der BVB gewann 3:1. Borussia Dortmund führt die Tabelle an. Dortmund traf zweimal. Die Fans feierten in Dortmund."
    record = analysed(text, [("Borussia Dortmund", "ORG"), ("Dortmund", "LOC")])
    club = named(record)["Borussia Dortmund"]
    assert club == ("ORG", ["BVB", "Borussia Dortmund", "Dortmund"])
    assert named(record)["Dortmund"] == ("LOC", ["Dortmund"])  # "in Dortmund": the city


def test_gegen_bayern_in_a_sports_article_is_the_club():
    record = analysed("Der BVB verlor gegen Bayern. In Bayern regnete es.", [])
    assert named(record)["FC Bayern München"] == ("ORG", ["Bayern"])
    assert named(record)["Bayern"] == ("LOC", ["Bayern"])


def test_dortmund_without_a_club_is_the_city():
    record = analysed("Dortmund baut eine neue Brücke.", [])
    assert named(record)["Dortmund"][0] == "LOC"


def test_borussias_sportdirektor_is_the_borussia_named_in_the_article():
    text = "Borussia Mönchengladbach siegte. Borussias Sportdirektor lobte das Team."
    record = analysed(text, [("Borussia Mönchengladbach", "ORG")])
    assert named(record)["Borussia Mönchengladbach"] == ("ORG", ["Borussia Mönchengladbach", "Borussias"])


def test_canonical_name_of_a_table_alias():
    assert canonical_name("Deutschen Presse-Agentur") == "dpa"
    assert canonical_name("Vereinigten Staaten", kind="LOC") == "USA"
    assert canonical_name("Bundesrepublik Deutschland", kind="LOC") == "Deutschland"


# -- junk: no entity --------------------------------------------------------------------------


def test_alu_and_pfosten_tagged_by_the_model_are_no_entities():
    record = analysed("Der Schuss ging ans Alu, dann an den Pfosten.", [("Alu", "ORG"), ("Pfosten", "LOC")])
    assert record.entities == []


def test_stahl_tagged_misc_is_no_entity_but_the_thyssenkrupp_steel_ag_is():
    record = analysed("Der Preis für Stahl steigt, sagt die Thyssenkrupp Steel AG.", [("Stahl", "MISC")])
    assert "Stahl" not in named(record)


def test_mit_drei_siegen_is_no_place():
    record = analysed("Mit drei Siegen in Folge führt das Team.", [])
    assert record.entities == []


def test_premier_league_trainer_tagged_org_is_cut_to_the_league():
    record = analysed("Der Premier-League-Trainer lobte das Team.", [("Premier-League-Trainer", "ORG")])
    assert named(record)["Premier-League"] == ("ORG", ["Premier-League"])


def test_brasiliens_teamkicker_tagged_loc_is_brasilien():
    record = analysed("Brasiliens Teamkicker Neymar traf.", [("Brasiliens Teamkicker", "LOC"), ("Neymar", "PER")])
    assert named(record)["Brasilien"] == ("LOC", ["Brasiliens"])


# -- a person is no place ----------------------------------------------------------------------


def test_macron_tagged_loc_is_the_person_emmanuel_macron_named_before():
    text = "Emmanuel Macron kam. Das Treffen bei Macron war kurz."
    start = text.rindex("Macron")
    record = quellenlage.analyze(text)
    entities(record, spans=[(0, 15, "PER"), (start, start + 6, "LOC")])
    assert [e.type for e in record.entities] == ["PER"]


def test_macron_tagged_loc_beside_the_person_merz_is_a_person():  # a person joined by "und"
    record = analysed("Die Gespräche zwischen Merz und Macron dauerten an.", [("Merz", "PER"), ("Macron", "LOC")])
    assert named(record)["Macron"] == ("PER", ["Macron"])


def test_in_siegen_is_the_city():
    record = analysed("Das Spiel fand in Siegen statt.", [])
    assert named(record)["Siegen"][0] == "LOC"


def test_us_experten_tagged_org_is_no_entity_but_the_us_senat_is():
    record = analysed("US-Experten warnten den US-Senat.", [("US-Experten", "ORG"), ("US-Senat", "ORG")])
    assert list(named(record)) == ["US-Senat"]


def test_falter_journalistin_tagged_per_is_no_person():
    record = analysed("Die Falter-Journalistin fragte nach.", [("Falter-Journalistin", "PER")])
    assert record.entities == []


@pytest.mark.parametrize("word", ["Oppositionspartei", "Volkspartei", "Notenbank"])
def test_die_glaubwuerdigste_oppositionspartei_is_no_organisation_name(word):
    record = analysed(f"Wir wollen die glaubwürdigste {word} sein.", [])
    assert record.entities == []


# -- organisations: abbreviations, institutions, companies, places --------------------------


def test_general_motors_gm_is_one_entity_also_where_gm_stands_alone():
    text = "Dagegen gaben General Motors (GM) und Ford nach. Am Montag hatte sich GM geeinigt."
    record = analysed(text, [("General Motors", "ORG")])
    assert named(record)["General Motors"] == ("ORG", ["General Motors", "GM", "GM"])
    assert named(record)["Ford"][0] == "ORG"


def test_des_bundesamts_fuer_gesundheit_bag_is_one_entity_in_the_nominative():
    record = analysed("Ein Sprecher des Bundesamts für Gesundheit (BAG) bestätigte das.", [("Bundesamts für Gesundheit", "ORG")])
    assert named(record)["Bundesamt für Gesundheit"] == ("ORG", ["Bundesamts für Gesundheit", "BAG"])


def test_klaus_wowereit_spd_in_brackets_is_a_party_and_steiermark_gb_no_entity():
    record = analysed(
        "Klaus Wowereit (BSW) kam. Gröbming in der Steiermark (GB) hat ein Kennzeichen.", [("Klaus Wowereit", "PER")]
    )
    assert named(record)["BSW"] == ("ORG", ["BSW"])
    assert "GB" not in named(record)


def test_harrison_ford_is_a_person_not_the_carmaker():
    record = analysed("Harrison Ford spielte den Helden.", [("Harrison Ford", "PER")])
    assert list(named(record)) == ["Harrison Ford"]


def test_die_siemens_ag_keeps_its_legal_form_although_siemens_is_in_the_table():
    assert "Siemens AG" in named(analysed("Die Siemens AG baut Stellen ab.", []))


def test_buendnis_90_die_gruenen_tagged_org_keeps_its_whole_name():
    text = "Sie trat für Bündnis 90/Die Grünen an."
    record = analysed(text, [("Bündnis 90/Die Grünen", "ORG")])
    assert [m.text for e in record.entities for m in e.mentions] == ["Bündnis 90/Die Grünen"]


def test_die_republik_zypern_tagged_loc_is_zypern():
    record = analysed("Die Autorität der Republik Zypern endet dort.", [("Republik Zypern", "LOC")])
    assert named(record)["Zypern"] == ("LOC", ["Zypern"])


def test_die_staatsanwaltschaft_bayreuth_stays_an_organisation():
    record = analysed("Die Staatsanwaltschaft Bayreuth ermittelt.", [("Staatsanwaltschaft Bayreuth", "ORG")])
    assert named(record)["Staatsanwaltschaft Bayreuth"][0] == "ORG"


def test_der_elfenbeinkueste_tagged_org_is_the_country():
    record = analysed("Fans aus Polen und der Elfenbeinküste jubelten.", [("Elfenbeinküste", "ORG")])
    assert named(record)["Elfenbeinküste"][0] == "LOC"


def test_gegen_bremen_tagged_org_stays_the_club():
    record = analysed("Der Rückstand auf Bremen wächst.", [("Bremen", "ORG")])
    assert named(record)["Bremen"][0] == "ORG"


def test_die_schwabacher_strasse_tagged_org_is_a_street():
    record = analysed("Sie flüchteten die Schwabacher Straße entlang.", [("Schwabacher Straße", "ORG")])
    assert named(record)["Schwabacher Straße"][0] == "LOC"


def test_die_marksburg_tagged_loc_is_a_place_not_a_common_noun():
    record = analysed("Hier wurde die Marksburg errichtet.", [("Marksburg", "LOC")])
    assert named(record)["Marksburg"][0] == "LOC"


# -- VERSION 8: descriptor nouns before a name, buildings -------------------------------------


def test_die_zeitung_le_figaro_is_le_figaro_without_the_descriptor():
    record = analysed("Die Zeitung Le Figaro berichtete am Montag über den Streik.", [("Zeitung Le Figaro", "ORG")])
    assert named(record)["Le Figaro"] == ("ORG", ["Le Figaro"])


def test_des_handelsverbandes_hde_is_hde_genitive_compound_descriptor():
    record = analysed("Der Chef des Handelsverbandes HDE warnte vor Engpässen.", [("Handelsverbandes HDE", "ORG")])
    assert named(record)["HDE"] == ("ORG", ["HDE"])


def test_des_zweitligisten_sv_sandhausen_is_the_club_without_the_descriptor():
    record = analysed("Der Trainer des Zweitligisten SV Sandhausen lobte die Abwehr.", [("Zweitligisten SV Sandhausen", "ORG")])
    assert named(record)["SV Sandhausen"] == ("ORG", ["SV Sandhausen"])


def test_verband_ostdeutscher_baecker_keeps_its_noun_before_an_adjective():
    record = analysed("Der Verband Ostdeutscher Bäcker tagte in Erfurt.", [("Verband Ostdeutscher Bäcker", "ORG")])
    assert named(record)["Verband Ostdeutscher Bäcker"][0] == "ORG"


def test_die_agentur_blauwerk_media_tagged_per_is_an_organisation():
    record = analysed("Die Agentur Blauwerk Media gewann den Etat.", [("Agentur Blauwerk Media", "PER")])
    assert named(record)["Blauwerk Media"] == ("ORG", ["Blauwerk Media"])


def test_beim_streamingdienst_deezer_the_name_after_the_noun_is_an_organisation():
    record = analysed("Das Lied lief zuerst beim Streamingdienst Deezer.", [])
    assert named(record)["Deezer"][0] == "ORG"


def test_die_regierungsparteien_vorschlaege_plural_noun_introduces_no_name():
    record = analysed("Am Abend legten die Regierungsparteien Vorschläge vor.", [])
    assert "Vorschläge" not in named(record)


def test_die_dortmunder_westfalenhalle_tagged_org_is_a_building():
    record = analysed("Das Konzert in der Dortmunder Westfalenhalle war ausverkauft.", [("Dortmunder Westfalenhalle", "ORG")])
    assert named(record)["Dortmunder Westfalenhalle"][0] == "LOC"


def test_die_red_bull_arena_is_the_building_not_the_firm_inside_it():
    record = analysed("Das Spiel in der Red Bull Arena begann pünktlich.", [("Red Bull Arena", "ORG")])
    assert named(record)["Red Bull Arena"][0] == "LOC"
    assert "Red Bull" not in named(record)


def test_in_die_politische_arena_the_bare_head_is_no_building():
    record = analysed("Nach der Pause kehrte sie in die politische Arena zurück.", [("Arena", "ORG")])
    assert named(record).get("Arena", ("ORG",))[0] != "LOC"


def test_die_kommunalwahl_in_thueringen_tagged_org_is_no_organisation():
    record = analysed("Nach der Kommunalwahl in Thüringen beginnen die Gespräche.", [("Kommunalwahl in Thüringen", "ORG")])
    assert "Kommunalwahl in Thüringen" not in named(record)
    assert named(record)["Thüringen"][0] == "LOC"


def test_die_schlacht_um_monte_cassino_tagged_org_is_a_named_event():
    record = analysed("Er überlebte die Schlacht um Monte Cassino schwer verletzt.", [("Schlacht um Monte Cassino", "ORG")])
    assert named(record)["Schlacht um Monte Cassino"][0] == "MISC"


def test_die_franzoesische_revolution_tagged_org_is_a_named_event():
    record = analysed("Seit der Französischen Revolution gilt das Gesetz.", [("Französischen Revolution", "ORG")])
    assert [e.type for e in record.entities if "Revolution" in e.name] == ["MISC"]


def test_die_jugendauswahl_des_verbands_stays_a_team():
    record = analysed("Die Jugendauswahl Bayern gewann das Turnier.", [("Jugendauswahl Bayern", "ORG")])
    assert named(record)["Jugendauswahl Bayern"][0] == "ORG"


def test_der_spielwarenhersteller_brettwerk_tagged_per_is_the_firm():
    record = analysed("Der Spielwarenhersteller Brettwerk meldete am Montag Insolvenz an.", [("Brettwerk", "PER")])
    assert named(record)["Brettwerk"][0] == "ORG"


def test_die_partei_chefin_with_a_first_name_after_the_noun_stays_a_person():
    record = analysed("Die Partei Sahra Wagenknechts legte zu.", [("Sahra Wagenknechts", "PER")])
    assert [e.type for e in record.entities] == ["PER"]


def test_die_vomag_affaere_tagged_loc_is_the_firm_named_in_the_article():
    text = "Der Maschinenbauer Vomag steht unter Druck. Die Vomag-Affäre beschäftigt den Landtag."
    record = analysed(text, [("Vomag", "ORG"), ("Vomag-Affäre", "LOC")])
    assert named(record)["Vomag"][0] == "ORG"
    assert "Vomag-Affäre" not in named(record)


def test_die_canon_powershot_s95_tagged_org_with_a_type_code_is_a_product():
    record = analysed("Er fotografierte mit dem Canon Powershot S95 seines Bruders.", [("Canon Powershot S95", "ORG")])
    assert named(record)["Canon Powershot S95"][0] == "MISC"
    assert "Canon" not in named(record)


def test_fc_schalke_04_with_a_year_stays_a_club():
    record = analysed("Der FC Schalke 04 gewann am Samstag.", [("FC Schalke 04", "ORG")])
    assert named(record)["FC Schalke 04"][0] == "ORG"


def test_der_ligakonkurrent_lok_stendal_loses_the_descriptor():
    record = analysed("Am Sonntag empfängt der Ligakonkurrent Lok Stendal die Gäste.", [("Ligakonkurrent Lok Stendal", "ORG")])
    assert named(record)["Lok Stendal"][0] == "ORG"


def test_lokalrivale_alone_introduces_no_organisation():
    record = analysed("Sein Lokalrivale Meier gewann knapp.", [])
    assert named(record).get("Meier", ("PER",))[0] != "ORG"


def test_trencin_fk_tagged_loc_with_a_club_form_is_a_club():
    record = analysed("Er wechselte im Sommer zu Trenčín FK.", [("Trenčín FK", "LOC")])
    assert named(record)["Trenčín FK"][0] == "ORG"


def test_fernhill_records_tagged_per_ends_in_a_company_word():
    record = analysed("Das Album erschien bei Fernhill Records in London.", [("Fernhill Records", "PER")])
    assert named(record)["Fernhill Records"][0] == "ORG"


def test_der_autobauer_general_motors_keeps_the_descriptor_out_of_the_firm():
    record = analysed("Der Autobauer General Motors ruft Wagen zurück.", [("Motors", "ORG")])
    assert named(record)["General Motors"][0] == "ORG"


def test_die_blue_ridge_mountains_tagged_org_are_a_place():
    record = analysed("Sie wanderten durch die Blue Ridge Mountains nach Süden.", [("Blue Ridge Mountains", "ORG")])
    assert named(record)["Blue Ridge Mountains"][0] == "LOC"


def test_wall_street_tagged_org_stays_the_market():
    record = analysed("Die Wall Street schloss am Freitag fester.", [("Wall Street", "ORG")])
    assert named(record)["Wall Street"][0] == "ORG"


# --- after a blind review of VERSION 8 ----------------------------------------------------------------------------


def _typed(text: str) -> set[tuple[str, str]]:
    return {(e.type, e.name) for e in quellenlage.analyze(text, published="2025-11-19").entities}


def test_der_sk_sturm_is_a_club_not_a_tower():
    # a building head counts at a compound boundary only ("Fernsehturm"), and a club word keeps the club
    assert ("ORG", "SK Sturm") in _typed("Die Austria verlor am Sonntag gegen den SK Sturm mit 0:2.")


def test_das_chemieunternehmen_evonik_keeps_the_company():
    # "-unternehmen" is a singular head in -en, no plural that introduces no name
    assert ("ORG", "Evonik") in _typed("Das Chemieunternehmen Evonik senkte am Montag die Prognose.")


def test_radio_fm4_is_a_station_not_a_product():
    assert not [name for typ, name in _typed("Radio FM4 feiert am Samstag sein Jubiläum.") if typ == "MISC"]


def test_das_team_trumps_is_the_persons_team():
    assert not [name for typ, name in _typed("Das Team Trumps bereitet die Amtsübernahme vor.") if typ == "ORG"]
