"""A precision audit of the events stage on unseen text: draw a random sample of the events the stage finds on
the check corpus (scripts/events_diff.py: Wikinews train and 10kGNAD articles that no gold set uses), have
readers who did not write the rules judge each, and score the judgements: the share of sampled events that name a
real event of their type (precision, with a 95% Wilson interval), the share with the right status among those,
and the error classes the readers gave.

    python scripts/events_audit.py sample EVENTS.jsonl CORPUS.jsonl OUTDIR [N] [SEED]
    python scripts/events_audit.py score JUDGED.jsonl [JUDGED.jsonl …]
    python scripts/events_audit.py timeline OUTDIR [N] [SEED] [EARLIER_OUTDIR …]   # what the default timeline shows
    python scripts/events_audit.py score-timeline JUDGED.jsonl [JUDGED.jsonl …]

EVENTS.jsonl is the output of ``scripts/events_diff.py dump``. ``timeline`` audits what a user sees: the events
the default timeline shows (:func:`on_timeline`: no hypothetical or unknown status, a stated status and time),
with their date, participants and place, on articles no rule was chosen on — the Wikinews dev articles no gold
set uses and DFKI SmartData test (never tuned on) — each read as the product reads a text file, drawn at random
and split in three for three readers (docs/events.md, "Timeline audit"); an earlier draw's articles can be left
out.
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections import Counter
from pathlib import Path


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return 0.0, 0.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def sample(events_path: Path, corpus_path: Path, outdir: Path, n: str = "270", seed: str = "2026") -> None:
    texts = {d["id"]: d for d in map(json.loads, corpus_path.open(encoding="utf-8"))}
    rows = [(d["id"], e) for d in map(json.loads, events_path.open(encoding="utf-8")) for e in d["events"]]
    picked = random.Random(int(seed)).sample(rows, int(n))
    outdir.mkdir(parents=True, exist_ok=True)
    parts = 3
    size = math.ceil(len(picked) / parts)
    for k in range(parts):
        with (outdir / f"audit_{k + 1}.jsonl").open("w", encoding="utf-8") as f:
            for i, (doc, e) in enumerate(picked[k * size : (k + 1) * size]):
                text, sentence = texts[doc]["text"], e["sentence"]
                at = text.find(sentence)
                f.write(
                    json.dumps(
                        {
                            "n": f"{k + 1}-{i + 1}",
                            "doc": doc,
                            "published": texts[doc].get("published"),
                            "type": e["type"],
                            "status": e["status"],
                            "trigger": e["trigger"],
                            "mentions": e["mentions"],
                            "context_before": text[max(0, at - 400) : at] if at >= 0 else "",
                            "sentence": sentence,
                            "context_after": text[at + len(sentence) : at + len(sentence) + 200] if at >= 0 else "",
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )


def _unseen() -> list[dict]:
    """Articles no rule was chosen on: Wikinews dev (no gold set's) and SmartData test, as {id, published, text}."""
    import gzip

    from events_diff import SHARED as shared  # ../shared/data; _used: the articles the gold sets hold
    from events_diff import _used

    from quellenlage.evaluate.smartdata import documents

    used = _used()[1]
    out = []
    for line in gzip.open(shared / "quotes-wikinews" / "dev.jsonl.gz", "rt", encoding="utf-8"):
        a = json.loads(line)
        if str(a["id"]) not in used:
            out.append({"id": f"wd{a['id']}", "published": a["date"][:10], "text": a["originalText"]})
    for k, d in enumerate(documents(shared / "smartdata" / "test.jsonl.gz")):
        out.append({"id": f"st{k:04d}", "published": d.published, "text": d.text})
    return out


def on_timeline(event, published: str | None) -> bool:
    """Whether the default timeline shows ``event`` (``serve.timeline.split_events`` with ``show="stated"``): no
    hypothetical or unknown status, and a stated status with a stated time (or, undated, a stated status)."""
    from quellenlage.analyse.event_status import NOT_FACTS
    from quellenlage.serve.timeline import date_range, stated

    if event.status in NOT_FACTS:
        return False
    value = event.time.value if event.time else None
    if date_range(value, event.time.mod if event.time else None) is not None:
        return stated(event, published)
    return event.confidence == "stated"


def timeline(outdir: Path, n: str = "150", seed: str = "2612", *seen_samples: str) -> None:
    """Sample the events the default timeline shows on unseen articles, read as the product reads a text file, with
    what a reader needs to judge them; ``seen_samples``: folders of earlier draws whose articles are left out."""
    from quellenlage.analyse.pipeline import analyse
    from quellenlage.errors import ReadError
    from quellenlage.evaluate.events import entity_names
    from quellenlage.read import read_text

    skip = set()
    for seen in seen_samples:  # a later draw takes no article an earlier one drew from
        skip |= {json.loads(line)["doc"] for p in sorted(Path(seen).glob("timeline_*.jsonl")) for line in p.open()}
    rows = []
    articles = [a for a in _unseen() if a["id"] not in skip]
    for k, item in enumerate(articles):
        try:
            article = read_text(item["text"], f"{item['id']}.txt", reader="pagedump")  # as a .txt file is read
        except ReadError as exc:
            print(exc, file=sys.stderr)
            continue
        article.meta.published = item.get("published")
        record = analyse(article)
        names = entity_names(record)
        for e in record.events:
            if not on_timeline(e, record.meta.published):
                continue
            first = e.mentions[0]
            sentence = record.sentences[first.sentence]
            rows.append(
                {
                    "doc": item["id"],
                    "published": item.get("published"),
                    "type": e.type,
                    "status": e.status,
                    "date": e.time.value if e.time else None,
                    "date_text": e.time.text if e.time else None,
                    "date_confidence": e.time.confidence if e.time else None,
                    "participants": [sorted(names.get(p, {p}))[0] for p in e.participants],
                    "place": sorted(names.get(e.place, {e.place}))[0] if e.place else None,
                    "trigger": first.text,
                    "mentions": [m.text for m in e.mentions],
                    "context_before": record.text[max(0, sentence.start - 400) : sentence.start],
                    "sentence": record.text[sentence.start : sentence.end],
                    "context_after": record.text[sentence.end : sentence.end + 200],
                }
            )
        if k % 100 == 0:
            print(f"{k}/{len(articles)} articles, {len(rows)} timeline events", file=sys.stderr)
    picked = random.Random(int(seed)).sample(rows, min(int(n), len(rows)))
    outdir.mkdir(parents=True, exist_ok=True)
    size = math.ceil(len(picked) / 3)
    for part in range(3):
        with (outdir / f"timeline_{part + 1}.jsonl").open("w", encoding="utf-8") as f:
            for i, row in enumerate(picked[part * size : (part + 1) * size]):
                f.write(json.dumps({"n": f"{part + 1}-{i + 1}", **row}, ensure_ascii=False) + "\n")
    print(f"{len(articles)} articles, {len(rows)} events on the default timeline, {len(picked)} drawn")


def score_timeline(*paths: Path) -> None:
    """The readers' verdicts: a real event of its type, its status right, its date right, and lines that mislead."""
    rows = [r for p in paths for r in map(json.loads, (line for line in p.open(encoding="utf-8") if line.strip()))]
    n = len(rows)
    real = [r for r in rows if r["event"] == "yes"]
    lo, hi = wilson(len(real), n)
    print(f"timeline events judged: {n}")
    print(f"a real event of its type: {len(real)}/{n} = {len(real) / n:.3f}  (95% interval {lo:.3f}–{hi:.3f})")
    right = sum(1 for r in real if r.get("status_ok"))
    print(f"status right, of those: {right}/{len(real)} = {right / max(1, len(real)):.3f}")
    dated = [r for r in real if r.get("date_ok") is not None]
    ok = sum(1 for r in dated if r["date_ok"])
    print(f"date right, of those with a date: {ok}/{len(dated)} = {ok / max(1, len(dated)):.3f}")
    wrong = sum(1 for r in rows if r.get("misleading"))
    lo, hi = wilson(wrong, n)
    print(f"lines a journalist would take for a wrong fact: {wrong}/{n} = {wrong / n:.3f}  (95% interval {lo:.3f}–{hi:.3f})")
    print_classes(rows)


def score(*paths: Path) -> None:
    rows = []
    for p in paths:  # each judged_K.jsonl beside the audit_K.jsonl it judges
        ours = {r["n"]: r for r in map(json.loads, p.with_name(p.name.replace("judged", "audit")).open(encoding="utf-8"))}
        rows += [
            {**ours.get(r["n"], {}), **r, "ours": ours.get(r["n"], {}).get("status")}
            for r in map(json.loads, (line for line in p.open(encoding="utf-8") if line.strip()))
        ]
    n = len(rows)
    kinds = Counter(r["event"] for r in rows)
    yes = kinds["yes"]
    lo, hi = wilson(yes, n)
    real = [r for r in rows if r["event"] in ("yes", "wrong_type")]
    status_right = sum(1 for r in rows if r["event"] == "yes" and r.get("status_ok"))
    print(f"judged events: {n}")
    print(f"precision (a real event of its type): {yes}/{n} = {yes / n:.3f}  (95% interval {lo:.3f}–{hi:.3f})")
    print(f"a real event of another type: {kinds['wrong_type']}, no event: {kinds['no']}")
    if yes:
        print(f"status right over the real events of the right type: {status_right}/{yes} = {status_right / yes:.3f}")
    wrong_happened = sum(
        1 for r in real if r.get("status_gold") in ("planned", "hypothetical", "negated") and r.get("ours") == "happened"
    )
    if wrong_happened:
        print(f"happened where the reader says planned/hypothetical/negated: {wrong_happened}")
    print_classes(rows)


def print_classes(rows: list[dict]) -> None:
    """The readers' error classes, most frequent first."""
    print("error classes:")
    for label, count in Counter(r["error"] for r in rows if r.get("error")).most_common():
        print(f"  {count:4d}  {label}")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "sample":
        sample(Path(args[0]), Path(args[1]), Path(args[2]), *args[3:])
    elif command == "timeline":
        timeline(Path(args[0]), *args[1:])
    elif command == "score-timeline":
        score_timeline(*map(Path, args))
    else:
        score(*map(Path, args))
