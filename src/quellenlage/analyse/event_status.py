"""The status of an event mention: happened, planned, cancelled, postponed, denied or unknown.

Read from the trigger's sentence with the cue table ``lang/de/events/status.tsv``
(form, status, scope). Every cue that applies counts; the strongest wins
(denied > cancelled > postponed > planned > happened): "das für diesen
Mittwoch geplante Treffen … verschoben" → postponed. A negation in the clause
of a planned or happened cue leaves the status open ("Ein Gipfeltreffen in
Budapest soll nicht zur Debatte stehen" → unknown). A hypothetical cue (the
trigger's clause is conditional or a requirement, or its noun is negated:
"falls eine Einigung vorliege", "Am Ende muss ein Abkommen stehen", "keine
Einigung") is strongest: the mention gets status "hypothetical" (an event that is no fact and
has no time), or a definite one ("wenn das Treffen stattfindet") is left unknown. An indirect question ("ob Merz nach
Paris reist") leaves the status open: unknown. When no cue decides, the
time of the event does, against the publication date: "Am Freitag treffen
sich …" in an article of Wednesday → planned, "Am Montag besuchte …" → happened; on the
publication day itself, planned unless the clause is past ("empfängt Kickl am Montag" in Monday's paper).
Without a usable time the tense of the trigger's clause decides (read by
:func:`.timex_tense.clause_tense`, as for the time tagger): past, perfect or
pluperfect → happened ("Der Staatsbesuch verlief ohne Zwischenfälle"),
"wird/will/soll/plant" → planned. A negation in the trigger's clause leaves a status read from the time or
the tense open ("Ein Treffen … wird es vorerst nicht geben" → unknown). A definite noun that nothing else
decides presupposes its event: "Die IG Metall wertet die Einigung … als Erfolg" → happened.
A noun after "nach"/"seit" in a past clause took place even when the clause is negated ("Nach dem Treffen gab
es keine Einigung": the meeting happened); "nicht nur", "nicht zuletzt" are focus particles, no negation; a present
clause with "seit" before a time expression is going on ("Die Gewerkschaft streikt seit Montag" → happened).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date

from ..lang.de.event_tables import status_cues
from .event_sentence import adjective, word_class
from .konjunktiv import finite_form
from .segment import Word
from .timex_tense import word_mark

PRECEDENCE = ("hypothetical", "open", "denied", "cancelled", "postponed", "planned", "happened")
GAP = "…"
_MAX_GAP = 8  # words between the parts of a separable verb: "sagte das für Freitag geplante Treffen kurzfristig ab"
_BEFORE = 6  # words before the trigger for scope "before": "das für diesen Mittwoch geplante Treffen"
_NEXT = 2  # words before the trigger for scope "next": "keine Einigung", "keine gemeinsame Erklärung"
_CLAUSE_END = frozenset({",", ";", ":", "–", "(", ")"})
_SENTENCE_END = frozenset({".", "!", "?"})
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def strongest(statuses: Iterable[str]) -> str:
    """The status that wins among several mentions of one event, by :data:`PRECEDENCE` ("unknown" last)."""
    order = (*PRECEDENCE, "unknown")
    return min(statuses, key=lambda x: order.index(x) if x in order else len(order), default="unknown")


def match(parts: tuple[str, ...], words: list[Word], at: int) -> list[int] | None:
    """Word indexes of ``parts`` starting at ``words[at]``, or None. After a gap ("…") the next part may come up to
    8 words later in the same clause, before a comma or a conjunction ("sagte das Treffen kurzfristig ab",
    "kamen am Montag in Berlin zusammen")."""
    hits: list[int] = []
    i = at
    gap = False
    for part in parts:
        if part == GAP:
            gap = True
            continue
        limit = min(len(words), i + (_MAX_GAP + 1 if gap and hits else 1))
        found = None
        for k in range(i, limit):
            low = words[k].text.lower()
            if low == part:
                found = k
                break
            if words[k].text in _CLAUSE_END or words[k].text in _SENTENCE_END or low in word_class("conjunction"):
                break
        if found is None:
            return None
        hits.append(found)
        i = found + 1
        gap = False
    return hits


def clause(words: list[Word], at: int) -> range:
    """Word indexes of the clause of ``words[at]``: between the nearest clause punctuation on either side."""
    lo = at
    while lo > 0 and words[lo - 1].text not in _CLAUSE_END:
        lo -= 1
    hi = at
    while hi < len(words) - 1 and words[hi + 1].text not in _CLAUSE_END:
        hi += 1
    return range(lo, hi + 1)


def cue_status(
    words: list[Word], trigger: int, skip: frozenset[str] = frozenset(), tense: str | None = None
) -> tuple[str | None, list[int]]:
    """Status from the cues in a sentence's ``words`` for the trigger at word index ``trigger``,
    and the word indexes of the deciding cue ([] when none decides); cues in ``skip`` (as written in the
    table) do not count. When the trigger's own clause is past (``tense``), a planned cue in another clause
    is another verb's: "Zuvor nahmen Polizisten zwei Iraner fest, die Anschläge geplant haben sollen",
    "Beim Asylgipfel hatte man vereinbart, ein Gutachten abwarten zu wollen" (the arrest, the summit: past)."""
    found: dict[str, list[int]] = {}
    own = clause(words, trigger)
    negations = negations_in(words)
    present = {w.text.lower() for w in words}
    for cue in status_cues():
        if cue.status == "negation" or cue.words[0] not in present or " ".join(cue.words) in skip:
            continue
        for at in range(len(words)):
            hits = match(cue.words, words, at)
            if hits is None:
                continue
            if cue.scope == "self" and hits != [trigger]:
                continue
            if cue.scope == "before" and not (trigger - _BEFORE <= hits[-1] < trigger):
                continue
            if cue.scope == "next" and not (trigger - _NEXT <= hits[-1] < trigger):
                continue
            if cue.scope == "adjective" and hits[-1] != trigger - 1:
                continue
            if cue.scope == "opening" and hits[0] != own[0]:
                continue
            if cue.scope == "clause" and not all(h in own for h in hits):
                continue
            if cue.status == "planned" and tense == "PAST" and not any(h in own for h in hits):
                continue
            if cue.status in ("planned", "happened") and clause_negated(words, hits[0], negations):
                found.setdefault("negated", hits)
                continue
            found.setdefault(cue.status, hits)
    if "factual" in found:  # "auch wenn das Treffen ohne Ergebnis blieb": concessive, not conditional
        found.pop("hypothetical", None)
    for status in PRECEDENCE:
        if status in found:
            return status, found[status]
    if "negated" in found:
        return "unknown", found["negated"]
    return None, []


def negations_in(words: list[Word]) -> list[int]:
    """Word indexes of negations ("nicht", "kein") in ``words``; "nicht" before a ``focus_not`` word is a focus
    particle, no negation: "streikte nicht nur in Wien, sondern auch in Graz", "nicht zuletzt wegen …"."""
    forms = {c.words for c in status_cues() if c.status == "negation"}
    focus = word_class("focus_not")
    return [
        k
        for k, w in enumerate(words)
        if (w.text.lower(),) in forms
        and not (w.text.lower() == "nicht" and k + 1 < len(words) and words[k + 1].text.lower() in focus)
        and not _attributive_not(words, k)
    ]


def _attributive_not(words: list[Word], k: int) -> bool:
    """Whether "nicht" at ``k`` negates only the adjective after it, before its noun: "nach den nicht überragenden
    Ergebnissen", "eine nicht genehmigte Kundgebung" (the clause itself is not negated; "nicht einen Täter", "nicht
    jedem Opfer": an article or a ``determiner``, no adjective, stays a negation)."""
    if words[k].text.lower() != "nicht" or k + 2 >= len(words):
        return False
    word, noun = words[k + 1].text, words[k + 2].text
    if word in word_class("determiner"):  # "nicht jedem Opfer", "nicht den Kopf"
        return False
    return adjective(word) and noun[:1].isupper() and noun.replace("-", "").isalpha()


