"""JSON and JSON Lines: one article per object.

Field names are auto-detected per record:

- ours: ``text``, ``url``, ``outlet``, ``published``, ``headline``, ``kicker``,
  ``section``, ``authors``, ``agencies``, ``tags``, ``lead``, ``images``;
- news-please's: ``maintext``, ``title``, ``date_publish``, ``url``,
  ``source_domain``, ``authors``, ``description`` (and ``title_page``, whose
  "Kicker: Headline - Outlet" form gives the kicker).

The publication date is read by :mod:`.published` (ISO, epoch, German forms);
a relative one ("gestern", "vor 3 Stunden") is read against the record's crawl
date, ``crawled`` or news-please's ``date_download``. A date that cannot be
read is dropped with a warning in the article's warnings.

A file may hold one object, an array of objects, or one object per line.
A line that is not valid JSON, or a record without text, is reported by
``path:LINE`` and the rest of the file is read on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import BinaryIO

from ..article import Article, Provenance, clean_text, split_paragraphs
from ..errors import ReadError
from ..record import Image, Meta
from . import layout, published
from .sources import Input, decode, describe_io_error, too_large

_OURS = {"text", "url", "outlet", "published", "headline", "kicker", "section", "authors", "agencies", "tags", "lead", "images"}
_NEWS_PLEASE = {"maintext", "title", "date_publish", "source_domain", "description"}
#: Suffixes of JSON Lines files: one value per line, whatever the first line holds.
LINES_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
#: Fields that say when the record was crawled (relative publication dates count from it).
CRAWLED_FIELDS = ("crawled", "date_download")


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[;,]", value) if v.strip()]
    if isinstance(value, list):
        out = []
        for v in value:
            if isinstance(v, dict):
                v = v.get("name")
            if isinstance(v, str) and v.strip():
                out.append(v.strip())
        return out
    raise ValueError(f"expected a list of strings, got {type(value).__name__}")


def _text_field(obj: dict, key: str, where: str = "") -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        field = f"{where}.{key}" if where else key
        raise ValueError(f"field {field!r} must be a string, not {type(value).__name__}")
    return value


def _images(value) -> list[Image]:
    """The ``images`` field: a list of objects with a ``caption`` and a ``credit`` (strings; other keys are not
    read) or of caption strings."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"field 'images' must be a list, not {type(value).__name__}")
    images = []
    for n, item in enumerate(value):
        if isinstance(item, str):
            images.append(Image(caption=item))
        elif isinstance(item, dict):
            where = f"images[{n}]"
            images.append(Image(caption=_text_field(item, "caption", where), credit=_text_field(item, "credit", where)))
        elif item is not None:
            raise ValueError(f"field 'images[{n}]' must be an object or a string, not {type(item).__name__}")
    return images


def _domain(value: str | None) -> str | None:
    return value[4:] if value and value.startswith("www.") else value


def article_from_object(obj, name: str) -> Article:
    """One article from a decoded JSON object (ours or news-please's)."""
    if not isinstance(obj, dict):
        raise ReadError(name, f"expected a JSON object, got {type(obj).__name__}")
    try:
        news_please = "maintext" in obj or (not (_OURS & obj.keys()) and bool(_NEWS_PLEASE & obj.keys()))
        crawled = next((obj[k] for k in CRAWLED_FIELDS if obj.get(k) not in (None, "")), None)
        date = published.read_published(obj.get("date_publish" if news_please else "published"), crawled)
        if news_please:
            body_text = _text_field(obj, "maintext")
            headline = _text_field(obj, "title")
            lead = _text_field(obj, "description")
            meta = Meta(
                url=_text_field(obj, "url"),
                outlet=_domain(_text_field(obj, "source_domain")),
                headline=headline,
                kicker=layout.kicker_from_title(_text_field(obj, "title_page"), headline),
                published=date.value,
                authors=_as_list(obj.get("authors")),
            )
            reader = "news-please"
        else:
            body_text = _text_field(obj, "text")
            lead = _text_field(obj, "lead")
            meta = Meta(
                url=_text_field(obj, "url"),
                outlet=_text_field(obj, "outlet"),
                section=_text_field(obj, "section"),
                kicker=_text_field(obj, "kicker"),
                headline=_text_field(obj, "headline"),
                published=date.value,
                authors=_as_list(obj.get("authors")),
                agencies=_as_list(obj.get("agencies")),
                tags=_as_list(obj.get("tags")),
                images=_images(obj.get("images")),
            )
            reader = "json"
    except (ValueError, TypeError) as exc:
        raise ReadError(name, f"bad record: {exc}") from None
    if body_text is None or not body_text.strip():
        raise ReadError(name, "record has no text (expected a non-empty 'text' or 'maintext' field)")

    # A source footer at the end of the body ("Quelle: ntv.de, ghö") is metadata.
    body, footer = layout.strip_footer(split_paragraphs(body_text), meta.tags)
    if footer:
        outlet, authors, agencies = footer
        meta.outlet = outlet or meta.outlet  # the article's own credit beats the feed's domain
        meta.authors = meta.authors or authors
        meta.agencies = meta.agencies or agencies
    if lead and lead.strip():
        meta.lead = clean_text(lead)
        # news-please's maintext usually repeats the description as its first paragraph
        if body and body[0] == meta.lead:
            body.pop(0)
    warnings = [date.warning] if date.warning else []
    return Article(meta=meta, body=body, provenance=Provenance(name=name, reader=reader, warnings=warnings))


