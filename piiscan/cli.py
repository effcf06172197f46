"""The command line: thin commands over `piiscan.api`, `piiscan.evaluate` and `piiscan.jobs`.

Data goes to stdout (JSON as the AWS CLI prints it, or redacted text), messages to
stderr. Exit codes (one table, `EXIT_CODES`):

    0  success
    1  the command ran but its check failed (evaluate --min-f1)
    2  usage error (unknown flag, missing argument)
    3  the request was rejected (InvalidRequestException, ValidationException, ...)
    4  a file or folder could not be read or written (an input that is missing or not
       UTF-8, an output path, the job store under PIISCAN_HOME, a full disk)
    5  a job ended FAILED or STOPPED (with --wait)

Every failure is one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from piiscan import api, evaluate
from piiscan.entities import REDACTION_SELECTOR_ALL, EntityType
from piiscan.errors import PiiscanError
from piiscan.jobs import cli as jobs_cli

EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE, EXIT_REJECTED, EXIT_INPUT, EXIT_JOB = 0, 1, 2, 3, 4, 5
EXIT_CODES = {
    EXIT_OK: "success",
    EXIT_CHECK_FAILED: "the command ran but its check failed",
    EXIT_USAGE: "usage error",
    EXIT_REJECTED: "the request was rejected (a Comprehend-named error)",
    EXIT_INPUT: "a file or folder could not be read or written",
    EXIT_JOB: "a job ended FAILED or STOPPED",
}

log = logging.getLogger("piiscan")


class InputError(Exception):
    """An input file could not be read as UTF-8 text."""


class UsageError(Exception):
    """The command line is incomplete in a way argparse cannot see (exit 2)."""


def read_text(source: str) -> str:
    """The UTF-8 text of a file, or of stdin for ``-``."""
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {source}: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{source} is not valid UTF-8 (byte {error.start}: "
                         f"{data[error.start:error.start + 1]!r})") from None


def print_json(value: Any) -> None:
    """Print JSON as the AWS CLI does (indent 4, non-ASCII kept)."""
    sys.stdout.write(json.dumps(value, indent=4, ensure_ascii=False) + "\n")


# -- commands ----------------------------------------------------------------------------

def cmd_detect_pii_entities(args: argparse.Namespace) -> int:
    """Like `aws comprehend detect-pii-entities --text T --language-code en`."""
    print_json(api.DEFAULT_SCANNER.detect(args.text, args.language_code, explain=args.explain))
    return EXIT_OK


def cmd_contains_pii_entities(args: argparse.Namespace) -> int:
    """Like `aws comprehend contains-pii-entities --text T --language-code en`."""
    print_json(api.contains_pii_entities(args.text, args.language_code))
    return EXIT_OK


def _scanner(args: argparse.Namespace) -> api.Scanner:
    types = args.entity_types if getattr(args, "entity_types", None) else None
    if types and REDACTION_SELECTOR_ALL in types:
        types = None
    return api.Scanner(entity_types=types, min_score=args.min_score)


def cmd_detect(args: argparse.Namespace) -> int:
    """Entities of a file (or stdin) of up to 1 MB, as `{"Entities": [...]}`."""
    from piiscan import formats

    text = api.check_text(read_text(args.file), api.DOCUMENT_LIMIT_BYTES)
    api.check_language(args.language_code)
    print_json(formats.detect_response(_scanner(args).find(text), explain=args.explain))
    return EXIT_OK


def cmd_redact(args: argparse.Namespace) -> int:
    """A file (or stdin) redacted as an ONLY_REDACTION job writes it."""
    text = read_text(args.file)
    scanner = api.Scanner(min_score=args.min_score)
    sys.stdout.write(scanner.redact(text, args.entity_types, args.mask_mode, args.mask_character,
                                    args.language_code))
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Precision, recall and F1 per type on labelled corpora."""
    scanner = api.Scanner(min_score=args.min_score)
    worst = 1.0
    results = {}
    for corpus in args.corpora:
        try:
            records = list(evaluate.load_corpus(corpus))
        except OSError as error:
            raise InputError(f"cannot read {corpus}: {error.strerror or error}") from None
        except UnicodeDecodeError as error:
            raise InputError(f"{corpus} is not valid UTF-8 (byte {error.start})") from None
        if args.half:
            records = [r for r in records if evaluate.half(str(r.get("id", ""))) == args.half]
        report = evaluate.evaluate(records, scanner, args.types)
        worst = min(worst, report.total("overlap").f1)
        if args.json:
            results[corpus] = report.to_dict()
        else:
            print(evaluate.format_report(report, corpus))
            for miss in report.misses[: args.show_errors]:
                print(f"  {miss.kind} {miss.type:<28} {miss.record_id}: {miss.context}")
            print()
    if args.json:
        print_json(results)
    if args.min_f1 is not None and worst < args.min_f1:
        log.error("micro F1 (overlap) %.3f is below --min-f1 %.3f", worst, args.min_f1)
        return EXIT_CHECK_FAILED
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    """A labelled corpus, or a job input folder with its expected output, from a seed."""
    from piiscan.testing.generate import generate

    types = args.entity_types or [t.value for t in EntityType]
    target = generate(Path(args.out), count=args.count, seed=args.seed, entity_types=types,
                      output_format=args.format, faker=not args.no_faker,
                      per_file=args.documents_per_file)
    print(f"piiscan: wrote {args.count} documents ({args.format}) to {target}", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Comprehend's wire protocol on HTTP until SIGTERM or Ctrl-C (see piiscan.server)."""
    try:
        from piiscan import server
    except ImportError as error:
        raise UsageError(f"piiscan serve needs the server extra: pip install 'piiscan[server]' "
                         f"({error.name} is missing)") from None
    access = args.access_key or os.environ.get("PIISCAN_ACCESS_KEY")
    secret = args.secret_key or os.environ.get("PIISCAN_SECRET_KEY")
    if bool(access) != bool(secret):
        raise UsageError("give both an access key and a secret key, or neither")
    config = server.ServerConfig(home=args.home, s3_root=args.s3_root, access_key=access,
                                 secret_key=secret, region=args.region)
    print(f"piiscan: serving Comprehend's PII operations on http://{args.host}:{args.port} "
          f"({args.workers or os.cpu_count()} worker processes"
          f"{', signatures checked' if secret else ''}); Ctrl-C or SIGTERM stops it",
          file=sys.stderr)
    server.serve(config, host=args.host, port=args.port, workers=args.workers,
                 log_level="info" if args.verbose else "warning")
    return EXIT_OK


# -- parser ------------------------------------------------------------------------------

def _add_language(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--language-code", default="en", help="en or es (default en)")


def _add_min_score(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--min-score", type=float, default=0.5,
                        help="drop entities scoring below this (default 0.5)")


def build_parser() -> argparse.ArgumentParser:
    """Every command, with help text (tests check that none is missing)."""
    parser = argparse.ArgumentParser(
        prog="piiscan", description="Offline PII detection with Amazon Comprehend's answers.",
        epilog="exit codes: " + "; ".join(f"{k} {v}" for k, v in EXIT_CODES.items()))
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func: Callable[[argparse.Namespace], int], help_text: str
                ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(func=func)
        return sub

    sub = command("detect-pii-entities", cmd_detect_pii_entities,
                  "DetectPiiEntities on --text, printed as the AWS CLI prints it.")
    sub.add_argument("--text", required=True, help="the text (at most 100,000 UTF-8 bytes)")
    _add_language(sub)
    sub.add_argument("--explain", action="store_true",
                     help="add each entity's recognizer, validation and context words")

    sub = command("contains-pii-entities", cmd_contains_pii_entities,
                  "ContainsPiiEntities on --text: the entity types present, with scores.")
    sub.add_argument("--text", required=True, help="the text (at most 100,000 UTF-8 bytes)")
    _add_language(sub)

    sub = command("detect", cmd_detect, "Entities of a file, or of stdin with '-' (up to 1 MB).")
    sub.add_argument("file", help="a UTF-8 text file, or - for stdin")
    sub.add_argument("--entity-types", nargs="+", metavar="TYPE", help="report only these types")
    sub.add_argument("--explain", action="store_true",
                     help="add each entity's recognizer, validation and context words")
    _add_language(sub)
    _add_min_score(sub)

    sub = command("redact", cmd_redact,
                  "Write a file (or stdin) with its PII masked, as an ONLY_REDACTION job does.")
    sub.add_argument("file", help="a UTF-8 text file, or - for stdin")
    sub.add_argument("--entity-types", nargs="+", default=[REDACTION_SELECTOR_ALL], metavar="TYPE",
                     help="types to redact (default ALL)")
    sub.add_argument("--mask-mode", default="MASK", choices=api.MASK_MODES,
                     help="MASK keeps the length; REPLACE_WITH_PII_ENTITY_TYPE writes [TYPE]")
    sub.add_argument("--mask-character", default="*", help="one of !@#$%%&* (default *)")
    _add_language(sub)
    _add_min_score(sub)

    sub = command("evaluate", cmd_evaluate,
                  "Precision, recall and F1 per entity type on labelled JSONL corpora.")
    sub.add_argument("corpora", nargs="+", metavar="CORPUS.jsonl", help="labelled corpora")
    sub.add_argument("--types", nargs="+", metavar="TYPE", help="judge only these types")
    sub.add_argument("--half", choices=evaluate.HALVES,
                     help="only the records of this fixed half of a development corpus "
                          "(tune on one, report both)")
    sub.add_argument("--json", action="store_true", help="print the figures as JSON")
    sub.add_argument("--show-errors", type=int, default=0, metavar="N",
                     help="print the first N false positives and negatives of each corpus")
    sub.add_argument("--min-f1", type=float, metavar="F1",
                     help="exit 1 if any corpus's micro F1 (overlap) is below this")
    _add_min_score(sub)

    sub = command("generate", cmd_generate,
                  "Write a labelled corpus or a job input folder with known PII, from a seed.")
    sub.add_argument("out", help="corpus file (format corpus) or folder (job formats)")
    sub.add_argument("--count", type=int, default=100, help="documents (default 100)")
    sub.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    sub.add_argument("--entity-types", nargs="+", metavar="TYPE", help="types to plant (default all)")
    sub.add_argument("--format", default="corpus", choices=("corpus", "ONE_DOC_PER_LINE",
                                                             "ONE_DOC_PER_FILE"),
                     help="corpus: one JSONL file for evaluate; ONE_DOC_PER_LINE or "
                          "ONE_DOC_PER_FILE: a job input folder with the expected .out records")
    sub.add_argument("--documents-per-file", type=int, default=100,
                     help="documents per input file for ONE_DOC_PER_LINE (default 100)")
    sub.add_argument("--no-faker", action="store_true",
                     help="built-in names and addresses even if Faker is installed")

    sub = command("serve", cmd_serve,
                  "Serve Comprehend's wire protocol, so boto3 and the AWS CLI run against piiscan.")
    sub.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sub.add_argument("--port", type=int, default=8742, help="port (default 8742)")
    sub.add_argument("--workers", type=jobs_cli.positive, metavar="N",
                     help="server processes (default: one per core)")
    sub.add_argument("--home", help="state directory of the job store (default PIISCAN_HOME)")
    sub.add_argument("--s3-root", metavar="DIR",
                     help="serve s3://bucket/key as DIR/bucket/key in job requests")
    sub.add_argument("--region", default="us-east-1",
                     help="region for unsigned requests (signed ones use their own)")
    sub.add_argument("--access-key", help="check SigV4 signatures with this key pair "
                     "(or PIISCAN_ACCESS_KEY); without one, requests are not checked")
    sub.add_argument("--secret-key", help="the secret of --access-key (or PIISCAN_SECRET_KEY)")

    jobs_cli.add_commands(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="piiscan: %(message)s", stream=sys.stderr)
    try:
        return int(args.func(args))
    except PiiscanError as error:
        print(f"piiscan: {error.code}: {error.message}", file=sys.stderr)
        return EXIT_REJECTED
    except InputError as error:
        print(f"piiscan: {error}", file=sys.stderr)
        return EXIT_INPUT
    except (UsageError, jobs_cli.UsageError) as error:
        print(f"piiscan {args.command}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:  # an output path, a full disk
        where = f": {error.filename}" if error.filename else ""
        print(f"piiscan: {error.strerror or error}{where}", file=sys.stderr)
        return EXIT_INPUT
    except sqlite3.Error as error:
        print(f"piiscan: the job store under {jobs_cli.store_home(args)} cannot be used: {error}",
              file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("piiscan: interrupted", file=sys.stderr)
        return 130
