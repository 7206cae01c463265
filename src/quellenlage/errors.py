"""Errors a user sees: each names the input and the reason in one line."""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile(r"\s*[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+\s*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """``text`` (a library's message, perhaps over several lines) in one line: its lines joined by "; "."""
    return "; ".join(part for part in _LINE_BREAKS.split(text.strip()) if part)


def printable_name(name: str) -> str:
    """An input's name with its control characters escaped (a file may be called "a\\nb")."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), name)


class QuellenlageError(Exception):
    """Base class for errors the command line reports without a traceback."""


class ReadError(QuellenlageError):
    """An input could not be read into an article.

    ``name`` is what the user knows the input by: a path, ``path:LINE`` for a
    line of a JSON Lines file, or ``-`` for standard input.
    """

    def __init__(self, name: str, reason: str):
        reason = one_line(reason)
        super().__init__(f"{printable_name(name)}: {reason}")
        self.name = name
        self.reason = reason


class AnalysisError(QuellenlageError):
    """The analysis of one article failed; the batch goes on."""

    def __init__(self, name: str, reason: str):
        reason = one_line(reason)
        super().__init__(f"{printable_name(name)}: {reason}")
        self.name = name
        self.reason = reason


class StoreError(QuellenlageError):
    """The store refused an article (the transaction was rolled back)."""


class NotFound(QuellenlageError):
    """No stored article matches an id."""
