"""The attribution stage: who said what, on whose authority.

Every sentence of the text ends up in at least one :class:`Statement`:

- ``direct_quote``: a quotation („…“, »…«, "…" …) with its speaker, found in
  the frame around it (", so Dmitriew", "sagte er", "X teilte mit: „…“"), or
  the previous speaker when nothing names one ("Und weiter: „…“");
- ``indirect_speech``: the complement of a verb or noun of saying (", dass …",
  a Konjunktiv I clause after a comma or colon), and free indirect speech: a
  Konjunktiv I sentence with no verb of saying continues the last speaker
  ("Moskaus Einfluss nehme zu.");
- ``reported``: a claim resting on a source ("laut X", "X zufolge", "nach
  Angaben", "unter Berufung auf", "Wie X berichtet, …") or on hearsay marked
  by reportive "soll/sollen"; a verb of saying without a clause ("Dmitriew
  äußerte sich optimistisch") is reported speech too;
- ``asserted``: everything else, on the outlet's own authority.

Nested quotations inside reported speech ("die „Vorteile“ ihres Ansatzes")
are direct quotes of their own, with the same speaker. ``sources`` is the
chain outermost first: the article's outlet, then the reporting outlet
carried by "demnach", "Dies berichtet X", "Wie X weiter schreibt", then the
speaker. Reportive "soll" statements take the outlet chain named nearest
(before them, else the first one after them).

Where the speaker of a quote is decided: :func:`speakers.speaker_for_cue`
(finding the noun phrase) and :func:`speakers.link` (entity, pronoun,
anonymous, outlet). Mood: :mod:`konjunktiv`; quotation marks: :mod:`quotes`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

from ..record import Cue, Record, Source, Speaker, Statement
from . import quotes, segment
from .attribution_cues import (
    SpeechCue,
    hedges,
    information_nouns,
    report_cues,
    speech_readings,
)
from .konjunktiv import mood
from .speakers import (
    SpeakerRef,
    link,
    noun_phrase,
    source_after,
    source_before,
    speaker_after,
    speaker_for_cue,
)

#: Bump when the statements this stage produces change.
VERSION = 1

_POSSESSIVE = frozenset({"seinen", "ihren", "seiner", "ihrer", "eigenen", "eigener", "unseren", "seinem", "ihrem"})
_COMPLEMENTISERS = frozenset({"dass", "ob", "wie", "wer", "was", "warum", "wann", "wo", "weshalb", "wieso"})
_TRAILING = frozenset({".", "!", "?", ",", ";", ":", "…"})
_REPORTIVE_SOLL = frozenset({"soll", "sollen"})
#: A time ahead turns "soll" into a plan or obligation: "Er soll morgen kommen" (see docs/attribution.md).
_FUTURE = frozenset({"morgen", "übermorgen", "künftig", "demnächst", "bald", "nächste", "nächsten", "kommende", "kommenden"})
_FINITE_AUX = frozenset({
    "hat", "haben", "hatte", "hatten", "ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "worden",
    "soll", "sollen", "kann", "können", "konnte", "konnten", "muss", "müssen", "musste", "will", "wollen", "wollte",
    "darf", "dürfen", "möchte", "habe", "sei", "seien", "werde",
})
_RELATIVE_PRONOUNS = frozenset({"der", "die", "das", "dem", "den", "deren", "dessen", "welcher", "welche", "welches"})
#: Verbs whose bare use reports speech only with this word after them: "Die Polizei spricht von 4.000 Teilnehmern".
_BARE_NEEDS = {"sprechen": "von"}
#: Verb classes whose bare use ("Dmitriew äußerte sich optimistisch") is reported speech.
_BARE_REPORTED = frozenset({"speech", "report", "demand"})


@dataclass
class Found:
    """A statement before it is written to the record (with its speaker's offsets, for evaluation)."""

    start: int
    end: int
    kind: str
    speaker: SpeakerRef | None = None
    cue: tuple[int, int] | None = None
    hedged: bool = False
    chain: list[Source] = field(default_factory=list)
    carried: bool = False  # takes the current outlet chain ("demnach")
    soll: bool = False  # reportive "soll": takes the nearest outlet chain
    free: bool = False  # free indirect speech
    nested: bool = False  # a quotation inside another statement
    report_of_outlet: bool = False  # "einem Bericht zufolge": the report of the article's one reporting outlet


@dataclass
class _State:
    history: list[SpeakerRef] = field(default_factory=list)
    chain: list[Source] = field(default_factory=list)
    last_speech_unit: int = -10
    unit: int = 0


class _Article:
    """The article as words, sentences and quotations, and the statements found so far."""

    def __init__(self, record: Record):
        self.record = record
        self.text = record.text
        self.words = segment.words(record)
        self.starts = [w.start for w in self.words]
        self.low = [w.text.lower() for w in self.words]
        self.quotations = quotes.quotations(record, [(w.start, w.text) for w in self.words if w.text in quotes.MARKS])
        self.inq = [False] * len(self.words)
        self.quote_words: list[tuple[int, int, quotes.Quotation]] = []
        for q in self.quotations:
            a, b = self.word_range(q.start, q.end)
            for i in range(a, b):
                self.inq[i] = True
            if b > a:
                self.quote_words.append((a, b, q))
        self.found: list[Found] = []
        self.state = _State()

    def word_range(self, start: int, end: int) -> tuple[int, int]:
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)

    def span(self, a: int, b: int) -> tuple[int, int]:
        return self.words[a].start, self.words[b - 1].end


