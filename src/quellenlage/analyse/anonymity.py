"""Anonymity: is a source named, and if not, what kind of source is it and what is known about it.

A speaker or source is **anonymous** when the text names no person and no
organisation speaking as such: "ein Regierungsvertreter", "US-Beamte", "ein
Gemeindesprecher", "aus Parteikreisen", "laut Anklageschrift", "hieß es". An
anonymous source has a ``kind`` and ``known``, the text that describes it
("US-Beamte", "aus ukrainischen Kreisen"). "Die Polizei teilte mit", "das
Innenministerium", "Regierungssprecher Steffen Hebestreit" are named. A
definite description points back: "die Rebellen" is named where the text
calls them "Huthi-Rebellen", "die Studentin" is anonymous after "eine
Lehramtsstudentin", and "die Anwälte" with no firm named is anonymous.

The decision is an ordered list of small rules (:data:`RULES`); the first that
decides wins and names itself in :attr:`Anonymity.rule`. The German words are
tables in ``lang/de``: ``anonymous_sources.tsv`` (head nouns and their kinds),
``anonymous_cues.tsv`` ("hieß es", "verlautete", "wie zu hören war") and
``anonymity_words.tsv`` (determiners, prepositions, insider words).

Two hooks use it: :func:`speakers.link` asks :func:`of_speaker` whether a
found speaker is anonymous (and then links it to no entity: "ein
US-Regierungsvertreter" is the official, not the country "US"), and the
attribution stage passes its statements through :func:`annotate`, which
gives every anonymous speaker and source its kind and ``known`` and gives a
statement resting on "hieß es" its anonymous source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import get_args

from ..lang.de import attribution_tables
from ..lang.de.attribution_tables import attribution_words
from ..record import AnonymousKind, Record, Source, Statement, TraceStep
from .attribution_cues import alternation, information_nouns, outlet_in, outlets, speaker_words

KINDS: tuple[str, ...] = get_args(AnonymousKind)


@dataclass(frozen=True)
class Anonymity:
    """What the text says about an anonymous source, and the rule that decided it."""

    kind: str
    known: str | None
    rule: str


# --- the tables ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def source_nouns() -> dict[str, str]:
    """Head noun (lower case, matched as the word or a compound's end) → kind, or "-" for no source."""
    table = {}
    for noun, kind in attribution_tables.anonymous_sources().items():
        if kind not in KINDS and kind != "-":
            raise ValueError(f"anonymous_sources.tsv: unknown kind {kind!r} for {noun!r}")
        table[noun.lower()] = kind
    return table


def _exact_nouns() -> dict[str, str]:
    """Rows written "=noun": matched only as the whole word or after a hyphen ("NGOs", "Umwelt-NGOs"), never as
    a compound's end ("=ngos" must not make "Kongos" a source)."""
    return {noun[1:]: kind for noun, kind in source_nouns().items() if noun.startswith("=")}


@lru_cache(maxsize=1)
def cue_phrases() -> list[tuple[tuple[str, ...], str]]:
    """Phrases that name no source ("hieß es") as lower-case token tuples with their kind, longest first."""
    rows = list(attribution_tables.anonymous_cues())
    for phrase, kind in rows:
        if kind not in KINDS:
            raise ValueError(f"anonymous_cues.tsv: unknown kind {kind!r} for {' '.join(phrase)!r}")
    return sorted(rows, key=lambda r: -len(r[0]))


def _is(word: str, cls: str) -> bool:
    return cls in attribution_tables.anonymity_words().get(word.lower(), ())


@lru_cache(maxsize=16)
def words_of(cls: str) -> frozenset[str]:
    """The words of one class of ``anonymity_words.tsv``."""
    return frozenset(w for w, classes in attribution_tables.anonymity_words().items() if cls in classes)


def is_coordinator(word: str) -> bool:
    """A conjunction joining two phrases ("und", "sowie", "oder"; ``anonymity_words.tsv``, coord)."""
    return _is(word, "coord")


def is_indefinite(word: str) -> bool:
    """An indefinite determiner ("ein", "einer", "eine"): what introduces someone unnamed."""
    return _is(word, "indefinite")


def is_definite(word: str) -> bool:
    """A definite article ("der", "die", "des" …): what points back at someone named before."""
    return _is(word, "definite")


def is_distributive(word: str) -> bool:
    """A determiner of whoever in a group ("jeder Fünfte", "jede dritte Befragte")."""
    return _is(word, "distributive")


def _insider_word(word: str) -> bool:
    low = word.lower()
    return any(low.startswith(w) for w, c in attribution_tables.anonymity_words().items() if "insider" in c)


@lru_cache(maxsize=8192)
def noun_kind(word: str) -> str | None:
    """The kind of a head noun ("Regierungsvertreter" → official), "-" when it is no source, None when unknown."""
    low = word.lower().strip("\"„“”»«'’")
    table = source_nouns()
    if low in table:
        return table[low]
    exact = _exact_nouns()
    if low.rsplit("-", 1)[-1] in exact:
        return exact[low.rsplit("-", 1)[-1]]  # "NGOs", "Umwelt-NGOs"
    best = None
    for noun, kind in table.items():
        if noun.startswith("="):
            continue
        if len(noun) < len(low) and low.endswith(noun) and (best is None or len(noun) > len(best[0])):
            best = (noun, kind)
    return best[1] if best else None


# --- reading a noun phrase ----------------------------------------------------------------------

_PUNCT = '„“”"»«‚‘(),:;–—'
#: Punctuation, or a word without the full stop, "!" or "?" that ends it ("es." → "es", "."; "ndr.de" stays whole).
_TOKEN = re.compile(rf"[{_PUNCT}]|[^\s{_PUNCT}]+?(?=[.!?]*(?:[\s{_PUNCT}]|$))|[.!?]+")
_QUOTES = frozenset('„“”"»«‚‘')


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=4)
def _article_tokens(article: str) -> tuple[_Token, ...]:
    """The article's tokens, once per article: the look-back rules read the part before each phrase."""
    return tuple(_tokens(article))


