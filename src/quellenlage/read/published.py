"""Publication dates: every form a source gives becomes the ISO value of ``meta.published``.

One reader for all readers (page dump, HTML, JSON/news-please). The forms, in
the order they are tried (the first that reads the value wins):

1. ``datetime``/``date`` objects;
2. epoch time, as a number or a digit string: seconds ("1700000000") or
   milliseconds ("1700000000000"), given as Europe/Berlin time; a four-digit
   number is a year;
3. German relative dates, against the crawl date of the input (news-please's
   ``date_download``, a JSON record's ``crawled``, the fetch date a reader is
   given): "heute", "gestern", "vorgestern", "gestern, 18:30 Uhr",
   "vor 25 Minuten", "vor 3 Stunden", "vor 2 Tagen" (words from
   ``lang/de/time``: deictic days, numbers, units);
4. ISO 8601: "2025-11-19", "2025-11-19T09:47:00Z", "…+01:00", "2025-11-19 09:47:00",
   and with reduced precision "2023-02", "2023";
5. everything else through dateutil, with German and English month and weekday
   names and the day first: "19. November 2025", "19.11.2025 09:47",
   "Mi., 19.11.2025", "19.11.25", "November 2025", RFC 2822
   "Wed, 19 Nov 2025 09:47:00 +0100", JavaScript's "… GMT+0100 (…)".

**Precision first:** the value keeps exactly what the source gives and never
invents a part: "2023-02" stays "2023-02", "November 2025" is "2025-11", a
time without minutes or a zone dateutil does not know leaves the date only,
"vor 3 Stunden" gives the day (the hour is approximate), "vor 2 Wochen" gives
nothing. A value without a day is kept, but the time stage gets no anchor from
it (``analyse.time.document_date`` needs a day), so relative times in the text
stay unresolved. Times without an offset are Europe/Berlin.

What cannot be read, or has no day, comes back with a ``problem``; readers put
:meth:`PublicationDate.warning` in the article's warnings, which the record
keeps and the batch prints as ``warning: NAME: publication date 'irgendwann'
not understood; relative times stay unresolved``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import ClassVar
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

from .. import patterns
from ..lang import de
from ..lang.de import time_tables as time_words

#: Time zone assumed for times given without an offset (German-language outlets).
DEFAULT_TZ = ZoneInfo("Europe/Berlin")

#: Words around a time of day in a German date line: "um 09:47 Uhr".
TIME_WORDS = ("um", "Uhr")
#: Time zone names dateutil may meet, as offsets in seconds (dateutil alone would
#: read the machine's own zone name as local time).
ZONE_OFFSETS = {"UTC": 0, "GMT": 0, "Z": 0, "UT": 0, "MEZ": 3600, "CET": 3600, "MESZ": 7200, "CEST": 7200}
#: Units of "vor N …" that still give a day ("vor 2 Wochen" does not): TIMEX codes from ``units.tsv``.
AGO_UNITS = {"MIN": timedelta(minutes=1), "H": timedelta(hours=1), "D": timedelta(days=1)}
#: Longest value quoted in a warning.
QUOTE_MAX = 60

CONSEQUENCE = "relative times stay unresolved"


@dataclass(frozen=True)
class PublicationDate:
    """A publication date as read: its ISO value, what the source gave, and what went wrong."""

    value: str | None = None
    given: str | None = None  # the source's value as written; None when it gave none
    problem: str | None = None  # why there is no value, or no day in it

    @property
    def has_day(self) -> bool:
        return self.value is not None and len(self.value) >= 10

    @property
    def warning(self) -> str | None:
        """``publication date 'irgendwann' not understood; relative times stay unresolved``, or None."""
        if not self.problem:
            return None
        return f"publication date {_quoted(self.given)} {self.problem}; {CONSEQUENCE}"


def _quoted(text: str | None) -> str:
    text = " ".join((text or "").split())
    return "'" + (text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1] + "…") + "'"


# --- the value as written ---------------------------------------------------------


def read_published(value, crawled=None) -> PublicationDate:
    """The publication date of one value a source gives (see the module docstring).

    ``crawled`` is when the input was fetched (any form this module reads);
    relative dates are read against it.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return PublicationDate()
    if isinstance(value, datetime):
        return PublicationDate(iso_datetime(value), str(value))
    if isinstance(value, date):
        return PublicationDate(value.isoformat(), str(value))
    given = str(value).strip()
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return PublicationDate(None, given, "not understood")
    relative = _relative(given)
    if relative is not None:
        try:
            return _resolve(relative, given, crawled)
        except (OverflowError, ValueError):  # "vor 99999999999 Tagen", "gestern" of a crawl date in year 1
            return PublicationDate(None, given, "lies outside the calendar (years 1 to 9999)")
    value_iso = _absolute(given)
    if value_iso is None:
        return PublicationDate(None, given, _why_not(given))
    if len(value_iso) < 10:
        return PublicationDate(value_iso, given, "has no day")
    return PublicationDate(value_iso, given)


