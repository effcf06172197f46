"""Fit the weights of NAME's evidence table and write them into the package.

    python scripts/fit_name_weights.py                   # fit, print before/after, write
    python scripts/fit_name_weights.py --dry-run         # fit and print only

Training data, chosen for licences that allow it:
- the *tuning* halves (`piiscan.evaluate.half`) of WNUT-17 dev (social media, CC BY 4.0)
  and presidio-research's synthetic set (MIT), from ``--corpora`` (default
  ``../shared/corpora-dev``); CoNLL-2003 (Reuters, research use) and the PhysioNet notes
  (under a data use agreement) are only measured, never trained on;
- documents piiscan generates itself (`piiscan.testing.documents`, fixed seed);
- docstrings of standard-library modules that benchmarks/false_positives.py does not
  read (`PROSE_MODULES`, PSF licence): text in which every candidate is no name;
- any ``--train FILE.jsonl`` you add (its licence is yours to check).

A ``--train`` file holding a document that is, character for character, a document of
any dev corpus's *checking* half is refused (the checking halves measure the result);
tuning-half documents whose text repeats in the checking half are left out.

The model is the score NAME already computes: each candidate's features (token
features, rows, sources) add up in order with floors, plus what its context words add
in the scanner, and a candidate counts as a name at 0.5. A logistic regression on that
score (`fit`), pulled towards the prior weights stored in the file (the hand-set ones),
corrects the weights of features that fire on at least ``--min-support`` training
candidates; rarer features keep their prior. Before/after NAME figures (overlap) are printed for both halves of every
dev corpus present.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from piiscan.api import Scanner
from piiscan.context import DEFAULT_POLICY, ContextIndex, apply_context
from piiscan.entities import EntityType, Span
from piiscan.evaluate import evaluate, half, load_corpus
from piiscan.recognizers import DEFAULT
from piiscan.recognizers.name_evidence import (
    CEILING,
    FEATURES,
    WEIGHTS_FILE,
    NameWeights,
    score,
)
from piiscan.recognizers.names import NAME, NameRecognizer

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "piiscan" / "recognizers" / "data" / WEIGHTS_FILE
#: Dev corpora whose licence allows training (their tuning halves only).
TRAINABLE = ("wnut17_dev_names.jsonl", "presidio_research_synth_v2.jsonl")
THRESHOLD = 0.5
#: How sharply the probability turns around the threshold.
SHARPNESS = 10.0


@dataclasses.dataclass(frozen=True)
class Example:
    evidence: tuple[str, ...]
    context: float  # what the candidate's context words add in the scanner
    name: bool


class OverlapError(Exception):
    """A training document is also in a checking half."""


def generated_records(count: int, seed: int) -> Iterator[dict[str, Any]]:
    from piiscan.testing.documents import build_document
    from piiscan.testing.values import RandomChooser

    chooser = RandomChooser(random.Random(seed))
    types = [t.value for t in EntityType]
    for index in range(count):
        document = build_document(chooser, types, entity_count=chooser.integer(1, 5),
                                  filler_count=chooser.integer(1, 4),
                                  unicode=chooser.integer(0, 3) == 0,
                                  hard_negatives=chooser.integer(0, 3))
        yield document.to_record(f"generated:{index}")


#: Standard-library modules whose docstrings train as text without names (none of them is
#: among the modules benchmarks/false_positives.py measures on; a docstring that also
#: appears there is left out).
PROSE_MODULES = ("email.utils", "email.headerregistry", "email.policy", "http.server",
                 "http.cookies", "urllib.request", "xml.etree.ElementTree", "multiprocessing",
                 "concurrent.futures", "ftplib", "smtplib", "imaplib", "poplib", "optparse",
                 "getopt", "numbers", "ipaddress", "wave", "colorsys", "zoneinfo", "ctypes",
                 "venv", "zipimport", "filecmp", "linecache", "shlex", "cgitb", "mailbox",
                 "quopri", "turtle", "wsgiref.simple_server", "xmlrpc.client", "sysconfig")


def prose_records() -> Iterator[dict[str, Any]]:
    """Docstrings of `PROSE_MODULES`: technical English with no person's name in it; none
    that benchmarks/false_positives.py measures on."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import false_positives

    measured = set(false_positives.docstrings())
    kept = [doc for doc in false_positives.docstrings(PROSE_MODULES) if doc not in measured]
    for number, doc in enumerate(kept, 1):
        yield {"id": f"prose:{number}", "text": doc, "entities": [], "annotated_types": ["NAME"]}


