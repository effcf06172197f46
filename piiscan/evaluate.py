"""Precision, recall and F1 per entity type on labelled corpora.

A corpus is JSON Lines, one document a line:
``{"id", "text", "entities": [{"Type", "BeginOffset", "EndOffset"}]}``, plus optionally
``annotated_types`` (only those types are judged on that line: a prediction of another
type is neither right nor wrong) and ``ignore`` (regions ``{"BeginOffset", "EndOffset",
"Types"}`` whose predictions of those types are not counted at all).

Two matchings are reported. *Exact*: a prediction counts only with the same type and the
same offsets. *Overlap*: a prediction matches a gold span of the same type that it
overlaps, one to one.

>>> from piiscan.api import Scanner
>>> record = {"id": "1", "text": "SSN 212-67-4013", "entities": [
...     {"Type": "SSN", "BeginOffset": 4, "EndOffset": 15}]}
>>> report = evaluate([record], Scanner())
>>> report.exact["SSN"].f1, report.overlap["SSN"].f1
(1.0, 1.0)
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from piiscan.entities import EntityType, Span
from piiscan.errors import InvalidRequestException

ALL_TYPES = tuple(t.value for t in EntityType)
HALVES = ("tuning", "checking")
_NOTE_OF_PATIENT = re.compile(r":n\d+$")


def half(record_id: str) -> str:
    """The fixed half of a development corpus a record belongs to: "tuning" or "checking".

    Rules are tuned on one half and checked on the other. The split hashes the record's
    id, with the notes of one patient (ids ending ``:n<k>``) kept together, since their
    surrogate names repeat.

    >>> half("physionet_deid:p2:n1") == half("physionet_deid:p2:n7")
    True
    >>> sorted({half(f"x:{n}") for n in range(20)})
    ['checking', 'tuning']
    """
    group = _NOTE_OF_PATIENT.sub("", record_id)
    return HALVES[hashlib.sha256(group.encode()).digest()[0] & 1]


@dataclass
class Counts:
    """True positives, false positives and false negatives of one type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass(frozen=True)
class Miss:
    """One false positive or false negative, for reading errors."""

    kind: str  # "FP" or "FN"
    record_id: str
    type: str
    text: str
    context: str


@dataclass
class Report:
    """Counts per type under both matchings, and the errors seen."""

    exact: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    overlap: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    misses: list[Miss] = field(default_factory=list)
    documents: int = 0
    characters: int = 0

    def total(self, matching: str) -> Counts:
        counts = Counts()
        for per_type in getattr(self, matching).values():
            counts.add(per_type)
        return counts

    def to_dict(self) -> dict[str, Any]:
        def table(matching: str) -> dict[str, Any]:
            rows = {t: _row(c) for t, c in sorted(getattr(self, matching).items())}
            rows["MICRO"] = _row(self.total(matching))
            return rows
        return {"documents": self.documents, "characters": self.characters,
                "exact": table("exact"), "overlap": table("overlap")}


def _row(c: Counts) -> dict[str, Any]:
    return {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": round(c.precision, 4),
            "recall": round(c.recall, 4), "f1": round(c.f1, 4)}


def load_corpus(path: str | Path) -> Iterator[dict[str, Any]]:
    """Read and check a corpus file; a bad line raises InvalidRequestException naming it."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise InvalidRequestException(f"{path}:{number}: not JSON: {error}") from None
            yield check_record(record, f"{path}:{number}")


def check_record(record: Any, where: str) -> dict[str, Any]:
    """A record has a str `text` and in-range `entities` of known or custom types."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InvalidRequestException(f"{where}: a record needs a string 'text'")
    text = record["text"]
    for entity in record.get("entities", []):
        begin, end = entity.get("BeginOffset"), entity.get("EndOffset")
        if not (isinstance(begin, int) and isinstance(end, int) and 0 <= begin < end <= len(text)):
            raise InvalidRequestException(f"{where}: entity {entity} is out of range")
        if not isinstance(entity.get("Type"), str):
            raise InvalidRequestException(f"{where}: entity {entity} has no Type")
    return record


def _context(text: str, start: int, end: int) -> str:
    return (text[max(0, start - 40) : start] + "[[" + text[start:end] + "]]"
            + text[end : end + 40]).replace("\n", "\\n")


def evaluate(records: Iterable[dict[str, Any]], scanner: Any,
             types: Iterable[str] | None = None) -> Report:
    """Run `scanner.find` on every record and count matches per type."""
    only = set(types) if types else None
    report = Report()
    for record in records:
        text = record["text"]
        report.documents += 1
        report.characters += len(text)
        annotated = set(record.get("annotated_types") or ALL_TYPES)
        if only is not None:
            annotated &= only
        gold = [(e["BeginOffset"], e["EndOffset"], e["Type"]) for e in record.get("entities", [])
                if e["Type"] in annotated]
        ignored = [(r["BeginOffset"], r["EndOffset"], set(r.get("Types", ())))
                   for r in record.get("ignore", [])]
        predicted = [s for s in scanner.find(text) if s.type in annotated
                     and not any(s.start < e and b < s.end and s.type in kinds
                                 for b, e, kinds in ignored)]
        _count_exact(report, gold, predicted)
        _count_overlap(report, gold, predicted, text, str(record.get("id", report.documents)))
    return report


def _count_exact(report: Report, gold: list[tuple[int, int, str]], predicted: list[Span]) -> None:
    gold_set = set(gold)
    predicted_set = {(s.start, s.end, str(s.type)) for s in predicted}
    for item in predicted_set:
        report.exact[item[2]].tp += item in gold_set
        report.exact[item[2]].fp += item not in gold_set
    for item in gold_set - predicted_set:
        report.exact[item[2]].fn += 1


def _count_overlap(report: Report, gold: list[tuple[int, int, str]], predicted: list[Span],
                   text: str, record_id: str) -> None:
    unmatched = list(gold)
    for span in predicted:
        partner = next((g for g in unmatched
                        if g[2] == span.type and g[0] < span.end and span.start < g[1]), None)
        if partner is None:
            report.overlap[str(span.type)].fp += 1
            report.misses.append(Miss("FP", record_id, str(span.type), span.text(text),
                                      _context(text, span.start, span.end)))
        else:
            unmatched.remove(partner)
            report.overlap[str(span.type)].tp += 1
    for begin, end, entity_type in unmatched:
        report.overlap[entity_type].fn += 1
        report.misses.append(Miss("FN", record_id, entity_type, text[begin:end],
                                  _context(text, begin, end)))


def format_report(report: Report, title: str = "") -> str:
    """A plain-text table: per type and micro-averaged, exact and overlap matching."""
    lines = [f"{title} ({report.documents} documents, {report.characters} characters)".strip()]
    header = (f"{'type':<40}{'gold':>6}{'pred':>6} | {'P':>6}{'R':>7}{'F1':>7}  exact"
              f" | {'P':>6}{'R':>7}{'F1':>7}  overlap")
    lines += [header, "-" * len(header)]
    types = sorted(set(report.exact) | set(report.overlap))
    rows = [(t, report.exact[t], report.overlap[t]) for t in types]
    rows.append(("MICRO", report.total("exact"), report.total("overlap")))
    for name, exact, overlap in rows:
        lines.append(
            f"{name:<40}{overlap.tp + overlap.fn:>6}{overlap.tp + overlap.fp:>6} | "
            f"{exact.precision:>6.3f}{exact.recall:>7.3f}{exact.f1:>7.3f}        | "
            f"{overlap.precision:>6.3f}{overlap.recall:>7.3f}{overlap.f1:>7.3f}")
    return "\n".join(lines)
