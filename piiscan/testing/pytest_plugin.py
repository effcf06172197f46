"""The pytest plugin (entry point `piiscan`): fixtures for testing PII tools.

Installed with piiscan; it imports nothing heavy, so it is harmless where unused. The
fixtures are session-scoped (they hold no state), so Hypothesis' `@given` tests can use
them as they are:

    from hypothesis import given
    from piiscan.strategies import documents

    @given(doc=documents(entity_types=["EMAIL", "SSN"], min_entities=1))
    def test_my_tool_finds_planted_pii(doc, pii_misses):
        assert pii_misses(doc, my_tool(doc.text)) == []

`pii_misses(document, found)` compares what a tool found, `(begin, end, type)` tuples
or Comprehend-shaped dicts, with the planted truth and lists what is wrong.
`pii_scanner` is piiscan's default `Scanner`, for comparing against piiscan.
`piiscan_endpoint` is the URL of a real `piiscan serve` on a free loopback port for the
test session (the `server` extra), for boto3 or the AWS CLI with `endpoint_url`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest


def _triples(found: Any) -> set[tuple[int, int, str]]:
    if isinstance(found, dict):
        found = found.get("Entities", [])
    result = set()
    for item in found:
        if isinstance(item, dict):
            result.add((item["BeginOffset"], item["EndOffset"], item["Type"]))
        elif hasattr(item, "start"):
            result.add((item.start, item.end, str(item.type)))
        else:
            begin, end, entity_type = item
            result.add((begin, end, str(entity_type)))
    return result


def misses(document: Any, found: Iterable[Any] | dict[str, Any]) -> list[str]:
    """Planted entities not found exactly, and decoys reported as anything."""
    triples = _triples(found)
    problems = [f"missed {e.type} {e.value!r} at [{e.begin}, {e.end})"
                for e in document.entities if (e.begin, e.end, e.type) not in triples]
    for decoy in getattr(document, "decoys", ()):
        for begin, end, entity_type in triples:
            if begin < decoy.end and decoy.begin < end:
                problems.append(f"reported look-alike {decoy.value!r} as {entity_type}")
    return problems


def _warm_up() -> Any:
    """piiscan's default Scanner, its word lists loaded (about 0.1 s, once), so the first
    example of a test is not the one that pays for them (Hypothesis' deadline)."""
    from piiscan.api import DEFAULT_SCANNER

    DEFAULT_SCANNER.find("Warm up: Jane Doe, 1 Main St, Seattle, WA 98109")
    return DEFAULT_SCANNER


@pytest.fixture(scope="session")
def pii_misses() -> Callable[[Any, Any], list[str]]:
    """`pii_misses(document, found)` -> list of problems (empty when all is well)."""
    _warm_up()
    return misses


@pytest.fixture(scope="session")
def pii_scanner() -> Any:
    """piiscan's default Scanner."""
    return _warm_up()


@pytest.fixture(scope="session")
def piiscan_endpoint() -> Iterator[str]:
    """The URL of piiscan's server, running for this test session (a scratch job store)."""
    from piiscan.testing.server import ThreadedServer

    with ThreadedServer() as server:
        yield server.url
