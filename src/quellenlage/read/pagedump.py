"""Text dumps of news pages, as copied from a browser (and plain text).

The layout, top to bottom (every part optional except the text)::

    Politik                                        section
    Kremlgesandter zufriedenUSA und Russland …     kicker run into the headline
    19.11.2025, 09:47 Uhr                          date line (Europe/Berlin)
    Witkoff-und-Dmitrijew-sollen-sich-…            image slug
    Kreml-Unterhändler … (Foto: CREDIT)            image caption with credit
    Schon Ende Oktober …                           lead
    …                                              body paragraphs
    Quelle: ntv.de, ghö                            outlet, author sigla, agencies
    RusslandDonald TrumpAngriff auf die Ukraine…   tags run together

The layout is recognised by its date line near the top (or a source footer);
text without either is plain text: every paragraph is body. Date lines are read
by :mod:`.published`; a relative one ("gestern, 18:30 Uhr") counts from the
crawl date the reader is given, and without one it is dropped with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..article import Article, Provenance, clean_text, split_paragraphs
from ..errors import ReadError
from ..record import Image, Meta
from . import layout, published
from .sources import Input, decode

#: How far from the top the date line may stand (non-empty lines).
_DATE_LINE_WITHIN = 6


def _blocks(text: str) -> list[list[str]]:
    """Blocks of non-empty lines, separated by blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks, cur = [], []
    for line in text.split("\n"):
        if line.strip():
            cur.append(line.strip())
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def _is_section(line: str) -> bool:
    return len(line.split()) <= 3 and not re.search(r"[.!?:,\"„“]", line) and len(line) <= 40


def parse_page_dump(text: str, crawled=None) -> tuple[Meta, list[str], list[str]] | None:
    """Metadata, body paragraphs and warnings of a page dump, or None when ``text`` has no page layout.

    ``crawled``: when the page was fetched, for a relative date line ("gestern, 18:30 Uhr").
    """
    blocks = _blocks(text)
    lines = [(b, i, line) for b, block in enumerate(blocks) for i, line in enumerate(block)]
    dates = ((n, published.read_date_line(line, crawled)) for n, (_, _, line) in enumerate(lines[:_DATE_LINE_WITHIN]))
    date_at, date = next(((n, d) for n, d in dates if d is not None), (None, None))
    footer_at = next(
        (
            b
            for b in range(len(blocks) - 1, max(-1, len(blocks) - 4), -1)
            if len(blocks[b]) == 1 and layout.parse_footer(blocks[b][0])
        ),
        None,
    )
    if date_at is None and footer_at is None:
        return None

    meta = Meta()
    paragraphs: list[str] = []
    warnings = [date.warning] if date and date.warning else []
    if date_at is not None:
        assert date is not None  # found together with date_at
        meta.published = date.value
        _read_heading([line for _, _, line in lines[:date_at]], meta)
        date_block, date_line = lines[date_at][0], lines[date_at][1]
        after = blocks[date_block][date_line + 1 :]
        rest_blocks = blocks[date_block + 1 :]
        _read_media(after, meta, paragraphs)
        body_blocks = rest_blocks
    else:
        body_blocks = blocks

    footer_rel = None
    if footer_at is not None:
        footer_rel = footer_at - (len(blocks) - len(body_blocks))
        footer = layout.parse_footer(blocks[footer_at][0])
        assert footer is not None  # footer_at is a block parse_footer reads
        outlet, authors, agencies = footer
        meta.outlet, meta.agencies = outlet, agencies
        meta.authors.extend(a for a in authors if a not in meta.authors)
        for block in blocks[footer_at + 1 :]:
            line = " ".join(block)
            if layout.looks_like_tag_line(line):
                meta.tags.extend(layout.split_run_together(line))
            elif block is blocks[-1] and len(block) > 1:
                meta.tags.extend(block)  # one tag per line
    for n, block in enumerate(body_blocks):
        if footer_rel is not None and n >= footer_rel:
            break
        if date_at is not None and not paragraphs and _take_byline(" ".join(block), meta):
            continue  # "Von Hubertus Volmer" between the picture and the lead
        paragraphs.append(clean_text("\n".join(block)))

    if date_at is not None and paragraphs and not meta.lead:
        meta.lead = paragraphs.pop(0)
    return meta, [p for p in paragraphs if p], warnings


def _read_heading(lines: list[str], meta: Meta) -> None:
    """Section, kicker and headline from the lines above the date line."""
    if len(lines) >= 2 and _is_section(lines[0]):
        meta.section, lines = lines[0], lines[1:]
    if len(lines) >= 2:
        meta.kicker, meta.headline = clean_text(lines[-2]), clean_text(lines[-1])
    elif lines:
        meta.kicker, meta.headline = layout.split_kicker(clean_text(lines[0]))


def _take_byline(line: str, meta: Meta) -> bool:
    """Add the authors of a byline to ``meta``; False when ``line`` is no byline."""
    byline = layout.parse_byline(line)
    if byline:
        meta.authors.extend(a for a in byline if a not in meta.authors)
    return bool(byline)


def _read_media(lines: list[str], meta: Meta, paragraphs: list[str]) -> None:
    """Image slug, caption and byline lines after the date line; anything else is text."""
    for line in lines:
        if layout.is_slug(line):
            continue
        if not paragraphs and _take_byline(line, meta):
            continue
        caption, credit = layout.split_credit(line)
        if credit is not None:
            meta.images.append(Image(caption=caption or None, credit=credit))
        else:
            paragraphs.append(clean_text(line))


class PageDumpReader:
    """Page dumps like the seed article; plain text falls back to body-only."""

    name = "pagedump"
    suffixes = (".txt", ".text")

    def sniff(self, inp: Input, head: str) -> float:
        if inp.suffix in (*self.suffixes, ""):
            return 0.3
        return 0.1

    def read(self, inp: Input) -> Iterator[Article | ReadError]:
        text, encoding, warnings = decode(inp.read_bytes(), inp.name)
        article = self.read_text(text, inp.name)
        article.provenance.encoding = encoding
        article.provenance.warnings.extend(warnings)
        yield article

    def read_text(self, text: str, name: str = "<text>", crawled=None) -> Article:
        """The article of a page dump (or plain text); ``crawled``, when the page
        was fetched, dates a relative date line."""
        parsed = parse_page_dump(text, crawled)
        warnings: list[str]
        if parsed is None:
            meta, body, warnings, reader = Meta(), split_paragraphs(text), [], "text"
        else:
            (meta, body, warnings), reader = parsed, self.name
        article = Article(meta=meta, body=body, provenance=Provenance(name=name, reader=reader, warnings=warnings))
        if not article.has_text:
            raise ReadError(name, "no article text found")
        return article
