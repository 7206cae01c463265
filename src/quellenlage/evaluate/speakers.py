"""Speakers, quotes and anonymity against the real-news speaker gold set (docs/quotes-realnews-set.md).

Each line is one paragraph of real German news with its gold ``quotes`` (direct quotes, indirect speech,
reported claims), each with its speaker as written, the speaker's canonical name, anonymity and its kind.
The paragraph is analysed as an article of its own through the full pipeline (as ``eval events`` does),
and the record's statements that are not ``asserted`` are compared with the gold quotes.

Matching rules:

- a gold quote's span is its ``quote`` string (its ``quote_occurrence``-th occurrence); a statement and a
  gold quote are paired when their spans overlap, one-to-one, greedily by the number of shared characters;
- **quote spans**: paired / ours / gold (precision, recall, F1) and character-level precision/recall over
  the paired spans (``chars``);
- **speaker**, over all quotes: one of ours is right when its quote is paired and its speaker names the gold
  one — the speaker text or the linked entity's name and mentions agree with the gold ``speaker`` or
  ``speaker_name`` (:func:`.events.same_name`: one contains the other, or the same last word); precision over
  our statements with a speaker, recall over gold quotes with a speaker;
- **direct quotes with the right linked speaker**: of the gold direct quotes whose speaker is named (not
  anonymous), the share whose paired statement's speaker is linked to an entity whose name or mentions agree
  with ``speaker_name``;
- **anonymous sources recognised**: of the gold quotes whose source is anonymous, the share whose paired
  statement marks its speaker (or its innermost source) anonymous; ``with a kind`` also needs an anonymity
  kind, and ``kind right`` the gold kind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..record import Record, Statement
from .events import analyse_paragraph, nth, same_name
from .quotes import PRF
from .scores import ratio


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return ratio(self.right, self.total)

    def as_dict(self) -> dict:
        return {"value": round(self.value, 4), "right": self.right, "total": self.total}


@dataclass
class SpeakerScore:
    paragraphs: int = 0
    quotes: PRF = field(default_factory=PRF)
    chars: PRF = field(default_factory=PRF)
    speaker: PRF = field(default_factory=PRF)
    direct_linked: Ratio = field(default_factory=Ratio)
    anonymous: Ratio = field(default_factory=Ratio)
    anonymous_with_kind: Ratio = field(default_factory=Ratio)
    anonymous_kind_right: Ratio = field(default_factory=Ratio)
    false_anonymous: int = 0  # ours anonymous, gold named
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "paragraphs": self.paragraphs,
            "quotes": self.quotes.as_dict(),
            "quote_chars": self.chars.as_dict(),
            "speaker": self.speaker.as_dict(),
            "direct_quotes_right_linked_speaker": self.direct_linked.as_dict(),
            "anonymous_recognised": self.anonymous.as_dict(),
            "anonymous_with_kind": self.anonymous_with_kind.as_dict(),
            "anonymous_kind_right": self.anonymous_kind_right.as_dict(),
            "false_anonymous": self.false_anonymous,
        }

    def report(self) -> str:
        lines = [f"paragraphs: {self.paragraphs}", f"{'':40} {'P':>7} {'R':>7} {'F1':>7} {'ours':>6} {'gold':>6}"]
        for label, s in (
            ("quotes (span overlap)", self.quotes),
            ("quote characters (paired)", self.chars),
            ("speaker", self.speaker),
        ):
            d = s.as_dict()
            lines.append(f"{label:40} {d['precision']:7.4f} {d['recall']:7.4f} {d['f1']:7.4f} {s.n_p:6} {s.n_r:6}")
        lines.append("")
        for label, r in (
            ("direct quotes, right linked speaker", self.direct_linked),
            ("anonymous sources recognised", self.anonymous),
            ("  … with a kind", self.anonymous_with_kind),
            ("  … with the right kind", self.anonymous_kind_right),
        ):
            lines.append(f"{label:40} {r.value:7.4f} {r.right:6} / {r.total}")
        lines.append(f"{'named sources marked anonymous':40} {self.false_anonymous:7}")
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)


def _names(record: Record, st: Statement) -> set[str]:
    """What our statement says its speaker is: the speaker text and the linked entity's name and mentions."""
    if st.speaker is None:
        return set()
    out = {st.speaker.text}
    for e in record.entities:
        if e.id == st.speaker.entity:
            out |= {e.name, *(m.text for m in e.mentions)}
    return {n for n in out if n}


def _linked(record: Record, st: Statement) -> set[str]:
    if st.speaker is None or st.speaker.entity is None:
        return set()
    return {n for e in record.entities if e.id == st.speaker.entity for n in (e.name, *(m.text for m in e.mentions))}


