"""Readers for the NER corpora: GermEval 2014 TSV and CoNLL-style token/tag files.

Every reader yields :class:`TaggedSentence` objects: the gold tokens, the entity
spans already mapped to our types (see :mod:`.labels`), the spans left
unannotated (``missing``) and the source document the sentence belongs to.
Both training and ``quellenlage eval ner`` read through here, so the mapping
is the same on both sides.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..lang.de import entity_tables
from .labels import MISSING, map_label

_TAG = re.compile(r"^([BIES])[-_](.+)$")


@dataclass
class TaggedSentence:
    """A gold sentence of an NER corpus: its tokens, entity spans in our types, unannotated ranges and source."""

    words: list[str]
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # token start, end (exclusive), type
    missing: list[tuple[int, int]] = field(default_factory=list)  # token ranges left unannotated
    doc: str = ""


def tag_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Spans (token start, end exclusive, raw label) from IOB1, IOB2/BIO or BIOES tags.

    A span begins at ``B-X``/``S-X`` or at ``I-X`` after anything but ``X``;
    tags that are not of the form ``[BIES]-X`` (``O``, OCR noise) end spans.
    """
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        m = _TAG.match(tag)
        prefix, typ = (m.group(1), m.group(2)) if m else ("O", "")
        continues = prefix in ("I", "E") and typ == label and start >= 0
        if not continues and start >= 0:
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix != "O" and not continues:
            start, label = i, typ
        if prefix in ("E", "S") and start >= 0:
            spans.append((start, i + 1, label))
            start, label = -1, ""
    return spans


def make_sentence(words: list[str], tags: list[str], scheme: str, doc: str = "") -> TaggedSentence:
    """A sentence with its raw tags mapped through ``scheme`` (see :func:`.labels.map_label`)."""
    sent = TaggedSentence(words=words, doc=doc)
    for start, end, raw in tag_spans(tags):
        typ = map_label(raw, scheme)
        if typ == MISSING:
            sent.missing.append((start, end))
        elif typ is not None:
            sent.spans.append((start, end, typ))
    return sent


def read_germeval(path: str | Path, scheme: str = "germeval") -> Iterator[TaggedSentence]:
    """GermEval 2014 TSV: ``#``-comment (source URL) per sentence, then ``n word outer inner``.

    Only the outer level (column 3) is read. ``doc`` is the comment's source.
    """
    words: list[str] = []
    tags: list[str] = []
    doc = ""
    with open(path, encoding="utf-8") as fh:
        for line in [*fh, "\n"]:
            line = line.rstrip("\n")
            if line.startswith("#"):
                parts = line.split("\t")
                doc = parts[1] if len(parts) > 1 else line[1:].strip()
                continue
            if not line.strip():
                if words:
                    yield make_sentence(words, tags, scheme, doc)
                words, tags = [], []
                continue
            cols = line.split("\t")
            words.append(cols[1])
            tags.append(cols[2] if len(cols) > 2 else "O")


def _token_line(line: str) -> tuple[str, str] | None:
    """(word, tag) of a CoNLL token line: ``word tag``, ``n word tag`` (CoNLL-U style) or
    ``word pos chunk tag`` (CoNLL 2003); None for comments and document markers."""
    if line.startswith(("-DOCSTART-", "# ")):
        return None
    cols = line.split("\t") if "\t" in line else line.split(" ")
    cols = [c for c in cols if c != ""]
    if len(cols) < 2:
        return None
    if len(cols) == 3 and cols[0].isdigit():
        return cols[1], cols[2]
    return cols[0], cols[-1].replace("_", "-", 1) if cols[-1][:2] in ("B_", "I_") else cols[-1]


def read_conll(path: str | Path, scheme: str = "plain", max_len: int = 0) -> Iterator[TaggedSentence]:
    """A CoNLL-style file: one token a line, the tag last, blank lines between sentences.

    ``max_len`` cuts files without sentence breaks (Europeana's lft/onb) into
    pieces after a full stop once a piece is that long, or after any token outside
    an entity once it is twice as long.
    ``doc`` counts ``-DOCSTART-`` markers.
    """
    words: list[str] = []
    tags: list[str] = []
    doc = 0
    name = Path(path).name
    with open(path, encoding="utf-8") as fh:
        for line in [*fh, "\n"]:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                doc += 1
            token = _token_line(line) if line.strip() else None
            if token is None:
                if not line.strip() and words:
                    yield make_sentence(words, tags, scheme, f"{name}#{doc}")
                    words, tags = [], []
                continue
            words.append(token[0])
            tags.append(token[1].upper() if token[1][:2].upper() in ("B-", "I-") else token[1])
            too_long = len(words) >= 2 * max_len and not tags[-1].startswith(("B", "I"))
            if max_len and len(words) >= max_len and (token[0] in (".", "!", "?") or too_long):
                yield make_sentence(words, tags, scheme, f"{name}#{doc}")
                words, tags = [], []


