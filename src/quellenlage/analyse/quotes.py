"""Quotation spans: the text between quotation marks, marks included.

Every German quotation style is read („…“ »…« «…» "…" ‚…‘ and English “…”),
with the opening/closing decision for each mark taken from the segmenter
(the rules of :func:`segment._quote_roles`: a straight ``"`` after a space opens, before a
space or punctuation closes). A quotation may run across sentences; one left
open at the end of its paragraph ends there (the German convention for a
quotation over several paragraphs opens it again in the next).

Quotations nested in another one (‚…‘ inside „…“) are not returned: the outer
quotation is the statement.

A mark the tokenizer left glued inside a word counts too: in `"TU"-Kennzeichen`
the mark after "TU" closes the quotation (:func:`glued_marks`), which else
would run to the end of its paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..record import Record
from .segment import QUOTE_MARKS, quote_roles


@dataclass(frozen=True)
class Quotation:
    """A quotation: character offsets of its opening and (past the) closing mark."""

    start: int
    end: int
    closed: bool = True

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())


MARKS = QUOTE_MARKS
#: Marks read also when glued inside a word token ("TU"-Kennzeichen); not ’ and ‘, which are apostrophes there.
_GLUED = frozenset({'"', "„", "“", "”", "»", "«"})
_roles = quote_roles  # the segmenter's rules: one place decides which mark opens and which closes


def quotations(record: Record, marks: list[tuple[int, str]] | None = None) -> list[Quotation]:
    """All outermost quotations of ``record``, in text order.

    ``marks``: the quotation-mark tokens as (offset, text), if the caller has
    them; else they are read from ``record.doc``.
    """
    text = record.text
    tokens = None
    if marks is None:
        tokens = _tokens(record)
        marks = [(idx, t) for idx, t in tokens if t in MARKS]
    glued = glued_marks(record, marks, tokens)
    if glued:
        marks = sorted([*marks, *glued])
    found: list[Quotation] = []
    k = 0
    for para in record.paragraphs:
        while k < len(marks) and marks[k][0] < para.start:
            k += 1
        first = k
        while k < len(marks) and marks[k][0] < para.end:
            k += 1
        here = marks[first:k]
        depth = 0
        start = 0
        for (idx, t), role in zip(here, _roles(text, here), strict=True):
            if role == "open":
                if depth == 0:
                    start = idx
                depth += 1
            elif depth > 0:
                depth -= 1
                if depth == 0:
                    found.append(Quotation(start, idx + len(t)))
        if depth > 0 and para.end - start > 1:
            found.append(Quotation(start, para.end, closed=False))
    return found


def glued_marks(
    record: Record, marks: list[tuple[int, str]], tokens: list[tuple[int, str]] | None = None
) -> list[tuple[int, str]]:
    """Quotation marks inside a word token, as (offset, mark): `"TU"-Kennzeichen` is the tokens `"` and
    `TU"-Kennzeichen`, and the second mark closes the quotation of "TU". ``tokens``: :func:`_tokens`, if the
    caller has them."""
    if record.doc is None:
        return []
    text = record.text
    seen = {idx for idx, _ in marks}
    out: list[tuple[int, str]] = []
    for idx, t in _tokens(record) if tokens is None else tokens:
        if len(t) < 2 or t in MARKS or _GLUED.isdisjoint(t):
            continue
        for k, ch in enumerate(t):
            if ch in _GLUED and idx + k not in seen and text[idx + k] == ch:
                out.append((idx + k, ch))
    return out


def _tokens(record: Record) -> list[tuple[int, str]]:
    """(offset, text) of every token of ``record.doc``, read as one array (making spaCy Token objects is slow)."""
    text = record.text
    doc = record.require_doc()
    rows = doc.to_array(["IDX", "LENGTH"]).tolist() if len(doc) else []
    return [(i, text[i : i + n]) for i, n in rows]