def first_published(values: Iterable, crawled=None) -> PublicationDate:
    """The first of several candidate values (most trusted first) that gives a day;
    else the first that gives a month or year; else the first given one's problem."""
    partial = failed = None
    for value in values:
        reading = read_published(value, crawled)
        if reading.given is None:
            continue
        if reading.has_day:
            return reading
        if reading.value and partial is None:
            partial = reading
        failed = failed or reading
    return partial or failed or PublicationDate()


def normalise_published(value) -> str | None:
    """ISO 8601 of any date representation a source gives, or None (no crawl date)."""
    return read_published(value).value


def iso_datetime(dt: datetime) -> str:
    """ISO 8601 with offset; minutes only when the seconds are zero ("2025-11-19T09:47+01:00")."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=DEFAULT_TZ)
    spec = "minutes" if dt.second == 0 and dt.microsecond == 0 else "seconds"
    return dt.isoformat(timespec=spec)


# --- absolute dates -----------------------------------------------------------------

_EPOCH = re.compile(r"\d{4}|(?:\d{9,10}|\d{12,13})(?:\.\d+)?")
_ISO_FULL = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)
_ISO_PARTIAL = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2}))?")
# JavaScript's Date.toString(): "… 09:47:00 GMT+0100 (Mitteleuropäische Normalzeit)". dateutil reads
# "GMT+0100" the POSIX way (an hour *behind* GMT), so the "GMT" goes; the zone's name in brackets too.
_JS_ZONE = re.compile(r"\b(?:GMT|UTC)(?=[+-]\d{2}:?\d{2}\b)")
_ZONE_NAME = re.compile(r"\s*\([^()]*\)\s*$")


def _absolute(text: str) -> str | None:
    """ISO value of an absolute date, with the precision it is given in, or None."""
    if _EPOCH.fullmatch(text):
        return _epoch(text)
    m = _ISO_FULL.fullmatch(text)
    if m:
        try:
            if not m.group("time"):
                return date.fromisoformat(m.group("date")).isoformat()
            zone = m.group("zone") or ""
            zone = "+00:00" if zone.upper() == "Z" else zone
            return iso_datetime(datetime.fromisoformat(f"{m.group('date')}T{m.group('time')}{zone}"))
        except ValueError:
            return None
    m = _ISO_PARTIAL.fullmatch(text)
    if m:
        month = int(m.group("m") or 1)
        return text if 1000 <= int(m.group("y")) and 1 <= month <= 12 else None
    return _dateutil(text)


def _epoch(digits: str) -> str | None:
    if len(digits) == 4:
        return digits if int(digits) >= 1000 else None
    seconds = float(digits) / (1000 if len(digits.split(".")[0]) >= 12 else 1)
    try:
        return iso_datetime(datetime.fromtimestamp(seconds, tz=DEFAULT_TZ))
    except (OverflowError, OSError, ValueError):
        return None


class _GermanAndEnglish(dateutil_parser.parserinfo):
    """dateutil's parser info with German month and weekday names beside the English ones, day first."""

    JUMP: ClassVar[list[str]] = [*dateutil_parser.parserinfo.JUMP, *TIME_WORDS]

    def __init__(self):
        months: list[list[str]] = [list(names) for names in dateutil_parser.parserinfo.MONTHS]
        for name, number in de.months().items():
            months[number - 1].append(name.rstrip("."))
        weekdays: list[list[str]] = [list(names) for names in dateutil_parser.parserinfo.WEEKDAYS]
        for name, number in time_words.weekdays().items():
            weekdays[number - 1].append(name)
        for abbreviation, number in _weekday_abbreviations().items():
            weekdays[number - 1].append(abbreviation)
        self.MONTHS = [tuple(dict.fromkeys(names)) for names in months]
        self.WEEKDAYS = [tuple(dict.fromkeys(names)) for names in weekdays]
        super().__init__(dayfirst=True)


