"""Fuzzing the readers, the analysis and the feed parsers: every input yields a record (or a parsed feed) or
one of the project's own errors with a one-line message, never another exception, never a hang.

tests/test_properties.py checks what a record holds on news-like text; this module throws hostile input at
every entry point: random bytes by file suffix and by reader name, odd Unicode (bidi marks, zero-width
joiners, combining accents, emoji, lone surrogates, NUL and control characters), quotation marks of every
kind unbalanced and nested, a 1 MB one-line paragraph, broken HTML, JSON with wrong types in every field,
impossible dates, page dumps with odd headers, hostile feeds and sitemaps, random strings for the date and
time parsers.

Each property runs a small number of examples by default (the module takes well under a minute). The
Hypothesis profile "fuzz" (tests/conftest.py; ``--hypothesis-profile=fuzz`` or ``HYPOTHESIS_PROFILE=fuzz``)
multiplies every property's examples by :data:`LONG_FACTOR` (50) for long runs. A crash once found stays as an
``@example`` on its property.
"""

from __future__ import annotations

import gzip
import json
import time
from datetime import date

import hypothesis
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import quellenlage
from quellenlage.analyse import time as time_stage
from quellenlage.analyse import timex_rules
from quellenlage.article import Article
from quellenlage.errors import QuellenlageError, ReadError
from quellenlage.fetch.feeds import Feed, FeedError, parse_feed
from quellenlage.fetch.http import Page
from quellenlage.read import published as published_dates
from quellenlage.read import read_inputs, readers
from quellenlage.record import Record
from quellenlage.settings import Settings

