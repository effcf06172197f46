"""Realistic values for every Comprehend entity type, valid by construction.

Checksummed values are built as a body plus the check digit computed by python-stdnum
(or by the scheme's published rule), never by filtering random strings. `near_miss`
builders return values one step from valid: a wrong check digit, a forbidden prefix,
a wrong length. Every builder takes a `Chooser` first, so draws shrink well under
Hypothesis: lower choices give simpler values.

>>> import random
>>> chooser = RandomChooser(random.Random(7))
>>> from stdnum import luhn
>>> luhn.is_valid(value(chooser, "CREDIT_DEBIT_NUMBER").replace(" ", "").replace("-", ""))
True
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, Protocol, TypeVar

from stdnum import iban, luhn, verhoeff
from stdnum.gb import utr
from stdnum.us import rtn

from piiscan.entities import EntityType
from piiscan.recognizers.vehicles import vin_check_digit

T = TypeVar("T")

UPPER = string.ascii_uppercase
DIGITS = string.digits


class Chooser(Protocol):
    """Where randomness comes from: `random.Random` or a Hypothesis `data` object."""

    def integer(self, low: int, high: int) -> int: ...

    def choice(self, options: Sequence[T]) -> T: ...


class RandomChooser:
    """A `Chooser` over `random.Random` (reproducible from its seed)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def choice(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]


def _digits(ch: Chooser, n: int, first: str = DIGITS) -> str:
    if n <= 0:
        return ""
    return ch.choice(first) + "".join(ch.choice(DIGITS) for _ in range(n - 1))


def _letters(ch: Chooser, n: int, alphabet: str = UPPER) -> str:
    return "".join(ch.choice(alphabet) for _ in range(n))


def _other_digit(ch: Chooser, digit: str) -> str:
    return ch.choice([d for d in DIGITS if d != digit])


def _group(value: str, sizes: Sequence[int], sep: str) -> str:
    parts, index = [], 0
    for size in sizes:
        parts.append(value[index : index + size])
        index += size
    if index < len(value):
        parts.append(value[index:])
    return sep.join(p for p in parts if p)


# -- finance -----------------------------------------------------------------------------

