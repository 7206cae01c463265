"""Ingest spread over processes or machines: plan here, analyse in Dask workers, write here.

``quellenlage ingest --workers N`` (a local cluster of N processes) and
``--scheduler tcp://HOST:8786`` (a running cluster) split a batch in three:

1. **plan** (this process): the inputs are read as a stream; each article gets
   its id and content hash (:func:`~quellenlage.analyse.pipeline.new_record`),
   and one already stored by this analysis version is counted "unchanged"
   without being sent anywhere, so a rerun analyses only what is missing;
2. **analyse** (a worker): :func:`analyse_one` runs every stage on one article
   and returns the record as JSON text, or the one-line reason it failed. It is
   pure and never raises for a bad article. The spaCy pipelines and language
   tables are cached per process (``functools.lru_cache`` in
   :mod:`~quellenlage.analyse.segment`, :mod:`~quellenlage.analyse.ner` …), so
   a worker loads them once, with its first article, not once per article;
3. **write** (this process, the one writer): records are rebuilt with
   :meth:`Record.from_json <quellenlage.record.Record.from_json>` and stored one
   transaction each, in input order; failures are logged and reported as an
   in-process batch reports them (:mod:`quellenlage.batch`).

At most ``in_flight`` articles are on the cluster at once (by default four per
worker thread), so memory stays bounded whatever the size of the corpus. A
batch killed half-way leaves whole records only; run again, it stores the rest.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from .analyse.pipeline import ANALYSIS_VERSION, new_record, run_stages
from .article import Article
from .batch import RateBar, Summary, analysis_errors, estimate_articles, reporter
from .errors import AnalysisError, QuellenlageError, ReadError
from .read import read_inputs
from .record import Record
from .settings import Settings

if TYPE_CHECKING:
    from distributed import Client, Future

#: Articles sent to a worker in one task: the cost of a task (about 3 ms here and 2 ms in the worker, against
#: 50 ms of analysis) is paid once for them.
CHUNK = 4

#: Articles on the cluster at once, per worker thread (a chunk running, the next ones queued so no worker waits).
IN_FLIGHT_PER_THREAD = 3 * CHUNK

#: How long ``--scheduler`` tries to reach the scheduler, then waits for a first worker, in seconds.
CONNECT_TIMEOUT_S = 10
WORKER_WAIT_S = 60


#: Dask settings for the workers of a local cluster. Dask starts its workers with MALLOC_TRIM_THRESHOLD_=65536
#: (glibc gives freed memory back to the system early): the analysis allocates and frees much, and ran about
#: 20 % slower with it. Without a dashboard nobody reads the statistical profiler's samples (every 10 ms).
LOCAL_WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
}


@dataclass(frozen=True)
class Options:
    """What a worker needs beside the article (plain values, picklable)."""

    analysis_version: str = ANALYSIS_VERSION
    """The analysis version the batch planned with (its "unchanged" check); a worker running another
    version of Quellenlage fails the article instead of storing a record the next run would redo."""
    settings: Settings | None = None
    """The batch's limits (``max_analysed_chars`` …), so a worker on another machine analyses as this one
    would; None: the worker's own environment."""


@dataclass(frozen=True)
class Outcome:
    """What :func:`analyse_one` returns: the record as JSON text, or why there is none."""

    name: str
    """The input the article came from (``path``, ``path:LINE``, ``-``)."""
    record: str | None = None
    reason: str | None = None
    """One line, as the in-process batch words it."""
    tokens: int = 0
    """Tokens of the text (spaCy's, white space included), for throughput figures."""
    seconds: float = 0.0
    """Analysis time in the worker."""


def analyse_one(article: Article, options: Options | None = None) -> Outcome:
    """Analyse one article; never raises for a bad one (the reason is in the outcome).

    Runs in a worker process. The record travels back as JSON text: a record
    with its spaCy ``Doc`` does not pickle cheaply, and the JSON is what the
    store keeps anyway.
    """
    options = options or Options()
    name = article.provenance.name
    started = time.perf_counter()
    if options.analysis_version != ANALYSIS_VERSION:
        return Outcome(name, reason=f"worker runs analysis {ANALYSIS_VERSION}, the batch expects {options.analysis_version}")
    try:
        with analysis_errors(name):
            record = run_stages(new_record(article), settings=options.settings)
    except AnalysisError as exc:
        return Outcome(exc.name, reason=exc.reason, seconds=time.perf_counter() - started)
    except QuellenlageError as exc:
        return Outcome(name, reason=str(exc), seconds=time.perf_counter() - started)
    tokens = len(record.doc) if record.doc is not None else 0
    return Outcome(name, record=record.to_json(), tokens=tokens, seconds=time.perf_counter() - started)


