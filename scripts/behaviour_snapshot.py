"""A snapshot of everything Quellenlage outputs, to show that a refactoring changed nothing.

Writes, into one folder: the seed's record as ``quellenlage analyze`` prints it (JSON), the records of
the bundled samples and of a check corpus (``scripts/events_diff.py corpus``), and the output of every
``quellenlage eval`` command on every gold set (aggregate figures only: test sets are never read for
errors). Two snapshots are compared file by file with ``compare``.

    python scripts/behaviour_snapshot.py take OUT_DIR [--corpus CHECK.jsonl] [--skip-slow]
    python scripts/behaviour_snapshot.py compare BEFORE_DIR AFTER_DIR
    python scripts/behaviour_snapshot.py check BEFORE_DIR CHECK.jsonl [--limit N]   # quick: records only, in-process

``analysis.version`` (the stage versions and a digest of the German tables) is left out of every comparison:
it changes by design whenever a table file changes, even when only a comment does.

Run the "before" snapshot from a worktree of the old commit:
``PYTHONPATH=/tmp/wt/src python scripts/behaviour_snapshot.py take /tmp/before``.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
FIXTURES = ROOT / "tests" / "fixtures"
SEED = FIXTURES / "ntv-2025-11-19-geheimgespraeche.txt"


def _evals(skip_slow: bool) -> dict[str, list[str]]:
    """name → arguments of ``quellenlage eval``."""
    runs: dict[str, list[str]] = {}
    for path in sorted(FIXTURES.glob("events_*.jsonl")):
        runs[f"events-{path.stem}"] = ["events", str(path), "--json"]
    for path in sorted(FIXTURES.glob("events_realnews*.jsonl")):
        runs[f"time-{path.stem}"] = ["time", str(path), "--format", "json"]
    for path in sorted(FIXTURES.glob("quotes_realnews*.jsonl")):
        runs[f"quotes-{path.stem}"] = ["quotes", str(path), "--format", "json"]
    wikinews_dev = SHARED / "quotes-wikinews" / "dev.jsonl.gz"
    runs["quotes-wikinews-dev"] = ["quotes", str(wikinews_dev), "--format", "json"]
    runs["sentences-wikinews-dev"] = ["sentences", str(wikinews_dev)]
    runs["time-wikiwarsde"] = ["time", str(SHARED / "time" / "wikiwarsde"), "--format", "json"]
    germeval = SHARED / "ner" / "germeval2014"
    runs["ner-germeval-dev-holdout"] = ["ner", str(germeval / "NER-de-dev.tsv"), "--holdout", "--json"]
    runs["ner-germeval-dev-holdout-pipeline"] = ["ner", str(germeval / "NER-de-dev.tsv"), "--holdout", "--pipeline", "--json"]
    if not skip_slow:
        for split in ("train", "test"):
            runs[f"smartdata-{split}"] = ["smartdata", str(SHARED / "smartdata" / f"{split}.jsonl.gz"), "--json"]
    return runs


def _cli(args: list[str]) -> tuple[int, str]:
    proc = subprocess.run([sys.executable, "-m", "quellenlage", *args], capture_output=True, text=True, cwd=ROOT)
    return proc.returncode, proc.stdout + (f"\n--- stderr ---\n{proc.stderr}" if proc.returncode else "")


def _records(corpus: Path | None, out: Path) -> None:
    from quellenlage.evaluate.events import analyse_paragraph

    texts: list[tuple[str, str, str | None]] = []
    if corpus is not None:
        for line in corpus.open(encoding="utf-8"):
            row = json.loads(line)
            texts.append((row["id"], row["text"], row.get("published")))
    with out.open("w", encoding="utf-8") as f:
        for ident, text, published in texts:
            record = analyse_paragraph(text, published)
            f.write(json.dumps({"id": ident, **record.model_dump(mode="json")}, ensure_ascii=False, sort_keys=True) + "\n")


def take(out: Path, corpus: Path | None, skip_slow: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    started = time.time()
    # paths relative to the checkout, so snapshots of two worktrees compare equal
    rc, text = _cli(["analyze", str(SEED.relative_to(ROOT)), "--format", "json"])
    (out / "seed.json").write_text(text, encoding="utf-8")
    rc, text = _cli(["analyze", "samples", "--format", "json"])
    (out / "samples.jsonl").write_text(text, encoding="utf-8")
    if corpus is not None:
        _records(corpus, out / "corpus.jsonl")
        print(f"corpus records {time.time() - started:.0f} s", file=sys.stderr)
    for name, args in _evals(skip_slow).items():
        t0 = time.time()
        rc, text = _cli(["eval", *args])
        (out / f"eval-{name}.out").write_text(f"exit {rc}\n{text}", encoding="utf-8")
        print(f"{name}: exit {rc}, {time.time() - t0:.0f} s", file=sys.stderr)


def _strip_version(line: str) -> str:
    return re.sub(r'"version": ?"[^"]*\+de\.[0-9a-f]+"', '"version": "-"', line)


def check(before: Path, corpus: Path, limit: int | None) -> int:
    """Analyse the first ``limit`` corpus articles now and compare with the snapshot's records."""
    from quellenlage.evaluate.events import analyse_paragraph

    old = (before / "corpus.jsonl").open(encoding="utf-8")
    differ = n = 0
    for n, (line, base) in enumerate(zip(corpus.open(encoding="utf-8"), old, strict=False), 1):
        row = json.loads(line)
        record = analyse_paragraph(row["text"], row.get("published"))
        now = json.loads(_strip_version(json.dumps({"id": row["id"], **record.model_dump(mode="json")}, ensure_ascii=False)))
        then = json.loads(_strip_version(base))
        if now != then:
            differ += 1
            fields = sorted(k for k in set(now) | set(then) if now.get(k) != then.get(k))
            print(f"DIFFERS  {row['id']}: {', '.join(fields)}")
        if limit and n >= limit:
            break
    print(f"{n - differ} of {n} records identical")
    return 1 if differ else 0


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    differ = 0
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"only in {'after' if b.exists() else 'before'}: {name}")
            differ += 1
        elif _strip_version(a.read_text(encoding="utf-8")) != _strip_version(b.read_text(encoding="utf-8")):
            print(f"DIFFERS  {name}")
            differ += 1
        else:
            print(f"same     {name}  {_digest(a)}")
    print(f"{len(names) - differ} of {len(names)} identical")
    return 1 if differ else 0


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["take"] and len(args) >= 2:
        corpus = Path(args[args.index("--corpus") + 1]) if "--corpus" in args else None
        take(Path(args[1]), corpus, "--skip-slow" in args)
        return 0
    if args[:1] == ["compare"] and len(args) == 3:
        return compare(Path(args[1]), Path(args[2]))
    if args[:1] == ["check"] and len(args) >= 3:
        limit = int(args[args.index("--limit") + 1]) if "--limit" in args else None
        return check(Path(args[1]), Path(args[2]), limit)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
