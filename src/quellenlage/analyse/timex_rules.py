"""Finding German time expressions: compiled regexes built from the tables in ``lang/de/time``.

Each rule is a named regex; :func:`find` runs every rule over the whole text
(one C-level scan per rule, no Python loop over tokens), keeps the candidates
that pass the rule's check, and resolves overlaps leftmost-longest (earlier
rules win ties). What a match *means* is decided in :mod:`.timex_values`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import patterns
from ..lang import de
from ..lang.de.time_tables import (
    age_nouns,
    anaphor_words,
    decade_words,
    deictic_days,
    holiday_heads,
    holiday_stems,
    holidays,
    lasting_words,
    line_words,
    modifiers,
    numbers,
    parts_of_day,
    quantity_modifiers,
    reference_words,
    relative_words,
    rule_words,
    seasons,
    unit_adjectives,
    units,
    vague_numbers,
    weekdays,
)


@cache
def months() -> dict[str, int]:
    """Month names as written ("Oktober", "Okt.") → month number: the names of ``months.tsv``
    (:func:`quellenlage.lang.de.months` reads them lower-cased), each with its capital."""
    return {name[:1].upper() + name[1:]: n for name, n in de.months().items()}


def _one_of(slot: str, either_case: bool = False, space: str = r"\s") -> str:
    """The words of one slot of ``time/rule_words.tsv`` as regex alternatives (no group), in table order: a space
    in a word matches ``space``; with ``either_case`` its first letter matches in either case ("[Vv]om")."""
    out = []
    for word in rule_words()[slot]:
        rx = space.join(re.escape(part) for part in word.split(" "))
        out.append(f"[{word[0].upper()}{word[0]}]{rx[1:]}" if either_case else rx)
    return "|".join(out)


def _alt(words, capitalise: bool = False) -> str:
    forms = set(words)
    if capitalise:
        forms |= {w[:1].upper() + w[1:] for w in words}
    return "(?:" + patterns.alternation(forms) + ")"


@dataclass(frozen=True)
class RuleMatch:
    """A stretch of text one rule recognised (``match`` keeps its named groups)."""

    start: int
    end: int
    rule: str
    match: re.Match[str]


def required_group(m: re.Match[str], name: str) -> str:
    """A named group that every match of its rule fills (a part of the pattern that is not optional)."""
    value = m.groupdict().get(name)
    assert value is not None, f"group {name} is not optional"
    return value


_B = r"(?<![\w.-])"  # start of a word (not inside a number or a compound with hyphen)
_E = r"(?![\w-])"  # end of a word


@lru_cache(maxsize=1)
def rules() -> list[tuple[str, re.Pattern]]:
    """(name, compiled regex), in priority order for overlapping matches of equal length."""
    month = (
        "(?:"
        + "|".join(re.escape(m) + ("" if m.endswith(".") else r"s?(?![\w])") for m in sorted(months(), key=len, reverse=True))
        + ")"
    )
    num = r"(?:\d+(?:,\d+)?|" + _alt(numbers(), capitalise=True)[3:]
    vague = _alt(vague_numbers(), capitalise=True)
    unit = _alt(units())
    mod = _alt(modifiers())
    qmod = _alt(quantity_modifiers(), capitalise=True)
    weekday = _alt(weekdays())
    rel = _alt(relative_words(), capitalise=True)
    pod_nouns = _alt([p for p in parts_of_day() if p[0].isupper()])
    pod_lower = "(?:" + "|".join(sorted({p.lower() for p in parts_of_day() if p[0].isupper()}, key=len, reverse=True)) + ")"
    season = _alt(seasons())
    bc = r"(?P<bc>\s?v\.\s?Chr\.?|\s?n\.\s?Chr\.?)?"
    day = r"(?:[12]\d|3[01]|0?[1-9])"
    year = r"(?:\d{3,4}(?!\d|,\d)|\d{1,2}(?=\s?v\.\s?Chr))"
    hhmm = r"(?P<H>[01]?\d|2[0-4])(?:[:.](?P<M>[0-5]\d))?\s?Uhr(?:\s(?P<M2>[0-5]\d)(?!\d))?"
    tz = rf"(?P<tz>\s(?:{_one_of('time_zone', space=' ')}))?"
    # a clock time after a date: "19.11.2025, 09:47 Uhr", "29.12.2015 00:16", "12. Februar 2016 - 13:51 Uhr",
    # "13.01.2016 / 07:39"; without "Uhr" only H:MM with a colon (seconds dropped: "15:21:52")
    clock = (
        r"(?P<H>[01]?\d|2[0-4])(?::(?P<M>[0-5]\d)(?::[0-5]\d)?(?![\d:])(?:\s?Uhr)?"
        r"|(?:\.(?P<Md>[0-5]\d))?\s?Uhr(?:\s(?P<M2>[0-5]\d)(?!\d))?)"
    )
    with_time = rf"(?:(?:,\s(?:um\s|[-–/|]\s)?|[ \xa0](?:[-–/|][ \xa0])?){clock}{tz})?"
    # "1.03. 2016 in Baden", "1.03. 2016 14:00 Uhr", not "am 3.11. 2000 Menschen", "am 3.11. 2000 Euro"
    spaced_year_end = r"(?![ \xa0]+(?:\d(?!\d?[:.][0-5]\d)|%|[A-ZÄÖÜ]))"
    span_conn = rf"\s?(?:–|-|/|{_one_of('day_span')})\s?"
    ref_words = _alt(reference_words(), capitalise=True)
    anaphor = _alt(anaphor_words(), capitalise=True)
    holiday = _alt(holidays())
    heads = _alt(holiday_heads())
    heads_lower = _alt(h.lower() for h in holiday_heads())
    stems = _alt(holiday_stems())
    decade_word = _alt(decade_words(), capitalise=True)
    clock_prep = _one_of("clock_prep", either_case=True)
    article = _one_of("date_article")
    date_span = _one_of("date_span")
    pod_adjective = _one_of("pod_adjective")
    of_year = _one_of("of_year_step")
    # "heute", "Heute"; not "Morgen": at the start of a sentence it is the morning, a part of the day
    days = list(deictic_days())
    capitalised = [w[:1].upper() + w[1:] for w in days]
    deictic = "|".join(re.escape(w) for w in [*days, *(w for w in capitalised if w not in parts_of_day())])
    table = [
        # "12.11.2015", "Donnerstag, 12.11.2015" (the weekday is part of it), "1.03. 2016" (a 4-digit year after a
        # space, not before an amount or a noun: "am 3.11. 2000 Menschen")
        (
            "date_numeric",
            rf"{_B}(?:(?P<wd>{weekday}),?\s(?:(?:{article})\s)?)?(?P<d>{day})\.(?P<m>1[0-2]|0?[1-9])\.(?:(?P<y>\d{{4}}|\d{{2}})(?!\d)|[ \xa0](?P<ys>(?:1[89]|20)\d\d)(?![\d.,]\d|\d){spaced_year_end}){with_time}",
        ),
        (
            "range_short",
            rf"(?P<pre>(?:{_one_of('range_from', either_case=True)})\s)?{_B}(?P<d1>{day})\.(?:(?P<m1>1[0-2]|0?[1-9])\.)?\s?(?:–|-|{date_span})\s?(?P<d2>{day})\.(?P<m>1[0-2]|0?[1-9])\.(?:(?P<y>\d{{4}}(?!\d))|[ \xa0](?P<ys>(?:1[89]|20)\d\d)(?![\d.,]\d|\d){spaced_year_end})?",
        ),
        ("date_short", rf"{_B}(?P<wd>{weekday}),?\s(?:(?:{article})\s)?(?P<d>{day})\.(?P<m>1[0-2]|0?[1-9])\.(?![\d.])"),
        ("date_short", rf"{_B}(?P<d>{day})\.(?P<m>1[0-2]|0?[1-9])\.(?![\d.])"),
        ("date_iso", rf"{_B}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<H>\d\d):(?P<M>\d\d))?(?!\d)"),
        (
            "range_dates",
            rf"(?P<pre>(?:[Vv]om|[Zz]wischen\s(?:dem)?)\s?)(?P<d1>{day})\.\s?(?P<mon1>{month})(?:\s(?P<y1>{year}))?\s(?:{date_span})\s(?P<d2>{day})\.\s?(?P<mon2>{month})(?:\s(?P<y2>{year}))?",
        ),
        (
            "range_days",
            rf"(?P<pre>(?:{_one_of('day_range_from', either_case=True)})\s)?{_B}(?P<d1>{day})\.{span_conn}(?P<d2>{day})\.\s?(?P<mon>{month})(?:\s(?P<y>{year}){bc})?",
        ),
        (
            "range_years",
            rf"(?P<pre>(?:{_one_of('year_range_from', either_case=True)})\s)(?P<y1>\d{{4}})\s(?:{_one_of('year_span')})\s(?P<y2>\d{{4}})(?!\d|[.,]\d)",
        ),
        (
            "year_pair",
            rf"{_B}(?P<y1>\d{{4}}|\d{{1,3}}(?=\s?[/–-]\s?\d{{1,3}}\s?v\.\s?Chr))\s?[/–-]\s?(?P<y2>\d{{2}}|\d{{4}}|\d{{1,3}}(?=\s?v\.\s?Chr))(?![\d.,:]){bc}",
        ),
        (
            "weekday_date",
            rf"{_B}(?P<wd>{weekday}),?\s(?:(?:{article})\s)?(?P<d>{day})\.\s?(?P<mon>{month})(?:\s(?P<y>{year}))?{with_time}",
        ),
        (
            "day_month",
            rf"{_B}(?P<d>{day})\.\s?(?P<mon>{month})(?:\s(?P<y>{year}){bc})?{with_time}(?:\s(?P<H2>[01]?\d|2[0-3])\sUhr)?",
        ),
        (
            "part_of_date",
            rf"(?P<adj>(?:{pod_adjective})\s)?(?P<pod>{pod_nouns})\s(?:{_one_of('pod_date_link')})\s(?P<d>{day})\.(?:\s?(?P<mon>{month})(?:\s(?P<y>{year}))?)?(?=(?:\s(?:{_one_of('pod_night_to')})\s(?:den\s)?{day}\.\s?(?P<mon2>{month})(?:\s(?P<y2>{year}))?)?)",
        ),
        (
            "part_of_anaphor",
            rf"(?P<adj>(?:{pod_adjective})\s)?(?:(?P<am>{_one_of('pod_at', either_case=True)})\s(?:(?P<same>{_one_of('pod_same')})\s|(?P<adj2>{_one_of('early_late')})\s)?|(?P<same2>{_one_of('pod_day_step')})\s)?(?P<pod>{pod_nouns})(?:\s(?:(?P<of>{_one_of('pod_of_day')})\sTages))?{_E}(?!\s(?:{_one_of('pod_dated_by')})\s(?:den\s)?(?:\d|{weekday}))",
        ),
        (
            "day_then_pod",
            rf"{_B}(?P<d>{day})\.\s?(?P<mon>{month})(?:\s(?P<y>{year}))?\s(?P<podadv>{_one_of('day_adverb')})",
        ),
        (
            "month_year",
            rf"{_B}(?P<mon>{month})\s(?:(?P<of>des\s(?:(?:{of_year})\s)?Jahres|desselben\sJahres)(?:\s(?P<y2>{year}))?|(?P<y>{year}){bc})",
        ),
        (
            "century",
            rf"(?:(?P<mod>{mod})\s(?:des\s)?)?(?P<n>[1-9]|1\d|2[01])\.\s?(?:{_one_of('century_noun')})(?:\s?v\.\s?Chr\.?(?P<bcc>))?",
        ),
        (
            "decade",
            rf"(?:(?P<mod>{mod})\s(?:der\s)?)?(?:(?P<dec>\d{{1,3}}0)er(?:-|\s)?(?:{_one_of('decade_noun')})|(?P<decw>{decade_word})\s(?:{_one_of('decade_word_noun')}))(?:\s?v\.\s?Chr\.?(?P<bcc>))?{_E}",
        ),
        (
            "vague_part",
            rf"(?P<mod>{mod})\s(?:(?P<mon>{month})(?:\s(?P<y>{year}))?|des\s(?:(?P<rel>{rel})\s)?(?P<unit>{_one_of('part_unit')})(?:\s(?P<y2>{year}))?|der\s(?:(?P<relw>{rel})\s)?(?P<week>Woche)|(?P<y3>\d{{3,4}})(?![\d,])){bc}",
        ),
        (
            "season",
            rf"(?:(?P<adj>{_one_of('early_late')})\s)?(?:(?P<s>{season})(?:es|s)?|(?P<pre>{_one_of('season_prefix', either_case=True)})(?P<s2>{_one_of('season_stem')}))(?:\s(?:(?:des\sJahres\s)?(?P<y>{year}){bc}|(?P<of>des\s(?:(?:{of_year})\s)?Jahres|desselben\sJahres)))?{_E}",
        ),
        ("holiday", rf"{_B}(?P<h>{holiday})(?:-(?P<head>{heads}))?(?:\s(?P<y>\d{{4}}))?{_E}"),
        ("holiday_compound", rf"{_B}(?P<stem>{stems})(?P<head>{heads_lower}){_E}(?:\s(?P<y>\d{{4}}))?"),
        ("time_of_day", rf"{_B}(?:(?P<um>{clock_prep})\s)?{hhmm}{tz}(?P<early>\sfrüh)?"),
        ("clock_bare", rf"{_B}(?P<um>{clock_prep})\s(?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)(?![\d:])"),
        ("midnight", rf"{_B}(?P<w>{_one_of('clock_noun')}){_E}"),
        (
            "deictic_day",
            rf"{_B}(?P<w>{deictic})(?:\s(?P<pod>{pod_nouns}|früh))?{_E}",
        ),
        ("weekday_set", rf"{_B}(?P<wd>{'|'.join(w.lower() for w in weekdays())}|{'|'.join(weekdays())})s{_E}"),
        ("week_weekday", rf"(?P<rel>{rel})\sWoche\s(?P<wd>{weekday}){_E}"),
        ("week_weekday", rf"{_B}(?P<wd2>{weekday})\s(?:(?:{_one_of('week_of')})\s)?(?P<rel2>{rel})\sWoche{_E}"),
        ("weekday", rf"(?:(?P<rel>{rel})\s)?{_B}(?P<wd>{weekday})(?P<pod>{pod_lower})?(?P<s>s)?{_E}"),
        (
            "relative_unit",
            rf"(?P<rel>{rel})\s(?P<unit>{unit}|Wochenende)(?P<after>\s(?:{_one_of('unit_after')}))?{_E}",
        ),
        ("unit_then", rf"{_B}(?P<unit>{_one_of('then_unit')})\s(?P<after>{_one_of('then')}){_E}"),
        (
            "of_year",
            rf"(?:(?P<lauf>{_one_of('of_year_course')})\s)?(?P<the>{_one_of('of_year_det')})\s(?:(?P<rel>{rel})\s)?Jahres?(?:\s(?P<y>{year}){bc})?{_E}",
        ),
        ("anaphor", rf"{_B}(?P<w>{anaphor}){_E}(?:\s(?P<y>\d{{4}})(?![\d,]))?"),
        (
            "duration",
            rf"{_B}(?:(?P<prep>{_one_of('duration_prep', either_case=True)})\s)?(?:(?P<qmod>{qmod})\s)?(?:(?P<n>{num})|(?P<vague>{vague}))\s(?:(?:{_one_of('duration_adjective')})\s)?(?P<unit>{unit})(?P<after>\s(?:{_one_of('duration_after')}))?{_E}",
        ),
        (
            "duration_plain",
            rf"(?P<prep>[Ss]eit\s)?{_B}(?P<w>{_one_of('plain_duration')})(?P<after>\s(?:{_one_of('plain_after')}))?{_E}",
        ),
        (
            "duration_adj",
            rf"{_B}(?P<n>\d+-|{_alt(numbers(), capitalise=True)})(?P<stem>{_alt(unit_adjectives())}|jährig)(?:e[nmrs]?)?{_E}",
        ),
        ("lasting", rf"{_B}(?P<w>{_alt(lasting_words())})(?:e[nmrs]?)?{_E}"),
        (
            "set",
            rf"{_B}(?P<w>{_one_of('set')}){_E}",
        ),
        ("reference", rf"{_B}(?P<w>{ref_words}){_E}"),
        (
            "year",
            rf"(?:(?P<approx>{_one_of('year_approx', either_case=True)})\s)?(?:(?P<jahr>Jahre?s?)\s)?{_B}(?P<y>\d{{1,4}})(?![\d,])(?!\.\d){bc}",
        ),
        ("bare_month", rf"{_B}(?P<mon>{month})"),
    ]
    compiled = []
    starts = set()
    for name, rx in table:
        # re skips ahead fast only to a pattern's possible first words; a leading look-behind
        # or optional group defeats that: such rules are split into variants that each start
        # with words (the word-start check moves to find()), when every variant does
        variants = []
        for v in _variants(rx):
            if v.startswith(_B) and _LITERAL_FIRST.match(v, len(_B)):
                variants.append(v[len(_B) :])
                starts.add(name)
            elif _LITERAL_FIRST.match(v) or _DIGIT_FIRST.match(v, len(_B) if v.startswith(_B) else 0):
                variants.append(v)
            else:
                variants = [rx]
                starts.discard(name)
                break
        for variant in variants:
            try:
                compiled.append((name, re.compile(variant)))
            except re.error as e:  # a broken table entry names its rule
                raise ValueError(f"time rule {name}: {e}") from e
    _WORD_START.clear()
    _WORD_START.update(starts)
    return compiled


_WORD_START: set[str] = set()
_DIGIT_FIRST = re.compile(r"\(\?P<\w+>(?:\(\?:)?(?:\\d|\[\d)")
_LITERAL_FIRST = re.compile(r"(?:\(\?:)?\(\?P<\w+>(?:\(\?:)?(?:[A-Za-zÄÖÜäöüß]|\[[A-Za-zÄÖÜäöüß]|\\d\{4\}|\\d\{1,4\})")


def _optional_prefix(rx: str) -> int:
    """Length of a leading optional group ``(?:…)?`` / ``(?P<x>…)?`` of ``rx``, or 0."""
    if not rx.startswith("("):
        return 0
    depth, i = 0, 0
    while i < len(rx):
        ch = rx[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 2 if rx[i + 1 : i + 2] == "?" and rx[i + 2 : i + 3] not in ("?", "+") else 0
        i += 1
    return 0


def _variants(rx: str) -> list[str]:
    """``(?:P)?REST`` as two regexes, ``P REST`` and ``REST`` (recursively): each starts with
    something re can scan for quickly. Leftmost-longest in :func:`find` keeps the prefixed match."""
    if rx.startswith(_B):
        return [_B + v for v in _variants(rx[len(_B) :])]
    n = _optional_prefix(rx)
    if not n:
        return [rx]
    group, rest = rx[: n - 1], rx[n:]
    return [group + v for v in _variants(rest)] + _variants(rest)


def _word_start_rules() -> set[str]:
    """Rules whose match must begin at a word start (checked in :func:`find`)."""
    rules()
    return _WORD_START


_NOT_MONTH_BEFORE = re.compile(r"(?:[A-ZÄÖÜ][a-zäöüß]+)\s$")


def _previous_word(text: str, start: int) -> str:
    j = start
    while j > 0 and text[j - 1] == " ":
        j -= 1
    i = j
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return text[i:j]


def _next_word(text: str, end: int) -> str:
    i = end
    while i < len(text) and text[i] == " ":
        i += 1
    j = i
    while j < len(text) and not text[j].isspace():
        j += 1
    return text[i:j]


@cache
def _words(slot: str) -> frozenset[str]:
    """The words of one slot of ``time/rule_words.tsv``, as written."""
    return frozenset(rule_words()[slot])


_AGE_AFTER = re.compile(r"\s+alt(?:e[nmrs]?)?\b")  # "78 Jahre alt", "der 78 Jahre alte Fahrer"


@cache
def _age_before() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The end of the text before the number of an age (``age_frame``, ``age_with`` and ``age_filler`` of
    ``time/rule_words.tsv``): "im Alter zwischen 17 und ", "mit gerade mal "."""
    filler = rf"(?:(?:\d+|{_one_of('age_filler')})\s+){{0,3}}"
    return (
        re.compile(rf"(?<!\w)(?:{_one_of('age_frame')})\s+{filler}$"),
        re.compile(rf"(?<!\w)(?:{_one_of('age_with')})\s+{filler}$"),
    )


