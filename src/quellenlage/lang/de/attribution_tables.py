"""Typed loaders of the German tables that one stage reads (see :mod:`quellenlage.lang.de`).

The attribution stage's tables: verbs and nouns of saying, report phrases, speakers, unnamed sources and the
Konjunktiv (read by ``analyse/attribution.py``, ``attribution_cues.py``, ``speakers.py``, ``anonymity.py`` and
``konjunktiv.py``). Each loader reads its table as written; what a stage derives from it stays with the stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from . import _lines, _rows, table

#: The mood of a verb form: Konjunktiv I, or a Konjunktiv II standing in where Konjunktiv I equals the indicative.
Mood = Literal["KI", "KII"]


def _classes(name: str) -> dict[str, frozenset[str]]:
    """class → its words, of a table ``word <TAB> class`` (a word may have several rows)."""
    classes: dict[str, set[str]] = {}
    for row in _rows(name):
        if len(row) > 1:
            classes.setdefault(row[1], set()).add(row[0])
    return {cls: frozenset(words) for cls, words in classes.items()}


def _class(classes: dict[str, frozenset[str]], name: str, cls: str) -> frozenset[str]:
    try:
        return classes[cls]
    except KeyError:
        raise KeyError(f"{name} has no class {cls!r}") from None


# --- verbs and nouns of saying ----------------------------------------------------------------------


@dataclass(frozen=True)
class SpeechVerb:
    """A row of ``speech_verbs.tsv``: a verb or noun of saying."""

    lemma: str
    particle: str  # the separable prefix ("mitteilen": "mit"), "" for none
    cls: str  # speech | report | cognition | demand | decision | noun
    weak: bool  # its forms are the regular (weak) paradigm, derived from the lemma
    forms: tuple[str, ...]  # else its finite and participle forms (of the base verb for a particle verb)


@cache
@table("speech_verbs.tsv")
def speech_verbs() -> tuple[SpeechVerb, ...]:
    """The verbs and nouns of saying, in the order of the table."""
    out = []
    for lemma, particle, cls, spec in _rows("speech_verbs.tsv"):
        weak = spec == "weak"
        forms = () if weak else tuple(w.strip() for w in spec.split(","))
        out.append(SpeechVerb(lemma, "" if particle == "-" else particle, cls, weak, forms))
    return tuple(out)


@cache
@table("bare_verbs.tsv")
def bare_verbs() -> dict[str, tuple[frozenset[str], str]]:
    """Lemma → (the words one of which its bare use needs after it, empty for none; "attitude" or "speech"), from
    ``bare_verbs.tsv`` ("sprechen" needs "von": "Die Polizei spricht von 4.000 Teilnehmern")."""
    return {row[0]: (frozenset() if row[1] == "-" else frozenset(row[1].split(",")), row[2]) for row in _rows("bare_verbs.tsv")}


@cache
@table("hedges.txt")
def hedges() -> tuple[tuple[str, ...], ...]:
    """Words and phrases that mark a claim as unconfirmed, as lower-case token sequences, in the order of the table."""
    return tuple(tuple(line.lower().split()) for line in _lines("hedges.txt"))


@cache
@table("attribution_words.tsv")
def _attribution_word_roles() -> dict[str, frozenset[str]]:
    return _classes("attribution_words.tsv")


def attribution_words(role: str) -> frozenset[str]:
    """The words of one ``role`` in ``attribution_words.tsv`` ("source_opener", "anaphor")."""
    return _class(_attribution_word_roles(), "attribution_words.tsv", role)


@cache
@table("first_person.tsv")
def first_person() -> dict[str, str]:
    """Lower-case word of the first person → what it is: "pronoun", "possessive", or "self" (a noun that after a
    first-person possessive is the outlet itself: "unsere Redaktion")."""
    return {row[0]: row[1] for row in _rows("first_person.tsv")}


# --- speakers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakerWord:
    """A row of ``speaker_words.tsv``: a function word read in a speaker's noun phrase."""

    word: str  # lower-case
    cls: str  # det | pron m|f|n|pl|any | stop
    flag: str  # "" or: the pronoun class of a possessive ("pron m"), "generic", "standalone", "negation"


@cache
@table("speaker_words.tsv")
def speaker_words() -> tuple[SpeakerWord, ...]:
    """The rows of ``speaker_words.tsv``, in the order of the table (a word may have several)."""
    return tuple(SpeakerWord(row[0], row[1], row[2] if len(row) > 2 else "") for row in _rows("speaker_words.tsv"))


@dataclass(frozen=True)
class SpeakerNoun:
    """A row of ``speaker_nouns.tsv``: a noun that denotes someone who can speak."""

    noun: str  # lower-case, as it ends a compound
    cls: str  # person | group | body | source
    flags: frozenset[str]  # "word" (only the whole word or after a hyphen), "nationality"


