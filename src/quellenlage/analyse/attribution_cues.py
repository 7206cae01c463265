"""The attribution stage's word tables: cues of speech, report phrases, hedges.

Loaded once from ``lang/de`` (see the header of each table for its columns).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from ..lang import de

_INSEPARABLE = ("be", "er", "ver", "zer", "ent", "emp", "miss", "ge", "hinter", "über", "unter", "wider")


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
    for lemma, particle, cls, spec in de._rows("speech_verbs.tsv"):
        particle = "" if particle == "-" else particle
        base = lemma[len(particle) :] if particle else lemma
        words = _weak_forms(base) if spec == "weak" else [w.strip() for w in spec.split(",")]
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
    """(lower-case token sequence, where the source stands), longest first (nouns of information excluded)."""
    rows = [(tuple(phrase.split()), where) for phrase, where in de._rows("report_cues.tsv") if where != "noun"]
    return sorted(rows, key=lambda r: -len(r[0]))


@lru_cache(maxsize=1)
def information_nouns() -> tuple[str, ...]:
    """Nouns of information after "nach"/"laut" ("Angaben", "Ermittlungen"), lower-case, matched as word ends."""
    return tuple(phrase for phrase, where in de._rows("report_cues.tsv") if where == "noun")


@lru_cache(maxsize=1)
def hedges() -> list[tuple[str, ...]]:
    return sorted((tuple(line.lower().split()) for line in de._lines("hedges.txt")), key=len, reverse=True)


@lru_cache(maxsize=1)
def bare_verbs() -> dict[str, tuple[frozenset[str], str]]:
    """Lemma → (the words one of which its bare use needs after it, empty for none; "attitude" or "speech"), from
    ``bare_verbs.tsv`` ("sprechen" needs "von": "Die Polizei spricht von 4.000 Teilnehmern")."""
    return {
        row[0]: (frozenset() if row[1] == "-" else frozenset(row[1].split(",")), row[2]) for row in de._rows("bare_verbs.tsv")
    }


@cache
def attribution_words(role: str) -> frozenset[str]:
    """The words of one ``role`` in ``attribution_words.tsv`` ("source_opener", "anaphor")."""
    return frozenset(r[0] for r in de._rows("attribution_words.tsv") if r[1] == role)


@lru_cache(maxsize=1)
def first_person() -> tuple[frozenset[str], frozenset[str]]:
    """(first-person pronouns and possessives, nouns that after a possessive are the outlet itself:
    "unsere Redaktion"), lower-case, from ``first_person.tsv``."""
    rows = de._rows("first_person.tsv")
    return (frozenset(r[0] for r in rows if r[1] in ("pronoun", "possessive")), frozenset(r[0] for r in rows if r[1] == "self"))


@lru_cache(maxsize=1)
def anonymous_heads() -> dict[str, str]:
    """Head noun of an unnamed source (``anonymous_sources.tsv``) → its kind ("-": no source, "Lautsprecher")."""
    kinds = {"official", "spokesperson", "insider", "document", "media_report", "unnamed_outlet", "unknown", "-"}
    return {row[0]: (row[1] if len(row) > 1 and row[1] in kinds else "unknown") for row in de._rows("anonymous_sources.tsv")}


@lru_cache(maxsize=1)
def outlets() -> dict[tuple[str, ...], str]:
    """Outlet name as token sequence → canonical name (agencies included)."""
    table = {tuple(name.split()): canonical for name, canonical in de._rows("outlets.tsv")}
    for siglum, canonical in de.agencies().items():
        if len(siglum) > 2:
            table.setdefault((canonical,), canonical)
    return table


@lru_cache(maxsize=1)
def speaker_words() -> dict[str, str]:
    """Lower-case function word → "det", "pron m|f|n|pl|any" or "stop"."""
    return {row[0]: row[1] for row in de._rows("speaker_words.tsv")}


@lru_cache(maxsize=1)
def speaker_nouns() -> tuple[dict[str, str], dict[str, str]]:
    """Nouns that can speak (``speaker_nouns.tsv``): (compound ends → class, whole words only → class)."""
    ends: dict[str, str] = {}
    whole: dict[str, str] = {}
    for row in de._rows("speaker_nouns.tsv"):
        (whole if "word" in _flags(row) else ends).setdefault(row[0], row[1])
    for word, cls in ends.items():
        whole.setdefault(word, cls)
    return ends, whole


def _flags(row: list[str]) -> set[str]:
    """The flags in a ``speaker_nouns.tsv`` row's third column ("word", "nationality")."""
    return {f.strip() for f in row[2].split(",")} if len(row) > 2 else set()


@lru_cache(maxsize=1)
def nationality_nouns() -> frozenset[str]:
    """Nationality nouns of ``speaker_nouns.tsv`` ("franzose", "argentinier"): a person's, beside any role."""
    return frozenset(row[0] for row in de._rows("speaker_nouns.tsv") if "nationality" in _flags(row))


@lru_cache(maxsize=1)
def negations() -> frozenset[str]:
    """Words that negate a verb of saying ("nicht", "nie"), flag "negation" in ``speaker_words.tsv``."""
    return frozenset(row[0] for row in de._rows("speaker_words.tsv") if len(row) > 2 and row[2] == "negation")
