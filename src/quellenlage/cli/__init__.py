"""The ``quellenlage`` command.

``main`` is the click group and its shared options (``--db``, ``--version``); the
commands live in modules by topic and are registered on it here:

- :mod:`.analyse`: analyze, events, explain, schema (analyse now, store nothing)
- :mod:`.store`: ingest, show, search, export (the store)
- :mod:`.fetch`: feeds add/list/remove, watch (following the news)
- :mod:`.link`: link, entities merge/split (what is linked across articles)
- :mod:`.serve`: serve (the reading room and the HTTP API)
- :mod:`.dev`: train and eval, the developer commands
- :mod:`.common`: what they share (the store and settings of an invocation, ``--reader``)

``docs/cli.md`` is every command's ``--help``, written by ``python -m quellenlage.cli.docs``.
"""

from __future__ import annotations

import click

from .. import __version__
from ..settings import Settings
from . import analyse, dev, fetch, link, serve, store


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="quellenlage")
@click.option(
    "--db",
    envvar="QUELLENLAGE_DB",
    metavar="PATH|URL",
    help="The store: an SQLite file (default ./quellenlage.db) or a SQLAlchemy URL. Env: QUELLENLAGE_DB.",
)
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """Quellenlage turns German news articles into source-attributed, searchable records.

    \b
    Inputs are files, directories (read recursively), .gz files, - (standard
      input) or http(s) URLs (fetched politely): page dumps and plain text (.txt),
      HTML pages, JSON / JSON Lines (our field names or news-please's). Bad inputs
      are reported one line each; the rest goes on, and the exit status is 1
      when any input failed.

    \b
    Examples:
      quellenlage analyze tests/fixtures/ntv-2025-11-19-geheimgespraeche.txt --format text
      quellenlage ingest samples/
      quellenlage ingest https://www.n-tv.de/politik/…-article26168590.html
      quellenlage feeds add https://www.tagesschau.de/xml/rss2/ && quellenlage watch --once
      quellenlage search 'Witkoff Miami'
      quellenlage show 5e24f88c --format json
      quellenlage serve            # the reading room at http://127.0.0.1:8000/
      quellenlage eval quotes ../shared/data/quotes-wikinews/dev.jsonl.gz
    """
    obj = ctx.ensure_object(dict)
    obj["db"] = db
    obj["settings"] = Settings.from_env()


for _module in (analyse, store, fetch, link, serve, dev):
    for _command in _module.COMMANDS:
        main.add_command(_command)

__all__ = ["main"]
