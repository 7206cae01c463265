"""The attribution stage: who said what, on whose authority.

Every sentence of the text ends up in at least one :class:`Statement`:

- ``direct_quote``: a quotation („…“, »…«, "…" …) with its speaker, found in
  the frame around it (", so Dmitriew", "sagte er", "X teilte mit: „…“",
  "Anna Berg (Freiburg): „…“"), or the previous speaker when nothing names one
  ("Und weiter: „…“");
- ``indirect_speech``: the complement of a verb or noun of saying (", dass …",
  a Konjunktiv I clause after a comma or colon), and free indirect speech: a
  Konjunktiv I sentence with no verb of saying continues the last speaker
  ("Moskaus Einfluss nehme zu.");
- ``reported``: a claim resting on a source ("laut X", "X zufolge", "nach
  Angaben", "unter Berufung auf", "Wie X berichtet, …") or on hearsay marked
  by reportive "soll/sollen"; a verb of saying without a clause ("Dmitriew
  äußerte sich optimistisch") is reported speech too;
- ``asserted``: everything else, on the outlet's own authority.

Decisions are ordered lists of small named rules, each a function with its
German example, the first that matches wins: :data:`UNIT_RULES` decide what a
sentence unit is (a colon frame, a name before a quotation, a clause with a
cue, "Demnach …", reportive "soll", free indirect speech, a quotation
standing alone, an assertion); :data:`CONTENT_RULES` decide what a verb or
noun of saying introduces; :data:`speakers.SPEAKER_RULES` who speaks and
:data:`speakers.LINK_RULES` who that is. Every statement keeps a ``trace``:
the rule that decided its kind, its speaker, the speaker's entity and its
sources (``quellenlage explain``).

Nested quotations inside reported speech ("die „Vorteile“ ihres Ansatzes")
are direct quotes of their own, with the same speaker. ``sources`` is the
chain outermost first: the article's outlet, then the reporting outlet
carried by "demnach", "Dies berichtet X", "Wie X weiter schreibt", then the
speaker. Reportive "soll" statements take the outlet chain named nearest
(before them, else the first one after them).

Mood: :mod:`konjunktiv`; quotation marks: :mod:`quotes`.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise

from ..lang.de.attribution_tables import attribution_words, bare_verbs
from ..record import Cue, Record, Source, Speaker, Statement, TraceStep
from . import anonymity, quotes, segment
from .attribution_cues import (
    SpeechCue,
    first_person,
    hedges,
    held_cues,
    information_nouns,
    negations,
    report_cues,
    speaker_words,
    speech_readings,
)
from .konjunktiv import finite_form, infinitives, mood
from .speakers import (
    PREPOSITIONS,
    SUBORDINATORS,
    Mentions,
    SpeakerRef,
    can_speak,
    link,
    noun_class,
    noun_phrase,
    opens_subject,
    sentence_subject,
    source_after,
    source_before,
    speaker_after,
    speaker_for_cue,
    wie_start,
)
from .stages import stage

#: Bump when the statements this stage produces change.
#: 10: inflected outlet names ("der Süddeutschen Zeitung"), held report cues ("Nach Zahlen des …", "aus Sicht
#: des …"), "laut"/"gemäß" with a noun of information and its holder ("Laut einer Studie der …").
#: 12: a name before a colon with Konjunktiv I ("Weber: Die Reform komme zu spät") or a headline's quotation before a
#: dash; "heißen" without "es" names ("Das Stück heißt Frau Schmitz"); a person in apposition past the head's
#: attachment ("der Chef der Bundesagentur für Arbeit, Frank-Jürgen Weise, …"); "Borussias Sportdirektor" is not
#: the club; "laut Gsell" (a surname ending like an adverb).
#: 14: names in quotation marks are no quotes (QUOTED_NAME_RULES: an entity, a gloss in parentheses, a title after an
#: outlet's noun, a web address; a quotation inside the speaker's phrase); "ein Sprecher der dpa" is an anonymous
#: spokesperson, not dpa; "Das Nachrichtenmagazin" and "den Angaben zufolge" point back; surveys are documents.
#: 15: a quotation after the colon of a clause whose subject was refused as a speaker is not carried on to the last
#: speaker ("Der Randalierer rief: „Lasst mich raus!“": nobody, own_colon in the trace).
#: 16: a focus adverb before the subject is not part of it ("Einzig Siemens gab bekannt, …"); verbs of saying
#: verlautbaren, herausstreichen; speaker nouns Teilnehmer, (Polizei)streife; the subject after the
#: finite verb before a colon and a quotation ("Im Radio zeigte sich der Trainer zufrieden: „…“": "er", or "der" and a
#: male person noun); a noun of saying in the phrase before a verb of saying is no cue ("Zur Begründung sagte der
#: Minister, …"); the text or body opening the sentence before an impersonal "heißt es" ("In dem Bericht, der …,
#: heißt es, …", "Bei der Polizei hieß es, …"); a finite auxiliary after an apposition opens no subject ("Der
#: Fraktionschef, Karl Huber, hatte Lenz aufgefordert" is Huber's); finite_aux lists the modals in Konjunktiv II and
#: the past ("…, der das Abkommen ablehnen sollte" is a relative clause, no speech act); the subject after the verb of a
#: first conjunct ("Im Januar legte er sein Amt nieder und verkündete, …"); a phrase headed by a noun of a person or
#: body before a colon and a quotation ("Ein Beamter der Polizei: „…“"); speaker noun Verfasser; adverbs such as
#: "dort", "damals", "deshalb" are no speakers ("Dort würden sich Geschäfte rechnen, besagt eine Studie"); a noun of
#: saying heading a unit before a colon yields to a verb of saying after it ("Weiteres Ergebnis: Drei Viertel der
#: Befragten gaben an, …").
VERSION = 16

_POSSESSIVE = attribution_words("information_possessive")  # "nach ihren Informationen"
_DASHES = ("–", "—", "-")  # a headline's parts: "Parlament stimmt für Referendum – Tsipras: „…“"
_COMPLEMENTISERS = attribution_words("complementiser")
_TRAILING = frozenset({".", "!", "?", ",", ";", ":", "…"})
_REPORTIVE_SOLL = attribution_words("reportive_modal")
#: A time ahead turns "soll" into a plan or obligation: "Er soll morgen kommen" (see docs/attribution.md).
_FUTURE = attribution_words("future_time")
_FINITE_AUX = attribution_words("finite_aux")
_RELATIVE_PRONOUNS = attribution_words("relative_pronoun")
_PERFECT_AUX = attribution_words("perfect_infinitive_aux")  # "sollen geflossen sein", "erschossen haben"
#: Verb classes whose bare use ("Dmitriew äußerte sich optimistisch") is reported speech.
_BARE_REPORTED = frozenset({"speech", "report", "demand"})


@dataclass
class DraftStatement:
    """A statement before it is written to the record (with its speaker's offsets, for evaluation)."""

    start: int
    end: int
    kind: str
    speaker: SpeakerRef | None = None
    cue: tuple[int, int] | None = None
    hedged: bool = False
    chain: list[Source] = field(default_factory=list)
    carried: bool = False  # takes the current outlet chain ("demnach")
    soll: bool = False  # reportive "soll": takes the nearest outlet chain
    free: bool = False  # free indirect speech
    nested: bool = False  # a quotation inside another statement
    report_of_outlet: bool = False  # "einem Bericht zufolge": the report of the article's one reporting outlet
    kind_rule: str = ""  # the rule that decided the kind (and the span)
    kind_at: tuple[int, int] | None = None  # the words it read when there is no cue ("soll", "nehme")
    source_rule: str = ""  # the rule that decided the source chain
    open_end: bool = False  # an unmarked direct quote running to the end of its unit: first person after it goes on
    also: list[tuple[str, tuple[int, int] | None]] = field(default_factory=list)  # further kind/span rules, trace
    no_speaker_rule: str = ""  # the rule that decided on purpose that nobody is named ("own_colon"), trace

    def __setattr__(self, name: str, value: object) -> None:
        super().__setattr__(name, value)
        if name in ("start", "end"):
            holder = self.__dict__.get("_found")
            if holder is not None:
                holder.moved(self)  # a statement whose span changes may overlap what it could not before


class _Found(list[DraftStatement]):
    """The statements found so far, in the order found; and which of them may overlap what is read next, so that
    asking for the statements over a span of the unit being read (or the one before) is no pass over all of them.

    :meth:`retire` takes out of the live ones those ending at or before an offset (the start of the unit just
    covered: the units come in text order); a statement whose start or end changes later is live again
    (:meth:`DraftStatement.__setattr__`). So every statement that is not live ends at :attr:`horizon` or before,
    and :meth:`since` answers from the live ones for a span starting there or after. The stage only appends,
    removes and reads: other changes to the list are refused; a statement appended twice, or held by another list,
    turns the live answers off (``exact``): :meth:`since` then gives every statement."""

    def __init__(self) -> None:
        super().__init__()
        self.exact = True
        self.horizon = -1
        self._order: dict[int, int] = {}  # id(statement) → its number in the order found
        self._live: dict[int, DraftStatement] = {}
        self._next = 0

    def append(self, f: DraftStatement) -> None:
        super().append(f)
        if id(f) in self._order or "_found" in f.__dict__:
            self.exact = False  # the same statement twice, or in another list: every question asks them all
        self._order[id(f)] = self._next
        self._next += 1
        self._live[id(f)] = f
        object.__setattr__(f, "_found", self)

    def remove(self, f: DraftStatement) -> None:
        k = self.index(f)  # list.remove's choice: the first one equal to ``f``
        gone = self[k]
        super().__delitem__(k)
        self._order.pop(id(gone), None)
        self._live.pop(id(gone), None)
        gone.__dict__.pop("_found", None)

    def moved(self, f: DraftStatement) -> None:
        if id(f) in self._order:
            self._live[id(f)] = f

    def retire(self, offset: int) -> None:
        """Statements ending at ``offset`` or before overlap nothing from there on (until their span changes)."""
        for key in [key for key, f in self._live.items() if f.end <= offset]:
            del self._live[key]
        self.horizon = max(self.horizon, offset)

    def since(self, offset: int, upto: int | None = None) -> list[DraftStatement]:
        """In the order found, the statements that may overlap anything at ``offset`` or after (every one that ends
        after it, and maybe others); among the first ``upto`` ones when given."""
        last = len(self) if upto is None else min(upto, len(self))
        if not self.exact or offset < self.horizon:
            return self[:last]
        if last <= 0:
            return []
        bound = self._order[id(self[last - 1])]
        return sorted((f for key, f in self._live.items() if self._order[key] <= bound), key=lambda f: self._order[id(f)])

    def release(self) -> list[DraftStatement]:
        """The statements as a plain list, no longer reporting to this one."""
        for f in self:
            f.__dict__.pop("_found", None)
        return list(self)

    def _changed(self, *args, **kwargs):
        raise NotImplementedError("_Found: only append and remove")

    insert = extend = pop = clear = sort = reverse = __setitem__ = __delitem__ = __iadd__ = _changed


@dataclass
class _State:
    history: list[SpeakerRef] = field(default_factory=list)
    chain: list[Source] = field(default_factory=list)
    last_speech_unit: int = -10
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (unit, a, b) of the units read so far
    unit: int = 0


class _Article:
    """The article as words, sentences and quotations, and the statements found so far."""

    def __init__(self, record: Record):
        self.record = record
        self.text = record.text
        self.words = segment.words(record)
        self.starts = [w.start for w in self.words]
        self.low = [w.text.lower() for w in self.words]
        self.mentions = Mentions(record)
        self.quotations = quotes.quotations(record, [(w.start, w.text) for w in self.words if w.text in quotes.MARKS])
        self.inq = [False] * len(self.words)
        self.quote_words: list[tuple[int, int, quotes.Quotation]] = []
        for q in self.quotations:
            a, b = self.word_range(q.start, q.end)
            for i in range(a, b):
                self.inq[i] = True
            if b > a:
                self.quote_words.append((a, b, q))
        # the quotations' first and past-the-last words; both in order (as quotations do not overlap): by bisection
        self._qa = [qa for qa, _, _ in self.quote_words]
        self._qb = [qb for _, qb, _ in self.quote_words]
        self._q_sorted = all(x <= y for x, y in pairwise(self._qa)) and all(x <= y for x, y in pairwise(self._qb))
        self._q_starts = [q.start for q in self.quotations]
        self._q_starts_sorted = all(x <= y for x, y in pairwise(self._q_starts))
        self.found = _Found()
        self.state = _State()

    def quotes_within(self, a: int, b: int) -> list[tuple[int, int, quotes.Quotation]]:
        """The quotations' words that may lie within words ``[a, b)``, in order: all with ``qa >= a and qb <= b``."""
        if not self._q_sorted:
            return self.quote_words
        return self.quote_words[bisect.bisect_left(self._qa, a) : bisect.bisect_right(self._qb, b)]

    def quotes_over(self, a: int, b: int) -> list[tuple[int, int, quotes.Quotation]]:
        """The quotations' words that may overlap words ``[a, b)``, in order: all with ``qa < b and qb > a``."""
        if not self._q_sorted:
            return self.quote_words
        return self.quote_words[bisect.bisect_right(self._qb, a) : bisect.bisect_left(self._qa, b)]

    def quotations_starting(self, start: int, end: int) -> list[quotes.Quotation]:
        """The quotations that may start in ``[start, end)`` (offsets): all that do."""
        if not self._q_starts_sorted:
            return self.quotations
        return self.quotations[bisect.bisect_left(self._q_starts, start) : bisect.bisect_left(self._q_starts, end)]

    @cached_property
    def entity_names(self) -> dict[str, str]:
        """Entity id → the name of the first entity with it."""
        out: dict[str, str] = {}
        for e in self.record.entities:
            out.setdefault(e.id, e.name)
        return out

    def word_range(self, start: int, end: int) -> tuple[int, int]:
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)

    def span(self, a: int, b: int) -> tuple[int, int]:
        return self.words[a].start, self.words[b - 1].end

    def speaker(self, lo: int, hi: int, cue: int) -> SpeakerRef | None:
        return speaker_for_cue(self.words, lo, hi, cue, self.text, self.mentions)

    def link(self, ref: SpeakerRef) -> SpeakerRef:
        return link(ref, self.record, self.state.history, self.mentions)


@stage(
    "attribution",
    version=VERSION,
    order=50,
    requires=("text", "meta", "paragraphs", "doc", "sentences", "entities", "times"),
    assigns=("statements",),
)
def attribution(record: Record) -> None:
    """Fill ``record.statements`` (the attribution stage)."""
    record.statements = statements(record, attribute(record))


def attribute(record: Record) -> list[DraftStatement]:
    """The statements of ``record`` with their speakers' offsets (the stage's working form)."""
    if record.doc is None or not record.sentences:
        return []
    art = _Article(record)
    for unit_sentences, a, b in _units(art):
        if b <= a:
            continue
        before = len(art.found)
        art.state.spans.append((art.state.unit, a, b))
        _unit(art, a, b)
        _speech_before_speaker(art, unit_sentences, a, before)
        _frame_names_sentence_before(art, unit_sentences, a, before)
        _cover(art, unit_sentences, before)
        art.found.retire(min(record.sentences[k].start for k in unit_sentences))
        art.state.unit += 1
    _fill_soll_chains(art)
    _resolve_unnamed_reports(art)
    return art.found.release()


def _units(art: _Article):
    """Sentences grouped so that a quotation running over several sentences stays in one unit."""
    record = art.record
    groups: list[list[int]] = []
    end_of_group = -1
    for k, s in enumerate(record.sentences):
        if groups and k <= end_of_group:
            groups[-1].append(k)
            continue
        groups.append([k])
        end_of_group = k
        for q in art.quotations_starting(s.start, s.end):
            if s.start <= q.start < s.end:
                last_k = record.sentence_at(max(q.start, q.end - 1))
                if last_k is not None:
                    end_of_group = max(end_of_group, last_k)
    for g in groups:
        first, last = record.sentences[g[0]], record.sentences[g[-1]]
        a, b = art.word_range(first.start, last.end)
        yield g, a, b


def _cover(art: _Article, unit_sentences: list[int], before: int) -> None:
    """Every sentence is in a statement: what no statement covers is asserted."""
    record = art.record
    covered = [False] * len(unit_sentences)
    # also an earlier statement a first-person sentence continues (the statements ending before the unit cover none)
    for f in art.found.since(min(record.sentences[k].start for k in unit_sentences)):
        for n, k in enumerate(unit_sentences):
            s = record.sentences[k]
            if f.start < s.end and s.start < f.end:
                covered[n] = True
    for n, k in enumerate(unit_sentences):
        if not covered[n]:
            s = record.sentences[k]
            a, b = art.word_range(s.start, s.end)
            art.found.append(
                DraftStatement(s.start, s.end, "asserted", hedged=_hedged(art, a, b), kind_rule="uncovered_sentence")
            )


def _unit(art: _Article, a: int, b: int) -> None:
    """The first of :data:`UNIT_RULES` that takes the unit ``[a, b)`` writes its statements."""
    for rule in UNIT_RULES:
        if rule(art, a, b):
            return


def _trim(art: _Article, a: int, b: int) -> int:
    while b > a + 1 and art.words[b - 1].text in _TRAILING and not art.inq[b - 1]:
        b -= 1
    return b


def _quotation_share(art: _Article, a: int, b: int) -> tuple[int, int] | None:
    """The quotation that makes up most of ``[a, b)``, if one does."""
    n = sum(1 for i in range(a, b) if art.words[i].text.isalnum() or len(art.words[i].text) > 1)
    for qa, qb, _ in art.quotes_within(a, b):
        if qa >= a and qb <= b:
            inside = sum(1 for i in range(qa, qb) if art.words[i].text.isalnum() or len(art.words[i].text) > 1)
            if n and inside / n >= 0.6:
                return qa, qb
    return None


def _recent_speaker(art: _Article, gap: int = 1) -> SpeakerRef | None:
    st = art.state
    if st.history and st.unit - st.last_speech_unit <= gap:
        return st.history[-1]
    return None


def _continued(art: _Article, gap: int, rule: str = "continues_last_speaker") -> SpeakerRef | None:
    """The last speaker, if one spoke within ``gap`` sentence units, carried on by ``rule``."""
    prev = _recent_speaker(art, gap)
    return prev.carried(rule) if prev is not None else None


