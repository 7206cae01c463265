"""Training data for the event status model (issue 13): events the stage finds on DFKI SmartData train
(CC BY 4.0, and the news sentences of GermEval 2014 dev, CC BY 4.0 too: the
news text of ../shared/data a shipped model may learn from), labelled blind by readers
who see the sentence and the trigger, never the stage's status (docs/events-status-model.md).

    python scripts/status_sample.py dump OUT.jsonl [germeval]      # run the stage on SmartData train (or GermEval news)
    python scripts/status_sample.py sample EVENTS.jsonl OUTDIR [N] [SEED] [PARTS]

``dump`` keeps every event with the stage's status (for the model's features later); ``sample`` draws N of
them (half from those the stage left "unknown", half from the rest, so the labels cover where the model is
needed) and writes PARTS label files without the stage's status or confidence. The readers' answers became
src/quellenlage/train/status_labels.jsonl (docs/events-status-model.md).
"""

from __future__ import annotations

import json
import math
import random
import sys
from pathlib import Path


def dump(out: Path, corpus: str = "smartdata") -> None:
    from events_diff import event_rows  # scripts/: the same rows as the check corpus's dump

    from quellenlage.evaluate.events import analyse_paragraph
    from quellenlage.train.status import germeval_news, smartdata_train

    items = germeval_news() if corpus == "germeval" else smartdata_train()
    with out.open("w", encoding="utf-8") as f:
        for k, (doc_id, text, published) in enumerate(items):
            record = analyse_paragraph(text, published)
            events = event_rows(record)
            f.write(
                json.dumps({"id": doc_id, "published": published, "text": record.text, "events": events}, ensure_ascii=False)
                + "\n"
            )
            if k % 100 == 0:
                print(f"{k} documents", file=sys.stderr)


def sample(events_path: Path, outdir: Path, n: str = "900", seed: str = "2026", parts: str = "3") -> None:
    docs = [json.loads(line) for line in events_path.open(encoding="utf-8")]
    rows = [(d, e) for d in docs for e in d["events"]]
    rng = random.Random(int(seed))
    unknown = [r for r in rows if r[1]["status"] == "unknown"]
    known = [r for r in rows if r[1]["status"] != "unknown"]
    half = int(n) // 2
    picked = rng.sample(unknown, min(half, len(unknown)))
    picked += rng.sample(known, min(int(n) - len(picked), len(known)))
    rng.shuffle(picked)
    outdir.mkdir(parents=True, exist_ok=True)
    size = math.ceil(len(picked) / int(parts))
    for k in range(int(parts)):
        with (outdir / f"label_{k + 1}.jsonl").open("w", encoding="utf-8") as f:
            for i, (d, e) in enumerate(picked[k * size : (k + 1) * size]):
                text, s0, s1 = d["text"], e["sentence_start"], e["sentence_end"]
                marked = text[s0 : e["start"]] + "[[" + text[e["start"] : e["end"]] + "]]" + text[e["end"] : s1]
                item = {
                    "n": f"{k + 1}-{i + 1}",
                    "doc": d["id"],
                    "start": e["start"],
                    "published": d["published"],
                    "type": e["type"],
                    "trigger": e["trigger"],
                    "context_before": text[max(0, s0 - 400) : s0],
                    "sentence": marked,
                    "context_after": text[s1 : s1 + 250],
                }
                f.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(picked)} events ({min(half, len(unknown))} of {len(unknown)} left unknown) in {parts} files", file=sys.stderr)


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "dump":
        dump(Path(args[0]), *args[1:])
    else:
        sample(Path(args[0]), Path(args[1]), *args[2:])
