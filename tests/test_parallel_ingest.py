"""``quellenlage ingest --workers N`` / ``--scheduler``: the analysis in Dask workers, the same store at the end.

The batch is planned and written here and analysed in worker processes (:mod:`quellenlage.parallel`).
These tests check that it ends with exactly what a one-process ingest stores, reports failures the same
way, resumes after a SIGKILL without duplicates or half-written rows, loads the models once per worker,
and keeps a bounded number of articles in flight.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import FIXTURES, SEED_HTML, SEED_NEWS_PLEASE, SEED_TXT, STORIES_DEV, scalar, shared, store_url

from quellenlage.analyse.pipeline import analyse
from quellenlage.article import Article
from quellenlage.errors import StoreError
from quellenlage.parallel import Options, Outcome, analyse_one, run_parallel
from quellenlage.read import read_inputs, read_text
from quellenlage.record import Record
from quellenlage.store import open_store
from quellenlage.store.rows import Prepared

NORMALISED = ("sentences", "statements", "entities", "mentions", "times", "events")


def quellenlage(db: str, *args: object, check: bool = True) -> subprocess.CompletedProcess:
    """``quellenlage --db DB ARGS…`` as a user runs it; stdout and stderr as text."""
    proc = subprocess.run(
        [sys.executable, "-m", "quellenlage", "--db", db, *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    if check and proc.returncode not in (0, 1):
        raise AssertionError(f"quellenlage {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr}")
    return proc


def export(db: str, what: str = "articles") -> str:
    proc = quellenlage(db, "export", what)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def summary_line(stderr: str) -> str:
    """The summary's counts ("2 stored, 1 failed"), without the timing that differs between runs."""
    [line] = [ln for ln in stderr.splitlines() if " ingested in " in ln]
    return line.split(": ", 1)[1]


def table_counts(db: str) -> dict[str, int]:
    return {t: scalar(db, f"select count(*) from {t}") for t in ("articles", "revisions", *NORMALISED)}


def gnad_articles(folder: Path, n: int) -> list[Path]:
    """``n`` 10kGNAD articles of 1,500 to 4,000 characters, one plain-text file each (what the txt reader takes)."""
    csv_path = shared("news/10kgnad-test.csv")
    folder.mkdir()
    written: list[Path] = []
    for line in csv_path.read_text(encoding="utf-8").splitlines():
        label, _, text = line.partition(";")
        text = text[1:-1] if len(text) >= 2 and text[0] == text[-1] == "'" else text
        if 1500 <= len(text) <= 4000:
            path = folder / f"{len(written):03d}-{label.lower()}.txt"
            path.write_text(text + "\n", encoding="utf-8")
            written.append(path)
            if len(written) == n:
                break
    return written


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


# --- analyse_one: pure, never raises ---------------------------------------------------------


def test_analyse_one_returns_the_record_as_json_equal_to_the_in_process_analysis():
    article = next(a for a in read_inputs([SEED_TXT]) if isinstance(a, Article))
    outcome = analyse_one(article, Options())
    assert outcome.reason is None and outcome.record is not None and outcome.tokens > 0
    assert outcome.name == str(SEED_TXT)
    assert Record.from_json(outcome.record) == analyse(article)
    assert Record.from_json(outcome.record).to_json() == outcome.record


def test_analyse_one_reports_a_broken_article_with_its_reason_instead_of_raising(monkeypatch):
    article = read_text("Die Gespräche in Genf dauerten bis in die Nacht.", name="kaputt.txt")

    def broken(record):
        raise ValueError("a stage's bug")

    from quellenlage.analyse import pipeline

    monkeypatch.setattr(pipeline, "STAGES", [("broken", broken, 1)])
    outcome = analyse_one(article)
    assert outcome == Outcome("kaputt.txt", reason="analysis failed: ValueError: a stage's bug", seconds=outcome.seconds)


def test_analyse_one_refuses_to_analyse_for_another_analysis_version():
    outcome = analyse_one(read_text("Ein Satz."), Options(analysis_version="0.0+old"))
    assert outcome.record is None and "the batch expects 0.0+old" in (outcome.reason or "")