def _subject_of_sentence_before(art: _Article, a: int) -> SpeakerRef | None:
    """Das Robert-Koch-Institut sieht keine besondere Gefahr. Lediglich Personen mit Geflügelkontakt seien zu
    schützen. → the second sentence is the institute's: a sentence without a speaker of its own right after the
    outlet's own sentence (no statement in it, no Konjunktiv, same paragraph) whose subject can speak continues
    that subject (``subject_of_sentence_before``), not a speaker from an earlier paragraph. Not when the sentence
    before was speech, or the last speaker spoke two sentences before in the same paragraph (they go on), nor a
    pronoun subject or an object ("Der Wetterdienst erwartet Sturm.": Sturm never)."""
    st = art.state
    if len(st.spans) < 2:
        return None
    unit, pa, pb = st.spans[-2]
    if unit != st.unit - 1 or st.last_speech_unit >= unit or pb <= pa:
        return None
    ps, pe = art.span(pa, pb)
    if not _same_paragraph(art, ps, art.words[a].start):
        return None
    if any(f.kind != "asserted" for f in art.found.since(ps) if f.start < pe and ps < f.end and not f.nested):
        return None
    if _has_mood(art, pa, pb, strong=False):  # "Helfen könnten Pädagogen …": already someone's words, not the outlet's
        return None
    prev = _recent_speaker(art, 2)
    if prev is not None and _same_paragraph(art, prev.start, art.words[a].start):
        return None  # "…, wie das Unternehmen mitteilte. Die Kunden erhielten Zugang. Das Programm solle …": it goes on
    ref = sentence_subject(art.words, pa, pb, art.text, art.mentions)
    if ref is None:
        return None
    ref = art.link(ref)
    st.history.append(ref)
    return ref


def _subject_of_main_clause(art: _Article, a: int, b: int, i: int) -> SpeakerRef | None:
    """Der Berliner Senat hatte sich erhofft, dass der Erlös in den Landeshaushalt fließe. → the senate's: Konjunktiv
    I only in a clause after the first comma (opened by a complementiser, "dass", "ob", or with the mood verb right
    behind it: "Ein Sprecher schränkte ein, es sei …") and an indicative main clause before it whose subject
    can speak, and whose verb is not "sein" or "werden" ("Seine Frau ist operiert worden, …"): that subject says
    it (``subject_of_main_clause``)."""
    comma = next((k for k in range(a, i) if art.words[k].text == "," and not art.inq[k]), None)
    if comma is None or comma <= a + 1 or _has_mood(art, a, comma, strong=False):
        return None
    if not (art.low[comma + 1] in _COMPLEMENTISERS or i <= comma + 3):
        return None
    ref = sentence_subject(art.words, a, comma, art.text, art.mentions, rule="subject_of_main_clause")
    if ref is None:
        return None
    verb = art.word_range(ref.end, ref.end + 1)[0]
    while (verb < comma and art.words[verb].text in (",", ")", "(")) or (verb < comma and art.inq[verb]):
        verb += 1
    if verb < comma and art.low[verb] in attribution_words("copula") | attribution_words("passive_aux"):
        return None  # "Seine Frau ist … operiert worden, …": a state, not a saying
    return art.link(ref)


def _mood_word(art: _Article, a: int, b: int, strong: bool = True) -> int | None:
    """Index of the first Konjunktiv I verb (with ``strong=False`` also a Konjunktiv II stand-in) in ``[a, b)``."""
    words = art.words
    for i in range(a, b):
        if art.inq[i]:
            continue
        m = mood(words[i].text, words[i - 1].text if i > 0 else "", words[i + 1].text if i + 1 < len(words) else "")
        if m == "KI" or (m == "KII" and not strong):
            return i
    return None


def _has_mood(art: _Article, a: int, b: int, strong: bool = True) -> bool:
    return _mood_word(art, a, b, strong) is not None


def _first_person(art: _Article, a: int, b: int) -> int | None:
    """Index of the first word of the first person outside quotations in ``[a, b)`` ("wir", "unser", "mich",
    from ``lang/de/first_person.tsv``), not the outlet speaking of itself ("unsere Redaktion")."""
    words, outlet_self = first_person()
    for i in range(a, b):
        if art.inq[i] or art.low[i] not in words:
            continue
        if i + 1 < b and art.low[i + 1] in outlet_self:
            continue
        return i
    return None


def _speech_quote_in(art: _Article, a: int, b: int) -> bool:
    """A quotation of words someone said lies in ``[a, b)`` (not a name or title: "„Faust“")."""
    return any(
        qa < b and qb > a and _speech_like(art, qa, qb) and not _name_in_quotes(art, qa, qb)
        for qa, qb, _ in art.quotes_over(a, b)
    )


def _first_person_sentence(art: _Article, a: int, b: int) -> int | None:
    """The first-person word of an unmarked sentence ``[a, b)`` that reads as someone's words: no quotation of
    speech in it, no question (an interviewer asks), no Konjunktiv I (indirect speech is in the third person)."""
    end = _trim(art, a, b)
    if end <= a or _speech_quote_in(art, a, b) or "?" in art.low[end:b] or _has_mood(art, a, end):
        return None
    if _inverted_frame(art, a, end):
        return None  # "…, wird Tarantino zitiert": its own frame names the speaker
    return _first_person(art, a, end)


def _inverted_frame(art: _Article, a: int, b: int) -> bool:
    """A frame after the words it attributes: a clause opening with a verb of saying or reporting, or with an
    auxiliary before one ("…, sagte er", "…, wird Tarantino von Indiewire zitiert"), or ", so X"."""
    for c in _cues(art, a, b):
        if c.what == "so":
            return True
        if c.what != "verb" or c.speech is None or c.speech.cls not in ("speech", "report"):
            continue
        s = _clause_start(art, a, c.index)
        if s > a and art.words[s - 1].text == "," and (s == c.index or art.low[s] in _FINITE_AUX):
            return True
    return False


def _unmarked_kind(
    art: _Article, a: int, b: int, so: bool = False, cls: str = "speech"
) -> tuple[str, tuple[str, tuple[int, int] | None] | None]:
    """The kind of content without quotation marks by its mood, and the rule that read it.

    Konjunktiv I → indirect speech ("Die Lage sei ernst, sagte er"); the first
    person → a direct quote whose marks were stripped ("Wir sind sehr zufrieden,
    sagte Bosch": ``first_person_is_direct``); a Konjunktiv II stand-in →
    indirect ("Starke Winde hätten …"), so is hearsay "soll" with a perfect
    ("Die Summen sollen zurückgeflossen sein, sagte der Ausschuss"; not "Es soll
    schön aus der Düse rausgehen, erklärte Senger"); after "so" or a verb that is
    not one of saying or warning ("…, glaubt er") the indicative
    stays indirect ("Die Fußstapfen sind nicht zu groß, so die Meinung bei
    Ferrari"); else the indicative is a direct quote ("Das ist ein toller Tag,
    sagte die Direktorin": ``indicative_is_direct``); before a verb of reporting
    the indicative is a reported claim ("Für die Zeitung kommt das Aus, das
    berichtet der Guardian": ``indicative_report_is_reported``). With a quotation inside,
    the content stays indirect: the quotation is the direct quote.
    """
    if b <= a or any(art.inq[a:b]) or _has_mood(art, a, b):
        return "indirect_speech", None
    fp = _first_person(art, a, b)
    if fp is not None:
        return "direct_quote", ("first_person_is_direct", art.span(fp, fp + 1))
    if cls == "report" and not so and not _has_mood(art, a, b, strong=False):
        return "reported", ("indicative_report_is_reported", None)  # "…, das berichtet der Guardian am Freitag"
    hearsay = _has_soll(art, a, b) and any(w in _PERFECT_AUX for w in art.low[a:b])  # "sollen geflossen sein"
    if so or cls not in ("speech", "demand") or _has_mood(art, a, b, strong=False) or hearsay:
        return "indirect_speech", None
    return "direct_quote", ("indicative_is_direct", None)


#: A report phrase of one word that is also a preposition before a noun of information ("laut", "gemäß").
_INFORMATION_PHRASE_FIRST = attribution_words("information_preposition") & frozenset(
    p[0] for p, where in report_cues() if len(p) == 1 and where == "after"
)


@lru_cache(maxsize=1)
def _phrase_firsts() -> frozenset[str]:
    return frozenset(p[0] for p, _ in report_cues())


@lru_cache(maxsize=1)
def _hedge_words() -> frozenset[str]:
    return frozenset(w for p in hedges() for w in p)


def _hedged(art: _Article, a: int, b: int) -> bool:
    low = art.low[a:b]
    if _hedge_words().isdisjoint(low):
        return False
    for phrase in hedges():
        n = len(phrase)
        for i in range(len(low) - n + 1):
            if tuple(low[i : i + n]) == phrase:
                return True
    return False


def _add(art: _Article, f: DraftStatement) -> DraftStatement:
    """Record a statement; link its speaker and keep the speaker history and source chain."""
    if f.speaker is not None and not f.nested:
        art.link(f.speaker)
        art.state.history.append(f.speaker)
        art.state.last_speech_unit = art.state.unit
    elif f.kind in ("indirect_speech", "direct_quote") and f.speaker is not None:
        art.state.last_speech_unit = art.state.unit
    art.found.append(f)
    return f


def _nested(art: _Article, a: int, b: int, outer: DraftStatement) -> None:
    """Quotations inside a statement's content are direct quotes of the same speaker."""
    for qa, qb, q in art.quotes_within(a, b):
        if qa < a or qb > b or (q.start, q.end) == (outer.start, outer.end):
            continue
        skip = quoted_name_rule(art, qa, qb) or (
            "quotation_in_speaker_phrase" if _in_speaker_phrase(outer, q.start, q.end) else None
        )
        if skip is not None:
            outer.also.append((skip, (q.start, q.end)))  # a name in quotation marks: no statement of its own
        elif not _name_in_quotes(art, qa, qb):
            speaker = outer.speaker.carried("speaker_of_enclosing_statement") if outer.speaker else None
            art.found.append(
                DraftStatement(
                    q.start,
                    q.end,
                    "direct_quote",
                    speaker=speaker,
                    cue=outer.cue,
                    hedged=outer.hedged,
                    chain=outer.chain,
                    carried=outer.carried,
                    nested=True,
                    kind_rule="quotation_inside_statement",
                    source_rule=outer.source_rule,
                )
            )


def _in_speaker_phrase(outer: DraftStatement, start: int, end: int) -> bool:
    """Ein Posting eines „Bürgers“ berichtete von … → a quotation inside the speaker's own phrase belongs to how the
    speaker is named, not to what was said (``quotation_in_speaker_phrase`` in the trace)."""
    sp = outer.speaker
    return sp is not None and sp.start <= start and end <= sp.end


def _own_words(art: _Article, a: int, b: int, kind: str) -> list[tuple[str, tuple[int, int] | None]]:
    """The trace step of a content that is mostly a quotation but has words of its own, so it is not itself the
    direct quote (``quotation_with_own_words``; see :func:`_content_kind`)."""
    q = _quotation_share(art, a, b) if kind != "direct_quote" else None
    return [("quotation_with_own_words", art.span(*q))] if q is not None else []


def _content_kind(art: _Article, a: int, b: int, default: str, whole: bool = False) -> tuple[str, int, int]:
    """The kind and span of a cue's content: a quotation that makes up most of it is a direct quote. With
    ``whole``, only a quotation that is all of it (``quotation_with_own_words``): "Ein Polizeisprecher meinte,
    der Ehemann „konnte sich nicht abfinden“" is indirect speech with a direct quote inside."""
    q = _quotation_share(art, a, b)
    if q is not None and not _has_mood(art, a, b):
        if whole and any(
            art.words[i].text.isalnum() and art.low[i] not in _COMPLEMENTISERS for i in [*range(a, q[0]), *range(q[1], b)]
        ):
            return default, a, b
        return "direct_quote", q[0], q[1]
    return default, a, b


# --- cues -------------------------------------------------------------------


@dataclass
class _Cue:
    index: int
    length: int
    what: str  # verb | noun | so | report | carry
    speech: SpeechCue | None = None
    where: str = ""


def _cues(art: _Article, a: int, b: int) -> list[_Cue]:
    words = art.words
    forms = speech_readings()
    phrases = report_cues()
    found: list[_Cue] = []
    low = art.low[a:b]
    firsts = _phrase_firsts()
    i = a
    while i < b:
        if art.inq[i]:
            i += 1
            continue
        t = words[i].text
        matched = False
        # "Laut einer Studie der Bertelsmann Stiftung": a noun of information after "laut"/"gemäß" is the cue, not the
        # preposition alone (its source is the holder after the noun, as after "nach")
        n = _held_information_phrase(art, a, i, b) if low[i - a] in _INFORMATION_PHRASE_FIRST else 0
        for phrase, where in phrases if low[i - a] in firsts and not n else ():
            n = len(phrase)
            if tuple(low[i - a : i - a + n]) == phrase:
                found.append(_Cue(i, n, "carry" if where == "carry" else "report", where=where))
                i += n
                matched = True
                break
        if matched:
            continue
        n = _information_phrase(art, i, b) if low[i - a] in attribution_words("information_preposition") else 0
        n = n or (_held_phrase(art, a, i, b) if low[i - a] in held_cues() else 0)
        if n:  # "Nach ersten Ermittlungen der Polizei", "nach eigenen Angaben", "Nach Zahlen des Ministeriums"
            found.append(_Cue(i, n, "report", where="noun"))
            i += n
            continue
        n = _opinion_phrase(art, i, b) if low[i - a] in _holders() else 0
        if n:  # "seiner Meinung nach", "Dem Vernehmen nach"
            found.append(_Cue(i, n, "report", where="opinion"))
            i += n
            continue
        readings = forms.get(t) or (forms.get(t.lower()) if i == a else None)
        if readings:
            if readings[0].cls == "noun":
                found.append(_Cue(i, 1, "noun", readings[0]))
            elif (t.islower() or i == a) and not _attributive_participle(art, a, i, b):
                # the reading whose particle closes the clause ("gab … an"), else the one without a particle
                with_particle = [r for r in readings if r.particle and _particle_follows(art, i, b, r.particle)]
                plain = [r for r in readings if not r.particle]
                sc = next(iter(with_particle or plain), None)
                if sc is not None:
                    found.append(_Cue(i, 1, "verb", sc))
        elif low[i - a] == "so" and i > a and words[i - 1].text in (",", "“", '"', "”", "«", "»") and i + 1 < b:
            found.append(_Cue(i, 1, "so"))
        i += 1
    return found


def _attributive_participle(art: _Article, a: int, i: int, b: int) -> bool:
    """Eine oft kritisierte Regel fällt. → "kritisierte" is an adjective, no verb of saying: a form with an
    adjective ending before a capitalised noun, after an article (``attribution_words.tsv``
    attributive_determiner: "ein", "keine" …) and at most two lower-case words ("eine oft beklagte Lücke")."""
    w = art.low[i]
    if not w.endswith(("e", "en", "er", "es", "em")) or i + 1 >= b or art.inq[i + 1]:
        return False
    if not art.words[i + 1].text[:1].isupper() or not art.words[i + 1].text[:1].isalpha():
        return False
    j = i - 1
    while j >= a and j >= i - 3:
        if art.low[j] in attribution_words("attributive_determiner"):
            return True
        if not (art.words[j].text.isalpha() and art.words[j].text.islower()) or art.inq[j]:
            return False
        j -= 1
    return False


def _bare_ok(art: _Article, a: int, b: int, c: int, sc: SpeechCue | None) -> bool:
    """A verb of saying without a clause reports speech unless it stands in a relative clause ("…, der zehn
    Brandstiftungen gestand") or lacks the preposition it needs ("sprach von …", not "sprach mit …"). A relative
    clause ends with its verb: "…, die Polizei spricht von 4.000 Teilnehmern" is a main clause whose subject opens
    with "die" (``article_not_relative``)."""
    s = _clause_start(art, a, c)
    if s > a and art.low[s] in _RELATIVE_PRONOUNS and _verb_closes_clause(art, c, b):
        return False
    needs = bare_verbs()[sc.lemma][0] if sc is not None and sc.lemma in bare_verbs() else frozenset()
    if needs:  # "sprach von …", "geht von Suizid aus", not "sprach mit …"
        return any(w.endswith(tuple(needs)) for w in art.low[c + 1 : _clause_end_comma(art, c + 1, b)])
    return True


def _verb_closes_clause(art: _Article, c: int, b: int) -> bool:
    """The verb at ``c`` (with its auxiliaries after it) ends its clause: "…, der zehn Brandstiftungen gestand."."""
    j = c + 1
    while j < b and art.low[j] in _FINITE_AUX:
        j += 1
    return j >= b or art.words[j].text in _TRAILING or art.words[j].text in ("–", "-", ")")


def _finite(art: _Article, a: int, c: int) -> bool:
    """The cue is the finite verb of its clause: no auxiliary or modal before it ("wurde bestätigt",
    "hat eingeräumt", "soll warnen" are about, not by, the speaker). A quotation inside the clause does not end
    it: "Bisher habe die Regierung eine „zentrale Datei“ ausgeschlossen" has its auxiliary."""
    after = art.low[c + 1] if c + 1 < len(art.low) else ""
    s = _clause_start(art, a, c, past_quotes=True)
    return not (any(w in _FINITE_AUX for w in art.low[s:c]) or after in _FINITE_AUX)


def _other_speaker_clause(art: _Article, a: int, b: int, s: int, cues: list[_Cue]) -> int:
    """Where the claim of a report phrase in the clause starting at ``s`` ends: at the comma before a later main
    clause whose finite verb of saying has its own subject ("Nach Angaben der Veranstalter demonstrierten 7.000
    Menschen, die Polizei spricht von 4.000 Teilnehmern"), else at ``b``."""
    for c in cues:
        if c.what != "verb" or c.speech is None or c.speech.cls not in ("speech", "report"):
            continue
        k = _clause_start(art, a, c.index)
        if (
            k > s
            and art.words[k - 1].text == ","
            and k < c.index
            and _finite(art, a, c.index)
            and not _verb_closes_clause(art, c.index, b)
            and noun_phrase(art.words, k, c.index) == c.index
        ):
            return k - 1
    return b


