"""The reading room's pages (server-rendered Jinja2, autoescaped)."""

from __future__ import annotations

import os
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from ..store import Store
from ..store.queries import (
    StatementFilter,
    entity_groups,
    find_sentences,
    find_statements,
    list_articles,
    stories,
)
from . import data
from .article_view import KIND_LABELS, cards, paragraphs_html
from .auth import TOKEN_VAR, WriteRefused, bearer, check_write
from .timeline import SHOW
from .timeline_draw import STATUS_COLOURS, to_png, to_svg
from .uploads import ingest_uploads

router = APIRouter(include_in_schema=False)
PAGE = 20
ENTITY_PAGE = 200


def _store(request: Request) -> Store:
    return request.app.state.store


def _render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def index(request: Request, offset: int = Query(0, ge=0)):
    total, rows = list_articles(_store(request), PAGE, offset)
    return _render(
        request, "index.html", articles=rows, total=total, offset=offset, page=PAGE, stories=stories(_store(request))[:12]
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str):
    store = _store(request)
    record = store.get(article_id)
    names = {e.id: e.name for e in record.entities}
    links = data.entity_links(record)
    return _render(
        request,
        "article.html",
        record=record,
        meta=record.meta,
        paragraphs=paragraphs_html(record),
        cards=cards(record),
        kinds=KIND_LABELS,
        names=names,
        links=links,
        revisions=store.revisions(record.id),
    )


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, offset: int = Query(0, ge=0)):
    groups = entity_groups(_store(request))
    return _render(
        request, "entities.html", groups=groups[offset : offset + ENTITY_PAGE], total=len(groups), offset=offset, page=ENTITY_PAGE
    )


@router.get("/entities/{key}", response_class=HTMLResponse)
def entity(request: Request, key: str):
    return _render(
        request, "entity.html", d=data.dossier(_store(request), key), kinds=KIND_LABELS, timeline_query=urlencode({"entity": key})
    )


@router.get("/stories", response_class=HTMLResponse)
def story_list(request: Request):
    return _render(request, "stories.html", stories=stories(_store(request)))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str):
    return _render(request, "story.html", s=data.story(_store(request), story_id), timeline_query=urlencode({"story": story_id}))


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
            query="",
            stories=stories(_store(request)),
            colours=STATUS_COLOURS,
        )
    show = _show(show)
    title, basis, entries = data.timeline_data(_store(request), story or None, q or None, entity or None, show)
    other = urlencode({**args, "show": "all" if show == "stated" else "stated"})
    return _render(
        request,
        "timeline.html",
        title=title,
        basis=basis,
        entries=entries,
        query=urlencode({**args, "show": show}),
        show=show,
        other=other,
        stories=[],
        colours=STATUS_COLOURS,
    )


def _no_timeline() -> Response:
    return Response('{"error": "give story, q or entity", "status": 400}', status_code=400, media_type="application/json")


def _timeline_image(request: Request, story: str, q: str, entity: str, draw, media_type: str, show: str) -> Response:
    """The timeline of a story, search or entity drawn by ``draw(entries, title)`` (SVG or PNG)."""
    if not _timeline_args(story, q, entity):
        return _no_timeline()
    title, _, entries = data.timeline_data(_store(request), story or None, q or None, entity or None, _show(show))
    return Response(draw(entries, title), media_type=media_type)


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
    date_from: str = "",
    date_to: str = "",
    target: Literal["statements", "sentences", "both"] = Query("both", alias="in"),
    offset: int = Query(0, ge=0),
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
    report = await run_in_threadpool(ingest_uploads, _store(request), uploads, request.app.state.settings)  # analysis is CPU work
    return _render(
        request,
        "ingest.html",
        enabled=enabled,
        token_var=TOKEN_VAR,
        report=report,
        error=None,
        heads=data.article_heads(_store(request), report.ids),
    )
