"""Entities: one canonical entity per person, organisation and place of an article.

The statistical NER model (:mod:`quellenlage.analyse.ner`) proposes spans; the
rules here, all reading tables in ``lang/de``, make them consistent and add
what a news reader knows:

1. **found spans** – the model's spans (a role word in front is cut off:
   "Kreml-Unterhändler Kirill Dmitrijew" → "Kirill Dmitrijew"), the
   gazetteer (``places.tsv``, ``places_extra.tsv``, ``organisations.tsv``,
   ``clubs.tsv``, agencies), names after a role noun ("US-Präsident Donald
   Trump", table ``roles.tsv``) and after an organisation noun ("das
   Nachrichtenportal Axios", ``org_nouns.txt``); where they overlap, the
   organisation table beats the model, the model beats rules and places; a
   word of ``not_names.txt`` alone is no entity ("Alu", "Pfosten"); organisations by
   their form or as a source (:func:`_acronym_spans`, :func:`_domain_spans`,
   :func:`_institution_spans`: "für die ÖBB … auf der ÖBB-Website", "berichtet
   golem.de", "laut Krone", "nach Angaben des Innenministeriums", "der Landes-SPD");
2. **hyphenated compounds** – only the name part is a mention:
   "Kreml-Unterhändler" → "Kreml", "Trump-Regierung" → "Trump",
   "NATO-Bestrebungen" → "NATO";
3. **document-level consistency** – a name found once is that entity wherever
   it occurs again, also in the genitive ("Putins", "Witkoffs"), in a compound
   and in another transliteration ("Dmitrijew" where "Dmitriew" was found); a
   one-word model LOC joined to a person by "und" is a person ("zwischen Merz
   und Macron"); an abbreviation in brackets is the name before it ("General
   Motors (GM)"); short forms are read by the article (``short_names.tsv``:
   "die Union" is CDU/CSU, "Dortmund" the club in a sports article);
4. **canonical entities** – mentions of one person are clustered by
   :func:`quellenlage.link.names.same_name` (full name over surname,
   inflection, transliteration); the canonical name is the most frequent full
   spelling, ties broken by how often its surname is written that way, then by
   first occurrence; places and organisations take the table's canonical name
   (one entity per thing: "Deutsche Presse-Agentur" = dpa, "Vereinigte Staaten"
   = USA) or their name in the nominative ("des Kreises Vulkaneifel" → "Kreis
   Vulkaneifel", "der Deutschen Bank" → "Deutsche Bank", ``name_heads.tsv``);
5. **roles** – the role phrase before a name ("der ukrainische
   Sicherheitsberater Rustem Umjerow" → "ukrainischer Sicherheitsberater",
   nominative singular), an apposition after it, and metonymy
   (``metonymy.tsv``: "Kreml" → "russische Präsidentschaft"; "Moskaus
   Einfluss", "die Kiew kontrolliert" → "Regierung Russlands", "Regierung der
   Ukraine");
6. **definite descriptions** – "der russische Gesandte", "der
   Kreml-Unterhändler" become mentions of the one person with that role,
   when exactly one has it.

Entity ids "e1", "e2" … follow the first mention.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import accumulate, pairwise

from ..lang import de
from ..lang.de import entity_tables
from ..link.names import THRESHOLD, same_name, word_key

# same_name's own steps (private there), so that _SurnameIndex files a name as same_name reads it
from ..link.names import _strip_genitive as strip_genitive
from ..link.names import _words as names_words
from ..record import Entity, Mention, Record
from .segment import Word, words
from .stages import stage

#: Bump when the entities this stage produces change.
VERSION = 8  # 2: NER model with word classes; edge words trimmed off model spans; table ORG yields to a longer model ORG; 3: "die" + a masculine role noun is plural, no description of one person; 4: names in the nominative, aliases (outlets, agencies, parties, institutions, clubs, short names by context), junk words, abbreviations in brackets, coordinated persons; 5: GermEval MISC (currencies, titles in quotes), organisation-noun compounds, hyphenated districts, legal forms, place titles; 6: organisations by form and position (acronyms named twice or as a source, domain names and common-word outlets as a source, institution nouns as a source, party branches "Landes-SPD"); 7: model ORG spans that are an acronym of not_org_acronyms.txt dropped, model MISC spans of an amount currency without an amount dropped, female role forms of roles.tsv ("Staatsanwältin"), no role for a person's genitive after a role ("der Anwalt Grabowskis"); 8: an organisation noun before a model name is cut unless an adjective of the name follows ("Zeitung Le Monde" → "Le Monde", "des Musikverbandes IFPI"), a model PER after it is ORG, plural organisation nouns introduce no name, more org_nouns rows (Agentur, Plattform, Ligist …), buildings and landforms (halle, arena, stadion, flughafen, bridge, mountains, lake …) tagged ORG are places and hold the table organisation inside ("Red Bull Arena"), a model ORG headed by an event noun (event_heads.tsv) is no entity ("Landtagswahl in Sachsen") or MISC ("Luftschlacht um England"), a one-word model PER right after an organisation noun is ORG ("der Rennstall Sauber"), a model LOC compound whose head is a model ORG of the article is that ORG ("Petrobras-Affäre" → Petrobras), a model ORG with a type code after its first word is a product, MISC ("LG G4", "Airbus A380"), descriptor-only nouns ("~" rows of org_nouns.txt: "Ligakonkurrent") are cut too, a model LOC or PER with a club form word (org_heads.txt "+" rows: "Kalmar FF", "Brescia Calcio") is ORG, English company words end a name like a legal form ("Kontor Records", "George Washington University"), and the words before a legal form stop at a descriptor noun ("der US-Autohersteller General Motors")

# -- tables ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    """A role noun form: its nominative singular, declension and whether the form is female."""

    nominative: str
    declension: str
    female: bool = False


@lru_cache(maxsize=1)
def role_forms() -> dict[str, Role]:
    """Lower-cased inflected role noun → :class:`Role` ("gesandten" → Gesandter, adj).

    A female form is the noun + "in" ("Präsidentin", "Expertin"), or the one ``roles.tsv`` gives where the stem
    takes an umlaut or the word changes: "Die Rechtsanwältin Sabine Vogt" (Anwalt), "Landeshauptfrau"
    (Landeshauptmann), "Beamtin" (Beamter); its plural ends in "-nen" after "-in", else in "-en" ("Obfrauen")."""
    forms: dict[str, Role] = {}
    for nominative, row in entity_tables.roles().items():
        low, declension = nominative.lower(), row.declension
        if row.female is not None:
            plural = row.female.lower() + ("nen" if row.female.endswith("in") else "en")
            for form in (row.female.lower(), plural):
                forms.setdefault(form, Role(row.female, declension, female=True))
        if declension == "adj":
            stem = nominative[:-2]
            for ending in ("e", "en", "er", "em"):
                forms.setdefault(stem.lower() + ending, Role(nominative, "adj"))
            continue
        plain = (
            [low, low + "en" if not low.endswith("e") else low + "n"]
            if declension == "n"
            else [low, low + "s", low + "es", low + "n"]
        )
        for form in plain:
            forms.setdefault(form, Role(nominative, declension))
        female = (nominative.removesuffix("e")) + "in"
        for form in (female.lower(), female.lower() + "nen"):
            forms.setdefault(form, Role(female, declension, female=True))
    return forms


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[str, str]]:
    """Surface form → (canonical name, type) for places, organisations, agencies and clubs."""
    table: dict[str, tuple[str, str]] = {}
    for name in entity_tables.places():
        table[name] = (name, "LOC")
    for surface, place in entity_tables.places_extra().items():
        table[surface] = (place.canonical, "LOC")
    for canonical in set(de.agencies().values()):
        table[canonical] = (canonical, "ORG")
    for surface, canonical in entity_tables.organisations().items():
        table[surface] = (canonical, "ORG")
    for surface, canonical in entity_tables.clubs().items():
        table[surface] = (canonical, "ORG")
    return table


@lru_cache(maxsize=1)
def place_kinds() -> dict[str, str]:
    """Canonical place name → kind (country, city, state, region, sea …) from the place tables."""
    kinds = dict(entity_tables.places())
    kinds.update({place.canonical: place.kind for place in entity_tables.places_extra().values() if place.kind != "alias"})
    return kinds


# place kinds that are never an organisation ("der Elfenbeinküste", "des Nahen Ostens" tagged ORG);
# a city or a state may stand for its club or firm ("gegen Bremen", "Bayern gewann", "Toyota")
_AREAS = frozenset(["country", "region", "sea", "lake", "river"])


@lru_cache(maxsize=1)
def alias_only() -> frozenset[str]:
    """Short forms that name a place only standing alone ("US"), never as a compound's head ("US-Präsident")."""
    return frozenset(surface for surface, place in entity_tables.places_extra().items() if place.kind == "alias")


@lru_cache(maxsize=1)
def clubs() -> frozenset[str]:
    """Canonical names of the clubs in ``clubs.tsv``: one named makes an article a sports article."""
    return frozenset(entity_tables.clubs().values())


@lru_cache(maxsize=1)
def source_outlets() -> dict[str, str]:
    """Outlets an entity only where they stand as a source: ``outlets.tsv`` and the common-word short names of
    ``outlets_common.tsv`` ("Krone" → Kronen Zeitung)."""
    table = dict(entity_tables.outlets())
    table.update(entity_tables.outlets_common())
    return table


@lru_cache(maxsize=1)
def name_heads() -> tuple[tuple[str, str], ...]:
    """(ending, gender) of name heads, longest ending first ("gerichtshof" m before "hof" m)."""
    return tuple(sorted(entity_tables.name_heads().items(), key=lambda eg: -len(eg[0])))


@lru_cache(maxsize=1)
def _gazetteer_lengths() -> dict[str, int]:
    """First word of a gazetteer name → the most words a name starting with it has."""
    longest: dict[str, int] = {}
    for surface in gazetteer():
        words = surface.replace("(", " ( ").split()
        longest[words[0]] = max(longest.get(words[0], 1), len(words) + surface.count("(") + surface.count(")"))
    return longest


@lru_cache(maxsize=65536)
def institution_prefix(word: str) -> str | None:
    """The prefix of a capitalised compound ending in an institution head, 3+ letters ("Innenministerium" → "innen",
    "Luftfahrtbehörden" → "luftfahrt", "Staatsanwaltschaft" → "staats"); "" for an institution also named alone
    ("Polizei"); None for the head alone ("Ministerium"), a hyphenated compound ("Trump-Regierung": the name part is
    the mention) and other words."""
    if not word[:1].isupper():
        return None
    low = word.lower()
    if low in entity_tables.org_heads().bare_institutions:
        return ""  # "Polizei" (a word of not_names.txt: never a name alone, but with its article an institution)
    if word in entity_tables.not_names() or "-" in word:
        return None  # "der Trump-Regierung", "das US-Justizministerium": the name part is the mention
    stems = [low] + [low[: -len(e)] for e in ("s", "es") if low.endswith(e)]  # not a plural: "die Behörden"
    for stem in stems:
        for head in entity_tables.org_heads().institution_heads:
            prefix = stem[: -len(head)]
            if stem.endswith(head) and len(prefix) >= 3 and prefix.isalpha():
                return prefix
    return None


def institution_noun(word: str) -> bool:
    """ "Innenministerium", "Justizministeriums", "Staatsanwaltschaft": see :func:`institution_prefix`."""
    return institution_prefix(word) is not None


def _institution_key(word: str) -> str:
    """ "Justizministeriums", "Justizministeriumes" → "justizministerium": one key for a word's case forms."""
    low = word.lower()
    for head in entity_tables.org_heads().institution_heads:
        for ending in ("", "s", "es", "n", "en"):
            if low.endswith(head + ending) and (ending or low.endswith(head)):
                return low[: len(low) - len(ending)] if ending else low
    return low


@dataclass(frozen=True)
class SourceCues:
    """Words that show a phrase standing as a source (``report_cues.tsv``, ``institution_cues.tsv``)."""

    before: frozenset[str]  # right before the phrase: "laut", "gemäß"
    before_article: frozenset[str]  # right before the phrase's article: "wie", "so"
    after: frozenset[str]  # right after it: "zufolge"
    nouns: frozenset[str]  # nouns it follows in the genitive: "Angaben", "Erhebung"


@lru_cache(maxsize=1)
def source_cues() -> SourceCues:
    before: set[str] = set()
    after: set[str] = set()
    nouns: set[str] = set()
    before_article: set[str] = set()
    for phrase, where in entity_tables.report_cues().items():
        if " " not in phrase:
            {"after": before, "before": after, "noun": nouns}.get(where, set()).add(phrase)
    for word, where in entity_tables.institution_cues().items():
        (before_article if where == "before" else nouns).add(word)
    return SourceCues(frozenset(before), frozenset(before_article), frozenset(after), frozenset(nouns))


@lru_cache(maxsize=65536)
def org_head(word: str) -> bool:
    """Whether ``word`` ends in an organisation head with a name-like prefix of 3+ letters ("Linkspartei",
    "Bundesärztekammer") or is a head after a hyphen ("SPD-Partei"); "Partei" alone is a common noun."""
    low = word.lower()
    heads = entity_tables.org_heads().compound_heads
    for i in range(3, len(low) - 2):
        if low[i:] in heads:
            return True
    return False


