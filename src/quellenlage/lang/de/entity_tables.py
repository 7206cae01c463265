"""Typed loaders of the German tables the entities stage reads (see :mod:`quellenlage.lang.de`).

Besides the entities stage's own tables (gazetteer, name rules, roles …) these are the tables it
shares with other stages, loaded here once: ``outlets.tsv``, ``report_cues.tsv`` and
``first_names.txt`` (also read by the attribution stage) and ``places_stop.txt`` (read by
``scripts/build_places.py``); the datelines stage's ``dateline_words.tsv`` and the NER training
corpora's ``deriv_endings.txt`` too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import _lines, _rows, table

# -- gazetteer ---------------------------------------------------------------------------------


@cache
@table("places.tsv")
def places() -> dict[str, str]:
    """Place name → kind ("city", "country", "region" …), generated from CLDR and GeoNames (the country column
    is not read)."""
    return {row[0]: row[1] for row in _rows("places.tsv")}


@dataclass(frozen=True)
class PlaceName:
    """A row of ``places_extra.tsv``: the canonical name a surface form stands for, and its kind ("alias": a short
    form that names the place only standing alone)."""

    canonical: str
    kind: str


@cache
@table("places_extra.tsv")
def places_extra() -> dict[str, PlaceName]:
    """Hand-kept place names: surface form → :class:`PlaceName` ("Vereinigte Staaten" → USA, country)."""
    return {row[0]: PlaceName(row[1], row[2]) for row in _rows("places_extra.tsv")}


@cache
@table("places_stop.txt")
def places_stop() -> frozenset[str]:
    """Place names the generator of ``places.tsv`` leaves out: everyday words and names ("Essen", "Split")."""
    return frozenset(_lines("places_stop.txt"))


@cache
@table("organisations.tsv")
def organisations() -> dict[str, str]:
    """Organisation as written → canonical name ("Deutsche Presse-Agentur" → dpa, "Nato" → NATO)."""
    return {row[0]: row[1] for row in _rows("organisations.tsv")}


@cache
@table("clubs.tsv")
def clubs() -> dict[str, str]:
    """Sports club as written → canonical name ("BVB" → Borussia Dortmund)."""
    return {row[0]: row[1] for row in _rows("clubs.tsv")}


@cache
@table("short_names.tsv")
def short_names() -> dict[str, tuple[tuple[str, str], ...]]:
    """Short form → its (canonical name, context) readings in table order ("Union" → CDU/CSU where the CDU is
    named …; context: canonical names, "sport" or "default")."""
    readings: dict[str, list[tuple[str, str]]] = {}
    for short, canonical, context in _rows("short_names.tsv"):
        readings.setdefault(short, []).append((canonical, context))
    return {short: tuple(rows) for short, rows in readings.items()}


@cache
@table("outlets.tsv")
def outlets() -> dict[str, str]:
    """News outlet or agency as written → canonical name ("Welt" → Die Welt); read by the entities and the
    attribution stages."""
    return {row[0]: row[1] for row in _rows("outlets.tsv")}


@cache
@table("outlets_common.tsv")
def outlets_common() -> dict[str, str]:
    """Outlets whose short name is a common word too, as written → canonical name ("Krone" → Kronen Zeitung)."""
    return {row[0]: row[1] for row in _rows("outlets_common.tsv")}


# -- names -------------------------------------------------------------------------------------


@cache
@table("first_names.txt")
def first_names() -> frozenset[str]:
    """Given names seen in licensed training data (built by ``scripts/build_first_names.py``); read by the entities
    and the attribution stages."""
    return frozenset(_lines("first_names.txt"))


def given_name(word: str) -> bool:
    """A given name of ``first_names.txt``, or a double given name whose parts all are ("Frank-Jürgen",
    "Hans-Stephan", "Anna-Lena"; not "Barca-Profi", "Lufthansa-Manager")."""
    names = first_names()
    if word in names:
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(p in names for p in parts)


@cache
@table("name_particles.txt")
def name_particles() -> frozenset[str]:
    """Lower-case words inside personal names ("de", "van", "von")."""
    return frozenset(_lines("name_particles.txt"))


@cache
@table("not_names.txt")
def not_names() -> frozenset[str]:
    """Words that are never a name by themselves ("Alu", "Pfosten", "Stahl")."""
    return frozenset(_lines("not_names.txt"))


@cache
@table("person_titles.txt")
def person_titles() -> frozenset[str]:
    """Forms of address and titles before a person's name ("Herr", "Frau", "Dr.")."""
    return frozenset(_lines("person_titles.txt"))


