"""The tense of the clause around a time expression: PAST, FUTURE or None (present).

"am Mittwoch traf er" is the past Wednesday, "am Mittwoch will er" the coming
one. The clause is the stretch of the sentence between clause punctuation
(comma, semicolon, colon, dash, quotes) around the expression; its words are
read by these rules, the first that applies to a word wins:

1. the word is listed in ``lang/de/time/tense.tsv``: PAST or FUTURE ("wurde",
   "hatte", "wird", "will", "geplant"), a perfect auxiliary (HAVE "hat", BE
   "ist"), a participle that after "sein" is a state (STATE "geschlossen"), or
   a word the rules below would misread (NONE "gelangen");
2. a weak verb's past form, by its paradigm ("kündigte" from "kündigen", see
   :func:`weak_preterite`);
3. a strong or irregular verb's past form, with or without a prefix ("nahm",
   "fanden", "bekam", "festnahm"; :func:`strong_preterite`, from
   ``strong_verbs.tsv`` and ``verb_prefixes.tsv``);
4. a noun naming a deadline ("Frist", "Ultimatum", ``deadline_words.txt``): FUTURE
   ("Die Frist endet am Freitag");
5. a past participle ("festgenommen", "verstorben", "angezündet",
   "explodiert"; :func:`participle`): with a perfect auxiliary in the clause it
   makes the clause PAST ("hat … festgenommen", "ist … entgleist"), on its own
   nothing ("wird … entschieden"); after "sein" a STATE participle does not
   ("Am Samstag ist der Laden geschlossen").

A past marker wins over a future one: "sollen sich … getroffen haben", "war …
geplant" are past. No marker: present, which in news means the nearest such
day (decided by the caller).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang.de.time_tables import deadline_words, strong_verbs, tense_markers, verb_prefixes
from .konjunktiv import infinitives, mood

# a comma or colon between digits is a decimal or a score, no clause break: "zu 3,5 Jahren Haft verurteilt", "2:1"
_CLAUSE_BREAK = re.compile(r"(?<!\d)[,:]|[,:](?!\d)|[;–—\"„“”«»()]")
_WORD = re.compile(r"\w+")
# a break no perfect reaches across: "Es ist halt eine Schwerstpartie: … es wurden ihr Höhen hineinkomponiert"
_STRONG_BREAK = re.compile(r"(?<!\d):(?!\d)|[;–—]")


def deadline(word: str) -> bool:
    """A noun naming a deadline, or a compound ending in one: "Frist", "Abgabefrist", "Ultimatum"."""
    return word[:1].isupper() and word.lower().endswith(deadline_words())


@lru_cache(maxsize=1)
def _prefixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(separable, inseparable) verb prefixes."""
    kinds = verb_prefixes()
    return kinds.get("separable", ()), kinds.get("inseparable", ())


