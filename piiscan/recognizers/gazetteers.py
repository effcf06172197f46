"""Word lists the NAME recognizer consults, loaded once from `data/*.txt`.

Each data file starts with a `# source:` line naming where it came from (built by
`scripts/build_gazetteers.py`), then one lower-case entry per line. Lists are loaded
lazily, on first use, and cached as frozensets.

>>> "john" in given_names() and "smith" in surnames()
True
>>> "tube" in given_names()
False
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load(file_name: str) -> frozenset[str]:
    """The entries of one data file, without its source line."""
    text = resources.files("piiscan.recognizers").joinpath("data").joinpath(file_name).read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def source(file_name: str) -> str:
    """The `# source:` line of a data file, without the marker."""
    text = resources.files("piiscan.recognizers").joinpath("data").joinpath(file_name).read_text("utf-8")
    return text.split("\n", 1)[0].removeprefix("# source:").strip()


def given_names() -> frozenset[str]:
    """First names: US Census 1990 and Faker's Latin-script locales."""
    return load("given_names.txt")


def surnames() -> frozenset[str]:
    """Family names: US Census 1990 (85% coverage) and Faker's Latin-script locales."""
    return load("surnames.txt")


def common_words() -> frozenset[str]:
    """Any lower-case English word, rare ones too (Webster's 2nd)."""
    return load("common_words.txt")


def frequent_words() -> frozenset[str]:
    """Frequent lower-case English words (SCOWL size 35): "will", "rose", "young"."""
    return load("frequent_words.txt")


def places() -> frozenset[str]:
    """One-word names of countries, US states and cities of 100,000 people (GeoNames)."""
    return load("places.txt")


@cache
def rare_given_names() -> frozenset[str]:
    """Given names that are not frequent English words: "amy", "kaylee", not "will"."""
    return given_names() - frequent_words()
