"""Events and time expressions against DFKI SmartData (../shared/data/smartdata, CC BY 4.0).

The corpus (v1, 2018) is German business and traffic news, police and railway
reports and tweets, one document a line in the upstream Avro-JSON shape: every
optional value wrapped in its type (``{"string": …}``, ``{"array": […]}``,
``{"map": …}``), unwrapped by :func:`unwrap`. Offsets index ``text.string``.
The upstream split is ours: ``train`` is tuned on, ``test`` never.

Each document's text is analysed as one paragraph through the full pipeline
(:func:`quellenlage.evaluate.events.analyse_paragraph`). The publication date
is ``date.string`` as an ISO date, the calendar day in Europe/Berlin (the
values are ISO date-times, mostly UTC; a tweet's "date" is its numeric id,
whose upper bits are its time in milliseconds since Twitter's epoch). The
pipeline collapses white space and joins lines, so our offsets are mapped back
onto the gold text (:func:`align`) before anything is compared.

Events (SmartData relation mentions):

- **mapping**: Strike → strike, Accident → accident, Disaster → disaster,
  Insolvency → insolvency, Layoffs → layoffs, Acquisition and Merger →
  acquisition, OrganizationLeadership → appointment or resignation (either
  counts). The other relations (traffic: TrafficJam, Obstruction, Delay,
  CanceledRoute, CanceledStop, RailReplacementService; SpinOff) are not
  scored, nor are our events of types outside the mapping (counted apart as
  ``outside``);
- **gold spans**: the spans of the relation's ``trigger`` arguments; without
  one (most Disaster and every OrganizationLeadership relation), the
  relation's own span;
- **pairing**: an event of ours and a gold relation of a matching type pair
  when one of our event's mention spans overlaps a gold span; one-to-one,
  greedily by overlapping characters (:func:`quellenlage.evaluate.events.pair`),
  per mapped type. **Detection** P/R/F1 per mapped type and micro overall. A
  gold relation is annotated per mention while one event of ours gathers all
  its mentions, so **covered** also counts the gold relations that any
  mention of an event of the right type overlaps (many-to-one: recall only);
- **time**, over pairs whose gold relation has a ``date``/``start_date``/
  ``end_date`` argument (a date or time mention): *value*, when a gold
  argument's ``normalizedValue`` is an absolute date or clock time
  (:func:`gold_value`): our ``event.time.value`` agrees with it at the
  granularity gold gives (:func:`agrees`; any such argument will do);
  *anchor*, for every such pair: our event's time expression overlaps one of
  the gold date/time arguments;
- **participants**, over pairs: recall of the gold person and organisation
  arguments (their surface) against our participants' entity names and
  mention texts and our group mentions
  (:func:`quellenlage.evaluate.events.match_participants`, :func:`~quellenlage.evaluate.events.same_name`,
  one-to-one);
- our events of a mapped type with status ``hypothetical`` or ``unknown`` are
  scored like any other and also counted apart, paired and unpaired;
- diagnostics, not scores: missed gold relations that an event of ours of
  another type overlaps, and our unpaired events that sit on a trigger of an
  unscored relation (an accident as the ``cause`` of a TrafficJam is no
  Accident relation in SmartData).

Time expressions (concept mentions of type ``date`` and ``time``; all carry a
``normalizedValue``):

- **extraction**: lenient, our expression overlaps a gold one, one-to-one,
  greedy in text order (as ``evaluate/time.py``). Our durations are left out:
  SmartData has a concept type ``duration`` of its own, not scored here;
- **value**: SmartData's ``normalizedValue`` is the mention's surface as
  written ("Mittwoch", "11.30 Uhr", "23.02.16"), not a calendar value. A gold
  value is scored when its surface states an absolute date or clock time:
  numbers, month names, and only filler words beside them (weekdays, "heute",
  "am", "um", "gegen", "ca.", "Anfang", "Mitte", "Ende", "Uhr", zone names).
  What it states is its granularity: year, month, day, hour, minute
  ("23.02.16" → 2016-02-23; "Donnerstag, 24. März" → month 3, day 24 with no
  year; "15 Uhr" → 15:00; "Ende 2014" → 2014; "Mittwoch", "Vorjahr",
  "vor 25 Jahren", "Sommer 2015" state none and are not value-scored).
  H.MM without a trailing dot is a clock time whatever the gold type
  ("planmäßig 14.16 Uhr" is typed date); D.M. is a day and month;
- our value **agrees** when it gives every field the gold surface gives, with
  the same number (finer is fine: "2016-04-12T15:47" agrees with
  "12.04.2016"); a range agrees when either end does; value accuracy is over
  the lenient matches with a scored gold value. A gold mention we tag as two
  expressions ("Mittwoch, 30.12.2015", "29.12.2015 00:16") is matched with
  the first of them, and only that one's value is compared.

A document whose analysis fails is scored with no predictions (its gold counts
as missed) and is listed in the report.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..record import Event, Meta, Record
from .events import Detection, analyse_paragraph, entity_names, match_participants, our_participants, overlap, pair
from .scores import ratio

Span = tuple[int, int]

#: SmartData relation → our event types that count for it.
RELATION_TYPES: dict[str, frozenset[str]] = {
    "Strike": frozenset({"strike"}),
    "Accident": frozenset({"accident"}),
    "Disaster": frozenset({"disaster"}),
    "Insolvency": frozenset({"insolvency"}),
    "Layoffs": frozenset({"layoffs"}),
    "Acquisition": frozenset({"acquisition"}),
    "Merger": frozenset({"acquisition"}),
    "OrganizationLeadership": frozenset({"appointment", "resignation"}),
}
#: The report's rows: one per set of our types (Acquisition and Merger share one).
LABELS: dict[frozenset[str], str] = {
    frozenset({"strike"}): "strike",
    frozenset({"accident"}): "accident",
    frozenset({"disaster"}): "disaster",
    frozenset({"insolvency"}): "insolvency",
    frozenset({"layoffs"}): "layoffs",
    frozenset({"acquisition"}): "acquisition",
    frozenset({"appointment", "resignation"}): "appointment/resignation",
}
#: Our event type → its row.
LABEL_OF_TYPE = {t: label for types, label in LABELS.items() for t in types}
#: Gold relations of each row (for the report).
RELATIONS_OF_LABEL = {label: [r for r, ts in RELATION_TYPES.items() if ts == types] for types, label in LABELS.items()}
#: Argument roles that carry an event's time, and the concept types of participants.
TIME_ROLES = frozenset({"date", "start_date", "end_date"})
TIME_CONCEPTS = frozenset({"date", "time"})
PARTICIPANT_CONCEPTS = frozenset({"person", "organization", "organization-company"})
#: Our statuses counted apart.
UNCERTAIN = ("hypothetical", "unknown")

BERLIN = ZoneInfo("Europe/Berlin")
_AVRO = frozenset({"string", "array", "map", "int", "long", "float", "double", "boolean", "bytes"})


# --- reading -------------------------------------------------------------------------------------------------


def unwrap(value):
    """The Avro-JSON value without its union wrappers (``{"string": "x"}`` → ``"x"``), recursively."""
    while isinstance(value, dict) and len(value) == 1 and next(iter(value)) in _AVRO:
        value = next(iter(value.values()))
    if isinstance(value, dict):
        return {k: unwrap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value


@dataclass
class Concept:
    start: int
    end: int
    type: str
    value: str | None  # normalizedValue
    text: str  # the surface in the text


@dataclass
class Relation:
    name: str
    start: int
    end: int
    args: list[tuple[str, Concept]] = field(default_factory=list)  # (role, concept)

    @property
    def spans(self) -> list[Span]:
        """Where the relation is named: its trigger arguments, else its own span."""
        triggers = [(c.start, c.end) for role, c in self.args if role == "trigger"]
        return triggers or [(self.start, self.end)]

    @property
    def times(self) -> list[Concept]:
        return [c for role, c in self.args if role in TIME_ROLES and c.type in TIME_CONCEPTS]

    @property
    def participants(self) -> list[str]:
        return [c.text for _, c in self.args if c.type in PARTICIPANT_CONCEPTS]


@dataclass
class SmartDataDocument:
    id: str
    text: str
    published: str | None
    concepts: list[Concept] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    @property
    def times(self) -> list[Concept]:
        """The gold time expressions: date and time mentions with a value, in text order."""
        return sorted((c for c in self.concepts if c.type in TIME_CONCEPTS and c.value), key=lambda c: (c.start, c.end))


_TWEET_ID = re.compile(r"\d{17,20}")
_TWITTER_EPOCH_MS = 1288834974657


def publication_date(raw: str | None) -> str | None:
    """``date.string`` as an ISO date (the day in Europe/Berlin), or the partial ISO value it gives, or None."""
    from ..read.published import normalise_published

    if not raw or not raw.strip():
        return None
    raw = raw.strip()
    if _TWEET_ID.fullmatch(raw):  # a tweet's id: milliseconds since Twitter's epoch in its upper bits
        moment = datetime.fromtimestamp(((int(raw) >> 22) + _TWITTER_EPOCH_MS) / 1000, tz=UTC)
        return moment.astimezone(BERLIN).date().isoformat()
    value = normalise_published(raw)
    if value is None or len(value) <= 10:
        return value
    moment = datetime.fromisoformat(value)
    return (moment.astimezone(BERLIN) if moment.tzinfo else moment).date().isoformat()


def _concept(raw: dict, text: str) -> Concept:
    start, end = raw["span"]["start"], raw["span"]["end"]
    return Concept(start, end, raw.get("type") or "", raw.get("normalizedValue"), text[start:end])


def read_document(raw: dict) -> SmartDataDocument:
    """One SmartData document from its Avro-JSON line (wrapped or already unwrapped)."""
    doc = unwrap(raw)
    text = doc.get("text") or ""
    concepts = [_concept(c, text) for c in doc.get("conceptMentions") or []]
    relations = []
    for r in doc.get("relationMentions") or []:
        args = [(a.get("role") or "", _concept(a["conceptMention"], text)) for a in r.get("args") or []]
        relations.append(Relation(r.get("name") or "", r["span"]["start"], r["span"]["end"], args))
    return SmartDataDocument(str(doc.get("id") or ""), text, publication_date(doc.get("date")), concepts, relations)


def documents(path: str | Path, limit: int | None = None) -> Iterator[SmartDataDocument]:
    """The documents of a SmartData ``.jsonl`` or ``.jsonl.gz`` file, the first ``limit`` of them."""
    from .wikinews import documents as json_lines

    for raw in json_lines(str(path), limit=limit):
        yield read_document(raw)


def count_documents(path: str | Path) -> int:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return sum(1 for line in fh if line.strip())


# --- offsets --------------------------------------------------------------------------------------------------

_DROPPED = re.compile(r"[\s\u00ad\u200b\u200c\u200d\u2060\ufeff-]")


def align(gold: str, ours: str) -> list[int]:
    """For every offset of ``ours`` (0 … len), the offset of the same character in ``gold``.

    ``ours`` is ``gold`` as the pipeline composes it (NFC, invisible characters and line-end hyphens gone,
    white space runs one space, trimmed): walk both, skipping what was dropped; where that does not explain
    the difference (NFC), fall back to difflib's alignment.
    """
    out = [0] * (len(ours) + 1)
    i = j = 0
    while j < len(ours) and i < len(gold):
        if gold[i] == ours[j] or (gold[i].isspace() and ours[j] == " "):
            out[j] = i
            i += 1
            j += 1
        elif _DROPPED.match(gold[i]):
            i += 1
        else:
            return _align_difflib(gold, ours)
    if j < len(ours):
        return _align_difflib(gold, ours)
    out[len(ours)] = len(gold) if not ours else out[len(ours) - 1] + 1
    return out


def _align_difflib(gold: str, ours: str) -> list[int]:
    out = [0] * (len(ours) + 1)
    last = 0
    matched: list[int | None] = [None] * (len(ours) + 1)
    for a, b, n in SequenceMatcher(None, gold, ours, autojunk=False).get_matching_blocks():
        for k in range(n):
            matched[b + k] = a + k
    for j in range(len(ours)):
        at = matched[j]
        last = at if at is not None else last
        out[j] = last
    out[len(ours)] = (out[len(ours) - 1] + 1) if ours else 0
    return out


class Offsets:
    """Our spans on the gold text."""

    def __init__(self, gold: str, ours: str):
        self.identity = gold == ours
        self.map = None if self.identity else align(gold, ours)

    def __call__(self, start: int, end: int) -> Span:
        if self.identity or self.map is None:
            return start, end
        if end <= start:
            return self.map[start], self.map[start]
        return self.map[start], self.map[end - 1] + 1


# --- values ---------------------------------------------------------------------------------------------------

_MONTH_NAMES = {
    "januar": 1,
    "jänner": 1,
    "jan": 1,
    "january": 1,
    "februar": 2,
    "feber": 2,
    "feb": 2,
    "february": 2,
    "märz": 3,
    "maerz": 3,
    "mär": 3,
    "mrz": 3,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
    "december": 12,
    "dec": 12,
}
_MONTH = "(?P<mon>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\b\.?"
_YEAR4 = r"(?:1[0-9]|20)\d\d"
_PATTERNS = [  # (name, pattern): tried in this order, each match taken out of the surface
    (
        "iso",
        re.compile(
            r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:[t ](?P<h>\d\d):(?P<mi>\d\d)(?::\d\d(?:\.\d+)?)?"
            r"(?:z|[+-]\d\d:?\d\d)?)?"
        ),
    ),
    ("dmy", re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})(?![\d])")),
    ("d-m-y", re.compile(r"(?<![\d.-])(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})(?![\d-])")),
    ("dm", re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.(?!\d)")),
    ("d_mon_y", re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.?\s*" + _MONTH + r"(?:\s*(?P<y>\d{4}))?(?!\d)")),
    ("mon_d_y", re.compile(_MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s*(?P<y>\d{4}))?(?!\d)")),
    ("mon_y", re.compile(_MONTH + r"\s*(?P<y>\d{4})(?!\d)")),
    (
        "clock",
        re.compile(
            r"(?<![\d.:])(?P<h>\d{1,2})[:.](?P<mi>\d\d)(?::\d\d)?(?![\d.:])"
            r"(?:\s*(?:gmt|utc)?\s*(?:z\b|[+-]\d\d:?\d\d))?"
        ),
    ),
    ("hour", re.compile(r"(?<![\d.:])(?P<h>\d{1,2})\s*uhr\b")),
    ("mon", re.compile(r"\b" + _MONTH)),
    ("year", re.compile(r"(?<![\d.:])(?P<y>" + _YEAR4 + r")(?![\d.:])")),
    ("day", re.compile(r"(?<![\d.:])(?P<d>\d{1,2})\.(?!\d)")),
]
_WEEKDAY = (
    r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag)"
    r"(?:s|en)?(?:\s*(?:früh|morgen|vormittag|mittag|nachmittag|abend|nacht))?"
)
_FILLER = re.compile(
    _WEEKDAY + r"|\b(?:mo|di|mi|do|fr|sa|so)\b\.?|\b(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b"
    r"|\b(?:heute|gestern|vorgestern|morgen|übermorgen|am|um|ab|an|bis|gegen|ca|circa|etwa|vom|den|dem|jeweils"
    r"|anfang|mitte|ende|uhr|h|mez|mesz|gmt|utc|cet|cest|the|of)\b\.?|[\s,;|()\[\]/–—\-.:·]"
)


def gold_value(surface: str | None) -> dict[str, int] | None:
    """What an absolute gold surface states (``year``, ``month``, ``day``, ``hour``, ``minute``), None when it
    states no calendar value of its own (see the module docstring)."""
    if not surface:
        return None
    s = " ".join(unicodedata.normalize("NFC", surface).lower().split())
    found: dict[str, int] = {}
    dates = clocks = 0
    for _name, pattern in _PATTERNS:
        while (m := pattern.search(s)) is not None:
            g = {k: v for k, v in m.groupdict().items() if v is not None}
            part: dict[str, int] = {}
            if "y" in g:
                year = int(g["y"])
                part["year"] = year + (2000 if year < 50 else 1900) if len(g["y"]) == 2 else year
            if "m" in g:
                part["month"] = int(g["m"])
            if "mon" in g:
                part["month"] = _MONTH_NAMES[g["mon"].rstrip(".")]
            if "d" in g:
                part["day"] = int(g["d"])
            if "h" in g:
                part["hour"] = int(g["h"])
                part["minute"] = int(g.get("mi", 0))
            if not _valid(part):
                return None
            if set(part) & {"year", "month", "day"}:
                dates += 1
            if "hour" in part:
                clocks += 1
            if dates > 1 or clocks > 1 or set(part) & set(found):
                return None  # two dates or two clock times: a range or a list, not one value
            found.update(part)
            s = s[: m.start()] + " " + s[m.end() :]
    if not found or _FILLER.sub("", s).strip():
        return None
    return found


def _valid(part: dict[str, int]) -> bool:
    return (
        1 <= part.get("month", 1) <= 12
        and 1 <= part.get("day", 1) <= 31
        and 0 <= part.get("hour", 0) <= 24
        and 0 <= part.get("minute", 0) <= 59
    )


def granularity(value: dict[str, int]) -> str:
    """A gold value's kind for the report: date, day-month, month-year, year, clock, date+clock …"""
    keys = set(value)
    date_part = {
        frozenset({"year", "month", "day"}): "date",
        frozenset({"month", "day"}): "day-month",
        frozenset({"year", "month"}): "month-year",
        frozenset({"year"}): "year",
        frozenset({"month"}): "month",
        frozenset({"day"}): "day",
    }.get(frozenset(keys - {"hour", "minute"}), "")
    clock = "clock" if "hour" in keys else ""
    return "+".join(p for p in (date_part, clock) if p) or "other"