DETERMINERS = de.function_words("definite_article") | de.function_words("indefinite_article")
DEFINITE = de.function_words("definite_article")
# possessives, demonstratives and quantifiers before a noun ("seine", "diese", "alle"): no part of a name
_PRONOUNS = entity_tables.entity_words("determiner_pronoun")
FEMININE_DETERMINERS = entity_tables.entity_words("feminine_determiner")
# a place after one of these is where something happens, not who acts
PLACE_PREPOSITIONS = entity_tables.entity_words("place_preposition")
# "die" before a masculine role noun: plural ("die Gesandten"), no description of one person
_PLURAL_ARTICLES = entity_tables.entity_words("plural_article")
# the article of a genitive complement: "Sprecher des Kremls", "nach Angaben der Polizei"
_GENITIVE_DEFINITE = entity_tables.entity_words("genitive_definite")
# articles that make a phrase right after a verb of saying its object ("sagte er dem Sender"); before an
# outlet also "der" ("sagte er der Welt")
_OBJECT_ARTICLES = entity_tables.entity_words("object_article")
_OUTLET_OBJECT_ARTICLES = entity_tables.entity_words("outlet_object_article")
_ADJECTIVE = re.compile(r"^([a-zäöüß][\w-]*?)(e|en|er|es|em)$")
_NAME_WORD = re.compile(r"^[A-ZÄÖÜ][\w'’.-]*\w$|^[A-ZÄÖÜ]$")
_NOT_A_NAME = re.compile(r"-[a-zäöü][\w]*$|^[a-zäöü]|(?:ungen|heiten|keiten|schaften|tionen)$")
# two capitals or a capital and a digit: "DGB", "CeBIT", "A44" are names, never common nouns
_ACRONYM = re.compile(r"^[A-ZÄÖÜ][\w-]*[A-ZÄÖÜ\d]")
_EDGE_PUNCT = "\"'„“”»«‚‘’()[],;:-–— "

# -- tokens and found spans ------------------------------------------------------------------


@dataclass
class CandidateMention:
    """A mention before clustering: where, what type, and the name it stands for."""

    start: int
    end: int
    type: str
    name: str
    rank: int  # who found it: higher wins overlaps
    roles: list[str] = field(default_factory=list)
    description: bool = False  # "der russische Gesandte": a mention, never the entity's name
    by_name: bool = False  # found by the first-name rule


RANK_TITLE, RANK_TABLE_ORG, RANK_MODEL, RANK_RULE, RANK_PLACE, RANK_SPREAD = 6, 5, 4, 3, 2, 1
RANK_NAME = RANK_MODEL  # first name + surname: as sure as the model, the longer span wins


def _genitive_base(word: str) -> str | None:
    """ "Putins" → "Putin", "Moskaus" → "Moskau", "Klaus'" → "Klaus"; None when no genitive ending."""
    if word.endswith(("'", "’")) and len(word) > 2:
        return word[:-1]
    if word.endswith("s") and len(word) > 3 and not word.endswith("ss"):
        return word[:-1]
    return None


def _not_a_name(text: str) -> bool:
    """A single word that is never a name by itself (``not_names.txt``): "Alu", "Pfosten", "Stahls"."""
    if " " in text:
        return False
    table = entity_tables.not_names()
    return text in table or _genitive_base(text) in table


def _name_of(text: str) -> str:
    """The name a span stands for: white space normalised ("Kirill\nDmitriew" → "Kirill Dmitriew")."""
    return " ".join(text.split())


def _lookup(surface: str) -> tuple[str, str] | None:
    table = gazetteer()
    hit = table.get(surface)
    if hit is None:
        base = _genitive_base(surface)
        if base is not None:
            hit = table.get(base)
    return hit


# -- roles -----------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def role_noun(word: str) -> tuple[str, Role] | None:
    """(prefix, role) when ``word`` is a role noun or ends in one: "US-Sondergesandte" → ("US-Sonder", Gesandter)."""
    if not word[:1].isupper():
        return None
    low = word.lower()
    forms = role_forms()
    for i in range(len(low) - 3):
        role = forms.get(low[i:])
        if role is not None:
            prefix = word[:i]
            if not prefix or prefix.replace("-", "").isalpha():
                return prefix, role
            return None
    return None


def _role_noun_text(prefix: str, role: Role, feminine: bool) -> str:
    noun = role.nominative
    if role.declension == "adj" and feminine and not role.female:
        noun = noun[:-1]  # die Gesandte
    if prefix and not prefix.endswith("-"):
        noun = noun[:1].lower() + noun[1:]
    return prefix + noun


def _adjective(word: str) -> str | None:
    """The stem of a role adjective ("russischen" → "russisch", "ehemalige" → "ehemalig"), else None."""
    m = _ADJECTIVE.match(word)
    if not m:
        return None
    stem = m.group(1)
    if (stem.endswith("isch") and len(stem.rsplit("-", 1)[-1]) > 6) or stem in entity_tables.role_modifiers():  # not "zwischen"
        return stem
    return None


def role_phrase(tokens: list[Word], end: int) -> tuple[int, str, bool] | None:
    """The role phrase ending just before token ``end``: (first token index, nominative role, has determiner).

    "der ukrainischen Sicherheitsberater" → "ukrainischer Sicherheitsberater".
    """
    i = end - 1
    if i < 0:
        return None
    found = role_noun(tokens[i].text)
    if found is None:
        return None
    prefix, role = found
    adjectives: list[str] = []
    j = i - 1
    while j >= 0:
        stem = _adjective(tokens[j].text)
        if stem is None:
            break
        adjectives.insert(0, stem)
        j -= 1
    determiner = j >= 0 and tokens[j].text.lower() in DETERMINERS
    feminine = role.female or (determiner and tokens[j].text.lower() in FEMININE_DETERMINERS and tokens[i].text.endswith("e"))
    ending = "e" if feminine else "er"
    words = [stem + ending for stem in adjectives] + [_role_noun_text(prefix, role, feminine)]
    return (j if determiner else j + 1), " ".join(words), determiner


def _apposition_role(tokens: list[Word], after: int) -> str | None:
    """A role in apposition after a name: "Peskow, Sprecher des Kremls," → "Sprecher des Kremls"."""
    if after >= len(tokens) or tokens[after].text != ",":
        return None
    k = after + 1
    if k < len(tokens) and tokens[k].text.lower() in DETERMINERS:
        k += 1
    while k < len(tokens) and _adjective(tokens[k].text):
        k += 1
    if k >= len(tokens) or role_noun(tokens[k].text) is None:
        return None
    phrase = role_phrase(tokens, k + 1)
    if phrase is None:
        return None
    role = phrase[1]
    # a genitive complement: "des Kremls", "der Präsidialverwaltung"
    if k + 2 < len(tokens) and tokens[k + 1].text in _GENITIVE_DEFINITE and tokens[k + 2].text[:1].isupper():
        role += f" {tokens[k + 1].text} {tokens[k + 2].text}"
    return role


# -- finding spans ---------------------------------------------------------------------------


def model_spans(record: Record) -> list[tuple[int, int, str]]:
    """The NER model's spans, or none when the model is not installed (the rules still run)."""
    try:
        from . import ner
    except ImportError:
        return []
    try:
        return ner.spans(record)
    except ner.ModelMissing:
        return []


def _common_nouns(tokens: list[Word]) -> frozenset[str]:
    """Capitalised words that follow an article somewhere in the text: nouns, not names."""
    return frozenset(b.text for a, b in pairwise(tokens) if a.text.lower() in DETERMINERS and b.text[:1].isupper())


def _name_words(tokens: list[Word], start: int, common: frozenset[str], limit: int = 4, places: bool = False) -> int:
    """How many name-like words begin at ``start`` ("Steve Witkoff, hier" → 2; "Jaap de Hoop Scheffer" → 4).

    Name particles ("de", "van", "al") count when a name word follows; places
    end a person's name unless ``places`` (an organisation's name may hold one).
    """
    n = 0
    particles = entity_tables.name_particles()
    while start + n < len(tokens) and n < limit:
        word = tokens[start + n].text
        if (
            n
            and not places
            and word in particles
            and start + n + 1 < len(tokens)
            and _NAME_WORD.match(tokens[start + n + 1].text)
        ):
            n += 1
            continue
        if (
            not _NAME_WORD.match(word)
            or word.lower() in DETERMINERS
            or word in common
            or role_noun(word) is not None
            or ((not places or n == 0) and _lookup(word) is not None)
            or (word.isupper() and len(word) > 4)
        ):
            break
        n += 1
    while n and tokens[start + n - 1].text in particles:
        n -= 1
    return n


def _gazetteer_spans(record: Record, tokens: list[Word]) -> list[CandidateMention]:
    found: list[CandidateMention] = []
    text = record.text
    longest = _gazetteer_lengths()
    table = gazetteer()
    for i, tok in enumerate(tokens):
        word = tok.text
        if not word[:1].isupper() and word not in table:
            continue
        n_max = longest.get(word, 1)
        hit = None
        for n in range(min(n_max, len(tokens) - i), 0, -1):
            surface = text[tok.start : tokens[i + n - 1].end]
            hit = _lookup(surface) if n == 1 else gazetteer().get(surface)
            if hit and n == 1 and _not_a_name(surface) and (i == 0 or tokens[i - 1].text.lower() not in PLACE_PREPOSITIONS):
                hit = None  # "mit drei Siegen": a place only after a place preposition ("in Siegen")
                break
            if hit:
                rank = RANK_TABLE_ORG if hit[1] == "ORG" else RANK_PLACE
                found.append(CandidateMention(tok.start, tokens[i + n - 1].end, hit[1], hit[0], rank))
                break
        if hit is None and "-" in word and word[:1].isupper():
            parts = word.split("-")
            for k in range(len(parts) - 1, 0, -1):
                head = "-".join(parts[:k])
                hit = gazetteer().get(head) if head not in alias_only() else None  # "US-Präsident": no mention of the USA
                if hit:
                    rank = RANK_TABLE_ORG if hit[1] == "ORG" else RANK_PLACE
                    found.append(CandidateMention(tok.start, tok.start + len(head), hit[1], hit[0], rank))
                    break
            last = parts[-1]
            if (
                hit is None
                and len(parts) == 2
                and parts[0][:1].isupper()
                and _lookup(parts[0]) is None
                and last not in alias_only()
                and (org := gazetteer().get(last)) is not None
                and org[1] == "ORG"
            ):
                found.append(CandidateMention(tok.start, tok.end, "ORG", org[0], RANK_TABLE_ORG))  # "der Landes-SPD": the SPD
    return found


def _rule_spans(tokens: list[Word], common: frozenset[str]) -> list[CandidateMention]:
    """Names after a role noun (PER, with the role) and after an organisation noun (ORG)."""
    found: list[CandidateMention] = []
    nouns = entity_tables.org_nouns()
    for i in range(len(tokens) - 1):
        word = tokens[i].text
        if not word[:1].isupper():
            continue
        if role_noun(word) is not None:
            n = _name_words(tokens, i + 1, common)
            if n:
                phrase = role_phrase(tokens, i + 1)
                first, last = tokens[i + 1], tokens[i + n]
                name = " ".join(t.text for t in tokens[i + 1 : i + n + 1])
                found.append(CandidateMention(first.start, last.end, "PER", name, RANK_RULE, [phrase[1]] if phrase else []))
        elif word.lower() in nouns or (_is_org_noun(word) and not _plural_org_noun(word)):
            n = _name_words(tokens, i + 1, frozenset(), places=True)
            if n:
                first, last = tokens[i + 1], tokens[i + n]
                name = " ".join(t.text for t in tokens[i + 1 : i + n + 1])
                found.append(CandidateMention(first.start, last.end, "ORG", name, RANK_RULE))
    return found


def _first_name_spans(tokens: list[Word], common: frozenset[str]) -> list[CandidateMention]:
    """A known first name and the capitalised name words after it are a person
    ("Angela Merkel", "Hans-Peter Friedrich" tagged ORG or missed by the model)."""
    found: list[CandidateMention] = []
    names = entity_tables.first_names()
    i = 0
    while i < len(tokens) - 1:
        if (
            entity_tables.given_name(tokens[i].text)  # also a double given name: "Frank-Jürgen Weise"
            and role_noun(tokens[i].text) is None  # "König Vladislav": a title
            and (tokens[i + 1].text[:1].isupper() or tokens[i + 1].text in entity_tables.name_particles())
        ):
            k = i + 1
            while k + 1 < len(tokens) and tokens[k].text in names and tokens[k + 1].text[:1].isupper():
                k += 1  # "Hans Peter Müller"
            while k + 1 < len(tokens) and tokens[k].text in entity_tables.name_particles():
                k += 1  # "Rafael van der Vaart"
            n = k + 1 - i if _name_words(tokens, k, frozenset(), limit=1) else 0
            if n > 1 and tokens[i + n - 1].text not in common:
                first, last = tokens[i], tokens[i + n - 1]
                name = " ".join(t.text for t in tokens[i : i + n])
                found.append(CandidateMention(first.start, last.end, "PER", name, RANK_NAME, by_name=True))
                i += n
                continue
        i += 1
    return found