@lru_cache(maxsize=1)
def _strong_verbs() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(past forms, participles as listed, participles without "ge") of ``strong_verbs.tsv``; past
    forms in the singular ("nahm", "brachte") and the plural ("nahmen", "brachten"); "begonnen" is
    listed without "ge" (its verb has an inseparable prefix), "genommen" gives "nommen"."""
    past: set[str] = set()
    listed: set[str] = set()
    bare: set[str] = set()
    for verb in strong_verbs():
        pret, part = verb.preterite, verb.participle
        past |= {pret, pret + ("n" if pret.endswith("e") else "en")}
        listed.add(part)
        bare.add(part[2:] if part.startswith("ge") else part)
    return frozenset(past), frozenset(listed), frozenset(bare)


def _splits(word: str):
    """(prefixes, whether they end with an inseparable one, rest) for every way ``word`` starts with
    at most one separable and one inseparable prefix: "festgenommen" → ("", False, "festgenommen"),
    ("fest", False, "genommen"), ("festge", True, "nommen")."""
    separable, inseparable = _prefixes()
    yield "", False, word
    for s in separable:
        if word.startswith(s):
            yield s, False, word[len(s) :]
            for i in inseparable:
                if word.startswith(i, len(s)):
                    yield s + i, True, word[len(s) + len(i) :]
    for i in inseparable:
        if word.startswith(i):
            yield i, True, word[len(i) :]


def _strong_participle(word: str) -> bool:
    """ "genommen", "festgenommen", "verstorben", "begonnen" (a strong verb's participle, any prefix)."""
    _, listed, bare = _strong_verbs()
    return any(rest in (bare if inseparable else listed) for _, inseparable, rest in _splits(word))


@lru_cache(maxsize=65536)
def strong_preterite(word: str) -> bool:
    """A lower-case past form of a strong or irregular verb: "nahm", "fanden", "bekam", "verlief",
    "festnahm" (a separable verb in a subordinate clause). A form that is also a participle or its
    inflected form ("entschieden", "vertrieben", "bekannte") is not: "am Mittwoch wird entschieden"
    is not past; nor is a known infinitive."""
    if not word.islower() or word in infinitives():
        return False
    past = _strong_verbs()[0]
    if not any(rest in past for _, _, rest in _splits(word)):
        return False
    return not any(
        w and _strong_participle(w)
        for w in (word, word[:-1] if word.endswith("e") else "", word[:-2] if word.endswith("en") else "")
    )


@lru_cache(maxsize=65536)
def _preterite_before_sich(word: str) -> bool:
    """A strong preterite that :func:`strong_preterite` leaves out because it is also an inflected participle or
    adjective ("bekannte", "entschieden"), right before "sich": a finite verb, so past ("Die Gruppe bekannte sich
    zu dem Anschlag", "Die Wähler entschieden sich für den Amtsinhaber"); "hat sich entschieden" puts "sich" first."""
    if not word.islower() or word in infinitives() or tense_markers().get(word) is not None:
        return False
    past = _strong_verbs()[0]
    return any(rest in past for _, _, rest in _splits(word))


@lru_cache(maxsize=65536)
def weak_preterite(word: str) -> bool:
    """A lower-case past form of a weak verb, by the paradigm: "kündigte" (kündigen), "informierten"
    (informieren), "arbeitete" (arbeiten); the stem + "en" must be a known infinitive (``verbs.txt``). A verb
    whose infinitive ends in "-ern" or "-eln" keeps its stem whole: "scheiterte" (scheitern), "forderten"
    (fordern), "verhandelten" (verhandeln)."""
    if not word.islower():
        return False
    for ending in ("ten", "te"):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            if len(stem) >= 3 and (stem + "en" in infinitives() or (stem.endswith("e") and stem[:-1] + "en" in infinitives())):
                return True
            if len(stem) >= 4 and stem.endswith(("er", "el")) and stem + "n" in infinitives():
                return True
    return False


@lru_cache(maxsize=65536)
def participle(word: str) -> bool:
    """A lower-case past participle: a strong verb's ("festgenommen", "verstorben", "begonnen"), or a
    weak verb's by its paradigm: (prefix) + ge + stem + (e)t ("angezündet", "gesagt"), inseparable
    prefix + stem + (e)t ("verunglückt", "entgleist", "verhandelt"), stem + iert ("explodiert")."""
    if not word.islower() or len(word) < 5:
        return False
    if _strong_participle(word):
        return True
    if not word.endswith("t"):
        return False
    verbs = infinitives()
    separable, inseparable = _prefixes()
    if word.endswith("iert") and word[:-1] + "en" in verbs:
        return True
    also = verb_prefixes().get("also_inseparable", ())  # "durchsucht", "umfahren"
    for head in ("", *separable):
        if not word.startswith(head):
            continue
        rest = word[len(head) :]
        if rest.startswith("ge") and len(rest) >= 5:
            stem = rest[2:-2] if rest.endswith("et") else rest[2:-1]
            for s in {stem, rest[2:-1]}:
                if s + "en" in verbs or s + "n" in verbs or (head and head + s + "en" in verbs):
                    return True
        for i in (*inseparable, *also):
            if (
                rest.startswith(i)
                and len(rest) - len(i) >= 3
                and (
                    rest[:-1] + "en" in verbs
                    or (rest.endswith("et") and rest[:-2] + "en" in verbs)
                    or (rest.endswith(("ert", "elt")) and rest[:-1] + "n" in verbs)
                )
            ):
                return True  # "verunglückt", "verhaftet", "verändert" (verändern), "verhandelt" (verhandeln)
        if rest.endswith("iert") and head and rest[:-1] + "en" in verbs:
            return True
    return False


def clause_tense(text: str, start: int, end: int, lo: int = 0, hi: int | None = None, present: bool = False) -> str | None:
    """Tense of the clause around text[start:end], looking no further than text[lo:hi] (the sentence);
    with ``present``, "PRESENT" for a clause whose finite verb is in the present (see :func:`words_tense`)."""
    hi = len(text) if hi is None else hi
    left = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, start):
        left = m.end()
    right_match = _CLAUSE_BREAK.search(text, end, hi)
    right = right_match.start() if right_match else hi
    words = _WORD.findall(text, left, right)
    tense = words_tense(words, present)
    if tense is None and left > lo and text[left - 1] == ",":
        shared = _elliptic(text, lo, left, words, present)
        if shared is not None:
            return shared
    if tense == "PRESENT" and not (_has_present_form(words) or any(tense_markers().get(w) == "PRESENT" for w in words)):
        # only "hat"/"ist" in the clause: its participle may stand past a bracket or a score ("hat … mit der
        # Sozialistischen Arbeiterpartei (PSOE) … aufgenommen", "ist … mit einem 7:6 (4), 7:6 (3)-Sieg … eingezogen")
        stop = _STRONG_BREAK.search(text, right, hi)
        # a participle that is no present form too ("aufgenommen", "eingezogen"; not "begründet", "verhaftet")
        if any(
            word_mark(w) == "PARTICIPLE" and not present_form(w) for w in _WORD.findall(text, right, stop.start() if stop else hi)
        ):
            return "PAST"
    return tense


