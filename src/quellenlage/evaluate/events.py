"""Events against a gold development set (tests/fixtures/events_dev.jsonl, format: docs/events-dev-set.md).

Each line is one German paragraph with its publication date and its gold
events. The paragraph is analysed as an article of its own (the text as one
body paragraph, ``meta.published`` = the gold date) through the full
pipeline, and the record's events are compared with the gold events.

Matching rules:

- a gold event's spans are its ``trigger`` (its ``trigger_occurrence``-th
  occurrence in the text, default the first) and its ``also`` strings (a
  string: its first occurrence; ``{"text", "occurrence"}``: that occurrence);
- a predicted event and a gold event can be paired when one of the predicted
  trigger mentions overlaps one of the gold spans; pairs are chosen one-to-one,
  greedily by the number of overlapping characters (ties in text order);
- **detection**: paired vs. predicted vs. gold events; **type-strict**: paired
  and of the same type;
- over paired events, **accuracy** of type, status, modality, time (the
  value as a string, both null counts as right; for a postponed event with a
  new time, that time: the status change's ``to``, see :func:`our_time`) and place (the gold surface
  against the predicted place entity's name and mentions: equal or one contains
  the other, case-insensitive; both null counts as right);
- **per field** (type, status, modality, time, place, participants), precision and
  recall over all events, the unpaired ones included: a predicted value is right
  when its event is paired and the value agrees with the gold one; precision =
  right / predicted values, recall = right / gold values (a null time or place is
  no value; participants count one by one);
- **hypothetical events are optional**: a gold event with status ``hypothetical`` or ``negated`` that
  nothing pairs with is no miss, and a predicted ``hypothetical`` event that pairs with no gold event is no
  false positive (neither is a fact; both are counted apart as ``optional``). Paired, they count as any
  pair; gold ``negated`` and our ``hypothetical`` are the same status;
- **inventory**: the first four sets were annotated with the twelve diplomacy types only
  (:data:`DIPLOMACY`; strikes, elections, rulings, matches … deliberately left out, docs/events-dev-set.md).
  On a set whose gold events are all of those types, our events of other types are not scored (counted
  apart as ``outside``); on the real-news set every type is scored;
- **false facts**: predicted ``happened`` where the paired gold event is hypothetical, planned or negated
  (the error a timeline must never show), counted and listed;
- **participants**, micro over paired events: a predicted participant is an
  entity (its name and mention texts; of a plan, its authors) or a group mention; it matches a gold
  surface when one string contains the other (case-insensitive) or both end in
  the same word; one-to-one, greedy in gold order.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..record import Event, Record
from .scores import Counts, prf, ratio

_WORD = re.compile(r"\w[\w-]*")

#: The fields scored as accuracies over paired events, in report order.
FIELDS = ("type", "status", "modality", "time", "place")
#: The inventory of the first gold sets (docs/events-dev-set.md).
DIPLOMACY = frozenset(
    {
        "meeting",
        "talks",
        "call",
        "visit",
        "briefing",
        "plan",
        "agreement",
        "cancellation",
        "postponement",
        "deadline",
        "statement",
        "sanctions",
    }
)
#: Gold statuses of events that are no fact: optional to find (see the module docstring).
OPTIONAL_GOLD = frozenset({"hypothetical", "negated"})
#: Gold statuses that a predicted "happened" contradicts.
NOT_HAPPENED = frozenset({"hypothetical", "negated", "planned"})


def nth(text: str, needle: str, occurrence: int = 1) -> tuple[int, int] | None:
    """The span of the ``occurrence``-th (1-based) occurrence of ``needle`` in ``text``, None if there is none."""
    if not needle or occurrence < 1:
        return None
    pos = -1
    for _ in range(occurrence):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return None
    return pos, pos + len(needle)


def gold_spans(text: str, event: dict) -> list[tuple[int, int]]:
    """Where a gold event is named: its trigger and its ``also`` strings (unlocatable strings are skipped)."""
    found = [nth(text, event["trigger"], event.get("trigger_occurrence", 1))]
    for item in event.get("also", []):
        if isinstance(item, dict):
            found.append(nth(text, item["text"], item.get("occurrence", 1)))
        else:
            found.append(nth(text, item))
    return [s for s in found if s is not None]


def overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Characters shared by the spans of ``a`` and those of ``b`` (summed over all pairs)."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def pair(gold: list[list[tuple[int, int]]], ours: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold index, our index)``, greedily by overlap (largest first, then text order)."""
    candidates = sorted(((-overlap(g, o), gi, oi) for gi, g in enumerate(gold) for oi, o in enumerate(ours) if overlap(g, o) > 0))
    used_g: set[int] = set()
    used_o: set[int] = set()
    out = []
    for _, gi, oi in candidates:
        if gi not in used_g and oi not in used_o:
            used_g.add(gi)
            used_o.add(oi)
            out.append((gi, oi))
    return sorted(out)