#: The GermEval 2014 dev hold-out is fold 2 of 3; folds 0 and 1 are for cross-validation only.
HOLDOUT_FOLD = 2


def is_held_out(index: int, fold: int = HOLDOUT_FOLD) -> bool:
    """The GermEval 2014 dev hold-out: every third source document (0-based index 2, 5, 8 …);
    ``fold`` 0 or 1: the other thirds (index 0, 3, 6 … or 1, 4, 7 …), for cross-validation; -1: none (a model
    trained on all of GermEval dev, whose quality the three folds' cross-validation estimates)."""
    return index % 3 == fold


def germeval_split(
    sentences: Iterable[TaggedSentence], fold: int = HOLDOUT_FOLD
) -> tuple[list[TaggedSentence], list[TaggedSentence]]:
    """(train part, held-out part) of GermEval dev, split by source document.

    A document is a ``#`` source line (URL); documents are numbered in the order
    they first appear, and every third one (:func:`is_held_out`) is held out with
    all its sentences, never trained on. (In GermEval dev nearly every sentence
    has a source of its own; 17 sources recur and stay on one side.)
    """
    train: list[TaggedSentence] = []
    held: list[TaggedSentence] = []
    numbers: dict[str, int] = {}
    for k, sent in enumerate(sentences):
        key = sent.doc or f"#{k}"
        index = numbers.setdefault(key, len(numbers))
        (held if is_held_out(index, fold) else train).append(sent)
    return train, held


# --- DFKI SmartData (CC BY 4.0): raw text with character-offset mentions -------------------

#: Road numbers ("A1", "B 27", "K4552"): GermEval tags them LOC or OTH unevenly, so unannotated.
_ROAD = re.compile(r"^(?:[ABKLSE]|St|BAB)\s?-?\d+[a-z]?$")
#: A capitalised word ending like an adjective or a people ("Deutsche", "Russen", "Schweizer"
#: as adjective, ``lang/de/deriv_endings.txt``): GermEval calls these -deriv (no entity), SmartData tags them location.
_DERIV = re.compile("(?:" + "|".join(re.escape(e) for e in entity_tables.deriv_endings()) + ")$")


def _smartdata_documents(path: str | Path) -> Iterator[tuple[str, str, list[tuple[int, int, str]]]]:
    """(uri, text, [(start, end, type)]) of each SmartData document (upstream Avro-JSON shape)."""
    import gzip
    import json

    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            raw = json.loads(line)
            text = (raw.get("text") or {}).get("string") or ""
            uri = (raw.get("uri") or {}).get("string") or raw.get("id") or ""
            mentions = [
                (m["span"]["start"], m["span"]["end"], m["type"]) for m in ((raw.get("conceptMentions") or {}).get("array") or [])
            ]
            yield uri, text, mentions


def smartdata_type(surface: str, raw: str) -> str | None:
    """Our type for a SmartData mention (:data:`.labels.SMARTDATA`), refined by its surface:
    mentions that do not begin with a capital or digit ("die Marke", "deutschen", "dpa"),
    adjectives and peoples of place ("Deutsche", "Russen") and road numbers ("A7") are
    MISSING: SmartData tags them, GermEval would not (or not evenly)."""
    typ = map_label(raw, "smartdata")
    if typ in (None, MISSING):
        return typ
    if not surface[:1].isupper() and not surface[:1].isdigit():
        return MISSING
    if typ == "LOC" and (_DERIV.search(surface) or _ROAD.match(surface)):
        return MISSING
    return typ


