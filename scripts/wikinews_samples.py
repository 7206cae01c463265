#!/usr/bin/env python3
"""Write the bundled sample articles ``samples/wikinews-dev-sample.jsonl`` from
``../shared/data/quotes-wikinews/dev.jsonl.gz`` (the first N articles, our field names).

    python scripts/wikinews_samples.py ../shared/data/quotes-wikinews/dev.jsonl.gz samples/wikinews-dev-sample.jsonl 25
"""

from __future__ import annotations

import gzip
import json
import sys
from urllib.parse import quote


def main(src: str, out: str, n: int) -> None:
    with gzip.open(src, "rt", encoding="utf-8") as fh, open(out, "w", encoding="utf-8") as dst:
        for i, line in enumerate(fh):
            if i >= n:
                break
            doc = json.loads(line)
            record = {
                "url": "https://de.wikinews.org/wiki/" + quote(doc["title"].replace(" ", "_")),
                "outlet": "de.wikinews.org",
                "headline": doc["title"],
                "published": doc["date"],
                "text": doc["originalText"],
            }
            dst.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
