"""The readable text form of a record (``--format text``)."""

from __future__ import annotations

import textwrap

from .record import Event, Record, Statement

KIND_MARK = {
    "direct_quote": "QUOTE",
    "indirect_speech": "SPEECH",
    "reported": "REPORTED",
    "asserted": "ASSERTED",
}


def _statement_line(st: Statement) -> str:
    who = st.speaker.text if st.speaker else "—"
    if st.speaker and st.speaker.anonymous:
        who += f" (anonymous: {st.speaker.anonymous_kind})" if st.speaker.anonymous_kind else " (anonymous)"
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
        out.append(
            textwrap.fill(
                record.text[para.start : para.end],
                width=width,
                initial_indent="  ",
                subsequent_indent="  ",
                break_on_hyphens=False,
            )
        )
        for st in record.statements:
            if para.start <= st.start < para.end:
                out.append(
                    textwrap.fill(
                        _statement_line(st),
                        width=width,
                        initial_indent="    ▸ ",
                        subsequent_indent="      ",
                        break_on_hyphens=False,
                    )
                )
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
        names = {e.id: e.name for e in record.entities}
        for ev in record.events:
            f = _event_fields(ev, names)
            line = (
                f"{ev.id} {ev.type}, {f['status']}, {ev.modality or '—'}: {', '.join(f['who']) or '—'}"
                f" · {f['place']} · {f['when']} · sentences {', '.join(str(k) for k in ev.sentences)}"
            )
            out.append(
                textwrap.fill(
                    line.replace("\n", "; "), width=width, initial_indent="  ", subsequent_indent="      ", break_on_hyphens=False
                )
            )
    return "\n".join(out) + "\n"


def _event_fields(ev: Event, names: dict[str, str]) -> dict:
    """An event's values as shown: participants and groups (a plan's details after them), place, time, status
    with its changes ("cancelled 2025-10-25 by Donald Trump", "postponed to 2025-W43")."""
    who = [names.get(p, p) for p in ev.participants] + [g.text for g in ev.groups]
    when = ev.time.value if ev.time and ev.time.value else "?"
    if ev.time and ev.time.text:
        when += f" ({ev.time.text})"
    status = ev.status + "".join(
        f"\n{c.status}"
        + (f" {c.time.value}" if c.time else "")
        + (f" to {c.to.value}" if c.to else "")
        + (f" by {names.get(c.by, c.by)}" if c.by else "")
        for c in ev.status_changes
    )
    if ev.plan:
        plan = ev.plan
        who.append(
            "plan: "
            + "; ".join(
                x
                for x in (
                    f"{plan.points} points" if plan.points else "",
                    "topics: " + ", ".join(plan.topics) if plan.topics else "",
                    f"inspired by {plan.inspired_by}" if plan.inspired_by else "",
                    "authors: " + ", ".join(names.get(a, a) for a in plan.authors) if plan.authors else "",
                )
                if x
            )
        )
    place = names.get(ev.place, ev.place) if ev.place else "—"
    return {"who": who, "when": when, "status": status, "place": place}


def events_table(record: Record):
    """The record's events as a rich table (``quellenlage events``): type, status, who, where, when, evidence."""
    from rich.table import Table

    names = {e.id: e.name for e in record.entities}
    table = Table(title=record.meta.headline or record.id, show_lines=True)
    for column in ("id", "type", "status", "participants", "place", "time", "modality · evidence", "mentions (sentence)"):
        table.add_column(column, overflow="fold")
    for ev in record.events:
        f = _event_fields(ev, names)
        table.add_row(
            ev.id,
            ev.type,
            f["status"],
            "\n".join(f["who"]) or "—",
            f["place"],
            f["when"],
            f"{ev.modality or '—'} · {', '.join(ev.evidence) or '—'}",
            ", ".join(f"{m.text} ({m.sentence})" for m in ev.mentions),
        )
    return table
