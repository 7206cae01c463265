"""Every table row that carries an example does what the row says.

An example is a comment line directly below a row of a table under ``lang/de``: ``#> `` and a German
sentence of our own, in some tables followed by `` → `` and the expected value. Every loader skips comment
lines, so examples change nothing the stages read. Each example is one test case here: the sentence runs
through the whole pipeline (one body paragraph, published on Wednesday 19 November 2025), and the check of
its table reads off the record what the row says:

- ``events/triggers.tsv`` (form, kind, type): an event of that type with a trigger mention containing the form
  (of a phrase with a gap, "kamen … zusammen", the words before the gap: a mention is one span); a ``not`` row:
  no trigger mention contains the form; an ``intent`` or ``aspect`` row: an event of the type after → named
  with the form, planned for ``intent``, happened for an ``aspect`` row whose note begins with "presupposes";
- ``events/status.tsv`` (form, status, scope): an event with that status (``open``: unknown; ``negation`` and
  ``factual`` rows give the status after →). An unknown event that names no party, place or time is no event
  at all (events._says_something: precision first), so "unknown" also holds when the example has no event;
- ``speech_verbs.tsv`` (lemma, particle, class, forms): a statement whose cue is a form of that verb or noun;
- ``anonymous_sources.tsv`` (noun, kind): an anonymous source of that kind named with the noun; kind ``-``:
  no anonymous source named with it;
- ``speaker_nouns.tsv`` (noun, class, flags): a statement whose speaker is named with the noun (as a compound
  end with an inflection ending; a ``word`` row as the whole word or after a hyphen);
- ``agencies.tsv`` (siglum, name): a dateline credits the agency by its name, and no event has the agency as a
  participant or as its place;
- ``months.tsv`` and the time tables (word, …): a time expression with the word (or right after it: "mehr
  als zehn Stunden") whose value is the one after → ("none": no value), and whose mod is the one after the value,
  if given;
- ``outlets.tsv``, ``organisations.tsv`` and ``clubs.tsv`` (surface, canonical): an ORG entity with the canonical
  name that has a mention with the surface form (a genitive ending after it allowed); an outlet is an entity
  only where it stands as a source, so its examples name it as one;
- ``places_extra.tsv`` (surface, canonical, kind): a LOC entity with the canonical name and a mention with the
  surface form; an ``alias`` row also has an example "→ none" where the short form names no place (as the head
  of a compound, "US-Präsident"): no entity has the canonical name;
- ``roles.tsv`` (noun, declension): a person entity with a role whose word ends in the noun (or its female
  form: "Bürgermeisterin", "Staatsanwältin", "die Gesandte");
- ``not_names.txt``: no entity has a mention containing the word; ``not_org_acronyms.txt``: no ORG entity has
  one (the examples name the acronym twice or as a source, where the acronym rule would make it an organisation);
- ``report_cues.tsv`` (phrase, where): a statement whose speaker or source chain holds the entity named after →
  and whose cue contains the phrase (a ``noun`` row: a cue word ending in the noun); an ``origin`` row's cue is
  the verb of saying, so there only the chain counts; a ``carry`` row (no source named): a statement from the
  phrase on whose chain holds the source named before;
- ``institution_cues.tsv`` (word, where): the institution phrase the word shows is an ORG entity, named as
  after →, and a statement's speaker or source;
- ``metonymy.tsv`` (name, role, when): the entity with that canonical name has the role (an ``agent`` row: where
  the name acts, "Moskau fordert", "Washingtons Einfluss"); some ``agent`` rows also have an example "→ none"
  where the name does not act ("in Moskau"): the entity has not the role;
- ``voices.tsv`` (kind, word, institution): a ``stem`` row's example has a speaker, a person whose roles make
  them the voice of the institution after → (``link.origins.voice_of``);
- ``heads.tsv`` (kind, words): after → the person the example states as the head of an organisation
  (``link.descriptions.heads_in``, the row's words in the sentence), or "description": a role-only description
  holding the row's words (``link.descriptions.descriptions_in``), or "none": neither;
- ``currencies.tsv`` (name, when): an ``always`` or ``amount`` row (after a figure or an amount word): a MISC
  entity with a mention of the name; some ``amount`` rows also have an example "→ none" without an amount: no
  MISC mention of the name; an ``amount-word`` row names the currency after → and has it right after the word;
- ``events/plan.tsv`` (kind, word, and for ``inspired`` rows the words that introduce the inspiration): a ``plan`` event whose details hold what is after →: the number of
  ``points``, the ``topics`` (separated by "; "), or what it was ``inspired`` by, as written;
- ``events/groups.tsv`` (kind, word): an event group (``Event.groups``) that is exactly the group after → (from
  the adjectives before its head to a genitive after it) and shows the row: the word as its ``head`` or, as a
  compound's last part, a ``compound``; a ``genitive`` or ``join`` word inside it; a ``stop`` word right before
  it; a ``source`` word (no →): the example has an event, and no group stands in the word's clause.

An example that shows a defect of a stage is listed in :data:`DEFECTS` (a strict xfail) until the stage does
what its row says.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import pytest

from quellenlage.analyse import event_triggers
from quellenlage.evaluate.events import analyse_paragraph
from quellenlage.record import Record, Statement

LANG = Path(str(resources.files("quellenlage.lang.de")))
PUBLISHED = "2025-11-19T09:47+01:00"  # a Wednesday: the reference date of every time example
EXAMPLE = "#> "
ARROW = " → "
CONVENTION = "tests/test_table_examples.py checks it"


#: "table: example" → why the stage does not do what the row says (each is a strict xfail: fix the stage, then
#: drop the entry).
DEFECTS: dict[str, str] = {
    "events/triggers.tsv: Die Landessynode hat am Sonntag eine neue Bischöfin gewählt.": (
        '"gewählt" is ambiguous (events/words.tsv) and no word of the sentence is of class context_election: '
        "an election to an office outside politics (a bishop, by a synod) is no event"
    ),
    "events/triggers.tsv: Das Finale der Handball-WM findet am Sonntag in Oslo statt.": (
        '"Finale" is ambiguous (events/words.tsv); its context word "WM" (context_match) stands at the end of the '
        'hyphenated compound "Handball-WM", and events._in_context reads compound ends only for context_head words; '
        "tried and dropped: an upper-case acronym after the last hyphen as context: its one change on the check corpus "
        'was wrong ("nach dem ersten Sieg bei einer A-WM seit 1939" joined another match, with the time 1939)'
    ),
    "places_extra.tsv: Der Prozess vor dem Landgericht in Halle (Saale) beginnt am Montag.": (
        'entities._resolve_overlaps takes the higher rank first: the model\'s LOC "Halle" (RANK_MODEL) beats the longer '
        'gazetteer span "Halle (Saale)" (RANK_PLACE), so the entity is "Halle"'
    ),
    "report_cues.tsv: Nach ersten Ermittlungen der Staatsanwaltschaft Köln war der Fahrer betrunken.": (
        'entities.institution_prefix returns None for "Staatsanwaltschaft", a word of not_names.txt (checked before the '
        '"@anwaltschaft" head), so "der Staatsanwaltschaft Köln" is no ORG and the speaker links to the LOC "Köln" in it'
    ),
}

#: Tables whose examples must cover at least this many rows (weekdays: every row).
MINIMUM = {
    "events/triggers.tsv": 10,
    "events/status.tsv": 10,
    "speech_verbs.tsv": 10,
    "anonymous_sources.tsv": 10,
    "speaker_nouns.tsv": 10,
    "agencies.tsv": 10,
    "time/weekdays.tsv": 8,
    "time/units.tsv": 10,
    "time/holidays.tsv": 10,
    "months.tsv": 10,
    "outlets.tsv": 14,
    "organisations.tsv": 16,
    "places_extra.tsv": 15,
    "clubs.tsv": 12,
    "roles.tsv": 13,
    "not_names.txt": 15,
    "not_org_acronyms.txt": 11,
    "report_cues.tsv": 16,
    "institution_cues.tsv": 10,
    "metonymy.tsv": 14,
    "currencies.tsv": 15,
    "events/plan.tsv": 9,
    "events/groups.tsv": 18,
}


@dataclass(frozen=True)
class Example:
    table: str  # "events/triggers.tsv"
    line: int  # the example's line number
    row: tuple[str, ...]  # the row above it, column by column
    text: str  # the sentence
    expected: str | None  # what follows " → ", if anything

    @property
    def id(self) -> str:
        return f"{self.table}: {self.text}"


@cache
def _read() -> tuple[tuple[Example, ...], tuple[str, ...]]:
    """Every example of every table, and the ``#>`` lines that stand below no row."""
    examples: list[Example] = []
    problems: list[str] = []
    for path in sorted(LANG.rglob("*")):
        if path.suffix not in {".tsv", ".txt"}:
            continue
        table = path.relative_to(LANG).as_posix()
        row: tuple[str, ...] | None = None
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("#>"):
                if row is None or not line.startswith(EXAMPLE):
                    problems.append(f"{table}:{n}: {line!r} is no example line directly below a row")
                    continue
                text, _, expected = line[len(EXAMPLE) :].partition(ARROW)
                examples.append(Example(table, n, row, text.strip(), expected.strip() or None))
            elif not line.strip() or line.startswith("#"):
                row = None
            else:
                row = tuple(c.strip() for c in line.split("\t"))
    return tuple(examples), tuple(problems)


