"""The seed as a page dump, as an HTML page and as a news-please JSON line gives
the same record: same text and meta wherever the format carries them, and the
same sentences (offsets differ only where the text does)."""

from __future__ import annotations

from conftest import SEED_HTML, SEED_NEWS_PLEASE, SEED_TXT

import quellenlage


def _paragraph_texts(record, kinds=None):
    return [(p.kind, record.text[p.start : p.end]) for p in record.paragraphs if kinds is None or p.kind in kinds]


def _sentences_by_kind(record, kinds):
    out = []
    for s in record.sentences:
        para = record.paragraphs[s.paragraph]
        if para.kind in kinds:
            out.append((para.kind, s.start - para.start, s.end - para.start, record.text[s.start : s.end]))
    return out


def test_html_page_gives_the_same_record_as_the_page_dump():
    dump = quellenlage.analyze(SEED_TXT)
    html = quellenlage.analyze(SEED_HTML)
    assert html.source.reader == "html"
    assert html.text == dump.text
    assert [s.model_dump() for s in html.sentences] == [s.model_dump() for s in dump.sentences]
    assert [p.model_dump() for p in html.paragraphs] == [p.model_dump() for p in dump.paragraphs]
    same = dump.meta.model_dump(exclude={"url"})
    assert html.meta.model_dump(exclude={"url"}) == same
    assert html.meta.url.startswith("https://www.n-tv.de/politik/")


def test_news_please_line_gives_the_same_record_where_news_please_carries_the_data():
    dump = quellenlage.analyze(SEED_TXT)
    np_record = quellenlage.analyze(SEED_NEWS_PLEASE)
    assert np_record.source.reader == "news-please"
    # news-please has no image captions: every other paragraph is identical, in order
    kinds = {"kicker", "headline", "lead", "body"}
    assert _paragraph_texts(np_record) == _paragraph_texts(dump, kinds)
    assert _sentences_by_kind(np_record, kinds) == _sentences_by_kind(dump, kinds)
    carried = {"outlet", "kicker", "headline", "published", "authors", "agencies", "lead", "language"}
    assert np_record.meta.model_dump(include=carried) == dump.meta.model_dump(include=carried)
    # ... and what it cannot carry is empty rather than guessed
    assert np_record.meta.tags == [] and np_record.meta.images == [] and np_record.meta.section is None
