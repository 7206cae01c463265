"""Commands on what is linked across articles: link, entities merge/split, stories, timeline, who-said,
claims, entity, contradictions."""

from __future__ import annotations

import csv
import json
import sys

import click

from .common import store_of


@click.command("link")
@click.option("--rebuild", is_flag=True, help="Empty the link tables and link every stored article again (corrections are kept).")
@click.option(
    "--progress/--no-progress", default=True, show_default=True, help="Progress bar (count, rate, ETA) on standard error."
)
@click.pass_context
def link_command(ctx: click.Context, rebuild: bool, progress: bool) -> None:
    """Link stored articles across the store: one story entity per real person, organisation or place.

    Runs by itself after every `ingest`; this command links what is not linked yet (new or changed
    articles, or everything after a new linker version), or with --rebuild recomputes everything from
    the stored records. Your `entities merge/split` corrections are applied again either way.
    """
    from ..batch import RateBar
    from ..errors import StoreError
    from ..link.run import link

    store = store_of(ctx)
    try:
        with RateBar("linking", show=progress) as bar:
            summary = link(store, rebuild=rebuild, progress=bar.update)
    except StoreError as exc:
        raise click.ClickException(f"linking stopped (what was linked is kept; run it again): {exc}") from None
    click.echo(summary.line(), err=True)


@click.group()
def entities() -> None:
    """Correct story entities: merge two into one, or split a mention off.

    Corrections are kept by article and name, so they survive re-ingest and `link --rebuild`.
    Story entity ids are in `quellenlage export entities`.
    """


@entities.command("merge")
@click.argument("first")
@click.argument("second")
@click.pass_context
def merge_command(ctx: click.Context, first: str, second: str) -> None:
    """Make story entities FIRST and SECOND one (e.g. "Dmitrijew" and "Leiter des RDIF")."""
    from ..errors import NotFound
    from ..link import corrections

    store = store_of(ctx)
    try:
        with store.write() as conn:
            kept = corrections.merge(conn, first, second)
    except NotFound as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"merged: {first} + {second} → {kept}")


@entities.command("split")
@click.argument("entity")
@click.option(
    "--mention",
    "mention",
    required=True,
    metavar="ARTICLE:NAME",
    help="The member to split off: article id (or prefix) and the entity's name or id in it.",
)
@click.pass_context
def split_command(ctx: click.Context, entity: str, mention: str) -> None:
    """Take one article's entity out of story entity ENTITY; it stands alone from now on."""
    from ..errors import NotFound
    from ..link import corrections

    if ":" not in mention:
        raise click.BadParameter("expected ARTICLE:NAME, e.g. 5e24f88c:Schmidt", param_hint="--mention")
    article, name = mention.split(":", 1)
    store = store_of(ctx)
    try:
        article_id = store.resolve_id(article)
        with store.write() as conn:
            new_id = corrections.split(conn, entity, article_id, name)
    except NotFound as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"split: {name} in {article_id} now stands alone as {new_id}")


VIEW_FORMATS = click.Choice(["text", "json", "csv"])


def _format_option(f):
    return click.option(
        "--format", "fmt", type=VIEW_FORMATS, default="text", show_default=True, help="text: a table; json; csv."
    )(f)


