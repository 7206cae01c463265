"""Train the learned event status reading (``python -m quellenlage.train.status``; issue 13).

The labels (``status_labels.jsonl`` beside this module) name an event the events stage finds — a document of
DFKI SmartData train or a GermEval 2014 news sentence (both CC BY 4.0), the trigger's offset — and the status
readers gave it blind, from the text alone (docs/events-status-model.md). This module analyses each
document with the learned reading switched off, takes the sentence event whose first trigger is the labelled
one, and fits a multinomial logistic regression (scikit-learn, L2) on the features of
:func:`quellenlage.analyse.event_status_model.features`.

Before fitting the shipped model it cross-validates (5 folds by document) and picks, on those folds only, the
L2 strength and the least probability at which the model speaks: over the events the rules leave open, the
pair whose spoken statuses are right at least ``--precision`` of the time and that gains most, a false fact
(its "happened" where the readers say planned, hypothetical or negated) counting as five wrong answers. The weights are written as JSON (no pickle) with a
model card, to a temporary directory renamed into place.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

LABELS_FILE = Path(__file__).resolve().parent / "status_labels.jsonl"
SHARED = Path(__file__).resolve().parents[4] / "shared" / "data"
#: The statuses the model learns; "other" stands for cancelled, postponed and denied (the rules' cues decide those).
CLASSES = ("happened", "planned", "hypothetical", "negated", "unknown", "other")
SPEAKS = ("happened", "planned", "hypothetical")
#: What a "happened" is a false fact against (the gold sets' count: "other", a change of status, is not one).
NOT_HAPPENED = frozenset({"planned", "hypothetical", "negated"})
OPEN = "unknown/unknown"


@dataclass
class Example:
    doc: str
    features: list[str]
    label: str
    rule: str


def _detokenise(tokens: list[str]) -> str:
    """GermEval's tokens as running text: no space before closing punctuation, quotes paired."""
    out, quote_open = "", False
    for tok in tokens:
        if tok == '"':
            quote_open = not quote_open
            out += ((" " if out else "") + tok) if quote_open else tok
            continue
        glue = (
            not out
            or out.endswith(("(", "„"))
            or (out.endswith('"') and quote_open)
            or tok in {".", ",", ";", ":", "!", "?", ")", "“"}
        )
        out += tok if glue else " " + tok
    return out


def germeval_news(path: Path | None = None) -> list[tuple[str, str, str | None]]:
    """The GermEval 2014 dev sentences from news sites (not Wikipedia): (id, text, None) — no publication date."""
    from .corpora import read_germeval

    sentences = read_germeval(path or SHARED / "ner" / "germeval2014" / "NER-de-dev.tsv")
    news = (s for s in sentences if "wikipedia.org" not in s.doc)
    return [(f"ge{n:04d}", _detokenise(s.words), None) for n, s in enumerate(news, start=1)]


def smartdata_train(path: Path | None = None) -> list[tuple[str, str, str | None]]:
    from ..evaluate.smartdata import documents

    return [(d.id, d.text, d.published) for d in documents(path or SHARED / "smartdata" / "train.jsonl.gz")]


def documents() -> dict[str, tuple[str, str | None]]:
    """Every document the labels may name: id → (text, published)."""
    return {doc: (text, published) for doc, text, published in [*smartdata_train(), *germeval_news()]}


def read_labels(path: Path = LABELS_FILE) -> list[dict]:
    """The labels, one per event; where two readers labelled one event, the first reader's (the second is the
    agreement check of the model card)."""
    seen: dict[tuple[str, int], dict] = {}
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        seen.setdefault((row["doc"], row["start"]), row)
    return list(seen.values())


def _label(status: str) -> str:
    return status if status in CLASSES else "other"


