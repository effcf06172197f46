"""Build the labelled corpora in corpora/ (the `piiscan evaluate` format).

    python scripts/build_corpora.py          # writes the files
    python scripts/build_corpora.py --check  # exits 1 if a file is out of date

- corpora/hard_cases.jsonl: from the hand-written markup in corpora/src/hard_cases.txt.
- corpora/synthetic_mixed.jsonl: 600 generated documents (seed 20261128), every type,
  with fillers, Unicode, CRLF and hard negatives; 20% of them hold no PII.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from piiscan.entities import EntityType
from piiscan.testing.documents import build_document
from piiscan.testing.markup import parse
from piiscan.testing.values import RandomChooser

ROOT = Path(__file__).resolve().parent.parent / "corpora"
ALL_TYPES = [t.value for t in EntityType]
SEED = 20261128


def hard_cases() -> list[dict]:
    lines = (ROOT / "src" / "hard_cases.txt").read_text(encoding="utf-8").splitlines()
    records = []
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.startswith("#"):
            record = parse(line).to_record(f"hard_cases:{number}")
            records.append({**record, "annotated_types": ALL_TYPES})
    return records


def synthetic_mixed(count: int = 600) -> list[dict]:
    chooser = RandomChooser(random.Random(SEED))
    records = []
    for index in range(count):
        without_pii = index % 5 == 0
        document = build_document(
            chooser, ALL_TYPES, entity_count=0 if without_pii else chooser.integer(1, 4),
            filler_count=chooser.integer(1, 3), unicode=chooser.integer(0, 2) == 0,
            crlf=chooser.integer(0, 9) == 0, hard_negatives=chooser.integer(0, 2))
        records.append({**document.to_record(f"synthetic_mixed:{index}"),
                        "annotated_types": ALL_TYPES})
    return records


def render(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main() -> int:
    outputs = {"hard_cases.jsonl": render(hard_cases()),
               "synthetic_mixed.jsonl": render(synthetic_mixed())}
    stale = [name for name, text in outputs.items()
             if not (ROOT / name).exists() or (ROOT / name).read_text(encoding="utf-8") != text]
    if "--check" in sys.argv:
        for name in stale:
            print(f"out of date: corpora/{name}", file=sys.stderr)
        return 1 if stale else 0
    for name, text in outputs.items():
        (ROOT / name).write_text(text, encoding="utf-8")
        print(f"corpora/{name}: {text.count(chr(10))} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