def _last_word(s: str) -> str:
    words = _WORD.findall(s.lower())
    return words[-1] if words else ""


def same_name(a: str, b: str) -> bool:
    """Participant surfaces that name the same thing: one contains the other (case-insensitive) or same last word."""
    a, b = a.strip().lower(), b.strip().lower()
    if not a or not b:
        return False
    return a in b or b in a or _last_word(a) == _last_word(b)


def place_matches(gold: str, names: set[str]) -> bool:
    """A gold place surface against a place entity's name and mention texts (equal or containing, case-insensitive)."""
    g = gold.strip().lower()
    return any(g in n.lower() or n.lower() in g for n in names if n.strip())


def match_participants(gold: list[str], ours: list[set[str]]) -> int:
    """How many gold participants find a predicted one (each predicted participant used once, gold order)."""
    used: set[int] = set()
    hits = 0
    for g in gold:
        for i, names in enumerate(ours):
            if i not in used and any(same_name(g, n) for n in names):
                used.add(i)
                hits += 1
                break
    return hits


def entity_names(record: Record) -> dict[str, set[str]]:
    """Entity id → its name and the texts of its mentions."""
    return {e.id: {e.name, *(m.text for m in e.mentions)} for e in record.entities}


def our_participants(event: Event, names: dict[str, set[str]]) -> list[set[str]]:
    """A predicted event's participants as name sets: one per entity, one per group mention; a plan's are its
    authors (the guideline's participants of a plan)."""
    ids = event.plan.authors if event.plan is not None else event.participants
    return [names.get(p, {p}) for p in ids] + [{g.text} for g in event.groups]


def our_time(event: Event) -> str | None:
    """The time the gold ``time`` means: a postponed event's new time when the text gives one (the guideline's
    "time = the new target time"; ours is the status change's ``to``), else the event's time."""
    moved = next((c.to.value for c in reversed(event.status_changes) if c.status == "postponed" and c.to), None)
    return moved or (event.time.value if event.time else None)


def our_fields(event: Event, names: dict[str, set[str]]) -> dict:
    """The predicted values of the scored fields (place as a name set)."""
    return {
        "type": event.type,
        "status": event.status,
        "modality": event.modality,
        "time": our_time(event),
        "place": names.get(event.place, {event.place}) if event.place else None,
    }


def field_right(name: str, gold: dict, ours: dict) -> bool:
    """Whether a paired event's predicted field agrees with the gold one."""
    g, o = gold.get(name), ours[name]
    if name == "place":
        if g is None or o is None:
            return g is None and o is None
        return place_matches(g, o)
    if name == "status" and g == "negated":  # "Es gab keine Einigung": the product says hypothetical
        return o == "hypothetical"
    return g == o


@dataclass
class Detection(Counts):
    def as_dict(self) -> dict:
        return {
            **prf(self.precision, self.recall),
            "matched": self.tp,
            "predicted": self.tp + self.fp,
            "gold": self.tp + self.fn,
        }


