"""Government identifiers of the US, UK, Canada and India, passports and driving licences.

SSN: 3-2-4 digits with the SSA's area, group and serial rules (python-stdnum's us.ssn);
nine bare digits or the last four only count beside SSN words.

>>> found(SSN, "SSN 212-67-4013 on file")
['212-67-4013']
>>> found(SSN, "ticket 666-12-3456")    # area 666 is never issued
[]

US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER: nine digits starting with 9, IRS group ranges.

>>> found(US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER, "ITIN 912-78-1234")
['912-78-1234']
>>> found(US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER, "ITIN 912-40-1234")
[]

PASSPORT_NUMBER: 6-9 letters and digits beside the word passport.

>>> found(PASSPORT_NUMBER, "passport number C03005988")
['C03005988']
>>> found(PASSPORT_NUMBER, "part C03005988")
[]

DRIVER_ID: a licence number beside driver's licence words.

>>> found(DRIVER_ID, "driver's license D1234567")
['D1234567']
>>> found(DRIVER_ID, "duplicate D1234567")
[]

UK_NATIONAL_INSURANCE_NUMBER: two letters, six digits, A-D, with HMRC's prefix rules.

>>> found(UK_NATIONAL_INSURANCE_NUMBER, "NI number AB 12 34 56 C")
['AB 12 34 56 C']
>>> found(UK_NATIONAL_INSURANCE_NUMBER, "code QQ123456C")
[]

UK_NATIONAL_HEALTH_SERVICE_NUMBER: ten digits (3-3-4) beside NHS words; mod 11 sets
the confidence.

>>> found(UK_NATIONAL_HEALTH_SERVICE_NUMBER, "NHS number 943 476 5870")
['943 476 5870']
>>> found(UK_NATIONAL_HEALTH_SERVICE_NUMBER, "call 943 476 5870")
[]

UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER: ten digits with HMRC's check digit, beside UTR words.

>>> found(UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER, "UTR 1955839661")
['1955839661']
>>> found(UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER, "total 1955839661")
[]

CA_SOCIAL_INSURANCE_NUMBER: 3-3-3 digits passing Luhn, not starting with 0 or 8.

>>> found(CA_SOCIAL_INSURANCE_NUMBER, "SIN 130-692-544")
['130-692-544']
>>> found(CA_SOCIAL_INSURANCE_NUMBER, "SIN 130-692-545 was mistyped")
['130-692-545']
>>> found(CA_SOCIAL_INSURANCE_NUMBER, "part 130-692-545")
[]

CA_HEALTH_NUMBER: ten digits (Ontario and BC style, optional version code) or a Quebec
RAMQ number, beside health-card words.

>>> found(CA_HEALTH_NUMBER, "OHIP health card 1234 567 890")
['1234 567 890']
>>> found(CA_HEALTH_NUMBER, "1234 567 890")
[]

IN_AADHAAR: twelve digits, first 2-9, Verhoeff check digit.

>>> found(IN_AADHAAR, "Aadhaar 2341 2341 2346")
['2341 2341 2346']
>>> found(IN_AADHAAR, "tracking 234123412347")
[]

IN_PERMANENT_ACCOUNT_NUMBER: five letters (the fourth a holder type), four digits, a letter.

>>> found(IN_PERMANENT_ACCOUNT_NUMBER, "PAN ACUPA7085R")
['ACUPA7085R']
>>> found(IN_PERMANENT_ACCOUNT_NUMBER, "ACUXA7085R")
[]

IN_NREGA: an Indian state code and fourteen digits (NREGA job card).

>>> found(IN_NREGA, "job card RJ12345678901234")
['RJ12345678901234']
>>> found(IN_NREGA, "ZZ12345678901234")
[]

IN_VOTER_NUMBER: EPIC, three letters and seven digits; Luhn on the digits raises confidence.

>>> found(IN_VOTER_NUMBER, "voter ID WKH1186253")
['WKH1186253']
>>> found(IN_VOTER_NUMBER, "ticket INC1234567")
[]
"""

