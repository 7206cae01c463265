"""The NER model, its label mapping and its scorer (quellenlage.analyse/train/evaluate.ner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, shared

from quellenlage.analyse import ner
from quellenlage.evaluate.ner import read_gold, score
from quellenlage.train.corpora import TaggedSentence, germeval_split, read_germeval, tag_spans
from quellenlage.train.labels import MISSING, map_label

# -- label mapping, row by row ------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "scheme", "expected"),
    [
        ("OTH", "germeval", "MISC"),  # "28-Punkte-Plan", "Ecce homo"
        ("PER", "germeval", "PER"),
        ("LOCderiv", "germeval", None),  # "deutsche Regierung": no entity
        ("ORGpart", "germeval", None),  # "EU-Kommissionschef": the compound is not the EU
        ("RR", "ler", "PER"),  # Richter
        ("AN", "ler", "PER"),  # Anwalt
        ("ST", "ler", "LOC"),  # Stadt
        ("LD", "ler", "LOC"),  # Land
        ("STR", "ler", "LOC"),  # Straße
        ("GRT", "ler", "ORG"),  # Gericht
        ("INN", "ler", "ORG"),  # Institution
        ("UN", "ler", "ORG"),  # Unternehmen
        ("GS", "ler", MISSING),  # "§ 3 Abs. 1 BGB": a citation, not a name
        ("MRK", "ler", MISSING),  # Marke: company or product, undecidable
        ("location-city", "mobie", "LOC"),
        ("organization-company", "mobie", "ORG"),
        ("location-stop", "mobie", MISSING),  # "Hauptbahnhof"
        ("date", "mobie", None),
        ("B-BER", "plain", MISSING),  # OCR noise in Europeana: never silently O
    ],
)
def test_label_rows(label, scheme, expected):
    assert map_label(label, scheme) == expected


def test_iob1_and_bio_give_the_same_spans_for_bertelsmann_stiftung():
    iob1 = ["O", "I-ORG", "I-ORG", "O", "I-ORG", "I-PER"]
    bio = ["O", "B-ORG", "I-ORG", "O", "B-ORG", "B-PER"]
    assert tag_spans(iob1) == tag_spans(bio) == [(1, 3, "ORG"), (4, 5, "ORG"), (5, 6, "PER")]


def test_germeval_outer_level_oth_is_misc_and_deriv_is_dropped():
    first, second = read_germeval(FIXTURES / "ner-mini.tsv")
    assert first.spans == [(0, 2, "PER"), (3, 5, "PER"), (6, 7, "LOC")]
    assert second.spans == [(1, 2, "ORG"), (4, 5, "ORG"), (7, 8, "MISC")]  # "deutsche" (LOCderiv) is not there


def test_mobie_bahnhof_is_left_unannotated():
    (sent,) = read_gold(FIXTURES / "ner-mini-mobie.conll")
    assert sent.spans == [(4, 5, "LOC")] and sent.missing == [(5, 6)]


# -- SmartData (CC BY 4.0): raw text with character offsets, no MISC -------------------------


def _smartdata_file(tmp_path, text: str, mentions: list[tuple[str, str]]) -> Path:
    """A one-document SmartData file in the upstream Avro-JSON shape; mentions by surface (first match)."""
    import gzip

    concepts = [{"span": {"start": text.index(m), "end": text.index(m) + len(m)}, "type": t} for m, t in mentions]
    raw = {"text": {"string": text}, "uri": {"string": "http://example.org/1"}, "conceptMentions": {"array": concepts}}
    path = tmp_path / "train.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(raw) + "\n")
    return path


@pytest.mark.parametrize(
    ("surface", "raw", "expected"),
    [
        ("Lufthansa", "organization-company", "ORG"),
        ("Verdi", "organization", "ORG"),
        ("Sigmar Gabriel", "person", "PER"),
        ("Stresemannstraße", "location-street", "LOC"),
        ("A7", "location-street", MISSING),  # road numbers: GermEval tags them LOC or OTH
        ("Berlin Hbf", "location-stop", MISSING),
        ("deutschen", "location", MISSING),  # an adjective: GermEval LOCderiv, no entity
        ("Deutsche", "location", MISSING),
        ("die Marke", "organization-company", MISSING),  # a nominal mention
        ("12.04.2016", "date", None),
    ],
)
def test_smartdata_mentions_are_mapped_by_type_and_surface(surface, raw, expected):
    from quellenlage.train.corpora import smartdata_type

    assert smartdata_type(surface, raw) == expected


def test_smartdata_reader_splits_lines_and_sentences_and_leaves_euro_unannotated(tmp_path):
    from quellenlage.train.corpora import read_smartdata

    text = "Lufthansa streikt\nDie Gruppe zahlt 5 Euro an Verdi. Michael Peters sagt nichts in Cannes."
    path = _smartdata_file(
        tmp_path,
        text,
        [
            ("Lufthansa", "organization-company"),
            ("Gruppe", "organization-company"),
            ("Verdi", "organization"),
            ("Michael Peters", "person"),
            ("Cannes", "location-city"),
        ],
    )
    first, second, third = read_smartdata(path, common=frozenset({"Gruppe", "Die"}), misc=frozenset({"Euro"}))
    assert first.words == ["Lufthansa", "streikt"] and first.spans == [(0, 1, "ORG")]
    assert second.words == ["Die", "Gruppe", "zahlt", "5", "Euro", "an", "Verdi", "."]
    assert second.spans == [(6, 7, "ORG")]
    assert (1, 2) in second.missing  # "Gruppe": a common noun, not a name
    assert (4, 5) in second.missing  # "Euro": MISC in GermEval, "O" in SmartData
    assert third.spans == [(0, 2, "PER"), (5, 6, "LOC")] and third.missing == []


def test_smartdata_partial_leaves_unknown_capitalised_words_unannotated(tmp_path):
    from quellenlage.train.corpora import read_smartdata

    path = _smartdata_file(tmp_path, "Die Firma Zwahlen baut.", [])
    (full,) = read_smartdata(path, common=frozenset({"Die"}))
    (partial,) = read_smartdata(path, common=frozenset({"Die"}), partial=True)
    assert full.missing == [] and partial.missing == [(1, 2), (2, 3)]


def test_common_and_misc_words_from_annotated_sentences():
    from quellenlage.train.corpora import common_words, misc_words

    sents = [TaggedSentence(["Die", "Polizei", "in", "Berlin", "zahlt", "Euro"], [(3, 4, "LOC"), (5, 6, "MISC")])] * 3
    assert common_words(sents) == {"Die", "Polizei"}
    assert misc_words(sents) == {"Euro"}


# -- the scorer, with a tiny lexicon tagger for a model -----------------------------

LEXICON = {
    ("Steve", "Witkoff"): "PER",
    ("Dmitrijew",): "PER",
    ("Miami",): "LOC",
    ("NATO",): "ORG",
    ("Axios",): "LOC",
    ("deutsche",): "LOC",
    ("Berlin", "Hauptbahnhof"): "LOC",
}


def lexicon_tagger(sentences: list[TaggedSentence]) -> list[list[tuple[int, int, str]]]:
    """Longest match against LEXICON: the stand-in for a model in the scorer's unit tests."""
    out = []
    for sent in sentences:
        found, i = [], 0
        while i < len(sent.words):
            for n in (2, 1):
                if tuple(sent.words[i : i + n]) in LEXICON:
                    found.append((i, i + n, LEXICON[tuple(sent.words[i : i + n])]))
                    i += n - 1
                    break
            i += 1
        out.append(found)
    return out


