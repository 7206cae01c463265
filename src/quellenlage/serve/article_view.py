"""What the article page shows: paragraphs with marked statements, mentions and
times, and one card per statement (speaker, cue, source chain, hedging)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from ..record import Record, Statement
from ..store.queries import entity_key
from .highlight import Mark, render_marks

KIND_LABELS = {
    "direct_quote": "direct quote",
    "indirect_speech": "indirect speech",
    "reported": "reported",
    "asserted": "asserted",
}


@dataclass(frozen=True)
class Card:
    """The facts shown when a statement is hovered or focused."""

    id: str
    kind: str
    speaker: str
    anonymous: bool
    anonymous_kind: str | None
    speaker_key: str | None
    cue: str | None
    chain: list[str]
    hedged: bool


def dossier_id(eid: str, name: str, links: dict[str, str] | None) -> str:
    """Where an article's entity links to: its story entity (``links``, from the link tables), else its name
    key (``/entities/{key}`` finds the story entity, or shows the name group of an unlinked store)."""
    return (links or {}).get(eid) or entity_key(name)


def statement_dom_id(statement_id: str) -> str:
    return "st-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in statement_id)


def _marks(record: Record, links: dict[str, str] | None = None) -> list[Mark]:
    marks: list[Mark] = []
    for st in record.statements:
        dom = statement_dom_id(st.id)
        marks.append(
            Mark(
                st.start,
                st.end,
                "span",
                (("class", f"st st-{st.kind}"), ("data-st", dom), ("data-kind", st.kind), ("aria-describedby", "card-" + dom)),
                rank=0,
                first_attrs=(("tabindex", "0"), ("id", dom)),
            )
        )
        if st.cue and not (st.start <= st.cue.start and st.cue.end <= st.end and st.kind == "direct_quote"):
            marks.append(Mark(st.cue.start, st.cue.end, "span", (("class", "cue"),), rank=1))
    for t in record.times:
        title = t.value or "not anchored"
        if t.mod:
            title += f" ({t.mod})"
        attrs = [("class", "tx"), ("title", title)]
        if t.value:
            attrs.append(("data-value", t.value))
        marks.append(Mark(t.start, t.end, "span", tuple(attrs), rank=2))
    taken: list[tuple[int, int]] = []
    for e in record.entities:
        href = "/entities/" + quote(dossier_id(e.id, e.name, links))
        for m in sorted(e.mentions, key=lambda m: m.start):
            if any(s < m.end and m.start < t for s, t in taken):
                continue  # a link cannot hold another link
            taken.append((m.start, m.end))
            marks.append(
                Mark(
                    m.start,
                    m.end,
                    "a",
                    (("class", f"ent ent-{e.type}"), ("href", href), ("title", f"{e.name} ({e.type})")),
                    rank=3,
                )
            )
    return marks


def paragraphs_html(record: Record, links: dict[str, str] | None = None) -> list[tuple[str, Markup]]:
    """Each paragraph's kind and its marked-up text (``links``: entity id → dossier id, see :func:`dossier_id`)."""
    marks = _marks(record, links)
    return [(p.kind, render_marks(record.text, marks, p.start, p.end)) for p in record.paragraphs]


def source_chain(record: Record, st: Statement) -> list[str]:
    """Who passed the statement on, outermost first, starting with the outlet:
    "ntv.de → Axios → US-amerikanische und russische Beamte". Without recorded
    sources the chain is the outlet and the speaker."""
    chain = [s.name for s in st.sources]
    if not chain and st.speaker:
        chain = [st.speaker.text]
    outlet = record.meta.outlet
    if outlet and (not chain or chain[0].casefold() != outlet.casefold()):
        chain.insert(0, outlet)
    return chain


def card(record: Record, st: Statement, links: dict[str, str] | None = None) -> Card:
    names = {e.id: e.name for e in record.entities}
    speaker_key = None
    if st.speaker and st.speaker.entity in names:
        speaker_key = dossier_id(st.speaker.entity, names[st.speaker.entity], links)
    return Card(
        id=statement_dom_id(st.id),
        kind=st.kind,
        speaker=st.speaker.text if st.speaker else "—",
        anonymous=bool(st.speaker and st.speaker.anonymous),
        anonymous_kind=st.speaker.anonymous_kind if st.speaker else None,
        speaker_key=speaker_key,
        cue=st.cue.text if st.cue else None,
        chain=source_chain(record, st),
        hedged=st.hedged,
    )


def cards(record: Record, links: dict[str, str] | None = None) -> list[Card]:
    return [card(record, st, links) for st in record.statements]
