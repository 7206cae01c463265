"""Draw the paragraphs of the real-news speaker gold set (issue 14), and split them.

Reproducible (fixed seed), drawn from the text alone, never from the product's output: windows of whole
sentences from 10kGNAD test articles (derStandard, CC BY-NC-SA 4.0), 10 from each of the nine sections, and
paragraphs of German Wikinews articles (quotes-wikinews/train, CC BY-NC-SA 4.0) that neither events set uses.
A text is taken only when it holds a quotation mark or a verb of saying, so that it has quotes to annotate.
The split into tuning and test parts is a hash of the id, made here before any annotation or output:
    python scripts/quotes_sample.py OUTDIR

A second round (``--round 2``, files ``quotes2_*``): 5 windows a section and 45 Wikinews paragraphs, another
seed, none from an article that any gold set uses (runs of spaces collapsed, as the reader does); a third
(``--round 3``, files ``quotes3_*``, ids "s…"/"y…") the same with seed 1403, none from an article of round 2.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realnews_sample import _SENTENCE_END, FIXTURES, SHARED, _used_wikinews

_SPEECH = re.compile(
    r"[„“\"»«]|\b(sagte|sagt|erklärte|betonte|meinte|so\b|laut|zufolge|hieß es|teilte|kritisierte|forderte)", re.I
)


def _used_events() -> set[str]:
    used = set()
    for name in ("events_realnews_tune.jsonl", "events_realnews_test.jsonl"):
        for line in (FIXTURES / name).open(encoding="utf-8"):
            used.add(json.loads(line)["source"])
    return used


def _windows(text: str, limit: int = 800) -> list[str]:
    cuts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    out, start = [], 0
    for c in cuts[1:]:
        if c - start > limit:
            if c > start:
                out.append(text[start:c].strip())
            start = c
    return [w for w in out if 200 <= len(w) <= 1200]


#: The real-news gold sets (events and quotes) a round's draw avoids: those that existed before it.
BEFORE_ROUND = {
    2: (
        "events_realnews_tune.jsonl",
        "events_realnews_test.jsonl",
        "events_realnews2_tune.jsonl",
        "events_realnews2_test.jsonl",
        "quotes_realnews_tune.jsonl",
        "quotes_realnews_test.jsonl",
    ),
}
BEFORE_ROUND[3] = BEFORE_ROUND[2] + (
    "events_realnews3_tune.jsonl",
    "events_realnews3_test.jsonl",
    "quotes_realnews2_tune.jsonl",
    "quotes_realnews2_test.jsonl",
)


def _used_all(round_: int = 2) -> set[str]:
    """The sources of the real-news gold sets, events and quotes, that existed before round ``round_``."""
    used = set()
    for name in BEFORE_ROUND[round_]:
        for line in (FIXTURES / name).open(encoding="utf-8"):
            used.add(json.loads(line)["source"])
    return used


def draw(round_: int = 1) -> list[dict]:
    """Round 1; round 2 (seed 1402) and round 3 (seed 1403): 5 windows a section and 45 Wikinews paragraphs,
    none from an article any earlier gold set uses."""
    second = round_ >= 2
    rng = random.Random(1400 + round_ if second else 14)
    used = _used_all(round_) if second else _used_events()
    per_section, n_wikinews = (5, 45) if second else (10, 50)
    p10k, pwiki = {1: ("q", "w"), 2: ("r", "x"), 3: ("s", "y")}[round_]
    tidy = (lambda t: re.sub(r"[ \t]+", " ", t)) if second else (lambda t: t)
    rows = list(csv.reader((SHARED / "news" / "10kgnad-test.csv").open(encoding="utf-8"), delimiter=";", quotechar="'"))
    out = []
    for section in sorted({r[0] for r in rows}):
        indices = [i for i, r in enumerate(rows) if r[0] == section and f"10kGNAD test {i} ({section})" not in used]
        rng.shuffle(indices)
        taken = 0
        for i in indices:
            windows = [w for w in _windows(rows[i][1]) if len(_SPEECH.findall(w)) >= 2]
            if not windows:
                continue
            out.append(
                {
                    "id": f"{p10k}{i:04d}",
                    "published": None,
                    "source": f"10kGNAD test {i} ({section})",
                    "section": section,
                    "text": tidy(rng.choice(windows)),
                }
            )
            taken += 1
            if taken == per_section:
                break
    used_w = _used_wikinews() | {s.split()[1] for s in used if s.startswith("wikinews")}
    articles = [json.loads(line) for line in gzip.open(SHARED / "quotes-wikinews" / "train.jsonl.gz", "rt", encoding="utf-8")]
    articles = [a for a in articles if str(a["id"]) not in used_w]
    rng.shuffle(articles)
    taken = 0
    for a in articles:
        paragraphs = [re.sub(r"[ \t]+", " ", p.strip()) for p in re.split(r"\n\s*\n", a["originalText"])]
        paragraphs = [p for p in paragraphs if 150 <= len(p) <= 1000 and "\n" not in p and len(_SPEECH.findall(p)) >= 2]
        if not paragraphs:
            continue
        out.append(
            {
                "id": f"{pwiki}{a['id']}",
                "published": a["date"][:10],
                "source": f"wikinews {a['id']}",
                "section": "Wikinews",
                "text": rng.choice(paragraphs),
            }
        )
        taken += 1
        if taken == n_wikinews:
            break
    return out


def part(item: dict) -> str:
    return "test" if int(hashlib.sha256(item["id"].encode()).hexdigest(), 16) % 2 else "tune"


if __name__ == "__main__":
    outdir = Path(sys.argv[1])
    outdir.mkdir(parents=True, exist_ok=True)
    round_ = int(sys.argv[3]) if sys.argv[2:3] == ["--round"] else 1
    items = draw(round_)
    for name in ("tune", "test"):
        with (outdir / f"quotes{round_ if round_ > 1 else ''}_{name}.txt.jsonl").open("w", encoding="utf-8") as f:
            for item in items:
                if part(item) == name:
                    f.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(len(items), {n: sum(part(i) == n for i in items) for n in ("tune", "test")})
