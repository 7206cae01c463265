"""Named entities (PER, LOC, ORG, MISC) from Quellenlage's own German NER model.

The model (``models/ner-de``, a spaCy pipeline: tok2vec CNN + transition-based
NER, trained by ``quellenlage train ner``) ships inside the package; nothing is
downloaded. It runs on the tokens the segment stage already made
(``record.doc``), sentence by sentence in batches, and returns character spans
into ``record.text``. This module is not a pipeline stage: the entities stage
calls :func:`spans` and builds entities from the result.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..record import Record

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner-de"
RETRAIN = "quellenlage train ner  (or: make train-ner)"

CharSpan = tuple[int, int, str]


class ModelMissing(RuntimeError):
    """The packaged NER model is not there."""


@lru_cache(maxsize=4)
def load(path: str | Path | None = None):
    """The NER pipeline (spaCy ``Language``), loaded once from the package (or ``path``)."""
    import spacy

    from . import ner_features  # noqa: F401  (registers the model's embedding layer)

    where = Path(path) if path else MODEL_DIR
    if not (where / "config.cfg").exists():
        raise ModelMissing(f"no NER model at {where}; build it with: {RETRAIN}")
    return spacy.load(where, exclude=[])


_OPENING_BRACKETS = {"(", "[", "{"}


def trim_span(words: list[str], start: int, end: int) -> tuple[int, int]:
    """The model's token span without a bracket part or edge punctuation:
    "Kirill Dmitrijew (l)" becomes "Kirill Dmitrijew". (start, start) when nothing is left."""
    for k in range(start + 1, end):
        if words[k] in _OPENING_BRACKETS:
            end = k
            break
    while end > start and not any(ch.isalnum() for ch in words[end - 1]):
        end -= 1
    while start < end and not any(ch.isalnum() for ch in words[start]):
        start += 1
    return start, end


def _tag(nlp, words_spaces: list[tuple[list[str], list[bool], list[int]]]) -> list[CharSpan]:
    from spacy.tokens import Doc

    found: list[CharSpan] = []
    docs = (Doc(nlp.vocab, words=w, spaces=s) for w, s, _ in words_spaces)
    for doc, (_, _, starts) in zip(nlp.pipe(docs, batch_size=128), words_spaces, strict=True):
        words = [t.text for t in doc]
        for ent in doc.ents:
            first, end = trim_span(words, ent.start, ent.end)
            if first < end:
                found.append((starts[first], starts[end - 1] + len(words[end - 1]), ent.label_))
    return found


def spans(record: Record, nlp=None) -> list[CharSpan]:
    """(start, end, type) character spans of the named entities in ``record.text``.

    Runs on ``record.doc`` (the segment stage's tokens and sentence starts),
    one sentence at a time; white-space tokens are left out.
    """
    doc = record.doc
    if doc is None:
        from .segment import segment

        segment(record)
        doc = record.require_doc()
    nlp = nlp or load()
    batches: list[tuple[list[str], list[bool], list[int]]] = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if toks:
            batches.append(([t.text for t in toks], [bool(t.whitespace_) for t in toks], [t.idx for t in toks]))
    return _tag(nlp, batches)


def spans_for_text(text: str, nlp=None) -> list[CharSpan]:
    """Entity spans of a plain text (tokenised and split into sentences like an article)."""
    return spans(plain_record(text), nlp)


def plain_record(text: str) -> Record:
    """A bare record of ``text`` (each non-blank line a paragraph), segmented, for evaluation and benchmarks."""
    import re

    from ..record import Meta, Paragraph
    from .segment import segment

    paragraphs = [Paragraph(start=m.start(), end=m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    record = Record(id="text", content_hash="", meta=Meta(), text=text, paragraphs=paragraphs)
    segment(record)
    return record
