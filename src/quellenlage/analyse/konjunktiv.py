"""Konjunktiv I (and its Konjunktiv II stand-ins): the mood of reported speech.

German marks indirect speech by mood: "Moskaus Einfluss *nehme* zu." A form is
Konjunktiv I by the paradigm rule, not by a list of forms alone:

- a lower-case word ending in ``-e`` is the 3rd person singular Konjunktiv I of
  a verb when ``word + "n"`` ("nehme" → "nehmen") or ``word[:-1] + "n"``
  ("ändere" → "ändern", "handele" → "handeln") is a known infinitive; its
  indicative is the ``-t`` form ("nimmt", "ändert"), so the two differ;
- the same form is also the 1st person singular indicative ("ich nehme"): the
  caller rules that out by the subject (:func:`mood` takes the previous word);
- irregular forms ("sei", "seien", "habe"), the Konjunktiv II stand-ins used
  where Konjunktiv I equals the indicative ("würden", "hätten"), and words
  that look like such forms but are not ("eine", "bitte") are in
  ``lang/de/konjunktiv.tsv``.

The known infinitives (``lang/de/verbs.txt``, about 8,000) are derived at build
time from spaCy's German lookup lemmatiser table (``spacy-lookups-data``, MIT):
every lower-case lemma ending in -en/-ln/-rn to which both an ``-e`` and a ``-t``
form map. Rebuild with ``python -m quellenlage.analyse.konjunktiv`` (needs
``pip install spacy-lookups-data``, a build-time tool only; the product ships
the derived list, not the 100 MB package).
"""

from __future__ import annotations

from functools import lru_cache

from ..lang.de.attribution_tables import Mood, adjective_openers, attribution_words, infinitives, konjunktiv_forms

#: Subjects that make an -e form indicative ("ich nehme").
_FIRST_PERSON = frozenset({"ich"})
#: Words after which such a form is an adjective ("eine 28 Kilometer lange Route", ``adjective_openers.txt``).
_ADJECTIVE_OPENERS = adjective_openers()


@lru_cache(maxsize=65536)
def _word_mood(word: str) -> Mood | None:
    listed = konjunktiv_forms()
    if word in listed:
        return listed[word]  # None: "eine", "bitte" only look like a Konjunktiv I form
    if len(word) < 4 or not word.endswith("e") or not word.islower():
        return None
    verbs = infinitives()
    if word + "n" in verbs or word[:-1] + "n" in verbs:
        return "KI"
    return None


def mood(word: str, previous: str = "", following: str = "") -> Mood | None:
    """ "KI" for a Konjunktiv I form, "KII" for a Konjunktiv II stand-in, else None.

    ``previous`` is the word before: "ich nehme" is indicative, and so is "habe
    ich" (``following``, the word after: "also habe ich gekauft"). A form found by
    the paradigm rule (not listed) before a capitalised word, or after an
    article, is read as an adjective ("eine 28 Kilometer lange Route").
    """
    if previous.lower() in _FIRST_PERSON or (following.lower() in _FIRST_PERSON and word.endswith("e")):
        return None  # "ich habe", "also habe ich": the indicative of the first person
    m = _word_mood(word)
    # "eine 28 Kilometer lange", "die 3 große": after a number; not after a noun with one ("Der 69-Jährige verfüge")
    number = previous[:1].isdigit() and not any(ch.isupper() for ch in previous)
    adjective_like = following[:1].isupper() or previous.lower() in _ADJECTIVE_OPENERS or number
    if m is not None and word not in konjunktiv_forms() and adjective_like:
        return None
    return m


def build_verb_list() -> list[str]:
    """The infinitives for ``lang/de/verbs.txt``, from spaCy's German lemma lookup table."""
    import collections
    import gzip
    import json
    from importlib import resources

    path = resources.files("spacy_lookups_data").joinpath("data/de_lemma_lookup.json.gz")
    with gzip.open(str(path), "rt", encoding="utf-8") as fh:
        lookup = json.load(fh)
    forms: dict[str, set[str]] = collections.defaultdict(set)
    for form, lemma in lookup.items():
        forms[lemma].add(form)
    verbs = [
        lemma
        for lemma, fs in forms.items()
        if lemma.isalpha()
        and lemma.islower()
        and lemma.endswith(("en", "ln", "rn"))
        and any(f.endswith("t") for f in fs)
        and any(f.endswith("e") for f in fs)
    ]
    return sorted(verbs)


def finite_form(word: str) -> bool:
    """A lower-case word that can be a finite verb: an auxiliary or modal ("ist", "soll"), a Konjunktiv form
    ("dürfte", "sei"), or a present form of a known infinitive ("gehen", "geht", "gehe")."""
    if not word.isalpha() or not word.islower():
        return False
    if word in attribution_words("finite_aux") or mood(word) is not None:
        return True
    inf = infinitives()
    return (
        (word.endswith("en") and word in inf)
        or (word.endswith("e") and word + "n" in inf)
        or (word.endswith("t") and (word[:-1] + "en" in inf or word[:-2] + "en" in inf))
    )


if __name__ == "__main__":  # regenerate lang/de/verbs.txt
    from pathlib import Path

    out = Path(__file__).resolve().parent.parent / "lang" / "de" / "verbs.txt"
    header = (
        "# German infinitives, derived by `python -m quellenlage.analyse.konjunktiv` from spaCy's\n"
        "# German lemma lookup table (spacy-lookups-data, MIT). Used to recognise Konjunktiv I forms.\n"
    )
    out.write_text(header + "\n".join(build_verb_list()) + "\n", encoding="utf-8")
    print(f"wrote {out}")
