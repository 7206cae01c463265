"""Story-level events: reports of one real event in many articles become one event, with its status history.

Every article-level event (a *report*: article id + event id) is linked to a *story event* in the link
tables. Blocking: a report only meets story events filed under one of its keys (:func:`keys`): its type
family with each participant's story entity, or with its place, in the months of its time and publication
(looked up with the month before and after) — an indexed lookup, never a scan of all events, and the
candidates stay those of a few weeks however many years the store holds.

Decision (:func:`decide`), precision first — two meetings merged into one hide a meeting:

- **type**: one family ("Treffen", "Gespräche", "Gipfel", "Besuch" can be one event; a call and a
  meeting cannot; :data:`FAMILIES`);
- **participants** (story entities, so "Merz, Macron" = "Friedrich Merz, Emmanuel Macron"): when both
  name some, they share at least two, or all of the smaller side ("Trump–Putin" is not "Trump–Selenskyj"),
  with one report of the story event, not with all of them together (a story event whose reports name
  Witkoff–Dmitrijew and, wrongly, Trump–Putin shares nothing with "Witkoff traf Putin"); when one names
  none, the place and the day must agree;
- **participants the article names** (:func:`_named`): a report that names at most one participant meets
  a report that names two or more when its article names them all, its own is named in the other's article,
  and they share the place or the day — as if it named them, so also on a moved date ("Das Treffen in
  Istanbul soll nun am Dienstag stattfinden" in an article on Witkoff and Dmitrijew is their meeting in
  Istanbul once planned for Friday);
- **time**: compatible when the ranges overlap ("Ende Oktober" contains "24. bis 26. Oktober") or one has
  none and they were published within :data:`UNDATED_DAYS` of each other (or the undated one that close to
  the other's date: :func:`_near_publication`); two single days up to :data:`NEAR_DAYS` apart still meet with two shared participants (that is
  a contradiction on the date: "am 17. März" in one outlet, "am 18. März" in another); a planned or
  postponed date may move up to :data:`MOVED_DAYS` (planned for the 17th, postponed, held on the 20th);
- **place**: compatible when one has none or they are one story entity; two places meet only with two
  shared participants and a compatible time (a contradiction on the place); another place on another day
  is another meeting of the same people; a report planned ahead never meets one that took place before it
  was published;
- without participants on a side: the place and the day, or one of them and two persons or organisations
  of the articles in common ("Warnstreik am Donnerstag" in two reports on Verdi and Werneke); a plan by
  its number of points ("28-Punkte-Plan");
- **a moved date** (:func:`_anchored`): the rules with one participant or none in common take the days of a
  report that shares that participant or place and need only be compatible with the rest — "Witkoff
  verhandelte am Dienstag in Istanbul" is the meeting held on Tuesday the 17th, though other reports of it
  still say Friday the 13th;
- **a bridging report** (:func:`link_report`): a report that fits two story events joins them when each
  report of the second would have joined the first (the order the reports came in kept them apart: "Verdi
  ruft für Donnerstag zum Warnstreik auf" founded one, "Fraport will den Warnstreik stoppen" another, and
  "Warnstreik legt am Donnerstag Flughäfen lahm", on Fraport, fits both); bounded by :data:`MERGE_LIMIT`.

Status history (:func:`history`): the reports ordered by publication time; a step where the status
changes, with the report behind it; never overwritten. A later report that differs from an earlier one
is a **change** (planned → postponed → happened) when it comes more than :data:`WINDOW` later or says so
("inzwischen", "nun doch": ``lang/de/events/update_cues.txt``); otherwise, if the two statuses exclude each
other (:data:`EXCLUSIVE`), a **contradiction** (cancelled vs postponed on the same day). Two reports that
the event happened on different days, or in different places, contradict each other whatever their time.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, delete, func, select, update

from ..analyse.event_status import time_range
from ..lang.de.entity_tables import outlets, outlets_common
from ..lang.de.event_tables import update_cues
from ..record import Record
from ..store.tables import event_keys, event_links, story_events, story_keys
from . import claims as claim_rows
from . import keys as link_keys

VERSION = "4"

#: Event types that can name one real event.
FAMILIES = {"meeting": "meeting", "talks": "meeting"}

#: Two single days this far apart may be one event told with a wrong date (with two shared participants).
NEAR_DAYS = 2
#: A planned or postponed date may move this far (with two shared participants).
MOVED_DAYS = 21
#: Reports further apart than this tell a change of status, not a contradiction.
WINDOW = timedelta(hours=12)
#: Statuses that cannot both hold at one time: the pair is a contradiction unless it is a change.
EXCLUSIVE = {
    frozenset({"happened", "denied"}),
    frozenset({"happened", "cancelled"}),
    frozenset({"cancelled", "postponed"}),
    frozenset({"planned", "cancelled"}),
    frozenset({"planned", "denied"}),
}
#: Statuses a timeline may show as what is known (hypothetical and unknown never are).
KNOWN = ("happened", "planned", "cancelled", "postponed", "denied")


def family(type_: str) -> str:
    return FAMILIES.get(type_, type_)


@dataclass
class Report:
    """An article-level event as the linker sees it (participants and place as story entities)."""

    article: str
    evid: str
    type: str
    status: str
    published: str | None
    outlet: str | None
    participants: set[str] = field(default_factory=set)
    place: str | None = None
    time_value: str | None = None
    time_mod: str | None = None
    update_cue: bool = False
    claims: list[dict] = field(default_factory=list)
    context: set[str] = field(default_factory=set)
    """Story entities of the persons and organisations of its article: who the article is about."""
    points: int | None = None
    """A plan's number of points ("28-Punkte-Plan")."""

    @property
    def family(self) -> str:
        return family(self.type)


