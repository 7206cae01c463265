"""End to end on a real corpus: 10kGNAD's 1,028 test articles, converted to JSON Lines."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO, scalar, shared

pytestmark = pytest.mark.slow


def test_ingest_10kgnad_stores_all_1028_articles_and_a_second_ingest_stores_none(tmp_path, cli):
    csv_path = shared("news/10kgnad-test.csv")
    jsonl = tmp_path / "10kgnad-test.jsonl"
    subprocess.run([sys.executable, REPO / "scripts" / "gnad_to_jsonl.py", csv_path, jsonl], check=True)
    first = cli("ingest", jsonl, check=True)
    assert "1028 articles ingested" in first.stderr_text and "1028 stored, 0 failed" in first.stderr_text
    second = cli("ingest", jsonl, check=True)
    assert "1028 unchanged, 0 failed" in second.stderr_text
    assert scalar(cli.db, "select count(*) from articles") == 1028
    assert scalar(cli.db, "select count(*) from revisions") == 1028
    if not cli.db.startswith("postgresql"):
        assert scalar(cli.db, "pragma journal_mode") == "wal"
