"""A family of hostile texts: the shapes that make regular expressions backtrack.

Each member is a short unit repeated to the wanted size, with no white space to break
the run where that hurts most: letter runs glued by ``-``, ``.``, ``'`` and ``’``;
digits with separators; repeated titles, street words, ``@`` and ``://``; capitalised
words without spaces; and short units drawn at random from the characters patterns care
about (a fixed seed, so the family is the same on every run). `benchmarks/adversarial.py`
times every recognizer on them, and `tests/test_hostile.py` checks the engine stays
linear on a subset.

>>> text("Ab-", 10)
'Ab-Ab-Ab-A'
>>> len(FAMILY) == len(set(FAMILY))
True
"""

from __future__ import annotations

import random

#: Hand-picked units, grouped by what they attack.
LETTER_RUNS = ("Ab-", "Mr.", "Jean-Pierre-", "A'", "A’", "A.", "A-", "AB-", "a-B", "Ab'",
               "Aé-", "ÀÉ-", "'WA", ".Z.Z.Z", "A''", "Box'", "St.", "O'Neil-")
DIGIT_RUNS = ("1-", "12-", "1.", "1/", "1 ", "1,", "+1 ", "(1)", "1:", "1-2 ", "12/3", "0x",
              "1e", "1 2-", "1.2.", "+44 (0)", "GB82", "GB82 ", "1/2 ", "3/14 ")
REPEATS = ("Mr. ", "Dr. ", "Mrs.", "Dr ", "Street ", "1 Main St ", "Suite 1 ", "P.O. Box ",
           "@a.", "a@", "@@", "http://", "a://", "www.", "Smith, ", "A, ", "WA 9", "SSN ",
           "password:", "Call ", "Jan 1 ", "1st ", "DL:", "N ", "#1 ", "DR ", "son ", "dr ")
CAPITALISED = ("AbCdEf", "JohnSmith", "ABCdef", "McDonald", "Aa")
#: Characters the patterns care about; random units are drawn from them.
ALPHABET = "Aab1Z-.'’@:/ ,\n#éS"


def random_units(count: int = 40, seed: int = 20261201) -> tuple[str, ...]:
    """`count` distinct units of 1 to 4 characters drawn from `ALPHABET`."""
    chooser = random.Random(seed)
    units: dict[str, None] = {}
    while len(units) < count:
        unit = "".join(chooser.choice(ALPHABET) for _ in range(chooser.randint(1, 4)))
        if unit.strip():
            units.setdefault(unit)
    return tuple(units)


FAMILY: tuple[str, ...] = tuple(dict.fromkeys(
    LETTER_RUNS + DIGIT_RUNS + REPEATS + CAPITALISED + random_units()))


def text(unit: str, size: int) -> str:
    """`unit` repeated to exactly `size` characters."""
    return (unit * (size // len(unit) + 1))[:size]


__all__ = ["ALPHABET", "CAPITALISED", "DIGIT_RUNS", "FAMILY", "LETTER_RUNS", "REPEATS",
           "random_units", "text"]