def _name_adjective(word: str) -> bool:
    """A capitalised adjective inside a name: "Deutsche", "Medizinischen" (not "Der", not "FDP-geführte")."""
    low = word.lower()
    return (
        word[:1].isupper() and "-" not in word and low not in DETERMINERS and low not in _PRONOUNS and bool(_ADJECTIVE.match(low))
    )


_QUOTE_ENDS = frozenset([",", "“", "”", '"', "«", "»", "‘", "’"])


@lru_cache(maxsize=1)
def _saying_words() -> frozenset[str]:
    """Finite verbs of saying ("sagte", "erklärt", from ``speech_verbs.tsv``) and "so"."""
    from .attribution_cues import speech_forms

    words = {w for w, cue in speech_forms().items() if cue.cls in ("speech", "demand") and not w.startswith("ge")}
    return frozenset(words | entity_tables.entity_words("speaker_cue"))


def _title_spans(tokens: list[Word], common: frozenset[str]) -> list[CandidateMention]:
    """The name after a form of address or title is a person: "Herr Schmidt", "Frau Dr. Weber"."""
    found: list[CandidateMention] = []
    titles = entity_tables.person_titles()
    i = 0
    while i < len(tokens) - 1:
        if tokens[i].text in titles:
            k = i + 1
            while k < len(tokens) - 1 and tokens[k].text in titles:
                k += 1
            n = _name_words(tokens, k, common, limit=3)
            if n:
                found.append(
                    CandidateMention(
                        tokens[k].start, tokens[k + n - 1].end, "PER", " ".join(t.text for t in tokens[k : k + n]), RANK_RULE
                    )
                )
            i = k + n
            continue
        i += 1
    return found


def _speaker_spans(tokens: list[Word], common: frozenset[str]) -> list[CandidateMention]:
    """The name after a quotation and a verb of saying is a person: "…", sagte Barth. / "…", so Eymer."""
    found: list[CandidateMention] = []
    saying = _saying_words()
    for i in range(1, len(tokens) - 1):
        if tokens[i].text in saying and tokens[i - 1].text in _QUOTE_ENDS:
            n = _name_words(tokens, i + 1, common, limit=3)
            after = tokens[i + 1 + n].text if i + 1 + n < len(tokens) else "."
            if n and not after[:1].isalnum():
                first, last = tokens[i + 1], tokens[i + n]
                found.append(
                    CandidateMention(first.start, last.end, "PER", " ".join(t.text for t in tokens[i + 1 : i + n + 1]), RANK_RULE)
                )
    return found


_NAME_ENDS = frozenset([".", ",", ":", ";", "!", "?"])


def _person_noun_spans(tokens: list[Word], common: frozenset[str]) -> list[CandidateMention]:
    """One unknown name word after a person noun of ``speaker_nouns.tsv`` is a person, when a verb of saying or
    punctuation follows: "Sein Kollege Hachleitner verweist darauf", "sagt Defensive-Line-Spieler Schaffer.".
    Not a word that follows an article elsewhere (a noun), a place, a role, a word of ``not_names.txt`` or one with
    the ending of an abstract noun ("Kollege Verwaltung")."""
    from .speakers import _name_like, noun_class

    found: list[CandidateMention] = []
    saying = _saying_words()
    for i in range(len(tokens) - 2):
        word, name, after = tokens[i].text, tokens[i + 1].text, tokens[i + 2].text
        if (
            not word[:1].isupper()
            or noun_class(word) != "person"
            or role_noun(word) is not None
            or word in entity_tables.first_names()
            or word.endswith("s")
        ):
            continue  # a role of roles.tsv (_rule_spans), a first name ("Hermann"), a genitive ("des Spielers")
        if not (after in _NAME_ENDS or after in saying):
            continue
        if (
            _name_words(tokens, i + 1, common, limit=1) != 1
            or not _name_like(name)
            or noun_class(name) is not None
            or _not_a_name(name)
            or name.isupper()
            or len(name) < 3
            or name.endswith("s")
            or name in entity_tables.first_names()
            or name + "." in entity_tables.person_titles()
        ):
            continue  # "Oberarzt Dr.", "Bürger Pontiacs" (a genitive), "Schwester Gabi" (a first name: _first_name_spans)
        found.append(CandidateMention(tokens[i + 1].start, tokens[i + 1].end, "PER", name, RANK_RULE))
    return found


_FIGURE = re.compile(r"^[\d.,'’]*\d$")


def _after_amount(tokens: list[Word], i: int) -> bool:
    """Whether token ``i`` follows a figure or an amount word (``currencies.tsv``): "1,5 Milliarden Franken"."""
    return i > 0 and (
        _FIGURE.match(tokens[i - 1].text) is not None or tokens[i - 1].text in entity_tables.currencies().amount_words
    )


def _currency_spans(tokens: list[Word]) -> list[CandidateMention]:
    """A currency is an other name (MISC), as GermEval annotates it: "11 490 Euro", "30 Cent",
    "fünf Mrd. Franken" (but "in Franken" is the region)."""
    table = entity_tables.currencies().names
    found: list[CandidateMention] = []
    for i, tok in enumerate(tokens):
        always = table.get(tok.text)
        if always is None:
            continue
        if always or _after_amount(tokens, i):
            found.append(CandidateMention(tok.start, tok.end, "MISC", tok.text, RANK_RULE))
    return found


def _currency_without_amount(tokens: list[Word], k: int | None, surface: str, label: str) -> bool:
    """A model MISC span that is a currency of the ``amount`` kind of ``currencies.tsv`` ("Franken", "Mark",
    "Pfund") without a figure or an amount word before it, token ``k``: no currency, as in :func:`_currency_spans`
    ("In Franken wächst der Widerstand gegen die Stromtrasse": the region)."""
    return (
        label == "MISC"
        and k is not None
        and entity_tables.currencies().names.get(surface) is False
        and not _after_amount(tokens, k)
    )


def _table_acronym(surface: str) -> str | None:
    """The acronym of ``not_org_acronyms.txt`` that ``surface`` is, alone or with a plural or genitive "s" ("NGOs"),
    when the gazetteer does not know it ("EU" of ``organisations.tsv`` is an organisation)."""
    table = entity_tables.not_org_acronyms()
    if surface in table:
        base = surface
    elif surface.endswith("s") and surface[:-1] in table and surface[:-1].isupper():
        base = surface[:-1]
    else:
        return None
    return base if _lookup(surface) is None and _lookup(base) is None else None


# an abbreviation in brackets right after a name, a closing quotation mark between: "des Königlichen Rats Irans (API)"
_BRACKETED_AFTER = re.compile(r"[“”\"»«]?\s*\(([^()\s]+)\)")


def _no_org_acronyms(text: str, spans: list[tuple[int, int, str]]) -> frozenset[str]:
    """The model spans to drop that are exactly an acronym of ``not_org_acronyms.txt``, as the acronym rule
    (:func:`_org_acronym`) leaves these alone: "Laut dem CFO des Konzerns …", "die Zahl der NGOs" tagged ORG — no
    organisation. The model's majority type decides: an acronym it tags ORG at least as often as anything else is
    no name at all in the article (no "TTIP" left as a place by the one span tagged LOC), one it tags LOC mostly
    ("DDR") stays. An acronym inside a longer name ("KI Campus") is no such span, and one the article introduces as
    an organisation's name stays: in brackets after it ("des Königlichen Rats Irans (API)") or as its initials
    ("Amnesty International … nach Angaben von AI")."""
    labels: dict[str, Counter[str]] = {}
    defined: set[str] = set()
    for start, end, label in spans:
        surface = text[start:end].strip(_EDGE_PUNCT)
        if label == "ORG":
            initials = "".join(w[0] for w in surface.split() if w[:1].isupper())
            after = _BRACKETED_AFTER.match(text, end)  # at ``end``, without copying the rest of the text
            defined.update([initials, after.group(1)] if after else [initials])
        if (acronym := _table_acronym(surface)) is not None:
            labels.setdefault(acronym, Counter())[label] += 1
    return frozenset(
        acronym
        for acronym, counts in labels.items()
        if acronym not in defined and counts["ORG"] and counts["ORG"] == max(counts.values())
    )


@lru_cache(maxsize=65536)
def _is_title_noun(word: str) -> bool:
    """ "Album", "Songs", "Action-Spiels", "Musikfilm": a noun (or a compound ending in one) before a title."""
    if not word[:1].isupper():
        return False
    low = word.lower().rsplit("-", 1)[-1]
    nouns = entity_tables.title_nouns().nouns
    stems = [low] + [low[: -len(e)] for e in ("s", "n", "es", "en") if low.endswith(e)]
    if any(stem in entity_tables.title_nouns().not_titles for stem in stems):
        return False
    return any(stem[i:] in nouns for stem in stems for i in range(0, max(1, len(stem) - 3)))


_MAX_TITLE = 12


def _title_spans_in_quotes(tokens: list[Word]) -> list[CandidateMention]:
    """A quotation right after a title noun is the title of a work or product (MISC): das Album
    „Sommer in Kreuzberg“, der Song „Blau wie das Meer“; it beats the names inside it."""
    found: list[CandidateMention] = []
    for i in range(len(tokens) - 2):
        if tokens[i + 1].text not in _OPENING_QUOTES or not _is_title_noun(tokens[i].text):
            continue
        for j in range(i + 3, min(len(tokens), i + 3 + _MAX_TITLE)):
            if tokens[j].text in _CLOSING_QUOTES:
                first, last = tokens[i + 2], tokens[j - 1]
                if last.end > first.start and any(t.text[:1].isalnum() for t in tokens[i + 2 : j]):
                    found.append(
                        CandidateMention(first.start, last.end, "MISC", " ".join(t.text for t in tokens[i + 2 : j]), RANK_TITLE)
                    )
                break
    return found


def _org_head_spans(tokens: list[Word], common: frozenset[str]) -> list[CandidateMention]:
    """Organisations by their head: capitalised words before a legal form ("Siemens AG",
    "Robert Bosch GmbH"), a compound ending in an organisation noun with the capitalised
    adjective before it ("Linkspartei", "Deutsche Bank") and a place after it ("Universität Wien")."""
    found: list[CandidateMention] = []
    forms = entity_tables.org_heads().legal_forms
    for i, tok in enumerate(tokens):
        word = tok.text
        if word in forms and i > 0:
            j = i
            while (
                j > 0
                and i - j < 4
                and _NAME_WORD.match(tokens[j - 1].text)
                and tokens[j - 1].text.lower() not in DETERMINERS
                and not _is_descriptor_noun(tokens[j - 1].text)  # "der US-Autohersteller General Motors" (VERSION 8)
            ):
                j -= 1
            if j < i:
                found.append(
                    CandidateMention(tokens[j].start, tok.end, "ORG", " ".join(t.text for t in tokens[j : i + 1]), RANK_RULE)
                )
        elif word[:1].isupper() and (
            org_head(word)
            or (word.lower() in entity_tables.org_heads().compound_heads and i > 0 and _name_adjective(tokens[i - 1].text))
        ):
            j = i
            while j > 0 and _name_adjective(tokens[j - 1].text) and i - j < 3:
                j -= 1  # "Europäische Zentralbank", "Deutsche Bank"
            end = i + 1
            if end < len(tokens) and (hit := _lookup(tokens[end].text)) is not None and hit[1] == "LOC":
                end += 1  # "Universität Wien"
            if j == i and end == i + 1 and word in common and not org_head(word):
                continue
            found.append(
                CandidateMention(tokens[j].start, tokens[end - 1].end, "ORG", " ".join(t.text for t in tokens[j:end]), RANK_RULE)
            )
    return found


def _saying_at(tokens: list[Word], k: int, classes: tuple[str, ...] = ("speech", "demand", "report")) -> bool:
    """Whether token ``k`` is a finite verb of saying: "kritisierte", "sagte"; a separable one only with its particle
    later in the sentence ("teilte … mit", not "gab die Krone weiter")."""
    if not 0 <= k < len(tokens):
        return False
    from .attribution_cues import speech_readings

    readings = [c for c in speech_readings().get(tokens[k].text, ()) if c.cls in classes]
    if not readings or tokens[k].text.startswith("ge"):
        return False
    if any(not c.particle for c in readings):
        return True
    particles = {c.particle for c in readings}
    for t in tokens[k + 1 : k + 16]:
        if t.text in _SENTENCE_ENDS:
            break
        if t.text in particles:
            return True
    return False


def _phrase_start(tokens: list[Word], i: int) -> int:
    """The first token of the noun phrase whose head is token ``i``: its article and adjectives
    ("nach Angaben der italienischen Luftfahrtbehörde" → "der")."""
    j = i
    while (
        j > 0
        and i - j < 3
        and tokens[j - 1].text.lower() not in DETERMINERS
        and tokens[j - 1].text.lower() not in _PRONOUNS
        and (_ADJECTIVE.match(tokens[j - 1].text) or _name_adjective(tokens[j - 1].text))
    ):
        j -= 1
    if j > 0 and tokens[j - 1].text.lower() in DETERMINERS:
        j -= 1
    return j


