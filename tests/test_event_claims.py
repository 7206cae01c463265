"""Claims: what each report says of an event, and the event's status derived from them (named by German example).

``fixtures/record_v1_seed.json`` is the seed article (``ntv-2025-11-19-geheimgespraeche.txt``) as the analysis
of schema v1 wrote it (events stage VERSION 12, before claims), kept unchanged to test reading old stored records.
"""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, SEED_TXT

import quellenlage
from quellenlage.analyse import event_claims
from quellenlage.analyse.pipeline import analyse
from quellenlage.read import read_text
from quellenlage.record import SCHEMA_ID, SCHEMA_V1, Claim, Record, Source, upgrade

WEDNESDAY = "2025-11-19T09:47+01:00"
V1_SEED = FIXTURES / "record_v1_seed.json"


def _record(text: str) -> Record:
    return quellenlage.analyze(text, outlet="ntv.de", published=WEDNESDAY)


def _only_event(record: Record):
    assert len(record.events) == 1, [(e.type, [m.text for m in e.mentions]) for e in record.events]
    return record.events[0]


def _chain(claim: Claim) -> list[str]:
    return [src.name for src in claim.sources]


def _entity_names(record: Record, ids: list[str]) -> set[str]:
    return {e.name for e in record.entities if e.id in ids}


# --- claims of one event ------------------------------------------------------------------------------------------


def test_kreml_bestaetigt_und_weisses_haus_dementiert_ist_ein_umstrittenes_treffen():
    record = _record(
        "Der Kreml bestätigte, dass sich Putin und Trump getroffen haben. "
        "Das Weiße Haus dementierte, dass sich die beiden getroffen hätten."
    )
    event = _only_event(record)
    assert event.type == "meeting"
    assert [(c.status, c.kind, _chain(c)) for c in event.claims] == [
        ("happened", "indirect_speech", ["ntv.de", "Kreml"]),
        ("denied", "indirect_speech", ["ntv.de", "Weißes Haus"]),
    ]
    assert [c.id for c in event.claims] == ["v1c1", "v1c2"]
    assert event.disputed
    assert event.status == "unknown"  # neither a fact the White House denies nor a denial the Kremlin contradicts
    assert event.confidence == "stated"


def test_laut_axios_soll_und_fand_in_miami_statt_sind_zwei_behauptungen_ueber_ein_treffen():
    record = _record("Laut Axios soll sich Witkoff am Montag mit Dmitrijew getroffen haben. Das Treffen fand in Miami statt.")
    event = _only_event(record)
    reported, asserted = event.claims
    assert (reported.kind, _chain(reported), reported.text, reported.sentence) == (
        "reported",
        ["ntv.de", "Axios"],
        "getroffen",
        0,
    )
    assert reported.statement is not None and reported.time is not None and reported.time.text == "Montag"
    assert "Dmitrijew" in _entity_names(record, reported.participants)
    assert (asserted.kind, asserted.hedged, _chain(asserted), asserted.text, asserted.sentence) == (
        "asserted",
        False,
        ["ntv.de"],
        "Treffen",
        1,
    )
    assert _entity_names(record, [asserted.place or ""]) == {"Miami"}
    assert asserted.time is None  # what this mention says: no time
    assert (event.status, event.disputed) == ("happened", False)


def test_laut_axios_soll_sich_getroffen_haben_ist_eine_vorsichtige_behauptung():
    record = _record("Laut Axios soll sich Witkoff am Montag mit Dmitrijew getroffen haben.")
    assert _only_event(record).claims[0].hedged


def test_wie_axios_berichtet_soll_sich_getroffen_haben_ist_eine_vorsichtige_behauptung():
    record = _record("Wie Axios berichtet, soll sich Witkoff am Montag mit Dmitrijew getroffen haben.")
    (claim,) = _only_event(record).claims
    assert (claim.kind, claim.hedged, _chain(claim)) == ("reported", True, ["ntv.de", "Axios"])