def checking_texts(corpora: Sequence[Path]) -> set[str]:
    return {r["text"] for path in corpora for r in load_corpus(path) if half(str(r["id"])) == "checking"}


def training_records(corpora: Path, extra: Sequence[Path], generated: int,
                     seed: int, prose: bool = True) -> list[dict[str, Any]]:
    """Every training record, refusing any that is also a checking document."""
    dev = sorted(corpora.glob("*.jsonl")) if corpora.is_dir() else []
    checking = checking_texts(dev)
    records = [r for path in dev if path.name in TRAINABLE for r in load_corpus(path)
               if half(str(r["id"])) == "tuning"]
    repeated = sum(r["text"] in checking for r in records)
    if repeated:  # template corpora repeat short texts across the halves: leave them out
        print(f"left out {repeated} tuning documents whose text is also a checking document")
        records = [r for r in records if r["text"] not in checking]
    added = [r for path in extra for r in load_corpus(path)]
    clashes = [str(r.get("id", "?")) for r in added if r["text"] in checking]
    if clashes:
        raise OverlapError(f"{len(clashes)} training documents are also in a checking half "
                           f"(ids {', '.join(clashes[:5])}); remove them and run again")
    return records + added + list(generated_records(generated, seed)) + \
        (list(prose_records()) if prose else [])


def examples(records: Sequence[dict[str, Any]]) -> list[Example]:
    """Every NAME candidate of every record, labelled by the gold names it overlaps."""
    index = ContextIndex.build(NAME.context, DEFAULT_POLICY)
    found: list[Example] = []
    for record in records:
        annotated = record.get("annotated_types")
        if annotated is not None and "NAME" not in annotated:
            continue
        view = Scanner.view(record["text"])
        gold = [(e["BeginOffset"], e["EndOffset"]) for e in record.get("entities", [])
                if e["Type"] == "NAME"]
        ignored = [(r["BeginOffset"], r["EndOffset"]) for r in record.get("ignore", [])
                   if "NAME" in r.get("Types", ())]
        # a candidate inside another type's value ("Denver" in an address) is settled by
        # the overlap between recognizers, not by NAME's evidence
        ignored += [(e["BeginOffset"], e["EndOffset"]) for e in record.get("entities", [])
                    if e["Type"] != "NAME"]
        for candidate in NAME.candidates(view):
            start, end = candidate.start, candidate.end
            if any(start < e and b < end for b, e in ignored):
                continue
            probe = Span(start, end, "NAME", THRESHOLD)
            context = apply_context(view, probe, index).score - THRESHOLD
            found.append(Example(candidate.evidence, context,
                                 any(start < e and b < end for b, e in gold)))
    return found


def predicted(example: Example, weights: NameWeights) -> bool:
    value = min(score(example.evidence, weights), CEILING)
    return value > 0 and value + example.context >= THRESHOLD


def fit(training: Sequence[Example], prior: NameWeights, *, rounds: int, rate: float,
        pull: float, min_support: int, missed_name_cost: float) -> NameWeights:
    """A logistic regression over the evidence features, pulled towards `prior`.

    The probability that a candidate is a name is ``sigmoid(SHARPNESS * (score + context
    - 0.5))``, with `score` NAME's own sum (floors included); the loss is the log loss,
    a missed name counting `missed_name_cost` times, plus ``pull * (w - prior)^2`` per
    weight, so scarce evidence stays near its hand-set value. Full-batch gradient
    descent; floors are treated as constant in the gradient.
    """
    support = Counter(f for example in training for f in set(example.evidence))
    free = [f for f in FEATURES if support[f] >= min_support]
    weights = dict(prior.values)
    counted = [(Counter(e.evidence), e) for e in training]
    total_cost = sum(missed_name_cost if e.name else 1.0 for e in training)
    for _ in range(rounds):
        current = NameWeights.checked(weights, "fitting")
        gradient = dict.fromkeys(free, 0.0)
        for counts, example in counted:
            margin = min(score(example.evidence, current), CEILING) + example.context - THRESHOLD
            probability = 1.0 / (1.0 + math.exp(-SHARPNESS * margin))
            cost = missed_name_cost if example.name else 1.0
            error = cost * (probability - (1.0 if example.name else 0.0)) * SHARPNESS
            for feature, count in counts.items():
                if feature in gradient:
                    gradient[feature] += error * count
        for feature in free:
            step = gradient[feature] / total_cost + 2 * pull * (weights[feature] - prior.values[feature])
            weights[feature] = max(-1.0, min(1.0, weights[feature] - rate * step))
    return NameWeights.checked({f: round(w, 3) for f, w in weights.items()}, "fitted")


