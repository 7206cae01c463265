"""The Python API: ``quellenlage.analyze`` for notebooks and other programs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from .analyse.pipeline import analyse
from .article import Article
from .errors import ReadError
from .read import read_inputs, read_text
from .read.paths import existing_file, not_a_file
from .record import Record
from .settings import Settings


def analyze(
    text_or_path: str | os.PathLike[str], *, reader: str | None = None, settings: Settings | None = None, **meta: Any
) -> Record:
    """Analyse one article and return its record.

    ``text_or_path`` is the article's text (a page dump, plain text, HTML or a
    JSON record) or the path of a file holding one (a ``str`` naming an
    existing file, or any ``PathLike``; standard input only through
    :func:`analyze_all` with ``"-"``). A ``str`` that names no file but looks
    like a path (one line without white space ending in a reader's suffix,
    "artikel.txt", or beginning like a path, "./", "/", "~/": see
    :mod:`quellenlage.read.paths`) raises a :class:`ReadError` "no such file
    or directory" instead of being analysed as text; "Waffenruhe" is text. A
    ``str`` naming a directory raises one too (:func:`analyze_all` reads it). Keyword arguments set
    metadata (``headline``, ``outlet``, ``published``, ``url``, ``authors`` …)
    and win over what the reader found. ``reader`` forces a reader by name
    ("pagedump", "html", "json"). ``settings``: the limits (default
    ``Settings.from_env()``).

    A one-line ``str`` starting "http://" or "https://" is a URL: the page is
    fetched (politely: :mod:`quellenlage.fetch`) and analysed.

    Raises :class:`~quellenlage.errors.ReadError` for unreadable input (a page
    that cannot be fetched: :class:`~quellenlage.fetch.http.FetchError`).
    """
    refused = not_a_file(text_or_path)
    if refused:
        raise ReadError(str(text_or_path), refused)
    if existing_file(text_or_path) or _is_url(text_or_path):
        for item in read_inputs([text_or_path], reader=reader, settings=settings):
            if isinstance(item, ReadError):
                raise item
            if isinstance(item, Article):
                return analyse(_with_meta(item, meta), settings=settings)
        raise ReadError(str(text_or_path), "no article found")
    return analyse(_with_meta(read_text(str(text_or_path), reader=reader), meta), settings=settings)


def analyze_all(
    *paths: str | os.PathLike[str], reader: str | None = None, settings: Settings | None = None
) -> Iterator[Record | ReadError]:
    """Records for every article under ``paths`` (files, directories, ``.gz``, ``-``, URLs);
    unreadable inputs are yielded as :class:`ReadError` instead of stopping the run."""
    for item in read_inputs(list(paths), reader=reader, settings=settings):
        if isinstance(item, ReadError):
            yield item
        elif isinstance(item, Article):
            yield analyse(item, settings=settings)


def _is_url(value: str | os.PathLike[str]) -> bool:
    from .fetch.urls import is_url

    return isinstance(value, str) and "\n" not in value.strip() and is_url(value)


def _with_meta(article: Article, meta: dict[str, Any]) -> Article:
    if not meta:
        return article
    from .read.layout import normalise_published

    if "published" in meta:
        meta = {**meta, "published": normalise_published(meta["published"])}
    return article.with_meta(**meta)