def test_ein_geplantes_und_dann_abgesagtes_treffen_hat_zwei_behauptungen_ohne_streit():
    record = _record(
        "Merz und Macron wollen sich am Freitag in Paris treffen. Das geplante Treffen wurde am Dienstag von Macron abgesagt."
    )
    event = _only_event(record)
    planned, cancelled = event.claims
    assert (planned.status, planned.ahead, planned.time and planned.time.value) == ("planned", True, "2025-11-21")
    assert _entity_names(record, planned.participants) == {"Merz", "Macron"}
    assert cancelled.status == "cancelled"
    assert cancelled.time is None  # "am Dienstag" is when it was called off: the status change's time
    assert [c.status for c in event.status_changes] == ["cancelled"]
    assert (event.status, event.disputed) == ("cancelled", False)


def test_ein_treffen_das_stattfand_und_das_der_kreml_dementiert_ist_umstritten():
    record = _record("Das Treffen von Putin und Trump fand am Montag in Genf statt. Der Kreml dementierte das Treffen.")
    event = _only_event(record)
    assert [(c.status, _chain(c)) for c in event.claims] == [("happened", ["ntv.de"]), ("denied", ["ntv.de", "Kreml"])]
    assert (event.status, event.disputed) == ("unknown", True)


def test_eine_quelle_die_erst_bestaetigt_und_dann_dementiert_streitet_nicht_mit_sich_selbst():
    record = _record("Der Kreml bestätigte das Treffen von Putin und Trump. Später dementierte der Kreml das Treffen.")
    event = _only_event(record)
    assert [(c.status, _chain(c)) for c in event.claims] == [("happened", ["ntv.de", "Kreml"]), ("denied", ["ntv.de", "Kreml"])]
    assert (event.status, event.disputed) == ("denied", False)


def test_ein_streik_im_konditional_macht_den_streik_nicht_ungeschehen():
    record = _record(
        "Die Gewerkschaft Verdi streikte am Montag. Falls die Arbeitgeber kein Angebot vorlegen, werde der Streik fortgesetzt."
    )
    event = _only_event(record)
    assert [c.status for c in event.claims] == ["happened", "hypothetical"]
    assert (event.status, event.disputed) == ("happened", False)


def test_nach_dem_treffen_sagte_trump_das_treffen_steht_im_eigenen_rahmen_des_mediums():
    record = _record('Nach dem Treffen mit Putin sagte Trump: "Es war ein gutes Gespräch."')
    meeting = next(e for e in record.events if e.type == "meeting")
    (claim,) = meeting.claims
    assert (claim.statement, claim.kind, _chain(claim)) == (None, "asserted", ["ntv.de"])


# --- the status from the claims -----------------------------------------------------------------------------------


def _claim(status: str, source: str = "ntv.de", confidence: str = "stated", ahead: bool = False) -> Claim:
    sources = [Source(name="ntv.de")] + ([Source(name=source)] if source != "ntv.de" else [])
    fields = {"status": status, "confidence": confidence, "ahead": ahead, "sources": sources}
    return Claim.model_validate(
        {"id": "v1c1", "kind": "asserted", "sentence": 0, "start": 0, "end": 7, "text": "Treffen", **fields}
    )


def test_das_geplante_treffen_und_am_montag_trafen_sich_ist_geschehen():
    assert event_claims.derive([_claim("planned", confidence="inferred"), _claim("happened")]) == ("happened", "stated", False)


def test_die_wahl_am_sonntag_wird_bleibt_geplant_auch_neben_einer_vergangenen_erwaehnung():
    assert event_claims.derive([_claim("planned", ahead=True), _claim("happened")]).status == "planned"


def test_planen_und_absagen_durch_verschiedene_quellen_ist_kein_streit():
    derived = event_claims.derive([_claim("planned", source="Weißes Haus"), _claim("cancelled", source="Kreml")])
    assert derived == ("cancelled", "stated", False)


def test_abgesagt_gegen_stattgefunden_aus_verschiedenen_quellen_ist_umstritten():
    derived = event_claims.derive(
        [_claim("cancelled", source="Veranstalter"), _claim("happened", source="Polizei", confidence="inferred")]
    )
    assert derived == ("unknown", "inferred", True)


def test_nur_hypothetische_erwaehnungen_bleiben_hypothetisch_und_keine_bleibt_unbekannt():
    assert event_claims.derive([_claim("hypothetical"), _claim("hypothetical", source="Kreml")]).status == "hypothetical"
    assert event_claims.derive([]) == ("unknown", "unknown", False)


