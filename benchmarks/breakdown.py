"""Where piiscan's time goes, per stage and per recognizer, measured inside the real run.

    python benchmarks/breakdown.py                    # dense profile, 1 MB
    python benchmarks/breakdown.py --profile mixed --mb 2

Runs `Scanner.find`'s own stages on the documents of `benchmarks/throughput.py` (same
generator, same seed): `Scanner.view` (the per-document view), `Scanner.recognize` one
recognizer at a time (each recognizer's `find`), `Scanner.score_context` and
`scoring.resolve`. Regex time is measured in place: every compiled pattern the package
holds (each `Pattern`, and the module-level patterns NAME, PHONE, context scoring and
the view use) is wrapped in a timer for the length of the run, so a scan is timed where
and when the pipeline runs it, and what is left of a recognizer's time is its Python.
Timers add some overhead, so the total is a little above a real run; the shares are
what this is for.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import re

import regex
from throughput import PROFILES, make_corpus

from piiscan import Scanner
from piiscan.recognizers.base import PatternRecognizer
from piiscan.scoring import resolve

clock = time.perf_counter
REGEX_SECONDS: Counter[str] = Counter()


class Timed:
    """A compiled pattern whose calls (and iterations) add to `REGEX_SECONDS[label]`."""

    def __init__(self, compiled: Any, label: str) -> None:
        self.compiled, self.label = compiled, label

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.compiled, name)
        if name in ("finditer",):
            return lambda *a, **k: self._iterate(attribute(*a, **k))
        if callable(attribute):
            def timed(*args: Any, **kwargs: Any) -> Any:
                started = clock()
                try:
                    return attribute(*args, **kwargs)
                finally:
                    REGEX_SECONDS[self.label] += clock() - started
            return timed
        return attribute

    def _iterate(self, matches: Iterator[Any]) -> Iterator[Any]:
        while True:
            started = clock()
            try:
                match = next(matches)
            except StopIteration:
                REGEX_SECONDS[self.label] += clock() - started
                return
            REGEX_SECONDS[self.label] += clock() - started
            yield match


def time_every_pattern(scanner: Scanner) -> None:
    """Wrap every compiled pattern the scanner's recognizers and the package's modules use."""
    for stage in scanner.stages:
        recognizer = stage.recognizer
        if isinstance(recognizer, PatternRecognizer):
            for pattern in recognizer.patterns:
                object.__setattr__(pattern, "compiled", Timed(pattern.compile(), recognizer.name))
    import piiscan.context
    import piiscan.recognizers.base
    import piiscan.recognizers.contact
    import piiscan.recognizers.name_evidence
    import piiscan.recognizers.names
    import piiscan.view

    modules: dict[ModuleType, str] = {
        piiscan.recognizers.names: "name", piiscan.recognizers.name_evidence: "name",
        piiscan.recognizers.contact: "phone", piiscan.context: "context",
        piiscan.view: "view"}
    for module, label in modules.items():
        for attribute, value in list(vars(module).items()):
            if isinstance(value, (regex.Pattern, re.Pattern)):
                setattr(module, attribute, Timed(value, label))


def breakdown(documents: list[str]) -> tuple[Counter[str], float]:
    scanner = Scanner()
    for text in documents[:20]:
        scanner.find(text)  # load the gazetteers and the lazily built tables first
    time_every_pattern(scanner)
    REGEX_SECONDS.clear()
    spent: Counter[str] = Counter()
    floor = scanner.min_score
    began = clock()
    for text in documents:
        started = clock()
        view = scanner.view(text)
        spent["view"] += clock() - started
        found = []
        for stage in scanner.stages:
            started = clock()
            one = Scanner.recognize(_Only(scanner, stage), view)  # type: ignore[arg-type]
            spent[f"find: {stage.recognizer.name}"] += clock() - started
            found.extend(one)
        started = clock()
        candidates = Scanner.score_context(view, found)
        spent["context"] += clock() - started
        started = clock()
        resolve(candidates, floor)
        spent["resolve"] += clock() - started
    return spent, clock() - began


class _Only:
    """The scanner, with one stage: `Scanner.recognize` run for one recognizer."""

    def __init__(self, scanner: Scanner, stage: Any) -> None:
        self.stages, self.min_score = (stage,), scanner.min_score


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
    regex_total = sum(REGEX_SECONDS.values())

    def row(name: str, seconds: float) -> None:
        print(f"  {name:<34}{seconds / megabytes * 1000:8.0f} ms/MB {seconds / total:6.1%}")

    print(f"{args.profile}: {len(documents)} documents, {megabytes:.2f} MB; "
          f"{total / megabytes:.3f} s/MB with timers ({megabytes / total:.2f} MB/s)")
    print("stages:")
    for name, seconds in (("view", spent["view"]), ("recognize (all find)", finds),
                          ("context", spent["context"]), ("resolve", spent["resolve"])):
        row(name, seconds)
    row("rest (loop, timers)", total - finds - spent["view"] - spent["context"] - spent["resolve"])
    print(f"regex engines, in place: {regex_total / total:.1%} of the time")
    for label, seconds in REGEX_SECONDS.most_common(args.top):
        row(f"regex: {label}", seconds)
    print("slowest recognizers (find, regex included; and their Python alone):")
    per_recognizer = Counter({k[6:]: v for k, v in spent.items() if k.startswith("find: ")})
    for name, seconds in per_recognizer.most_common(args.top):
        python = seconds - REGEX_SECONDS.get(name, 0.0)
        print(f"  {name:<34}{seconds / megabytes * 1000:8.0f} ms/MB   python "
              f"{python / megabytes * 1000:6.0f} ms/MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