# --- the writer: input order, a bounded number in flight ---------------------------------------


class _Done:
    """A finished future, as far as :func:`run_parallel` looks at one."""

    def __init__(self, client: FakeClient, value: object, ready: bool):
        self.client, self.value, self.ready = client, value, ready
        self.key = f"task-{client.submitted}"

    def done(self) -> bool:
        return self.ready

    def result(self) -> object:
        return self.value

    def release(self) -> None:
        self.client.outstanding -= 1


class FakeClient:
    """Runs each task at once but reports only every third one done until it is asked for its result,
    so results arrive out of order; counts the futures not yet released."""

    def __init__(self) -> None:
        self.outstanding = self.most = self.submitted = 0

    def nthreads(self) -> dict[str, int]:
        return {"w1": 1, "w2": 1}

    def submit(self, fn: Callable, *args: object, pure: bool = True) -> _Done:
        self.submitted += 1
        self.outstanding += 1
        self.most = max(self.most, self.outstanding)
        return _Done(self, fn(*args), ready=self.submitted % 3 == 0)


@pytest.mark.parametrize(("chunk", "tasks"), [(1, 10), (4, 4)])
def test_records_are_written_in_input_order_with_a_bounded_number_in_flight(tmp_path, chunk, tasks):
    lines = [
        f'{{"text": "Meldung {i}: Der Minister sagte am Montag in Wien, es gehe voran.", "outlet": "x.at"}}' for i in range(12)
    ]
    lines[5] = '{"text": '  # a broken line in the middle
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: list[str] = []
    failures: list[tuple[str, str]] = []

    def write_many(items: Sequence[Prepared]) -> list[str]:
        seen.extend(Record.from_json(item.record).text.split(":")[0] for item in items)
        return ["stored"] * len(items)

    def skip_many(records: Sequence[Record]) -> list[str | None]:
        return ["unchanged" if record.text.startswith("Meldung 3:") else None for record in records]

    client = FakeClient()
    summary = run_parallel(
        client,  # type: ignore[arg-type]
        [str(tmp_path / "many.jsonl")],
        write_many,
        show_progress=False,
        skip_many=skip_many,
        on_failure=lambda name, reason: failures.append((name, reason)),
        in_flight=3,
        chunk=chunk,
    )
    assert seen == [f"Meldung {i}" for i in range(12) if i not in (3, 5)]
    assert dict(summary.counts) == {"stored": 10, "unchanged": 1}
    assert [name for name, _ in failures] == [f"{tmp_path / 'many.jsonl'}:6"] == [name for name, _ in summary.failures]
    # in chunks of 4 read: 0-2 (3 skipped), 4 (sent when line 6 is broken), 6-9, 10-11
    assert client.submitted == tasks and client.most <= 3 and client.outstanding == 0


