"""The reading room's pages (server-rendered Jinja2, autoescaped)."""

from __future__ import annotations

import os
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..errors import NotFound
from ..store import Store
from ..store.queries import (
    StatementFilter,
    find_sentences,
    find_statements,
    list_articles,
    stories,
)
from . import data, linked
from .api import DateFrom, DateTo
from .article_view import KIND_LABELS, cards, paragraphs_html
from .auth import TOKEN_VAR, WriteRefused, bearer, check_write
from .timeline import SHOW
from .timeline_draw import STATUS_COLOURS, to_png, to_svg
from .uploads import ingest_uploads

router = APIRouter(include_in_schema=False)
PAGE = 20
ENTITY_PAGE = 200
#: The entity types the entities list filters by, as its form names them.
ENTITY_TYPES = {"PER": "persons", "ORG": "organisations", "LOC": "places", "MISC": "other"}


def _store(request: Request) -> Store:
    return request.app.state.store


def _render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status_code)


def _linked(request: Request, build, *args, **kwargs):
    """``build(conn, …)`` on a reading connection of the store (the link tables)."""
    with _store(request).read() as conn:
        return build(conn, *args, **kwargs)


def _pager(request: Request, offset: int, page: int, total: int) -> tuple[str | None, str | None]:
    """Links to the previous and the next page, keeping the other query parameters."""
    params = {k: v for k, v in request.query_params.items() if k != "offset"}
    prev_url = "?" + urlencode({**params, "offset": max(offset - page, 0)}) if offset > 0 else None
    next_url = "?" + urlencode({**params, "offset": offset + page}) if offset + page < total else None
    return prev_url, next_url


@router.get("/", response_class=HTMLResponse)
def index(request: Request, offset: int = Query(0, ge=0, le=1_000_000)):
    total, rows = list_articles(_store(request), PAGE, offset)
    top = _linked(request, linked.story_page, 12, 0)["items"]
    return _render(request, "index.html", articles=rows, total=total, offset=offset, page=PAGE, stories=top)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str):
    store = _store(request)
    record = store.get(article_id)
    names = {e.id: e.name for e in record.entities}
    links = data.entity_links(store, record)
    return _render(
        request,
        "article.html",
        record=record,
        meta=record.meta,
        paragraphs=paragraphs_html(record, links),
        cards=cards(record, links),
        kinds=KIND_LABELS,
        names=names,
        links=links,
        revisions=store.revisions(record.id),
    )


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    q: str = "",
    kind: Literal["", "PER", "ORG", "LOC", "MISC"] = Query("", alias="type"),
    sort: Literal["articles", "mentions", "latest", "name"] = "articles",
    offset: int = Query(0, ge=0, le=1_000_000),
):
    found = _linked(request, linked.entity_page, ENTITY_PAGE, offset, q, kind, sort)
    prev_url, next_url = _pager(request, offset, ENTITY_PAGE, found["total"])
    return _render(
        request,
        "entities.html",
        found=found,
        q=q,
        kind=kind,
        sort=sort,
        sorts=linked.ENTITY_SORTS,
        types=ENTITY_TYPES,
        prev_url=prev_url,
        next_url=next_url,
        linked_any=found["total"] > 0 or _linked(request, linked.linked_any),
    )


@router.get("/entities/{key}", response_class=HTMLResponse, response_model=None)
def entity(request: Request, key: str) -> HTMLResponse | RedirectResponse:
    """A story entity's dossier. An older URL (a name key such as ``kiril-dmitriov``, or a name) redirects to
    its story entity; it shows the name group when the store has no story entity for it (never linked), and
    redirects to the list of entities matching it when it is only part of a name."""
    store = _store(request)
    if _linked(request, linked.entity_exists, key):
        return _render(
            request,
            "story_entity.html",
            d=_linked(request, linked.entity_dossier, key),
            kinds=KIND_LABELS,
            colours=STATUS_COLOURS,
            timeline_query=urlencode({"entity": key}),
        )
    target = data.entity_redirect(store, key)
    if target is not None:
        return RedirectResponse(f"/entities/{target}", status_code=308)
    try:
        d = data.dossier(store, key)
    except NotFound:
        if _linked(request, linked.entity_page, 1, 0, key)["total"]:  # part of a name as typed: the list finds it
            return RedirectResponse("/entities?" + urlencode({"q": key}), status_code=307)
        raise
    return _render(request, "entity.html", d=d, kinds=KIND_LABELS, timeline_query=urlencode({"entity": key}))