def analyse_many(articles: list[Article], options: Options | None = None) -> list[Outcome]:
    """:func:`analyse_one` for each of ``articles`` (one task for several articles)."""
    return [analyse_one(article, options) for article in articles]


def warm_up() -> str:
    """Load the tokenizer, the NER model and the language tables in this process (a worker, before its
    first article: ``client.run(warm_up)``); returns the analysis version it runs."""
    from .read import read_text

    analyse_one(read_text("Aufwärmen: Er sagte am Mittwoch in Berlin, alles sei gut."))
    return ANALYSIS_VERSION


def worker_version() -> str:
    """The analysis version of the process it runs in (``client.run(worker_version)``)."""
    return ANALYSIS_VERSION


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A Dask client: on a local cluster of ``workers`` processes (one thread each, no dashboard, logs
    quiet), or on the running cluster at ``scheduler`` (``tcp://HOST:8786``), whose workers must run
    this analysis version. Raises :class:`QuellenlageError` when the cluster cannot be used."""
    from distributed import Client, LocalCluster

    if scheduler:
        quiet = logging.getLogger("distributed")
        level = quiet.level
        quiet.setLevel(logging.ERROR)
        try:
            try:
                client = Client(scheduler, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
            except (OSError, TimeoutError) as exc:
                raise QuellenlageError(f"{scheduler}: cannot reach the scheduler ({exc})") from exc
            with client:
                _check_workers(client, scheduler)
                yield client
        finally:
            quiet.setLevel(level)
        return
    if not workers or workers < 1:
        raise QuellenlageError(f"--workers must be at least 1 (got {workers})")
    import dask

    with dask.config.set(LOCAL_WORKER_CONFIG):  # read when the workers start
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    with cluster, Client(cluster, set_as_default=False) as client:
        yield client


def _check_workers(client: Client, scheduler: str) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_S)
    except TimeoutError as exc:
        raise QuellenlageError(f"{scheduler}: no worker joined within {WORKER_WAIT_S} s") from exc
    try:
        versions = client.run(worker_version)
    except Exception as exc:  # a worker without Quellenlage (ModuleNotFoundError), a lost one …
        raise QuellenlageError(f"{scheduler}: the workers cannot run the analysis ({type(exc).__name__}: {exc})") from exc
    other = sorted({v for v in versions.values() if v != ANALYSIS_VERSION})
    if other:
        raise QuellenlageError(f"{scheduler}: workers run analysis {', '.join(other)}, this process {ANALYSIS_VERSION}")


def threads(client: Client) -> int:
    """Worker threads of the cluster (at least 1)."""
    return max(1, sum(client.nthreads().values()))


def run_parallel(
    client: Client,
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
    in_flight: int | None = None,
    options: Options | None = None,
    chunk: int = CHUNK,
) -> Summary:
    """:func:`quellenlage.batch.run` with the analysis on ``client``'s workers.

    Same arguments, same summary, same one-line reports; ``skip`` runs here,
    before an article is sent. Records reach ``handle`` in input order (an
    article read twice is "unchanged" the second time, as in one process).
    ``in_flight``: articles on the cluster at once (default: :data:`IN_FLIGHT_PER_THREAD`
    per worker thread); results waiting to be written count too. ``chunk``:
    articles per task (:data:`CHUNK`); an input that is not analysed (skipped,
    failed to read) sends the articles gathered before it first, so the order holds.
    """
    from distributed import KilledWorker

    settings = Settings.from_env() if settings is None else settings
    options = options or Options(settings=settings)
    in_flight = in_flight or IN_FLIGHT_PER_THREAD * threads(client)
    summary = Summary()
    started = time.perf_counter()
    total = estimate_articles(paths, settings) if show_progress else None
    bar = RateBar(description, total=total, show=show_progress)
    say = bar.say
    failed = reporter(summary, on_failure, say)
    # In input order: (name, status) counted, (name, reason) failed, or (name, (future, i)) on the cluster: the
    # i-th article of the chunk that future analyses.
    queue: deque[tuple[str, str | tuple[Future, int], bool]] = deque()
    waiting = 0  # articles of the queue on the cluster
    gathered: list[tuple[str, Article]] = []  # articles read, not yet sent
    results: dict[Hashable, list[Outcome]] = {}  # a chunk's outcomes, by its future's key, until the last is written
    # bound on the queue as a whole: skipped and failed inputs wait there behind a slow article
    queued_max = 64 * in_flight

    def write(outcome: Outcome) -> None:
        if outcome.record is None:
            failed(outcome.name, outcome.reason or "analysis failed")
            return
        record = Record.from_json(outcome.record)
        for warning in record.warnings:
            say(f"warning: {outcome.name}: {warning}")
        try:
            summary.counts[handle(record)] += 1
        except QuellenlageError as exc:
            failed(outcome.name, str(exc))

    def settle() -> None:
        """Write the oldest entry (waiting for its analysis when it is not done)."""
        nonlocal waiting
        name, value, ok = queue.popleft()
        if isinstance(value, str):
            if ok:
                summary.counts[value] += 1
            else:
                failed(name, value)
        else:
            waiting -= 1
            future, i = value
            if future.key not in results:
                results[future.key] = outcomes(future)
            outcome = results[future.key][i]
            if i == len(results[future.key]) - 1:
                del results[future.key]
            write(outcome)
        bar.update(summary.total)

    def outcomes(future: Future) -> list[Outcome]:
        """A chunk's outcomes; a chunk that killed its worker is analysed again article by article, so only
        the article that does it fails."""
        articles = chunks_sent.pop(future.key)
        try:
            try:
                return future.result()
            except KilledWorker:
                if len(articles) == 1:
                    raise
                return [outcomes(send_chunk([item]))[0] for item in articles]
        except KilledWorker as exc:  # the article took its worker down (memory, a crash) every time it ran
            return [Outcome(articles[0][0], reason=f"analysis failed: its worker died ({exc})")]
        except Exception as exc:  # the cluster itself is gone: stop; what is stored stays stored
            raise QuellenlageError(f"{articles[0][0]}: the cluster failed ({type(exc).__name__}: {exc})") from exc
        finally:
            future.release()

    chunks_sent: dict[Hashable, list[tuple[str, Article]]] = {}

    def send_chunk(items: list[tuple[str, Article]]) -> Future:
        future = client.submit(analyse_many, [article for _, article in items], options, pure=False)
        chunks_sent[future.key] = list(items)
        return future

    def send() -> None:
        """Send the gathered articles as one task."""
        nonlocal waiting
        if not gathered:
            return
        future = send_chunk(gathered)
        queue.extend((name, (future, i), True) for i, (name, _) in enumerate(gathered))
        waiting += len(gathered)
        gathered.clear()

    def plan(article: Article) -> None:
        """Count the article as skipped, or send it to the cluster."""
        nonlocal waiting
        name = article.provenance.name
        try:
            with analysis_errors(name):
                record = new_record(article)
                skipped = skip(record) if skip else None
        except AnalysisError as exc:
            send()
            queue.append((exc.name, exc.reason, False))
            return
        except QuellenlageError as exc:
            send()
            queue.append((name, str(exc), False))
            return
        if skipped is not None:
            send()
            queue.append((name, skipped, True))
            return
        gathered.append((name, article))
        if len(gathered) >= chunk:
            send()

    with bar:
        for item in read_inputs(paths, stdin=stdin, reader=reader, settings=settings):
            if isinstance(item, ReadError):
                send()
                queue.append((item.name, item.reason, False))
            else:
                plan(item)
            while queue and (waiting >= in_flight or len(queue) >= queued_max or _ready(queue[0][1])):
                settle()
        send()
        while queue:
            settle()
    summary.seconds = time.perf_counter() - started
    return summary


def _ready(value: str | tuple[Future, int]) -> bool:
    return isinstance(value, str) or value[0].done()