def _capitalised(word: str) -> bool:
    """A noun or name: capitalised, and a hyphenated word's last part too ("US-Beamte", not "US-amerikanische")."""
    last = word.rsplit("-", 1)[-1] if "-" in word.strip("-") else word
    return word[:1].isupper() and (last[:1].isupper() or last[:1].isdigit())


def _determiner(word: str) -> bool:
    low = word.lower()
    return _is(low, "det") or speaker_words().get(low) == "det" or low.isdigit()


def _genitive(word: str) -> bool:
    """A name in the genitive after a head noun ("ein Vertrauter Putins", "Sprecher Merz'")."""
    return len(word) > 2 and (word.endswith(("s", "'", "’")) and not word.endswith("ss"))


@dataclass
class _Phrase:
    """A source's noun phrase split into its parts (indexes into ``tokens``)."""

    tokens: list[_Token]
    lead: int  # index of the first token after a leading preposition ("von ukrainischer Seite")
    body: int  # index of the first token after the leading determiners ("ein US-Beamter")
    head: int | None  # the head noun, or None when there is none
    attached: int  # index of the first token of what hangs after the head ("des Ministeriums"), len when none
    apposition: int | None  # index of the first token after an apposition comma ("…, Petra Lang")
    trailing_name: bool  # capitalised words right after the head that are not a genitive: a name
    stray: int | None = None  # first of the nouns after the head that are no name of it ("Agenturberichten Hinweise")


def _phrase(text: str) -> _Phrase:
    toks = _tokens(text)
    n = len(toks)
    lead = 1 if n > 1 and _is(toks[0].low, "lead") else 0
    body = lead
    while body < n and _determiner(toks[body].text):
        body += 1
    # the first part ends at an attachment after a noun ("des", "von", "in"), a comma or a parenthesis
    end, seen_noun, in_quotes = n, False, False
    for j in range(body, n):
        t = toks[j].text
        if t in _QUOTES:
            in_quotes = not in_quotes
            continue
        if in_quotes:
            continue
        if t in (",", "(", ":", ";", "–", "—"):
            end = j
            break
        if _capitalised(t) and not _determiner(t):
            seen_noun = True
        elif seen_noun and (_is(t, "attach") or _is(t, "coord")):
            end = j
            break
    caps = [
        j
        for j in range(body, end)
        if _capitalised(toks[j].text) and not _determiner(toks[j].text) and toks[j].text not in _QUOTES
    ]
    head = caps[-1] if caps else None
    trailing_name, stray = False, None
    if head is not None:
        # "ein Vertrauter Putins": a genitive name after the head noun is what is known, not the head
        k = head
        while k > body and _genitive(toks[k].text) and (k - 1) in caps and noun_kind(toks[k - 1].text) not in (None, "-"):
            k -= 1
        if k != head:
            head = k
        elif len(caps) > 1:
            # "Regierungssprecher Steffen Hebestreit": the last capitalised word is the name, the head is before it
            first_source = next((j for j in caps if noun_kind(toks[j].text) not in (None, "-")), None)
            if (
                first_source is not None
                and first_source < head
                and all(j in caps for j in range(first_source + 1, head + 1))
                and noun_kind(toks[head].text) is None
            ):
                if _no_name_after(toks[first_source].text, toks[head].text):
                    head, stray = first_source, first_source + 1
                else:
                    head, trailing_name = first_source, True
    apposition = None
    for j in range(end, n):
        if toks[j].text == "," and j + 1 < n:
            apposition = j + 1
            break
    return _Phrase(toks, lead, body, head, end, apposition, trailing_name, stray)


def _no_name_after(source: str, word: str) -> bool:
    """The capitalised word after a source noun is no name of it: a noun of information ("laut Agenturberichten
    Informationen über …": the object of the clause, caught in the phrase), or the source noun is a report or a
    circle in the plural, which no single name can stand beside ("aus Regierungskreisen Details" — unlike
    "Regierungssprecher Steffen Hebestreit", one person with his name)."""
    if word.lower() in information_nouns():
        return True
    return noun_kind(source) in ("media_report", "insider", "document") and source.lower().endswith("en")


def _known(text: str, ph: _Phrase) -> str | None:
    """The descriptive text: the phrase as written without its leading determiners ("ein US-Beamter" →
    "US-Beamter"); a leading preposition keeps its phrase whole, in lower case ("aus ukrainischen Kreisen")."""
    toks = ph.tokens
    if not toks:
        return None
    if ph.stray is not None:
        text = text[: toks[ph.stray - 1].end]  # "Agenturberichten Hinweise" → "Agenturberichten"
    if ph.lead:
        known = toks[0].low + text[toks[0].end :]
    else:
        known = text[toks[ph.body].start :] if ph.body < len(toks) else text
    return known.strip(" ,") or None


