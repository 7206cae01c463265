"""A transliteration-aware key for personal names, and when two names are one.

German news writes Russian, Ukrainian, Arabic … names in German
transliteration ("Dmitrijew", "Selenskyj", "Chruschtschow") while agencies and
English sources write "Dmitriev", "Zelensky", "Khrushchev". :func:`name_key`
folds both to one phonetic key; :func:`similarity` compares keys with
rapidfuzz; :func:`same_name` decides, at a threshold chosen on the labelled
pairs in ``tests/fixtures/name_pairs.tsv`` (run
``python -m quellenlage.link.names --choose-threshold tests/fixtures/name_pairs.tsv``).

Decisions (documented in ``docs/entities.md``):

- transliteration spellings fold to one key: j/y/i, w/v, sch/sh, tsch/ch/tch,
  kh/ch, zh/sh, z/s, ts/tz/s, ck/k, c/k, x/ks, ph/f, ä/ae …, doubled letters,
  diacritics; Russian -ow/-ew/-ov/-ev (ё written e or o) fold at the word end;
- German spellings of German family names stay apart: "Meier" ≠ "Mayer",
  "Schmidt" ≠ "Schmitz", "Müller" ≠ "Möller" (only ue/ü, ss/ß fold);
- a Slavic feminine form is another person: "Iwanow" ≠ "Iwanowa";
- genitive -s ("Putins", "Witkoffs") and a final apostrophe are inflection;
- a surname alone matches the full name ("Dmitriew" ~ "Kirill Dmitrijew");
  two given names must agree too ("Wladimir" ~ "Vladimir", an initial matches).
"""

from __future__ import annotations

import itertools
import re
import sys
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import Indel

#: Chosen on tests/fixtures/name_pairs.tsv by :func:`choose_threshold` (see docs/entities.md).
THRESHOLD = 0.962

# letters that need more than stripping the accent
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "č": "tsch",
        "š": "sch",
        "ž": "sh",
        "ł": "l",
        "ø": "oe",
        "æ": "ae",
        "đ": "d",
        "ı": "i",
        "ʼ": "",
        "’": "",
        "'": "",
        "`": "",
    }
)

# (pattern, replacement) in order; applied to one lower-case word
_FOLDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r)
    for p, r in [
        (r"ae", "a"),  # Baerbock ~ Bärbock (ä) – but "a" ≠ "e": Mayer ≠ Meyer
        (r"oe(?![vw])", "o"),  # Möller ~ Moeller, but Dostoevsky keeps its e
        (r"ue", "u"),  # Müller ~ Mueller
        (r"schtsch|shch|schch", "shch"),  # Chruschtschow ~ Khrushchev
        (r"tsch|tch", "ch"),  # Tschernyschow ~ Chernyshov, Tschaikowski ~ Tchaikovsky
        (r"sch", "sh"),
        (r"zh", "sh"),  # Saluschnyj ~ Zaluzhnyi (ж)
        (r"kh", "ch"),  # Chamenei ~ Khamenei (х)
        (r"^y(?=[aeou])|(?<=[^aeiouy])y(?=[aeou])", "j"),  # Yanukovych, Ryabkov: y before a vowel is j
        (r"(?<=[aeiou])j(?=[aeiou])|(?<=i)y(?=[aeiou])", ""),  # Dmitrijew/Dmitriyev ~ Dmitriev
        (r"^je|(?<=[^aeiou])je", "e"),  # Umjerow ~ Umerov, Jelzin ~ Eltsin
        (r"(?<![aeou])y|y(?![aeiou])", "i"),  # Zelensky, Tolstoy; "Meyer" keeps its y (≠ Meier)
        (r"j(?![aeiou])", "i"),  # Selenskij, Sergej ~ Sergei
        (r"w", "v"),
        (r"ph", "f"),
        (r"dh", "d"),  # Gadhafi ~ Gaddafi
        (r"q", "k"),  # Qaddafi
        (r"x", "ks"),
        (r"ck", "k"),
        (r"c(?!h)", "k"),
        (r"tz|ts|z", "s"),  # Selenskyj ~ Zelensky, Jelzin ~ Yeltsin
        (r"(.)\1+", r"\1"),  # doubled letters
        (r"ii", "i"),
        (r"[eo]v$", "ov"),  # Chruschtschow ~ Khrushchev (ё)
        (r"[^a-z]", ""),
    ]
]

_FEMININE = re.compile(r"(?:ova|eva|ina|ska|aja|ai)$")
_INITIAL = re.compile(r"^\w\.?$")