def test_scores_of_witkoff_in_miami_computed_by_hand():
    gold = read_gold(FIXTURES / "ner-mini.tsv")
    result = score(gold, lexicon_tagger(gold))
    # PER: Steve Witkoff right; "Dmitrijew" without "Kirill" is one false positive and one miss
    per = result.by_type["PER"]
    assert (per.tp, per.fp, per.fn) == (1, 1, 1) and per.f1 == pytest.approx(0.5)
    # LOC: Miami right; Axios as LOC and "deutsche" are false positives
    loc = result.by_type["LOC"]
    assert (loc.tp, loc.fp, loc.fn) == (1, 2, 0)
    assert loc.precision == pytest.approx(1 / 3) and loc.recall == 1.0 and loc.f1 == pytest.approx(0.5)
    org = result.by_type["ORG"]  # NATO right, Axios missed
    assert (org.tp, org.fp, org.fn) == (1, 0, 1) and org.f1 == pytest.approx(2 / 3)
    assert result.by_type["MISC"].fn == 1 and result.by_type["MISC"].f1 == 0.0  # 28-Punkte-Plan missed
    overall = result.overall
    assert (overall.tp, overall.fp, overall.fn) == (3, 3, 3) and overall.f1 == pytest.approx(0.5)


def test_a_guess_on_an_unannotated_bahnhof_counts_neither_way():
    gold = read_gold(FIXTURES / "ner-mini-mobie.conll")
    result = score(gold, lexicon_tagger(gold))  # predicts "Berlin Hauptbahnhof" (overlaps the missing span)
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (0, 0, 1)


