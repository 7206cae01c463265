"""The seam every reader plugs into — the built-in ones and third-party ones alike.

A reader is an object with a ``name``, optionally the ``suffixes`` of the files it reads (".html"), a ``sniff(input, head)`` that says how
sure it is (0–1) that it can read the input, and a ``read(input)`` that yields
:class:`~quellenlage.article.Article` objects or :class:`~quellenlage.errors.ReadError`
for records it cannot read (a JSON Lines file may hold both). Readers of other
packages register through the ``quellenlage.readers`` entry-point group.

The input carries the run's limits, ``inp.settings`` (:class:`~quellenlage.settings.Settings`):
``inp.read_bytes()`` refuses more than ``settings.max_bytes``; a reader that streams
records applies the same limit to each one.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

from ..article import Article
from ..errors import ReadError
from .sources import Input


@runtime_checkable
class Reader(Protocol):
    name: str

    def sniff(self, inp: Input, head: str) -> float:
        """Confidence in [0, 1] that this reader reads ``inp`` (``head``: its first KiB as text)."""

    def read(self, inp: Input) -> Iterator[Article | ReadError]:
        """The articles of ``inp``; a record that cannot be read is yielded as a ReadError."""

    def read_text(self, text: str, name: str) -> Article:
        """One article from text already in memory."""


_READERS: list[Reader] = []
_LOADED_PLUGINS = False


def register(reader: Reader) -> Reader:
    if not isinstance(reader, Reader):
        raise TypeError(f"{reader!r} does not implement the Reader interface")
    _READERS[:] = [r for r in _READERS if r.name != reader.name] + [reader]
    return reader


def readers() -> list[Reader]:
    global _LOADED_PLUGINS
    if not _LOADED_PLUGINS:
        _LOADED_PLUGINS = True
        for ep in entry_points(group="quellenlage.readers"):
            register(ep.load()())
    return list(_READERS)


def known_suffixes() -> frozenset[str]:
    """The file suffixes the readers name as theirs (a reader's optional ``suffixes``: ".txt", ".html", ".json" …)."""
    return frozenset(s.lower() for r in readers() for s in getattr(r, "suffixes", ()))


def reader_named(name: str) -> Reader:
    for r in readers():
        if r.name == name:
            return r
    raise KeyError(f"no reader named {name!r} (have: {', '.join(r.name for r in readers())})")


def choose(inp: Input, head: str) -> Reader:
    """The reader most confident about ``inp``."""
    return max(readers(), key=lambda r: r.sniff(inp, head))