def examples(labels: list[dict], progress: bool = True) -> list[Example]:
    """The features of each labelled event, read with the learned status switched off."""
    from ..analyse import event_status_model, events
    from ..evaluate.events import analyse_paragraph

    texts = documents()
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in labels:
        if row["real"] in ("yes", "other") and row.get("status"):
            by_doc[row["doc"]].append(row)
    out: list[Example] = []
    saved = event_status_model.model
    event_status_model.model = lambda: None  # type: ignore[assignment]  # the rules alone: the model reads their output
    try:
        for n, (doc, rows) in enumerate(sorted(by_doc.items())):
            text, published = texts[doc]
            record = analyse_paragraph(text, published)
            sentences, candidates = events.sentence_events(record)
            by_start = {c.triggers[0].start: c for c in candidates}
            for row in rows:
                c = by_start.get(row["start"])
                if c is None:
                    continue
                s = sentences[c.sentence]
                t = c.triggers[0]
                k = t.word - s.first
                reading = events.reading(s, k, t, c)
                out.append(Example(doc, event_status_model.features(s, k, reading), _label(row["status"]), reading.rule))
            if progress and n % 100 == 0:
                print(f"  {n}/{len(by_doc)} documents", file=sys.stderr)
    finally:
        event_status_model.model = saved
    return out


def _fit(train: list[Example], c: float):
    from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(e.features, 1) for e in train])
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, [e.label for e in train])
    return vec, clf


def _folds(items: list[Example], k: int = 5) -> list[list[Example]]:
    import zlib

    folds: list[list[Example]] = [[] for _ in range(k)]
    for e in items:
        folds[zlib.crc32(e.doc.encode()) % k].append(e)
    return folds


def cross_validate(items: list[Example], c: float) -> list[tuple[Example, dict[str, float]]]:
    """Each example with the class probabilities of the model fitted on the other folds."""
    folds = _folds(items)
    out = []
    for i, held in enumerate(folds):
        train = [e for j, f in enumerate(folds) if j != i for e in f]
        vec, clf = _fit(train, c)
        probs = clf.predict_proba(vec.transform([dict.fromkeys(e.features, 1) for e in held]))
        out += [(e, dict(zip(clf.classes_, p, strict=True))) for e, p in zip(held, probs, strict=True)]
    return out


def _top(p: dict[str, float]) -> str:
    return max(p, key=lambda x: p[x])


def at_threshold(scored: list[tuple[Example, dict[str, float]]], threshold: float) -> dict[str, float]:
    """Over the events the rules leave open: how many the model speaks on, how many of those right, false facts
    (its "happened" where the reader says planned, hypothetical or negated), and the status accuracy over all
    open events before (the rules' "unknown") and after."""
    open_ = [(e, p) for e, p in scored if e.rule == OPEN]
    spoken = [(e, _top(p)) for e, p in open_ if _top(p) in SPEAKS and p[_top(p)] >= threshold]
    right = sum(e.label == y for e, y in spoken)
    unknown_left = sum(e.label == "unknown" for e, _ in open_) - sum(e.label == "unknown" for e, _ in spoken)
    return {
        "open": len(open_),
        "spoken": len(spoken),
        "right": right,
        "precision": round(right / len(spoken), 3) if spoken else 0.0,
        "false_facts": sum(y == "happened" and e.label in NOT_HAPPENED for e, y in spoken),
        "accuracy_before": round(sum(e.label == "unknown" for e, _ in open_) / len(open_), 3) if open_ else 0.0,
        "accuracy_after": round((right + unknown_left) / len(open_), 3) if open_ else 0.0,
    }


#: What a false fact costs, in right statuses: a wrong "happened" on a timeline costs a reader more than a gap.
FALSE_FACT_COST = 5


def utility(m: dict[str, float]) -> float:
    return m["right"] - FALSE_FACT_COST * m["false_facts"] - (m["spoken"] - m["right"] - m["false_facts"])


def choose(scored: list[tuple[Example, dict[str, float]]], precision: float) -> tuple[float, dict[str, float]]:
    """The threshold, on the cross-validated probabilities, that maximises :func:`utility` among those whose
    spoken statuses are right at least ``precision`` of the time (1.01, silent, when none is)."""
    best = (1.01, at_threshold(scored, 1.01))
    for threshold in [x / 100 for x in range(50, 100, 5)]:
        m = at_threshold(scored, threshold)
        if m["spoken"] and m["precision"] >= precision and utility(m) > utility(best[1]):
            best = (threshold, m)
    return best