def attribution(record: Record) -> None:
    """Fill ``record.statements`` (the attribution stage)."""
    record.statements = statements(record, attribute(record))


def attribute(record: Record) -> list[Found]:
    """The statements of ``record`` with their speakers' offsets (the stage's working form)."""
    if record.doc is None or not record.sentences:
        return []
    art = _Article(record)
    for unit_sentences, a, b in _units(art):
        if b <= a:
            continue
        before = len(art.found)
        _unit(art, a, b)
        _cover(art, unit_sentences, before)
        art.state.unit += 1
    _fill_soll_chains(art)
    _resolve_unnamed_reports(art)
    return art.found


def _units(art: _Article):
    """Sentences grouped so that a quotation running over several sentences stays in one unit."""
    record = art.record
    groups: list[list[int]] = []
    end_of_group = -1
    for k, s in enumerate(record.sentences):
        if groups and k <= end_of_group:
            groups[-1].append(k)
            continue
        groups.append([k])
        end_of_group = k
        for q in art.quotations:
            if s.start <= q.start < s.end:
                last = record.sentence_at(max(q.start, q.end - 1))
                if last is not None:
                    end_of_group = max(end_of_group, last)
    for g in groups:
        first, last = record.sentences[g[0]], record.sentences[g[-1]]
        a, b = art.word_range(first.start, last.end)
        yield g, a, b


def _cover(art: _Article, unit_sentences: list[int], before: int) -> None:
    """Every sentence is in a statement: what no statement covers is asserted."""
    record = art.record
    covered = [False] * len(unit_sentences)
    for f in art.found[before:]:
        for n, k in enumerate(unit_sentences):
            s = record.sentences[k]
            if f.start < s.end and s.start < f.end:
                covered[n] = True
    for n, k in enumerate(unit_sentences):
        if not covered[n]:
            s = record.sentences[k]
            a, b = art.word_range(s.start, s.end)
            art.found.append(Found(s.start, s.end, "asserted", hedged=_hedged(art, a, b)))


def _unit(art: _Article, a: int, b: int) -> None:
    words = art.words
    colon = next((k for k in range(a, b) if words[k].text == ":" and not art.inq[k]), None)
    if colon is not None and colon > a and colon + 1 < b and _colon_frame(art, a, colon, b):
        return
    _clause(art, a, b)


def _trim(art: _Article, a: int, b: int) -> int:
    while b > a + 1 and art.words[b - 1].text in _TRAILING and not art.inq[b - 1]:
        b -= 1
    return b


def _quotation_share(art: _Article, a: int, b: int) -> tuple[int, int] | None:
    """The quotation that makes up most of ``[a, b)``, if one does."""
    n = sum(1 for i in range(a, b) if art.words[i].text.isalnum() or len(art.words[i].text) > 1)
    for qa, qb, _ in art.quote_words:
        if qa >= a and qb <= b:
            inside = sum(1 for i in range(qa, qb) if art.words[i].text.isalnum() or len(art.words[i].text) > 1)
            if n and inside / n >= 0.6:
                return qa, qb
    return None


def _recent_speaker(art: _Article, gap: int = 1) -> SpeakerRef | None:
    st = art.state
    if st.history and st.unit - st.last_speech_unit <= gap:
        return st.history[-1]
    return None


def _has_mood(art: _Article, a: int, b: int, strong: bool = True) -> bool:
    words = art.words
    for i in range(a, b):
        if art.inq[i]:
            continue
        m = mood(words[i].text, words[i - 1].text if i > 0 else "", words[i + 1].text if i + 1 < len(words) else "")
        if m == "KI" or (m == "KII" and not strong):
            return True
    return False


@lru_cache(maxsize=1)
def _phrase_firsts() -> frozenset[str]:
    return frozenset(p[0] for p, _ in report_cues())


@lru_cache(maxsize=1)
def _hedge_words() -> frozenset[str]:
    return frozenset(w for p in hedges() for w in p)


def _hedged(art: _Article, a: int, b: int) -> bool:
    low = art.low[a:b]
    if _hedge_words().isdisjoint(low):
        return False
    for phrase in hedges():
        n = len(phrase)
        for i in range(len(low) - n + 1):
            if tuple(low[i : i + n]) == phrase:
                return True
    return False


def _add(art: _Article, f: Found) -> Found:
    """Record a statement; link its speaker and keep the speaker history and source chain."""
    if f.speaker is not None and not f.nested:
        link(f.speaker, art.record, art.state.history)
        art.state.history.append(f.speaker)
        art.state.last_speech_unit = art.state.unit
    elif f.kind in ("indirect_speech", "direct_quote") and f.speaker is not None:
        art.state.last_speech_unit = art.state.unit
    art.found.append(f)
    return f


