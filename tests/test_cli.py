"""The ``quellenlage`` command end to end, run as a user runs it."""

from __future__ import annotations

import csv
import gzip
import io
import json

import jsonschema
import pytest
from conftest import SEED_TXT

from quellenlage import __version__
from quellenlage.record import json_schema


def test_version(cli):
    proc = cli("--version", check=True)
    assert proc.stdout_text.strip() == f"quellenlage, version {__version__}"


def test_help_lists_every_command(cli):
    out = cli("--help", check=True).stdout_text
    for command in ("analyze", "ingest", "show", "search", "export", "schema", "eval"):
        assert command in out


def test_schema_command_prints_the_shipped_schema_which_matches_the_code(cli):
    printed = json.loads(cli("schema", check=True).stdout_text)
    assert printed == json_schema(), "run `make schema` after changing record.py"


def test_analyze_seed_as_json_validates_against_the_schema(cli):
    record = json.loads(cli("analyze", SEED_TXT, "--format", "json", check=True).stdout_text)
    jsonschema.validate(record, json.loads(cli("schema").stdout_text))
    assert record["schema"] == "quellenlage/article/v2"
    assert record["meta"]["published"] == "2025-11-19T09:47+01:00"
    for key in ("id", "meta", "text", "sentences", "paragraphs", "entities", "statements", "times", "events"):
        assert key in record
    for s in record["sentences"]:
        assert record["text"][s["start"] : s["end"]].strip() == record["text"][s["start"] : s["end"]]


def test_analyze_text_format_shows_meta_and_paragraphs(cli):
    out = cli("analyze", SEED_TXT, "--format", "text", check=True).stdout_text
    assert "ntv.de · Politik · 2025-11-19T09:47+01:00 · ghö" in out
    assert "Kremlgesandter zufrieden" in out and "[lead]" in out and out.count("[body]") == 6
    assert "Tags: Russland; Donald Trump; Angriff auf die Ukraine; USA; Kriege und Konflikte; Wladimir Putin" in out


def test_analyze_reads_standard_input_and_gzip(cli, tmp_path):
    proc = cli("analyze", "-", "--format", "jsonl", input=SEED_TXT.read_bytes(), check=True)
    from_stdin = json.loads(proc.stdout_text)
    gz = tmp_path / "seed.txt.gz"
    gz.write_bytes(gzip.compress(SEED_TXT.read_bytes()))
    from_gz = json.loads(cli("analyze", gz, "--format", "jsonl", check=True).stdout_text)
    assert from_stdin["text"] == from_gz["text"] and from_stdin["id"] == from_gz["id"]
    assert from_stdin["source"]["name"] == "-"


def test_ingest_is_idempotent_and_show_search_export_work(cli, tmp_path):
    first = cli("ingest", SEED_TXT, check=True)
    assert "1 stored, 0 failed" in first.stderr_text
    again = cli("ingest", SEED_TXT, check=True)
    assert "1 unchanged, 0 failed" in again.stderr_text

    ids = cli("search", "--ids-only", "Dmitriew Miami", check=True).stdout_text.split()
    assert len(ids) == 1
    shown = cli("show", ids[0][:6], "--format", "json", check=True)
    assert json.loads(shown.stdout_text)["meta"]["kicker"] == "Kremlgesandter zufrieden"

    hits = cli("search", "Gipfeltreffen", check=True).stdout_text
    assert "«Gipfeltreffen» in Budapest" in hits

    exported = cli("export", "--format", "jsonl", check=True).stdout_text.splitlines()
    assert len(exported) == 1 and json.loads(exported[0])["id"] == ids[0]
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv", check=True).stdout_text)))
    assert rows[0]["headline"] == "USA und Russland sollen Geheimgespräche führen" and rows[0]["sentences"] == "24"
    sentence_rows = list(
        csv.DictReader(io.StringIO(cli("export", "--format", "csv", "--table", "sentences", check=True).stdout_text))
    )
    assert len(sentence_rows) == 24 and sentence_rows[0]["paragraph_kind"] == "kicker"