from __future__ import annotations

import regex
from stdnum import luhn
from stdnum.ca import sin
from stdnum.gb import nhs, utr
from stdnum.in_ import aadhaar, epic, pan
from stdnum.us import ssn

from piiscan.context import Context
from piiscan.recognizers.base import Pattern, PatternRecognizer, caseless, fast_compile, found

__all__ = [
    "CA_HEALTH_NUMBER", "CA_SOCIAL_INSURANCE_NUMBER", "DRIVER_ID", "IN_AADHAAR", "IN_NREGA",
    "IN_PERMANENT_ACCOUNT_NUMBER", "IN_VOTER_NUMBER", "PASSPORT_NUMBER", "SSN",
    "UK_NATIONAL_HEALTH_SERVICE_NUMBER", "UK_NATIONAL_INSURANCE_NUMBER",
    "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER", "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "found",
]

L = r"(?<![\w@.,/+-])"
LD = r"(?=[0-9])" + L  # digit-led: the lookahead lets the engine skip fast
R = r"(?![\w@]|[.,/:+-][0-9A-Za-z])"
_AL = r"(?<![\w-])"
_AR = r"(?![\w-])"


_NOT_DIGIT_RE = regex.compile(r"[^0-9]")


def _digits(value: str) -> str:
    return str(_NOT_DIGIT_RE.sub("", value))


def is_ssn(value: str) -> bool:
    """SSA rules: area not 000, 666 or 9xx; group not 00; serial not 0000."""
    return bool(ssn.is_valid(_digits(value)))


SSN = PatternRecognizer(
    name="ssn",
    entity="SSN",
    validate=is_ssn,
    patterns=(
        Pattern("3-2-4", regex.compile(LD + r"[0-9]{3}(?P<s>[- ])[0-9]{2}(?P=s)[0-9]{4}" + R),
                score=0.3, valid_score=0.75, invalid_score=0.15,
                run_lengths=(frozenset({3}), frozenset({2}), frozenset({4}))),
        Pattern("nine digits", regex.compile(LD + r"[0-9]{9}" + R), score=0.2, valid_score=0.2,
                invalid_score=0.05),
        Pattern("last four", regex.compile(
            r"\b" + caseless("ssn", "social\\s+security", "social\\s+security\\s+number")
            + r"\W{1,3}(?:\w+\W{1,3}){0,2}?" + caseless("ending", "ends") + r"\s+"
            + caseless("in", "with") + r"\s+(?P<v>[0-9]{4})" + R
            + r"|\b" + caseless("last") + r"\s+" + caseless("4", "four") + r"(?:\s+"
            + caseless("digits") + r")?\s+" + caseless("of") + r"\s+(?:" + caseless("my", "your", "the")
            + r"\s+)?" + caseless("ssn", "social", "social\\s+security",
                                   "social\\s+security\\s+number")
            # the answer on the same line, or on the next after a speaker ("SSN?\ncustomer: 6612")
            + r"(?:\W{1,4}(?:is\s+|are\s+)?|[?.]?[ \t]*\r?\n[ \t]*\w[\w ]{0,19}:[ \t]*)"
            r"(?P<v>[0-9]{4})" + R),
            score=0.85, group="v", validated=False, requires=frozenset({"ending", "ends", "last"})),
    ),
    context=Context(words=("ssn", "social security", "social security number", "ss number",
                           "ss no", "ss#", "social", "seguro social"), boost=0.45),
)


_ITIN_GROUPS = frozenset(range(50, 66)) | frozenset(range(70, 89)) | {90, 91, 92} \
    | frozenset(range(94, 100))


