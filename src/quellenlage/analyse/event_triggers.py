"""Event triggers: the words that name an event ("Treffen", "trafen sich", "Gipfeltreffen", "diskutiert").

The table ``lang/de/events/triggers.tsv`` lists word forms with their kind and
event type. Nouns match as a word or as the head of a compound
("Geheimgespräche" → talks, "28-Punkte-Friedensplan" → plan) when written with
a capital; verbs match lower-case word forms; phrases match a sequence of
words, where "…" lets the particle of a separable verb come later in the
clause ("kamen … zusammen": "kamen am Montag in Berlin zusammen"; see
:func:`.event_status.match`). New triggers are a table row, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..lang.de.event_tables import trigger_forms
from ..record import Record
from . import event_status, segment

#: Types that may describe one and the same encounter (see events._may_be_one).
FAMILIES = {"meeting": "encounter", "talks": "encounter", "call": "encounter", "visit": "encounter"}
_NUMBER = re.compile(r"\d")
_MIN_COMPOUND_PART = 3  # "Gipfel|treffen", not "P|reise", "An|reise"


@dataclass(slots=True)
class Trigger:
    """One trigger mention: offsets into ``record.text``, its event type and sentence."""

    start: int
    end: int
    type: str
    sentence: int
    kind: str
    word: int  # index of its (first) word in ``segment.words(record)``
    text: str = ""


def family(event_type: str) -> str:
    """ "encounter" for meeting, talks, call and visit; any other type is a family of its own."""
    return FAMILIES.get(event_type, event_type)


@cache
def _by_kind() -> dict[str, dict[str, str]]:
    """kind → form → event type (the first row of a form wins)."""
    out: dict[str, dict[str, str]] = {}
    for t in trigger_forms():
        out.setdefault(t.kind, {}).setdefault(t.form, t.type)
    return out


@cache
def _heads() -> dict[str, tuple[str, str]]:
    """head → (kind, type) for compound-head matching (a noun row before a numbered one)."""
    kinds = _by_kind()
    out: dict[str, tuple[str, str]] = {}
    for k in ("noun", "numbered"):
        for f, ty in kinds.get(k, {}).items():
            out.setdefault(f, (k, ty))
    return out


@cache
def _look_alikes() -> frozenset[str]:
    return frozenset(_by_kind().get("not", {}))


@lru_cache(maxsize=1 << 16)
def noun_type(word: str) -> str | None:
    """The event type a capitalised word names: "Gipfeltreffen" → meeting, "Geheimgespräche" → talks."""
    letter = next((ch for ch in word if ch.isalpha()), "")
    if not letter.isupper():  # nouns are capitalised: "Treffen", "28-Punkte-Friedensplan"
        return None
    low = word.lower()
    kinds = _by_kind()
    look_alikes = _look_alikes()
    if any(low[i:] in look_alikes for i in range(len(low))):  # "Parteikreise", "Zeitplan" (every ending, one lookup each)
        return None
    for kind in ("exact", "noun"):
        if low in kinds.get(kind, {}):
            return kinds[kind][low]
    planned = _intended(word)
    if planned is not None:  # "Anschlagspläne" → crime, "Übernahmepläne" → acquisition (planned)
        return planned
    told = _aspect(word)
    if told is not None:  # "Unfallstelle", "Brandursache" → the accident, the fire; "Streikwelle" → strike
        return told
    heads = _heads()
    for i in range(1, len(low)):  # the longest head first
        if (found := heads.get(low[i:])) is None:
            continue
        kind, typ = found
        first = low[:i]
        if kind == "numbered":
            if _NUMBER.search(first):
                return typ
        elif first.endswith("-") or len(first) >= _MIN_COMPOUND_PART:
            return typ
    return None


@lru_cache(maxsize=1 << 14)
def _intended(word: str) -> str | None:
    """The event a compound of a plan head names as intended: "Anschlagspläne" → crime, "Übernahmepläne" →
    acquisition, "Streikpläne" → strike (heads: ``intent`` rows); the first part, with a linking "s" or not, is a
    noun trigger of another type ("Friedensplan" stays a plan)."""
    low = word.lower()
    for head in _by_kind().get("intent", {}):
        if not low.endswith(head) or len(low) - len(head) < _MIN_COMPOUND_PART:
            continue
        first = word[: len(word) - len(head)].rstrip("-")
        for part in (first, first[:-1] if first.endswith("s") else None):
            typ = noun_type(part) if part and len(part) >= _MIN_COMPOUND_PART else None
            if typ is not None and typ != "plan":
                return typ
    return None


def _first_part_type(word: str, heads: dict[str, str], kinds: tuple[str, ...]) -> str | None:
    """The event type of the first part of a compound ending in one of ``heads`` (with a linking "s" or not),
    when that part is a noun trigger of a kind in ``kinds`` (its own compounds too) and of a type other than plan."""
    low = word.lower()
    for head in heads:
        if not low.endswith(head) or len(low) - len(head) < _MIN_COMPOUND_PART:
            continue
        first = word[: len(word) - len(head)].rstrip("-")
        for part in (first, first[:-1] if first.endswith("s") else None):
            if not part or len(part) < _MIN_COMPOUND_PART:
                continue
            typ = noun_type(part)
            if typ is None or typ == "plan":
                continue
            if "exact" not in kinds and part.lower() in _by_kind().get("exact", {}):
                continue  # "Tatort" (the TV series), "Brandort": an exact-only word does not lend itself to compounds
            return typ
    return None


@lru_cache(maxsize=1 << 14)
def _aspect(word: str) -> str | None:
    """The event a compound of an aspect head names (heads: ``aspect`` rows): "Unfallstelle", "Unfallursache",
    "Unglücksort" → accident, "Streikwelle" → strike, "Anschlagsziel" → crime. The first part, with a linking
    "s" or not, is a noun trigger (not an ``exact`` one: "Tatort" is a TV series)."""
    return _first_part_type(word, _by_kind().get("aspect", {}), ("noun",))


def presupposes(word: str) -> bool:
    """Whether a noun trigger is an aspect compound whose head presupposes its event (``aspect`` rows whose note
    begins with "presupposes"): "an der Unfallstelle", "Die Unfallursache ist unklar" (the accident took place)."""
    if not word[:1].isupper() or _aspect(word) is None:
        return False
    low = word.lower()
    return any(low.endswith(h) for h in _presupposing_heads())


@cache
def _presupposing_heads() -> frozenset[str]:
    return frozenset(t.form for t in trigger_forms() if t.kind == "aspect" and t.note.startswith("presupposes"))


def intended(word: str) -> bool:
    """Whether a noun trigger names an intended event ("Anschlagspläne"): planned, whatever the clause's tense."""
    return _intended(word) is not None and word[:1].isupper()


