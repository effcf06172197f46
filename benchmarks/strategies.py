"""The strategies' speed and the engine's recall on what they draw.

    python benchmarks/strategies.py               # 10,000 documents
    python benchmarks/strategies.py --documents 2000 --seed 7

1. Draw speed of `documents()` (documents per second, through Hypothesis).
2. Recall with exact offsets on `documents(entity_types=STRUCTURED, hard_negatives=True,
   unicode=True)`, per type, and how many decoys (hard negatives) were reported; then, on
   documents of every type (NAME, ADDRESS, DATE_TIME ... included), the entities that
   overlap no planted value and the planted values missed.
3. `piiscan generate`: seconds to write 10 MB of corpus on one core.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

from piiscan import DEFAULT_SCANNER, EntityType
from piiscan.strategies import documents

STRUCTURED = [t.value for t in EntityType if t.value not in (
    "NAME", "ADDRESS", "DATE_TIME", "AGE", "USERNAME", "PASSWORD")]


def draw(strategy, count: int, random_seed: int = 0) -> list:
    """`count` values of `strategy`, the same ones for the same seed."""
    drawn: list = []

    @seed(random_seed)
    @settings(max_examples=count, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(value):
        drawn.append(value)

    collect()
    return drawn


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed (default 0)")
    args = parser.parse_args()

    began = time.perf_counter()
    plain = draw(documents(), min(args.documents, 5_000), args.seed)
    seconds = time.perf_counter() - began
    print(f"documents(): {len(plain)} drawn in {seconds:.1f} s = {len(plain) / seconds:.0f} docs/s")

    docs = draw(documents(entity_types=STRUCTURED, hard_negatives=True, unicode=True,
                          max_entities=5), args.documents, args.seed)
    planted, found, decoys, decoys_reported = Counter(), Counter(), 0, 0
    for doc in docs:
        spans = DEFAULT_SCANNER.find(doc.text)
        exact = {(s.start, s.end, s.type) for s in spans}
        for entity in doc.entities:
            planted[entity.type] += 1
            found[entity.type] += (entity.begin, entity.end, entity.type) in exact
        for decoy in doc.decoys:
            decoys += 1
            decoys_reported += any(s.start < decoy.end and decoy.begin < s.end for s in spans)
    total = sum(planted.values())
    print(f"recall (exact offsets) over {len(docs)} documents, {total} planted values: "
          f"{sum(found.values()) / total:.4f}")
    for entity_type in sorted(planted, key=lambda t: found[t] / planted[t]):
        rate = found[entity_type] / planted[entity_type]
        if rate < 1:
            print(f"  {entity_type:<40} {rate:.4f} ({planted[entity_type] - found[entity_type]} missed"
                  f" of {planted[entity_type]})")
    print(f"hard negatives reported: {decoys_reported} of {decoys}")

    every = draw(documents(hard_negatives=True, unicode=True, max_entities=5),
                 min(args.documents, 3_000), args.seed)
    extra: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for doc in every:
        spans = DEFAULT_SCANNER.find(doc.text)
        planted = {(e.begin, e.end, e.type) for e in doc.entities}
        for span in spans:
            if not any(span.start < end and begin < span.end for begin, end, _ in planted):
                extra[span.type] += 1
        missed.update(t for b, e, t in planted - {(s.start, s.end, s.type) for s in spans})
    print(f"documents of every type ({len(every)}, {sum(len(d.entities) for d in every)} planted "
          f"values): entities overlapping no planted value {sum(extra.values())} "
          f"{dict(extra.most_common())}; planted values missed (exact) {dict(missed.most_common())}")

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "corpus.jsonl"
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "piiscan", "generate", str(target), "--count", "9000",
                        "--seed", "1"], check=True)
        seconds = time.perf_counter() - began
        size = target.stat().st_size / 1e6
        print(f"piiscan generate: {size:.1f} MB in {seconds:.1f} s ({size / seconds:.1f} MB/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