_OUR_VALUE = re.compile(
    r"(?P<y>\d{4}|X{4})(?:-(?:(?P<m>\d\d|XX)(?:-(?P<d>\d\d|XX))?|W\d\d(?:-\w+)?|SP|SU|FA|WI|H\d|Q\d))?"
    r"(?:T(?P<h>\d\d):(?P<mi>\d\d)(?::\d\d)?)?"
)


def our_value(value: str | None) -> list[dict[str, int]]:
    """Our value's fields, one dict per end of a range ("2016-03-15/2016-03-17")."""
    out = []
    for part in (value or "").split("/"):
        m = _OUR_VALUE.match(part.strip())
        if not m:
            continue
        fields = {}
        for key, name in (("y", "year"), ("m", "month"), ("d", "day"), ("h", "hour"), ("mi", "minute")):
            v = m.group(key)
            if v is not None and v.isdigit():
                fields[name] = int(v)
        if fields:
            out.append(fields)
    return out


def agrees(gold: dict[str, int], value: str | None) -> bool:
    """Whether our value gives every field the gold value gives, with the same number (either end of a range)."""
    return any(all(ours.get(k) == v for k, v in gold.items()) for ours in our_value(value))


# --- scores ---------------------------------------------------------------------------------------------------


@dataclass
class TypeScore:
    detection: Detection = field(default_factory=Detection)
    covered: int = 0  # gold relations any mention of a matching event of ours overlaps
    time_value: Counter = field(default_factory=Counter)  # "scored", "right"
    time_anchor: Counter = field(default_factory=Counter)  # "scored", "right"
    participants: Counter = field(default_factory=Counter)  # "gold", "found", "ours"

    def add(self, other: TypeScore) -> None:
        for name in ("tp", "fp", "fn"):
            setattr(self.detection, name, getattr(self.detection, name) + getattr(other.detection, name))
        self.covered += other.covered
        self.time_value.update(other.time_value)
        self.time_anchor.update(other.time_anchor)
        self.participants.update(other.participants)

    def as_dict(self) -> dict:
        d = self.detection
        return {
            "detection": d.as_dict(),
            "covered_recall": round(ratio(self.covered, d.tp + d.fn), 4),
            "covered": self.covered,
            "time_value_accuracy": round(ratio(self.time_value["right"], self.time_value["scored"]), 4),
            "time_value": dict(self.time_value),
            "time_anchor_accuracy": round(ratio(self.time_anchor["right"], self.time_anchor["scored"]), 4),
            "time_anchor": dict(self.time_anchor),
            "participants_recall": round(ratio(self.participants["found"], self.participants["gold"]), 4),
            "participants": dict(self.participants),
        }