def _an_age(text: str, start: int, end: int) -> bool:
    """A duration in years that is somebody's age: "der 78 Jahre alte Fahrer", "drei Jahre alt", "im Alter
    von 83 Jahren", "Männer im Alter zwischen 17 und 35 Jahren", "starb mit gerade mal 39 Jahren"; "mit drei
    Jahren Verspätung" stays a duration (a capitalised word after the unit, or a ``not_age_after`` word: "rechnet
    mit drei Jahren bis zur Fertigstellung"), and after "mit" only years and months are an age ("siegte mit fünf
    Sekunden" is a margin)."""
    if _AGE_AFTER.match(text, end):
        return True
    frame, with_ = _age_before()
    before = text[max(0, start - 50) : start]
    if frame.search(before):
        return True
    in_years = any(unit in text[start:end] for unit in _words("age_unit"))  # "mit fünf Sekunden" is a margin
    after = _next_word(text, end)
    return in_years and bool(with_.search(before)) and not after[:1].isupper() and after not in _words("not_age_after")


_PERSON_SUFFIXES = ("er", "erin", "in", "innen")


@cache
def _line_before() -> re.Pattern:
    """A designation at the end of a text, with the numbers of a list after it: "IC ", "ICE 1716/", "IC 2082 und "."""
    return re.compile(rf"(?<![\w-])(?<!erster\s){_alt(line_words())}(?:\s?\d{{1,5}}\s?(?:/|,|&|{_one_of('line_list')})\s?)*\s*$")