def _other_conjunct(words: list[Word], a: int, b: int) -> bool:
    """Whether a coordinating word with a finite past verb right after it ("und führte", "aber bekam") stands
    between word indexes ``a`` and ``b``: the two are in different main clauses joined without a comma ("stieß auf
    keine Gegenliebe und führte zu friedlichen Protesten")."""
    lo, hi = min(a, b), max(a, b)
    return any(
        words[j].text.lower() in word_class("coordinating") and word_mark(words[j + 1].text) == "PAST" for j in range(lo + 1, hi)
    )


def clause_negated(words: list[Word], trigger: int, negations: list[int] | None = None) -> bool:
    """Whether a negation stands in the trigger's clause and in its own conjunct ("Der Gipfel fand nicht statt"; not
    "Das Konzept stieß auf keine Gegenliebe und führte zu friedlichen Protesten"). ``negations``: the sentence's
    (:func:`negations_in`), when the caller has them already."""
    own = clause(words, trigger)
    found = negations_in(words) if negations is None else negations
    return any(n in own and not _other_conjunct(words, n, trigger) for n in found)


def _negated_noun(words: list[Word], trigger: int) -> bool:
    """Whether a negation stands in the trigger's own noun phrase, up to three words before it: "nach keinem
    der Treffen", "seit keinem einzigen Anschlag"."""
    negations = negations_in(words)
    lo = max(0, trigger - 3)
    return any(lo <= n < trigger and not any(w.text in _CLAUSE_END for w in words[n:trigger]) for n in negations)


