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
      quellenlage serve            # the reading room at http://127.0.0.1:8000/
      quellenlage eval quotes ../shared/data/quotes-wikinews/dev.jsonl.gz
    """
    ctx.ensure_object(dict)["db"] = db


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=FORMATS,
    default="json",
    show_default=True,
    help="json: one pretty-printed record per article; jsonl: one line each; text: a readable summary.",
)
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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table per article; json: one object per article with its id and events.",
)
@click.option("--reader", type=click.Choice(["pagedump", "html", "json"]), help="Force a reader instead of detecting it.")
def events(paths: tuple[str, ...], fmt: str, reader: str | None) -> None:
    """Analyse articles and print their events: type, status, participants, place, time, evidence."""
    from rich.console import Console

    from .batch import print_summary, run
    from .render import events_table

    console = Console(width=160)

    def handle(record) -> str:
        if fmt == "json":
            click.echo(json.dumps({"id": record.id, "events": record.to_dict()["events"]}, ensure_ascii=False, indent=2))
        else:
            console.print(events_table(record))
        return "analysed"

    summary = run(list(paths), handle, reader=reader, show_progress=False, description="analysing")
    if summary.failed:
        print_summary(summary, verb="analysed")
    sys.exit(1 if summary.failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--reader", type=click.Choice(["pagedump", "html", "json"]), help="Force a reader instead of detecting it.")
@click.option(
    "--progress/--no-progress", default=True, show_default=True, help="Progress bar (count, rate, ETA) on standard error."
)
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
@click.argument("article")
@click.argument("sentence", type=click.IntRange(0), required=False)
@click.option("--reader", type=click.Choice(["pagedump", "html", "json"]), help="Force a reader instead of detecting it.")
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

    from .errors import NotFound, ReadError

    if os.path.exists(article):
        from .api import analyze as analyse_file

        try:
            record = analyse_file(article, reader=reader)
        except ReadError as exc:
            raise click.ClickException(str(exc)) from None
    else:
        try:
            record = _store(ctx).get(article)
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


@main.command()
@click.argument("query")
@click.option("--in", "target", type=click.Choice(["sentences", "statements"]), default="sentences", show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--outlet", help="Only articles of this outlet.")
@click.option("--raw", is_flag=True, help='Pass QUERY to the full-text engine as is (FTS5 syntax: OR, NEAR, "phrase", prefix*).')
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
@click.option(
    "--table",
    type=click.Choice(["articles", "sentences", "statements", "entities", "times", "events"]),
    default="articles",
    show_default=True,
    help="For CSV: which rows (JSON Lines always writes whole records).",
)
@click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output file (default: standard output)."
)
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


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Serve the reading room (article view, dossiers, timelines, search, ingest) and the HTTP API.

    \b
    Pages at http://HOST:PORT/, the JSON API under /api, its description at
    /openapi.json and /docs. Reading is open; writing (/ingest, POST /api/articles)
    needs the token in QUELLENLAGE_TOKEN (Authorization: Bearer …) and is disabled
    when that variable is unset.
    """
    import uvicorn

    from .serve import create_app

    uvicorn.run(create_app(store=_store(ctx)), host=host, port=port, log_level="info")


@main.group("train")
def train_() -> None:
    """Train Quellenlage's own models from the annotated data in ../shared/data."""


@train_.command("ner")
@click.option(
    "--out", type=click.Path(file_okay=False), default=None, help="Model directory (default: the package's models/ner-de)."
)
@click.option("--data", type=click.Path(exists=True, file_okay=False), default="../shared/data/ner", show_default=True)
@click.option("--max-minutes", type=float, default=85.0, show_default=True, help="Stop training after this long.")
@click.option(
    "--max-steps",
    type=click.IntRange(1),
    default=2400,
    show_default=True,
    help="Updates; the learning rate falls linearly to a tenth over them and the last state is kept"
    " (the hold-out is only reported), so a retrain does not depend on the machine's speed.",
)
@click.option("--seed", type=int, default=0, show_default=True)
def train_ner(out: str | None, data: str, max_minutes: float, max_steps: int, seed: int) -> None:
    """The German NER model (blank de, CNN tok2vec with word classes + NER), as shipped: seed 0, 2,400
    steps, about 10 minutes on one core. Needs the train extra (pip install -e '.[train]'); progress and
    hold-out F1 on standard error."""
    from pathlib import Path

    from .analyse.ner import MODEL_DIR
    from .train.lexicon import MissingTrainExtra
    from .train.ner import Settings, train

    settings = Settings(
        data=Path(data), out=Path(out) if out else MODEL_DIR, max_minutes=max_minutes, max_steps=max_steps, seed=seed
    )
    try:
        train(settings, log=lambda msg: click.echo(msg, err=True))
    except MissingTrainExtra as exc:
        raise click.ClickException(str(exc)) from None


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


