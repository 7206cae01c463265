"""The article record: what every command, the store and the API exchange.

One record per article (schema ``quellenlage/article/v2``; a ``v1`` record, as
older stores hold, is read through :func:`upgrade`). ``text`` is the
analysed plain text; *every* offset in the record (``start``/``end``) is a
character offset into it, end exclusive, so ``text[start:end]`` is the span.

The JSON Schema shipped in ``schema/article-v2.schema.json`` is generated from
these classes (``make schema``); a test keeps the two in step.

"Source" means different things in the code; the field names stay as they are
(the JSON is the interface), so here is which is which:

- **source chain** (:class:`Source`, ``Statement.sources``): to whom a
  statement is attributed, outermost first: the outlet, an agency, a report,
  the speaker ("laut Reuters unter Berufung auf US-Beamte"). ``Event.sources``
  holds the chains of an event's evidence statements, and each :class:`Claim`
  the chain of the one report it is; an *anonymous source* is
  a :class:`Source` or :class:`Speaker` with ``anonymous`` set. The noun class
  ``source`` of the German tables ("Bericht", "Studie") names words that can
  stand in such a chain.
- **record source** (:class:`SourceInfo`, ``Record.source``): provenance, how
  the record was read: the reader and the input's name (path, path:LINE, -).
  Not part of the article's identity; the store keeps the name per revision
  (``source_name``).
- **input** (:class:`quellenlage.read.sources.Input`, in ``read/sources.py``):
  a file, a directory entry or stdin that a reader reads; its name becomes
  ``SourceInfo.name``.
- **gold-set source** (the ``source`` field of the gold sets in
  ``tests/fixtures/*.jsonl``): where an annotated paragraph was taken from
  ("10kGNAD test 876 (Etat)", "wikinews 9679"); never part of a record.
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

if TYPE_CHECKING:
    from spacy.tokens import Doc

SCHEMA_ID: Final = "quellenlage/article/v2"
#: The schema before claims (``Event.claims``, ``Event.disputed``): still read, through :func:`upgrade`.
SCHEMA_V1: Final = "quellenlage/article/v1"

EntityType = Literal["PER", "ORG", "LOC", "MISC"]
StatementKind = Literal["direct_quote", "indirect_speech", "reported", "asserted"]
EventStatus = Literal["happened", "planned", "cancelled", "postponed", "denied", "hypothetical", "unknown"]
#: How a value was obtained: ``stated`` (the text says it in so many words: a past-tense verb, "fand statt",
#: "am 24. Oktober 2025", "gestern" against a known publication day), ``inferred`` (read from
#: indirect evidence: the publication date against a present-tense clause, a year-less date, an
#: anaphor, a definite noun that presupposes its event), ``unknown`` (no value can be given).
Confidence = Literal["stated", "inferred", "unknown"]
EventModality = Literal["asserted", "reported"]
ParagraphKind = Literal["kicker", "headline", "caption", "lead", "body"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
#: What kind of unnamed source an anonymous speaker or source is (see docs/attribution.md, Anonymity).
AnonymousKind = Literal["official", "spokesperson", "insider", "document", "media_report", "unnamed_outlet", "unknown"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Span(_Model):
    start: int = Field(ge=0, description="Character offset into `text` (inclusive).")
    end: int = Field(ge=0, description="Character offset into `text` (exclusive).")


class Image(_Model):
    caption: str | None = Field(None, description="Caption without the credit.")
    credit: str | None = Field(None, description='Photo credit, e.g. from "(Foto: CREDIT)".')


class Meta(_Model):
    outlet: str | None = Field(None, description='Publishing outlet, e.g. "ntv.de".')
    url: str | None = None
    section: str | None = Field(None, description='Section ("Ressort"), e.g. "Politik".')
    kicker: str | None = Field(None, description='Kicker ("Dachzeile") above the headline.')
    headline: str | None = None
    published: str | None = Field(
        None, description="ISO 8601: a date, or a date-time with UTC offset (Europe/Berlin unless the source says otherwise)."
    )
    authors: list[str] = Field(default_factory=list, description='Author names or sigla ("ghö").')
    agencies: list[str] = Field(default_factory=list, description='News agencies credited ("dpa", "AFP", "Reuters").')
    tags: list[str] = Field(default_factory=list)
    lead: str | None = Field(None, description="The lead paragraph (also part of `text`).")
    images: list[Image] = Field(default_factory=list)
    language: str = "de"


class Paragraph(Span):
    kind: ParagraphKind = "body"


class Sentence(Span):
    paragraph: int = Field(ge=0, description="Index into `paragraphs`.")


class Mention(Span):
    text: str
    sentence: int | None = Field(None, description="Index into `sentences`.")


class Entity(_Model):
    id: str
    type: EntityType
    name: str = Field(description="Canonical name.")
    mentions: list[Mention] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)


def _anonymous_field():
    return Field(
        False,
        description="Not named: no person's name and no named organisation speaking as such "
        '("ein Regierungsvertreter", "aus Parteikreisen", "hieß es"). Never linked to an entity.',
    )


def _anonymous_kind_field():
    return Field(
        None,
        description="For an anonymous source: official, spokesperson, insider, document, media_report, "
        "unnamed_outlet or unknown.",
    )


def _known_field():
    return Field(
        None,
        description='For an anonymous source: what the text says about it, as written ("US-Beamte", '
        '"aus ukrainischen Kreisen"); null when nothing ("hieß es").',
    )


class Speaker(_Model):
    entity: str | None = Field(None, description="Entity id, if the speaker is a known entity.")
    text: str = Field(description="The speaker as written.")
    anonymous: bool = _anonymous_field()
    anonymous_kind: AnonymousKind | None = _anonymous_kind_field()
    known: str | None = _known_field()


class Cue(Span):
    text: str


class Source(_Model):
    name: str
    entity: str | None = None
    anonymous: bool = _anonymous_field()
    anonymous_kind: AnonymousKind | None = _anonymous_kind_field()
    known: str | None = _known_field()


TraceDecision = Literal["kind", "speaker", "entity", "sources"]


class TraceStep(_Model):
    """One decision about a statement: the rule that made it, what it decided, where it read it."""

    rule: str = Field(description='The rule: a function in analyse/attribution.py or analyse/speakers.py ("subject_after_cue").')
    decided: TraceDecision
    value: str | None = Field(
        None,
        description="What it decided: the kind, the speaker as written, the entity id "
        '(or the outlet, "anonymous", a pronoun\'s antecedent), the source chain.',
    )
    start: int | None = Field(None, ge=0, description="Offset of the words the rule read (the cue, the speaker), if any.")
    end: int | None = Field(None, ge=0, description="End offset of those words (exclusive).")


class Statement(Span):
    id: str
    text: str
    kind: StatementKind
    speaker: Speaker | None = None
    cue: Cue | None = None
    sources: list[Source] = Field(default_factory=list, description="Source chain, outermost first.")
    hedged: bool = False
    sentences: list[int] = Field(default_factory=list, description="Indexes of the supporting sentences.")
    trace: list[TraceStep] = Field(
        default_factory=list,
        description="Which rule decided the kind, the speaker, its entity and the sources (`quellenlage explain`).",
    )


class Dateline(Span):
    """A dateline, an agency or picture credit, the account a post is shared from ("RT @BILD:") or a page's time
    stamp: source metadata, never a participant, place or time of an event."""

    text: str
    places: list[str] = Field(default_factory=list, description='Place names as written ("Mainz", "Daun").')
    agencies: list[str] = Field(default_factory=list, description='Agencies and sigla ("dpa", "lrs").')
    sentence: int | None = None


class TimeExpression(Span):
    text: str
    value: str | None = Field(None, description="TIMEX3-style value, null when it cannot be anchored.")
    mod: str | None = None
    type: TimeType | None = None
    sentence: int | None = None
    confidence: Confidence = Field(
        "stated",
        description="stated: the value follows from the text (and publication day) alone; inferred: a direction, year or anchor was guessed; unknown: no value.",
    )


class EventTime(_Model):
    value: str | None = None
    mod: str | None = None
    text: str | None = Field(None, description="The time expression as written, when the time comes from one.")
    start: int | None = Field(None, ge=0, description="Offset of that time expression in `text` (inclusive).")
    end: int | None = Field(None, ge=0, description="Offset of that time expression in `text` (exclusive).")
    sentence: int | None = None
    confidence: Confidence = Field("stated", description="The time expression's confidence (see TimeExpression).")

    @classmethod
    def of(cls, t: TimeExpression) -> EventTime:
        """An event's time read from the time expression ``t``: its value, its words and where they stand."""
        return cls(value=t.value, mod=t.mod, text=t.text, start=t.start, end=t.end, sentence=t.sentence, confidence=t.confidence)


