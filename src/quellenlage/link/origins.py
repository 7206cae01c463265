"""Independent origins: how many sources a story really rests on, and who took it from whom.

Ten outlets reporting the same claim are not ten confirmations when eight print one dpa text and two cite
the same Axios report. For a story-level event or claim, :func:`count` counts its **reports** (articles), its
**outlets**, and its **independent origins**, and draws the **tree** from the outlets to their sources. The
rules, each with a German example:

1. **A source chain collapses to its innermost named source.** Everything "laut Axios" is one origin,
   Axios; "Wie Axios unter Berufung auf US-Beamte berichtet" is still Axios: an unnamed source behind a
   named one is that source's. ``["ntv.de", "Axios", "US-amerikanische und russische Beamte"]`` → Axios (a
   named origin: :attr:`Origin.anonymous` is False).
   A chain three deep ("Die Zeit berichtet, laut Reuters habe Selenskyj gesagt, …") → Selenskyj.
   **A spokesperson or adviser is the institution's voice** (:func:`voice_of`, ``lang/de/voices.tsv``):
   "Kremlsprecher Peskow" and "Kremlberater Uschakow" are both the Kreml, one origin, and so is "der Kreml"
   itself. The roles are the story entity's, gathered over all articles: "Uschakow" in an article that does
   not call him "Kremlberater" is still the Kreml's voice. A head speaks for himself ("Kremlchef Putin" is
   Putin), and a person whose roles name two institutions is taken by name. A bare pronoun the attribution
   could not resolve ("sie sagte", no entity) names nobody: it is an unnamed source of unknown kind.
2. **An unnamed source with no named one between it and the outlet is the outlet's, once per kind.** "ein
   US-Beamter" and "US-Beamte" in two spiegel.de articles are one origin, "spiegel.de: anonymous official";
   "US-Beamte" at faz.net is another, "faz.net: anonymous official". The kind is the source's
   ``anonymous_kind`` (the innermost unnamed source's, "unknown" when it has none).
3. **An outlet's own unattributed assertion is the outlet's origin** ("Das Treffen in Budapest ist
   abgesagt." at tagesschau.de → tagesschau.de) — **unless the article is agency copy**: "Berlin (dpa) - Das
   Treffen ist abgesagt." printed by zeit.de is dpa's. The same holds for rule 2: an unnamed source in dpa
   copy is "dpa: anonymous official".
4. **Agency copy is found by its credits** (:func:`agency_credits`): ``meta.agencies`` (the byline or
   footer: "Quelle: ntv.de, ghö/dpa"), the datelines and credits the datelines stage found ("Berlin (dpa) -",
   "(Reuters/jW)", "Quelle: AFP"), credit lines ("Mit Material von dpa und AFP") and lines of sigla only
   ("kry/dpa"). Names are canonical through ``lang/de/agencies.tsv`` and ``agency_names.tsv``: "dpa/lrs" →
   dpa (lrs is dpa's Rhineland-Palatinate service), "Deutsche Presse-Agentur" → dpa; further sigla after an
   agency ("jW", an author's "kry") are not agencies. Of several agencies ("dpa/AFP") the first credited is
   the origin.
5. **Copies of one text are one origin** (:attr:`Report.copy_of`, from the near-duplicate texts of
   :mod:`quellenlage.link.copies`): the same dpa text at zeit.de and ntv.de, credited by one of them or by
   none, counts once — as the source the text names where one copy's chain reaches it ("Kremlberater
   Uschakow" in zeit.de's copy; the other copies, their first paragraph reworded, rest on the text itself),
   else as the first copy's origin. The copies' own assertions and unnamed sources are the agency's if any copy credits
   one, else the outlet's that published the text first ("US-Beamte" in a spiegel.de text reprinted by
   stern.de the next day: "spiegel.de: anonymous official").

Names of named sources compare case-insensitively after the agency and outlet tables made them canonical
("Deutschen Presse-Agentur" and "dpa" are one origin). People are compared by name only: that "Selenskyj"
and "Wolodymyr Selenskyj" are one person is the entity linker's to say, not this module's.

The tree gives each outlet's path to its sources: the outlet, then the agency or the earlier outlet whose copy
it printed (rule 5), then the chain as written: ntv.de → Axios → US-amerikanische und russische Beamte;
zeit.de → dpa. Nodes with the same name under one parent are one node.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TypedDict
from zoneinfo import ZoneInfo

from ..lang import de
from ..lang.de import attribution_tables, entity_tables
from ..patterns import alternation
from ..record import Record, Source

_BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class Origin:
    """One independent origin: ``name`` ("Axios", "dpa", "spiegel.de", "spiegel.de: anonymous official"), the
    source chain it was read from (names as given, outermost first), and whether it is an unnamed source."""

    name: str
    chain: tuple[str, ...]
    anonymous: bool


@dataclass(frozen=True)
class Report:
    """One article's report of the event or claim: on the word of ``chain`` (outermost first, the outlet first),
    with the agencies the article credits (:func:`agency_credits`) and the article whose text it copies."""

    article: str
    outlet: str
    published: str | None
    chain: tuple[Source, ...]
    agencies: tuple[str, ...] = ()
    copy_of: str | None = None
    voices: tuple[tuple[str, str], ...] = ()
    """(source name as in the chain, institution) for the chain's spokespeople and advisers (:func:`voice_of`)."""


