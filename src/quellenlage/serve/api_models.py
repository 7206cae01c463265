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

from ..record import AnonymousKind, EntityType, EventModality, EventStatus, Source, StatementKind, StatusChange


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


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
    outlet: str | None
    published: str | None = Field(description="ISO 8601 date or date-time, as in the record.")


class _Page(_Answer):
    total: int = Field(description="Number of items in all pages.")
    limit: int
    offset: int


class ArticlePage(_Page):
    items: list[ArticleHead]


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


# --- stories ---------------------------------------------------------------------


class StorySummary(_Answer):
    """A story: for now the articles sharing one tag."""

    id: str = Field(description="The tag as a slug (the id in /api/stories/{story_id}).")
    tag: str
    articles: int
    first: str | None = Field(description="Earliest publication date.")
    last: str | None = Field(description="Latest publication date.")


class StoryPage(_Page):
    items: list[StorySummary]


class StoryDetail(StorySummary):
    articles_list: list[ArticleHead] = Field(description="Its articles by date (undated last).")


# --- timeline --------------------------------------------------------------------

_IsoDate = Annotated[str, Field(json_schema_extra={"format": "date"})]


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


class Timeline(_Answer):
    title: str
    basis: Literal["events", "times"] = Field(description='"times" when there are no dated events.')
    show: Literal["stated", "all"]
    entries: list[TimelineEntry]


# --- ingest ----------------------------------------------------------------------


class IngestFailure(_Answer):
    name: str = Field(description='The item that failed, as uploaded ("zwei.jsonl:2").')
    reason: str


class IngestResult(_Answer):
    """What happened to an upload."""

    counts: dict[str, int] = Field(description="Articles by status (stored, revised, unchanged, reanalysed, failed).")
    failures: list[IngestFailure]
    ids: list[str] = Field(description="Ids of the newly stored articles.")