def _verb_speaks(art: _Article, a: int, b: int, c: _Cue) -> bool:
    """A verb of saying beside "laut X" says something itself: it is finite ("Heute bestätigte X laut Reuters …")
    or has a clause ("hat laut Reuters angekündigt, dass …"). Not a participle after an auxiliary with no clause:
    "Laut Innenminister Rubalcaba werden die Fluglotsen dem Militärrecht unterstellt" rests on the minister
    (``laut_beside_participle``)."""
    return _finite(art, a, c.index) or _complement_after(art, c.index, b, strong_only=False) is not None


@lru_cache(maxsize=1)
def _holders() -> frozenset[str]:
    return attribution_words("holder") | attribution_words("holder_article")


def _opinion_phrase(art: _Article, i: int, b: int) -> int:
    """Length of "seiner/ihrer (adjectives) NOUN-of-information nach" or "dem Vernehmen nach" starting at ``i``
    (the noun before its postposition), or 0."""
    nouns = information_nouns()
    j = i + 1
    while j < b and j - i <= 3 and not art.inq[j]:
        w = art.low[j]
        if art.words[j].text[:1].isupper():
            return j - i + 2 if w.endswith(nouns) and j + 1 < b and art.low[j + 1] == "nach" else 0
        if not w.isalpha():
            return 0
        j += 1
    return 0


def _information_phrase(art: _Article, i: int, b: int) -> int:
    """Length of "nach (adjectives) NOUN-of-information" starting at ``i``, or 0."""
    nouns = information_nouns()
    j = i + 1
    while j < b and j - i <= 4:
        w = art.low[j]
        if art.words[j].text[:1].isupper():
            return j - i + 1 if w.endswith(nouns) else 0
        if not w.isalpha():
            return 0
        j += 1
    return 0


def _seeking(word: str) -> bool:
    """A form of a verb that governs "nach": "suchte", "gefragt", "verlangen" (``attribution_words.tsv``)."""
    return word.isalpha() and word.islower() and word.startswith(_SEEKING)


_SEEKING = tuple(sorted(stem for s in attribution_words("seeking_stem") for stem in (s, "ge" + s)))


def _held_information_phrase(art: _Article, a: int, i: int, b: int) -> int:
    """Length of "laut"/"gemäß" with a noun of information (:func:`_information_phrase`) when the noun has its holder:
    the last speaker's ("gemäß seiner Aussage"), the subject's own ("Der Berater hat laut eigenen Angaben …"; not a
    pronoun's, which may point at the wrong person) or one who can speak after it ("Laut einer Studie der
    Bertelsmann Stiftung"), else 0 — "laut" alone is the cue then, and the source all that follows it ("laut
    Auskunft Barcas", "laut Informationen aus Ungarn")."""
    n = _information_phrase(art, i, b)
    if not n or art.inq[i + n - 1]:
        return 0
    if art.low[i + 1] in _POSSESSIVE:
        return n
    if art.low[i + 1] in attribution_words("own"):
        own = _own_holder(art, _clause_start(art, a, i), i)
        return n if own is not None and not own.pronoun else 0
    end = i + n
    if end + 1 < b and art.low[end] in attribution_words("source_opener"):
        holder = noun_phrase(art.words, end + 1, b)
        if holder > end + 1 and can_speak(art.words, end + 1, holder, art.mentions, strict=True):
            return n
    return 0


def _laut_noun(art: _Article, c: _Cue) -> bool:
    """The cue is "laut"/"gemäß" with a noun of information ("laut einem Bericht der Presse"): beside a verb of
    saying it is the report the speaker's words come through, as "laut" alone is."""
    return c.where == "noun" and art.low[c.index] in _INFORMATION_PHRASE_FIRST


def _held_phrase(art: _Article, a: int, i: int, b: int) -> int:
    """Length of a ``held`` phrase of ``report_cues.tsv`` starting at ``i`` — its preposition, lower-case adjectives,
    its noun as the whole word — when a holder who can speak follows it (:func:`speakers.can_speak`, names only
    as the entities stage found them), or 0. "Nach Zahlen des Arbeitsministeriums", "aus Sicht der EU-Kommission"
    are reports; "nach Zahlen von 2019", "nach Daten der vergangenen Jahre", "aus Sicht der Hardware" name no one,
    and "die Suche nach Daten der Opfer", "Die Polizei suchte nach Daten der Bundeswehr" are no reports: the
    preposition hangs on the noun before it (a time may stand there: "im Oktober nach Zahlen des Ministeriums") or on
    a verb of seeking in its clause, before or after it (``attribution_words.tsv``, seeking_stem)."""
    nouns = held_cues()[art.low[i]]
    if i > a and art.words[i - 1].text[:1].isupper() and art.words[i - 1].text.isalpha():
        before = art.words[i - 1]
        if not art.mentions.is_time(before.start, before.end):
            return 0
    if any(_seeking(art.words[k].text) for k in range(_clause_start(art, a, i), _clause_end_comma(art, i, b))):
        return 0  # "Die Polizei suchte nach Daten der Bundeswehr", "Sie haben nach Zahlen des Amts gefragt"
    j = i + 1
    while j < b and j - i <= 3 and art.low[j].isalpha() and not art.words[j].text[:1].isupper():
        j += 1
    if j + 1 >= b or art.low[j] not in nouns or art.inq[j] or art.low[j + 1] not in attribution_words("source_opener"):
        return 0
    end = noun_phrase(art.words, j + 2, b)
    if end <= j + 2 or not can_speak(art.words, j + 2, end, art.mentions, strict=True):
        return 0
    return j - i + 1


def _particle_follows(art: _Article, i: int, b: int, particle: str) -> bool:
    """The separated particle of the verb at ``i`` closes its clause: "teilte … mit.", not "warf … vor der Russin".
    An apposition between commas does not end the clause: "Zu dieser Zeit ging Celebi, die Anwältin der Frau,
    noch davon aus, dass …"."""
    if i > 0 and art.words[i - 1].text == particle and particle not in attribution_words("infinitive_marker"):
        return True  # "wie die Bank bekannt gab" (not "zu geben": the infinitive, not "zugeben")
    j, limit = i + 1, min(b, i + 12)
    while j < limit:
        t = art.words[j].text
        if t == particle:
            return j + 1 >= b or art.words[j + 1].text in (",", ".", ":", ";", "und", "!", "?", "–", "—", ")") or art.inq[j + 1]
        if t == "," and not art.inq[j]:
            k = _apposition_end(art, j, b)
            if k is None:
                return False
            j, limit = k + 1, min(b, limit + k + 1 - j)
            continue
        if t in (";", ":", ".") and not art.inq[j]:
            return False
        j += 1
    return False


def _clause_start(art: _Article, lo: int, i: int, past_quotes: bool = False) -> int:
    """Start of the clause holding ``i``: after the last comma, colon or semicolon, or a quotation (with
    ``past_quotes`` only after punctuation outside quotations: a name in quotation marks inside the clause,
    "in der Meldung von „con energy“ wörtlich:", does not end it)."""
    s = i
    while (
        s > lo and not (art.words[s - 1].text in (",", ":", ";") and not art.inq[s - 1]) and (past_quotes or not art.inq[s - 1])
    ):
        s -= 1
    return s


def _complement_after(art: _Article, c: int, b: int, strong_only: bool) -> int | None:
    """Start of the clause a cue introduces after it (", dass …", ", Moskaus Einfluss nehme zu"), if any. An
    apposition between commas is passed over: "ging Celebi, die Anwältin der Frau, davon aus, dass …"."""
    words = art.words
    j, limit = c, min(b, c + 12)
    while j + 1 < limit:
        j += 1
        t = words[j].text
        if t == "," and not art.inq[j]:
            k = _apposition_end(art, j, b)
            if k is not None:
                limit = min(b, limit + k - j)
                j = k  # on past the apposition's closing comma
                continue
        if art.inq[j]:
            if j == c + 1 or words[j - 1].text in (",", ":"):
                return j  # "sagte „…“"
            return None
        if t in (",", ":"):
            k = j + 1
            if k >= b:
                return None
            if words[k].text.lower() in _COMPLEMENTISERS:
                return k
            if t == "," and words[k].text.islower() and speech_readings().get(words[k].text):
                return None  # "…, den die New York Times zitiert, kommentierte, …": the clause of the next verb
            end = _clause_end(art, k, b)
            zu = _zu_infinitive(art, k, end)
            if _has_mood(art, k, end, strong=strong_only) or (zu and art.low[k] not in attribution_words("purpose")):
                return k  # not "…, um den Weg für Neuwahlen freizumachen": a purpose, not what was said
            return None
        if t in (".", ";", "!", "?") or (art.low[j] == "und" and j + 1 < b and art.words[j + 1].text.islower()):
            return None  # "fügte er hinzu und sagte, …": the next verb's (not "die Regierung aus CDU und SPD, …")
    return None


def _apposition_end(art: _Article, comma: int, b: int) -> int | None:
    """After the comma at ``comma``: the index of the comma closing an apposition ("…, die Anwältin der Frau, …"),
    when only noun phrases stand between the two and no complement opens after the second."""
    k = next(
        (k for k in range(comma + 1, min(b, comma + 10)) if art.words[k].text in (",", ";", ".", ":") and not art.inq[k]), None
    )
    if k is None or k == comma + 1 or art.words[k].text != "," or any(art.inq[comma + 1 : k]):
        return None
    if not _appositions(art, comma + 1, k):
        return None
    return k


def _zu_infinitive(art: _Article, k: int, end: int) -> bool:
    """The clause is a zu-infinitive ("…, kurzfristig zurückzutreten", "…, die Frau halten zu können")."""
    j = end
    while j > k and (art.words[j - 1].text in _TRAILING or art.inq[j - 1]):
        j -= 1
    if j - k < 2:
        return False
    last = art.low[j - 1]
    if not last.endswith(("en", "rn", "ln")) or not last.isalpha():
        return False
    return art.low[j - 2] == "zu" or (j - 3 >= k and art.low[j - 3] == "zu") or ("zu" in last[2:-3] and last in _zu_forms())


@lru_cache(maxsize=1)
def _zu_forms() -> frozenset[str]:
    """zu-infinitives of particle verbs ("zurückzutreten"), from the verb list."""
    out = set()
    for v in infinitives():
        for p in attribution_words("separable_particle"):
            if v.startswith(p) and len(v) > len(p) + 3:
                out.add(p + "zu" + v[len(p) :])
    return frozenset(out)


def _clause_end(art: _Article, k: int, b: int) -> int:
    for j in range(k, b):
        if art.words[j].text in (".", ";") and not art.inq[j]:
            return j
    return b


# --- the sentence unit: the rules ----------------------------------------------------------------


def _colon(art: _Article, a: int, b: int) -> int | None:
    """The first colon of the unit outside quotations, with words on both sides."""
    colon = next((k for k in range(a, b) if art.words[k].text == ":" and not art.inq[k]), None)
    return colon if colon is not None and a < colon and colon + 1 < b else None


def colon_frame(art: _Article, a: int, b: int) -> bool:
    """Sonia und Willy Bogner teilten daraufhin mit: „Das erschüttert uns als Eltern sehr.“ / Und weiter: „…“ /
    Russland hat bislang auf Maximalforderungen beharrt: So solle die Ukraine ihre NATO-Bestrebungen aufgeben."""
    colon = _colon(art, a, b)
    if colon is None:
        return False
    words = art.words
    left = [w.text.lower() for w in words[a:colon]]
    last_clause = _clause_start(art, a, colon)
    if last_clause > a and art.inq[last_clause - 1] and _name_in_frame(art, a, colon):
        last_clause = _clause_start(art, a, colon, past_quotes=True)  # "So heißt es in der Meldung von „X“ wörtlich:"
    cues = [c for c in _cues(art, last_clause, colon) if c.what in ("verb", "noun")]
    rest = [w for w in left if w not in attribution_words("continuation_joiner")]
    continuation = len(rest) == 1 and rest[0] in attribution_words("continuation")
    if not cues and not continuation:
        return False
    if len(cues) == 1 and cues[0].what == "noun" and _heading_noun_before_verb(art, a, cues[0], _cues(art, a, b)):
        return False  # "Weiteres Ergebnis: Drei Viertel der Befragten gaben an, …": the verb's own clause (speech_clause)
    verbs = [c for c in cues if c.what == "verb"]
    if cues:  # a verb before a noun: "zitiert einen Augenzeugen mit den Worten:"
        cues = [*(c for c in cues if c.what != "verb"), *verbs[-1:]] if verbs else cues
    speaker: SpeakerRef | None = None
    cue = None
    opener = cues[-1] if cues else None  # the cue whose subject speaks, and that subject as its rule found it
    opener_speaker: SpeakerRef | None = None
    if cues:
        c = cues[-1]
        cue = art.span(c.index, c.index + 1)
        speaker = art.speaker(a, colon, c.index)
        if speaker is None and c.what == "verb":  # "„…“, sagte der Minister und fügte hinzu: „…“"
            for v in reversed(verbs[:-1]):
                sp = art.speaker(a, colon, v.index)
                if sp is not None:
                    speaker, opener, opener_speaker = sp.carried("subject_of_first_conjunct"), v, sp
                    break
        if speaker is None and not art.inq[a]:
            speaker = _frame_subject(art, a, colon, c.index if c.what == "verb" else None)
    else:
        speaker = _continued(art, 2)
    end = _trim(art, colon + 1, b)
    kind, ca, cb = _content_kind(art, colon + 1, end, "indirect_speech")
    saying = bool(cues) and cues[-1].speech is not None and cues[-1].speech.cls in ("speech", "report")
    if (
        kind != "direct_quote"
        and not _has_mood(art, colon + 1, end, strong=False)
        and not saying
        and _first_person_sentence(art, colon + 1, b) is None
    ):
        return False
    why = None
    if kind != "direct_quote":  # "Dann lobte er Draxler: Julian ist das Beste, was es gibt." (marks stripped)
        kind, why = _unmarked_kind(art, ca, cb, cls=cues[-1].speech.cls if cues and cues[-1].speech else "speech")
    if cues and cues[-1].speech and cues[-1].speech.cls in ("demand", "noun") and colon - a >= 4:
        fa, fb = art.span(a, colon)
        art.found.append(DraftStatement(fa, fb, "asserted", hedged=_hedged(art, a, colon), kind_rule="colon_frame"))
    if opener is not None and speaker is not None:
        _words_before_inverted_cue(art, a, last_clause, opener, opener_speaker or speaker)
    s, e = art.span(ca, cb)
    f = _add(
        art,
        DraftStatement(
            s,
            e,
            kind,
            speaker=speaker,
            cue=cue,
            hedged=_hedged(art, a, b),
            carried=_carried(art, a, b),
            kind_rule="colon_frame" if cues else "continuation_colon",
            also=[why] if why else [],
            open_end=why is not None and cb == end,
        ),
    )
    if speaker is not None and speaker.rule == "object_of_zitieren":
        _quoted_by(art, f, a, cues[-1].index)
    if kind != "direct_quote":
        _nested(art, ca, cb, f)
    return True


def _frame_subject(art: _Article, a: int, colon: int, cue: int | None) -> SpeakerRef | None:
    """The phrase opening a colon frame as its speaker when no rule found one ("Russland hat … beharrt: …"), but
    not a phrase that is no subject (``frame_opener_not_subject``): an adverb before a participle of saying ("Kurz
    gesagt geht es um Folgendes: …", "Offen gesprochen: …"), the fronted participle itself ("Betont wird von allen
    Seiten: …"), or a fronted object in the accusative ("Keinen Zweifel ließ der Trainer aufkommen: …"; the
    ``oblique`` articles of ``attribution_words.tsv``). ``cue``: the verb of saying, None for a noun."""
    ref = _subject(art, a, colon)
    if ref is None:
        return None
    n = art.word_range(ref.start, ref.end)[1]
    if cue is not None and (n > cue or (n == cue and not finite_form(art.words[cue].text))):
        return None
    if art.low[a] in attribution_words("oblique"):
        return None
    return ref


def _name_in_frame(art: _Article, a: int, colon: int) -> bool:
    """Every quotation before the colon is a name or title inside the frame ("in der Meldung von „con energy“
    wörtlich:"): short, inside its clause (not opening it, not closed by a comma), not quoted words."""
    return all(
        _name_in_quotes(art, qa, qb) or (qb - qa <= 6 and qa > a and qb < colon and art.words[qb].text not in (",", ";"))
        for qa, qb, _ in art.quotes_within(a, colon)
        if a <= qa and qb <= colon
    )


def _words_before_inverted_cue(art: _Article, a: int, clause: int, cue: _Cue, speaker: SpeakerRef) -> None:
    """Beide haben ein großes Selbstbewusstsein, sagt der 47-Jährige und will eine Qualität wiedererkennen: Er ist
    sehr natürlich. → the words before ", sagt der 47-Jährige" are his too, when the colon frame's cue opens its
    clause after a comma and its speaker follows it (``quote_before_inverted_cue``, kind by mood)."""
    c = cue.index
    if clause != c or c <= a + 1 or art.words[c - 1].text != "," or speaker.start <= art.words[c].start:
        return
    end = _trim(art, a, c - 1)
    if end <= a or _appositions(art, a, end):
        return
    kind, ca, cb = _content_kind(art, a, end, "indirect_speech")
    why = None
    if kind != "direct_quote":
        kind, why = _unmarked_kind(art, ca, cb, cls=cue.speech.cls if cue.speech else "speech")
    s, e = art.span(ca, cb)
    f = _add(
        art,
        DraftStatement(
            s,
            e,
            kind,
            speaker=speaker,
            cue=art.span(c, c + 1),
            hedged=_hedged(art, a, end),
            carried=_carried(art, a, end),
            kind_rule="quote_before_inverted_cue",
            also=[why] if why else [],
        ),
    )
    if kind != "direct_quote":
        _nested(art, ca, cb, f)


