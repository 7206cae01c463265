"""Named-entity recognition against gold-annotated corpora (``quellenlage eval ner``).

The model runs on the *gold* tokens (so tokenisation differences do not count)
and its spans are compared with the gold spans, exact match of start, end and
type (the CoNLL/GermEval convention). Gold labels are mapped onto our four
types by the same tables the training uses (:mod:`quellenlage.train.labels`);
for GermEval this is the outer level with OTH as MISC and ``-deriv``/``-part``
as no entity. Spans a corpus leaves undecided (``MISSING``, e.g. MobIE's
stations) count neither way: a prediction overlapping one is ignored.

The scorer takes predictions separately from the model, so any predictor
(``sentence -> spans``) can be measured.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..train.corpora import HOLDOUT_FOLD, TaggedSentence, germeval_split, read_conll, read_germeval
from ..train.labels import TYPES
from .scores import Counts

TokenSpan = tuple[int, int, str]
Predictor = Callable[[Sequence[TaggedSentence]], list[list[TokenSpan]]]


@dataclass
class NerCounts(Counts):
    def as_dict(self) -> dict[str, float | int]:
        return {**super().as_dict(), "support": self.tp + self.fn}


@dataclass
class NerScore:
    by_type: dict[str, NerCounts] = field(default_factory=lambda: {t: NerCounts() for t in TYPES})
    sentences: int = 0
    tokens: int = 0

    @property
    def overall(self) -> NerCounts:
        return NerCounts(*(sum(getattr(c, k) for c in self.by_type.values()) for k in ("tp", "fp", "fn")))

    def as_dict(self) -> dict:
        return {
            "sentences": self.sentences,
            "tokens": self.tokens,
            "overall": self.overall.as_dict(),
            "by_type": {t: c.as_dict() for t, c in self.by_type.items()},
        }

    def report(self) -> str:
        lines = [
            f"{self.sentences} sentences, {self.tokens} tokens; exact span match",
            f"{'type':<8}{'precision':>10}{'recall':>10}{'F1':>10}{'support':>9}",
        ]
        for name, c in [*self.by_type.items(), ("overall", self.overall)]:
            lines.append(f"{name:<8}{c.precision:>10.4f}{c.recall:>10.4f}{c.f1:>10.4f}{c.tp + c.fn:>9}")
        return "\n".join(lines)


def score(gold: Sequence[TaggedSentence], predicted: Iterable[Sequence[TokenSpan]]) -> NerScore:
    """Exact-match P/R/F1 of ``predicted`` token spans against the gold sentences, per type."""
    result = NerScore()
    for sent, pred in zip(gold, predicted, strict=True):
        result.sentences += 1
        result.tokens += len(sent.words)
        gold_spans = set(sent.spans)
        pred_spans = {s for s in pred if not any(s[0] < m_end and m_start < s[1] for m_start, m_end in sent.missing)}
        for start, end, typ in pred_spans | gold_spans:
            counts = result.by_type.setdefault(typ, NerCounts())
            if (start, end, typ) in gold_spans and (start, end, typ) in pred_spans:
                counts.tp += 1
            elif (start, end, typ) in pred_spans:
                counts.fp += 1
            else:
                counts.fn += 1
    return result


def model_predictor(nlp, batch_size: int = 256) -> Predictor:
    """A predictor running the spaCy pipeline ``nlp`` on the gold tokens (spans trimmed as
    :func:`quellenlage.analyse.ner.spans` trims them)."""
    from spacy.tokens import Doc

    from ..analyse.ner import trim_span

    def predict(sentences: Sequence[TaggedSentence]) -> list[list[TokenSpan]]:
        docs = (Doc(nlp.vocab, words=s.words) for s in sentences)
        out = []
        for doc, sent in zip(nlp.pipe(docs, batch_size=batch_size), sentences, strict=True):
            spans = [(*trim_span(sent.words, e.start, e.end), e.label_) for e in doc.ents]
            out.append([(a, b, t) for a, b, t in spans if a < b])
        return out

    return predict


_NO_SPACE_BEFORE = frozenset(".,;:!?)]")
_NO_SPACE_AFTER = frozenset("([„")
_EDGE = "#@\"'„“”»«‚‘’()[],;:.!?-"


def detokenise(words: Sequence[str]) -> tuple[str, list[int]]:
    """The text of gold tokens with their usual spacing ("St", ".", "Moritz" → "St. Moritz")
    and each token's character offset: no space before closing punctuation, none after an
    opening bracket or a low quotation mark."""
    parts: list[str] = []
    offsets: list[int] = []
    length = 0
    for k, word in enumerate(words):
        if k and word not in _NO_SPACE_BEFORE and words[k - 1] not in _NO_SPACE_AFTER:
            parts.append(" ")
            length += 1
        offsets.append(length)
        parts.append(word)
        length += len(word)
    return "".join(parts), offsets


def pipeline_predictor(model: str | Path | None = None) -> Predictor:
    """A predictor running what the product outputs: the segment and entities stages
    (model spans + rules) on a record per gold sentence; ``model``: a model directory
    instead of the shipped one.

    The record's text is the gold tokens with their usual spacing (:func:`detokenise`),
    one paragraph.
    The segment tokenizer may split differently; a mention counts only where it
    begins and ends on gold token boundaries, give or take the token's edge punctuation
    ("SBahnBerlin" counts as "@SBahnBerlin"); a compound head such as "Trump" in
    "Trump-Regierung" does not, and is dropped: GermEval tags the compound
    ``-part``, no entity). Descriptions ("der russische Gesandte": a mention
    that is not a name) are left out.
    """
    from ..analyse import ner
    from ..analyse.entities import DETERMINERS, entities, role_noun
    from ..analyse.segment import segment
    from ..record import Meta, Paragraph, Record

    nlp = ner.load(model)

    def predict(sentences: Sequence[TaggedSentence]) -> list[list[TokenSpan]]:
        out = []
        for sent in sentences:
            text, offsets = detokenise(sent.words)
            starts = {a: k for k, a in enumerate(offsets)}
            ends = {a + len(w): k + 1 for k, (a, w) in enumerate(zip(offsets, sent.words, strict=True))}
            for k, (a, w) in enumerate(zip(offsets, sent.words, strict=True)):
                core = w.strip(_EDGE)  # "SBahnBerlin" in "@SBahnBerlin" still maps to the token
                if core and core != w:
                    inner = a + w.find(core)
                    starts.setdefault(inner, k)
                    ends.setdefault(inner + len(core), k + 1)
            record = Record(id="gold", content_hash="", meta=Meta(), text=text, paragraphs=[Paragraph(start=0, end=len(text))])
            segment(record)
            entities(record, spans=ner.spans(record, nlp))
            spans: set[TokenSpan] = set()
            for entity in record.entities:
                for m in entity.mentions:
                    first = m.text.split()[0]
                    if first.lower() in DETERMINERS or role_noun(first) is not None:
                        continue  # a description ("der russische Gesandte"), not a name
                    first_token, end_token = starts.get(m.start), ends.get(m.end)
                    if first_token is not None and end_token is not None and first_token < end_token:
                        spans.add((first_token, end_token, entity.type))
            out.append(sorted(spans))
        return out

    return predict


def read_gold(
    path: str | Path,
    fmt: str = "auto",
    holdout: bool = False,
    scheme: str | None = None,
    part: str | None = None,
    fold: int = HOLDOUT_FOLD,
) -> list[TaggedSentence]:
    """Gold sentences of a GermEval TSV or CoNLL file (``fmt`` auto: by the first line).

    ``part`` ("holdout" or "train") picks a side of the GermEval dev split;
    ``holdout=True`` is ``part="holdout"``; ``fold`` picks which third is held out
    (:func:`~quellenlage.train.corpora.germeval_split`).
    """
    if holdout:
        part = "holdout"
    path = Path(path)
    if fmt == "auto":
        with open(path, encoding="utf-8") as fh:
            first = fh.readline()
        fmt = "germeval" if first.startswith("#\t") or first.count("\t") == 3 else "conll"
    if fmt == "germeval":
        sentences = list(read_germeval(path))
        if part:
            sentences = germeval_split(sentences, fold)[part == "holdout"]
        return sentences
    if part:
        raise ValueError("--holdout applies to GermEval 2014 dev only")
    if scheme is None:
        name = str(path).lower()
        scheme = "mobie" if "mobie" in name else "ler" if "ler" in name else "plain"
    return list(read_conll(path, scheme))


def evaluate_file(
    path: str | Path,
    fmt: str = "auto",
    holdout: bool = False,
    model: str | None = None,
    predictor: Predictor | None = None,
    pipeline: bool = False,
    part: str | None = None,
    fold: int = HOLDOUT_FOLD,
) -> NerScore:
    """Score the shipped model (or ``model`` dir, or any ``predictor``) on a gold file;
    ``pipeline``: the entities stage (model + rules) instead of the model alone."""
    gold = read_gold(path, fmt, holdout, part=part, fold=fold)
    if predictor is None and pipeline:
        predictor = pipeline_predictor(model)
    if predictor is None:
        from ..analyse import ner

        predictor = model_predictor(ner.load(model))
    return score(gold, predictor(gold))


def to_json(result: NerScore) -> str:
    return json.dumps(result.as_dict(), indent=2)
