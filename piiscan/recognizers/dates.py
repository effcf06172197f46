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

from piiscan.context import Context
from piiscan.recognizers import lexicons
from piiscan.recognizers.base import Pattern, PatternRecognizer, caseless, fast_compile, found

__all__ = ["DATE_TIME", "found", "is_numeric_date"]

_MONTH = caseless(*lexicons.MONTHS)
_WEEKDAY = caseless(*lexicons.WEEKDAYS)
_WEEKDAY_FULL = "(?:" + "|".join(
    form for word in ("mondays", "monday", "tuesdays", "tuesday", "wednesdays", "wednesday",
                      "thursdays", "thursday", "fridays", "friday", "saturdays", "saturday",
                      "sundays", "sunday")
    for form in (word, word.capitalize())) + ")"  # not UPPER: MONDAY is a constant in code
_NOT_CODE = r"(?![ \t]*(?:=[^=]|\(|\.[A-Za-z_]))(?<!\.[A-Za-z]*)"
_MONTH_WORDS = frozenset(lexicons.MONTHS)
_WEEKDAY_WORDS = frozenset(lexicons.WEEKDAYS) | frozenset(
    f"{day}s" for day in lexicons.WEEKDAYS if day.endswith("day"))
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th|ST|ND|RD|TH)?"
_YEAR = r"(?:1[5-9][0-9]{2}|20[0-9]{2})"
_ZONE = r"(?:\s?(?:UTC|GMT|Z|[ECMP][SD]T|BST|CET|CEST|IST)(?:[+-][0-9]{1,2}(?::?[0-9]{2})?)?)"
_MERIDIEM = r"(?:[AaPp]\.[Mm]\.?|[AaPp][Mm])"
_TIME = (r"(?:(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?"
         r"(?:\s?" + _MERIDIEM + r"(?!\w))?" + _ZONE + r"?"
         r"|(?:1[0-2]|0?[1-9])\s?(?:" + _MERIDIEM + r"|o'clock)(?!\w)" + _ZONE + r"?"
         r"|" + caseless("noon", "midnight") + r"(?!\w))")
# A time on its own needs seconds, am/pm, a zone or o'clock: a bare "13:14" may be a
# ratio or a score, so it is a separate, weaker pattern that context must confirm.
# (Its clock readings and its words are two patterns: no match of one can overlap one of
# the other, and each has its own skip.)
_CLOCK_STANDALONE = (
    r"(?:(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?"
    r"(?:\s?" + _MERIDIEM + r"(?!\w))?" + _ZONE + r"?|\s?" + _MERIDIEM + r"(?!\w)" + _ZONE + r"?"
    r"|" + _ZONE + r"(?!\w))"
    r"|(?:1[0-2]|0?[1-9])\s?(?:" + _MERIDIEM + r"|o'clock)(?!\w)" + _ZONE + r"?)")
_NOON_STANDALONE = "(?:" + caseless("noon", "midnight") + r"(?!\w))"
_AT_TIME = r"(?:,?\s+(?:" + caseless("at") + r"\s+|@\s+)?" + _TIME + r")"
_TAIL = r"(?![\w/%]|[.:-][0-9])"


# Month/day without a year ("admitted 3/14", "since 8/30") is a date in notes and
# letters, but the same shape is a fraction ("1/2 NS"), a score ("pain 5/10", "4/5
# stars") or a setting ("CPAP 5/5 35%"). These tables say which: words that make the
# number after them a ratio, words that make the number before them one, the
# fractions people write, and the cues and times that make it a date.
_RATIO_WORDS_BEFORE = (
    "ps", "cpap", "bipap", "peep", "psv", "simv", "imv", "ipap", "epap", "pap", "vent",
    "ventilation", "ventilator", "mask", "pain", "rating", "rated", "rates", "cp", "score",
    "scored", "scores", "strength", "murmur", "sem", "grade", "graded", "gcs", "d5", "x",
    "ratio", "odds", "won", "lost", "beat", "beats", "led", "leads", "vote", "votes",
    "voted", "page", "pages", "step", "steps", "part", "parts", "chapter", "episode",
    "season", "game", "games", "set", "sets", "round", "bl", "blood", "cx", "iop", "reps",
    "sets", "split", "record", "went")
