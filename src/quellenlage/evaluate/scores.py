"""Precision, recall and F1: the arithmetic every `quellenlage eval` command shares."""

from __future__ import annotations

from dataclasses import dataclass


def ratio(part: int, whole: int) -> float:
    """``part / whole``, 0.0 for an empty whole."""
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall, 0.0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


class PrecisionRecall:
    """Mixin for counters with ``tp``, ``fp`` and ``fn``: precision, recall and F1 as properties."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def prf(precision: float, recall: float) -> dict[str, float]:
    """Precision, recall and F1 rounded to four places, as every eval's JSON gives them."""
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1(precision, recall), 4)}


@dataclass
class Counts(PrecisionRecall):
    """True positives, false positives and false negatives, with their scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict:
        return {**prf(self.precision, self.recall), "tp": self.tp, "fp": self.fp, "fn": self.fn}
