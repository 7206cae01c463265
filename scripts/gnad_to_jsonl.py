#!/usr/bin/env python3
"""Convert 10kGNAD's CSV (``label;'text'``, one article a line) into JSON Lines.

Test-data helper: ``python scripts/gnad_to_jsonl.py ../shared/data/news/10kgnad-test.csv out.jsonl``.
Each record gets our field names: ``text``, ``section`` (the label) and
``outlet`` "derStandard.at" (10kGNAD's source); the articles carry no dates
or URLs, so their ids come from their text.
"""

from __future__ import annotations

import json
import sys


def convert(csv_path: str, out_path: str) -> int:
    n = 0
    with open(csv_path, encoding="utf-8") as src, open(out_path, "w", encoding="utf-8") as out:
        for line in src:
            line = line.rstrip("\n")
            if not line:
                continue
            label, _, text = line.partition(";")
            if len(text) >= 2 and text[0] == "'" and text[-1] == "'":
                text = text[1:-1]
            out.write(json.dumps({"text": text, "section": label, "outlet": "derStandard.at"}, ensure_ascii=False) + "\n")
            n += 1
    return n


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(f"{convert(sys.argv[1], sys.argv[2])} articles written to {sys.argv[2]}", file=sys.stderr)
