#!/usr/bin/env python3
"""Benchmark: analysis time and peak memory against article length.

    python bench/length.py                     # 3.4k, 10k, 50k, 100k, 200k characters
    python bench/length.py --repeat 5 --lengths 3400 200000

The articles are built from real news text: the 10kGNAD test articles in
``../shared/data/news`` (derStandard.at; else the Wikinews sample in
``samples/``), taken in file order, one source article a paragraph, until the
length is reached (the last paragraph cut after a full stop). One more row, the
longest length as a single paragraph on one line ("one line"), covers texts
without paragraph breaks; the last row is the longest text again, cut into
articles of the shortest length ("in 61 pieces") and analysed one by one: its
time against the whole text's tells what the length costs apart from the text
(the corpus's first 3,400 characters happen to tokenise faster than its
average).

Each length runs in a fresh child process (model and tables loaded and warmed
up first, as in ``bench/run.py``), so its peak RSS (``ru_maxrss``) belongs to
that length alone; the analysis time is the median of ``--repeat`` runs (the
first run of a process also fills the word caches). The table shows seconds,
characters per second, seconds per stage and peak RSS per length, and the ratio
time(longest)/time(shortest): about the ratio of the lengths (59 for 3.4k →
200k) when the time grows linearly, more where a step is quadratic; the same
for the longest text against one of its pieces; and against the seed article
(``../shared/seed``, ntv.de, 3,390 characters: the "3.4k one" the scale issue
measured with). Texts of the same length differ in tokens (the corpus's first
3,400 characters have 143 tokens per thousand characters, its average is 159),
and the analysis costs by the token, so the table shows microseconds per token too. Results go
to ``bench/results/length.json``. Numbers in the README come from here, never
from timed unit tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CSV = REPO.parent / "shared" / "data" / "news" / "10kgnad-test.csv"
SEED = REPO.parent / "shared" / "seed" / "ntv-2025-11-19-geheimgespraeche.txt"
FALLBACK = REPO / "samples" / "wikinews-dev-sample.jsonl"
LENGTHS = (3_400, 10_000, 50_000, 100_000, 200_000)

CHILD = r"""
import json, resource, statistics, sys, time
spec = json.load(sys.stdin)
import quellenlage
from quellenlage.analyse.pipeline import analyse
from quellenlage.article import Article
from quellenlage.read import read_inputs
quellenlage.analyze("Aufwärmen: Er sagte am Mittwoch in Berlin, alles sei gut.")  # loads every stage's model and tables
times, stage_s = [], {}
for _ in range(spec["repeat"]):
    timings, records = {}, []
    a = time.perf_counter()
    for paragraphs in spec["articles"]:  # one long article, or the pieces of one analysed one by one
        # (a file's path: the article as the product reads that file)
        article = next(read_inputs([paragraphs])) if isinstance(paragraphs, str) else Article(body=paragraphs)
        records.append(analyse(article, timings))
    times.append(time.perf_counter() - a)
    for name, s in timings.items():
        stage_s.setdefault(name, []).append(s)