def _words_after_inverted_frame(art: _Article, a: int, b: int, produced: list[DraftStatement], cues: list[_Cue]) -> None:
    """Das ist kein Zufall, so die Ministerin, immer mehr Betriebe schließen ihre Tore. → the main clause after a
    frame inserted mid-sentence (", so X,", ", sagte X,") goes on with X's words, of the same kind as the words
    before it (Konjunktiv I: indirect speech); it opens with a lower-case word. Not a relative clause, a
    subordinate clause, an apposition or an adverbial after the speaker (", so Lang, die …", ", sagte Lang, als …",
    ", so Lang, Chefin der …", ", sagte Lang, am Montag der APA"), nor a clause with a cue of its own, nor the
    main clause of a subordinate one before the frame ("Wenn es regnet, sagt Lang, bleiben wir": one quotation)."""
    f = produced[-1]
    sp = f.speaker
    if f.kind_rule != "quote_before_inverted_cue" or sp is None or f.cue is None or f.kind == "reported":
        return
    _, e = art.word_range(sp.start, sp.end)
    if not (e + 1 < b and art.words[e].text == "," and not art.inq[e]):
        return
    k = e + 1
    end = _trim(art, k, b)
    first = art.low[k]
    opener = next((w for w in art.low[a:k] if w not in attribution_words("leading_conjunction")), "")
    if (
        end - k < 3
        or any(art.inq[k:end])
        or not art.words[k].text[:1].islower()
        or first in PREPOSITIONS
        or first in _RELATIVE_PRONOUNS
        or first in _COMPLEMENTISERS
        or first in SUBORDINATORS
        or first in attribution_words("coordinator")
        or opener in SUBORDINATORS
        or any(c.index >= k for c in cues)
        or any(x.start >= art.words[k].start for x in produced[:-1])
    ):
        return
    comma = next((j for j in range(k, end) if art.words[j].text == ","), end)
    if _appositions(art, k, comma) or finite_form(first) or not any(finite_form(w.text) for w in art.words[k + 1 : comma]):
        return  # ", so Lang, Chefin der Partei, …"; "Der Grund, so vermutet X, dürfte …": one clause split by the frame
    kind = "indirect_speech" if _has_mood(art, k, end) else f.kind
    st, en = art.span(k, end)
    g = _add(
        art,
        DraftStatement(
            st,
            en,
            kind,
            speaker=sp,
            cue=f.cue,
            hedged=_hedged(art, k, end),
            carried=f.carried,
            kind_rule="words_after_inverted_frame",
        ),
    )
    produced.append(g)
    if kind != "direct_quote":
        _nested(art, k, end, g)


def _quoted_by(art: _Article, f: DraftStatement, a: int, cue: int) -> None:
    """ "Die Frankfurter Rundschau zitiert einen Augenzeugen": the one quoting is in the chain before the one quoted."""
    subject = _subject(art, _clause_start(art, a, cue), cue, "subject_before_cue")
    if subject is None or not can_speak(art.words, *art.word_range(subject.start, subject.end), art.mentions):
        return
    art.link(subject)
    f.chain = [
        *f.chain,
        Source(
            name=subject.name if not subject.entity else _entity_name(art, subject.entity),
            entity=subject.entity,
            anonymous=subject.anonymous,
        ),
    ]
    f.source_rule = "quoted_by_subject"


def _entity_name(art: _Article, eid: str) -> str:
    return art.entity_names.get(eid, eid)


def _name_before_colon(art: _Article, a: int, b: int) -> tuple[int, int] | None:
    """The name opening the unit before a colon, without its team or place in parentheses, as (end of the name,
    index of the colon): "Anna Berg (Freiburg): …", "Davies: …"."""
    colon = next((k for k in range(a, min(b, a + 12)) if art.words[k].text in (":", "):") and not art.inq[k]), None)
    if colon is None or colon == a or colon + 1 >= b:
        return None
    e = colon
    if art.words[e].text == "):" or art.words[e - 1].text == ")":  # the team or place in parentheses: not the speaker
        k = e - 1
        while k > a and art.words[k].text != "(":
            k -= 1
        e = k
    if e <= a or noun_phrase(art.words, a, e) != e:
        return None
    return e, colon


def _speaker_head(art: _Article, a: int, b: int) -> bool:
    """The head of the phrase ``[a, b)`` (its first capitalised word) is a noun of a person, group or body
    (``speaker_nouns.tsv``) or a person or organisation the entities stage found: "Ein Beamter der Nationalpolizei",
    "Der Trainer"; not "Die Botschaft an die Polizei", "Das Fazit" (``speaker_noun_before_colon``, VERSION 16)."""
    sw = speaker_words()
    head = next((k for k in range(a, b) if art.words[k].text[:1].isupper() and sw.get(art.low[k]) is None), None)
    if head is None:
        return False
    types = _mention_types(art, head, head + 1)
    if "LOC" in types:
        return False
    return noun_class(art.words[head].text) in ("person", "group", "body") or bool(types & {"PER", "ORG"})


def name_colon_quote(art: _Article, a: int, b: int) -> bool:
    """Anna Berg (Freiburg): „Wir haben heute gut gespielt.“ — a name, with its team or place in parentheses, before
    a colon and a quotation: the interview and round-up format. The name speaks; since VERSION 16 also a noun phrase
    headed by a noun of a person or body ("Ein Beamter der Polizei: „…“", ``speaker_noun_before_colon``). Also a headline whose quotation
    a dash closes off from what follows (``name_colon_quote_before_dash``): Weber: „Wir bleiben“ – Verein sucht
    neuen Trainer."""
    found = _name_before_colon(art, a, b)
    if found is None:
        return False
    e, colon = found
    end = _trim(art, colon + 1, b)
    q = _quotation_share(art, colon + 1, end)
    before_dash = False
    if q is None:
        q = _quotation_before_dash(art, colon + 1, end)
        before_dash = q is not None
    if q is None or not (_speech_like(art, q[0], q[1]) or (before_dash and q[1] - q[0] >= 7)):
        return False  # a headline's quotation may be words without a verb: „Sieg für Sicherheit in der Welt“
    named = _named(art, a, e)
    if not can_speak(art.words, a, e, art.mentions) or not (named or (not before_dash and _speaker_head(art, a, e))):
        return False
    if before_dash and not _person_or_body_name(art, a, e):
        return False
    s0, e0 = art.span(a, e)
    speaker = SpeakerRef(s0, e0, art.text[s0:e0], rule="name_before_colon" if named else "speaker_noun_before_colon")
    qs, qe = art.span(*q)
    f = _add(
        art, DraftStatement(qs, qe, "direct_quote", speaker=speaker, hedged=_hedged(art, a, b), kind_rule="name_colon_quote")
    )
    if before_dash:
        f.also.append(("name_colon_quote_before_dash", art.span(q[1], q[1] + 1)))
        rest = q[1] + 1
        if rest < b:  # what follows the dash is a unit of its own
            for rule in UNIT_RULES[UNIT_RULES.index(name_colon_quote) + 1 :]:
                if rule(art, rest, b):
                    break
    return True


def _quotation_before_dash(art: _Article, a: int, b: int) -> tuple[int, int] | None:
    """A quotation opening right after the colon and closed by a dash: „Sieg für Sicherheit in der Welt“ – …"""
    for qa, qb, _ in art.quotes_over(a, b):
        if qa == a and qb + 1 < b and art.words[qb].text in ("–", "—"):
            return qa, qb
    return None


def name_colon_indirect(art: _Article, a: int, b: int) -> bool:
    """Weber: Die Reform komme zu spät. — a name before a colon and a clause in Konjunktiv I with no verb of
    saying of its own: the name's indirect speech (the round-up format without quotation marks). Not a place
    ("Berlin: Die Lage sei ruhig" is a dateline), not a common noun ("Fazit: Es sei zu spät")."""
    found = _name_before_colon(art, a, b)
    if found is None:
        return False
    e, colon = found
    end = _trim(art, colon + 1, b)
    if end <= colon + 2 or not _has_mood(art, colon + 1, end) or _speech_quote_in(art, colon + 1, end):
        return False
    if any(c.what in ("verb", "report", "so") for c in _cues(art, colon + 1, end)):
        return False
    if not _person_or_body_name(art, a, e):
        return False
    s0, e0 = art.span(a, e)
    speaker = SpeakerRef(s0, e0, art.text[s0:e0], rule="name_before_colon")
    qs, qe = art.span(colon + 1, end)
    kind = "direct_quote" if _first_person(art, colon + 1, end) is not None else "indirect_speech"  # an interview's answer
    f = _add(art, DraftStatement(qs, qe, kind, speaker=speaker, hedged=_hedged(art, a, b), kind_rule="name_colon_indirect"))
    _nested(art, colon + 1, end, f)
    return True


def _mention_types(art: _Article, a: int, b: int) -> set[str | None]:
    """The types of the entity mentions overlapping the words ``[a, b)``."""
    return {art.mentions.types.get(x) for _, _, x in art.mentions.overlapping(*art.span(a, b))}


def _person_or_body_name(art: _Article, a: int, b: int) -> bool:
    """``[a, b)`` is only a name, of a person or an organisation the entities stage found, or the surname of a
    person named before ("Lawrence Davies … Davies:"); no article, no common noun ("Die Bilanz", "Fazit")."""
    words = art.words[a:b]
    if any(speaker_words().get(w.text.lower()) is not None or not w.text[:1].isupper() for w in words):
        return False
    types = _mention_types(art, a, b)
    if "LOC" in types:
        return False
    if types & {"PER", "ORG"}:
        return True
    last = words[-1].text
    return any(e.type == "PER" and e.name.split()[-1] == last and " " in e.name for e in art.record.entities)


def _found_person_or_body(art: _Article, a: int, b: int) -> bool:
    """``[a, b)`` is a person or organisation the entities stage found ("Merkel", "Punklady Nina Hagen"), or its
    head is a noun of a person, group or body (``speaker_nouns.tsv``: "Der Geschäftsführer", "Die Firma"); not a
    pronoun, a place, or capitalised words nobody found."""
    types = _mention_types(art, a, b)
    if types & {"PER", "ORG"}:
        return "LOC" not in types
    return any(noun_class(w.text) in ("person", "group", "body") for w in art.words[a:b] if w.text[:1].isupper())


def _named(art: _Article, a: int, b: int) -> bool:
    """``[a, b)`` is a name: a person the entities stage found, or capitalised words only ("Anna Berg")."""
    if "PER" in _mention_types(art, a, b):
        return True
    return all(w.text[:1].isupper() for w in art.words[a:b])


#: Words that open a phrase around a noun of saying before the verb ("Zur Begründung sagte …", "Als Grund nannte …").
_PHRASE_OPENERS = PREPOSITIONS | attribution_words("phrase_opener")


def _noun_in_phrase_before_verb(art: _Article, a: int, cue: _Cue, cues: list[_Cue]) -> bool:
    """Zur Begründung sagte der Minister, die Kassen seien leer. / In einer Erklärung teilte die Firma mit, … → the
    noun of saying stands in the phrase that opens the clause (a preposition or "als", then determiners and
    adjectives), and a verb of saying of the same clause follows it within four words with no punctuation between:
    the verb introduces the complement and its subject speaks (VERSION 16); the noun is no cue of its own. Not "Mit
    der Begründung, die Kassen seien leer, lehnte er ab" (the noun's own clause)."""
    if cue.what != "noun":
        return False
    i = cue.index
    s = _clause_start(art, a, i)
    if s >= i or art.low[s] not in _PHRASE_OPENERS:
        return False
    if not all(art.words[k].text.isalpha() and art.words[k].text.islower() for k in range(s + 1, i)):
        return False  # determiners, possessives and adjectives only: "In seiner ersten Erklärung"
    for v in cues:
        if v.what == "verb" and i < v.index <= i + 5 and v.speech is not None and v.speech.cls in ("speech", "report"):
            between = art.words[i + 1 : v.index]
            return all(w.text.isalnum() or "-" in w.text for w in between) and not any(art.inq[i + 1 : v.index + 1])
    return False


def _heading_noun_before_verb(art: _Article, a: int, cue: _Cue, cues: list[_Cue]) -> bool:
    """Weiteres Ergebnis: Drei Viertel der Befragten gaben an, … → a noun of saying that heads the unit before a colon
    (only determiners and adjectives before it) and, after the colon, a clause whose own verb of saying follows its
    subject (no comma between): the verb introduces the complement and its subject speaks; the noun is a heading,
    no cue of its own (VERSION 16)."""
    i = cue.index
    if cue.what != "noun" or i + 1 >= len(art.words) or art.words[i + 1].text != ":":
        return False
    if i - a > 3 or not all(art.words[k].text.isalpha() and (k == a or art.words[k].text.islower()) for k in range(a, i)):
        return False  # "Weiteres Ergebnis:", "Das Fazit:", "Ihre Forderung:"
    for v in cues:
        if v.what == "verb" and v.index > i + 2 and v.speech is not None and v.speech.cls in ("speech", "report"):
            between = art.words[i + 2 : v.index]
            return all(w.text not in (",", ":", ";") for w in between) and not any(art.inq[i + 1 : v.index + 1])
    return False