def _nested(art: _Article, a: int, b: int, outer: Found) -> None:
    """Quotations inside a statement's content are direct quotes of the same speaker."""
    for qa, qb, q in art.quote_words:
        if qa >= a and qb <= b and (q.start, q.end) != (outer.start, outer.end) and not _name_in_quotes(art, qa, qb):
            art.found.append(Found(q.start, q.end, "direct_quote", speaker=outer.speaker, cue=outer.cue,
                                   hedged=outer.hedged, chain=outer.chain, carried=outer.carried, nested=True))


def _content_kind(art: _Article, a: int, b: int, default: str) -> tuple[str, int, int]:
    q = _quotation_share(art, a, b)
    if q is not None and not _has_mood(art, a, b):
        return "direct_quote", q[0], q[1]
    return default, a, b


# --- cues -------------------------------------------------------------------

@dataclass
class _Cue:
    index: int
    length: int
    what: str  # verb | noun | so | report | carry
    speech: SpeechCue | None = None
    where: str = ""


def _cues(art: _Article, a: int, b: int) -> list[_Cue]:
    words = art.words
    forms = speech_readings()
    phrases = report_cues()
    found: list[_Cue] = []
    low = art.low[a:b]
    firsts = _phrase_firsts()
    i = a
    while i < b:
        if art.inq[i]:
            i += 1
            continue
        t = words[i].text
        matched = False
        for phrase, where in (phrases if low[i - a] in firsts else ()):
            n = len(phrase)
            if tuple(low[i - a : i - a + n]) == phrase:
                found.append(_Cue(i, n, "carry" if where == "carry" else "report", where=where))
                i += n
                matched = True
                break
        if matched:
            continue
        n = _information_phrase(art, i, b) if low[i - a] in ("nach", "laut", "gemäß") else 0
        if n:  # "Nach ersten Ermittlungen der Polizei", "nach eigenen Angaben"
            found.append(_Cue(i, n, "report", where="noun"))
            i += n
            continue
        readings = forms.get(t) or (forms.get(t.lower()) if i == a else None)
        if readings:
            if readings[0].cls == "noun":
                found.append(_Cue(i, 1, "noun", readings[0]))
            elif t.islower() or i == a:
                # the reading whose particle closes the clause ("gab … an"), else the one without a particle
                with_particle = [r for r in readings if r.particle and _particle_follows(art, i, b, r.particle)]
                plain = [r for r in readings if not r.particle]
                sc = (with_particle or plain or [None])[0]
                if sc is not None:
                    found.append(_Cue(i, 1, "verb", sc))
        elif low[i - a] == "so" and i > a and words[i - 1].text in (",", "“", '"', "”", "«", "»") and i + 1 < b:
            found.append(_Cue(i, 1, "so"))
        i += 1
    return found


def _bare_ok(art: _Article, a: int, b: int, c: int, sc: SpeechCue | None) -> bool:
    """A verb of saying without a clause reports speech unless it stands in a relative clause ("…, der zehn
    Brandstiftungen gestand") or lacks the preposition it needs ("sprach von …", not "sprach mit …")."""
    s = _clause_start(art, a, c)
    if s > a and art.low[s] in _RELATIVE_PRONOUNS:
        return False
    if sc is not None and sc.lemma in _BARE_NEEDS:
        return _BARE_NEEDS[sc.lemma] in art.low[c + 1 : _clause_end_comma(art, c + 1, b)]
    return True


def _finite(art: _Article, a: int, c: int) -> bool:
    """The cue is the finite verb of its clause: no auxiliary or modal before it ("wurde bestätigt",
    "hat eingeräumt", "soll warnen" are about, not by, the speaker)."""
    after = art.low[c + 1] if c + 1 < len(art.low) else ""
    return not (any(w in _FINITE_AUX for w in art.low[_clause_start(art, a, c) : c]) or after in _FINITE_AUX)


def _information_phrase(art: _Article, i: int, b: int) -> int:
    """Length of "nach (adjectives) NOUN-of-information" starting at ``i``, or 0."""
    nouns = information_nouns()
    j = i + 1
    while j < b and j - i <= 4:
        w = art.low[j]
        if art.words[j].text[:1].isupper():
            return j - i + 1 if w.endswith(nouns) else 0
        if not w.isalpha():
            return 0
        j += 1
    return 0


def _particle_follows(art: _Article, i: int, b: int, particle: str) -> bool:
    if i > 0 and art.words[i - 1].text == particle:  # "wie die Bank bekannt gab"
        return True
    for j in range(i + 1, min(b, i + 12)):
        t = art.words[j].text
        if t == particle:  # the particle closes the clause: "teilte … mit.", not "warf … vor der Russin"
            return j + 1 >= b or art.words[j + 1].text in (",", ".", ":", ";", "und", "!", "?") or art.inq[j + 1]
        if t in (",", ";", ":", ".") and not art.inq[j]:
            return False
    return False


def _clause_start(art: _Article, lo: int, i: int) -> int:
    s = i
    while s > lo and art.words[s - 1].text not in (",", ":", ";") and not art.inq[s - 1]:
        s -= 1
    return s