def _after_line_word(text: str, start: int) -> bool:
    """Whether a number at ``start`` names a train, bus, line or flight: "IC 2082", "ICE 1716/1718", "(S 1"."""
    return bool(_line_before().search(text, max(0, start - 60), start))


def _short_date_cue(text: str, start: int) -> bool:
    """Whether the word before a day.month. without a year makes it a date ("am 18.10.", "Stand 3.11.", "(3.11."),
    not a section or version number ("Abschnitt 3.1.")."""
    prev = _previous_word(text, start)
    return prev in _words("short_date_cue") or prev in ("–", "-", "(") or prev.rstrip(",") in weekdays()


def _age_noun(word: str) -> bool:
    """A noun for a person or an animal: listed ("Mädchen"), or a person noun in -er/-erin/-in ("Fahrer")."""
    word = word.rstrip(".,;:!?)")
    return word[:1].isupper() and (word in age_nouns() or (len(word) > 4 and word.endswith(_PERSON_SUFFIXES)))


def _accept(c: RuleMatch, text: str) -> bool:
    """Rule-specific checks against false hits (bare numbers, "Mai" as a name, scores, ages)."""
    m = c.match
    if c.rule == "date_short":
        return bool(m.groupdict().get("wd")) or _short_date_cue(text, c.start)
    if c.rule == "range_short":
        return bool(m.groupdict().get("pre")) or _short_date_cue(text, c.start)
    if c.rule == "duration":
        # an age, not a duration: "der 78 Jahre alte Fahrer", "drei Jahre alt", "im Alter von 83 Jahren"
        return not _an_age(text, c.start, c.end)
    if c.rule == "year":
        y = required_group(m, "y")
        if m.groupdict().get("bc") or m.groupdict().get("jahr"):
            return True
        if len(y) != 4 or not (1000 <= int(y) <= 2099):
            return False
        prev = _previous_word(text, c.start)
        nxt = _next_word(text, c.end)
        if prev.endswith((".", ":")) and prev[:-1].isdigit():
            return False  # "1.2000", "Nr. 1939" style
        if prev in _words("not_year_after") or prev == "§":
            return False
        if _after_line_word(text, c.start):
            return False  # "IC 2082 nach Hamburg": a train, not a year
        # "2000 Euro", "1500 km": an amount
        return not (nxt[:1].isdigit() or nxt.startswith(("%", *rule_words()["amount_after"])))
    if c.rule == "year_pair" and _after_line_word(text, c.start):
        return False  # "ICE 1716/1718"
    if c.rule == "bare_month":
        word = required_group(m, "mon")
        prev = _previous_word(text, c.start)
        nxt = _next_word(text, c.end)
        if word in _words("name_month") or word.endswith("."):
            if prev in _words("month_cue") or prev == "(":
                return True
            if text[c.end : c.end + 1] in ("/", "–", "-", ",", ")"):
                return True
            if nxt[:1].isupper() and nxt.rstrip(".,;:").isalpha():
                return False  # "August Bebel", "Mai Thi"
            if _NOT_MONTH_BEFORE.search(text, max(0, c.start - 30), c.start) and prev[:1].isupper() and prev.isalpha():
                return False  # "Theresa Mai"
            if word.endswith("."):
                return prev in _words("abbreviated_month_cue")
        return True
    if c.rule == "time_of_day":
        return int(required_group(m, "H")) <= 24
    if c.rule == "duration_adj":
        if m.groupdict().get("stem") == "jährig" and required_group(m, "n").endswith("-"):
            return False  # "20-jährige" is an age; "achtjährigen Krieg", "Dreißigjährige Krieg" are periods
        if m.groupdict().get("stem") != "jährig":
            return True  # "zweiwöchige", "achtstündigen"
        nxt = _next_word(text, c.end)
        if _age_noun(nxt):
            return False  # an age: "das zweijährige Mädchen", "die dreijährige Tochter"
        # a noun on its own ("die Zweijährige wurde gerettet", "ein Zweijähriger") is a person of that age
        return not (text[c.start].isupper() and not (nxt[:1].isupper() and nxt.rstrip(".,;:!?").isalpha()))
    if c.rule == "relative_unit":
        return " ".join(text[c.start : c.end].split()) not in _words("not_relative_unit")  # "in letzter Minute"
    if c.rule == "deictic_day":
        if m.groupdict().get("w") == "morgen":
            prev = _previous_word(text, c.start)
            return prev not in _words("not_tomorrow_after")
        return True
    return True


def find(text: str) -> list[RuleMatch]:
    """Every time expression in ``text``, leftmost-longest, without overlaps."""
    found: list[tuple[int, int, int, RuleMatch]] = []
    for priority, (name, rx) in enumerate(rules()):
        bounded = name in _word_start_rules()
        for m in rx.finditer(text):
            start = m.start()
            if m.end() <= start or (bounded and start and (text[start - 1].isalnum() or text[start - 1] in "._-")):
                continue
            c = RuleMatch(start, m.end(), name, m)
            if _accept(c, text):
                found.append((start, start - c.end, priority, c))
    found.sort(key=lambda t: t[:3])
    out: list[RuleMatch] = []
    last_end = -1
    for start, _, _, c in found:
        if start >= last_end:
            out.append(c)
            last_end = c.end
    return out
