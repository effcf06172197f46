"""DATE_TIME: dates, times, weekdays, month names, years and decades as people write them.

Spans follow Comprehend's examples: ``July 31st``, ``January 19, 2020``, ``11 am``,
``the 1990s``. Numeric dates are checked (month 1-12, day 1-31); versions, prices,
phone numbers, scores and IP addresses are not dates.

>>> found(DATE_TIME, "payment is due by July 31st. Call me Monday at 10:30 am.")
['July 31st', 'Monday at 10:30 am']
>>> found(DATE_TIME, "version 1.2.3, price $19.99, score 3-1, host 10.0.0.1")
[]
"""

from __future__ import annotations

import regex

from piiscan.recognizers.base import Context, Pattern, PatternRecognizer, found

__all__ = ["DATE_TIME", "found", "is_numeric_date"]

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_MONTH_CI = rf"(?i:{_MONTH})"
_WEEKDAY = r"(?i:(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?)"
_WEEKDAY_FULL = r"(?i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?)"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?i:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9][0-9]{2}|20[0-9]{2})"
_ZONE = r"(?:\s?(?:UTC|GMT|Z|[ECMP][SD]T|BST|CET|CEST|IST)(?:[+-][0-9]{1,2}(?::?[0-9]{2})?)?)"
_TIME = (r"(?:(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?"
         r"(?:\s?(?i:[ap]\.m\.?|[ap]m)(?!\w))?" + _ZONE + r"?"
         r"|(?:1[0-2]|0?[1-9])\s?(?i:[ap]\.m\.?|[ap]m|o'clock)(?!\w)" + _ZONE + r"?"
         r"|(?i:noon|midnight)(?!\w))")
_AT_TIME = rf"(?:,?\s+(?:(?i:at|@)\s+)?{_TIME})"
_TAIL = r"(?![\w/]|[.:-][0-9])"


def is_numeric_date(value: str) -> bool:
    """Three numbers that can be a calendar date (d/m/y, m/d/y or y-m-d).

    >>> is_numeric_date("07/31/2024"), is_numeric_date("31.07.2024"), is_numeric_date("13/13/2024")
    (True, True, False)
    """
    parts = regex.findall(r"[0-9]+", value)[:3]
    if len(parts) < 3:
        return False
    first, second, third = (int(p) for p in parts)
    if len(parts[0]) == 4:
        return 1 <= second <= 12 and 1 <= third <= 31
    day_month = 1 <= first <= 31 and 1 <= second <= 12
    month_day = 1 <= first <= 12 and 1 <= second <= 31
    return day_month or month_day


DATE_TIME = PatternRecognizer(
    name="date_time",
    entity="DATE_TIME",
    validate=is_numeric_date,
    patterns=(
        Pattern("ISO date-time", regex.compile(
            r"(?<![\w/.:-])" + _YEAR + r"-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
            r"(?:[T ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:[.,][0-9]{1,9})?)?"
            r"(?:Z|[+-](?:[01][0-9]|2[0-3]):?[0-5][0-9])?)?" + _TAIL), score=0.9),
        Pattern("numeric date", regex.compile(
            r"(?<![\w/.:$€£-])(?:[0-9]{1,2}(?P<s>[/-])[0-9]{1,2}(?P=s)(?:[0-9]{4}|[0-9]{2})"
            r"|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|" + _YEAR + r"(?P<t>[/.])[0-9]{1,2}(?P=t)[0-9]{1,2})"
            + _AT_TIME + r"?" + _TAIL), score=0.8, valid_score=0.8, invalid_score=0.0),
        Pattern("month day year", regex.compile(
            r"(?<!\w)(?:" + _WEEKDAY + r",?\s+)?" + _MONTH_CI + r"\.?\s+" + _DAY
            + r"(?:,?\s+" + _YEAR + r")?" + _AT_TIME + r"?(?![\w:])"), score=0.85, validated=False),
        Pattern("day month year", regex.compile(
            r"(?<!\w)(?:" + _WEEKDAY + r",?\s+)?(?:(?i:the)\s+)?" + _DAY + r"\s+(?:(?i:of)\s+)?"
            + _MONTH_CI + r"\.?(?:,?\s+" + _YEAR + r")?" + _AT_TIME + r"?(?![\w:])"),
            score=0.85, validated=False),
        Pattern("month year", regex.compile(
            r"(?<!\w)" + _MONTH_CI + r"\.?,?\s+(?:of\s+)?" + _YEAR + r"(?!\w)"), score=0.75,
            validated=False),
        Pattern("weekday", regex.compile(
            r"(?<!\w)(?:(?i:next|last|this|coming|every|on)\s+)?" + _WEEKDAY_FULL
            + r"(?:\s+(?i:morning|afternoon|evening|night))?" + _AT_TIME + r"?(?!\w)"),
            score=0.75, validated=False),
        Pattern("time", regex.compile(r"(?<![\w:.$€£/-])" + _TIME + r"(?![\w:]|\.[0-9])"),
                score=0.75, validated=False),
        Pattern("month alone", regex.compile(
            r"(?<!\w)(?:(?:January|February|April|July|September|October|November|December)"
            r"(?!\s+\p{Lu})|(?<=(?i:\b(?:in|during|since|until|till|by|of|early|late|mid|last|next|"
            r"this|every)\s))(?:May|March|June|August))(?!\w)"), score=0.6, validated=False),
        Pattern("decade", regex.compile(
            r"(?<!\w)(?:(?i:the|early|late|mid)[\s-]+)?(?:(?:1[5-9]|20)[0-9]0'?s|'[0-9]0s)(?!\w)"),
            score=0.8, validated=False),
        Pattern("year", regex.compile(r"(?<![\w.,/$€£#:-])" + _YEAR + r"(?![\w%/]|[.,:-][0-9])"),
                score=0.35, validated=False),
    ),
    context=Context(
        words=("in", "since", "until", "till", "from", "by", "year", "born", "birth", "dob",
               "date of birth", "date", "during", "before", "after", "around", "circa", "summer",
               "winter", "spring", "autumn", "fall", "when", "on", "de", "desde", "fecha"),
        boost=0.3,
        negative=("exp", "expiry", "expires", "expiration", "valid thru", "good thru",
                  "version", "ver", "v"),
    ),
)
