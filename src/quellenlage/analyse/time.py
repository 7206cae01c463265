"""The ``time`` stage: German time expressions, normalised against the publication date.

Rules and tables, no JVM: :mod:`.timex_rules` finds the expressions (regexes
compiled from ``lang/de/time``), :mod:`.timex_tense` reads the tense of their
clause, :mod:`.timex_values` turns them into TIMEX3-style values relative to
``record.meta.published`` (or, for "zwei Tage später", to the last date
mentioned). Without a publication date, relative expressions keep
``value=None``. Conventions: ``docs/time.md``.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from ..record import Record, TimeExpression
from . import timex_rules
from .timex_tense import clause_tense
from .timex_values import Normaliser, Timex

# a full stop after a word (not a number: "24. Oktober") before a capital, or a line break
_SENTENCE_END = re.compile(r"(?<![\d.])[.!?](?=\s+[A-ZÄÖÜ„\"])|\n")

#: Bump when the expressions or values this stage produces change.
VERSION = 2  # 2: "für Freitag", "auf Januar" look ahead; a weak verb's past form marks the clause past


def document_date(published: str | None) -> date | None:
    """The calendar day of an ISO date or date-time ("2025-11-19T09:47+01:00" → 2025-11-19)."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def tag(
    text: str,
    published: date | None = None,
    *,
    narrative: bool = False,
    sentences: list[tuple[int, int]] | None = None,
) -> list[Timex]:
    """Every time expression in ``text``, with values relative to ``published``.

    ``narrative``: history-style text (reference time = last date mentioned,
    "heute" is PRESENT_REF). ``sentences``: (start, end) offsets, to keep the
    tense lookup inside the sentence; without them the clause punctuation
    and sentence-final stops bound it.
    """
    normaliser = Normaliser(published, narrative=narrative)
    starts = [s for s, _ in sentences] if sentences else []
    out: list[Timex] = []
    candidates = timex_rules.find(text)
    if narrative:
        normaliser.first_year = next((int(c.match.group("y")) for c in candidates if c.rule in ("year", "day_month", "month_year") and c.match.group("y") and len(c.match.group("y")) == 4), None)
    for c in candidates:
        lo, hi = _sentence_bounds(text, c.start, sentences, starts)
        tense = _preposition_tense(text, c.start)
        if tense == "":
            tense = clause_tense(text, c.start, c.end, lo, hi)
        t = normaliser.resolve(c, text, tense)
        if t is not None:
            out.append(t)
    return out


def _preposition_tense(text: str, start: int) -> str | None:
    """ "seit dem 1. Januar" looks back (PAST); "bis zum 20. Juni", "ab dem 11. Mai" are limits,
    the nearest such day whatever the verb (None); "für Freitag", "auf Januar (verschoben)" are
    appointments ahead (FUTURE);
    "" when the clause's verbs decide."""
    before = text[max(0, start - 9) : start].rstrip().lower()
    if before.endswith(("seit dem", "seit")):
        return "PAST"
    if before.endswith(("bis zum", "bis", "ab dem", "ab")):
        return None
    if before.endswith(("für", " auf")) or before == "auf":  # "die für Freitag geplante Reise", "auf Januar verschoben"
        return "FUTURE"
    return ""


def _sentence_bounds(text: str, offset: int, sentences, starts) -> tuple[int, int]:
    if sentences:
        k = bisect.bisect_right(starts, offset) - 1
        if k >= 0:
            return sentences[k]
    lo = 0
    for m in _SENTENCE_END.finditer(text, max(0, offset - 400), offset):
        lo = m.end()
    m = _SENTENCE_END.search(text, offset)
    return lo, (m.start() + 1 if m else len(text))


def time(record: Record) -> None:
    """Fill ``record.times`` (the pipeline's ``time`` stage)."""
    published = document_date(record.meta.published)
    spans = [(s.start, s.end) for s in record.sentences]
    record.times = [
        TimeExpression(
            start=t.start, end=t.end, text=t.text, value=t.value, mod=t.mod, type=t.type,
            sentence=record.sentence_at(t.start),
        )
        for t in tag(record.text, published, sentences=spans)
    ]
