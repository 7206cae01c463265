"""The events stage: meetings, talks, visits, plans … with participants, place, time, status and evidence.

Reads what the earlier stages wrote: sentences and tokens (segment), entities,
times and statements (gathered per sentence by :mod:`.event_sentence`). Along
the data path (every rule, with its German example, in docs/events.md):

1. triggers (:mod:`.event_triggers`, ``lang/de/events/triggers.tsv``);
2. per sentence, one candidate per trigger (:func:`_candidate`): participants
   and place (:mod:`.event_parties`:
   PER/ORG, a country used as an actor, "zwischen A und B", "er"; groups
   without an entity such as "hochrangige Mitglieder der Trump-Regierung";
   not the statement's sources, except the speaker of an act of saying; a
   place after "in"/"nach"/"bei", a venue after "im", a visited place), time (the
   nearest time expression not nearer another trigger), status
   (:mod:`.event_status`) and a postponement's new time, evidence and
   modality (a source's word: quoted, indirect, hedged or a claim; the outlet's
   own otherwise), sources (the statements' source chains). Triggers of one
   event merge (:func:`_one_event`): "getroffen und … diskutiert", "ein Abkommen
   … unterzeichnet", "reist zu Gesprächen". A cancellation or postponement cue
   that no event of its sentence takes is an event of its own;
3. clustering across sentences (:func:`_cluster`): the Miami meeting of lead,
   body and caption is one event. A candidate joins an earlier event of its
   family when their participants are one a subset of the other and place and
   time agree; a definite description ("Das geplante Treffen", "Ein solches
   Treffen", "Die Unterzeichnung") refers to the last event of its kind, and a
   cancellation, postponement or denial in its sentence becomes a
   :class:`StatusChange` with its time ("am 25. Oktober von Trump abgesagt"); an
   indefinite one ("Ein Gipfeltreffen") is a new event. The mentions of a plan
   are one plan, with points, topics, authors and inspiration
   (``events/plan.tsv``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from ..lang import de
from ..lang.de.entity_tables import outlets
from ..lang.de.event_tables import plan_words, status_cues
from ..lang.de.time_tables import weekdays
from ..record import Event, EventTime, Mention, PlanDetails, Record, Statement, StatusChange, TimeExpression
from . import event_claims, event_status, event_status_model, event_triggers, segment
from .attribution_cues import speech_forms
from .event_parties import groups, participants, place_of, visited
from .event_sentence import AnnotatedSentence, adjective, is_modifier, read_sentences, word_class
from .event_triggers import Trigger, family
from .stages import stage
from .time import document_date
from .timex_tense import clause_tense, words_tense

#: Bump when the events this stage produces change.
VERSION = 21  # 21: the occasion of an act ("bei", "beim", "während" before a noun trigger) takes none of its clause's announcing or demanding cues ("hat heute bei einem Besuch in Bagdad den Abzug angekündigt": the visit happened); "fordern" with a toll of lives in its clause demands nothing ("Zwölf Todesopfer forderte ein Taifun"); a compound of "Beinahe-" (near_miss) names an event that did not take place (hypothetical); the reason of a clause ("wegen", "aufgrund", "infolge" before a noun trigger) takes none of its clause's cancellation, postponement or denial ("Wegen des Streiks wurden 300 Flüge gestrichen": the strike took place, it was cancelled); a time expression inside a page's time stamp (datelines VERSION 2) is no event's time; 20: recall of the lowest general-news types (SmartData train, tune misses, check corpus): buying into a company ("eingestiegen", "Einstieg") and the sale of a company or a stake ("Verkauf") with a word of shares or a stake, a company right after "Übernahme"/"Verkauf" and one describing noun ("die Übernahme von Oculus VR"), an announced deal is planned unless a word says it is done ("verkündete die Übernahme"; not "gab den Abschluss der Übernahme bekannt"), a number sizes layoffs ("90 Entlassungen": one event, no statistic; "zählte … 30.000 Entlassungen" is one), retirement ("geht in Pension"), "Urabstimmung", attributive participles of a dismissal ("der zurückgetretene Minister", happened), "übernimmt die Geschäftsführung" (an office, no company), "Landtagsmandat" as an office; a result named as a game ("mit einem 5:1 gegen Newcastle", one match with the win of its clause), a result by sets ("5:7,6:3,11:9") is a score, "als neuen Cheftrainer"; a takeover bid ("Übernahmeangebot") is planned. After a blind review, dropped: "folgte … nach", "entlassene", the separable "stieg … bei … ein", the status rows "bot … an", "lehnte … ab", "Umfragen zufolge", and a failed deal as cancelled; 19: false facts found on the check corpus: a verb-first condition ("Gewinnt Rapid gegen Sturm, ist der Titel fix") is hypothetical, "niemand"/"keiner" negate their clause, a rumoured or speculated event ("Gerüchte über einen Rücktritt") is hypothetical; 18: status round (issue 13): a present result with its score, a score compound, a present "verurteilt … zu … Haft", a chronicle line, a state ("befindet sich zu einem Besuch", "heißt es in einer Erklärung") are happened (inferred); "nicht" before an adjective and a negation in another "und"-conjunct are not the clause's; "bekannten sich" is past; 17: recall chosen on the check corpus: casualties as context for "Brand" and crash verbs, court penalties and verdicts as ruling context, offices beside "gewählt", attributive "festgenommene"; 16: where the rules leave a status open, the learned status model may read it (inferred; models/status-de); 15: past forms of "-ern"/"-eln" verbs ("scheiterte", "verhandelt") and of event verbs verbs.txt lacks ("vereinbart"); a "nach" frame in a past clause happened despite the clause's negation ("Nach dem Treffen gab es keine Einigung"); 14: "vor der Wahl" in a clause not past is ahead; a habit ("stets") is no single event; "Unwettern und Überschwemmungen" and "brannte …, den Brand" are one event; 13: every event keeps its claims (one per mention: status, statement, kind, sources) and takes its status from them; unknown and disputed when different sources contradict each other; 12: a capitalised adjective that opens the sentence begins a group ('Westliche Diplomaten'); the inspiration where the cue's own preposition puts it ('an den Marshallplan angelehnt', 'nach dem Vorbild der Schweiz'); 11: 'verhängen' is sanctions only with a word of sanctions; 10: a briefing participle with 'sein' is a state ('war informiert'); 'unterrichtet' needs context; 9: 'treffen' needs a partner too (no 'eine Entscheidung treffen', 'treffen auf Frankreich'); 8: a present verb with a weekday no date can place is planned (inferred); 7: the general-news lexicon (round 3), statistics and look-alikes are no events; 6: status from the trigger's own clause when it is past, verb-first conditions, a stated past over a plan; 4: hypothetical status kept, confidence, general-news types, datelines, one event per repeated mention; 5: issue 15 real-news recall rules (compound context heads, scores, intent compounds, predicative nouns, verdicts, "bevor", "bis zum")

#: Types that may describe one and the same event.
_ARTICLE_WINDOW = 6
#: The longest sentence (in words) whose events the rules read. Each trigger's rules look over its whole
#: sentence, so a "sentence" of thousands of words (a text without full stops: a list, a table, a page run into
#: one line) would cost the square of its length (435 triggers in 20,000 characters: 30 s); the longest
#: sentences of news have some 150 words.
MAX_SENTENCE_WORDS = 400
#: Types whose sentence's time belongs to another event: "in Miami getroffen und einen 28-Punkte-Friedensplan diskutiert".
_UNTIMED = frozenset({"plan"})
#: Types whose sentence's place is not theirs: a plan is written somewhere, not held there.
_UNPLACED = frozenset({"plan"})
#: Types whose time may be a duration: "binnen 24 Stunden".
_SPANNED = frozenset({"deadline"})
#: Types whose noun counts what one event affects, not events: "90 Entlassungen", "2.000 Stellenstreichungen" are
#: one round of job cuts of that size, neither a statistic (``_tally``) nor several events (``_counted``).
_SIZED = frozenset({"layoffs"})
#: Types of deals that an announcement agrees before they are completed (``_announced_deal``).
_DEALS = frozenset({"acquisition"})
_POINTS = re.compile(r"(\d+)-(\w+)")
#: General-news types an article usually tells one of: a mention of the type without conflicting parties, place or
#: time is the event told before (``_joins``).
_ONE_PER_STORY = frozenset({"strike", "protest", "disaster", "accident", "insolvency", "layoffs", "acquisition", "ruling"})
#: Statuses that change an event, recorded as a StatusChange with their evidence.
_CHANGES = frozenset({"cancelled", "postponed", "denied"})
#: Types that are themselves acts of saying: a narrated "forderten in einer Erklärung" tells that the act took place.
_ACTS = frozenset({"statement", "briefing", "deadline"})


@dataclass
class SentenceEvent:
    """An event as one sentence tells it."""

    type: str
    sentence: int
    triggers: list[Trigger]
    participants: list[str] = field(default_factory=list)
    groups: list[Mention] = field(default_factory=list)
    place: str | None = None
    time: TimeExpression | None = None
    target: TimeExpression | None = None  # a postponement's new time: "auf kommende Woche verschoben"
    status: str = "unknown"
    confidence: str = "unknown"  # how the status was read: stated, inferred, unknown
    agent: str | None = None
    evidence: list[Statement] = field(default_factory=list)
    reported: bool = False
    definite: bool = False
    indefinite: bool = False
    another: bool = False  # "dem anschließenden Massaker", "ein weiterer Anschlag": not the event told before
    several: bool = False  # "die zehn EM-Qualifikationsspiele": several events of the kind
    predicative: bool = False  # "Es war ein sehr produktives Treffen", "dass das ein Fehlurteil war": the event told before
    ahead: bool = False  # told as ahead: a future clause or a time after publication ("Die Wahl am Sonntag wird …")
    # "Bei schweren Unwettern und Überschwemmungen": the word of the noun trigger of its type it is coordinated with
    coordinated_with: int | None = None
    # what the status rules read (its clause's tense, its time against the publication day, their flags), for the
    # learned reading where they leave the status open (:mod:`.event_status_model`)
    tense: str | None = None
    by_time: str | None = None
    status_flags: tuple[str, ...] = ()
    learned: bool = False  # the status is the learned model's, not the rules'
    # the status rules found nothing to read (event_status.status fell through); False where a rule chose "unknown"
    open: bool = False


@dataclass
class EventCluster:
    """One event with every sentence event that tells it (``candidates``, in text order)."""

    candidates: list[SentenceEvent]
    changes: list[StatusChange] = field(default_factory=list)

    @property
    def first(self) -> SentenceEvent:
        return self.candidates[0]

    def participants(self) -> set[str]:
        return {p for c in self.candidates for p in c.participants}

    def place(self) -> str | None:
        return next((c.place for c in self.candidates if c.place), None)

    def time(self) -> TimeExpression | None:
        """The most precise time that agrees with the first one told ("Ende Oktober", then "vom 24. bis zum 26.
        Oktober"); a later time outside it is another event's ("sagte ein Regierungssprecher am Mittwoch")."""
        dated = [c.time for c in self.candidates if c.time is not None and c.time.value]
        if not dated:
            return None
        first = event_status.time_range(dated[0].value)
        if first is None:
            return max(dated, key=lambda t: len(t.value or ""))
        inside = [(t, r) for t in dated if (r := event_status.time_range(t.value)) and first[0] <= r[0] and r[1] <= first[1]]
        return min(inside, key=lambda x: x[1][1] - x[1][0])[0]

    def sentences(self) -> set[int]:
        return {c.sentence for c in self.candidates}


# --- one sentence's candidates ------------------------------------------------------------------------------------


def _predicative(s: AnnotatedSentence, trigger: int, article: int) -> bool:
    """An indefinite noun after a copula ("Es war ein sehr produktives Treffen") or before one at the end of its
    clause ("dass das ein Fehlurteil war", "dass es ein Fehlurteil gewesen sei"): it says what an event told
    before was, and is no new one."""
    if article > 0 and s.words[article - 1].text.lower() in word_class("copula"):
        return True
    after = trigger + 1
    verbs = word_class("copula") | word_class("copula_end")
    while after < len(s.words) and after <= trigger + 2 and s.words[after].text.lower() in verbs:
        after += 1
    return after > trigger + 1 and (after == len(s.words) or s.words[after].text in {".", ",", ";", ":", "!", "?", "–"})


def _words_before(s: AnnotatedSentence, trigger: int):
    """(index, lower-cased word) of the words before a noun trigger, nearest first, within the article window and
    up to clause punctuation: where its article stands."""
    for k in range(trigger - 1, max(-1, trigger - 1 - _ARTICLE_WINDOW), -1):
        if s.words[k].text in {",", ".", ":", ";"}:
            return
        yield k, s.words[k].text.lower()


def _article(s: AnnotatedSentence, trigger: int) -> tuple[bool, bool]:
    """(definite, indefinite) from the nearest article before a noun trigger: "Das geplante Treffen", "Ein Gipfeltreffen"."""
    for k, low in _words_before(s, trigger):
        if low in word_class("bare_after") and all(adjective(w.text) for w in s.words[k + 1 : trigger]):
            break  # "Das funktioniert über Gespräche": a bare noun after its preposition; "Das" is the subject
        if low in de.function_words("indefinite_article"):  # "Es war ein sehr produktives Treffen": predicative
            return False, not _predicative(s, trigger, k)
        if low in word_class("demonstrative") and not all(adjective(w.text) for w in s.words[k + 1 : trigger]):
            continue  # "Dieser könnte … Sanktionen beschließen": a pronoun, not the noun's determiner
        if low in word_class("definite"):
            return True, False
    return False, False


def _indefinite_before(s: AnnotatedSentence, trigger: int) -> bool:
    """Whether the nearest article-like word before a noun trigger is an indefinite one (see :func:`_article`)."""
    for _, low in _words_before(s, trigger):
        if low in de.function_words("indefinite_article"):
            return True
        if low in word_class("definite"):
            return False
    return False


_NUMBER = re.compile(r"^\d+$")


def _before_adjectives(s: AnnotatedSentence, trigger: int) -> int:
    """The index of the word before a noun trigger and its adjectives ("die zehn neuen Spiele" → "zehn"), -1 if none."""
    k = trigger - 1
    while k >= 0 and adjective(s.words[k].text):
        k -= 1
    return k


def _counted(s: AnnotatedSentence, trigger: int) -> bool:
    """ "die zehn EM-Qualifikationsspiele", "drei Anschläge", "12 Unfälle": a number of two or more before a noun
    trigger (adjectives may stand between) names several events, not the one told before."""
    k = _before_adjectives(s, trigger)
    if k < 0:
        return False
    low = s.words[k].text.lower()
    if _NUMBER.match(low):
        return int(low) >= 2
    return low in word_class("count")


def _tally(s: AnnotatedSentence, trigger: int, sized: bool = False) -> bool:
    """A count of many events, a statistic and no event of the news: "Im Rahmen der 48 Plenarsitzungen", "die
    bisherigen zwölf Aufeinandertreffen", "Hunderte Anschläge", "die Zahl der Sitzungen" — a number of ten or more
    or a ``tally`` word before a noun trigger (adjectives may stand between), or a ``tally_head`` noun with an
    article right before it ("Zahl der", "Anzahl der"). "drei Anschläge" are events (several). A ``sized`` noun
    (:data:`_SIZED`: "90 Entlassungen", "Tausende Entlassungen") takes a number as its size; "die Zahl der Entlassungen"
    stays a statistic, and so does a sized noun in a clause with a ``tally_verb`` ("zählte … 30.000 Entlassungen")."""
    if (
        trigger >= 2
        and s.words[trigger - 1].text.lower() in word_class("article")
        and s.words[trigger - 2].text.lower() in word_class("tally_head")
    ):
        return True
    if sized and _clause_has(s, trigger, "tally_verb"):
        return True  # "Im Jahr zählte die Arbeitsagentur 30.000 Entlassungen": a statistic
    k = _before_adjectives(s, trigger)
    if k < 0 or sized:
        return False
    low = s.words[k].text.lower()
    if _NUMBER.match(low.replace(".", "")) and not low.endswith("."):  # "48", "7.000"; not the ordinal "21."
        n = int(low.replace(".", ""))
        before = s.words[k - 1].text.lower() if k > 0 else ""
        # a year is no count: "das für den 21. November 2025 geplante Treffen", "die WM 2006"
        return n >= 10 and not (1000 <= n <= 2100 and "." not in low) and before not in de.months()
    return low in word_class("tally")


def _target_time(s: AnnotatedSentence) -> TimeExpression | None:
    """The time after "auf" (an article may stand between): "auf kommende Woche", "auf den 3. März"."""
    for t in s.times:
        k = s.word_at(t.start)
        if k is None or not t.value:
            continue
        before = [w.text.lower() for w in s.words[max(0, k - 2) : k]][::-1]
        if before[:1] == ["auf"] or (before[:1] and before[0] in word_class("article") and before[1:2] == ["auf"]):
            return t
    return None


def _of_a_noun(s: AnnotatedSentence, t: TimeExpression) -> bool:
    """ "auf einen Haushalt für 2024", "in einer Fernsehansprache für den nächsten Tag": a time after a noun and
    "für" says what the noun is for, not when (not at the start of the sentence: "Für Montag ist … geplant")."""
    k = s.word_at(t.start)
    if k is not None and k > 0 and s.words[k - 1].text.lower() in word_class("article"):  # "für den nächsten Tag"
        k -= 1
    if k is None or k < 3 or s.words[k - 1].text.lower() not in word_class("for"):
        return False
    noun = s.words[k - 2].text
    return noun[:1].isupper() and noun.isalpha()


def _until(s: AnnotatedSentence, k: int) -> bool:
    """ "bis zum Turnier", "bis zur nächsten Wahl": a noun trigger after "bis" and an article (``until`` then
    ``until_article``; adjectives may stand between) is the end of a stretch of time; in a clause not in the past
    it is still ahead."""
    j = k - 1
    while j >= 0 and adjective(s.words[j].text):
        j -= 1
    return (
        j >= 1 and s.words[j].text.lower() in word_class("until_article") and s.words[j - 1].text.lower() in word_class("until")
    )


def _after_word(s: AnnotatedSentence, k: int, kind: str) -> bool:
    """Whether a noun trigger at word ``k`` follows a word of class ``kind`` (articles, numbers and adjectives
    may stand between): "wegen des Betruges" (reason), "nach einem Unfall" (after_event)."""
    return _word_before(s, k, kind) is not None


def _word_before(s: AnnotatedSentence, k: int, kind: str) -> int | None:
    """The index of the word of class ``kind`` that a noun trigger at word ``k`` follows (see :func:`_after_word`),
    None when there is none."""
    articles = word_class("definite") | de.function_words("indefinite_article")
    j = k - 1
    while j >= 0 and k - j <= 4:
        word = s.words[j].text.lower()
        if word in word_class(kind):  # before the article test: "beim" is a preposition with its article
            return j
        if word not in articles and not adjective(s.words[j].text):
            return None
        j -= 1
    return None


def _after_event(s: AnnotatedSentence, k: int) -> bool:
    """A noun trigger after "nach", "infolge", "seit" (``after_event``; articles, numbers and adjectives may stand
    between): what follows it presupposes it took place ("Nach einem Unfall ist die A1 gesperrt"), unless the word
    before looks for it (``after_not`` up to three words before: "die Suche nach einem Käufer", "der Ruf nach einem
    Streik", "sucht weiter nach einer Einigung")."""
    if not _after_word(s, k, "after_event"):
        return False
    j = next(j for j in range(k - 1, -1, -1) if s.words[j].text.lower() in word_class("after_event"))
    # "sucht weiter nach einer Einigung": a word that looks for it up to three words before
    return not any(w.text.lower() in word_class("after_not") for w in s.words[max(0, j - 3) : j])


def _before_clause(s: AnnotatedSentence, k: int) -> bool | None:
    """For word ``k`` in a clause opened by "bevor"/"ehe" (``before_clause``) in the perfect (an auxiliary of
    ``perfect_aux``): True when the rest of the sentence is not in the past, the perfect tells what is still
    ahead ("Bevor das Urteil gefallen ist, will sich der Minister nicht äußern"); False after a past main clause,
    it may never have happened ("Die Polizei hat den Mann festgenommen, bevor er die Bank überfallen hat"). None
    elsewhere, and for the narrative past: "Bevor er 2010 zurücktrat, war er Minister" (the other rules decide)."""
    span = event_status.clause(s.words, k)
    if s.words[span.start].text.lower() not in word_class("before_clause"):
        return None
    if not any(s.words[j].text.lower() in word_class("perfect_aux") for j in span):
        return None
    rest = [w.text for j, w in enumerate(s.words) if j not in span and w.text.isalpha()]
    return not rest or words_tense(rest) != "PAST"


def _nearest_time(
    s: AnnotatedSentence, trigger: Trigger, rivals: list[Trigger], exclude: TimeExpression | None = None
) -> TimeExpression | None:
    """The time expression nearest the trigger and not nearer another trigger of the sentence ("am Mittwoch im
    Bundestag eine Regierungserklärung zum bevorstehenden EU-Gipfel": Mittwoch is the statement's). A date
    before PAST_REF/FUTURE_REF ("Die bislang letzte Verhandlungsrunde war Anfang Dezember"), and a duration
    only for a deadline ("binnen 24 Stunden"; not "eine viertägige Feuerpause")."""

    def distance(t: TimeExpression, at: int) -> int:
        return abs(t.start - at)

    usable = [
        t
        for t in s.times
        if t.value
        and t.value != "PRESENT_REF"
        and t is not exclude
        and (t.type != "DURATION" or trigger.type in _SPANNED)
        and all(distance(t, trigger.start) <= distance(t, r.start) for r in rivals)
        and not _of_a_noun(s, t)
    ]
    return min(usable, key=lambda t: ((t.value or "").endswith("_REF"), distance(t, trigger.start)), default=None)


def _evidence(s: AnnotatedSentence, trigger: Trigger) -> list[Statement]:
    inside = [st for st in s.statements if st.start <= trigger.start < st.end]
    return inside or s.statements


def _rests_on_source(st: Statement, trigger: Trigger) -> bool:
    """Whether the event a trigger inside ``st`` names is a source's word rather than the outlet's.

    Quoted, in indirect speech, hedged ("sollen sich getroffen haben") or a claim ("laut Axios", "nach Angaben
    des Weißen Hauses") → a source's; a narrated act of saying, with the events it names, is the outlet's:
    "forderten in einer Erklärung", "erklärte Juncker das Scheitern des EU-Gipfels", "bestätigte der Minister
    nach Gesprächen der OPEC-Staaten".
    """
    if st.hedged or st.kind in ("direct_quote", "indirect_speech"):
        return True
    if st.kind != "reported":
        return False
    cue = st.cue.text.split()[0].lower() if st.cue and st.cue.text.strip() else ""
    return cue not in speech_forms()


#: The event type a cancellation or postponement without an event of ours to change is.
_STANDALONE = {"cancelled": "cancellation", "postponed": "postponement"}


def _standalone(s: AnnotatedSentence) -> list[Trigger]:
    """Cancellations and postponements of something that is no event type of ours ("die Großdemonstration …
    abgesagt", "den Kabinettsbeschluss … vertagt"): the cue itself is the trigger (``standalone`` in words.tsv)."""
    forms = word_class("standalone")
    present = {w.text.lower() for w in s.words}
    out = []
    for cue in status_cues():
        if cue.status not in _STANDALONE or cue.words[0] not in present or " ".join(cue.words) not in forms:
            continue
        for at in range(len(s.words)):
            if event_status.match(cue.words, s.words, at) is not None:
                w = s.words[at]
                out.append(Trigger(w.start, w.end, _STANDALONE[cue.status], s.index, "verb", s.first + at, w.text))
                break
        if out:
            break
    return out


def _head_in(word: str, words: frozenset[str] | set[str]) -> bool:
    """Whether ``word`` (lower-cased) is one of ``words`` or a compound ending in one ("PKK-Kämpfer",
    "Talibankämpfer", "Tageszeitung")."""
    low = word.lower()  # a short word only as itself: "ARD" is no head of "Gerhard", "ORF" none of "Dorf"
    return low in words or any(len(w) >= 6 and low.endswith(w) and len(low) - len(w) >= 3 for w in words)


def _combat(s: AnnotatedSentence) -> bool:
    """Whether the sentence tells armed combat (``combat`` in words.tsv): "Seit Beginn der Offensive wurden 680
    PKK-Kämpfer getötet", "wurden 35 Talibankämpfer getötet"."""
    return any(_head_in(w.text, word_class("combat")) for w in s.words if w.text[:1].isupper())


def _im_idiom(s: AnnotatedSentence, k: int) -> bool:
    """ "im" + an ``idiom_im`` noun: with no "mit"/"zwischen" after it, being considered ("Sobotka war als
    Finanzminister im Gespräch"); "im Gespräch mit" a newspaper, broadcaster or agency (``interviewer``) is an
    interview ("so Kurz im Gespräch mit dem Standard"). "im Gespräch mit Macron" stays talks."""
    if s.words[k].text.lower() not in word_class("idiom_im") or k == 0 or s.words[k - 1].text.lower() != "im":
        return False
    nxt = s.words[k + 1].text.lower() if k + 1 < len(s.words) else ""
    if nxt not in word_class("idiom_im_with"):
        return True
    # the partner's name may run over several words ("der Frankfurter Allgemeinen Sonntagszeitung", "der ZiB2 des
    # ORF-Fernsehens"): any of them an interviewer or a known outlet or agency
    outlets = _outlet_words()
    for j in range(k + 2, min(len(s.words), k + 7)):
        w = s.words[j].text
        if w in _CLAUSE_PUNCT:
            break
        if (w[:1].isupper() or w.isupper()) and (
            _head_in(w, word_class("interviewer")) or w.lower() in outlets or w.split("-")[0].lower() in outlets
        ):
            return True
    return False


_CLAUSE_PUNCT = frozenset({",", ";", ":", ".", "!", "?", "–"})


@cache
def _outlet_words() -> frozenset[str]:
    """Outlets and agencies (``outlets.tsv`` as the entities stage reads it, ``agencies.tsv``) as lower-case single
    words: "standard", "orf", "apa"."""
    names = set(outlets()) | set(de.agencies())
    return frozenset(n.lower() for n in names if " " not in n)


def _idiom(s: AnnotatedSentence, k: int) -> bool:
    """ "nun ist von Ende Mai die Rede", "als von einer Verschiebung die Rede war": "die" + a noun trigger at the
    end of its clause, an auxiliary may follow (``idiom_end``, ``idiom_aux``); "im Gespräch" (``_im_idiom``); "ins
    Treffen führen" (``idiom_ins``)."""
    if _im_idiom(s, k):
        return True
    if k > 0 and s.words[k - 1].text.lower() == "ins" and s.words[k].text.lower() in word_class("idiom_ins"):
        return True  # "führen ein weiteres Argument ins Treffen": put forward (Austrian), no meeting
    if s.words[k].text.lower() not in word_class("idiom_end") or k == 0 or s.words[k - 1].text.lower() != "die":
        return False
    clause = [s.words[j].text.lower() for j in event_status.clause(s.words, k)]
    if word_class("idiom_turn") & set(clause) and word_class("idiom_to") & set(clause[clause.index(s.words[k].text.lower()) :]):
        return True  # "Kaum kommt die Rede darauf", "als die Rede auf den Haushalt kam": the talk turned to it
    after = k + 1
    if after < len(s.words) and s.words[after].text.lower() in word_class("idiom_aux"):
        after += 1
    return after == len(s.words) or s.words[after].text in {".", ",", ";", ":", "!", "?"}


def _counterfactual(s: AnnotatedSentence, k: int, t: Trigger) -> bool:
    """A Konjunktiv II auxiliary in the trigger's clause ("hätte", "wäre": ``counterfactual`` in words.tsv) outside
    any reported statement: "Spiele, die die Austria wohl verloren hätte", "Ohne ihn wäre das Treffen geplatzt".
    Inside indirect speech the same forms stand in for Konjunktiv I ("Er sagte, sie hätten sich getroffen")."""
    if any(st.kind in ("indirect_speech", "reported") and st.start <= t.start < st.end for st in s.statements):
        return False
    return _clause_has(s, k, "counterfactual")


def _near_miss(t: Trigger) -> bool:
    """A compound whose first part says the event did not take place: "Beinahe-Insolvenz", "Beinaheunfall"
    (``near_miss``)."""
    low = t.text.lower()
    return t.kind == "noun" and any(low.startswith(p) and len(low) > len(p) + 3 for p in word_class("near_miss"))


def _state_passive(s: AnnotatedSentence, k: int) -> bool:
    """A participle with a form of "sein" and no "werden" in its clause: a state ("war über das Ausmaß informiert"),
    not the act ("ist informiert worden", "wurde informiert")."""
    words = {s.words[j].text.lower() for j in event_status.clause(s.words, k)}
    return bool(words & word_class("state_aux")) and not words & word_class("passive_aux")


def _talked_about(s: AnnotatedSentence, k: int) -> bool:
    """ "Zuerst war von Neuwahlen die Rede", "ist von einem Treffen im Mai die Rede": a noun after "von" with
    "die Rede" later in its clause is what people talk about, not an event the text tells."""
    if not any(w.text.lower() == "von" for w in s.words[max(0, k - 3) : k]):
        return False
    words = [s.words[j].text.lower() for j in event_status.clause(s.words, k) if j > k]
    return any(a == "die" and b in word_class("idiom_end") for a, b in itertools.pairwise(words))


def _bare(s: AnnotatedSentence, t: Trigger) -> SentenceEvent:
    """A trigger as a candidate of its own, for :func:`_one_event`."""
    return SentenceEvent(t.type, s.index, [t])


def _reported_on(s: AnnotatedSentence, k: int) -> bool:
    """ "Berichte über ein geheimes Treffen …": an event named as the subject of reports rests on them."""
    for j in range(max(0, k - 5), k - 1):
        if s.words[j].text.lower() in word_class("report_noun") and s.words[j + 1].text.lower() in word_class("about"):
            return not any(w.text in {",", ";", ":"} for w in s.words[j:k])
    return False


def _in_context(s: AnnotatedSentence, k: int, t: Trigger) -> bool:
    """Whether an ambiguous trigger form (``ambiguous`` in words.tsv) has a word of its type's context in its
    sentence: "wurde zu fünf Monaten Haft verurteilt" is a ruling, "verurteilte den Anschlag scharf" none; "Das
    Spiel endete 2:1" is a match, "steht auf dem Spiel" none. Other forms always are."""
    if t.text.lower() not in word_class("ambiguous"):
        return True
    context = word_class(f"context_{t.text.lower()}") or word_class(f"context_{t.type}")
    heads = context & word_class("context_head")
    for j, w in enumerate(s.words):
        low = w.text.lower().rstrip(".,;:!?")  # "1:1."
        if j == k:
            continue
        if low in context or (heads and w.text[:1].isupper() and any(low.endswith(h) for h in heads)):
            return True  # "als Pressesprecher … gewechselt", "Das Verwaltungsgericht stoppte …": a compound's head
        if t.type in word_class("score_context") and _score(s, j):
            return True
    return t.kind == "noun" and _company_object(s, k, t.text.lower())


def _company_object(s: AnnotatedSentence, k: int, noun: str) -> bool:
    """Whether a noun of a deal (``company_object`` in words.tsv: "Übernahme", "Verkauf") has a company as its
    object: "von"/"des"/"der" right after it (for a sale also "an": the buyer), then at most an article, adjectives
    and one word that describes it right before an organisation: "die Übernahme von Oculus VR", "die Übernahme des
    Asset-Managers Pamera", "bei ihrem Verkauf an die Lufthansa". "Übernahme der Verantwortung", "Verkauf von
    Tickets" name no company."""
    if noun not in word_class("company_object") or k + 2 >= len(s.words):
        return False
    link = s.words[k + 1].text.lower()
    if link not in word_class("company_link") and not (link == "an" and noun in word_class("company_sale")):
        return False
    # an organisation that starts a word and runs to its end at least ("Oculus VR"; not "EU" in "EU-Präsidentschaft")
    orgs = {
        at
        for m, _, etype in s.mentions
        if etype == "ORG" and (at := s.word_at(m.start)) is not None and m.start == s.words[at].start and m.end >= s.words[at].end
    }
    j, described = k + 2, False
    while j < len(s.words) and j <= k + 6:
        w = s.words[j].text
        if j in orgs:
            return True
        if described:
            return False  # "des Vorsitzes der SPD", "von Eintrittskarten des FC Bayern": the organisation owns the object
        if w.lower() in word_class("article") or adjective(w):
            j += 1
            continue
        if w[:1].isupper():  # "des Asset-Managers Pamera": one describing noun right before the organisation
            described = True
            j += 1
            continue
        return False
    return False


def _score(s: AnnotatedSentence, j: int) -> bool:
    """A result between two sides, "3:1", "32:31" (not a clock time: "10:30 Uhr")."""
    if not event_triggers.SCORE.match(s.words[j].text.rstrip(".,;:!?")):
        return False
    return not (j + 1 < len(s.words) and s.words[j + 1].text.lower() in word_class("clock"))


def _has_partner(s: AnnotatedSentence, k: int, c: SentenceEvent) -> bool:
    """Whether "treffen" at word ``k`` has someone to meet: "sich", "mit …" in its clause, two parties, or the
    verb closing its clause ("will Macron in Paris treffen"); not "eintreffen" ("trafen mit leichter Verzögerung
    ein": its particle closes the clause), not "treffen auf/aufeinander" ("Kiel trifft am Samstag auf Flensburg":
    an opponent), not a decision ("eine Entscheidung treffen": ``no_target``)."""
    clause = event_status.clause(s.words, k)
    words = [s.words[j].text.lower() for j in clause if j > k and s.words[j].text not in {".", "!", "?"}]
    if words and words[-1] in word_class("arrive"):
        return False
    if word_class("no_target") & {s.words[j].text.lower() for j in clause}:  # "traf nur den Pfosten": hit, not met
        return False
    if any(s.words[j].text.lower() in word_class("partner") for j in clause):  # "trafen sich … auf der Insel Nias"
        return True
    if not words and s.words[k].text.lower() in word_class("partner_before"):
        return True  # an infinitive ends its clause ("Merz will Macron in Paris treffen"): whom it meets stands before it
    return not word_class("opponent") & set(words) and len(c.participants) + len(c.groups) >= 2


def _one_event(s: AnnotatedSentence, a: SentenceEvent, b: SentenceEvent) -> bool:
    """Whether two triggers of one sentence tell one event: coordinated verbs of one family ("getroffen und …
    diskutiert"), a noun and the verb it is the object of, of one type ("ein Abkommen … unterzeichnet",
    "Sanktionen … verhängt"), a verb and the noun after "zu" that names its purpose ("reist zu Gesprächen"), or
    an act of saying and the call it was made in ("informierte … in einem Telefonat"); the noun's type wins."""
    ta, tb = a.triggers[0], b.triggers[0]
    if a.type == b.type and (event_triggers.presupposes(ta.text) or event_triggers.presupposes(tb.text)):
        return True  # "Vor dem Unfall habe er sich nahe der Unfallstelle befunden": the site of that accident
    if a.type == b.type and (event_triggers.is_result(ta.text) or event_triggers.is_result(tb.text)):
        # "feierte beim 3:2 gegen ZSKA seinen ersten Sieg": the result and the game it names, in one clause
        lo, hi = sorted((ta.word - s.first, tb.word - s.first))
        return not any(s.words[j].text in {",", ";", ":", "–"} for j in range(lo, hi))
    if ta.kind == "verb" == tb.kind:
        return family(a.type) == family(b.type)
    if "noun" not in (ta.kind, tb.kind) or ta.kind == tb.kind:
        return False
    lo, hi = sorted((ta.word - s.first, tb.word - s.first))
    breaks = [j for j in range(lo, hi) if s.words[j].text in {",", ";", ":", "–"}]
    if a.type == b.type:  # also across a relative clause: "eines Besuchs von Habeck, der … in die Hauptstadt gereist war"
        return all(s.words[j].text == "," and s.words[j + 1].text.lower() in word_class("relative") for j in breaks)
    if breaks:
        return False
    noun, verb = (b, a) if tb.kind == "noun" else (a, b)
    n = noun.triggers[0].word - s.first
    before = {s.words[j].text.lower() for j in range(max(0, n - 3), n)}
    if before & word_class("purpose"):
        return family(a.type) == family(b.type) == "encounter"
    # "informierte … in einem Telefonat": the medium of an act of saying
    return bool(before & word_class("medium")) and noun.type == "call" and verb.type in _ACTS


def _candidates(record: Record, s: AnnotatedSentence, triggers: list[Trigger]) -> list[SentenceEvent]:
    """The events one sentence tells: a candidate per trigger, triggers of one event merged, places shared out."""
    out: list[SentenceEvent] = []
    if not triggers:
        return []
    tolls = {r.type for r in triggers} & word_class("consequence_of")
    for t in triggers:
        if tolls and t.kind == "verb" and t.text.lower() in word_class("consequence"):
            continue  # "Bei dem Absturz wurden 150 Menschen getötet": the accident's toll, no crime
        if t.kind == "verb" and t.text.lower() in word_class("consequence") and _combat(s):
            continue  # "Seit Beginn der Offensive wurden 680 PKK-Kämpfer getötet": a toll of war, no crime
        c = _candidate(record, s, t, triggers)
        if c is None:
            continue
        same = next((o for o in out if _one_event(s, o, c)), None)
        if same is not None:  # "sollen sich … getroffen und … diskutiert haben", "ein Abkommen … unterzeichnet": one event
            if t.kind == "noun" and same.triggers[0].kind != "noun":
                same.type = t.type  # "reist … zu Gesprächen": talks
            same.triggers.append(t)
            same.definite = same.indefinite = False
            continue
        out.append(c)
    claimed = {c.place for c in out if c.place}
    for c in out:
        intended = any(t.kind == "noun" and event_triggers.intended(t.text) for t in c.triggers)
        if intended:  # "Mitglieder einer Gruppe im US-Bundesstaat Michigan … wegen Anschlagsplänen festgenommen"
            c.place = None  # like a plan, an intended event is not held where the sentence is
        elif c.place is None and c.type not in _UNPLACED:
            # an encounter's place anywhere in its sentence ("das … in der Türkei geplante Treffen"), another
            # event's in its clause ("haben am Mittwoch in Brüssel das 13. Sanktionspaket … gebilligt")
            within = None if family(c.type) == "encounter" else event_status.clause(s.words, c.triggers[0].word - s.first)
            place = place_of(record, s, within=within)
            c.place = place if place not in claimed else None
            if c.place:  # "im Bundestag eine Regierungserklärung zum bevorstehenden EU-Gipfel": the statement's
                claimed.add(c.place)
        c.participants = [p for p in c.participants if p != c.place]
    return out


def _that_follows(s: AnnotatedSentence, k: int) -> bool:
    """Whether a "dass" clause follows the word at ``k`` (after a comma):
    "sind sich einig, dass …"."""
    nxt = [w.text.lower() for w in s.words[k + 1 : k + 3]]
    return nxt[:2] == [",", "dass"]


def _frames_speech_before(s: AnnotatedSentence, t: Trigger) -> bool:
    """Whether the trigger is the speech verb of a statement told before it ("…, informierte die
    Landespolizeidirektion"): the verb frames what was said and names no briefing of its own. "Trump informierte
    anschließend den ukrainischen Präsidenten" stays a briefing."""
    return any(st.cue is not None and st.cue.start <= t.start < st.cue.end and st.end <= t.start for st in s.statements)


def _coordinated_with(s: AnnotatedSentence, t: Trigger, triggers: list[Trigger]) -> int | None:
    """A noun trigger of a type told once per story (:data:`_ONE_PER_STORY`) right after "und" or "sowie" (``and``
    in words.tsv; adjectives may stand between) that joins it to a noun trigger of the same type names one event
    with it: "Bei schweren Unwettern und Überschwemmungen sind vier Menschen ums Leben gekommen". Returns the
    other trigger's word."""
    if t.kind != "noun" or t.type not in _ONE_PER_STORY:
        return None
    j = t.word - s.first - 1
    while j >= 0 and adjective(s.words[j].text):
        j -= 1
    if j < 1 or s.words[j].text.lower() not in word_class("and"):
        return None
    j -= 1
    while j >= 0 and adjective(s.words[j].text):
        j -= 1
    other = s.first + j
    found = [o for o in triggers if o.word == other and o.kind == "noun" and o.type == t.type and o is not t]
    return other if found else None


def _candidate(record: Record, s: AnnotatedSentence, t: Trigger, triggers: list[Trigger]) -> SentenceEvent | None:
    """The event one trigger names, None when it names none ("falls eine Einigung vorliege", "traf zum 1:0")."""
    k = t.word - s.first
    if _idiom(s, k) or not _in_context(s, k, t):
        return None
    if t.kind == "noun" and _tally(s, k, t.type in _SIZED):  # "Im Rahmen der 48 Plenarsitzungen": a statistic, no event
        return None
    if t.text.lower() in word_class("choice") and word_class("choice_verb") & {
        s.words[j].text.lower() for j in event_status.clause(s.words, k)
    }:
        return None  # "Die Basis hat eine andere Wahl getroffen", "Die Wahl fiel auf Graz": a choice, no election
    if t.text.lower() in word_class("opinion") and _that_follows(s, k):
        return None  # "Fast alle sind sich einig, dass Kurz nicht beschädigt werden darf": of one mind, no agreement
    if t.type == "briefing" and t.kind == "verb" and _frames_speech_before(s, t):
        return None  # "Die Ermittlungen seien nicht abgeschlossen, informierte die Polizei": a way of saying, no briefing
    if t.type == "briefing" and t.kind == "verb" and _state_passive(s, k):
        return None  # "Die Polizei war über das Ausmaß informiert": what someone knew, no briefing
    c = SentenceEvent(t.type, s.index, [t], evidence=_evidence(s, t))
    c.reported = any(_rests_on_source(st, t) for st in s.statements if st.start <= t.start < st.end) or _reported_on(s, k)
    if t.kind == "noun":
        c.place = place_of(record, s, after=k)
        c.definite, c.indefinite = _article(s, k)
        if event_triggers.presupposes(t.text):  # "eine ungesicherte Unfallstelle": the site of the accident told (or not)
            c.definite, c.indefinite = True, False
        c.predicative = not c.definite and not c.indefinite and _indefinite_before(s, k)
        c.several = t.type not in _SIZED and _counted(s, k)  # "90 Entlassungen": one round of job cuts
        c.another = (k > 0 and s.words[k - 1].text.lower() in word_class("another")) or c.several
        c.coordinated_with = _coordinated_with(s, t, triggers)
    _parties(record, s, t, c)
    _status_and_time(record, s, t, c, triggers)
    if _talked_about(s, k):  # "Zuerst war von Neuwahlen die Rede": talked about, not told
        c.status, c.confidence = "unknown", "stated"
    elif _counterfactual(s, k, t) or _near_miss(t):  # "Spiele, die die Austria wohl verloren hätte", "Beinahe-Insolvenz"
        c.status, c.confidence = "hypothetical", "stated"
    if c.open and (c.status, c.confidence) == ("unknown", "unknown"):
        _learned_status(s, k, t, c)
    if c.status == "hypothetical":  # "falls eine Einigung vorliege": an event that is no fact, and has no time
        c.time = None
    if t.type == "visit" and c.place is None:  # "wird … Luxemburg und Belgien besuchen"
        c.place = visited(record, s, k, c.participants)
    if t.kind == "verb" and t.text.lower() in word_class("needs_partner") and not _has_partner(s, k, c):
        return None  # "Füllkrug traf in der Nachspielzeit", "eine Entscheidung getroffen"
    return c


def reading(s: AnnotatedSentence, k: int, t: Trigger, c: SentenceEvent) -> event_status_model.Reading:
    """What the status rules read of a candidate, for the learned model."""
    flags = [
        name
        for name, on in (
            ("definite", c.definite),
            ("indefinite", c.indefinite),
            ("predicative", c.predicative),
            ("several", c.several),
            ("another", c.another),
            ("reported", c.reported),
            ("coordinated", c.coordinated_with is not None),
            ("timed", c.time is not None),
            ("evidence", bool(c.evidence)),
        )
        if on
    ]
    # "unknown/unknown" only where no rule decided; "unknown/kept" where one chose unknown ("Im Vorfeld der Wahlen")
    kept = not c.open and (c.status, c.confidence) == ("unknown", "unknown")
    rule = "unknown/kept" if kept else f"{c.status}/{c.confidence}"
    return event_status_model.Reading(t.kind, t.type, c.tense, c.by_time, rule, tuple(flags) + c.status_flags)


def _learned_status(s: AnnotatedSentence, k: int, t: Trigger, c: SentenceEvent) -> None:
    """Where no status rule applies, the learned model's reading, when it is sure ("inferred"); never where a rule
    chose "unknown" ("Im Vorfeld der Präsidentschaftswahlen war es zu Verwerfungen gekommen": the tense is the rift's):
    "A8 Stuttgart Richtung Karlsruhe Unfall 3 km Stau" (happened), "Polizei nimmt Einbrecher fest" (happened)."""
    learned = event_status_model.model()
    if learned is None:
        return
    decided = learned.decide(event_status_model.features(s, k, reading(s, k, t, c)))
    if decided is not None:
        c.status, c.confidence, c.learned = decided, "inferred", True


def _parties(record: Record, s: AnnotatedSentence, t: Trigger, c: SentenceEvent) -> None:
    """Participants, agent and groups of a candidate; the sources of its statements are none of them, except
    the speaker of an act of saying ("Van der Bellen sagte in einer Erklärung", "kündigte er … an")."""
    sources = {src.entity for st in c.evidence for src in st.sources if src.entity}
    speakers = [st.speaker.entity for st in c.evidence if st.speaker and st.speaker.entity] if t.type in _ACTS else []
    found, c.agent = participants(record, s, t.word - s.first, sources - set(speakers), t.type)
    c.participants = list(dict.fromkeys([*speakers, *found]))
    if t.type == "plan":
        return
    # a group that speaks or is a source is not a participant: "Der US-Beamte bestätigte, …"
    said_by = {x for st in s.statements for x in [st.speaker.text if st.speaker else "", *(src.name for src in st.sources)] if x}
    said_by |= {x.split(" ", 1)[1] for x in said_by if " " in x}
    c.groups = [g for g in groups(record, s) if g.text not in said_by]


@cache
def _day_words() -> tuple[str, ...]:
    """The weekday names of the time tables and the ``day`` words of words.tsv ("wochenende"), lower-cased."""
    return tuple(w.lower() for w in weekdays()) + tuple(sorted(word_class("day")))


def _unplaced_day(s: AnnotatedSentence, k: int) -> bool:
    """Whether the clause of the word at ``k`` names a weekday the time stage could not place (no publication
    date): "Bereits am Montag treffen sich die Staatsspitzen", "am Wochenende statten sie Bulgarien einen Besuch ab".
    A calendar date without a year is not enough ("aus einer Telefonkonferenz vom 16. Juli")."""
    clause = event_status.clause(s.words, k)
    return any(
        t.value is None and t.type == "DATE" and s.word_at(t.start) in clause and any(d in t.text.lower() for d in _day_words())
        for t in s.times
    )


def _since(s: AnnotatedSentence, k: int) -> bool:
    """Whether the clause of the word at ``k`` has a ``since`` word ("seit") right before a time expression (an
    article or adjective may stand between): "sitzt seit Montag in Untersuchungshaft", "verhandelt seit einem Jahr"."""
    clause = event_status.clause(s.words, k)
    starts = {s.word_at(t.start) for t in s.times}
    return any(s.words[j].text.lower() in word_class("since") and (j + 1 in starts or j + 2 in starts) for j in clause)


_SCORED = re.compile(r"^\d{1,2}:\d{1,2}-")


def _result(s: AnnotatedSentence, t: Trigger, tense: str | None) -> bool:
    """Whether an open trigger reports a played match: a noun compound with its score ("3:2-Auswärtssieg",
    "nach dem 2:2-Hinspiel"), or a present ``result_verb`` with a score in its clause ("Rapid gewinnt 3:1 in Graz",
    "Sturm schlägt Ried mit 2:0"). A score exists only once the match is played; a preview has none of its own
    ("Rapid trifft am Sonntag auf Sturm") and a question none yet ("Wer gewinnt das Derby?")."""
    k = t.word - s.first
    if t.kind == "noun" and _SCORED.match(t.text):
        return tense != "FUTURE"
    if tense != "PRESENT" or s.words[-1].text == "?":
        return False
    own = event_status.clause(s.words, k)
    if t.kind == "verb" and t.text.lower() in word_class("sentence_verb"):
        # "Die Richterin verurteilt den Angeklagten zu zwei Jahren Haft": a penalty is handed down, not ahead
        zu = [j for j in own if j > k and s.words[j].text.lower() == "zu"]
        return any(s.words[j].text.lower() in word_class("penalty") for z in zu for j in range(z + 1, min(z + 6, own[-1] + 1)))
    return any(s.words[j].text.lower() in word_class("result_verb") for j in own) and any(
        _score(s, j) or _SCORED.match(s.words[j].text) for j in own
    )


def _in_state(s: AnnotatedSentence, t: Trigger, tense: str | None) -> bool:
    """Whether a noun trigger of a ``state_type`` stands after a ``state_preposition`` (up to two words between) in a
    present clause with a ``state_verb``: "Western Digital befindet sich in fortgeschrittenen Verhandlungen",
    "befindet sich derzeit zu einem Besuch im Irak", "heißt es in einer Erklärung des Ministers" — going on or told,
    which the gold guide counts as happened."""
    if t.kind != "noun" or tense != "PRESENT" or t.type not in word_class("state_type"):
        return False
    k = t.word - s.first
    own = event_status.clause(s.words, k)
    if not any(s.words[j].text.lower() in word_class("state_verb") and j < k for j in own):
        return False
    return any(s.words[j].text.lower() in word_class("state_preposition") for j in range(max(own[0], k - 3), k))


def _chronicle(s: AnnotatedSentence, t: Trigger, published: date | None) -> bool:
    """Whether the trigger is told in a chronicle line: the sentence opens with a year and a ``chronicle_dash``
    ("1910 – Die Rebellen rufen die Republik aus und ernennen …", "2005 – Ein Hungerstreik endet tödlich"): the
    historic present of what happened that year. Only a verb trigger or the subject right after the dash (not
    "2010 – Häupl spricht sich für eine Volksabstimmung aus": demanded), and never a year after publication."""
    if len(s.words) < 4 or not re.fullmatch(r"1\d{3}|20\d{2}", s.words[0].text):
        return False
    if s.words[1].text not in word_class("chronicle_dash"):
        return False
    if published is not None and int(s.words[0].text) >= published.year:
        return False
    k = t.word - s.first
    return t.kind == "verb" or 2 <= k <= 4


def _status_and_time(record: Record, s: AnnotatedSentence, t: Trigger, c: SentenceEvent, triggers: list[Trigger]) -> None:
    """A candidate's time and status (:func:`.event_status.status`), and a postponement's new time."""
    rivals = [
        r
        for r in triggers
        if r is not t
        and r.type not in _UNTIMED
        and not _one_event(s, c, _bare(s, r))
        and not (r.kind == "noun" and _after_word(s, r.word - s.first, "reason"))
    ]
    # "wurde am Montag wegen Betruges … verurteilt": the reason takes no time of its clause, the verb does
    reason = t.kind == "noun" and _after_word(s, t.word - s.first, "reason")
    c.time = _nearest_time(s, t, rivals) if t.type not in _UNTIMED and not reason else None
    bounds = record.sentences[s.index]
    tense = clause_tense(record.text, t.start, t.end, bounds.start, bounds.end, present=True)
    if tense == "FUTURE" and any(st.hedged for st in s.statements if st.start <= t.start < st.end):
        tense = (
            None  # reportive "sollen" (attribution tells it from scheduling): "USA und Russland sollen Geheimgespräche führen"
        )
    published = document_date(record.meta.published)
    # "kündigte in einer Fernsehansprache … an": what is announced is planned, the act of announcing took place
    skip = word_class("announce") | word_class("demand") if t.type in _ACTS else frozenset()
    if reason:  # "Wegen des Streiks wurden 300 Flüge gestrichen": the flights are cancelled, not their reason
        skip = skip | _change_cues()
    if tense == "PAST" and _occasion(s, t):  # "hat heute bei einem Besuch in Bagdad … angekündigt"
        skip = skip | word_class("announce") | word_class("demand")
    if _toll(s, t.word - s.first):
        skip = skip | word_class("demand")  # "Zwölf Todesopfer forderte ein Taifun": lives claimed, nothing demanded
    c.tense, c.by_time = tense, event_status.tense_status(c.time.value if c.time else None, published)
    c.ahead = tense == "FUTURE" or c.by_time == "planned"
    after = t.kind == "noun" and _after_event(s, t.word - s.first)
    presupposed = c.definite or after or (t.kind == "noun" and event_triggers.presupposes(t.text))
    ongoing = tense == "PRESENT" and _since(s, t.word - s.first)
    dated = c.time is None and tense == "PRESENT" and _unplaced_day(s, t.word - s.first)  # read only where it counts
    c.status_flags = tuple(
        name for name, on in (("presupposed", presupposed), ("after", after), ("ongoing", ongoing), ("dated", dated)) if on
    )
    c.status, c.confidence = event_status.status(
        s.words,
        t.word - s.first,
        c.time.value if c.time else None,
        published,
        tense,
        skip,
        presupposed=presupposed,
        time_confidence=c.time.confidence if c.time else "unknown",
        dated=dated,
        after=after,
        ongoing=ongoing,
    )
    if reason and c.status == "happened":  # presupposed by its clause, not told: "Wegen des Streiks wurden …"
        c.confidence = "inferred"
    c.open = (c.status, c.confidence) == ("unknown", "unknown")
    if c.open and (_result(s, t, tense) or _chronicle(s, t, published) or _in_state(s, t, tense)):
        # "Rapid gewinnt 3:1 in Graz", "3:2-Auswärtssieg in Amsterdam", "1910 – Die Rebellen rufen die Republik aus"
        c.status, c.confidence, c.open = "happened", "inferred", False
    ahead = _before_clause(s, t.word - s.first) if c.status == "happened" and c.confidence == "stated" else None
    if (
        ahead is not None
    ):  # "Bevor das Urteil gefallen ist, will sich …": not yet; "festgenommen, bevor er … überfallen hat": open
        c.status, c.confidence = ("planned", "stated") if ahead else ("unknown", "unknown")
    if t.kind == "noun" and c.confidence != "stated" and tense != "PAST" and _until(s, t.word - s.first):
        c.status, c.confidence = "planned", "inferred"  # "in den neun Monaten bis zum Turnier": still ahead
    if (
        t.kind == "noun"
        and c.status == "happened"
        and _after_word(s, t.word - s.first, "run_up")
        and event_status.cue_status(s.words, t.word - s.first, skip)[0] is None
    ):
        c.status, c.confidence = (
            "unknown",
            "unknown",
        )  # "Im Vorfeld der Wahlen war es zu Verwerfungen gekommen": the tense is the rift's
    if (
        t.kind == "noun"
        and c.status == "happened"
        and c.confidence == "inferred"
        and tense != "PAST"
        and t.type in word_class("scheduled")
        and _after_word(s, t.word - s.first, "ahead_for")
    ):
        c.status = "planned"  # "können für diesen zweiten Wahlgang Empfehlungen aussprechen": ahead, not presupposed
    if t.kind == "noun" and c.status in ("happened", "unknown") and event_triggers.intended(t.text):
        c.status, c.confidence = "planned", "stated"  # "wegen Anschlagsplänen festgenommen": the attack was planned
    if (
        c.status == "happened"
        and t.type in _DEALS
        and _clause_has(s, t.word - s.first, "deal_announce")
        and not _clause_has(s, t.word - s.first, "deal_done")
    ):
        # a takeover announced is agreed, not completed ("Als Facebook die Übernahme von Oculus VR verkündete"),
        # unless a word says it is ("gab den Abschluss der Übernahme bekannt"); a failed or blocked deal is not read
        # here: "Die Klage gegen die Übernahme ist gescheitert", "hat die Übernahme nicht untersagt"
        c.status, c.confidence = "planned", "stated"
    if c.status in _CHANGES and t.type in _UNTIMED:  # "die … Großdemonstration gegen die Rentenpläne abgesagt"
        c.status = "unknown"
    if c.status == "postponed":  # "die Unterzeichnung … auf Januar verschoben": January is the new time
        c.target = _target_time(s)
        if c.target is not None and c.time is c.target:
            c.time = _nearest_time(s, t, rivals, exclude=c.target)


@cache
def _change_cues() -> frozenset[str]:
    """The status cues that cancel or postpone (as written in ``events/status.tsv``); a denial still counts: "Die Bahn
    dementierte, dass wegen eines Streiks Züge ausgefallen seien"."""
    return frozenset(" ".join(cue.words) for cue in status_cues() if cue.status in ("cancelled", "postponed"))


def _occasion(s: AnnotatedSentence, t: Trigger) -> bool:
    """A noun trigger in an adverbial "bei"/"beim" phrase (``occasion``) of its clause: the phrase does not follow a
    noun ("kündigte ihre Teilnahme beim Gipfel an", "forderte Neuwahlen bei einem Rücktritt": the noun's) or a
    comma, and the clause has no "zu" infinitive ("kündigte an, bei der Wahl erneut anzutreten")."""
    k = t.word - s.first
    j = _word_before(s, k, "occasion") if t.kind == "noun" else None
    if j is None:
        return False
    before = s.words[j - 1].text if j > 0 else ""
    if (j > 1 and before[:1].isupper()) or before in (",", ";", ":"):
        return False
    own = event_status.clause(s.words, k)
    return not any(
        _ZU_INFINITIVE.match(s.words[i].text)
        or (s.words[i].text == "zu" and i + 1 < len(s.words) and s.words[i + 1].text.islower())
        for i in own
    )


#: A separable verb's infinitive with "zu" inside: "anzutreten", "teilzunehmen", "abzusagen".
_ZU_INFINITIVE = re.compile(r"^[a-zäöü]{2,7}zu[a-zäöü]{2,}en$")


def _toll(s: AnnotatedSentence, k: int) -> bool:
    """A toll of lives as the object of "fordern" in the clause of word ``k``, with its number before it: "Zwölf
    Todesopfer forderte ein Taifun", "Das Beben forderte mindestens 20 Tote" (``toll``, ``toll_count``); not "Die
    Angehörigen der Toten forderten den Rücktritt"."""
    words, own = s.words, event_status.clause(s.words, k)

    def counted(i: int) -> bool:
        return i >= 0 and (words[i].text[:1].isdigit() or words[i].text.lower() in word_class("toll_count"))

    for v in own:
        if not words[v].text.lower().startswith(tuple(word_class("toll_verb"))):
            continue
        if (
            v - 1 in own
            and words[v - 1].text.lower() in word_class("toll")
            and counted(v - 2)
            and all(counted(i) for i in own if i < v - 1)
        ):
            return True  # the toll opens the clause: "Zwölf Todesopfer forderte", not "Nach dem Unglück mit zwölf Toten"
        if any(i in own and words[i].text.lower() in word_class("toll") and counted(i - 1) for i in range(v + 1, v + 5)):
            return True
    return False


def _clause_has(s: AnnotatedSentence, k: int, kind: str) -> bool:
    """Whether the clause of the word at ``k`` has a word of class ``kind`` (words.tsv): "zählte … 30.000
    Entlassungen" (``tally_verb``), "verloren hätte" (``counterfactual``), "verkündete die Übernahme"
    (``deal_announce``)."""
    return any(s.words[j].text.lower() in word_class(kind) for j in event_status.clause(s.words, k))


# --- clustering ---------------------------------------------------------------------------------------------------


def _times_agree(a: TimeExpression | None, b: TimeExpression | None) -> bool:
    if a is None or b is None:
        return True
    ra, rb = event_status.time_range(a.value), event_status.time_range(b.value)
    if ra is None or rb is None:
        return True
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def _may_be_one(a: str, b: str) -> bool:
    """Whether mentions of types ``a`` and ``b`` in different sentences may tell one event: the same type, a
    meeting and talks, or talks ("das Gespräch") and any encounter; not a call and a visit ("informierte in
    einem Telefonat … Am Montag soll Selenskyj nach Washington reisen")."""
    if a == b:
        return True
    return family(a) == family(b) == "encounter" and "talks" in (a, b)


def _joins(cluster: EventCluster, c: SentenceEvent) -> int | None:
    """How well ``c`` fits ``cluster`` (higher is better), None when it is another event."""
    if (
        not _may_be_one(cluster.first.type, c.type)
        or c.several
        or (c.sentence in cluster.sentences() and not _told_here(cluster, c))
    ):
        return None  # "die zehn EM-Qualifikationsspiele": several events, not the one told before
    if _other_verdict(c, cluster) or _apart_as_own(cluster, c):  # "wurde verurteilt … wurde freigesprochen": two rulings
        return None
    mine, theirs = set(c.participants), cluster.participants()
    # an accident, strike or crime told again with parties the first mention did not name is the same event
    # ("ein schwerer Verkehrsunfall … wurde es von einem Zug … erfasst"); encounters need the same parties
    open_ended = c.type in _ONE_PER_STORY and not c.another
    if (not mine or not theirs) and not open_ended:
        return None
    if mine and theirs and not (mine <= theirs or theirs <= mine):
        return None
    place = cluster.place()
    if c.place and place and c.place != place:
        return None
    if not _times_agree(cluster.time(), c.time):
        return None
    return 2 * (cluster.first.type == c.type) + len(mine & theirs) + (c.place is not None and c.place == place)


def _verdicts(x: SentenceEvent | EventCluster) -> set[str]:
    """The outcomes a ruling's mentions name: "conviction" ("verurteilt", "Schuldspruch") and "acquittal"
    ("freigesprochen", "Freispruch"; ``conviction``/``acquittal`` in words.tsv)."""
    cands = x.candidates if isinstance(x, EventCluster) else [x]
    words = {t.text.lower() for c in cands for t in c.triggers}
    return {kind for kind in ("conviction", "acquittal") if words & word_class(kind)}


def _other_verdict(c: SentenceEvent, cluster: EventCluster) -> bool:
    """Whether a mention names another outcome than the ruling told before: a conviction after an acquittal."""
    mine, theirs = _verdicts(c), _verdicts(cluster)
    return bool(mine and theirs and mine != theirs)


def _told_again(clusters: list[EventCluster], c: SentenceEvent) -> EventCluster | None:
    """The last event of the same type that a mention without parties of its own tells again, when place and
    time agree: one negotiation, strike or flood mentioned in several sentences is one event. Acts of saying
    and plans keep their own rules."""
    if c.participants or c.groups or c.type in _ACTS or c.type == "plan" or c.another:
        return None
    heads = {t.text.lower() for t in c.triggers}
    for cluster in reversed(clusters):
        if cluster.first.type != c.type or c.sentence in cluster.sentences() or _other_verdict(c, cluster):
            continue
        # the same word again ("Die Verhandlungen … Die Verhandlungen"), or a definite one ("der Anschlag")
        if not c.definite and not heads & {t.text.lower() for x in cluster.candidates for t in x.triggers}:
            return None
        place = cluster.place()
        if (c.place and place and c.place != place) or not _times_agree(cluster.time(), c.time):
            return None
        return cluster
    return None


def _told_here(cluster: EventCluster, c: SentenceEvent) -> bool:
    """ "Es war ein sehr produktives Treffen, sagte …, nach den Gesprächen in Havanna": a mention in the sentence of
    a predicative noun that joined an event told before may tell that event too; so may a definite noun after a
    verb of its type in the sentence: "Die Kirche brannte mehrere Stunden, erst am Abend konnte die Feuerwehr den
    Brand unter Kontrolle bringen" (one fire)."""
    if not c.definite:
        return False
    here = [x for x in cluster.candidates if x.sentence == c.sentence]
    return any(x.predicative for x in here) or any(
        x.type == c.type and x.triggers[0].kind == "verb" and x.triggers[0].word < c.triggers[0].word for x in here
    )


def _own_event(c: SentenceEvent) -> bool:
    """ "Bundesparteitag", "Fachtagung" (``own_event`` heads in words.tsv): an institution's own gathering."""
    return any(c.triggers[0].text.lower().endswith(head) for head in word_class("own_event"))


def _apart_as_own(cluster: EventCluster, c: SentenceEvent) -> bool:
    """An institution's own gathering and an event of another type are two events, whichever came first: "Vielmehr
    soll es noch Gespräche zwischen der JG und Niessl geben. … beim letzten Bundesparteitag bekräftigt"."""
    if cluster.first.type == c.type:
        return False
    return _own_event(c) or any(_own_event(x) for x in cluster.candidates)


def _refers_to(clusters: list[EventCluster], c: SentenceEvent) -> EventCluster | None:
    """The event a definite description without participants refers to: the last of its family."""
    for cluster in sorted(clusters, key=lambda x: max(x.sentences()), reverse=True):
        if _apart_as_own(cluster, c):
            continue  # "beim Bundesparteitag" is not the talks told before
        if _may_be_one(cluster.first.type, c.type) and (c.sentence not in cluster.sentences() or _told_here(cluster, c)):
            if _other_verdict(c, cluster):
                continue  # "die Verurteilung" after "fordern Freispruch": another ruling
            return cluster
    return None


def _cluster(candidates: list[SentenceEvent]) -> list[EventCluster]:
    clusters: list[EventCluster] = []
    for c in candidates:
        if c.coordinated_with is not None:  # "Bei schweren Unwettern und Überschwemmungen": one event
            joined = next(
                (x for x in clusters for y in x.candidates if y.type == c.type and y.triggers[0].word == c.coordinated_with),
                None,
            )
            if joined is not None:
                joined.candidates.append(c)
                continue
        if c.type == "plan":
            plan = next((x for x in reversed(clusters) if x.first.type == "plan"), None)
            points = (_points(plan) if plan else None, _points_of(c))
            if plan is not None and (None in points or points[0] == points[1]):  # "28-Punkte-Plan" ≠ "20-Punkte-Plan"
                plan.candidates.append(c)
            else:
                clusters.append(EventCluster([c]))
            continue
        # "Das geplante Treffen war … abgesagt worden"; of other types also with parties ("Die Unterzeichnung fand
        # am Rande eines Besuchs von Habeck statt" → the agreement signed before)
        if (
            c.definite
            and not c.indefinite
            and not c.several
            and ((not c.participants and not c.groups) or family(c.type) != "encounter")
        ):
            target = _refers_to(clusters, c)
            if target is not None:
                target.candidates.append(c)
                if c.status in _CHANGES:
                    target.changes.append(_change(c))
                    c.time = None  # "am 25. Oktober … abgesagt": the time of the cancellation, not of the event
                continue
        if c.predicative:  # "Es war ein sehr produktives Treffen": what the event told before was
            target = _refers_to([x for x in clusters if any(y.status != "hypothetical" for y in x.candidates)], c)
            if target is not None and target.first.type == c.type:  # not a demanded one: "fordert den Freispruch"
                target.candidates.append(c)
                continue
        if not c.indefinite:
            scored = [(score, k, x) for k, x in enumerate(clusters) if (score := _joins(x, c)) is not None]
            if scored:
                max(scored, key=lambda t: (t[0], t[1]))[2].candidates.append(c)
                continue
            again = _told_again(clusters, c)
            if again is not None:  # "Die Tarifverhandlungen … Die Verhandlungen sollen am Montag weitergehen"
                again.candidates.append(c)
                continue
        clusters.append(EventCluster([c]))
    # a change told with the event: "das für diesen Mittwoch … geplante Treffen … verschoben" - its time is the event's
    for cluster in clusters:
        told = {k for change in cluster.changes for k in change.sentences}
        cluster.changes += [
            _change(c, timed=False) for c in cluster.candidates if c.status in _CHANGES and c.sentence not in told
        ]
        cluster.changes.sort(key=lambda change: change.sentences)
    return clusters


def _change(c: SentenceEvent, timed: bool = True) -> StatusChange:
    return StatusChange(
        status=c.status,
        time=_time(c.time) if timed else None,
        to=_time(c.target),
        by=c.agent,
        evidence=[st.id for st in c.evidence],
        sentences=[c.sentence],
    )


# --- plans --------------------------------------------------------------------------------------------------------


def _points_of(c: SentenceEvent) -> int | None:
    points = plan_words().points
    for t in c.triggers:
        for m in _POINTS.finditer(t.text):
            if m.group(2).lower() in points:
                return int(m.group(1))
    return None


def _points(cluster: EventCluster) -> int | None:
    return next((p for c in cluster.candidates if (p := _points_of(c)) is not None), None)


def _plan(record: Record, sentences: list[AnnotatedSentence], cluster: EventCluster) -> PlanDetails:
    first = cluster.first
    s = sentences[first.sentence]
    excluded = {src.entity for st in first.evidence for src in st.sources if src.entity}
    authors = []
    for m, eid, _ in s.mentions:
        if m.start < first.triggers[0].start and eid not in excluded and not is_modifier(record, m) and eid not in authors:
            authors.append(eid)
    details = PlanDetails(points=_points(cluster), authors=authors)
    for k in sorted(cluster.sentences()):
        details.topics = details.topics or _topics(record, sentences[k])
        details.inspired_by = details.inspired_by or _inspiration(sentences[k])
    return details


def _topics(record: Record, s: AnnotatedSentence) -> list[str]:
    """ "sich mit vier Themenkomplexen befassen: Frieden in der Ukraine, Sicherheitsgarantien, …" → the four topics."""
    cue = next((k for k, w in enumerate(s.words) if w.text.lower() in plan_words().topics), None)
    if cue is None:
        return []
    colon = next((k for k in range(cue, len(s.words)) if s.words[k].text == ":"), None)
    if colon is None or colon + 1 >= len(s.words):
        return []
    end = s.words[-1].start if s.words[-1].text in {".", "!", "?"} else s.words[-1].end
    items = [x.strip() for x in record.text[s.words[colon].end : end].split(",")]
    last = items.pop().split(f" {next(iter(word_class('and')))} ", 1) if items else []
    return [x for x in [*items, *(y.strip() for y in last)] if x]


def _inspiration(s: AnnotatedSentence) -> str | None:
    """What a plan is inspired by, read where the cue's own preposition or article puts it (``events/plan.tsv``):
    "soll der Plan vom Gaza-Deal von US-Präsident Donald Trump inspiriert worden sein" → "Gaza-Deal", "ist an den
    Marshallplan angelehnt" → "Marshallplan" (a participle: after the first of its words before it in its clause),
    "nach dem Vorbild der Schweiz" → "Schweiz" (a noun: right after it; not "soll Vorbild der EU werden")."""
    low = [w.text.lower() for w in s.words]
    cues = sorted(
        (k, k + len(words) - 1, introducers)
        for words, introducers in plan_words().inspired.items()
        for k in range(len(low) - len(words) + 1)
        if tuple(low[k : k + len(words)]) == words
    )
    for first, cue, introducers in cues:
        if s.words[cue].text[:1].isupper():
            at = cue + 1 if cue + 1 < len(low) and low[cue + 1] in introducers else None
            end = len(low)
        else:
            at = next((k for k in event_status.clause(s.words, first) if k < first and low[k] in introducers), None)
            end = first
        found = _named_after(s, at, end) if at is not None else None
        if found is not None:
            return found
    return None


def _named_after(s: AnnotatedSentence, at: int, end: int) -> str | None:
    """The first capitalised word after word ``at`` and before word ``end``, past articles and adjectives: "an den
    neuen Marshallplan" → "Marshallplan"."""
    articles = word_class("article") | de.function_words("indefinite_article")
    for k in range(at + 1, end):
        text = s.words[k].text
        if text[:1].isupper():
            return text
        if text.lower() not in articles and not adjective(text):
            return None
    return None


# --- the stage ----------------------------------------------------------------------------------------------------


def _time(t: TimeExpression | None) -> EventTime | None:
    if t is None:
        return None
    return EventTime(
        value=t.value, mod=t.mod, text=t.text, start=t.start, end=t.end, sentence=t.sentence, confidence=t.confidence
    )


def _event(record: Record, sentences: list[AnnotatedSentence], k: int, cluster: EventCluster) -> Event:
    cands = cluster.candidates
    evidence = list(dict.fromkeys(st.id for c in cands for st in c.evidence))
    statements = [st for c in cands for st in c.evidence]
    told = [c for c in cands if c.evidence]
    chains = {tuple((src.name, src.entity, src.anonymous) for src in st.sources): st.sources for st in statements if st.sources}
    # one claim per mention; the status is theirs (strongest, a stated past over a plan, unknown when disputed)
    claims = event_claims.claims(record, f"v{k}", cluster)
    derived = event_claims.derive(claims)
    participants = list(dict.fromkeys(p for c in cands for p in c.participants)) if cluster.first.type != "plan" else []
    groups = list({(g.start, g.end): g for c in cands for g in c.groups}.values())
    mentions = [
        Mention(start=t.start, end=t.end, text=record.text[t.start : t.end], sentence=t.sentence)
        for c in cands
        for t in c.triggers
    ]
    return Event(
        id=f"v{k}",
        type=cluster.first.type,
        participants=participants,
        groups=sorted(groups, key=lambda g: g.start),
        place=cluster.place(),
        time=_time(cluster.time()),
        status=derived.status,
        confidence=derived.confidence,
        # the outlet's own word in any sentence makes the event asserted; a source's in all of them, reported
        modality=("reported" if all(c.reported for c in told) else "asserted") if told else None,
        evidence=evidence,
        sources=[[src.model_copy() for src in chain] for chain in chains.values()],
        mentions=sorted(mentions, key=lambda m: m.start),
        sentences=sorted(cluster.sentences()),
        plan=_plan(record, sentences, cluster) if cluster.first.type == "plan" else None,
        status_changes=cluster.changes,
        claims=claims,
        disputed=derived.disputed,
    )


def _there(sentences: list[AnnotatedSentence], candidates: list[SentenceEvent]) -> None:
    """ "Habeck traf dort auch Ministerpräsident Schmyhal": "dort" is the place of the last event that had one."""
    last = None
    for c in candidates:
        if c.place is None and last is not None:
            s = sentences[c.sentence]
            clause = event_status.clause(s.words, c.triggers[0].word - s.first)
            if any(s.words[j].text.lower() in word_class("there") for j in clause):
                c.place = last
                c.participants = [p for p in c.participants if p != last]
        last = c.place or last


@stage(
    "events",
    version=VERSION,
    order=60,
    requires=("text", "meta", "doc", "sentences", "entities", "datelines", "times", "statements"),
    assigns=("events",),
)
def events(record: Record) -> None:
    """Fill ``record.events`` (the pipeline's ``events`` stage)."""
    sentences, candidates = sentence_events(record)
    _there(sentences, candidates)
    clusters = [c for c in _cluster(candidates) if _says_something(c)]
    record.events = [_event(record, sentences, k, cluster) for k, cluster in enumerate(clusters, start=1)]


def sentence_events(record: Record) -> tuple[list[AnnotatedSentence], list[SentenceEvent]]:
    """The record's sentences and the events each tells (steps 1 and 2 of the module docstring), in text order."""
    words = segment.words(record)
    sentences = read_sentences(record, words)
    by_sentence: dict[int, list[Trigger]] = {}
    for t in event_triggers.find(record, words):
        by_sentence.setdefault(t.sentence, []).append(t)
    candidates = []
    for s in sentences:
        if len(s.words) > MAX_SENTENCE_WORDS:
            record.warnings.append(
                f"sentence {s.index + 1} has {len(s.words):,} words: no events read in it "
                f"(the event rules read sentences of up to {MAX_SENTENCE_WORDS} words)"
            )
            continue
        found = _candidates(record, s, by_sentence.get(s.index, []))
        if not any(c.status in _CHANGES for c in found):  # "Der Veranstalter hat die … Großdemonstration abgesagt"
            found += _candidates(record, s, _standalone(s))
        candidates += sorted(found, key=lambda c: c.triggers[0].start)
    return sentences, candidates


def _says_something(cluster: EventCluster) -> bool:
    """Precision first: an event whose status the rules leave unknown and of which the text names no party, group,
    place or time is not stated at all ("Vor großen Streiks rufen Arbeitgeber oft ein Gericht an": no strike is
    told); the learned reading of its status does not make it one."""
    if any(c.status != "unknown" and not c.learned for c in cluster.candidates) or cluster.changes:
        return True
    return bool(cluster.participants() or any(c.groups for c in cluster.candidates) or cluster.place() or cluster.time())