@dataclass
class TimeScore:
    gold: int = 0
    ours: int = 0
    lenient: int = 0
    durations: int = 0  # our durations, not scored
    value: dict[str, Counter] = field(default_factory=dict)  # granularity → "matched", "right"; "(none)": not scored
    spurious: Counter = field(default_factory=Counter)  # our unmatched expressions by type

    @property
    def detection(self) -> Detection:
        return Detection(self.lenient, self.ours - self.lenient, self.gold - self.lenient)

    def value_totals(self) -> tuple[int, int]:
        scored = [c for k, c in self.value.items() if k != "(none)"]
        return sum(c["right"] for c in scored), sum(c["matched"] for c in scored)

    def as_dict(self) -> dict:
        right, scored = self.value_totals()
        return {
            "extraction_lenient": self.detection.as_dict(),
            "value_accuracy": round(ratio(right, scored), 4),
            "value_right": right,
            "value_scored": scored,
            "value_per_granularity": {k: dict(c) for k, c in sorted(self.value.items())},
            "our_durations_not_scored": self.durations,
            "spurious_by_our_type": dict(self.spurious),
        }


@dataclass
class SmartDataScore:
    documents: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    per_type: dict[str, TypeScore] = field(default_factory=lambda: {label: TypeScore() for label in LABELS.values()})
    gold_relations: Counter = field(default_factory=Counter)  # every relation name, mapped or not
    other_type: Counter = field(default_factory=Counter)  # "<label> ← <our type>": missed gold overlapped by ours
    uncertain: Counter = field(default_factory=Counter)  # "<status> paired" / "<status> unpaired"
    outside: int = 0  # our events of types outside the mapping
    on_unscored: Counter = field(default_factory=Counter)  # "<type> on <relation> <role>": unpaired ours on its trigger
    times: TimeScore = field(default_factory=TimeScore)
    errors: list[dict] = field(default_factory=list)

    @property
    def overall(self) -> TypeScore:
        total = TypeScore()
        for s in self.per_type.values():
            total.add(s)
        return total

    def detection_without_uncertain(self) -> Detection:
        """Overall detection with our unpaired hypothetical/unknown events left out (neither is told as a fact)."""
        d = self.overall.detection
        unpaired = sum(self.uncertain[f"{s} unpaired"] for s in UNCERTAIN)
        return Detection(d.tp, d.fp - unpaired, d.fn)

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "failed": [{"id": i, "reason": r} for i, r in self.failures],
            "events": {
                "overall": self.overall.as_dict(),
                "per_type": {label: s.as_dict() for label, s in self.per_type.items()},
                "detection_without_unpaired_uncertain": self.detection_without_uncertain().as_dict(),
                "uncertain_status": dict(self.uncertain),
                "missed_but_overlapped_by_other_type": dict(self.other_type),
                "unpaired_on_unscored_relation_trigger": dict(self.on_unscored),
                "outside_mapping": self.outside,
                "gold_relations": dict(self.gold_relations),
            },
            "times": self.times.as_dict(),
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)

    def report(self) -> str:
        lines = [f"documents: {self.documents}" + (f" ({len(self.failures)} failed)" if self.failures else "")]
        lines.append(
            f"{'events':26} {'P':>6} {'R':>6} {'F1':>6} {'pair':>5} {'ours':>5} {'gold':>5} {'cov.R':>6}"
            f"  {'time value':>14}  {'time anchor':>14}  {'particip. R':>14}"
        )

        def frac(c: Counter, right: str, whole: str) -> str:
            return f"{ratio(c[right], c[whole]):.3f} {c[right]:>3}/{c[whole]:<4}" if c[whole] else "–"

        for label, s in [*self.per_type.items(), ("overall (micro)", self.overall)]:
            d = s.detection
            lines.append(
                f"{label:26} {d.precision:6.3f} {d.recall:6.3f} {d.f1:6.3f} {d.tp:5} {d.tp + d.fp:5} {d.tp + d.fn:5}"
                f" {ratio(s.covered, d.tp + d.fn):6.3f}  {frac(s.time_value, 'right', 'scored'):>14}"
                f"  {frac(s.time_anchor, 'right', 'scored'):>14}  {frac(s.participants, 'found', 'gold'):>14}"
            )
        w = self.detection_without_uncertain()
        lines.append(
            f"{'  w/o unpaired hyp./unk.':26} {w.precision:6.3f} {w.recall:6.3f} {w.f1:6.3f}"
            f" {w.tp:5} {w.tp + w.fp:5} {w.tp + w.fn:5}"
        )
        lines.append(
            "(acquisition = Acquisition + Merger; appointment/resignation = OrganizationLeadership;"
            " cov.R: recall when one event of ours may cover several gold mentions)"
        )
        lines.append("")
        lines.append(
            "ours hypothetical/unknown (scored, counted apart): "
            + ", ".join(
                f"{s} {self.uncertain[f'{s} paired']} paired / {self.uncertain[f'{s} unpaired']} unpaired" for s in UNCERTAIN
            )
        )
        if self.other_type:
            lines.append(
                "missed gold overlapped by an event of ours of another type: "
                + ", ".join(f"{k} {n}" for k, n in self.other_type.most_common())
            )
        if self.on_unscored:
            lines.append(
                "unpaired events of ours on a trigger of an unscored relation: "
                + ", ".join(f"{k} {n}" for k, n in self.on_unscored.most_common())
            )
        lines.append(f"our events of types outside the mapping (not scored): {self.outside}")
        unscored = {k: n for k, n in self.gold_relations.items() if k not in RELATION_TYPES}
        lines.append("gold relations not scored: " + ", ".join(f"{k} {n}" for k, n in sorted(unscored.items())))
        t = self.times
        d = t.detection
        right, scored = t.value_totals()
        lines.append("")
        lines.append(f"{'times (gold date + time)':26} {'P':>6} {'R':>6} {'F1':>6} {'match':>5} {'ours':>5} {'gold':>5}")
        lines.append(
            f"{'  extraction, lenient':26} {d.precision:6.3f} {d.recall:6.3f} {d.f1:6.3f} {d.tp:5} {d.tp + d.fp:5}"
            f" {d.tp + d.fn:5}"
        )
        relative = t.value.get("(none)", Counter())["matched"]
        lines.append(
            f"  value accuracy over matches with an absolute gold value: {ratio(right, scored):.3f} "
            f"({right}/{scored}; {relative} matches with a relative gold surface not scored)"
        )
        for k, c in sorted(t.value.items()):
            if k != "(none)":
                lines.append(f"    {k:22} {ratio(c['right'], c['matched']):6.3f} {c['right']:5}/{c['matched']}")
        lines.append(
            f"  our durations (not scored): {t.durations}; our unmatched by type: "
            + ", ".join(f"{k} {n}" for k, n in t.spurious.most_common())
        )
        for i, r in self.failures:
            lines.append(f"failed: {i}: {r}")
        return "\n".join(lines)