def test_a_changed_version_of_the_same_url_is_a_new_revision_and_the_old_one_is_kept(cli, tmp_path):
    v1 = {
        "url": "https://www.n-tv.de/politik/a-1.html?utm_source=x",
        "headline": "Treffen geplant",
        "text": "Das Treffen ist geplant.",
    }
    v2 = {**v1, "url": "https://n-tv.de/politik/a-1.html", "text": "Das Treffen wurde abgesagt."}
    (tmp_path / "v1.json").write_text(json.dumps(v1), encoding="utf-8")
    (tmp_path / "v2.json").write_text(json.dumps(v2), encoding="utf-8")
    cli("ingest", tmp_path / "v1.json", check=True)
    assert "1 revised" in cli("ingest", tmp_path / "v2.json", check=True).stderr_text
    [article_id] = cli("search", "--ids-only", "Treffen", check=True).stdout_text.split()
    current = json.loads(cli("show", article_id, "--format", "json", check=True).stdout_text)
    old = json.loads(cli("show", article_id, "--revision", "1", "--format", "json", check=True).stdout_text)
    assert current["text"].endswith("abgesagt.") and old["text"].endswith("geplant.")


def test_show_unknown_id_is_a_clear_error(cli):
    cli("ingest", SEED_TXT, check=True)
    proc = cli("show", "ffffffff")
    assert proc.returncode == 1 and "ffffffff" in proc.stderr_text


def test_search_with_hostile_syntax_does_not_crash(cli):
    cli("ingest", SEED_TXT, check=True)
    for query in ('"', "AND (", "US-Beamte", "NEAR(", "*"):
        assert cli("search", query).returncode == 0, query


def test_eval_sentences_reports_boundary_scores(cli):
    from conftest import shared

    path = shared("quotes-wikinews/dev.jsonl.gz")
    out = cli("eval", "sentences", path, "--limit", "20", check=True).stdout_text
    assert "sentence boundaries: precision" in out


# --- the reference in docs/cli.md ------------------------------------------------


def test_docs_cli_md_is_the_commands_help():
    from conftest import REPO

    from quellenlage.cli.docs import COMMAND, reference

    written = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == reference(), f"docs/cli.md differs from the commands' --help: run `{COMMAND}`"


def test_the_reference_has_every_command_and_sub_command():
    from quellenlage.cli import main
    from quellenlage.cli.docs import reference

    text = reference()
    for name, command in main.commands.items():
        assert f"## `quellenlage {name}`" in text
        for sub in getattr(command, "commands", {}):
            assert f"## `quellenlage {name} {sub}`" in text


# --- --reader: the registered readers ----------------------------------------------


class LineReader:
    """A plugin reader: the first line is the headline, every other line a paragraph."""

    name = "zeilen"

    def sniff(self, inp, head: str) -> float:
        return 0.0  # chosen only when asked for

    def read(self, inp):
        from quellenlage.read.sources import decode

        text, _, _ = decode(inp.read_bytes(), inp.name)
        yield self.read_text(text, inp.name)

    def read_text(self, text: str, name: str = "<text>"):
        from quellenlage.article import Article, Provenance
        from quellenlage.record import Meta

        headline, *body = text.splitlines()
        return Article(
            meta=Meta(headline=headline), body=[line for line in body if line], provenance=Provenance(name=name, reader="zeilen")
        )


@pytest.fixture
def line_reader(monkeypatch):
    """LineReader registered as a plugin would be, for this test only."""
    from quellenlage.read import registry

    monkeypatch.setattr(registry, "_READERS", list(registry.readers()))
    registry.register(LineReader())


@pytest.mark.parametrize("command", ["analyze", "events", "explain", "ingest"])
def test_reader_choices_are_the_registered_readers(line_reader, command):
    from click.testing import CliRunner

    from quellenlage.cli import main

    out = CliRunner().invoke(main, [command, "--help"]).output
    assert "--reader [pagedump|html|json|zeilen]" in out


def test_a_registered_plugin_reader_can_be_chosen(line_reader, tmp_path):
    from click.testing import CliRunner

    from quellenlage.cli import main

    (tmp_path / "artikel.txt").write_text("Treffen bestätigt\nDer Kreml bestätigte das Treffen.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "artikel.txt"), "--reader", "zeilen", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["meta"]["headline"] == "Treffen bestätigt"
    assert record["text"].endswith("Der Kreml bestätigte das Treffen.")


def test_an_unregistered_reader_is_refused_with_the_registered_names(cli):
    proc = cli("analyze", SEED_TXT, "--reader", "zeilen")
    assert proc.returncode == 2
    assert "'zeilen' is not one of 'pagedump', 'html', 'json'" in proc.stderr_text
