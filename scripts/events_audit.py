"""A precision audit of the events stage on unseen text: draw a random sample of the events the stage finds on
the check corpus (scripts/events_diff.py: Wikinews train and 10kGNAD articles that no gold set uses), have
readers who did not write the rules judge each (docs/events-audit.md), and score the judgements.

    python scripts/events_audit.py sample EVENTS.jsonl CORPUS.jsonl OUTDIR [N] [SEED]
    python scripts/events_audit.py score JUDGED.jsonl [JUDGED.jsonl …]

EVENTS.jsonl is the output of ``scripts/events_diff.py dump``. The score is the share of sampled events that
name a real event of their type (precision, with a 95% Wilson interval), the share with the right status among
those, and the error classes the readers gave.
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
    else:
        score(*map(Path, args))