def speech_clause(art: _Article, a: int, b: int) -> bool:
    """A clause with cues of its own: verbs and nouns of saying ("Der Polizeisprecher sagte, die Lage sei unter
    Kontrolle."), report phrases ("Laut Polizei wurden drei Menschen verletzt."), "so" ("…, so Dmitriew")."""
    words = art.words
    hedged = _hedged(art, a, b)
    carried = _carried(art, a, b)
    cues = [
        c for c in _cues(art, a, b) if not (c.what == "verb" and _names_not_says(art, _clause_start(art, a, c.index), c.index))
    ]
    in_phrase: list[tuple[_Cue, str]] = []
    for noun_cue in cues:
        if _noun_in_phrase_before_verb(art, a, noun_cue, cues):
            in_phrase.append((noun_cue, "noun_in_phrase_before_verb"))
        elif _heading_noun_before_verb(art, a, noun_cue, cues):
            in_phrase.append((noun_cue, "heading_noun_before_verb"))
    cues = [c for c in cues if all(c is not n for n, _ in in_phrase)]
    via: list[SpeakerRef] = []
    beside: tuple[str, tuple[int, int] | None] | None = None
    if any(c.what == "verb" for c in cues):
        laut = [c for c in cues if c.what == "report" and (c.where in ("after", "before") or _laut_noun(art, c))]
        if laut and not any(
            c.what == "verb" and c.speech and c.speech.cls in ("speech", "report") and _verb_speaks(art, a, b, c) for c in cues
        ):
            # "Beide Seiten hoffen laut Dmitriew, …": the claim rests on Dmitriew, not on the verb's subject
            dropped = next((c for c in cues if c.what == "verb" and c.speech and c.speech.cls in ("speech", "report")), None)
            if dropped is not None:  # "Laut X werden die Fluglotsen … unterstellt": the verb says nothing itself
                beside = ("laut_beside_participle", art.span(dropped.index, dropped.index + 1))
            cues = [c for c in cues if c.what != "verb"]
        elif laut:  # "Heute bestätigte X laut Reuters, dass …": X speaks, Reuters reports it
            # (in the verb's own clause; "Nach Angaben der Veranstalter demonstrierten 7.000 Menschen, die Polizei
            # spricht von 4.000" is two claims: ``report_before_other_speaker``)
            verb_clauses = {_clause_start(art, a, c.index) for c in cues if c.what == "verb"}
            laut = [c for c in laut if _clause_start(art, a, c.index) in verb_clauses]
            for laut_cue in laut:
                ref = _report_source(art, a, b, laut_cue)
                if ref is not None:
                    via.append(art.link(ref))
            cues = [c for c in cues if c not in laut]
        else:  # "Wie Axios unter Berufung auf Beamte berichtet": Beamte is the origin
            cues.sort(key=lambda c: (c.where == "origin", c.index))
        if any(
            c.what == "verb" and c.speech and c.speech.cls in ("speech", "report") and _verb_speaks(art, a, b, c) for c in cues
        ):
            # "Nach ersten Erkenntnissen sei er geflohen, hieß es": the verb speaks, not "ersten Erkenntnissen"
            # (not "Nach Zeugenaussagen hatten sich die Vorwürfe nicht bestätigt": "bestätigt" says nothing)
            cues = [c for c in cues if not (c.what == "report" and c.where == "noun" and not _names_source(art, c, b))]
    produced: list[DraftStatement] = []
    taken_until = a  # words before this index belong to an earlier statement of this clause
    origins: list[SpeakerRef] = []
    for cue in cues:
        if cue.index < taken_until and cue.what != "report":
            continue
        c = cue.index
        if cue.what == "carry":
            carried = True
            continue
        if cue.what == "report":
            ref = _report_source(art, a, b, cue)
            if produced or (cue.where == "origin" and any(c.what == "verb" for c in cues)):
                # "Dies berichtet Axios unter Berufung auf Beamte": an origin of the verb's speaker
                if ref is not None:
                    origins.append(art.link(ref))
                continue
            if cue.where == "opinion":  # "Die Mittel seien ihrer Meinung nach nicht gewahrt"
                f = _opinion_statement(art, a, b, cue, hedged, carried)
                if f is not None:
                    produced.append(f)
                continue
            if cue.where == "clause":  # "ein Bericht, wonach …": the clause after it
                ce_ = _trim(art, c + 1, _clause_end_comma(art, c + 1, b))
                if ce_ <= c + 1:
                    continue
                st, en = art.span(c + 1, ce_)
                cs, ce = art.span(c, c + 1)
                f = _add(
                    art,
                    DraftStatement(
                        st,
                        en,
                        "reported",
                        speaker=ref,
                        cue=(cs, ce),
                        hedged=hedged or _has_soll(art, c + 1, ce_),
                        carried=carried,
                        kind_rule="report_clause_wonach",
                    ),
                )
                produced.append(f)
                _nested(art, c + 1, ce_, f)
                continue
            if ref is None:
                continue
            s = _clause_start(art, a, c)
            end = _other_speaker_clause(art, a, b, s, cues)  # "…, die Polizei spricht von 4.000": not this source's
            if c <= s + 1 or (s == a and c - a <= 1):
                ca = _skip_frame(art, ref, c + cue.length, end)
                cb = _trim(art, ca, end)
            else:
                ca, cb = a, end
            if cb <= ca:
                ca, cb = a, end
            kind, ca, cb = _content_kind(art, ca, cb, "reported", whole=True)
            st, en = art.span(ca, cb)
            cs, ce = art.span(c, c + cue.length)
            f = _add(
                art,
                DraftStatement(
                    st,
                    en,
                    kind,
                    speaker=ref,
                    cue=(cs, ce),
                    hedged=hedged or (cue.where == "before" and _hedged(art, a, b)) or _reportive_soll_in(art, ca, cb),
                    carried=carried,
                    kind_rule="report_phrase",
                    also=([beside] if beside else []) + _own_words(art, ca, cb, kind),
                ),
            )
            produced.append(f)
            if kind != "direct_quote":
                _nested(art, ca, cb, f)
            if end < b:
                f.also.append(("report_before_other_speaker", art.span(end, end + 1)))
            taken_until = end
            continue
        sc = cue.speech
        cls = sc.cls if sc else "speech"
        if cue.what == "noun" and _has_mood(art, _clause_start(art, a, c), _clause_end_comma(art, c, b)):
            continue  # "habe man das Gefühl, …": the clause is itself reported; free indirect below
        s = _clause_start(art, a, c)
        if cue.what == "so":
            speaker = speaker_after(words, c, b, art.text, art.mentions, rule="so_subject")
            if (
                speaker is None
                and c + 2 < b
                and any(k.index == c + 1 and k.what == "verb" for k in cues)
                and art.low[c + 2] in attribution_words("object_pronoun")
            ):
                # "„…“, so charakterisierte ihn der Gewerkschafter X": the subject after the verb and its object
                speaker = speaker_after(words, c + 2, b, art.text, art.mentions, rule="so_verb_subject")
        else:
            speaker = art.speaker(a, b, c)
        if (
            cue.what == "verb"
            and c == s + 1
            and s > a
            and art.low[s] in attribution_words("anaphor")
            and cue.speech is not None
            and cue.speech.cls in ("speech", "report")
            and speaker is not None
            and speaker.start == words[s].start
        ):
            # "…, das berichtet der Guardian am Freitag": "das" is the clause before, the subject follows the verb
            speaker = speaker_after(words, c, b, art.text, art.mentions, rule="subject_after_anaphor_cue")
        if (
            cue.what == "verb"
            and speaker is not None
            and _first_person(art, *art.word_range(speaker.start, speaker.end)) is not None
            and (_inverted_frame(art, c, b) or art.low[s] == "wie")
        ):
            # "…, sagen wir schon jetzt ein klares Nein, so Wolff": words of the speaker the frame names;
            # "Wie wir berichteten, …": the outlet itself
            continue
        if speaker is None and c > a and words[c - 1].text.lower() == "und":  # "X erwartet … und gab bekannt, …"
            if produced and produced[-1].speaker is not None:
                speaker = produced[-1].speaker.carried("subject_of_first_conjunct")
            else:
                speaker = _subject(art, a, c, "subject_of_first_conjunct") or _subject_after_verb(
                    art, a, c - 1, "subject_after_verb_of_first_conjunct"
                )  # "Im Januar legte er sein Amt nieder und verkündete, …" (VERSION 16)
        site = _Content(art, a, b, cue, c, s, speaker, taken_until, hedged, cls)
        content: tuple[int, int] | None = None
        kind = "indirect_speech"
        rule_name = ""
        for rule in CONTENT_RULES:
            got = rule(site)
            if got is not None:
                content, kind, rule_name = (got[0], got[1]) if got is not _SKIP else None, got[2], rule.__name__
                break
        hedged = site.hedged
        speaker = site.speaker  # a content rule may name the speaker itself ("…, hatte Obama gesagt")
        if content is None or (speaker is None and cue.what in ("so",)):
            continue
        if rule_name == "quote_before_impersonal_cue" and speaker is None:
            # "…, das berichtet der Guardian. Das Medium werde nur noch online erscheinen, heißt es.": its report
            prev = _recent_speaker(art, gap=1)
            if prev is not None and prev.outlet:
                speaker = prev.carried("impersonal_cue_continues_outlet")
        ca, cb = content
        if cb <= ca:
            continue
        kind, ca, cb = _content_kind(art, ca, cb, kind, whole=True)
        st, en = art.span(ca, cb)
        if kind == "reported" and content == (a, b):
            st, en = art.span(a, b)
        also = [site.why] if site.why and kind != "indirect_speech" else []
        f = _add(
            art,
            DraftStatement(
                st,
                en,
                kind,
                speaker=speaker,
                cue=art.span(c, c + 1),
                hedged=hedged,
                carried=carried,
                kind_rule=rule_name,
                also=also + _own_words(art, ca, cb, kind),
            ),
        )
        if speaker is not None and speaker.rule == "object_of_zitieren":
            _quoted_by(art, f, a, c)
        produced.append(f)
        if kind != "direct_quote":
            _nested(art, ca, cb, f)
        taken_until = max(taken_until, cb if kind != "reported" else b, c + 1)
    if produced:
        _words_after_inverted_frame(art, a, b, produced, cues)
    if not produced:
        return False
    for noun, why in in_phrase:  # the trace says which noun of saying the verb after it took over
        f = next((f for f in produced if f.cue is not None and f.cue[0] > art.words[noun.index].start), None)
        if f is not None:
            f.also.append((why, art.span(noun.index, noun.index + 1)))
    if via:
        for f in produced:
            f.chain = [*f.chain, *(Source(name=v.name, entity=v.entity, anonymous=v.anonymous) for v in via)]
            f.source_rule = "reported_by_laut_source"
    _set_chain(art, produced, origins, words[a].text.lower() in attribution_words("anaphor"))
    return True


def demnach_clause(art: _Article, a: int, b: int) -> bool:
    """Demnach hat sich der Plan geändert. → reported, resting on the previous source."""
    if art.low[a] != "demnach" or b - a <= 2:
        return False
    speaker = _continued(art, 2, "previous_source")
    st, _ = art.span(a + 1, b)
    _, en = art.span(a, b)
    f = DraftStatement(
        st,
        en,
        "reported",
        speaker=speaker,
        cue=art.span(a, a + 1),
        hedged=_hedged(art, a, b) or _has_soll(art, a, b),
        carried=True,
        kind_rule="demnach_clause",
    )
    art.found.append(f)
    _nested(art, a, b, f)
    return True


def reportive_soll(art: _Article, a: int, b: int) -> bool:
    """USA und Russland sollen Geheimgespräche führen. → reported and hedged: hearsay (not "Er soll morgen kommen")."""
    soll = next((i for i in range(a, b) if art.low[i] in _REPORTIVE_SOLL and not art.inq[i]), None)
    if soll is None or not _reportive(art, a, b, soll):
        return False
    st, en = art.span(a, b)
    prev = _recent_speaker(art, gap=2)  # "Die Behörden werfen Luna Menschenhandel vor. Er soll …"
    if prev is not None and art.record.sentence_at(prev.start) is not None and _same_paragraph(art, prev.start, st):
        speaker = prev.carried("previous_speaker_in_paragraph")
    else:
        speaker = None
    f = DraftStatement(
        st,
        en,
        "reported",
        speaker=speaker,
        hedged=True,
        carried=_carried(art, a, b),
        soll=True,
        kind_rule="reportive_soll",
        kind_at=art.span(soll, soll + 1),
    )
    art.found.append(f)
    _nested(art, a, b, f)
    return True


def _stand_in_word(art: _Article, a: int, b: int) -> int | None:
    """Index of the first Konjunktiv II stand-in in ``[a, b)`` that is not an epistemic modal
    (``epistemic_modal`` in ``attribution_words.tsv``): "Der Arbeitgeber dürfte die Entscheidung nicht revidieren."
    weighs a chance in the writer's voice (``epistemic_modal_is_not_speech``); "Starke Winde hätten den Brand
    verursacht." stands in for someone's Konjunktiv I."""
    modals = attribution_words("epistemic_modal")
    i = _mood_word(art, a, b, strong=False)
    while i is not None and art.low[i] in modals:
        i = _mood_word(art, i + 1, b, strong=False)
    return i


def free_indirect_speech(art: _Article, a: int, b: int) -> bool:
    """Moskaus Einfluss nehme zu. → indirect speech of the last speaker (Konjunktiv I; right after speech also a
    Konjunktiv II stand-in: "Starke Winde hätten den Brand verursacht.")."""
    i = _mood_word(art, a, b)
    if i is None and _recent_speaker(art, gap=1) is not None:
        i = _stand_in_word(art, a, b)
    if i is None:
        return False
    st, en = art.span(a, b)
    speaker = _subject_of_main_clause(art, a, b, i)
    if speaker is not None:
        art.state.history.append(speaker)
    else:
        speaker = _subject_of_sentence_before(art, a) or _continued(art, 2)
    f = DraftStatement(
        st,
        en,
        "indirect_speech",
        speaker=speaker,
        hedged=_hedged(art, a, b),
        carried=_carried(art, a, b),
        free=True,
        kind_rule="free_indirect_speech",
        kind_at=art.span(i, i + 1),
    )
    art.found.append(f)
    if speaker is not None:
        art.state.last_speech_unit = art.state.unit
    _nested(art, a, b, f)
    return True


def colon_after_speaking_subject(art: _Article, a: int, b: int) -> bool:
    """Aber auch Meier-Tanos bleibt eher unbestimmt: Natürlich schauen wir uns jede Möglichkeit an. → a direct quote
    of Meier-Tanos. A subject that can speak and its verb (of attitude: "bleibt unbestimmt", "gibt sich
    zuversichtlich") before a colon, and after it unmarked words in the first person (direct) or in Konjunktiv I
    (indirect: "Der Minister bleibt vorsichtig: Man müsse abwarten."), or a quotation in marks that fills the
    rest ("Die Bürgermeisterin reagierte gelassen: „Wir haben mit dem Protest gerechnet.“",
    ``quotation_after_speaking_subject``): the subject's speech. Without a subject that speaks ("Die Lage ist
    klar: Wir müssen handeln", "Das Motto lautet: „Gemeinsam stark“") it is not."""
    colon = _colon(art, a, b)
    if colon is None:
        return False
    end = _trim(art, colon + 1, b)
    if end <= colon + 1:
        return False
    quoted = any(art.inq[colon + 1 : end])
    marked = _quotation_share(art, colon + 1, end) if quoted else None
    if quoted and (marked is None or not _speech_like(art, *marked) or _name_in_quotes(art, *marked)):
        return False
    if not quoted and _first_person_sentence(art, colon + 1, b) is None and not _has_mood(art, colon + 1, end):
        return False
    s = opening = _clause_start(art, a, colon)
    after_verb = None
    if marked is not None and (
        _has_mood(art, opening, colon, strong=False) or any(art.words[i].text in _DASHES for i in range(opening, colon))
    ):
        # "X sei dankbar: „…“" is reported; "Parlament stimmt für Referendum – Tsipras: „…“" is a headline whose name
        # after the dash speaks
        return False
    if marked is not None and not opens_subject(art.words, opening, colon):
        # "In der ARD zeigt sich der Bundestrainer zufrieden: „…“": the subject after the finite verb (VERSION 16)
        after_verb = _subject_after_verb(art, opening, colon)
        if after_verb is None:
            return False
    sw = speaker_words()
    while s < colon and sw.get(art.low[s]) == "stop":  # "Aber auch Meier-Tanos bleibt …"
        s += 1
    n = noun_phrase(art.words, s, colon)
    if after_verb is None and not _speaking_subject_before_colon(art, s, n, colon, marked is not None):
        if marked is None or (after_verb := _subject_after_verb(art, opening, colon)) is None:
            return False  # "Hier sparte der Bundespräsident nicht mit Kritik: „…“": the subject after the verb
    speaker = after_verb if after_verb is not None else _subject(art, s, n, "subject_before_colon")
    if marked is not None:
        kind, why = "direct_quote", None
        st, en = art.span(*marked)
    else:
        kind, why = _unmarked_kind(art, colon + 1, end)
        st, en = art.span(colon + 1, end)
    f = _add(
        art,
        DraftStatement(
            st,
            en,
            kind,
            speaker=speaker,
            hedged=_hedged(art, a, b),
            carried=_carried(art, a, b),
            kind_rule="colon_after_speaking_subject" if marked is None else "quotation_after_speaking_subject",
            kind_at=art.span(colon, colon + 1),
            also=[why] if why else [],
            open_end=kind == "direct_quote" and marked is None,
        ),
    )
    fa, fb = art.span(a, colon)
    art.found.append(DraftStatement(fa, fb, "asserted", hedged=_hedged(art, a, colon), kind_rule="colon_after_speaking_subject"))
    if kind != "direct_quote":
        _nested(art, colon + 1, end, f)
    return True


def _speaking_subject_before_colon(art: _Article, s: int, n: int, colon: int, marked: bool) -> bool:
    """``[s, n)`` opens the clause before the colon as a subject that can speak, its finite verb after it."""
    sw = speaker_words()
    if n <= s or n >= colon or _first_person(art, s, n) is not None:
        return False
    if n == s + 1 and sw.get(art.low[s], "") in ("pron n", "pron any"):
        return False  # "Es bleibt dabei: …", "Man weiß: …": nobody who speaks
    if not can_speak(art.words, s, n, art.mentions, strict=True) or not art.words[n].text.islower():
        return False  # the subject and then its finite verb
    # "Sie sind hier: Startseite » Nachrichten » …"; "Selbstüberschätzung Die große Frage ist: „…“"
    return not marked or _found_person_or_body(art, s, n)


#: Words between a finite verb and its subject after it: "zeigte sich auch der Trainer", "würdigte er".
_BETWEEN_VERB_AND_SUBJECT = attribution_words("between_verb_and_subject")


def _subject_after_verb(
    art: _Article, opening: int, colon: int, rule: str = "subject_after_verb_before_colon"
) -> SpeakerRef | None:
    """In einer Nachricht würdigte er den Verstorbenen: „…“ / Im Radio zeigte sich der Trainer zufrieden: „…“ → the
    subject right after the clause's finite verb, when the clause opens with something else (a prepositional phrase,
    an adverb, a fronted object): only a phrase whose case shows it is the subject, "er", or "der" and a noun of a
    person that is not a feminine form ("der Bundestrainer", "der SPD-Vorsitzende Franz Müntefering"; not "der
    Ministerin", a dative, nor "der Regierung"). The finite verb is the first lower-case word that is no function
    word and is not followed by a capitalised noun (an adjective: "Im neuen Stadion"); no comma, quotation or
    parenthesis before the colon. ``rule`` names it in the trace (``subject_after_verb_before_colon``; before "und" and
    a second verb of saying: ``subject_after_verb_of_first_conjunct``, "Im Januar legte er sein Amt nieder und
    verkündete, …")."""
    words, low = art.words, art.low
    sw = speaker_words()
    first = opening if opening > 0 and words[opening - 1].text == "," else opening + 1  # "Höhnisch, …, schrieb er: „…“"
    for v in range(first, colon):
        t = words[v].text
        if t in (",", ";", "(", ")") or art.inq[v]:
            return None
        if not (t.isalpha() and t.islower()) or sw.get(t) is not None or t in PREPOSITIONS or t in SUBORDINATORS:
            continue
        if v + 1 < colon and words[v + 1].text[:1].isupper():
            continue  # an adjective before its noun: "Im neuen Stadion"
        if rule == "subject_after_verb_before_colon" and not (
            t in attribution_words("colon_frame")
            or (t in attribution_words("colon_frame_reflexive") and v + 1 < colon and low[v + 1] == "sich")
        ):
            return None  # "Am Abend empfing der Bürgermeister die Demonstranten: „…“" is not his
        j = v + 1
        while j < colon and low[j] in _BETWEEN_VERB_AND_SUBJECT:
            j += 1
        if j >= colon:
            return None
        if low[j] == "er":
            n = j + 1
        elif low[j] == "der":
            n = noun_phrase(words, j, colon)
            caps = [k for k in range(j + 1, n) if words[k].text[:1].isupper()]
            head = words[caps[0]].text if caps else ""
            if not caps or noun_class(head) != "person" or head.endswith(tuple(attribution_words("feminine_ending"))):
                return None
            if any(words[k].text in (",", "(") or art.inq[k] for k in range(j, n)):
                return None
        else:
            return None
        if any(words[k].text in (",", ";", "(") or art.inq[k] for k in range(n, colon)):
            return None
        return SpeakerRef(words[j].start, words[n - 1].end, art.text[words[j].start : words[n - 1].end], rule=rule)
    return None


def first_person_continues_speaker(art: _Article, a: int, b: int) -> bool:
    """Wir sind sehr zufrieden, sagte Bosch. Wir haben alles richtig gemacht. → the second sentence is Bosch's
    direct quote too. A news report does not speak in the first person: an unmarked sentence with "ich", "wir",
    "uns", "unser" … right after a statement with a speaker is that speaker's words whose quotation marks were
    stripped. Right after such a continuation (or a colon's unmarked quote) it extends the same quote: "Dennoch
    müssen wir positiv bleiben. Wir haben alles in der eigenen Hand." is one quote. Not a question (an
    interviewer asks), not with a quotation of its own, not Konjunktiv I (free indirect speech), not "unsere
    Redaktion" (the outlet itself), not across a paragraph."""
    prev = _recent_speaker(art, gap=1) or _speaker_across_insert(art)
    if prev is None:
        return False
    fp = _first_person_sentence(art, a, b)
    if fp is None:
        return False
    end = _trim(art, a, b)
    st, en = art.span(a, end)
    if not _same_paragraph(art, prev.start, st):
        return False
    last = next((f for f in reversed(art.found) if not f.nested and f.kind != "asserted"), None)
    if (
        last is not None
        and last.open_end
        and last.kind == "direct_quote"
        and last.speaker is not None
        and last.speaker.start == prev.start
        and _same_paragraph(art, last.start, st)
    ):
        last.end = en
        last.also.append(("first_person_continues_speaker", art.span(fp, fp + 1)))
        art.state.last_speech_unit = art.state.unit
        return True
    rule = prev.rule if prev.rule == "speaker_across_insert" else "first_person_continues_speaker"
    f = DraftStatement(
        st,
        en,
        "direct_quote",
        speaker=prev.carried(rule),
        hedged=_hedged(art, a, b),
        carried=_carried(art, a, b),
        kind_rule="first_person_continues_speaker",
        kind_at=art.span(fp, fp + 1),
        open_end=True,
    )
    art.found.append(f)
    art.state.last_speech_unit = art.state.unit
    return True


