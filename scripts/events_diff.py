"""Compare the events stage's output on a check corpus before and after a change of rules or tables.

A tool for choosing rules without a gold set's test part: run ``dump`` before the change and after it,
then ``diff`` lists every event that appeared, disappeared or changed type/status, with its sentence,
for a reader (a helper who judges them) to count right and wrong.

The check corpus is every Wikinews article of ``quotes-wikinews/train`` and every 10kGNAD test article
that no gold set in tests/fixtures uses (both CC BY-NC-SA 4.0: measurement only).

    python scripts/events_diff.py corpus OUT.jsonl          # build the check corpus
    python scripts/events_diff.py dump CORPUS.jsonl OUT.jsonl
    python scripts/events_diff.py diff BEFORE.jsonl AFTER.jsonl
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
FIXTURES = ROOT / "tests" / "fixtures"


def _used() -> tuple[set[int], set[str]]:
    rows, wikinews = set(), set()
    for path in FIXTURES.glob("*.jsonl"):
        for line in path.open(encoding="utf-8"):
            try:
                source = str(json.loads(line).get("source") or "").split()
            except (json.JSONDecodeError, AttributeError):
                continue
            if source[:1] == ["10kGNAD"]:
                rows.add(int(source[2]))
            elif source[:1] == ["wikinews"]:
                wikinews.add(source[1])
    return rows, wikinews


def corpus(out: Path) -> None:
    rows_used, wikinews_used = _used()
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for line in gzip.open(SHARED / "quotes-wikinews" / "train.jsonl.gz", "rt", encoding="utf-8"):
            a = json.loads(line)
            if str(a["id"]) not in wikinews_used:
                f.write(
                    json.dumps({"id": f"wn{a['id']}", "published": a["date"][:10], "text": a["originalText"]}, ensure_ascii=False)
                    + "\n"
                )
                n += 1
        rows = list(csv.reader((SHARED / "news" / "10kgnad-test.csv").open(encoding="utf-8"), delimiter=";", quotechar="'"))
        for i, (section, text) in enumerate(rows):
            if i not in rows_used:
                f.write(
                    json.dumps({"id": f"gn{i:04d}", "published": None, "text": text, "section": section}, ensure_ascii=False)
                    + "\n"
                )
                n += 1
    print(n, "articles")


def event_rows(record) -> list[dict]:
    """Each event of ``record`` at its first mention: type, status, confidence, trigger and its offsets, every
    mention, the sentence and its offsets."""
    rows = []
    for e in record.events:
        first = e.mentions[0]
        sentence = record.sentences[first.sentence]
        rows.append(
            {
                "type": e.type,
                "status": e.status,
                "confidence": e.confidence,
                "trigger": first.text,
                "start": first.start,
                "end": first.end,
                "mentions": [m.text for m in e.mentions],
                "sentence": record.text[sentence.start : sentence.end],
                "sentence_start": sentence.start,
                "sentence_end": sentence.end,
            }
        )
    return rows


def dump(corpus_path: Path, out: Path) -> None:
    from quellenlage.evaluate.events import analyse_paragraph

    items = [json.loads(line) for line in corpus_path.open(encoding="utf-8")]
    with out.open("w", encoding="utf-8") as f:
        for k, item in enumerate(items):
            record = analyse_paragraph(item["text"], item.get("published"))
            f.write(json.dumps({"id": item["id"], "events": event_rows(record)}, ensure_ascii=False) + "\n")
            if k % 100 == 0:
                print(f"{k}/{len(items)}", file=sys.stderr)


def compare(before: Path, after: Path, field: str, key, change) -> list[dict]:
    """What appeared, disappeared or changed between two dumps: their ``field`` lists per document, an item named by
    ``key(item)``; ``change(old, new)`` says how a kept item changed ("" when it did not). Shared with
    ``scripts/quotes_diff.py``."""
    a = {d["id"]: d[field] for d in map(json.loads, before.open(encoding="utf-8"))}
    b = {d["id"]: d[field] for d in map(json.loads, after.open(encoding="utf-8"))}
    out = []
    for doc, items in b.items():
        old = {key(x): x for x in a.get(doc, [])}
        new = {key(x): x for x in items}
        for k, x in new.items():
            if k not in old:
                out.append({"doc": doc, "change": "new", **x})
            elif how := change(old[k], x):
                out.append({"doc": doc, "change": how, **x})
        for k, x in old.items():
            if k not in new:
                out.append({"doc": doc, "change": "gone", **x})
    return out


def report(out: list[dict], changed: str) -> None:
    """Each row as JSON, then the counts (on stderr): new, gone and ``changed``."""
    for row in out:
        print(json.dumps(row, ensure_ascii=False))
    print(
        f"# {sum(r['change'] == 'new' for r in out)} new, {sum(r['change'] == 'gone' for r in out)} gone, "
        f"{sum(r['change'] not in ('new', 'gone') for r in out)} {changed}",
        file=sys.stderr,
    )


def diff(before: Path, after: Path) -> None:
    def status(old: dict, new: dict) -> str:
        return f"status {old['status']} -> {new['status']}" if old["status"] != new["status"] else ""

    report(compare(before, after, "events", lambda e: (e["start"], e["type"]), status), "status changed")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"corpus": corpus, "dump": dump, "diff": diff}[command](*map(Path, args))
