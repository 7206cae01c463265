"""End to end on a real corpus: a sixth of 10kGNAD's test articles (every sixth line, 172 of all nine
sections), converted to JSON Lines. The whole 1,028 are ingested by the benchmarks (bench/ingest.py,
bench/postgresql.py), which keeps the suite under ten minutes on two cores."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO, scalar, shared

pytestmark = pytest.mark.slow


def test_ingest_of_a_sixth_of_10kgnad_stores_every_article_and_a_second_ingest_stores_none(tmp_path, cli):
    csv_path = shared("news/10kgnad-test.csv")
    whole = tmp_path / "10kgnad-test.jsonl"
    subprocess.run([sys.executable, REPO / "scripts" / "gnad_to_jsonl.py", csv_path, whole], check=True)
    jsonl = tmp_path / "10kgnad-sixth.jsonl"
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    jsonl.write_text("".join(lines[::6]), encoding="utf-8")
    n = len(lines[::6])
    assert n == 172
    first = cli("ingest", jsonl, check=True)
    assert f"{n} articles ingested" in first.stderr_text and f"{n} stored, 0 failed" in first.stderr_text
    second = cli("ingest", jsonl, check=True)
    assert f"{n} unchanged, 0 failed" in second.stderr_text
    assert scalar(cli.db, "select count(*) from articles") == n
    assert scalar(cli.db, "select count(*) from revisions") == n
    if not cli.db.startswith("postgresql"):
        assert scalar(cli.db, "pragma journal_mode") == "wal"