def read_smartdata(
    path: str | Path,
    common: frozenset[str] = frozenset(),
    max_len: int = 80,
    partial: bool = False,
    misc: frozenset[str] = frozenset(),
) -> Iterator[TaggedSentence]:
    """SmartData documents as sentences on our segment stage's tokens, PER/ORG/LOC only.

    Each line of a document is split into sentences as the segment stage does. Mentions
    are mapped by :func:`smartdata_type`; a one-word mention of a word in ``common`` (a
    common noun: "Gruppe", "Region", "Flugbegleiter", SmartData also tags nominal
    mentions) is MISSING, as is a mention that does not fall on token boundaries or
    crosses a sentence. Of overlapping mentions the longest wins.

    SmartData has no MISC: its titles, products, currencies and events are "O". A word
    outside a mention that is in ``misc`` (words GermEval mostly tags inside MISC names:
    "Euro", "Dollar", "Weltkrieg", "DAX"; :func:`misc_words`) is left unannotated. With ``partial`` every
    capitalised word outside a mention is left unannotated (MISSING) unless it is in
    ``common``; lower-case words, digits and punctuation stay "O" (measured: costs
    precision on the hold-out, see the model card).
    """
    from ..analyse.segment import sentence_starts, tokenizer

    nlp = tokenizer()
    for uri, text, mentions in _smartdata_documents(path):
        doc = nlp.make_doc(text)
        toks = [t for t in doc if not t.is_space]
        if not toks:
            continue
        start_of = {t.idx: k for k, t in enumerate(toks)}
        end_of = {t.idx + len(t.text): k + 1 for k, t in enumerate(toks)}
        # sentence boundaries: every line apart, then the segment stage's sentence starts
        index = {t.i: k for k, t in enumerate(toks)}
        bounds: set[int] = set()
        line_start = 0
        for k, t in enumerate(toks):
            if k == 0 or "\n" in text[toks[k - 1].idx + len(toks[k - 1].text) : t.idx]:
                if k > line_start:
                    bounds.update(index[i] for i in sentence_starts(doc, toks[line_start].i, toks[k - 1].i + 1))
                line_start = k
        bounds.update(index[i] for i in sentence_starts(doc, toks[line_start].i, toks[-1].i + 1))
        bounds.add(0)
        cuts = [*sorted(bounds), len(toks)]
        sent_of = [0] * len(toks)
        for s, (a, b) in enumerate(itertools.pairwise(cuts)):
            for k in range(a, b):
                sent_of[k] = s
        # mentions -> token spans (longest first; overlaps dropped)
        taken = [False] * len(toks)
        spans: list[tuple[int, int, str]] = []
        for start, end, raw in sorted(mentions, key=lambda m: m[0] - m[1]):
            surface = text[start:end]
            typ = smartdata_type(surface, raw)
            if typ is None:
                continue
            on_a, on_b = start_of.get(start), end_of.get(end)
            if on_a is None or on_b is None or on_b <= on_a or sent_of[on_a] != sent_of[on_b - 1]:
                # not on token boundaries: the tokens it touches are left unannotated
                touched = next((k for k, t in enumerate(toks) if t.idx + len(t.text) > start), None)
                b = next((k for k, t in enumerate(toks) if t.idx >= end), len(toks))
                if touched is None or b <= touched:
                    continue
                a = touched
                typ = MISSING
            else:
                a, b = on_a, on_b
            if any(taken[a:b]):
                continue
            if typ != MISSING and b - a == 1 and toks[a].text in common:
                typ = MISSING
            for k in range(a, b):
                taken[k] = True
            spans.append((a, b, typ))
        for a, b in itertools.pairwise(cuts):
            for c in range(a, b, max_len):  # very long "sentences" (tables, tweet streams) in pieces
                d = min(b, c + max_len)
                words = [t.text for t in toks[c:d]]
                sent = TaggedSentence(words=words, doc=uri)
                for x, y, typ in spans:
                    if c <= x and y <= d:
                        (sent.missing.append((x - c, y - c)) if typ == MISSING else sent.spans.append((x - c, y - c, typ)))
                    elif x < d and y > c:
                        sent.missing.append((max(x, c) - c, min(y, d) - c))
                inside = {k for x, y, _ in sent.spans for k in range(x, y)} | {k for x, y in sent.missing for k in range(x, y)}
                sent.missing += [(k, k + 1) for k, w in enumerate(words) if k not in inside and w in misc]
                if partial:
                    inside |= {k for x, y in sent.missing for k in range(x, y)}
                    sent.missing += [
                        (k, k + 1) for k, w in enumerate(words) if k not in inside and w[:1].isupper() and w not in common
                    ]
                yield sent


def common_words(sentences: Iterable[TaggedSentence], min_count: int = 2, max_entity_share: float = 0.2) -> frozenset[str]:
    """Capitalised words seen as "O" at least ``min_count`` times and inside an entity in
    at most ``max_entity_share`` of their occurrences: common nouns and sentence-initial
    function words ("Gruppe", "Polizei", "Montag", "Die") as far as the other sets tell."""
    o: dict[str, int] = {}
    ent: dict[str, int] = {}
    for sent in sentences:
        inside = {k for a, b, _ in sent.spans for k in range(a, b)}
        unknown = {k for a, b in sent.missing for k in range(a, b)}
        for k, w in enumerate(sent.words):
            if not w[:1].isupper() or k in unknown:
                continue
            if k in inside:
                ent[w] = ent.get(w, 0) + 1
            else:
                o[w] = o.get(w, 0) + 1
    return frozenset(w for w, n in o.items() if n >= min_count and ent.get(w, 0) <= max_entity_share * (n + ent.get(w, 0)))


def misc_words(sentences: Iterable[TaggedSentence], min_count: int = 2, min_share: float = 0.3) -> frozenset[str]:
    """Capitalised words inside a MISC span at least ``min_count`` times and in at least
    ``min_share`` of their occurrences ("Euro", "Dollar", "Weltkrieg", "DAX"): where a set
    without MISC says "O" on them, the gold sets disagree."""
    total: dict[str, int] = {}
    misc: dict[str, int] = {}
    for sent in sentences:
        inside = {k for a, b, t in sent.spans if t == "MISC" for k in range(a, b)}
        for k, w in enumerate(sent.words):
            if w[:1].isupper():
                total[w] = total.get(w, 0) + 1
                misc[w] = misc.get(w, 0) + (k in inside)
    return frozenset(w for w, n in misc.items() if n >= min_count and n >= min_share * total[w])
