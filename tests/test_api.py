"""The library API: shapes, golden answers, errors, options, redaction."""

import json

import pytest

import piiscan
from piiscan import (
    DEFAULT_SCANNER,
    InvalidRequestException,
    Scanner,
    TextSizeLimitExceededException,
    ValidationException,
    contains_pii_entities,
    custom_recognizer,
    detect_many,
    detect_pii_entities,
    redact,
)

ZHANG = ("Hello Zhang Wei, I am John. Your AnyCompany Financial Services, LLC credit card account "
         "1111-XXXX-1111-XXXX has a minimum payment of $24.53 that is due by July 31st.")
PAUL = ("Hello Paul Santos. The latest statement for your credit card account 1111-0000-1111-0000 "
        "was mailed to 123 Any Street, Seattle, WA 98109.")


def spans(result):
    return [(e["Type"], e["BeginOffset"], e["EndOffset"]) for e in result["Entities"]]


def test_golden_zhang_wei():
    assert spans(detect_pii_entities(ZHANG)) == [
        ("NAME", 6, 15), ("NAME", 22, 26), ("CREDIT_DEBIT_NUMBER", 88, 107), ("DATE_TIME", 155, 164)]


def test_golden_paul_santos():
    assert spans(detect_pii_entities(PAUL)) == [
        ("NAME", 6, 17), ("CREDIT_DEBIT_NUMBER", 69, 88), ("ADDRESS", 103, 136)]


def test_golden_email():
    text = "Dear Paulo, please email your feedback for AnyCafe at anycafe@mail.com."
    assert ("EMAIL", 54, 70) in spans(detect_pii_entities(text))


def test_entity_shape_and_member_order():
    entity = detect_pii_entities(ZHANG)["Entities"][0]
    assert list(entity) == ["Score", "Type", "BeginOffset", "EndOffset"]
    assert isinstance(entity["Score"], float) and 0 <= entity["Score"] <= 1
    assert isinstance(entity["BeginOffset"], int)


def test_scores_are_float32_values():
    import struct
    for entity in detect_pii_entities(PAUL)["Entities"]:
        score = entity["Score"]
        assert struct.unpack("f", struct.pack("f", score))[0] == score


def test_contains_one_label_per_type_in_first_seen_order():
    labels = contains_pii_entities("Call Alice at (206) 555-0100")["Labels"]
    assert [label["Name"] for label in labels] == ["NAME", "PHONE"]
    assert all(list(label) == ["Name", "Score"] for label in labels)
    assert contains_pii_entities(ZHANG)["Labels"][0] == {
        "Name": "NAME", "Score": max(e["Score"] for e in detect_pii_entities(ZHANG)["Entities"]
                                     if e["Type"] == "NAME")}


def test_empty_results_have_the_documented_shape():
    assert detect_pii_entities("Nothing here.") == {"Entities": []}
    assert contains_pii_entities("Nothing here.") == {"Labels": []}


def test_results_serialise_like_boto3():
    assert json.loads(json.dumps(detect_pii_entities(ZHANG))) == detect_pii_entities(ZHANG)


@pytest.mark.parametrize("bad", [None, b"bytes", 42, ["list"], 3.5])
def test_non_string_text_is_invalid_request(bad):
    with pytest.raises(InvalidRequestException, match="must be a string"):
        detect_pii_entities(bad)
    with pytest.raises(InvalidRequestException):
        contains_pii_entities(bad)


def test_empty_text_is_invalid_request():
    with pytest.raises(InvalidRequestException, match="empty"):
        detect_pii_entities("")


def test_size_limit_counts_utf8_bytes():
    just_under = "é" * 50_000  # 100,000 bytes
    assert detect_pii_entities(just_under) == {"Entities": []}
    with pytest.raises(TextSizeLimitExceededException) as error:
        detect_pii_entities(just_under + "x")
    assert error.value.message == (
        "Input text size exceeds limit. Max length of request text allowed is 100000 bytes "
        "while in this request the text size is 100001 bytes")
    assert error.value.code == "TextSizeLimitExceededException"


def test_lone_surrogate_is_invalid_request():
    with pytest.raises(InvalidRequestException, match="lone surrogate U\\+D800 at offset 4"):
        detect_pii_entities("abc \ud800 SSN 212-67-4013")


def test_nul_bytes_are_text():
    text = "\x00SSN 212-67-4013\x00"
    assert spans(detect_pii_entities(text)) == [("SSN", 5, 16)]


@pytest.mark.parametrize("language", ["fr", "EN", "", None, "zh-TW"])
def test_unsupported_language_is_the_aws_validation_error(language):
    with pytest.raises(ValidationException) as error:
        detect_pii_entities("hi", language)
    assert error.value.message == (
        f"1 validation error detected: Value '{language}' at 'languageCode' failed to satisfy "
        "constraint: Member must satisfy enum value set: [en, es]")


def test_spanish_is_accepted():
    text = "Mi correo es ana@ejemplo.es"
    assert spans(detect_pii_entities(text, "es")) == [("EMAIL", 13, 27)]


