"""Who may write: the bearer of the token in ``QUELLENLAGE_TOKEN``.

Reading needs nothing. Writing (ingest, ``POST /api/articles``) needs the token,
sent as ``Authorization: Bearer …`` or, from the browser form, in the token
field. When the variable is unset, writing is disabled for everyone.
"""

from __future__ import annotations

import os
import secrets

TOKEN_VAR = "QUELLENLAGE_TOKEN"


class WriteRefused(Exception):
    """A write without the right token: ``status`` 401 (no or wrong token) or 403 (writes disabled)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def bearer(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer …`` header."""
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def check_write(token: str | None, expected: str | None = None) -> None:
    """Raise :class:`WriteRefused` unless ``token`` is the server's token."""
    expected = os.environ.get(TOKEN_VAR) if expected is None else expected
    if not expected:
        raise WriteRefused(403, f"writing is disabled on this server: {TOKEN_VAR} is not set")
    if not token:
        raise WriteRefused(401, "a token is required to write (Authorization: Bearer <token>)")
    if not secrets.compare_digest(token.encode("utf-8"), expected.encode("utf-8")):
        raise WriteRefused(401, "the token is not valid")
