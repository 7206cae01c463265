"""The JSON API under ``/api``: the same data as the pages (see :mod:`.data`), for programs.

Lists are paginated with ``limit`` (1–100, default 20) and ``offset``; out-of-range
values are refused with 422. Unknown ids answer 404 with ``{"error": …}``.
``POST /api/articles`` needs ``Authorization: Bearer <QUELLENLAGE_TOKEN>``.

Every JSON answer is declared by its model in :mod:`.api_models` (the schemas of
``/openapi.json``) and serialised through it; the CSV and JSON Lines answers
declare their media types.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any, Literal, get_args

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from ..export import CSV_COLUMNS, write_csv
from ..export import rows as table_rows
from ..record import EntityType, Record, StatementKind
from ..settings import Settings
from ..store import Store
from ..store.queries import (
    StatementFilter,
    find_sentences,
    find_statements,
    list_articles,
    list_events,
)
from . import data, groups, linked
from .api_models import (
    ArticlePage,
    ClaimPage,
    Dossier,
    EntityPage,
    ErrorBody,
    EventPage,
    FeedPage,
    IngestResult,
    SearchResult,
    StatementPage,
    StoryDetail,
    StoryEntityDossier,
    StoryEntityPage,
    StoryEvent,
    StoryEventPage,
    StoryPage,
    Timeline,
    ValidationErrorBody,
)
from .auth import bearer, check_write
from .uploads import ingest_uploads

router = APIRouter(
    prefix="/api",
    tags=["api"],
    responses={400: {"model": ErrorBody, "description": "A control character (a NUL, a line break …) in the address"}},
)

Limit = Query(20, ge=1, le=100, description="Items per page (1–100).")
Offset = Query(0, ge=0, le=1_000_000, description="Items to skip.")
#: A date filter: a year, a month or a day (what ``published`` is compared with); anything else is refused (422).
DATE_PATTERN = r"^(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)?$"
DateFrom = Query("", pattern=DATE_PATTERN, description="From this date on: YYYY-MM-DD (or YYYY-MM, YYYY).")
DateTo = Query("", pattern=DATE_PATTERN, description="Up to this date: YYYY-MM-DD (or YYYY-MM, YYYY).")
Table = Literal["articles", "sentences", "statements", "entities", "times", "events"]
EntitySort = Literal["articles", "mentions", "latest", "name"]
GroupSort = Literal["mentions", "articles", "name"]
EntityTypeQuery = Query(None, alias="type", description="Only entities of this type.")
EntitySortQuery = Query(
    "articles",
    description="articles: in the most articles first; mentions: the most mentions first; "
    "latest: the latest mentioned first (by publication time); name: by name.",
)
GroupTypeQuery = Query(None, alias="type", description="Only groups of this type (their most frequent).")
GroupSortQuery = Query(
    "mentions", description="mentions: the most mentions first; articles: in the most articles first; name: by name."
)

# The JSON routes serialise with response_model_exclude_unset=True: an answer holds exactly the keys of the
# dict built for it (a record without tokens stays without "tokens"; a source stored by an older analysis
# without "known" stays without it), and the models keep the keys in the dicts' order.

#: The error answers, for ``responses=`` (the bodies come from the app's exception handlers).
_INVALID: dict[int | str, dict[str, Any]] = {422: {"model": ValidationErrorBody, "description": "Invalid parameters"}}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "No such id"}, **_INVALID}
_TEXT = {"schema": {"type": "string"}}


def _store(request: Request) -> Store:
    return request.app.state.store


def _summaries_page(found: list, limit: int, offset: int) -> dict:
    """A page of an in-memory list (entity groups), each item by its ``summary()``."""
    return linked.paged(len(found), limit, offset, [x.summary() for x in found[offset : offset + limit]])


@router.get(
    "/articles",
    summary="Articles, newest first (paginated)",
    response_model=ArticlePage,
    response_model_exclude_unset=True,
    responses=_INVALID,
)
def articles(request: Request, limit: int = Limit, offset: int = Offset) -> dict:
    total, rows = list_articles(_store(request), limit, offset)
    return linked.paged(total, limit, offset, rows)


@router.get(
    "/articles/{article_id}.csv",
    summary="One article's rows of a table as CSV",
    response_class=Response,
    responses={200: {"description": "CSV with a header row", "content": {"text/csv": _TEXT}}, **_NOT_FOUND},
)
def article_csv(request: Request, article_id: str, table: Table = "articles") -> Response:
    record = _store(request).get(article_id)
    out = io.StringIO()
    write_csv([record], out, table)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8")


@router.get(
    "/articles/{article_id}.jsonl",
    summary="One article's record as a JSON line",
    response_class=Response,
    responses={
        200: {
            "description": "The record (see /api/articles/{article_id}) on one line",
            "content": {"application/x-ndjson": _TEXT},
        },
        **_NOT_FOUND,
    },
)
def article_jsonl(request: Request, article_id: str) -> Response:
    record = _store(request).get(article_id)
    return Response(record.to_json() + "\n", media_type="application/x-ndjson; charset=utf-8")


@router.get(
    "/articles/{article_id}",
    summary="One article's record (as `quellenlage show --format json`)",
    response_model=Record,
    response_model_exclude_unset=True,  # "tokens" only when the record has them, as in Record.to_dict()
    responses=_NOT_FOUND,
)
def article(request: Request, article_id: str, revision: int | None = Query(None, ge=1, le=1_000_000)) -> dict:
    return _store(request).get(article_id, revision=revision).to_dict()


#: The media types ``POST /api/articles`` takes, and the file suffix (the reader) each stands for; a body with
#: none, or ``application/octet-stream``, is read by the suffix of ``?name=`` or, without one, as a page dump or
#: plain text. Forms are refused: the form for people is ``/ingest``.
ARTICLE_TYPES = {
    "text/plain": ".txt",
    "text/markdown": ".txt",
    "application/json": ".json",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/gzip": ".gz",
    "application/octet-stream": ".txt",
}


def article_type(content_type: str | None) -> str:
    """The media type of a ``Content-Type`` header, lower case, without parameters ("" when none)."""
    return (content_type or "").split(";")[0].strip().lower()


@router.post(
    "/articles",
    summary="Ingest an article (page dump, HTML, JSON or JSON Lines in the body); needs the token",
    description="The body is the article itself, as sent with `curl --data-binary @file.html -H 'Content-Type: "
    "text/html'`. Media types: " + ", ".join(f"`{t}`" for t in ARTICLE_TYPES) + " (or none: the suffix of `name` "
    "picks the reader). Multipart and URL-encoded forms are refused with 415 (the form is `/ingest`). The "
    "analysis runs in the server's analysis processes, not in the process that answers requests.",
    status_code=201,
    response_model=IngestResult,
    response_model_exclude_unset=True,
    response_class=JSONResponse,  # serialised by json.dumps, as before the model
    responses={
        200: {"model": IngestResult, "description": "Nothing new stored (e.g. every article unchanged), nothing failed"},
        400: {"model": IngestResult | ErrorBody, "description": "Empty body, or every article failed (the report)"},
        401: {"model": ErrorBody, "description": "No token or a wrong one"},
        403: {"model": ErrorBody, "description": "Writing is disabled on this server"},
        413: {
            "model": ErrorBody,
            "description": f"Body larger than the upload limit (default {Settings().max_upload_bytes} bytes), "
            "refused before it is read",
        },
        415: {"model": ErrorBody, "description": "A media type that is no article (a form, an image …)"},
        **_INVALID,
    },
)
async def post_articles(
    request: Request,
    response: Response,
    authorization: str | None = Header(None, description="Bearer <QUELLENLAGE_TOKEN>"),
    name: str | None = Query(None, description="File name for the body (its suffix picks the reader).", max_length=255),
) -> dict | JSONResponse:
    check_write(bearer(authorization), request.app.state.token)
    settings: Settings = request.app.state.settings
    media = article_type(request.headers.get("content-type"))
    if media and media not in ARTICLE_TYPES:
        return JSONResponse(
            {
                "error": f"{media} is not an article: send the article itself as the body "
                f"({', '.join(sorted(ARTICLE_TYPES))}); the upload form is /ingest",
                "status": 415,
            },
            status_code=415,
        )
    body = await request.body()  # at most the upload limit: BodyLimit refuses more before it is read
    if len(body) > settings.max_upload_bytes:
        return JSONResponse({"error": f"body larger than {settings.max_upload_bytes} bytes", "status": 413}, status_code=413)
    if not body.strip():
        return JSONResponse({"error": "empty body: send an article", "status": 400}, status_code=400)
    filename = name or "article" + ARTICLE_TYPES.get(media, ".txt")
    workers = request.app.state.workers
    client = await workers.run(workers.client)
    report = await workers.run(ingest_uploads, _store(request), [(filename, body)], settings, client)
    ok = sum(n for status, n in report.counts.items() if status != "failed")
    response.status_code = 201 if report.ids else (200 if ok else 400)
    return report.to_dict()


@router.get(
    "/entities",
    summary="Entities grouped across articles by name: filtered by name and type, sorted (most mentioned first)",
    response_model=EntityPage,
    response_model_exclude_unset=True,
    responses=_INVALID,
)
def entities(
    request: Request,
    q: str = Query("", description="Only groups with a name containing this, in any case."),
    kind: EntityType | None = GroupTypeQuery,
    sort: GroupSort = GroupSortQuery,
    limit: int = Limit,
    offset: int = Offset,
) -> dict:
    return _summaries_page(groups.find_groups(_store(request), q, kind or "", sort), limit, offset)


@router.get(
    "/entities/{key}",
    summary="An entity's dossier: names, roles, what it said, what was said about it, events",
    response_model=Dossier,
    response_model_exclude_unset=True,
    responses=_NOT_FOUND,
)
def entity(request: Request, key: str) -> dict:
    return data.dossier(_store(request), key)


def _filter(
    q: str, speaker: str, source: str, kind: str | None, outlet: str, date_from: str, date_to: str, article: str = ""
) -> StatementFilter:
    return StatementFilter(
        q=q, speaker=speaker, source=source, kind=kind or "", outlet=outlet, date_from=date_from, date_to=date_to, article=article
    )


@router.get(
    "/statements",
    summary="Statements, filtered by speaker, source, kind, outlet, date, article or text",
    response_model=StatementPage,
    response_model_exclude_unset=True,
    responses=_INVALID,
)
def statements(
    request: Request,
    q: str = "",
    speaker: str = "",
    source: str = "",
    kind: StatementKind | None = None,
    outlet: str = "",
    date_from: str = DateFrom,
    date_to: str = DateTo,
    article: str = "",
    limit: int = Limit,
    offset: int = Offset,
) -> dict:
    f = _filter(q, speaker, source, kind, outlet, date_from, date_to, article)
    total, rows = find_statements(_store(request), f, limit, offset)
    return linked.paged(total, limit, offset, rows)


@router.get("/events", summary="Events, by time", response_model=EventPage, response_model_exclude_unset=True, responses=_INVALID)
def events(request: Request, article: str = "", limit: int = Limit, offset: int = Offset) -> dict:
    total, rows = list_events(_store(request), limit, offset, article or None)
    return linked.paged(total, limit, offset, rows)


def _read(request: Request, build, *args, **kwargs) -> dict:
    """``build(conn, …)`` on a reading connection of the store (the link tables)."""
    with _store(request).read() as conn:
        return build(conn, *args, **kwargs)


@router.get(
    "/stories",
    summary="Stories: articles and events clustered across outlets, largest first",
    response_model=StoryPage,
    response_model_exclude_unset=True,
    responses=_INVALID,
)
def story_list(
    request: Request,
    limit: int = Limit,
    offset: int = Offset,
    min_articles: int = Query(
        2, ge=1, le=1_000_000, description="Only stories with at least this many articles (1: every story)."
    ),
) -> dict:
    return _read(request, linked.story_page, limit, offset, min_articles)


@router.get(
    "/stories/{story_id}",
    summary="A story: its articles and its events with status history, origins, contradictions and drift",
    response_model=StoryDetail,
    response_model_exclude_unset=True,
    responses=_NOT_FOUND,
)
def story(request: Request, story_id: str) -> dict:
    return _read(request, linked.story_detail, story_id)


@router.get(
    "/story-events/{event_id}",
    summary="A story event: reports / outlets / independent origins, origin tree, status history, flags",
    response_model=StoryEvent,
    response_model_exclude_unset=True,
    responses=_NOT_FOUND,
)
def story_event(request: Request, event_id: str) -> dict:
    return _read(request, linked.story_event, event_id)


@router.get(
    "/story-entities",
    summary="Story entities (one per person, organisation or place across outlets): filtered by name and type, sorted",
    response_model=StoryEntityPage,
    response_model_exclude_unset=True,
    responses=_INVALID,
)
def story_entities(
    request: Request,
    q: str = Query("", description="Only entities with a name (or a spelling in an article) containing this, in any case."),
    kind: EntityType | None = EntityTypeQuery,
    sort: EntitySort = EntitySortQuery,
    limit: int = Limit,
    offset: int = Offset,
) -> dict:
    return _read(request, linked.entity_page, limit, offset, q, kind or "", sort)


@router.get(
    "/story-entities/{entity_id}",
    summary="A story entity's dossier across outlets: aliases, roles, mentions per article, what it said, its events",
    response_model=StoryEntityDossier,
    response_model_exclude_unset=True,
    responses=_NOT_FOUND,
)
def story_entity(request: Request, entity_id: str) -> dict:
    return _read(request, linked.entity_dossier, entity_id)


@router.get(
    "/claims",
    summary="Claims with their source chains and drift, optionally of one source",
    response_model=ClaimPage,
    response_model_exclude_unset=True,
    responses=_INVALID,
)
def claims(
    request: Request,
    source: str = Query("", description='Only claims whose source chain names it ("Axios"), or "anonymous".'),
    limit: int = Limit,
    offset: int = Offset,
) -> dict:
    return _read(request, linked.claim_page, source, limit, offset)


@router.get(
    "/feeds", summary="The feeds followed: last fetched, new articles, latest errors", response_model=FeedPage, responses=_INVALID
)
def feeds(request: Request, errors: int = Query(5, ge=0, le=200, description="Latest errors per feed.")) -> dict:
    return data.feeds_page(_store(request), errors)


@router.get(
    "/contradictions",
    summary="Story events whose reports contradict each other (status, day, place) or drift, by time",
    response_model=StoryEventPage,
    response_model_exclude_unset=True,
    responses=_INVALID,
)
def contradictions(request: Request, limit: int = Limit, offset: int = Offset) -> dict:
    return _read(request, linked.contradiction_page, limit, offset)


@router.get(
    "/timeline",
    summary="Timeline entries of a story, a saved search (q) or an entity",
    response_model=Timeline,
    response_model_exclude_unset=True,
    response_class=JSONResponse,  # serialised by json.dumps, as before the model
    responses={400: {"model": ErrorBody, "description": "Neither story, q nor entity given"}, **_NOT_FOUND},
)
def timeline(
    request: Request,
    story: str = "",
    q: str = "",
    entity: str = "",
    show: Literal["stated", "all"] = Query("stated", description="stated: only what the text states; all: inferred too"),
) -> dict | JSONResponse:
    if not (story or q or entity):
        return JSONResponse({"error": "give story, q or entity"}, status_code=400)
    title, basis, entries, undated = data.timeline_view(_store(request), story or None, q or None, entity or None, show)
    return {
        "title": title,
        "basis": basis,
        "show": show,
        "entries": [e.to_dict() for e in entries],
        "undated": [u.to_dict() for u in undated],
    }


@router.get(
    "/search",
    summary="Full-text search over statements and sentences, with filters",
    response_model=SearchResult,
    response_model_exclude_unset=True,
    responses=_INVALID,
)
def search(
    request: Request,
    q: str = "",
    target: Literal["statements", "sentences"] = Query("statements", alias="in"),
    speaker: str = "",
    source: str = "",
    kind: StatementKind | None = None,
    outlet: str = "",
    date_from: str = DateFrom,
    date_to: str = DateTo,
    limit: int = Limit,
    offset: int = Offset,
) -> dict:
    f = _filter(q, speaker, source, kind, outlet, date_from, date_to)
    find = find_statements if target == "statements" else find_sentences
    total, rows = find(_store(request), f, limit, offset)
    return {"query": q, "in": target, **linked.paged(total, limit, offset, rows)}


#: Most records one export answer holds (``limit``); more are fetched page by page with ``offset``.
EXPORT_MAX = 10_000


@router.get(
    "/export",
    summary="Current records as JSON, JSON Lines or one CSV table, streamed, at most 10,000 a request",
    description="Records in the order of `quellenlage export` (by publication date, undated last, then id), "
    f"streamed as they are read: at most `limit` ({EXPORT_MAX:,} at most) from `offset`. The header "
    '`X-Total-Count` gives the number of articles, and `Link: <…>; rel="next"` the next page while there is one.',
    response_class=Response,
    responses={
        200: {
            "model": list[Record],
            "description": "format=json: a JSON array of records; jsonl: one record per line; csv: the table's rows",
            "content": {"application/x-ndjson": _TEXT, "text/csv": _TEXT},
        },
        **_INVALID,
    },
)
def export(
    request: Request,
    format: Literal["json", "jsonl", "csv"] = "jsonl",
    table: Table = "articles",
    limit: int = Query(1000, ge=1, le=EXPORT_MAX, description=f"Records in this answer (1–{EXPORT_MAX:,})."),
    offset: int = Offset,
) -> Response:
    store = _store(request)
    total = store.count()
    headers = {"X-Total-Count": str(total)}
    if offset + limit < total:
        following = request.url.include_query_params(offset=offset + limit, limit=limit)
        headers["Link"] = f'<{following}>; rel="next"'
    if format == "json":
        batches = store.record_json_batches(limit=limit, offset=offset)
        return StreamingResponse(_json_array(batches), media_type="application/json", headers=headers)
    if format == "jsonl":
        batches = store.record_json_batches(limit=limit, offset=offset)
        lines = ("".join(data + "\n" for data in batch) for batch in batches)
        return StreamingResponse(lines, media_type="application/x-ndjson; charset=utf-8", headers=headers)
    headers["Content-Disposition"] = f'attachment; filename="{table}.csv"'
    records = store.iter_records(limit=limit, offset=offset)
    return StreamingResponse(_csv_rows(records, table), media_type="text/csv; charset=utf-8", headers=headers)


def _json_array(batches: Iterator[list[str]]) -> Iterator[str]:
    """Batches of JSON texts as one JSON array, streamed a batch at a time."""
    yield "["
    first = True
    for batch in batches:
        if batch:
            yield ("" if first else ",") + ",".join(batch)
            first = False
    yield "]"


def _csv_rows(records: Iterator[Record], table: str, batch: int = 100) -> Iterator[str]:
    """A table's CSV (as :func:`~quellenlage.export.write_csv` writes it), streamed ``batch`` records at a time."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS[table], extrasaction="raise")
    writer.writeheader()
    for k, record in enumerate(records, 1):
        writer.writerows(table_rows(record, table))
        if k % batch == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


assert set(CSV_COLUMNS) == set(get_args(Table))  # the export tables and the choice stay in step
assert list(get_args(EntitySort)) == list(linked.ENTITY_SORTS)  # the sorts of the page and of the API
assert get_args(GroupSort) == groups.GROUP_SORTS
