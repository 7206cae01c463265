"""Readers: every input kind becomes the same :class:`~quellenlage.article.Article`.

- :mod:`.pagedump` — text dumps of news pages (and plain text)
- :mod:`.html` — HTML pages (trafilatura, JSON-LD, OpenGraph)
- :mod:`.jsonrecords` — JSON and JSON Lines (our field names and news-please's)

:func:`read_inputs` walks paths (directories, ``.gz``, ``-``) and yields one
article or one error per record, so a batch never stops at a broken input.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from ..article import Article
from ..errors import ReadError
from ..settings import Settings
from . import html, jsonrecords, layout, pagedump
from .registry import choose, reader_named, readers, register
from .sources import Input, iter_inputs, max_bytes

for _reader in (pagedump.PageDumpReader(), html.HtmlReader(), jsonrecords.JsonReader()):
    register(_reader)

__all__ = ["Input", "max_bytes", "read_inputs", "read_text", "readers", "register"]


def finish(article: Article) -> Article:
    """What every reader's article gets: agencies from a dateline ("Berlin (dpa) - …")."""
    first = article.meta.lead or (article.body[0] if article.body else "")
    for agency in layout.dateline_agencies(first):
        if agency not in article.meta.agencies:
            article.meta.agencies.append(agency)
    return article


def read_inputs(
    paths: Sequence[str | os.PathLike[str]],
    stdin: BinaryIO | None = None,
    reader: str | None = None,
    settings: Settings | None = None,
) -> Iterator[Article | ReadError]:
    """Articles (or errors) from files, directories, ``.gz`` files and ``-``,
    read within ``settings`` (default: ``Settings.from_env()``)."""
    for inp in iter_inputs(paths, stdin=stdin, settings=settings):
        if isinstance(inp, ReadError):
            yield inp
            continue
        try:
            head = inp.head(4096).decode("utf-8", errors="replace")
            chosen = reader_named(reader) if reader else choose(inp, head)
            for item in chosen.read(inp):
                yield item if isinstance(item, ReadError) else finish(item)
        except ReadError as exc:
            yield exc


def read_text(text: str, name: str = "<text>", reader: str | None = None) -> Article:
    """One article from a string: a page dump, plain text, HTML or a JSON record."""
    # an input only to choose the reader by its text: it is never opened, so it has no byte stream
    inp = Input(name=name, suffix="", _open=lambda: None)  # type: ignore[arg-type,return-value]
    chosen = reader_named(reader) if reader else choose(inp, text[:4096])
    return finish(chosen.read_text(text, name))
