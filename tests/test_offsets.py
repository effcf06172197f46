"""Offsets are code points: Unicode before, inside and around PII never shifts them."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from piiscan import DEFAULT_SCANNER
from piiscan.strategies import documents
from piiscan.testing.markup import parse

PREFIXES = [
    "café crème, naïve façade: ",             # accents (precomposed)
    "e\u0301te\u0301 et noe\u0308l: ",         # combining marks
    "東京の天気は晴れです。",                      # CJK
    "great 🎉🚀 news 👩‍👩‍👧‍👦: ",                # astral code points and ZWJ sequences
    "line one\r\nline two\r\n",               # CRLF
    "\ufeffBOM and \u200bzero width ",        # invisible characters
    "مرحبا بالعالم ",                          # right-to-left script
]
CASES = [
    "SSN [[SSN:212-67-4013]] on file",
    "email [[EMAIL:anycafe@mail.com]].",
    "Call [[PHONE:(206) 555-0100]] now",
    "card [[CREDIT_DEBIT_NUMBER:4111 1111 1111 1111]] ok",
    "due by [[DATE_TIME:July 31st]].",
    "IBAN [[INTERNATIONAL_BANK_ACCOUNT_NUMBER:GB82 WEST 1234 5698 7654 32]].",
]


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("case", CASES)
def test_offsets_survive_unicode_prefixes(prefix, case):
    document = parse(prefix + case + " 👍 done")
    found = {(s.start, s.end, s.type) for s in DEFAULT_SCANNER.find(document.text)}
    for planted in document.entities:
        assert (planted.begin, planted.end, planted.type) in found
        assert document.text[planted.begin:planted.end] == planted.value


def test_name_with_accents_and_emoji_neighbours():
    document = parse("👋 Hello [[NAME:José Núñez]] 🎉, my name is [[NAME:Zoë Müller]].")
    found = {(s.start, s.end, s.type) for s in DEFAULT_SCANNER.find(document.text)}
    for planted in document.entities:
        assert (planted.begin, planted.end, "NAME") in found


def test_offsets_index_python_strings_not_utf8_bytes():
    text = "😀😀😀 SSN 212-67-4013"
    [span] = DEFAULT_SCANNER.find(text)
    assert (span.start, span.end) == (8, 19)
    assert len(text[: span.start].encode("utf-8")) == 17


# Prefixes that separate words as a space does: text after them is read as after spaces.
NEUTRAL_PREFIXES = ["東京", "あ", "東京 ", "😀", "😀 ", "🇺🇸 ", "。", "\n", "👩‍👩‍👧 ", "สวัสดี"]


def _shifted(spans, by):
    return [(s.start - by, s.end - by, s.type) for s in spans if s.start >= by]


@settings(max_examples=300, deadline=None)
@given(prefix=st.sampled_from(NEUTRAL_PREFIXES),
       document=documents(unicode=True, hard_negatives=True, single_line=True))
def test_a_value_after_cjk_or_emoji_is_found_as_after_spaces(prefix, document):
    text = document.text
    after_prefix = DEFAULT_SCANNER.find(prefix + text)
    after_spaces = DEFAULT_SCANNER.find(" " * len(prefix) + text)
    assert _shifted(after_prefix, len(prefix)) == _shifted(after_spaces, len(prefix))


@pytest.mark.parametrize(("prefix", "text", "expected"), [
    ("東京", "01000000", [("PHONE", 0, 8)]),
    ("😀 ", "@A0x thanks", [("USERNAME", 0, 4)]),
    ("", "@bob99 thanks for the help", [("USERNAME", 0, 6)]),
])
def test_boundary_cases_from_the_reliability_report(prefix, text, expected):
    found = [(s.type, s.start - len(prefix), s.end - len(prefix))
             for s in DEFAULT_SCANNER.find(prefix + text)]
    assert found == expected
