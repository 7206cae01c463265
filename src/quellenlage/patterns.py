"""Regular-expression pieces built from word lists (the words come from the tables under ``lang/de``)."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """The words as alternatives of a regular expression, escaped, longest first so that no word hides a longer one
    it begins ("der|de" matches "der"; "de|der" would stop at "de"); ties in alphabetical order, so the pattern is
    the same in every run: ``alternation(["die", "der", "den"])`` → ``"den|der|die"``."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
