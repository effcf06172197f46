"""Where piiscan's time goes, per stage and per recognizer, on the throughput corpus.

    python benchmarks/breakdown.py                    # dense profile, 1 MB
    python benchmarks/breakdown.py --profile typical --mb 2

Runs `Scanner.find`'s steps one by one on the same documents as
`benchmarks/throughput.py` (same generator, same seed), timing each: the document word
set, each recognizer's `find` (the regex scans of its patterns are also timed on their
own), context scoring, and overlap resolution. Timers add some overhead, so the total is
a little above the real run; the shares are what this is for. It answers "what would a
faster regex engine, or a faster context step, buy": the regex share is the most that
any regex engine could save.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import PROFILES, make_corpus

from piiscan import Scanner
from piiscan.recognizers.base import PatternRecognizer, document_words
from piiscan.scoring import apply_context, resolve


def regex_seconds(recognizer: PatternRecognizer, text: str, min_base: float) -> float:
    """Time the regex scans `recognizer.find` runs on `text` (the same patterns)."""
    spent = 0.0
    for pattern in recognizer.patterns_to_run(text, min_base):
        started = time.perf_counter()
        for _ in pattern.regex.finditer(text):
            pass
        spent += time.perf_counter() - started
    return spent


def breakdown(documents: list[str]) -> tuple[Counter[str], float]:
    scanner = Scanner()
    for text in documents[:20]:
        scanner.find(text)  # load the gazetteers and warm the caches first
    spent: Counter[str] = Counter()
    floor = scanner.min_score
    clock = time.perf_counter
    began = clock()
    for text in documents:
        started = clock()
        words = document_words(text)
        spent["document words"] += clock() - started
        candidates = []
        for recognizer, index, best, by_pattern in scanner._active:  # type: ignore[attr-defined]
            may_boost = not words.isdisjoint(index.boosting_firsts)
            if not may_boost and best < floor:
                continue
            may_penalise = not words.isdisjoint(index.penalty_firsts)
            reach = index.boost if may_boost else 0.0
            started = clock()
            found = recognizer.find(text, floor - reach) if by_pattern else recognizer.find(text)
            spans = [s for s in found if s.score + reach >= floor]
            spent[f"find: {recognizer.name}"] += clock() - started
            if by_pattern:
                started = clock()
                spent["regex scans (inside find)"] += regex_seconds(recognizer, text, floor - reach)
                spent["timing the scans again"] += clock() - started
            started = clock()
            if may_boost or may_penalise:
                spans = [apply_context(text, s, index) for s in spans]
            spent["context"] += clock() - started
            candidates.extend(spans)
        started = clock()
        resolve(candidates, floor)
        spent["resolve"] += clock() - started
    total = clock() - began - spent.pop("timing the scans again")
    return spent, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1.0, help="corpus size in MB (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", choices=sorted(PROFILES), default="dense")
    parser.add_argument("--top", type=int, default=15, help="recognizers to list (default 15)")
    args = parser.parse_args()
    documents = make_corpus(args.mb, args.seed, args.profile)
    megabytes = sum(len(t.encode("utf-8")) for t in documents) / 1_000_000
    spent, total = breakdown(documents)
    finds = sum(v for k, v in spent.items() if k.startswith("find: "))
    print(f"{args.profile}: {len(documents)} documents, {megabytes:.2f} MB; "
          f"{total / megabytes:.3f} s/MB with timers ({megabytes / total:.2f} MB/s)")
    rows = [("all recognizers' find", finds),
            ("  of which regex scans", spent["regex scans (inside find)"]),
            ("context", spent["context"]), ("resolve", spent["resolve"]),
            ("document words", spent["document words"])]
    for name, seconds in rows:
        print(f"  {name:<28}{seconds / megabytes * 1000:8.0f} ms/MB {seconds / total:6.1%}")
    rest = total - sum(v for _, v in rows[:1] + rows[2:])
    print(f"  {'rest (loop, timers)':<28}{rest / megabytes * 1000:8.0f} ms/MB {rest / total:6.1%}")
    print("slowest recognizers (find, including their regex scans):")
    per_recognizer = Counter({k[6:]: v for k, v in spent.items() if k.startswith("find: ")})
    for name, seconds in per_recognizer.most_common(args.top):
        print(f"  {name:<34}{seconds / megabytes * 1000:8.0f} ms/MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