_CARD_PREFIXES = (("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("34", 15), ("37", 15),
                  ("6011", 16), ("65", 16), ("4", 13), ("35", 16))


def _card_body(ch: Chooser) -> tuple[str, int]:
    prefix, length = ch.choice(_CARD_PREFIXES)
    return prefix + _digits(ch, length - len(prefix) - 1), length


def _format_card(ch: Chooser, number: str) -> str:
    if len(number) == 15:
        return ch.choice((number, _group(number, (4, 6, 5), " "), _group(number, (4, 6, 5), "-")))
    if len(number) == 16:
        return ch.choice((number, _group(number, (4, 4, 4, 4), " "),
                          _group(number, (4, 4, 4, 4), "-")))
    return number


def credit_debit_number(ch: Chooser) -> str:
    body, _ = _card_body(ch)
    return _format_card(ch, body + luhn.calc_check_digit(body))


def credit_debit_number_near_miss(ch: Chooser) -> str:
    body, _ = _card_body(ch)
    return _format_card(ch, body + _other_digit(ch, luhn.calc_check_digit(body)))


def credit_debit_cvv(ch: Chooser) -> str:
    return _digits(ch, ch.choice((3, 3, 4)))


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def credit_debit_expiry(ch: Chooser) -> str:
    month, year = ch.integer(1, 12), ch.integer(24, 35)
    return ch.choice((f"{month:02d}/{year:02d}", f"{month:02d}/20{year:02d}",
                      f"{month:02d}-{year:02d}", f"{_MONTHS[month - 1]} 20{year:02d}"))


def credit_debit_expiry_near_miss(ch: Chooser) -> str:
    return f"{ch.integer(13, 19)}/{ch.integer(24, 35):02d}"


def pin(ch: Chooser) -> str:
    return _digits(ch, 4)


def bank_account_number(ch: Chooser) -> str:
    return _digits(ch, ch.integer(8, 12), first="123456789")


def bank_account_number_near_miss(ch: Chooser) -> str:
    return _digits(ch, ch.integer(4, 6), first="123456789")


def _routing_body(ch: Chooser) -> str:
    prefix = ch.choice(("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12",
                        "21", "22", "23", "26", "31", "32", "61", "63", "67"))
    return prefix + _digits(ch, 6)


def bank_routing(ch: Chooser) -> str:
    body = _routing_body(ch)
    return body + rtn.calc_check_digit(body)


def bank_routing_near_miss(ch: Chooser) -> str:
    body = _routing_body(ch)
    return body + _other_digit(ch, rtn.calc_check_digit(body))


# BBAN layouts of countries whose national part has no check python-stdnum verifies.
_BBAN_LAYOUTS = {"GB": "LLLL" + "D" * 14, "DE": "D" * 18, "NL": "LLLL" + "D" * 10,
                 "FR": "D" * 23, "CH": "D" * 17, "AT": "D" * 16, "IE": "LLLL" + "D" * 14,
                 "PL": "D" * 24}
_IBAN_COUNTRIES = tuple(_BBAN_LAYOUTS)


def _bban(ch: Chooser, country: str) -> str:
    return "".join(ch.choice(UPPER) if c == "L" else ch.choice(DIGITS)
                   for c in _BBAN_LAYOUTS[country])


def _iban_parts(ch: Chooser) -> tuple[str, str]:
    country = ch.choice(_IBAN_COUNTRIES)
    bban = _bban(ch, country)
    return country, bban


def _format_iban(ch: Chooser, compact: str) -> str:
    return ch.choice((compact, " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))))


def international_bank_account_number(ch: Chooser) -> str:
    country, bban = _iban_parts(ch)
    check = iban.calc_check_digits(country + "00" + bban)
    return _format_iban(ch, country + check + bban)


def international_bank_account_number_near_miss(ch: Chooser) -> str:
    country, bban = _iban_parts(ch)
    check = iban.calc_check_digits(country + "00" + bban)
    wrong = f"{(int(check) + ch.integer(1, 9)) % 97 + 2:02d}"
    if wrong == check:
        wrong = f"{(int(check) + 1) % 97 + 2:02d}"
    return _format_iban(ch, country + wrong + bban)


_BIC_COUNTRIES = ("DE", "GB", "FR", "US", "NL", "ES", "IT", "CH", "BE", "IN", "CA", "JP")


def swift_code(ch: Chooser) -> str:
    location = ch.choice(UPPER[:25]) + ch.choice(DIGITS + UPPER)
    branch = ch.choice(("", "XXX", _digits(ch, 3)))
    return _letters(ch, 4) + ch.choice(_BIC_COUNTRIES) + location + branch


def swift_code_near_miss(ch: Chooser) -> str:
    return _letters(ch, 4) + "ZZ" + ch.choice(UPPER) + ch.choice(DIGITS) + ch.choice(("", "XXX"))


# -- national ids ------------------------------------------------------------------------

def _ssn_parts(ch: Chooser) -> tuple[int, int, int]:
    area = ch.integer(1, 899)
    if area == 666:
        area = 665
    return area, ch.integer(1, 99), ch.integer(1, 9999)


def _ssn_join(ch: Chooser, area: int, group: int, serial: int) -> str:
    sep = ch.choice(("-", "-", " "))
    return f"{area:03d}{sep}{group:02d}{sep}{serial:04d}"


def ssn_value(ch: Chooser) -> str:
    return _ssn_join(ch, *_ssn_parts(ch))


def ssn_near_miss(ch: Chooser) -> str:
    _, group, serial = _ssn_parts(ch)
    return _ssn_join(ch, ch.choice((0, 666, ch.integer(900, 999))), group, serial)


_ITIN_GROUPS = tuple(range(50, 66)) + tuple(range(70, 89)) + (90, 91, 92) + tuple(range(94, 100))


def us_itin(ch: Chooser) -> str:
    sep = ch.choice(("-", "-", " "))
    return f"9{_digits(ch, 2)}{sep}{ch.choice(_ITIN_GROUPS)}{sep}{_digits(ch, 4)}"


def us_itin_near_miss(ch: Chooser) -> str:
    return f"9{_digits(ch, 2)}-{ch.integer(10, 49)}-{_digits(ch, 4)}"


def passport_number(ch: Chooser) -> str:
    return ch.choice((ch.choice(UPPER) + _digits(ch, 8), _digits(ch, 9, first="123456789")))


def driver_id(ch: Chooser) -> str:
    return ch.choice((ch.choice(UPPER) + _digits(ch, 7), ch.choice(UPPER) + _digits(ch, 12),
                      _digits(ch, 9, first="123456789")))


_NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
_NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"


def _nino_prefix(ch: Chooser) -> str:
    prefix = ch.choice(_NINO_FIRST) + ch.choice(_NINO_SECOND)
    return "AB" if prefix in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ") else prefix


def uk_nino(ch: Chooser) -> str:
    prefix, body, suffix = _nino_prefix(ch), _digits(ch, 6), ch.choice("ABCD")
    return ch.choice((f"{prefix}{body}{suffix}",
                      f"{prefix} {body[:2]} {body[2:4]} {body[4:]} {suffix}"))


def uk_nino_near_miss(ch: Chooser) -> str:
    return f"{ch.choice('DFIQUV')}{ch.choice(_NINO_SECOND)}{_digits(ch, 6)}{ch.choice('ABCD')}"


def _nhs_parts(ch: Chooser) -> tuple[str, str]:
    while True:
        body = _digits(ch, 9, first="123456789")
        check = 11 - sum(w * int(d) for w, d in zip(range(10, 1, -1), body, strict=True)) % 11
        if check != 10:
            return body, str(check % 11)
        body = body[:-1] + str((int(body[-1]) + 1) % 10)


def uk_nhs(ch: Chooser) -> str:
    body, check = _nhs_parts(ch)
    return _group(body + check, (3, 3, 4), ch.choice((" ", " ", "-")))


def uk_nhs_near_miss(ch: Chooser) -> str:
    body, check = _nhs_parts(ch)
    wrong = ch.choice([d for d in DIGITS if d != check and
                       (11 - sum(w * int(x) for w, x in zip(range(10, 1, -1), body, strict=True)) % 11) % 11
                       != int(d)])
    return _group(body + wrong, (3, 3, 4), " ")


def uk_utr(ch: Chooser) -> str:
    body = _digits(ch, 9)
    return utr.calc_check_digit(body) + body


def uk_utr_near_miss(ch: Chooser) -> str:
    body = _digits(ch, 9)
    return _other_digit(ch, utr.calc_check_digit(body)) + body


def _sin_body(ch: Chooser) -> str:
    return _digits(ch, 8, first="1234567")


def ca_sin(ch: Chooser) -> str:
    body = _sin_body(ch)
    return _group(body + luhn.calc_check_digit(body), (3, 3, 3), ch.choice(("-", " ")))


def ca_sin_near_miss(ch: Chooser) -> str:
    body = _sin_body(ch)
    return _group(body + _other_digit(ch, luhn.calc_check_digit(body)), (3, 3, 3), "-")


def ca_health_number(ch: Chooser) -> str:
    number = _digits(ch, 10, first="123456789")
    return ch.choice((_group(number, (4, 3, 3), " "), _group(number, (4, 3, 3), "-"),
                      _group(number, (4, 3, 3), " ") + " " + _letters(ch, 2)))


def ca_health_number_near_miss(ch: Chooser) -> str:
    return _group(_digits(ch, 8, first="123456789"), (4, 4), " ")


def _aadhaar_number(ch: Chooser) -> tuple[str, str]:
    """Eleven digits and the Verhoeff check digit; never a palindrome (UIDAI refuses those)."""
    body = _digits(ch, 11, first="23456789")
    while (body + verhoeff.calc_check_digit(body)) == (body + verhoeff.calc_check_digit(body))[::-1]:
        body = body[:-1] + str((int(body[-1]) + 1) % 10)
    return body, verhoeff.calc_check_digit(body)


def in_aadhaar(ch: Chooser) -> str:
    body, check = _aadhaar_number(ch)
    return _group(body + check, (4, 4, 4), ch.choice((" ", " ", "-")))


def in_aadhaar_near_miss(ch: Chooser) -> str:
    body, check = _aadhaar_number(ch)
    return _group(body + _other_digit(ch, check), (4, 4, 4), " ")


def in_pan(ch: Chooser) -> str:
    return (_letters(ch, 3) + ch.choice("PCHFATBLJG") + ch.choice(UPPER)
            + f"{ch.integer(1, 9999):04d}" + ch.choice(UPPER))  # serial 0000 is never issued


def in_pan_near_miss(ch: Chooser) -> str:
    return (_letters(ch, 3) + ch.choice("DEIMNOQRSUVWXYZ") + ch.choice(UPPER)
            + f"{ch.integer(1, 9999):04d}" + ch.choice(UPPER))


_STATES_IN = ("RJ", "UP", "MH", "KA", "TN", "WB", "AP", "GJ", "MP", "BR", "OR", "KL")


def in_nrega(ch: Chooser) -> str:
    return ch.choice(_STATES_IN) + _digits(ch, 14)


def in_nrega_near_miss(ch: Chooser) -> str:
    return ch.choice(_STATES_IN) + _digits(ch, 11)


def in_voter_number(ch: Chooser) -> str:
    body = _digits(ch, 6)
    return _letters(ch, 3) + body + luhn.calc_check_digit(body)


def in_voter_number_near_miss(ch: Chooser) -> str:
    body = _digits(ch, 6)
    return _letters(ch, 3) + body + _other_digit(ch, luhn.calc_check_digit(body))


# -- network, vehicles -------------------------------------------------------------------

def ip_address(ch: Chooser) -> str:
    if ch.integer(0, 5) == 5:
        groups = [f"{ch.integer(0, 0xFFFF):x}" for _ in range(8)]
        return ":".join(groups)
    return ".".join(str(ch.integer(1 if i == 0 else 0, 255)) for i in range(4))


def ip_address_near_miss(ch: Chooser) -> str:
    octets = [str(ch.integer(1, 255)) for _ in range(4)]
    octets[ch.integer(0, 3)] = str(ch.integer(256, 999))
    return ".".join(octets)


def mac_address(ch: Chooser) -> str:
    sep = ch.choice((":", "-"))
    hex_digits = ch.choice(("0123456789ABCDEF", "0123456789abcdef"))
    return sep.join(_letters(ch, 2, hex_digits) for _ in range(6))


def mac_address_near_miss(ch: Chooser) -> str:
    return ":".join(_letters(ch, 2, "0123456789ABCDEF") for _ in range(5))


_KEY_ALPHABET = UPPER + DIGITS


def aws_access_key(ch: Chooser) -> str:
    return ch.choice(("AKIA", "ASIA")) + _letters(ch, 16, _KEY_ALPHABET)


def aws_access_key_near_miss(ch: Chooser) -> str:
    return "AKIA" + _letters(ch, ch.choice((14, 15)), _KEY_ALPHABET)


_BASE64 = string.ascii_letters + DIGITS + "/+"


def aws_secret_key(ch: Chooser) -> str:
    body = list(_letters(ch, 36, _BASE64))
    return "".join(body) + ch.choice(UPPER) + ch.choice(string.ascii_lowercase) + \
        ch.choice(DIGITS) + ch.choice("/+")


def license_plate(ch: Chooser) -> str:
    return ch.choice((
        ch.choice("123456789") + _letters(ch, 3) + _digits(ch, 3),
        _letters(ch, 3) + "-" + _digits(ch, 4),
        _letters(ch, 2) + _digits(ch, 2) + " " + _letters(ch, 3),
    ))


_VIN_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def _vin_parts(ch: Chooser) -> str:
    wmi = ch.choice(("1HG", "1FA", "2T1", "3VW", "5YJ", "JHM", "WBA", "1G1"))
    return wmi + _letters(ch, 5, _VIN_ALPHABET) + "0" + _letters(ch, 2, _VIN_ALPHABET) + \
        _digits(ch, 6)


def vehicle_identification_number(ch: Chooser) -> str:
    vin = _vin_parts(ch)
    return vin[:8] + vin_check_digit(vin) + vin[9:]


def vehicle_identification_number_near_miss(ch: Chooser) -> str:
    vin = _vin_parts(ch)
    right = vin_check_digit(vin)
    return vin[:8] + ch.choice([c for c in "0123456789X" if c != right]) + vin[9:]


# -- people, places, contact -------------------------------------------------------------

_GIVEN = ("Maria", "James", "Aisha", "Wei", "Olga", "Carlos", "Fatima", "John", "Priya", "Liam",
          "Sofia", "Kenji", "Amara", "Lukas", "Chloe", "Mateo", "Ingrid", "Rahul", "Elena", "Omar")
_FAMILY = ("Garcia", "Smith", "Okafor", "Zhang", "Ivanova", "Silva", "Haddad", "Johnson", "Patel",
           "Murphy", "Rossi", "Tanaka", "Mensah", "Schneider", "Dubois", "Fernandez", "Larsen",
           "Sharma", "Popescu", "Nakamura")


def name(ch: Chooser) -> str:
    style = ch.integer(0, 3)
    given, family = ch.choice(_GIVEN), ch.choice(_FAMILY)
    if style == 1:
        return f"{given} {ch.choice(UPPER)}. {family}"
    return f"{given} {family}"


_STREETS = ("Main", "Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill", "Park",
            "Sunset", "Jackson", "Lincoln", "Highland", "Franklin", "Any")
_SUFFIXES = ("Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Drive", "Lane",
             "Court", "Way", "Place")
_CITIES = (("Seattle", "WA", "981"), ("Portland", "OR", "972"), ("Austin", "TX", "787"),
           ("Denver", "CO", "802"), ("Boston", "MA", "021"), ("Chicago", "IL", "606"),
           ("Miami", "FL", "331"), ("Phoenix", "AZ", "850"), ("Columbus", "OH", "432"),
           ("San Diego", "CA", "921"))


def address(ch: Chooser) -> str:
    number = ch.integer(1, 9999)
    street = f"{number} {ch.choice(_STREETS)} {ch.choice(_SUFFIXES)}"
    unit = ch.choice(("", "", f", Apt {ch.integer(1, 40)}", f" Suite {ch.integer(100, 999)}"))
    city, state, zip3 = ch.choice(_CITIES)
    zip_code = zip3 + _digits(ch, 2)
    sep = ch.choice((", ", ", ", "\n"))
    return f"{street}{unit}{sep}{city}, {state} {zip_code}"


def email(ch: Chooser) -> str:
    local = ch.choice(_GIVEN).lower() + ch.choice((".", "_", "")) + ch.choice(_FAMILY).lower()
    return local + ch.choice(("", str(ch.integer(1, 99)))) + "@" + ch.choice(
        ("example.com", "mail.example.org", "corp.example.net", "example.co.uk"))


def email_near_miss(ch: Chooser) -> str:
    return ch.choice(_GIVEN).lower() + "@" + ch.choice(("localhost", "example"))


_AREA_CODES = ("201", "202", "206", "212", "213", "303", "312", "415", "503", "617", "702",
               "713", "805", "917")


def phone(ch: Chooser) -> str:
    area = ch.choice(_AREA_CODES)
    exchange = str(ch.integer(2, 9)) + _digits(ch, 2)
    if exchange[1:] == "11":
        exchange = exchange[0] + "12"
    line = _digits(ch, 4)
    return ch.choice((f"({area}) {exchange}-{line}", f"{area}-{exchange}-{line}",
                      f"+1 {area} {exchange} {line}", f"{area}.{exchange}.{line}",
                      f"+44 20 7946 0{_digits(ch, 3)}"))


def phone_near_miss(ch: Chooser) -> str:
    return f"{ch.choice(_AREA_CODES)}-{_digits(ch, 2)}"


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


def date_time(ch: Chooser) -> str:
    year, month, day = ch.integer(1950, 2030), ch.integer(1, 12), ch.integer(1, 28)
    hour, minute = ch.integer(0, 23), ch.integer(0, 59)
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(day, "th")
    return ch.choice((
        f"{_MONTH_NAMES[month - 1]} {day}, {year}", f"{month:02d}/{day:02d}/{year}",
        f"{year}-{month:02d}-{day:02d}", f"{_MONTH_NAMES[month - 1]} {day}{suffix}",
        f"{day} {_MONTH_NAMES[month - 1]} {year}", f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00Z",
        f"{(hour % 12) or 12}:{minute:02d} {'am' if hour < 12 else 'pm'}", ch.choice(_WEEKDAYS),
    ))


def url(ch: Chooser) -> str:
    host = ch.choice(("example", "my-shop", "acme-portal", "privacy-blog")) + "." + ch.choice(
        ("com", "org", "net", "io"))
    path = ch.choice(("", "/", "/login", "/account/settings", "/a/b?id=42"))
    return ch.choice(("https://", "http://", "https://www.", "www.")) + host + path


def age(ch: Chooser) -> str:
    years = ch.integer(1, 99)
    return f"{years} year" if years == 1 else f"{years} years"


def username(ch: Chooser) -> str:
    return ch.choice(_GIVEN).lower()[:4] + ch.choice(("_", ".", "")) + ch.choice(
        _FAMILY).lower()[:5] + str(ch.integer(1, 2030))


def password(ch: Chooser) -> str:
    return (_letters(ch, ch.integer(4, 8), string.ascii_letters) + _digits(ch, 2)
            + ch.choice("!#$%&*?") + _letters(ch, 2, string.ascii_letters))


#: entity type -> builder of a valid value
VALID: dict[str, Callable[[Chooser], str]] = {
    "BANK_ACCOUNT_NUMBER": bank_account_number, "BANK_ROUTING": bank_routing,
    "CREDIT_DEBIT_NUMBER": credit_debit_number, "CREDIT_DEBIT_CVV": credit_debit_cvv,
    "CREDIT_DEBIT_EXPIRY": credit_debit_expiry, "PIN": pin, "EMAIL": email, "ADDRESS": address,
    "NAME": name, "PHONE": phone, "SSN": ssn_value, "DATE_TIME": date_time,
    "PASSPORT_NUMBER": passport_number, "DRIVER_ID": driver_id, "URL": url, "AGE": age,
    "USERNAME": username, "PASSWORD": password, "AWS_ACCESS_KEY": aws_access_key,
    "AWS_SECRET_KEY": aws_secret_key, "IP_ADDRESS": ip_address, "MAC_ADDRESS": mac_address,
    "LICENSE_PLATE": license_plate, "VEHICLE_IDENTIFICATION_NUMBER": vehicle_identification_number,
    "UK_NATIONAL_INSURANCE_NUMBER": uk_nino, "CA_SOCIAL_INSURANCE_NUMBER": ca_sin,
    "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER": us_itin,
    "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER": uk_utr, "IN_PERMANENT_ACCOUNT_NUMBER": in_pan,
    "IN_NREGA": in_nrega, "INTERNATIONAL_BANK_ACCOUNT_NUMBER": international_bank_account_number,
    "SWIFT_CODE": swift_code, "UK_NATIONAL_HEALTH_SERVICE_NUMBER": uk_nhs,
    "CA_HEALTH_NUMBER": ca_health_number, "IN_AADHAAR": in_aadhaar,
    "IN_VOTER_NUMBER": in_voter_number,
}

#: entity type -> builder of a near miss (types whose validity has a rule to break)
NEAR_MISS: dict[str, Callable[[Chooser], str]] = {
    "BANK_ACCOUNT_NUMBER": bank_account_number_near_miss, "BANK_ROUTING": bank_routing_near_miss,
    "CREDIT_DEBIT_NUMBER": credit_debit_number_near_miss,
    "CREDIT_DEBIT_EXPIRY": credit_debit_expiry_near_miss, "EMAIL": email_near_miss,
    "PHONE": phone_near_miss, "SSN": ssn_near_miss, "AWS_ACCESS_KEY": aws_access_key_near_miss,
    "IP_ADDRESS": ip_address_near_miss, "MAC_ADDRESS": mac_address_near_miss,
    "VEHICLE_IDENTIFICATION_NUMBER": vehicle_identification_number_near_miss,
    "UK_NATIONAL_INSURANCE_NUMBER": uk_nino_near_miss, "CA_SOCIAL_INSURANCE_NUMBER": ca_sin_near_miss,
    "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER": us_itin_near_miss,
    "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER": uk_utr_near_miss,
    "IN_PERMANENT_ACCOUNT_NUMBER": in_pan_near_miss, "IN_NREGA": in_nrega_near_miss,
    "INTERNATIONAL_BANK_ACCOUNT_NUMBER": international_bank_account_number_near_miss,
    "SWIFT_CODE": swift_code_near_miss, "UK_NATIONAL_HEALTH_SERVICE_NUMBER": uk_nhs_near_miss,
    "CA_HEALTH_NUMBER": ca_health_number_near_miss, "IN_AADHAAR": in_aadhaar_near_miss,
    "IN_VOTER_NUMBER": in_voter_number_near_miss,
}

assert set(VALID) == {t.value for t in EntityType}


_FAKER_LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR")


@cache
def _faker(locale: str) -> Any:
    import faker  # optional: part of the testing extra

    return faker.Faker(locale)


def has_faker() -> bool:
    """Whether Faker (the `testing` extra) is installed."""
    try:
        import faker  # noqa: F401
    except ImportError:
        return False
    return True


def faker_value(ch: Chooser, entity_type: str) -> str:
    """NAME and ADDRESS from Faker (seeded by a draw, so reproducible); the rest built-in."""
    if entity_type == "NAME":
        fake = _faker(ch.choice(_FAKER_LOCALES))
        fake.seed_instance(ch.integer(0, 2**31 - 1))
        return f"{fake.first_name()} {fake.last_name()}"
    if entity_type == "ADDRESS":
        fake = _faker("en_US")
        fake.seed_instance(ch.integer(0, 2**31 - 1))
        return f"{fake.street_address()}, {fake.city()}, {fake.state_abbr()} {fake.zipcode()}"
    return VALID[entity_type](ch)


def value(ch: Chooser, entity_type: str, valid: bool = True) -> str:
    """One value of `entity_type`: valid, or a near miss when `valid` is False."""
    table = VALID if valid else NEAR_MISS
    return table[entity_type](ch)
