"""Regular-expression pieces built from word lists (the words come from the tables under ``lang/de``)."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str], *, spaces: bool = False) -> str:
    """The words as alternatives of a regular expression, escaped, longest first so that no word hides a longer one
    it begins ("der|de" matches "der"; "de|der" would stop at "de"); ties in alphabetical order, so the pattern is
    the same in every run: ``alternation(["die", "der", "den"])`` → ``"den|der|die"``. With ``spaces``, a space in a
    word matches any run of white space ("mit Material von" across a line break)."""
    found = "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    return found.replace(r"\ ", r"\s+") if spaces else found
