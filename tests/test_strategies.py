"""The strategies themselves, and the engine's invariants over what they draw."""

import itertools
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from stdnum import bic, iban, luhn
from stdnum.ca import sin
from stdnum.gb import nhs, utr
from stdnum.in_ import aadhaar, epic, pan
from stdnum.us import rtn, ssn

import piiscan
from piiscan import DEFAULT_SCANNER, EntityType
from piiscan.jobs import JobStatus
from piiscan.recognizers.national_ids import is_itin, is_nino
from piiscan.recognizers.vehicles import is_vin
from piiscan.strategies import RELIABLE_TYPES, documents, fillers, job_inputs, pii_values
from piiscan.testing.pytest_plugin import misses
from tests.jobs.helpers import read_outputs, records, service, start

ROOT = Path(__file__).resolve().parents[1]


def digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def compact(value: str) -> str:
    return value.replace(" ", "").replace("-", "")


CHECKSUMMED = {
    "CREDIT_DEBIT_NUMBER": lambda v: luhn.is_valid(digits(v)),
    "BANK_ROUTING": rtn.is_valid,
    "INTERNATIONAL_BANK_ACCOUNT_NUMBER": iban.is_valid,
    "SWIFT_CODE": bic.is_valid,
    "SSN": lambda v: ssn.is_valid(digits(v)),
    "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER": is_itin,
    "CA_SOCIAL_INSURANCE_NUMBER": lambda v: sin.is_valid(digits(v)),
    "UK_NATIONAL_HEALTH_SERVICE_NUMBER": lambda v: nhs.is_valid(digits(v)),
    "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER": utr.is_valid,
    "UK_NATIONAL_INSURANCE_NUMBER": is_nino,
    "IN_AADHAAR": lambda v: aadhaar.is_valid(digits(v)),
    "IN_PERMANENT_ACCOUNT_NUMBER": pan.is_valid,
    "IN_VOTER_NUMBER": lambda v: epic.is_valid(v) and luhn.is_valid(v[3:]),
    "VEHICLE_IDENTIFICATION_NUMBER": is_vin,
}


@pytest.mark.parametrize("entity_type", sorted(CHECKSUMMED))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_valid_values_pass_their_checks_and_near_misses_fail(entity_type, data):
    check = CHECKSUMMED[entity_type]
    assert check(data.draw(pii_values(entity_type)))
    assert not check(data.draw(pii_values(entity_type, valid=False)))


@settings(max_examples=100, deadline=None)
@given(documents(unicode=True, hard_negatives=True, max_entities=6))
def test_every_planted_span_is_its_value(doc):
    for entity in doc.entities + doc.decoys:
        assert doc.text[entity.begin:entity.end] == entity.value
    spans = sorted((e.begin, e.end) for e in doc.entities + doc.decoys)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert doc.to_comprehend() == {"Entities": [
        {"Type": e.type, "BeginOffset": e.begin, "EndOffset": e.end} for e in doc.entities]}


STRUCTURED = [t.value for t in EntityType if t.value not in (
    "NAME", "ADDRESS", "DATE_TIME", "AGE", "USERNAME", "PASSWORD")]


@settings(max_examples=300, deadline=None)
@given(documents(entity_types=STRUCTURED, unicode=True, crlf=False, hard_negatives=True))
def test_structured_values_found_exactly_and_decoys_ignored(doc):
    assert misses(doc, DEFAULT_SCANNER.find(doc.text)) == []


