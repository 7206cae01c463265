"""The page-dump reader on the seed article, and the layout rules it uses."""

from __future__ import annotations

import pytest

from quellenlage.read import layout
from quellenlage.read.pagedump import PageDumpReader

SEED_LEAD = (
    "Schon Ende Oktober trafen sich einem Bericht zufolge der Kremlgesandte Dmitriew und der "
    'US-Sonderbeauftragte Witkoff. Er habe das Gefühl, "dass die russische Position wirklich gehört '
    'wird", so Dmitriew. Moskaus Einfluss nehme zu.'
)
SEED_TAGS = ["Russland", "Donald Trump", "Angriff auf die Ukraine", "USA", "Kriege und Konflikte", "Wladimir Putin"]


def test_seed_meta_is_exact(seed_text):
    article = PageDumpReader().read_text(seed_text, "seed.txt")
    m = article.meta
    assert m.section == "Politik"
    assert m.kicker == "Kremlgesandter zufrieden"
    assert m.headline == "USA und Russland sollen Geheimgespräche führen"
    assert m.published == "2025-11-19T09:47+01:00"
    assert m.outlet == "ntv.de"
    assert m.authors == ["ghö"]
    assert m.agencies == []
    assert m.tags == SEED_TAGS
    assert m.lead == SEED_LEAD
    assert len(m.images) == 1
    assert m.images[0].credit == "Vyacheslav Prokofyev/Pool Sputni"
    assert m.images[0].caption == (
        "Kreml-Unterhändler Kirill Dmitrijew (l) und der US-Sondergesandte Steve Witkoff, hier bei "
        "früheren Gesprächen in St. Petersburg, sind offenbar wieder zusammengekommen."
    )
    assert article.provenance.reader == "pagedump"


def test_seed_has_six_body_paragraphs_without_footer_or_tags(seed_text):
    body = PageDumpReader().read_text(seed_text).body
    assert len(body) == 6
    assert body[0].startswith("Die USA und Russland sollen heimlich Pläne")
    assert body[-1].endswith("die diplomatischen Bemühungen um eine Ende des Ukraine-Kriegs wiederbeleben.")
    assert not any("Quelle:" in p or "Wladimir Putin" == p for p in body)


def test_seed_composed_text_keeps_headline_caption_lead_and_body_apart(seed_text):
    text, paragraphs = PageDumpReader().read_text(seed_text).compose()
    assert [p.kind for p in paragraphs] == ["kicker", "headline", "caption", "lead"] + ["body"] * 6
    assert text[paragraphs[1].start : paragraphs[1].end] == "USA und Russland sollen Geheimgespräche führen"
    assert "(Foto:" not in text and "Quelle:" not in text and "09:47" not in text


def test_plain_text_without_layout_is_all_body():
    text = "Der Kreml bestätigte das Treffen.\n\nEin zweiter Absatz folgt hier."
    article = PageDumpReader().read_text(text)
    assert article.meta.headline is None and article.meta.lead is None and article.meta.published is None
    assert article.body == ["Der Kreml bestätigte das Treffen.", "Ein zweiter Absatz folgt hier."]
    assert article.provenance.reader == "text"


def test_plain_text_lines_without_blank_lines_are_paragraphs_and_wrapped_words_are_joined():
    article = PageDumpReader().read_text("Die Bundes-\nregierung tagt.\nDer Ukraine-\nKrieg dauert an.")
    assert article.body == ["Die Bundes-", "regierung tagt.", "Der Ukraine-", "Krieg dauert an."]
    article = PageDumpReader().read_text("Die Bundes-\nregierung tagt. Der Ukraine-\nKrieg dauert an.\n\nZweiter Absatz.")
    assert article.body == ["Die Bundesregierung tagt. Der Ukraine-Krieg dauert an.", "Zweiter Absatz."]


def test_dump_with_footer_but_no_date_line_reads_outlet_and_agencies():
    text = "Erster Absatz des Berichts.\n\nZweiter Absatz.\n\nQuelle: ntv.de, mau/dpa/rts\n\nBerlinBundestag"
    article = PageDumpReader().read_text(text)
    assert article.meta.outlet == "ntv.de"
    assert article.meta.authors == ["mau"]
    assert article.meta.agencies == ["dpa", "Reuters"]
    assert article.meta.tags == ["Berlin", "Bundestag"]
    assert article.body == ["Erster Absatz des Berichts.", "Zweiter Absatz."]


def test_dump_with_written_out_month_and_weekday_in_date_line():
    text = (
        "Wirtschaft\n\nBörse aktuellDax schließt im Plus\n\nDienstag, 4. März 2025, 17:35 Uhr\n\nDer Dax legte zu.\n\nMehr folgt."
    )
    m = PageDumpReader().read_text(text).meta
    assert (m.section, m.kicker, m.headline, m.published) == (
        "Wirtschaft",
        "Börse aktuell",
        "Dax schließt im Plus",
        "2025-03-04T17:35+01:00",
    )
    assert m.lead == "Der Dax legte zu."


def test_summer_time_date_line_gets_plus_two_offset():
    assert layout.parse_date_line("01.07.2025, 12:00 Uhr") == "2025-07-01T12:00+02:00"


