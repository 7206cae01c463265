"""Word-class features for the NER model: Brown clusters and word frequency of a large German corpus.

With only ~1,500 gold news sentences to learn from, the model cannot know that
"Eymer", "Güllner" or "Maschmeyer" are surnames and "Walzer" or "Richter" mostly
not. Word classes learnt from a large unlabelled corpus can: in the German Brown
clusters of ``spacy-lookups-data`` (MIT), cluster 40 holds 69,000 surnames
(Müller, Merkel, Hendrix, Cromwell …), another holds cities, another first names.

The model's embedding layer (``quellenlage.LexiconEmbed.v1``, spaCy's
``MultiHashEmbed`` plus two columns) embeds, for each token, the usual NORM,
PREFIX, SUFFIX and SHAPE and also

* the Brown cluster of the word (case-sensitive; an all-capitals word falls back
  to its title case, then its lower case), and
* its rounded log frequency (the lexeme ``prob`` of the same tables), and
* the cluster of the word without a final -s, for a capitalised word ending in
  -s ("Merkels", "Putins": genitives of names often lack their own good class), and
* its name class: whether and how commonly it is a first or last name in
  ``names-dataset`` (MIT; Ahlgren, Blakemore … that the clusters lack).

The word → code table is built at training time by :mod:`quellenlage.train.lexicon`
and travels inside the model (the layer's ``lexicon_keys``/``lexicon_codes``
arrays, serialised with the weights), so nothing else is read at run time. A
word the table lacks gets code 0 in every column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy

if TYPE_CHECKING:
    from thinc.api import Model
    from thinc.types import Floats2d, Ints2d, Ragged

#: Names of the extra feature columns, in order (after the spaCy attributes); a model
#: embeds the first ``len(lexicon_rows)`` of them.
COLUMNS = ("cluster", "frequency", "stem_cluster", "name")
#: Bits of a packed lexicon code: the cluster in the low bits, the frequency bucket above,
#: the name class above that.
CLUSTER_BITS, FREQUENCY_BITS = 20, 5
_CLUSTER_MASK, _FREQUENCY_MASK = (1 << CLUSTER_BITS) - 1, (1 << FREQUENCY_BITS) - 1


def pack(cluster: int, frequency: int, name: int = 0) -> int:
    """One int for a word: its Brown cluster, its frequency bucket (1 … 16, 0: unknown)
    and its name class (0: not a listed name; see :mod:`quellenlage.train.lexicon`)."""
    return cluster | (frequency << CLUSTER_BITS) | (name << (CLUSTER_BITS + FREQUENCY_BITS))


def unpack(code: int) -> tuple[int, int, int]:
    return (code & _CLUSTER_MASK, (code >> CLUSTER_BITS) & _FREQUENCY_MASK, code >> (CLUSTER_BITS + FREQUENCY_BITS))


class Lexicon:
    """word → packed code, as two arrays: the sorted 64-bit hashes of the words (spaCy's
    ``hash_string``, the same as a token's ORTH and LOWER) and their codes. 14 MB for
    800,000 words, where a dict of str would take ten times that in memory; a doc's tokens
    are looked up at once from their ORTH/LOWER arrays (:meth:`codes`)."""

    def __init__(self, keys: numpy.ndarray, codes: numpy.ndarray):
        self.keys, self.codes_ = keys, codes

    @classmethod
    def from_words(cls, words: dict[str, int]) -> Lexicon:
        # hash_string is in spaCy's strings.pyx but missing from its strings.pyi
        from spacy.strings import hash_string  # type: ignore[attr-defined]

        pairs = sorted((hash_string(w), c) for w, c in words.items())
        keys = numpy.fromiter((k for k, _ in pairs), dtype="uint64", count=len(pairs))
        return cls(keys, numpy.fromiter((c for _, c in pairs), dtype="uint32", count=len(pairs)))

    def find(self, hashes: numpy.ndarray) -> numpy.ndarray:
        """The codes of ``hashes`` (uint64 array), 0 where a hash is not in the table."""
        if not len(self.keys):
            return numpy.zeros(len(hashes), dtype="uint64")
        at = numpy.minimum(numpy.searchsorted(self.keys, hashes), len(self.keys) - 1)
        return numpy.where(self.keys[at] == hashes, self.codes_[at], 0).astype("uint64")

    def lookup(self, word: str) -> int:
        """The packed code of one word (:meth:`codes` for a doc)."""
        return int(self._codes([word])[0])

    def _codes(self, words: list[str], orth: numpy.ndarray | None = None, lower: numpy.ndarray | None = None) -> numpy.ndarray:
        """Codes of ``words``: as written, else (all capitals) in title case, else in lower case.
        ``orth``/``lower``: their hashes, when known (a doc's ORTH and LOWER arrays)."""
        # hash_string is in spaCy's strings.pyx but missing from its strings.pyi
        from spacy.strings import hash_string  # type: ignore[attr-defined]

        if orth is None:
            orth = numpy.array([hash_string(w) for w in words], dtype="uint64")
        codes = self.find(orth)
        capitals = [k for k in numpy.flatnonzero(codes == 0) if len(words[k]) > 1 and words[k].isupper()]
        if capitals:  # "MERKEL" → "Merkel"
            codes[capitals] = self.find(numpy.array([hash_string(words[k].title()) for k in capitals], dtype="uint64"))
        missing = numpy.flatnonzero(codes == 0)
        if len(missing):  # "Sagte" → "sagte"
            if lower is None:
                lower = numpy.array([hash_string(w.lower()) for w in words], dtype="uint64")
            codes[missing] = self.find(lower[missing])
        return codes

    def codes(self, doc) -> tuple[numpy.ndarray, numpy.ndarray]:
        """(codes, genitive-stem codes) of a doc's tokens (see :meth:`_codes`); the stem of a
        capitalised word ending in -s is the word without it ("Merkels" → "Merkel")."""
        words = [t.text for t in doc]
        hashes = doc.to_array(["ORTH", "LOWER"]).astype("uint64").reshape(len(words), 2)
        codes = self._codes(words, hashes[:, 0], hashes[:, 1])
        stems = numpy.zeros(len(words), dtype="uint64")
        at = [k for k, w in enumerate(words) if len(w) > 3 and w[-1] == "s" and w[0].isupper()]
        if at:
            stems[at] = self._codes([words[k][:-1] for k in at])
        return codes, stems


def _register() -> None:
    from spacy.util import registry

    if "quellenlage.LexiconEmbed.v1" in registry.architectures:
        return
    registry.architectures.register("quellenlage.LexiconEmbed.v1", func=lexicon_embed)


def lexicon_embed(width: int, attrs: list[str], rows: list[int], lexicon_rows: list[int]):
    """spaCy's MultiHashEmbed over ``attrs`` plus the lexicon columns (:data:`COLUMNS`)."""
    from spacy.ml.featureextractor import FeatureExtractor
    from thinc.api import HashEmbed, Maxout, chain, concatenate, list2ragged, ragged2list, with_array

    if len(rows) != len(attrs) or not 0 < len(lexicon_rows) <= len(COLUMNS):
        raise ValueError("one row count per attribute and per lexicon column")
    embeddings: list[Model[Ints2d, Floats2d]] = [
        HashEmbed(width, r, column=i, seed=8 + i, dropout=0.0) for i, r in enumerate([*rows, *lexicon_rows])
    ]
    max_out: Model[Ragged, Ragged] = with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True))
    return chain(
        lexicon_features(FeatureExtractor(attrs)), list2ragged(), with_array(concatenate(*embeddings)), max_out, ragged2list()
    )


