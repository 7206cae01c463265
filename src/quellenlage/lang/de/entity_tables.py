"""Typed loaders of the German tables that one stage reads (see :mod:`quellenlage.lang.de`)."""

from __future__ import annotations