def reports_of(record: Record, story_entity: dict[str, str]) -> list[Report]:
    """The record's events as reports; ``story_entity`` maps the record's entity ids to story entities."""
    pairs = {tuple(c.split()) for c in update_cues()}
    actors = {story_entity[e.id] for e in record.entities if e.type in ("PER", "ORG") and e.id in story_entity}
    found = []
    for ev in record.events:
        words = {w.strip(".,;:!?„“\"'()").lower() for k in ev.sentences for w in _sentence(record, k).split()}
        sentence_words = [_sentence(record, k).lower() for k in ev.sentences]
        cue = any(len(p) == 1 and p[0] in words for p in pairs) or any(
            " ".join(p) in text for p in pairs if len(p) > 1 for text in sentence_words
        )
        claims = []
        for c in ev.claims:
            data = c.model_dump(mode="json")
            data["sentence_text"] = _sentence(record, c.sentence) if c.sentence is not None else None
            data["participants"] = [story_entity.get(p, p) for p in c.participants]
            data["place"] = story_entity.get(c.place, c.place) if c.place else None
            claims.append(data)
        found.append(
            Report(
                article=record.id,
                evid=ev.id,
                type=ev.type,
                status=ev.status,
                published=record.meta.published,
                outlet=record.meta.outlet,
                participants={story_entity[p] for p in ev.participants if p in story_entity},
                place=story_entity.get(ev.place) if ev.place else None,
                time_value=ev.time.value if ev.time else None,
                time_mod=ev.time.mod if ev.time else None,
                update_cue=cue,
                claims=claims,
                context=actors,
                points=ev.plan.points if ev.plan else None,
            )
        )
    return found


def _sentence(record: Record, k: int) -> str:
    if 0 <= k < len(record.sentences):
        s = record.sentences[k]
        return record.text[s.start : s.end]
    return ""


# --- deciding ---------------------------------------------------------------------------------------------


def months(report: Report) -> set[str]:
    """The months a report is filed under: those of its time (when it spans two months at most) and the
    month it was published in — so a story event's keys stay within its own weeks, and the candidates of a
    new report do not grow with the years a store holds ("Putin" meets many people over the years)."""
    found = set()
    span = time_range(report.time_value)
    if span is not None:
        found |= set(_months(span))
    when = _when(report.published)
    if when is not None:
        found.add(month_of(when))
    return found or {"?"}


def month_of(d: date | datetime) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def keys(report: Report) -> set[str]:
    """Blocking keys: the family with each participant, each person or organisation of the article, the
    place, a plan's number of points — each in each of its months."""
    return _keys(report, months(report))


def _keys(report: Report, in_months: Iterable[str]) -> set[str]:
    found = set()
    for m in in_months:
        found |= {f"{report.family}:P:{p}:{m}" for p in report.participants}
        found |= {f"{report.family}:C:{p}:{m}" for p in report.context}
        if report.place:
            found.add(f"{report.family}:L:{report.place}:{m}")
        if report.points:
            found.add(f"{report.family}:N:{report.points}:{m}")
    return found


def _months(span: tuple[date, date]) -> list[str]:
    first, last = span
    if (last - first).days > 62:
        return []
    found, d = [], first.replace(day=1)
    while d <= last:
        found.append(month_of(d))
        if d.year == 9999 and d.month == 12:
            break
        d = (d + timedelta(days=32)).replace(day=1)
    return found


def neighbours(month: str) -> list[str]:
    """A month ("2026-03") with the months before and after it; "?" (no month) alone."""
    try:
        d = date(int(month[:4]), int(month[5:7]), 15)
        return [month_of(d - timedelta(days=31)), month, month_of(d + timedelta(days=31))]
    except (ValueError, OverflowError):  # "?", or the first or last month a date can have
        return [month]