@cache
def _record(text: str) -> Record:
    return analyse_paragraph(text, PUBLISHED)


def _events(record: Record) -> list[tuple[str, str, list[str]]]:
    return [(e.type, e.status, [m.text for m in e.mentions]) for e in record.events]


def _contains(text: str, words: str) -> bool:
    """Whether every word of ``words`` (a gap "…" aside) is in ``text``, case-insensitively."""
    return all(w.lower() in text.lower() for w in words.split() if w != "…")


# --- the checks, one per table ---------------------------------------------------------------------------------------

Check = Callable[[Example, Record], None]
CHECKS: dict[str, Check] = {}


def checks(*tables: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        for table in tables:
            CHECKS[table] = check
        return check

    return register


@checks("events/triggers.tsv")
def _trigger(ex: Example, record: Record) -> None:
    form, kind, type_ = ex.row[:3]
    note = ex.row[3] if len(ex.row) > 3 else ""
    assert _contains(ex.text, form), f"the example does not contain {form!r}"
    named = [e for e in record.events if _contains(" ".join(m.text for m in e.mentions), form.split(" … ")[0])]
    if kind == "not":
        assert named == [], f"{form!r} is no trigger, but: {_events(record)}"
        return
    if kind in ("intent", "aspect"):
        assert ex.expected, f"an {kind} row's example names the event type after →"
        type_ = ex.expected
    hits = [e for e in named if e.type == type_]
    assert hits, f"no {type_} event named with {form!r}: {_events(record)}"
    if kind == "intent":
        assert "planned" in [e.status for e in hits], f"an intent compound names a planned event: {_events(record)}"
    if kind == "aspect" and note.startswith("presupposes"):
        assert "happened" in [e.status for e in hits], f"the compound presupposes its event: {_events(record)}"


@checks("events/status.tsv")
def _status(ex: Example, record: Record) -> None:
    form, status = ex.row[:2]
    assert _contains(ex.text, form), f"the example does not contain {form!r}"
    if status in ("negation", "factual"):
        assert ex.expected, f"a {status} row's example gives the status after →"
    expected = ex.expected or {"open": "unknown"}.get(status, status)
    if expected == "unknown" and not record.events:
        assert event_triggers.find(record), "the example has no event trigger"
        return  # an unknown event that says nothing is dropped (see the module docstring)
    assert expected in [e.status for e in record.events], f"no {expected} event: {_events(record)}"


def _speech_forms(lemma: str, particle: str, spec: str) -> set[str]:
    """The lower-cased forms of a ``speech_verbs.tsv`` row: the table's own forms, or the regular paradigm of
    a "weak" verb; a particle verb also joined with its particle ("mitteilte", "mitgeteilt")."""
    particle = "" if particle == "-" else particle.lower()
    base = lemma.lower().removeprefix(particle)
    if spec == "weak":
        stem = base[:-2] if base.endswith("en") else base[:-1]
        e = "e" if re.search(r"([td]|[^aeiouäöülrh][mn])$", stem) else ""
        forms = {base, stem + e + "t", stem + e + "te", stem + e + "ten", "ge" + stem + e + "t"}
    else:
        forms = {w.strip().lower() for w in spec.split(",")}
    return forms | {particle + f for f in forms} if particle else forms


@checks("speech_verbs.tsv")
def _speech_verb(ex: Example, record: Record) -> None:
    lemma, particle, _cls, spec = ex.row[:4]
    forms = _speech_forms(lemma, particle, spec)
    assert forms & set(re.findall(r"\w+", ex.text.lower())), f"the example has no form of {lemma!r}"
    cues = [s.cue.text for s in record.statements if s.cue is not None]
    assert [c for c in cues if forms & set(c.lower().split())], f"no statement cued by {lemma!r}; cues: {cues}"


def _sources(record: Record) -> list[tuple[str, bool, str | None]]:
    """Every speaker and source of every statement: (as written, anonymous, kind)."""
    out: list[tuple[str, bool, str | None]] = []
    for s in record.statements:
        if s.speaker is not None:
            out.append((s.speaker.text, s.speaker.anonymous, s.speaker.anonymous_kind))
        out.extend((src.name, src.anonymous, src.anonymous_kind) for src in s.sources)
    return out


@checks("anonymous_sources.tsv")
def _anonymous(ex: Example, record: Record) -> None:
    noun, kind = ex.row[0].lstrip("="), ex.row[1]
    assert noun in ex.text.lower(), f"the example does not contain {noun!r}"
    named = [s for s in _sources(record) if noun in s[0].lower()]
    if kind == "-":
        assert [s for s in named if s[1]] == [], f"{noun!r} names no anonymous source: {_sources(record)}"
    else:
        assert (True, kind) in [(s[1], s[2]) for s in named], f"no {kind} source named {noun!r}: {_sources(record)}"


@checks("speaker_nouns.tsv")
def _speaker_noun(ex: Example, record: Record) -> None:
    noun = ex.row[0]
    flags = {f.strip() for f in ex.row[2].split(",")} if len(ex.row) > 2 else set()
    start = r"(?<!\w)" if "word" in flags else ""
    pattern = re.compile(start + re.escape(noun) + r"(?:s|n|en|e|es|er|ern|in|innen)?\b", re.IGNORECASE)
    assert pattern.search(ex.text), f"the example does not contain {noun!r}"
    speakers = [s.speaker.text for s in record.statements if s.speaker is not None]
    assert [s for s in speakers if pattern.search(s)], f"no speaker named with {noun!r}; speakers: {speakers}"


@checks("agencies.tsv")
def _agency(ex: Example, record: Record) -> None:
    siglum, name = ex.row[:2]
    assert siglum.lower() in ex.text.lower(), f"the example does not contain {siglum!r}"
    credits = [d.agencies for d in record.datelines]
    assert [a for a in credits if name in a], f"no dateline credits {name!r}: {credits}"
    assert record.events, "the example has no event whose participants could include the agency"
    agency = {
        e.id for e in record.entities if {e.name.lower(), *(m.text.lower() for m in e.mentions)} & {siglum.lower(), name.lower()}
    }
    involved = [(ev.type, p) for ev in record.events for p in (*ev.participants, ev.place) if p in agency]
    assert involved == [], f"the agency takes part in an event: {involved}"


TIME_TABLES = (
    "months.tsv",
    "time/weekdays.tsv",
    "time/units.tsv",
    "time/holidays.tsv",
    "time/parts_of_day.tsv",
    "time/deictic_days.tsv",
    "time/seasons.tsv",
    "time/modifiers.tsv",
    "time/relative_words.tsv",
    "time/lasting_words.tsv",
    "time/decade_words.tsv",
    "time/quantity_modifiers.tsv",
    "time/reference_words.tsv",
    "time/numbers.tsv",
    "time/unit_adjectives.tsv",
)


@checks(*TIME_TABLES)
def _time(ex: Example, record: Record) -> None:
    word = ex.row[0]
    assert ex.expected, "a time example gives the expected value after →"
    value, _, mod = ex.expected.partition(" ")
    value = None if value == "none" else value  # "→ none": the expression is found and states no value
    at = [m.start() for m in re.finditer(re.escape(word), ex.text, re.IGNORECASE)]
    assert at, f"the example does not contain {word!r}"
    found = [(t.text, t.value, t.mod) for t in record.times]
    with_word = [
        t
        for t in record.times
        if any(t.start <= i < t.end or (i + len(word) <= t.start and not ex.text[i + len(word) : t.start].strip()) for i in at)
    ]
    assert with_word, f"no time expression with {word!r}: {found}"
    assert [t for t in with_word if t.value == value and (not mod or t.mod == mod)], f"expected {ex.expected}: {found}"


def _entities(record: Record) -> list[tuple[str, str, list[str], list[str]]]:
    return [(e.type, e.name, [m.text for m in e.mentions], e.roles) for e in record.entities]


def _written(words: str, text: str) -> bool:
    """Whether ``words`` stand in ``text`` as whole words, a genitive ending ("-s", "-es") after them allowed."""
    return re.search(rf"(?<!\w){re.escape(words)}(?:e?s)?(?!\w)", text) is not None


def _named_with(ex: Example, record: Record, surface: str, canonical: str, types: set[str]) -> None:
    assert _written(surface, ex.text), f"the example does not contain {surface!r}"
    named = [e for e in record.entities if e.name == canonical and e.type in types]
    assert named, f"no {'/'.join(sorted(types))} entity {canonical!r}: {_entities(record)}"
    assert [e for e in named if any(_written(surface, m.text) for m in e.mentions)], (
        f"no mention {surface!r} of {canonical!r}: {_entities(record)}"
    )


@checks("outlets.tsv", "organisations.tsv")
def _organisation(ex: Example, record: Record) -> None:
    surface, canonical = ex.row[:2]
    _named_with(ex, record, surface, canonical, {"ORG"})


@checks("clubs.tsv")
def _club(ex: Example, record: Record) -> None:
    surface, canonical = ex.row[:2]
    _named_with(ex, record, surface, canonical, {"ORG"})


@checks("places_extra.tsv")
def _place(ex: Example, record: Record) -> None:
    surface, canonical, kind = ex.row[:3]
    if ex.expected == "none":
        assert kind == "alias", "only an alias row has examples where it names no place"
        assert _written(surface, ex.text), f"the example does not contain {surface!r}"
        assert [e for e in record.entities if e.name == canonical] == [], f"{surface!r} names no place: {_entities(record)}"
        return
    _named_with(ex, record, surface, canonical, {"LOC"})


def _fold(text: str) -> str:
    """Lower case without umlauts: "Staatsanwältin" → "staatsanwaltin"."""
    return text.lower().translate(str.maketrans("äöü", "aou"))


@checks("roles.tsv")
def _role(ex: Example, record: Record) -> None:
    noun, declension = ex.row[:2]
    # the noun, and its female form: "Gesandte" (adj), "Präsidentin", "Staatsanwältin" (umlaut folded away)
    forms = {_fold(noun), _fold(noun[:-1] if declension == "adj" else noun.removesuffix("e") + "in")}
    assert [w for w in re.findall(r"[\w-]+", _fold(ex.text)) if w.endswith(tuple(forms))], f"no form of {noun!r}"
    roles = [r for e in record.entities if e.type == "PER" for r in e.roles]
    assert [r for r in roles if any(_fold(w).endswith(tuple(forms)) for w in r.split())], (
        f"no person with the role {noun!r}: {_entities(record)}"
    )


@checks("not_names.txt", "not_org_acronyms.txt")
def _no_name(ex: Example, record: Record) -> None:
    word = ex.row[0]
    assert _written(word, ex.text), f"the example does not contain {word!r}"
    types = {"ORG"} if ex.table == "not_org_acronyms.txt" else {"PER", "ORG", "LOC", "MISC"}
    named = [(e.type, e.name, m.text) for e in record.entities if e.type in types for m in e.mentions if _written(word, m.text)]
    assert named == [], f"{word!r} is no {'/'.join(sorted(types))} entity: {named}"


def _chain(statement: Statement) -> set[str]:
    """The entity ids of a statement's speaker and source chain."""
    ids = {src.entity for src in statement.sources if src.entity}
    return ids | ({statement.speaker.entity} if statement.speaker and statement.speaker.entity else set())


def _statements(record: Record) -> list[tuple[str | None, str | None, list[str]]]:
    return [
        (s.cue.text if s.cue else None, s.speaker.text if s.speaker else None, [x.name for x in s.sources])
        for s in record.statements
    ]


def _sourced_by(ex: Example, record: Record, types: set[str]) -> list[Statement]:
    """The statements whose speaker or source chain holds the entity named after →."""
    assert ex.expected, "the example names the source's canonical entity name after →"
    ids = {e.id for e in record.entities if e.name == ex.expected and e.type in types}
    assert ids, f"no {'/'.join(sorted(types))} entity {ex.expected!r}: {_entities(record)}"
    sourced = [s for s in record.statements if _chain(s) & ids]
    assert sourced, f"no statement sourced by {ex.expected!r}: {_statements(record)}"
    return sourced


@checks("report_cues.tsv")
def _report_cue(ex: Example, record: Record) -> None:
    phrase, where = ex.row[:2]
    if where == "noun":
        found = re.search(rf"\w*{re.escape(phrase)}(?!\w)", ex.text, re.IGNORECASE)
    else:
        found = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ".join(ex.text.split()), re.IGNORECASE)
    assert found, f"the example does not contain {phrase!r}"
    sourced = _sourced_by(ex, record, {"PER", "ORG", "LOC", "MISC"})
    if where == "origin":
        return  # the cue is the verb of saying; the phrase adds the origin to its chain
    if where == "carry":
        assert [s for s in sourced if s.start >= found.start()], f"no statement from {phrase!r} on carries the source"
        return
    cues = [" ".join(s.cue.text.lower().split()) for s in sourced if s.cue is not None]
    if where == "noun":
        hits = [c for c in cues if any(w.endswith(phrase) for w in c.split())]
    else:
        hits = [c for c in cues if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", c)]
    assert hits, f"no statement sourced by {ex.expected!r} is cued by {phrase!r}: {_statements(record)}"


@checks("institution_cues.tsv")
def _institution_cue(ex: Example, record: Record) -> None:
    word = ex.row[0]
    assert _written(word, ex.text.lower()), f"the example does not contain {word!r}"
    _sourced_by(ex, record, {"ORG"})


@checks("metonymy.tsv")
def _metonymy(ex: Example, record: Record) -> None:
    name, role, when = ex.row[:3]
    roles = [r for e in record.entities if e.name == name for r in e.roles]
    if ex.expected == "none":
        assert when == "agent", "only an agent row has examples where the name does not stand for its government"
        assert _written(name, ex.text), f"the example does not contain {name!r}"
        assert role not in roles, f"{name!r} does not act here: {_entities(record)}"
    else:
        assert role in roles, f"{name!r} has not the role {role!r}: {_entities(record)}"


@checks("voices.tsv")
def _voice(ex: Example, record: Record) -> None:
    from quellenlage.link.origins import voice_of

    kind, stem = ex.row[:2]
    assert kind == "stem" and ex.expected, "a stem row's example names the institution after →"
    assert stem in ex.text.lower(), f"the example does not contain {stem!r}"
    speakers = {s.speaker.entity for s in record.statements if s.speaker is not None and s.speaker.entity}
    voices = [voice_of(e.roles) for e in record.entities if e.type == "PER" and e.id in speakers]
    assert ex.expected in voices, f"no speaker speaks for {ex.expected!r}: {_entities(record)}"


@checks("heads.tsv")
def _head(ex: Example, record: Record) -> None:
    from quellenlage.link.descriptions import descriptions_in, heads_in

    words = ex.row[1]
    names = {e.id: e.name for e in record.entities}
    heads = [names[h.per_eid] for h in heads_in(record)]
    described = [d.text for d in descriptions_in(record)]
    if ex.expected == "none":
        assert heads == [] and described == [], f"heads {heads}, descriptions {described}: {_entities(record)}"
    elif ex.expected == "description":
        assert any(_contains(d, words) for d in described), f"no description with {words!r}: {described}, {_entities(record)}"
    else:
        assert _contains(ex.text, words), f"the example does not contain {words!r}"
        assert ex.expected in heads, f"{ex.expected!r} heads nothing: heads {heads}, {_entities(record)}"


@checks("currencies.tsv")
def _currency(ex: Example, record: Record) -> None:
    name, when = ex.row[:2]
    currency = name
    if when == "amount-word":
        assert ex.expected, "an amount-word row's example names the currency after →"
        currency = ex.expected
        assert re.search(rf"(?<!\w){re.escape(name)} {re.escape(currency)}(?!\w)", ex.text), f"no {name} {currency}"
    else:
        assert re.search(rf"(?<!\w){re.escape(name)}(?!\w)", ex.text), f"the example does not contain {name!r}"
    misc = [m.text for e in record.entities if e.type == "MISC" for m in e.mentions if m.text == currency]
    if ex.expected == "none":
        assert when == "amount", "only an amount row has examples where the word is no currency"
        assert misc == [], f"{name!r} without an amount is no currency: {_entities(record)}"
    else:
        assert misc, f"no MISC entity {currency!r}: {_entities(record)}"


@checks("events/plan.tsv")
def _plan(ex: Example, record: Record) -> None:
    kind, word = ex.row[:2]
    assert _written(word, ex.text.lower()), f"the example does not contain {word!r}"
    assert ex.expected, "a plan example gives the detail after →"
    plans = [e.plan for e in record.events if e.type == "plan" and e.plan is not None]
    assert plans, f"no plan: {_events(record)}"
    found: list[object]
    expected: object
    if kind == "points":
        found, expected = [p.points for p in plans], int(ex.expected)
    elif kind == "topics":
        found, expected = [p.topics for p in plans], ex.expected.split("; ")
    else:
        found, expected = [p.inspired_by for p in plans], ex.expected
    assert expected in found, f"expected {kind} {expected!r}: {found}"


@checks("events/groups.tsv")
def _group(ex: Example, record: Record) -> None:
    kind, word = ex.row[:2]
    whole = rf"(?<!\w){re.escape(word)}(?!\w)"
    assert re.search(whole if kind != "compound" else rf"[\w-]{re.escape(word)}(?!\w)", ex.text, re.IGNORECASE), (
        f"the example does not contain {word!r}"
    )
    assert record.events, "the example has no event"
    groups = [g for e in record.events for g in e.groups]
    texts = [g.text for g in groups]
    if kind == "source":
        at = re.search(whole, ex.text, re.IGNORECASE)
        assert at is not None
        left = max(ex.text.rfind(p, 0, at.start()) for p in ",;:.")
        right = min([i for i in (ex.text.find(p, at.end()) for p in ",;:.") if i >= 0] or [len(ex.text)])
        inside = [g.text for g in groups if left < g.start and g.end <= right]
        assert inside == [], f"{word!r} makes a source, no group, in its clause: {inside}"
        return
    group = ex.expected
    assert group and group in ex.text, "a group example gives the group as written after →"
    shows = {
        "head": re.search(whole, group, re.IGNORECASE),
        "compound": [w for w in group.split() if w[:1].isupper() and w.lower().endswith(word) and len(w) > len(word)],
        "genitive": re.search(rf"\s{re.escape(word)}\s", group, re.IGNORECASE),
        "join": re.search(rf"\s{re.escape(word)}\s", group, re.IGNORECASE),
        "stop": re.search(whole + r"\s+" + re.escape(group), ex.text, re.IGNORECASE),
    }[kind]
    assert shows, f"the group {group!r} does not show the {kind} {word!r}"
    assert group in texts, f"no group {group!r}: {texts}; events: {_events(record)}"


# --- the tests ---------------------------------------------------------------------------------------------------------


def _cases() -> list:
    return [
        pytest.param(ex, id=ex.id, marks=[pytest.mark.xfail(strict=True, reason=DEFECTS[ex.id])] if ex.id in DEFECTS else [])
        for ex in _read()[0]
    ]


@pytest.mark.parametrize("example", _cases())
def test_the_row_does_what_its_example_shows(example: Example):
    assert example.table in CHECKS, f"{example.table} has examples but no check"
    CHECKS[example.table](example, _record(example.text))


def test_every_example_stands_directly_below_a_row():
    assert _read()[1] == ()


def test_every_table_with_examples_has_a_check_and_states_the_convention():
    for table in sorted({ex.table for ex in _read()[0]}):
        assert table in CHECKS, f"{table} has examples but no check"
        assert CONVENTION in (LANG / table).read_text(encoding="utf-8"), f"{table}: the header does not describe #> lines"


def test_every_defect_names_an_example():
    assert sorted(set(DEFECTS) - {ex.id for ex in _read()[0]}) == []


def test_examples_cover_enough_rows_every_event_type_and_every_status():
    examples = _read()[0]
    rows = Counter(ex.table for ex in {(ex.table, ex.row): ex for ex in examples}.values())
    assert {t: rows[t] for t in MINIMUM if rows[t] < MINIMUM[t]} == {}
    for table, column in (("events/triggers.tsv", 2), ("events/status.tsv", 1)):
        values = {row[column] for row in _rows(table)} - {"-"}
        shown = {ex.row[column] for ex in examples if ex.table == table}
        assert sorted(values - shown) == [], f"{table}: no example for these values"
    # an alias names its place standing alone and no place as a compound's head: an example of each
    aliases = {row for row in _rows("places_extra.tsv") if row[2] == "alias"}
    shown_alias = {(ex.row, ex.expected == "none") for ex in examples if ex.table == "places_extra.tsv"}
    assert sorted(r[0] for r in aliases if not {(r, True), (r, False)} <= shown_alias) == []


def _rows(table: str) -> list[tuple[str, ...]]:
    lines = (LANG / table).read_text(encoding="utf-8").splitlines()
    return [tuple(c.strip() for c in line.split("\t")) for line in lines if line.strip() and not line.startswith("#")]