@cache
def _weekday_abbreviations() -> dict[str, int]:
    """ "Mo", "Di", "Mi" …: the first two letters of each weekday's first name in ``weekdays.tsv``."""
    out: dict[str, int] = {}
    for name, number in time_words.weekdays().items():
        if number not in out.values():
            out[name[:2]] = number
    return out


@cache
def _parserinfo() -> _GermanAndEnglish:
    return _GermanAndEnglish()


# Two defaults that differ in every field: a field that comes out the same from both was given.
_DEFAULTS = (datetime(1901, 1, 1, 0, 0, 0), datetime(1902, 2, 2, 1, 1, 1))
_FIELDS = ("year", "month", "day", "hour", "minute", "second")


def _dateutil_parse(text: str) -> tuple[datetime, set[str], bool] | None:
    """dateutil's reading of ``text``, the fields it was given, and whether its zone was understood."""
    text = _ZONE_NAME.sub("", _JS_ZONE.sub("", text))
    parsed = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for default in _DEFAULTS:
            try:
                parsed.append(dateutil_parser.parse(text, parserinfo=_parserinfo(), default=default, tzinfos=ZONE_OFFSETS))
            except (ValueError, OverflowError, TypeError):
                return None
    first, second = parsed
    zone_known = _offset_valid(first) and not any(issubclass(w.category, dateutil_parser.UnknownTimezoneWarning) for w in caught)
    return first, {f for f in _FIELDS if getattr(first, f) == getattr(second, f)}, zone_known


def _offset_valid(dt: datetime) -> bool:
    """Whether ``dt``'s offset is one a clock can have (less than a day: "+9999" is not one)."""
    try:
        dt.utcoffset()
    except ValueError:
        return False
    return True


def _dateutil(text: str) -> str | None:
    parsed = _dateutil_parse(text)
    if parsed is None:
        return None
    dt, given, zone_known = parsed
    if "year" not in given:
        return None
    if "month" not in given:
        return f"{dt.year:04d}"
    if "day" not in given:
        return f"{dt.year:04d}-{dt.month:02d}"
    if {"hour", "minute"} <= given and zone_known:
        return iso_datetime(dt if "second" in given else dt.replace(second=0))
    return dt.date().isoformat()


def _why_not(text: str) -> str:
    parsed = _dateutil_parse(text)
    if parsed is not None and "year" not in parsed[1] and {"month", "day"} <= parsed[1]:
        return "has no year"
    return "not understood"


# --- relative dates ----------------------------------------------------------------


@dataclass(frozen=True)
class _Relative:
    days: int = 0  # "gestern" → -1
    hour: int | None = None  # "gestern, 18:30 Uhr"
    minute: int | None = None
    ago: float | None = None  # "vor 3 Stunden" → 3 …
    unit: str | None = None  # … "H" (TIMEX unit code of units.tsv)


_TIME_OF_DAY = r"(?:\s*,?\s*(?:um\s+)?(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:\s*Uhr)?)?"


@cache
def _relative_patterns() -> tuple[re.Pattern, re.Pattern]:
    past_days = [w for w, n in time_words.deictic_days().items() if n <= 0]  # no "morgen" for a publication
    day = re.compile(rf"(?P<day>{patterns.alternation(past_days)}){_TIME_OF_DAY}", re.IGNORECASE)
    ago = re.compile(
        rf"vor\s+(?P<n>\d+(?:[.,]\d+)?|{patterns.alternation(time_words.numbers())})\s+(?P<unit>{patterns.alternation(time_words.units())})",
        re.IGNORECASE,
    )
    return day, ago


def _relative(text: str) -> _Relative | None:
    """The parts of a German relative date ("gestern, 18:30 Uhr", "vor 3 Stunden"), or None."""
    day, ago = _relative_patterns()
    m = day.fullmatch(text)
    if m:
        hour = int(m.group("H")) if m.group("H") else None
        minute = int(m.group("M")) if m.group("M") else None
        return _Relative(days=time_words.deictic_days()[m.group("day").lower()], hour=hour, minute=minute)
    m = ago.fullmatch(text)
    if m:
        n = m.group("n").replace(",", ".")
        numbers = {w.lower(): v for w, v in time_words.numbers().items()}
        units = {w.lower(): code for w, code in time_words.units().items()}
        amount = float(n) if n[0].isdigit() else numbers[n.lower()]
        return _Relative(ago=amount, unit=units[m.group("unit").lower()])
    return None