def is_itin(value: str) -> bool:
    """IRS rules: nine digits, the first 9, digits 4-5 in 50-65, 70-88, 90-92 or 94-99.

    python-stdnum's us.itin predates the IRS's 2011 extension to 50-65, so the ranges
    are checked here, as spec §3 gives them.
    """
    digits = _digits(value)
    return len(digits) == 9 and digits[0] == "9" and int(digits[3:5]) in _ITIN_GROUPS


US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER = PatternRecognizer(
    name="us_itin",
    entity="US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER",
    validate=is_itin,
    patterns=(
        Pattern("3-2-4", regex.compile(LD + r"9[0-9]{2}(?P<s>[- ])[0-9]{2}(?P=s)[0-9]{4}" + R),
                score=0.3, valid_score=0.8, invalid_score=0.0),
        Pattern("nine digits", regex.compile(LD + r"9[0-9]{8}" + R),
                score=0.2, valid_score=0.3, invalid_score=0.0),
    ),
    context=Context(words=("itin", "individual taxpayer identification number",
                           "taxpayer identification", "taxpayer identification number", "tax id",
                           "tin"), boost=0.45),
)


PASSPORT_NUMBER = PatternRecognizer(
    name="passport_number",
    entity="PASSPORT_NUMBER",
    patterns=(
        Pattern("letter and 8 digits", regex.compile(r"(?=[A-Z])" + _AL + r"[A-Z][0-9]{8}" + _AR), score=0.15),
        Pattern("6-9 alphanumerics", regex.compile(
            r"(?=[A-Z0-9])" + _AL + r"(?=[A-Z0-9]{0,8}[0-9])[A-Z0-9]{6,9}" + _AR), score=0.1),
    ),
    context=Context(words=("passport", "passports", "passport number", "passport no", "passport #",
                           "passport id", "travel document", "pasaporte"), boost=0.6),
)

DRIVER_ID = PatternRecognizer(
    name="driver_id",
    entity="DRIVER_ID",
    patterns=(
        # DVLA: five letters of the surname (9s pad it), the decade digit, the month (plus
        # 50 for women), the day, the year digit, two initials, a digit, two check letters
        Pattern("UK driving licence", regex.compile(  # regex finds its prefix: 6x faster than re
            r"(?<![\w-])[A-Z][A-Z9]{4}[0-9](?:[05][1-9]|[16][0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]"
            r"[A-Z][A-Z9][0-9][A-Z]{2}(?:[ ]?[0-9]{2})?(?![\w-])"), score=0.8,
            min_digits=6),  # the decade, month, day and year digits stand together
        Pattern("licence number", regex.compile(
            r"(?=[A-Z0-9])" + _AL + r"(?=[A-Z0-9*-]{0,18}[0-9])(?=[A-Z0-9]*[0-9]{3})(?=(?:[A-Z0-9][- ]?){5})"
            r"[A-Z0-9]{1,4}(?:[- ][A-Z0-9]{2,8}){0,3}[A-Z0-9]{0,12}" + _AR), score=0.1),
    ),
    context=Context(words=("driver's license", "drivers license", "driver license",
                           "driver's licence", "driving licence", "driving license",
                           "driver licence", "license number", "licence number", "dl", "dl number",
                           "licence", "license", "licences", "licenses", "driving licences",
                           "dl no", "driver id", "driver's id", "license no", "licencia",
                           "licencia de conducir"), boost=0.6,
                    negative=("plate", "plates", "vehicle", "vehicles", "registration")),
)