@pytest.mark.parametrize(
    "line, tags",
    [
        (
            "RusslandDonald TrumpAngriff auf die UkraineUSAKriege und KonflikteWladimir Putin",
            ["Russland", "Donald Trump", "Angriff auf die Ukraine", "USA", "Kriege und Konflikte", "Wladimir Putin"],
        ),
        ("NATOBundeswehrCDU", ["NATO", "Bundeswehr", "CDU"]),
        ("iPhoneAppleTikTok", ["iPhone", "Apple", "TikTok"]),
        ("McDonald'sFast Food", ["McDonald's", "Fast Food"]),
        ("Österreich-UngarnÄgypten", ["Österreich-Ungarn", "Ägypten"]),
    ],
)
def test_run_together_tag_line_is_split(line, tags):
    assert layout.split_run_together(line) == tags


@pytest.mark.parametrize(
    "line, kicker, headline",
    [
        (
            "Kremlgesandter zufriedenUSA und Russland sollen Geheimgespräche führen",
            "Kremlgesandter zufrieden",
            "USA und Russland sollen Geheimgespräche führen",
        ),
        ("Nach Wahl 2025Merz bildet Koalition", "Nach Wahl 2025", "Merz bildet Koalition"),
        ("Streit um Zölle!Trump droht der EU", "Streit um Zölle!", "Trump droht der EU"),
        ("Trump droht der EU", None, "Trump droht der EU"),
    ],
)
def test_kicker_run_into_headline_is_split(line, kicker, headline):
    assert layout.split_kicker(line) == (kicker, headline)


@pytest.mark.parametrize(
    "caption, text, credit",
    [
        ("Merz in Berlin. (Foto: picture alliance/dpa)", "Merz in Berlin.", "picture alliance/dpa"),
        ("Merz in Berlin. (Bild: REUTERS)", "Merz in Berlin.", "REUTERS"),
        ("Merz in Berlin. Foto: AFP", "Merz in Berlin.", "AFP"),
        ("Merz in Berlin. © dpa", "Merz in Berlin.", "dpa"),
        ("Merz in Berlin.", "Merz in Berlin.", None),
    ],
)
def test_picture_credit_is_split_from_caption(caption, text, credit):
    assert layout.split_credit(caption) == (text, credit)


def test_slug_line_is_recognised_and_a_sentence_is_not():
    assert layout.is_slug("Witkoff-und-Dmitrijew-sollen-sich-US-Medien-zufolge-nun-erneut-treffen")
    assert not layout.is_slug("Die USA und Russland sollen heimlich Pläne schmieden.")


def test_byline_between_picture_and_lead_gives_the_authors_and_is_not_the_lead():
    text = (
        "Politik\n\nAnalyseWas Putin will\n\n19.11.2025, 18:00 Uhr\n"
        "Putin-in-Moskau\nPutin in Moskau. (Foto: AP)\n\nVon Hubertus Volmer und Anna Muster\n\n"
        "Der Kreml schweigt.\n\nMehr Text.\n\nQuelle: ntv.de"
    )
    m = PageDumpReader().read_text(text).meta
    assert m.authors == ["Hubertus Volmer", "Anna Muster"]
    assert m.lead == "Der Kreml schweigt."


@pytest.mark.parametrize(
    "line, authors",
    [
        ("Von Hubertus Volmer", ["Hubertus Volmer"]),
        ("Ein Kommentar von Ursula von der Leyen", ["Ursula von der Leyen"]),
        ("Von der Leyen reist nach Kiew", None),
        ("Von Berlin aus reiste er weiter.", None),
    ],
)
def test_byline_rules(line, authors):
    assert layout.parse_byline(line) == authors


def test_agencies_in_a_dateline_are_kept_in_meta_for_every_reader():
    import quellenlage

    record = quellenlage.analyze("Berlin (dpa/AFP) - Die Bundesregierung hat entschieden.")
    assert record.meta.agencies == ["dpa", "AFP"]
    assert record.text.startswith("Berlin (dpa/AFP) - ")  # the text is not changed
    assert quellenlage.analyze("Wien – Die Gewerkschaft GPA-djp sieht Handlungsbedarf.").meta.agencies == []


def test_a_block_with_a_long_line_keeps_its_lines_apart_headline_date_line_and_credit():
    text = (
        "Solebad will Ende März aus der Insolvenz sein\n03.03.16 - 16:32\n© Eickmann\n"
        "Werne - Licht am Ende des Tunnels: Im Gleichschritt zur Neubauplanung will das Solebad bald die Insolvenz abschütteln.\n"
        "\nZweiter Absatz."
    )
    article = PageDumpReader().read_text(text)
    assert article.body[:3] == ["Solebad will Ende März aus der Insolvenz sein", "03.03.16 - 16:32", "© Eickmann"]
    assert article.body[-1] == "Zweiter Absatz."
    wrapped = "Der Minister sagte am Montag in Berlin, die\nVerhandlungen seien auf einem guten Weg.\n\nZweiter Absatz."
    assert (
        PageDumpReader().read_text(wrapped).body[0]
        == "Der Minister sagte am Montag in Berlin, die Verhandlungen seien auf einem guten Weg."
    )


def test_a_hard_wrapped_block_with_one_long_line_is_still_one_paragraph():
    text = (
        "Nach einer Schlägerei vor einer Diskothek in der Nacht zum Sonntag nahm die Polizei am Montag in Köln-Ehrenfeld\n"
        "drei Männer fest, die verdächtigt werden, einen Türsteher schwer verletzt zu haben.\n\nZweiter Absatz."
    )
    assert len(PageDumpReader().read_text(text).body) == 2