#: How many times more examples each property runs under the "fuzz" profile (its max_examples / 100).
LONG_FACTOR = max(1, settings.default.max_examples // 100)

#: The analysis of a long article is bounded (the stages after segmenting see this many characters).
SMALL = Settings(max_analysed_chars=20_000)

READER_NAMES = sorted(r.name for r in readers())
SUFFIXES = [".txt", ".text", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson", ".md", ""]


def budget(n: int, *, deadline: float | None = 20.0):
    """Settings of a property: ``n`` examples (times :data:`LONG_FACTOR` under the "fuzz" profile) and a
    deadline per example in seconds (a hang fails the property)."""
    return settings(
        max_examples=n * LONG_FACTOR,
        deadline=None if deadline is None else deadline * 1000,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
    )


def shown(what: str) -> None:
    """``what`` is printed with a failing example (the input itself, control characters escaped)."""
    try:
        hypothesis.note(what)
    except InvalidArgument:  # a plain test, not a property
        pass


def one_line(exc: BaseException) -> None:
    """``exc`` is one of the project's errors and says what went wrong in one line."""
    assert isinstance(exc, QuellenlageError), f"{type(exc).__name__}: {exc}"
    message = str(exc)
    assert message.strip() and "\n" not in message and "\r" not in message, repr(message)
    assert "Traceback" not in message


def analyse_or_error(text_or_path, **kwargs) -> Record | None:
    """The record of ``quellenlage.analyze`` (its JSON written and read back, as a user keeps it), or None
    after a one-line :class:`ReadError`; any other exception fails the property."""
    shown(f"analysed: {text_or_path!r} {kwargs!r}")
    try:
        record = quellenlage.analyze(text_or_path, settings=kwargs.pop("settings", SMALL), **kwargs)
    except ReadError as exc:
        one_line(exc)
        return None
    assert isinstance(record, Record)
    assert record.offset_problems() == []
    assert Record.from_json(record.to_json().encode("utf-8")).text == record.text
    return record


def read_all(paths, **kwargs) -> list:
    shown(f"read: {[(str(p), p.read_bytes()[:3000]) for p in paths]!r} {kwargs!r}")
    items = list(read_inputs(paths, settings=SMALL, **kwargs))
    for item in items:
        if isinstance(item, ReadError):
            one_line(item)
        else:
            assert isinstance(item, Article), item
    return items


@pytest.fixture(scope="module", autouse=True)
def _models_loaded():
    """The models load once before the first property runs (not inside an example's deadline)."""
    quellenlage.analyze("Der Kreml bestätigte das Treffen, sagte Peskow.")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


_files = 0


def write(folder, name: str, data: bytes):
    """A new file ``name`` (in a folder of its own) holding ``data``."""
    global _files
    _files += 1
    d = folder / str(_files)
    d.mkdir()
    path = d / name
    path.write_bytes(data)
    return path


# --- material ---------------------------------------------------------------------------------------------

#: Characters that break naive text handling: bidi marks and overrides, zero-width (non-)joiners, a BOM,
#: combining accents, emoji sequences, line and paragraph separators, NEL, NUL and other controls, lone
#: surrogates, non-characters, a dotted capital I and a ligature whose case mappings change the length.
ODD_CHARS = [
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "e\u0301",
    "a\u0308\u0308\u0308",
    "\u0301",
    "\u0327",
    "👍",
    "👨\u200d👩\u200d👧",
    "🇩🇪",
    "\u2764\ufe0f",
    "\u2028",
    "\u2029",
    "\x85",
    "\x00",
    "\x01",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\x7f",
    "\ud800",
    "\udfff",
    "\ue000",
    "\uffff",
    "\ufffe",
    "\U0010ffff",
    "İ",
    "ﬁ",
    "ß",
    "ẞ",
    "\u00ad",
    "\u00a0",
    "\u202f",
    "\t",
    "\r",
    "\r\n",
]
QUOTES = ["„", "“", "‚", "‘", "»", "«", "›", "‹", '"', "'", "’", "”", "`", "´", "‟", "❝", "❞", "「", "」"]
WORDS = [
    "Der",
    "Kreml",
    "sagte",
    "sagte er",
    "so Peskow",
    "Putin",
    "Selenskyj",
    "hieß es",
    "laut dpa",
    "soll",
    "habe",
    "sei",
    "am Mittwoch",
    "gestern",
    "vor zwei Wochen",
    "am 31.02.2025",
    "im Jahr 0",
    "Berlin (dpa) -",
    "Waffenruhe",
    "z.B.",
    "Dr.",
    "3:1",
    "24.",
    ".",
    ",",
    ":",
    "!",
    "?",
    "…",
    "(",
    ")",
    "–",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
]
ODD_TEXT = st.lists(st.sampled_from(ODD_CHARS + QUOTES + WORDS) | st.text(max_size=4), max_size=80).map("".join)
QUOTED_TEXT = st.lists(st.sampled_from(QUOTES + QUOTES + WORDS), min_size=1, max_size=80).map(" ".join) | st.lists(
    st.sampled_from(QUOTES + WORDS), min_size=1, max_size=80
).map("".join)

#: Dates no calendar has, and numbers no clock reaches.
IMPOSSIBLE_DATES = [
    "31.02.2025",
    "29.02.2023",
    "2025-13-45",
    "2025-02-30",
    "2025-00-00",
    "0000-01-01",
    "0000",
    "0",
    "0001-01-01T00:00-14:00",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31T23:59+14:00",
    "2025-11-19T25:61",
    "2025-11-19T24:00",
    "2025-11-19T09:47+99:99",
    "1e20",
    "-1",
    "-1700000000",
    "1700000000.5e3",
    "99999999999999",
    "9999999999999",
    "100000000000000000000",
    "1e400",
    "NaN",
    "Infinity",
    "31.11.2025, 25:99 Uhr",
    "Mi., 31.02.2025",
    "gestern, 25:99 Uhr",
    "vor 99999999999999 Tagen",
    "vor 99999999999999 Minuten",
    "vor -3 Stunden",
    "heute, 24:00 Uhr",
    "32. Dezember 2025",
    "Februar 0",
    "19.11.99999",
    "Wed, 31 Feb 2025 09:47:00 +0100",
    "Wed, 19 Nov 2025 09:47:00 +9999",
    "Tue Nov 19 2025 09:47:00 GMT+9999 (Mitteleuropäische Normalzeit)",
    "2025-11-19T09:47:00.9999999999999999999Z",
]
DATE_VALUES = (
    st.sampled_from(IMPOSSIBLE_DATES)
    | st.text(max_size=40)
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([None, True, False, [], {}, ["2025-11-19"], {"date": "2025-11-19"}])
)


# --- random bytes through every reader ----------------------------------------------------------------------


@budget(60)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES), compressed=st.booleans())
def test_random_bytes_by_file_suffix_give_articles_or_one_line_errors(folder, data, suffix, compressed):
    name = "artikel" + suffix + (".gz" if compressed else "")
    payload = gzip.compress(data) if compressed else data
    read_all([write(folder, name, payload)])


