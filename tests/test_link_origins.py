"""Independent origins of a story: reports, outlets, the sources they rest on, and who took it from whom."""

from __future__ import annotations

import json

from quellenlage.link import copies
from quellenlage.link.origins import Report, agency_credits, count, origin
from quellenlage.record import Dateline, Meta, Record, Source


def named(*names: str) -> tuple[Source, ...]:
    return tuple(Source(name=n) for n in names)


def unnamed(name: str, kind: str = "official") -> Source:
    return Source(name=name, anonymous=True, anonymous_kind=kind)


def report(article: str, outlet: str, *chain: Source, published: str | None = None, **kw) -> Report:
    return Report(article=article, outlet=outlet, published=published, chain=(Source(name=outlet), *chain), **kw)


def record(text: str, *, outlet: str = "zeit.de", agencies: list[str] | None = None, datelines=()) -> Record:
    return Record(
        id="a1", content_hash="h", meta=Meta(outlet=outlet, agencies=agencies or []), text=text, datelines=list(datelines)
    )


# --- one chain --------------------------------------------------------------------------------------


def test_laut_axios_unter_berufung_auf_us_beamte_ist_axios():
    o = origin((*named("ntv.de", "Axios"), unnamed("US-amerikanische und russische Beamte")), outlet="ntv.de")
    assert (o.name, o.anonymous) == ("Axios", False)
    assert o.chain == ("ntv.de", "Axios", "US-amerikanische und russische Beamte")


def test_kette_drei_tief_zeit_reuters_selenskyj_ist_selenskyj():
    o = origin(named("zeit.de", "Reuters", "Selenskyj"), outlet="zeit.de")
    assert o.name == "Selenskyj"
    counts = count([report("z1", "zeit.de", *named("Reuters", "Selenskyj"))])
    assert counts.tree == [
        {"name": "zeit.de", "children": [{"name": "Reuters", "children": [{"name": "Selenskyj", "children": []}]}]},
    ]


def test_eigene_behauptung_des_mediums_ist_das_medium():
    o = origin(named("tagesschau.de"), outlet="tagesschau.de")
    assert (o.name, o.anonymous) == ("tagesschau.de", False)


def test_eigene_behauptung_in_einer_dpa_meldung_ist_dpa():
    """ "Berlin (dpa) - Das Treffen ist abgesagt." printed by zeit.de: the agency's word, not zeit.de's."""
    assert origin(named("zeit.de"), outlet="zeit.de", agencies=["dpa/lrs"]).name == "dpa"
    assert (
        origin((*named("zeit.de"), unnamed("Diplomaten")), outlet="zeit.de", agencies=["dpa"]).name == "dpa: anonymous official"
    )


def test_deutsche_presse_agentur_und_dpa_sind_ein_ursprung():
    assert origin(named("taz.de", "Deutschen Presse-Agentur"), outlet="taz.de").name == "dpa"


# --- many reports -----------------------------------------------------------------------------------


def test_laut_axios_in_drei_medien_ist_ein_ursprung():
    counts = count(
        [
            report("n1", "ntv.de", *named("Axios"), unnamed("US-Beamte")),
            report("s1", "spiegel.de", *named("Axios")),
            report("f1", "faz.net", *named("Axios"), unnamed("aus dem Weißen Haus", "insider")),
        ]
    )
    assert (counts.reports, counts.outlets, counts.origins) == (3, 3, 1)
    assert [o.name for o in counts.origin_list] == ["Axios"]
    assert [root["children"][0]["name"] for root in counts.tree] == ["Axios", "Axios", "Axios"]


def test_us_beamte_bei_spiegel_zweimal_sind_einer_bei_faz_ein_anderer():
    counts = count(
        [
            report("s1", "spiegel.de", unnamed("ein US-Beamter"), published="2025-10-21T08:00+02:00"),
            report("s2", "spiegel.de", unnamed("US-Beamte"), published="2025-10-22T09:00+02:00"),
            report("f1", "faz.net", unnamed("US-Beamte"), published="2025-10-21T12:00+02:00"),
        ]
    )
    assert (counts.reports, counts.outlets, counts.origins) == (3, 2, 2)
    assert [(o.name, o.anonymous) for o in counts.origin_list] == [
        ("spiegel.de: anonymous official", True),
        ("faz.net: anonymous official", True),
    ]


def test_dpa_meldung_bei_zeit_und_ntv_ist_ein_ursprung_durch_die_quellenangabe():
    counts = count(
        [
            report("z1", "zeit.de", agencies=("dpa",), published="2025-10-21T10:00+02:00"),
            report("n1", "ntv.de", agencies=("Deutsche Presse-Agentur",), published="2025-10-21T10:05+02:00"),
            report("t1", "tagesschau.de", published="2025-10-21T11:00+02:00"),
        ]
    )
    assert (counts.reports, counts.outlets, counts.origins) == (3, 3, 2)
    assert [o.name for o in counts.origin_list] == ["dpa", "tagesschau.de"]
    assert counts.tree == [
        {"name": "zeit.de", "children": [{"name": "dpa", "children": []}]},
        {"name": "ntv.de", "children": [{"name": "dpa", "children": []}]},
        {"name": "tagesschau.de", "children": []},
    ]


