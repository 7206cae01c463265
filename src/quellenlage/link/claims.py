"""The claims listing's rows (``claim_rows``): written by the linker, read by :func:`.queries.claims_view`.

One row per claim: what a report says of a story event (:func:`add_report`, with the report's event link),
and each other attributed statement of the article — reported, quoted, hedged, not asserted by the outlet
itself, and no event's claim (:func:`add_statements`, after the article's events, so the statements its
claims rest on are known). Taken back with the article's event links (:func:`unlink_article`), so a revised
article's claims are replaced and an unlinked article's are gone.

Each row keeps the fields the listing shows, the source chain, and what the ``source`` filter needs in plain
columns: the chain's names lower-cased between bars (``"|spiegel.de|axios|us-beamte|"``, matched with
``LIKE``; no JSON functions, so it reads the same on PostgreSQL) and whether a source is unnamed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete

from ..record import Record
from ..store.tables import claim_rows

if TYPE_CHECKING:
    from .events import Report

#: Separates the names in ``source_names``.
BAR = "|"
#: What a bar inside a name (and in a searched name) is written as, so a search never spans two names.
INNER_BAR = "¦"

#: ``section`` of an event claim and of a statement: event claims are listed first.
EVENT_CLAIM, STATEMENT = 0, 1


def fold(name: str) -> str:
    """A name (or a searched part of one) as ``source_names`` holds it: lower-cased, no bar."""
    return name.lower().replace(BAR, INNER_BAR)


def names_of(chain: Iterable[dict]) -> str:
    """ "|spiegel.de|axios|us-beamte|": each source's name folded, between bars (an unnamed one: empty)."""
    return BAR + "".join(fold(s.get("name") or "") + BAR for s in chain)


def _row(article_id: str, chain: list[dict], **values) -> dict:
    return {
        "article_id": article_id,
        "sources": chain,
        "source_names": names_of(chain),
        "anonymous": any(bool(s.get("anonymous")) for s in chain),
        **values,
    }


def add_report(conn: Connection, report: Report) -> None:
    """The claims of one report (an article-level event just linked), in its claims' order."""
    rows = [
        _row(
            report.article,
            list(c.get("sources") or []),
            claim=c["id"],
            evid=report.evid,
            section=EVENT_CLAIM,
            position=k,
            published=report.published,
            outlet=report.outlet,
            kind=c.get("kind"),
            hedged=bool(c.get("hedged")),
            statement=c.get("statement"),
            status=c.get("status"),
            text=c.get("sentence_text") or c.get("text"),
        )
        for k, c in enumerate(report.claims)
    ]
    if rows:
        conn.execute(claim_rows.insert(), rows)


def add_statements(conn: Connection, record: Record, reports: Iterable[Report]) -> None:
    """The article's attributed statements (any kind but "asserted") that no claim of its events rests on."""
    used = {c["statement"] for r in reports for c in r.claims if c.get("statement")}
    rows = [
        _row(
            record.id,
            [s.model_dump(mode="json") for s in st.sources],
            claim=st.id,
            evid=None,
            section=STATEMENT,
            position=k,
            published=record.meta.published,
            outlet=record.meta.outlet,
            kind=st.kind,
            hedged=bool(st.hedged),
            statement=st.id,
            status=None,
            text=st.text,
        )
        for k, st in enumerate(record.statements)
        if st.kind != "asserted" and st.id not in used
    ]
    if rows:
        conn.execute(claim_rows.insert(), rows)


def unlink_article(conn: Connection, article_id: str) -> None:
    """Take back an article's rows (its event claims and its statements)."""
    conn.execute(delete(claim_rows).where(claim_rows.c.article_id == article_id))
