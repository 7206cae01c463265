"""Commands that analyse articles now and print the result, storing nothing: analyze, events, explain, schema."""

from __future__ import annotations

import json
import sys
from importlib import resources
from typing import TYPE_CHECKING

import click

from .common import FORMATS, emit, reader_option, settings_of, store_of
from .fetch import allow_private_option, private_settings

if TYPE_CHECKING:
    from ..record import Record


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=FORMATS,
    default="json",
    show_default=True,
    help="json: one pretty-printed record per article; jsonl: one line each; text: a readable summary.",
)
@reader_option
@click.option("--tokens", is_flag=True, help="Include token offsets in JSON records (field `tokens`).")
@click.option("--progress/--no-progress", default=False, help="Show a progress bar on standard error.")
@allow_private_option
@click.pass_context
def analyze(
    ctx: click.Context, paths: tuple[str, ...], fmt: str, reader: str | None, tokens: bool, progress: bool, allow_private: bool
) -> None:
    """Analyse articles and print their records (nothing is stored). PATHS are files, directories, .gz files, -
    or http(s) URLs (fetched politely, as `ingest` does)."""
    from ..batch import print_summary, run

    private_settings(ctx, allow_private)

    def handle(record: Record) -> str:
        emit(record.with_tokens() if tokens else record, fmt)
        return "analysed"

    summary = run(list(paths), handle, reader=reader, show_progress=progress, description="analysing", settings=settings_of(ctx))
    if summary.failed or progress:
        print_summary(summary, verb="analysed")
    sys.exit(1 if summary.failed else 0)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table per article; json: one object per article with its id and events.",
)
@reader_option
@allow_private_option
@click.pass_context
def events(ctx: click.Context, paths: tuple[str, ...], fmt: str, reader: str | None, allow_private: bool) -> None:
    """Analyse articles and print their events: type, status, participants, place, time, evidence."""
    private_settings(ctx, allow_private)
    from rich.console import Console

    from ..batch import print_summary, run
    from ..render import events_table

    console = Console(width=160)

    def handle(record: Record) -> str:
        if fmt == "json":
            click.echo(json.dumps({"id": record.id, "events": record.to_dict()["events"]}, ensure_ascii=False, indent=2))
        else:
            console.print(events_table(record))
        return "analysed"

    summary = run(list(paths), handle, reader=reader, show_progress=False, description="analysing", settings=settings_of(ctx))
    if summary.failed:
        print_summary(summary, verb="analysed")
    sys.exit(1 if summary.failed else 0)


@click.command()
@click.argument("article")
@click.argument("sentence", type=click.IntRange(0), required=False)
@reader_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def explain(ctx: click.Context, article: str, sentence: int | None, reader: str | None, fmt: str) -> None:
    """Show which rule decided each statement of a sentence: its kind, speaker, entity and sources.

    \b
    ARTICLE is a file (analysed now, nothing stored) or a stored article's id (a unique
    prefix of at least 4 characters). SENTENCE is the sentence's index in the record
    (0 is the first, as in "sentences" of a statement); without it, every sentence.
    The rules are the functions named in analyse/attribution.py and analyse/speakers.py
    (docs/attribution.md lists them with their German examples).

    \b
    Example:
      quellenlage explain tests/fixtures/ntv-2025-11-19-geheimgespraeche.txt 4
    """
    import os

    from ..errors import NotFound, ReadError

    if os.path.exists(article):
        from ..api import analyze as analyse_file

        try:
            record = analyse_file(article, reader=reader, settings=settings_of(ctx))
        except ReadError as exc:
            raise click.ClickException(str(exc)) from None
    else:
        try:
            record = store_of(ctx).get(article)
        except NotFound as exc:
            raise click.ClickException(f"{exc} (and no file {article!r})") from None
    if sentence is not None and sentence >= len(record.sentences):
        n = len(record.sentences)
        raise click.ClickException(f"no sentence {sentence}: the article has {n} (0–{n - 1})")
    wanted = range(len(record.sentences)) if sentence is None else [sentence]
    names = {e.id: e.name for e in record.entities}
    if fmt == "json":
        out = [
            {
                "sentence": k,
                "text": record.text[record.sentences[k].start : record.sentences[k].end],
                "statements": [st.model_dump(mode="json") for st in record.statements if k in st.sentences],
            }
            for k in wanted
        ]
        click.echo(json.dumps({"id": record.id, "sentences": out}, ensure_ascii=False, indent=2))
        return
    for k in wanted:
        s = record.sentences[k]
        click.echo(f"sentence {k}: {record.text[s.start : s.end]}")
        here = [st for st in record.statements if k in st.sentences]
        if not here:
            click.echo("  (no statement)")
        for st in here:
            click.echo(f"  {st.id} {st.kind} [{st.start}–{st.end}]: {_short(st.text, 90)}")
            for step in st.trace:
                value = step.value or "—"
                if step.decided == "entity" and step.value in names:
                    value = f"{step.value} {names[step.value]}"
                at = (
                    f"  [{step.start}–{step.end} {_short(record.text[step.start : step.end], 30)!r}]"
                    if step.start is not None and step.end is not None
                    else ""
                )
                click.echo(f"    {step.decided:8} {_short(value, 48):48} ← {step.rule}{at}")
        click.echo()


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


@click.command()
def schema() -> None:
    """Print the JSON Schema of the article record (quellenlage/article/v2)."""
    click.echo(resources.files("quellenlage").joinpath("schema/article-v2.schema.json").read_text(encoding="utf-8"), nl=False)


COMMANDS = (analyze, events, explain, schema)
