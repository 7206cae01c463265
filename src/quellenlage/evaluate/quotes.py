"""Quotation attribution against the quotes-wikinews data (GermEval 2023 SpkAtt, task 2).

Each document's ``originalText`` is read as an article (every non-empty line a
paragraph), run through the real pipeline (every stage before attribution,
e.g. segment and entities), and the attribution stage's statements are
compared with the gold annotations. Matching rules:

- our quotes are the statements that are not ``asserted``; gold quotes are all
  annotations (nested ones included), each a set of gold tokens;
- our quote's tokens are the gold tokens its character span overlaps;
- **exact**: same token set; **overlap**: at least one shared token; quotes are
  paired one-to-one, greedily by the number of shared tokens;
- **tokens**: token-level precision/recall over all quote tokens (a token
  counts once per quote);
- **speaker**: over paired quotes, our speaker's span overlaps the gold
  speaker's span (a pronoun counts as itself; free indirect speech carries
  the earlier speaker's span); precision over our paired quotes that have a
  speaker, recall over all gold quotes that have one;
- **cue**: likewise for the cue word(s);
- **per type**: recall per gold type (Direct, Indirect, FreeIndirect,
  IndirectFreeIndirect, Reported), precision per our kind mapped
  (direct_quote→Direct, indirect_speech→Indirect or FreeIndirect when free,
  reported→Reported), overlap matching, type ignored for the pairing.

``QuoteScore.errors`` lists what went wrong, for ``eval quotes --errors``: gold
quotes no statement of ours was paired with (``missed``, with type, cue,
speaker and the sentences they stand in), paired quotes whose speaker we got
wrong or did not find (``speaker``, with the rules that decided ours), and our
statements paired with no gold quote (``spurious``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .scores import f1, prf, ratio
from .wikinews import documents, record_of

OUR_TYPE = {"direct_quote": "Direct", "indirect_speech": "Indirect", "reported": "Reported"}


@dataclass
class PRF:
    tp_p: int = 0  # our items that are right
    n_p: int = 0  # our items
    tp_r: int = 0  # gold items found
    n_r: int = 0  # gold items

    @property
    def precision(self) -> float:
        return ratio(self.tp_p, self.n_p)

    @property
    def recall(self) -> float:
        return ratio(self.tp_r, self.n_r)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def as_dict(self) -> dict:
        return {
            **prf(self.precision, self.recall),
            "ours": self.n_p,
            "gold": self.n_r,
        }


@dataclass
class QuoteScore:
    docs: int = 0
    exact: PRF = field(default_factory=PRF)
    overlap: PRF = field(default_factory=PRF)
    tokens: PRF = field(default_factory=PRF)
    speaker: PRF = field(default_factory=PRF)
    cue: PRF = field(default_factory=PRF)
    per_type: dict[str, PRF] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "documents": self.docs,
            "quote_exact": self.exact.as_dict(),
            "quote_overlap": self.overlap.as_dict(),
            "quote_tokens": self.tokens.as_dict(),
            "speaker": self.speaker.as_dict(),
            "cue": self.cue.as_dict(),
            "per_type": {k: v.as_dict() for k, v in sorted(self.per_type.items())},
        }

    def report(self) -> str:
        rows = [
            ("quote spans, exact", self.exact),
            ("quote spans, token overlap", self.overlap),
            ("quote tokens", self.tokens),
            ("speaker (of paired quotes)", self.speaker),
            ("cue (of paired quotes)", self.cue),
        ]
        rows += [(f"  type {k}", v) for k, v in sorted(self.per_type.items())]
        lines = [f"documents: {self.docs}", f"{'':32} {'P':>7} {'R':>7} {'F1':>7} {'ours':>6} {'gold':>6}"]
        lines += [f"{name:32} {s.precision:7.4f} {s.recall:7.4f} {s.f1:7.4f} {s.n_p:6} {s.n_r:6}" for name, s in rows]
        return "\n".join(lines)


def _analyse(text: str):
    """Every pipeline stage before attribution, then the attribution stage's statements (with speaker offsets)."""
    from ..analyse.attribution import attribute
    from ..analyse.pipeline import STAGES

    record = record_of(text)
    for name, stage, _ in STAGES:
        if name == "attribution":
            break
        stage(record)
    return attribute(record)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _spans(part: dict) -> list[tuple[int, int]]:
    return [(s["charBegin"], s["charEnd"]) for s in part.get("spans", [])]