class PlanDetails(_Model):
    """What a plan (``type: plan``) says about itself: "28-Punkte-Friedensplan", "vier Themenkomplexe: …"."""

    points: int | None = Field(None, description='Number of points ("28-Punkte-Plan" → 28).')
    topics: list[str] = Field(default_factory=list, description="Topics as written.")
    authors: list[str] = Field(default_factory=list, description="Entity ids.")
    inspired_by: str | None = Field(None, description='What inspired it, as written ("Gaza-Deal").')


class StatusChange(_Model):
    """A change of an event's status reported in the text: "am 25. Oktober von Trump abgesagt"."""

    status: EventStatus
    time: EventTime | None = None
    to: EventTime | None = Field(None, description='The new time of a postponed event ("auf kommende Woche verschoben").')
    by: str | None = Field(None, description="Entity id of the agent.")
    evidence: list[str] = Field(default_factory=list, description="Statement ids.")
    sentences: list[int] = Field(default_factory=list)


class Claim(_Model):
    """One report's word on an event: what one mention, in one statement, on one source's authority, says.

    An event told by several reports keeps each of them, not only the strongest status: "Der Kreml bestätigte,
    dass sich Putin und Trump getroffen haben. Das Weiße Haus dementierte, dass sich die beiden getroffen
    hätten." is one meeting with two claims, happened per the Kreml and denied per the White House.
    """

    id: str = Field(description="The event's id and the claim's number in it, in text order (\"v3c1\").")
    status: EventStatus = Field(description="The status this mention gives the event.")
    confidence: Confidence = Field(description="How this mention's status was read (see Event.confidence).")
    kind: StatementKind = Field(
        description="Evidential kind: asserted (the outlet says it itself), reported ('soll', 'laut', 'zufolge', "
        "a narrated act of saying), direct_quote or indirect_speech; the kind of `statement`, asserted without one, "
        "reported for an event named as the subject of reports ('Berichte über ein geheimes Treffen')."
    )
    hedged: bool = Field(False, description='Hedged by its statement ("soll", "angeblich").')
    statement: str | None = Field(
        None, description="Id of the statement the mention stands in; null when none covers it (the outlet's own words)."
    )
    sentence: int | None = Field(None, description="Index into `sentences` of the mention.")
    start: int = Field(ge=0, description="Offset of the trigger mention the claim rests on (inclusive).")
    end: int = Field(ge=0, description="Offset of that trigger mention (exclusive).")
    text: str = Field(description="The trigger mention as written.")
    ahead: bool = Field(
        False,
        description="Told as ahead (a future clause, a time after publication): a plan that a stated past in another "
        "claim does not make a fact (see Event.status).",
    )
    time: EventTime | None = Field(None, description="The event's time as this mention tells it.")
    place: str | None = Field(None, description="Entity id of the place this mention names.")
    participants: list[str] = Field(default_factory=list, description="Entity ids of the participants this mention names.")
    sources: list[Source] = Field(
        default_factory=list, description="Source chain, outermost first (the outlet first): on whose word the claim rests."
    )