@eval_.command("quotes")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, help="Only the first N documents.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--errors", is_flag=True, help="With --format json: also list every missed quote, wrong speaker and spurious statement."
)
def eval_quotes(path: str, limit: int | None, fmt: str, errors: bool) -> None:
    """Quotation attribution against a quotes-wikinews JSON Lines file (.gz), or
    the real-news speaker gold set (tests/fixtures/quotes_realnews_{tune,test}.jsonl).

    \b
    Wikinews: precision/recall/F1 of quote spans (exact, token overlap, tokens),
    of the speaker and cue of paired quotes, and per quotation type. Real news:
    quote spans, speaker P/R, direct quotes with the right linked speaker,
    anonymous sources recognised (with a kind). Matching rules:
    docs/attribution.md and quellenlage/evaluate/speakers.py. With --errors
    and --format json, the misses: Wikinews gold quotes with no statement
    (type, cue, speaker, sentence), paired quotes with a wrong or no speaker
    (with the rules that decided ours), statements with no gold quote.
    """
    from .evaluate.speakers import is_speaker_gold

    if is_speaker_gold(path):
        from .evaluate.speakers import evaluate_file as evaluate_speakers

        scored = evaluate_speakers(path)
        _echo_scores(scored, scored.as_dict, as_json=fmt == "json", errors=scored.errors if errors else None)
        return
    from .evaluate.quotes import evaluate_file

    result = evaluate_file(path, limit=limit)
    _echo_scores(result, result.as_dict, as_json=fmt == "json", errors=result.errors if errors else None)


