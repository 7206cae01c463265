"""A learned second reading of an event's status where the rules of :mod:`.event_status` leave it open (issue 13).

The rules decide what the text marks explicitly (a cue, a condition, a negation, the time against the
publication day, the clause's tense). Where none applies they say ``unknown`` with confidence ``unknown``;
on unseen news most of those events are told as having happened, in forms no rule reads safely
("Unfall 3 km Stau", "Polizei nimmt Einbrecher fest"). This module reads such an event with a multinomial
logistic regression over general cues of its sentence — the clause's tense marks, moods, the words of
condition, demand and plan (``lang/de/events/words.tsv``), the rules' own reading — and gives its status
only when the model is sure (:attr:`StatusModel.threshold`), with confidence ``inferred``: never on the
default timeline, which shows what is stated.

The model is trained by ``python -m quellenlage.train.status`` from events the stage found on DFKI SmartData
train and GermEval 2014 news sentences (both CC BY 4.0), labelled blind (docs/events-status-model.md); its
weights and card are in ``models/status-de``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .event_sentence import AnnotatedSentence, word_class
from .event_status import clause
from .konjunktiv import mood
from .timex_tense import present_form, word_mark

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "status-de"
#: The classes of ``words.tsv`` whose presence in the trigger's clause (or elsewhere in its sentence) is a cue.
CUE_CLASSES = (
    "condition",
    "concessive",
    "demand",
    "announce",
    "scheduled",
    "run_up",
    "purpose",
    "consequence",
    "counterfactual",
    "perfect_aux",
    "passive_aux",
    "state_aux",
    "copula",
    "until",
    "since",
    "before_clause",
    "after_event",
    "focus_not",
    "after_not",
    "reason",
    "ahead_for",
    "opinion",
)


@dataclass(frozen=True)
class Reading:
    """What the rules saw of a candidate, the model's input besides its sentence."""

    kind: str  # noun or verb
    type: str
    tense: str | None
    by_time: str | None  # event_status.tense_status of its time: happened, planned, today or None
    rule: str  # the rules' status/confidence, "unknown/unknown" where the model may speak
    flags: tuple[str, ...]  # definite, reported, presupposed, …


def features(s: AnnotatedSentence, k: int, reading: Reading) -> list[str]:
    """The model's features of the trigger at word ``k`` of ``s``: names only, each present or absent."""
    words = s.words
    here = clause(words, k)
    out = [
        f"kind={reading.kind}",
        f"type={reading.type}",
        f"tense={reading.tense}",
        f"by_time={reading.by_time}",
        f"rule={reading.rule}",
        f"tense*kind={reading.tense}*{reading.kind}",
        *(f"flag={f}" for f in reading.flags),
    ]
    if s.index == 0:
        out.append("first_sentence")
    if any(w.text == "?" for w in words):
        out.append("question")
    if any(st.start <= words[k].start < st.end for st in s.statements):
        out.append("in_statement")
    trigger = words[k].text.lower()
    out.append(f"trigger={trigger}")
    for j, w in enumerate(words):
        low = w.text.lower()
        inside = j in here
        where = "c" if inside else "s"
        side = "<" if j < k else ">"
        if j == k:
            continue
        mark = word_mark(w.text)
        if mark is not None:
            out.append(f"{where}mark={mark}")
            if inside:
                out.append(f"cmark{side}={mark}")
        if w.text.islower() and present_form(w.text):
            out.append(f"{where}present")
        m = mood(w.text, words[j - 1].text if j else "", words[j + 1].text if j + 1 < len(words) else "")
        if m is not None:
            out.append(f"{where}mood={m}")
        for cls in CUE_CLASSES:
            if low in word_class(cls):
                out.append(f"{where}cls={cls}")
        if inside and w.text.islower() and w.text.isalpha():
            out.append(f"w={low}")
    if k > 0:
        out.append(f"prev={words[k - 1].text.lower()}")
    if k + 1 < len(words):
        out.append(f"next={words[k + 1].text.lower()}")
    return sorted(set(out))


@dataclass
class StatusModel:
    labels: list[str]
    weights: dict[str, list[float]]  # feature → one weight per label
    bias: list[float]
    threshold: float  # the least probability at which the model speaks
    speaks: frozenset[str]  # the labels it may give (never "unknown")

    def probabilities(self, feats: list[str]) -> dict[str, float]:
        scores = list(self.bias)
        for f in feats:
            w = self.weights.get(f)
            if w is not None:
                scores = [a + b for a, b in zip(scores, w, strict=True)]
        top = max(scores)
        exp = [math.exp(x - top) for x in scores]
        total = sum(exp)
        return {label: e / total for label, e in zip(self.labels, exp, strict=True)}

    def decide(self, feats: list[str]) -> str | None:
        """The status the model gives, None when it is not sure enough or would say unknown."""
        probs = self.probabilities(feats)
        label = max(probs, key=lambda x: probs[x])
        return label if label in self.speaks and probs[label] >= self.threshold else None

    @classmethod
    def load(cls, directory: Path = MODEL_DIR) -> StatusModel | None:
        path = directory / "weights.json"
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["labels"], data["weights"], data["bias"], data["threshold"], frozenset(data["speaks"]))


@cache
def model() -> StatusModel | None:
    """The shipped model, None when the package has none (the rules alone decide then)."""
    return StatusModel.load()
