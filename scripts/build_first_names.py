"""Build ``src/quellenlage/lang/de/first_names.txt``: given names seen in licensed NER training data.

Source corpora (all CC BY / CC BY-SA, see ../shared/data/README.md):

* GermEval 2014 dev, the *training* two thirds only (:func:`germeval_split`; the
  held-out third is never read),
* WikiANN de train and validation (not test: we report on it),
* LER (German legal entity recognition) dev and test files (PER only).

Not used: WikiNEuRal (CC BY-NC-SA) and every set we evaluate on.

A word is a first name when it begins a multi-token PER span at least
``--min-count`` times and at least ``--min-share`` of all its capitalised
occurrences in those corpora begin a PER span (so "Hans" stays, "Der",
"Präsident", "St" or "Kaiser" – often first in a person's span but mostly
something else – go). Words that are not plain letters, shorter than two
letters, or all capitals are dropped too.

Run:  python scripts/build_first_names.py [--data ../shared/data/ner] [--min-count 2] [--min-share 0.5]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from quellenlage.train.corpora import (
    Sentence,
    germeval_split,
    read_conll,
    read_germeval,
)

OUT = Path(__file__).resolve().parent.parent / "src" / "quellenlage" / "lang" / "de" / "first_names.txt"


def sentences(data: Path) -> list[Sentence]:
    """The training sentences of the licensed corpora (see the module docstring)."""
    out = germeval_split(read_germeval(data / "germeval2014" / "NER-de-dev.tsv"))[0]
    for name in ("train.conllu", "val.conllu"):
        out += read_conll(data / "wikiann-de" / name, "plain")
    for name in ("ler_dev.conll", "ler_test.conll"):
        out += read_conll(data / "ler" / name, "ler")
    return out


def first_names(sents: list[Sentence], min_count: int, min_share: float) -> list[str]:
    """Words beginning multi-token PER spans often enough and mostly so."""
    initial: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for sent in sents:
        for word in sent.words:
            if word[:1].isupper():
                seen[word] += 1
        for start, end, typ in sent.spans:
            if typ == "PER" and end - start > 1:
                initial[sent.words[start]] += 1
    return sorted(
        w
        for w, n in initial.items()
        if w[:1].isupper() and w[1:].islower() and w.isalpha() and len(w) > 1 and n >= min_count and n / seen[w] >= min_share
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/ner"))
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--min-share", type=float, default=0.5)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    names = first_names(sentences(args.data), args.min_count, args.min_share)
    header = (
        f"# Given names: first words of multi-token PER spans (>= {args.min_count} times, >= {args.min_share:.0%}"
        " of their capitalised occurrences)\n# in GermEval 2014 dev (training part), WikiANN de train/val, LER."
        " Built by scripts/build_first_names.py; do not edit by hand.\n"
    )
    args.out.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} first names → {args.out}")


if __name__ == "__main__":
    main()