def _reflexive_clause(record: Record, words: list[segment.Word], i: int, sentence: int) -> bool:
    """Whether "sich" stands in the clause of ``words[i]`` within its sentence: "war man sich dann einig",
    "konnten sich darauf einigen" (not "nach einigen Tagen")."""
    return any(
        words[k].text.lower() == "sich" and record.sentence_at(words[k].start) == sentence for k in event_status.clause(words, i)
    )


@cache
def _phrases() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Phrase triggers by their first word, longest first."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for form, typ in sorted(_by_kind().get("phrase", {}).items(), key=lambda p: len(p[0].split()), reverse=True):
        words = tuple(form.split())
        out.setdefault(words[0], []).append((words, typ))
    return out


#: A result between two sides, "3:1", "32:31"; a tennis or hockey result by sets or periods: "5:7,6:3,11:9",
#: "6:7(1),6:7(4" (the tokens' form). A clock time looks the same ("10:30 Uhr"): the words beside it decide.
SCORE = re.compile(r"^\d{1,3}:\d{1,3}(\(\d+\)?)?(,\d{1,3}:\d{1,3}(\(\d+\)?)?)*$")


def is_result(text: str) -> bool:
    """Whether a trigger's text is a result named as a game ("3:2": :func:`_score_noun`)."""
    return bool(SCORE.match(text))


def _score_noun(words: list[segment.Word], i: int, sentence: int, record: Record) -> str | None:
    """ "match" for a result used as the name of a game: after an article (``score_article`` in events/words.tsv:
    "beim", "dem", "einem") and before "gegen"/"über" (``score_opponent``; a bracketed score by periods may stand
    between): "beim 1:1 gegen Sunderland", "nach dem 3:2 (0:0,1:0,2:2) gegen Norwegen". A bare score ("Treffer zum
    2:1", "Zur Pause stand es 3:0") or a clock ("um 10:30 Uhr") names none."""
    from .event_sentence import word_class

    if not SCORE.match(words[i].text) or i == 0 or words[i - 1].text.lower() not in word_class("score_article"):
        return None
    j = i + 1
    if j < len(words) and words[j].text == "(":  # "3:2 (0:0,1:0,2:2)": the score by periods
        close = next((k for k in range(j + 1, min(len(words), j + 6)) if words[k].text == ")"), None)
        if close is None:
            return None
        j = close + 1
    if j >= len(words) or record.sentence_at(words[j].start) != sentence:
        return None
    return "match" if words[j].text.lower() in word_class("score_opponent") else None


def find(record: Record, words: list[segment.Word] | None = None) -> list[Trigger]:
    """Every trigger mention in ``record``, in text order (needs the segment stage)."""
    words = words if words is not None else segment.words(record)
    kinds = _by_kind()
    verbs = kinds.get("verb", {})
    reflexive = kinds.get("reflexive", {})
    phrases = _phrases()
    out: list[Trigger] = []
    i = 0
    while i < len(words):
        w = words[i]
        sentence = record.sentence_at(w.start)
        if sentence is None:
            i += 1
            continue
        low = w.text.lower()
        matched = False
        for forms, typ in phrases.get(low, ()):
            hits = event_status.match(forms, words, i)
            if hits is None or record.sentence_at(words[hits[-1]].start) != sentence:
                continue
            gap = range(hits[0] + 1, hits[-1])
            if len(hits) < hits[-1] - hits[0] + 1:  # "kamen am Montag in Berlin zusammen": the verb is the mention
                if any(noun_type(words[k].text) for k in gap):  # "kamen zu einem Gespräch zusammen": the noun names it
                    continue
                out.append(Trigger(w.start, w.end, typ, sentence, "phrase", i, w.text))
                i += 1
            else:
                end = words[hits[-1]].end
                out.append(Trigger(w.start, end, typ, sentence, "phrase", i, record.text[w.start : end]))
                i += len(hits)
            matched = True
            break
        if matched:
            continue
        named = noun_type(w.text) or _score_noun(words, i, sentence, record)
        if named is not None:
            out.append(Trigger(w.start, w.end, named, sentence, "noun", i, w.text))
        elif low in verbs and (w.text.islower() or record.sentences[sentence].start == w.start):
            out.append(Trigger(w.start, w.end, verbs[low], sentence, "verb", i, w.text))
        elif low in reflexive and w.text.islower() and _reflexive_clause(record, words, i, sentence):
            out.append(Trigger(w.start, w.end, reflexive[low], sentence, "verb", i, w.text))
        i += 1
    return out
