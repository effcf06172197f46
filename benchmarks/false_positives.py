"""False positives on text with no PII: entities per 10,000 characters.

    python benchmarks/false_positives.py [--show 10]

Sources (no personal data in any, so every entity is false):
- prose: docstrings of the Python standard library (real English technical prose);
- code: standard-library source with comments and string literals removed;
- logs: this machine's /var/log/dpkg.log (package names, versions, archs). Its
  timestamps are real dates, which Comprehend reports as DATE_TIME, so DATE_TIME is
  not counted as false there;
- tables: generated tables of numbers (integers, decimals, percentages, ratios, ranges);
- catalogue: a generated product catalogue (SKUs, model names, prices, stock, ratings).
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import io
import random
import tokenize
import warnings
from collections import Counter
from pathlib import Path

from piiscan import DEFAULT_SCANNER

MODULES = ("collections", "itertools", "functools", "textwrap", "string", "statistics", "heapq",
           "bisect", "fractions", "json", "csv", "argparse", "pathlib", "shutil", "tarfile",
           "zipfile", "gzip", "logging", "unittest", "datetime", "calendar", "decimal", "random",
           "difflib", "enum", "dataclasses", "typing", "asyncio", "sqlite3", "http.client",
           "urllib.parse", "email.message", "html.parser", "xml.dom.minidom", "subprocess",
           "threading", "queue", "socket", "ssl", "hashlib", "hmac", "secrets", "uuid", "base64",
           "struct", "array", "math", "cmath", "operator", "contextlib", "abc", "copy", "pprint",
           "reprlib", "locale", "gettext", "codecs", "unicodedata", "re", "glob", "fnmatch",
           "tempfile", "io", "os", "sys", "time", "sched", "selectors", "signal", "mmap",
           "configparser", "tomllib", "plistlib", "netrc", "mimetypes", "binascii", "zlib",
           "lzma", "bz2", "pickle", "shelve", "dbm", "doctest", "pdb", "timeit", "trace",
           "tracemalloc", "inspect", "ast", "dis", "tokenize", "keyword", "symtable",
           "importlib", "pkgutil", "runpy", "warnings", "weakref", "types", "graphlib")


def docstrings(modules: tuple[str, ...] = MODULES) -> list[str]:
    """The docstrings (over 80 characters) of the functions and classes of `modules`,
    each once, in order. (scripts/fit_name_weights.py trains on other modules' ones.)"""
    parts = []
    for name in modules:
        with warnings.catch_warnings():  # some modules and members warn they are deprecated
            warnings.simplefilter("ignore", DeprecationWarning)
            try:
                module = importlib.import_module(name)
            except ImportError:
                continue
            for _, member in inspect.getmembers(module):
                doc = inspect.getdoc(member) if callable(member) or inspect.isclass(member) \
                    else None
                if doc and len(doc) > 80:
                    parts.append(doc)
    return list(dict.fromkeys(parts))


def prose() -> str:
    return "\n\n".join(docstrings())


def code() -> str:
    parts = []
    for name in MODULES[:40]:
        try:
            source = inspect.getsource(importlib.import_module(name))
        except (ImportError, OSError, TypeError):
            continue
        kept = []
        try:
            for token in tokenize.generate_tokens(io.StringIO(source).readline):
                if token.type in (tokenize.COMMENT, tokenize.STRING):
                    continue
                kept.append(token.string)
        except (tokenize.TokenError, IndentationError):
            continue
        parts.append(" ".join(kept))
    return "\n".join(parts)


def logs(limit: int = 400_000) -> str:
    path = Path("/var/log/dpkg.log")
    return path.read_text(errors="replace")[:limit] if path.exists() else ""


def tables(rng: random.Random, rows: int = 3000) -> str:
    lines = ["year | units | revenue | margin | ratio | range | growth"]
    for _ in range(rows):
        lines.append(" | ".join([
            str(rng.randint(1950, 2030)), f"{rng.randint(0, 9_999_999):,}",
            f"{rng.uniform(0, 1e6):,.2f}", f"{rng.uniform(-50, 90):.1f}%",
            f"{rng.randint(1, 20)}:{rng.randint(1, 20)}", f"{rng.randint(1, 500)}-{rng.randint(501, 999)}",
            f"{rng.uniform(-1, 1):+.4f}", str(rng.randint(0, 10**6)), f"{rng.random():.6f}"]))
    return "\n".join(lines)


ADJECTIVES = ("Ultra", "Pro", "Mini", "Max", "Classic", "Smart", "Eco", "Turbo", "Compact", "Deluxe")
NOUNS = ("Blender", "Kettle", "Drill", "Router", "Monitor", "Backpack", "Lamp", "Speaker", "Desk",
         "Chair", "Toaster", "Camera", "Tripod", "Charger", "Headset", "Keyboard")


def catalogue(rng: random.Random, rows: int = 3000) -> str:
    lines = []
    for _ in range(rows):
        model = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.randint(100, 9000)}"
        lines.append(
            f"SKU {rng.randint(100000, 999999)}-{rng.choice('ABCDEFGH')}{rng.randint(10, 99)} | "
            f"{model} | ${rng.randint(5, 2500)}.{rng.randint(0, 99):02d} | "
            f"{rng.randint(0, 500)} in stock | rated {rng.uniform(1, 5):.1f}/5 from "
            f"{rng.randint(0, 20000):,} reviews | weight {rng.uniform(0.1, 40):.2f} kg | "
            f"EAN {rng.randint(10**12, 10**13 - 1)} | v{rng.randint(1, 9)}.{rng.randint(0, 20)}")
    return "\n".join(lines)


def measure(name: str, text: str, ignore: set[str], show: int) -> tuple[int, int]:
    found = Counter()
    examples = []
    for start in range(0, len(text), 50_000):  # documents of 50,000 characters
        chunk = text[start:start + 50_000]
        for span in DEFAULT_SCANNER.find(chunk):
            if span.type in ignore:
                continue
            found[span.type] += 1
            if len(examples) < show:
                examples.append(f"    {span.type}: {chunk[max(0, span.start - 30):span.end + 30]!r}")
    total = sum(found.values())
    rate = 10_000 * total / max(1, len(text))
    print(f"{name:<10} {len(text):>9} chars  {total:>5} false entities  {rate:6.2f} per 10k chars  "
          + ", ".join(f"{t} {n}" for t, n in found.most_common(6)))
    for line in examples:
        print(line)
    return total, len(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=0, help="examples to print per source")
    args = parser.parse_args()
    rng = random.Random(1)
    sources = [("prose", prose(), set()), ("code", code(), set()),
               ("logs", logs(), {"DATE_TIME"}), ("tables", tables(rng), set()),
               ("catalogue", catalogue(rng), set())]
    totals = [measure(name, text, ignore, args.show) for name, text, ignore in sources if text]
    entities, characters = map(sum, zip(*totals, strict=True))
    print(f"{'all':<10} {characters:>9} chars  {entities:>5} false entities  "
          f"{10_000 * entities / characters:6.2f} per 10k chars (target <= 1)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