def _outlet_named(text: str) -> bool:
    """An outlet of ``outlets.tsv`` is named, also before a hyphen ("die Bild-Zeitung", "ein ARD-Sender") and in an
    inflected form ("nach Recherchen der Süddeutschen Zeitung": the named outlet, though "Zeitung" alone is an
    unnamed one)."""
    toks = tuple(text.replace("„", " ").replace("“", " ").replace("”", " ").replace('"', " ").split())
    if any((t.split("-", 1)[0],) in outlets() for t in toks if "-" in t.strip("-")):
        return True
    return outlet_in(toks) is not None


# --- the rules ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Seen:
    """What the article shows around a source phrase: the persons named in it (offsets into the phrase) and
    whether a person was named before it, whom a definite description may point back at."""

    persons: Sequence[tuple[int, int]] = ()
    named_before: bool = True
    article: str = ""  # the article's text, when the phrase was found in one
    start: int = 0  # where the phrase starts in ``article``
    article_persons: Sequence[tuple[int, int]] = ()  # spans of named persons in ``article``


#: A rule looks at the phrase (and what the article shows around it) and returns "named" (not anonymous,
#: stop), a kind (anonymous, stop) or None (the next rule decides).
Rule = Callable[[str, _Phrase, _Seen], str | None]


def pronoun(text: str, ph: _Phrase, seen: _Seen) -> str | None:
    """ "sagte er", "so sie": a pronoun stands for someone named elsewhere (speakers.link resolves it)."""
    if len(ph.tokens) == 1 and speaker_words().get(ph.tokens[0].low, "").startswith("pron"):
        return "named"
    return None


#: What may follow an anaphor's stem: an adjective ending ("gleich|en", "dieselb|e", "genannt|en").
_ADJECTIVE_ENDINGS = frozenset({"", "e", "en", "er", "es", "em"})


def anaphor(text: str, ph: _Phrase, seen: _Seen) -> str | None:
    """ "laut der gleichen Nachrichtenagentur", "derselbe Sprecher": a source named before in the article. The stem
    with an adjective ending only: "einem selbsternannten Mitglied", "ein gleichaltriger Schüler" point back at no
    one."""
    words = attribution_tables.anonymity_words()
    if any(
        t.low.startswith(w) and t.low[len(w) :] in _ADJECTIVE_ENDINGS
        for t in ph.tokens[: ph.head if ph.head is not None else len(ph.tokens)]
        for w, c in words.items()
        if "anaphor" in c
    ):
        return "named"
    return None


_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)*\.(de|at|ch|com|net|org|eu|info|tv|fm)$")


def web_address(word: str) -> bool:
    """A web address used as a name ("meedia.de", "tt.com")."""
    return bool(_DOMAIN.match(word.lower()))


def named_outlet(text: str, ph: _Phrase, seen: _Seen) -> str | None:
    """ "das Nachrichtenportal Axios", "die „Süddeutsche Zeitung“", "die Zeitung „Bild“", "das Branchenportal
    meedia.de": an outlet by name."""
    if _outlet_named(text):
        return "named"
    if ph.head is not None and noun_kind(ph.tokens[ph.head].text) in ("unnamed_outlet", "media_report"):
        toks = ph.tokens
        if any(t.text in _QUOTES for t in toks):
            return "named"
        if any(_DOMAIN.match(t.text) for t in toks[ph.head + 1 : ph.attached]):
            return "named"  # "das Branchenportal meedia.de": the outlet by its address
        before = toks[ph.head - 1].text if ph.head > ph.body else ""
        # "Berliner Zeitung", "Frankfurter Rundschau"; not "Russischer Sender" (a nationality)
        if (
            _capitalised(before)
            and before.endswith("er")
            and not _determiner(before)
            and not re.search(r"isch(e[nrms]?|er)?$", before.lower())
        ):
            return "named"
    return None


def person_of_outlet(text: str, ph: _Phrase, seen: _Seen) -> str | None:
    """ "ein Sprecher der dpa", "erklärte ein Heeressprecher der APA", "ein ARD-Sprecher" → spokesperson: the head is
    an unnamed person's noun (``anonymous_sources.tsv``: Sprecher, Beamter, Mitarbeiter) and the outlet is named only
    after it or in the head's compound, so naming the agency does not name the person. Before
    :func:`named_outlet`; a name beside the head still names the person ("ARD-Sprecher Max Müller")."""
    if ph.head is None or not _outlet_named(text) or ph.trailing_name or ph.apposition is not None:
        return None
    kind = noun_kind(ph.tokens[ph.head].text)
    if kind not in ("spokesperson", "official", "insider", "unknown"):
        return None
    if _outlet_named(" ".join(t.text for t in ph.tokens[: ph.head])) or seen.persons:
        return None
    return kind


