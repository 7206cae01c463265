"""Typed loaders of the German tables that one stage reads (see :mod:`quellenlage.lang.de`): the events stage
(``lang/de/events/``: :mod:`quellenlage.analyse.events` and its ``event_*`` modules)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import _lines, _rows, table


@dataclass(frozen=True, slots=True)
class TriggerForm:
    """A row of ``events/triggers.tsv``: a word form (lower-cased; a phrase's words separated by spaces), its
    kind (noun, exact, numbered, verb, not, reflexive, phrase, intent, aspect), event type and note."""

    form: str
    kind: str
    type: str
    note: str = ""  # "presupposes …" for an aspect head whose compound tells an event that took place


@cache
@table("events/triggers.tsv")
def trigger_forms() -> tuple[TriggerForm, ...]:
    """The rows of ``events/triggers.tsv`` (those with form, kind and type), in table order."""
    return tuple(
        TriggerForm(row[0].lower(), row[1], row[2], row[3] if len(row) > 3 else "")
        for row in _rows("events/triggers.tsv")
        if len(row) >= 3
    )


@dataclass(frozen=True, slots=True)
class StatusCue:
    """A row of ``events/status.tsv``: the cue's lower-cased words ("…" a gap), the status it tells and its scope."""

    words: tuple[str, ...]
    status: str
    scope: str  # sentence, before, self, clause, next, adjective, opening


@cache
@table("events/status.tsv")
def status_cues() -> tuple[StatusCue, ...]:
    """The rows of ``events/status.tsv``, in table order."""
    return tuple(StatusCue(tuple(row[0].lower().split()), row[1], row[2]) for row in _rows("events/status.tsv") if len(row) >= 3)


def _kinds(name: str) -> dict[str, frozenset[str]]:
    """A ``kind<TAB>word`` table of ``events/``: kind → its lower-cased words."""
    out: dict[str, set[str]] = {}
    for row in _rows("events/" + name):
        if len(row) >= 2:
            out.setdefault(row[0], set()).add(row[1].lower())
    return {kind: frozenset(words) for kind, words in out.items()}


@cache
@table("events/words.tsv")
def event_words() -> dict[str, frozenset[str]]:
    """Word class → its lower-cased words: the function words and word lists the events stage reads (each
    class is described at the head of ``events/words.tsv``)."""
    return _kinds("words.tsv")


@cache
@table("events/groups.tsv")
def group_words() -> dict[str, frozenset[str]]:
    """Kind (head, compound, genitive, join, stop, source) → the lower-cased words of participant groups
    without an entity ("hochrangige Mitglieder der Trump-Regierung")."""
    return _kinds("groups.tsv")


@dataclass(frozen=True, slots=True)
class PlanWords:
    """``events/plan.tsv``: the lower-cased words that tell a plan's details."""

    points: frozenset[str]  # the noun after a number in a plan compound ("28-Punkte-Friedensplan")
    topics: frozenset[str]  # a word starting a topic list
    # the words of a cue naming the inspiration ("angelehnt", "nach dem vorbild") → the words that introduce it
    inspired: dict[tuple[str, ...], frozenset[str]]


@cache
@table("events/plan.tsv")
def plan_words() -> PlanWords:
    """The plan cues of ``events/plan.tsv`` by kind (points, topics, inspired)."""
    kinds = _kinds("plan.tsv")
    inspired = {
        tuple(row[1].lower().split()): frozenset((row[2] if len(row) > 2 else "").lower().split())
        for row in _rows("events/plan.tsv")
        if row[0] == "inspired"
    }
    return PlanWords(kinds["points"], kinds["topics"], inspired)


@cache
@table("events/update_cues.txt")
def update_cues() -> tuple[str, ...]:
    """The lower-cased cues of ``events/update_cues.txt`` ("inzwischen", "nun doch"): a report that updates an
    earlier one (read by :mod:`quellenlage.link.events`)."""
    return tuple(line.lower() for line in _lines("events/update_cues.txt"))