@budget(60)
@given(data=st.binary(max_size=3000), reader=st.sampled_from(READER_NAMES), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_through_each_reader_by_name(folder, data, reader, suffix):
    read_all([write(folder, "artikel" + suffix, data)], reader=reader)


@budget(30)
@given(data=st.binary(max_size=2000), cut=st.integers(min_value=0, max_value=2000))
def test_random_and_truncated_gzip_gives_articles_or_one_line_errors(folder, data, cut):
    read_all([write(folder, "artikel.txt.gz", data)])
    read_all([write(folder, "artikel.json.gz", gzip.compress(data)[:cut])])


@budget(40)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES), reader=st.sampled_from([None, *READER_NAMES]))
def test_random_bytes_analysed_from_a_file_give_a_record_or_a_read_error(folder, data, suffix, reader):
    analyse_or_error(write(folder, "artikel" + suffix, data), reader=reader)


def test_the_command_line_reports_hostile_inputs_in_one_line_each_without_a_traceback(tmp_path, cli):
    d = tmp_path / "feindlich"
    d.mkdir()
    (d / "surrogat.json").write_bytes(b'{"text": "Der Kreml \\ud800 best\\u00e4tigte."}')
    (d / "steuerzeichen.html").write_bytes(b"<html><body><p>Der Kreml<script>x</script>\x01 best\xc3\xa4tigte.</p></body></html>")
    (d / "bilder.json").write_text('{"text": "Der Kreml.", "images": [{"caption": 5}]}', encoding="utf-8")
    (d / "leer.json").write_text("[]", encoding="utf-8")
    (d / "datum.jsonl").write_text(
        '{"text": "Am Mittwoch.", "published": "vor 99999999999999 Tagen", "crawled": "0001-01-01"}\n[]\n'
    )
    (d / "zeile\nbruch.txt").write_text("Waffenruhe", encoding="utf-8")
    (d / "binaer.txt").write_bytes(bytes(range(256)))
    proc = cli("analyze", d, "--format", "jsonl")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr_text
    errors = [line for line in proc.stderr_text.splitlines() if line.startswith("error: ")]
    assert len(errors) == 4, proc.stderr_text  # the images, the empty array, the array line, the binary file
    assert any("zeile\\nbruch.txt" in line for line in proc.stdout_text.splitlines())  # the name escaped, one line
    assert len(proc.stdout_text.splitlines()) == 4  # surrogate, control character, date, line break in the name


# --- odd Unicode and quotation marks through the analysis ------------------------------------------------------


@budget(80)
@given(text=ODD_TEXT, reader=st.sampled_from([None, "pagedump"]))
@example(text="\ud800", reader=None)  # a lone surrogate: the record's id could not be hashed, nor its JSON written
@example(text="Der Kreml \udfff bestätigte.", reader="pagedump")
def test_odd_unicode_gives_a_record_or_a_read_error(text, reader):
    analyse_or_error(text, reader=reader)


@budget(40)
@given(text=ODD_TEXT, encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]), suffix=st.sampled_from(SUFFIXES))
def test_odd_unicode_in_a_file_gives_a_record_or_a_read_error(folder, text, encoding, suffix):
    analyse_or_error(write(folder, "artikel" + suffix, text.encode(encoding, errors="surrogatepass")))


@budget(80)
@given(text=QUOTED_TEXT)
def test_unbalanced_and_nested_quotation_marks_give_a_consistent_record(text):
    record = analyse_or_error(text)
    if record is None:
        return
    for statement in record.statements:
        for quote in getattr(statement, "quotes", []) or []:
            assert 0 <= quote.start <= quote.end <= len(record.text)