def lookup_keys(report: Report) -> set[str]:
    """Where a report looks for its story event: its keys in its months and the month before and after (a
    date moved by weeks, a report published after the month of the event)."""
    return _keys(report, {n for m in months(report) for n in neighbours(m)})


def _days(value: str | None) -> tuple[date, date] | None:
    return time_range(value) if value else None


def _apart(ra: tuple[date, date], rb: tuple[date, date]) -> int:
    """Days between two day ranges: 0 when they overlap ("Ende Oktober" and "24. bis 26. Oktober")."""
    if ra[0] <= rb[1] and rb[0] <= ra[1]:
        return 0
    return min(abs((ra[0] - rb[1]).days), abs((rb[0] - ra[1]).days))


def time_fit(a: Report, b: Report) -> str | None:
    """ "same", "near" (single days ≤ NEAR_DAYS apart), "moved" (a planned date moved) or None (incompatible)."""
    ra, rb = _days(a.time_value), _days(b.time_value)
    if ra is None or rb is None:
        return "same" if _near_publication(a, ra, b, rb) else None
    gap = _apart(ra, rb)
    if gap == 0:
        return "same"
    if ra[0] == ra[1] and rb[0] == rb[1] and gap <= NEAR_DAYS:
        return "near"
    # a date not told as past on both sides may have moved (planned for the 13th, held on the 17th)
    if gap <= MOVED_DAYS and not (a.status == b.status == "happened") and not _before_plan(a, b) and not _before_plan(b, a):
        return "moved"
    return None


#: A report without a date tells an event of the weeks around its publication: it meets another report
#: published this close to it, or one whose date is this close to its publication.
UNDATED_DAYS = MOVED_DAYS


def _near_publication(a: Report, ra: tuple[date, date] | None, b: Report, rb: tuple[date, date] | None) -> bool:
    """A report without a date (one of ``ra``, ``rb`` is None) and another: published within
    :data:`UNDATED_DAYS` of each other, or the undated one published within that of the other's date. "Das
    Treffen von Putin und Trump" in an article of 10 March is not the meeting that an article of 20 August
    tells without a date either (a new meeting of the same people); an article of 19 November on "das
    Treffen" meets the report of the same day that dates it "vom 24. bis zum 26. Oktober"."""
    wa, wb = _when(a.published), _when(b.published)
    if wa is None or wb is None:
        return True  # no publication time to judge by: the time does not tell them apart
    if abs((wa.date() - wb.date()).days) <= UNDATED_DAYS:
        return True
    for when, told in ((wa, rb), (wb, ra)):
        if told is not None and _apart((when.date(), when.date()), told) <= UNDATED_DAYS:
            return True
    return False


def _before_plan(plan: Report, other: Report) -> bool:
    """ "Sie sollen sich am kommenden Freitag treffen" (published 9 March) cannot be a meeting that took
    place by the end of February: what happened before a plan was published is another event."""
    if plan.status not in ("planned", "postponed") or other.status != "happened":
        return False
    told, when = _days(other.time_value), _when(plan.published)
    return told is not None and when is not None and told[1] < when.date()


#: Persons and organisations two articles must share to take events without participants for one.
MIN_CONTEXT = 2


def decide(report: Report, others: list[Report]) -> tuple[str, int] | None:
    """Whether ``report`` tells the story event whose reports are ``others``: (rule, strength) or None.

    - two participants in common with one of its reports (or all of a side with one): the same event, also
      on a near day (a contradiction on the date), on a moved date (a plan), or in another place on the
      same days (a contradiction on the place);
    - one participant in common: the same place, or :data:`MIN_CONTEXT` persons or organisations of the
      articles in common, and the days of a report with that participant (:func:`_anchored`);
    - a side without participants ("Der Warnstreik am Donnerstag …"): the same place and day, or the
      same place or day with :data:`MIN_CONTEXT` persons or organisations of the articles in common;
    - participants the article names but the event does not (:func:`_named`): "Das Treffen in Istanbul"
      in an article on Witkoff and Dmitrijew is their meeting in Istanbul, also on its moved date;
    - plans: the same number of points ("28-Punkte-Plan") and one person or organisation in common.
    """
    if not others or any(o.family != report.family for o in others):
        return None
    fits = [time_fit(report, o) for o in others]
    if any(f is None for f in fits):
        return None
    places = {o.place for o in others if o.place}
    elsewhere = bool(report.place and places and report.place not in places)
    found = _by_participants(report, others, fits, places, elsewhere)
    if found is None and not elsewhere:
        found = _named_in_article(report, others, fits)
    return found


