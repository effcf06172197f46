"""Load on `piiscan serve`: boto3 clients sending DetectPiiEntities, against the library.

    python benchmarks/server.py                       # 1 and 8 and 64 clients; 1 and N workers
    python benchmarks/server.py --clients 1 8 --seconds 5 --workers 1

Starts `python -m piiscan serve --workers W` on a free loopback port for each W (1 and
the core count), then for each number of concurrent clients C runs C unmodified boto3
clients (threads spread over a few client processes, so the clients' own CPU is not one
GIL) for a fixed time, each sending realistic documents (the throughput benchmark's
'typical' profile: e-mails and notes of 1-3 kB, 20% without PII). Prints requests/s,
latency p50/p99, errors and botocore retries, and the ratio of the server's documents/s
to the library's documents/s in one process on the same documents (measured first, here).
Then the extra latency of one Detect round trip of a 1 kB document over the library call
(medians), and each server worker's resident memory.

The clients run on the same machine as the server and take CPU from it: on a small
machine the ratio with N workers is bounded by that, and the report says how much CPU
the clients used. `--server-cpus 1 --client-cpus 0 --workers 1` keeps them apart. So it
also reports the server's CPU time per request (its worker processes', read from /proc)
and the CPU ratio: the library's CPU per document over the server's CPU per request, the
throughput ratio the server reaches when its N cores are its own.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import make_corpus

THREADS_PER_PROCESS = 16


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pin(cpus: set[int] | None) -> None:
    """Run this process (and what it starts) on `cpus` only (None: anywhere)."""
    if cpus:
        os.sched_setaffinity(0, cpus)


def start_server(home: Path, workers: int, cpus: set[int] | None = None
                 ) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "piiscan", "serve", "--port", str(port), "--workers", str(workers)],
        env={**os.environ, "PIISCAN_HOME": str(home)}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    if cpus:  # before it has imported anything, so its worker processes inherit it
        os.sched_setaffinity(process.pid, cpus)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    endpoint = f"http://127.0.0.1:{port}"
    client = make_client(endpoint)
    for _ in range(workers * 4):  # every worker process has loaded its word lists
        client.detect_pii_entities(Text="Warm up: Jane Doe, 212-67-4013", LanguageCode="en")
    return process, endpoint


def make_client(endpoint: str):  # type: ignore[no-untyped-def]
    import boto3
    from botocore.config import Config

    return boto3.client("comprehend", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="bench", aws_secret_access_key="bench",
                        config=Config(max_pool_connections=THREADS_PER_PROCESS,
                                      retries={"mode": "standard"}))


def client_process(endpoint: str, documents: list[str], threads: int, seconds: float,
                   results: multiprocessing.Queue,  # type: ignore[type-arg]
                   cpus: set[int] | None = None) -> None:
    """`threads` boto3 clients sending documents for `seconds`; put their figures."""
    pin(cpus)
    latencies: list[float] = []
    errors = retries = 0
    lock = threading.Lock()
    start = time.monotonic()
    cpu = time.process_time()

    def run(offset: int) -> None:
        nonlocal errors, retries
        client = make_client(endpoint)
        index = offset
        mine: list[float] = []
        while time.monotonic() - start < seconds:
            text = documents[index % len(documents)]
            index += threads
            began = time.perf_counter()
            try:
                answer = client.detect_pii_entities(Text=text, LanguageCode="en")
                mine.append(time.perf_counter() - began)
                with lock:
                    retries += answer["ResponseMetadata"]["RetryAttempts"]
            except Exception:
                with lock:
                    errors += 1
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    results.put((latencies, errors, retries, time.process_time() - cpu))


def load(endpoint: str, documents: list[str], clients: int, seconds: float,
         cpus: set[int] | None = None) -> dict[str, float]:
    processes = max(1, -(-clients // THREADS_PER_PROCESS))
    per = [clients // processes + (1 if n < clients % processes else 0) for n in range(processes)]
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    started = time.monotonic()
    children = [multiprocessing.Process(target=client_process,
                                        args=(endpoint, documents[n::processes], threads,
                                              seconds, queue, cpus))
                for n, threads in enumerate(per)]
    for child in children:
        child.start()
    figures = [queue.get() for _ in children]
    for child in children:
        child.join()
    elapsed = time.monotonic() - started
    latencies = sorted(x for f in figures for x in f[0])
    return {"requests": len(latencies), "per_second": len(latencies) / seconds,
            "p50": statistics.median(latencies) if latencies else float("nan"),
            "p99": latencies[int(0.99 * (len(latencies) - 1))] if latencies else float("nan"),
            "errors": sum(f[1] for f in figures), "retries": sum(f[2] for f in figures),
            "client_cpu": sum(f[3] for f in figures) / elapsed}


def library_rate(documents: list[str], seconds: float) -> tuple[float, float]:
    """Documents/s of the library in this process (one core), and its CPU seconds per
    document."""
    import piiscan

    piiscan.detect_pii_entities("Warm up: Jane Doe, 212-67-4013")
    done, began, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - began < seconds:
        piiscan.detect_pii_entities(documents[done % len(documents)])
        done += 1
    return done / (time.perf_counter() - began), (time.process_time() - cpu) / done


def server_cpu(server: subprocess.Popen[bytes]) -> float:
    """CPU seconds used so far by the server and its worker processes."""
    from piiscan.testing.processes import children

    total = 0
    for pid in [server.pid, *children(server.pid)]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def round_trip_overhead(endpoint: str, samples: int = 300) -> tuple[float, float]:
    """Median seconds of a 1 kB Detect in process and over the wire, interleaved."""
    import piiscan

    text = ("Please call Jane Doe at (206) 555-0100 about invoice 4471; she lives at "
            "123 Main Street, Seattle, WA 98109. " * 12)[:1000]
    client = make_client(endpoint)
    local, remote = [], []
    for _ in range(samples):
        began = time.perf_counter()
        piiscan.detect_pii_entities(text)
        local.append(time.perf_counter() - began)
        began = time.perf_counter()
        client.detect_pii_entities(Text=text, LanguageCode="en")
        remote.append(time.perf_counter() - began)
    return statistics.median(local), statistics.median(remote)


def worker_memory(server: subprocess.Popen[bytes]) -> list[float]:
    """Resident MiB of the server's worker processes (its children, or itself)."""
    from piiscan.testing.processes import children

    pids = sorted(children(server.pid))
    sizes = []
    for pid in pids or [server.pid]:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 64])
    parser.add_argument("--workers", type=int, nargs="+",
                        default=sorted({1, os.cpu_count() or 1}))
    parser.add_argument("--seconds", type=float, default=10.0, help="per load step (default 10)")
    parser.add_argument("--server-cpus", type=int, nargs="+", metavar="CPU",
                        help="run the server (and the library measure) on these CPUs only")
    parser.add_argument("--client-cpus", type=int, nargs="+", metavar="CPU",
                        help="run the clients on these CPUs only (so they take none of the "
                             "server's)")
    args = parser.parse_args(argv)
    server_cpus = set(args.server_cpus) if args.server_cpus else None
    client_cpus = set(args.client_cpus) if args.client_cpus else None
    documents = [d for d in make_corpus(1.0, 3, "typical") if len(d.encode()) <= 100_000]
    everywhere = os.sched_getaffinity(0)
    pin(server_cpus)
    single, library_cpu = library_rate(documents, args.seconds)
    os.sched_setaffinity(0, everywhere)
    print(f"{os.cpu_count()} cores; {len(documents)} documents of the 'typical' profile "
          f"(mean {statistics.mean(len(d) for d in documents):.0f} characters)")
    print(f"library, one process: {single:.1f} documents/s, {library_cpu * 1000:.3f} ms of CPU "
          "per document\n")
    print("workers  clients  requests/s      p50 ms   p99 ms  p99/p50  errors  retries  "
          "ratio to N x library  clients' CPU  server CPU/request  CPU ratio")
    with tempfile.TemporaryDirectory() as scratch:
        for workers in args.workers:
            server, endpoint = start_server(Path(scratch) / f"home{workers}", workers,
                                            server_cpus)
            try:
                for clients in args.clients:
                    before = server_cpu(server)
                    figures = load(endpoint, documents, clients, args.seconds, client_cpus)
                    per_request = (server_cpu(server) - before) / max(1, figures["requests"])
                    ratio = figures["per_second"] / (workers * single)
                    print(f"{workers:>7}  {clients:>7}  {figures['per_second']:>10.1f}  "
                          f"{figures['p50'] * 1000:>10.2f}  {figures['p99'] * 1000:>7.2f}  "
                          f"{figures['p99'] / figures['p50']:>7.1f}  {figures['errors']:>6}  "
                          f"{figures['retries']:>7}  {ratio:>20.2f}  "
                          f"{figures['client_cpu']:>8.2f} cores  "
                          f"{per_request * 1000:>15.3f} ms  {library_cpu / per_request:>9.2f}")
                local, remote = round_trip_overhead(endpoint)
                memory = worker_memory(server)
                print(f"{workers:>7}  one 1 kB Detect: library {local * 1000:.2f} ms, over the "
                      f"wire {remote * 1000:.2f} ms (+{(remote - local) * 1000:.2f} ms); "
                      f"worker RSS {', '.join(f'{m:.0f}' for m in memory)} MiB")
            finally:
                server.terminate()
                server.wait(timeout=60)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