def test_holdout_is_every_third_germeval_document():
    sentences = [TaggedSentence(words=["x"], doc=f"http://example.org/{i}") for i in range(9)]
    train, held = germeval_split(sentences)
    assert [s.doc[-1] for s in held] == ["2", "5", "8"] and len(train) == 6


def test_cross_validation_folds_cover_every_document_once():
    sentences = [TaggedSentence(words=["x"], doc=f"http://example.org/{i}") for i in range(9)]
    held = [[s.doc[-1] for s in germeval_split(sentences, fold)[1]] for fold in (0, 1, 2)]
    assert held == [["0", "3", "6"], ["1", "4", "7"], ["2", "5", "8"]]


def test_holdout_of_germeval_dev_is_a_third_and_disjoint():
    path = shared("ner/germeval2014/NER-de-dev.tsv")
    train, held = germeval_split(read_germeval(path))
    assert len(held) + len(train) == 2200 and 700 < len(held) < 750
    assert not {s.doc for s in held} & {s.doc for s in train}  # no source on both sides


# -- the shipped model --------------------------------------------------------------


def test_model_ships_in_the_package_and_is_small():
    assert (ner.MODEL_DIR / "config.cfg").exists(), f"no model: {ner.RETRAIN}"
    size = sum(p.stat().st_size for p in ner.MODEL_DIR.rglob("*") if p.is_file())
    assert size < 60 * 1024 * 1024
    assert (ner.MODEL_DIR / "MODEL_CARD.md").exists()


