"""Compare the attribution stage's output on a check corpus before and after a change of rules or tables.

A tool for choosing rules without a gold set's test part: run ``dump`` before the change and after it,
then ``diff`` lists every statement that appeared, disappeared or changed (kind, speaker, its entity,
anonymous and its kind), with its sentence, for a reader (a helper who judges them) to count right and wrong.

The check corpus is the one of ``scripts/events_diff.py corpus`` (Wikinews train articles and 10kGNAD test
articles that no gold set in tests/fixtures uses; CC BY-NC-SA 4.0: measurement only).

    python scripts/quotes_diff.py dump CORPUS.jsonl OUT.jsonl [CACHE.pickle]
    python scripts/quotes_diff.py diff BEFORE.jsonl AFTER.jsonl

``CACHE.pickle`` (optional) keeps the records as the stages before attribution left them, so a second dump
runs only the attribution stage (delete it when a stage before attribution changes).
"""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path


def _before_attribution(item: dict):
    from quellenlage.analyse.pipeline import STAGES, new_record
    from quellenlage.article import Article
    from quellenlage.record import Meta

    record = new_record(Article(meta=Meta(published=item.get("published")), body=[item["text"]]))
    for name, stage, _ in STAGES:
        if name == "attribution":
            break
        stage(record)
    return record


def statement_rows(record) -> list[dict]:
    """Each statement of ``record``: kind, offsets, text, speaker (text, entity and its text, anonymous, kind),
    the rule that chose the speaker, the sentence it starts in."""
    names = {e.id: e.name for e in record.entities}
    rows = []
    for s in record.statements:
        sentence = next((x for x in record.sentences if x.start <= s.start < x.end), None)
        speaker = s.speaker
        rule = next((t.rule for t in s.trace if t.decided == "speaker"), None)
        rows.append(
            {
                "kind": s.kind,
                "start": s.start,
                "end": s.end,
                "text": s.text[:160],
                "speaker": speaker.text if speaker else None,
                "entity": names.get(speaker.entity) if speaker and speaker.entity else None,
                "anonymous": speaker.anonymous if speaker else None,
                "anonymous_kind": speaker.anonymous_kind if speaker else None,
                "rule": rule,
                "sentence": record.text[sentence.start : sentence.end] if sentence else None,
            }
        )
    return rows


def dump(corpus_path: Path, out: Path, cache: Path | None = None) -> None:
    from spacy.tokens import Doc

    from quellenlage.analyse.attribution import attribution
    from quellenlage.analyse.segment import tokenizer

    items = [json.loads(line) for line in corpus_path.open(encoding="utf-8")]
    cached = pickle.loads(cache.read_bytes()) if cache and cache.exists() else None
    records = cached or []
    with out.open("w", encoding="utf-8") as f:
        for k, item in enumerate(items):
            if cached:
                record, doc = cached[k]
                record = record.model_copy(deep=False)
                record._doc = Doc(tokenizer().vocab).from_bytes(doc)
            else:
                record = _before_attribution(item)
                records.append((record.model_copy(deep=False), record.require_doc().to_bytes()))
            attribution(record)
            f.write(json.dumps({"id": item["id"], "statements": statement_rows(record)}, ensure_ascii=False) + "\n")
            if k % 100 == 0:
                print(f"{k}/{len(items)}", file=sys.stderr)
    if cache and not cached:
        cache.write_bytes(pickle.dumps(records))


def _key(s: dict) -> tuple:
    return (s["start"], s["end"])


def _who(s: dict) -> tuple:
    return (s["kind"], s["speaker"], s["entity"], s["anonymous"], s["anonymous_kind"])


def diff(before: Path, after: Path) -> None:
    from events_diff import compare, report  # scripts/ is on the path of a script run from it

    def how(was: dict, s: dict) -> str:
        if _who(was) == _who(s):
            return ""
        return "; ".join(
            f"{f} {was[f]!r} -> {s[f]!r}" for f in ("kind", "speaker", "entity", "anonymous", "anonymous_kind") if was[f] != s[f]
        )

    report(compare(before, after, "statements", _key, how), "changed")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"dump": dump, "diff": diff}[command](*map(Path, args))