@pytest.mark.parametrize("chunk", [1, 4])
def test_an_unchanged_check_that_fails_for_one_article_fails_that_article_and_the_batch_goes_on(tmp_path, chunk):
    lines = [f'{{"text": "Meldung {i}: Der Minister sagte in Wien, es gehe voran.", "outlet": "x.at"}}' for i in range(6)]
    (tmp_path / "sechs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: list[str] = []

    def write_many(items: Sequence[Prepared]) -> list[str]:
        seen.extend(Record.from_json(item.record).text.split(":")[0] for item in items)
        return ["stored"] * len(items)

    def skip_many(records: Sequence[Record]) -> list[str | None]:
        if any(record.text.startswith("Meldung 2:") for record in records):
            raise StoreError("Meldung 2: database is locked")
        return [None] * len(records)

    summary = run_parallel(
        FakeClient(),  # type: ignore[arg-type]
        [str(tmp_path / "sechs.jsonl")],
        write_many,
        show_progress=False,
        skip_many=skip_many,
        chunk=chunk,
    )
    assert seen == [f"Meldung {i}" for i in range(6) if i != 2]
    assert summary.failures == [(f"{tmp_path / 'sechs.jsonl'}:3", "Meldung 2: database is locked")]


@pytest.mark.parametrize("parallel", [False, True], ids=["one process", "workers"])
def test_merkel_cut_off_under_a_low_limit_is_analysed_again_when_the_limit_is_raised(tmp_path, parallel):
    """An article stored cut by ``max_analysed_chars`` is not "unchanged" for a run with another limit: its record
    carries the limit in its analysis version. An article within both limits stays unchanged."""
    from quellenlage.batch import ingest_into
    from quellenlage.settings import Settings

    long_text = (
        "Bundeskanzler Olaf Scholz traf am Montag in Berlin den französischen Präsidenten Emmanuel Macron. "
        "„Wir sind uns einig“, sagte Scholz.\n\nDie frühere Kanzlerin Angela Merkel war nicht dabei. "
        "Sie sagte der Zeitung, das Treffen sei gut gewesen."
    )
    path = tmp_path / "zwei.jsonl"
    path.write_text(
        json.dumps({"text": long_text, "url": "https://x.de/lang"}, ensure_ascii=False)
        + "\n"
        + json.dumps({"text": "Der Minister sagte in Wien, es gehe voran.", "url": "https://x.de/kurz"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    low, high = Settings(max_analysed_chars=180), Settings()

    with open_store(str(tmp_path / "q.db")) as store:

        def ingest(settings: Settings) -> dict[str, int]:
            client = FakeClient() if parallel else None
            return dict(ingest_into(store, [str(path)], show_progress=False, settings=settings, client=client).counts)  # type: ignore[arg-type]

        assert ingest(low) == {"stored": 2}
        [long_id] = [r.id for r in store.iter_records() if r.text.startswith("Bundeskanzler")]
        cut = store.get(long_id)
        assert cut.warnings and "Angela Merkel" not in {e.name for e in cut.entities}
        assert cut.analysis is not None and cut.analysis.version.endswith("+cut180")
        assert ingest(low) == {"unchanged": 2}
        assert ingest(high) == {"reanalysed": 1, "unchanged": 1}
        whole = store.get(long_id)
        assert not whole.warnings and "Angela Merkel" in {e.name for e in whole.entities}
        assert ingest(high) == {"unchanged": 2}


# --- the command: the same store as one process ---------------------------------------------


def test_workers_2_stores_what_one_process_stores_and_reports_the_broken_input(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for fixture in (SEED_TXT, SEED_HTML, SEED_NEWS_PLEASE):  # the seed three times: the last two share a URL (revised)
        (inputs / fixture.name).write_bytes(fixture.read_bytes())
    stories = STORIES_DEV.read_text(encoding="utf-8").splitlines()[:6]
    (inputs / "stories.jsonl").write_text("\n".join(stories) + "\n", encoding="utf-8")
    (inputs / "kaputt.json").write_text('{"text": "Der Kreml best', encoding="utf-8")
    one, two = store_url(tmp_path, "one"), store_url(tmp_path, "two")

    alone = quellenlage(one, "ingest", "--no-progress", inputs)
    spread = quellenlage(two, "ingest", "--no-progress", "--workers", "2", inputs)

    assert alone.returncode == spread.returncode == 1  # something failed
    assert summary_line(spread.stderr) == summary_line(alone.stderr) == "1 revised, 8 stored, 1 failed"
    reason = f"error: {inputs / 'kaputt.json'}: invalid JSON (truncated"
    assert reason in alone.stderr and reason in spread.stderr
    assert "failed: " in spread.stderr and spread.stderr.count("failed: ") == alone.stderr.count("failed: ") == 1
    assert "linked " in spread.stderr  # the linking pass ran after the ingest
    assert export(two) == export(one) and export(two).count("\n") == 8
    assert export(two, "stories") == export(one, "stories")
    assert table_counts(two) == table_counts(one)
    with open_store(two) as store:
        assert [f["name"] for f in store.failures()] == [str(inputs / "kaputt.json")]


@pytest.mark.sqlite_only  # on PostgreSQL: bench/postgresql.py kills an ingest of 1,028 articles and runs it again (README)
def test_a_rerun_after_sigkill_ends_with_exactly_the_inputs_and_the_same_records(tmp_path):
    files = gnad_articles(tmp_path / "in", 30)
    assert len(files) == 30
    db = store_url(tmp_path, "killed")
    with open_store(db) as store:  # made here, so that its count can be polled from the start
        proc = subprocess.Popen(
            [sys.executable, "-m", "quellenlage", "--db", db, "ingest", "--no-progress", "--workers", "2", tmp_path / "in"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=tmp_path,
        )
        try:
            deadline = time.monotonic() + 120
            while store.count() < 3 and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)
            workers = children(proc.pid)
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.kill()
            proc.wait()
        assert proc.returncode == -signal.SIGKILL
        stored = store.count()
    assert 3 <= stored < 30, f"{stored} stored when killed: the test needs a batch stopped part-way"
    assert workers, "the worker processes were not found"
    deadline = time.monotonic() + 20  # the workers notice that their parent is gone and end
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "worker processes outlived the killed ingest"

    # whole records only: each stored article has its one revision and its rows, nothing else is there
    assert scalar(db, "select count(*) from revisions") == stored
    for table in ("revisions", *NORMALISED):
        orphans = f"select count(*) from {table} where article_id not in (select id from articles)"
        assert scalar(db, orphans) == 0, table
    assert scalar(db, "select count(*) from articles where id not in (select article_id from sentences)") == 0

    rerun = quellenlage(db, "ingest", "--no-progress", "--workers", "2", tmp_path / "in")
    assert rerun.returncode == 0, rerun.stderr
    assert summary_line(rerun.stderr) == f"{30 - stored} stored, {stored} unchanged, 0 failed"

    alone = store_url(tmp_path, "alone")
    assert quellenlage(alone, "ingest", "--no-progress", tmp_path / "in").returncode == 0
    assert table_counts(db) == table_counts(alone) and table_counts(db)["revisions"] == 30
    assert export(db) == export(alone)


# --- a running cluster (--scheduler), the models loaded once per worker -------------------------


@pytest.mark.sqlite_only  # about the cluster, not the store: workers_2 above runs on PostgreSQL too
def test_a_running_cluster_loads_the_models_once_per_worker(tmp_path):
    import logging

    from distributed import Client, LocalCluster

    from quellenlage.batch import ingest_into

    inputs = [str(SEED_TXT), str(FIXTURES / "stories_dev" / "articles.jsonl")]
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR) as cluster,
        open_store(store_url(tmp_path, "cluster")) as store,
    ):
        summary = ingest_into(store, inputs, show_progress=False, scheduler=cluster.scheduler_address)
        assert summary.failed == 0 and summary.counts["stored"] == store.count() > 30 and summary.linked
        with Client(cluster, set_as_default=False) as client:

            def loads() -> tuple[int, int]:
                from quellenlage.analyse import ner, segment

                return ner.load.cache_info().misses, segment.tokenizer.cache_info().misses

            per_worker = client.run(loads)
        assert list(per_worker.values()) == [(1, 1), (1, 1)], per_worker
        again = ingest_into(store, inputs, show_progress=False, scheduler=cluster.scheduler_address)
        assert dict(again.counts) == {"unchanged": summary.counts["stored"]}


@pytest.mark.sqlite_only  # about the cluster, not the store: workers_2 above runs on PostgreSQL too
def test_the_cluster_keeps_a_few_messages_per_connection_not_the_articles_sent(tmp_path):
    """Dask keeps the last messages of every connection for debugging, and a task's message carries its articles:
    with Dask's 1,000 an ingest of 10,000 articles grew by 40 MB. The client's and the scheduler's logs hold 16."""
    from quellenlage.batch import ingest_into
    from quellenlage.parallel import CLIENT_CONFIG, dask_client

    kept = CLIENT_CONFIG["distributed.admin.low-level-log-length"]
    with dask_client(workers=1) as client, open_store(store_url(tmp_path, "logs")) as store:
        summary = ingest_into(store, [str(FIXTURES / "stories_dev" / "articles.jsonl")], show_progress=False, client=client)
        assert summary.failed == 0 and summary.counts["stored"] > 30

        def scheduler_logs(dask_scheduler) -> list[tuple[int | None, int]]:
            return [(b.recent_message_log.maxlen, len(b.recent_message_log)) for b in dask_scheduler.stream_comms.values()]

        logs = [*client.run_on_scheduler(scheduler_logs), (client.scheduler_comm.recent_message_log.maxlen, 0)]
    assert len(logs) == 2 and all(maxlen == kept and n <= kept for maxlen, n in logs), logs


def test_a_scheduler_nobody_listens_at_is_one_clear_error(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from quellenlage import parallel
    from quellenlage.cli import main

    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT_S", 1)
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "x.db"), "ingest", "--scheduler", "tcp://127.0.0.1:9", str(SEED_TXT)]
    )
    assert result.exit_code == 1 and "Error: tcp://127.0.0.1:9: cannot reach the scheduler" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("args", [["--workers", "0"], ["--workers", "2", "--scheduler", "tcp://127.0.0.1:9"]])
def test_wrong_worker_options_are_usage_errors(tmp_path, args):
    proc = quellenlage(str(tmp_path / "x.db"), "ingest", *args, SEED_TXT, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_a_rerun_that_stores_nothing_still_links_what_a_killed_run_left_queued(tmp_path):
    from quellenlage.batch import ingest_into

    db = store_url(tmp_path, "queued")
    with open_store(db) as store:
        store.put(analyse(read_text(SEED_TXT.read_text(encoding="utf-8"), name=str(SEED_TXT))))  # stored, never linked
        summary = ingest_into(store, [str(SEED_TXT)], show_progress=False)
        assert dict(summary.counts) == {"unchanged": 1}
        assert summary.linked and summary.linked.startswith("linked 1 article")
        assert scalar(db, "select count(*) from link_queue") == 0


class _Crashing(_Done):
    def result(self) -> object:
        from distributed import KilledWorker

        if self.value == "crash":
            raise KilledWorker("analyse_many-1", SimpleNamespace(address="tcp://127.0.0.1:1"), 3)
        return self.value


class CrashingClient(FakeClient):
    """A cluster on which a task with an article about an "Absturz" kills its worker every time."""

    def submit(self, fn: Callable, *args: object, pure: bool = True) -> _Done:
        self.submitted += 1
        self.outstanding += 1
        crash = any("Absturz" in " ".join(article.body) for article in args[0])  # type: ignore[attr-defined]
        return _Crashing(self, "crash" if crash else fn(*args), ready=True)


def test_a_chunk_that_kills_its_worker_is_analysed_again_one_by_one_and_only_the_culprit_fails(tmp_path):
    texts = ["Der Minister sagte, es gehe voran.", "Beim Absturz starb niemand.", "Die Ministerin sagte, alles gut.", "Ein Satz."]
    (tmp_path / "vier.jsonl").write_text("".join(f'{{"text": "{t}", "outlet": "x.at"}}\n' for t in texts), encoding="utf-8")
    stored: list[str] = []
    client = CrashingClient()
    summary = run_parallel(
        client,  # type: ignore[arg-type]
        [str(tmp_path / "vier.jsonl")],
        lambda items: [stored.append(Record.from_json(item.record).text) or "stored" for item in items],
        show_progress=False,
        chunk=4,
    )
    assert stored == [texts[0], texts[2], texts[3]]
    assert [(name, reason.split(" (")[0]) for name, reason in summary.failures] == [
        (f"{tmp_path / 'vier.jsonl'}:2", "analysis failed: its worker died")
    ]
    assert client.submitted == 1 + 4 and client.outstanding == 0  # the chunk, then each article alone
