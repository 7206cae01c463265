"""The timeline of a story or an entity: what happened when, on how many reports.

Events are grouped across articles by type, time value and participants
(by name key): each group is one entry with its status, the number of
reports (evidence statements, at least one per article) and of independent
origins (distinct innermost sources of those statements: the last link of
the source chain, else the speaker, else the outlet). A story whose articles
carry no events falls back to their dated time expressions, one entry per
time value, with the sentences that contain them.

TIMEX-style values become date ranges: "2025" is the year, "2025-10" the
month, "2025-W47" the week, "2025-Q4" the quarter, "2025-SU" the summer,
"194" the 1940s, "2025-10-24/2025-10-26" the range, "2025-11-19T09:47" the
day; the modifiers START/MID/END narrow a range to its first, middle or last
third. Vague dates are therefore drawn as ranges, exact days as points.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..analyse.event_status import NOT_FACTS, tense_status
from ..analyse.time import document_date
from ..record import Event, Record
from ..store.queries import entity_key
from .article_view import statement_dom_id

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")
# meteorological seasons: first month, number of months (winter runs into the next year)
_SEASONS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def date_range(value: str | None, mod: str | None = None) -> tuple[date, date] | None:
    """The first and last day a TIMEX-style value covers, or None when it names no calendar time."""
    if not value:
        return None
    if "/" in value:  # a range "2025-10-24/2025-10-26"
        a, _, b = value.partition("/")
        first, last = date_range(a), date_range(b)
        return _narrow((first[0], last[1]), mod) if first and last and first[0] <= last[1] else None
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            span = (d, d)
        elif m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            span = (date(y, mo, 1), _month_end(y, mo))
        elif m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            span = (monday, monday + timedelta(days=6))
        elif m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            span = (date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
        elif m := _HALF.match(value):
            y, h = int(m[1]), int(m[2])
            span = (date(y, 6 * h - 5, 1), _month_end(y, 6 * h))
        elif m := _YEAR.match(value):
            span = (date(int(m[1]), 1, 1), date(int(m[1]), 12, 31))
        elif m := _SEASON.match(value):
            y, (mo, n) = int(m[1]), _SEASONS[m[2]]
            last_month = mo + n - 1
            span = (date(y, mo, 1), _month_end(y + (last_month - 1) // 12, (last_month - 1) % 12 + 1))
        elif m := _DECADE.match(value):
            span = (date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31))
        elif m := _CENTURY.match(value):
            span = (date(max(1, int(m[1]) * 100), 1, 1), date(int(m[1]) * 100 + 99, 12, 31))
        else:
            return None
    except ValueError:
        return None
    return _narrow(span, mod)


def _narrow(span: tuple[date, date], mod: str | None) -> tuple[date, date]:
    first, last = span
    third = (last - first) // 3
    if mod == "START":
        return first, first + third
    if mod == "END":
        return last - third, last
    if mod == "MID":
        return first + third, last - third
    return span


@dataclass(frozen=True)
class Evidence:
    """Where an entry is reported: a span of an article."""

    article_id: str
    start: int
    end: int
    text: str
    headline: str | None = None
    anchor: str | None = None
    """The element id of the evidence statement in the article view, if any."""


@dataclass
class Entry:
    """One row of the timeline."""

    label: str
    value: str
    first: date
    last: date
    status: str
    """Event status, or "time" for a time-expression fallback entry."""
    kind: str = "event"
    confidence: str = "stated"
    """stated when every report states status and time in so many words; else inferred (shown with show=all)."""
    reports: int = 0
    origins: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def vague(self) -> bool:
        return self.first != self.last

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "kind": self.kind,
            "value": self.value,
            "status": self.status,
            "confidence": self.confidence,
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "vague": self.vague,
            "reports": self.reports,
            "origins": len(self.origins),
            "origin_names": sorted(self.origins),
            "evidence": [e.__dict__ for e in self.evidence],
        }


@dataclass
class Undated:
    """An event whose report gives no calendar time: listed apart, below the axis ("ohne Datum")."""

    label: str
    status: str
    confidence: str = "stated"
    """stated when a report states the status in so many words; else inferred (shown with show=all)."""
    reports: int = 0
    origins: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "status": self.status,
            "confidence": self.confidence,
            "reports": self.reports,
            "origins": len(self.origins),
            "origin_names": sorted(self.origins),
            "evidence": [e.__dict__ for e in self.evidence],
        }


def _origin(record: Record, statement_id: str) -> str:
    for st in record.statements:
        if st.id == statement_id:
            if st.sources:
                return st.sources[-1].name
            if st.speaker:
                return st.speaker.text
    return record.meta.outlet or record.id


def _origins(record: Record, ev: Event) -> set[str]:
    """Where an event's report comes from: the innermost source of each source chain that no longer chain
    continues. The seed's Miami meeting rests on ntv.de, ntv.de → Axios and ntv.de → Axios → US-amerikanische und
    russische Beamte: one origin, the officials. Without chains, the innermost source of each evidence statement."""
    chains = [tuple(src.name for src in chain) for chain in ev.sources if chain]
    if not chains:
        return {_origin(record, sid) for sid in ev.evidence or [""]}
    return {c[-1] for c in chains if not any(len(o) > len(c) and o[: len(c)] == c for o in chains)}


#: What a timeline shows: "stated" (the default) only events whose status and time the text states; "all" also
#: inferred ones, marked as such. Hypothetical events and events of unknown status are on no timeline.
SHOW = ("stated", "all")


def stated(ev: Event, published: str | None = None) -> bool:
    """Whether the text states an event's status and time (not read from indirect evidence): both stated, or a
    stated status whose explicit tense fixes the direction of an inferred time ("sollen sich vom 24. bis zum 26.
    Oktober getroffen haben" in November: the past October, whatever the year-less date alone would allow)."""
    if ev.confidence != "stated" or ev.time is None:
        return False
    if ev.time.confidence == "stated":
        return True
    return ev.time.confidence == "inferred" and tense_status(ev.time.value, document_date(published)) == ev.status


def event_entries(records: Iterable[Record], entity: str | None = None, show: str = "stated") -> list[Entry]:
    """Events of ``records`` grouped across articles (only those ``entity`` — a
    name key — took part in, when given), by date; ``show``: see :data:`SHOW`."""
    return split_events(records, entity, show)[0]


def split_events(records: Iterable[Record], entity: str | None = None, show: str = "stated") -> tuple[list[Entry], list[Undated]]:
    """The dated entries of :func:`event_entries`, and apart from them the events without a calendar time,
    grouped the same way (type and participants) in the order first met. An undated event is stated when
    its status is."""
    entries: dict[tuple, Entry] = {}
    undated: dict[tuple, Undated] = {}
    for record in records:
        names = {e.id: e.name for e in record.entities}
        for ev in record.events:
            if ev.status in NOT_FACTS:
                continue
            value = ev.time.value if ev.time else None
            span = date_range(value, ev.time.mod if ev.time else None)
            told = stated(ev, record.meta.published) if span is not None else ev.confidence == "stated"
            if show == "stated" and not told:
                continue
            who = [names.get(p, p) for p in ev.participants]
            if entity is not None and entity not in {entity_key(n) for n in who}:
                continue
            place = f" in {names.get(ev.place, ev.place)}" if ev.place else ""
            label = f"{ev.type}: {', '.join(who)}{place}" if who else f"{ev.type}{place}"
            group = frozenset(entity_key(n) for n in who)
            entry: Entry | Undated
            if span is None:
                entry = undated.setdefault((ev.type, ev.status, group), Undated(label, ev.status))
            else:
                key = (ev.type, value, group)
                if key not in entries:
                    entries[key] = Entry(label, value or "", span[0], span[1], ev.status)
                entry = entries[key]
            if not told:
                entry.confidence = "inferred"
            entry.reports += max(1, len(ev.evidence))
            entry.origins.update(_origins(record, ev))
            entry.evidence.extend(_evidence(record, ev))
    return sorted(entries.values(), key=lambda x: (x.first, x.last, x.label)), list(undated.values())


def _evidence(record: Record, ev: Event) -> list[Evidence]:
    """Where an event is reported in ``record``: its first evidence statement, else mention, else sentence."""
    statements = {st.id: st for st in record.statements}
    spans: list[tuple[int, int, str | None]] = [
        (st.start, st.end, statement_dom_id(st.id)) for sid in ev.evidence if (st := statements.get(sid))
    ]
    spans += [(m.start, m.end, None) for m in ev.mentions]
    spans += [(record.sentences[k].start, record.sentences[k].end, None) for k in ev.sentences]
    return [Evidence(record.id, s, e, record.text[s:e], record.meta.headline, anchor) for s, e, anchor in spans[:1]]


def time_entries(records: Iterable[Record], show: str = "stated") -> list[Entry]:
    """Dated time expressions of ``records``, one entry per value, with their sentences (``show``: see :data:`SHOW`)."""
    entries: dict[str, Entry] = {}
    for record in records:
        for t in record.times:
            span = date_range(t.value, t.mod)
            if span is None or t.value is None or (show == "stated" and t.confidence != "stated"):
                continue
            key = f"{t.value}|{t.mod or ''}"
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = Entry(t.text, t.value, span[0], span[1], "time", kind="time")
            if t.confidence != "stated":
                entry.confidence = "inferred"
            sentence = record.sentence_at(t.start) if t.sentence is None else t.sentence
            s, e = (
                (record.sentences[sentence].start, record.sentences[sentence].end) if sentence is not None else (t.start, t.end)
            )
            entry.reports += 1
            entry.origins.add(record.meta.outlet or record.id)
            entry.evidence.append(Evidence(record.id, s, e, record.text[s:e], record.meta.headline))
    return sorted(entries.values(), key=lambda x: (x.first, x.last, x.label))


def timeline(records: list[Record], entity: str | None = None, show: str = "stated") -> tuple[str, list[Entry]]:
    """The entries of a story or entity and where they come from ("events" or
    "times", the fallback when there are no dated events); ``show``: see :data:`SHOW`."""
    found = event_entries(records, entity, show)
    if found:
        return "events", found
    return "times", time_entries(records, show)
