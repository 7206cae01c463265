"""Page-layout knowledge shared by the readers.

Pages, dumps and feeds disagree on structure but share conventions: a kicker
run into the headline, "(Foto: CREDIT)" at the end of a caption, a footer
"Quelle: ntv.de, ghö/dpa", run-together tag lines. Each convention is one
function here, used by every reader that meets it; dates (German date lines
among them) have a module of their own, :mod:`.published`.
"""

from __future__ import annotations

import itertools
import re

from ..lang import de

# Dates of every form are read in .published; these names stay importable from layout.
from .published import DEFAULT_TZ, iso_datetime, normalise_published, parse_date_line  # noqa: F401

# --- run-together text ------------------------------------------------------


def _protected_ranges(text: str) -> list[tuple[int, int]]:
    ranges = []
    for word in de.camelcase_words():
        for m in re.finditer(re.escape(word), text):
            ranges.append((m.start(), m.end()))
    # Scottish/Irish names: McCarthy, MacArthur, O'Brien
    for m in re.finditer(r"\b(?:Mc|Mac)(?=[A-Z])", text):
        ranges.append((m.start(), m.end() + 1))
    return ranges


def run_together_boundaries(text: str) -> list[int]:
    """Offsets where two strings were run together without a separator.

    A boundary is a lower-case letter, digit or closing punctuation followed
    directly by a capital ("zufriedenUSA"), or an all-capitals word followed by
    a capitalised word ("USAKriege" → "USA" | "Kriege"). Known names with an
    inner capital ("iPhone", "McDonald") are not split.
    """
    protected = _protected_ranges(text)
    out = []
    for i in range(1, len(text)):
        prev, cur = text[i - 1], text[i]
        if not cur.isupper():
            continue
        if prev.islower() or prev.isdigit() or prev in "!?.)\"“”»«'’":
            candidate = True
        elif prev.isupper() and i + 1 < len(text) and text[i + 1].islower() and i >= 2 and text[i - 2].isupper():
            candidate = True  # "USAKriege": the last capital starts the next word
        else:
            candidate = False
        if candidate and not any(a < i < b for a, b in protected):
            out.append(i)
    return out


def split_run_together(text: str) -> list[str]:
    """ "RusslandDonald TrumpUSA" → ["Russland", "Donald Trump", "USA"]."""
    cuts = [0, *run_together_boundaries(text), len(text)]
    return [text[a:b].strip() for a, b in itertools.pairwise(cuts) if text[a:b].strip()]


#: A kicker is a short label: at most this many words.
KICKER_WORDS_MAX = 8

#: " - n-tv.de", " | Beispielblatt": a site name after a page title.
TITLE_SUFFIX = re.compile(r"\s+[-|–—·]\s+(?P<site>\S.{0,59})")


def split_kicker(line: str) -> tuple[str | None, str]:
    """Kicker and headline of a line where they run together.

    "Kremlgesandter zufriedenUSA und Russland sollen Geheimgespräche führen" →
    ("Kremlgesandter zufrieden", "USA und Russland sollen Geheimgespräche führen").
    Also accepts the "Kicker: Headline" form of HTML titles. Returns
    (None, line) when there is no kicker.
    """
    line = line.strip()
    cuts = run_together_boundaries(line)
    if cuts:
        kicker, headline = line[: cuts[0]].strip(), line[cuts[0] :].strip()
        if kicker and headline and len(kicker.split()) <= KICKER_WORDS_MAX:
            return kicker, headline
    return None, line


def kicker_from_title(title: str | None, headline: str | None) -> str | None:
    """The kicker of a page title of the form "Kicker: Headline" (optionally
    followed by " - Site"): "Kremlgesandter zufrieden: USA und Russland … - n-tv.de"
    → "Kremlgesandter zufrieden". None when the title has another form."""
    if not title or not headline:
        return None
    idx = title.find(headline)
    if idx <= 0:
        return None
    prefix = title[:idx].rstrip()
    rest = title[idx + len(headline) :]
    ends_with_headline = not rest.strip() or TITLE_SUFFIX.fullmatch(rest)
    if prefix.endswith(":") and ends_with_headline and 0 < len(prefix[:-1].split()) <= KICKER_WORDS_MAX:
        return prefix[:-1].strip()
    return None


# --- captions and credits ---------------------------------------------------


def _credit_re() -> re.Pattern:
    labels = "|".join(map(re.escape, de.credit_labels()))
    return re.compile(
        rf"\s*(?:\((?:{labels})\s*:\s*(?P<p>[^()]*(?:\([^()]*\)[^()]*)*)\)"
        rf"|(?:{labels})\s*:\s*(?P<b>[^.()]+?)|©\s*(?P<c>[^.()]+?))\s*$"
    )


_CREDIT: re.Pattern | None = None