def test_a_one_megabyte_one_line_paragraph_gives_a_record_in_bounded_time():
    """One "sentence" of 1,000,000 characters without a full stop. Its analysed part (20,000 characters here)
    took the event rules 30 s (every trigger looked over the whole sentence: quadratic); a sentence of more
    than 400 words now gets no events and a warning."""
    line = ("Der Kreml sagte: „Die Gespräche gehen weiter“ " * 23_000)[:1_000_000]
    started = time.monotonic()
    record = analyse_or_error(line)
    assert record is not None and len(record.paragraphs) == 1 and len(record.text) == 1_000_000
    assert any("long article" in w for w in record.warnings)
    assert any("no events read in it" in w for w in record.warnings)
    assert time.monotonic() - started < 30


# --- HTML ------------------------------------------------------------------------------------------------------------

HTML_PIECES = [
    "<!DOCTYPE html>",
    "<html>",
    "<html lang='de'>",
    "<head>",
    "</head>",
    "<title>Kreml bestätigt Treffen - n-tv.de</title>",
    '<meta property="article:published_time" content="31.02.2025">',
    '<meta property="og:url" content="javascript:alert(1)">',
    '<meta name="author" content="<script>alert(1)</script>">',
    '<meta charset="x-no-such-charset">',
    '<meta property="og:title" content="&#0;&#xD800;&bogus;">',
    '<link rel="canonical" href="http://[::1/x">',
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": 123, "author": [null, {"name": 5}], '
    '"image": {"caption": []}, "datePublished": 1e20, "keywords": {"a": 1}, "publisher": [], '
    '"articleSection": [null], "description": ["x"]}</script>',
    '<script type="application/ld+json">{"@graph": [{"@type": ["NewsArticle"], "datePublished": "2025-13-45"}]}</script>',
    '<script type="application/ld+json">' + "[" * 3000 + "]" * 3000 + "</script>",
    '<script type="application/ld+json">{"@type": "NewsArticle", "mainEntity": ' * 50 + "</script>",
    "<script>document.write('<p>Eingeschleust</p>')</script>",
    "<style>p { color: red }</style>",
    "<noscript><p>Bitte JavaScript</p></noscript>",
    "<body>",
    "</body>",
    "<article>",
    "</article>",
    "<header><span class='kicker'>Kremlgesandter zufrieden</span><h1>USA und Russland</h1></header>",
    "<h1></h1>",
    "<p>Der Kreml bestätigte das Treffen, sagte Peskow am Mittwoch.</p>",
    "<p>„Wir sind zufrieden“, sagte er.</p>",
    "<p class='lead'>Ein Lead.</p>",
    "<figure><figcaption>Witkoff (Foto: dpa)<span class='credit'>dpa</span></figcaption></figure>",
    "<time datetime='2025-11-19T25:61'>gestern</time>",
    "<p>Quelle: ntv.de, ghö</p>",
    "<a href='/x'>Mehr</a>",
    "<p",
    "<div",
    "</div>",
    "<div>" * 400,
    "</div>" * 400,
    "<b><i><u>",
    '<p class="' + "a " * 50_000 + '">Attribut</p>',
    '<img src="data:image/png;base64,' + "A" * 100_000 + '">',
    "<![CDATA[ x ]]>",
    "<!-- nicht geschlossen",
    "<?xml version='1.0'?>",
    "&amp;&lt;&#x10FFFF;&#1114112;&#99999999999;",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src='file:///etc/passwd'></iframe>",
    "</html>",
]
HTML_DOCS = st.lists(st.sampled_from(HTML_PIECES) | ODD_TEXT, min_size=1, max_size=30).map("".join)


@budget(80)
@given(html=HTML_DOCS, cut=st.one_of(st.none(), st.integers(min_value=0, max_value=5000)))
@example(
    html="<html><body><p>Der Kreml<script>x</script>\x01 bestätigte.</p></body></html>", cut=None
)  # lxml refused the control character
@example(html="<p>Der Kreml\x00 bestätigte\x0c das Treffen.<style>p {}</style>\x1b</p>", cut=None)
def test_broken_and_hostile_html_gives_a_record_or_a_read_error(html, cut):
    html = html if cut is None else html[:cut]
    analyse_or_error(html, reader="html")


@budget(30)
@given(html=HTML_DOCS, suffix=st.sampled_from([".html", ".txt", ""]))
def test_broken_and_hostile_html_files_give_articles_or_one_line_errors(folder, html, suffix):
    read_all([write(folder, "seite" + suffix, html.encode("utf-8", errors="surrogatepass"))])


