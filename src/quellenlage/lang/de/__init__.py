"""German language tables, loaded once.

The tables are plain text files beside this module, one entry per line,
``#`` starts a comment; tab-separated columns where a table has more than one.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources


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
def abbreviations() -> dict[str, bool]:
    """Abbreviation → whether it may end a sentence ("usw.", "etc.")."""
    return {row[0]: len(row) > 1 and row[1] == "final" for row in _rows("abbreviations.tsv")}


@cache
def sentence_starters() -> frozenset[str]:
    """Lower-cased function words that begin sentences but never follow an ordinal."""
    return frozenset(w.lower() for w in _lines("sentence_starters.txt"))


@cache
def ordinal_nouns() -> frozenset[str]:
    """Nouns that follow an ordinal written as a (large) number: "zum 100. Mal"."""
    return frozenset(w.lower() for w in _lines("ordinal_nouns.txt"))


@cache
def number_abbreviations() -> frozenset[str]:
    """Words abbreviated before a number only ("Art. 51", "Abs. 3"), without their full stop."""
    return frozenset(_lines("number_abbreviations.txt"))


@cache
def counted_nouns() -> frozenset[str]:
    """Nouns followed by a cardinal number ("Platz 19", "Rang 3", "Halle 4")."""
    return frozenset(_lines("counted_nouns.txt"))


@cache
def months() -> dict[str, int]:
    """Month names and abbreviations → month number."""
    return {row[0].lower(): int(row[1]) for row in _rows("months.tsv")}


@cache
def camelcase_words() -> tuple[str, ...]:
    """Words with an inner capital that must not be split ("iPhone", "McDonald's")."""
    return tuple(sorted(_lines("camelcase_words.txt"), key=len, reverse=True))


@cache
def agencies() -> dict[str, str]:
    """News agency sigla (lower-cased) → canonical name."""
    return {row[0].lower(): row[1] for row in _rows("agencies.tsv")}


@cache
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
