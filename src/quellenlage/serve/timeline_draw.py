"""Drawing a timeline: one layout, written out as SVG or drawn as PNG.

:func:`layout` turns entries into shapes (lines, bars, dots, texts) in pixel
coordinates; :func:`to_svg` writes them as SVG text (escaped), :func:`to_png`
draws the same shapes with Pillow (HPND licence). No SVG rasteriser is needed
(cairosvg is LGPL), and the PNG looks like the SVG because both come from the
same layout.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from markupsafe import escape

from .timeline import Entry, Undated

STATUS_COLOURS = {
    "happened": "#2e7d32",
    "planned": "#1565c0",
    "postponed": "#ef6c00",
    "cancelled": "#c62828",
    "unknown": "#757575",
    "time": "#6a1b9a",
}

WIDTH = 960
LABEL_WIDTH = 330
ROW = 26
TOP = 40
PAD = 20


@dataclass(frozen=True)
class Shape:
    """``kind`` is "line", "rect", "dot" or "text"; text anchors at (x, y) baseline."""

    kind: str
    x: float
    y: float
    w: float = 0.0
    h: float = 0.0
    colour: str = "#000000"
    text: str = ""
    size: int = 12
    role: str = ""
    """What the shape is part of, written as the SVG class: "tick" (an axis label), "undated" (the list below)."""


#: Font size of the axis labels, and the widest a character of them is drawn, in ems (digits, ".", "/" in
#: DejaVu Sans, the widest common sans-serif, are 0.64 em at most): a label's box is never narrower than this says.
TICK_SIZE = 10
CHAR_EM = 0.7
#: Room kept free between two axis labels, and between a label and its tick line.
TICK_GAP = 8
TICK_OFFSET = 2

#: Tick steps from the finest: (unit, count). Days and weeks are labelled "24.10.", months "10/2025",
#: years "2025"; the finest step whose labels have room is taken.
STEPS = (
    ("day", 1), ("day", 2), ("week", 1), ("week", 2), ("month", 1), ("month", 2), ("month", 3), ("month", 6),
    ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20), ("year", 50), ("year", 100),
)  # fmt: skip


def _step_ticks(first: date, last: date, unit: str, n: int, most: int | None = None) -> list[date] | None:
    """Tick dates from ``first`` to ``last``: every ``n``-th day, Monday, month start or year start; None when
    there are more than ``most`` (a step far too fine for a long span is not counted out day by day)."""
    out: list[date]
    if unit == "day":
        out = [first + timedelta(days=i) for i in itertools.islice(range(0, (last - first).days + 1, n), _cap(most))]
    elif unit == "week":
        start = first + timedelta(days=(7 - first.weekday()) % 7)
        out = [start + timedelta(weeks=i) for i in itertools.islice(range(0, (last - start).days // 7 + 1, n), _cap(most))]
    elif unit == "month":
        out, index = [], first.year * 12 + first.month - 1
        index += -index % n  # months 1, 4, 7, 10 for a quarter
        while (d := date(index // 12, index % 12 + 1, 1)) <= last and (most is None or len(out) <= most):
            if d >= first:
                out.append(d)
            index += n
    else:
        year = first.year + (-first.year % n)
        out = [date(y, 1, 1) for y in range(year, last.year + 1, n) if date(y, 1, 1) >= first]
    return None if most is not None and len(out) > most else out


def _cap(most: int | None) -> int | None:
    """How many ticks :func:`_step_ticks` makes at most: one more than ``most`` (to tell that there are more), or
    all (None)."""
    return None if most is None else most + 1


def _tick_label(d: date, unit: str) -> str:
    if unit in ("day", "week"):
        return d.strftime("%d.%m.")
    if unit == "month":
        return d.strftime("%m/%Y")
    return str(d.year)


def label_width(text: str, size: int = TICK_SIZE) -> float:
    """The widest a label is drawn (see :data:`CHAR_EM`)."""
    return len(text) * size * CHAR_EM


@dataclass(frozen=True)
class Tick:
    """A tick line at ``x``; its label ``text`` (empty: thinned out) starts at ``left``."""

    day: date
    x: float
    text: str = ""
    left: float = 0.0

    @property
    def box(self) -> tuple[float, float]:
        """Left and right end of the label."""
        return self.left, self.left + label_width(self.text)


def ticks(first: date, last: date, x0: float, x1: float) -> list[Tick]:
    """Axis ticks for the days ``first`` to ``last`` drawn from ``x0`` to ``x1`` (``first`` starts at ``x0``):
    the finest step of :data:`STEPS` whose labels have room side by side; of its labels only those clear of
    the previous one, a label at the right edge moved left to end there (``x1 + PAD``). No two labels
    overlap, whatever the span; the first day is labelled when no tick's label has room."""
    scale = (x1 - x0) / ((last - first).days + 1)

    def at(d: date) -> float:
        return x0 + (d - first).days * scale

    # Labels are one character wide at least, so more ticks than this leave two of them too close for any label:
    # such a step is passed over without making its ticks (a day step over 700 years would make 260,000).
    most = int((x1 - x0) / (label_width("0") + TICK_GAP)) + 1
    unit, days = "day", [first]
    for k, (unit, n) in enumerate(STEPS):
        found = _step_ticks(first, last, unit, n, None if k == len(STEPS) - 1 else most)
        if found is None:
            continue
        days = found
        if not days:
            continue
        widest = max(label_width(_tick_label(d, unit)) for d in days)
        if len(days) == 1 or min(at(b) - at(a) for a, b in itertools.pairwise(days)) >= widest + TICK_GAP:
            break
    kept: list[Tick] = []
    right = float("-inf")
    for d in days:  # thin out: never two labels on each other, none past the edge
        text = _tick_label(d, unit)
        left = min(at(d) + TICK_OFFSET, x1 + PAD - label_width(text))
        if left >= right + TICK_GAP and left >= x0:
            kept.append(Tick(d, at(d), text, left))
            right = left + label_width(text)
        else:
            kept.append(Tick(d, at(d)))
    if not any(t.text for t in kept):
        text = _tick_label(first, "day")
        kept = [Tick(first, x0, text, x0 + TICK_OFFSET)]
    return kept