DPA = """Budapest (dpa) - Das geplante Treffen zwischen US-Präsident Donald Trump und Kremlchef Wladimir Putin in Budapest ist vorerst abgesagt. Es gebe keine Pläne für ein Treffen in naher Zukunft, sagte ein Vertreter des Weißen Hauses am Dienstag.

Zuvor hatte ein Telefonat der Außenminister beider Länder keine Annäherung gebracht. Russland beharrt auf seinen Forderungen nach Gebietsabtretungen der Ukraine, die Kiew ablehnt. Ungarns Regierungschef Viktor Orbán hatte sich als Gastgeber angeboten und bereits mit den Vorbereitungen begonnen.

Trump hatte das Treffen in der vergangenen Woche nach einem Telefonat mit Putin angekündigt. Er wolle keine Zeit verschwenden, sagte der Präsident nun vor Journalisten. Der Kreml erklärte, die Vorbereitungen brauchten Zeit, ein genauer Termin habe nie festgestanden."""

NTV = """Gipfel in Budapest geplatzt

Das geplante Treffen zwischen US-Präsident Donald Trump und Kremlchef Wladimir Putin in Budapest ist vorerst abgesagt. Es gebe keine Pläne für ein Treffen in naher Zukunft, sagte ein Vertreter des Weißen Hauses am Dienstag.

Zuvor hatte ein Telefonat der Außenminister beider Länder keine Annäherung gebracht. Russland beharrt auf seinen Forderungen nach Gebietsabtretungen der Ukraine, die Kiew ablehnt. Ungarns Regierungschef Viktor Orbán hatte sich als Gastgeber angeboten und bereits mit den Vorbereitungen begonnen."""


def _with_copies(reports: list[Report], texts: dict[str, str]) -> list[Report]:
    """Fill ``copy_of`` from the near-duplicate texts, as a store does with its band keys."""
    found = copies.copies((r.article, copies.signature(texts[r.article])) for r in reports)
    return [Report(r.article, r.outlet, r.published, r.chain, r.agencies, found.get(r.article)) for r in reports]


def test_dpa_meldung_bei_zeit_und_ntv_ist_ein_ursprung_durch_den_fast_gleichen_text_ohne_quellenangabe():
    """zeit.de credits dpa, ntv.de prints the text under its own headline without a credit: one origin, dpa."""
    reports = _with_copies(
        [
            report("z1", "zeit.de", agencies=("dpa",), published="2025-10-21T18:00+02:00"),
            report("n1", "ntv.de", published="2025-10-21T18:20+02:00"),
        ],
        {"z1": DPA, "n1": NTV},
    )
    assert reports[1].copy_of == "z1"
    counts = count(reports)
    assert (counts.reports, counts.outlets, counts.origins) == (2, 2, 1)
    assert [o.name for o in counts.origin_list] == ["dpa"]
    assert counts.tree[1] == {"name": "ntv.de", "children": [{"name": "dpa", "children": []}]}


def test_kopie_ohne_jede_quellenangabe_ist_der_ursprung_des_ersten_abdrucks():
    """Neither credits an agency: the text is the outlet's that printed it first, its "Vertreter des Weißen
    Hauses" that outlet's unnamed source, in whichever order the reports come."""
    white_house = unnamed("ein Vertreter des Weißen Hauses")
    reports = [
        report("n1", "ntv.de", white_house, published="2025-10-21T18:20+02:00", copy_of="z1"),
        report("z1", "zeit.de", white_house, published="2025-10-21T18:00+02:00"),
    ]
    counts = count(reports)
    assert [o.name for o in counts.origin_list] == ["zeit.de: anonymous official"]
    assert counts.tree[1] == {
        "name": "ntv.de",
        "children": [{"name": "zeit.de", "children": [{"name": "ein Vertreter des Weißen Hauses", "children": []}]}],
    }


def test_zwei_ketten_in_einem_artikel_sind_ein_bericht():
    counts = count([report("z1", "zeit.de", *named("Axios")), report("z1", "zeit.de", *named("Kreml"))])
    assert (counts.reports, counts.outlets, counts.origins) == (1, 1, 2)
    assert json.loads(json.dumps(counts.to_dict()))["origin_list"][1]["name"] == "Kreml"


# --- agency credits ---------------------------------------------------------------------------------


def test_dpa_lrs_in_der_ortsmarke_ist_dpa():
    text = "Mainz (dpa/lrs) - Der Landtag hat am Dienstag den Haushalt beschlossen."
    line = Dateline(start=0, end=17, text="Mainz (dpa/lrs) -", places=["Mainz"], agencies=["dpa", "lrs"])
    assert agency_credits(record(text, datelines=[line])) == ["dpa"]


def test_deutsche_presse_agentur_in_der_autorenzeile_ist_dpa():
    assert agency_credits(record("Der Landtag hat den Haushalt beschlossen.", agencies=["Deutsche Presse-Agentur"])) == ["dpa"]


