"""Quellenlage: German news coverage as a source-attributed, searchable record.

    >>> import quellenlage
    >>> record = quellenlage.analyze("Der Kreml bestätigte das Treffen.", outlet="ntv.de")
    >>> record.text[record.sentences[0].start:record.sentences[0].end]
    'Der Kreml bestätigte das Treffen.'

The heavy parts (spaCy, trafilatura) load on first use, so that
``import quellenlage`` and ``quellenlage --version`` stay fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Record", "__version__", "analyze", "analyze_all"]


def __getattr__(name: str):
    if name in ("analyze", "analyze_all"):
        from . import api

        return getattr(api, name)
    if name == "Record":
        from .record import Record

        return Record
    raise AttributeError(f"module 'quellenlage' has no attribute {name!r}")