def lexicon_features(extract):
    """The spaCy attribute columns of ``extract`` with the lexicon columns appended."""
    from thinc.api import Model

    def forward(model, docs, is_train: bool) -> tuple[list, Callable]:
        base, _ = extract(docs, is_train)
        lexicon = lexicon_of(model)
        out = []
        for doc, cols in zip(docs, base, strict=True):
            codes, stems = lexicon.codes(doc)
            extra = numpy.stack(
                [
                    codes & _CLUSTER_MASK,
                    (codes >> CLUSTER_BITS) & _FREQUENCY_MASK,
                    stems & _CLUSTER_MASK,
                    codes >> (CLUSTER_BITS + FREQUENCY_BITS),
                ],
                axis=1,
            )
            out.append(model.ops.asarray2i(numpy.hstack([model.ops.to_numpy(cols), extra]), dtype="uint64"))
        return out, lambda d: []

    empty = {"lexicon_keys": numpy.zeros(0, dtype="uint64"), "lexicon_codes": numpy.zeros(0, dtype="uint32")}
    return Model("lexicon_features", forward, layers=[extract], attrs=empty)


def lexicon_of(layer) -> Lexicon:
    """The :class:`Lexicon` a lexicon layer carries (its two arrays are serialised with the model)."""
    return Lexicon(layer.attrs["lexicon_keys"], layer.attrs["lexicon_codes"])


def set_lexicon(nlp, words: dict[str, int]) -> int:
    """Put the table ``words`` (word → packed code) into every lexicon layer of ``nlp``
    (before training); returns how many layers."""
    lexicon = Lexicon.from_words(words)
    found = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        for node in model.walk() if model is not None else ():
            if node.name == "lexicon_features":
                node.attrs["lexicon_keys"], node.attrs["lexicon_codes"] = lexicon.keys, lexicon.codes_
                found += 1
    return found


_register()
