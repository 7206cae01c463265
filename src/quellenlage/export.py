"""Exports of stored records: JSON Lines (whole records) and CSV (one table of rows)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from .record import Record

CSV_COLUMNS = {
    "articles": [
        "id",
        "url",
        "outlet",
        "section",
        "published",
        "kicker",
        "headline",
        "authors",
        "agencies",
        "tags",
        "lead",
        "paragraphs",
        "sentences",
        "entities",
        "statements",
        "times",
        "events",
        "content_hash",
    ],
    "sentences": ["article_id", "index", "paragraph", "paragraph_kind", "start", "end", "text"],
    "statements": [
        "article_id",
        "id",
        "kind",
        "speaker",
        "speaker_entity",
        "anonymous",
        "anonymous_kind",
        "known",
        "cue",
        "sources",
        "hedged",
        "start",
        "end",
        "text",
    ],
    "entities": ["article_id", "id", "type", "name", "roles", "mentions", "variants"],
    "times": ["article_id", "start", "end", "text", "type", "value", "mod"],
    "events": [
        "article_id",
        "id",
        "type",
        "status",
        "modality",
        "time",
        "mod",
        "time_text",
        "place",
        "participants",
        "groups",
        "status_changes",
        "sources",
        "evidence",
        "sentences",
        "mentions",
        "participant_ids",
        "place_id",
    ],
}


def _join(values) -> str:
    return "; ".join(values)


def rows(record: Record, table: str) -> Iterable[dict]:
    m, rid = record.meta, record.id
    if table == "articles":
        yield {
            "id": rid,
            "url": m.url,
            "outlet": m.outlet,
            "section": m.section,
            "published": m.published,
            "kicker": m.kicker,
            "headline": m.headline,
            "authors": _join(m.authors),
            "agencies": _join(m.agencies),
            "tags": _join(m.tags),
            "lead": m.lead,
            "paragraphs": len(record.paragraphs),
            "sentences": len(record.sentences),
            "entities": len(record.entities),
            "statements": len(record.statements),
            "times": len(record.times),
            "events": len(record.events),
            "content_hash": record.content_hash,
        }
    elif table == "sentences":
        for i, s in enumerate(record.sentences):
            yield {
                "article_id": rid,
                "index": i,
                "paragraph": s.paragraph,
                "paragraph_kind": record.paragraphs[s.paragraph].kind,
                "start": s.start,
                "end": s.end,
                "text": record.text[s.start : s.end],
            }
    elif table == "statements":
        for st in record.statements:
            yield {
                "article_id": rid,
                "id": st.id,
                "kind": st.kind,
                "speaker": st.speaker.text if st.speaker else None,
                "speaker_entity": st.speaker.entity if st.speaker else None,
                "anonymous": st.speaker.anonymous if st.speaker else None,
                "anonymous_kind": st.speaker.anonymous_kind if st.speaker else None,
                "known": st.speaker.known if st.speaker else None,
                "cue": st.cue.text if st.cue else None,
                "sources": " ← ".join(s.name for s in st.sources),
                "hedged": st.hedged,
                "start": st.start,
                "end": st.end,
                "text": st.text,
            }
    elif table == "entities":
        for e in record.entities:
            yield {
                "article_id": rid,
                "id": e.id,
                "type": e.type,
                "name": e.name,
                "roles": _join(e.roles),
                "mentions": len(e.mentions),
                "variants": _join(sorted({x.text for x in e.mentions})),
            }
    elif table == "times":
        for t in record.times:
            yield {
                "article_id": rid,
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "type": t.type,
                "value": t.value,
                "mod": t.mod,
            }
    elif table == "events":
        names = {e.id: e.name for e in record.entities}
        for ev in record.events:
            changes = [
                " ".join(
                    x
                    for x in (
                        c.status,
                        c.time.value if c.time else "",
                        f"to {c.to.value}" if c.to else "",
                        f"by {names.get(c.by, c.by)}" if c.by else "",
                    )
                    if x
                )
                for c in ev.status_changes
            ]
            yield {
                "article_id": rid,
                "id": ev.id,
                "type": ev.type,
                "status": ev.status,
                "modality": ev.modality,
                "time": ev.time.value if ev.time else None,
                "mod": ev.time.mod if ev.time else None,
                "time_text": ev.time.text if ev.time else None,
                "place": names.get(ev.place, ev.place) if ev.place is not None else None,
                "participants": _join(names.get(p, p) for p in ev.participants),
                "groups": _join(g.text for g in ev.groups),
                "status_changes": _join(changes),
                "sources": _join(" ← ".join(s.name for s in chain) for chain in ev.sources),
                "evidence": _join(ev.evidence),
                "sentences": _join(str(k) for k in ev.sentences),
                "mentions": _join(m.text for m in ev.mentions),
                "participant_ids": _join(ev.participants),
                "place_id": ev.place,
            }
    else:
        raise ValueError(f"unknown table {table!r}")


def write_csv(records: Iterable[Record], out: IO[str], table: str = "articles") -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS[table], extrasaction="raise")
    writer.writeheader()
    n = 0
    for record in records:
        for row in rows(record, table):
            writer.writerow(row)
            n += 1
    return n


def write_jsonl(records: Iterable[Record], out: IO[str]) -> int:
    n = 0
    for record in records:
        out.write(record.to_json() + "\n")
        n += 1
    return n
