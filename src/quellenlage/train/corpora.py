"""Readers for the NER corpora: GermEval 2014 TSV and CoNLL-style token/tag files.

Every reader yields :class:`Sentence` objects: the gold tokens, the entity
spans already mapped to our types (see :mod:`.labels`), the spans left
unannotated (``missing``) and the source document the sentence belongs to.
Both training and ``quellenlage eval ner`` read through here, so the mapping
is the same on both sides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .labels import MISSING, map_label

_TAG = re.compile(r"^([BIES])[-_](.+)$")


@dataclass
class Sentence:
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


def make_sentence(words: list[str], tags: list[str], scheme: str, doc: str = "") -> Sentence:
    """A sentence with its raw tags mapped through ``scheme`` (see :func:`.labels.map_label`)."""
    sent = Sentence(words=words, doc=doc)
    for start, end, raw in tag_spans(tags):
        typ = map_label(raw, scheme)
        if typ == MISSING:
            sent.missing.append((start, end))
        elif typ is not None:
            sent.spans.append((start, end, typ))
    return sent


def read_germeval(path: str | Path, scheme: str = "germeval") -> Iterator[Sentence]:
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


def read_conll(path: str | Path, scheme: str = "plain", max_len: int = 0) -> Iterator[Sentence]:
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
    ``fold`` 0 or 1: the other thirds (index 0, 3, 6 … or 1, 4, 7 …), for cross-validation."""
    return index % 3 == fold


def germeval_split(sentences: Iterable[Sentence], fold: int = HOLDOUT_FOLD) -> tuple[list[Sentence], list[Sentence]]:
    """(train part, held-out part) of GermEval dev, split by source document.

    A document is a ``#`` source line (URL); documents are numbered in the order
    they first appear, and every third one (:func:`is_held_out`) is held out with
    all its sentences, never trained on. (In GermEval dev nearly every sentence
    has a source of its own; 17 sources recur and stay on one side.)
    """
    train: list[Sentence] = []
    held: list[Sentence] = []
    numbers: dict[str, int] = {}
    for k, sent in enumerate(sentences):
        key = sent.doc or f"#{k}"
        index = numbers.setdefault(key, len(numbers))
        (held if is_held_out(index, fold) else train).append(sent)
    return train, held
