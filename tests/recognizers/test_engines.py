"""Patterns compiled with the standard library's `re` (for speed) find what `regex` finds."""

import json
import random
import re
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from piiscan.entities import EntityType
from piiscan.recognizers import DEFAULT, name_evidence, names
from piiscan.recognizers.base import PatternRecognizer
from piiscan.testing.documents import build_document
from piiscan.testing.values import RandomChooser
from tests.recognizers.cases import NEGATIVES, POSITIVES

ROOT = Path(__file__).resolve().parents[2]

FAST_PATTERNS = [
    pytest.param(pattern.regex, id=f"{recognizer.name}:{pattern.name}")
    for recognizer in DEFAULT if isinstance(recognizer, PatternRecognizer)
    for pattern in recognizer.patterns if isinstance(pattern.regex, re.Pattern)
]


def _texts() -> list[str]:
    texts = []
    for corpus in ("hard_cases.jsonl", "synthetic_mixed.jsonl"):
        for line in (ROOT / "corpora" / corpus).read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["text"])
    for cases in (POSITIVES, NEGATIVES):
        for examples in cases.values():
            texts.extend(regex.sub(r"\[\[[A-Z_]+:(.*?)\]\]", r"\1", e) for e in examples)
    chooser = RandomChooser(random.Random(7))
    types = [t.value for t in EntityType]
    for index in range(300):
        texts.append(build_document(chooser, types, entity_count=index % 7, filler_count=3,
                                    unicode=index % 3 == 0, hard_negatives=index % 4).text)
    return texts


TEXTS = _texts()


def _spans(compiled, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in compiled.finditer(text)]


def test_some_patterns_use_re():
    assert len(FAST_PATTERNS) >= 5


@pytest.mark.parametrize("compiled", FAST_PATTERNS)
def test_re_and_regex_agree_on_corpora_and_generated_text(compiled):
    twin = regex.compile(compiled.pattern)  # fast_compile takes no flags
    for text in TEXTS:
        assert _spans(compiled, text) == _spans(twin, text), text


@pytest.mark.parametrize("compiled", FAST_PATTERNS)
@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("0123456789 -/.:+AaBbXxMmPpé٣\n"), max_size=60))
def test_re_and_regex_agree_on_digit_soup(compiled, text):
    twin = regex.compile(compiled.pattern)  # fast_compile takes no flags
    assert _spans(compiled, text) == _spans(twin, text)


BACKWARD_PATTERNS = [
    pytest.param(value, id=f"{module.__name__.rsplit('.', 1)[-1]}.{name}")
    for module in (names, name_evidence) for name, value in sorted(vars(module).items())
    if isinstance(value, regex.Pattern) and value.flags & regex.REVERSE
]


def _found_backward(compiled, text: str, start: int, width: int) -> bool:
    return compiled.search(text, max(0, start - width), start) is not None


def test_names_searches_some_windows_backward():
    assert len(BACKWARD_PATTERNS) >= 10


@pytest.mark.parametrize("compiled", BACKWARD_PATTERNS)
def test_backward_window_searches_find_what_forward_ones_find(compiled):
    forward = regex.compile(compiled.pattern, compiled.flags & ~regex.REVERSE)
    for text in TEXTS[::3]:
        for start in range(len(text) + 1):
            for width in (5, 16, 60):
                assert _found_backward(compiled, text, start, width) == \
                    _found_backward(forward, text, start, width), (text, start, width)


@pytest.mark.parametrize(("compiled", "last_words"), [
    pytest.param(name_evidence.STRONG_CUE_BEFORE_RE, name_evidence.STRONG_CUE_LAST_WORDS,
                 id="strong cues"),
    pytest.param(name_evidence.IMPERATIVE_BEFORE_RE, name_evidence.IMPERATIVES, id="imperatives"),
])
def test_the_cheap_cue_test_never_says_no_where_the_regex_finds_a_cue(compiled, last_words):
    texts = [*TEXTS, "my name is\nJo", "x-dear Bo", "i'm  Al", "R.I.P: Ann", "THANK YOU, Max", "feat. Bo", "shout out to\n> Mo", "please Call Bob", "(Ask Ann"]
    found = 0
    for text in texts:
        for start in range(len(text) + 1):
            if compiled.search(text, max(0, start - 24), start):
                found += 1
                assert name_evidence.may_follow(text, start, last_words), (text, start)
    assert found > 20  # the texts do hold cues: the test proves something