class Node(TypedDict):
    """A node of the tree: a name and those it took the story from."""

    name: str
    children: list[Node]


@dataclass(frozen=True)
class Counts:
    """What :func:`count` finds: the number of reports (articles), outlets and independent origins, the origins
    (in order of first publication) and the tree from the outlets to their sources."""

    reports: int
    outlets: int
    origins: int
    origin_list: tuple[Origin, ...]
    tree: list[Node]

    def to_dict(self) -> dict:
        return {
            "reports": self.reports,
            "outlets": self.outlets,
            "origins": self.origins,
            "origin_list": [{"name": o.name, "chain": list(o.chain), "anonymous": o.anonymous} for o in self.origin_list],
            "tree": self.tree,
        }


# --- agency credits ---------------------------------------------------------------------------------


def agency(name: str) -> str | None:
    """The canonical agency of a siglum or name as written ("dpa", "Deutsche Presse-Agentur", "lby" → dpa), else
    None."""
    key = " ".join(name.split()).lower()
    return de.agencies().get(key) or attribution_tables.agency_names().get(key)


@cache
def _split() -> re.Pattern[str]:
    """What separates the agencies of a credit: "/", ",", "&" and the coordinators ("dpa und AFP")."""
    return re.compile(rf"\s*(?:[,/&]|\b(?:{alternation(de.function_words('coordinator'))})\b)\s*", re.IGNORECASE)


def _credited(credit: str, *, declared: bool = False) -> list[str]:
    """The agencies of one credit ("dpa/lrs" → [dpa]; "ghö/dpa" → [dpa]). Parts that are no agency are sigla of
    a service or an author and drop out; a credit ``declared`` to be an agency (``meta.agencies``) that names
    none we know stays as written ("Xinhua")."""
    parts = [p.strip(" .;:()") for p in _split().split(credit)]
    known = [a for a in (agency(p) for p in parts if p) if a]
    if not known and declared and credit.strip():
        return [" ".join(credit.split())]
    return known


@cache
def _opener() -> re.Pattern[str]:
    """A credit line's opener and what follows it up to the end of the sentence or line ("Mit Material von dpa
    und AFP.")."""
    openers = alternation(attribution_tables.credit_openers(), spaces=True)
    return re.compile(rf"\b(?:{openers})\s+(?P<credit>[^.\n]{{1,120}})", re.IGNORECASE)


#: A line of sigla or agency names only: "kry/dpa", "ZEIT ONLINE, dpa, AFP", "(dpa)".
_SIGLA_LINE = re.compile(r"^\(?[\w.-]+(?: [\w.-]+){0,2}(?:\s*[/,]\s*[\w.-]+(?: [\w.-]+){0,2})*\)?$")


def _credit_lines(text: str) -> list[str]:
    found: list[str] = []
    for m in _opener().finditer(text):
        found += _credited(m.group("credit"))
    for line in text.splitlines():
        line = line.strip()
        if len(line) <= 60 and _SIGLA_LINE.match(line):
            found += _credited(line)
    return found