def _complement_after(art: _Article, c: int, b: int, strong_only: bool) -> int | None:
    """Start of the clause a cue introduces after it (", dass …", ", Moskaus Einfluss nehme zu"), if any."""
    words = art.words
    for j in range(c + 1, min(b, c + 12)):
        t = words[j].text
        if art.inq[j]:
            if j == c + 1 or words[j - 1].text in (",", ":"):
                return j  # "sagte „…“"
            return None
        if t in (",", ":"):
            k = j + 1
            if k >= b:
                return None
            if words[k].text.lower() in _COMPLEMENTISERS:
                return k
            end = _clause_end(art, k, b)
            if _has_mood(art, k, end, strong=strong_only) or _zu_infinitive(art, k, end):
                return k
            return None
        if t in (".", ";", "!", "?") or art.low[j] == "und":  # "fügte er hinzu und sagte, …": the next verb's
            return None
    return None


def _zu_infinitive(art: _Article, k: int, end: int) -> bool:
    """The clause is a zu-infinitive ("…, kurzfristig zurückzutreten", "…, die Frau halten zu können")."""
    j = end
    while j > k and (art.words[j - 1].text in _TRAILING or art.inq[j - 1]):
        j -= 1
    if j - k < 2:
        return False
    last = art.low[j - 1]
    if not last.endswith(("en", "rn", "ln")) or not last.isalpha():
        return False
    return art.low[j - 2] == "zu" or (j - 3 >= k and art.low[j - 3] == "zu") or ("zu" in last[2:-3] and last in _zu_forms())


@lru_cache(maxsize=1)
def _zu_forms() -> frozenset[str]:
    """zu-infinitives of particle verbs ("zurückzutreten"), from the verb list."""
    from .konjunktiv import infinitives

    out = set()
    for v in infinitives():
        for p in ("ab", "an", "auf", "aus", "bei", "ein", "fest", "her", "hin", "mit", "nach", "vor", "weg", "zu", "zurück",
                  "zusammen", "durch", "fort", "los", "weiter", "hinzu", "dar", "bekannt", "frei", "statt", "teil"):
            if v.startswith(p) and len(v) > len(p) + 3:
                out.add(p + "zu" + v[len(p):])
    return frozenset(out)


def _clause_end(art: _Article, k: int, b: int) -> int:
    for j in range(k, b):
        if art.words[j].text in (".", ";") and not art.inq[j]:
            return j
    return b


# --- clauses -------------------------------------------------------------------

def _colon_frame(art: _Article, a: int, colon: int, b: int) -> bool:
    """ "X teilte mit: „…“", "Und weiter: „…“", "Russland beharrt auf Forderungen: So solle …"."""
    words = art.words
    left = [w.text.lower() for w in words[a:colon]]
    last_clause = _clause_start(art, a, colon)
    cues = [c for c in _cues(art, last_clause, colon) if c.what in ("verb", "noun")]
    continuation = [w for w in left if w not in ("und", "auch")] in (["weiter"], ["ferner"], ["zudem"])
    if not cues and not continuation:
        return False
    speaker: SpeakerRef | None = None
    cue = None
    if cues:
        c = cues[-1]
        cue = art.span(c.index, c.index + 1)
        speaker = speaker_for_cue(words, a, colon, c.index, art.text)
        if speaker is None:
            speaker = _subject(art, a, colon)
    else:
        prev = _recent_speaker(art, gap=2)
        speaker = SpeakerRef(prev.start, prev.end, prev.text) if prev else None
    end = _trim(art, colon + 1, b)
    kind, ca, cb = _content_kind(art, colon + 1, end, "indirect_speech")
    if kind != "direct_quote" and not _has_mood(art, colon + 1, end, strong=False) and not (cues and cues[-1].speech and cues[-1].speech.cls in ("speech", "report")):
        return False
    if cues and cues[-1].speech and cues[-1].speech.cls in ("demand", "noun") and colon - a >= 4:
        fa, fb = art.span(a, colon)
        art.found.append(Found(fa, fb, "asserted", hedged=_hedged(art, a, colon)))
    s, e = art.span(ca, cb)
    f = _add(art, Found(s, e, kind, speaker=speaker, cue=cue, hedged=_hedged(art, a, b), carried=_carried(art, a, b)))
    if kind != "direct_quote":
        _nested(art, ca, cb, f)
    return True


def _subject(art: _Article, a: int, b: int) -> SpeakerRef | None:
    """The noun phrase opening a clause, when a finite verb follows it ("Russland hat … beharrt")."""
    n = noun_phrase(art.words, a, b)
    if n > a:
        return SpeakerRef(art.words[a].start, art.words[n - 1].end, art.text[art.words[a].start : art.words[n - 1].end])
    return None


def _carried(art: _Article, a: int, b: int) -> bool:
    return "demnach" in art.low[a:b]