def _source_position(
    tokens: list[Word],
    j: int,
    i: int,
    genitive: bool = True,
    inverted: bool = False,
    comparison: bool = True,
    verbs: tuple[str, ...] = ("speech", "demand", "report"),
) -> bool:
    """Whether the phrase ``tokens[j:i + 1]`` stands as a source: after "laut" or "gemäß" ("laut Innenministerium"),
    before "zufolge", in the genitive after a noun of information or a person noun ("nach Angaben des
    Innenministeriums", "ein Sprecher der Staatsanwaltschaft"; not with ``genitive`` False), after a verb of saying
    (only with ``inverted``: a name, "berichtet Myce.com"; an institution noun there may be the object), or with
    its article after "wie"/"so" (not with ``comparison`` False: "so schnell wie die Zeit") or before a verb of
    saying ("wie das Ministerium mitteilte", "Der Rechnungshof kritisierte"). After a verb of saying, "dem" and
    "den" are no subject, and with ``comparison`` False (an outlet) neither is "der": "sagte er der Welt"."""
    from .speakers import noun_class

    cues = source_cues()
    article = tokens[j].text.lower() in DETERMINERS
    prev = tokens[j - 1].text if j > 0 else ""
    low = prev.lower()
    nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if (low in cues.before and (comparison or prev not in _LAW_CUES)) or nxt.lower() in cues.after:
        return True  # an outlet (``comparison`` False) not after "gemäß": "gemäß Standard" is a norm
    if article and comparison and low in cues.before_article:
        return True  # "wie das Ministerium mitteilte" (not "Systeme wie UNIX": no article)
    if (article or inverted) and _saying_at(tokens, i + 1, verbs):
        return True  # a name needs no article: "Myce.com meldete"
    dative = _OBJECT_ARTICLES if comparison else _OUTLET_OBJECT_ARTICLES
    if inverted and j > 0 and _saying_at(tokens, j - 1, verbs) and tokens[j].text.lower() not in dative:
        return True  # a named subject after its verb: "…, berichtet Myce.com", "meldete die OPCW"
    return (
        genitive
        and article
        and tokens[j].text.lower() in _GENITIVE_DEFINITE
        and prev[:1].isupper()
        and (
            low in cues.nouns
            or any(low.endswith(n) for n in cues.nouns if len(n) > 5)
            or noun_class(prev) in ("person", "source")
        )
    )


def _institution_spans(tokens: list[Word]) -> list[CandidateMention]:
    """An institution named by a common-looking compound is an organisation where it stands as a source
    ("Das Innenministerium teilte mit", "laut der Wiener Berufsrettung", "nach Angaben des Justizministeriums"),
    and then wherever the article names it again ("… das Innenministerium"); an outlet whose name is a common word
    too ("laut Krone", "wie die Welt berichtet"). Elsewhere GermEval leaves such compounds unmarked."""
    found: list[CandidateMention] = []
    keys: dict[str, str] = {}
    outlets = source_outlets()
    for i, tok in enumerate(tokens):
        word = tok.text
        if (prefix := institution_prefix(word)) is not None:
            nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
            if _NAME_WORD.match(nxt) and (
                _is_org_noun(word) or _ORG_ACRONYM.match(nxt) or (_lookup(nxt) or ("", ""))[1] == "ORG"
            ):
                continue  # "der Telekomregulierungsbehörde RTR", "die US-Bundespolizei FBI": the name after it
            j = _phrase_start(tokens, i)
            if not (any(p in prefix for p in entity_tables.org_heads().body_prefixes) or _source_position(tokens, j, i)):
                continue  # "das Bundesjustizministerium" is one body anywhere
            k = j + 1 if tokens[j].text.lower() in DETERMINERS else j
            while k < i and not tokens[k].text[:1].isupper():
                k += 1  # lower-case adjectives are no part of the name: "der italienischen Luftfahrtbehörde"
            end = i + 1
            if end < len(tokens) and (hit := _lookup(tokens[end].text)) is not None and hit[1] == "LOC":
                end += 1  # "Staatsanwaltschaft Wien"
            # the mention is the whole definite description ("das Innenministerium"), as GermEval reads a generic
            # institution: no name of its own; the entity is named by the noun ("Innenministerium")
            first = j if tokens[j].text.lower() in DEFINITE and k == j + 1 else k
            article = tokens[j].text if tokens[j].text.lower() in DETERMINERS else ""
            name = canonical_name(
                " ".join(t.text for t in tokens[k:end]), article
            )  # "des Justizministeriums" → Justizministerium
            found.append(CandidateMention(tokens[first].start, tokens[end - 1].end, "ORG", name, RANK_RULE))
            keys[_institution_key(word)] = word
        elif word[:1].isupper() and word in outlets and _lookup(word) is None:
            j = _phrase_start(tokens, i)
            # with an article a common word is an outlet only as the subject of a verb of reporting: "wie die Krone
            # berichtete", not "forderte die Krone" (the monarchy)
            verbs = ("report",) if j < i and word not in entity_tables.outlets() else ("speech", "demand", "report")
            if _source_position(tokens, j, i, genitive=False, inverted=True, comparison=False, verbs=verbs):
                # not "der schnellste Mensch der Welt", "so schnell wie die Zeit"
                found.append(CandidateMention(tok.start, tok.end, "ORG", outlets[word], RANK_RULE))
    if keys:
        bounds = sorted((f.start, f.end) for f in found)
        for k, tok in enumerate(tokens):
            if tok.text[:1].isupper() and _institution_key(tok.text) in keys and not _inside(bounds, tok.start, tok.end):
                article = tokens[k - 1].text if k and tokens[k - 1].text.lower() in DEFINITE else ""
                start = tokens[k - 1].start if article else tok.start
                found.append(
                    CandidateMention(start, tok.end, "ORG", canonical_name(tok.text, article), RANK_RULE)
                )  # "… auch das Innenministerium"
    return found


# a web address as a name: "golem.de", "Myce.com", "www.bildblog.de" (not an e-mail address)
_DOMAIN = re.compile(
    r"^(?:www\.)?[A-Za-zÄÖÜäöü0-9][\w-]*(?:\.[\w-]+)*\.(?:de|at|ch|com|org|net|eu|info|io|tv|fr|it|uk|ua|ru|es|nl)$"
)


def _domain_spans(tokens: list[Word]) -> list[CandidateMention]:
    """A domain name standing as a source is an organisation, mostly an outlet: "laut bildblog.de", "berichtet
    Myce.com" (elsewhere GermEval marks a web address as another name or not at all: "unter Lightfeather.de")."""
    outlets = entity_tables.outlets()
    return [
        CandidateMention(t.start, t.end, "ORG", outlets.get(t.text, t.text), RANK_RULE)  # the model's MISC ("Blick.ch") stays
        for i, t in enumerate(tokens)
        if "@" not in t.text
        and _DOMAIN.match(t.text)
        and (t.text in outlets or _source_position(tokens, _phrase_start(tokens, i), i, genitive=False, inverted=True))
    ]


# an acronym of 2–6 letters, capitals with at most one lower-case letter inside: "ÖBB", "ZAMG", "VfGH", "OPCW"
_ORG_ACRONYM = re.compile(r"^[A-ZÄÖÜ](?:[A-ZÄÖÜ]|[a-zäöü](?=[A-ZÄÖÜ])){1,5}$")


def _org_acronym(word: str) -> bool:
    return (
        bool(_ORG_ACRONYM.match(word))
        and sum(c.islower() for c in word) <= 1
        and not _ROMAN.match(word)
        and word not in entity_tables.not_org_acronyms()
        and word not in entity_tables.not_names()
        and word not in alias_only()
        and _lookup(word) is None
        and _lookup(word.capitalize()) is None
    )  # "WIEN –": a dateline


def _inside_name(tokens: list[Word], i: int) -> bool:
    """Whether a capitalised word that is no article and does not begin the sentence stands right before or after
    token ``i``: then ``i`` is part of a longer name ("Mac OS X", "VT Transman")."""

    def name_word(k: int) -> bool:
        if not 0 <= k < len(tokens):
            return False
        word = tokens[k].text
        sentence_start = k == 0 or tokens[k - 1].text in _SENTENCE_ENDS or tokens[k - 1].text in ("–", "-")
        return (
            _NAME_WORD.match(word) is not None and word.lower() not in DETERMINERS and not sentence_start and not word.isupper()
        )

    return name_word(i - 1) or name_word(i + 1)


# words before a law's or a norm's abbreviation ("§ 3 StGB", "gemäß DIN")
_LAW_CUES = frozenset(["§", "§§"]) | entity_tables.law_cues()


def _caps_word(word: str) -> bool:
    return len(word) > 1 and word.isalpha() and word.isupper()


def _acronym_spans(record: Record, tokens: list[Word]) -> list[CandidateMention]:
    """An acronym the model did not tag is an organisation where it stands as a source ("laut ZAMG", "wie die
    OPCW mitteilte") or where the article names it again in another sentence, alone or as a compound's head ("für
    die ÖBB … Auf der ÖBB-Website", "des VfGH. … der VfGH"); not "CEO", "SMS", "PS" (``not_org_acronyms.txt``), not a word of a line
    in capitals, not one in brackets (:func:`_abbreviations` reads it by the name before it). A single technical
    acronym ("drei Moleküle ATP") is no organisation, and GermEval leaves one-off acronyms unmarked."""
    alone: dict[str, list[int]] = {}
    generic: set[str] = set()
    for i, tok in enumerate(tokens):
        word = tok.text
        prev = tokens[i - 1].text if i else ""
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if not _org_acronym(word) or _caps_word(prev) or _caps_word(nxt):
            continue
        if nxt[:1].isdigit() or _inside_name(tokens, i):
            continue  # a version or a part of a longer name: "TLS 1.2", "Mac OS X", "VT Transman"
        if (
            prev == "("
            and i > 1
            and nxt == ")"
            and (
                role_noun(tokens[i - 2].text) is not None
                or (_is_org_noun(tokens[i - 2].text) and not institution_noun(tokens[i - 2].text))
            )
        ):
            generic.add(word)  # "ein Eisenbahnverkehrsunternehmen (EVU)": the abbreviation of a kind, not a name
        alone.setdefault(word, []).append(i)
    for word in generic:
        alone.pop(word, None)
    if not alone:
        return []
    heads = {i: tok.text.split("-")[0] for i, tok in enumerate(tokens) if "-" in tok.text and tok.text.split("-")[0] in alone}
    sentences: dict[str, set[int | None]] = {}
    for i in [k for ks in alone.values() for k in ks] + list(heads):
        name = heads.get(i, tokens[i].text)
        sentences.setdefault(name, set()).add(record.sentence_at(tokens[i].start))
    count = {name: len(seen) for name, seen in sentences.items()}
    found: list[CandidateMention] = []
    for word, ks in alone.items():
        for i in ks:
            if tokens[i - 1].text == "(" if i else False:
                if i + 1 < len(tokens) and tokens[i + 1].text == ")":
                    continue
            if any(t.text in _LAW_CUES for t in tokens[max(0, i - 3) : i]):
                continue  # a law or a norm: "§ 3 StGB", "gemäß DIN"
            if count[word] > 1 or _source_position(tokens, _phrase_start(tokens, i), i, inverted=True):
                found.append(CandidateMention(tokens[i].start, tokens[i].end, "ORG", word, RANK_RULE))
    for i, head in heads.items():
        if count[head] > 1:
            found.append(CandidateMention(tokens[i].start, tokens[i].start + len(head), "ORG", head, RANK_RULE))
    return found


# a product's type code: letters and digits in one word ("G7", "RX100", "A380", "x5"), not a club's year ("Schalke 04")
_MODEL_CODE = re.compile(r"^[A-Za-z]{1,3}\d{1,4}[a-z]?$")


def _product(words_: list[str]) -> bool:
    """A name with a type code after its first word: a product ("Panasonic Lumix G7", "Airbus A380"), VERSION 8."""
    return len(words_) > 1 and any(_MODEL_CODE.match(w) for w in words_[1:])


def _event_type(words_: list[str]) -> str:
    """What a model ORG of these words is by its head (``event_heads.tsv``): "ORG" (no event head), "MISC" (a
    named event: "Luftschlacht um England") or "-" (no entity: "Landtagswahl in Sachsen"); the head is the first
    word, or the second after a capitalised adjective ("Islamischen Revolution"). VERSION 8."""
    head = words_[1] if len(words_) > 1 and _name_adjective(words_[0]) else words_[0]
    if _lookup(head) is not None or _lookup(" ".join(words_)) is not None:
        return "ORG"
    low = head.lower().rsplit("-", 1)[-1]
    return next((kind for ending, kind in entity_tables.event_heads() if low.endswith(ending)), "ORG")


def _named_by_form(word: str, label: str) -> bool:
    """A model word that is a name by its form although it follows an article somewhere:
    an acronym or code ("des DGB", "die A44"), a street or mountain tagged LOC ("der
    Schwanitzstraße"), an organisation by its head tagged ORG ("die Linkspartei") or an
    outlet tagged ORG ("wie die Welt berichtet")."""
    if _ACRONYM.search(word):
        return True
    if label == "LOC":
        return len(word) > 6 and word.lower().endswith(entity_tables.place_heads())
    return label == "ORG" and (org_head(word) or word in entity_tables.outlets())  # "die Welt" tagged ORG: the outlet