out = {
    "articles": len(records), "chars": sum(len(r.text) for r in records), "tokens": sum(len(r.doc) for r in records),
    "sentences": sum(len(r.sentences) for r in records), "entities": sum(len(r.entities) for r in records),
    "statements": sum(len(r.statements) for r in records), "events": sum(len(r.events) for r in records),
    "warnings": [w for r in records for w in r.warnings],
    "analyse_s": statistics.median(times), "runs_s": times,
    "stage_s": {name: statistics.median(v) for name, v in stage_s.items()},
    "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}
print(json.dumps(out))
"""


def source_articles() -> tuple[str, list[str]]:
    """The real news texts to build from, in file order: (where from, texts)."""
    if DEFAULT_CSV.exists():
        texts = []
        for line in DEFAULT_CSV.read_text(encoding="utf-8").splitlines():
            _, _, text = line.partition(";")
            if len(text) >= 2 and text[0] == "'" and text[-1] == "'":
                text = text[1:-1]
            if text.strip():
                texts.append(text.strip())
        return "10kGNAD test (derStandard.at)", texts
    rows = [json.loads(line) for line in FALLBACK.read_text(encoding="utf-8").splitlines() if line.strip()]
    return "Wikinews sample (samples/)", [" ".join(r["text"].split()) for r in rows if r.get("text")]


def build(texts: list[str], length: int) -> list[str]:
    """Paragraphs (one source article each) whose composed text is about ``length`` characters:
    the last one cut after the last full stop that fits."""
    paragraphs: list[str] = []
    total = 0
    for text in texts * (1 + length // max(1, sum(map(len, texts)))):
        sep = 2 if paragraphs else 0  # the reader joins paragraphs with a blank line
        room = length - total - sep
        if room <= 0:
            break
        if len(text) > room:
            cut = text.rfind(". ", 0, room)
            if cut > 0:
                paragraphs.append(text[: cut + 1])
            break
        paragraphs.append(text)
        total += sep + len(text)
    return paragraphs


def pieces(paragraphs: list[str], size: int) -> list[list[str]]:
    """The text of ``paragraphs`` as articles of about ``size`` characters, in order: paragraphs as they are,
    a paragraph longer than the room left cut after a full stop (a sentence longer than ``size`` stays whole)."""
    out: list[list[str]] = []
    current: list[str] = []
    total = 0
    for paragraph in paragraphs:
        rest = paragraph
        while rest:
            sep = 2 if current else 0
            room = size - total - sep
            if len(rest) <= room:
                current.append(rest)
                total += sep + len(rest)
                break
            cut = rest.rfind(". ", 0, room)
            if cut < 0 and not current:
                cut = rest.find(". ")  # one sentence longer than a piece: the piece is that sentence
                cut = len(rest) - 1 if cut < 0 else cut
            if cut >= 0:
                current.append(rest[: cut + 1])
                rest = rest[cut + 1 :].lstrip()
            out.append(current)
            current, total = [], 0
    if current:
        out.append(current)
    return out


def child(articles: list[list[str]], repeat: int) -> dict:
    spec = json.dumps({"articles": articles, "repeat": repeat})
    proc = subprocess.run([sys.executable, "-c", CHILD], input=spec, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"benchmark child failed:\n{proc.stderr}")
    out: dict = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lengths", type=int, nargs="+", default=list(LENGTHS), help="Article lengths in characters.")
    ap.add_argument("--repeat", type=int, default=5, help="Analysis runs per length; the median is reported.")
    ap.add_argument("--no-one-line", action="store_true", help="Skip the longest length as one paragraph on one line.")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "length.json")
    args = ap.parse_args()

    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True)
    origin, texts = source_articles()
    lengths = sorted(args.lengths)
    longest = build(texts, lengths[-1])
    cases: list[tuple[str, list]] = [(f"{n:,}", [build(texts, n)]) for n in lengths]
    if not args.no_one_line:
        cases.append((f"{lengths[-1]:,} one line", [[" ".join(longest)]]))
    split = pieces(longest, lengths[0])
    cases.append((f"{lengths[-1]:,} in {len(split)} pieces", split))
    if SEED.exists():  # as `quellenlage ingest` reads the file
        cases.append(("seed article (ntv.de)", [str(SEED)]))
    rows = []
    for name, articles in cases:
        console.print(f"analysing {name} …")
        rows.append({"length": name, **child(articles, args.repeat)})

    first, last = rows[0], rows[len(lengths) - 1]
    split_row = next(r for r in rows if r["length"].endswith("pieces"))
    seed_row = next((r for r in rows if r["length"].startswith("seed")), None)
    # the same text as one article and as articles of the shortest length: what the length alone costs, apart
    # from what the text is (the first 3.4k characters of the corpus are easier to tokenise than the average)
    per_piece = split_row["analyse_s"] / split_row["articles"]
    result = {
        "machine": {
            "python": platform.python_version(),
            "cpu": platform.processor() or platform.machine(),
            "cores": os.cpu_count(),
        },
        "source": origin,
        "repeat": args.repeat,
        "rows": rows,
        "time_ratio": last["analyse_s"] / first["analyse_s"],
        "chars_ratio": last["chars"] / first["chars"],
        "same_text_time_ratio": last["analyse_s"] / per_piece,
        "same_text_chars_ratio": last["chars"] / (split_row["chars"] / split_row["articles"]),
        "seed_time_ratio": last["analyse_s"] / seed_row["analyse_s"] if seed_row else None,
        "seed_chars_ratio": last["chars"] / seed_row["chars"] if seed_row else None,
        "peak_rss_mb": max(r["max_rss_mb"] for r in rows),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    stage_names = list(rows[0]["stage_s"])
    table = Table(title=f"Analysis time against article length — {origin}, median of {args.repeat} (seconds)")
    for column in ("length", "chars", "tokens", "seconds", "chars/s", "µs/token", *stage_names, "peak RSS"):
        table.add_column(column, justify="left" if column == "length" else "right")
    for r in rows:
        table.add_row(
            r["length"],
            f"{r['chars']:,}",
            f"{r['tokens']:,}",
            f"{r['analyse_s']:.2f}",
            f"{r['chars'] / r['analyse_s']:,.0f}",
            f"{r['analyse_s'] / r['tokens'] * 1e6:.0f}",
            *(f"{r['stage_s'].get(name, 0.0):.2f}" for name in stage_names),
            f"{r['max_rss_mb']:,.0f} MB",
        )
    out = Console(width=max(120, Console().width))  # the table whole, also when printed to a file
    out.print(table)
    out.print(
        f"time({last['length']}) / time({first['length']}) = {result['time_ratio']:.1f} "
        f"for {result['chars_ratio']:.1f} times the characters; peak RSS {result['peak_rss_mb']:,.0f} MB"
    )
    out.print(
        f"the same {last['chars']:,} characters: whole / one of its {split_row['articles']} pieces = "
        f"{result['same_text_time_ratio']:.1f} for {result['same_text_chars_ratio']:.1f} times the characters"
    )
    if seed_row:
        out.print(
            f"time({last['length']}) / time(seed article, {seed_row['chars']:,} characters) = "
            f"{result['seed_time_ratio']:.1f} for {result['seed_chars_ratio']:.1f} times the characters"
        )
    for r in rows:
        for warning in r["warnings"]:
            out.print(f"{r['length']}: {warning}")
    console.print(f"written to {args.out}")


if __name__ == "__main__":
    main()