def test_redact_mask_keeps_length_and_masks_every_character():
    text = "Online Banking HowardBank.com  Telephone 1-877-527-2703"
    assert redact(text) == "Online Banking **************  Telephone **************"
    assert len(redact(PAUL, mask_character="#")) == len(PAUL)


def test_redact_replace_with_type():
    assert redact("SSN 212-67-4013, call (206) 555-0100", mask_mode="REPLACE_WITH_PII_ENTITY_TYPE") \
        == "SSN [SSN], call [PHONE]"


def test_redact_only_selected_types():
    assert redact("SSN 212-67-4013, call (206) 555-0100", entity_types=["PHONE"]) \
        == "SSN 212-67-4013, call **************"


@pytest.mark.parametrize(("kwargs", "member"), [
    ({"mask_mode": "BLUR"}, "maskMode"), ({"mask_character": "x"}, "maskCharacter"),
    ({"mask_character": "**"}, "maskCharacter"), ({"entity_types": ["NOPE"]}, "piiEntityTypes"),
])
def test_redact_rejects_bad_configuration(kwargs, member):
    with pytest.raises(ValidationException, match=member):
        redact("SSN 212-67-4013", **kwargs)


def test_redact_with_no_types_is_invalid_request():
    with pytest.raises(InvalidRequestException):
        redact("SSN 212-67-4013", entity_types=[])


def test_scanner_entity_type_subset():
    scanner = Scanner(entity_types=["PHONE"])
    assert spans(scanner.detect(ZHANG + " Call (206) 555-0100.")) == [("PHONE", 171, 185)]


def test_scanner_rejects_unknown_types_as_validation_errors():
    with pytest.raises(ValidationException, match="Value 'PHONES' at 'entity_types'"):
        Scanner(entity_types=["PHONES"])
    with pytest.raises(ValidationException, match="deny_list"):
        Scanner(deny_list={"x": "NOPE"})
    with pytest.raises(ValidationException, match="deny_list"):
        Scanner(deny_list={"x": "ALL"})
    with pytest.raises(ValidationException, match="PHONES"):
        piiscan.redact("x", entity_types=["PHONES"])


def test_all_selects_every_type_everywhere():
    assert Scanner(entity_types=["ALL"]).entity_types == Scanner().entity_types
    assert Scanner(entity_types="ALL").find("SSN 212-67-4013")[0].type == "SSN"


@pytest.mark.parametrize("build", [
    lambda: Scanner(allow_list=None), lambda: Scanner(allow_list=[1, 2]),
    lambda: Scanner(deny_list=["Bob"]), lambda: Scanner(entity_types=5),
    lambda: Scanner(min_score=True), lambda: Scanner(min_score="0.5"),
    lambda: Scanner(custom_recognizers=[]), lambda: piiscan.redact("x", entity_types=None),
    lambda: piiscan.redact("x", entity_types=[None]),
])
def test_arguments_of_the_wrong_type_are_invalid_requests(build):
    with pytest.raises(InvalidRequestException):
        build()


@pytest.mark.parametrize("build", [lambda: Scanner(min_score=2), lambda: Scanner(min_score=-0.1),
                                   lambda: Scanner(time_limit=0)])
def test_numbers_out_of_range_are_validation_errors(build):
    with pytest.raises(ValidationException):
        build()


def test_scanner_min_score():
    strict = Scanner(min_score=0.99).detect(PAUL)["Entities"]
    lenient = Scanner(min_score=0.3).detect(PAUL)["Entities"]
    assert all(e["Score"] >= 0.99 for e in strict)
    assert len(lenient) > len(strict)


def test_scanner_allow_list_never_reports_value():
    text = "Contact support@example.com or jane@example.com"
    found = spans(Scanner(allow_list=["support@example.com"]).detect(text))
    assert found == [("EMAIL", 31, 47)]


def test_scanner_deny_list_always_reports_value():
    text = "Project Bluebird is run by Zorblax."
    found = spans(Scanner(deny_list={"Zorblax": "NAME"}).detect(text))
    assert ("NAME", 27, 34) in found


def test_custom_recognizer_with_validator_and_context():
    def is_even(value: str) -> bool:
        return int(value[-1]) % 2 == 0

    employee = custom_recognizer("EMPLOYEE_ID", r"\bEMP-[0-9]{6}\b", validate=is_even,
                                 score=0.9, invalid_score=0.3, context_words=["employee"])
    scanner = Scanner(custom_recognizers=(employee,))
    assert spans(scanner.detect("EMP-123456 and EMP-123457")) == [("EMPLOYEE_ID", 0, 10)]
    assert spans(scanner.detect("employee EMP-123457")) == [("EMPLOYEE_ID", 9, 19)]


@pytest.mark.parametrize("bad", ["lower", "", "1ABC", "A B"])
def test_custom_recognizer_rejects_bad_type_names(bad):
    with pytest.raises(InvalidRequestException):
        custom_recognizer(bad, r"x")