def _frame_names_sentence_before(art: _Article, unit_sentences: list[int], a: int, before: int) -> None:
    """Bei einer Explosion sind drei Menschen verletzt worden. Das teilte die Polizei am Samstagabend mit. → the
    first sentence is reported by the police (``frame_names_the_sentence_before``); the frame itself ("Das/Dies
    + verb of saying + subject", no claim of its own) stays the outlet's sentence. Only when the sentence before,
    in the same paragraph, is still the outlet's own (asserted)."""
    mine = [f for f in art.found[before:] if not f.nested]
    if (
        len(mine) != 1
        or mine[0].kind != "reported"
        or mine[0].kind_rule != "bare_verb_of_saying"
        or mine[0].speaker is None
        or mine[0].cue is None
        or art.low[a] not in attribution_words("anaphor")
        or a + 1 >= len(art.words)
        or art.words[a + 1].start != mine[0].cue[0]
    ):
        return
    k = unit_sentences[0] - 1
    record = art.record
    if k < 0 or record.sentences[k].paragraph != record.sentences[unit_sentences[0]].paragraph:
        return
    prev = record.sentences[k]
    here = [g for g in art.found.since(prev.start, upto=before) if g.start < prev.end and prev.start < g.end]
    if len(here) != 1 or here[0].kind != "asserted" or here[0].kind_rule not in ("assertion", "uncovered_sentence"):
        return
    g, f = here[0], mine[0]
    assert f.speaker is not None  # checked above (mine[0].speaker)
    pa, pb = art.word_range(prev.start, prev.end)
    g.start, g.end = art.span(pa, _trim(art, pa, pb))
    g.kind, g.speaker, g.cue, g.kind_rule = (
        "reported",
        f.speaker.carried("named_by_the_frame_after"),
        f.cue,
        "frame_names_the_sentence_before",
    )
    g.chain, g.source_rule = f.chain, f.source_rule
    f.kind, f.speaker, f.cue, f.kind_rule, f.chain, f.source_rule = (
        "asserted",
        None,
        None,
        "frame_names_the_sentence_before",
        [],
        "",
    )


def _speaker_across_insert(art: _Article) -> SpeakerRef | None:
    """The speaker of the unit before last, when the unit between is an editorial insert about that speaker:
    "Ich bleibe bis Ende der Amtszeit, erklärte das Stadtoberhaupt. Marino steht unter großem Druck. Die
    Parteien meiner Koalition unterstützen mich." (a mention of the speaker's entity), or one carried to the
    speaker ("Angesprochen werden sollen nicht nur Restaurantküchen." after Senger's words)."""
    st = art.state
    prev = _recent_speaker(art, gap=2)
    if prev is None or len(st.spans) < 2 or st.unit - st.last_speech_unit != 2:
        return None
    _, a, b = st.spans[-2]
    start, end = art.span(a, b)
    if any(
        f.speaker is not None and f.speaker.start == prev.start and f.start < end and start < f.end
        for f in art.found.since(start)
    ):
        return prev.carried("speaker_across_insert")
    if prev.entity and any(e == prev.entity for _, _, e in art.mentions.overlapping(start, end)):
        return prev.carried("speaker_across_insert")
    return None


def _speech_before_speaker(art: _Article, unit_sentences: list[int], a: int, before: int) -> None:
    """Unmarked speech before a frame that names its speaker after it (", sagte er") belongs to that speaker,
    chaining back through consecutive sentences of the same paragraph:

    - ``first_person_precedes_speaker``: "Wir haben den Faden verloren. Wir haben uns ein besseres Ergebnis
      versaut. Das sind gemischte Gefühle, sagte er." → one direct quote of "er" over the three sentences, when
      each sentence before is the outlet's own so far (asserted) and in the first person;
    - ``indirect_speech_before_speaker``: "Oft seien Fragen nach dem Heimatort belastend. Wenn Fragen notwendig
      seien, müssten die Lehrer sie erklären, sagt Preitler." → free indirect speech with no speaker yet is
      Preitler's: one statement with indirect speech after it, else it takes the speaker.
    """
    record = art.record
    f = next(
        (
            f
            for f in art.found[before:]
            if not f.nested
            and f.kind in ("direct_quote", "indirect_speech")
            and f.speaker is not None
            and f.kind_rule == "quote_before_inverted_cue"
            and f.start == art.words[a].start
            and not any(art.inq[a : art.word_range(f.start, f.end)[1]])
        ),
        None,
    )
    if f is None:
        return
    assert f.speaker is not None  # chosen for it above
    k = unit_sentences[0] - 1
    at: tuple[int, int] | None
    while k >= 0:
        s = record.sentences[k]
        if s.paragraph != record.sentences[unit_sentences[0]].paragraph:
            return
        here = [g for g in art.found.since(s.start, upto=before) if g.start < s.end and s.start < g.end]
        if len(here) != 1:
            return
        g = here[0]
        sa, sb = art.word_range(s.start, s.end)
        if g.kind == "asserted" and g.kind_rule in ("assertion", "uncovered_sentence") and f.kind == "direct_quote":
            fp = _first_person_sentence(art, sa, sb)
            if fp is None:
                return
            rule, at = "first_person_precedes_speaker", art.span(fp, fp + 1)
        elif g.free and g.speaker is None and f.kind == "indirect_speech" and not _speech_quote_in(art, sa, sb):
            rule, at = "indirect_speech_before_speaker", g.kind_at
        elif g.free and g.speaker is None:
            g.speaker = f.speaker.carried("speaker_named_after")
            return
        else:
            return
        art.found.remove(g)
        before -= 1
        f.start = s.start
        f.also.append((rule, at))
        k -= 1


def bare_quotation(art: _Article, a: int, b: int) -> bool:
    """„Wir bleiben auf Kurs.“ — a quotation standing alone: a direct quote of the last speaker."""
    q = _quotation_share(art, a, _trim(art, a, b))
    if q is None:
        return False
    speaker = _continued(art, 1)
    qs, qe = art.span(*q)
    art.found.append(
        DraftStatement(
            qs,
            qe,
            "direct_quote",
            speaker=speaker,
            hedged=_hedged(art, a, b),
            carried=_carried(art, a, b),
            kind_rule="bare_quotation",
        )
    )
    if speaker is not None:
        art.state.last_speech_unit = art.state.unit
    return True


def assertion(art: _Article, a: int, b: int) -> bool:
    """Das geplante Treffen war am 25. Oktober von Trump abgesagt worden. → asserted, on the outlet's authority.
    A quotation in it is a direct quote of the clause's subject: "X warnte vor einem „populistischen Wahlkampf“"."""
    hedged = _hedged(art, a, b)
    st, en = art.span(a, b)
    asserted = DraftStatement(st, en, "asserted", hedged=hedged, kind_rule="assertion")
    art.found.append(asserted)
    for qa, qb, q in art.quotes_within(a, b):
        if qa >= a and qb <= b and _label_after_als(art, a, qa, qb):
            speaker = _subject(art, a, qa) if not art.inq[a] else None
            sa, sb = art.word_range(speaker.start, speaker.end) if speaker is not None else (qa, qa)
            if (
                speaker is not None
                and can_speak(art.words, sa, sb, art.mentions)
                and not _titled_thing(art, sa, sb)
                and "," not in (w.text for w in art.words[sb:qa])
                and not any(w in attribution_words("passive_aux") for w in art.low[sb : qb + 4])
            ):
                # the subject's own clause ("…, der … als „X“ bezeichnet wird" is a relative clause), active
                art.link(speaker)
                art.found.append(
                    DraftStatement(
                        q.start, q.end, "direct_quote", speaker=speaker, hedged=hedged, nested=True, kind_rule="label_after_als"
                    )
                )
            continue
        if qa >= a and qb <= b and _speech_like(art, qa, qb) and (skip := quoted_name_rule(art, qa, qb)) is not None:
            asserted.also.append((skip, (q.start, q.end)))  # a name in quotation marks: no quote
            continue
        if qa >= a and qb <= b and _speech_like(art, qa, qb) and not _name_in_quotes(art, qa, qb):
            named = _name_after_dash(art, a, qa)
            if named is not None:
                art.link(named)
                art.found.append(
                    DraftStatement(
                        q.start,
                        q.end,
                        "direct_quote",
                        speaker=named,
                        hedged=hedged,
                        nested=True,
                        kind_rule="name_colon_quote_after_dash",
                    )
                )
                continue
            speaker = _subject(art, a, qa) if not art.inq[a] else None
            refused = None
            if speaker is not None and (
                speaker.text.lower() in attribution_words("impersonal_subject")
                or not can_speak(art.words, *art.word_range(speaker.start, speaker.end), art.mentions, strict=True)
                or _titled_thing(art, *art.word_range(speaker.start, speaker.end))
            ):
                refused, speaker = speaker, None
            if speaker is not None:
                art.link(speaker)  # "Stadtoberhaupt Marino warnte vor „…“": the subject is linked like any speaker
            own_colon = speaker is None and _own_colon(art, refused, q.start)
            if speaker is None and not own_colon:
                speaker = _continued(art, 1)
            art.found.append(
                DraftStatement(
                    q.start,
                    q.end,
                    "direct_quote",
                    speaker=speaker,
                    hedged=hedged,
                    nested=True,
                    kind_rule="quotation_in_assertion",
                    no_speaker_rule="own_colon" if own_colon else "",
                )
            )
    return True


def _own_colon(art: _Article, subject: SpeakerRef | None, quote_start: int) -> bool:
    """Der Randalierer rief: „Lasst mich raus!“ → a clause whose subject phrase was refused as a speaker (a noun the
    speaker table does not know, "Randalierer", with no verb of saying before the colon, "rief") opens the
    quotation with its own colon: the words are not carried on to the last speaker; nobody is named. (A clause
    whose subject no rule found, "Den Zeugen fragte Karl Huber: „…“", is not covered.)"""
    if subject is None or subject.end > quote_start:
        return False
    between = art.text[subject.end : quote_start]
    return between.rstrip().endswith(":")


def _label_after_als(art: _Article, a: int, qa: int, qb: int) -> bool:
    """Der Landrat wies die Vorwürfe als „Frechheit“ zurück. → the quoted noun after "als" is the word the subject
    chose for it: a direct quote of the clause's subject, when a verb of saying frames it ("bezeichnete … als",
    "wies … als … zurück"; not "galt als „Pitbull“", "ist als „Poe Toaster“ bekannt") and the subject can speak.
    One to three capitalised words, not already speech-like."""
    if not (
        qa > a
        and art.low[qa - 1] == "als"
        and qb - qa <= 5
        and not _speech_like(art, qa, qb)
        and art.words[min(qa + 1, qb - 1)].text[:1].isupper()
    ):
        return False
    end = next((j for j in range(qb, len(art.words)) if art.words[j].text in (".", "!", "?", ";")), len(art.words))
    for k in range(a, end):  # a verb of saying with its particle: "wies … als „…“ zurück", "bezeichnete … als"
        if art.inq[k] or not art.words[k].text.islower():
            continue
        for sc in speech_readings().get(art.words[k].text, ()):
            if sc.cls == "speech" and (not sc.particle or sc.particle in art.low[k + 1 : end]):
                return True
    return False


def _name_after_dash(art: _Article, a: int, qa: int) -> SpeakerRef | None:
    """Stadt sucht neuen Stadtrat – Bürgermeisterin Lang: „Wir brauchen Ruhe“ → Lang: a headline's second part in
    the round-up format, a dash, a name (with its role) and a colon right before the quotation: the name speaks."""
    colon = qa - 1
    if colon <= a or art.words[colon].text != ":" or art.inq[colon]:
        return None
    d = next((j for j in range(colon - 1, max(a, colon - 6) - 1, -1) if art.words[j].text in _DASHES), None)
    if d is None or d + 1 >= colon or noun_phrase(art.words, d + 1, colon) != colon:
        return None
    if not can_speak(art.words, d + 1, colon, art.mentions) or not _named(art, d + 1, colon):
        return None
    st, en = art.span(d + 1, colon)
    return SpeakerRef(st, en, art.text[st:en], rule="name_before_colon")


#: What a sentence unit is: the first rule that takes it writes its statements.
UNIT_RULES: tuple[Callable[[_Article, int, int], bool], ...] = (
    colon_frame,
    name_colon_quote,
    name_colon_indirect,
    speech_clause,
    colon_after_speaking_subject,
    demnach_clause,
    reportive_soll,
    free_indirect_speech,
    bare_quotation,
    first_person_continues_speaker,
    assertion,
)


# --- what a verb or noun of saying introduces: the rules -------------------------------------------


@dataclass
class _Content:
    """A verb or noun cue in its clause, as the content rules see it."""

    art: _Article
    a: int
    b: int
    cue: _Cue
    c: int  # the cue's word index
    s: int  # the start of its clause
    speaker: SpeakerRef | None
    taken_until: int
    hedged: bool
    cls: str  # speech | report | cognition | demand | noun
    why: tuple[str, tuple[int, int] | None] | None = None  # the rule that read the mood of unmarked content

    @cached_property
    def complement(self) -> int | None:
        return _complement_after(self.art, self.c, self.b, strong_only=self.cls in ("cognition", "demand", "noun", "decision"))

    @property
    def first(self) -> str:
        return self.art.low[self.s]

    @property
    def wie(self) -> int | None:
        """The "wie" opening the cue's clause ("Wie Axios berichtet", "Wie X, Sprecher der Y, mitteilte")."""
        k = wie_start(self.art.words, self.a, self.s)
        return k if k is not None and k < self.c else None


_SKIP: tuple = (None, None, "")  # a rule took the cue, and no statement follows from it


def quote_before_inverted_cue(x: _Content) -> tuple | None:
    """„Wir handeln jetzt“, sagte er. / Moskaus Einfluss nehme zu, sagte er. / …, so Dmitriew."""
    art, c, s = x.art, x.c, x.s
    # "…, sagte er", "…, so Dmitriew", "…, und so sagte er", "…, das berichtet der Guardian" (the clause before)
    opens_clause = (
        s == c
        or x.cue.what == "so"
        or all(w in attribution_words("frame_joiner") for w in art.low[s:c])
        or (c == s + 1 and art.low[s] in attribution_words("anaphor") and x.cls in ("speech", "report"))
    )
    sp = x.speaker
    right_after = sp is not None and sp.start <= art.words[min(c + 3, x.b - 1)].start and sp.start > art.words[c].start
    if (
        opens_clause
        and right_after
        and s > x.a + 1
        and s - 1 >= x.taken_until
        and x.complement is None
        and not _appositions(art, x.taken_until, s - 1)
        and not _subject_with_relative(art, x.taken_until, s - 1)
    ):
        kind, x.why = _unmarked_kind(art, x.taken_until, _trim(art, x.taken_until, s - 1), x.cue.what == "so", x.cls)
        return x.taken_until, s - 1, kind
    return None


def quote_before_auxiliary_frame(x: _Content) -> tuple | None:
    """„Wir wollen enger zusammenarbeiten“, hatte VW-Chef Winterkorn in einem Interview erklärt. / Es drohe ein
    Wettrüsten, hatte Obama in Moskau gesagt. / „Wir helfen“, ließ ein Sprecher verlauten. / „Die Schuld liegt
    bei uns“ wird der Franzose im Fachblatt zitiert. → the words before the frame are the speech of the subject
    after the auxiliary (or "ließ"; in the passive of quoting, the one quoted); the participle or infinitive
    closes the frame (kind by mood, as for "…, sagte er")."""
    art, c = x.art, x.c
    s = _frame_start(art, x.a, c)
    if x.cue.what != "verb" or x.cls not in ("speech", "report") or s >= c - 1 or s <= x.a + 1:
        return None
    comma = art.words[s - 1].text == ","
    end = s - 1 if comma else s  # "„…“, hatte X erklärt" / "„…“ wird X zitiert" (the quotation's closing mark)
    aux = attribution_words("perfect_aux") | attribution_words("causative")
    if art.low[c] in attribution_words("quoted_passive"):
        aux = aux | attribution_words("passive_aux")
    if (
        not (comma or (art.inq[s - 1] and art.words[s - 1].text in quotes.MARKS))
        or art.low[s] not in aux
        or end < x.taken_until
        or end <= x.a
        or x.complement is not None
        or _appositions(art, x.taken_until, end)
    ):
        return None
    nxt = art.words[c + 1].text if c + 1 < x.b else "."
    if nxt not in _TRAILING:
        return None  # the participle closes the frame
    k = s + 1
    n = noun_phrase(art.words, k, c)
    if n <= k or art.low[k] in attribution_words("oblique") or not can_speak(art.words, k, n, art.mentions):
        return None
    ca = x.taken_until
    colon = next((j for j in range(end - 1, ca - 1, -1) if art.words[j].text == ":" and not art.inq[j]), None)
    if colon is not None:  # "Todt stellt sich vor ihn: „…“ wird der Franzose zitiert": the words after the colon
        ca = colon + 1
    cb = _trim(art, ca, end)
    if cb <= ca or (
        _quotation_share(art, ca, cb) is None and not _has_mood(art, ca, cb, strong=False) and _first_person(art, ca, cb) is None
    ):
        return None  # "Schutzklauseln, wie sie das Gesetz enthält, hat das Gericht für zulässig erklärt": no speech
    x.speaker = _subject(art, k, n, "subject_after_inverted_auxiliary")
    kind, x.why = _unmarked_kind(art, ca, cb, False, x.cls)
    return ca, end, kind


def _frame_start(art: _Article, a: int, c: int) -> int:
    """Start of the frame clause of the cue at ``c``: back to a comma, colon or semicolon, or to the quotation of
    speech before it; a name in quotation marks inside the frame does not end it ("wird der Franzose im Fachblatt
    „La Gazetta dello Sport“ zitiert")."""
    s = c
    while s > a:
        w = s - 1
        if art.words[w].text in (",", ":", ";") and not art.inq[w]:
            break
        if art.inq[w]:
            q = next(((qa, qb) for qa, qb, _ in art.quotes_over(w, w + 1) if qa <= w < qb), None)
            if q is None or not (_name_in_quotes(art, *q) or not _speech_like(art, *q)) or q[0] <= a:
                break
            s = q[0]
            continue
        s -= 1
    return s


