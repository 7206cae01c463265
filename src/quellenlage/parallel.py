"""Ingest spread over processes or machines: plan here, analyse in Dask workers, write here.

``quellenlage ingest --workers N`` (a local cluster of N processes) and
``--scheduler tcp://HOST:8786`` (a running cluster) split a batch in three:

1. **plan** (this process): the inputs are read as a stream; each article gets
   its id and content hash (:func:`~quellenlage.analyse.pipeline.new_record`),
   and one already stored by this analysis version is counted "unchanged"
   without being sent anywhere, so a rerun analyses only what is missing;
2. **analyse** (a worker): :func:`analyse_one` runs every stage on one article
   and returns the record as JSON text with the rows the store keeps of it
   (:func:`~quellenlage.store.rows.prepare`), or the one-line reason it failed.
   It is pure and never raises for a bad article. The spaCy pipelines and language
   tables are cached per process (``functools.lru_cache`` in
   :mod:`~quellenlage.analyse.segment`, :mod:`~quellenlage.analyse.ner` …), so
   a worker loads them once, with its first article, not once per article;
3. **write** (this process, the one writer): the prepared rows are stored in
   input order, the records that are ready together in one transaction
   (:meth:`Store.put_many <quellenlage.store.Store.put_many>`), so the writer
   neither parses a record again nor commits once per article; failures are
   logged and reported as an in-process batch reports them (:mod:`quellenlage.batch`).

At most ``in_flight`` articles are on the cluster at once (by default four per
worker thread), so memory stays bounded whatever the size of the corpus. A
batch killed half-way leaves whole records only; run again, it stores the rest.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from .analyse.pipeline import ANALYSIS_VERSION, new_record, run_stages
from .article import Article
from .batch import RateBar, Summary, analysis_errors, estimate_articles, reporter
from .errors import AnalysisError, QuellenlageError, ReadError
from .read import Skipped, read_inputs
from .record import Record
from .settings import Settings
from .store.rows import Prepared, prepare

if TYPE_CHECKING:
    from distributed import Client, Future

    from .fetch.pages import UrlSource

#: Articles sent to a worker in one task: the cost of a task (the scheduler's and client's threads here, 2 ms in
#: the worker, against 50 ms of analysis an article) is paid once for them. Measured on 300 10kGNAD articles,
#: the Dask threads of this process took 2.9 ms an article with 4, 2.2 with 8 and 1.8 with 16; with 2 workers
#: on 2 cores that time is taken from the workers. Larger chunks leave a worker idle longer at the end.
CHUNK = 8

#: Most records written in one transaction: the ones whose analysis is done, in input order, are written
#: together (fewer commits, one INSERT per table); a group is cut short when the next one is not done.
WRITE_GROUP = 32

#: Articles on the cluster at once, per worker thread (a chunk running, the next ones queued so no worker waits).
IN_FLIGHT_PER_THREAD = 3 * CHUNK

#: How long ``--scheduler`` tries to reach the scheduler, then waits for a first worker, in seconds.
CONNECT_TIMEOUT_S = 10
WORKER_WAIT_S = 60


#: Dask settings for a local cluster: its scheduler and nannies here, and its workers (a nanny hands them its
#: settings). Dask starts its workers with MALLOC_TRIM_THRESHOLD_=65536 (glibc gives freed memory back to the
#: system early): the analysis allocates and frees much, and ran about 20 % slower with it. Without a dashboard
#: nobody reads the statistical profiler's samples (every 10 ms), the system monitor's (CPU, memory, disk and
#: network counters of every process every 0.5 s, for the dashboard's plots) or the event loops' tick times
#: (every 20 ms, to warn of a blocked loop); every 5 s and 1 s they cost next to nothing. The memory monitor
#: (pause, spill, restart a worker near its limit) looks every second instead of every 0.1 s: an analysis
#: never grows by gigabytes in a second (``max_analysed_chars`` bounds it). Measured on 400 10kGNAD articles
#: with 2 workers on 2 cores: the Dask thread of this process took 1.8 s with the defaults and 0.7 s with
#: these, and the batch 20.8 s and 17.2 s.
LOCAL_WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
}

#: Dask settings for this process's client (and a local cluster's scheduler, which runs here). Every
#: connection keeps its last ``low-level-log-length`` messages for debugging (1,000 by default), and a
#: message that sends a task carries its articles: with 8 articles a task that log alone grew the ingest
#: by 4.5 MB per 1,000 articles (1,024 → 10,000 stored: 134 → 174 MB). 16 keeps the log, not the corpus.
CLIENT_CONFIG = {
    "distributed.admin.low-level-log-length": 16,
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
    """What :func:`analyse_one` returns: the record's rows (with its JSON text), or why there are none."""

    name: str
    """The input the article came from (``path``, ``path:LINE``, ``-``)."""
    prepared: Prepared | None = None
    """What the store writes for the record (:func:`~quellenlage.store.rows.prepare`)."""
    reason: str | None = None
    """One line, as the in-process batch words it."""
    warnings: tuple[str, ...] = ()
    """The record's warnings (``record.warnings``), shown as the batch stores it."""
    tokens: int = 0
    """Tokens of the text (spaCy's, white space included), for throughput figures."""
    seconds: float = 0.0
    """Analysis time in the worker."""

    @property
    def record(self) -> str | None:
        """The record as JSON text (:meth:`Record.to_json`); None when the article failed."""
        return self.prepared.record if self.prepared is not None else None


