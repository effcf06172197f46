"""Job throughput, scaling and memory, and the latency of the job operations.

    python benchmarks/jobs.py                  # 50 MB per format, 1 worker vs every core
    python benchmarks/jobs.py --mb 500 --formats ONE_DOC_PER_LINE --workers 1   # memory check

Generates an input folder per format with `piiscan generate` (seeded), runs each job
in a fresh process (`--run-one`) so its peak RSS, and that of its pool processes, are
its own, and prints MB/s, documents/s, peak memory and the scaling ratio (throughput
with every core / with one). Then fills a store with 1,000 jobs and times start,
describe, list and stop (medians of 50 calls each).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def join_lines(folder: Path, per_line: int) -> None:
    """Join every `per_line` lines of the generated line files into one (longer documents).

    A job reads at most 1,000,000 lines (spec §11), so large line inputs need longer lines.
    """
    for path in (folder / "input").rglob("*.txt"):
        lines = path.read_text(encoding="utf-8").splitlines()
        joined = [" ".join(lines[i:i + per_line]) for i in range(0, len(lines), per_line)]
        path.write_text("\n".join(joined) + "\n", encoding="utf-8")


def make_input(folder: Path, input_format: str, megabytes: float, per_line: int = 1
               ) -> tuple[int, int]:
    """Generate about `megabytes` of input; return (documents, bytes)."""
    from piiscan.testing.generate import generate

    generate(folder / "sample", count=500, seed=7, output_format=input_format, faker=True)
    sample = sum(p.stat().st_size for p in (folder / "sample" / "input").rglob("*") if p.is_file())
    shutil.rmtree(folder / "sample")
    count = int(megabytes * 1_000_000 * 500 / sample) + 1
    generate(folder, count=count, seed=7, output_format=input_format, faker=True,
             per_file=2_000)
    if per_line > 1 and input_format == "ONE_DOC_PER_LINE":
        join_lines(folder, per_line)
        count = -(-count // per_line)
    files = [p for p in (folder / "input").rglob("*") if p.is_file()]
    return count, sum(p.stat().st_size for p in files)


def run_one(input_dir: str, output_dir: str, input_format: str, workers: int) -> None:
    """Child process: run one job inline; print its figures as JSON."""
    from piiscan.jobs import JobService, JobStatus, open_store

    home = tempfile.mkdtemp()
    service = JobService(open_store(home))
    job_id = service.start(InputDataConfig={"S3Uri": input_dir, "InputFormat": input_format},
                           OutputDataConfig={"S3Uri": output_dir}, Mode="ONLY_OFFSETS",
                           LanguageCode="en")["JobId"]
    began = time.perf_counter()
    job = service.run(job_id, workers=workers)
    seconds = time.perf_counter() - began
    assert job is not None and job.status == JobStatus.COMPLETED, job
    print(json.dumps({
        "seconds": seconds, "documents": job.documents_done,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_child_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))


def time_operations(folder: Path, jobs: int = 1_000, calls: int = 50) -> dict[str, float]:
    """Median milliseconds of each operation with `jobs` jobs in an SQLite store."""
    from piiscan.jobs import JobService, open_store

    service = JobService(open_store(folder / "home"))
    (folder / "ops-in").mkdir(exist_ok=True)
    (folder / "ops-in" / "a.txt").write_text("x\n")
    request = {"InputDataConfig": {"S3Uri": str(folder / "ops-in")},
               "OutputDataConfig": {"S3Uri": str(folder / "ops-out")},
               "Mode": "ONLY_OFFSETS", "LanguageCode": "en"}
    ids = []
    for index in range(jobs):
        ids.append(service.start(**request, JobName=f"job-{index % 10}")["JobId"])
        service.store.update(ids[-1], status="COMPLETED" if index % 3 else "FAILED",
                             end_time=time.time())
    timings: dict[str, list[float]] = {"start": [], "describe": [], "list": [], "stop": []}
    for index in range(calls):
        began = time.perf_counter()
        new_id = service.start(**request)["JobId"]
        timings["start"].append(time.perf_counter() - began)
        began = time.perf_counter()
        service.describe(JobId=ids[index * 7])
        timings["describe"].append(time.perf_counter() - began)
        began = time.perf_counter()
        service.list(Filter={"JobStatus": "COMPLETED"}, MaxResults=100)
        timings["list"].append(time.perf_counter() - began)
        began = time.perf_counter()
        service.stop(JobId=new_id)
        timings["stop"].append(time.perf_counter() - began)
        service.store.update(new_id, status="STOPPED")
    return {name: 1000 * statistics.median(values) for name, values in timings.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50.0, help="input size per format (default 50)")
    parser.add_argument("--formats", nargs="+", default=["ONE_DOC_PER_LINE", "ONE_DOC_PER_FILE"])
    parser.add_argument("--workers", nargs="+", type=int,
                        help="worker counts to compare (default: 1 and every core)")
    parser.add_argument("--skip-operations", action="store_true")
    parser.add_argument("--docs-per-line", type=int, default=1,
                        help="join this many generated documents per line (for large inputs)")
    parser.add_argument("--run-one", nargs=4, metavar=("IN", "OUT", "FORMAT", "WORKERS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_one:
        run_one(args.run_one[0], args.run_one[1], args.run_one[2], int(args.run_one[3]))
        return 0
    cores = os.cpu_count() or 1
    worker_counts = args.workers or sorted({1, cores})
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        print(f"cores: {cores}")
        for input_format in args.formats:
            folder = root / input_format
            documents, size = make_input(folder, input_format, args.mb, args.docs_per_line)
            figures = {}
            for workers in worker_counts:
                out = root / f"out-{input_format}-{workers}"
                result = subprocess.run(
                    [sys.executable, __file__, "--run-one", str(folder / "input"), str(out),
                     input_format, str(workers)], capture_output=True, text=True, check=True)
                figures[workers] = json.loads(result.stdout.strip().splitlines()[-1])
                shutil.rmtree(out, ignore_errors=True)
                f = figures[workers]
                print(f"{input_format:<17} workers={workers}: {size / 1e6 / f['seconds']:6.2f} MB/s "
                      f"{f['documents'] / f['seconds']:8.0f} docs/s  {f['seconds']:7.1f} s  "
                      f"peak RSS {f['peak_rss_mib']:.0f} MiB (pool process {f['peak_child_rss_mib']:.0f}"
                      f" MiB)  [{size / 1e6:.0f} MB, {documents} documents]")
            if len(figures) > 1:
                low, high = min(figures), max(figures)
                ratio = figures[low]["seconds"] / figures[high]["seconds"]
                print(f"{input_format:<17} scaling {high} vs {low} workers: {ratio:.2f}x "
                      f"(target >= {0.8 * high / low:.2f}x)")
            shutil.rmtree(folder, ignore_errors=True)
        if not args.skip_operations:
            timings = time_operations(root)
            print("operations with 1,000 jobs in the store (median ms): " +
                  ", ".join(f"{name} {ms:.1f}" for name, ms in timings.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
