"""The skips are safe: a pattern is never skipped, nor tried at too few places, where it
would match."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from piiscan.recognizers import DEFAULT
from piiscan.recognizers.base import PatternRecognizer, _at_digit_runs
from piiscan.testing.hostile import FAMILY, text
from piiscan.view import TextView
from tests.recognizers.test_engines import TEXTS

PATTERNS = [(recognizer, pattern) for recognizer in DEFAULT if isinstance(recognizer, PatternRecognizer)
            for pattern in recognizer.patterns]
DIGIT_LED = [pytest.param(p, id=f"{r.name}:{p.name}") for r, p in PATTERNS if p.digit_led]
GATED = [pytest.param(r, p, id=f"{r.name}:{p.name}") for r, p in PATTERNS
         if p.needs or p.min_token or p.min_digits]
HOSTILE = [text(unit, 600) for unit in FAMILY]
DIGIT_SOUP = st.text(alphabet=st.sampled_from("0123456789 -/.:+()AaBbXxMmPpé٣\n"), max_size=80)


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def test_many_patterns_are_digit_led_and_many_are_gated():
    assert len(DIGIT_LED) >= 8 and len(GATED) >= 10


@pytest.mark.parametrize("pattern", DIGIT_LED)
def test_a_digit_led_pattern_finds_at_digit_runs_what_it_finds_anywhere(pattern):
    for document in [*TEXTS, *HOSTILE]:
        assert _spans(_at_digit_runs(pattern.compile(), TextView.of(document))) == \
            _spans(pattern.compile().finditer(document)), document[:80]


@pytest.mark.parametrize("pattern", DIGIT_LED)
@settings(max_examples=60, deadline=None)
@given(text=DIGIT_SOUP)
def test_a_digit_led_pattern_agrees_on_digit_soup(pattern, text):
    assert _spans(_at_digit_runs(pattern.compile(), TextView.of(text))) == \
        _spans(pattern.compile().finditer(text))


@pytest.mark.parametrize(("recognizer", "pattern"), GATED)
def test_a_gate_never_skips_a_document_the_pattern_matches(recognizer, pattern):
    """(`requires`, `only_with` and `excluded_by` are conditions of meaning, not skips.)"""
    for document in [*TEXTS, *HOSTILE]:
        if pattern.compile().search(document) is not None:
            assert pattern in recognizer.patterns_to_run(TextView.of(document)), document[:80]


@pytest.mark.parametrize(("recognizer", "pattern"), GATED)
@settings(max_examples=40, deadline=None)
@given(text=DIGIT_SOUP)
def test_a_gate_never_skips_digit_soup_the_pattern_matches(recognizer, pattern, text):
    if pattern.compile().search(text) is not None:
        assert pattern in recognizer.patterns_to_run(TextView.of(text))


def test_the_view_counts_ascii_digit_runs_only():
    view = TextView.of("٣٣٣ 12a3456 ４５")
    assert view.digit_runs == ((4, 2), (7, 4)) and view.longest_digit_run == 4
