"""Commands that follow the news: feeds add/list/remove, watch (``ingest URL`` is in :mod:`.store`)."""

from __future__ import annotations

import dataclasses
import json
import sys

import click

from .common import settings_of, store_of

ALLOW_PRIVATE_HELP = "Fetch from loopback and private addresses too (local servers, tests). Env: QUELLENLAGE_ALLOW_PRIVATE=1."


def allow_private_option(f):
    return click.option("--allow-private", is_flag=True, help=ALLOW_PRIVATE_HELP)(f)


def private_settings(ctx: click.Context, allow_private: bool) -> None:
    """The invocation's settings, with fetching from private addresses allowed when asked."""
    if allow_private:
        obj = ctx.ensure_object(dict)
        obj["settings"] = dataclasses.replace(settings_of(ctx), allow_private=True)


@click.group()
def feeds() -> None:
    """The feeds `watch` follows: RSS, Atom and news sitemaps (or sitemap indexes).

    \b
    Examples:
      quellenlage feeds add https://www.tagesschau.de/xml/rss2/ --name tagesschau
      quellenlage feeds list
      quellenlage watch --once
    """


@feeds.command("add")
@click.argument("url")
@click.option("--name", help="A short name to show and to name the feed by (default: the URL).")
@allow_private_option
@click.pass_context
def feeds_add(ctx: click.Context, url: str, name: str | None, allow_private: bool) -> None:
    """Follow the feed at URL (fetched first by the next `watch`)."""
    from ..errors import QuellenlageError
    from ..fetch.urls import UrlError, check_url, refuse_private
    from ..store.fetching import add_feed

    try:
        url = check_url(url)
        if not (allow_private or settings_of(ctx).allow_private):
            refuse_private(url)
        added = add_feed(store_of(ctx, create=True), url, name=name, allow_private=allow_private)
    except (UrlError, QuellenlageError) as exc:
        raise click.ClickException(f"{url}: {exc}" if isinstance(exc, UrlError) else str(exc)) from None
    click.echo(f"following feed {added['id']}: {added['url']}" + (f" ({added['name']})" if added["name"] else ""))


@feeds.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--errors", "n_errors", type=click.IntRange(0), default=3, show_default=True, help="Latest errors shown per feed.")
@click.pass_context
def feeds_list(ctx: click.Context, fmt: str, n_errors: int) -> None:
    """The feeds followed: last fetched, its outcome, new articles, errors."""
    from ..errors import QuellenlageError
    from ..store.fetching import errors_of, list_feeds

    store = store_of(ctx)
    try:
        rows = list_feeds(store)
        for row in rows:
            row["recent_errors"] = errors_of(store, row["id"], n_errors) if n_errors else []
    except QuellenlageError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no feeds followed (add one with `quellenlage feeds add URL`)")
    for row in rows:
        label = f"{row['id']}  {row['name'] or row['url']}" + (f"  <{row['url']}>" if row["name"] else "")
        click.echo(label)
        fetched = row["last_fetched_at"] or "never"
        outcome = f", {row['last_outcome']}" if row["last_outcome"] else ""
        click.echo(
            f"    last fetched {fetched}{outcome}; {row['last_items'] or 0} items, {row['last_new'] or 0} new last time; "
            f"{row['articles']} articles, {row['errors']} errors in all"
        )
        for error in row["recent_errors"]:
            click.echo(f"    error {error['at']}: {error['url']}: {error['reason']}")


@feeds.command("remove")
@click.argument("feed")
@click.pass_context
def feeds_remove(ctx: click.Context, feed: str) -> None:
    """Stop following FEED (its id, URL or name); its articles stay in the store."""
    from ..errors import QuellenlageError
    from ..store.fetching import remove_feed

    try:
        removed = remove_feed(store_of(ctx), feed)
    except QuellenlageError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"no longer following feed {removed['id']}: {removed['url']}")


@click.command()
@click.option("--once", is_flag=True, help="One round over the feeds, then exit (for cron).")
@click.option(
    "--interval",
    type=click.FloatRange(1),
    default=900,
    show_default=True,
    metavar="SECONDS",
    help="Seconds from the start of one round to the next.",
)
@click.option("--feed", "which", multiple=True, metavar="FEED", help="Only this feed (id, URL or name); repeatable.")
@click.option("--max-items", type=click.IntRange(1), default=500, show_default=True, help="New items fetched per feed and round.")
@allow_private_option
@click.option(
    "--progress/--no-progress", default=True, show_default=True, help="Progress bar (count, rate, ETA) on standard error."
)
@click.pass_context
def watch(
    ctx: click.Context, once: bool, interval: float, which: tuple[str, ...], max_items: int, allow_private: bool, progress: bool
) -> None:
    """Poll every feed and ingest its new items, every --interval seconds (or --once).

    Each feed is asked for conditionally (ETag, Last-Modified): unchanged, it costs one request
    and nothing else. Its new items (by canonical URL: tracking parameters, AMP and mobile
    variants removed) are fetched politely (robots.txt, one request per host and second,
    timeouts, size caps), analysed and stored with their raw page; an item the feed dates later
    than when it was fetched is fetched again and becomes a new revision if its text changed.
    Errors are one line each and are kept on the feed (`feeds list`, the reading room's
    /feeds). Ends each round with a summary; the exit status is 1 when anything failed.
    """
    from ..errors import QuellenlageError
    from ..fetch.watch import watch as watch_rounds

    private_settings(ctx, allow_private)

    def say(line: str) -> None:
        click.echo(line, err=True)

    try:
        rounds = watch_rounds(
            store_of(ctx, create=True),
            settings_of(ctx),
            interval=interval,
            rounds=1 if once else None,
            say=say,
            which=list(which) or None,
            max_items=max_items,
            show_progress=progress,
        )
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
        sys.exit(130)
    except QuellenlageError as exc:
        raise click.ClickException(str(exc)) from None
    last = rounds[-1]
    if last.linked:
        say(last.linked)
    sys.exit(1 if last.failed else 0)


COMMANDS = (feeds, watch)
