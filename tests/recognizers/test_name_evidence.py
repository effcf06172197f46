"""NAME's evidence table and its weights file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import piiscan
from piiscan import Scanner
from piiscan.recognizers import name_evidence
from piiscan.recognizers.name_evidence import (
    FEATURES,
    ROWS,
    WEIGHTS,
    NameWeights,
    WeightsMismatchError,
    load_weights,
    score,
)
from piiscan.recognizers.names import NAME
from piiscan.view import TextView


def test_every_feature_is_named_once():
    assert len(FEATURES) == len(set(FEATURES))
    assert set(WEIGHTS.values) == set(FEATURES)


def test_a_floor_lifts_the_sum_and_later_weights_add_to_it():
    assert score(("lone_unknown", "title_before"), WEIGHTS) == 0.75
    assert score(("lone_unknown", "title_before", "possessive_after"), WEIGHTS) == \
        0.75 + WEIGHTS["possessive_after"]


def test_rows_of_a_group_exclude_each_other():
    # a title and a naming cue both stand before "Okafor": only the title counts
    [candidate] = [c for c in NAME.candidates(TextView.of("Hello Dr. Okafor")) if c.start == 10]
    before = [f for f in candidate.evidence if f in {r.name for r in ROWS if r.group == "before"}]
    assert before == ["title_before"]


def test_a_place_reads_no_person_rows():
    [candidate] = NAME.candidates(TextView.of("We flew to Paris , who knew"))
    assert "place" in candidate.evidence and "who_after" not in candidate.evidence


def test_explain_names_the_rows_that_fired_with_their_weights():
    text = "Please call Dr. Zofia Wróblewska today."
    [entity] = Scanner().detect(text, explain=True)["Entities"]
    assert (entity["BeginOffset"], entity["EndOffset"]) == (16, 32)
    assert entity["Explanation"]["Evidence"] == [
        f"full_name {WEIGHTS['full_name']:+.2f}", f"first_given {WEIGHTS['first_given']:+.2f}",
        f"last_foreign {WEIGHTS['last_foreign']:+.2f}", f"title_before {WEIGHTS['title_before']:+.2f}"]


def test_other_types_explain_no_evidence():
    [entity] = Scanner().detect("SSN 212-67-4013", explain=True)["Entities"]
    assert entity["Explanation"]["Evidence"] == []


def test_weights_must_name_exactly_the_features():
    values = dict(WEIGHTS.values)
    del values["title_before"]
    values["title_after"] = 0.1
    with pytest.raises(WeightsMismatchError) as caught:
        NameWeights.checked(values, "w.json")
    message = str(caught.value)
    assert "w.json" in message and "name_evidence" in message
    assert "missing ['title_before']" in message and "unknown ['title_after']" in message


@pytest.mark.parametrize("document", ["[]", "{}", '{"weights": 3}', "not json",
                                      '{"weights": {"title_before": "high"}}'])
def test_a_malformed_weights_file_is_refused(document):
    with pytest.raises(WeightsMismatchError):
        load_weights(document, "w.json")


def test_weights_that_are_no_numbers_are_refused():
    values = {**WEIGHTS.values, "title_before": True}
    with pytest.raises(WeightsMismatchError, match="title_before"):
        NameWeights.checked(values, "w.json")


def test_a_mismatched_weights_file_fails_at_import(tmp_path: Path):
    package = tmp_path / "piiscan"
    shutil.copytree(Path(piiscan.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    weights_file = package / "recognizers" / "data" / name_evidence.WEIGHTS_FILE
    document = json.loads(weights_file.read_text(encoding="utf-8"))
    del document["weights"]["signature"]
    weights_file.write_text(json.dumps(document), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", "import piiscan"], cwd=tmp_path,
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode != 0
    assert "WeightsMismatchError" in result.stderr
    assert "name_weights.json" in result.stderr and "missing ['signature']" in result.stderr


def test_evidence_taken_from_a_repeated_surrounding_equals_evidence_read_again(monkeypatch):
    """NAME reuses the evidence of a piece whose surroundings (REACH characters each way)
    repeat in the document; reading every piece afresh gives the same candidates."""
    from piiscan.recognizers import names
    from piiscan.testing.hostile import FAMILY, text
    from tests.recognizers.test_engines import TEXTS

    documents = [*TEXTS[::4], *(text(unit, 1_500) for unit in FAMILY),
                 "Tom said so. " * 40 + "He left.", "| Ana | 12 |\n" * 30 + "Mr. Ana"]
    shared = [NAME.candidates(TextView.of(d)) for d in documents]
    fresh_evidence = names._evidence
    monkeypatch.setattr(names, "_evidence", lambda text, piece, lists, pronouns, known:
                        fresh_evidence(text, piece, lists, pronouns, {}))
    assert [NAME.candidates(TextView.of(d)) for d in documents] == shared
