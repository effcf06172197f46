"""Ages, user names and passwords (person names are in `names`).

AGE: a number of years (or months, weeks, days) said of a person: ``40 years`` in
"I am 40 years old", ``67`` in "aged 67".

>>> found(AGE, "I am 40 years old; my father, aged 67, is retired.")
['40 years', '67']
>>> found(AGE, "the bond matures in 40 years")
[]

USERNAME: the value after a login cue, or an @handle.

>>> found(USERNAME, "user: jdoe_1984, follow @privacy_team")
['jdoe_1984', '@privacy_team']
>>> found(USERNAME, "the username is required; mail jdoe@example.com")
[]

PASSWORD: the value after a password cue.

>>> found(PASSWORD, "password: *very20special#pass* and pwd=hunter2")
['*very20special#pass*', 'hunter2']
>>> found(PASSWORD, "the password is required")
[]
"""

from __future__ import annotations

import regex

from piiscan.context import Context
from piiscan.recognizers import gazetteers
from piiscan.recognizers.base import Pattern, PatternRecognizer, caseless, found

__all__ = ["AGE", "PASSWORD", "USERNAME", "found"]

_AGE_NUMBER = r"(?:1[0-2][0-9]|[1-9]?[0-9])"
_AGE_UNIT = caseless("years", "year", "yrs", "yr", "months", "month", "mos", "mo", "weeks", "week",
                     "wks", "wk", "days", "day")

AGE = PatternRecognizer(
    name="age",
    entity="AGE",
    patterns=(
        Pattern("N years old", regex.compile(
            rf"(?=[0-9])(?<![\w.,$-])(?P<v>{_AGE_NUMBER}[ -]?{_AGE_UNIT})(?=[ -]+" + caseless("old") + r"\b)"),
            score=0.85, group="v", requires=frozenset({"old"}), digit_led=True),
        Pattern("N y/o", regex.compile(
            rf"(?=[0-9])(?<![\w.,$-])(?P<v>{_AGE_NUMBER}[ -]?"
            + caseless("y/o", "y\\.o\\.", "yo", "yrs old", "yr old") + r")(?![\w/])"),
            score=0.85, group="v", requires=frozenset({"y", "yo", "yrs", "yr"}), digit_led=True),
        Pattern("N years of age", regex.compile(
            rf"(?=[0-9])(?<![\w.,$-])(?P<v>{_AGE_NUMBER}[ -]?" + caseless("years", "year") + r")(?=\s+"
            + caseless("of") + r"\s+" + caseless("age") + r"\b)"), score=0.85, group="v",
            requires=frozenset({"age"}), digit_led=True),
        Pattern("aged N", regex.compile(
            r"\b" + caseless("aged", "age", "ages", "age\\s+is", "age\\s+of", "turned", "turning",
                             "turns", "edad") + r"\s*[:=]?\s*"
            rf"(?P<v>{_AGE_NUMBER}(?:[ -]?{_AGE_UNIT})?)(?![\w:/]|[.,][0-9])"), score=0.8,
            group="v", requires=frozenset({"aged", "age", "ages", "turned", "turning", "turns",
                                           "edad"})),
        Pattern("will turn N", regex.compile(
            r"(?:\b" + caseless("will", "to", "gonna", r"going\s+to") + r"|['’]ll)\s+"
            + caseless("turn") + rf"\s+(?P<v>{_AGE_NUMBER})(?=\s*(?:[.!?,;]|$|"
            + caseless("next", "this", "on", "in", "today", "tomorrow") + r"\b))"),
            score=0.8, group="v", requires=frozenset({"turn"})),
        Pattern("when he was N", regex.compile(
            r"\b" + caseless("when", "since") + r"\s+(?:i|I|he|He|she|She|we|We|they|They|you|You)"
            r"\s+" + caseless("was", "were", "turned")
            + rf"\s+(?P<v>{_AGE_NUMBER})(?=\s*(?:[.!?;]|,(?!\s*[0-9])|$))"),
            score=0.75, group="v", requires=frozenset({"when", "since"})),
    ),
    context=Context(words=("old", "age", "aged", "years old", "birthday", "edad"), boost=0.1,
                    shared_penalties=False),
)

_NOT_CREDENTIALS = frozenset("none null nil true false undefined self cls this owner group name "
                             "user username uname password passwd pwd pass passcode login str int "
                             "string required optional empty blank hidden".split())


def is_plausible_credential(value: str) -> bool:
    """Not a code value (None, True, self.x, f(...)), nor a cue word, nor an ordinary word.

    >>> is_plausible_credential("jdoe_1984"), is_plausible_credential("None")
    (True, False)
    """
    if value.startswith("@"):
        return True
    lower = value.lower()
    if lower in _NOT_CREDENTIALS or "(" in value or lower.startswith(("self.", "os.", "cls.")):
        return False
    return not (value.isalpha() and value.islower() and lower in gazetteers.frequent_words())


