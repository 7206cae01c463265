"""The limits of a run in one options object, built once and passed along.

:class:`Settings` is what trafilatura's settings object is for trafilatura: the
limits the product applies, their defaults, and the environment variables that
change them, in one place. It is built once (``Settings.from_env()``: the
defaults, then the environment) by whoever starts a run (the command line, the
web app, :func:`quellenlage.analyze`) and handed explicitly along the batch
path (``batch.run`` → ``read.read_inputs`` → ``read.sources.Input`` → the
readers), so nothing below that reads ``os.environ``; the analysis takes them
as the ``settings`` of :func:`quellenlage.analyse.pipeline.run_stages` (a caller
that passes none gets ``Settings.from_env()`` there). It is a frozen dataclass
of plain values: hashable and picklable, so it can travel to worker processes.

========================  ==================================  =======================================================
field                     environment variable                meaning
========================  ==================================  =======================================================
``max_bytes``             ``QUELLENLAGE_MAX_BYTES``           largest single article (bytes of one file, or one
                                                              JSON line); default 5 MiB
``max_upload_bytes``      —                                   largest upload to the web app (one file or one
                                                              request body); default 20 MiB
``upload_workers``        ``QUELLENLAGE_UPLOAD_WORKERS``      processes the web app analyses uploads in, started
                                                              with the first upload (0: in the server's own
                                                              process); default 1
``serve_threads``         ``QUELLENLAGE_SERVE_THREADS``       threads the web app answers requests in at once
                                                              (the others wait their turn, first come first
                                                              served); default 4
``stdin_spool_bytes``     —                                   standard input is held in memory up to this size,
                                                              beyond it in a temporary file; default 16 MiB
``max_analysed_chars``    ``QUELLENLAGE_MAX_ANALYSED_CHARS``  characters of one article analysed in full; beyond
                                                              them the text is kept and split into sentences, but
                                                              entities, times, statements and events come from the
                                                              part before only (the record's warnings say so);
                                                              default 400,000
``user_agent``            ``QUELLENLAGE_USER_AGENT``          the User-Agent of every request (``ingest URL``,
                                                              ``watch``); robots.txt rules for "Quellenlage" apply
``fetch_timeout``         ``QUELLENLAGE_FETCH_TIMEOUT``       seconds one response may take in all (connecting,
                                                              waiting, reading); default 30
``host_interval``         ``QUELLENLAGE_HOST_INTERVAL``       seconds between two requests to one host (more when
                                                              its robots.txt asks a Crawl-delay); default 1
``fetch_retries``         —                                   tries after the first on a timeout, a lost
                                                              connection, 429 or 5xx; default 2
``retry_backoff``         —                                   seconds before the first retry, doubled for each
                                                              next one (a Retry-After up to 60 s wins); default 2
``max_redirects``         —                                   redirects followed for one request; default 5
``allow_private``         ``QUELLENLAGE_ALLOW_PRIVATE``       fetch from loopback and private addresses ("1"); off
========================  ==================================  =======================================================
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

MiB = 1024 * 1024

#: The environment variable that sets :attr:`Settings.max_bytes`.
MAX_BYTES_VAR = "QUELLENLAGE_MAX_BYTES"

#: The environment variable that sets :attr:`Settings.max_analysed_chars`.
MAX_ANALYSED_CHARS_VAR = "QUELLENLAGE_MAX_ANALYSED_CHARS"

#: The environment variable that allows fetching from private and loopback addresses ("1").
ALLOW_PRIVATE_VAR = "QUELLENLAGE_ALLOW_PRIVATE"


def _user_agent() -> str:
    from . import __version__

    return f"Quellenlage/{__version__} (news analysis; respects robots.txt)"


@dataclass(frozen=True)
class Settings:
    """The limits of a run (see the module's table)."""

    max_bytes: int = 5 * MiB
    max_upload_bytes: int = 20 * MiB
    upload_workers: int = 1
    serve_threads: int = 4
    stdin_spool_bytes: int = 16 * MiB
    max_analysed_chars: int = 400_000
    user_agent: str = field(default_factory=_user_agent)
    fetch_timeout: float = 30.0
    host_interval: float = 1.0
    fetch_retries: int = 2
    retry_backoff: float = 2.0
    max_redirects: int = 5
    allow_private: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The defaults, changed by the environment (``os.environ`` unless ``environ`` is given).

        ``QUELLENLAGE_MAX_BYTES``, ``QUELLENLAGE_MAX_ANALYSED_CHARS``, ``QUELLENLAGE_UPLOAD_WORKERS`` and
        ``QUELLENLAGE_SERVE_THREADS`` (at least 1) count when they are all digits,
        ``QUELLENLAGE_FETCH_TIMEOUT`` and ``QUELLENLAGE_HOST_INTERVAL`` when they are a number (seconds),
        ``QUELLENLAGE_USER_AGENT`` when it is printable ASCII (a header value), ``QUELLENLAGE_ALLOW_PRIVATE`` when it is "1", "true"
        or "yes"; any other value is ignored.
        """
        env = os.environ if environ is None else environ
        changed: dict[str, object] = {}
        for name, var in (
            ("max_bytes", MAX_BYTES_VAR),
            ("max_analysed_chars", MAX_ANALYSED_CHARS_VAR),
            ("upload_workers", "QUELLENLAGE_UPLOAD_WORKERS"),
            ("serve_threads", "QUELLENLAGE_SERVE_THREADS"),
        ):
            value = env.get(var)
            if value and value.isdigit() and (name != "serve_threads" or int(value) > 0):
                changed[name] = int(value)
        for name, var in (("fetch_timeout", "QUELLENLAGE_FETCH_TIMEOUT"), ("host_interval", "QUELLENLAGE_HOST_INTERVAL")):
            try:
                seconds = float(env.get(var) or "")
            except ValueError:
                continue
            if 0 <= seconds < float("inf"):
                changed[name] = seconds
        agent = (env.get("QUELLENLAGE_USER_AGENT") or "").strip()
        if agent and agent.isascii() and agent.isprintable():  # an HTTP header: printable ASCII only
            changed["user_agent"] = agent
        if (env.get(ALLOW_PRIVATE_VAR) or "").strip().lower() in ("1", "true", "yes"):
            changed["allow_private"] = True
        return cls(**changed)  # type: ignore[arg-type]  # each value has its field's type
