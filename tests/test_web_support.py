"""Shared set-up of the web tests (no tests here): stores filled through the real pipeline,
and one annotated record built through the real ``Record`` model."""

from __future__ import annotations

import atexit
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from conftest import store_url

from quellenlage.analyse.pipeline import STAGES
from quellenlage.api import analyze
from quellenlage.batch import ingest_into
from quellenlage.link.run import link
from quellenlage.record import (
    Cue,
    Entity,
    Event,
    EventTime,
    Mention,
    Record,
    Source,
    Speaker,
    Statement,
    TimeExpression,
)
from quellenlage.store import open_store

REPO = Path(__file__).parent.parent
SEED = REPO / "tests" / "fixtures" / "ntv-2025-11-19-geheimgespraeche.txt"
SAMPLES = REPO / "samples"
STORIES_DEV = REPO / "tests" / "fixtures" / "stories_dev" / "articles.jsonl"

ANNOTATED_TEXT = """Kanzlerbesuch <script>alert("x")</script> in Paris

Bundeskanzler Friedrich Merz traf am 3. Mai 2025 in Paris den Präsidenten Emmanuel Macron. "Wir stehen zusammen", sagte Merz nach dem Treffen. Laut Reuters, unter Berufung auf Diplomaten, soll ein weiteres Treffen im Juni 2025 geplant sein.
"""


@contextmanager
def served(app) -> Iterator[str]:
    """The app under a real uvicorn in a thread, on a free port of 127.0.0.1; yields its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def stage_names() -> list[str]:
    return [name for name, _, _ in STAGES]


def _span(record: Record, needle: str, after: int = 0) -> tuple[int, int]:
    start = record.text.index(needle, after)
    return start, start + len(needle)


def annotated_record() -> Record:
    """A short article analysed by the real pipeline, then given entities, statements,
    times and events by hand (fixed test data for the web views, whatever the stages find)."""
    record = analyze(
        ANNOTATED_TEXT,
        headline='Kanzlerbesuch <script>alert("x")</script> in Paris',
        outlet="zeitung.example",
        published="2025-05-04T10:00+02:00",
        tags=["Frankreich", "Kanzlerreise"],
    )

    def mention(needle: str, after: int = 0) -> Mention:
        s, e = _span(record, needle, after)
        return Mention(start=s, end=e, text=needle, sentence=record.sentence_at(s))

    body = record.text.index("Bundeskanzler")
    merz = Entity(
        id="e1",
        type="PER",
        name="Friedrich Merz",
        roles=["Bundeskanzler"],
        mentions=[mention("Friedrich Merz"), mention("Merz", record.text.index("sagte"))],
    )
    macron = Entity(id="e2", type="PER", name="Emmanuel Macron", roles=["Präsident"], mentions=[mention("Emmanuel Macron")])
    paris = Entity(id="e3", type="LOC", name="Paris", mentions=[mention("Paris", body)])
    reuters = Entity(id="e4", type="ORG", name="Reuters", mentions=[mention("Reuters")])
    record.entities = [merz, macron, paris, reuters]

    q_start, q_end = _span(record, '"Wir stehen zusammen"')
    cue_s, cue_e = _span(record, "sagte")
    r_start, r_end = _span(
        record, "Laut Reuters, unter Berufung auf Diplomaten, soll ein weiteres Treffen im Juni 2025 geplant sein."
    )
    record.statements = [
        Statement(
            id="s1",
            start=q_start,
            end=q_end,
            text=record.text[q_start:q_end],
            kind="direct_quote",
            speaker=Speaker(entity="e1", text="Merz"),
            cue=Cue(start=cue_s, end=cue_e, text="sagte"),
            sources=[Source(name="Merz", entity="e1")],
            sentences=[record.sentence_at(q_start)],
        ),
        Statement(
            id="s2",
            start=r_start,
            end=r_end,
            text=record.text[r_start:r_end],
            kind="reported",
            speaker=Speaker(text="Diplomaten", anonymous=True),
            cue=None,
            sources=[Source(name="Reuters", entity="e4"), Source(name="Diplomaten", anonymous=True)],
            hedged=True,
            sentences=[record.sentence_at(r_start)],
        ),
    ]
    t1 = _span(record, "am 3. Mai 2025")
    t2 = _span(record, "im Juni 2025")
    record.times = [
        TimeExpression(
            start=t1[0],
            end=t1[1],
            text=record.text[t1[0] : t1[1]],
            value="2025-05-03",
            type="DATE",
            sentence=record.sentence_at(t1[0]),
        ),
        TimeExpression(
            start=t2[0],
            end=t2[1],
            text=record.text[t2[0] : t2[1]],
            value="2025-06",
            type="DATE",
            sentence=record.sentence_at(t2[0]),
        ),
    ]
    traf = mention("traf")
    treffen = mention("Treffen", r_start)
    record.events = [
        Event(
            id="ev1",
            type="meeting",
            participants=["e1", "e2"],
            place="e3",
            time=EventTime(value="2025-05-03"),
            status="happened",
            confidence="stated",
            evidence=["s1"],
            mentions=[traf],
            sentences=[traf.sentence],
        ),
        Event(
            id="ev2",
            type="meeting",
            participants=["e1", "e2"],
            time=EventTime(value="2025-06"),
            status="planned",
            confidence="stated",
            evidence=["s2"],
            mentions=[treffen],
            sentences=[treffen.sentence],
        ),
    ]
    assert record.offset_problems() == []
    return record


def _store_path(prefix: str) -> str:
    """A new store on the backend under test (conftest.store_url), in a folder removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return store_url(folder, "web")


def _fill(path: str) -> str:
    with open_store(path) as store:
        summary = ingest_into(store, [str(SAMPLES), str(SEED)], show_progress=False)
        assert summary.failed == 0, summary.failures
        store.put(annotated_record())
        link(store)  # as the next ingest or `quellenlage link` would
    return path


@lru_cache(maxsize=1)
def filled_store_path() -> str:
    """A store holding samples/ and the seed ingested through the real pipeline,
    plus :func:`annotated_record`, all linked across articles (built once per test session)."""
    return _fill(_store_path("quellenlage-web-"))


def filled_store_copy(folder: Path) -> str:
    """A store of its own with what :func:`filled_store_path` holds, for tests that write (SQLite: a copy of
    the file; PostgreSQL: filled anew)."""
    path = filled_store_path()
    if "://" in path:
        return _fill(store_url(folder, "web"))
    shutil.copy(path, folder / "web.db")
    return str(folder / "web.db")


@lru_cache(maxsize=1)
def stories_store_path() -> str:
    """A store holding the 33 German articles of tests/fixtures/stories_dev (two stories across many
    outlets: the Ukraine negotiations, a public-sector strike), ingested and linked through the real pipeline
    (built once per test session)."""
    path = _store_path("quellenlage-web-stories-")
    with open_store(path) as store:
        summary = ingest_into(store, [str(STORIES_DEV)], show_progress=False)
        assert summary.failed == 0 and summary.linked, (summary.failures, summary.linked)
    return path
