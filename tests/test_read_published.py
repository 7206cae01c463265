"""Publication dates (read/published.py): every form a source gives → the ISO value of
``meta.published``, relative dates against the crawl date, a warning for what cannot be read;
and one end-to-end test per reader."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from quellenlage.api import analyze
from quellenlage.read import read_inputs
from quellenlage.read.html import HtmlReader
from quellenlage.read.jsonrecords import JsonReader
from quellenlage.read.pagedump import PageDumpReader
from quellenlage.read.published import first_published, read_date_line, read_published

CRAWLED = "2025-11-20 08:00:00"  # news-please's date_download form: naive, read as Europe/Berlin


def value(given, crawled=None):
    return read_published(given, crawled).value


# --- absolute dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    "given, expected",
    [
        ("2025-11-19", "2025-11-19"),
        ("2025-11-19T09:47:00Z", "2025-11-19T09:47+00:00"),
        ("2025-11-19T09:47:00+01:00", "2025-11-19T09:47+01:00"),
        ("2025-11-19T09:47:00+0100", "2025-11-19T09:47+01:00"),
        ("2025-11-19T09:47:00.000Z", "2025-11-19T09:47+00:00"),
        ("2025-11-19 09:47:00", "2025-11-19T09:47+01:00"),
        ("2025-07-01 12:00:30", "2025-07-01T12:00:30+02:00"),
    ],
)
def test_iso_mit_zone_und_ohne(given, expected):
    assert value(given) == expected


@pytest.mark.parametrize(
    "given, expected",
    [
        ("19. November 2025", "2025-11-19"),
        ("19. Nov. 2025", "2025-11-19"),
        ("19.11.2025 09:47", "2025-11-19T09:47+01:00"),
        ("19.11.2025, 09:47 Uhr", "2025-11-19T09:47+01:00"),
        ("Mittwoch, 19. November 2025, 09:47 Uhr", "2025-11-19T09:47+01:00"),
        ("Mi., 19.11.2025", "2025-11-19"),
        ("19.11.25", "2025-11-19"),
        ("1. Juli 2025, 12:00 Uhr", "2025-07-01T12:00+02:00"),
    ],
)
def test_deutsches_datum_19_november_2025(given, expected):
    assert value(given) == expected


@pytest.mark.parametrize(
    "given, expected",
    [
        ("Wed, 19 Nov 2025 09:47:00 +0100", "2025-11-19T09:47+01:00"),
        ("Wed, 19 Nov 2025 08:47:00 GMT", "2025-11-19T08:47+00:00"),
        ("Mi, 19 Nov 2025 09:47:00 MEZ", "2025-11-19T09:47+01:00"),
        ("November 19, 2025 9:47 AM", "2025-11-19T09:47+01:00"),
    ],
)
def test_rfc_2822_und_englische_formen(given, expected):
    assert value(given) == expected


def test_javascript_datum_mit_gmt_plus_0100():
    # dateutil alone would read "GMT+0100" as an hour *behind* GMT
    assert value("Wed Nov 19 2025 09:47:00 GMT+0100 (Mitteleuropäische Normalzeit)") == "2025-11-19T09:47+01:00"


def test_unbekannte_zeitzone_laesst_nur_den_tag():
    assert value("Wed, 19 Nov 2025 09:47:00 EST") == "2025-11-19"


@pytest.mark.parametrize("given", [1700000000, "1700000000", 1700000000.0])
def test_epoch_sekunden(given):
    assert value(given) == "2023-11-14T23:13:20+01:00"  # 22:13:20 UTC is 23:13:20 in Berlin


@pytest.mark.parametrize("given", [1700000000000, "1700000000000"])
def test_epoch_millisekunden(given):
    assert value(given) == "2023-11-14T23:13:20+01:00"


def test_datum_und_datetime_objekte():
    assert value(date(2025, 11, 19)) == "2025-11-19"
    assert value(datetime(2025, 11, 19, 8, 47, tzinfo=UTC)) == "2025-11-19T08:47+00:00"


# --- precision: nothing is invented ---------------------------------------------------------


def test_teilweises_datum_2023_02():
    reading = read_published("2023-02")
    assert reading.value == "2023-02"
    assert not reading.has_day
    assert reading.warning == "publication date '2023-02' has no day; relative times stay unresolved"


@pytest.mark.parametrize(
    "given, expected",
    [
        ("2023", "2023"),
        (2023, "2023"),
        ("November 2025", "2025-11"),
        ("Nov. 2025", "2025-11"),
    ],
)
def test_nur_jahr_oder_monat_bleibt_so_genau_wie_gegeben(given, expected):
    assert value(given) == expected


def test_stunde_ohne_minuten_gibt_nur_den_tag():
    assert value("2025-11-19T09") == "2025-11-19"


def test_teilweises_datum_gibt_dem_zeitstempel_keinen_tag():
    record = analyze("Gestern traf sich der Ausschuss.", published="2023-02")
    assert record.meta.published == "2023-02"
    [gestern] = [t for t in record.times if t.text == "Gestern"]
    assert gestern.value is None


# --- relative dates against the crawl date -----------------------------------------------------


def test_gestern_mit_crawl_datum():
    assert value("gestern", CRAWLED) == "2025-11-19"


@pytest.mark.parametrize("given, expected", [("heute", "2025-11-20"), ("Heute", "2025-11-20"), ("vorgestern", "2025-11-18")])
def test_heute_und_vorgestern_mit_crawl_datum(given, expected):
    assert value(given, CRAWLED) == expected


@pytest.mark.parametrize("given", ["gestern, 18:30 Uhr", "Gestern um 18:30 Uhr", "gestern 18.30"])
def test_gestern_18_30_uhr_mit_crawl_datum(given):
    assert value(given, CRAWLED) == "2025-11-19T18:30+01:00"


@pytest.mark.parametrize(
    "given, expected",
    [
        ("vor 3 Stunden", "2025-11-20"),  # the day only: "vor 3 Stunden" is rounded
        ("vor einer Stunde", "2025-11-20"),
        ("vor 9 Stunden", "2025-11-19"),  # 08:00 less 9 hours is the evening before
        ("vor 25 Minuten", "2025-11-20T07:35+01:00"),
        ("vor 2 Tagen", "2025-11-18"),
    ],
)
def test_vor_3_stunden_mit_crawl_datum(given, expected):
    assert value(given, CRAWLED) == expected


def test_crawl_datum_in_utc_zaehlt_im_berliner_tag():
    assert value("heute", "2025-11-19T23:30:00Z") == "2025-11-20"  # 00:30 in Berlin


def test_crawl_datum_als_epoch():
    assert value("gestern", 1763622000) == "2025-11-19"  # 2025-11-20T08:00+01:00


def test_gestern_ohne_crawl_datum_warnt():
    reading = read_published("gestern")
    assert reading.value is None
    assert reading.warning == (
        "publication date 'gestern' is relative and the input has no crawl date; relative times stay unresolved"
    )


def test_vor_3_stunden_braucht_die_uhrzeit_des_crawls():
    reading = read_published("vor 3 Stunden", "2025-11-20")
    assert reading.value is None and "crawl date '2025-11-20' has no time" in reading.warning


def test_vor_2_wochen_ist_zu_ungenau():
    reading = read_published("vor 2 Wochen", CRAWLED)
    assert reading.value is None
    assert reading.warning == "publication date 'vor 2 Wochen' is too vague for a day; relative times stay unresolved"


def test_unlesbares_crawl_datum_warnt():
    assert "crawl date 'kaputt' gives no day" in read_published("gestern", "kaputt").warning


# --- what cannot be read -------------------------------------------------------------------


def test_unlesbares_datum_warnt():
    reading = read_published("irgendwann")
    assert reading.value is None
    assert reading.warning == "publication date 'irgendwann' not understood; relative times stay unresolved"


@pytest.mark.parametrize("given", ["31.02.2025", "2025-02-31", "0000-00-00 00:00:00", "09:47 Uhr", "Mittwoch", True, {"a": 1}])
def test_unmoegliche_und_unvollstaendige_daten_werden_nicht_erfunden(given):
    reading = read_published(given)
    assert reading.value is None and reading.warning


def test_leeres_datum_warnt_nicht():
    assert read_published(None).warning is None and read_published("  ").warning is None


def test_langer_wert_wird_in_der_warnung_gekuerzt():
    warning = read_published("x" * 500).warning
    assert len(warning) < 150 and "…'" in warning


def test_erster_kandidat_mit_tag_gewinnt():
    assert first_published([None, "irgendwann", "2025-11", "19.11.2025"]).value == "2025-11-19"
    assert first_published(["irgendwann", "2025-11"]).value == "2025-11"
    assert first_published(["irgendwann", ""]).warning.startswith("publication date 'irgendwann'")


# --- date lines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        ("19.11.2025, 09:47 Uhr", "2025-11-19T09:47+01:00"),
        ("Mi., 19.11.25", "2025-11-19"),
        ("Sonntag, 23. November 2025, 12:00 Uhr", "2025-11-23T12:00+01:00"),
    ],
)
def test_datumszeile(line, expected):
    assert read_date_line(line).value == expected


def test_relative_datumszeile_ist_eine_datumszeile_auch_ohne_crawl_datum():
    reading = read_date_line("gestern, 18:30 Uhr")
    assert reading is not None and reading.value is None and reading.warning
    assert read_date_line("gestern, 18:30 Uhr", CRAWLED).value == "2025-11-19T18:30+01:00"


@pytest.mark.parametrize("line", ["Politik", "31.02.2025", "2025", "Am 19. November", "Die Wahl 2025"])
def test_keine_datumszeile(line):
    assert read_date_line(line) is None


# --- end to end, one per reader ---------------------------------------------------------------

NEWS_PLEASE = {
    "title": "Ausschuss tagt erneut",
    "maintext": "Der Ausschuss kam gestern zusammen. Heute soll er erneut beraten.",
    "date_publish": "gestern, 18:30 Uhr",
    "date_download": "2025-11-20 08:00:00",
    "source_domain": "www.beispielblatt.de",
    "url": "https://www.beispielblatt.de/a/1.html",
}


def test_news_please_gestern_mit_date_download(tmp_path):
    path = tmp_path / "np.jsonl"
    path.write_text(json.dumps(NEWS_PLEASE) + "\n", encoding="utf-8")
    record = analyze(path)
    assert record.source.reader == "news-please"
    assert record.meta.published == "2025-11-19T18:30+01:00"
    assert record.warnings == []
    values = {t.text: t.value for t in record.times}
    assert values == {"gestern": "2025-11-18", "Heute": "2025-11-19"}  # against the publication day


def test_news_please_gestern_ohne_date_download_warnt_und_bleibt_offen(tmp_path):
    path = tmp_path / "np.jsonl"
    path.write_text(json.dumps({k: v for k, v in NEWS_PLEASE.items() if k != "date_download"}) + "\n", encoding="utf-8")
    [article] = list(read_inputs([path]))
    assert article.meta.published is None
    assert article.provenance.warnings == [
        "publication date 'gestern, 18:30 Uhr' is relative and the input has no crawl date; relative times stay unresolved"
    ]
    record = analyze(path)
    assert record.warnings == article.provenance.warnings
    assert all(t.value is None for t in record.times)


def test_unser_json_mit_crawled_und_epoch():
    article = JsonReader().read_text(json.dumps({"text": "Ein Satz.", "published": "vor 3 Stunden", "crawled": 1763622000}))
    assert article.meta.published == "2025-11-20"
    article = JsonReader().read_text(json.dumps({"text": "Ein Satz.", "published": 1700000000000}))
    assert article.meta.published == "2023-11-14T23:13:20+01:00"


def _page(head: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n<title>Ausschuss tagt erneut</title>\n{head}\n'
        f"</head>\n<body>\n<article><h1>Ausschuss tagt erneut</h1>\n{body}\n</article>\n</body>\n</html>\n"
    )


BODY = (
    "<p>Der Ausschuss kam gestern in Berlin zusammen, um über den Haushalt zu beraten.</p>\n"
    "<p>Die Beratungen sollen in der kommenden Woche fortgesetzt werden, teilte ein Sprecher mit.</p>"
)


def test_html_mit_meta_datum_im_rfc_2822_format(tmp_path):
    path = tmp_path / "seite.html"
    path.write_text(
        _page('<meta property="article:published_time" content="Wed, 19 Nov 2025 09:47:00 +0100">', BODY), encoding="utf-8"
    )
    record = analyze(path)
    assert record.source.reader == "html"
    assert record.meta.published == "2025-11-19T09:47+01:00"
    assert record.warnings == []
    assert {t.text: t.value for t in record.times}["gestern"] == "2025-11-18"


def test_html_mit_deutschem_meta_datum_mit_wochentag():
    html = _page('<meta name="date" content="Mi., 19.11.2025 09:47 Uhr">', BODY)
    assert HtmlReader().read_text(html, "seite.html").meta.published == "2025-11-19T09:47+01:00"


def test_html_datumszeile_gestern_mit_abrufdatum():
    html = _page("", "<p>gestern, 18:30 Uhr</p>\n" + BODY)
    article = HtmlReader().read_text(html, "seite.html", crawled="2025-11-20T08:00:00+01:00")
    assert article.meta.published == "2025-11-19T18:30+01:00"
    assert not any("18:30" in p for p in article.body)  # the date line is metadata, not text
    assert article.provenance.warnings == []


def test_html_mit_unlesbarem_meta_datum_warnt():
    article = HtmlReader().read_text(_page('<meta name="date" content="irgendwann">', BODY), "seite.html")
    assert article.meta.published is None
    assert article.provenance.warnings == ["publication date 'irgendwann' not understood; relative times stay unresolved"]


DUMP = "Politik\n\nAusschuss tagt erneut\n\ngestern, 18:30 Uhr\n\nDer Ausschuss kam gestern zusammen.\n\nMehr folgt heute."


def test_seitendump_mit_relativer_datumszeile():
    m = PageDumpReader().read_text(DUMP, "dump.txt", crawled=CRAWLED).meta
    assert (m.section, m.headline, m.published, m.lead) == (
        "Politik",
        "Ausschuss tagt erneut",
        "2025-11-19T18:30+01:00",
        "Der Ausschuss kam gestern zusammen.",
    )


def test_seitendump_ohne_crawl_datum_warnt_in_der_cli(tmp_path, cli):
    path = tmp_path / "dump.txt"
    path.write_text(DUMP, encoding="utf-8")
    proc = cli("analyze", path, "--format", "json", check=True)
    record = json.loads(proc.stdout_text)
    assert record["meta"]["published"] is None and record["meta"]["headline"] == "Ausschuss tagt erneut"
    warning = "publication date 'gestern, 18:30 Uhr' is relative and the input has no crawl date; relative times stay unresolved"
    assert record["warnings"] == [warning]
    assert f"warning: {path}: {warning}" in proc.stderr_text
