"""The ``quellenlage`` command."""

from __future__ import annotations

import json
import sys
from importlib import resources

import click

from . import __version__

FORMATS = click.Choice(["json", "jsonl", "text"])


def _store(ctx: click.Context):
    from .store import open_store

    obj = ctx.ensure_object(dict)
    if "store" not in obj:
        obj["store"] = open_store(obj.get("db"))
        ctx.call_on_close(obj["store"].close)
    return obj["store"]


def _emit(record, fmt: str) -> None:
    if fmt == "text":
        from .render import render_text

        click.echo(render_text(record))
    elif fmt == "jsonl":
        click.echo(record.to_json())
    else:
        click.echo(record.to_json(indent=2))


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
    Inputs are files, directories (read recursively), .gz files or - (standard input):
      page dumps and plain text (.txt), HTML pages, JSON / JSON Lines (our field
      names or news-please's). Bad inputs are reported one line each; the rest goes on,
      and the exit status is 1 when any input failed.

    \b
    Examples:
      quellenlage analyze tests/fixtures/ntv-2025-11-19-geheimgespraeche.txt --format text
      quellenlage ingest samples/
      quellenlage search 'Witkoff Miami'
      quellenlage show 5e24f88c --format json
    """
    ctx.ensure_object(dict)["db"] = db


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=FORMATS, default="json", show_default=True,
              help="json: one pretty-printed record per article; jsonl: one line each; text: a readable summary.")
@click.option("--reader", type=click.Choice(["pagedump", "html", "json"]), help="Force a reader instead of detecting it.")
@click.option("--tokens", is_flag=True, help="Include token offsets in JSON records (field `tokens`).")
@click.option("--progress/--no-progress", default=False, help="Show a progress bar on standard error.")
def analyze(paths: tuple[str, ...], fmt: str, reader: str | None, tokens: bool, progress: bool) -> None:
    """Analyse articles and print their records (nothing is stored)."""
    from .batch import print_summary, run

    def handle(record) -> str:
        _emit(record.with_tokens() if tokens else record, fmt)
        return "analysed"

    summary = run(list(paths), handle, reader=reader, show_progress=progress, description="analysing")
    if summary.failed or progress:
        print_summary(summary, verb="analysed")
    sys.exit(1 if summary.failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--reader", type=click.Choice(["pagedump", "html", "json"]), help="Force a reader instead of detecting it.")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Progress bar (count, rate, ETA) on standard error.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], reader: str | None, progress: bool) -> None:
    """Analyse articles and store them.

    Idempotent: an article already stored is left alone ("unchanged"); a changed
    version of the same URL becomes a new revision ("revised"), the old one kept.
    Each article is stored in one transaction: a failure leaves nothing behind.
    Ends with a summary: stored, revised, unchanged, failed (with reasons).
    """
    from .batch import ingest_into, print_summary

    summary = ingest_into(_store(ctx), list(paths), reader=reader, show_progress=progress)
    print_summary(summary, verb="ingested")
    sys.exit(1 if summary.failed else 0)


@main.command()
@click.argument("article_id")
@click.option("--revision", type=int, help="A stored revision (default: the current one).")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@click.pass_context
def show(ctx: click.Context, article_id: str, revision: int | None, fmt: str) -> None:
    """Print a stored article's record. ID may be a unique prefix (at least 4 characters)."""
    from .errors import NotFound

    store = _store(ctx)
    try:
        record = store.get(article_id, revision=revision)
    except NotFound as exc:
        raise click.ClickException(str(exc)) from None
    _emit(record, fmt)
    if fmt == "text":
        revs = store.revisions(record.id)
        if len(revs) > 1:
            click.echo("Revisions: " + ", ".join(f"{r['revision']} ({r['created_at']})" for r in revs))


@main.command()
@click.argument("query")
@click.option("--in", "target", type=click.Choice(["sentences", "statements"]), default="sentences", show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--outlet", help="Only articles of this outlet.")
@click.option("--raw", is_flag=True, help="Pass QUERY to the full-text engine as is (FTS5 syntax: OR, NEAR, \"phrase\", prefix*).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--ids-only", is_flag=True, help="Print only the ids of matching articles, best first, once each.")
@click.pass_context
def search(ctx, query, target, limit, offset, outlet, raw, fmt, ids_only) -> None:
    """Full-text search over stored sentences or statements.

    Words are matched in any order, umlauts and case folded ("Gesprache" finds
    "Gespräche"); end a word with * for a prefix ("Geheim*").
    """
    from .errors import StoreError

    store = _store(ctx)
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
    for h in hits:
        where = " · ".join(x for x in (h.outlet, (h.published or "")[:10], h.headline) if x)
        click.echo(f"{h.article_id}  {where}")
        click.echo(f"    {h.snippet}")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--table", type=click.Choice(["articles", "sentences", "statements", "entities", "times", "events"]),
              default="articles", show_default=True, help="For CSV: which rows (JSON Lines always writes whole records).")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output file (default: standard output).")
@click.pass_context
def export(ctx, fmt, table, output) -> None:
    """Write the stored articles' records (current revisions) as JSON Lines or CSV."""
    from .export import write_csv, write_jsonl

    store = _store(ctx)
    n = write_jsonl(store.iter_records(), output) if fmt == "jsonl" else write_csv(store.iter_records(), output, table)
    click.echo(f"exported {n} {'records' if fmt == 'jsonl' else table + ' rows'}", err=True)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the article record (quellenlage/article/v1)."""
    click.echo(resources.files("quellenlage").joinpath("schema/article-v1.schema.json").read_text(encoding="utf-8"), nl=False)


@main.group("eval")
def eval_() -> None:
    """Measure quality on annotated data."""


@eval_.command("sentences")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, help="Only the first N documents.")
def eval_sentences(path: str, limit: int | None) -> None:
    """Sentence boundaries against the gold sentences of a quotes-wikinews JSON Lines file (.gz)."""
    from .evaluate.sentences import evaluate_file

    result = evaluate_file(path, limit=limit)
    click.echo(result.report())
