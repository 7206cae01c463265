"""Tokens and sentences for German news text.

Tokens come from spaCy's German tokenizer (its exception tables keep "z.B.",
"St.", "Dr.", "24." together; ours in ``lang/de/abbreviations.tsv`` are added).
Sentence boundaries are decided here, per paragraph, by rules that read the
tables in ``lang/de``:

- a boundary follows ``.``, ``!``, ``?`` or an ellipsis, plus any closing
  quotes and brackets, when the next token opens a sentence (a capital, a
  digit, an opening quote); a colon never ends a sentence;
- an abbreviation ends a sentence only if it may ("usw.", "etc.") and the next
  word is a sentence-opening function word ("… usw. Die …");
- a number with a full stop is an ordinal ("vom 24. bis zum 26. Oktober",
  "die 114. Mission") unless a function word follows ("… stieg auf 12. Die
  Polizei …"); a year or date ("im Jahr 2025. Trump …") ends the sentence
  unless an ordinal noun follows ("zum 1000. Mal"); so do Roman numerals
  ("König Rama IX. (Bhumibol)"); "Art."/"Abs." before a number are abbreviations;
- straight quotes are told apart by their neighbours: ``"`` after a space
  opens, before a space or punctuation closes, else they alternate;
- paragraphs (headline, lead, body …) always end a sentence.

Quotations that span several sentences stay several sentences; statements
link to all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang import de
from ..record import Record, Sentence
from .stages import stage

#: Bump when the tokens or sentences this stage produces change.
VERSION = 1

BRACKETS_CLOSE = {")", "]", "}"}
BRACKETS_OPEN = {"(", "[", "{"}
TERMINALS = {".", "..", "!", "?", "!?", "?!", "…", "...", "!!", "??"}
_NUMBER_DOT = re.compile(r"^[\d.:/,–-]*\d\.$")
# a year, a date, a number with thousands separators, a score or a time: rarely an ordinal
_YEARLIKE = re.compile(r"^(?:\d{1,2}\.\d{1,2}\.)?\d{4}\.$|^\d{1,3}(?:\.\d{3})+\.$|^\d+[:/,]\d+\.$")
# a Roman numeral before its full stop: an ordinal ("Rama IX.", "die XX. Kategorie")
_ROMAN = re.compile(r"^[IVXLC]{2,}$|^[IVX]$")
# a code ending in a number: "DC-9.", "A380.", "G20."
_CODE_NUMBER = re.compile(r"^[^\W\d_][\w-]*\d\.$")
_INITIAL = re.compile(r"^(?:[A-ZÄÖÜ]\.)+$")  # "F.", "C.Y.", "J.P."


@dataclass(slots=True)
class Word:
    """A non-space token: its text and character offsets."""

    text: str
    start: int
    end: int


def words(record: Record) -> list[Word]:
    """The non-space tokens of ``record.doc``, read as one array (making spaCy Token objects is slow)."""
    text = record.text
    doc = record.require_doc()
    rows = doc.to_array(["IDX", "LENGTH", "IS_SPACE"]).tolist() if len(doc) else []
    return [Word(text[i : i + n], i, i + n) for i, n, space in rows if not space]


@lru_cache(maxsize=1)
def tokenizer():
    """spaCy's blank German pipeline with our abbreviations as tokenizer exceptions."""
    import spacy

    nlp = spacy.blank("de")
    nlp.max_length = 20_000_000  # only the tokenizer runs: memory grows with the text, not quadratically
    for abbr in de.abbreviations():
        # Language.tokenizer is typed as a plain callable; a blank pipeline's is spaCy's Tokenizer (compiled, no stub)
        nlp.tokenizer.add_special_case(abbr, [{"ORTH": abbr}])  # type: ignore[union-attr]
    return nlp


#: Quotation marks, straight and typographic.
QUOTE_MARKS = frozenset({'"', "''", "``", "„", "‚", "“", "‘", "”", "’", "»", "«"})


def quote_roles(text: str, marks: list[tuple[int, str]]) -> list[str]:
    """'open' or 'close' for each quotation mark (offset, mark) of one paragraph, in order.

    Straight quotes are told apart by their neighbours (after a space: opens;
    before a space or punctuation: closes; else they alternate); „ and ‚ open
    and “/‘ close them (else “ opens, English style); the first guillemet
    decides between »…« and «…».
    """
    roles: list[str] = []
    straight_open = False
    german_guillemets = None  # True: »…«, False: «…»
    open_low = False  # „ or ‚ seen and not closed: “/‘ close it
    for idx, t in marks:
        if t in ('"', "''", "``"):
            before = text[idx - 1] if idx > 0 else " "
            after = text[idx + len(t)] if idx + len(t) < len(text) else " "
            if (before.isspace() or before in "([{–—-/") and not after.isspace():
                role = "open"
            elif after.isspace() or after in ".,;:!?)]}–—-":
                role = "close"
            else:
                role = "close" if straight_open else "open"
            straight_open = role == "open"
        elif t in ("„", "‚"):
            role, open_low = "open", True
        elif t in ("“", "‘"):  # closes „ (German style), else opens (English style)
            role = "close" if open_low else "open"
            open_low = False
        elif t in ("”", "’"):
            role = "close"
        else:
            if german_guillemets is None:
                german_guillemets = t == "»"
            role = "open" if (t == "»") == german_guillemets else "close"
        roles.append(role)
    return roles


