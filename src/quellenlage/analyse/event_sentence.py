"""The sentence as the events stage reads it: its words, entity mentions, times and statements.

Also the small readings the events modules share: the function-word table
(``lang/de/events/words.tsv``, each kind described at its head), the word
before a mention, whether a name is part of a compound ("Kreml-Unterhändler")
and whether a word is an inflected adjective.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..lang.de.event_tables import event_words
from ..record import Mention, Record, Statement, TimeExpression
from . import segment
from .timex_tense import weak_preterite


def word_class(kind: str) -> frozenset[str]:
    """Function words of one kind (``events/words.tsv``: each kind is described at its head); none for a kind
    the table does not have (``context_<form>`` exists for a few forms only)."""
    return event_words().get(kind, frozenset())


@dataclass
class AnnotatedSentence:
    """One sentence of the record with what the earlier stages found in it."""

    index: int
    words: list[segment.Word]
    first: int  # index of its first word in the record's words
    mentions: list[tuple[Mention, str, str]]  # (mention, entity id, entity type), in text order
    roles: dict[str, list[str]]
    times: list[TimeExpression]
    statements: list[Statement]

    def __post_init__(self) -> None:
        self._starts = [w.start for w in self.words]

    def word_at(self, offset: int) -> int | None:
        """Index (within the sentence) of the word at ``offset``, None between words."""
        k = bisect.bisect_right(self._starts, offset) - 1
        return k if k >= 0 and offset < self.words[k].end else None


def read_sentences(record: Record, words: list[segment.Word]) -> list[AnnotatedSentence]:
    """The record's sentences, each with its words, entity mentions (and their entities' roles), times and
    statements."""
    starts = [w.start for w in words]
    out = []
    for k, span in enumerate(record.sentences):
        lo, hi = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
        out.append(AnnotatedSentence(k, words[lo:hi], lo, [], {}, [], []))
    credits = [(d.start, d.end) for d in record.datelines]
    for e in record.entities:
        for m in e.mentions:
            if any(a <= m.start and m.end <= b for a, b in credits):  # "Berlin (dpa) -": source metadata, no actor
                continue
            if m.sentence is not None:
                out[m.sentence].mentions.append((m, e.id, e.type))
                out[m.sentence].roles[e.id] = e.roles
    for s in out:
        s.mentions.sort(key=lambda x: x[0].start)
    for t in record.times:
        if t.sentence is not None and not any(a <= t.start and t.end <= b for a, b in credits):  # a page's time stamp
            out[t.sentence].times.append(t)
    for st in record.statements:
        for k in st.sentences:
            if 0 <= k < len(out):
                out[k].statements.append(st)
    return out


def is_modifier(record: Record, m: Mention) -> bool:
    """ "Kreml" in "Kreml-Unterhändler", "Trump" in "Trump-Regierung": part of a compound, not an actor."""
    return record.text[m.end : m.end + 1] == "-"


def before(s: AnnotatedSentence, m: Mention, back: int = 1) -> str:
    k = s.word_at(m.start)
    return s.words[k - back].text.lower() if k is not None and k - back >= 0 else ""


_INFLECTED = ("e", "en", "er", "es", "em")


def adjective(word: str) -> bool:
    """An inflected lower-case word that may stand between an article and a name ("im kanadischen Charlevoix",
    "hochrangige Mitglieder"), not a function word, auxiliary or modal ("mit", "hatten", "könnte":
    ``not_adjective``), an adverb in -weise or a weak verb's past form ("informierte")."""
    return (
        word.isalpha()
        and word.islower()
        and word.endswith(_INFLECTED)
        and not word.endswith("weise")
        and word not in word_class("not_adjective")
        and not weak_preterite(word)
    )


def opens(words: list[segment.Word], k: int) -> bool:
    """Whether word ``k`` stands where any word is capitalised: at the start of the sentence, right after an opening
    quotation mark (one attached to it: „Westliche …) or after a colon."""
    if k == 0:
        return True
    prev = words[k - 1]
    return prev.text == ":" or (prev.text in segment.QUOTE_MARKS and prev.end == words[k].start)


def adjective_at(words: list[segment.Word], k: int) -> bool:
    """Whether word ``k`` is an :func:`adjective`, also a capitalised one where any word is capitalised (:func:`opens`):
    "Westliche Diplomaten haben … beraten" as "westliche Diplomaten"; not an acronym or a word capitalised inside
    ("EUROPÄISCHE", "MeinWort")."""
    word = words[k].text
    if adjective(word):
        return True
    return word[:1].isupper() and word[1:].islower() and opens(words, k) and adjective(word.lower())
