"""Developer commands: ``train`` (retrain our models) and ``eval`` (measure quality on annotated data)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Protocol

import click


class _Scores(Protocol):
    def report(self) -> str: ...


@click.group("train")
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

    from ..analyse.ner import MODEL_DIR
    from ..train.lexicon import MissingTrainExtra
    from ..train.ner import TrainingSettings, train

    settings = TrainingSettings(
        data=Path(data), out=Path(out) if out else MODEL_DIR, max_minutes=max_minutes, max_steps=max_steps, seed=seed
    )
    try:
        train(settings, log=lambda msg: click.echo(msg, err=True))
    except MissingTrainExtra as exc:
        raise click.ClickException(str(exc)) from None


@click.group("eval")
def eval_() -> None:
    """Measure quality on annotated data."""


@eval_.command("sentences")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, help="Only the first N documents.")
def eval_sentences(path: str, limit: int | None) -> None:
    """Sentence boundaries against the gold sentences of a quotes-wikinews JSON Lines file (.gz)."""
    from ..evaluate.sentences import evaluate_file

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
    from ..evaluate.speakers import is_speaker_gold

    if is_speaker_gold(path):
        from ..evaluate.speakers import evaluate_file as evaluate_speakers

        scored = evaluate_speakers(path)
        _echo_scores(scored, scored.as_dict, as_json=fmt == "json", errors=scored.errors if errors else None)
        return
    from ..evaluate.quotes import evaluate_file

    result = evaluate_file(path, limit=limit)
    _echo_scores(result, result.as_dict, as_json=fmt == "json", errors=result.errors if errors else None)


def _echo_scores(result: _Scores, as_dict: Callable[[], dict[str, Any]], as_json: bool, errors: list[Any] | None) -> None:
    """An evaluation's scores: its report, or its dict as JSON (with ``errors`` when given)."""
    if not as_json:
        click.echo(result.report())
        return
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
    from ..evaluate.time import evaluate_dir

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
    events_realnews{,2,3}_tune.jsonl (real news, tuned on) and
    events_realnews{,2,3}_test.jsonl (real news, never tuned on; three rounds,
    docs/events-realnews-set.md). Hypothetical events
    are optional on both sides and "false facts" are counted (see the rules).
    Each paragraph is analysed as an article (published = the gold date).
    Detection precision/recall/F1 (trigger overlap, one-to-one), type-strict
    detection, precision/recall per field (type, status, modality, time, place,
    participants) over all events, accuracy of each field over the paired
    events, per status and per type.
    Matching rules: the docstring of quellenlage/evaluate/events.py.
    """

    from ..evaluate.events import evaluate_file

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
    from ..evaluate.smartdata import evaluate_file

    try:
        result = evaluate_file(path, limit=limit)
    except (ValueError, KeyError, OSError) as exc:
        raise click.ClickException(f"{path}: {exc}") from None
    rate = result.documents / result.seconds if result.seconds else 0.0
    click.echo(f"{result.documents} documents in {result.seconds:.1f} s ({rate:.2f}/s), {len(result.failures)} failed", err=True)
    _echo_scores(result, result.as_dict, as_json=as_json or errors, errors=result.errors if errors else None)


@eval_.command("stories")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", is_flag=True, help="Also list missed reports, wrong origin counts, contradictions and drift (JSON).")
def eval_stories(path: str, as_json: bool, errors: bool) -> None:
    """Stories across outlets against a gold collection: a directory with articles (*.jsonl) and
    gold*.json (tests/fixtures/stories_dev: tuned on; tests/fixtures/stories_test: never tuned on).

    The articles are ingested into a fresh store (and linked); then B³ precision/recall of entity
    merges, event merges and stories, exact origin counts, and precision/recall of contradictions and
    attribution drift. Matching rules: the docstring of quellenlage/evaluate/stories.py.
    """
    from ..evaluate.stories import evaluate_dir

    try:
        result = evaluate_dir(path)
    except (ValueError, KeyError, OSError) as exc:
        raise click.ClickException(f"{path}: {exc}") from None
    if as_json or errors:
        out = result.as_dict()
        if errors:
            out["errors"] = result.errors
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        click.echo(result.report())


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
    from ..evaluate.ner import evaluate_file, to_json

    if fmt == "json":
        fmt, as_json = "auto", True
    try:
        result = evaluate_file(
            path, fmt=fmt, holdout=holdout, model=model, pipeline=pipeline, part="train" if train_part else None, fold=fold
        )
    except (ValueError, RuntimeError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(to_json(result) if as_json else result.report())


COMMANDS = (train_, eval_)
