"""Time expressions against WikiWarsDE (inline TIMEX2 gold), as HeidelTime was measured.

Each ``*.key.xml`` holds one Wikipedia article on a war with its document
date in ``<DATETIME>`` and gold ``<TIMEX2 val=… mod=…>`` tags inline in
``<TEXT>``. The tagger runs in narrative mode on the text with the tags
removed (offsets are kept exact; one file has a bare ``&``, so the text is
read as it is, not as XML).

Measures (micro-averaged over all documents):

- extraction, strict: our span equals a gold span (white space trimmed);
- extraction, lenient: our span overlaps a gold span (one-to-one, greedy in
  text order);
- value: a lenient match whose value equals the gold ``val``; value
  precision/recall divide by all our / all gold expressions, and value
  accuracy divides by the lenient matches.

The real-news gold set (``tests/fixtures/events_realnews_*.jsonl``, docs/events-realnews-set.md) is read
too: each paragraph's ``times`` (text, occurrence, value) against the tagger in news mode with the
paragraph's publication date. There a null gold value is a value too: it says the text does not fix one
(no publication date, "am Mittwoch"), so our null is right and any value of ours is wrong (precision first).

TIMEX2 ↔ our TIMEX3-style output (rules applied before scoring):

1. a range ("vom 24. bis zum 26. Oktober", value ``A/B``) is scored as its two
   ends, as TIMEX2 tags "24." and "26. Oktober" separately;
2. the document's own ``<DATETIME>`` stamp is not part of the text and not scored;
3. values compare as strings after trimming; TIMEX2 centuries ("19"), decades
   ("194"), seasons ("1944-SU"), parts of day ("TMO"), "BC" years and vague
   durations ("PXY") are written the same way by our tagger, so need no mapping;
4. our ``type`` and ``mod`` are not scored (TIMEX2 has no type; HeidelTime's
   published value F1 uses ``val`` only).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .scores import f1, ratio

_TAG = re.compile(r"<TIMEX2\b([^>]*)>|</TIMEX2>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DATETIME>\s*<TIMEX2[^>]*val=\"(\d{4}-\d\d-\d\d)")


@dataclass
class Gold:
    start: int
    end: int
    value: str | None
    mod: str | None


@dataclass
class TimexDocument:
    name: str
    text: str
    dct: date | None
    gold: list[Gold]


def read_document(path: Path) -> TimexDocument:
    raw = path.read_text(encoding="utf-8")
    dct_m = _DCT.search(raw)
    body_start = raw.index("<TEXT>") + len("<TEXT>")
    body_end = raw.index("</TEXT>")
    body = raw[body_start:body_end]
    parts: list[str] = []
    gold: list[Gold] = []
    pos = 0
    length = 0
    open_attrs: dict | None = None
    open_at = 0
    for m in _TAG.finditer(body):
        chunk = body[pos : m.start()]
        parts.append(chunk)
        length += len(chunk)
        if m.group(0).startswith("</"):
            if open_attrs is not None:
                gold.append(Gold(open_at, length, open_attrs.get("val"), open_attrs.get("mod")))
            open_attrs = None
        else:
            open_attrs = dict(_ATTR.findall(m.group(1)))
            open_at = length
        pos = m.end()
    parts.append(body[pos:])
    text = "".join(parts)
    # trim white space inside gold spans ("Ende des Jahres ")
    trimmed = []
    for g in gold:
        s, e = g.start, g.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        trimmed.append(Gold(s, e, g.value, g.mod))
    dct = date.fromisoformat(dct_m.group(1)) if dct_m else None
    return TimexDocument(path.name.split(".")[0], text, dct, trimmed)


@dataclass
class TimexCounts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    lenient: int = 0
    value: int = 0

    def add(self, other: TimexCounts) -> None:
        for k in ("gold", "system", "strict", "lenient", "value"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @staticmethod
    def _f(tp: int, sys: int, gold: int) -> tuple[float, float, float]:
        p, r = ratio(tp, sys), ratio(tp, gold)
        return p, r, f1(p, r)

    def scores(self) -> dict[str, float]:
        out = {}
        for name, tp in (("strict", self.strict), ("lenient", self.lenient), ("value", self.value)):
            p, r, f = self._f(tp, self.system, self.gold)
            out[f"{name}_precision"], out[f"{name}_recall"], out[f"{name}_f1"] = round(p, 4), round(r, 4), round(f, 4)
        out["value_accuracy"] = round(self.value / self.lenient, 4) if self.lenient else 0.0
        return out


@dataclass
class Result:
    documents: list[tuple[str, TimexCounts]] = field(default_factory=list)
    total: TimexCounts = field(default_factory=TimexCounts)
    errors: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "total": {**vars(self.total), **self.total.scores()},
            "documents": [{"name": n, **vars(c), **c.scores()} for n, c in self.documents],
        }

    def report(self) -> str:
        lines = [
            f"{'document':32} {'gold':>5} {'ours':>5} {'strict F1':>9} {'lenient F1':>10} {'value F1':>8} {'value acc':>9}",
        ]
        for name, c in [*self.documents, ("TOTAL", self.total)]:
            s = c.scores()
            lines.append(
                f"{name:32} {c.gold:5d} {c.system:5d} {s['strict_f1']:9.3f} {s['lenient_f1']:10.3f} {s['value_f1']:8.3f} {s['value_accuracy']:9.3f}"
            )
        s = self.total.scores()
        lines.append("")
        lines.append(
            f"strict P/R/F1 {s['strict_precision']:.3f}/{s['strict_recall']:.3f}/{s['strict_f1']:.3f} · "
            f"lenient P/R/F1 {s['lenient_precision']:.3f}/{s['lenient_recall']:.3f}/{s['lenient_f1']:.3f} · "
            f"value P/R/F1 {s['value_precision']:.3f}/{s['value_recall']:.3f}/{s['value_f1']:.3f}"
        )
        lines.append("HeidelTime (published): lenient F1 0.933, strict F1 0.877, value F1 0.885")
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def system_spans(doc: TimexDocument, narrative: bool = True) -> list[tuple[int, int, str | None]]:
    """Our expressions on a document, ranges split into their ends (mapping rule 1; WikiWarsDE only)."""
    from ..analyse.time import tag

    if not narrative:  # news: one expression, one value (ranges as "A/B")
        return [(t.start, t.end, t.value) for t in tag(doc.text, doc.dct)]
    out: list[tuple[int, int, str | None]] = []
    for t in tag(doc.text, doc.dct, narrative=True):
        if t.parts:
            out.extend((p.start, p.end, p.value) for p in t.parts)
        else:
            out.append((t.start, t.end, t.value))
    return out


def score_document(doc: TimexDocument, errors: list | None = None, news: bool = False) -> TimexCounts:
    """The counts of one document; ``news``: the real-news rules (news mode, a null value is a value)."""
    ours = system_spans(doc, narrative=not news)
    c = TimexCounts(gold=len(doc.gold), system=len(ours))
    gold_exact = {(g.start, g.end) for g in doc.gold}
    c.strict = sum(1 for s, e, _ in ours if (s, e) in gold_exact)
    used: set[int] = set()
    matched_sys: set[int] = set()
    for i, (s, e, v) in enumerate(ours):
        for k, g in enumerate(doc.gold):
            if k in used or g.end <= s or g.start >= e:
                continue
            used.add(k)
            matched_sys.add(i)
            c.lenient += 1
            if (v is not None and g.value is not None and v.strip() == g.value.strip()) or (
                news and v is None and g.value is None
            ):
                c.value += 1
            elif errors is not None:
                errors.append(
                    {
                        "doc": doc.name,
                        "kind": "value",
                        "text": doc.text[s:e],
                        "gold_text": doc.text[g.start : g.end],
                        "ours": v,
                        "gold": g.value,
                    }
                )
            break
    if errors is not None:
        for k, g in enumerate(doc.gold):
            if k not in used:
                errors.append(
                    {
                        "doc": doc.name,
                        "kind": "missed",
                        "gold_text": doc.text[g.start : g.end],
                        "gold": g.value,
                        "context": doc.text[max(0, g.start - 40) : g.end + 20].replace("\n", " "),
                    }
                )
        for i, (s, e, v) in enumerate(ours):
            if i not in matched_sys:
                errors.append(
                    {
                        "doc": doc.name,
                        "kind": "spurious",
                        "text": doc.text[s:e],
                        "ours": v,
                        "context": doc.text[max(0, s - 40) : e + 20].replace("\n", " "),
                    }
                )
    return c


def read_jsonl(path: str | Path) -> list[TimexDocument]:
    """The paragraphs of a real-news gold file with their ``times`` as gold spans (docs/events-realnews-set.md)."""
    from .events import nth

    docs = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        gold = []
        for t in item.get("times", []):
            span = nth(item["text"], t["text"], t.get("occurrence", 1))
            if span is not None:
                gold.append(Gold(span[0], span[1], t.get("value"), t.get("mod")))
        published = item.get("published")
        docs.append(TimexDocument(item["id"], item["text"], date.fromisoformat(published[:10]) if published else None, gold))
    return docs


def evaluate_dir(path: str | Path, with_errors: bool = False) -> Result:
    if Path(path).is_file() and str(path).endswith(".jsonl"):
        return _evaluate_news(read_jsonl(path), with_errors)
    files = sorted(Path(path).glob("*.xml"))
    if not files:
        raise FileNotFoundError(f"no *.xml files in {path}")
    result = Result()
    for f in files:
        doc = read_document(f)
        c = score_document(doc, result.errors if with_errors else None)
        result.documents.append((doc.name, c))
        result.total.add(c)
    return result


def _evaluate_news(docs: list[TimexDocument], with_errors: bool) -> Result:
    result = Result()
    for doc in docs:
        c = score_document(doc, result.errors if with_errors else None, news=True)
        result.documents.append((doc.name, c))
        result.total.add(c)
    return result