def quote_before_impersonal_cue(x: _Content) -> tuple | None:
    """Der Täter sei geflohen, hieß es. → indirect speech with no speaker named (an anonymous source). With its
    source after it ("Es gab Festnahmen, hieß es dazu von der Kölner Polizei"), the clause before is that source's,
    its kind read from its mood as after "sagte er"."""
    art, c, s = x.art, x.c, x.s
    sourced = x.speaker is not None and x.speaker.rule == "impersonal_source" and x.speaker.start > art.words[c].start
    if (
        s == c
        and c + 1 < x.b
        and art.low[c + 1] == "es"
        and (x.speaker is None or sourced)
        and s > x.a + 1
        and s - 1 >= x.taken_until
        and x.complement is None
        and not _appositions(art, x.taken_until, s - 1)
    ):
        if sourced:
            kind, x.why = _unmarked_kind(art, x.taken_until, _trim(art, x.taken_until, s - 1), False, x.cls)
            return x.taken_until, s - 1, kind
        return x.taken_until, s - 1, "indirect_speech"
    return None


def _wie_source(x: _Content) -> None:
    """Wie aus Unternehmenskreisen verlautete, … → the "aus"/"von" phrase between "wie" and an impersonal verb is
    the source when no subject speaks (``source_in_wie_clause``; anonymous by the anonymity rules)."""
    w = x.wie
    art = x.art
    if x.speaker is not None or w is None or w + 2 >= x.c or art.low[w + 1] not in attribution_words("origin"):
        return
    n = noun_phrase(art.words, w + 2, x.c)
    if n <= w + 2:
        return
    while n < x.c and art.low[n] in attribution_words("source_opener"):  # "aus Reihen des Gerichts"
        m = noun_phrase(art.words, n + 1, x.c)
        if m <= n + 1:
            break
        n = m
    if n == x.c or all(not art.words[j].text[:1].isupper() for j in range(n, x.c)):
        x.speaker = SpeakerRef(
            art.words[w + 1].start,
            art.words[n - 1].end,
            art.text[art.words[w + 1].start : art.words[n - 1].end],
            rule="source_in_wie_clause",
        )


def wie_clause_after(x: _Content) -> tuple | None:
    """…, wie die Staatsanwaltschaft mitteilte. → the clause before is reported."""
    w = x.wie
    if w is not None and w > x.a + 1 and x.art.words[w - 1].text == ",":
        _wie_source(x)
        return x.taken_until, w - 1, "reported"
    return None


def wie_clause_before(x: _Content) -> tuple | None:
    """Wie Axios berichtet, soll der Plan vom Gaza-Deal inspiriert worden sein. → the clause after is reported."""
    if x.wie is None:
        return None
    art = x.art
    k = next((j for j in range(x.c + 1, x.b) if art.words[j].text == "," and not art.inq[j]), None)
    if k is None or k + 1 >= x.b:
        return _SKIP
    x.hedged = x.hedged or any(w in _REPORTIVE_SOLL for w in art.low[k + 1 : x.b])
    _wie_source(x)
    return k + 1, _trim(art, k + 1, x.b), "reported"


def complement_after_cue(x: _Content) -> tuple | None:
    """Der Polizeisprecher sagte, die Lage sei unter Kontrolle. / Er bestätigte, dass … / Sie hat angekündigt,
    kurzfristig zurückzutreten. / Er sagte: „…“ A verb read only with its word (``bare_verbs.tsv``) needs it
    before the clause too: "hält es für möglich, dass …", "sieht darin ein Zeichen, dass …", "geht davon aus,
    dass …"; not "hält daran fest, … zu lassen", "wichtig zu sehen, dass …"."""
    k = x.complement
    if k is None:
        return None
    art = x.art
    if _negated_question(art, x.c, k):
        return _SKIP
    sc = x.cue.speech
    needs = bare_verbs()[sc.lemma][0] if sc is not None and sc.lemma in bare_verbs() else frozenset()
    if needs and not any(w.endswith(tuple(needs)) for w in art.low[x.s : k]):
        return None
    return k, _trim(art, k, _clause_end(art, k, x.b) if not art.inq[k] else x.b), "indirect_speech"


def _negated_question(art: _Article, c: int, k: int) -> bool:
    """Der Bericht erklärt nicht, warum die Brücke einstürzte. / Sie sagte nie, ob sie kandidiert. → nothing is
    said: a verb of saying negated ("nicht", "nie": ``speaker_words.tsv``) before a question clause ("was", "warum",
    "ob" …; not "dass": "bestritt nicht, dass …" grants the claim) reports no content and no speaker."""
    return (
        art.low[k] in _COMPLEMENTISERS
        and art.low[k] != "dass"
        and not art.inq[k]
        and any(w in negations() for w in art.low[c + 1 : k])
    )


def reflexive_reading(x: _Content) -> tuple | None:
    """Der Verdacht bestätigte sich nicht. / Die Elf behauptete sich gegen Schweden. / Das neue System nennt sich
    Nova. → nothing said: the reflexive reading of a verb of saying (``attribution_words.tsv`` reflexive_other:
    "sich bestätigen" comes true, "sich behaupten" holds out, "sich nennen" is called) is no speech act; "sich"
    follows the verb within three words, or stands before the verb closing its clause ("…, das sich Nova nennt")."""
    sc = x.cue.speech
    if x.cue.what != "verb" or sc is None or sc.lemma not in attribution_words("reflexive_other"):
        return None
    art = x.art
    end = min(_clause_end_comma(art, x.c + 1, x.b), x.c + 4)
    after = any(art.low[k] == "sich" and not art.inq[k] for k in range(x.c + 1, end))
    before = _verb_closes_clause(art, x.c, x.b) and any(art.low[k] == "sich" and not art.inq[k] for k in range(x.s, x.c))
    return _SKIP if after or before else None


def naming_not_saying(x: _Content) -> tuple | None:
    """Das neue Stück heißt Frau Schmitz. / Der Hund hieß Bello. → nothing said: a verb that reports speech only
    with the impersonal "es" (``attribution_words.tsv`` impersonal_only: "heißt es", "es hieß") names something
    when no "es" stands before it in its clause or right after it."""
    sc = x.cue.speech
    if x.cue.what != "verb" or sc is None or sc.lemma not in attribution_words("impersonal_only"):
        return None
    return _SKIP if _names_not_says(x.art, x.s, x.c) else None


def _names_not_says(art: _Article, s: int, c: int) -> bool:
    """The verb at ``c`` (its clause opening at ``s``) is "heißen" without "es" before it in its clause ("wie es in
    der Mitteilung heißt") or right after it ("heißt es"): it names ("Das Werk heißt Frau Schmitz")."""
    if art.low[c] not in _impersonal_only_forms():
        return False
    before = any(art.low[k] == "es" and not art.inq[k] for k in range(s, c))
    after = c + 1 < len(art.low) and art.low[c + 1] == "es"
    return not (before or after)


@lru_cache(maxsize=1)
def _impersonal_only_forms() -> frozenset[str]:
    lemmas = attribution_words("impersonal_only")
    return frozenset(form for form, readings in speech_readings().items() if any(r.lemma in lemmas for r in readings))


def generic_naming(x: _Content) -> tuple | None:
    """Als Föhn bezeichnet man einen warmen Fallwind. / …, wie man ihn im Dorf nannte. / …, wie die beiden im Ort
    genannt werden. → nothing said: a verb of naming or taking for (``attribution_words.tsv`` naming) with the
    generic "man" as its subject, or as a participle with no one named, states a usage, not anyone's word."""
    sc = x.cue.speech
    if x.cue.what != "verb" or sc is None or sc.lemma not in attribution_words("naming"):
        return None
    sp = x.speaker
    if sp is not None and sp.text.lower() == "man":
        return _SKIP
    word = x.art.low[x.c]
    participle = word.startswith("ge") and word.endswith(("t", "en")) and not finite_form(x.art.words[x.c].text)
    if participle and sp is None and x.complement is None:  # not "Er hatte das Jahr 2020 genannt"
        return _SKIP
    return None


def negated_disclosure(x: _Content) -> tuple | None:
    """Die Firma gab den Kaufpreis nicht bekannt. / Der Trainer äußerte sich dazu noch nicht. → nothing said: a verb
    of telling (``attribution_words.tsv`` disclosure) negated in its clause ("nicht", "nie", "keine":
    ``speaker_words.tsv`` negation; not "nicht nur") with no clause of content reports that no word was given."""
    sc = x.cue.speech
    if x.cue.what != "verb" or sc is None or sc.lemma not in attribution_words("disclosure") or x.complement is not None:
        return None
    art = x.art
    end = _clause_end_comma(art, x.c + 1, x.b)
    for k in range(x.s, end):
        if art.low[k] in negations() and not art.inq[k] and k != x.c:
            if k + 1 < len(art.low) and art.low[k + 1] in attribution_words("negation_limit"):
                continue
            return _SKIP
    return None


def bare_verb_of_saying(x: _Content) -> tuple | None:
    """Dmitriew äußerte sich demnach optimistisch. → reported speech, when someone speaks (not "Nun drohten weitere
    Sperrungen") and the verb is finite (not "wurde bestätigt"; but a speech act in the perfect or with its agent
    in the passive is: :func:`_speech_act_done`). Not a verb in Konjunktiv I: "Es drohe ein Wettrüsten, hatte Obama
    gesagt" is Obama's account, not a threat by "ein Wettrüsten"."""
    sc = x.cue.speech
    art = x.art
    if x.cue.what == "verb" and x.s == x.c and x.s > x.a + 2 and _subject_with_relative(art, x.a, x.s - 1):
        # "Die Linkspartei, auf deren Listen …, schloss jede Koalition aus": the subject stands before its relative
        k = next(k for k in range(x.a, x.s) if art.words[k].text == ",")
        subject = _subject(art, x.a, k, "subject_before_relative_clause")
        x.speaker = subject if subject is not None and can_speak(art.words, x.a, k, art.mentions) else None
    attitude = sc is not None and sc.lemma in bare_verbs() and bare_verbs()[sc.lemma][1] == "attitude"
    if (
        x.cue.what == "verb"
        and (x.cls in _BARE_REPORTED or attitude)
        and x.speaker is not None
        and _bare_ok(x.art, x.a, x.b, x.c, sc)
        and not _has_mood(x.art, x.c, x.c + 1)
    ):
        if _finite(x.art, x.a, x.c):
            if x.s > x.a and art.low[x.s] in _RELATIVE_PRONOUNS:  # "…, die Polizei spricht von …": no relative clause
                x.why = ("article_not_relative", art.span(x.s, x.s + 1))
            start = x.a
            if x.a < x.taken_until < x.c and x.art.words[x.taken_until].text == ",":
                start = x.taken_until + 1  # "…, die Polizei spricht von 4.000": after the claim of the phrase before
                return start, _trim(x.art, start, x.b), "reported"
            return start, x.b, "reported"
        done = _speech_act_done(x)
        if done is not None:
            x.why = (done, x.art.span(x.c, x.c + 1))
            return x.a, x.b, "reported"
    return None


#: Speaker rules that find the clause's subject before the participle.
_SUBJECT_RULES = frozenset({"subject_before_cue", "subject_after_auxiliary", "apposition_subject", "apposition_before_cue"})


def _speech_act_done(x: _Content) -> str | None:
    """A speech act told in the perfect or the passive, its speaker named, the participle closing the clause:

    - ``perfect_of_saying``: "Der Außenminister hat heute den Abzug der Truppen angekündigt." → reported speech
      of the minister (the subject before the participle; only "hat/hatte", not a modal: "will ankündigen");
    - ``passive_with_agent``: "Von der Bewegung wurden Protestwellen angekündigt." → reported speech of the
      movement ("von X"; without an agent, "wurde bestätigt" says nothing of who spoke).
    """
    art, c = x.art, x.c
    nxt = art.words[c + 1].text if c + 1 < x.b else "."
    if nxt not in (".", "!", ";", ",", "und") or (art.inq[min(c + 1, len(art.inq) - 1)] and c + 1 < x.b):
        return None  # the participle closes its clause ("… angekündigt.", "… angekündigt und …")
    if nxt == "," and any(art.words[j].text == ":" and not art.inq[j] for j in range(c + 1, x.b)):
        return None  # "Er hat selbst gesagt, in einem Interview: …": the frame of what follows the colon
    s = _clause_start(art, x.a, c, past_quotes=True)
    aux = [k for k in range(s, c) if art.low[k] in _FINITE_AUX and not art.inq[k]]
    sp = x.speaker
    if not aux or sp is None or sp.start >= art.words[c].start:
        return None
    low = [art.low[k] for k in aux]
    if all(w in attribution_words("perfect_aux") for w in low) and sp.rule in _SUBJECT_RULES:
        if (
            sp.start > art.words[aux[0]].start
            and noun_phrase(art.words, s, aux[0]) > s
            and art.low[s] not in attribution_words("oblique")
        ):
            return None  # "Der BGH hat die Band … eingestuft": the phrase after "hat" is the object
        return "perfect_of_saying"
    passive = attribution_words("passive_aux")
    copula = attribution_words("copula")  # "ist … angekündigt worden"
    if (
        all(w in passive or w in copula for w in low)
        and any(w in passive for w in low)
        and sp.rule == "passive_agent"
        and nxt != ","
    ):  # not "wurde er von X aufgefordert, … zurückzuzahlen, …": what X asked is unclear
        return "passive_with_agent"
    return None


#: What a verb or noun of saying introduces: the first rule that matches decides the span and the kind.
CONTENT_RULES: tuple[Callable[[_Content], tuple | None], ...] = (
    reflexive_reading,
    naming_not_saying,
    generic_naming,
    negated_disclosure,
    quote_before_inverted_cue,
    quote_before_auxiliary_frame,
    quote_before_impersonal_cue,
    wie_clause_after,
    wie_clause_before,
    complement_after_cue,
    bare_verb_of_saying,
)


def _subject(art: _Article, a: int, b: int, rule: str = "clause_subject") -> SpeakerRef | None:
    """The noun phrase opening a clause, when a finite verb follows it ("Russland hat … beharrt"), and it can be a
    subject (:func:`speakers.opens_subject`: not "Den Unmut der CDU brachte …", "Von einer „…“ sprach …")."""
    n = noun_phrase(art.words, a, b)
    if n > a and opens_subject(art.words, a, n):
        return SpeakerRef(
            art.words[a].start, art.words[n - 1].end, art.text[art.words[a].start : art.words[n - 1].end], rule=rule
        )
    return None


def _carried(art: _Article, a: int, b: int) -> bool:
    return "demnach" in art.low[a:b]


def _has_soll(art: _Article, a: int, b: int) -> bool:
    return any(w.text.lower() in _REPORTIVE_SOLL for w in art.words[a:b])


def _reportive_soll_in(art: _Article, a: int, b: int) -> bool:
    """A reportive "soll" in the content: "Laut Axios soll sich Witkoff mit Dmitrijew getroffen haben" is
    hearsay twice over (not "Laut Plan soll das Treffen morgen stattfinden": a time ahead)."""
    return any(art.low[k] in _REPORTIVE_SOLL and _reportive(art, a, b, k) for k in range(a, b))


def _clause_end_comma(art: _Article, k: int, b: int) -> int:
    """End of the (sub)clause starting at ``k``: the next comma, semicolon or full stop outside quotations."""
    for j in range(k, b):
        if art.words[j].text in (",", ";", ".") and not art.inq[j]:
            return j
    return b


def _report_source(art: _Article, a: int, b: int, cue: _Cue) -> SpeakerRef | None:
    """The source of a report phrase: "laut Polizei", "einem Bericht zufolge", "Nach Angaben der Polizei",
    "Nach Polizeiangaben", "ein Bericht, wonach …"."""
    if cue.where == "clause":
        s = _clause_start(art, a, cue.index)
        s = _clause_start(art, a, s - 1) if s > a and art.words[s - 1].text == "," and s - 1 == cue.index - 1 else s
        return source_before(
            art.words,
            s,
            cue.index - 1 if cue.index > a and art.words[cue.index - 1].text == "," else cue.index,
            art.text,
            rule="source_before_wonach",
        )
    if cue.where == "before" and cue.length > 1 and art.low[cue.index] == "nach":  # "Nach Polizeiangaben"
        w = art.words[cue.index + 1]
        return SpeakerRef(w.start, w.end, w.text, rule="source_in_compound")
    if cue.where == "noun":  # "Nach Angaben der Polizei" → der Polizei; "nach eigenen Angaben" → the phrase itself
        end = cue.index + cue.length
        if art.low[cue.index + 1] in attribution_words("own"):  # "So konnte er nach eigenen Angaben …"
            own = _own_holder(art, _clause_start(art, a, cue.index), cue.index)
            if own is not None:
                return own
        if art.low[cue.index + 1] in _POSSESSIVE:  # "nach ihren Informationen": the one speaking already
            prev = _continued(art, 2, "possessive_is_last_speaker")
            if prev is not None:
                return prev
        after = (
            source_after(art.words, end, b, art.text, rule="source_after_information_noun")
            if end < b and art.low[end] in attribution_words("source_opener")
            else None
        )
        if after is not None:
            return after
        w0, w1 = art.words[cue.index + 1], art.words[end - 1]
        return SpeakerRef(w0.start, w1.end, art.text[w0.start : w1.end], rule="information_noun")
    if cue.where == "before":
        return source_before(art.words, a, cue.index, art.text)
    ref = source_after(art.words, cue.index + cue.length, b, art.text)
    last = cue.index + cue.length - 1
    if ref is None and cue.length > 1 and art.low[last].endswith(information_nouns()):
        # "Nach Informationen vom späten Abend wurden …": no source named, the information itself (with what is
        # attached to it: the frame ends after "vom späten Abend")
        end = last + 1
        if end < b and art.low[end] in attribution_words("source_opener"):
            end = max(end, noun_phrase(art.words, end + 1, b))
        w0, w1 = art.words[cue.index + 1], art.words[end - 1]
        ref = SpeakerRef(w0.start, w1.end, art.text[w0.start : w1.end], rule="information_noun")
    return ref


