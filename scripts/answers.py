"""Every answer piiscan gives on a set of corpora, as JSON lines, to diff two versions.

    python scripts/answers.py > new.jsonl
    PYTHONPATH=/tmp/base python scripts/answers.py > old.jsonl   # another checkout
    cmp old.jsonl new.jsonl

The documents: every JSON Lines corpus named on the command line (by default
``corpora/*.jsonl`` and ``../shared/corpora-dev/*.jsonl`` when present) and the generated
benchmark corpora (``benchmarks/throughput.py``'s dense, typical and mixed profiles, 0.5 MB
each, seed 1). Each line is one document's `Scanner().detect(..., explain=True)`
answer, explanations included, so a change that keeps offsets but moves a score or a
reason shows too.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = [*sorted((ROOT / "corpora").glob("*.jsonl")),
                   *sorted((ROOT.parent / "shared" / "corpora-dev").glob("*.jsonl"))]


def documents(paths: list[Path], generated_mb: float) -> Iterator[tuple[str, str]]:
    """(label, text) for every document."""
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                yield f"{path.name}:{number}", json.loads(line)["text"]
    if generated_mb > 0:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from throughput import make_corpus

        for profile in ("dense", "typical", "mixed"):
            for number, text in enumerate(make_corpus(generated_mb, 1, profile), 1):
                yield f"{profile}:{number}", text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path, help="JSON Lines corpora")
    parser.add_argument("--generated-mb", type=float, default=0.5,
                        help="MB of each generated profile (default 0.5; 0 for none)")
    args = parser.parse_args()
    from piiscan import Scanner

    scanner = Scanner()
    for label, text in documents(args.corpora or DEFAULT_CORPORA, args.generated_mb):
        answer = scanner.detect(text, explain=True)
        print(json.dumps({"document": label, **answer}, sort_keys=True, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
