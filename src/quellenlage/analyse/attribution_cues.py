"""The attribution stage's word tables: cues of speech, report phrases, hedges.

Derived from the tables of ``lang/de``, read through their typed loaders (:mod:`quellenlage.lang.de.attribution_tables`;
``outlets.tsv`` and ``report_cues.tsv`` through :mod:`quellenlage.lang.de.entity_tables`, which loads them for both
stages). See the header of each table for its columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .. import patterns
from ..lang import de
from ..lang.de import attribution_tables, entity_tables

_INSEPARABLE = tuple(sorted(attribution_tables.attribution_words("inseparable_prefix")))  # "bestätigen" → "bestätigt"


@dataclass(frozen=True)
class SpeechCue:
    """What a word form of a speech verb or noun is."""

    lemma: str
    cls: str  # speech | report | cognition | demand | noun
    particle: str = ""  # the separated particle this form needs later in its clause ("teilte … mit")


def _weak_forms(lemma: str) -> list[str]:
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]
    e = "e" if stem.endswith(("t", "d", "chn", "ffn", "gn", "tm", "dm")) else ""
    finite = [stem + "e", stem + e + "t", stem + e + "te", stem + e + "ten", lemma]  # no "-st": "äußerst" is an adverb
    if lemma.endswith("ieren") or lemma.startswith(_INSEPARABLE):
        participle = stem + e + "t"
    else:
        participle = "ge" + stem + e + "t"
    return [*finite, participle]


@lru_cache(maxsize=1)
def speech_forms() -> dict[str, SpeechCue]:
    """Word form → what it cues (the first reading); see :func:`speech_readings` for all of them."""
    return {form: readings[0] for form, readings in speech_readings().items()}


@lru_cache(maxsize=1)
def speech_readings() -> dict[str, tuple[SpeechCue, ...]]:
    """Word form → every verb or noun it may cue; separable verbs give both "gab" (needs "an", "bekannt"
    or "zu") and "angab"."""
    forms: dict[str, list[SpeechCue]] = {}
    for verb in attribution_tables.speech_verbs():
        lemma, particle, cls = verb.lemma, verb.particle, verb.cls
        base = lemma[len(particle) :] if particle else lemma
        words = _weak_forms(base) if verb.weak else list(verb.forms)
        for w in words:
            if particle:
                forms.setdefault(w, []).append(SpeechCue(lemma, cls, particle))
                forms.setdefault(particle + w, []).append(SpeechCue(lemma, cls))  # "mitteilte", "mitgeteilt"
            else:
                forms.setdefault(w, []).append(SpeechCue(lemma, cls))
    # a reading without a particle first: "sprach" is sprechen unless "aus" closes the clause
    return {w: tuple(sorted(r, key=lambda c: bool(c.particle))) for w, r in forms.items()}


@lru_cache(maxsize=1)
def report_cues() -> list[tuple[tuple[str, ...], str]]:
    """(lower-case token sequence, where the source stands), longest first (nouns of information excluded, and
    the ``held`` rows: :func:`held_cues`)."""
    rows = [
        (tuple(phrase.split()), where) for phrase, where in entity_tables.report_cues().items() if where not in ("noun", "held")
    ]
    return sorted(rows, key=lambda r: -len(r[0]))


@lru_cache(maxsize=1)
def held_cues() -> dict[str, frozenset[str]]:
    """Preposition → the nouns of information after it that cue a report only with a holder who can speak (the
    ``held`` rows of ``report_cues.tsv``): "nach" → zahlen, daten, erhebungen; "aus" → sicht."""
    cues: dict[str, set[str]] = {}
    for phrase, where in entity_tables.report_cues().items():
        if where == "held":
            preposition, noun = phrase.split()
            cues.setdefault(preposition, set()).add(noun)
    return {p: frozenset(nouns) for p, nouns in cues.items()}


@lru_cache(maxsize=1)
def information_nouns() -> tuple[str, ...]:
    """Nouns of information after "nach"/"laut" ("Angaben", "Ermittlungen"), lower-case, matched as word ends."""
    return tuple(phrase for phrase, where in entity_tables.report_cues().items() if where == "noun")


@lru_cache(maxsize=1)
def hedges() -> list[tuple[str, ...]]:
    """Hedge phrases (``hedges.txt``) as lower-case token sequences, longest first."""
    return sorted(attribution_tables.hedges(), key=len, reverse=True)


@lru_cache(maxsize=1)
def first_person() -> tuple[frozenset[str], frozenset[str]]:
    """(first-person pronouns and possessives, nouns that after a possessive are the outlet itself:
    "unsere Redaktion"), lower-case, from ``first_person.tsv``."""
    words = attribution_tables.first_person()
    return (
        frozenset(w for w, what in words.items() if what in ("pronoun", "possessive")),
        frozenset(w for w, what in words.items() if what == "self"),
    )


@lru_cache(maxsize=1)
def anonymous_heads() -> dict[str, str]:
    """Head noun of an unnamed source (``anonymous_sources.tsv``) → its kind ("-": no source, "Lautsprecher")."""
    kinds = {"official", "spokesperson", "insider", "document", "media_report", "unnamed_outlet", "unknown", "-"}
    return {noun: (kind if kind in kinds else "unknown") for noun, kind in attribution_tables.anonymous_sources().items()}


@lru_cache(maxsize=1)
def outlets() -> dict[tuple[str, ...], str]:
    """Outlet name as token sequence → canonical name (agencies included)."""
    table = {tuple(name.split()): canonical for name, canonical in entity_tables.outlets().items()}
    for siglum, canonical in de.agencies().items():
        if len(siglum) > 2:
            table.setdefault((canonical,), canonical)
    return table


#: What the nominative "-e" of an adjective in an outlet's name becomes in the other cases ("die Süddeutsche
#: Zeitung" → "der Süddeutschen Zeitung"): German grammar, not a list of words.
_ADJECTIVE_ENDINGS = ("n", "r", "m", "s")


def _inflections(name: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The inflected forms of an outlet's name (as tokens) beside the nominative: its capitalised adjectives in "-e"
    take an ending ("der Süddeutschen Zeitung", "der Frankfurter Allgemeinen Zeitung"; "Frankfurter" does not
    inflect), or its last word takes the genitive "-s" ("des Tagesspiegels", "des Handelsblatts") unless it ends in
    a sibilant ("Reuters", "Interfax") or is written in capitals or lower case (an acronym: "ARD", "dpa")."""
    forms: list[tuple[str, ...]] = []
    adjectives = [  # not an article: "Die Welt", "Le Monde"
        k for k, t in enumerate(name[:-1]) if len(t) > 3 and t[:1].isupper() and t.endswith("e") and t[1:].islower()
    ]
    if adjectives:
        for ending in _ADJECTIVE_ENDINGS:
            forms.append(tuple(t + ending if k in adjectives else t for k, t in enumerate(name)))
    last = name[-1]
    if last[:1].isupper() and last[1:].islower() and last.isalpha() and not last.endswith(("s", "x", "z", "ß")):
        forms.append((*name[:-1], last + "s"))
    return forms


