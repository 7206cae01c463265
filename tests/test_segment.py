"""Sentence segmentation rules for German news, named by example."""

from __future__ import annotations

import pytest

import quellenlage


def sentences(text: str) -> list[str]:
    record = quellenlage.analyze(text)
    return [record.text[s.start : s.end] for s in record.sentences]


SEED_SENTENCES = [
    "Kremlgesandter zufrieden",
    "USA und Russland sollen Geheimgespräche führen",
    "Kreml-Unterhändler Kirill Dmitrijew (l) und der US-Sondergesandte Steve Witkoff, hier bei früheren Gesprächen in St. Petersburg, sind offenbar wieder zusammengekommen.",
    "Schon Ende Oktober trafen sich einem Bericht zufolge der Kremlgesandte Dmitriew und der US-Sonderbeauftragte Witkoff.",
    'Er habe das Gefühl, "dass die russische Position wirklich gehört wird", so Dmitriew.',
    "Moskaus Einfluss nehme zu.",
    "Die USA und Russland sollen heimlich Pläne zur Beendigung des Krieges in der Ukraine schmieden.",
    "Dies berichtet das Nachrichtenportal Axios unter Berufung auf US-amerikanische und russische Beamte.",
    "Der russische Gesandte Kirill Dmitriew sowie der US-Sonderbeauftragte Steve Witkoff und hochrangige Mitglieder der Trump-Regierung sollen sich demnach vom 24. bis zum 26. Oktober in Miami getroffen und ausführlich einen 28-Punkte-Friedensplan diskutiert haben.",
    "Dmitriew äußerte sich demnach optimistisch.",
    'Im Gegensatz zu früher habe man nun das Gefühl, "dass die russische Position wirklich gehört wird".',
    'Und weiter: "Es handelt sich eigentlich um einen viel umfassenderen Rahmen, der im Grunde genommen lautet: Wie können wir endlich dauerhafte Sicherheit in Europa, nicht nur in der Ukraine, erreichen?"',
    "Russland hat bislang in Friedensgesprächen stets auf Maximalforderungen beharrt: So solle die Ukraine ihre NATO-Bestrebungen aufgeben, sich entmilitarisieren und selbst Gebiete abtreten, die Kiew kontrolliert.",
    "Wie Axios weiter schreibt, soll der Plan vom Gaza-Deal von US-Präsident Donald Trump inspiriert worden sein und sich mit vier Themenkomplexen befassen: Frieden in der Ukraine, Sicherheitsgarantien, Sicherheit in Europa und die zukünftigen Beziehungen der USA zur Russland und der Ukraine.",
    "Noch ist aber unklar, wie die Ukraine und ihre europäischen Unterstützer dazu stehen.",
    'Der russische Gesandte sagte, die US-Seite sei derzeit dabei, den Ukrainern und Europäern die "Vorteile" ihres derzeitigen Ansatzes zu erläutern.',
    '"Dies geschieht vor dem Hintergrund, dass Russland definitiv weitere Erfolge auf dem Schlachtfeld erzielt", fügte er hinzu und sagte, Moskaus Einfluss nehme zu.',
    "Der US-Beamte bestätigte, dass das Weiße Haus begonnen habe, die Ukraine und auch europäische Beamte über den neuen Plan zu informieren.",
    "Auch von ukrainischer Seite hieß es demnach, dass Witkoff den Plan bereits mit dem ukrainischen Sicherheitsberater Rustem Umjerow diskutiert habe.",
    "Beide Seiten hoffen laut Dmitriew, vor dem nächsten Treffen zwischen US-Präsident Donald Trump und dem russischen Präsidenten Wladimir Putin ein schriftliches Dokument vorlegen zu können.",
    "Ein Gipfeltreffen in Budapest soll aber weiterhin nicht zur Debatte stehen.",
    "Das geplante Treffen war am 25. Oktober von Trump abgesagt worden.",
    "Wie Axios weiter unter Berufung auf ukrainische und amerikanische Beamte berichtet, soll das für diesen Mittwoch in der Türkei geplante Treffen zwischen Witkoff und dem ukrainischen Präsidenten Wolodymyr Selenskyj verschoben worden sein.",
    "Bei seinem Besuch in Ankara will Selenskyj die diplomatischen Bemühungen um eine Ende des Ukraine-Kriegs wiederbeleben.",
]


