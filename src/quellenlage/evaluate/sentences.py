"""Sentence boundaries against the sentences of the quotes-wikinews data.

Each document's ``originalText`` is segmented as it is (every non-empty line a
paragraph, no normalisation, so offsets compare directly) and the sentence
*starts* are compared with the gold sentences' ``charBegin`` (after skipping
white space): precision, recall and F1 of boundaries, the first sentence of
every paragraph excluded (it is given, not found), plus the share of
documents segmented exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..analyse.segment import segment
from .scores import PrecisionRecall
from .wikinews import documents, record_of


@dataclass
class BoundaryScore(PrecisionRecall):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    docs: int = 0
    exact_docs: int = 0
    fn_colon: int = 0  # misses after ":" or ";", where the gold splits by convention and we do not by design
    errors: list[tuple[str, str]] = field(default_factory=list)

    def report(self, examples: int = 10) -> str:
        lines = [
            f"documents: {self.docs} ({self.exact_docs} segmented exactly like the gold)",
            f"sentence boundaries: precision {self.precision:.4f}  recall {self.recall:.4f}  F1 {self.f1:.4f}"
            f"  (tp {self.tp}, fp {self.fp}, fn {self.fn})",
        ]
        if self.fn:
            rest = self.tp + self.fn - self.fn_colon
            lines.append(
                f"{self.fn_colon} of the {self.fn} misses follow a colon or semicolon (the gold splits there; we keep such"
                f" clauses in one sentence by design); recall without them {self.tp / rest:.4f}"
            )
        if self.errors:
            lines.append("first disagreements (fp: we split, gold does not; fn: gold splits, we do not):")
            lines.extend(f"  {kind}: …{context}…" for kind, context in self.errors[:examples])
        return "\n".join(lines)


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def score_document(text: str, gold_begins: list[int], score: BoundaryScore) -> None:
    record = record_of(text)
    segment(record)
    para_starts = {p.start for p in record.paragraphs}
    ours = {s.start for s in record.sentences} - para_starts
    gold = {_skip_space(text, b) for b in gold_begins} - para_starts
    tp, fp, fn = ours & gold, ours - gold, gold - ours
    score.tp += len(tp)
    score.fp += len(fp)
    score.fn += len(fn)
    score.docs += 1
    score.exact_docs += not fp and not fn
    score.fn_colon += sum(1 for o in fn if text[:o].rstrip()[-1:] in (":", ";"))
    for kind, offsets in (("fp", fp), ("fn", fn)):
        for o in sorted(offsets):
            score.errors.append((kind, text[max(0, o - 40) : o].replace("\n", " ") + " ‖ " + text[o : o + 30].replace("\n", " ")))


def evaluate_file(path: str, limit: int | None = None) -> BoundaryScore:
    score = BoundaryScore()
    for doc in documents(path, limit):
        score_document(doc["originalText"], [s["charBegin"] for s in doc["sentences"]], score)
    return score