def time_range(value: str | None) -> tuple[date, date] | None:
    """First and last day of a TIMEX value ("2025-10" → Oct 1 … Oct 31; "2025-10-24/2025-10-26")."""
    if not value:
        return None
    first, _, last = value.partition("/")
    a, b = _day_range(first), _day_range(last or first)
    if a is None or b is None:
        return None
    return a[0], b[1]


def _day_range(value: str) -> tuple[date, date] | None:
    week = _WEEK.match(value)
    if week:  # "2023-W41": Monday to Sunday
        try:
            monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        except ValueError:
            return None
        return monday, date.fromordinal(monday.toordinal() + 6)
    m = _DATE.match(value)
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            mo = int(m.group(2))
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None


def tense_status(value: str | None, published: date | None) -> str | None:
    """Status from the event's time against the publication date: before → happened, after → planned;
    "today" when the time is the publication day (the clause's tense decides); None for a longer time around it."""
    if value == "PAST_REF":
        return "happened"
    if value == "FUTURE_REF":
        return "planned"
    span = time_range(value)
    if span is None or published is None:
        return None
    if span[1] < published:
        return "happened"
    if span[0] > published:
        return "planned"
    return "today" if span[0] == span[1] else None


_CLAUSE_STATUS = {"PAST": "happened", "FUTURE": "planned"}
#: Statuses that say the event is not (yet) a fact: never shown as one on a timeline.
NOT_FACTS = frozenset({"hypothetical", "unknown"})


def conditional(words: list[Word], trigger: int) -> bool:
    """Whether the trigger's sentence makes it the consequent of a condition: a conditional clause
    ("wenn", "falls", "sofern": ``condition`` in words.tsv) elsewhere in the sentence, not a concessive
    "auch wenn": "Eine Einigung wird es erst geben, wenn sich beide Präsidenten treffen" (the agreement)."""
    here = clause(words, trigger)
    for k, w in enumerate(words):
        if k in here or w.text.lower() not in word_class("condition"):
            continue
        if k > 0 and words[k - 1].text.lower() in word_class("concessive"):
            continue
        return True
    return False


def verb_first_condition(words: list[Word]) -> bool:
    """Whether the sentence is a condition with the verb first and its consequent after the comma, verb first too:
    "Gewinnt Rapid am Sonntag gegen Sturm, ist der Titel fix", "Kommt es zu keiner Einigung, wird gestreikt" —
    every event of it is hypothetical. Not a question ("?"); the first word a finite verb in the present, not
    before "Sie" ("Kommen Sie, …" bids); the consequent opened by an auxiliary or modal (``consequent_verb``), or
    by "dann"/"so" and any finite verb (``consequent_opener``). So "Treffen, Gipfel und Verhandlungen prägten die
    Woche", "Treffen mit Putin, sagt Merz, gibt es …" and "War der Gipfel ein Erfolg, ist …" are no conditions."""
    texts = [w.text for w in words]
    first = texts[0].lower() if texts else ""
    if len(texts) < 4 or "?" in texts or not texts[0][:1].isupper() or not finite_form(first) or first.endswith("e"):
        return False  # not "Lange hat Microsoft …" ("lange" is also a form of "langen"; a condition's verb is 3rd person)
    if word_mark(first) == "PAST" or texts[1] == "Sie":
        return False  # "War der Gipfel ein Erfolg, ist …" contrasts; "Kommen Sie, sehen Sie …" bids
    comma = next((k for k, t in enumerate(texts) if t == ","), None)
    if comma is None or comma < 2 or comma + 1 >= len(texts):
        return False
    nxt = comma + 1
    if texts[nxt].lower() in word_class("consequent_opener") and nxt + 1 < len(texts):
        return finite_form(texts[nxt + 1])  # "…, dann droht ein Streik"
    # without "dann"/"so", only an auxiliary or modal opens the consequent: "…, ist der Titel fix", "…, wird
    # gestreikt"; not a verb of saying ("Treffen mit Putin, sagt Merz, gibt es …", "Ist das ein Einzelfall, fragt er")
    return texts[nxt] in word_class("consequent_verb")


