"""HTML pages: trafilatura for the main text, structured data for the metadata.

The body text comes from trafilatura (run on the page with scripts, styles and
``<noscript>`` removed; nothing is ever fetched). The metadata comes from what
the page states most explicitly, not from trafilatura's metadata, which keeps
only the day of the date and drops the kicker. In this order:

1. JSON-LD ``NewsArticle``/``Article``/``ReportageNewsArticle`` (also inside
   ``@graph`` and lists): headline, date, authors, section, keywords, image
   caption, publisher, description, URL;
2. OpenGraph and other ``<meta>`` tags, the canonical link;
3. the article markup: a kicker element in the heading (class names from
   :data:`KICKER_CLASSES`), the first ``<figcaption>``, a lead element
   (:data:`LEAD_CLASSES`), a German date line;
4. htmldate for the publication date, the URL's host for the outlet.

Dates are read by :mod:`.published` (ISO, German, RFC 2822, epoch); the first
candidate that gives a day wins. A relative date ("gestern, 18:30 Uhr") needs
the fetch date, which :meth:`HtmlReader.read_text` takes as ``crawled``. A date
that cannot be read is dropped with a warning in the article's warnings.

trafilatura's text is then cleaned of what the record keeps elsewhere: the
heading and date line it repeats at the top, the image caption, the lead, and
the source footer ("Quelle: ntv.de, ghö", read by :func:`layout.parse_footer`)
with any tag list after it. Paragraphs that are nothing but the text of one
link are navigation and are dropped too.
"""

from __future__ import annotations

import codecs
import copy
import html as html_entities
import json
import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

import htmldate
import trafilatura
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information (no lxml-stubs here)
from lxml import html as lxml_html

from ..article import Article, Provenance, clean_text
from ..errors import ReadError
from ..record import Image, Meta
from . import layout
from . import published as published_dates
from .layout import comparison_key as _key
from .sources import Input, decode

#: Class-name words of a kicker ("Dachzeile", "Spitzmarke") in the heading.
KICKER_CLASSES = frozenset({"kicker", "dachzeile", "spitzmarke", "topline", "overline", "roofline", "supertitle"})
#: Class-name words of a lead paragraph ("article__intro" has the word "intro").
LEAD_CLASSES = frozenset({"lead", "intro", "teaser", "summary"})
#: Class-name words of a picture credit inside a ``<figcaption>``.
CREDIT_CLASSES = frozenset({"credit", "copyright", "source"})
#: JSON-LD types that describe the article itself.
ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "BackgroundNewsArticle",
        "OpinionNewsArticle",
        "ReviewNewsArticle",
    }
)
#: ``<meta>`` names/properties that give the publication date, most specific first.
DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dcterms.date",
    "dc.date",
)

_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "figcaption",
        "blockquote",
        "section",
        "header",
        "footer",
        "td",
        "th",
    }
)
_HEADING_TAGS = frozenset({"h1", "h2", "header"})
_NOT_LEAD_ANCESTORS = frozenset({"a", "aside", "nav", "footer", "figure"})