def _clause(art: _Article, a: int, b: int) -> None:
    words = art.words
    hedged = _hedged(art, a, b)
    carried = _carried(art, a, b)
    cues = _cues(art, a, b)
    via: list[SpeakerRef] = []
    if any(c.what == "verb" for c in cues):
        laut = [c for c in cues if c.what == "report" and c.where in ("after", "before")]
        if laut and not any(c.what == "verb" and c.speech and c.speech.cls in ("speech", "report") for c in cues):
            # "Beide Seiten hoffen laut Dmitriew, …": the claim rests on Dmitriew, not on the verb's subject
            cues = [c for c in cues if c.what != "verb"]
        elif laut:  # "Heute bestätigte X laut Reuters, dass …": X speaks, Reuters reports it
            for c in laut:
                ref = _report_source(art, a, b, c)
                if ref is not None:
                    via.append(link(ref, art.record, art.state.history))
            cues = [c for c in cues if c not in laut]
        else:  # "Wie Axios unter Berufung auf Beamte berichtet": Beamte is the origin
            cues.sort(key=lambda c: (c.where == "origin", c.index))
    produced: list[Found] = []
    taken_until = a  # words before this index belong to an earlier statement of this clause
    origins: list[SpeakerRef] = []
    for cue in cues:
        if cue.index < taken_until and cue.what != "report":
            continue
        c = cue.index
        if cue.what == "carry":
            carried = True
            continue
        if cue.what == "report":
            ref = _report_source(art, a, b, cue)
            if produced or cue.where == "origin" and any(c.what == "verb" for c in cues):
                # "Dies berichtet Axios unter Berufung auf Beamte": an origin of the verb's speaker
                if ref is not None:
                    origins.append(link(ref, art.record, art.state.history))
                continue
            if cue.where == "clause":  # "ein Bericht, wonach …": the clause after it
                ce_ = _trim(art, c + 1, _clause_end_comma(art, c + 1, b))
                if ce_ <= c + 1:
                    continue
                st, en = art.span(c + 1, ce_)
                cs, ce = art.span(c, c + 1)
                f = _add(art, Found(st, en, "reported", speaker=ref, cue=(cs, ce),
                                    hedged=hedged or _has_soll(art, c + 1, ce_), carried=carried))
                produced.append(f)
                _nested(art, c + 1, ce_, f)
                continue
            if ref is None:
                continue
            s = _clause_start(art, a, c)
            if c <= s + 1 or s == a and c - a <= 1:
                ca = _skip_frame(art, ref, c + cue.length, b)
                cb = _trim(art, ca, b)
            else:
                ca, cb = a, b
            if cb <= ca:
                ca, cb = a, b
            kind, ca, cb = _content_kind(art, ca, cb, "reported")
            st, en = art.span(ca, cb)
            cs, ce = art.span(c, c + cue.length)
            f = _add(art, Found(st, en, kind, speaker=ref, cue=(cs, ce), hedged=hedged or cue.where == "before"
                                and _hedged(art, a, b), carried=carried))
            produced.append(f)
            if kind != "direct_quote":
                _nested(art, ca, cb, f)
            taken_until = b
            continue
        sc = cue.speech
        cls = sc.cls if sc else "speech"
        if cue.what == "noun" and _has_mood(art, _clause_start(art, a, c), _clause_end(art, c, b)):
            continue  # "habe man das Gefühl, …": the clause is itself reported; free indirect below
        s = _clause_start(art, a, c)
        opens_clause = s == c or (cue.what == "so") or all(w.text.lower() in ("und", "so") for w in words[s:c])
        if cue.what == "so":
            speaker = speaker_after(words, c, b, art.text)
        else:
            speaker = speaker_for_cue(words, a, b, c, art.text)
        if speaker is None and c > a and words[c - 1].text.lower() == "und":  # "X erwartet … und gab bekannt, …"
            speaker = produced[-1].speaker if produced else _subject(art, a, c)
        cs, ce = art.span(c, c + 1)
        content: tuple[int, int] | None = None
        kind = "indirect_speech"
        right_after = speaker is not None and speaker.start <= words[min(c + 3, b - 1)].start and speaker.start > words[c].start
        after = _complement_after(art, c, b, strong_only=cls in ("cognition", "demand", "noun"))
        if (after is None and opens_clause and right_after and s > a + 1 and s - 1 >= taken_until
                and not _appositions(art, taken_until, s - 1)):  # "„…“, sagte er" / "…, so Dmitriew"
            content = (taken_until, s - 1)
        elif words[s].text.lower() == "wie" and s < c and s > a + 1 and words[s - 1].text == ",":
            content, kind = (taken_until, s - 1), "reported"  # "…, wie die Staatsanwaltschaft mitteilte."
        elif words[s].text.lower() == "wie" and s < c:  # "Wie Axios berichtet, soll …"
            k = next((j for j in range(c + 1, b) if words[j].text == "," and not art.inq[j]), None)
            if k is None or k + 1 >= b:
                continue
            content, kind = (k + 1, _trim(art, k + 1, b)), "reported"
            hedged = hedged or any(w.text.lower() in _REPORTIVE_SOLL for w in words[k + 1 : b])
        else:
            k = after
            if k is not None:
                content = (k, _trim(art, k, _clause_end(art, k, b) if not art.inq[k] else b))
            elif cue.what == "verb" and cls in _BARE_REPORTED and _finite(art, a, c) and _bare_ok(art, a, b, c, sc):
                content, kind = (a, b), "reported"
        if content is None or speaker is None and cue.what in ("so",):
            continue
        ca, cb = content
        if cb <= ca:
            continue
        kind, ca, cb = _content_kind(art, ca, cb, kind)
        st, en = art.span(ca, cb)
        if kind == "reported" and content == (a, b):
            st, en = art.span(a, b)
        f = _add(art, Found(st, en, kind, speaker=speaker, cue=(cs, ce), hedged=hedged, carried=carried))
        produced.append(f)
        if kind != "direct_quote":
            _nested(art, ca, cb, f)
        taken_until = max(taken_until, cb if kind != "reported" else b, c + 1)
    if produced:
        if via:
            for f in produced:
                f.chain = [*f.chain, *(Source(name=v.name, entity=v.entity, anonymous=v.anonymous) for v in via)]
        _set_chain(art, produced, origins, words[a].text.lower() in ("dies", "das"))
        return
    if words[a].text.lower() == "demnach" and b - a > 2:  # "Demnach hat sich …": the previous source goes on
        prev = _recent_speaker(art, gap=2)
        speaker = SpeakerRef(prev.start, prev.end, prev.text, prev.entity, prev.anonymous, prev.outlet) if prev else None
        st, _ = art.span(a + 1, b)
        _, en = art.span(a, b)
        cs, ce = art.span(a, a + 1)
        f = Found(st, en, "reported", speaker=speaker, cue=(cs, ce), hedged=hedged or _has_soll(art, a, b), carried=True)
        art.found.append(f)
        _nested(art, a, b, f)
        return
    _no_cue(art, a, b, hedged, carried)


