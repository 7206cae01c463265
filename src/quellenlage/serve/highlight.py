"""Article text as HTML with marked spans (statements, mentions, times) that may nest or overlap.

Spans come as character offsets into the record's text. HTML elements must
nest, but spans need not: a time expression may start inside a quotation and
end after it. :func:`render_marks` keeps the elements properly nested by
closing and reopening the inner elements where two spans cross, so one span
may come out as several fragments (each carries the same attributes; the
``first`` flag tells the first fragment, e.g. to put ``tabindex`` only there).
All text is escaped: article text is untrusted input.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    """One span to mark: ``text[start:end]`` goes into a ``<tag attrs>`` element.

    ``rank`` orders spans that start at the same offset and have the same end:
    the lower rank is the outer element.
    """

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    rank: int = 0
    first_attrs: tuple[tuple[str, str], ...] = field(default=())
    """Attributes only the first fragment gets (``tabindex``, ``id``)."""


def _open(mark: Mark, first: bool) -> str:
    attrs = mark.attrs + (mark.first_attrs if first else ())
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs)
    return f"<{mark.tag}{rendered}>"


def _order(mark: Mark) -> tuple[int, int, int]:
    """Outer elements first: earlier start, then longer, then lower rank."""
    return (mark.start, -mark.end, mark.rank)


def render_marks(text: str, marks: list[Mark], start: int = 0, end: int | None = None) -> Markup:
    """``text[start:end]`` escaped, with every mark as a properly nested element.

    Marks are clipped to ``start..end``; empty ones (after clipping) are left
    out. Where two marks cross, the one opened later is closed before the
    earlier one ends and reopened after it.
    """
    end = len(text) if end is None else end
    clipped = []
    for m in marks:
        s, e = max(m.start, start), min(m.end, end)
        if s < e:
            clipped.append(Mark(s, e, m.tag, m.attrs, m.rank, m.first_attrs if s == m.start else ()))
    clipped.sort(key=_order)
    points = sorted({start, end, *(m.start for m in clipped), *(m.end for m in clipped)})

    out: list[str] = []
    stack: list[Mark] = []
    opened: set[int] = set()  # ids of marks that have had a fragment already
    for here, nxt in itertools.pairwise(points):
        wanted = [m for m in clipped if m.start <= here < m.end]
        # keep the longest prefix of the open elements that is still wanted in this order
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        for m in reversed(stack[keep:]):
            out.append(f"</{m.tag}>")
        del stack[keep:]
        for m in wanted[keep:]:
            out.append(_open(m, id(m) not in opened))
            opened.add(id(m))
            stack.append(m)
        out.append(str(escape(text[here:nxt])))
    for m in reversed(stack):
        out.append(f"</{m.tag}>")
    return Markup("".join(out))