def _out(rows: list[dict], fmt: str, columns: list[tuple[str, str]], title: str | None = None) -> None:
    """Rows as a rich table (``columns``: key, heading), JSON or CSV."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow([key for key, _ in columns])
        for row in rows:
            writer.writerow([_cell(row.get(key)) for key, _ in columns])
        return
    from rich.console import Console
    from rich.table import Table

    if not rows:
        click.echo("nothing found", err=True)
        return
    console = Console()
    if not console.is_terminal:
        console.width = 200  # piped or captured: whole cells, not a squeezed 80-column table
    table = Table(title=title, show_lines=False)
    for _, heading in columns:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(key)) for key, _ in columns))
    console.print(table)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _entity_id(conn, name: str) -> str:
    from ..link.queries import find_entity

    found = find_entity(conn, name)
    if not found:
        raise click.ClickException(f"{name}: no such story entity (try `quellenlage export entities`)")
    return found[0]


def _event_rows(conn, views) -> list[dict]:
    from ..link.queries import names_of

    views = list(views)
    names = names_of(conn, [p for v in views for p in v.participants] + [v.place for v in views if v.place])
    rows = []
    for v in views:
        row = v.to_dict()
        row["when"] = v.time["value"] if v.time else ""
        row["who"] = [names.get(p, p) for p in v.participants]
        row["where"] = names.get(v.place, v.place) if v.place else ""
        row["sources"] = f"{v.counts['reports']} / {v.counts['outlets']} / {v.counts['origins']}"
        row["history"] = " → ".join(f"{s['status']} ({(s['published'] or '')[:10]})" for s in v.status_history)
        row["flags"] = ", ".join([f"contradiction: {c['field']}" for c in v.contradictions] + (["drift"] if v.drift else []))
        rows.append(row)
    return rows


EVENT_COLUMNS = [
    ("id", "event"),
    ("when", "when"),
    ("type", "type"),
    ("who", "participants"),
    ("where", "place"),
    ("status", "status"),
    ("history", "status history"),
    ("sources", "reports / outlets / origins"),
    ("flags", "flags"),
]


@click.command()
@click.option("--all", "everything", is_flag=True, help="Also stories of a single article.")
@_format_option
@click.pass_context
def stories(ctx: click.Context, everything: bool, fmt: str) -> None:
    """Stories: articles and events clustered across outlets, largest first."""
    from ..link.queries import names_of, stories_view

    with store_of(ctx).read() as conn:
        rows = list(stories_view(conn, min_articles=1 if everything else 2))
        names = names_of(conn, [e for r in rows for e in r["entities"]])
    for r in rows:
        r["size"] = f"{len(r['articles'])} articles, {len(r['events'])} events"
        r["actors"] = [names.get(e, e) for e in r["entities"][:5]]
        r["span"] = f"{(r['start'] or '')[:10]} – {(r['end'] or '')[:10]}"
    _out(rows, fmt, [("id", "story"), ("title", "title"), ("span", "span"), ("size", "size"), ("actors", "key actors")])


@click.command()
@click.argument("what")
@_format_option
@click.pass_context
def timeline(ctx: click.Context, what: str, fmt: str) -> None:
    """The timeline of a story (its id) or of an entity (id or name): events by date, with their status
    history, reports / outlets / independent origins, and contradictions."""
    from sqlalchemy import select

    from ..link.queries import story_events_view
    from ..store.tables import stories as stories_table

    with store_of(ctx).read() as conn:
        if what.startswith("S") and conn.execute(select(stories_table.c.id).where(stories_table.c.id == what)).first():
            views = story_events_view(conn, story=what)
            title = f"story {what}"
        else:
            entity = _entity_id(conn, what)
            views = story_events_view(conn, entity=entity)
            title = f"entity {entity}"
        rows = _event_rows(conn, views)
    _out(rows, fmt, EVENT_COLUMNS, title=title)


@click.command("who-said")
@click.argument("entity")
@_format_option
@click.pass_context
def who_said(ctx: click.Context, entity: str, fmt: str) -> None:
    """Everything said by an entity (id or name), where and when, across outlets."""
    from ..link.queries import said_by

    with store_of(ctx).read() as conn:
        sid = _entity_id(conn, entity)
        rows = said_by(conn, sid)
    for r in rows:
        r["when"] = (r["published"] or "")[:16]
    _out(rows, fmt, [("when", "published"), ("outlet", "outlet"), ("kind", "kind"), ("speaker", "as written"), ("text", "said")])


@click.command()
@click.option("--source", help='Only claims whose source chain names it ("Axios"), or "anonymous".')
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, help="How many claims to show.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Skip this many claims first.")
@_format_option
@click.pass_context
def claims(ctx: click.Context, source: str | None, limit: int, offset: int, fmt: str) -> None:
    """Claims: what each report says of an event, and every attributed statement, with the source chain.

    Event claims first, then the other statements, each by publication time; one page of --limit claims
    (`quellenlage export claims` writes them all).
    """
    from ..link.queries import claims_count, claims_view

    with store_of(ctx).read() as conn:
        rows = list(claims_view(conn, source=source, limit=limit, offset=offset))
        total = claims_count(conn, source=source) if len(rows) == limit or offset else len(rows)
    if total > len(rows):  # one page of more: say where the next begins
        shown = f"{offset + 1}–{offset + len(rows)}" if rows else "none"
        more = f"; --offset {offset + len(rows)} for the next" if total > offset + len(rows) else ""
        click.echo(f"claims {shown} of {total}{more}", err=True)
    for r in rows:
        r["when"] = (r["published"] or "")[:16]
        r["drift"] = r["drift"]["kind"] if r["drift"] else ""
    _out(
        rows,
        fmt,
        [
            ("when", "published"),
            ("outlet", "outlet"),
            ("event", "event"),
            ("kind", "kind"),
            ("sources", "source chain"),
            ("text", "text"),
            ("drift", "drift"),
        ],
    )


@click.command("entity")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def entity_dossier(ctx: click.Context, name: str, fmt: str) -> None:
    """An entity's dossier across outlets: aliases, roles, mentions, what it said, its events."""
    from ..link.queries import said_by, story_entities_view, story_events_view

    with store_of(ctx).read() as conn:
        sid = _entity_id(conn, name)
        view = next(story_entities_view(conn, ids=[sid]))
        said = said_by(conn, sid)
        events = _event_rows(conn, story_events_view(conn, entity=sid))
    if fmt == "json":
        click.echo(json.dumps({**view.to_dict(), "said": said, "events": events}, ensure_ascii=False, indent=2))
        return
    click.echo(f"{view.name}  ({view.type}, {view.id})")
    click.echo(f"  aliases: {', '.join(view.aliases) or '–'}")
    click.echo(f"  roles:   {', '.join(view.roles) or '–'}")
    click.echo(f"  {len(view.mentions)} mentions in {view.articles} articles; {len(said)} statements; {len(events)} events")
    if said:
        _out(said[:20], "text", [("published", "published"), ("outlet", "outlet"), ("text", "said")], title="said")
    if events:
        _out(events, "text", EVENT_COLUMNS, title="events")


@click.command()
@_format_option
@click.pass_context
def contradictions(ctx: click.Context, fmt: str) -> None:
    """Story events whose reports contradict each other (date, place, status) or drift (hearsay in one
    outlet, fact in another; only unnamed media reports), each side with its outlets."""
    from ..link.queries import story_events_view

    with store_of(ctx).read() as conn:
        rows = _event_rows(conn, story_events_view(conn, flagged=True))
    for r in rows:
        r["sides"] = "; ".join(
            f"{c['field']}: " + " vs ".join(f"{s['value']} ({', '.join(o or '?' for o in s['outlets'])})" for s in c["sides"])
            for c in r["contradictions"]
        )
        kinds = sorted({d["kind"] for d in r["drift"].values()})
        r["drift_kinds"] = ", ".join(kinds)
    _out(
        rows,
        fmt,
        [
            ("id", "event"),
            ("when", "when"),
            ("type", "type"),
            ("who", "participants"),
            ("sides", "contradictions"),
            ("drift_kinds", "drift"),
        ],
    )


COMMANDS = (link_command, entities, stories, timeline, who_said, claims, entity_dossier, contradictions)