def named_person(text: str, ph: _Phrase, seen: _Seen) -> str | None:
    """ "Regierungssprecher Steffen Hebestreit", "der Diplomat" (a mention of a named person), "ein Sprecher
    der Gemeinde, Petra Lang": a person named at the head, right after it or in an apposition. A person in
    a phrase attached to the head ("ein Vertrauter Putins", "Putins Sprecher") is only what is known."""
    if ph.trailing_name:
        return "named"
    if ph.head is None:
        return None
    head = ph.tokens[ph.head]
    for start, end in seen.persons:
        if start < head.end and end > head.start:
            return "named"
        if ph.apposition is not None and start >= ph.tokens[ph.apposition].start:
            return "named"
    if ph.apposition is not None:
        rest = ph.tokens[ph.apposition :]
        caps = [t.text for t in rest if _capitalised(t.text) and not _determiner(t.text)]
        if caps and all(noun_kind(w) is None for w in caps) and rest[0].text[:1].isupper():
            return "named"  # "…, Petra Lang"
    return None


def _stem(word: str) -> str:
    """A noun without its plural or case ending: "Rebellen" → rebell, "Kämpfern" → kämpfer."""
    low = word.lower().strip("\"„“”»«'’")
    for ending in ("en", "n", "s", "e"):
        if low.endswith(ending) and len(low) - len(ending) >= 4:
            return low[: -len(ending)]
    return low


def named_group(text: str, ph: _Phrase, seen: _Seen) -> str | None:
    """ "Die Rebellen" where the article calls them "Huthi-Rebellen": a definite description of a group's members
    (``anonymity_words.tsv``, member: Rebellen, Kämpfer, Separatisten …) stands for the group the article names
    in a compound of the same noun with the group's name before the hyphen ("die Kämpfer" … "Taliban-Kämpfer").
    The compound may stand anywhere in the text (a paragraph may begin after the article named them). "Die
    Anwälte" with no firm named, "die Rebellen" with no "X-Rebellen" stay anonymous (:func:`unnamed_person`)."""
    if ph.head is None or not seen.article:
        return None
    toks = ph.tokens
    dets = [t.low for t in toks[ph.lead : ph.body]]
    head = toks[ph.head].text
    if not dets or not _is(dets[0], "definite") or "-" in head or not _is(_stem(head), "member"):
        return None
    return "named" if _stem(head) in _named_group_stems(seen.article) else None


@lru_cache(maxsize=4)
def _named_group_stems(article: str) -> frozenset[str]:
    """The stems of the nouns the article joins to a group's name in a compound ("Taliban-Kämpfer" → kämpfer; not
    an official's or spokesperson's: "Taliban-Sprecher"): what :func:`named_group` looks for, read once per text."""
    return frozenset(
        _stem(m.group(1))
        for m in re.finditer(r"[A-ZÄÖÜ][\w]*-([A-ZÄÖÜ][\w]+)", article)
        if noun_kind(m.group(0)) not in ("official", "spokesperson")
    )


def _introduced_unnamed(word: str, seen: _Seen) -> bool:
    """Before the phrase, the article introduced someone with an indefinite article and the same noun (or a compound
    ending in it), and no name beside: "Eine Lehramtsstudentin protestierte … schrieb die Studentin"."""
    if not seen.article:
        return False
    want = word.lower()
    if len(want) < 4:
        return False
    persons = seen.article_persons
    starts = persons.starts if isinstance(persons, ArticlePersons) else frozenset()
    for after in _unnamed_introductions(seen.article).get(want, []):  # in text order
        if after > seen.start:
            break
        if isinstance(persons, ArticlePersons):
            named = any(after + d in starts for d in range(4))
        else:
            named = any(after <= s <= after + 3 for s, _ in persons)
        if named:
            continue  # "eine Studentin, Anna Berg," / "die Studentin Anna Berg": named
        return True
    return False


@lru_cache(maxsize=4)
def _unnamed_introductions(article: str) -> dict[str, list[int]]:
    """The candidates of :func:`_introduced_unnamed`, read once per text: the end offsets of the article's capitalised
    words with an indefinite determiner among the four words before them and no punctuation between ("eine
    Lehramtsstudentin"), in text order, under every end of four letters or more of the word in lower case."""
    toks = _article_tokens(article)
    out: dict[str, list[int]] = {}
    for k, t in enumerate(toks):
        if not _capitalised(t.text):
            continue
        dets = toks[max(0, k - 4) : k]
        if not dets or not any(is_indefinite(d.text) for d in dets) or any(d.text in _PUNCT for d in dets):
            continue
        low = t.low
        for i in range(len(low) - 3):
            out.setdefault(low[i:], []).append(t.end)
    return out


def source_noun(text: str, ph: _Phrase, seen: _Seen) -> str | None:
    """ "ein Regierungsvertreter" → official, "ein Gemeindesprecher" → spokesperson, "aus Parteikreisen" →
    insider, "ein internes Papier" → document, "Medienberichten" → media_report, "eine Zeitung" →
    unnamed_outlet, "Augenzeugen" → unknown (``anonymous_sources.tsv``); "Personen mit Kenntnis der Sache"
    → insider (``anonymity_words.tsv``). A head noun that is not in the table is a named source ("die
    Polizei", "das Innenministerium")."""
    if ph.head is None:
        return None
    kind = noun_kind(ph.tokens[ph.head].text)
    if kind is None:
        return None
    if kind == "-":
        return "named"
    if kind == "unknown" and any(_insider_word(t.text) for t in ph.tokens if t is not ph.tokens[ph.head]):
        return "insider"
    if kind == "document" and (_named_author(ph) or _author_in_compound(ph.tokens[ph.head].text)):
        return "named"
    return kind


