"""Job commands of the `piiscan` command line, named as the AWS CLI names them.

    piiscan start-pii-entities-detection-job --cli-input-json file://job.json [--wait]
    piiscan start-pii-entities-detection-job --input-uri samples/docs --output-uri out \\
        --mode ONLY_OFFSETS --wait
    piiscan describe-pii-entities-detection-job --job-id ID
    piiscan list-pii-entities-detection-jobs [--filter JobStatus=COMPLETED] [--max-results N]
    piiscan stop-pii-entities-detection-job --job-id ID

Responses print as JSON (times as ISO-8601, as the AWS CLI prints them). `--wait`
follows the job to its end with a progress bar on stderr, prints the final Describe
answer, and exits 5 if the job ended FAILED or STOPPED.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from piiscan.errors import InvalidFilterException, InvalidRequestException
from piiscan.jobs.models import TERMINAL
from piiscan.jobs.service import JobService, default_service
from piiscan.jobs.store import default_home


class UsageError(Exception):
    """A required flag is missing (exit 2, as argparse's own usage errors)."""


def store_home(args: argparse.Namespace) -> Path:
    """The state directory a command uses."""
    return Path(args.home) if getattr(args, "home", None) else default_home()


def _print(value: Any) -> None:
    def default(item: Any) -> str:
        if isinstance(item, datetime):
            return item.isoformat()
        raise TypeError(f"cannot print {type(item).__name__}")
    sys.stdout.write(json.dumps(value, indent=4, ensure_ascii=False, default=default) + "\n")
    sys.stdout.flush()


def load_cli_input_json(value: str) -> dict[str, Any]:
    """`file://path` or inline JSON, as the AWS CLI's --cli-input-json takes it."""
    text = value
    if not value.strip():
        raise UsageError("--cli-input-json is empty; give JSON or file://PATH")
    if value.startswith("file://"):
        try:
            text = Path(value[len("file://"):]).read_text(encoding="utf-8")
        except OSError as error:
            raise InvalidRequestException(f"--cli-input-json: cannot read {value}: "
                                          f"{error.strerror or error}") from None
    try:
        request = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidRequestException(f"--cli-input-json: not valid JSON: {error}") from None
    if not isinstance(request, dict):
        raise InvalidRequestException("--cli-input-json: the JSON must be an object")
    return request


def _service(args: argparse.Namespace) -> JobService:
    return default_service(args.home, getattr(args, "workers", None),
                           getattr(args, "scheduler", None))


def _flag_request(args: argparse.Namespace) -> dict[str, Any]:
    request: dict[str, Any] = (load_cli_input_json(args.cli_input_json)
                               if args.cli_input_json is not None else {})
    if args.input_uri:
        request.setdefault("InputDataConfig", {})["S3Uri"] = args.input_uri
    if args.input_format:
        request.setdefault("InputDataConfig", {})["InputFormat"] = args.input_format
    if args.output_uri:
        request.setdefault("OutputDataConfig", {})["S3Uri"] = args.output_uri
    for flag, member in (("mode", "Mode"), ("job_name", "JobName"),
                         ("language_code", "LanguageCode"),
                         ("data_access_role_arn", "DataAccessRoleArn"),
                         ("client_request_token", "ClientRequestToken"),
                         ("output_layout", "PiiscanOutputLayout")):
        if getattr(args, flag):
            request[member] = getattr(args, flag)
    request.setdefault("LanguageCode", "en")
    for member, flag in (("InputDataConfig", "--input-uri"), ("OutputDataConfig", "--output-uri"),
                         ("Mode", "--mode")):
        if member not in request:
            raise UsageError(f"{flag} is required (or give {member} in --cli-input-json)")
    if args.redact_types or args.mask_mode or args.mask_character:
        config = request.setdefault("RedactionConfig", {})
        if args.redact_types:
            config["PiiEntityTypes"] = args.redact_types
        if args.mask_mode:
            config["MaskMode"] = args.mask_mode
        if args.mask_character:
            config["MaskCharacter"] = args.mask_character
    return request


def _progress(properties: dict[str, Any]) -> str:
    progress = properties.get("PiiscanProgress") or {}
    done, total = progress.get("DocumentsProcessed") or 0, progress.get("DocumentsTotal")
    if not total:
        return f"{properties['JobStatus']:<14} {done} documents"
    width = 30
    filled = int(width * min(done, total) / total)
    return (f"{properties['JobStatus']:<14} [{'#' * filled}{'.' * (width - filled)}] "
            f"{100 * done // total:3d}% {done}/{total} documents")


def wait_for(service: JobService, job_id: str, interval: float = 0.2) -> dict[str, Any]:
    """Follow a job to a terminal status, drawing progress on stderr."""
    interactive = sys.stderr.isatty()
    last = ""
    while True:
        properties: dict[str, Any] = service.describe(JobId=job_id)["PiiEntitiesDetectionJobProperties"]
        line = _progress(properties)
        if line != last:
            sys.stderr.write(("\r" + line) if interactive else line + "\n")
            sys.stderr.flush()
            last = line
        if properties["JobStatus"] in TERMINAL:
            if interactive:
                sys.stderr.write("\n")
            return properties
        time.sleep(interval)


def cmd_start(args: argparse.Namespace) -> int:
    """StartPiiEntitiesDetectionJob."""
    service = _service(args)
    response = service.start(**_flag_request(args))
    if not args.wait:
        _print(response)
        return 0
    properties = wait_for(service, response["JobId"])
    _print({"PiiEntitiesDetectionJobProperties": properties})
    if properties["JobStatus"] != "COMPLETED":
        print(f"piiscan: job {response['JobId']} ended {properties['JobStatus']}: "
              f"{properties.get('Message', '')}", file=sys.stderr)
        return 5
    return 0


def cmd_describe(args: argparse.Namespace) -> int:
    """DescribePiiEntitiesDetectionJob."""
    _print(_service(args).describe(JobId=args.job_id))
    return 0


def parse_filter(text: str | None) -> dict[str, Any] | None:
    """`JobStatus=COMPLETED` shorthand (as the AWS CLI takes it) or a JSON object."""
    if text is None:
        return None
    if text.lstrip().startswith("{"):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise InvalidFilterException(f"--filter: not valid JSON: {error}") from None
        return value if isinstance(value, dict) else {"": value}
    result: dict[str, Any] = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        if not sep:
            raise InvalidFilterException(f"--filter: expected Key=Value, got {part!r}")
        result[key.strip()] = value.strip()
    return result


def cmd_list(args: argparse.Namespace) -> int:
    """ListPiiEntitiesDetectionJobs."""
    request: dict[str, Any] = {}
    flt = parse_filter(args.filter)
    if flt is not None:
        request["Filter"] = flt
    if args.max_results is not None:
        request["MaxResults"] = args.max_results
    if args.next_token:
        request["NextToken"] = args.next_token
    _print(_service(args).list(**request))
    return 0


def cmd_stop(args: argparse.Namespace) -> int:
    """StopPiiEntitiesDetectionJob."""
    _print(_service(args).stop(JobId=args.job_id))
    return 0


def positive(text: str) -> int:
    """An argparse type: a whole number of 1 or more."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def add_commands(command: Any) -> None:
    """Register the job commands on the main parser (`command(name, func, help)`)."""
    def home(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--home", help="state directory of the job store (default PIISCAN_HOME, "
                         "else ~/.local/share/piiscan)")

    sub = command("start-pii-entities-detection-job", cmd_start,
                  "Start a PII detection job over a local folder or file (returns at once).")
    sub.add_argument("--cli-input-json", metavar="JSON|file://PATH",
                     help="the StartPiiEntitiesDetectionJob request, as for the AWS CLI")
    sub.add_argument("--input-uri", help="input folder, file or prefix (local path, file:// or s3://)")
    sub.add_argument("--input-format", choices=("ONE_DOC_PER_LINE", "ONE_DOC_PER_FILE"),
                     help="default ONE_DOC_PER_LINE")
    sub.add_argument("--output-uri", help="output prefix (local path, file:// or s3://)")
    sub.add_argument("--mode", choices=("ONLY_OFFSETS", "ONLY_REDACTION"),
                     help="ONLY_OFFSETS: entities as JSON Lines; ONLY_REDACTION: redacted copies")
    sub.add_argument("--job-name", help="a name for the job (List can filter on it)")
    sub.add_argument("--language-code", help="en or es (default en)")
    sub.add_argument("--data-access-role-arn", help="optional locally; sets the account id")
    sub.add_argument("--client-request-token", help="idempotency token")
    sub.add_argument("--redact-types", nargs="+", metavar="TYPE",
                     help="RedactionConfig.PiiEntityTypes (ALL for every type)")
    sub.add_argument("--mask-mode", choices=("MASK", "REPLACE_WITH_PII_ENTITY_TYPE"),
                     help="MASK (default) keeps the length; REPLACE_WITH_PII_ENTITY_TYPE writes "
                          "[TYPE]")
    sub.add_argument("--mask-character", help="one of !@#$%%&*")
    sub.add_argument("--output-layout", choices=("TARBALL", "FILES"),
                     help="output.tar.gz (default) or plain .out files")
    sub.add_argument("--workers", type=positive,
                     help="worker processes (default: every core); with --scheduler, chunks "
                          "run at once (default: the cluster's threads)")
    sub.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                     help="run the chunks on this Dask cluster (default: PIISCAN_DASK_SCHEDULER, "
                          "else local processes; needs the dask extra)")
    sub.add_argument("--wait", action="store_true",
                     help="follow the job to its end with a progress bar on stderr")
    home(sub)

    sub = command("describe-pii-entities-detection-job", cmd_describe,
                  "Show a job's properties, status, progress and output location.")
    sub.add_argument("--job-id", required=True, help="the JobId that start printed")
    home(sub)

    sub = command("list-pii-entities-detection-jobs", cmd_list,
                  "List jobs, optionally filtered by name, status or submit time.")
    sub.add_argument("--filter", help="JobStatus=COMPLETED, JobName=NAME, SubmitTimeBefore=ISO, "
                     "SubmitTimeAfter=ISO, or a JSON object")
    sub.add_argument("--max-results", type=int, help="page size, 1-500 (default 100)")
    sub.add_argument("--next-token", help="the NextToken of the previous page")
    home(sub)

    sub = command("stop-pii-entities-detection-job", cmd_stop,
                  "Ask a running job to stop; it ends STOPPED within seconds, keeping the "
                  "results so far.")
    sub.add_argument("--job-id", required=True, help="the JobId that start printed")
    home(sub)
