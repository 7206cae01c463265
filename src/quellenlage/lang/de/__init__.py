"""German language tables, loaded once: everything Quellenlage knows of German.

The tables are plain text files beside this module, one entry per line,
``#`` starts a comment; tab-separated columns where a table has more than one.

Every table has exactly one typed loader, registered with :func:`table`; the stages read
German only through these loaders, never by parsing a file themselves. The loaders of the
general tables live here, those a single stage reads in a module of its own beside it
(``attribution_tables``, ``entity_tables``, ``event_tables``, ``time_tables``).
:func:`tables` lists them all (a test checks that every file has its loader).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import TypeVar

_Loader = TypeVar("_Loader", bound=Callable[..., object])

#: table file (relative to this folder) → the loader that reads it
_TABLES: dict[str, Callable[..., object]] = {}


def table(*names: str) -> Callable[[_Loader], _Loader]:
    """Register a loader as the one reader of the table file(s) ``names`` ("speech_verbs.tsv", "time/units.tsv")."""

    def register(loader: _Loader) -> _Loader:
        for name in names:
            if name in _TABLES and _TABLES[name] is not loader:
                raise ValueError(f"table {name} already has a loader: {_TABLES[name].__qualname__}")
            _TABLES[name] = loader
        return loader

    return register


def tables() -> dict[str, Callable[..., object]]:
    """Every table file → its loader (the loader modules imported first, so the registry is complete)."""
    from . import attribution_tables, entity_tables, event_tables, time_tables  # noqa: F401  (they register themselves)

    return dict(_TABLES)


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.strip())
    return out


def _rows(name: str) -> list[list[str]]:
    return [[c.strip() for c in line.split("\t")] for line in _lines(name)]


@cache
@table("function_words.tsv")
def _function_word_classes() -> dict[str, frozenset[str]]:
    rows: dict[str, set[str]] = {}
    for row in _rows("function_words.tsv"):
        for name in row[1].split(","):
            rows.setdefault(name.strip(), set()).add(row[0])
    return {name: frozenset(words) for name, words in rows.items()}


def function_words(name: str) -> frozenset[str]:
    """The lower-cased words of one class of ``function_words.tsv`` ("definite_article", "relative_pronoun" …)."""
    try:
        return _function_word_classes()[name]
    except KeyError:
        raise KeyError(f"function_words.tsv has no class {name!r}") from None


@cache
@table("abbreviations.tsv")
def abbreviations() -> dict[str, bool]:
    """Abbreviation → whether it may end a sentence ("usw.", "etc.")."""
    return {row[0]: len(row) > 1 and row[1] == "final" for row in _rows("abbreviations.tsv")}


@cache
@table("sentence_starters.txt")
def sentence_starters() -> frozenset[str]:
    """Lower-cased function words that begin sentences but never follow an ordinal."""
    return frozenset(w.lower() for w in _lines("sentence_starters.txt"))


@cache
@table("ordinal_nouns.txt")
def ordinal_nouns() -> frozenset[str]:
    """Nouns that follow an ordinal written as a (large) number: "zum 100. Mal"."""
    return frozenset(w.lower() for w in _lines("ordinal_nouns.txt"))


@cache
@table("number_abbreviations.txt")
def number_abbreviations() -> frozenset[str]:
    """Words abbreviated before a number only ("Art. 51", "Abs. 3"), without their full stop."""
    return frozenset(_lines("number_abbreviations.txt"))


@cache
@table("counted_nouns.txt")
def counted_nouns() -> frozenset[str]:
    """Nouns followed by a cardinal number ("Platz 19", "Rang 3", "Halle 4")."""
    return frozenset(_lines("counted_nouns.txt"))


@cache
@table("months.tsv")
def months() -> dict[str, int]:
    """Month names and abbreviations → month number."""
    return {row[0].lower(): int(row[1]) for row in _rows("months.tsv")}


@cache
@table("camelcase_words.txt")
def camelcase_words() -> tuple[str, ...]:
    """Words with an inner capital that must not be split ("iPhone", "McDonald's")."""
    return tuple(sorted(_lines("camelcase_words.txt"), key=len, reverse=True))


@cache
@table("agencies.tsv")
def agencies() -> dict[str, str]:
    """News agency sigla (lower-cased) → canonical name."""
    return {row[0].lower(): row[1] for row in _rows("agencies.tsv")}


@cache
@table("credit_labels.txt")
def credit_labels() -> tuple[str, ...]:
    """Words that introduce a picture credit: "Foto", "Bild" …"""
    return tuple(_lines("credit_labels.txt"))


@cache
def tables_digest() -> str:
    """A short digest of every table's content: part of the analysis version."""
    h = hashlib.sha256()

    def walk(folder, prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir() and not entry.name.startswith(("_", ".")):
                walk(entry, prefix + entry.name + "/")
            elif entry.name.endswith((".txt", ".tsv")):
                h.update((prefix + entry.name).encode() + b"\0" + entry.read_bytes())

    walk(resources.files(__package__), "")
    return h.hexdigest()[:8]


class German:
    """The German language as Quellenlage knows it, in one object (as spaCy's ``GermanDefaults``).

    The general tables' loaders are this module's functions (``German.function_words("modal")``,
    ``German.agencies()``); each stage's own tables are read through the loader module of its area
    (``German.attribution.speech_verbs()``, ``German.entities.outlets()``, ``German.events.status_cues()``,
    ``German.time.weekdays()``). ``German.tables()`` maps every table file to its one loader.
    """

    from . import attribution_tables as attribution
    from . import entity_tables as entities
    from . import event_tables as events
    from . import time_tables as time

    tables = staticmethod(tables)
    digest = staticmethod(tables_digest)
    function_words = staticmethod(function_words)
    abbreviations = staticmethod(abbreviations)
    sentence_starters = staticmethod(sentence_starters)
    ordinal_nouns = staticmethod(ordinal_nouns)
    number_abbreviations = staticmethod(number_abbreviations)
    counted_nouns = staticmethod(counted_nouns)
    months = staticmethod(months)
    camelcase_words = staticmethod(camelcase_words)
    agencies = staticmethod(agencies)
    credit_labels = staticmethod(credit_labels)