# --- scoring one document ------------------------------------------------------------------------------------


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    return " ".join(text[max(0, start - width) : end + width].split())


def score_document(doc: SmartDataDocument, score: SmartDataScore, record: Record | None = None) -> None:
    """Add one document's counts (and errors) to ``score``."""
    record = record or analyse_paragraph(doc.text, doc.published)
    spans = Offsets(doc.text, record.text)
    score.documents += 1
    _score_events(doc, record, spans, score)
    _score_times(doc, record, spans, score)


def _score_events(doc: SmartDataDocument, record: Record, spans: Offsets, score: SmartDataScore) -> None:
    text = doc.text
    names = entity_names(record)
    score.gold_relations.update(r.name for r in doc.relations)
    gold = [r for r in doc.relations if r.name in RELATION_TYPES]
    unscored = [r for r in doc.relations if r.name not in RELATION_TYPES]
    ours = [e for e in record.events if e.type in LABEL_OF_TYPE]
    score.outside += len(record.events) - len(ours)
    mention_spans = {e.id: [spans(m.start, m.end) for m in e.mentions] for e in record.events}
    for label, s in score.per_type.items():
        g = [r for r in gold if LABELS[frozenset(RELATION_TYPES[r.name])] == label]
        o = [e for e in ours if LABEL_OF_TYPE[e.type] == label]
        o_spans = [mention_spans[e.id] for e in o]
        pairs = pair([r.spans for r in g], o_spans)
        s.detection.tp += len(pairs)
        s.detection.fp += len(o) - len(pairs)
        s.detection.fn += len(g) - len(pairs)
        s.covered += sum(1 for r in g if any(overlap(r.spans, os) for os in o_spans))
        paired_g, paired_o = {gi for gi, _ in pairs}, {oi for _, oi in pairs}
        for oi, e in enumerate(o):
            if e.status in UNCERTAIN:
                score.uncertain[f"{e.status} {'paired' if oi in paired_o else 'unpaired'}"] += 1
        for gi, oi in pairs:
            _score_pair(doc, g[gi], o[oi], names, spans, s, score)
        for gi, r in enumerate(g):
            if gi in paired_g:
                continue
            others = sorted(
                {e.type for e in record.events if e.type not in RELATION_TYPES[r.name] and overlap(r.spans, mention_spans[e.id])}
            )
            for t in others:
                score.other_type[f"{label} ← {t}"] += 1
            span = r.spans[0]
            score.errors.append(
                {
                    "id": doc.id,
                    "kind": "missed",
                    "relation": r.name,
                    "trigger": [text[a:b] for a, b in r.spans],
                    "other_types_overlapping": others,
                    "context": _context(text, *span),
                }
            )
        for oi, e in enumerate(o):
            if oi not in paired_o:
                on = sorted(
                    {
                        f"{e.type} on {r.name} {role}"
                        for r in unscored
                        for role, c in r.args
                        if c.type == "trigger" and overlap([(c.start, c.end)], mention_spans[e.id])
                    }
                )
                score.on_unscored.update(on)
                score.errors.append(
                    {
                        "id": doc.id,
                        "kind": "spurious",
                        "type": e.type,
                        "status": e.status,
                        "on_unscored_relation": on,
                        "mentions": [m.text for m in e.mentions],
                        "context": _context(text, *mention_spans[e.id][0]) if e.mentions else None,
                    }
                )


