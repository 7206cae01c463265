"""The transliteration-aware name key: German, English and agency spellings of one name."""

from __future__ import annotations

from pathlib import Path

import pytest

from quellenlage.link import names

PAIRS = names.read_pairs(str(Path(__file__).parent / "fixtures" / "name_pairs.tsv"))


def test_the_pair_list_is_big_enough_and_has_both_kinds():
    assert len(PAIRS) >= 60
    assert sum(label for *_, label in PAIRS) >= 20
    assert sum(not label for *_, label in PAIRS) >= 20


@pytest.mark.parametrize("a, b, same", PAIRS, ids=[f"{a}~{b}" for a, b, _ in PAIRS])
def test_every_listed_pair_is_classified_right_at_the_shipped_threshold(a, b, same):
    assert names.same_name(a, b) is same
    assert names.same_name(b, a) is same


def test_the_shipped_threshold_is_the_one_chosen_on_the_list():
    threshold, accuracy = names.choose_threshold(PAIRS)
    assert threshold == names.THRESHOLD
    assert accuracy == names.accuracy(PAIRS, names.THRESHOLD)


def test_dmitrijew_dmitriew_dmitriev_dmitriyev_share_one_key():
    assert len({names.name_key(n) for n in ("Dmitrijew", "Dmitriew", "Dmitriev", "Dmitriyev")}) == 1


def test_selenskyj_and_zelenskyy_share_one_key():
    assert names.name_key("Wolodymyr Selenskyj") == names.name_key("Volodymyr Zelenskyy")


def test_chruschtschow_and_khrushchev_share_one_key():
    assert names.word_key("Chruschtschow") == names.word_key("Khrushchev")


def test_meier_and_mayer_keep_apart_keys():
    assert names.word_key("Meier") != names.word_key("Mayer")


def test_putins_genitive_is_putin():
    assert names.similarity("Putins", "Putin") == 1.0


def test_iwanowa_is_not_iwanow():
    assert names.word_similarity("Iwanowa", "Iwanow") == 0.0


def test_dmitriew_alone_is_kirill_dmitrijew():
    assert names.same_name("Dmitriew", "Kirill Dmitrijew")


def test_vitali_and_wladimir_klitschko_are_brothers_not_one_person():
    assert not names.same_name("Vitali Klitschko", "Wladimir Klitschko")


def test_choose_threshold_runs_from_the_command_line(capsys):
    assert names.main(["--choose-threshold", str(Path(__file__).parent / "fixtures" / "name_pairs.tsv")]) == 0
    assert f"best threshold {names.THRESHOLD}" in capsys.readouterr().out