def agency_credits(record: Record) -> list[str]:
    """The agencies an article credits, canonical, each once, in this order: ``meta.agencies``, the datelines
    and credits in the text ("Mainz (dpa/lrs) -", "Quelle: AFP"), credit lines ("Mit Material von Reuters")
    and sigla lines ("kry/dpa"). Empty for an outlet's own text."""
    found: list[str] = []
    for credit in record.meta.agencies:
        found += _credited(credit, declared=True)
    for d in record.datelines:
        found += _credited("/".join(d.agencies))
    found += _credit_lines(record.text)
    return list(dict.fromkeys(found))


# --- voices of institutions ---------------------------------------------------------------------------


def _voice(role: str) -> str | None:
    """The institution one role speaks for: "Kremlsprecher", "Pentagon-Sprecherin", "stellvertretender
    Kremlsprecher", "Sprecherin des Weißen Hauses" → that institution; else None."""
    table = attribution_tables.voices()
    r = " ".join(role.lower().split())
    for det in (" des ", " der "):
        if det in r:
            left, right = r.rsplit(det, 1)
            if left and left.split()[-1].endswith(table.heads) and right in table.stems:
                return table.stems[right]
    last = r.split()[-1] if r else ""
    for stem, institution in table.stems.items():
        if last.startswith(stem) and last[len(stem) :].lstrip("-").endswith(table.heads):
            return institution
    return None


def voice_of(roles: Iterable[str]) -> str | None:
    """The institution a person with these roles speaks for: the one their spokesperson's or adviser's roles
    name ("Kremlberater" → Kreml); None when none does, or two different ones do (precision first)."""
    found = {v for v in (_voice(r) for r in roles) if v}
    return found.pop() if len(found) == 1 else None


# --- one chain --------------------------------------------------------------------------------------


def canonical(name: str) -> str:
    """A named source's canonical name: an agency's ("Deutschen Presse-Agentur" → dpa), an outlet's ("Welt" →
    Die Welt), else the name with its white space made single."""
    plain = " ".join(name.split())
    return agency(plain) or entity_tables.outlets().get(plain) or entity_tables.outlets_common().get(plain) or plain


def _same(a: str, b: str) -> bool:
    return canonical(a).casefold() == canonical(b).casefold()


def _inner(chain: Sequence[Source], outlet: str) -> list[Source]:
    """The chain behind the publishing outlet (the outlet stands first in a record's chains)."""
    chain = list(chain)
    return chain[1:] if chain and _same(chain[0].name, outlet) else chain


def _unresolved(source: Source) -> Source:
    """A bare pronoun the attribution could not resolve ("sie sagte", no entity) names nobody: an unnamed
    source of unknown kind, not a named origin "sie"."""
    if not source.anonymous and source.entity is None and source.name.lower() in de.function_words("personal_pronoun"):
        return Source(name=source.name, anonymous=True, anonymous_kind="unknown")
    return source


def _origin(chain: Sequence[Source], outlet: str, owner: str, voices: Sequence[tuple[str, str]] = ()) -> Origin:
    """The origin of ``chain`` published by ``outlet`` in a text that is ``owner``'s (the outlet's own, an
    agency's, or the outlet's that published it first); ``voices``: the chain's spokespeople and the
    institutions they speak for."""
    names = tuple(s.name for s in chain)
    inner = [_unresolved(s) for s in _inner(chain, outlet)]
    k = next((i for i in range(len(inner) - 1, -1, -1) if not inner[i].anonymous), -1)
    if k >= 0 and not _same(inner[k].name, outlet):
        speaks_for = dict(voices).get(inner[k].name)
        return Origin(canonical(speaks_for or inner[k].name), names, anonymous=False)
    behind = inner[k + 1 :]  # unnamed sources, behind the outlet itself
    if not behind:  # the outlet's own assertion
        return Origin(canonical(owner), names, anonymous=False)
    return Origin(f"{canonical(owner)}: anonymous {behind[-1].anonymous_kind or 'unknown'}", names, anonymous=True)


def origin(chain: Sequence[Source], *, outlet: str, agencies: Sequence[str] = ()) -> Origin:
    """The independent origin of one report: ``chain`` outermost first (a record's chains begin with the
    outlet), published by ``outlet``, in an article crediting ``agencies`` (rules 1–4 of the module docstring)."""
    credited = _credits(agencies)
    return _origin(chain, outlet, credited[0] if credited else outlet)


