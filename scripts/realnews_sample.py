"""Draw the paragraphs of the real-news events and time gold set (issue 13), and split them.

Reproducible: a fixed seed, no look at any output of the product. 11 articles from each of the
nine 10kGNAD sections (derStandard, CC BY-NC-SA 4.0) and 61 paragraphs from German Wikinews
articles of ``quotes-wikinews/train`` that no other events set uses (CC BY-NC-SA 4.0). Each text
is copied character-exactly: a 10kGNAD window of whole sentences (the article's start or a later
sentence, chosen at random) of at most about 700 characters, or one Wikinews paragraph.

The split into a tuning part and a test part is made here, by a hash of the id, before any
annotation or output exists:  python scripts/realnews_sample.py OUTDIR

A second round (``--round 2``, files ``realnews2_*``) draws 10 more articles from each section and 40
more Wikinews paragraphs, none from an article any gold set uses, with another seed; so does each later
round (``--round 3``: ids "i…" and "nw…", seed 1303), none from an article an earlier round uses.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import random
import re
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])")


def _window(text: str, rng: random.Random, limit: int = 700) -> str:
    cuts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    start = 0 if rng.random() < 0.5 or len(cuts) < 6 else rng.choice(cuts[2 : len(cuts) - 3])
    end = start
    for c in [c for c in cuts if c > start] + [len(text)]:
        if c - start > limit and end > start:
            break
        end = c
    return text[start:end].strip()


def _used_wikinews() -> set[str]:
    used = set()
    for name in ("events_wikinews.jsonl", "events_wikinews_dev.jsonl"):
        for line in (FIXTURES / name).open(encoding="utf-8"):
            used.add(json.loads(line)["source"].split()[1])
    return used


def _wikinews(rng: random.Random, used: set[str], n: int, prefix: str) -> list[dict]:
    """One paragraph (150–900 characters) of each of ``n`` Wikinews articles no gold set in ``used`` has."""
    articles = [json.loads(line) for line in gzip.open(SHARED / "quotes-wikinews" / "train.jsonl.gz", "rt", encoding="utf-8")]
    articles = [a for a in articles if str(a["id"]) not in used]
    out = []
    for a in rng.sample(articles, n):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", a["originalText"]) if 150 <= len(p.strip()) <= 900]
        if not paragraphs:
            continue
        text = re.sub(r"[ \t]+", " ", rng.choice(paragraphs))
        out.append(
            {
                "id": f"{prefix}{a['id']}",
                "published": a["date"][:10],
                "source": f"wikinews {a['id']}",
                "section": "Wikinews",
                "text": text,
            }
        )
    return out


def draw() -> list[dict]:
    rng = random.Random(13)
    rows = list(csv.reader((SHARED / "news" / "10kgnad-test.csv").open(encoding="utf-8"), delimiter=";", quotechar="'"))
    out = []
    for section in sorted({r[0] for r in rows}):
        indices = [i for i, r in enumerate(rows) if r[0] == section]
        for i in sorted(rng.sample(indices, 11)):
            out.append(
                {
                    "id": f"g{i:04d}",
                    "published": None,
                    "source": f"10kGNAD test {i} ({section})",
                    "section": section,
                    "text": _window(rows[i][1], rng),
                }
            )
    used = _used_wikinews()
    return out + _wikinews(rng, used, 61, "n")


ROUND1_SETS = (
    "events_realnews_tune.jsonl",
    "events_realnews_test.jsonl",
    "quotes_realnews_tune.jsonl",
    "quotes_realnews_test.jsonl",
    "events_wikinews.jsonl",
    "events_wikinews_dev.jsonl",
)
ROUND2_SETS = (
    "events_realnews2_tune.jsonl",
    "events_realnews2_test.jsonl",
    "quotes_realnews2_tune.jsonl",
    "quotes_realnews2_test.jsonl",
)


def _used_round1(names: tuple[str, ...] = ROUND1_SETS) -> tuple[set[int], set[str]]:
    """10kGNAD indices and Wikinews ids that the gold sets ``names`` (by default, round 1's) already use."""
    indices, wikinews = set(), set()
    for name in names:
        for line in (FIXTURES / name).open(encoding="utf-8"):
            source = json.loads(line)["source"].split()
            if source[0] == "10kGNAD":
                indices.add(int(source[2]))
            else:
                wikinews.add(source[1])
    return indices, wikinews


def draw_round(round_: int) -> list[dict]:
    """Round 2 on: 10 windows from each 10kGNAD section and 40 Wikinews paragraphs (seed 1300 + round),
    none from an article that any earlier real-news or Wikinews gold set uses."""
    rng = random.Random(1300 + round_)
    rows = list(csv.reader((SHARED / "news" / "10kgnad-test.csv").open(encoding="utf-8"), delimiter=";", quotechar="'"))
    names = (
        ROUND1_SETS
        + (ROUND2_SETS if round_ > 2 else ())
        + tuple(
            f"{kind}_realnews{k}_{half}.jsonl"
            for k in range(3, round_)
            for kind in ("events", "quotes")
            for half in ("tune", "test")
        )
    )
    used_rows, used_wikinews = _used_round1(tuple(n for n in names if (FIXTURES / n).exists()))
    letter = "hijklmnop"[round_ - 2]
    out = []
    for section in sorted({r[0] for r in rows}):
        indices = [i for i, r in enumerate(rows) if r[0] == section and i not in used_rows]
        for i in sorted(rng.sample(indices, 10)):
            out.append(
                {
                    "id": f"{letter}{i:04d}",
                    "published": None,
                    "source": f"10kGNAD test {i} ({section})",
                    "section": section,
                    "text": re.sub(r"[ \t]+", " ", _window(rows[i][1], rng)),
                }
            )
    return out + _wikinews(rng, used_wikinews, 40, "m" if round_ == 2 else "mnopqrstu"[round_ - 2] + "w")


def part(item: dict) -> str:
    """'test' or 'tune', from a hash of the id alone."""
    return "test" if int(hashlib.sha256(item["id"].encode()).hexdigest(), 16) % 2 else "tune"


if __name__ == "__main__":
    outdir = Path(sys.argv[1])
    outdir.mkdir(parents=True, exist_ok=True)
    round_ = int(sys.argv[3]) if sys.argv[2:3] == ["--round"] else 1
    items = draw() if round_ == 1 else draw_round(round_)
    prefix = "realnews" if round_ == 1 else f"realnews{round_}"
    for name in ("tune", "test"):
        with (outdir / f"{prefix}_{name}.txt.jsonl").open("w", encoding="utf-8") as f:
            for item in items:
                if part(item) == name:
                    f.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(len(items), {n: sum(part(i) == n for i in items) for n in ("tune", "test")})
