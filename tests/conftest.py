"""Shared test fixtures: the seed article, the shared data folder, a CLI runner, the stories development store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SEED_TXT = FIXTURES / "ntv-2025-11-19-geheimgespraeche.txt"
SEED_HTML = FIXTURES / "ntv-2025-11-19-geheimgespraeche.html"
SEED_NEWS_PLEASE = FIXTURES / "ntv-2025-11-19-geheimgespraeche.news-please.jsonl"
STORIES_DEV = FIXTURES / "stories_dev" / "articles.jsonl"
REPO = HERE.parent
SHARED_DATA = Path(os.environ.get("QUELLENLAGE_SHARED_DATA", REPO.parent / "shared" / "data"))


def shared(rel: str) -> Path:
    """A file of ../shared/data, or skip the test when the data is not beside the repo."""
    path = SHARED_DATA / rel
    if not path.exists():
        pytest.skip(f"shared data not found: {path}")
    return path


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory):
    """A store with the stories development collection ingested and linked; one per test module."""
    from quellenlage.batch import ingest_into
    from quellenlage.store import open_store

    with open_store(str(tmp_path_factory.mktemp("stories_dev") / "dev.db")) as s:
        summary = ingest_into(s, [str(STORIES_DEV)], show_progress=False)
        assert summary.failed == 0 and summary.linked
        yield s


@pytest.fixture
def seed_text() -> str:
    return SEED_TXT.read_text(encoding="utf-8")


@pytest.fixture
def cli(tmp_path):
    """Run the installed ``quellenlage`` command (as a user would) against a fresh store."""
    db = tmp_path / "test.db"

    def run(*args, input: bytes | None = None, check: bool = False) -> subprocess.CompletedProcess:
        env = {**os.environ, "QUELLENLAGE_DB": str(db), "COLUMNS": "120"}
        proc = subprocess.run(
            [sys.executable, "-m", "quellenlage", *map(str, args)],
            input=input,
            capture_output=True,
            env=env,
            cwd=tmp_path,
        )
        proc.stdout_text = proc.stdout.decode("utf-8")  # type: ignore[attr-defined]
        proc.stderr_text = proc.stderr.decode("utf-8")  # type: ignore[attr-defined]
        if check and proc.returncode != 0:
            raise AssertionError(f"quellenlage {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr_text}")
        return proc

    run.db = db  # type: ignore[attr-defined]
    return run


def attributed_with_entities(text: str, names: dict[str, str]):
    """The stages before attribution, then exactly the entities ``names`` (surface → type), then attribution:
    the speaker rules tested apart from what the NER model finds."""
    from quellenlage.analyse.attribution import attribution
    from quellenlage.analyse.pipeline import STAGES, new_record
    from quellenlage.read import read_text
    from quellenlage.record import Entity, Mention

    record = new_record(read_text(text))
    for name, stage, _ in STAGES:
        if name == "attribution":
            break
        stage(record)
    record.entities = []
    for n, (surface, type_) in enumerate(names.items(), 1):
        start = text.index(surface)
        record.entities.append(
            Entity(
                id=f"e{n}",
                type=type_,
                name=surface,
                mentions=[Mention(start=start, end=start + len(surface), text=surface, sentence=record.sentence_at(start))],
            )
        )
    attribution(record)
    return record
