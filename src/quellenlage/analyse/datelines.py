"""Datelines and agency credits anywhere in the text: source metadata, never participants or places.

A dateline opens a paragraph or a sentence: one or more place names joined by
"/", an optional agency credit in brackets, then a dash ("Berlin (dpa) - …",
"Mainz/Daun (dpa/lrs) – …", "Wien – …"). Without a credit, every place word must
be a place the entities stage found there, so "Merkel – die Kanzlerin" is no
dateline. A credit in brackets whose first part is an agency ("(Reuters/jW)",
"(APA, 3.2.2016)") and a "Quelle: AFP" line are credits wherever they stand.
Agencies come from ``lang/de/agencies.tsv``; further sigla after the first
("lrs", "jW") are kept as written.

A page copied as text carries more of it, each read as source metadata too:

- a picture or source credit that ends a paragraph, at its start or right after a sentence's end, a few names with
  no quotation ("© dpa / Peter Kneffel/Archiv", "…im Jahr 2015.Foto: dpa", "Quelle: picture alliance / dpa"; the
  labels of ``credit_labels.txt`` and the ``source`` rows of ``dateline_words.tsv``), with the agencies named in it;
  not "sagte der Bild: „… getroffen!“";
- the account a post is shared from ("RT @BILD: Polizei fasst …");
- a time stamp: a paragraph of a few words that ends in a date and a clock time ("Epoch Times, Sonntag, 8. November
  2015 12:19", "03.03.16 - 16:32"), or such a date and time after a dash at the end of a headline ("… mit
  Anschlägen von Paris - 28.12.2015 12:11 Uhr"), with no preposition before the date. It tells when the page was
  written, not when anything happened ("Der Streik beginnt am 12.03.2016 - 06:00 Uhr" is the strike's time).

The stage fills ``record.datelines``; the events stage leaves every entity mention and time expression inside one
out of its participants, places and times.
"""

from __future__ import annotations

import re
from functools import cache

from ..lang import de
from ..lang.de import entity_tables
from ..record import Dateline, Record
from .stages import stage

#: Bump when the datelines this stage finds change.
VERSION = 2  # 2: picture and source credits at a paragraph's end, the account of a shared post, time stamps

# lower-case words inside a place's name ("Frankfurt am Main", "Rothenburg ob der Tauber"): ``dateline_words.tsv``
_JOINERS = "|".join(r"\s".join(re.escape(w) for w in phrase.split()) for phrase in entity_tables.dateline_words().joiners)
_PLACE = rf"[A-ZÄÖÜ][\w.'’-]*(?:\s(?:{_JOINERS}|[A-ZÄÖÜ][\w.'’-]*)){{0,3}}"
_CREDIT = r"\((?P<credit>[A-Za-z][A-Za-z-]{1,11}(?:\s*[/,]\s*[\w.]{1,12})*)\)"  # "(dpa/lrs)", "(dpa-AFX)"
_DATELINE = re.compile(rf"(?P<places>{_PLACE}(?:\s*/\s*{_PLACE})*)\s*(?:{_CREDIT}\s*)?[-–—]\s+(?=\S)")
_BRACKETS = re.compile(_CREDIT)
_SOURCE_LABELS = "|".join(re.escape(w) for w in entity_tables.dateline_words().source_labels)  # "Quelle: AFP"
_SOURCE_LINE = re.compile(rf"\b(?:{_SOURCE_LABELS}):\s*(?P<credit>[A-Za-z]{{2,12}}(?:\s*[/,]\s*[A-Za-z]{{1,12}})*)")
_MAX_PLACES_LEN = 60
_SHARED_FROM = re.compile(r"RT\s+@\w{1,30}:")  # "RT @BILD:", at a paragraph's or sentence's start
_DATE = r"(?:\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})|\d{1,2}\.\s[A-ZÄÖÜ][a-zä]+\s\d{4}|\d{4}-\d{2}-\d{2})"
_CLOCK = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s?Uhr)?"
#: a date and a clock time that end a paragraph, the date maybe after a weekday and a comma
_STAMP_END = re.compile(rf"{_DATE}\s?[,/|–-]?\s?{_CLOCK}\s*$")  # no "um": "am 12.03.2016 um 6.00 Uhr" is told
#: at most this many words before the date of a paragraph that is a time stamp ("Epoch Times, Sonntag,")
_STAMP_WORDS = 4


def _agencies(credit: str) -> list[str]:
    """ "dpa/lrs" → ["dpa", "lrs"]; empty unless the first part is a known agency. Dates ("3.2.2016") drop out."""
    known = de.agencies()
    parts = [p.strip() for p in re.split(r"[/,]", credit) if p.strip()]
    if not parts or parts[0].lower() not in known:
        return []
    return [known.get(p.lower(), p) for p in parts if not any(ch.isdigit() for ch in p)]


