"""Who speaks: the place where a statement's speaker is decided.

Two ordered lists of small named rules; each rule is a function whose
docstring gives its German example, and the first rule that matches wins.
The rule's name travels with the speaker (:attr:`SpeakerRef.rule`,
:attr:`SpeakerRef.link_rule`) into the statement's ``trace``.

:data:`SPEAKER_RULES` find the noun phrase that is the subject or source of a
verb or noun of saying at a word index (the cue), among them: the one quoted
("zitiert einen Augenzeugen mit den Worten"), an apposition chain before the
cue ("Kemal Bedri, Vorsitzender der Wahlkommission, begründete"), the subject
of a "wie"-clause ("Wie Axios weiter schreibt"), the noun phrase opening the
clause ("Der Staatsanwalt sagte", "Russland hat … beharrt"), a pronoun
("Diese besagt", "…, das vorschlug"), the subject of a subordinate clause
("…, zumal die Verteidigerin betont hatte"), the subject after the cue ("„…“,
sagte er"), the agent of a passive ("Von den Behörden wird angenommen"), the
source of "hieß es" ("von ukrainischer Seite"), the subject after a fronted
auxiliary ("In einem Interview mit Axios hatte Selenskyj beanstandet"). The
whole list, in order, with examples: docs/attribution.md.

A candidate counts only if it can speak (:func:`can_speak`): a pronoun, a
linked name, a name, or a head noun from ``lang/de/speaker_nouns.tsv`` (a
person, group, body or a text such as a report). "Nun drohten weitere
Sperrungen" has no speaker, nor has the headline "Treffen bestätigt".

A phrase in apposition after the speaker belongs to it ("sagte die
Bürgermeisterin der Gemeinde Adorf, Petra Lang").

:data:`LINK_RULES` then link the speaker: a pronoun to the last speaker who can
be it, else to the person mentioned last; an outlet by its canonical name; a
person named in the phrase's head or apposition before any other entity it
overlaps (the person, not the place or club beside it); an entity it
overlaps; an unnamed source (``anonymous``); else the text as written.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import Generic, TypeVar

from ..lang.de import attribution_tables, entity_tables
from ..lang.de.attribution_tables import attribution_words
from ..record import Record
from . import anonymity
from .attribution_cues import (
    alternation,
    anonymous_heads,
    information_nouns,
    nationality_nouns,
    outlet_in,
    speaker_nouns,
    speaker_words,
    speech_readings,
)
from .segment import Word


def _speaker_class(name: str) -> frozenset[str]:
    """The words of one class of ``lang/de/speaker_classes.tsv``."""
    return attribution_tables.speaker_class(name)


#: Words that are clause-initial but never a speaker ("Dies berichtet …").
_NOT_SPEAKERS = _speaker_class("not_speaker")
_AUXILIARIES = _speaker_class("auxiliary")
#: Forms of "lassen" before an infinitive of saying: "Außerdem ließ der Pressedienst verlauten, …".
_LASSEN = _speaker_class("lassen")
_LEADING = _speaker_class("leading")
#: Focus adverbs before a subject: "Einzig Siemens gab bekannt, …" (speaker_for_cue skips them).
_FOCUS = _speaker_class("focus")
_PREPOSITIONS = _speaker_class("preposition")
_ATTACH = _speaker_class("attach")  # "das Verdikt vieler Nutzer"
_PUNCT_END = frozenset({",", ":", ";", ".", "!", "?", "(", ")", "–", "—", "-", '"', "„", "“", "”", "»", "«", "‚", "‘"})
_CLAUSE_BREAK = frozenset({",", ":", ";", ".", "!", "?", "–", "—"})
_RELATIVE = _speaker_class("relative")
#: Determiners that cannot open a subject ("den Rückzug", "dem 28. Dezember"): a subject rule does not match them.
_NOT_NOMINATIVE = _speaker_class("not_nominative")
_DEMONSTRATIVES = _speaker_class("demonstrative")
_RELATIVE_SUBJECTS = _speaker_class("relative_subject")
#: Conjunctions that open a subordinate clause with its subject first: "…, zumal Verteidiger X immer wieder betont hatte".
_SUBORDINATORS = _speaker_class("subordinator")
SUBORDINATORS = _SUBORDINATORS  # for the attribution stage: a clause these open is no main clause
PREPOSITIONS = _PREPOSITIONS  # … and one these open goes on with the frame (", sagte X, am Montag der APA")
_PASSIVE = _speaker_class("passive")
#: Lower-case words inside a foreign name: "Movement for Democratic Change", "Lula da Silva".
_NAME_JOINERS = _speaker_class("name_joiner")
_PARTITIVE = _speaker_class("partitive")  # "Einer der Putschisten"
_GENITIVE_ARTICLES = _speaker_class("genitive_article")
_QUANTIFIERS = _speaker_class("quantifier")  # "beide Verletzten"
_CONJUNCT_JOINERS = _speaker_class("conjunct_joiner")
_ZITIEREN = _speaker_class("zitieren")
_AFTER_QUOTED = _speaker_class("after_quoted")  # "zitiert einen Augenzeugen mit den Worten"
_NOMINATIVE_PRONOUNS = _speaker_class("nominative_pronoun")
_OBJECT_RELATIVES = _speaker_class("object_relative")  # "…, den die New York Times zitiert"
_VON = _speaker_class("von")
_AGENT = _speaker_class("agent")  # "von", "vom", "seitens"
_MEDIUM_PREPOSITIONS = _speaker_class("medium_preposition")  # "auf der Internetseite"
_HEISSEN = _speaker_class("heissen")  # "Aus Paris hieß es"
_EXPLETIVES = _speaker_class("expletive")  # "heißt es", "äußerte sich"
_IN = _speaker_class("in")  # "heißt es in dem Schreiben"
_FROM = _speaker_class("from")  # "von ukrainischer Seite", "aus informierten Kreisen"
_DATIVE_ARTICLES = _speaker_class("dative_article")  # "erklärte Senger der APA"
_MASCULINE_DETERMINERS = _speaker_class("masculine_determiner")
_FEMININE_DETERMINERS = _speaker_class("feminine_determiner")
_SEGMENT_END = frozenset({",", ":", ";", ".", "!", "?", "–", "—"})
_OPENING_MARKS = frozenset({"„", "»", '"', "«", "‚", "“"})
_CLOSING_MARKS = frozenset({"“", "«", '"', "»", "”", "‘"})


@dataclass
class SpeakerRef:
    """A speaker as found in the text, with its offsets, what it was linked to, and the rules that decided."""

    start: int
    end: int
    text: str
    entity: str | None = None
    anonymous: bool = False
    outlet: str | None = None  # canonical outlet name when the speaker is an outlet
    pronoun: bool = False
    resolved: str | None = None  # for a pronoun: the text of the speaker it refers to
    rule: str = ""  # the rule that found the speaker
    link_rule: str = ""  # the rule that linked it
    person: bool = False  # known to be a person (a PER entity or a person noun): "er"/"sie" can refer to it
    anonymity_rule: str = ""  # the anonymity rule (analyse/anonymity.py RULES) that found it anonymous

    @property
    def name(self) -> str:
        """The name a source chain shows: the outlet's, the resolved pronoun's, or the text."""
        return self.outlet or self.resolved or self.text

    def carried(self, rule: str) -> SpeakerRef:
        """The same speaker, carried to another statement by ``rule`` ("Moskaus Einfluss nehme zu.")."""
        return replace(self, rule=rule)


# --- noun phrases --------------------------------------------------------------------------------


def _is_cap(w: str) -> bool:
    """A capitalised word, or a name written in lower case with a digit, dot or hyphen ("n24", "ndr.de", "n-tv")."""
    return w[:1].isupper() or (w[:1].isalpha() and any(ch.isdigit() or ch in ".-" for ch in w[1:-1]) and len(w) > 2)


def _is_adjective(w: str) -> bool:
    if w[:1].isdigit():  # "64-jährige", "13", "27"
        return True
    return (
        w.islower()
        and w.replace("-", "").isalpha()
        and w.endswith(("e", "en", "er", "es", "em"))
        and speaker_words().get(w) is None
        and w not in speech_readings()
    )  # "nannte" is a verb


_ADVERB_ENDINGS = tuple(sorted(_speaker_class("adverb_ending")))
_NOT_ADVERBS = _speaker_class("not_adverb")  # "König", "Ludwig"


def _adverb_like(word: str) -> bool:
    """A capitalised adverb or adjective opening a sentence ("Offiziell", "Ähnlich", "Gleichzeitig"; "Sinngemäß hofft
    Musk", "Weiterhin erklärte die Ministerin", "Relativierend fügt Gall hinzu", "Stellvertretend für die
    Kommission empfahl Füle", "Abschließend sagte er": participles and adverbs, never the subject)."""
    low = word.lower()
    return low.isalpha() and low.endswith(_ADVERB_ENDINGS) and low not in _NOT_ADVERBS


def noun_phrase(words: Sequence[Word], i: int, end: int) -> int:
    """End (exclusive) of the noun phrase starting at ``words[i]``, or ``i`` when none starts there."""
    sw = speaker_words()
    if i >= end:
        return i
    w = words[i].text
    cls = sw.get(w.lower(), "")
    if cls.startswith("pron"):
        return i + 1
    j = i
    head = False
    opened = False  # a quotation mark opened before the head: "Die „Süddeutsche Zeitung“"
    if cls == "det":
        j += 1
        if w.lower() in _PARTITIVE and j < end and words[j].text.lower() in _GENITIVE_ARTICLES:
            head = True  # "Einer der Putschisten"
        elif (
            j < end and words[j].text[:1].isdigit() and "-" in words[j].text and (j + 1 >= end or not _is_cap(words[j + 1].text))
        ):
            return j + 1  # "der 81-jährige", "Der 39-Jährige" used as a noun
        elif w.lower() in _QUANTIFIERS and j < end and words[j].text.islower() and not _is_adjective(words[j].text):
            return j  # "Beide riefen gemeinsam … auf"
    while j < end:
        t = words[j].text
        low = t.lower()
        if (
            t in _OPENING_MARKS
            and i < j < end - 1
            and (head or sw.get(words[j - 1].text.lower()) == "det" or _is_adjective(words[j - 1].text))
        ):
            k = next((k for k in range(j + 2, min(end, j + 7)) if words[k].text in _CLOSING_MARKS), None)
            if k is not None and _is_cap(words[j + 1].text):  # a name in quotation marks: die „Aktion Deutschland hilft“
                head = True
                j = k + 1
                continue
        if t in ("„", "»", "«", '"') and not head and j + 1 < end:  # Die „Süddeutsche Zeitung“
            opened = True
            j += 1
            continue
        if t in ("“", "«", "»", '"', "”") and head and opened:
            opened = False
            j += 1
            continue
        if head and t.isdigit() and j > i and words[j - 1].text[:1].isupper():  # "„Channel 10“", "Apollo 11"
            j += 1
            continue
        if head and low in _NAME_JOINERS and j + 1 < end and _is_cap(words[j + 1].text):
            j += 1  # "Movement for Democratic Change", "Luiz Inácio Lula da Silva"
            continue
        if (
            head
            and t in ("’", "'")
            and j + 1 < end
            and words[j - 1].end == words[j].start
            and words[j].end == words[j + 1].start
            and words[j + 1].text[:1].isupper()
        ):  # "O’Leary"
            j += 2
            continue
        if (
            head
            and _is_adjective(t)
            and words[j - 1].text.endswith("s")
            and _is_cap(words[j - 1].text)
            and j + 1 < end
            and _is_cap(words[j + 1].text)
            and j - 1 == i
        ):  # "Mannheims oberster Bürgermeister"
            head = False
            j += 1
            continue
        if (
            (
                _is_cap(t)
                and sw.get(low, "") != "stop"
                and low not in _NOT_SPEAKERS
                and low not in _PREPOSITIONS
                and not (j == i and _adverb_like(t))
            )
            or (head and t == "(")
            or (
                not head
                and t.islower()
                and (j > i or (i > 0 and words[i - 1].text.lower() in _ATTACH))
                and _outlet(t) is not None
            )
        ):  # an agency in lower case: "einer Meldung der dpa"
            if t == "(":  # a parenthesis after the head: "(l)", "(NEMA)"
                k = j + 1
                while k < end and words[k].text != ")":
                    k += 1
                if k >= end or k - j > 12:
                    break
                j = k + 1
                continue
            head = True
            j += 1
        elif not head and _is_adjective(t):
            j += 1
        elif low == "und" and j + 1 < end and (_is_cap(words[j + 1].text) or _is_adjective(words[j + 1].text)):
            j += 1
            head = False  # "US-amerikanische und russische Beamte": a second conjunct follows
        elif (
            head
            and low in _CONJUNCT_JOINERS
            and j + 2 < end
            and sw.get(words[j + 1].text.lower()) == "det"
            and words[j + 1].text.lower() not in _NOT_NOMINATIVE
        ):  # "Die IADB und der MIF"
            k = noun_phrase(words, j + 1, end)
            if k <= j + 2:
                break
            j = k
        elif head and low in _ATTACH and j + 1 < end:
            k = noun_phrase(words, j + 1, end)
            if k == j + 1:
                break
            j = k
        else:
            break
    if not head:
        return i
    while j > i and words[j - 1].text in ("und",):
        j -= 1
    return j


def np_with_pps(words: Sequence[Word], i: int, end: int) -> int:
    """A noun phrase with the prepositional phrases after it ("ein Sprecher des Zentrums in Brisbane")."""
    n = noun_phrase(words, i, end)
    while i < n < end and words[n].text.lower() in _PREPOSITIONS:
        m = noun_phrase(words, n + 1, end)
        if m == n + 1:
            break
        n = m
    return n


def _back_to(words: Sequence[Word], lo: int, end: int, stops) -> int:
    """The first word of the run ending at ``end`` that no word of ``stops`` breaks; a parenthesis belongs to
    it, commas and all: "(National Environment Authority, NEMA)", "(PML-N)"."""
    s = end
    while s > lo and words[s - 1].text not in stops:
        if words[s - 1].text == ")":
            k = s - 1
            while k > lo and words[k - 1].text != "(" and s - k < 15:
                k -= 1
            if k > lo and words[k - 1].text == "(":
                s = k - 1
                continue
        s -= 1
    return s


def _clause_start(words: Sequence[Word], lo: int, cue: int) -> int:
    return _back_to(words, lo, cue, _CLAUSE_BREAK)


def _segment_start(words: Sequence[Word], lo: int, end: int) -> int:
    """Start of the comma-separated segment ending at ``end``; a parenthesis belongs to it ("(IGDRB)", "(PML-N)")."""
    return _back_to(words, lo, end, _SEGMENT_END)


def _sentence_start(words: Sequence[Word], lo: int, i: int) -> int:
    while i > lo and words[i - 1].text not in (".", "!", "?", ":", ";"):
        i -= 1
    return i


def _only_adverbs(words: Sequence[Word], a: int, b: int) -> bool:
    return all(speaker_words().get(w.text.lower()) == "stop" for w in words[a:b])


def _apposition_subject(words: Sequence[Word], lo: int, comma: int) -> tuple[int, int] | None:
    """The first of up to three comma-separated noun phrases ending at ``comma``, with the noun phrases in
    apposition after it: "Kemal Bedri, Vorsitzender der Wahlkommission" (a relative clause is left out:
    "Deiss, der sich dazu entschlossen hatte," → Deiss)."""
    end = comma
    found = None
    chain_end = None
    for _ in range(3):
        s = _segment_start(words, lo, end)
        n = np_with_pps(words, s, end)
        if (
            n != end and s < end and words[s].text.lower() in _RELATIVE and found is None and s > lo and words[s - 1].text == ","
        ):  # "Deiss, der sich dazu entschlossen hatte, sagte": skip the relative clause
            end = s - 1
            continue
        if n != end or s == end:
            break
        found = (s, n)
        chain_end = chain_end or n
        if s == lo or words[s - 1].text != ",":
            break
        end = s - 1
    return (found[0], chain_end or found[1]) if found else None


# --- can it speak? --------------------------------------------------------------------------------

#: Endings of abstract and other common nouns that are no speaker ("Sperrungen", "Erkenntnissen", "Lage").
_NOT_A_SPEAKER_ENDINGS = tuple(sorted(_speaker_class("not_speaker_ending")))
_INFLECTIONS = ("", "s", "n", "en", "e", "es", "er", "ern", "in", "innen", "nen")


@lru_cache(maxsize=8192)
def noun_class(word: str) -> str | None:
    """The class of a head noun from ``speaker_nouns.tsv`` (person, group, body, source), matched as the word
    or the end of a compound, with its inflection: "Regierungssprecherin" → person, "Landespolizei" → body."""
    low = word.lower().strip('„“"»«()')
    after_hyphen = low.rsplit("-", 1)[-1]
    ends, whole = speaker_nouns()
    for ending in _INFLECTIONS:
        if ending and not after_hyphen.endswith(ending):
            continue
        stem = after_hyphen[: len(after_hyphen) - len(ending)] if ending else after_hyphen
        if len(stem) < 3:
            continue
        if stem in whole:
            return whole[stem]
        for k in range(len(stem) - 3, -1, -1):  # the longest listed compound end
            cls = ends.get(stem[k:])
            if cls is not None:
                return cls
    return None


@lru_cache(maxsize=8192)
def _name_like(word: str, plural_ok: bool = True) -> bool:
    """A capitalised word that may be a name: not an abstract noun ("Sperrungen") nor a noun made of a verb
    ("Treffen"); with ``plural_ok=False`` not a plural-looking noun either ("Parolen", after the verb)."""
    from .konjunktiv import infinitives

    w = word.strip('„“"»«')
    if not w[:1].isupper() or not any(ch.isalpha() for ch in w):
        return False
    low = w.lower()
    if low.endswith(_NOT_A_SPEAKER_ENDINGS) or speaker_words().get(low) == "stop":
        return False
    if not plural_ok and low.endswith(("en", "ern", "eln")) and w not in entity_tables.first_names():  # "Parolen": plural
        return False
    verbs = infinitives()
    if low in verbs:  # "Treffen"
        return False
    if low.endswith("t") and (
        low[:-1] + "en" in verbs or low[:-1] + "n" in verbs or (low.startswith("ge") and low[2:-1] + "en" in verbs)
    ):  # "Besorgt", "Gesagt"
        return False
    return not (low.endswith("end") and low[:-1] in verbs)  # "Stellvertretend"


def _acronym(word: str) -> bool:
    """An abbreviated name ("AK", "SPD", "BND")."""
    return len(word) >= 2 and word.isupper() and word.isalpha()


class _Quoted:
    """Spans of a text (its quotations), to ask whether an offset lies in one by bisection: when they are sorted and
    disjoint, as :func:`quotes.quotations` returns them (other spans are tried one by one)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.starts = [a for a, _ in spans]
        self.disjoint = all(a < b for a, b in spans) and all(b <= a for (_, b), (a, _) in pairwise(spans))

    def holds(self, x: int, ending_by: int | None = None) -> bool:
        """Whether ``x`` lies in one of the spans (in one that ends at ``ending_by`` or before, when given)."""
        if not self.disjoint:
            return any(a <= x < b and (ending_by is None or b <= ending_by) for a, b in self.spans)
        k = bisect.bisect_right(self.starts, x) - 1  # the only span that can hold x: the last one starting at or before it
        return k >= 0 and x < self.spans[k][1] and (ending_by is None or self.spans[k][1] <= ending_by)


T = TypeVar("T")


class _RoleIndex(Generic[T]):
    """Items by role noun, to find those of the same role as a given noun (:func:`_same_role`) without trying each:
    two nouns are of the same role when a stem of one (:func:`_stems`) ends in a stem of the other of four letters
    or more. So each item is kept under every stem of its noun, and under every end of four letters or more of
    those stems."""

    def __init__(self) -> None:
        self.by_stem: dict[str, list[T]] = {}
        self.by_end: dict[str, list[T]] = {}

    def add(self, noun: str, item: T) -> None:
        for b in _stems(noun):
            if len(b) >= 4:
                self.by_stem.setdefault(b, []).append(item)
            for i in range(len(b) - 3):
                self.by_end.setdefault(b[i:], []).append(item)

    def groups(self, noun: str) -> Iterator[list[T]]:
        """Lists of the items whose noun is of the same role as ``noun`` (together all of them, some more than once;
        each list in the order added)."""
        for a in _stems(noun):
            if len(a) >= 4 and a in self.by_end:
                yield self.by_end[a]  # a stem of theirs ends in ``a``
            for i in range(len(a) - 3):
                if a[i:] in self.by_stem:
                    yield self.by_stem[a[i:]]  # ``a`` ends in a stem of theirs

    def matching(self, noun: str) -> Iterator[T]:
        for group in self.groups(noun):
            yield from group


#: An age right after a name ("Allison (47)", "Allison, 47,") or before it ("der 47-jährige Allison"): the
#: candidates :func:`age_description_to_person` reads with the age it looks for.
_AGE_AFTER = re.compile(r"\s*(?:\(\s*(\d+)\s*\)|,\s*(\d+)\s*,)")
_AGE_BEFORE = re.compile(r"\b(\d+)-[jJ]ährige[nr]?\s+$")


class Mentions:
    """The record's entity mentions, sorted, to ask which entities a span overlaps; and, made when a link rule first
    asks, what the link rules look up in the record for every speaker (its quotations, its named persons and the
    roles they were introduced with), so that linking costs no pass over the whole record per speaker."""

    def __init__(self, record: Record):
        self.record = record
        self.types = {e.id: e.type for e in record.entities}
        self.items = sorted((m.start, m.end, e.id) for e in record.entities for m in e.mentions)
        self.starts = [s for s, _, _ in self.items]
        self.longest = max((e - s for s, e, _ in self.items), default=0)
        self.times = sorted((t.start, t.end) for t in record.times)
        self.time_starts = [s for s, _ in self.times]

    def is_time(self, start: int, end: int) -> bool:
        """A time expression (from the time stage) overlaps ``[start, end)`` ("Ende Januar 2006")."""
        k = bisect.bisect_left(self.time_starts, end)
        return any(e > start for _, e in self.times[max(0, k - 3) : k])

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, entity id) of every mention overlapping ``[start, end)``, in text order."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return [m for m in self.items[lo:hi] if m[1] > start and m[0] < end]

    # --- per-record look-ups of the link rules (each made once, when first asked) ---

    @cached_property
    def quoted(self) -> _Quoted:
        """The record's quotations (:func:`_quotation_spans`)."""
        return _Quoted(_quotation_spans(self.record))

    @cached_property
    def sentence_starts(self) -> list[int] | None:
        """Start offsets of the record's sentences; None if they are not in text order (then searched one by one)."""
        starts = [s.start for s in self.record.sentences]
        return starts if all(a <= b for a, b in pairwise(starts)) else None

    @cached_property
    def persons(self) -> list[tuple[str, int, int]]:
        """(entity id, start, end) of every named person's mention (:func:`_person_mentions`), in entity order."""
        return _person_mentions(self.record, len(self.record.text) + 1)

    @cached_property
    def _person_starts(self) -> tuple[list[int], list[tuple[int, int, str, int]]]:
        """:attr:`persons` sorted by start (the entity order after that): the starts, and (start, order, entity id,
        end) for each."""
        items = sorted((s, n, eid, e) for n, (eid, s, e) in enumerate(self.persons))
        return [x[0] for x in items], items

    def persons_starting(self, lo: int, hi: int) -> list[tuple[str, int, int]]:
        """:attr:`persons` whose mention starts in ``[lo, hi]``, in entity order."""
        starts, items = self._person_starts
        found = items[bisect.bisect_left(starts, lo) : bisect.bisect_right(starts, hi)]
        return [(eid, s, e) for s, _, eid, e in sorted(found, key=lambda x: x[1])]

    @cached_property
    def role_index(self) -> _RoleIndex[tuple[str, int]]:
        """(entity id, end) of the named persons' mentions by the role nouns they were introduced with
        (:func:`_introduced_roles`)."""
        text = self.record.text
        index: _RoleIndex[tuple[str, int]] = _RoleIndex()
        for eid, s, e in self.persons:
            for role in _introduced_roles(text, s, e):
                index.add(role, (eid, e))
        return index

    @cached_property
    def persons_by_age(self) -> dict[str, list[tuple[str, int, int]]]:
        """The named persons' mentions by the age written right after or before them ("Allison (47)", "Allison,
        47,", "der 47-jährige Allison"): every one :func:`age_description_to_person` may match, in entity order."""
        text = self.record.text
        out: dict[str, list[tuple[str, int, int]]] = {}
        for eid, s, e in self.persons:
            ages = set()
            after = _AGE_AFTER.match(text[e : e + 12])
            if after is not None:
                ages.add(after.group(1) or after.group(2))
            before = _AGE_BEFORE.search(text[max(0, s - 20) : s])
            if before is not None:
                ages.add(before.group(1))
            for age in ages:
                out.setdefault(age, []).append((eid, s, e))
        return out

    @cached_property
    def entity_mentions(self) -> dict[str, list[tuple[int, int]]]:
        """Entity id → (start, end) of its mentions, in entity and mention order (every entity, not only persons)."""
        out: dict[str, list[tuple[int, int]]] = {}
        for e in self.record.entities:
            out.setdefault(e.id, []).extend((m.start, m.end) for m in e.mentions)
        return out

    @cached_property
    def _per_mentions(self) -> tuple[list[int], list[str]]:
        """The PER entities' mentions sorted by start (the entity order after that): the starts and entity ids."""
        items = sorted(
            (m.start, n, e.id)
            for n, (e, m) in enumerate((e, m) for e in self.record.entities if e.type == "PER" for m in e.mentions)
        )
        return [x[0] for x in items], [x[2] for x in items]

    def previous_person(self, offset: int, quoted: _Quoted | None = None, ending_by: int | None = None) -> str | None:
        """:func:`previous_person` of the record, with the mentions in the ``quoted`` spans (those ending by
        ``ending_by``, when given) left out: by bisection, not a pass over every mention."""
        starts, eids = self._per_mentions
        k = bisect.bisect_left(starts, offset) - 1
        while k >= 0 and starts[k] > -1:
            first = bisect.bisect_left(starts, starts[k])  # the first of the mentions starting there wins
            if quoted is None or not quoted.holds(starts[k], ending_by):
                return eids[first]
            k = first - 1
        return None

    @cached_property
    def article_persons(self) -> anonymity.ArticlePersons:
        """The named persons' spans as :func:`anonymity.of_speaker` reads them."""
        return anonymity.ArticlePersons(self.record)

    @cached_property
    def surnames(self) -> dict[str, list[tuple[str, float]]]:
        """Last word of a person's name of two words or more → (entity id, end of its first-ending mention), in
        entity order (:func:`surname_to_person`)."""
        out: dict[str, list[tuple[str, float]]] = {}
        for e in self.record.entities:
            if e.type == "PER" and len(e.name.split()) > 1:
                out.setdefault(e.name.split()[-1], []).append((e.id, min((m.end for m in e.mentions), default=math.inf)))
        return out

    @cached_property
    def named_persons(self) -> dict[str, list[tuple[int, int]]]:
        """:func:`_named_persons`."""
        text = self.record.text
        out: dict[str, list[tuple[int, int]]] = {}
        for eid, s, e in self.persons:
            if self.quoted.holds(s) or _genitive_before_noun(text, s, e) or re.match(r"s\s+[A-ZÄÖÜ][a-zäöüß]", text[e : e + 4]):
                continue
            out.setdefault(eid, []).append((s, e))
        return out

    @cached_property
    def named_next_to_speech_verb(self) -> dict[str, list[tuple[int, int]]]:
        """Those of :attr:`named_persons` named next to a verb of saying at least once (:func:`_next_to_speech_verb`)."""
        text = self.record.text
        return {
            eid: spans for eid, spans in self.named_persons.items() if any(_next_to_speech_verb(text, s, e) for s, e in spans)
        }

    @cached_property
    def last_narrated(self) -> list[int]:
        """For each sentence, the last one up to it that the narrator opens (its first word outside a quotation), -1
        if none."""
        text, out, last = self.record.text, [], -1
        for j, sent in enumerate(self.record.sentences):
            if not self.quoted.holds(_first_word_start(text, sent.start)):
                last = j
            out.append(last)
        return out


def can_speak(
    words: Sequence[Word], a: int, b: int, mentions: Mentions | None, strict: bool = False, after: bool = False
) -> bool:
    """Whether the phrase ``words[a:b]`` denotes someone who can speak: a pronoun; a noun from
    ``speaker_nouns.tsv`` ("Regierungssprecherin", "Landespolizei", "einem Bericht"); an abbreviated name ("SPD");
    an outlet; a name the entities stage found, or a word that may be a name ("Petra Lang"), when the phrase's first
    noun is one too ("Die Äußerungen Hassemers" cannot speak). Never a time ("Ende Januar"). ``strict``: a name
    must be one the entities stage found ("von Gesprächen" is no agent); ``after``: the phrase follows the verb,
    where a plural noun is more likely its object ("skandierten Parolen")."""
    if b <= a:
        return False
    first = words[a].text.lower()
    if b - a == 1 and (
        speaker_words().get(first, "").startswith("pron") or first in _DEMONSTRATIVES or first in _RELATIVE_SUBJECTS
    ):
        return first != "es"
    if b - a == 1 and first in _possessives():  # "Seine Aussage ist, …"
        return True
    if b - a == 1 and first in _standalone_determiners():  # "Beide riefen …"
        return True
    if any(words[k].text in _OPENING_MARKS and k > a for k in range(a, min(b, a + 4))):
        return True  # a name in quotation marks: die „Aktion Deutschland hilft“
    caps = _core_caps(words, a, b)
    if (
        after
        and caps
        and anonymity.is_indefinite(first)
        and noun_class(words[caps[0]].text) is None
        and not _acronym(words[caps[0]].text)
    ):
        return False  # "Jetzt droht ein Streik": an indefinite thing after the verb names nobody
    if not caps:  # "der 81-jährige"
        return noun_class(words[b - 1].text) is not None
    if mentions is not None and mentions.is_time(words[caps[0]].start, words[caps[-1]].end):
        return False
    texts = [words[k].text for k in caps]
    if any(noun_class(t) or _acronym(t) for t in texts) or _outlet(" ".join(texts)):
        return True
    if after and words[a].text.islower() and speaker_words().get(first) != "det":
        strict = True  # "Nun drohen neue Streiks": an adjective and a noun after the verb, its object or subject
    in_mention = mentions is not None and bool(mentions.overlapping(words[caps[0]].start, words[caps[-1]].end))
    first_in_mention = mentions is not None and bool(mentions.overlapping(words[caps[0]].start, words[caps[0]].end))
    if not (_name_like(texts[0], not after) or first_in_mention):
        return False
    return in_mention or (not strict and all(_name_like(t, not after) for t in texts if t[:1].isalpha()))


def _core_caps(words: Sequence[Word], a: int, b: int) -> list[int]:
    """Indexes of the capitalised words of a noun phrase before its first attachment or preposition:
    "US-amerikanische", "Beamte" in "US-amerikanische und russische Beamte"; "Sprecher" in "Der Sprecher des Hauses"."""
    out: list[int] = []
    for k in range(a, b):
        t = words[k].text
        low = t.lower()
        if out and (low in _ATTACH or low in _PREPOSITIONS or t in ("(", ",")):
            break
        if _is_cap(t) and t not in _OPENING_MARKS and t not in _CLOSING_MARKS and speaker_words().get(low) is None:
            out.append(k)
    return out


# --- the speaker of a cue: the rules --------------------------------------------------------------


@dataclass
class CueSite:
    """Where a cue stands: the words, the clause range ``[lo, hi)``, the cue's index and its clause's start."""

    words: Sequence[Word]
    lo: int
    hi: int
    cue: int
    text: str
    s: int  # the start of the cue's clause, past leading "und", "auch" …
    mentions: Mentions | None = None

    @property
    def low(self) -> str:
        return self.words[self.s].text.lower() if self.s < len(self.words) else ""


#: What a speaker rule finds: the word range [a, b) of the speaker, or None.
SpeakerSpan = tuple[int, int] | None


def object_of_zitieren(c: CueSite) -> SpeakerSpan:
    """Die Frankfurter Rundschau zitiert einen Augenzeugen mit den Worten: „…“ → the one quoted (the subject
    quotes; the attribution stage puts it in the source chain)."""
    words, cue = c.words, c.cue
    if words[cue].text.lower() not in _ZITIEREN or c.s >= cue:
        return None
    if any(w.text.lower() in _PASSIVE for w in words[c.s : cue]):
        return None
    j = cue + 1
    while j < c.hi and speaker_words().get(words[j].text.lower()) == "stop":
        j += 1
    n = noun_phrase(words, j, c.hi)
    if n > j and (n >= c.hi or words[n].text in (":", ",", ".") or words[n].text.lower() in _AFTER_QUOTED):
        return j, n
    return None


def apposition_before_cue(c: CueSite) -> SpeakerSpan:
    """Kemal Bedri, Vorsitzender der Wahlkommission, begründete die Entscheidung …"""
    words = c.words
    if c.s == c.cue and c.s > c.lo and words[c.s - 1].text == ",":
        first = _apposition_subject(words, c.lo, c.s - 1)
        if first is not None and first[0] == _sentence_start(words, c.lo, c.s):
            return first
    return None


def wie_start(words: Sequence[Word], lo: int, s: int) -> int | None:
    """The "wie" opening the clause that starts at ``s``, across noun phrases in apposition: "Wie Steve Marshall,
    Sprecher der UN-Büros in Birma, in Bangkok mitteilte" (from "in Bangkok" back to "Wie")."""
    k = s
    for _ in range(3):
        if k < len(words) and words[k].text.lower() == "wie":
            if k < s and np_with_pps(words, k + 1, _next_comma(words, k, s)) != _next_comma(words, k, s):
                return None  # "Wie Axios berichtet, sagte der Minister": a verb of its own
            return k
        if k <= lo or words[k - 1].text != ",":
            return None
        e = k - 1
        k = _segment_start(words, lo, e)
        if words[k].text.lower() != "wie" and np_with_pps(words, k, e) != e:
            return None
    return None


def _next_comma(words: Sequence[Word], k: int, s: int) -> int:
    return next((j for j in range(k, s) if words[j].text == ","), s)


def wie_subject(c: CueSite) -> SpeakerSpan:
    """Wie Axios weiter schreibt, soll der Plan …; Wie Steve Marshall, Sprecher der UN-Büros in Birma, in Bangkok
    mitteilte, …; …, wie es die Stadtverwaltung in einer Mitteilung formulierte (after the object "es")."""
    if not c.s < c.cue and not (c.s > c.lo and c.words[c.s - 1].text == ","):
        return None
    k = wie_start(c.words, c.lo, c.s)
    if k is None or k >= c.cue:
        return None
    if k + 2 < c.cue and c.words[k + 1].text == "es" and k == c.s:
        k += 1  # "wie es die Stadtverwaltung nannte": "es" is the object, the subject follows it
    n = noun_phrase(c.words, k + 1, c.cue)
    if n <= k + 1:
        return None
    if k < c.s:  # the appositions belong to the speaker
        return k + 1, c.s - 1
    return k + 1, n


def pronoun_after_finite_cue(c: CueSite) -> SpeakerSpan:
    """Nähere Einzelheiten gab er nicht bekannt. / Die große Anzahl der Fans schreibt er dem Zufall zu. / Der Politik
    schlug er vor, … → "er": a nominative pronoun right after the finite verb is its subject; what stands before
    is an object. A sentence opening with "Der"/"Die" is no relative clause (only one after a comma is: "…,
    die er erwähnte")."""
    words, cue = c.words, c.cue
    relative = c.low in _RELATIVE and c.s > c.lo and words[c.s - 1].text in (",", "(", "–", "—")
    if (
        c.s < cue
        and cue + 1 < c.hi
        and words[cue + 1].text.lower() in _NOMINATIVE_PRONOUNS
        and c.low not in _SUBORDINATORS
        and not relative
        and c.low != "wie"
    ):
        return cue + 1, cue + 2
    return None


def subject_after_object(c: CueSite) -> SpeakerSpan:
    """Der Zeitung sagte Filep Karma: „…“ — but not "Der Wetterdienst erwartet Sturm.": a single bare noun after
    the verb that is neither a found name nor a speaker noun is the verb's object, and the phrase before it the
    subject."""
    words, cue = c.words, c.cue
    nxt = words[cue + 1].text if cue + 1 < c.hi else ""
    if _is_cap(nxt) and speaker_words().get(nxt.lower()) is None and c.s < cue:
        n = noun_phrase(words, cue + 1, c.hi)
        if n > cue + 1 and (n >= c.hi or words[n].text in (":", ",", ".")):
            head = words[cue + 1]
            if (
                n == cue + 2
                and c.mentions is not None
                and not c.mentions.overlapping(head.start, head.end)
                and noun_class(nxt) is None
                and not _acronym(nxt)
            ):
                return None
            return cue + 1, n
    return None


def subject_before_cue(c: CueSite) -> SpeakerSpan:
    """Der Staatsanwalt sagte, …; Russland hat bislang auf Maximalforderungen beharrt; Ein Regierungssprecher in
    Berlin sagte, …; Beide riefen die Parteien auf, … (a determiner standing alone before the verb is a pronoun,
    the subject; "die Parteien" after the verb is the object)"""
    words, s, cue = c.words, c.s, c.cue
    sw = speaker_words()
    if not (s < cue and (c.low not in _NOT_SPEAKERS or sw.get(c.low) == "det")):
        return None
    if s + 1 == cue and c.low in attribution_words("manner_adverb"):
        return None  # "Kurz gesagt geht es um Folgendes": an adverb of manner, no subject
    if c.low in _AUXILIARIES and _after_apposition(words, c.lo, s):
        return None  # "Der Fraktionschef, Karl Huber, hatte Lenz aufgefordert": the clause after the apposition opens
        # with its finite auxiliary; its subject stands before it (apposition_subject), "Lenz" is the object (VERSION 16)
    if (
        s + 1 == cue
        and c.low in _standalone_determiners()
        and words[s].text[:1].isupper()
        and (s == c.lo or words[s - 1].text in (".", "!", "?", ":", ";"))
    ):
        return s, cue
    n = noun_phrase(words, s, cue)
    if n <= s:
        return None
    if (
        n == cue
        or words[n].text.lower() in _AUXILIARIES
        or (sw.get(words[n].text.lower()) == "stop" and n < cue and _only_adverbs(words, n, cue))
    ):
        return s, n
    k = n  # prepositional phrases and adverbs up to the cue
    while k < cue and sw.get(words[k].text.lower()) == "stop":
        k = max(k + 1, noun_phrase(words, k + 1, cue))
    if k == cue:
        e = cue
        while e > n and sw.get(words[e - 1].text.lower()) == "stop":
            e -= 1
        return s, e
    return None


def _after_apposition(words: Sequence[Word], lo: int, s: int) -> bool:
    """``words[s]`` follows a noun phrase in apposition between commas: "Der Fraktionschef, Karl Huber, hatte …" (not
    "Vorwürfe, die Klage bedeute Wasser auf die Mühlen, hatte …": a clause stands between the commas)."""
    if s <= lo or words[s - 1].text != ",":
        return False
    start = _segment_start(words, lo, s - 1)
    return start > lo and words[start - 1].text == "," and np_with_pps(words, start, s - 1) == s - 1 > start


def pronoun_before_cue(c: CueSite) -> SpeakerSpan:
    """Diese besagt, dass …; …, das vorschlug, eine Zone einzurichten; …, bei dem man davon ausgeht, dass …"""
    words, s, cue = c.words, c.s, c.cue
    sw = speaker_words()
    j = cue - 1
    while j >= s and sw.get(words[j].text.lower()) == "stop":
        j -= 1
    if j < s:
        return None
    low = words[j].text.lower()
    before = [w.text.lower() for w in words[s:j]]
    if low in _DEMONSTRATIVES and not before:
        return j, j + 1
    if low in _RELATIVE_SUBJECTS and not before and s > c.lo and words[s - 1].text == ",":
        return (j, j + 1) if _antecedent_can_speak(c, s - 1) else None
    if (
        c.low in _RELATIVE_SUBJECTS
        and s > c.lo
        and words[s - 1].text == ","
        and _verb_final(words, cue, c.hi)
        and noun_phrase(words, s, cue) == s
    ):  # "…, der in einer ersten Stellungnahme vor dem Parlament betonte"
        return (s, s + 1) if _antecedent_can_speak(c, s - 1) else None
    if (
        sw.get(low, "").startswith("pron")
        and low != "es"
        and (not before or before[-1] in _RELATIVE or before[-1] in _SUBORDINATORS)
    ):  # not "Für sie fordert X"
        return j, j + 1
    return None


def _antecedent_can_speak(c: CueSite, comma: int) -> bool:
    """The word before the comma opening a relative clause can be its antecedent speaker: a found name, a speaker
    noun or an acronym ("…, von Ägypten, das vorschlug", "…, der Minister, der betonte"); not a number or an
    abstract noun ("… 32 Prozent, die sagen, …": "die" then names nobody)."""
    if comma <= c.lo or c.mentions is None:
        return True
    w = c.words[comma - 1]
    if c.mentions.overlapping(w.start, w.end):
        return True
    text = w.text.strip('„“”"»«‚‘()')
    return (
        _is_cap(text) and (noun_class(text) is not None or _acronym(text) or text.lower() in speaker_words())
    ) or speaker_words().get(text.lower(), "").startswith("pron")


def subject_of_subordinate_clause(c: CueSite) -> SpeakerSpan:
    """…, zumal Verteidiger Wolfgang Dingfelder immer wieder betont hatte, der Angeklagte sei …; Während
    Premierminister Jean-Claude Juncker ankündigte, …"""
    words, s = c.words, c.s
    nxt = words[s + 1].text.lower() if s + 1 < c.cue else ""
    relative_start = speaker_words().get(nxt) == "det" or speaker_words().get(nxt, "").startswith("pron")
    if c.low in _SUBORDINATORS or (c.low in _OBJECT_RELATIVES and s > c.lo and words[s - 1].text == "," and relative_start):
        k = s + 1  # "…, den die New York Times zitiert"
    elif (
        (c.low in _PREPOSITIONS or c.low in _VON)
        and s + 2 < c.cue
        and words[s + 1].text.lower() in _RELATIVE
        and (speaker_words().get(words[s + 2].text.lower(), "") in ("det", "pron m", "pron f", "pron any", "pron pl"))
    ):
        k = s + 2  # "…, von dem die Polizei glaubt, …" (not "um die starke Präsenz …")
    else:
        return None
    if k < c.cue and _verb_final(words, c.cue, c.hi):
        n = np_with_pps(words, k, c.cue)
        if n > k:
            return k, n
    return None


def _verb_final(words: Sequence[Word], cue: int, hi: int) -> bool:
    """The cue ends its clause, with at most a particle or auxiliary after it ("…, als X mitteilte,", "betont
    hatte"): a subordinate clause, not "Als Beispiel nannte der Berliner …"."""
    j = cue + 1
    while (
        j < hi
        and j <= cue + 2
        and words[j].text.islower()
        and words[j].text.isalpha()
        and (words[j].text in _AUXILIARIES or len(words[j].text) <= 6)
    ):
        j += 1
    return j >= hi or words[j].text in _SEGMENT_END or words[j].text in _OPENING_MARKS


def subject_of_noun_cue(c: CueSite) -> SpeakerSpan:
    """Der Bericht endet mit der Hoffnung, dass …; Die DSW ist der Ansicht, dass …; Er vertritt die Ansicht, …"""
    words = c.words
    if not words[c.cue].text[:1].isupper() or c.s >= c.cue:
        return None
    n = np_with_pps(words, c.s, c.cue)
    if c.s < n < c.cue and words[n].text.islower() and words[n].text.isalpha():
        return c.s, n
    return None


@lru_cache(maxsize=1)
def _possessives() -> dict[str, str]:
    """Possessive determiner → the pronoun class it stands for ("seine" → "pron m"), from ``speaker_words.tsv``."""
    return {w.word: w.flag for w in attribution_tables.speaker_words() if w.flag.startswith("pron")}


@lru_cache(maxsize=1)
def _generic_pronouns() -> frozenset[str]:
    """Pronouns that stand for nobody in particular ("man"), from ``speaker_words.tsv``."""
    return frozenset(w.word for w in attribution_tables.speaker_words() if w.flag == "generic")


@lru_cache(maxsize=1)
def _standalone_determiners() -> frozenset[str]:
    """Determiners that stand alone as a subject pronoun ("Beide riefen die Parteien auf"), from
    ``speaker_words.tsv``."""
    return frozenset(w.word for w in attribution_tables.speaker_words() if w.flag == "standalone")


def possessor_of_noun_cue(c: CueSite) -> SpeakerSpan:
    """Seine zentrale Aussage ist, dass …; Ihre Forderung lautet, … → the possessive determiner of the noun of
    saying: the one whose statement it is, linked like "er" / "sie"."""
    words, cue = c.words, c.cue
    if not words[cue].text[:1].isupper() or c.s >= cue or words[c.s].text.lower() not in _possessives():
        return None
    if all(_is_adjective(w.text) for w in words[c.s + 1 : cue]):
        return c.s, c.s + 1
    return None


def subject_before_noun_cue(c: CueSite) -> SpeakerSpan:
    """Seit August vertritt er die These, dass …; Seit Jahren vertritt der Verband die Ansicht, … → the subject
    between the finite verb and the noun of saying it governs."""
    words, cue = c.words, c.cue
    sw = speaker_words()
    if not words[cue].text[:1].isupper() or cue - 2 <= c.s or sw.get(words[cue - 1].text.lower()) != "det":
        return None
    for v in range(c.s + 1, cue - 1):
        t = words[v].text
        if not (t.islower() and t.isalpha()) or sw.get(t) is not None or t in _PREPOSITIONS:
            continue
        n = noun_phrase(words, v + 1, cue - 1)
        if n == cue - 1 and n > v + 1:
            return v + 1, n
        return None
    return None


def subject_after_cue(c: CueSite) -> SpeakerSpan:
    """„Wir kommen wieder“, sagte die Trainerin. / Am Montag erklärte der Minister, … — but in "Die
    Haushaltspolitikerin der Grünen, Anja Hajduk, kritisierte die Pläne der Regierung" the phrase after the verb
    is its object: when a subject in apposition stands before the verb and the head noun after it is neither a
    speaker noun nor a found name, the subject before (``apposition_subject``) speaks."""
    found = _after(c.words, c.cue, c.hi)
    if found is None or found[2] != "subject_after_cue":
        return None
    caps = _core_caps(c.words, found[0], found[1])
    if caps and apposition_subject(c) is not None:
        head = c.words[caps[0]]
        named = c.mentions is not None and bool(c.mentions.overlapping(head.start, head.end))
        if not (named or noun_class(head.text) or _acronym(head.text) or _outlet(head.text)):
            return None
    return found[0], found[1]


def impersonal_source(c: CueSite) -> SpeakerSpan:
    """Auch von ukrainischer Seite hieß es, dass …; …, heißt es in dem Schreiben; …, hieß es aus informierten Kreisen."""
    found = _after(c.words, c.cue, c.hi)
    return (found[0], found[1]) if found is not None and found[2] == "impersonal_source" else None


#: Prepositions of a body one heard something from: "Bei der Agentur RIA hieß es, …" (with a definite body noun).
_AT = _speaker_class("at_body")


def source_opening_impersonal_frame(c: CueSite) -> SpeakerSpan:
    """In dem Bericht, der am Montag erschien, heißt es, …; In einer Erklärung hatte es geheißen: „…“; Bei der
    Agentur hieß es, … → the text or body the sentence opens with, before an impersonal "heißt es" (VERSION 16):
    "in"/"im" and a phrase with a noun of a speaker or a text (``speaker_nouns.tsv``; "In der Vorabversion des
    Berichts"), with a relative clause between it and the verb, or "es" before the verb after an auxiliary ("hatte
    es geheißen"); "bei"/"beim" and a definite phrase headed by a body, group or person ("Bei der Polizei hieß es";
    not "Beim Finale hieß es 2:1")."""
    words, cue = c.words, c.cue
    low = words[cue].text.lower()
    if low not in _HEISSEN and low != "geheißen":
        return None
    es_after = cue + 1 < c.hi and words[cue + 1].text.lower() == "es"
    es_before = cue >= 2 and words[cue - 1].text.lower() == "es" and words[cue - 2].text.lower() in _AUXILIARIES
    if not (es_after or es_before):
        return None
    end = cue - 2 if es_before else cue  # the opening phrase ends before the auxiliary or the verb
    start = _sentence_start(words, c.lo, end)
    if start >= end or words[start].text.lower() not in _IN | _AT:
        return None
    stop = end
    if words[end - 1].text == ",":  # "In dem Bericht, der am Montag erschien, heißt es"
        k = end - 2
        while k > start and words[k].text != ",":
            k -= 1
        if k <= start or words[k + 1].text.lower() not in _RELATIVE_SUBJECTS | _RELATIVE:
            return None
        stop = k
    n = noun_phrase(words, start + 1, stop)
    if n != stop or n <= start + 1:
        return None
    if words[start].text.lower() in _AT:
        return (start + 1, n) if _named_body_after_von(words, start + 1, n) else None
    if stop == end and not es_before:
        return None  # "In dem Bericht heißt es": impersonal_source finds it
    if not any(noun_class(words[k].text) is not None for k in range(start + 1, n) if _is_cap(words[k].text)):
        return None
    return start + 1, n


def subject_of_passive_quotation(c: CueSite) -> SpeakerSpan:
    """Der Fraktionschef der Grünen, Volker Ratzmann, wird von der „Netzeitung“ mit den Worten zitiert: „…“; So wird
    Watzke auf der Internetseite des Vereins zitiert: „…“ → the one quoted, not the one quoting."""
    words = c.words
    if words[c.cue].text.lower() not in attribution_words("quoted_passive"):
        return None
    e = next((j for j in range(c.cue, c.hi) if words[j].text in _SEGMENT_END), c.hi)
    if not any(w.text.lower() in _PASSIVE for w in words[c.s : e]):
        return None
    if c.s > c.lo and words[c.s - 1].text == "," and c.low in _PASSIVE:  # "X, Y, wird … zitiert"
        return _apposition_subject(words, c.lo, c.s - 1)
    n = noun_phrase(words, c.s, c.cue)
    if n > c.s:
        return c.s, n
    for j in range(c.s, c.cue):  # "So wird Watzke … zitiert"
        if words[j].text.lower() in _PASSIVE:
            n = noun_phrase(words, j + 1, c.cue)
            return (j + 1, n) if n > j + 1 else None
    return None


def genitive_of_noun_cue(c: CueSite) -> SpeakerSpan:
    """… trotz einer Warnung der Wärter, auf fliehende Häftlinge zu schießen; die Forderung des CSU-Vorsitzenden
    Edmund Stoiber, auf die SPD zuzugehen → the one named after the noun."""
    words, cue = c.words, c.cue
    if not words[cue].text[:1].isupper() or cue + 2 >= c.hi or words[cue + 1].text.lower() not in _GENITIVE_ARTICLES | _VON:
        return None
    k = cue + 2 if words[cue + 1].text.lower() in _VON else cue + 1
    n = noun_phrase(words, k, c.hi)
    return (k, n) if n > k else None


def passive_agent(c: CueSite) -> SpeakerSpan:
    """Von den Behörden wird angenommen, dass …; Es wurde von Demjanjuks Sohn die Mutmaßung geäußert, …; In einem
    Bericht der Salzburger Nachrichten wurde vermutet, dass …; …, wird in einer Pressemitteilung gefordert, dass …"""
    words = c.words
    e = next((j for j in range(c.cue, c.hi) if words[j].text in _SEGMENT_END), c.hi)
    if not words[c.cue].text.islower() or not any(w.text.lower() in _PASSIVE for w in words[c.s : e]):
        return None
    for j in range(c.s, e):
        low = words[j].text.lower()
        if j > c.s and _is_cap(words[j - 1].text) and low in _VON:
            continue  # "auf der Internetseite von Borussia Dortmund": part of another phrase, not the agent
        if (low in _AGENT or low in _MEDIUM_PREPOSITIONS) and j + 1 < e:
            n = noun_phrase(words, j + 1, e)
            if n > j + 1 and (low in _AGENT or noun_class(words[n - 1].text) == "source"):
                return j + 1, n
    return None


def fronted_source(c: CueSite) -> SpeakerSpan:
    """Aus EU-Kreisen verlautete, dies sei nur Spekulation; Aus Paris hieß es, … → the source named up front."""
    words, s = c.words, c.s
    if c.low not in attribution_words("origin") or s + 1 >= c.cue:
        return None
    n = noun_phrase(words, s + 1, c.cue)
    if n > s + 1 and (n == c.cue or _only_adverbs(words, n, c.cue) or words[n].text.lower() in _HEISSEN):
        return s, n
    return None


def apposition_subject(c: CueSite) -> SpeakerSpan:
    """Gabriel Entcha-Ebia, der Justizminister des Landes, sagte, …; Peter Clever, hat … gefordert"""
    words, s = c.words, c.s
    if (s == c.cue or c.low in _AUXILIARIES) and s > c.lo and words[s - 1].text == ",":
        first = _apposition_subject(words, c.lo, s - 1)
        if first is not None:
            return first
    return None


def subject_after_auxiliary(c: CueSite) -> SpeakerSpan:
    """Gestern hat eine Sprecherin des Gerichts mitgeteilt, …; In einem Interview mit Axios hatte Selenskyj
    beanstandet, dass …; Auch auf Nachfrage musste er betonen, …; Außerdem ließ der Pressedienst verlauten, …"""
    words = c.words
    sw = speaker_words()
    for j in range(c.s, c.cue):
        if words[j].text.lower() in _AUXILIARIES or words[j].text.lower() in _LASSEN:
            k = j + 1
            while k < c.cue and sw.get(words[k].text.lower()) == "stop":  # "will heute Außenminister Straw …"
                k += 1
            n = noun_phrase(words, k, c.cue)
            if n > k and words[k].text.lower() not in _EXPLETIVES:
                return k, n
            break
    return None


def subject_of_previous_clause(c: CueSite) -> SpeakerSpan:
    """Internationale Wahlbeobachter monieren Unregelmäßigkeiten, sprechen aber davon, dass …; Die Sprecher beeilten
    sich, gegenüber Journalisten zu erklären, … → the subject of the sentence's first clause, when the verb's own
    clause has none (it opens with the verb, or it is a zu-infinitive)."""
    words, s, cue = c.words, c.s, c.cue
    infinitive = s < cue and words[cue - 1].text.lower() == "zu"
    if not (s == cue or infinitive) or s <= c.lo + 1 or words[s - 1].text != "," or not words[cue].text.islower():
        return None
    if cue + 1 < c.hi and words[cue + 1].text.lower() in _EXPLETIVES:
        return None
    p = _segment_start(words, c.lo, s - 1)
    first = words[p].text.lower()
    if p != _sentence_start(words, c.lo, s) or first in _SUBORDINATORS or first == "wie":
        return None
    if first in _NOT_SPEAKERS and speaker_words().get(first) != "det":
        return None  # "Dort würden sich Geschäfte rechnen, besagt eine Studie": an adverb, no subject (VERSION 16)
    n = noun_phrase(words, p, s - 1)
    if p < n < s - 1 and words[n].text.islower() and words[n].text.lower() not in _RELATIVE:
        return p, n
    return None


def opens_subject(words: Sequence[Word], a: int, b: int) -> bool:
    """Whether the phrase ``words[a:b]`` opening a clause can be its subject: not in an oblique case ("Den Unmut der
    CDU brachte die Sprecherin zum Ausdruck: …"), not a prepositional phrase ("Von einer „Indiskretion“ sprach
    Ströbele", "Ab 1939 musste …"), not a verb before its pronoun subject ("Kämen sie dem nicht nach, so „…“")."""
    if b <= a:
        return False
    sw = speaker_words()
    w = words[a].text.lower()
    if w in _NOT_NOMINATIVE or w in _PREPOSITIONS or (w in _ATTACH and sw.get(w) != "det"):
        return False
    if b - a == 1 and b < len(words) and sw.get(words[b].text.lower(), "").startswith("pron") and sw.get(w) is None:
        return False
    return True


def sentence_subject(
    words: Sequence[Word], lo: int, hi: int, text: str, mentions: Mentions | None = None, rule: str = "subject_of_sentence_before"
) -> SpeakerRef | None:
    """The subject of the declarative main clause opening ``[lo, hi)``, when it is someone who can speak: a noun
    phrase and then its finite verb ("Lammert würdigte die Bundeswehr …", "Die Haushaltspolitikerin der Grünen,
    Anja Hajduk, kritisierte …"), or after a fronted phrase the noun phrase right behind a finite auxiliary ("Am
    15. Mai hat die Wahlkommission den Termin festgelegt."). Never the object: in "Der Wetterdienst erwartet
    Sturm." the subject is "Der Wetterdienst", "Sturm" is nothing. Strict: a speaker noun or a found name; no
    pronoun ("Er", "Sie" need a link of their own), no subordinate clause or question first."""
    s = lo
    sw = speaker_words()
    while s < hi and (
        words[s].text.lower() in _LEADING
        or (sw.get(words[s].text.lower()) == "stop" and words[s].text.lower() not in _PREPOSITIONS)
    ):
        s += 1
    if s >= hi or words[s].text in _PUNCT_END or words[s].text.lower() in _SUBORDINATORS:
        return None
    first = words[s].text.lower()
    if words[s].text[:1].islower() and sw.get(first) != "det" and first not in _PREPOSITIONS:
        return None  # "Zudem diskutierten UN-Mitarbeiter …": a verb first, no subject opens the sentence
    found = None
    if first not in _NOT_NOMINATIVE and first not in _PREPOSITIONS and (first not in _NOT_SPEAKERS or sw.get(first) == "det"):
        n = noun_phrase(words, s, hi)
        if n > s and n < hi and words[n].text == ",":  # "Die Haushaltspolitikerin …, Anja Hajduk, kritisierte"
            k = n + 1
            m = noun_phrase(words, k, hi)
            if (
                m > k
                and m + 1 < hi
                and words[m].text == ","
                and words[m + 1].text.islower()
                and can_speak(words, k, m, mentions, strict=True)
            ):
                found = (s, m)
        if (
            found is None
            and s < n < hi
            and words[n].text.islower()
            and words[n].text.lower() not in _RELATIVE
            and not anonymity.is_coordinator(words[n].text.lower())
        ):
            found = (s, n)
    if found is None:  # "Am 15. Mai hat die Wahlkommission …": the phrase behind the auxiliary
        for j in range(s + 1, min(hi, s + 8)):
            if words[j].text in _PUNCT_END:
                break
            if words[j].text.lower() in _AUXILIARIES and (first in _PREPOSITIONS or words[s].text[:1].isdigit()):
                k = j + 1
                while k < hi and sw.get(words[k].text.lower()) == "stop":
                    k += 1
                m = noun_phrase(words, k, hi)
                if (
                    m > k
                    and words[k].text.lower() not in _NOT_NOMINATIVE
                    and words[k].text.lower() != "sich"
                    and not sw.get(words[k].text.lower(), "").startswith("pron")
                ):  # not "es", "man", "er"
                    found = (k, m)
                break
    if found is None:
        return None
    a, b = found
    if b - a == 1 and sw.get(words[a].text.lower(), "").startswith("pron"):
        return None
    if words[a].text.lower() in _DEMONSTRATIVES | _RELATIVE_SUBJECTS and b - a == 1:
        return None
    if not can_speak(words, a, b, mentions, strict=True):
        return None
    if mentions is not None:  # "Auf Kreta wurden zwei Menschen verletzt.": a place does not speak
        types = {mentions.types.get(e) for _, _, e in mentions.overlapping(words[a].start, words[b - 1].end)}
        if types and types <= {"LOC"}:
            return None
    return _span(words, a, b, text, rule)


#: The speaker of a verb or noun of saying: the first rule that finds one who can speak wins.
SPEAKER_RULES: tuple[Callable[[CueSite], SpeakerSpan], ...] = (
    object_of_zitieren,
    apposition_before_cue,
    wie_subject,
    subject_after_object,
    pronoun_after_finite_cue,
    subject_before_cue,
    pronoun_before_cue,
    subject_of_subordinate_clause,
    genitive_of_noun_cue,
    subject_of_noun_cue,
    possessor_of_noun_cue,
    subject_before_noun_cue,
    subject_after_cue,
    subject_of_passive_quotation,
    passive_agent,
    impersonal_source,
    source_opening_impersonal_frame,
    fronted_source,
    apposition_subject,
    subject_after_auxiliary,
    subject_of_previous_clause,
)
#: Rules that find an agent or a source, not a subject: their phrase may be in the dative ("von den Behörden").
_NOT_SUBJECT_RULES = frozenset(
    {
        "passive_agent",
        "impersonal_source",
        "source_opening_impersonal_frame",
        "genitive_of_noun_cue",
        "fronted_source",
        "object_of_zitieren",
    }
)
#: Rules whose phrase must be a known speaker (a speaker noun, a found name), not just a word that may be a name.
_STRICT_RULES = frozenset({"passive_agent", "genitive_of_noun_cue", "subject_of_noun_cue"})


def _span(words: Sequence[Word], a: int, b: int, text: str, rule: str) -> SpeakerRef:
    return SpeakerRef(words[a].start, words[b - 1].end, text[words[a].start : words[b - 1].end], rule=rule)


def _with_apposition(words: Sequence[Word], a: int, b: int, hi: int, mentions: Mentions | None) -> int:
    """End of the speaker with a name in apposition after it: "die Bürgermeisterin der Gemeinde Adorf, Petra Lang."
    The name must close the sentence (or stand before a colon or parenthesis), or be a person the entities stage
    found. The head's prepositional attachment stands between them ("der Chef der Bundesagentur für Arbeit,
    Frank-Jürgen Weise, in Nürnberg": ``apposition_after_attachment``) when the name is a person's."""
    if b < hi and words[b].text.lower() in _PREPOSITIONS:
        m = np_with_pps(words, a, hi)
        if b < m <= b + 5 and m + 1 < hi and words[m].text == ",":
            n = _with_apposition(words, a, m, hi, mentions)
            return n if n > m and _person_in(words, m + 1, n, mentions) else b
    if b + 1 >= hi or words[b].text != "," or not _is_cap(words[b + 1].text):
        return b
    if speaker_words().get(words[b + 1].text.lower()) is not None:
        return b
    n = noun_phrase(words, b + 1, hi)
    if n <= b + 1 or any(not _is_cap(w.text) for w in words[b + 1 : n]):
        return b
    closes = n >= hi or words[n].text in (".", "!", "?", ":", ";", "(")
    return n if closes or (_person_in(words, b + 1, n, mentions) and words[n].text == ",") else b


def _person_in(words: Sequence[Word], a: int, b: int, mentions: Mentions | None) -> bool:
    """A person the entities stage found overlaps ``words[a:b]``."""
    return mentions is not None and any(
        mentions.types.get(e) == "PER" for _, _, e in mentions.overlapping(words[a].start, words[b - 1].end)
    )


def speaker_for_cue(
    words: Sequence[Word], lo: int, hi: int, cue: int, text: str, mentions: Mentions | None = None
) -> SpeakerRef | None:
    """The speaker of the verb or noun cue ``words[cue]`` in the clause range ``[lo, hi)``: the first of
    :data:`SPEAKER_RULES` that finds a phrase that can speak."""
    s = _clause_start(words, lo, cue)
    while s < cue and words[s].text.lower() in _LEADING:
        s += 1
    if s + 1 < cue and speaker_words().get(words[s].text.lower()) == "stop" and anonymity.is_distributive(words[s + 1].text):
        s += 1  # "Fast jeder Fünfte gab an": the focus adverb is not part of the subject
    if s + 1 < cue and words[s].text.lower() in _FOCUS and _opens_noun_phrase(words[s + 1].text):
        s += 1  # "Einzig Siemens gab bekannt, …", "Nur die Stadtwerke erklärten, …": VERSION 16
    site = CueSite(words, lo, hi, cue, text, s, mentions)
    for rule in SPEAKER_RULES:
        found = rule(site)
        if found is None or found[1] <= found[0]:
            continue
        if rule.__name__ not in _NOT_SUBJECT_RULES and words[found[0]].text.lower() in _NOT_NOMINATIVE:
            continue  # "den Rückzug", "dem 28. Dezember 2006": not a subject
        if words[cue].text[:1].isupper() and found[1] - found[0] == 1 and words[found[0]].text.lower() in _generic_pronouns():
            continue  # "Man sollte ihnen das Gefühl geben": a noun of saying whose holder is nobody in particular
        strict = (
            rule.__name__ in _STRICT_RULES
            or (found[1] <= cue and _elliptic_participle(words, cue, hi))
            or (found[1] == cue and words[cue].text[:1].isupper())  # "Weiteres Ergebnis": a modifier of the noun
            or (found[0] > cue and cue > 0 and words[cue - 1].text.lower() == "und")
        )  # "… und skandierten Sprüche"
        if can_speak(words, found[0], found[1], mentions, strict=strict, after=found[0] > cue):
            a, b = found
            if b > cue:  # after the cue: a name in apposition belongs to it
                b = _with_apposition(words, a, b, hi, mentions)
            return _span(words, a, b, text, rule.__name__)
    return None


def _opens_noun_phrase(word: str) -> bool:
    """A word that may open a subject after a focus adverb: an article or determiner ("die", "der") or a capitalised
    word ("Siemens"); not a verb, adverb or pronoun ("Nur so …", "Selbst er …" stays as it is)."""
    return speaker_words().get(word.lower()) == "det" or (_is_cap(word) and word[:1].isalpha())


def _elliptic_participle(words: Sequence[Word], cue: int, hi: int) -> bool:
    """A headline's closing participle ("Rücktritt bestätigt"): the noun before it is what was confirmed, so it
    speaks only if it is a known speaker ("Merkel dementiert")."""
    return words[cue].text.endswith("t") and (cue + 1 >= hi or words[cue + 1].text in _SEGMENT_END)


def _after(words: Sequence[Word], cue: int, hi: int) -> tuple[int, int, str] | None:
    """The subject after an inverted verb ("sagte er", "berichtet das Portal Axios"), or the source of an
    impersonal "hieß es" ("von ukrainischer Seite", "in dem Schreiben"): (start, end, rule name)."""
    sw = speaker_words()
    j = cue + 1
    limit = min(hi, cue + 10)
    impersonal = False
    while j < limit:
        t = words[j].text
        low = t.lower()
        if t in _PUNCT_END:
            break
        if low == "sich":
            j += 1
            continue
        if low in ("es",):
            impersonal = True
            j += 1
            continue
        if impersonal and low in _IN and j + 1 < limit:  # "heißt es in dem Schreiben"
            n = noun_phrase(words, j + 1, hi)
            if n > j + 1:
                return j + 1, n, "impersonal_source"
        if low in _FROM and j + 1 < limit:  # "hieß es von ukrainischer Seite", "aus informierten Kreisen"
            n = noun_phrase(words, j + 1, hi)
            if n > j + 1 and _anonymous_head(words[n - 1].text):
                return j, n, "impersonal_source"
            if impersonal and low == "von" and n > j + 1 and _named_body_after_von(words, j + 1, n):
                return j + 1, n, "impersonal_source"
            j = max(n, j + 1)
            continue
        if sw.get(low) == "stop" or low in _PREPOSITIONS:
            if low in _PREPOSITIONS:  # "gegenüber der Presse", "am Montag": not the subject
                j = max(noun_phrase(words, j + 1, hi), j + 1)
                continue
            j += 1
            continue
        n = noun_phrase(words, j, hi)
        if n > j:
            return j, _addressee_cut(words, j, n), "subject_after_cue"
        if t.islower():  # "sagte angesichts der Umstände": no subject follows
            break
        j += 1
    if impersonal:
        found = _impersonal_around(words, cue, hi)
        if found is not None:
            return found[0], found[1], "impersonal_source"
    return None


def _named_body_after_von(words: Sequence[Word], a: int, n: int) -> bool:
    """Es habe Festnahmen gegeben, hieß es dazu von der Kölner Polizei. → "der Kölner Polizei": after an impersonal
    "hieß es", "von" with a definite phrase whose head is a body, a group or a person noun names who spoke; so does
    such a noun with the name after it ("heißt es von der Stadt Salzburg", "von der Firma Bosch")."""
    if not anonymity.is_definite(words[a].text):
        return False
    speaking = ("body", "group", "person")
    if noun_class(words[n - 1].text) in speaking:
        return True
    return (
        n - 2 > a
        and noun_class(words[n - 2].text) in speaking
        and _is_cap(words[n - 1].text)
        and noun_class(words[n - 1].text) is None
        and words[n - 1].text not in _PUNCT_END
    )


def _addressee_cut(words: Sequence[Word], a: int, n: int) -> int:
    """End of a subject after the verb without the outlet in the dative it spoke to: "erklärte Senger der APA",
    "sagte Hendricks dem Nachrichtenmagazin Spiegel" → Senger, Hendricks. Only after a name (not after a noun of a
    speaker: "ein Sprecher der APA" is the APA's)."""
    for k in range(a + 1, n - 1):
        if (
            words[k].text.lower() in _DATIVE_ARTICLES
            and _is_cap(words[k - 1].text)
            and noun_class(words[k - 1].text) is None
            and _outlet(" ".join(w.text for w in words[k + 1 : n]))
        ):
            return k
    return n


def speaker_after(
    words: Sequence[Word], cue: int, hi: int, text: str, mentions: Mentions | None = None, rule: str = ""
) -> SpeakerRef | None:
    """The subject after an inverted verb or "so": "sagte er", "…, so Dmitriew", "berichtet das Portal Axios"."""
    found = _after(words, cue, hi)
    if (
        found is None
        or (found[2] != "impersonal_source" and words[found[0]].text.lower() in _NOT_NOMINATIVE)
        or not can_speak(words, found[0], found[1], mentions, after=True)
    ):
        return None
    b = _with_apposition(words, found[0], found[1], hi, mentions)
    return _span(words, found[0], b, text, rule or found[2])


def _impersonal_around(words: Sequence[Word], lo: int, hi: int) -> tuple[int, int] | None:
    """The source of "hieß es": "von ukrainischer Seite", "aus informierten Kreisen", "In der Mitteilung des WWF"."""
    s = lo
    while s > 0 and words[s - 1].text not in _CLAUSE_BREAK:
        s -= 1
    if words[s].text.lower() in _IN and s + 1 < lo:
        n = noun_phrase(words, s + 1, lo)
        if n > s + 1:
            return s + 1, n
    for j in range(max(0, lo - 8), hi):
        if words[j].text.lower() in _FROM:
            n = noun_phrase(words, j + 1, hi)
            if n > j + 1 and _anonymous_head(words[n - 1].text):
                return j, n
    return None


def source_after(words: Sequence[Word], i: int, hi: int, text: str, rule: str = "source_after_phrase") -> SpeakerRef | None:
    """The source named after a report phrase ending before ``words[i]`` ("laut X", "nach Angaben der Polizei")."""
    j = i
    if j < hi and words[j].text.lower() in _FROM | _GENITIVE_ARTICLES:
        j_np = noun_phrase(words, j + 1, hi)
        if j_np > j + 1:
            return _span(words, i, j_np, text, rule)
    n = noun_phrase(words, j, hi)
    if (
        n == j
        and j < hi
        and len(words[j].text) > 1
        and words[j].text not in _PUNCT_END
        and speaker_words().get(words[j].text.lower()) is None
        and words[j].text.lower() not in _ATTACH
        and words[j].text.lower() not in _PREPOSITIONS
        and not words[j].text.isalpha()
    ):
        n = j + 1  # "laut ndr.de", "nach Angaben von n24"; not "laut werden" (the adjective)
    if n == j and _name_in_phrase_slot(words, j, hi):
        n = j + 1  # "laut Gsell": a surname that ends like an adverb ("aktuell") is a name after "laut"
    return _span(words, j, n, text, rule) if n > j else None


def _name_in_phrase_slot(words: Sequence[Word], j: int, hi: int) -> bool:
    """``words[j]`` stands where only a noun phrase can (right after "laut", right before "zufolge"): a capitalised
    word that looks like an adverb opening a sentence ("Gsell", "Kessel", "Schnell") is a name there, when a
    lower-case word or punctuation follows it (``name_ending_like_adverb``)."""
    if j >= hi or not _adverb_like(words[j].text) or speaker_words().get(words[j].text.lower()) is not None:
        return False
    if not _is_cap(words[j].text) or not _name_like(words[j].text):
        return False
    return j + 1 >= hi or not _is_cap(words[j + 1].text)


def source_before(words: Sequence[Word], lo: int, i: int, text: str, rule: str = "source_before_zufolge") -> SpeakerRef | None:
    """The source standing before "zufolge" at ``words[i]`` ("einem Bericht zufolge")."""
    for s in range(max(lo, i - 6), i):
        if noun_phrase(words, s, i) == i:
            return _span(words, _joined_before(words, lo, s), i, text, rule)
    if i - 1 >= lo and _name_in_phrase_slot(words, i - 1, i):
        return _span(words, i - 1, i, text, rule)  # "Gsell zufolge"
    return None


def _joined_before(words: Sequence[Word], lo: int, s: int) -> int:
    """Start of the source ending at ``words[s:]`` with the noun phrases it is joined to by "und" or hangs on by a
    preposition: "den Prognosen und den beobachteten Wasserständen am Oberlauf des Flusses zufolge" (not only "Oberlauf
    des Flusses")."""
    while s - 1 > lo and (words[s - 1].text == "und" or words[s - 1].text in _PREPOSITIONS):
        p = next((p for p in range(max(lo, s - 7), s - 1) if noun_phrase(words, p, s - 1) == s - 1), None)
        if p is None:
            break
        s = p
    return s


@lru_cache(maxsize=8192)
def _anonymous_head(word: str) -> bool:
    """The word is the head noun of an unnamed source: the longest row of ``anonymous_sources.tsv`` it is or ends
    with, unless that row is no source ("Lautsprecher")."""
    low = word.lower()
    heads = anonymous_heads()
    for k in range(len(low)):
        kind = heads.get(low[k:])
        if kind is not None:
            return kind != "-"
    return False


def _outlet(words_text: str) -> str | None:
    """The outlet named in the words, also in an inflected form ("der Süddeutschen Zeitung", "des Tagesspiegels")."""
    return outlet_in(words_text.replace("„", " ").replace("“", " ").split())


# --- linking: the rules ---------------------------------------------------------------------------


@dataclass
class LinkSite:
    """What linking a speaker may look at: the record, its mentions, and the speakers before."""

    record: Record
    mentions: Mentions
    history: Sequence[SpeakerRef]

    @cached_property
    def index(self) -> Mentions:
        """The record's look-ups for the link rules: those of ``mentions``, made once per record, when they are this
        record's."""
        return self.mentions if self.mentions.record is self.record else Mentions(self.record)


def _pronoun_class(ref: SpeakerRef) -> str:
    low = ref.text.lower()
    return _possessives().get(low) or speaker_words().get(low, "")


def _gender(ref: SpeakerRef) -> str:
    """ "m" or "f" when the phrase shows it ("der Sprecher", "die Bürgermeisterin", "eine Sprecherin"), else ""."""
    toks = ref.text.split()
    if not toks:
        return ""
    det, last = toks[0].lower(), toks[-1].lower()
    if last.endswith("in") and noun_class(toks[-1]) == "person":
        return "f"
    if det in _MASCULINE_DETERMINERS and len(toks) > 1:
        return "m"
    if det in _FEMININE_DETERMINERS and len(toks) > 1 and noun_class(toks[-1]) == "person" and not last.endswith(("n", "e")):
        return "f"
    return ""


def pronoun_to_last_speaker(ref: SpeakerRef, site: LinkSite) -> bool:
    """„Das ist erst der Anfang“, fügte er hinzu. → the last speaker who can be "er": a person, not an outlet or a
    document, and not one of the other gender ("die Ministerin" is no "er")."""
    cls = _pronoun_class(ref)
    if not cls.startswith("pron"):
        return False
    ref.pronoun = True
    if cls not in ("pron m", "pron f"):
        return False
    want = "m" if cls == "pron m" else "f"
    for prev in reversed(site.history):
        if prev.pronoun or prev.outlet or not prev.person:
            continue
        if _gender(prev) not in ("", want):
            continue
        ref.entity, ref.resolved, ref.person = prev.entity, prev.text, True
        return True
    return False


_DESCRIBED = re.compile(r"[\s„“”\"»«‚‘(]*(\w+)\s+((?:[a-zäöüß-]+\s+){0,2})([A-ZÄÖÜ][\w-]+)\s+(\w+)")


def _described_subject(
    site: LinkSite, lo: int, hi: int, want: str, names: bool = False
) -> tuple[int, str, str, str | None] | None:
    """The subject of the last sentence starting in ``[lo, hi)`` outside a quotation, when it is a person: a definite
    description of gender ``want`` ("m", "f") opening it ("Der offensive Mittelfeldspieler selbst ärgerte sich …")
    or, with ``names``, a named person opening it or right after its auxiliary ("Im März hatte Christian Füller …")
    → (offset, text, head noun, entity id of a named person)."""
    record, text = site.record, site.record.text
    quoted = site.index.quoted
    starts = site.index.sentence_starts
    sentences = (
        record.sentences[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
        if starts is not None
        else record.sentences
    )
    found: tuple[int, str, str, str | None] | None = None
    for sent in sentences:
        if not lo <= sent.start < hi:
            continue
        first = _first_word_start(text, sent.start)
        if quoted.holds(first):
            continue
        m = _DESCRIBED.match(text, sent.start)
        if m is not None and anonymity.is_definite(m.group(1)) and m.group(4)[:1].islower():
            head = m.group(3)
            desc = text[m.start(1) : m.end(3)]
            if noun_class(head) == "person" and _gender(SpeakerRef(0, 0, desc)) == want:
                found = (m.start(1), desc, head, None)
                continue
        if not names:
            continue
        for ms, me, eid in site.mentions.overlapping(first, min(sent.end, first + 80)):
            if site.mentions.types.get(eid) != "PER" or _genitive_before_noun(text, ms, me):
                continue
            before = re.findall(r"\w+", text[first:ms])
            if ms == first or (before and before[-1] in _AUXILIARIES and len(before) <= 6):
                found = (ms, text[ms:me], "", eid)
                break
    return found


def _resolve_description(ref: SpeakerRef, site: LinkSite, offset: int, desc: str, head: str, eid: str | None = None) -> None:
    """Link ``ref`` to what the description ``desc`` at ``offset`` stands for: the one person introduced with its
    role, else the person named in the sentence before it (not one introduced with another role), else — nobody
    named — an unnamed source when the description is one (``anonymity``)."""
    record, text = site.record, site.record.text
    ref.resolved, ref.person = desc, True
    if eid is None:
        eid = _person_with_role(site, head, offset)
    if eid is None and not _introduced_unnamed(text, offset, head):
        k = record.sentence_at(offset)
        before = record.sentences[k - 1].start if k else offset
        last = site.index.previous_person(offset, site.index.quoted)
        mentions = site.index.entity_mentions.get(last, []) if last is not None else []
        spans = [(s, e) for s, e in mentions if before <= s < offset]
        roles = [r for s, e in spans for r in _introduced_roles(text, s, e) if noun_class(r) == "person"]
        if spans and not (roles and not any(_same_role(head, r) for r in roles)):
            eid = last
    if eid is not None:
        ref.entity = eid
    elif anonymity.decide(desc, named_before=False) is not None:
        ref.anonymous, ref.entity = True, None


def pronoun_to_described_subject(ref: SpeakerRef, site: LinkSite) -> bool:
    """„Da waren wir zu unsicher“, sagte Klaus Allofs. … Der offensive Mittelfeldspieler selbst ärgerte sich. „Wir
    haben den Faden verloren“, sagte er. → not Allofs, but the one the description stands for: a sentence that opens
    with a definite description of a person of the pronoun's gender, between the last speaker and the pronoun, is
    the pronoun's antecedent (linked by :func:`_resolve_description`: "Der Hausbesitzer machte Aussagen. Am Montag
    sagte er …" is an unnamed source); so is a named person who is such a sentence's subject after an earlier
    speaker ("…, so der Rezensent Alan Posener. Im März hatte Christian Füller ein Buch veröffentlicht. Seit August
    vertritt er die These, …" → Füller)."""
    cls = _pronoun_class(ref)
    if cls not in ("pron m", "pron f"):
        return False
    k = site.record.sentence_at(ref.start)
    if k is None:
        return False
    lo = site.history[-1].end if site.history else 0
    lo = max(lo, site.record.sentences[max(0, k - 3)].start)
    found = _described_subject(site, lo, ref.start, "m" if cls == "pron m" else "f", names=bool(site.history))
    if found is None:
        return False
    ref.pronoun = True
    _resolve_description(ref, site, *found)
    return True


def age_description_to_described_subject(ref: SpeakerRef, site: LinkSite) -> bool:
    """Der Hausbesitzer machte widersprüchliche Aussagen. Am Montag sagte der 81-jährige, … → the description that
    opens the sentence before or the speaker's own sentence: here an unnamed source (nobody named), as
    :func:`_resolve_description` decides."""
    found = _description(ref.text)
    if found is None or not anonymity.AGE.match(found[1]):
        return False
    k = site.record.sentence_at(ref.start)
    if k is None:
        return False
    lo = site.record.sentences[max(0, k - 1)].start
    desc = _described_subject(site, lo, ref.start, _gender(ref) or "m")
    if desc is None:
        return False
    _resolve_description(ref, site, *desc)
    return ref.entity is not None or ref.anonymous


def person_in_apposition_after(ref: SpeakerRef, site: LinkSite) -> bool:
    """Der Leiter der UNO-Studie, Paulo Sérgio Pinheiro, sieht …: the person named in apposition right after the
    speaker's phrase, closed by a comma."""
    text = site.record.text
    m = re.match(r",\s+", text[ref.end : ref.end + 3])
    if m is None:
        return False
    at = ref.end + m.end()
    for ms, me, eid in site.mentions.overlapping(at, at + 60):
        if (
            site.mentions.types.get(eid) == "PER"
            and text[me : me + 1] == ","
            and re.fullmatch(r"(?:[A-ZÄÖÜ][\w.-]*\s+){0,2}", text[at:ms])
        ):  # "Paulo " before "Sérgio Pinheiro"
            ref.entity, ref.person = eid, True
            return True
    return False


def pronoun_to_previous_person(ref: SpeakerRef, site: LinkSite) -> bool:
    """Er sagte, … (no speaker before) → the person mentioned last before it."""
    if not ref.pronoun:
        return False
    if _pronoun_class(ref) in ("pron m", "pron f"):
        ref.entity = site.index.previous_person(ref.start, site.index.quoted, ending_by=ref.start)  # _quoted, by bisection
        ref.person = True
    return True  # "man", "wir": a pronoun, not linked


def _quoted(record: Record, offset: int) -> list[tuple[int, int]]:
    """The quotations before ``offset`` ((start, end) offsets), to leave out the persons named inside them."""
    from . import quotes

    if record.doc is None:
        return []
    return [(q.start, q.end) for q in quotes.quotations(record) if q.end <= offset]


def relative_to_antecedent(ref: SpeakerRef, site: LinkSite) -> bool:
    """…, von Ägypten, das vorschlug, … → the entity named right before the relative pronoun (Ägypten)."""
    if ref.text.lower() not in _RELATIVE_SUBJECTS:
        return False
    before = [m for m in site.mentions.overlapping(max(0, ref.start - 80), ref.start) if 0 <= ref.start - m[1] <= 3]
    if not before:
        return False
    ms, me, eid = before[-1]
    ref.entity, ref.resolved = eid, site.record.text[ms:me]
    ref.person = site.mentions.types.get(eid) == "PER"
    return True


def outlet_name(ref: SpeakerRef, site: LinkSite) -> bool:
    """Dies berichtet das Nachrichtenportal Axios → the outlet Axios. Not a person of an outlet: "ein Sprecher des
    ZDF sagte" is the spokesperson (:func:`_person_of_outlet`; anonymity.person_of_outlet), not the broadcaster."""
    name = _outlet(ref.text)
    if name is None or _person_of_outlet(ref.text):
        return False
    ref.outlet = name
    ref.entity = _most_overlapping(site.mentions.overlapping(ref.start, ref.end), ref.start, ref.end)
    return True


def _person_of_outlet(text: str) -> bool:
    """Ein Sprecher des Senders RTL sagte … → a person of an outlet: the phrase's head noun is a person noun
    (``speaker_nouns.tsv``: Sprecher, Redakteurin, Korrespondent) and the outlet is named only in what hangs after
    it, so the person speaks, not the outlet."""
    toks = text.replace("„", " ").replace("“", " ").split()
    head = next((k for k, t in enumerate(toks) if t[:1].isupper() and speaker_words().get(t.lower()) != "det"), None)
    if head is None or noun_class(toks[head]) != "person" or outlet_in(toks[: head + 1]) is not None:
        return False
    return head + 1 < len(toks) and toks[head + 1].lower() in anonymity.words_of("attach")


def person_in_phrase(ref: SpeakerRef, site: LinkSite) -> bool:
    """„…“, sagte die Bürgermeisterin der Gemeinde Adorf, Petra Lang → Petra Lang, not the place; „…“, sagte
    Borussias Sportdirektor Max Eberl → Max Eberl, not the club. The last person named in the phrase's head or in
    an apposition after it; not one in a genitive or prepositional attachment ("ein Sprecher von Präsident Trump")."""
    text = ref.text
    parts = [(ref.start, ref.start + _core_length(text))]
    comma = text.find(", ")
    while comma >= 0:
        nxt = text.find(", ", comma + 2)
        seg_start = ref.start + comma + 2
        parts.append((seg_start, seg_start + _core_length(text[comma + 2 : (nxt if nxt >= 0 else len(text))])))
        comma = nxt
    best = None
    for a, b in parts:
        for ms, me, eid in site.mentions.overlapping(a, b):
            if (
                site.mentions.types.get(eid) == "PER"
                and a <= ms
                and me <= b
                and not _genitive_before_noun(site.record.text, ms, me)
            ):
                best = eid
    if best is None:
        return False
    ref.entity, ref.person = best, True
    return True


def _only_possessor(ref: SpeakerRef, site: LinkSite, eid: str) -> bool:
    """The entity is named in the phrase only as a genitive before its role noun: "Borussias Sportdirektor",
    "Frankreichs Außenminister" — the one the role belongs to, not the one who speaks (whom the phrase leaves
    unnamed)."""
    spans = [(ms, me) for ms, me, e in site.mentions.overlapping(ref.start, ref.end) if e == eid]
    return bool(spans) and all(_genitive_before_noun(site.record.text, ms, me) for ms, me in spans)


def _genitive_before_noun(text: str, start: int, end: int) -> bool:
    """A name in the genitive before its noun: "Christandls Rechtsanwältin", "Putins Sprecher" — the one the noun
    belongs to, not the speaker ("Margot Rest, Christandls Rechtsanwältin" is Margot Rest)."""
    return text[start:end].endswith(("s", "'", "’")) and re.match(r" [A-ZÄÖÜ][a-zäöüß]", text[end : end + 3]) is not None


def _core_length(text: str) -> int:
    """Length of a phrase up to its first attachment ("des", "der", "von" …) or parenthesis after its head."""
    toks = text.split(" ")
    seen_cap = False
    n = 0
    for _k, t in enumerate(toks):
        if seen_cap and (t.lower() in _ATTACH or t.lower() in _PREPOSITIONS or t.startswith("(")):
            return max(0, n - 1)
        if _is_cap(t):
            seen_cap = True
        n += len(t) + 1
    return len(text)


def entity_mention(ref: SpeakerRef, site: LinkSite) -> bool:
    """Der Kreml erklärte, … → the entity whose mention the speaker overlaps most."""
    best = _most_overlapping(site.mentions.overlapping(ref.start, ref.end), ref.start, ref.end)
    if best is None:
        return False
    if _head_class(ref.text) == "person" and site.mentions.types.get(best) != "PER":
        return False  # "der US-Kultregisseur (Inglourious Basterds)": a person, not the film beside him
    if _head_class(ref.text) == "person" and _only_possessor(ref, site, best):
        return False  # "sagte Borussias Sportdirektor": the club's man, not the club (``possessor_is_not_speaker``)
    ref.entity = best
    ref.person = site.mentions.types.get(best) == "PER" or _head_class(ref.text) == "person"
    return True


# --- linking a description or a surname to the person named before -----------------------------------

_WORD = re.compile(r"[^\s„“”\"»«‚‘()\[\],;:.!?–—]+")


def _description(text: str) -> tuple[str, str] | None:
    """A definite description, as (determiner, head): "der Volvo-Chef", "dem US-Kultregisseur", "die neue
    Psychotherapeutin", "der 47-Jährige" — a definite article, lower-case adjectives, one capitalised head (or an
    age: "der 81-jährige"); nothing attached, no name."""
    toks = re.sub(r"\s*\([^()]*\)$", "", text).split()  # "der US-Kultregisseur (Inglourious Basterds)"
    if len(toks) < 2 or not anonymity.is_definite(toks[0]):
        return None
    head = toks[-1]
    if not (_is_cap(head) or anonymity.AGE.match(head)) or not _WORD.fullmatch(head):
        return None
    if any(not (t.islower() and t.replace("-", "").isalpha()) for t in toks[1:-1]):
        return None
    return toks[0].lower(), head


def _stems(word: str) -> set[str]:
    """A role noun without its case ending: "Regisseurs" → regisseur, "Präsidenten" → präsident."""
    low = word.lower()
    out = {low}
    for ending in ("s", "es", "n", "en"):
        if low.endswith(ending) and len(low) - len(ending) >= 4:
            out.add(low[: -len(ending)])
    return out


def _same_role(description: str, introduced: str) -> bool:
    """The same role noun, or one the end of the other's compound: "Regisseur" ~ "US-Kultregisseur", "Volvo-Chef" ~
    "Chef"; not a female form against a male one ("Psychotherapeutin" ≁ "Psychotherapeut")."""
    for a in _stems(description):
        for b in _stems(introduced):
            short, long_ = sorted((a, b), key=len)
            if len(short) >= 4 and long_.endswith(short):
                return True
    return False


def _word_before(text: str, start: int) -> str:
    m = re.search(r"(\S+)\s+$", text[max(0, start - 60) : start])
    return m.group(1).strip('„“”"»«‚‘(') if m else ""


#: An apposition after a name: ", der frühere Minister" → its head noun.
_APPOSITION = re.compile(
    rf",\s+(?:(?:{alternation(_speaker_class('apposition_article'))})\s+)?(?:[a-zäöüß-]+e[nrms]?\s+)*([A-ZÄÖÜ][\w-]+)"
)


def _introduced_roles(text: str, start: int, end: int) -> list[str]:
    """The role nouns a name was introduced with: the capitalised word right before it ("Volvo-Chef Håkan
    Samuelsson", "Roms Bürgermeister Ignazio Marino") and the head of an apposition after it ("Barbara Preitler,
    Psychotherapeutin am Institut, …", "Marino, Arzt und Senator")."""
    out = []
    before = _word_before(text, start)
    if _is_cap(before) and speaker_words().get(before.lower()) is None and _WORD.fullmatch(before):
        out.append(before)
    m = _APPOSITION.match(text[end : end + 80])
    if m:
        out.append(m.group(1))
    return out


def _person_mentions(record: Record, offset: int) -> list[tuple[str, int, int]]:
    """(entity id, start, end) of the named persons' mentions ending by ``offset`` (not descriptions: "der
    Gesandte"), in entity order; all of them, made once per record: :attr:`Mentions.persons`."""
    out = []
    for e in record.entities:
        if e.type != "PER":
            continue
        for m in e.mentions:
            if m.end <= offset and m.text[:1].isupper() and not anonymity.is_definite(m.text.split()[0]):
                out.append((e.id, m.start, m.end))
    return out


def role_description_to_person(ref: SpeakerRef, site: LinkSite) -> bool:
    """„Es hängt von der Batterie ab“, sagte der Volvo-Chef. → Håkan Samuelsson, when the article named him before
    as "Volvo-Chef Håkan Samuelsson"; "das Stadtoberhaupt" → Ignazio Marino after "Stadtoberhaupt Marino"; "der
    US-Kultregisseur" → the one introduced as "Regisseur Quentin Tarantino". A definite description of one person
    refers to the one person introduced with that role noun (or a compound ending in it) right before his name or
    in apposition after it; when no one or two were, it stays unlinked."""
    found = _description(ref.text)
    if found is None or anonymity.AGE.match(found[1]):
        return False
    eid = _person_with_role(site, found[1], ref.start)
    if eid is None:
        return False
    ref.entity, ref.person = eid, True
    return True


def _person_with_role(site: LinkSite, head: str, offset: int) -> str | None:
    """The one person introduced with the role noun ``head`` before ``offset``; when none was, the one introduced
    with it anywhere in the article ("…, sagte der Volvo-Chef. … Volvo-Chef Håkan Samuelsson"); else None."""
    introduced = list(site.index.role_index.matching(head))  # (entity id, end) of the mentions introduced with the role
    for matches in ({eid for eid, e in introduced if e <= offset}, {eid for eid, _ in introduced}):
        if matches:
            return matches.pop() if len(matches) == 1 else None
    return None


def _quotation_spans(record: Record) -> list[tuple[int, int]]:
    """(start, end) of every quotation of the record."""
    from . import quotes

    if record.doc is None:
        return []
    return [(q.start, q.end) for q in quotes.quotations(record)]


def _named_persons(site: LinkSite) -> dict[str, list[tuple[int, int]]]:
    """Entity id → the spans where the narrator names the person: capitalised, outside quotations, not a
    description ("der Gesandte") and not a genitive before its noun ("in Tom Rostons Buch")."""
    return site.index.named_persons  # made once per record


def _next_to_speech_verb(text: str, start: int, end: int) -> bool:
    """A name right before or after a verb of saying: "sagte Samuelsson", "Bornstein bestätigte"."""
    readings = speech_readings()
    before = re.search(r"(\w+)\s+$", text[max(0, start - 30) : start])
    after = re.match(r"\s+(\w+)", text[end : end + 30])
    return bool((before and before.group(1) in readings) or (after and after.group(1) in readings))


def _introduced_unnamed(text: str, offset: int, head: str) -> bool:
    """The role noun was introduced before ``offset`` for someone unnamed: "ein Anwohner", "eine Ärztin" — a
    capitalised word of ``text[:offset]`` of the same role (:func:`_same_role`) with an indefinite determiner among
    the three words before it. The words are read once per text (:func:`_unnamed_introductions`)."""
    starts, words, index = _unnamed_introductions(text)
    if any(ends[0] <= offset for ends in index.groups(head)):
        return True
    k = bisect.bisect_left(starts, offset) - 1  # the word ``offset`` cuts: text[:offset] ends inside it
    if k >= 0 and offset < starts[k] + len(words[k]):
        t = text[starts[k] : offset]
        return _is_cap(t) and _same_role(head, t) and any(anonymity.is_indefinite(w) for w in words[max(0, k - 3) : k])
    return False


@lru_cache(maxsize=4)
def _unnamed_introductions(text: str) -> tuple[list[int], list[str], _RoleIndex[int]]:
    """The words of ``text`` (:data:`_WORD`: their starts and texts), and the end offsets of the capitalised ones with an
    indefinite determiner among the three words before them ("ein Anwohner"), by role (:class:`_RoleIndex`)."""
    found = list(_WORD.finditer(text))
    starts, words = [m.start() for m in found], [m.group() for m in found]
    index: _RoleIndex[int] = _RoleIndex()
    for k, t in enumerate(words):
        if _is_cap(t) and any(anonymity.is_indefinite(w) for w in words[max(0, k - 3) : k]):
            index.add(t, found[k].end())
    return starts, words, index


def _headline_noun(ref: SpeakerRef, site: LinkSite) -> tuple[str, str] | None:
    """A bare person noun opening the article, a headline's subject ("Arzt bescheinigt …"): ("", noun)."""
    text = site.record.text
    if " " in ref.text.strip() or not site.record.sentences:
        return None
    if ref.start != _first_word_start(text, site.record.sentences[0].start) or noun_class(ref.text) != "person":
        return None
    return "", ref.text


def role_description_to_only_person(ref: SpeakerRef, site: LinkSite) -> bool:
    """„Ich will etwas Festes in der Hand“, sagt der Regisseur. … hält einer an Kassetten fest: Quentin Tarantino.
    → Quentin Tarantino; "Arzt bescheinigt Bewerber exzellente Gesundheit" (a headline) → Harold Bornstein, the one
    who "bescheinigte". A definite description of one person (or a headline's bare person noun) that nobody was
    introduced with refers to the only person the narrator names (not in a quotation, not a genitive: "Tom Rostons
    Buch"), or else to the only one named next to a verb of saying ("sagte Samuelsson"); not when the noun was
    introduced for someone unnamed ("ein Anwohner … der Anwohner") nor when that person was introduced with another
    role ("Feuerwehrchef Juan Chavez" is no "Hausbesitzer")."""
    found = _description(ref.text) or _headline_noun(ref, site)
    if found is None or anonymity.AGE.match(found[1]) or noun_class(found[1]) != "person":
        return False
    head, text = found[1], site.record.text
    if _introduced_unnamed(text, ref.start, head):
        return False
    persons = _named_persons(site)
    if len(persons) != 1:
        persons = site.index.named_next_to_speech_verb  # made once per record
    if len(persons) != 1:
        return False
    eid, spans = next(iter(persons.items()))
    roles = [r for s, e in spans for r in _introduced_roles(text, s, e) if noun_class(r) == "person"]
    if roles and not any(_same_role(head, r) for r in roles) and not _nationality_of_near_person(site, ref, head, spans):
        return False
    ref.entity, ref.person = eid, True
    return True


def nationality(word: str) -> bool:
    """A nationality noun (``speaker_nouns.tsv``, flag "nationality"), inflected or after a hyphen: "Franzose",
    "Argentiniers", "US-Amerikaner"."""
    low = word.lower().rsplit("-", 1)[-1]
    nats = nationality_nouns()
    return any(low[: len(low) - len(e)] in nats for e in _INFLECTIONS if low.endswith(e))


def _nationality_of_near_person(site: LinkSite, ref: SpeakerRef, head: str, spans: list[tuple[int, int]]) -> bool:
    """Teamchef Lars Lindqvist verteidigt seinen Torwart: „…“, wird der Schwede zitiert. → Lindqvist: a nationality
    is no role, so a person introduced with a role ("Teamchef") can still be "der Schwede" — when the narrator
    names him in the description's own sentence or the one before it (sentences inside a quotation not counted)."""
    if not nationality(head):
        return False
    k = site.record.sentence_at(ref.start)
    if k is None:
        return False
    sentences = site.record.sentences
    narrated = site.index.last_narrated[k - 1] if k > 0 else -1  # the last sentence before the description's one
    lo = sentences[narrated].start if narrated >= 0 else 0
    return any(lo <= s < ref.start for s, _ in spans)


def age_description_to_person(ref: SpeakerRef, site: LinkSite) -> bool:
    """Allison, der mit Schumacher zusammenarbeitete, sieht Parallelen. „…“, sagt der 47-Jährige. → Allison. An age
    description refers to the one person introduced with that age ("Allison (47)", "Allison, 47,", "der 47-jährige
    Allison"); when none was, to the named person who opens the speaker's sentence or the one before it, also after
    his role ("Kölns Trainer Markus Brenner wollte feiern. „…“, sagte der 61-Jährige." → Brenner). When none
    does ("Der Hausbesitzer machte … Am Montag sagte der 81-jährige"), it stays unlinked."""
    found = _description(ref.text)
    age = anonymity.AGE.match(found[1]) if found else None
    if age is None:
        return False
    years = age.group(1)
    text = site.record.text
    matches = {
        eid
        for eid, s, e in site.index.persons_by_age.get(years, [])  # of the persons named before the speaker
        if e <= ref.start
        and (
            re.match(rf"\s*(?:\(\s*{years}\s*\)|,\s*{years}\s*,)", text[e : e + 12])
            or re.search(rf"\b{years}-[jJ]ährige[nr]?\s+$", text[max(0, s - 20) : s])
        )
    }
    if not matches:
        k = site.record.sentence_at(ref.start)
        for j in (k, k - 1) if k is not None else ():
            if j is None or j < 0:
                continue
            sent = site.record.sentences[j]
            first = _first_word_start(text, sent.start)
            near = site.index.persons_starting(first, _role_prefix_end(text, first))  # where _opens_sentence can hold
            lead = [eid for eid, s, e in near if e <= ref.start and _opens_sentence(text, first, s)]
            if lead:
                matches = set(lead)
                break
    if len(matches) != 1:
        return False
    ref.entity, ref.person = matches.pop(), True
    return True


_ROLE_PREFIX = re.compile(
    rf"(?:[A-ZÄÖÜ][\w.-]*s\s+)?(?:(?:{alternation(_speaker_class('role_article'), capitalised=True)})\s+)?"
    r"(?:[a-zäöüß-]+e[nrms]?\s+){0,2}([A-ZÄÖÜ][\w-]+)\s+"
)


def _opens_sentence(text: str, first: int, s: int) -> bool:
    """A name at ``s`` opens the sentence whose first word is at ``first``: it is the first word, or only its role
    stands before it ("Kölns Trainer Markus Brenner wollte …", "Der frühere Minister Hans Lang …")."""
    if s == first:
        return True
    m = _ROLE_PREFIX.fullmatch(text, first, s)
    return m is not None and noun_class(m.group(1)) == "person"


_WORD_AND_SPACE = re.compile(r"\S+\s+")


def _role_prefix_end(text: str, first: int) -> int:
    """The furthest offset at which :data:`_ROLE_PREFIX` can end when it starts at ``first``: after five words, each
    with the white space after it (every part of the pattern is one word and its space)."""
    at = first
    for _ in range(5):
        m = _WORD_AND_SPACE.match(text, at)
        if m is None:
            break
        at = m.end()
    return at


def _first_word_start(text: str, start: int) -> int:
    m = re.compile(r"[\s„“”\"»«‚‘(]*").match(text, start)
    return m.end() if m else start


def surname_to_person(ref: SpeakerRef, site: LinkSite) -> bool:
    """„…“, sagt Huth. → Peter Huth; "Stadtoberhaupt Marino" → Ignazio Marino; "Sein Kollege Hachleitner" → Hans
    Hachleitner: the speaker ends in a capitalised word that no entity's mention covers and that is the last word of
    exactly one person named before ("Peter Huth"). Not a genitive ("ein Sprecher Müllers" is not Müller) and
    not when two persons share the surname."""
    if site.mentions.overlapping(ref.start, ref.end):
        return False
    toks = ref.text.split()
    last = toks[-1].strip('„“”"»«‚‘')
    if not _is_cap(last) or not _WORD.fullmatch(last) or noun_class(last) is not None:
        return False
    if any(t.lower() in _ATTACH or t.lower() in _PREPOSITIONS for t in toks[1:-1]):
        return False  # "der Sprecher von Müller": attached, not the speaker
    matches = {eid for eid, first_end in site.index.surnames.get(last, []) if first_end <= ref.start}
    if len(matches) != 1:
        return False
    ref.entity, ref.person = matches.pop(), True
    return True


#: How many sentences back the outlet a definite description points at may have spoken.
_OUTLET_DESCRIPTION_REACH = 3


def outlet_description_to_outlet(ref: SpeakerRef, site: LinkSite) -> bool:
    """Der Spiegel berichtete, … Das Nachrichtenmagazin schrieb weiter, … → Der Spiegel: a definite description of an
    outlet (a definite article, lower-case adjectives and a noun of an unnamed outlet, ``anonymous_sources.tsv``:
    Zeitung, Magazin, Sender, Blatt, Portal) points back at the outlet that spoke last before it, in its sentence or
    the three before, so it is that outlet, not an unnamed one. With no outlet so near ("Die Zeitung berichtet …"
    opening a text) it stays anonymous."""
    found = _description(ref.text)
    if found is None or anonymity.noun_kind(found[1]) != "unnamed_outlet":
        return False
    last = next((h for h in reversed(site.history) if h.outlet and h.end <= ref.start), None)
    if last is None:
        return False
    k, j = site.record.sentence_at(ref.start), site.record.sentence_at(last.start)
    if k is None or j is None or k - j > _OUTLET_DESCRIPTION_REACH:
        return False  # too far back to be sure it is the same paper
    ref.outlet, ref.entity, ref.resolved = last.outlet, last.entity, last.outlet
    return True


def definite_document_to_last_speaker(ref: SpeakerRef, site: LinkSite) -> bool:
    """„…“, bescheinigte Harold Bornstein. Das Herz sei gesund, hieß es in dem einseitigen Schreiben weiter. →
    Bornstein: a definite document with nothing attached ("dem Schreiben", "der Mitteilung"), or a noun of
    information ("Den Informationen zufolge", "nach den Angaben"), right after a named speaker's statement (in the
    sentence before or the same one) is that speaker's."""
    found = _description(ref.text)
    if found is None or not site.history:
        return False
    if anonymity.noun_kind(found[1]) != "document" and (found[1].lower() not in information_nouns() or _verb_noun(found[1])):
        return False  # "den Informationen zufolge", "nach den Angaben"; not the idiom "dem Vernehmen nach"
    last = site.history[-1]
    if last.entity is None or last.anonymous or last.end > ref.start:
        return False
    k, j = site.record.sentence_at(ref.start), site.record.sentence_at(last.start)
    if k is None or j is None or k - j > 1:
        return False
    ref.entity, ref.person = last.entity, last.person
    return True


def _verb_noun(word: str) -> bool:
    """A noun made of a verb's infinitive ("Vernehmen", "Hörensagen")."""
    from .konjunktiv import infinitives

    return word.lower() in infinitives()


#: A noun with a genitive or "von" after it: "Studie der …", "Umfrage des …".
_GENITIVE_AFTER = re.compile(rf"([A-ZÄÖÜ][\w-]+)\s+(?:(?:{alternation(_GENITIVE_ARTICLES | _VON)})\s+)")


def document_to_named_author(ref: SpeakerRef, site: LinkSite) -> bool:
    """Die Digitalisierung ist einer Umfrage zufolge kein Thema. …, wie eine Studie der IT-Beratungsfirma Crisp
    Research ergab. → Crisp Research: an unnamed document or survey ("einer Umfrage", "ein Bericht") whose author
    the same or the next sentence names after a document noun ("Studie der …", "Umfrage des Instituts Forsa")."""
    toks = ref.text.split()
    if not toks or not anonymity.is_indefinite(toks[0]) or noun_class(toks[-1]) != "source":
        return False
    record, text = site.record, site.record.text
    k = record.sentence_at(ref.start)
    if k is None:
        return False
    hi = record.sentences[min(k + 1, len(record.sentences) - 1)].end
    for m in _GENITIVE_AFTER.finditer(text[ref.end : hi]):
        if noun_class(m.group(1)) != "source":  # "Studie der …", "Umfrage des …"
            continue
        at = ref.end + m.end()
        for ms, _me, eid in site.mentions.overlapping(at, at + 50):
            if site.mentions.types.get(eid) in ("ORG", "PER") and re.fullmatch(r"(?:[\w-]+\s+){0,2}", text[at:ms]):
                ref.entity = eid
                return True
    return False


def anonymous_source(ref: SpeakerRef, site: LinkSite) -> bool:
    """Ein US-Beamter bestätigte, dass …; hieß es aus informierten Kreisen; sagte der Chef der Gruppe Fursan al-Hak
    → an unnamed source; not an office whose holder the article introduced ("Präsident Assad … der Präsident des
    Landes")."""
    found = anonymity.of_speaker(site.record, ref.start, ref.end, ref.text, site.index.article_persons)  # anonymity.py
    if found is None:
        return False
    toks = ref.text.split()
    if (
        len(toks) > 2
        and anonymity.is_definite(toks[0])
        and noun_class(toks[1]) == "person"
        and _person_with_role(site, toks[1], ref.start) is not None
    ):
        return False
    ref.anonymous, ref.entity = True, None  # "ein US-Regierungsvertreter" is the official, never the country "US"
    ref.anonymity_rule = found.rule
    ref.person = _head_class(ref.text) == "person"
    return True


def unlinked(ref: SpeakerRef, site: LinkSite) -> bool:
    """Der Polizeisprecher sagte, … (no entity) → the speaker as written."""
    ref.person = _head_class(ref.text) == "person" or _head_class(ref.text) is None
    return True


def _head_class(text: str) -> str | None:
    core = text[: _core_length(text)].split()
    caps = [t for t in core if _is_cap(t)]
    return noun_class(caps[-1]) if caps else None


#: How a found speaker is linked: the first rule that applies wins.
LINK_RULES: tuple[Callable[[SpeakerRef, LinkSite], bool], ...] = (
    pronoun_to_described_subject,
    pronoun_to_last_speaker,
    pronoun_to_previous_person,
    relative_to_antecedent,
    outlet_name,
    role_description_to_person,
    age_description_to_person,
    age_description_to_described_subject,
    surname_to_person,
    outlet_description_to_outlet,
    definite_document_to_last_speaker,
    document_to_named_author,
    anonymous_source,
    role_description_to_only_person,
    person_in_phrase,
    person_in_apposition_after,
    entity_mention,
    unlinked,
)


def link(ref: SpeakerRef, record: Record, history: Sequence[SpeakerRef], mentions: Mentions | None = None) -> SpeakerRef:
    """Link a found speaker by the first of :data:`LINK_RULES` that applies; its name goes to ``ref.link_rule``."""
    site = LinkSite(record, mentions or Mentions(record), history)
    for rule in LINK_RULES:
        if rule(ref, site):
            ref.link_rule = rule.__name__
            break
    return ref


def _most_overlapping(items: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    best, best_overlap = None, 0
    for ms, me, eid in items:
        overlap = min(end, me) - max(start, ms)
        if overlap > best_overlap:
            best, best_overlap = eid, overlap
    return best


def previous_person(record: Record, offset: int, quoted: Sequence[tuple[int, int]] = ()) -> str | None:
    """The person (PER entity) mentioned last before ``offset``: what "er" refers to when nothing nearer does.
    Teamchef Jean Todt lobt: „Schumacher ist der Meister.“ Er glaubt, … → Jean Todt: a person named only inside
    a quotation (``quoted``) is what the speaker talked about, not whom the narrator's "er" refers to."""
    best, best_start = None, -1
    for e in record.entities:
        if e.type != "PER":
            continue
        for m in e.mentions:
            if best_start < m.start < offset and not any(a <= m.start < b for a, b in quoted):
                best, best_start = e.id, m.start
    return best