def test_unbekannte_agentur_in_der_autorenzeile_bleibt_wie_geschrieben():
    assert agency_credits(record("Peking meldet ein Wachstum von fünf Prozent.", agencies=["Xinhua"])) == ["Xinhua"]


def test_mit_material_von_dpa_und_afp_am_ende():
    text = "Der Landtag hat den Haushalt beschlossen.\n\nMit Material der Nachrichtenagenturen dpa und AFP."
    assert agency_credits(record(text)) == ["dpa", "AFP"]


def test_kuerzel_zeile_kry_dpa_und_reuters_jw():
    text = "Der Landtag hat den Haushalt beschlossen (Reuters/jW).\n\nkry/dpa"
    at = text.index("(Reuters/jW)")
    line = Dateline(start=at, end=at + 12, text="(Reuters/jW)", agencies=["Reuters", "jW"])
    assert agency_credits(record(text, datelines=[line])) == ["Reuters", "dpa"]


def test_eigener_text_ohne_agentur_und_laut_dpa_im_text_ist_keine_quellenangabe():
    """ "Laut dpa …" names a source of one statement (its chain), not the article's author."""
    text = "Das Treffen ist abgesagt.\n\nLaut dpa will der Kreml an den Vorbereitungen festhalten."
    assert agency_credits(record(text)) == []


def test_ortsmarke_aus_der_pipeline_wird_zur_quellenangabe():
    from quellenlage.api import analyze

    r = analyze("Mainz (dpa/lrs) - Die Landesregierung hat am Dienstag den Haushalt beschlossen.", outlet="zeit.de")
    assert agency_credits(r) == ["dpa"]


def test_jeder_volle_agenturname_fuehrt_auf_eine_agentur_der_kuerzeltabelle():
    """agency_names.tsv ("Deutsche Presse-Agentur", "lby") only names agencies that agencies.tsv knows by siglum."""
    from quellenlage.lang import de
    from quellenlage.lang.de import attribution_tables

    assert set(attribution_tables.agency_names().values()) <= set(de.agencies().values())


# --- voices of institutions ---------------------------------------------------------------------------------


def test_kremlsprecher_peskow_und_kremlberater_uschakow_sind_ein_ursprung_der_kreml():
    from quellenlage.link.origins import voice_of

    assert voice_of(["Kremlsprecher"]) == voice_of(["Kremlberater", "außenpolitischer Berater"]) == "Kreml"
    counted = count(
        [
            report("a1", "zeit.de", *named("Dmitri Peskow"), voices=(("Dmitri Peskow", "Kreml"),)),
            report("a2", "faz.net", *named("Juri Uschakow"), voices=(("Juri Uschakow", "Kreml"),)),
            report("a3", "welt.de", *named("Kreml")),
        ]
    )
    assert counted.origins == 1 and counted.origin_list[0].name == "Kreml"
    # the chain as written stays in the tree
    assert [n["children"][0]["name"] for n in counted.tree] == ["Dmitri Peskow", "Juri Uschakow", "Kreml"]


def test_kremlchef_putin_spricht_fuer_sich_und_zwei_haeuser_sind_keins():
    from quellenlage.link.origins import voice_of

    assert voice_of(["Kremlchef", "Präsident"]) is None
    assert voice_of(["Sprecherin des Weißen Hauses"]) == "Weißes Haus"
    assert voice_of(["stellvertretender Kremlsprecher"]) == "Kreml"
    assert voice_of(["Kremlsprecher", "Pentagon-Sprecher"]) is None  # two institutions: taken by name
    assert voice_of(["Sprecherin"]) is None and voice_of(["Kremlkritiker"]) is None


def test_drei_abdrucke_einer_dpa_meldung_mit_kremlberater_uschakow_sind_ein_ursprung_der_kreml():
    """One dpa text in three outlets: in zeit.de's copy the event rests on "Kremlberater Juri Uschakow", in
    the others (their first paragraph reworded) on the text itself. Copies of one text are one report of it:
    one origin, the source the text names."""
    reports = [
        report(
            "z1",
            "zeit.de",
            *named("Juri Uschakow"),
            agencies=("dpa",),
            published="2026-03-10T19:45+01:00",
            voices=(("Juri Uschakow", "Kreml"),),
        ),
        report("s1", "sueddeutsche.de", agencies=("dpa",), published="2026-03-10T19:52+01:00", copy_of="z1"),
        report("t1", "stuttgarter-zeitung.de", published="2026-03-10T20:30+01:00", copy_of="z1"),
    ]
    counts = count(reports)
    assert (counts.reports, counts.outlets, counts.origins) == (3, 3, 1)
    assert [o.name for o in counts.origin_list] == ["Kreml"]


def test_sie_sagte_ohne_aufgeloeste_person_ist_kein_benannter_ursprung():
    counts = count([report("h1", "handelsblatt.com", *named("sie"))])
    assert [(o.name, o.anonymous) for o in counts.origin_list] == [("handelsblatt.com: anonymous unknown", True)]