def test_der_status_jedes_ereignisses_des_seeds_folgt_aus_seinen_behauptungen():
    record = analyse(read_text(SEED_TXT.read_text(encoding="utf-8")))
    assert record.events
    for event in record.events:
        assert len(event.claims) >= 1
        assert event_claims.derive(event.claims) == (event.status, event.confidence, event.disputed), event.id
        chains = [[src.name for src in chain] for chain in event.sources]
        assert all(_chain(c) in chains or c.statement is None for c in event.claims), event.id


# --- schema v1 records --------------------------------------------------------------------------------------------


def _v1() -> dict:
    data = json.loads(V1_SEED.read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA_V1 and "claims" not in data["events"][0]
    return data


def test_ein_gespeicherter_v1_datensatz_wird_gelesen_und_bekommt_behauptungen():
    raw = V1_SEED.read_text(encoding="utf-8")
    record = Record.from_json(raw)
    assert record.schema_id == SCHEMA_ID == "quellenlage/article/v2"
    assert Record.from_json(raw.encode()) == record == Record.from_json(_v1()) == Record.model_validate_json(raw)
    assert record.offset_problems() == []
    assert all(e.claims and not e.disputed for e in record.events)
    by_id = {e.id: e for e in record.events}
    # "Das geplante Treffen war am 25. Oktober von Trump abgesagt worden": the change's sentence says cancelled
    cancelled = by_id["v10"]
    assert cancelled.status == "cancelled"
    assert [(c.status, c.text) for c in cancelled.claims][-1] == ("cancelled", "Treffen")
    # one mention: its status is the event's; several: which said what is lost
    assert [(c.status, c.kind, c.hedged) for c in by_id["v7"].claims] == [("happened", "indirect_speech", False)]
    assert {c.status for c in by_id["v3"].claims} == {"unknown"} and by_id["v3"].status == "happened"
    # "sich … getroffen und … diskutiert haben": one claim per sentence and statement, on the first trigger
    assert [c.text for c in by_id["v3"].claims] == ["zusammengekommen", "trafen", "getroffen"]
    meeting = by_id["v3"].claims[2]
    assert meeting.time is not None and meeting.time.text == "vom 24. bis zum 26. Oktober"
    assert _chain(meeting) == ["ntv.de", "Axios", "US-amerikanische und russische Beamte"]
    assert Record.from_json(record.to_json()).to_dict()["schema"] == SCHEMA_ID


def test_upgrade_laesst_den_v1_dict_und_einen_v2_dict_unveraendert():
    data = _v1()
    before = json.dumps(data, sort_keys=True)
    upgraded = upgrade(data)
    assert json.dumps(data, sort_keys=True) == before
    assert upgraded["schema"] == SCHEMA_ID and all("claims" in e for e in upgraded["events"])
    assert upgrade(upgraded) is upgraded


# --- evidence rules -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Der Kreml bestätigte, dass sich Putin und Trump getroffen haben. Das Weiße Haus dementierte, dass sich die beiden getroffen hätten.",
        "Laut Axios soll sich Witkoff am Montag mit Dmitrijew getroffen haben. Das Treffen fand in Miami statt.",
        "Merz und Macron wollen sich am Freitag in Paris treffen. Das geplante Treffen wurde am Dienstag von Macron abgesagt.",
        SEED_TXT.read_text(encoding="utf-8"),
    ],
    ids=["kreml", "axios", "abgesagt", "seed"],
)
def test_die_behauptungen_analysierter_texte_halten_die_belegregeln(text):
    record = _record(text)
    assert any(e.claims for e in record.events)
    assert record.offset_problems() == []


def test_eine_behauptung_mit_falschem_beleg_wird_gemeldet():
    record = _record("Laut Axios soll sich Witkoff am Montag mit Dmitrijew getroffen haben. Das Treffen fand in Miami statt.")
    claim = record.events[0].claims[1]
    claim.statement = record.events[0].claims[0].statement  # the first sentence's statement does not cover it
    claim.participants = ["e99"]
    claim.text = "Treffen!"
    problems = record.offset_problems()
    assert any("does not cover the mention" in p for p in problems)
    assert any("no entity e99" in p for p in problems)
    assert any("'Treffen!' is not the text" in p for p in problems)