#: The start of a JSON object or array of records: a brace and a key, a bracket and a record or a string ("[S-Bahn M]"
#: and "[12:30] Die Polizei …" are text).
_JSON_START = re.compile(r'\[\s*(?:[\[{"\]]|$)|\{\s*(?:"|\}|$)')  # not "[12:30] Ticker", "[1] Fußnote"


class JsonReader:
    name = "json"
    suffixes = (".json", *LINES_SUFFIXES)

    def sniff(self, inp: Input, head: str) -> float:
        if inp.suffix in self.suffixes:
            return 0.9
        stripped = head.lstrip("\ufeff \t\r\n")
        return 0.7 if _JSON_START.match(stripped) else 0.0  # not "[S-Bahn M] Störung …": plain text

    def read(self, inp: Input) -> Iterator[Article | ReadError]:
        """One document (object or array) read whole; otherwise one object per line, streamed."""
        head = inp.head(1 << 16)
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        lines = inp.suffix in LINES_SUFFIXES or (stripped.startswith(b"{") and _looks_like_lines(stripped))
        if not lines and stripped.startswith((b"[", b"{")):
            yield from self._whole(inp.read_bytes(), inp.name)
            return
        try:
            with inp.open() as raw:
                yield from self._lines(raw, inp.name, inp.settings.max_bytes)
        except (OSError, EOFError) as exc:
            yield ReadError(inp.name, f"cannot read: {describe_io_error(exc)}")

    def _whole(self, data: bytes, name: str) -> Iterator[Article | ReadError]:
        text, _, warnings = decode(data, name)
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield ReadError(name, f"invalid JSON ({_json_reason(exc, text)})")
            return
        items = obj if isinstance(obj, list) else [obj]
        if not items:
            yield ReadError(name, "no record: the JSON array is empty")
        for n, item in enumerate(items, 1):
            item_name = f"{name}[{n}]" if isinstance(obj, list) else name
            try:
                article = article_from_object(item, item_name)
            except ReadError as exc:
                yield exc
                continue
            article.provenance.warnings.extend(warnings)
            yield article

    def _lines(self, raw: BinaryIO, name: str, limit: int) -> Iterator[Article | ReadError]:
        """One article (or error) per non-empty line; a line over ``limit`` bytes is an error."""
        for lineno, line in _bounded_lines(raw, limit):
            item_name = f"{name}:{lineno}"
            if line is None:
                yield ReadError(item_name, too_large(None, limit))
                continue
            if not line.strip():
                continue
            try:
                text, encoding, warnings = decode(line, item_name)
                obj = json.loads(text)
                article = article_from_object(obj, item_name)
            except ReadError as exc:
                yield exc
                continue
            except json.JSONDecodeError as exc:
                yield ReadError(item_name, f"invalid JSON ({_json_reason(exc, text)})")
                continue
            article.provenance.encoding = encoding
            article.provenance.warnings.extend(warnings)
            yield article

    def read_text(self, text: str, name: str = "<text>") -> Article:
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReadError(name, f"invalid JSON ({_json_reason(exc, text)})") from None
        return article_from_object(obj, name)


def _json_reason(exc: json.JSONDecodeError, text: str) -> str:
    """What is wrong with invalid JSON: "truncated" only when the parser ran out of input (the error is at
    its end, or a string is never closed), else the parser's complaint and where, with what stands there:
    ``Expecting value at line 1, column 10 (at 'abc}')``."""
    where = f"{exc.msg.removesuffix(' at')} at line {exc.lineno}, column {exc.colno}"  # "Unterminated string starting at"
    if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
        return f"truncated: the input ends before the JSON value is complete ({where})"
    found = text[exc.pos : exc.pos + 12].split("\n", 1)[0]
    return f"{where} (at {found!r})" if found.strip() else where


def _looks_like_lines(first: bytes) -> bool:
    """True when the first line of the data is a complete JSON value (JSON Lines)."""
    line = first.split(b"\n", 1)[0]
    try:
        json.loads(line)
    except ValueError:
        return False
    return b"\n" in first.strip()


def _bounded_lines(raw: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) of a binary stream; None for a line longer than ``limit``,
    which is skipped without being held in memory."""
    lineno = 0
    while True:
        line = raw.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = raw.readline(1 << 20)
            yield lineno, None
            continue
        yield lineno, line
