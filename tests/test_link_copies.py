"""Near-duplicate texts: a dpa text lightly edited by an outlet is found as a copy through a shared band key; an
outlet's own report on the same meeting is not."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from quellenlage.link import copies

DPA = """Berlin (dpa) - Die Verkehrsminister von Bund und Ländern haben sich am Mittwoch in Berlin auf eine Reform des Deutschlandtickets geeinigt. Der Preis soll vom kommenden Jahr an jährlich nach einem festen Index steigen, teilte der Vorsitzende der Verkehrsministerkonferenz nach mehr als sechsstündigen Beratungen mit.

Bund und Länder wollen die Finanzierung des Tickets bis zum Jahr 2030 sichern. Beide Seiten zahlen dafür weiterhin je 1,5 Milliarden Euro im Jahr. Mehrkosten, die darüber hinausgehen, sollen die Länder zunächst allein tragen und später mit dem Bund verrechnen.

Die Verkehrsverbünde hatten zuvor vor einem Loch von bis zu 800 Millionen Euro gewarnt. Ohne eine Einigung hätten einzelne Verbünde das Angebot im Frühjahr einschränken müssen, hieß es aus Kreisen der Branche.

Der Fahrgastverband Pro Bahn kritisierte die Einigung als halbherzig. Ein fester Preisindex nehme den Kundinnen und Kunden jede Planungssicherheit, sagte ein Sprecher des Verbands. Die Grünen im Bundestag forderten, den Preis bis zum Ende des Jahrzehnts einzufrieren.

Das Deutschlandticket war im Mai 2023 zum Preis von 49 Euro im Monat eingeführt worden. Inzwischen kostet es 58 Euro. Nach Angaben des Verbands Deutscher Verkehrsunternehmen nutzen es rund 14 Millionen Menschen."""

# what zeit.de might print: a headline of its own, the dateline dropped, the last paragraph cut, one sentence reworded
ZEIT = """Deutschlandticket: Preis soll künftig jedes Jahr automatisch steigen

Die Verkehrsminister von Bund und Ländern haben sich am Mittwoch in Berlin auf eine Reform des Deutschlandtickets geeinigt. Der Preis soll vom kommenden Jahr an jährlich nach einem festen Index steigen, teilte der Vorsitzende der Verkehrsministerkonferenz nach mehr als sechsstündigen Beratungen mit.

Bund und Länder wollen die Finanzierung des Tickets bis zum Jahr 2030 sichern. Beide Seiten zahlen dafür weiterhin je 1,5 Milliarden Euro im Jahr. Was darüber hinaus an Kosten anfällt, übernehmen vorerst die Länder; abgerechnet wird später mit dem Bund.

Die Verkehrsverbünde hatten zuvor vor einem Loch von bis zu 800 Millionen Euro gewarnt. Ohne eine Einigung hätten einzelne Verbünde das Angebot im Frühjahr einschränken müssen, hieß es aus Kreisen der Branche.

Der Fahrgastverband Pro Bahn kritisierte die Einigung als halbherzig. Ein fester Preisindex nehme den Kundinnen und Kunden jede Planungssicherheit, sagte ein Sprecher des Verbands. Die Grünen im Bundestag forderten, den Preis bis zum Ende des Jahrzehnts einzufrieren."""

# an outlet's own report of the same meeting: same people, figures and places, its own words
OWN = """Nach zähen Verhandlungen in Berlin steht die Zukunft des Deutschlandtickets fest: Bund und Länder haben sich am Mittwoch verständigt, den Preis künftig an einen Index zu koppeln. Damit dürfte das Ticket, das heute 58 Euro kostet, in jedem Jahr etwas teurer werden.

Die Verkehrsministerkonferenz rang mehr als sechs Stunden um eine Lösung. Am Ende blieb es bei je 1,5 Milliarden Euro jährlich von Bund und Ländern bis 2030; wer mehr braucht, muss vorerst selbst zahlen. Die Länder hatten auf eine höhere Beteiligung des Bundes gedrungen.

