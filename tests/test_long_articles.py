"""Long articles: beyond ``Settings.max_analysed_chars`` the text is kept and split into sentences, but the
stages after segmenting read only its first part, and the record says so (tested with small limits; how the
analysis time grows with the length is measured by ``bench/length.py``, not here)."""

from __future__ import annotations

import pytest

import quellenlage
from quellenlage.analyse.pipeline import analyse, analysed_part, new_record
from quellenlage.analyse.segment import segment
from quellenlage.article import Article
from quellenlage.settings import MAX_ANALYSED_CHARS_VAR, Settings

PARAGRAPHS = [
    "Bundeskanzler Olaf Scholz traf am Montag in Berlin den französischen Präsidenten Emmanuel Macron. "
    "„Wir sind uns einig“, sagte Scholz.",
    "Am Dienstag reiste Macron nach Paris zurück. Der Präsident sagte, er sei zufrieden.",
    "Die frühere Kanzlerin Angela Merkel war nicht dabei. Sie sagte der Zeitung, das Treffen sei gut gewesen.",
]
# the first part within 180 characters: the first paragraph and the first sentence of the second
FIRST_PART = PARAGRAPHS[0] + "\n\n" + "Am Dienstag reiste Macron nach Paris zurück."
WHOLE = len("\n\n".join(PARAGRAPHS))


def _without_text(record) -> dict:
    """What the stages after segmenting wrote: the record without its text, paragraphs, sentences, ids and warnings."""
    dumped = record.model_dump(mode="json")
    for field in ("id", "content_hash", "text", "paragraphs", "sentences", "warnings", "analysis"):
        dumped.pop(field)
    return dumped


def test_merkel_beyond_the_limit_is_kept_in_the_text_and_its_sentences_but_not_analysed():
    whole = analyse(Article(body=PARAGRAPHS))
    record = analyse(Article(body=PARAGRAPHS), settings=Settings(max_analysed_chars=180))
    assert record.text == whole.text and record.paragraphs == whole.paragraphs and record.sentences == whole.sentences
    assert record.warnings == [
        f"long article: analysed the first {len(FIRST_PART)} of {len(whole.text)} characters (entities, times, statements, "
        f"events); the rest is split into sentences only (limit 180, {MAX_ANALYSED_CHARS_VAR})"
    ]
    persons = {e.name for e in record.entities if e.type == "PER"}
    assert persons == {"Olaf Scholz", "Emmanuel Macron"} and "Angela Merkel" in {e.name for e in whole.entities}
    cut = len(FIRST_PART)
    assert all(m.end <= cut for e in record.entities for m in e.mentions)
    assert all(s.end <= cut for s in record.statements) and all(t.end <= cut for t in record.times)
    assert record.offset_problems() == []


def test_the_analysed_part_reads_as_an_article_of_that_part_alone():
    """Entities, statements, times and events of the first part are those of an article that ends there."""
    record = analyse(Article(body=PARAGRAPHS), settings=Settings(max_analysed_chars=180))
    alone = analyse(Article(body=FIRST_PART.split("\n\n")))
    assert alone.text == FIRST_PART and alone.warnings == []
    assert _without_text(record) == _without_text(alone)


def test_an_article_within_the_limit_is_analysed_whole_without_a_warning():
    text_length = len(analyse(Article(body=PARAGRAPHS)).text)
    at_limit = analyse(Article(body=PARAGRAPHS), settings=Settings(max_analysed_chars=text_length))
    assert at_limit.warnings == []
    assert at_limit == analyse(Article(body=PARAGRAPHS))


def test_a_text_without_full_stops_is_cut_after_its_last_word_within_the_limit():
    text = "Bundeskanzler Olaf Scholz traf in Berlin den Präsidenten Emmanuel Macron und danach Angela Merkel"
    record = analyse(Article(body=[text]), settings=Settings(max_analysed_chars=60))
    cut = text.index(" Emmanuel")  # "… den Präsidenten|": "Emmanuel" would end beyond 60 characters
    assert len(record.sentences) == 1 and record.sentences[0].end == len(text)
    assert record.warnings[0].startswith(f"long article: analysed the first {cut} of {len(text)} characters")
    assert {e.name for e in record.entities if e.type == "PER"} == {"Olaf Scholz"}
    assert [(s.start, s.end) for s in record.statements] == [(0, cut)]


def test_analysed_part_cuts_text_paragraphs_sentences_and_tokens_alike():
    record = new_record(Article(body=PARAGRAPHS))
    segment(record)
    part = analysed_part(record, 180)
    assert part.text == FIRST_PART
    assert [(p.start, p.end, p.kind) for p in part.paragraphs] == [
        (0, len(PARAGRAPHS[0]), "body"),
        (len(PARAGRAPHS[0]) + 2, len(FIRST_PART), "body"),
    ]
    assert part.sentences == record.sentences[:3]
    assert part.doc.text == part.text
    assert [(t.idx, t.text, t.is_sent_start) for t in part.doc] == [
        (t.idx, t.text, t.is_sent_start) for t in record.doc if t.idx < len(FIRST_PART)
    ]
    assert record.text != part.text and len(record.doc) > len(part.doc)  # the record itself is untouched


def test_the_limit_comes_from_quellenlage_max_analysed_chars(monkeypatch):
    assert Settings().max_analysed_chars == 400_000  # above the benchmark's longest article (200,000)
    assert Settings.from_env({MAX_ANALYSED_CHARS_VAR: "180"}).max_analysed_chars == 180
    assert Settings.from_env({MAX_ANALYSED_CHARS_VAR: "180", "QUELLENLAGE_MAX_BYTES": "1000"}) == Settings(
        max_bytes=1000, max_analysed_chars=180
    )
    for ignored in ("", "viel", "-5", "1e6"):
        assert Settings.from_env({MAX_ANALYSED_CHARS_VAR: ignored}) == Settings()
    monkeypatch.setenv(MAX_ANALYSED_CHARS_VAR, "180")
    record = quellenlage.analyze("\n\n".join(PARAGRAPHS))
    assert record.warnings == [analyse(Article(body=PARAGRAPHS), settings=Settings(max_analysed_chars=180)).warnings[0]]


@pytest.mark.parametrize("limit", [0, 1])
def test_a_limit_before_the_first_word_analyses_nothing(limit):
    record = analyse(Article(body=PARAGRAPHS), settings=Settings(max_analysed_chars=limit))
    assert record.sentences and not record.entities and not record.statements and not record.events
    assert record.warnings[0].startswith(f"long article: analysed the first 0 of {WHOLE} characters")