def _clean_model_spans(
    record: Record, tokens: list[Word], spans: list[tuple[int, int, str]], common: frozenset[str]
) -> list[CandidateMention]:
    """Model spans with punctuation and leading role words cut off and compounds cut to the name."""
    starts = {t.start: k for k, t in enumerate(tokens)}
    no_org = _no_org_acronyms(record.text, spans)
    found: list[CandidateMention] = []
    for start, end, label in spans:
        surface = record.text[start:end]
        start += len(surface) - len(surface.lstrip(_EDGE_PUNCT))
        end -= len(surface) - len(surface.rstrip(_EDGE_PUNCT))
        if end <= start:
            continue
        k = starts.get(start)
        while (
            k is not None
            and k + 1 < len(tokens)
            and tokens[k].end < end
            and not tokens[k].text[:1].isupper()
            and not tokens[k].text[:1].isdigit()
        ):  # "1. FC Köln", "20th Century Fox" keep their number
            k += 1  # "staatliche Beteiligungsgesellschaft Öbib" → "Beteiligungsgesellschaft Öbib"
            start = tokens[k].start
        if k is not None:  # "Kreml-Unterhändler Kirill Dmitrijew" → "Kirill Dmitrijew"
            j, role_seen = k, False
            while (
                j < len(tokens)
                and tokens[j].end < end
                and (role_noun(tokens[j].text) or _adjective(tokens[j].text) or tokens[j].text.lower() in DETERMINERS)
            ):
                role_seen = role_seen or role_noun(tokens[j].text) is not None
                j += 1
            # a PER span loses any leading role words; another type only when a role noun leads
            # ("Kremlgesandte Dmitriew" tagged LOC → "Dmitriew"), so "Die Linke" stays whole
            if j < len(tokens) and (label == "PER" or role_seen):
                k, start = j, tokens[j].start
        if (
            label == "PER"
            and (k0 := starts.get(start)) is not None
            and k0 > 0
            and tokens[k0].end == end
            and _is_org_noun(tokens[k0 - 1].text)
            and tokens[k0 - 1].text[:1].isupper()
            and not _plural_org_noun(tokens[k0 - 1].text)
            and role_noun(tokens[k0 - 1].text) is None
            and tokens[k0].text not in entity_tables.first_names()
            and not _person_genitive(tokens[k0 - 1].text, tokens[k0].text)
        ):
            label = "ORG"  # "der Rennstall Sauber", "die Modekette Zara" tagged PER: the name after an organisation noun
        before = start
        start, end = _trim_edge_words(tokens, starts, start, end)
        if start != before and label == "PER" and _is_org_noun(record.text[before:start].split()[-1]):
            label = "ORG"  # "die US-Ratingagentur Moodys" tagged PER: the name after an organisation noun is one
        surface = record.text[start:end]
        if _table_acronym(surface) in no_org or _currency_without_amount(tokens, starts.get(start), surface, label):
            continue  # "der CFO", "das BIP" tagged ORG; "in Franken" tagged MISC
        if (
            " " not in surface
            and _lookup(surface) is None
            and ((surface in common and not _named_by_form(surface, label)) or _NOT_A_NAME.search(surface))
        ):
            continue  # "US-amerikanische", "die Sicherheitslage": an adjective or a noun, not a name
        if " " not in surface and "-" in surface and _lookup(surface) is None:
            parts = surface.split("-")
            for n in range(len(parts) - 1, 0, -1):
                head = "-".join(parts[:n])
                if head not in alias_only() and (known := _lookup(head)) is not None:
                    canonical, kind = known
                    last = parts[-1]
                    if (
                        label in ("LOC", "ORG")
                        and kind == "LOC"
                        and last[:1].isupper()
                        and role_noun(last) is None
                        and not _not_a_name(last)
                        and last not in common
                        and not _NOT_A_NAME.search(last)
                    ):
                        # a place and a capitalised name part the model tags as one: "München-Schwabing",
                        # "Berlin-Kreuzberg" (districts), "Köln-Düsseldorfer" (a firm), not "Kreml-Unterhändler"
                        found.append(CandidateMention(start, end, label, surface, RANK_MODEL))
                        break
                    found.append(CandidateMention(start, start + len(head), kind, canonical, RANK_MODEL))
                    break
            else:
                if _not_a_name(parts[-1]) or (
                    (label == "PER" or "-".join(parts[:-1]) in alias_only()) and role_noun(parts[-1]) is not None
                ):
                    continue  # "Cup-Viertelfinale", "US-Experten", "Falter-Journalistin" tagged PER: no name
                if parts[-2][:1].isupper() and role_noun(parts[-1]) is not None:
                    end = start + len(surface) - len(parts[-1]) - 1  # "Premier-League-Trainer" → "Premier-League"
                    surface = record.text[start:end]
                found.append(CandidateMention(start, end, label, surface, RANK_MODEL))
            continue
        words_ = surface.split()
        if (
            label == "ORG"
            and _product(words_)
            and words_[0].lower() not in entity_tables.entity_words("broadcaster")  # "Radio FM4" is a station
        ):
            label = "MISC"  # "Panasonic Lumix G7", "Airbus A380" tagged ORG: a product by its type code (VERSION 8)
        if label == "ORG" and (event := _event_type(words_)) != "ORG":
            if event == "-":
                continue  # "die Landtagswahl in Sachsen" tagged ORG: an event, described
            label = "MISC"  # "die Luftschlacht um England" tagged ORG: a named event
        rest = surface[len(words_[0]) + 1 :].lstrip() if len(words_) > 1 else ""
        if (
            rest
            and (words_[0] in entity_tables.place_titles() or _genitive_base(words_[0]) in entity_tables.place_titles())
            and (hit := gazetteer().get(rest)) is not None
            and hit[1] == "LOC"
        ):
            found.append(CandidateMention(end - len(rest), end, "LOC", hit[0], RANK_MODEL))  # "die Republik Zypern" → Zypern
            continue
        if (
            len(words_) == 2
            and (words_[0] in entity_tables.place_titles() or _genitive_base(words_[0]) in entity_tables.place_titles())
            and _NAME_WORD.match(rest)
            and _lookup(rest) is None
            and not _NOT_A_NAME.search(rest)
        ):
            found.append(
                CandidateMention(end - len(rest), end, "LOC", rest, RANK_MODEL)
            )  # "des Großherzogtums Sachsen-Weimar-Eisenach"
            continue
        if label != "ORG" and (
            words_[-1] in entity_tables.org_heads().legal_forms
            or (words_[-1].rsplit("-", 1)[-1] in entity_tables.org_heads().legal_forms and "-" in words_[-1])
        ):
            label = "ORG"  # "der Oberlausitzer Verkehrs-AG", "Hansa Bräu GmbH" tagged LOC or PER: a firm
        club = any(w in entity_tables.org_heads().club_forms for w in words_)
        if label in ("LOC", "PER") and len(words_) > 1 and club:
            label = "ORG"  # "Kalmar FF", "Brescia Calcio" tagged LOC or PER: a sports club (VERSION 8)
        if (
            label == "ORG"
            and (len(words_[-1]) >= 5 or len(words_) > 1)  # "Reindeer Lake"
            and _building_word(words_[-1])
            and not club  # "SK Sturm"
            and _lookup(words_[-1]) is None
            and (len(words_) > 1 or words_[-1].lower() not in entity_tables.building_heads())  # "die politische Arena"
            and all(w[:1].isupper() or w[:1].isdigit() or w in _NAME_LINKS for w in words_)  # "Westbahn am Westbahnhof"
        ):
            label = "LOC"  # "die Schwabacher Straße", "St. Nikolauskapelle" tagged ORG: a place
        if (
            len(words_) == 2
            and (place := _lookup(words_[0])) is not None
            and gazetteer().get(words_[0]) is None
            and place[1] == "LOC"
            and _lookup(words_[1]) is None
            and label != "PER"
        ):
            canonical, kind = place  # "Brasiliens Teamkicker" → Brasilien: a place's genitive and a noun
            found.append(CandidateMention(start, start + len(words_[0]), kind, canonical, RANK_MODEL))
            continue
        hit = _lookup(surface)
        if hit is not None and (surface in alias_only() or (label == "ORG" and place_kinds().get(hit[0]) in _AREAS)):
            found.append(
                CandidateMention(start, end, hit[1], hit[0], RANK_MODEL)
            )  # "US", "der Elfenbeinküste" tagged ORG: the country
        elif hit is not None and label != "PER":
            found.append(CandidateMention(start, end, label, hit[0], RANK_MODEL))
        else:
            found.append(CandidateMention(start, end, label, _name_of(surface), RANK_MODEL))
    return found


# words that begin or end a model span but are not part of the name: a capitalised preposition at the
# start of a sentence ("Vom Commodore VS"), a trailing function word ("JR West von", "Leo zur Welt")
_LEADING_PREPOSITIONS = entity_tables.entity_words("leading_preposition")  # not "von" ("Von der Leyen"), not "Die Linke"
_SENTENCE_ENDS = frozenset([".", "!", "?", ":", '"', "„", "«", "»"])
_EDGE_FUNCTION_WORDS = entity_tables.entity_words("span_edge")
_SPAN_CUTS = entity_tables.entity_words("span_cut")  # "Leo zur Welt" → "Leo"


@lru_cache(maxsize=65536)
def _is_org_noun(word: str) -> bool:
    """ "Gewerkschaft", "Zeitungen", "Fußball-Verein", "Spielwarenhersteller": a noun that introduces an
    organisation's name, or a compound ending in one."""
    return _ends_in_noun(word, entity_tables.org_nouns())


@lru_cache(maxsize=65536)
def _is_descriptor_noun(word: str) -> bool:
    """An organisation noun or a noun that only describes the name after it ("Ligakonkurrenten",
    "Lokalrivale": org_nouns.txt's "~" rows): cut from the front of a model span (VERSION 8)."""
    return _is_org_noun(word) or _ends_in_noun(word, entity_tables.descriptor_nouns())


def _ends_in_noun(word: str, nouns: frozenset[str]) -> bool:
    """The word is one of the (lower-case) nouns, inflected, or a compound ending in one."""
    low = word.lower().rsplit("-", 1)[-1]
    if low in nouns or (low.endswith(("s", "n")) and (low[:-1] in nouns or low[:-2] in nouns)):
        return True
    # a compound ending in one: "der Spielwarenhersteller Playmobil", "die Containerreederei Hapag-Lloyd"
    return any(
        low[i:] in nouns or (low[i:-1] in nouns and low[-1] in "sn") or (low[i:-2] in nouns and low.endswith(("es", "en")))
        for i in range(3, len(low) - 4)
    )  # "des Musikverbandes IFPI", "des Bundesligisten SC Freiburg"


def _plural_org_noun(word: str) -> bool:
    """ "Oppositionsparteien", "Terrorgruppen": an organisation noun in a plural-looking form ending in -en,
    which does not introduce one name ("die Oppositionsparteien Koalitionsmöglichkeiten ausloten", VERSION 8);
    not a compound whose head is a singular noun in -en ("das Chemieunternehmen Evonik")."""
    low = word.lower().rsplit("-", 1)[-1]
    return low.endswith("en") and not any(low.endswith(noun) for noun in _singular_en_org_nouns())


@cache
def _singular_en_org_nouns() -> tuple[str, ...]:
    """The organisation nouns that end in -en in the singular ("unternehmen"), as compound heads."""
    return tuple(noun for noun in entity_tables.org_nouns() if noun.endswith("en"))


def _person_genitive(noun: str, name: str) -> bool:
    """ "das Team Trumps", "die Stiftung Merkels": a genitive name after a noun of a person's group
    (``person_group`` in entity_words.tsv) is the person's, not the organisation's name."""
    return name.endswith("s") and noun.lower().rsplit("-", 1)[-1] in entity_tables.entity_words("person_group")


def _building_word(word: str) -> bool:
    """A building or landform head (``building_heads.txt``) as the word or as a compound's head after at least three
    letters ("Westfalenhalle", "Fernsehturm"); not "Sturm", whose "turm" is no head."""
    low = word.lower()
    return any(low == h or (low.endswith(h) and len(low) - len(h) >= 3) for h in entity_tables.building_heads())


def _adjective_in_name(word: str) -> bool:
    """A capitalised word after an organisation noun that is an adjective of the name, so the noun stays:
    "Verband Norddeutscher Frauenvereine", "Verein Studierender Esten" (a listed stem or suffix, also at the
    end of a compound, or a participle in -end); not "Apple", "Le Monde", "Time" (VERSION 8)."""
    if not _name_adjective(word):
        return False
    stem = _ADJECTIVE.match(word.lower())
    if stem is None:
        return False
    base = stem.group(1)
    table = entity_tables.name_adjectives()
    return (
        base.endswith((*table.suffixes, "end"))
        or any(base.endswith(s) for s in table.stems if len(s) >= 4)
        or base in table.stems
    )