def split_credit(caption: str) -> tuple[str, str | None]:
    """Caption and picture credit: "… zusammengekommen. (Foto: X/Y)" → ("… zusammengekommen.", "X/Y")."""
    global _CREDIT
    if _CREDIT is None:
        _CREDIT = _credit_re()
    m = _CREDIT.search(caption)
    if not m:
        return caption.strip(), None
    credit = (m.group("p") or m.group("b") or m.group("c") or "").strip()
    return caption[: m.start()].strip(), credit or None


def has_credit(line: str) -> bool:
    return split_credit(line)[1] is not None


# --- footer: "Quelle: ntv.de, ghö/dpa" ----------------------------------------

_FOOTER = re.compile(r"^\s*(?:Quelle|Quellen)\s*:\s*(?P<rest>.+?)\s*$")


def comparison_key(text: str | None) -> str:
    """Letters and digits only, case-folded: "Donald Trump" and "donald-trump" compare equal."""
    return "".join(c for c in (text or "").casefold() if c.isalnum())


_NO_SENTENCE = re.compile(r"[.!?:;]")


def _is_tag_line(paragraph: str, tags) -> bool:
    """A tag, a run-together tag line, or a short heading such as "Themen"."""
    return (
        comparison_key(paragraph) in {comparison_key(t) for t in tags}
        or looks_like_tag_line(paragraph)
        or (len(paragraph.split()) <= KICKER_WORDS_MAX and not _NO_SENTENCE.search(paragraph))
    )


def strip_footer(body: list[str], tags=()) -> tuple[list[str], tuple[str | None, list[str], list[str]] | None]:
    """Body paragraphs without a final source footer ("Quelle: ntv.de, ghö") and the
    tag lines after it, and the parsed footer (see :func:`parse_footer`) or None."""
    for n in range(len(body) - 1, -1, -1):
        footer = parse_footer(body[n])
        if footer:
            return body[:n], footer
        if not _is_tag_line(body[n], tags):
            break
    return body, None


def parse_footer(line: str) -> tuple[str | None, list[str], list[str]] | None:
    """(outlet, authors, agencies) of a source footer, or None if ``line`` is none.

    "Quelle: ntv.de, ghö" → ("ntv.de", ["ghö"], []);
    "Quelle: ntv.de, mau/dpa/rts" → ("ntv.de", ["mau"], ["dpa", "Reuters"]).
    """
    m = _FOOTER.match(line)
    if not m or len(line) > 120:
        return None
    items = [i.strip() for i in m.group("rest").split(",") if i.strip()]
    if not items:
        return None
    outlet: str | None = None
    authors: list[str] = []
    agencies: list[str] = []
    known = de.agencies()
    for n, item in enumerate(items):
        for part in (p.strip() for p in item.split("/") if p.strip()):
            if part.lower() in known:
                agencies.append(known[part.lower()])
            elif n == 0 and outlet is None:
                outlet = part
            else:
                authors.append(part)
    return outlet, authors, agencies


# --- slugs ----------------------------------------------------------------------

_SLUG = re.compile(r"[^\W_]+(?:-[^\W_]+){2,}")


def is_slug(line: str) -> bool:
    """An image or URL slug line: words joined by hyphens, no spaces."""
    return bool(_SLUG.fullmatch(line.strip()))


def looks_like_tag_line(line: str) -> bool:
    """A line of run-together tags: no sentence punctuation, several parts."""
    line = line.strip()
    return bool(line) and len(line) < 400 and not re.search(r"[.!?:;\"„“]", line) and len(split_run_together(line)) >= 2


# --- bylines and datelines ----------------------------------------------------

_NAME = r"[A-ZÄÖÜ][\w'’.-]+(?:\s+(?:von|van|de|der|zu|[A-ZÄÖÜ][\w'’.-]+))*"
_BYLINE = re.compile(
    r"^(?:Von|Ein (?:Kommentar|Gastbeitrag|Interview|Bericht|Essay) von|Eine (?:Analyse|Reportage|Kolumne|Glosse) von)"
    rf"\s+(?P<names>{_NAME}(?:\s*(?:,|und|&)\s*{_NAME})*)\s*$"
)


def parse_byline(line: str) -> list[str] | None:
    """Authors of a byline ("Von Hubertus Volmer", "Eine Analyse von Anna Muster und Max Mustermann"), else None."""
    line = line.strip()
    if len(line) > 120:
        return None
    m = _BYLINE.match(line)
    if not m:
        return None
    return [n.strip() for n in re.split(r"\s*(?:,|\bund\b|&)\s*", m.group("names")) if n.strip()]


_DATELINE = re.compile(r"^[A-ZÄÖÜ][\w./' -]{1,40}?\s*\((?P<agencies>[A-Za-z]{2,12}(?:\s*/\s*[A-Za-z]{2,12})*)\)\s*[-–—]\s")


def dateline_agencies(lead: str) -> list[str]:
    """Agencies named in a dateline at the start of the text: "Berlin (dpa/AFP) - Die …" → ["dpa", "AFP"]."""
    m = _DATELINE.match(lead)
    if not m:
        return []
    known = de.agencies()
    parts = [p.strip().lower() for p in m.group("agencies").split("/")]
    return [known[p] for p in parts if p in known]
