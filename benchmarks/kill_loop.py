"""Kill -9 of a job's worker, round after round: what is left running or half-written?

    python benchmarks/kill_loop.py                    # 10 rounds on a 20 MB line job
    python benchmarks/kill_loop.py --rounds 3 --mb 5

Generates a line-per-document input (`piiscan generate`, seeded), then for each round
starts the job as the CLI does (a detached worker over every core), waits a random
time while the job runs, and sends SIGKILL to the worker. It then measures:
- how long until Describe reports the job FAILED (the target: within 5 s);
- how many processes of the job (the worker and its pool processes, counted at the kill
  in the column "pool") are alive 5 s after the kill (target 0);
- how many bytes of staging and temporary data are left in the job's folder (target 0);
- whether anything unreadable sits at a final output path (target: never).
A round in which the job COMPLETED before the kill is counted as such. Uses only the
standard library and /proc (Linux).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from jobs import make_input

from piiscan.jobs import open_store
from piiscan.jobs.service import JobService, detached_launcher
from piiscan.testing.processes import alive, children


def leftover_bytes(folder: Path) -> int:
    staged = [p for p in (folder / ".staging").rglob("*") if p.is_file()] \
        if (folder / ".staging").exists() else []
    temporary = list(folder.glob("output/.*.tmp"))
    return sum(p.stat().st_size for p in staged + temporary)


def readable(tarball: Path) -> bool:
    try:
        with tarfile.open(tarball) as archive:
            for member in archive.getmembers():
                extracted = archive.extractfile(member)
                if extracted is not None:
                    extracted.read()
        return True
    except (OSError, tarfile.TarError, EOFError):
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10, help="kills (default 10)")
    parser.add_argument("--mb", type=float, default=20, help="input size in MB (default 20)")
    parser.add_argument("--seed", type=int, default=20261206, help="random waits (seeded)")
    parser.add_argument("--wait", type=float, nargs=2, default=(1.0, 8.0), metavar=("MIN", "MAX"),
                        help="seconds to let the job run before the kill (default 1 8)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        documents, size = make_input(root / "data", "ONE_DOC_PER_LINE", args.mb)
        print(f"input: {documents} documents, {size / 1e6:.1f} MB; {args.rounds} rounds")
        home = root / "home"
        service = JobService(open_store(home), launcher=detached_launcher(home), home=home)
        print("round  waited  pool  status     failed after  alive at +5 s  leftover bytes  output")
        failures = 0
        for round_ in range(1, args.rounds + 1):
            started = service.start(InputDataConfig={"S3Uri": str(root / "data" / "input")},
                                    OutputDataConfig={"S3Uri": str(root / "out")},
                                    Mode="ONLY_OFFSETS", LanguageCode="en")
            job_id = started["JobId"]
            worker = service.store.get(job_id).worker_pid
            waited = rng.uniform(*args.wait)
            time.sleep(waited)
            family = children(worker) | {worker}
            killed = time.monotonic()
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker, signal.SIGKILL)
            status, failed_after = "?", float("nan")
            while time.monotonic() < killed + 30:
                properties = service.describe(JobId=job_id)["PiiEntitiesDetectionJobProperties"]
                status = properties["JobStatus"]
                if status in ("FAILED", "COMPLETED", "STOPPED"):
                    failed_after = time.monotonic() - killed
                    break
                time.sleep(0.05)
            time.sleep(max(0.0, killed + 5 - time.monotonic()))
            running = sum(1 for pid in family if alive(pid))
            folder = root / "out" / f"000000000000-PII-{job_id}"
            left = leftover_bytes(folder)
            tarball = folder / "output" / "output.tar.gz"
            output = ("readable" if readable(tarball) else "UNREADABLE") if tarball.exists() \
                else "none"
            bad = (status == "FAILED" and failed_after > 5) or running or left or \
                output == "UNREADABLE" or (status == "FAILED" and output != "none") or \
                status not in ("FAILED", "COMPLETED")
            failures += bool(bad)
            print(f"{round_:>5}  {waited:5.1f} s  {len(family) - 1:>4}  {status:<9}  "
                  f"{failed_after:10.2f} s  "
                  f"{running:>13}  {left:>14}  {output}{'  <- over target' if bad else ''}")
        print(f"\n{args.rounds - failures}/{args.rounds} rounds met every target")
        return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
