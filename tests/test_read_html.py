"""The HTML reader: the seed article as an ntv.de page, pages without structured
data, broken and hostile pages, and legacy encodings."""

from __future__ import annotations

import io
import json
import socket

import pytest
from conftest import SEED_HTML, SEED_TXT

from quellenlage.errors import ReadError
from quellenlage.read import read_inputs, read_text
from quellenlage.read.html import HtmlReader
from quellenlage.read.pagedump import PageDumpReader
from quellenlage.read.sources import Input, iter_inputs

SEED_URL = "https://www.n-tv.de/politik/USA-und-Russland-sollen-Geheimgespraeche-fuehren-article26172123.html"
SEED_TAGS = ["Russland", "Donald Trump", "Angriff auf die Ukraine", "USA", "Kriege und Konflikte", "Wladimir Putin"]
SEED_CAPTION = (
    "Kreml-Unterhändler Kirill Dmitrijew (l) und der US-Sondergesandte Steve Witkoff, hier bei "
    "früheren Gesprächen in St. Petersburg, sind offenbar wieder zusammengekommen."
)
SEED_CREDIT = "Vyacheslav Prokofyev/Pool Sputni"

PARAGRAPHS = [
    "Die Lokführergewerkschaft hat erneut zu einem Streik im Personenverkehr aufgerufen. "
    "Betroffen sind der Fern- und der Regionalverkehr in ganz Deutschland.",
    "Fahrgäste müssen sich ab Mittwochmorgen auf zahlreiche Ausfälle einstellen, teilte die Bahn "
    "am Dienstag mit. Ein Ersatzfahrplan soll bis zum Abend veröffentlicht werden.",
]


@pytest.fixture(scope="module")
def seed_html() -> str:
    return SEED_HTML.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_dump():
    return PageDumpReader().read_text(SEED_TXT.read_text(encoding="utf-8"), "seed.txt")


@pytest.fixture(scope="module")
def seed_article(seed_html):
    return HtmlReader().read_text(seed_html, "seed.html")


def page(body: str, head: str = "") -> str:
    """A complete German HTML page around ``body``."""
    return (
        f'<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n'
    )


