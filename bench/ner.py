#!/usr/bin/env python3
"""NER speed on one core: tokens per second and peak memory over 10kGNAD.

    python bench/ner.py                       # ../shared/data/news/10kgnad-test.csv, shipped model
    python bench/ner.py --model DIR --limit 200

Threads are pinned to one (OMP/MKL/OpenBLAS, torch if present) before numpy
loads. Articles are read from the CSV as ``scripts/gnad_to_jsonl.py`` reads
them, segmented by the pipeline's segment stage (not timed), then
:func:`quellenlage.analyse.ner.spans` is timed over all of them. Peak RSS is
the process' maximum resident set size (model and corpus included). Besides
wall-clock tokens/s it prints tokens per CPU second (``process_time``), the
fair figure on a machine busy with other work.
"""

from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[var] = "1"

import argparse
import json
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CSV = HERE.parent.parent / "shared" / "data" / "news" / "10kgnad-test.csv"


def gnad_texts(path: Path, limit: int | None = None) -> list[str]:
    """The article texts of 10kGNAD's ``label;'text'`` CSV."""
    texts = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            _label, _, text = line.rstrip("\n").partition(";")
            if len(text) >= 2 and text[0] == "'" and text[-1] == "'":
                text = text[1:-1]
            if text:
                texts.append(text)
            if limit and len(texts) >= limit:
                break
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--model", type=Path, help="Model directory (default: the shipped model).")
    ap.add_argument("--limit", type=int, help="Only the first N articles.")
    args = ap.parse_args()
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass
    from quellenlage.analyse import ner

    t0 = time.perf_counter()
    nlp = ner.load(args.model)
    load_s = time.perf_counter() - t0
    records = [ner.plain_record(text) for text in gnad_texts(args.csv, args.limit)]
    ner.spans(records[0], nlp)  # warm up
    tokens = sum(sum(1 for t in r.doc if not t.is_space) for r in records)
    t, cpu = time.perf_counter(), time.process_time()
    entities = sum(len(ner.spans(r, nlp)) for r in records)
    seconds, cpu_seconds = time.perf_counter() - t, time.process_time() - cpu
    out = {
        "articles": len(records),
        "tokens": tokens,
        "entities": entities,
        "seconds": round(seconds, 2),
        "tokens_per_s": round(tokens / seconds),
        "cpu_seconds": round(cpu_seconds, 2),
        "tokens_per_cpu_s": round(tokens / cpu_seconds),
        "load_s": round(load_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(out, indent=2))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
