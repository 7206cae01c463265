"""Drawing a timeline: one layout, written out as SVG or drawn as PNG.

:func:`layout` turns entries into shapes (lines, bars, dots, texts) in pixel
coordinates; :func:`to_svg` writes them as SVG text (escaped), :func:`to_png`
draws the same shapes with Pillow (HPND licence). No SVG rasteriser is needed
(cairosvg is LGPL), and the PNG looks like the SVG because both come from the
same layout.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from markupsafe import escape

from .timeline import Entry

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


def _ticks(first: date, last: date) -> list[date]:
    """Tick dates: days, weeks, months or years depending on the span."""
    days = (last - first).days
    if days <= 14:
        return [first + timedelta(days=i) for i in range(days + 1)]
    if days <= 120:
        start = first - timedelta(days=first.weekday())
        return [start + timedelta(weeks=i) for i in range(days // 7 + 2) if start + timedelta(weeks=i) <= last]
    if days <= 3 * 366:
        out, d = [], date(first.year, first.month, 1)
        step = 1 if days <= 400 else 3
        while d <= last:
            out.append(d)
            m = d.month - 1 + step
            d = date(d.year + m // 12, m % 12 + 1, 1)
        return out
    return [date(y, 1, 1) for y in range(first.year, last.year + 1)]


def _tick_label(d: date, first: date, last: date) -> str:
    days = (last - first).days
    if days <= 120:
        return d.strftime("%d.%m.")
    if days <= 3 * 366:
        return d.strftime("%m/%Y")
    return str(d.year)


def _shorten(text: str, n: int = 46) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def layout(entries: list[Entry], title: str = "") -> tuple[int, int, list[Shape]]:
    """Width, height and shapes of the timeline picture."""
    rows = max(1, len(entries))
    height = TOP + rows * ROW + 50
    shapes: list[Shape] = [Shape("rect", 0, 0, WIDTH, height, "#ffffff")]
    if title:
        shapes.append(Shape("text", PAD, 22, text=_shorten(title, 110), size=14))
    if not entries:
        shapes.append(Shape("text", PAD, TOP + 18, text="No dated events or time expressions.", colour="#555555"))
        return WIDTH, height, shapes
    first = min(e.first for e in entries)
    last = max(e.last for e in entries)
    if first == last:
        first, last = first - timedelta(days=1), last + timedelta(days=1)
    x0, x1 = LABEL_WIDTH, WIDTH - PAD
    scale = (x1 - x0) / ((last - first).days + 1)

    def x(d: date) -> float:
        return x0 + (d - first).days * scale

    axis_y = TOP + rows * ROW + 4
    shapes.append(Shape("line", x0, axis_y, x1 - x0, 0, "#333333"))
    for t in _ticks(first, last):
        shapes.append(Shape("line", x(t), TOP - 4, 0, axis_y - TOP + 8, "#e0e0e0"))
        shapes.append(Shape("text", x(t) + 2, axis_y + 16, text=_tick_label(t, first, last), colour="#333333", size=10))
    for i, e in enumerate(entries):
        y = TOP + i * ROW
        colour = STATUS_COLOURS.get(e.status, STATUS_COLOURS["unknown"])
        counts = f" ({e.reports}/{len(e.origins)})"
        shapes.append(Shape("text", PAD, y + 16, text=_shorten(e.label) + counts, colour="#222222"))
        if e.vague:
            shapes.append(Shape("rect", x(e.first), y + 6, max(3.0, x(e.last) + scale - x(e.first)), 12, colour))
        else:
            shapes.append(Shape("dot", x(e.first) + scale / 2, y + 12, 6, 6, colour))
    legend_x = PAD
    for status in sorted({e.status for e in entries}):
        shapes.append(Shape("rect", legend_x, height - 20, 10, 10, STATUS_COLOURS.get(status, "#757575")))
        shapes.append(Shape("text", legend_x + 14, height - 11, text=status, colour="#333333", size=10))
        legend_x += 24 + 7 * len(status)
    shapes.append(Shape("text", legend_x + 10, height - 11, text="(reports/independent origins)", colour="#555555", size=10))
    return WIDTH, height, shapes


def to_svg(entries: list[Entry], title: str = "") -> str:
    """The timeline as an SVG document (all text escaped)."""
    width, height, shapes = layout(entries, title)
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
            out.append(f'<text x="{s.x:.1f}" y="{s.y:.1f}" font-size="{s.size}" fill="{s.colour}">{escape(s.text)}</text>')
    out.append("</svg>")
    return "\n".join(out)


@lru_cache(maxsize=8)
def _font(size: int):
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def to_png(entries: list[Entry], title: str = "") -> bytes:
    """The timeline as a PNG image, drawn with Pillow from the same layout as the SVG."""
    from PIL import Image, ImageDraw

    width, height, shapes = layout(entries, title)
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