@settings(max_examples=200, deadline=None)
@given(documents(unicode=True, hard_negatives=True))
def test_outputs_stay_in_bounds_and_never_overlap(doc):
    found = DEFAULT_SCANNER.find(doc.text)
    assert all(0 <= s.start < s.end <= len(doc.text) for s in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@settings(max_examples=150, deadline=None)
@given(documents(entity_types=RELIABLE_TYPES, min_entities=1, unicode=True),
       st.sampled_from("!@#$%&*"))
def test_redaction_removes_every_planted_value_and_mask_keeps_length(doc, mask):
    masked = piiscan.redact(doc.text, mask_character=mask)
    assert len(masked) == len(doc.text)
    replaced = piiscan.redact(doc.text, mask_mode="REPLACE_WITH_PII_ENTITY_TYPE")
    for entity in doc.entities:
        assert set(masked[entity.begin:entity.end]) == {mask}
        assert entity.value not in replaced
    assert DEFAULT_SCANNER.find(masked) == [] or all(
        s.type not in RELIABLE_TYPES for s in DEFAULT_SCANNER.find(masked))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(job_input=st.one_of(job_inputs(), job_inputs(input_format="ONE_DOC_PER_FILE"),
                           job_inputs(crlf=True)))
def test_a_job_writes_exactly_the_expected_records(tmp_path_factory, job_input):
    tmp = tmp_path_factory.mktemp("job")
    job_input.write(tmp / "in")
    svc = service()
    job = svc.run(start(svc, tmp / "in", tmp / "out",
                        InputDataConfig={"InputFormat": job_input.input_format}))
    assert job.status == JobStatus.COMPLETED
    written = read_outputs(tmp / "out")
    assert set(written) == set(job_input.expected)
    for name, expected in job_input.expected.items():
        got = records(written[name])
        for record in got:
            for entity in record["Entities"]:
                entity.pop("Score")
        assert got == expected


def test_shrinking_reaches_the_simplest_values():
    assert find(pii_values("SSN"), lambda v: True) == "001-01-0001"
    card = find(pii_values("CREDIT_DEBIT_NUMBER"), lambda v: True)
    assert len(card) == 13 and card.isdigit()  # the shortest format (shortlex shrinking)
    assert find(documents(), lambda d: True).entities == ()
    simplest = find(documents(entity_types=["EMAIL"], min_entities=2, unicode=True),
                    lambda d: True)
    assert len(simplest.entities) == 2 and simplest.text.isascii()
    assert find(fillers(unicode=True), lambda t: True).isascii()


@pytest.mark.parametrize(("build", "message"), [
    (lambda: pii_values("PHONES"), "unknown entity type 'PHONES'"),
    (lambda: pii_values("NAME", valid=False), "no near misses"),
    (lambda: documents(min_entities=3, max_entities=1), "more than max_entities"),
    (lambda: documents(entity_types=[], max_entities=2), "entity_types is empty"),
    (lambda: documents(entity_types="NOPE"), "unknown entity type"),
    (lambda: documents(crlf=True, single_line=True), "cannot both be set"),
    (lambda: documents(max_entities=-1), "max_entities must be an integer"),
    (lambda: documents(max_fillers=0), "could be empty"),
    (lambda: documents(unicode="yes"), "unicode must be True or False"),
    (lambda: job_inputs(input_format="CSV"), "input_format"),
    (lambda: fillers(max_sentences=0), "max_sentences"),
])
def test_bad_options_raise_invalid_argument_at_construction(build, message):
    with pytest.raises(InvalidArgument, match=message):
        build()


@given(documents())
def test_default_documents_are_texts_the_api_accepts(doc):
    piiscan.detect_pii_entities(doc.text)  # never '' (the API refuses it)
    assert doc.text.strip()


def test_the_simplest_documents_are_short_sentences():
    for strategy in (documents(), documents(entity_types=[], max_entities=0),
                     documents(entity_types=None)):
        assert find(strategy, lambda d: True).text.strip()


def test_the_readme_example_runs_as_written(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Property-based fixtures"):]
    code = section[section.index("```python") + len("```python"):]
    code = code[: code.index("```")]
    (tmp_path / "test_my_tool.py").write_text(code, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             str(tmp_path / "test_my_tool.py")], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_plugin_fixtures(pii_misses, pii_scanner):
    doc = find(documents(entity_types=["SSN"], min_entities=1), lambda d: True)
    assert pii_misses(doc, pii_scanner.find(doc.text)) == []
    assert pii_misses(doc, piiscan.detect_pii_entities(doc.text)) == []
    assert pii_misses(doc, []) == [f"missed SSN {doc.entities[0].value!r} at "
                                   f"[{doc.entities[0].begin}, {doc.entities[0].end})"]