@router.get("/stories", response_class=HTMLResponse)
def story_list(request: Request, all: bool = False, offset: int = Query(0, ge=0, le=1_000_000)):
    found = _linked(request, linked.story_page, PAGE, offset, 1 if all else 2)
    total, single = _linked(request, linked.story_counts)
    prev_url, next_url = _pager(request, offset, PAGE, found["total"])
    return _render(
        request, "stories.html", found=found, everything=all, single=single, total=total, prev_url=prev_url, next_url=next_url
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse, response_model=None)
def story(request: Request, story_id: str) -> HTMLResponse | RedirectResponse:
    """A linked story; a tag's slug (what a story was before linking) redirects to the tag's timeline."""
    if _linked(request, linked.story_exists, story_id) is None and any(s.id == story_id for s in stories(_store(request))):
        return RedirectResponse("/timeline?" + urlencode({"story": story_id}), status_code=307)
    return _render(
        request,
        "story.html",
        s=_linked(request, linked.story_detail, story_id),
        colours=STATUS_COLOURS,
        timeline_query=urlencode({"story": story_id, "show": "all"}),
    )


@router.get("/story-events/{event_id}", response_class=HTMLResponse)
def story_event(request: Request, event_id: str):
    return _render(request, "story_event.html", e=_linked(request, linked.story_event, event_id), colours=STATUS_COLOURS)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, source: str = "", offset: int = Query(0, ge=0, le=1_000_000)):
    found = _linked(request, linked.claim_page, source.strip(), PAGE, offset)
    prev_url, next_url = _pager(request, offset, PAGE, found["total"])
    return _render(request, "claims.html", found=found, kinds=KIND_LABELS, prev_url=prev_url, next_url=next_url)


@router.get("/feeds", response_class=HTMLResponse)
def feeds(request: Request):
    return _render(request, "feeds.html", found=data.feeds_page(_store(request)))


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions(request: Request, offset: int = Query(0, ge=0, le=1_000_000)):
    found = _linked(request, linked.contradiction_page, PAGE, offset)
    prev_url, next_url = _pager(request, offset, PAGE, found["total"])
    return _render(request, "contradictions.html", found=found, colours=STATUS_COLOURS, prev_url=prev_url, next_url=next_url)


def _timeline_args(story: str, q: str, entity: str) -> dict:
    return {k: v for k, v in {"story": story, "q": q, "entity": entity}.items() if v}


def _show(show: str) -> str:
    return show if show in SHOW else "stated"


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, story: str = "", q: str = "", entity: str = "", show: str = "stated"):
    args = _timeline_args(story, q, entity)
    if not args:
        return _render(
            request,
            "timeline.html",
            title="Timeline",
            basis=None,
            entries=[],
            undated=[],
            query="",
            stories=_linked(request, linked.story_page, 100, 0, 1)["items"],
            colours=STATUS_COLOURS,
        )
    show = _show(show)
    title, basis, entries, undated = data.timeline_view(_store(request), story or None, q or None, entity or None, show)
    other = urlencode({**args, "show": "all" if show == "stated" else "stated"})
    return _render(
        request,
        "timeline.html",
        title=title,
        basis=basis,
        entries=entries,
        undated=undated,
        query=urlencode({**args, "show": show}),
        show=show,
        other=other,
        stories=[],
        colours=STATUS_COLOURS,
    )


def _no_timeline() -> Response:
    return Response('{"error": "give story, q or entity", "status": 400}', status_code=400, media_type="application/json")


def _timeline_image(request: Request, story: str, q: str, entity: str, draw, media_type: str, show: str) -> Response:
    """The timeline of a story, search or entity drawn by ``draw(entries, title, undated)`` (SVG or PNG)."""
    if not _timeline_args(story, q, entity):
        return _no_timeline()
    title, _, entries, undated = data.timeline_view(_store(request), story or None, q or None, entity or None, _show(show))
    return Response(draw(entries, title, undated), media_type=media_type)