def _has_soll(art: _Article, a: int, b: int) -> bool:
    return any(w.text.lower() in _REPORTIVE_SOLL for w in art.words[a:b])


def _clause_end_comma(art: _Article, k: int, b: int) -> int:
    """End of the (sub)clause starting at ``k``: the next comma, semicolon or full stop outside quotations."""
    for j in range(k, b):
        if art.words[j].text in (",", ";", ".") and not art.inq[j]:
            return j
    return b


def _report_source(art: _Article, a: int, b: int, cue: _Cue) -> SpeakerRef | None:
    if cue.where == "clause":
        s = _clause_start(art, a, cue.index)
        s = _clause_start(art, a, s - 1) if s > a and art.words[s - 1].text == "," and s - 1 == cue.index - 1 else s
        return source_before(art.words, s, cue.index - 1 if cue.index > a and art.words[cue.index - 1].text == "," else cue.index, art.text)
    if cue.where == "before" and cue.length > 1 and art.low[cue.index] == "nach":  # "Nach Polizeiangaben"
        w = art.words[cue.index + 1]
        return SpeakerRef(w.start, w.end, w.text)
    if cue.where == "noun":  # "Nach Angaben der Polizei" → der Polizei; "nach eigenen Angaben" → the phrase itself
        end = cue.index + cue.length
        if art.low[cue.index + 1] in _POSSESSIVE:  # "nach ihren Informationen": the one speaking already
            prev = _recent_speaker(art, gap=2)
            if prev is not None:
                return SpeakerRef(prev.start, prev.end, prev.text, prev.entity, prev.anonymous, prev.outlet)
        after = source_after(art.words, end, b, art.text) if end < b and art.low[end] in ("der", "des", "von", "vom") \
            else None
        if after is not None:
            return after
        w0, w1 = art.words[cue.index + 1], art.words[end - 1]
        return SpeakerRef(w0.start, w1.end, art.text[w0.start : w1.end])
    if cue.where == "before":
        return source_before(art.words, a, cue.index, art.text)
    return source_after(art.words, cue.index + cue.length, b, art.text)


def _skip_frame(art: _Article, ref: SpeakerRef, i: int, b: int) -> int:
    """First word after a fronted report frame ("Nach Angaben von n24 | sind …")."""
    while i < b and art.words[i].start < ref.end:
        i += 1
    while i < b and art.words[i].text == ",":
        i += 1
    return i


def _set_chain(art: _Article, produced: list[Found], origins: list[SpeakerRef], backwards: bool) -> None:
    """An outlet as speaker starts a chain ("Dies berichtet Axios unter Berufung auf Beamte")."""
    first = produced[0]
    sp = first.speaker
    if sp is None or not sp.outlet:
        return
    chain = [Source(name=sp.outlet, entity=sp.entity)]
    chain += [Source(name=o.name, entity=o.entity, anonymous=o.anonymous) for o in origins]
    art.state.chain = chain
    for f in produced:
        f.chain = chain
    if backwards:  # "Dies berichtet …" names the source of the sentence before
        for f in reversed(art.found[: len(art.found) - len(produced)]):
            if f.kind == "asserted":
                break
            if not f.chain and f.speaker is None:
                f.chain = chain
            if f.speaker is not None:
                break


def _dated(art: _Article, a: int, b: int) -> bool:
    """A time expression (from the time stage) lies in ``[a, b)``."""
    if not art.record.times or b <= a:
        return False
    start, end = art.words[a].start, art.words[b - 1].end
    return any(start <= t.start < end for t in art.record.times)


