"""A precision audit of quotation attribution on unseen text: the statements the stages find on the check corpus
(scripts/events_diff.py: Wikinews train and 10kGNAD articles no gold set uses), a random sample judged by readers
who did not write the rules, and the score of their judgements.

    python scripts/speakers_audit.py sample CORPUS.jsonl OUTDIR [N] [SEED] [KINDS]   (KINDS: direct_quote,indirect_speech,reported)
    python scripts/speakers_audit.py score OUTDIR/judged_*.jsonl

Each sampled statement shows its kind, text, speaker as written, the entity it is linked to (its name), whether it
is anonymous and of what kind, and its source chain. The readers say whether the speaker is right, the link is
right, and the anonymity is right.
"""

from __future__ import annotations

import json
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from events_audit import print_classes, wilson


def sample(
    corpus_path: Path, outdir: Path, n: str = "240", seed: str = "2027", kinds: str = "direct_quote,indirect_speech,reported"
) -> None:
    from quellenlage.evaluate.events import analyse_paragraph

    items = [json.loads(line) for line in corpus_path.open(encoding="utf-8")]
    rng = random.Random(int(seed))
    rng.shuffle(items)
    picked = []
    for item in items:  # one statement an article, from as many articles as it takes
        record = analyse_paragraph(item["text"], item.get("published"))
        names = {e.id: e.name for e in record.entities}
        statements = [st for st in record.statements if st.kind in kinds.split(",")]
        if not statements:
            continue
        st = rng.choice(statements)
        sentence = record.sentences[st.sentences[0]] if st.sentences else None
        lo = sentence.start if sentence else st.start
        hi = sentence.end if sentence else st.end
        picked.append(
            {
                "doc": item["id"],
                "kind": st.kind,
                "statement": st.text,
                "speaker": st.speaker.text if st.speaker else None,
                "linked_to": names.get(st.speaker.entity) if st.speaker and st.speaker.entity else None,
                "anonymous": st.speaker.anonymous if st.speaker else None,
                "anonymous_kind": st.speaker.anonymous_kind if st.speaker else None,
                "sources": [{"name": s.name, "anonymous": s.anonymous, "kind": s.anonymous_kind} for s in st.sources],
                "context_before": record.text[max(0, lo - 500) : lo],
                "sentence": record.text[lo:hi],
                "context_after": record.text[hi : hi + 200],
            }
        )
        if len(picked) >= int(n):
            break
    outdir.mkdir(parents=True, exist_ok=True)
    parts = 3
    size = math.ceil(len(picked) / parts)
    for k in range(parts):
        with (outdir / f"audit_{k + 1}.jsonl").open("w", encoding="utf-8") as f:
            for i, row in enumerate(picked[k * size : (k + 1) * size]):
                f.write(json.dumps({"n": f"S{k + 1}-{i + 1}", **row}, ensure_ascii=False) + "\n")
    print(len(picked), "statements")


def score(*paths: Path) -> None:
    rows = [json.loads(line) for p in paths for line in p.open(encoding="utf-8") if line.strip()]
    n = len(rows)
    real = [r for r in rows if r.get("statement_ok")]
    print(f"judged statements: {n}; a real quotation or report: {len(real)}/{n} = {len(real) / n:.3f}")
    for field in ("speaker_ok", "link_ok", "anonymity_ok"):
        judged = [r for r in real if r.get(field) is not None]
        k = sum(1 for r in judged if r[field])
        lo, hi = wilson(k, len(judged))
        print(f"{field}: {k}/{len(judged)} = {k / max(1, len(judged)):.3f}  (95% interval {lo:.3f}–{hi:.3f})")
    print_classes(rows)


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "sample":
        sample(Path(args[0]), Path(args[1]), *args[2:])
    else:
        score(*map(Path, args))