def _starts(record: Record) -> list[int]:
    """Offsets where a dateline may stand: paragraph and sentence starts."""
    return sorted({p.start for p in record.paragraphs} | {s.start for s in record.sentences})


def _loc_spans(record: Record) -> list[tuple[int, int]]:
    return [(m.start, m.end) for e in record.entities if e.type == "LOC" for m in e.mentions]


def _all_places(record: Record, start: int, end: int, locs: list[tuple[int, int]]) -> bool:
    """Whether every "/"-separated part of text[start:end] is covered by a LOC mention."""
    pos = start
    for part in record.text[start:end].split("/"):
        lead = len(part) - len(part.lstrip())
        a, b = pos + lead, pos + len(part.rstrip())
        if not any(s <= a and b <= e for s, e in locs):
            return False
        pos += len(part) + 1
    return True


def find(record: Record) -> list[Dateline]:
    """Every dateline and agency credit in ``record.text``, in text order, without overlaps."""
    text = record.text
    locs = _loc_spans(record)
    found: list[Dateline] = []
    starts = _starts(record)
    for at in starts:
        m = _DATELINE.match(text, at)
        if not m or len(m.group("places")) > _MAX_PLACES_LEN:
            continue
        agencies = _agencies(m.group("credit")) if m.group("credit") else []
        if m.group("credit") and not agencies:
            continue
        if not agencies and not _all_places(record, m.start("places"), m.end("places"), locs):
            continue
        places = [p.strip() for p in m.group("places").split("/")]
        found.append(_dateline(record, m.start(), m.end(), places, agencies))
    taken = [(d.start, d.end) for d in found]
    for d in _page_metadata(record, starts):
        if not any(a < d.end and d.start < b for a, b in taken):
            found.append(d)
            taken.append((d.start, d.end))
    for pattern in (_BRACKETS, _SOURCE_LINE):
        for m in pattern.finditer(text):
            agencies = _agencies(m.group("credit"))
            if agencies and not any(s <= m.start() < e for s, e in taken):
                found.append(_dateline(record, m.start(), m.end(), [], agencies))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


@cache
def _credit() -> re.Pattern[str]:
    """A credit label and its colon, or "©", and the rest of the paragraph ("Foto: dpa", "© Eickmann")."""
    labels = "|".join(re.escape(w) for w in (*de.credit_labels(), *entity_tables.dateline_words().source_labels))
    # at the paragraph's start or right after a sentence's end ("…im Jahr 2015.Foto: dpa"), a few names with no
    # quotation and no sentence of their own: "sagte der Bild: „… getroffen!“" is a quote, not a credit
    return re.compile(rf"(?:^|(?<=[.!?)\]“\"])\s?)(?P<label>(?:{labels})\s?:|©)\s*(?P<credit>[^.()!?„“\"»«:]{{1,60}}?)\s*$")


def _named_agencies(credit: str) -> list[str]:
    """The agencies a credit names anywhere in it ("dpa / Peter Kneffel/Archiv" → ["dpa"])."""
    known = de.agencies()
    return [known[w.lower()] for w in re.split(r"[\s/,;|]+", credit) if w.lower() in known]


def _page_metadata(record: Record, starts: list[int]) -> list[Dateline]:
    """Credits at a paragraph's end, shared-from accounts at ``starts`` (:func:`_starts`) and time stamps (see the
    module docstring)."""
    text, out = record.text, []
    for p in record.paragraphs:
        para = text[p.start : p.end]
        m = _credit().search(para)
        if m:
            out.append(_dateline(record, p.start + m.start("label"), p.end, [], _named_agencies(m.group("credit"))))
        m = _STAMP_END.search(para)
        if m:
            before = para[: m.start()].rstrip()
            words = before.split()
            if words and words[-1].lower() in de.function_words("preposition"):
                continue  # "Der Streik beginnt am 12.03.2016 - 06:00 Uhr": an event's time, not the page's
            if len(words) <= _STAMP_WORDS:
                out.append(_dateline(record, p.start, p.end, [], []))  # the paragraph is the stamp
            elif before.endswith((" -", " –", " |")):
                out.append(_dateline(record, p.start + m.start(), p.end, [], []))  # a headline's stamp
    for at in starts:
        m = _SHARED_FROM.match(text, at)
        if m:
            out.append(_dateline(record, m.start(), m.end(), [], []))
    return out


def _dateline(record: Record, start: int, end: int, places: list[str], agencies: list[str]) -> Dateline:
    raw = record.text[start:end]
    end = start + len(raw.rstrip())
    return Dateline(
        start=start, end=end, text=record.text[start:end], places=places, agencies=agencies, sentence=record.sentence_at(start)
    )


@stage("datelines", version=VERSION, order=30, requires=("text", "paragraphs", "sentences", "entities"), assigns=("datelines",))
def datelines(record: Record) -> None:
    """Fill ``record.datelines`` (the pipeline's ``datelines`` stage, after ``entities``)."""
    record.datelines = find(record)
