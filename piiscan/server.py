"""`piiscan serve`: Comprehend's wire protocol over HTTP, so boto3 and the AWS CLI work
unchanged against piiscan (only the endpoint changes).

An ASGI application (`create_app`) run by uvicorn, a well-kept production HTTP server:
HTTP/1.1 keep-alive, slow and vanishing clients handled by its event loop, TCP_NODELAY
(asyncio sets it on every TCP connection; without it each call waits ~45 ms for a
delayed ACK), graceful shutdown on SIGTERM, and several worker processes, since
detection is CPU-bound. This module only decodes a request, dispatches it to
`piiscan.comprehend.ComprehendClient` and encodes the answer; the protocol's shapes live
in `piiscan.wire`.

- `POST /` with `X-Amz-Target: Comprehend_20171127.<Operation>` and a JSON body, for the
  six PII operations; answers carry `x-amzn-RequestId`; errors are `{"__type",
  "message"}` with the model's HTTP status. `GET /health` answers `{"status": "ok"}`.
- The region is the one the client signs for (SigV4 credential scope) and appears in
  JobArns. Signatures are checked only when the server has credentials.
- Job paths are absolute local paths or `file:///...` URIs (the server's working folder
  is no caller's), or `s3://bucket/key`: objects in S3 (or the S3-compatible store the
  server's environment names, `AWS_ENDPOINT_URL_S3`), or, when the server has an S3
  root, the local `S3_ROOT/bucket/key`; answers show such paths as `s3://` again.
- Describe answers carry the job's progress in the header `x-piiscan-progress`
  (`done/total`), since botocore drops unmodeled members; a Start request's Tag
  `piiscan:OutputLayout` = `FILES` asks for plain `.out` files.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from piiscan import sigv4, wire
from piiscan.api import DEFAULT_SCANNER
from piiscan.comprehend import ComprehendClient
from piiscan.errors import (
    InvalidRequestException,
    InvalidSignatureException,
    PiiscanError,
    RequestEntityTooLargeException,
    SerializationException,
)
from piiscan.jobs.service import JobService, detached_launcher
from piiscan.jobs.store import default_home, open_store

log = logging.getLogger(__name__)

DEFAULT_PORT = 8742  # clashes with neither LocalStack (4566) nor moto (5000)
DEFAULT_REGION = "us-east-1"
MAX_BODY_BYTES = 4 * 1024 * 1024  # a 100 KB text escaped as JSON stays far below it
INLINE_BODY_BYTES = 16 * 1024  # a Detect this small holds the event loop a few ms at most
LAYOUT_TAG = "piiscan:OutputLayout"
CONFIG_VARIABLE = "PIISCAN_SERVE_CONFIG"

_DETECTIONS = ("detect_pii_entities", "contains_pii_entities")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


@dataclass(frozen=True)
class ServerConfig:
    """What `piiscan serve` was started with (passed to each worker process as JSON)."""

    home: str | None = None
    s3_root: str | None = None
    access_key: str | None = None
    secret_key: str | None = None
    region: str = DEFAULT_REGION
    max_body_bytes: int = MAX_BODY_BYTES

    def to_environment(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_environment(cls) -> ServerConfig:
        raw = os.environ.get(CONFIG_VARIABLE)
        return cls(**json.loads(raw)) if raw else cls()


class _Paths:
    """Local paths for the URIs of job requests, and back (`s3://` under an S3 root)."""

    def __init__(self, s3_root: str | None) -> None:
        self.root = Path(s3_root).resolve() if s3_root else None

    def to_local(self, uri: Any, member: str, *, bucket_must_exist: bool = True) -> Any:
        if not isinstance(uri, str):
            return uri  # the service reports the wrong type
        if uri.startswith("s3://"):
            if self.root is None:
                return uri  # S3 itself, or what the server's AWS_ENDPOINT_URL_S3 names
            bucket, _, key = uri[len("s3://"):].partition("/")
            parts = [p for p in key.split("/") if p]
            if not bucket or bucket in (".", "..") or "/" in bucket or ".." in parts:
                raise InvalidRequestException(f"{member}: {uri[:64]!r} is not a valid S3 URI")
            if bucket_must_exist and not (self.root / bucket).is_dir():
                raise InvalidRequestException(
                    f"{member}: the bucket {bucket!r} does not exist under this server's S3 root")
            local = self.root / bucket / key
            return str(local) + ("/" if key.endswith("/") else "")
        path = uri[len("file://"):] if uri.startswith("file://") else uri
        if not path.startswith("/"):
            raise InvalidRequestException(
                f"{member}: a server cannot tell whose working folder a relative path means; "
                "give an absolute path, a file:/// URI or an s3:// URI")
        return uri

    def to_uri(self, path: Any) -> Any:
        if self.root is None or not isinstance(path, str):
            return path
        plain = path[len("file://"):] if path.startswith("file://") else path
        if plain.startswith(str(self.root) + "/"):
            return "s3://" + plain[len(str(self.root)) + 1:]
        return path


class Application:
    """The ASGI application (see the module docstring)."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.paths = _Paths(config.s3_root)
        self.home = Path(config.home) if config.home else default_home()
        self._store = open_store(self.home)
        self._clients: dict[str, ComprehendClient] = {}
        self._lock = threading.Lock()  # one SQLite connection: job calls take turns
        # Detection is CPU-bound, and more cores mean more worker processes, not threads. A
        # small Detect or Contains is answered on the event loop (the hop to a thread cost
        # ~0.1 ms of CPU per request, a fifth of the HTTP overhead); a large one, and every
        # job call, goes to this one thread, so the event loop keeps answering small
        # requests meanwhile instead of queueing them behind a 100 KB document.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="piiscan-detect")

    # -- ASGI --------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if scope["method"] == "GET" and scope["path"] in ("/health", "/ping"):
            await _reply(send, 200, b'{"status":"ok"}', {})
            return
        request_id = str(uuid.uuid4())
        extra: dict[str, str] = {}
        try:
            if scope["method"] != "POST":
                raise SerializationException("piiscan serve takes POST / (and GET /health)")
            body = await self._body(headers, receive)
            operation = wire.operation(headers.get("x-amz-target"))
            if operation.method in _DETECTIONS and len(body) <= INLINE_BODY_BYTES:
                answer, extra = self.handle(scope, headers, body, operation)
            else:
                loop = asyncio.get_running_loop()
                answer, extra = await loop.run_in_executor(
                    self._executor, self.handle, scope, headers, body, operation)
            status, payload = 200, wire.encode_response(answer)
        except PiiscanError as error:
            status, payload = wire.error_response(error)
            extra = {"x-amzn-errortype": error.code}
        except Exception:
            log.exception("request %s failed", request_id)
            status, payload = wire.internal_error()
        await _reply(send, status, payload, {"x-amzn-requestid": request_id, **extra})

    async def _body(self, headers: dict[str, str], receive: Receive) -> bytes:
        limit = self.config.max_body_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise RequestEntityTooLargeException(
                f"The request body is {declared} bytes; piiscan serve takes at most {limit}")
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise SerializationException("The client went away before the body ended")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise RequestEntityTooLargeException(
                    f"The request body is over {limit} bytes, the most piiscan serve takes")
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                DEFAULT_SCANNER.prepare()  # first requests take their steady time
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self._executor.shutdown(wait=True)
                self._store.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    # -- one request ----------------------------------------------------------------------

    def handle(self, scope: Scope, headers: dict[str, str], body: bytes,
               operation: wire.Operation) -> tuple[dict[str, Any], dict[str, str]]:
        """Check, decode, dispatch; return the answer and extra response headers."""
        content_type = headers.get("content-type", "").split(";")[0].strip()
        if content_type not in (wire.CONTENT_TYPE, "application/json"):
            raise SerializationException(
                f"Content-Type must be {wire.CONTENT_TYPE}, as AWS SDKs send it")
        credentials = sigv4.scope(headers.get("authorization"))
        if self.config.secret_key is not None:
            self._check_signature(scope, headers, body, credentials)
        region = credentials.region if credentials else self.config.region
        arguments = wire.decode_request(operation, body)
        client = self._client(region)
        if operation.method in _DETECTIONS:
            answer: dict[str, Any] = getattr(client, operation.method)(**arguments)
            return answer, {}
        if operation.method == "start_pii_entities_detection_job":
            arguments = self._local_request(arguments)
        with self._lock:
            answer = getattr(client, operation.method)(**arguments)
        return self._shown(answer), self._progress_header(answer)

    def _check_signature(self, scope: Scope, headers: dict[str, str], body: bytes,
                         credentials: sigv4.Scope | None) -> None:
        if credentials is None or credentials.access_key != self.config.access_key:
            raise InvalidSignatureException(
                "The request is not signed with this server's access key")
        if not sigv4.signature_matches(scope["method"], scope["path"],
                                       scope.get("query_string", b"").decode("latin-1"),
                                       headers, body, self.config.secret_key or ""):
            raise InvalidSignatureException(
                "The request signature we calculated does not match the signature you provided")

    def _client(self, region: str) -> ComprehendClient:
        with self._lock:
            if region not in self._clients:
                service = JobService(self._store, launcher=detached_launcher(self.home),
                                     region=region, home=self.home)
                self._clients[region] = ComprehendClient(service=service)
            return self._clients[region]

    def _local_request(self, request: dict[str, Any]) -> dict[str, Any]:
        """A Start request with local paths, and the output layout from its Tag."""
        request = dict(request)
        for member, must_exist in (("InputDataConfig", True), ("OutputDataConfig", True)):
            config = request.get(member)
            if isinstance(config, dict) and "S3Uri" in config:
                request[member] = {**config, "S3Uri": self.paths.to_local(
                    config["S3Uri"], f"{member}.S3Uri", bucket_must_exist=must_exist)}
        for tag in request.get("Tags") or []:
            if isinstance(tag, dict) and tag.get("Key") == LAYOUT_TAG:
                request["PiiscanOutputLayout"] = tag.get("Value")
        return request

    def _shown(self, answer: dict[str, Any]) -> dict[str, Any]:
        """The answer with local paths under the S3 root written as s3:// URIs again."""
        def fix(properties: dict[str, Any]) -> dict[str, Any]:
            properties = dict(properties)
            for member in ("InputDataConfig", "OutputDataConfig"):
                if isinstance(properties.get(member), dict):
                    config = dict(properties[member])
                    config["S3Uri"] = self.paths.to_uri(config.get("S3Uri"))
                    properties[member] = config
            return properties

        if "PiiEntitiesDetectionJobProperties" in answer:
            return {**answer, "PiiEntitiesDetectionJobProperties":
                    fix(answer["PiiEntitiesDetectionJobProperties"])}
        if "PiiEntitiesDetectionJobPropertiesList" in answer:
            return {**answer, "PiiEntitiesDetectionJobPropertiesList":
                    [fix(p) for p in answer["PiiEntitiesDetectionJobPropertiesList"]]}
        return answer

    @staticmethod
    def _progress_header(answer: dict[str, Any]) -> dict[str, str]:
        progress = (answer.get("PiiEntitiesDetectionJobProperties") or {}).get("PiiscanProgress")
        if not progress:
            return {}
        total = progress.get("DocumentsTotal")
        done = progress.get("DocumentsProcessed") or 0
        return {"x-piiscan-progress": f"{done}/{'' if total is None else total}"}


async def _reply(send: Send, status: int, body: bytes, headers: dict[str, str]) -> None:
    raw = [(b"content-type", wire.CONTENT_TYPE.encode()),
           (b"content-length", str(len(body)).encode())]
    raw += [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def create_app(config: ServerConfig | None = None) -> Application:
    """The application; without `config`, the one `piiscan serve` put in the environment."""
    return Application(config or ServerConfig.from_environment())


def serve(config: ServerConfig, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
          workers: int | None = None, log_level: str = "warning") -> None:
    """Run the server in this process (with `workers` processes) until SIGTERM or Ctrl-C."""
    import uvicorn

    os.environ[CONFIG_VARIABLE] = config.to_environment()
    uvicorn.run("piiscan.server:create_app", factory=True, host=host, port=port,
                workers=workers or os.cpu_count() or 1, log_level=log_level,
                timeout_graceful_shutdown=30, server_header=False, date_header=False,
                access_log=False, proxy_headers=False)


__all__ = ["DEFAULT_PORT", "Application", "ServerConfig", "create_app", "serve"]