# HMRC: first letter not D F I Q U V; second not D F I O Q U V; some pairs never issued.
_NINO_RE = fast_compile(
    r"(?=[A-Z])(?<![\w-])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"(?:(?P<s>[ -]?)[0-9]{2}(?P=s)[0-9]{2}(?P=s)[0-9]{2}(?P=s)|[ -]?[0-9]{6}[ -]?)[A-D](?![\w-])")


def is_nino(value: str) -> bool:
    """The whole value obeys the prefix and suffix rules (the pattern already did)."""
    return _NINO_RE.fullmatch(value.upper()) is not None


UK_NATIONAL_INSURANCE_NUMBER = PatternRecognizer(
    name="uk_nino",
    entity="UK_NATIONAL_INSURANCE_NUMBER",
    patterns=(Pattern("AB123456C", _NINO_RE, score=0.8,
                      run_lengths=(frozenset({2, 6}),)),),  # AB 12 34 56 C, AB123456C
    context=Context(words=("national insurance", "ni number", "nino", "ni no", "insurance number"),
                    boost=0.15),
)


def is_nhs_number(value: str) -> bool:
    """Mod 11 check digit on ten digits (python-stdnum's gb.nhs)."""
    return bool(nhs.is_valid(_digits(value)))


UK_NATIONAL_HEALTH_SERVICE_NUMBER = PatternRecognizer(
    name="uk_nhs",
    entity="UK_NATIONAL_HEALTH_SERVICE_NUMBER",
    validate=is_nhs_number,
    patterns=(
        Pattern("3-3-4", regex.compile(LD + r"[0-9]{3}(?P<s>[ -])[0-9]{3}(?P=s)[0-9]{4}" + R),
                score=0.3, valid_score=0.3, invalid_score=0.2),
        Pattern("ten digits", regex.compile(LD + r"[0-9]{10}" + R), score=0.2, valid_score=0.25,
                invalid_score=0.1),
    ),
    context=Context(words=("nhs", "nhs number", "nhs no", "national health service",
                           "health service number", "nhs id"), boost=0.6),
)


def is_utr(value: str) -> bool:
    """HMRC's check digit in front of nine digits (python-stdnum's gb.utr)."""
    return bool(utr.is_valid(_digits(value)))


UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER = PatternRecognizer(
    name="uk_utr",
    entity="UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER",
    validate=is_utr,
    patterns=(
        Pattern("ten digits", regex.compile(LD + r"[0-9]{5} ?[0-9]{5}" + R), score=0.2,
                valid_score=0.3, invalid_score=0.1),
    ),
    context=Context(words=("utr", "unique taxpayer reference", "taxpayer reference",
                           "tax reference", "self assessment", "hmrc", "corporation tax"),
                    boost=0.6),
)


def is_sin(value: str) -> bool:
    """Luhn on nine digits, first digit not 0 or 8 (python-stdnum's ca.sin)."""
    return bool(sin.is_valid(_digits(value)))


CA_SOCIAL_INSURANCE_NUMBER = PatternRecognizer(
    name="ca_sin",
    entity="CA_SOCIAL_INSURANCE_NUMBER",
    validate=is_sin,
    patterns=(
        Pattern("3-3-3", regex.compile(LD + r"[0-9]{3}(?P<s>[ -])[0-9]{3}(?P=s)[0-9]{3}" + R),
                score=0.3, valid_score=0.4, invalid_score=0.15),
        Pattern("nine digits", regex.compile(LD + r"[0-9]{9}" + R), score=0.2, valid_score=0.25,
                invalid_score=0.05),
    ),
    context=Context(words=("sin", "social insurance", "social insurance number", "sin number",
                           "sin no", "nas", "numéro d'assurance sociale"), boost=0.5),
)

CA_HEALTH_NUMBER = PatternRecognizer(
    name="ca_health_number",
    entity="CA_HEALTH_NUMBER",
    patterns=(
        Pattern("4-3-3 (version code)", regex.compile(
            LD + r"[0-9]{4}(?P<s>[ -]?)[0-9]{3}(?P=s)[0-9]{3}"
            # a version code, not the label that follows ("... 848 IP address: ...")
            r"(?:(?P=s)[A-Z]{2}(?![ \t]*(?::|(?i:number|address|no)\b)))?" + R), score=0.15),
        Pattern("RAMQ", regex.compile(r"(?=[A-Z])" + _AL + r"[A-Z]{4} ?[0-9]{4} ?[0-9]{4}" + _AR), score=0.15),
    ),
    context=Context(words=("health card", "health number", "health card number", "ohip", "ramq",
                           "msp", "phn", "personal health number", "health insurance number",
                           "carte santé", "health service number", "alberta health", "ahcip"),
                    boost=0.65),
)


def is_aadhaar(value: str) -> bool:
    """Verhoeff check digit, first digit 2-9, not a palindrome (python-stdnum's in_.aadhaar)."""
    return bool(aadhaar.is_valid(_digits(value)))


IN_AADHAAR = PatternRecognizer(
    name="in_aadhaar",
    entity="IN_AADHAAR",
    validate=is_aadhaar,
    patterns=(
        Pattern("4-4-4", regex.compile(LD + r"[2-9][0-9]{3}(?P<s>[ -])[0-9]{4}(?P=s)[0-9]{4}" + R),
                score=0.2, valid_score=0.55, invalid_score=0.15),
        Pattern("twelve digits", regex.compile(LD + r"[2-9][0-9]{11}" + R), score=0.2,
                valid_score=0.3, invalid_score=0.05),
    ),
    context=Context(words=("aadhaar", "aadhar", "adhaar", "uidai", "uid", "aadhaar number",
                           "aadhaar no", "unique identification"), boost=0.45),
)


def is_pan(value: str) -> bool:
    """PAN structure with a known holder-type letter (python-stdnum's in_.pan)."""
    return bool(pan.is_valid(value))


IN_PERMANENT_ACCOUNT_NUMBER = PatternRecognizer(
    name="in_pan",
    entity="IN_PERMANENT_ACCOUNT_NUMBER",
    validate=is_pan,
    patterns=(
        Pattern("AAAPA9999A", regex.compile(r"(?=[A-Z])" + _AL + r"[A-Z]{5}[0-9]{4}[A-Z]" + _AR), score=0.2,
                valid_score=0.8, invalid_score=0.0),
    ),
    context=Context(words=("pan", "pan card", "pan number", "permanent account number",
                           "income tax"), boost=0.15),
)

_NREGA_STATES = (
    "AN|AP|AR|AS|BR|CH|CG|CT|DD|DL|DN|GA|GJ|HP|HR|JH|JK|KA|KL|LA|LD|MH|ML|MN|MP|MZ|NL|OD|OR|"
    "PB|PY|RJ|SK|TG|TN|TR|TS|UK|UP|UT|WB"
)

IN_NREGA = PatternRecognizer(
    name="in_nrega",
    entity="IN_NREGA",
    patterns=(
        Pattern("state code and 14 digits", fast_compile(
            r"(?=[A-Z]{2}[-/]?[0-9]{2})" + _AL + rf"(?:{_NREGA_STATES})(?P<s>[-/]?)[0-9]{{2}}(?:(?P=s)[0-9]{{3}}){{2}}(?P=s)?"
            r"[0-9]{3}(?:[-/][0-9]{3}|[0-9]{3})" + _AR), score=0.7, min_token=16),
    ),
    context=Context(words=("nrega", "mgnrega", "mgnregs", "job card", "jobcard", "nrega job card"),
                    boost=0.25),
)


def is_voter_number(value: str) -> bool:
    """EPIC structure and Luhn over the digits (python-stdnum's in_.epic)."""
    return bool(epic.is_valid(value)) and bool(luhn.is_valid(value[3:]))


IN_VOTER_NUMBER = PatternRecognizer(
    name="in_voter_number",
    entity="IN_VOTER_NUMBER",
    validate=is_voter_number,
    patterns=(
        Pattern("ABC1234567", regex.compile(r"(?=[A-Z])" + _AL + r"[A-Z]{3}[0-9]{7}" + _AR), score=0.2,
                valid_score=0.4, invalid_score=0.15),
    ),
    context=Context(words=("voter", "voter id", "voter card", "epic", "epic number",
                           "election commission", "electoral", "elector"), boost=0.45),
)
