"""The recognizer protocol and the pattern recognizer most entity types use.

A recognizer is a pure function of the text: it yields candidate `Span`s with a base
score and a validation verdict, and declares the `Context` words that may move that
score. Scoring, overlap resolution and the threshold happen later (`piiscan.scoring`).

`PatternRecognizer` holds one or more `Pattern`s (a compiled `regex`, the value group and
the scores to give), plus an optional validator, usually a python-stdnum `is_valid`.
The validator is a confidence signal, never a filter on its own (spec §2.4): a failing
value gets `Pattern.invalid_score`, which context words may lift over the threshold.

>>> from piiscan.entities import EntityType
>>> import regex
>>> DIGITS = PatternRecognizer(
...     name="demo", entity="DEMO_ID",
...     patterns=(Pattern("eight digits", regex.compile(r"\\b[0-9]{8}\\b"), score=0.6),),
... )
>>> found(DIGITS, "id 12345678 and 1234")
['12345678']
>>> found(DIGITS, "id 1234567")
[]
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Protocol, TypeAlias

import regex

from piiscan.context import DEFAULT_POLICY, NO_CONTEXT, Context, ContextIndex, apply_context
from piiscan.entities import Span, Verdict
from piiscan.scoring import resolve
from piiscan.view import TextView

Validator = Callable[[str], bool]
Regex: TypeAlias = "regex.Pattern[str] | re.Pattern[str]"


class Recognizer(Protocol):
    """Anything that yields candidate spans for one entity type.

    `find` reads one document's `TextView` and may skip every candidate whose base score
    is below `floor` (the lowest score context could still lift over the threshold);
    `ceiling` is the highest base score it ever gives, so a scanner can skip it entirely.
    """

    @property
    def name(self) -> str: ...

    @property
    def entity(self) -> str: ...

    @property
    def context(self) -> Context: ...

    @property
    def ceiling(self) -> float: ...

    def find(self, view: TextView, floor: float = 0.0) -> Iterator[Span]: ...


def caseless(*words: str) -> str:
    """An alternation matching each word in lower, Title and UPPER case.

    Much faster than ``(?i)`` in the `regex` module; words may hold regex syntax
    for separators (``\\s+``), which the case changes leave alone.

    >>> caseless("pin", "pin code")
    '(?:pin|Pin|PIN|pin code|Pin code|PIN CODE)'
    """
    forms: list[str] = []
    for word in words:
        for form in (word, word[:1].upper() + word[1:], word.upper().replace("\\S", "\\s")):
            if form not in forms:
                forms.append(form)
    return "(?:" + "|".join(forms) + ")"


def fast_compile(pattern: str) -> re.Pattern[str]:
    """Compile with the standard library's `re` instead of `regex`.

    For patterns without a literal first character (``(?<![\\w/.:-])(?:0?[1-9]|1[0-2])...``),
    `re` scans 1.5-4x faster than `regex`; for most others `regex` is faster. The
    recognizers use this for the patterns measured faster here, and
    `tests/recognizers/test_engines.py` checks that both engines find the same spans.

    >>> fast_compile(r"(?<![0-9])[0-9]{2}/[0-9]{2}").findall("on 07/31 not 107/31")
    ['07/31']
    """
    return re.compile(pattern)


@dataclass(frozen=True, slots=True)
class Pattern:
    """One way a value is written.

    `score` is given when the recognizer has no validator or `validated` is False;
    otherwise a passing value gets `valid_score` (default: `score`) and a failing one
    `invalid_score` (0 drops it). `group` names the part of the match that is the value,
    so a cue such as ``CVV`` can be matched without being reported.

    Two kinds of document conditions. Conditions of meaning: a pattern that only means
    its type in a text with a cue word names those words (lower case) in `requires`, one
    looked for only in texts holding some string names it in `only_with`, and one whose
    shape means something else in texts with certain words names them in `excluded_by`
    (readings in tens in clinical notes). Skips, which never change an answer
    (`tests/recognizers/test_skips.py` checks): a string no match can lack (`needs`), the
    shortest white-space-free token a match is (`min_token`), the shortest digit run a
    match holds (`min_digits`), the lengths its maximal digit runs can have
    (`run_lengths`), a character that joins two of its digit runs (`joints`). A pattern
    opening with a digit lookahead and a lookbehind refusing a digit is tried only where
    digit runs start (`digit_led`), and one whose matches can only lie in some pieces of a
    text scans those alone (`regions`).

    `trim` handles greedy matches that swallow the next word (``GB82 WEST ... 32 ABA``): while a value fails validation, the trailing
    piece `trim` matches is dropped and the rest validated again. A `guarded` pattern
    (a user's, which may backtrack) gets the rest of the time limit as its `regex`
    timeout; the built-in patterns are linear (benchmarks/adversarial.py), so for them a
    deadline is only checked before each scan, which costs nothing while scanning.

    `regex` is a compiled pattern, or its source for the `regex` module, compiled the
    first time a document needs the pattern (`compile()`): the `regex` module's
    compiler is Python, and the long address and date patterns cost tenths of a second
    at import that a program scanning a few texts never needs.
    """

    name: str
    regex: Regex | str
    score: float
    valid_score: float | None = None
    invalid_score: float = 0.0
    group: int | str = 0
    validated: bool = True
    requires: frozenset[str] = frozenset()  # a cue word the text must contain, else skip
    excluded_by: frozenset[str] = frozenset()  # words of texts where it means something else
    needs: tuple[str, ...] = ()  # a substring no match can lack: texts without any are skipped
    only_with: tuple[str, ...] = ()  # looked for only in texts holding one of these strings
    trim: Regex | None = None  # a trailing piece to drop when validation fails
    min_token: int = 0  # a match is one white-space-free token at least this long
    min_digits: int = 0  # a match holds a run of at least this many digits
    #: a match holds, for each set, a maximal digit run whose length is in that set
    #: (the 3-2-4 of an SSN: three, then two, then four digits, no digit beside them)
    run_lengths: tuple[frozenset[int], ...] = ()
    joints: str = ""  # a match holds two digit runs with one of these characters between
    guarded: bool = False  # may backtrack (a user's pattern): scans stop at the deadline
    #: every match starts where a run of digits starts (each branch opens with a digit
    #: lookahead and a lookbehind refusing a digit), so it is tried only there: declared
    #: for the patterns whose opening is costly to test at every place (measured faster)
    digit_led: bool = False
    #: where in a document every match lies: (start, end) pieces in order, each ending far
    #: enough past its matches for the pattern's lookaheads; scanned alone (None: all of it)
    regions: Callable[[TextView], Iterable[tuple[int, int]]] | None = None
    ceiling: float = field(init=False, repr=False, compare=False)  # the best score it gives
    compiled: Regex | None = field(init=False, repr=False, compare=False)  # None until used

    def __post_init__(self) -> None:
        object.__setattr__(self, "ceiling", max(self.score, self.valid_score or 0.0))
        object.__setattr__(self, "compiled", None if isinstance(self.regex, str) else self.regex)

    def compile(self) -> Regex:
        """The compiled pattern, compiled now if it was given as source."""
        compiled = self.compiled
        if compiled is None:
            compiled = regex.compile(self.regex) if isinstance(self.regex, str) else self.regex
            object.__setattr__(self, "compiled", compiled)  # the same pattern, whoever wins
        return compiled


@dataclass(frozen=True, slots=True)
class PatternRecognizer:
    """Regular expressions plus an optional validator plus context words.

    `drop_tail` matches, at the end of a match, what ends it without being part of the
    value (an address's sentence full stop): it is cut from every match it ends.
    """

    name: str
    entity: str
    patterns: tuple[Pattern, ...]
    validate: Validator | None = None
    context: Context = NO_CONTEXT
    drop_tail: Regex | None = None  # what ends a match but is never part of the value

    @property
    def ceiling(self) -> float:
        """The highest base score any pattern can give."""
        return max(p.ceiling for p in self.patterns)

    def find(self, view: TextView, floor: float = 0.0) -> Iterator[Span]:
        """Yield one candidate per pattern match, scored by the validator's verdict.

        Patterns that cannot score `floor` are not run (the scanner passes the lowest
        score that context could still lift over its threshold). With a deadline in the
        view (a `time.monotonic()` value), no pattern starts after it and `regex`
        patterns stop at it: `TimeoutError` is raised (`Scanner.find` turns it into its
        own error).
        """
        for pattern in self.patterns_to_run(view, floor):
            for match in _scan(pattern, view):
                start, end = match.span(pattern.group)
                if start < 0 or start == end:
                    continue
                value = match.group(pattern.group)
                if self.drop_tail is not None and \
                        (tail := self.drop_tail.search(value)) is not None and tail.start() > 0:
                    value = value[: tail.start()]
                    end = start + len(value)
                verdict, score = self._judge(pattern, value)
                if verdict is Verdict.INVALID and pattern.trim is not None:
                    trimmed = self._trim(pattern, value)
                    if trimmed is not None:
                        end = start + len(trimmed)
                        verdict, score = self._judge(pattern, trimmed)
                if score > 0:
                    yield Span(start, end, self.entity, score, self.name, verdict, (), score)

    def patterns_to_run(self, view: TextView, floor: float = 0.0) -> Iterator[Pattern]:
        """The patterns `find` scans `view` with: those that can score `floor` and whose
        cue words, needed strings, token length and digit runs the document has."""
        words, text, lowest = view.words, view.text, floor - 1e-9  # float-safe
        for pattern in self.patterns:
            if pattern.ceiling < lowest:
                continue
            if pattern.requires and pattern.requires.isdisjoint(words):
                continue
            if pattern.excluded_by and not pattern.excluded_by.isdisjoint(words):
                continue
            if pattern.needs and not _holds_any(text, pattern.needs):
                continue
            if pattern.only_with and not _holds_any(text, pattern.only_with):
                continue
            if pattern.min_token and view.longest_token < pattern.min_token:
                continue
            if pattern.min_digits and view.longest_digit_run < pattern.min_digits:
                continue
            if pattern.run_lengths and not _has_runs(view.run_lengths, pattern.run_lengths):
                continue
            if pattern.joints and view.joints.isdisjoint(pattern.joints):
                continue
            yield pattern

    def _trim(self, pattern: Pattern, value: str) -> str | None:
        assert pattern.trim is not None and self.validate is not None
        while (piece := pattern.trim.search(value)) is not None and piece.start() > 0:
            value = value[: piece.start()]
            if self.validate(value):
                return value
        return None

    def _judge(self, pattern: Pattern, value: str) -> tuple[Verdict, float]:
        if self.validate is None or not pattern.validated:
            return Verdict.UNCHECKED, pattern.score
        if self.validate(value):
            valid = pattern.score if pattern.valid_score is None else pattern.valid_score
            return Verdict.VALID, valid
        return Verdict.INVALID, pattern.invalid_score


#: Texts shorter than this are scanned by the built-in (linear) patterns without reading
#: the clock: at worst a fraction of a second, and the clock costs a few percent of the
#: time on short documents. Users' (guarded) patterns always get the deadline.
CLOCK_FROM_CHARACTERS = 20_000


def _has_runs(lengths: frozenset[int], wanted: tuple[frozenset[int], ...]) -> bool:
    """Does a text whose digit runs have `lengths` hold a run of each `wanted` kind?"""
    for kind in wanted:  # noqa: SIM110
        if lengths.isdisjoint(kind):
            return False
    return True


def _holds_any(text: str, needles: tuple[str, ...]) -> bool:
    """Does `text` hold one of `needles`? (A loop: cheaper than any() over a generator.)"""
    for needle in needles:  # noqa: SIM110
        if needle in text:
            return True
    return False


#: A digit-led pattern is tried at each digit run when runs are sparser than one per this
#: many characters; in digit-dense text one scan of the whole text is cheaper (a call per
#: run costs about as much as scanning 30 characters).
DIGIT_RUN_SPACING = 32


def _scan(pattern: Pattern, view: TextView) -> Iterable[re.Match[str] | regex.Match[str]]:
    """`finditer`, not started after the view's deadline; a guarded `regex` pattern also
    stops at it (the `regex` module's timeout, which reads the clock as it scans). A
    pattern with regions scans them alone; a digit-led pattern is tried only where a
    digit run starts, unless runs are dense."""
    compiled, text, deadline = pattern.compiled or pattern.compile(), view.text, view.deadline
    if deadline is not None and (pattern.guarded or len(text) >= CLOCK_FROM_CHARACTERS):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the time limit was reached before the pattern ran")
        if pattern.guarded and isinstance(compiled, regex.Pattern):
            return compiled.finditer(text, timeout=remaining)
    if pattern.regions is not None:
        return _in_regions(compiled, view, pattern.regions(view))
    if pattern.digit_led and len(view.digit_runs) * DIGIT_RUN_SPACING < len(text):
        return _at_digit_runs(compiled, view)
    return compiled.finditer(text)


def _in_regions(compiled: Regex, view: TextView,
                regions: Iterable[tuple[int, int]]) -> Iterator[re.Match[str] | regex.Match[str]]:
    """What `compiled.finditer` finds, for a pattern whose matches all lie in `regions`:
    each region scanned alone, from where the last match ended at the earliest (a
    lookbehind still sees the text before a region)."""
    text, reached = view.text, 0
    for start, end in regions:
        if end <= reached:
            continue
        for match in compiled.finditer(text, max(start, reached), end):
            reached = match.end()
            yield match


def _at_digit_runs(compiled: Regex, view: TextView) -> Iterator[re.Match[str] | regex.Match[str]]:
    """What `compiled.finditer` finds, for a pattern whose matches start only where a
    maximal digit run starts: tried at those places alone, one after another."""
    text, reached = view.text, 0
    for start, _ in view.digit_runs:
        if start < reached:
            continue
        match = compiled.match(text, start)
        if match is not None:
            reached = match.end()
            yield match


def found(recognizer: Recognizer, text: str, min_score: float = 0.5) -> list[str]:
    """The values `recognizer` alone reports in `text`, after context and overlaps.

    Meant for doctests: it runs the same scoring as `Scanner`, with one recognizer.
    """
    view = TextView.of(text)
    index = ContextIndex.build(recognizer.context, DEFAULT_POLICY)
    candidates = [apply_context(view, span, index) for span in recognizer.find(view)]
    return [span.text(text) for span in resolve(candidates, min_score)]


def stdnum_check(module: ModuleType) -> Validator:
    """Wrap a python-stdnum module's `is_valid` as a validator (a named function)."""
    is_valid: Validator = module.is_valid
    return is_valid
