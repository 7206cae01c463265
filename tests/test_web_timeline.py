"""Timelines: TIMEX values as date ranges, events grouped across articles, the time fallback, SVG and PNG, axis
labels that never overlap, events without a date listed apart."""

from __future__ import annotations

import itertools
from datetime import date

from conftest import SEED_TXT
from test_web_support import annotated_record

import quellenlage
from quellenlage.serve.timeline import date_range, event_entries, split_events, time_entries, timeline
from quellenlage.serve.timeline_draw import (
    LABEL_WIDTH,
    PAD,
    STATUS_COLOURS,
    TICK_GAP,
    UNDATED,
    WIDTH,
    layout,
    ticks,
    to_png,
    to_svg,
)
from quellenlage.store.queries import entity_key


def test_am_3_mai_2025_is_one_day():
    assert date_range("2025-05-03") == (date(2025, 5, 3), date(2025, 5, 3))
    assert date_range("2025-11-19T09:47") == (date(2025, 11, 19), date(2025, 11, 19))


def test_im_juni_2025_is_the_whole_month():
    assert date_range("2025-06") == (date(2025, 6, 1), date(2025, 6, 30))
    assert date_range("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))


def test_ende_oktober_is_the_last_third_of_october():
    first, last = date_range("2025-10", "END")
    assert last == date(2025, 10, 31) and date(2025, 10, 20) <= first <= date(2025, 10, 22)


def test_kalenderwoche_quartal_and_jahr_are_ranges():
    assert date_range("2025-W47") == (date(2025, 11, 17), date(2025, 11, 23))
    assert date_range("2025-Q4") == (date(2025, 10, 1), date(2025, 12, 31))
    assert date_range("2025") == (date(2025, 1, 1), date(2025, 12, 31))


def test_vom_24_bis_zum_26_oktober_sommer_und_die_vierziger_are_ranges():
    assert date_range("2025-10-24/2025-10-26") == (date(2025, 10, 24), date(2025, 10, 26))
    assert date_range("2025-SU") == (date(2025, 6, 1), date(2025, 8, 31))
    assert date_range("2025-WI") == (date(2025, 12, 1), date(2026, 2, 28))
    assert date_range("194") == (date(1940, 1, 1), date(1949, 12, 31))
    assert date_range("2025-10-26/2025-10-24") is None


def test_unanchored_values_are_not_on_the_axis():
    for value in (None, "", "PRESENT_REF", "PAST_REF", "P3D", "PXY", "2025-13", "XXXX-10-24", "BC0490"):
        assert date_range(value) is None


def test_treffen_in_paris_happened_and_the_june_meeting_is_planned():
    record = annotated_record()
    basis, entries = timeline([record])
    assert basis == "events"
    assert [(e.value, e.status, e.vague) for e in entries] == [("2025-05-03", "happened", False), ("2025-06", "planned", True)]
    first = entries[0]
    assert "Friedrich Merz" in first.label and "Paris" in first.label
    # the evidence is the statement the event rests on, linked to its place in the article view
    assert first.evidence[0].text == '"Wir stehen zusammen"' and first.evidence[0].anchor == "st-s1"
    assert first.evidence[0].article_id == record.id
    # the June meeting rests on Reuters quoting diplomats: the innermost source is the origin
    assert entries[1].origins == {"Diplomaten"}


def test_two_reports_of_one_meeting_are_one_entry_with_two_reports():
    a = annotated_record()
    b = annotated_record().model_copy(update={"id": "zweiterbericht00"})
    entries = event_entries([a, b])
    paris = next(e for e in entries if e.value == "2025-05-03")
    assert paris.reports == 2 and len(paris.evidence) == 2


def test_the_dossier_timeline_keeps_the_entity_s_events_only():
    record = annotated_record()
    assert len(event_entries([record], entity=entity_key("Emmanuel Macron"))) == 2
    assert event_entries([record], entity=entity_key("Reuters")) == []


def test_without_events_the_dated_time_expressions_are_the_timeline():
    record = annotated_record().model_copy(update={"events": []})
    basis, entries = timeline([record])
    assert basis == "times"
    assert [e.value for e in entries] == ["2025-05-03", "2025-06"]
    assert entries[0].evidence[0].text.startswith("Bundeskanzler Friedrich Merz traf am 3. Mai 2025")
    assert time_entries([]) == []


def test_svg_escapes_labels_and_colours_by_status():
    record = annotated_record()
    _, entries = timeline([record])
    svg = to_svg(entries, title='Kanzlerreise <script>"')
    assert svg.startswith("<svg") and "<script>" not in svg and "&lt;script&gt;" in svg
    assert STATUS_COLOURS["happened"] in svg and STATUS_COLOURS["planned"] in svg
    assert "<rect" in svg and "<circle" in svg  # the month as a range, the day as a point


def test_png_is_a_png_of_the_same_layout():
    _, entries = timeline([annotated_record()])
    png = to_png(entries, "Kanzlerreise")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 1000
    assert to_png([], "leer")[:4] == b"\x89PNG"


def test_one_origin_when_every_chain_continues_the_same_report_the_seeds_miami_meeting():
    from quellenlage.serve.timeline import _origins

    seed = quellenlage.analyze(SEED_TXT)
    miami = next(e for e in seed.events if e.time and e.time.value == "2025-10-24/2025-10-26")
    assert len(miami.sources) == 3  # ntv.de; ntv.de → Axios; ntv.de → Axios → the officials
    assert _origins(seed, miami) == {"US-amerikanische und russische Beamte"}


# --- the axis: labels never on each other; events without a date listed apart -------------------------------


def _label_boxes(first: date, last: date, x0: float = LABEL_WIDTH, x1: float = WIDTH - PAD) -> list[tuple[float, float]]:
    return [t.box for t in ticks(first, last, x0, x1) if t.text]


def test_axis_labels_never_overlap_from_one_day_to_ten_years():
    starts = [date(2025, 11, 19), date(2024, 12, 30), date(2016, 2, 29), date(2019, 1, 1)]
    spans = [0, 1, 2, 5, 9, 14, 20, 31, 45, 60, 90, 120, 121, 180, 366, 400, 500, 730, 1096, 1500, 2000, 3000, 3653]
    for first in starts:
        for days in spans:
            last = date.fromordinal(first.toordinal() + days)
            for x0, x1 in ((LABEL_WIDTH, WIDTH - PAD), (20.0, WIDTH - PAD), (LABEL_WIDTH, LABEL_WIDTH + 120)):
                boxes = _label_boxes(first, last, x0, x1)
                assert boxes, (first, days, x1 - x0)
                for (_, right), (left, _) in itertools.pairwise(boxes):
                    assert right + TICK_GAP <= left, (first, days, x1 - x0, boxes)
                assert boxes[-1][1] <= x1 + PAD and boxes[0][0] >= x0


def test_the_axis_of_a_month_has_days_and_of_ten_years_has_years():
    month = [t.text for t in ticks(date(2025, 10, 24), date(2025, 11, 19), LABEL_WIDTH, WIDTH - PAD) if t.text]
    assert month[0] == "24.10." or month[0].endswith(".10.")
    decade = [t.text for t in ticks(date(2015, 11, 19), date(2025, 11, 19), LABEL_WIDTH, WIDTH - PAD) if t.text]
    assert decade and all(len(label) == 4 and label.isdigit() for label in decade)
    assert len(decade) >= 5  # a label for every year or every other, not one at each end only


def test_an_axis_of_seven_centuries_is_labelled_every_50_years_without_making_every_day_a_tick():
    # A story of the load test had a "visit in Loretto" dated 1294 beside a 2016 match: the axis tried a tick a
    # day (263,000 of them, then every other day, …) before the half centuries; 2.5 s of one /timeline.svg.
    import time

    started = time.perf_counter()
    labels = [t.text for t in ticks(date(1294, 12, 25), date(2016, 12, 31), LABEL_WIDTH, WIDTH - PAD) if t.text]
    assert time.perf_counter() - started < 0.5  # was 2.5 s alone
    assert labels == [str(year) for year in range(1300, 2001, 50)]


def test_a_meeting_without_a_date_is_listed_apart_not_dropped():
    record = annotated_record()
    paris = record.events[0].model_copy(update={"time": None})
    undated_record = record.model_copy(update={"events": [paris, *record.events[1:]]})
    for show in ("stated", "all"):
        dated, undated = split_events([undated_record], show=show)
        assert [e.value for e in dated] == ["2025-06"]
        assert len(undated) == 1 and "Friedrich Merz" in undated[0].label and undated[0].status == "happened"
        assert undated[0].evidence[0].text == '"Wir stehen zusammen"'
    svg = to_svg(*split_events([undated_record])[:1], "Kanzlerreise", split_events([undated_record])[1])
    assert UNDATED in svg and 'class="undated"' in svg
    _, _, shapes = layout(*split_events([undated_record])[:1], "Kanzlerreise", split_events([undated_record])[1])
    axis = next(s for s in shapes if s.kind == "line" and s.w > 0)
    heading = next(s for s in shapes if s.text == UNDATED)
    assert heading.y > axis.y + 16  # below the axis and its labels
