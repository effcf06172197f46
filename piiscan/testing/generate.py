"""`piiscan generate`: labelled corpora and job input folders, reproducible from a seed.

The corpus format is the `piiscan evaluate` format. A job input folder is written as
`OUT/input/...` with the records a job must write in `OUT/expected/<file>.out` (the
planted entities, without scores). NAME and ADDRESS come from Faker when it is
installed (the `testing` extra) unless `faker=False`; the same seed, piiscan and Faker
versions give the same bytes.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from piiscan.entities import EntityType
from piiscan.errors import InvalidRequestException
from piiscan.testing.documents import LabeledDocument, build_document
from piiscan.testing.values import RandomChooser, faker_value, has_faker

FORMATS = ("corpus", "ONE_DOC_PER_LINE", "ONE_DOC_PER_FILE")
ALL_TYPES = tuple(t.value for t in EntityType)


def generated_documents(count: int, seed: int, entity_types: Sequence[str] = ALL_TYPES, *,
                        faker: bool = True, single_line: bool = False
                        ) -> Iterator[LabeledDocument]:
    """`count` documents; every fifth holds no PII, the rest one to five values."""
    unknown = [t for t in entity_types if t not in ALL_TYPES]
    if unknown or not entity_types:
        raise InvalidRequestException(f"unknown entity types {unknown}; expected some of "
                                      f"{', '.join(ALL_TYPES)}")
    chooser = RandomChooser(random.Random(seed))
    make_value = faker_value if faker and has_faker() else None
    for index in range(count):
        yield build_document(
            chooser, list(entity_types), entity_count=0 if index % 5 == 0 else chooser.integer(1, 5),
            filler_count=chooser.integer(1, 4), unicode=chooser.integer(0, 3) == 0,
            crlf=not single_line and chooser.integer(0, 9) == 0,
            hard_negatives=chooser.integer(0, 2), single_line=single_line, make_value=make_value)


def _records(document: LabeledDocument) -> list[dict[str, Any]]:
    return [e.to_comprehend() for e in sorted(document.entities, key=lambda e: e.begin)]


def _expected(document: LabeledDocument, name: str, line: int | None) -> dict[str, Any]:
    record: dict[str, Any] = {"Entities": [
        {"BeginOffset": e["BeginOffset"], "EndOffset": e["EndOffset"], "Type": e["Type"]}
        for e in _records(document)], "File": name}
    if line is not None:
        record["Line"] = line
    return record


def generate(out: Path, *, count: int, seed: int, entity_types: Sequence[str] = ALL_TYPES,
             output_format: str = "corpus", faker: bool = True, per_file: int = 100) -> Path:
    """Write a corpus file or a job input folder (with expected output) at `out`."""
    if output_format not in FORMATS:
        raise InvalidRequestException(f"format must be one of {', '.join(FORMATS)}")
    if count < 0:
        raise InvalidRequestException("count must be 0 or more")
    single_line = output_format == "ONE_DOC_PER_LINE"
    docs = generated_documents(count, seed, entity_types, faker=faker, single_line=single_line)
    if output_format == "corpus":
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="\n") as handle:
            for index, document in enumerate(docs):
                record = {**document.to_record(f"generated:{seed}:{index}"),
                          "annotated_types": list(entity_types)}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        return out
    inputs, expected = out / "input", out / "expected"
    inputs.mkdir(parents=True, exist_ok=True)
    expected.mkdir(parents=True, exist_ok=True)
    if output_format == "ONE_DOC_PER_FILE":
        for index, document in enumerate(docs):
            name = f"doc{index:06d}.txt"
            (inputs / name).write_bytes(document.text.encode("utf-8"))
            (expected / f"{name}.out").write_text(
                json.dumps(_expected(document, name, None), ensure_ascii=False) + "\n",
                encoding="utf-8")
        return out
    batch: list[LabeledDocument] = []
    file_index = 0

    def flush() -> None:
        name = f"lines{file_index:04d}.txt"
        (inputs / name).write_bytes("\n".join(d.text for d in batch).encode("utf-8") + b"\n")
        (expected / f"{name}.out").write_text("".join(
            json.dumps(_expected(d, name, n), ensure_ascii=False) + "\n"
            for n, d in enumerate(batch)), encoding="utf-8")

    for document in docs:
        batch.append(document)
        if len(batch) == per_file:
            flush()
            batch, file_index = [], file_index + 1
    if batch:
        flush()
    return out
