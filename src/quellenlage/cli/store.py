"""Commands on the store: ingest, show, search, export, check."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Literal, TextIO

import click

from .common import FORMATS, emit, reader_option, settings_of, store_of
from .fetch import allow_private_option, private_settings


@click.command()
@click.argument("paths", nargs=-1, required=True)
@reader_option
@click.option(
    "--progress/--no-progress", default=True, show_default=True, help="Progress bar (count, rate, ETA) on standard error."
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    metavar="N",
    help="Analyse in N worker processes (a local Dask cluster, one thread each); this process reads and stores.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Analyse on the running Dask cluster at ADDRESS (tcp://HOST:8786); its workers need this Quellenlage version.",
)
@allow_private_option
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    reader: str | None,
    progress: bool,
    workers: int | None,
    scheduler: str | None,
    allow_private: bool,
) -> None:
    """Analyse articles and store them. PATHS are files, directories, .gz files, - or http(s) URLs.

    A directory is read with everything below it, except hidden files and the notes a folder
    keeps about itself (README, LICENSE or LICENCE, COPYING, NOTICE, CHANGELOG, CHANGES, AUTHORS,
    CONTRIBUTING, CONTRIBUTORS, with any extension and in any case); name such a file to read it.

    Idempotent: an article already stored is left alone ("unchanged"); a changed
    version of the same URL becomes a new revision ("revised"), the old one kept.
    Each article is stored whole or not at all: a failure leaves nothing of it
    behind. Ends with a summary: stored, revised, unchanged, failed (with reasons).

    With --workers or --scheduler the analysis runs in parallel; reading, the
    "unchanged" check and storing stay in this process, in input order, so the
    store ends the same (the articles analysed by then are written together, in
    one transaction). An ingest that was stopped part-way can simply be run
    again: it analyses only the articles not yet stored.

    A URL is fetched politely (robots.txt, one request per host and second, timeouts, a size
    cap, no private addresses without --allow-private); its raw page is kept with the revision
    it makes. A URL stored before is asked for conditionally: "not modified" costs nothing more.
    """
    from ..batch import ingest_into, print_summary
    from ..errors import QuellenlageError

    private_settings(ctx, allow_private)
    if workers is not None and scheduler is not None:
        raise click.UsageError("give --workers or --scheduler, not both")
    try:
        summary = ingest_into(
            store_of(ctx, create=True),
            list(paths),
            reader=reader,
            show_progress=progress,
            settings=settings_of(ctx),
            workers=workers,
            scheduler=scheduler,
        )
    except QuellenlageError as exc:  # the store or the cluster failed: what is stored stays stored
        raise click.ClickException(str(exc)) from None
    print_summary(summary, verb="ingested")
    sys.exit(1 if summary.failed else 0)


@click.command()
@click.argument("article_id")
@click.option("--revision", type=int, help="A stored revision (default: the current one).")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@click.option("--raw-page", is_flag=True, help="Print the raw page the revision was fetched as, instead of the record.")
@click.pass_context
def show(ctx: click.Context, article_id: str, revision: int | None, fmt: str, raw_page: bool) -> None:
    """Print a stored article's record. ID may be a unique prefix (at least 4 characters).

    With --raw-page, the page the revision was made from, as it was served (for an article
    fetched from the web: `ingest URL`, `watch`), to standard output.
    """
    from ..errors import NotFound

    store = store_of(ctx)
    try:
        record = store.get(article_id, revision=revision)
    except NotFound as exc:
        raise click.ClickException(str(exc)) from None
    if raw_page:
        from ..store.fetching import raw_pages

        wanted = revision or next(r["revision"] for r in store.revisions(record.id) if r["content_hash"] == record.content_hash)
        page = next((p for p in raw_pages(store, record.id) if p["revision"] == wanted), None)
        if page is None:
            raise click.ClickException(f"{record.id}: revision {wanted} was not fetched from the web (no raw page kept)")
        sys.stdout.buffer.write(page["body"])
        return
    emit(record, fmt)
    if fmt == "text":
        revs = store.revisions(record.id)
        if len(revs) > 1:
            click.echo("Revisions: " + ", ".join(f"{r['revision']} ({r['created_at']})" for r in revs))


@click.command()
@click.argument("query")
@click.option("--in", "target", type=click.Choice(["sentences", "statements"]), default="sentences", show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--outlet", help="Only articles of this outlet.")
@click.option("--raw", is_flag=True, help='Pass QUERY to the full-text engine as is (FTS5 syntax: OR, NEAR, "phrase", prefix*).')
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--ids-only", is_flag=True, help="Print only the ids of matching articles, best first, once each.")
@click.pass_context
def search(
    ctx: click.Context,
    query: str,
    target: Literal["sentences", "statements"],
    limit: int,
    offset: int,
    outlet: str | None,
    raw: bool,
    fmt: str,
    ids_only: bool,
) -> None:
    """Full-text search over stored sentences or statements.

    Words are matched in any order, umlauts and case folded ("Gesprache" finds
    "Gespräche"); end a word with * for a prefix ("Geheim*").
    """
    from ..errors import StoreError

    store = store_of(ctx)
    try:
        hits = store.search(query, target=target, limit=limit, offset=offset, raw=raw, outlet=outlet)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if ids_only:
        click.echo("\n".join(dict.fromkeys(h.article_id for h in hits)))
        return
    if fmt == "json":
        import dataclasses

        click.echo(json.dumps([dataclasses.asdict(h) for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("no matches", err=True)
        return
    from ..store.queries import titles_of

    with store.read() as conn:  # an article without a headline by its first words
        titles = titles_of(conn, {h.article_id: h.headline for h in hits})
    for h in hits:
        where = " · ".join(x for x in (h.outlet, (h.published or "")[:10], titles[h.article_id]) if x)
        click.echo(f"{h.article_id}  {where}")
        click.echo(f"    {h.snippet}")


@click.command()
@click.argument(
    "what", type=click.Choice(["articles", "entities", "events", "claims", "stories"]), default="articles", required=False
)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option(
    "--table",
    type=click.Choice(["articles", "sentences", "statements", "entities", "times", "events"]),
    default="articles",
    show_default=True,
    help="For CSV of articles: which rows (JSON Lines always writes whole records).",
)
@click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output file (default: standard output)."
)
@click.pass_context
def export(ctx: click.Context, what: str, fmt: str, table: str, output: TextIO) -> None:
    """Write what is stored as JSON Lines or CSV.

    \b
    WHAT is one of:
      articles   the records (current revisions), as `quellenlage export` always wrote them
      entities   story-level entities across articles: id, name, type, aliases, roles,
                 mentions [{article, start, end, text}]
      events     story-level events: id, type, participants (story entity ids), place, time
                 {value, mod}, status, status_history [{status, published, article, claim}],
                 reports [{article, event}], outlets, origins [{name, chain}], counts
                 {reports, outlets, origins}, contradictions, story, origin_tree
      claims     what each report says of an event, and every attributed statement: id, event,
                 article, outlet, published, statement, kind, hedged, sources, text, status, drift
      stories    id, title, start, end, articles, events, entities
    The story-level ones are JSON Lines only; `article` is the id of `export articles`.
    """
    from ..export import write_csv, write_jsonl

    store = store_of(ctx)
    if what != "articles":
        if fmt != "jsonl":
            raise click.BadParameter(f"{what} are exported as JSON Lines only", param_hint="--format")
        from ..link import queries
        from ..link.run import pending

        with store.read() as conn:
            waiting = len(pending(conn))
            rows: Iterator[dict]
            if what == "entities":
                rows = (e.to_dict() for e in queries.story_entities_view(conn))
            elif what == "events":
                rows = (e.to_dict() for e in queries.story_events_view(conn))
            elif what == "claims":
                rows = queries.claims_view(conn)  # streamed from claim_rows, not one page
            else:
                rows = queries.stories_view(conn, min_articles=1)
            n = 0
            for row in rows:
                output.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
        if waiting:
            click.echo(f"note: {waiting} stored articles are not linked yet; run `quellenlage link`", err=True)
        click.echo(f"exported {n} {what}", err=True)
        return
    n = write_jsonl(store.iter_records(), output) if fmt == "jsonl" else write_csv(store.iter_records(), output, table)
    click.echo(f"exported {n} {'records' if fmt == 'jsonl' else table + ' rows'}", err=True)


@click.command()
@click.option("--repair", is_flag=True, help="Mend what can be mended without losing a record, then check again.")
@click.pass_context
def check(ctx: click.Context, repair: bool) -> None:
    """Check the store's integrity; with --repair, mend it.

    \b
    Checks: the database's own check (SQLite: PRAGMA integrity_check; PostgreSQL:
    invalid indexes); the schema at the newest migration; rows naming an article,
    revision or feed that does not exist; every article's current revision there,
    its record readable and its rows (sentences, statements, entities, mentions,
    times, events, tags) those of its record, none missing, none twice; the
    full-text index against those rows (SQLite also runs FTS5's integrity-check);
    the link tables complete, current and adding up; the fetch tables against the
    articles. One line per problem (what, where, how many), then a summary.

    --repair makes derived rows again (an article's rows from its record, the
    full-text index, the link tables by the linking pass), gives a revision
    without its article row that row again, removes rows naming what does not
    exist, and never removes an article that has a record. One line per mend.

    Exit status: 0 clean (or, with --repair, all mended), 1 problems left, 2 the
    store cannot be opened.
    """
    from ..errors import StoreError
    from ..integrity import check as check_store
    from ..integrity import repair as repair_store

    try:
        store = store_of(ctx)  # a missing SQLite file is not made: "no store here"
    except StoreError as exc:  # the store cannot be checked at all: status 2, as the command's help says
        click.echo(f"Error: {' '.join(str(exc).split())}", err=True)
        sys.exit(2)
    try:
        found = check_store(store)
        for problem in found.problems:
            click.echo(f"problem: {problem.line()} [{problem.count}]")
        for note in found.notes:
            click.echo(f"note: {note}")
        click.echo(found.summary())
        if not repair or (found.clean and not found.notes):
            sys.exit(0 if found.clean else 1)
        lines, after = repair_store(store, found)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    for line in lines:
        click.echo(f"mended: {line}")
    for problem in after.problems:
        click.echo(f"still: {problem.line()} [{problem.count}]")
    click.echo(f"after repair: {after.summary()}")
    sys.exit(0 if after.clean else 1)


COMMANDS = (ingest, show, search, export, check)