_RATIO_WORDS_AFTER = (
    "ns", "nss", "strength", "way", "dose", "doses", "tab", "tabs", "tablet", "cup", "cups",
    "tsp", "tbsp", "inch", "inches", "mile", "miles", "lb", "lbs", "oz", "stars", "star",
    "majority", "price", "off", "split", "odds", "ratio", "pulses", "liters", "nph",
    "murmur", "sem", "vision", "power", "in", "of", "bl", "blood", "cx", "cultures", "pain",
    "cp")
_FRACTIONS = r"(?:1/[2-8]|2/[3-5]|3/[4-8]|4/5|5/[6-8]|7/8)"
_DATE_CUES_BEFORE = (
    "on", "since", "from", "until", "till", "by", "before", "after", "through", "thru",
    "admitted", "adm", "admission", "discharged", "note", "notes", "dated", "date", "done",
    "placed", "started", "stopped", "cultured", "culture", "extubated", "intubated",
    "seen", "due", "last", "as of", "effective", "starting", "beginning", "ending",
    "expected", "scheduled", "visit", "surgery", "s/p", "approx", "for", "off")
_MONTH_NUMBER = r"(?:1[0-2]|0?[1-9])"
_DAY_OVER_12, _DAY_TO_12 = r"(?:3[01]|[12][0-9])", r"(?:1[0-2]|0?[1-9])"
_MONTH_DAY = _MONTH_NUMBER + r"/(?:3[01]|[12][0-9]|0?[1-9])"
_MONTH_DAY_LEAD = (
    r"(?=[0-9])(?<![\w/.:$€£#%+*=^-])(?<![0-9][ \t])"
    r"(?<!\b" + caseless(*_RATIO_WORDS_BEFORE) + r"[ \t/:,&-]{1,3}(?:(?:on|of|at|to|is|was|"
    r"as|@)[ \t]+)?)(?<!%[ \t,&]{0,4})(?!" + _FRACTIONS + r"(?![0-9]))")
_MONTH_DAY_TAIL = (
    r"(?![\w/%]|[.:-][0-9]|-\.[0-9]|[ \t]*,?[ \t]*[0-9.]+[ \t]*%|[ \t]+" + caseless(*_RATIO_WORDS_AFTER)
    + r"\b)")
_CLOCK_AFTER = (
    r"(?=[ \t]*(?:@[ \t]*)?(?:(?:[01][0-9]|2[0-3])[0-5][0-9](?![\w/.:])|" + _TIME
    + r"|" + caseless("am", "pm", "eves", "evening", "morning", "afternoon", "night", "noc",
                      "overnight") + r"\b))")
_MONTH_DAY_CUED = (
    r"(?=[0-9]{1,2}/[0-9])(?:(?<=(?:\A|\n)[ \t*>•-]{0,8})|(?<=\(|\b" + caseless(*_DATE_CUES_BEFORE)
    + r"[ \t]+))" + _MONTH_DAY_LEAD + _MONTH_DAY + _MONTH_DAY_TAIL
    + r"|" + _MONTH_DAY_LEAD + _MONTH_DAY + _MONTH_DAY_TAIL + _CLOCK_AFTER)

# Readings given in tens ("HR in the 70's", "sats in the mid 90s") are no decades.
_MEASURES = ("hr", "heart rate", "rate", "rates", "sat", "sats", "spo2", "o2", "sbp", "dbp",
             "bp", "map", "maps", "rr", "nsr", "sr", "temp", "temps", "pulse", "glucose", "fs",
             "desat", "desats", "desatted", "desaturated", "desaturates", "cvp", "hct", "afib",
             "pressure", "pressures", "score", "scores", "temperature", "temperatures",
             "degrees", "speed", "speeds", "mph", "sats'", "bpm")
# Words of notes that give readings: there "the 70's" is a heart rate, not a decade.
_CLINICAL_MEASURE_WORDS = frozenset(
    "hr bp sbp dbp rr sats sat spo2 sao2 o2 map nsr cvp desat desats desating desatted "
    "tachypneic tachypenic hypotensive bradycardic tachycardic vent fio2 peep".split())
