#!/usr/bin/env python3
"""What the attribution stage adds to the analysis time of an article (target: at most 30 %).

    python bench/attribution.py                   # 10kGNAD test set (1,028 articles) from ../shared/data
    python bench/attribution.py --corpus samples/ --repeat 3

Every article is read once; then the pipeline's stages before attribution run
on it and are timed, and the attribution stage runs on the same record and is
timed on its own. Reported: total seconds of both, tokens per second, and the
share the stage adds. The best of ``--repeat`` runs counts (the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CSV = REPO.parent / "shared" / "data" / "news" / "10kgnad-test.csv"


def measure(corpus: Path) -> dict:
    from quellenlage.analyse.attribution import attribution
    from quellenlage.analyse.pipeline import STAGES, new_record
    from quellenlage.read import read_inputs

    before = [(name, fn) for name, fn, _ in STAGES if name != "attribution"]
    records = [item for item in read_inputs([str(corpus)]) if not isinstance(item, Exception)]
    t_rest = t_attr = 0.0
    tokens = statements = 0
    for article in records:
        record = new_record(article)
        t = time.perf_counter()
        for _, fn in before:
            fn(record)
        t_rest += time.perf_counter() - t
        t = time.perf_counter()
        attribution(record)
        t_attr += time.perf_counter() - t
        problems = record.offset_problems()
        if problems:
            raise SystemExit(f"inconsistent record: {problems[0]}")
        tokens += len(record.doc)
        statements += len(record.statements)
    return {
        "articles": len(records),
        "tokens": tokens,
        "statements": statements,
        "other_stages_s": round(t_rest, 3),
        "attribution_s": round(t_attr, 3),
        "added": round(t_attr / t_rest, 4) if t_rest else None,
        "tokens_per_s_without": round(tokens / t_rest) if t_rest else None,
        "tokens_per_s_with": round(tokens / (t_rest + t_attr)) if t_rest + t_attr else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, help="Articles to run on (default: 10kGNAD test set converted to JSON Lines).")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        if corpus is None:
            if not DEFAULT_CSV.exists():
                sys.exit(f"no corpus: {DEFAULT_CSV} missing; pass --corpus")
            corpus = Path(tmp) / "10kgnad-test.jsonl"
            subprocess.run(
                [sys.executable, REPO / "scripts" / "gnad_to_jsonl.py", DEFAULT_CSV, corpus], check=True, capture_output=True
            )
        from quellenlage import analyze

        analyze("Aufwärmen: Er sagte am Mittwoch in Berlin, alles sei gut.")  # load tables and models once
        runs = [measure(corpus) for _ in range(max(1, args.repeat))]
    best = min(runs, key=lambda r: r["attribution_s"] + r["other_stages_s"])
    print(json.dumps(best, indent=2))


if __name__ == "__main__":
    main()