def _anonymity(st: Statement) -> tuple[bool, str | None]:
    """(anonymous, kind) of a statement's speaker, else of its innermost source."""
    holders = [x for x in (st.speaker, st.sources[-1] if st.sources else None) if x is not None]
    for x in holders:
        if x.anonymous:
            return True, getattr(x, "anonymous_kind", None) or getattr(x, "kind", None)
    return False, None


def _agrees(names: set[str], *gold: str | None) -> bool:
    return any(g and same_name(g, n) for g in gold for n in names)


def score_paragraph(doc: dict, score: SpeakerScore, record: Record | None = None) -> None:
    """Add one gold paragraph's counts (and errors) to ``score``."""
    text = doc["text"]
    record = record or analyse_paragraph(text, doc.get("published"))
    if record.text != text:
        raise ValueError(f"{doc['id']}: the analysed text differs from the gold text")
    located = [(nth(text, q["quote"], q.get("quote_occurrence", 1)), q) for q in doc["quotes"]]
    gold = [(span, q) for span, q in located if span is not None]
    ours = [st for st in record.statements if st.kind != "asserted"]
    candidates = sorted(
        (
            (-(min(e, st.end) - max(s, st.start)), gi, oi)
            for gi, ((s, e), _) in enumerate(gold)
            for oi, st in enumerate(ours)
            if min(e, st.end) > max(s, st.start)
        )
    )
    used_g, used_o, pairs = set(), set(), {}
    for _, gi, oi in candidates:
        if gi not in used_g and oi not in used_o:
            used_g.add(gi)
            used_o.add(oi)
            pairs[gi] = oi
    score.paragraphs += 1
    score.quotes.n_p += len(ours)
    score.quotes.n_r += len(gold)
    score.quotes.tp_p += len(pairs)
    score.quotes.tp_r += len(pairs)
    score.speaker.n_p += sum(1 for st in ours if st.speaker is not None)
    score.speaker.n_r += sum(1 for _, q in gold if q.get("speaker") or q.get("speaker_name"))
    for gi, ((s, e), q) in enumerate(gold):
        st = ours[pairs[gi]] if gi in pairs else None
        if st is not None:
            shared = max(0, min(e, st.end) - max(s, st.start))
            score.chars.tp_p += shared
            score.chars.tp_r += shared
            score.chars.n_p += st.end - st.start
            score.chars.n_r += e - s
        names = _names(record, st) if st is not None else set()
        right = st is not None and st.speaker is not None and _agrees(names, q.get("speaker"), q.get("speaker_name"))
        score.speaker.tp_p += right
        score.speaker.tp_r += right and bool(q.get("speaker") or q.get("speaker_name"))
        if q["kind"] == "direct_quote" and not q.get("anonymous") and q.get("speaker_name"):
            score.direct_linked.total += 1
            score.direct_linked.right += st is not None and _agrees(_linked(record, st), q["speaker_name"])
        anonymous, kind = _anonymity(st) if st is not None else (False, None)
        if q.get("anonymous"):
            score.anonymous.total += 1
            score.anonymous_with_kind.total += 1
            score.anonymous_kind_right.total += 1
            score.anonymous.right += anonymous
            score.anonymous_with_kind.right += anonymous and kind is not None
            score.anonymous_kind_right.right += anonymous and kind == q.get("anonymous_kind")
        elif anonymous and q.get("speaker_name"):
            score.false_anonymous += 1
        if st is None or not right or anonymous != bool(q.get("anonymous")):
            score.errors.append(
                {
                    "id": doc["id"],
                    "gold": q,
                    "ours": None
                    if st is None
                    else {
                        "text": st.text,
                        "kind": st.kind,
                        "speaker": st.speaker.text if st.speaker else None,
                        "names": sorted(names),
                        "anonymous": anonymous,
                        "anonymous_kind": kind,
                    },
                }
            )
    for oi, st in enumerate(ours):
        if oi not in pairs.values():
            score.errors.append(
                {
                    "id": doc["id"],
                    "kind": "spurious",
                    "ours": {"text": st.text, "kind": st.kind, "speaker": st.speaker.text if st.speaker else None},
                }
            )


def documents(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def is_speaker_gold(path: str | Path) -> bool:
    """Whether ``path`` is a real-news speaker gold file (JSON Lines whose paragraphs have ``quotes``)."""
    p = Path(path)
    if p.suffix != ".jsonl":
        return False
    with p.open(encoding="utf-8") as fh:
        first = next((line for line in fh if line.strip()), "")
    return '"quotes"' in first and '"text"' in first


def evaluate_file(path: str | Path) -> SpeakerScore:
    score = SpeakerScore()
    for doc in documents(path):
        score_paragraph(doc, score)
    return score