def _trim_edge_words(tokens: list[Word], starts: dict[int, int], start: int, end: int) -> tuple[int, int]:
    """A model span without a preposition that begins the sentence ("Vom Commodore VS wurden"),
    without a leading organisation noun before a name ("Gewerkschaft Ver.di" → "Ver.di") and
    without trailing function words ("Leo zur Welt" → "Leo", "JR West von" → "JR West")."""
    k = starts.get(start)
    if k is None:
        return start, end
    first = k
    last = k
    while last + 1 < len(tokens) and tokens[last + 1].end <= end:
        last += 1
    while k < last:
        word, after = tokens[k].text, tokens[k + 1].text
        sentence_start = k == 0 or tokens[k - 1].text in _SENTENCE_ENDS
        if sentence_start and word.lower() in _LEADING_PREPOSITIONS:
            k += 1  # "Vom Commodore VS wurden …" (but "In My Arms" inside a sentence is a title)
        elif _is_descriptor_noun(word) and after[:1].isupper() and not _adjective_in_name(after):
            k += 1  # "Gewerkschaft Ver.di" (but "Verband Norddeutscher Frauenvereine", "Institut für …")
        else:
            break
    cut = next((j - 1 for j in range(k + 1, last + 1) if tokens[j].text in _SPAN_CUTS), last)  # "Leo zur Welt"
    while cut > k and tokens[cut].text in _EDGE_FUNCTION_WORDS:  # lower case only: "Die" may end a title
        cut -= 1
    return (tokens[k].start if k > first else start), (tokens[cut].end if cut < last else end)


# lower-case words inside an organisation's name: "Schiedsgericht der Weltbank", "Bundesamt für Verfassungsschutz"
_NAME_LINKS = entity_tables.entity_words("name_link") | {"/", "&", "-"}


def _resolve_overlaps(found: list[CandidateMention]) -> list[CandidateMention]:
    """Keep the best of overlapping spans: higher rank, then longer; but an organisation
    from the table inside a longer capitalised model ORG ("NATO" in "NATO Response Force",
    "Weltbank" in "Internationales Schiedsgericht der Weltbank") or at the end of a model
    person ("Ford" in "Harrison Ford", "Bosch" in "Robert Bosch") gives way to it.

    A name right after a role noun is a person even where the model says
    otherwise for the same words ("dem ukrainischen Präsidenten Wolodymyr
    Selenskyj" tagged ORG).

    Every test is a look-up, so the work grows with the spans, not with their
    square: the spans that contain a table organisation by bisection in the
    longer ones sorted by start, the persons ending where it ends by their end,
    and the overlap with a span already kept in the characters those cover.
    """
    role_names = {(f.start, f.end): f for f in found if f.type == "PER" and (f.rank == RANK_RULE or f.by_name)}
    by_end = {f.end: f for f in found if f.by_name}
    by_start = {f.start: f for f in found if f.by_name}
    dropped: set[int] = set()  # ids of first-name spans the model's span of the same extent replaces
    for f in [f for f in found if f.rank == RANK_MODEL and not f.by_name]:
        named = by_end.get(f.end)  # "Popstar Lady Gaga" tagged ORG → "Lady Gaga", a person
        if named is not None and f.start < named.start and f.name.split()[1:] == named.name.split():
            f.start, f.type, f.name = named.start, "PER", named.name
        named = by_start.get(f.start)  # the model's extent, the first name's type: "Hans Friedrich| zu Wort"
        rest = named.name.split()[len(f.name.split()) :] if named is not None and f.end <= named.end else []
        if (rest and rest[0] in entity_tables.name_particles()) or (named is not None and f.end == named.end):
            f.type = "PER"
            if named is not None:
                dropped.add(id(named))
    if dropped:
        found = [g for g in found if id(g) not in dropped]
    longer = [f for f in found if _holds_table_orgs(f)]
    # the longer spans by start, with the furthest end among those up to each: one of them contains a table
    # organisation (another extent) when one starting no later ends after it, or one starting before ends with it
    spans = sorted((f.start, f.end) for f in longer)
    longer_starts = [a for a, _ in spans]
    furthest = list(accumulate((b for _, b in spans), max))
    person_start: dict[int, int] = {}  # end of a model person of two or more words → its earliest start
    for f in found:
        if _model_full_name(f):
            person_start[f.end] = min(f.start, person_start.get(f.end, f.start))

    def gives_way(g: CandidateMention) -> bool:
        k = bisect.bisect_right(longer_starts, g.start)  # the longer spans starting at or before it
        if k and furthest[k - 1] > g.end:
            return True  # "Deutschen Bundestag", "NATO Response Force"
        k = bisect.bisect_left(longer_starts, g.start)  # … starting before it
        if k and furthest[k - 1] >= g.end:
            return True
        return person_start.get(g.end, g.start) < g.start  # "Harrison Ford", "Robert Bosch"

    found = [g for g in found if not (g.rank == RANK_TABLE_ORG and gives_way(g))]
    chosen: list[CandidateMention] = []
    taken = _Taken(max((max(f.start, f.end) for f in found), default=0))
    for f in sorted(found, key=lambda f: (-f.rank, -(f.end - f.start), f.start)):
        if taken.overlaps(f.start, f.end):
            continue
        rule = role_names.get((f.start, f.end))
        if rule is not None and f is not rule:
            f.type, f.name, f.roles = "PER", rule.name, rule.roles
        chosen.append(f)
        taken.add(f.start, f.end)
    return sorted(chosen, key=lambda f: f.start)


def _holds_table_orgs(f: CandidateMention) -> bool:
    """A longer name a table organisation inside it gives way to: a capitalised model ORG ("NATO
    Response Force", "Bündnis 90/Die Grünen"), a model building ("Red Bull Arena") or product ("Sony Cyber-shot
    RX100") or a rule ORG ending in a legal form ("Siemens AG")."""
    words = f.name.split()
    if f.rank == RANK_MODEL and (
        f.type == "ORG"
        or (f.type == "LOC" and len(words) > 1 and _building_word(words[-1]))
        or (f.type == "MISC" and _product(words))
    ):  # a building named after its owner: "Red Bull Arena", "Trump Tower"; a product: "Sony Cyber-shot RX100" (VERSION 8)
        return words[-1][:1].isupper() and all(w[:1].isupper() or w[:1].isdigit() or w in _NAME_LINKS for w in words)
    return f.rank == RANK_RULE and f.type == "ORG" and words[-1] in entity_tables.org_heads().legal_forms


def _model_full_name(f: CandidateMention) -> bool:
    """A model person of two or more words, a table organisation at whose end gives way ("Harrison Ford")."""
    return f.rank == RANK_MODEL and f.type == "PER" and " " in f.name


class _Taken:
    """Spans kept so far, none overlapping another: whether a span overlaps one of them (shares a character with
    it) is read off the characters they cover, in time of the span's length, not of the number kept.

    A span without characters (start at or after end; no rule makes one) is tried against every span kept, and
    every span against those, by the plain test ``start < e and s < end``, so the answer is the same as that test's
    on all spans kept.
    """

    def __init__(self, size: int) -> None:
        self.covered = bytearray(size)
        self.spans: list[tuple[int, int]] = []
        self.empty: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        if any(start < e and s < end for s, e in self.empty):
            return True
        if start < end:
            return self.covered.find(1, start, end) != -1
        return any(start < e and s < end for s, e in self.spans)

    def add(self, start: int, end: int) -> None:
        self.spans.append((start, end))
        if start < end:
            self.covered[start:end] = b"\x01" * (end - start)
        else:
            self.empty.append((start, end))


def _harmonise_types(found: list[CandidateMention]) -> None:
    """One name, one type: a model span not in the gazetteer whose name is a person's
    found elsewhere ("Witkoff" tagged LOC once) becomes PER; a model PER that is a
    single gazetteer word ("Moskau") takes the gazetteer's type."""
    persons = set()
    for f in found:
        if f.type == "PER" and f.rank in (RANK_MODEL, RANK_RULE):
            last = f.name.split()[-1]
            persons.add(word_key(_genitive_base(last) or last))
            persons.add(word_key(last))
    orgs = {f.name for f in found if f.type == "ORG" and f.rank == RANK_MODEL and " " not in f.name and "-" not in f.name}
    for f in found:
        if f.rank != RANK_MODEL:
            continue
        head = f.name.split("-")[0]
        if f.type != "PER" and " " not in f.name and head != f.name and _lookup(f.name) is None and word_key(head) in persons:
            f.end, f.type, f.name = f.start + len(head), "PER", head  # "Trump-Regierung" → Trump
        elif (
            f.type == "LOC"
            and " " not in f.name
            and head != f.name
            and head in orgs
            and _lookup(f.name) is None
            and _lookup(head) is None
            and len(f.name.rsplit("-", 1)[-1]) > 5  # not "Herborn-Süd", "Bahnhof-Mitte"
        ):
            f.end, f.type, f.name = f.start + len(head), "ORG", head  # "Petrobras-Affäre" tagged LOC → Petrobras (VERSION 8)
        elif f.type != "PER" and _lookup(f.name) is None:
            last = f.name.split()[-1]
            if word_key(last) in persons or word_key(_genitive_base(last) or last) in persons:
                f.type = "PER"
        elif f.type == "PER" and " " not in f.name and (hit := _lookup(f.name)) is not None:
            f.name, f.type = hit


_OPENING_QUOTES = frozenset(['"', "„", "“", "»", "«", "‚", "'"])
_CLOSING_QUOTES = frozenset(['"', "“", "”", "«", "»", "‘", "'"])


def _quoted_titles(tokens: list[Word], found: list[CandidateMention]) -> None:
    """A model organisation or place that fills a pair of quotation marks is a title or product
    (MISC), as GermEval annotates them: das Album „Sommer in Kreuzberg“, die Serie "Tatort Ostsee".
    Not a known organisation or place, an outlet („Spiegel“) or a name with an organisation head."""
    starts = {t.start: k for k, t in enumerate(tokens)}
    ends = {t.end: k for k, t in enumerate(tokens)}
    for f in found:
        if f.rank != RANK_MODEL or f.type not in ("ORG", "LOC"):
            continue
        k, e = starts.get(f.start), ends.get(f.end)
        if k is None or e is None or k == 0 or e + 1 >= len(tokens):
            continue
        if tokens[k - 1].text not in _OPENING_QUOTES or tokens[e + 1].text not in _CLOSING_QUOTES:
            continue
        words_ = f.name.split()
        if (
            _lookup(f.name) is not None
            or f.name in entity_tables.outlets()
            or any(org_head(w) for w in words_)
            or any(w.lower().endswith(entity_tables.press_heads()) for w in words_)
            or words_[-1] in entity_tables.org_heads().legal_forms
        ):
            continue
        f.type = "MISC"


_COORDINATORS = entity_tables.entity_words("name_coordinator")


def _coordinated_persons(tokens: list[Word], found: list[CandidateMention]) -> None:
    """A one-word model LOC that is no known place, joined by "und", "oder" or "sowie" to a
    person, is a person too: "zwischen Merz und Macron" (Macron tagged LOC)."""
    starts = {t.start: k for k, t in enumerate(tokens)}
    ends = {t.end: k for k, t in enumerate(tokens)}
    at_start = {starts[f.start]: f for f in found if f.start in starts}
    at_end = {ends[f.end]: f for f in found if f.end in ends}
    for f in found:
        if f.rank != RANK_MODEL or f.type != "LOC" or " " in f.name or "-" in f.name or _lookup(f.name) is not None:
            continue
        k, e = starts.get(f.start), ends.get(f.end)
        if k is None or e is None:
            continue
        left = at_end.get(k - 2) if k >= 2 and tokens[k - 1].text in _COORDINATORS else None
        right = at_start.get(e + 2) if e + 2 < len(tokens) and tokens[e + 1].text in _COORDINATORS else None
        if any(g is not None and g.type == "PER" for g in (left, right)):
            f.type = "PER"


# -- document-level consistency --------------------------------------------------------------


def _spread(record: Record, tokens: list[Word], found: list[CandidateMention]) -> list[CandidateMention]:
    """Untagged occurrences of names found elsewhere in the article (PER by key, others by surface)."""
    covered = [(f.start, f.end) for f in found]
    per_keys: dict[str, str] = {}  # surname key → surname as found
    first_names: dict[str, set[str]] = {}  # surname key → given-name keys seen with it
    others: dict[str, tuple[str, str]] = {}  # surface → (canonical, type)
    for f in found:
        if f.type == "PER":
            words = f.name.split()
            base = _genitive_base(words[-1])
            for w in {words[-1], *([base] if base else [])}:
                if len(w) > 2:
                    per_keys.setdefault(word_key(w), w)
            if len(words) > 1:
                first_names.setdefault(word_key(words[-1]), set()).add(word_key(words[0]))
        elif f.rank == RANK_MODEL:
            others.setdefault(record.text[f.start : f.end], (f.name, f.type))
    if not per_keys and not others:
        return found
    added: list[CandidateMention] = []
    bounds = sorted(covered)
    for k, tok in enumerate(tokens):
        word = tok.text
        if not word[:1].isupper() or _inside(bounds, tok.start, tok.end):
            continue
        candidates = [(word, tok.end)]
        base = _genitive_base(word)
        if base:
            candidates.append((base, tok.end))
        if "-" in word:
            head = word.split("-")[0]
            candidates.append((head, tok.start + len(head)))
        for cand, end in candidates:
            key = word_key(cand)
            if key in per_keys and not _inside(bounds, tok.start, end):
                start = tok.start
                if (
                    k > 0
                    and word_key(tokens[k - 1].text) in first_names.get(key, ())
                    and not _inside(bounds, tokens[k - 1].start, tokens[k - 1].end)
                ):
                    start = tokens[k - 1].start
                added.append(CandidateMention(start, end, "PER", record.text[start:end], RANK_SPREAD))
                break
            if cand in others:
                canonical, kind = others[cand]
                added.append(CandidateMention(tok.start, end, kind, canonical, RANK_SPREAD))
                break
    return sorted(found + added, key=lambda f: f.start)