def _by_participants(
    report: Report, others: list[Report], fits: list[str | None], places: set[str], elsewhere: bool
) -> tuple[str, int] | None:
    """The rules on the event's own participants, place and day (and a plan's points); ``places``: the
    story event's places, ``elsewhere``: the report names another."""
    theirs = any(o.participants for o in others)
    same_time = all(f == "same" for f in fits)
    here = bool(report.place and report.place in places)
    context = len(report.context & set().union(*(o.context for o in others)))
    day = _single_day(report.time_value) and any(_days(o.time_value) == _days(report.time_value) for o in others)
    if report.points and any(o.points == report.points for o in others) and context >= 1 and same_time:
        return ("plan points", 4 + context)
    if report.participants and theirs:
        # in common with one report, not with all of them together: a story event whose reports name
        # Witkoff–Dmitrijew and, wrongly, Trump–Putin does not share "Witkoff, Putin" with a new report
        shared = max(len(report.participants & o.participants) for o in others)
        anchored = _anchored(others, fits, lambda o: bool(report.participants & o.participants))
        if any(_pair(report, o) for o in others):
            if shared < 2 and (elsewhere or not anchored):
                return None  # one in common: the days of a report with them, and no other place
            if elsewhere and not same_time:
                return None  # another place and another day: another meeting of the same people
            return ("participants", shared * 2 + here)
        if shared == 1 and anchored and not elsewhere and (here or context >= MIN_CONTEXT):
            return ("participant and " + ("place" if here else "context"), 1 + here)
        return None
    # no participants on one side: place and day, or one of them with the articles' people in common
    if elsewhere or not _anchored(others, fits, lambda o: bool(not report.place or o.place == report.place)):
        return None
    if here and day:
        return ("place and day", 1)
    if (here or day) and context >= MIN_CONTEXT:
        return ("context and " + ("place" if here else "day"), 1)
    return None


def _pair(a: Report, b: Report) -> bool:
    """Two participants in common, or all of a side that names one ("Merz" in "Merz, Macron")."""
    common = len(a.participants & b.participants)
    return common >= 2 or (common >= 1 and min(len(a.participants), len(b.participants)) == 1)


def _anchored(others: list[Report], fits: list[str | None], anchor: Callable[[Report], bool]) -> bool:
    """The days agree: the same as those of every report, or — where the story event's date moved
    (planned for Friday the 13th, held on Tuesday the 17th) — the same as those of a report that shares
    the anchor (the participant, the place) and compatible with the rest ("Witkoff verhandelte am Dienstag"
    is the meeting held on the 17th, though it was once planned for the 13th)."""
    if all(f == "same" for f in fits):
        return True
    return any(f == "same" and o.time_value and anchor(o) for o, f in zip(others, fits, strict=True))


def _named(a: Report, b: Report) -> bool:
    """``b``'s participants (two or more) are all named in ``a``'s article, and ``a``'s own (at most one,
    the event lacks the rest) in ``b``'s: the article of "Das Treffen in Istanbul" names Witkoff and Dmitrijew."""
    return (
        len(a.participants) <= 1
        and len(b.participants) >= 2
        and b.participants <= a.participants | a.context
        and a.participants <= b.participants | b.context
    )


def _named_in_article(report: Report, others: list[Report], fits: list[str | None]) -> tuple[str, int] | None:
    """A report that names at most one participant, of a story event whose report has two or more, all
    named in the report's article (or the other way round), in the same place or on the same day: the
    participants' rule with the article's people, a moved date included ("Treffen in Istanbul am Dienstag"
    beside "Witkoff und Dmitrijew treffen sich am Freitag in Istanbul", the meeting since postponed)."""
    for o, f in zip(others, fits, strict=True):
        if f not in ("same", "moved") or not (_named(report, o) or _named(o, report)):
            continue
        if report.place and report.place == o.place:
            return ("named and place", 2)
        if f == "same" and _single_day(report.time_value) and _days(report.time_value) == _days(o.time_value):
            return ("named and day", 2)
    return None


# --- the status history -----------------------------------------------------------------------------------


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(hour=12)


def _gap(a: str | None, b: str | None) -> timedelta | None:
    wa, wb = _when(a), _when(b)
    if wa is None or wb is None:
        return None
    if (wa.tzinfo is None) != (wb.tzinfo is None):
        wa, wb = wa.replace(tzinfo=None), wb.replace(tzinfo=None)
    return abs(wb - wa)


def ordered(reports: Iterable[Report]) -> list[Report]:
    return sorted(reports, key=lambda r: (r.published is None, r.published or "", r.article, r.evid))


@dataclass
class History:
    """A story event's status over time and what contradicts what."""

    steps: list[dict]
    """``{"status", "published", "article", "event", "claim"}``: each change, with the report behind it."""
    status: str
    contradictions: list[dict]
    """``{"field": "status"|"time"|"place", "sides": [{"value", "articles", "outlets", "published"}]}``."""