@dataclass(frozen=True)
class NameAdjectives:
    """``name_adjectives.txt``: capitalised adjectives at the start of a name ("Deutsche Bank")."""

    stems: frozenset[str]  # stems listed as such: "deutsch", "neu", "rot"
    suffixes: tuple[str, ...]  # the "-" lines: a stem ending in one is an adjective ("isch", "lich")


@cache
@table("name_adjectives.txt")
def name_adjectives() -> NameAdjectives:
    """Adjective stems and suffixes that begin names ("Deutsche Bank", "Europäische Zentralbank")."""
    lines = _lines("name_adjectives.txt")
    return NameAdjectives(frozenset(w for w in lines if not w.startswith("-")), tuple(w[1:] for w in lines if w.startswith("-")))


@cache
@table("name_heads.tsv")
def name_heads() -> dict[str, str]:
    """Ending of a name's head noun (lower case) → its gender: m, f, n or pl ("gericht" → n)."""
    return {row[0]: row[1] for row in _rows("name_heads.tsv")}


@cache
@table("place_titles.txt")
def place_titles() -> frozenset[str]:
    """Words before a country's or state's name that name the same place ("Republik", "Königreich")."""
    return frozenset(_lines("place_titles.txt"))


@cache
@table("place_heads.txt")
def place_heads() -> tuple[str, ...]:
    """Place-name heads (lower-cased compound ends: "straße", "berg", "burg")."""
    return tuple(_lines("place_heads.txt"))


@cache
@table("building_heads.txt")
def building_heads() -> tuple[str, ...]:
    """Heads of streets and buildings (lower-cased compound ends: "straße", "kirche", "brücke")."""
    return tuple(_lines("building_heads.txt"))


@cache
@table("event_heads.tsv")
def event_heads() -> tuple[tuple[str, str], ...]:
    """Heads of event names (lower-cased compound ends, longest first) → what a model ORG beginning with one
    becomes: "MISC", "-" (no entity) or "ORG" (kept: "auswahl")."""
    return tuple(sorted(((row[0], row[1]) for row in _rows("event_heads.tsv")), key=lambda r: len(r[0]), reverse=True))


@cache
@table("press_heads.txt")
def press_heads() -> tuple[str, ...]:
    """Endings of newspaper and association names ("zeitung", "presse", "verband")."""
    return tuple(_lines("press_heads.txt"))


# -- organisations -----------------------------------------------------------------------------


@cache
@table("org_nouns.txt")
def org_nouns() -> frozenset[str]:
    """Nouns (lower-cased) that introduce an organisation's name ("nachrichtenportal", "zeitung")."""
    return frozenset(w.lower() for w in _lines("org_nouns.txt") if not w.startswith("~"))


@cache
def descriptor_nouns() -> frozenset[str]:
    """The "~" rows of org_nouns.txt (lower-cased): nouns that describe the name after them but do not make it an
    organisation on their own ("konkurrent", "rivale")."""
    return frozenset(w[1:].lower() for w in _lines("org_nouns.txt") if w.startswith("~"))


@dataclass(frozen=True)
class OrgHeads:
    """The kinds of line of ``org_heads.txt``."""

    legal_forms: frozenset[str]  # "=GmbH": a legal form after the name ("Siemens AG")
    club_forms: frozenset[str]  # "+FC": a sports club's form word anywhere in the name ("Kalmar FF", "Brescia Calcio")
    compound_heads: frozenset[str]  # plain lines: an organisation's compound head ("partei", "bank")
    institution_heads: tuple[str, ...]  # lower-case "@" lines, longest first: "ministerium", "anwaltschaft"
    bare_institutions: frozenset[str]  # capitalised "@" lines, lower-cased: institutions also alone ("polizei")
    body_prefixes: tuple[str, ...]  # "^" lines: an institution compound with one names one body ("bundes")


