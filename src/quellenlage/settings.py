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
``stdin_spool_bytes``     —                                   standard input is held in memory up to this size,
                                                              beyond it in a temporary file; default 16 MiB
``max_analysed_chars``    ``QUELLENLAGE_MAX_ANALYSED_CHARS``  characters of one article analysed in full; beyond
                                                              them the text is kept and split into sentences, but
                                                              entities, times, statements and events come from the
                                                              part before only (the record's warnings say so);
                                                              default 400,000
========================  ==================================  =======================================================
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

MiB = 1024 * 1024

#: The environment variable that sets :attr:`Settings.max_bytes`.
MAX_BYTES_VAR = "QUELLENLAGE_MAX_BYTES"

#: The environment variable that sets :attr:`Settings.max_analysed_chars`.
MAX_ANALYSED_CHARS_VAR = "QUELLENLAGE_MAX_ANALYSED_CHARS"


@dataclass(frozen=True)
class Settings:
    """The limits of a run (see the module's table)."""

    max_bytes: int = 5 * MiB
    max_upload_bytes: int = 20 * MiB
    stdin_spool_bytes: int = 16 * MiB
    max_analysed_chars: int = 400_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The defaults, changed by the environment (``os.environ`` unless ``environ`` is given).

        ``QUELLENLAGE_MAX_BYTES`` and ``QUELLENLAGE_MAX_ANALYSED_CHARS`` count when they are all digits;
        any other value is ignored.
        """
        env = os.environ if environ is None else environ
        changed: dict[str, int] = {}
        for field, var in (("max_bytes", MAX_BYTES_VAR), ("max_analysed_chars", MAX_ANALYSED_CHARS_VAR)):
            value = env.get(var)
            if value and value.isdigit():
                changed[field] = int(value)
        return cls(**changed)
