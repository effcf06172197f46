"""Run a job's chunks on a Dask cluster (the `dask` extra: ``pip install 'piiscan[dask]'``).

The job's worker process stays the coordinator (state, progress, stop requests, the
output); each chunk, `runner.process_chunk`, becomes a Dask task. A task whose Dask
worker dies is run again elsewhere by Dask itself (a chunk is a pure function of its
documents, so its output is the same wherever it runs); a scheduler that cannot be
reached at the start, or goes away mid-job, ends the job FAILED with a message that
names it: the client cancels most chunks in flight when it loses the scheduler, and
`ClusterExecutor` fails any it leaves unsettled. Chunks describe their inputs (files,
byte ranges of line files) and the Dask workers read them: on a cluster, the input must
be where every worker sees it under the same path (a shared mount), or in S3.

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
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Executor, Future, InvalidStateError
from typing import Any, TypeVar

from piiscan.jobs.inputs import JobFailedError
from piiscan.jobs.models import ErrorCode

T = TypeVar("T")
SCHEDULER_VARIABLE = "PIISCAN_DASK_SCHEDULER"
#: seconds to wait for the scheduler when a job starts (PIISCAN_DASK_CONNECT_SECONDS)
CONNECT_SECONDS = 20.0
CONNECT_VARIABLE = "PIISCAN_DASK_CONNECT_SECONDS"
#: how often a `ClusterExecutor` asks whether its client still has the scheduler
WATCH_SECONDS = 0.1


def scheduler_address(given: str | None, environ: Mapping[str, str]) -> str | None:
    """The scheduler a job uses: the one given, else `PIISCAN_DASK_SCHEDULER`, else none."""
    return given or environ.get(SCHEDULER_VARIABLE) or None


def _connect_seconds() -> float:
    try:
        return max(0.1, float(os.environ.get(CONNECT_VARIABLE, CONNECT_SECONDS)))
    except ValueError:
        return CONNECT_SECONDS


@contextlib.contextmanager
def dask_executor(address: str) -> Iterator[ClusterExecutor]:
    """An executor whose tasks run on the Dask cluster at `address`, open for the block;
    its `threads` is how many tasks the cluster ran at once when it opened.

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
        threads = sum(client.nthreads().values())
        yield ClusterExecutor(client.get_executor(pure=False), address, max(1, threads),
                              connected=lambda: client.status == "running")
    finally:  # the executor's watcher ends once the client is closed
        with contextlib.suppress(Exception):
            client.close()


class ClusterExecutor(Executor):
    """A Dask client's executor whose chunks, when the cluster drops them, fail with a
    `JobFailedError` that names the scheduler; a chunk cancelled by the caller (a stop
    request) is cancelled on the cluster too. `threads`: the cluster's width, which the
    job keeps busy (the coordinator's own cores say nothing about it).

    `connected()` says whether the client still has its scheduler. A thread asks it
    every `WATCH_SECONDS`; once it says no, every chunk not yet settled fails, and so
    does every later one (the thread then ends, as it does when the client is closed).
    The client cancels the chunks it knows of when it loses the scheduler, but not
    always all: a killed scheduler has left one chunk neither done nor cancelled, and
    the job waited for it for ever (about one run in seven of the scheduler-lost test).
    """

    def __init__(self, inner: Executor, address: str, threads: int,
                 connected: Callable[[], bool] = lambda: True) -> None:
        self._inner, self._address, self.threads = inner, address, threads
        self._connected = connected
        self._pending: set[Future[Any]] = set()
        self._gone = False
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="piiscan-dask-watch",
                                         daemon=True)
        self._watcher.start()

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        outer: Future[T] = Future()
        with self._lock:  # the watcher fails what it finds here, or has set `_gone`
            gone = self._gone
            if not gone:
                self._pending.add(outer)
        if gone or not self._connected():
            self._forget(outer)
            outer.set_exception(self._lost())
            return outer
        inner = self._inner.submit(fn, *args, **kwargs)
        outer.add_done_callback(self._forget)
        outer.add_done_callback(lambda done: inner.cancel() if done.cancelled() else None)
        inner.add_done_callback(lambda done: self._settle(outer, done))
        return outer

    def _lost(self) -> JobFailedError:
        return JobFailedError(
            ErrorCode.INTERNAL_SERVER_ERROR,
            f"the Dask scheduler at {self._address} went away mid-job; the job was "
            "not finished and nothing was published")

    def _forget(self, outer: Future[Any]) -> None:
        with self._lock:
            self._pending.discard(outer)

    def _settle(self, outer: Future[T], inner: Future[T]) -> None:
        with contextlib.suppress(InvalidStateError):  # the caller cancelled it first
            if inner.cancelled():
                outer.set_exception(self._lost())
            elif (error := inner.exception()) is not None:
                outer.set_exception(error)
            else:
                outer.set_result(inner.result())

    def _watch(self) -> None:
        while not self._closed.wait(WATCH_SECONDS):
            if not self._connected():
                with self._lock:
                    self._gone = True
                    pending, self._pending = self._pending, set()
                for outer in pending:
                    with contextlib.suppress(InvalidStateError):
                        outer.set_exception(self._lost())
                return

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop watching, and shut the client's executor down (`wait=False` cancels
        its chunks; it has no `cancel_futures` of its own)."""
        self._closed.set()
        self._inner.shutdown(wait=wait)


__all__ = ["SCHEDULER_VARIABLE", "ClusterExecutor", "dask_executor", "scheduler_address"]
