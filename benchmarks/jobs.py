"""Job throughput, scaling and memory, and the latency of the job operations.

    python benchmarks/jobs.py                  # 50 MB per format, 1 worker vs every core
    python benchmarks/jobs.py --mb 500 --formats ONE_DOC_PER_LINE --workers 1   # memory check
    python benchmarks/jobs.py --s3 --mb 2.2 --formats ONE_DOC_PER_FILE   # ~10,000 objects
    python benchmarks/jobs.py --dask --mb 20 --workers 2     # the same jobs on a LocalCluster

With `--s3`, each job also runs over the same input uploaded to moto's S3 server on
127.0.0.1 (output to S3 too), and the ratio of S3 to local throughput is printed, with
the GETs each worker keeps in flight.

Generates an input folder per format with `piiscan generate` (seeded), runs each job
in a fresh process (`--run-one`) so its peak RSS, and that of its pool processes, are
its own, and prints MB/s, documents/s, peak memory and the scaling ratio (throughput
with every core / with one). Then fills a store with 1,000 jobs and times start,
describe, list and stop (medians of 50 calls each).

Each format also runs once in this process, on one worker, with the storage's `open`
counting what is read through it: the input bytes read per input byte (1.00 is each
byte once; a ONE_DOC_PER_LINE part also reads the byte before it and the end of its
last line).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


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


def peak_rss_mib() -> float:
    """This process's own peak resident memory. (Linux keeps `ru_maxrss` across exec, so
    a child started by a big parent, this benchmark holding moto's objects, would report
    the parent's; VmHWM starts afresh with the new program.)"""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(input_dir: str, output_dir: str, input_format: str, workers: int) -> None:
    """Child process: run one job inline; print its figures as JSON."""
    from piiscan.jobs import JobService, JobStatus, open_store

    home = tempfile.mkdtemp()
    service = JobService(open_store(home))
    job_id = service.start(InputDataConfig={"S3Uri": input_dir, "InputFormat": input_format},
                           OutputDataConfig={"S3Uri": output_dir}, Mode="ONLY_OFFSETS",
                           LanguageCode="en")["JobId"]
    address = os.environ.get("PIISCAN_DASK_SCHEDULER")
    cpu_before = _own_cpu()
    began = time.perf_counter()
    if address:
        from distributed import Client

        from piiscan.jobs import run_job
        from piiscan.jobs.dask import dask_executor

        with Client(address) as client:
            workers_before = sum(client.run(_own_cpu).values())
            with dask_executor(address) as executor:
                job = run_job(job_id, service.store, executor=executor)
            seconds = time.perf_counter() - began
            workers_cpu = sum(client.run(_own_cpu).values()) - workers_before
    else:
        job = service.run(job_id, workers=workers)
        seconds = time.perf_counter() - began
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        workers_cpu = children.ru_utime + children.ru_stime
    coordinator_cpu = _own_cpu() - cpu_before
    assert job is not None and job.status == JobStatus.COMPLETED, job
    print(json.dumps({
        "seconds": seconds, "documents": job.documents_done,
        "coordinator_cpu": coordinator_cpu, "workers_cpu": workers_cpu,
        "peak_rss_mib": peak_rss_mib(),
        "peak_child_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))


def input_bytes_read(input_dir: Path, input_format: str, output_dir: Path) -> int:
    """Run one job inline here, counting the input bytes read through the storage."""
    from piiscan.jobs import JobService, JobStatus, MemoryStore
    from piiscan.jobs.local import LocalStorage

    read = 0
    original = LocalStorage.open

    class Counted:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def read(self, size: int = -1) -> bytes:
            nonlocal read
            data: bytes = self.handle.read(size)
            read += len(data)
            return data

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

        def __enter__(self) -> Counted:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

    LocalStorage.open = lambda self, source, offset=0: Counted(original(self, source, offset))
    try:
        service = JobService(MemoryStore())
        job_id = service.start(InputDataConfig={"S3Uri": str(input_dir),
                                                "InputFormat": input_format},
                               OutputDataConfig={"S3Uri": str(output_dir)},
                               Mode="ONLY_OFFSETS", LanguageCode="en")["JobId"]
        job = service.run(job_id, workers=1)
        assert job is not None and job.status == JobStatus.COMPLETED, job
    finally:
        LocalStorage.open = original
    return read


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def start_s3() -> tuple[object, str]:
    """moto's S3 server on a free loopback port; its endpoint."""
    import socket

    from moto.server import ThreadedMotoServer

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    server.start()
    return server, f"http://127.0.0.1:{port}"


def upload(folder: Path, bucket: str, endpoint: str) -> None:
    """Every file below `folder` to `s3://bucket/input/...`, 16 at a time."""
    from concurrent.futures import ThreadPoolExecutor

    import boto3

    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="bench", aws_secret_access_key="bench")
    client.create_bucket(Bucket=bucket)
    files = [p for p in folder.rglob("*") if p.is_file()]
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda p: client.upload_file(
            str(p), bucket, "input/" + p.relative_to(folder).as_posix()), files))