def analyse_one(article: Article, options: Options | None = None) -> Outcome:
    """Analyse one article; never raises for a bad one (the reason is in the outcome).

    Runs in a worker process. The record travels back as JSON text, with the
    rows the store keeps of it: a record with its spaCy ``Doc`` does not pickle
    cheaply, the JSON is what the store keeps anyway, and the writer then only
    inserts.
    """
    options = options or Options()
    name = article.provenance.name
    started = time.perf_counter()
    if options.analysis_version != ANALYSIS_VERSION:
        return Outcome(name, reason=f"worker runs analysis {ANALYSIS_VERSION}, the batch expects {options.analysis_version}")
    try:
        with analysis_errors(name):
            record = run_stages(new_record(article), settings=options.settings)
            prepared = prepare(record)
    except AnalysisError as exc:
        return Outcome(exc.name, reason=exc.reason, seconds=time.perf_counter() - started)
    except QuellenlageError as exc:
        return Outcome(name, reason=str(exc), seconds=time.perf_counter() - started)
    tokens = len(record.doc) if record.doc is not None else 0
    return Outcome(name, prepared, warnings=tuple(record.warnings), tokens=tokens, seconds=time.perf_counter() - started)


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
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set(CLIENT_CONFIG):  # read as each connection opens: for as long as the client lives
        if scheduler:
            with _remote_client(scheduler) as client:
                yield client
            return
        if not workers or workers < 1:
            raise QuellenlageError(f"--workers must be at least 1 (got {workers})")
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


