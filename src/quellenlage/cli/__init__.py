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

import os
import sys

import click

from .. import __version__
from ..errors import QuellenlageError
from ..settings import Settings
from . import analyse, dev, fetch, link, serve, store

#: Set to show the traceback of an internal error instead of its one line.
DEBUG_VAR = "QUELLENLAGE_DEBUG"
#: The exit status of an internal error (a bug), as sysexits.h's EX_SOFTWARE.
INTERNAL_ERROR = 70


def one_line(message: str) -> str:
    """A message on one line: line breaks and runs of white space become one space."""
    return " ".join(message.split())


class Commands(click.Group):
    """The command group, reporting every error in one line on standard error.

    The product's own errors (a store that cannot be opened, a file that is no store, …) and the operating
    system's (a full disk, a refused permission) exit with status 1; anything else is a bug: one line,
    status 70, and the traceback only with ``QUELLENLAGE_DEBUG=1``."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except QuellenlageError as exc:
            raise click.ClickException(one_line(str(exc))) from None
        except BrokenPipeError:  # `quellenlage export | head`: the reader left, nothing to report
            sys.stderr.close()
            ctx.exit(1)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(one_line(f"{where}{exc.strerror or exc}")) from None
        except Exception as exc:
            if os.environ.get(DEBUG_VAR):
                raise
            click.echo(
                f"internal error: {type(exc).__name__}: {one_line(str(exc))[:300]} "
                f"(a bug in quellenlage; {DEBUG_VAR}=1 shows where)",
                err=True,
            )
            ctx.exit(INTERNAL_ERROR)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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

    \b
    Exit status: 0 done; 1 an error, reported in one line on standard error
      ("Error: …"), or some inputs failed (each reported in one line, the rest
      done); 2 a usage error (an unknown option, a missing argument); 70 an
      internal error (a bug: QUELLENLAGE_DEBUG=1 shows the traceback); 130
      interrupted (Ctrl-C in watch).
    """
    obj = ctx.ensure_object(dict)
    obj["db"] = db
    obj["settings"] = Settings.from_env()


for _module in (analyse, store, fetch, link, serve, dev):
    for _command in _module.COMMANDS:
        main.add_command(_command)

__all__ = ["main"]