# a day.month.yy date ("seen 14.6.22") is looked for only in texts with such words
_SHORT_DATE_CUES = frozenset(
    "on since seen from until till date dated born dob admitted discharged visit visited "
    "appointment due by before after am pm".split())
_DIGIT_RUN_RE = regex.compile(r"[0-9]+")


def is_numeric_date(value: str) -> bool:
    """Three numbers that can be a calendar date (d/m/y, m/d/y or y-m-d).

    >>> is_numeric_date("07/31/2024"), is_numeric_date("31.07.2024"), is_numeric_date("13/13/2024")
    (True, True, False)
    """
    parts = _DIGIT_RUN_RE.findall(value)[:3]
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
        Pattern("ISO date-time",
            r"(?=[12])(?<![\w/.:-])" + _YEAR + r"-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
            r"(?:[T ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:[.,][0-9]{1,9})?)?"
            r"(?:Z|[+-](?:[01][0-9]|2[0-3]):?[0-5][0-9])?)?" + _TAIL, score=0.9, joints="-"),
        Pattern("numeric date", fast_compile(
            r"(?=[0-9]{1,4}[/.-][0-9])(?<![\w/.:$€£-])(?:[0-9]{1,2}(?P<s>[/-])[0-9]{1,2}(?P=s)(?:[0-9]{4}|[0-9]{2})"
            r"|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|" + _YEAR + r"(?P<t>[/.])[0-9]{1,2}(?P=t)[0-9]{1,2})"
            + _AT_TIME + r"?" + _TAIL), score=0.8, valid_score=0.8, invalid_score=0.0, digit_led=True,
            joints="/.-"),
        Pattern("month/day after a cue", _MONTH_DAY_CUED, score=0.8,
                validated=False, needs=("/",), joints="/", digit_led=True),
        Pattern("month/day, day over 12",
            _MONTH_DAY_LEAD + _MONTH_NUMBER + "/" + _DAY_OVER_12 + _MONTH_DAY_TAIL,
            score=0.6, validated=False, needs=("/",), joints="/"),
        Pattern("month/day",
            _MONTH_DAY_LEAD + _MONTH_NUMBER + "/" + _DAY_TO_12 + _MONTH_DAY_TAIL,
            score=0.45, validated=False, needs=("/",), joints="/"),
        Pattern("day-month-year",
            r"(?=[0-9])(?<![\w./-])(?:3[01]|[12][0-9]|0?[1-9])-" + _MONTH + r"-(?:" + _YEAR
            + r"|[0-9]{2})(?![\w-]|[.:/][0-9])", score=0.85, validated=False,
            requires=_MONTH_WORDS),
        Pattern("month/year", fast_compile(
            r"(?<![\w/.:$€£-])(?:0?[1-9]|1[0-2])/(?:19[5-9][0-9]|20[0-9]{2})(?![\w/%]|[.:-][0-9])"),
            score=0.6, validated=False, needs=("/19", "/20"), joints="/", digit_led=True),
        Pattern("day.month.yy", fast_compile(
            r"(?<![\w/.:$€£-])(?:3[01]|[12][0-9]|0?[1-9])\.(?:1[0-2]|0?[1-9])\.[0-9]{2}"
            r"(?![\w/%]|[.:-][0-9])"), score=0.45, validated=False, requires=_SHORT_DATE_CUES,
            joints=".", digit_led=True),
        Pattern("month day year",
            r"(?<!\w)(?:" + _WEEKDAY + r",?\s+)?" + _MONTH + r"\.?\s+" + _DAY
            + r"(?:,?\s+" + _YEAR + r")?" + _AT_TIME + r"?(?![\w:])", score=0.85, validated=False,
            requires=_MONTH_WORDS),
        Pattern("day month year",
            r"(?=[0-9])(?<![\w.,/-])" + _DAY + r"\s+(?:" + caseless("of") + r"\s+)?"
            + _MONTH + r"\.?(?:,?\s+" + _YEAR + r")?" + _AT_TIME + r"?(?![\w:])",
            score=0.85, validated=False, requires=_MONTH_WORDS, digit_led=True),
        Pattern("month year",
            r"(?<!\w)" + _MONTH + r"(?:\.?,?\s+(?:of\s+)?|-)" + _YEAR + r"(?!\w)", score=0.75,
            validated=False, requires=_MONTH_WORDS),
        Pattern("weekday",
            r"(?<!\w)(?:" + caseless("next", "last", "this", "coming") + r"\s+)?"
            + _WEEKDAY_FULL + r"(?:\s+" + caseless("morning", "afternoon", "evening", "night")
            + r")?" + _AT_TIME + r"?(?!\w)" + _NOT_CODE, score=0.75, validated=False,
            requires=_WEEKDAY_WORDS),
        Pattern("time", fast_compile(r"(?=[0-9])(?<![\w:.$€£/\[-])" + _CLOCK_STANDALONE
                                      + r"(?![\w:\]]|\.[0-9])"),
                score=0.75, validated=False, needs=(":", "m", "M", "o'clock"),
                run_lengths=(frozenset({1, 2}),), digit_led=True),  # the hour
        Pattern("noon or midnight", fast_compile(r"(?=[nNmM])(?<![\w:.$€£/\[-])" + _NOON_STANDALONE
                                                 + r"(?![\w:\]]|\.[0-9])"),
                score=0.75, validated=False, requires=frozenset({"noon", "midnight"})),
        Pattern("bare H:MM",
            r"(?=[0-9])(?<![\w:.$€£/\[-])(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?![\w:\]]|[.,][0-9]|\s?"
            r"(?:[AaPp]\.?[Mm]|UTC|GMT|Z\b))", score=0.4, validated=False, needs=(":",), joints=":"),
        Pattern("month alone",
            r"(?<!\w)(?:(?:January|February|April|July|September|October|November|December)"
            r"(?!\s+\p{Lu})|(?<=\b" + caseless("in", "during", "since", "until", "till", "by", "of",
                                                 "early", "late", "mid", "last", "next", "this",
                                                 "every") + r"\s)(?:May|March|June|August))(?!\w)"
            + _NOT_CODE,
            score=0.6, validated=False, requires=_MONTH_WORDS),
        Pattern("decade",
            r"(?<!\w)(?:" + caseless("the", "early", "late", "mid") + r"[\s-]+)?"
            r"(?:(?:1[5-9]|20)[0-9]0'?s|'[0-9]0s)(?!\w)", score=0.8, validated=False,
            needs=("0s", "0's")),
        Pattern("decade in two digits",
            r"(?<!\w)(?<!\b" + caseless(*_MEASURES) + r"\b[^.\n]{0,24})"
            + caseless("the", "early", "late", "mid") + r"[\s-]+[2-9]0'?s(?!\w)", score=0.8,
            validated=False, needs=("0s", "0's"), excluded_by=_CLINICAL_MEASURE_WORDS),
        Pattern("year",
            r"(?=[12])(?<![\w.,/$€£#:-])(?<![+*/%=<>][ \t]*)" + _YEAR
            + r"(?![\w%/]|[.,:-][0-9]|[ \t]*[+*/%=<>])",
                score=0.35, validated=False, run_lengths=(frozenset({4}),)),
    ),
    context=Context(
        words=("in", "since", "until", "till", "from", "by", "year", "born", "birth", "dob",
               "date of birth", "date", "during", "before", "after", "around", "circa", "summer",
               "winter", "spring", "autumn", "fall", "when", "on", "de", "desde", "fecha", "at",
               "time", "starts", "begins", "ends", "meeting", "appointment", "call", "today",
               "tomorrow", "tonight", "yesterday", "morning", "afternoon", "evening", "deadline",
               "due", "hora", "a las", "act", "class of", "film", "movie", "album",
               "election", "census", "vintage", "olympics", "founded", "established", "built"),
        boost=0.3,
        negative=("exp", "expiry", "expires", "expiration", "valid thru", "good thru",
                  "version", "ver", "v"),
    ),
)
