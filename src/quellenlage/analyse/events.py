"""The events stage: meetings, talks, visits, plans … with participants, place, time, status and evidence.

Reads what the earlier stages wrote: sentences and tokens (segment), entities,
times and statements. Along the data path:

1. triggers (:mod:`.event_triggers`, ``lang/de/events/triggers.tsv``);
2. one candidate per trigger, with its sentence's participants (PER/ORG
   mentions, LOC used as an actor; "zwischen A und B"; groups without an
   entity such as "hochrangige Mitglieder der Trump-Regierung"), place (a LOC
   after "in"/"nach"/"bei"), time (the nearest time expression), status
   (:mod:`.event_status`), evidence and modality (the statements covering the
   trigger: reported speech or hedged → reported), sources (their source
   chains without repeats: "ntv.de → Axios → US-amerikanische und russische
   Beamte"); coordinated verbs of one family in a sentence are one candidate
   ("getroffen und … diskutiert");
3. clustering across sentences: the Miami meeting of lead, body and caption
   is one event. A candidate joins an earlier event of the same family
   (meeting/talks/call/visit) when their participants are one a subset of
   the other and place and time agree; a definite description without
   participants ("Das geplante Treffen") refers to the last event of its
   family, and a cancellation or postponement in its sentence becomes that
   event's status with a :class:`StatusChange` ("am 25. Oktober von Trump
   abgesagt"); an indefinite one ("Ein Gipfeltreffen") is a new event. A
   cancellation, postponement or denial told with the event itself is a
   :class:`StatusChange` without a time: "das für diesen Mittwoch … geplante
   Treffen … verschoben" gives the event's time, not the postponement's. The
   mentions of a plan are one plan ("Pläne", "28-Punkte-Friedensplan", "der
   Plan"), with points, topics, authors and inspiration (``events/plan.tsv``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from ..lang import de
from ..record import Event, EventTime, Mention, PlanDetails, Record, Statement, StatusChange, TimeExpression
from . import event_status, event_triggers, segment
from .event_triggers import Trigger
from .time import document_date
from .timex_tense import clause_tense

#: Bump when the events this stage produces change.
VERSION = 2

#: Types that may describe one and the same event.
FAMILIES = {"meeting": "encounter", "talks": "encounter", "call": "encounter", "visit": "encounter"}
_ACTORS = frozenset({"PER", "ORG"})
_ORDER = {s: k for k, s in enumerate(reversed(("denied", "cancelled", "postponed", "planned", "happened", "unknown")))}
_PLACE_WINDOW = 4  # words after a noun trigger where its own place may stand: "Gesprächen in St. Petersburg"
_ARTICLE_WINDOW = 6
#: Types whose sentence's time belongs to another event: "in Miami getroffen und einen 28-Punkte-Friedensplan diskutiert".
_UNTIMED = frozenset({"plan"})
_POINTS = re.compile(r"(\d+)-(\w+)")
#: Statuses that change an event, recorded as a StatusChange with their evidence.
_CHANGES = frozenset({"cancelled", "postponed", "denied"})


@cache
def _words(kind: str) -> frozenset[str]:
    return frozenset(row[1].lower() for row in de._rows("events/words.tsv") if row[0] == kind)


@cache
def _table(name: str, kind: str) -> frozenset[str]:
    return frozenset(row[1].lower() for row in de._rows(f"events/{name}") if row[0] == kind)


def family(event_type: str) -> str:
    return FAMILIES.get(event_type, event_type)


@dataclass
class Candidate:
    """An event as one sentence tells it."""

    type: str
    sentence: int
    triggers: list[Trigger]
    participants: list[str] = field(default_factory=list)
    groups: list[Mention] = field(default_factory=list)
    place: str | None = None
    time: TimeExpression | None = None
    status: str = "unknown"
    agent: str | None = None
    evidence: list[Statement] = field(default_factory=list)
    definite: bool = False
    indefinite: bool = False


@dataclass
class Cluster:
    """One event with all its candidates."""

    candidates: list[Candidate]
    changes: list[StatusChange] = field(default_factory=list)

    @property
    def first(self) -> Candidate:
        return self.candidates[0]

    def participants(self) -> set[str]:
        return {p for c in self.candidates for p in c.participants}

    def place(self) -> str | None:
        return next((c.place for c in self.candidates if c.place), None)

    def time(self) -> TimeExpression | None:
        dated = [c.time for c in self.candidates if c.time is not None and c.time.value]
        return max(dated, key=lambda t: len(t.value or ""), default=None)

    def sentences(self) -> set[int]:
        return {c.sentence for c in self.candidates}


# --- the sentence -------------------------------------------------------------------------------------------------


@dataclass
class Sentence:
    index: int
    words: list[segment.Word]
    first: int  # index of its first word in the record's words
    mentions: list[tuple[Mention, str, str]]  # (mention, entity id, entity type), in text order
    roles: dict[str, list[str]]
    times: list[TimeExpression]
    statements: list[Statement]

    def word_at(self, offset: int) -> int | None:
        starts = [w.start for w in self.words]
        k = bisect.bisect_right(starts, offset) - 1
        return k if k >= 0 and offset < self.words[k].end else None


def _sentences(record: Record, words: list[segment.Word]) -> list[Sentence]:
    starts = [w.start for w in words]
    out = []
    for k, s in enumerate(record.sentences):
        lo, hi = bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)
        out.append(Sentence(k, words[lo:hi], lo, [], {}, [], []))
    for e in record.entities:
        for m in e.mentions:
            if m.sentence is not None:
                out[m.sentence].mentions.append((m, e.id, e.type))
                out[m.sentence].roles[e.id] = e.roles
    for s in out:
        s.mentions.sort(key=lambda x: x[0].start)
    for t in record.times:
        if t.sentence is not None:
            out[t.sentence].times.append(t)
    for st in record.statements:
        for k in st.sentences:
            if 0 <= k < len(out):
                out[k].statements.append(st)
    return out


def _is_modifier(record: Record, m: Mention) -> bool:
    """ "Kreml" in "Kreml-Unterhändler", "Trump" in "Trump-Regierung": part of a compound, not an actor."""
    return record.text[m.end : m.end + 1] == "-"


def _before(s: Sentence, m: Mention, back: int = 1) -> str:
    k = s.word_at(m.start)
    return s.words[k - back].text.lower() if k is not None and k - back >= 0 else ""


def _place_of(record: Record, s: Sentence, after: int | None = None) -> str | None:
    """A LOC entity after "in"/"nach"/"bei" (an article may stand between): after word ``after`` when given."""
    for m, eid, etype in s.mentions:
        if etype != "LOC" or _is_modifier(record, m):
            continue
        k = s.word_at(m.start)
        if k is None or (after is not None and not after < k <= after + _PLACE_WINDOW):
            continue
        prev = s.words[k - 1].text.lower() if k > 0 else ""
        prev2 = s.words[k - 2].text.lower() if k > 1 else ""
        if prev in _words("preposition") or (prev in _words("article") and prev2 in _words("preposition")):
            return eid
    return None


def _participants(record: Record, s: Sentence, trigger: int, excluded: set[str]) -> tuple[list[str], str | None]:
    """Entity ids taking part, and the agent of a passive ("von Trump"), from the sentence of a trigger."""
    mentions = s.mentions
    between = next((k for k in range(trigger + 1, min(len(s.words), trigger + 3)) if s.words[k].text.lower() in _words("between")), None)
    if between is not None:
        mentions = [x for x in mentions if x[0].start > s.words[between].start]
    out: list[str] = []
    agent = None
    for m, eid, etype in mentions:
        if eid in excluded or _is_modifier(record, m):
            continue
        prev = _before(s, m)
        if prev in _words("agent"):
            agent = agent or eid
            continue
        if etype == "LOC":
            # "Moskau" as the government, "die Ukraine … informieren"; not "der Ukraine", "in der Türkei"
            actor = bool(s.roles.get(eid)) or (prev in _words("actor_article") and _before(s, m, 2) not in _words("preposition"))
            if not actor or prev in _words("preposition"):
                continue
        elif etype not in _ACTORS:
            continue
        if eid not in out:
            out.append(eid)
    return out, agent


def _groups(record: Record, s: Sentence) -> list[Mention]:
    """Participant groups without an entity: "hochrangige Mitglieder der Trump-Regierung", "europäische Beamte"."""
    heads, stops, sources = _table("groups.tsv", "head"), _table("groups.tsv", "stop"), _table("groups.tsv", "source")
    out = []
    for k, w in enumerate(s.words):
        if w.text.lower() not in heads:
            continue
        lo = k
        while lo > 0 and s.words[lo - 1].text.islower() and s.words[lo - 1].text.lower() not in stops and s.words[lo - 1].text.isalpha():
            lo -= 1
        if any(x.text.lower() in sources for x in s.words[max(0, lo - 5) : lo]):
            continue
        hi = k
        if k + 2 < len(s.words) and s.words[k + 1].text.lower() in ("der", "des") and s.words[k + 2].text[:1].isupper():
            hi = k + 2
        start, end = s.words[lo].start, s.words[hi].end
        out.append(Mention(start=start, end=end, text=record.text[start:end], sentence=s.index))
    return out


def _article(s: Sentence, trigger: int) -> tuple[bool, bool]:
    """(definite, indefinite) from the nearest article before a noun trigger: "Das geplante Treffen", "Ein Gipfeltreffen"."""
    for k in range(trigger - 1, max(-1, trigger - 1 - _ARTICLE_WINDOW), -1):
        low = s.words[k].text.lower()
        if low in _words("indefinite"):
            return False, True
        if low in _words("definite"):
            return True, False
        if s.words[k].text in {",", ".", ":", ";"}:
            break
    return False, False


def _nearest_time(s: Sentence, offset: int) -> TimeExpression | None:
    dated = [t for t in s.times if t.value and t.value != "PRESENT_REF"]
    return min(dated, key=lambda t: abs(t.start - offset), default=None)


def _evidence(s: Sentence, trigger: Trigger) -> list[Statement]:
    inside = [st for st in s.statements if st.start <= trigger.start < st.end]
    return inside or s.statements


def _candidates(record: Record, s: Sentence, triggers: list[Trigger]) -> list[Candidate]:
    published = document_date(record.meta.published)
    out: list[Candidate] = []
    claimed: set[str] = set()
    for t in triggers:
        k = t.word - s.first
        evidence = _evidence(s, t)
        sources = {src.entity for st in evidence for src in st.sources if src.entity}
        c = Candidate(t.type, s.index, [t], evidence=evidence)
        if t.kind == "noun":
            c.place = _place_of(record, s, after=k)
            c.definite, c.indefinite = _article(s, k)
        if c.place:
            claimed.add(c.place)
        c.participants, c.agent = _participants(record, s, k, sources)
        c.groups = _groups(record, s) if t.type != "plan" else []
        c.time = _nearest_time(s, t.start) if t.type not in _UNTIMED else None
        bounds = record.sentences[s.index]
        tense = clause_tense(record.text, t.start, t.end, bounds.start, bounds.end)
        c.status = event_status.status(s.words, k, c.time.value if c.time else None, published, tense)
        if c.status == "hypothetical":  # "falls eine Einigung vorliege": no event; "ob das Treffen stattfindet": open
            if not c.definite:
                continue
            c.status = "unknown"
        same = next((o for o in out if o.triggers[0].kind == "verb" == t.kind and family(o.type) == family(t.type)), None)
        if same is not None:  # "sollen sich … getroffen und … diskutiert haben": one event
            same.triggers.append(t)
            continue
        out.append(c)
    for c in out:
        if c.place is None and family(c.type) == "encounter":  # "das … in der Türkei geplante Treffen"
            place = _place_of(record, s)
            c.place = place if place not in claimed else None
        c.participants = [p for p in c.participants if p != c.place]
    return out


# --- clustering ---------------------------------------------------------------------------------------------------


def _times_agree(a: TimeExpression | None, b: TimeExpression | None) -> bool:
    if a is None or b is None:
        return True
    ra, rb = event_status.time_range(a.value), event_status.time_range(b.value)
    if ra is None or rb is None:
        return True
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def _joins(cluster: Cluster, c: Candidate) -> int | None:
    """How well ``c`` fits ``cluster`` (higher is better), None when it is another event."""
    if family(cluster.first.type) != family(c.type) or c.sentence in cluster.sentences():
        return None
    mine, theirs = set(c.participants), cluster.participants()
    if not mine or not theirs or not (mine <= theirs or theirs <= mine):
        return None
    place = cluster.place()
    if c.place and place and c.place != place:
        return None
    if not _times_agree(cluster.time(), c.time):
        return None
    return 2 * (cluster.first.type == c.type) + len(mine & theirs) + (c.place is not None and c.place == place)


def _refers_to(clusters: list[Cluster], c: Candidate) -> Cluster | None:
    """The event a definite description without participants refers to: the last of its family."""
    for cluster in sorted(clusters, key=lambda x: max(x.sentences()), reverse=True):
        if family(cluster.first.type) == family(c.type) and c.sentence not in cluster.sentences():
            return cluster
    return None


def _cluster(candidates: list[Candidate]) -> list[Cluster]:
    clusters: list[Cluster] = []
    for c in candidates:
        if c.type == "plan":
            plan = next((x for x in reversed(clusters) if x.first.type == "plan"), None)
            points = (_points(plan) if plan else None, _points_of(c))
            if plan is not None and (None in points or points[0] == points[1]):  # "28-Punkte-Plan" ≠ "20-Punkte-Plan"
                plan.candidates.append(c)
            else:
                clusters.append(Cluster([c]))
            continue
        if not c.indefinite and not c.participants and not c.groups and c.definite:
            target = _refers_to(clusters, c)
            if target is not None:
                target.candidates.append(c)
                if c.status in _CHANGES:
                    target.changes.append(_change(c))
                    c.time = None  # "am 25. Oktober … abgesagt": the time of the cancellation, not of the event
                continue
        if not c.indefinite:
            scored = [(score, k, x) for k, x in enumerate(clusters) if (score := _joins(x, c)) is not None]
            if scored:
                max(scored, key=lambda t: (t[0], t[1]))[2].candidates.append(c)
                continue
        clusters.append(Cluster([c]))
    # a change told with the event: "das für diesen Mittwoch … geplante Treffen … verschoben" - its time is the event's
    for cluster in clusters:
        told = {k for change in cluster.changes for k in change.sentences}
        cluster.changes += [_change(c, timed=False) for c in cluster.candidates if c.status in _CHANGES and c.sentence not in told]
        cluster.changes.sort(key=lambda change: change.sentences)
    return clusters


def _change(c: Candidate, timed: bool = True) -> StatusChange:
    return StatusChange(
        status=c.status, time=_time(c.time) if timed else None, by=c.agent, evidence=[st.id for st in c.evidence], sentences=[c.sentence]
    )


# --- plans --------------------------------------------------------------------------------------------------------


def _points_of(c: Candidate) -> int | None:
    points = _table("plan.tsv", "points")
    for t in c.triggers:
        for m in _POINTS.finditer(t.text):
            if m.group(2).lower() in points:
                return int(m.group(1))
    return None


def _points(cluster: Cluster) -> int | None:
    return next((p for c in cluster.candidates if (p := _points_of(c)) is not None), None)


def _plan(record: Record, sentences: list[Sentence], cluster: Cluster) -> PlanDetails:
    first = cluster.first
    s = sentences[first.sentence]
    excluded = {src.entity for st in first.evidence for src in st.sources if src.entity}
    authors = []
    for m, eid, _ in s.mentions:
        if m.start < first.triggers[0].start and eid not in excluded and not _is_modifier(record, m) and eid not in authors:
            authors.append(eid)
    details = PlanDetails(points=_points(cluster), authors=authors)
    for k in sorted(cluster.sentences()):
        details.topics = details.topics or _topics(record, sentences[k])
        details.inspired_by = details.inspired_by or _inspiration(sentences[k])
    return details


def _topics(record: Record, s: Sentence) -> list[str]:
    """ "sich mit vier Themenkomplexen befassen: Frieden in der Ukraine, Sicherheitsgarantien, …" → the four topics."""
    cue = next((k for k, w in enumerate(s.words) if w.text.lower() in _table("plan.tsv", "topics")), None)
    if cue is None:
        return []
    colon = next((k for k in range(cue, len(s.words)) if s.words[k].text == ":"), None)
    if colon is None or colon + 1 >= len(s.words):
        return []
    end = s.words[-1].start if s.words[-1].text in {".", "!", "?"} else s.words[-1].end
    items = [x.strip() for x in record.text[s.words[colon].end : end].split(",")]
    last = items.pop().split(f" {next(iter(_words('and')))} ", 1) if items else []
    return [x for x in [*items, *(y.strip() for y in last)] if x]


def _inspiration(s: Sentence) -> str | None:
    """ "soll der Plan vom Gaza-Deal von US-Präsident Donald Trump inspiriert worden sein" → "Gaza-Deal"."""
    cue = next((k for k, w in enumerate(s.words) if w.text.lower() in _table("plan.tsv", "inspired")), None)
    if cue is None:
        return None
    start = next((k for k in range(cue) if s.words[k].text.lower() in _words("from")), None)
    return s.words[start + 1].text if start is not None and start + 1 < cue else None


# --- the stage ----------------------------------------------------------------------------------------------------


def _time(t: TimeExpression | None) -> EventTime | None:
    if t is None:
        return None
    return EventTime(value=t.value, mod=t.mod, text=t.text, start=t.start, end=t.end, sentence=t.sentence)


def _event(record: Record, sentences: list[Sentence], k: int, cluster: Cluster) -> Event:
    cands = cluster.candidates
    evidence = list(dict.fromkeys(st.id for c in cands for st in c.evidence))
    statements = [st for c in cands for st in c.evidence]
    reported = any(st.kind != "asserted" or st.hedged for st in statements)
    chains = {tuple((src.name, src.entity, src.anonymous) for src in st.sources): st.sources for st in statements if st.sources}
    status = max((c.status for c in cands), key=lambda x: _ORDER.get(x, 0))
    participants = list(dict.fromkeys(p for c in cands for p in c.participants)) if cluster.first.type != "plan" else []
    groups = list({(g.start, g.end): g for c in cands for g in c.groups}.values())
    mentions = [
        Mention(start=t.start, end=t.end, text=record.text[t.start : t.end], sentence=t.sentence) for c in cands for t in c.triggers
    ]
    return Event(
        id=f"v{k}",
        type=cluster.first.type,
        participants=participants,
        groups=sorted(groups, key=lambda g: g.start),
        place=cluster.place(),
        time=_time(cluster.time()),
        status=status,  # type: ignore[arg-type]
        modality="reported" if reported else ("asserted" if statements else None),
        evidence=evidence,
        sources=[[src.model_copy() for src in chain] for chain in chains.values()],
        mentions=sorted(mentions, key=lambda m: m.start),
        sentences=sorted(cluster.sentences()),
        plan=_plan(record, sentences, cluster) if cluster.first.type == "plan" else None,
        status_changes=cluster.changes,
    )


def events(record: Record) -> None:
    """Fill ``record.events`` (the pipeline's ``events`` stage)."""
    words = segment.words(record)
    sentences = _sentences(record, words)
    triggers = event_triggers.find(record, words)
    by_sentence: dict[int, list[Trigger]] = {}
    for t in triggers:
        by_sentence.setdefault(t.sentence, []).append(t)
    candidates = [c for k in sorted(by_sentence) for c in _candidates(record, sentences[k], by_sentence[k])]
    clusters = _cluster(candidates)
    record.events = [_event(record, sentences, k, cluster) for k, cluster in enumerate(clusters, start=1)]