def s3_environment(endpoint: str) -> dict[str, str]:
    return {**os.environ, "AWS_ENDPOINT_URL_S3": endpoint, "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "us-east-1"}


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
    parser.add_argument("--s3", action="store_true",
                        help="also run each job over the same input on a loopback S3 server")
    parser.add_argument("--dask", action="store_true",
                        help="also run each job on a local Dask cluster of as many worker "
                             "processes (the dask extra)")
    parser.add_argument("--run-one", nargs=4, metavar=("IN", "OUT", "FORMAT", "WORKERS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_one:
        run_one(args.run_one[0], args.run_one[1], args.run_one[2], int(args.run_one[3]))
        return 0
    cores = os.cpu_count() or 1
    worker_counts = args.workers or sorted({1, cores})
    s3_server, endpoint = start_s3() if args.s3 else (None, "")
    clusters: dict[int, Any] = {}
    if args.dask:
        from distributed import LocalCluster

        clusters = {w: LocalCluster(n_workers=w, threads_per_worker=1, processes=True,
                                    dashboard_address=":0", host="127.0.0.1")
                    for w in worker_counts}
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        print(f"cores: {cores}")
        for input_format in args.formats:
            folder = root / input_format
            documents, size = make_input(folder, input_format, args.mb, args.docs_per_line)
            bucket = input_format.lower().replace("_", "-")
            if args.s3:
                upload(folder / "input", bucket, endpoint)
            figures = {}
            for workers in worker_counts:
                places = [("local", str(folder / "input"), str(root / "out"), None)]
                if args.dask:
                    places.append(("dask", str(folder / "input"), str(root / "out"),
                                   {**os.environ, "PIISCAN_DASK_SCHEDULER":
                                    clusters[workers].scheduler_address}))
                if args.s3:
                    places.append(("s3", f"s3://{bucket}/input/", f"s3://{bucket}/out-{workers}/",
                                   s3_environment(endpoint)))
                for place, source, target, environment in places:
                    result = subprocess.run(
                        [sys.executable, __file__, "--run-one", source, target, input_format,
                         str(workers)], capture_output=True, text=True, check=True,
                        env=environment)
                    f = json.loads(result.stdout.strip().splitlines()[-1])
                    figures[(workers, place)] = f
                    shutil.rmtree(root / "out", ignore_errors=True)
                    print(f"{input_format:<17} {place:<5} workers={workers}: "
                          f"{size / 1e6 / f['seconds']:6.2f} MB/s "
                          f"{f['documents'] / f['seconds']:8.0f} docs/s  {f['seconds']:7.1f} s  "
                          f"peak RSS {f['peak_rss_mib']:.0f} MiB (pool process "
                          f"{f['peak_child_rss_mib']:.0f} MiB)  [{size / 1e6:.1f} MB, "
                          f"{documents} documents]  coordinator CPU "
                          f"{f['coordinator_cpu']:.1f} s = "
                          f"{f['coordinator_cpu'] / max(f['workers_cpu'], 1e-9):.0%} of the workers'")
                if args.dask:
                    ratio = figures[(workers, "local")]["seconds"] / figures[(workers, "dask")]["seconds"]
                    print(f"{input_format:<17} dask / local pool with {workers} workers: "
                          f"{ratio:.2f} (target >= 0.85)")
                if args.s3:
                    from piiscan.jobs.runner import PREFETCH

                    ratio = figures[(workers, "local")]["seconds"] / figures[(workers, "s3")]["seconds"]
                    in_flight = PREFETCH * workers if input_format == "ONE_DOC_PER_FILE" else workers
                    print(f"{input_format:<17} s3 / local with {workers} workers: {ratio:.2f} "
                          f"(GETs in flight: up to {in_flight})")
            read = input_bytes_read(folder / "input", input_format, root / "out")
            shutil.rmtree(root / "out", ignore_errors=True)
            print(f"{input_format:<17} input bytes read: {read:,} of {size:,} "
                  f"= {read / size:.3f} per input byte")
            figures = {w: figures[(w, "local")] for w in worker_counts}
            if len(figures) > 1:
                low, high = min(figures), max(figures)
                ratio = figures[low]["seconds"] / figures[high]["seconds"]
                print(f"{input_format:<17} scaling {high} vs {low} workers: {ratio:.2f}x "
                      f"(target >= {0.8 * high / low:.2f}x)")
            shutil.rmtree(folder, ignore_errors=True)
        if s3_server is not None:
            s3_server.stop()  # type: ignore[attr-defined]
        for cluster in clusters.values():
            cluster.close()
        if not args.skip_operations:
            timings = time_operations(root)
            print("operations with 1,000 jobs in the store (median ms): " +
                  ", ".join(f"{name} {ms:.1f}" for name, ms in timings.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
