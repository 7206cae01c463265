"""Normalising found time expressions to TIMEX3-style values.

A :class:`Normaliser` reads the candidates of :mod:`.timex_rules` in text order
and keeps two anchors:

- the *document time* (the publication date, news), from which deictic words
  count ("heute", "vergangene Woche", "vor zwei Wochen", "diesen Mittwoch");
- the *reference time*, the last date the text stated, from which
  anaphoric words count ("am folgenden Tag", "zwei Tage später", "im selben
  Monat", a month or day without a year). It starts as the document time; in
  news only a value with confidence ``stated`` moves it, so a guess is not
  carried into what follows.

Each value gets a *confidence*: a handler that guesses (a direction without a
tense marker, a year not written nearby, an anchor from the reference time)
calls :meth:`Normaliser._guess` (or reads the reference through
:meth:`Normaliser._ref_date`/:meth:`Normaliser._ref_year`, which do), and
:meth:`Normaliser.resolve` labels the value ``inferred``; otherwise it is
``stated``, and ``unknown`` when there is no value. Parts of the day and
clock times belong to the last day their own sentence named
(:meth:`Normaliser._day_anchor`), else to the reference time.

In *narrative* mode (history, encyclopaedic text, as HeidelTime's NARRATIVES
domain) deictic words count from the reference time too and "heute" is
PRESENT_REF. Without any anchor, relative expressions keep ``value=None``.

Values: ``2025-10-24`` (day), ``2025-10`` (month), ``2025`` (year), ``2025-W47``
(ISO week), ``2025-SU`` (season), ``2025-11-19TEV`` (part of day),
``2025-11-19T09:47`` (clock time), ``19`` (the 20th century), ``194`` (the
1940s), ``BC0490`` (a year before Christ), ``P2W``/``PXY`` (durations, X when
the number is vague), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``, ranges
``2025-10-24/2025-10-26``; ``mod`` is START/MID/END/APPROX/MORE_THAN/LESS_THAN/
EQUAL_OR_LESS/EQUAL_OR_MORE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import overload

from dateutil.easter import easter

from ..lang.de import time_tables as tables
from . import timex_rules as rules
from .timex_rules import RuleMatch
from .timex_rules import required_group as _req


@dataclass
class Timex:
    """One normalised time expression (``parts``: the two ends of a range)."""

    start: int
    end: int
    text: str
    value: str | None
    type: str
    mod: str | None = None
    parts: list[Timex] = field(default_factory=list)
    #: stated (from the text, or the publication day with an explicit direction), inferred (a
    #: direction, year or anchor was guessed) or unknown (no value)
    confidence: str = "stated"


#: A bare year more than this many years from the story's year does not move the reference time.
YEAR_JUMP = 1
#: Lines shorter than this are headings ("Kriegsjahr 1915"): their year sets the story's year.
HEADING = 50
#: A bare year in running text this close to the story's year moves it ("für 1862 abgewehrt").
NEAR_YEAR = 1
#: In news, a day or month without a year takes a year written out this many characters before.
NEARBY = 300
#: In a present-tense clause, a month (or day) without a year that lies this many months or more before the
#: publication date is the coming one; a nearer one is the one just past (news of last month's figures).
RECENT_MONTHS = 3
#: "1917 Meutereien" is a year only this close to the story's year; "1500 Soldaten" is a count.
COUNT_WINDOW = 10
_DAY_VALUE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:$|T)")
_DATE_VALUE = re.compile(r"^(BC)?(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_UNIT_DAYS = {"D": 1, "W": 7}


def _g(m: re.Match, name: str) -> str | None:
    """A named group of a rule's match; None when this variant of the rule has no such group."""
    return m.groupdict().get(name)


def _meaning(slot: str, word: str) -> str:
    """What a word of a slot of ``time/rule_words.tsv`` means ("" for nothing, or a word the slot does not
    have); the word as matched, any white space between its words read as a space."""
    return tables.rule_words()[slot].get(" ".join(word.split()), "")


def format_year(y: int) -> str:
    return f"BC{-y:04d}" if y < 0 else f"{y:04d}"


def format_date(y: int | None, m: int | None = None, d: int | None = None) -> str | None:
    if y is None:
        return None
    out = format_year(y)
    if m is not None:
        out += f"-{m:02d}"
        if d is not None:
            out += f"-{d:02d}"
    return out


def _number(word: str) -> float | None:
    if word[:1].isdigit():
        return float(word.rstrip("-").replace(",", "."))
    return tables.numbers().get(word) or tables.numbers().get(word.lower())


def duration_value(n: float | None, unit: str) -> str:
    """ISO 8601 duration: P2W, P1Y6M, PT30M; PXD when the number is vague."""
    time_unit = {"H": "H", "MIN": "M"}.get(unit)
    if n is None:
        return f"PTX{time_unit}" if time_unit else f"PX{unit}"
    whole = int(n)
    frac = n - whole
    if time_unit:
        if unit == "H" and frac:
            return f"PT{whole}H{round(frac * 60)}M" if whole else f"PT{round(frac * 60)}M"
        return f"PT{whole}{time_unit}" if not frac else f"PT{n:g}{time_unit}"
    if frac and unit == "Y":
        return f"P{whole}Y{round(frac * 12)}M" if whole else f"P{round(frac * 12)}M"
    if frac and unit == "D":
        return f"P{whole}DT{round(frac * 24)}H" if whole else f"PT{round(frac * 24)}H"
    return f"P{whole}{unit}" if not frac else f"P{n:g}{unit}"


