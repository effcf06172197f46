"""The skips are safe: a pattern is never skipped, nor tried at too few places, where it
would match."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from piiscan.recognizers import DEFAULT
from piiscan.recognizers.base import PatternRecognizer, _at_digit_runs, _in_regions
from piiscan.testing.hostile import FAMILY, text
from piiscan.view import TextView
from tests.recognizers.test_engines import TEXTS

PATTERNS = [(recognizer, pattern) for recognizer in DEFAULT if isinstance(recognizer, PatternRecognizer)
            for pattern in recognizer.patterns]
DIGIT_LED = [pytest.param(p, id=f"{r.name}:{p.name}") for r, p in PATTERNS if p.digit_led]
REGIONED = [pytest.param(p, id=f"{r.name}:{p.name}") for r, p in PATTERNS if p.regions]
GATED = [pytest.param(r, p, id=f"{r.name}:{p.name}") for r, p in PATTERNS
         if p.needs or p.min_token or p.min_digits or p.run_lengths or p.joints]
HOSTILE = [text(unit, 600) for unit in FAMILY]
EXTRA = ["the shift ends 17:45 sharp"]  # a bare H:MM, which no engine text holds
DIGIT_SOUP = st.text(alphabet=st.sampled_from("0123456789 -/.:+()AaBbXxMmPpé٣\n"), max_size=80)


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def test_many_patterns_are_digit_led_and_many_are_gated():
    assert len(DIGIT_LED) >= 8 and len(GATED) >= 10 and REGIONED


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


def _meant(pattern, view: TextView) -> bool:
    """Do the pattern's conditions of meaning (`requires`, `only_with`, `excluded_by`),
    which are no skips, let it run on this view?"""
    return (not pattern.requires or not pattern.requires.isdisjoint(view.words)) and \
        (not pattern.only_with or any(s in view.text for s in pattern.only_with)) and \
        pattern.excluded_by.isdisjoint(view.words)


def _runs(recognizer, pattern, document: str) -> bool:
    view = TextView.of(document)
    return not _meant(pattern, view) or pattern in recognizer.patterns_to_run(view)


ADDRESS_SOUP = st.lists(st.sampled_from([
    *"0123456789 \t,.-\n'’", "Main", "St", "Springfield", "IL", "CA", "Ave", "Buford", "Street",
    "é", "Ünter", "x", "62704", "1234", "787011234"]), max_size=40).map("".join)


def _in_regions_of(pattern, document: str):
    view = TextView.of(document)
    return _in_regions(pattern.compile(), view, pattern.regions(view))


@pytest.mark.parametrize("pattern", REGIONED)
def test_a_pattern_with_regions_finds_in_them_what_it_finds_anywhere(pattern):
    documents = [*TEXTS, *HOSTILE, *EXTRA, "Springfield, IL 62704 and Buford Street, Shellman, GA 39886",
                 "a 1 Main St, Springfield,\tIL\t62704-1234 b Austin, TX 787011234 c Reno, NV 89501x",
                 "Springfield, IL 62704-1234x", "Austin, TX 78701-12345"]  # the ZIP's +4 refused
    assert sum(bool(_spans(pattern.compile().finditer(d))) for d in documents) >= 3
    for document in documents:
        assert _spans(_in_regions_of(pattern, document)) == \
            _spans(pattern.compile().finditer(document)), document[:80]


@pytest.mark.parametrize("pattern", REGIONED)
@settings(max_examples=200, deadline=None)
@given(text=ADDRESS_SOUP)
def test_a_pattern_with_regions_agrees_on_address_soup(pattern, text):
    assert _spans(_in_regions_of(pattern, text)) == _spans(pattern.compile().finditer(text))


@pytest.mark.parametrize(("recognizer", "pattern"), GATED)
def test_a_gate_never_skips_a_document_the_pattern_matches(recognizer, pattern):
    for document in [*TEXTS, *HOSTILE, *EXTRA]:
        if pattern.compile().search(document) is not None:
            assert _runs(recognizer, pattern, document), document[:80]


@pytest.mark.parametrize(("recognizer", "pattern"), GATED)
def test_every_gate_is_tried_on_a_document_the_pattern_matches(recognizer, pattern):
    """The test above says something about each gate: some document holds a match."""
    assert any(pattern.compile().search(d) and _meant(pattern, TextView.of(d))
               for d in [*TEXTS, *EXTRA])


@pytest.mark.parametrize(("recognizer", "pattern"), GATED)
@settings(max_examples=40, deadline=None)
@given(text=DIGIT_SOUP)
def test_a_gate_never_skips_digit_soup_the_pattern_matches(recognizer, pattern, text):
    if pattern.compile().search(text) is not None:
        assert _runs(recognizer, pattern, text)


def test_the_view_counts_ascii_digit_runs_only():
    view = TextView.of("٣٣٣ 12a3456 ４５")
    assert view.digit_runs == ((4, 2), (7, 4)) and view.longest_digit_run == 4
    assert view.run_lengths == {2, 4}


def _pattern(recognizer_name: str, pattern_name: str):
    return next((r, p) for r, p in PATTERNS if r.name == recognizer_name and p.name == pattern_name)


@pytest.mark.parametrize(("recognizer", "pattern", "document", "skipped"), [
    ("ssn", "3-2-4", "SSN 212-67-4013", False),
    ("ssn", "3-2-4", "SSN 212-674-013", True),  # no run of two digits
    ("ssn", "3-2-4", "ref 2125-67-4013", True),  # no run of three
    ("address", "city, state ZIP", "Springfield, IL 62704", False),
    ("address", "city, state ZIP", "Springfield, IL 62704-1234", False),
    ("address", "city, state ZIP", "Springfield, IL 627041", True),  # six digits: no ZIP
    ("date_time", "numeric date", "due 07/31/2024", False),
    ("date_time", "numeric date", "due 07 / 31 / 2024 and 5-a", True),  # no digits joined
])
def test_run_lengths_and_joints_skip_texts_without_them(recognizer, pattern, document, skipped):
    found, wanted = _pattern(recognizer, pattern)
    assert (wanted not in found.patterns_to_run(TextView.of(document))) is skipped
