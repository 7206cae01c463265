"""Typed loaders of the German tables that one stage reads (see :mod:`quellenlage.lang.de`): the time stage
(``lang/de/time/``: :mod:`quellenlage.analyse.timex_rules`, ``timex_values``, ``timex_tense`` and ``time``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import _lines, _rows, table


def _pairs(name: str) -> dict[str, str]:
    """A two-column table of ``time/``: first column → second, as written."""
    return {row[0]: row[1] for row in _rows("time/" + name)}


@cache
@table("time/weekdays.tsv")
def weekdays() -> dict[str, int]:
    """Weekday names ("Montag", "Sonnabend") → ISO weekday (1 = Monday)."""
    return {word: int(n) for word, n in _pairs("weekdays.tsv").items()}


@cache
@table("time/parts_of_day.tsv")
def parts_of_day() -> dict[str, str]:
    """Part of the day ("Abend", "abends") → TIMEX3 code ("EV")."""
    return _pairs("parts_of_day.tsv")


@cache
@table("time/seasons.tsv")
def seasons() -> dict[str, str]:
    """Season ("Frühjahr") → TIMEX3 code ("SP")."""
    return _pairs("seasons.tsv")


@cache
@table("time/holidays.tsv")
def holidays() -> dict[str, str]:
    """Named day ("Ostermontag") → its rule: MM-DD, easter±N or nth:MONTH:N:WEEKDAY."""
    return _pairs("holidays.tsv")


@cache
@table("time/holiday_heads.tsv")
def holiday_heads() -> dict[str, str]:
    """Head of a compound with a named day ("Thanksgiving-Feiertag", "Osterwochenende") → day/weekend."""
    return _pairs("holiday_heads.tsv")


@cache
@table("time/holiday_stems.tsv")
def holiday_stems() -> dict[str, str]:
    """First part of a compound without hyphen ("Oster" in "Osterwochenende") → the named day."""
    return _pairs("holiday_stems.tsv")


@cache
@table("time/age_nouns.txt")
def age_nouns() -> frozenset[str]:
    """Nouns for people (and animals) that an "-jährig" adjective gives an age: "zweijährige Mädchen"."""
    return frozenset(_lines("time/age_nouns.txt"))


@cache
@table("time/line_words.txt")
def line_words() -> frozenset[str]:
    """Designations of trains, buses, lines and flights ("IC", "S", "Linie", "Flug"): a number after one is no year."""
    return frozenset(_lines("time/line_words.txt"))


@cache
@table("time/numbers.tsv")
def numbers() -> dict[str, float]:
    """Number words as written ("zwei", "anderthalb") → value."""
    return {word: float(n) for word, n in _pairs("numbers.tsv").items()}


@cache
@table("time/vague_numbers.txt")
def vague_numbers() -> frozenset[str]:
    """Words that count a unit without saying how many: "wenige Tage", "mehrere Wochen"."""
    return frozenset(_lines("time/vague_numbers.txt"))


@cache
@table("time/units.tsv")
def units() -> dict[str, str]:
    """Unit words, every written form ("Tag", "Tagen") → TIMEX code (D W M Y DE CE H MIN)."""
    return _pairs("units.tsv")


@cache
@table("time/unit_adjectives.tsv")
def unit_adjectives() -> dict[str, str]:
    """Stem of a duration adjective ("wöchig" in "zweiwöchigen") → unit code."""
    return _pairs("unit_adjectives.tsv")


@cache
@table("time/lasting_words.tsv")
def lasting_words() -> dict[str, str]:
    """A word for an unknown number of units ("wochenlang") → unit code."""
    return _pairs("lasting_words.tsv")


@cache
@table("time/modifiers.tsv")
def modifiers() -> dict[str, str]:
    """Word(s) before a month, year, season or "des Jahres" ("Anfang", "Ende") → TIMEX mod."""
    return _pairs("modifiers.tsv")


@cache
@table("time/quantity_modifiers.tsv")
def quantity_modifiers() -> dict[str, str]:
    """Word(s) before a duration or date ("mehr als", "etwa") → TIMEX mod."""
    return _pairs("quantity_modifiers.tsv")


@cache
@table("time/reference_words.tsv")
def reference_words() -> dict[str, tuple[str, bool, bool]]:
    """Word → (PRESENT_REF/PAST_REF/FUTURE_REF, whether it is one in news text too, whether it counts from an
    event told before and so states nothing in a past clause: "Wenig später traf er")."""
    return {
        row[0]: (row[1], row[2] == "yes", len(row) > 3 and row[3] == "after_event") for row in _rows("time/reference_words.tsv")
    }


@cache
@table("time/deictic_days.tsv")
def deictic_days() -> dict[str, int]:
    """ "heute", "gestern", "morgen" … → days from the reference date."""
    return {word: int(n) for word, n in _pairs("deictic_days.tsv").items()}


@cache
@table("time/relative_words.tsv")
def relative_words() -> dict[str, str]:
    """Word → step: "-1", "0", "1" from the publication date; "0+"/"1+"/"-1+" from the last date mentioned."""
    return _pairs("relative_words.tsv")


@cache
@table("time/anaphor_words.tsv")
def anaphor_words() -> dict[str, tuple[str, str, str]]:
    """Compound ("Vorjahr", "Jahresende") → (unit, step, mod; "" for none)."""
    return {row[0]: (row[1], row[2], row[3] if len(row) > 3 and row[3] != "-" else "") for row in _rows("time/anaphor_words.tsv")}


@cache
@table("time/decade_words.tsv")
def decade_words() -> dict[str, int]:
    """Decade word before "Jahre" ("zwanziger") → its digit within the 1900s."""
    return {word: int(n) for word, n in _pairs("decade_words.tsv").items()}


@cache
@table("time/tense.tsv")
def tense_markers() -> dict[str, str]:
    """Word → what it marks in its clause: PAST, FUTURE, PRESENT, HAVE, BE, STATE, PARTICIPLE, NONE or INFINITIVE (see the
    table's head)."""
    return _pairs("tense.tsv")


@cache
@table("time/deadline_words.txt")
def deadline_words() -> tuple[str, ...]:
    """Lower-case nouns (and heads of compounds) that name a deadline: "frist", "ultimatum"."""
    return tuple(_lines("time/deadline_words.txt"))


@cache
@table("time/verb_prefixes.tsv")
def verb_prefixes() -> dict[str, tuple[str, ...]]:
    """ "separable" ("fest", "an": the participle keeps "ge"), "inseparable" ("ver", "be") and "also_inseparable"
    ("durch", "um": "durchsucht") → the verb prefixes of that kind, in table order."""
    out: dict[str, list[str]] = {}
    for row in _rows("time/verb_prefixes.tsv"):
        out.setdefault(row[1], []).append(row[0])
    return {kind: tuple(prefixes) for kind, prefixes in out.items()}


@dataclass(frozen=True, slots=True)
class StrongVerb:
    """A strong or irregular verb of ``time/strong_verbs.tsv``: "nehmen", "nahm", "genommen"."""

    infinitive: str
    preterite: str  # 3rd person singular
    participle: str


@cache
@table("time/strong_verbs.tsv")
def strong_verbs() -> tuple[StrongVerb, ...]:
    """The strong and irregular verbs, in table order."""
    return tuple(StrongVerb(infinitive, pret, part) for infinitive, pret, part in _rows("time/strong_verbs.tsv"))


@cache
@table("time/rule_words.tsv")
def rule_words() -> dict[str, dict[str, str]]:
    """Slot → its words in table order → what each means ("" for nothing): the words of the time rules, each slot
    described at the head of ``time/rule_words.tsv`` ("clock_prep": {"um": "", "gegen": "APPROX", …})."""
    out: dict[str, dict[str, str]] = {}
    for row in _rows("time/rule_words.tsv"):
        meaning = row[2] if len(row) > 2 and row[2] != "-" else ""
        out.setdefault(row[0], {})[row[1]] = meaning
    return out
