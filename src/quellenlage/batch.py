"""Running many articles: read → analyse → (store), one article at a time.

One broken article never stops a batch: read errors, analysis errors and store
refusals are collected with their reasons, and the summary says what happened
to every input. Progress (count, rate, ETA) goes to standard error.
:mod:`quellenlage.parallel` runs the same batch with the analysis in Dask
workers (``quellenlage ingest --workers N``).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from .analyse.pipeline import new_record, record_version, run_stages
from .article import Article
from .errors import AnalysisError, QuellenlageError, ReadError, StoreError, one_line, printable_name
from .read import read_inputs
from .read.sources import Skipped, iter_inputs
from .record import Record
from .settings import Settings

if TYPE_CHECKING:
    from distributed import Client

    from .fetch.pages import UrlSource
    from .store import Store
    from .store.rows import Prepared


@dataclass
class Summary:
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    linked: str | None = None
    """What linking across articles did after an ingest (:mod:`quellenlage.link.run`), as one line."""

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.failed

    def fail(self, name: str, reason: str) -> None:
        self.failures.append((name, reason))


def estimate_articles(paths: list[str], settings: Settings | None = None) -> int | None:
    """How many articles the inputs hold (JSON Lines: non-empty lines), for the ETA;
    None when standard input is among them (it can be read only once)."""
    if "-" in paths:
        return None
    from .fetch.urls import is_url

    total = sum(1 for path in paths if is_url(path))
    for inp in iter_inputs([path for path in paths if not is_url(path)], settings=settings):
        if isinstance(inp, ReadError) or inp.suffix not in (".jsonl", ".ndjson"):
            total += 1
            continue
        try:
            with inp.open() as fh:
                total += sum(1 for line in fh if line.strip())
        except (OSError, EOFError):
            total += 1
    return total


class RateBar:
    """A progress bar on standard error: count, rate (articles per second), time elapsed and ETA; nothing
    at all when ``show`` is false or standard error is no terminal (a log, cron's mail). Used as a context
    manager; :meth:`update` after each article."""

    def __init__(self, description: str, *, total: int | None = None, show: bool = True):
        self.started = time.perf_counter()
        self.bar: Progress | None = None
        console = Console(stderr=True, soft_wrap=True)
        if show and console.is_terminal:  # a bar on a terminal only: in a log (cron) it would be noise
            self.bar = Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:>7} art/s"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=console,
                transient=False,
            )
            self.task = self.bar.add_task(description, total=total, rate="–")

    def __enter__(self) -> RateBar:
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar:
            self.bar.stop()

    def update(self, done: int, total: int | None = None) -> None:
        if self.bar:
            elapsed = time.perf_counter() - self.started
            rate = f"{done / elapsed:.1f}" if elapsed > 0 else "–"
            if total is None:
                self.bar.update(self.task, completed=done, rate=rate)
            else:
                self.bar.update(self.task, completed=done, total=total, rate=rate)

    def say(self, msg: str) -> None:
        """One line on standard error, above the bar when there is one."""
        if self.bar:
            self.bar.console.print(msg, markup=False, highlight=False, soft_wrap=True)
        else:
            print(msg, file=sys.stderr)


@contextmanager
def analysis_errors(name: str) -> Iterator[None]:
    """One article's bug (any exception but a :class:`QuellenlageError`) as its :class:`AnalysisError`
    "analysis failed: …", so it fails that article and never the batch (here and in the Dask workers)."""
    try:
        yield
    except QuellenlageError:
        raise
    except Exception as exc:
        raise AnalysisError(name, f"analysis failed: {type(exc).__name__}: {exc}") from exc


def reporter(
    summary: Summary, on_failure: Callable[[str, str], None] | None, say: Callable[[str], None]
) -> Callable[[str, str], None]:
    """What a batch does with a failed input: count it in ``summary``, pass it to ``on_failure`` (the store's
    failure log) and say it in one line."""

    def failed(name: str, reason: str) -> None:
        summary.fail(name, reason)
        if on_failure:
            on_failure(name, reason)
        say(f"error: {printable_name(name)}: {one_line(reason)}")

    return failed


def run(
    paths: list[str],
    handle: Callable[[Record], str],
    *,
    reader: str | None = None,
    description: str = "analysing",
    show_progress: bool = True,
    stdin: BinaryIO | None = None,
    on_failure: Callable[[str, str], None] | None = None,
    skip: Callable[[Record], str | None] | None = None,
    settings: Settings | None = None,
    urls: UrlSource | None = None,
) -> Summary:
    """Read and analyse every article under ``paths`` and pass each record to
    ``handle``, which returns a status word ("stored", "unchanged" …) to count.
    ``handle`` may raise :class:`QuellenlageError` to reject one article.
    ``skip`` sees each record before analysis (text, metadata, ids) and may
    return a status word to count instead of analysing and handling it.
    ``settings`` (default: ``Settings.from_env()``, built once here) go to the readers; ``urls`` fetches the
    URLs among ``paths`` (:func:`~quellenlage.read.read_inputs`); a page not modified since it was stored
    is counted "not modified"."""
    settings = Settings.from_env() if settings is None else settings
    summary = Summary()
    started = time.perf_counter()
    total = estimate_articles(paths, settings) if show_progress else None
    bar = RateBar(description, total=total, show=show_progress)
    say = bar.say
    failed = reporter(summary, on_failure, say)

    def process(article: Article) -> None:
        name = article.provenance.name
        try:
            with analysis_errors(name):
                record = new_record(article)
                skipped = skip(record) if skip else None
                if skipped is None:
                    run_stages(record, settings=settings)
            if skipped is not None:
                summary.counts[skipped] += 1
                return
            for warning in record.warnings:
                say(f"warning: {name}: {warning}")
            summary.counts[handle(record)] += 1
        except AnalysisError as exc:
            failed(exc.name, exc.reason)
        except QuellenlageError as exc:
            failed(name, str(exc))
        except Exception as exc:  # a bug of ours in keeping one record fails that article, never the batch
            failed(name, f"storing failed: {type(exc).__name__}: {exc}")

    with bar:
        for item in read_inputs(paths, stdin=stdin, reader=reader, settings=settings, urls=urls):
            if isinstance(item, ReadError):
                failed(item.name, item.reason)
            elif isinstance(item, Skipped):
                summary.counts[item.status] += 1
            else:
                process(item)
            bar.update(summary.total)
    summary.seconds = time.perf_counter() - started
    return summary


def print_summary(summary: Summary, console: Console | None = None, verb: str = "read") -> None:
    console = console or Console(stderr=True, soft_wrap=True)  # one line per failure, however long
    parts = [f"{n} {status}" for status, n in sorted(summary.counts.items())]
    parts.append(f"{summary.failed} failed")
    rate = summary.total / summary.seconds if summary.seconds else 0.0
    console.print(
        f"{summary.total} articles {verb} in {summary.seconds:.1f} s ({rate:.1f}/s): " + ", ".join(parts),
        markup=False,
        highlight=False,
    )
    for name, reason in summary.failures:
        console.print(f"  failed: {name}: {reason}", markup=False, highlight=False)
    if summary.linked:
        console.print(summary.linked, markup=False, highlight=False)


def ingest_into(
    store: Store,
    paths: list[str],
    *,
    reader: str | None = None,
    show_progress: bool = True,
    stdin: BinaryIO | None = None,
    settings: Settings | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Client | None = None,
    urls: UrlSource | None = None,
    link: bool = True,
) -> Summary:
    """Analyse and store every article under ``paths`` (``quellenlage ingest``).

    An article stored already by this analysis version is counted "unchanged"
    without being analysed again; failures are also logged in the store.
    The other keyword arguments before ``workers`` are :func:`run`'s.

    Without ``workers``, ``scheduler`` or ``client`` everything runs here, one
    article at a time (:func:`run`). With one of them the analysis runs in Dask
    workers and this process plans and writes (:mod:`quellenlage.parallel`):
    ``workers`` processes of a local cluster started for the batch, the running
    cluster at ``scheduler`` (``tcp://HOST:8786``), or an open ``client`` (tests,
    benchmarks). Raises :class:`QuellenlageError` when the cluster cannot be used.

    URLs among ``paths`` are fetched by ``urls`` (default: one of this run with the store, so a page stored
    before is asked for conditionally and its raw bytes are kept with its revision). ``link``: link across
    articles afterwards (``watch`` links once after all its feeds).
    """

    settings = Settings.from_env() if settings is None else settings
    limit = settings.max_analysed_chars

    def skip(record: Record) -> str | None:
        version = record_version(len(record.text), limit)
        if not store.is_unchanged(record.id, record.content_hash, version):
            return None
        store.keep_page(record)  # a fetched page: its URL's ETag for the next conditional request
        return "unchanged"

    def handle(record: Record) -> str:
        return store.put(record, source_name=record.source.name if record.source else None).status

    def skip_many(records: Sequence[Record]) -> list[str | None]:
        by_version: dict[str, list[tuple[str, str]]] = {}  # nearly always one version: no text the limit cuts
        for record in records:
            by_version.setdefault(record_version(len(record.text), limit), []).append((record.id, record.content_hash))
        unchanged = {key for version, keys in by_version.items() for key in store.unchanged(keys, version)}
        for record in records:
            if (record.id, record.content_hash) in unchanged:
                store.keep_page(record)
        return ["unchanged" if (record.id, record.content_hash) in unchanged else None for record in records]

    def handle_many(items: Sequence[Prepared]) -> list[str | QuellenlageError]:
        return [result if isinstance(result, StoreError) else result.status for result in store.put_many(items)]

    def log(name: str, reason: str) -> None:
        try:
            store.log_failure(name, reason)
        except StoreError:
            pass  # still reported on standard error and in the summary

    from contextlib import ExitStack

    from .fetch.urls import is_url

    with ExitStack() as stack:
        if urls is None and any(is_url(str(path)) for path in paths):
            from .fetch.http import Fetcher
            from .fetch.pages import UrlSource
            from .store.fetching import RobotsInStore

            urls = UrlSource(stack.enter_context(Fetcher(settings, memory=RobotsInStore(store))), store)
        if workers is None and scheduler is None and client is None:
            summary = run(
                paths,
                handle,
                reader=reader,
                description="ingesting",
                show_progress=show_progress,
                stdin=stdin,
                on_failure=log,
                skip=skip,
                settings=settings,
                urls=urls,
            )
        else:
            from .parallel import dask_client, run_parallel

            cluster = client if client is not None else stack.enter_context(dask_client(workers, scheduler))
            summary = run_parallel(
                cluster,
                paths,
                handle_many,
                reader=reader,
                description="ingesting",
                show_progress=show_progress,
                stdin=stdin,
                on_failure=log,
                skip_many=skip_many,
                settings=settings,
                urls=urls,
            )
    from .link.run import link_after_ingest, waiting

    # link what this batch stored, and what an earlier batch stored but did not link (killed before its pass)
    if link and (
        summary.counts.get("stored") or summary.counts.get("revised") or summary.counts.get("reanalysed") or waiting(store)
    ):
        linked = link_after_ingest(store)
        summary.linked = linked.line() if linked else None
    return summary