def _author_in_compound(word: str) -> bool:
    """ "die BAT-Analyse", "ein BND-Papier", "die AMS-Erhebung": a document whose compound opens with an abbreviation
    names its author in it (not a country's: "eine US-Studie" stays unnamed, ``anonymity_words.tsv``
    country_code)."""
    prefix = word.split("-", 1)[0] if "-" in word.strip("-") else ""
    return len(prefix) >= 2 and prefix.isupper() and prefix.isalpha() and not _is(prefix, "country_code")


def _named_author(ph: _Phrase) -> bool:
    """ "laut Anklageschrift der Staatsanwaltschaft": a document by a named body is that body's word."""
    attached = ph.tokens[ph.attached :]
    if not attached or attached[0].text in (",", "(") or _is(attached[0].low, "coord"):
        return False  # "den Prognosen und den beobachteten Wasserständen": a second source, no author
    caps = [t.text for t in attached if _capitalised(t.text) and not _determiner(t.text)]
    return bool(caps) and all(noun_kind(w) in (None, "-") for w in caps)


def information_noun(text: str, ph: _Phrase, seen: _Seen) -> str | None:
    """ "nach ersten Erkenntnissen", "Angaben zufolge" with nobody holding them: unknown. Only the word itself
    ("Polizeiangaben" is the police's), only without a holder ("nach Angaben der Polizei"), and not one's own
    ("nach eigenen Angaben", "nach seinen Worten")."""
    if ph.head is None:
        return None
    if ph.tokens[ph.head].low in information_nouns() and ph.attached >= len(ph.tokens):
        if any(t.low.startswith("eigen") or t.low in _POSSESSIVE for t in ph.tokens):
            return "named"  # "nach eigenen Angaben": the one the sentence is about
        return "unknown"
    return None


#: A person described by age ("der 47-Jährige", "des 81-jährigen"); the group is the age.
AGE = re.compile(r"^(\d{1,3})-[jJ]ährige[nrs]?$")


def _compound_end(word: str, cls: str) -> bool:
    low = word.lower().strip("\"„“”»«'’")
    return any(low.endswith(w) for w, c in attribution_tables.anonymity_words().items() if cls in c)


def _adjectival(word: str) -> bool:
    """A noun declined as an adjective ("Angeklagte", "Vorsitzende", "81-Jährige"): after "die" with -e one person,
    with -en several. Read off ``speaker_nouns.tsv``, which lists both "-e" and "-er" of such nouns."""
    from .attribution_cues import speaker_nouns

    low = word.lower()
    if AGE.match(low):
        return True
    _ends, whole = speaker_nouns()
    return any(low.endswith(w[:-1]) for w in whole if w.endswith("er") and w[:-1] in whole and len(w) > 5)


def unnamed_person(text: str, ph: _Phrase, seen: _Seen) -> str | None:
    """ "ein Student", "einer der 13 beteiligten Feuerwehrmänner", "die Anwälte", "Drei Viertel der Befragten",
    "Augenzeugen", "der 81-jährige" (no one named before), "ein parlamentarischer Untersuchungsausschuss", "jeder
    Fünfte": a person
    or group named by a noun only, with no name → unknown (or the kind of ``anonymous_sources.tsv``); an unnamed
    public body introduced with "ein" → official; an office of a named group ("der Chef der Gruppe Fursan al-Hak")
    → official (:func:`speakers.anonymous_source` keeps it named when someone was introduced with that office). A definite singular ("der Minister", "die Psychotherapeutin")
    points back at someone the article named, so it is anonymous only when no person was named before it
    (``seen.named_before``) and its noun is no office (``roles.tsv``: "der Minister" stays as written)."""
    from .entities import role_noun
    from .speakers import noun_class

    toks = ph.tokens
    head = ph.head
    if head is None:  # "der 81-jährige"
        last = toks[-1].text if toks else ""
        if not AGE.match(last) or ph.attached < len(toks):
            return None
        head = len(toks) - 1
    word = toks[head].text
    if _is(word, "quantity") and ph.attached < len(toks) - 1 and _is(toks[ph.attached].low, "attach"):
        nxt = next(
            (j for j in range(ph.attached + 1, len(toks)) if _capitalised(toks[j].text) and not _determiner(toks[j].text)), None
        )
        if nxt is None:
            return None
        head, word = nxt, toks[nxt].text  # "Drei Viertel der Befragten": the respondents speak
    dets = [t.low for t in toks[ph.lead : ph.body]]
    if dets and _is(dets[0], "distributive") and ph.attached >= len(toks):
        kind = noun_kind(word)
        return kind if kind not in (None, "-") else "unknown"  # "Fast jeder Fünfte gab an": whoever of those asked
    cls = "person" if AGE.match(word) else noun_class(word)
    kind = noun_kind(word)
    indefinite = bool(dets) and _is(dets[0], "indefinite")
    if cls == "body":
        if not indefinite or ph.attached < len(toks):
            return None  # "das Ministerium", "ein Sprecher des Ministeriums" (decided by its head)
        return "official" if _compound_end(word, "public_body") else "unknown"
    if cls not in ("person", "group") and kind in (None, "-"):
        return None  # "Befragten" is no speaker noun, but a row of anonymous_sources.tsv
    kind = kind if kind not in (None, "-") else "unknown"
    if indefinite:
        return kind
    if not dets:  # a bare plural: "Augenzeugen", "Anwohner berichteten"; not "Arzt", a headline's title
        return kind if cls == "group" or word.lower().endswith(("en", "leute")) else None
    if not _is(dets[0], "definite"):
        return None
    feminine_one = word.lower().endswith("in") or _compound_end(word, "feminine")
    plural = (_is(dets[0], "plural_article") and not feminine_one and not (_adjectival(word) and word.endswith("e"))) or (
        dets[0] == "der" and word.lower().endswith("en") and _adjectival(word)
    )
    if plural:
        return kind  # "die Anwälte", "die Befragten"
    if (
        role_noun(word) is not None
        and ph.attached < len(toks) - 1
        and _is(toks[ph.attached].low, "genitive")
        and _named_author(ph)
    ):
        return kind if kind != "unknown" else "official"  # "der Chef der Gruppe Fursan al-Hak": an office, no name
    if _introduced_unnamed(word, seen):
        return kind  # "Eine Lehramtsstudentin protestierte … schrieb die Studentin": the one introduced unnamed
    if seen.named_before or role_noun(word) is not None:
        return None  # "der Minister", "die Psychotherapeutin": someone named before, or an office
    return kind  # "der Student", "der 81-jährige": nobody was named before


