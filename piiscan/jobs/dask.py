"""Run a job's chunks on a Dask cluster (the `dask` extra: ``pip install 'piiscan[dask]'``).

The job's worker process stays the coordinator (state, progress, stop requests, the
output); each chunk, `runner.process_chunk`, becomes a Dask task. A task whose Dask
worker dies is run again elsewhere by Dask itself (a chunk is a pure function of its
documents, so its output is the same wherever it runs); a cluster that goes away ends
the job FAILED, saying so.

    piiscan start-pii-entities-detection-job ... --scheduler tcp://10.0.0.5:8786
    PIISCAN_DASK_SCHEDULER=tcp://10.0.0.5:8786 piiscan serve

>>> scheduler_address(None, {"PIISCAN_DASK_SCHEDULER": "tcp://h:8786"})
'tcp://h:8786'
>>> scheduler_address("tcp://other:8786", {"PIISCAN_DASK_SCHEDULER": "tcp://h:8786"})
'tcp://other:8786'
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from concurrent.futures import Executor

from piiscan.jobs.inputs import JobFailedError
from piiscan.jobs.models import ErrorCode

SCHEDULER_VARIABLE = "PIISCAN_DASK_SCHEDULER"
#: seconds to wait for the scheduler when a job starts (PIISCAN_DASK_CONNECT_SECONDS)
CONNECT_SECONDS = 20.0
CONNECT_VARIABLE = "PIISCAN_DASK_CONNECT_SECONDS"


def scheduler_address(given: str | None, environ: Mapping[str, str]) -> str | None:
    """The scheduler a job uses: the one given, else `PIISCAN_DASK_SCHEDULER`, else none."""
    return given or environ.get(SCHEDULER_VARIABLE) or None


def _connect_seconds() -> float:
    try:
        return max(0.1, float(os.environ.get(CONNECT_VARIABLE, CONNECT_SECONDS)))
    except ValueError:
        return CONNECT_SECONDS


@contextlib.contextmanager
def dask_executor(address: str) -> Iterator[Executor]:
    """An executor whose tasks run on the Dask cluster at `address`, open for the block.

    A missing `distributed` package or a scheduler that does not answer is a
    `JobFailedError` naming the address (never a document)."""
    try:
        from distributed import Client
    except ImportError:
        raise JobFailedError(ErrorCode.INTERNAL_SERVER_ERROR,
                             "running on a Dask cluster needs the dask extra: "
                             "pip install 'piiscan[dask]'") from None
    try:
        client = Client(address, timeout=_connect_seconds(), set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise JobFailedError(ErrorCode.INTERNAL_SERVER_ERROR,
                             f"the Dask scheduler at {address} did not answer: "
                             f"{type(error).__name__}: {error}") from None
    try:
        yield client.get_executor(pure=False)
    finally:
        with contextlib.suppress(Exception):
            client.close()


__all__ = ["SCHEDULER_VARIABLE", "dask_executor", "scheduler_address"]