Für die Verbünde ist das nur eine halbe Entwarnung. Sie hatten ein Defizit von 800 Millionen Euro befürchtet und mit Kürzungen im Angebot gedroht. Pro Bahn nennt den Kompromiss halbherzig, die Grünen wollen den Preis einfrieren.

Seit seinem Start im Mai 2023 ist das Ticket für viele Pendler zur Gewohnheit geworden. Rund 14 Millionen Menschen fahren damit, der Einführungspreis von 49 Euro ist allerdings längst Geschichte."""


def test_dpa_meldung_mit_neuer_ueberschrift_gekuerzt_und_umformuliert_ist_eine_kopie():
    original, copy = copies.signature(DPA), copies.signature(ZEIT)
    assert set(copies.band_keys(original)) & set(copies.band_keys(copy))
    assert copies.is_copy(copies.similarity(original, copy))


def test_eigener_bericht_ueber_dieselbe_einigung_ist_keine_kopie():
    original, own = copies.signature(DPA), copies.signature(OWN)
    assert not set(copies.band_keys(original)) & set(copies.band_keys(own))
    assert not copies.is_copy(copies.similarity(original, own))


def test_kopie_wird_beim_ersten_abdruck_gefunden_der_eigene_bericht_nicht():
    """zeit.de copies the dpa text; ntv.de copies zeit.de's copy (so the dpa text, the earliest); the own report is
    nobody's copy."""
    ntv = ZEIT.replace("Deutschlandticket: Preis soll künftig jedes Jahr automatisch steigen", "Einigung beim Deutschlandticket")
    found = copies.copies(
        [
            ("dpa-text", copies.signature(DPA)),
            ("zeit", copies.signature(ZEIT)),
            ("eigener-bericht", copies.signature(OWN)),
            ("ntv", copies.signature(ntv)),
        ]
    )
    assert found == {"zeit": "dpa-text", "ntv": "dpa-text"}


def test_signatur_ist_stabil_und_als_json_speicherbar():
    sig = copies.signature(DPA)
    assert sig == copies.signature(DPA)
    assert len(sig) == copies.NUM_PERM and all(type(v) is int for v in sig)
    assert json.loads(json.dumps(sig)) == sig
    keys = copies.band_keys(sig)
    assert len(keys) == copies.BANDS == len(set(keys)) and all(isinstance(k, str) for k in keys)


def test_signatur_und_bandschluessel_sind_in_einem_neuen_prozess_dieselben():
    """Stored signatures compare with those of the next run: no per-process hash seed enters them."""
    code = "import json, sys; from quellenlage.link import copies; s = copies.signature(sys.stdin.read()); print(json.dumps([s, copies.band_keys(s)]))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], input=DPA, capture_output=True, text=True, env=env, check=True)
    sig = copies.signature(DPA)
    assert json.loads(out.stdout) == [sig, copies.band_keys(sig)]


def test_gross_und_kleinschreibung_und_satzzeichen_aendern_die_signatur_nicht():
    assert copies.signature("Der Kanzler reist am Montag nach Paris.") == copies.signature(
        "der kanzler reist, am Montag, nach PARIS"
    )


def test_text_ohne_woerter_ist_niemandes_kopie():
    assert copies.signature(" – ") == []
    assert copies.band_keys([]) == []
    assert copies.similarity([], copies.signature(DPA)) == 0.0
    assert copies.copies([("a", []), ("b", [])]) == {}


def test_genauigkeit_und_trefferquote_einer_schwelle():
    pairs = [(0.9, True), (0.5, True), (0.2, True), (0.35, False), (0.01, False)]
    assert copies.precision_recall(pairs, 0.3) == (2 / 3, 2 / 3)
    assert copies.precision_recall(pairs, 0.4) == (1.0, 2 / 3)