_USER_WORDS = frozenset({"user", "username", "userid", "login", "log", "screen", "screenname",
                         "handle", "nick", "nickname", "account", "uname", "u", "usuario"})
_USER_CUE = (r"\b" + caseless("username", "user name", "userid", "user id", "user", "login name",
                              "login id", "login", "log-in", "screen name", "screenname", "handle",
                              "nickname", "nick", "account name", "uname", "u/n", "usuario",
                              "nombre de usuario") + r"\b")
_USER_VALUE = r"[A-Za-z0-9][\w.@+-]{1,63}[\w]"
# At-words of code and style sheets, never handles: CSS at-rules, Sass, doc-comment tags,
# Objective-C and Java keywords ('@media screen', '@param name', '@Override').
_AT_KEYWORDS = frozenset(
    "media import font-face keyframes charset supports page namespace layer container "
    "tailwind apply include mixin extend use forward each if else return returns param "
    "throws throw see since author deprecated version interface implementation "
    "end property synthesize protocol Override SuppressWarnings FunctionalInterface".split())

USERNAME = PatternRecognizer(
    name="username",
    entity="USERNAME",
    validate=is_plausible_credential,
    patterns=(
        Pattern("cue: value", regex.compile(
            _USER_CUE + r"\s*[:=]\s*[\"'`]?(?!\p{Lu}\p{Ll}+[ \t]+\p{Lu}(?:\p{Ll}|\.|[ \t]))"  # "User: Vilma Holm"
            r"(?P<v>" + _USER_VALUE + r")"), score=0.85, group="v",
            requires=_USER_WORDS),
        Pattern("cue is value", regex.compile(
            _USER_CUE + r"\s+" + caseless("is", "was", "es") + r"\s+[\"'`]?(?P<v>(?=[\w.@+-]*[0-9_.])"
            + _USER_VALUE + r")"), score=0.8, group="v", requires=_USER_WORDS),
        Pattern("log in as value", regex.compile(
            r"\b" + caseless("log in", "login", "logged in", "sign in", "signed in") + r"\s+"
            + caseless("as") + r"\s+(?:" + caseless("user") + r"\s+)?[\"'`]?"
            r"(?P<v>(?=[\w.@+-]*[0-9_.])" + _USER_VALUE + r")"), score=0.8, group="v",
            requires=frozenset({"as"})),
        Pattern("@handle", regex.compile(
            r"(?<![\w@.&/+-])(?!@(?:" + "|".join(sorted(_AT_KEYWORDS)) + r")\b)"
            r"(?:(?<!^[ \t]*)|(?!@\w+[ \t]*(?:\r?\n|\Z)))"  # a line of its own: a decorator
            r"@[A-Za-z_][A-Za-z0-9_]{1,30}(?![\w@]|\.[A-Za-z0-9]|\()",
            regex.M), score=0.6, needs=("@",)),
    ),
    context=Context(words=("username", "user", "login", "handle", "follow", "twitter", "instagram",
                           "account"), boost=0.15, shared_penalties=False),
)

_PASSWORD_WORDS = frozenset({"password", "passwd", "pass", "pwd", "passcode", "passphrase", "pw",
                             "contraseña", "clave"})
_PASSWORD_CUE = (r"\b" + caseless("password", "passwd", "pass word", "pwd", "passcode", "passphrase",
                                  "pass phrase", "pw", "pass", "contraseña", "clave") + r"\b")
_PASSWORD_VALUE = r"[^\s\"'`]{3,63}[^\s\"'`.,;:)]"

PASSWORD = PatternRecognizer(
    name="password",
    entity="PASSWORD",
    validate=is_plausible_credential,
    patterns=(
        Pattern("cue: value", regex.compile(
            _PASSWORD_CUE + r"\s*(?:[:=]|->|=>)\s*[\"'`]?(?P<v>" + _PASSWORD_VALUE + r")"),
            score=0.85, group="v", requires=_PASSWORD_WORDS),
        Pattern("cue is value", regex.compile(
            _PASSWORD_CUE + r"\s+" + caseless("is", "was", "es", "set to", "changed to")
            + r"\s*:?\s*[\"'`]?"
            r"(?P<v>(?=[^\s]*[0-9!@#$%^&*_+=~|<>?/\\-])" + _PASSWORD_VALUE + r")"),
            score=0.8, group="v", requires=_PASSWORD_WORDS),
    ),
)