def score_document(doc: dict, score: QuoteScore) -> None:
    text = doc["originalText"]
    tokens = [(t["charBegin"], t["charEnd"]) for t in doc["tokens"]]
    starts = [a for a, _ in tokens]
    found = [f for f in _analyse(text) if f.kind != "asserted"]

    import bisect

    def token_set(start: int, end: int) -> frozenset[int]:
        i = max(0, bisect.bisect_right(starts, start) - 1)
        out = set()
        while i < len(tokens) and tokens[i][0] < end:
            if tokens[i][1] > start:
                out.add(i)
            i += 1
        return frozenset(out)

    gold = [(frozenset(a["quote"]["tokenIds"]), a) for a in doc["annotations"] if a["quote"]["tokenIds"]]
    ours = [(token_set(f.start, f.end), f) for f in found]
    score.docs += 1
    # pairing, greedy by shared tokens
    pairs = sorted(
        ((len(g & o), gi, oi) for gi, (g, _) in enumerate(gold) for oi, (o, _) in enumerate(ours) if g & o), reverse=True
    )
    used_g, used_o, matched = set(), set(), []
    for _, gi, oi in pairs:
        if gi not in used_g and oi not in used_o:
            used_g.add(gi)
            used_o.add(oi)
            matched.append((gi, oi))
    score.overlap.n_p += len(ours)
    score.overlap.n_r += len(gold)
    score.overlap.tp_p += len(matched)
    score.overlap.tp_r += len(matched)
    gold_sets = Counter(g for g, _ in gold)
    our_sets = Counter(o for o, _ in ours)
    exact = sum(min(n, our_sets[s]) for s, n in gold_sets.items())
    score.exact.n_p += len(ours)
    score.exact.n_r += len(gold)
    score.exact.tp_p += exact
    score.exact.tp_r += exact
    for gi, oi in matched:
        g, o = gold[gi][0], ours[oi][0]
        score.tokens.tp_p += len(g & o)
        score.tokens.tp_r += len(g & o)
    score.tokens.n_p += sum(len(o) for o, _ in ours)
    score.tokens.n_r += sum(len(g) for g, _ in gold)
    # speaker and cue
    paired = dict(matched)
    for gi, (_, ann) in enumerate(gold):
        gs, gc = _spans(ann["speaker"]), _spans(ann["cue"])
        score.speaker.n_r += bool(gs)
        score.cue.n_r += bool(gc)
        if gi not in paired:
            continue
        f = ours[paired[gi]][1]
        if f.speaker is not None:
            score.speaker.n_p += 1
            hit = bool(gs) and _overlaps(gs, f.speaker.start, f.speaker.end)
            score.speaker.tp_p += hit
            score.speaker.tp_r += hit
        if f.cue is not None:
            score.cue.n_p += 1
            hit = bool(gc) and _overlaps(gc, *f.cue)
            score.cue.tp_p += hit
            score.cue.tp_r += hit
    # per type
    for gi, (_, ann) in enumerate(gold):
        s = score.per_type.setdefault(ann["type"], PRF())
        s.n_r += 1
        s.tp_r += gi in paired
    matched_ours = set(paired.values())
    for oi, (_, f) in enumerate(ours):
        t = "FreeIndirect" if f.free else OUR_TYPE[f.kind]
        s = score.per_type.setdefault(t, PRF())
        s.n_p += 1
        s.tp_p += oi in matched_ours
    _errors(doc, gold, ours, paired, score.errors)


def _errors(doc: dict, gold: list, ours: list, paired: dict[int, int], out: list[dict]) -> None:
    """What went wrong in one document: missed gold quotes, wrong or missing speakers, spurious statements."""
    text = doc["originalText"]
    tokens = doc["tokens"]
    sentences = {s["id"] + 1: s["text"].strip() for s in doc.get("sentences", [])}

    def context(ids) -> str:
        return " ".join(sentences.get(n, "") for n in sorted({tokens[t]["sentence"] for t in ids}))

    def ours_of(f) -> dict:
        return {
            "text": text[f.start : f.end],
            "kind": f.kind,
            "kind_rule": f.kind_rule,
            "speaker": f.speaker.text if f.speaker else None,
            "speaker_rule": f.speaker.rule if f.speaker else None,
        }

    for gi, (g, ann) in enumerate(gold):
        base = {
            "document": doc.get("id"),
            "type": ann["type"],
            "quote": ann["quote"]["text"],
            "cue": ann["cue"]["text"] or None,
            "speaker": ann["speaker"]["text"] or None,
        }
        if gi not in paired:
            out.append({"error": "missed", **base, "context": context(g)})
            continue
        gs = _spans(ann["speaker"])
        f = ours[paired[gi]][1]
        if gs and (f.speaker is None or not _overlaps(gs, f.speaker.start, f.speaker.end)):
            out.append({"error": "speaker", **base, "ours": ours_of(f)})
    for oi, (_, f) in enumerate(ours):
        if oi not in paired.values():
            out.append({"error": "spurious", "document": doc.get("id"), "ours": ours_of(f)})


def evaluate_file(path: str, limit: int | None = None) -> QuoteScore:
    score = QuoteScore()
    for doc in documents(path, limit):
        score_document(doc, score)
    return score