class Event(_Model):
    id: str
    type: str
    participants: list[str] = Field(default_factory=list, description="Entity ids.")
    groups: list[Mention] = Field(
        default_factory=list, description='Participant groups without an entity ("hochrangige Mitglieder der Trump-Regierung").'
    )
    place: str | None = Field(None, description="Entity id.")
    time: EventTime | None = None
    status: EventStatus = Field(
        "unknown",
        description="Derived from `claims` (docs/events.md, Claims): the strongest claim's; unknown when `disputed`. "
        "hypothetical: only conditional, possible, demanded, negated or asked about — never a fact on a timeline.",
    )
    confidence: Confidence = Field(
        "inferred",
        description="How the status was read: stated (an explicit cue in the text), inferred (tense against the publication date, a presupposing definite noun, or the learned status model where the rules leave it open: models/status-de), unknown.",
    )
    modality: EventModality | None = Field(None, description="reported when a supporting statement is reported speech or hedged.")
    evidence: list[str] = Field(default_factory=list, description="Statement ids.")
    sources: list[list[Source]] = Field(
        default_factory=list, description="Source chains of the evidence statements (each outermost first), without repeats."
    )
    mentions: list[Mention] = Field(default_factory=list, description="Trigger spans in `text`.")
    sentences: list[int] = Field(default_factory=list)
    plan: PlanDetails | None = None
    status_changes: list[StatusChange] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list, description="What each mention says of the event, in text order.")
    disputed: bool = Field(
        False,
        description="Claims on different sources' word contradict each other on the status (happened or planned against "
        "denied, happened against cancelled, …); the event's status is then unknown, never a fact one source denies.",
    )


