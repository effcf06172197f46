"""`s3://` job inputs and outputs on Amazon S3 or any S3-compatible store, with boto3.

The endpoint, credentials and region come from boto3's standard chain: environment
(``AWS_ENDPOINT_URL_S3`` points jobs at MinIO, Ceph or moto), profiles, instance roles.
Requests are retried with backoff (botocore's standard mode), so throttling and a
dropped connection cost time, never a document.

- **Inputs.** ``InputDataConfig.S3Uri`` is a key prefix, as the service defines it:
  every object whose key starts with it is an input (``s3://b/docs`` also selects
  ``docs2.txt``); folder markers (keys ending in ``/``) are skipped. `File` is the key
  after the prefix's last ``/``, as a local prefix names its files. Objects are read as
  streams (line files are never held whole). A bucket or prefix that cannot be listed
  fails the job (``NO_READ_ACCESS_TO_INPUT``); an object that cannot be read becomes
  that document's error record.
- **Roles.** With ``PIISCAN_S3_ASSUME_ROLE=1``, a job's ``DataAccessRoleArn`` is assumed
  (sts:AssumeRole, renewed before it expires) for all its requests; otherwise the role
  only names the account of the job folder, and the standard chain's credentials act.
- **Outputs.** Results are staged locally (owner-only) and uploaded when complete, so
  an object appears whole or not at all: ``output.tar.gz`` (multipart above 8 MiB) or,
  in the FILES layout, one object per ``.out``. ``KmsKeyId`` becomes SSE-KMS on every
  PUT. A run that ends early aborts its multipart uploads (`discard`), so nothing is
  left half-uploaded.

boto3 is the optional extra ``piiscan[s3]``; this module is imported only for ``s3://``.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import tempfile
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

from piiscan.jobs.inputs import InputFile, JobFailedError, display_name
from piiscan.jobs.local import FILE_MODE, WRITE_PROBE, Beat, private_folder
from piiscan.jobs.models import ErrorCode, OutputLayout
from piiscan.jobs.tarball import Slice, publish_file, write_tarball

MULTIPART_THRESHOLD = 8 * 1024 * 1024
UPLOADS_IN_FLIGHT = 8
RETRIES = {"mode": "standard", "max_attempts": 8}


def split_uri(uri: str) -> tuple[str, str]:
    """``s3://bucket/key`` -> (bucket, key).

    >>> split_uri("s3://my-bucket/docs/a.txt"), split_uri("s3://my-bucket")
    (('my-bucket', 'docs/a.txt'), ('my-bucket', ''))
    """
    bucket, _, key = uri[len("s3://"):].partition("/")
    return bucket, key


@functools.cache
def _client_of_process(pid: int, role_arn: str | None = None) -> Any:
    """One boto3 client per process (clients are not fork-safe: a pool process makes its
    own) and role, from boto3's standard chain, or as `role_arn` assumed through STS."""
    import boto3
    from botocore.config import Config

    session = _assumed(role_arn) if role_arn else boto3.session.Session()
    return session.client(
        "s3", config=Config(retries=RETRIES, max_pool_connections=2 * UPLOADS_IN_FLIGHT))


def _assumed(role_arn: str) -> Any:
    """A session acting as `role_arn` (sts:AssumeRole), its credentials renewed before
    they expire, so a long job keeps its access."""
    import boto3
    import botocore.session
    from botocore.credentials import RefreshableCredentials

    sts = boto3.session.Session().client("sts")

    def renew() -> dict[str, str]:
        granted = sts.assume_role(RoleArn=role_arn, RoleSessionName="piiscan-job")["Credentials"]
        return {"access_key": granted["AccessKeyId"], "secret_key": granted["SecretAccessKey"],
                "token": granted["SessionToken"], "expiry_time": granted["Expiration"].isoformat()}

    core = botocore.session.get_session()
    core._credentials = RefreshableCredentials.create_from_metadata(  # botocore's own recipe
        metadata=renew(), refresh_using=renew, method="sts-assume-role")
    return boto3.session.Session(botocore_session=core)


def client(role_arn: str | None = None) -> Any:
    return _client_of_process(os.getpid(), role_arn)


def _code(error: Exception) -> str:
    """What went wrong, in S3's words (never a document's content)."""
    response = getattr(error, "response", None)
    if isinstance(response, dict):
        return str(response.get("Error", {}).get("Code") or type(error).__name__)
    return type(error).__name__


