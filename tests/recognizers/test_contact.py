"""PHONE's shortcut for dates written with slashes agrees with phonenumbers' matcher."""

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st

from piiscan.recognizers.base import found
from piiscan.recognizers.contact import _MIN_PHONE_DIGITS, _SLASH_DATE_RE, PHONE

REGIONS = (PHONE.home_region, *PHONE.regions)
SLASH_DATES = st.from_regex(_SLASH_DATE_RE.pattern, fullmatch=True).filter(
    lambda run: sum(ch.isdigit() for ch in run) >= _MIN_PHONE_DIGITS)


@settings(max_examples=200, deadline=None)
@given(run=SLASH_DATES)
def test_the_matcher_finds_no_number_in_a_slash_date_in_any_region(run):
    """What PHONE skips is what the matcher would refuse, region by region."""
    for region in REGIONS:
        assert list(phonenumbers.PhoneNumberMatcher(
            run, region, leniency=phonenumbers.Leniency.VALID, max_tries=8)) == [], region


def test_slash_dates_are_no_phones_and_numbers_with_slashes_still_are():
    assert found(PHONE, "seen 08/04/2015 and 12/31/1999, called 030/1234567") == ["030/1234567"]
    assert found(PHONE, "admitted 08/04/2015") == []
