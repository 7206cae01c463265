"""German knowledge lives in one place: every table under lang/de has exactly one typed loader, and the
stages read German only through those loaders."""

from __future__ import annotations

import inspect
import re
import typing
from importlib import resources
from pathlib import Path

import pytest

from quellenlage.lang import de

LANG = Path(str(resources.files("quellenlage.lang.de")))
SRC = Path(__file__).resolve().parents[1] / "src" / "quellenlage"


def _table_files() -> list[str]:
    return sorted(str(p.relative_to(LANG)) for p in LANG.rglob("*") if p.suffix in {".tsv", ".txt"})


def test_every_table_file_has_its_loader_and_every_loader_its_file():
    registered = de.tables()
    files = _table_files()
    assert [f for f in files if f not in registered] == []
    assert [f for f in registered if f not in files] == []


@pytest.mark.parametrize("name", _table_files())
def test_the_loader_of_every_table_is_typed_and_reads_rows(name):
    loader = de.tables()[name]
    hints = typing.get_type_hints(inspect.unwrap(loader))
    assert "return" in hints, f"{loader.__qualname__} (reads {name}) has no return type"
    params = [p for p in inspect.signature(loader).parameters.values() if p.default is inspect.Parameter.empty]
    if not params:  # loaders that take a class name ("speaker_classes.tsv": class → words) are called by their users
        value = loader()
        assert value is not None and (not hasattr(value, "__len__") or len(value) > 0), f"{name} loads nothing"


def test_no_module_outside_lang_de_parses_a_table_itself():
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if "lang" in path.relative_to(SRC).parts[:1]:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (r"\bde\._rows\(", r"\bde\._lines\(", r"resources\.files\([^)]*lang"):
            for m in re.finditer(pattern, text):
                offenders.append(f"{path.relative_to(SRC)}:{text.count(chr(10), 0, m.start()) + 1}")
    assert offenders == []


def test_function_words_relative_pronouns_der_die_das_welche():
    relative = de.function_words("relative_pronoun")
    assert {"der", "die", "das", "dessen", "deren", "welche"} <= relative
    assert "und" not in relative
    with pytest.raises(KeyError, match="no class 'Relativpronomen'"):
        de.function_words("Relativpronomen")


def test_one_german_object_reaches_every_loader():
    """``German`` holds the general loaders and, by area, the modules of each stage's loaders."""
    from quellenlage.lang.de import German

    areas = {German.attribution.__name__, German.entities.__name__, German.events.__name__, German.time.__name__}
    unreachable = []
    for name, loader in German.tables().items():
        module, attr = loader.__module__, inspect.unwrap(loader).__name__
        if module in areas:
            continue
        if module == de.__name__ and (hasattr(German, attr) or attr == "_function_word_classes"):
            continue
        unreachable.append(f"{name}: {module}.{attr}")
    assert unreachable == []
    assert "soll" in German.function_words("modal") and German.agencies()["dpa"] == "dpa"
