"""The ``serve`` command: the reading room and the HTTP API."""

from __future__ import annotations

import click

from .common import settings_of, store_of

#: Seconds an idle connection is kept open (uvicorn's default is 5). A client that keeps a connection for a
#: next request (a browser, a pooling HTTP library) and sends it just as the server closes it gets a broken
#: connection instead of an answer; under load, with requests queued for seconds, pooled connections sit idle
#: that long. 75 s is what common proxies keep (nginx's keepalive_timeout).
KEEP_ALIVE_S = 75


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Serve the reading room (article view, dossiers, timelines, search, ingest) and the HTTP API.

    \b
    Pages at http://HOST:PORT/, the JSON API under /api, its description at
    /openapi.json and /docs. Reading is open; writing (/ingest, POST /api/articles)
    needs the token in QUELLENLAGE_TOKEN (Authorization: Bearer …) and is disabled
    when that variable is unset.
    """
    import uvicorn

    from ..serve import create_app

    uvicorn.run(
        create_app(store=store_of(ctx), settings=settings_of(ctx)),
        host=host,
        port=port,
        log_level="info",
        timeout_keep_alive=KEEP_ALIVE_S,
    )


COMMANDS = (serve,)