def _echo_scores(result, as_dict, as_json: bool, errors: list | None) -> None:
    """An evaluation's scores: its report, or its dict as JSON (with ``errors`` when given)."""
    if not as_json:
        click.echo(result.report())
        return
    import json

    data = as_dict()
    if errors is not None:
        data["errors"] = errors
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@eval_.command("time")
@click.argument("path", type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--errors", is_flag=True, help="Also list every missed, spurious and wrongly valued expression (JSON).")
def eval_time(path: str, fmt: str, errors: bool) -> None:
    """Time expressions against WikiWarsDE (a folder of *.key.xml with inline TIMEX2 gold) or a real-news
    gold file (tests/fixtures/events_realnews_{tune,test}.jsonl: each paragraph's "times").

    \b
    Extraction precision/recall/F1, strict (same span) and lenient (overlap),
    and value precision/recall/F1 and accuracy, per document and in total;
    HeidelTime's published figures for comparison. Mapping rules: docs/time.md
    and the docstring of quellenlage/evaluate/time.py (on real news a null gold
    value says the text fixes none: our null is right, any value wrong).
    """
    from .evaluate.time import evaluate_dir

    try:
        result = evaluate_dir(path, with_errors=errors)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    _echo_scores(result, result.to_dict, as_json=fmt == "json", errors=result.errors if errors else None)


@eval_.command("events")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", is_flag=True, help="Also list every missed, spurious and wrongly filled event (JSON).")
def eval_events(path: str, as_json: bool, errors: bool) -> None:
    """Events against gold paragraphs (JSON Lines, docs/events-dev-set.md).

    \b
    Sets in tests/fixtures: events_dev.jsonl and events_wikinews_dev.jsonl (tuned on),
    events_test.jsonl (held out), events_wikinews.jsonl (real news, not tuned on),
    events_realnews_tune.jsonl (real news, tuned on) and events_realnews_test.jsonl
    (real news, never tuned on; docs/events-realnews-set.md). Hypothetical events
    are optional on both sides and "false facts" are counted (see the rules).
    Each paragraph is analysed as an article (published = the gold date).
    Detection precision/recall/F1 (trigger overlap, one-to-one), type-strict
    detection, precision/recall per field (type, status, modality, time, place,
    participants) over all events, accuracy of each field over the paired
    events, per status and per type.
    Matching rules: the docstring of quellenlage/evaluate/events.py.
    """

    from .evaluate.events import evaluate_file

    try:
        result = evaluate_file(path)
    except (ValueError, KeyError) as exc:
        raise click.ClickException(f"{path}: {exc}") from None
    _echo_scores(result, result.as_dict, as_json=as_json or errors, errors=result.errors if errors else None)


@eval_.command("smartdata")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", is_flag=True, help="Also list every missed, spurious and wrongly filled event and time (JSON).")
@click.option("--limit", type=int, help="Only the first N documents.")
def eval_smartdata(path: str, as_json: bool, errors: bool, limit: int | None) -> None:
    """Events and time expressions against DFKI SmartData (../shared/data/smartdata/{train,test}.jsonl.gz).

    \b
    train is tuned on, test never. Each document is analysed as one paragraph
    (published = its date as an ISO day). Events: the relations Strike, Accident,
    Disaster, Insolvency, Layoffs, Acquisition, Merger and OrganizationLeadership
    mapped to our types; detection P/R/F1 per type and micro (trigger overlap,
    one-to-one), time value and anchor accuracy and participant recall over pairs,
    our hypothetical/unknown events counted apart. Times: gold date and time
    mentions, lenient extraction P/R/F1 and value accuracy where the gold surface
    states an absolute date or clock time. Progress (rate, ETA) on standard error.
    Matching rules: the docstring of quellenlage/evaluate/smartdata.py.
    """
    from .evaluate.smartdata import evaluate_file

    try:
        result = evaluate_file(path, limit=limit)
    except (ValueError, KeyError, OSError) as exc:
        raise click.ClickException(f"{path}: {exc}") from None
    rate = result.documents / result.seconds if result.seconds else 0.0
    click.echo(f"{result.documents} documents in {result.seconds:.1f} s ({rate:.2f}/s), {len(result.failures)} failed", err=True)
    _echo_scores(result, result.as_dict, as_json=as_json or errors, errors=result.errors if errors else None)


@eval_.command("ner")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "germeval", "conll", "json"]),
    default="auto",
    show_default=True,
    help="The gold file: germeval (GermEval 2014 TSV, outer level, column 3), conll (token … tag,"
    " IOB1/IOB2/BIO) or auto; json: auto-detect and print JSON (same as --json).",
)
@click.option("--holdout", is_flag=True, help="GermEval 2014 dev: only the held-out documents (every third).")
@click.option("--train-part", is_flag=True, help="GermEval 2014 dev: only the training two thirds (error analysis).")
@click.option(
    "--fold",
    type=click.IntRange(0, 2),
    default=2,
    show_default=True,
    help="GermEval 2014 dev: which third --holdout means (2: the shipped model's hold-out; 0, 1: for"
    " cross-validation runs of python -m quellenlage.train.ner --fold).",
)
@click.option("--pipeline", is_flag=True, help="Score the entities stage (model + rules), not the model alone.")
@click.option("--model", type=click.Path(exists=True, file_okay=False), help="A model directory (default: the shipped one).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_ner(
    path: str, fmt: str, holdout: bool, train_part: bool, fold: int, pipeline: bool, model: str | None, as_json: bool
) -> None:
    """Named entities (PER/LOC/ORG/MISC, exact spans) against a gold GermEval TSV or CoNLL file."""
    from .evaluate.ner import evaluate_file, to_json

    if fmt == "json":
        fmt, as_json = "auto", True
    try:
        result = evaluate_file(
            path, fmt=fmt, holdout=holdout, model=model, pipeline=pipeline, part="train" if train_part else None, fold=fold
        )
    except (ValueError, RuntimeError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(to_json(result) if as_json else result.report())