@cache
@table("speaker_nouns.tsv")
def speaker_nouns() -> tuple[SpeakerNoun, ...]:
    """The rows of ``speaker_nouns.tsv``, in the order of the table."""
    return tuple(
        SpeakerNoun(row[0], row[1], frozenset(f.strip() for f in row[2].split(",")) if len(row) > 2 else frozenset())
        for row in _rows("speaker_nouns.tsv")
    )


@cache
@table("speaker_classes.tsv")
def _speaker_word_classes() -> dict[str, frozenset[str]]:
    return _classes("speaker_classes.tsv")


def speaker_class(name: str) -> frozenset[str]:
    """The words of one class of ``speaker_classes.tsv`` ("auxiliary", "preposition" …)."""
    return _class(_speaker_word_classes(), "speaker_classes.tsv", name)


# --- unnamed sources -------------------------------------------------------------------------------


@cache
@table("anonymous_sources.tsv")
def anonymous_sources() -> dict[str, str]:
    """Head noun of an unnamed source as written ("beamte", "=ngos") → its kind as written ("unknown" when the
    row has none; "-": no source)."""
    return {row[0]: row[1] if len(row) > 1 else "unknown" for row in _rows("anonymous_sources.tsv")}


@cache
@table("anonymous_cues.tsv")
def anonymous_cues() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(phrase as lower-case tokens, kind) of the phrases that name no source ("hieß es"), in the order of the table."""
    return tuple((tuple(row[0].lower().split()), row[1]) for row in _rows("anonymous_cues.tsv"))


@cache
@table("anonymity_words.tsv")
def anonymity_words() -> dict[str, frozenset[str]]:
    """Lower-case word → its classes in ``anonymity_words.tsv`` ("von" → lead, "der" → definite …)."""
    classes: dict[str, set[str]] = {}
    for word, cls in _rows("anonymity_words.tsv"):
        classes.setdefault(word.lower(), set()).add(cls)
    return {w: frozenset(c) for w, c in classes.items()}


# --- agency credits (read by link/origins.py) ------------------------------------------------------


@cache
@table("agency_names.tsv")
def agency_names() -> dict[str, str]:
    """A news agency's full name, inflected name or service, lower-cased ("deutschen presse-agentur", "lby") → its
    canonical name in ``agencies.tsv`` ("dpa")."""
    return {row[0].lower(): row[1] for row in _rows("agency_names.tsv")}


@cache
@table("credit_openers.txt")
def credit_openers() -> tuple[str, ...]:
    """Phrases that open an agency credit line ("mit Material von"), as written, in the order of the table."""
    return tuple(_lines("credit_openers.txt"))


# --- the Konjunktiv ---------------------------------------------------------------------------------

_MOODS: dict[str, Mood | None] = {"KI": "KI", "KII": "KII", "not": None}


@cache
@table("konjunktiv.tsv")
def konjunktiv_forms() -> dict[str, Mood | None]:
    """Verb forms whose mood the paradigm rule cannot decide → their mood, None for a word that only looks like a
    Konjunktiv I form ("eine", "bitte")."""
    out: dict[str, Mood | None] = {}
    for row in _rows("konjunktiv.tsv"):
        if row[1] not in _MOODS:
            raise ValueError(f"konjunktiv.tsv: unknown mood {row[1]!r} for {row[0]!r}")
        out[row[0]] = _MOODS[row[1]]
    return out


@cache
@table("adjective_openers.txt")
def adjective_openers() -> frozenset[str]:
    """Words after which a form the paradigm rule reads as Konjunktiv I is an adjective ("eine", "sehr", "zur")."""
    return frozenset(w.lower() for w in _lines("adjective_openers.txt"))


@cache
@table("verbs.txt")
def infinitives() -> frozenset[str]:
    """Known German infinitives (derived from an open lemma table, see :mod:`quellenlage.analyse.konjunktiv`)."""
    return frozenset(_lines("verbs.txt"))


# --- voices of institutions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Voices:
    """``voices.tsv``: the role ends that make a person an institution's voice, and the institutions by stem."""

    heads: tuple[str, ...]
    stems: dict[str, str]


@cache
@table("voices.tsv")
def voices() -> Voices:
    """Spokespeople's and advisers' role words ("sprecher", "beraterin") and institution stems ("kreml" → Kreml)."""
    rows = _rows("voices.tsv")
    return Voices(
        heads=tuple(sorted((r[1] for r in rows if r[0] == "head"), key=len, reverse=True)),
        stems={r[1]: r[2] for r in rows if r[0] == "stem"},
    )
