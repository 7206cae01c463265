"""Build the NER model's word-class table (see :mod:`quellenlage.analyse.ner_features`).

Sources:

* the German Brown clusters and unigram log probabilities that
  ``spacy-lookups-data`` (MIT) ships (``de_lexeme_cluster``, ``de_lexeme_prob``,
  one million word forms each). Kept: every word made of letters (with inner
  hyphens or apostrophes) that begins with a capital letter — names are what
  the table is for — and every other word of log probability ≥ -15 (context
  words: "sagte", "laut", "bei");
* first and last names of ``names-dataset`` (MIT; names with their rank per
  country): a name ranked in Germany, Austria or Switzerland, or among the
  1,000 commonest of any country, gets a name class (:func:`name_class`).

Needs the ``train`` extra (``pip install -e '.[train]'``); the product itself
never reads these tables: the result travels inside the model.
"""

from __future__ import annotations

import gzip
import json
import re
from importlib import resources

from ..analyse.ner_features import pack

_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")
MIN_PROB_LOWER = -15.0


class MissingTrainExtra(RuntimeError):
    """A package of the ``train`` extra is not installed."""


def _package(name: str):
    """The files of package ``name``, or :class:`MissingTrainExtra` naming the install command."""
    try:
        return resources.files(name)
    except ModuleNotFoundError:
        raise MissingTrainExtra(
            f"{name} is not installed; the NER word classes need the train extra: pip install -e '.[train]'  (or: make train-ner)"
        ) from None


def _table(name: str) -> dict:
    data = _package("spacy_lookups_data") / "data" / f"de_lexeme_{name}.json.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def frequency_bucket(prob: float | None) -> int:
    """1 (rarest, log p ≤ -18) … 16 (log p ≥ -3); 0 when unknown."""
    if prob is None:
        return 0
    return max(1, min(16, round(prob) + 19))


HOME = frozenset({"DE", "AT", "CH"})


def _rank_class(ranks: dict[str, int]) -> int:
    """1: among the 1,000 commonest in DE/AT/CH; 2: ranked there; 3: among the 1,000 commonest
    elsewhere; 0: none of these."""
    home = [r for c, r in ranks.items() if c in HOME]
    if home:
        return 1 if min(home) <= 1000 else 2
    return 3 if ranks and min(ranks.values()) <= 1000 else 0


def name_class(first: dict[str, int] | None, last: dict[str, int] | None) -> int:
    """0 … 15: the first-name class × 4 + the last-name class (:func:`_rank_class`) of a word."""
    return _rank_class(first or {}) * 4 + _rank_class(last or {})


def _names() -> dict[str, int]:
    """name → name class, from names-dataset's pickled tables (read directly: its
    ``NameDataset()`` loads far more than this needs)."""
    import pickle

    tables = {}
    for kind in ("first", "last"):
        data = _package("names_dataset") / "v3" / f"{kind}_names.pkl.gz"
        with data.open("rb") as raw, gzip.open(raw) as fh:
            tables[kind] = pickle.load(fh)  # a packaged data file, not user input
    out: dict[str, int] = {}
    for word in tables["first"].keys() | tables["last"].keys():
        if not _WORD.match(word) or not word[0].isupper():
            continue
        first, last = tables["first"].get(word), tables["last"].get(word)
        cls = name_class(first and first.get("rank"), last and last.get("rank"))
        if cls:
            out[word] = cls
    return out


def build() -> dict[str, int]:
    """word → packed (cluster, frequency bucket, name class)."""
    clusters, probs, names = _table("cluster"), _table("prob"), _names()
    lexicon: dict[str, int] = {}
    for word, cluster in clusters.items():
        prob = probs.get(word)
        if not _WORD.match(word):
            continue
        if not word[0].isupper() and (prob is None or prob < MIN_PROB_LOWER):
            continue
        lexicon[word] = pack(int(cluster), frequency_bucket(prob), names.get(word, 0))
    for word, cls in names.items():
        lexicon.setdefault(word, pack(0, 0, cls))
    return lexicon