def history(reports: list[Report]) -> History:
    """Status history, overall status and contradictions of one story event's reports."""
    told = [r for r in ordered(reports) if r.status in KNOWN]
    steps: list[dict] = []
    contradictions: list[dict] = []
    clashing: set[tuple[str, str]] = set()
    when = [_when(r.published) for r in told]
    undated = [j for j, w in enumerate(when) if w is None]
    first = 0  # the earliest report within WINDOW before the current one (reports are in publication order)
    for k, r in enumerate(told):
        if not steps or steps[-1]["status"] != r.status:
            steps.append(
                {
                    "status": r.status,
                    "published": r.published,
                    "article": r.article,
                    "event": r.evid,
                    "claim": _claim_for(r),
                }
            )
        if r.update_cue:
            continue
        # only reports within WINDOW before it can clash with it (a sliding window: the work is linear in
        # the reports, not quadratic); an undated report clashes with every earlier one
        if when[k] is None:
            earlier_ones = told[:k]
        else:
            while first < k and when[first] is not None and (_gap(told[first].published, r.published) or WINDOW) > WINDOW:
                first += 1
            earlier_ones = told[first:k] + [told[j] for j in undated if j < first]
        for earlier in earlier_ones:
            if frozenset({earlier.status, r.status}) not in EXCLUSIVE:
                continue
            gap = _gap(earlier.published, r.published)
            if gap is None or gap <= WINDOW:
                clashing.add((earlier.status, r.status))
    for a, b in sorted(clashing):
        contradictions.append(_sides("status", [(x.status, x) for x in told if x.status in (a, b)]))
    # the event happened on two different days, or in two places
    happened = [r for r in told if r.status == "happened" and _single_day(r.time_value)]
    days = {_day_of(r.time_value) for r in happened}
    if len(days) > 1:  # "am 17. März" and "am 18. März"; "Dienstagabend" is the 17th too
        contradictions.append(_sides("time", [(_day_of(r.time_value), r) for r in happened]))
    places = {r.place for r in told if r.place}
    if len(places) > 1:
        contradictions.append(_sides("place", [(r.place, r) for r in told if r.place]))
    status = told[-1].status if told else (reports[0].status if reports else "unknown")
    if told and any(c["field"] == "status" for c in contradictions):
        latest = told[-1]
        rivals = [r for r in told if r.status != latest.status and frozenset({r.status, latest.status}) in EXCLUSIVE]
        if any((_gap(r.published, latest.published) or WINDOW) <= WINDOW for r in rivals) and not latest.update_cue:
            status = "unknown"  # precision first: the latest word is contested, so no status is stated
    return History(steps, status, contradictions)


def _day_of(value: str | None) -> str | None:
    span = _days(value)
    return span[0].isoformat() if span else None


def _single_day(value: str | None) -> bool:
    span = _days(value)
    return span is not None and span[0] == span[1]


def _claim_for(report: Report) -> str | None:
    for c in report.claims:
        if c.get("status") == report.status:
            return f"{report.article}:{c['id']}"
    return f"{report.article}:{report.claims[0]['id']}" if report.claims else None


def _sides(field_name: str, values: list[tuple[str | None, Report]]) -> dict:
    sides: dict[str | None, dict] = {}
    for value, r in values:
        side = sides.setdefault(value, {"value": value, "articles": [], "outlets": [], "published": []})
        if r.article not in side["articles"]:
            side["articles"].append(r.article)
            side["outlets"].append(r.outlet)
            side["published"].append(r.published)
    return {"field": field_name, "sides": list(sides.values())}


# --- drift --------------------------------------------------------------------------------------------------


def _media(source: dict) -> bool:
    """A news outlet, an agency or an unnamed media report as a source ("Axios", "einem Bericht")."""
    if source.get("anonymous"):
        return source.get("anonymous_kind") in ("media_report", "unnamed_outlet")
    name = source.get("name") or ""
    known = {**outlets(), **outlets_common()}
    return name in known or name in set(known.values())


def hearsay(claim: dict) -> bool:
    """Told as hearsay: hedged ("soll", "angeblich") or resting on another medium's report ("laut Axios",
    "einem Bericht zufolge"). An official who confirms ("Der Kreml bestätigte …") is attribution, not hearsay."""
    chain = claim.get("sources") or []
    return bool(claim.get("hedged")) or any(_media(s) for s in chain[1:])


def as_fact(claim: dict) -> bool:
    """Stated by the outlet itself: asserted, unhedged, with no source beyond it."""
    return claim.get("kind") == "asserted" and not claim.get("hedged") and len(claim.get("sources") or []) <= 1


