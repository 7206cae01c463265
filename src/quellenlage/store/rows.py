"""A record as the rows the store keeps of it, built apart from any database.

:func:`prepare` turns a :class:`~quellenlage.record.Record` into a :class:`Prepared`: the record's
JSON text (what a revision keeps), the article's columns and the rows of every normalised table
(sentences, statements, entities, mentions, times, events, tags). It needs no connection, so a Dask
worker prepares the rows of the article it analysed and the one writer only inserts them
(:meth:`Store.put_many <quellenlage.store.Store.put_many>`); :meth:`Store.put
<quellenlage.store.Store.put>` goes the same way for one record in this process.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..record import Record
from .tables import article_tags, entities, events, instant, mentions, sentences, statements, times


@dataclass(frozen=True)
class Prepared:
    """What the store writes for one record (plain values: it pickles cheaply between processes)."""

    id: str
    content_hash: str
    analysis_version: str | None
    record: str
    """The record as JSON text (:meth:`Record.to_json`), kept by its revision."""
    article: dict[str, object]
    """The ``articles`` columns that come from the record (url, outlet, headline, published, published_at)."""
    normalised: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    """Rows of each normalised table, by table name, in :data:`~quellenlage.store.tables.NORMALISED` order."""
    source_name: str | None = None
    """Where the record came from (``revisions.source_name``): the record's source by default."""
    page: dict[str, object] | None = None
    """For a page fetched from the web: its ``pages`` row (raw bytes gzip-compressed; the store adds the article
    id and revision) and, under ``"fetched_url"``, its ``fetched_urls`` row, written in the record's transaction."""


def prepare(record: Record, record_json: str | None = None, source_name: str | None = None) -> Prepared:
    """The rows of ``record``; ``record_json`` is its JSON text when the caller has it already."""
    if source_name is None and record.source is not None:
        source_name = record.source.name
    meta = record.meta
    return Prepared(
        id=record.id,
        content_hash=record.content_hash,
        analysis_version=record.analysis.version if record.analysis else None,
        record=record_json if record_json is not None else record.to_json(),
        article={
            "url": meta.url,
            "outlet": meta.outlet,
            "headline": meta.headline,
            "published": meta.published,
            "published_at": instant(meta.published),
        },
        normalised=_normalised(record),
        source_name=source_name,
        page=page_rows(record),
    )


def page_rows(record: Record) -> dict[str, object] | None:
    """:attr:`Prepared.page` of a record: None unless it came from a fetched page."""
    page = record._page
    if page is None:
        return None
    return {**page.row(), "fetched_url": page.url_row(record.id)}


def _normalised(record: Record) -> dict[str, list[dict[str, object]]]:
    """The rows of the record's sentences, statements, entities, mentions, times, events and tags."""
    aid = record.id
    rows: dict[str, list[dict[str, object]]] = {
        sentences.name: [
            {
                "article_id": aid,
                "idx": i,
                "start": s.start,
                "end": s.end,
                "paragraph": s.paragraph,
                "text": record.text[s.start : s.end],
            }
            for i, s in enumerate(record.sentences)
        ],
        statements.name: [
            {
                "article_id": aid,
                "sid": st.id,
                "idx": i,
                "kind": st.kind,
                "start": st.start,
                "end": st.end,
                "text": st.text,
                "speaker_text": st.speaker.text if st.speaker else None,
                "speaker_entity": st.speaker.entity if st.speaker else None,
                "speaker_anonymous": st.speaker.anonymous if st.speaker else None,
                "speaker_anonymous_kind": st.speaker.anonymous_kind if st.speaker else None,
                "cue_text": st.cue.text if st.cue else None,
                "sources": [source.model_dump(mode="json") for source in st.sources],
                "hedged": st.hedged,
            }
            for i, st in enumerate(record.statements)
        ],
        entities.name: [
            {"article_id": aid, "eid": e.id, "type": e.type, "name": e.name, "roles": e.roles} for e in record.entities
        ],
        mentions.name: [
            {"article_id": aid, "eid": e.id, "start": m.start, "end": m.end, "text": m.text, "sentence": m.sentence}
            for e in record.entities
            for m in e.mentions
        ],
        times.name: [
            {"article_id": aid, "start": t.start, "end": t.end, "text": t.text, "value": t.value, "mod": t.mod, "type": t.type}
            for t in record.times
        ],
        events.name: [
            {
                "article_id": aid,
                "evid": ev.id,
                "type": ev.type,
                "status": ev.status,
                "time_value": ev.time.value if ev.time else None,
                "time_mod": ev.time.mod if ev.time else None,
                "place": ev.place,
                "participants": ev.participants,
                "evidence": ev.evidence,
                "modality": ev.modality,
                "groups": [g.text for g in ev.groups],
                "sources": [[src.name for src in chain] for chain in ev.sources],
                "status_changes": [c.model_dump(mode="json") for c in ev.status_changes],
            }
            for ev in record.events
        ],
        article_tags.name: [{"article_id": aid, "tag": tag} for tag in dict.fromkeys(record.meta.tags or [])],
    }
    return rows
