"""Near-duplicate texts: agency copy printed by several outlets, found in a store of any size.

Why: when zeit.de and ntv.de print the same dpa text, a story has two reports but one origin (see
:mod:`quellenlage.link.origins`). Outlets rarely credit every agency text, and when they print one they edit it
lightly: a new headline, a paragraph cut, a sentence reworded. Exact hashes miss those; comparing every new
article with every stored one grows with the store. So:

- :func:`signature`: a MinHash (``datasketch``, :data:`NUM_PERM` permutations, fixed seed, SHA-1 of each
  shingle) over word 5-shingles of the normalised, lower-cased words. A list of ints: JSON-serialisable, the
  same on every run and machine.
- :func:`band_keys`: locality-sensitive hashing. The signature is cut into :data:`BANDS` bands of
  :data:`ROWS` values; each band becomes one string key ("07:9f3c…"). Two texts whose Jaccard similarity is
  *s* share at least one key with probability ``1 - (1 - s**ROWS)**BANDS``. A store keeps the keys in an
  indexed table and finds an article's candidates by :data:`BANDS` equality look-ups, so the cost per
  article does not grow with the store; :func:`similarity` then checks each candidate.
- :func:`is_copy`: the decision, at :data:`THRESHOLD`.

How the numbers were chosen (no collection of real copies exists yet; when ``tests/fixtures/stories_dev/``
brings one, re-measure with :func:`precision_recall`): the 1,763 articles of at least 80 words among the
Wikinews reports (``shared/data/quotes-wikinews``, train + dev: 764) and the derStandard articles
(``shared/data/news/10kgnad-test.csv``: 999) were copied with the light edits outlets make: a new headline;
the last paragraph (or last fifth of the sentences) cut; one sentence reworded (every third word replaced);
a dateline added or dropped; all four at once (8,815 copies); and two heavier ones: three sentences
reworded, half of the text cut under a new headline (3,526). Against them stood, for each article, the
other article of its corpus with the most capitalised words in common: same people, places and subject
(1,465 distinct same-topic pairs).

- Similarity of the copies (median): headline 0.99, dateline 0.99, paragraph cut 0.85, sentence reworded
  0.87, all four at once 0.69 (1st percentile 0.24); three sentences reworded 0.65, half cut 0.46. Of the
  same-topic pairs: median 0.00, 99th percentile 0.02; only two above 0.04: 0.22 and 0.32, both Wikinews
  follow-ups that repeat background paragraphs of the earlier report.
- :data:`THRESHOLD` 0.3: recall 99.5 % of the light copies (96.8 % with the heavy ones: a copy cut to a
  third is still found); one same-topic pair above it, the follow-up at 0.32, which repeats three
  paragraphs and so is one origin for what they share. 0.35 leaves that pair out but loses 0.5 % of
  the light copies and 6.5 % of the half cuts; 0.25 gains 0.3 % of the light copies.
- Bands, 42 of 3 rows: 99.8 % of the light copies at or above the threshold (99.2 % of all) share a key
  with their original; 0.1 % of the same-topic pairs and none of 100,000 random pairs do (a pair of
  similarity 0.02 is a candidate with probability 0.03 %). 32 bands of 4 rows found only 95.1 % of all
  copies above the threshold; 64 of 2 found all, at 75 times the candidates at similarity 0.02.
- End to end (:func:`copies` over the 1,763 originals, then a copy of each with all four light edits):
  1,709 copies (96.9 %) linked to their original, one false link (the follow-up); 0.7 s for the 3,526
  texts; a signature takes about 1 ms.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache

import numpy as np
from datasketch import MinHash  # type: ignore[import-untyped]  # datasketch ships no type information

#: MinHash permutations: the signature's length. 128 keeps the error of a similarity estimate at about 0.04.
NUM_PERM = 128
#: Seed of the permutations: fixed, so signatures stored on one run compare with those of the next.
SEED = 1
#: Words per shingle. Five words are rarely shared by chance in German news, yet one edited word spoils only five.
SHINGLE = 5
#: LSH bands and rows per band (see the module docstring for how they were chosen). 42 × 3 = 126: the last two
#: values of a signature serve :func:`similarity` only.
BANDS = 42
ROWS = 3
#: Estimated Jaccard similarity of word shingles from which two texts are copies (see the module docstring).
THRESHOLD = 0.3

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The normalised words of ``text``: Unicode-compatibility folded (NFKC), lower-cased, punctuation dropped
    ("Berlin (dpa) – Die Ampel …" → ["berlin", "dpa", "die", "ampel", …])."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str) -> list[bytes]:
    """The word :data:`SHINGLE`-shingles of ``text`` (a shorter text is one shingle; an empty one has none)."""
    ws = words(text)
    if not ws:
        return []
    n = max(1, len(ws) - SHINGLE + 1)
    return [" ".join(ws[i : i + SHINGLE]).encode("utf-8") for i in range(n)]


@cache
def _permutations() -> np.ndarray:
    """The permutations of :data:`SEED`, made once (datasketch would make them again for every MinHash)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED).permutations


