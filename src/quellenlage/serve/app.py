"""The FastAPI application: reading room pages, the JSON API and offline API docs.

Nothing is loaded from elsewhere: templates and static files ship with the
package, and ``/docs`` is a small self-hosted page that lists the operations
of ``/openapi.json`` (FastAPI's Swagger UI and ReDoc fetch their scripts from
a CDN, which an offline machine cannot reach).
"""

from __future__ import annotations

import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, pass_context

from .. import __version__
from ..errors import NotFound, StoreError
from ..settings import Settings
from ..store import Store, open_store
from ..store.queries import titles_of
from .auth import WriteRefused
from .guards import FORM_OVERHEAD, BodyLimit, NoControlCharacters
from .linked import drift_lines
from .threads import limit_threads
from .workers import AnalysisWorkers

HERE = Path(__file__).parent

#: Scripts and styles from this server only: an article's text can never bring its own
#: (it is escaped anyway; this is the second line of defence).
CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"


@pass_context
def _title(context, headline: str | None, article_id: str) -> str:
    """``article_title(headline, id)`` in a template: how every page names an article (its headline, or its first
    words: :func:`~quellenlage.store.queries.titles_of`)."""
    if (headline or "").strip():
        return headline or ""
    with context["request"].app.state.store.read() as conn:
        return titles_of(conn, {article_id: headline})[article_id]


def _templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    env.filters["date"] = lambda v: (v or "")[:10]
    env.globals["article_title"] = _title
    env.filters["drift_lines"] = drift_lines
    return Jinja2Templates(env=env)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path.endswith((".json", ".svg", ".png"))


def create_app(
    db: str | None = None, *, store: Store | None = None, token: str | None = None, settings: Settings | None = None
) -> FastAPI:
    """The application over the store at ``db`` (path or URL; default as for the CLI), or over ``store``.

    ``token`` overrides ``$QUELLENLAGE_TOKEN`` (the token that allows writing); ``settings``: the limits
    (upload size, article size), default :meth:`Settings.from_env`.
    """
    from . import api, views

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        limit_threads(app.state.settings.serve_threads)
        try:
            yield
        finally:
            app.state.workers.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Quellenlage",
        version=__version__,
        description="German news as a source-attributed, searchable record. "
        "Reading is open; writing needs `Authorization: Bearer <QUELLENLAGE_TOKEN>`.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store or open_store(db)
    app.state.token = token
    app.state.settings = settings or Settings.from_env()
    app.state.workers = AnalysisWorkers(app.state.settings.upload_workers)
    weakref.finalize(app, app.state.workers.close)  # an app never started as a server (tests) stops them too
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    app.include_router(api.router)
    app.include_router(views.router)
    # outermost: a body above the upload limit (all files of a form together) is refused before it is read
    app.add_middleware(BodyLimit, limit=lambda: app.state.settings.max_upload_bytes + FORM_OVERHEAD)
    app.add_middleware(NoControlCharacters)

    def error(request: Request, status: int, message: str):
        if _wants_json(request):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status
        )

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return error(request, 404, str(exc))

    @app.exception_handler(WriteRefused)
    async def refused(request: Request, exc: WriteRefused):
        response = error(request, exc.status, exc.message)
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        return error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        if _wants_json(request):
            return JSONResponse({"error": "invalid request", "detail": jsonable(exc.errors())}, status_code=422)
        message = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return error(request, 422, message)

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request):
        return app.state.templates.TemplateResponse(request, "docs.html", {})

    return app


def jsonable(errors) -> list:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors)