def _score_pair(
    doc: SmartDataDocument, r: Relation, e: Event, names: dict[str, set[str]], spans: Offsets, s: TypeScore, score: SmartDataScore
) -> None:
    wrong: dict[str, dict[str, Any]] = {}
    gold_times = r.times
    ours_value = e.time.value if e.time else None
    if gold_times:
        s.time_anchor["scored"] += 1
        our_span = spans(e.time.start, e.time.end) if e.time and e.time.start is not None and e.time.end is not None else None
        if our_span and any(overlap([our_span], [(c.start, c.end)]) for c in gold_times):
            s.time_anchor["right"] += 1
        else:
            wrong["time anchor"] = {"gold": [c.text for c in gold_times], "ours": e.time.text if e.time else None}
        values = [v for v in (gold_value(c.value) for c in gold_times) if v]
        if values:
            s.time_value["scored"] += 1
            if any(agrees(v, ours_value) for v in values):
                s.time_value["right"] += 1
            else:
                wrong["time value"] = {"gold": [c.value for c in gold_times], "ours": ours_value}
    gold_parts = r.participants
    parts = our_participants(e, names)
    hits = match_participants(gold_parts, parts)
    s.participants["gold"] += len(gold_parts)
    s.participants["found"] += hits
    s.participants["ours"] += len(parts)
    if hits < len(gold_parts):
        wrong["participants"] = {"gold": gold_parts, "ours": [sorted(p) for p in parts]}
    if wrong:
        score.errors.append(
            {
                "id": doc.id,
                "kind": "wrong",
                "relation": r.name,
                "type": e.type,
                "status": e.status,
                "mentions": [m.text for m in e.mentions],
                **wrong,
            }
        )


