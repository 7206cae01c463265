"""What the commands share: the store and settings of the invocation, output formats, the ``--reader`` option."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click

from ..settings import Settings

if TYPE_CHECKING:
    from ..record import Record
    from ..store import Store

FORMATS = click.Choice(["json", "jsonl", "text"])

F = TypeVar("F", bound=Callable[..., object])


def store_of(ctx: click.Context, *, create: bool = False) -> Store:
    """The store named by ``--db`` / QUELLENLAGE_DB, opened on first use and closed with the command.

    ``create``: only the commands that write articles (ingest, feeds add, watch) make a new SQLite file;
    the others report a missing one, so that a mistyped ``--db`` is not a new, empty store."""
    from ..store import open_store

    obj = ctx.ensure_object(dict)
    if "store" not in obj:
        obj["store"] = open_store(obj.get("db"), create=create)
        ctx.call_on_close(obj["store"].close)
    opened: Store = obj["store"]
    return opened


def settings_of(ctx: click.Context) -> Settings:
    """The invocation's :class:`~quellenlage.settings.Settings`, built once from the environment."""
    obj = ctx.ensure_object(dict)
    if "settings" not in obj:
        obj["settings"] = Settings.from_env()
    built: Settings = obj["settings"]
    return built


def emit(record: Record, fmt: str) -> None:
    """One record on standard output: pretty JSON, one JSON line, or the text view."""
    if fmt == "text":
        from ..render import render_text

        click.echo(render_text(record))
    elif fmt == "jsonl":
        click.echo(record.to_json())
    else:
        click.echo(record.to_json(indent=2))


class ReaderChoice(click.Choice[str]):
    """The names of the registered readers: the built-in ones and those of other packages
    (entry-point group ``quellenlage.readers``, or :func:`quellenlage.read.register`).

    The registry is read when the choices are first needed (help, a value to check,
    completion), not when the command line is built, so that ``--help`` and
    ``--version`` do not import the readers, and a reader registered later counts.
    """

    def __init__(self, case_sensitive: bool = True) -> None:
        self.case_sensitive = case_sensitive

    @property
    def choices(self) -> tuple[str, ...]:
        from ..read import readers

        return tuple(r.name for r in readers())

    @choices.setter
    def choices(self, value: tuple[str, ...]) -> None:
        raise AttributeError("the reader choices are the registered readers")


def reader_option(f: F) -> F:
    """``--reader NAME``: force a registered reader instead of detecting it."""
    return click.option("--reader", type=ReaderChoice(), help="Force a reader instead of detecting it.")(f)