def _elliptic(text: str, lo: int, left: int, words: list[str], present: bool) -> str | None:
    """The tense of a clause whose participle shares the auxiliary of the clause before the comma at ``left``
    (an ellipsis): "Drei Menschen wurden getötet, zwölf verletzt", "Er hatte sich erst selbst verletzt, dann
    seine Frau getötet" (PAST). Not an infinitive with "zu" ("um ihn zu empfangen") and not after a Konjunktiv II
    auxiliary ("hätte es …, gegeben": counterfactual, decided elsewhere)."""
    marks = {word_mark(w) for w in words}
    if "PARTICIPLE" not in marks or "INFINITIVE" in marks:
        return None
    before = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, left - 1):
        before = m.end()
    previous = _WORD.findall(text, before, left)
    if any(mood(w) == "KII" for w in previous):
        return None
    shared = words_tense(previous + words, present)
    return shared if shared in ("PAST", "FUTURE") else None


@lru_cache(maxsize=65536)
def word_mark(word: str) -> str | None:
    """What one word marks (the rules in the module docstring): PAST, FUTURE, HAVE, BE, STATE, PARTICIPLE or None."""
    mark = tense_markers().get(word)
    if mark is not None:
        return mark
    if weak_preterite(word) or strong_preterite(word):
        return "PAST"
    if deadline(word):
        return "FUTURE"
    return "PARTICIPLE" if participle(word) else None


def words_tense(words: list[str], present: bool = False) -> str | None:
    """PAST, FUTURE or None for the words of one clause (the rules in the module docstring). With
    ``present``, a clause with neither but a finite verb in the present is "PRESENT" ("Am Sonntag
    treffen sich die Minister", "Die Gewerkschaft streikt am Montag", "Am Samstag ist Derby"); None
    stays for a clause without a recognisable verb ("Auf der Generalversammlung am Freitag")."""
    marks = {word_mark(w) for w in words}
    if "PAST" in marks or any(w == "sich" and i > 0 and _preterite_before_sich(words[i - 1]) for i, w in enumerate(words)):
        return "PAST"
    if ("HAVE" in marks and ("PARTICIPLE" in marks or "STATE" in marks)) or ("BE" in marks and "PARTICIPLE" in marks):
        return "PAST"  # "hat … festgenommen", "hat den Laden geschlossen", "ist … entgleist"
    if "FUTURE" in marks:
        return "FUTURE"
    if present and not any(_inflected_participle(w) for w in words):
        if {"PRESENT", "HAVE", "BE"} & marks or _has_present_form(words):
            return "PRESENT"
    return None


def _has_present_form(words: list[str]) -> bool:
    """A present-tense form among the words, an infinitive after "zu" not counted: "Am 3.11. 2000 Menschen zu
    zählen, war unmöglich" has no verb in the present."""
    return any(present_form(w) and (i == 0 or words[i - 1] != "zu") for i, w in enumerate(words))


def _inflected_participle(word: str) -> bool:
    """A past participle as an attribute, "der am Montag festgenommene Mann", "die verhafteten": its
    time is the participle's, not the present of the clause's verb ("sitzt in Haft")."""
    return any(word.endswith(e) and participle(word[: -len(e)]) for e in ("e", "en", "er", "es", "em"))


@lru_cache(maxsize=65536)
def present_form(word: str) -> bool:
    """A lower-case present-tense form of a verb by its paradigm, the stem from a known infinitive
    (``verbs.txt``): "treffen", "streiken" (plural, the infinitive's form), "streikt", "tagt",
    "entscheidet", "ändert". Irregular forms ("trifft", "tritt", "gibt") are PRESENT rows of
    ``time/tense.tsv``; words the paradigm would misread ("einen") are NONE rows there; a past
    participle with "ge" ("gestreikt") is none."""
    if not word.islower() or len(word) < 4 or tense_markers().get(word) is not None:
        return False
    verbs = infinitives()
    if word in verbs:
        return True
    if not word.endswith("t") or (word.startswith("ge") and participle(word)):
        return False
    return word[:-1] + "en" in verbs or word[:-1] + "n" in verbs or (word.endswith("et") and word[:-2] + "en" in verbs)
