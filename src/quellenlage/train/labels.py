"""Label schemes of the NER corpora mapped onto ours: PER, LOC, ORG, MISC.

One table per corpus, one row per source label. A row maps to

- one of our four types;
- ``None``: not a name in our sense, trained as "no entity" (O);
- ``MISSING``: unknown to us (the corpus' class cuts across ours), the tokens
  are left unannotated so training neither rewards nor punishes a guess.

Why the rows are as they are is written beside them and in the model card.
"""

from __future__ import annotations

#: The entity types the model predicts (the record's ``EntityType``).
TYPES = ("PER", "LOC", "ORG", "MISC")

#: Marker for spans whose type we cannot decide: left unannotated in training.
MISSING = "?"

#: GermEval 2014, outer level. ``-deriv`` ("deutsche", "Berliner" as adjective) is not a
#: name of an entity: O. ``-part`` ("EU-weit", "Merkel-Regierung") names an entity only
#: inside a compound; the compound itself is not that entity: O (measured: see MODEL_CARD).
GERMEVAL: dict[str, str | None] = {
    "PER": "PER",
    "LOC": "LOC",
    "ORG": "ORG",
    "OTH": "MISC",
    "PERderiv": None,
    "LOCderiv": None,
    "ORGderiv": None,
    "OTHderiv": None,
    "PERpart": None,
    "LOCpart": None,
    "ORGpart": None,
    "OTHpart": None,
}

#: German Legal Entity Recognition (Leitner et al. 2019), 19 fine classes.
LER: dict[str, str | None] = {
    "PER": "PER",  # Person
    "RR": "PER",  # Richter (judge)
    "AN": "PER",  # Anwalt (lawyer)
    "LD": "LOC",  # Land (country)
    "ST": "LOC",  # Stadt (city)
    "STR": "LOC",  # Straße (street)
    "LDS": "LOC",  # Landschaft (landscape)
    "ORG": "ORG",  # Organisation
    "UN": "ORG",  # Unternehmen (company)
    "INN": "ORG",  # Institution
    "GRT": "ORG",  # Gericht (court)
    "MRK": MISSING,  # Marke (brand): a company (ORG) or a product (MISC), undecidable
    "EUN": MISSING,  # Europäische Norm: a title (MISC) but annotated with its citation
    "GS": MISSING,  # Gesetz ("§ 3 Abs. 1 BGB"): citations, not names
    "VO": MISSING,  # Verordnung
    "VS": MISSING,  # Verwaltungsvorschrift
    "VT": MISSING,  # Vertrag
    "RS": MISSING,  # Rechtsprechung (case citations)
    "LIT": MISSING,  # Literatur (citations)
}

#: MobIE (traffic news and tweets). Stations and routes ("S1", "A 9", "Hauptbahnhof")
#: are places of a kind GermEval annotates unevenly: MISSING. Times, dates, numbers,
#: triggers and causes are not names: O.
MOBIE: dict[str, str | None] = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": MISSING,
    "location-route": MISSING,
    "org-position": None,
    "event-cause": None,
    "trigger": None,
    "time": None,
    "date": None,
    "duration": None,
    "number": None,
    "set": None,
    "distance": None,
    "money": None,
    "percent": None,
    "disaster-type": None,
}

#: DFKI SmartData (business and traffic news, police and railway reports). As MobIE (same
#: group, same scheme): stops and routes MISSING. Its ``location`` also covers adjectives
#: and road numbers, refined by the surface in :func:`.corpora.smartdata_type`. No MISC.
SMARTDATA: dict[str, str | None] = {**MOBIE}

#: PER/LOC/ORG/MISC corpora (WikiANN, WikiNEuRal, Europeana, CoNLL-style files): identity.
PLAIN: dict[str, str | None] = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC", "OTH": "MISC"}

SCHEMES: dict[str, dict[str, str | None]] = {
    "germeval": GERMEVAL,
    "ler": LER,
    "mobie": MOBIE,
    "smartdata": SMARTDATA,
    "plain": PLAIN,
}


def map_label(label: str, scheme: str = "plain") -> str | None:
    """Our type for ``label`` of ``scheme``; ``None`` for O; :data:`MISSING` when undecidable.

    Labels the table does not know are MISSING (never silently trained as O).
    """
    table = SCHEMES[scheme]
    for key in (label, label.upper(), label.lower()):
        if key in table:
            return table[key]
    return MISSING
