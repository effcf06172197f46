"""`piiscan serve` inside a test session: a real server on a free loopback port.

Like moto's `ThreadedMotoServer`: `ThreadedServer` runs piiscan's ASGI application under
uvicorn in a background thread of this process, on a port the kernel picks, and stops
it again. The pytest plugin's `piiscan_endpoint` fixture yields its URL for a session:

    import boto3

    def test_my_code(piiscan_endpoint):
        comprehend = boto3.client("comprehend", endpoint_url=piiscan_endpoint,
                                  region_name="us-east-1", aws_access_key_id="test",
                                  aws_secret_access_key="test")
        found = comprehend.detect_pii_entities(Text="SSN 212-67-4013", LanguageCode="en")
        assert found["Entities"][0]["Type"] == "SSN"

Needs the `server` extra (uvicorn).
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

from piiscan.server import Application, ServerConfig


class ThreadedServer:
    """piiscan's server on `127.0.0.1:<free port>` in a daemon thread (`url` when started)."""

    def __init__(self, config: ServerConfig | None = None, host: str = "127.0.0.1") -> None:
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        if config is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="piiscan-server-")
            config = ServerConfig(home=str(Path(self._scratch.name) / "home"))
        self.config = config
        self.host = host
        self.url = ""
        self._server: object | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> str:
        """Start serving; return the endpoint URL."""
        import uvicorn

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # accepted connections inherit it: without it, a reply written in two pieces
        # waits ~40 ms for the client's delayed ACK (measured with uvicorn's h11 parser)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((self.host, 0))
        port = sock.getsockname()[1]
        config = uvicorn.Config(Application(self.config), log_level="warning", lifespan="on",
                                server_header=False, date_header=False)
        server = uvicorn.Server(config)
        self._server = server
        self._thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]},
                                        name="piiscan-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("piiscan's test server did not start")
            time.sleep(0.01)
        self.url = f"http://{self.host}:{port}"
        return self.url

    def stop(self) -> None:
        """Stop serving and wait for the thread; remove the scratch home."""
        if self._server is not None:
            self._server.should_exit = True  # type: ignore[attr-defined]
        if self._thread is not None:
            self._thread.join(timeout=30)
        if self._scratch is not None:
            self._scratch.cleanup()

    def __enter__(self) -> ThreadedServer:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()


__all__ = ["ThreadedServer"]