class SourceInfo(_Model):
    """How the record was read (not part of the article's identity)."""

    reader: str
    name: str = Field(description="The input as the user named it (path, path:LINE, -, or the URL asked for).")
    encoding: str | None = None
    url: str | None = Field(None, description="For a page fetched from the web: the URL it was fetched from, after redirects.")
    fetched_at: str | None = Field(
        None,
        description="For a page fetched from the web: when, ISO 8601 in UTC. The store keeps the raw page with the revision.",
    )


class AnalysisInfo(_Model):
    version: str = Field(description="Version of the analysis that made this record.")
    stages: list[str] = Field(default_factory=list, description="Pipeline stages run, in order.")


class Record(_Model):
    schema_id: Literal["quellenlage/article/v2"] = Field(SCHEMA_ID, alias="schema")
    id: str = Field(description="Stable id: from the normalised URL, else from the content.")
    content_hash: str = Field(description="sha256 over text and metadata; a new value is a new revision.")
    meta: Meta
    text: str
    paragraphs: list[Paragraph] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    datelines: list[Dateline] = Field(
        default_factory=list, description='Datelines and agency credits in the text ("Berlin (dpa) -", "(Reuters/jW)").'
    )
    source: SourceInfo | None = None
    warnings: list[str] = Field(default_factory=list)
    analysis: AnalysisInfo | None = None
    tokens: list[Span] | None = Field(
        None, description="Token offsets; only present when asked for (`analyze --tokens`, `with_tokens()`)."
    )

    # Working state of the analysis (the spaCy Doc with tokens); never serialised, not pickled, not compared.
    _doc: Doc | None = PrivateAttr(default=None)
    # The page as fetched (quellenlage.fetch.http.Page), when the article came from the web: the store keeps its raw
    # bytes with the revision this record makes. Never serialised; pickled (it travels to a Dask worker and back).
    _page: Any = PrivateAttr(default=None)

    @model_validator(mode="before")
    @classmethod
    def _upgraded(cls, data: Any) -> Any:
        """A v1 record (stored before claims) is read as v2: every way in (``from_json``, ``model_validate``,
        ``model_validate_json``) takes it through :func:`upgrade`."""
        return upgrade(data) if isinstance(data, dict) and data.get("schema") == SCHEMA_V1 else data

    @property
    def doc(self) -> Doc | None:
        """The tokenised text as a spaCy ``Doc`` (sentence starts set), when analysed in this process
        (None before the segment stage and in a record read back from the store or a pickle)."""
        return self._doc

    def require_doc(self) -> Doc:
        """:attr:`doc` where a stage needs it (after the segment stage, in the same process)."""
        if self._doc is None:
            raise RuntimeError("the record has no spaCy Doc: run the segment stage first (stored records have none)")
        return self._doc

    def __getstate__(self) -> dict[Any, Any]:
        """Pickle the record without its Doc (large, and rebuilt from ``text`` by the segment stage)."""
        state = super().__getstate__()
        private = state.get("__pydantic_private__")
        if private and private.get("_doc") is not None:
            state["__pydantic_private__"] = {**private, "_doc": None}
        return state

    def __eq__(self, other: object) -> bool:
        """Equal fields; the Doc is working state, so a record equals its unpickled copy (which has none)."""
        if not isinstance(other, BaseModel):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing ``offset``."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return mid
        return None

    def with_tokens(self) -> Record:
        """Fill ``tokens`` from the tokenised text (white-space tokens left out)."""
        if self._doc is not None:
            self.tokens = [Span(start=t.idx, end=t.idx + len(t.text)) for t in self._doc if not t.is_space]
        return self

    def _exclude(self):
        return {"tokens"} if self.tokens is None else None

    def offset_problems(self) -> list[str]:
        """Every way the record breaks its own evidence rules; empty when it keeps them.

        Each paragraph, sentence, token, mention, statement (and its cue), time
        expression, event and claim span must lie inside ``text``; a mention's
        ``text`` must be the text at its offsets; sentence indexes must exist;
        entity ids used by statements, events and claims (place, participants,
        sources), and statement ids used as evidence or by a claim, must exist;
        a claim's statement must cover its mention.
        """
        problems: list[str] = []
        n = len(self.text)
        n_sent = len(self.sentences)

        def span(where: str, sp: Span, text: str | None = None) -> None:
            if not 0 <= sp.start < sp.end <= n:
                problems.append(f"{where}: offsets {sp.start}–{sp.end} outside the text (length {n})")
            elif text is not None and self.text[sp.start : sp.end] != text:
                problems.append(f"{where}: text {text!r} is not the text at {sp.start}–{sp.end}")

        def sentence(where: str, index: int | None) -> None:
            if index is not None and not 0 <= index < n_sent:
                problems.append(f"{where}: no sentence {index}")

        for i, p in enumerate(self.paragraphs):
            span(f"paragraph {i}", p)
        for i, s in enumerate(self.sentences):
            span(f"sentence {i}", s)
            if not 0 <= s.paragraph < len(self.paragraphs):
                problems.append(f"sentence {i}: no paragraph {s.paragraph}")
        for i, t in enumerate(self.tokens or []):
            span(f"token {i}", t)
        entity_ids = {e.id for e in self.entities}
        for e in self.entities:
            for m in e.mentions:
                span(f"entity {e.id} mention", m, m.text)
                sentence(f"entity {e.id} mention", m.sentence)
        statement_ids = {st.id for st in self.statements}
        for st in self.statements:
            span(f"statement {st.id}", st, st.text)
            if st.cue:
                span(f"statement {st.id} cue", st.cue, st.cue.text)
            for k in st.sentences:
                sentence(f"statement {st.id}", k)
            refs = [st.speaker.entity] if st.speaker else []
            refs += [src.entity for src in st.sources]
            for ref in refs:
                if ref is not None and ref not in entity_ids:
                    problems.append(f"statement {st.id}: no entity {ref}")
        for i, d in enumerate(self.datelines):
            span(f"dateline {i}", d, d.text)
            sentence(f"dateline {i}", d.sentence)
        for i, t in enumerate(self.times):
            span(f"time {i}", t, t.text)
            sentence(f"time {i}", t.sentence)
        for ev in self.events:
            for m in ev.mentions:
                span(f"event {ev.id} mention", m, m.text)
                sentence(f"event {ev.id} mention", m.sentence)
            for k in ev.sentences:
                sentence(f"event {ev.id}", k)
            for ref in [*ev.participants, *([ev.place] if ev.place else [])]:
                if ref not in entity_ids:
                    problems.append(f"event {ev.id}: no entity {ref}")
            for m in ev.groups:
                span(f"event {ev.id} group", m, m.text)
                sentence(f"event {ev.id} group", m.sentence)
            if ev.time and ev.time.text is not None and ev.time.start is not None and ev.time.end is not None:
                span(f"event {ev.id} time", Span(start=ev.time.start, end=ev.time.end), ev.time.text)
            refs = [*(ev.plan.authors if ev.plan else []), *(c.by for c in ev.status_changes if c.by)]
            for ref in refs:
                if ref not in entity_ids:
                    problems.append(f"event {ev.id}: no entity {ref}")
            for ref in [*ev.evidence, *(r for c in ev.status_changes for r in c.evidence)]:
                if ref not in statement_ids:
                    problems.append(f"event {ev.id}: no statement {ref}")
            for c in ev.claims:
                problems += self._claim_problems(f"event {ev.id} claim {c.id}", c, span, sentence, entity_ids)
        return problems

    def _claim_problems(self, where: str, c: Claim, span: Any, sentence: Any, entity_ids: set[str]) -> list[str]:
        """:meth:`offset_problems` for one claim: its mention, time, sentence, statement and entity ids."""
        problems: list[str] = []
        span(where, Span(start=c.start, end=c.end), c.text)
        sentence(where, c.sentence)
        if c.time and c.time.text is not None and c.time.start is not None and c.time.end is not None:
            span(f"{where} time", Span(start=c.time.start, end=c.time.end), c.time.text)
        if c.statement is not None:
            st = next((st for st in self.statements if st.id == c.statement), None)
            if st is None:
                problems.append(f"{where}: no statement {c.statement}")
            elif not st.start <= c.start < st.end:
                problems.append(f"{where}: statement {c.statement} does not cover the mention at {c.start}")
        refs = [*c.participants, *([c.place] if c.place else []), *(src.entity for src in c.sources if src.entity)]
        problems += [f"{where}: no entity {ref}" for ref in refs if ref not in entity_ids]
        return problems

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True, exclude=self._exclude())

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent, exclude=self._exclude())

    @classmethod
    def from_json(cls, data: str | bytes | dict) -> Record:
        """The record in ``data``, v2 or v1 (the model's before-validator upgrades a v1 record, see :func:`upgrade`)."""
        if isinstance(data, dict):
            return cls.model_validate(data)
        return cls.model_validate_json(data)