def _shorten(text: str, n: int = 46) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


#: The heading of the events without a calendar time, below the axis.
UNDATED = "ohne Datum (undated)"


def layout(entries: list[Entry], title: str = "", undated: Sequence[Undated] = ()) -> tuple[int, int, list[Shape]]:
    """Width, height and shapes of the timeline picture; ``undated`` events are listed below the axis."""
    rows = max(1, len(entries))
    below = (30 + len(undated) * ROW) if undated else 0
    height = TOP + rows * ROW + 50 + below
    shapes: list[Shape] = [Shape("rect", 0, 0, WIDTH, height, "#ffffff")]
    if title:
        shapes.append(Shape("text", PAD, 22, text=_shorten(title, 110), size=14))
    axis_y = TOP + rows * ROW + 4
    if not entries:
        shapes.append(Shape("text", PAD, TOP + 18, text="No dated events or time expressions.", colour="#555555"))
    else:
        _dated(shapes, entries, axis_y)
    if undated:
        y = axis_y + 30
        shapes.append(Shape("text", PAD, y + 12, text=UNDATED, colour="#333333", size=12, role="undated"))
        for i, u in enumerate(undated):
            row = y + 16 + i * ROW
            shapes.append(Shape("dot", PAD + 6, row + 8, 5, 5, STATUS_COLOURS.get(u.status, STATUS_COLOURS["unknown"])))
            text = f"{_shorten(u.label, 90)} ({u.reports}/{len(u.origins)}) · {u.status}"
            shapes.append(Shape("text", PAD + 18, row + 12, text=text, colour="#222222", role="undated"))
    statuses = {e.status for e in entries} | {u.status for u in undated}
    if statuses:
        legend_x = PAD
        for status in sorted(statuses):
            shapes.append(Shape("rect", legend_x, height - 20, 10, 10, STATUS_COLOURS.get(status, "#757575")))
            shapes.append(Shape("text", legend_x + 14, height - 11, text=status, colour="#333333", size=10))
            legend_x += 24 + 7 * len(status)
        note = "(reports/independent origins)"
        shapes.append(Shape("text", legend_x + 10, height - 11, text=note, colour="#555555", size=10))
    return WIDTH, height, shapes


