"""The sentence as the events stage reads it: its words, entity mentions, times and statements.

Also the small readings the events modules share: the function-word table
(``lang/de/events/words.tsv``, each kind described at its head), the word
before a mention, whether a name is part of a compound ("Kreml-Unterhändler")
and whether a word is an inflected adjective.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

from ..lang import de
from ..record import Mention, Record, Statement, TimeExpression
from . import segment
from .timex_tense import weak_preterite


@cache
def _kinds(name: str) -> dict[str, frozenset[str]]:
    """A two-column table of ``lang/de/events/``, read once: kind → its lower-cased words."""
    out: dict[str, set[str]] = {}
    for row in de._rows(f"events/{name}"):
        if len(row) >= 2:
            out.setdefault(row[0], set()).add(row[1].lower())
    return {kind: frozenset(words) for kind, words in out.items()}


def table(name: str, kind: str) -> frozenset[str]:
    """The lower-cased words of one kind in a two-column table of ``lang/de/events/``."""
    return _kinds(name).get(kind, frozenset())


def word_class(kind: str) -> frozenset[str]:
    """Function words of one kind (``events/words.tsv``: each kind is described at its head)."""
    return table("words.tsv", kind)


@dataclass
class Sentence:
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


def read_sentences(record: Record, words: list[segment.Word]) -> list[Sentence]:
    """The record's sentences, each with its words, entity mentions (and their entities' roles), times and
    statements."""
    starts = [w.start for w in words]
    out = []
    for k, s in enumerate(record.sentences):
        lo, hi = bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)
        out.append(Sentence(k, words[lo:hi], lo, [], {}, [], []))
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
        if t.sentence is not None:
            out[t.sentence].times.append(t)
    for st in record.statements:
        for k in st.sentences:
            if 0 <= k < len(out):
                out[k].statements.append(st)
    return out


def is_modifier(record: Record, m: Mention) -> bool:
    """ "Kreml" in "Kreml-Unterhändler", "Trump" in "Trump-Regierung": part of a compound, not an actor."""
    return record.text[m.end : m.end + 1] == "-"


def before(s: Sentence, m: Mention, back: int = 1) -> str:
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
