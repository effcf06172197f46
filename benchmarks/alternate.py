"""Two piiscan checkouts in one process, taking turns on the same documents.

    python benchmarks/alternate.py --baseline /tmp/base --profile mixed
    python benchmarks/alternate.py --baseline . --profile mixed     # A/A: the method's bias

On a shared machine the speed of a whole process drifts by a fifth from one minute to
the next, so `throughput.py`'s separate processes can disagree from one call to the
next. Here both versions live in one process (the baseline's package copied to a
temporary folder under the name `piiscan_baseline`, its imports renamed) and scan the
same chunk of 100 documents one after the other, chunk by chunk: a slow minute slows
both. Each round's figure is the CPU time of `Scanner.find` over the whole corpus; the
ratio printed is the median over rounds of baseline time / this checkout's time (above 1:
this checkout is faster). The one that runs second in each chunk gains a little from the
documents being in the cache: an A/A run (`--baseline .`) shows how much (about 0.98).
"""

from __future__ import annotations

import argparse
import importlib
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import PROFILES, make_corpus

RENAMED = "piiscan_baseline"
CHUNK_DOCUMENTS = 100


def copy_renamed(checkout: Path, into: Path) -> None:
    """`checkout`/piiscan as `into`/piiscan_baseline, every import of piiscan renamed."""
    target = into / RENAMED
    shutil.copytree(checkout / "piiscan", target)
    word = re.compile(r"\bpiiscan(?=[.\s\"'])")
    for path in target.rglob("*.py"):
        path.write_text(word.sub(RENAMED, path.read_text("utf-8")), "utf-8")


def scanner(package: str):
    """A scanner of `package`, with what it defers compiled (when it can)."""
    built = importlib.import_module(f"{package}.api").Scanner()
    if hasattr(built, "prepare"):
        built.prepare()
    return built


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, required=True, help="another checkout's folder")
    parser.add_argument("--profile", choices=sorted(PROFILES), default="mixed", help="the corpus")
    parser.add_argument("--mb", type=float, default=0.3, help="corpus size in MB (default 0.3)")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the corpus (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    args = parser.parse_args()
    documents = make_corpus(args.mb, args.seed, args.profile)
    megabytes = sum(len(d.encode("utf-8")) for d in documents) / 1e6
    with tempfile.TemporaryDirectory() as folder:
        copy_renamed(args.baseline.resolve(), Path(folder))
        sys.path.insert(0, folder)
        this, baseline = scanner("piiscan"), scanner(RENAMED)
        for document in documents[:CHUNK_DOCUMENTS]:  # warm both
            this.find(document)
            baseline.find(document)
        chunks = [documents[i:i + CHUNK_DOCUMENTS] for i in range(0, len(documents), CHUNK_DOCUMENTS)]
        ratios, mine, theirs = [], [], []
        for _ in range(args.rounds):
            a = b = 0.0
            for chunk in chunks:
                started = time.process_time()
                for document in chunk:
                    this.find(document)
                middle = time.process_time()
                for document in chunk:
                    baseline.find(document)
                a, b = a + middle - started, b + time.process_time() - middle
            mine.append(megabytes / a)
            theirs.append(megabytes / b)
            ratios.append(b / a)
    print(f"{args.profile}: {len(documents)} documents, {megabytes:.2f} MB, {args.rounds} rounds")
    print(f"this checkout {statistics.median(mine):.3f} MB/s, baseline {statistics.median(theirs):.3f} MB/s "
          f"(CPU time, medians)")
    print(f"speed ratio this / baseline: median {statistics.median(ratios):.3f} "
          f"(min {min(ratios):.3f}, max {max(ratios):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