_POSSESSIVE = words_of("possessive")


#: The rules in order; the first that returns a verdict decides.
RULES: tuple[Rule, ...] = (
    pronoun,
    anaphor,
    person_of_outlet,
    named_outlet,
    named_person,
    named_group,
    source_noun,
    information_noun,
    unnamed_person,
)


def decide(
    text: str,
    persons: Sequence[tuple[int, int]] = (),
    named_before: bool = True,
    article: str = "",
    start: int = 0,
    article_persons: Sequence[tuple[int, int]] = (),
) -> Anonymity | None:
    """Whether the source written ``text`` is anonymous: its kind and what is known, or None when it is named
    (or no source noun at all). ``persons``: spans of named persons in ``text`` (offsets into it), when an
    entities stage found them ("der Diplomat" as a mention of Wolfgang Ischinger is named). ``named_before``:
    the article named a person before the phrase, whom a definite description may point back at. ``article``,
    ``start``, ``article_persons``: the article's text, where the phrase starts in it and the spans of its named
    persons, for the rules that look back ("die Studentin" after "eine Lehramtsstudentin") or around ("die
    Rebellen" and "Huthi-Rebellen")."""
    text = text.strip()
    if not text:
        return None
    ph = _phrase(text)
    seen = _Seen(persons, named_before, article, start, article_persons)
    for rule in RULES:
        verdict = rule(text, ph, seen)
        if verdict == "named":
            return None
        if verdict is not None:
            return Anonymity(verdict, _known(text, ph), rule.__name__)
    return None


def describe(text: str) -> Anonymity:
    """Kind and ``known`` of a source already marked anonymous (``unknown`` when no rule says more)."""
    found = decide(text)
    if found is not None:
        return found
    ph = _phrase(text.strip())
    return Anonymity("unknown", _known(text.strip(), ph), "marked")


# --- the hooks ------------------------------------------------------------------------------------