def accuracy(training: Sequence[Example], weights: NameWeights) -> float:
    return sum(predicted(e, weights) == e.name for e in training) / max(1, len(training))


def figures(corpora: Path, weights: NameWeights) -> dict[str, tuple[float, float, float]]:
    """NAME precision, recall and F1 (overlap) on each half of each dev corpus."""
    recognizers = tuple(dataclasses.replace(r, weights=weights) if isinstance(r, NameRecognizer)
                        else r for r in DEFAULT)
    scanner = Scanner(recognizers=recognizers)
    result: dict[str, tuple[float, float, float]] = {}
    for path in sorted(corpora.glob("*.jsonl")) if corpora.is_dir() else []:
        records = list(load_corpus(path))
        if not any("NAME" in (r.get("annotated_types") or ("NAME",)) for r in records):
            continue
        for which in ("tuning", "checking"):
            chosen = [r for r in records if half(str(r["id"])) == which]
            counts = evaluate(chosen, scanner, types=["NAME"]).overlap["NAME"]
            result[f"{path.stem} {which}"] = (counts.precision, counts.recall, counts.f1)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora-dev",
                        help="the dev corpora folder (default ../shared/corpora-dev)")
    parser.add_argument("--train", type=Path, nargs="*", default=[],
                        help="more training corpora (JSON Lines, `piiscan evaluate` format)")
    parser.add_argument("--generated", type=int, default=3000,
                        help="generated training documents (default 3000)")
    parser.add_argument("--rounds", type=int, default=300, help="gradient steps (default 300)")
    parser.add_argument("--rate", type=float, default=0.05, help="step size (default 0.05)")
    parser.add_argument("--pull", type=float, default=0.5,
                        help="how strongly weights are pulled to the prior (default 0.5)")
    parser.add_argument("--min-support", type=int, default=30,
                        help="features firing on fewer training candidates keep their prior")
    parser.add_argument("--missed-name-cost", type=float, default=1.5,
                        help="how much more a missed name costs than a false alarm (default 1.5)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated documents")
    parser.add_argument("--weights", type=Path, default=OUTPUT,
                        help="the weights file to read the prior from and write (default: the package's)")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write")
    args = parser.parse_args(argv)

    document = json.loads(args.weights.read_text(encoding="utf-8"))
    prior = NameWeights.checked(document.get("prior", document["weights"]), str(args.weights))
    try:
        records = training_records(args.corpora, args.train, args.generated, args.seed)
    except OverlapError as error:
        print(f"fit_name_weights: refused: {error}", file=sys.stderr)
        return 2
    training = examples(records)
    print(f"training: {len(records)} documents, {len(training)} candidates "
          f"({sum(e.name for e in training)} names)")
    fitted = fit(training, prior, rounds=args.rounds, rate=args.rate, pull=args.pull,
                 min_support=args.min_support, missed_name_cost=args.missed_name_cost)
    print(f"training accuracy: prior {accuracy(training, prior):.4f}, "
          f"fitted {accuracy(training, fitted):.4f}")
    changed = [(f, prior.values[f], fitted.values[f]) for f in FEATURES
               if fitted.values[f] != prior.values[f]]
    for feature, old, new in changed:
        print(f"  {feature:36} {old:+.3f} -> {new:+.3f}")
    before, after = figures(args.corpora, prior), figures(args.corpora, fitted)
    if before:
        print(f"{'NAME (overlap)':44} {'P':>6} {'R':>6} {'F1':>6}   {'P':>6} {'R':>6} {'F1':>6}")
        for key in before:
            b, a = before[key], after[key]
            print(f"{key:44} {b[0]:6.3f} {b[1]:6.3f} {b[2]:6.3f} -> {a[0]:6.3f} {a[1]:6.3f} {a[2]:6.3f}")
    if not args.dry_run:
        trained_on = [*TRAINABLE, *(str(p) for p in args.train), f"{args.generated} generated",
                      f"docstrings of {len(PROSE_MODULES)} standard-library modules (Python "
                      f"{sys.version.split()[0]})"]
        out = {"fitted_by": "scripts/fit_name_weights.py", "trained_on": trained_on,
               "settings": {"rounds": args.rounds, "rate": args.rate, "pull": args.pull,
                            "min_support": args.min_support, "seed": args.seed,
                            "missed_name_cost": args.missed_name_cost},
               "prior": dict(prior.values), "weights": dict(fitted.values)}
        args.weights.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.weights}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