def _same_paragraph(art: _Article, x: int, y: int) -> bool:
    record = art.record
    sx, sy = record.sentence_at(x), record.sentence_at(y)
    return sx is not None and sy is not None and record.sentences[sx].paragraph == record.sentences[sy].paragraph


def _reportive(art: _Article, a: int, b: int, i: int) -> bool:
    """Whether "soll" at ``i`` reports hearsay rather than a plan or an obligation.

    Not reportive: a time ahead in the clause ("Er soll morgen kommen"), a
    passive or copula "werden" closing it ("soll … veröffentlicht werden"), or
    "soll" at the end of a subordinate clause ("…, die eingesetzt werden soll").
    """
    end = _clause_end(art, i, b)
    j = i + 1
    while j < end and (art.words[j].text not in (",", ";", ":") or art.inq[j]):
        j += 1
    low = art.low
    if any(w in _FUTURE for w in low[a:end]):
        return False
    last = j - 1 if low[j - 1] not in (".", "!", "?") else j - 2
    perfect = last > i + 1 and low[last] in ("haben", "sein")
    if not perfect and _dated(art, a, end):  # "Die Eröffnung soll am 1. November stattfinden": a plan
        return False
    final = _trim(art, i, end) - 1  # the last word of the sentence, past any relative clause
    if low[j - 1] == "werden" or low[final] == "werden":
        return False
    nxt = low[i + 1] if i + 1 < len(low) else ""
    return nxt not in (",", ".", ";", ")")


def _no_cue(art: _Article, a: int, b: int, hedged: bool, carried: bool) -> None:
    """A clause with no cue of its own: reportive "soll", free indirect speech, a bare quotation, or an assertion."""
    words = art.words
    low = [w.text.lower() for w in words[a:b]]
    st, en = art.span(a, b)
    soll = [i for i, w in enumerate(low) if w in _REPORTIVE_SOLL and not art.inq[a + i]]
    if soll and _reportive(art, a, b, a + soll[0]):
        prev = _recent_speaker(art, gap=1)  # "Die Behörden werfen Luna Menschenhandel vor. Er soll …"
        if prev is not None and art.record.sentence_at(prev.start) is not None and _same_paragraph(art, prev.start, st):
            speaker = SpeakerRef(prev.start, prev.end, prev.text, prev.entity, prev.anonymous, prev.outlet)
        else:
            speaker = None
        f = Found(st, en, "reported", speaker=speaker, hedged=True, carried=carried, soll=True)
        art.found.append(f)
        _nested(art, a, b, f)
        return
    if _has_mood(art, a, b) or (_recent_speaker(art, gap=1) is not None and _has_mood(art, a, b, strong=False)):
        # Konjunktiv I, or right after speech also its Konjunktiv II stand-in ("Starke Winde hätten … verursacht.")
        prev = _recent_speaker(art, gap=2)
        speaker = SpeakerRef(prev.start, prev.end, prev.text, prev.entity, prev.anonymous, prev.outlet) if prev else None
        f = Found(st, en, "indirect_speech", speaker=speaker, hedged=hedged, carried=carried, free=True)
        art.found.append(f)
        if speaker is not None:
            art.state.last_speech_unit = art.state.unit
        _nested(art, a, b, f)
        return
    q = _quotation_share(art, a, _trim(art, a, b))
    if q is not None:
        prev = _recent_speaker(art, gap=1)
        speaker = SpeakerRef(prev.start, prev.end, prev.text, prev.entity, prev.anonymous, prev.outlet) if prev else None
        qs, qe = art.span(*q)
        art.found.append(Found(qs, qe, "direct_quote", speaker=speaker, hedged=hedged, carried=carried))
        if speaker is not None:
            art.state.last_speech_unit = art.state.unit
        return
    f = Found(st, en, "asserted", hedged=hedged)
    art.found.append(f)
    for qa, qb, q in art.quote_words:
        if qa >= a and qb <= b and _speech_like(art, qa, qb) and not _name_in_quotes(art, qa, qb):
            # a quotation in an assertion: the clause's subject said it ("X warnte vor einem „populistischen Wahlkampf“")
            speaker = _subject(art, a, qa) if not art.inq[a] else None
            if speaker is not None and speaker.text.lower() in ("es", "das", "dies"):
                speaker = None
            if speaker is None:
                prev = _recent_speaker(art, gap=1)
                speaker = SpeakerRef(prev.start, prev.end, prev.text, prev.entity, prev.anonymous, prev.outlet) if prev else None
            art.found.append(Found(q.start, q.end, "direct_quote", speaker=speaker, hedged=hedged, nested=True))


