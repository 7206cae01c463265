"""What a request may carry, checked before a route sees it.

:class:`NoControlCharacters` refuses a path or query string with control
characters (a NUL in a search term is an error in SQLite's FTS5 and in every
PostgreSQL text value): 400, one line, before any query is built.

:class:`BodyLimit` is an ASGI middleware in front of every route. A request
whose ``Content-Length`` is above the limit is answered 413 without reading a
byte of its body; one that sends more than the limit without saying so (chunked
transfer, a lying header) is cut off when the limit is passed, and answered 413
instead of whatever the route would have said. So a route that parses a form
(``/ingest``) or reads the body (``POST /api/articles``) never holds more than
the limit in memory or on disk.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import unquote_to_bytes

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Bytes a multipart form may carry beside its files: part headers, the token, the boundary lines.
FORM_OVERHEAD = 64 * 1024


class TooLarge(Exception):
    """The body went past the limit (raised into the route that reads it)."""


class BodyLimit:
    """Refuse request bodies above ``limit()`` bytes (read when each request starts, so a changed
    setting counts) with 413 and ``{"error": …}``."""

    def __init__(self, app: ASGIApp, limit: Callable[[], int]):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self.limit()
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(send, limit)
            return
        received = 0
        passed = False
        started = False

        async def counted() -> Message:
            nonlocal received, passed
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    passed = True
                    raise TooLarge(f"body larger than {limit} bytes")
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if passed:  # the route answered after the cut (a parse error, a 400): the answer is 413
                return
            started = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except TooLarge:
            pass
        except Exception:
            if not passed:
                raise
        if passed and not started:
            await _refuse(send, limit)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isascii() and text.isdigit() else 2**63  # an unreadable length is refused as too large
    return None


async def _refuse(send: Send, limit: int) -> None:
    await _answer(send, 413, f"body larger than {limit} bytes")


async def _answer(send: Send, status: int, error: str) -> None:
    body = json.dumps({"error": error, "status": status}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


#: C0 controls and DEL, as bytes of the percent-decoded path and query (tab, CR and LF included: no parameter
#: of ours is more than one line).
_CONTROL = re.compile(rb"[\x00-\x1f\x7f]")


class NoControlCharacters:
    """Refuse requests whose path or query string holds a control character, 400 with ``{"error": …}``."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogateescape")
            query = scope.get("query_string", b"")
            if _CONTROL.search(unquote_to_bytes(raw)) or _CONTROL.search(unquote_to_bytes(query.replace(b"+", b" "))):
                await _answer(send, 400, "control characters in the address (a NUL, a line break …) are not allowed")
                return
        await self.app(scope, receive, send)