def test_custom_recognizer_rejects_bad_pattern():
    with pytest.raises(InvalidRequestException, match="Invalid pattern"):
        custom_recognizer("THING", r"(")


def test_explain_gives_recognizer_verdict_and_context():
    result = Scanner().detect("routing number 111000025", explain=True)
    [entity] = result["Entities"]
    assert entity["Type"] == "BANK_ROUTING"
    assert entity["Explanation"]["Recognizer"] == "bank_routing"
    assert entity["Explanation"]["Validation"] == "VALID"
    assert "routing number" in entity["Explanation"]["ContextWords"]


def test_checksum_is_a_signal_not_a_filter():
    with_context = "charge my credit card 4111 1111 1111 1112 today"
    bare = "order 4111 1111 1111 1112 shipped"
    assert ("CREDIT_DEBIT_NUMBER", 22, 41) in spans(detect_pii_entities(with_context))
    assert spans(detect_pii_entities(bare)) == []
    valid = detect_pii_entities("card 4111 1111 1111 1111")["Entities"][0]["Score"]
    invalid = detect_pii_entities(with_context)["Entities"][0]["Score"]
    assert valid > invalid


def test_the_default_scanner_is_built_once():
    assert piiscan.DEFAULT_SCANNER is piiscan.api.DEFAULT_SCANNER
    with pytest.raises(AttributeError):
        piiscan.DEFAULT_SCANNER.min_score = 0.1  # type: ignore[misc]


# -- detect_many --------------------------------------------------------------------------

def _batch() -> list[str]:
    import random

    from piiscan.entities import EntityType
    from piiscan.testing.documents import build_document
    from piiscan.testing.values import RandomChooser

    chooser = RandomChooser(random.Random(11))
    types = [t.value for t in EntityType]
    return [build_document(chooser, types, entity_count=n % 5, filler_count=2,
                           unicode=n % 3 == 0).text for n in range(120)]


def test_detect_many_on_two_processes_equals_detect_on_each_text(monkeypatch):
    import piiscan.api

    texts = _batch()
    monkeypatch.setattr(piiscan.api, "BATCH_CHUNK_CHARACTERS", 2_000)  # many chunks
    monkeypatch.setattr(piiscan.api, "MIN_CHUNK_CHARACTERS", 100)
    answers = DEFAULT_SCANNER.detect_many(texts, processes=2, explain=True)
    assert answers == [DEFAULT_SCANNER.detect(t, explain=True) for t in texts]
    assert sum(len(a["Entities"]) for a in answers) > 100


def test_detect_many_carries_the_scanners_settings_to_its_processes(monkeypatch):
    import piiscan.api

    emp = custom_recognizer("EMPLOYEE_ID", r"\bEMP-[0-9]{6}\b")
    scanner = Scanner(entity_types=["SSN", "EMPLOYEE_ID"], custom_recognizers=(emp,),
                      allow_list=["212-67-4013"])
    texts = ["SSN 212-67-4013 and EMP-123456", "SSN 078-05-1120"] * 30
    monkeypatch.setattr(piiscan.api, "BATCH_CHUNK_CHARACTERS", 100)
    monkeypatch.setattr(piiscan.api, "MIN_CHUNK_CHARACTERS", 100)
    answers = scanner.detect_many(texts, processes=2)
    assert answers == [scanner.detect(t) for t in texts]
    assert [e["Type"] for e in answers[0]["Entities"]] == ["EMPLOYEE_ID"]


def test_detect_many_gives_every_process_several_chunks():
    from piiscan.api import _chunk_characters, _chunks

    texts = ["x" * 1_000] * 500  # 500,000 characters: once one chunk, so one process
    assert [len(chunk) for chunk in _chunks(texts, _chunk_characters(500_000, 2))] == [63] * 7 + [59]
    assert len(_chunks(texts, _chunk_characters(500_000, 1))) == 4
    assert len(_chunks(texts[:10], _chunk_characters(10_000, 2))) == 1  # too small: runs here


def test_detect_many_checks_every_text_first_and_names_the_bad_one():
    with pytest.raises(TextSizeLimitExceededException, match=r"texts\[1\]"):
        DEFAULT_SCANNER.detect_many(["fine", "x" * 100_001, ""])
    with pytest.raises(InvalidRequestException, match=r"texts\[0\]"):
        DEFAULT_SCANNER.detect_many([""])


@pytest.mark.parametrize("processes", [0, -1, 1.5, True])
def test_detect_many_refuses_a_bad_process_count(processes):
    with pytest.raises(InvalidRequestException, match="processes"):
        DEFAULT_SCANNER.detect_many(["SSN 212-67-4013"], processes=processes)


def test_detect_many_with_one_process_or_no_text():
    assert DEFAULT_SCANNER.detect_many([], processes=4) == []
    assert detect_many(["SSN 212-67-4013"], processes=1) == [detect_pii_entities("SSN 212-67-4013")]