def test_seed_sentences_are_exactly_right():
    record = quellenlage.analyze(str(__import__("conftest").SEED_TXT))
    assert [record.text[s.start : s.end] for s in record.sentences] == SEED_SENTENCES
    kinds = [record.paragraphs[s.paragraph].kind for s in record.sentences]
    assert kinds[:4] == ["kicker", "headline", "caption", "lead"]
    assert kinds.count("lead") == 3


def test_sentences_never_cross_paragraphs_and_offsets_are_exact():
    record = quellenlage.analyze("Überschrift ohne Punkt\n\nErster Satz. Zweiter Satz.")
    assert [record.text[s.start : s.end] for s in record.sentences] == ["Überschrift ohne Punkt", "Erster Satz.", "Zweiter Satz."]
    assert [s.paragraph for s in record.sentences] == [0, 1, 1]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Das gilt z.B. für Berlin. Dann kam er.", ["Das gilt z.B. für Berlin.", "Dann kam er."]),
        ("Es kamen u.a. Vertreter der EU. Sie blieben.", ["Es kamen u.a. Vertreter der EU.", "Sie blieben."]),
        ("Gespräche in St. Petersburg fanden statt.", ["Gespräche in St. Petersburg fanden statt."]),
        ("Dr. Müller und Prof. Schmidt kamen. Sie redeten.", ["Dr. Müller und Prof. Schmidt kamen.", "Sie redeten."]),
        ("Sie treffen sich vom 24. bis zum 26. Oktober in Miami.", ["Sie treffen sich vom 24. bis zum 26. Oktober in Miami."]),
        ("Am 3. Oktober ist Feiertag.", ["Am 3. Oktober ist Feiertag."]),
        ("Das war im 19. Jahrhundert. Heute nicht.", ["Das war im 19. Jahrhundert.", "Heute nicht."]),
        (
            "Die Zahl der Toten stieg auf 12. Die Polizei ermittelt.",
            ["Die Zahl der Toten stieg auf 12.", "Die Polizei ermittelt."],
        ),
        ("Das geschah im Jahr 2025. Trump reagierte.", ["Das geschah im Jahr 2025.", "Trump reagierte."]),
        ("Er feiert zum 100. Mal. Alle kommen.", ["Er feiert zum 100. Mal.", "Alle kommen."]),
        ("Das kostet 3 Mio. Euro. Teuer.", ["Das kostet 3 Mio. Euro.", "Teuer."]),
        ("Äpfel, Birnen usw. Die Auswahl ist groß.", ["Äpfel, Birnen usw.", "Die Auswahl ist groß."]),
        ("Es spielte die Band der Stadt usw. Musik.", ["Es spielte die Band der Stadt usw. Musik."]),
        ("John F. Kennedy kam nach Berlin.", ["John F. Kennedy kam nach Berlin."]),
        ("Es kam eine DC-9. An Bord waren 80 Menschen.", ["Es kam eine DC-9.", "An Bord waren 80 Menschen."]),
        ("Bisher waren es 5.000. Mexiko reagierte.", ["Bisher waren es 5.000.", "Mexiko reagierte."]),
        ("Das Spiel endete 3:1. Danach feierten die Fans.", ["Das Spiel endete 3:1.", "Danach feierten die Fans."]),
        ("Er sagte: Wir kommen. Dann ging er.", ["Er sagte: Wir kommen.", "Dann ging er."]),
        ("Kommt er? Niemand weiß es! Warten wir ab.", ["Kommt er?", "Niemand weiß es!", "Warten wir ab."]),
        ("Wer weiß … vielleicht morgen.", ["Wer weiß … vielleicht morgen."]),
        ("Sie landeten auf Platz 19. Trainer Meier freute sich.", ["Sie landeten auf Platz 19.", "Trainer Meier freute sich."]),
        ("Es ist die 114. Space Shuttle Mission.", ["Es ist die 114. Space Shuttle Mission."]),
        ("Zu seinem 100. Geburtstages erschien ein Essay.", ["Zu seinem 100. Geburtstages erschien ein Essay."]),
        ("Neuer Fürst ist Albert II. Er regiert seit 2005.", ["Neuer Fürst ist Albert II.", "Er regiert seit 2005."]),
        ("König Rama IX. (Bhumibol) starb.", ["König Rama IX. (Bhumibol) starb."]),
        (
            "Das verstößt gegen Art. 51 der UN-Charta. Niemand widersprach.",
            ["Das verstößt gegen Art. 51 der UN-Charta.", "Niemand widersprach."],
        ),
        ("Das ist eine seltene Art. Sie lebt im Wald.", ["Das ist eine seltene Art.", "Sie lebt im Wald."]),
        (
            "Den Auftrag erhielt SpaceX. Bereits im Mai startet die Rakete.",
            ["Den Auftrag erhielt SpaceX.", "Bereits im Mai startet die Rakete."],
        ),
        ("Hongkongs Chief Executive C.Y. Leung sagte das.", ["Hongkongs Chief Executive C.Y. Leung sagte das."]),
        (
            "Es lieferten Toshiba und Sony Corp.. Diese Formate sind neu.",
            ["Es lieferten Toshiba und Sony Corp..", "Diese Formate sind neu."],
        ),
    ],
)
def test_abbreviations_ordinals_and_numbers(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Er sagte: „Das ist gut. Wir machen weiter.“ Dann ging er.",
            ["Er sagte: „Das ist gut.", "Wir machen weiter.“", "Dann ging er."],
        ),
        ("„Kommst du?“, fragte sie. Er nickte.", ["„Kommst du?“, fragte sie.", "Er nickte."]),
        ("Er nannte es »eine Farce«. »Wir gehen.« Sie gingen.", ["Er nannte es »eine Farce«.", "»Wir gehen.«", "Sie gingen."]),
        ("Sie sprach von ‚Erfolg‘. Andere nicht.", ["Sie sprach von ‚Erfolg‘.", "Andere nicht."]),
        ('Er sagte "Nein." "Warum?" fragte sie.', ['Er sagte "Nein."', '"Warum?" fragte sie.']),
        ("Sie sagte: “It works.” Er lachte.", ["Sie sagte: “It works.”", "Er lachte."]),
        ("Der Satz endet (so scheint es.) Dann kommt mehr.", ["Der Satz endet (so scheint es.)", "Dann kommt mehr."]),
    ],
)
def test_all_quotation_styles_and_quotes_spanning_sentences(text, expected):
    assert sentences(text) == expected


