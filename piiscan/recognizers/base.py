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
from functools import lru_cache
from types import ModuleType
from typing import Protocol, TypeAlias

import regex

from piiscan.entities import Span, Verdict

Validator = Callable[[str], bool]
Regex: TypeAlias = "regex.Pattern[str] | re.Pattern[str]"


@dataclass(frozen=True, slots=True)
class Context:
    """Words near a candidate that raise its score (whole tokens, case-insensitive).

    `words` are phrases such as ``"routing number"`` or ``"account no."``; each is split
    into word tokens and matched as a token sequence in the window around the candidate,
    so ``"lic"`` never matches inside ``"duplicate"``. `boost` is added once when any
    phrase is present. `negative` adds phrases to the shared penalty words of
    `piiscan.scoring.ContextPolicy` for this recognizer only; `shared_penalties=False`
    turns those shared words off (they are meant for numbers, not for names).
    `words_before` narrows the window for values that must follow their cue closely.
    """

    words: tuple[str, ...] = ()
    boost: float = 0.35
    negative: tuple[str, ...] = ()
    shared_penalties: bool = True
    words_before: int | None = None  # None: the policy's window; cue-bound types use less


NO_CONTEXT = Context()


class Recognizer(Protocol):
    """Anything that yields candidate spans for one entity type."""

    @property
    def name(self) -> str: ...

    @property
    def entity(self) -> str: ...

    @property
    def context(self) -> Context: ...

    def find(self, text: str) -> Iterator[Span]: ...


_WORD_RE = regex.compile(r"\w+")


@lru_cache(maxsize=8)
def document_words(text: str) -> frozenset[str]:
    """Every lower-case word token of `text`: which cue words can occur at all.

    Cached for the last few texts, so the recognizers of one scan share one pass.
    """
    return frozenset(_WORD_RE.findall(text.lower()))


@lru_cache(maxsize=8)
def longest_token(text: str) -> int:
    """Length of the longest run of non-white-space characters (cached per text)."""
    return max(map(len, text.split()), default=0)


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


def ceiling(recognizer: Recognizer) -> float:
    """The highest score `recognizer` can give before context (1.0 when it does not say)."""
    return float(getattr(recognizer, "ceiling", 1.0))


@dataclass(frozen=True, slots=True)
class Pattern:
    """One way a value is written.

    `score` is given when the recognizer has no validator or `validated` is False;
    otherwise a passing value gets `valid_score` (default: `score`) and a failing one
    `invalid_score` (0 drops it). `group` names the part of the match that is the value,
    so a cue such as ``CVV`` can be matched without being reported. A pattern that only
    matches after a cue word names those words (lower case) in `requires`, and one that
    cannot match without some character or string names them in `needs`; texts without
    any of them are not scanned at all; nor are texts whose longest white-space-free
    token is shorter than `min_token`, nor texts holding a word of `excluded_by` (where
    the same shape means something else: readings in tens in clinical notes). `trim` handles greedy matches that swallow the
    next word (``GB82 WEST ... 32 ABA``): while a value fails validation, the trailing
    piece `trim` matches is dropped and the rest validated again. A `guarded` pattern
    (a user's, which may backtrack) gets the rest of the time limit as its `regex`
    timeout; the built-in patterns are linear (benchmarks/adversarial.py), so for them a
    deadline is only checked before each scan, which costs nothing while scanning.
    """

    name: str
    regex: Regex
    score: float
    valid_score: float | None = None
    invalid_score: float = 0.0
    group: int | str = 0
    validated: bool = True
    requires: frozenset[str] = frozenset()  # a cue word the text must contain, else skip
    excluded_by: frozenset[str] = frozenset()  # words of texts where it means something else
    needs: tuple[str, ...] = ()  # a substring the text must contain, else skip
    trim: Regex | None = None  # a trailing piece to drop when validation fails
    min_token: int = 0  # a match is one white-space-free token at least this long
    guarded: bool = False  # may backtrack (a user's pattern): scans stop at the deadline
    ceiling: float = field(init=False, repr=False, compare=False)  # the best score it gives

    def __post_init__(self) -> None:
        object.__setattr__(self, "ceiling", max(self.score, self.valid_score or 0.0))


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

    def find(self, text: str, min_base: float = 0.0, deadline: float | None = None
             ) -> Iterator[Span]:
        """Yield one candidate per pattern match, scored by the validator's verdict.

        Patterns that cannot score `min_base` are not run (the scanner passes the lowest
        score that context could still lift over its threshold). With a `deadline` (a
        `time.monotonic()` value), no pattern starts after it and `regex` patterns stop
        at it: `TimeoutError` is raised (`Scanner.find` turns it into its own error).
        """
        for pattern in self.patterns_to_run(text, min_base):
            for match in _scan(pattern, text, deadline):
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

    def patterns_to_run(self, text: str, min_base: float = 0.0) -> Iterator[Pattern]:
        """The patterns `find` scans `text` with: those that can score `min_base` and
        whose cue words, needed strings and token length `text` has."""
        words: frozenset[str] = frozenset()
        for pattern in self.patterns:
            if pattern.ceiling < min_base - 1e-9:  # float-safe
                continue
            if pattern.requires or pattern.excluded_by:
                words = words or document_words(text)
                if pattern.requires and pattern.requires.isdisjoint(words):
                    continue
                if not pattern.excluded_by.isdisjoint(words):
                    continue
            if pattern.needs and not any(needle in text for needle in pattern.needs):
                continue
            if pattern.min_token and longest_token(text) < pattern.min_token:
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


def _scan(pattern: Pattern, text: str, deadline: float | None
          ) -> Iterable[re.Match[str] | regex.Match[str]]:
    """`finditer`, not started after `deadline`; a guarded `regex` pattern also stops at it
    (the `regex` module's timeout, which reads the clock as it scans)."""
    compiled = pattern.regex
    if deadline is None or (not pattern.guarded and len(text) < CLOCK_FROM_CHARACTERS):
        return compiled.finditer(text)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("the time limit was reached before the pattern ran")
    if not pattern.guarded or isinstance(compiled, re.Pattern):
        return compiled.finditer(text)
    return compiled.finditer(text, timeout=remaining)


def found(recognizer: Recognizer, text: str, min_score: float = 0.5) -> list[str]:
    """The values `recognizer` alone reports in `text`, after context and overlaps.

    Meant for doctests: it runs the same scoring as `Scanner`, with one recognizer.
    """
    from piiscan.scoring import DEFAULT_POLICY, ContextIndex, apply_context, resolve

    index = ContextIndex.build(recognizer.context, DEFAULT_POLICY)
    candidates = [apply_context(text, span, index) for span in recognizer.find(text)]
    return [span.text(text) for span in resolve(candidates, min_score)]


def stdnum_check(module: ModuleType) -> Validator:
    """Wrap a python-stdnum module's `is_valid` as a validator (a named function)."""
    is_valid: Validator = module.is_valid
    return is_valid