def signature(text: str) -> list[int]:
    """The MinHash signature of ``text``: :data:`NUM_PERM` ints, the same on every run; ``[]`` for a text without
    words (it is a copy of nothing)."""
    grams = shingles(text)
    if not grams:
        return []
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations())
    m.update_batch(grams)
    return [int(v) for v in m.hashvalues]


def band_keys(sig: Sequence[int]) -> list[str]:
    """The LSH band keys of a signature: ``"BB:hex"`` for band BB, the hex a 64-bit digest of its rows. Two texts
    are candidates for copies when they share a key. ``[]`` for an empty signature."""
    if not sig:
        return []
    if len(sig) != NUM_PERM:
        raise ValueError(f"a signature has {NUM_PERM} values, not {len(sig)}")
    keys = []
    for b in range(BANDS):
        rows = np.asarray(sig[b * ROWS : (b + 1) * ROWS], dtype=">u8").tobytes()  # fixed byte order: same on every machine
        keys.append(f"{b:02d}:{hashlib.blake2b(rows, digest_size=8).hexdigest()}")
    return keys


def similarity(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the two texts' shingles: the share of equal signature values (0.0 when
    either text had no words)."""
    if not sig_a or not sig_b:
        return 0.0
    if len(sig_a) != len(sig_b):
        raise ValueError(f"signatures of different lengths ({len(sig_a)}, {len(sig_b)})")
    return float(np.count_nonzero(np.asarray(sig_a) == np.asarray(sig_b))) / len(sig_a)


def is_copy(sim: float, threshold: float = THRESHOLD) -> bool:
    """Whether texts of similarity ``sim`` are one text (see the module docstring for :data:`THRESHOLD`)."""
    return sim >= threshold


def copies(items: Iterable[tuple[str, Sequence[int]]]) -> dict[str, str]:
    """Article id → the id of the earliest text it copies, for ``(article id, signature)`` in publication order.

    What a store does with its band-key table, in memory: each article looks up its band keys among the
    articles before it and is a copy of the earliest candidate whose :func:`similarity` passes :func:`is_copy`
    (that candidate's own original if it is a copy itself). Articles that copy nothing are not in the result.
    """
    index: dict[str, list[str]] = {}
    sigs: dict[str, Sequence[int]] = {}
    order: dict[str, int] = {}
    out: dict[str, str] = {}
    for article, sig in items:
        keys = band_keys(sig)
        candidates = sorted({c for k in keys for c in index.get(k, ())}, key=order.__getitem__)
        for c in candidates:
            if is_copy(similarity(sig, sigs[c])):
                out[article] = out.get(c, c)
                break
        order[article], sigs[article] = len(order), sig
        for k in keys:
            index.setdefault(k, []).append(article)
    return out


def precision_recall(pairs: Iterable[tuple[float, bool]], threshold: float = THRESHOLD) -> tuple[float, float]:
    """(precision, recall) of :func:`is_copy` at ``threshold`` on labelled ``(similarity, is a copy)`` pairs: how
    :data:`THRESHOLD` is measured again on a collection of real copies."""
    tp = fp = fn = 0
    for sim, label in pairs:
        found = is_copy(sim, threshold)
        tp += found and label
        fp += found and not label
        fn += label and not found
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)
