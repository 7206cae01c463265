"""The span-nesting renderer: crossing spans stay properly nested HTML, text stays escaped."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st
from test_web_support import annotated_record

from quellenlage.serve.article_view import paragraphs_html
from quellenlage.serve.highlight import Mark, render_marks

TEXT = 'Merz sagte am Mittwoch: "Wir stehen zusammen."'


class _Checker(HTMLParser):
    """Collects the text and fails on any closing tag that does not close the innermost open element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def check(out: str) -> _Checker:
    checker = _Checker()
    checker.feed(out)
    checker.close()
    assert checker.stack == []
    return checker


def test_mittwoch_inside_a_quote_nests_inside_it():
    q0 = TEXT.index('"')
    t0 = TEXT.index("am Mittwoch")
    marks = [
        Mark(q0, len(TEXT), "q", (("class", "st"),)),
        Mark(t0, t0 + len("am Mittwoch"), "span", (("class", "tx"),)),
        Mark(0, 4, "a", (("href", "/entities/merz"),)),
    ]
    out = render_marks(TEXT, marks)
    assert '<a href="/entities/merz">Merz</a>' in out
    assert '<span class="tx">am Mittwoch</span>' in out
    assert check(out).text and "".join(check(out).text) == TEXT


def test_a_time_crossing_the_end_of_a_quote_is_split_into_two_fragments():
    text = '"Wir kommen am Mittwoch" nach Berlin'
    quote_end = text.index(" nach")
    time_start = text.index("Mittwoch")
    marks = [
        Mark(0, quote_end, "span", (("class", "st"),), first_attrs=(("tabindex", "0"),)),
        Mark(time_start, quote_end + len(" nach"), "span", (("class", "tx"),), first_attrs=(("id", "t1"),)),
    ]
    out = str(render_marks(text, marks))
    checker = check(out)
    assert "".join(checker.text) == text
    fragments = [attrs for tag, attrs in checker.elements if attrs.get("class") == "tx"]
    assert len(fragments) == 2  # closed at the quote's end, reopened after it
    assert [f.get("id") for f in fragments] == ["t1", None]  # the first fragment alone carries first_attrs
    assert out.count('tabindex="0"') == 1


def test_same_span_marks_nest_by_rank():
    out = str(render_marks("Dmitriew", [Mark(0, 8, "a", rank=3), Mark(0, 8, "span", rank=0)]))
    assert out == "<span><a>Dmitriew</a></span>"


def test_script_in_an_article_is_escaped_text():
    text = 'Er schrieb <script>alert("x")</script> & ging.'
    out = str(render_marks(text, [Mark(0, 2, "b")]))
    assert "<script>" not in out
    assert "&lt;script&gt;" in out and "&amp;" in out
    assert html.unescape(re.sub(r"</?b>", "", out)) == text


def test_marks_are_clipped_to_a_paragraph():
    text = "Erster Absatz.\n\nZweiter Absatz."
    second = text.index("Zweiter")
    out = str(render_marks(text, [Mark(7, second + 7, "span", first_attrs=(("id", "x"),))], second, len(text)))
    assert out == "<span>Zweiter</span> Absatz."  # no id: the span began in the paragraph before


def test_attribute_values_are_escaped():
    out = str(render_marks("Paris", [Mark(0, 5, "a", (("title", '"><script>'),))]))
    assert "<script>" not in out and "&#34;&gt;&lt;script&gt;" in out


@st.composite
def text_and_marks(draw):
    text = draw(st.text(alphabet='ab <>&"äß\n', min_size=1, max_size=30))
    n = len(text)
    marks = []
    for i in range(draw(st.integers(0, 6))):
        s = draw(st.integers(0, n))
        e = draw(st.integers(s, n))
        marks.append(Mark(s, e, draw(st.sampled_from(["span", "a", "q"])), (("data-i", str(i)),), rank=draw(st.integers(0, 3))))
    return text, marks


class _Coverage(_Checker):
    """For each character of text: the ``data-i`` values of the elements around it."""

    def __init__(self):
        super().__init__()
        self.open: list[str | None] = []
        self.cover: list[frozenset] = []

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        self.open.append(dict(attrs).get("data-i"))

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        self.open.pop()

    def handle_data(self, data):
        super().handle_data(data)
        self.cover.extend([frozenset(self.open)] * len(data))


@given(text_and_marks())
def test_any_overlap_gives_nested_html_with_the_text_intact(case):
    text, marks = case
    coverage = _Coverage()
    coverage.feed(str(render_marks(text, marks)))
    coverage.close()
    assert coverage.stack == []
    assert "".join(coverage.text) == text
    expected = [frozenset(str(i) for i, m in enumerate(marks) if m.start <= p < m.end) for p in range(len(text))]
    assert coverage.cover == expected


def test_the_annotated_article_marks_quote_time_and_entities():
    record = annotated_record()
    paragraphs = {i: html_ for i, (_, html_) in enumerate(paragraphs_html(record))}
    body = "".join(str(h) for h in paragraphs.values())
    assert 'class="st st-direct_quote"' in body and 'class="st st-reported"' in body
    assert 'title="2025-05-03"' in body and 'title="2025-06"' in body
    assert 'href="/entities/' in body
    assert "<script>" not in body and "&lt;script&gt;" in body
    for h in paragraphs.values():
        check(str(h))