def _name_in_quotes(art: _Article, qa: int, qb: int) -> bool:
    """A name or title in quotation marks, not words someone said: after its kind ("die Zeitschrift „Nature“"),
    in a compound ("„Tea Party“-Bewegung"), two or more capitalised words ("„Berliner Zeitung“"), an outlet."""
    from .attribution_cues import outlets

    inner = [w.text for w in art.words[qa + 1 : qb - 1]]
    if not inner:
        return True
    before = art.words[qa - 1].text if qa > 0 else ""
    after = art.words[qb].text if qb < len(art.words) else ""
    if before[:1].isupper() and before.isalpha() and qa > 1 and art.words[qa - 2].text not in (".", ":", "!", "?"):
        return True
    if after.startswith("-"):
        return True
    if len(inner) >= 2 and all(w[:1].isupper() or not w.isalpha() for w in inner):
        return True
    return tuple(inner) in outlets()


def _appositions(art: _Article, a: int, b: int) -> bool:
    """``[a, b)`` is only noun phrases and commas ("Der Bürgermeister, Henning Scherf (SPD)"): a subject, not speech."""
    i = a
    while i < b:
        n = noun_phrase(art.words, i, b)
        if n == i:
            return False
        i = n
        if i < b and art.words[i].text == ",":
            i += 1
    return b > a


def _speech_like(art: _Article, a: int, b: int) -> bool:
    """A quotation that reads as words someone said, not a name or title ("„Piper at the Gates of Dawn“")."""
    return any(len(w.text) >= 4 and w.text.isalpha() and w.text.islower() and w.text not in _NON_GERMAN
               for w in art.words[a:b])


_NON_GERMAN = frozenset({"with", "from", "that", "this", "they", "what", "when", "your", "have", "will", "the", "of",
                         "and", "at", "in", "on", "for", "to", "a", "an", "is", "de", "la", "le", "et", "di", "del"})


def _fill_soll_chains(art: _Article) -> None:
    """Reportive "soll" and "demnach" statements rest on the outlet chain named nearest."""
    chain: list[Source] = []
    pending: list[Found] = []
    for f in art.found:
        if f.chain and f.speaker is not None and f.speaker.outlet:
            chain = f.chain
            for p in pending:
                p.chain = chain
            pending = []
        elif (f.soll or f.carried) and not f.chain:
            if chain:
                f.chain = chain
            else:
                pending.append(f)


#: Head nouns of an unnamed report as a source: "einem Bericht zufolge", "Berichten zufolge".
_REPORT_NOUNS = frozenset({"bericht", "berichten", "berichts", "berichtes", "berichte"})


def _resolve_unnamed_reports(art: _Article) -> None:
    """An unnamed report ("einem Bericht zufolge") is the report of the article's
    reporting outlet when the article names exactly one ("Dies berichtet das
    Nachrichtenportal Axios unter Berufung auf …"): the statement takes that
    outlet's chain. With none or several outlets it stays an anonymous report."""
    chains: dict[str, list[list[Source]]] = {}
    for f in art.found:
        if f.chain and f.speaker is not None and f.speaker.outlet:
            chains.setdefault(f.speaker.outlet, []).append(f.chain)
    if len(chains) != 1:
        return
    (found_chains,) = chains.values()
    # the outlet's origins when it always cites the same ones, else the outlet alone
    chain = found_chains[0] if all(c == found_chains[0] for c in found_chains) else found_chains[0][:1]
    for f in art.found:
        sp = f.speaker
        if (sp is not None and sp.anonymous and not f.chain and sp.text.split()
                and sp.text.split()[-1].lower() in _REPORT_NOUNS):
            f.chain, f.report_of_outlet = chain, True


# --- the record ------------------------------------------------------------------

def _sources(record: Record, f: Found, names: dict[str, str]) -> list[Source]:
    out: list[Source] = []
    if record.meta.outlet:
        out.append(Source(name=record.meta.outlet))
    for s in f.chain:
        if all(s.name != o.name for o in out):
            out.append(s)
    sp = f.speaker
    if sp is not None and not f.report_of_outlet:  # the report is the outlet's, already in the chain
        name = sp.outlet or names.get(sp.entity or "") or sp.name  # a linked speaker is named by its entity
        if all(name != o.name for o in out):
            out.append(Source(name=name, entity=sp.entity, anonymous=sp.anonymous))
    return out


def statements(record: Record, found: list[Found]) -> list[Statement]:
    """The record's statements, in text order, ids "s1", "s2", …"""
    out: list[Statement] = []
    names = {e.id: e.name for e in record.entities}
    for n, f in enumerate(sorted(found, key=lambda f: (f.start, -f.end)), 1):
        first, last = record.sentence_at(f.start), record.sentence_at(max(f.start, f.end - 1))
        sentences = list(range(first, last + 1)) if first is not None and last is not None else []
        if f.cue is not None:
            k = record.sentence_at(f.cue[0])
            if k is not None and k not in sentences:
                sentences = sorted({*sentences, k})
        sp = f.speaker
        out.append(Statement(
            id=f"s{n}", start=f.start, end=f.end, text=record.text[f.start : f.end], kind=f.kind,  # type: ignore[arg-type]
            speaker=Speaker(entity=sp.entity, text=sp.text, anonymous=sp.anonymous) if sp else None,
            cue=Cue(start=f.cue[0], end=f.cue[1], text=record.text[f.cue[0] : f.cue[1]]) if f.cue else None,
            sources=_sources(record, f, names), hedged=f.hedged, sentences=sentences,
        ))
    return out
