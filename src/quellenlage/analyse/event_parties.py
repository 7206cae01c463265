"""Who takes part in an event and where it happens, read from the trigger's sentence (the events stage).

Participants are entity ids: persons and organisations, a country used as an
actor, "zwischen A und B", "er" for the person named before; groups without
an entity are mentions ("hochrangige Mitglieder der Trump-Regierung"). The
place is a place name after "in"/"nach"/"bei" (a venue after "im"), or the
object of a visit. Every rule with its German example: docs/events.md.
"""

from __future__ import annotations

from ..lang.de.event_tables import group_words
from ..record import Mention, Record
from . import event_status
from .event_sentence import AnnotatedSentence, adjective, adjective_at, before, is_modifier, word_class
from .event_triggers import FAMILIES
from .segment import Word
from .speakers import previous_person

_ACTORS = frozenset({"PER", "ORG"})
_PLACE_WINDOW = 4  # words after a noun trigger where its own place may stand: "Gesprächen in St. Petersburg"


def place_of(record: Record, s: AnnotatedSentence, after: int | None = None, within: range | None = None) -> str | None:
    """A LOC entity after "in"/"nach"/"bei", an article or an adjective may stand between ("im kanadischen
    Charlevoix"); an ORG after "im" is a venue ("im Kanzleramt", "im Weißen Haus"). After word ``after`` when
    given, among the words ``within`` when given."""
    for m, eid, etype in s.mentions:
        if etype not in ("LOC", "ORG") or is_modifier(record, m):
            continue
        k = s.word_at(m.start)
        if (
            k is None
            or (after is not None and not after < k <= after + _PLACE_WINDOW)
            or (within is not None and k not in within)
        ):
            continue
        preceding = [w.text for w in s.words[max(0, k - 3) : k]][::-1]  # nearest first
        if etype == "ORG":
            if preceding[:1] and preceding[0].lower() in word_class("venue"):
                return eid
            continue
        while preceding and (preceding[0].lower() in word_class("article") or adjective(preceding[0])):
            preceding = preceding[1:]
        if preceding and preceding[0].lower() in word_class("preposition"):
            return eid
    return None


def _genitive_before_noun(record: Record, s: AnnotatedSentence, m: Mention, name: str) -> bool:
    """ "Chinas Staatschef", "Frankreichs Präsident": a place name in the genitive (its name + "s", not "Paris")
    before a capitalised noun."""
    end = s.word_at(m.end - 1)
    nxt = s.words[end + 1].text if end is not None and end + 1 < len(s.words) else ""
    return m.text == f"{name}s" and nxt[:1].isupper() and record.text[m.end : m.end + 1] == " "


def participants(
    record: Record, s: AnnotatedSentence, trigger: int, excluded: set[str], event_type: str = ""
) -> tuple[list[str], str | None]:
    """Entity ids taking part, and the agent of a passive ("von Trump"), from the sentence of a trigger.

    A place name is an actor with a role ("Moskau" as the government), after "die" not governed by a preposition
    ("die Ukraine … informieren"; not "der Ukraine", "in der Türkei"), at the start of the sentence ("Armenien und
    Aserbaidschan wollen …"), as the target of sanctions ("gegen Russland"), or joined by "und" to an actor before
    it ("zwischen der EU und China"). "von" right after a noun trigger names a party, not an agent
    ("Koalitionsverhandlungen von ÖVP, SPÖ und Neos").
    """
    mentions = s.mentions
    between = next(
        (k for k in range(trigger + 1, min(len(s.words), trigger + 3)) if s.words[k].text.lower() in word_class("between")), None
    )
    if between is not None:
        mentions = [x for x in mentions if x[0].start > s.words[between].start]
    out: list[str] = []
    agent = None
    actor_ends: set[int] = set()  # word index of the last word of each actor mention
    names: dict[str, str] | None = None  # the place names by entity id, made when a place is first asked about
    for m, eid, etype in mentions:
        if eid in excluded or is_modifier(record, m):
            continue
        k = s.word_at(m.start)
        prev = before(s, m)
        if prev in word_class("agent") and k is not None and k - 2 != trigger:
            agent = agent or eid
            continue
        if etype == "LOC":
            if names is None:
                names = {e.id: e.name for e in record.entities if e.type == "LOC"}
            if _genitive_before_noun(record, s, m, names.get(eid, "")):  # "Chinas Staatschef Xi Jinping": China is not the actor
                continue
            prev2 = before(s, m, 2)
            actor = (
                bool(s.roles.get(eid))
                or (prev in word_class("actor_article") and prev2 not in word_class("preposition") | word_class("governs"))
                or k == 0
                or (event_type == "sanctions" and prev in word_class("against"))
                or (prev in word_class("coordination") and k is not None and k - 2 in actor_ends)
            )
            if not actor or prev in word_class("preposition"):
                continue
        elif etype not in _ACTORS:
            continue
        end = s.word_at(m.end - 1)
        if end is not None:
            actor_ends.add(end)
        if eid not in out:
            out.append(eid)
    # "Dort will er mit Handelsminister Howard Lutnick verhandeln": "er" is the person named last before the sentence
    if any(s.words[j].text.lower() in word_class("he") for j in event_status.clause(s.words, trigger)):
        person = previous_person(record, s.words[0].start)
        if person is not None and person not in out and person not in excluded:
            out.insert(0, person)
    # "In Brüssel ist ein Treffen mit König Philippe geplant": the other party is the person the text is about
    elif FAMILIES.get(event_type) and _with_partner_only(s, trigger, mentions, out):
        person = previous_person(record, s.words[0].start)
        if person is not None and person not in out:
            out.insert(0, person)
    return out, agent