def only_media_reports(claim: dict) -> bool:
    """The chain ends in an unnamed "Medienberichte" ("Medienberichten zufolge")."""
    chain = claim.get("sources") or []
    return (
        bool(chain) and bool(chain[-1].get("anonymous")) and chain[-1].get("anonymous_kind") in ("media_report", "unnamed_outlet")
    )


def drift(reports: list[Report]) -> dict[str, dict]:
    """Per claim id (``article:claim``): the drift it takes part in.

    Attribution drift: the same status told as hearsay by one outlet and as plain fact by another.
    Each side's claims get ``{"kind": "stated as fact" | "hearsay", "status", "other": [the other side's claim ids]}``
    (a claim stated as fact drifted from the hearsay claims in ``other``);
    a claim resting only on unnamed media reports gets ``{"kind": "unnamed media reports"}``.
    """
    flags: dict[str, dict] = {}
    sides: dict[str, list[tuple[str, str | None, dict]]] = {"hearsay": [], "fact": []}
    for r in reports:
        for c in r.claims:
            cid = f"{r.article}:{c['id']}"
            side = "hearsay" if hearsay(c) else "fact" if as_fact(c) else None
            if side and c.get("status") in KNOWN:
                sides[side].append((cid, r.outlet, c))
            if only_media_reports(c):
                flags[cid] = {"kind": "unnamed media reports", "status": c.get("status"), "other": []}
    for cid, outlet, fact in sides["fact"]:
        other = [h for h, o, said in sides["hearsay"] if o != outlet and _same_claim(fact, said)]
        if other:
            flags.setdefault(cid, {"kind": "stated as fact", "status": fact.get("status"), "other": other})
    for cid, outlet, said in sides["hearsay"]:
        other = [f for f, o, fact in sides["fact"] if o != outlet and _same_claim(fact, said)]
        if other:
            flags.setdefault(cid, {"kind": "hearsay", "status": said.get("status"), "other": other})
    return flags


def _same_claim(a: dict, b: dict) -> bool:
    """Two claims say the same: the same status, and the same days or none on both sides ("sollen sich am
    Freitag treffen" per Axios is not "soll nun doch am Dienstag stattfinden", nor "Das Treffen soll nun doch
    stattfinden", which names no day: one of them tells a date the other does not, so neither is known to
    restate the other)."""
    if a.get("status") != b.get("status"):
        return False
    ta, tb = (_days((c.get("time") or {}).get("value")) for c in (a, b))
    if ta is None or tb is None:
        return ta is None and tb is None
    return _apart(ta, tb) == 0


# --- the link tables ----------------------------------------------------------------------------------------


def _report_of_row(row) -> Report:
    row_claims = getattr(row, "claims", None)
    return Report(
        article=row.article_id,
        evid=row.evid,
        type=row.type,
        status=row.status,
        published=row.published,
        outlet=row.outlet,
        participants=set(row.participants or []),
        place=row.place,
        time_value=row.time_value,
        time_mod=row.time_mod,
        update_cue=bool(row.update_cue),
        claims=list(row_claims or []),
        context=set(row.context or []),
        points=row.points,
    )


#: A story event reads at most this many of its reports to decide (the latest); enough to judge, bounded.
READ_LIMIT = 200


def reports_in(conn: Connection, story_event: str, limit: int | None = READ_LIMIT) -> list[Report]:
    """A story event's reports (the latest ``limit``), with their claims, in publication order."""
    query = (
        select(event_links)
        .where(event_links.c.story_event == story_event)
        .order_by(event_links.c.published.desc(), event_links.c.article_id, event_links.c.evid)
    )
    if limit:
        query = query.limit(limit)
    return ordered(_report_of_row(row) for row in conn.execute(query))


def reports_in_each(conn: Connection, story_events_: list[str], limit: int | None = None) -> dict[str, list[Report]]:
    """The reports of several story events at once (the latest ``limit`` of each, :data:`READ_LIMIT` by
    default; in publication order): a report's candidates in one query, not one each. Without their claims:
    :func:`decide` does not read them, and decoding them is most of the work."""
    if not story_events_:
        return {}
    columns = [c for c in event_links.c if c.name != "claims"]
    newest = (event_links.c.published.desc(), event_links.c.article_id, event_links.c.evid)
    rank = func.row_number().over(partition_by=event_links.c.story_event, order_by=newest).label("rank")
    inner = select(*columns, rank).where(event_links.c.story_event.in_(story_events_)).subquery()
    found: dict[str, list[Report]] = {sid: [] for sid in story_events_}
    for row in conn.execute(select(inner).where(inner.c.rank <= (limit or READ_LIMIT))):
        found[row.story_event].append(_report_of_row(row))
    return {sid: ordered(reports) for sid, reports in found.items()}


