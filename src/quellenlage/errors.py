"""Errors a user sees: each names the input and the reason in one line."""

from __future__ import annotations


class QuellenlageError(Exception):
    """Base class for errors the command line reports without a traceback."""


class ReadError(QuellenlageError):
    """An input could not be read into an article.

    ``name`` is what the user knows the input by: a path, ``path:LINE`` for a
    line of a JSON Lines file, or ``-`` for standard input.
    """

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class AnalysisError(QuellenlageError):
    """The analysis of one article failed; the batch goes on."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class StoreError(QuellenlageError):
    """The store refused an article (the transaction was rolled back)."""


class NotFound(QuellenlageError):
    """No stored article matches an id."""