def _score_times(doc: SmartDataDocument, record: Record, spans: Offsets, score: SmartDataScore) -> None:
    t = score.times
    gold = doc.times
    ours = []
    for x in record.times:
        if x.type == "DURATION":
            t.durations += 1
        else:
            ours.append((*spans(x.start, x.end), x))
    t.gold += len(gold)
    t.ours += len(ours)
    used: set[int] = set()
    for s, e, x in ours:
        k = next((k for k, g in enumerate(gold) if k not in used and g.start < e and s < g.end), None)
        if k is None:
            t.spurious[x.type or "?"] += 1
            score.errors.append(
                {"id": doc.id, "kind": "time spurious", "text": x.text, "ours": x.value, "context": _context(doc.text, s, e, 40)}
            )
            continue
        used.add(k)
        t.lenient += 1
        g = gold[k]
        value = gold_value(g.value)
        key = granularity(value) if value else "(none)"
        t.value.setdefault(key, Counter({"matched": 0, "right": 0}))["matched"] += 1
        if value and agrees(value, x.value):
            t.value[key]["right"] += 1
        elif value:
            score.errors.append(
                {"id": doc.id, "kind": "time value", "gold": g.value, "text": x.text, "ours": x.value, "published": doc.published}
            )
    for k, g in enumerate(gold):
        if k not in used:
            score.errors.append(
                {
                    "id": doc.id,
                    "kind": "time missed",
                    "gold": g.value,
                    "type": g.type,
                    "context": _context(doc.text, g.start, g.end, 40),
                }
            )


