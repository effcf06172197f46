"""Hostile text: the engine stays linear, and a time limit bounds any one document.

The ratio test is the fast subset of `benchmarks/adversarial.py`: inputs that once took
minutes (one ADDRESS pattern backtracked quadratically on letter runs glued by ``-``,
``.`` or ``'``; overlap resolution copied a list per span). Ten times the text must
take at most 15 times as long (linear is 10). Each figure is CPU time, the best of
several runs of the two sizes interleaved, and the smaller one counts as at least 20 ms, so neither other work on the machine
nor the timer's grain on a few milliseconds fails it (the quadratic cases took 100 times
as long and more). It judges a ratio, never a speed.
"""

import gc
import time

import pytest
import regex

from piiscan import Scanner, custom_recognizer
from piiscan.errors import InternalServerException, TimeLimitExceededException
from piiscan.recognizers.base import CLOCK_FROM_CHARACTERS
from piiscan.testing.hostile import FAMILY, text

SUBSET = ("Ab-", "Mr.", "Jean-Pierre-", "A'", "A’", ".Z.Z.Z", "'WA", "Box'", "Jan 1 ",
          "Smith, ", "P.O. Box ", "1 Main St ", "a\nS", "GB82", "3/14 ", "DR ")
MAX_RATIO = 15
SCANNER = Scanner(time_limit=None)


def cpu_seconds(document: str) -> float:
    """CPU seconds of the engine alone: the garbage collector is paused, since its passes
    over the test process's own objects (pytest, Hypothesis) grow with what else lives."""
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        SCANNER.find(document)
        return time.process_time() - started
    finally:
        gc.enable()


def best_times(small: str, large: str, rounds: int = 3) -> tuple[float, float]:
    """The best of `rounds` runs of each, interleaved, so a busy spell of the machine
    slows both sizes alike rather than one."""
    smalls, larges = [], []
    for _ in range(rounds):
        smalls.append(cpu_seconds(small))
        larges.append(cpu_seconds(large))
        smalls.append(cpu_seconds(small))
    return min(smalls), min(larges)


def test_the_subset_is_part_of_the_family():
    assert set(SUBSET) <= set(FAMILY)


@pytest.mark.parametrize("unit", SUBSET)
def test_ten_times_the_text_takes_at_most_fifteen_times_as_long(unit):
    SCANNER.find("warm up: John Smith, 1 Main St, Seattle, WA 98109")
    small, large = best_times(text(unit, 10_000), text(unit, 100_000))
    assert large / max(small, 0.02) <= MAX_RATIO, (unit, small, large)


def test_hostile_text_keeps_exact_offsets():
    document = text("Ab-", 30_000) + " SSN 212-67-4013 " + text("Mr.", 30_000)
    found = [(s.start, s.end, s.type) for s in SCANNER.find(document) if s.type == "SSN"]
    assert found == [(30_005, 30_016, "SSN")]


def test_time_limit_stops_a_backtracking_custom_pattern():
    slow = custom_recognizer("SLOW_ID", r"(?:x+x+)+y")
    scanner = Scanner(custom_recognizers=(slow,), entity_types=["SLOW_ID"], time_limit=0.2)
    started = time.monotonic()
    with pytest.raises(TimeLimitExceededException, match=r"time limit of 0\.2 s") as caught:
        scanner.find("x" * 5_000)
    assert time.monotonic() - started < 5
    assert isinstance(caught.value, InternalServerException)
    assert isinstance(caught.value, TimeoutError)
    assert caught.value.code == "InternalServerException"
    assert "x" * 20 not in str(caught.value)  # the message never quotes the document


def test_time_limit_applies_between_recognizers_on_long_texts():
    long_text = "Call John Smith at 206-555-0100 " * 700  # past CLOCK_FROM_CHARACTERS
    assert len(long_text) >= CLOCK_FROM_CHARACTERS
    with pytest.raises(TimeLimitExceededException):
        Scanner(time_limit=1e-9).find(long_text)
    # a short text is not clocked for the built-in (linear) patterns: it takes milliseconds
    assert Scanner(time_limit=1e-9).find("SSN 212-67-4013")[0].type == "SSN"


def test_no_time_limit_and_bad_limits():
    assert Scanner(time_limit=None).find("SSN 212-67-4013")[0].type == "SSN"
    for bad in (0, -1, True, "30"):
        with pytest.raises(ValueError, match="time_limit"):
            Scanner(time_limit=bad)


def test_the_slow_pattern_is_really_slow_without_a_limit():
    # guards the test above: the pattern must backtrack, or the limit proves nothing
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        regex.compile(r"(?:x+x+)+y").search("x" * 5_000, timeout=0.5)
    assert time.monotonic() - started < 5