class ArticlePersons(tuple[tuple[int, int], ...]):
    """The spans of a record's person (PER) mentions, in entity and mention order, with what :func:`of_speaker`
    asks of them for every phrase made once per record: their starts and ends as sets, and sorted by start."""

    starts: frozenset[int]
    ends: frozenset[int]
    first_end: int | None
    longest: int
    _by_start: list[tuple[int, int]]
    _sorted_starts: list[int]

    def __new__(cls, record: Record) -> ArticlePersons:
        self = super().__new__(cls, [(m.start, m.end) for e in record.entities if e.type == "PER" for m in e.mentions])
        self.starts = frozenset(s for s, _ in self)
        self.ends = frozenset(e for _, e in self)
        self.first_end = min(self.ends, default=None)
        self.longest = max(0, max((e - s for s, e in self), default=0))
        self._by_start = sorted((s, n) for n, (s, _) in enumerate(self))
        self._sorted_starts = [s for s, _ in self._by_start]
        return self

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans overlapping ``[start, end)``, in their order."""
        lo = bisect.bisect_left(self._sorted_starts, start - self.longest)
        hi = bisect.bisect_left(self._sorted_starts, end)
        found = sorted(n for _, n in self._by_start[lo:hi])
        return [self[n] for n in found if self[n][0] < end and self[n][1] > start]


def of_speaker(record: Record, start: int, end: int, text: str, persons: ArticlePersons | None = None) -> Anonymity | None:
    """:func:`decide` for a speaker found at ``start``–``end``, with the persons the entities stage found there;
    a person named right before or after the phrase, in apposition, names it too. ``persons``: the record's
    :class:`ArticlePersons`, when the caller keeps them for every speaker of the record."""
    if persons is None:
        persons = ArticlePersons(record)
    comma = _apposition_comma(record.text, end)
    if comma is not None and comma + 2 in persons.starts:
        return None  # "Der deutsche Regierungssprecher, Steffen Seibert, sagte": named in an apposition
    if record.text[max(0, start - 2) : start] == ", " and start - 2 in persons.ends:
        return None  # "Martin Behrsing, Sprecher des Erwerbslosen-Forums, kommentierte": the apposition of a name
    return decide(
        text,
        [(max(s, start) - start, min(e, end) - start) for s, e in persons.overlapping(start, end)],
        named_before=persons.first_end is not None and persons.first_end <= start,
        article=record.text,
        start=start,
        article_persons=persons,
    )


_BREAKS = frozenset({",", ".", ":", ";", "!", "?", "–", "—"})


def _apposition_comma(text: str, end: int, limit: int = 120) -> int | None:
    """Where the ", " of an apposition after a source phrase ending at ``end`` stands: right after it, or after
    the rest of its noun phrase that the speaker rules left out — attached nouns, articles, "und" and a
    bracketed short name ("der Sprecher der Kommission für Menschenrechte und Nationale Versöhnung (CCDHRN),
    Elizardo Sanchez"). A lower-case word of any other kind (a verb: "sagte, Peter Lang sei …") ends the search."""
    i, stop = end, min(len(text), end + limit)
    while i < stop:
        if text.startswith(", ", i):
            return i
        if text[i] == " ":
            i += 1
            continue
        if text[i] == "(":
            close = text.find(")", i, stop)
            if close < 0:
                return None
            i = close + 1
            continue
        j = i
        while j < stop and text[j] not in " ,()":
            j += 1
        word = text[i:j]
        if not (_capitalised(word) or _is(word, "attach") or _is(word, "coord") or _determiner(word)):
            return None
        i = j
    return None


def _cue_source(record: Record, st: Statement, actors: _Actors | None = None) -> Source | None:
    """The anonymous source of a statement resting on "hieß es" / "verlautete" / "wie zu hören war" (at its cue
    when it has one, anywhere in its sentences when it has none): an unnamed source in a "von"/"aus" phrase of
    the same clause ("Wie aus Unternehmenskreisen verlautete" → insider), else the phrase itself, as written."""
    if not st.sentences:
        return None
    lo = record.sentences[min(st.sentences)].start
    hi = record.sentences[max(st.sentences)].end
    toks = _tokens(record.text[lo:hi])
    low = [t.low for t in toks]
    for phrase, kind in cue_phrases():
        n = len(phrase)
        for i in range(len(low) - n + 1):
            if tuple(low[i : i + n]) != phrase:
                continue
            start, end = lo + toks[i].start, lo + toks[i + n - 1].end
            if st.cue is None or (start < st.cue.end and end > st.cue.start):
                return _clause_source(record, lo, toks, i, i + n, actors) or Source(
                    name=record.text[start:end], anonymous=True, anonymous_kind=kind, known=None
                )
    return None


def _clause_source(record: Record, lo: int, toks: list[_Token], a: int, b: int, actors: _Actors | None = None) -> Source | None:
    """The source in a "von"/"aus" phrase of the clause of "hieß es": an unnamed one ("Wie aus Unternehmenskreisen
    verlautete" → insider), or a named body or person, which speaks in its own name ("Es hat Kontrollen gegeben,
    hieß es dazu von der Münchner Feuerwehr" → the fire brigade, not anonymous): an entity's mention in the phrase,
    or a public body's noun ("von der Polizei")."""
    text = record.text
    left = a
    while left > 0 and toks[left - 1].text not in _BREAKS:
        left -= 1
    right = b
    while right < len(toks) and toks[right].text not in _BREAKS:
        right += 1
    for j in [*range(left, a), *range(b, right)]:
        if _is(toks[j].low, "origin"):
            last = (a if j < a else right) - 1
            if last <= j:
                continue
            p_start, p_end = lo + toks[j].start, lo + toks[last].end
            phrase = text[p_start:p_end]
            found = decide(phrase)
            if found is not None:
                return Source(name=phrase, anonymous=True, anonymous_kind=found.kind, known=found.known)
            named = _named_in(record, p_start, p_end, phrase, actors)
            if named is not None:
                return named
    return None


def _named_in(record: Record, start: int, end: int, phrase: str, actors: _Actors | None = None) -> Source | None:
    """A named source in the phrase ``start``–``end`` ("von der Münchner Feuerwehr"): the entity (ORG, PER) one of
    whose mentions lies in it, else a public body's noun at its head ("von der Polizei"), as a source that is not
    anonymous; None when the phrase names nobody ("von Anfang an"). ``actors``: the record's :class:`_Actors`, when
    the caller keeps them for every statement."""
    eid = (actors or _Actors(record)).first_within(start, end)
    if eid is not None:
        return Source(name=phrase, entity=eid, anonymous=False)
    ph = _phrase(phrase)
    if ph.head is not None and _compound_end(ph.tokens[ph.head].text, "public_body"):
        return Source(name=phrase, anonymous=False)
    return None


class _Actors:
    """The mentions of a record's persons and organisations sorted by start, made once per record (when first asked)
    for :func:`_named_in`."""

    def __init__(self, record: Record):
        self.record = record

    @cached_property
    def _sorted(self) -> tuple[list[int], list[tuple[int, int, int, str]]] | None:
        """The starts and (start, entity number, end, entity id) of the mentions; None when a mention ends before it
        starts (then :meth:`first_within` asks every one)."""
        items = sorted(
            (m.start, n, m.end, e.id) for n, e in enumerate(self.record.entities) if e.type in ("ORG", "PER") for m in e.mentions
        )
        if any(x[2] < x[0] for x in items):
            return None
        return [x[0] for x in items], items

    def first_within(self, start: int, end: int) -> str | None:
        """The id of the first entity (ORG, PER) in the record's order with a mention within ``[start, end]``."""
        if self._sorted is None:
            return next(
                (
                    e.id
                    for e in self.record.entities
                    if e.type in ("ORG", "PER") and any(start <= m.start and m.end <= end for m in e.mentions)
                ),
                None,
            )
        starts, items = self._sorted
        found = [x for x in items[bisect.bisect_left(starts, start) : bisect.bisect_right(starts, end)] if x[2] <= end]
        return min(found, key=lambda x: x[1])[3] if found else None


def _fill(holder, text: str) -> None:
    a = describe(text)
    holder.anonymous, holder.anonymous_kind, holder.known = True, a.kind, a.known


def annotate(record: Record, statements: list[Statement]) -> list[Statement]:
    """Give every speaker and source that :func:`speakers.link` marked anonymous its kind and ``known``
    (from its text, so the same text has the same kind everywhere); a pronoun speaking for an anonymous
    source is that source ("Ein Diplomat sagte … Er fügte hinzu"); a statement with no speaker that rests
    on "hieß es", "verlautete" or "wie zu hören war" gets an anonymous source of its own."""
    actors = _Actors(record)
    for st in statements:
        sp = st.speaker
        for src in st.sources:
            if src.anonymous:
                _fill(src, src.name)
        if sp is not None and sp.anonymous:
            _fill(sp, sp.text)
        elif (
            sp is not None
            and sp.entity is None
            and st.sources
            and st.sources[-1].name != sp.text
            and speaker_words().get(sp.text.lower(), "").startswith("pron")
        ):
            last = st.sources[-1]  # the pronoun's antecedent, as the source chain names it
            if not last.anonymous and last.entity is None and decide(last.name) is not None:
                _fill(last, last.name)
            if last.anonymous:
                sp.anonymous, sp.anonymous_kind, sp.known = True, last.anonymous_kind, last.known
        if sp is None and st.kind != "asserted" and not (st.sources and st.sources[-1].anonymous):
            source = _cue_source(record, st, actors)
            if source is not None and not any(x.name == source.name for x in st.sources):
                st.sources.append(source)
                st.trace.append(
                    TraceStep(
                        rule="anonymous_cue_phrase" if source.anonymous else "named_source_of_cue_phrase",
                        decided="sources",
                        value=" → ".join(s.name for s in st.sources),
                    )
                )
        publisher = getattr(record.meta, "outlet", None)
        if sp is None and all(x.name == publisher and not x.anonymous for x in st.sources):
            soll = _hearsay_soll(record, st)  # no source but the publisher ("ntv.de ← soll")
            if soll is not None:
                st.sources.append(soll)
                st.trace.append(TraceStep(rule="hearsay_soll_without_source", decided="sources", value=soll.name))
    return statements


#: A perfect infinitive closing a clause of "soll": "erschossen haben", "gekommen sein", "ausgebildet worden sein".
#: The first "haben"/"sein" after "soll" decides ("Der Bau soll fertig sein und wird … gekostet haben": no).
_PERFECT_INFINITIVE = re.compile(
    rf"(?:\b[a-zäöüß]+(?:t|en)\s+haben|\b(?:{alternation(words_of('aux_participle'))})\s+sein"
    r"|\b[a-zäöüß]*ge[a-zäöüß]+en\s+sein)$"
)
_INFINITIVE_END = re.compile(rf"\b(?:{alternation(attribution_words('perfect_infinitive_aux'))})\b")


def _hearsay_soll(record: Record, st: Statement) -> Source | None:
    """ "Auf seiner Flucht soll er einen Taxifahrer erschossen haben." with no speaker and no source but the publisher: hearsay
    ("soll", read as reportive by :func:`attribution.reportive_soll`) that names nobody rests on an anonymous source,
    the word "soll" as written, kind unknown — as "hieß es" does. Only with a perfect infinitive after it ("erschossen
    haben", "ausgebildet worden sein"), which a plan cannot have ("Die Halle soll 2026 entstehen" stays as it is)."""
    step = next((t for t in st.trace if t.decided == "kind" and t.rule == "reportive_soll"), None)
    if st.kind != "reported" or step is None or step.start is None or step.end is None:
        return None
    hi = record.sentences[max(st.sentences)].end if st.sentences else st.end
    clause = re.split(r"[,;:]\s|\s[–—]\s", record.text[step.end : max(hi, step.end)])[0]
    first = _INFINITIVE_END.search(clause)
    if first is None or not _PERFECT_INFINITIVE.search(clause[: first.end()]):
        return None
    return Source(name=record.text[step.start : step.end], anonymous=True, anonymous_kind="unknown", known=None)
