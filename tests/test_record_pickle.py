"""Records pickle (to worker processes, caches) without their spaCy Doc."""

from __future__ import annotations

import pickle

from conftest import SEED_TXT

from quellenlage.analyse.pipeline import analyse
from quellenlage.read import read_text


def test_a_record_pickles_without_its_doc():
    record = analyse(read_text(SEED_TXT.read_text(encoding="utf-8")))
    assert record.doc is not None
    data = pickle.dumps(record)
    copy = pickle.loads(data)
    assert copy.doc is None
    assert copy == record and copy.to_json() == record.to_json()
    assert record.doc is not None  # the original keeps its Doc
    # small: the record's own JSON is most of it, no tokens, vectors or vocabulary
    assert len(data) < 2 * len(record.to_json().encode("utf-8"))
    assert b"spacy" not in data


def test_equality_ignores_only_the_doc():
    record = analyse(read_text("Die Verhandlungen in Genf dauerten bis in die Nacht."))
    copy = pickle.loads(pickle.dumps(record))
    assert copy == record
    copy.warnings.append("changed")
    assert copy != record