def _opinion_statement(art: _Article, a: int, b: int, cue: _Cue, hedged: bool, carried: bool) -> DraftStatement | None:
    """Die Verhältnismäßigkeit sei ihrer Meinung nach nicht mehr gewahrt. / Ziel der UDD ist der Sturz der
    Regierung, die ihrer Meinung nach zu Unrecht regiert. → the clause holding "seiner/ihrer Meinung (Ansicht,
    Einschätzung …) nach" is the holder's view (``opinion_postposition``, reported): the possessive is the last
    speaker when one spoke within two sentence units (``possessive_opinion_of_last_speaker``), else the phrase as
    written; "Dem Vernehmen nach soll er zurücktreten" is an anonymous report (the phrase itself)."""
    c, n = cue.index, cue.length
    s = _clause_start(art, a, c)
    e = _trim(art, s, _clause_end_comma(art, c + n, b))
    if s == c:  # "Dem Vernehmen nach | soll Gerhardt …": the frame is not the claim
        s = c + n
    if e <= s or e - s <= 1:
        return None
    w0, w1 = art.words[c], art.words[c + n - 2]
    ref = SpeakerRef(w0.start, w1.end, art.text[w0.start : w1.end], rule="opinion_phrase")
    prev = _recent_speaker(art, gap=2) if art.low[c] in attribution_words("holder") else None
    kind, ca, cb = _content_kind(art, s, e, "reported")
    f = DraftStatement(
        *art.span(ca, cb),
        kind,
        speaker=ref,
        cue=art.span(c, c + n),
        hedged=hedged or _has_soll(art, s, e),
        carried=carried,
        kind_rule="opinion_postposition",
    )
    if prev is not None:
        # the possessive is the last speaker: the phrase as written, linked to that speaker's entity
        ref.entity, ref.resolved, ref.person, ref.anonymous, ref.outlet = (
            prev.entity,
            prev.resolved or prev.text,
            prev.person,
            prev.anonymous,
            prev.outlet,
        )
        ref.rule, ref.link_rule = "possessive_opinion_of_last_speaker", "possessive_to_last_speaker"
        art.found.append(f)
        art.state.last_speech_unit = art.state.unit
    else:
        _add(art, f)
    if kind != "direct_quote":
        _nested(art, ca, cb, f)
    return f


def _own_holder(art: _Article, s: int, cue: int) -> SpeakerRef | None:
    """Whose "eigenen Angaben": the subject of the clause, the noun phrase opening it ("Der Mann war nach eigenen
    Angaben betrunken") or a personal pronoun before the phrase ("So konnte er nach eigenen Angaben …")."""
    sw = speaker_words()
    subject = _subject(art, s, cue, "subject_of_own_statement")
    if subject is not None and can_speak(art.words, *art.word_range(subject.start, subject.end), art.mentions):
        return subject
    for j in range(s, cue):
        if sw.get(art.low[j], "") in ("pron m", "pron f", "pron pl"):
            w = art.words[j]
            return SpeakerRef(w.start, w.end, w.text, pronoun=True, rule="subject_of_own_statement")
    return None


def _names_source(art: _Article, cue: _Cue, b: int) -> bool:
    """A noun of information names its source: "Nach Angaben der Polizei", "nach ihren Informationen"."""
    end = cue.index + cue.length
    return (end < b and art.low[end] in attribution_words("source_opener")) or art.low[cue.index + 1] in _POSSESSIVE


def _skip_frame(art: _Article, ref: SpeakerRef, i: int, b: int) -> int:
    """First word after a fronted report frame ("Nach Angaben von n24 | sind …")."""
    while i < b and art.words[i].start < ref.end:
        i += 1
    while i < b and art.words[i].text == ",":
        i += 1
    return i


def _set_chain(art: _Article, produced: list[DraftStatement], origins: list[SpeakerRef], backwards: bool) -> None:
    """An outlet as speaker starts a chain ("Dies berichtet Axios unter Berufung auf Beamte")."""
    first = produced[0]
    sp = first.speaker
    if sp is None or not sp.outlet:
        return
    chain = [Source(name=sp.outlet, entity=sp.entity)]
    chain += [Source(name=o.name, entity=o.entity, anonymous=o.anonymous) for o in origins]
    art.state.chain = chain
    for f in produced:
        f.chain, f.source_rule = chain, "outlet_with_origins" if origins else "outlet_speaks"
    if backwards:  # "Dies berichtet …" names the source of the sentence before
        for i in range(len(art.found) - len(produced) - 1, -1, -1):  # the statements before, last first
            f = art.found[i]
            if f.kind == "asserted":
                break
            if not f.chain and f.speaker is None:
                f.chain, f.source_rule = chain, "dies_berichtet_names_the_sentence_before"
            if f.speaker is not None:
                break


def _dated(art: _Article, a: int, b: int) -> bool:
    """A time expression (from the time stage) lies in ``[a, b)``."""
    if not art.record.times or b <= a:
        return False
    start, end = art.words[a].start, art.words[b - 1].end
    starts = art.mentions.time_starts  # every time expression's start, sorted
    k = bisect.bisect_left(starts, start)
    return k < len(starts) and starts[k] < end


def _same_paragraph(art: _Article, x: int, y: int) -> bool:
    record = art.record
    sx, sy = record.sentence_at(x), record.sentence_at(y)
    return sx is not None and sy is not None and record.sentences[sx].paragraph == record.sentences[sy].paragraph


def _reportive(art: _Article, a: int, b: int, i: int) -> bool:
    """Whether "soll" at ``i`` reports hearsay rather than a plan or an obligation.

    Not reportive: a time ahead in the clause ("Er soll morgen kommen"), a
    present infinitive with a time of sequence (``attribution_words.tsv``
    plan_time: "Die Mitglieder sollen nun über den Vertrag abstimmen"), a
    passive or copula "werden" closing it ("soll … veröffentlicht werden"), or
    "soll" at the end of a subordinate clause ("…, die eingesetzt werden soll").
    """
    end = _clause_end(art, i, b)
    j = i + 1
    while j < end and (art.words[j].text not in (",", ";", ":") or art.inq[j]):
        j += 1
    low = art.low
    if any(w in _FUTURE for w in low[a:end]):
        return False
    last = j - 1 if low[j - 1] not in (".", "!", "?") else j - 2
    perfect = last > i + 1 and low[last] in _PERFECT_AUX
    if not perfect and _dated(art, a, end):  # "Die Eröffnung soll am 1. November stattfinden": a plan
        return False
    if not perfect and any(w in attribution_words("plan_time") for w in low[_clause_start(art, a, i) : end]):
        return False  # "Die Mitglieder sollen nun über den Vertrag abstimmen": a plan (``plan_time``)
    final = _trim(art, i, end) - 1  # the last word of the sentence, past any relative clause
    if low[j - 1] == "werden" or low[final] == "werden":
        return False
    nxt = low[i + 1] if i + 1 < len(low) else ""
    return nxt not in (",", ".", ";", ")")


def _name_in_quotes(art: _Article, qa: int, qb: int) -> bool:
    """A name or title in quotation marks, not words someone said: after its kind ("die Zeitschrift „Nature“"),
    in a compound ("„Tea Party“-Bewegung"), two or more capitalised words ("„Berliner Zeitung“"), an outlet."""
    from .attribution_cues import outlets

    inner = [w.text for w in art.words[qa + 1 : qb - 1]]
    if not inner:
        return True
    before = art.words[qa - 1].text if qa > 0 else ""
    after = art.words[qb].text if qb < len(art.words) else ""
    if (
        before[:1].isupper()
        and before.isalpha()
        and qa > 1
        and art.words[qa - 2].text not in (".", ":", "!", "?")
        and not inner[0][:1].islower()
    ):
        return True  # not "der Ehemann „konnte sich nicht abfinden“": a name does not open in lower case
    if after.startswith("-"):
        return True
    if len(inner) >= 2 and all(w[:1].isupper() or not w.isalpha() for w in inner):
        return True
    return tuple(inner) in outlets() or quoted_name_rule(art, qa, qb) is not None


def quoted_name_rule(art: _Article, qa: int, qb: int) -> str | None:
    """The first of :data:`QUOTED_NAME_RULES` that reads the quotation ``[qa, qb)`` as a name, not words someone
    said, or None. Its name goes into the trace of the statement the quotation stands in (a ``kind`` step)."""
    for rule in QUOTED_NAME_RULES:
        if rule(art, qa, qb):
            return rule.__name__
    return None


def entity_in_quotes(art: _Article, qa: int, qb: int) -> bool:
    """die Hochrechnungen von „Infratest dimap“ / verkündete der „Deutsche Fußball-Bund“, kurz „DFB“ → a quotation
    that is all one name the entities stage found (a person, place, organisation or work) is that name, not words
    someone said."""
    if not 0 <= qa + 1 <= qb - 2 < len(art.words):
        return False  # an empty or unclosed quotation at the end of the text
    first, last = art.words[qa + 1], art.words[qb - 2]
    return any(s <= first.start and e >= last.end for s, e, _ in art.mentions.overlapping(first.start, last.end))


def gloss_in_parentheses(art: _Article, qa: int, qb: int) -> bool:
    """unter dem Begriff „Fahrendes Volk“ („gens du voyage“) → a quotation of five words or fewer that fills a
    parenthesis glosses the word before it (a translation, the original or a short name), no one's words."""
    return qa > 0 and qb < len(art.words) and art.words[qa - 1].text == "(" and art.words[qb].text == ")" and qb - qa - 2 <= 5


def title_after_outlet_noun(art: _Article, qa: int, qb: int) -> bool:
    """laut einem Test des Magazins „auto, motor und sport“ → a quotation right after a noun of an unnamed outlet
    (``anonymous_sources.tsv``, unnamed_outlet: Zeitung, Magazin, Sender, Blog …) is that outlet's name, also when
    it opens in lower case."""
    return qa > 0 and anonymity.noun_kind(art.words[qa - 1].text) == "unnamed_outlet" and art.words[qa - 1].text[:1].isupper()


def web_address_in_quotes(art: _Article, qa: int, qb: int) -> bool:
    """Anlass war „tt.com“ → a quotation that is one web address is the site's name."""
    return qb - qa == 3 and anonymity.web_address(art.words[qa + 1].text)


#: How a quotation is read as a name, not as someone's words (VERSION 14; before them, :func:`_name_in_quotes`
#: reads names after their kind, before a hyphen, of capitalised words only, and outlets). First match wins.
QUOTED_NAME_RULES: tuple[Callable[[_Article, int, int], bool], ...] = (
    entity_in_quotes,
    gloss_in_parentheses,
    title_after_outlet_noun,
    web_address_in_quotes,
)


def _titled_thing(art: _Article, a: int, b: int) -> bool:
    """``[a, b)`` is a thing with its name in quotation marks, not someone who speaks: "Programm „Ebay Plus“",
    "der Film „Titanic“" (its kind noun before the marks cannot speak; "die Zeitung „Bild“" can)."""
    for k in range(a + 1, b):
        if art.words[k].text in quotes.MARKS and art.words[k - 1].text[:1].isupper() and art.words[k - 1].text.isalpha():
            w = art.words[k - 1]
            if noun_class(w.text) is None and not art.mentions.overlapping(w.start, w.end):
                return True
    return False


def _appositions(art: _Article, a: int, b: int) -> bool:
    """``[a, b)`` is only noun phrases and commas ("Der Bürgermeister, Henning Scherf (SPD)"): a subject, not speech."""
    i = a
    while i < b:
        n = noun_phrase(art.words, i, b)
        if n == i:
            return False
        i = n
        if i < b and art.words[i].text == ",":
            i += 1
    return b > a


def _subject_with_relative(art: _Article, a: int, b: int) -> bool:
    """``[a, b)`` is a noun phrase with a relative clause, the subject of the verb after it, not speech: "Die
    Linkspartei, auf deren Listen auch Kandidaten der WASG kandidiert hatten, schloss jede Koalition aus"
    (its speaker: ``subject_before_relative_clause``)."""
    k = next((k for k in range(a, b) if art.words[k].text == "," and not art.inq[k]), None)
    if k is None or k == a or k + 2 >= b or not _appositions(art, a, k):
        return False
    if any(art.words[j].text in (",", ";", ":") and not art.inq[j] for j in range(k + 1, b)):
        return False
    return art.low[k + 1] in _RELATIVE_PRONOUNS or (art.words[k + 1].text.islower() and art.low[k + 2] in _RELATIVE_PRONOUNS)


def _speech_like(art: _Article, a: int, b: int) -> bool:
    """A quotation that reads as words someone said, not a name or title ("„Piper at the Gates of Dawn“")."""
    return any(len(w.text) >= 4 and w.text.isalpha() and w.text.islower() and w.text not in _NON_GERMAN for w in art.words[a:b])


_NON_GERMAN = attribution_words("foreign")


def _fill_soll_chains(art: _Article) -> None:
    """Reportive "soll" and "demnach" statements rest on the outlet chain named nearest."""
    chain: list[Source] = []
    pending: list[DraftStatement] = []
    for f in art.found:
        if f.chain and f.speaker is not None and f.speaker.outlet:
            chain = f.chain
            for p in pending:
                p.chain = chain
            pending = []
        elif (f.soll or f.carried) and not f.chain:
            f.source_rule = "carried_by_demnach" if f.carried else "nearest_outlet_chain"
            if chain:
                f.chain = chain
            else:
                pending.append(f)


#: Head nouns of an unnamed report as a source: "einem Bericht zufolge", "Berichten zufolge".
_REPORT_NOUNS = attribution_words("report_noun")


def _resolve_unnamed_reports(art: _Article) -> None:
    """An unnamed report ("einem Bericht zufolge") is the report of the article's
    reporting outlet when the article names exactly one ("Dies berichtet das
    Nachrichtenportal Axios unter Berufung auf …"): the statement takes that
    outlet's chain. With none or several outlets it stays an anonymous report."""
    chains: dict[str, list[list[Source]]] = {}
    for f in art.found:
        if f.chain and f.speaker is not None and f.speaker.outlet:
            chains.setdefault(f.speaker.outlet, []).append(f.chain)
    if len(chains) != 1:
        return
    (found_chains,) = chains.values()
    # the outlet's origins when it always cites the same ones, else the outlet alone
    chain = found_chains[0] if all(c == found_chains[0] for c in found_chains) else found_chains[0][:1]
    for f in art.found:
        sp = f.speaker
        if sp is not None and sp.anonymous and not f.chain and sp.text.split() and sp.text.split()[-1].lower() in _REPORT_NOUNS:
            f.chain, f.report_of_outlet, f.source_rule = chain, True, "report_of_the_cited_outlet"


# --- the record ------------------------------------------------------------------


def _sources(record: Record, f: DraftStatement, names: dict[str, str]) -> list[Source]:
    out: list[Source] = []
    if record.meta.outlet:
        out.append(Source(name=record.meta.outlet))
    for s in f.chain:
        if all(s.name != o.name for o in out):
            out.append(s)
    sp = f.speaker
    if sp is not None and not f.report_of_outlet:  # the report is the outlet's, already in the chain
        name = sp.outlet or names.get(sp.entity or "") or sp.name  # a linked speaker is named by its entity
        if all(name != o.name for o in out):
            out.append(Source(name=name, entity=sp.entity, anonymous=sp.anonymous))
    return out


def trace(f: DraftStatement, sources: list[Source]) -> list[TraceStep]:
    """The rules that decided the statement: its kind, its speaker, the speaker's entity, its sources."""
    at = f.cue or f.kind_at
    steps = [
        TraceStep(
            rule=f.kind_rule or "assertion", decided="kind", value=f.kind, start=at[0] if at else None, end=at[1] if at else None
        )
    ]
    for rule, where in f.also:  # what else decided the kind or the span ("first_person_is_direct")
        steps.append(
            TraceStep(rule=rule, decided="kind", value=f.kind, start=where[0] if where else None, end=where[1] if where else None)
        )
    sp = f.speaker
    if sp is not None:
        steps.append(TraceStep(rule=sp.rule or "speaker", decided="speaker", value=sp.text, start=sp.start, end=sp.end))
        if sp.link_rule:
            value = sp.entity or sp.outlet or ("anonymous" if sp.anonymous else None) or sp.resolved
            steps.append(TraceStep(rule=sp.link_rule, decided="entity", value=value))
            if sp.anonymous and sp.anonymity_rule:  # which anonymity rule found it anonymous ("source_noun")
                steps.append(TraceStep(rule=sp.anonymity_rule, decided="entity", value="anonymous"))
    elif f.kind != "asserted":
        steps.append(TraceStep(rule=f.no_speaker_rule or "no_speaker_rule_matched", decided="speaker"))
    rule = f.source_rule or ("outlet_and_speaker" if sp is not None else "outlet_only")
    steps.append(TraceStep(rule=rule, decided="sources", value=" → ".join(s.name for s in sources) or None))
    return steps


def statements(record: Record, found: list[DraftStatement]) -> list[Statement]:
    """The record's statements, in text order, ids "s1", "s2", …"""
    out: list[Statement] = []
    names = {e.id: e.name for e in record.entities}
    for n, f in enumerate(sorted(found, key=lambda f: (f.start, -f.end)), 1):
        first, last = record.sentence_at(f.start), record.sentence_at(max(f.start, f.end - 1))
        sentences = list(range(first, last + 1)) if first is not None and last is not None else []
        if f.cue is not None:
            k = record.sentence_at(f.cue[0])
            if k is not None and k not in sentences:
                sentences = sorted({*sentences, k})
        sp = f.speaker
        sources = _sources(record, f, names)
        out.append(
            Statement(
                id=f"s{n}",
                start=f.start,
                end=f.end,
                text=record.text[f.start : f.end],
                kind=f.kind,
                speaker=Speaker(entity=sp.entity, text=sp.text, anonymous=sp.anonymous) if sp else None,
                cue=Cue(start=f.cue[0], end=f.cue[1], text=record.text[f.cue[0] : f.cue[1]]) if f.cue else None,
                sources=sources,
                hedged=f.hedged,
                sentences=sentences,
                trace=trace(f, sources),
            )
        )
    return anonymity.annotate(record, out)  # kind and what is known of every anonymous source