@contextmanager
def _remote_client(scheduler: str) -> Iterator[Client]:
    """A client of the running cluster at ``scheduler``, its workers checked."""
    from distributed import Client

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
    write_many: Callable[[Sequence[Prepared]], Sequence[str | QuellenlageError]],
    *,
    reader: str | None = None,
    description: str = "analysing",
    show_progress: bool = True,
    stdin: BinaryIO | None = None,
    on_failure: Callable[[str, str], None] | None = None,
    skip_many: Callable[[Sequence[Record]], Sequence[str | None]] | None = None,
    settings: Settings | None = None,
    in_flight: int | None = None,
    options: Options | None = None,
    chunk: int = CHUNK,
    urls: UrlSource | None = None,
) -> Summary:
    """:func:`quellenlage.batch.run` with the analysis on ``client``'s workers.

    Same arguments, same summary, same one-line reports, but ``write_many``
    takes the rows of several records (:class:`~quellenlage.store.rows.Prepared`)
    and answers a status for each, or the error that kept it out
    (:meth:`Store.put_many <quellenlage.store.Store.put_many>`), and
    ``skip_many`` takes the new records of the articles gathered for a task
    (id and content hash, before analysis) and answers the status of each that
    is not to be analysed ("unchanged"), None for the others: one look-up a
    task, here, before anything is sent. Records reach ``write_many`` in input
    order (an article read twice is "unchanged" the second time, as in one
    process), at most :data:`WRITE_GROUP` at a time: those whose analysis is done.
    ``in_flight``: articles on the cluster at once (default: :data:`IN_FLIGHT_PER_THREAD`
    per worker thread); results waiting to be written count too. ``chunk``:
    articles gathered for a task (:data:`CHUNK`), the skipped ones not sent; an
    input that fails to read sends the articles gathered before it first, so the
    order holds.
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
    gathered: list[tuple[str, Article, Record]] = []  # articles read, not yet checked and sent
    results: dict[Hashable, list[Outcome]] = {}  # a chunk's outcomes, by its future's key, until the last is written
    # bound on the queue as a whole: skipped and failed inputs wait there behind a slow article
    queued_max = 64 * in_flight

    ready: list[tuple[Outcome, Prepared]] = []  # analysed, in input order, not yet written

    def write() -> None:
        """Write the records of ``ready`` in one go."""
        if not ready:
            return
        for (outcome, _), status in zip(ready, write_many([prepared for _, prepared in ready]), strict=True):
            for warning in outcome.warnings:
                say(f"warning: {outcome.name}: {warning}")
            if isinstance(status, QuellenlageError):
                failed(outcome.name, str(status))
            else:
                summary.counts[status] += 1
        ready.clear()
        bar.update(summary.total)

    def settle() -> None:
        """Take the oldest entry (waiting for its analysis when it is not done); write what is ready when
        the group is full or the next entry is not done."""
        nonlocal waiting
        name, value, ok = queue.popleft()
        if isinstance(value, str):
            write()
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
            if outcome.prepared is None:
                write()
                failed(outcome.name, outcome.reason or "analysis failed")
            else:
                ready.append((outcome, outcome.prepared))
            if len(ready) >= WRITE_GROUP or not queue or not _ready(queue[0][1]):
                write()
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

    def skipped(records: list[Record]) -> list[str | QuellenlageError | None]:
        """``skip_many`` for the records; when it fails, record by record, so the error belongs to one (and is
        reported as that article's failure: the batch goes on)."""
        if skip_many is None:
            return [None] * len(records)
        try:
            return list(skip_many(records))
        except QuellenlageError as exc:
            if len(records) == 1:
                return [exc]
        out: list[str | QuellenlageError | None] = []
        for record in records:
            try:
                out.append(skip_many([record])[0])
            except QuellenlageError as exc:
                out.append(exc)
        return out

    def send() -> None:
        """Count the gathered articles that are skipped, and send the others as one task."""
        nonlocal waiting
        if not gathered:
            return
        statuses = skipped([record for _, _, record in gathered])
        to_send = [(name, article) for (name, article, _), status in zip(gathered, statuses, strict=True) if status is None]
        future = send_chunk(to_send) if to_send else None
        i = 0
        for (name, _, _), status in zip(gathered, statuses, strict=True):
            if isinstance(status, QuellenlageError):
                queue.append((name, str(status), False))
            elif status is not None:
                queue.append((name, status, True))
            elif future is not None:
                queue.append((name, (future, i), True))
                i += 1
        waiting += i
        gathered.clear()

    def plan(article: Article) -> None:
        """Gather the article for the next task (counted as skipped there, or sent)."""
        name = article.provenance.name
        try:
            with analysis_errors(name):
                record = new_record(article)
        except AnalysisError as exc:
            send()
            queue.append((exc.name, exc.reason, False))
            return
        except QuellenlageError as exc:
            send()
            queue.append((name, str(exc), False))
            return
        gathered.append((name, article, record))
        if len(gathered) >= chunk:
            send()

    with bar:
        for item in read_inputs(paths, stdin=stdin, reader=reader, settings=settings, urls=urls):
            if isinstance(item, ReadError):
                send()
                queue.append((item.name, item.reason, False))
            elif isinstance(item, Skipped):
                send()
                queue.append((item.name, item.status, True))
            else:
                plan(item)
            while queue and (waiting >= in_flight or len(queue) >= queued_max or _ready(queue[0][1])):
                settle()
        send()
        while queue:
            settle()
        write()
    summary.seconds = time.perf_counter() - started
    return summary


def _ready(value: str | tuple[Future, int]) -> bool:
    return isinstance(value, str) or value[0].done()
