"""Who speaks: the place where a quote's speaker is decided.

Given a cue (a verb or noun of saying, a report phrase) at a word index, the
speaker is the noun phrase that is its subject or source:

- before the cue when the clause begins with a noun phrase that runs up to it
  ("Der Staatsanwalt sagte", "Wie Axios weiter schreibt"), or that is followed
  by a finite auxiliary ("Russland hat … beharrt");
- after the cue when the cue opens its clause or follows an adverbial
  (", sagte er", ", so Dmitriew", "Dies berichtet das Nachrichtenportal Axios",
  "Am Montag erklärte der Minister"); "hieß es" has no subject: the source is
  a "von … Seite" / "aus … Kreisen" phrase of the clause when there is one;
- after "laut", "unter Berufung auf", "nach Angaben"; before "zufolge".

A speaker is then linked (:func:`link`): to the entity whose mention it
overlaps (the entities stage runs first; none when it has not), to the
nearest compatible earlier speaker when it is a pronoun ("er", "sie"), marked
``anonymous`` when its head noun is an unnamed source ("US-Beamte",
"informierte Kreise", "von ukrainischer Seite"), and named as an outlet when
it is one ("das Nachrichtenportal Axios" → Axios).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..record import Record
from .attribution_cues import anonymous_heads, outlets, speaker_words
from .segment import Word

#: Words that are clause-initial but never a speaker ("Dies berichtet …").
_NOT_SPEAKERS = frozenset({"dies", "das", "es", "so", "demnach", "dazu", "hier", "da", "nun", "dann", "doch"})
_AUXILIARIES = frozenset({
    "hat", "haben", "hatte", "hatten", "habe", "ist", "sind", "war", "waren", "sei", "seien", "wird", "werden",
    "wurde", "wurden", "will", "wollen", "wollte", "soll", "sollen", "kann", "können", "konnte", "muss", "müssen",
})
_LEADING = frozenset({"und", "auch", "doch", "aber", "zudem", "außerdem", "so", "nun", "jedoch", "dabei", "daraufhin"})
_PREPOSITIONS = frozenset({"am", "im", "in", "auf", "an", "mit", "gegenüber", "bei", "nach", "vor", "unter", "zu", "zum",
                           "zur", "über", "für", "seit", "vom", "beim", "angesichts", "wegen", "trotz", "während",
                           "laut", "gemäß", "durch", "ohne", "gegen", "um", "anlässlich", "nahe"})
_ATTACH = frozenset({"von", "des", "der", "aus", "eines", "einer", "vom"})
_PUNCT_END = frozenset({",", ":", ";", ".", "!", "?", "(", ")", "–", "—", "-", '"', "„", "“", "”", "»", "«", "‚", "‘"})


@dataclass
class SpeakerRef:
    """A speaker as found in the text, with its offsets and what it was linked to."""

    start: int
    end: int
    text: str
    entity: str | None = None
    anonymous: bool = False
    outlet: str | None = None  # canonical outlet name when the speaker is an outlet
    pronoun: bool = False
    resolved: str | None = None  # for a pronoun: the text of the speaker it refers to

    @property
    def name(self) -> str:
        """The name a source chain shows: the outlet's, the resolved pronoun's, or the text."""
        return self.outlet or self.resolved or self.text


def _is_cap(w: str) -> bool:
    """A capitalised word, or a name written in lower case with a digit, dot or hyphen ("n24", "ndr.de", "n-tv")."""
    return w[:1].isupper() or (w[:1].isalpha() and any(ch.isdigit() or ch in ".-" for ch in w[1:-1]) and len(w) > 2)


def _is_adjective(w: str) -> bool:
    if w[:1].isdigit():  # "64-jährige", "13", "27"
        return True
    return (w.islower() and w.replace("-", "").isalpha() and w.endswith(("e", "en", "er", "es", "em"))
            and speaker_words().get(w) is None)


_ADVERB_ENDINGS = ("lich", "ig", "isch", "ell", "weise", "mals", "wärts")


def _adverb_like(word: str) -> bool:
    """A capitalised adverb or adjective opening a sentence ("Offiziell", "Ähnlich", "Gleichzeitig")."""
    low = word.lower()
    return low.isalpha() and low.endswith(_ADVERB_ENDINGS) and low not in ("könig", "ludwig", "hedwig")


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
    if cls == "det":
        j += 1
        if w.lower() in ("einer", "eine", "keiner") and j < end and words[j].text.lower() in ("der", "des"):
            head = True  # "Einer der Putschisten"
        elif j + 1 < end and words[j].text[:1].isdigit() and "-" in words[j].text and not _is_cap(words[j + 1].text):
            return j + 1  # "der 81-jährige" used as a noun
    while j < end:
        t = words[j].text
        low = t.lower()
        if t in ("„", "“", "»", "«", "\"") and j + 1 <= end:  # a name in quotation marks: Die „Süddeutsche Zeitung“
            j += 1
            continue
        if head and t.isdigit() and j > i and words[j - 1].text[:1].isupper():  # "„Channel 10“", "Apollo 11"
            j += 1
            continue
        if (_is_cap(t) and sw.get(low, "") != "stop" and low not in _NOT_SPEAKERS and low not in _PREPOSITIONS
                and not (j == i and _adverb_like(t))) or (head and t == "("):
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


_CLAUSE_BREAK = frozenset({",", ":", ";", ".", "!", "?", "–", "—"})


_RELATIVE = frozenset({"der", "die", "das", "dem", "den", "deren", "dessen", "welcher", "welche", "welches"})


def np_with_pps(words: Sequence[Word], i: int, end: int) -> int:
    """A noun phrase with the prepositional phrases after it ("ein Sprecher des Zentrums in Brisbane")."""
    n = noun_phrase(words, i, end)
    while i < n < end and words[n].text.lower() in _PREPOSITIONS:
        m = noun_phrase(words, n + 1, end)
        if m == n + 1:
            break
        n = m
    return n


def _clause_start(words: Sequence[Word], lo: int, cue: int) -> int:
    s = cue
    while s > lo and words[s - 1].text not in _CLAUSE_BREAK:
        if words[s - 1].text == ")":  # a parenthesis may hold commas: "(National Environment Authority, NEMA)"
            k = s - 1
            while k > lo and words[k - 1].text != "(" and s - k < 15:
                k -= 1
            if k > lo and words[k - 1].text == "(":
                s = k - 1
                continue
        s -= 1
    return s


def _span(words: Sequence[Word], a: int, b: int, text: str) -> SpeakerRef:
    return SpeakerRef(words[a].start, words[b - 1].end, text[words[a].start : words[b - 1].end])


def speaker_for_cue(words: Sequence[Word], lo: int, hi: int, cue: int, text: str) -> SpeakerRef | None:
    """The speaker of the verb or noun cue ``words[cue]`` in the clause range ``[lo, hi)``."""
    s = _clause_start(words, lo, cue)
    while s < cue and words[s].text.lower() in _LEADING:
        s += 1
    if s == cue and s > lo and words[s - 1].text == ",":  # "Kemal Bedri, Vorsitzender der Wahlkommission, begründete"
        first = _apposition_subject(words, lo, s - 1)
        if first is not None and first[0] == _sentence_start(words, lo, s):
            return _span(words, first[0], first[1], text)
    if s < cue and words[s].text.lower() == "wie":  # "Wie Axios weiter schreibt"
        n = noun_phrase(words, s + 1, cue)
        if n > s + 1:
            return _span(words, s + 1, n, text)
    nxt = words[cue + 1].text if cue + 1 < hi else ""
    if _is_cap(nxt) and speaker_words().get(nxt.lower()) is None and s < cue:
        n = noun_phrase(words, cue + 1, hi)
        if n > cue + 1 and (n >= hi or words[n].text in (":", ",", ".")):
            return _span(words, cue + 1, n, text)  # "Der Zeitung sagte Filep Karma: …"
    if s < cue and (words[s].text.lower() not in _NOT_SPEAKERS or speaker_words().get(words[s].text.lower()) == "det"):
        n = noun_phrase(words, s, cue)
        if n > s and (n == cue or words[n].text.lower() in _AUXILIARIES or speaker_words().get(words[n].text.lower()) == "stop"
                      and n < cue and _only_adverbs(words, n, cue)):
            return _span(words, s, n, text)
        if n > s and n < cue and words[n].text.lower() in _AUXILIARIES:
            return _span(words, s, n, text)
        if n > s and n < cue:  # "Ein Regierungssprecher in Berlin sagte": prepositional phrases and adverbs up to the cue
            k = n
            while k < cue and speaker_words().get(words[k].text.lower()) == "stop":
                m = noun_phrase(words, k + 1, cue)
                k = max(k + 1, m)
            if k == cue:
                e = cue
                while e > n and speaker_words().get(words[e - 1].text.lower()) == "stop":
                    e -= 1
                return _span(words, s, e, text)
    after = speaker_after(words, cue, hi, text)
    if after is not None:
        return after
    if (s == cue or words[s].text.lower() in _AUXILIARIES) and s > lo and words[s - 1].text == ",":
        # "Gabriel Entcha-Ebia, der Justizminister des Landes, sagte" / "Peter Clever, hat … gefordert"
        first = _apposition_subject(words, lo, s - 1)
        if first is not None:
            return _span(words, first[0], first[1], text)
    # "Gestern hat eine Sprecherin des Gerichts mitgeteilt": the subject after the finite verb
    for j in range(s, cue):
        if words[j].text.lower() in _AUXILIARIES:
            n = noun_phrase(words, j + 1, cue)
            if n > j + 1 and words[j + 1].text.lower() not in ("es", "sich"):
                return _span(words, j + 1, n, text)
            break
    return None


def _apposition_subject(words: Sequence[Word], lo: int, comma: int) -> tuple[int, int] | None:
    """The first of up to three comma-separated noun phrases ending at ``comma``."""
    end = comma
    found = None
    for _ in range(3):
        s = end
        while s > lo and words[s - 1].text not in _PUNCT_END:
            s -= 1
        n = np_with_pps(words, s, end)
        if n != end and s < end and words[s].text.lower() in _RELATIVE and found is None and s > lo \
                and words[s - 1].text == ",":  # "Deiss, der sich dazu entschlossen hatte, sagte": skip the relative clause
            end = s - 1
            continue
        if n != end or s == end:
            break
        found = (s, n)
        if s == lo or words[s - 1].text != ",":
            break
        end = s - 1
    return found


def _sentence_start(words: Sequence[Word], lo: int, i: int) -> int:
    while i > lo and words[i - 1].text not in (".", "!", "?", ":", ";"):
        i -= 1
    return i


def _only_adverbs(words: Sequence[Word], a: int, b: int) -> bool:
    return all(speaker_words().get(w.text.lower()) == "stop" for w in words[a:b])


def speaker_after(words: Sequence[Word], cue: int, hi: int, text: str) -> SpeakerRef | None:
    """The subject after an inverted verb: "sagte er", "so Dmitriew", "berichtet das Portal Axios"."""
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
        if impersonal and low in ("in", "im") and j + 1 < limit:  # "heißt es in dem Schreiben"
            n = noun_phrase(words, j + 1, hi)
            if n > j + 1:
                return _span(words, j + 1, n, text)
        if low in ("von", "aus") and j + 1 < limit:  # "hieß es von ukrainischer Seite", "aus informierten Kreisen"
            n = noun_phrase(words, j + 1, hi)
            if n > j + 1 and _anonymous_head(words[n - 1].text):
                return _span(words, j, n, text)
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
            return _span(words, j, n, text)
        if t.islower():  # "sagte angesichts der Umstände": no subject follows
            break
        j += 1
    if impersonal:
        return _impersonal_source(words, cue, hi, text)
    return None


def _impersonal_source(words: Sequence[Word], lo: int, hi: int, text: str) -> SpeakerRef | None:
    """The source of "hieß es": "von ukrainischer Seite", "aus informierten Kreisen", "In der Mitteilung des WWF"."""
    s = lo
    while s > 0 and words[s - 1].text not in _CLAUSE_BREAK:
        s -= 1
    if words[s].text.lower() in ("in", "im") and s + 1 < lo:
        n = noun_phrase(words, s + 1, lo)
        if n > s + 1:
            return _span(words, s + 1, n, text)
    for j in range(max(0, lo - 8), hi):
        if words[j].text.lower() in ("von", "aus"):
            n = noun_phrase(words, j + 1, hi)
            if n > j + 1 and _anonymous_head(words[n - 1].text):
                return _span(words, j, n, text)
    return None


def source_after(words: Sequence[Word], i: int, hi: int, text: str) -> SpeakerRef | None:
    """The source named after a report phrase ending before ``words[i]`` ("laut X", "nach Angaben der Polizei")."""
    j = i
    if j < hi and words[j].text.lower() in ("von", "des", "der", "aus"):
        j_np = noun_phrase(words, j + 1, hi)
        if j_np > j + 1:
            return _span(words, i, j_np, text)
    n = noun_phrase(words, j, hi)
    if n == j and j < hi and len(words[j].text) > 1 and words[j].text not in _PUNCT_END \
            and speaker_words().get(words[j].text.lower()) is None:
        n = j + 1  # "laut ndr.de", "nach Angaben von n24"
    return _span(words, j, n, text) if n > j else None


def source_before(words: Sequence[Word], lo: int, i: int, text: str) -> SpeakerRef | None:
    """The source standing before "zufolge" at ``words[i]`` ("einem Bericht zufolge")."""
    for s in range(max(lo, i - 6), i):
        if noun_phrase(words, s, i) == i:
            return _span(words, s, i, text)
    return None


def _anonymous_head(word: str) -> bool:
    low = word.lower()
    return any(low == h or low.endswith(h) and (len(low) > len(h)) for h in anonymous_heads())


def _outlet(words_text: str) -> str | None:
    toks = tuple(words_text.replace("„", " ").replace("“", " ").split())
    table = outlets()
    for k in range(len(toks)):
        for size in (3, 2, 1):
            name = table.get(toks[k : k + size])
            if name:
                return name
    return None


def link(ref: SpeakerRef, record: Record, history: Sequence[SpeakerRef]) -> SpeakerRef:
    """Link a found speaker: entity by mention overlap, pronoun to an earlier speaker, anonymous, outlet."""
    sw = speaker_words()
    low = ref.text.lower()
    cls = sw.get(low, "")
    if cls.startswith("pron"):
        ref.pronoun = True
        if cls in ("pron m", "pron f"):
            types = {e.id: e.type for e in record.entities}
            for prev in reversed(history):
                # compatible: named, not an outlet, and a person when the entities stage typed it
                if not prev.pronoun and not prev.anonymous and not prev.outlet \
                        and types.get(prev.entity or "", "PER") == "PER":
                    ref.entity, ref.resolved = prev.entity, prev.text
                    return ref
            ref.entity = previous_person(record, ref.start)
        return ref
    ref.entity = _overlapping_entity(record, ref.start, ref.end)
    ref.outlet = _outlet(ref.text)
    words = ref.text.replace("(", " ").split()
    if ref.entity is None and not ref.outlet and words and _anonymous_head(words[-1].strip(")")):
        ref.anonymous = True
    return ref


def _overlapping_entity(record: Record, start: int, end: int) -> str | None:
    best, best_overlap = None, 0
    for e in record.entities:
        for m in e.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > best_overlap:
                best, best_overlap = e.id, overlap
    return best


def previous_person(record: Record, offset: int) -> str | None:
    """The person (PER entity) mentioned last before ``offset``: what "er" refers to when nothing nearer does."""
    best, best_start = None, -1
    for e in record.entities:
        if e.type != "PER":
            continue
        for m in e.mentions:
            if best_start < m.start < offset:
                best, best_start = e.id, m.start
    return best