class _Body:
    """An S3 object's body as a binary stream that closes its connection."""

    def __init__(self, body: Any) -> None:
        self._body = body

    def read(self, size: int = -1) -> bytes:
        data: bytes = self._body.read(None if size is None or size < 0 else size)
        return data

    def close(self) -> None:
        self._body.close()

    def __enter__(self) -> _Body:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _sse(kms_key_id: str | None) -> dict[str, str]:
    return {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": kms_key_id} if kms_key_id else {}


@dataclass(frozen=True)
class S3Storage:
    """The `piiscan.jobs.storage.Storage` of ``s3://`` URIs (see the module docstring).

    With `role_arn` (a job's DataAccessRoleArn, when ``PIISCAN_S3_ASSUME_ROLE=1`` asks
    for it), every request acts as that role, assumed through STS.
    """

    scheme: str = "s3"
    role_arn: str | None = None

    def list_inputs(self, uri: str, exclude: str | None = None) -> list[InputFile]:
        from botocore.exceptions import BotoCoreError, ClientError

        bucket, prefix = split_uri(uri)
        base = prefix[: prefix.rfind("/") + 1]
        skip = split_uri(exclude)[1].rstrip("/") + "/" if exclude and \
            split_uri(exclude)[0] == bucket else None
        files = []
        try:
            pages = client(self.role_arn).get_paginator("list_objects_v2").paginate(Bucket=bucket,
                                                                       Prefix=prefix)
            for page in pages:
                for item in page.get("Contents", []):
                    key = item["Key"]
                    if key.endswith("/") or (skip and key.startswith(skip)):
                        continue
                    files.append(InputFile(f"s3://{bucket}/{key}",
                                           display_name(key[len(base):]), int(item["Size"])))
        except (ClientError, BotoCoreError) as error:
            raise JobFailedError(ErrorCode.NO_READ_ACCESS_TO_INPUT,
                                 f"cannot list {uri}: {_code(error)}") from None
        if not files:
            raise JobFailedError(ErrorCode.NO_INPUT_DATA, f"no input objects found at {uri}")
        files.sort(key=lambda f: f.name)
        return files

    def open(self, source: InputFile, offset: int = 0) -> BinaryIO:
        from botocore.exceptions import BotoCoreError, ClientError

        bucket, key = split_uri(source.path)
        ranged = {"Range": f"bytes={offset}-"} if offset else {}
        try:
            body = client(self.role_arn).get_object(Bucket=bucket, Key=key, **ranged)["Body"]
        except (ClientError, BotoCoreError) as error:
            raise OSError(errno.EIO, f"S3 GET failed: {_code(error)}") from None
        return cast(BinaryIO, _Body(body))

    def job_folder(self, prefix: str, name: str) -> str:
        return prefix.rstrip("/") + "/" + name

    def staging(self, folder: str, job_id: str) -> Path:
        root = os.environ.get("PIISCAN_STAGING") or tempfile.gettempdir()
        return Path(root) / f"piiscan-staging-{os.getuid()}" / job_id

    def probe_write(self, prefix: str, kms_key_id: str | None = None) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        bucket, key = split_uri(self.job_folder(prefix, WRITE_PROBE))
        try:
            client(self.role_arn).put_object(Bucket=bucket, Key=key, Body=b"", **_sse(kms_key_id))
        except (ClientError, BotoCoreError) as error:
            code = ErrorCode.NO_WRITE_ACCESS_TO_OUTPUT
            raise JobFailedError(code, f"cannot write to {prefix}: {_code(error)}") from None

    def publish(self, members: Mapping[str, Slice], folder: str, layout: OutputLayout,
                staging: Path, kms_key_id: str | None, beat: Beat) -> None:
        from boto3.s3.transfer import TransferConfig
        from botocore.exceptions import BotoCoreError, ClientError

        bucket, key = split_uri(folder + "/output")
        config = TransferConfig(multipart_threshold=MULTIPART_THRESHOLD,
                                multipart_chunksize=MULTIPART_THRESHOLD)
        extra = _sse(kms_key_id)

        def upload(path: Path, name: str) -> None:
            client(self.role_arn).upload_file(str(path), bucket, f"{key}/{name}", ExtraArgs=extra,
                                 Config=config)

        try:
            if layout == OutputLayout.TARBALL:
                tarball = staging / "output.tar.gz"
                write_tarball(tarball, members, mode=FILE_MODE, on_member=beat)
                upload(tarball, "output.tar.gz")
                return
            files = staging / "output"
            for name, piece in sorted(members.items()):
                private_folder((files / name).parent)
                publish_file(piece, files / name, mode=FILE_MODE)
            with ThreadPoolExecutor(UPLOADS_IN_FLIGHT) as uploads:
                for done in [uploads.submit(upload, files / name, name)
                             for name in sorted(members)]:
                    done.result()
                    beat()
        except (ClientError, BotoCoreError) as error:
            raise JobFailedError(ErrorCode.NO_WRITE_ACCESS_TO_OUTPUT,
                                 f"cannot upload to {folder}/output: {_code(error)}") from None

    def discard(self, folder: str, job_id: str) -> None:
        shutil.rmtree(self.staging(folder, job_id), ignore_errors=True)
        bucket, key = split_uri(folder + "/")
        with contextlib.suppress(Exception):  # cleaning up: the store may be gone too
            s3 = client(self.role_arn)
            for page in s3.get_paginator("list_multipart_uploads").paginate(Bucket=bucket,
                                                                            Prefix=key):
                for upload in page.get("Uploads", []):
                    s3.abort_multipart_upload(Bucket=bucket, Key=upload["Key"],
                                              UploadId=upload["UploadId"])


__all__ = ["S3Storage", "client", "split_uri"]