def status(
    words: list[Word],
    trigger: int,
    time_value: str | None = None,
    published: date | None = None,
    tense: str | None = None,
    skip: frozenset[str] = frozenset(),
    presupposed: bool = False,
    time_confidence: str = "stated",
    dated: bool = False,
    after: bool = False,
    ongoing: bool = False,
) -> tuple[str, str]:
    """The status of the trigger at ``words[trigger]`` and how it was read (``stated`` or ``inferred``).

    ``words``: its sentence; ``tense``: its clause's, from :func:`.timex_tense.clause_tense`; ``skip``: cues
    that do not count, see :func:`cue_status`; ``presupposed``: a definite noun, "die Einigung", whose event
    has taken place when nothing else decides; ``time_confidence``: the event time's own confidence;
    ``after``: a noun trigger in a frame that looks back on it ("nach dem Treffen", "seit dem Anschlag");
    ``ongoing``: the trigger's clause has "seit" before a time expression ("streikt seit Montag").

    Precision first, in this order: an explicit cue of the sentence ("abgesagt", "falls", "keine");
    a consequent of a condition in a clause that is not past (hypothetical); a negation in the trigger's
    clause (unknown) — stated. Then the event's time against the publication day (as confident as the time
    itself; "sind am Sonntag … zusammengekommen" is decided before by its past participle), the
    tense of the clause ("verlief" happened, "wird … stattfinden" planned; stated), and a presupposing
    definite noun (inferred).
    """
    decided, _ = cue_status(words, trigger, skip, tense)
    if decided == "open":  # "Ob Merz nach Paris reist, ist offen": the event is in question, its status unknown
        return "unknown", "stated"
    if decided is not None:
        return decided, "stated"
    if tense != "PAST" and conditional(words, trigger):  # "…, wenn sich beide Präsidenten treffen" (the consequent)
        return "hypothetical", "stated"
    if tense != "PAST" and verb_first_condition(words):  # "Gewinnt Rapid gegen Sturm, ist der Titel fix"
        return "hypothetical", "stated"
    if after and tense == "PAST" and not _negated_noun(words, trigger):
        # "Nach dem Treffen gab es keine Einigung": a past clause's negation denies what followed the frame, not the
        # frame's event, which it presupposes (an explicit cue, a condition or a Konjunktiv II still decide first)
        return "happened", "inferred"
    if clause_negated(words, trigger):  # "Ein Treffen … wird es vorerst nicht geben"
        return "unknown", "stated"
    if ongoing and tense == "PRESENT":
        # "Die Gewerkschaft streikt seit Montag", "verhandelt seit einem Jahr mit Ikea": a present that began at a
        # past point is going on, which the gold guide counts as happened; never ahead
        return "happened", "stated"
    if time_value is None and tense == "PRESENT" and dated:
        # "Am Mittwoch steht zum Abschluss der Gruppenspiele …", "Dort ist Rapid am 18. Februar im Hinspiel zu Gast"
        # with no publication date: a present verb with a day it cannot place is news of what is ahead
        return "planned", "inferred"
    by_time = tense_status(time_value, published)
    if by_time == "today":  # "Van der Bellen empfängt Kickl am Montag" in Monday's paper: ahead, unless told as past
        return ("happened", "stated") if tense == "PAST" else ("planned", "inferred")
    if by_time is not None:
        return by_time, time_confidence if time_confidence != "unknown" else "inferred"
    if tense in _CLAUSE_STATUS:  # "Der Staatsbesuch verlief ohne Zwischenfälle"
        return _CLAUSE_STATUS[tense], "stated"
    if presupposed:
        return "happened", "inferred"
    return "unknown", "unknown"
