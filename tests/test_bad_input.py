"""Bad input gets a one-line error naming the file and the reason; the batch goes on;
nothing half-written is left in the store; the exit status says something failed."""

from __future__ import annotations

import gzip
import json
import sqlite3

import pytest
from conftest import SEED_TXT, scalar

from quellenlage.errors import ReadError
from quellenlage.read import read_inputs

GOOD = "Der Kreml bestätigte das Treffen. Weitere Gespräche sind geplant."


def _one(path) -> ReadError:
    items = list(read_inputs([path]))
    assert len(items) == 1 and isinstance(items[0], ReadError), items
    return items[0]


def test_empty_file(tmp_path):
    (tmp_path / "leer.txt").write_bytes(b"")
    assert _one(tmp_path / "leer.txt").reason == "empty input"


def test_file_of_only_white_space(tmp_path):
    (tmp_path / "leer.txt").write_bytes(b" \n\n\t ")
    assert "white space" in _one(tmp_path / "leer.txt").reason


@pytest.mark.parametrize(
    "data, what",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (bytes(range(256)) * 4, "NUL bytes"),
    ],
)
def test_binary_file_is_refused_with_what_it_looks_like(tmp_path, data, what):
    (tmp_path / "bild.txt").write_bytes(data)
    err = _one(tmp_path / "bild.txt")
    assert err.reason.startswith("not text") and what in err.reason


def test_cp1252_bytes_are_decoded_with_a_warning(tmp_path):
    (tmp_path / "alt.txt").write_bytes("Die Gespräche über „Frieden“ – in München.".encode("cp1252"))
    [article] = list(read_inputs([tmp_path / "alt.txt"]))
    assert article.body == ["Die Gespräche über „Frieden“ – in München."]
    assert article.provenance.encoding == "cp1252"
    assert "not valid UTF-8" in article.provenance.warnings[0]


def test_latin1_only_bytes_fall_back_to_latin1(tmp_path):
    (tmp_path / "l1.txt").write_bytes(b"Gr\xfc\xdfe aus K\xf6ln \x81.")  # 0x81 is undefined in cp1252
    [article] = list(read_inputs([tmp_path / "l1.txt"]))
    assert article.provenance.encoding == "latin-1" and article.body[0].startswith("Grüße aus Köln")


