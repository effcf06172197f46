"""Word lists the NAME recognizer consults, loaded once from `data/*.txt`.

Each data file starts with a `# source:` line naming where it came from (built by
`scripts/build_gazetteers.py`), then one lower-case entry per line. Lists are loaded
lazily, on first use, and cached as frozensets, but for Webster's 204,000 words: as a
frozenset they were 24.5 MiB of memory and a tenth of a second to load, and NAME asks
about fewer than one word a document. They are held as `HashedWords`, the sorted
64-bit BLAKE2b digests of the words in `common_words.hashes` (1.6 MB, loaded in a
millisecond; `scripts/hash_words.py` writes it from `common_words.txt`, and a test
checks the two agree).

>>> "john" in given_names() and "smith" in surnames()
True
>>> "tube" in given_names()
False
"""

from __future__ import annotations

import hashlib
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache
from importlib import resources


@cache
def load(file_name: str) -> frozenset[str]:
    """The entries of one data file, without its source line."""
    lines = _data(file_name).decode("utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if not line.startswith("#"))  # after the header
    return frozenset(lines[first:]) - {""}


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


def _data(file_name: str) -> bytes:
    return resources.files("piiscan.recognizers").joinpath("data").joinpath(file_name).read_bytes()


def word_key(word: str) -> int:
    """A word's 64-bit BLAKE2b digest, as `HashedWords` holds it."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


class HashedWords:
    """A set of words held as the sorted 64-bit digests of its words (`word_key`): 8
    bytes a word, and a lookup of a few microseconds. Two words share a digest with a
    chance of about 1e-14 per lookup against 204,000 words.

    >>> words = HashedWords.of(["tube", "hat"])
    >>> "tube" in words, "tub" in words, len(words)
    (True, False, 2)
    """

    __slots__ = ("_keys",)

    def __init__(self, keys: array[int]) -> None:
        self._keys = keys

    @classmethod
    def of(cls, words: Iterable[str]) -> HashedWords:
        return cls(array("Q", sorted({word_key(word) for word in words})))

    @classmethod
    def from_bytes(cls, data: bytes) -> HashedWords:
        """Digests written by `to_bytes`: little-endian, sorted."""
        keys = array("Q")
        keys.frombytes(data)
        if sys.byteorder == "big":
            keys.byteswap()
        return cls(keys)

    def to_bytes(self) -> bytes:
        keys = array("Q", self._keys)
        if sys.byteorder == "big":
            keys.byteswap()
        return keys.tobytes()

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        key = word_key(word)
        index = bisect_left(self._keys, key)
        return index < len(self._keys) and self._keys[index] == key

    def __len__(self) -> int:
        return len(self._keys)


@cache
def common_words() -> HashedWords:
    """Any lower-case English word, rare ones too (Webster's 2nd), as digests."""
    return HashedWords.from_bytes(_data("common_words.hashes"))


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