def upgrade(data: dict) -> dict:
    """A record dict of an older schema as a v2 dict; a v2 dict (or anything else) is returned as it is.

    v1 → v2 adds ``Event.claims`` and ``Event.disputed``, rebuilt as well as a v1 record allows. v1 keeps per
    event its trigger mentions, evidence statement ids, source chains, status, confidence, time, place,
    participants and status changes, but not what each mention said, so:

    - one claim per sentence and statement of the event's mentions (the events stage merges the triggers of one
      event in a sentence into one mention: "getroffen und … diskutiert"), resting on the first of them;
    - ``statement``: the narrowest evidence statement that covers the mention, whose kind, hedging and source
      chain (one of the event's ``sources``) the claim takes; without one, asserted on the outlet's word;
    - ``status``: a status change's in its sentence (cancelled, postponed, denied; stated); the event's own when
      it has one claim, or is hypothetical (then every mention was); otherwise ``unknown`` with confidence
      ``unknown``: **not recoverable** (which mention was planned and which happened is lost);
    - ``time``: the event's, in the claim of its time expression's sentence; ``place`` and ``participants``: the
      event's that have an entity mention in the claim's sentence (approximate: a pronoun's antecedent is lost);
    - ``ahead``: false, and ``disputed``: false (**not recoverable**: v1 kept the strongest status only, and the
      event keeps it). Analysing the text again gives the real claims.
    """
    if data.get("schema") != SCHEMA_V1:
        return data
    out = {**data, "schema": SCHEMA_ID}
    out["events"] = [_v1_event(data, ev) for ev in data.get("events") or []]
    return out