def test_truncated_html(tmp_path):
    html = SEED_TXT.with_suffix(".html").read_text(encoding="utf-8")
    (tmp_path / "kaputt.html").write_text(html[: len(html) // 2], encoding="utf-8")
    assert "truncated HTML" in _one(tmp_path / "kaputt.html").reason


def test_truncated_json(tmp_path):
    (tmp_path / "kaputt.json").write_text('{"text": "Der Kreml best', encoding="utf-8")
    assert "truncated" in _one(tmp_path / "kaputt.json").reason


def test_record_without_text(tmp_path):
    (tmp_path / "ohne.json").write_text(json.dumps({"headline": "Nur ein Titel", "url": "https://x.de/1"}), encoding="utf-8")
    assert "no text" in _one(tmp_path / "ohne.json").reason


def test_fifty_megabyte_file_is_refused_without_reading_it_whole(tmp_path):
    big = tmp_path / "riesig.txt"
    with open(big, "wb") as fh:
        fh.write(("Ein Satz über nichts. " * 1000 + "\n\n").encode() * 2300)
    assert big.stat().st_size > 50 * 1024 * 1024
    err = _one(big)
    assert "too large" in err.reason and "MB" in err.reason


def test_fifty_megabyte_gzip_is_refused_too(tmp_path):
    big = tmp_path / "riesig.txt.gz"
    with gzip.open(big, "wb", compresslevel=1) as fh:
        fh.write(b"Ein Satz. " * 5_300_000)
    assert "too large" in _one(big).reason


def test_truncated_gzip(tmp_path):
    data = gzip.compress(("Ein Satz. " * 2000).encode())
    (tmp_path / "kaputt.txt.gz").write_bytes(data[: len(data) // 2])
    assert "truncated" in _one(tmp_path / "kaputt.txt.gz").reason


def test_missing_path(tmp_path):
    assert _one(tmp_path / "gibtsnicht.txt").reason == "no such file or directory"


def _bad_batch(tmp_path):
    d = tmp_path / "batch"
    d.mkdir()
    (d / "01-gut.txt").write_text(GOOD, encoding="utf-8")
    (d / "02-leer.txt").write_bytes(b"")
    (d / "03-binaer.txt").write_bytes(b"\x00\x01\x02" * 100)
    (d / "04-kaputt.json").write_text('{"text": "abgeschnitten', encoding="utf-8")
    (d / "05-ohne-text.json").write_text('{"headline": "x"}', encoding="utf-8")
    (d / "06-auch-gut.jsonl").write_text(json.dumps({"text": "Zweiter guter Artikel."}) + "\n{kaputt\n", encoding="utf-8")
    return d


def test_batch_goes_on_and_reports_each_failure_in_one_line(tmp_path, cli):
    d = _bad_batch(tmp_path)
    proc = cli("ingest", d)
    assert proc.returncode == 1
    errors = [line for line in proc.stderr_text.splitlines() if line.startswith("error: ")]
    assert len(errors) == 5, proc.stderr_text
    for name in ("02-leer.txt", "03-binaer.txt", "04-kaputt.json", "05-ohne-text.json", "06-auch-gut.jsonl:2"):
        assert any(name in e for e in errors), name
    assert "2 stored, 5 failed" in proc.stderr_text
    assert scalar(cli.db, "select count(*) from articles") == 2
    assert scalar(cli.db, "select count(*) from failures") == 5


def test_analyze_exit_status_is_nonzero_when_any_input_failed(tmp_path, cli):
    d = _bad_batch(tmp_path)
    proc = cli("analyze", d, "--format", "jsonl")
    assert proc.returncode == 1
    assert len(proc.stdout_text.strip().splitlines()) == 2  # the two good articles still come out


@pytest.mark.sqlite_only  # the failure is an SQLite trigger
def test_a_store_failure_leaves_no_partial_rows_and_the_batch_goes_on(tmp_path, cli):
    cli("ingest", SEED_TXT, check=True)
    with sqlite3.connect(cli.db) as con:  # a real failure inside the article's transaction
        con.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON sentences WHEN NEW.text LIKE '%BOOM%' BEGIN SELECT RAISE(ABORT, 'boom'); END"
        )
    (tmp_path / "a.txt").write_text("Erster Satz ist gut. Zweiter Satz macht BOOM.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Ein anderer guter Artikel.", encoding="utf-8")
    proc = cli("ingest", tmp_path / "a.txt", tmp_path / "b.txt")
    assert proc.returncode == 1 and "boom" in proc.stderr_text
    with sqlite3.connect(cli.db) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 2  # seed + b
        assert con.execute("select count(*) from revisions").fetchone()[0] == 2
        assert con.execute("select count(*) from sentences where text like '%Erster Satz ist gut%'").fetchone()[0] == 0


# --- the limits: one Settings object, built from the environment, passed along ------------------------


def test_settings_defaults_and_the_environment():
    import pickle

    from quellenlage.settings import Settings

    assert Settings.from_env({}) == Settings() and Settings().max_bytes == 5 * 1024 * 1024
    assert Settings().max_upload_bytes == 20 * 1024 * 1024
    assert Settings.from_env({"QUELLENLAGE_MAX_BYTES": "1000"}).max_bytes == 1000
    for ignored in ("", "5M", "-1", "1e6"):
        assert Settings.from_env({"QUELLENLAGE_MAX_BYTES": ignored}) == Settings()
    settings = Settings(max_bytes=123)
    assert pickle.loads(pickle.dumps(settings)) == settings  # it travels to worker processes
    with pytest.raises(AttributeError):
        settings.max_bytes = 1  # type: ignore[misc]


def test_the_settings_passed_along_set_the_size_limit(tmp_path, monkeypatch):
    from quellenlage.settings import Settings

    monkeypatch.delenv("QUELLENLAGE_MAX_BYTES", raising=False)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": GOOD}) + "\n" + json.dumps({"text": "Kurz."}) + "\n", encoding="utf-8")
    small = Settings(max_bytes=40)
    [err] = list(read_inputs([tmp_path / "a.txt"], settings=small))
    assert isinstance(err, ReadError) and err.reason.startswith("too large for one article")
    assert "set QUELLENLAGE_MAX_BYTES to change" in err.reason
    too_long, short = list(read_inputs([tmp_path / "b.jsonl"], settings=small))
    assert isinstance(too_long, ReadError) and too_long.name.endswith("b.jsonl:1") and "too large" in too_long.reason
    assert not isinstance(short, ReadError) and short.body == ["Kurz."]
    [article] = list(read_inputs([tmp_path / "a.txt"]))  # the default: the environment's (unset: 5 MiB)
    assert not isinstance(article, ReadError)


def test_the_command_line_reads_the_limit_from_the_environment(tmp_path, cli, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("QUELLENLAGE_MAX_BYTES", "40")
    proc = cli("analyze", tmp_path / "a.txt")
    assert proc.returncode == 1 and "too large for one article" in proc.stderr_text
    monkeypatch.setenv("QUELLENLAGE_MAX_BYTES", str(len(GOOD.encode())))
    assert cli("analyze", tmp_path / "a.txt").returncode == 0


# --- invalid JSON says what is wrong; "truncated" only when the input ends early -----------------------------------


@pytest.mark.parametrize(
    "data, said",
    [
        ('{"text": abc}', "Expecting value at line 1, column 10 (at 'abc}')"),
        ('{"text": "Der Kreml bestätigte.",}', "Expecting property name enclosed in double quotes at line 1, column 34 (at '}')"),
        ('[{"text": "Der Kreml bestätigte."},]', "Expecting value at line 1, column 36 (at ']')"),
        ('{"text": "Der Kreml bestätigte."} und mehr', "Extra data at line 1, column 35 (at 'und mehr')"),
        ('{"text": abc', "Expecting value at line 1, column 10 (at 'abc')"),
    ],
)
def test_malformed_json_names_the_fault_and_where_not_truncation(tmp_path, data, said):
    (tmp_path / "kaputt.json").write_text(data, encoding="utf-8")
    reason = _one(tmp_path / "kaputt.json").reason
    assert reason == f"invalid JSON ({said})" and "truncated" not in reason


@pytest.mark.parametrize(
    "data",
    ['{"text": "Der Kreml best', '{"text": "Der Kreml bestätigte."', '[{"text": "Der Kreml bestätigte."}, ', '{"text": "a",\n'],
)
def test_json_that_ends_early_is_truncated(tmp_path, data):
    (tmp_path / "kaputt.json").write_text(data, encoding="utf-8")
    assert _one(tmp_path / "kaputt.json").reason.startswith("invalid JSON (truncated: the input ends before")


def test_a_malformed_first_line_of_json_lines_costs_that_line_only(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": abc}\n' + json.dumps({"text": GOOD}) + "\n[]\n", encoding="utf-8")
    bad, good, array = list(read_inputs([tmp_path / "a.jsonl"]))
    assert isinstance(bad, ReadError) and bad.name.endswith("a.jsonl:1") and "Expecting value" in bad.reason
    assert not isinstance(good, ReadError) and good.body == [GOOD]
    assert isinstance(array, ReadError) and array.reason == "expected a JSON object, got list"


def test_an_empty_json_array_is_an_error_not_silence(tmp_path):
    (tmp_path / "leer.json").write_text("[]", encoding="utf-8")
    assert _one(tmp_path / "leer.json").reason == "no record: the JSON array is empty"


def test_wrong_types_in_a_record_are_named_in_one_line(tmp_path):
    record = {"text": GOOD, "images": [{"caption": 5, "credit": []}]}
    (tmp_path / "bild.json").write_text(json.dumps(record), encoding="utf-8")
    err = _one(tmp_path / "bild.json")
    assert err.reason == "bad record: field 'images[0].caption' must be a string, not int"
    (tmp_path / "bild.json").write_text(json.dumps({"text": GOOD, "images": "Ein Bild"}), encoding="utf-8")
    assert _one(tmp_path / "bild.json").reason == "bad record: field 'images' must be a list, not str"


def test_an_error_message_is_one_line_whatever_the_name_and_reason():
    err = ReadError("kaputt\n.txt", "bad record: 2 validation errors\ncaption\n  Input should be a valid string")
    assert str(err) == "kaputt\\n.txt: bad record: 2 validation errors; caption; Input should be a valid string"