def _quote_roles(doc, start: int, end: int, text: str | None = None) -> dict[int, str]:
    """'open' or 'close' for every quotation-mark token in doc[start:end].

    ``text`` is ``doc.text``, which spaCy joins anew from every token each time
    it is read: a caller that asks paragraph by paragraph passes it once, so that
    the work grows with the paragraph, not with the whole article („…“ in the
    200th paragraph costs what it costs in the first).
    """
    indexes = [i for i in range(start, end) if doc[i].text in QUOTE_MARKS]
    if not indexes:
        return {}
    if text is None:
        text = doc.text
    return dict(zip(indexes, quote_roles(text, [(doc[i].idx, doc[i].text) for i in indexes]), strict=False))


def _opens_sentence(tok) -> bool:
    first = tok.text[:1]
    return first.isupper() or first.isdigit()


def _is_terminal(text: str) -> bool:
    return text in TERMINALS or (len(text) > 1 and text[-1] in ".!?" and not text[:-1].isalpha())


def _is_ordinal_noun(word: str) -> bool:
    """ "Mal", "Geburtstag", "Geburtstages" … (inflected forms by prefix)."""
    return any(word.startswith(noun) for noun in de.ordinal_nouns())


def _ends_sentence(tok, nxt_word) -> bool:
    """Whether the terminal-like token ``tok`` ends its sentence, given the next word."""
    t = tok.text
    word = (nxt_word.text if nxt_word is not None else "").lower()
    starter = word in de.sentence_starters()
    if t in ("…", "..."):
        return starter
    if t == "." and tok.i > 0:
        before = tok.doc[tok.i - 1]
        if not before.whitespace_:
            if _ROMAN.match(before.text):
                return starter
            if before.text in de.number_abbreviations() and word[:1].isdigit():
                return False  # "nach Art. 51", "Abs. 3"
    if t in TERMINALS:
        return True
    if t.endswith(("!", "?")):
        return True
    if _YEARLIKE.match(t):
        return not _is_ordinal_noun(word)
    if _NUMBER_DOT.match(t):
        # a count after its noun ends the sentence: "… auf Platz 19. Trainer Meier …"
        before = tok.doc[tok.i - 1].text if tok.i > 0 else ""
        if before in de.counted_nouns():
            return not _is_ordinal_noun(word)
        return starter
    if _CODE_NUMBER.match(t):
        return not _is_ordinal_noun(word)
    if _INITIAL.match(t):
        return starter
    abbreviations = de.abbreviations()
    if t in abbreviations or t.lower() in abbreviations:
        return (abbreviations.get(t) or abbreviations.get(t.lower(), False)) and starter
    if _ROMAN.match(t[:-1]):  # "Albert II. Er …", but "Rama IX. (Bhumibol)"
        return starter
    if t in tokenizer().tokenizer.rules:  # one of spaCy's abbreviations ("Mio.", "Di.")
        return starter
    # a word that kept its full stop ("SpaceX.", "GmbH.", "299C."): the sentence ends
    return True


def sentence_starts(doc, start: int, end: int, text: str | None = None) -> list[int]:
    """Token indexes in doc[start:end] that begin a sentence (the first always does).

    ``text``: ``doc.text``, when the caller has it (see :func:`_quote_roles`).
    """
    toks = [i for i in range(start, end) if not doc[i].is_space]
    if not toks:
        return []
    roles = _quote_roles(doc, start, end, text)
    starts = [toks[0]]
    n = len(toks)
    k = 0
    while k < n:
        i = toks[k]
        tok = doc[i]
        if not (_is_terminal(tok.text) or (tok.text.endswith(".") and len(tok.text) > 1)):
            k += 1
            continue
        # absorb closing quotes/brackets and further terminal punctuation
        j = k + 1
        while j < n:
            t = doc[toks[j]].text
            if roles.get(toks[j]) == "close" or t in BRACKETS_CLOSE or t in TERMINALS:
                j += 1
            else:
                break
        if j >= n:
            break
        nxt = doc[toks[j]]
        # the word after any opening quote or bracket decides
        w = j
        while w < n and (roles.get(toks[w]) == "open" or doc[toks[w]].text in BRACKETS_OPEN):
            w += 1
        word = doc[toks[w]] if w < n else None
        opens = roles.get(toks[j]) == "open" or nxt.text in BRACKETS_OPEN or _opens_sentence(nxt)
        if opens and (word is None or _opens_sentence(word)) and _ends_sentence(tok, word):
            starts.append(toks[j])
        k = j
    return starts


@stage("segment", version=VERSION, order=10, requires=("text", "paragraphs"), assigns=("sentences", "doc"))
def segment(record: Record) -> None:
    """Tokenise ``record.text`` and fill ``record.sentences`` (the pipeline's first stage)."""
    import numpy

    doc = tokenizer().make_doc(record.text)
    sentences: list[Sentence] = []
    # SENT_START: 1 begins a sentence, -1 (as spaCy's uint64) does not
    sent_start = numpy.full((len(doc), 1), -1, dtype="int64").astype("uint64")
    t = 0
    for p, para in enumerate(record.paragraphs):
        while t < len(doc) and doc[t].idx < para.start:
            t += 1
        first = t
        while t < len(doc) and doc[t].idx < para.end:
            t += 1
        starts = sentence_starts(doc, first, t, record.text)  # the Doc's text is the record's (spaCy keeps every character)
        for a, b in zip(starts, [*starts[1:], None], strict=True):
            last = (b if b is not None else t) - 1
            while last > a and doc[last].is_space:
                last -= 1
            sent_start[a, 0] = 1
            sentences.append(Sentence(start=doc[a].idx, end=doc[last].idx + len(doc[last].text), paragraph=p))
    if len(doc):
        doc.from_array(["SENT_START"], sent_start)
    record.sentences = sentences
    record._doc = doc