#: At most this many candidates per report, the most recently reported first: a key that gathers story
#: events over the years (a historic date every anniversary piece mentions, "Trump" in every article of a
#: month) must not make a new report read all of them.
MAX_CANDIDATES = 60


def candidates(conn: Connection, report: Report) -> list[str]:
    wanted = sorted(lookup_keys(report))
    if not wanted:
        return []
    found: Iterable[str] = conn.execute(
        select(event_keys.c.story_event)
        .join(story_events, story_events.c.id == event_keys.c.story_event)
        .where(event_keys.c.key.in_(wanted))
        .group_by(event_keys.c.story_event, story_events.c.end)
        .order_by(story_events.c.end.desc(), event_keys.c.story_event)
        .limit(MAX_CANDIDATES)
    ).scalars()
    return sorted(set(found))


def story_event_id(report: Report) -> str:
    return "V" + hashlib.sha1(f"{report.article}\x00{report.evid}".encode()).hexdigest()[:10]


def _may_fit(report: Report, row) -> bool:
    """What a story event's own row already rules out, before its reports are read: another family; a
    time further than :data:`MOVED_DAYS` from the row's (which is one of its reports' times, so
    :func:`decide` would refuse it); both with participants and none of the row's in common or named in
    the report's article (:func:`_named`; unless a plan's points may tie them)."""
    if row.family != report.family:
        return False
    # the row's time is one of its reports' times: further apart than any move of a date, it cannot fit
    ours, told = _days(report.time_value), _days(row.time_value)
    if ours and told and _apart(ours, told) > MOVED_DAYS:
        return False
    if (ours is None or told is None) and _published_apart(report, row, ours, told):
        return False
    theirs = set(row.participants or {})
    return bool(report.points) or not (report.participants and theirs) or bool((report.participants | report.context) & theirs)


def _published_apart(report: Report, row, ours: tuple[date, date] | None, told: tuple[date, date] | None) -> bool:
    """Whether the report and the report that fixes the row's time (one of them undated) are too far apart
    for :func:`_near_publication`: every report of the row was published more than :data:`UNDATED_DAYS`
    from the report, and no date bridges the gap (a report without a publication time is judged by its
    story event's first and last)."""
    when, first, last = _when(report.published), _when(row.start), _when(row.end)
    if when is None or first is None or last is None:
        return False
    day, span = when.date(), (first.date(), last.date())
    if _apart((day, day), span) <= UNDATED_DAYS:
        return False
    if ours is None:  # an undated report meets a dated one published long before only by its date
        return told is None or _apart((day, day), told) > UNDATED_DAYS
    return _apart(span, ours) > UNDATED_DAYS  # an undated row meets a dated report by the report's date


def link_report(conn: Connection, report: Report) -> tuple[str, str]:
    """Link one report to its story event (founding one when none fits); returns (id, rule).

    A report that fits two story events bridges them when the other's reports would each have joined
    the first (:func:`_absorbs`): they were apart only because they came first.
    """
    fitting: list[tuple[tuple[int, int], str, str, list[Report]]] = []
    ids = candidates(conn, report)
    rows = conn.execute(select(story_events).where(story_events.c.id.in_(ids))).all() if ids else []
    rows = [row for row in rows if _may_fit(report, row)]
    read = reports_in_each(conn, [row.id for row in rows])
    for row in rows:
        sid = row.id
        others = read[sid]
        found = decide(report, others)
        if found is None:
            continue
        rule, strength = found
        fitting.append(((strength, len(others)), sid, rule, others))
    merged = False
    if fitting:
        fitting.sort(key=lambda f: (-f[0][0], -f[0][1], f[1]))
        _, sid, rule, members = fitting[0]
        members = [*members, report]
        for _, gone, _, theirs in fitting[1:]:
            if _absorbs(members, theirs):
                _merge(conn, sid, gone)
                members += theirs
                merged = True
    else:
        sid, rule = story_event_id(report), "new"
        if conn.execute(select(story_events.c.id).where(story_events.c.id == sid)).first() is not None:
            sid = f"{sid}-{report.article[:6]}"
    _insert_link(conn, report, sid, rule)
    link_keys.file(conn, event_keys, sid, keys(report))
    refresh(conn, sid, added=None if merged else report)
    return sid, rule


#: A story event of more reports than this is not taken into another one by a bridging report (bounded work:
#: each of its reports is decided against the other's).
MERGE_LIMIT = 50