# --- JSON and JSON Lines with wrong types in every field ------------------------------------------------------------

FIELDS = sorted(
    {
        "text",
        "url",
        "outlet",
        "published",
        "headline",
        "kicker",
        "section",
        "authors",
        "agencies",
        "tags",
        "lead",
        "images",
        "maintext",
        "title",
        "date_publish",
        "source_domain",
        "description",
        "title_page",
        "crawled",
        "date_download",
    }
)
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**25), max_value=10**25)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(IMPOSSIBLE_DATES)
    | ODD_TEXT
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)
RECORDS = st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=8) | st.builds(
    lambda fields, body: {**fields, "text": body},
    st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=8),
    st.sampled_from(["Der Kreml bestätigte das Treffen, sagte Peskow.", "Waffenruhe"]),
)


def test_a_json_escape_of_a_lone_surrogate_becomes_a_replacement_character(folder):
    path = write(folder, "artikel.json", b'{"text": "Der Kreml \\ud800 best\\u00e4tigte das Treffen.", "authors": ["\\udfff"]}')
    record = analyse_or_error(path)
    assert record is not None and record.text == "Der Kreml \ufffd bestätigte das Treffen."
    assert record.meta.authors == ["\ufffd"]


def _json(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8", errors="surrogatepass")


@budget(80)
@given(record=RECORDS)
@example(record={"text": "Der Kreml.", "published": 1e20})
@example(record={"published": "\ud800", "text": "31.02.2025"})  # the date's warning quoted the surrogate
@example(record={"text": "Der Kreml.", "images": [{"caption": 5, "credit": []}, 3, None]})
@example(record={"text": "Der Kreml.", "images": {"caption": "x"}})
@example(record={"maintext": "Der Kreml.", "authors": [[], {"name": 5}], "date_publish": -1})
def test_a_json_record_with_wrong_types_gives_a_record_or_a_read_error(record):
    analyse_or_error(_json(record).decode("utf-8", errors="surrogatepass"), reader="json")


@budget(40)
@given(records=st.lists(RECORDS | JSON_VALUES, min_size=1, max_size=5), lines=st.booleans())
@example(records=[[]], lines=True)  # a JSON Lines file whose first line is an array was read as one document
@example(records=[[]], lines=False)  # an empty array gave neither an article nor an error
@example(records=[[{"text": "Der Kreml."}], {"text": "Waffenruhe"}], lines=True)
def test_json_files_with_wrong_types_give_articles_or_one_line_errors(folder, records, lines):
    if lines:
        path = write(folder, "artikel.jsonl", b"\n".join(_json(r) for r in records) + b"\n")
        items = read_all([path])
        assert len(items) == len(records)  # one article or one error per line
    else:
        read_all([write(folder, "artikel.json", _json(records))])


@budget(40)
@given(text=st.text(max_size=200), reader=st.sampled_from(["json", None]))
def test_random_text_read_as_json_gives_a_record_or_a_read_error(text, reader):
    analyse_or_error(text, reader=reader)


# --- dates ----------------------------------------------------------------------------------------------------------


@budget(200, deadline=5.0)
@given(value=DATE_VALUES, crawled=st.one_of(st.none(), DATE_VALUES))
@example(value="Wed, 19 Nov 2025 09:47:00 +9999", crawled=None)  # an offset of more than a day
@example(value="vor 99999999999999 Tagen", crawled="0001-01-01T00:00-14:00")  # before year 1
@example(value="gestern, 25:99 Uhr", crawled="9999-12-31T23:59:59-14:00")  # the crawl time is after year 9999 in Berlin
@example(value="gestern, 18:30 Uhr", crawled="0001-01-01")  # the day before year 1
def test_any_publication_date_is_read_or_refused_with_a_warning(value, crawled):
    shown(f"date: {value!r}, crawled {crawled!r}")
    reading = published_dates.read_published(value, crawled)
    assert reading.value is None or isinstance(reading.value, str)
    assert reading.value is not None or reading.given is None or reading.problem
    if reading.warning:
        assert "\n" not in reading.warning


@budget(200, deadline=5.0)
@given(line=st.sampled_from(IMPOSSIBLE_DATES) | st.text(max_size=60), crawled=st.one_of(st.none(), DATE_VALUES))
def test_any_date_line_is_read_or_ignored(line, crawled):
    shown(f"date line: {line!r}, crawled {crawled!r}")
    published_dates.read_date_line(line, crawled)
    published_dates.parse_date_line(line)


@budget(40)
@given(value=DATE_VALUES)
@example(value="0001-01-01T00:00-14:00")  # "am Mittwoch" before year 1
@example(value="9999-12-31")  # "gestern" is fine, "morgen" is after year 9999
def test_an_impossible_published_date_leaves_the_analysis_intact(value):
    analyse_or_error("Am Mittwoch sagte Peskow, das Treffen sei gestern gewesen.", published=value)


TIME_TEXT = st.lists(
    st.sampled_from(
        [
            "am",
            "Mittwoch",
            "31.",
            "Februar",
            "2025",
            "0",
            "vom 24. bis zum 26. Oktober",
            "seit 13 Jahren",
            "vor 99999999999999999999 Tagen",
            "in 10000 Jahren",
            "im Jahr 99999",
            "um 25:61 Uhr",
            "1e20",
            "-1",
            "Ende",
            "Anfang",
            "Mitte",
            "nächsten",
            "letzten",
            "diesen",
            "heute",
            "morgen",
            "gestern",
            "Thanksgiving",
            "Ostern",
            "Quartal",
            "Wochenende",
            "bis",
            "seit",
            " ",
            ".",
            ",",
        ]
    )
    | st.sampled_from(ODD_CHARS)
    | st.text(max_size=6),
    max_size=40,
).map(" ".join)


@budget(150, deadline=5.0)
@given(
    text=TIME_TEXT,
    published=st.one_of(
        st.none(), st.dates(), st.sampled_from([date.min, date.max, date(1, 1, 1), date(9999, 12, 31), date(2025, 2, 28)])
    ),
    narrative=st.booleans(),
)
@example(text="am Mittwoch vor 99999999999999999999 Tagen in 10000 Jahren", published=date(2025, 2, 28), narrative=False)
@example(text="gestern am Mittwoch morgen nächsten Wochenende", published=date.min, narrative=False)
@example(text="am 31. Dezember morgen nächsten Quartal", published=date.max, narrative=True)
def test_the_time_tagger_takes_any_string(text, published, narrative):
    shown(f"text: {text!r}, published {published!r}")
    for t in time_stage.tag(text, published, narrative=narrative):
        assert 0 <= t.start < t.end <= len(text) and text[t.start : t.end] == t.text
    for m in timex_rules.find(text):
        assert 0 <= m.start <= m.end <= len(text)


# --- page dumps with odd headers --------------------------------------------------------------------------------------

HEADER_LINES = [
    "Politik",
    "",
    "Kremlgesandter zufriedenUSA und Russland arbeiten an neuem Friedensplan",
    "19.11.2025, 09:47 Uhr",
    "31.02.2025, 25:61 Uhr",
    "00.00.0000, 00:00 Uhr",
    "gestern, 18:30 Uhr",
    "vor 99999999 Minuten",
    "Mi., 19.11.2025",
    "19.11.2025",
    "Witkoff-und-Dmitrijew-sollen-sich-getroffen-haben",
    "Kreml-Unterhändler Dmitrijew (Foto: picture alliance/dpa)",
    "(Foto: )",
    "Von Hubertus Volmer",
    "Von",
    "Quelle: ntv.de, ghö",
    "Quelle:",
    "Quelle: , , ,",
    "RusslandDonald TrumpAngriff auf die Ukraine",
    "Berlin (dpa) - Der Kreml bestätigte das Treffen.",
    "„Wir sind zufrieden“, sagte Peskow.",
    "Der Kreml bestätigte das Treffen, sagte Peskow.",
    "-",
    "...",
    "A" * 5000,
]
PAGE_DUMPS = st.lists(st.sampled_from(HEADER_LINES) | ODD_TEXT, min_size=1, max_size=25).map("\n".join)


@budget(80)
@given(dump=PAGE_DUMPS)
@example(dump="Politik\n\n31.02.2025, 25:61 Uhr\n\nQuelle: ntv.de, ghö")
def test_page_dumps_with_odd_headers_give_a_record_or_a_read_error(dump):
    analyse_or_error(dump, reader="pagedump")


# --- feeds and sitemaps ---------------------------------------------------------------------------------------------


def page(body: bytes, content_type: str | None = "application/xml") -> Page:
    return Page(
        url="http://127.0.0.1/feed.xml",
        final_url="http://127.0.0.1/feed.xml",
        status=200,
        content_type=content_type,
        charset=None,
        etag=None,
        last_modified=None,
        body=body,
        fetched_at="2025-11-19T09:47:00+00:00",
    )


def parse_or_error(body: bytes, content_type: str | None = "application/xml") -> Feed | None:
    shown(f"feed: {body[:3000]!r} {content_type!r}")
    started = time.monotonic()
    try:
        feed = parse_feed(page(body, content_type))
    except FeedError as exc:
        message = str(exc)
        assert message and "\n" not in message, repr(message)
        return None
    finally:
        assert time.monotonic() - started < 20, "a feed took more than 20 s"
    assert isinstance(feed, Feed) and feed.kind in ("rss", "atom", "sitemap", "sitemapindex")
    for item in feed.items + feed.sitemaps:
        assert isinstance(item.url, str) and item.url
        assert item.updated is None or isinstance(item.updated, str)
    return feed


FEED_PIECES = [
    "<?xml version='1.0' encoding='utf-8'?>",
    "<?xml version='1.0' encoding='x-unknown'?>",
    "<rss version='2.0'>",
    "<rss version='99'>",
    "<channel>",
    "<title>Nachrichten</title>",
    "<title><title>verschachtelt</title></title>",
    "<item>",
    "<item><item>",
    "<link>http://127.0.0.1/a.html</link>",
    "<link><b>http://127.0.0.1/b.html</b></link>",
    "<link>javascript:alert(1)</link>",
    "<link>file:///etc/passwd</link>",
    "<link></link>",
    "<link>http://[::1/x</link>",
    "<guid isPermaLink='true'>http://127.0.0.1/c.html</guid>",
    "<pubDate>31.02.2025</pubDate>",
    "<pubDate>Wed, 31 Feb 2025 25:61:00 +9999</pubDate>",
    "<pubDate><item/></pubDate>",
    "<pubDate>Fri, 31 Dec 99999 23:59:59 GMT</pubDate>",
    "<description><![CDATA[<script>alert(1)</script>]]></description>",
    "</item>",
    "</channel>",
    "</rss>",
    "<feed xmlns='http://www.w3.org/2005/Atom'>",
    "<entry><link href='http://127.0.0.1/d.html'/><updated>2025-13-45T99:99:99Z</updated></entry>",
    "<entry><link rel='alternate'/><link href=''/></entry>",
    "</feed>",
    "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>",
    "<url><loc>http://127.0.0.1/e.html</loc><lastmod>2025-02-30</lastmod></url>",
    "<url><loc>javascript:alert(1)</loc></url>",
    "<url><loc>file:///etc/passwd</loc></url>",
    "<url><loc></loc><news:news><news:publication_date>1e20</news:publication_date></news:news></url>",
    "<url><loc><loc>x</loc></loc></url>",
    "</urlset>",
    "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>",
    "<sitemap><loc>http://127.0.0.1/s.xml</loc><lastmod>9999-12-31T23:59:59-14:00</lastmod></sitemap>",
    "</sitemapindex>",
    "&bogus;",
    "&#0;",
    "<",
    "]]>",
]
FEEDS = st.lists(st.sampled_from(FEED_PIECES) | ODD_TEXT, min_size=1, max_size=30).map(
    lambda parts: "".join(parts).encode("utf-8", errors="surrogatepass")
)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE x [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote; ]>
"""
XINCLUDE = b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>'

HOSTILE_FEEDS = {
    "billion laughs in RSS": BILLION_LAUGHS
    + b"<rss version='2.0'><channel><title>&lol9;</title><item><title>&lol9;</title><link>http://127.0.0.1/a</link></item></channel></rss>",
    "billion laughs in a sitemap": BILLION_LAUGHS
    + b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>&lol9;</loc></url></urlset>",
    "billion laughs in Atom": BILLION_LAUGHS
    + b"<feed xmlns='http://www.w3.org/2005/Atom'><title>&lol9;</title><entry><title>&lol9;</title>"
    b"<link href='http://127.0.0.1/a'/></entry></feed>",
    "external entity in RSS": XXE
    + b"<rss version='2.0'><channel><title>&xxe;</title><item><title>&xxe;</title><link>http://127.0.0.1/&xxe;</link></item></channel></rss>",
    "external entity in a sitemap": XXE
    + b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>http://127.0.0.1/&xxe;</loc></url></urlset>",
    "external DTD": b'<?xml version="1.0"?><!DOCTYPE urlset SYSTEM "http://127.0.0.1:9/sitemap.dtd">'
    b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>http://127.0.0.1/a</loc></url></urlset>",
    "XInclude in a sitemap": b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>"
    + XINCLUDE
    + b"</loc></url></urlset>",
    "XInclude in RSS": b"<rss version='2.0'><channel><item><title>"
    + XINCLUDE
    + b"</title><link>http://127.0.0.1/a</link></item></channel></rss>",
    "a huge item": b"<rss version='2.0'><channel><item><title>"
    + b"Titel " * 1_000_000
    + b"</title><link>http://127.0.0.1/a</link></item></channel></rss>",
    "ten thousand items": b"<rss version='2.0'><channel>"
    + b"".join(b"<item><link>http://127.0.0.1/%d</link></item>" % n for n in range(10_000))
    + b"</channel></rss>",
    "deeply nested elements": b"<rss version='2.0'><channel><item>"
    + b"<x>" * 30_000
    + b"</x>" * 30_000
    + b"</item></channel></rss>",
    "a deeply nested sitemap": b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
    + b"<url>" * 100_000
    + b"</urlset>",
    "invalid XML": b"<rss version='2.0'><channel><item><link>http://127.0.0.1/a</item></rss>",
    "a truncated sitemap": b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>http://127.0.0.1/a</loc>",
    "RSS with wrong element types": b"<rss version='2.0'><channel><item><link><item/></link><pubDate><b>gestern</b></pubDate>"
    b"<title><link>x</link></title></item><item><link>http://127.0.0.1/a</link><pubDate>31.02.2025</pubDate></item>"
    b"</channel></rss>",
    "not XML at all": b"\x00\x01\x02 kein Feed",
    "HTML instead of a feed": b"<html><body><p>Der Kreml.</p></body></html>",
    "UTF-16 without a declaration": "<rss version='2.0'><channel></channel></rss>".encode("utf-16"),
}


@pytest.mark.parametrize("body", HOSTILE_FEEDS.values(), ids=HOSTILE_FEEDS.keys())
def test_a_hostile_feed_is_read_or_refused_in_one_line_and_bounded_time(body):
    feed = parse_or_error(body)
    if feed is None:
        return
    seen = " ".join(f"{i.url} {i.title or ''}" for i in feed.items + feed.sitemaps) + (feed.title or "")
    assert "root:" not in seen  # no file was read
    assert "lollollol" * 100 not in seen  # no entity was expanded a billion times


def test_a_sitemap_of_file_and_javascript_urls_lists_them_but_the_watcher_fetches_neither():
    from quellenlage.fetch.watch import _not_fetched

    feed = parse_or_error(
        b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        b"<url><loc>file:///etc/passwd</loc></url><url><loc>javascript:alert(1)</loc></url>"
        b"<url><loc>http://127.0.0.1/artikel.html</loc></url></urlset>"
    )
    assert feed is not None
    reasons = {item.url: _not_fetched(item.url) for item in feed.items}
    assert reasons["file:///etc/passwd"] and reasons["javascript:alert(1)"]
    assert reasons["http://127.0.0.1/artikel.html"] is None


@budget(80, deadline=10.0)
@given(body=FEEDS, content_type=st.sampled_from([None, "application/xml", "application/rss+xml", "text/html", "x/y; charset=z"]))
def test_any_feed_is_read_or_refused_in_one_line(body, content_type):
    parse_or_error(body, content_type)


@budget(40, deadline=10.0)
@given(body=st.binary(max_size=2000))
def test_random_bytes_as_a_feed_are_read_or_refused_in_one_line(body):
    parse_or_error(body)
