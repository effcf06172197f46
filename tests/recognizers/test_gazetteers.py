"""The word lists NAME consults: each says where it came from, and holds what it should."""

from importlib import resources

import pytest

from piiscan.recognizers import gazetteers

DATA_FILES = sorted(p.name for p in resources.files("piiscan.recognizers").joinpath("data").iterdir()
                    if p.name.endswith(".txt"))


def test_every_data_file_is_known():
    assert DATA_FILES == ["common_words.txt", "frequent_words.txt", "given_names.txt",
                          "places.txt", "surnames.txt"]


@pytest.mark.parametrize("file_name", DATA_FILES)
def test_each_file_names_its_source_and_holds_sorted_lower_case_entries(file_name):
    assert gazetteers.source(file_name)
    entries = gazetteers.load(file_name)
    assert len(entries) > 1000
    assert all(entry == entry.lower() and entry.strip() == entry for entry in entries)


@pytest.mark.parametrize(("word", "lists", "expected"), [
    ("john", gazetteers.given_names, True), ("tube", gazetteers.given_names, False),
    ("smith", gazetteers.surnames, True), ("garcía", gazetteers.surnames, True),
    ("liverpool", gazetteers.places, True), ("springfield", gazetteers.places, True),
    ("oregon", gazetteers.places, True), ("madagascar", gazetteers.places, True),
    ("smalltown", gazetteers.places, False), ("will", gazetteers.frequent_words, True),
    ("mary", gazetteers.frequent_words, False), ("kaylee", gazetteers.rare_given_names, True),
    ("will", gazetteers.rare_given_names, False),
])
def test_membership(word, lists, expected):
    assert (word in lists()) is expected


def test_webster_digests_are_the_words_of_the_text_file():
    text = gazetteers.load("common_words.txt")
    held = gazetteers.common_words()
    assert held.to_bytes() == gazetteers.HashedWords.of(text).to_bytes()  # scripts/hash_words.py
    assert len(held) == len(text) > 200_000
    assert "tube" in held and "hats" not in held and "zzyzx" not in held and 7 not in held
