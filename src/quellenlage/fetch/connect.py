"""Connections the fetcher makes: only to checked addresses, and never longer than the request may take.

:class:`Guarded` is httpcore's network backend with two guards: every read of a connection keeps to the
request's deadline (:class:`DeadlineStream`), so a server dripping its headers or body is cut off when the
whole response has taken ``fetch_timeout``; and unless private addresses are allowed, connections go to
public addresses only, resolved and checked here at connection time, so DNS rebinding gets nowhere.
"""

from __future__ import annotations

import threading
import time

import httpcore
import httpx

from .urls import UrlError, public_addresses


class _Deadline(threading.local):
    at: float | None = None


#: When the request this thread is making must be done (``time.monotonic()``), or None.
DEADLINE = _Deadline()


def _within(timeout: float | None) -> float | None:
    """``timeout``, shortened to what is left of the request's deadline; ConnectTimeout when nothing is."""
    if DEADLINE.at is None:
        return timeout
    left = DEADLINE.at - time.monotonic()
    if left <= 0:
        raise httpcore.ConnectTimeout("the response took longer than the time limit")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read waits at most until the request's deadline: a server dripping its
    headers or body a byte at a time is cut off when the whole response has taken ``fetch_timeout``."""

    def __init__(self, stream: httpcore.NetworkStream):
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        if DEADLINE.at is not None:
            left = DEADLINE.at - time.monotonic()
            if left <= 0:
                raise httpcore.ReadTimeout("the response took longer than the time limit")
            timeout = left if timeout is None else min(timeout, left)
        return self._stream.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, timeout)

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class Refused(httpcore.ConnectError):
    """A connection refused because the host resolved to a private address as it was made."""


class Guarded(httpcore.SyncBackend):
    """httpcore's network backend with the fetcher's guards on every connection: reads keep to the request's
    deadline (:class:`DeadlineStream`), and unless private addresses are allowed, connections go to public
    addresses only: the host is resolved here, every address checked
    (:func:`~quellenlage.fetch.urls.public_addresses`), and the connection made to a checked address, so no
    later DNS answer can point it elsewhere. TLS still verifies the certificate against the host name
    (httpcore passes it to ``start_tls`` apart from the address)."""

    def __init__(self, public_only: bool):
        self.public_only = public_only

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        if not self.public_only:
            return DeadlineStream(super().connect_tcp(host, port, _within(timeout), local_address, socket_options))
        try:
            addresses = public_addresses(host, port)
        except UrlError as exc:
            raise Refused(str(exc)) from None
        last: Exception | None = None
        for address in addresses:  # one after the other, all within the request's deadline
            try:
                return DeadlineStream(super().connect_tcp(address, port, _within(timeout), local_address, socket_options))
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last or httpcore.ConnectError(f"{host} has no address")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over :class:`Guarded` (no proxy, nothing from the environment)."""

    def __init__(self, public_only: bool) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False), network_backend=Guarded(public_only)
        )