@router.get("/timeline.svg")
def timeline_svg(request: Request, story: str = "", q: str = "", entity: str = "", show: str = "stated"):
    return _timeline_image(request, story, q, entity, to_svg, "image/svg+xml", show)


@router.get("/timeline.png")
def timeline_png(request: Request, story: str = "", q: str = "", entity: str = "", show: str = "stated"):
    return _timeline_image(request, story, q, entity, to_png, "image/png", show)


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: str = "",
    speaker: str = "",
    source: str = "",
    kind: str = "",
    outlet: str = "",
    date_from: str = DateFrom,
    date_to: str = DateTo,
    target: Literal["statements", "sentences", "both"] = Query("both", alias="in"),
    offset: int = Query(0, ge=0, le=1_000_000),
):
    kind = kind if kind in KIND_LABELS else ""  # the form sends "" for any kind
    f = StatementFilter(q=q, speaker=speaker, source=source, kind=kind or "", outlet=outlet, date_from=date_from, date_to=date_to)
    asked = any([q, speaker, source, kind, outlet, date_from, date_to])
    st_total, se_total = 0, 0
    st_rows: list[dict] = []
    se_rows: list[dict] = []
    if asked and target in ("statements", "both"):
        st_total, st_rows = find_statements(_store(request), f, PAGE, offset)
    statement_only = bool(speaker or source or kind)
    if asked and target in ("sentences", "both") and not statement_only:
        se_total, se_rows = find_sentences(_store(request), f, PAGE, offset)
    params = {k: v for k, v in request.query_params.items() if k != "offset"}
    prev_url = "?" + urlencode({**params, "offset": max(offset - PAGE, 0)}) if offset > 0 else None
    more = offset + PAGE < max(st_total, se_total)
    next_url = "?" + urlencode({**params, "offset": offset + PAGE}) if more else None
    return _render(
        request,
        "search.html",
        prev_url=prev_url,
        next_url=next_url,
        f=f,
        target=target,
        asked=asked,
        kinds=KIND_LABELS,
        offset=offset,
        page=PAGE,
        statements=st_rows,
        statements_total=st_total,
        sentences=se_rows,
        sentences_total=se_total,
        statement_only=statement_only,
    )


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request):
    return _render(request, "ingest.html", enabled=_writes_enabled(request), token_var=TOKEN_VAR, report=None, error=None)


def _writes_enabled(request: Request) -> bool:
    """Whether the server has a token at all (else the form says writing is disabled)."""
    return bool(request.app.state.token if request.app.state.token is not None else os.environ.get(TOKEN_VAR))


@router.post("/ingest", response_class=HTMLResponse)
async def ingest(
    request: Request,
    token: str = Form(""),
    text: str = Form(""),
    files: Annotated[list[UploadFile] | None, File()] = None,
):
    enabled = _writes_enabled(request)
    try:
        check_write(token or bearer(request.headers.get("authorization")), request.app.state.token)
    except WriteRefused as exc:
        return _render(
            request, "ingest.html", status_code=exc.status, enabled=enabled, token_var=TOKEN_VAR, report=None, error=exc.message
        )
    limit = request.app.state.settings.max_upload_bytes
    uploads: list[tuple[str, bytes]] = []
    if text.strip():
        uploads.append(("pasted.txt", text.encode("utf-8")))
    for upload in files or []:
        if upload.filename:
            content = await upload.read(limit + 1)
            if len(content) > limit:
                return _render(
                    request,
                    "ingest.html",
                    status_code=413,
                    enabled=enabled,
                    token_var=TOKEN_VAR,
                    report=None,
                    error=f"{upload.filename}: larger than {limit} bytes",
                )
            uploads.append((upload.filename, content))
    if not uploads:
        return _render(
            request,
            "ingest.html",
            status_code=400,
            enabled=enabled,
            token_var=TOKEN_VAR,
            report=None,
            error="nothing to ingest: paste a text or choose a file",
        )
    workers = request.app.state.workers
    client = await workers.run(workers.client)  # analysis is CPU work: not in this process
    report = await workers.run(ingest_uploads, _store(request), uploads, request.app.state.settings, client)
    heads = await workers.run(data.article_heads, _store(request), report.ids)  # the store is read off the loop
    return _render(request, "ingest.html", enabled=enabled, token_var=TOKEN_VAR, report=report, error=None, heads=heads)
