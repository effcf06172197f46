"""Hostile inputs finish in bounded time with exact offsets (no regex blow-up).

This is a guard against catastrophic backtracking, not a speed test: each input gets a
generous wall-clock allowance (SIGALRM) that only a super-linear recognizer could exceed.
"""

import signal
from contextlib import contextmanager

import pytest

from piiscan import DEFAULT_SCANNER
from piiscan.recognizers import DEFAULT
from piiscan.view import TextView

ALLOWANCE_SECONDS = 60
SIZE = 100_000

HOSTILE = {
    "digits": "1" * SIZE,
    "digits and spaces": "1 " * (SIZE // 2),
    "digits and hyphens": "12-" * (SIZE // 3),
    "repeated separators": "4111" + "-" * SIZE + "1111",
    "no spaces letters": "a" * SIZE,
    "capitalised run": "Aaron " * (SIZE // 6),
    "upper case run": "ABCD" * (SIZE // 4),
    "at signs": "a@" * (SIZE // 2),
    "dots": "1." * (SIZE // 2),
    "colons": "ab:" * (SIZE // 3),
    "mixed punctuation": "(1) 2-3.4/5 " * (SIZE // 12),
    "url-ish": "http://" + "a." * (SIZE // 2),
    "cue words": "password: " * (SIZE // 10),
    "address-ish": "123 Main Street, " * (SIZE // 17),
    "newlines": "\n" * SIZE,
    "names table": "John Smith\tMary Jones\n" * (SIZE // 22),
    "all caps prose": "JOHN SMITH LIVES AT 12 MAIN STREET " * (SIZE // 35),
    "all lower case": "john smith lives at 12 main street thanks mary " * (SIZE // 47),
    "mixed scripts": "Zoë Ål 東京 Иван مرحبا O'Neil-Smith " * (SIZE // 34),
    "apostrophes and hyphens": "D'Arcy-O'Brien Jean-Luc Mc'Donald " * (SIZE // 34),
    "street words": "1 2 3 Street Road Avenue Suite Apt " * (SIZE // 35),
    "lower-case names and pronouns": "amy schumer and kaylee gave herself " * (SIZE // 36),
    "names in capitals": "THANK YOU IDRIS RANBIR " * (SIZE // 23),
    "speakers": 'Koppány: "Who"\n' * (SIZE // 15),
    "pronouns": "Sarah he she his her him " * (SIZE // 25),
}


@contextmanager
def allowance(seconds: int):
    def expire(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_every_recognizer_finishes_on_hostile_input(name):
    text = HOSTILE[name]
    with allowance(ALLOWANCE_SECONDS):
        for recognizer in DEFAULT:
            for span in recognizer.find(TextView.of(text)):
                assert 0 <= span.start < span.end <= len(text)


def test_full_scan_of_a_100kb_line_without_spaces():
    text = ("x" * 49_990) + " SSN 212-67-4013 " + ("y" * 49_990)
    with allowance(ALLOWANCE_SECONDS):
        found = DEFAULT_SCANNER.find(text)
    assert [(s.start, s.end, s.type) for s in found] == [(49_995, 50_006, "SSN")]
