"""A process pool whose processes die with their parent, and can be stopped.

Jobs run their chunks on it, and `Scanner.detect_many` its batches.

`ProcessPool` wraps `concurrent.futures.ProcessPoolExecutor`. Each pool process, when it
starts, asks the kernel to kill it when its parent dies (Linux `PR_SET_PDEATHSIG`), and
also watches its parent's pid once a second (any POSIX system), so a worker killed with
`kill -9` leaves no pool process behind. `request_stop()` sets an event that
`stop_requested()` reads inside the pool processes, so a chunk can end between two
documents; `terminate()` ends the processes outright when even that takes too long.

`InlinePool` has the same shape and runs each call at once in this process, for small
jobs and tests. In this process `stop_requested()` is always False. `ExecutorPool` gives
any executor (a Dask cluster's) the same shape; `choose_pool` picks one of the three.

>>> pool = InlinePool()
>>> pool.submit(sum, [1, 2, 3]).result()
6
>>> stop_requested()
False
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from multiprocessing.synchronize import Event
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 1.0  # how often a pool process checks that its parent lives
_KILLED_WAIT_SECONDS = 1.0  # how long `terminate` waits for each killed process to go


class Pool(Protocol):
    """What the runner needs from a pool."""

    def submit(self, function: Callable[..., T], *args: Any) -> Future[T]: ...

    def request_stop(self) -> None: ...

    def terminate(self) -> None: ...

    def shutdown(self) -> None: ...


class _ProcessState:
    """What a pool process knows: set once by `_start_pool_process`, in that process."""

    stop: Event | None = None


def stop_requested() -> bool:
    """True inside a pool process whose pool was asked to stop."""
    return _ProcessState.stop is not None and _ProcessState.stop.is_set()


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watcher below still ends the process
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="piiscan-parent-watch", daemon=True).start()


def _start_pool_process(stop: Event, parent: int, setup: Callable[..., object] | None,
                        setup_args: tuple[Any, ...]) -> None:
    _ProcessState.stop = stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    _die_with_parent(parent)
    if setup is not None:
        setup(*setup_args)


class ProcessPool:
    """`workers` processes that die with this one (see the module docstring); each runs
    `setup(*setup_args)` once when it starts."""

    def __init__(self, workers: int, setup: Callable[..., object] | None = None,
                 setup_args: tuple[Any, ...] = ()) -> None:
        context = multiprocessing.get_context()
        self._stop = context.Event()
        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_start_pool_process,
            initargs=(self._stop, os.getpid(), setup, setup_args))

    def submit(self, function: Callable[..., T], *args: Any) -> Future[T]:
        return self._executor.submit(function, *args)

    def request_stop(self) -> None:
        self._stop.set()

    def terminate(self) -> None:
        """Kill the pool's processes now (their futures fail with BrokenProcessPool).

        A process killed while it writes a result leaves the executor's reader waiting
        for the rest of that message, and the shutdown waiting on the reader, for ever:
        the pipe stays open while any end that writes to it does, and this process holds
        one it never uses. Once the pool's processes are dead, closing that end ends
        the wait (the reader reads end-of-file, and the executor counts itself broken).
        """
        processes = list((getattr(self._executor, "_processes", None) or {}).values())
        for process in processes:
            if process.is_alive():
                process.kill()
        for process in processes:
            process.join(_KILLED_WAIT_SECONDS)
        results = getattr(self._executor, "_result_queue", None)
        if results is not None and not any(process.is_alive() for process in processes):
            results._writer.close()

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


class InlinePool:
    """Runs each call at once in this process (small jobs, one worker, tests)."""

    def submit(self, function: Callable[..., T], *args: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(function(*args))
        except Exception as error:  # delivered through the future, as a pool would
            future.set_exception(error)
        return future

    def request_stop(self) -> None:
        return None

    def terminate(self) -> None:
        return None

    def shutdown(self) -> None:
        return None


class ExecutorPool:
    """Any `concurrent.futures.Executor`-shaped object as a pool: a Dask client's
    executor, say. The executor belongs to the caller: `shutdown` leaves it running. A
    stop request cancels the chunks not started; running ones end on their own (a chunk
    is seconds of work), and `terminate` cancels whatever is left."""

    def __init__(self, executor: Executor) -> None:
        self._executor = executor
        self._futures: list[Future[Any]] = []

    def submit(self, function: Callable[..., T], *args: Any) -> Future[T]:
        future = self._executor.submit(function, *args)
        self._futures = [f for f in self._futures if not f.done()]
        self._futures.append(future)
        return future

    def request_stop(self) -> None:
        for future in self._futures:
            future.cancel()

    def terminate(self) -> None:
        self.request_stop()

    def shutdown(self) -> None:
        self.request_stop()


def choose_pool(workers: int, chunks_expected: int, executor: Executor | None = None) -> Pool:
    """The pool a job runs on: the caller's executor if given; otherwise this process for
    one worker or one chunk, else `workers` processes."""
    if executor is not None:
        return ExecutorPool(executor)
    if workers == 1 or chunks_expected <= 1:
        return InlinePool()
    return ProcessPool(workers)


__all__ = ["ExecutorPool", "InlinePool", "Pool", "ProcessPool", "choose_pool", "stop_requested"]