def _absorbs(members: list[Report], theirs: list[Report]) -> bool:
    """Whether each of ``theirs`` (a story event that a new report also fits) would have joined
    ``members`` (the story event it joins, with the new report): then they are one event, apart only by
    the order the reports came in ("Warnstreik am Donnerstag" founded one, a report on Fraport's strike
    another; "Der Warnstreik legt am Donnerstag Flughäfen lahm" fits both)."""
    if not theirs or len(theirs) > MERGE_LIMIT or len(members) > READ_LIMIT:
        return False
    return all(decide(t, members) is not None for t in theirs)


def _merge(conn: Connection, keep: str, gone: str) -> None:
    """Take story event ``gone`` into ``keep``: its reports and keys; its row is dropped (``keep``'s is
    recomputed by the caller)."""
    conn.execute(update(event_links).where(event_links.c.story_event == gone).values(story_event=keep))
    link_keys.move(conn, event_keys, gone, keep)
    # the stories that told ``gone`` now tell ``keep``: the article being linked meets them all by it, and
    # joins them when they are two (link/stories.py)
    link_keys.rename(conn, story_keys, f"V:{gone}", f"V:{keep}")
    conn.execute(delete(story_events).where(story_events.c.id == gone))


def _insert_link(conn: Connection, report: Report, sid: str, rule: str) -> None:
    conn.execute(
        event_links.insert().values(
            article_id=report.article,
            evid=report.evid,
            story_event=sid,
            how=rule,
            outlet=report.outlet,
            published=report.published,
            type=report.type,
            status=report.status,
            time_value=report.time_value,
            time_mod=report.time_mod,
            place=report.place,
            participants=sorted(report.participants),
            update_cue=report.update_cue,
            claims=report.claims,
            context=sorted(report.context),
            points=report.points,
        )
    )
    claim_rows.add_report(conn, report)  # the claims listing's rows (link/claims.py)


def refresh(conn: Connection, sid: str, added: Report | None = None) -> None:
    """Recompute a story event's row from its reports; delete it when none is left.

    Bounded work: a story event of up to :data:`READ_LIMIT` reports is recomputed from all of them. A
    larger one that has just been told once more (``added``) reads only its latest ``READ_LIMIT`` reports
    for what the latest word decides (type, place, time, status) and adds the new report to what adds
    up (reports, span, participants, and the contradiction and drift flags, which stay once raised). Taking
    a report out (re-ingest) recomputes from all of them.
    """
    reports = reports_in(conn, sid, limit=READ_LIMIT + 1)
    if not reports:
        conn.execute(delete(event_keys).where(event_keys.c.story_event == sid))
        conn.execute(delete(story_events).where(story_events.c.id == sid))
        return
    row = conn.execute(select(story_events).where(story_events.c.id == sid)).first()
    partial = len(reports) > READ_LIMIT
    if partial and (added is None or row is None):
        reports, partial = reports_in(conn, sid, limit=None), False
    told = history(reports)
    happened = [r for r in reports if r.status == "happened" and r.time_value]
    timed = happened or [r for r in reports if r.time_value]
    when = timed[-1] if timed else None
    types = Counter(r.type for r in reports)
    places = Counter(r.place for r in reports if r.place)
    values = {
        "type": min(types, key=lambda t: (-types[t], t)),
        "family": reports[0].family,
        "time_value": when.time_value if when else None,
        "time_mod": when.time_mod if when else None,
        "place": min(places, key=lambda p: (-places[p], p)) if places else None,
        "participants": dict(Counter(p for r in reports for p in r.participants)),
        "status": told.status,
        "start": min((r.published for r in reports if r.published), default=None),
        "end": max((r.published for r in reports if r.published), default=None),
        "reports": len(reports),
        "contradicted": bool(told.contradictions),
        "drift": bool(drift(reports)),
        "version": VERSION,
    }
    if partial and added is not None and row is not None:
        values["participants"] = dict(Counter(row.participants or {}) + Counter(added.participants))
        values["start"] = min((p for p in (row.start, added.published) if p), default=None)
        values["end"] = max((p for p in (row.end, added.published) if p), default=None)
        values["reports"] = row.reports + 1
        values["contradicted"] = bool(row.contradicted) or values["contradicted"]
        values["drift"] = bool(row.drift) or values["drift"]
    if row is not None:
        conn.execute(update(story_events).where(story_events.c.id == sid).values(**values))
    else:
        conn.execute(story_events.insert().values(id=sid, story=None, **values))


def unlink_article(conn: Connection, article_id: str) -> None:
    """Take an article's reports out of their story events (and its rows of the claims listing)."""
    sids: set[str] = set(conn.execute(select(event_links.c.story_event).where(event_links.c.article_id == article_id)).scalars())
    conn.execute(delete(event_links).where(event_links.c.article_id == article_id))
    claim_rows.unlink_article(conn, article_id)
    for sid in sorted(sids):
        refresh(conn, sid)


def count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(story_events)).scalar_one()