def _inside(bounds: list[tuple[int, int]], start: int, end: int) -> bool:
    import bisect

    k = bisect.bisect_right(bounds, (start, float("inf"))) - 1
    return (k >= 0 and bounds[k][1] > start) or (k + 1 < len(bounds) and bounds[k + 1][0] < end)


# -- abbreviations in brackets ---------------------------------------------------------------

# an abbreviation: capitals (and digits, "&", "-"), not a Roman numeral ("Otto (II)")
_ABBREVIATION = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ\d&-]{1,7}$")
_ROMAN = re.compile(r"^[IVXLC]+$")


def _abbreviations(record: Record, tokens: list[Word], found: list[CandidateMention]) -> list[CandidateMention]:
    """An abbreviation in brackets right after a name: after an organisation or other name it is
    that name ("General Motors (GM)", "das Bundesamt für Gesundheit (BAG)": one entity, also
    where the article uses the abbreviation alone later); after a person it is an organisation
    of its own ("Klaus Wowereit (SPD)": the party); after a place nothing ("Gröbming in der
    Steiermark (GB)": a code)."""
    ends = {f.end: f for f in found}
    bounds = sorted((f.start, f.end) for f in found)
    before = {t.start: tokens[k - 1].text for k, t in enumerate(tokens) if k}
    added: list[CandidateMention] = []
    known: dict[str, tuple[str, str]] = {}
    for k in range(1, len(tokens) - 2):
        abbr = tokens[k + 1]
        if (
            tokens[k].text != "("
            or tokens[k + 2].text != ")"
            or not _ABBREVIATION.match(abbr.text)
            or _ROMAN.match(abbr.text)
            or _inside(bounds, abbr.start, abbr.end)
        ):
            continue
        named = ends.get(tokens[k - 1].end)
        if named is None or named.type == "LOC":
            continue  # "in der Steiermark (GB)": a code, not a name
        if named.type == "PER":
            kind, name = "ORG", abbr.text
        else:
            kind, name = named.type, canonical_name(named.name, before.get(named.start, ""), named.type)
        added.append(CandidateMention(abbr.start, abbr.end, kind, name, RANK_RULE))
        known.setdefault(abbr.text, (kind, name))
    if known:
        for f in found:  # "GM" alone, found by the acronym rule: General Motors
            if f.rank == RANK_RULE and f.type == "ORG" and f.name in known and record.text[f.start : f.end] == f.name:
                f.type, f.name = known[f.name]
        taken = {(f.start, f.end) for f in added}
        for tok in tokens:
            if tok.text in known and (tok.start, tok.end) not in taken and not _inside(bounds, tok.start, tok.end):
                added.append(CandidateMention(tok.start, tok.end, *known[tok.text], RANK_SPREAD))
    return sorted(found + added, key=lambda f: f.start)


# -- short names that depend on the article --------------------------------------------------


@lru_cache(maxsize=65536)
def _short_form(word: str) -> str | None:
    """The short form of ``short_names.tsv`` that ``word`` is, in the genitive or as a compound's
    head: "Union", "Borussias", "Union-Fraktion" → "Union"; None otherwise."""
    table = entity_tables.short_names()
    for cand in (word, _genitive_base(word), word.split("-")[0] if "-" in word else None):
        if cand and cand in table:
            return cand
    return None


def _short_names(record: Record, tokens: list[Word], found: list[CandidateMention]) -> list[CandidateMention]:
    """Short forms read by the article (``short_names.tsv``): "die Union" is the Afrikanische
    Union where the article names it, CDU/CSU where the CDU or CSU is named and the EU where the
    EU is; "Dortmund" is Borussia Dortmund in an article that names a club ("Der BVB gewann.
    Dortmund traf …"), but "in Dortmund" stays the city."""
    table = entity_tables.short_names()

    def surface(f: CandidateMention) -> str:  # a model's "Die Union" is the short form "Union"
        words_ = record.text[f.start : f.end].split()
        return words_[-1] if len(words_) == 2 and words_[0].lower() in DETERMINERS else " ".join(words_)

    named = {f.name for f in found if _short_form(surface(f)) is None}
    sport = bool(named & clubs())
    # a longer name in the article whose head the short form is: "die Afrikanische Union … die Union"
    # (not a place: "die Stadtwerke Frankfurt" do not make "Frankfurt" a firm)
    heads: dict[str, str] = {}
    for f in found:
        words_ = surface(f).split()
        if f.type == "ORG" and len(words_) > 1 and (_lookup(words_[-1]) or ("", ""))[1] != "LOC":
            heads.setdefault(words_[-1], f.name)

    def reading(short: str) -> str | None:
        if short in heads:
            return heads[short]
        for canonical, context in table[short]:
            if context == "default" or (context == "sport" and sport) or set(context.split(",")) & named:
                return canonical
        return None

    starts = {t.start: k for k, t in enumerate(tokens)}

    def after_place_preposition(start: int) -> bool:
        k = starts.get(start)
        return k is not None and k > 0 and tokens[k - 1].text.lower() in PLACE_PREPOSITIONS

    for f in found:
        short = _short_form(surface(f))
        if short is None or (canonical := reading(short)) is None:
            continue
        if (hit := _lookup(short)) is not None and hit[1] == "LOC" and after_place_preposition(f.start):
            continue  # "in Dortmund": the city
        f.type, f.name = "ORG", canonical
    bounds = sorted((f.start, f.end) for f in found)
    added: list[CandidateMention] = []
    for tok in tokens:
        short = _short_form(tok.text)
        if short is None or _inside(bounds, tok.start, tok.end) or (canonical := reading(short)) is None:
            continue
        if (hit := _lookup(short)) is not None and hit[1] == "LOC" and after_place_preposition(tok.start):
            continue
        end = tok.start + len(short) if tok.text.startswith(short + "-") else tok.end
        added.append(CandidateMention(tok.start, end, "ORG", canonical, RANK_RULE))
    return sorted(found + added, key=lambda f: f.start)


# -- clustering into entities ----------------------------------------------------------------


@dataclass
class EntityCluster:
    """The mentions of one entity and its roles, before it becomes a record's :class:`~quellenlage.record.Entity`."""

    type: str
    mentions: list[CandidateMention]
    roles: list[str] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


def _person_name(found: CandidateMention) -> str:
    words = found.name.split()
    base = _genitive_base(words[-1])
    if base and len(words) >= 1:
        return " ".join([*words[:-1], base])
    return found.name


def _cluster_persons(persons: list[CandidateMention]) -> list[EntityCluster]:
    """Full names first, then surnames joined to the one matching person (the latest mentioned before, if several).

    A mention joins every cluster holding a mention of the same person (:func:`_same_person`); which clusters those
    are is looked up, not tried one by one: the clusters each distinct name is in, and the names whose surnames may
    reach :func:`same_name`'s threshold (:class:`_SurnameIndex`), so the work grows with the mentions, not with
    mentions times clusters ("Dmitriew" finds the cluster of "Kirill Dmitrijew" among all the article's persons at
    once). Among several matching clusters ("Donald Trump", "Melania Trump" and then "Trump") the one mentioned last
    before is found by bisection in each cluster's sorted mention offsets.
    """
    clusters: list[EntityCluster] = []
    offsets: list[list[int]] = []  # per cluster: its mentions' starts, sorted
    in_clusters: dict[str, list[int]] = {}  # a distinct name → the clusters with a mention of it, in cluster order
    index = _SurnameIndex()
    same: dict[tuple[str, str], bool] = {}
    full = [f for f in persons if len(f.name.split()) > 1]
    single = [f for f in persons if len(f.name.split()) == 1]
    for f in full + single:
        matches: set[int] = set()
        for name in index.candidates(f.name):
            pair = (f.name, name)
            if pair not in same:
                same[pair] = same_name(f.name, name)  # as _same_person, on the names
            if same[pair]:
                matches.update(in_clusters[name])
        if not matches:
            k = len(clusters)
            clusters.append(EntityCluster("PER", [f]))
            offsets.append([f.start])
        else:
            ordered = sorted(matches)  # cluster order, as the clusters were made
            k = ordered[0]
            if len(ordered) > 1:  # two Trumps: the one mentioned last before this mention, else the first
                latest = -1
                for c in ordered:
                    at = bisect.bisect_left(offsets[c], f.start)
                    if at and offsets[c][at - 1] > latest:
                        k, latest = c, offsets[c][at - 1]
            clusters[k].mentions.append(f)
            bisect.insort(offsets[k], f.start)
        if f.name not in in_clusters:
            in_clusters[f.name] = []
            index.add(f.name)
        if k not in in_clusters[f.name]:
            in_clusters[f.name].append(k)
            in_clusters[f.name].sort()
    return clusters


def _same_person(a: CandidateMention, b: CandidateMention) -> bool:
    """Same spelling up to inflection and transliteration (a genitive -s is tried away by same_name)."""
    return same_name(a.name, b.name)


class _SurnameIndex:
    """Person names by their surnames' keys, to find the names :func:`same_name` may join to a given one without
    trying every name of the article.

    :func:`same_name` needs the surnames' keys (:func:`word_key` of the last word, and of that word without a
    genitive ending: "Putins" → "putin") to be equal or, by the Indel distance, at least ``THRESHOLD`` similar.
    Two keys of lengths l and l' that similar are at most ``d = (1 - THRESHOLD) (l + l')`` insertions and
    deletions apart, so deleting at most ``2 (1 - THRESHOLD) l / THRESHOLD`` letters from each gives a common
    string, their longest common subsequence ("dmitriov" and "dmitrov" both give "dmitrov"). Each name is filed
    under every such deletion of its keys (for keys shorter than 13 letters only the key itself: the threshold
    lets no letter differ there), and the names filed under a deletion of the query's keys are the candidates: a
    superset of the names :func:`same_name` accepts, which decides as before (this only spares the comparisons
    that cannot succeed: "Merkel" is never compared with "Scholz").

    A key that would need more than :attr:`MAX_DELETIONS` deletions (38 letters and more, no surname: a garbled
    span) is not filed by its deletions: such a name is a candidate for every query, and such a query has every
    name as its candidates, which is exact and stays rare.
    """

    MAX_DELETIONS = 2

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.rate = 2 * (1 - threshold) / threshold
        self.names: dict[str, set[str]] = {}  # a deletion variant of a surname key → names
        self.every: set[str] = set()  # every name filed
        self.long: set[str] = set()  # names with a key too long to file by its deletions

    def _variants(self, name: str) -> set[str] | None:
        """The deletion variants of ``name``'s surname keys; None when a key is too long for them."""
        words_ = names_words(name)
        if not words_:
            return set()  # same_name joins no name without words
        last = words_[-1]
        out: set[str] = set()
        for key in {word_key(last), word_key(strip_genitive(last))}:
            deletions = int(self.rate * len(key) + 1e-6)
            if deletions > self.MAX_DELETIONS:
                return None
            level = {key}
            out.add(key)
            for _ in range(deletions):
                level = {v[:i] + v[i + 1 :] for v in level for i in range(len(v))}
                out |= level
        return out

    def add(self, name: str) -> None:
        self.every.add(name)
        variants = self._variants(name)
        if variants is None:
            self.long.add(name)
            return
        for variant in variants:
            self.names.setdefault(variant, set()).add(name)

    def candidates(self, name: str) -> set[str]:
        """The filed names whose surname keys may be similar enough to ``name``'s."""
        variants = self._variants(name)
        if variants is None:
            return set(self.every)
        out = set(self.long)
        for variant in variants:
            out |= self.names.get(variant, set())
        return out


def _canonical_person(cluster: EntityCluster) -> str:
    raw = [m.name for m in cluster.mentions if not m.description]
    surnames_seen = {n.split()[-1] for n in raw}
    # a genitive goes only where the plain form is written too: "Putins" → "Putin", but "Klaus" stays
    names = [
        _person_name(m) if _person_name(m).split()[-1] in surnames_seen else m.name for m in cluster.mentions if not m.description
    ]
    full = [n for n in names if len(n.split()) > 1]
    surnames = Counter(n.split()[-1] for n in names)
    pool = full or names
    counts = Counter(pool)
    order = {n: k for k, n in reversed(list(enumerate(pool)))}
    return max(counts, key=lambda n: (counts[n], surnames[n.split()[-1]], -order[n]))


# the strong nominative ending of an adjective before a head of this gender: Deutscher Bundestag,
# Deutsche Bank, Deutsches Rotes Kreuz, Vereinigte Arabische Emirate
_STRONG_ENDINGS = {"m": "er", "f": "e", "n": "es", "pl": "e"}
_GENITIVE_ARTICLES = entity_tables.entity_words("genitive_article")  # "des Kreises Vulkaneifel"


@lru_cache(maxsize=65536)
def head_gender(word: str) -> str | None:
    """The gender of a name's head noun by its ending (``name_heads.tsv``): "Bundestag" m,
    "Zentralbank" f, "Bundesverfassungsgericht" n, "Emirate" pl; None when not listed."""
    low = word.lower().rsplit("-", 1)[-1]
    for ending, gender in name_heads():
        if low.endswith(ending):
            return gender
    return None


