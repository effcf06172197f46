"""Offsets are code points: Unicode before, inside and around PII never shifts them."""

import pytest

from piiscan import DEFAULT_SCANNER
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