@cache
@table("org_heads.txt")
def org_heads() -> OrgHeads:
    """Legal forms, organisation heads, institution heads and prefixes (see :class:`OrgHeads`)."""
    lines = _lines("org_heads.txt")
    return OrgHeads(
        legal_forms=frozenset(w[1:] for w in lines if w.startswith("=")),
        club_forms=frozenset(w[1:] for w in lines if w.startswith("+")),
        compound_heads=frozenset(w for w in lines if not w.startswith(("=", "@", "^", "+"))),
        institution_heads=tuple(sorted((w[1:] for w in lines if w.startswith("@") and w[1:].islower()), key=len, reverse=True)),
        bare_institutions=frozenset(w[1:].lower() for w in lines if w.startswith("@") and w[1:2].isupper()),
        body_prefixes=tuple(w[1:] for w in lines if w.startswith("^")),
    )


@cache
@table("not_org_acronyms.txt")
def not_org_acronyms() -> frozenset[str]:
    """Acronyms that are no organisation ("CEO", "SMS", "PS", "WM")."""
    return frozenset(_lines("not_org_acronyms.txt"))


@cache
@table("institution_cues.tsv")
def institution_cues() -> dict[str, str]:
    """Word (lower case) → where it shows an institution noun as a source: "before" ("wie", "so") or "genitive"
    ("erhebung", "angaben")."""
    return {row[0]: row[1] for row in _rows("institution_cues.tsv")}


@cache
@table("report_cues.tsv")
def report_cues() -> dict[str, str]:
    """Phrase (lower-case, space-separated tokens) that attributes a claim without a verb of saying → where the
    source stands: "after", "before", "origin", "clause", "noun" or "carry"; read by the entities and the
    attribution stages."""
    return {row[0]: row[1] for row in _rows("report_cues.tsv")}


# -- roles and metonymy ------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleNoun:
    """A row of ``roles.tsv``: a role noun's declension and its female form where that is not regular."""

    declension: str  # "adj" (Gesandter), "n" (Präsident), "s" (Berater)
    female: str | None  # "Anwältin" (Anwalt), "Landeshauptfrau" (Landeshauptmann); None: the noun + "in" (Präsidentin)


@cache
@table("roles.tsv")
def roles() -> dict[str, RoleNoun]:
    """Role noun in the nominative singular → :class:`RoleNoun` ("Staatsanwalt" → s, "Staatsanwältin")."""
    return {row[0]: RoleNoun(row[1], row[2] if len(row) > 2 and row[2] else None) for row in _rows("roles.tsv")}


@cache
@table("role_modifiers.txt")
def role_modifiers() -> frozenset[str]:
    """Adjective stems before a role noun besides nationality adjectives ("ehemalig", "stellvertretend")."""
    return frozenset(_lines("role_modifiers.txt"))


@dataclass(frozen=True)
class Metonymy:
    """A row of ``metonymy.tsv``: the role a name stands for, and whether only where the name acts."""

    role: str
    only_acting: bool


@cache
@table("metonymy.tsv")
def metonymy() -> dict[str, Metonymy]:
    """Canonical name → the government or office it stands for ("Kreml" → russische Präsidentschaft, always)."""
    return {row[0]: Metonymy(row[1], row[2] == "agent") for row in _rows("metonymy.tsv")}


@cache
@table("agent_verbs.txt")
def agent_verbs() -> frozenset[str]:
    """Finite verbs that make a place name before them its government ("fordert", "kontrolliert")."""
    return frozenset(_lines("agent_verbs.txt"))


# -- other names: currencies, titles -----------------------------------------------------------


@dataclass(frozen=True)
class Currencies:
    """``currencies.tsv``: currency names and the amount words before them."""

    names: dict[str, bool]  # currency → whether it is one in any context ("Euro"), not only after an amount ("Franken")
    amount_words: frozenset[str]  # "Mio.", "zwei": a currency of the "amount" kind after one of these


@cache
@table("currencies.tsv")
def currencies() -> Currencies:
    """Currency names ("Euro" always, "Franken" after an amount) and amount words ("Mio.", "zwei")."""
    rows = _rows("currencies.tsv")
    return Currencies(
        {name: when == "always" for name, when in rows if when != "amount-word"},
        frozenset(name for name, when in rows if when == "amount-word"),
    )