def test_model_loads_offline(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise OSError("network used")

    monkeypatch.setattr(socket, "create_connection", no_network)
    ner.load.cache_clear()
    nlp = ner.load()
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG", "MISC"}


def test_missing_model_names_the_retrain_command(tmp_path):
    with pytest.raises(ner.ModelMissing, match="train ner"):
        ner.load(tmp_path)


def test_spans_are_offsets_into_the_text_even_for_unseen_words():
    text = "Der Xyzzqwertz-Beauftragte Quorbl Fnagelmeier traf in Kleinkleckersdorf ein.\n\nKurz darauf ging er."
    found = ner.spans_for_text(text)
    for start, end, typ in found:
        assert typ in ("PER", "LOC", "ORG", "MISC")
        assert text[start:end] == text[start:end].strip() and text[start:end]
        assert "\n" not in text[start:end]


def test_trim_span_drops_the_bracket_of_kirill_dmitrijew_l():
    words = ["Kreml-Unterhändler", "Kirill", "Dmitrijew", "(", "l", ")", "und"]
    assert ner.trim_span(words, 1, 6) == (1, 3)
    assert ner.trim_span(["„", "Ecce", "homo", "“"], 0, 4) == (1, 3)
    assert ner.trim_span(["(", ")"], 0, 2)[0] == ner.trim_span(["(", ")"], 0, 2)[1]


def test_seed_article_names_witkoff_trump_putin_axios_nato_miami_budapest(seed_text):
    import quellenlage

    record = quellenlage.analyze(seed_text)
    found = [(record.text[s:e], t) for s, e, t in ner.spans(record)]

    def typed(name: str) -> set[str]:
        return {t for text, t in found if name in text.split()}

    assert "PER" in typed("Witkoff")  # "Steve Witkoff"
    assert "PER" in typed("Trump")  # "Donald Trump"
    assert "PER" in typed("Putin")  # "Wladimir Putin"
    assert "LOC" in typed("Miami")
    assert "LOC" in typed("Budapest")


def test_eval_ner_command_reports_json(cli):
    proc = cli("eval", "ner", FIXTURES / "ner-mini.tsv", "--json", check=True)
    result = json.loads(proc.stdout_text)
    assert result["overall"]["support"] == 6 and result["sentences"] == 2
    assert 0.0 <= result["overall"]["f1"] <= 1.0


def test_eval_ner_pipeline_scores_the_entities_stage_on_witkoff_in_miami(cli):
    proc = cli("eval", "ner", FIXTURES / "ner-mini.tsv", "--pipeline", "--json", check=True)
    result = json.loads(proc.stdout_text)
    assert result["overall"]["support"] == 6 and result["sentences"] == 2
    assert result["overall"]["tp"] + result["overall"]["fp"] > 0


def test_detokenise_st_moritz_and_brackets_keeps_token_offsets():
    from quellenlage.evaluate.ner import detokenise

    words = ["in", "St", ".", "Moritz", "(", "Schweiz", ")", "."]
    text, offsets = detokenise(words)
    assert text == "in St. Moritz (Schweiz)."
    assert [text[a : a + len(w)] for a, w in zip(offsets, words, strict=True)] == words


def test_train_ner_stops_after_max_steps_and_writes_a_loadable_model(tmp_path):
    """A tiny run on the mini GermEval file: three updates, then the model and its training.json."""
    import shutil

    from quellenlage.analyse.ner_features import lexicon_of, pack
    from quellenlage.train.ner import TrainingSettings, train

    data = tmp_path / "data"
    (data / "germeval2014").mkdir(parents=True)
    shutil.copy(Path(__file__).parent / "fixtures" / "ner-mini.tsv", data / "germeval2014" / "NER-de-dev.tsv")
    out = tmp_path / "model"
    weights = {"wikiann": 0, "ler": 0, "mobie": 0, "europeana": 0, "smartdata": 0}
    lexicon = {"Eymer": pack(40, 3), "sagte": pack(4062, 11)}
    train(
        TrainingSettings(data=data, out=out, max_minutes=5, max_steps=3, width=32, depth=1, weights=weights, lexicon=lexicon),
        log=lambda m: None,
    )
    summary = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert summary["steps"] == 3 and summary["max_steps"] == 3 and summary["lexicon_words"] == 2
    nlp = ner.load(out)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    (layer,) = [n for n in nlp.get_pipe("tok2vec").model.walk() if n.name == "lexicon_features"]
    carried = lexicon_of(layer)  # the word classes travel inside the model
    assert {w: carried.lookup(w) for w in lexicon} == lexicon


def test_lexicon_codes_eymer_as_a_surname_and_falls_back_for_capitals():
    from spacy.lang.de import German
    from spacy.tokens import Doc

    from quellenlage.analyse.ner_features import Lexicon, pack, unpack

    lexicon = Lexicon.from_words({"Eymer": pack(40, 3), "Merkel": pack(40, 8, 9), "sagte": pack(4062, 11)})
    assert unpack(lexicon.lookup("Eymer")) == (40, 3, 0)
    assert unpack(lexicon.lookup("MERKEL")) == (40, 8, 9)  # all capitals: title case
    assert unpack(lexicon.lookup("Sagte")) == (4062, 11, 0)  # sentence start: lower case
    assert lexicon.lookup("Güllner") == 0
    doc = Doc(German().vocab, words=["Sagte", "Merkels", "Sprecher", "Eymer"])
    codes, stems = lexicon.codes(doc)  # a doc at once, and genitive stems: "Merkels" → "Merkel"
    assert [unpack(int(c))[0] for c in codes] == [4062, 0, 0, 40]
    assert [unpack(int(c))[0] for c in stems] == [0, 40, 0, 0]


def test_name_class_of_lehmann_is_a_common_german_surname():
    from quellenlage.train.lexicon import name_class

    assert name_class(None, {"DE": 27, "CH": 50}) == 1  # last name, top 1,000 at home
    assert name_class({"DE": 5014}, {"DE": 27}) == 2 * 4 + 1  # also a (rare) first name there
    assert name_class({"SE": 300}, None) == 3 * 4  # a first name common only elsewhere
    assert name_class(None, None) == 0


def test_lexicon_build_keeps_capitalised_words_and_frequent_context_words():
    pytest.importorskip("spacy_lookups_data")
    pytest.importorskip("names_dataset")
    from quellenlage.analyse.ner_features import unpack
    from quellenlage.train.lexicon import build

    lexicon = build()
    assert unpack(lexicon["Merkel"])[0] == unpack(lexicon["Müller"])[0]  # one surname class
    assert "sagte" in lexicon and "12345" not in lexicon
    assert unpack(lexicon["Lehmann"])[2] % 4 == 1  # a common German surname


def test_lexicon_without_the_train_extra_names_the_install_command():
    from quellenlage.train.lexicon import MissingTrainExtra, _package

    with pytest.raises(MissingTrainExtra, match=r"pip install -e '\.\[train\]'"):
        _package("no_such_package_for_quellenlage")