@dataclass
class EventScore:
    paragraphs: int = 0
    detection: Detection = field(default_factory=Detection)
    type_strict: Detection = field(default_factory=Detection)
    participants: Detection = field(default_factory=Detection)
    right: Counter = field(default_factory=Counter)  # field name → right over paired events
    fields: dict[str, Detection] = field(default_factory=lambda: {name: Detection() for name in (*FIELDS, "participants")})
    per_status: dict[str, Counter] = field(default_factory=dict)  # gold status → gold, matched, right; predicted
    per_type: dict[str, Counter] = field(default_factory=dict)  # type → gold, matched, right; predicted
    optional: Counter = field(default_factory=Counter)  # unpaired hypothetical events: "ours", "gold"
    outside: int = 0  # our events of types outside the set's inventory (not scored)
    false_facts: int = 0  # predicted happened, paired gold hypothetical/planned/negated
    errors: list[dict] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        return ratio(self.right[name], self.detection.tp)

    def as_dict(self) -> dict:
        return {
            "paragraphs": self.paragraphs,
            "detection": self.detection.as_dict(),
            "type_strict": self.type_strict.as_dict(),
            "accuracy": {name: round(self.accuracy(name), 4) for name in FIELDS},
            "participants": self.participants.as_dict(),
            "fields": {name: d.as_dict() for name, d in self.fields.items()},
            "per_status": {k: dict(v) for k, v in sorted(self.per_status.items())},
            "per_type": {k: dict(v) for k, v in sorted(self.per_type.items())},
            "optional_unpaired": dict(self.optional),
            "false_facts": self.false_facts,
            "outside_inventory": self.outside,
        }

    def report(self) -> str:
        lines = [f"paragraphs: {self.paragraphs}", f"{'':28} {'P':>7} {'R':>7} {'F1':>7} {'ours':>6} {'gold':>6}"]
        for label, d in (
            ("events", self.detection),
            ("events, type-strict", self.type_strict),
            ("participants (paired)", self.participants),
        ):
            lines.append(f"{label:28} {d.precision:7.4f} {d.recall:7.4f} {d.f1:7.4f} {d.tp + d.fp:6} {d.tp + d.fn:6}")
        lines.append("")
        lines.append(f"{'per field, all events':28} {'P':>7} {'R':>7} {'F1':>7} {'ours':>6} {'gold':>6}")
        for name, d in self.fields.items():
            lines.append(f"  {name:26} {d.precision:7.4f} {d.recall:7.4f} {d.f1:7.4f} {d.tp + d.fp:6} {d.tp + d.fn:6}")
        lines.append("")
        lines.append(
            f"hypothetical events left unpaired (optional, not scored): ours {self.optional['ours']}, "
            f"gold {self.optional['gold']}"
        )
        if self.outside:
            lines.append(f"our events of types outside this set's inventory (not scored): {self.outside}")
        lines.append(f"false facts (ours happened, gold hypothetical/planned/negated): {self.false_facts}")
        lines.append("")
        lines.append(f"accuracy over {self.detection.tp} paired events:")
        lines += [f"  {name:26} {self.accuracy(name):7.4f} {self.right[name]:6}" for name in FIELDS]
        for title, table in (("gold status", self.per_status), ("type", self.per_type)):
            lines.append("")
            lines.append(f"{title:28} {'gold':>6} {'paired':>6} {'right':>6} {'ours':>6}")
            lines += [
                f"  {k:26} {c['gold']:6} {c['matched']:6} {c['right']:6} {c['predicted']:6}" for k, c in sorted(table.items())
            ]
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)


def analyse_paragraph(text: str, published: str | None) -> Record:
    """The full pipeline on one paragraph as an article (one body paragraph, the given publication date)."""
    from ..analyse.pipeline import analyse
    from ..article import Article
    from ..record import Meta

    return analyse(Article(meta=Meta(published=published), body=[text]))


def _count(table: dict[str, Counter], key: str, what: str) -> None:
    table.setdefault(key, Counter({"gold": 0, "matched": 0, "right": 0, "predicted": 0}))[what] += 1


def _describe(event: Event, names: dict[str, set[str]]) -> dict:
    f = our_fields(event, names)
    return {
        **f,
        "place": sorted(f["place"]) if f["place"] else None,
        "mentions": [m.text for m in event.mentions],
        "participants": [sorted(p) for p in our_participants(event, names)],
    }


