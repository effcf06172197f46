"""Hypothesis strategies that generate text together with its exact PII spans.

Needs the `piiscan[testing]` extra (Hypothesis; Faker for realistic names and
addresses when installed). Importing `piiscan` itself never imports this module.

    from hypothesis import given
    from piiscan import DEFAULT_SCANNER
    from piiscan.strategies import documents

    @given(documents(entity_types=["EMAIL", "SSN"]))
    def test_finds_planted_values(doc):
        found = {(s.start, s.end, s.type) for s in DEFAULT_SCANNER.find(doc.text)}
        assert {(e.begin, e.end, e.type) for e in doc.entities} <= found

Every strategy checks its options when it is built, not when it is drawn from, and
raises `hypothesis.errors.InvalidArgument`. Values are valid by construction (a body,
then the check digit python-stdnum computes). Draws shrink towards the simplest
document: fewest entities, no fillers or decoys, ASCII, the first format of each type.

>>> from hypothesis import find
>>> find(documents(entity_types=["SSN"], min_entities=1), lambda d: True).text
'My SSN is 001-01-0001.'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from piiscan.entities import EntityType
from piiscan.testing.documents import (
    FILLERS,
    TEMPLATES,
    UNICODE_FILLERS,
    LabeledDocument,
    PlantedEntity,
    build_document,
)
from piiscan.testing.values import NEAR_MISS, VALID, faker_value, has_faker

__all__ = [
    "RELIABLE_TYPES",
    "JobInput",
    "LabeledDocument",
    "PlantedEntity",
    "documents",
    "fillers",
    "job_inputs",
    "pii_values",
]

T = TypeVar("T")
ALL_TYPES = tuple(t.value for t in EntityType)
#: Types whose planted values piiscan finds with exact offsets every time (job_inputs' default).
RELIABLE_TYPES = ("EMAIL", "SSN", "CREDIT_DEBIT_NUMBER", "INTERNATIONAL_BANK_ACCOUNT_NUMBER",
                  "IP_ADDRESS", "MAC_ADDRESS", "AWS_ACCESS_KEY", "UK_NATIONAL_INSURANCE_NUMBER",
                  "IN_PERMANENT_ACCOUNT_NUMBER", "VEHICLE_IDENTIFICATION_NUMBER")


class _DrawChooser:
    """A `Chooser` that draws from Hypothesis, so every choice shrinks."""

    def __init__(self, draw: Any) -> None:
        self.draw = draw

    def integer(self, low: int, high: int) -> int:
        return int(self.draw(st.integers(low, high)))

    def choice(self, options: Sequence[T]) -> T:
        return self.draw(st.sampled_from(options))  # type: ignore[no-any-return]


def _check_types(entity_types: Any, allowed: Sequence[str], name: str) -> tuple[str, ...]:
    if entity_types is None:
        return tuple(allowed)
    if isinstance(entity_types, str):
        entity_types = [entity_types]
    try:
        chosen = tuple(entity_types)
    except TypeError:
        raise InvalidArgument(f"{name} must be a list of entity type names, got "
                              f"{entity_types!r}") from None
    for entity_type in chosen:
        if entity_type not in ALL_TYPES:
            raise InvalidArgument(f"unknown entity type {entity_type!r} in {name}; expected one "
                                  f"of {', '.join(ALL_TYPES)}")
        if entity_type not in allowed:
            raise InvalidArgument(f"{entity_type} cannot be used in {name} here; allowed: "
                                  f"{', '.join(allowed)}")
    return chosen


def _check_bool(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name} must be True or False, got {value!r}")
    return value


def _check_count(value: Any, name: str, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InvalidArgument(f"{name} must be an integer >= {low}, got {value!r}")
    return value


def pii_values(entity_type: str, *, valid: bool = True, realistic: bool = True
               ) -> st.SearchStrategy[str]:
    """Values of one type as people write them; `valid=False` gives near misses.

    Near misses are one step from valid (a wrong check digit, a forbidden prefix, a
    wrong length) and exist for the types that have a rule to break. `realistic`
    draws names and addresses from Faker when it is installed.
    """
    [entity_type] = _check_types([entity_type], ALL_TYPES, "entity_type")
    _check_bool(valid, "valid")
    _check_bool(realistic, "realistic")
    if not valid and entity_type not in NEAR_MISS:
        raise InvalidArgument(f"{entity_type} has no validity rule, so it has no near misses; "
                              f"near misses exist for {', '.join(sorted(NEAR_MISS))}")
    use_faker = realistic and has_faker()

    @st.composite
    def draw_value(draw: Any) -> str:
        ch = _DrawChooser(draw)
        if not valid:
            return NEAR_MISS[entity_type](ch)
        return faker_value(ch, entity_type) if use_faker else VALID[entity_type](ch)

    return draw_value()


def fillers(*, unicode: bool = False, crlf: bool = False, max_sentences: int = 4
            ) -> st.SearchStrategy[str]:
    """Carrier text with no PII: chat lines, email sentences, log-like notes.

    `unicode` adds accents, CJK, emoji and combining marks; `crlf` joins lines with CRLF.
    """
    _check_bool(unicode, "unicode")
    _check_bool(crlf, "crlf")
    _check_count(max_sentences, "max_sentences", 1)
    pool = FILLERS + (UNICODE_FILLERS if unicode else ())
    separator = st.just("\r\n") if crlf else st.sampled_from([" ", "\n"])
    return st.builds(lambda parts, sep: sep.join(parts),
                     st.lists(st.sampled_from(pool), min_size=1, max_size=max_sentences),
                     separator)


def documents(*, entity_types: Sequence[str] | None = None, min_entities: int = 0,
              max_entities: int = 5, unicode: bool = False, crlf: bool = False,
              hard_negatives: bool = False, max_fillers: int = 3, single_line: bool = False,
              realistic: bool = True) -> st.SearchStrategy[LabeledDocument]:
    """Documents whose `entities` are exactly the planted values, with exact offsets.

    Every text is one the API accepts: a document with no entity has a filler, so the
    simplest document is a short sentence, never an empty string.

    `hard_negatives` plants look-alikes (Luhn-failing order numbers, GUIDs, versions,
    prices, quantities, page ranges, scores), recorded in `LabeledDocument.decoys`.
    """
    types = _check_types(entity_types, ALL_TYPES, "entity_types")
    _check_count(min_entities, "min_entities")
    _check_count(max_entities, "max_entities")
    _check_count(max_fillers, "max_fillers")
    if min_entities > max_entities:
        raise InvalidArgument(f"min_entities={min_entities} is more than "
                              f"max_entities={max_entities}")
    if max_entities > 0 and not types:
        raise InvalidArgument("entity_types is empty, so no entity can be planted; give at least "
                              "one type or max_entities=0")
    if min_entities == 0 and max_fillers == 0:
        raise InvalidArgument("with min_entities=0 and max_fillers=0 a document could be empty, "
                              "which the API refuses; allow a filler or plant an entity")
    for flag, name in ((unicode, "unicode"), (crlf, "crlf"), (hard_negatives, "hard_negatives"),
                       (single_line, "single_line"), (realistic, "realistic")):
        _check_bool(flag, name)
    if crlf and single_line:
        raise InvalidArgument("crlf and single_line cannot both be set: a single-line document "
                              "has no line breaks")
    use_faker = realistic and has_faker()

    @st.composite
    def draw_document(draw: Any) -> LabeledDocument:
        ch = _DrawChooser(draw)
        count = draw(st.integers(min_entities, max_entities))
        fillers_needed = 0 if count else 1  # never an empty text: the API refuses it
        return build_document(
            ch, types or ("EMAIL",), entity_count=count,
            filler_count=draw(st.integers(fillers_needed, max_fillers)), unicode=unicode, crlf=crlf,
            hard_negatives=draw(st.integers(0, 2)) if hard_negatives else 0,
            single_line=single_line, make_value=faker_value if use_faker else None)

    return draw_document()


@dataclass(frozen=True)
class JobInput:
    """A job input folder (relative path -> text) and each file's expected results.

    `expected[name + ".out"]` lists the `.out` records (without scores) a job must write.
    """

    input_format: str
    files: dict[str, str]
    expected: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def write(self, folder: Path) -> Path:
        """Create the files under `folder`; return `folder`."""
        for name, text in self.files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        return folder


def job_inputs(*, input_format: str = "ONE_DOC_PER_LINE",
               entity_types: Sequence[str] = RELIABLE_TYPES, max_files: int = 3,
               max_documents: int = 5, crlf: bool = False) -> st.SearchStrategy[JobInput]:
    """Input folders for jobs, with the `.out` records a job must write for them.

    Defaults to `RELIABLE_TYPES`, whose planted values piiscan always finds exactly, so
    the expected records are the planted truth.
    """
    if input_format not in ("ONE_DOC_PER_LINE", "ONE_DOC_PER_FILE"):
        raise InvalidArgument(f"input_format must be ONE_DOC_PER_LINE or ONE_DOC_PER_FILE, got "
                              f"{input_format!r}")
    types = _check_types(entity_types, ALL_TYPES, "entity_types")
    if not types:
        raise InvalidArgument("entity_types must name at least one type")
    _check_count(max_files, "max_files", 1)
    _check_count(max_documents, "max_documents", 1)
    _check_bool(crlf, "crlf")
    per_line = input_format == "ONE_DOC_PER_LINE"
    doc = documents(entity_types=types, max_entities=3, single_line=per_line, max_fillers=2,
                    realistic=False)

    @st.composite
    def draw_input(draw: Any) -> JobInput:
        file_count = draw(st.integers(1, max_files))
        files: dict[str, str] = {}
        expected: dict[str, list[dict[str, Any]]] = {}
        for index in range(file_count):
            name = f"doc{index}.txt" if index % 2 == 0 else f"sub/doc{index}.txt"
            if per_line:
                docs = draw(st.lists(doc, min_size=1, max_size=max_documents))
                end = "\r\n" if crlf else "\n"
                files[name] = "".join(d.text + end for d in docs)
                expected[name + ".out"] = [
                    {"Entities": _entities(d), "File": name, "Line": n} for n, d in enumerate(docs)]
            else:
                document = draw(doc)
                files[name] = document.text
                expected[name + ".out"] = [{"Entities": _entities(document), "File": name}]
        return JobInput(input_format, files, expected)

    return draw_input()


def _entities(document: LabeledDocument) -> list[dict[str, Any]]:
    return [{"BeginOffset": e.begin, "EndOffset": e.end, "Type": e.type}
            for e in sorted(document.entities, key=lambda e: e.begin)]


assert set(TEMPLATES) == set(ALL_TYPES)
