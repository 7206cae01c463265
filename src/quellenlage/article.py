"""The reader's output: one news article as metadata plus paragraphs of text.

Every reader (page dump, HTML, JSON) yields an :class:`Article`. The analysed
text of the record is *composed* from it in one place, :meth:`Article.compose`,
so the same article read from different formats gives the same text and the
same offsets.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .record import Image, Meta, Paragraph

PARAGRAPH_SEPARATOR = "\n\n"

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_LINE_END_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=[a-zäöüß])")
_LINE_END_COMPOUND = re.compile(r"(?<=\w-)[ \t]*\n[ \t]*(?=[A-ZÄÖÜ])")
_NEWLINES = re.compile(r"\s*\n\s*")
#: A lone surrogate (a Python string from a JSON escape "\\ud800", a file name of undecodable bytes, a caller's
#: string) is no character: no encoding writes it, so it would fail the record's id, its JSON and the store.
_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(value: Any) -> Any:
    """``value`` (a string, or lists and dicts of them) with every lone surrogate replaced by U+FFFD, as a
    decoder replaces a byte it cannot decode."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {k: without_surrogates(v) for k, v in value.items()}
    return value


def clean_text(text: str) -> str:
    """Normalise one paragraph: NFC, no invisible characters, single spaces.

    Wrapped lines are joined; a word hyphenated at a line end ("Bundes-\\nregierung")
    is joined without the hyphen, a hyphen before a capital ("Ukraine-\\nKrieg")
    is kept.
    """
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_END_HYPHEN.sub("", text)
    text = _LINE_END_COMPOUND.sub("", text)
    text = _NEWLINES.sub(" ", text)
    text = _SPACES.sub(" ", text)
    return text.strip()


#: A line this long was not wrapped by a typewriter-style line break (see :func:`_unwrapped`).
UNWRAPPED_LINE = 100


def _unwrapped(lines: list[str]) -> bool:
    """Whether a block's lines are paragraphs of their own, not one paragraph wrapped: one line is longer than
    :data:`UNWRAPPED_LINE` characters and a line before the last is less than half as long and does not break a
    sentence (no comma or hyphen at its end). A wrapped block's lines are all about as long as its longest."""
    sizes = [len(line.strip()) for line in lines]
    longest = max(sizes, default=0)
    if longest <= UNWRAPPED_LINE:
        return False
    return any(
        0 < size < longest / 2 and not line.rstrip().endswith((",", "-", "–"))
        for line, size in zip(lines[:-1], sizes[:-1], strict=True)
    )


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain text: blocks between blank lines, their wrapped lines joined.

    A text without any blank line has one paragraph per line, and so has a block whose lines were not wrapped
    (:func:`_unwrapped`) but are paragraphs of a page copied as text — a headline, a date line, a photo credit
    ("Solebad will aus der Insolvenz\n03.03.16 - 16:32\n© Eickmann\nDas alte Solebad liegt brach – …"), which joined
    would run into one sentence.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"\n[ \t\u00a0]*\n", text):
        blocks: list[str] = []
        for block in re.split(r"\n[ \t\u00a0]*\n+", text):
            lines = block.split("\n")
            blocks += lines if _unwrapped(lines) else [block]
    else:
        blocks = text.split("\n")
    return [p for p in (clean_text(b) for b in blocks) if p]


@dataclass
class Provenance:
    """Where an article came from (not part of its identity)."""

    name: str = "<text>"
    reader: str = "text"
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    page: Any = None
    """The page as fetched (:class:`quellenlage.fetch.http.Page`) when the article came from the web."""


@dataclass
class Article:
    meta: Meta = field(default_factory=Meta)
    body: list[str] = field(default_factory=list)
    provenance: Provenance = field(default_factory=Provenance)

    def with_meta(self, **overrides) -> Article:
        """A copy whose metadata fields are replaced by the non-empty overrides."""
        updates = {k: v for k, v in overrides.items() if v not in (None, "", [], ())}
        unknown = set(updates) - set(Meta.model_fields)
        if unknown:
            raise TypeError(f"unknown metadata field(s): {', '.join(sorted(unknown))}")
        if "images" in updates:
            updates["images"] = [i if isinstance(i, Image) else Image(**i) for i in updates["images"]]
        meta = self.meta.model_copy(update=updates)
        return dataclasses.replace(self, meta=meta)

    def unicode_only(self) -> Article:
        """This article, or a copy of it whose text, metadata, name and warnings (which may quote a field: "publication
        date '\\ud800' not understood") hold no lone surrogate (:func:`without_surrogates`): what the analysis is given."""
        meta = self.meta.model_dump()
        clean = without_surrogates(meta)
        body = without_surrogates(self.body)
        name = without_surrogates(self.provenance.name)
        warnings = without_surrogates(self.provenance.warnings)
        if clean == meta and body == self.body and name == self.provenance.name and warnings == self.provenance.warnings:
            return self
        return dataclasses.replace(
            self,
            meta=Meta.model_validate(clean),
            body=body,
            provenance=dataclasses.replace(self.provenance, name=name, warnings=warnings),
        )

    def blocks(self) -> list[tuple[str, str]]:
        """(kind, text) of every paragraph of the analysed text, in page order:
        kicker, headline, image captions, lead, body."""
        m = self.meta
        out: list[tuple[str, str]] = []
        if m.kicker:
            out.append(("kicker", clean_text(m.kicker)))
        if m.headline:
            out.append(("headline", clean_text(m.headline)))
        for image in m.images:
            if image.caption:
                out.append(("caption", clean_text(image.caption)))
        if m.lead:
            out.append(("lead", clean_text(m.lead)))
        out.extend(("body", clean_text(p)) for p in self.body)
        return [(kind, text) for kind, text in out if text]

    def compose(self) -> tuple[str, list[Paragraph]]:
        """The analysed text and its paragraphs (offsets into that text)."""
        parts: list[str] = []
        paragraphs: list[Paragraph] = []
        pos = 0
        for kind, text in self.blocks():
            if parts:
                parts.append(PARAGRAPH_SEPARATOR)
                pos += len(PARAGRAPH_SEPARATOR)
            parts.append(text)
            paragraphs.append(Paragraph(start=pos, end=pos + len(text), kind=kind))
            pos += len(text)
        return "".join(parts), paragraphs

    @property
    def has_text(self) -> bool:
        return any(kind in ("lead", "body", "headline") for kind, _ in self.blocks())
