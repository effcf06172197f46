"""Precision/recall/F1 counting under exact and overlap matching."""

from piiscan import Scanner
from piiscan.evaluate import Counts, evaluate


def record(text, entities, **extra):
    return {"id": "r", "text": text, "entities": [
        {"Type": t, "BeginOffset": b, "EndOffset": e} for t, b, e in entities], **extra}


def test_counts():
    counts = Counts(tp=3, fp=1, fn=2)
    assert (counts.precision, counts.recall) == (0.75, 0.6)
    assert round(counts.f1, 4) == 0.6667


def test_exact_versus_overlap():
    # gold span one character longer than what piiscan reports
    report = evaluate([record("SSN 212-67-4013.", [("SSN", 4, 16)])], Scanner())
    assert (report.exact["SSN"].tp, report.exact["SSN"].fp, report.exact["SSN"].fn) == (0, 1, 1)
    assert (report.overlap["SSN"].tp, report.overlap["SSN"].fp) == (1, 0)


def test_annotated_types_limit_what_counts():
    text = "SSN 212-67-4013, mail a@example.com"
    report = evaluate([record(text, [("SSN", 4, 15)], annotated_types=["SSN"])], Scanner())
    assert "EMAIL" not in report.overlap
    assert report.total("overlap").f1 == 1.0


def test_ignore_regions_are_not_false_positives():
    text = "follow @privacy_team"
    ignore = [{"BeginOffset": 7, "EndOffset": 20, "Types": ["USERNAME"]}]
    report = evaluate([record(text, [], ignore=ignore)], Scanner())
    assert report.total("overlap").fp == 0


def test_misses_are_listed_with_context():
    report = evaluate([record("nothing", [("NAME", 0, 7)])], Scanner())
    assert [(m.kind, m.type, m.text) for m in report.misses] == [("FN", "NAME", "nothing")]