def _crawl_time(crawled) -> tuple[date | None, datetime | None, str | None]:
    """(day, moment in Europe/Berlin or None, problem) of the crawl date."""
    if crawled is None or (isinstance(crawled, str) and not crawled.strip()):
        return None, None, "is relative and the input has no crawl date"
    reading = read_published(crawled)
    if not reading.has_day or reading.value is None:
        return None, None, f"is relative and the crawl date {_quoted(str(crawled))} gives no day"
    if len(reading.value) == 10:
        return date.fromisoformat(reading.value), None, None
    moment = datetime.fromisoformat(reading.value).astimezone(DEFAULT_TZ)
    return moment.date(), moment, None


def _resolve(rel: _Relative, given: str, crawled) -> PublicationDate:
    if rel.unit is not None and rel.unit not in AGO_UNITS:
        return PublicationDate(None, given, "is too vague for a day")
    day, moment, problem = _crawl_time(crawled)
    if day is None:
        return PublicationDate(None, given, problem)
    if rel.unit is None:  # "heute", "gestern, 18:30 Uhr"
        on = day + timedelta(days=rel.days)
        if rel.hour is None:
            return PublicationDate(on.isoformat(), given)
        try:
            at = datetime(on.year, on.month, on.day, rel.hour, rel.minute or 0, tzinfo=DEFAULT_TZ)
        except ValueError:
            return PublicationDate(None, given, "not understood")
        return PublicationDate(iso_datetime(at), given)
    step = AGO_UNITS[rel.unit]
    ago = rel.ago
    assert ago is not None  # _relative() sets it together with the unit
    if step == AGO_UNITS["D"] and ago == int(ago):  # "vor 2 Tagen": calendar days
        return PublicationDate((day - timedelta(days=int(ago))).isoformat(), given)
    if moment is None:
        problem = f"is relative to the crawl time and the crawl date {_quoted(str(crawled))} has no time"
        return PublicationDate(None, given, problem)
    then = moment - step * ago
    if step == AGO_UNITS["MIN"]:
        return PublicationDate(iso_datetime(then.replace(second=0, microsecond=0)), given)
    return PublicationDate(then.date().isoformat(), given)  # "vor 3 Stunden": the day; the hour is approximate


# --- date lines -------------------------------------------------------------------


@cache
def _date_line() -> re.Pattern:
    weekdays = patterns.alternation([*time_words.weekdays(), *_weekday_abbreviations()])
    return re.compile(
        rf"(?:(?:{weekdays})\.?,?\s*)?"
        r"(?P<d>\d{1,2})\.\s*(?:(?P<m>\d{1,2})\.|(?P<mn>"
        + patterns.alternation(de.months())
        + r"))\s*(?P<y>\d{4}|\d{2})"
        + _TIME_OF_DAY,
        flags=re.IGNORECASE,
    )


def read_date_line(line: str, crawled=None) -> PublicationDate | None:
    """The date of a German date line, or None when ``line`` is none.

    Date lines: "19.11.2025, 09:47 Uhr", "Mittwoch, 19. November 2025, 09:47 Uhr",
    "Mi., 19.11.25", and relative ones ("gestern, 18:30 Uhr", "vor 3 Stunden"),
    which need ``crawled``; a line with an impossible date ("31.02.2025") is none.
    """
    line = line.strip()
    if _relative(line) is not None:
        return read_published(line, crawled)
    m = _date_line().fullmatch(line)
    if not m:
        return None
    month = int(m.group("m")) if m.group("m") else de.months()[m.group("mn").lower()]
    year = int(m.group("y")) if len(m.group("y")) == 4 else _parserinfo().convertyear(int(m.group("y")))
    try:
        if m.group("H") is None:
            return PublicationDate(date(year, month, int(m.group("d"))).isoformat(), line)
        dt = datetime(year, month, int(m.group("d")), int(m.group("H")), int(m.group("M")), tzinfo=DEFAULT_TZ)
    except ValueError:
        return None
    return PublicationDate(iso_datetime(dt), line)


def parse_date_line(line: str) -> str | None:
    """ISO value of an absolute German date line such as "19.11.2025, 09:47 Uhr", else None."""
    reading = read_date_line(line)
    return reading.value if reading else None
