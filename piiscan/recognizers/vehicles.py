"""Vehicle identification numbers and licence plates.

VEHICLE_IDENTIFICATION_NUMBER: 17 characters without I, O or Q (ISO 3779). The North
American check digit in place 9 sets the confidence; elsewhere a VIN word is needed.

>>> found(VEHICLE_IDENTIFICATION_NUMBER, "VIN 1HGCM82633A004352")
['1HGCM82633A004352']
>>> found(VEHICLE_IDENTIFICATION_NUMBER, "id 1HGCM82634A004352")
[]

LICENSE_PLATE: five to ten letters and digits beside plate words.

>>> found(LICENSE_PLATE, "license plate 7ABC123")
['7ABC123']
>>> found(LICENSE_PLATE, "model 7ABC123")
[]
"""

from __future__ import annotations

import regex

from piiscan.context import Context
from piiscan.recognizers.base import Pattern, PatternRecognizer, fast_compile, found

__all__ = ["LICENSE_PLATE", "VEHICLE_IDENTIFICATION_NUMBER", "found"]

_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)), "P": 7, "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_check_digit(vin: str) -> str:
    """The check character of a 17-character VIN (place 9), ``0``-``9`` or ``X``.

    >>> vin_check_digit("1HGCM82633A004352")
    '3'
    """
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin.upper(), _VIN_WEIGHTS, strict=False))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def is_vin(value: str) -> bool:
    """Seventeen legal characters with a correct check digit in place 9."""
    vin = value.upper()
    return (len(vin) == 17 and all(c in _VIN_VALUES for c in vin)
            and vin[8] == vin_check_digit(vin))


VEHICLE_IDENTIFICATION_NUMBER = PatternRecognizer(
    name="vin",
    entity="VEHICLE_IDENTIFICATION_NUMBER",
    validate=is_vin,
    patterns=(
        Pattern("17 characters", fast_compile(
            r"(?=[A-HJ-NPR-Z0-9])(?<![\w-])(?=[A-HJ-NPR-Z0-9]{0,16}[0-9])(?=[A-HJ-NPR-Z0-9]{0,16}[A-HJ-NPR-Z])"
            r"[A-HJ-NPR-Z0-9]{17}(?![\w-])"), score=0.3, valid_score=0.85, invalid_score=0.3,
            min_token=17),
    ),
    context=Context(words=("vin", "vehicle identification number", "vehicle identification",
                           "chassis", "chassis number", "vin number", "número de bastidor"),
                    boost=0.45),
)

def is_plate(value: str) -> bool:
    """Five to ten letters and digits (India's plates have ten), at least one of each."""
    compact = value.replace(" ", "").replace("-", "")
    return (5 <= len(compact) <= 10 and any(c.isdigit() for c in compact)
            and any(c.isalpha() for c in compact))


LICENSE_PLATE = PatternRecognizer(
    name="license_plate",
    entity="LICENSE_PLATE",
    validate=is_plate,
    patterns=(
        # formats that name themselves: Great Britain since 2001 (two letters, the age
        # identifier, three letters) and India (state code, district, series, number)
        Pattern("GB plate", regex.compile(
            r"(?<![\w-])[A-HJ-PR-Y][A-HJ-PR-Y](?:0[2-9]|1[0-9]|2[0-5]|5[1-9]|6[0-9]|7[0-5])[ ]?"
            r"[A-HJ-PR-Z]{3}(?![\w-])"), score=0.75, valid_score=0.75,
            run_lengths=(frozenset({2}),)),
        Pattern("Indian plate", fast_compile(
            r"(?=[A-Z])(?<![\w-])(?:AP|AR|AS|BR|CG|GA|GJ|HR|HP|JH|KA|KL|MP|MH|MN|ML|MZ|NL|OD|PB|RJ|SK|TN|TS|"
            r"TR|UP|UK|WB|AN|CH|DD|DL|JK|LA|LD|PY)[ -]?[0-9]{2}[ -]?[A-Z]{1,3}[ -]?[0-9]{4}(?![\w-])"),
            score=0.75, valid_score=0.75, run_lengths=(frozenset({2}), frozenset({4}))),
        Pattern("5-10 together", regex.compile(r"(?=[A-Z0-9])(?<![\w-])[A-Z0-9]{5,10}(?![\w-])"), score=0.1),
        Pattern("two groups", regex.compile(r"(?=[A-Z0-9])(?<![\w-])[A-Z0-9]{1,4}[ -][A-Z0-9]{1,5}(?![\w-])"),
                score=0.1),
        Pattern("three groups", regex.compile(
            r"(?=[A-Z0-9])(?<![\w-])[A-Z0-9]{1,3}[ -][A-Z0-9]{1,3}[ -][A-Z0-9]{1,3}(?![\w-])"), score=0.1),
        Pattern("four groups", regex.compile(
            r"(?=[A-Z])(?<![\w-])[A-Z]{2}[ -][0-9]{1,2}[ -][A-Z]{1,3}[ -][0-9]{1,4}(?![\w-])"), score=0.1),
    ),
    context=Context(words=("license plate", "licence plate", "plate", "plate number",
                           "number plate", "registration plate", "reg", "reg no", "registration number",
                           "tag number", "license plate number", "matrícula", "placa",
                           "plates", "number plates", "registration", "vehicle", "vehicles",
                           "car", "cars"),
                    negative=("code", "codes", "promo", "coupon", "voucher", "discount",
                              "postcode", "password", "pin"),
                    boost=0.6),
)
