"""The span-merging policy: properties that hold for any candidates."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from piiscan import DEFAULT_SCANNER, EntityType
from piiscan.context import DEFAULT_POLICY, Context, apply_context
from piiscan.entities import Span, Verdict
from piiscan.scoring import resolve

TYPES = [t.value for t in EntityType]


@st.composite
def candidates(draw):
    count = draw(st.integers(0, 30))
    result = []
    for _ in range(count):
        start = draw(st.integers(0, 200))
        end = start + draw(st.integers(1, 40))
        result.append(Span(start, end, draw(st.sampled_from(TYPES)),
                           draw(st.floats(0, 1, allow_nan=False)),
                           verdict=draw(st.sampled_from(list(Verdict)))))
    return result


@given(candidates(), st.floats(0, 1))
def test_resolved_spans_never_overlap_and_are_sorted(spans, threshold):
    kept = resolve(spans, threshold)
    assert all(a.end <= b.start for a, b in itertools.pairwise(kept))
    assert all(s.score >= threshold for s in kept)
    assert {(s.start, s.end, s.type) for s in kept} <= {(c.start, c.end, c.type) for c in spans}


@given(candidates())
def test_a_plausible_span_scores_at_least_as_high_as_same_type_spans_inside_it(spans):
    from piiscan.scoring import CONTAINER_FLOOR
    for kept in resolve(spans, 0.0):
        own = max(c.score for c in spans if (c.start, c.end, c.type) == (kept.start, kept.end, kept.type))
        inside = [c.score for c in spans if c.type == kept.type
                  and kept.start <= c.start and c.end <= kept.end]
        assert kept.score == (max(inside) if own >= CONTAINER_FLOOR else own)


@given(candidates(), st.floats(0, 1), st.randoms(use_true_random=False))
def test_resolution_is_deterministic_whatever_the_input_order(spans, threshold, rnd):
    shuffled = list(spans)
    rnd.shuffle(shuffled)
    assert resolve(spans, threshold) == resolve(shuffled, threshold)


@given(candidates(), st.floats(0, 1))
def test_every_dropped_candidate_lost_to_a_kept_one_or_the_threshold(spans, threshold):
    kept = resolve(spans, threshold)
    for span in spans:
        if span in kept or span.score < threshold:
            continue
        assert any(k.overlaps(span) and k.score >= span.score for k in kept)


def test_ties_go_to_specificity_then_length_then_type_order():
    valid = Span(0, 10, "INTERNATIONAL_BANK_ACCOUNT_NUMBER", 0.8, verdict=Verdict.VALID)
    guess = Span(0, 10, "BANK_ACCOUNT_NUMBER", 0.8, verdict=Verdict.UNCHECKED)
    assert resolve([guess, valid], 0.5) == [valid]
    longer = Span(0, 12, "PHONE", 0.8)
    shorter = Span(2, 10, "SSN", 0.8)
    assert resolve([shorter, longer], 0.5) == [longer]
    first = Span(0, 10, "BANK_ACCOUNT_NUMBER", 0.8)
    second = Span(0, 10, "BANK_ROUTING", 0.8)
    assert resolve([second, first], 0.5) == [first]


def test_context_matches_whole_tokens_not_substrings():
    context = Context(words=("lic",), boost=0.4)
    span = Span(10, 18, "DRIVER_ID", 0.2)
    assert apply_context("duplicate D1234567", span, context, DEFAULT_POLICY).score == 0.2
    near = Span(8, 16, "DRIVER_ID", 0.2)
    assert apply_context("lic no: D1234567", near, context, DEFAULT_POLICY).score > 0.5


def test_penalty_words_lower_scores_but_not_inside_a_matched_phrase():
    span = Span(6, 15, "X", 0.8)
    plain = Context(words=("tax reference",))
    assert apply_context("order 123456789", span, plain, DEFAULT_POLICY).score < 0.5
    ref = Context(words=("order number",), boost=0.1)
    assert apply_context("order 123456789", span, ref, DEFAULT_POLICY).score < 0.8


def test_context_window_stops_at_the_sentence_end():
    span = Span(33, 42, "X", 0.2)
    text = "The routing number is attached. 111000025 visitors"
    context = Context(words=("routing number",), boost=0.5)
    assert apply_context(text, span, context, DEFAULT_POLICY).score == 0.2


@given(st.text(max_size=300))
def test_engine_output_is_in_bounds_sorted_and_disjoint(text):
    found = DEFAULT_SCANNER.find(text)
    assert all(0 <= s.start < s.end <= len(text) for s in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert all(0.0 <= s.score <= 1.0 for s in found)
    assert DEFAULT_SCANNER.find(text) == found