# --- the whole file -------------------------------------------------------------------------------------------


class _Progress:
    """Count, rate and ETA on standard error: the batch's progress bar on a terminal, else a line every
    ``every`` documents (a log file gets no bar)."""

    def __init__(self, total: int | None, every: int = 100):
        from ..batch import RateBar

        self.total, self.every, self.started = total, every, time.perf_counter()
        self.bar = RateBar("smartdata", total=total, show=sys.stderr.isatty()).__enter__()

    def update(self, done: int) -> None:
        elapsed = time.perf_counter() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        if self.bar.bar is not None:
            self.bar.update(done)
        elif done % self.every == 0 or done == self.total:
            eta = (self.total - done) / rate if self.total and rate else 0.0
            of = f"/{self.total}" if self.total else ""
            print(
                f"smartdata: {done}{of} documents, {rate:.2f}/s, {elapsed:.0f} s elapsed, ETA {eta:.0f} s",
                file=sys.stderr,
                flush=True,
            )

    def close(self) -> None:
        self.bar.__exit__()


def evaluate_file(
    path: str | Path,
    limit: int | None = None,
    show_progress: bool = True,
    analyse: Callable[[str, str | None], Record] = analyse_paragraph,
) -> SmartDataScore:
    """Score the pipeline on a SmartData file (the first ``limit`` documents)."""
    score = SmartDataScore()
    total = count_documents(path)
    total = min(total, limit) if limit is not None else total
    progress = _Progress(total) if show_progress else None
    started = time.perf_counter()
    done = 0
    try:
        for doc in documents(path, limit=limit):
            try:
                record = analyse(doc.text, doc.published)
            except Exception as exc:  # one document's bug must not stop the run; its gold counts as missed
                score.failures.append((doc.id, f"{type(exc).__name__}: {exc}"))
                record = Record(id="failed", content_hash="-", meta=Meta(published=doc.published), text=doc.text)
            score_document(doc, score, record)
            done += 1
            if progress:
                progress.update(done)
    finally:
        if progress:
            progress.close()
    score.seconds = time.perf_counter() - started
    return score
