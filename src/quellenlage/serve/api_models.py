"""The shapes of the JSON API's answers, as pydantic models (the response schemas of ``/openapi.json``).

Each model describes exactly the dict the API builds today (:mod:`.data`, :mod:`quellenlage.store.queries`,
:class:`.timeline.Entry`, :class:`.uploads.IngestReport`): the same keys in the same order, so serialising
an answer through its model gives the same bytes as before. Hence the models are strict (no silent
coercion, e.g. ``true`` to ``1``) and forbid unknown keys (none is dropped silently): an answer that
does not fit its model is an error, not a different answer. Nested parts of a record (a source, a
status change, the whole article record) reuse the classes of :mod:`quellenlage.record`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..record import AnonymousKind, Confidence, EntityType, EventModality, EventStatus, Source, StatementKind, StatusChange


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


_IsoDate = Annotated[str, Field(json_schema_extra={"format": "date"})]


# --- errors ----------------------------------------------------------------------


class ErrorBody(_Answer):
    """A refused request: unknown id (404), missing token (401), writing disabled (403), bad request (400),
    body too large (413)."""

    error: str = Field(description="What went wrong.")
    status: int | None = Field(None, description="The HTTP status again (on 401, 403, 404 and store errors).")


class ValidationProblem(BaseModel):
    """One invalid parameter (pydantic's error, as JSON)."""

    model_config = ConfigDict(extra="allow")

    type: str
    loc: list[str | int] = Field(description='Where: ("query", "limit").')
    msg: str
    input: Any = None
    ctx: dict[str, Any] | None = None


class ValidationErrorBody(_Answer):
    """Parameters out of range or of the wrong type (422)."""

    error: Literal["invalid request"]
    detail: list[ValidationProblem]


# --- articles --------------------------------------------------------------------


class ArticleHead(_Answer):
    """An article as a list shows it."""

    id: str
    headline: str | None
    title: str | None = Field(
        None, description="What the pages name it by: the headline, or for an article without one its first words."
    )
    outlet: str | None
    published: str | None = Field(description="ISO 8601 date or date-time, as in the record.")


class _Page(_Answer):
    total: int = Field(description="Number of items in all pages.")
    limit: int
    offset: int


class ArticlePage(_Page):
    items: list[ArticleHead]


# --- feeds -----------------------------------------------------------------------


class FeedError(_Answer):
    url: str = Field(description="The feed or the item that failed.")
    reason: str = Field(description="One line: HTTP 404, timed out after 30 s, disallowed by robots.txt …")
    at: str = Field(description="When, ISO 8601 in UTC.")


class FeedRow(_Answer):
    """A feed followed by `quellenlage watch`."""

    id: int
    url: str
    name: str | None
    kind: str | None = Field(description="rss, atom, sitemap or sitemapindex (null before the first fetch).")
    added_at: str
    last_fetched_at: str | None
    last_outcome: str | None = Field(description="ok, not modified or failed.")
    last_error: str | None = Field(description="Why the feed itself failed at its last fetch.")
    last_items: int | None = Field(description="Items the feed listed at its last fetch.")
    last_new: int | None = Field(description="Articles stored or revised from it by its last fetch.")
    articles: int = Field(description="Articles stored or revised from it in all.")
    errors: int = Field(description="Errors of the feed and its items in all.")
    recent_errors: list[FeedError] = Field(description="The latest errors, newest first.")


class FeedPage(_Answer):
    total: int
    items: list[FeedRow]


# --- entities --------------------------------------------------------------------


class EntitySummary(_Answer):
    """The entities of all articles whose canonical names share one key."""

    key: str = Field(description="The group's key (the id in /api/entities/{key}).")
    name: str = Field(description="The most frequent canonical name.")
    type: EntityType
    names: list[str] = Field(description="All canonical names in the group, sorted.")
    roles: list[str] = Field(description="Roles, the most frequent first.")
    articles: int = Field(description="Number of articles.")
    mentions: int = Field(description="Number of mentions in all articles.")


class EntityPage(_Page):
    items: list[EntitySummary]


class Variant(_Answer):
    text: str = Field(description="A mention as written.")
    count: int


# --- statements and sentences -------------------------------------------------


class StatementRow(_Answer):
    """A statement with its article (a row of /api/statements and of statement searches)."""

    article_id: str
    headline: str | None
    outlet: str | None
    published: str | None
    sid: str = Field(description="The statement's id in its record.")
    kind: StatementKind
    start: int
    end: int
    text: str
    snippet: str | None = Field(description="With a search (q): the text around the matches, marked «like this»; else null.")
    speaker_text: str | None
    speaker_entity: str | None = Field(description="Entity id in the article.")
    speaker_anonymous: bool | None
    speaker_anonymous_kind: AnonymousKind | None
    cue_text: str | None
    sources: list[Source] = Field(description="Source chain, outermost first.")
    hedged: bool


class StatementPage(_Page):
    items: list[StatementRow]


class EntityStatement(_Answer):
    """A statement in an entity's dossier (the row of :class:`StatementRow`, its null snippet last)."""

    article_id: str
    headline: str | None
    outlet: str | None
    published: str | None
    sid: str
    kind: StatementKind
    start: int
    end: int
    text: str
    speaker_text: str | None
    speaker_entity: str | None
    speaker_anonymous: bool | None
    speaker_anonymous_kind: AnonymousKind | None
    cue_text: str | None
    sources: list[Source]
    hedged: bool
    snippet: None


class SentenceHit(_Answer):
    """A sentence matching a search, with its article."""

    article_id: str
    headline: str | None
    outlet: str | None
    published: str | None
    idx: int = Field(description="Index of the sentence in its record.")
    start: int
    end: int
    text: str
    snippet: str = Field(description="The sentence with the matches marked «like this».")


class _Search(_Answer):
    query: str


class StatementSearch(_Search):
    in_: Literal["statements"] = Field(alias="in")
    total: int
    limit: int
    offset: int
    items: list[StatementRow]


class SentenceSearch(_Search):
    in_: Literal["sentences"] = Field(alias="in")
    total: int
    limit: int
    offset: int
    items: list[SentenceHit]


#: The answer of /api/search: statements or sentences, by ``in``.
SearchResult = Annotated[StatementSearch | SentenceSearch, Field(discriminator="in_")]


# --- events ----------------------------------------------------------------------


class EventRow(_Answer):
    """An event with its article."""

    article_id: str
    headline: str | None
    outlet: str | None
    published: str | None
    evid: str = Field(description="The event's id in its record.")
    type: str
    status: EventStatus
    time_value: str | None = Field(description="TIMEX3-style value.")
    time_mod: str | None
    place: str | None = Field(description="Entity id in the article.")
    participants: list[str] = Field(description="Entity ids in the article.")
    evidence: list[str] = Field(description="Statement ids in the article.")
    modality: EventModality | None
    groups: list[str] | None = Field(description="Participant groups without an entity, as written.")
    sources: list[list[str]] | None = Field(description="Source chains (names, outermost first).")
    status_changes: list[StatusChange] | None


class EventPage(_Page):
    items: list[EventRow]


class Dossier(EntitySummary):
    """Everything about an entity group: names, variants, roles, what it said, what was said about it, events."""

    variants: list[Variant] = Field(description="How the entities were written, the most frequent first.")
    articles_list: list[ArticleHead] = Field(description="Its articles by date (undated last).")
    said: list[EntityStatement] = Field(description="Statements it made, by date.")
    said_about: list[EntityStatement] = Field(description="Statements by others that mention it, by date.")
    events: list[EventRow] = Field(description="Events it took part in (as participant or place).")


# --- stories, story events, story entities, claims (the linking pass, docs/stories.md) ---------------------

DriftKind = Literal["stated as fact", "hearsay", "unnamed media reports"]


class EntityRef(_Answer):
    """A story entity by id and name."""

    id: str = Field(description="Story entity id (the id in /api/story-entities/{entity_id}).")
    name: str


class StorySummary(_Answer):
    """A story: the articles and events of several outlets that the linking pass clustered together."""

    id: str = Field(description="The story's id (the id in /api/stories/{story_id}).")
    title: str = Field(description="The first article's headline.")
    start: str | None = Field(description="First publication time of its articles.")
    end: str | None = Field(description="Last publication time of its articles.")
    articles: int = Field(description="Number of articles.")
    events: int = Field(description="Number of story events.")
    actors: list[EntityRef] = Field(description="Key actors: the most reported persons and organisations.")


class StoryPage(_Page):
    items: list[StorySummary]


class EventTimeValue(_Answer):
    value: str = Field(description="TIMEX3-style value.")
    mod: str | None = Field(description="START, MID, END … or null.")


class EventCounts(_Answer):
    reports: int = Field(description="Articles reporting the event.")
    outlets: int = Field(description="Outlets among them.")
    origins: int = Field(
        description="Independent origins: chains collapsed to their innermost named source, agency copy as the agency's."
    )


class OriginNode(_Answer):
    """A node of the origin tree: an outlet, agency or source, and those it took the story from."""

    name: str
    children: list[OriginNode]


class EventOrigin(_Answer):
    name: str = Field(description="The independent origin.")
    chain: list[str] = Field(description="The first chain that led to it, outermost first.")


class StatusStep(_Answer):
    """A step of the status history: the status changed with this report."""

    status: EventStatus
    published: str | None
    article: str
    claim: str | None = Field(description="The claim behind it (article id:claim id).")
    outlet: str | None


class ContradictionSide(_Answer):
    value: str | None = Field(description="The status, the day (TIMEX3) or the place (story entity id) of this side.")
    articles: list[str]
    outlets: list[str | None]
    published: list[str | None]
    label: str | None = Field(description="The value for reading (a place's name).")


class Contradiction(_Answer):
    field: Literal["status", "time", "place"]
    sides: list[ContradictionSide]


class DriftFlag(_Answer):
    """Attribution drift of one claim: hearsay in one outlet, plain fact in another; or only unnamed media reports."""

    claim: str = Field(description="The claim (article id:claim id).")
    kind: DriftKind
    status: EventStatus | None
    outlet: str | None = Field(description="The claim's outlet.")
    other: list[str] = Field(description="The other side's claims.")
    other_outlets: list[str] = Field(description="Their outlets.")


class ReportClaim(_Answer):
    """What one report says of the event."""

    id: str = Field(description="article id:claim id.")
    status: EventStatus | None
    confidence: Confidence | None
    kind: StatementKind | None
    hedged: bool
    statement: str | None = Field(description="Statement id in the article.")
    anchor: str | None = Field(description="Element id of that statement in the article page.")
    start: int | None
    end: int | None
    text: str = Field(description="The sentence of the mention.")
    sources: list[str] = Field(description="Source chain, outermost first (the outlet first).")
    drift: DriftKind | None


class EventReport(_Answer):
    """An article's event linked to the story event."""

    article: str
    event: str = Field(description="The event's id in the article.")
    outlet: str | None
    published: str | None
    headline: str | None
    status: EventStatus
    claims: list[ReportClaim]


class StoryEvent(_Answer):
    """One event across outlets: its reports, status history, independent origins, contradictions and drift."""

    id: str = Field(description="Story event id (the id in /api/story-events/{event_id}).")
    type: str
    label: str = Field(description="Type, participants and place, for reading.")
    status: EventStatus = Field(description="The latest report's; unknown when the latest word is contested.")
    time: EventTimeValue | None
    first: _IsoDate | None = Field(description="First day the time covers (null: undated).")
    last: _IsoDate | None
    participants: list[EntityRef]
    place: EntityRef | None
    counts: EventCounts
    outlets: list[str]
    origins: list[EventOrigin]
    origin_tree: list[OriginNode] = Field(description="Outlet → agency or cited outlet → source.")
    status_history: list[StatusStep]
    contradictions: list[Contradiction]
    drift: list[DriftFlag]
    reports: list[EventReport]
    story: str | None


class StoryEventPage(_Page):
    items: list[StoryEvent]


class StoryDetail(StorySummary):
    articles_list: list[ArticleHead] = Field(description="Its articles by date (undated last).")
    events_list: list[StoryEvent] = Field(description="Its events by time (undated last).")


class StoryEntitySummary(_Answer):
    """One person, organisation or place across articles, however each outlet spells it."""

    id: str = Field(description="Story entity id (the id in /api/story-entities/{entity_id}).")
    name: str
    type: EntityType
    names: list[str] = Field(description="The canonical names of its members, the most frequent first.")
    roles: list[str] = Field(description="Roles, the most frequent first.")
    articles: int = Field(description="Number of articles.")
    mentions: int = Field(description="Number of mentions in those articles.")
    latest: str | None = Field(description="The latest publication time of those articles (ISO 8601, UTC), if known.")


class StoryEntityPage(_Page):
    items: list[StoryEntitySummary]


class MentionSpan(_Answer):
    start: int
    end: int
    text: str


class ArticleMentions(ArticleHead):
    mentions: list[MentionSpan] = Field(description="The entity's mentions in this article (offsets into its text).")


class SaidByRow(_Answer):
    """A statement whose speaker is the entity."""

    article: str
    outlet: str | None
    published: str | None
    statement: str
    kind: StatementKind
    speaker: str | None = Field(description="The speaker as written.")
    text: str
    start: int
    end: int
    sources: list[str]
    headline: str | None
    anchor: str = Field(description="Element id of the statement in the article page.")


class StoryEntityDossier(_Answer):
    """A story entity across outlets: aliases, roles, mentions per article, what it said, its events."""

    id: str
    name: str
    type: EntityType
    aliases: list[str] = Field(description="Every other name and spelling it appears under.")
    roles: list[str]
    articles: int
    mentions: int
    articles_list: list[ArticleMentions] = Field(description="Its articles by date, with its mentions in each.")
    said: list[SaidByRow] = Field(description="What it said, by publication time.")
    events: list[StoryEvent] = Field(description="Story events it took part in, by time.")


class ClaimDrift(_Answer):
    kind: DriftKind
    status: EventStatus | None
    other: list[str] = Field(description="The other side's claims.")


class ClaimRow(_Answer):
    """A claim: what a report says of a story event, or another attributed statement (event null)."""

    id: str = Field(description="article id:claim id (or statement id).")
    event: str | None = Field(description="Story event id.")
    article: str
    outlet: str | None
    published: str | None
    statement: str | None
    kind: StatementKind | None
    hedged: bool
    sources: list[str] = Field(description="Source chain, outermost first.")
    text: str | None
    status: EventStatus | None
    drift: ClaimDrift | None
    headline: str | None
    anchor: str | None


class ClaimPage(_Answer):
    source: str = Field(description='The source asked for ("" for all claims).')
    total: int
    limit: int
    offset: int
    items: list[ClaimRow]


# --- timeline --------------------------------------------------------------------


class TimelineEvidence(_Answer):
    """Where an entry is reported: a span of an article."""

    article_id: str
    start: int
    end: int
    text: str
    headline: str | None
    anchor: str | None = Field(description="Element id of the evidence statement in the article page, if any.")


class TimelineEntry(_Answer):
    """One row of a timeline: events grouped across articles (or, as fallback, one time value)."""

    label: str
    kind: Literal["event", "time"]
    value: str = Field(description="TIMEX3-style value.")
    status: EventStatus | Literal["time"] = Field(description='Event status, or "time" for a time-expression entry.')
    confidence: Literal["stated", "inferred"]
    first: _IsoDate = Field(description="First day the value covers.")
    last: _IsoDate = Field(description="Last day the value covers.")
    vague: bool = Field(description="A range rather than one day.")
    reports: int
    origins: int = Field(description="Number of independent origins.")
    origin_names: list[str]
    evidence: list[TimelineEvidence]


class UndatedEntry(_Answer):
    """Events whose reports give no calendar time, grouped across articles: listed apart from the timeline."""

    label: str
    status: EventStatus
    confidence: Literal["stated", "inferred"]
    reports: int
    origins: int = Field(description="Number of independent origins.")
    origin_names: list[str]
    evidence: list[TimelineEvidence]


class Timeline(_Answer):
    title: str
    basis: Literal["events", "times"] = Field(description='"times" when there are no dated events.')
    show: Literal["stated", "all"]
    entries: list[TimelineEntry]
    undated: list[UndatedEntry] = Field(description='Events without a calendar time ("ohne Datum"), not on the axis.')


# --- ingest ----------------------------------------------------------------------


class IngestFailure(_Answer):
    name: str = Field(description='The item that failed, as uploaded ("zwei.jsonl:2").')
    reason: str


class IngestResult(_Answer):
    """What happened to an upload."""

    counts: dict[str, int] = Field(description="Articles by status (stored, revised, unchanged, reanalysed, failed).")
    failures: list[IngestFailure]
    ids: list[str] = Field(description="Ids of the newly stored articles.")
