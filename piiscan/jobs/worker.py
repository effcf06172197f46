"""The detached worker: `python -m piiscan.jobs.worker [--home DIR] JOB_ID`.

Started by `start_pii_entities_detection_job` in its own session, so it outlives the
command that started it. It opens the job store, runs the job to its end and exits;
if it dies instead, `describe`/`list` notice the dead process and report the job FAILED.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import time

from piiscan.jobs.dask import SCHEDULER_VARIABLE, dask_executor, scheduler_address
from piiscan.jobs.inputs import JobFailedError
from piiscan.jobs.models import ErrorCode, JobStatus
from piiscan.jobs.runner import run_job
from piiscan.jobs.store import open_store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="piiscan-worker", description=__doc__)
    parser.add_argument("--home", help="the piiscan state directory (default PIISCAN_HOME)")
    parser.add_argument("--workers", type=int, help="processes to use (default: every core); with a "
                        "scheduler, chunks to run at once (default: the cluster's threads)")
    parser.add_argument("--scheduler", help="a Dask scheduler to run the chunks on "
                                            f"(default: {SCHEDULER_VARIABLE})")
    parser.add_argument("job_id")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s",
                        stream=sys.stderr)
    try:
        store = open_store(args.home)
        address = scheduler_address(args.scheduler, os.environ)
        if address is None:
            job = run_job(args.job_id, store, workers=args.workers)
        else:
            try:
                with dask_executor(address) as executor:
                    job = run_job(args.job_id, store, workers=args.workers or executor.threads,
                                  executor=executor)
            except JobFailedError as failure:  # no cluster: the job never started
                job = store.update(args.job_id, {JobStatus.SUBMITTED, JobStatus.STOP_REQUESTED},
                                   status=JobStatus.FAILED, end_time=time.time(),
                                   message=str(failure))
    except Exception as error:  # the store itself failed (a full disk): say so if it can
        logging.exception("job %s: the worker failed", args.job_id)
        with contextlib.suppress(Exception):
            open_store(args.home).update(
                args.job_id, {JobStatus.SUBMITTED, JobStatus.IN_PROGRESS, JobStatus.STOP_REQUESTED},
                status=JobStatus.FAILED, end_time=time.time(),
                message=f"{ErrorCode.INTERNAL_SERVER_ERROR}: the worker failed: "
                        f"{type(error).__name__}: {error}")
        return 1
    return 0 if job is not None else 1


if __name__ == "__main__":
    raise SystemExit(main())