def _adjective_stem(word: str) -> str | None:
    """The stem of an inflected adjective at the start of a name ("Deutschen" → "Deutsch",
    "Europäische" → "Europäisch"); None for other words: nouns ("Kreises"), a place's
    indeclinable adjective ("Leipziger", "Berliner"), acronyms and compounds."""
    if not word[:1].isupper() or "-" in word or _ACRONYM.search(word):
        return None
    m = _ADJECTIVE.match(word[:1].lower() + word[1:])
    if not m:
        return None
    stem = m.group(1)
    if not (stem.endswith(entity_tables.name_adjectives().suffixes) or stem in entity_tables.name_adjectives().stems):
        return None
    if m.group(2) == "er" and (_lookup(word[:-2]) is not None or stem.endswith(("ig", "al"))):
        return None  # "Leipziger Volkszeitung", "Tiroler": a place's adjective, not inflected
    return word[: len(stem)]


def _genitive_head(word: str) -> str | None:
    """A masculine or neuter head noun without its genitive ending, when the result is a listed
    head: "Kreises" → "Kreis", "Bundesverfassungsgerichts" → "Bundesverfassungsgericht",
    "Bundestages" → "Bundestag"; None for "Paris", "Mercedes", "Mavs"."""
    for ending in ("es", "s"):
        base = word.removesuffix(ending)
        if base != word and len(base) >= 3 and head_gender(base) in ("m", "n"):
            return base
    return None


@lru_cache(maxsize=65536)
def nominative(name: str, before: str = "") -> str:
    """An organisation's, place's or other name in the nominative, as it is cited.

    After "des"/"eines" the head loses its genitive ending ("des Kreises Vulkaneifel" → "Kreis
    Vulkaneifel", "des Bundesverfassungsgerichts" → "Bundesverfassungsgericht"); leading
    adjectives take the strong ending for the head's gender ("der Deutschen Bank" → "Deutsche
    Bank", "des Deutschen Bundestages" → "Deutscher Bundestag", "des Zweiten Weltkriegs" →
    "Zweiter Weltkrieg"), or only lose -en/-em when the head is not listed ("Freien Wähler" →
    "Freie Wähler"). Names ending in s stay ("Paris", "Mavs"); person names are not given here.
    """
    words = name.split()
    k = 0
    stems: list[str] = []
    while k < len(words) - 1 and (stem := _adjective_stem(words[k])) is not None:
        stems.append(stem)
        k += 1
    if before.lower() in _GENITIVE_ARTICLES:
        head = words[k]
        base = _genitive_head(head)
        if base is None and stems and head[-1:] == "s" and head[:-1].isalpha() and not head[:-1].isupper():
            # adjectives between "des" and the head: it is a genitive ("des Nationalsozialistischen Untergrunds")
            base = head[:-2] if head.endswith("es") and head[-3:-2] not in "aeiouäöü" and len(head) > 5 else head[:-1]
        words[k] = base or head
    if stems:
        ending = _STRONG_ENDINGS.get(head_gender(words[k]) or "")
        for j, stem in enumerate(stems):
            old = words[j][len(stem) :]
            words[j] = stem + (ending if ending is not None else "e" if old in ("en", "em") else old)
    return " ".join(words)


@lru_cache(maxsize=65536)
def canonical_name(name: str, before: str = "", kind: str = "ORG") -> str:
    """The canonical name of an organisation, place or other name: the table's (``gazetteer``:
    "Weißen Hauses" → Weißes Haus; an ORG by ``outlets.tsv``: "Welt" → Die Welt), else :func:`nominative`."""
    folded = nominative(name, before)
    for form in (name, folded):
        hit = gazetteer().get(form)
        if hit is not None:
            return hit[0]
        if kind == "ORG" and form in entity_tables.outlets():
            return entity_tables.outlets()[form]
    return folded


def _cluster_others(found: list[CandidateMention], before: dict[int, str] | None = None) -> list[EntityCluster]:
    """Organisations, places and other names, one cluster per canonical name (``before``: the
    word before each mention's start, which tells the case: "des Kreises Vulkaneifel")."""
    by_name: dict[str, EntityCluster] = {}
    before = before or {}
    for f in found:
        name = f.name
        if f.rank in (RANK_MODEL, RANK_RULE) and _lookup(name) is None:
            base = _genitive_base(name)
            if base and base in by_name:
                name = base
        f.name = name = canonical_name(name, before.get(f.start, ""), f.type)
        by_name.setdefault(name, EntityCluster(f.type, [])).mentions.append(f)
    for c in by_name.values():  # the majority's type; on a tie the table's ("US" tagged ORG, "Vereinigte Staaten" LOC)
        counts = Counter(m.type for m in c.mentions)
        table = {m.type for m in c.mentions if m.rank in (RANK_TABLE_ORG, RANK_PLACE)}
        c.type = max(counts, key=lambda t: (counts[t], t in table))
    return list(by_name.values())


# -- roles, metonymy, descriptions -----------------------------------------------------------


def _person_roles(
    tokens: list[Word], starts: dict[int, int], ends: dict[int, int], cluster: EntityCluster, surnames: frozenset[str]
) -> None:
    """The roles before and after a person's mentions ("Rechtsanwältin Sabine Vogt", "Peskow, Sprecher des Kremls"),
    not of a genitive after an article and a role noun (``surnames``: the last words of the article's persons)."""
    for m in cluster.mentions:
        k, last = starts.get(m.start), ends.get(m.end)
        phrase = role_phrase(tokens, k) if k is not None else None
        if phrase and phrase[2] and last is not None and _genitive_of_person(tokens[last].text, surnames):
            roles: list[str] = []  # the role phrase's own genitive (_rule_spans gave the mention the phrase's role too)
        else:
            roles = list(m.roles) + ([phrase[1]] if phrase else [])
        k = ends.get(m.end)
        if k is not None:
            after = _apposition_role(tokens, k + 1)
            if after:
                roles.append(after)
        for r in roles:
            if r not in cluster.roles:
                cluster.roles.append(r)


def _genitive_of_person(word: str, surnames: frozenset[str]) -> bool:
    """Whether a name after an article and a role noun is the genitive of a person the article names: "Der Anwalt
    Grabowskis" (with "Peter Grabowski" named) is Grabowski's lawyer, no role of Grabowski's ("Präsident Macrons
    Besuch", without an article, is one of Macron's)."""
    base = _genitive_base(word)
    return base is not None and base in surnames


def _metonymy_roles(tokens: list[Word], starts: dict[int, int], ends: dict[int, int], cluster: EntityCluster, name: str) -> None:
    entry = entity_tables.metonymy().get(name)
    if entry is None:
        return
    role = entry.role
    if not entry.only_acting:
        cluster.roles.append(role)
        return
    verbs = entity_tables.agent_verbs()
    for m in cluster.mentions:
        k, e = starts.get(m.start), ends.get(m.end)
        if k is None or e is None:
            continue
        before = tokens[k - 1].text.lower() if k > 0 else ""
        nxt = tokens[e + 1].text if e + 1 < len(tokens) else ""
        genitive = tokens[e].text != name and _genitive_base(tokens[e].text) == name and nxt[:1].isupper()
        if before not in PLACE_PREPOSITIONS and (genitive or nxt in verbs):
            cluster.roles.append(role)
            return


def _descriptions(record: Record, tokens: list[Word], clusters: list[EntityCluster], covered: list[tuple[int, int]]) -> None:
    """ "der russische Gesandte" as a mention of the one person with that role.

    The persons whose role fits are looked up by the role noun, not tried one by one: every role is filed under
    each ending of its noun ("US-Sondergesandter" under "gesandter", "sondergesandter" …), so "der Gesandte"
    finds the persons with a role ending in "gesandter", of whom the one with all its adjectives is taken.
    """
    persons = [c for c in clusters if c.type == "PER" and c.roles]
    if not persons:
        return
    by_ending: dict[str, list[tuple[int, frozenset[str]]]] = {}  # an ending of a role's noun → (person, its adjectives)
    for n, c in enumerate(persons):
        for r in c.roles:
            role_words = r.split()
            noun = role_words[-1].lower()
            for k in range(len(noun)):
                by_ending.setdefault(noun[k:], []).append((n, frozenset(role_words[:-1])))
    bounds = sorted(covered)
    sentence_starts = {s.start for s in record.sentences}
    for i, tok in enumerate(tokens):
        if role_noun(tok.text) is None or _inside(bounds, tok.start, tok.end):
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and _inside(bounds, nxt.start, nxt.end):
            continue  # the role phrase of a name, not a description
        phrase = role_phrase(tokens, i + 1)
        if phrase is None:
            continue
        first, role, determiner = phrase
        if determiner and tokens[first].text.lower() not in DEFINITE:
            continue  # "ein Soldat" introduces someone new
        if determiner and tokens[first].text.lower() in _PLURAL_ARTICLES and not tok.text.endswith(("in", "e")):
            continue  # "die Handelsminister der EU-Staaten", "die Gesandten": plural, not the one person
        if not determiner and tokens[first].start not in sentence_starts:
            continue
        words = role.split()
        # the same role, or the same noun with fewer adjectives ("der Gesandte" ~ "russischer Gesandter")
        # a compound's head counts: "der Gesandte" fits "US-Sondergesandter" as well as "russischer Gesandter"
        adjectives = set(words[:-1])
        matches = {n for n, has in by_ending.get(words[-1].lower(), ()) if adjectives <= has}
        if len(matches) == 1:
            start = tokens[first].start
            persons[matches.pop()].mentions.append(
                CandidateMention(start, tok.end, "PER", record.text[start : tok.end], RANK_SPREAD, description=True)
            )
            bisect.insort(bounds, (start, tok.end))


# -- the stage -------------------------------------------------------------------------------


@stage("entities", version=VERSION, order=20, requires=("text", "doc", "sentences"), assigns=("entities",))
def entities(record: Record, spans: list[tuple[int, int, str]] | None = None) -> None:
    """Fill ``record.entities`` (the stage after segment).

    ``spans`` are (start, end, type) spans to use instead of the NER model's
    (tests give hand-made ones); by default the model runs.
    """
    if record.doc is None:
        from .segment import segment

        segment(record)
    tokens = words(record)
    common = _common_nouns(tokens)
    found = _clean_model_spans(record, tokens, model_spans(record) if spans is None else spans, common)
    found += _gazetteer_spans(record, tokens)
    found += _rule_spans(tokens, common)
    found += _first_name_spans(tokens, common)
    found += _org_head_spans(tokens, common)
    found += _speaker_spans(tokens, common)
    found += _title_spans(tokens, common)
    found += _person_noun_spans(tokens, common)
    found += _currency_spans(tokens)
    found += _title_spans_in_quotes(tokens)
    found += _institution_spans(tokens)
    found += _domain_spans(tokens)
    found += _acronym_spans(record, tokens)
    found = [f for f in found if f.rank in (RANK_TABLE_ORG, RANK_PLACE) or not _not_a_name(record.text[f.start : f.end])]
    found = _resolve_overlaps(found)
    _harmonise_types(found)
    _coordinated_persons(tokens, found)
    _quoted_titles(tokens, found)
    found = _spread(record, tokens, found)
    found = _abbreviations(record, tokens, found)
    found = _short_names(record, tokens, found)
    build(record, tokens, found)


def build(record: Record, tokens: list[Word], found: list[CandidateMention]) -> None:
    """Group found mentions into entities with canonical names, roles and descriptions."""
    starts = {t.start: k for k, t in enumerate(tokens)}
    ends = {t.end: k for k, t in enumerate(tokens)}
    persons = [f for f in found if f.type == "PER"]
    written = Counter(f.name.split()[-1] for f in persons)
    person_starts = {f.start for f in persons}
    for f in persons:  # a genitive before its noun: "Putins Sprecher", "Witkoffs Besuch" (not "Sepp Plieseis … Plieseis Frau")
        k = ends.get(f.end)
        if (
            k is not None
            and written[f.name.split()[-1]] == 1
            and k + 1 < len(tokens)
            and tokens[k + 1].text[:1].isupper()
            and _genitive_base(f.name.split()[-1])
            and tokens[k + 1].start not in person_starts
        ):
            f.name = _person_name(f)
    before = {t.start: tokens[k - 1].text for k, t in enumerate(tokens) if k}
    clusters = _cluster_persons(persons) + _cluster_others([f for f in found if f.type != "PER"], before)
    surnames = frozenset(f.name.split()[-1] for f in persons)
    for c in clusters:
        if c.type == "PER":
            _person_roles(tokens, starts, ends, c, surnames)
        else:
            _metonymy_roles(tokens, starts, ends, c, c.mentions[0].name)
    _descriptions(record, tokens, clusters, [(f.start, f.end) for f in found])
    clusters.sort(key=lambda c: c.first)
    out: list[Entity] = []
    for n, c in enumerate(clusters, 1):
        name = _canonical_person(c) if c.type == "PER" else c.mentions[0].name
        mentions = [
            Mention(start=m.start, end=m.end, text=record.text[m.start : m.end], sentence=record.sentence_at(m.start))
            for m in sorted(c.mentions, key=lambda m: m.start)
        ]
        out.append(Entity(id=f"e{n}", type=c.type, name=name, mentions=mentions, roles=list(dict.fromkeys(c.roles))))
    record.entities = out
