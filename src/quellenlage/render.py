"""The readable text form of a record (``--format text``)."""

from __future__ import annotations

import textwrap

from .record import Record, Statement

KIND_MARK = {
    "direct_quote": "QUOTE",
    "indirect_speech": "SPEECH",
    "reported": "REPORTED",
    "asserted": "ASSERTED",
}


def _statement_line(st: Statement) -> str:
    who = st.speaker.text if st.speaker else "—"
    if st.speaker and st.speaker.anonymous:
        who += " (anonymous)"
    chain = " ← ".join(s.name for s in st.sources)
    extra = f" via {chain}" if chain else ""
    hedge = " [hedged]" if st.hedged else ""
    return f"[{KIND_MARK.get(st.kind, st.kind)}] {who}{extra}{hedge}: {st.text}"


def render_text(record: Record, width: int = 100) -> str:
    m = record.meta
    out: list[str] = []
    head = " · ".join(x for x in (m.outlet, m.section, m.published, ", ".join(m.authors + m.agencies)) if x)
    out.append(head or "(no metadata)")
    if m.kicker:
        out.append(m.kicker)
    out.append(m.headline or "(no headline)")
    if m.url:
        out.append(m.url)
    if m.tags:
        out.append("Tags: " + "; ".join(m.tags))
    for img in m.images:
        out.append(f"Image: {img.caption or ''}" + (f" (credit: {img.credit})" if img.credit else ""))
    out.append(
        f"id {record.id} · {len(record.paragraphs)} paragraphs · {len(record.sentences)} sentences · "
        f"{len(record.entities)} entities · {len(record.statements)} statements · "
        f"{len(record.times)} times · {len(record.events)} events"
    )
    for w in record.warnings:
        out.append(f"warning: {w}")
    for para in record.paragraphs:
        out.append("")
        out.append(f"[{para.kind}]")
        out.append(textwrap.fill(record.text[para.start : para.end], width=width, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False))
        for st in record.statements:
            if para.start <= st.start < para.end:
                out.append(textwrap.fill(_statement_line(st), width=width, initial_indent="    ▸ ", subsequent_indent="      ", break_on_hyphens=False))
    if record.entities:
        out.append("")
        out.append("Entities:")
        for e in record.entities:
            roles = f" ({', '.join(e.roles)})" if e.roles else ""
            out.append(f"  {e.type:<4} {e.name}{roles} ×{len(e.mentions)}")
    if record.times:
        out.append("")
        out.append("Times:")
        for t in record.times:
            out.append(f"  {t.text!r} → {t.value}{' ' + t.mod if t.mod else ''}")
    if record.events:
        out.append("")
        out.append("Events:")
        for ev in record.events:
            when = ev.time.value if ev.time else "?"
            out.append(f"  {ev.type} ({ev.status}) at {when}: {', '.join(ev.participants)}")
    return "\n".join(out) + "\n"
