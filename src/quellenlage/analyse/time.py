"""The ``time`` stage: German time expressions, normalised against the publication date.

Rules and tables, no JVM: :mod:`.timex_rules` finds the expressions (regexes
compiled from ``lang/de/time``), :mod:`.timex_tense` reads the tense of their
clause, :mod:`.timex_values` turns them into TIMEX3-style values relative to
``record.meta.published`` (or, for "zwei Tage später", to the last date
stated), each with a confidence (stated, inferred, unknown). Without a
publication date, relative expressions keep ``value=None``. Conventions:
``docs/time.md``.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta
from functools import cache

from ..lang.de.time_tables import rule_words, weekdays
from ..record import Record, TimeExpression
from . import timex_rules
from .stages import stage
from .timex_tense import clause_tense, deadline
from .timex_values import Normaliser, Timex

_WORDS = re.compile(r"\w+")
# a full stop after a word (not a number: "24. Oktober") before a capital, or a line break
_SENTENCE_END = re.compile(r"(?<![\d.])[.!?](?=\s+[A-ZÄÖÜ„\"])|\n")

#: Bump when the expressions or values this stage produces change.
VERSION = 11
# 2: "für Freitag", "auf Januar" look ahead; a weak verb's past form marks the clause past
# 3: confidence (stated/inferred/unknown), only stated values move the reference time in news; strong
#    preterites ("nahm … fest"), perfect with a participle ("ist … entgleist"); deadlines look ahead
#    ("Ultimatum bis Donnerstag"); "kommende Woche Donnerstag"; "in der Nacht", "am frühen Morgen";
#    ages are no durations ("der 78 Jahre alte Fahrer"); "Thanksgiving-Wochenende"; "am 18.10."
# 4: a number after a train, bus, line or flight designation is no year ("IC 2082", table line_words.txt);
#    "Donnerstag, 12.11.2015" is one expression; "1.03. 2016"; a clock time after a date without a comma
#    or after "-", "/", "|" and H:MM without "Uhr" ("29.12.2015 00:16", "12. Februar 2016 - 13:51 Uhr")
# 5: "in der Nacht auf/zum Sonntag" is a night, not an appointment ahead: the clause decides
# 6: a present-tense verb with a weekday is the coming such day ("Am Sonntag treffen sich …"); "angesagt" a state
# 7: "hat"/"ist" alone in the clause is past when its participle stands past a bracket or a score ("hat … (PSOE) … aufgenommen")
# 9: past forms of "-ern"/"-eln" verbs ("scheiterte", "hat … verhandelt") and the PARTICIPLE rows of tense.tsv
#    ("haben … vereinbart") mark the clause past
# 10: two-digit decades take a century only where one fits ("80er-Jahre" 198, was 008; "20er Jahre" in 2025
#    none); ages after "mit" and "im Alter zwischen … und" are no durations; "in letzter Minute" is no time;
#    "wenig später", "kurz darauf", "bald" have no value in a past clause of news; "von Samstag auf Sonntag":
#    the second day follows the first; Konjunktiv II of the modals ("könnte") is no preterite; in news, a year
#    written without a month gives its year to a day or month only within its sentence ("seit 1949. Am 7. März");
#    a weekday after "vom" is a day past ("die Proteste vom Sonntag", inferred; none in a clause ahead); "1200 €"
#    is no year; "an diesem Tag" points back to the day told of, and an anaphoric day with none stated before has
#    no value (it was the publication day); a weekday "für" an appointment in a past clause is inferred
# 11: "vom Freitag, 21. November, bis zum Sonntag": the weekday after a span's first date (not only after a
#    first weekday) is the first such day after it; "zwei Wochen früher", "drei Tage später" in news with no
#    day stated before have no value (they counted from the publication day)


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
        normaliser.first_year = next(
            (
                int(c.match.group("y"))
                for c in candidates
                if c.rule in ("year", "day_month", "month_year") and c.match.group("y") and len(c.match.group("y")) == 4
            ),
            None,
        )
    previous: tuple[timex_rules.RuleMatch, Timex] | None = None
    for c in candidates:
        lo, hi = _sentence_bounds(text, c.start, sentences, starts)
        normaliser.sentence_start = lo
        tense = _preposition_tense(text, c.start)
        told_of = tense == "" and c.rule == "weekday" and _day_told_of(text, c.start, c.end)
        ahead_in_past = (
            c.rule == "weekday"
            and tense == "FUTURE"
            and not c.match.groupdict().get("rel")  # "für diesen Mittwoch" names its week
            and _appointment_ahead(text, c.start)  # not a deadline: "Ultimatum bis Donnerstag" stays stated
            and clause_tense(text, c.start, c.end, lo, hi, present=True) == "PAST"
        )
        if tense == "":
            tense = clause_tense(text, c.start, c.end, lo, hi, present=True)
        guessed_past = told_of and tense not in ("FUTURE", "PAST")
        if guessed_past:
            tense = "PAST"  # "die Proteste vom Sonntag" (a guess from the preposition: inferred, below)
        t = normaliser.resolve(c, text, tense)
        if t is not None and told_of and t.value:
            if guessed_past:
                t.confidence = "inferred"
            elif tense != "PAST":  # a past clause says so ("Die Proteste vom Sonntag wurden aufgelöst"); ahead:
                # "Die Sitzung vom Donnerstag wird übertragen" is the day told of or the coming one: no guess
                t.value, t.confidence = None, "unknown"
        if t is not None and ahead_in_past and t.value and t.confidence == "stated":
            # "Der für Dienstag geplante Parteitag konnte nicht stattfinden": a weekday ahead of when it was planned,
            # which may be past by now; the coming Tuesday is a guess (a written date or year keeps its confidence)
            t.confidence = "inferred"
        if t is not None:
            if previous is not None:
                _second_weekday_of_span(text, *previous, c, t)
            out.append(t)
            previous = (c, t)
    return out


def _second_weekday_of_span(text: str, first: timex_rules.RuleMatch, first_t: Timex, c: timex_rules.RuleMatch, t: Timex) -> None:
    """ "in der Nacht von Samstag auf Sonntag", "vom Freitag bis zum Sonntag", "vom Freitag, 21. November, bis
    zum Sonntag": the second weekday is the first such day after the first day (a weekday or a date), whatever
    the tense ("auf Sonntag" alone would look ahead). Sets ``t.value`` (and its confidence: the first day's) in
    place."""
    if c.rule != "weekday" or not first_t.value or len(first_t.value) != 10:
        return
    if c.match.groupdict().get("rel") or c.match.groupdict().get("pod"):
        return  # "von Freitag bis nächsten Sonntag", "bis Sonntagabend": the second day's own words decide
    words = rule_words()
    between = " ".join(text[first.end : c.start].split()).lstrip(", ")
    before = text[max(0, first.start - 5) : first.start].split()
    if between not in words["weekday_span"] or not before or before[-1].lower() not in words["weekday_span_from"]:
        return
    try:
        day = date.fromisoformat(first_t.value)
    except ValueError:
        return
    wd = c.match.groupdict().get("wd")
    if wd not in weekdays():
        return
    ahead = (weekdays()[wd] - day.isoweekday()) % 7 or 7
    t.value = (day + timedelta(days=ahead)).isoformat()
    t.confidence = first_t.confidence


def _preposition_tense(text: str, start: int) -> str | None:
    """ "seit dem 1. Januar" looks back (PAST); "bis zum 20. Juni", "ab dem 11. Mai" are limits,
    the nearest such day whatever the verb (None), unless a deadline sets them: "Ultimatum bis
    Donnerstag", "Frist bis zum 20. Juni", "bis spätestens Freitag" look ahead (FUTURE); "für
    Freitag", "auf Januar (verschoben)" are appointments ahead (FUTURE);
    "" when the clause's verbs decide."""
    cue = _tense_cues()
    before = _cue_window(text, start)
    if before.endswith(cue["tense_since"]):
        return "PAST"
    if before.endswith(cue["tense_by"]):
        return "FUTURE"
    if before.endswith(cue["tense_limit"]):
        if before.endswith(cue["tense_until"]) and _after_deadline(text, start):
            return "FUTURE"
        return None
    if before.endswith(cue["tense_night"]):  # "in der Nacht auf Sonntag erschossen": a night, no appointment
        return ""
    # "die für Freitag geplante Reise", "auf Januar verschoben" (a whole word)
    if _appointment_ahead(text, start):
        return "FUTURE"
    return ""


def _cue_window(text: str, start: int) -> str:
    """The end of the text before a time, lower-cased, where a ``tense_*`` cue of ``time/rule_words.tsv`` stands."""
    return text[max(0, start - 16) : start].rstrip().lower()


def _appointment_ahead(text: str, start: int) -> bool:
    """Whether the text before a time ends with a ``tense_ahead`` cue ("die für Freitag geplante Reise", "auf
    Januar verschoben"), not a deadline's."""
    cue = _tense_cues()
    before = _cue_window(text, start)
    return (
        before.endswith(cue["tense_ahead"]) or before.endswith(cue["tense_ahead_word_end"]) or before in cue["tense_ahead_word"]
    )


def _day_told_of(text: str, start: int, end: int) -> bool:
    """ "die Proteste vom Sonntag", "das Spiel vom Samstag": a weekday after "vom" (``tense_of``) names a day
    a thing happened, so the one just past (inferred); in a clause that looks ahead it may be either ("Die
    Sitzung vom Donnerstag wird live übertragen", "Die Regierung will die Krawalle vom Sonntag aufklären"): no
    value. Not when it starts a span ("Vom Montag an gilt …", "vom Freitag bis zum Sonntag":
    ``span_on``)."""
    words = rule_words()
    before = text[max(0, start - 4) : start].split()
    after = text[end : end + 6].split()
    if not before or before[-1].lower() not in words["tense_of"]:
        return False
    return not (after and after[0].rstrip(".,;:") in words["span_on"])


@cache
def _tense_cues() -> dict[str, tuple[str, ...]]:
    """The ``tense_*`` slots of ``time/rule_words.tsv`` (the end of the text before a time: "seit dem", "bis zum");
    ``tense_ahead_word_end``: the whole words of ``tense_ahead_word`` after a space (" auf")."""
    cues = {slot: tuple(words) for slot, words in rule_words().items() if slot.startswith("tense_")}
    cues["tense_ahead_word_end"] = tuple(" " + word for word in cues["tense_ahead_word"])
    return cues


def _after_deadline(text: str, start: int) -> bool:
    """Whether one of the three words before "bis" names a deadline ("Ultimatum an Kiew bis")."""
    words = _WORDS.findall(text, max(0, start - 60), start)
    until = _tense_cues()["tense_until"]
    k = max((i for i, w in enumerate(words) if w in until), default=None)
    return k is not None and any(deadline(w) for w in words[max(0, k - 3) : k])


def _sentence_bounds(text: str, offset: int, sentences, starts) -> tuple[int, int]:
    if sentences:
        k = bisect.bisect_right(starts, offset) - 1
        if k >= 0:
            return sentences[k]
    lo = 0
    # look a little past the offset: the full stop's look-ahead must see the capital that starts this sentence
    for m in _SENTENCE_END.finditer(text, max(0, offset - 400), min(len(text), offset + 2)):
        if m.end() <= offset:
            lo = m.end()
    end = _SENTENCE_END.search(text, offset)
    return lo, (end.start() + 1 if end else len(text))


@stage("time", version=VERSION, order=40, requires=("text", "meta", "sentences"), assigns=("times",))
def time(record: Record) -> None:
    """Fill ``record.times`` (the pipeline's ``time`` stage)."""
    published = document_date(record.meta.published)
    spans = [(s.start, s.end) for s in record.sentences]
    record.times = [
        TimeExpression(
            start=t.start,
            end=t.end,
            text=t.text,
            value=t.value,
            mod=t.mod,
            type=t.type,
            sentence=record.sentence_at(t.start),
            confidence=t.confidence,
        )
        for t in tag(record.text, published, sentences=spans)
    ]