class Normaliser:
    """Turns candidates into :class:`Timex` values, in text order (it keeps the reference time)."""

    def __init__(self, document_date: date | None, narrative: bool = False) -> None:
        self.dct = document_date
        self.narrative = narrative
        # the reference time; a narrative starts without one (its story is not set at the document date)
        start = None if narrative else document_date
        self.year: int | None = start.year if start else None
        self.month: int | None = start.month if start else None
        self.day: int | None = start.day if start else None
        self.years: list[int] = []  # years written out, in text order (narrative year inference)
        self.mentioned = False  # whether the text has named a date yet (the anchor is not just the document date)
        self.offset = 0  # where the expression being resolved starts
        self.year_at = -(10**9)  # where the last year written out ends
        self.year_alone_in: int | None = None  # the sentence start of that year when it came without a month
        self.dated = False  # whether a date with month and year has been written out
        self.first_year: int | None = None  # a narrative's first year written out, for what comes before it
        self.guessed = False  # whether the expression being resolved needed a guess (its confidence is "inferred")
        self.sentence_start = 0  # where the sentence of the expression being resolved starts (set by the caller)
        self.sentence_day: tuple[int, date] | None = None  # (sentence start, day) of the last day its sentence named

    # ----- anchors -------------------------------------------------------------------
    def _guess(self) -> None:
        """Note that the value being resolved rests on a guess (a direction, a year, an anchor)."""
        self.guessed = True

    def _ref_year(self) -> int | None:
        """The reference time's year, as an anchor (a guess: the text did not say which year)."""
        self.guessed = True
        return self.year

    def _day_anchor(self) -> date | None:
        """The day a clock time or a part of the day belongs to: the last day its own sentence named, of
        any confidence ("Am 17. Oktober gegen 20 Uhr", "Am Samstag findet das Derby statt, am Abend …"),
        else the reference time. A guess either way. (A narrative's reference time follows every date.)"""
        if not self.narrative and self.sentence_day and self.sentence_day[0] == self.sentence_start:
            self.guessed = True
            return self.sentence_day[1]
        return self._ref_date()

    def _ref_date(self) -> date | None:
        """The reference time as a day, as an anchor ("am Abend", "zwei Tage später"): a guess."""
        self.guessed = True
        if self.year is None or self.month is None or self.day is None or self.year < 1:
            return None
        try:
            return date(self.year, self.month, self.day)
        except ValueError:
            return None

    def _now(self) -> date | None:
        """The date deictic words count from."""
        return self._ref_date() if self.narrative else self.dct

    def _now_year(self) -> int | None:
        return self.year if self.narrative else (self.dct.year if self.dct else None)

    def remember(self, value: str | None) -> None:
        """Make a mentioned date the reference time for what follows."""
        if not value:
            return
        self.mentioned = True
        m = _DATE_VALUE.match(value)
        if not m or (len(value) > m.end() and value[m.end()] not in "T"):
            return
        y = int(m.group(2)) * (-1 if m.group(1) else 1)
        month = int(m.group(3)) if m.group(3) else None
        day = int(m.group(4)) if m.group(4) else None
        if y != self.year:
            self.year, self.month, self.day = y, month, day
        elif month is not None:
            if month != self.month:
                self.month, self.day = month, day
            elif day is not None:
                self.day = day

    def _infer_year(self, month: int, day: int | None, tense: str | None) -> int | None:
        """The year of a month (and day) written without one."""
        if self.years and self.offset - self.year_at < NEARBY and self._year_carries():
            return self.years[-1]  # a year just written out ("Am 1. September 1939 … am 3. September")
        if self.narrative:
            self._guess()  # the story's year, not written out nearby
            return self._narrative_year(month)
        if self.dct is None:
            return None
        self._guess()  # the year is not written out: a guess from the publication date (and the tense)
        y = self.dct.year
        here = (month, day or 15)
        now = (self.dct.month, self.dct.day)
        if tense == "PAST" and (here > now if day else month > self.dct.month):
            return y - 1
        if tense == "FUTURE" and (here < now if day else month < self.dct.month):
            return y + 1
        if tense == "PRESENT":
            # a present verb tells what is ahead, except for a month just past ("Die Inflation steigt im Oktober"
            # in November): "Der Parteitag findet im Mai statt" (November 2025) → May 2026; "Im Januar beginnt …"
            # (February) stays this year; a month ahead keeps the nearest-month rule below
            behind = here < now if day else month < self.dct.month
            if behind and self.dct.month - month >= RECENT_MONTHS:
                return y + 1
        if tense in (None, "PRESENT"):  # no tense: the nearest such month
            if month - self.dct.month > 6:
                return y - 1
            if self.dct.month - month > 6:
                return y + 1
        return y

    @overload
    def _year_from(self, text: str, bc: str | None) -> int: ...
    @overload
    def _year_from(self, text: str | None, bc: str | None) -> int | None: ...
    def _year_from(self, text: str | None, bc: str | None) -> int | None:
        if text is None:
            return None
        y = int(text)
        if bc and bc.strip().startswith("v"):
            return -y
        if self.year is not None and self.year < 0 and y < 1000 and not bc:
            self._guess()
            return -y  # in a text about antiquity, "264" is 264 BC
        return y

    def _shift(self, unit: str, n: float, base: date | None = None) -> str | None:
        """The reference (or ``base``) moved by n units, at the unit's granularity."""
        whole = int(n)
        if unit == "Y" and n != whole:
            return self._shift("M", round(n * 12), base)
        if unit in ("D", "W"):
            ref = base or self._ref_date()
            if ref is None:
                return None
            return (ref + timedelta(days=whole * _UNIT_DAYS[unit])).isoformat()
        if unit == "M":
            if base is not None:
                y, m = base.year, base.month
            elif self.year is not None and self.month is not None:
                self._guess()
                y, m = self.year, self.month
            else:
                return None
            total = y * 12 + (m - 1) + whole
            return format_date(total // 12, total % 12 + 1)
        if unit == "Y":
            year = base.year if base is not None else self._ref_year()
            return format_year(year + whole) if year is not None else None
        if unit in ("DE", "CE"):
            year = base.year if base is not None else self._ref_year()
            if year is None:
                return None
            return str((year + whole * (10 if unit == "DE" else 100)) // (10 if unit == "DE" else 100))
        return None

    def _deictic_shift(self, unit: str, n: float) -> str | None:
        """From the document time: "vor zwei Wochen" is that week, "in drei Tagen" that day."""
        now = self._now()
        if now is None:
            return None
        if unit == "W":
            d = now + timedelta(weeks=int(n))
            iso = d.isocalendar()
            return f"{iso[0]:04d}-W{iso[1]:02d}"
        return self._shift(unit, n, base=now)

    # ----- the rules ------------------------------------------------------------------
    def resolve(self, c: RuleMatch, text: str, tense: str | None = None) -> Timex | None:
        handler = getattr(self, "_" + c.rule)
        self.offset = c.start
        self.guessed = False
        try:
            out = handler(c.match, tense)
        except (OverflowError, ValueError):
            # a date past the calendar (years 1-9999: "in 10000 Jahren", "vor 99999999999 Tagen", "am
            # Mittwoch" of a document dated 0001-01-01): no value can be written, so no expression is tagged
            return None
        if out is None:
            return None
        value, typ, mod = out[:3]
        start, end = c.start, c.end
        if len(out) > 3 and out[3] is not None:
            start = out[3]
        confidence = "unknown" if value is None else ("inferred" if self.guessed else "stated")
        t = Timex(start, end, text[start:end], value, typ, mod, confidence=confidence)
        if len(out) > 4:
            t.parts = [Timex(s, e, text[s:e], v, "DATE", confidence="unknown" if v is None else confidence) for s, e, v in out[4]]
        # in news only a stated value moves the reference time: a guess must not become the anchor of
        # what follows (the publication day stays the fallback); a narrative is told in order and has no
        # such fallback, so there every date does (HeidelTime's NARRATIVES domain does the same)
        if value is None or (confidence != "stated" and not self.narrative):
            pass
        elif t.parts:
            for p in t.parts:
                self.remember(p.value)
        elif typ in ("DATE", "TIME") and not (c.rule == "year" and self._aside(value)):
            self.remember(value)
        day = _DAY_VALUE.match((t.parts[-1].value if t.parts else value) or "")
        if day and typ in ("DATE", "TIME"):
            try:
                self.sentence_day = (self.sentence_start, date(int(day.group(1)), int(day.group(2)), int(day.group(3))))
            except ValueError:
                pass
        groups = c.match.groupdict()
        if any(groups.get(k) for k in ("y", "ys", "y1", "y2", "y3")):
            self._story(t.parts[-1].value if t.parts else value, c, text)
        return t

    def _no_day_told(self) -> bool:
        """In news, no date stated yet: what counts from the day told of ("am selben Tag", "drei Tage später") has
        no day to count from (not today). A narrative's reference time is always its last date."""
        return not self.narrative and not self.mentioned

    def _year_carries(self) -> bool:
        """Whether the year written out last gives its year to a day or month without one. A date's year does
        ("Am 7. Januar 2005 … am 6. Januar"); in news with a publication date, a year on its own only within
        its sentence ("Im Jahr 2015 stiegen die Umsätze im Mai"), not into the next: "Die Garantie gilt bis
        2010. Der Rat hatte bis Ende November ein Konzept gefordert" is this November."""
        if self.narrative or self.dct is None or self.year_alone_in is None:
            return True
        return self.year_alone_in == self.sentence_start

    def _story(self, value: str | None, c: RuleMatch, text: str) -> None:
        """Note a year written out: dates with a month always set the story's year; a bare year
        ("wie 1870", "(1912/13)") only in a heading line or before any such date."""
        m = _DATE_VALUE.match(value or "")
        if not m:
            return
        y = int(m.group(2)) * (-1 if m.group(1) else 1)
        self.year_at = c.end
        has_month = m.group(3) is not None
        self.year_alone_in = None if has_month else self.sentence_start
        line_start = text.rfind("\n", 0, c.start) + 1
        line_end = text.find("\n", c.end)
        heading = (line_end if line_end >= 0 else len(text)) - line_start < HEADING
        story = self.years[-1] if self.years else None
        if has_month or heading or not self.dated or (story is not None and abs(y - story) <= NEAR_YEAR):
            self.years.append(y)
        self.dated = self.dated or has_month

    def _story_year(self) -> int | None:
        """The year a day or month without one belongs to: the story's last year written out."""
        if self.years:
            return self.years[-1]
        return self.year if self.year is not None else self.first_year

    def _aside(self, value: str | None) -> bool:
        """A bare year far from the story's current year ("wie schon 1870") does not move the reference time."""
        if not value or self.year is None or self.month is None or not self.mentioned:
            return False
        m = _DATE_VALUE.match(value)
        if not m:
            return True
        y = int(m.group(2)) * (-1 if m.group(1) else 1)
        return abs(y - self.year) > YEAR_JUMP

    def _narrative_year(self, month: int) -> int | None:
        """In a narrative, a month without a year belongs to the story's current year."""
        if self.year is None and not self.first_year:
            return None
        return self._story_year()

    @staticmethod
    def _month(word: str) -> int:
        """Month number of a name as written, genitive too ("Februars")."""
        table = rules.months()
        return table[word] if word in table else table[word[:-1]]

    def _full_date(self, m, tense, d="d", mon="mon", y="y", bc="bc"):
        day = int(m.group(d))
        month = self._month(m.group(mon))
        if m.group(y):
            year = self._year_from(m.group(y), m.groupdict().get(bc))
        else:
            year = self._weekday_year(m, month, day, self._infer_year(month, day, tense))
        return format_date(year, month, day)

    def _weekday_year(self, m, month: int, day: int, year: int | None) -> int | None:
        """A weekday with a date without a year fixes the year: "Mittwoch, 18.10." is in a year whose
        18 October is a Wednesday, the guessed year or the one before or after (then it is stated)."""
        wd = _g(m, "wd")
        if not wd or year is None:
            return year
        for y in (year, year - 1, year + 1):
            try:
                if date(y, month, day).isoweekday() == tables.weekdays()[wd]:
                    self.guessed = False  # the weekday confirms the year
                    return y
            except ValueError:
                continue
        return year

    @staticmethod
    def _clock(m, base: str | None) -> str:
        h = int(_req(m, "H"))
        minute = _g(m, "M") or _g(m, "Md") or _g(m, "M2") or "00"
        tz = tables.rule_words()["time_zone"].get((m.groupdict().get("tz") or "").strip(), "")
        return f"{base or 'XXXX-XX-XX'}T{h:02d}:{int(minute):02d}{tz}"

    def _date_numeric(self, m, tense):
        raw = _g(m, "y") or _g(m, "ys")  # "1.03. 2016": the year after a space
        assert raw is not None  # the rule has one or the other
        y = int(raw)
        if len(raw) == 2:
            century = (self.dct.year // 100 * 100) if self.dct else 1900
            y = century + y if century + y <= (self.dct.year + 20 if self.dct else 2099) else century - 100 + y
        value = format_date(y, int(_req(m, "m")), int(_req(m, "d")))
        if _g(m, "H"):
            return self._clock(m, value), "TIME", None
        return value, "DATE", None

    def _date_iso(self, m, tense):
        value = f"{m.group('y')}-{m.group('m')}-{m.group('d')}"
        if _g(m, "H"):
            return f"{value}T{m.group('H')}:{m.group('M')}", "TIME", None
        return value, "DATE", None

    def _range_parts(self, m, tense, first: tuple[int, int], firstval, second: tuple[int, int], secondval):
        parts = [(first[0], first[1], firstval), (second[0], second[1], secondval)]
        value = f"{firstval}/{secondval}" if firstval and secondval else None
        return value, "DATE", None, None, parts

    def _range_dates(self, m, tense):
        a = self._full_date(m, tense, "d1", "mon1", "y1", "_")
        b = self._full_date(m, tense, "d2", "mon2", "y2", "_")
        if _g(m, "y2") and not _g(m, "y1") and a and b:
            a = b[:4] + a[4:]
        return self._range_parts(
            m, tense, (m.start("d1"), m.end("y1") if _g(m, "y1") else m.end("mon1")), a, (m.start("d2"), m.end()), b
        )

    def _range_days(self, m, tense):
        b = self._full_date(m, tense, "d2", "mon", "y")
        a = b[:-2] + f"{int(m.group('d1')):02d}" if b else None
        return self._range_parts(m, tense, (m.start("d1"), m.end("d1") + 1), a, (m.start("d2"), m.end()), b)

    def _short_date(self, m, tense, d: str, mon: str, y: str | None = None) -> str | None:
        """ "18.10." (no year) as "18. Oktober": the year from the text nearby or the tense."""
        day, month = int(_req(m, d)), int(_req(m, mon))
        if not 1 <= day <= 31:
            return None
        written = (_g(m, y) or _g(m, "ys")) if y else None  # "29.02. – 1.03. 2016": the year after a space
        year = int(written) if written else self._weekday_year(m, month, day, self._infer_year(month, day, tense))
        try:
            date(year or 2000, month, day)
        except ValueError:
            return None  # "31.11."
        return format_date(year, month, day)

    def _date_short(self, m, tense):
        return self._short_date(m, tense, "d", "m"), "DATE", None

    def _range_short(self, m, tense):
        """ "vom 18.10. bis 20.10.", "18.10.-20.10.", "3.–5.11.": the year comes with the second end."""
        b = self._short_date(m, tense, "d2", "m", "y")
        a = None
        if b:
            m1 = _g(m, "m1")
            month = int(m1) if m1 else int(_req(m, "m"))
            a = format_date(int(b[:4]) - (1 if month > int(_req(m, "m")) else 0), month, int(_req(m, "d1")))
        first_end = m.end("m1") + 1 if _g(m, "m1") else m.end("d1") + 1
        return self._range_parts(m, tense, (m.start("d1"), first_end), a, (m.start("d2"), m.end()), b)

    def _range_years(self, m, tense):
        return self._range_parts(m, tense, m.span("y1"), _g(m, "y1"), m.span("y2"), _g(m, "y2"))

    def _weekday_date(self, m, tense):
        value = self._full_date(m, tense)
        if _g(m, "H"):
            return self._clock(m, value), "TIME", None
        return value, "DATE", None

    def _day_month(self, m, tense):
        value = self._full_date(m, tense)
        if _g(m, "H"):
            return self._clock(m, value), "TIME", None
        if _g(m, "H2"):
            return f"{value}T{int(m.group('H2')):02d}:00", "TIME", None
        return value, "DATE", None

    def _part_of_date(self, m, tense):
        day = int(_req(m, "d"))
        mon = _g(m, "mon") or _g(m, "mon2")
        month: int | None
        if mon:
            month = self._month(mon)
        else:
            self._guess()
            month = self.month
        if month is None:
            return None, "TIME", None
        y = _g(m, "y") or (_g(m, "y2") if not _g(m, "mon") else None)
        year = self._year_from(y, None) if y else self._infer_year(month, day, tense)
        code = tables.parts_of_day()[_req(m, "pod")]
        adj = _g(m, "adj")
        return (
            f"{format_date(year, month, day)}T{code}",
            "TIME",
            self._adj_mod(adj),
            m.start("pod") if adj and self._adj_mod(adj) != "APPROX" else None,  # "gegen Abend" starts with "gegen"
        )

    @staticmethod
    def _adj_mod(adj: str | None) -> str | None:
        """The mod of an adjective before a part of the day or a season: "frühen" START, "gegen" APPROX."""
        return _meaning("pod_adjective", (adj or "").lower()) or None

    def _part_of_anaphor(self, m, tense):
        if not (_g(m, "am") or _g(m, "same2") or _g(m, "of") or _g(m, "same")):
            return None
        code = tables.parts_of_day()[_req(m, "pod")]
        step = int(_meaning("pod_day_step", _g(m, "same2") or "") or 0)
        am = _g(m, "am")
        start = m.start("am") if am else None
        if am and am[0] in "Ii":  # "in der <Nacht>", "in den frühen <Morgenstunden>"
            start = m.start("pod")
        if _g(m, "adj2"):  # "am <frühen Morgen>"
            start = m.start("adj2")
        if _g(m, "adj"):
            start = m.start()
        mod = self._adj_mod(_g(m, "adj") or _g(m, "adj2"))
        ref = self._day_anchor()
        if ref is None:
            return None, "TIME", mod, start
        return f"{(ref + timedelta(days=step)).isoformat()}T{code}", "TIME", mod, start

    def _week_weekday(self, m, tense):
        """ "kommende Woche Donnerstag", "Dienstag nächster Woche": that weekday in that week."""
        day = _g(m, "wd") or _g(m, "wd2")
        assert day is not None  # each of the rule's two patterns has one of them
        wd = tables.weekdays()[day]
        step, anaphoric = self._step(_g(m, "rel") or _g(m, "rel2"))
        base = self._ref_date() if (anaphoric or self.narrative) else self.dct
        if base is None:
            return None, "DATE", None
        d = base + timedelta(weeks=step, days=wd - base.isoweekday())
        return d.isoformat(), "DATE", None

    def _day_then_pod(self, m, tense):
        value = self._full_date(m, tense)
        return f"{value}T{tables.parts_of_day()[m.group('podadv')]}", "TIME", None

    def _month_year(self, m, tense):
        month = self._month(_req(m, "mon"))
        of = _g(m, "of")
        if of:
            if _g(m, "y2"):
                year = self._year_from(_g(m, "y2"), None)
            else:
                year = self._ref_year()
                if year is not None:
                    year += self._of_year_step(of)
        else:
            year = self._year_from(_g(m, "y"), _g(m, "bc"))
        return format_date(year, month), "DATE", None

    @staticmethod
    def _of_year_step(of: str) -> int:
        """ "des folgenden Jahres" → 1, "desselben Jahres", "des Jahres" → 0."""
        return max((int(step) for word, step in tables.rule_words()["of_year_step"].items() if word in of.split()), default=0)

    def _bare_month(self, m, tense):
        month = self._month(_req(m, "mon"))
        return format_date(self._infer_year(month, None, tense), month), "DATE", None

    def _century(self, m, tense):
        n = int(_req(m, "n")) - 1
        value = f"BC{n:02d}" if _g(m, "bcc") is not None else f"{n:02d}"
        mod = _g(m, "mod")
        return value, "DATE", tables.modifiers().get(mod) if mod else None

    def _decade(self, m, tense):
        dec = _g(m, "dec")
        if dec and len(dec) == 2 and _g(m, "bcc") is None:
            value = self._decade_of_century(int(dec[0]))
            if value is None:
                return None, "DATE", None
        elif dec:
            digits = dec[:-1]
            value = ("BC" + digits.zfill(3)) if _g(m, "bcc") is not None else digits.zfill(3)
        else:
            value = "19" + str(tables.decade_words()[_req(m, "decw").lower()])
        mod = _g(m, "mod")
        return value, "DATE", tables.modifiers().get(mod) if mod else None

    def _decade_of_century(self, digit: int) -> str | None:
        """A decade written with two digits ("die 80er-Jahre") names no century: it is the last one in which
        that decade has begun by the reference year ("80er" in 2006: 198). When it has begun in the reference
        year's own century too ("20er" in 2026: the 1920s or the 2020s), the text does not say which: None.
        Without a reference year, the 20th century, as for the decade words ("die achtziger Jahre")."""
        now = self._now_year()
        if now is None:
            return f"19{digit}"
        start = now // 100 * 100 + digit * 10
        return f"{now // 100 - 1}{digit}" if start > now else None

    def _vague_part(self, m, tense):
        mod = tables.modifiers()[_req(m, "mod")]
        mon = _g(m, "mon")
        if mon:
            month = self._month(mon)
            year = self._year_from(_g(m, "y"), _g(m, "bc")) if _g(m, "y") else self._infer_year(month, None, tense)
            return format_date(year, month), "DATE", mod
        if _g(m, "unit"):
            step = self._step(_g(m, "rel"))
            if _meaning("part_unit", _req(m, "unit")) == "Y":
                y2 = _g(m, "y2")
                if y2:
                    return format_year(self._year_from(y2, None)), "DATE", mod
                if not _g(m, "rel"):
                    self._guess()  # "Ende des Jahres": the year the text is about, as "Jahresende"
                base = self._ref_year() if (step[1] or self.narrative) else self._now_year()
                return (format_year(base + step[0]) if base is not None else None), "DATE", mod
            return self._shift("M", step[0]), "DATE", mod
        if _g(m, "week"):
            step = self._step(_g(m, "relw"))
            return self._deictic_shift("W", step[0]), "DATE", mod
        return format_year(self._year_from(_req(m, "y3"), _g(m, "bc"))), "DATE", mod  # the pattern's last choice

    @staticmethod
    def _step(word: str | None) -> tuple[int, bool]:
        """(step, anaphoric) for a relative word; no word is "this"."""
        if not word:
            return 0, False
        raw = tables.relative_words().get(word) or tables.relative_words().get(word.lower(), "0")
        return int(raw.rstrip("+")), raw.endswith("+")

    def _season(self, m, tense):
        name = _g(m, "s")
        if name:
            code = tables.seasons()[name]
            mod = self._adj_mod(_g(m, "adj"))
        else:
            code = tables.seasons()[_meaning("season_stem", _req(m, "s2"))]
            mod = _meaning("season_prefix", _req(m, "pre").lower())
        of = _g(m, "of")
        if _g(m, "y"):
            year = self._year_from(_g(m, "y"), _g(m, "bc"))
        elif of:
            ref = self._ref_year()
            year = ref + self._of_year_step(of) if ref is not None else None
        else:
            month = {"SP": 4, "SU": 7, "FA": 10, "WI": 12}[code]
            # a season lasts months (winter across the new year): in a present clause it is the nearest one
            # ("Wir bekommen diese Woche echten Winter" in January is this winter), not the coming one
            year = self._infer_year(month, None, None if tense == "PRESENT" else tense)
        start = m.start("s") if _g(m, "s") and not _g(m, "adj") else None
        return (f"{format_year(year)}-{code}" if year is not None else None), "DATE", mod, start

    def _holiday(self, m, tense, name: str | None = None):
        rule = tables.holidays()[name or _req(m, "h")]
        written = _g(m, "y")
        year: int | None
        if written:
            year = int(written)
        else:
            probe = self._holiday_date(rule, self.dct.year) if self.dct and not self.narrative else None
            year = self._infer_year(probe.month, probe.day, tense) if probe else self._ref_year()
        if year is None or year < 1:
            return None, "DATE", None
        day = self._holiday_date(rule, year)
        head = _g(m, "head")
        if head and tables.holiday_heads().get(head[0].upper() + head[1:]) == "weekend":
            iso = day.isocalendar()  # "Thanksgiving-Wochenende", "Osterwochenende": the weekend of its week
            return f"{iso[0]:04d}-W{iso[1]:02d}-WE", "DATE", None
        return day.isoformat(), "DATE", None

    def _holiday_compound(self, m, tense):
        """ "Osterwochenende", "Weihnachtsfeiertag": the named day of the first part, as :meth:`_holiday`."""
        return self._holiday(m, tense, tables.holiday_stems()[_req(m, "stem")])

    @staticmethod
    def _holiday_date(rule: str, year: int) -> date:
        if rule.startswith("easter"):
            return easter(year) + timedelta(days=int(rule[6:]))
        if rule.startswith("nth:"):
            _, month, nth, weekday = rule.split(":")
            first = date(year, int(month), 1)
            offset = (int(weekday) - first.isoweekday()) % 7
            return first + timedelta(days=offset + 7 * (int(nth) - 1))
        mm, dd = rule.split("-")
        return date(year, int(mm), int(dd))

    def _time_of_day(self, m, tense):
        ref = self._ref_date() if self.narrative else (self._day_anchor() or self.dct)
        um = _g(m, "um")
        mod = _meaning("clock_prep", um.lower()) or None if um else None
        start = m.start("H") if um and mod is None else None  # "um 20 Uhr" is 20 Uhr; "gegen 20 Uhr" (APPROX) all of it
        return self._clock(m, ref.isoformat() if ref else None), "TIME", mod, start

    def _clock_bare(self, m, tense):
        ref = self._day_anchor()
        return self._clock(m, ref.isoformat() if ref else None), "TIME", None, m.start("H")

    def _midnight(self, m, tense):
        ref = self._day_anchor()
        clock = "T" + _meaning("clock_noun", _req(m, "w"))
        return (ref.isoformat() + clock if ref else None), "TIME", None

    def _deictic_day(self, m, tense):
        word = _req(m, "w").lower()
        if self.narrative and word == "heute":
            return "PRESENT_REF", "DATE", None
        now = self._now()
        if now is None:
            return None, "DATE", None
        value = (now + timedelta(days=tables.deictic_days()[word])).isoformat()
        pod = _g(m, "pod")
        if pod:
            code = "MO" if pod == "früh" else tables.parts_of_day()[pod]
            return f"{value}T{code}", "TIME", None
        return value, "DATE", None

    def _weekday(self, m, tense):
        wd = tables.weekdays()[_req(m, "wd")]
        rel = _g(m, "rel")
        step, anaphoric = self._step(rel) if rel else (None, False)
        base = self._ref_date() if (anaphoric or self.narrative) else self.dct
        start = None  # the expression keeps its relative word: "kommenden Mittwoch"
        if base is None:
            return None, "DATE", None, start
        delta = wd - base.isoweekday()
        if step == 0 and not anaphoric:  # "diesen Mittwoch": in this week
            d = base + timedelta(days=delta)
        elif step is not None and step > 0:
            d = base + timedelta(days=delta % 7 or 7)
        elif step is not None and step < 0:
            d = base - timedelta(days=(-delta) % 7 or 7)
        elif tense == "PAST":
            d = base - timedelta(days=(-delta) % 7)
        elif tense == "FUTURE":
            d = base + timedelta(days=delta % 7)
        elif tense == "PRESENT":  # "Am Sonntag treffen sich die Minister": a present verb with a day ahead, or today
            self._guess()
            d = base + timedelta(days=delta % 7)
        else:  # no verb to read: the nearest such day
            self._guess()
            fwd = delta % 7
            d = base + timedelta(days=fwd) if fwd <= 3 else base - timedelta(days=7 - fwd)
        pod = _g(m, "pod")
        if pod:
            return f"{d.isoformat()}T{tables.parts_of_day()[pod.capitalize()]}", "TIME", None, start
        return d.isoformat(), "DATE", None, start

    def _weekday_set(self, m, tense):
        return f"XXXX-WXX-{tables.weekdays()[m.group('wd')[:1].upper() + m.group('wd')[1:]]}", "SET", None

    def _relative_unit(self, m, tense):
        word = _req(m, "unit")
        step, anaphoric = self._step(_g(m, "rel"))
        if word == "Wochenende":
            v = self._deictic_shift("W", step) if not anaphoric else None
            return (v + "-WE" if v else None), "DATE", None
        unit = tables.units()[word]
        if word in tables.rule_words()["duration_unit"]:  # "in den kommenden Tagen", "die nächste Stunde"
            return duration_value(None, unit), "DURATION", None
        if unit in ("H", "MIN"):
            return None
        if unit == "D" and (_g(m, "rel") or "") in tables.rule_words()["day_anaphor"]:
            anaphoric = True  # "An diesem Tag öffnen die Lokale": the day told of, not today
        if anaphoric and self._no_day_told():
            return None, "DATE", None  # "am selben Tag" before any date is stated: which day, the text does not say
        if anaphoric or self.narrative:
            base = None
        else:
            base = self.dct
            if base is None:
                return None, "DATE", None
        if unit == "W":
            if base is None:
                ref = self._ref_date()
                if ref is None:
                    return None, "DATE", None
                base = ref
            iso = (base + timedelta(weeks=step)).isocalendar()
            return f"{iso[0]:04d}-W{iso[1]:02d}", "DATE", None
        return self._shift(unit, step, base=base), "DATE", None

    def _unit_then(self, m, tense):
        unit = tables.units()[_req(m, "unit")]
        step = int(_meaning("then", _req(m, "after")))
        return self._shift(unit, step), "DATE", None

    def _of_year(self, m, tense):
        written = _g(m, "y")
        if written:
            return format_year(self._year_from(written, _g(m, "bc"))), "DATE", None
        step, anaphoric = self._step(_g(m, "rel"))
        the = _meaning("of_year_det", _req(m, "the"))  # reference ("des Jahres"), this ("dieses Jahres"), whole
        base = self._ref_year() if (anaphoric or self.narrative or the == "reference") else self._now_year()
        if base is None:
            return None, "DATE", None
        start = m.start("lauf") if _g(m, "lauf") else (m.start() if the == "whole" else None)
        if the == "reference" and not _g(m, "lauf") and not _g(m, "rel"):
            start = m.start()
        return format_year(base + step), "DATE", None, start

    def _anaphor(self, m, tense):
        word = _req(m, "w")
        unit, step, mod = tables.anaphor_words().get(word) or tables.anaphor_words()[word[0].upper() + word[1:]]
        written = _g(m, "y")
        if written and unit == "Y":
            return format_year(int(written) + int(step)), "DATE", mod or None
        if unit != "W":
            self._guess()  # "Vorjahr", "Jahresende": from the year the text is about, which it does not say
        if unit == "W":  # "am Wochenende hatten …" is the last one, "… wird" the coming one
            if tense in (None, "PRESENT"):
                self._guess()
            now = self._now()
            back = tense == "PAST" and now is not None and now.isoweekday() < 6
            v = self._deictic_shift("W", int(step) - (1 if back else 0))
            return (v + "-WE" if v else None), "DATE", None
        if word.startswith("Jahreswechsel"):
            return (f"{format_year(self.year + 1)}-01-01" if self.year is not None else None), "DATE", None
        if unit == "Y":
            base = self.year if self.narrative or not self.dct else self.dct.year
            return (format_year(base + int(step)) if base is not None else None), "DATE", mod or None
        return self._shift(unit, int(step)), "DATE", mod or None

    def _duration(self, m, tense):
        unit = tables.units()[_req(m, "unit")]
        number = _g(m, "n")
        n = _number(number) if number else None
        after = _meaning("duration_after", _g(m, "after") or "")
        prep = _meaning("duration_prep", (_g(m, "prep") or "").lower())  # ago, ahead, after, span or ""
        qmod = tables.quantity_modifiers().get(_g(m, "qmod") or "") or tables.quantity_modifiers().get(
            (_g(m, "qmod") or "").lower()
        )
        start = None
        if prep == "span":  # "seit drei Jahren": the duration is the expression
            start = m.start("qmod") if _g(m, "qmod") else (m.start("n") if _g(m, "n") else m.start("vague"))
        if after in ("later", "earlier") and n is not None and self._no_day_told():
            # "Zwei Wochen früher hatte er gewonnen", "Drei Tage später kam er an": counted from a day the text
            # told of; before any date is stated, which day that is the text does not say (not today)
            return None, "DATE", None, start
        if after == "later":
            if n is None:
                return "FUTURE_REF", "DATE", None, start
            return self._shift(unit, n), "DATE", qmod if qmod == "APPROX" else None, start
        if after == "earlier":
            if n is None:
                return "PAST_REF", "DATE", None, start
            return self._shift(unit, -n), "DATE", None, start
        if prep == "ago" and unit not in ("H", "MIN"):
            if n is None:
                return "PAST_REF", "DATE", None
            return self._deictic_shift(unit, -n), "DATE", None
        if prep == "ahead" and unit not in ("H", "MIN") and not self.narrative:
            if n is None:
                return "FUTURE_REF", "DATE", None
            return self._deictic_shift(unit, n), "DATE", None
        if prep == "ahead":
            start = m.start("qmod") if _g(m, "qmod") else (m.start("n") if _g(m, "n") else m.start("vague"))
        return duration_value(n, unit), "DURATION", qmod, start

    def _duration_plain(self, m, tense):
        if not (_g(m, "prep") or _g(m, "after")):
            return None
        unit = tables.units()[_req(m, "w")]
        after = _meaning("plain_after", _g(m, "after") or "")
        if after == "later":
            return "FUTURE_REF", "DATE", None
        if after == "earlier":
            return "PAST_REF", "DATE", None
        return duration_value(None, unit), "DURATION", None

    def _duration_adj(self, m, tense):
        number = _req(m, "n")
        n = _number(number.rstrip("-")) if number[:1].isdigit() else _number(number.lower())
        unit = "Y" if _g(m, "stem") == "jährig" else tables.unit_adjectives()[_req(m, "stem")]
        return duration_value(n, unit), "DURATION", None

    def _lasting(self, m, tense):
        return duration_value(None, tables.lasting_words()[_req(m, "w")]), "DURATION", None

    def _set(self, m, tense):
        return duration_value(1, _meaning("set", _req(m, "w"))), "SET", None

    def _reference(self, m, tense):
        word = _req(m, "w")
        entry = tables.reference_words().get(word) or tables.reference_words().get(word[0].lower() + word[1:])
        if entry is None:
            return None
        value, in_news, after_event = entry
        if not self.narrative and not in_news:
            return (self.dct.isoformat() if self.dct else None), "DATE", None
        if after_event and tense == "PAST" and not self.narrative:
            # later than the event told before, not than today: "Wenig später traf er" (in a narrative the
            # reference time is that event's date, so FUTURE_REF holds there, as TIMEX2 annotates it)
            return None, "DATE", None
        return value, "DATE", None

    def _year_pair(self, m, tense):
        y1, raw = _req(m, "y1"), _req(m, "y2")
        first = self._year_from(y1, _g(m, "bc"))
        second = int(raw) if len(raw) != 2 or len(y1) != 4 else int(y1[:2] + raw)
        if first < 0:
            second = -second
        if len(y1) == 4 and not (0 < second - first < 100):
            return None
        a, b = format_year(first), format_year(second)
        return f"{a}/{b}", "DATE", None, None, [(m.start("y1"), m.end("y1"), a), (m.start("y2"), m.end(), b)]

    def _year(self, m, tense):
        year = self._year_from(_req(m, "y"), _g(m, "bc"))
        nxt = m.string[m.end() : m.end() + 40].split()
        word = nxt[0].rstrip(".,;:!?)") if nxt else ""
        if not (_g(m, "bc") or _g(m, "jahr")) and word[:1].isupper() and word.isalpha():
            # "1500 Soldaten": a count, unless the year fits the story ("1917 Meutereien")
            ref = self.year if self.year is not None else (self.dct.year if self.dct else None)
            if ref is None or abs(year - ref) > COUNT_WINDOW:
                return None
        mod = "APPROX" if _g(m, "approx") else None
        start = None
        if _g(m, "jahr"):
            start = m.start("jahr")
        if _g(m, "approx"):
            start = m.start("approx")
        elif _g(m, "jahr") is None:
            start = m.start("y")
        return format_year(year), "DATE", mod, start