def test_a_quote_over_two_sentences_keeps_its_marks_with_its_sentences():
    got = sentences('"Das ist gut. Wir machen weiter", sagte er. Dann ging er.')
    assert got == ['"Das ist gut.', 'Wir machen weiter", sagte er.', "Dann ging er."]


def test_quotation_marks_in_the_hundredth_paragraph_are_read_as_in_the_first():
    """The segmenter reads each paragraph's quotation marks against the article's text, which it takes once for
    all paragraphs: a paragraph far down a long article splits as it does alone."""
    from quellenlage.analyse.segment import sentence_starts

    paragraph = 'Er sagte: "Wir kommen. Aber nicht heute." Dann ging er. „Das reicht“, sagte sie. "Nein!" Sie lachte.'
    alone = sentences(paragraph)
    assert alone == [
        'Er sagte: "Wir kommen.',
        'Aber nicht heute."',
        "Dann ging er.",
        "„Das reicht“, sagte sie.",
        '"Nein!"',
        "Sie lachte.",
    ]
    record = quellenlage.analyze("\n\n".join([paragraph] * 100))
    for p in (0, 57, 99):
        assert [record.text[s.start : s.end] for s in record.sentences if s.paragraph == p] == alone
    doc, para = record.doc, record.paragraphs[99]
    first = next(t.i for t in doc if t.idx >= para.start)
    assert sentence_starts(doc, first, len(doc), record.text) == sentence_starts(doc, first, len(doc))