def score_paragraph(doc: dict, score: EventScore, record: Record | None = None, types: frozenset[str] | None = None) -> None:
    """Add one gold paragraph's counts (and errors) to ``score`` (``types``: the set's inventory, None for all)."""
    text = doc["text"]
    record = record or analyse_paragraph(text, doc.get("published"))
    if record.text != text:
        raise ValueError(f"{doc['id']}: the analysed text differs from the gold text")
    names = entity_names(record)
    gold = doc["events"]
    ours = [e for e in record.events if types is None or e.type in types]
    score.outside += len(record.events) - len(ours)
    pairs = pair([gold_spans(text, g) for g in gold], [[(m.start, m.end) for m in e.mentions] for e in ours])
    # unpaired hypothetical events are optional on both sides: drop them before counting
    paired_g, paired_o = {gi for gi, _ in pairs}, {oi for _, oi in pairs}
    keep_g = [gi for gi, g in enumerate(gold) if gi in paired_g or g["status"] not in OPTIONAL_GOLD]
    keep_o = [oi for oi, e in enumerate(ours) if oi in paired_o or e.status != "hypothetical"]
    score.optional["gold"] += len(gold) - len(keep_g)
    score.optional["ours"] += len(ours) - len(keep_o)
    new_g, new_o = {gi: k for k, gi in enumerate(keep_g)}, {oi: k for k, oi in enumerate(keep_o)}
    pairs = [(new_g[gi], new_o[oi]) for gi, oi in pairs]
    gold, ours = [gold[gi] for gi in keep_g], [ours[oi] for oi in keep_o]
    score.paragraphs += 1
    score.detection.tp += len(pairs)
    score.detection.fp += len(ours) - len(pairs)
    score.detection.fn += len(gold) - len(pairs)
    strict = sum(gold[gi]["type"] == ours[oi].type for gi, oi in pairs)
    score.type_strict.tp += strict
    score.type_strict.fp += len(ours) - strict
    score.type_strict.fn += len(gold) - strict
    for g in gold:
        _count(score.per_status, g["status"], "gold")
        _count(score.per_type, g["type"], "gold")
    for e in ours:
        _count(score.per_status, e.status, "predicted")
        _count(score.per_type, e.type, "predicted")
    paired_o = {oi for _, oi in pairs}
    paired_g = {gi for gi, _ in pairs}
    _count_fields(score, gold, [our_fields(e, names) for e in ours], pairs)
    for gi, g in enumerate(gold):
        if gi not in paired_g:
            score.fields["participants"].fn += len(g["participants"])
    for oi, e in enumerate(ours):
        if oi not in paired_o:
            score.fields["participants"].fp += len(our_participants(e, names))
    for gi, oi in pairs:
        g, e = gold[gi], ours[oi]
        f = our_fields(e, names)
        if e.status == "happened" and g["status"] in NOT_HAPPENED:
            score.false_facts += 1
            score.errors.append({"id": doc["id"], "kind": "false fact", "gold": g, "ours": _describe(e, names)})
        wrong = [name for name in FIELDS if not field_right(name, g, f)]
        for name in FIELDS:
            score.right[name] += name not in wrong
        _count(score.per_status, g["status"], "matched")
        _count(score.per_type, g["type"], "matched")
        if "status" not in wrong:
            _count(score.per_status, g["status"], "right")
        if "type" not in wrong:
            _count(score.per_type, g["type"], "right")
        parts = our_participants(e, names)
        hits = match_participants(g["participants"], parts)
        score.participants.tp += hits
        score.participants.fp += len(parts) - hits
        score.participants.fn += len(g["participants"]) - hits
        score.fields["participants"].tp += hits
        score.fields["participants"].fp += len(parts) - hits
        score.fields["participants"].fn += len(g["participants"]) - hits
        if wrong or hits < max(len(parts), len(g["participants"])):
            score.errors.append({"id": doc["id"], "kind": "wrong", "fields": wrong, "gold": g, "ours": _describe(e, names)})
    for gi, g in enumerate(gold):
        if gi not in paired_g:
            score.errors.append({"id": doc["id"], "kind": "missed", "gold": g})
    for oi, e in enumerate(ours):
        if oi not in paired_o:
            score.errors.append({"id": doc["id"], "kind": "spurious", "ours": _describe(e, names)})


def _count_fields(score: EventScore, gold: list[dict], ours: list[dict], pairs: list[tuple[int, int]]) -> None:
    """Per-field counts over all events of a paragraph: a value of a paired event is right or wrong, one of an
    unpaired event is a false positive (predicted) or a miss (gold); a null time or place is no value."""
    for name in FIELDS:
        d = score.fields[name]
        right = sum(1 for gi, oi in pairs if gold[gi].get(name) is not None and field_right(name, gold[gi], ours[oi]))
        d.tp += right
        d.fp += sum(1 for o in ours if o[name] is not None) - right
        d.fn += sum(1 for g in gold if g.get(name) is not None) - right


def documents(path: str | Path) -> list[dict]:
    """The gold paragraphs of a JSON Lines file."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def inventory(docs: list[dict]) -> frozenset[str] | None:
    """:data:`DIPLOMACY` for a set annotated with it (all its gold events of those types), else None (every type)."""
    return DIPLOMACY if all(e["type"] in DIPLOMACY for d in docs for e in d["events"]) else None


def evaluate_file(path: str | Path) -> EventScore:
    score = EventScore()
    docs = documents(path)
    types = inventory(docs)
    for doc in docs:
        score_paragraph(doc, score, types=types)
    return score
