"""JSON and JSON Lines: our field names and news-please's, auto-detected."""

from __future__ import annotations

import gzip
import json

import pytest
from conftest import SEED_NEWS_PLEASE

from quellenlage.errors import ReadError
from quellenlage.read import read_inputs
from quellenlage.read.jsonrecords import JsonReader


def _read(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return list(read_inputs([path]))


def test_our_field_names_fill_the_meta(tmp_path):
    obj = {
        "text": "Erster Absatz.\n\nZweiter Absatz.",
        "url": "https://example.org/a",
        "outlet": "taz.de",
        "published": "2025-11-19T09:47:00+01:00",
        "headline": "Titel",
        "kicker": "Dach",
        "section": "Politik",
        "authors": ["Anna Muster"],
        "tags": ["Russland", "USA"],
        "lead": "Der Vorspann.",
        "images": [{"caption": "Ein Bild.", "credit": "dpa"}],
    }
    [article] = _read(tmp_path, "a.json", json.dumps(obj))
    m = article.meta
    assert (m.outlet, m.url, m.headline, m.kicker, m.section, m.published) == (
        "taz.de",
        "https://example.org/a",
        "Titel",
        "Dach",
        "Politik",
        "2025-11-19T09:47+01:00",
    )
    assert m.authors == ["Anna Muster"] and m.tags == ["Russland", "USA"] and m.lead == "Der Vorspann."
    assert m.images[0].credit == "dpa"
    assert article.body == ["Erster Absatz.", "Zweiter Absatz."]
    assert article.provenance.reader == "json"


def test_news_please_record_is_detected_and_mapped():
    [article] = list(read_inputs([SEED_NEWS_PLEASE]))
    m = article.meta
    assert article.provenance.reader == "news-please"
    assert m.headline == "USA und Russland sollen Geheimgespräche führen"
    assert m.kicker == "Kremlgesandter zufrieden"  # from title_page "Kicker: Headline - n-tv.de"
    assert m.published == "2025-11-19T09:47+01:00"  # naive date_publish read as Europe/Berlin
    assert m.outlet == "ntv.de" and m.authors == ["ghö"]  # from the "Quelle:" footer in maintext
    assert m.url.startswith("https://www.n-tv.de/politik/")
    assert m.lead.startswith("Schon Ende Oktober")
    assert len(article.body) == 6  # the lead repeated at the top of maintext is not repeated


def test_news_please_without_footer_takes_outlet_from_source_domain(tmp_path):
    [article] = _read(tmp_path, "np.json", json.dumps({"maintext": "Text.", "title": "T", "source_domain": "www.spiegel.de"}))
    assert article.meta.outlet == "spiegel.de"


def test_json_lines_with_a_broken_line_reports_it_and_reads_the_rest(tmp_path):
    lines = [
        json.dumps({"text": "Eins."}),
        '{"text": "Zwei',
        json.dumps({"headline": "ohne Text"}),
        json.dumps({"text": "Drei."}),
    ]
    items = _read(tmp_path, "b.jsonl", "\n".join(lines) + "\n")
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "ReadError", "Article"]
    assert items[1].name.endswith("b.jsonl:2") and "invalid JSON" in items[1].reason
    assert items[2].name.endswith("b.jsonl:3") and "no text" in items[2].reason


def test_json_array_of_records_and_gzip(tmp_path):
    data = json.dumps([{"text": "Eins."}, {"text": "Zwei."}]).encode()
    items = _read(tmp_path, "c.json.gz", gzip.compress(data))
    assert [i.body for i in items] == [["Eins."], ["Zwei."]]


def test_truncated_json_document_is_one_clear_error(tmp_path):
    [err] = _read(tmp_path, "d.json", '{"text": "Der Kreml bestätigte das Tre')
    assert isinstance(err, ReadError) and "truncated" in err.reason


def test_a_record_with_text_of_the_wrong_type_is_refused(tmp_path):
    [err] = _read(tmp_path, "e.json", json.dumps({"text": ["nicht", "Text"]}))
    assert isinstance(err, ReadError) and "'text' must be a string" in err.reason


def test_json_detected_by_content_without_suffix():
    article = JsonReader().read_text('{"text": "Ein Satz.", "headline": "Titel"}')
    assert article.meta.headline == "Titel"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-11-19", "2025-11-19"),
        ("2025-11-19T09:47:00Z", "2025-11-19T09:47+00:00"),
        ("2025-07-01 12:00:30", "2025-07-01T12:00:30+02:00"),
        ("19.11.2025, 09:47 Uhr", "2025-11-19T09:47+01:00"),
        ("kein Datum", None),
    ],
)
def test_published_values_are_normalised_to_iso_8601(value, expected):
    from quellenlage.read.layout import normalise_published

    assert normalise_published(value) == expected


def test_footer_followed_by_a_tag_line_is_metadata_not_body():
    article = JsonReader().read_text(
        json.dumps({"maintext": "Erster Absatz.\nZweiter Absatz.\nQuelle: ntv.de, ghö/dpa\nRusslandDonald Trump", "title": "T"})
    )
    assert article.body == ["Erster Absatz.", "Zweiter Absatz."]
    assert (article.meta.outlet, article.meta.authors, article.meta.agencies) == ("ntv.de", ["ghö"], ["dpa"])


def test_text_opening_with_a_bracketed_line_name_is_plain_text_not_json():
    from quellenlage.read import read_text

    article = read_text("[S-Bahn M] Störung zwischen Pasing und Laim.\nDie Züge fahren wieder.", "meldung")
    assert article.provenance.reader == "text"
    assert article.body == ["[S-Bahn M] Störung zwischen Pasing und Laim.", "Die Züge fahren wieder."]
    assert read_text('{"text": "Der Kreml bestätigte das Treffen."}', "x").body == ["Der Kreml bestätigte das Treffen."]


def test_a_ticker_time_or_a_footnote_in_brackets_opens_plain_text():
    from quellenlage.read import read_text

    assert read_text("[12:30] Die Polizei meldet einen Unfall.", "ticker").provenance.reader == "text"
    assert read_text("[1] Eine Fußnote zum Bericht.", "fussnote").provenance.reader == "text"
