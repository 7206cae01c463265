"""A folder given to ingest or analyze: its articles are read, its README, LICENSE and hidden files are not."""

from __future__ import annotations

from conftest import REPO

from quellenlage.read.sources import FOLDER_NOTES, Input, iter_inputs

ARTIKEL = """# Merz trifft Macron in Paris

Bundeskanzler Friedrich Merz ist am Mittwoch in Paris mit Präsident Emmanuel Macron zusammengekommen.
"Wir stehen zusammen", sagte Merz nach dem Treffen.
"""

ZWEITER = """Scholz reist nach Warschau

Altkanzler Olaf Scholz ist am Donnerstag in Warschau eingetroffen. Er wolle über die Ukraine sprechen, hieß es.
"""

HINWEIS = """# Beispielartikel

Diese Dateien sind Beispiele für `make run`. Sie stammen von ntv.de und Wikinews.
"""


def _names(*paths) -> list[str]:
    found = list(iter_inputs(paths))
    assert all(isinstance(x, Input) for x in found), found
    return [x.name.rsplit("/", 1)[-1] for x in found if isinstance(x, Input)]


def _folder(tmp_path):
    (tmp_path / "README.md").write_text(HINWEIS, encoding="utf-8")
    (tmp_path / "LICENSE").write_text("CC BY-NC-SA 4.0\n", encoding="utf-8")
    (tmp_path / "liesmich").mkdir()
    (tmp_path / "liesmich" / "Changelog.txt").write_text("1.0: erste Fassung\n", encoding="utf-8")
    (tmp_path / ".notiz.txt").write_text("nicht lesen\n", encoding="utf-8")
    (tmp_path / "treffen.md").write_text(ARTIKEL, encoding="utf-8")
    (tmp_path / "liesmich" / "readme-artikel.txt").write_text(ZWEITER, encoding="utf-8")
    return tmp_path


def test_a_folder_walk_reads_markdown_articles_but_not_readme_licence_changelog_or_hidden_files(tmp_path):
    assert _names(_folder(tmp_path)) == ["readme-artikel.txt", "treffen.md"]


def test_the_samples_folder_of_make_run_gives_no_readme_as_an_article():
    names = _names(REPO / "samples")
    assert "README.md" not in names
    assert names == ["ntv-2025-11-19-geheimgespraeche.txt", "wikinews-dev-sample.jsonl"]


def test_a_folder_note_named_on_its_own_is_read(tmp_path):
    folder = _folder(tmp_path)
    assert _names(folder / "README.md", folder / "LICENSE") == ["README.md", "LICENSE"]


def test_ingest_of_a_folder_stores_the_article_and_says_nothing_of_the_readme(tmp_path, cli):
    (tmp_path / "artikel").mkdir()
    out = cli("ingest", "--no-progress", _folder(tmp_path / "artikel"), check=True)
    assert "2 stored" in out.stderr_text, out.stderr_text
    assert "README" not in out.stderr_text
    listed = cli("search", "--ids-only", "Beispielartikel make run").stdout_text
    assert listed.strip() == ""


def test_a_folder_of_only_notes_says_what_was_left_out(tmp_path, cli):
    (tmp_path / "leer").mkdir()
    (tmp_path / "leer" / "README.txt").write_text(HINWEIS, encoding="utf-8")
    out = cli("ingest", "--no-progress", tmp_path / "leer")
    assert out.returncode == 1
    assert "README, LICENSE" in out.stderr_text


def test_the_ingest_help_names_every_folder_note(cli):
    text = " ".join(cli("ingest", "--help", check=True).stdout_text.split())
    for note in FOLDER_NOTES:
        assert note.upper() in text, note