def _dated(shapes: list[Shape], entries: list[Entry], axis_y: float) -> None:
    """The dated entries, one row each, above an axis at ``axis_y`` with its ticks."""
    first = min(e.first for e in entries)
    last = max(e.last for e in entries)
    if first == last:
        first, last = first - timedelta(days=1), last + timedelta(days=1)
    x0, x1 = LABEL_WIDTH, WIDTH - PAD
    scale = (x1 - x0) / ((last - first).days + 1)

    def x(d: date) -> float:
        return x0 + (d - first).days * scale

    shapes.append(Shape("line", x0, axis_y, x1 - x0, 0, "#333333"))
    for t in ticks(first, last, x0, x1):
        shapes.append(Shape("line", t.x, TOP - 4, 0, axis_y - TOP + 8, "#e0e0e0"))
        if t.text:
            shapes.append(Shape("text", t.box[0], axis_y + 16, text=t.text, colour="#333333", size=TICK_SIZE, role="tick"))
    for i, e in enumerate(entries):
        y = TOP + i * ROW
        colour = STATUS_COLOURS.get(e.status, STATUS_COLOURS["unknown"])
        counts = f" ({e.reports}/{len(e.origins)})"
        shapes.append(Shape("text", PAD, y + 16, text=_shorten(e.label) + counts, colour="#222222"))
        if e.vague:
            shapes.append(Shape("rect", x(e.first), y + 6, max(3.0, x(e.last) + scale - x(e.first)), 12, colour))
        else:
            shapes.append(Shape("dot", x(e.first) + scale / 2, y + 12, 6, 6, colour))


def to_svg(entries: list[Entry], title: str = "", undated: Sequence[Undated] = ()) -> str:
    """The timeline as an SVG document (all text escaped)."""
    width, height, shapes = layout(entries, title, undated)
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="sans-serif" role="img">'
        ),
        f"<title>{escape(title or 'Timeline')}</title>",
    ]
    for s in shapes:
        if s.kind == "line":
            out.append(f'<line x1="{s.x:.1f}" y1="{s.y:.1f}" x2="{s.x + s.w:.1f}" y2="{s.y + s.h:.1f}" stroke="{s.colour}"/>')
        elif s.kind == "rect":
            out.append(f'<rect x="{s.x:.1f}" y="{s.y:.1f}" width="{s.w:.1f}" height="{s.h:.1f}" rx="2" fill="{s.colour}"/>')
        elif s.kind == "dot":
            out.append(f'<circle cx="{s.x:.1f}" cy="{s.y:.1f}" r="{s.w:.1f}" fill="{s.colour}"/>')
        else:
            role = f' class="{s.role}"' if s.role else ""
            out.append(f'<text x="{s.x:.1f}" y="{s.y:.1f}" font-size="{s.size}" fill="{s.colour}"{role}>{escape(s.text)}</text>')
    out.append("</svg>")
    return "\n".join(out)


@lru_cache(maxsize=8)
def _font(size: int):
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def to_png(entries: list[Entry], title: str = "", undated: Sequence[Undated] = ()) -> bytes:
    """The timeline as a PNG image, drawn with Pillow from the same layout as the SVG."""
    from PIL import Image, ImageDraw

    width, height, shapes = layout(entries, title, undated)
    image = Image.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    for s in shapes:
        if s.kind == "line":
            draw.line([(s.x, s.y), (s.x + s.w, s.y + s.h)], fill=s.colour, width=1)
        elif s.kind == "rect":
            draw.rectangle([s.x, s.y, s.x + s.w, s.y + s.h], fill=s.colour)
        elif s.kind == "dot":
            draw.ellipse([s.x - s.w, s.y - s.w, s.x + s.w, s.y + s.w], fill=s.colour)
        else:
            draw.text((s.x, s.y), s.text, fill=s.colour, font=_font(s.size), anchor="ls")
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()