def write(directory: Path, vec, clf, threshold: float, card: str) -> None:
    classes = list(clf.classes_)
    weights = {}
    for name, col in vec.vocabulary_.items():
        w = [round(float(clf.coef_[i][col]), 5) for i in range(len(classes))]
        if any(abs(v) >= 1e-4 for v in w):
            weights[name] = w
    data = {
        "labels": classes,
        "bias": [round(float(b), 5) for b in clf.intercept_],
        "threshold": threshold,
        "speaks": list(SPEAKS),
    }
    tmp = Path(tempfile.mkdtemp(prefix=".status-", dir=directory.parent))
    tmp.chmod(0o755)
    # one feature a line: a retrained model's diff reads feature by feature
    lines = ",\n".join(f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in sorted(weights.items()))
    head = json.dumps(data, ensure_ascii=False)[:-1]
    (tmp / "weights.json").write_text(f'{head}, "weights": {{\n{lines}\n}}}}\n', encoding="utf-8")
    (tmp / "MODEL_CARD.md").write_text(card, encoding="utf-8")
    if directory.exists():
        shutil.rmtree(directory)
    tmp.rename(directory)


def main(argv: list[str] | None = None) -> int:
    from ..analyse.event_status_model import MODEL_DIR

    ap = argparse.ArgumentParser(prog="python -m quellenlage.train.status", description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=LABELS_FILE)
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--c", type=float, default=None, help="L2 strength (default: chosen by cross-validation)")
    ap.add_argument("--precision", type=float, default=0.85)
    ap.add_argument("--dry-run", action="store_true", help="cross-validate only, write nothing")
    ap.add_argument("--quiet", action="store_true", help="no progress lines")
    args = ap.parse_args(argv)
    labels = read_labels(args.labels)
    print(f"{len(labels)} labelled events", file=sys.stderr)
    items = examples(labels, progress=not args.quiet)
    print(
        f"{len(items)} examples: {dict(Counter(e.label for e in items))}; open: {sum(e.rule == OPEN for e in items)}",
        file=sys.stderr,
    )
    best = None
    for c in [args.c] if args.c else [0.03, 0.1, 0.3, 1.0]:
        scored = cross_validate(items, c)
        accuracy = sum(_top(p) == e.label for e, p in scored) / len(scored)
        threshold, m = choose(scored, args.precision)
        print(f"C={c}: cv accuracy {accuracy:.3f}; threshold {threshold}: {m}", file=sys.stderr)
        if best is None or utility(m) > utility(best[2]):
            best = (c, threshold, m, accuracy)
    assert best is not None
    c, threshold, m, accuracy = best
    print(f"chosen C={c}, threshold {threshold}", file=sys.stderr)
    if args.dry_run:
        return 0
    vec, clf = _fit(items, c)
    card = CARD.format(
        n=len(items),
        counts=", ".join(f"{k} {v}" for k, v in Counter(e.label for e in items).most_common()),
        c=c,
        threshold=threshold,
        accuracy=accuracy,
        open=m["open"],
        spoken=m["spoken"],
        precision=m["precision"],
        false_facts=m["false_facts"],
        features=len(vec.vocabulary_),
    )
    write(args.out, vec, clf, threshold, card)
    print(f"written to {args.out}", file=sys.stderr)
    return 0


CARD = """# status-de: the learned reading of an event's status

A multinomial logistic regression (scikit-learn, L2, C={c}) over {features} binary features of an event
mention's sentence (`quellenlage.analyse.event_status_model.features`). The events stage asks it only where
its rules leave the status `unknown` with confidence `unknown`, and takes its answer (happened, planned or
hypothetical, confidence `inferred`) only at a probability of at least {threshold}.

**Training data** ({n} events: {counts}): the events the stage finds on DFKI SmartData train
(DFKI-NLP/smartdata-corpus v1, CC BY 4.0) and on the news sentences of GermEval 2014 dev (CC BY 4.0),
each labelled blind by a reader who saw the text and the trigger, never the stage's status
(docs/events-status-model.md). No NC-licensed text. Licence of the weights: CC BY 4.0 attribution to
both sources; the code is Apache-2.0.

**Cross-validation** (5 folds by document, on the training data only): accuracy {accuracy:.3f} over all
events; over the {open} events the rules leave open, it speaks on {spoken}, right {precision:.3f} of
the time, {false_facts} "happened" where the reader says planned, hypothetical or negated.
The threshold and C were chosen on these folds. Figures on the gold sets: README, "Events".

Retrain: `make train-status` (`python -m quellenlage.train.status`; needs scikit-learn, the `train` extra).
"""


if __name__ == "__main__":
    raise SystemExit(main())
