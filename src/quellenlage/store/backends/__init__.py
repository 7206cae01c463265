"""What differs between the databases the store runs on, one module per backend.

Everything else in :mod:`quellenlage.store` and :mod:`quellenlage.link` is
portable SQLAlchemy Core; the SQL that only one database speaks lives here:

- :mod:`.sqlite` (the embedded default): PRAGMAs and ``BEGIN IMMEDIATE``,
  FTS5 external-content tables ranked by ``bm25``, ``json_each``;
- :mod:`.postgresql` (a shared server): writers serialised by an advisory
  lock, ``tsvector`` columns with a German configuration over ``unaccent``
  ranked by ``ts_rank_cd``, ``json_array_elements``.

Each module has the same names (``configure``, ``check_available``,
``create_fulltext``, ``match_text``, ``match_join``, ``match_condition``,
``rank``, ``snippet``, ``source_named``, ``LIKE``); :func:`backend` picks one
by SQLAlchemy dialect name.
"""

from __future__ import annotations

from types import ModuleType
from typing import Literal

from ...errors import StoreError

Target = Literal["sentences", "statements"]

#: How search results mark the matched words.
MARK_START, MARK_END = "«", "»"


def backend(dialect_name: str) -> ModuleType:
    """The backend module for a SQLAlchemy dialect (``"sqlite"``, ``"postgresql"``)."""
    if dialect_name == "sqlite":
        from . import sqlite

        return sqlite
    if dialect_name == "postgresql":
        from . import postgresql

        return postgresql
    raise StoreError(f"the {dialect_name} database is not supported (SQLite or PostgreSQL)")