@dataclass(frozen=True)
class TitleNouns:
    """``title_nouns.txt``: nouns before a work's title, and compounds of them that introduce none."""

    nouns: frozenset[str]  # "album", "song", "bild"
    not_titles: frozenset[str]  # the "!" lines: "beispiel"


@cache
@table("title_nouns.txt")
def title_nouns() -> TitleNouns:
    """Nouns before a work's or product's title ("Album", "Song") and the exceptions ("Beispiel")."""
    lines = _lines("title_nouns.txt")
    return TitleNouns(frozenset(w for w in lines if not w.startswith("!")), frozenset(w[1:] for w in lines if w.startswith("!")))


# -- word classes, cues ------------------------------------------------------------------------


@cache
@table("entity_words.tsv")
def _entity_word_classes() -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for row in _rows("entity_words.tsv"):
        for name in row[1].split(","):
            classes.setdefault(name.strip(), set()).add(row[0])
    return {name: frozenset(words) for name, words in classes.items()}


def entity_words(name: str) -> frozenset[str]:
    """The lower-case words of one class of ``entity_words.tsv`` ("place_preposition", "name_link" …)."""
    try:
        return _entity_word_classes()[name]
    except KeyError:
        raise KeyError(f"entity_words.tsv has no class {name!r}") from None


@cache
@table("law_cues.txt")
def law_cues() -> frozenset[str]:
    """Words before a law's or a norm's abbreviation, as written ("Art.", "gemäß", "Paragraf")."""
    return frozenset(_lines("law_cues.txt"))


@dataclass(frozen=True)
class DatelineWords:
    """``dateline_words.tsv``: the words the datelines stage reads."""

    joiners: tuple[str, ...]  # lower-case words inside a place's name ("Frankfurt am Main"), in table order
    source_labels: tuple[str, ...]  # a word before a colon that introduces an agency credit ("Quelle: AFP")


@cache
@table("dateline_words.tsv")
def dateline_words() -> DatelineWords:
    """Words inside a dateline's place names ("am", "ob der") and labels of a credit line ("Quelle")."""
    rows = _rows("dateline_words.tsv")
    return DatelineWords(
        tuple(word for word, kind in rows if kind == "joiner"), tuple(word for word, kind in rows if kind == "source")
    )


@cache
@table("deriv_endings.txt")
def deriv_endings() -> tuple[str, ...]:
    """Endings (and whole words) of a capitalised adjective or people of a place ("ische", "Deutsche", "Russen"),
    in table order: a SmartData location mention ending so is no name (GermEval's -deriv)."""
    return tuple(_lines("deriv_endings.txt"))


# -- who heads an organisation (read by the linker) ----------------------------------------------


@dataclass(frozen=True)
class HeadWord:
    """A row of ``heads.tsv``: its gender ("m", "f", None where the words tell none) and role ("head", "founder")."""

    gender: str | None
    role: str


@dataclass(frozen=True)
class HeadWords:
    """``heads.tsv``: the words of "PER leitet den ORG", "PER ist Chef des ORG" and of "der Leiter des ORG"."""

    nouns: dict[str, HeadWord]  # "der Leiter", "des Leiters", "Vorsitzender" (no determiner: predicative, apposition)
    verbs: dict[str, HeadWord]  # "leitet": PER leitet (den|die|das) ORG
    genitive_verbs: dict[str, HeadWord]  # "steht an der Spitze": PER steht an der Spitze des ORG
    former: tuple[str, ...]  # stems that make a head no current head of its own: "ehemalig", "stellvertretend", "ex"


@cache
@table("heads.tsv")
def heads() -> HeadWords:
    """Head nouns with their determiners, verbs of heading and the words of a former head (see :class:`HeadWords`)."""
    found: dict[str, dict[str, HeadWord]] = {"noun": {}, "verb": {}, "verb-gen": {}}
    former = []
    for kind, words, gender, role in _rows("heads.tsv"):
        if kind == "former":
            former.append(words.lower())
        else:
            found[kind][" ".join(words.split())] = HeadWord(None if gender == "-" else gender, role)
    return HeadWords(found["noun"], found["verb"], found["verb-gen"], tuple(former))