def _with_partner_only(s: AnnotatedSentence, trigger: int, mentions: list[tuple[Mention, str, str]], out: list[str]) -> bool:
    """Whether the parties of a noun trigger are only those after its "mit": "ein Treffen mit Präsidentin Hassan"."""
    after = trigger + 1
    if after >= len(s.words) or s.words[after].text.lower() not in word_class("partner") or not out:
        return False
    with_start = s.words[after].start
    return all(m.start > with_start for m, eid, _ in mentions if eid in out)


def _group_head(word: str) -> bool:
    """A head noun of a group, also as a compound's last part: "Beamte", "Handelsminister", "Regierungschefs"."""
    low = word.lower()
    return low in group_words()["head"] or (
        word[:1].isupper() and any(low.endswith(x) and len(low) > len(x) for x in group_words()["compound"])
    )


def _group_adjective(words: list[Word], k: int, head: int, names: list[range]) -> bool:
    """Whether word ``k`` is an adjective of the group's ``head``: "hochrangige Mitglieder", also capitalised where
    any word is ("Westliche Diplomaten haben am Montag … beraten", :func:`adjective_at`), unless it is a group's head
    itself ("Beamte") or a word of a name without the head ("Deutsche Bahn")."""
    if adjective(words[k].text):
        return True
    return adjective_at(words, k) and not _group_head(words[k].text) and not any(k in name and head not in name for name in names)


def groups(record: Record, s: AnnotatedSentence) -> list[Mention]:
    """Participant groups without an entity: "hochrangige Mitglieder der Trump-Regierung", "europäische Beamte",
    "die Staats- und Regierungschefs der EU", "den Ministerpräsidenten der norddeutschen Länder".

    A group runs from the adjectives before its head to a genitive after it (its adjectives included) or a list
    of names after "von" ("Agrarminister von Deutschland, Frankreich und Polen"). A head before a person's name
    is a title ("Handelsminister Howard Lutnick"), and one after "laut"/"unter Berufung auf" a source.
    """
    kinds = group_words()
    stops, sources, genitive, joins = kinds["stop"], kinds["source"], kinds["genitive"], kinds["join"]
    person_starts = {s.word_at(m.start) for m, _, etype in s.mentions if etype == "PER"}
    spans = [(s.word_at(m.start), s.word_at(m.end - 1)) for m, _, _ in s.mentions]
    names = [range(a, b + 1) for a, b in spans if a is not None and b is not None]
    words = s.words
    out = []
    for k, w in enumerate(words):
        if not _group_head(w.text) or k + 1 in person_starts:
            continue
        lo = k
        while lo > 0:
            prev = words[lo - 1].text
            if _group_adjective(words, lo - 1, k, names) and prev.lower() not in stops:
                lo -= 1
            elif prev.lower() in joins and lo > 1 and words[lo - 2].text.endswith("-"):  # "Staats- und Regierungschefs"
                lo -= 2
            else:
                break
        if any(x.text.lower() in sources for x in words[max(0, lo - 5) : lo]):
            continue
        hi = k
        if k + 1 < len(words) and words[k + 1].text.lower() in genitive:
            j = k + 2
            while j < len(words) and words[j].text.islower() and words[j].text.isalpha():
                j += 1
            if j < len(words) and words[j].text[:1].isupper():
                hi = j
        elif k + 2 < len(words) and words[k + 1].text.lower() in word_class("agent") and words[k + 2].text[:1].isupper():
            hi = j = k + 2  # "von Deutschland, Frankreich und Polen"
            while (
                j + 2 < len(words)
                and (words[j + 1].text == "," or words[j + 1].text.lower() in joins)
                and words[j + 2].text[:1].isupper()
            ):
                hi = j = j + 2
        start, end = words[lo].start, words[hi].end
        out.append(Mention(start=start, end=end, text=record.text[start:end], sentence=s.index))
    # "Vertretern der ägyptischen und katarischen Vermittler": not also "katarischen Vermittler"
    return [g for g in out if not any(o is not g and o.start <= g.start and g.end <= o.end for o in out)]


def visited(record: Record, s: AnnotatedSentence, k: int, actors: list[str]) -> str | None:
    """The place a visit verb takes as its object, in its clause and without a preposition: "Luxemburg … besuchen"."""
    clause = event_status.clause(s.words, k)
    for m, eid, etype in s.mentions:
        at = s.word_at(m.start)
        if etype != "LOC" or eid in actors or at is None or at not in clause or is_modifier(record, m):
            continue
        if before(s, m) not in word_class("preposition") and before(s, m) not in word_class("article"):
            return eid
    return None
