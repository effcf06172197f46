"""Every entity type: its positives are found with exact offsets, its look-alikes are not."""

import pytest

from piiscan import DEFAULT_SCANNER, EntityType
from piiscan.testing.markup import parse
from tests.recognizers.cases import NEGATIVES, POSITIVES

POSITIVE_CASES = [(t, case) for t, cases in POSITIVES.items() for case in cases]
NEGATIVE_CASES = [(t, case) for t, cases in NEGATIVES.items() for case in cases]


def test_every_type_has_five_positives_and_five_negatives():
    for entity_type in EntityType:
        assert len(POSITIVES[entity_type.value]) >= 5, entity_type
        assert len(NEGATIVES[entity_type.value]) >= 5, entity_type


@pytest.mark.parametrize(("entity_type", "marked"), POSITIVE_CASES)
def test_positive_found_with_exact_offsets(entity_type, marked):
    document = parse(marked)
    found = {(s.start, s.end, s.type) for s in DEFAULT_SCANNER.find(document.text)}
    for planted in document.entities:
        assert planted.type == entity_type
        assert (planted.begin, planted.end, planted.type) in found, (
            document.text, planted.value, sorted(found))


@pytest.mark.parametrize(("entity_type", "text"), NEGATIVE_CASES)
def test_look_alike_not_reported(entity_type, text):
    reported = [(s.text(text), s.type) for s in DEFAULT_SCANNER.find(text) if s.type == entity_type]
    assert reported == []
