"""What a list shows for an article: its headline, or, for an article without one, its first words.

One rule everywhere an article is named (the reading room's lists, search hits, story and entity pages,
the timeline, story titles, the command line): "Bundeskanzler Friedrich Merz ist am Mittwoch in Paris mit …"
rather than a hex id. The store reads the opening words for the articles that need them
(:func:`quellenlage.store.queries.titles_of`).
"""

from __future__ import annotations

#: How many words of the text stand for a missing headline.
WORDS = 8


def opening_words(text: str, words: int = WORDS) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when there are more."""
    found = text.split()
    head = " ".join(found[:words])
    return f"{head} …" if len(found) > words else head


def article_title(headline: str | None, text: str) -> str:
    """The headline, else the opening words of the text, else "(no text)"."""
    return (headline or "").strip() or opening_words(text) or "(no text)"
