"""Claims: what each report says of an event, kept beside the event's one status.

The events stage finds an event in every sentence that tells it (a :class:`.events.SentenceEvent` per
mention) and clusters them; the event used to keep only the strongest status. A claim keeps each mention's
word: its status and confidence, the statement it stands in with that statement's evidential kind, hedging
and source chain, and the time, place and participants it names. "Der Kreml bestätigte, dass sich Putin und
Trump getroffen haben. Das Weiße Haus dementierte, dass sich die beiden getroffen hätten." is one meeting
with two claims: happened per the Kreml, denied per the White House.

:func:`claims` builds them for one cluster, :func:`derive` gives the event's status, confidence and
``disputed`` from them and from nothing else, so a reader of the record can follow how the status came about
(docs/events.md, "Claims").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, cast

from ..record import Claim, Confidence, EventStatus, EventTime, Record, Source, Statement, StatementKind
from . import event_status

if TYPE_CHECKING:
    from .events import EventCluster, SentenceEvent

#: Statuses that cannot both be true of one event, whichever comes first: a denial against any word that it
#: is, was or will be (or was called off or put off), and a cancellation against its having taken place. A
#: plan and its cancellation or postponement, a postponement and the event held later, are a story told in
#: order, not a contradiction; hypothetical and unknown claims contradict nothing.
CONTRADICTS: dict[str, frozenset[str]] = {
    "denied": frozenset({"happened", "planned", "cancelled", "postponed"}),
    "happened": frozenset({"denied", "cancelled"}),
    "planned": frozenset({"denied"}),
    "cancelled": frozenset({"denied", "happened"}),
    "postponed": frozenset({"denied"}),
}


class Derived(NamedTuple):
    """An event's status, its confidence, and whether its claims are disputed (see :func:`derive`)."""

    status: EventStatus
    confidence: Confidence
    disputed: bool


def claims(record: Record, event_id: str, cluster: EventCluster) -> list[Claim]:
    """One claim per mention of the event (per candidate of ``cluster``, in text order), numbered after
    ``event_id`` ("v3c1"). A plan's claims name no participants, as the plan names none (its authors are
    ``plan.authors``)."""
    outlet = [Source(name=record.meta.outlet)] if record.meta.outlet else []
    planned = cluster.first.type == "plan"
    return [_claim(record, f"{event_id}c{n}", c, outlet, planned) for n, c in enumerate(cluster.candidates, start=1)]


def _claim(record: Record, claim_id: str, c: SentenceEvent, outlet: list[Source], plan: bool) -> Claim:
    t = c.triggers[0]  # the trigger the mention's status was read for; merged ones ("getroffen und … diskutiert") follow it
    st = _statement(c.evidence, t.start)
    kind: StatementKind = st.kind if st else "asserted"
    hedged = bool(st and st.hedged)
    if kind == "asserted" and c.reported and not hedged:  # "Berichte über ein geheimes Treffen": the outlet tells of reports
        kind = "reported"
    return Claim(
        id=claim_id,
        status=cast(EventStatus, c.status),
        confidence=cast(Confidence, c.confidence),
        kind=kind,
        hedged=hedged,
        statement=st.id if st else None,
        sentence=c.sentence,
        start=t.start,
        end=t.end,
        text=record.text[t.start : t.end],
        ahead=c.ahead,
        time=EventTime.of(c.time) if c.time is not None else None,
        place=c.place,
        participants=[] if plan else list(c.participants),
        sources=[src.model_copy() for src in (st.sources if st else outlet)],
    )


def _statement(evidence: Sequence[Statement], at: int) -> Statement | None:
    """The narrowest evidence statement covering offset ``at`` (a quotation inside a report: the quotation);
    None when the mention stands outside every statement, in the outlet's own frame of a quotation."""
    covering = [st for st in evidence if st.start <= at < st.end]
    return min(covering, key=lambda st: st.end - st.start, default=None)


def _source(claim: Claim) -> tuple[tuple[str, str | None, bool], ...]:
    """Who a claim's word is: its whole source chain ("ntv.de" alone is the outlet's own word)."""
    return tuple((src.name, src.entity, src.anonymous) for src in claim.sources)


def disputes(claims: Sequence[Claim]) -> list[tuple[Claim, Claim]]:
    """Pairs of claims on different sources' word whose statuses contradict (:data:`CONTRADICTS`). One source's
    own claims never dispute each other: a source that changes its word ("Der Kreml bestätigte das Treffen …
    Später dementierte der Kreml das Treffen") tells a story in order, and the strongest status wins."""
    return [
        (a, b)
        for k, a in enumerate(claims)
        for b in claims[k + 1 :]
        if b.status in CONTRADICTS.get(a.status, frozenset()) and _source(a) != _source(b)
    ]


def derive(claims: Sequence[Claim]) -> Derived:
    """The event's status, confidence and ``disputed`` from its claims, and from nothing else.

    Disputed (claims on different sources' word contradict, :func:`disputes`): ``unknown`` — precision first,
    never a fact one source denies nor a denial one source contradicts — stated when every contradicting claim
    is. Otherwise the strongest status (:func:`.event_status.strongest`) among the claims that are not
    hypothetical (a hypothetical mention never undoes a fact: "Die Gewerkschaft streikte. Falls …, werde der
    Streik fortgesetzt"), hypothetical when all are; a plan that another claim states as past is ``happened``
    ("das geplante Treffen … Am Montag trafen sich …"), unless a claim tells the plan as ahead ("Die Wahl am
    Sonntag wird …": a future event is never made a fact). Confidence: stated when a claim of that status is
    stated; unknown for an unknown status; inferred otherwise.
    """
    if not claims:
        return Derived("unknown", "unknown", False)
    contradicting = disputes(claims)
    if contradicting:
        stated = all(c.confidence == "stated" for pair in contradicting for c in pair)
        return Derived("unknown", "stated" if stated else "inferred", True)
    status = event_status.strongest([c.status for c in claims if c.status != "hypothetical"] or ["hypothetical"])
    if (
        status == "planned"
        and any(c.status == "happened" and c.confidence == "stated" for c in claims)
        and not any(c.status == "planned" and c.ahead for c in claims)
    ):
        status = "happened"
    confidence: Confidence = (
        "stated"
        if any(c.status == status and c.confidence == "stated" for c in claims)
        else ("unknown" if status == "unknown" else "inferred")
    )
    return Derived(cast(EventStatus, status), confidence, False)
