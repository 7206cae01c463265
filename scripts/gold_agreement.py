"""How far two blind annotations of the same gold paragraphs agree, scored by the product's own metrics.

A second (or third) annotator, who never saw the gold nor the product, annotates the tune parts again from the
same guide; their annotation then takes the product's place and is scored against the gold exactly as the
product is (``quellenlage eval quotes / events / time``). The figures are a ceiling: a target above them asks
the product to agree with the gold better than two careful readers agree with each other.

    python scripts/gold_agreement.py quotes GOLD.jsonl [GOLD.jsonl …] -- SECOND.jsonl [SECOND.jsonl …]
    python scripts/gold_agreement.py events GOLD.jsonl … -- SECOND.jsonl …
    python scripts/gold_agreement.py times GOLD.jsonl … -- SECOND.jsonl …

Only paragraphs in both are scored. The second annotations of 4 December 2026 are in
``tests/fixtures/agreement/`` (CC BY-NC-SA 4.0 text: test data only).
"""

from __future__ import annotations

import json
import sys
from types import SimpleNamespace as NS

from quellenlage.evaluate import events as E
from quellenlage.evaluate import speakers as S
from quellenlage.evaluate import time as T
from quellenlage.evaluate.events import gold_spans, nth


def _load(paths: list[str]) -> dict[str, dict]:
    out = {}
    for p in paths:
        for line in open(p, encoding="utf-8"):
            if line.strip():
                d = json.loads(line)
                out[d["id"]] = d
    return out


def quotes_record(doc: dict) -> NS:
    """A second annotation's quotes as the statements of a record: span, speaker, linked name, anonymity."""
    text, statements, entities = doc["text"], [], []
    for i, q in enumerate(doc.get("quotes", [])):
        span = nth(text, q["quote"], q.get("quote_occurrence", 1)) if q.get("quote") else None
        if span is None:
            continue
        speaker, sources = None, []
        name, said = q.get("speaker_name"), q.get("speaker")
        if said or name:
            entity = None
            if name and not q.get("anonymous"):
                entity = f"e{i}"
                entities.append(NS(id=entity, name=name, mentions=[NS(text=said)] if said else []))
            speaker = NS(
                text=said or name, entity=entity, anonymous=bool(q.get("anonymous")), anonymous_kind=q.get("anonymous_kind")
            )
        elif q.get("anonymous"):
            sources = [NS(anonymous=True, anonymous_kind=q.get("anonymous_kind"))]
        statements.append(
            NS(
                kind=q.get("kind") or "reported",
                start=span[0],
                end=span[1],
                text=text[span[0] : span[1]],
                speaker=speaker,
                sources=sources,
            )
        )
    return NS(text=text, statements=statements, entities=entities)


def events_record(doc: dict) -> NS:
    """A second annotation's events as the events of a record (a negated event is the product's hypothetical)."""
    text, events, entities = doc["text"], [], {}

    def entity(name: str) -> str:
        entities.setdefault(name, NS(id=name, name=name, mentions=[]))
        return name

    for g in doc.get("events", []):
        spans = gold_spans(text, g)
        if not spans:
            continue
        events.append(
            NS(
                mentions=[NS(start=a, end=b, text=text[a:b]) for a, b in spans],
                type=g.get("type"),
                status="hypothetical" if g.get("status") == "negated" else g.get("status"),
                modality=g.get("modality"),
                plan=None,
                participants=[entity(p) for p in g.get("participants") or []],
                groups=[],
                time=NS(value=g["time"]) if g.get("time") else None,
                status_changes=[],
                place=entity(g["place"]) if g.get("place") else None,
            )
        )
    return NS(text=text, events=events, entities=list(entities.values()))


def main(argv: list[str]) -> None:
    what, *args = argv
    k = args.index("--")
    gold, second = _load(args[:k]), _load(args[k + 1 :])
    ids = [i for i in gold if i in second]
    print(f"paragraphs in both: {len(ids)} of {len(gold)}", file=sys.stderr)
    if what == "quotes":
        score = S.SpeakerScore()
        for i in ids:
            S.score_paragraph(gold[i], score, quotes_record(second[i]))  # type: ignore[arg-type]
        print(score.report())
    elif what == "events":
        events = E.EventScore()
        for i in ids:
            E.score_paragraph(gold[i], events, events_record(second[i]))  # type: ignore[arg-type]
        print(events.report())
    elif what == "times":
        theirs = {d.name: d for p in args[k + 1 :] for d in T.read_jsonl(p)}
        docs = [d for p in args[:k] for d in T.read_jsonl(p) if d.name in theirs]
        T.system_spans = lambda doc, narrative=True: [(g.start, g.end, g.value) for g in theirs[doc.name].gold]  # type: ignore[assignment]
        print(T._evaluate_news(docs, False).report())
    else:
        raise SystemExit(f"unknown measure {what!r}: quotes, events or times")


if __name__ == "__main__":
    main(sys.argv[1:])