def _ascii(word: str) -> str:
    word = word.lower().translate(_LETTERS)
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The phonetic key of one name word: "Dmitrijew" → "dmitriov", "Zelenskyy" → "selenski"."""
    key = _ascii(word)
    for pattern, replacement in _FOLDS:
        key = pattern.sub(replacement, key)
    return key


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\u00a0]+", name.strip()) if w]


def name_key(name: str) -> str:
    """The key of a whole name, word by word: "Wolodymyr Selenskyj" → "volodimir selenski"."""
    return " ".join(word_key(w) for w in _words(name))


def _strip_genitive(word: str) -> str:
    """ "Putins" → "Putin", "Witkoffs" → "Witkoff", "Klaus'" → "Klaus" (only the form, not the decision)."""
    if word.endswith(("'", "’")):
        return word[:-1]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "os", "as", "es")):
        return word[:-1]
    return word


def _feminine_pair(a: str, b: str) -> bool:
    """Whether one key is the Slavic feminine form of the other ("ivanov" / "ivanova")."""
    short, long = sorted((a, b), key=len)
    return long != short and _FEMININE.search(long) is not None and long.startswith(short[:-1]) and len(long) - len(short) <= 2


def word_similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two name words after folding; 0 for a masculine/feminine pair.

    A genitive -s on either side is tried away ("Putins" ~ "Putin").
    """
    best = 0.0
    for x in {a, _strip_genitive(a)}:
        for y in {b, _strip_genitive(b)}:
            kx, ky = word_key(x), word_key(y)
            if kx == ky:
                return 1.0
            if _feminine_pair(kx, ky):
                continue
            best = max(best, Indel.normalized_similarity(kx, ky))
    return best


def similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two names: their surnames (last words) compared by key."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return word_similarity(wa[-1], wb[-1])


def _given_names_agree(a: list[str], b: list[str], threshold: float) -> bool:
    if not a or not b:
        return True  # a surname alone matches the full name
    x, y = a[0], b[0]
    if _INITIAL.match(x) or _INITIAL.match(y):
        return _ascii(x)[0] == _ascii(y)[0]
    kx, ky = word_key(x), word_key(y)
    if kx.startswith(ky) or ky.startswith(kx):  # a short form: "Steve" ~ "Steven", "Alex" ~ "Alexander"
        return True
    return word_similarity(x, y) >= threshold


def same_name(a: str, b: str, threshold: float = THRESHOLD) -> bool:
    """Whether ``a`` and ``b`` name the same person by their spelling.

    Surnames must reach ``threshold``; given names, where both are written,
    too. "Kirill Dmitriew" ~ "Dmitrijew", "Putins" ~ "Wladimir Putin",
    "Wladimir Klitschko" ≁ "Vitali Klitschko", "Iwanow" ≁ "Iwanowa".
    """
    wa, wb = _words(a), _words(b)
    if not wa or not wb or similarity(a, b) < threshold:
        return False
    return _given_names_agree(wa[:-1], wb[:-1], threshold)


# --- choosing the threshold on labelled pairs ---------------------------------------------


def read_pairs(path: str) -> list[tuple[str, str, bool]]:
    """Labelled pairs: ``a <TAB> b <TAB> same|different [<TAB> note]``; ``#`` comments."""
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            pairs.append((cols[0], cols[1], cols[2].strip() == "same"))
    return pairs


def accuracy(pairs: list[tuple[str, str, bool]], threshold: float) -> float:
    return sum(same_name(a, b, threshold) == label for a, b, label in pairs) / len(pairs)


def choose_threshold(pairs: list[tuple[str, str, bool]]) -> tuple[float, float]:
    """The threshold with the best accuracy on ``pairs``, and that accuracy.

    Candidates are the midpoints between the distinct similarities that occur
    (so every way of splitting the pairs is tried once); among equally good
    ones the middle of the widest best run is taken, to keep a margin on both
    sides.
    """
    values = sorted({round(similarity(a, b), 6) for a, b, _ in pairs} | {0.0, 1.0})
    candidates = [(x + y) / 2 for x, y in itertools.pairwise(values)] or [THRESHOLD]
    scored = [(accuracy(pairs, t), t) for t in candidates]
    best = max(s for s, _ in scored)
    run = [t for s, t in scored if s == best]
    # the longest consecutive run of best candidates, then its middle
    runs: list[list[float]] = []
    for s, t in scored:
        if s == best and runs and runs[-1][-1] == candidates[candidates.index(t) - 1]:
            runs[-1].append(t)
        elif s == best:
            runs.append([t])
    widest = max(runs, key=lambda r: r[-1] - r[0]) if runs else run
    return round((widest[0] + widest[-1]) / 2, 3), best


def leave_one_out(pairs: list[tuple[str, str, bool]]) -> float:
    """Accuracy when each pair is judged at the threshold chosen on all the others:
    an honest figure for pairs the list does not hold."""
    right = 0
    for k, (a, b, label) in enumerate(pairs):
        threshold, _ = choose_threshold(pairs[:k] + pairs[k + 1 :])
        right += same_name(a, b, threshold) == label
    return right / len(pairs)


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--choose-threshold":
        pairs = read_pairs(argv[1])
        threshold, acc = choose_threshold(pairs)
        print(
            f"{len(pairs)} pairs; best threshold {threshold} (accuracy {acc:.3f}); shipped {THRESHOLD} "
            f"(accuracy {accuracy(pairs, THRESHOLD):.3f}); leave-one-out accuracy {leave_one_out(pairs):.3f}"
        )
        for a, b, label in pairs:
            if same_name(a, b) != label:
                print(
                    f"  wrong at {THRESHOLD}: {a} / {b} ({'same' if label else 'different'}, "
                    f"similarity {similarity(a, b):.3f}; keys {name_key(a)!r} {name_key(b)!r})"
                )
        return 0
    print("usage: python -m quellenlage.link.names --choose-threshold PAIRS.tsv", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