def _v1_event(record: dict, ev: dict) -> dict:
    """A v1 event dict with the claims :func:`upgrade` rebuilds."""
    statements = {st["id"]: st for st in record.get("statements") or []}
    evidence = [statements[ref] for ref in ev.get("evidence") or [] if ref in statements]
    outlet = [{"name": record["meta"]["outlet"]}] if (record.get("meta") or {}).get("outlet") else []
    where: dict[str, set[int | None]] = {
        e["id"]: {m.get("sentence") for m in e.get("mentions") or []} for e in record.get("entities") or []
    }
    changes = {k: c for c in ev.get("status_changes") or [] for k in c.get("sentences") or []}
    mentions = ev.get("mentions") or []
    told: dict[tuple[int | None, str | None], dict] = {}
    for m in mentions:
        covering = [st for st in evidence if st["start"] <= m["start"] < st["end"]]
        st = min(covering, key=lambda x: x["end"] - x["start"], default=None)
        told.setdefault((m.get("sentence"), st["id"] if st else None), {"mention": m, "statement": st})
    one = len(told) == 1 or ev.get("status") == "hypothetical"
    time = ev.get("time")
    claims = []
    for n, ((k, _), found) in enumerate(told.items(), start=1):
        m, st = found["mention"], found["statement"]
        status, confidence = ("unknown", "unknown")
        if k in changes:
            status, confidence = changes[k]["status"], "stated"
        elif one:
            status, confidence = ev.get("status", "unknown"), ev.get("confidence", "inferred")
        place = ev.get("place")
        claims.append(
            {
                "id": f"{ev['id']}c{n}",
                "status": status,
                "confidence": confidence,
                "kind": st["kind"] if st else "asserted",
                "hedged": bool(st and st.get("hedged")),
                "statement": st["id"] if st else None,
                "sentence": k,
                "start": m["start"],
                "end": m["end"],
                "text": m["text"],
                "time": copy.deepcopy(time) if time and time.get("sentence") == k else None,
                "place": place if place and k in where.get(place, set()) else None,
                "participants": [p for p in ev.get("participants") or [] if k in where.get(p, set())],
                "sources": copy.deepcopy(st.get("sources") or [] if st else outlet),
            }
        )
    return {**ev, "claims": claims, "disputed": False}


def json_schema() -> dict:
    """The record's JSON Schema (draft 2020-12), generated from the classes above."""
    schema = Record.model_json_schema(by_alias=True, mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:quellenlage:schema:article:v2",
        "title": "Quellenlage article record (quellenlage/article/v2)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


if __name__ == "__main__":  # `make schema` writes the shipped schema file
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
