"""One document as every recognizer reads it: the text and what is cheap to know about it.

`Scanner.find` builds one `TextView` per document, and every recognizer reads the same
view: the set of its words (which cue words can occur at all), its longest token, where
its bare digit runs start, how long they are and which lengths occur, and, when first
asked, what joins two digit runs and where its sentences end. Patterns are skipped on
what the view says cannot be there.

>>> view = TextView.of("Call 206-555-0100 today. SSN 212674013!")
>>> sorted(view.words)[:4], view.longest_token, view.longest_digit_run
(['0100', '206', '212674013', '555'], 12, 9)
>>> [view.text[s:s + n] for s, n in view.digit_runs]
['206', '555', '0100', '212674013']
>>> sorted(view.run_lengths), sorted(view.joints)
([3, 4, 9], ['-'])
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cached_property

import regex

__all__ = ["TextView"]

_WORD_RE = regex.compile(r"\w+")
_DIGIT_RUN_RE = regex.compile(r"[0-9]+")
# A sentence ends at . ! ? before white space (not after an abbreviation such as "no."
# or "Dr."), or at a line break that does not follow a label ending in ":".
_SENTENCE_END_RE = regex.compile(
    r"(?<!\b(?:no|nr|num|acct|mr|mrs|ms|dr|st|ave|inc|ltd|co|jr|sr|vs|etc|approx|dept|tel|ph|"
    r"fax|ext|exp|apt|ste|prof|ref|id|dob|e\.g|i\.e|u\.s|p\.o))[.!?](?=\s)|(?<!:[ \t]*)\r?\n",
    regex.I)


@dataclass(frozen=True, eq=False)
class TextView:
    """A document, read once. Build it with `TextView.of`.

    `deadline` is the `time.monotonic()` value the scan of this document must end by
    (None: no limit); a recognizer checks it between its passes.
    """

    text: str
    words: frozenset[str]  # every lower-case word token (\\w+)
    longest_token: int  # the longest run of non-white-space characters
    digit_runs: tuple[tuple[int, int], ...]  # (start, length) of each maximal ASCII digit run
    longest_digit_run: int
    deadline: float | None = field(default=None, compare=False)
    run_lengths: frozenset[int] = frozenset()  # the lengths of those runs

    @classmethod
    def of(cls, text: str, deadline: float | None = None) -> TextView:
        runs = tuple((m.start(), m.end() - m.start()) for m in _DIGIT_RUN_RE.finditer(text))
        lengths = frozenset(n for _, n in runs)
        return cls(text, frozenset(_WORD_RE.findall(text.lower())),
                   max(map(len, text.split()), default=0), runs,
                   max(lengths, default=0), deadline, lengths)

    @cached_property
    def joints(self) -> frozenset[str]:
        """The characters that stand alone between two digit runs ("07/31": "/")."""
        runs, text = self.digit_runs, self.text
        return frozenset(text[start + length] for (start, length), (following, _) in
                         itertools.pairwise(runs) if following == start + length + 1)

    @cached_property
    def sentence_ends(self) -> tuple[list[int], list[int]]:
        """Where each sentence end begins and finishes (found when first asked)."""
        begins, finishes = [], []
        for match in _SENTENCE_END_RE.finditer(self.text):
            begins.append(match.start())
            finishes.append(match.end())
        return begins, finishes

    @cached_property
    def windows(self) -> dict[tuple[int, int, int, int, int], tuple[tuple[str, ...], tuple[str, ...]]]:
        """Context windows already cut from this document (`piiscan.context` fills it:
        the same value is often a candidate for several types)."""
        return {}
