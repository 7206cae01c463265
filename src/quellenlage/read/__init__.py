"""Readers: every input kind becomes the same :class:`~quellenlage.article.Article`.

- :mod:`.pagedump` — text dumps of news pages (and plain text)
- :mod:`.html` — HTML pages (trafilatura, JSON-LD, OpenGraph)
- :mod:`.jsonrecords` — JSON and JSON Lines (our field names and news-please's)

URLs among the paths are fetched (:mod:`quellenlage.fetch`) and their pages read like files.

:func:`read_inputs` walks paths (directories, ``.gz``, ``-``) and yields one
article or one error per record, so a batch never stops at a broken input.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, BinaryIO

from ..article import Article
from ..errors import ReadError
from ..fetch.urls import is_url
from ..settings import Settings
from . import html, jsonrecords, layout, pagedump
from .registry import choose, reader_named, readers, register
from .sources import Input, Skipped, iter_inputs, max_bytes

if TYPE_CHECKING:
    from ..fetch.pages import UrlSource

for _reader in (pagedump.PageDumpReader(), html.HtmlReader(), jsonrecords.JsonReader()):
    register(_reader)

__all__ = ["Input", "Skipped", "max_bytes", "read_input", "read_inputs", "read_text", "readers", "register"]


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
    urls: UrlSource | None = None,
) -> Iterator[Article | ReadError | Skipped]:
    """Articles (or errors) from files, directories, ``.gz`` files, ``-`` and URLs, read within ``settings``
    (default: ``Settings.from_env()``). A URL ("https://…") is fetched by ``urls`` (default: a
    :class:`~quellenlage.fetch.pages.UrlSource` of this run without a store), which may answer
    :class:`~quellenlage.read.sources.Skipped` ("not modified")."""
    settings = Settings.from_env() if settings is None else settings
    own: UrlSource | None = None
    try:
        for raw in paths:
            if is_url(str(raw)):
                if urls is None and own is None:
                    from ..fetch.http import Fetcher
                    from ..fetch.pages import UrlSource

                    own = UrlSource(Fetcher(settings))
                source = urls or own
                assert source is not None
                yield from source.articles(str(raw), lambda inp: read_input(inp, reader), settings)
                continue
            for inp in iter_inputs([raw], stdin=stdin, settings=settings):
                if isinstance(inp, ReadError):
                    yield inp
                else:
                    yield from read_input(inp, reader)
    finally:
        if own is not None:
            own.fetcher.close()


def read_input(inp: Input, reader: str | None = None) -> Iterator[Article | ReadError]:
    """The articles of one input, by the reader named or the one most confident about it."""
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
