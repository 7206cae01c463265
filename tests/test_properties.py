"""Properties that hold for any input, checked on generated text and bytes (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quellenlage
from quellenlage.article import Article
from quellenlage.errors import ReadError
from quellenlage.read import read_inputs

# German-news-like material: words, numbers, abbreviations, every quotation mark, line breaks.
PIECES = st.sampled_from(
    [
        "Der",
        "Kreml",
        "sagte",
        "US-Beamte",
        "z.B.",
        "St.",
        "Dr.",
        "usw.",
        "24.",
        "Oktober",
        "2025.",
        "3:1.",
        "„",
        "“",
        '"',
        "»",
        "«",
        "‚",
        "‘",
        "’",
        ".",
        "!",
        "?",
        "…",
        ":",
        ";",
        ",",
        "(",
        ")",
        "–",
        "-",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        "\t",
        "\u00a0",
        "\u00ad",
        "Quelle: ntv.de, ghö",
        "19.11.2025, 09:47 Uhr",
        "(Foto: dpa)",
        "Ä",
        "ß",
        "iPhone",
        "USAKriege",
    ]
)
TEXTS = st.lists(PIECES, min_size=0, max_size=80).map("".join) | st.text(max_size=300)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_gives_a_consistent_record_or_a_read_error(text):
    try:
        record = quellenlage.analyze(text, reader="pagedump")
    except ReadError:
        return
    t = record.text
    previous_end = -1
    for p in record.paragraphs:
        assert previous_end < p.start < p.end <= len(t)
        assert t[p.start : p.end] == t[p.start : p.end].strip()
        previous_end = p.end
    for i, s in enumerate(record.sentences):
        para = record.paragraphs[s.paragraph]
        assert para.start <= s.start < s.end <= para.end
        if i:
            assert record.sentences[i - 1].end <= s.start
    # sentences cover every non-space character of every paragraph
    for n, p in enumerate(record.paragraphs):
        inside = [s for s in record.sentences if s.paragraph == n]
        assert inside, "every paragraph has a sentence"
        covered = "".join(t[s.start : s.end] for s in inside)
        assert "".join(covered.split()) == "".join(t[p.start : p.end].split())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000), st.sampled_from(["x.txt", "x.html", "x.json", "x.jsonl", "x"]))
def test_any_bytes_give_articles_or_read_errors_never_an_exception(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    for item in read_inputs([path]):
        assert isinstance(item, (ReadError, Article))


# Material for the stages after segmentation: names, cues of speech and report, Konjunktiv I,
# reportive "soll", time words, roles and hyphenated compounds.
STAGE_PIECES = st.sampled_from(
    [
        "Dmitriew",
        "Kirill Dmitrijew",
        "Witkoff",
        "der russische Gesandte",
        "Kreml-Unterhändler",
        "US-Präsident",
        "Trump",
        "Trumps",
        "Moskau",
        "Moskaus",
        "Axios",
        "dpa",
        "er",
        "sie",
        "Der US-Beamte",
        "von ukrainischer Seite",
        "sagte",
        "sagte er",
        "so",
        "bestätigte, dass",
        "hieß es",
        "laut",
        "zufolge",
        "unter Berufung auf",
        "demnach",
        "Dies berichtet",
        "Wie",
        "schreibt",
        "soll",
        "sollen",
        "sich getroffen haben",
        "habe",
        "sei",
        "nehme zu",
        "offenbar",
        "angeblich",
        "am Mittwoch",
        "diesen Mittwoch",
        "vom 24. bis zum 26. Oktober",
        "Ende Oktober",
        "seit 13 Jahren",
        "vor zwei Wochen",
        "Thanksgiving",
        "2025",
        "Mai",
        "28-Punkte-Plan",
        "„",
        "“",
        '"',
        "»",
        "«",
        ".",
        ",",
        ":",
        "!",
        "?",
        " ",
        " ",
        " ",
        " ",
        "\n\n",
        "Und weiter:",
    ]
)
STAGE_TEXTS = st.lists(STAGE_PIECES, min_size=1, max_size=60).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STAGE_TEXTS, st.sampled_from([None, "2025-11-19", "2025-11-19T09:47+01:00"]))
def test_every_stage_keeps_the_evidence_rules_on_any_text(text, published):
    """Entities, times and statements on generated news-like text: no exception, every
    span is the text at its offsets (checked by the pipeline), every sentence is in a statement."""
    try:
        record = quellenlage.analyze(text, published=published) if published else quellenlage.analyze(text)
    except ReadError:
        return
    assert record.offset_problems() == []
    covered = {i for st_ in record.statements for i in st_.sentences}
    assert covered >= set(range(len(record.sentences)))
    if published is None:
        relative = [t for t in record.times if t.text.startswith(("diesen", "am Mittwoch", "vor zwei"))]
        assert all(t.value is None for t in relative)