@lru_cache(maxsize=1)
def outlet_forms() -> dict[tuple[str, ...], str]:
    """:func:`outlets` and their inflected forms (:func:`_inflections`) as token sequences → canonical name: "der
    Süddeutschen Zeitung", "des Tagesspiegels" name the outlet as "die Süddeutsche Zeitung" and "der Tagesspiegel" do
    (a form that is also the nominative of another outlet stays that outlet's)."""
    table = outlets()
    forms = dict(table)
    for name, canonical in table.items():
        for form in _inflections(name):
            forms.setdefault(form, canonical)
    return forms


def outlet_in(tokens: Sequence[str]) -> str | None:
    """The canonical name of the first outlet named in ``tokens`` (a written form of :func:`outlet_forms`, the
    longest at each position): "der Süddeutschen Zeitung" → Süddeutsche Zeitung."""
    forms = outlet_forms()
    toks = tuple(tokens)
    for k in range(len(toks)):
        for size in (3, 2, 1):
            name = forms.get(toks[k : k + size])
            if name:
                return name
    return None


@lru_cache(maxsize=1)
def speaker_words() -> dict[str, str]:
    """Lower-case function word → "det", "pron m|f|n|pl|any" or "stop"."""
    return {w.word: w.cls for w in attribution_tables.speaker_words()}


@lru_cache(maxsize=1)
def speaker_nouns() -> tuple[dict[str, str], dict[str, str]]:
    """Nouns that can speak (``speaker_nouns.tsv``): (compound ends → class, whole words only → class)."""
    ends: dict[str, str] = {}
    whole: dict[str, str] = {}
    for row in attribution_tables.speaker_nouns():
        (whole if "word" in row.flags else ends).setdefault(row.noun, row.cls)
    for word, cls in ends.items():
        whole.setdefault(word, cls)
    return ends, whole


@lru_cache(maxsize=1)
def nationality_nouns() -> frozenset[str]:
    """Nationality nouns of ``speaker_nouns.tsv`` ("franzose", "argentinier"): a person's, beside any role."""
    return frozenset(row.noun for row in attribution_tables.speaker_nouns() if "nationality" in row.flags)


@lru_cache(maxsize=1)
def negations() -> frozenset[str]:
    """Words that negate a verb of saying ("nicht", "nie"), flag "negation" in ``speaker_words.tsv``."""
    return frozenset(w.word for w in attribution_tables.speaker_words() if w.flag == "negation")


def alternation(words: Iterable[str], capitalised: bool = False) -> str:
    """The alternation of ``words`` for a regular expression ("eine|das|der|die|ein", see
    :func:`quellenlage.patterns.alternation`); capitalised ones for a sentence's first word ("Der|Die")."""
    return patterns.alternation(w.capitalize() if capitalised else w for w in words)
