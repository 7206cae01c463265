"""The tense of the clause around a time expression: PAST, FUTURE or None (present).

"am Mittwoch traf er" is the past Wednesday, "am Mittwoch will er" the coming
one. The clause is the stretch of the sentence between clause punctuation
(comma, semicolon, colon, dash, quotes) around the expression; its words are
looked up in ``lang/de/time/tense.tsv`` (finite verbs, auxiliaries,
participles), and a weak verb's past form is read by its paradigm ("kündigte" from "kündigen", see
:func:`weak_preterite`). A past marker wins over a future one: "sollen sich … getroffen
haben", "war … geplant" are past. No marker: present, which in news means the
nearest such day (decided by the caller).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang import de
from .konjunktiv import infinitives

_CLAUSE_BREAK = re.compile(r"[,;:–—\"„“”«»()]")
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def markers() -> dict[str, str]:
    return {row[0]: row[1] for row in de._rows("time/tense.tsv")}


@lru_cache(maxsize=65536)
def weak_preterite(word: str) -> bool:
    """A lower-case past form of a weak verb, by the paradigm: "kündigte" (kündigen), "informierten"
    (informieren), "arbeitete" (arbeiten); the stem + "en" must be a known infinitive (``verbs.txt``)."""
    if not word.islower():
        return False
    for ending in ("ten", "te"):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            if len(stem) >= 3 and (stem + "en" in infinitives() or (stem.endswith("e") and stem[:-1] + "en" in infinitives())):
                return True
    return False


def clause_tense(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> str | None:
    """Tense of the clause around text[start:end], looking no further than text[lo:hi] (the sentence)."""
    hi = len(text) if hi is None else hi
    left = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, start):
        left = m.end()
    right_match = _CLAUSE_BREAK.search(text, end, hi)
    right = right_match.start() if right_match else hi
    table = markers()
    words = _WORD.findall(text, left, right)
    found = {table.get(w) for w in words}
    if "PAST" not in found and any(weak_preterite(w) for w in words):
        found.add("PAST")
    if "PAST" in found:
        return "PAST"
    if "FUTURE" in found:
        return "FUTURE"
    return None
