"""Every command-line error is one line on standard error, with the exit status ``quellenlage --help`` documents."""

from __future__ import annotations

import os
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from quellenlage.cli import INTERNAL_ERROR, main


def run(tmp_path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("QUELLENLAGE_DB", "QUELLENLAGE_DEBUG")}
    return subprocess.run(
        [sys.executable, "-m", "quellenlage", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**environ, **(env or {})},
    )


def one_line(proc: subprocess.CompletedProcess) -> str:
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


def test_a_mistyped_db_for_search_is_an_error_and_creates_nothing(tmp_path):
    proc = run(tmp_path, "--db", "quelenlage.db", "search", "Witkoff")
    assert proc.returncode == 1
    assert "no store here" in one_line(proc) and "quelenlage.db" in proc.stderr
    assert not (tmp_path / "quelenlage.db").exists()


@pytest.mark.parametrize("command", [["show", "5e24f88c"], ["export"], ["stories"], ["feeds", "list"], ["link"]])
def test_reading_commands_never_create_a_store(tmp_path, command):
    proc = run(tmp_path, "--db", "fehlt.db", *command)
    assert proc.returncode == 1 and "no store here" in one_line(proc)
    assert not (tmp_path / "fehlt.db").exists()


def test_a_db_in_a_folder_that_does_not_exist_is_one_line(tmp_path):
    proc = run(tmp_path, "--db", str(tmp_path / "gibt" / "es" / "nicht.db"), "ingest", "-")
    assert proc.returncode == 1 and "nicht.db" in one_line(proc)


def test_a_file_that_is_no_database_is_one_line(tmp_path):
    (tmp_path / "notizen.db").write_text("Das ist keine Datenbank, nur Notizen zum Gipfel in Genf.\n" * 50)
    for command in (["search", "Genf"], ["ingest", "-"]):
        proc = run(tmp_path, "--db", "notizen.db", *command)
        assert proc.returncode == 1 and "not a database" in one_line(proc), command
    assert (tmp_path / "notizen.db").read_text().startswith("Das ist keine Datenbank")  # left as it was


def test_a_folder_given_as_db_is_one_line(tmp_path):
    proc = run(tmp_path, "--db", str(tmp_path), "search", "Genf")
    assert proc.returncode == 1 and "is a directory" in one_line(proc)


def test_an_unknown_database_url_is_one_line(tmp_path):
    proc = run(tmp_path, "--db", "mysql+nichtda://localhost/x", "search", "Genf")
    assert proc.returncode == 1 and "Error:" in one_line(proc)


def test_a_usage_error_exits_2(tmp_path):
    proc = run(tmp_path, "search", "--gibt-es-nicht")
    assert proc.returncode == 2 and "No such option" in proc.stderr and "Traceback" not in proc.stderr


def test_ingest_creates_the_store_it_is_given(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "quellenlage", "--db", "neu.db", "ingest", "-"],
        input="Die Minister trafen sich am Montag in Genf.",
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "neu.db").exists()


def test_an_internal_error_is_one_line_with_status_70_and_the_traceback_on_request(monkeypatch):
    @main.command("kaputt")
    def broken() -> None:
        raise RuntimeError("ein Fehler\nüber zwei Zeilen")

    try:
        monkeypatch.delenv("QUELLENLAGE_DEBUG", raising=False)
        result = CliRunner().invoke(main, ["kaputt"])
        assert result.exit_code == INTERNAL_ERROR
        assert result.output.strip().splitlines() == [
            "internal error: RuntimeError: ein Fehler über zwei Zeilen (a bug in quellenlage; QUELLENLAGE_DEBUG=1 shows where)"
        ]
        monkeypatch.setenv("QUELLENLAGE_DEBUG", "1")
        result = CliRunner().invoke(main, ["kaputt"])
        assert isinstance(result.exception, RuntimeError)
    finally:
        main.commands.pop("kaputt")


def test_a_closed_pipe_ends_quietly(tmp_path):
    ingest = run(tmp_path, "--db", "pipe.db", "ingest", str(os.path.join(os.path.dirname(__file__), "..", "samples")))
    assert ingest.returncode == 0, ingest.stderr
    proc = subprocess.run(
        f"{sys.executable} -m quellenlage --db pipe.db export | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr


def test_the_exit_statuses_are_documented_in_the_help():
    text = main.get_help(click.Context(main))
    for status in ("0 done", "1 an error", "2 a usage error", "70 an", "130"):
        assert status in " ".join(text.split()), status