# --- many reports -----------------------------------------------------------------------------------


def _when(published: str | None) -> datetime:
    """A sortable publication time: a date is its midnight, a time without offset Berlin's; unknown is last."""
    if published:
        try:
            t = datetime.fromisoformat(published)
        except ValueError:
            pass
        else:
            return t if t.tzinfo else t.replace(tzinfo=_BERLIN)
    return datetime.max.replace(tzinfo=_BERLIN)


def _copy_groups(reports: Sequence[Report]) -> dict[str, str]:
    """Article id → the id standing for its group of copies (``copy_of`` links, followed transitively)."""
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        parent.setdefault(a, a)
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for r in reports:
        find(r.article)
        if r.copy_of:
            parent[find(r.article)] = find(r.copy_of)
    return {r.article: find(r.article) for r in reports}


def _credits(agencies: Iterable[str]) -> list[str]:
    return [a for credit in agencies for a in _credited(credit, declared=True)]


def _owners(ordered: Sequence[Report], group: dict[str, str]) -> dict[str, str]:
    """Article id → whose text it is: the first agency credited in its group of copies (``group``, from
    :func:`_copy_groups`), else the outlet that published the group's text first (rules 3–5). ``ordered``:
    earliest first."""
    first_outlet: dict[str, str] = {}
    first_agency: dict[str, str] = {}
    for r in ordered:
        first_outlet.setdefault(group[r.article], r.outlet)
        credited = _credits(r.agencies)
        if credited:
            first_agency.setdefault(group[r.article], credited[0])
    return {r.article: first_agency.get(group[r.article]) or first_outlet[group[r.article]] for r in ordered}


def _insert(roots: list[Node], path: Sequence[str]) -> None:
    level = roots
    for name in path:
        node = next((n for n in level if n["name"] == name), None)
        if node is None:
            node = Node(name=name, children=[])
            level.append(node)
        level = node["children"]


def _path(report: Report, owner: str) -> list[str]:
    """The report's path in the tree: its outlet, whose copy it printed, then the chain behind the outlet."""
    inner = [s.name for s in _inner(report.chain, report.outlet)]
    path = [report.outlet]
    if not _same(owner, report.outlet) and not (inner and _same(inner[0], owner)):
        path.append(canonical(owner))
    return path + inner


def count(reports: Iterable[Report]) -> Counts:
    """Reports, outlets and independent origins of one event or claim, and the tree from outlets to sources.

    An article may give several reports (two chains for one claim): it counts once as a report. Origins and
    tree nodes come in order of first publication (reports without a date last, in the order given).
    """
    ordered = sorted(reports, key=lambda r: _when(r.published))  # stable: ties keep the order given
    group = _copy_groups(ordered)
    owners = _owners(ordered, group)
    found = {id(r): _origin(r.chain, r.outlet, owners[r.article], r.voices) for r in ordered}
    # copies of one text are one report of it: one origin for the group, the source its text names where
    # one copy's chain reaches it ("Kremlberater Uschakow" in zeit.de's dpa copy), else the first copy's
    of_group: dict[str, Origin] = {}

    def named_beyond(o: Origin, owner: str) -> bool:
        return not o.anonymous and not _same(o.name, owner)

    for r in ordered:
        o, owner = found[id(r)], owners[r.article]
        have = of_group.get(group[r.article])
        if have is None or (not named_beyond(have, owner) and named_beyond(o, owner)):
            of_group[group[r.article]] = o
    size = Counter(group[a] for a in {r.article for r in ordered})
    origins: dict[str, Origin] = {}
    roots: list[Node] = []
    for r in ordered:
        o = of_group[group[r.article]] if size[group[r.article]] > 1 else found[id(r)]
        origins.setdefault(o.name.casefold(), o)
        _insert(roots, _path(r, owners[r.article]))
    return Counts(
        reports=len({r.article for r in ordered}),
        outlets=len({r.outlet.casefold() for r in ordered}),
        origins=len(origins),
        origin_list=tuple(origins.values()),
        tree=roots,
    )
