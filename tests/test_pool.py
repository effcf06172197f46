"""The process pool: stop requests reach its processes, and killing them never hangs it."""

import os
import struct
import sys
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from piiscan.pool import InlinePool, ProcessPool, choose_pool, stop_requested


def _wait_for_stop(seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if stop_requested():
            return True
        time.sleep(0.01)
    return False


def _write_half_a_result(marker: str) -> None:
    """In a pool process: start a result message of a megabyte, send one byte of it,
    and stay there, as a process killed while it writes a result would."""
    frame = sys._getframe()
    while frame.f_code.co_name != "_process_worker":
        frame = frame.f_back
    writer = frame.f_locals["result_queue"]._writer
    os.write(writer.fileno(), struct.pack("!i", 1 << 20) + b"x")
    Path(marker).touch()
    time.sleep(120)


def _ends_within(action, seconds: float) -> bool:
    thread = threading.Thread(target=action, daemon=True)
    thread.start()
    thread.join(seconds)
    return not thread.is_alive()


def test_a_stop_request_reaches_the_pool_processes():
    pool = ProcessPool(2)
    try:
        assert pool.submit(_wait_for_stop, 0.2).result(timeout=30) is False
        waiting = pool.submit(_wait_for_stop, 60)
        time.sleep(0.2)
        pool.request_stop()
        assert waiting.result(timeout=30) is True
    finally:
        pool.shutdown()


def test_a_process_killed_while_it_writes_a_result_does_not_hang_the_pool(tmp_path):
    marker = tmp_path / "half-written"
    pool = ProcessPool(2)
    future = pool.submit(_write_half_a_result, str(marker))
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert marker.exists()
    time.sleep(0.2)  # the pool's reader has the header and waits for the rest
    pool.terminate()
    assert _ends_within(pool.shutdown, 20)
    with pytest.raises(BrokenProcessPool):
        future.result(timeout=0)


def test_terminate_ends_a_busy_process_and_its_future_fails():
    pool = ProcessPool(1)
    future = pool.submit(time.sleep, 120)
    time.sleep(0.5)
    began = time.monotonic()
    pool.terminate()
    assert _ends_within(pool.shutdown, 20)
    assert time.monotonic() - began < 20
    with pytest.raises(BrokenProcessPool):
        future.result(timeout=0)


def test_choose_pool_runs_one_worker_or_one_chunk_here():
    assert isinstance(choose_pool(1, 10), InlinePool)
    assert isinstance(choose_pool(4, 1), InlinePool)
    many = choose_pool(2, 10)
    try:
        assert isinstance(many, ProcessPool)
        assert many.submit(os.getpid).result(timeout=30) != os.getpid()
    finally:
        many.shutdown()
