"""Start/List request validation, as the service and boto3 check them."""

import pytest

from piiscan.errors import (
    InvalidFilterException,
    InvalidRequestException,
    KmsKeyValidationException,
    TooManyTagsException,
    ValidationException,
)
from piiscan.jobs.requests import (
    check_job_id,
    check_list_filter,
    check_start_request,
    is_job_name,
)


def request(**changes):
    base = {"InputDataConfig": {"S3Uri": "in"}, "OutputDataConfig": {"S3Uri": "out"},
            "Mode": "ONLY_OFFSETS", "LanguageCode": "en"}
    base.update(changes)
    return base


def test_defaults_are_filled_in():
    checked = check_start_request(request())
    assert checked["InputDataConfig"]["InputFormat"] == "ONE_DOC_PER_LINE"
    assert checked["PiiscanOutputLayout"] == "TARBALL"


@pytest.mark.parametrize("missing", ["InputDataConfig", "OutputDataConfig", "Mode", "LanguageCode"])
def test_missing_required_member(missing):
    bad = request()
    del bad[missing]
    with pytest.raises(InvalidRequestException, match=f'Missing required parameter in input: "{missing}"'):
        check_start_request(bad)


@pytest.mark.parametrize(("changes", "error", "text"), [
    ({"Mode": "EVERYTHING"}, ValidationException, "mode"),
    ({"LanguageCode": "fr"}, ValidationException, "languageCode"),
    ({"InputDataConfig": {"S3Uri": "in", "InputFormat": "CSV"}}, ValidationException, "inputFormat"),
    ({"JobName": "bad*name"}, ValidationException, "jobName"),
    ({"JobName": "x" * 257}, ValidationException, "jobName"),
    ({"ClientRequestToken": "no spaces"}, ValidationException, "clientRequestToken"),
    ({"DataAccessRoleArn": "arn:aws:iam::1234:role/R"}, ValidationException, "dataAccessRoleArn"),
    ({"Mode": "ONLY_REDACTION"}, InvalidRequestException, "RedactionConfig"),
    ({"Mode": "ONLY_REDACTION", "RedactionConfig": {"PiiEntityTypes": []}}, InvalidRequestException,
     "RedactionConfig"),
    ({"RedactionConfig": {"PiiEntityTypes": ["NAMES"]}}, ValidationException, "piiEntityTypes"),
    ({"RedactionConfig": {"PiiEntityTypes": ["ALL"], "MaskCharacter": "x"}}, ValidationException,
     "maskCharacter"),
    ({"Tags": [{"Key": str(i)} for i in range(51)]}, TooManyTagsException, "at most 50"),
    ({"OutputDataConfig": {"S3Uri": "out", "KmsKeyId": "not a key"}}, KmsKeyValidationException,
     "KmsKeyId"),
    ({"Unknown": 1}, InvalidRequestException, 'Unknown parameter in input: "Unknown"'),
    ({"VpcConfig": {}}, InvalidRequestException, "VpcConfig"),
    ({"InputDataConfig": "in"}, InvalidRequestException, "Invalid type for parameter InputDataConfig"),
    ({"InputDataConfig": {"S3Uri": "s3://B/docs"}}, ValidationException, "regular expression"),
    ({"InputDataConfig": {"S3Uri": "http://example.com/x"}}, InvalidRequestException, "scheme"),
    ({"PiiscanOutputLayout": "ZIP"}, ValidationException, "piiscanOutputLayout"),
])
def test_invalid_requests(changes, error, text):
    with pytest.raises(error, match=text):
        check_start_request(request(**changes))


def test_accepted_optional_members_are_echoed():
    checked = check_start_request(request(
        Mode="ONLY_REDACTION", RedactionConfig={"PiiEntityTypes": ["NAME", "SSN"]},
        JobName="redact demo 1:2/3=4+5-6%7@8_ü", ClientRequestToken="0f1e2d3c-4b5a",
        DataAccessRoleArn="arn:aws:iam::111122223333:role/ComprehendS3Access",
        Tags=[{"Key": "team", "Value": "privacy"}],
        InputDataConfig={"S3Uri": "file:///tmp/in", "DocumentReaderConfig": {
            "DocumentReadAction": "TEXTRACT_DETECT_DOCUMENT_TEXT"}},
        OutputDataConfig={"S3Uri": "out", "KmsKeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"}))
    assert checked["RedactionConfig"] == {"PiiEntityTypes": ["NAME", "SSN"], "MaskMode": "MASK",
                                          "MaskCharacter": "*"}


def test_job_name_pattern_uses_unicode_categories():
    assert is_job_name("Ünïcode név 名前 42")
    assert not is_job_name("semi;colon")


def test_list_filter_rules():
    assert check_list_filter({"JobStatus": "COMPLETED"}) == {"JobStatus": "COMPLETED"}
    assert check_list_filter({"SubmitTimeAfter": "2024-01-01T00:00:00Z"}) == {
        "SubmitTimeAfter": 1704067200.0}
    with pytest.raises(InvalidFilterException, match="Only one filter criterion"):
        check_list_filter({"JobStatus": "COMPLETED", "JobName": "x"})
    with pytest.raises(ValidationException, match=r"Value 'DONE' at 'filter\.jobStatus'"):
        check_list_filter({"JobStatus": "DONE"})  # an enum: the framework's error (report §3)
    for name in ("x" * 257, "bad!"):
        with pytest.raises(ValidationException, match=r"filter\.jobName"):
            check_list_filter({"JobName": name})


def test_job_ids_follow_the_model_pattern():
    with pytest.raises(ValidationException, match="jobId"):
        check_job_id("a!b")
    assert check_job_id("0" * 32) == "0" * 32
    with pytest.raises(ValidationException, match=r"'inputDataConfig\.s3Uri'"):
        check_start_request(request(InputDataConfig={"S3Uri": ""}))
    with pytest.raises(InvalidFilterException):
        check_list_filter({"SubmitTimeBefore": "yesterday"})


def test_s3_uris_need_the_s3_extra(monkeypatch):
    import importlib.util

    from piiscan.jobs.requests import check_uri

    assert check_uri("s3://bucket/docs/", "InputDataConfig.S3Uri") == "s3://bucket/docs/"
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "boto3" else real(name, *a))
    with pytest.raises(InvalidRequestException, match=r"pip install 'piiscan\[s3\]'"):
        check_uri("s3://bucket/docs/", "InputDataConfig.S3Uri")
