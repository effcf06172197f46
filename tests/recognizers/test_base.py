"""Patterns given as source: compiled the first time a document needs them, once."""

import subprocess
import sys

import regex

from piiscan.recognizers.base import Pattern, PatternRecognizer, found


def test_a_pattern_given_as_source_compiles_on_first_use_and_keeps_it():
    pattern = Pattern("eight digits", r"(?<![0-9])[0-9]{8}(?![0-9])", score=0.6)
    assert pattern.compiled is None
    recognizer = PatternRecognizer(name="demo", entity="DEMO_ID", patterns=(pattern,))
    assert found(recognizer, "id 12345678 and 1234") == ["12345678"]
    assert isinstance(pattern.compiled, regex.Pattern)
    assert pattern.compile() is pattern.compiled
    assert pattern.compiled.pattern == pattern.regex


def test_a_compiled_pattern_is_used_as_given():
    compiled = regex.compile(r"x+")
    assert Pattern("x", compiled, score=0.5).compile() is compiled


def test_importing_piiscan_compiles_no_deferred_pattern():
    code = ("import piiscan\n"
            "from piiscan.api import DEFAULT_SCANNER as S\n"
            "patterns = [p for s in S.stages for p in getattr(s.recognizer, 'patterns', ())\n"
            "            if isinstance(p.regex, str)]\n"
            "assert len(patterns) > 20, len(patterns)\n"
            "assert all(p.compiled is None for p in patterns)\n"
            "piiscan.detect_pii_entities('Meet me at 221 Baker Street, London NW1 6XE on 3/14')\n"
            "assert any(p.compiled is not None for p in patterns)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