def article_body(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>\n" for p in paragraphs)


def bytes_input(data: bytes, name: str = "seite.html") -> Input:
    return Input(name=name, suffix=".html", _open=lambda: io.BytesIO(data), size=len(data))


def read_one(inp: Input):
    [item] = list(HtmlReader().read(inp))
    return item


# --- the seed article ------------------------------------------------------------


def test_seed_page_metadata_matches_the_seed(seed_article, seed_dump):
    m = seed_article.meta
    assert m.outlet == "ntv.de"
    assert m.url == SEED_URL
    assert m.section == "Politik"
    assert m.kicker == "Kremlgesandter zufrieden"
    assert m.headline == "USA und Russland sollen Geheimgespräche führen"
    assert m.published == "2025-11-19T09:47+01:00"
    assert m.authors == ["ghö"]
    assert m.agencies == []
    assert m.tags == SEED_TAGS
    assert m.lead == seed_dump.meta.lead
    assert [(i.caption, i.credit) for i in m.images] == [(SEED_CAPTION, SEED_CREDIT)]
    assert seed_article.provenance.reader == "html"


def test_seed_page_body_is_the_seeds_six_paragraphs(seed_article, seed_dump):
    assert len(seed_article.body) == 6
    assert seed_article.body == seed_dump.body


def test_seed_page_composes_the_same_text_and_paragraphs_as_the_page_dump(seed_article, seed_dump):
    assert seed_article.compose() == seed_dump.compose()


def test_seed_page_read_from_a_file_is_chosen_by_suffix_and_records_its_encoding():
    [inp] = list(iter_inputs([SEED_HTML]))
    assert HtmlReader().sniff(inp, "") == 0.9
    [article] = list(read_inputs([SEED_HTML]))
    assert article.provenance.reader == "html"
    assert article.provenance.encoding == "utf-8" and article.provenance.warnings == []
    assert article.provenance.name == str(SEED_HTML)
    assert article.meta.headline == "USA und Russland sollen Geheimgespräche führen"
    assert len(article.body) == 6


def test_seed_page_text_is_recognised_as_html_without_a_file_name(seed_html, seed_dump):
    article = read_text(seed_html)
    assert article.provenance.reader == "html"
    assert article.compose() == seed_dump.compose()


def test_kicker_comes_from_the_page_title_when_the_heading_has_no_kicker_element(seed_html):
    html = seed_html.replace('<span class="article__kicker">Kremlgesandter zufrieden</span>', "")
    assert "article__kicker" not in html
    article = HtmlReader().read_text(html, "ohne-kicker.html")
    assert article.meta.kicker == "Kremlgesandter zufrieden"
    assert article.meta.headline == "USA und Russland sollen Geheimgespräche führen"


def test_seed_page_without_json_ld_still_gives_the_seed(seed_html, seed_dump):
    start = seed_html.index('<script type="application/ld+json">')
    end = seed_html.index("</script>", start) + len("</script>")
    article = HtmlReader().read_text(seed_html[:start] + seed_html[end:], "ohne-json-ld.html")
    assert article.compose() == seed_dump.compose()
    assert article.meta.published == "2025-11-19T09:47+01:00"
    assert article.meta.tags == SEED_TAGS
    assert article.meta.section == "Politik"


# --- pages without structured data -------------------------------------------------


def test_minimal_page_takes_headline_from_h1_and_date_and_author_from_meta_tags():
    head = (
        "<title>Bahn streikt wieder | Beispielblatt</title>\n"
        '<meta property="og:title" content="Bahn streikt wieder">\n'
        '<meta property="og:site_name" content="Beispielblatt">\n'
        '<meta name="author" content="Erika Mustermann">\n'
        '<meta name="date" content="2025-03-04T08:15:00+01:00">'
    )
    body = '<nav><a href="/">Start</a> <a href="/politik">Politik</a></nav>\n<h1>Bahn streikt wieder</h1>\n' + article_body(
        *PARAGRAPHS
    )
    article = HtmlReader().read_text(page(body, head), "bahn.html")
    m = article.meta
    assert m.headline == "Bahn streikt wieder"
    assert m.kicker is None
    assert m.outlet == "Beispielblatt"
    assert m.authors == ["Erika Mustermann"]
    assert m.published == "2025-03-04T08:15+01:00"
    assert m.lead is None and m.images == [] and m.tags == []
    assert article.body == PARAGRAPHS


def test_headline_comes_from_og_title_without_the_site_name_when_the_page_has_no_h1():
    head = '<title>Bahn streikt wieder - beispielblatt.de</title>\n<link rel="canonical" href="https://www.beispielblatt.de/a/1.html">'
    article = HtmlReader().read_text(page(article_body(*PARAGRAPHS), head), "bahn.html")
    assert article.meta.headline == "Bahn streikt wieder"
    assert article.meta.outlet == "beispielblatt.de"
    assert article.meta.url == "https://www.beispielblatt.de/a/1.html"


def test_date_falls_back_to_htmldate_when_no_tag_names_it():
    body = '<div class="meta">Veröffentlicht am 4. März 2025</div>\n<h1>Bahn streikt wieder</h1>\n' + article_body(*PARAGRAPHS)
    article = HtmlReader().read_text(page(body, "<title>Bahn streikt wieder</title>"), "bahn.html")
    assert article.meta.published == "2025-03-04"


def test_date_line_under_the_headline_gives_date_and_time_and_leaves_the_body():
    body = "<article><h1>Bahn streikt wieder</h1><p>04.03.2025, 08:15 Uhr</p>" + article_body(*PARAGRAPHS) + "</article>"
    article = HtmlReader().read_text(page(body), "bahn.html")
    assert article.meta.published == "2025-03-04T08:15+01:00"
    assert article.body == PARAGRAPHS


def test_figcaption_credit_element_lead_class_and_footer_agencies_are_read_from_markup():
    body = (
        '<article><header><p class="c-topline">Arbeitskampf</p><h1>Bahn streikt wieder</h1></header>'
        '<figure><img src="streik.jpg" alt=""><figcaption>Leere Bahnsteige in Köln. '
        '<span class="figure__credit">Foto: dpa</span></figcaption></figure>'
        '<p class="article__intro">Die Bahn stellt sich auf einen langen Streik ein. Pendler sollen ausweichen.</p>'
        + article_body(*PARAGRAPHS)
        + "<p>Quelle: ntv.de, mau/dpa/rts</p></article>"
    )
    article = HtmlReader().read_text(page(body), "bahn.html")
    m = article.meta
    assert m.kicker == "Arbeitskampf"
    assert m.headline == "Bahn streikt wieder"
    assert [(i.caption, i.credit) for i in m.images] == [("Leere Bahnsteige in Köln.", "dpa")]
    assert m.lead == "Die Bahn stellt sich auf einen langen Streik ein. Pendler sollen ausweichen."
    assert (m.outlet, m.authors, m.agencies) == ("ntv.de", ["mau"], ["dpa", "Reuters"])
    assert article.body == PARAGRAPHS


def test_json_ld_author_lists_keyword_lists_and_top_level_lists_are_read():
    ld = [
        {"@type": "WebPage", "name": "Beispielblatt"},
        {
            "@type": ["NewsArticle"],
            "headline": "Bahn streikt wieder",
            "datePublished": "2025-03-04T07:15:00Z",
            "author": [
                {"@type": "Person", "name": "Erika Mustermann"},
                "Max Muster",
                {"@type": "Organization", "name": "Beispielblatt-Redaktion"},
            ],
            "keywords": ["Bahn", "Streik", "GDL"],
            "articleSection": ["Wirtschaft", "Verkehr"],
            "publisher": {"@type": "Organization", "name": "Beispielblatt"},
        },
    ]
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    article = HtmlReader().read_text(page("<h1>Bahn streikt wieder</h1>" + article_body(*PARAGRAPHS), head), "bahn.html")
    m = article.meta
    assert m.authors == ["Erika Mustermann", "Max Muster"]
    assert m.tags == ["Bahn", "Streik", "GDL"]
    assert m.section == "Wirtschaft"
    assert m.outlet == "Beispielblatt"
    assert m.published == "2025-03-04T07:15+00:00"


# --- errors ------------------------------------------------------------------------


def test_truncated_html_is_an_error_naming_the_reason(seed_html):
    with pytest.raises(ReadError) as exc:
        HtmlReader().read_text(seed_html[: len(seed_html) * 2 // 3], "kaputt.html")
    assert exc.value.reason == "truncated HTML: no closing </html> tag"
    assert exc.value.name == "kaputt.html"


def test_truncated_html_read_from_an_input_is_yielded_as_an_error(seed_html):
    item = read_one(bytes_input(seed_html[:4000].encode("utf-8"), "kaputt.html"))
    assert isinstance(item, ReadError) and item.reason == "truncated HTML: no closing </html> tag"


def test_page_with_only_navigation_has_no_article_text():
    nav = (
        '<nav><ul><li><a href="/a">Politik</a></li><li><a href="/b">Wirtschaft</a></li><li><a href="/c">Sport</a></li></ul></nav>'
    )
    with pytest.raises(ReadError) as exc:
        HtmlReader().read_text(page(nav, "<title>Startseite</title>"), "nav.html")
    assert exc.value.reason == "no article text found in HTML"


# --- encodings ------------------------------------------------------------------------


def test_cp1252_page_is_read_with_a_warning():
    text = "„Wir sind gesprächsbereit“, sagte der Gewerkschaftschef am Dienstag in Frankfurt. Die Bahn äußerte sich nicht."
    html = page(
        f"<h1>Streik</h1><p>{text}</p><p>{PARAGRAPHS[0]}</p>",
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    )
    article = read_one(bytes_input(html.encode("cp1252")))
    assert article.provenance.encoding == "cp1252"
    assert len(article.provenance.warnings) == 1 and "not valid UTF-8" in article.provenance.warnings[0]
    assert article.body == [text, PARAGRAPHS[0]]


def test_declared_charset_is_honoured_when_the_bytes_are_not_utf8():
    text = "Das Ticket kostet künftig 58 € im Monat, teilte der Verkehrsverbund am Dienstag mit."
    html = page(f"<h1>Teurer</h1><p>{text}</p><p>{PARAGRAPHS[0]}</p>", "").replace('charset="utf-8"', 'charset="iso-8859-15"')
    article = read_one(bytes_input(html.encode("iso-8859-15")))
    assert article.provenance.encoding == "iso8859-15"
    assert "iso8859-15" in article.provenance.warnings[0]
    assert article.body[0] == text


def test_declared_charset_is_ignored_when_the_bytes_are_utf8():
    html = page(f"<h1>Streik</h1>{article_body(*PARAGRAPHS)}").replace('charset="utf-8"', 'charset="iso-8859-1"')
    article = read_one(bytes_input(html.encode("utf-8")))
    assert article.provenance.encoding == "utf-8" and article.provenance.warnings == []
    assert article.body == PARAGRAPHS


# --- hostile pages ------------------------------------------------------------------------


def test_script_content_never_reaches_the_text_or_the_metadata():
    head = (
        "<title>Test</title>\n"
        '<meta property="og:title" content="&lt;script&gt;alert(3)&lt;/script&gt;Überschrift">\n'
        '<meta name="description" content="&lt;img src=x onerror=alert(4)&gt;Beschreibung">'
    )
    body = (
        "<article><h1>Überschrift<script>alert(5)</script></h1>"
        f"<p>{PARAGRAPHS[0][:40]}<script>alert(1)</script>{PARAGRAPHS[0][40:]}</p>"
        f'<p>{PARAGRAPHS[1]}<img src="x" onerror="alert(2)"><style>p {{ color: red }}</style></p>'
        "<script>document.write('<p>eingeschleust alert(6)</p>')</script>"
        "<noscript><p>Bitte aktivieren Sie JavaScript.</p></noscript>"
        "</article>"
    )
    article = HtmlReader().read_text(page(body, head), "feindlich.html")
    text, _ = article.compose()
    everything = text + article.meta.model_dump_json()
    assert "alert" not in everything and "script" not in everything.lower()
    assert "eingeschleust" not in everything and "JavaScript" not in everything
    assert article.meta.headline == "Überschrift"
    assert article.body == PARAGRAPHS


def test_reading_never_opens_a_network_connection(monkeypatch, seed_html):
    def refuse(*args, **kwargs):
        raise AssertionError("the HTML reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    HtmlReader().read_text(seed_html, "seed.html")
    # htmldate fetches a string that looks like a URL; the reader reads it as text instead
    assert HtmlReader().read_text(SEED_URL, "url.html").body == [SEED_URL]


# --- sniffing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "head", "expected"),
    [
        (".html", "", 0.9),
        (".htm", "", 0.9),
        (".xhtml", "", 0.9),
        ("", "\ufeff  <!DOCTYPE html><html>", 0.8),
        ("", "<html lang=de><head>", 0.8),
        ("", "<!-- gespeichert -->\n<!doctype html>", 0.8),
        ("", "<div class=x><p>Text</p></div>", 0.8),
        ("", '{"text": "<p>Text</p>"}', 0.0),
        (".txt", "Politik\n\nKremlgesandter zufrieden", 0.0),
    ],
)
def test_sniff_is_sure_of_html_suffixes_and_html_heads(suffix, head, expected):
    inp = Input(name="x" + suffix, suffix=suffix, _open=lambda: None)  # type: ignore[arg-type,return-value]
    assert HtmlReader().sniff(inp, head) == expected


def test_markup_in_metadata_values_is_reduced_to_its_text():
    head = (
        '<meta property="og:title" content="&lt;script&gt;alert(3)&lt;/script&gt;Bahn &lt;b&gt;streikt&lt;/b&gt; wieder">\n'
        '<meta name="author" content="&lt;img src=x onerror=alert(4)&gt;Erika Mustermann">'
    )
    article = HtmlReader().read_text(page(article_body(*PARAGRAPHS), head), "bahn.html")
    assert article.meta.headline == "Bahn streikt wieder"
    assert article.meta.authors == ["Erika Mustermann"]