# Comments, an XML declaration, a BOM and white space before the first tag.
_PROLOGUE = re.compile(r"^(?:\s|\ufeff|<!--.*?-->|<\?xml[^>]*\?>)*", re.DOTALL)
_DOCUMENT_START = re.compile(r"<!doctype\s|<html[\s>]", re.IGNORECASE)
_FRAGMENT_TAGS = re.compile(r"<(?:body|article|p)[\s>]", re.IGNORECASE)
_HTML_END = re.compile(r"</html\s*>", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_MARKUP = re.compile(r"<[A-Za-z/!]")
#: Characters no XML tree may hold (libxml2 refuses a text node with them): C0 controls but tab and line
#: breaks, lone surrogates, the non-characters U+FFFE and U+FFFF. A page's vertical tab and form feed are
#: white space, the rest is dropped (a browser ignores a NUL in text too).
_NOT_XML_SPACE = re.compile("[\x0b\x0c]")
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CLASS_WORD = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")
# A title followed by a site name: "USA und Russland … - n-tv.de".
_SITE_SUFFIX = re.compile(r"(?P<title>.*\S)" + layout.TITLE_SUFFIX.pattern)
# Labels a browser reads as windows-1252: decode()'s cp1252 fallback already honours them.
_CP1252_ALIASES = frozenset({"cp1252", "iso8859-1", "ascii", "utf-8"})


def _without_prologue(text: str) -> str:
    """``text`` after its leading white space, comments and XML declaration."""
    m = _PROLOGUE.match(text)
    assert m is not None  # the pattern matches the empty string too
    return text[m.end() :]


class HtmlReader:
    """HTML pages of news articles (one article per page)."""

    name = "html"
    suffixes = (".html", ".htm", ".xhtml")

    def sniff(self, inp: Input, head: str) -> float:
        if inp.suffix in self.suffixes:
            return 0.9
        start = _without_prologue(head)
        if _DOCUMENT_START.match(start):
            return 0.8
        if start.startswith("<") and _FRAGMENT_TAGS.search(start[:1024]):
            return 0.8
        return 0.0

    def read(self, inp: Input) -> Iterator[Article | ReadError]:
        try:
            data = inp.read_bytes()
            text, encoding, warnings = decode(data, inp.name)
            if warnings:
                text, encoding, warnings = _redecode_declared(data, text, encoding, warnings)
            article = self.read_text(text, inp.name, crawled=inp.crawled)
        except ReadError as exc:
            yield exc
            return
        article.provenance.encoding = encoding
        article.provenance.warnings.extend(warnings)
        yield article

    def read_text(self, text: str, name: str = "<text>", crawled=None) -> Article:
        """The article of a page; ``crawled``, when the page was fetched, dates a
        relative date on it ("gestern, 18:30 Uhr")."""
        text = _NOT_XML.sub("", _NOT_XML_SPACE.sub(" ", text))
        if _DOCUMENT_START.match(_without_prologue(text)) and not _HTML_END.search(text):
            raise ReadError(name, "truncated HTML: no closing </html> tag")
        try:
            tree = lxml_html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
        except etree.ParserError:
            raise ReadError(name, "no article text found in HTML") from None
        page = _Page(tree)
        article = page.article(name, crawled)
        if not (article.body or article.meta.lead):
            raise ReadError(name, "no article text found in HTML")
        return article


def _redecode_declared(data: bytes, text: str, encoding: str, warnings: list[str]) -> tuple[str, str, list[str]]:
    """Bytes that were not UTF-8, decoded with the page's ``<meta charset>`` when
    it names an encoding other than the cp1252 that :func:`decode` fell back to."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return text, encoding, warnings
    label = m.group(1).decode("ascii")
    try:
        declared = codecs.lookup(label).name
        if declared in _CP1252_ALIASES:
            return text, encoding, warnings
        redecoded = data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        return text, encoding, warnings
    note = f"decoded as {declared} (declared by <meta charset={label}>)"
    return redecoded, declared, [w.replace(f"decoded as {encoding}", note) for w in warnings]


# --- text helpers -----------------------------------------------------------------


def _plain(value) -> str | None:
    """A metadata string as plain text: entities resolved, markup (and any script) removed."""
    if not isinstance(value, str):
        return None
    value = html_entities.unescape(value)
    if _MARKUP.search(value):
        try:
            value = _element_text(lxml_html.fragment_fromstring(value, create_parent="div"))
        except etree.ParserError:
            return None
    return clean_text(value) or None


def _element_text(el, skip: Iterable = ()) -> str:
    """Visible text of ``el`` without scripts, styles and the ``skip`` elements."""
    skip = set(skip)
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _NOT_TEXT and child not in skip:
            space = " " if child.tag in _BLOCK_TAGS else ""
            parts += [space, _element_text(child, skip), space]
        parts.append(child.tail or "")
    return clean_text("".join(parts))


def _class_words(el) -> set[str]:
    """Words of an element's class names: "article__kicker topLine" → {"article", "kicker", "top", "line"}."""
    return {w.lower() for w in _CLASS_WORD.split(el.get("class") or "") if w}


def _has_class(el, words: frozenset[str]) -> bool:
    return not _class_words(el).isdisjoint(words)


def _unique(items: Iterable[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        if item and _key(item) not in seen:
            seen.add(_key(item))
            out.append(item)
    return out


def _split_list(value) -> list[str]:
    """A comma-separated string or a list of strings as a list of plain strings."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    return [p for p in (_plain(i) for i in items) if p]


# --- JSON-LD ----------------------------------------------------------------------


def _types(obj: dict) -> set[str | None]:
    t = obj.get("@type")
    return set(t) if isinstance(t, list) else {t}


def _json_ld_article(tree) -> dict:
    """The page's JSON-LD article object (the first one), or {}."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "", strict=False)
            found = _find_article(data)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than Python recurses (a hostile page)
            continue
        if found:
            return found
    return {}


def _find_article(data) -> dict | None:
    if isinstance(data, list):
        return next((a for a in map(_find_article, data) if a), None)
    if not isinstance(data, dict):
        return None
    if _types(data) & ARTICLE_TYPES:
        return data
    return _find_article(data.get("@graph")) or _find_article(data.get("mainEntity"))


def _json_ld_authors(value) -> list[str]:
    """Author names; organisations are the outlet, not authors, and are skipped."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict):
            if "Organization" in _types(item):
                continue
            item = item.get("name")
        names.extend(_split_list(item) if isinstance(item, str) else [])
    return names


def _json_ld_image(value) -> Image | None:
    """The first image with a caption; its credit from the caption or the image's credit fields."""
    for item in value if isinstance(value, list) else [value]:
        if not isinstance(item, dict):
            continue
        caption = _plain(item.get("caption"))
        if not caption:
            continue
        caption, credit = layout.split_credit(caption)
        holder = item.get("copyrightHolder")
        credit = credit or _plain(item.get("creditText")) or _plain(holder.get("name") if isinstance(holder, dict) else holder)
        return Image(caption=caption or None, credit=credit)
    return None


def _name_of(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return _plain(value.get("name") if isinstance(value, dict) else value)


# --- the page ------------------------------------------------------------------------


class _Page:
    """One parsed page and what it says about its article."""

    def __init__(self, tree):
        self.tree = tree
        self.ld = _json_ld_article(tree)
        self.metas: dict[str, list[str]] = {}
        for el in tree.iter("meta"):
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
            value = _plain(el.get("content"))
            if key and value:
                self.metas.setdefault(key, []).append(value)
        self.root = self._article_root()

    def meta(self, *names: str) -> str | None:
        return next((self.metas[n][0] for n in names if n in self.metas), None)

    def _article_root(self):
        """The ``<article>`` with the most paragraph text, else ``<main>``, else ``<body>``."""
        articles = self.tree.findall(".//article")
        if articles:
            return max(articles, key=lambda a: sum(len(p.text_content()) for p in a.iter("p")))
        for path in (".//main", ".//body"):
            found = self.tree.find(path)
            if found is not None:
                return found
        return self.tree

    # -- fields

    def url(self) -> str | None:
        canonical = next(
            (link.get("href") for link in self.tree.iter("link") if "canonical" in (link.get("rel") or "").lower().split()), None
        )
        for candidate in (canonical, self.meta("og:url"), self.ld.get("url")):
            candidate = _plain(candidate)
            try:
                usable = bool(candidate) and urlsplit(candidate).scheme in ("http", "https") and urlsplit(candidate).hostname
            except ValueError:  # "http://[::1/x": no URL
                usable = False
            if usable:
                return candidate
        return None

    def kicker_element(self):
        """An element with a kicker class in (or just before) the heading of the article."""
        for el in self.root.iter():
            if not isinstance(el.tag, str) or not _has_class(el, KICKER_CLASSES):
                continue
            in_heading = any(a.tag in _HEADING_TAGS or "header" in _class_words(a) for a in el.iterancestors())
            before_heading = el.getnext() is not None and el.getnext().tag in ("h1", "h2")
            if in_heading or before_heading:
                return el
        return None

    def kicker_and_headline(self, titles: list[str]) -> tuple[str | None, str | None]:
        """Kicker and headline: the JSON-LD headline, else the article's ``<h1>``
        (or the heading that holds the kicker) without the kicker, else the
        page title; the kicker from its element, else from the title's
        "Kicker: Headline" form."""
        kicker_el = self.kicker_element()
        skip = [kicker_el] if kicker_el is not None else []
        heading = self.root.find(".//h1")
        if heading is None and kicker_el is not None:
            heading = next((a for a in kicker_el.iterancestors() if a.tag in ("h1", "h2")), None)
        if heading is None:
            heading = self.tree.find(".//h1")
        headline = (
            _plain(self.ld.get("headline"))
            or (_element_text(heading, skip=skip) if heading is not None else "")
            or next(iter(titles), None)
        )
        kicker = _element_text(kicker_el).rstrip(":").strip() if kicker_el is not None else ""
        from_titles = (layout.kicker_from_title(title, headline) for title in titles)
        return kicker or next((k for k in from_titles if k), None), headline

    def site_names(self, url: str | None) -> list[str]:
        host = urlsplit(url).hostname if url else None
        return [n for n in (self.meta("og:site_name"), _name_of(self.ld.get("publisher")), host) if n]

    def titles(self, site_names: list[str]) -> list[str]:
        """og:title and ``<title>``, each without a trailing " - Site"."""
        title = self.tree.find(".//title")
        raw = [self.meta("og:title"), self.meta("twitter:title"), _plain(title.text_content()) if title is not None else None]
        sites = {_key(s) for s in site_names} | {_key(s.removeprefix("www.")) for s in site_names}
        out = []
        for t in filter(None, raw):
            m = _SITE_SUFFIX.fullmatch(t)
            out.append(m.group("title") if m and _key(m.group("site")) in sites else t)
        return out

    def caption(self) -> Image | None:
        """The JSON-LD image caption, else the first ``<figcaption>`` of the article."""
        image = _json_ld_image(self.ld.get("image"))
        if image:
            return image
        for figcaption in self.root.iter("figcaption"):
            credit_el = next(
                (el for el in figcaption.iterdescendants() if isinstance(el.tag, str) and _has_class(el, CREDIT_CLASSES)), None
            )
            text = _element_text(figcaption, skip=[credit_el] if credit_el is not None else [])
            caption, credit = layout.split_credit(text)
            if credit_el is not None:
                credit_text = _element_text(credit_el)
                credit = layout.split_credit(credit_text)[1] or credit_text.strip("()© ") or credit
            if caption or credit:
                return Image(caption=caption or None, credit=credit)
        return None

    def lead_element_text(self) -> str | None:
        for el in self.root.iter():
            if (
                isinstance(el.tag, str)
                and _has_class(el, LEAD_CLASSES)
                and not any(a.tag in _NOT_LEAD_ANCESTORS for a in el.iterancestors())
            ):
                text = _element_text(el)
                if text:
                    return text
        return None

    def published(self, date_line: str | None, crawled=None) -> published_dates.PublicationDate:
        """The first readable of: JSON-LD, the date ``<meta>`` tags, a ``<time datetime>``,
        the date line; else htmldate (when it agrees with a month or year found)."""
        time_el = self.root.find(".//time[@datetime]")
        candidates = [
            self.ld.get("datePublished"),
            *(self.meta(n) for n in DATE_META),
            time_el.get("datetime") if time_el is not None else None,
            date_line,
        ]
        found = published_dates.first_published(candidates, crawled)
        if found.has_day:
            return found
        # htmldate is given the parsed tree: given a string that looks like a URL, it would fetch it.
        fallback = published_dates.read_published(htmldate.find_date(self.tree, original_date=True))
        if fallback.has_day and fallback.value is not None and fallback.value.startswith(found.value or ""):
            return fallback
        return found

    def link_texts(self) -> set[str]:
        return {_key(_element_text(a)) for a in self.tree.iter("a")} - {""}

    def main_text(self) -> list[str]:
        """trafilatura's paragraphs of the page without scripts, styles and ``<noscript>``.

        (A ``<noscript>`` in the article makes trafilatura fall back to a
        baseline that runs all paragraphs into one.)
        """
        tree = copy.deepcopy(self.tree)
        for el in list(tree.iter(*_NOT_TEXT)):
            el.drop_tree()
        doc = trafilatura.bare_extraction(tree, include_comments=False, include_tables=False)
        assert not isinstance(doc, dict)  # a Document (or None): as_dict is False
        if doc is None or not doc.text:
            return []
        return [p for p in (clean_text(line) for line in doc.text.split("\n")) if p]

    # -- the article

    def article(self, name: str, crawled=None) -> Article:
        url = self.url()
        site_names = self.site_names(url)
        kicker, headline = self.kicker_and_headline(self.titles(site_names))
        image = self.caption()
        description = _plain(self.ld.get("description")) or self.meta("description", "og:description")
        tags = _unique(
            _split_list(self.ld.get("keywords"))
            or self.metas.get("article:tag", [])
            or _split_list(self.meta("news_keywords"))
            or _split_list(self.meta("keywords"))
        )

        links = self.link_texts()
        body = [p for p in self.main_text() if _key(p) not in links]
        body, date_line = _strip_top(body, kicker, headline)
        if image and image.caption:
            body = [p for p in body if _key(layout.split_credit(p)[0]) != _key(image.caption)]
        body, footer = layout.strip_footer(body, tags)
        body, lead = _strip_lead(body, self.lead_element_text(), description)
        outlet, footer_authors, agencies = footer or (None, [], [])
        date = self.published(date_line, crawled)

        meta = Meta(
            outlet=outlet or (site_names[0].removeprefix("www.") if site_names else None),
            url=url,
            section=_name_of(self.ld.get("articleSection")) or self.meta("article:section"),
            kicker=kicker,
            headline=headline,
            published=date.value,
            authors=_unique(_json_ld_authors(self.ld.get("author")) or footer_authors or _split_list(self.meta("author"))),
            agencies=agencies,
            tags=tags,
            lead=lead,
            images=[image] if image else [],
        )
        warnings = [date.warning] if date.warning else []
        return Article(meta=meta, body=body, provenance=Provenance(name=name, reader="html", warnings=warnings))


# --- cleaning trafilatura's paragraphs -------------------------------------------------


def _strip_top(body: list[str], kicker: str | None, headline: str | None) -> tuple[list[str], str | None]:
    """Body without the kicker, headline and date line trafilatura repeats at its top,
    and the date line found there."""
    heading = {_key(kicker), _key(headline), _key(kicker) + _key(headline)} - {""}
    date_line = None
    while body:
        if _key(body[0]) in heading:
            body = body[1:]
        elif date_line is None and published_dates.read_date_line(body[0]) is not None:
            date_line, body = body[0], body[1:]
        else:
            break
    return body, date_line


def _strip_lead(body: list[str], lead_element: str | None, description: str | None):
    """Body without the lead, and the lead: the lead element's text, else the
    description when the body starts with it."""
    if lead_element:
        rest = list(body)
        for n, p in enumerate(rest):
            if _key(p) == _key(lead_element):
                del rest[n]
                break
        return rest, lead_element
    if body and description and _key(body[0]) == _key(description):
        return body[1:], body[0]
    return body, None
